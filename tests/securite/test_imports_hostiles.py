"""Plans d'actions importés (`cte feuille-de-route importer`, exports Excel) : un classeur ou un
CSV hostile donne vite un message français, jamais une commande figée ou la mémoire épuisée.

Trouvé et corrigé ici : un classeur de 5 Ko avec une seule cellule en XFD1048576 faisait
parcourir 17 milliards de cases vides (la dimension déclarée était crue) ; une archive qui se
décompresse en centaines de Mo était chargée en mémoire.
"""

from __future__ import annotations

import time
import zipfile

import pytest

from .outils import executer


def _importer(fichier, tmp_path, *options: str):
    debut = time.perf_counter()
    sortie = executer("feuille-de-route", "importer", str(fichier), "--comite", "cde-21-cote-d-or",
                      "--sortie", str(tmp_path / "fdr.yaml"), "--debut", "2025-01-01", "--fin", "2025-12-31",
                      *options)
    assert time.perf_counter() - debut < 20
    assert "Traceback" not in sortie.texte and "Erreur interne" not in sortie.texte, sortie.texte
    return sortie


def _classeur(chemin, cellules: dict[str, str]) -> None:
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    for ref, valeur in cellules.items():
        feuille[ref] = valeur
    classeur.save(chemin)


def test_cellule_en_xfd1048576(tmp_path):
    fichier = tmp_path / "plan.xlsx"
    _classeur(fichier, {"A1": "Plan 2025", "A2": "AXE 1 - Emploi", "XFD1048576": "fin"})
    assert fichier.stat().st_size < 10_000
    sortie = _importer(fichier, tmp_path)
    assert sortie.code in (0, 2), sortie.texte


def test_beaucoup_de_lignes_tres_larges(tmp_path):
    fichier = tmp_path / "large.xlsx"
    _classeur(fichier, {f"XFD{i}": "x" for i in range(1, 400)})
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and "trop étendue" in sortie.stderr, sortie.texte


