"""`cte validate` : vérifier un dépôt de configuration (FORMAT §2)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli.commun import console, date_option, liste_option


def validate(
    chemins: list[Path] = typer.Argument(
        None, metavar="[CHEMIN]...",
        help="Dépôt, dossiers ou fichiers à vérifier (défaut : le dossier courant).", show_default=False
    ),
    format_: str = typer.Option(
        "texte", "--format", "-f", metavar="FORMAT",
        help="Format du rapport : texte, json, github, gitlab, junit ou sarif.",
    ),
    sortie: Path | None = typer.Option(
        None, "--sortie", "-o", metavar="FICHIER",
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
    regles: str | None = typer.Option(
        None, "--regles", metavar="ID,...",
        help="N'appliquer que ces règles ou familles (ex. quorum,seances ; voir « cte regles »). "
        "Les erreurs de lecture et de format restent toujours signalées.",
    ),
    sauf: str | None = typer.Option(
        None, "--sauf", metavar="ID,...",
        help="Ne pas appliquer ces règles ou familles (le rapport le dit).",
    ),
    territoires: str = typer.Option(
        "departements", "--territoires", metavar="DETAIL",
        help="Synthèse des territoires du rapport texte : departements (une ligne par "
        "département), comites (détail par comité local) ou aucun.",
    ),
    surveiller: bool = typer.Option(
        False, "--surveiller",
        help="Garder le dépôt en mémoire et revérifier chaque fichier modifié, créé ou supprimé, "
        "jusqu'à Ctrl-C (comme cte lsp dans l'éditeur).",
    ),
) -> None:
    """Vérifier les fichiers YAML au regard du format et du code du travail.

    Codes de sortie : 0 aucune erreur, 1 au moins une erreur (ou un avertissement avec
    --strict), 2 entrée illisible, dépôt vide ou introuvable, ou commande mal employée.
    """
    from cte_cli.erreurs import CteErreur
    from cte_cli.moteur import valider
    from cte_cli.reports import FORMATS_VALIDATE, rendre
    from cte_cli.suggestions import suggestion

    if format_ not in FORMATS_VALIDATE:
        raise CteErreur(f"--format : format « {format_} » inconnu ; formats possibles : "
                        f"{', '.join(FORMATS_VALIDATE)}{suggestion(format_, FORMATS_VALIDATE)}")
    if territoires not in ("departements", "comites", "aucun"):
        raise CteErreur(f"--territoires « {territoires} » inconnu ; valeurs possibles : departements, comites, "
                        "aucun" + suggestion(territoires, ("departements", "comites", "aucun")))
    if sortie is not None and sortie.exists() and not force:
        raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {sortie}")
    jour = date_option(date_)
    selection = liste_option(regles) if regles is not None else None
    if regles is not None and not selection:
        raise CteErreur("--regles : indiquez au moins une règle ou une famille (voir « cte regles »)")
    cibles = [str(c) for c in chemins or [Path(".")]]
    if surveiller:
        if depuis is not None or selection is not None or sauf or sortie is not None or format_ != "texte" \
                or len(cibles) > 1:
            raise CteErreur("--surveiller vérifie tout un dépôt (un seul DEPOT), en texte : sans --depuis, "
                            "--regles, --sauf, --sortie ni --format")
        _surveiller(Path(cibles[0]), jour if date_ else None, strict)
    if depuis is not None:
        from cte_cli.depuis import valider_depuis

        if selection is not None or sauf:
            raise CteErreur("--depuis ne se combine pas avec --regles ou --sauf : vérifiez tout ce qui a changé")
        resultat = valider_depuis(cibles, depuis, jour)
    else:
        resultat = valider(cibles, jour, regles=selection, exclues=liste_option(sauf))
    if resultat.depot.fichiers == 0 and depuis is None:  # --depuis : rien n'a changé, c'est permis
        lieu = ", ".join(cibles)
        raise CteErreur(
            f"aucun fichier YAML (*.yaml, *.yml) dans {lieu} : rien n'a été vérifié. Indiquez le dossier du "
            "dépôt (cte validate CHEMIN), ou créez-en un : cte init --region CODE DOSSIER")
    if resultat.racine is not None and resultat.racine.trouve_dessous:
        from cte_cli.depots import description

        console(stderr=True).print(f"{description(resultat.racine)} trouvé sous {cibles[0]} : c'est lui qui est vérifié",
                                   highlight=False)
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


def _surveiller(depot: Path, jour, strict: bool) -> None:
    """`--surveiller` : premier rapport, puis les constats des fichiers qui changent (lsp/surveillance.py)."""
    import time

    from cte_cli.constats import Gravite
    from cte_cli.lsp.surveillance import surveiller

    sortie = console()

    def afficher(changes, espace, secondes, premiere_fois) -> None:
        if not premiere_fois:
            sortie.print(f"\n— {time.strftime('%H:%M:%S')} : {len(changes)} fichier(s) aux constats changés "
                         f"({secondes * 1000:.0f} ms)")
        for fichier in sorted(changes):
            actifs = [c for c in changes[fichier] if c.ignore is None]
            if not actifs and not premiere_fois:
                sortie.print(f"{fichier} : plus aucun constat")
            for c in actifs:
                sortie.print(f"{c.fichier}:{c.ligne}:{c.colonne}: {c.gravite} : {c.message}  [{c.regle}, {c.article}]")
        tous = [c for liste in espace.constats.values() for c in liste if c.ignore is None]
        compte = {g: sum(1 for c in tous if c.gravite is g) for g in Gravite}
        bloquant = compte[Gravite.ERREUR] or (strict and compte[Gravite.AVERTISSEMENT])
        sortie.print(f"{len(espace.lectures)} fichier(s) : {compte[Gravite.ERREUR]} erreur(s), "
                     f"{compte[Gravite.AVERTISSEMENT]} avertissement(s), {compte[Gravite.INFO]} info(s)"
                     + (f" — vérifié en {secondes:.2f} s" if premiere_fois else "")
                     + ("" if bloquant else " — conforme") + " ; Ctrl-C pour arrêter", style="bold")

    try:
        surveiller(depot, jour, afficher)
    except KeyboardInterrupt:
        sortie.print("Surveillance arrêtée.")
        raise typer.Exit(0) from None


def enregistrer(app: typer.Typer) -> None:
    app.command("validate")(validate)
