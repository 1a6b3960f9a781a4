"""`cte generate arrete …` : les arrêtés du préfet (composition, modificatif, voix, ressort ;
docs/documents.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe

groupe = nouveau_groupe(help="Produire les arrêtés du préfet : composition d'un comité, remplacement d'un "
                        "membre, nombre de voix, ressort des comités locaux d'un département.")

AIDE_DEPOT = "Dépôt de configuration (défaut : dossier courant)."


def _commande(nature: str, metavar: str, aide_cible: str, aide: str, avec_membre: bool = False):
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
                                          hidden=not avec_membre),
    ) -> None:
        from cte_cli.cli.generate import _charger, _executer, _format, _resume
        from cte_cli.documents.arretes import NATURES_ARRETES, generer_arrete

        format_ = _format(format_)
        ch = _charger(depot or depot_option or Path("."), date_)
        ecrits = _executer(lambda: generer_arrete(ch, nature, cible, sortie, format_, force=force, membre=membre))
        _resume(ecrits, NATURES_ARRETES[nature][:1].upper() + NATURES_ARRETES[nature][1:])

    commande.__doc__ = aide
    return commande


groupe.command("composition")(_commande(
    "composition", "COMITE", "Identifiant du comité.",
    "Arrêté portant composition du comité : coprésidence, nombre de membres par catégorie, membres "
    "nommés (titulaires, suppléants, organisation), membres de droit, invités, durée des mandats "
    "(R. 5311-36), voies et délais de recours. Arrêté conjoint des préfets pour un comité sur "
    "plusieurs départements (R. 5311-29, R. 5311-35).",
))
groupe.command("modificatif")(_commande(
    "modificatif", "COMITE", "Identifiant du comité.",
    "Arrêté modificatif nommant un membre en remplacement d'un autre pour la durée du mandat "
    "restant à courir (R. 5311-36) : un par membre qui porte `remplace`, ou celui de --membre.",
    avec_membre=True,
))
groupe.command("voix")(_commande(
    "voix", "COMITE", "Identifiant du comité.",
    "Arrêté fixant le nombre de voix des membres (R. 5311-38 ; comité local : R. 5311-39), avec "
    "le calcul : égalités, plus forte moyenne, paramètres d'audience et leur source.",
))
groupe.command("ressort")(_commande(
    "ressort", "DEPARTEMENT", "Code INSEE du département (21, 2A…) ou identifiant de son comité départemental.",
    "Arrêté fixant les limites géographiques des comités locaux d'un département (R. 5311-30) : "
    "EPCI, communes et population de chacun, couverture du département sans recouvrement.",
))
