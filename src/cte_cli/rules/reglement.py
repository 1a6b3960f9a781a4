"""Règlement intérieur des comités départementaux et locaux (R. 5311-45 ; R. 5311-3-6 pour les
audits ; recommandations de l'instruction DGEFP/DAT/2024/92, fiche 1 §2).

Le comité régional relève du règlement intérieur du CREFOP (R. 6123-3-12, rendu applicable
par R. 5311-45) et les comités territoriaux d'outre-mer aussi (R. 5523-15-16-1, R. 5523-15-30, R. 5523-15-42) :
ils ne sont pas vérifiés ici.

Délai d'adoption : le décret n'en fixe pas. Le comité l'adopte normalement à l'installation
ou à la séance suivante ; `cte` avertit pendant les six premiers mois après l'installation
(à défaut l'arrêté), puis signale une erreur (choix de cte : `cte.delai_adoption_reglement_mois`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit.dates import ajouter_mois, fr
from cte_cli.rules._commun import INSTRUCTION, debut_fonctionnement
from cte_cli.rules._exemples import EXEMPLE_CDE, EXEMPLE_CLE
from cte_cli.rules.registry import VIGUEUR_AUDITS, VIGUEUR_METROPOLE, Contexte, regle

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite
    from cte_cli.model.comite import ReglementInterieur
    from cte_cli.referentiel.parametres_legaux import Droit

#: niveaux soumis à R. 5311-45
NIVEAUX_RI = ("departemental", "local")

#: ce que R. 5311-45 impose au règlement intérieur : clé -> ce qu'elle décrit
CONTENU_OBLIGATOIRE = {
    "reunions_par_an": "l'organisation des réunions (nombre de réunions par an)",
    "secretariat": "le secrétariat des séances et la diffusion des documents et procès-verbaux",
    "delai_convocation_jours": "la diffusion des convocations (délai en jours)",
}

EXEMPLE_RI = "# date: 2026-11-22\n" + EXEMPLE_CLE.replace("ressort:", "installation: 2025-01-13\nressort:")


def _sans_ri_adopte(ctx: Contexte) -> Iterator[tuple[Document, Comite, date]]:
    """(doc, comité, date d'installation) des CDE et CLE installés sans règlement adopté."""
    for doc, comite in ctx.comites(NIVEAUX_RI):
        debut = debut_fonctionnement(comite)
        if debut is None or debut > ctx.date or not ctx.en_vigueur(comite):
            continue
        ri = comite.reglement_interieur
        if ri is None or ri.adopte_le is None or ri.adopte_le > ctx.date:
            yield doc, comite, debut


def _chemin_ri(doc: Document) -> tuple[Chemin, Cible]:
    if "reglement_interieur" in doc.donnees:
        return ("reglement_interieur",), Cible.CLE
    return (), Cible.PARENT


def _echeance(ctx: Contexte, debut: date) -> tuple[date | None, int | None, Droit]:
    """(échéance, délai en mois, droit) : le délai d'adoption retenu par cte, lu à l'installation."""
    droit = ctx.droit(debut)
    mois = droit("cte.delai_adoption_reglement_mois")
    return (ajouter_mois(debut, mois) if mois is not None else None), mois, droit


def _message_absent(comite: Comite, debut: date, echeance: date, mois: int | None) -> str:
    ri = comite.reglement_interieur
    etat = ("règlement intérieur sans date d'adoption (`reglement_interieur.adopte_le`)"
            if ri is not None and ri.adopte_le is None else
            f"règlement intérieur adopté le {fr(ri.adopte_le)}, date à venir" if ri is not None else
            "aucun règlement intérieur (`reglement_interieur`)")
    return (f"{etat} pour le comité « {comite.id} », installé le {fr(debut)} ; les comités "
            f"départementaux et locaux en adoptent un (R. 5311-45), délai retenu par cte : {mois} "
            f"mois (échéance {fr(echeance)})")


@regle(
    id="reglement-interieur-adopte", gravite=Gravite.ERREUR, article="R. 5311-45",
    titre="Le comité départemental ou local a adopté son règlement intérieur (six mois après l'installation)",
    vigueur=VIGUEUR_METROPOLE, exemple=EXEMPLE_RI + "# aucun reglement_interieur\n",
)
def reglement_interieur_adopte(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-45 : les comités départementaux et locaux adoptent un règlement intérieur
    (`reglement_interieur.adopte_le`). Erreur quand le comité est installé (à défaut, son arrêté
    est pris) depuis plus de six mois sans règlement adopté à la date de contrôle ; avant, la
    règle reglement-interieur-a-adopter avertit."""
    for doc, comite, debut in _sans_ri_adopte(ctx):
        echeance, mois, droit = _echeance(ctx, debut)
        if echeance is not None and ctx.date > echeance:
            chemin, cible = _chemin_ri(doc)
            yield ctx.constat(doc, chemin, _message_absent(comite, debut, echeance, mois), cible=cible,
                              chiffres={"installation": str(debut), "echeance": str(echeance)}, droit=droit)


@regle(
    id="reglement-interieur-a-adopter", gravite=Gravite.AVERTISSEMENT, article="R. 5311-45",
    titre="Comité installé depuis moins de six mois : règlement intérieur à adopter",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_RI.replace("2026-11-22", "2025-03-01") + "# aucun reglement_interieur\n",
)
def reglement_interieur_a_adopter(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-45 : tant que le comité est installé depuis six mois au plus, l'absence de
    règlement intérieur adopté est un avertissement (à adopter à l'une des premières séances)."""
    for doc, comite, debut in _sans_ri_adopte(ctx):
        echeance, mois, droit = _echeance(ctx, debut)
        if echeance is not None and ctx.date <= echeance:
            chemin, cible = _chemin_ri(doc)
            yield ctx.constat(doc, chemin, _message_absent(comite, debut, echeance, mois), cible=cible,
                              chiffres={"installation": str(debut), "echeance": str(echeance)}, droit=droit)


def _ri_a_verifier(
    ctx: Contexte, niveaux: tuple[str, ...] = NIVEAUX_RI
) -> Iterator[tuple[Document, Comite, ReglementInterieur]]:
    for doc, comite in ctx.comites(niveaux):
        if comite.reglement_interieur is not None and ctx.en_vigueur(comite):
            yield doc, comite, comite.reglement_interieur


@regle(
    id="reglement-interieur-contenu", gravite=Gravite.ERREUR, article="R. 5311-45",
    titre="Le règlement intérieur fixe les réunions, le secrétariat et la diffusion des convocations",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_RI + "reglement_interieur:\n  adopte_le: 2025-01-13\n  reunions_par_an: 3\n",
)
def reglement_interieur_contenu(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-45 : le règlement intérieur « détermine notamment les modalités d'organisation
    des réunions, du secrétariat des séances et de la diffusion des convocations, des documents
    de travail et des procès-verbaux ». Chaque élément absent est signalé par sa clé :
    `reunions_par_an`, `secretariat`, `delai_convocation_jours`."""
    for doc, comite, ri in _ri_a_verifier(ctx):
        for cle, objet in CONTENU_OBLIGATOIRE.items():
            valeur = getattr(ri, cle)
            if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
                yield ctx.constat(
                    doc, ("reglement_interieur",),
                    f"règlement intérieur du comité « {comite.id} » sans `{cle}` : il doit fixer {objet}",
                    chiffres={"cle": cle}, cible=Cible.CLE,
                )


@regle(
    id="reglement-interieur-recommandations", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Le règlement intérieur précise le vote, la commission IAE et l'association des usagers",
    vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_RI + "reglement_interieur:\n  adopte_le: 2025-01-13\n  reunions_par_an: 3\n"
    "  secretariat: Sous-préfecture de Beaune\n  delai_convocation_jours: 10\n",
)
def reglement_interieur_recommandations(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 1 §2 : le règlement intérieur définit les principes
    de fonctionnement, dont la recherche du consensus et les modalités de vote
    (`modalites_vote`), et au comité départemental les modalités de fonctionnement de la
    commission inclusion et IAE (`commissions_fonctionnement`). R. 5311-46 : les comités
    définissent les modalités d'association des représentants des usagers ; le règlement peut
    les fixer (`representation_usagers`)."""
    for doc, comite, ri in _ri_a_verifier(ctx):
        attendus = [("modalites_vote", "les modalités de vote (consensus recherché, majorité, quorum)",
                     INSTRUCTION)]
        if comite.niveau == "departemental":
            attendus.append(("commissions_fonctionnement",
                             "le fonctionnement de la commission inclusion et IAE (R. 5311-26)", INSTRUCTION))
        attendus.append(("representation_usagers",
                         "les modalités d'association des représentants des usagers", "R. 5311-46"))
        for cle, objet, article in attendus:
            if not (getattr(ri, cle) or "").strip():
                yield ctx.constat(
                    doc, ("reglement_interieur",),
                    f"règlement intérieur du comité « {comite.id} » sans `{cle}` : il devrait préciser {objet}",
                    chiffres={"cle": cle}, cible=Cible.CLE, article=article,
                )


@regle(
    id="reglement-interieur-audits", gravite=Gravite.AVERTISSEMENT, article="R. 5311-3-6",
    titre="Le règlement intérieur du comité départemental précise l'information et l'accord pour les audits",
    vigueur=VIGUEUR_AUDITS,
    exemple="# date: 2026-11-22\n" + EXEMPLE_CDE + """reglement_interieur:
  adopte_le: 2024-10-07
  reunions_par_an: 3
  secretariat: DDETS de la Côte-d'Or
  delai_convocation_jours: 15
  # pas de modalites_audit depuis le décret n° 2026-204
""",
)
def reglement_interieur_audits(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-3-6 (décret n° 2026-204, en vigueur le 27 mars 2026) : le règlement intérieur
    du comité départemental précise les modalités de l'information de la collectivité ou du
    groupement concerné par une demande d'audit et du recueil de son accord (L. 5311-10 II 2°).
    Clé `reglement_interieur.modalites_audit`. Avertissement : un règlement adopté avant le
    décret est à modifier à la prochaine séance."""
    for doc, comite, ri in _ri_a_verifier(ctx, ("departemental",)):
        if not (ri.modalites_audit or "").strip():
            yield ctx.constat(
                doc, ("reglement_interieur",),
                f"règlement intérieur du comité « {comite.id} » sans `modalites_audit` : depuis le décret "
                "n° 2026-204 (R. 5311-3-6), il précise comment la collectivité concernée par une "
                "demande d'audit est informée et comment son accord est recueilli",
                cible=Cible.CLE,
            )
