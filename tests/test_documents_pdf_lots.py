"""PDF en masse par lots (issue 16) : LibreOffice s'arrête après environ 250 documents d'un
appel en sortant 0 ; cte convertit par lots, redonne les oubliés, écrit chaque lot aussitôt et
garde les PDF déjà écrits si un lot suivant échoue. Un faux `soffice` (script) joue LibreOffice :
les vrais PDF sont vérifiés par tests/test_documents_pdf.py."""

from __future__ import annotations

import json
import sys

import pytest
from docx import Document

from cte_cli.documents import generation as g

FAUX_SOFFICE = f"""#!{sys.executable}
import json, os, sys
from pathlib import Path
args = sys.argv[1:]
sortie = Path(args[args.index("--outdir") + 1])
entrees = [a for a in args if a.endswith(".docx")]
journal = Path(os.environ["FAUX_JOURNAL"])
appels = json.loads(journal.read_text()) if journal.exists() else []
appels.append(len(entrees))
journal.write_text(json.dumps(appels))
if len(appels) > int(os.environ.get("FAUX_ECHEC_APRES", "1000")):
    sys.stderr.write("Error: source file could not be loaded\\n")
    sys.exit(1)
sortie.mkdir(parents=True, exist_ok=True)
for entree in entrees[: int(os.environ.get("FAUX_MAX", "1000"))]:
    (sortie / (Path(entree).stem + ".pdf")).write_bytes(b"%PDF-1.7 " + Path(entree).read_bytes()[:4])
"""


@pytest.fixture
def soffice(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text(FAUX_SOFFICE, encoding="utf-8")
    script.chmod(0o755)
    journal = tmp_path / "appels.json"
    monkeypatch.setenv("CTE_SOFFICE", str(script))
    monkeypatch.setenv("FAUX_JOURNAL", str(journal))
    return lambda: json.loads(journal.read_text()) if journal.exists() else []


@pytest.fixture
def travaux(tmp_path):
    modele = tmp_path / "modele.docx"
    document = Document()
    document.add_paragraph("Comité {{ nom }}")
    document.save(str(modele))
    sortie = tmp_path / "pdf"

    def faire(n: int) -> list[g.Travail]:
        return [g.Travail(f"comite-{i}", sortie / f"comite-{i:02d}.pdf", lambda i=i: {"nom": f"n° {i}"})
                for i in range(n)]

    return modele, faire


def test_par_lots_et_progression_par_document(soffice, travaux, monkeypatch):
    monkeypatch.setenv("CTE_PDF_LOT", "3")
    modele, faire = travaux
    vus: list[str] = []
    resultats = g.executer(faire(8), modele, "pdf", progression=vus.append)
    assert soffice() == [3, 3, 2]
    assert [r.statut for r in resultats] == [g.ECRIT] * 8
    assert all(r.chemin.read_bytes().startswith(b"%PDF") for r in resultats)
    assert vus == [f"comite-{i}" for i in range(8)]  # un pas de la barre par document écrit


def test_documents_oublies_par_libreoffice_redonnes(soffice, travaux, monkeypatch):
    """LibreOffice sort 0 sans avoir tout converti : les oubliés repartent dans un second appel."""
    monkeypatch.setenv("CTE_PDF_LOT", "5")
    monkeypatch.setenv("FAUX_MAX", "3")
    modele, faire = travaux
    resultats = g.executer(faire(5), modele, "pdf")
    assert soffice() == [5, 2]
    assert [r.statut for r in resultats] == [g.ECRIT] * 5


def test_pdf_deja_ecrits_gardes_si_un_lot_echoue(soffice, travaux, monkeypatch):
    monkeypatch.setenv("CTE_PDF_LOT", "2")
    monkeypatch.setenv("FAUX_ECHEC_APRES", "1")
    modele, faire = travaux
    resultats = g.executer(faire(5), modele, "pdf")
    assert [r.statut for r in resultats] == [g.ECRIT] * 2 + [g.ECHEC] * 3
    assert "n'a pas produit le PDF" in resultats[2].raison and "source file could not be loaded" in resultats[2].raison
    assert [p.name for p in sorted((resultats[0].chemin.parent).glob("*.pdf"))] == ["comite-00.pdf", "comite-01.pdf"]
    # relancé sans --force, LibreOffice réparé : seuls les manquants sont produits
    monkeypatch.setenv("FAUX_ECHEC_APRES", "1000")
    avant = len(soffice())
    resultats = g.executer(faire(5), modele, "pdf")
    assert [r.statut for r in resultats] == [g.EXISTANT] * 2 + [g.ECRIT] * 3
    assert soffice()[avant:] == [2, 1]


def test_taille_de_lot_invalide(soffice, travaux, monkeypatch):
    from cte_cli.erreurs import CteErreur

    monkeypatch.setenv("CTE_PDF_LOT", "zéro")
    modele, faire = travaux
    with pytest.raises(CteErreur, match="CTE_PDF_LOT"):
        g.executer(faire(1), modele, "pdf")
