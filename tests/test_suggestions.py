"""Suggestions « vouliez-vous dire » : seulement sous un seuil de distance (issue 11 §1).

Le même seuil vaut pour les identifiants de comités et de séances, les collèges, les clés,
les options et les commandes."""

from __future__ import annotations

import pytest

from cte_cli.suggestions import distance, proche, proches, seuil, suggestion

COMITES = ["cle-21-plaine-dijonnaise-val-de-saone", "cle-89-auxerrois", "cde-21-cote-d-or",
           "cre-bourgogne-franche-comte", "cle-21-auxois-morvan"]
COLLEGES = ["etat", "region", "departement", "communes", "epci", "syndicat_salaries", "france_travail"]


def test_distance_de_damerau_levenshtein():
    assert distance("etta", "etat") == 1  # deux lettres inversées
    assert distance("comitee", "comite") == 1
    assert distance("abc", "abc") == 0
    assert distance("kitten", "sitting") == 3
    assert distance("abcdef", "uvwxyz", limite=2) == 3  # arrêt dès que la limite est dépassée


def test_seuil_croit_avec_la_longueur():
    assert [seuil(n) for n in (1, 4, 5, 10, 11, 40)] == [1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize(("saisi", "possibles", "attendu"), [
    ("etta", COLLEGES, "etat"),                               # collège
    ("Etat", COLLEGES, "etat"),                               # casse
    ("départment", COLLEGES, "departement"),                  # accent et lettre manquante
    ("cde-21-cote-dor", COMITES, "cde-21-cote-d-or"),         # comité
    ("cre-bourgogne", COMITES, "cre-bourgogne-franche-comte"),  # identifiant tronqué, un seul candidat
    ("--strictt", ["--strict", "--sortie", "--date"], "--strict"),  # option
    ("validat", ["validate", "regles", "voix"], "validate"),  # commande
    ("2025-03-12-cde-21-ordinaire", ["2025-03-12-cde-21-ordinaire-x", "2025-03-11-cde-21-ordinaire"],
     "2025-03-11-cde-21-ordinaire"),                          # séance
])
def test_suggere_ce_qui_est_proche(saisi, possibles, attendu):
    assert proche(saisi, possibles) == attendu
    assert suggestion(saisi, possibles) == f" ; vouliez-vous dire « {attendu} » ?"
    assert attendu in proches(saisi, possibles)


@pytest.mark.parametrize(("saisi", "possibles"), [
    ("cle-21-auxois-morvan-2", ["cle-89-auxerrois"]),  # l'exemple de l'issue : un autre comité
    ("cle-21-auxois", ["cle-89-auxerrois", "cle-21-auxois-morvan", "cle-21-auxois-sud"]),  # début ambigu
    ("xyz", COLLEGES),
    ("syndicat", ["departement"]),
    ("--format", ["--force"]),  # 2 lettres sur 8 : trop loin pour une faute de frappe… (distance 3)
    ("cle", COMITES),           # début trop court
])
def test_ne_suggere_pas_ce_qui_est_loin(saisi, possibles):
    assert proche(saisi, possibles) is None
    assert suggestion(saisi, possibles) == ""


def test_issue_11_seance_sans_suggestion_d_un_autre_comite():
    """« comité introuvable… vouliez-vous dire « cle-21-plaine-dijonnaise-val-de-saone » » était
    proposé pour un comité qui n'a rien à voir : plus de suggestion au-delà du seuil."""
    assert proche("cle-21-auxois-morvan", [c for c in COMITES if c != "cle-21-auxois-morvan"]) is None


def test_rien_n_est_suggere_pour_une_valeur_vide_ou_exacte():
    assert proche("", COLLEGES) is None
    assert proche("etat", COLLEGES) is None  # la valeur existe : ce n'est pas une faute
