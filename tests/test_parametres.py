"""Jeux de paramètres d'audience (R. 5311-38 3° et 4°) : jeu par défaut, remplacement par le
dépôt, reconnaissance des organisations."""

from __future__ import annotations

import time
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from cte_cli.loading.depot import charger
from cte_cli.referentiel.parametres import (
    FICHIER_DEFAUT,
    cle_organisation,
    parametres_defaut,
    parametres_en_vigueur,
)

SYNDICATS = ("CFDT", "CGT", "CGT-FO", "CFE-CGC", "CFTC")


def test_jeu_par_defaut_date_source_et_chiffres():
    p = parametres_defaut()
    assert p.par_defaut and p.origine == "paramètres par défaut de cte"
    assert p.valable_du == date(2025, 7, 9)
    assert "8 juillet 2025" in p.source and "2021" in p.source
    assert dict(p.syndicats_salaries) == {"CFDT": 30.88, "CGT": 25.70, "CGT-FO": 17.27, "CFE-CGC": 15.01,
                                          "CFTC": 11.14}
    assert sum(p.syndicats_salaries.values()) == pytest.approx(100)
    assert p.organisations_employeurs["MEDEF"] == (125_929, 9_367_164)
    assert p.organisations_employeurs["CPME"] == (243_397, 4_044_821)
    assert p.organisations_employeurs["U2P"] == (203_715, 709_852)
    # la mesure 2025, incomplète, est citée mais pas utilisée
    assert "10,8 millions" in p.notes and "n'a pas été trouvé" in p.notes
    assert sum(p.poids_employeurs(Fraction(3, 10), Fraction(7, 10)).values()) == 1


def test_jeu_par_defaut_lu_une_fois_et_vite():
    parametres_defaut.cache_clear()
    debut = time.perf_counter()
    premier = parametres_defaut()
    duree = time.perf_counter() - debut
    assert parametres_defaut() is premier
    assert duree < 0.5
    assert premier.document.fichier == str(FICHIER_DEFAUT)


def _jeu(dossier: Path, nom: str, valable_du: str, cfdt: float = 30.0) -> None:
    (dossier / f"{nom}.yaml").write_text(
        f"type: parametres\nid: {nom}\nvalable_du: {valable_du}\nverifie_le: {valable_du}\n"
        f"source: test\nsyndicats_salaries: {{CFDT: {cfdt}, CGT: 20.0}}\n", encoding="utf-8")


def test_le_depot_remplace_le_defaut_a_partir_de_sa_date(tmp_path):
    _jeu(tmp_path, "jeu-2025", "2025-09-01")
    _jeu(tmp_path, "jeu-2026", "2026-03-01", cfdt=40.0)
    _jeu(tmp_path, "jeu-2029", "2029-01-01")
    documents = charger([str(tmp_path)]).valides()
    assert parametres_en_vigueur(documents, date(2025, 8, 1)).par_defaut
    assert parametres_en_vigueur(documents, date(2025, 12, 1)).id == "jeu-2025"
    choisi = parametres_en_vigueur(documents, date(2026, 11, 22))
    assert choisi.id == "jeu-2026" and choisi.syndicats_salaries["CFDT"] == 40.0
    assert choisi.origine.endswith("jeu-2026.yaml") and "jeu-2026.yaml" in choisi.libelle()


def test_aucun_jeu_valable_a_la_date():
    p = parametres_en_vigueur([], date(2024, 10, 1))
    assert p.anticipe and "valable seulement à partir du 09/07/2025" in p.libelle()
    assert not parametres_en_vigueur([], date(2026, 1, 1)).anticipe


@pytest.mark.parametrize(("nom", "attendu"), [
    ("CFDT", "CFDT"),
    ("cgt", "CGT"),
    ("CGT-FO", "CGT-FO"),
    ("FO", "CGT-FO"),
    ("Force ouvrière", "CGT-FO"),
    ("UD CGT-FO de l'Yonne", "CGT-FO"),
    ("Confédération générale du travail - Force ouvrière", "CGT-FO"),
    ("Union départementale CGT de la Nièvre", "CGT"),
    ("CFE CGC", "CFE-CGC"),
    ("CGC", "CFE-CGC"),
    ("Confédération française des travailleurs chrétiens", "CFTC"),
    ("UNSA", None),
    ("", None),
    (None, None),
])
def test_reconnaissance_des_syndicats(nom, attendu):
    assert cle_organisation(nom, SYNDICATS) == attendu


@pytest.mark.parametrize(("nom", "attendu"), [
    ("MEDEF Côte-d'Or", "MEDEF"),
    ("Mouvement des entreprises de France", "MEDEF"),
    ("CPME 21", "CPME"),
    ("Union des entreprises de proximité", "U2P"),
    ("U2P Bourgogne-Franche-Comté", "U2P"),
    ("FNSEA", None),
])
def test_reconnaissance_des_employeurs(nom, attendu):
    assert cle_organisation(nom, ("MEDEF", "CPME", "U2P")) == attendu


def test_cles_du_depot_en_sigle_court():
    """Un dépôt qui écrit « FO » dans ses paramètres reconnaît encore « UD CGT-FO »."""
    cles = ("CFDT", "CGT", "FO", "CFE-CGC", "CFTC")
    assert cle_organisation("UD CGT-FO de la Nièvre", cles) == "FO"
    assert cle_organisation("Force ouvrière", cles) == "FO"
    assert cle_organisation("C.F.D.T.", cles) == "CFDT"


def test_nom_ambigu_non_reconnu():
    assert cle_organisation("Intersyndicale CFDT CGT", SYNDICATS) is None
