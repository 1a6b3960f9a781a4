"""Délibérations : quorum, votants, majorité des suffrages exprimés et voix prépondérante
(R. 5311-37, R. 5311-40, R. 5311-41, R. 5311-43).

Une séance enregistre ses délibérations (`deliberations`) point par point, avec le résultat
consigné (`resultat`) et les votes, en totaux de voix ou par noms de votants. Le décompte
pondère chaque votant par ses voix : celles que l'arrêté lui attribue (`voix` du membre,
R. 5311-38, R. 5311-39) et une voix pour chaque coprésident (R. 5311-38 5°, « en plus de celle
des présidents »). Le décompte est une fonction pure (:func:`decompter_vote`) que le relevé de
décisions reprend tel quel : le document et `cte validate` ne peuvent pas se contredire.

Lectures retenues (docs/documents.md) :

- suffrages exprimés = voix pour + voix contre ; les abstentions et les refus de vote n'en
  sont pas ; la décision est adoptée quand les voix pour dépassent les voix contre ;
- partage égal (pour = contre, au moins un suffrage exprimé) : le sens du vote du coprésident
  représentant de l'État l'emporte (R. 5311-41) ; s'il ne s'est exprimé ni pour ni contre, la
  décision n'a pas de majorité : elle est rejetée ;
- quorum : celui de la règle `quorum` (rules.seances.presence) ; quand la visioconférence
  ne compte pas pour le quorum (`visio.compte_pour_quorum: false`), les présents à distance
  (`a_distance`) ne comptent ni pour le quorum ni parmi les votants.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.droit.seances import fonctionnement_crefop
from cte_cli.rules.registry import VIGUEUR_METROPOLE, Contexte, regle
from cte_cli.rules.seances import (
    DELIBERANTES,
    Annuaire,
    _norme,
    annuaire_de,
    exemple_seance,
    presence,
    procuration_valide,
)

FAMILLE = "deliberations"
#: catégories de votes, dans l'ordre du relevé
CATEGORIES = ("pour", "contre", "abstentions", "refus_de_vote")
LIBELLES_CATEGORIES = {"pour": "pour", "contre": "contre", "abstentions": "abstention",
                       "refus_de_vote": "refus de vote"}


# --- présents qui comptent (R. 5311-40, R. 5311-42) -------------------------------------------


def seance_comptee(seance: Any) -> Any:
    """La séance telle que la comptent le quorum et les votes : sans les présents à distance
    quand la visioconférence ne compte pas pour le quorum (`visio.compte_pour_quorum: false`)."""
    visio = getattr(seance, "visio", None)
    distants = getattr(seance, "a_distance", None)
    if visio is None or visio.compte_pour_quorum or not distants or seance.presents is None:
        return seance
    retires = {_norme(n) for n in distants}
    return SimpleNamespace(**{**vars(seance), "presents": [n for n in seance.presents if _norme(n) not in retires]})


# --- décompte d'une délibération --------------------------------------------------------------


@dataclass(frozen=True)
class Anomalie:
    """Ce que le décompte reproche : règle, chemin dans la délibération, message, chiffres."""

    regle: str
    chemin: tuple
    message: str
    chiffres: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DecompteVote:
    """Le décompte pondéré d'une délibération (R. 5311-41)."""

    consensus: bool
    voix: dict[str, int]
    """Voix par catégorie : pour, contre, abstentions, refus_de_vote."""
    membres: dict[str, int | None]
    """Nombre de votants par catégorie quand les noms sont donnés (None : total seul)."""
    noms: dict[str, list[str]]
    """Noms des votants par catégorie (vides pour un total)."""
    disponibles: int
    """Voix des sièges à voix délibérative présents ou représentés."""
    partage: bool
    preponderante: str | None
    """Sens du vote du coprésident de l'État qui a tranché un partage (« pour », « contre »)."""
    adoptee: bool
    anomalies: tuple[Anomalie, ...] = ()

    @property
    def exprimes(self) -> int:
        return self.voix["pour"] + self.voix["contre"]

    @property
    def majorite(self) -> int:
        """Voix pour nécessaires sans partage : plus de la moitié des suffrages exprimés."""
        return self.exprimes // 2 + 1  # pas un chiffre du droit : « plus de la moitié »

    @property
    def resultat(self) -> str:
        return "adoptee" if self.adoptee else "rejetee"


