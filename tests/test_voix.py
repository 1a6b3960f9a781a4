"""Répartition des voix (R. 5311-38, R. 5311-39) : plus forte moyenne, proposition `cte voix`,
et la commande sur le dépôt d'exemple."""

from __future__ import annotations

import shutil
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.droit.voix import analyser, plus_forte_moyenne, proposer, repartir
from cte_cli.erreurs import CteErreur
from cte_cli.loading.depot import charger
from cte_cli.moteur import valider
from cte_cli.referentiel.parametres import parametres_defaut
from cte_cli.rules.registry import charger_regles

from conftest import Sortie, lancer_ici

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
DATE = date(2026, 11, 22)
REGLES_VOIX = {i for i, r in charger_regles().items() if r.famille == "voix"}


def _comite(chemin: Path):
    depot = charger([str(chemin)])
    (doc,) = [d for d in depot.valides() if d.type == "comite"]
    return doc.modele


# --- la plus forte moyenne, à la main ---------------------------------------------------------


def test_cote_d_or_recalculee_a_la_main():
    """Comité départemental de la Côte-d'Or : 8 voix pour les syndicats, 8 pour les employeurs.

    Syndicats (poids de l'arrêté du 8 juillet 2025), quotients poids / n :

        CFDT     30,88   15,44   10,29
        CGT      25,70   12,85    8,57
        CGT-FO   17,27    8,64
        CFE-CGC  15,01    7,51
        CFTC     11,14    5,57

    Les 8 plus grands : 30,88 25,70 17,27 15,44 15,01 12,85 11,14 10,29 (le 9e, 8,64, reste
    à FO) : CFDT 3, CGT 2, CGT-FO 1, CFE-CGC 1, CFTC 1.

    Employeurs, poids = 30 % part des entreprises + 70 % part des salariés (mesure 2021) :
    MEDEF 0,3 × 21,98 + 0,7 × 66,33 = 53,02 ; CPME 0,3 × 42,47 + 0,7 × 28,64 = 32,79 ;
    U2P 0,3 × 35,55 + 0,7 × 5,03 = 14,18. Quotients :

        MEDEF    53,02   26,51   17,67   13,26   10,60
        CPME     32,79   16,40   10,93    8,20
        U2P      14,18    7,09

    Les 8 plus grands : 53,02 32,79 26,51 17,67 16,40 14,18 13,26 10,93 (le 9e, 10,60, reste
    au MEDEF) : MEDEF 4, CPME 3, U2P 1.
    """
    syndicats = {
        "CFDT": [30.88, 15.44, 10.29], "CGT": [25.70, 12.85, 8.57], "CGT-FO": [17.27, 8.64],
        "CFE-CGC": [15.01, 7.51], "CFTC": [11.14, 5.57],
    }
    employeurs = {
        "MEDEF": [53.02, 26.51, 17.67, 13.26, 10.60], "CPME": [32.79, 16.40, 10.93, 8.20],
        "U2P": [14.18, 7.09],
    }

    def a_la_main(table: dict[str, list[float]], sieges: int) -> dict[str, int]:
        retenus = sorted(((q, org) for org, qs in table.items() for q in qs), reverse=True)[:sieges]
        return {org: sum(1 for _, o in retenus if o == org) for org in table}

    attendu_syndicats = a_la_main(syndicats, 8)
    attendu_employeurs = a_la_main(employeurs, 8)
    assert attendu_syndicats == {"CFDT": 3, "CGT": 2, "CGT-FO": 1, "CFE-CGC": 1, "CFTC": 1}
    assert attendu_employeurs == {"MEDEF": 4, "CPME": 3, "U2P": 1}

    p = parametres_defaut()
    poids_e = p.poids_employeurs(Fraction(3, 10), Fraction(7, 10))
    for org, (premier, *_) in employeurs.items():
        assert float(poids_e[org]) * 100 == pytest.approx(premier, abs=0.005)
    assert plus_forte_moyenne(p.poids_syndicats(), 8).attribution == attendu_syndicats
    assert plus_forte_moyenne(poids_e, 8).attribution == attendu_employeurs

    # le fichier de l'exemple et la proposition de `cte voix` donnent la même chose
    comite = _comite(EXEMPLE / "departemental" / "cde-21-cote-d-or.yaml")
    proposition = proposer(comite, p)
    par_org = {}
    for ligne in proposition.lignes:
        if ligne.siege.cle:
            par_org[ligne.siege.cle] = par_org.get(ligne.siege.cle, 0) + ligne.proposees
            assert ligne.proposees == ligne.siege.voix
    assert par_org == attendu_syndicats | attendu_employeurs
    assert proposition.totaux == {"etat": 16, "collectivites": 16, "syndicats": 8, "employeurs": 8}


