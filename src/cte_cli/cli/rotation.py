"""`cte rotation COMITE [CHEMIN]` : proposer (et écrire) la rotation des départements au CREFOP
(R. 6123-3-3 2° bis, R. 6123-3-6)."""

from __future__ import annotations

from pathlib import Path

import typer


def rotation(
    comite: str = typer.Argument(..., help="Identifiant du comité régional (ex. cre-occitanie)."),
    chemin: Path = typer.Argument(Path("."), help="Dépôt de configuration (défaut : le dossier courant)."),
    debut: str | None = typer.Option(
        None, "--debut", metavar="AAAA-MM-JJ",
        help="Premier jour du mandat de trois ans (défaut : celui de la rotation existante).",
    ),
    sieges: int | None = typer.Option(
        None, "--sieges", min=1, max=6,
        help="Sièges des représentants des départements, six au plus (défaut : ceux de la rotation existante, sinon 6).",
    ),
    periodes: int = typer.Option(3, "--periodes", min=2, max=3, help="Nombre de périodes : 3 d'un an ou 2 de dix-huit mois."),
    priorite: str | None = typer.Option(
        None, "--priorite", metavar="CODES",
        help="Départements qui reçoivent en premier les sièges en plus, séparés par des virgules "
        "(défaut : du plus peuplé au moins peuplé).",
    ),
    ecrire: bool = typer.Option(False, "--ecrire", help="Écrire le bloc `rotation` dans le fichier du comité."),
    force: bool = typer.Option(False, "--force", help="Avec --ecrire, remplacer une rotation différente."),
) -> None:
    """Proposer la rotation des départements au CREFOP (R. 6123-3-6).

    Pour le comité régional institué au sein du CREFOP d'une région de plus de six
    départements : six sièges au plus, des périodes d'au moins un an, chaque département
    représenté sur les trois ans du mandat, les sièges répartis aussi également que possible.
    Affiche le tableau et le bloc YAML ; --ecrire l'inscrit dans le fichier en gardant les
    commentaires et la mise en page."""
    from cte_cli import rotation as rot
    from cte_cli.cli.commun import console, date_option
    from cte_cli.erreurs import CteErreur
    from cte_cli.referentiel import geographie
    from cte_cli.territoire import par_population

    doc, modele = _comite(comite, chemin)
    geo = geographie()
    region = geo.regions.get(modele.region)
    if modele.niveau != "regional" or region is None:
        raise CteErreur(f"« {comite} » est un comité {modele.niveau} : la rotation ne concerne que le comité "
                        "régional institué au sein du CREFOP (R. 6123-3-6)")
    if modele.forme == "crefop_renomme":
        raise CteErreur(f"« {comite} » est le CREFOP renommé comité régional pour l'emploi : chaque "
                        "département y a un représentant désigné pour trois ans, sans rotation (R. 6123-3-17)")
    existante = modele.rotation
    if debut is None and existante is None:
        raise CteErreur("indiquez le premier jour du mandat : --debut AAAA-MM-JJ")
    jour = date_option(debut) if debut else existante.mandat.debut
    nombre = sieges or (existante.sieges if existante else rot.SIEGES_MAX)
    ordre = _priorite(priorite, region.departements) + par_population(region.departements, geo)
    plan = rot.planifier(region.departements, jour, nombre, periodes, ordre)
    noms = {c: geo.departements[c].nom for c in region.departements}
    anomalies = rot.verifier(plan, region.departements, noms)
    if anomalies:  # garde-fou : le planificateur ne propose que des rotations conformes
        raise CteErreur("rotation proposée non conforme : " + " ; ".join(a.message for a in anomalies))
    sortie = console()
    sortie.print(_tableau(plan, region, geo, comite))
    sortie.print(_explication(plan, region.departements))
    if not ecrire:
        sortie.print(f"\nBloc à reporter dans {doc.fichier} (ou relancez avec --ecrire) :\n")
        sortie.print(rot.en_yaml(plan), markup=False, highlight=False)
        return
    modifications = rot.ecrire(plan, doc.fichier, force=force, attendu=doc.texte)
    if modifications:
        sortie.print(f"\nRotation écrite dans {doc.fichier} (commentaires et mise en page conservés).")
    else:
        sortie.print(f"\n{doc.fichier} a déjà cette rotation : aucun changement.")
    sortie.print("Mettez à jour les membres du collège departement pour la période en cours, puis vérifiez "
                 f"avec : cte validate {chemin}", markup=False)


