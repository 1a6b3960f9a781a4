"""Conversion par LibreOffice : un règlement et une convocation s'ouvrent dans LibreOffice et
donnent un PDF qui a des pages et le texte attendu (CI : paquets Debian libreoffice-writer-nogui
et poppler-utils). Ignoré quand `soffice` ou `pdftotext` manque."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATE

DEPOT = Path(__file__).parent / "documents" / "depot"

pytestmark = [pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"),
    reason="LibreOffice (soffice) ou pdftotext absent",
), pytest.mark.slow]


def texte_pdf(chemin: Path) -> tuple[int, str]:
    infos = subprocess.run(["pdfinfo", str(chemin)], capture_output=True, text=True, check=True).stdout
    pages = int(next(ligne.split()[-1] for ligne in infos.splitlines() if ligne.startswith("Pages:")))
    texte = subprocess.run(["pdftotext", "-layout", str(chemin), "-"], capture_output=True, text=True, check=True).stdout
    return pages, " ".join(texte.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_reglement_et_convocation_en_pdf(cte, tmp_path: Path) -> None:
    reglement = cte("generate", "reglement", "cde-21", "-d", str(DEPOT), "-o", str(tmp_path), "-f", "pdf", "--date", DATE)
    assert reglement.returncode == 0, reglement.stderr
    pages, texte = texte_pdf(tmp_path / "reglement-interieur-cde-21.pdf")
    assert pages >= 3
    assert "Règlement intérieur" in texte and "Article 1 – Objet" in texte and "Quorum" in texte
    assert "Zoé L'Hôte & Fils <test>" in texte and '"guillemets"' in texte  # nom coupé dans sa cellule
    assert f"Page 1 sur {pages}" in texte and "R. 5311-40" in texte
    convocation = cte("generate", "convocation", "2026-12-08-cde-21", "-d", str(DEPOT), "-o", str(tmp_path / "c"),
                      "-f", "pdf", "--date", DATE)
    assert convocation.returncode == 0, convocation.stderr
    pdfs = sorted((tmp_path / "c").glob("convocation-*.pdf"))
    assert len(pdfs) == 18 and len(list((tmp_path / "c").glob("*.ics"))) == 1
    assert not list((tmp_path / "c").glob("*.docx"))  # pas de fichier intermédiaire laissé
    pages, texte = texte_pdf(next(p for p in pdfs if "Zoe-L-Hote" in p.name))
    assert pages == 3  # lettre, puis coupon-réponse et pouvoir
    assert "mardi 8 décembre 2026 à 9 h 30" in texte and "Annexe – Pouvoir" in texte and "Coupon-réponse" in texte
    assert 'Zoé L\'Hôte & Fils <test> "guillemets"' in texte
    assert "Point d'information : « France Travail & partenaires » <suivi>" in texte
