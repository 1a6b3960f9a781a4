"""Modèles compilés une fois (documents/cache.py, issue 16) : document identique octet pour
octet, budgets et limites toujours propres à chaque rendu, erreurs de syntaxe jamais gardées."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from docxtpl import DocxTemplate

from cte_cli.documents import cache
from cte_cli.documents import generation as g
from cte_cli.documents import modeles as m
from cte_cli.documents.rendu import ErreurModele, rendre_docx, rendre_texte

DEPOT = Path(__file__).parent / "documents" / "depot"


@pytest.fixture(scope="module")
def contextes():
    ch = g.charger(DEPOT, date(2026, 11, 22))
    modele, _ = m.trouver("reglement", "docx", ch.racine)
    docs = [d for d in ch.documents("comite") if d.modele is not None and d.modele.niveau in ("departemental", "local")]
    assert len(docs) >= 2
    return modele, [g.contexte_reglement(d, d.modele, modele, ch.date, ch.racine) for d in docs]


def _rendre(modele, contexte) -> bytes:
    contexte = {k: v for k, v in contexte.items() if k != g.LOGO}
    return rendre_docx(modele, contexte)


def test_docx_identique_octet_pour_octet_avec_et_sans_cache(contextes, monkeypatch):
    """Même heure figée (les archives .docx datent leurs parties) : les octets du document rendu
    par le cache sont ceux du rendu sans cache, pour chaque comité, cache froid puis chaud."""
    monkeypatch.setattr(zipfile.time, "time", lambda: 1_790_000_000.0)
    modele, liste = contextes
    cache.vider()
    avec = [_rendre(modele, c) for c in liste] + [_rendre(modele, c) for c in liste]
    monkeypatch.setattr(cache, "code_compile", lambda env, source: env.compile(source))
    monkeypatch.setattr(cache.GabaritDocx, "patch_xml", DocxTemplate.patch_xml)
    sans = [_rendre(modele, c) for c in liste]
    assert avec[: len(liste)] == sans
    assert avec[len(liste):] == sans
    assert len({a for a in avec}) == len(liste)  # des documents différents d'un comité à l'autre


def test_le_modele_n_est_compile_qu_une_fois(contextes, monkeypatch):
    modele, liste = contextes
    cache.vider()
    from jinja2 import Environment

    appels = []
    compiler = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: appels.append(1) or compiler(self, *a, **k))
    _rendre(modele, liste[0])
    premiers = len(appels)
    assert premiers > 0
    for c in liste:
        _rendre(modele, c)
    assert len(appels) == premiers


def test_budget_de_range_propre_a_chaque_rendu(tmp_path):
    """Le code est gardé, pas l'environnement : le budget de `range` (100 000 éléments par
    rendu) repart de zéro à chaque document."""
    modele = tmp_path / "m.md"
    modele.write_text("{% for i in range(60000) %}{% endfor %}fin\n", encoding="utf-8")
    cache.vider()
    assert rendre_texte(modele, {}) == "fin\n"
    assert rendre_texte(modele, {}) == "fin\n"


def test_erreur_de_syntaxe_jamais_gardee(tmp_path):
    modele = tmp_path / "m.md"
    modele.write_text("{% if x %}sans fin\n", encoding="utf-8")
    cache.vider()
    for _ in range(2):
        with pytest.raises(ErreurModele, match="n'est pas refermé"):
            rendre_texte(modele, {"x": True})
    assert not cache._CODES.valeurs


def test_lru_borne():
    lru = cache._Lru(taille=2)
    for cle in "abc":
        lru.obtenir(cle, lambda cle=cle: cle.upper())
    assert list(lru.valeurs) == ["b", "c"]
    assert lru.obtenir("b", lambda: "autre") == "B"
    assert list(lru.valeurs) == ["c", "b"]

