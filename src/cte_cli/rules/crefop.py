"""Comité régional pour l'emploi et CREFOP : deux instances, deux compositions.

- Le comité régional institué au sein du CREFOP (`forme: au_sein_du_crefop`) compte parmi ses
  membres des représentants de **l'ensemble** des départements de la région (R. 5311-17 3°),
  nommés pour trois ans (R. 5311-36), quel que soit leur nombre.
- Le CREFOP lui-même compte au plus six représentants des départements (R. 6123-3-3 2° bis) ;
  quand la région en a plus de six, ces sièges tournent par périodes d'au moins un an de sorte
  que chaque département soit représenté sur les trois ans (R. 6123-3-6 ; instruction
  DGEFP/DAT/2024/92, fiche 1 § 1.2). Le bloc `rotation` du comité régional décrit ces sièges du
  CREFOP, vérifiés ici (`cte_cli.rotation`).
- Quand le CREFOP prend le nom de comité régional pour l'emploi (`forme: crefop_renomme`,
  R. 6123-3-16 à -20), chaque département y a un représentant désigné pour trois ans, sans
  rotation (R. 6123-3-17), et il se réunit au moins deux fois par an (R. 6123-3-14).

Les départements de la région s'entendent selon la lecture retenue
(`interpretation.departements_region`, docs/regles.md) ; les chiffres sont des paramètres datés.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from cte_cli import rotation as rot
from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.droit.dates import fin_de_periode
from cte_cli.droit.membres import occupe_siege
from cte_cli.droit.territoires import (
    OUTRE_MER,
    lecture_departements,
    unites_departementales,
    unites_du_code,
)
from cte_cli.rules.registry import Contexte, regle

EXEMPLE = """type: comite
id: cre-occitanie
niveau: regional
nom: Comité régional pour l'emploi d'Occitanie
region: "76"
forme: au_sein_du_crefop
presidents:
  - {nom: A, qualite: Préfet de région, college: etat}
  - {nom: B, qualite: Présidente du conseil régional, college: region}
membres:
""" + "".join(
    f"  - {{nom: D{code}, qualite: Conseiller départemental, college: departement, departement: \"{code}\"}}\n"
    for code in ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82")
) + """rotation:                 # les six sièges des départements au CREFOP (R. 6123-3-3 2° bis)
  mandat: {debut: 2025-07-01, fin: 2028-06-30}
  sieges: 6
  periodes:
    - {debut: 2025-07-01, fin: 2026-06-30, departements: ["09", "30", "31", "34", "66", "81"]}
    - {debut: 2026-07-01, fin: 2027-06-30, departements: ["11", "12", "32", "46", "48", "65"]}
    - {debut: 2027-07-01, fin: 2028-06-30, departements: ["30", "31", "34", "66", "81", "82"]}
