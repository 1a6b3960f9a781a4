"""Modèle d'un jeu de paramètres datés et sourcés (FORMAT §1, `type: parametres`).

Les audiences servent à répartir les voix à la plus forte moyenne (R. 5311-38 3° et 4°).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cte_cli.model.types import DateISO, Identifiant, Modele, Texte


class AudienceEmployeurs(Modele):
    entreprises: int = Field(ge=0)
    salaries: int = Field(ge=0)


class Parametres(Modele):
    type: Literal["parametres"]
    id: Identifiant
    valable_du: DateISO
    source: Texte
    verifie_le: DateISO
    syndicats_salaries: dict[str, float] = Field(default_factory=dict)
    organisations_employeurs: dict[str, AudienceEmployeurs] = Field(default_factory=dict)
    #: précisions libres sur les chiffres (mesure, date de publication, limites)
    notes: Texte | None = None
