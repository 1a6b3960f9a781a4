"""Délais et durées exprimés en mois ou en années : une seule arithmétique.

Règle retenue pour un jour qui n'existe pas dans le mois d'arrivée (31 + 1 mois, 29 février +
1 an) : le **dernier jour du mois**, comme pour l'expiration d'un délai (code de procédure
civile, art. 641 : « À défaut d'un quantième identique, le délai expire le dernier jour du
mois »). Une durée (mandat, période de rotation) finit la veille du même quantième, ou, à
défaut de ce quantième, le dernier jour du mois : un mandat de trois ans commencé le 29 février
2024 finit le 28 février 2027, le suivant commence le 1er mars.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

#: mois d'une année (calendrier, pas un chiffre du droit)
MOIS_PAR_AN = 12


def jour(moment: date | datetime) -> date:
    """La date d'un moment (date seule, ou date et heure)."""
    return moment.date() if isinstance(moment, datetime) else moment


def ajouter_mois(depart: date, mois: int) -> date:
    """`depart` + `mois` mois ; un quantième manquant donne le dernier jour du mois
    (31 août + 6 mois = 28 ou 29 février ; 29 février + 12 mois = 28 février)."""
    annee, rang = divmod(depart.year * 12 + depart.month - 1 + mois, 12)
    dernier = calendar.monthrange(annee, rang + 1)[1]
    return date(annee, rang + 1, min(depart.day, dernier))


def fin_de_periode(debut: date, mois: int) -> date:
    """Dernier jour inclus d'une durée de `mois` mois commençant le jour `debut` : la veille du
    même quantième, ou le dernier jour du mois quand ce quantième n'existe pas."""
    arrivee = ajouter_mois(debut, mois)
    return arrivee if arrivee.day != debut.day else arrivee - timedelta(days=1)


def debut_suivant(debut: date, mois: int) -> date:
    """Premier jour de la période qui suit une durée de `mois` mois commençant le jour `debut`."""
    return fin_de_periode(debut, mois) + timedelta(days=1)


def fr(d: date | datetime | None) -> str:
    """« 06/12/2026 » (forme des messages) ; « ? » pour une date absente."""
    if d is None:
        return "?"
    return f"{jour(d):%d/%m/%Y}"


def ans_en_mois(annees: int) -> int:
    return annees * MOIS_PAR_AN
