"""Rapport JSON (FORMAT §3) : {"version": 1, "constats": [...], "resume": {...}}."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat


def rendre(resultat: Resultat) -> str:
    """Les constats ignorés (`# cte: ignorer[…] raison`) ne sont pas dans `constats` (un script
    qui compte les erreurs n'en voit pas de fausses) : ils sont dans `ignores`, avec la raison,
    et comptés dans `resume.ignores` ; ces deux clés n'apparaissent que s'il y en a."""
    rapport = {
        "version": 1,
        "constats": [c.en_dict() for c in resultat.constats if c.ignore is None],
        "resume": resultat.resume.en_dict(),
    }
    ignores = [{**c.en_dict(), "ignore": {"raison": c.ignore.raison, "ligne": c.ignore.ligne}}
               for c in resultat.constats if c.ignore is not None]
    if ignores:
        rapport["ignores"] = ignores
    return json.dumps(rapport, ensure_ascii=False, indent=2) + "\n"
