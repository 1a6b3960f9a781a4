"""Le repérage des positions par événements libyaml (arrêt anticipé) donne exactement les
mêmes lignes et colonnes que la recherche dans l'arbre composé (docs/performance.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.constats import Cible
from cte_cli.loading.parser import Positions

RACINE = Path(__file__).resolve().parents[1]


def _chemins(donnees, prefixe=()):
    """Tous les chemins des données, plus des chemins absents (clé inconnue, rang trop grand)."""
    yield prefixe
    if isinstance(donnees, dict):
        yield (*prefixe, "cle-absente")
        for cle, valeur in donnees.items():
            yield from _chemins(valeur, (*prefixe, cle))
    elif isinstance(donnees, list):
        yield (*prefixe, len(donnees) + 3)
        for i, valeur in enumerate(donnees):
            yield from _chemins(valeur, (*prefixe, i))


def _comparer(texte: str) -> None:
    donnees = yaml_rs.loads(texte, parse_datetime=True)
    requetes = [(c, cible) for c in _chemins(donnees) for cible in Cible]
    rapides = Positions(texte, donnees).localiser_tous(requetes)
    reference = Positions(texte, donnees)
    attendues = [reference._depuis_l_arbre(c[:-1] if k is Cible.PARENT else c, k) for c, k in requetes]
    assert rapides == attendues
    # une requête isolée (arrêt dès qu'elle est située) donne le même résultat
    for (chemin, cible), attendue in list(zip(requetes, attendues, strict=True))[::7]:
        assert Positions(texte, donnees).localiser(chemin, cible) == attendue


FICHIERS = sorted((RACINE / "examples").rglob("*.yaml"))[:60] + sorted((RACINE / "tests" / "cases").rglob("*.yaml"))[:200]


@pytest.mark.parametrize("fichier", FICHIERS, ids=[str(f.relative_to(RACINE)) for f in FICHIERS])
def test_memes_positions_que_l_arbre_compose(fichier: Path) -> None:
    texte = fichier.read_text(encoding="utf-8-sig", errors="replace")
    try:
        yaml_rs.loads(texte, parse_datetime=True)
    except Exception:
        pytest.skip("fichier volontairement illisible")
    _comparer(texte)


CAS_DIFFICILES = [
    "a: 1\nb: {c: [1, 2, {d: e}], f: []}\n'1': x\n1: y\n",
    "liste:\n  - - a\n    - b\n  - {x: 1}\n  -\n  - >-\n    plié\n    texte\n",
    "? [complexe, cle]\n: valeur\nsuite: {k: v}\n",
    "x: |\n  bloc\n  littéral\ny: \"guillemets\"\nz: 'simples'\n",
    "vide: {}\nautre: []\nnul:\nfin: ~\n",
]


@pytest.mark.parametrize("texte", CAS_DIFFICILES)
def test_cas_difficiles(texte: str) -> None:
    _comparer(texte)


def test_alias_replie_sur_l_arbre_compose() -> None:
    texte = "base: &b {nom: Anne, college: etat}\nmembres:\n  - *b\n  - {nom: Luc, college: epci}\n"
    donnees = yaml_rs.loads(texte)
    p = Positions(texte, donnees)
    assert p.localiser(("membres", 0, "college")) == (1, 31)  # dans l'ancre, comme l'arbre composé
    assert p._compose  # repli effectué
    assert p.localiser(("membres", 1, "college"), Cible.CLE) == (4, 16)
    _comparer(texte)


_scalaires = st.one_of(st.integers(-5, 5), st.sampled_from(["a", "b c", "1", "x: y", ""]), st.none())
_cles = st.sampled_from(["a", "b", "1", "nom", "id"])
_donnees = st.recursive(_scalaires, lambda enfants: st.one_of(
    st.lists(enfants, max_size=4), st.dictionaries(_cles, enfants, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(_donnees, st.booleans())
def test_positions_sur_des_documents_aleatoires(donnees, en_ligne: bool) -> None:
    import yaml

    texte = yaml.safe_dump({"racine": donnees}, default_flow_style=en_ligne, allow_unicode=True)
    _comparer(texte)
