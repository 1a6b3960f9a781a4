"""Territoire d'un comité et couverture d'un département par ses comités locaux.

API du référentiel géographique (COG 2026) vue depuis les comités :

- :func:`territoire_comite` : les communes, les groupements (EPCI à fiscalité propre, Métropole
  de Lyon, EPT), la population municipale d'un comité, quel que soit son niveau ;
- :func:`couverture_departement` / :func:`couvertures` : pour un département, quels EPCI et
  quelles communes hors EPCI sont couverts par un comité local, lesquels ne le sont pas, et
  lesquels sont dans deux comités locaux du département (R. 5311-30, R. 5311-32 4°) ;
- :func:`departements_de` : les départements que concerne un comité.

Fonctions pures, sans impression ni pydantic : elles prennent des objets qui ont les attributs
du modèle `Comite` (`id`, `niveau`, `region`, `departements`, `collectivite`, `ressort`) et un
:class:`~cte_cli.referentiel.geographie.Geographie`. Les communes du référentiel sont lues à la
première demande (fichier des communes, ≈ 35 000 lignes).

Conventions :

- un EPCI qui s'étend sur plusieurs départements compte **en entier** dans le territoire du
  comité local qui le cite (il y a un représentant, R. 5311-32 4°) et il est couvert, pour
  chacun de ses départements, dès qu'un comité local, de l'un quelconque d'entre eux, le cite ;
- la Métropole de Lyon (SIREN 200046977) est traitée comme un groupement du Rhône (69) ; le
  comité départemental du Rhône couvre le 69 **hors** Métropole, celui de la Métropole ses
  58 communes (R. 5311-28) ;
- Paris (75) n'a pas de groupement au sens du 4° de R. 5311-32 (voir
  :meth:`Geographie.epci_du_departement`) : la commune de Paris y est une « commune hors EPCI »,
  à citer dans `ressort.communes` d'un comité local.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cte_cli.referentiel.geographie import Commune, Epci, Geographie

__all__ = [
    "COLLECTIVITES_R5311_28",
    "METROPOLE_DE_LYON",
    "Couverture",
    "Couvertures",
    "Territoire",
    "UniteNonCouverte",
    "couverture_departement",
    "couvertures",
    "couvertures_departements",
    "departements_de",
    "par_population",
    "population_departement",
    "territoire_comite",
]

#: SIREN de la Métropole de Lyon (collectivité à statut particulier, article L3611-1 du code général des collectivités territoriales)
METROPOLE_DE_LYON = "200046977"

#: collectivités exerçant les compétences d'un département (R. 5311-28) -> départements
COLLECTIVITES_R5311_28: dict[str, tuple[str, ...]] = {
    "metropole-de-lyon": ("69",),
    "ville-de-paris": ("75",),
    "alsace": ("67", "68"),
    "corse": ("2A", "2B"),
}


@dataclass(frozen=True, slots=True)
class Territoire:
    """Le territoire d'un comité : communes (codes INSEE), groupements, population municipale."""

    communes: frozenset[str]
    epci: tuple[str, ...]
    """SIREN des groupements du 4° de R. 5311-32 qui ont au moins une commune du territoire
    (pour un comité local : ceux de `ressort.epci`, plus ceux des communes citées)."""
    population: int
    departements: tuple[str, ...]
    """Départements (ou collectivités 975, 977, 978) où se trouve au moins une commune."""
    hors_departements: int = 0
    """Communes situées hors des départements déclarés par le comité (EPCI débordant)."""

    @property
    def nombre_communes(self) -> int:
        return len(self.communes)


def departements_de(comite: Any, geo: Geographie) -> tuple[str, ...]:
    """Les départements qu'un comité concerne : `departements`, sinon ceux de la collectivité
    (R. 5311-28), sinon ceux de la région ; la collectivité elle-même pour L. 5523-9."""
    if comite.departements:
        return tuple(comite.departements)
    if comite.collectivite in COLLECTIVITES_R5311_28:
        return COLLECTIVITES_R5311_28[comite.collectivite]
    if comite.region in geo.collectivites_outre_mer:
        return (comite.region,)
    region = geo.regions.get(comite.region)
    return region.departements if region else ()


