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
    texte = importlib.import_module(FORMATS[format_]).rendre(resultat)
    return sans_controle(format_, texte)


def sans_controle(format_: str, texte: str) -> str:
    """Le rapport sans caractère de contrôle brut (docs/securite.md §3) : il va dans un terminal
    ou un journal de CI. JSON et XML les écrivent sous leur échappement (`\\u202e`,
    `&#x202e;` : la donnée relue est exacte) ; les autres formats sous la notation des
    messages (`\\x1b`)."""
    import re

    from cte_cli.terminal import CONTROLES, echapper

    if not CONTROLES.search(texte):
        return texte
    if format_ in ("json", "sarif", "gitlab"):  # json.dumps échappe déjà C0 ; restent DEL, C1, bidi
        return CONTROLES.sub(lambda m: f"\\u{ord(m.group()):04x}", texte)
    if format_ == "junit":  # XML 1.0 n'admet pas C0, même en référence : notation pour ceux-là
        texte = re.sub("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]",
                       lambda m: f"&#x{ord(m.group()):x};", texte)
    return echapper(texte)
