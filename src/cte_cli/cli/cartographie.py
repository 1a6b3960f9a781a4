"""`cte cartographie` : classeur de la cartographie régionale ou nationale, ou open data."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli.commun import argument_depots


def cartographie(
    chemins: list[Path] = argument_depots(
        "Dépôt de configuration (défaut : le dossier courant) ; plusieurs pour une cartographie nationale."
    ),
    region: str | None = typer.Option(
        None, "--region", "-r", help="Code INSEE de la région (ex. 27 pour la Bourgogne-Franche-Comté)."
    ),
    national: bool = typer.Option(False, "--national", help="Toutes les régions du dépôt."),
    sortie: Path | None = typer.Option(
        None, "--sortie", "-o",
        help="Fichier à écrire (défaut : cartographie-<région>-<année>.xlsx, ou .csv avec --open-data).",
    ),
    open_data: bool = typer.Option(
        False, "--open-data",
        help="Écrire, au lieu du classeur, un CSV publiable sans aucune donnée personnelle et son "
        "Table Schema (<fichier>.schema.json).",
    ),
    date_: str | None = typer.Option(
        None, "--date", metavar="AAAA-MM-JJ",
        help="Date de référence : séances tenues jusqu'à ce jour, feuilles de route adoptées (défaut : aujourd'hui).",
    ),
    annee: int | None = typer.Option(
        None, "--annee", metavar="AAAA", help="Année dont on compte les séances (défaut : celle de --date)."
    ),
    force: bool = typer.Option(False, "--force", help="Remplacer les fichiers existants."),
    consolider: bool = typer.Option(
        False, "--consolider",
        help="Consolidation nationale (DGEFP) : les CHEMINS sont les cartographies régionales (CSV open data ou "
        "classeurs .xlsx de cte, ou un dossier) ; écrit le classeur national et le CSV open data national.",
    ),
) -> None:
    """Cartographie des comités (instruction DGEFP/DAT/2024/92) : classeur .xlsx avec les feuilles Comités, Membres, Instances remplacées, Synthèse et Source ; ou, avec --open-data, un CSV et son Table Schema, sans aucune donnée personnelle."""
    from datetime import datetime

    from rich.markup import escape

    from cte_cli import __version__
    from cte_cli.cartographie import construire
    from cte_cli.cli.commun import console, date_option
    from cte_cli.ecriture import ecrire_atomique
    from cte_cli.erreurs import CteErreur

    if consolider:
        from cte_cli.cli.consolidation import consolider as consolider_cartographies

        return consolider_cartographies(chemins, sortie, force)
    if annee is not None and not 2000 <= annee <= 2100:
        raise CteErreur(f"année invalide pour --annee : {annee}")
    reference = date_option(date_)
    carto = construire([str(c) for c in chemins or [Path(".")]], region=region, national=national,
                       date_reference=reference, annee=annee)
    erreur = console(stderr=True)
    if carto.ignores:
        noms = ", ".join(f for f, _ in carto.ignores)
        erreur.print(
            f"[yellow]Attention[/] : {len(carto.ignores)} fichier(s) écarté(s) pour erreurs de "
            f"structure (voir « cte validate ») : {escape(noms)}", markup=True, highlight=False,
        )
    base = f"cartographie-{carto.regions[0] if region else 'nationale'}-{carto.annee}"
    if open_data:
        from cte_cli.cartographie.open_data import csv_texte, schema_texte

        cible = sortie or Path(f"{base}.csv")
        schema = cible.with_name(cible.name.removesuffix(cible.suffix) + ".schema.json")
        if not force:
            for chemin in (cible, schema):
                if chemin.exists():
                    raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {chemin}")
        ecrire_atomique(schema, schema_texte(carto), force=force)
        ecrire_atomique(cible, csv_texte(carto), force=force)
        ecrits = [cible, schema]
    else:
        from cte_cli.cartographie.classeur import ecrire_classeur

        cible = sortie or Path(f"{base}.xlsx")
        if cible.suffix.lower() != ".xlsx":
            raise CteErreur(f"le classeur doit avoir l'extension .xlsx : {cible}")
        contenu = ecrire_classeur(carto, datetime.now().replace(microsecond=0), __version__)
        ecrits = [ecrire_atomique(cible, contenu, force=force)]
    from collections import Counter

    from cte_cli.cartographie.donnees import NIVEAUX, PLURIELS

    niveaux = Counter(f.niveau for f in carto.comites)
    detail = ", ".join(f"{n} {(NIVEAUX if n == 1 else PLURIELS).get(niv, niv)}" for niv, n in niveaux.items())
    sortie_console = console()
    for chemin in ecrits:
        sortie_console.print(f"  écrit  {chemin}", highlight=False)
    sortie_console.print(f"{carto.perimetre} : {len(carto.comites)} comités ({detail}).", highlight=False)


def enregistrer(app: typer.Typer) -> None:
    app.command("cartographie")(cartographie)
