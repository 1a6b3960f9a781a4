"""Rapports de validation : texte (terminal) et formats machine (json, …).

`FORMATS` associe chaque nom de format à la fonction `rendre(resultat) -> str` qui le
produit ; le format `texte` est rendu par `reports.texte.rendu(resultat)` (objets rich).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat

#: format -> module qui expose `rendre(resultat) -> str`
FORMATS: dict[str, str] = {
    "json": "cte_cli.reports.json_",
    "github": "cte_cli.reports.github",
    "gitlab": "cte_cli.reports.gitlab",
    "junit": "cte_cli.reports.junit",
    "sarif": "cte_cli.reports.sarif",
}
FORMATS_VALIDATE = ("texte", *FORMATS)


def rendre(format_: str, resultat: Resultat) -> str:
    return importlib.import_module(FORMATS[format_]).rendre(resultat)
