"""Noms des fichiers produits : jamais deux sorties sur un même chemin, jamais d'extension
perdue (issue 13, point 1).

Trouvé et corrigé ici : les noms étaient coupés à 120 caractères extension comprise ; un nom de
membre de 73 caractères donnait une convocation sans `.docx`, et une séance dont l'identifiant
fait 148 caractères faisait partager un seul chemin à toutes ses convocations (« 2 écrit(s),
25 existant(s) », sortie 0 ; avec `--force`, « 27 écrit(s) » pour 2 fichiers).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.ecriture import NOM_MAX, chemins_uniques, dans_dossier, nom_de_fichier

from .outils import DATE, EXEMPLE, copier_exemple, executer

SEANCE = "2026-03-05-cre-bourgogne-franche-comte-ordinaire"
COMITE = "cre-bourgogne-franche-comte"


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    if not EXEMPLE.exists():
        pytest.skip("dépôt d'exemple absent")
    return copier_exemple(tmp_path / "depot")


def _renommer_seance(depot: Path, nouveau: str) -> None:
    ancien = next(depot.glob(f"seances/*/{SEANCE}.yaml"))
    ancien.rename(ancien.with_name(f"{nouveau}.yaml"))


def _bilan(sortie) -> dict[str, int]:
    """« Convocations : 33 écrit(s), 0 existant(s)… » -> {"écrit": 33, "existant": 0, …}."""
    import re

    ligne = next(x for x in sortie.stdout.splitlines() if x.startswith("Convocations"))
    return {mot: int(n) for n, mot in re.findall(r"(\d+) (écrit|existant|ignoré|échec)", ligne)}


@pytest.mark.parametrize("force", [False, True])
def test_seance_a_l_identifiant_tres_long(depot: Path, tmp_path: Path, force: bool) -> None:
    long = f"{SEANCE}-" + "x" * (148 - len(SEANCE) - 1)
    assert len(long) == 148
    _renommer_seance(depot, long)
    sortie_dir = tmp_path / "convocations"
    options = ("--force",) if force else ()
    sortie = executer("generate", "convocation", long, "--depot", str(depot), "--sortie", str(sortie_dir),
                      "--date", DATE, *options)
    assert sortie.code == 0, sortie.texte
    bilan = _bilan(sortie)
    fichiers = sorted(p.name for p in sortie_dir.iterdir())
    # autant de fichiers que de documents annoncés écrits : aucun n'a pris la place d'un autre
    assert bilan["écrit"] == len(fichiers) and bilan["existant"] == 0, (bilan, fichiers)
    assert len(fichiers) > 20
    assert all(len(n) <= NOM_MAX for n in fichiers)
    assert sum(n.endswith(".docx") for n in fichiers) == len(fichiers) - 1
    assert sum(n.endswith(".ics") for n in fichiers) == 1
    # relancer sans --force : tout existe, rien n'est écrit
    relance = executer("generate", "convocation", long, "--depot", str(depot), "--sortie", str(sortie_dir),
                       "--date", DATE)
    assert relance.code == 2 and "existent déjà" in relance.stderr, relance.texte


def test_nom_de_membre_long_garde_l_extension(depot: Path, tmp_path: Path) -> None:
    fichier = depot / "regional" / f"{COMITE}.yaml"
    donnees = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    nom = "Marie-Christine " + "Abcdefghij-" * 5 + "Dupont de la Tour"
    assert len(nom) >= 73
    donnees["membres"][0]["nom"] = nom
    fichier.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sortie_dir = tmp_path / "convocations"
    sortie = executer("generate", "convocation", SEANCE, "--depot", str(depot), "--sortie", str(sortie_dir),
                      "--date", DATE)
    assert sortie.code == 0, sortie.texte
    noms = [p.name for p in sortie_dir.iterdir()]
    assert all(n.endswith((".docx", ".ics")) for n in noms), noms
    assert any("Marie-Christine" in n for n in noms)


@pytest.mark.slow
def test_identifiants_longs_de_meme_debut_en_lot(depot: Path, tmp_path: Path) -> None:
    """Deux comités dont les identifiants ne diffèrent qu'après 130 caractères : en lot, deux
    règlements sur deux chemins (avec ou sans --force)."""
    source = depot / "locaux" / "cle-21-auxois-morvan.yaml"
    texte = source.read_text(encoding="utf-8")
    source.unlink()
    for fin in ("a", "b"):
        identifiant = "cle-21-auxois-morvan-" + "x" * 130 + fin
        (depot / "locaux" / f"{fin}.yaml").write_text(
            texte.replace("id: cle-21-auxois-morvan", f"id: {identifiant}"), encoding="utf-8")
    sortie_dir = tmp_path / "reglements"
    for options in ((), ("--force",)):
        sortie = executer("generate", "reglement", "--tous", str(depot), "--sortie", str(sortie_dir), "--date",
                          DATE, *options)
        ecrits = [ligne.split()[-1] for ligne in sortie.stdout.splitlines() if ligne.strip().startswith("écrit")]
        assert len(ecrits) == 43 and len(set(ecrits)) == 43, sortie.texte  # jamais deux sur un chemin
        assert len(list(sortie_dir.glob("*.docx"))) == 43


# --- propriétés de la fabrique de noms -----------------------------------------------------

noms = st.one_of(st.text(max_size=300), st.sampled_from(["x" * 400, "é" * 200, "a.b" * 80, "CON", ".."]))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(nom=noms, extension=st.sampled_from(["docx", "ics", "md", "pdf", "xlsx"]))
def test_l_extension_est_toujours_gardee(nom: str, extension: str) -> None:
    propre = nom_de_fichier(f"{nom}.{extension}")
    assert propre.endswith(f".{extension}") and len(propre) <= NOM_MAX
    assert dans_dossier("/tmp/sortie-cte", f"{nom}.{extension}").name == propre


@settings(max_examples=200, deadline=None, derandomize=True)
@given(liste=st.lists(noms, min_size=1, max_size=30))
def test_chemins_uniques_sans_collision(liste: list[str]) -> None:
    chemins = chemins_uniques("/tmp/sortie-cte", [f"{n}.docx" for n in liste])
    assert len(chemins) == len(liste)
    # distincts même sur un système de fichiers insensible à la casse (macOS, Windows)
    assert len({str(c).casefold() for c in chemins}) == len(chemins)
    assert all(c.name.endswith(".docx") and len(c.name) <= NOM_MAX for c in chemins)
    assert all(c.parent == Path("/tmp/sortie-cte").resolve() for c in chemins)


def test_noms_coupes_distincts_et_stables() -> None:
    a = nom_de_fichier("convocation-" + "x" * 150 + "-01-Jean.docx")
    b = nom_de_fichier("convocation-" + "x" * 150 + "-02-Paul.docx")
    assert a != b and a == nom_de_fichier("convocation-" + "x" * 150 + "-01-Jean.docx")


def test_import_rapport_et_sortie_sur_le_meme_chemin(tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text("Plan 2025\nAXE 1 - Emploi\nMESURE N°1 : agir\n", encoding="utf-8")
    cible = tmp_path / "fdr.yaml"
    sortie = executer("feuille-de-route", "importer", str(plan), "--comite", "cde-21-cote-d-or", "--sortie",
                      str(cible), "--rapport", str(tmp_path / "." / "fdr.yaml"), "--force")
    assert sortie.code == 2 and "même fichier" in sortie.stderr, sortie.texte
    assert not cible.exists()
