"""Qui siège un jour donné : mandats en cours, anciens membres gardés pour mémoire.

Un fichier de comité garde souvent un membre remplacé (son `mandat` a pris fin, un successeur
occupe le même siège) : c'est de l'histoire, pas une irrégularité. Les règles de composition et
de voix ne comptent que les membres en fonction ; la règle des mandats échus ne signale un mandat
terminé que si personne ne l'a repris (R. 5311-36 : nouvelle désignation pour la durée restant à
courir).
"""

from __future__ import annotations

from datetime import date
from typing import Any


def en_fonction(membre: Any, jour: date) -> bool:
    """Le mandat du membre (s'il est écrit) couvre-t-il ce jour ? Sans `mandat`, le membre siège."""
    mandat = getattr(membre, "mandat", None)
    return mandat is None or mandat.debut <= jour <= mandat.fin


def siege(membre: Any) -> tuple[str, str | None]:
    """Le siège qu'occupe un membre : son collège et ce qui le distingue (département représenté,
    EPCI, organisation)."""
    distinction = (getattr(membre, "departement", None) or getattr(membre, "epci", None)
                   or getattr(membre, "sigle", None) or getattr(membre, "organisation", None))
    return membre.college, distinction


def debut(membre: Any) -> date | None:
    """Début de fonction connu : début du mandat, à défaut date de nomination du remplaçant."""
    mandat = getattr(membre, "mandat", None)
    return mandat.debut if mandat is not None else getattr(membre, "remplace_le", None)


def successeur(membres: list[Any], i: int) -> int | None:
    """L'indice d'un membre qui a pris, après lui, le siège du membre n° `i`, ou None."""
    ancien = membres[i]
    depart = debut(ancien)
    if depart is None:
        return None
    cle = siege(ancien)
    for j, m in enumerate(membres):
        if j != i and siege(m) == cle:
            arrivee = debut(m)
            if arrivee is not None and arrivee > depart:
                return j
    return None


def historique(membres: list[Any], i: int, jour: date) -> bool:
    """Le membre n° `i` a fini son mandat avant `jour` et un successeur occupe son siège."""
    m = membres[i]
    return m.mandat is not None and m.mandat.fin < jour and successeur(membres, i) is not None


def occupe_siege(membres: list[Any], i: int, jour: date) -> bool:
    """Le membre n° `i` occupe-t-il un siège du comité ce jour-là, pour la composition et les voix ?
    Oui, sauf s'il n'est pas encore nommé (mandat à venir) ou si un successeur a repris son siège
    (membre gardé pour mémoire). Un mandat échu sans successeur laisse le siège à ce membre : son
    échéance est signalée une fois (mandat-echu), pas en cascade par les règles de composition."""
    m = membres[i]
    mandat = getattr(m, "mandat", None)
    if mandat is not None and mandat.debut > jour:
        return False
    return not historique(membres, i, jour)


def en_fonction_le(membres: list[Any], jour: date) -> list[tuple[int, Any]]:
    """(indice, membre) des membres en fonction ce jour-là."""
    return [(i, m) for i, m in enumerate(membres) if en_fonction(m, jour)]
