"""Rapport texte pour le terminal : constats groupés par fichier, puis une ligne de résumé."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from cte_cli.constats import Gravite

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat

STYLES = {Gravite.ERREUR: "bold red", Gravite.AVERTISSEMENT: "yellow", Gravite.INFO: "cyan"}


def rendu(resultat: Resultat) -> Group:
    """Les constats, fichier par fichier, et le résumé ; aucun affichage ici (le CLI imprime)."""
    blocs: list[Text] = []
    for fichier, constats in groupby(resultat.constats, key=lambda c: c.fichier):
        blocs.append(Text(fichier, style="bold underline"))
        for c in constats:
            ligne = Text("  ")
            ligne.append(f"{c.ligne}:{c.colonne}".ljust(8), style="dim")
            ligne.append(str(c.gravite).ljust(14), style=STYLES[c.gravite])
            ligne.append(c.message)
            ligne.append(f"  [{c.regle}, {c.article}]", style="dim")
            blocs.append(ligne)
        blocs.append(Text(""))
    blocs.append(resume(resultat))
    return Group(*blocs)


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def resume(resultat: Resultat) -> Text:
    r = resultat.resume
    style = "bold red" if r.erreurs else ("yellow" if r.avertissements else "bold green")
    texte = Text()
    texte.append(
        f"{_pluriel(r.erreurs, 'erreur')}, {_pluriel(r.avertissements, 'avertissement')}, "
        f"{_pluriel(r.infos, 'info')}",
        style=style,
    )
    texte.append(
        f" — {_pluriel(r.fichiers, 'fichier')} vérifié{'s' if r.fichiers > 1 else ''} "
        f"au {resultat.date_controle:%d/%m/%Y}"
    )
    return texte
