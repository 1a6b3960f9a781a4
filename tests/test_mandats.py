"""Mandats de trois ans (R. 5311-36) : dates, collèges concernés, échéances sur l'exemple."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from cte_cli.moteur import valider
from cte_cli.rules.mandats import anniversaire, colleges_mandates, terme

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "bourgogne-franche-comte"


@pytest.mark.parametrize(("debut", "anniv", "terme_attendu"), [
    (date(2024, 10, 3), date(2027, 10, 3), date(2027, 10, 2)),
    (date(2024, 2, 29), date(2027, 2, 28), date(2027, 2, 28)),
    (date(2025, 1, 1), date(2028, 1, 1), date(2027, 12, 31)),
])
def test_trois_ans(debut, anniv, terme_attendu):
    assert anniversaire(debut, 3) == anniv
    assert terme(debut, 3) == terme_attendu


def _comite(niveau, region="27", forme=None):
    return SimpleNamespace(niveau=niveau, region=region, forme=forme)


def test_colleges_nommes_pour_trois_ans():
    cde, article = colleges_mandates(_comite("departemental"))
    assert article == "R. 5311-36"
    # 1° à 6°, 8° et 9° de R. 5311-23 : la mission locale et Cap emploi, pas France Travail
    assert {"mission_locale", "cap_emploi", "organisation_employeurs_multipro"} <= cde
    assert "france_travail" not in cde
    cle, _ = colleges_mandates(_comite("local"))
    assert cle == {"etat", "region", "departement", "epci", "communes"}
    cre, article = colleges_mandates(_comite("regional", forme="au_sein_du_crefop"))
    assert article == "R. 5311-36" and "mission_locale" not in cre
    renomme, article = colleges_mandates(_comite("regional", forme="crefop_renomme"))
    assert article == "R. 6123-3-6" and {"france_travail", "mission_locale", "operateur"} <= renomme
    assert colleges_mandates(_comite("territorial", region="03"))[1] == "R. 5523-15-24"
    assert colleges_mandates(_comite("territorial", region="01"))[1] == "R. 5523-15-11"
    assert colleges_mandates(_comite("territorial_unique", region="975"))[1] == "R. 5523-15-36"


def test_exemple_sans_constat_de_mandat_au_22_novembre_2026():
    constats = [c for c in valider([str(EXEMPLE)], date(2026, 11, 22)).constats if c.regle.startswith("mandat-")]
    assert constats == []


def test_exemple_echeances_groupees_par_comite():
    """Au 1er novembre 2027, les CDE de l'exemple (arrêtés de l'automne 2024) sont échus : un
    constat par comité et par date de fin, pas un par membre."""
    resultat = valider([str(EXEMPLE / "departemental")], date(2027, 11, 1))
    echus = [c for c in resultat.constats if c.regle == "mandat-echu"]
    assert len(echus) == len(list((EXEMPLE / "departemental").glob("*.yaml")))
    assert all(c.chiffres["membres"] > 1 and c.gravite == "erreur" for c in echus)