def test_egalite_de_moyennes_admet_les_deux_attributions():
    poids = {"A": Fraction(2), "B": Fraction(1), "C": Fraction(1)}
    rep = plus_forte_moyenne(poids, 2)  # A 2, puis A/2 = B = C = 1 : égalité pour la 2e voix
    assert rep.egalite
    assert rep.admet({"A": 2, "B": 0, "C": 0})
    assert rep.admet({"A": 1, "B": 1, "C": 0})
    assert not rep.admet({"A": 0, "B": 1, "C": 1})
    assert rep.attendu("B") == "0 ou 1 (égalité de moyennes)"


poids_strategie = st.dictionaries(
    st.sampled_from(["A", "B", "C", "D", "E", "F"]),
    st.fractions(min_value=Fraction(1, 100), max_value=100, max_denominator=1000),
    min_size=1, max_size=6,
)


@given(poids_strategie, st.integers(min_value=0, max_value=60))
def test_plus_forte_moyenne_proprietes(poids, total):
    rep = plus_forte_moyenne(poids, total)
    assert sum(rep.attribution.values()) == total
    assert rep.admet(rep.attribution)
    somme = sum(poids.values())
    for org, p in poids.items():
        # D'Hondt respecte le quota inférieur et ne fait jamais perdre de voix quand le total croît
        assert rep.attribution[org] >= int(total * p / somme) or rep.egalite
        assert plus_forte_moyenne(poids, total + 1).maximum(org) >= rep.minimum(org)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=40))
def test_repartir_egalement(total, n):
    parts = repartir(total, n)
    assert sum(parts) == total and max(parts) - min(parts) <= 1


# --- proposer : toute composition donne une répartition que le validateur accepte -----------


def _yaml_comite(niveau: str, effectifs: dict[str, int], syndicats: list[str], employeurs: list[str]) -> str:
    lignes = [
        "type: comite", f"id: essai-{niveau[:3]}", f"niveau: {niveau}", "nom: Comité d'essai", 'region: "27"',
    ]
    if niveau == "regional":
        lignes.append("forme: au_sein_du_crefop")
    else:
        lignes.append('departements: ["21"]')
    if niveau == "local":
        lignes.append('ressort: {epci: ["242100154"]}')
    president_coll = {"regional": "region", "departemental": "departement", "local": "epci"}[niveau]
    lignes += ["presidents:", "  - {nom: P, qualite: Préfet, college: etat}",
               f"  - {{nom: Q, qualite: Président, college: {president_coll}}}", "membres:"]
    for college, n in effectifs.items():
        for i in range(n):
            extra = ', epci: "242100154"' if college == "epci" else (
                f', departement: "{["21", "25", "39", "58", "70", "71"][i % 6]}"'
                if college == "departement" and niveau == "regional" else "")
            lignes.append(f"  - {{nom: M{college}{i}, qualite: Membre {college} {i}, college: {college}{extra}}}")
    for org in syndicats:
        lignes.append(f"  - {{nom: S{org}, qualite: UD {org}, college: syndicat_salaries, organisation: {org}}}")
    for org in employeurs:
        lignes.append(f"  - {{nom: E{org}, qualite: Président {org}, college: organisation_employeurs, "
                      f"organisation: {org}}}")
    if niveau != "local" and employeurs:  # l'ensemble des multiprofessionnelles (R. 5311-17 5°, R. 5311-23 6°)
        for org in ("FNSEA", "UDES", "UNAPL", "FESAC"):
            lignes.append(f"  - {{nom: X{org}, qualite: Délégué {org}, college: organisation_employeurs_multipro, "
                          f"organisation: {org}}}")
    return "\n".join(lignes) + "\n"


def _ecrire_et_valider(tmp_path: Path, texte: str, **options) -> tuple[object, list]:
    fichier = tmp_path / "comite.yaml"
    fichier.write_text(texte, encoding="utf-8")
    comite = _comite(fichier)
    proposition = proposer(comite, parametres_defaut(), **options)
    from cte_cli.voix_ecriture import ecrire_voix

    ecrire_voix(str(fichier), proposition)
    constats = [c for c in valider([str(fichier)], DATE).constats if c.regle in REGLES_VOIX]
    return proposition, constats


organisations = st.lists(st.sampled_from(["CFDT", "CGT", "CGT-FO", "CFE-CGC", "CFTC"]), min_size=1, max_size=7)


