"""Présences, mandats et quorum d'une séance (R. 5311-37, R. 5311-40, R. 5311-43).

Fonctions pures sur les modèles `Comite` et `Seance`, sans impression : les documents
(feuille d'émargement, relevé de décisions) et les règles de séance s'en servent.

Conventions (voir docs/documents.md) :

- sièges ayant voix délibérative : les coprésidents et les membres des collèges de
  R. 5311-37 (outre-mer R. 5523-15-4, -12, -25, -37), soit `categories.colleges_votants` ;
  un membre dont le mandat (`mandat`) ne couvre pas le jour de la séance n'occupe pas de siège ;
- un siège est **présent** si son titulaire ou l'un de ses suppléants figure dans `presents`
  (la présence par visioconférence compte, R. 5311-40 et R. 5311-42) ;
- un siège absent est **représenté** s'il figure comme `membre` dans `representes` et que son
  mandataire est présent (R. 5311-43 : mandat à un membre du même collège) ;
- quorum : la moitié au moins des membres ayant voix délibérative présents ou représentés
  (R. 5311-40), soit `2 × (présents + représentés) ≥ votants` ;
- les noms sont comparés sans tenir compte de la casse ni des espaces en trop.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cte_cli.rules import categories as cat


def cle_nom(nom: str) -> str:
    """Forme de comparaison d'un nom : NFC, casse ignorée, espaces réduites."""
    return " ".join(unicodedata.normalize("NFC", nom).casefold().split())


@dataclass(frozen=True, slots=True)
class Siege:
    """Un siège ayant voix délibérative : coprésident ou membre titulaire (avec suppléants)."""

    nom: str
    college: str
    president: bool
    suppleants: tuple[str, ...]
    #: indice dans `presidents` ou `membres` du comité
    indice: int

    def noms(self) -> tuple[str, ...]:
        return (self.nom, *self.suppleants)


@dataclass(frozen=True, slots=True)
class Quorum:
    """Le décompte de R. 5311-40 pour une séance."""

    votants: int
    requis: int
    presents: int
    representes: int
    #: sièges absents dont le mandataire n'est pas présent (mandat sans effet)
    mandats_sans_effet: tuple[str, ...]
    #: séance tenue sans condition de quorum après une nouvelle convocation (R. 5311-40)
    sans_quorum: bool

    @property
    def total(self) -> int:
        return self.presents + self.representes

    @property
    def atteint(self) -> bool:
        return 2 * self.total >= self.votants

    @property
    def peut_deliberer(self) -> bool:
        return self.atteint or self.sans_quorum


def jour_de(seance: Any) -> date:
    moment = seance.date
    return moment.date() if isinstance(moment, datetime) else moment


def en_fonctions(membre: Any, jour: date) -> bool:
    """Le mandat du membre (s'il est renseigné) couvre-t-il ce jour ? (R. 5311-36)"""
    mandat = getattr(membre, "mandat", None)
    return mandat is None or mandat.debut <= jour <= mandat.fin


def sieges_votants(comite: Any, jour: date) -> list[Siege]:
    """Les sièges ayant voix délibérative ce jour-là (R. 5311-37), coprésidents d'abord."""
    votants = set(cat.colleges_votants(comite))
    sieges = [Siege(p.nom, p.college, True, (), i) for i, p in enumerate(comite.presidents)]
    for i, m in enumerate(comite.membres):
        if m.college in votants and en_fonctions(m, jour):
            sieges.append(Siege(m.nom, m.college, False, tuple(s.nom for s in m.suppleants), i))
    return sieges


def requis(votants: int) -> int:
    """Nombre minimal de présents ou représentés : la moitié au moins (R. 5311-40)."""
    return (votants + 1) // 2


def calculer(comite: Any, seance: Any) -> Quorum:
    """Le quorum de la séance d'après `presents` et `representes` (R. 5311-40, R. 5311-43)."""
    sieges = sieges_votants(comite, jour_de(seance))
    presents = {cle_nom(n) for n in seance.presents or ()}
    mandats = {cle_nom(r.membre): cle_nom(r.mandataire) for r in seance.representes or ()}
    n_presents = n_representes = 0
    sans_effet: list[str] = []
    for siege in sieges:
        if any(cle_nom(n) in presents for n in siege.noms()):
            n_presents += 1
        elif (mandataire := mandats.get(cle_nom(siege.nom))) is not None:
            if mandataire in presents:
                n_representes += 1
            else:
                sans_effet.append(siege.nom)
    return Quorum(
        votants=len(sieges),
        requis=requis(len(sieges)),
        presents=n_presents,
        representes=n_representes,
        mandats_sans_effet=tuple(sans_effet),
        sans_quorum=getattr(seance, "sans_quorum_apres_convocation_du", None) is not None,
    )
