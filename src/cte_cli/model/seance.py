"""Modèle d'une séance (FORMAT §1, `type: seance`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cte_cli.model.types import DateHeure, DateISO, Identifiant, Modele, Texte


class Representation(Modele):
    membre: Texte
    mandataire: Texte


class Seance(Modele):
    type: Literal["seance"]
    id: Identifiant | None = None
    comite: Identifiant
    date: DateHeure
    lieu: Texte
    nature: Literal["ordinaire", "pleniere", "conference_financeurs", "commission"]
    commission: Identifiant | None = None
    ordre_du_jour: list[Texte]
    presents: list[Texte] | None = None
    representes: list[Representation] | None = None
    convoques_le: DateISO | None = None
    #: séance tenue sans condition de quorum après une nouvelle convocation, envoyée ce jour-là,
    #: portant sur le même ordre du jour et spécifiant qu'aucun quorum n'est exigé (R. 5311-40)
    sans_quorum_apres_convocation_du: DateISO | None = None
    #: durée prévue en minutes (convocation, invitation .ics) ; 120 par défaut
    duree_minutes: int | None = Field(default=None, gt=0, le=1440)
