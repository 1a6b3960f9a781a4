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


# --- Index : même résultat que la comparaison à tous les candidats (issue 16) -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cte_cli.suggestions import DEBUT_MIN, Index, _normaliser  # noqa: E402


def _proche_sans_index(valeur, possibles):
    """L'algorithme d'avant l'index : chaque candidat comparé à la valeur."""
    texte = _normaliser(str(valeur))
    if not texte:
        return None
    candidats = [str(c) for c in possibles if str(c) != str(valeur)]
    limite = seuil(len(texte))
    meilleur = None
    for candidat in candidats:
        d = distance(texte, _normaliser(candidat), limite)
        if d <= limite and (meilleur is None or d < meilleur[0]):
            meilleur = (d, candidat)
    if meilleur is None and len(texte) >= DEBUT_MIN:
        debuts = [c for c in candidats if _normaliser(c).startswith(texte)]
        if len(debuts) == 1:
            return debuts[0]
    return meilleur[1] if meilleur else None


_LETTRES = "abcdé-12"
_mot = st.text(_LETTRES, min_size=0, max_size=34)


@st.composite
def _faute(draw, mot):
    """Jusqu'à quatre fautes de frappe dans `mot` (insertion, suppression, substitution,
    inversion de deux lettres voisines, majuscule)."""
    lettres = list(mot)
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(["ins", "sup", "sub", "inv", "maj"]))
        i = draw(st.integers(0, max(len(lettres) - 1, 0)))
        if operation == "ins":
            lettres.insert(i, draw(st.sampled_from(_LETTRES)))
        elif lettres and operation == "sup":
            del lettres[i]
        elif lettres and operation == "sub":
            lettres[i] = draw(st.sampled_from(_LETTRES))
        elif len(lettres) > 1 and operation == "inv":
            i = min(i, len(lettres) - 2)
            lettres[i], lettres[i + 1] = lettres[i + 1], lettres[i]
        elif lettres and operation == "maj":
            lettres[i] = lettres[i].upper()
    return "".join(lettres)


@st.composite
def _cas(draw):
    prefixe = draw(st.sampled_from(["", "cle-21-", "cde-", "2025-03-12-cle-"]))
    candidats = [prefixe + m for m in draw(st.lists(_mot, min_size=0, max_size=160))]
    if candidats and draw(st.booleans()):
        valeur = draw(_faute(draw(st.sampled_from(candidats))))
    else:
        valeur = prefixe + draw(_mot)
    return valeur, candidats


@settings(max_examples=600, deadline=None)
@given(_cas())
def test_index_donne_la_meme_suggestion_que_la_comparaison_a_tous(cas):
    valeur, candidats = cas
    attendu = _proche_sans_index(valeur, candidats)
    assert proche(valeur, candidats) == attendu
    index = Index(candidats)
    assert index.proche(valeur) == attendu
    assert index.proche(valeur) == attendu  # index réutilisé
    # le filtre par bigrammes, même pour peu de candidats
    import cte_cli.suggestions as module

    seuil_filtre, module.CANDIDATS_SANS_FILTRE = module.CANDIDATS_SANS_FILTRE, 0
    try:
        assert Index(candidats).proche(valeur) == attendu
    finally:
        module.CANDIDATS_SANS_FILTRE = seuil_filtre


def test_index_sur_un_grand_nombre_de_comites():
    """Des milliers d'identifiants de la même forme : le filtre par bigrammes est utilisé, et
    retrouve les fautes de frappe à distance 1 à 3 comme la comparaison complète."""
    ids = [f"cle-{d:02d}-{r}-cc-du-pays-{'abcdefgh'[r % 8]}{n}" for d in range(1, 96) for r in range(1, 5)
           for n in ("ouest", "est", "nord-bocage")]
    index = Index(ids)
    for valeur in ("cle-21-2-cc-du-pays-cest", "cle-21-2-cc-du-pays-cets", "cle-12-2-cc-du-pays-cnord-bocage",
                   "cle-21-2-cc-dupays-cest", "cle-99-9-cc-du-pays-xyz", "cle-21-2-cc-du-pays-c", "CLE-21-2-CC-DU-PAYS-CEST"):
        assert index.proche(valeur) == _proche_sans_index(valeur, ids), valeur
    assert index.proche("cle-21-2-cc-du-pays-cets") == "cle-21-2-cc-du-pays-cest"


def _distance_de_reference(a: str, b: str) -> int:
    """Programmation dynamique de l'alignement optimal (Damerau-Levenshtein restreinte), celle
    de cte avant RapidFuzz."""
    avant_precedente: list[int] = []
    precedente = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        courante = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            courante[j] = min(precedente[j] + 1, courante[j - 1] + 1, precedente[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                courante[j] = min(courante[j], avant_precedente[j - 2] + 1)
        avant_precedente, precedente = precedente, courante
    return precedente[-1]


@settings(max_examples=800, deadline=None)
@given(_mot, _mot, st.integers(0, 4))
def test_distance_est_celle_de_la_programmation_dynamique(a, b, limite):
    """RapidFuzz (OSA) donne la distance de la programmation dynamique, et `limite + 1` au-delà
    de la limite."""
    assert distance(a, b) == _distance_de_reference(a, b)
    assert distance(a, b, limite) == min(_distance_de_reference(a, b), limite + 1)
