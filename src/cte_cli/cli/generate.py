"""`cte generate` : règlement intérieur, convocations (.docx et .ics), feuille d'émargement,
relevé de décisions (FORMAT §4 ; docs/documents.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli import nouveau_groupe
from cte_cli.cli.commun import argument_depot, depot_choisi, option_depot_cachee

groupe = nouveau_groupe(help="Produire les documents d'un comité ou d'une séance (Word, Markdown, PDF).")

AIDE_DEPOT = "Dépôt de configuration où chercher le comité ou la séance (défaut : le dossier courant)."
AIDE_FORMAT = "Format : docx (Word), md (Markdown) ou pdf (par LibreOffice)."
AIDE_FORCE = "Remplacer les fichiers existants."
AIDE_DATE = "Date de contrôle et date du document (défaut : aujourd'hui)."


def _format(valeur: str) -> str:
    from cte_cli.documents.generation import FORMATS
    from cte_cli.erreurs import CteErreur

    if valeur not in FORMATS:
        from cte_cli.suggestions import suggestion

        raise CteErreur(f"--format : format « {valeur} » inconnu ; formats possibles : {', '.join(FORMATS)}"
                        + suggestion(valeur, FORMATS))
    return valeur


def _charger(depot: Path, date_: str | None):
    from cte_cli.cli.commun import date_option
    from cte_cli.documents.generation import charger
    from cte_cli.erreurs import CteErreur

    chargement = charger(depot, date_option(date_))
    if chargement.resultat.depot.fichiers == 0:
        raise CteErreur(f"aucun fichier YAML dans {depot} : est-ce le dossier du dépôt ? (cte generate … DEPOT)")
    return chargement


def _executer(action) -> list:
    """Lance la génération ; affiche les constats bloquants d'un dépôt invalide (sortie 2)."""
    from cte_cli.documents.generation import DepotInvalide

    try:
        return action()
    except DepotInvalide as exc:
        from cte_cli.cli.commun import console

        sortie = console(stderr=True)
        for c in exc.constats:
            sortie.print(f"{c.fichier}:{c.ligne}:{c.colonne}: {c.gravite} : {c.message}  [{c.regle}, {c.article}]",
                         highlight=False, markup=False)
        raise


def _resume(ecrits: list, titre: str) -> None:
    """Affiche chaque fichier et le bilan ; sortie 1 s'il y a un échec."""
    from rich.markup import escape

    from cte_cli.cli.commun import console
    from cte_cli.documents.generation import ECHEC, ECRIT, EXISTANT, IGNORE

    sortie = console()
    styles = {ECRIT: "green", EXISTANT: "yellow", IGNORE: "dim", ECHEC: "bold red"}
    for e in ecrits:
        cible = str(e.chemin) if e.chemin else e.sujet
        raison = f"  ({e.raison})" if e.raison and e.statut != ECRIT else ""
        sortie.print(f"  [{styles[e.statut]}]{e.statut:<9}[/] {escape(cible)}{escape(raison)}", markup=True,
                     highlight=False)
    compte = {s: sum(1 for e in ecrits if e.statut == s) for s in (ECRIT, EXISTANT, IGNORE, ECHEC)}
    bilan = (f"{titre} : {compte[ECRIT]} écrit(s), {compte[EXISTANT]} existant(s) non remplacé(s) "
             f"(--force pour remplacer), {compte[IGNORE]} ignoré(s), {compte[ECHEC]} échec(s)")
    sortie.print(bilan, style="bold red" if compte[ECHEC] else "bold")
    if compte[ECHEC]:
        raise typer.Exit(1)


@groupe.command("reglement")
def reglement(
    cible: str = typer.Argument(
        None, metavar="[COMITE]",
        help="Identifiant du comité (sans objet avec --tous).", show_default=False,
    ),
    chemin: Path | None = argument_depot(AIDE_DEPOT),
    tous: bool = typer.Option(False, "--tous", help="Le règlement de chaque comité départemental et local du dépôt."),
    depot: Path | None = option_depot_cachee(),
    sortie: Path = typer.Option(Path("."), "--sortie", "-o", metavar="DOSSIER", help="Dossier où écrire (créé au besoin)."),
    format_: str = typer.Option("docx", "--format", "-f", metavar="FORMAT", help=AIDE_FORMAT),
    force: bool = typer.Option(False, "--force", help=AIDE_FORCE),
    date_: str | None = typer.Option(None, "--date", metavar="AAAA-MM-JJ", help=AIDE_DATE),
) -> None:
    """Règlement intérieur d'un comité départemental ou local (R. 5311-45) : composition par collège, coprésidence, commissions, convocation, quorum, votes, secrétariat. Avec --tous, celui de chaque comité du dépôt : cte generate reglement --tous [DEPOT]."""
    from cte_cli.documents import generation as g
    from cte_cli.erreurs import CteErreur

    format_ = _format(format_)
    if tous:
        if cible is not None and chemin is not None:
            raise CteErreur(f"avec --tous, indiquez seulement le dépôt (pas de comité « {cible} ») : "
                            "cte generate reglement --tous [DEPOT]")
        racine = depot_choisi(Path(cible) if cible is not None else chemin, depot)
        ch = _executer(lambda: _charger(racine, date_))
        if not any(d.donnees.get("niveau") in ("departemental", "local") for d in ch.documents("comite")
                   if isinstance(d.donnees, dict)):
            raise CteErreur(f"aucun comité départemental ou local dans {racine} : aucun règlement intérieur à "
                            "produire (les comités régionaux et territoriaux suivent celui du CREFOP, R. 5311-45)")
        ecrits = _executer(lambda: _en_masse(ch, sortie, format_, force))
        _resume(ecrits, "Règlements intérieurs")
        return
    if not cible:
        raise CteErreur("indiquez l'identifiant du comité (ou --tous pour tous les comités du dépôt) : "
                        "cte generate reglement COMITE [DEPOT]")
    ch = _charger(depot_choisi(chemin, depot), date_)
    _resume(_executer(lambda: g.generer_reglement(ch, cible, sortie, format_, force=force)), "Règlement intérieur")


