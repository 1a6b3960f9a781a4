"""Les dépôts d'exemple : Bourgogne-Franche-Comté et Occitanie sans erreur, examples/erreurs une
règle par fichier."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATE, EXEMPLE, RACINE

ERREURS = RACINE / "examples" / "erreurs"
OCCITANIE = RACINE / "examples" / "occitanie"


def _rapport(cte, chemin: Path) -> tuple[int, dict]:
    sortie = cte("validate", str(chemin), "--format", "json", "--date", DATE)
    return sortie.returncode, json.loads(sortie.stdout)


def test_exemple_bfc_sans_erreur(cte):
    code, rapport = _rapport(cte, EXEMPLE)
    erreurs = [c for c in rapport["constats"] if c["gravite"] == "erreur"]
    assert code == 0, erreurs
    assert erreurs == []
    assert rapport["resume"]["fichiers"] > 120


def test_exemple_occitanie_sans_constat(cte):
    """Treize départements : le CRE les représente tous (R. 5311-17 3°), 32 sièges plafonnés sous
    la limite de 36 (R. 5311-18) ; la rotation des sièges du CREFOP (six au plus, chaque département
    sur le mandat, R. 6123-3-3 2° bis, R. 6123-3-6) est conforme ; aucun constat, la règle de
    couverture désactivée par cte.toml avec sa raison."""
    code, rapport = _rapport(cte, OCCITANIE)
    assert code == 0 and rapport["constats"] == [], rapport["constats"][:3]
    assert rapport["resume"]["fichiers"] == 1 + 13 + 2 * (3 + 13 * 3)
    texte = cte("validate", str(OCCITANIE), "--date", DATE, "--territoires", "aucun").stdout
    assert "Règles non appliquées : couverture-epci (cte.toml : exemple limité aux comités régional" in texte


def test_exemple_occitanie_cre_et_rotation():
    from datetime import date

    from cte_cli.loading.depot import charger, decouvrir
    from cte_cli.referentiel import geographie

    depot = charger([str(OCCITANIE)], fichiers=decouvrir([str(OCCITANIE)]))
    cre = next(d.modele for d in depot.documents if d.type == "comite" and d.modele.niveau == "regional")
    departements = geographie().regions["76"].departements
    assert len(departements) == 13
    representants = [m.departement for m in cre.membres if m.college == "departement"]
    assert sorted(representants) == sorted(departements)  # un par département, tous
    assert all(m.mandat.fin.year - m.mandat.debut.year == 3 for m in cre.membres if m.college == "departement")
    rotation = cre.rotation
    assert rotation.sieges == 6 and all(len(p.departements) <= 6 for p in rotation.periodes)
    assert {d for p in rotation.periodes for d in p.departements} == set(departements)
    assert all((p.fin - p.debut).days >= 364 for p in rotation.periodes)
    assert rotation.mandat.debut == date(2025, 1, 1)


def test_exemple_occitanie_rotation_reproduite(cte):
    """`cte rotation` sans option relit la rotation du fichier et dit son déséquilibre."""
    sortie = cte("rotation", "cre-occitanie", str(OCCITANIE))
    assert sortie.returncode == 0, sortie.stderr
    assert "Proposition déséquilibrée : 5 département(s) siègent 24 mois (30, 31, 34, 66, 81)" in sortie.stdout
    assert '{debut: 2027-01-01, fin: 2027-12-31, departements: ["30", "31", "34", "66", "81", "82"]}' in sortie.stdout


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
