"""Cartographie régionale ou nationale des comités territoriaux pour l'emploi.

L'instruction DGEFP/DAT/2024/92 demande à chaque DREETS « une cartographie des comités
territoriaux pour l'emploi installés dans la région, en précisant la coprésidence des comités
locaux et les territoires retenus ainsi que le nombre d'instances supprimées et/ou intégrées ».

- :func:`construire` charge le dépôt (les comités valides ; les fichiers en erreur de
  structure sont écartés et listés) et calcule la cartographie ;
- :mod:`.classeur` l'écrit en `.xlsx` (usage interne : la feuille Membres contient des noms) ;
- :mod:`.open_data` l'écrit en CSV + Table Schema, sans aucune donnée personnelle ;
- :mod:`.tableur` : écriture sûre des feuilles (aucune cellule lue comme une formule).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from cte_cli.erreurs import CteErreur

__all__ = ["charger_depot", "construire", "fichiers_ignores"]


def charger_depot(chemins: Sequence[str | os.PathLike]):
    """Le dépôt chargé (structure seulement, sans les règles du décret) et ses fichiers écartés."""
    from cte_cli.loading.depot import charger, decouvrir

    fichiers = decouvrir(chemins)
    depot = charger(chemins, fichiers=fichiers)
    return depot, fichiers_ignores(depot, fichiers)


def fichiers_ignores(depot, fichiers: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(fichier, identifiants des règles en erreur) pour chaque fichier sans modèle valide.

    Seuls les identifiants de règles sont rendus, jamais les messages : un message peut citer
    une valeur du fichier (un nom), qui n'a rien à faire dans le rapport d'un autre document."""
    valides = {d.fichier for d in depot.valides()}
    regles: dict[str, list[str]] = defaultdict(list)
    for constat in depot.constats:
        if constat.gravite == "erreur" and constat.regle not in regles[constat.fichier]:
            regles[constat.fichier].append(constat.regle)
    return [(f, regles.get(f, [])) for f in fichiers if f not in valides]


def construire(
    chemins: Sequence[str | os.PathLike],
    region: str | None = None,
    national: bool = False,
    date_reference: date | None = None,
    annee: int | None = None,
):
    """La cartographie des comités d'une région (`region`) ou de toutes (`national`).

    `date_reference` (défaut : aujourd'hui) sépare les séances tenues des séances
    programmées et dit si une feuille de route est adoptée ; `annee` (défaut : celle de
    `date_reference`) est l'année dont on compte les séances."""
    from cte_cli.cartographie import donnees as d
    from cte_cli.referentiel import geographie

    if bool(region) == bool(national):
        raise CteErreur("indiquez soit --region CODE (ex. --region 27), soit --national")
    date_reference = date_reference or date.today()
    annee = annee or date_reference.year
    geo = geographie()
    depot, ignores = charger_depot(chemins)
    valides = depot.valides()
    tous = [(doc, doc.modele) for doc in valides if doc.type == "comite"]
    if region is not None:
        region = _region(geo, region)
        nom = (geo.regions.get(region) or geo.collectivites_outre_mer[region]).nom
        retenus = [(doc, c) for doc, c in tous if c.region == region]
        if not retenus:
            raise CteErreur(
                f"aucun comité de la région {region} ({nom}) dans "
                f"{', '.join(map(str, chemins))} ({len(tous)} comités valides lus)"
            )
        regions = [region]
        perimetre = f"{'Région' if region in geo.regions else 'Collectivité'} {region} — {nom}"
    else:
        retenus = tous
        if not retenus:
            raise CteErreur(f"aucun comité valide dans {', '.join(map(str, chemins))}")
        regions = sorted({c.region for _, c in retenus})
        perimetre = "National — " + ", ".join(
            f"{r} {geo.regions[r].nom}" if r in geo.regions else r for r in regions
        )
    seances, feuilles = defaultdict(list), defaultdict(list)
    for doc in valides:
        if doc.type == "seance":
            seances[doc.modele.comite].append(doc.modele)
        elif doc.type == "feuille_de_route":
            feuilles[doc.modele.comite].append(doc.modele)
    carto = d.Cartographie(
        perimetre=perimetre, regions=regions, date_reference=date_reference, annee=annee,
        chemins=[os.fspath(c) for c in chemins], fichiers_lus=depot.fichiers, ignores=ignores,
        source_geo=geo.source,
    )
    for doc, comite in retenus:
        carto.comites.append(d.fiche_comite(
            comite, doc.fichier, geo, seances[comite.id], feuilles[comite.id], date_reference, annee
        ))
    carto.comites.sort(key=d.cle_tri)
    ordre = {f.id: i for i, f in enumerate(carto.comites)}
    for _, comite in sorted(retenus, key=lambda dc: (ordre[dc[1].id], dc[0].fichier)):
        carto.membres.extend(d.lignes_membres(comite, geo))
        carto.instances.extend(d.lignes_instances(comite))
    carto.synthese, carto.totaux = d.synthese(carto.comites, [c for _, c in retenus], regions, geo)
    return carto


def _region(geo, code: str) -> str:
    """Le code de région tel que le référentiel le connaît (« 1 » -> « 01 »), ou une erreur."""
    from cte_cli.suggestions import suggestion

    texte = code.strip()
    if texte.isdigit() and len(texte) == 1:
        texte = texte.zfill(2)
    if texte in geo.regions or texte in geo.collectivites_outre_mer:  # 975, 977, 978 : L. 5523-9
        return texte
    par_nom = {r.nom.casefold(): r.code for r in [*geo.regions.values(), *geo.collectivites_outre_mer.values()]}
    if texte.casefold() in par_nom:
        return par_nom[texte.casefold()]
    codes = ", ".join(f"{r.code} {r.nom}" for r in geo.regions.values())
    raise CteErreur(f"région « {code} » inconnue" + suggestion(code, [r.nom for r in geo.regions.values()])
                    + f" ; régions : {codes}")
