"""Lecture d'un plan d'actions tabulaire (.xlsx, .csv, .tsv) en une grille de cellules non vides.

Chaque cellule garde sa feuille et sa référence de tableur (« B8 ») pour que le rapport
d'import désigne exactement ce que l'agent voit en ouvrant le fichier. CSV : UTF-8 (avec ou
sans BOM), à défaut Windows-1252 (signalé) ; séparateur tabulation pour .tsv, deviné entre
« ; », « , » et tabulation pour .csv. Classeur : valeurs calculées (pas les formules), première
feuille par défaut.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cte_cli.erreurs import CteErreur

TAILLE_MAX = 20 * 1024 * 1024
CELLULES_MAX = 200_000
#: cases parcourues (vides comprises) et taille décompressée d'un classeur : un fichier de
#: quelques Ko peut déclarer une cellule en XFD1048576 ou cacher un texte de plusieurs Go
CASES_MAX = 5_000_000
DECOMPRESSE_MAX = 200 * 1024 * 1024
EXTENSIONS = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt")


def lettres(colonne: int) -> str:
    """Lettres de colonne d'un tableur : 1 -> A, 27 -> AA."""
    texte = ""
    while colonne:
        colonne, reste = divmod(colonne - 1, 26)
        texte = chr(65 + reste) + texte
    return texte


@dataclass(frozen=True, slots=True)
class Cellule:
    feuille: str
    ligne: int
    colonne: int
    valeur: Any

    @property
    def ref(self) -> str:
        return f"{lettres(self.colonne)}{self.ligne}"

    @property
    def texte(self) -> str:
        if isinstance(self.valeur, datetime):
            return self.valeur.date().isoformat() if self.valeur.time() == datetime.min.time() else self.valeur.isoformat()
        if isinstance(self.valeur, date):
            return self.valeur.isoformat()
        if isinstance(self.valeur, float) and self.valeur.is_integer():
            return str(int(self.valeur))
        return str(self.valeur)


@dataclass
class Grille:
    """Les cellules non vides d'une feuille, par ligne ; et ce qui n'a pas été lu."""

    feuille: str
    lignes: dict[int, list[Cellule]] = field(default_factory=dict)
    autres_feuilles: list[tuple[str, int]] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)

    def cellules(self) -> list[Cellule]:
        return [c for n in sorted(self.lignes) for c in self.lignes[n]]


def vide(valeur: Any) -> bool:
    return valeur is None or (isinstance(valeur, str) and not valeur.strip())


def lire(fichier: str | os.PathLike, feuille: str | None = None) -> Grille:
    """La grille du fichier ; CteErreur si le fichier est absent, trop gros ou illisible."""
    chemin = Path(fichier)
    if not chemin.is_file():
        raise CteErreur(f"fichier introuvable : {chemin}")
    extension = chemin.suffix.lower()
    if extension == ".xls":
        raise CteErreur(f"format .xls (Excel 97-2003) non pris en charge : enregistrez {chemin.name} en .xlsx")
    if extension not in EXTENSIONS:
        raise CteErreur(f"format non pris en charge : {chemin.name} ; formats possibles : .xlsx, .csv, .tsv")
    taille = chemin.stat().st_size
    if taille > TAILLE_MAX:
        raise CteErreur(f"fichier trop volumineux ({taille / 1_048_576:.1f} Mo, limite {TAILLE_MAX // 1_048_576} Mo) : {chemin}")
    if extension in (".xlsx", ".xlsm"):
        return _lire_classeur(chemin, feuille)
    if feuille:
        raise CteErreur("--feuille ne s'applique qu'à un classeur .xlsx")
    return _lire_texte(chemin, "\t" if extension == ".tsv" else None)


#: caractères qu'un texte du format ne peut pas porter (XML 1.0, model/types.py) et moitiés de
#: paires UTF-16 isolées : retirés des cellules importées (signalé dans le rapport)
_INTERDITS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _ajouter(grille: Grille, ligne: int, colonne: int, valeur: Any, total: list[int]) -> None:
    if vide(valeur):
        return
    total[0] += 1
    if total[0] > CELLULES_MAX:
        raise CteErreur(f"plus de {CELLULES_MAX} cellules non vides : ce n'est pas un plan d'actions")
    if isinstance(valeur, str):
        valeur = valeur.replace("\r\n", "\n").replace("\r", "\n")
        if _INTERDITS.search(valeur):
            valeur = _INTERDITS.sub("", valeur)
            grille.remarques.append(f"caractères de contrôle retirés de la cellule {lettres(colonne)}{ligne}")
            if vide(valeur):
                return
    grille.lignes.setdefault(ligne, []).append(Cellule(grille.feuille, ligne, colonne, valeur))


