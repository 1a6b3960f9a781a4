"""Des messages qui disent quoi faire (issue 11 §2), en ligne de commande.

Chaque message demandé par l'issue est vérifié ici par un appel à `cte` (dans le processus :
mêmes codes de sortie et mêmes textes que la commande installée, voir `conftest.lancer_ici`).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATE, EXEMPLE

CLE = """type: comite
id: cle-21-plaine
niveau: local
nom: Comité local pour l'emploi de la Plaine dijonnaise
region: "27"
departements: ["21"]
ressort: {epci: ["200000925"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de la CC, college: epci}
membres:
  - {nom: Luc Faure, qualite: Vice-président emploi, college: epci, epci: "200000925"}
"""


def _valider(cte_ici, dossier: Path, *options: str):
    sortie = cte_ici("validate", str(dossier), "--format", "json", "--date", DATE, *options)
    return sortie.returncode, json.loads(sortie.stdout)


def _ecrire(dossier: Path, nom: str, texte: str) -> Path:
    chemin = dossier / nom
    chemin.write_text(texte, encoding="utf-8")
    return chemin


# --- erreurs de syntaxe YAML : en français, avec la correction --------------------------------


@pytest.mark.parametrize(("texte", "regle", "ligne", "fragments"), [
    (CLE.replace("nom: Comité", "\tnom: Comité"), "yaml-invalide", 4,
     ["tabulation", "remplacez la tabulation par des espaces"]),
    (CLE.replace('region: "27"', '  region: "27"'), "yaml-invalide", 5,
     ["indentation", "« region » est plus indentée que « nom » (ligne 4)", "alignez-la sur « nom » (colonne 1)"]),
    (CLE.replace("nom: Comité local pour l'emploi de la Plaine dijonnaise",
                 'nom: "Comité local pour l\'emploi de la Plaine dijonnaise'), "yaml-invalide", 4,
     ["guillemet « \" » ouvert ici et jamais refermé", "ajoutez « \" » à la fin de la valeur"]),
    (CLE.replace("niveau: local\n", "niveau: local\nid: cle-21-plaine-2\n"), "cle-dupliquee", 4,
     ["clé « id » en double", "(lignes 2 et 4)", "gardez-en une seule"]),
    (CLE.replace("  - {nom: Jean Colin", "   - {nom: Jean Colin"), "yaml-invalide", 10,
     ["indentation", "alignez-les"]),
    (CLE.replace("nom: Comité local pour", "nom: Comité local: pour"), "yaml-invalide", 4,
     ["« : » dans la valeur de « nom »", "mettez la valeur entre guillemets"]),
])
def test_erreurs_de_syntaxe_expliquees(cte_ici, tmp_path, texte, regle, ligne, fragments):
    _ecrire(tmp_path, "cle.yaml", texte)
    code, rapport = _valider(cte_ici, tmp_path)
    assert code == 2
    (constat,) = rapport["constats"]
    assert (constat["regle"], constat["ligne"]) == (regle, ligne), constat
    for fragment in fragments:
        assert fragment in constat["message"]
    assert "mettez la valeur entre guillemets" not in constat["message"] or "« : »" in constat["message"]


def test_indentation_n_est_pas_confondue_avec_un_deux_points(cte_ici, tmp_path):
    """« mapping values are not allowed » : l'issue voulait « indentation », pas « guillemets »."""
    _ecrire(tmp_path, "cle.yaml", CLE.replace('region: "27"', '   region: "27"'))
    _, rapport = _valider(cte_ici, tmp_path)
    message = rapport["constats"][0]["message"]
    assert message.startswith("indentation") and "guillemets" not in message


# --- une faute de frappe, un constat (issue 11, exemple du début) -----------------------------


@pytest.fixture
def depot_bfc(tmp_path) -> Path:
    cible = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, cible)
    return cible


@pytest.mark.parametrize(("avant", "apres"), [
    ("college: etat", "college: etta"),
    ("installation: 2025-01-16", "installation: 16/01/2025"),
])
def test_issue_une_faute_un_constat(cte_ici, depot_bfc, avant, apres):
    fichier = depot_bfc / "locaux" / "cle-21-auxois-morvan.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace(avant, apres, 1), encoding="utf-8")
    code, rapport = _valider(cte_ici, depot_bfc)
    erreurs = [c for c in rapport["constats"] if c["gravite"] == "erreur"]
    assert code == 1
    assert len(erreurs) == 1 and erreurs[0]["fichier"].endswith("cle-21-auxois-morvan.yaml"), erreurs
    assert not [c for c in rapport["constats"] if "introuvable" in c["message"] or c["regle"] == "couverture-epci"]


