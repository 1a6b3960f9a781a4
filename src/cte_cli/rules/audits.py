"""Audits des opérateurs du réseau pour l'emploi (L. 5311-10 II 2° ; R. 5311-3-5 à R. 5311-3-13,
créés par le décret n° 2026-204 du 24 mars 2026, en vigueur le 27 mars 2026).

Format (extension) : clé `audits` d'un comité départemental ou local, liste de
`{objet, recue_le, inscrite_le?, delibere_le?, rapport_le?, comite_local?}` :

- au comité départemental, une demande d'audit d'un membre (R. 5311-3-5), ou d'un comité
  local (`comite_local: ID`, R. 5311-3-10) ; `delibere_le` est la délibération qui fait procéder
  à l'audit et `rapport_le` la communication du rapport (R. 5311-3-12) ;
- au comité local, un signalement de manquements (R. 5311-3-8) ; `delibere_le` est la
  délibération qui saisit, le cas échéant, le comité départemental (R. 5311-3-9).

Les délais ne courent que pour les demandes reçues, ou les délibérations prises, à compter du
27 mars 2026 : le décret ne les rend pas applicables aux demandes antérieures.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.droit.dates import ajouter_mois, fr, jour
from cte_cli.model.types import libelle_niveau
from cte_cli.rules._commun import seances_par_comite
from cte_cli.rules._exemples import EXEMPLE_CDE
from cte_cli.rules.registry import VIGUEUR_AUDITS, Contexte, regle

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite
    from cte_cli.model.comite import Audit

#: niveaux qui décident des audits (L. 5311-10 II 2° ; outre-mer, les comités territoriaux
#: exercent les missions du comité départemental, L. 5523-7 à -9)
DEPARTEMENTAUX = ("departemental", "territorial", "territorial_unique")
#: séances qui sont des sessions plénières du comité (R. 5311-3-5, R. 5311-3-9 : « la prochaine
#: session plénière ») : ni une séance ordinaire, ni une commission, ni une conférence
SESSIONS = ("pleniere",)

EXEMPLE_AUDITS = "# date: 2026-11-22\n" + EXEMPLE_CDE + "audits:\n"


def _article_inscription(comite: Comite) -> str:
    return "R. 5311-3-9" if comite.niveau == "local" else "R. 5311-3-5"


def _audits(ctx: Contexte, niveaux: tuple[str, ...] | None = None) -> Iterator[tuple[Document, Comite, int, Audit]]:
    for doc, comite in ctx.comites(niveaux):
        for i, audit in enumerate(comite.audits):
            yield doc, comite, i, audit


@regle(
    id="audit-inscription-six-mois", gravite=Gravite.ERREUR, article="R. 5311-3-5, R. 5311-3-9",
    titre="Une demande d'audit est inscrite à la prochaine séance plénière, dans les six mois",
    vigueur=VIGUEUR_AUDITS,
    exemple=EXEMPLE_AUDITS + "  - {objet: Audit de l'offre de service de la mission locale, recue_le: 2026-04-02}\n",
)
def audit_inscription_six_mois(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-3-5 (comité départemental) : la demande d'audit d'un membre ayant voix
    délibérative est inscrite à l'ordre du jour de la prochaine session plénière, au plus tard
    dans les six mois suivant sa réception par le préfet ; R. 5311-3-9 (comité local) : de même
    pour l'examen d'un signalement de manquements. Erreur si `inscrite_le` dépasse six mois
    après `recue_le`, si rien n'est inscrit six mois après, ou si une séance plénière du comité
    (`nature: pleniere` ; une séance ordinaire n'est pas une session plénière) s'est tenue entre
    la réception (plus le délai de convocation du règlement intérieur, 15 jours à défaut : choix
    de cte) et l'inscription sans la prendre. Une demande
    transmise par un comité local (`comite_local`, R. 5311-3-10) n'est pas soumise à ce délai. Ne
    vise que les comités que ces articles nomment (départemental, et les comités territoriaux
    d'outre-mer qui en exercent les missions ; local), pas le comité régional ; délai :
    paramètre `audit.inscription_mois`, au jour de la réception (les demandes reçues avant le
    décret n° 2026-204 n'y sont pas soumises)."""
    index = seances_par_comite(ctx)
    for doc, comite, i, audit in _audits(ctx, (*DEPARTEMENTAUX, "local")):
        droit = ctx.droit(audit.recue_le)
        mois = droit("audit.inscription_mois")
        if mois is None or audit.comite_local:
            continue
        article = _article_inscription(comite)
        echeance = ajouter_mois(audit.recue_le, mois)
        chiffres = {"recue_le": str(audit.recue_le), "echeance": str(echeance)}
        if audit.inscrite_le is None:
            if ctx.date > echeance:
                yield ctx.constat(
                    doc, ("audits", i, "recue_le"),
                    f"demande « {audit.objet} » reçue le {fr(audit.recue_le)}, pas inscrite à l'ordre du jour "
                    f"{mois} mois après (échéance {fr(echeance)}) : renseignez `inscrite_le`",
                    chiffres=chiffres, article=article,
                )
            continue
        if audit.inscrite_le > echeance:
            yield ctx.constat(
                doc, ("audits", i, "inscrite_le"),
                f"demande « {audit.objet} » reçue le {fr(audit.recue_le)}, inscrite le {fr(audit.inscrite_le)} : "
                f"plus de {mois} mois (échéance {fr(echeance)})",
                chiffres={**chiffres, "inscrite_le": str(audit.inscrite_le)}, article=article,
            )
            continue
        ri = comite.reglement_interieur
        delai = (ri.delai_convocation_jours if ri else None) or droit("cte.delai_convocation_defaut_jours") or 0
        convocable = date.fromordinal(audit.recue_le.toordinal() + delai)
        sautees = [s for _, s in index.get(comite.id, ())
                   if s.nature in SESSIONS and convocable <= jour(s.date) < audit.inscrite_le]
        if sautees:
            yield ctx.constat(
                doc, ("audits", i, "inscrite_le"),
                f"demande « {audit.objet} » reçue le {fr(audit.recue_le)} : la séance du "
                f"{fr(sautees[0].date)} était la prochaine session plénière du comité, elle devait y être "
                f"inscrite (inscrite le {fr(audit.inscrite_le)})",
                chiffres={**chiffres, "seance": str(jour(sautees[0].date))}, article=article,
            )


