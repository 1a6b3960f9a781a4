"""Dates et heures en français, sans dépendre de la locale du système.

« mercredi 12 mars 2025 à 14 h 00 », « samedi 1er mars 2025 » : l'usage administratif
(Lexique des règles typographiques en usage à l'Imprimerie nationale). Les heures s'écrivent
avec des espaces insécables (« 14 h 00 » ne se coupe jamais en fin de ligne).
"""

from __future__ import annotations

from datetime import date, datetime, time

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
INSECABLE = "\u00a0"


def quantieme(jour: int) -> str:
    """« 1er » pour le premier du mois, le nombre sinon."""
    return "1er" if jour == 1 else str(jour)


def date_courte(d: date) -> str:
    """« 12 mars 2025 », « 1er juillet 2024 »."""
    return f"{quantieme(d.day)} {MOIS[d.month - 1]} {d.year}"


def date_longue(d: date) -> str:
    """« mercredi 12 mars 2025 »."""
    return f"{JOURS[d.weekday()]} {date_courte(d)}"


def heure(h: time | datetime) -> str:
    """« 14 h 00 », « 9 h 30 » (espaces insécables)."""
    return f"{h.hour}{INSECABLE}h{INSECABLE}{h.minute:02d}"


def date_heure(moment: datetime) -> str:
    """« mercredi 12 mars 2025 à 14 h 00 »."""
    return f"{date_longue(moment)} à {heure(moment)}"

