"""Rapport JSON (FORMAT §3) : {"version": 1, "constats": [...], "resume": {...}}."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat


def rendre(resultat: Resultat) -> str:
    rapport = {
        "version": 1,
        "constats": [c.en_dict() for c in resultat.constats],
        "resume": resultat.resume.en_dict(),
    }
    return json.dumps(rapport, ensure_ascii=False, indent=2) + "\n"
