"""Choisir et faire taire des règles (issue 11 §4) : --regles, --sauf, cte.toml, commentaires
`# cte: ignorer[regle] raison`, identifiants stables et alias."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from cte_cli.configuration import lire
from cte_cli.erreurs import CteErreur
from cte_cli.moteur import valider

from conftest import DATE, EXEMPLE

JOUR = date.fromisoformat(DATE)
FDR = "feuilles-de-route/fdr-cde-21-cote-d-or-2025-2027.yaml"


@pytest.fixture
def depot(tmp_path) -> Path:
    cible = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, cible)
    return cible


def _json(cte_ici, chemin: Path, *options: str) -> tuple[int, dict]:
    sortie = cte_ici("validate", str(chemin), "--format", "json", "--date", DATE, *options)
    return sortie.returncode, json.loads(sortie.stdout) if sortie.stdout else {}


# --- --regles et --sauf ------------------------------------------------------------------------


def test_regles_et_sauf_par_identifiant_et_famille(cte_ici, depot):
    _, tout = _json(cte_ici, depot)
    assert {c["regle"] for c in tout["constats"]} == {"echeance-depassee"}
    _, sans = _json(cte_ici, depot, "--sauf", "echeance-depassee")
    assert sans["constats"] == []
    _, famille = _json(cte_ici, depot, "--sauf", "feuilles_de_route")
    assert famille["constats"] == []
    _, seule = _json(cte_ici, depot, "--regles", "feuilles_de_route,quorum")
    assert {c["regle"] for c in seule["constats"]} == {"echeance-depassee"}
    _, autre = _json(cte_ici, depot, "--regles", "quorum")
    assert autre["constats"] == []


def test_regles_et_sauf_le_disent_dans_le_rapport(cte_ici, depot):
    sortie = cte_ici("validate", str(depot), "--date", DATE, "--sauf", "echeance-depassee", "--territoires", "aucun")
    assert "Règles non appliquées : echeance-depassee (--sauf)" in sortie.stdout


def test_regles_garde_les_erreurs_de_lecture(cte_ici, depot):
    (depot / "casse.yaml").write_text("type: comite\nid: [\n", encoding="utf-8")
    code, rapport = _json(cte_ici, depot, "--regles", "quorum")
    assert code == 2
    assert [c["regle"] for c in rapport["constats"]] == ["yaml-invalide"]


def test_identifiant_inconnu(cte_ici, depot):
    sortie = cte_ici("validate", str(depot), "--regles", "quorom,seances")
    assert sortie.returncode == 2
    assert "--regles : règle ou famille « quorom » inconnue ; vouliez-vous dire « quorum » ?" in sortie.stderr


# --- cte.toml ----------------------------------------------------------------------------------


def _config(depot: Path, texte: str) -> None:
    (depot / "cte.toml").write_text(texte, encoding="utf-8")


def test_desactiver_une_recommandation_avec_sa_raison(cte_ici, depot):
    _config(depot, '[regles]\ndesactiver = { echeance-depassee = "plan révisé en CDE du 2 décembre" }\n')
    code, rapport = _json(cte_ici, depot)
    assert code == 0 and rapport["constats"] == []
    texte = cte_ici("validate", str(depot), "--date", DATE, "--territoires", "aucun").stdout
    assert "echeance-depassee (cte.toml : plan révisé en CDE du 2 décembre)" in texte


def test_changer_une_gravite_vers_le_haut(cte_ici, depot):
    _config(depot, '[regles]\ngravites = { echeance-depassee = "erreur" }\n')
    code, rapport = _json(cte_ici, depot)
    assert code == 1
    assert [(c["regle"], c["gravite"]) for c in rapport["constats"]] == [("echeance-depassee", "erreur")]


@pytest.mark.parametrize("texte", [
    '[regles]\ndesactiver = ["plafond-sieges"]\n',
    '[regles]\ngravites = { quorum = "avertissement" }\n',
    '[regles]\ndesactiver = ["composition"]\n',   # une famille qui contient des erreurs
    '[regles]\ndesactiver = ["cle-inconnue"]\n',   # une erreur de format
])
def test_une_erreur_imposee_ne_se_desactive_pas(cte_ici, depot, texte):
    _config(depot, texte)
    sortie = cte_ici("validate", str(depot), "--date", DATE)
    assert sortie.returncode == 2
    assert "erreur imposée par le droit ou par le format" in sortie.stderr
    assert "# cte: ignorer[" in sortie.stderr
    assert re.search(r"cte\.toml:2: ", sortie.stderr), sortie.stderr


@pytest.mark.parametrize(("texte", "fragment"), [
    ("[regles\n", "syntaxe TOML invalide"),
    ("[regle]\n", "section « [regle] » inconnue ; sections possibles : regles, parametres ; vouliez-vous dire « regles » ?"),
    ("[regles]\ndesactivr = []\n", "clé « regles.desactivr » inconnue"),
    ('[regles]\ngravites = { axes-limites = "grave" }\n', "gravité « grave » inconnue"),
    ('[regles]\ndesactiver = ["axes-limite"]\n', "regles.desactiver : règle ou famille « axes-limite » inconnue ; "
                                                 "vouliez-vous dire « axes-limites » ?"),
])
def test_configuration_fautive(cte_ici, depot, texte, fragment):
    _config(depot, texte)
    sortie = cte_ici("validate", str(depot), "--date", DATE)
    assert sortie.returncode == 2
    assert fragment in sortie.stderr and "cte.toml" in sortie.stderr


def test_parametres_transmis_aux_regles(tmp_path):
    """`[parametres]` remplace des paramètres du droit (tables et clés à points, séries datées) ;
    les règles les lisent et le disent dans leurs constats."""
    (tmp_path / "cte.toml").write_text(
        '[parametres]\n"cte.delai_convocation_defaut_jours" = 15\n[parametres.plafond]\ncde = { 2024-07-01 = 12 }\n',
        encoding="utf-8")
    config = lire(tmp_path / "cte.toml")
    assert config.parametres == {"cte.delai_convocation_defaut_jours": 15, "plafond.cde": {"2024-07-01": 12}}
    shutil.copytree(EXEMPLE, tmp_path / "depot")
    shutil.copy(tmp_path / "cte.toml", tmp_path / "depot" / "cte.toml")
    resultat = valider([str(tmp_path / "depot")], JOUR)
    assert resultat.contexte.surcharges == config.parametres
    plafonds = [c for c in resultat.constats if c.regle == "plafond-sieges" and c.fichier.endswith("cde-21-cote-d-or.yaml")]
    assert len(plafonds) == 1
    assert "limite 12 [valeur du dépôt : plafond.cde = 12 au lieu de 27 (cte.toml)]" in plafonds[0].message


@pytest.mark.parametrize(("texte", "ligne", "fragment"), [
    ('[parametres]\n"plafond.cdee" = 12\n', 2, "« plafond.cdee » inconnu ; vouliez-vous dire « plafond.cde » ?"),
    ('[parametres.plafond]\ncde = "beaucoup"\n', 2, "nombre entier (membres) attendu, trouvé « beaucoup »"),
    ('# dépôt\n[parametres]\n"vigueur.metropole" = 2025-01-01\n', 3, "une entrée en vigueur fixée par un texte"),
])
def test_parametres_inconnus_ou_faux_refuses(cte_ici, depot, texte, ligne, fragment):
    _config(depot, texte)
    sortie = cte_ici("validate", str(depot), "--date", DATE)
    assert sortie.returncode == 2
    assert f"cte.toml:{ligne}:" in sortie.stderr and fragment in sortie.stderr


def test_lire_sans_fichier():
    assert lire(None).parametres == {} and lire(None).desactivees == {}


def test_erreur_de_configuration_porte_la_ligne(tmp_path):
    (tmp_path / "cte.toml").write_text("# commentaire\n[regles]\ngravites = { quorum = \"info\" }\n", encoding="utf-8")
    with pytest.raises(CteErreur) as erreur:
        lire(tmp_path / "cte.toml")
    assert erreur.value.ligne == 3


# --- commentaires de suppression ------------------------------------------------------------


def _ignorer(depot: Path, raison: str = "avenant signé le 2 décembre, saisie en cours") -> Path:
    fichier = depot / FDR
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text(texte.replace("        echeance: 2026-06-30\n",
                                     f"        echeance: 2026-06-30  # cte: ignorer[echeance-depassee] {raison}\n"),
                       encoding="utf-8")
    return fichier


def test_constat_ignore_visible_dans_tous_les_formats(cte_ici, depot):
    _ignorer(depot)
    code, rapport = _json(cte_ici, depot, "--strict")
    assert code == 0  # ignoré : il ne fait plus échouer, même en --strict
    assert rapport["constats"] == []
    assert rapport["resume"]["ignores"] == 1
    (ignore,) = rapport["ignores"]
    assert ignore["regle"] == "echeance-depassee" and ignore["ignore"]["raison"].startswith("avenant signé")

    texte = cte_ici("validate", str(depot), "--date", DATE, "--territoires", "aucun").stdout
    assert re.search(r"25:19\s+ignoré\s+fiche action « rsa-1 »", texte)
    assert "ignoré ligne 25 : avenant signé le 2 décembre" in texte
    assert re.search(r"0 erreur, 0 avertissement, 0 info, 1 ignoré", texte)

    sarif = json.loads(cte_ici("validate", str(depot), "-f", "sarif", "--date", DATE).stdout)
    (resultat,) = sarif["runs"][0]["results"]
    assert resultat["suppressions"][0]["kind"] == "inSource"
    assert resultat["suppressions"][0]["justification"].startswith("avenant signé")

    github = cte_ici("validate", str(depot), "-f", "github", "--date", DATE).stdout
    assert github.startswith("::notice ") and "[ignoré (avertissement) : avenant signé" in github

    gitlab = json.loads(cte_ici("validate", str(depot), "-f", "gitlab", "--date", DATE).stdout)
    assert gitlab[0]["severity"] == "info" and gitlab[0]["description"].startswith("[ignoré (avertissement)")

    junit = cte_ici("validate", str(depot), "-f", "junit", "--date", DATE).stdout
    assert "ignoré (avertissement)" in junit and "raison : avenant signé" in junit


def test_une_erreur_ignoree_ne_fait_plus_echouer(cte_ici, tmp_path):
    """L'exemple de l'issue : une plénière tenue, procès-verbal en attente (le dépôt enregistre
    les séances du comité, mais pas encore cette plénière)."""
    shutil.copy(EXEMPLE / "seances" / "2025" / "2025-10-14-cre-bourgogne-franche-comte-conference-financeurs.yaml",
                tmp_path)
    shutil.copy(EXEMPLE / "regional" / "cre-bourgogne-franche-comte.yaml", tmp_path)
    code, rapport = _json(cte_ici, tmp_path, "--regles", "pleniere-annuelle")
    erreurs = [c for c in rapport["constats"] if c["regle"] == "pleniere-annuelle"]
    assert code == 1 and erreurs
    ligne = erreurs[0]["ligne"]
    cre = tmp_path / "cre-bourgogne-franche-comte.yaml"
    lignes = cre.read_text(encoding="utf-8").splitlines()
    lignes.insert(0, "# cte: ignorer[pleniere-annuelle] séance tenue, procès-verbal en attente")
    cre.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    code, rapport = _json(cte_ici, tmp_path, "--regles", "pleniere-annuelle")
    assert code == 0
    assert rapport["resume"]["erreurs"] == 0 and rapport["resume"]["ignores"] == len(erreurs)
    assert {c["ligne"] for c in rapport["ignores"]} == {ligne + 1}


def test_une_erreur_de_format_ne_s_ignore_pas(cte_ici, depot):
    fichier = depot / "locaux" / "cle-21-auxois-morvan.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace(
        "college: etat\n", "college: etta  # cte: ignorer[valeur-non-permise] collège à créer\n", 1), encoding="utf-8")
    code, rapport = _json(cte_ici, depot)
    assert code == 1
    assert {c["regle"] for c in rapport["constats"]} >= {"valeur-non-permise", "suppression-invalide"}


def test_portee_d_un_commentaire(tmp_path):
    from cte_cli.suppressions import lire as lire_commentaires

    texte = ("# cte: ignorer[quorum] toute la séance\ntype: seance\nmembres:\n  - nom: A  # cte: ignorer[x] membre A\n"
             "    qualite: B\n  - nom: C\n    # cte: ignorer[y] la qualité de C\n    qualite: D\n")
    suppressions = lire_commentaires(texte).suppressions
    assert [(s.regles, s.debut, s.fin) for s in suppressions] == [
        (("quorum",), 2, 8), (("x",), 4, 5), (("y",), 8, 8)]


# --- identifiants stables : alias ------------------------------------------------------------


def test_ancien_identifiant_accepte_partout(cte_ici, depot):
    from cte_cli.constats import Gravite
    from cte_cli.rules import registry

    registry.charger_regles()
    regle = registry._REGISTRE["echeance-depassee"]
    ancienne = regle.alias
    renommee = registry.Regle(**{**{f: getattr(regle, f) for f in regle.__dataclass_fields__},
                                 "alias": ("echeance-passee",)})
    registry._REGISTRE["echeance-depassee"] = renommee
    registry._ALIAS["echeance-passee"] = "echeance-depassee"
    try:
        assert registry.resoudre("echeance-passee") == "echeance-depassee"
        _, rapport = _json(cte_ici, depot, "--sauf", "echeance-passee")
        assert rapport["constats"] == []
        _ignorer(depot)
        fichier = depot / FDR
        fichier.write_text(fichier.read_text(encoding="utf-8").replace("ignorer[echeance-depassee]",
                                                                       "ignorer[echeance-passee]"), encoding="utf-8")
        _, rapport = _json(cte_ici, depot)
        assert rapport["resume"]["ignores"] == 1
        assert rapport["ignores"][0]["regle"] == "echeance-depassee"  # toujours l'identifiant actuel
        assert regle.gravite is Gravite.AVERTISSEMENT
    finally:
        registry._REGISTRE["echeance-depassee"] = regle
        del registry._ALIAS["echeance-passee"]
        assert regle.alias == ancienne


def test_alias_en_double_refuse():
    from cte_cli.rules import registry

    registry.charger_regles()
    with pytest.raises(ValueError, match="alias de règle en double"):
        registry.declarer(id="essai-alias-double", gravite="info", article="x", titre="x", famille="x",
                          alias=("quorum",))
    assert "essai-alias-double" not in registry._REGISTRE


def test_schema_json_de_cte_toml(cte_ici):
    import tomllib

    import jsonschema

    from cte_cli.configuration import MODELE_INITIAL

    sortie = cte_ici("schema", "--configuration")
    assert sortie.returncode == 0
    schema = json.loads(sortie.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    valide = tomllib.loads('[regles]\ndesactiver = { axes-limites = "plan régional" }\n'
                           'gravites = { reunions-par-an = "erreur" }\n[parametres]\n"a.b" = 3\n')
    jsonschema.validate(valide, schema)
    jsonschema.validate(tomllib.loads(MODELE_INITIAL), schema)
    for faux in ('[regles]\ndesactiver = ["axes-limite"]\n', '[regle]\n', '[regles]\ngravites = { quorum = "grave" }\n'):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(tomllib.loads(faux), schema)
