"""`cte feuille-de-route importer|synthese` : importer un plan d'actions, suivre les fiches."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe
from cte_cli.cli.commun import argument_depot, argument_depots

groupe = nouveau_groupe(help="Feuilles de route : importer un plan d'actions, suivre les fiches action.")


@groupe.command("importer")
def importer(
    fichier: Path = typer.Argument(..., metavar="FICHIER", help="Plan d'actions à importer : .xlsx, .csv ou .tsv."),
    depot: Path | None = argument_depot("Dépôt de configuration du comité (défaut : le dossier courant)."),
    comite: str = typer.Option(..., "--comite", "-c", help="Identifiant du comité dont c'est la feuille de route."),
    sortie: Path | None = typer.Option(
        None, "--sortie", "-o", help="Fichier YAML à écrire (défaut : fdr-<comité>.yaml)."
    ),
    debut: str | None = typer.Option(None, "--debut", metavar="AAAA-MM-JJ", help="Début de la période (défaut : déduit du titre)."),
    fin: str | None = typer.Option(None, "--fin", metavar="AAAA-MM-JJ", help="Fin de la période (défaut : déduite du titre)."),
    feuille: str | None = typer.Option(None, "--feuille", help="Feuille du classeur à lire (défaut : la première)."),
    rapport: Path | None = typer.Option(
        None, "--rapport", help="Écrire aussi le rapport complet, cellule par cellule, en CSV."
    ),
    force: bool = typer.Option(False, "--force", help="Remplacer les fichiers existants."),
) -> None:
    """Importer un plan d'actions (axes, mesures, actions, priorité, pilotes, dates, indicateurs) en feuille de route YAML, avec le rapport de chaque cellule non reprise."""
    from cte_cli import __version__
    from cte_cli.cli.commun import console
    from cte_cli.ecriture import ecrire_atomique, nom_de_fichier
    from cte_cli.feuilles.importer import importer as importer_plan
    from cte_cli.feuilles.importer import vers_yaml
    from cte_cli.feuilles.rapport import afficher_rapport, rapport_csv

    _verifier_comite(depot, comite)
    donnees, trace = importer_plan(str(fichier), comite, _date(debut, "--debut"), _date(fin, "--fin"), feuille)
    cible = sortie or Path(nom_de_fichier(f"fdr-{comite}") + ".yaml")
    from cte_cli.erreurs import CteErreur

    if rapport is not None and rapport.resolve() == cible.resolve():  # jamais deux sorties sur un chemin
        raise CteErreur(f"--rapport et --sortie désignent le même fichier : {rapport}")
    if rapport is not None and rapport.exists() and not force:
        raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {rapport}")
    ecrire_atomique(cible, vers_yaml(donnees, trace, __version__), force=force)
    if rapport is not None:
        ecrire_atomique(rapport, rapport_csv(trace), force=force)
    sortie_console = console()
    afficher_rapport(sortie_console, trace, donnees)
    sortie_console.print(f"  écrit  {cible}" + (f"\n  écrit  {rapport}" if rapport else ""), highlight=False)
    sortie_console.print(conseil_validation(cible, depot or Path(".")), highlight=False)


def _verifier_comite(depot: Path | None, comite: str) -> None:
    """Dans un dépôt (DEPOT donné, ou un cte.toml au-dessus du dossier courant) qui décrit des
    comités, `--comite` doit en désigner un : sinon la feuille de route importée serait refusée
    par `cte validate` (reference-inconnue) ; on refuse avant d'écrire (docs/securite.md)."""
    from cte_cli.cli.commun import comites_du_depot
    from cte_cli.configuration import trouver
    from cte_cli.erreurs import CteErreur
    from cte_cli.suggestions import suggestion

    if depot is None and trouver(Path(".")) is None:
        return  # hors d'un dépôt : le conseil de validation dira où ranger le fichier
    racine, _, comites = comites_du_depot(depot or Path("."))
    ids = [str(d.donnees.get("id")) for d in comites]
    if ids and comite not in ids:
        raise CteErreur(f"--comite : comité « {comite} » introuvable dans le dépôt {racine.chemin}"
                        f"{suggestion(comite, ids)} ; la feuille de route serait refusée par cte validate "
                        "(reference-inconnue) : corrigez --comite, ou créez d'abord le fichier du comité")


