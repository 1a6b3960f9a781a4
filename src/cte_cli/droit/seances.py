"""Le modèle d'une séance : qui siège, qui vote, présence, procurations, quorum (R. 5311-37,
R. 5311-40, R. 5311-43 ; outre-mer R. 5523-15-4, -12, -25, -37 ; CREFOP renommé R. 6123-3-3).

Module du domaine : les règles (`rules.seances`, `rules.deliberations`), les documents (relevé, émargement) et les
délibérations s'en servent pour compter de la même façon. Les noms sont comparés sans accents ni
casse. Le quorum (« la moitié au moins ») est le paramètre daté `seance.quorum`, lu au jour de la
séance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property, lru_cache
from math import floor
from typing import Any

from cte_cli.droit.categories import composition
from cte_cli.droit.dates import MOIS_PAR_AN, fin_de_periode, jour
from cte_cli.droit.organisations import identifier, organisation
from cte_cli.droit.territoires import OUTRE_MER
from cte_cli.suggestions import proche
from cte_cli.texte import en_ascii

#: natures de séance qui sont des réunions du comité lui-même (les commissions non)
REUNIONS_DU_COMITE = ("ordinaire", "pleniere", "conference_financeurs")
#: séances où le comité délibère : le quorum de R. 5311-40 s'y applique
DELIBERANTES = ("ordinaire", "pleniere")


@lru_cache(maxsize=16_384)  # pas un chiffre du droit : taille du cache
def norme(nom: str) -> str:
    """Le nom comparable : sans accents ni casse, tirets et espaces réduits à une espace."""
    return " ".join(en_ascii(nom).casefold().replace("-", " ").split())


_norme = norme  # compatibilité


def fonctionnement_crefop(comite: Any) -> bool:
    """Le CREFOP qui prend le nom de comité régional pour l'emploi : « sa composition et ses
    modalités d'organisation et de fonctionnement » relèvent des articles du CREFOP (R. 5311-15,
    renvoi à R. 6123-3-16 à -20), pas du quorum, des votes et des procurations de R. 5311-40 à
    R. 5311-43."""
    return getattr(comite, "niveau", None) == "regional" and getattr(comite, "forme", None) == "crefop_renomme"


@dataclass(frozen=True, slots=True)
class Siege:
    """Un titulaire (membre ou coprésident) et ce qu'il faut pour le citer sans le nommer."""

    chemin: tuple[str, int]  # ("membres", 3) ou ("presidents", 0) dans le fichier du comité
    college: str
    votant: bool
    suppleants: tuple[str, ...] = ()
    #: catégorie numérotée de l'article de composition (« 5° »), pour les procurations
    rang: str = ""
    #: (début, fin) du mandat écrit, ou None
    mandat: tuple[date, date] | None = None

    def en_fonction(self, le: date | None) -> bool:
        return le is None or self.mandat is None or self.mandat[0] <= le <= self.mandat[1]


def votant(comite: Any, membre: Any, colleges_votants: frozenset[str]) -> bool:
    """Le membre a-t-il voix délibérative (R. 5311-37 ; outre-mer R. 5523-15-4, -12, -25, -37) ?
    Outre-mer, une organisation d'employeurs qui n'est pas une organisation nationale connue est
    tenue pour représentative au seul niveau régional : elle ne vote pas (R. 5523-15-3 e)."""
    if membre.college not in colleges_votants:
        return False
    if membre.college == "organisation_employeurs" and comite.region in OUTRE_MER:
        connue = organisation(identifier(membre.organisation, getattr(membre, "sigle", None)))
        return connue is not None and connue.niveau == "national" and connue.type == "employeurs"
    return True


def _periode_en_fonction(comite: Any, i: int) -> tuple[date, date] | None:
    """(début, fin) où le membre n° `i` tient son siège : son mandat écrit, écourté à la veille de
    l'arrivée d'un successeur (`cte_cli.droit.membres.fin_effective`) ; None s'il siège toujours."""
    from cte_cli.droit.membres import fin_effective

    m = comite.membres[i]
    mandat = getattr(m, "mandat", None)
    fin = fin_effective(comite, i)
    if mandat is None and fin is None:
        return None
    return (mandat.debut if mandat is not None else date.min, fin if fin is not None else date.max)


