"""Données personnelles : aucun nom ni courriel de membre dans les journaux, les messages sur
d'autres fichiers, les traces (jamais de variables locales) ni les exports open data.

Les noms et courriels cherchés sont TOUS ceux du dépôt d'exemple (présidents, membres,
suppléants, invités, présents, mandataires) : `outils.donnees_personnelles()`.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from .outils import DATE, EXEMPLE, donnees_personnelles, executer, fuites, noms_de_personnes

pytestmark = pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")

#: des fichiers cassés qui portent leurs propres personnes (absentes du dépôt d'exemple)
AUTRES = ("Octave Introuvable-Secret", "octave.secret@exemple.invalid")


def test_le_depot_d_exemple_a_des_donnees_personnelles():
    donnees = donnees_personnelles()
    assert len(noms_de_personnes()) > 200 and sum("@" in v for v in donnees) > 100


@pytest.fixture(scope="module")
def depot_casse(tmp_path_factory) -> Path:
    """Le dépôt d'exemple et, à côté, des fichiers cassés de toutes les façons."""
    racine = tmp_path_factory.mktemp("pd") / "depot"
    shutil.copytree(EXEMPLE, racine)
    base = (EXEMPLE / "departemental" / "cde-21-cote-d-or.yaml").read_text(encoding="utf-8")
    donnees = yaml.safe_load(base)
    donnees["id"] = "cde-casse"
    donnees["membres"] = [{"nom": AUTRES[0], "qualite": "Maire", "college": "etatt", "email": AUTRES[1]}]
    propre = yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False)
    casses = racine / "casses"
    casses.mkdir()
    (casses / "tronque.yaml").write_text(propre[: propre.index(AUTRES[0]) + 8], encoding="utf-8")
    (casses / "tabulation.yaml").write_text(propre.replace("  qualite", "\tqualite"), encoding="utf-8")
    (casses / "college.yaml").write_text(propre, encoding="utf-8")
    (casses / "double.yaml").write_text(propre.replace("id: cde-casse", "id: cde-21-cote-d-or"), encoding="utf-8")
    (casses / "windows.yaml").write_bytes(propre.encode("cp1252", errors="replace"))
    (casses / "binaire.yaml").write_bytes(b"\x00" + propre.encode())
    return racine


@pytest.mark.parametrize("format_", ["texte", "json", "sarif", "gitlab", "junit", "github"])
def test_rapports_avec_fichiers_casses_sans_nom_du_depot(depot_casse, format_):
    """Les fichiers cassés sont signalés ; aucun message ne cite une personne d'un autre
    fichier, et les rapports ne contiennent aucun nom ni courriel du dépôt d'exemple."""
    sortie = executer("validate", str(depot_casse), "--date", DATE, "--format", format_)
    assert sortie.code == 2  # des fichiers illisibles
    assert fuites(sortie.texte, donnees_personnelles()) == []
    assert "casses" in sortie.texte


def test_message_sur_un_fichier_ne_cite_que_ce_fichier(depot_casse):
    sortie = executer("validate", str(depot_casse), "--date", DATE, "--format", "json")
    for constat in json.loads(sortie.stdout)["constats"]:
        if "casses" not in constat["fichier"]:
            assert AUTRES[0] not in constat["message"] and AUTRES[1] not in constat["message"]


def test_cartographie_open_data_et_messages(depot_casse, tmp_path):
    """Le CSV open data et son schéma : aucun nom, aucun courriel ; le message sur les
    fichiers écartés ne cite que des chemins."""
    cible = tmp_path / "ouvert.csv"
    sortie = executer("cartographie", "--region", "27", str(depot_casse), "--date", DATE, "--open-data",
                      "--sortie", str(cible))
    assert sortie.code == 0, sortie.texte
    exports = cible.read_text(encoding="utf-8") + cible.with_suffix(".schema.json").read_text(encoding="utf-8")
    assert fuites(exports, donnees_personnelles() | set(AUTRES)) == []
    assert "@" not in exports.replace("@etalab", "")
    assert fuites(sortie.texte, donnees_personnelles() | set(AUTRES)) == []