def conseil_validation(cible: Path, depot: Path) -> str:
    """La commande qui vérifie la feuille de route importée : celle du dépôt (le comité et ses
    séances y sont ; vérifier le fichier seul le dirait « orphelin »)."""
    import os

    from cte_cli.configuration import trouver

    fichier = trouver(depot)
    racine = fichier.parent if fichier is not None else depot.resolve()
    dans_le_depot = cible.resolve().is_relative_to(racine)
    nom = os.path.relpath(racine)
    if dans_le_depot:
        return f"Vérifiez avec : cte validate {nom}"
    destination = os.path.join(nom, "feuilles-de-route", cible.name)
    return (f"{cible} est hors du dépôt {nom} : rangez-le dans {destination} (mv {cible} {destination}), "
            f"puis vérifiez avec : cte validate {nom}")


@groupe.command("synthese")
def synthese(
    chemins: list[Path] = argument_depots(),
    region: str | None = typer.Option(None, "--region", "-r", help="Comités de cette région (code INSEE)."),
    departement: str | None = typer.Option(None, "--departement", "-d", help="Comités de ce département (code INSEE)."),
    comite: str | None = typer.Option(None, "--comite", "-c", help="Ce comité seulement."),
    sortie: Path | None = typer.Option(None, "--sortie", "-o", help="Écrire aussi le classeur de suivi (.xlsx)."),
    date_: str | None = typer.Option(
        None, "--date", metavar="AAAA-MM-JJ", help="Date de suivi : échéances dépassées (défaut : aujourd'hui)."
    ),
    force: bool = typer.Option(False, "--force", help="Remplacer le fichier --sortie s'il existe."),
) -> None:
    """Suivi des fiches action : statut, pilote, échéance, indicateurs et avancement, fiches en retard en évidence ; consolidé du local au départemental puis au régional."""
    from datetime import datetime

    from rich.markup import escape

    from cte_cli import __version__
    from cte_cli.cli.commun import console, date_option
    from cte_cli.feuilles.synthese import construire, tableau_terminal

    suivi = construire([str(c) for c in chemins or [Path(".")]], region=region, departement=departement,
                       comite=comite, date_suivi=date_option(date_))
    erreur = console(stderr=True)
    for remarque in suivi.remarques:
        erreur.print(f"[yellow]Attention[/] : {escape(str(remarque))}", markup=True, highlight=False)
    if not suivi.fiches:
        from cte_cli.erreurs import CteErreur

        lieu = ", ".join(str(c) for c in chemins or [Path(".")])
        raise CteErreur(f"aucune fiche action à suivre dans {lieu} ({suivi.perimetre}) : pas de feuille de route "
                        "(type: feuille_de_route) pour ces comités. Importez un plan d'actions avec « cte "
                        "feuille-de-route importer FICHIER DEPOT --comite COMITE », ou vérifiez le dépôt et les "
                        "options --region, --departement, --comite")
    sortie_console = console()
    sortie_console.print(tableau_terminal(suivi))
    if sortie is not None:
        from cte_cli.ecriture import ecrire_atomique
        from cte_cli.erreurs import CteErreur
        from cte_cli.feuilles.classeur import ecrire_classeur

        if sortie.suffix.lower() != ".xlsx":
            raise CteErreur(f"le classeur doit avoir l'extension .xlsx : {sortie}")
        contenu = ecrire_classeur(suivi, datetime.now().replace(microsecond=0), __version__)
        ecrire_atomique(sortie, contenu, force=force)
        sortie_console.print(f"  écrit  {sortie}", highlight=False)


def _date(texte: str | None, option: str):
    from datetime import date

    from cte_cli.erreurs import CteErreur

    if not texte:
        return None
    try:
        return date.fromisoformat(texte)
    except ValueError:
        raise CteErreur(f"date invalide « {texte} » pour {option} : attendu AAAA-MM-JJ, par exemple 2026-12-06") from None


def enregistrer(app: typer.Typer) -> None:
    app.add_typer(groupe, name="feuille-de-route")
