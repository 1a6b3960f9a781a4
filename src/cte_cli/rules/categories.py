"""Catégories de membres, coprésidence et plafonds de sièges par niveau de comité.

Tables de droit, citées article par article ; les règles de composition, de voix et les
documents s'en servent. Les collèges sont ceux du format (FORMAT §1, tableau des collèges).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Guadeloupe, La Réunion (L. 5523-7 ; R. 5523-15-1 à -18)
REGIONS_L5523_7 = ("01", "04")
#: Martinique, Guyane, Mayotte (L. 5523-8 ; R. 5523-15-19 à -31)
REGIONS_L5523_8 = ("02", "03", "06")
#: Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin (L. 5523-9 ; R. 5523-15-32 à -42)
COLLECTIVITES_L5523_9 = ("975", "977", "978")

LIBELLES = {
    "etat": "État",
    "region": "région",
    "departement": "département",
    "communes": "communes et groupements",
    "epci": "EPCI à fiscalité propre",
    "syndicat_salaries": "organisations syndicales de salariés",
    "organisation_employeurs": "organisations d'employeurs interprofessionnelles",
    "organisation_employeurs_multipro": "organisations d'employeurs multiprofessionnelles",
    "france_travail": "France Travail",
    "mission_locale": "missions locales",
    "cap_emploi": "Cap emploi",
}

PARTENAIRES_SOCIAUX = ("syndicat_salaries", "organisation_employeurs", "organisation_employeurs_multipro")
COLLECTIVITES = ("region", "departement", "communes", "epci")

_VOTANTS_CDE = ("etat", "region", "departement", "communes", "syndicat_salaries", "organisation_employeurs")
#: Collèges dont les membres ont voix délibérative, outre les présidents : R. 5311-37 (CRE 1° à
#: 4° de R. 5311-17, CDE 1° à 5° de R. 5311-23, CLE 1° à 5° de R. 5311-32) ; outre-mer
#: R. 5523-15-4, -12, -25, -37 (les employeurs multiprofessionnels, France Travail, missions
#: locales et Cap emploi ne votent jamais).
VOTANTS: dict[str, tuple[str, ...]] = {
    "regional": ("etat", "region", "departement", "syndicat_salaries", "organisation_employeurs"),
    "departemental": _VOTANTS_CDE,
    "local": ("etat", "region", "departement", "epci", "communes"),
    "territorial": _VOTANTS_CDE,
    "territorial_unique": _VOTANTS_CDE,
}


def colleges_votants(comite) -> tuple[str, ...]:
    """Les collèges ayant voix délibérative dans ce comité (R. 5311-37)."""
    return VOTANTS[comite.niveau]


@dataclass(frozen=True, slots=True)
class Composition:
    """Les catégories d'un niveau : collège -> rang (« 1° ») et l'article qui les énumère."""

    article: str
    categories: dict[str, str]


COMPOSITIONS: dict[str, Composition] = {
    "regional": Composition("R. 5311-17", {
        "etat": "1°", "region": "2°", "departement": "3°", "syndicat_salaries": "4°",
        "organisation_employeurs": "4°", "organisation_employeurs_multipro": "5°",
        "france_travail": "6°", "mission_locale": "7°", "cap_emploi": "8°",
    }),
    "departemental": Composition("R. 5311-23", {
        "etat": "1°", "region": "2°", "departement": "3°", "communes": "4°",
        "syndicat_salaries": "5°", "organisation_employeurs": "5°",
        "organisation_employeurs_multipro": "6°", "france_travail": "7°", "mission_locale": "8°",
        "cap_emploi": "9°",
    }),
    "local": Composition("R. 5311-32", {
        "etat": "1°", "region": "2°", "departement": "3°", "epci": "4°", "communes": "5°",
        "france_travail": "6°", "mission_locale": "7°", "cap_emploi": "8°",
    }),
    # Guadeloupe et La Réunion, comité territorial au sein du CREFOP (R. 5523-15-10)
    "territorial_L5523_7": Composition("R. 5523-15-10", {
        "etat": "1°", "region": "2°", "departement": "3°", "communes": "4°",
        "syndicat_salaries": "5° et 7°", "organisation_employeurs": "6° et 9°",
        "organisation_employeurs_multipro": "8°", "france_travail": "10°", "mission_locale": "11°",
        "cap_emploi": "12°",
    }),
    # Guyane, Martinique, Mayotte (R. 5523-15-23) : la collectivité unique est au 2°
    "territorial_L5523_8": Composition("R. 5523-15-23", {
        "etat": "1°", "region": "2°", "departement": "2°", "communes": "3°",
        "syndicat_salaries": "4° et 6°", "organisation_employeurs": "5° et 8°",
        "organisation_employeurs_multipro": "7°", "france_travail": "9°", "mission_locale": "10°",
        "cap_emploi": "11°",
    }),
    # Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon (R. 5523-15-35)
    "territorial_unique": Composition("R. 5523-15-35", {
        "etat": "1°", "region": "2°", "departement": "2°", "communes": "3°",
        "syndicat_salaries": "4° et 6°", "organisation_employeurs": "5° et 8°",
        "organisation_employeurs_multipro": "7°", "france_travail": "9°", "mission_locale": "10°",
        "cap_emploi": "11°",
    }),
}


def cle_composition(comite) -> str:
    """La table de composition qui s'applique à ce comité."""
    if comite.niveau == "territorial":
        return "territorial_L5523_8" if comite.region in REGIONS_L5523_8 else "territorial_L5523_7"
    return comite.niveau


