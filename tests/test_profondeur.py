"""Contrôle de profondeur avant l'analyse YAML (`loading/parser.py`, docs/performance.md).

L'estimation rapide (`_prefixes_courts`) ne doit jamais conclure à tort : quand elle conclut,
l'estimation par le préfixe structurel de chaque ligne est sous la limite. Une fin de ligne
CR seule (YAML 1.2 : c'est une fin de ligne) compte comme une fin de ligne dans les
estimations : sinon un document de 20 000 niveaux passait l'estimation et tuait le processus.
"""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys

import pytest

from cte_cli.loading.parser import (
    _FLUX_MAX_YAML_RS,
    _PREFIXE,
    ErreurAnalyse,
    Limites,
    _prefixes_courts,
    analyser,
    profondeur,
    verifier_profondeur,
)

from conftest import RACINE

LIMITES = Limites()


def _estimation_par_prefixe(texte: str) -> int:
    """L'estimation de référence : 2 x le plus long préfixe structurel + 2 + crochets."""
    flux = min(texte.count("[") + texte.count("{"), _FLUX_MAX_YAML_RS)
    return 2 * max((len(m.group()) for m in _PREFIXE.finditer(texte)), default=0) + 2 + flux


def _textes() -> list[str]:
    """Les fichiers de l'exemple et des cas de test, et des imbrications autour de la limite."""
    textes = []
    for chemin in sorted([*(RACINE / "examples").rglob("*.yaml"), *(RACINE / "tests" / "cases").rglob("*.yaml")]):
        with contextlib.suppress(UnicodeDecodeError):  # cas d'encodage : non analysés
            textes.append(chemin.read_bytes().decode("utf-8"))
    hasard = random.Random(20261122)
    for _ in range(400):
        d = hasard.choice([hasard.randint(1, 30), hasard.randint(40, 60), hasard.randint(90, 110)])
        pas = hasard.randint(1, 3)
        textes += [
            "".join(" " * (i * pas) + f"k{i}:\n" for i in range(d)) + " " * (d * pas) + "v\n",
            "a:\n" + "- " * d + "x\n",
            "".join(" " * (2 * i) + f"k{i}:\n" + " " * (2 * i) + f"- m{i}: x\n" for i in range(d // 2)),
            "a: " + "[" * d + "x" + "]" * d + "\n",
            "? " * d + "x\n",
            "note: " + "x" * hasard.randint(50, 300) + "\n" + "  " * d + "b: 1\n",
        ]
    return textes


def test_l_estimation_rapide_ne_conclut_jamais_a_tort():
    conclus = 0
    for texte in _textes():
        flux = min(texte.count("[") + texte.count("{"), _FLUX_MAX_YAML_RS)
        if _prefixes_courts(texte, flux, LIMITES):
            conclus += 1
            assert _estimation_par_prefixe(texte) <= LIMITES.profondeur_max, texte[:200]
    assert conclus > 1000  # elle conclut pour les fichiers ordinaires


def test_les_fichiers_ordinaires_concluent_sans_parcours():
    """Les fichiers de l'exemple (lignes longues, indentation faible) concluent par
    l'estimation rapide : ni mesure ligne à ligne, ni parcours des données."""
    for chemin in sorted((RACINE / "examples").rglob("*.yaml")):
        texte = chemin.read_text(encoding="utf-8")
        if "&" in texte or "!" in texte:
            continue
        flux = min(texte.count("[") + texte.count("{"), _FLUX_MAX_YAML_RS)
        assert _prefixes_courts(texte, flux, LIMITES), chemin


@pytest.mark.parametrize("fin", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("niveaux", [101, 150])
def test_limite_respectee_quelle_que_soit_la_fin_de_ligne(fin, niveaux):
    textes = [
        "a:" + fin + "- " * niveaux + "x" + fin,
        "".join(" " * i + f"k{i}:" + fin for i in range(niveaux)) + " " * niveaux + "v" + fin,
    ]
    for texte in textes:
        with pytest.raises(ErreurAnalyse, match="imbrication trop profonde"):
            analyser(texte)
    assert profondeur(analyser("a:" + fin + "- " * 99 + "x" + fin)) == 100


def test_fins_de_ligne_cr_ne_trompent_pas_l_estimation():
    """« a:\\r- - - … x » : avec des CR seuls, tout le texte semblait tenir sur une ligne au
    préfixe vide ; l'estimation concluait, et yaml-rs débordait la pile (SIGSEGV)."""
    assert not verifier_profondeur("a:\r" + "- " * 60 + "x\r", LIMITES)  # à mesurer sur les données
    programme = (
        "import sys\n"
        "from cte_cli.loading.parser import ErreurAnalyse, analyser\n"
        "try:\n"
        "    analyser('a:\\r' + '- ' * 20000 + 'x\\r')\n"
        "except ErreurAnalyse as exc:\n"
        "    print(exc.message)\n"
    )
    sortie = subprocess.run([sys.executable, "-c", programme], capture_output=True, text=True, timeout=60)
    assert sortie.returncode == 0, (sortie.returncode, sortie.stderr[-500:])
    assert "imbrication trop profonde" in sortie.stdout