def voix_president(jour: Any, surcharges: Any = None) -> int:
    """Voix de chaque coprésident, hors répartition, le jour de la séance (R. 5311-38 5° :
    « en plus de celle des présidents », paramètre `voix.voix_president`)."""
    from cte_cli.referentiel.parametres_legaux import parametre

    return parametre("voix.voix_president", jour, surcharges)


def voix_du_siege(comite: Any, siege: Any, voix_presidents: int) -> int:
    """Voix d'un siège : celles que l'arrêté attribue au membre, `voix_presidents` par
    coprésident ; un membre dont les voix ne sont pas fixées compte pour une seule voix (règle
    voix-non-fixees : « pas un chiffre du droit »)."""
    groupe, indice = siege.chemin
    if groupe == "presidents":
        return voix_presidents
    voix = comite.membres[indice].voix
    return 1 if voix is None else voix


def sieges_presents(annuaire: Annuaire, seance: Any) -> tuple[set, set]:
    """(sièges votants tenus par un présent, sièges votants représentés par un pouvoir valable)."""
    presents = {annuaire.siege(n) for n in seance.presents or ()} - {None}
    representes = {annuaire.siege(r.membre) for r in seance.representes or () if procuration_valide(annuaire, r)}
    votants = set(annuaire.sieges_votants())
    return presents & votants, (representes - presents) & votants


def _etat(comite: Any, annuaire: Annuaire) -> Any:
    president = next((p for p in comite.presidents if p.college == "etat"), None)
    return annuaire.siege(president.nom) if president else None


def decompter_vote(comite: Any, seance: Any, indice: int, annuaire: Annuaire | None = None,
                   surcharges: Any = None) -> DecompteVote:
    """Le décompte de la délibération n° `indice` de la séance (pure : ni E/S, ni constat), avec
    les paramètres du droit au jour de la séance (et les surcharges du dépôt)."""
    annuaire = annuaire or Annuaire.de(comite)
    voix_presidents = voix_president(seance.date, surcharges)
    compte = seance_comptee(seance)
    deliberation = seance.deliberations[indice]
    base = ("deliberations", indice)
    presents, representes = sieges_presents(annuaire, compte)
    disponibles = sum(voix_du_siege(comite, s, voix_presidents) for s in presents | representes)
    anomalies: list[Anomalie] = []
    voix = dict.fromkeys(CATEGORIES, 0)
    membres: dict[str, int | None] = dict.fromkeys(CATEGORIES, None)
    noms: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    sens: dict[Any, str] = {}
    votes = deliberation.votes
    if votes is not None:
        for categorie in CATEGORIES:
            valeur = getattr(votes, categorie)
            if isinstance(valeur, int):
                voix[categorie] = valeur
                continue
            membres[categorie] = 0
            for j, nom in enumerate(valeur):
                chemin = (*base, "votes", categorie, j)
                siege = annuaire.siege(nom)
                probleme = _votant_invalide(nom, siege, annuaire, presents, representes)
                if probleme:
                    anomalies.append(Anomalie("deliberation-votants", chemin, probleme))
                    continue
                if siege in sens:
                    anomalies.append(Anomalie(
                        "deliberation-votants", chemin,
                        f"« {nom} » vote deux fois pour le même siège ({LIBELLES_CATEGORIES[sens[siege]]} et "
                        f"{LIBELLES_CATEGORIES[categorie]}) : un siège, titulaire ou suppléant, ne vote qu'une fois"))
                    continue
                sens[siege] = categorie
                voix[categorie] += voix_du_siege(comite, siege, voix_presidents)
                membres[categorie] += 1
                noms[categorie].append(nom)
        total = sum(voix.values())
        if total > disponibles:
            anomalies.append(Anomalie(
                "deliberation-votants", (*base, "votes"),
                f"{total} voix comptées (pour, contre, abstentions, refus de vote) pour {disponibles} voix "
                "des membres ayant voix délibérative présents ou représentés",
                {"trouve": total, "disponibles": disponibles}))
    partage = voix["pour"] == voix["contre"] and voix["pour"] > 0
    preponderante = None
    if partage:
        etat = _etat(comite, annuaire)
        vote_etat = sens.get(etat) if etat is not None else None
        if vote_etat in ("pour", "contre"):
            preponderante = vote_etat
            if deliberation.voix_preponderante and deliberation.voix_preponderante != vote_etat:
                anomalies.append(Anomalie(
                    "deliberation-resultat", (*base, "voix_preponderante"),
                    f"voix prépondérante « {deliberation.voix_preponderante} » alors que le coprésident "
                    f"représentant de l'État figure parmi les votes {vote_etat}"))
        else:
            preponderante = deliberation.voix_preponderante
    adoptee = deliberation.consensus or voix["pour"] > voix["contre"] or (partage and preponderante == "pour")
    return DecompteVote(deliberation.consensus, voix, membres, noms, disponibles, partage, preponderante,
                        adoptee, tuple(anomalies))


