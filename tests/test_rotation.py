"""Rotation des départements au CREFOP : planificateur, vérificateur et `cte rotation`
(R. 6123-3-3 2° bis, R. 6123-3-6)."""

from __future__ import annotations

import itertools
import shutil
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.droit import rotation as rot
from cte_cli.droit.dates import ajouter_mois, fin_de_periode
from cte_cli.moteur import valider
from cte_cli.referentiel import geographie
from cte_cli.referentiel.parametres_legaux import Droit, parametre
from cte_cli.territoire import par_population

from conftest import DATE, EXEMPLE

GEO = geographie()
SEUIL = parametre("crefop.seuil_rotation", date(2025, 7, 1))
REGIONS_ROTATION = sorted(code for code, r in GEO.regions.items() if len(r.departements) > SEUIL)
REGLES_CREFOP = [
    "crefop-sieges-departements", "crefop-departements-representes", "crefop-rotation-periodes",
    "crefop-rotation-mandat", "crefop-rotation-departements",
]


def _cre(code_region: str, plan: rot.Plan) -> str:
    """Un comité régional minimal au sein du CREFOP : un représentant de chaque département
    (R. 5311-17 3°), et la rotation des sièges du CREFOP du plan (R. 6123-3-6)."""
    return (
        "type: comite\n"
        f"id: cre-{code_region}\n"
        "niveau: regional\n"
        f"nom: Comité régional pour l'emploi {code_region}\n"
        f'region: "{code_region}"\n'
        "forme: au_sein_du_crefop\n"
        "presidents:\n"
        "  - {nom: A, qualite: Préfet de région, college: etat}\n"
        "  - {nom: B, qualite: Président du conseil régional, college: region}\n"
        "membres:\n"
        + "".join(f'  - {{nom: D{c}, qualite: Conseiller départemental, college: departement, departement: "{c}"}}\n'
                  for c in sorted({d for p in plan.periodes for d in p.departements}))
        + rot.en_yaml(plan)
    )


def test_les_regions_de_plus_de_six_departements():
    """Le référentiel (COG 2026) a cinq régions de plus de six départements, dont l'Occitanie (13)."""
    assert {c: len(GEO.regions[c].departements) for c in REGIONS_ROTATION} == {
        "11": 8, "27": 8, "44": 10, "75": 12, "76": 13, "84": 12,
    }


@pytest.mark.parametrize("region", REGIONS_ROTATION)
def test_rotation_valide_pour_chaque_region(tmp_path, region):
    """Pour chaque région de plus de six départements, la rotation proposée est conforme :
    le vérificateur ne trouve rien, et les règles de `cte validate` non plus."""
    departements = GEO.regions[region].departements
    plan = rot.planifier(departements, date(2025, 7, 1), priorite=par_population(departements, GEO))
    assert rot.verifier(plan, departements) == []
    if region in ("44", "84"):  # Alsace, Rhône : la lecture par défaut compte les collectivités
        return
    repartition = plan.repartition()
    assert set(repartition) == set(departements)  # chaque département siège
    assert all(len(p.departements) == 6 for p in plan.periodes)  # toutes les places pourvues
    assert max(repartition.values()) - min(repartition.values()) <= 1  # équilibre
    assert plan.mandat.fin == date(2028, 6, 30)
    (tmp_path / "cre.yaml").write_text(_cre(region, plan), encoding="utf-8")
    resultat = valider([str(tmp_path)], date(2025, 9, 1))
    crefop = [c for c in resultat.constats if c.regle.startswith("crefop-")]
    assert crefop == [], [c.message for c in crefop]


def test_occitanie_equilibree():
    """13 départements, 6 sièges, 3 périodes d'un an : 18 places, 5 départements deux fois (les
    plus peuplés), 8 une fois, et aucun ne siège deux années de suite."""
    departements = GEO.regions["76"].departements
    priorite = par_population(departements, GEO)
    plan = rot.planifier(departements, date(2025, 7, 1), priorite=priorite)
    compte = Counter(plan.repartition().values())
    assert compte == {2: 5, 1: 8}
    assert set(plan.prioritaires) == set(priorite[:5])
    assert {c for c, n in plan.repartition().items() if n == 2} == set(priorite[:5])
    assert plan.consecutifs() == 0
    assert [(p.debut, p.fin) for p in plan.periodes] == [
        (date(2025, 7, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2027, 6, 30)),
        (date(2027, 7, 1), date(2028, 6, 30)),
    ]


def test_deux_periodes_de_dix_huit_mois():
    plan = rot.planifier(GEO.regions["27"].departements, date(2025, 1, 1), periodes=2)
    assert [(p.debut, p.fin) for p in plan.periodes] == [
        (date(2025, 1, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2027, 12, 31)),
    ]
    assert rot.verifier(plan, GEO.regions["27"].departements) == []


