"""Aides partagées par les commandes : console, dates, affichage des erreurs."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer

from cte_cli.erreurs import CteErreur

#: convention commune (issue 11 §3) : le dépôt est le dernier argument, facultatif, le dossier
#: courant par défaut ; `-d/--depot` reste accepté (caché) là où il existait
AIDE_DEPOT = "Dépôt de configuration (défaut : le dossier courant)."


def argument_depot(aide: str = AIDE_DEPOT):
    """L'argument `DEPOT` (dernier, facultatif, défaut : le dossier courant)."""
    return typer.Argument(None, metavar="DEPOT", help=aide, show_default=False)


def argument_depots(aide: str = AIDE_DEPOT):
    """L'argument `DEPOT...` des commandes qui acceptent plusieurs dépôts (consolidation)."""
    return typer.Argument(None, metavar="DEPOT...", help=aide, show_default=False)


def option_depot_cachee():
    """`-d/--depot`, accepté pour compatibilité (caché dans l'aide)."""
    return typer.Option(None, "--depot", "-d", hidden=True, help=AIDE_DEPOT)


def depot_choisi(positionnel: Path | None, option: Path | None) -> Path:
    """Le dépôt : l'argument `DEPOT`, ou l'ancienne option `--depot`, ou le dossier courant."""
    if positionnel is not None and option is not None and Path(positionnel) != Path(option):
        raise CteErreur(f"dépôt indiqué deux fois (argument « {positionnel} » et --depot « {option} ») : "
                        "gardez l'argument DEPOT")
    return Path(option if option is not None else positionnel if positionnel is not None else ".")


def console(stderr: bool = False):
    """Console rich ; NO_COLOR est respecté, pas de coupure de ligne hors terminal."""
    import os
    import sys

    from cte_cli.terminal import ConsoleSure

    flux = sys.stderr if stderr else sys.stdout
    largeur = None if flux.isatty() or os.environ.get("COLUMNS") else 160
    # markup=False : un nom de fichier ou une valeur contenant « [/x] » ne doit ni être
    # interprété comme une balise rich, ni faire planter l'affichage (MarkupError) ; les
    # appels qui veulent des couleurs passent markup=True et échappent les données
    # ConsoleSure : aucun caractère de contrôle des données n'atteint le terminal (docs/securite.md)
    return ConsoleSure(stderr=stderr, highlight=False, soft_wrap=True, width=largeur, markup=False)


def date_option(texte: str | None, option: str = "--date") -> date:
    """`--date AAAA-MM-JJ` (défaut : aujourd'hui) ; `option` : le nom que l'utilisateur a
    tapé, repris dans le message d'erreur (`--debut`, `--fin`…)."""
    if not texte:
        return date.today()
    try:
        jour = date.fromisoformat(texte)
    except ValueError:
        raise CteErreur(f"date invalide « {texte} » pour {option} : attendu AAAA-MM-JJ, par exemple "
                        "2026-12-06") from None
    from cte_cli.model.types import DATE_MAX, DATE_MIN

    if not DATE_MIN <= jour <= DATE_MAX:  # les échéances calculées déborderaient l'an 9999
        raise CteErreur(f"date hors de la plage admise « {texte} » pour {option} : entre "
                        f"{DATE_MIN.year} et {DATE_MAX.year}")
    return jour


def liste_option(texte: str | None) -> list[str]:
    """`--regles a,b` -> ["a", "b"]."""
    return [x.strip() for x in (texte or "").split(",") if x.strip()]


def comites_du_depot(chemin: Path) -> tuple[Any, Any, list[Any]]:
    """(racine, dépôt lu, documents de type comité) du dépôt désigné par `chemin` (DEPOT résolu,
    sans les dépôts imbriqués) : les commandes qui désignent un comité par son identifiant."""
    from cte_cli.depots import resoudre
    from cte_cli.loading.depot import charger, decouvrir

    racine = resoudre(chemin)
    depot = charger([str(racine.chemin)], fichiers=decouvrir([str(racine.chemin)], exclus=racine.imbriques))
    comites = [d for d in depot.documents if isinstance(d.donnees, dict) and d.donnees.get("type") == "comite"]
    return racine, depot, comites
