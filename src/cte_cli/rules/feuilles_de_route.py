"""Feuilles de route : période, nombre d'axes, fiches action complètes, échéances
(instruction DGEFP/DAT/2024/92, fiche 2 §1.2 et §2.1 ; L. 5311-10 II 1°).

Nombre d'axes : l'instruction demande « un nombre d'axes limité en fonction des priorités du
territoire » sans chiffre. `cte` avertit au-delà de 5 axes (le plan d'actions ministériel
fourni en exemple en compte 5) ; une feuille de route peut fixer sa propre limite avec la clé
`axes_max`, relue avec elle en revue et en CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit.dates import fr
from cte_cli.feuilles import A_COMPLETER
from cte_cli.rules._commun import INSTRUCTION
from cte_cli.rules._exemples import EXEMPLE_FDR
from cte_cli.rules.registry import VIGUEUR_METROPOLE, Contexte, regle

if TYPE_CHECKING:
    from cte_cli.model import FeuilleDeRoute
    from cte_cli.model.feuille_de_route import FicheAction

#: statuts qui closent une fiche action (plus d'échéance à surveiller)
STATUTS_CLOS = ("realisee", "abandonnee")



def _fiches(fdr: FeuilleDeRoute) -> Iterator[tuple[Chemin, FicheAction]]:
    """(chemin, fiche) de chaque fiche action de la feuille de route."""
    for i, axe in enumerate(fdr.axes):
        for j, fiche in enumerate(axe.fiches_action):
            yield ("axes", i, "fiches_action", j), fiche


def _vide(texte: str | None) -> bool:
    """Vide, ou encore marqué « À COMPLÉTER » par l'import d'un plan d'actions."""
    propre = (texte or "").strip()
    return not propre or propre.upper().startswith(A_COMPLETER)


@regle(
    id="periode-feuille-de-route", gravite=Gravite.ERREUR, article="format cte (FORMAT §1)",
    titre="La période de la feuille de route commence avant de finir",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_FDR.replace("fin: 2027-12-31", "fin: 2024-12-31"),
)
def periode_feuille_de_route(ctx: Contexte) -> Iterator[Constat]:
    """Cohérence du format : `periode.debut` précède `periode.fin` (la loi ne parle pas de
    période ; l'instruction DGEFP/DAT/2024/92 demande une feuille de route). Le comité désigné doit exister (règle
    reference-inconnue)."""
    for doc, fdr in ctx.feuilles_de_route():
        if fdr.periode.debut >= fdr.periode.fin:
            yield ctx.constat(
                doc, ("periode",),
                f"période du {fr(fdr.periode.debut)} au {fr(fdr.periode.fin)} : le début doit précéder la fin",
                chiffres={"debut": str(fdr.periode.debut), "fin": str(fdr.periode.fin)},
            )


