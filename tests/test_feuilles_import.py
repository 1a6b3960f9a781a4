"""`cte feuille-de-route importer` : le plan d'actions d'exemple importé cellule par cellule,
sans rien perdre ni rien inventer, en une feuille de route que `cte validate` accepte."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import yaml

from cte_cli.cli import main
from cte_cli.feuilles import A_COMPLETER
from cte_cli.feuilles.importer import (
    RapportImport,
    cle,
    importer,
    nettoyer,
    separer_acteurs,
    une_ligne,
    vers_yaml,
)
from cte_cli.feuilles.lecture import lettres
from cte_cli.moteur import valider
from cte_cli.rules.registry import charger_regles

RACINE = Path(__file__).resolve().parents[1]
PLAN = RACINE.parent / "shared" / "domain" / "exemple-plan-actions-2023.tsv"
if not PLAN.exists():  # clone de CI : shared/ est à côté du dépôt
    PLAN = Path("/work/shared/domain/exemple-plan-actions-2023.tsv")
COMITE_CRE = RACINE / "examples" / "bourgogne-franche-comte" / "regional" / "cre-bourgogne-franche-comte.yaml"

pytestmark = pytest.mark.skipif(not PLAN.exists(), reason="plan d'actions d'exemple (shared/domain) absent")


def cellules_tsv(chemin: Path) -> dict[str, str]:
    """Les cellules non vides du TSV, lues ici indépendamment de cte : référence -> texte."""
    with chemin.open(encoding="utf-8", newline="") as flux:
        lignes = list(csv.reader(flux, delimiter="\t"))
    return {f"{lettres(j)}{i}": v for i, ligne in enumerate(lignes, 1) for j, v in enumerate(ligne, 1) if v.strip()}


def suivre(donnees, chemin):
    for pas in chemin:
        donnees = donnees[pas]
    return donnees


@pytest.fixture(scope="module")
def import_exemple() -> tuple[dict, RapportImport]:
    return importer(str(PLAN), "cre-bourgogne-franche-comte")


def entree(rapport: RapportImport, ref: str):
    trouvees = [e for e in rapport.entrees if e.cellule.ref == ref]
    assert len(trouvees) == 1, ref
    return trouvees[0]


def test_chaque_cellule_est_reprise_ou_rapportee(import_exemple):
    donnees, rapport = import_exemple
    cellules = cellules_tsv(PLAN)
    refs = [e.cellule.ref for e in rapport.entrees]
    assert sorted(refs) == sorted(cellules), "chaque cellule non vide a exactement une entrée"
    for e in rapport.entrees:
        assert e.etat in ("repris", "structure", "non_repris")
        assert e.cellule.texte == cellules[e.cellule.ref]
        if e.etat == "repris":
            assert e.chemins, e.cellule.ref
            for chemin in e.chemins:
                valeur = suivre(donnees, chemin)
                assert valeur not in (None, "", []), (e.cellule.ref, chemin)
        else:
            assert e.note, e.cellule.ref
    assert not rapport.non_repris, [(e.cellule.ref, e.note) for e in rapport.non_repris]
    # les seules cellules de structure sont les en-têtes et les libellés « Indicateurs »
    structure = {cle(e.cellule.texte) for e in rapport.de_etat("structure")}
    assert structure == {"priorite n°", "pilote s", "date lancement action", "indicateurs"}


def test_cellules_precises(import_exemple):
    donnees, rapport = import_exemple
    axes = donnees["axes"]
    f11 = axes[0]["fiches_action"][0]
    assert (f11["id"], f11["priorite"], f11["pilote"], f11["lancement"]) == (
        "1-1", 3, "Conseiller national de prévention", "1er semestre 2023")
    assert f11["titre"].startswith("Renforcer l'information et la sensibilisation")
    assert entree(rapport, "B8").chemins == [("axes", 0, "fiches_action", 0, "id"), ("axes", 0, "fiches_action", 0, "titre")]
    assert entree(rapport, "C8").chemins == [("axes", 0, "fiches_action", 0, "priorite")]
    # la mesure (A8) va dans chacune de ses quatre actions
    assert len(entree(rapport, "A8").chemins) == 4
    assert all(f["mesure"] == "MESURE N°1 : Rester vigilant dans le contexte sanitaire"
               for f in axes[0]["fiches_action"][:4])
    # D11 : deux pilotes collés par l'export
    f14 = axes[0]["fiches_action"][3]
    assert f14["pilote"] == "Département QVT et médecine de prévention"
    assert f14["contributeurs"] == [{"acteur": "Département dialogue social et expertise juridique et statutaire",
                                     "role": "copilote"}]
    # E64 : « 2 ⁿ semestre 2023 » normalisé, et dit
    e64 = entree(rapport, "E64")
    assert suivre(donnees, e64.chemins[0]) == "2nd semestre 2023" and "normalisé" in e64.note
    # A67 : mesure 9, sans action, devenue une fiche
    mesure9 = suivre(donnees, entree(rapport, "A67").chemins[0][:-1])
    assert mesure9["id"] == "mesure-9" and mesure9["titre"] == "Poursuivre les actions inscrites dans la Crossmap 2023"
    # A106 à D106 : en-tête décalé (axe 5), mesure en HTML
    mesure15 = suivre(donnees, entree(rapport, "A106").chemins[0][:-1])
    assert mesure15["id"] == "mesure-15" and mesure15["priorite"] == 2 and mesure15["lancement"] == "1er semestre 2023"
    assert mesure15["titre"].startswith("Diffusion d'une note") and "<p>" not in mesure15["mesure"]
    # C109 : trois pilotes en paragraphes HTML
    mesure16 = suivre(donnees, entree(rapport, "C109").chemins[0][:-1])
    assert [mesure16["pilote"]] + [c["acteur"] for c in mesure16["contributeurs"]] == [
        "Département QVT et médecine de prévention", "Département dialogue social et expertise juridique et statutaire", "DGT"]
    # indicateurs d'axe
    assert entree(rapport, "A25").chemins == [("axes", 0, "indicateurs", 0, "nom")]
    assert [len(a.get("indicateurs", [])) for a in axes] == [2, 5, 6, 3, 2]


def test_axes_et_axe_manquant(import_exemple):
    donnees, rapport = import_exemple
    assert [a["id"] for a in donnees["axes"]] == ["axe-1", "axe-2", "axe-3", "axe-4", "axe-5"]
    assert [len(a["fiches_action"]) for a in donnees["axes"]] == [11, 9, 13, 7, 2]
    assert donnees["axes"][2]["titre"].startswith(A_COMPLETER)
    assert any("axe-3 créé" in r for r in rapport.remarques)
    assert donnees["titre"] == "ORIENTATIONS MINISTERIELLES 2023 FS M TRAVAIL EMPLOI - PLAN D'ACTIONS"
    assert donnees["periode"] == {"debut": date(2023, 1, 1), "fin": date(2023, 12, 31)}


def test_rien_n_est_invente(import_exemple):
    """Toute valeur texte vient d'une cellule, ou est « À COMPLÉTER : … », ou est structurelle."""
    donnees, rapport = import_exemple
    sources = " ".join(une_ligne(nettoyer(t)) for t in cellules_tsv(PLAN).values())
    structurelles = {"feuille_de_route", "cre-bourgogne-franche-comte", "copilote", "2nd semestre 2023", "2nd semestre"}

    def feuilles(valeur, chemin=()):
        if isinstance(valeur, dict):
            for k, v in valeur.items():
                yield from feuilles(v, (*chemin, k))
        elif isinstance(valeur, list):
            for i, v in enumerate(valeur):
                yield from feuilles(v, (*chemin, i))
        else:
            yield chemin, valeur

    completer = {c for c, _ in rapport.a_completer}
    for chemin, valeur in feuilles(donnees):
        if not isinstance(valeur, str) or chemin[-1] == "id":
            continue
        if valeur.startswith(A_COMPLETER):
            assert chemin in completer
        else:
            assert valeur in structurelles or valeur in sources, (chemin, valeur)
    fiches = [f for a in donnees["axes"] for f in a["fiches_action"]]
    assert all(f["problematique"].startswith(A_COMPLETER) and f["objectif"].startswith(A_COMPLETER) for f in fiches)
    assert len(rapport.a_completer) == 2 * len(fiches) + 1  # + le titre de l'axe 3


