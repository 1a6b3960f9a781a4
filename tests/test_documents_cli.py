"""`cte generate` en ligne de commande : codes de sortie, --force, mode en masse, dépôt invalide,
LibreOffice absent ; et le dépôt d'exemple de Bourgogne-Franche-Comté, qui produit tous ses
documents sans erreur."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from icalendar import Calendar

from conftest import DATE, EXEMPLE

DEPOT = Path(__file__).parent / "documents" / "depot"


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    copie = tmp_path / "depot"
    shutil.copytree(DEPOT, copie)
    return copie


def test_reglement_force_et_codes_de_sortie(cte, tmp_path: Path) -> None:
    sortie = tmp_path / "sortie"
    resultat = cte("generate", "reglement", "cde-21", "--depot", str(DEPOT), "--sortie", str(sortie), "--date", DATE)
    assert resultat.returncode == 0, resultat.stderr
    fichier = sortie / "reglement-interieur-cde-21.docx"
    assert "écrit" in resultat.stdout and str(fichier) in resultat.stdout
    avant = fichier.read_bytes()
    encore = cte("generate", "reglement", "cde-21", "-d", str(DEPOT), "-o", str(sortie), "--date", DATE)
    assert encore.returncode == 2 and "--force" in encore.stderr and "Traceback" not in encore.stderr
    assert fichier.read_bytes() == avant
    force = cte("generate", "reglement", "cde-21", "-d", str(DEPOT), "-o", str(sortie), "--date", DATE, "--force")
    assert force.returncode == 0


def test_erreurs_d_usage(cte, tmp_path: Path) -> None:
    sans_id = cte("generate", "reglement", "-d", str(DEPOT), "-o", str(tmp_path))
    assert sans_id.returncode == 2 and "--tous" in sans_id.stderr
    regional = cte("generate", "reglement", "cre-27", "-d", str(DEPOT), "-o", str(tmp_path))
    assert regional.returncode == 2 and "R. 6123-3-12" in regional.stderr
    mauvais_format = cte("generate", "reglement", "cde-21", "-d", str(DEPOT), "-f", "odt")
    assert mauvais_format.returncode == 2 and "formats possibles : docx, md, pdf" in mauvais_format.stderr
    assert not list(tmp_path.iterdir())


def test_depot_invalide_montre_les_constats(cte, depot: Path, tmp_path: Path) -> None:
    fichier = depot / "seances" / "2026-12-08-cde-21.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace("nature: pleniere", "nature: pleniere\nlieux: x"),
                       encoding="utf-8")
    resultat = cte("generate", "convocation", "2026-12-08-cde-21", "-d", str(depot), "-o", str(tmp_path / "c"))
    assert resultat.returncode == 2
    assert f"{fichier}:6:1: erreur : clé inconnue « lieux » ; vouliez-vous dire « lieu » ?  [cle-inconnue" in resultat.stderr
    assert not (tmp_path / "c").exists()


def test_en_masse_bilan_echecs_et_existants(cte, depot: Path, tmp_path: Path) -> None:
    cle = depot / "comites" / "cle-21-tille.yaml"
    cle.write_text(cle.read_text(encoding="utf-8").replace("  secretariat: Agence France Travail d'Is-sur-Tille\n", ""),
                   encoding="utf-8")
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    (sortie / "reglement-interieur-cde-21.docx").write_bytes(b"signe")
    resultat = cte("generate", "reglement", "--tous", str(depot), "--sortie", str(sortie), "--date", DATE)
    assert resultat.returncode == 1
    assert "0 écrit(s), 1 existant(s) non remplacé(s) (--force pour remplacer), 1 ignoré(s), 1 échec(s)" in resultat.stdout
    assert "reglement_interieur.secretariat" in resultat.stdout  # la raison de l'échec
    assert (sortie / "reglement-interieur-cde-21.docx").read_bytes() == b"signe"
    assert sorted(p.name for p in sortie.iterdir()) == ["reglement-interieur-cde-21.docx"]


def test_pdf_sans_libreoffice(cte, tmp_path: Path) -> None:
    vide = tmp_path / "bin"
    vide.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "CTE_SOFFICE"}
    env["PATH"] = str(vide)
    resultat = cte("generate", "reglement", "cde-21", "-d", str(DEPOT), "-o", str(tmp_path / "s"), "-f", "pdf",
                   env=env)
    assert resultat.returncode == 2
    assert "apt-get install libreoffice-writer-nogui" in resultat.stderr and "Traceback" not in resultat.stderr
    assert not (tmp_path / "s").exists() or not list((tmp_path / "s").iterdir())


# --- le dépôt d'exemple ----------------------------------------------------------------------


def _exemple() -> list[tuple[Path, dict]]:
    if not EXEMPLE.is_dir():
        pytest.skip("dépôt d'exemple absent")
    return [(f, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in sorted(EXEMPLE.rglob("*.yaml"))]


def _sans_balise(chemin: Path) -> str:
    document = Document(str(chemin))
    texte = "\n".join(p.text for p in document.paragraphs)
    texte += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "{{" not in texte and "{%" not in texte, chemin
    return texte


@pytest.mark.slow
def test_exemple_tous_les_reglements(cte, tmp_path: Path) -> None:
    fichiers = _exemple()
    attendus = {d["id"] for _, d in fichiers if d.get("type") == "comite" and d["niveau"] in ("departemental", "local")}
    resultat = cte("generate", "reglement", "--tous", str(EXEMPLE), "--sortie", str(tmp_path), "--date", DATE)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "0 échec(s)" in resultat.stdout
    ecrits = {p.name.removeprefix("reglement-interieur-").removesuffix(".docx") for p in tmp_path.iterdir()}
    assert ecrits == attendus
    for chemin in tmp_path.iterdir():
        _sans_balise(chemin)


@pytest.mark.slow
def test_exemple_documents_de_seance(cte, tmp_path: Path) -> None:
    fichiers = _exemple()
    seances = [(f, d) for f, d in fichiers if d.get("type") == "seance"]
    passee = next((f, d) for f, d in seances if d.get("presents") and d["nature"] in ("ordinaire", "pleniere"))
    a_venir = max(seances, key=lambda fd: str(fd[1]["date"]))
    comites = {d["id"]: d for _, d in fichiers if d.get("type") == "comite"}
    sortie = tmp_path / "convocations"
    resultat = cte("generate", "convocation", str(a_venir[0]), "-d", str(EXEMPLE), "-o", str(sortie), "--date", DATE)
    assert resultat.returncode == 0, resultat.stderr
    convocations = sorted(sortie.glob("convocation-*.docx"))
    comite = comites[a_venir[1]["comite"]]
    assert len(convocations) == len(comite["membres"])
    assert len(list(sortie.glob("invitation-*.docx"))) == len(comite.get("invites", []))
    for chemin in convocations:
        texte = _sans_balise(chemin)
        assert a_venir[1]["ordre_du_jour"][0].split(" ")[0] in texte
    (ics,) = sortie.glob("*.ics")
    evenement = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    adresse = a_venir[1].get("adresse")
    assert str(evenement["LOCATION"]).startswith(a_venir[1]["lieu"])
    if adresse:  # LOCATION porte l'adresse postale, URL le lien de visioconférence
        assert f"{adresse['code_postal']} {adresse['commune']}" in str(evenement["LOCATION"])
        assert str(evenement["URL"]) == a_venir[1]["visio"]["lien"]
    for commande in ("emargement", "releve"):
        resultat = cte("generate", commande, str(passee[0]), "-d", str(EXEMPLE), "-o", str(tmp_path), "--date", DATE)
        assert resultat.returncode == 0, resultat.stderr
    releve = _sans_balise(next(tmp_path.glob("releve-de-decisions-*.docx")))
    assert "Le quorum est atteint" in releve.replace("\u00a0", " ")
