"""Le paquet : `python -m build` donne une archive source et une roue (construite depuis
l'archive) qui s'installent et fonctionnent hors ligne, référentiels et modèles compris.

La construction télécharge setuptools dans un environnement isolé (test sauté, en le disant,
si PyPI est injoignable) ; l'installation, elle, se fait sans aucun index (`--no-index`) dans
un venv neuf, dont les dépendances viennent de l'environnement des tests ; puis `cte` tourne
depuis un dossier étranger au projet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from cte_cli import __version__

from conftest import DATE, EXEMPLE, RACINE

pytestmark = pytest.mark.slow  # sous-processus, installation, LibreOffice ou clone

DONNEES = ("referentiel/data/geographie.json", "referentiel/data/communes.json.gz",
           "referentiel/data/parametres-defaut.yaml", "referentiel/data/legal/code-du-travail-L5311-R5311.txt",
           "templates/reglement.docx", "templates/convocation.md")


@pytest.fixture(scope="module")
def distributions(tmp_path_factory) -> Path:
    try:
        import build  # noqa: F401
    except ImportError:
        pytest.skip("le paquet build n'est pas installé (pip install -e '.[test]')")
    source = tmp_path_factory.mktemp("source")
    for nom in ("src", "pyproject.toml", "README.md", "CHANGELOG.md"):
        origine = RACINE / nom
        if origine.is_dir():
            shutil.copytree(origine, source / nom, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(origine, source / nom)
    sortie = subprocess.run([sys.executable, "-m", "build", "--outdir", str(source / "dist"), str(source)],
                            capture_output=True, text=True, timeout=600)
    if sortie.returncode != 0:
        journal = sortie.stdout + sortie.stderr
        if any(x in journal for x in ("Could not find a version", "Failed to establish", "NewConnectionError",
                                      "Temporary failure in name resolution")):
            pytest.skip("PyPI injoignable : setuptools ne peut pas être installé pour la construction")
        raise AssertionError(journal[-3000:])
    return source / "dist"


def test_archive_source_et_roue_contiennent_les_referentiels(distributions: Path) -> None:
    (roue,) = distributions.glob(f"cte_cli-{__version__}-py3-none-any.whl")
    (archive,) = distributions.glob(f"cte_cli-{__version__}.tar.gz")
    with zipfile.ZipFile(roue) as z:
        noms = set(z.namelist())
        metadonnees = z.read(f"cte_cli-{__version__}.dist-info/METADATA").decode("utf-8")
        points = z.read(f"cte_cli-{__version__}.dist-info/entry_points.txt").decode("utf-8")
    assert {f"cte_cli/{d}" for d in DONNEES} <= noms
    assert f"Version: {__version__}" in metadonnees and "Requires-Python: >=3.11" in metadonnees
    assert "cte = cte_cli.cli:main" in points
    with tarfile.open(archive) as t:
        contenu = set(t.getnames())
    assert {f"cte_cli-{__version__}/src/cte_cli/{d}" for d in DONNEES} <= contenu


def test_roue_installee_hors_ligne_dans_un_venv(distributions: Path, tmp_path: Path) -> None:
    (roue,) = distributions.glob("*.whl")
    venv = tmp_path / "venv"
    # un venv sans pip (ensurepip coûte plusieurs secondes) : le pip des tests y installe la roue
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    installe = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                               "--no-index", "--no-deps", str(roue)], capture_output=True, text=True, timeout=300)
    assert installe.returncode == 0, installe.stderr
    # dépendances (pydantic, openpyxl…) prises à l'environnement des tests, sans réseau
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "dependances-des-tests.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(NO_COLOR="1", PIP_NO_INDEX="1")
    travail = tmp_path / "ailleurs"
    shutil.copytree(EXEMPLE, travail / "depot")
    cte = str(venv / "bin" / "cte")

    def lancer(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([cte, *args], cwd=travail, env=env, capture_output=True, text=True, timeout=300)

    emplacement = subprocess.run([str(python), "-c", "import cte_cli; print(cte_cli.__file__)"], cwd=travail,
                                 env=env, capture_output=True, text=True, check=True).stdout
    assert emplacement.startswith(str(venv)), emplacement  # la roue, pas le code du projet
    version = lancer("--version")
    assert version.returncode == 0 and version.stdout.startswith(f"cte {__version__}\n")
    assert "COG 2026" in version.stdout
    assert lancer("validate", "depot", "--date", DATE).returncode == 0
    assert lancer("expliquer", "plafond-sieges").returncode == 0
    reglement = lancer("generate", "reglement", "cde-21-cote-d-or", "-d", "depot", "-o", "sortie", "--date", DATE)
    assert reglement.returncode == 0, reglement.stderr
    assert (travail / "sortie").is_dir() and any((travail / "sortie").glob("*.docx"))
    carto = lancer("cartographie", "--region", "27", "depot", "--date", DATE, "--open-data", "--sortie", "c.csv")
    assert carto.returncode == 0, carto.stderr
    assert lancer("init", "--region", "84", "neuf").returncode == 0
    assert (travail / "neuf" / "cte.schema.json").is_file()
