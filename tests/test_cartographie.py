"""`cte cartographie` : classeur (feuilles, chiffres, formules neutralisées, graphiques) et open
data (CSV conforme à son Table Schema, sans aucune donnée personnelle)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cte_cli.cartographie import construire
from cte_cli.cartographie.tableur import DEBUTS_DANGEREUX, neutraliser
from cte_cli.cli import main
from cte_cli.referentiel import geographie

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
MINI = Path(__file__).parent / "donnees" / "cartographie" / "depot-90"
DATE = "2026-11-22"
FEUILLES = ["Comités", "Membres", "Instances remplacées", "Synthèse", "Source"]


def lancer(*args: str) -> int:
    with pytest.raises(SystemExit) as fin:
        main(list(args))
    return fin.value.code


def yamls(dossier: Path, type_: str) -> list[dict]:
    documents = []
    for chemin in sorted(dossier.rglob("*.yaml")):
        donnees = yaml.safe_load(chemin.read_text(encoding="utf-8"))
        if isinstance(donnees, dict) and donnees.get("type") == type_:
            documents.append(donnees)
    return documents


def entetes(feuille) -> list[str]:
    return [c.value for c in feuille[1]]


def lignes_dict(feuille) -> list[dict]:
    titres = entetes(feuille)
    return [dict(zip(titres, ligne, strict=True)) for ligne in feuille.iter_rows(min_row=2, values_only=True)]


@pytest.fixture(scope="module")
def classeur_exemple(tmp_path_factory) -> openpyxl.Workbook:
    sortie = tmp_path_factory.mktemp("carto") / "bfc.xlsx"
    assert lancer("cartographie", "--region", "27", str(EXEMPLE), "--date", DATE, "--sortie", str(sortie)) == 0
    return openpyxl.load_workbook(sortie)


def test_exemple_en_une_commande(classeur_exemple):
    assert classeur_exemple.sheetnames == FEUILLES
    comites = [c for c in yamls(EXEMPLE, "comite") if c["region"] == "27"]
    lignes = lignes_dict(classeur_exemple["Comités"])
    assert sorted(ligne["Identifiant"] for ligne in lignes) == sorted(c["id"] for c in comites)
    personnes = sum(len(c["presidents"]) + len(c["membres"]) + len(c.get("invites", [])) for c in comites)
    assert classeur_exemple["Membres"].max_row - 1 == personnes
    instances = sum(len(c.get("instances_remplacees", [])) for c in comites)
    assert classeur_exemple["Instances remplacées"].max_row - 1 == instances
    # ordre : le régional d'abord, puis les départementaux, puis les locaux
    niveaux = [ligne["Niveau"] for ligne in lignes]
    assert niveaux[0] == "régional" and niveaux.index("local") > niveaux.index("départemental")


def test_mise_en_forme(classeur_exemple):
    for nom in FEUILLES:
        feuille = classeur_exemple[nom]
        assert feuille.freeze_panes == "A2", nom
        assert all(isinstance(v, str) and v for v in entetes(feuille)), nom
        assert feuille.column_dimensions["A"].width >= 8
        if nom != "Source":
            assert feuille.auto_filter.ref and feuille.auto_filter.ref.startswith("A1:"), nom
    feuille = classeur_exemple["Comités"]
    colonne = entetes(feuille).index("Installation") + 1
    cellules = [feuille.cell(row=r, column=colonne) for r in range(2, feuille.max_row + 1)]
    datees = [c for c in cellules if c.value is not None]
    assert datees and all(c.number_format == "dd/mm/yyyy" for c in datees)
    assert len(classeur_exemple["Synthèse"]._charts) == 2


def test_aucune_formule(classeur_exemple):
    for feuille in classeur_exemple:
        for ligne in feuille.iter_rows():
            for cellule in ligne:
                assert cellule.data_type != "f", (feuille.title, cellule.coordinate)
                if isinstance(cellule.value, str):
                    assert not cellule.value.startswith(DEBUTS_DANGEREUX), (feuille.title, cellule.coordinate)


def test_chiffres_d_un_comite_local(classeur_exemple):
    """Les chiffres d'un comité local recalculés ici depuis son YAML et le référentiel."""
    geo = geographie()
    source = next(c for c in yamls(EXEMPLE, "comite") if c["id"] == "cle-21-beaune-cote-et-saone")
    ligne = next(x for x in lignes_dict(classeur_exemple["Comités"]) if x["Identifiant"] == source["id"])
    sirens = source["ressort"]["epci"]
    assert ligne["Nombre d'EPCI"] == len(sirens)
    assert ligne["Population municipale"] == sum(geo.epci[s].population for s in sirens)
    assert ligne["Nombre de communes"] == len({c for s in sirens for c in geo.epci[s].communes})
    assert ligne["Sièges (total)"] == len(source["membres"])
    assert ligne["Voix (total)"] == sum(m.get("voix") or 0 for m in source["membres"])
    epci = [m for m in source["membres"] if m["college"] == "epci"]
    assert ligne["Sièges : EPCI à fiscalité propre"] == len(epci)
    assert ligne["Voix : EPCI à fiscalité propre"] == sum(m.get("voix") or 0 for m in epci)
    devenirs = [i["devenir"] for i in source.get("instances_remplacees", [])]
    assert ligne["Instances supprimées"] == devenirs.count("supprimee")
    assert ligne["Instances intégrées"] == devenirs.count("integree")
    assert ligne["Arrêté (référence)"] == source["arrete"]["reference"]
    assert ligne["Installation"].date() == source["installation"]
    presidents = [p for p in source["presidents"] if p["college"] != "etat"]
    assert all(p["qualite"] in ligne["Coprésidence : collectivités (qualité et collège)"] for p in presidents)


