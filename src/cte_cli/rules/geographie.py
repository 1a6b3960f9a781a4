"""Géographie : codes de région, de département, d'EPCI et de commune au regard du
référentiel (COG 2026) et du ressort du comité (L. 5311-10 I, R. 5311-22, -30, -35)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cte_cli.constats import Chemin, Constat, Gravite
from cte_cli.droit.territoires import COLLECTIVITES_DEPARTEMENTALES, region_du_code
from cte_cli.rules.registry import Contexte, regle
from cte_cli.suggestions import suggestion

if TYPE_CHECKING:
    from cte_cli.model import Comite

REFERENTIEL = "référentiel géographique (COG 2026)"


def _region_connue(ctx: Contexte, comite: Comite) -> bool:
    if comite.region in ctx.geo.regions:
        return True
    return comite.niveau == "territorial_unique" and comite.region in ctx.geo.collectivites_outre_mer


def _departement_connu(ctx: Contexte, code: str, chemin: Chemin = ()) -> bool:
    """Un département INSEE ou une collectivité 975, 977, 978 ; pour un membre du comité régional
    et la rotation du CREFOP, aussi une collectivité à compétences départementales (69M, 6AE…)."""
    if code in ctx.geo.departements or code in ctx.geo.collectivites_outre_mer:
        return True
    return chemin[:1] in (("membres",), ("rotation",)) and code in COLLECTIVITES_DEPARTEMENTALES


def _codes_departement(comite: Comite) -> Iterator[tuple[Chemin, str]]:
    """Chaque code de département du comité, avec son chemin dans le document."""
    for i, code in enumerate(comite.departements or ()):
        yield ("departements", i), code
    for i, membre in enumerate(comite.membres):
        if membre.departement:
            yield ("membres", i, "departement"), membre.departement
    if comite.rotation:
        for i, periode in enumerate(comite.rotation.periodes):
            for j, code in enumerate(periode.departements):
                yield ("rotation", "periodes", i, "departements", j), code


@regle(
    id="region-inconnue", gravite=Gravite.ERREUR, article="L. 5311-10",
    titre="Le code de région est un code INSEE de région existant",
    exemple='region: "26"   # Bourgogne-Franche-Comté est « 27 »',
)
def region_inconnue(ctx: Contexte) -> Iterator[Constat]:
    """Le comité est institué dans une des 18 régions (COG), ou pour le comité territorial
    unique, à Saint-Barthélemy, Saint-Martin ou Saint-Pierre-et-Miquelon (L. 5523-9)."""
    for doc, comite in ctx.comites():
        if not _region_connue(ctx, comite):
            noms = {r.code: r.nom for r in ctx.geo.regions.values()}
            yield ctx.constat(
                doc, ("region",),
                f"région « {comite.region} » inconnue du {REFERENTIEL} ; codes possibles : "
                + ", ".join(f"{c} {n}" for c, n in sorted(noms.items())),
            )


@regle(
    id="departement-inconnu", gravite=Gravite.ERREUR, article="L. 5311-10",
    titre="Chaque code de département est un code INSEE de département existant",
    exemple='departements: ["20"]   # la Corse est « 2A » et « 2B »',
)
def departement_inconnu(ctx: Contexte) -> Iterator[Constat]:
    """Codes de `departements`, des membres (`departement:`) et de la rotation CREFOP."""
    codes = list(ctx.geo.departements)
    for doc, comite in ctx.comites():
        for chemin, code in _codes_departement(comite):
            if not _departement_connu(ctx, code, chemin):
                yield ctx.constat(
                    doc, chemin, f"département « {code} » inconnu du {REFERENTIEL}" + suggestion(code, codes)
                )


def _article_hors_region(comite: Comite, chemin: Chemin) -> str:
    """L'article qui lie ce département à la région du comité, selon où il figure."""
    if chemin[0] == "rotation":
        return "R. 6123-3-3, R. 6123-3-6"
    if comite.niveau == "regional":
        return "R. 6123-3-17" if comite.forme == "crefop_renomme" else "R. 5311-17"
    if comite.niveau == "departemental":
        return "R. 5311-28" if comite.collectivite else "R. 5311-22"
    if comite.niveau == "local":
        return "R. 5311-35" if len(set(comite.departements or ())) > 1 else "R. 5311-30"
    return "L. 5523-7 à L. 5523-9"


