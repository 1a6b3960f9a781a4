"""`cte generate arrete …` : les arrêtés du préfet (composition, modificatif, voix, ressort ;
docs/documents.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe
from cte_cli.documents.registre import de_la_commande

groupe = nouveau_groupe(help="Produire les arrêtés du préfet : composition d'un comité, remplacement d'un "
                        "membre, nombre de voix, ressort des comités locaux d'un département.")

AIDE_DEPOT = "Dépôt de configuration (défaut : dossier courant)."


def _commande(document):
    """La commande d'un arrêté du registre (`documents.registre`)."""
    metavar, aide_cible = document.argument

    def commande(
        cible: str = typer.Argument(..., metavar=metavar, help=aide_cible),
        depot: Path | None = typer.Argument(None, metavar="DEPOT", help=AIDE_DEPOT, show_default=False),
        depot_option: Path | None = typer.Option(None, "--depot", "-d", hidden=True),
        sortie: Path = typer.Option(Path("."), "--sortie", "-o", help="Dossier où écrire (créé au besoin)."),
        format_: str = typer.Option("docx", "--format", "-f", help="Format : docx (Word), md (Markdown) ou pdf."),
        force: bool = typer.Option(False, "--force", help="Remplacer les fichiers existants."),
        date_: str | None = typer.Option(None, "--date", metavar="AAAA-MM-JJ",
                                         help="Date de contrôle (défaut : aujourd'hui)."),
        membre: str | None = typer.Option(None, "--membre", metavar="NOM",
                                          help="Le membre nommé en remplacement (défaut : tous les remplacements).",
                                          hidden="membre" not in document.options),
    ) -> None:
        from cte_cli.cli.generate import _charger, _executer, _format, _resume

        generer = document.fonction()
        format_ = _format(format_)
        ch = _charger(depot or depot_option or Path("."), date_)
        ecrits = _executer(lambda: generer(ch, cible, sortie, format_, force=force, membre=membre))
        _resume(ecrits, document.bilan)

    commande.__doc__ = document.aide
    return commande


for _document in de_la_commande("arrete"):
    groupe.command(_document.commande[-1])(_commande(_document))
