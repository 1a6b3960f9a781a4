"""`cte schema` : le JSON Schema du format, pour la complétion YAML des éditeurs (FORMAT §2)."""

from __future__ import annotations

from pathlib import Path

import typer


def schema(
    sortie: Path | None = typer.Option(
        None, "--sortie", "-o", help="Écrire le schéma dans ce fichier (défaut : sortie standard)."
    ),
    force: bool = typer.Option(False, "--force", help="Remplacer le fichier --sortie s'il existe."),
    configuration: bool = typer.Option(
        False, "--configuration", help="Le schéma de cte.toml (configuration du dépôt) plutôt que celui des YAML.",
    ),
) -> None:
    """Exporter le JSON Schema (draft 2020-12) du format, avec les descriptions en français.

    À référencer dans l'éditeur : ligne « # yaml-language-server: $schema=cte.schema.json »
    en tête des fichiers, ou réglage yaml.schemas de VS Code (voir docs/schema.md).
    """
    if configuration:
        import json

        from cte_cli.configuration import schema as schema_configuration

        contenu = json.dumps(schema_configuration(), ensure_ascii=False, indent=2) + "\n"
    else:
        from cte_cli.schema import texte

        contenu = texte()
    if sortie is None:
        typer.echo(contenu, nl=False)
        return
    from cte_cli.cli.commun import console
    from cte_cli.ecriture import ecrire_atomique

    ecrire_atomique(sortie, contenu, force=force)
    console(stderr=True).print(f"schéma écrit dans {sortie}")


def enregistrer(app: typer.Typer) -> None:
    app.command("schema")(schema)