@pytest.mark.parametrize(("sieges", "periodes", "fragment"), [
    (4, 3, "13 départements pour 4 sièges × 3 périodes = 12 places"),
    (6, 2, "13 départements pour 6 sièges × 2 périodes = 12 places"),
])
def test_rotation_impossible_dit_pourquoi(sieges, periodes, fragment):
    with pytest.raises(rot.RotationImpossible) as erreur:
        rot.planifier(GEO.regions["76"].departements, date(2025, 7, 1), sieges, periodes)
    assert fragment in str(erreur.value)
    assert "R. 6123-3-6" in str(erreur.value)


def test_pas_de_rotation_jusqu_a_six_departements():
    with pytest.raises(rot.RotationImpossible, match="5 départements : pas de rotation"):
        rot.planifier(GEO.regions["28"].departements, date(2025, 7, 1))


def test_sieges_au_plus_six():
    with pytest.raises(rot.RotationImpossible, match="entre 1 et 6"):
        rot.planifier(GEO.regions["76"].departements, date(2025, 7, 1), sieges=7)


def _minimum_consecutifs(nombres: dict[str, int], sieges: int, periodes: int) -> int | None:
    """Par force brute : le plus petit nombre de périodes consécutives d'une affectation qui
    remplit chaque période exactement (None si aucune)."""
    codes = list(nombres)
    choix = [list(itertools.combinations(range(periodes), nombres[c])) for c in codes]
    meilleur = None
    for affectation in itertools.product(*choix):
        remplissage = Counter(k for s in affectation for k in s)
        if any(remplissage[k] != sieges for k in range(periodes)):
            continue
        cout = sum(1 for s in affectation for a, b in zip(s, s[1:], strict=False) if b == a + 1)
        meilleur = cout if meilleur is None else min(meilleur, cout)
    return meilleur


@settings(max_examples=40, deadline=None)
@given(nombre=st.integers(7, 10), sieges=st.integers(3, 6), decalage=st.integers(0, 400))
def test_planificateur_optimal_et_conforme(nombre, sieges, decalage):
    """Propriété : dès qu'une rotation existe, le plan est conforme, équilibré, et il a le
    moins possible de périodes consécutives (comparé à une recherche exhaustive)."""
    codes = [f"{10 + i}" for i in range(nombre)]
    debut = date.fromordinal(date(2024, 7, 1).toordinal() + decalage)
    if nombre > sieges * 3:
        with pytest.raises(rot.RotationImpossible):
            rot.planifier(codes, debut, sieges)
        return
    plan = rot.planifier(codes, debut, sieges)
    assert rot.verifier(plan, codes) == []
    assert all(len(p.departements) == sieges for p in plan.periodes)
    repartition = plan.repartition()
    assert max(repartition.values()) - min(repartition.values()) <= 1
    assert plan.consecutifs() == _minimum_consecutifs(repartition, sieges, 3)