@dataclass
class Annuaire:
    """Qui appartient au comité : titulaires, suppléants, coprésidents, invités (noms normés)."""

    titulaires: dict[str, Siege] = field(default_factory=dict)
    suppleants: dict[str, Siege] = field(default_factory=dict)
    invites: set[str] = field(default_factory=set)
    #: arrivée des remplaçants à voix délibérative dont le membre remplacé n'est pas désigné
    #: (`membres.remplacants_indetermines`) : l'ancien membre est peut-être encore compté
    arrivees_indeterminees: tuple[date, ...] = ()

    @classmethod
    def de(cls, comite: Any) -> Annuaire:
        from cte_cli.droit.membres import remplacants_indetermines

        compo = composition(comite)
        votants = compo.colleges(votant=True)
        annuaire = cls()
        for i, p in enumerate(comite.presidents):
            annuaire.titulaires.setdefault(norme(p.nom), Siege(("presidents", i), p.college, True))
        for i, m in enumerate(comite.membres):
            mandat = _periode_en_fonction(comite, i)
            siege = Siege(("membres", i), m.college, votant(comite, m, votants),
                          tuple(norme(s.nom) for s in m.suppleants), compo.categories.get(m.college, ""), mandat)
            annuaire.titulaires.setdefault(norme(m.nom), siege)
            for s in m.suppleants:
                annuaire.suppleants.setdefault(norme(s.nom), siege)
        annuaire.invites = {norme(i.nom) for i in comite.invites}
        annuaire.arrivees_indeterminees = tuple(
            comite.membres[j].remplace_le for j in remplacants_indetermines(comite)
            if votant(comite, comite.membres[j], votants))
        return annuaire

    def siege(self, nom: str) -> Siege | None:
        """Le siège qu'occupe ce nom, comme titulaire ou comme suppléant."""
        cle = norme(nom)
        return self.titulaires.get(cle) or self.suppleants.get(cle)

    def connu(self, nom: str) -> bool:
        return self.siege(nom) is not None or norme(nom) in self.invites

    def indice_proche(self, nom: str) -> str:
        """« ; nom proche : membres n° 4 du comité » sans recopier le nom (données personnelles)."""
        tous = {**self.suppleants, **self.titulaires}
        trouve = proche(norme(nom), list(tous))
        if trouve is None:
            return ""
        siege = tous[trouve]
        role = "suppléant de " if trouve in self.suppleants and trouve not in self.titulaires else ""
        rang = "coprésident" if siege.chemin[0] == "presidents" else "membre"
        return f" ; un nom proche figure au comité : {role}{rang} n° {siege.chemin[1] + 1}"

    def sieges_votants(self, le: date | None = None) -> list[Siege]:
        """Sièges à voix délibérative, en fonction le jour `le` (tous si None)."""
        return [s for s in dict.fromkeys(self.titulaires.values()) if s.votant and s.en_fonction(le)]

    @cached_property
    def _noms_par_siege(self) -> dict[int, set[str]]:
        noms: dict[int, set[str]] = defaultdict(set)
        for k, s in self.titulaires.items():
            noms[id(s)].add(k)
        for s in dict.fromkeys(self.titulaires.values()):
            noms[id(s)].update(s.suppleants)
        return noms

    def noms_des_votants(self, le: date | None = None) -> list[set[str]]:
        """Pour chaque siège à voix délibérative en fonction ce jour-là, les noms qui le tiennent
        (titulaire, ou coprésident, et suppléants)."""
        return [self._noms_par_siege[id(s)] for s in self.sieges_votants(le)]


