"""Représentants des départements au comité régional : six sièges au plus au sein du CREFOP,
rotation quand la région a plus de six départements, un représentant par département quand
le CREFOP prend le nom de comité régional pour l'emploi (R. 5311-17 3°, R. 6123-3-3 2° bis,
R. 6123-3-6, R. 6123-3-17 ; instruction DGEFP/DAT/2024/92, fiche 1 § 1.2).

Le contrôle de la rotation elle-même est dans `cte_cli.rotation` (utilisé aussi par
`cte rotation`) ; ces règles en font des constats.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from cte_cli import rotation as rot
from cte_cli.constats import Cible, Constat, Gravite
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
  - {nom: C, qualite: Conseiller départemental, college: departement, departement: "11"}
  - {nom: D, qualite: Conseillère départementale, college: departement, departement: "12"}
  - {nom: E, qualite: Conseiller départemental, college: departement, departement: "32"}
  - {nom: F, qualite: Conseillère départementale, college: departement, departement: "46"}
  - {nom: G, qualite: Conseiller départemental, college: departement, departement: "48"}
  - {nom: H, qualite: Conseillère départementale, college: departement, departement: "65"}
rotation:
  mandat: {debut: 2025-07-01, fin: 2028-06-30}
  sieges: 6
  periodes:
    - {debut: 2025-07-01, fin: 2026-06-30, departements: ["09", "30", "31", "34", "66", "81"]}
    - {debut: 2026-07-01, fin: 2027-06-30, departements: ["11", "12", "32", "46", "48", "65"]}
    - {debut: 2027-07-01, fin: 2028-06-30, departements: ["30", "31", "34", "66", "81", "82"]}
"""


def _crefop(ctx: Contexte, forme: str | None = None) -> Iterator[tuple]:
    """(document, comité, départements de la région) des comités régionaux en vigueur ;
    `forme` absente vaut « au sein du CREFOP » (L. 5311-10 I 1°, premier alinéa)."""
    for doc, comite in ctx.comites("regional"):
        region = ctx.geo.regions.get(comite.region)
        if region is None or not ctx.en_vigueur(comite):
            continue
        if forme is None or (comite.forme or "au_sein_du_crefop") == forme:
            yield doc, comite, region.departements


def _representants(comite, jour) -> list[tuple[int, str]]:
    """(indice, code) des membres du collège `departement` en fonction ce jour-là qui disent
    quel département ils représentent."""
    return [(i, m.departement) for i, m in enumerate(comite.membres)
            if m.college == "departement" and m.departement and _en_fonction(m, jour)]


def _en_fonction(membre, jour) -> bool:
    """Le mandat du membre (s'il est écrit) couvre-t-il ce jour ? Les membres d'une autre
    période, gardés dans le fichier avec leur mandat, ne comptent pas."""
    return membre.mandat is None or membre.mandat.debut <= jour <= membre.mandat.fin


def _avec_rotation(ctx: Contexte) -> Iterator[tuple]:
    """Comités au sein du CREFOP d'une région de plus de six départements, avec rotation."""
    for doc, comite, departements in _crefop(ctx, "au_sein_du_crefop"):
        if comite.rotation is not None and len(departements) > rot.SIEGES_MAX:
            yield doc, comite, departements


def _anomalies(ctx: Contexte, regle_id: str) -> Iterator[Constat]:
    for doc, comite, departements in _avec_rotation(ctx):
        noms = {c: ctx.geo.departements[c].nom for c in departements}
        for a in rot.verifier(comite.rotation, departements, noms):
            if a.regle == regle_id:
                yield ctx.constat(doc, a.chemin, a.message, chiffres=a.chiffres, article=a.article)


