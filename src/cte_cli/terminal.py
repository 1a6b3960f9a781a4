"""Affichage sûr dans un terminal ou un journal de CI : aucun caractère de contrôle venu des
données (valeur YAML, nom de fichier, argument) ne l'atteint brut (docs/securite.md §3).

Une seule notation partout, celle des rapports (`constats.lisible`) : ESC devient `\\x1b`,
U+202E `\\u202e`. La fin de ligne et la tabulation restent des mises en page.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.segment import Segment

#: C0 (hors tabulation et fin de ligne), DEL, C1, marques et contrôles bidirectionnels
CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def echapper(texte: str) -> str:
    r"""`texte` sans caractère de contrôle : chacun est remplacé par sa notation (`\x1b`)."""
    return CONTROLES.sub(_notation, texte) if CONTROLES.search(texte) else texte


def _notation(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


class ConsoleSure(Console):
    """Console rich qui échappe les caractères de contrôle de tout ce qu'elle affiche.

    Les textes sont échappés avant la mise en page (`render_str` : les colonnes d'un tableau
    restent alignées) ; en dernier filet, chaque segment de texte est échappé juste avant
    l'écriture (`Text` construits directement, barres de progression). Les segments de contrôle
    que rich produit lui-même (couleurs, curseur) ne sont pas touchés."""

    def render_str(self, text: str, **options: Any):  # type: ignore[override]
        return super().render_str(echapper(text), **options)

    def _render_buffer(self, buffer: Any) -> str:
        surs = (s if s.control or not CONTROLES.search(s.text) else Segment(echapper(s.text), s.style)
                for s in buffer)
        return super()._render_buffer(surs)