def population_departement(code: str, geo: Geographie) -> int:
    """Population municipale du département (ou de la collectivité 975, 977, 978)."""
    return sum(p or 0 for p in _populations(geo, code).values())


def par_population(codes: Iterable[str], geo: Geographie) -> list[str]:
    """Les départements du plus peuplé au moins peuplé (à égalité, par code)."""
    return sorted(codes, key=lambda c: (-population_departement(c, geo), c))


def territoire_comite(comite: Any, geo: Geographie) -> Territoire:
    """Le territoire d'un comité de n'importe quel niveau.

    Local : communes des EPCI de `ressort.epci` (en entier) et communes de `ressort.communes` ;
    départemental : communes du ou des départements, la Métropole de Lyon et le Rhône étant
    séparés (R. 5311-28) ; régional et territorial : communes de la région ; territorial
    unique : communes de la collectivité (L. 5523-9). Codes inconnus ignorés (d'autres règles
    les signalent).
    """
    if comite.niveau == "local":
        codes = _communes_ressort(comite.ressort, geo)
    else:
        codes = set()
        for code in departements_de(comite, geo):
            codes.update(c.code for c in _communes_departement(geo, code))
        if comite.niveau == "departemental" and "69" in departements_de(comite, geo):
            metropole = set(_communes_epci(geo, METROPOLE_DE_LYON))
            codes = codes & metropole if comite.collectivite == "metropole-de-lyon" else codes - metropole
    return _territoire(codes, geo, set(departements_de(comite, geo)))


def _communes_ressort(ressort: Any, geo: Geographie) -> set[str]:
    codes: set[str] = set()
    if ressort is None:
        return codes
    for siren in ressort.epci:
        codes.update(_communes_epci(geo, siren))
    codes.update(c for c in ressort.communes if geo.commune(c) is not None)
    return codes


def _communes_epci(geo: Geographie, siren: str) -> tuple[str, ...]:
    epci = geo.epci.get(siren)
    return epci.communes if epci else ()


def _communes_departement(geo: Geographie, code: str) -> tuple[Commune, ...]:
    if code in geo.collectivites_outre_mer:
        return tuple(c for c in map(geo.commune, geo.collectivites_outre_mer[code].communes) if c)
    return geo.communes_du_departement(code)


def _territoire(codes: Iterable[str], geo: Geographie, declares: set[str]) -> Territoire:
    communes = [c for c in map(geo.commune, codes) if c is not None]
    groupements = sorted({g for c in communes for g in _groupements(c, geo) if g})
    departements = sorted({c.departement for c in communes})
    return Territoire(
        communes=frozenset(c.code for c in communes),
        epci=tuple(groupements),
        population=sum(c.population or 0 for c in communes),
        departements=tuple(departements),
        hors_departements=sum(1 for c in communes if declares and c.departement not in declares),
    )


def _groupements(commune: Commune, geo: Geographie) -> tuple[str | None, ...]:
    """Le groupement du 4° de R. 5311-32 d'une commune : l'EPT au Grand Paris, sinon l'EPCI."""
    if commune.ept:
        return (commune.ept,)
    if commune.epci == geo.metropole_du_grand_paris:
        return ()
    return (commune.epci,)


# --- couverture d'un département par ses comités locaux --------------------------------------


@dataclass(frozen=True, slots=True)
class UniteNonCouverte:
    """Un EPCI (ou une commune hors EPCI) du département qu'aucun comité local ne couvre."""

    code: str
    """SIREN de l'EPCI, ou code INSEE de la commune hors EPCI."""
    nom: str
    est_commune: bool
    communes: int
    """Communes de l'unité dans le département."""
    communes_couvertes: int
    """Dont couvertes par un comité local (par `ressort.communes`) : couverture partielle."""
    population: int
    """Population municipale non couverte de l'unité dans le département."""