def test_reference_vers_un_fichier_illisible(cte_ici, depot_bfc):
    fichier = depot_bfc / "locaux" / "cle-21-auxois-morvan.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace("nom: Comité", 'nom: "Comité', 1), encoding="utf-8")
    code, rapport = _valider(cte_ici, depot_bfc)
    assert code == 2
    assert [c["regle"] for c in rapport["constats"] if c["gravite"] == "erreur"] == ["yaml-invalide"]
    (renvoi,) = [c for c in rapport["constats"] if c["regle"] == "reference-illisible"]
    assert "défini dans un fichier illisible : " in renvoi["message"]
    assert renvoi["message"].count("cle-21-auxois-morvan.yaml") == 1
    assert "1 autre fichier le cite aussi" in renvoi["message"]
    assert not [c for c in rapport["constats"] if "introuvable" in c["message"]]


# --- dates en français, accents --------------------------------------------------------------


def test_dates_en_francais_dans_les_messages(cte_ici):
    sortie = cte_ici("validate", str(EXEMPLE), "--date", DATE, "--territoires", "aucun")
    assert "échéance du 30/06/2026 dépassée" in sortie.stdout
    messages = [ligne for ligne in sortie.stdout.splitlines() if re.match(r"\s+\d+:\d+", ligne)]
    assert messages and not [m for m in messages if re.search(r"\b20\d\d-\d\d-\d\d\b", m)]


def test_accents_dans_les_messages(cte_ici, tmp_path):
    _ecrire(tmp_path, "cde.yaml", CLE.replace("niveau: local", "niveau: departemental")
            .replace("id: cle-21-plaine", "id: cde-21").replace('departements: ["21"]\n', ""))
    sortie = cte_ici("validate", str(tmp_path), "--date", DATE)
    assert "comité départemental" in sortie.stdout
    assert "departemental" not in sortie.stdout.replace("niveau: departemental", "")


# --- une erreur nomme l'option tapée ---------------------------------------------------------


@pytest.mark.parametrize(("args", "option"), [
    (["rotation", "cre-bourgogne-franche-comte", str(EXEMPLE), "--debut", "2025-13-01"], "--debut"),
    (["validate", str(EXEMPLE), "--date", "22/11/2026"], "--date"),
    (["voix", "cde-21-cote-d-or", str(EXEMPLE), "--date", "demain"], "--date"),
    (["validate", str(EXEMPLE), "--format", "xml"], "--format"),
    (["validate", str(EXEMPLE), "--regles", "quorom"], "--regles"),
    (["validate", str(EXEMPLE), "--sauf", "seance"], "--sauf"),
])
def test_l_erreur_nomme_l_option_tapee(cte_ici, args, option):
    sortie = cte_ici(*args)
    assert sortie.returncode == 2
    assert option in sortie.stderr, sortie.stderr
    if option == "--debut":
        assert "--date" not in sortie.stderr


# --- rien à faire : message clair et sortie 2 ------------------------------------------------


def test_validate_sans_fichier_yaml(cte_ici, tmp_path):
    sortie = cte_ici("validate", str(tmp_path))
    assert sortie.returncode == 2
    assert "aucun fichier YAML" in sortie.stderr and "rien n'a été vérifié" in sortie.stderr
    assert "0 fichier vérifié" not in sortie.stdout


def test_validate_chemin_errone_en_ci(cte_ici, tmp_path):
    """Un job de CI pointé sur un mauvais chemin échoue (pas un « 0 fichier vérifié » vert)."""
    (tmp_path / "docs").mkdir()
    _ecrire(tmp_path / "docs", "lisez-moi.md", "# rien\n")
    for format_ in ("json", "sarif", "github"):
        assert cte_ici("validate", str(tmp_path / "docs"), "--format", format_).returncode == 2


def test_generate_tous_sans_rien_a_produire(cte_ici, tmp_path):
    shutil.copy(EXEMPLE / "regional" / "cre-bourgogne-franche-comte.yaml", tmp_path)
    sortie = cte_ici("generate", "reglement", "--tous", str(tmp_path), "-o", str(tmp_path / "sortie"))
    assert sortie.returncode == 2
    assert "aucun comité départemental ou local" in sortie.stderr
    assert not (tmp_path / "sortie").exists()


