"""`cte schema` : JSON Schema draft 2020-12 du format, conforme à ce que `cte validate` accepte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml_rs

from cte_cli.loading.depot import charger
from cte_cli.moteur import valider
from cte_cli.schema import schema

from conftest import EXEMPLE

jsonschema = pytest.importorskip("jsonschema")

CAS = Path(__file__).parent / "cases"
#: constats qui disent « la forme du fichier est fausse » : le schéma doit refuser
FORME = {"cle-inconnue", "cle-manquante", "valeur-non-permise", "type-manquant", "type-inconnu",
         "cles-par-niveau"}


@pytest.fixture(scope="module")
def valideur():
    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _donnees(fichier: Path):
    """Les données telles qu'un éditeur les voit : dates et heures restent des chaînes."""
    return yaml_rs.loads(fichier.read_text(encoding="utf-8-sig"), parse_datetime=False)


def test_schema_draft_2020_12_avec_discriminant():
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["required"] == ["type"]
    assert s["properties"]["type"]["enum"] == ["comite", "seance", "feuille_de_route", "parametres"]
    assert len(s["oneOf"]) == 4 and s["discriminator"]["propertyName"] == "type"
    assert set(s["discriminator"]["mapping"]) == set(s["properties"]["type"]["enum"])


def test_chaque_propriete_a_une_description_en_francais():
    """Un champ ajouté à un modèle sans description fait échouer ce test : ajoutez un
    commentaire `#:` au-dessus du champ, `Field(description=...)` ou une entrée de
    `cte_cli.schema.DESCRIPTIONS`."""
    manquantes = [
        f"{nom}.{champ}"
        for nom, definition in schema()["$defs"].items()
        for champ, propriete in definition.get("properties", {}).items()
        if len(propriete.get("description", "")) < 5
    ]
    assert not manquantes, f"propriétés sans description : {', '.join(manquantes)}"


def test_enumerations_motifs_et_exemples():
    d = schema()["$defs"]
    college = d["Membre"]["properties"]["college"]
    assert "france_travail" in college["enum"] and "etat" in college["enum"]
    assert d["Comite"]["properties"]["niveau"]["enum"][0] == "regional"
    region = d["Comite"]["properties"]["region"]
    assert region["pattern"] == r"^(\d{2}|97[578])$" and region["examples"] == ["27"]
    assert d["Comite"]["additionalProperties"] is False


def test_chaque_fichier_de_l_exemple_est_accepte(valideur):
    fichiers = sorted(EXEMPLE.rglob("*.y*ml"))
    if not fichiers:
        pytest.skip("dépôt d'exemple absent")
    refus = {
        str(f.relative_to(EXEMPLE)): [f"{list(e.absolute_path)} {e.message[:120]}" for e in valideur.iter_errors(_donnees(f))]
        for f in fichiers
    }
    refus = {f: e for f, e in refus.items() if e}
    assert not refus, json.dumps(refus, ensure_ascii=False, indent=1)[:3000]


INVALIDES = {
    "cle_inconnue": "type: seance\ncomite: cde-21\ndate: 2026-03-12\nlieu: Dijon\nnature: ordinaire\n"
    "ordre_du_jour: [a]\nlieux: Beaune\n",
    "nature_inconnue": "type: seance\ncomite: cde-21\ndate: 2026-03-12\nlieu: Dijon\nnature: pléniere\n"
    "ordre_du_jour: [a]\n",
    "type_inconnu": "type: comitee\nid: cde-21\n",
    "sans_type": "id: cde-21\nniveau: departemental\n",
    "code_non_quote": "type: comite\nid: cde-21\nniveau: regional\nforme: au_sein_du_crefop\nnom: CRE\n"
    "region: 27\npresidents: []\nmembres: []\n",
    "identifiant_majuscules": "type: comite\nid: CDE-21\nniveau: regional\nforme: au_sein_du_crefop\n"
    "nom: CRE\nregion: \"27\"\npresidents: []\nmembres: []\n",
    "departemental_sans_departements": "type: comite\nid: cde-21\nniveau: departemental\nnom: CDE\n"
    "region: \"27\"\npresidents: []\nmembres: []\n",
    "date_francaise": "type: seance\ncomite: cde-21\ndate: 12/03/2026\nlieu: Dijon\nnature: ordinaire\n"
    "ordre_du_jour: [a]\n",
}


@pytest.mark.parametrize("nom", sorted(INVALIDES))
def test_fichiers_invalides_refuses(valideur, nom: str):
    assert list(valideur.iter_errors(yaml_rs.loads(INVALIDES[nom], parse_datetime=False)))


def _fichiers_des_cas() -> list[Path]:
    return sorted(p for p in CAS.rglob("*.y*ml") if not p.name.endswith(".attendu.yaml"))


def test_le_schema_dit_comme_le_chargement_sur_les_cas_de_test(valideur):
    """Sur tous les fichiers de tests/cases : un fichier que le chargement accepte sans constat
    est accepté par le schéma ; un fichier dont la forme est fausse (clé inconnue ou manquante,
    valeur hors énumération, type absent ou inconnu) est refusé."""
    desaccords = []
    for fichier in _fichiers_des_cas():
        depot = charger([str(fichier)])
        if not depot.documents:
            continue  # illisible : hors du domaine du schéma
        regles = {c.regle for c in depot.constats}
        regles |= {c.regle for c in valider([str(fichier)], regles=["cles-par-niveau"]).constats}
        accepte = not list(valideur.iter_errors(_donnees(fichier)))
        if not regles and not accepte:
            desaccords.append(f"{fichier.relative_to(CAS)} : accepté par cte, refusé par le schéma")
        if regles & FORME and accepte:
            desaccords.append(f"{fichier.relative_to(CAS)} : {sorted(regles & FORME)}, accepté par le schéma")
    assert not desaccords, "\n".join(desaccords)


def test_commande_schema(cte, tmp_path: Path):
    sortie = cte("schema")
    assert sortie.returncode == 0 and json.loads(sortie.stdout) == schema()
    cible = tmp_path / "cte.schema.json"
    assert cte("schema", "--sortie", str(cible)).returncode == 0
    assert json.loads(cible.read_text(encoding="utf-8"))["$defs"]
    refuse = cte("schema", "--sortie", str(cible))
    assert refuse.returncode == 2 and "--force" in refuse.stderr
    assert cte("schema", "--sortie", str(cible), "--force").returncode == 0
