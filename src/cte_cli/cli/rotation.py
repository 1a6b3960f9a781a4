"""`cte rotation COMITE [CHEMIN]` : proposer (et écrire) la rotation des départements au CREFOP
(R. 6123-3-3 2° bis, R. 6123-3-6)."""

from __future__ import annotations

from pathlib import Path

import typer

from cte_cli.cli.commun import argument_depot


def rotation(
    comite: str = typer.Argument(..., metavar="COMITE", help="Identifiant du comité régional (ex. cre-occitanie)."),
    chemin: Path | None = argument_depot(),
    debut: str | None = typer.Option(
        None, "--debut", metavar="AAAA-MM-JJ",
        help="Premier jour du mandat de trois ans (défaut : celui de la rotation existante).",
    ),
    sieges: int | None = typer.Option(
        None, "--sieges", min=1,
        help="Sièges des départements au CREFOP, six au plus (défaut : ceux de la rotation existante, sinon le maximum).",
    ),
    periodes: int | None = typer.Option(
        None, "--periodes", min=2, help="Nombre de périodes égales : 3 d'un an (défaut) ou 2 de dix-huit mois."
    ),
    priorite: str | None = typer.Option(
        None, "--priorite", metavar="CODES",
        help="Départements qui reçoivent en premier les sièges en plus, séparés par des virgules "
        "(défaut : du plus peuplé au moins peuplé).",
    ),
    ecrire: bool = typer.Option(False, "--ecrire", help="Écrire le bloc `rotation` dans le fichier du comité."),
    force: bool = typer.Option(False, "--force", help="Avec --ecrire, remplacer une rotation différente."),
) -> None:
    """Proposer la rotation des sièges des départements au CREFOP (R. 6123-3-6).

    Pour une région de plus de six départements, les sièges des départements au CREFOP
    lui-même (pas les membres du comité régional, qui représentent tous les départements) :
    six au plus, des périodes d'au moins un an, chaque département représenté sur les trois ans
    du mandat, les sièges répartis aussi également que possible ; dit quand la proposition
    laisse siéger certains départements plus longtemps que d'autres. Affiche le tableau et le
    bloc YAML ; --ecrire l'inscrit dans le fichier en gardant les commentaires et la mise en page."""
    from cte_cli.cli.commun import console, date_option
    from cte_cli.droit import rotation as rot
    from cte_cli.droit.territoires import (
        lecture_departements,
        population_unite,
        unites_departementales,
    )
    from cte_cli.erreurs import CteErreur
    from cte_cli.referentiel import geographie
    from cte_cli.referentiel.parametres_legaux import Droit

    chemin = chemin or Path(".")
    doc, modele = _comite(comite, chemin)
    geo = geographie()
    region = geo.regions.get(modele.region)
    if modele.niveau != "regional" or region is None:
        from cte_cli.model.types import libelle_niveau

        raise CteErreur(f"« {comite} » est un comité {libelle_niveau(modele.niveau)} : la rotation ne concerne que le comité "
                        "régional institué au sein du CREFOP (R. 6123-3-6)")
    if modele.forme == "crefop_renomme":
        raise CteErreur(f"« {comite} » est le CREFOP renommé comité régional pour l'emploi : chaque "
                        "département y a un représentant désigné pour trois ans, sans rotation (R. 6123-3-17)")
    existante = modele.rotation
    if debut is None and existante is None:
        raise CteErreur("indiquez le premier jour du mandat : --debut AAAA-MM-JJ")
    jour = date_option(debut, "--debut") if debut else existante.mandat.debut
    droit = Droit(jour)
    reglage = rot.reglage(droit)
    unites = unites_departementales(modele.region, lecture_departements(droit, modele.region), geo)
    codes = [u.code for u in unites]
    nombre = sieges or (existante.sieges if existante else reglage.sieges_max)
    par_population = [u.code for u in sorted(unites, key=lambda u: (-population_unite(u, geo), u.code))]
    ordre = _priorite(priorite, tuple(codes)) + par_population
    plan = rot.planifier(codes, jour, nombre, periodes, ordre, reglage)
    noms = {u.code: u.nom for u in unites}
    anomalies = rot.verifier(plan, codes, noms, reglage)
    if anomalies:  # garde-fou : le planificateur ne propose que des rotations conformes
        raise CteErreur("rotation proposée non conforme : " + " ; ".join(a.message for a in anomalies))
    sortie = console()
    sortie.print(_tableau(plan, region, unites, geo, comite))
    sortie.print(_explication(plan, codes, reglage))
    desequilibre = _desequilibre(plan, codes, reglage)
    if desequilibre:
        sortie.print(desequilibre)
    if not ecrire:
        sortie.print(f"\nBloc à reporter dans {doc.fichier} (ou relancez avec --ecrire) :\n")
        sortie.print(rot.en_yaml(plan), markup=False, highlight=False)
        return
    from cte_cli.rotation import ecrire as ecrire_rotation

    modifications = ecrire_rotation(plan, doc.fichier, force=force, attendu=doc.texte)
    if modifications:
        sortie.print(f"\nRotation écrite dans {doc.fichier} (commentaires et mise en page conservés).")
    else:
        sortie.print(f"\n{doc.fichier} a déjà cette rotation : aucun changement.")
    sortie.print("La rotation décrit les sièges du CREFOP ; les membres du comité régional représentent tous "
                 f"les départements pour trois ans. Vérifiez avec : cte validate {chemin}", markup=False)


