"""Aides communes aux tests : lancer `cte` en processus (codes de sortie réels)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
DATE = "2026-11-22"


def lancer(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """`cte ARGS...` dans un sous-processus, sortie texte capturée."""
    environnement = {**os.environ, "COLUMNS": "200", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "cte_cli", *args],
        cwd=cwd, env=environnement, capture_output=True, text=True, timeout=300,
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Les modules qui ont des tests `slow` d'abord, chacun d'un bloc (ses fixtures de module
    calculées une fois) : avec `--dist worksteal` (make test), un long test ne finit pas seul la
    suite pendant que l'autre worker attend ; les tests courts comblent la fin."""
    lents = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in lents)


@pytest.fixture(autouse=True)
def _limite_csv():
    """frictionless relève la limite de taille d'une cellule du module csv (état du processus) :
    chaque test retrouve la limite d'origine, quel que soit l'ordre (pytest-xdist)."""
    import csv

    limite = csv.field_size_limit()
    yield
    csv.field_size_limit(limite)


@pytest.fixture
def cte():
    """`cte ARGS...` dans ce processus (rapide) ; `cte_processus` pour un vrai sous-processus
    (signaux, imports paresseux, `python -m cte_cli`, sortie d'un processus qui plante)."""
    return lancer_ici


@pytest.fixture
def cte_processus():
    return lancer


class Sortie:
    """Ce que `cte` a produit : code de sortie, sortie standard, sortie d'erreur."""

    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def lancer_ici(*args: str, cwd: Path | None = None, env: dict | None = None) -> Sortie:
    """`cte ARGS...` dans ce processus (`cli.main`, mêmes codes de sortie et messages que la
    commande installée) : des tests rapides, sans démarrer un interpréteur par appel. `env` :
    variables d'environnement ajoutées le temps de l'appel."""
    import contextlib
    import io

    from cte_cli.cli import main

    sortie, erreur = io.StringIO(), io.StringIO()
    ancien = Path.cwd()
    variables = {"COLUMNS": "200", **(env or {})}
    sauves = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreur):
            try:
                main(list(args))
                code = 0
            except SystemExit as fin:
                code = fin.code if isinstance(fin.code, int) else 0
    finally:
        os.chdir(ancien)
        for k, v in sauves.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return Sortie(code, sortie.getvalue(), erreur.getvalue())


@pytest.fixture
def cte_ici():
    return lancer_ici