def _lire_texte(chemin: Path, separateur: str | None) -> Grille:
    brut = chemin.read_bytes()
    grille = Grille(chemin.name)
    texte = _decoder(brut, chemin, grille)
    if "\x00" in texte:
        raise CteErreur(f"contenu binaire (octet nul) : {chemin.name} n'est pas un fichier texte")
    if separateur is None:
        separateur = _deviner_separateur(texte)
    total = [0]
    # strict : un guillemet jamais refermé, ou mal placé, est une erreur (sans quoi toute la
    # suite du fichier tombait dans une seule cellule, en silence)
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur, strict=True)
    numero, debut = 0, 1
    try:
        for numero, ligne in enumerate(lecteur, 1):
            for colonne, valeur in enumerate(ligne, 1):
                _ajouter(grille, numero, colonne, valeur, total)
                _signaler_cellule_fusionnee(grille, numero, colonne, valeur, separateur, debut)
            debut = lecteur.line_num + 1
    except csv.Error as exc:
        raise CteErreur(_erreur_csv(chemin, exc, debut)) from None
    return grille


def _decoder(brut: bytes, chemin: Path, grille: Grille) -> str:
    """UTF-8 (avec ou sans BOM), UTF-16 (« Texte Unicode » d'Excel, avec ou sans BOM), sinon
    Windows-1252 ; le rapport dit quand ce n'était pas de l'UTF-8."""
    encodage = _utf16(brut)
    if encodage:
        try:
            texte = brut.decode(encodage).removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise CteErreur(f"{chemin.name} : UTF-16 illisible ; réenregistrez-le en UTF-8 (CSV UTF-8)") from None
        grille.remarques.append(f"{chemin.name} est en UTF-16 : lu comme tel ; vérifiez les accents du résultat")
        return texte
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        grille.remarques.append(
            f"{chemin.name} n'est pas en UTF-8 : lu en Windows-1252 ; vérifiez les accents du résultat"
        )
        return brut.decode("cp1252", errors="replace")