def _votant_invalide(nom: str, siege: Any, annuaire: Annuaire, presents: set, representes: set) -> str | None:
    """Pourquoi ce nom ne peut pas voter (R. 5311-37, R. 5311-43), ou None."""
    if siege is None:
        if _norme(nom) in annuaire.invites:
            return f"« {nom} » figure parmi les invités, sans voix délibérative (R. 5311-37) : vote non admis"
        return f"« {nom} » n'est ni membre, ni suppléant, ni coprésident du comité" + annuaire.indice_proche(nom)
    if not siege.votant:
        return (f"« {nom} » siège dans un collège sans voix délibérative ({_college(siege)}, R. 5311-37) : "
                "vote non admis")
    if siege not in presents and siege not in representes:
        return (f"« {nom} » n'est ni présent (ni son suppléant), ni représenté par un pouvoir valable "
                "(R. 5311-43) : vote non admis")
    return None


def _college(siege: Any) -> str:
    from cte_cli.rules.categories import LIBELLES

    return LIBELLES.get(siege.college, siege.college)


# --- règles ------------------------------------------------------------------------------------

_EXEMPLE_PRESENTS = ("presents: [Hélène Marchal, Jean Colin, Sophie Arnaud, Marc Petit, Luc Faure, "
                     "Paul Henry]\n")


def _exemple(deliberation: str) -> str:
    return exemple_seance(_EXEMPLE_PRESENTS + "deliberations:\n" + deliberation)


def _deliberations(ctx: Contexte) -> Iterator[tuple]:
    """(doc, séance, comité, annuaire) des séances où le comité délibère et qui enregistrent
    des délibérations."""
    for doc, seance in ctx.seances():
        if not seance.deliberations or seance.nature not in DELIBERANTES:
            continue
        trouve = ctx.comite(seance.comite)
        if trouve is None or not ctx.en_vigueur(trouve[1], seance.date) or fonctionnement_crefop(trouve[1]):
            continue
        yield doc, seance, trouve[1], annuaire_de(ctx, trouve[1])


def _decomptes(ctx: Contexte, doc: Any, seance: Any, comite: Any, annuaire: Annuaire) -> list[DecompteVote]:
    """Les décomptes de la séance, calculés une fois pour les trois règles qui les lisent."""
    return ctx.memo(("decomptes", doc.fichier), lambda: [
        decompter_vote(comite, seance, i, annuaire, ctx.surcharges_droit) for i in range(len(seance.deliberations))
    ])


