"""`cte init` : un dépôt neuf par région, accepté par `cte validate` sans erreur."""

from __future__ import annotations

import json
from datetime import date

import pytest

from cte_cli.moteur import valider
from cte_cli.referentiel import geographie

from conftest import DATE

REGIONS_METROPOLE = sorted(code for code, r in geographie().regions.items() if not r.outre_mer)


@pytest.mark.parametrize("region", REGIONS_METROPOLE)
def test_init_valide_sans_erreur(tmp_path, region):
    from cte_cli.echafaudage import echafauder

    echafauder(region, tmp_path / "depot")
    resultat = valider([str(tmp_path / "depot")], date_controle=date.fromisoformat(DATE))
    erreurs = [f"{c.fichier}:{c.ligne} {c.regle} {c.message}" for c in resultat.constats if c.gravite == "erreur"]
    assert erreurs == []
    geo = geographie()
    comites = [d.modele for d in resultat.documents if d.type == "comite"]
    from cte_cli.echafaudage import ressorts_departementaux

    # un CDE par département, sauf Alsace et Corse (un pour deux) et Rhône (deux) : R. 5311-28, -29
    assert len(comites) == 1 + len(ressorts_departementaux(list(geo.regions[region].departements)))
    assert {c.niveau for c in comites} == {"regional", "departemental"}


def test_init_cli_refuse_un_dossier_non_vide(cte, tmp_path):
    (tmp_path / "existant.txt").write_text("x")
    sortie = cte("init", "--region", "27", str(tmp_path))
    assert sortie.returncode == 2
    assert "n'est pas vide" in sortie.stderr


def test_init_cli_puis_validate(cte, tmp_path):
    assert cte("init", "--region", "27", str(tmp_path / "bfc")).returncode == 0
    sortie = cte("validate", str(tmp_path / "bfc"), "--format", "json", "--date", DATE)
    assert sortie.returncode == 0, sortie.stdout
    assert json.loads(sortie.stdout)["resume"]["erreurs"] == 0


def test_init_region_inconnue(cte, tmp_path):
    sortie = cte("init", "--region", "99", str(tmp_path / "x"))
    assert sortie.returncode == 2
    assert "région « 99 » inconnue" in sortie.stderr
