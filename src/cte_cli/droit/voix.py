"""Voix délibératives des comités : qui vote et combien (R. 5311-37 à R. 5311-39 ; outre-mer
R. 5523-15-4, -12, -25, -37).

Trois étages, sans aucune E/S :

- :func:`regime` dit ce que le droit prévoit pour un comité (collèges votants, article de
  répartition, collectivité qui doit détenir la moitié des voix des collectivités) ;
- :func:`analyser` classe chaque membre (groupe de voix, organisation reconnue dans les
  paramètres) ; les règles de ``rules/voix.py`` vérifient cette analyse ;
- :func:`proposer` calcule une répartition conforme (`cte voix`).

Lectures retenues (détaillées dans docs/voix.md) :

- les présidents votent (R. 5311-37) mais ne comptent dans aucune égalité : R. 5311-38 répartit
  les voix « attribuées aux représentants », et son 5° fixe celles des collectivités « en plus
  de celle des présidents » ;
- les voix d'une organisation syndicale ou patronale sont celles de l'organisation : si elle a
  plusieurs représentants, la somme de leurs voix est comparée à sa part ;
- la plus forte moyenne (D'Hondt) se calcule entre les organisations représentées au comité,
  avec leur poids national (une organisation absente fait l'objet d'un constat distinct) ;
- outre-mer, chaque organisation syndicale représentative au niveau régional a une voix, en
  plus des voix réparties entre les organisations nationales ; le total des syndicats reste
  égal à celui des employeurs ; les organisations d'employeurs représentatives au seul niveau
  régional n'ont pas voix délibérative.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from cte_cli.droit import territoires as terr
from cte_cli.droit.organisations import identifier, mots, organisation
from cte_cli.erreurs import CteErreur
from cte_cli.referentiel.parametres import cle_organisation

if TYPE_CHECKING:
    from cte_cli.referentiel.parametres import JeuParametres
    from cte_cli.referentiel.parametres_legaux import Droit

GROUPES = ("etat", "collectivites", "syndicats", "employeurs")
LIBELLES_GROUPES = {
    "etat": "État",
    "collectivites": "collectivités",
    "syndicats": "organisations syndicales de salariés",
    "employeurs": "organisations d'employeurs",
}
COLLECTIVITES = ("region", "departement", "communes", "epci")
#: au-delà, `cte voix` renonce à chercher un total (composition incohérente)
TOTAL_MAX = 200  # pas un chiffre du droit : borne de recherche de cte voix


@dataclass(frozen=True)
class Regime:
    """Ce que le droit prévoit pour les voix d'un comité."""

    #: article qui dit qui vote (R. 5311-37 ou son adaptation d'outre-mer)
    article_votants: str
    categories_votantes: str
    colleges_votants: frozenset[str]
    #: article de répartition : « R. 5311-38 » (CRE, CDE, outre-mer) ou « R. 5311-39 » (CLE)
    article: str
    #: collèges qui détiennent au moins la moitié des voix des collectivités (vide : pas de règle)
    dominants: frozenset[str]
    article_dominants: str | None
    libelle_dominants: str
    #: article d'outre-mer donnant une voix à chaque syndicat régional (None en métropole)
    article_regional: str | None
    #: article de composition qui appelle « l'ensemble des organisations » (None au CLE)
    article_ensemble: str | None

    @property
    def local(self) -> bool:
        return self.article == "R. 5311-39"

    @property
    def article_arrete(self) -> str:
        """L'article en vertu duquel le préfet arrête les voix : R. 5311-38 ou R. 5311-39, ou
        l'article d'outre-mer qui le rend applicable (R. 5523-15-4, -12, -25, -37)."""
        return self.article_regional or self.article

    def alinea(self, numero: str) -> str:
        """« R. 5311-38 1° » ; outre-mer : « R. 5311-38 1°, R. 5523-15-12 »."""
        texte = f"{self.article} {numero}"
        if self.article_regional:
            texte += f", {self.article_regional}"
        return texte


_PARTENAIRES = frozenset({"syndicat_salaries", "organisation_employeurs"})