def test_synthese_par_departement(classeur_exemple):
    geo = geographie()
    lignes = lignes_dict(classeur_exemple["Synthèse"])
    par_dep = {x["Département"]: x for x in lignes if x["Département"]}
    assert sorted(par_dep) == sorted(geo.regions["27"].departements)
    comites = [c for c in yamls(EXEMPLE, "comite") if c["region"] == "27"]
    for code, ligne in par_dep.items():
        locaux = [c for c in comites if c["niveau"] == "local" and code in c.get("departements", [])]
        assert ligne["Comités locaux"] == len(locaux)
        assert ligne["EPCI du département"] == len(geo.epci_du_departement(code))
        cites = {s for c in comites if c["niveau"] == "local" for s in c["ressort"].get("epci", [])}
        couverts = [e for e in geo.epci_du_departement(code) if e.siren in cites]
        assert ligne["EPCI couverts par un comité local"] == len(couverts)
        assert ligne["Couverture des EPCI"] == pytest.approx(len(couverts) / len(geo.epci_du_departement(code)))
    total = lignes[-1]
    assert total["Nom"].startswith("Total") and total["Comités locaux"] == sum(x["Comités locaux"] for x in par_dep.values())


def test_depot_mini_formules_neutralisees_et_fichier_casse(tmp_path, capsys):
    sortie = tmp_path / "c.xlsx"
    assert lancer("cartographie", "-r", "27", str(MINI), "--date", DATE, "-o", str(sortie)) == 0
    assert "cassé.yaml" in capsys.readouterr().err
    classeur = openpyxl.load_workbook(sortie)
    comites = lignes_dict(classeur["Comités"])
    assert [c["Identifiant"] for c in comites] == ["cde-90", "cle-90-belfort"]
    cde = comites[0]
    assert cde["Coprésidence : État (qualité)"] == "'=HYPERLINK(\"http://exemple.invalid\",\"Préfète\")"
    assert (cde["Séances tenues en 2026"], cde["Séances programmées en 2026"]) == (1, 1)
    assert (cde["Instances supprimées"], cde["Instances intégrées"]) == (2, 1)
    cle = comites[1]
    assert cle["Nombre d'EPCI"] == 2 and cle["Feuille de route"] == "adoptée"
    qualites = {x["Qualité"] for x in lignes_dict(classeur["Membres"])}
    assert {"'+33 Sous-préfet", "'-Conseillère régionale", "'@SUM(A1:A9)"} <= qualites
    organisations = {x["Organisation"] for x in lignes_dict(classeur["Membres"])}
    assert "'\tUnion départementale" in organisations
    for feuille in classeur:
        for ligne in feuille.iter_rows():
            assert all(c.data_type != "f" for c in ligne)
    source = dict(classeur["Source"].iter_rows(min_row=2, values_only=True))
    assert "cassé.yaml" in source["Fichiers écartés (erreurs de structure, voir cte validate)"]


def test_construire_sans_cli():
    carto = construire([str(MINI)], region="27", date_reference=date(2026, 11, 22))
    assert [f.id for f in carto.comites] == ["cde-90", "cle-90-belfort"]
    assert [f for f, _ in carto.ignores][0].endswith("cassé.yaml")
    assert carto.ignores[0][1] == ["cle-inconnue"]
    couverture = {s.departement: s for s in carto.synthese}["90"]
    assert (couverture.epci, couverture.epci_couverts) == (3, 2)


# --- open data ---------------------------------------------------------------------------


def noms_et_courriels(dossier: Path) -> set[str]:
    trouves: set[str] = set()
    for comite in yamls(dossier, "comite"):
        personnes = comite["presidents"] + comite["membres"] + comite.get("invites", [])
        personnes += [s for m in comite["membres"] for s in m.get("suppleants", [])]
        for p in personnes:
            trouves.add(p["nom"])
            if p.get("email"):
                trouves.add(p["email"])
    return trouves


