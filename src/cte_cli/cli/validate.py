"""`cte validate` : vérifier un dépôt de configuration (FORMAT §2)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli.commun import console, date_option


def validate(
    chemins: list[Path] = typer.Argument(
        None, help="Fichiers ou dossiers à vérifier (défaut : le dossier courant).", show_default=False
    ),
    format_: str = typer.Option(
        "texte", "--format", "-f",
        help="Format du rapport : texte, json, github, gitlab, junit ou sarif.",
    ),
    sortie: Path | None = typer.Option(
        None, "--sortie", "-o",
        help="Écrire le rapport machine (--format) dans ce fichier et afficher le rapport texte.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Les avertissements font aussi échouer (code 1)."),
    date_: str | None = typer.Option(
        None, "--date", metavar="AAAA-MM-JJ", help="Vérifier à cette date (défaut : aujourd'hui)."
    ),
    force: bool = typer.Option(False, "--force", help="Remplacer le fichier --sortie s'il existe."),
    depuis: str | None = typer.Option(
        None, "--depuis", metavar="REF",
        help="Ne vérifier que les fichiers modifiés depuis cette référence git (branche, commit) "
        "et ceux qui en dépendent.",
    ),
    territoires: str = typer.Option(
        "departements", "--territoires",
        help="Synthèse des territoires du rapport texte : departements (une ligne par "
        "département), comites (détail par comité local) ou aucun.",
    ),
) -> None:
    """Vérifier les fichiers YAML au regard du format et du code du travail.

    Codes de sortie : 0 aucune erreur, 1 au moins une erreur (ou un avertissement avec
    --strict), 2 entrée illisible ou commande mal employée.
    """
    from cte_cli.erreurs import CteErreur
    from cte_cli.moteur import valider
    from cte_cli.reports import FORMATS_VALIDATE, rendre

    if format_ not in FORMATS_VALIDATE:
        raise CteErreur(f"format « {format_} » inconnu ; formats possibles : {', '.join(FORMATS_VALIDATE)}")
    if territoires not in ("departements", "comites", "aucun"):
        raise CteErreur(f"--territoires « {territoires} » inconnu ; valeurs possibles : departements, comites, aucun")
    if sortie is not None and sortie.exists() and not force:
        raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {sortie}")
    cibles = [str(c) for c in chemins or [Path(".")]]
    if depuis is not None:
        from cte_cli.depuis import valider_depuis

        resultat = valider_depuis(cibles, depuis, date_option(date_))
    else:
        resultat = valider(cibles, date_option(date_))
    if format_ == "texte" or sortie is not None:
        from cte_cli.reports.texte import rendu

        console().print(rendu(resultat, territoires))
    if format_ == "texte" and sortie is not None:
        from cte_cli.ecriture import ecrire_atomique
        from cte_cli.reports.commun import texte_brut

        ecrire_atomique(sortie, texte_brut(resultat), force=force)
    elif format_ != "texte":
        rapport = rendre(format_, resultat)
        if sortie is not None:
            from cte_cli.ecriture import ecrire_atomique

            ecrire_atomique(sortie, rapport, force=force)
        else:
            typer.echo(rapport, nl=False)
    raise typer.Exit(resultat.code_sortie(strict))


def enregistrer(app: typer.Typer) -> None:
    app.command("validate")(validate)