@settings(max_examples=40, deadline=None)
@given(
    niveau=st.sampled_from(["regional", "departemental", "local"]),
    n_etat=st.integers(1, 6), n_region=st.integers(0, 4), n_departement=st.integers(1, 6),
    n_autres=st.integers(0, 6), syndicats=organisations,
    employeurs=st.lists(st.sampled_from(["MEDEF", "CPME", "U2P"]), min_size=1, max_size=4),
)
def test_toute_composition_recoit_une_repartition_conforme(
    tmp_path_factory, niveau, n_etat, n_region, n_departement, n_autres, syndicats, employeurs
):
    effectifs = {"etat": n_etat, "region": n_region + (niveau == "regional"), "departement": n_departement}
    if niveau == "departemental":
        effectifs["communes"] = n_autres
    elif niveau == "local":
        effectifs["epci"] = 1
        effectifs["communes"] = n_autres
        syndicats, employeurs = [], []
    texte = _yaml_comite(niveau, effectifs, syndicats, employeurs)
    proposition, constats = _ecrire_et_valider(tmp_path_factory.mktemp("c"), texte)
    # seule l'absence d'une organisation représentative peut rester signalée
    restants = [c for c in constats if c.regle != "organisation-representative-absente"]
    assert restants == [], [c.message for c in restants]
    assert all(ligne.proposees and ligne.proposees >= 1 for ligne in proposition.lignes if ligne.siege.votant)


def test_le_total_propose_est_le_plus_petit(tmp_path):
    texte = _yaml_comite("departemental", {"etat": 3, "region": 1, "departement": 2, "communes": 2},
                         ["CFDT", "CGT", "CGT-FO", "CFE-CGC", "CFTC"], ["MEDEF", "CPME", "U2P"])
    proposition, constats = _ecrire_et_valider(tmp_path, texte)
    assert constats == []
    # 7 voix : la plus petite qui donne une voix à la CFTC (11,14 %) et à l'U2P (14,18 %)
    assert proposition.totaux == {"etat": 14, "collectivites": 14, "syndicats": 7, "employeurs": 7}
    assert plus_forte_moyenne(parametres_defaut().poids_syndicats(), 6).attribution["CFTC"] == 0


def test_total_etat_impose(tmp_path):
    texte = _yaml_comite("departemental", {"etat": 2, "region": 1, "departement": 1, "communes": 1},
                         ["CFDT", "CGT", "CGT-FO", "CFE-CGC", "CFTC"], ["MEDEF", "CPME", "U2P"])
    proposition, constats = _ecrire_et_valider(tmp_path, texte, total_etat=20)
    assert constats == [] and proposition.totaux["syndicats"] == 10
    comite = _comite(tmp_path / "comite.yaml")
    with pytest.raises(CteErreur, match="impair"):
        proposer(comite, parametres_defaut(), total_etat=15)
    with pytest.raises(CteErreur, match="plus petit total conforme : 14"):
        proposer(comite, parametres_defaut(), total_etat=10)


def test_organisation_inconnue_refusee(tmp_path):
    texte = _yaml_comite("departemental", {"etat": 1, "departement": 1}, ["CFDT", "UNSA"], ["MEDEF"])
    fichier = tmp_path / "c.yaml"
    fichier.write_text(texte, encoding="utf-8")
    with pytest.raises(CteErreur, match="« UNSA »"):
        proposer(_comite(fichier), parametres_defaut())


def test_collectivite_dominante_absente(tmp_path):
    texte = _yaml_comite("regional", {"etat": 1, "departement": 2}, ["CFDT"], ["MEDEF"])
    fichier = tmp_path / "c.yaml"
    fichier.write_text(texte, encoding="utf-8")
    with pytest.raises(CteErreur, match="aucun représentant pour la région"):
        proposer(_comite(fichier), parametres_defaut())


def test_crefop_renomme_sans_repartition(tmp_path):
    texte = _yaml_comite("regional", {"etat": 1, "region": 1, "departement": 1}, ["CFDT"], ["MEDEF"])
    fichier = tmp_path / "c.yaml"
    fichier.write_text(texte.replace("au_sein_du_crefop", "crefop_renomme"), encoding="utf-8")
    comite = _comite(fichier)
    assert analyser(comite, parametres_defaut()) is None
    with pytest.raises(CteErreur, match="R. 6123-3-16"):
        proposer(comite, parametres_defaut())


# --- le dépôt d'exemple -----------------------------------------------------------------------


def _cte(*args: str) -> Sortie:
    """La commande (codes de sortie, sorties standard et d'erreur), dans ce processus."""
    return lancer_ici(*args)


def _cte_ici(capsys, *args: str) -> tuple[int, str]:
    """La commande dans ce processus (plus rapide pour l'enchaîner sur huit comités)."""
    from cte_cli.cli import main

    with pytest.raises(SystemExit) as sortie:
        main(list(args))
    return sortie.value.code, capsys.readouterr().out