"""


def _regionaux(ctx: Contexte, forme: str | None = None) -> Iterator[tuple[Any, Any, Any]]:
    """(document, comité, droit au jour de sa composition) des comités régionaux en vigueur ;
    `forme` absente vaut « au sein du CREFOP » (L. 5311-10 I 1°, premier alinéa)."""
    for doc, comite in ctx.comites("regional"):
        if ctx.geo.regions.get(comite.region) is None:
            continue
        if forme is not None and (comite.forme or "au_sein_du_crefop") != forme:
            continue
        droit = ctx.droit_composition(comite)
        if droit is not None:
            yield doc, comite, droit


def _noms(ctx: Contexte, unites) -> dict[str, str]:
    return {u.code: u.nom for u in unites}


def _representants(ctx: Contexte, comite, lecture: str) -> dict[str, list[int]]:
    """Unité -> indices des membres du collège `departement` en fonction à la date de contrôle
    qui la représentent ; un membre remplacé, gardé dans le fichier, ne compte plus."""
    par_unite: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(comite.membres):
        if m.college == "departement" and m.departement and occupe_siege(comite, i, ctx.date):
            for unite in unites_du_code(m.departement, lecture):
                par_unite[unite].append(i)
    return par_unite


@regle(
    id="crefop-departements-representes", gravite=Gravite.ERREUR,
    article="R. 5311-17, R. 6123-3-17",
    titre="Chaque département de la région est représenté au comité régional pour l'emploi",
    famille="crefop",
    exemple=EXEMPLE.replace('  - {nom: D48, qualite: Conseiller départemental, college: departement, '
                            'departement: "48"}\n', ""),
)
def crefop_departements_representes(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-17 3° : le comité régional pour l'emploi institué au sein du CREFOP comprend des
    représentants de l'ensemble des départements de la région, nommés pour trois ans (R. 5311-36),
    quel que soit leur nombre (la limite de six et la rotation ne concernent que les sièges du
    CREFOP, R. 6123-3-3 2° bis et R. 6123-3-6). CREFOP devenu comité régional pour l'emploi :
    un représentant, et un seul, de chaque département, désigné pour trois ans (R. 6123-3-17).
    Sont comptés les membres en fonction à la date de contrôle."""
    for doc, comite, droit in _regionaux(ctx):
        lecture = lecture_departements(droit, comite.region)
        unites = unites_departementales(comite.region, lecture, ctx.geo)
        noms = _noms(ctx, unites)
        par_unite = _representants(ctx, comite, lecture)
        renomme = comite.forme == "crefop_renomme"
        if renomme:
            if comite.region in OUTRE_MER:
                continue  # CREFOP renommé outre-mer : R. 6523-x (R. 5523-15-2), hors du champ
            yield from _renomme(ctx, doc, comite, par_unite, noms, droit)
            article, exigence = "R. 6123-3-17", "chaque département de la région dispose d'un représentant"
        else:
            article = "R. 5311-17"
            exigence = "le comité comprend des représentants de l'ensemble des départements de la région (3°)"
        absents = [u.code for u in unites if not par_unite.get(u.code)]
        if absents:
            yield ctx.constat(
                doc, ("membres",),
                f"{len(absents)} département(s) sans représentant en fonction au collège departement : "
                + ", ".join(f"{c} {noms[c]}" for c in absents) + f" ; {exigence}",
                chiffres={"absents": absents, "trouve": len(unites) - len(absents), "attendu": len(unites)},
                cible=Cible.CLE, article=article, droit=droit,
            )


def _renomme(ctx: Contexte, doc, comite, par_unite, noms, droit) -> Iterator[Constat]:
    if comite.rotation is not None:
        yield ctx.constat(
            doc, ("rotation",),
            "CREFOP renommé comité régional pour l'emploi : chaque département a un représentant "
            f"désigné pour {droit('crefop.mandat_ans')} ans, sans rotation (`rotation` à retirer)",
            cible=Cible.CLE, article="R. 6123-3-17", droit=droit,
        )
    limite = droit("crefop.representants_par_departement_renomme")
    for code, indices in par_unite.items():
        for i in indices[limite:]:
            yield ctx.constat(
                doc, ("membres", i, "departement"),
                f"{len(indices)} représentants en fonction du département {code} ({noms.get(code, '?')}) ; "
                f"{limite} par département (R. 6123-3-17)",
                chiffres={"departement": code, "trouve": len(indices), "limite": limite},
                article="R. 6123-3-17", droit=droit,
            )


def _rotations(ctx: Contexte) -> Iterator[tuple[Any, Any, Any, Any, dict[str, str]]]:
    """(doc, comité, droit au début du mandat, unités, noms) des rotations à vérifier."""
    for doc, comite, droit_compo in _regionaux(ctx, "au_sein_du_crefop"):
        if comite.rotation is None:
            continue
        droit = ctx.droit(comite.rotation.mandat.debut)
        if droit("crefop.seuil_rotation") is None:
            droit = droit_compo
        unites = unites_departementales(comite.region, lecture_departements(droit, comite.region), ctx.geo)
        yield doc, comite, droit, unites, _noms(ctx, unites)


def _grande_region(ctx: Contexte, comite, droit) -> bool:
    """La région compte plus de départements que le seuil de R. 6123-3-6."""
    return ctx.geo.nombre_departements(comite.region) > (droit("crefop.seuil_rotation") or 0)