def regime(comite: Any) -> Regime | None:
    """Le régime des voix du comité ; None pour un CREFOP renommé comité régional pour
    l'emploi, dont l'organisation relève de R. 6123-3-16 à -20 et non de R. 5311-38 (R. 5311-15)."""
    niveau, region = comite.niveau, comite.region
    base = frozenset({"etat", "region", "departement"})
    if niveau == "regional":
        if comite.forme == "crefop_renomme":
            return None
        if region in terr.REGIONS_L5523_7:
            return Regime("R. 5311-37, R. 5523-15-4", "1° à 3° de R. 5311-17 et a à c du 1° de R. 5523-15-3",
                          base | _PARTENAIRES, "R. 5311-38", frozenset({"region"}), "R. 5311-38 5°", "la région",
                          "R. 5523-15-4", None)
        return Regime("R. 5311-37", "1° à 4° de R. 5311-17", base | _PARTENAIRES, "R. 5311-38",
                      frozenset({"region"}), "R. 5311-38 5°", "la région", None, "R. 5311-17 4°")
    if niveau == "departemental":
        # Corse : région et département sont la même collectivité, « la collectivité concernée »
        dominants = frozenset({"region", "departement"}) if comite.collectivite == "corse" else frozenset({"departement"})
        if region in terr.REGIONS_L5523_7:
            return Regime("R. 5311-37, R. 5523-15-4", "1° à 4° de R. 5311-23 et a à c du 1° de R. 5523-15-3",
                          base | {"communes"} | _PARTENAIRES, "R. 5311-38", dominants, "R. 5311-38 5°",
                          "le département", "R. 5523-15-4", None)
        return Regime("R. 5311-37", "1° à 5° de R. 5311-23", base | {"communes"} | _PARTENAIRES,
                      "R. 5311-38", dominants, "R. 5311-38 5°",
                      "le département", None, "R. 5311-23 5°")
    if niveau == "local":
        return Regime("R. 5311-37", "1° à 5° de R. 5311-32", base | {"epci", "communes"}, "R. 5311-39",
                      frozenset({"epci", "communes"}), "R. 5311-39 2°",
                      "les EPCI et les communes (4° et 5° de R. 5311-32)", None, None)
    votants = base | {"communes"} | _PARTENAIRES
    if niveau == "territorial" and region not in terr.REGIONS_L5523_8:
        # L. 5523-7 : le comité territorial tient lieu de CRE et de CDE ; le 5° de R. 5311-38
        # (région au CRE, département au CDE) y est lu selon `interpretation.dominante_territorial_l5523_7`
        # (par défaut `aucune` : le 5° n'est pas adapté, docs/voix.md ; au choix du dépôt, la région
        # et le département ensemble).
        return Regime("R. 5523-15-12", "1° à 7° de R. 5523-15-10", votants, "R. 5311-38",
                      frozenset({"region", "departement"}), "R. 5311-38 5°, R. 5523-15-12",
                      "la région et le département", "R. 5523-15-12", None)
    if niveau == "territorial":
        return Regime("R. 5523-15-25", "1° à 6° de R. 5523-15-23", votants, "R. 5311-38",
                      frozenset({"region", "departement"}), "R. 5311-38 5°, R. 5523-15-25",
                      "la collectivité (2° de R. 5523-15-23)", "R. 5523-15-25", None)
    return Regime("R. 5523-15-37", "1° à 6° de R. 5523-15-35", votants, "R. 5311-38",
                  frozenset({"region", "departement"}), "R. 5311-38 5°, R. 5523-15-37",
                  "la collectivité (2° de R. 5523-15-35)", "R. 5523-15-37", None)


# --- analyse d'un comité ------------------------------------------------------------------


def designation(indice: int, qualite: str, organisation: str | None) -> str:
    """« membre n° 12 (« Secrétaire général de l'UD », CFDT) » : numéro, qualité et organisation,
    jamais le nom de la personne (données personnelles)."""
    org = f", {organisation}" if organisation and organisation not in qualite else ""
    return f"membre n° {indice + 1} (« {qualite} »{org})"


@dataclass
class Siege:
    """Un membre du comité vu sous l'angle des voix."""

    indice: int
    college: str
    qualite: str
    organisation: str | None
    voix: int | None
    #: etat, collectivites, syndicats, employeurs ; None : sans voix délibérative
    groupe: str | None
    #: clé de l'organisation dans les paramètres (organisations nationales reconnues)
    cle: str | None = None
    #: sigle de l'organisation identifiée (`cte_cli.droit.organisations`), ou None
    sigle: str | None = None
    #: organisation syndicale représentative au niveau régional (outre-mer : une voix)
    regionale: bool = False
    #: organisation d'employeurs représentative au seul niveau régional (outre-mer, sans voix)
    employeur_regional: bool = False
    dominant: bool = False

    @property
    def votant(self) -> bool:
        return self.groupe is not None

    @property
    def numero(self) -> int:
        return self.indice + 1

    def designation(self) -> str:
        return designation(self.indice, self.qualite, self.organisation)