@dataclass(frozen=True, slots=True)
class Couverture:
    """Couverture d'un département par les comités locaux (R. 5311-30 ; instruction
    DGEFP/DAT/2024/92 : les comités locaux couvrent le département)."""

    departement: str
    comites: tuple[str, ...]
    """Identifiants des comités locaux du département (dont interdépartementaux)."""
    epci: int
    """EPCI à fiscalité propre (ou EPT) qui ont au moins une commune dans le département."""
    communes_hors_epci: int
    """Communes du département qui ne sont dans aucun de ces EPCI (îles, Paris)."""
    non_couvertes: tuple[UniteNonCouverte, ...]
    communes: int
    communes_couvertes: int
    population: int
    population_couverte: int
    doublons: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    """(SIREN ou code commune, identifiants des comités du département qui le citent tous)."""

    @property
    def unites(self) -> int:
        """EPCI plus communes hors EPCI : les territoires à répartir entre comités locaux."""
        return self.epci + self.communes_hors_epci

    @property
    def epci_non_couverts(self) -> int:
        return sum(1 for u in self.non_couvertes if not u.est_commune)

    @property
    def taux_population(self) -> float:
        """Part de la population municipale couverte, de 0 à 1."""
        return self.population_couverte / self.population if self.population else 1.0

    @property
    def complete(self) -> bool:
        return not self.non_couvertes


def couverture_departement(
    departement: str, comites_locaux: Sequence[Any], geo: Geographie
) -> Couverture:
    """Couverture du département par les comités locaux donnés (tous ceux du dépôt : un EPCI
    à cheval sur deux départements est couvert par un comité de l'un ou de l'autre)."""
    return couvertures_departements([departement], comites_locaux, geo)[departement]


class Couvertures:
    """Couvertures des départements par un même ensemble de comités locaux (voir
    :func:`couverture_departement`), calculées à la demande et gardées : le ressort de chaque
    comité local n'est calculé qu'une fois pour tous les départements. Une validation en garde
    une, partagée par les règles de couverture et le rapport texte (docs/performance.md)."""

    def __init__(self, comites_locaux: Sequence[Any], geo: Geographie):
        self.comites_locaux = list(comites_locaux)
        self._geo = geo
        self._ressorts = [(c, _communes_ressort(c.ressort, geo)) for c in self.comites_locaux]
        self._couvertes = frozenset().union(*(codes for _c, codes in self._ressorts))
        self._calculees: dict[str, Couverture] = {}

    def __getitem__(self, departement: str) -> Couverture:
        if departement not in self._calculees:
            self._calculees[departement] = _couverture(departement, self._ressorts, self._couvertes, self._geo)
        return self._calculees[departement]

    def pour(self, comites_locaux: Sequence[Any]) -> bool:
        """Calculées pour exactement ces comités locaux (les mêmes objets, dans le même ordre) ?"""
        return len(comites_locaux) == len(self.comites_locaux) and all(
            a is b for a, b in zip(comites_locaux, self.comites_locaux, strict=True)
        )


def couvertures_departements(
    departements: Iterable[str], comites_locaux: Sequence[Any], geo: Geographie
) -> dict[str, Couverture]:
    """Couverture de plusieurs départements par les mêmes comités locaux."""
    calcul = Couvertures(comites_locaux, geo)
    return {d: calcul[d] for d in departements}


def couvertures(
    comites: Sequence[Any],
    geo: Geographie,
    departements: Iterable[str] | None = None,
    calcul: Couvertures | None = None,
) -> list[Couverture]:
    """Couverture de chaque département qui a son comité départemental (ou territorial) parmi
    `comites` (ou de ceux donnés), triés par code : un dépôt qui n'a que quelques comités locaux
    d'un département ne dit rien de sa couverture. Les collectivités de L. 5523-9 (sans comité
    local) sont exclues. `calcul` : couvertures déjà calculées pendant la validation, utilisées
    si elles portent sur les mêmes comités locaux."""
    locaux = [c for c in comites if c.niveau == "local"]
    if departements is None:
        departements = {
            d for c in comites if c.niveau in ("departemental", "territorial")
            for d in departements_de(c, geo)
        }
    codes = sorted(d for d in departements if d in geo.departements)
    if calcul is None or not calcul.pour(locaux):
        calcul = Couvertures(locaux, geo)
    return [calcul[d] for d in codes]


