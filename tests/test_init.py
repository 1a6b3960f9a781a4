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


REGIONS_OUTRE_MER = sorted(code for code, r in geographie().regions.items() if r.outre_mer) + ["975", "977", "978"]


@pytest.mark.parametrize("region", REGIONS_OUTRE_MER)
def test_init_outre_mer_services_et_textes(tmp_path, region):
    """Outre-mer : les services de l'État d'outre-mer (DEETS, en Guyane la direction générale de
    la cohésion et des populations), jamais la DREETS ; les textes d'outre-mer (R. 5523-15-x) et
    leurs plafonds ; aucune erreur à la validation."""
    from cte_cli.echafaudage import echafauder

    echafauder(region, tmp_path / "depot")
    textes = {f.name: f.read_text(encoding="utf-8") for f in (tmp_path / "depot").rglob("*.yaml")
              if f.parent.name in ("regional", "departemental", "territorial")}
    tout = "\n".join(textes.values())
    assert "régional de l'économie" not in tout and "DREETS" not in tout
    if region == "03":
        assert "Directeur général de la cohésion et des populations" in tout
    elif region == "975":
        assert "Directeur de la cohésion sociale, du travail, de l'emploi et de la population" in tout
    else:
        assert "Directeur de l'économie, de l'emploi, du travail et des solidarités" in tout
    if region in ("01", "04"):  # Guadeloupe, La Réunion : CRE et CDE adaptés (R. 5523-15-1, -3)
        cre = next(t for n, t in textes.items() if n.startswith("cre-"))
        cde = next(t for n, t in textes.items() if n.startswith("cde-"))
        assert "33 membres au plus (R. 5523-15-3 2°)" in cre and "31 membres au plus (R. 5523-15-3 2°)" in cde
        assert "27 membres au plus" not in cde
        # R. 5523-15-3 1° c : un siège par syndicat représentatif au niveau régional de la table
        attendus = {"01": ("UGTG", "CGTG", "CTU"), "04": ("CGTR",)}[region]
        for texte in (cre, cde):
            assert all(f'college: syndicat_salaries, organisation: "{o}", sigle: "{o}"' in texte for o in attendus)
    elif region in ("975", "977", "978"):  # comité territorial unique (L. 5523-9, R. 5523-15-32 à -42)
        assert [n for n in textes] == [n for n in textes if n.startswith("ctu-")] and len(textes) == 1
        assert "niveau: territorial_unique" in tout and "33 membres au plus (R. 5523-15-36)" in tout
        assert "Président du conseil territorial" in tout and "objet: inclusion_iae" in tout
        assert ("college: mission_locale" in tout) == (region == "978")
        assert ("college: communes" in tout) == (region == "975")
    else:  # Martinique, Guyane, Mayotte : un comité territorial (L. 5523-8)
        assert list(textes) == [f for f in textes if f.startswith("ct-")]
        assert "31 membres au plus (R. 5523-15-24)" in tout
    resultat = valider([str(tmp_path / "depot")], date_controle=date.fromisoformat(DATE))
    assert [c.message for c in resultat.constats if c.gravite == "erreur"] == []
