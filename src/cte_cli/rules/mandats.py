"""Mandats des membres : trois ans renouvelables, remplacement pour la durée restant à courir
(R. 5311-36 ; R. 6123-3-6 et R. 6123-3-17 au CREFOP renommé ; outre-mer R. 5523-15-11, -24, -36).

Le mandat d'un membre est sa clé `mandat: {debut, fin}` ; sans elle, celui que lui donne
l'arrêté de composition (`arrete.date`). Un remplaçant (`remplace_le`, date de sa nomination)
finit le mandat de celui qu'il remplace : son terme est le terme commun des autres membres (le
plus fréquent de leurs `mandat.fin`), à défaut la fin du mandat ouvert par l'arrêté. Un membre
gardé dans le fichier après la fin de son mandat, dont le siège a été repris par un successeur,
est de l'histoire : ni échu, ni compté (`cte_cli.droit.membres`). La durée du mandat est un
paramètre daté (`mandat.duree_ans`, `crefop.mandat_ans`), lu au premier jour du mandat.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit.categories import cle_composition
from cte_cli.droit.categories import colleges_mandates as _colleges_mandates
from cte_cli.droit.dates import ajouter_mois, ans_en_mois, fin_de_periode, fr
from cte_cli.droit.membres import historique, remplacements
from cte_cli.droit.voix import designation
from cte_cli.rules.registry import Contexte, regle

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite


def colleges_mandates(comite: Any) -> tuple[frozenset[str], str]:
    """Collèges nommés pour trois ans et l'article qui le dit (voir `cte_cli.droit.categories`)."""
    return _colleges_mandates(comite)


def parametre_duree(comite: Any) -> str:
    """Le paramètre de durée du mandat : R. 6123-3-6 au CREFOP renommé, R. 5311-36 ailleurs."""
    return "crefop.mandat_ans" if cle_composition(comite) == "crefop_renomme" else "mandat.duree_ans"


def anniversaire(debut: date, annees: int) -> date:
    """Même quantième `annees` plus tard (à défaut, le dernier jour du mois)."""
    return ajouter_mois(debut, ans_en_mois(annees))


def terme(debut: date, annees: int) -> date:
    """Dernier jour d'un mandat de `annees` ans commençant le jour `debut`."""
    return fin_de_periode(debut, ans_en_mois(annees))


@dataclass
class Mandat:
    indice: int
    membre: Any
    debut: date | None
    fin: date
    #: « mandat » (clé du membre), « arrete » (déduit de l'arrêté) ou « terme » (remplaçant)
    origine: str
    #: durée légale du mandat, en années, au premier jour du mandat (None : texte pas en vigueur)
    annees: int | None = None


@dataclass
class Terme:
    """Terme du mandat en cours des membres du comité, et d'où on le tient."""

    fin: date
    admis: tuple[date, ...]
    explication: str


def _duree(ctx: Contexte, comite: Any, jour: date) -> int | None:
    """La durée légale d'un mandat commencé le jour `jour` (au plus tôt, à l'entrée en vigueur)."""
    duree: int | None = ctx.droit_fait(comite, jour)(parametre_duree(comite))
    return duree


def terme_commun(comite: Any, colleges: frozenset[str], ctx: Contexte, sauf: int | None = None) -> Terme | None:
    """Le terme du mandat en cours : le plus fréquent des `mandat.fin` des autres membres nommés
    pour un mandat entier (trois ans : hors remplaçants, hors mandats courts, hors le membre
    n° `sauf`), à défaut la fin du mandat ouvert par l'arrêté. Des mandats tous courts n'ouvrent
    pas de terme commun : un arrêté qui nomme tout le monde pour deux ans est irrégulier."""
    fins = Counter(fin for i, fin in _mandats_entiers(comite, colleges, ctx) if i != sauf)
    if fins:
        fin, nombre = max(fins.items(), key=lambda fn: (fn[1], fn[0]))
        return Terme(fin, (fin,), f"terme commun de {nombre} autre(s) membre(s) nommé(s) pour un mandat entier")
    if comite.arrete is not None:
        annees = _duree(ctx, comite, comite.arrete.date)
        if annees is None:
            return None
        fin = terme(comite.arrete.date, annees)
        return Terme(fin, (fin, anniversaire(comite.arrete.date, annees)),
                     f"{annees} ans après l'arrêté du {fr(comite.arrete.date)}")
    return None