def test_synthese_sans_feuille_de_route(cte_ici, tmp_path):
    shutil.copytree(EXEMPLE / "locaux", tmp_path / "locaux")
    sortie = cte_ici("feuille-de-route", "synthese", str(tmp_path), "--date", DATE)
    assert sortie.returncode == 2
    assert "aucune fiche action à suivre" in sortie.stderr and "feuille-de-route importer" in sortie.stderr


# --- textes de Click et Typer en français ------------------------------------------------------


def test_commande_inconnue_suggestion_en_francais(cte_ici):
    sortie = cte_ici("validat")
    assert sortie.returncode == 2
    assert "commande inconnue : validat ; vouliez-vous dire « validate » ?" in sortie.stderr
    assert "Did you mean" not in sortie.stderr
    loin = cte_ici("xyzzy")
    assert "commande inconnue : xyzzy" in loin.stderr and "vouliez-vous dire" not in loin.stderr


def test_option_inconnue_suggestion_en_francais(cte_ici):
    sortie = cte_ici("validate", "--strictt")
    assert sortie.returncode == 2
    assert "option inconnue : --strictt ; vouliez-vous dire « --strict » ?" in sortie.stderr
    assert "Did you mean" not in sortie.stderr and "Possible options" not in sortie.stderr


def test_arguments_en_trop_en_francais(cte_ici):
    sortie = cte_ici("schema", "en-trop")
    assert sortie.returncode == 2
    assert "argument(s) en trop : en-trop" in sortie.stderr
    assert "Got unexpected" not in sortie.stderr


def test_argument_manquant_en_francais(cte_ici):
    sortie = cte_ici("voix")
    assert sortie.returncode == 2
    assert "argument obligatoire manquant : COMITE" in sortie.stderr
    assert "Missing argument" not in sortie.stderr


@pytest.mark.parametrize(("args", "attendu"), [
    (["init", "x"], "option obligatoire manquante : --region (ou -r)"),
    (["rotation", "cre-bourgogne-franche-comte", str(EXEMPLE), "--sieges", "9"],
     "9 sièges : le nombre de représentants des départements au CREFOP est compris entre 1 et 6 (R. 6123-3-3 2° bis)"),
    (["rotation", "cre-x", "--sieges", "0"], "valeur invalide pour --sieges : la valeur doit être supérieure ou égale à 1"),
    (["rotation", "cre-x", "--periodes", "deux"], "valeur invalide pour --periodes : un nombre entier est attendu"),
    (["expliquer"], "argument obligatoire manquant : REGLE"),
    (["validate", "--strict=1"], "l'option --strict ne prend pas de valeur (écrivez --strict seul)"),
    (["generate", "reglement", "--tous=oui"], "l'option --tous ne prend pas de valeur"),
    (["membres", "importer", "m.xlsx", "--ecrire=1"], "l'option --ecrire ne prend pas de valeur"),
    (["membres", "importer"], "argument obligatoire manquant : CLASSEUR"),
])
def test_autres_erreurs_d_usage_en_francais(cte_ici, args, attendu):
    sortie = cte_ici(*args)
    assert sortie.returncode == 2
    assert attendu in sortie.stderr
    assert not re.search(r"Input should|Missing|Invalid value|Error:|does not|Option '", sortie.stderr)


COMMANDES = [["validate"], ["regles"], ["expliquer"], ["init"], ["schema"], ["cartographie"],
             ["feuille-de-route"], ["feuille-de-route", "importer"], ["feuille-de-route", "synthese"],
             ["voix"], ["rotation"], ["generate"], ["generate", "reglement"], ["generate", "convocation"],
             ["generate", "emargement"], ["generate", "releve"], ["modeles"], ["modeles", "verifier"],
             ["modeles", "copier"], ["membres"], ["membres", "exporter"], ["membres", "importer"],
             ["generate", "arrete"], ["generate", "arrete", "composition"], ["generate", "arrete", "ressort"],
             ["lsp"], []]


@pytest.mark.parametrize("commande", COMMANDES, ids=lambda c: " ".join(c) or "cte")
def test_aide_en_francais_sans_type_anglais(cte_ici, commande):
    sortie = cte_ici(*commande, "--help")
    assert sortie.returncode == 0
    aide = sortie.stdout
    assert "Utilisation : cte" in aide
    for anglais in ("<bool>", "<str>", "<path>", "<int>", "list[Path]", "COMMAND [ARGS]", "Usage:",
                    "Show this message", "[default:"):
        assert anglais not in aide, f"{anglais!r} dans l'aide de « cte {' '.join(commande)} »"
    if commande and commande[-1] in ("generate", "modeles", "feuille-de-route"):
        assert "COMMANDE [ARGUMENTS]..." in aide


