"""Erreurs de syntaxe YAML expliquées en français, avec la correction à faire (issue 11 §2).

L'analyseur dit où il s'est arrêté (« mapping values are not allowed », « found a tab ») ; la
personne qui a tapé le fichier veut savoir quoi changer. On relit donc les lignes autour de
l'erreur pour reconnaître les fautes ordinaires d'une saisie à la main :

- une tabulation dans l'indentation (« remplacez la tabulation par des espaces ») ;
- une clé trop indentée sous une clé qui a déjà une valeur (« indentation », pas « mettez la
  valeur entre guillemets ») ;
- un élément de liste ou une clé qui ne s'aligne sur aucun niveau au-dessus ;
- un « : » dans une valeur (« mettez la valeur entre guillemets ») ;
- un guillemet ouvert jamais refermé (la ligne où il s'ouvre, pas celle où l'analyseur bute).

Les clés en double sont traitées par `parser._erreur_depuis` (les deux lignes).
"""

from __future__ import annotations

import re

_CLE = re.compile(r"^(?P<indent>[ ]*)(?P<tiret>(?:-[ ]+)*)(?P<cle>[^\s#'\"\[\]{}:,][^:#]*?|\"[^\"]*\"|'[^']*'):(?:[ ]|$)")


def _lignes(texte: str) -> list[str]:
    return texte.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _contenu(ligne: str) -> bool:
    return bool(ligne.strip()) and not ligne.lstrip().startswith("#")


def expliquer(texte: str, brut: str, ligne: int, colonne: int) -> tuple[str, int, int] | None:
    """(message, ligne, colonne) expliquant l'erreur de syntaxe, ou None si on ne sait pas
    mieux dire que la traduction générique."""
    lignes = _lignes(texte)
    for trouve in (_tabulation(lignes, ligne), _guillemet(lignes, brut, ligne)):
        if trouve:
            return trouve
    if not 1 <= ligne <= len(lignes):
        return None
    if "mapping values are not allowed" in brut or "illegal placement of ':'" in brut:
        return _deux_points(lignes, ligne, colonne)
    if "did not find expected '-' indicator" in brut or "did not find expected key" in brut:
        return _alignement(lignes, ligne, colonne)
    return None


def _tabulation(lignes: list[str], ligne_erreur: int) -> tuple[str, int, int] | None:
    """Première tabulation dans l'indentation (ou juste après un « - ») avant l'erreur."""
    for numero, texte in enumerate(lignes[: ligne_erreur + 1], 1):
        m = re.match(r"^[ ]*(?:-[ ]*)*\t", texte)
        if m:
            return ("tabulation dans l'indentation : remplacez la tabulation par des espaces "
                    "(YAML n'accepte que des espaces pour indenter)", numero, m.end())
    return None


def _guillemet(lignes: list[str], brut: str, ligne_erreur: int) -> tuple[str, int, int] | None:
    """Un guillemet ouvrant sans guillemet fermant, avant l'endroit où l'analyseur bute."""
    if "quoted scalar" not in brut and "unexpected end of" not in brut and "end of the stream" not in brut:
        return None
    for numero, texte in enumerate(lignes[:ligne_erreur], 1):
        m = re.match(r"^[ ]*(?:-[ ]+)*(?:[^\s#'\"][^:#]*:[ ]+)?(?P<q>[\"'])", texte)
        if not m or not _contenu(texte):
            continue
        q, debut = m.group("q"), m.end()
        reste = texte[debut:]
        ferme = _fermeture(reste, q)
        if ferme is None:
            conseil = (" ; une apostrophe dans un texte entre « ' » s'écrit ''" if q == "'" else "")
            return (f"guillemet « {q} » ouvert ici et jamais refermé : ajoutez « {q} » à la fin de la "
                    f"valeur, ou retirez celui du début{conseil}", numero, debut)
    return None


def _fermeture(reste: str, q: str) -> int | None:
    i = 0
    while i < len(reste):
        c = reste[i]
        if q == '"' and c == "\\":
            i += 2
            continue
        if c == q:
            if q == "'" and reste[i + 1 : i + 2] == "'":  # '' : apostrophe dans un texte entre '…'
                i += 2
                continue
            return i
        i += 1
    return None


def _precedente(lignes: list[str], ligne: int) -> int | None:
    """Numéro de la dernière ligne de contenu avant `ligne` (1-based)."""
    for numero in range(ligne - 1, 0, -1):
        if _contenu(lignes[numero - 1]):
            return numero
    return None


def _colonne_cle(texte: str) -> tuple[int, str] | None:
    """(colonne 1-based, nom) de la clé en tête de ligne (après d'éventuels « - »)."""
    m = _CLE.match(texte)
    if not m:
        return None
    return len(m.group("indent")) + len(m.group("tiret")) + 1, m.group("cle").strip().strip("\"'")


def _deux_points(lignes: list[str], ligne: int, colonne: int) -> tuple[str, int, int] | None:
    texte = lignes[ligne - 1]
    tete = _colonne_cle(texte)
    if tete is not None:
        col_cle, cle = tete
        deux_points = texte.find(":", col_cle - 1 + len(cle))
        if colonne - 1 > deux_points >= 0:  # un second « : », dans la valeur
            valeur = texte[deux_points + 1 :].split(" #")[0].strip()
            return (f"« : » dans la valeur de « {cle} » : mettez la valeur entre guillemets, par "
                    f"exemple {cle}: \"{valeur}\"", ligne, colonne)
    precedente = _precedente(lignes, ligne)
    if precedente is None or tete is None:
        return None
    avant = _colonne_cle(lignes[precedente - 1])
    if avant is None:
        return None
    col_avant, cle_avant = avant
    if tete[0] > col_avant:
        return (f"indentation : « {tete[1]} » est plus indentée que « {cle_avant} » (ligne "
                f"{precedente}), qui a déjà une valeur ; alignez-la sur « {cle_avant} » (colonne "
                f"{col_avant}) ou placez-la sous une clé qui ouvre un dictionnaire", ligne, tete[0])
    return None


def _alignement(lignes: list[str], ligne: int, colonne: int) -> tuple[str, int, int] | None:
    """Une ligne qui ne s'aligne sur aucun niveau : on propose la colonne du plus proche
    élément de même nature (élément de liste ou clé) au-dessus."""
    texte = lignes[ligne - 1]
    retrait = len(texte) - len(texte.lstrip(" "))
    liste = texte.lstrip(" ").startswith("-")
    for numero in range(ligne - 1, 0, -1):
        autre = lignes[numero - 1]
        if not _contenu(autre):
            continue
        r = len(autre) - len(autre.lstrip(" "))
        if autre.lstrip(" ").startswith("-") == liste and r != retrait and r < retrait + 4:
            nature = "l'élément de liste (« - »)" if liste else "la clé"
            return (f"indentation : {nature} de la ligne {ligne} commence à la colonne {retrait + 1}, "
                    f"celui de la ligne {numero} à la colonne {r + 1} ; alignez-les (même nombre "
                    "d'espaces en début de ligne)", ligne, retrait + 1)
        if r < retrait and not autre.lstrip(" ").startswith("-"):
            break
    return None
