"""Mandats des membres : trois ans renouvelables, remplacement pour la durée restant à courir
(R. 5311-36 ; R. 6123-3-6 et R. 6123-3-17 au CREFOP ; outre-mer R. 5523-15-11, -24, -36).

Le mandat d'un membre est sa clé `mandat: {debut, fin}` ; sans elle, celui que lui donne
l'arrêté de composition (`arrete.date`, trois ans). Un remplaçant (`remplace_le`, date de sa
nomination) finit le mandat de celui qu'il remplace : son terme est le terme commun des autres
membres (le plus fréquent de leurs `mandat.fin`), à défaut la veille du troisième anniversaire
de l'arrêté. Les sièges tournants des départements au CREFOP (R. 6123-3-6, plus de six
départements) suivent les périodes de la rotation, vérifiées par d'autres règles : leur durée
n'est pas contrôlée ici, leur échéance l'est.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.rules import categories as cat
from cte_cli.rules.registry import Contexte, regle
from cte_cli.voix import designation

FAMILLE = "mandats"
#: une échéance à moins de 90 jours est signalée (info)
PREAVIS_JOURS = 90

_SANS_MANDAT = frozenset({"france_travail", "mission_locale", "cap_emploi"})
_TOUS = frozenset(cat.LIBELLES)


def colleges_mandates(comite: Any) -> tuple[frozenset[str], str]:
    """Collèges nommés pour trois ans et l'article qui le dit.

    R. 5311-36 : 1° à 5° de R. 5311-17 (CRE), 1° à 6°, 8° et 9° de R. 5311-23 (CDE : tous sauf
    France Travail), 1° à 5° de R. 5311-32 (CLE). Outre-mer : 1° à 9° de R. 5523-15-10
    (R. 5523-15-11), 1° à 8° de R. 5523-15-23 (R. 5523-15-24) et de R. 5523-15-35 (R. 5523-15-36).
    """
    niveau = comite.niveau
    if niveau == "regional":
        article = "R. 6123-3-6, R. 6123-3-17" if comite.forme == "crefop_renomme" else "R. 5311-36, R. 6123-3-6"
        return _TOUS - _SANS_MANDAT - {"communes", "epci"}, article
    if niveau == "departemental":
        return _TOUS - {"france_travail", "epci"}, "R. 5311-36"
    if niveau == "local":
        return frozenset({"etat", "region", "departement", "epci", "communes"}), "R. 5311-36"
    if niveau == "territorial":
        article = "R. 5523-15-24" if comite.region in cat.REGIONS_L5523_8 else "R. 5523-15-11"
        return _TOUS - _SANS_MANDAT - {"epci"}, article
    return _TOUS - _SANS_MANDAT - {"epci"}, "R. 5523-15-36"


def anniversaire(debut: date, annees: int = 3) -> date:
    """Même jour `annees` plus tard (le 29 février devient le 1er mars)."""
    try:
        return debut.replace(year=debut.year + annees)
    except ValueError:
        return date(debut.year + annees, 3, 1)


def terme_trois_ans(debut: date) -> date:
    """Dernier jour d'un mandat de trois ans commençant le jour `debut`."""
    return anniversaire(debut) - timedelta(days=1)


def siege_tournant(comite: Any, membre: Any, ctx: Contexte) -> bool:
    """Siège d'un département au CREFOP soumis à la rotation de R. 6123-3-6 (plus de six
    départements, CRE au sein du CREFOP)."""
    if comite.niveau != "regional" or membre.college != "departement" or comite.forme == "crefop_renomme":
        return False
    if comite.rotation is not None:
        return True
    region = ctx.geo.regions.get(comite.region)
    return bool(region and len(region.departements) > 6)


@dataclass
class Mandat:
    indice: int
    membre: Any
    debut: date | None
    fin: date
    #: « mandat » (clé du membre), « arrete » (déduit de l'arrêté) ou « terme » (remplaçant)
    origine: str
    tournant: bool