@regle(
    id="crefop-sieges-departements", gravite=Gravite.ERREUR, article="R. 6123-3-3",
    titre="Au sein du CREFOP, six représentants des départements au plus",
    famille="crefop",
    exemple=EXEMPLE.replace("  sieges: 6", "  sieges: 7"),
)
def crefop_sieges_departements(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-3 2° bis : le CREFOP comprend des représentants des départements de la région
    « dont le nombre, qui ne peut être supérieur à six, est arrêté par le préfet de région ».
    Vaut pour les membres du collège `departement` du comité régional institué en son sein et
    pour `rotation.sieges` ; les membres d'une période ne dépassent pas les sièges de la
    rotation. Sont comptés les membres en fonction à la date de contrôle (leur `mandat`, s'il est
    écrit). Ne s'applique pas au CREFOP renommé (R. 6123-3-17 : un par département)."""
    for doc, comite, _departements in _crefop(ctx, "au_sein_du_crefop"):
        representants = [i for i, m in enumerate(comite.membres)
                         if m.college == "departement" and _en_fonction(m, ctx.date)]
        limite = rot.SIEGES_MAX
        if comite.rotation is not None:
            limite = min(limite, comite.rotation.sieges)
        if len(representants) > limite:
            origine = (f"la rotation prévoit {limite} sièges (`rotation.sieges`)" if limite < rot.SIEGES_MAX
                       else f"limite {limite}")
            yield ctx.constat(
                doc, ("membres", representants[limite]),
                f"{len(representants)} membres du collège departement (représentants des départements, "
                f"2° bis) ; {origine}",
                chiffres={"trouve": len(representants), "limite": limite},
            )
    yield from _anomalies(ctx, rot.REGLE_SIEGES)


@regle(
    id="crefop-departements-representes", gravite=Gravite.ERREUR,
    article="R. 5311-17, R. 6123-3-6, R. 6123-3-17",
    titre="Chaque département de la région est représenté au comité régional (rotation au-delà de six)",
    famille="crefop",
    exemple=EXEMPLE.split("rotation:")[0],
)
def crefop_departements_representes(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-17 3° : le comité régional comprend des représentants de l'ensemble des
    départements de la région. Au sein du CREFOP, jusqu'à six départements, chacun a son
    représentant nommé pour trois ans (pas de rotation : R. 6123-3-6 ne déroge qu'au-delà) ;
    au-delà de six, une rotation (`rotation`) les fait tous siéger sur les trois ans
    (R. 6123-3-6). CREFOP renommé comité régional pour l'emploi : un représentant par
    département pour trois ans, sans rotation (R. 6123-3-17)."""
    for doc, comite, departements in _crefop(ctx):
        noms = {c: ctx.geo.departements[c].nom for c in departements}
        if (comite.forme or "au_sein_du_crefop") == "crefop_renomme":
            yield from _renomme(ctx, doc, comite, departements, noms)
        elif len(departements) > rot.SIEGES_MAX:
            if comite.rotation is None:
                chemin = ("forme",) if "forme" in doc.donnees else ()
                yield ctx.constat(
                    doc, chemin,
                    f"la région compte {len(departements)} départements pour six sièges au plus : "
                    "les représentants des départements sont nommés pour des périodes d'au moins un "
                    "an qui font siéger chacun sur les trois ans ; décrivez-les dans `rotation` "
                    f"(proposition : cte rotation {comite.id} --debut AAAA-MM-JJ)",
                    chiffres={"departements": len(departements), "sieges": rot.SIEGES_MAX},
                    cible=Cible.VALEUR if chemin else Cible.PARENT, article="R. 6123-3-6",
                )
        else:
            yield from _tous_representes(ctx, doc, comite, departements, noms)


def _tous_representes(ctx, doc, comite, departements, noms) -> Iterator[Constat]:
    if comite.rotation is not None:
        yield ctx.constat(
            doc, ("rotation",),
            f"la région compte {len(departements)} départements (six au plus) : pas de rotation, "
            "chaque département a un représentant nommé pour trois ans (R. 6123-3-6 ne déroge "
            "qu'au-delà de six départements)",
            chiffres={"departements": len(departements)}, cible=Cible.CLE, article="R. 6123-3-6",
        )
    presents = {code for _, code in _representants(comite, ctx.date)}
    yield from _absents(ctx, doc, departements, presents, noms, "R. 5311-17",
                        "le comité comprend des représentants de l'ensemble des départements de la région")


def _absents(ctx, doc, departements, presents, noms, article: str, exigence: str) -> Iterator[Constat]:
    """Un constat sur `membres` qui liste les départements de la région sans représentant."""
    absents = [c for c in departements if c not in presents]
    if absents:
        yield ctx.constat(
            doc, ("membres",),
            f"{len(absents)} département(s) sans représentant au collège departement : "
            + ", ".join(f"{c} {noms[c]}" for c in absents) + f" ; {exigence}",
            chiffres={"absents": absents, "trouve": len(departements) - len(absents),
                      "attendu": len(departements)},
            cible=Cible.CLE, article=article,
        )


def _renomme(ctx, doc, comite, departements, noms) -> Iterator[Constat]:
    if comite.rotation is not None:
        yield ctx.constat(
            doc, ("rotation",),
            "CREFOP renommé comité régional pour l'emploi : chaque département a un représentant "
            "désigné pour trois ans, sans rotation (`rotation` à retirer)",
            cible=Cible.CLE, article="R. 6123-3-17",
        )
    par_code: dict[str, list[int]] = defaultdict(list)
    for i, code in _representants(comite, ctx.date):
        par_code[code].append(i)
    for code, indices in par_code.items():
        for i in indices[1:]:
            yield ctx.constat(
                doc, ("membres", i, "departement"),
                f"{len(indices)} représentants du département {code} ({noms.get(code, '?')}) ; un "
                "seul par département",
                chiffres={"departement": code, "trouve": len(indices), "limite": 1},
                article="R. 6123-3-17",
            )
    yield from _absents(ctx, doc, departements, set(par_code), noms, "R. 6123-3-17",
                        "chaque département de la région dispose d'un représentant")


@regle(
    id="crefop-rotation-periodes", gravite=Gravite.ERREUR, article="R. 6123-3-6",
    titre="Chaque période de la rotation dure au moins un an et ne dépasse pas les sièges",
    famille="crefop", exemple=EXEMPLE.replace('"30", "31", "34", "66", "81"]}', '"30", "31", "34", "66", "81", "82"]}', 1),
)
def crefop_rotation_periodes(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-6 : quand la région a plus de six départements, leurs représentants sont
    nommés « pour une durée, qui ne peut être inférieure à un an » ; chaque période a au plus
    `rotation.sieges` départements, chacun une fois."""
    yield from _anomalies(ctx, rot.REGLE_PERIODES)


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
    titre="La rotation fait siéger chaque département de la région au moins une fois",
    famille="crefop", exemple=EXEMPLE.replace('"66", "81", "82"]', '"66", "81", "09"]'),
)
def crefop_rotation_departements(ctx: Contexte) -> Iterator[Constat]:
    """R. 6123-3-6 : la durée des nominations permet « d'assurer la représentation de
    l'ensemble des départements sur la période de trois ans » ; l'instruction DGEFP/DAT/2024/92
    (fiche 1 § 1.2) : « permettre à chaque département de siéger pendant une année minimum »."""
    yield from _anomalies(ctx, rot.REGLE_DEPARTEMENTS)


@regle(
    id="crefop-rotation-en-cours", gravite=Gravite.AVERTISSEMENT, article="R. 6123-3-6",
    titre="Les représentants des départements sont ceux de la période de rotation en cours",
    famille="crefop",
    exemple=EXEMPLE.replace('departement: "11"', 'departement: "34"'),
)
def crefop_rotation_en_cours(ctx: Contexte) -> Iterator[Constat]:
    """À la date de contrôle, les membres du collège `departement` en fonction (leur `mandat`
    couvre la date, s'il est écrit) représentent les départements de la période de rotation en
    cours (leur `departement:`, R. 6123-3-6) ; après la dernière période, une
    nouvelle rotation est à arrêter. Avertissement : l'écart vient le plus souvent d'un fichier
    pas encore mis à jour après l'arrêté de la nouvelle période."""
    for doc, comite, _departements in _avec_rotation(ctx):
        rotation = comite.rotation
        if ctx.date > rotation.mandat.fin:
            yield ctx.constat(
                doc, ("rotation", "mandat", "fin"),
                f"la rotation a pris fin le {rotation.mandat.fin:%d/%m/%Y} : arrêtez celle du mandat "
                f"suivant (proposition : cte rotation {comite.id} --debut "
                f"{(rotation.mandat.fin + timedelta(days=1)).isoformat()})",
                chiffres={"fin": rotation.mandat.fin.isoformat()},
            )
            continue
        courante = rot.periode_a(rotation, ctx.date)
        if courante is None:
            continue
        k, periode = courante
        yield from _ecarts(ctx, doc, comite, k, periode)


def _ecarts(ctx, doc, comite, k, periode) -> Iterator[Constat]:
    attendus = set(periode.departements)
    representants = _representants(comite, ctx.date)
    libelle = f"période n° {k + 1} (du {periode.debut:%d/%m/%Y} au {periode.fin:%d/%m/%Y})"
    for i, code in representants:
        if code not in attendus:
            yield ctx.constat(
                doc, ("membres", i, "departement"),
                f"membre n° {i + 1} : représentant du département {code}, qui ne siège pas pendant la "
                f"{libelle} ; siègent : {', '.join(periode.departements)}",
                chiffres={"departement": code, "periode": k + 1},
            )
    presents = {code for _, code in representants}
    for j, code in enumerate(periode.departements):
        if code not in presents:
            yield ctx.constat(
                doc, ("rotation", "periodes", k, "departements", j),
                f"le département {code} siège pendant la {libelle} mais aucun membre du collège "
                f"departement ne le représente (`departement: \"{code}\"`)",
                chiffres={"departement": code, "periode": k + 1},
            )
