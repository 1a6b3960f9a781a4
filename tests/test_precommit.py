"""Le crochet pre-commit `cte-validate` (.pre-commit-hooks.yaml) dans un dépôt jetable.

pre-commit installe cte depuis une copie de ce projet (son propre environnement Python, avec
les dépendances téléchargées : le test est ignoré sans pre-commit ou sans accès aux paquets),
puis refuse un commit qui introduit une erreur et accepte un commit correct.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="git absent"), pytest.mark.slow]

CDE = """type: comite
id: cde-21-cote-d-or
niveau: departemental
nom: Comité départemental pour l'emploi de la Côte-d'Or
region: "27"
departements: ["21"]
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: François Sauvadet, qualite: Président du conseil départemental, college: departement}
membres:
  - {nom: Anne Roy, qualite: Directrice départementale de l'emploi, college: etat}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region}
  - {nom: Rita Simon, qualite: Conseillère départementale, college: departement}
  - {nom: Luc Faure, qualite: Maire de Genlis, college: communes}
  - {nom: Eva Morel, qualite: Secrétaire de l'UD CFDT, college: syndicat_salaries, organisation: CFDT}
  - {nom: Marc Girard, qualite: Président du MEDEF 21, college: organisation_employeurs, organisation: MEDEF}
  - {nom: Zoé Lambert, qualite: Présidente de la FNSEA 21, college: organisation_employeurs_multipro, organisation: FNSEA}
  - {nom: Paul Henry, qualite: Directeur territorial de France Travail, college: france_travail}
  - {nom: Yves Morel, qualite: Président de la mission locale de Dijon, college: mission_locale}
  - {nom: Léa Giraud, qualite: Présidente de Cap emploi 21, college: cap_emploi}
commissions:
  - {id: inclusion-iae, nom: Commission inclusion et IAE, objet: inclusion_iae}
"""
SEANCE = """type: seance
comite: cde-21-cote-d-or
date: 2026-03-12T14:00
lieu: Préfecture de la Côte-d'Or, Dijon
nature: pleniere
ordre_du_jour: [Installation du comité]
"""


def test_le_fichier_des_crochets_est_coherent() -> None:
    crochets = yaml.safe_load((RACINE / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    par_id = {c["id"]: c for c in crochets}
    assert set(par_id) == {"cte-validate", "cte-validate-tout"}
    for crochet in crochets:
        assert crochet["language"] == "python" and crochet["pass_filenames"] is False
        assert crochet["entry"].startswith("cte validate")
    assert "--depuis HEAD" in par_id["cte-validate"]["entry"]


def _git(depot: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "user.name=Agent", "-c", "user.email=agent@exemple.gouv.fr", *args],
        cwd=depot, capture_output=True, text=True, env=env, timeout=600,
    )


def _copie_du_projet(cible: Path) -> str:
    """Copie versionnée de ce projet (le crochet s'installe depuis un commit) ; renvoie le commit."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".venv", ".git", "*.pyc")
    for nom in ("src", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        source = RACINE / nom
        if source.is_dir():
            shutil.copytree(source, cible / nom, ignore=ignore)
        else:
            shutil.copy2(source, cible / nom)
    for commande in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "cte")):
        assert _git(cible, *commande).returncode == 0
    return _git(cible, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit n'est pas installé (pip install -e '.[test]')")
    return [sys.executable, "-m", "pre_commit"]


def test_crochet_refuse_une_erreur_et_accepte_un_fichier_correct(tmp_path: Path, pre_commit) -> None:
    projet = tmp_path / "cte"
    projet.mkdir()
    commit = _copie_du_projet(projet)
    depot = tmp_path / "configuration"
    depot.mkdir()
    assert _git(depot, "init", "-q").returncode == 0
    (depot / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {projet.as_uri()}\n    rev: {commit}\n    hooks:\n      - id: cte-validate\n",
        encoding="utf-8",
    )
    (depot / "departemental").mkdir()
    (depot / "departemental" / "cde-21.yaml").write_text(CDE, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache-pre-commit"), "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)
    installe = subprocess.run([*pre_commit, "install", "--install-hooks"], cwd=depot, env=env, capture_output=True,
                              text=True, timeout=900)
    if installe.returncode != 0:
        pytest.skip(f"installation du crochet impossible (réseau ?) : {installe.stdout[-500:]}")
    _git(depot, "add", "-A")
    premier = _git(depot, "commit", "-m", "comité départemental", env=env)
    assert premier.returncode == 0, premier.stdout + premier.stderr
    assert "cte validate (fichiers modifiés)" in premier.stdout + premier.stderr

    (depot / "seances").mkdir()
    (depot / "seances" / "installation.yaml").write_text(
        SEANCE.replace("comite: cde-21-cote-d-or", "comite: cde-21-cote-dor"), encoding="utf-8")
    _git(depot, "add", "-A")
    refuse = _git(depot, "commit", "-m", "séance d'installation", env=env)
    sortie = refuse.stdout + refuse.stderr
    assert refuse.returncode != 0, sortie
    assert "reference-inconnue" in sortie and "seances/installation.yaml" in sortie
    assert "vouliez-vous dire « cde-21-cote-d-or »" in sortie

    (depot / "seances" / "installation.yaml").write_text(SEANCE, encoding="utf-8")
    _git(depot, "add", "-A")
    accepte = _git(depot, "commit", "-m", "séance d'installation", env=env)
    assert accepte.returncode == 0, accepte.stdout + accepte.stderr
    assert "Passed" in accepte.stdout + accepte.stderr