def test_dates_fin_incluse():
    """Une durée finit la veille du même quantième, ou le dernier jour du mois qui n'a pas ce
    quantième (une seule arithmétique des mois, `cte_cli.droit.dates`)."""
    assert fin_de_periode(date(2025, 7, 1), 12) == date(2026, 6, 30)
    assert fin_de_periode(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert fin_de_periode(date(2024, 2, 29), 36) == date(2027, 2, 28)
    assert fin_de_periode(date(2024, 3, 31), 1) == date(2024, 4, 30)
    assert fin_de_periode(date(2024, 3, 1), 1) == date(2024, 3, 31)
    assert ajouter_mois(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert ajouter_mois(date(2024, 8, 31), 6) == date(2025, 2, 28)


def test_verifier_signale_chevauchement_trou_et_absent():
    departements = GEO.regions["27"].departements
    plan = rot.Plan(
        rot.Intervalle(date(2025, 1, 1), date(2027, 12, 31)), 6,
        (rot.PeriodePlan(date(2025, 1, 1), date(2025, 12, 31), ("21", "25", "39", "58", "70", "71")),
         rot.PeriodePlan(date(2025, 12, 1), date(2026, 11, 30), ("21", "25", "39", "58", "70", "71")),
         rot.PeriodePlan(date(2027, 1, 1), date(2027, 12, 31), ("21", "25", "39", "58", "70", "71"))),
    )
    anomalies = rot.verifier(plan, departements)
    regles = Counter(a.regle for a in anomalies)
    assert regles == {"crefop-rotation-mandat": 2, "crefop-rotation-departements": 1}
    absent = next(a for a in anomalies if a.regle == "crefop-rotation-departements")
    assert absent.chiffres["absents"] == ["89", "90"]


# --- cte rotation -------------------------------------------------------------------------


def _depot(tmp_path):
    copie = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, copie)
    return copie, copie / "regional" / "cre-bourgogne-franche-comte.yaml"


def test_cli_affiche_la_rotation_et_le_bloc_yaml(cte):
    sortie = cte("rotation", "cre-bourgogne-franche-comte", str(EXEMPLE), "--debut", "2025-07-01")
    assert sortie.returncode == 0, sortie.stderr
    assert "Rotation proposée des sièges du CREFOP pour cre-bourgogne-franche-comte" in sortie.stdout
    assert "18 places (6 sièges × 3 périodes de 12 mois) pour 8 départements" in sortie.stdout
    assert "Proposition déséquilibrée : 2 département(s) siègent 36 mois (25, 71)" in sortie.stdout
    assert "  mandat: {debut: 2025-07-01, fin: 2028-06-30}" in sortie.stdout


def test_cli_ecrire_garde_les_commentaires(cte, tmp_path):
    depot, fichier = _depot(tmp_path)
    avant = fichier.read_text(encoding="utf-8")
    debut_rotation = avant.index("rotation:\n")
    suite = avant.index("instances_remplacees:")
    sans_rotation = avant[:debut_rotation] + avant[suite:]
    fichier.write_text(sans_rotation, encoding="utf-8")
    sortie = cte("rotation", "cre-bourgogne-franche-comte", str(depot), "--debut", "2025-07-01", "--ecrire")
    assert sortie.returncode == 0, sortie.stderr
    apres = fichier.read_text(encoding="utf-8")
    commentaires = [ligne for ligne in sans_rotation.splitlines() if ligne.lstrip().startswith("#")]
    assert all(c in apres for c in commentaires)
    assert "rotation:\n  mandat: {debut: 2025-07-01, fin: 2028-06-30}\n  sieges: 6\n" in apres
    resultat = valider([str(depot)], date.fromisoformat(DATE), regles=REGLES_CREFOP)
    assert [c for c in resultat.constats if c.regle in REGLES_CREFOP] == []


def test_cli_ecrire_refuse_de_remplacer_sans_force(cte, tmp_path):
    depot, fichier = _depot(tmp_path)
    avant = fichier.read_text(encoding="utf-8")
    sortie = cte("rotation", "cre-bourgogne-franche-comte", str(depot), "--debut", "2026-01-01", "--ecrire")
    assert sortie.returncode == 2
    assert "--force" in sortie.stderr
    assert fichier.read_text(encoding="utf-8") == avant
    sortie = cte("rotation", "cre-bourgogne-franche-comte", str(depot), "--debut", "2026-01-01", "--ecrire", "--force")
    assert sortie.returncode == 0, sortie.stderr
    assert "mandat: {debut: 2026-01-01, fin: 2028-12-31}" in fichier.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "fragment"), [
    (["cre-bourgogne", str(EXEMPLE)], "vouliez-vous dire « cre-bourgogne-franche-comte »"),
    (["cde-21-cote-d-or", str(EXEMPLE)], "ne concerne que le comité régional"),
    (["cre-bourgogne-franche-comte", str(EXEMPLE), "--sieges", "2"], "il faut au moins 3 sièges"),
    (["cre-bourgogne-franche-comte", str(EXEMPLE), "--priorite", "21,44"], "44 n'est pas un département"),
])
def test_cli_erreurs_d_usage(cte, args, fragment):
    sortie = cte("rotation", *args)
    assert sortie.returncode == 2
    assert fragment in sortie.stderr
    assert "Traceback" not in sortie.stderr


def test_cli_dit_quand_la_proposition_est_desequilibree(cte):
    """Huit départements, six sièges, deux périodes de dix-huit mois : 12 places, quatre
    départements siègent trois ans et quatre dix-huit mois ; quatre sièges donneraient à chacun
    le même temps (issue 10)."""
    sortie = cte("rotation", "cre-bourgogne-franche-comte", str(EXEMPLE), "--debut", "2025-07-01", "--periodes", "2")
    assert sortie.returncode == 0, sortie.stderr
    assert "Proposition déséquilibrée : 4 département(s) siègent 36 mois" in sortie.stdout
    assert "4 département(s) siègent 18 mois" in sortie.stdout
    assert "avec 4 sièges et 2 périodes, chaque département siégerait le même temps" in sortie.stdout


def test_configurations_equilibrees():
    r = rot.reglage(Droit(date(2025, 7, 1)))
    assert rot.configurations_equilibrees(8, r) == [(4, 2)]
    assert rot.configurations_equilibrees(12, r) == [(6, 2), (4, 3)]
    assert rot.configurations_equilibrees(13, r) == []


def test_rotation_grand_est_compte_l_alsace_une_fois():
    """Lecture par défaut : la Collectivité européenne d'Alsace propose pour le Bas-Rhin et le
    Haut-Rhin ; la rotation des sièges du CREFOP du Grand Est porte sur 9 départements."""
    from cte_cli.droit.territoires import unites_departementales

    codes = [u.code for u in unites_departementales("44", "collectivites", GEO)]
    assert len(codes) == 9 and "6AE" in codes and "67" not in codes
    assert len(unites_departementales("44", "circonscriptions", GEO)) == 10
    aura = [u.code for u in unites_departementales("84", "collectivites", GEO)]
    assert "69D" in aura and "69M" not in aura and len(aura) == 12
    assert "69M" in [u.code for u in unites_departementales("84", "collectivites_et_metropole", GEO)]
    assert unites_departementales("94", "collectivites", GEO) == ()
