"""Modèle d'une feuille de route (FORMAT §1, `type: feuille_de_route`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cte_cli.model.comite import Periode
from cte_cli.model.types import DateISO, Identifiant, Modele, Texte

Statut = Literal["a_lancer", "en_cours", "realisee", "abandonnee"]


class Contributeur(Modele):
    acteur: Texte
    role: Texte


class Indicateur(Modele):
    nom: Texte
    unite: Texte | None = None
    valeur_initiale: float | None = None
    cible: float | None = None
    valeur_actuelle: float | None = None
    source: Texte | None = None


class FicheAction(Modele):
    id: Texte
    titre: Texte
    problematique: Texte
    objectif: Texte
    publics: list[Texte] | None = None
    territoires: list[Texte] | None = None
    pilote: Texte
    contributeurs: list[Contributeur] = Field(default_factory=list)
    echeance: DateISO | None = None
    statut: Statut | None = None
    indicateurs: list[Indicateur] = Field(default_factory=list)
    priorite: int | None = None
    #: (extension) lancement tel que le plan source l'écrit : « 1er semestre 2023 », « En continu »
    lancement: Texte | None = None
    #: (extension) mesure du plan source dont relève l'action : « N°1 : Rester vigilant… »
    mesure: Texte | None = None


class Axe(Modele):
    id: Texte
    titre: Texte
    diagnostic: Texte | None = None
    fiches_action: list[FicheAction]
    #: (extension) indicateurs suivis au niveau de l'axe (bloc « Indicateurs » d'un plan d'actions)
    indicateurs: list[Indicateur] = Field(default_factory=list)


class FeuilleDeRoute(Modele):
    type: Literal["feuille_de_route"]
    id: Identifiant | None = None
    comite: Identifiant
    #: (extension) intitulé de la feuille de route (titre du plan d'actions importé)
    titre: Texte | None = None
    periode: Periode
    adoptee_le: DateISO | None = None
    #: nombre d'axes au-delà duquel `cte validate` avertit (instruction DGEFP/DAT/2024/92,
    #: fiche 2 §1.2 : « un nombre d'axes limité ») ; 5 par défaut
    axes_max: int | None = Field(default=None, ge=1)
    axes: list[Axe]
