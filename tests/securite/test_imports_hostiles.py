"""Plans d'actions importés (`cte feuille-de-route importer`, exports Excel) : un classeur ou un
CSV hostile donne vite un message français, jamais une commande figée ou la mémoire épuisée.

Trouvé et corrigé ici : un classeur de 5 Ko avec une seule cellule en XFD1048576 faisait
parcourir 17 milliards de cases vides (la dimension déclarée était crue) ; une archive qui se
décompresse en centaines de Mo était chargée en mémoire.
"""

from __future__ import annotations

import time
import zipfile

import pytest

from .outils import executer


def _importer(fichier, tmp_path, *options: str):
    debut = time.perf_counter()
    sortie = executer("feuille-de-route", "importer", str(fichier), "--comite", "cde-21-cote-d-or",
                      "--sortie", str(tmp_path / "fdr.yaml"), "--debut", "2025-01-01", "--fin", "2025-12-31",
                      *options)
    assert time.perf_counter() - debut < 20
    assert "Traceback" not in sortie.texte and "Erreur interne" not in sortie.texte, sortie.texte
    return sortie


def _classeur(chemin, cellules: dict[str, str]) -> None:
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    for ref, valeur in cellules.items():
        feuille[ref] = valeur
    classeur.save(chemin)


def test_cellule_en_xfd1048576(tmp_path):
    fichier = tmp_path / "plan.xlsx"
    _classeur(fichier, {"A1": "Plan 2025", "A2": "AXE 1 - Emploi", "XFD1048576": "fin"})
    assert fichier.stat().st_size < 10_000
    sortie = _importer(fichier, tmp_path)
    assert sortie.code in (0, 2), sortie.texte


def test_beaucoup_de_lignes_tres_larges(tmp_path):
    fichier = tmp_path / "large.xlsx"
    _classeur(fichier, {f"XFD{i}": "x" for i in range(1, 400)})
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and "trop étendue" in sortie.stderr, sortie.texte


def test_bombe_de_decompression(tmp_path):
    fichier = tmp_path / "bombe.xlsx"
    _classeur(fichier, {"A1": "AXE 1 - Emploi"})
    with zipfile.ZipFile(fichier, "a", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/media/bombe.bin", "w") as flux:
        bloc = bytes(1024 * 1024)
        for _ in range(300):
            flux.write(bloc)
    assert fichier.stat().st_size < 2_000_000
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and "décompressé dépasse 200 Mo" in sortie.stderr, sortie.texte


@pytest.mark.parametrize(("nom", "contenu", "attendu"), [
    ("binaire.csv", b"AXE 1\x00;x\n", "contenu binaire"),
    ("guillemet.tsv", b'AXE 1 - x\t"' + b"a" * 200_000 + b"\n", "un guillemet n'est-il pas refermé"),
    ("pas-un-classeur.xlsx", b"PK\x03\x04 ceci n'est pas une archive", "classeur illisible"),
    ("vide.xlsx", b"", "classeur illisible"),
])
def test_fichiers_importes_casses(tmp_path, nom, contenu, attendu):
    fichier = tmp_path / nom
    fichier.write_bytes(contenu)
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and attendu in sortie.stderr, sortie.texte