def test_exemple_voix_conformes():
    constats = [c for c in valider([str(EXEMPLE)], DATE).constats if c.regle in REGLES_VOIX]
    assert constats == [], [f"{c.fichier}:{c.ligne} {c.message}" for c in constats]


@pytest.mark.parametrize("mode", ["--minimum", "sans-voix"])
def test_cte_voix_ecrire_sur_chaque_cde_de_l_exemple(tmp_path, capsys, mode):
    """`cte voix --ecrire` sur chaque CDE d'une copie de l'exemple (recalcul au plus juste, ou
    voix retirées) : le validateur n'a plus rien à dire des voix."""
    depot = tmp_path / "exemple"
    shutil.copytree(EXEMPLE, depot)
    cdes = sorted((depot / "departemental").glob("*.yaml"))
    assert len(cdes) == 8
    for fichier in cdes:
        if mode == "sans-voix":
            texte = "".join(line for line in fichier.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.strip().startswith("voix:"))
            fichier.write_text(texte, encoding="utf-8")
        identifiant = yaml.safe_load(fichier.read_text(encoding="utf-8"))["id"]
        options = ["--minimum"] if mode == "--minimum" else []
        code, sortie = _cte_ici(capsys, "voix", identifiant, str(depot), "--ecrire", *options)
        assert code == 0
        assert "Paramètres d'audience : « cte-audiences-2025 »" in sortie
    constats = [c for c in valider([str(depot / "departemental")], DATE).constats if c.regle in REGLES_VOIX]
    assert constats == [], [f"{c.fichier}:{c.ligne} {c.message}" for c in constats]


def test_cte_voix_sans_changement_et_erreurs(tmp_path):
    depot = tmp_path / "exemple"
    shutil.copytree(EXEMPLE, depot)
    fichier = depot / "departemental" / "cde-90-territoire-de-belfort.yaml"
    avant = fichier.read_bytes()
    resultat = _cte("voix", "cde-90-territoire-de-belfort", str(depot), "--ecrire", "--detail")
    assert resultat.returncode == 0, resultat.stderr
    assert "aucune modification" in resultat.stdout and "÷ 1" in resultat.stdout
    assert fichier.read_bytes() == avant
    inconnu = _cte("voix", "cde-90-territoire-de-belfor", str(depot))
    assert inconnu.returncode == 2 and "vouliez-vous dire" in inconnu.stderr
    impair = _cte("voix", "cde-90-territoire-de-belfort", str(depot), "--total-etat", "15")
    assert impair.returncode == 2 and "impair" in impair.stderr and "Traceback" not in impair.stderr


def test_egalite_pour_la_derniere_voix_cte_voix_et_validate_d_accord():
    """Issue 10 : avec une égalité de moyennes pour la dernière voix, toute attribution à la plus
    forte moyenne est conforme (R. 5311-38 3° ne départage pas) ; `cte voix` garde le total de 12
    voix de l'État et la répartition du fichier que `cte validate` accepte, au lieu de la déclarer
    impossible et d'en proposer une autre."""
    from cte_cli.loading.depot import charger
    from cte_cli.referentiel.parametres import parametres_en_vigueur

    cas = Path(__file__).parent / "cases" / "voix-plus-forte-moyenne" / "egalite-cgt-3"
    depot = charger([str(cas)])
    comite = next(d.modele for d in depot.documents if d.type == "comite")
    parametres = parametres_en_vigueur(depot.valides(), date(2026, 11, 22))
    proposition = proposer(comite, parametres)
    assert proposition.totaux["etat"] == 12
    assert not proposition.changements()
    assert any("égalité de moyennes" in n and "CGT 3" in n for n in proposition.notes)
    resultat = valider([str(cas)], date(2026, 11, 22))
    assert not [c for c in resultat.constats if c.regle.startswith("voix-")]


@pytest.mark.parametrize(("cas", "options"), [("sans-voix", ()), ("cfdt4-cgt3", ("--minimum",))])
def test_voix_propose_malgre_une_egalite_pour_les_dernieres_voix(cte, cas, options):
    """Audiences à égalité pour les dernières voix (R. 5311-38 3° ne départage pas) : cte voix
    propose une répartition et le dit, sans erreur interne, y compris quand le plus petit total
    essayé ne peut pas donner une voix à chaque organisation à égalité."""
    depot = Path(__file__).parent / "donnees" / "voix-egalites" / cas
    sortie = cte("voix", "cde-21", str(depot), *options)
    assert sortie.returncode == 0, sortie.stderr
    assert "Erreur interne" not in sortie.stderr
    assert "toute attribution à la plus forte moyenne est conforme (R. 5311-38 3° ne départage pas)" in sortie.stdout
    assert "plus petit total conforme : 14 voix pour l'État" in sortie.stdout
