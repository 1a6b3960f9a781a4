"""`cte lsp` : le serveur de langage pour l'éditeur (docs/editeur.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli.commun import argument_depot


def lsp(
    chemin: Path | None = argument_depot(
        "Dépôt à garder en mémoire (défaut : le dossier ouvert dans l'éditeur, à défaut le dossier courant)."),
    date_: str | None = typer.Option(
        None, "--date", metavar="AAAA-MM-JJ", help="Vérifier à cette date (défaut : aujourd'hui, chaque fois)."
    ),
    stdio: bool = typer.Option(True, "--stdio", hidden=True, help="Sur l'entrée et la sortie standard (défaut)."),
) -> None:
    """Serveur de langage (LSP) sur l'entrée et la sortie standard : diagnostics en direct à
    chaque frappe, texte des articles au survol d'un constat, corrections proposées (identifiant
    suggéré, voix calculées). À lancer par l'éditeur, pas à la main : voir docs/editeur.md."""
    from cte_cli.cli.commun import date_option
    from cte_cli.lsp.serveur import lancer

    lancer(chemin, date_option(date_) if date_ else None)


def enregistrer(app: typer.Typer) -> None:
    app.command("lsp")(lsp)
