"""Suggestions « vouliez-vous dire » pour les fautes de frappe.

Une suggestion n'est faite que si elle est vraisemblable : la distance d'édition (insertions,
suppressions, substitutions et inversions de deux lettres voisines, sans tenir compte de la
casse ni des accents) ne dépasse pas un seuil qui croît avec la longueur du mot (`seuil`). Au-delà,
mieux vaut ne rien suggérer : « cle-21-auxois-morvan » n'est pas une faute de frappe de
« cle-89-auxerrois », c'est un autre comité. Même règle pour les identifiants de comités et de
séances, les collèges, les clés, les options et les commandes (tests/test_suggestions.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from cte_cli.texte import sans_accents


def seuil(longueur: int) -> int:
    """Distance maximale admise pour un mot de `longueur` caractères : 1 jusqu'à 4 caractères,
    2 jusqu'à 10, puis 3 (au plus un quart du mot, arrondi, et au moins 1)."""
    if longueur <= 4:
        return 1
    return 2 if longueur <= 10 else 3


def _normaliser(texte: str) -> str:
    return sans_accents(texte.casefold())


def distance(a: str, b: str, limite: int | None = None) -> int:
    """Distance de Damerau-Levenshtein restreinte (alignement optimal de chaînes) entre `a` et
    `b`. Avec `limite`, renvoie `limite + 1` dès que la distance la dépasse sûrement."""
    if a == b:
        return 0
    if limite is not None and abs(len(a) - len(b)) > limite:
        return limite + 1
    avant_precedente: list[int] = []
    precedente = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        courante = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cout = 0 if ca == cb else 1
            courante[j] = min(precedente[j] + 1, courante[j - 1] + 1, precedente[j - 1] + cout)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                courante[j] = min(courante[j], avant_precedente[j - 2] + 1)
        if limite is not None and min(courante) > limite:
            return limite + 1
        avant_precedente, precedente = precedente, courante
    return precedente[-1]


#: longueur minimale d'un début de mot pour suggérer le seul candidat qui commence ainsi
DEBUT_MIN = 4


def proche(valeur: object, possibles: Iterable[str]) -> str | None:
    """Le candidat le plus proche de `valeur` si sa distance est sous le seuil, sinon None.

    À distance égale, le premier candidat dans l'ordre donné l'emporte. Un identifiant tronqué
    (« cre-bourgogne ») désigne aussi le seul candidat qui commence ainsi (au moins
    DEBUT_MIN caractères) : c'est une abréviation, pas un autre objet."""
    texte = _normaliser(str(valeur))
    if not texte:
        return None
    candidats = [str(c) for c in possibles if str(c) != str(valeur)]
    limite = seuil(len(texte))
    meilleur: tuple[int, str] | None = None
    for candidat in candidats:
        d = distance(texte, _normaliser(candidat), limite)
        if d <= limite and (meilleur is None or d < meilleur[0]):
            meilleur = (d, candidat)
    if meilleur is None and len(texte) >= DEBUT_MIN:
        debuts = [c for c in candidats if _normaliser(c).startswith(texte)]
        if len(debuts) == 1:
            return debuts[0]
    return meilleur[1] if meilleur else None


def proches(valeur: object, possibles: Iterable[str]) -> list[str]:
    """Tous les candidats parmi lesquels `proche` peut choisir (sous le seuil, ou qui
    commencent par `valeur`)."""
    texte = _normaliser(str(valeur))
    limite = seuil(len(texte))
    return [c for c in possibles if texte and (distance(texte, _normaliser(str(c)), limite) <= limite
                                               or len(texte) >= DEBUT_MIN and _normaliser(str(c)).startswith(texte))]


def suggestion(valeur: object, possibles: Iterable[str]) -> str:
    """« ; vouliez-vous dire « x » ? » ou chaîne vide."""
    trouve = proche(valeur, possibles)
    return f" ; vouliez-vous dire « {trouve} » ?" if trouve else ""