def _comite(identifiant: str, chemin: Path):
    """Le document et le modèle du comité `identifiant` dans le dépôt ; CteErreur sinon."""
    from cte_cli.erreurs import CteErreur
    from cte_cli.loading.depot import charger
    from cte_cli.suggestions import suggestion

    depot = charger([str(chemin)])
    comites = [d for d in depot.documents if isinstance(d.donnees, dict) and d.donnees.get("type") == "comite"]
    for doc in comites:
        if doc.id == identifiant:
            if doc.modele is None:
                raise CteErreur(f"le comité « {identifiant} » a des erreurs de structure : corrigez-les d'abord "
                                f"(cte validate {doc.fichier})", fichier=doc.fichier)
            return doc, doc.modele
    raise CteErreur(f"comité « {identifiant} » introuvable dans {chemin}"
                    + suggestion(identifiant, [d.id for d in comites]))


def _priorite(texte: str | None, departements: tuple[str, ...]) -> list[str]:
    from cte_cli.erreurs import CteErreur

    if not texte:
        return []
    codes = [c.strip().upper() for c in texte.split(",") if c.strip()]
    inconnus = [c for c in codes if c not in departements]
    if inconnus:
        raise CteErreur(f"--priorite : {', '.join(inconnus)} n'est pas un département de la région "
                        f"({', '.join(departements)})")
    return codes


def _tableau(plan, region, geo, comite: str):
    from rich.table import Table

    from cte_cli.territoire import population_departement

    table = Table(
        title=f"Rotation proposée pour {comite} ({region.nom}, {len(region.departements)} départements) : "
        f"mandat du {plan.mandat.debut:%d/%m/%Y} au {plan.mandat.fin:%d/%m/%Y}, {plan.sieges} sièges",
        title_justify="left", show_footer=True,
    )
    table.add_column("Département", footer="Sièges pourvus", no_wrap=True)
    table.add_column("Population", justify="right")
    for k, p in enumerate(plan.periodes, 1):
        table.add_column(f"Période {k}\n{p.debut:%d/%m/%Y}\n{p.fin:%d/%m/%Y}", justify="center",
                         footer=str(len(p.departements)))
    table.add_column("Périodes", justify="right", footer=str(plan.places))
    repartition = plan.repartition()
    for code in region.departements:
        population = f"{population_departement(code, geo):,}".replace(",", " ")
        marques = ["●" if code in p.departements else "" for p in plan.periodes]
        table.add_row(f"{code} {geo.departements[code].nom}", population, *marques, str(repartition.get(code, 0)))
    return table


def _explication(plan, departements: tuple[str, ...]) -> str:
    repartition = plan.repartition()
    base = min(repartition.values())
    duree = "d'un an" if len(plan.periodes) == 3 else "de dix-huit mois"
    texte = (f"Critère : {plan.places} places ({plan.sieges} sièges × {len(plan.periodes)} périodes {duree}) "
             f"pour {len(departements)} départements : chacun siège {base} fois")
    if plan.prioritaires:
        texte += (f", et {len(plan.prioritaires)} une fois de plus, par ordre de priorité "
                  f"({', '.join(plan.prioritaires)})")
    consecutifs = plan.consecutifs()
    texte += (" ; aucun département ne siège deux périodes de suite." if not consecutifs else
              f" ; {consecutifs} fois un département siège deux périodes de suite (le minimum possible ici).")
    return texte


def enregistrer(app: typer.Typer) -> None:
    app.command("rotation")(rotation)
