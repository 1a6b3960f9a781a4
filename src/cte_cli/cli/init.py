"""`cte init --region CODE DOSSIER` : un dépôt neuf pour une région."""

from __future__ import annotations

from pathlib import Path

import typer


def init(
    dossier: Path = typer.Argument(..., metavar="DEPOT", help="Dossier du nouveau dépôt (absent ou vide)."),
    region: str = typer.Option(..., "--region", "-r", help="Code INSEE de la région (ex. 27 pour la Bourgogne-Franche-Comté)."),
    force: bool = typer.Option(False, "--force", help="Écrire dans un dossier non vide et remplacer les fichiers existants."),
    forge: str = typer.Option("gitlab", "--forge", help="Intégration continue à écrire : gitlab (.gitlab-ci.yml) ou github (.github/workflows/cte.yml)."),
    crochets: str | None = typer.Option(None, "--crochets", metavar="URL", help="Dépôt git de cte : les crochets pre-commit (rev: la version de cte) et la CI (pip install depuis ce dépôt, à l'étiquette de la version) le prennent, plutôt que le cte installé et PyPI."),
) -> None:
    """Créer un dépôt de configuration pour une région : comité régional, comités
    départementaux avec leur commission inclusion et IAE, membres à désigner ; et son
    outillage : intégration continue, pre-commit, JSON Schema et réglages de l'éditeur."""
    from cte_cli.cli.commun import console
    from cte_cli.configuration import ecrire_initiale
    from cte_cli.echafaudage import echafauder

    ecrits = echafauder(region, dossier, force=force, forge=forge, crochets=crochets)
    ecrits.append(ecrire_initiale(dossier, force=force))
    sortie = console()
    for chemin in ecrits:
        sortie.print(f"  écrit  {chemin}")
    sortie.print(f"{len(ecrits)} fichiers écrits dans {dossier}. Vérifiez avec : cte validate {dossier}")


def enregistrer(app: typer.Typer) -> None:
    app.command("init")(init)