@regle(
    id="axes-limites", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Un nombre d'axes limité (5 par défaut, `axes_max` pour en décider autrement)",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_FDR + "".join(f"  - {{id: axe-{n}, titre: Axe {n}, fiches_action: []}}\n" for n in range(2, 8)),  # pas un chiffre du droit : exemple
)
def axes_limites(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 2 §1.2 : « Les feuilles de routes comporteront un
    nombre d'axes limité en fonction des priorités du territoire ». Au-delà de 5 axes (choix de
    cte, `cte.axes_max`), ou de la limite que la feuille de route se donne (`axes_max`),
    avertissement."""
    droit = ctx.droit(ctx.date)
    for doc, fdr in ctx.feuilles_de_route():
        limite = fdr.axes_max or droit("cte.axes_max")
        if limite is None:
            continue
        if len(fdr.axes) > limite:
            origine = "`axes_max` de la feuille de route" if fdr.axes_max else "limite par défaut"
            yield ctx.constat(
                doc, ("axes",),
                f"{len(fdr.axes)} axes, limite {limite} ({origine}) : l'instruction demande un nombre "
                "d'axes limité ; regroupez-les ou fixez `axes_max` si le comité en a décidé ainsi",
                chiffres={"trouve": len(fdr.axes), "limite": limite}, cible=Cible.CLE, droit=droit,
            )


@regle(
    id="fiche-action-complete", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Chaque fiche action a une problématique, un objectif, un pilote, des contributeurs "
    "avec leur rôle et un indicateur avec sa cible",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_FDR + "        # ni contributeurs ni indicateurs\n",
)
def fiche_action_complete(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 2 §2.1 : la feuille de route est composée de fiches
    action, « chacune décrivant une problématique du territoire, un objectif que l'ensemble des
    acteurs se fixe pour résoudre cette problématique, le rôle de chacun dans la réalisation de
    l'action et des indicateurs pour le suivi de la réalisation de l'action et les résultats
    attendus ». Signale, clé par clé : `problematique`, `objectif` ou `pilote` vides, aucun
    contributeur (`contributeurs: [{acteur, role}]`) ou un rôle vide, aucun indicateur, un
    indicateur sans `cible`."""
    for doc, fdr in ctx.feuilles_de_route():
        for chemin, fiche in _fiches(fdr):
            nom = f"fiche action « {fiche.id} »"
            for cle in ("problematique", "objectif", "pilote"):
                if _vide(getattr(fiche, cle)):
                    yield ctx.constat(doc, (*chemin, cle), f"{nom} : `{cle}` vide", chiffres={"cle": cle})
            if not fiche.contributeurs:
                yield ctx.constat(
                    doc, chemin, f"{nom} sans `contributeurs` : indiquez les acteurs et le rôle de chacun",
                    chiffres={"cle": "contributeurs"},
                )
            for k, contributeur in enumerate(fiche.contributeurs):
                if _vide(contributeur.role):
                    yield ctx.constat(
                        doc, (*chemin, "contributeurs", k, "role"),
                        f"{nom} : rôle de « {contributeur.acteur} » vide", chiffres={"cle": "role"},
                    )
            if not fiche.indicateurs:
                yield ctx.constat(
                    doc, chemin, f"{nom} sans `indicateurs` : au moins un indicateur avec sa cible",
                    chiffres={"cle": "indicateurs"},
                )
            for k, indicateur in enumerate(fiche.indicateurs):
                if indicateur.cible is None:
                    yield ctx.constat(
                        doc, (*chemin, "indicateurs", k),
                        f"{nom} : indicateur « {indicateur.nom} » sans `cible`",
                        chiffres={"cle": "cible"},
                    )


@regle(
    id="echeance-depassee", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Une fiche action dont l'échéance est passée est réalisée, abandonnée ou replanifiée",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_FDR + "        echeance: 2026-06-30\n        statut: en_cours\n",
)
def echeance_depassee(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 2 §2.1 : la feuille de route « doit pouvoir évoluer
    en continu » et les comités en suivent la mise en œuvre (fiche 2 §3.2). Une fiche dont
    l'`echeance` est antérieure à la date de contrôle et dont le `statut` n'est ni `realisee` ni
    `abandonnee` est à mettre à jour."""
    for doc, fdr in ctx.feuilles_de_route():
        for chemin, fiche in _fiches(fdr):
            if fiche.echeance and fiche.echeance < ctx.date and fiche.statut not in STATUTS_CLOS:
                retard = (ctx.date - fiche.echeance).days
                statut = fiche.statut or "sans statut"
                yield ctx.constat(
                    doc, (*chemin, "echeance"),
                    f"fiche action « {fiche.id} » ({statut}) : échéance du {fr(fiche.echeance)} dépassée de "
                    f"{retard} jours ; passez-la en `realisee` ou `abandonnee`, ou replanifiez-la",
                    chiffres={"echeance": str(fiche.echeance), "retard_jours": retard},
                )


@regle(
    id="fiche-action-id-duplique", gravite=Gravite.ERREUR, article="format cte (FORMAT §1)",
    titre="Les identifiants des axes et des fiches action sont uniques dans la feuille de route",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_FDR + "      - {id: fa-1-1, titre: Doublon, problematique: x, objectif: y, pilote: z}\n",
)
def fiche_action_id_duplique(ctx: Contexte) -> Iterator[Constat]:
    """Les suivis, exports et imports désignent un axe ou une fiche par son `id` : deux axes, ou
    deux fiches d'une même feuille de route, ne peuvent le partager."""
    for doc, fdr in ctx.feuilles_de_route():
        axes: set[str] = set()
        for i, axe in enumerate(fdr.axes):
            if axe.id in axes:
                yield ctx.constat(doc, ("axes", i, "id"), f"axe « {axe.id} » déjà défini plus haut")
            axes.add(axe.id)
        vues: set[str] = set()
        for chemin, fiche in _fiches(fdr):
            if fiche.id in vues:
                yield ctx.constat(doc, (*chemin, "id"), f"fiche action « {fiche.id} » déjà définie plus haut")
            vues.add(fiche.id)
