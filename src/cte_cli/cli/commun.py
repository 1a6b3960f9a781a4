"""Aides partagées par les commandes : console, dates, affichage des erreurs."""

from __future__ import annotations

from datetime import date

from cte_cli.erreurs import CteErreur


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


def date_option(texte: str | None) -> date:
    """`--date AAAA-MM-JJ` (défaut : aujourd'hui)."""
    if not texte:
        return date.today()
    try:
        jour = date.fromisoformat(texte)
    except ValueError:
        raise CteErreur(f"date invalide « {texte} » pour --date : attendu AAAA-MM-JJ") from None
    from cte_cli.model.types import DATE_MAX, DATE_MIN

    if not DATE_MIN <= jour <= DATE_MAX:  # les échéances calculées déborderaient l'an 9999
        raise CteErreur(f"date hors de la plage admise « {texte} » pour --date : entre "
                        f"{DATE_MIN.year} et {DATE_MAX.year}")
    return jour
