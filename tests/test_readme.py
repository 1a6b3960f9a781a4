"""La visite du README, rejouée depuis un clone neuf (issue 11, « Done when »).

On clone le dépôt (ce qui est commité) dans un dossier temporaire et on y lance, dans l'ordre,
chaque commande `cte` du bloc « Visite en cinq minutes », avec le code du clone (PYTHONPATH).
Chaque commande doit réussir (0), ou signaler des constats (1) pour les vérifications ; jamais
2 (commande ou entrée refusée), jamais de trace Python ; les fichiers annoncés sont écrits.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import RACINE

pytestmark = pytest.mark.slow  # sous-processus, installation, LibreOffice ou clone

#: commandes de vérification : des constats (code 1) sont une réponse normale
VERIFICATIONS = ("validate",)


def _visite(readme: str) -> list[str]:
    bloc = readme.split("## Visite en cinq minutes", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [ligne.split("  #")[0].strip() for ligne in bloc.splitlines()
            if ligne.strip() and not ligne.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if shutil.which("git") is None or not (RACINE / ".git").exists():
        pytest.skip("git ou historique absent")
    dossier = tmp_path_factory.mktemp("visite")
    cible = dossier / "cte"
    subprocess.run(["git", "clone", "--quiet", str(RACINE), str(cible)], check=True, timeout=120)
    partage = RACINE.parent / "shared"
    if partage.is_dir():  # le plan d'actions d'exemple vit à côté du dépôt (../shared/domain)
        (dossier / "shared").symlink_to(partage)
    return cible


def test_la_visite_du_readme_marche_depuis_un_clone_neuf(clone):
    lignes = _visite((clone / "README.md").read_text(encoding="utf-8"))
    assert lignes[0] == "source .venv/bin/activate"
    variables: dict[str, str] = {}
    environnement = {**os.environ, "PYTHONPATH": str(clone / "src"), "COLUMNS": "200"}
    lancees = 0
    for ligne in lignes[1:]:
        if m := re.fullmatch(r"([A-Z]+)=(\S+)", ligne):
            variables[m.group(1)] = m.group(2)
            continue
        for commande in ligne.split("&&"):
            mots = shlex.split(re.sub(r"\$([A-Z]+)", lambda v: variables[v.group(1)], commande))
            assert mots[0] == "cte", commande
            if any(m.startswith("../shared/") for m in mots) and not (clone.parent / "shared").exists():
                continue
            sortie = subprocess.run([sys.executable, "-m", "cte_cli", *mots[1:]], cwd=clone, env=environnement,
                                    capture_output=True, text=True, timeout=300)
            lancees += 1
            permis = (0, 1) if mots[1] in VERIFICATIONS else (0,)
            assert sortie.returncode in permis, f"{commande} : code {sortie.returncode}\n{sortie.stderr[-2000:]}"
            assert "Traceback" not in sortie.stderr + sortie.stdout, commande
            for i, mot in enumerate(mots):
                if mot in ("--sortie", "-o") and mots[i + 1].endswith((".xlsx", ".csv", ".yaml")):
                    assert (clone / mots[i + 1]).is_file(), f"{commande} : {mots[i + 1]} non écrit"
    assert lancees >= 18
    assert (clone / "sortie" / "reglements").is_dir() and any((clone / "sortie" / "reglements").iterdir())
    assert (clone / "ma-region" / "cte.toml").is_file()


def test_le_code_lance_est_celui_du_clone(clone):
    sortie = subprocess.run([sys.executable, "-c", "import cte_cli; print(cte_cli.__file__)"], cwd=clone,
                            env={**os.environ, "PYTHONPATH": str(clone / "src")}, capture_output=True, text=True)
    assert Path(sortie.stdout.strip()).is_relative_to(clone)