#: collèges qui n'existent que dans certains territoires : table -> collège -> régions ou
#: collectivités où il existe. R. 5523-15-23 11° : Cap emploi en Guyane et en Martinique, pas à
#: Mayotte ; R. 5523-15-35 : 3° communes à Saint-Pierre-et-Miquelon, 10° mission locale à
#: Saint-Martin, 11° Cap emploi à Saint-Barthélemy et Saint-Martin.
COLLEGES_LOCALISES: dict[str, dict[str, tuple[str, ...]]] = {
    "territorial_L5523_8": {"cap_emploi": ("02", "03")},
    "territorial_unique": {"communes": ("975",), "mission_locale": ("978",), "cap_emploi": ("977", "978")},
}


def composition(comite) -> Composition:
    """Les catégories du comité, sans celles que son territoire n'a pas (COLLEGES_LOCALISES)."""
    cle = cle_composition(comite)
    compo = COMPOSITIONS[cle]
    absents = {c for c, lieux in COLLEGES_LOCALISES.get(cle, {}).items() if comite.region not in lieux}
    if not absents:
        return compo
    return Composition(compo.article, {c: r for c, r in compo.categories.items() if c not in absents})


@dataclass(frozen=True, slots=True)
class Plafond:
    """Nombre maximal de membres pour certaines catégories, et l'article qui le fixe."""

    limite: int
    colleges: tuple[str, ...]
    article: str
    categories: str


def plafond(comite, nombre_departements_region: int) -> Plafond:
    """Le plafond de sièges applicable au comité (R. 5311-18, -24, -29, -33, -35 ; outre-mer)."""
    ps = PARTENAIRES_SOCIAUX
    if comite.niveau == "regional":
        if comite.region in REGIONS_L5523_7:
            return Plafond(33, ("etat", "region", "departement", *ps), "R. 5523-15-3", "1° à 5°")
        limite = 36 if nombre_departements_region > 6 else 29
        return Plafond(limite, ("etat", "region", "departement", *ps), "R. 5311-18", "1° à 5°")
    if comite.niveau == "departemental":
        colleges = ("etat", "region", "departement", "communes", *ps)
        if comite.region in REGIONS_L5523_7:
            return Plafond(31, colleges, "R. 5523-15-3", "1° à 6°")
        if len(comite.departements or ()) > 1:
            return Plafond(40, colleges, "R. 5311-29", "1° à 6°")
        return Plafond(27, colleges, "R. 5311-24", "1° à 6°")
    if comite.niveau == "local":
        colleges = ("etat", "region", "departement", "communes")
        if len(comite.departements or ()) > 1:
            return Plafond(16, colleges, "R. 5311-35", "1° à 3° et 5°")
        return Plafond(8, colleges, "R. 5311-33", "1° à 3° et 5°")
    if comite.niveau == "territorial":
        colleges = ("etat", "region", "departement", "communes", *ps)
        if comite.region in REGIONS_L5523_8:
            return Plafond(31, colleges, "R. 5523-15-24", "1° à 8°")
        return Plafond(47, colleges, "R. 5523-15-11", "1° à 9°")
    # territorial_unique
    return Plafond(33, ("etat", "region", "departement", "communes", *ps), "R. 5523-15-36", "1° à 8°")


@dataclass(frozen=True, slots=True)
class Copresidence:
    """Qui copréside : collèges exigés et collèges admis en plus, avec l'article."""

    exiges: tuple[str, ...]
    au_moins_un_de: tuple[str, ...]
    article: str
    libelle: str


def copresidence(comite) -> Copresidence:
    """R. 5311-16 (CRE), R. 5311-22 (CDE), R. 5311-31 (CLE), R. 5523-15-9, -22, -34 (outre-mer)."""
    if comite.niveau == "regional":
        return Copresidence(("etat", "region"), (), "R. 5311-16",
                            "le préfet de région et le président du conseil régional")
    if comite.niveau == "departemental":
        return Copresidence(("etat", "departement"), (), "R. 5311-22",
                            "le préfet de département et le président du conseil départemental "
                            "(ou de la collectivité de R. 5311-28)")
    if comite.niveau == "local":
        return Copresidence(("etat",), COLLECTIVITES, "R. 5311-31",
                            "le préfet de département et un ou plusieurs représentants de "
                            "collectivités ou de groupements")
    if comite.niveau == "territorial" and comite.region in REGIONS_L5523_7:
        return Copresidence(("etat", "region", "departement"), (), "R. 5523-15-9",
                            "le préfet de région, le président du conseil régional et le "
                            "président du conseil départemental")
    article = "R. 5523-15-22" if comite.niveau == "territorial" else "R. 5523-15-34"
    return Copresidence(("etat",), ("region", "departement"), article,
                        "le préfet et le président de la collectivité")
