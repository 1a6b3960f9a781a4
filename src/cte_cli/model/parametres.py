"""Modèle d'un jeu de paramètres datés et sourcés (FORMAT §1, `type: parametres`).

Les audiences servent à répartir les voix à la plus forte moyenne (R. 5311-38 3° et 4°).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from cte_cli.model.types import DateISO, Identifiant, Modele, Texte

#: borne de vraisemblance (la France compte quelque 20 millions de salariés) : une valeur
#: démesurée est une faute de frappe (docs/securite.md)
EFFECTIF_MAX = 10**9


class AudienceEmployeurs(Modele):
    entreprises: int = Field(ge=0, le=EFFECTIF_MAX)
    salaries: int = Field(ge=0, le=EFFECTIF_MAX)


class Parametres(Modele):
    type: Literal["parametres"]
    id: Identifiant
    valable_du: DateISO
    source: Texte
    verifie_le: DateISO
    syndicats_salaries: dict[str, Annotated[float, Field(ge=0, allow_inf_nan=False)]] = Field(default_factory=dict)
    organisations_employeurs: dict[str, AudienceEmployeurs] = Field(default_factory=dict)
    #: précisions libres sur les chiffres (mesure, date de publication, limites)
    notes: Texte | None = None
    #: paramètres du droit remplacés par le dépôt : nom -> valeur, ou nom -> {date: valeur}
    #: (`cte regles --parametres` les liste ; vérifiés par la règle parametre-droit-invalide)
    droit: dict[str, Any] = Field(default_factory=dict)
