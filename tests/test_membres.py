"""`cte membres exporter|importer` : classeur des membres, et retour dans les YAML (cte_cli.membres)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from cte_cli.echafaudage import echafauder

from conftest import DATE, EXEMPLE

CDE21 = "departemental/cde-21-cote-d-or.yaml"


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    copie = tmp_path / "depot"
    shutil.copytree(EXEMPLE, copie)
    return copie


def _empreintes(racine: Path) -> dict[str, str]:
    return {p.relative_to(racine).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(racine.rglob("*")) if p.is_file()}


def _exporter(cte, depot: Path, classeur: Path, *options: str) -> None:
    sortie = cte("membres", "exporter", "--sortie", str(classeur), "--date", DATE, *options, str(depot))
    assert sortie.returncode == 0, sortie.stderr


def _lignes(classeur: Path) -> tuple[object, dict[str, int], list[int]]:
    wb = load_workbook(classeur)
    feuille = wb["Membres"]
    colonnes = {c.value: c.column for c in feuille[1]}
    return wb, colonnes, list(range(2, feuille.max_row + 1))


def _cellule(wb, colonnes, ligne: int, titre: str):
    return wb["Membres"].cell(row=ligne, column=colonnes[titre])


def _lignes_du_comite(wb, colonnes, comite: str) -> list[int]:
    feuille = wb["Membres"]
    return [r for r in range(2, feuille.max_row + 1) if feuille.cell(row=r, column=colonnes["Comité"]).value == comite]


def test_aller_retour_sans_retouche_ne_change_aucun_octet(cte, depot: Path, tmp_path: Path) -> None:
    classeur = tmp_path / "membres.xlsx"
    avant = _empreintes(depot)
    _exporter(cte, depot, classeur)
    for options in ((), ("--ecrire",)):
        sortie = cte("membres", "importer", str(classeur), str(depot), "--date", DATE, *options)
        assert sortie.returncode == 0, sortie.stderr
        assert "Aucune modification" in sortie.stdout
    assert _empreintes(depot) == avant


@pytest.mark.slow
def test_aller_retour_par_libreoffice(cte, depot: Path, tmp_path: Path) -> None:
    """Le classeur ouvert et enregistré par un tableur (LibreOffice) revient sans modification."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice absent (.ci/run l'installe)")
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--departement", "21")
    resultat = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "lo-sortie"),
                               str(classeur)], capture_output=True, text=True, timeout=180)
    assert resultat.returncode == 0, resultat.stderr
    avant = _empreintes(depot)
    sortie = cte("membres", "importer", str(tmp_path / "lo-sortie" / "membres.xlsx"), str(depot), "--date", DATE,
                 "--ecrire")
    assert sortie.returncode == 0, sortie.stderr
    assert "Aucune modification" in sortie.stdout
    assert _empreintes(depot) == avant


def test_export_colonnes_listes_et_controle(cte, depot: Path, tmp_path: Path) -> None:
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--departement", "21")
    wb, colonnes, lignes = _lignes(classeur)
    assert wb.sheetnames == ["Membres", "Comités", "Listes", "cte"]
    assert wb["cte"].sheet_state == "hidden" and wb["Listes"].sheet_state == "hidden"
    comites = {_cellule(wb, colonnes, r, "Comité").value for r in lignes}
    assert "cde-21-cote-d-or" in comites and all(c.startswith(("cde-21", "cle-21")) for c in comites)
    source = yaml.safe_load((depot / CDE21).read_text(encoding="utf-8"))
    premiere = _lignes_du_comite(wb, colonnes, "cde-21-cote-d-or")[0]
    membre = source["membres"][0]
    assert _cellule(wb, colonnes, premiere, "Réf. (ne pas modifier ; vide pour un nouveau membre)").value \
        == "cde-21-cote-d-or#1"
    assert _cellule(wb, colonnes, premiere, "Nom").value == membre["nom"]
    assert _cellule(wb, colonnes, premiere, "Voix").value == membre["voix"]
    assert _cellule(wb, colonnes, premiere, "Courriel").value == membre["email"]
    assert _cellule(wb, colonnes, premiere, "Mandat : début").value.date() == membre["mandat"]["debut"]
    assert _cellule(wb, colonnes, premiere, "Mandat : fin").number_format == "dd/mm/yyyy"
    avec_suppleant = next(i for i, m in enumerate(source["membres"]) if m.get("suppleants"))
    ligne = _lignes_du_comite(wb, colonnes, "cde-21-cote-d-or")[avec_suppleant]
    assert _cellule(wb, colonnes, ligne, "Suppléant 1 : nom").value == \
        source["membres"][avec_suppleant]["suppleants"][0]["nom"]
    assert _cellule(wb, colonnes, premiere, "Contrôle du comité (cte validate)").value
    validations = {str(v.sqref).split(":")[0][:1]: v for v in wb["Membres"].data_validations.dataValidation}
    lettre_college = wb["Membres"].cell(row=1, column=colonnes["Collège"]).column_letter
    assert validations[lettre_college].type == "list" and "Listes!" in validations[lettre_college].formula1
    listes = [c.value for c in wb["Listes"]["B"]][1:]
    from cte_cli.model.types import COLLEGES

    assert listes[: len(COLLEGES)] == list(COLLEGES)
    bilans = {r[0].value: r[5].value for r in wb["Comités"].iter_rows(min_row=2)}
    assert set(bilans) == comites


