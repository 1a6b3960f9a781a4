"""Modèles pydantic v2 du format (FORMAT §1). Importer ce paquet importe pydantic."""

from cte_cli.model.comite import Comite, Membre
from cte_cli.model.feuille_de_route import FeuilleDeRoute
from cte_cli.model.parametres import Parametres
from cte_cli.model.seance import Seance
from cte_cli.model.types import Modele

MODELES: dict[str, type[Modele]] = {
    "comite": Comite,
    "seance": Seance,
    "feuille_de_route": FeuilleDeRoute,
    "parametres": Parametres,
}

__all__ = ["MODELES", "Comite", "FeuilleDeRoute", "Membre", "Parametres", "Seance"]
