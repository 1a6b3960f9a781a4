"""Comparer des textes sans accents : la seule normalisation de l'outil.

`sans_accents` décompose (NFKD) et retire les signes diacritiques ; les lettres sans
décomposition (« œ », « ß ») restent. `en_ascii` ne garde ensuite que l'ASCII (noms de
fichiers, mots des sigles). Chaque usage y ajoute sa propre réduction (casse, ponctuation).
"""

from __future__ import annotations

import unicodedata


def sans_accents(texte: str) -> str:
    """« Élodie Chênet » -> « Elodie Chenet » (forme de compatibilité, sans diacritiques)."""
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


def en_ascii(texte: str) -> str:
    """`sans_accents`, puis seulement les caractères ASCII (« Cœur » -> « Cur »)."""
    return sans_accents(texte).encode("ascii", "ignore").decode()