def quorum_requis(votants: int, fraction: Fraction) -> int:
    """Le plus petit nombre de sièges qui atteint `fraction` des `votants` (la moitié de 7 : 4)."""
    exact = fraction * votants
    return -(-exact.numerator // exact.denominator)


@dataclass
class Presence:
    """Décompte du quorum d'une séance (R. 5311-40)."""

    votants: int
    presents: int
    procurations_ecartees: int
    fraction: Fraction = field(default=Fraction(0))
    #: sièges peut-être comptés deux fois : un remplaçant sans membre remplacé désigné, dont
    #: l'ancien membre est peut-être encore au fichier (`Annuaire.arrivees_indeterminees`)
    douteux: int = 0

    @property
    def quorum(self) -> int:
        return quorum_requis(self.votants, self.fraction)

    @property
    def atteint(self) -> bool:
        return self.presents >= self.quorum

    @property
    def quorum_sans_doublons(self) -> int:
        """Le quorum si chaque remplaçant douteux a pris le siège d'un membre encore au fichier."""
        return quorum_requis(self.votants - self.douteux, self.fraction)


def meme_college(annuaire: Annuaire, mandant: Siege, mandataire: Siege, lecture: str = "college") -> bool:
    """« un autre membre du même collège » (R. 5311-43), selon la lecture retenue
    (`interpretation.procuration_meme_college`) : même collège du format, ou même catégorie
    numérotée de l'article de composition."""
    if lecture == "categorie" and mandant.rang and mandataire.rang:
        return mandant.rang == mandataire.rang
    return mandant.college == mandataire.college


def procuration_valide(annuaire: Annuaire, representation: Any, lecture: str = "college") -> bool:
    """Mandant membre du comité, mandataire titulaire ou suppléant du même collège (R. 5311-43)."""
    mandant = annuaire.titulaires.get(norme(representation.membre))
    mandataire = annuaire.siege(representation.mandataire)
    return bool(mandant and mandataire and mandant is not mandataire
                and meme_college(annuaire, mandant, mandataire, lecture))


def presence(annuaire: Annuaire, seance: Any, fraction: Fraction | None = None, lecture: str = "college") -> Presence:
    """Sièges à voix délibérative en fonction le jour de la séance, tenus par un présent (titulaire
    ou suppléant) ou représentés ; `fraction` : le quorum (à défaut le paramètre `seance.quorum`
    au jour de la séance)."""
    le = jour(seance.date)
    if fraction is None:
        from cte_cli.referentiel.parametres_legaux import parametre

        fraction = parametre("seance.quorum", le) or Fraction(0)
    presents = {norme(n) for n in seance.presents or ()}
    representes = {norme(r.membre) for r in seance.representes or () if procuration_valide(annuaire, r, lecture)}
    ecartees = len(seance.representes or ()) - len(representes)
    noms = annuaire.noms_des_votants(le)
    compte = sum(1 for n in noms if n & presents or n & representes)
    douteux = sum(1 for arrivee in annuaire.arrivees_indeterminees if arrivee <= le)
    return Presence(len(noms), compte, ecartees, fraction, min(douteux, len(noms) - compte))


def obligations_annuelles(debut: date, controle: date, par_an: int, lecture: str = "prorata") -> Iterator[tuple[int, int]]:
    """(année, nombre exigé) pour chaque année civile échue depuis `debut`, selon la lecture de
    l'année d'installation (`interpretation.annee_installation`) : « prorata » (l'année de `debut`
    au prorata des jours restants, arrondi à l'entier le plus proche), « entiere », « exclue » ou
    « douze_mois » (l'année d'installation ne compte pas en année civile : la première obligation
    court sur les douze mois qui suivent l'installation, voir :func:`premiere_periode`)."""
    for annee in range(debut.year, controle.year):
        exige = par_an
        if annee == debut.year:
            if lecture in ("exclue", "douze_mois"):
                continue
            if lecture == "prorata":
                fin = date(annee, 12, 31)  # pas un chiffre du droit : dernier jour de l'année civile
                premier = date(annee, 1, 1)  # pas un chiffre du droit : premier jour de l'année civile
                exige = floor(par_an * ((fin - debut).days + 1) / ((fin - premier).days + 1) + 0.5)  # pas un chiffre du droit : arrondi à l'entier le plus proche
        if exige > 0:
            yield annee, exige


@dataclass(frozen=True, slots=True)
class PeriodeAnnuelle:
    """Une période sur laquelle une obligation annuelle est due : une année civile, ou les douze
    mois qui suivent l'installation (lecture « douze_mois »)."""

    du: date
    au: date
    exige: int
    premiere: bool = False

    def libelle(self) -> str:
        if self.premiere:
            return (f"dans les douze mois qui ont suivi son installation (du {self.du:%d/%m/%Y} "
                    f"au {self.au:%d/%m/%Y})")
        return f"en {self.au.year}"

    def contient(self, jour_: date) -> bool:
        return self.du <= jour_ <= self.au

    def chiffres(self) -> dict[str, object]:
        """Pour les rapports : l'année civile, ou les bornes des douze premiers mois."""
        if self.premiere:
            return {"du": self.du.isoformat(), "au": self.au.isoformat()}
        return {"annee": self.au.year}


def periodes_annuelles(debut: date, controle: date, par_an: Callable[[date], int],
                       lecture: str = "prorata") -> list[PeriodeAnnuelle]:
    """Les périodes échues avant `controle` sur lesquelles une obligation annuelle est due depuis
    `debut`, selon la lecture de l'année d'installation (`interpretation.annee_installation`) :
    « douze_mois » (les douze mois qui suivent l'installation, puis chaque année civile à partir
    de la suivante), « prorata » (l'année d'installation au prorata des jours restants, arrondi),
    « entiere », « exclue ». `par_an(jour)` : le nombre dû, lu au dernier jour de la période."""
    periodes: list[PeriodeAnnuelle] = []
    if lecture == "douze_mois":
        fin = fin_de_periode(debut, MOIS_PAR_AN)
        if fin < controle and par_an(fin):
            periodes.append(PeriodeAnnuelle(debut, fin, par_an(fin), premiere=True))
    for annee in range(debut.year, controle.year):
        if annee == debut.year and lecture in ("exclue", "douze_mois"):
            continue
        au = date(annee, 12, 31)  # pas un chiffre du droit : dernier jour de l'année civile
        nombre = par_an(au)
        if annee == debut.year and lecture == "prorata":
            nombre = dict(obligations_annuelles(debut, controle, nombre, lecture)).get(annee, 0)
        if nombre:
            periodes.append(PeriodeAnnuelle(max(debut, date(annee, 1, 1)), au, nombre))  # pas un chiffre du droit
    return periodes


__all__ = [
    "PeriodeAnnuelle",
    "periodes_annuelles",
    "DELIBERANTES",
    "REUNIONS_DU_COMITE",
    "Annuaire",
    "Presence",
    "Siege",
    "meme_college",
    "norme",
    "obligations_annuelles",
    "presence",
    "procuration_valide",
    "quorum_requis",
    "votant",
]