@pytest.mark.parametrize("depot", [EXEMPLE, MINI], ids=["exemple", "mini"])
def test_open_data_sans_donnee_personnelle(tmp_path, depot):
    sortie = tmp_path / "carto.csv"
    assert lancer("cartographie", "--region", "27", str(depot), "--date", DATE, "--open-data", "-o", str(sortie)) == 0
    schema_chemin = tmp_path / "carto.schema.json"
    assert sortie.exists() and schema_chemin.exists()
    assert not list(tmp_path.glob("*.xlsx"))
    texte = sortie.read_bytes().decode("utf-8")
    assert not texte.startswith("\ufeff")
    personnes = noms_et_courriels(depot)
    assert len(personnes) > 10
    minuscule = texte.casefold()
    fuites = sorted(p for p in personnes if p.casefold() in minuscule)
    assert not fuites, fuites
    # aucune donnée personnelle non plus dans le schéma
    schema_texte = schema_chemin.read_text(encoding="utf-8").casefold()
    assert not [p for p in personnes if p.casefold() in schema_texte]


@pytest.mark.parametrize("depot", [EXEMPLE, MINI], ids=["exemple", "mini"])
def test_open_data_conforme_au_table_schema(tmp_path, depot):
    frictionless = pytest.importorskip("frictionless")
    sortie = tmp_path / "carto.csv"
    assert lancer("cartographie", "--region", "27", str(depot), "--date", DATE, "--open-data", "-o", str(sortie)) == 0
    descripteur = json.loads((tmp_path / "carto.schema.json").read_text(encoding="utf-8"))
    schema = frictionless.Schema.from_descriptor(descripteur)
    for champ in descripteur["fields"]:
        assert {"name", "title", "type", "description"} <= set(champ)
    ressource = frictionless.Resource(
        path=sortie.name, basepath=str(tmp_path), schema=schema, format="csv", encoding="utf-8",
        control=frictionless.formats.CsvControl(delimiter=","),
    )
    rapport = frictionless.validate(ressource)
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    lignes = list(csv.DictReader(io.StringIO(sortie.read_text(encoding="utf-8"))))
    assert list(lignes[0]) == [c["name"] for c in descripteur["fields"]]
    ids = {c["id"] for c in yamls(depot, "comite") if c["region"] == "27"}
    if depot == MINI:
        ids.discard("cle-90-casse")
        cde = next(x for x in lignes if x["id"] == "cde-90")
        assert cde["copresidence_etat"].startswith("'=")
        assert cde["sieges_total"] == "5" and cde["instances_supprimees"] == "2"
    assert {x["id"] for x in lignes} == ids


# --- erreurs d'usage ---------------------------------------------------------------------


def test_region_inconnue_et_options(tmp_path, capsys):
    assert lancer("cartographie", "--region", "99", str(MINI)) == 2
    assert "région « 99 » inconnue" in capsys.readouterr().err
    assert lancer("cartographie", str(MINI)) == 2
    assert "--national" in capsys.readouterr().err
    assert lancer("cartographie", "--region", "84", str(MINI)) == 2
    assert "aucun comité de la région 84" in capsys.readouterr().err


def test_jamais_d_ecrasement_sans_force(tmp_path, capsys):
    sortie = tmp_path / "c.xlsx"
    sortie.write_bytes(b"ancien")
    assert lancer("cartographie", "--national", str(MINI), "-o", str(sortie)) == 2
    assert sortie.read_bytes() == b"ancien"
    assert "--force" in capsys.readouterr().err
    assert lancer("cartographie", "--national", str(MINI), "-o", str(sortie), "--force") == 0
    assert openpyxl.load_workbook(sortie).sheetnames == FEUILLES


def test_national_egale_regional_sur_une_region(tmp_path):
    assert lancer("cartographie", "--national", str(MINI), "--date", DATE, "-o", str(tmp_path / "n.xlsx")) == 0
    assert lancer("cartographie", "-r", "27", str(MINI), "--date", DATE, "-o", str(tmp_path / "r.xlsx")) == 0
    n = openpyxl.load_workbook(tmp_path / "n.xlsx")["Comités"]
    r = openpyxl.load_workbook(tmp_path / "r.xlsx")["Comités"]
    assert list(n.iter_rows(values_only=True)) == list(r.iter_rows(values_only=True))


@given(st.text(max_size=40))
def test_neutraliser(texte):
    resultat = neutraliser(texte)
    if texte.lstrip(" ").startswith(DEBUTS_DANGEREUX) or texte.startswith(DEBUTS_DANGEREUX):
        assert resultat == "'" + texte
    else:
        assert resultat == texte
    assert not resultat.startswith(DEBUTS_DANGEREUX)
