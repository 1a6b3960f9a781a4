"""Le droit en paramètres datés et sourcés (issue 10) : aucun chiffre ni date du droit écrit dans le
code des règles et du domaine, chaque paramètre sourcé, lu à la date du fait, surchargeable ; chaque
article cité par un constat a son texte embarqué."""

from __future__ import annotations

import ast
import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from cte_cli.moteur import valider
from cte_cli.referentiel.legal import nettoyer_liens, textes
from cte_cli.referentiel.parametres_legaux import (
    Droit,
    definition,
    lire_surcharges,
    parametre,
    parametres_du_droit,
)

RACINE = Path(__file__).resolve().parents[1]
SRC = RACINE / "src" / "cte_cli"
#: le code qui applique le droit : règles et domaine (dont le calcul des voix et de la rotation)
MODULES = [*sorted((SRC / "rules").glob("*.py")), *sorted((SRC / "droit").glob("*.py"))]
#: arithmétique du calendrier : un mois, une année, ne sont pas des chiffres du droit
CALENDRIER = {SRC / "droit" / "dates.py"}
MARQUE = "pas un chiffre du droit"
#: mots qui trahissent un chiffre du droit écrit en toutes lettres dans un message
EN_LETTRES = re.compile(r"\b(six|sept|huit|neuf|dix|vingt|trente|quarante)\b|\btrois ans\b|\bdeux fois par an\b|\bun an\b")


def _litteraux(chemin: Path):
    """(ligne, valeur) des nombres autres que 0 et 1, et des appels date(…) à arguments constants."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Constant) and type(noeud.value) in (int, float) and noeud.value not in (0, 1):
            yield noeud.lineno, noeud.value
        if (isinstance(noeud, ast.Call) and getattr(noeud.func, "id", getattr(noeud.func, "attr", None)) == "date"
                and noeud.args and all(isinstance(a, ast.Constant) for a in noeud.args)):
            yield noeud.lineno, ast.unparse(noeud)


@pytest.mark.parametrize("chemin", [m for m in MODULES if m not in CALENDRIER], ids=lambda p: p.name)
def test_aucun_chiffre_du_droit_dans_le_code(chemin: Path):
    """Un plafond, une durée, un délai, une fraction ou une date d'entrée en vigueur s'écrit dans
    referentiel/data/droit/*.yaml, jamais dans le code. Un nombre qui n'est pas un chiffre du droit
    (indice, borne technique) porte la mention « pas un chiffre du droit » sur sa ligne."""
    lignes = chemin.read_text(encoding="utf-8").splitlines()
    fautifs = [(n, v) for n, v in _litteraux(chemin) if MARQUE not in lignes[n - 1]]
    assert not fautifs, f"{chemin.name} : chiffres ou dates écrits dans le code : {fautifs}"


@pytest.mark.parametrize("chemin", MODULES, ids=lambda p: p.name)
def test_aucun_chiffre_du_droit_en_toutes_lettres_dans_les_messages(chemin: Path):
    """Les messages disent les chiffres lus dans les paramètres (« 3 ans », « 6 mois ») : un « trois
    ans » écrit en dur resterait faux si le dépôt remplaçait la durée. Les docstrings citent le
    texte et ne sont pas vérifiées."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    fautifs = []
    for noeud in ast.walk(arbre):
        if not isinstance(noeud, ast.JoinedStr):  # les messages sont des f-strings ; titres et exemples citent le texte
            continue
        morceaux = [v.value for v in noeud.values if isinstance(v, ast.Constant)]
        if any("type: comite" in m for m in morceaux):
            continue
        for texte in morceaux:
            if EN_LETTRES.search(texte) and "«" not in texte and "libelle" not in texte:
                fautifs.append((noeud.lineno, texte[:60]))
    autorises = {"droit/categories.py"}  # libellés des catégories : les mots du texte (« six représentants »)
    if any(str(chemin).endswith(a) for a in autorises):
        return
    assert not fautifs, f"{chemin.name} : {fautifs}"


def test_chaque_parametre_est_date_et_source():
    for nom, p in parametres_du_droit().items():
        assert p.description and p.article and p.texte and p.citation, nom
        assert p.valeurs, nom
        if p.choix:
            assert p.valeurs[-1][1] in p.choix and p.libelles, nom


def test_chaque_parametre_lu_par_le_code_existe():
    """Tout nom de paramètre écrit dans le code (« plafond.cde ») existe dans les fichiers."""
    connus = set(parametres_du_droit())
    vus = set()
    for chemin in [*MODULES, SRC / "echafaudage.py", SRC / "cli" / "rotation.py"]:
        vus.update(re.findall(r"[\"'](?:parametre:)?((?:plafond|mandat|crefop|seance|voix|audit|instruction|acte|cte|"
                              r"vigueur|interpretation)\.[a-z0-9_]+)[\"']", chemin.read_text(encoding="utf-8")))
    vus -= {"cte.toml"}  # le nom du fichier de configuration
    assert vus and vus <= connus, vus - connus


def test_valeur_a_la_date_du_fait():
    assert parametre("plafond.cde", date(2024, 6, 30)) is None  # avant l'entrée en vigueur
    assert parametre("plafond.cde", date(2024, 7, 1)) == 27
    assert parametre("plafond.cde_outre_mer", date(2024, 12, 10)) is None
    assert parametre("plafond.cde_outre_mer", date(2025, 1, 1)) == 31
    assert parametre("seance.quorum", date(2025, 3, 1)) == Fraction(1, 2)
    assert parametre("mandat.mission_locale_cap_emploi_cde", date(2024, 12, 5)) is False
    assert parametre("mandat.mission_locale_cap_emploi_cde", date(2024, 12, 6)) is True
    assert definition("vigueur.outre_mer").debut == date(2025, 1, 1)
    assert definition("vigueur.commission_iae_outre_mer").debut == date(2025, 4, 1)


def test_surcharge_datee_et_mention():
    surcharges, problemes = lire_surcharges({"plafond.cde": {"2024-07-01": 27, "2027-01-01": 30},
                                             "interpretation.plafond_r5311_29": "categories_1_a_6"}, "p.yaml")
    assert problemes == []
    avant, apres = Droit(date(2026, 12, 31), surcharges), Droit(date(2027, 1, 1), surcharges)
    assert avant("plafond.cde") == 27 and not avant.remplaces
    assert apres("plafond.cde") == 30
    assert "valeur du dépôt : plafond.cde = 30 au lieu de 27 (p.yaml)" in apres.mention()
    apres("interpretation.plafond_r5311_29")
    assert "lecture retenue" not in apres.mention().split("plafond.cde")[0]
    assert apres.chiffres()["surcharges"] == {"plafond.cde": 30, "interpretation.plafond_r5311_29": "categories_1_a_6"}


def test_surcharges_refusees():
    _s, problemes = lire_surcharges({"plafond.cdd": 3, "seance.quorum": "x", "plafond.cde": True,
                                     "interpretation.procuration_meme_college": "syndicats"}, "p.yaml")
    messages = " | ".join(p.message for p in problemes)
    assert "inconnu ; vouliez-vous dire « plafond.cde » ?" in messages
    assert "fraction attendue" in messages and "nombre entier" in messages
    assert "n'est pas une lecture possible ; choix : college, categorie" in messages


def test_chaque_article_cite_par_un_constat_a_son_texte():
    """Les articles des constats (y compris ceux que les règles choisissent selon le niveau ou le
    territoire) ont tous leur texte embarqué, sur tous les cas de données et les exemples."""
    from cte_cli.referentiel.legal import articles_cites

    cibles = [p for p in (RACINE / "tests" / "cases").glob("*/*") if not p.name.endswith(".attendu.yaml")]
    cibles += [RACINE / "examples" / "bourgogne-franche-comte", RACINE / "examples" / "erreurs"]
    articles = set()
    for cible in cibles:
        for c in valider([str(cible)], date(2026, 11, 22)).constats:
            articles.add(c.article)
    manquants = {a: articles_cites(a)[1] for a in articles}
    manquants = {a: m for a, m in manquants.items() if m}
    assert not manquants, manquants