@dataclass
class Analyse:
    """Les membres d'un comité classés par groupe de voix, avec le jeu de paramètres utilisé."""

    comite: Any
    regime: Regime
    parametres: JeuParametres
    sieges: list[Siege]
    #: pondération des organisations d'employeurs (R. 5311-38 4°) : entreprises, salariés
    parts: tuple[Fraction, Fraction] = (Fraction(0), Fraction(0))
    #: jour de l'analyse : les membres dont le mandat ne couvre pas ce jour n'y sont pas
    jour: Any = None
    #: part minimale des voix des collectivités de la collectivité dominante (R. 5311-38 5°)
    part_dominante: Fraction = Fraction(0)
    #: voix de chaque syndicat représentatif au niveau régional (outre-mer, R. 5523-15-4)
    voix_regionale: int = 0

    def minimum_dominant(self, total: int) -> int:
        """Voix minimales de la collectivité dominante sur `total` voix des collectivités."""
        return minimum_dominant(total, self.part_dominante)

    @property
    def votants(self) -> list[Siege]:
        return [s for s in self.sieges if s.votant]

    def du_groupe(self, groupe: str) -> list[Siege]:
        return [s for s in self.sieges if s.groupe == groupe]

    @property
    def fixees(self) -> bool:
        """Toutes les voix des membres votants sont fixées."""
        return all(s.voix is not None for s in self.votants)

    def total(self, groupe: str, colleges: Iterable[str] | None = None) -> int:
        choisis = set(colleges) if colleges is not None else None
        return sum(s.voix or 0 for s in self.du_groupe(groupe) if choisis is None or s.college in choisis)

    def par_college(self, groupe: str) -> dict[str, int]:
        totaux: dict[str, int] = {}
        for s in self.du_groupe(groupe):
            totaux[s.college] = totaux.get(s.college, 0) + (s.voix or 0)
        return totaux

    def organisations(self, groupe: str) -> dict[str, list[Siege]]:
        """Organisations nationales représentées : clé des paramètres -> ses représentants."""
        presentes: dict[str, list[Siege]] = {}
        for s in self.du_groupe(groupe):
            if s.cle is not None:
                presentes.setdefault(s.cle, []).append(s)
        return presentes

    def regionales(self) -> dict[str, list[Siege]]:
        """Organisations syndicales régionales (outre-mer), par nom normalisé."""
        trouvees: dict[str, list[Siege]] = {}
        for s in self.du_groupe("syndicats"):
            if s.regionale:
                trouvees.setdefault(s.sigle or " ".join(mots(s.organisation or s.qualite)), []).append(s)
        return trouvees

    def inconnues(self) -> list[Siege]:
        """Membres des collèges syndicaux ou patronaux votants dont l'organisation n'est pas
        reconnue dans les paramètres (métropole)."""
        return [s for s in self.sieges if s.groupe in ("syndicats", "employeurs")
                and s.cle is None and not s.regionale]

    def absentes(self, groupe: str) -> list[str]:
        cles = (self.parametres.syndicats_salaries if groupe == "syndicats"
                else self.parametres.organisations_employeurs)
        presentes = self.organisations(groupe)
        return [c for c in cles if c not in presentes]

    @property
    def libelle_dominants(self) -> str:
        """Qui doit détenir la moitié des voix des collectivités (R. 5311-38 5°, R. 5311-39 2°)."""
        if self.comite.niveau == "departemental" and self.comite.collectivite:
            return f"la collectivité de R. 5311-28 ({self.comite.collectivite})"
        return self.regime.libelle_dominants

    def poids(self, groupe: str) -> dict[str, Fraction]:
        """Poids nationaux des organisations représentées au comité (R. 5311-38 3° et 4°)."""
        tous = (self.parametres.poids_syndicats() if groupe == "syndicats"
                else self.parametres.poids_employeurs(*self.parts))
        return {c: tous[c] for c in self.organisations(groupe)}


def analyser(comite: Any, parametres: JeuParametres, droit: Droit | None = None,
             jour: Any = None) -> Analyse | None:
    """Classe les membres du comité en fonction le jour `jour` (à défaut celui de `droit`, à
    défaut aujourd'hui), selon le droit en vigueur au jour de `droit` ; None si le comité n'a pas
    de répartition de voix. Un membre gardé dans le fichier après la fin de son mandat
    (`mandat.fin` passée) n'est pas compté."""
    from cte_cli.droit.membres import occupe_siege

    reg = regime(comite)
    if reg is None:
        return None
    if droit is None:
        from datetime import date

        from cte_cli.referentiel.parametres_legaux import Droit

        droit = Droit(date.today())
    if reg.article_votants == "R. 5523-15-12" and droit("interpretation.dominante_territorial_l5523_7") == "aucune":
        from dataclasses import replace

        reg = replace(reg, dominants=frozenset(), article_dominants=None, libelle_dominants="")
    parts = (droit("voix.part_entreprises") or Fraction(0), droit("voix.part_salaries") or Fraction(0))
    sieges = []
    for i, m in enumerate(comite.membres):
        if not occupe_siege(comite, i, jour or droit.jour):
            continue
        s = Siege(i, m.college, m.qualite, m.organisation, m.voix, None)
        if m.college in reg.colleges_votants:
            _classer(s, m, reg, parametres, comite.region)
        sieges.append(s)
    return Analyse(comite, reg, parametres, sieges, parts, jour or droit.jour,
                   droit("voix.part_collectivite_dominante") or Fraction(0), droit("voix.voix_syndicat_regional") or 0)


