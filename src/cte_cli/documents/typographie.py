"""Typographie française des textes insérés dans les documents.

Espace fine insécable avant « ; ? ! », espace insécable avant « : » et à l'intérieur des
guillemets « » (Lexique des règles typographiques en usage à l'Imprimerie nationale). On ne
fait que remplacer une espace existante (ou en ajouter une dans les guillemets) : une adresse
« https://… », une heure « 14:00 » ou un ratio « 1:2 » ne sont jamais touchés.
"""

from __future__ import annotations

import re

INSECABLE = "\u00a0"
FINE_INSECABLE = "\u202f"

_AVANT_DEUX_POINTS = re.compile(r"[ \t\u00a0\u202f]+:(?=\s|$)")
_AVANT_PONCTUATION = re.compile(r"[ \t\u00a0\u202f]+([;?!])")
_APRES_OUVRANT = re.compile(r"«[ \t\u00a0\u202f]*")
_AVANT_FERMANT = re.compile(r"[ \t\u00a0\u202f]*»")
#: « L. 5311-10 », « R. 5311-44 », « n° 2024-560 », « 5° » : l'espace qui suit ne se coupe pas
_REFERENCE = re.compile(r"(?<![\w.])((?:[LRD]|art)\.|n°|[0-9]+°) (?=[0-9A-Z])")
#: caractères de contrôle interdits en XML 1.0 ou interprétés par docxtpl (\a, \f, \v)
_CONTROLES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def nettoyer(texte: str) -> str:
    """Fins de ligne normalisées en « \\n », caractères de contrôle retirés (hors \\n et \\t)."""
    return _CONTROLES.sub("", texte.replace("\r\n", "\n").replace("\r", "\n"))


def typographier(texte: str) -> str:
    """Applique les espaces insécables françaises à un texte."""
    texte = _REFERENCE.sub(r"\1" + INSECABLE, texte)
    texte = _AVANT_DEUX_POINTS.sub(INSECABLE + ":", texte)
    texte = _AVANT_PONCTUATION.sub(FINE_INSECABLE + r"\1", texte)
    texte = _APRES_OUVRANT.sub("«" + INSECABLE, texte)
    return _AVANT_FERMANT.sub(INSECABLE + "»", texte)
