"""Une seule façon de désigner le dépôt, et jamais deux dépôts mélangés (issue 11 §3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATE, EXEMPLE, RACINE


@pytest.fixture
def deux_depots(tmp_path) -> Path:
    for nom in ("bfc", "bfc-copie"):
        shutil.copytree(EXEMPLE, tmp_path / nom)
    return tmp_path


def test_dossier_de_plusieurs_depots_refuse_de_les_melanger(cte_ici, deux_depots):
    sortie = cte_ici("validate", str(deux_depots), "--date", DATE)
    assert sortie.returncode == 2
    assert "n'est pas un dépôt cte (pas de cte.toml) mais contient 2 dépôt(s)" in sortie.stderr
    assert "bfc-copie" in sortie.stderr and "cte validate" in sortie.stderr
    assert "id-duplique" not in sortie.stdout


def test_source_de_cte_ne_melange_pas_les_exemples(cte_ici):
    """Lancé à la racine du code de cte (exemples, cas de test) : il dit quels dépôts il a trouvés."""
    sortie = cte_ici("validate", "--date", DATE, cwd=RACINE)
    assert sortie.returncode == 2
    assert "examples/bourgogne-franche-comte" in sortie.stderr and "examples/erreurs" in sortie.stderr


def test_un_seul_depot_sous_le_dossier_est_lu_et_nomme(cte_ici, tmp_path):
    shutil.copytree(EXEMPLE, tmp_path / "bfc")
    sortie = cte_ici("validate", str(tmp_path), "--date", DATE, "--territoires", "aucun")
    assert sortie.returncode == 0, sortie.stderr
    assert "trouvé sous" in sortie.stderr and "bfc" in sortie.stderr
    assert "— dépôt " in sortie.stdout


def test_depot_imbrique_ecarte_et_signale(cte_ici, tmp_path):
    depot = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, depot)
    shutil.copytree(RACINE / "examples" / "erreurs", depot / "archives" / "erreurs")
    sortie = cte_ici("validate", str(depot), "--date", DATE, "--territoires", "aucun")
    assert sortie.returncode == 0, sortie.stdout
    assert "Autres dépôts sous ce dossier, non vérifiés ici" in sortie.stdout
    assert "erreurs" in sortie.stdout.splitlines()[-1]


def test_sous_dossier_d_un_depot_lu_avec_tout_le_depot(cte_ici, tmp_path):
    """Vérifier seances/ seul déclarait chaque séance « orpheline » : le dépôt entier est lu,
    seuls les fichiers demandés sont rapportés."""
    depot = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, depot)
    sortie = cte_ici("validate", str(depot / "seances"), "--format", "json", "--date", DATE)
    rapport = json.loads(sortie.stdout)
    assert sortie.returncode == 0
    assert rapport["constats"] == [] and rapport["resume"]["fichiers"] == len(list((depot / "seances").rglob("*.yaml")))
    fdr = cte_ici("validate", str(depot / "feuilles-de-route"), "--format", "json", "--date", DATE)
    assert {c["regle"] for c in json.loads(fdr.stdout)["constats"]} == {"echeance-depassee"}


def test_init_ecrit_cte_toml(cte_ici, tmp_path):
    assert cte_ici("init", "--region", "27", str(tmp_path / "neuf")).returncode == 0
    assert (tmp_path / "neuf" / "cte.toml").is_file()
    sortie = cte_ici("validate", str(tmp_path / "neuf" / "departemental"), "--format", "json", "--date", DATE)
    assert json.loads(sortie.stdout)["resume"]["erreurs"] == 0


def test_modeles_copier_dans_le_depot(cte_ici, tmp_path):
    depot = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, depot)
    sortie = cte_ici("modeles", "copier", str(depot))
    assert sortie.returncode == 0
    assert (depot / "modeles" / "reglement.docx").is_file()
    assert "Attention" not in sortie.stderr
    sous_dossier = cte_ici("modeles", "copier", str(depot / "seances"))
    assert "Attention" in sous_dossier.stderr
    assert "cherchera les modèles dans" in sous_dossier.stderr and str(Path("bfc") / "modeles") in sous_dossier.stderr
    ailleurs = cte_ici("modeles", "copier", str(tmp_path / "vide"))
    assert "aucun fichier YAML" in ailleurs.stderr


def test_importer_suggere_une_commande_qui_marche(cte_ici, tmp_path):
    depot = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, depot)
    plan = RACINE.parent / "shared" / "domain" / "exemple-plan-actions-2023.tsv"
    if not plan.exists():  # clone de CI : shared/ est à côté du dépôt
        plan = Path("/work/shared/domain/exemple-plan-actions-2023.tsv")
    if not plan.exists():
        pytest.skip("plan d'actions d'exemple absent")
    dehors = cte_ici("feuille-de-route", "importer", str(plan), str(depot), "--comite", "cre-bourgogne-franche-comte",
                     "--sortie", str(tmp_path / "sortie" / "fdr.yaml"))
    assert dehors.returncode == 0, dehors.stderr
    assert "est hors du dépôt" in dehors.stdout and "feuilles-de-route" in dehors.stdout
    dedans = cte_ici("feuille-de-route", "importer", str(plan), str(depot), "--comite", "cre-bourgogne-franche-comte",
                     "--sortie", str(depot / "feuilles-de-route" / "fdr-cre-2023.yaml"))
    conseil = dedans.stdout.strip().splitlines()[-1]
    assert conseil.startswith("Vérifiez avec : cte validate ")
    commande = conseil.removeprefix("Vérifiez avec : cte ").split()
    verification = cte_ici(*commande, "--date", DATE)
    assert verification.returncode in (0, 1)
    assert "introuvable" not in verification.stdout