@regle(
    id="departement-hors-region", gravite=Gravite.ERREUR,
    article="R. 5311-17, R. 5311-22, R. 5311-30, R. 5311-35, R. 6123-3-3",
    titre="Les départements d'un comité appartiennent à sa région",
    exemple='region: "27"\ndepartements: ["01"]   # l\'Ain est en Auvergne-Rhône-Alpes',
)
def departement_hors_region(ctx: Contexte) -> Iterator[Constat]:
    """Un comité départemental couvre un département de sa région (R. 5311-22 ; collectivité :
    R. 5311-28) ; un comité local, un territoire du département (R. 5311-30) ou de plusieurs
    départements de la même région (R. 5311-35) ; les représentants des départements au comité
    régional sont ceux « de l'ensemble des départements de la région » (R. 5311-17 3° ; CREFOP
    renommé R. 6123-3-17), comme ceux qui siègent au CREFOP (R. 6123-3-3 2° bis, R. 6123-3-6)."""
    for doc, comite in ctx.comites():
        if not _region_connue(ctx, comite):
            continue
        for chemin, code in _codes_departement(comite):
            region_code = region_du_code(code, ctx.geo)
            if region_code and region_code != comite.region:
                region = ctx.geo.regions.get(region_code)
                nom = (ctx.geo.departements[code].nom if code in ctx.geo.departements
                       else COLLECTIVITES_DEPARTEMENTALES[code].nom)
                yield ctx.constat(
                    doc, chemin,
                    f"le département {code} ({nom}) appartient à la région "
                    f"{region_code} ({region.nom if region else '?'}), pas à la région "
                    f"{comite.region} du comité",
                    article=_article_hors_region(comite, chemin),
                )


@regle(
    id="epci-inconnu", gravite=Gravite.ERREUR, article="R. 5311-32",
    titre="Chaque EPCI du ressort est un EPCI à fiscalité propre ou un EPT existant (SIREN)",
    exemple='ressort:\n  epci: ["200000000"]',
)
def epci_inconnu(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-32 4° vise les EPCI à fiscalité propre et les EPT du Grand Paris : leur SIREN
    doit figurer au référentiel (COG 2026)."""
    for doc, comite in ctx.comites():
        for chemin, siren in _sirens(comite):
            if siren not in ctx.geo.epci:
                yield ctx.constat(doc, chemin, f"EPCI « {siren} » inconnu du {REFERENTIEL} (SIREN d'un "
                                  "EPCI à fiscalité propre ou d'un EPT attendu)")


def _sirens(comite: Comite) -> Iterator[tuple[Chemin, str]]:
    if comite.ressort:
        for i, siren in enumerate(comite.ressort.epci):
            yield ("ressort", "epci", i), siren
    for i, membre in enumerate(comite.membres):
        if membre.epci:
            yield ("membres", i, "epci"), membre.epci


@regle(
    id="epci-hors-ressort", gravite=Gravite.ERREUR, article="R. 5311-30",
    titre="Les EPCI et communes du ressort d'un comité local sont dans son ou ses départements",
    exemple='departements: ["21"]\nressort:\n  epci: ["242500361"]   # Grand Besançon Métropole, Doubs',
)
def epci_hors_ressort(ctx: Contexte) -> Iterator[Constat]:
    """Le préfet de département fixe le ressort des comités locaux de son département
    (R. 5311-30) ; un ressort sur plusieurs départements exige un arrêté conjoint (R. 5311-35).
    Un EPCI ou une commune qui n'a aucune commune dans ces départements est hors ressort."""
    for doc, comite in ctx.comites("local"):
        if not comite.ressort or not comite.departements:
            continue
        departements = set(comite.departements)
        for i, siren in enumerate(comite.ressort.epci):
            epci = ctx.geo.epci.get(siren)
            if epci and not departements.intersection(epci.departements):
                yield ctx.constat(
                    doc, ("ressort", "epci", i),
                    f"l'EPCI {siren} ({epci.nom}) est dans le(s) département(s) "
                    f"{', '.join(epci.departements)}, hors du ressort du comité "
                    f"({', '.join(sorted(departements))})",
                )
        for i, code in enumerate(comite.ressort.communes):
            commune = ctx.geo.commune(code)
            if commune is None:
                yield ctx.constat(doc, ("ressort", "communes", i), f"commune « {code} » inconnue du {REFERENTIEL}")
            elif commune.departement not in departements:
                yield ctx.constat(
                    doc, ("ressort", "communes", i),
                    f"la commune {code} ({commune.nom}) est dans le département {commune.departement}, "
                    f"hors du ressort du comité ({', '.join(sorted(departements))})",
                )
