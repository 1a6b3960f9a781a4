"""Impression : les classeurs (cartographie, suivi des feuilles de route) et les arrêtés passent
par LibreOffice et donnent un nombre de pages borné, lisible (A4 paysage, une page de large,
en-têtes répétés) ; la mise en page est vérifiée dans le classeur lui-même avec openpyxl.

La conversion est ignorée quand `soffice` ou `pdfinfo` manque (la CI les installe)."""

from __future__ import annotations

import math
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from conftest import DATE, EXEMPLE

AVEC_LIBREOFFICE = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdfinfo"),
    reason="LibreOffice (soffice) ou pdfinfo absent",
)
#: pages imprimées au plus pour 50 lignes d'une feuille (une page de large)
PAGES_PAR_50_LIGNES = 3


@pytest.fixture(scope="module")
def classeurs(tmp_path_factory) -> dict[str, Path]:
    from cte_cli.cli import main

    dossier = tmp_path_factory.mktemp("classeurs")
    sorties = {"cartographie": dossier / "cartographie.xlsx", "suivi": dossier / "suivi.xlsx"}
    for arguments in (["cartographie", "--region", "27", str(EXEMPLE), "--date", DATE, "--sortie",
                       str(sorties["cartographie"])],
                      ["feuille-de-route", "synthese", str(EXEMPLE), "--region", "27", "--date", DATE,
                       "--sortie", str(sorties["suivi"])]):
        with pytest.raises(SystemExit) as fin:
            main(arguments)
        assert fin.value.code == 0
    return sorties


def _pages(pdf: Path) -> int:
    infos = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(ligne.split()[-1] for ligne in infos.splitlines() if ligne.startswith("Pages:")))


def test_mise_en_page_des_classeurs(classeurs: dict[str, Path]) -> None:
    for nom, chemin in classeurs.items():
        classeur = openpyxl.load_workbook(chemin)
        for feuille in classeur:
            reglage = feuille.page_setup
            assert reglage.orientation == "landscape", (nom, feuille.title)
            assert str(reglage.paperSize) == feuille.PAPERSIZE_A4
            assert feuille.sheet_properties.pageSetUpPr.fitToPage
            assert (reglage.fitToWidth, reglage.fitToHeight) == (1, 0)
            assert feuille.print_title_rows.replace("$", "") == "1:1"
            if feuille.title != "Source":
                assert feuille.print_title_cols.replace("$", "") == "A:A"
            assert "&P" in feuille.oddFooter.center.text and "&N" in feuille.oddFooter.center.text
            # ligne d'en-tête assez haute pour chaque libellé renvoyé à la ligne dans sa colonne
            # (estimation basse : 1,2 caractère par unité de largeur)
            from openpyxl.utils import get_column_letter

            lignes = max(math.ceil(len(str(c.value or "")) / (1.2 * feuille.column_dimensions[
                get_column_letter(c.column)].width)) for c in feuille[1])
            assert feuille.row_dimensions[1].height >= 12.75 * lignes, (feuille.title, lignes)


def test_libelles_graphiques_et_sous_totaux(classeurs: dict[str, Path]) -> None:
    carto = openpyxl.load_workbook(classeurs["cartographie"])
    formes = {ligne[0] for ligne in carto["Comités"].iter_rows(min_row=2, values_only=True)}
    entetes = [c.value for c in carto["Comités"][1]]
    valeurs = [ligne[entetes.index("Forme (CRE)")] for ligne in carto["Comités"].iter_rows(min_row=2, values_only=True)]
    assert "au sein du CREFOP" in valeurs and "au_sein_du_crefop" not in valeurs and formes
    synthese = carto["Synthèse"]
    couverture = next(g for g in synthese._charts if g.title and "Couverture" in str(g.title.tx.rich.p[0].r[0].t))
    assert (couverture.y_axis.scaling.min, couverture.y_axis.scaling.max) == (0, 1)  # 0 à 100 %
    total = synthese.max_row
    assert str(synthese.cell(row=total, column=3).value).startswith("Total")
    assert all(c.font.b for c in synthese[total] if c.value is not None)
    suivi = openpyxl.load_workbook(classeurs["suivi"])["Synthèse"]
    ensembles = [r for r in range(2, suivi.max_row + 1) if str(suivi.cell(row=r, column=2).value).startswith("ensemble")]
    assert ensembles and all(suivi.cell(row=r, column=1).font.b for r in ensembles)
    assert all(not suivi.cell(row=r, column=1).font.b for r in range(2, suivi.max_row + 1) if r not in ensembles)


@pytest.mark.slow
@AVEC_LIBREOFFICE
def test_classeurs_imprimes_en_peu_de_pages(classeurs: dict[str, Path], tmp_path: Path) -> None:
    """Chaque feuille, convertie seule par LibreOffice, tient sur une page de large : au plus
    PAGES_PAR_50_LIGNES pages par tranche de 50 lignes (223 pages avant l'issue 12)."""
    bornes: dict[str, int] = {}
    for nom, chemin in classeurs.items():
        for titre in openpyxl.load_workbook(chemin).sheetnames:
            classeur = openpyxl.load_workbook(chemin)
            for autre in classeur.sheetnames:
                if autre != titre:
                    del classeur[autre]
            fichier = tmp_path / f"{nom}-{len(bornes):02d}.xlsx"
            classeur.save(fichier)
            lignes = classeur[titre].max_row
            bornes[fichier.stem] = max(1, math.ceil(lignes / 50)) * PAGES_PAR_50_LIGNES
    from cte_cli.documents.pdf import soffice

    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sorted(tmp_path.glob("*.xlsx")))],
                   capture_output=True, timeout=600, check=True)
    for nom, borne in bornes.items():
        pages = _pages(tmp_path / f"{nom}.pdf")
        assert 1 <= pages <= borne, (nom, pages, borne)


@pytest.mark.slow
@AVEC_LIBREOFFICE
def test_arretes_en_pdf(tmp_path: Path) -> None:
    """Les quatre arrêtés de l'exemple s'ouvrent dans LibreOffice et donnent un PDF lisible."""
    from cte_cli.documents import generation as g
    from cte_cli.documents.arretes import generer_arrete

    ch = g.charger(EXEMPLE, date(2026, 11, 22))
    for nature, cible in (("composition", "cde-21-cote-d-or"), ("modificatif", "cde-21-cote-d-or"),
                          ("voix", "cle-21-beaune-cote-et-saone"), ("ressort", "21")):
        generer_arrete(ch, nature, cible, tmp_path, "pdf")
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 4 and not list(tmp_path.glob("*.docx"))
    for pdf in pdfs:
        texte = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        texte = " ".join(texte.replace("\u00a0", " ").replace("\u202f", " ").split())
        pages = _pages(pdf)
        assert 1 <= pages <= 6, (pdf.name, pages)
        assert "ARRÊTE :" in texte and "PRÉFET DE LA CÔTE-D'OR" in texte and f"Page 1 sur {pages}" in texte
        assert "Voies et délais de recours" in texte and "Fait à Dijon, le" in texte