def _mandats_entiers(comite: Any, colleges: frozenset[str], ctx: Contexte) -> list[tuple[int, date]]:
    """(indice, `mandat.fin`) des membres des collèges `colleges` nommés pour un mandat entier
    (hors remplaçants) ; calculés une fois par comité et par validation (`terme_commun` est
    demandé pour chaque membre, sans lui-même)."""
    def calcul() -> list[tuple[int, date]]:
        entiers = []
        for i, m in enumerate(comite.membres):
            if m.college not in colleges or m.mandat is None or m.remplace_le is not None:
                continue
            annees = _duree(ctx, comite, m.mandat.debut)
            if annees is not None and m.mandat.fin in (terme(m.mandat.debut, annees),
                                                       anniversaire(m.mandat.debut, annees)):
                entiers.append((i, m.mandat.fin))
        return entiers

    return ctx.memo(("mandats entiers", id(comite), colleges), calcul)


def mandats(comite: Any, ctx: Contexte) -> tuple[list[Mandat], str]:
    """Les mandats des membres nommés pour trois ans, explicites ou déduits ; calculés une fois
    par comité et par validation (mandat-duree, mandat-echu et mandat-a-renouveler les lisent)."""
    return ctx.memo(("mandats", id(comite)), lambda: _mandats(comite, ctx))


def _mandats(comite: Any, ctx: Contexte) -> tuple[list[Mandat], str]:
    colleges, article = colleges_mandates(comite)
    commun = terme_commun(comite, colleges, ctx)
    trouves = []
    for i, m in enumerate(comite.membres):
        if m.college not in colleges:
            continue
        if m.mandat is not None:
            trouves.append(Mandat(i, m, m.mandat.debut, m.mandat.fin, "mandat", _duree(ctx, comite, m.mandat.debut)))
        elif m.remplace_le is not None and commun is not None:
            trouves.append(Mandat(i, m, m.remplace_le, commun.fin, "terme"))
        elif comite.arrete is not None:
            annees = _duree(ctx, comite, comite.arrete.date)
            if annees is not None:
                trouves.append(Mandat(i, m, comite.arrete.date, terme(comite.arrete.date, annees), "arrete", annees))
    return trouves, article


def _en_vigueur(ctx: Contexte) -> Iterator[tuple[Any, Any]]:
    for doc, comite in ctx.comites():
        if ctx.en_vigueur(comite):
            yield doc, comite


def _designation(i: int, membre: Any) -> str:
    return designation(i, membre.qualite, membre.organisation)