# --- le dépôt, désigné de la même façon partout (§3) -------------------------------------------

AVEC_DEPOT = [["voix"], ["rotation"], ["cartographie"], ["feuille-de-route", "importer"],
              ["feuille-de-route", "synthese"], ["generate", "reglement"], ["generate", "convocation"],
              ["generate", "emargement"], ["generate", "releve"], ["modeles", "copier"],
              ["membres", "exporter"], ["membres", "importer"], ["generate", "arrete", "composition"],
              ["generate", "arrete", "voix"], ["generate", "arrete", "ressort"]]


@pytest.mark.parametrize("commande", AVEC_DEPOT, ids=" ".join)
def test_depot_en_dernier_argument_dans_l_aide(cte_ici, commande):
    aide = cte_ici(*commande, "--help").stdout
    usage = aide[aide.index("Utilisation :"):].splitlines()[0]
    assert re.search(r"\[DEPOT(\.\.\.)?\]\s*(\.\.\.)?\s*$", usage.strip()) or usage.strip().endswith("[DEPOT]..."), usage
    assert "Dépôt de configuration" in aide or "Dépôt dont" in aide
    assert "--depot" not in aide  # ancienne option acceptée, mais cachée


def test_ancienne_option_depot_acceptee(cte_ici, tmp_path):
    for n, args in enumerate((["generate", "releve", "2026-03-10-cde-21-cote-d-or-ordinaire", "-d", str(EXEMPLE)],
                              ["generate", "releve", "2026-03-10-cde-21-cote-d-or-ordinaire", str(EXEMPLE)])):
        sortie = cte_ici(*args, "-o", str(tmp_path / str(n)), "-f", "md", "--date", DATE)
        assert sortie.returncode == 0, sortie.stderr
    double = cte_ici("generate", "releve", "2026-03-10-cde-21-cote-d-or-ordinaire", str(EXEMPLE), "-d", str(tmp_path))
    assert double.returncode == 2 and "dépôt indiqué deux fois" in double.stderr


def test_cte_validate_info_document_a_completer(cte_ici, depot_bfc):
    fichier = depot_bfc / "departemental" / "cde-21-cote-d-or.yaml"
    fichier.write_text(re.sub(r"\n  reunions_par_an: .*", "", fichier.read_text(encoding="utf-8")), encoding="utf-8")
    code, rapport = _valider(cte_ici, depot_bfc)
    (info,) = [c for c in rapport["constats"] if c["regle"] == "reglement-a-completer"]
    assert info["gravite"] == "info" and info["fichier"].endswith("cde-21-cote-d-or.yaml")
    assert "`reglement_interieur.reunions_par_an`" in info["message"]
    assert "cte generate reglement cde-21-cote-d-or" in info["message"]
    generation = cte_ici("generate", "reglement", "cde-21-cote-d-or", str(depot_bfc), "-o", str(depot_bfc / "sortie"),
                         "-f", "md", "--date", DATE)
    assert generation.returncode == 2 and "reglement_interieur.reunions_par_an" in generation.stderr


@pytest.mark.parametrize(("avant", "apres", "regle"), [
    ("\nnom: ", "\n\tnom: ", "yaml-invalide"),                      # tabulation
    ("\nregion: ", "\n  region: ", "yaml-invalide"),                # indentation
    ("\nregion: ", "\nnom: doublon\nregion: ", "cle-dupliquee"),    # clé en double
])
def test_fichier_illisible_un_constat_et_un_renvoi(cte_ici, depot_bfc, avant, apres, regle):
    """Le comité local de Lure-Héricourt (ressort sur deux départements) devient illisible : une
    erreur, un renvoi pour ses séances, et rien d'autre (ni « introuvable », ni couverture)."""
    _, avant_rapport = _valider(cte_ici, depot_bfc)
    fichier = depot_bfc / "locaux" / "cle-70-lure-hericourt.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace(avant, apres, 1), encoding="utf-8")
    code, rapport = _valider(cte_ici, depot_bfc)
    anciens = {(c["fichier"], c["regle"], c["message"]) for c in avant_rapport["constats"]}
    nouveaux = [c for c in rapport["constats"] if (c["fichier"], c["regle"], c["message"]) not in anciens]
    assert code == 2
    assert sorted(c["regle"] for c in nouveaux) == sorted([regle, "reference-illisible"]), nouveaux
