"""`cte modeles` : vérifier les modèles de documents d'un dépôt, ou en copier les modèles par
défaut dans son dossier `modeles/` pour les adapter (docs/documents.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe

groupe = nouveau_groupe(help="Modèles de documents : vérifier, copier les modèles par défaut.")


@groupe.command("verifier")
def verifier(
    chemins: list[Path] = typer.Argument(
        None, metavar="[DOSSIER|FICHIER]...",
        help="Modèles (.docx, .md) ou dossiers à vérifier (défaut : ./modeles, sinon les modèles livrés).",
        show_default=False,
    ),
) -> None:
    """Vérifier des modèles sans les exécuter : syntaxe Jinja (ligne ou paragraphe), filtres inconnus, variables et attributs que la vue ne fournit pas ; sortie 1 s'il y a une erreur."""
    from rich.markup import escape

    from cte_cli.cli.commun import console
    from cte_cli.documents.modeles import DOSSIER_DEPOT, dossier_defaut
    from cte_cli.documents.verification import modeles_de
    from cte_cli.documents.verification import verifier as verifier_modele

    if not chemins:
        chemins = [Path(DOSSIER_DEPOT) if Path(DOSSIER_DEPOT).is_dir() else dossier_defaut()]
    sortie = console()
    fichiers = modeles_de(chemins)
    erreurs = avertissements = 0
    for fichier in fichiers:
        problemes = verifier_modele(fichier)
        if not problemes:
            sortie.print(f"  [green]conforme[/]  {escape(str(fichier))}", highlight=False, markup=True)
        for p in problemes:
            style = "bold red" if p.gravite == "erreur" else "yellow"
            sortie.print(f"  [{style}]{p.gravite:<13}[/] {escape(str(p))}", highlight=False, markup=True)
            erreurs += p.gravite == "erreur"
            avertissements += p.gravite != "erreur"
    sortie.print(f"{len(fichiers)} modèle(s) vérifié(s) : {erreurs} erreur(s), {avertissements} avertissement(s)",
                 style="bold red" if erreurs else "bold")
    raise typer.Exit(1 if erreurs else 0)


@groupe.command("copier")
def copier(
    dossier: Path = typer.Argument(Path("modeles"), help="Dossier des modèles du dépôt."),
    force: bool = typer.Option(False, "--force", help="Remplacer les modèles déjà présents."),
) -> None:
    """Copier les modèles livrés avec cte dans le dossier `modeles/` du dépôt pour les adapter (même nom de fichier : le modèle du dépôt remplace celui de cte)."""
    from rich.markup import escape

    from cte_cli.cli.commun import console
    from cte_cli.documents.modeles import dossier_defaut
    from cte_cli.ecriture import dans_dossier, ecrire_atomique

    sortie = console()
    ecrits = 0
    for modele in sorted(dossier_defaut().iterdir()):
        if modele.suffix not in (".docx", ".md"):
            continue
        cible = dans_dossier(dossier, modele.name)
        if cible.exists() and not force:
            sortie.print(f"  [yellow]existant[/] {escape(str(cible))} (--force pour remplacer)", highlight=False,
                         markup=True)
            continue
        ecrire_atomique(cible, modele.read_bytes(), force=force)
        sortie.print(f"  [green]écrit[/]    {escape(str(cible))}", highlight=False, markup=True)
        ecrits += 1
    sortie.print(f"{ecrits} modèle(s) copié(s) dans {dossier} ; adaptez-les puis vérifiez-les avec "
                 f"« cte modeles verifier {dossier} »")


def enregistrer(app: typer.Typer) -> None:
    app.add_typer(groupe, name="modeles", help="Modèles de documents : vérifier, copier les modèles par défaut.")