def _utf16(brut: bytes) -> str | None:
    """« utf-16 » (BOM), « utf-16-le » / « utf-16-be » (un octet nul sur deux), sinon None."""
    if brut.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    debut = brut[:4096]
    moitie = len(debut) // 2
    if moitie < 4 or len(brut) % 2:
        return None
    if debut[1::2].count(0) >= 0.9 * moitie and debut[0::2].count(0) == 0:
        return "utf-16-le"
    if debut[0::2].count(0) >= 0.9 * moitie and debut[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def _erreur_csv(chemin: Path, exc: csv.Error, ligne: int) -> str:
    raison = str(exc)
    if "field larger than field limit" in raison:
        return (f"{chemin.name} : CSV illisible (une cellule dépasse {csv.field_size_limit()} caractères ; un "
                "guillemet n'est-il pas refermé ?)")
    if "unexpected end of data" in raison:
        return (f"{chemin.name} : CSV illisible : le guillemet ouvert à la ligne {ligne} n'est jamais refermé ; "
                "toute la suite du fichier tomberait dans une seule cellule. Refermez-le, ou doublez un "
                "guillemet qui fait partie du texte (\"\")")
    if "expected after" in raison:
        return (f"{chemin.name} : CSV illisible : guillemet mal placé dans l'enregistrement qui commence à la ligne "
                f"{ligne} (un guillemet qui fait partie du texte s'écrit doublé : \"\")")
    return f"{chemin.name} : CSV illisible à la ligne {ligne}"


def _signaler_cellule_fusionnee(grille: Grille, numero: int, colonne: int, valeur: str, separateur: str,
                                debut: int) -> None:
    """Une cellule sur plusieurs lignes dont une ligne suivante contient le séparateur : souvent
    un guillemet mal placé qui a fusionné des lignes ; le rapport le signale (l'export d'une
    cellule à retour à la ligne qui contient aussi le séparateur reste possible)."""
    lignes = valeur.split("\n")
    if len(lignes) > 1 and any(separateur in x for x in lignes[1:]):
        grille.remarques.append(
            f"cellule {lettres(colonne)}{numero} (ligne {debut} du fichier) sur {len(lignes)} lignes, dont certaines "
            f"contiennent le séparateur « {separateur} » : un guillemet mal placé a-t-il fusionné des lignes ?")


def _deviner_separateur(texte: str) -> str:
    echantillon = "\n".join(texte.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(echantillon, delimiters=";,\t").delimiter
    except csv.Error:
        comptes = {s: echantillon.count(s) for s in (";", "\t", ",")}
        return max(comptes, key=comptes.get)


def _lignes(feuille: Any, chemin: Path) -> Any:
    """Les lignes d'une feuille en lecture seule, sans se fier à sa dimension déclarée (qui
    ferait remplir de cases vides tout « A1:XFD1048576 ») et en bornant les cases parcourues."""
    if hasattr(feuille, "reset_dimensions"):
        feuille.reset_dimensions()
    cases = 0
    for ligne in feuille.iter_rows():
        cases += len(ligne)
        if cases > CASES_MAX:
            raise CteErreur(f"feuille « {feuille.title} » trop étendue (plus de {CASES_MAX} cases) : "
                            f"{chemin.name} n'est pas un plan d'actions")
        yield ligne


def _lire_classeur(chemin: Path, feuille: str | None) -> Grille:
    import zipfile

    try:
        with zipfile.ZipFile(chemin) as archive:
            decompresse = sum(info.file_size for info in archive.infolist())
            if decompresse > DECOMPRESSE_MAX:
                raise CteErreur(f"classeur refusé : son contenu décompressé dépasse {DECOMPRESSE_MAX // 1_048_576} Mo "
                                f"({decompresse // 1_048_576} Mo) : {chemin.name}")
            _refuser_dtd(archive, chemin)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError) as exc:
        raise CteErreur(f"classeur illisible : {chemin.name} ({_nature_erreur(exc)})") from None
    try:
        return _lire_feuilles(chemin, feuille)
    except CteErreur:
        raise
    except MemoryError:
        raise CteErreur(f"classeur trop gros pour être lu en mémoire : {chemin.name}") from None
    except Exception as exc:  # noqa: BLE001 — XML cassé, archive incohérente : jamais d'« Erreur interne »
        raise CteErreur(f"classeur illisible : {chemin.name} ({_nature_erreur(exc)}) ; réenregistrez-le avec "
                        "Excel ou LibreOffice") from None


def _nature_erreur(exc: BaseException) -> str:
    """La nature d'une erreur de lecture, en français, sans recopier le contenu du fichier."""
    nom = type(exc).__name__
    if nom in ("ParseError", "XMLSyntaxError", "ExpatError") or "xml" in type(exc).__module__.lower():
        return "XML invalide"
    if isinstance(exc, KeyError):
        return "partie manquante dans l'archive"
    if "zip" in nom.lower() or isinstance(exc, EOFError):
        return "archive .xlsx endommagée"
    return nom


#: déclarations qu'aucun classeur Excel ou LibreOffice ne contient : une DTD permet les bombes
#: d'entités (« billion laughs », expansion quadratique) ; on refuse avant toute analyse XML
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


def _refuser_dtd(archive: Any, chemin: Path) -> None:
    """Refuse un classeur dont une partie XML déclare une DTD ou des entités (lecture par
    morceaux : l'archive a déjà été bornée à DECOMPRESSE_MAX)."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        with archive.open(info) as flux:
            debut = flux.read(2)
            motifs = _DTD
            if debut in (b"\xff\xfe", b"\xfe\xff"):
                encodage = "utf-16-le" if debut == b"\xff\xfe" else "utf-16-be"
                motifs = tuple(m.decode("ascii").encode(encodage) for m in _DTD)
            reste = debut
            while True:
                morceau = flux.read(1 << 20)
                bloc = reste + morceau
                if any(m in bloc for m in motifs):
                    raise CteErreur(f"classeur refusé : {chemin.name} déclare une DTD ou des entités XML "
                                    f"({info.filename}), ce qu'aucun tableur ne produit (bombe d'entités ?) ; "
                                    "réenregistrez-le avec Excel ou LibreOffice")
                if not morceau:
                    break
                reste = bloc[-32:]


def _lire_feuilles(chemin: Path, feuille: str | None) -> Grille:
    from openpyxl import load_workbook

    classeur = load_workbook(chemin, read_only=True, data_only=True)
    try:
        noms = classeur.sheetnames
        if not noms:
            raise CteErreur(f"classeur sans feuille : {chemin.name}")
        if feuille is not None and feuille not in noms:
            raise CteErreur(f"feuille « {feuille} » absente de {chemin.name} ; feuilles : {', '.join(noms)}")
        retenue = feuille or noms[0]
        grille = Grille(retenue)
        total = [0]
        for nom in noms:
            if nom == retenue:
                for ligne in _lignes(classeur[nom], chemin):
                    for cellule in ligne:
                        if getattr(cellule, "value", None) is not None:
                            _ajouter(grille, cellule.row, cellule.column, cellule.value, total)
            else:
                n = sum(1 for ligne in _lignes(classeur[nom], chemin) for c in ligne
                        if not vide(getattr(c, "value", None)))
                if n:
                    grille.autres_feuilles.append((nom, n))
        return grille
    finally:
        classeur.close()