def _classer(s: Siege, m: Any, reg: Regime, parametres: JeuParametres, region: str | None = None) -> None:
    """Groupe de voix du membre. Outre-mer, une organisation identifiée comme régionale, ou non
    reconnue parmi les organisations nationales des paramètres, est tenue pour représentative au
    niveau régional : un syndicat y a une voix (R. 5523-15-4), une organisation d'employeurs n'y
    vote pas (R. 5523-15-3 e)."""
    sigle = getattr(m, "sigle", None)
    if m.college == "etat":
        s.groupe = "etat"
    elif m.college in COLLECTIVITES:
        s.groupe = "collectivites"
        s.dominant = m.college in reg.dominants
    elif m.college == "syndicat_salaries":
        s.groupe = "syndicats"
        s.sigle = identifier(m.organisation, sigle, parametres.syndicats_salaries)
        s.cle = cle_organisation(m.organisation, parametres.syndicats_salaries, sigle)
        s.regionale = s.cle is None and reg.article_regional is not None and _regionale(s, m, region)
    else:
        s.sigle = identifier(m.organisation, sigle, parametres.organisations_employeurs)
        s.cle = cle_organisation(m.organisation, parametres.organisations_employeurs, sigle)
        s.employeur_regional = s.cle is None and reg.article_regional is not None and _regionale(s, m, region)
        s.groupe = None if s.employeur_regional else "employeurs"


def _regionale(s: Siege, m: Any, region: str | None = None) -> bool:
    """Outre-mer : organisation régionale connue **de ce territoire** (l'UGTG l'est en Guadeloupe,
    pas à La Réunion, R. 5523-15-3 c : « représentatives au niveau régional »), ou organisation
    nommée mais inconnue."""
    connue = organisation(s.sigle)
    if connue is not None:
        return connue.regionale and (not connue.territoires or region is None or region in connue.territoires)
    return bool(m.organisation or getattr(m, "sigle", None))


def regionale_d_ailleurs(sigle: str | None, region: str) -> Any:
    """L'organisation régionale connue désignée par `sigle` si elle l'est dans un autre territoire
    que `region` (la CGTR dans un comité de métropole, l'UGTG à La Réunion), sinon None."""
    connue = organisation(sigle)
    if connue is not None and connue.regionale and connue.territoires and region not in connue.territoires:
        return connue
    return None


# --- plus forte moyenne -------------------------------------------------------------------


@dataclass(frozen=True)
class Repartition:
    """Répartition de `total` voix à la plus forte moyenne (méthode D'Hondt).

    En cas d'égalité de moyennes pour les dernières voix, plusieurs attributions sont
    conformes : `minimum` et `maximum` les bornent, `attribution` en retient une (le plus
    grand poids d'abord, puis l'ordre alphabétique).
    """

    total: int
    poids: Mapping[str, Fraction]
    attribution: Mapping[str, int]
    sures: Mapping[str, int]
    egalites: Mapping[str, int]
    reste: int

    @property
    def egalite(self) -> bool:
        return self.reste > 0 and sum(self.egalites.values()) > self.reste

    def minimum(self, org: str) -> int:
        autres = sum(self.egalites.values()) - self.egalites.get(org, 0)
        return self.sures[org] + max(0, self.reste - autres)

    def maximum(self, org: str) -> int:
        return self.sures[org] + min(self.egalites.get(org, 0), self.reste)

    def admet(self, trouve: Mapping[str, int]) -> bool:
        """`trouve` (organisation -> voix) est-il une répartition à la plus forte moyenne ?"""
        if set(trouve) != set(self.poids) or sum(trouve.values()) != self.total:
            return False
        return all(self.minimum(o) <= trouve[o] <= self.maximum(o) for o in self.poids)

    def attendu(self, org: str) -> str:
        bas, haut = self.minimum(org), self.maximum(org)
        return str(bas) if bas == haut else f"{bas} ou {haut} (égalité de moyennes)"

    def quotients(self, org: str, colonnes: int) -> list[Fraction]:
        return [self.poids[org] / d for d in range(1, colonnes + 1)]


def attribution(rep: Repartition, presentes: Mapping[str, list[Siege]],
                actuelle: Mapping[str, int] | None = None) -> dict[str, int] | None:
    """Une attribution à la plus forte moyenne qui donne au moins une voix à chaque représentant.

    R. 5311-38 3° et 4° ne départagent pas une égalité de moyennes pour la dernière voix : toute
    attribution à la plus forte moyenne est conforme. On garde celle du fichier (`actuelle`) si
    elle l'est (un arrêté déjà pris est conservé) ; sinon, parmi les organisations à égalité, la
    voix va d'abord à celles qui n'ont pas une voix par représentant, puis au plus grand poids."""
    besoins = {org: len(reps) for org, reps in presentes.items()}
    if actuelle is not None and rep.admet(actuelle) and all(actuelle[o] >= n for o, n in besoins.items()):
        return dict(actuelle)
    choix = dict(rep.sures)
    candidates = sorted((o for o in rep.poids if rep.egalites.get(o)),
                        key=lambda o: (choix[o] >= besoins.get(o, 0), -rep.poids[o], o))
    for org in candidates[: rep.reste]:
        choix[org] += 1
    if any(choix[o] < n for o, n in besoins.items()):
        return None
    return choix


