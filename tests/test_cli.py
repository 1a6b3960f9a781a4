"""La commande `cte` : codes de sortie, messages français, JSON de FORMAT §3, NO_COLOR."""

from __future__ import annotations

import json
import re

from conftest import DATE

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
  - {nom: Anne Roy, qualite: Sous-préfète, college: etat}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region}
  - {nom: Rita Simon, qualite: Conseillère départementale, college: departement}
  - {nom: Paul Henry, qualite: Directeur territorial de France Travail, college: france_travail}
  - {nom: Yves Morel, qualite: Président de la mission locale, college: mission_locale}
  - {nom: Léa Giraud, qualite: Présidente de Cap emploi 21, college: cap_emploi}
"""


def test_version(cte):
    sortie = cte("--version")
    assert sortie.returncode == 0
    assert re.match(r"cte \d+\.\d+\.\d+\n", sortie.stdout)  # puis référentiels (test_completion.py)


def test_aide_en_francais(cte):
    sortie = cte("validate", "--help")
    assert sortie.returncode == 0
    assert "Utilisation" in sortie.stdout and "Afficher cette aide" in sortie.stdout
    assert "--strict" in sortie.stdout


def test_chemin_introuvable_sort_avec_2(cte, tmp_path):
    sortie = cte("validate", str(tmp_path / "absent"))
    assert sortie.returncode == 2
    assert "chemin introuvable" in sortie.stderr
    assert "Traceback" not in sortie.stderr + sortie.stdout


def test_option_inconnue_en_francais(cte):
    sortie = cte("validate", "--formatt", "json")
    assert sortie.returncode == 2
    assert "option inconnue : --formatt" in sortie.stderr


def test_format_inconnu(cte, tmp_path):
    sortie = cte("validate", str(tmp_path), "--format", "xml")
    assert sortie.returncode == 2
    assert "format « xml » inconnu" in sortie.stderr


def test_date_invalide(cte, tmp_path):
    sortie = cte("validate", str(tmp_path), "--date", "22/11/2026")
    assert sortie.returncode == 2
    assert "date invalide" in sortie.stderr


def test_json_suit_format_3(cte, tmp_path):
    (tmp_path / "cle.yaml").write_text(CLE.replace("college: etat}", "college: etta}"), encoding="utf-8")
    sortie = cte("validate", str(tmp_path), "--format", "json", "--date", DATE)
    assert sortie.returncode == 1
    rapport = json.loads(sortie.stdout)
    assert set(rapport) == {"version", "constats", "resume"}
    assert rapport["version"] == 1
    assert set(rapport["resume"]) == {"erreurs", "avertissements", "fichiers"}
    assert rapport["resume"]["fichiers"] == 1
    constat = rapport["constats"][0]
    assert set(constat) == {"regle", "gravite", "article", "fichier", "ligne", "colonne", "message"}
    assert constat["regle"] == "valeur-non-permise"
    assert constat["gravite"] == "erreur"
    assert constat["fichier"] == str(tmp_path / "cle.yaml")
    assert (constat["ligne"], constat["colonne"]) == (9, 70)
    assert "vouliez-vous dire « etat »" in constat["message"]


def test_un_fichier_illisible_ne_cache_pas_les_autres(cte, tmp_path):
    (tmp_path / "a-casse.yaml").write_text("type: comite\nmembres: [\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(CLE.replace('region: "27"', 'region: "26"'), encoding="utf-8")
    sortie = cte("validate", str(tmp_path), "--format", "json", "--date", DATE)
    assert sortie.returncode == 2
    regles = {(c["fichier"].rsplit("/", 1)[-1], c["regle"]) for c in json.loads(sortie.stdout)["constats"]}
    assert ("a-casse.yaml", "yaml-invalide") in regles
    assert ("b.yaml", "region-inconnue") in regles


def test_strict_fait_echouer_les_avertissements(cte, tmp_path):
    (tmp_path / "cle.yaml").write_text(CLE.replace('region: "27"', "region: 27"), encoding="utf-8")
    rapport = json.loads(cte("validate", str(tmp_path), "-f", "json", "--date", DATE).stdout)
    assert all(c["gravite"] != "erreur" for c in rapport["constats"])
    assert any(c["regle"] == "code-non-quote" for c in rapport["constats"])
    assert cte("validate", str(tmp_path), "--date", DATE).returncode == 0
    assert cte("validate", str(tmp_path), "--strict", "--date", DATE).returncode == 1


def test_texte_groupe_par_fichier_et_resume(cte, tmp_path):
    (tmp_path / "cle.yaml").write_text(CLE.replace('region: "27"', 'region: "26"'), encoding="utf-8")
    sortie = cte("validate", str(tmp_path), "--date", DATE)
    lignes = sortie.stdout.splitlines()
    assert lignes[0] == str(tmp_path / "cle.yaml")
    assert re.search(r"^\s+5:9\s+erreur\s+région « 26 » inconnue", sortie.stdout, re.M)
    assert re.search(r"1 erreur, .* 1 fichier vérifié au 22/11/2026", sortie.stdout)


def test_no_color(cte, tmp_path):
    (tmp_path / "cle.yaml").write_text(CLE.replace('region: "27"', 'region: "26"'), encoding="utf-8")
    avec = cte("validate", str(tmp_path), "--date", DATE, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
    assert re.search(r"\x1b\[[0-9;]*3[1-7]m|\x1b\[[0-9;]*38;", avec.stdout), "la couleur devrait être active"
    sans = cte("validate", str(tmp_path), "--date", DATE, env={"FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"})
    assert not re.search(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])m|38;", sans.stdout)


def test_sans_argument_affiche_l_aide(cte):
    sortie = cte()
    assert sortie.returncode == 0
    assert "validate" in sortie.stdout + sortie.stderr