def test_export_dit_les_constats_du_membre(cte, depot: Path, tmp_path: Path) -> None:
    texte = (depot / CDE21).read_text(encoding="utf-8")
    (depot / CDE21).write_text(texte.replace("    voix: 4\n", "    voix: 5\n", 1), encoding="utf-8")
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--comite", "cde-21-cote-d-or")
    wb, colonnes, lignes = _lignes(classeur)
    bilan = _cellule(wb, colonnes, lignes[0], "Contrôle du comité (cte validate)").value
    assert "erreur" in bilan and "voix-etat-collectivites" in bilan
    assert len(lignes) == len(yaml.safe_load(texte)["membres"])


def test_import_modifie_ajoute_retire_en_gardant_commentaires(cte, depot: Path, tmp_path: Path) -> None:
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--comite", "cde-21-cote-d-or")
    wb, colonnes, _ = _lignes(classeur)
    lignes = _lignes_du_comite(wb, colonnes, "cde-21-cote-d-or")
    source = yaml.safe_load((depot / CDE21).read_text(encoding="utf-8"))
    region = [i for i, m in enumerate(source["membres"]) if m["college"] == "region"]
    _cellule(wb, colonnes, lignes[3], "Qualité").value = "Sous-préfète de Beaune"
    _cellule(wb, colonnes, lignes[3], "Suppléant 1 : nom").value = "Paul Adjoint"
    _cellule(wb, colonnes, lignes[3], "Suppléant 1 : qualité").value = "Secrétaire général de la sous-préfecture"
    _cellule(wb, colonnes, lignes[2], "Mandat : début").value = date(2025, 9, 2)
    # un conseiller régional remplacé : ligne retirée, ligne ajoutée (mêmes voix)
    retire = source["membres"][region[0]]
    wb["Membres"].delete_rows(lignes[region[0]])
    nouvelle = wb["Membres"].max_row + 1
    for titre, valeur in {"Comité": "cde-21-cote-d-or", "Collège": "region", "Nom": "Nadia Perrin",
                          "Qualité": "Conseillère régionale de Bourgogne-Franche-Comté",
                          "Organisation": "Région Bourgogne-Franche-Comté", "Voix": 2,
                          "Mandat : début": date(2026, 1, 5), "Mandat : fin": date(2027, 10, 14)}.items():
        _cellule(wb, colonnes, nouvelle, titre).value = valeur
    wb.save(classeur)
    avant = (depot / CDE21).read_text(encoding="utf-8")

    apercu = cte("membres", "importer", str(classeur), str(depot), "--date", DATE)
    assert apercu.returncode == 0, apercu.stdout + apercu.stderr
    assert "+  - nom: Nadia Perrin" in apercu.stdout and f"-  - nom: {retire['nom']}" in apercu.stdout
    assert "1 ajouté(s), 1 retiré(s), 2 modifié(s)" in apercu.stdout
    assert "relancez avec --ecrire" in apercu.stdout
    assert (depot / CDE21).read_text(encoding="utf-8") == avant

    ecrit = cte("membres", "importer", str(classeur), str(depot), "--date", DATE, "--ecrire")
    assert ecrit.returncode == 0, ecrit.stdout + ecrit.stderr
    apres = (depot / CDE21).read_text(encoding="utf-8")
    relu = yaml.safe_load(apres)
    noms = [m["nom"] for m in relu["membres"]]
    assert retire["nom"] not in noms and "Nadia Perrin" in noms
    # à la suite des membres de la région, avant le commentaire qui annonce le département
    assert relu["membres"][noms.index("Nadia Perrin") - 1]["college"] == "region"
    assert relu["membres"][noms.index("Nadia Perrin") + 1]["college"] == "departement"
    position = apres.index("  - nom: Nadia Perrin")
    assert apres.index("  # 2° Région") < position < apres.index("  # 3° Département")
    assert relu["membres"][3]["qualite"] == "Sous-préfète de Beaune"
    assert relu["membres"][3]["suppleants"] == [{"nom": "Paul Adjoint",
                                                "qualite": "Secrétaire général de la sous-préfecture"}]
    assert relu["membres"][2]["mandat"] == {"debut": date(2025, 9, 2), "fin": date(2027, 10, 14)}
    # tout le reste à l'identique : commentaires, guillemets, styles en ligne
    retirees = {ligne for ligne in avant.splitlines() if ligne not in apres.splitlines()}
    assert all(("nom:" in x or "qualite" in x or "college" in x or "organisation" in x or "voix" in x
                or "mandat" in x or "email" in x) for x in retirees), retirees
    for commentaire in [x for x in avant.splitlines() if x.strip().startswith("#")]:
        assert commentaire in apres
    valide = cte("validate", str(depot), "--date", DATE)
    assert valide.returncode == 0, valide.stdout[-2000:]


