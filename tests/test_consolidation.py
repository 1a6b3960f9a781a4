"""`cte cartographie --consolider` : la cartographie nationale depuis les dix-huit régionales.

Le dépôt national synthétique (benchmarks/generer.py) donne la cartographie de chaque région,
écrite comme `cte cartographie --region R --open-data` l'écrit (CSV + Table Schema) ; la
consolidation les réunit, et refuse les anomalies (région en double, département couvert deux
fois, millésime du COG différent, cellule hors schéma).
"""

from __future__ import annotations

import copy
import csv
import json
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cte_cli.referentiel import geographie

from conftest import DATE, EXEMPLE, RACINE

REGIONS = sorted(geographie().regions)


@pytest.fixture(scope="module")
def regionales(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    """Les 18 cartographies régionales (CSV + schéma) d'un dépôt national généré ; et les
    identifiants des comités de chaque région."""
    sys.path.insert(0, str(RACINE / "benchmarks"))
    try:
        import generer
    finally:
        sys.path.remove(str(RACINE / "benchmarks"))
    from cte_cli.cartographie import construire
    from cte_cli.cartographie.open_data import csv_texte, schema_texte

    racine = tmp_path_factory.mktemp("national")
    generer.generer(racine / "depot")
    carto = construire([racine / "depot"], national=True, date_reference=date.fromisoformat(DATE))
    dossier = racine / "regions"
    dossier.mkdir()
    ids = {}
    for region in REGIONS:
        sous = copy.copy(carto)
        sous.regions, sous.comites = [region], [f for f in carto.comites if f.region == region]
        assert sous.comites, region
        ids[region] = [f.id for f in sous.comites]
        (dossier / f"cartographie-{region}-2026.csv").write_text(csv_texte(sous), encoding="utf-8", newline="")
        (dossier / f"cartographie-{region}-2026.schema.json").write_text(schema_texte(sous), encoding="utf-8")
    return dossier, ids


def _lire_csv(chemin: Path) -> list[dict[str, str]]:
    with chemin.open(encoding="utf-8", newline="") as flux:
        return list(csv.DictReader(flux))


@pytest.mark.slow
def test_consolidation_des_dix_huit_regions(cte, regionales, tmp_path: Path) -> None:
    dossier, ids = regionales
    sortie = cte("cartographie", "--consolider", "--sortie", str(tmp_path / "nationale.xlsx"), str(dossier))
    assert sortie.returncode == 0, sortie.stderr
    assert sortie.stderr == ""  # ni erreur ni avertissement
    total = sum(len(v) for v in ids.values())
    assert f"National : {total} comités de 18 région(s), 18 fichier(s) consolidé(s)." in sortie.stdout
    lignes = _lire_csv(tmp_path / "nationale.csv")
    assert sorted(x["id"] for x in lignes) == sorted(i for v in ids.values() for i in v)
    assert [x["region_code"] for x in lignes] == sorted(x["region_code"] for x in lignes)
    for region in ("27", "84", "03"):  # chaque ligne reprise telle quelle de sa région
        origine = {x["id"]: x for x in _lire_csv(dossier / f"cartographie-{region}-2026.csv")}
        assert {x["id"]: x for x in lignes if x["region_code"] == region} == origine
    schema = json.loads((tmp_path / "nationale.schema.json").read_text(encoding="utf-8"))
    assert schema["name"] == "cte-cartographie-nationale" and len(schema["sources"]) == 19
    frictionless = pytest.importorskip("frictionless")
    ressource = frictionless.Resource(
        path="nationale.csv", basepath=str(tmp_path), schema=frictionless.Schema.from_descriptor(schema),
        format="csv", encoding="utf-8", control=frictionless.formats.CsvControl(delimiter=","),
    )
    rapport = frictionless.validate(ressource)
    assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "note"])[:5]

    wb = load_workbook(tmp_path / "nationale.xlsx")
    assert wb.sheetnames == ["Comités", "Régions", "Sources", "Consolidation"]
    assert wb["Comités"].max_row == total + 1
    entetes = [c.value for c in wb["Comités"][1]]
    assert "Identifiant" in entetes and not any("noms" in (t or "").lower() and "Copr" in (t or "") for t in entetes)
    regions = {r[0].value: r for r in wb["Régions"].iter_rows(min_row=2)}
    assert set(regions) == set(REGIONS)
    assert regions["27"][2].value == len(ids["27"]) and regions["27"][7].value == "cartographie-27-2026.csv"
    sources = list(wb["Sources"].iter_rows(min_row=2, values_only=True))
    assert len(sources) == 18
    assert {s[0] for s in sources} == {f"cartographie-{r}-2026.csv" for r in REGIONS}
    assert all(s[3] == date.fromisoformat(DATE) or s[3].date() == date.fromisoformat(DATE) for s in sources)
    assert all(s[4] == "COG 2026" for s in sources)


def _copie(regionales, tmp_path: Path) -> Path:
    dossier = tmp_path / "regions"
    shutil.copytree(regionales[0], dossier)
    return dossier


def _consolider(cte, dossier: Path, tmp_path: Path):
    return cte("cartographie", "--consolider", "--sortie", str(tmp_path / "sortie" / "nationale.xlsx"), str(dossier))


