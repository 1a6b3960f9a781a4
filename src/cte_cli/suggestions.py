"""Suggestions « vouliez-vous dire » pour les fautes de frappe."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def proche(valeur: object, possibles: Iterable[str]) -> str | None:
    texte = str(valeur)
    candidats = list(possibles)
    trouve = difflib.get_close_matches(texte, candidats, n=1, cutoff=0.6)
    if not trouve:
        trouve = difflib.get_close_matches(texte.lower(), candidats, n=1, cutoff=0.6)
    return trouve[0] if trouve else None


def suggestion(valeur: object, possibles: Iterable[str]) -> str:
    """« ; vouliez-vous dire « x » ? » ou chaîne vide."""
    trouve = proche(valeur, possibles)
    return f" ; vouliez-vous dire « {trouve} » ?" if trouve else ""