def _couverture(
    departement: str, ressorts: list[tuple[Any, set[str]]], couvertes: frozenset[str], geo: Geographie
) -> Couverture:
    """Couverture d'un département ; `ressorts` : (comité local, communes de son ressort),
    `couvertes` : leur union. Calcul sur les codes et les populations des communes."""
    du_departement = [(c, codes) for c, codes in ressorts if departement in (c.departements or ())]
    populations = _populations(geo, departement)
    non_couvertes = []
    nombres = {True: 0, False: 0}
    for code_unite, nom, membres, est_commune in _unites(departement, populations, geo):
        nombres[est_commune] += 1
        nb_couvertes = sum(1 for c in membres if c in couvertes)
        if nb_couvertes < len(membres):
            non_couvertes.append(UniteNonCouverte(
                code_unite, nom, est_commune, len(membres), nb_couvertes,
                sum(populations[c] or 0 for c in membres if c not in couvertes),
            ))
    communes_couvertes = population = population_couverte = 0
    for code, habitants in populations.items():
        population += habitants or 0
        if code in couvertes:
            communes_couvertes += 1
            population_couverte += habitants or 0
    return Couverture(
        departement=departement,
        comites=tuple(c.id for c, _codes in du_departement),
        epci=nombres[False],
        communes_hors_epci=nombres[True],
        non_couvertes=tuple(sorted(non_couvertes, key=lambda u: -u.population)),
        communes=len(populations),
        communes_couvertes=communes_couvertes,
        population=population,
        population_couverte=population_couverte,
        doublons=_doublons(departement, du_departement, populations, geo),
    )


def _populations(geo: Geographie, code: str) -> Mapping[str, int | None]:
    """{code INSEE: population municipale} des communes du département (ou de la collectivité
    d'outre-mer), triées par code, sans objets Commune pour les départements."""
    if code in geo.collectivites_outre_mer:
        return {c.code: c.population for c in _communes_departement(geo, code)}
    return geo.populations_du_departement(code)


def _unites(departement: str, communes: Mapping[str, Any], geo: Geographie):
    """(code, nom, codes des communes du département, est_commune) pour chaque EPCI du 4° de
    R. 5311-32 du département et chaque commune qui n'est dans aucun d'eux ; `communes` : les
    codes des communes du département (clés), dans l'ordre des codes."""
    epcis: tuple[Epci, ...] = geo.epci_du_departement(departement)
    dans_un_epci: set[str] = set()
    for epci in epcis:
        membres = [c for c in epci.communes if c in communes]
        dans_un_epci.update(membres)
        yield epci.siren, epci.nom, membres, False
    for code in communes:
        if code not in dans_un_epci:
            yield code, geo.nom_commune(code), [code], True


def _doublons(
    departement: str, du_departement: list[tuple[Any, set[str]]], communes: Mapping[str, Any], geo: Geographie
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """EPCI et communes du département que couvrent plusieurs comités locaux du département
    (`du_departement` : comité local et communes de son ressort).

    Un EPCI entièrement couvert deux fois est signalé par son SIREN, sinon chaque commune
    couverte deux fois par son code INSEE. Un EPCI cité par deux comités de départements
    différents (EPCI à cheval) n'est pas un doublon : chaque préfet fixe le ressort dans son
    département (R. 5311-30)."""
    ressorts = [codes for _c, codes in du_departement]
    if sum(map(len, ressorts)) == len(set().union(*ressorts)):
        return ()  # aucune commune dans deux ressorts (cas ordinaire), vu sans les parcourir une à une
    par_commune: dict[str, list[str]] = defaultdict(list)
    for comite, codes in du_departement:
        for code in codes:
            par_commune[code].append(comite.id)
    doubles = {code: tuple(ids) for code, ids in par_commune.items() if len(ids) > 1}
    if not doubles:
        return ()
    resultat: list[tuple[str, tuple[str, ...]]] = []
    for code_unite, _nom, membres, est_commune in _unites(departement, communes, geo):
        doublees = [c for c in membres if c in doubles]
        if not doublees:
            continue
        ids = {doubles[c] for c in doublees}
        if not est_commune and len(doublees) == len(membres) and len(ids) == 1:
            resultat.append((code_unite, ids.pop()))
        else:
            resultat.extend((c, doubles[c]) for c in doublees)
    return tuple(sorted(resultat))
