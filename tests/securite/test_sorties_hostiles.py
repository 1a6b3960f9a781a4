"""Noms piégés (`& < > " '`, emoji, sauts de ligne, inversion bidirectionnelle, formules de
tableur, balises Word, lignes iCalendar) à travers tous les documents produits : chaque
document est correct (la valeur s'y relit telle quelle, sans créer de structure) ou la
commande donne un message français clair.

Sorties : règlement .docx et .md, convocations .docx et invitation .ics, classeur .xlsx de la
cartographie, CSV open data.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from .outils import DATE, EXEMPLE, executer

pytestmark = pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")

COMITE = "cde-21-cote-d-or"
SEANCE = "2026-06-11-cde-21-cote-d-or-pleniere"

NOM_BALISES = "Zoé \"La Cheffe\" O'Brien & <Cie> 👩‍💼"
NOM_FORMULE = '=HYPERLINK("http://exemple.invalid";"clic")'
NOM_SIGNES = "+33 6 12 ; @SOMME(A1) -1"
NOM_BIDI = "Anne \u202eyoR"
QUALITE_WORD = "Sous-préfète\n</w:t></w:r><w:r><w:t>injection & <b>gras</b>"
LIEU_ICS = 'Salle "A" ; B, C\\D\r\nBEGIN:VEVENT\r\nSUMMARY:piège'
POINT_ICS = "Point ; virgule, barre \\ et\nEND:VCALENDAR"
HOSTILES = (NOM_BALISES, NOM_FORMULE, NOM_SIGNES, NOM_BIDI)
#: plus long qu'une cellule Excel (32 767 caractères)
NOM_LONG = "Nom-très-long " * 3000


@pytest.fixture(scope="module")
def depot(tmp_path_factory) -> Path:
    """Le dépôt d'exemple dont un comité et une séance portent les valeurs piégées."""
    racine = tmp_path_factory.mktemp("hostile") / "depot"
    shutil.copytree(EXEMPLE, racine)
    fichier = racine / "departemental" / f"{COMITE}.yaml"
    comite = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    for membre, nom in zip(comite["membres"], HOSTILES, strict=False):
        membre["nom"] = nom
    comite["membres"][0]["qualite"] = QUALITE_WORD
    comite["membres"][len(HOSTILES)]["nom"] = NOM_LONG
    fichier.write_text(yaml.safe_dump(comite, allow_unicode=True, sort_keys=False), encoding="utf-8")
    seance = next(racine.glob(f"seances/*/{SEANCE}.yaml"))
    donnees = yaml.safe_load(seance.read_text(encoding="utf-8"))
    donnees["lieu"] = LIEU_ICS
    donnees["ordre_du_jour"].append(POINT_ICS)
    seance.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return racine


def test_le_depot_piege_reste_valide(depot):
    sortie = executer("validate", str(depot), "--date", DATE, "--format", "json")
    import json

    structure = [c for c in json.loads(sortie.stdout)["constats"]
                 if c["fichier"].endswith((f"{COMITE}.yaml", f"{SEANCE}.yaml"))
                 and c["regle"] in ("valeur-invalide", "yaml-invalide", "cle-inconnue")]
    assert structure == []


def _texte_docx(chemin: Path) -> str:
    from docx import Document

    document = Document(str(chemin))
    morceaux = [p.text for p in document.paragraphs]
    for table in document.tables:
        morceaux += [cellule.text for ligne in table.rows for cellule in ligne.cells]
    return "\n".join(morceaux)


def _rendu(valeur: str) -> str:
    """La valeur telle qu'un document l'écrit : typographie française (espaces insécables
    avant « ; », après « n° »…) appliquée par `cte_cli.documents.typographie`."""
    from cte_cli.documents.typographie import nettoyer, typographier

    return typographier(nettoyer(valeur))


def _xml_bien_forme(chemin: Path) -> ET.Element:
    with zipfile.ZipFile(chemin) as archive:
        return ET.fromstring(archive.read("word/document.xml"))


def test_reglement_docx_et_md(depot, tmp_path):
    sortie = executer("generate", "reglement", COMITE, "--depot", str(depot), "--sortie", str(tmp_path),
                      "--date", DATE)
    assert sortie.code == 0, sortie.texte
    docx = tmp_path / f"reglement-interieur-{COMITE}.docx"
    _xml_bien_forme(docx)
    texte = _texte_docx(docx)
    for nom in HOSTILES:
        assert _rendu(nom) in texte, nom
    assert "</w:t></w:r><w:r><w:t>injection & <b>gras</b>" in texte  # du texte, pas du XML
    sortie = executer("generate", "reglement", COMITE, "--depot", str(depot), "--sortie", str(tmp_path),
                      "--date", DATE, "--format", "md")
    assert sortie.code == 0, sortie.texte
    md = (tmp_path / f"reglement-interieur-{COMITE}.md").read_text(encoding="utf-8")
    assert "<Cie>" not in md and "\\<Cie\\>" in md  # échappé pour Markdown
    assert "<b>" not in md