def _en_masse(ch, sortie: Path, format_: str, force: bool) -> list:
    """Tous les règlements, avec une barre de progression sur la sortie d'erreur."""
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from cte_cli.cli.commun import console
    from cte_cli.documents.generation import generer_reglements

    colonnes = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*colonnes, console=console(stderr=True), transient=True) as barre:
        tache = barre.add_task("Règlements intérieurs", total=ch.nombre_comites())
        # la description est du balisage rich : un identifiant « [/x] » ne doit pas y être lu comme balise
        return generer_reglements(ch, sortie, format_, force=force,
                                  progression=lambda sujet: barre.update(tache, advance=1, description=escape(sujet)))


def _avertir(message: str) -> None:
    """Un avertissement de génération, sur la sortie d'erreur (le document est produit)."""
    from cte_cli.cli.commun import console

    console(stderr=True).print(f"avertissement : {message}", style="yellow", highlight=False, markup=False)


def _commande_seance(nom: str, titre: str, aide: str):
    def commande(
        seance: str = typer.Argument(..., metavar="SEANCE", help="Identifiant de la séance ou chemin de son fichier."),
        chemin: Path | None = argument_depot(AIDE_DEPOT),
        depot: Path | None = option_depot_cachee(),
        sortie: Path | None = typer.Option(None, "--sortie", "-o", metavar="DOSSIER",
                                           help="Dossier où écrire (créé au besoin)."),
        format_: str = typer.Option("docx", "--format", "-f", metavar="FORMAT", help=AIDE_FORMAT),
        force: bool = typer.Option(False, "--force", help=AIDE_FORCE),
        date_: str | None = typer.Option(None, "--date", metavar="AAAA-MM-JJ", help=AIDE_DATE),
    ) -> None:
        from cte_cli.documents import generation as g

        fonction = {"convocation": g.generer_convocations, "emargement": g.generer_emargement,
                    "releve": g.generer_releve}[nom]
        format_ = _format(format_)
        ch = _charger(depot_choisi(chemin, depot), date_)
        destination = sortie if sortie is not None or nom == "convocation" else Path(".")
        options = {"avertir": _avertir} if nom == "convocation" else {}
        _resume(_executer(lambda: fonction(ch, seance, destination, format_, force=force, **options)), titre)

    commande.__doc__ = aide
    return commande


groupe.command("convocation")(_commande_seance(
    "convocation", "Convocations",
    "Une convocation par membre titulaire (suppléants en copie), signée conjointement par les "
    "coprésidents (R. 5311-44), avec un coupon-réponse et un pouvoir en annexe (R. 5311-43) ; une "
    "invitation par personne invitée sans voix ; une invitation .ics pour la séance. Avertit si la "
    "séance est passée ou si le délai de convocation du règlement intérieur est entamé. Par "
    "défaut dans le dossier convocations-SEANCE/.",
))
groupe.command("emargement")(_commande_seance(
    "emargement", "Feuille d'émargement",
    "Feuille d'émargement de la séance, par collège, avec une colonne de signature et les "
    "pouvoirs (R. 5311-43).",
))
groupe.command("releve")(_commande_seance(
    "releve", "Relevé de décisions",
    "Relevé de décisions de la séance : présences, pouvoirs, quorum calculé d'après `presents` "
    "et `representes` (R. 5311-40), chaque délibération avec son décompte pondéré et son résultat "
    "(R. 5311-41) ; points à compléter sans `deliberations`.",
))


def enregistrer(app: typer.Typer) -> None:
    from cte_cli.cli.arrete import groupe as arretes

    groupe.add_typer(arretes, name="arrete")
    app.add_typer(groupe, name="generate", help="Produire les documents : règlement intérieur, convocations, "
                  "feuille d'émargement, relevé de décisions, arrêtés du préfet.")