def test_region_manquante_avertit(cte, regionales, tmp_path: Path) -> None:
    dossier = _copie(regionales, tmp_path)
    (dossier / "cartographie-27-2026.csv").unlink()
    sortie = _consolider(cte, dossier, tmp_path)
    assert sortie.returncode == 0, sortie.stderr
    assert "avertissement : régions sans cartographie : 27 Bourgogne-Franche-Comté" in sortie.stderr
    wb = load_workbook(tmp_path / "sortie" / "nationale.xlsx")
    ligne = next(r for r in wb["Régions"].iter_rows(min_row=2, values_only=True) if r[0] == "27")
    assert ligne[2] == 0 and ligne[7] == "aucune cartographie reçue"


def test_reconsolider_le_meme_dossier_apres_une_region_en_retard(cte_ici, regionales, tmp_path: Path) -> None:
    """La consolidation écrite dans le dossier des cartographies (nom par défaut, dossier courant)
    n'est pas relue comme une cartographie régionale quand une région arrive en retard."""
    dossier = _copie(regionales, tmp_path)
    retard = tmp_path / "cartographie-27-2026.csv"
    (dossier / "cartographie-27-2026.csv").rename(retard)
    premiere = cte_ici("cartographie", "--consolider", ".", cwd=dossier)
    assert premiere.returncode == 0, premiere.stderr
    assert "régions sans cartographie : 27" in premiere.stderr
    assert sorted(p.name for p in dossier.glob("cartographie-nationale-consolidee-*")) == [
        f"cartographie-nationale-consolidee-{date.today().year}.{x}" for x in ("csv", "schema.json", "xlsx")]
    retard.rename(dossier / "cartographie-27-2026.csv")
    seconde = cte_ici("cartographie", "--consolider", ".", "--force", cwd=dossier)
    assert seconde.returncode == 0, seconde.stderr
    assert seconde.stderr == ""
    assert "de 18 région(s), 18 fichier(s) consolidé(s)" in seconde.stdout


@pytest.mark.parametrize("anomalie", ["region-en-double", "departement-deux-fois", "millesime", "cellule"])
def test_anomalies_refusees(cte, regionales, tmp_path: Path, anomalie: str) -> None:
    dossier = _copie(regionales, tmp_path)
    csv84 = dossier / "cartographie-84-2026.csv"
    if anomalie == "region-en-double":
        shutil.copy(dossier / "cartographie-27-2026.csv", dossier / "cartographie-27-2026-v2.csv")
        attendus = ["région 27 fournie deux fois", "déjà présent dans"]
    elif anomalie == "departement-deux-fois":
        lignes = _lire_csv(csv84)
        cde = next(x for x in lignes if x["niveau"] == "departemental")
        cde["departements_codes"] = "21"
        _reecrire(csv84, lignes)
        numero = lignes.index(cde) + 2
        attendus = [f"cartographie-84-2026.csv:{numero}: erreur : département 21 rattaché à la région 84, région 27",
                    "département 21 couvert par les comités départementaux de plusieurs fichiers"]
    elif anomalie == "millesime":
        schema = dossier / "cartographie-84-2026.schema.json"
        schema.write_text(schema.read_text(encoding="utf-8").replace("COG 2026", "COG 2025"), encoding="utf-8")
        attendus = ["cartographie-84-2026.csv: erreur : référentiel géographique COG 2025, alors que cte utilise le "
                    "COG 2026 et les autres fichiers : COG 2026"]
    else:
        lignes = _lire_csv(csv84)
        lignes[4]["population"] = "beaucoup"
        lignes[5]["niveau"] = "cantonal"
        _reecrire(csv84, lignes)
        attendus = ["cartographie-84-2026.csv:6: erreur : colonne population : nombre entier attendu",
                    "cartographie-84-2026.csv:7: erreur : colonne niveau : « cantonal » n'est pas parmi"]
    sortie = _consolider(cte, dossier, tmp_path)
    assert sortie.returncode == 1, sortie.stdout
    for attendu in attendus:
        assert attendu in sortie.stderr, sortie.stderr
    assert "aucun fichier écrit" in sortie.stderr
    assert not (tmp_path / "sortie").exists()


def _reecrire(chemin: Path, lignes: list[dict[str, str]]) -> None:
    with chemin.open("w", encoding="utf-8", newline="") as flux:
        ecrivain = csv.DictWriter(flux, fieldnames=list(lignes[0]), lineterminator="\r\n")
        ecrivain.writeheader()
        ecrivain.writerows(lignes)


def test_classeur_regional_comme_entree(cte, tmp_path: Path) -> None:
    """Le classeur .xlsx de `cte cartographie` se consolide comme son CSV open data."""
    for options, nom in ((("--open-data",), "bfc.csv"), ((), "bfc.xlsx")):
        sortie = cte("cartographie", "--region", "27", "--date", DATE, *options, "--sortie",
                     str(tmp_path / nom), str(EXEMPLE))
        assert sortie.returncode == 0, sortie.stderr
    resultats = {}
    for nom in ("bfc.csv", "bfc.xlsx"):
        base = f"national-{nom.replace('.', '-')}"
        sortie = cte("cartographie", "--consolider", "--sortie", str(tmp_path / f"{base}.xlsx"), str(tmp_path / nom))
        assert sortie.returncode == 0, sortie.stderr
        assert "régions sans cartographie" in sortie.stderr  # une seule région fournie
        resultats[nom] = _lire_csv(tmp_path / f"{base}.csv")
    assert len(resultats["bfc.csv"]) == 43
    assert resultats["bfc.xlsx"] == resultats["bfc.csv"]
    wb = load_workbook(tmp_path / "national-bfc-xlsx.xlsx")
    (source,) = list(wb["Sources"].iter_rows(min_row=2, values_only=True))
    assert source[0] == "bfc.xlsx" and source[1] == "classeur cte cartographie" and source[4] == "COG 2026"