@regle(
    id="deliberation-point", gravite=Gravite.ERREUR, article="R. 5311-44",
    titre="Une délibération porte sur un point de l'ordre du jour de la séance",
    famille=FAMILLE, vigueur=VIGUEUR_METROPOLE,
    exemple=_exemple("  - {point: 3, texte: Avis favorable, consensus: true, resultat: adoptee}\n"),
)
def deliberation_point(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-44 : les coprésidents fixent l'ordre du jour. Chaque délibération désigne par
    `point` (1 pour le premier) un point de l'ordre du jour de la séance."""
    for doc, seance in ctx.seances():
        for i, d in enumerate(seance.deliberations or ()):
            if d.point > len(seance.ordre_du_jour):
                yield ctx.constat(
                    doc, ("deliberations", i, "point"),
                    f"point {d.point} : l'ordre du jour de la séance n'a que {len(seance.ordre_du_jour)} "
                    "point(s) ; le comité ne délibère que sur l'ordre du jour fixé par ses coprésidents",
                    chiffres={"trouve": d.point, "points": len(seance.ordre_du_jour)},
                )


@regle(
    id="deliberation-quorum", gravite=Gravite.ERREUR, article="R. 5311-40",
    titre="Le comité ne délibère que si le quorum est atteint (ou après une nouvelle convocation)",
    famille=FAMILLE, vigueur=VIGUEUR_METROPOLE,
    exemple=exemple_seance("presents: [Hélène Marchal, Marc Petit]\ndeliberations:\n"
                           "  - {point: 1, texte: Adoption de la feuille de route, consensus: true, "
                           "resultat: adoptee}\n"),
)
def deliberation_quorum(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-40 : le comité délibère valablement si la moitié au moins de ses membres ayant
    voix délibérative sont présents (y compris par visioconférence, R. 5311-42) ou représentés
    (R. 5311-43) ; à défaut, seulement après une nouvelle convocation sans condition de quorum
    (`sans_quorum_apres_convocation_du`). Une séance qui enregistre des délibérations doit donc
    dire qui était présent (`presents`) et atteindre le quorum. Le décompte est celui de la
    règle `quorum` ; les présents à distance ne comptent pas quand `visio.compte_pour_quorum`
    est faux."""
    for doc, seance, _comite, annuaire in _deliberations(ctx):
        if seance.sans_quorum_apres_convocation_du is not None:
            continue
        if seance.presents is None:
            yield ctx.constat(
                doc, ("deliberations",),
                f"{len(seance.deliberations)} délibération(s) sans liste des présents : renseignez `presents` "
                "(et `representes`) pour établir le quorum de la séance", cible=Cible.CLE)
            continue
        p = presence(annuaire, seance_comptee(seance))
        if not p.atteint:
            yield ctx.constat(
                doc, ("deliberations",),
                f"{len(seance.deliberations)} délibération(s) alors que {p.presents} membre(s) à voix "
                f"délibérative sur {p.votants} sont présents ou représentés, quorum {p.quorum} : le comité "
                "ne pouvait pas délibérer ; reconvoquez sur le même ordre du jour sans condition de quorum",
                chiffres={"trouve": p.presents, "votants": p.votants, "quorum": p.quorum}, cible=Cible.CLE)


@regle(
    id="deliberation-votants", gravite=Gravite.ERREUR, article="R. 5311-37, R. 5311-43",
    titre="Seuls les membres à voix délibérative présents ou représentés votent, une fois chacun",
    famille=FAMILLE, vigueur=VIGUEUR_METROPOLE,
    exemple=_exemple("  - point: 1\n    texte: Adoption de la feuille de route\n"
                     "    votes: {pour: [Hélène Marchal, Sophie Arnaud, Paul Henry]}\n"
                     "    resultat: adoptee\n"),
)
def deliberation_votants(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-37 : outre les présidents, seuls les membres des collèges qu'il énumère ont voix
    délibérative (ni France Travail, ni les missions locales, ni Cap emploi, ni les invités).
    Un votant nommé dans `votes` est un coprésident, un titulaire ou son suppléant présent, ou un
    membre représenté par un pouvoir valable (R. 5311-43) ; chaque siège vote une fois. Les
    voix comptées (totaux ou voix des votants nommés) ne dépassent pas celles des membres ayant
    voix délibérative présents ou représentés."""
    for doc, seance, comite, annuaire in _deliberations(ctx):
        for decompte in _decomptes(ctx, doc, seance, comite, annuaire):
            for a in decompte.anomalies:
                if a.regle == "deliberation-votants":
                    yield ctx.constat(doc, a.chemin, a.message, chiffres=a.chiffres or None)


@regle(
    id="deliberation-resultat", gravite=Gravite.ERREUR, article="R. 5311-41",
    titre="Le résultat consigné est celui de la majorité des suffrages exprimés (voix prépondérante de l'État)",
    famille=FAMILLE, vigueur=VIGUEUR_METROPOLE,
    exemple=_exemple("  - point: 1\n    texte: Adoption de la feuille de route\n"
                     "    votes: {pour: 3, contre: 3}\n    resultat: adoptee   # partage : qui a tranché ?\n"),
)
def deliberation_resultat(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-41 : les décisions et avis sont adoptés à la majorité des suffrages exprimés par
    les membres présents ou représentés ayant voix délibérative ; en cas de partage égal des
    voix, celle du représentant de l'État qui copréside est prépondérante. Les suffrages
    exprimés sont les voix pour et contre (ni abstentions ni refus de vote). Le résultat
    consigné (`resultat`) doit être celui du décompte pondéré par les voix de chacun ; un
    partage se tranche par le vote du coprésident de l'État (son nom dans les votants, ou
    `voix_preponderante`). Une délibération par consensus est adoptée, sans `votes`."""
    for doc, seance, comite, annuaire in _deliberations(ctx):
        for i, decompte in enumerate(_decomptes(ctx, doc, seance, comite, annuaire)):
            d = seance.deliberations[i]
            base = ("deliberations", i)
            for a in decompte.anomalies:
                if a.regle == "deliberation-resultat":
                    yield ctx.constat(doc, a.chemin, a.message, chiffres=a.chiffres or None)
            if d.consensus:
                if d.votes is not None:
                    yield ctx.constat(doc, (*base, "votes"), "délibération par consensus avec un décompte de votes : "
                                      "retirez `consensus: true` ou `votes`")
                elif d.resultat != "adoptee":
                    yield ctx.constat(doc, (*base, "resultat"), "une délibération par consensus est adoptée")
                continue
            if d.votes is None:
                yield ctx.constat(doc, (*base, "resultat"), "ni consensus ni votes : indiquez `consensus: true` "
                                  "ou le décompte `votes` (pour, contre, abstentions, refus_de_vote)")
                continue
            v = decompte.voix
            chiffres = {"pour": v["pour"], "contre": v["contre"], "exprimes": decompte.exprimes,
                        "attendu": decompte.resultat, "trouve": d.resultat}
            if decompte.partage and decompte.preponderante is None:
                yield ctx.constat(
                    doc, (*base, "resultat"),
                    f"partage égal des voix ({v['pour']} pour, {v['contre']} contre) : la voix du coprésident "
                    "représentant de l'État est prépondérante ; indiquez son vote (`voix_preponderante: pour` "
                    "ou `contre`, ou son nom parmi les votants) ; sans elle, la décision n'a pas de majorité",
                    chiffres=chiffres)
            elif d.resultat != decompte.resultat:
                yield ctx.constat(doc, (*base, "resultat"), _message_resultat(decompte, d.resultat), chiffres=chiffres)


def _message_resultat(decompte: DecompteVote, consigne: str) -> str:
    v = decompte.voix
    libelle = {"adoptee": "adoptée", "rejetee": "rejetée"}
    if decompte.partage:
        motif = f"partage égal tranché par la voix prépondérante de l'État ({decompte.preponderante})"
    elif decompte.exprimes == 0:
        motif = "aucun suffrage exprimé"
    else:
        motif = f"majorité des suffrages exprimés : {decompte.majorite}"
    return (f"résultat consigné « {libelle[consigne]} », mais le décompte donne « {libelle[decompte.resultat]} » : "
            f"{v['pour']} voix pour, {v['contre']} contre ({decompte.exprimes} suffrages exprimés ; {motif})")

