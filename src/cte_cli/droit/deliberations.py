"""Le décompte d'une délibération (R. 5311-37, R. 5311-38, R. 5311-40, R. 5311-41, R. 5311-43) :
qui compte parmi les présents, les voix de chaque siège, la majorité des suffrages exprimés et la
voix prépondérante du coprésident représentant de l'État.

Fonctions pures : les règles `deliberation-*` (`rules.deliberations`) et le relevé de décisions
(`documents.vue`) en tirent les mêmes chiffres ; lectures retenues dans `rules.deliberations`
et docs/documents.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from cte_cli.droit.categories import LIBELLES
from cte_cli.droit.seances import Annuaire, Siege, norme, procuration_valide

if TYPE_CHECKING:
    from cte_cli.model import Comite

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
    retires = {norme(n) for n in distants}
    return SimpleNamespace(**{**vars(seance), "presents": [n for n in seance.presents if norme(n) not in retires]})


# --- décompte d'une délibération --------------------------------------------------------------


@dataclass(frozen=True)
class Anomalie:
    """Ce que le décompte reproche : règle, chemin dans la délibération, message, chiffres."""

    regle: str
    chemin: tuple[str | int, ...]
    message: str
    chiffres: dict[str, Any] = field(default_factory=dict)


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

    voix: int = parametre("voix.voix_president", jour, surcharges)
    return voix


def voix_du_siege(comite: Comite, siege: Siege, voix_presidents: int) -> int:
    """Voix d'un siège : celles que l'arrêté attribue au membre, `voix_presidents` par
    coprésident ; un membre dont les voix ne sont pas fixées compte pour une seule voix (règle
    voix-non-fixees : « pas un chiffre du droit »)."""
    groupe, indice = siege.chemin
    if groupe == "presidents":
        return voix_presidents
    voix = comite.membres[indice].voix
    return 1 if voix is None else voix


def sieges_presents(annuaire: Annuaire, seance: Any) -> tuple[set[Siege], set[Siege]]:
    """(sièges votants tenus par un présent, sièges votants représentés par un pouvoir valable)."""
    presents = {s for n in seance.presents or () if (s := annuaire.siege(n)) is not None}
    representes = {s for r in seance.representes or ()
                   if procuration_valide(annuaire, r) and (s := annuaire.siege(r.membre)) is not None}
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
                if probleme or siege is None:
                    anomalies.append(Anomalie("deliberation-votants", chemin, probleme or ""))
                    continue
                if siege in sens:
                    anomalies.append(Anomalie(
                        "deliberation-votants", chemin,
                        f"« {nom} » vote deux fois pour le même siège ({LIBELLES_CATEGORIES[sens[siege]]} et "
                        f"{LIBELLES_CATEGORIES[categorie]}) : un siège, titulaire ou suppléant, ne vote qu'une fois"))
                    continue
                sens[siege] = categorie
                voix[categorie] += voix_du_siege(comite, siege, voix_presidents)
                membres[categorie] = (membres[categorie] or 0) + 1
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


def _votant_invalide(nom: str, siege: Siege | None, annuaire: Annuaire, presents: set[Siege],
                     representes: set[Siege]) -> str | None:
    """Pourquoi ce nom ne peut pas voter (R. 5311-37, R. 5311-43), ou None."""
    if siege is None:
        if norme(nom) in annuaire.invites:
            return f"« {nom} » figure parmi les invités, sans voix délibérative (R. 5311-37) : vote non admis"
        return f"« {nom} » n'est ni membre, ni suppléant, ni coprésident du comité" + annuaire.indice_proche(nom)
    if not siege.votant:
        return (f"« {nom} » siège dans un collège sans voix délibérative ({_college(siege)}, R. 5311-37) : "
                "vote non admis")
    if siege not in presents and siege not in representes:
        return (f"« {nom} » n'est ni présent (ni son suppléant), ni représenté par un pouvoir valable "
                "(R. 5311-43) : vote non admis")
    return None


def _college(siege: Siege) -> str:
    return LIBELLES.get(siege.college, siege.college)