def test_convocations_docx_et_invitation_ics(depot, tmp_path):
    from icalendar import Calendar

    sortie = executer("generate", "convocation", SEANCE, "--depot", str(depot), "--sortie", str(tmp_path),
                      "--date", DATE)
    assert sortie.code == 0, sortie.texte
    lettres = sorted(tmp_path.glob("convocation-*.docx"))
    assert lettres and all(p.parent == tmp_path for p in lettres)
    tous = "\n".join(_texte_docx(p) for p in lettres)
    for nom in HOSTILES:
        assert _rendu(nom) in tous, nom
    brut = (tmp_path / f"{SEANCE}.ics").read_bytes()
    assert all(len(ligne) <= 75 for ligne in brut.split(b"\r\n")), "lignes pliées à 75 octets (RFC 5545)"
    calendrier = Calendar.from_ical(brut)
    evenements = calendrier.walk("VEVENT")
    assert len(evenements) == 1  # « BEGIN:VEVENT » du lieu n'a pas créé d'événement
    assert str(evenements[0]["LOCATION"]) == LIEU_ICS.replace("\r\n", "\n")
    assert POINT_ICS in str(evenements[0]["DESCRIPTION"])
    lignes = brut.decode("utf-8").replace("\r\n ", "").split("\r\n")  # lignes dépliées
    assert not any(ligne.startswith(("SUMMARY:piège", "END:VCALENDAR ")) for ligne in lignes)
    assert sum(ligne == "BEGIN:VEVENT" for ligne in lignes) == 1
    for nom in HOSTILES:  # l'invitation ne liste pas les participants
        assert nom not in brut.decode("utf-8")


def test_cartographie_xlsx_sans_formule(depot, tmp_path):
    from openpyxl import load_workbook

    classeur = tmp_path / "carto.xlsx"
    sortie = executer("cartographie", "--region", "27", str(depot), "--date", DATE, "--sortie", str(classeur))
    assert sortie.code == 0, sortie.texte
    valeurs = {}
    for feuille in load_workbook(classeur).worksheets:
        for ligne in feuille.iter_rows():
            for cellule in ligne:
                if isinstance(cellule.value, str):
                    valeurs.setdefault(cellule.value, cellule.data_type)
    assert all(type_ != "f" for type_ in valeurs.values()), "aucune cellule n'est une formule"
    assert max(map(len, valeurs)) <= 32_767  # sinon Excel déclare le classeur endommagé
    contenus = "\n".join(valeurs)
    assert NOM_BALISES in contenus and NOM_BIDI in contenus
    assert "HYPERLINK" in contenus and not any(v.startswith("=") for v in valeurs)


def test_open_data_csv_neutralise_et_sans_nom(depot, tmp_path):
    cible = tmp_path / "carto.csv"
    sortie = executer("cartographie", "--region", "27", str(depot), "--date", DATE, "--open-data",
                      "--sortie", str(cible))
    assert sortie.code == 0, sortie.texte
    texte = cible.read_text(encoding="utf-8")
    lignes = list(csv.reader(io.StringIO(texte)))
    assert len({len(ligne) for ligne in lignes}) == 1  # aucune ligne cassée par une valeur
    assert all(not c.startswith(("=", "+", "-", "@")) for ligne in lignes for c in ligne if c)
    for nom in HOSTILES:
        assert nom not in texte


def test_valeur_avec_caractere_de_controle_refusee_avant_tout_document(tmp_path):
    """Un NUL ou un ESC dans un nom ne peut pas aller dans un .docx ou un .xlsx (XML 1.0) :
    le fichier est refusé à la validation, la génération s'arrête avec le constat (sortie 2)."""
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    fichier = depot / "departemental" / f"{COMITE}.yaml"
    comite = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    comite["membres"][0]["nom"] = "Marc\x00Petit\x1b[31m"
    fichier.write_text(yaml.safe_dump(comite, allow_unicode=True), encoding="utf-8")
    for commande in (["generate", "reglement", COMITE, "--depot", str(depot)],
                     ["cartographie", "--region", "27", str(depot)]):
        sortie = executer(*commande, "--sortie", str(tmp_path / "sortie" / commande[0]), "--date", DATE)
        assert sortie.code in (0, 2), sortie.texte
        assert "Erreur interne" not in sortie.texte and "\x1b" not in sortie.texte
    sortie = executer("validate", str(depot), "--date", DATE)
    assert sortie.code == 1 and "caractère de contrôle U+0000" in sortie.stdout
