"""`cte membres exporter|importer` : les membres des comités dans un classeur Excel, et retour."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe

groupe = nouveau_groupe(help="Les membres des comités dans un classeur Excel, et retour dans les fichiers YAML.")

AIDE_DEPOT = "Dépôt de configuration (défaut : le dossier courant)."


@groupe.command("exporter")
def exporter(
    depot: Path = typer.Argument(Path("."), metavar="DEPOT", help=AIDE_DEPOT, show_default=False),
    comite: str | None = typer.Option(None, "--comite", "-c", metavar="ID", help="Un seul comité (identifiant)."),
    departement: str | None = typer.Option(None, "--departement", metavar="CODE",
                                           help="Les comités d'un département (code INSEE, ex. 21)."),
    region: str | None = typer.Option(None, "--region", "-r", metavar="CODE",
                                      help="Les comités d'une région (code INSEE, ex. 27)."),
    sortie: Path = typer.Option(Path("membres.xlsx"), "--sortie", "-o", help="Classeur à écrire (.xlsx)."),
    force: bool = typer.Option(False, "--force", help="Remplacer le classeur s'il existe."),
    date_: str | None = typer.Option(None, "--date", metavar="AAAA-MM-JJ",
                                     help="Date du contrôle des comités (défaut : aujourd'hui)."),
) -> None:
    """Écrire les membres des comités dans un classeur : une ligne par membre avec tous ses champs
    (collège, qualité, organisation, voix, mandat, courriel, suppléants), listes déroulantes, et le
    résultat du contrôle de chaque comité. Le classeur contient des données personnelles."""
    from cte_cli.cli.commun import console, date_option
    from cte_cli.ecriture import ecrire_atomique
    from cte_cli.erreurs import CteErreur
    from cte_cli.membres import exporter as exporter_membres

    if sortie.suffix.lower() != ".xlsx":
        raise CteErreur(f"le classeur doit avoir l'extension .xlsx : {sortie}")
    if sortie.exists() and not force:
        raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {sortie}")
    export = exporter_membres(depot, comite=comite, departement=departement, region=region,
                              jour=date_option(date_))
    ecrire_atomique(sortie, export.contenu, force=force)
    console().print(f"  écrit  {sortie}\n{export.membres} membres de {export.comites} comité(s). Modifiez la "
                    f"feuille Membres puis : cte membres importer {sortie} {depot}")


@groupe.command("importer")
def importer(
    classeur: Path = typer.Argument(..., metavar="CLASSEUR", help="Classeur produit par cte membres exporter, modifié."),
    depot: Path = typer.Argument(Path("."), metavar="DEPOT", help=AIDE_DEPOT, show_default=False),
    ecrire: bool = typer.Option(False, "--ecrire", help="Écrire les fichiers YAML (sinon : montrer seulement le diff)."),
    date_: str | None = typer.Option(None, "--date", metavar="AAAA-MM-JJ",
                                     help="Date du contrôle du résultat (défaut : aujourd'hui)."),
) -> None:
    """Reporter le classeur dans les fichiers YAML (commentaires et mise en page gardés) : montre le
    diff (membres ajoutés, retirés, modifiés) et n'écrit qu'avec --ecrire. Refuse un classeur dont
    les lignes ne s'apparient pas sans ambiguïté, et un résultat qui aurait de nouvelles erreurs."""
    from rich.markup import escape

    from cte_cli.cli.commun import console, date_option
    from cte_cli.membres import ecrire_import, preparer_import

    resultat = preparer_import(classeur, depot, jour=date_option(date_))
    sortie = console()
    if not resultat.changements:
        sortie.print("Aucune modification : les fichiers YAML correspondent déjà au classeur.")
        return
    for ligne in resultat.diff().splitlines():
        style = "green" if ligne.startswith("+") else "red" if ligne.startswith("-") else "cyan" if ligne.startswith("@@") else ""
        sortie.print(f"[{style}]{escape(ligne)}[/]" if style else escape(ligne), markup=True, highlight=False)
    for c in resultat.changements:
        sortie.print(f"{c.comite.id} ({c.comite.fichier}) : {len(c.ajoutes)} ajouté(s), {len(c.retires)} "
                     f"retiré(s), {len(c.modifies)} modifié(s)")
    if resultat.nouvelles_erreurs:
        erreur = console(stderr=True)
        erreur.print("Import refusé : le dépôt résultant aurait de nouvelles erreurs :")
        for k in resultat.nouvelles_erreurs:
            erreur.print(f"  {k.fichier}:{k.ligne}:{k.colonne}: erreur : {k.message}  [{k.regle}, {k.article}]")
        raise typer.Exit(1)
    if not ecrire:
        sortie.print("Rien n'est écrit : relancez avec --ecrire pour appliquer ces modifications.")
        return
    for chemin in ecrire_import(resultat):
        sortie.print(f"  écrit  {chemin}")


def enregistrer(app: typer.Typer) -> None:
    app.add_typer(groupe, name="membres", help="Membres des comités : exporter vers un classeur Excel, importer "
                  "le classeur modifié dans les fichiers YAML.")