def test_yaml_valide_structurellement(import_exemple, tmp_path):
    donnees, rapport = import_exemple
    texte = vers_yaml(donnees, rapport, "test")
    assert yaml.safe_load(texte)["axes"][0]["fiches_action"][0]["id"] == "1-1"
    assert all(len(ligne) <= 120 for ligne in texte.splitlines() if not ligne.startswith("#"))
    (tmp_path / "fdr.yaml").write_text(texte, encoding="utf-8")
    shutil.copy(COMITE_CRE, tmp_path / "cre.yaml")
    resultat = valider([str(tmp_path)], date(2026, 11, 22))
    regles = charger_regles()
    structure = [c for c in resultat.constats if regles[c.regle].famille == "structure" and c.fichier.endswith("fdr.yaml")]
    assert not structure, [(c.regle, c.message) for c in structure]
    assert resultat.documents[0].modele is not None or resultat.documents[1].modele is not None


def test_classeur_xlsx_equivalent_au_tsv(import_exemple, tmp_path):
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.title = "Plan 2023"
    with PLAN.open(encoding="utf-8", newline="") as flux:
        for i, ligne in enumerate(csv.reader(flux, delimiter="\t"), 1):
            for j, valeur in enumerate(ligne, 1):
                if valeur:
                    feuille.cell(row=i, column=j, value=int(valeur) if valeur.isdigit() else valeur)
    classeur.create_sheet("Notes")["A1"] = "brouillon"
    chemin = tmp_path / "plan.xlsx"
    classeur.save(chemin)
    donnees, rapport = importer(str(chemin), "cre-bourgogne-franche-comte")
    assert donnees == import_exemple[0]
    assert rapport.feuille == "Plan 2023" and rapport.autres_feuilles == [("Notes", 1)]