@dataclass
class Terme:
    """Terme du mandat en cours des membres du comité, et d'où on le tient."""

    fin: date
    admis: tuple[date, ...]
    explication: str


def _fmt(jour: date) -> str:
    return f"{jour:%d/%m/%Y}"


def terme_commun(comite: Any, colleges: frozenset[str], ctx: Contexte) -> Terme | None:
    fins = Counter(
        m.mandat.fin for m in comite.membres
        if m.college in colleges and m.mandat is not None and m.remplace_le is None
        and not siege_tournant(comite, m, ctx)
    )
    if fins:
        fin, nombre = max(fins.items(), key=lambda fn: (fn[1], fn[0]))
        return Terme(fin, (fin,), f"terme commun de {nombre} autre(s) membre(s)")
    if comite.arrete is not None:
        fin = terme_trois_ans(comite.arrete.date)
        return Terme(fin, (fin, anniversaire(comite.arrete.date)),
                     f"trois ans après l'arrêté du {_fmt(comite.arrete.date)}")
    return None


def mandats(comite: Any, ctx: Contexte) -> tuple[list[Mandat], str]:
    """Les mandats des membres nommés pour trois ans, explicites ou déduits ; calculés une fois
    par comité et par validation (mandat-duree, mandat-echu et mandat-a-renouveler les lisent)."""
    return ctx.memo(("mandats", id(comite)), lambda: _mandats(comite, ctx))


def _mandats(comite: Any, ctx: Contexte) -> tuple[list[Mandat], str]:
    colleges, article = colleges_mandates(comite)
    terme = terme_commun(comite, colleges, ctx)
    trouves = []
    for i, m in enumerate(comite.membres):
        if m.college not in colleges:
            continue
        tournant = siege_tournant(comite, m, ctx)
        if m.mandat is not None:
            trouves.append(Mandat(i, m, m.mandat.debut, m.mandat.fin, "mandat", tournant))
        elif m.remplace_le is not None and terme is not None:
            trouves.append(Mandat(i, m, m.remplace_le, terme.fin, "terme", tournant))
        elif comite.arrete is not None:
            trouves.append(Mandat(i, m, comite.arrete.date, terme_trois_ans(comite.arrete.date), "arrete", tournant))
    return trouves, article


def _en_vigueur(ctx: Contexte) -> Iterator[tuple[Any, Any]]:
    for doc, comite in ctx.comites():
        if ctx.en_vigueur(comite):
            yield doc, comite


def _designation(i: int, membre: Any) -> str:
    return designation(i, membre.qualite, membre.organisation)


