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


def _ajouter(grille: Grille, ligne: int, colonne: int, valeur: Any, total: list[int]) -> None:
    if vide(valeur):
        return
    total[0] += 1
    if total[0] > CELLULES_MAX:
        raise CteErreur(f"plus de {CELLULES_MAX} cellules non vides : ce n'est pas un plan d'actions")
    if isinstance(valeur, str):
        valeur = valeur.replace("\r\n", "\n").replace("\r", "\n")
    grille.lignes.setdefault(ligne, []).append(Cellule(grille.feuille, ligne, colonne, valeur))


def _lire_texte(chemin: Path, separateur: str | None) -> Grille:
    brut = chemin.read_bytes()
    grille = Grille(chemin.name)
    try:
        texte = brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = brut.decode("cp1252", errors="replace")
        grille.remarques.append(
            f"{chemin.name} n'est pas en UTF-8 : lu en Windows-1252 ; vérifiez les accents du résultat"
        )
    if "\x00" in texte:
        raise CteErreur(f"contenu binaire (octet nul) : {chemin.name} n'est pas un fichier texte")
    if separateur is None:
        separateur = _deviner_separateur(texte)
    total = [0]
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        for numero, ligne in enumerate(lecteur, 1):
            for colonne, valeur in enumerate(ligne, 1):
                _ajouter(grille, numero, colonne, valeur, total)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise CteErreur(f"{chemin.name} : CSV illisible (une cellule dépasse {csv.field_size_limit()} "
                            "caractères ; un guillemet n'est-il pas refermé ?)") from None
        raise CteErreur(f"{chemin.name} : CSV illisible ({exc})") from None
    return grille


def _deviner_separateur(texte: str) -> str:
    echantillon = "\n".join(texte.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(echantillon, delimiters=";,\t").delimiter
    except csv.Error:
        comptes = {s: echantillon.count(s) for s in (";", "\t", ",")}
        return max(comptes, key=lambda s: comptes[s])


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

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(chemin) as archive:
            decompresse = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CteErreur(f"classeur illisible : {chemin.name} ({type(exc).__name__})") from None
    if decompresse > DECOMPRESSE_MAX:
        raise CteErreur(f"classeur refusé : son contenu décompressé dépasse {DECOMPRESSE_MAX // 1_048_576} Mo "
                        f"({decompresse // 1_048_576} Mo) : {chemin.name}")
    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise CteErreur(f"classeur illisible : {chemin.name} ({type(exc).__name__})") from None
    try:
        noms = classeur.sheetnames
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
