"""Feuilles de calcul sûres et lisibles : en-têtes français figés, filtres, largeurs, dates
françaises, et aucune cellule qui puisse être lue comme une formule.

Injection de formules (OWASP, « CSV Injection ») : une valeur texte qui commence par ``=``,
``+``, ``-``, ``@``, une tabulation ou un retour chariot (éventuellement après des espaces)
serait exécutée par un tableur. On la préfixe d'une apostrophe, dans le classeur (où la
cellule est en outre forcée en type texte ``s``) comme dans le CSV. Les nombres et les dates
restent des nombres et des dates. Utilisé par la cartographie et par la synthèse des feuilles
de route ; openpyxl n'est importé que par les fonctions qui écrivent un classeur.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

#: caractères qui font d'une cellule une formule (OWASP)
DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r")
FORMAT_DATE = "dd/mm/yyyy"
FORMAT_POURCENT = "0%"
LARGEUR_MAX = 60


def dangereux(texte: str) -> bool:
    """Vrai si un tableur pourrait interpréter ce texte comme une formule."""
    return texte.startswith(DEBUTS_DANGEREUX) or texte.lstrip(" ").startswith(DEBUTS_DANGEREUX)


def neutraliser(valeur: Any) -> Any:
    """Préfixe d'une apostrophe un texte qui serait lu comme une formule ; le reste est inchangé."""
    if isinstance(valeur, str) and valeur and dangereux(valeur):
        return "'" + valeur
    return valeur


@dataclass
class Colonne:
    """Une colonne : en-tête français, largeur minimale, format de nombre éventuel."""

    titre: str
    largeur: int = 10
    format: str | None = None


@dataclass
class Tableau:
    """Une feuille à écrire : colonnes, lignes, et lignes à surligner (indices 0-based)."""

    nom: str
    colonnes: list[Colonne]
    lignes: list[list[Any]] = field(default_factory=list)
    surlignees: set[int] = field(default_factory=set)


def largeur(valeur: Any) -> int:
    if valeur is None:
        return 0
    if isinstance(valeur, date | datetime):
        return 10
    if isinstance(valeur, float):
        return 8
    return max((len(x) for x in str(valeur).splitlines()), default=0)


def ecrire_tableau(classeur, tableau: Tableau):
    """Ajoute la feuille au classeur openpyxl : en-tête gras figé, filtres, largeurs, formats."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    feuille = classeur.create_sheet(tableau.nom[:31])
    gras = Font(bold=True, color="FFFFFF")
    fond = PatternFill("solid", fgColor="000091")  # bleu France
    alerte = PatternFill("solid", fgColor="FCDCDC")
    for j, colonne in enumerate(tableau.colonnes, 1):
        cellule = feuille.cell(row=1, column=j)
        _poser(cellule, colonne.titre)
        cellule.font, cellule.fill = gras, fond
        cellule.alignment = Alignment(wrap_text=True, vertical="top")
    for i, ligne in enumerate(tableau.lignes):
        for j, (colonne, valeur) in enumerate(zip(tableau.colonnes, ligne, strict=True), 1):
            cellule = feuille.cell(row=i + 2, column=j)
            _poser(cellule, valeur)
            if isinstance(valeur, date | datetime):
                cellule.number_format = FORMAT_DATE
            elif colonne.format and isinstance(valeur, int | float):
                cellule.number_format = colonne.format
            if i in tableau.surlignees:
                cellule.fill = alerte
    for j, colonne in enumerate(tableau.colonnes, 1):
        contenu = max((largeur(ligne[j - 1]) for ligne in tableau.lignes), default=0)
        entete = max((len(x) for x in colonne.titre.split()), default=0)
        feuille.column_dimensions[get_column_letter(j)].width = min(
            LARGEUR_MAX, max(colonne.largeur, entete + 2, contenu + 2)
        )
    feuille.freeze_panes = "A2"
    if tableau.colonnes:
        derniere = get_column_letter(len(tableau.colonnes))
        feuille.auto_filter.ref = f"A1:{derniere}{max(1, len(tableau.lignes) + 1)}"
    return feuille


#: longueur maximale d'un texte dans une cellule Excel (spécifications et limites d'Excel)
CELLULE_MAX = 32_767
#: caractères interdits par XML 1.0, donc dans une cellule .xlsx (openpyxl lèverait une erreur)
_INTERDITS_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _poser(cellule, valeur: Any) -> None:
    """Écrit une valeur ; un texte est toujours une chaîne (jamais une formule)."""
    if isinstance(valeur, bool):
        valeur = "oui" if valeur else "non"
    if isinstance(valeur, str):
        # un nom de fichier peut porter ESC ou NUL, que XML 1.0 (donc .xlsx) interdit : notation visible
        texte = _INTERDITS_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", neutraliser(valeur))
        # au-delà de 32 767 caractères, Excel déclare le classeur endommagé et le « répare »
        cellule.value = texte if len(texte) <= CELLULE_MAX else texte[: CELLULE_MAX - 1] + "…"
        cellule.data_type = "s"
    else:
        cellule.value = valeur


def feuille_source(classeur, titre: str, lignes: Sequence[tuple[str, Any]]):
    """La feuille « Source » : d'où viennent les chiffres et avec quels paramètres."""
    tableau = Tableau(titre, [Colonne("Élément", 28), Colonne("Valeur", 60)], [list(x) for x in lignes])
    feuille = ecrire_tableau(classeur, tableau)
    feuille.auto_filter.ref = None
    return feuille


def nouveau_classeur(moment: datetime | None = None):
    """Un classeur vide, daté (propriétés du document) pour un résultat reproductible."""
    from openpyxl import Workbook

    classeur = Workbook()
    classeur.remove(classeur.active)
    if moment is not None:
        classeur.properties.created = moment
        classeur.properties.modified = moment
    classeur.properties.creator = "cte"
    return classeur


def en_octets(classeur) -> bytes:
    flux = io.BytesIO()
    classeur.save(flux)
    return flux.getvalue()


def graphique_barres(feuille, titre: str, axe_y: str, colonne_categories: int,
                     colonnes_valeurs: Iterable[int], nb_lignes: int, ancre: str,
                     empile: bool = False, format_y: str | None = None):
    """Un histogramme natif (openpyxl BarChart) lu dans la feuille elle-même."""
    from openpyxl.chart import BarChart, Reference

    graphique = BarChart()
    graphique.type = "col"
    graphique.title = titre
    graphique.y_axis.title = axe_y
    graphique.height, graphique.width = 9, 22
    if empile:
        graphique.grouping = "stacked"
        graphique.overlap = 100
    for colonne in colonnes_valeurs:
        donnees = Reference(feuille, min_col=colonne, min_row=1, max_row=nb_lignes + 1)
        graphique.add_data(donnees, titles_from_data=True)
    categories = Reference(feuille, min_col=colonne_categories, min_row=2, max_row=nb_lignes + 1)
    graphique.set_categories(categories)
    if format_y:
        graphique.y_axis.numFmt = format_y
    graphique.y_axis.delete = False
    graphique.x_axis.delete = False
    feuille.add_chart(graphique, ancre)
    return graphique