@regle(
    id="mandat-duree", gravite=Gravite.ERREUR, article="R. 5311-36",
    titre="Les membres sont nommés pour trois ans",
    famille=FAMILLE,
    exemple="  - {nom: Luc Faure, qualite: Maire de Delle, college: communes, voix: 2,\n"
    "     mandat: {debut: 2024-10-15, fin: 2028-10-14}}   # quatre ans",
)
def mandat_duree(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-36 : les membres des catégories 1° à 5° de R. 5311-17, 1° à 6°, 8° et 9° de
    R. 5311-23 et 1° à 5° de R. 5311-32 sont nommés pour trois ans (renouvelables) ; de même au
    CREFOP (R. 6123-3-6, R. 6123-3-17) et outre-mer (R. 5523-15-11, -24, -36). Un mandat
    finissant la veille du troisième anniversaire ou ce jour-là est admis. Les sièges tournants
    des départements au CREFOP (plus de six départements) ne sont pas contrôlés ici."""
    for doc, comite in _en_vigueur(ctx):
        liste, article = mandats(comite, ctx)
        for md in liste:
            if md.origine != "mandat" or md.tournant or md.debut is None:
                continue
            chemin = ("membres", md.indice, "mandat")
            if md.fin < md.debut:
                yield ctx.constat(
                    doc, (*chemin, "fin"),
                    f"{_designation(md.indice, md.membre)} : mandat finissant le {_fmt(md.fin)}, avant son "
                    f"début le {_fmt(md.debut)}", chiffres={"debut": md.debut.isoformat(), "fin": md.fin.isoformat()},
                    article=article,
                )
            elif md.fin > anniversaire(md.debut):
                attendu = terme_trois_ans(md.debut)
                yield ctx.constat(
                    doc, (*chemin, "fin"),
                    f"{_designation(md.indice, md.membre)} : mandat du {_fmt(md.debut)} au {_fmt(md.fin)}, "
                    f"soit {(md.fin - md.debut).days + 1} jours ; nommé pour trois ans ({article}), il "
                    f"finit au plus tard le {_fmt(attendu)}",
                    chiffres={"debut": md.debut.isoformat(), "fin": md.fin.isoformat(),
                              "attendu": attendu.isoformat(), "jours": (md.fin - md.debut).days + 1},
                    article=article,
                )


@regle(
    id="mandat-remplacement", gravite=Gravite.ERREUR, article="R. 5311-36",
    titre="Un remplaçant est nommé pour la durée du mandat restant à courir",
    famille=FAMILLE,
    exemple="  - {nom: Luc Faure, qualite: Maire de Delle, college: communes, remplace_le: 2025-06-02,\n"
    "     mandat: {debut: 2025-06-02, fin: 2028-06-01}}   # les autres finissent le 2027-10-14",
)
def mandat_remplacement(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-36 (et R. 6123-3-6) : toute vacance ou perte de la qualité au titre de laquelle
    un membre a été désigné donne lieu à une nouvelle désignation pour la durée du mandat restant
    à courir. Le remplaçant porte `remplace_le` (date de sa nomination) ; son `mandat.fin` doit
    être le terme du mandat en cours : le terme commun des autres membres, à défaut trois ans
    après l'arrêté de composition. Nommé après ce terme, ce n'est plus un remplacement."""
    for doc, comite in _en_vigueur(ctx):
        colleges, article = colleges_mandates(comite)
        terme = terme_commun(comite, colleges, ctx)
        if terme is None:
            continue
        for i, m in enumerate(comite.membres):
            if m.remplace_le is None or m.college not in colleges or siege_tournant(comite, m, ctx):
                continue
            chiffres = {"remplace_le": m.remplace_le.isoformat(), "attendu": terme.fin.isoformat()}
            if m.remplace_le > terme.fin:
                yield ctx.constat(
                    doc, ("membres", i, "remplace_le"),
                    f"{_designation(i, m)} : remplaçant nommé le {_fmt(m.remplace_le)}, après le terme du "
                    f"mandat en cours ({_fmt(terme.fin)}, {terme.explication}) : c'est une nouvelle "
                    f"nomination pour trois ans, pas un remplacement ({article})",
                    chiffres=chiffres, article=article,
                )
            elif m.mandat is not None and m.mandat.fin not in terme.admis:
                yield ctx.constat(
                    doc, ("membres", i, "mandat", "fin"),
                    f"{_designation(i, m)} : remplaçant nommé le {_fmt(m.remplace_le)} avec un mandat "
                    f"jusqu'au {_fmt(m.mandat.fin)} ; il est nommé pour la durée du mandat restant à "
                    f"courir, jusqu'au {_fmt(terme.fin)} ({terme.explication}, {article})",
                    chiffres={**chiffres, "trouve": m.mandat.fin.isoformat()}, article=article,
                )


def _numeros(indices: list[int]) -> str:
    """« 1 à 4, 7, 9, 10 » (numéros à partir de 1)."""
    plages: list[list[int]] = []
    for n in sorted(i + 1 for i in indices):
        if plages and n == plages[-1][1] + 1:
            plages[-1][1] = n
        else:
            plages.append([n, n])
    return ", ".join(str(a) if a == b else (f"{a}, {b}" if b == a + 1 else f"{a} à {b}") for a, b in plages)


def _echeances(ctx: Contexte, echus: bool) -> Iterator[Constat]:
    """Mandats échus (`echus`) ou finissant dans les 90 jours, groupés par date de fin."""
    limite = ctx.date + timedelta(days=PREAVIS_JOURS)
    for doc, comite in _en_vigueur(ctx):
        liste, article = mandats(comite, ctx)
        groupes: dict[tuple[date, bool], list[Mandat]] = {}
        for md in liste:
            if (md.fin < ctx.date) if echus else (ctx.date <= md.fin <= limite):
                groupes.setdefault((md.fin, md.origine == "arrete"), []).append(md)
        for (fin, par_arrete), membres in sorted(groupes.items(), key=lambda g: g[0]):
            yield _constat_echeance(ctx, doc, comite, fin, par_arrete, membres, article, echus)


def _constat_echeance(ctx, doc, comite, fin, par_arrete, membres, article, echus) -> Constat:
    jours = (fin - ctx.date).days
    chiffres = {"fin": fin.isoformat(), "membres": len(membres), "jours": jours}
    plusieurs = len(membres) > 1
    if echus:
        etat = f"échu{'s' if plusieurs else ''} le {_fmt(fin)}"
        action = ("ils ne sont plus nommés : renouvelez leur nomination pour trois ans" if plusieurs
                  else "le membre n'est plus nommé : renouvelez sa nomination pour trois ans")
    else:
        etat = f"finissant le {_fmt(fin)}, dans {jours} jour(s)"
        action = "préparez le renouvellement des nominations"
    numeros = _numeros([m.indice for m in membres])
    if par_arrete:
        qui = (f"{len(membres)} membres sans `mandat` (n° {numeros}) nommés" if plusieurs
               else f"{_designation(membres[0].indice, membres[0].membre)}, sans `mandat`, nommé")
        texte = (f"{qui} par l'arrêté du {_fmt(comite.arrete.date)} pour trois ans : "
                 f"mandat{'s' if plusieurs else ''} {etat} ; {action} ({article})")
        return ctx.constat(doc, ("arrete", "date"), texte, chiffres=chiffres, article=article)
    if not plusieurs:
        md = membres[0]
        chemin = ("membres", md.indice, "mandat", "fin") if md.origine == "mandat" else ("membres", md.indice)
        return ctx.constat(doc, chemin, f"{_designation(md.indice, md.membre)} : mandat {etat} ; {action} "
                           f"({article})", chiffres=chiffres, article=article)
    texte = f"mandats de {len(membres)} membres (n° {numeros}) {etat} ; {action} ({article})"
    return ctx.constat(doc, ("membres",), texte, chiffres=chiffres, cible=Cible.CLE, article=article)


@regle(
    id="mandat-echu", gravite=Gravite.ERREUR, article="R. 5311-36",
    titre="Les mandats des membres ne sont pas échus à la date de contrôle",
    famille=FAMILLE,
    exemple="arrete: {reference: Arrêté n° 2021-12, date: 2021-10-15}\n# au 22/11/2026, les membres nommés "
    "pour trois ans le 15/10/2021 ne le sont plus depuis le 14/10/2024",
)
def mandat_echu(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-36 : nommé pour trois ans, un membre dont le mandat a pris fin avant la date de
    contrôle ne siège plus tant que sa nomination n'est pas renouvelée. Un constat par date de
    fin (les membres nommés ensemble sont groupés)."""
    yield from _echeances(ctx, echus=True)


@regle(
    id="mandat-a-renouveler", gravite=Gravite.INFO, article="R. 5311-36",
    titre="Mandats finissant dans les 90 jours",
    famille=FAMILLE,
    exemple="  - {nom: Luc Faure, qualite: Maire de Delle, college: communes,\n"
    "     mandat: {debut: 2023-12-01, fin: 2026-11-30}}   # au 22/11/2026 : dans 8 jours",
)
def mandat_a_renouveler(ctx: Contexte) -> Iterator[Constat]:
    """Information : les mandats qui finissent dans les 90 jours suivant la date de contrôle,
    pour préparer l'arrêté de renouvellement (R. 5311-36)."""
    yield from _echeances(ctx, echus=False)