def _raison_attribution(rep: Repartition, presentes: Mapping[str, list[Siege]]) -> str:
    """Pourquoi aucune attribution à la plus forte moyenne ne donne une voix à chaque représentant :
    une organisation n'en obtient pas assez même en gagnant les égalités, ou les organisations à
    égalité pour les dernières voix ne peuvent pas toutes les obtenir."""
    for org, reps in presentes.items():
        if rep.maximum(org) < len(reps):
            return (f"{org} n'obtiendrait que {rep.maximum(org)} voix à la plus forte "
                    f"moyenne sur {rep.total} pour {len(reps)} représentant(s)")
    a_egalite = sorted(o for o in presentes if rep.egalites.get(o))
    return (f"{', '.join(a_egalite)} sont à égalité de moyenne pour {rep.reste} dernière(s) voix sur {rep.total} : "
            "toutes ne peuvent pas obtenir une voix par représentant")


def plus_forte_moyenne(poids: Mapping[str, Fraction], total: int) -> Repartition:
    """Répartit `total` voix entre les organisations selon leurs poids (règle de la plus forte
    moyenne, R. 5311-38 3° et 4°) : chaque voix va à la plus forte moyenne poids / (voix + 1),
    c'est-à-dire aux `total` plus grands quotients poids / 1, poids / 2, …"""
    zero = {o: 0 for o in poids}
    if total <= 0 or not any(p > 0 for p in poids.values()):
        return Repartition(max(total, 0), dict(poids), zero, zero, zero, 0)
    seuil = _seuil(poids, total)
    rapports = {o: Fraction(p) / seuil for o, p in poids.items() if p > 0}  # d tel que p / d = seuil
    sures = {o: min(total, _plafond(rapports[o]) - 1) if o in rapports else 0 for o in poids}
    egalites = {o: int(o in rapports and rapports[o].denominator == 1 and rapports[o] <= total) for o in poids}
    reste = total - sum(sures.values())
    attribution = dict(sures)
    for org in sorted((o for o in poids if egalites[o]), key=lambda o: (-poids[o], o))[:reste]:
        attribution[org] += 1
    return Repartition(total, dict(poids), attribution, sures, egalites, reste)


def _seuil(poids: Mapping[str, Fraction], total: int) -> Fraction:
    """La `total`-ième plus grande moyenne poids / d (d = 1 … total), sans énumérer les
    poids × total quotients : le calcul reste instantané quel que soit le nombre de voix.

    Au diviseur λ = somme des poids / total, chaque organisation a floor(poids / λ) quotients
    au moins égaux à λ, soit entre total - n et total en tout (n organisations) ; les r
    manquants sont parmi les r suivants de chaque organisation."""
    positifs = {o: Fraction(p) for o, p in poids.items() if p > 0}
    lam = sum(positifs.values(), Fraction(0)) / total
    rangs = {o: min(total, _plancher(p / lam)) for o, p in positifs.items()}
    manquants = total - sum(rangs.values())
    if manquants == 0:
        return min(p / rangs[o] for o, p in positifs.items() if rangs[o])
    suivants = sorted(
        (p / (rangs[o] + j) for o, p in positifs.items() for j in range(1, manquants + 1) if rangs[o] + j <= total),
        reverse=True,
    )
    return suivants[manquants - 1]


def _plancher(q: Fraction) -> int:
    return q.numerator // q.denominator


