"""`cte --version` : la version de cte et celles des référentiels embarqués (sans les charger)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DONNEES = Path(__file__).resolve().parent / "referentiel" / "data"
_CONSOLIDATION = re.compile(r"^#.*version consolidée du (\d{4}-\d{2}-\d{2})", re.M)


def millesime_geographie() -> str:
    """« COG 2026 (@etalab/decoupage-administratif 6.0.0) », lu dans geographie.json."""
    source = json.loads((DONNEES / "geographie.json").read_text(encoding="utf-8")).get("source", {})
    return f"{source.get('millesime')} ({source.get('paquet')} {source.get('version')})"


def consolidation_textes() -> list[str]:
    """Dates de consolidation (LEGI) des extraits du code du travail embarqués, sans doublon."""
    dates: list[str] = []
    for fichier in sorted((DONNEES / "legal").glob("*.txt")):
        entete = "".join(ligne for ligne in fichier.read_text(encoding="utf-8").splitlines(keepends=True)[:12]
                         if ligne.startswith("#"))
        dates += [d for d in _CONSOLIDATION.findall(entete) if d not in dates]
    return dates


def description() -> str:
    from cte_cli import __version__

    dates = consolidation_textes()
    textes = (f"code du travail, version consolidée du {', du '.join(dates)} (LEGI, DILA)" if dates
              else "textes cités : date de consolidation inconnue")
    return "\n".join([
        f"cte {__version__}",
        f"Référentiel géographique : {millesime_geographie()}",
        f"Textes embarqués : {textes} ; instruction DGEFP/DAT/2024/92 du 28 juin 2024",
        f"Python {sys.version.split()[0]}",
    ])