def test_liens_nettoyes_dans_les_textes_embarques():
    assert nettoyer_liens("mentionnés aux 1° à 5° de l' article R. 5311-17 , aux 1°") == \
        "mentionnés aux 1° à 5° de l'article R. 5311-17, aux 1°"
    base = textes()
    for numero, article in base.articles.items():
        assert "l' article" not in article.texte and " ," not in article.texte, numero


@pytest.mark.parametrize(("texte", "sigle", "attendu"), [
    ("CGTR (Confédération générale du travail de La Réunion)", None, "CGTR"),
    ("Confédération générale du travail de La Réunion", None, "CGTR"),
    ("Confédération générale du travail", None, "CGT"),
    ("UD CGT de la Côte-d'Or", None, "CGT"),
    ("Union générale des travailleurs de la Guadeloupe", None, "UGTG"),
    ("UD CGT-FO de l'Yonne", None, "CGT-FO"),
    ("Syndicat régional", "CGTR", "CGTR"),
    ("FDSEA de la Côte-d'Or", None, "FNSEA"),  # fédération départementale de la FNSEA
    ("FRSEA Bourgogne-Franche-Comté", None, "FNSEA"),
    ("Confédération paysanne", None, None),
    ("CGT (CFDT)", None, None),  # deux organisations : ambigu, non reconnu
    ("Comité régional CGT et UNSA", None, None),  # jamais de sous-chaîne
])
def test_identite_des_organisations(texte, sigle, attendu):
    """Issue 10 : une organisation s'identifie par son sigle ou l'un de ses noms exacts, jamais par
    un morceau de nom (la CGTR n'est pas la CGT)."""
    from cte_cli.droit.organisations import identifier

    assert identifier(texte, sigle) == attendu


def test_premiere_annee_seule_lecture_pas_d_erreur():
    """Une plénière manquante selon la seule lecture « douze mois après l'installation », mais
    tenue dans l'année civile où ils finissent : avertissement, pas erreur (R. 5311-27)."""
    from cte_cli.moteur import valider

    cas = Path(__file__).parent / "cases" / "pleniere-annuelle" / "premiere-annee-treizieme-mois"
    resultat = valider([str(cas)], date(2026, 11, 22))
    plenieres = [c for c in resultat.constats if c.regle == "pleniere-annuelle"]
    assert [c.gravite for c in plenieres] == ["avertissement"]
    assert "en année civile, l'obligation de 2025 est remplie" in plenieres[0].message
