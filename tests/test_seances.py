"""Outils des règles de séances : mois, années dues, décompte du quorum (R. 5311-40)."""

from __future__ import annotations

from datetime import date, timedelta

import yaml
from hypothesis import given
from hypothesis import strategies as st

from cte_cli.droit import categories as cat
from cte_cli.droit.dates import ajouter_mois
from cte_cli.droit.seances import Annuaire, obligations_annuelles, presence
from cte_cli.model import Comite, Seance

from conftest import EXEMPLE

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2040, 12, 31))


@given(dates, st.integers(min_value=0, max_value=48))
def test_ajouter_mois(depart, mois):
    arrivee = ajouter_mois(depart, mois)
    assert (arrivee.year - depart.year) * 12 + arrivee.month - depart.month == mois
    assert arrivee.day == depart.day or (depart.day > 28 and arrivee.day < depart.day
                                         and (arrivee + timedelta(days=1)).day == 1)


def test_ajouter_mois_fin_de_mois():
    assert ajouter_mois(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert ajouter_mois(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert ajouter_mois(date(2026, 3, 27), 12) == date(2027, 3, 27)


def test_obligations_annuelles_prorata():
    controle = date(2026, 11, 22)
    assert list(obligations_annuelles(date(2024, 7, 1), controle, 1)) == [(2024, 1), (2025, 1)]
    assert list(obligations_annuelles(date(2024, 10, 15), controle, 1)) == [(2025, 1)]
    assert list(obligations_annuelles(date(2024, 10, 15), controle, 3)) == [(2024, 1), (2025, 3)]
    assert list(obligations_annuelles(date(2025, 1, 13), controle, 3)) == [(2025, 3)]
    assert list(obligations_annuelles(date(2026, 1, 5), controle, 3)) == []  # année en cours


@given(dates, dates, st.integers(min_value=1, max_value=12))
def test_obligations_annuelles_bornes(debut, controle, par_an):
    annees = list(obligations_annuelles(debut, controle, par_an))
    assert all(debut.year <= a < controle.year for a, _ in annees)
    assert all(0 < n <= par_an for _, n in annees)
    assert all(n == par_an for a, n in annees if a > debut.year)
    if debut.month == 1 and debut.day == 1 and debut.year < controle.year:
        assert annees[0] == (debut.year, par_an)


COMITE = {
    "type": "comite", "id": "cle-x", "niveau": "local", "nom": "CLE", "region": "27",
    "departements": ["21"], "ressort": {"epci": ["242100154"]},
    "presidents": [{"nom": "Préfète", "qualite": "Préfète", "college": "etat"},
                   {"nom": "Président EPCI", "qualite": "Président", "college": "epci"}],
    "membres": [
        {"nom": "Sous-préfet", "qualite": "Sous-préfet", "college": "etat"},
        {"nom": "Élue régionale", "qualite": "Conseillère", "college": "region"},
        {"nom": "Élu EPCI", "qualite": "VP", "college": "epci", "epci": "242100154",
         "suppleants": [{"nom": "Suppléante EPCI", "qualite": "Conseillère"}]},
        {"nom": "Maire", "qualite": "Maire", "college": "communes"},
        {"nom": "France Travail", "qualite": "DT", "college": "france_travail"},
    ],
}


def _seance(presents, representes=()):
    return Seance.model_validate({
        "type": "seance", "comite": "cle-x", "date": "2025-03-12T14:00", "lieu": "x", "nature": "ordinaire",
        "ordre_du_jour": ["x"], "presents": presents,
        "representes": [{"membre": m, "mandataire": d} for m, d in representes],
    })


def test_presence_sieges_suppleants_et_procurations():
    annuaire = Annuaire.de(Comite.model_validate(COMITE))
    # 2 coprésidents + 4 membres votants (France Travail ne vote pas, R. 5311-37)
    p = presence(annuaire, _seance(["Préfète", "France Travail"]))
    assert (p.votants, p.presents, p.quorum, p.atteint) == (6, 1, 3, False)
    # titulaire et suppléant présents : un seul siège
    p = presence(annuaire, _seance(["Préfète", "Élu EPCI", "Suppléante EPCI"]))
    assert p.presents == 2
    # procuration au même collège comptée, à un autre collège écartée
    p = presence(annuaire, _seance(["Préfète", "Suppléante EPCI"],
                                   [("Président EPCI", "Suppléante EPCI"), ("Maire", "Préfète")]))
    assert (p.presents, p.procurations_ecartees, p.atteint) == (3, 1, True)


@given(st.sets(st.sampled_from(["Préfète", "Président EPCI", "Sous-préfet", "Élue régionale", "Élu EPCI",
                                "Suppléante EPCI", "Maire", "France Travail"])))
def test_presence_croissante(presents):
    """Ajouter un présent ne fait jamais baisser le décompte ; quorum = moitié arrondie au-dessus."""
    annuaire = Annuaire.de(Comite.model_validate(COMITE))
    p = presence(annuaire, _seance(sorted(presents)))
    plus = presence(annuaire, _seance(sorted(presents | {"Maire"})))
    assert plus.presents >= p.presents
    assert p.quorum * 2 >= p.votants > (p.quorum - 1) * 2


def test_quorum_d_une_seance_de_l_exemple_recompte_a_la_main():
    """Séance du CDE de la Côte-d'Or du 10 mars 2026 : le quorum est recompté ici sans les outils
    des règles (noms des coprésidents et des membres des collèges votants, procurations)."""
    seance = yaml.safe_load((EXEMPLE / "seances/2026/2026-03-10-cde-21-cote-d-or-ordinaire.yaml").read_text())
    comite = yaml.safe_load((EXEMPLE / "departemental/cde-21-cote-d-or.yaml").read_text())
    votants = [p["nom"] for p in comite["presidents"]]
    votants += [m["nom"] for m in comite["membres"] if m["college"] in cat.VOTANTS["departemental"]]
    presents = set(seance["presents"]) | {r["membre"] for r in seance.get("representes", [])}
    compte = sum(1 for nom in votants if nom in presents)
    annuaire = Annuaire.de(Comite.model_validate(comite))
    p = presence(annuaire, Seance.model_validate(seance))
    assert (p.votants, p.presents) == (len(votants), compte)
    assert 2 * compte >= len(votants)