def test_tableau_a_plat_en_csv(tmp_path):
    chemin = tmp_path / "plan.csv"
    chemin.write_text(
        "Axe;Action;Pilote(s);Échéance;Statut;Indicateur;Valeur initiale;Cible;Valeur actuelle;Divers\n"
        "Mobilité;Garage solidaire;CA Grand Belfort;31/12/2026;en cours;Véhicules prêtés;0;40;12,5;x\n"
        "Mobilité;Permis accompagné;\"Conseil départemental\nFrance Travail\";2027-06-30;Réalisée;;;;;\n"
        "Jeunes;Aller vers;Mission locale;bientôt;inconnu;;;;;\n",
        encoding="cp1252",
    )
    donnees, rapport = importer(str(chemin), "cle-90", debut=date(2026, 1, 1), fin=date(2027, 12, 31))
    assert [a["titre"] for a in donnees["axes"]] == ["Mobilité", "Jeunes"]
    garage, permis = donnees["axes"][0]["fiches_action"]
    assert garage["echeance"] == date(2026, 12, 31) and garage["statut"] == "en_cours"
    assert garage["indicateurs"] == [{"nom": "Véhicules prêtés", "valeur_initiale": 0, "cible": 40, "valeur_actuelle": 12.5}]
    assert permis["pilote"] == "Conseil départemental" and permis["contributeurs"][0]["acteur"] == "France Travail"
    assert permis["statut"] == "realisee"
    non_repris = {e.cellule.ref: e.note for e in rapport.non_repris}
    assert set(non_repris) == {"J1", "J2", "D4", "E4"}
    assert "Windows-1252" in rapport.remarques[0]


def test_separer_acteurs():
    tetes = {"Département", "Conseiller"}
    assert separer_acteurs("Conseiller national de prévention Département GPEC / filières", tetes) == [
        "Conseiller national de prévention", "Département GPEC / filières"]
    assert separer_acteurs("Direction du département Département X", tetes) == ["Direction du département", "Département X"]
    assert separer_acteurs("Service de Département X", tetes) == ["Service de Département X"]
    assert separer_acteurs("A ; B\nC", set()) == ["A", "B", "C"]


def lancer(*args: str) -> int:
    with pytest.raises(SystemExit) as fin:
        main(list(args))
    return fin.value.code


