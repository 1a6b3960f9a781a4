"""Rapports machine de `cte validate` : github, gitlab, junit, sarif, et `--sortie`.

Chaque rapport est validé contre son schéma (tests/schemas/, voir son README pour la
provenance) ou relu par un analyseur (junitparser, xml.etree).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cte_cli.catalogue import regles as registre
from cte_cli.constats import Constat, Gravite
from cte_cli.moteur import Resultat, valider
from cte_cli.reports import FORMATS, rendre
from cte_cli.reports.commun import chemin_noeud, chemin_relatif

SCHEMAS = Path(__file__).parent / "schemas"
DATE = date(2026, 11, 22)

CLE = """type: comite
id: cle-21-plaine
niveau: local
nom: Comité local pour l'emploi de la Plaine dijonnaise
region: 27
departements: ["21"]
ressort: {epci: ["200000925"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de la CC, college: epci}
membres:
  - {nom: Luc Faure, qualite: Vice-président emploi, college: epci, epci: "200000925"}
  - {nom: Anne Roy, qualite: Conseillère, college: syndicat_salaries, organisation: CFDT}
"""
SEANCE = """type: seance
comite: cle-21-plaines
date: 2026-03-12T14:00
lieu: Genlis
nature: ordinaire
ordre_du_jour: [Diagnostic]
"""
CASSE = "type: seance\nordre_du_jour: [Diagnostic\n"
VALIDE = """type: seance
comite: cle-21-plaine
date: 2026-05-12T14:00
lieu: Genlis, salle « 2 »
nature: ordinaire
ordre_du_jour: [Bilan]
"""


@pytest.fixture
def depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Un petit dépôt avec erreurs, avertissement, YAML cassé et un nom de fichier accentué."""
    (tmp_path / "locaux").mkdir()
    (tmp_path / "seances").mkdir()
    (tmp_path / "locaux" / "cle-21-plaine.yaml").write_text(CLE, encoding="utf-8")
    (tmp_path / "seances" / "séance mars, 2026.yaml").write_text(SEANCE, encoding="utf-8")
    (tmp_path / "seances" / "casse.yaml").write_text(CASSE, encoding="utf-8")
    (tmp_path / "seances" / "valide.yaml").write_text(VALIDE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def resultat(depot: Path) -> Resultat:
    return valider(["."], DATE)


def _avec_info(resultat: Resultat) -> Resultat:
    """Ajoute un constat de gravité info (aucune règle de structure n'en produit)."""
    info = Constat("college-autorise", Gravite.INFO, "R. 5311-32", "./locaux/cle-21-plaine.yaml",
                   "information : 100 % des EPCI couverts", ("ressort",), ligne=7, colonne=10)
    return Resultat([*resultat.constats, info], resultat.depot, resultat.date_controle)


def test_le_depot_de_test_couvre_les_trois_cas(resultat: Resultat) -> None:
    regles = {c.regle for c in resultat.constats}
    assert {"yaml-invalide", "code-non-quote", "reference-inconnue"} <= regles
    assert {c.gravite for c in resultat.constats} >= {Gravite.ERREUR, Gravite.AVERTISSEMENT}


def test_formats_enregistres() -> None:
    assert {"json", "github", "gitlab", "junit", "sarif"} <= set(FORMATS)


# --- chemins -------------------------------------------------------------------------------


def test_chemin_relatif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert chemin_relatif("./a/b.yaml") == "a/b.yaml"
    assert chemin_relatif(str(tmp_path / "a" / "b.yaml")) == "a/b.yaml"
    assert chemin_relatif("/ailleurs/x.yaml") == "/ailleurs/x.yaml"
    assert chemin_noeud(("membres", 3, "college")) == "membres[3].college"
    assert chemin_noeud(()) == "$"


# --- github --------------------------------------------------------------------------------

_COMMANDE = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _desechapper(texte: str, propriete: bool) -> str:
    remplacements = [("%0D", "\r"), ("%0A", "\n")]
    if propriete:
        remplacements += [("%3A", ":"), ("%2C", ",")]
    for code, caractere in remplacements:
        texte = texte.replace(code, caractere)
    return texte.replace("%25", "%")


def _lire_github(rapport: str) -> list[tuple[str, dict[str, str], str]]:
    lues = []
    for ligne in rapport.splitlines():
        m = _COMMANDE.match(ligne)
        assert m, f"ligne qui n'est pas une commande de workflow : {ligne!r}"
        proprietes = dict(p.split("=", 1) for p in m.group(2).split(","))
        lues.append((m.group(1), {k: _desechapper(v, True) for k, v in proprietes.items()},
                     _desechapper(m.group(3), False)))
    return lues


def test_github_une_commande_par_constat(resultat: Resultat) -> None:
    resultat = _avec_info(resultat)
    lues = _lire_github(rendre("github", resultat))
    assert len(lues) == len(resultat.constats)
    for (commande, props, message), c in zip(lues, resultat.constats, strict=True):
        assert commande == {"erreur": "error", "avertissement": "warning", "info": "notice"}[c.gravite]
        assert props["file"] == chemin_relatif(c.fichier) and not props["file"].startswith("./")
        assert (int(props["line"]), int(props["col"])) == (c.ligne, c.colonne) and c.ligne >= 1
        assert props["title"] == f"{c.regle} ({c.article})"
        assert message == c.message


def test_github_format_exact_et_echappement() -> None:
    c = Constat("plafond-sieges", Gravite.ERREUR, "R. 5311-24", "a,b:c.yaml",
                "28 membres : 100 %\r\nlimite 27, voir", ligne=12, colonne=3)
    resultat = Resultat([c], _depot_vide(), DATE)
    assert rendre("github", resultat) == (
        "::error file=a%2Cb%3Ac.yaml,line=12,col=3,title=plafond-sieges (R. 5311-24)"
        "::28 membres : 100 %25%0D%0Alimite 27, voir\n"
    )


def test_github_vide_sans_constat() -> None:
    assert rendre("github", Resultat([], _depot_vide(), DATE)) == ""


def _depot_vide():
    from cte_cli.loading.depot import Depot

    return Depot([], [], 0)


# --- gitlab --------------------------------------------------------------------------------


def _valider_json(instance, schema_fichier: str, draft: str = "Draft202012Validator") -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / schema_fichier).read_text(encoding="utf-8"))
    classe = getattr(jsonschema, draft)
    classe.check_schema(schema)
    erreurs = sorted(classe(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not erreurs, "\n".join(f"{list(e.absolute_path)} : {e.message}" for e in erreurs[:10])


def test_gitlab_valide_contre_le_schema(resultat: Resultat) -> None:
    resultat = _avec_info(resultat)
    rapport = json.loads(rendre("gitlab", resultat))
    _valider_json(rapport, "gitlab-code-quality.schema.json")
    assert len(rapport) == len(resultat.constats)
    assert len({a["fingerprint"] for a in rapport}) == len(rapport)
    severites = {a["check_name"]: a["severity"] for a in rapport}
    assert severites["yaml-invalide"] == "critical"  # entrée illisible
    assert severites["reference-inconnue"] == "major"
    assert severites["code-non-quote"] == "minor"
    assert severites["college-autorise"] == "info"
    chemins = {a["location"]["path"] for a in rapport}
    assert "seances/séance mars, 2026.yaml" in chemins


def test_gitlab_empreinte_stable_quand_les_lignes_bougent(depot: Path) -> None:
    avant = json.loads(rendre("gitlab", valider(["."], DATE)))
    fichier = depot / "locaux" / "cle-21-plaine.yaml"
    fichier.write_text("# Arrêté préfectoral n° 2024-1102\n# ressort revu en 2026\n" + CLE, encoding="utf-8")
    apres = json.loads(rendre("gitlab", valider(["."], DATE)))
    lignes_avant = {a["fingerprint"]: a["location"]["lines"]["begin"] for a in avant}
    lignes_apres = {a["fingerprint"]: a["location"]["lines"]["begin"] for a in apres}
    assert lignes_avant.keys() == lignes_apres.keys()
    deplaces = [f for f in lignes_avant if lignes_apres[f] == lignes_avant[f] + 2]
    assert deplaces, "les constats du fichier modifié ont descendu de deux lignes, même empreinte"


def test_gitlab_empreinte_change_avec_le_message(depot: Path) -> None:
    avant = {a["fingerprint"] for a in json.loads(rendre("gitlab", valider(["."], DATE)))}
    seance = depot / "seances" / "séance mars, 2026.yaml"
    seance.write_text(SEANCE.replace("cle-21-plaines", "cle-21-plaine-x"), encoding="utf-8")
    apres = {a["fingerprint"] for a in json.loads(rendre("gitlab", valider(["."], DATE)))}
    assert avant != apres and len(avant - apres) == 1


# --- junit ---------------------------------------------------------------------------------


def test_junit_une_suite_par_fichier(resultat: Resultat) -> None:
    junitparser = pytest.importorskip("junitparser")
    rapport = rendre("junit", resultat)
    xml = junitparser.JUnitXml.fromstring(rapport.encode("utf-8"))
    suites = {s.name: s for s in xml}
    fichiers = {chemin_relatif(c.fichier) for c in resultat.constats}
    assert fichiers | {"seances/valide.yaml"} == set(suites)
    valide = suites["seances/valide.yaml"]
    assert [c.name for c in valide] == ["conforme : aucun constat"]
    assert all(c.is_passed for c in valide)
    cle = suites["locaux/cle-21-plaine.yaml"]
    par_regle = {c.name.split(" : ")[0]: c for c in cle}
    assert par_regle["code-non-quote"].is_passed  # un avertissement ne fait pas échouer
    erreurs_cle = {c.regle for c in resultat.constats
                   if c.gravite is Gravite.ERREUR and chemin_relatif(c.fichier) == "locaux/cle-21-plaine.yaml"}
    for regle in erreurs_cle:
        (echec,) = par_regle[regle].result
        assert echec.type == regle and echec.message
    assert int(cle.failures) == len(erreurs_cle)
    total = sum(int(s.tests) for s in xml)
    assert total == sum(max(1, len({c.regle for c in resultat.constats if chemin_relatif(c.fichier) == f}))
                        for f in suites)


def test_junit_totaux_coherents_en_xml_etree(resultat: Resultat) -> None:
    racine = ET.fromstring(rendre("junit", resultat))
    assert racine.tag == "testsuites"
    cas = racine.findall("testsuite/testcase")
    assert int(racine.get("tests")) == len(cas)
    assert int(racine.get("failures")) == len(racine.findall("testsuite/testcase/failure"))
    for element in cas:
        assert element.get("file") == element.get("classname")


# --- sarif ---------------------------------------------------------------------------------


def test_sarif_valide_contre_le_schema_officiel(resultat: Resultat) -> None:
    rapport = json.loads(rendre("sarif", _avec_info(resultat)))
    _valider_json(rapport, "sarif-2.1.0-rtm.5.json", draft="Draft4Validator")
    assert rapport["version"] == "2.1.0"


def test_sarif_regles_et_resultats(resultat: Resultat) -> None:
    rapport = json.loads(rendre("sarif", _avec_info(resultat)))
    (run,) = rapport["runs"]
    pilote = run["tool"]["driver"]
    assert pilote["name"] == "cte" and pilote["version"] and pilote["informationUri"].startswith("http")
    regles = pilote["rules"]
    assert [r["id"] for r in regles] == list(registre())
    for r in regles:
        source = registre()[r["id"]]
        assert r["shortDescription"]["text"] == source.titre
        assert source.article in r["help"]["text"] and r["properties"]["article"] == source.article
        assert r["properties"]["famille"] == source.famille and r["fullDescription"]["text"]
    niveaux = {"erreur": "error", "avertissement": "warning", "info": "note"}
    for res, c in zip(run["results"], _avec_info(resultat).constats, strict=True):
        assert regles[res["ruleIndex"]]["id"] == res["ruleId"] == c.regle
        assert res["level"] == niveaux[c.gravite]
        lieu = res["locations"][0]["physicalLocation"]
        assert lieu["region"] == {"startLine": c.ligne, "startColumn": c.colonne}
        assert not lieu["artifactLocation"]["uri"].startswith(("/", "./"))
        assert res["partialFingerprints"]["cte/v1"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "seances/s%C3%A9ance%20mars%2C%202026.yaml" in uris


# --- ligne de commande : --format et --sortie ----------------------------------------------


@pytest.mark.parametrize("format_", ["github", "gitlab", "junit", "sarif", "json"])
def test_sortie_ecrit_le_rapport_machine_et_affiche_le_texte(cte, depot: Path, format_: str) -> None:
    sortie = cte("validate", ".", "--format", format_, "--sortie", "rapport.out", "--date", "2026-11-22",
                 cwd=depot)
    assert sortie.returncode == 2, sortie.stderr  # YAML cassé : entrée illisible
    assert "fichiers vérifiés" in sortie.stdout and "yaml-invalide" in sortie.stdout
    ecrit = (depot / "rapport.out").read_text(encoding="utf-8")
    assert ecrit == rendre(format_, _valider_comme_la_cli(depot))
    assert "fichiers vérifiés" not in ecrit


def _valider_comme_la_cli(depot: Path) -> Resultat:
    ici = os.getcwd()
    os.chdir(depot)
    try:
        return valider(["."], DATE)
    finally:
        os.chdir(ici)


def test_sortie_existante_refusee_sans_force(cte, depot: Path) -> None:
    (depot / "rapport.json").write_text("ancien", encoding="utf-8")
    refuse = cte("validate", ".", "-f", "gitlab", "-o", "rapport.json", "--date", "2026-11-22", cwd=depot)
    assert refuse.returncode == 2 and "--force" in refuse.stderr
    assert "fichiers vérifiés" not in refuse.stdout  # refusé avant de valider
    assert (depot / "rapport.json").read_text(encoding="utf-8") == "ancien"
    force = cte("validate", ".", "-f", "gitlab", "-o", "rapport.json", "--force", "--date", "2026-11-22",
                cwd=depot)
    assert force.returncode == 2
    assert isinstance(json.loads((depot / "rapport.json").read_text(encoding="utf-8")), list)


def test_sortie_texte_sans_couleurs(cte, depot: Path) -> None:
    sortie = cte("validate", ".", "-o", "rapport.txt", "--date", "2026-11-22", cwd=depot,
                 env={"FORCE_COLOR": "1"})
    texte = (depot / "rapport.txt").read_text(encoding="utf-8")
    assert "\x1b[" not in texte and "yaml-invalide" in texte
    assert sortie.returncode == 2


def test_format_sur_la_sortie_standard(cte, depot: Path) -> None:
    sortie = cte("validate", "locaux", "-f", "sarif", "--date", "2026-11-22", cwd=depot)
    assert sortie.returncode == 1  # erreurs, pas d'entrée illisible dans ce dossier
    rapport = json.loads(sortie.stdout)
    assert {r["ruleId"] for r in rapport["runs"][0]["results"]} >= {"code-non-quote"}
