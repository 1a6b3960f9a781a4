"""`cte modeles` : vérifier les modèles de documents d'un dépôt, ou en copier les modèles par
défaut dans son dossier `modeles/` pour les adapter (docs/documents.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe
from cte_cli.cli.commun import argument_depot

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
    depot: Path | None = argument_depot("Dépôt dont le dossier modeles/ reçoit les modèles (défaut : le dossier "
                                        "courant)."),
    force: bool = typer.Option(False, "--force", help="Remplacer les modèles déjà présents."),
) -> None:
    """Copier les modèles livrés avec cte dans le dossier `modeles/` du dépôt pour les adapter (même nom de fichier : le modèle du dépôt remplace celui de cte dans « cte generate … DEPOT »)."""
    from rich.markup import escape

    from cte_cli.cli.commun import console
    from cte_cli.documents.modeles import DOSSIER_DEPOT, dossier_defaut
    from cte_cli.documents.registre import DOCUMENTS
    from cte_cli.ecriture import dans_dossier, ecrire_atomique

    depot = depot or Path(".")
    if depot.name == DOSSIER_DEPOT and not (depot / DOSSIER_DEPOT).exists():
        dossier, racine = depot, depot.parent  # ancien usage : « cte modeles copier modeles »
    else:
        dossier, racine = depot / DOSSIER_DEPOT, depot
    sortie = console()
    ecrits = 0
    for modele in sorted(dossier_defaut() / f"{d.nom}{extension}" for d in DOCUMENTS for extension in (".docx", ".md")):
        cible = dans_dossier(dossier, modele.name)
        if cible.exists() and not force:
            sortie.print(f"  [yellow]existant[/] {escape(str(cible))} (--force pour remplacer)", highlight=False,
                         markup=True)
            continue
        ecrire_atomique(cible, modele.read_bytes(), force=force)
        sortie.print(f"  [green]écrit[/]    {escape(str(cible))}", highlight=False, markup=True)
        ecrits += 1
    sortie.print(f"{ecrits} modèle(s) copié(s) dans {dossier} ; adaptez-les puis vérifiez-les avec "
                 f"« cte modeles verifier {dossier} »", highlight=False)
    attention = ou_generate_cherche(racine, dossier)
    if attention:
        console(stderr=True).print(f"[yellow]Attention[/] : {escape(attention)}", markup=True, highlight=False)


def ou_generate_cherche(racine: Path, dossier: Path) -> str | None:
    """Avertit si `dossier` n'est pas là où `cte generate` cherchera les modèles : le dossier
    `modeles/` de la racine du dépôt (celle qui porte cte.toml, ou un dossier de fichiers YAML)."""
    import os

    from cte_cli.configuration import NOM, trouver
    from cte_cli.documents.modeles import DOSSIER_DEPOT
    from cte_cli.loading.depot import decouvrir

    fichier = trouver(racine)
    if fichier is not None and fichier.parent.resolve() != racine.resolve():
        attendu = os.path.relpath(fichier.parent / DOSSIER_DEPOT)
        return (f"le dépôt est {os.path.relpath(fichier.parent)} (là où est {NOM}) : « cte generate … "
                f"{os.path.relpath(fichier.parent)} » cherchera les modèles dans {attendu}, pas dans {dossier}")
    if fichier is None and not [f for f in decouvrir([str(racine)], exclus=[dossier]) if f]:
        return (f"{racine} ne contient aucun fichier YAML de comité ou de séance : est-ce bien le dépôt ? "
                f"« cte generate … DEPOT » cherche les modèles dans DEPOT/{DOSSIER_DEPOT}")
    return None


def enregistrer(app: typer.Typer) -> None:
    app.add_typer(groupe, name="modeles", help="Modèles de documents : vérifier, copier les modèles par défaut.")