def test_cli_importer(tmp_path, capsys):
    sortie, rapport = tmp_path / "fdr.yaml", tmp_path / "rapport.csv"
    assert lancer("feuille-de-route", "importer", str(PLAN), "--comite", "cre-bourgogne-franche-comte",
                  "-o", str(sortie), "--rapport", str(rapport)) == 0
    ecran = capsys.readouterr().out
    assert "5 axes, 42 fiches action" in ecran and "À COMPLÉTER" in ecran
    lignes = list(csv.DictReader(rapport.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert len([x for x in lignes if x["cellule"]]) == len(cellules_tsv(PLAN))
    assert lancer("feuille-de-route", "importer", str(PLAN), "--comite", "cre-bourgogne-franche-comte",
                  "-o", str(sortie)) == 2
    assert "--force" in capsys.readouterr().err


@pytest.mark.parametrize(("contenu", "nom", "options", "message"), [
    (b"x", "plan.ods", [], "format non pris en charge"),
    (b"x", "plan.xls", [], "enregistrez"),
    (b"AXE 1 - A\nMESURE 1 : m\n", "plan.csv", [], "indiquez --debut"),
    (b"AXE 1 - A\nMESURE 1 : m\n", "plan.csv", ["--debut", "2026-01-01", "--fin", "2025-01-01"], "antérieure"),
    (b"rien\n", "plan.csv", ["--debut", "2026-01-01", "--fin", "2026-12-31"], "aucun axe"),
    (b"PK\x03\x04abime", "plan.xlsx", [], "classeur illisible"),
])
def test_erreurs_d_usage(tmp_path, capsys, contenu, nom, options, message):
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    assert lancer("feuille-de-route", "importer", str(chemin), "--comite", "cle-x", "-o",
                  str(tmp_path / "o.yaml"), *options) == 2
    assert message in capsys.readouterr().err


def test_comite_invalide(capsys, tmp_path):
    assert lancer("feuille-de-route", "importer", str(PLAN), "--comite", "CLE 21", "-o", str(tmp_path / "o.yaml")) == 2
    assert "identifiant de comité invalide" in capsys.readouterr().err


def test_date_d_une_cellule_de_classeur(tmp_path):
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    for j, titre in enumerate(["Axe", "Action", "Pilote", "Échéance", "Date de lancement"], 1):
        feuille.cell(row=1, column=j, value=titre)
    for j, valeur in enumerate(["Axe 1 : Emploi", "1-1 Forum", "France Travail", datetime(2026, 5, 31),
                                datetime(2026, 1, 15)], 1):
        feuille.cell(row=2, column=j, value=valeur)
    chemin = tmp_path / "p.xlsx"
    classeur.save(chemin)
    donnees, _ = importer(str(chemin), "cle-x", debut=date(2026, 1, 1), fin=date(2026, 12, 31))
    axe = donnees["axes"][0]
    assert (axe["id"], axe["titre"]) == ("axe-1", "Emploi")
    fiche = axe["fiches_action"][0]
    assert (fiche["id"], fiche["titre"], fiche["echeance"], fiche["lancement"]) == (
        "1-1", "Forum", date(2026, 5, 31), "2026-01-15")


def test_comite_inconnu_du_depot_refuse_avant_d_ecrire(cte_ici, tmp_path):
    """Dans un dépôt, --comite doit désigner un de ses comités : sinon la feuille de route
    importée serait refusée par cte validate (reference-inconnue) ; rien n'est écrit."""
    import shutil

    from conftest import EXEMPLE

    depot_bfc = tmp_path / "bfc"
    shutil.copytree(EXEMPLE, depot_bfc)
    cible = depot_bfc / "feuilles-de-route" / "x.yaml"
    sortie = cte_ici("feuille-de-route", "importer", str(PLAN), str(depot_bfc), "--comite", "cde-21-cote-d-orr",
                     "--sortie", str(cible))
    assert sortie.returncode == 2
    assert "comité « cde-21-cote-d-orr » introuvable" in sortie.stderr
    assert "vouliez-vous dire « cde-21-cote-d-or »" in sortie.stderr
    assert not cible.exists()
