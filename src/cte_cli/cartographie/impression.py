"""Mise en page d'impression des classeurs (cartographie, suivi des feuilles de route).

Chaque feuille s'imprime en A4 paysage, ajustée à une page de large (autant de pages en hauteur
qu'il faut), avec la ligne d'en-tête et la première colonne répétées sur chaque page, une
ligne d'en-tête assez haute pour ses libellés sur plusieurs lignes, des marges étroites, le
titre en en-tête de page et « Page X sur Y » en pied de page. Les lignes de sous-total
(ensembles, totaux) sont en gras sur fond bleu clair. openpyxl n'est importé qu'à l'appel.
"""

from __future__ import annotations

from collections.abc import Iterable
from math import ceil
from typing import Any

#: hauteur d'une ligne de texte (points) et marge, pour la ligne d'en-tête
HAUTEUR_LIGNE_PT = 12.75
MARGE_ENTETE_PT = 4
#: caractères par unité de largeur de colonne (largeur d'un « 0 ») : le texte courant est plus étroit
CARACTERES_PAR_UNITE = 1.15
FOND_SOUS_TOTAL = "DCE3F7"
#: largeur maximale d'une colonne à l'impression : au-delà, le texte est renvoyé à la ligne
LARGEUR_IMPRIMEE_MAX = 24


def hauteur_entete(feuille: Any, ligne: int = 1) -> float:
    """Hauteur de la ligne d'en-tête pour que chaque libellé, renvoyé à la ligne dans sa
    colonne, soit lu en entier."""
    from openpyxl.utils import get_column_letter

    lignes = 1
    for cellule in feuille[ligne]:
        if cellule.value is None:
            continue
        largeur = feuille.column_dimensions[get_column_letter(cellule.column)].width or 10
        lignes = max(lignes, _lignes(str(cellule.value), max(1, int(largeur * CARACTERES_PAR_UNITE) - 1)))
    return lignes * HAUTEUR_LIGNE_PT + MARGE_ENTETE_PT


def _lignes(texte: str, largeur: int) -> int:
    """Nombre de lignes d'un texte renvoyé à la ligne, mot à mot, dans `largeur` caractères."""
    total = 0
    for paragraphe in texte.splitlines() or [""]:
        courante, n = 0, 1
        for mot in paragraphe.split():
            if courante and courante + 1 + len(mot) > largeur:
                n, courante = n + 1, len(mot)
            else:
                courante += len(mot) + (1 if courante else 0)
            n += max(0, ceil(len(mot) / largeur) - 1)
        total += n
    return total


def resserrer(feuille: Any, largeur_max: int = LARGEUR_IMPRIMEE_MAX) -> None:
    """Colonnes d'au plus `largeur_max` caractères, texte renvoyé à la ligne dans chaque cellule
    (en haut de la cellule) : la feuille tient plus lisiblement sur une page de large."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for j in range(1, feuille.max_column + 1):
        dimension = feuille.column_dimensions[get_column_letter(j)]
        dimension.width = min(dimension.width or 10, largeur_max)
    retour = Alignment(wrap_text=True, vertical="top")
    largeurs = {j: feuille.column_dimensions[get_column_letter(j)].width or 10 for j in range(1, feuille.max_column + 1)}
    for ligne in feuille.iter_rows(min_row=2):
        lignes = 1
        for cellule in ligne:
            cellule.alignment = retour
            if isinstance(cellule.value, str):
                facteur = 1.0 if cellule.font is not None and cellule.font.b else CARACTERES_PAR_UNITE
                largeur = max(1, int(largeurs[cellule.column] * facteur) - 1)
                lignes = max(lignes, _lignes(cellule.value, largeur))
        if lignes > 1:  # les tableurs ne recalculent pas toujours la hauteur d'une ligne renvoyée à la ligne
            feuille.row_dimensions[ligne[0].row].height = lignes * HAUTEUR_LIGNE_PT + 2


def mettre_en_page(feuille: Any, titre: str, *, premiere_colonne: bool = True) -> None:
    """A4 paysage, une page de large, en-tête et première colonne répétés, pied de page."""
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    resserrer(feuille)
    feuille.page_setup.orientation = "landscape"
    feuille.page_setup.paperSize = feuille.PAPERSIZE_A4
    feuille.page_setup.fitToWidth = 1
    feuille.page_setup.fitToHeight = 0
    if feuille.sheet_properties.pageSetUpPr is None:
        feuille.sheet_properties.pageSetUpPr = PageSetupProperties()
    feuille.sheet_properties.pageSetUpPr.fitToPage = True
    feuille.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.25, footer=0.25)
    feuille.print_options.horizontalCentered = True
    feuille.print_title_rows = "1:1"
    if premiere_colonne:
        feuille.print_title_cols = "A:A"
    feuille.oddHeader.left.text = titre
    feuille.oddHeader.left.size = 8
    feuille.oddHeader.right.text = "&A"
    feuille.oddHeader.right.size = 8
    feuille.oddFooter.center.text = "Page &P sur &N"
    feuille.oddFooter.center.size = 8
    feuille.row_dimensions[1].height = hauteur_entete(feuille)


def sous_totaux(feuille: Any, indices: Iterable[int]) -> None:
    """Lignes de sous-total (indices 0-based des lignes de données) : gras sur fond bleu clair."""
    from openpyxl.styles import Font, PatternFill

    fond = PatternFill("solid", fgColor=FOND_SOUS_TOTAL)
    for i in indices:
        for cellule in feuille[i + 2]:
            cellule.font = Font(bold=True)
            if cellule.fill is None or cellule.fill.fgColor.rgb in (None, "00000000"):
                cellule.fill = fond


def axe_pourcentage(graphique: Any) -> None:
    """Un axe de pourcentages va de 0 à 100 % : une valeur au-delà (cible dépassée) ne
    déforme pas l'échelle."""
    graphique.y_axis.scaling.min = 0
    graphique.y_axis.scaling.max = 1
    graphique.y_axis.majorUnit = 0.25
