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


@pytest.fixture
def cte():
    return lancer