def test_import_refuse_un_resultat_en_erreur_sans_rien_ecrire(cte, depot: Path, tmp_path: Path) -> None:
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--comite", "cde-21-cote-d-or")
    wb, colonnes, lignes = _lignes(classeur)
    _cellule(wb, colonnes, lignes[0], "Voix").value = 6
    wb.save(classeur)
    avant = _empreintes(depot)
    sortie = cte("membres", "importer", str(classeur), str(depot), "--date", DATE, "--ecrire")
    assert sortie.returncode == 1
    assert "Import refusé" in sortie.stderr and "voix-etat-collectivites" in sortie.stderr
    assert "-    voix: 4" in sortie.stdout and "+    voix: 6" in sortie.stdout
    assert _empreintes(depot) == avant


@pytest.mark.parametrize("retouche, message", [
    ("copie", "déjà portée par la ligne"),
    ("comite", "a changé de comité"),
    ("reference", "inconnue"),
    ("depot", "ont changé dans le dépôt depuis l'export"),
])
def test_import_refuse_les_lignes_ambigues(cte, depot: Path, tmp_path: Path, retouche: str, message: str) -> None:
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--departement", "21")
    wb, colonnes, _ = _lignes(classeur)
    lignes = _lignes_du_comite(wb, colonnes, "cde-21-cote-d-or")
    ref = "Réf. (ne pas modifier ; vide pour un nouveau membre)"
    if retouche == "copie":
        nouvelle = wb["Membres"].max_row + 1
        for titre, colonne in colonnes.items():
            wb["Membres"].cell(row=nouvelle, column=colonne).value = _cellule(wb, colonnes, lignes[0], titre).value
    elif retouche == "comite":
        _cellule(wb, colonnes, lignes[0], "Comité").value = "cle-21-auxois-morvan"
    elif retouche == "reference":
        _cellule(wb, colonnes, lignes[0], ref).value = "cde-21-cote-d-or#999"
    else:
        texte = (depot / CDE21).read_text(encoding="utf-8")
        (depot / CDE21).write_text(texte.replace("Sous-préfet de Beaune", "Sous-préfète de Beaune"), encoding="utf-8")
    wb.save(classeur)
    avant = _empreintes(depot)
    sortie = cte("membres", "importer", str(classeur), str(depot), "--date", DATE, "--ecrire")
    assert sortie.returncode == 2, sortie.stdout
    assert "import refusé" in sortie.stderr and message in sortie.stderr
    assert "Traceback" not in sortie.stderr
    assert _empreintes(depot) == avant


def test_depot_cte_init_membre_en_ligne(cte, tmp_path: Path) -> None:
    """Dans un dépôt `cte init` (membres en style en ligne), le nouveau membre l'est aussi."""
    depot = tmp_path / "d"
    echafauder("27", depot, outillage=False)
    classeur = tmp_path / "membres.xlsx"
    _exporter(cte, depot, classeur, "--comite", "cde-21-cote-d-or")
    wb, colonnes, _ = _lignes(classeur)
    nouvelle = wb["Membres"].max_row + 1
    for titre, valeur in {"Comité": "cde-21-cote-d-or", "Collège": "communes", "Nom": "À désigner",
                          "Qualité": "Représentant des maires ruraux"}.items():
        _cellule(wb, colonnes, nouvelle, titre).value = valeur
    _cellule(wb, colonnes, 2, "Nom").value = "Hélène Marchal"
    wb.save(classeur)
    sortie = cte("membres", "importer", str(classeur), str(depot), "--date", DATE, "--ecrire")
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    texte = (depot / CDE21).read_text(encoding="utf-8")
    assert '  - {nom: À désigner, qualite: Représentant des maires ruraux, college: communes}\n' in texte
    assert '  - {nom: "Hélène Marchal", qualite: "Directeur départemental' in texte
    lignes = texte.splitlines()
    i = lignes.index('  - {nom: À désigner, qualite: Représentant des maires ruraux, college: communes}')
    assert "college: communes" in lignes[i - 1]


def test_filtres_exclusifs_et_classeur_etranger(cte, depot: Path, tmp_path: Path) -> None:
    sortie = cte("membres", "exporter", "--region", "27", "--departement", "21", "--sortie",
                 str(tmp_path / "m.xlsx"), str(depot))
    assert sortie.returncode == 2 and "au plus un filtre" in sortie.stderr
    etranger = tmp_path / "autre.xlsx"
    from openpyxl import Workbook

    Workbook().save(etranger)
    sortie = cte("membres", "importer", str(etranger), str(depot))
    assert sortie.returncode == 2 and "cte membres exporter" in sortie.stderr
