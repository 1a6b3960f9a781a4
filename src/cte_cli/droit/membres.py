"""Qui siège un jour donné : mandats en cours, anciens membres gardés pour mémoire.

Un fichier de comité garde souvent un membre remplacé (son `mandat` a pris fin, un successeur
occupe le même siège) : c'est de l'histoire, pas une irrégularité. Les règles de composition et
de voix ne comptent que les membres en fonction ; la règle des mandats échus ne signale un mandat
terminé que si personne ne l'a repris (R. 5311-36 : nouvelle désignation pour la durée restant à
courir).
"""

from __future__ import annotations

import weakref
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


#: nombre de sièges d'une catégorie qui fait d'un siège l'unique de sa clé (un représentant de
#: l'une des missions locales, un par département, un par EPCI, un par organisation)
_SIEGE_UNIQUE = ("un", "un_par_departement", "un_par_epci", "un_par_organisation")
_REMPLACEMENTS: dict[int, tuple[weakref.ref[Any], dict[int, int], tuple[int, ...]]] = {}


def _colleges_a_siege_unique(comite: Any) -> frozenset[str]:
    from cte_cli.droit.categories import composition

    return frozenset(college for c in composition(comite).table if c.nombre in _SIEGE_UNIQUE
                     for college in c.colleges)


def remplacements(comite: Any) -> dict[int, int]:
    """Qui a repris le siège de qui : {indice du membre remplacé : indice de son successeur}.

    1. `remplace: {nom}` sur le successeur le dit explicitement (arrêté modificatif) ;
    2. sinon, un membre qui arrive sur la même clé de siège (collège et département, EPCI ou
       organisation) après la fin du mandat d'un autre lui succède (renouvellement, remplacement) ;
    3. sinon, un remplaçant (`remplace_le`) succède au seul autre membre de son siège quand la
       catégorie n'en compte qu'un (« un représentant de l'une des missions locales », un par
       département, par EPCI, par organisation).
    Ailleurs, rien n'est deviné : un ancien membre gardé dans le fichier garde son siège tant que
    son mandat court ou que `remplace` ne le désigne pas (R. 5311-36)."""
    return _liens(comite)[0]


def remplacants_indetermines(comite: Any) -> tuple[int, ...]:
    """Les remplaçants (`remplace_le`) dont le membre remplacé n'est pas désigné, alors que
    d'autres membres tiennent le même siège (plusieurs représentants de l'État, de la région…) :
    l'ancien membre est peut-être encore au fichier, on ne sait pas lequel (voir `remplacements`)."""
    return _liens(comite)[1]


def _liens(comite: Any) -> tuple[dict[int, int], tuple[int, ...]]:
    """(remplacements, remplaçants indéterminés) du comité, calculés une fois par objet comité
    (gardé tant que le comité vit : la mémoire suit le dépôt, sans limite qui ferait tout
    recalculer au-delà d'une taille)."""
    memo = _REMPLACEMENTS.get(id(comite))
    if memo is not None:
        ref, lien, indetermines = memo
        if ref() is comite:
            return lien, indetermines
    resultat = _calculer_liens(comite)
    cle = id(comite)

    def oublier(_ref: weakref.ref[Any]) -> None:
        _REMPLACEMENTS.pop(cle, None)

    try:
        ref = weakref.ref(comite, oublier)
    except TypeError:  # objet sans référence faible : pas de mémoire
        return resultat
    _REMPLACEMENTS[cle] = (ref, *resultat)
    return resultat


def _calculer_liens(comite: Any) -> tuple[dict[int, int], tuple[int, ...]]:
    from cte_cli.droit.seances import norme

    membres = comite.membres
    lien: dict[int, int] = {}
    index = {norme(m.nom): i for i, m in enumerate(membres)}
    for j, m in enumerate(membres):
        explicite = getattr(m, "remplace", None)
        i = index.get(norme(explicite.nom)) if explicite is not None else None
        if i is not None and i != j and i not in lien:
            lien[i] = j
    uniques = _colleges_a_siege_unique(comite)
    par_siege: dict[tuple[str, str | None], list[int]] = {}
    for i, a in enumerate(membres):
        par_siege.setdefault(siege(a), []).append(i)
    arrivees = sorted((d, j) for j, m in enumerate(membres) if (d := debut(m)) is not None)
    successeurs: set[int] = set(lien.values())
    indetermines: list[int] = []
    for arrivee, j in arrivees:
        if j in successeurs:
            continue
        m = membres[j]
        candidats = [i for i in par_siege[siege(m)] if i != j and i not in lien
                     and ((d := debut(membres[i])) is None or d < arrivee)]
        finis = [i for i in candidats if getattr(membres[i], "mandat", None) is not None
                 and membres[i].mandat.fin < arrivee]
        if finis:
            lien[max(finis, key=lambda i: membres[i].mandat.fin)] = j
            successeurs.add(j)
        elif getattr(m, "remplace_le", None) is not None and m.college in uniques and len(candidats) == 1:
            lien[candidats[0]] = j
            successeurs.add(j)
        elif getattr(m, "remplace_le", None) is not None and candidats:
            indetermines.append(j)
    return lien, tuple(indetermines)


def successeur(comite: Any, i: int) -> int | None:
    """L'indice du membre qui a repris le siège du membre n° `i`, ou None."""
    return remplacements(comite).get(i)


def historique(comite: Any, i: int, jour: date) -> bool:
    """Le membre n° `i` a été remplacé avant `jour` : un successeur occupe son siège."""
    j = successeur(comite, i)
    if j is None:
        return False
    arrivee = debut(comite.membres[j])
    return arrivee is not None and arrivee <= jour


def fin_effective(comite: Any, i: int) -> date | None:
    """Dernier jour où le membre n° `i` occupe son siège : la veille de l'arrivée de son
    successeur, au plus tard la fin de son mandat (None : ni successeur ni mandat)."""
    from datetime import timedelta

    m = comite.membres[i]
    fin = m.mandat.fin if getattr(m, "mandat", None) is not None else None
    j = successeur(comite, i)
    arrivee = debut(comite.membres[j]) if j is not None else None
    if arrivee is not None:
        veille = arrivee - timedelta(days=1)
        fin = veille if fin is None else min(fin, veille)
    return fin


def occupe_siege(comite: Any, i: int, jour: date) -> bool:
    """Le membre n° `i` occupe-t-il un siège du comité ce jour-là, pour la composition et les voix ?
    Oui, sauf s'il n'est pas encore nommé (mandat à venir) ou si un successeur a repris son siège
    (membre gardé pour mémoire). Un mandat échu sans successeur laisse le siège à ce membre : son
    échéance est signalée une fois (mandat-echu), pas en cascade par les règles de composition."""
    m = comite.membres[i]
    mandat = getattr(m, "mandat", None)
    if mandat is not None and mandat.debut > jour:
        return False
    return not historique(comite, i, jour)


def en_fonction_le(membres: list[Any], jour: date) -> list[tuple[int, Any]]:
    """(indice, membre) des membres en fonction ce jour-là."""
    return [(i, m) for i, m in enumerate(membres) if en_fonction(m, jour)]