def test_aucun_journal_ni_avertissement_ne_cite_une_personne(depot_casse, tmp_path, caplog):
    """Toutes les commandes sur le dépôt, journaux (logging) au niveau DEBUG et avertissements
    Python capturés : aucun nom ni courriel."""
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as avertissements:
        warnings.simplefilter("always")
        for commande in (
            ["validate", str(EXEMPLE)],
            ["cartographie", "--region", "27", str(EXEMPLE), "--sortie", str(tmp_path / "c.xlsx")],
            ["generate", "reglement", "cde-21-cote-d-or", "--depot", str(EXEMPLE), "--sortie", str(tmp_path)],
            ["generate", "convocation", "2026-06-11-cde-21-cote-d-or-pleniere", "--depot", str(EXEMPLE),
             "--sortie", str(tmp_path / "conv")],
        ):
            assert executer(*commande, "--date", DATE).code in (0, 1)
    journaux = caplog.text + "\n".join(str(a.message) for a in avertissements)
    assert fuites(journaux, donnees_personnelles()) == []


# --- erreurs internes et traces --------------------------------------------------------------

#: fait planter la validation dans une règle dont une variable locale et le message de
#: l'exception contiennent un nom et un courriel du dépôt d'exemple
PLANTAGE = """
import sys
from cte_cli.rules import registry
secret = {secret!r}

def regle_qui_plante(ctx):
    nom_du_membre = secret
    raise ValueError("échec sur " + nom_du_membre)
    yield

vraie = registry.appliquer
def appliquer(ctx, regles):
    return vraie(ctx, [registry.Regle("plante", registry.Gravite.ERREUR, "x", "x", "x", regle_qui_plante)])
registry.appliquer = appliquer
import cte_cli.moteur
from cte_cli.cli import main
sys.argv = ["cte", "validate", {depot!r}, "--date", "2026-11-22"]
main()
"""


def _planter(env: dict) -> subprocess.CompletedProcess:
    secret = sorted(v for v in donnees_personnelles() if "@" in v)[0]
    code = PLANTAGE.format(secret=f"{sorted(noms_de_personnes())[0]} <{secret}>", depot=str(EXEMPLE))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**{k: v for k, v in os.environ.items() if k != "CTE_DEBUG"}, **env})


def test_erreur_interne_sans_message_ni_trace():
    sortie = _planter({})
    assert sortie.returncode == 2
    assert "Erreur interne de cte : ValueError" in sortie.stderr and "CTE_DEBUG=1" in sortie.stderr
    assert "Traceback" not in sortie.stderr + sortie.stdout
    assert fuites(sortie.stdout + sortie.stderr, donnees_personnelles()) == []


def test_cte_debug_montre_la_trace_sans_variables_locales():
    """CTE_DEBUG=1 est le seul moyen de voir une trace ; elle ne montre jamais les variables
    locales (pas de trace « rich » avec locals) : le nom n'y est que dans le message de
    l'exception, que l'utilisateur a demandé à voir."""
    sortie = _planter({"CTE_DEBUG": "1"})
    assert sortie.returncode != 0 and "Traceback" in sortie.stderr
    assert "nom_du_membre =" not in sortie.stderr and "│" not in sortie.stderr  # pas de cadre rich
    assert "secret =" not in sortie.stderr


def test_erreurs_de_modele_sans_donnee_personnelle(tmp_path):
    """Un modèle fautif qui touche aux personnes : le message désigne le modèle, jamais une
    valeur (docs/documents.md, « Rendu et sécurité »)."""
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    (depot / "modeles").mkdir(exist_ok=True)  # l'exemple a un modeles/ (en-tête, logo)
    for texte in ("{{ comite.membres[0].nom.inconnu }}", "{{ comite.membres[0].nom(1) }}",
                  "{{ comite.membres[0].nom ~ comite.membres[0].nmo }}", "{{ comite.membres[0].nom[999] }}",
                  "{% for m in comite.membres %}{{ m.nom / 2 }}{% endfor %}"):
        (depot / "modeles" / "reglement.md").write_text(texte, encoding="utf-8")
        sortie = executer("generate", "reglement", "cde-21-cote-d-or", "--depot", str(depot), "--format", "md",
                          "--sortie", str(tmp_path / "sortie"), "--date", DATE)
        assert sortie.code == 2, (texte, sortie.texte)
        assert fuites(sortie.texte, donnees_personnelles()) == [], texte