def test_bombe_de_decompression(tmp_path):
    fichier = tmp_path / "bombe.xlsx"
    _classeur(fichier, {"A1": "AXE 1 - Emploi"})
    with zipfile.ZipFile(fichier, "a", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/media/bombe.bin", "w") as flux:
        bloc = bytes(1024 * 1024)
        for _ in range(300):
            flux.write(bloc)
    assert fichier.stat().st_size < 2_000_000
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and "décompressé dépasse 200 Mo" in sortie.stderr, sortie.texte


@pytest.mark.parametrize(("nom", "contenu", "attendu"), [
    ("binaire.csv", b"AXE 1\x00;x\n", "contenu binaire"),
    ("guillemet.tsv", b'AXE 1 - x\t"' + b"a" * 200_000 + b"\n", "un guillemet n'est-il pas refermé"),
    ("pas-un-classeur.xlsx", b"PK\x03\x04 ceci n'est pas une archive", "classeur illisible"),
    ("vide.xlsx", b"", "classeur illisible"),
])
def test_fichiers_importes_casses(tmp_path, nom, contenu, attendu):
    fichier = tmp_path / nom
    fichier.write_bytes(contenu)
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and attendu in sortie.stderr, sortie.texte


# --- issue 13, point 6 : jamais d'erreur interne, jamais de fusion silencieuse, jamais une
# --- feuille de route que `cte validate` rejetterait -----------------------------------------


def _sortie_valide(chemin) -> list[str]:
    """Les erreurs de structure que `cte validate` trouverait dans la feuille de route écrite."""
    from cte_cli.loading.depot import charger

    depot = charger([str(chemin)])
    return [f"{c.ligne}: {c.message}" for c in depot.constats if str(c.gravite) == "erreur"]


def _remplacer_partie(chemin, partie: str, contenu) -> None:
    with zipfile.ZipFile(chemin) as archive:
        parties = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, donnees in parties:
            archive.writestr(info, contenu(donnees) if info.filename == partie else donnees)


_LOL = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
BOMBE = (b'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY l0 "lol">' + _LOL + b']><worksheet xmlns="http://schemas.'
         b'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;'
         b'</t></is></c></row></sheetData></worksheet>')
QUADRATIQUE = (b'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "' + b"x" * 50_000 + b'">]><worksheet xmlns="http://'
               b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
               b"<is><t>" + b"&a;" * 50_000 + b"</t></is></c></row></sheetData></worksheet>")
FEUILLE = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize(("partie", "contenu", "attendu"), [
    (FEUILLE, lambda d: d[: len(d) // 2], "XML invalide"),
    (FEUILLE, lambda d: d.replace(b"<sheetData>", b"<sheetData><row r='1'><c r='A1' t='s'><v>99</v></c></row>"),
     "classeur illisible"),
    ("xl/workbook.xml", lambda d: d[:40], "XML invalide"),
    ("[Content_Types].xml", lambda d: b"<x", "XML invalide"),
    ("xl/_rels/workbook.xml.rels", lambda d: b"", "XML invalide"),
    (FEUILLE, lambda d: BOMBE, "DTD ou des entités"),
    (FEUILLE, lambda d: QUADRATIQUE, "DTD ou des entités"),
    ("docProps/app.xml", lambda d: BOMBE.decode("ascii").encode("utf-16"), "DTD ou des entités"),
])
def test_classeur_xml_casse_ou_bombe(tmp_path, partie, contenu, attendu):
    fichier = tmp_path / "plan.xlsx"
    _classeur(fichier, {"A1": "Plan 2025", "A2": "AXE 1 - Emploi", "A3": "MESURE N°1 : agir"})
    _remplacer_partie(fichier, partie, contenu)
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and attendu in sortie.stderr, sortie.texte
    assert not (tmp_path / "fdr.yaml").exists()


PLAN = "Plan 2025\nAXE 1 - Emploi\nMESURE N°1 : agir\n1-1 Première action\nMESURE N°2 : suivre\n"


@pytest.mark.parametrize(("contenu", "attendu"), [
    ('Plan 2025\nAXE 1 - Emploi\n"MESURE N°1 : agir\nMESURE N°2 : suivre\n1-1 action;DDETS\n',
     "ligne 3 n'est jamais refermé"),
    ('Plan 2025\nAXE 1 - Emploi\n"MESURE N°1" : agir\n', "guillemet mal placé"),
])
def test_csv_guillemet_non_refermé_jamais_fusionne_en_silence(tmp_path, contenu, attendu):
    fichier = tmp_path / "plan.csv"
    fichier.write_text(contenu, encoding="utf-8")
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 2 and attendu in sortie.stderr, sortie.texte
    assert not (tmp_path / "fdr.yaml").exists()


def test_csv_cellule_fusionnee_signalee(tmp_path):
    fichier = tmp_path / "plan.csv"
    fichier.write_text('Plan 2025\nAXE 1 - Emploi\n"MESURE N°1 : agir\n1-1 action;DDETS\nMESURE N°2";x\n',
                       encoding="utf-8")
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 0 and "un guillemet mal placé a-t-il fusionné des lignes" in sortie.stdout, sortie.texte


@pytest.mark.parametrize("encodage", ["utf-16", "utf-16-le", "utf-16-be"])
def test_csv_utf16_lu(tmp_path, encodage):
    fichier = tmp_path / "plan.csv"
    fichier.write_bytes(PLAN.replace("Première", "Première élévation").encode(encodage))
    sortie = _importer(fichier, tmp_path)
    assert sortie.code == 0 and "UTF-16" in sortie.stdout, sortie.texte
    assert "Première élévation" in (tmp_path / "fdr.yaml").read_text(encoding="utf-8")
    assert _sortie_valide(tmp_path / "fdr.yaml") == []


@pytest.mark.parametrize("cellules", [
    {"C4": "01/01/9999"}, {"C4": "0001-01-01"}, {"C4": "9999/0001"}, {"C4": "31/12/1899"},
    {"A2": "AXE 1 - Emploi\x1b[2J\x00"}, {"B4": "1-1 ac\x0btion\x07"}, {"D4": "DDETS\x1b]0;titre\x07"},
    {"A2": "AXE " + "9" * 5000 + " - x"}, {"A3": "MESURE N°" + "9" * 5000 + " : x"}, {"E4": "9" * 5000},
    {"F4": "1e400"}, {"F4": "nan"}, {"G4": "-inf"}, {"B4": "\ud800"},
])
def test_valeurs_importees_extremes_sortie_toujours_valide(tmp_path, cellules):
    fichier = tmp_path / "plan.xlsx"
    base = {"A1": "Plan 2025", "A2": "AXE 1 - Emploi", "A3": "Mesure", "B3": "Action", "C3": "Échéance",
            "D3": "Pilote", "E3": "Priorité", "F3": "Indicateurs", "G3": "Valeur cible",
            "A4": "MESURE N°1 : agir", "B4": "1-1 action", "C4": "31/12/2025", "D4": "DDETS", "E4": "1",
            "F4": "taux", "G4": "10"}
    base.update(cellules)
    from openpyxl import Workbook

    classeur = Workbook()
    try:
        for ref, valeur in base.items():
            classeur.active[ref] = valeur
        classeur.save(fichier)
    except Exception:  # noqa: BLE001 — openpyxl refuse certains caractères : le CSV seul
        return _csv_equivalent(tmp_path, base)
    _verifier_import(fichier, tmp_path)
    _csv_equivalent(tmp_path, base)


def _csv_equivalent(tmp_path, cellules: dict[str, str]) -> None:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    grille: dict[int, dict[int, str]] = {}
    for ref, valeur in cellules.items():
        lettres_, ligne = coordinate_from_string(ref)
        grille.setdefault(ligne, {})[column_index_from_string(lettres_)] = valeur
    lignes = [";".join(grille[n].get(k, "") for k in range(1, max(grille[n]) + 1)) for n in sorted(grille)]
    fichier = tmp_path / "plan.csv"
    fichier.write_text("\n".join(lignes) + "\n", encoding="utf-8", errors="surrogatepass")
    (tmp_path / "fdr.yaml").unlink(missing_ok=True)
    _verifier_import(fichier, tmp_path)


def _verifier_import(fichier, tmp_path) -> None:
    sortie = _importer(fichier, tmp_path)
    assert sortie.code in (0, 2), sortie.texte
    if sortie.code == 0:
        assert _sortie_valide(tmp_path / "fdr.yaml") == [], (tmp_path / "fdr.yaml").read_text(encoding="utf-8")
    else:
        assert not (tmp_path / "fdr.yaml").exists()


def test_periode_hors_plage_refusee(tmp_path):
    fichier = tmp_path / "plan.csv"
    fichier.write_text(PLAN, encoding="utf-8")
    sortie = executer("feuille-de-route", "importer", str(fichier), "--comite", "cde-21-cote-d-or",
                      "--sortie", str(tmp_path / "fdr.yaml"), "--debut", "2025-01-01", "--fin", "9999-12-31")
    assert sortie.code == 2 and "plage admise" in sortie.stderr, sortie.texte
