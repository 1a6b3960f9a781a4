"""`cte cartographie --consolider FICHIER…|DOSSIER` : la cartographie nationale (DGEFP)."""

from __future__ import annotations

from pathlib import Path


def consolider(chemins: list[Path] | None, sortie: Path | None, force: bool) -> None:
    """Contrôle les cartographies régionales et écrit le classeur national, le CSV open data
    national et son Table Schema ; rien n'est écrit s'il y a une erreur (sortie 1)."""
    from datetime import date, datetime

    import typer

    from cte_cli import __version__
    from cte_cli.cartographie import consolidation as c
    from cte_cli.cli.commun import console
    from cte_cli.ecriture import ecrire_atomique
    from cte_cli.erreurs import CteErreur

    if not chemins:
        raise CteErreur("indiquez les cartographies régionales à consolider (fichiers .csv ou .xlsx, ou un dossier)")
    jour = date.today()
    cible = sortie or Path(f"{c.PREFIXE_NATIONAL}-{jour.year}.xlsx")
    if cible.suffix.lower() != ".xlsx":
        raise CteErreur(f"le classeur national doit avoir l'extension .xlsx : {cible}")
    base = cible.with_name(cible.name[: -len(cible.suffix)])
    ecrits = [cible, Path(f"{base}.csv"), Path(f"{base}.schema.json")]
    resultat = c.consolider(chemins, exclus=ecrits)
    erreur = console(stderr=True)
    for probleme in resultat.problemes:
        erreur.print(str(probleme))
    if resultat.erreurs:
        erreur.print(f"Consolidation refusée : {len(resultat.erreurs)} erreur(s) ; aucun fichier écrit.")
        raise typer.Exit(1)
    if not force:
        for chemin in ecrits:
            if chemin.exists():
                raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {chemin}")
    ecrire_atomique(ecrits[2], c.schema_national(resultat, jour), force=force)
    ecrire_atomique(ecrits[1], c.csv_national(resultat), force=force)
    ecrire_atomique(cible, c.classeur_national(resultat, datetime.now().replace(microsecond=0), __version__),
                    force=force)
    sortie_console = console()
    for chemin in ecrits:
        sortie_console.print(f"  écrit  {chemin}")
    regions = sorted({r for s in resultat.sources for r in s.regions})
    sortie_console.print(f"National : {len(resultat.lignes)} comités de {len(regions)} région(s), "
                         f"{len(resultat.sources)} fichier(s) consolidé(s).")
