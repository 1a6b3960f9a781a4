"""`cte validate --depuis REF` ne cache jamais une erreur (issue 13, point 5).

Trouvé et corrigé ici : les chemins étaient envoyés un par ligne à `git cat-file --batch` ; un
fichier committé dont le nom contient un saut de ligne décalait toutes les réponses suivantes
(l'ancien texte d'un fichier était pris pour celui d'un autre), et une exécution rapportait
0 erreur là où la validation complète en trouvait 4.

Propriété : pour toute suite de modifications (fichiers modifiés, supprimés, ajoutés, aux noms
piégés : saut de ligne, tabulation, guillemets, barre oblique inverse, octet non UTF-8, tiret
en tête, espaces ; committées ou non), `--depuis` rapporte au moins toutes les erreurs que la
validation complète trouve dans les fichiers modifiés, et toutes celles que la modification a
fait apparaître ailleurs (fichiers qui dépendent d'un fichier modifié).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cte_cli.depuis import valider_depuis
from cte_cli.moteur import valider

from .outils import EXEMPLE, fichiers_exemple
from .strategies import muter_depot

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git absent"),
    pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent"),
    pytest.mark.skipif(os.name == "nt", reason="noms de fichiers POSIX"),
]

DATE = date(2026, 11, 22)
#: noms piégés (les plumbing git sans -z les citent ou les coupent)
NOMS_PIEGES = [
    "departemental/a\nb.yaml", "departemental/\nz.yaml", "locaux/tab\tulation.yaml", 'locaux/gui"llemet.yaml',
    "locaux/barre\\oblique.yaml", "locaux/-tiret.yaml", "locaux/ espace .yaml", "locaux/é\u0301accent.yaml",
    os.fsdecode(b"locaux/octet-\xff.yaml"), "seances/2026/\n.yaml",
]
PARAMETRES_CASSES = "type: parametres\n"


def _git(depot: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Agent", "-c", "user.email=agent@exemple.gouv.fr", "-c", "core.quotePath=true",
         "-C", str(depot), *args], check=True, capture_output=True).stdout.decode("utf-8", "surrogateescape")


def _erreurs(resultat) -> Counter:
    """Les erreurs, par (fichier relatif au dossier courant, règle, ligne, colonne, message)."""
    return Counter((os.path.normpath(c.fichier), c.regle, c.ligne, c.colonne, c.message)
                   for c in resultat.constats if str(c.gravite) == "erreur")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, Counter]:
    """Le dépôt d'exemple committé avec des fichiers aux noms piégés, et ses erreurs."""
    racine = tmp_path_factory.mktemp("depuis") / "base"
    shutil.copytree(EXEMPLE, racine)
    for nom in NOMS_PIEGES[:4]:
        (racine / nom).write_text(PARAMETRES_CASSES.replace("parametres", "seance"), encoding="utf-8")
    _git(racine, "init", "-q", "-b", "main")
    _git(racine, "add", "-A")
    _git(racine, "commit", "-q", "-m", "base")
    return racine, _valider_ici(racine, complet=True)


def _valider_ici(racine: Path, complet: bool) -> Counter:
    """Les erreurs de la validation complète, ou de `--depuis main`, lancée depuis `racine`."""
    courant = os.getcwd()
    os.chdir(racine)
    try:
        return _erreurs(valider(["."], DATE) if complet else valider_depuis(["."], "main", DATE))
    finally:
        os.chdir(courant)


def _copie(base: tuple[Path, Counter], cible: Path) -> Path:
    shutil.copytree(base[0], cible, symlinks=True)
    _git(cible, "checkout", "-q", "-b", "travail")
    return cible


def _modifies(racine: Path) -> set[str]:
    sortie = _git(racine, "diff", "--name-only", "-z", "main")
    sortie += _git(racine, "ls-files", "-z", "--others", "--exclude-standard")
    return {os.path.normpath(c) for c in sortie.split("\0") if c}


def _verifier(racine: Path, erreurs_base: Counter) -> None:
    complet = _valider_ici(racine, complet=True)
    partiel = _valider_ici(racine, complet=False)
    modifies = _modifies(racine)
    # toutes les erreurs des fichiers modifiés, et toutes celles que la modification a fait apparaître
    requises = Counter({e: n for e, n in complet.items() if e[0] in modifies})
    requises |= complet - erreurs_base
    manquantes = requises - partiel
    assert not manquantes, f"--depuis cache {sum(manquantes.values())} erreur(s) : {sorted(manquantes)[:5]}"


def test_nom_avec_saut_de_ligne_ne_decale_rien(base, tmp_path: Path) -> None:
    racine = _copie(base, tmp_path / "depot")
    # le fichier au nom piégé est modifié : son chemin part vers git avec ceux des autres
    # fichiers modifiés, dont un comité supprimé (trié après lui) dont l'ancien texte sert à
    # trouver les séances et feuilles de route qui le citent
    with open(racine / "departemental" / "a\nb.yaml", "a", encoding="utf-8") as flux:
        flux.write("# modifié\n")
    (racine / "departemental" / "cde-25-doubs.yaml").unlink()
    (racine / "locaux" / "cle-21-auxois-morvan.yaml").unlink()
    _verifier(racine, base[1])


@settings(max_examples=int(os.environ.get("CTE_FUZZ_EXEMPLES", "6")), deadline=None, database=None,
          derandomize="CTE_FUZZ_EXEMPLES" not in os.environ, suppress_health_check=list(HealthCheck))
@given(graine=st.integers(0, 2**32 - 1), nombre=st.integers(1, 5), commit=st.booleans(),
       pieges=st.lists(st.sampled_from(NOMS_PIEGES), max_size=3))
def test_depuis_ne_rapporte_jamais_moins_que_la_validation_complete(base, tmp_path_factory, graine: int, nombre: int,
                                                                    commit: bool, pieges: list[str]) -> None:
    racine = _copie(base, tmp_path_factory.mktemp("propriete") / "depot")
    depot = {chemin: texte.encode("utf-8") for chemin, texte in fichiers_exemple()}
    mute, journal = muter_depot(depot, graine, nombre)
    for chemin in set(depot) - set(mute):
        (racine / chemin).unlink()
    for chemin, contenu in mute.items():
        if depot.get(chemin) != contenu:
            (racine / chemin).parent.mkdir(parents=True, exist_ok=True)
            (racine / chemin).write_bytes(contenu)
    hasard = random.Random(graine)
    for nom in pieges:  # fichiers aux noms piégés : ajoutés, modifiés ou supprimés
        fichier = racine / nom
        if fichier.exists() and hasard.random() < 0.5:
            fichier.unlink()
        else:
            source = hasard.choice(sorted(mute))
            fichier.write_bytes(mute[source])
        journal.append(f"piège {nom!r}")
    if commit:
        _git(racine, "add", "-A")
        _git(racine, "commit", "-q", "--allow-empty", "-m", "modifications")
    try:
        _verifier(racine, base[1])
    except AssertionError as exc:
        raise AssertionError(f"graine {graine}, commit {commit} : {journal}\n{exc}") from None