def _plafond(q: Fraction) -> int:
    return -(-q.numerator // q.denominator)


# --- proposition d'une répartition (cte voix) -----------------------------------------------


@dataclass
class Ligne:
    """Un membre et les voix proposées, avec la règle appliquée."""

    siege: Siege
    proposees: int | None
    regle: str

    @property
    def change(self) -> bool:
        return self.siege.voix != self.proposees


@dataclass
class Proposition:
    """Une répartition conforme des voix d'un comité."""

    analyse: Analyse
    totaux: dict[str, int]
    lignes: list[Ligne]
    repartitions: dict[str, Repartition] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def changements(self) -> list[Ligne]:
        return [ligne for ligne in self.lignes if ligne.change]


def repartir(total: int, n: int) -> list[int]:
    """`total` voix entre `n` membres, le plus également possible (le reste aux premiers)."""
    if n <= 0:
        return []
    base, reste = divmod(total, n)
    return [base + (1 if i < reste else 0) for i in range(n)]


def minimum_dominant(total: int, part: Fraction) -> int:
    """Le plus petit nombre de voix qui atteint `part` de `total` (la moitié de 7 : 4)."""
    exact = part * total
    return -(-exact.numerator // exact.denominator)


def collectivites_possibles(total: int, n_dominants: int, n_autres: int, dominance: bool,
                            part: Fraction = Fraction(0)) -> str | None:
    """None si `total` voix peuvent aller aux collectivités (une voix au moins chacune, la
    collectivité dominante avec la part `part` au moins) ; sinon la raison."""
    if total < n_dominants + n_autres:
        return f"{total} voix pour {n_dominants + n_autres} représentants des collectivités"
    if not dominance:
        return None
    if n_dominants == 0 and total > 0:
        return "aucun représentant de la collectivité qui doit détenir la moitié des voix"
    if total - max(n_dominants, minimum_dominant(total, part)) < n_autres:
        return (f"{minimum_dominant(total, part)} voix au moins sur {total} pour la collectivité dominante "
                f"ne laissent pas une voix à chacun des {n_autres} autres représentants")
    return None


def repartir_collectivites(total: int, sieges: list[Siege], dominance: bool,
                           part_minimale: Fraction = Fraction(0)) -> list[int]:
    """Voix des collectivités : le plus également possible entre les représentants ; si la
    collectivité dominante n'atteint pas `part_minimale` (la moitié, R. 5311-38 5°), elle en reçoit
    le minimum (arrondi au-dessus) et le reste est partagé entre les autres. Renvoie les voix dans
    l'ordre de `sieges`."""
    ordre = sorted(range(len(sieges)), key=lambda i: (not sieges[i].dominant, i)) if dominance else list(range(len(sieges)))
    voix = [0] * len(sieges)
    for i, v in zip(ordre, repartir(total, len(sieges)), strict=True):
        voix[i] = v
    dominants = [i for i in ordre if sieges[i].dominant]
    minimum = minimum_dominant(total, part_minimale)
    if not dominance or sum(voix[i] for i in dominants) >= minimum:
        return voix
    part = max(len(dominants), minimum)
    autres = [i for i in ordre if not sieges[i].dominant]
    for i, v in zip(dominants, repartir(part, len(dominants)), strict=True):
        voix[i] = v
    for i, v in zip(autres, repartir(total - part, len(autres)), strict=True):
        voix[i] = v
    return voix


class _Calcul:
    """Recherche du total et répartition ; `unite` = voix des syndicats (= employeurs) pour
    R. 5311-38, voix des collectivités (= État) pour R. 5311-39."""

    def __init__(self, analyse: Analyse):
        self.an = analyse
        self.reg = analyse.regime
        self.etat = analyse.du_groupe("etat")
        self.coll = analyse.du_groupe("collectivites")
        self.dominance = bool(self.reg.dominants)
        self.n_dom = sum(1 for s in self.coll if s.dominant)
        self.syndicats = analyse.organisations("syndicats")
        self.employeurs = analyse.organisations("employeurs")
        self.regionales = analyse.regionales()

    def etat_pour(self, unite: int) -> int:
        """R. 5311-38 1° et 2° : État = syndicats + employeurs, qui ont le même total."""
        return unite if self.reg.local else unite + unite

    def unite_pour_etat(self, total_etat: int) -> int | None:
        if self.reg.local:
            return total_etat
        unite, reste = divmod(total_etat, 2)  # pas un chiffre du droit : syndicats + employeurs, à parts égales
        return None if reste else unite

    def repartitions(self, unite: int) -> dict[str, Repartition]:
        if self.reg.local:
            return {}
        return {
            "syndicats": plus_forte_moyenne(self.an.poids("syndicats"),
                                            unite - len(self.regionales) * self.an.voix_regionale),
            "employeurs": plus_forte_moyenne(self.an.poids("employeurs"), unite),
        }

    def impossible(self, unite: int) -> str | None:
        """None si `unite` permet une répartition conforme ; sinon la raison."""
        total_etat = self.etat_pour(unite)
        if total_etat < len(self.etat):
            return f"{total_etat} voix pour {len(self.etat)} représentants de l'État"
        raison = collectivites_possibles(total_etat, self.n_dom, len(self.coll) - self.n_dom, self.dominance,
                                         self.an.part_dominante)
        if raison:
            return raison
        if unite - len(self.regionales) * self.an.voix_regionale < (1 if self.syndicats else 0):
            return f"{unite} voix pour les syndicats, dont une par organisation régionale"
        for groupe, rep in self.repartitions(unite).items():
            presentes = self.syndicats if groupe == "syndicats" else self.employeurs
            if attribution(rep, presentes) is None:
                return _raison_attribution(rep, presentes)
        return None

    def verifier_composition(self) -> None:
        manquants = []
        if not self.etat:
            manquants.append("aucun représentant de l'État (collège etat)")
        if not self.coll:
            manquants.append("aucun représentant des collectivités")
        elif self.dominance and not self.n_dom:
            manquants.append(f"aucun représentant pour {self.an.libelle_dominants}, qui doit détenir au moins "
                             f"la moitié des voix des collectivités ({self.reg.article_dominants})")
        if not self.reg.local:
            if not self.syndicats and not self.regionales:
                manquants.append("aucune organisation syndicale de salariés")
            if not self.employeurs:
                manquants.append("aucune organisation d'employeurs interprofessionnelle")
        if manquants:
            raise CteErreur(f"répartition impossible ({self.reg.article}) : " + " ; ".join(manquants))

    def plus_petite_unite(self) -> int:
        raison: str | None = ""
        for unite in range(1, TOTAL_MAX + 1):
            raison = self.impossible(unite)
            if raison is None:
                return unite
        raise CteErreur(f"aucune répartition conforme jusqu'à {TOTAL_MAX} voix : {raison}")


def proposer(
    comite: Any, parametres: JeuParametres, total_etat: int | None = None, minimum: bool = False,
    droit: Droit | None = None, jour: Any = None,
) -> Proposition:
    """Une répartition conforme à R. 5311-38 (ou R. 5311-39) des voix du comité.

    Le total de l'État est, dans l'ordre : `total_etat` s'il est donné ; sinon celui du fichier
    s'il permet une répartition conforme (sauf `minimum`) ; sinon le plus petit qui donne au
    moins une voix à chaque membre votant et à chaque organisation. Les répartitions libres
    (entre représentants de l'État, entre collectivités, entre représentants d'une même
    organisation) déjà conformes dans le fichier sont conservées. `droit` : le droit au jour de
    la composition (comme `cte validate`) ; `jour` : le jour où l'on regarde qui siège.
    """
    analyse = analyser(comite, parametres, droit, jour)
    if analyse is None:
        raise CteErreur(
            f"le comité « {comite.id} » est un CREFOP renommé comité régional pour l'emploi : sa "
            "composition et son fonctionnement relèvent de R. 6123-3-16 à R. 6123-3-20 (R. 5311-15), "
            "sans répartition de voix selon R. 5311-38"
        )
    _refuser_inconnues(analyse)
    calcul = _Calcul(analyse)
    calcul.verifier_composition()
    unite, notes = _choisir_unite(calcul, total_etat, minimum)
    return _construire(calcul, unite, notes)


def _refuser_inconnues(analyse: Analyse) -> None:
    inconnues = analyse.inconnues()
    if not inconnues:
        return
    p = analyse.parametres
    lignes = []
    for s in inconnues:
        connues = p.syndicats_salaries if s.groupe == "syndicats" else p.organisations_employeurs
        quoi = f"organisation « {s.organisation} »" if s.organisation else "pas d'`organisation`"
        lignes.append(f"{s.designation()} : {quoi} ; organisations des paramètres : {', '.join(connues)}")
    raise CteErreur(
        f"voix impossibles à calculer, organisations non reconnues dans les paramètres {p.libelle()} :\n  "
        + "\n  ".join(lignes)
    )


def _choisir_unite(calcul: _Calcul, total_etat: int | None, minimum: bool) -> tuple[int, list[str]]:
    notes: list[str] = []
    reg = calcul.reg
    if total_etat is not None:
        unite = calcul.unite_pour_etat(total_etat)
        if unite is None:
            raise CteErreur(
                f"total de l'État {total_etat} impair : l'État a autant de voix que les syndicats et les "
                "employeurs réunis, qui ont chacun le même total (R. 5311-38 1° et 2°) ; il est donc pair"
            )
        raison = calcul.impossible(unite)
        if raison:
            plus_petit = calcul.etat_pour(calcul.plus_petite_unite())
            raise CteErreur(f"total de l'État {total_etat} impossible : {raison} ; plus petit total "
                            f"conforme : {plus_petit}")
        notes.append(f"total de l'État imposé : {total_etat} voix")
        return unite, notes
    actuel = [s.voix for s in calcul.etat]
    if not minimum and actuel and all(v is not None and v > 0 for v in actuel):
        total = sum(v or 0 for v in actuel)
        unite = calcul.unite_pour_etat(total)
        if unite is not None and calcul.impossible(unite) is None:
            notes.append(f"total de l'État repris du fichier : {total} voix ({reg.article} 1°)")
            return unite, notes
        notes.append(f"le total actuel de l'État ({total} voix) ne permet pas de répartition conforme : "
                     "plus petit total conforme retenu")
    unite = calcul.plus_petite_unite()
    notes.append(f"plus petit total conforme : {calcul.etat_pour(unite)} voix pour l'État")
    return unite, notes


def _garder(sieges: list[Siege], total: int) -> bool:
    """Les voix actuelles de ces sièges sont-elles une répartition libre acceptable ?"""
    voix = [s.voix for s in sieges]
    return all(v is not None and v >= 1 for v in voix) and sum(voix) == total  # type: ignore[arg-type]


def _construire(calcul: _Calcul, unite: int, notes: list[str]) -> Proposition:
    an, reg = calcul.an, calcul.reg
    total_etat = calcul.etat_pour(unite)
    proposees: dict[int, tuple[int | None, str]] = {}

    regle_etat = f"{reg.alinea('1°')} : total de l'État"
    voix_etat = [s.voix for s in calcul.etat] if _garder(calcul.etat, total_etat) else repartir(total_etat, len(calcul.etat))
    for s, v in zip(calcul.etat, voix_etat, strict=True):
        proposees[s.indice] = (v, f"{regle_etat} ({total_etat} voix)")

    _collectivites(calcul, total_etat, proposees)
    repartitions = calcul.repartitions(unite)
    for groupe, rep in repartitions.items():
        alinea = reg.alinea("3°" if groupe == "syndicats" else "4°")
        presentes = calcul.syndicats if groupe == "syndicats" else calcul.employeurs
        choix = attribution(rep, presentes, _totaux_actuels(presentes)) or dict(rep.attribution)
        if rep.egalite:
            egales = ", ".join(o for o in rep.poids if rep.egalites.get(o))
            notes.append(f"{LIBELLES_GROUPES[groupe]} : égalité de moyennes pour la dernière voix entre "
                         f"{egales} ; toute attribution à la plus forte moyenne est conforme ({alinea} ne "
                         "départage pas) : " + ", ".join(f"{o} {choix[o]}" for o in presentes) + " retenu")
        for org, representants in presentes.items():
            part = choix[org]
            voix = [s.voix for s in representants] if _garder(representants, part) else repartir(part, len(representants))
            for s, v in zip(representants, voix, strict=True):
                proposees[s.indice] = (v, f"{alinea} : plus forte moyenne, {org} {part} sur {rep.total}")
    for nom, representants in calcul.regionales.items():
        n = an.voix_regionale
        voix = [s.voix for s in representants] if _garder(representants, n) else repartir(n, len(representants))
        for s, v in zip(representants, voix, strict=True):
            proposees[s.indice] = (v, f"{reg.article_regional} : {n} voix par organisation régionale")
        if len(representants) > 1:
            notes.append(f"l'organisation régionale {nom} a {len(representants)} représentants pour une voix")

    lignes = []
    for s in an.sieges:
        if s.indice in proposees:
            v, regle_ = proposees[s.indice]
        else:
            v, regle_ = None, _sans_voix(s, reg)
        lignes.append(Ligne(s, v, regle_))
    totaux = {"etat": total_etat, "collectivites": total_etat}
    if not reg.local:
        totaux |= {"syndicats": unite, "employeurs": unite}
    return Proposition(an, totaux, lignes, repartitions, notes)


def _totaux_actuels(presentes: Mapping[str, list[Siege]]) -> dict[str, int] | None:
    """Les voix du fichier par organisation, si toutes sont fixées."""
    if any(s.voix is None for reps in presentes.values() for s in reps):
        return None
    return {org: sum(s.voix or 0 for s in reps) for org, reps in presentes.items()}


def _collectivites(calcul: _Calcul, total: int, proposees: dict[int, tuple[int | None, str]]) -> None:
    reg, coll = calcul.reg, calcul.coll
    dominance = calcul.dominance
    garder = _garder(coll, total) and (
        not dominance or sum(s.voix or 0 for s in coll if s.dominant) >= calcul.an.minimum_dominant(total)
    )
    voix = [s.voix for s in coll] if garder else repartir_collectivites(total, coll, dominance,
                                                                        calcul.an.part_dominante)
    part = sum(v or 0 for s, v in zip(coll, voix, strict=True) if s.dominant)
    for s, v in zip(coll, voix, strict=True):
        if dominance and s.dominant:
            texte = f"{reg.article_dominants} : {calcul.an.libelle_dominants} {part} sur {total} (moitié au moins)"
        else:
            texte = f"{reg.alinea('1°')} : collectivités ({total} voix)"
        proposees[s.indice] = (v, texte)


def _sans_voix(s: Siege, reg: Regime) -> str:
    if s.employeur_regional:
        return f"organisation d'employeurs régionale, sans voix délibérative ({reg.article_regional})"
    return f"sans voix délibérative ({reg.article_votants})"


__all__ = [
    "Analyse",
    "Ligne",
    "Proposition",
    "Regime",
    "Repartition",
    "Siege",
    "analyser",
    "plus_forte_moyenne",
    "proposer",
    "regime",
    "repartir",
]