def _anomalies(ctx: Contexte, regle_id: str) -> Iterator[Constat]:
    for doc, comite, droit, unites, noms in _rotations(ctx):
        if not _grande_region(ctx, comite, droit):
            continue
        try:
            r = rot.reglage(droit)
        except rot.RotationImpossible:
            continue
        for a in rot.verifier(comite.rotation, [u.code for u in unites], noms, r):
            if a.regle == regle_id:
                yield ctx.constat(doc, a.chemin, a.message, chiffres=a.chiffres, article=a.article, droit=droit)


@regle(
    id="crefop-sieges-departements", gravite=Gravite.ERREUR, article="R. 6123-3-3",
    titre="Au CREFOP, les représentants des départements occupent six sièges au plus",
    famille="crefop",
    exemple=EXEMPLE.replace("  sieges: 6", "  sieges: 7"),
)
def crefop_sieges_departements(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-3 2° bis : le CREFOP comprend des représentants des départements de la région
    « dont le nombre, qui ne peut être supérieur à six, est arrêté par le préfet de région ».
    Vaut pour les sièges du CREFOP décrits par `rotation.sieges`, pas pour les membres du comité
    régional, qui représentent tous les départements (R. 5311-17 3°)."""
    for doc, comite, droit, _unites, _noms in _rotations(ctx):
        limite = droit("crefop.sieges_departements_max")
        sieges = comite.rotation.sieges
        if limite is not None and sieges > limite:
            yield ctx.constat(
                doc, ("rotation", "sieges"),
                f"{sieges} sièges de représentants des départements au CREFOP, limite {limite}",
                chiffres={"trouve": sieges, "limite": limite}, droit=droit,
            )


@regle(
    id="crefop-rotation-absente", gravite=Gravite.AVERTISSEMENT, article="R. 6123-3-6",
    titre="La rotation des sièges des départements au CREFOP est décrite (région de plus de six départements)",
    famille="crefop", exemple=EXEMPLE.split("rotation:")[0],
)
def crefop_rotation_absente(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-6 : quand la région compte plus de six départements, leurs représentants au
    CREFOP sont nommés pour des périodes d'au moins un an qui font siéger chacun sur les trois
    ans. Le dépôt décrit ces sièges dans le bloc `rotation` du comité régional (avertissement :
    la composition du CREFOP relève d'un autre arrêté, que le dépôt peut ne pas suivre)."""
    for doc, comite, droit in _regionaux(ctx, "au_sein_du_crefop"):
        if comite.rotation is not None or not _grande_region(ctx, comite, droit):
            continue
        nombre = ctx.geo.nombre_departements(comite.region)
        sieges = droit("crefop.sieges_departements_max")
        chemin = ("forme",) if "forme" in doc.donnees else ()
        yield ctx.constat(
            doc, chemin,
            f"la région compte {nombre} départements pour {sieges} sièges au plus au CREFOP : la rotation "
            f"qui les fait tous siéger sur le mandat n'est pas décrite (`rotation` ; proposition : "
            f"cte rotation {comite.id} --debut AAAA-MM-JJ)",
            chiffres={"departements": nombre, "sieges": sieges},
            cible=Cible.VALEUR if chemin else Cible.PARENT, droit=droit,
        )


@regle(
    id="crefop-rotation-periodes", gravite=Gravite.ERREUR, article="R. 6123-3-6",
    titre="Chaque période de la rotation dure au moins un an et ne dépasse pas les sièges",
    famille="crefop", exemple=EXEMPLE.replace('"30", "31", "34", "66", "81"]}', '"30", "31", "34", "66", "81", "82"]}', 1),
)
def crefop_rotation_periodes(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-6 : quand la région a plus de six départements, leurs représentants sont
    nommés « pour une durée, qui ne peut être inférieure à un an » ; chaque période a au plus
    `rotation.sieges` départements, chacun une fois. Jusqu'à six départements, il n'y a pas de
    dérogation : les représentants sont nommés pour trois ans, en une seule période."""
    yield from _anomalies(ctx, rot.REGLE_PERIODES)
    for doc, comite, droit, _unites, _noms in _rotations(ctx):
        if _grande_region(ctx, comite, droit) or not comite.rotation.periodes:
            continue
        r = rot.reglage(droit)
        courtes = [i for i, p in enumerate(comite.rotation.periodes)
                   if p.fin != fin_de_periode(p.debut, r.mandat_mois)]
        if len(comite.rotation.periodes) > 1 or courtes:
            nombre = ctx.geo.nombre_departements(comite.region)
            yield ctx.constat(
                doc, ("rotation", "periodes"),
                f"la région compte {nombre} départements ({r.seuil} au plus) : pas de rotation, les "
                f"représentants des départements au CREFOP sont nommés pour {r.mandat_ans} ans (R. 6123-3-6 "
                f"ne déroge qu'au-delà de {r.seuil} départements) ; {len(comite.rotation.periodes)} période(s) "
                "décrite(s)",
                chiffres={"departements": nombre, "periodes": len(comite.rotation.periodes)},
                cible=Cible.CLE, droit=droit,
            )


@regle(
    id="crefop-rotation-mandat", gravite=Gravite.ERREUR, article="R. 6123-3-6",
    titre="Les périodes de la rotation couvrent les trois ans du mandat, sans trou ni chevauchement",
    famille="crefop",
    exemple=EXEMPLE.replace("mandat: {debut: 2025-07-01, fin: 2028-06-30}", "mandat: {debut: 2025-07-01, fin: 2028-12-31}"),
)
def crefop_rotation_mandat(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-6 : les membres du CREFOP sont nommés pour trois ans ; les périodes de la
    rotation se suivent du premier au dernier jour du mandat (`rotation.mandat`), sans période
    où aucun département ne siège ni période qui en chevauche une autre."""
    yield from _anomalies(ctx, rot.REGLE_MANDAT)


@regle(
    id="crefop-rotation-departements", gravite=Gravite.ERREUR, article="R. 6123-3-6",
    titre="La rotation fait siéger chaque département de la région au CREFOP au moins une fois",
    famille="crefop", exemple=EXEMPLE.replace('"66", "81", "82"]', '"66", "81", "09"]'),
)
def crefop_rotation_departements(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-6 : la durée des nominations permet « d'assurer la représentation de
    l'ensemble des départements sur la période de trois ans » ; l'instruction DGEFP/DAT/2024/92
    (fiche 1 § 1.2) : « permettre à chaque département de siéger pendant une année minimum »."""
    yield from _anomalies(ctx, rot.REGLE_DEPARTEMENTS)


@regle(
    id="crefop-rotation-en-cours", gravite=Gravite.AVERTISSEMENT, article="R. 6123-3-6",
    titre="La rotation des sièges des départements au CREFOP couvre la date de contrôle",
    famille="crefop",
    exemple="# date: 2028-09-01\n" + EXEMPLE,
)
def crefop_rotation_en_cours(ctx: Contexte) -> Iterator[Constat]:
    """Après la dernière période de la rotation décrite (`rotation.mandat.fin`), les sièges des
    départements au CREFOP sont à pourvoir pour un nouveau mandat de trois ans (R. 6123-3-6) :
    avertissement tant que la rotation suivante n'est pas inscrite. Les membres du comité
    régional, qui représentent tous les départements, ne tournent pas."""
    for doc, comite, droit, _unites, _noms in _rotations(ctx):
        rotation = comite.rotation
        if not _grande_region(ctx, comite, droit) or ctx.date <= rotation.mandat.fin:
            continue
        yield ctx.constat(
            doc, ("rotation", "mandat", "fin"),
            f"la rotation a pris fin le {rotation.mandat.fin:%d/%m/%Y} : arrêtez celle du mandat suivant "
            f"(proposition : cte rotation {comite.id} --debut "
            f"{(rotation.mandat.fin + timedelta(days=1)).isoformat()})",
            chiffres={"fin": rotation.mandat.fin.isoformat()}, droit=droit,
        )
