"""Les dépôts d'exemple : Bourgogne-Franche-Comté sans erreur, examples/erreurs une règle par fichier."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATE, EXEMPLE, RACINE

ERREURS = RACINE / "examples" / "erreurs"


def _rapport(cte, chemin: Path) -> tuple[int, dict]:
    sortie = cte("validate", str(chemin), "--format", "json", "--date", DATE)
    return sortie.returncode, json.loads(sortie.stdout)


def test_exemple_bfc_sans_erreur(cte):
    code, rapport = _rapport(cte, EXEMPLE)
    erreurs = [c for c in rapport["constats"] if c["gravite"] == "erreur"]
    assert code == 0, erreurs
    assert erreurs == []
    assert rapport["resume"]["fichiers"] > 120


@pytest.fixture(scope="module")
def rapport_erreurs():
    from conftest import lancer

    sortie = lancer("validate", str(ERREURS), "--format", "json", "--date", DATE)
    return sortie.returncode, json.loads(sortie.stdout)


def _regle_declaree(fichier: Path) -> str:
    entete = fichier.read_text(encoding="utf-8").splitlines()[0]
    trouve = re.fullmatch(r"# Règle déclenchée : ([a-z0-9-]+)", entete)
    assert trouve, f"{fichier.name} : première ligne « # Règle déclenchée : <id> » attendue"
    return trouve.group(1)


def test_erreurs_sort_avec_1(rapport_erreurs):
    code, _ = rapport_erreurs
    assert code == 1


@pytest.mark.parametrize("fichier", sorted(ERREURS.glob("*.yaml")), ids=lambda p: p.name)
def test_chaque_fichier_d_erreur_declenche_sa_regle(rapport_erreurs, fichier):
    from cte_cli.rules.registry import registre

    _, rapport = rapport_erreurs
    regle = _regle_declaree(fichier)
    erreurs = {c["regle"] for c in rapport["constats"]
               if Path(c["fichier"]).name == fichier.name and c["gravite"] == "erreur"}
    if regle == "aucune":
        assert erreurs == set()
        return
    assert regle in registre()
    assert erreurs == {regle}
