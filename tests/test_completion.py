"""Complétion dans le shell (`cte --install-completion`) et `cte --version`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cte_cli.completion import identifiants

from conftest import EXEMPLE, RACINE


def _documents(nature: str) -> set[str]:
    trouves = set()
    for fichier in EXEMPLE.rglob("*.yaml"):
        donnees = yaml.safe_load(fichier.read_text(encoding="utf-8"))
        if isinstance(donnees, dict) and donnees.get("type") == nature:
            trouves.add(donnees.get("id") or fichier.stem)
    return trouves


def test_identifiants_du_depot() -> None:
    assert identifiants(EXEMPLE, "comite") == sorted(_documents("comite"))
    seances = identifiants(EXEMPLE, "seance")
    assert seances == sorted(_documents("seance")) and "2026-03-10-cde-21-cote-d-or-ordinaire" in seances


def _completer(mots: str, cwd: Path, shell: str = "bash") -> list[str]:
    """Ce que le script de complétion bash de Typer obtient de `cte` pour la ligne `mots`."""
    env = {**os.environ, "_CTE_COMPLETE": f"complete_{shell}", "COMP_WORDS": mots,
           "COMP_CWORD": str(len(mots.split()) - (0 if mots.endswith(" ") else 1))}
    sortie = subprocess.run([sys.executable, "-m", "cte_cli"], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=60)
    assert sortie.returncode == 0, sortie.stderr
    return sortie.stdout.split()


def test_completion_des_commandes_et_options() -> None:
    assert _completer("cte mem", EXEMPLE) == ["membres"]
    assert set(_completer("cte membres ", EXEMPLE)) == {"exporter", "importer"}
    assert "--format" in _completer("cte validate --fo", EXEMPLE)
    assert "--consolider" in _completer("cte cartographie --con", EXEMPLE)


def test_completion_des_comites_et_des_seances(tmp_path: Path) -> None:
    comites = sorted(c for c in _documents("comite") if c.startswith("cde-2"))
    assert _completer("cte voix cde-2", EXEMPLE) == comites
    assert _completer("cte rotation cre-", EXEMPLE) == ["cre-bourgogne-franche-comte"]
    assert _completer("cte membres exporter --comite cle-90", EXEMPLE) == ["cle-90-belfort-vosges-du-sud",
                                                                          "cle-90-sud-territoire"]
    seances = _completer("cte generate convocation 2026-03-1", EXEMPLE)
    assert seances and all(s.startswith("2026-03-1") for s in seances)
    assert set(seances) <= _documents("seance")
    # le dépôt donné par -d, pas le dossier courant
    assert _completer(f"cte generate reglement -d {EXEMPLE} cle-70-l", tmp_path) == [
        "cle-70-lure-hericourt", "cle-70-luxeuil-nord-haute-saone"]
    assert _completer("cte voix cde-", tmp_path) == []
    assert _completer("cte cartographie --region 2", EXEMPLE) == ["24", "27", "28"]


def test_script_de_completion_et_aide_en_francais(cte) -> None:
    script = cte("--show-completion", "bash")
    assert script.returncode == 0 and "_CTE_COMPLETE=complete_bash" in script.stdout
    aide = cte("--help").stdout
    assert "Installer la complétion" in aide and "Install completion" not in aide


def test_version_dit_les_referentiels(cte) -> None:
    from cte_cli import __version__

    sortie = cte("--version")
    assert sortie.returncode == 0
    lignes = sortie.stdout.splitlines()
    assert lignes[0] == f"cte {__version__}"
    assert "COG 2026" in lignes[1]
    assert re.search(r"version consolidée du \d{4}-\d{2}-\d{2}", lignes[2])
    from importlib.metadata import version

    assert version("cte-cli") == __version__  # pyproject.toml : version dynamique, une seule source
    assert f"## [{__version__}]" in (RACINE / "CHANGELOG.md").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash absent")
def test_complete_dans_bash(tmp_path: Path) -> None:
    """Le script de `--show-completion bash` chargé dans un vrai bash, appelé comme à la tabulation."""
    cte = Path(sys.executable).parent / "cte"
    if not cte.exists():
        pytest.skip("commande cte absente du venv")
    script = subprocess.run([str(cte), "--show-completion", "bash"], capture_output=True, text=True, timeout=60).stdout
    (tmp_path / "completion.sh").write_text(script, encoding="utf-8")
    appel = (f'export PATH="{cte.parent}:$PATH"; source {tmp_path / "completion.sh"}; '
             'COMP_WORDS=(cte voix cde-7); COMP_CWORD=2; _cte_completion cte; printf "%s\\n" "${COMPREPLY[@]}"')
    sortie = subprocess.run(["bash", "-c", appel], cwd=EXEMPLE, capture_output=True, text=True, timeout=60)
    assert sortie.stdout.split() == ["cde-70-haute-saone", "cde-71-saone-et-loire"], sortie.stderr