@regle(
    id="audit-rapport-un-an", gravite=Gravite.ERREUR, article="R. 5311-3-12",
    titre="Le rapport d'audit est communiqué au plus tard un an après la délibération",
    vigueur=VIGUEUR_AUDITS,
    exemple=EXEMPLE_AUDITS.replace("2026-11-22", "2027-09-01")
    + "  - {objet: Audit de Cap emploi 21, recue_le: 2026-04-02, inscrite_le: 2026-06-10,"
    " delibere_le: 2026-06-10}\n",
)
def audit_rapport_un_an(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-3-12 : tout audit réalisé donne lieu à un rapport communiqué (président du
    Comité national, préfets, coprésidents) au plus tard un an après le vote de la délibération
    qui a fait procéder à l'audit. Comités départementaux : `rapport_le` au plus tard un an après
    `delibere_le`, ou, sans rapport, date de contrôle dans l'année."""
    for doc, _comite, i, audit in _audits(ctx, DEPARTEMENTAUX):
        if audit.delibere_le is None:
            continue
        droit = ctx.droit(audit.delibere_le)
        mois = droit("audit.rapport_mois")
        if mois is None:
            continue
        echeance = ajouter_mois(audit.delibere_le, mois)
        chiffres = {"delibere_le": str(audit.delibere_le), "echeance": str(echeance)}
        if audit.rapport_le is None and ctx.date > echeance:
            yield ctx.constat(
                doc, ("audits", i, "delibere_le"),
                f"audit « {audit.objet} » décidé le {fr(audit.delibere_le)} : pas de rapport {mois} mois après "
                f"(échéance {fr(echeance)}) ; renseignez `rapport_le`", chiffres=chiffres,
            )
        elif audit.rapport_le is not None and audit.rapport_le > echeance:
            yield ctx.constat(
                doc, ("audits", i, "rapport_le"),
                f"audit « {audit.objet} » décidé le {fr(audit.delibere_le)}, rapport communiqué le "
                f"{fr(audit.rapport_le)} : plus de {mois} mois (échéance {fr(echeance)})",
                chiffres={**chiffres, "rapport_le": str(audit.rapport_le)},
            )


_ETAPES = ("recue_le", "inscrite_le", "delibere_le", "rapport_le")


@regle(
    id="audit-demande-valide", gravite=Gravite.ERREUR, article="L. 5311-10, R. 5311-3-10",
    titre="Les audits relèvent des comités départementaux et locaux, dates dans l'ordre",
    vigueur=VIGUEUR_AUDITS,
    exemple=EXEMPLE_AUDITS + "  - {objet: Audit, recue_le: 2026-05-02, comite_local: cle-21-beaune}\n",
)
def audit_demande_valide(ctx: Contexte) -> Iterator[Constat]:
    """L. 5311-10 II 2° : le comité départemental fait procéder aux audits ; le comité local
    signale des manquements et peut saisir le comité départemental (R. 5311-3-8 à -10). La clé
    `audits` n'a donc de sens qu'à ces deux niveaux (et aux comités territoriaux d'outre-mer qui
    en exercent les missions). `comite_local` (demande d'un comité local, R. 5311-3-10) désigne un
    comité local existant du ressort du comité départemental. Les dates se suivent :
    réception, inscription, délibération, rapport."""
    signales = set()
    for doc, comite, i, audit in _audits(ctx):
        if comite.niveau not in (*DEPARTEMENTAUX, "local"):
            if id(comite) not in signales:
                signales.add(id(comite))
                yield ctx.constat(
                    doc, ("audits",), f"le comité « {comite.id} » ({libelle_niveau(comite.niveau)}) ne fait pas procéder à des "
                    "audits : ils relèvent du comité départemental, saisi le cas échéant par un comité local",
                    cible=Cible.CLE,
                )
            continue
        if audit.comite_local:
            yield from _saisine(ctx, doc, comite, i, audit)
        dates = [(cle, getattr(audit, cle)) for cle in _ETAPES if getattr(audit, cle) is not None]
        for (avant, d1), (apres, d2) in zip(dates, dates[1:], strict=False):
            if d2 < d1:
                yield ctx.constat(
                    doc, ("audits", i, apres),
                    f"demande « {audit.objet} » : `{apres}` ({fr(d2)}) antérieure à `{avant}` ({fr(d1)})",
                )


def _saisine(ctx: Contexte, doc: Document, comite: Comite, i: int, audit: Audit) -> Iterator[Constat]:
    chemin = ("audits", i, "comite_local")
    if comite.niveau == "local":
        yield ctx.constat(doc, chemin, "`comite_local` ne s'emploie qu'au comité départemental saisi")
        return
    trouve = ctx.comite(audit.comite_local or "")
    if trouve is None or trouve[1].niveau != "local":
        yield ctx.constat(doc, chemin, f"« {audit.comite_local} » n'est pas un comité local du dépôt")
    elif not set(trouve[1].departements or ()) & set(comite.departements or ()):
        yield ctx.constat(
            doc, chemin, f"le comité local « {audit.comite_local} » n'est pas dans le ressort du comité "
            f"« {comite.id} »",
        )
