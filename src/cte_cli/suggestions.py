"""Suggestions « vouliez-vous dire » pour les fautes de frappe.

Une suggestion n'est faite que si elle est vraisemblable : la distance d'édition (insertions,
suppressions, substitutions et inversions de deux lettres voisines, sans tenir compte de la
casse ni des accents) ne dépasse pas un seuil qui croît avec la longueur du mot (`seuil`). Au-delà,
mieux vaut ne rien suggérer : « cle-21-auxois-morvan » n'est pas une faute de frappe de
« cle-89-auxerrois », c'est un autre comité. Même règle pour les identifiants de comités et de
séances, les collèges, les clés, les options et les commandes (tests/test_suggestions.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from cte_cli.texte import sans_accents


def seuil(longueur: int) -> int:
    """Distance maximale admise pour un mot de `longueur` caractères : 1 jusqu'à 4 caractères,
    2 jusqu'à 10, puis 3 (au plus un quart du mot, arrondi, et au moins 1)."""
    if longueur <= 4:
        return 1
    return 2 if longueur <= 10 else 3


@lru_cache(maxsize=65536)
def _normaliser(texte: str) -> str:
    return sans_accents(texte.casefold())


def distance(a: str, b: str, limite: int | None = None) -> int:
    """Distance de Damerau-Levenshtein restreinte (alignement optimal de chaînes, « OSA ») entre
    `a` et `b`. Avec `limite`, renvoie `limite + 1` dès que la distance la dépasse sûrement.

    Calculée par RapidFuzz (algorithme bit-parallèle de Hyyrö, en C++) : plusieurs centaines de
    fois plus rapide que la programmation dynamique en Python, pour le même résultat
    (tests/test_suggestions.py compare les deux)."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=limite)


#: longueur minimale d'un début de mot pour suggérer le seul candidat qui commence ainsi
DEBUT_MIN = 4


def proche(valeur: object, possibles: Iterable[str]) -> str | None:
    """Le candidat le plus proche de `valeur` si sa distance est sous le seuil, sinon None.

    À distance égale, le premier candidat dans l'ordre donné l'emporte. Un identifiant tronqué
    (« cre-bourgogne ») désigne aussi le seul candidat qui commence ainsi (au moins
    DEBUT_MIN caractères) : c'est une abréviation, pas un autre objet. `possibles` peut être un
    `Index` (préparé une fois pour de nombreuses valeurs)."""
    index = possibles if isinstance(possibles, Index) else Index(possibles)
    return index.proche(valeur)


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


#: au-delà de ce nombre de candidats de longueur voisine, `Index` filtre par bigrammes
CANDIDATS_SANS_FILTRE = 48
#: longueur des morceaux du filtre (bigrammes)
Q = 2
#: morceaux comptés par candidat : les plus rares, MORCEAUX_COMPTES × (2k + 1) au plus
MORCEAUX_COMPTES = 2


class Index:
    """Des candidats préparés une fois (formes normalisées, longueurs, bigrammes par position)
    pour chercher `proche` de nombreuses valeurs sans comparer chacune à tous les candidats :
    une règle qui signale 1 000 références inconnues parmi 4 000 comités restait quadratique.

    Le résultat est exactement celui de la comparaison à tous les candidats (vérifié par
    tests/test_suggestions.py sur des valeurs aléatoires) ; seuls sont écartés, sans calcul,
    des candidats dont la distance dépasse sûrement le seuil :

    - par la longueur : la distance est au moins l'écart des longueurs ;
    - par les bigrammes (filtre « des morceaux », exact) : la valeur normalisée, de longueur L,
      est coupée en m = L // 2 bigrammes disjoints. Chaque opération (insertion, suppression,
      substitution, inversion de deux lettres voisines) abîme au plus deux morceaux ; à
      distance ≤ k, au moins m − 2k morceaux se retrouvent intacts dans le candidat, décalés
      d'au plus k positions. Un candidat retenu contient donc forcément l'un quelconque de
      2k + 1 morceaux choisis près de sa position, et plus généralement au moins s − 2k de
      s morceaux choisis. On compte, pour chaque candidat, combien des morceaux les plus rares
      (2 × (2k + 1) au plus) il contient près de leur position ; la distance n'est calculée que
      pour ceux qui en contiennent assez.
    """

    def __init__(self, possibles: Iterable[str]):
        self.candidats: list[str] = [str(c) for c in possibles]
        self.normes: list[str] = [_normaliser(c) for c in self.candidats]
        self._longueurs: dict[int, list[int]] | None = None
        self._bigrammes: dict[tuple[int, str], list[int]] | None = None
        self._tries: list[tuple[str, int]] | None = None

    def __iter__(self):
        return iter(self.candidats)

    def __len__(self) -> int:
        return len(self.candidats)

    def suggestion(self, valeur: object) -> str:
        trouve = self.proche(valeur)
        return f" ; vouliez-vous dire « {trouve} » ?" if trouve else ""

    def proche(self, valeur: object) -> str | None:
        brut = str(valeur)
        texte = _normaliser(brut)
        if not texte:
            return None
        limite = seuil(len(texte))
        meilleur: tuple[int, int] | None = None
        for i in self._a_comparer(texte, limite):
            if self.candidats[i] == brut:
                continue
            d = distance(texte, self.normes[i], limite)
            if d <= limite and (meilleur is None or (d, i) < meilleur):
                meilleur = (d, i)
        if meilleur is not None:
            return self.candidats[meilleur[1]]
        if len(texte) >= DEBUT_MIN:
            return self._seul_debut(texte, brut)
        return None

    def _seul_debut(self, texte: str, brut: str) -> str | None:
        """Le seul candidat (autre que la valeur elle-même) dont la forme normalisée commence
        par `texte`, ou None (aucun, ou plusieurs)."""
        if self._tries is None:
            self._tries = sorted((n, i) for i, n in enumerate(self.normes))
        trouves: list[int] = []
        for n, i in self._tries[bisect_left(self._tries, (texte, -1)):]:
            if not n.startswith(texte):
                break
            if self.candidats[i] != brut:
                trouves.append(i)
                if len(trouves) > 1:
                    return None
        return self.candidats[trouves[0]] if trouves else None

    def _a_comparer(self, texte: str, limite: int) -> Sequence[int]:
        """Les candidats dont la distance à `texte` peut ne pas dépasser `limite`, dans l'ordre
        des candidats (un sur-ensemble exact de ceux sous le seuil)."""
        if self._longueurs is None:
            self._longueurs = {}
            for i, n in enumerate(self.normes):
                self._longueurs.setdefault(len(n), []).append(i)
        longueur = len(texte)
        voisins = [i for n in range(longueur - limite, longueur + limite + 1) for i in self._longueurs.get(n, ())]
        morceaux = longueur // Q
        if len(voisins) <= CANDIDATS_SANS_FILTRE or morceaux < 2 * limite + 1:
            return sorted(voisins)
        if self._bigrammes is None:
            self._bigrammes = {}
            for i, n in enumerate(self.normes):
                for p in range(len(n) - Q + 1):
                    self._bigrammes.setdefault((p, n[p:p + Q]), []).append(i)
        listes = []
        for j in range(morceaux):
            p, morceau = j * Q, texte[j * Q:j * Q + Q]
            trouves = [self._bigrammes.get((p + d, morceau), ()) for d in range(-limite, limite + 1)]
            listes.append((sum(map(len, trouves)), trouves))
        listes.sort(key=lambda x: x[0])
        # les morceaux les plus rares : un candidat sous le seuil en contient au moins tous sauf 2k
        retenus = listes[:MORCEAUX_COMPTES * (2 * limite + 1)]
        compte: Counter[int] = Counter()
        for _, trouves in retenus:
            compte.update(set().union(*trouves))
        minimum = len(retenus) - 2 * limite
        permis = set(voisins)
        return sorted(i for i, n in compte.items() if n >= minimum and i in permis)
