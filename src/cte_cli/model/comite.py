"""Modèle d'un comité (FORMAT §1, `type: comite`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from cte_cli.model.types import (
    COLLEGES,
    CodeCommune,
    CodeDepartement,
    CodeDepartementOuCollectivite,
    CodeRegion,
    DateISO,
    Identifiant,
    Modele,
    Siren,
    Texte,
)

Niveau = Literal["regional", "departemental", "local", "territorial", "territorial_unique"]
#: les collèges du format (FORMAT §1, tableau des collèges), dans l'ordre du décret
College = Literal[COLLEGES]  # type: ignore[valid-type]


class Periode(Modele):
    debut: DateISO
    fin: DateISO


class Arrete(Modele):
    reference: Texte
    date: DateISO


class Ressort(Modele):
    epci: list[Siren] = Field(default_factory=list)
    communes: list[CodeCommune] = Field(default_factory=list)


class President(Modele):
    nom: Texte
    qualite: Texte
    college: College
    email: Texte | None = None
    #: comité sur plusieurs départements : celui dont le préfet copréside (R. 5311-29 1°, R. 5311-35)
    departement: CodeDepartement | None = None


class Suppleant(Modele):
    nom: Texte
    qualite: Texte
    email: Texte | None = None


class Remplace(Modele):
    #: nom du membre remplacé
    nom: Texte
    #: qualité du membre remplacé
    qualite: Texte | None = None


class Membre(Modele):
    nom: Texte
    qualite: Texte
    college: College
    organisation: Texte | None = None
    #: sigle de l'organisation représentée (CFDT, CGT-FO, MEDEF, CGTR…) : l'identifie sans
    #: ambiguïté pour les voix (R. 5311-38 3° et 4°, R. 5523-15-4) ; à défaut, `organisation`
    sigle: Texte | None = None
    #: borne de vraisemblance : une valeur démesurée est une faute de frappe (docs/securite.md)
    voix: int | None = Field(default=None, ge=0, le=1000)
    epci: Siren | None = None
    departement: CodeDepartementOuCollectivite | None = None
    mandat: Periode | None = None
    suppleants: list[Suppleant] = Field(default_factory=list)
    email: Texte | None = None
    #: date de nomination d'un remplaçant (R. 5311-36 : mandat restant à courir)
    remplace_le: DateISO | None = None
    #: membre remplacé : {nom, qualite?} (arrêté modificatif, R. 5311-36)
    remplace: Remplace | None = None
    #: arrêté qui a nommé ce membre, s'il n'est pas l'arrêté de composition : {reference, date}
    arrete: Arrete | None = None


class Invite(Modele):
    nom: Texte
    qualite: Texte
    organisation: Texte | None = None
    email: Texte | None = None


class Commission(Modele):
    id: Identifiant
    nom: Texte
    objet: Texte | None = None
    membres: list[Texte] = Field(default_factory=list)


class PeriodeRotation(Modele):
    debut: DateISO
    fin: DateISO
    departements: list[CodeDepartementOuCollectivite]


class Rotation(Modele):
    mandat: Periode
    sieges: int = Field(ge=0, le=1000)
    periodes: list[PeriodeRotation] = Field(default_factory=list)


class InstanceRemplacee(Modele):
    nom: Texte
    type: Literal["SPER", "SPED", "SPEL", "CDIAE", "CDEI", "autre"]
    devenir: Literal["supprimee", "integree"]


class ReglementInterieur(Modele):
    adopte_le: DateISO | None = None
    reunions_par_an: int | None = Field(default=None, ge=0, le=366)
    secretariat: Texte | None = None
    delai_convocation_jours: int | None = Field(default=None, ge=0, le=366)
    modalites_vote: Texte | None = None
    representation_usagers: Texte | None = None
    commissions_fonctionnement: Texte | None = None
    #: information de la collectivité concernée par une demande d'audit et recueil de son
    #: accord (R. 5311-3-6, comités départementaux, depuis le 27 mars 2026)
    modalites_audit: Texte | None = None


class Audit(Modele):
    """Demande d'audit (comité départemental, R. 5311-3-5) ou signalement de manquements
    (comité local, R. 5311-3-8), et ses suites (R. 5311-3-9, R. 5311-3-12)."""

    #: opérateur ou organisme visé et objet de la demande
    objet: Texte
    #: réception de la demande par le préfet (ou du signalement par les coprésidents)
    recue_le: DateISO
    #: date de la séance plénière à l'ordre du jour de laquelle la demande est inscrite
    inscrite_le: DateISO | None = None
    #: date de la délibération (faire procéder à l'audit ; au comité local, saisir le CDE)
    delibere_le: DateISO | None = None
    #: communication du rapport d'audit (R. 5311-3-12)
    rapport_le: DateISO | None = None
    #: demande adressée par ce comité local au comité départemental (R. 5311-3-10)
    comite_local: Identifiant | None = None


class Comite(Modele):
    type: Literal["comite"]
    id: Identifiant
    niveau: Niveau
    nom: Texte
    region: CodeRegion
    departements: list[CodeDepartement] | None = None
    collectivite: Texte | None = None
    forme: Literal["au_sein_du_crefop", "crefop_renomme"] | None = None
    arrete: Arrete | None = None
    #: arrêté fixant le nombre de voix des membres (R. 5311-38, R. 5311-39) : {reference, date}
    arrete_voix: Arrete | None = None
    #: comité départemental : arrêté fixant le ressort des comités locaux du département
    #: (R. 5311-30) ; comité local interdépartemental : l'arrêté conjoint (R. 5311-35)
    arrete_ressort: Arrete | None = None
    installation: DateISO | None = None
    ressort: Ressort | None = None
    presidents: list[President]
    membres: list[Membre]
    invites: list[Invite] = Field(default_factory=list)
    commissions: list[Commission] = Field(default_factory=list)
    rotation: Rotation | None = None
    instances_remplacees: list[InstanceRemplacee] = Field(default_factory=list)
    reglement_interieur: ReglementInterieur | None = None
    #: dernier réexamen du ressort d'un comité local (instruction DGEFP/DAT/2024/92, fiche 1 §1 :
    #: tous les trois ans) ; à défaut, la date de l'arrêté
    perimetre_revu_le: DateISO | None = None
    #: demandes d'audit et signalements (R. 5311-3-5 à R. 5311-3-13, décret n° 2026-204)
    audits: list[Audit] = Field(default_factory=list)

    def date_reference(self) -> date | None:
        return self.installation or (self.arrete.date if self.arrete else None)