def _comite(identifiant: str, chemin: Path):
    """Le document et le modèle du comité `identifiant` dans le dépôt ; CteErreur sinon."""
    from cte_cli.cli.commun import comites_du_depot
    from cte_cli.erreurs import CteErreur
    from cte_cli.suggestions import suggestion

    _, _, comites = comites_du_depot(chemin)
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


def _tableau(plan, region, unites, geo, comite: str):
    from rich.table import Table

    from cte_cli.droit.territoires import population_unite

    table = Table(
        title=f"Rotation proposée des sièges du CREFOP pour {comite} ({region.nom}, {len(unites)} départements) : "
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
    for u in unites:
        population = f"{population_unite(u, geo):,}".replace(",", " ")
        marques = ["●" if u.code in p.departements else "" for p in plan.periodes]
        table.add_row(f"{u.code} {u.nom}", population, *marques, str(repartition.get(u.code, 0)))
    return table


def _desequilibre(plan, departements, reglage) -> str | None:
    """Quand la proposition fait siéger certains départements plus longtemps que d'autres, le dire
    et donner les nombres de sièges et de périodes qui font siéger chacun le même temps."""
    from cte_cli.droit import rotation as rot

    if plan.equilibre:
        return None
    par_duree: dict[int, list[str]] = {}
    for code, jours in plan.jours_de_siege().items():
        par_duree.setdefault(round(jours / 30.4375), []).append(code)  # mois moyens
    detail = " ; ".join(f"{len(codes)} département(s) siègent {mois} mois ({', '.join(codes)})"
                        for mois, codes in sorted(par_duree.items(), reverse=True))
    egales = rot.configurations_equilibrees(len(departements), reglage)
    conseil = (" ; avec " + " ou ".join(f"{s} sièges et {p} périodes" for s, p in egales)
               + ", chaque département siégerait le même temps" if egales else
               " ; aucun nombre de sièges (au plus "
               f"{reglage.sieges_max}) ne fait siéger chacun le même temps en périodes égales")
    return f"Proposition déséquilibrée : {detail}{conseil}."


def _explication(plan, departements, reglage) -> str:
    repartition = plan.repartition()
    base = min(repartition.values())
    duree = f"de {reglage.mandat_mois // len(plan.periodes)} mois"
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
