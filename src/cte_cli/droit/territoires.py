"""Territoires que le droit distingue : outre-mer (L. 5523-7 à -9), collectivités qui exercent
les compétences départementales, départements d'une région selon la lecture retenue.

Les codes des collectivités à compétences départementales sont ceux du code officiel
géographique de l'INSEE (« collectivités territoriales ayant les compétences départementales »,
CTCD) : 20R Collectivité de Corse, 6AE Collectivité européenne d'Alsace, 69D Département du
Rhône (hors Métropole), 69M Métropole de Lyon, 75C Ville de Paris. Un membre du comité régional
peut les porter dans `departement:` ; la rotation du CREFOP aussi.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cte_cli.referentiel.geographie import Geographie
    from cte_cli.referentiel.parametres_legaux import Droit

#: Guadeloupe, La Réunion (L. 5523-7 ; R. 5523-15-1 à -18)
REGIONS_L5523_7 = ("01", "04")
#: Martinique, Guyane, Mayotte (L. 5523-8 ; R. 5523-15-19 à -31)
REGIONS_L5523_8 = ("02", "03", "06")
#: Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin (L. 5523-9 ; R. 5523-15-32 à -42)
COLLECTIVITES_L5523_9 = ("975", "977", "978")
OUTRE_MER = frozenset((*REGIONS_L5523_7, *REGIONS_L5523_8, *COLLECTIVITES_L5523_9))

#: SIREN de la Métropole de Lyon (collectivité à statut particulier, article L3611-1 du code général des collectivités territoriales)
METROPOLE_DE_LYON = "200046977"


def outre_mer(comite: Any) -> bool:
    """Comité d'une collectivité de l'article 73 de la Constitution, de Saint-Barthélemy, de
    Saint-Martin ou de Saint-Pierre-et-Miquelon."""
    return comite.region in OUTRE_MER or comite.niveau in ("territorial", "territorial_unique")


def parametre_vigueur(comite: Any) -> str:
    """Le paramètre d'entrée en vigueur des textes pour ce comité (décret n° 2024-560, art. 6)."""
    return "vigueur.outre_mer" if outre_mer(comite) else "vigueur.metropole"


def en_vigueur(comite: Any, droit: Droit) -> bool:
    """Les articles des comités s'appliquent-ils à ce comité le jour de `droit` ?"""
    return droit.en_vigueur(parametre_vigueur(comite))


# --- départements d'une région ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unite:
    """Une unité qui a ses représentants « des départements » au comité régional ou au CREFOP."""

    code: str
    nom: str
    #: départements INSEE qu'elle couvre
    departements: tuple[str, ...]
    #: Métropole de Lyon : seulement ses communes ; Rhône : sans elles ; "" : tout le département
    partie: str = ""


#: collectivités à compétences départementales qui ne sont pas un département INSEE seul
COLLECTIVITES_DEPARTEMENTALES = {
    "6AE": Unite("6AE", "Collectivité européenne d'Alsace", ("67", "68")),
    "69D": Unite("69D", "Rhône, hors Métropole de Lyon", ("69",), "hors_metropole"),
    "69M": Unite("69M", "Métropole de Lyon", ("69",), "metropole"),
    "75C": Unite("75C", "Ville de Paris", ("75",)),
    "20R": Unite("20R", "Collectivité de Corse", ("2A", "2B")),
}
#: lectures « collectivites » : département INSEE -> unité (None : pas de représentant au titre des
#: départements ; la Collectivité de Corse, qui est aussi la région, siège au 2°)
_PAR_COLLECTIVITE: dict[str, str | None] = {"67": "6AE", "68": "6AE", "69": "69D", "2A": None, "2B": None}
#: codes de collectivité -> unité, selon la lecture
_COLLECTIVITE_EN_UNITE = {
    "collectivites": {"6AE": "6AE", "69D": "69D", "69M": None, "75C": "75", "20R": None},
    "collectivites_et_metropole": {"6AE": "6AE", "69D": "69D", "69M": "69M", "75C": "75", "20R": None},
}


def unites_departementales(region: str, lecture: str, geo: Geographie) -> tuple[Unite, ...]:
    """Les départements de la région au sens de la lecture retenue
    (`interpretation.departements_region`) : « circonscriptions » (départements INSEE),
    « collectivites » (Alsace une fois, Rhône sans la Métropole de Lyon, Corse aucune) ou
    « collectivites_et_metropole » (la Métropole de Lyon en plus)."""
    r = geo.regions.get(region)
    if r is None:
        return ()
    if lecture == "circonscriptions":
        return tuple(Unite(c, geo.departements[c].nom, (c,)) for c in r.departements)
    unites: dict[str, Unite] = {}
    for code in r.departements:
        if code not in _PAR_COLLECTIVITE:
            unites[code] = Unite(code, geo.departements[code].nom, (code,))
            continue
        cle = _PAR_COLLECTIVITE[code]
        if cle is not None:
            unites.setdefault(cle, COLLECTIVITES_DEPARTEMENTALES[cle])
        if code == "69" and lecture == "collectivites_et_metropole":
            unites.setdefault("69M", COLLECTIVITES_DEPARTEMENTALES["69M"])
    return tuple(unites.values())


def unites_du_code(code: str, lecture: str) -> tuple[str, ...]:
    """Les unités que représente un membre dont `departement:` vaut `code`, selon la lecture
    (vide : le code ne désigne pas un département au sens de cette lecture)."""
    if lecture == "circonscriptions":
        collectivite = COLLECTIVITES_DEPARTEMENTALES.get(code)
        return collectivite.departements if collectivite else (code,)
    table = _COLLECTIVITE_EN_UNITE.get(lecture, _COLLECTIVITE_EN_UNITE["collectivites"])
    cle = table[code] if code in table else _PAR_COLLECTIVITE.get(code, code)
    return (cle,) if cle else ()


def code_connu(code: str, geo: Geographie) -> bool:
    """Un code de département INSEE, ou d'une collectivité à compétences départementales."""
    return code in geo.departements or code in COLLECTIVITES_DEPARTEMENTALES


def region_du_code(code: str, geo: Geographie) -> str | None:
    collectivite = COLLECTIVITES_DEPARTEMENTALES.get(code)
    if collectivite is not None:
        code = collectivite.departements[0]
    departement = geo.departements.get(code)
    return departement.region if departement else None


def population_unite(unite: Unite, geo: Geographie) -> int:
    """Population municipale d'une unité (le Rhône sans la Métropole de Lyon, et inversement)."""
    total = 0
    metropole = None
    if unite.partie:
        metropole = set(geo.epci[METROPOLE_DE_LYON].communes) if METROPOLE_DE_LYON in geo.epci else set()
    for departement in unite.departements:
        for commune, population in geo.populations_du_departement(departement).items():
            if metropole is not None and (commune in metropole) != (unite.partie == "metropole"):
                continue
            total += population or 0
    return total


#: régions où la lecture des « départements de la région » change quelque chose : Grand Est
#: (Collectivité européenne d'Alsace), Auvergne-Rhône-Alpes (Métropole de Lyon), Corse
REGIONS_A_COLLECTIVITE = ("44", "84", "94")


def lecture_departements(droit: Droit, region: str | None = None) -> str:
    """La lecture retenue de « départements de la région » (`interpretation.departements_region`) ;
    mentionnée dans les constats seulement là où elle change quelque chose."""
    return droit("interpretation.departements_region", trace=region is None or region in REGIONS_A_COLLECTIVITE) \
        or "collectivites"