@regle(
    id="mandat-duree", gravite=Gravite.ERREUR, article="R. 5311-36",
    titre="Les membres sont nommés pour trois ans (ni plus, ni moins, sauf remplacement)",
    exemple="  - {nom: Luc Faure, qualite: Maire de Delle, college: communes, voix: 2,\n"
    "     mandat: {debut: 2024-10-15, fin: 2028-10-14}}   # quatre ans",
)
def mandat_duree(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-36 : les membres des catégories 1° à 5° de R. 5311-17, 1° à 6°, 8° et 9° de
    R. 5311-23 et 1° à 5° de R. 5311-32 « sont nommés pour trois ans » (renouvelables) ; de même au
    CREFOP renommé (R. 6123-3-6, R. 6123-3-17) et outre-mer (R. 5523-15-11, -24, -36). Un mandat
    finissant la veille du troisième anniversaire ou ce jour-là est admis. Plus court, ce n'est
    un mandat régulier que s'il s'agit d'un remplacement pour la durée restant à courir : un
    remplaçant (`remplace_le`), ou un mandat qui finit au terme commun des autres membres
    (mandat-remplacement vérifie ces derniers). Durée : paramètre daté au début du mandat."""
    for doc, comite in _en_vigueur(ctx):
        liste, article = mandats(comite, ctx)
        colleges, _ = colleges_mandates(comite)
        remplaces = remplacements(comite)
        for md in liste:
            if md.origine != "mandat" or md.debut is None or md.annees is None:
                continue
            if md.membre.college not in _colleges_mandates(comite, ctx.droit_fait(comite, md.debut))[0]:
                continue  # catégorie nommée pour trois ans seulement depuis (mandat.mission_locale_cap_emploi_cde)
            commun = terme_commun(comite, colleges, ctx, sauf=md.indice)
            yield from _duree_du_mandat(ctx, doc, md, article, commun, remplace=md.indice in remplaces)


def _duree_du_mandat(ctx: Contexte, doc: Document, md: Mandat, article: str, commun: Terme | None,
                     remplace: bool = False) -> Iterator[Constat]:
    """Trop long, trop court ; un membre remplacé (`remplace`) a pu finir avant le terme."""
    debut, annees = md.debut, md.annees
    if debut is None or annees is None:  # écartés par l'appelant
        return
    chemin = ("membres", md.indice, "mandat")
    chiffres = {"debut": debut.isoformat(), "fin": md.fin.isoformat(), "annees": annees}
    qui = _designation(md.indice, md.membre)
    if md.fin < debut:
        yield ctx.constat(doc, (*chemin, "fin"), f"{qui} : mandat finissant le {fr(md.fin)}, avant son début le "
                          f"{fr(debut)}", chiffres=chiffres, article=article)
        return
    attendu = terme(debut, annees)
    jours = (md.fin - debut).days + 1
    if md.fin > anniversaire(debut, annees):
        yield ctx.constat(
            doc, (*chemin, "fin"),
            f"{qui} : mandat du {fr(debut)} au {fr(md.fin)}, soit {jours} jours ; nommé pour {annees} ans "
            f"({article}), il finit au plus tard le {fr(attendu)}",
            chiffres={**chiffres, "attendu": attendu.isoformat(), "jours": jours}, article=article,
        )
    elif (md.fin < attendu and md.membre.remplace_le is None and not remplace
          and (commun is None or md.fin not in commun.admis)):
        yield ctx.constat(
            doc, (*chemin, "fin"),
            f"{qui} : mandat du {fr(debut)} au {fr(md.fin)}, soit {jours} jours ; les membres sont nommés pour "
            f"{annees} ans ({article}), jusqu'au {fr(attendu)} ; un mandat plus court n'est possible que pour "
            "remplacer un membre jusqu'au terme de son mandat (`remplace_le`)",
            chiffres={**chiffres, "attendu": attendu.isoformat(), "jours": jours}, article=article,
        )


@regle(
    id="mandat-remplacement", gravite=Gravite.ERREUR, article="R. 5311-36",
    titre="Un remplaçant est nommé pour la durée du mandat restant à courir",
    exemple="  - {nom: Luc Faure, qualite: Maire de Delle, college: communes, remplace_le: 2025-06-02,\n"
    "     mandat: {debut: 2025-06-02, fin: 2028-06-01}}   # les autres finissent le 2027-10-14",
)
def mandat_remplacement(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-36 (et R. 6123-3-6) : toute vacance ou perte de la qualité au titre de laquelle
    un membre a été désigné donne lieu à une nouvelle désignation pour la durée du mandat restant
    à courir. Le remplaçant porte `remplace_le` (date de sa nomination) ; son `mandat.fin` doit
    être le terme du mandat en cours : le terme commun des autres membres, à défaut la fin du
    mandat ouvert par l'arrêté de composition. Nommé après ce terme, ce n'est plus un remplacement."""
    for doc, comite in _en_vigueur(ctx):
        colleges, article = colleges_mandates(comite)
        commun = terme_commun(comite, colleges, ctx)
        if commun is None:
            continue
        for i, m in enumerate(comite.membres):
            if m.remplace_le is None or m.college not in colleges:
                continue
            chiffres = {"remplace_le": m.remplace_le.isoformat(), "attendu": commun.fin.isoformat()}
            if m.remplace_le > commun.fin:
                yield ctx.constat(
                    doc, ("membres", i, "remplace_le"),
                    f"{_designation(i, m)} : remplaçant nommé le {fr(m.remplace_le)}, après le terme du "
                    f"mandat en cours ({fr(commun.fin)}, {commun.explication}) : c'est une nouvelle "
                    f"nomination pour un mandat entier, pas un remplacement ({article})",
                    chiffres=chiffres, article=article,
                )
            elif m.mandat is not None and m.mandat.fin not in commun.admis:
                yield ctx.constat(
                    doc, ("membres", i, "mandat", "fin"),
                    f"{_designation(i, m)} : remplaçant nommé le {fr(m.remplace_le)} avec un mandat "
                    f"jusqu'au {fr(m.mandat.fin)} ; il est nommé pour la durée du mandat restant à "
                    f"courir, jusqu'au {fr(commun.fin)} ({commun.explication}, {article})",
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
    """Mandats échus (`echus`) ou finissant dans le préavis (`cte.preavis_renouvellement_jours`),
    groupés par date de fin ; un membre dont un successeur a repris le siège n'est pas compté."""
    preavis = ctx.droit(ctx.date)("cte.preavis_renouvellement_jours") or 0
    limite = ctx.date + timedelta(days=preavis)
    for doc, comite in _en_vigueur(ctx):
        liste, article = mandats(comite, ctx)
        groupes: dict[tuple[date, bool], list[Mandat]] = {}
        for md in liste:
            if historique(comite, md.indice, ctx.date):
                continue
            if (md.fin < ctx.date) if echus else (ctx.date <= md.fin <= limite):
                groupes.setdefault((md.fin, md.origine == "arrete"), []).append(md)
        for (fin, par_arrete), membres in sorted(groupes.items(), key=lambda g: g[0]):
            yield _constat_echeance(ctx, doc, comite, fin, par_arrete, membres, article, echus)


def _constat_echeance(ctx: Contexte, doc: Document, comite: Comite, fin: date, par_arrete: bool,
                      membres: list[Mandat], article: str, echus: bool) -> Constat:
    jours = (fin - ctx.date).days
    chiffres = {"fin": fin.isoformat(), "membres": len(membres), "jours": jours}
    plusieurs = len(membres) > 1
    annees = membres[0].annees
    pour = f"pour {annees} ans" if annees else "pour un mandat entier"
    if echus:
        etat = f"échu{'s' if plusieurs else ''} le {fr(fin)}"
        action = (f"ils ne sont plus nommés : renouvelez leur nomination {pour}" if plusieurs
                  else f"le membre n'est plus nommé : renouvelez sa nomination {pour}")
    else:
        etat = f"finissant le {fr(fin)}, dans {jours} jour(s)"
        action = "préparez le renouvellement des nominations"
    numeros = _numeros([m.indice for m in membres])
    if par_arrete:
        qui = (f"{len(membres)} membres sans `mandat` (n° {numeros}) nommés" if plusieurs
               else f"{_designation(membres[0].indice, membres[0].membre)}, sans `mandat`, nommé")
        texte = (f"{qui} par l'arrêté du {fr(comite.arrete.date if comite.arrete else None)} {pour} : "
                 f"mandat{'s' if plusieurs else ''} {etat} ; {action} ({article})")
        return ctx.constat(doc, ("arrete", "date"), texte, chiffres=chiffres, article=article)
    if not plusieurs:
        md = membres[0]
        chemin: Chemin = ("membres", md.indice, "mandat", "fin") if md.origine == "mandat" else ("membres", md.indice)
        return ctx.constat(doc, chemin, f"{_designation(md.indice, md.membre)} : mandat {etat} ; {action} "
                           f"({article})", chiffres=chiffres, article=article)
    texte = f"mandats de {len(membres)} membres (n° {numeros}) {etat} ; {action} ({article})"
    return ctx.constat(doc, ("membres",), texte, chiffres=chiffres, cible=Cible.CLE, article=article)


@regle(
    id="mandat-echu", gravite=Gravite.ERREUR, article="R. 5311-36",
    titre="Les mandats des membres ne sont pas échus à la date de contrôle",
    exemple="arrete: {reference: Arrêté n° 2021-12, date: 2021-10-15}\n# au 22/11/2026, les membres nommés "
    "pour trois ans le 15/10/2021 ne le sont plus depuis le 14/10/2024",
)
def mandat_echu(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-36 : nommé pour trois ans, un membre dont le mandat a pris fin avant la date de
    contrôle ne siège plus tant que sa nomination n'est pas renouvelée. Un constat par date de
    fin (les membres nommés ensemble sont groupés). Un membre remplacé (un successeur a repris
    son siège) est gardé pour mémoire : ce n'est pas un mandat échu."""
    yield from _echeances(ctx, echus=True)


@regle(
    id="mandat-a-renouveler", gravite=Gravite.INFO, article="R. 5311-36",
    titre="Mandats finissant bientôt (préavis de cte, 90 jours)",
    exemple="  - {nom: Luc Faure, qualite: Maire de Delle, college: communes,\n"
    "     mandat: {debut: 2023-12-01, fin: 2026-11-30}}   # au 22/11/2026 : dans 8 jours",
)
def mandat_a_renouveler(ctx: Contexte) -> Iterator[Constat]:
    """Information : les mandats qui finissent dans le préavis suivant la date de contrôle
    (`cte.preavis_renouvellement_jours`, 90 jours), pour préparer l'arrêté de renouvellement
    (R. 5311-36)."""
    yield from _echeances(ctx, echus=False)
