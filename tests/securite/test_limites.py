"""Limites : chaque variable `CTE_*` validée, tout le dépôt borné, la taille d'un document
rendu bornée (issue 13, point 10).

Trouvé et corrigé ici : `CTE_ALIAS_MAX=1e23` (ou un entier de 24 chiffres) donnait une erreur
interne, une valeur invalide était remplacée en silence par la valeur par défaut ; une limite
relevée sous une limite de mémoire du processus faisait s'arrêter yaml-rs (Rust) avec une trace
(sortie 134) ; seules les limites par fichier existaient (16 fichiers de 10 Mo : 1,1 Go et
41 s ; des alias dans chaque fichier, chacun sous la limite) ; un modèle de 47 octets pouvait
écrire un document de 400 Mo.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cte_cli.limites import LIMITES

from .outils import DATE, EXEMPLE, RACINE, executer

VALEURS_INVALIDES = ["1e23", "-1", "abc", "10**30", "1" + "0" * 23, "0x10", "\u0661\u0662", "1.5", "\x1b[2J"]


def _sans_erreur_interne(sortie) -> None:
    assert "Traceback" not in sortie.texte and "Erreur interne" not in sortie.texte, sortie.texte


@pytest.mark.parametrize("variable", sorted(LIMITES))
def test_chaque_variable_validee(variable: str) -> None:
    limite = LIMITES[variable]
    hors_plage = [str(limite.maxi + 1)] + ([str(limite.mini - 1)] if limite.mini > 0 else [])
    for valeur in VALEURS_INVALIDES + hors_plage:
        sortie = executer("validate", str(EXEMPLE), "--date", DATE, env={variable: valeur})
        assert sortie.code == 2, (variable, valeur, sortie.texte)
        assert f"variable d'environnement {variable}=" in sortie.stderr and "attendu un nombre entier de" \
            in sortie.stderr, sortie.stderr
        assert "\x1b" not in sortie.stderr
        _sans_erreur_interne(sortie)
    # les valeurs admises passent (bornes comprises, soulignés comme séparateurs)
    for valeur in (str(limite.defaut), f" {limite.mini} ", str(limite.maxi), f"{limite.defaut:_}"):
        sortie = executer("schema", "--sortie", os.devnull, "--force", env={variable: valeur})
        assert sortie.code == 0, (variable, valeur, sortie.texte)


@pytest.mark.parametrize("commande", [
    ("generate", "reglement", "cde-21-cote-d-or", "--depot", str(EXEMPLE)),
    ("voix", "cde-21-cote-d-or", str(EXEMPLE)),
    ("feuille-de-route", "synthese", str(EXEMPLE)),
    ("cartographie", str(EXEMPLE)),
])
def test_variable_invalide_refusee_par_toute_commande(commande, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # une commande qui passerait outre écrirait ici
    sortie = executer(*commande, env={"CTE_DELAI_MODELE": "soixante", "COLUMNS": "200"})
    assert sortie.code == 2 and "CTE_DELAI_MODELE" in sortie.stderr, sortie.texte
    _sans_erreur_interne(sortie)
    assert list(tmp_path.iterdir()) == []


def _sous_limite_memoire(octets: int):
    def appliquer() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (octets, octets))

    return appliquer


def _bombe(niveaux: int, largeur: int = 10) -> str:
    lignes = ["type: parametres", 'a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, niveaux):
        lignes.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * largeur) + "]")
    return "\n".join(lignes) + "\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS (Linux)")
def test_limite_relevee_sous_une_limite_de_memoire(tmp_path: Path) -> None:
    """Sous `ulimit -v 1,5 Go`, CTE_ALIAS_MAX=10 000 000 et une bombe d'alias de 10 millions
    d'expansions : message clair et sortie 2, jamais l'arrêt de yaml-rs (sortie 134)."""
    (tmp_path / "bombe.yaml").write_text(_bombe(8), encoding="utf-8")
    env = {**os.environ, "CTE_ALIAS_MAX": "10000000", "CTE_ALIAS_DEPOT_MAX": "100000000"}
    resultat = subprocess.run([sys.executable, "-m", "cte_cli", "validate", str(tmp_path)], cwd=RACINE, env=env,
                              capture_output=True, text=True, timeout=300,
                              preexec_fn=_sous_limite_memoire(1536 * 1024**2))
    assert resultat.returncode == 2, (resultat.returncode, resultat.stderr[-2000:])
    assert "ulimit -v" in resultat.stderr and "CTE_ALIAS_MAX" in resultat.stderr, resultat.stderr
    assert "panicked" not in resultat.stderr and "Traceback" not in resultat.stderr


def test_depot_trop_gros_refuse_avant_toute_lecture(tmp_path: Path) -> None:
    """16 fichiers de 10 Mo (creux : rien n'est écrit sur le disque) : refus immédiat."""
    for i in range(16):
        with open(tmp_path / f"gros-{i:02d}.yaml", "wb") as flux:
            flux.truncate(10 * 1024**2 - 1)
    debut = time.perf_counter()
    sortie = executer("validate", str(tmp_path))
    assert time.perf_counter() - debut < 10
    assert sortie.code == 2 and "CTE_DEPOT_MAX" in sortie.stderr and "rien n'a été lu" in sortie.stderr, \
        sortie.texte
    _sans_erreur_interne(sortie)


def test_depot_trop_gros_reglable(tmp_path: Path) -> None:
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    taille = sum(f.stat().st_size for f in depot.rglob("*.yaml"))
    for commande in (("validate", str(depot)), ("voix", "cde-21-cote-d-or", str(depot)),
                     ("generate", "reglement", "--tous", str(depot), "--sortie", str(tmp_path / "s"))):
        sortie = executer(*commande, "--date", DATE, env={"CTE_DEPOT_MAX": str(taille - 1)})
        assert sortie.code == 2 and "CTE_DEPOT_MAX" in sortie.stderr, sortie.texte
        sortie = executer(*commande, "--date", DATE, env={"CTE_DEPOT_MAX": str(taille)})
        assert sortie.code in (0, 1), sortie.texte


def test_alias_bornes_sur_tout_le_depot(tmp_path: Path) -> None:
    """16 fichiers de ~80 000 expansions chacun (sous la limite par fichier de 100 000) : au-delà
    d'un million pour tout le dépôt, les fichiers suivants sont refusés."""
    texte = _bombe(4) + 'a4: &a4 [' + ",".join(["*a3"] * 6) + "]\n"
    for i in range(16):
        (tmp_path / f"alias-{i:02d}.yaml").write_text(texte, encoding="utf-8")
    sortie = executer("validate", str(tmp_path), "--format", "json")
    import json

    constats = json.loads(sortie.stdout)["constats"]
    refuses = {c["fichier"] for c in constats if "CTE_ALIAS_DEPOT_MAX" in c["message"]}
    assert 1 <= len(refuses) <= 4, sorted({c["message"][:80] for c in constats})
    assert not any("CTE_ALIAS_MAX " in c["message"] for c in constats)
    # relevée, la limite du dépôt laisse tout lire
    sortie = executer("validate", str(tmp_path), "--format", "json", env={"CTE_ALIAS_DEPOT_MAX": "5000000"})
    assert not any("alias" in c["message"] for c in json.loads(sortie.stdout)["constats"])


@pytest.mark.parametrize(("format_", "limite"), [("md", None), ("md", "1048576"), ("docx", "1048576")])
def test_document_rendu_borne(tmp_path: Path, format_: str, limite: str | None) -> None:
    """Un modèle de 58 octets qui écrirait 400 Mo : refusé à CTE_DOCUMENT_MAX, vite."""
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    (depot / "modeles").mkdir(exist_ok=True)
    payload = "{% for i in range(99999) %}{{ comite|string }}{% endfor %}"
    if format_ == "md":
        (depot / "modeles" / "reglement.md").write_text(payload, encoding="utf-8")
    else:
        from docx import Document

        document = Document()
        document.add_paragraph(payload)
        document.save(depot / "modeles" / "reglement.docx")
    debut = time.perf_counter()
    sortie = executer("generate", "reglement", "cde-21-cote-d-or", "--depot", str(depot), "--format", format_,
                      "--sortie", str(tmp_path / "s"), "--date", DATE,
                      env={"CTE_DOCUMENT_MAX": limite} if limite else None)
    assert time.perf_counter() - debut < 30
    assert sortie.code == 2 and "CTE_DOCUMENT_MAX" in sortie.stderr, sortie.texte
    assert not (tmp_path / "s").exists() or not any((tmp_path / "s").iterdir())
