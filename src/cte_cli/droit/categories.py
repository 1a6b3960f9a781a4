"""Catégories de membres de chaque article de composition, coprésidence et plafonds de sièges.

Une table par article (R. 5311-17, -23, -32 ; outre-mer R. 5523-15-3, -10, -23, -35 ; CREFOP
devenu comité régional pour l'emploi, R. 6123-3-3 et -17). Chaque catégorie dit, d'après le texte :
si elle est obligatoire (« comprend »), combien de membres elle compte (« un », « six », « un de
chaque organisation », des représentants), si ses membres votent (R. 5311-37 et ses adaptations),
s'ils sont nommés pour trois ans (R. 5311-36, R. 6123-3-6) et s'ils comptent dans le plafond.
Les nombres fixés par le texte sont des paramètres datés (`nombre="parametre:…"`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cte_cli.droit.territoires import (
    COLLECTIVITES_L5523_9,
    REGIONS_L5523_7,
    REGIONS_L5523_8,
)

if TYPE_CHECKING:
    from cte_cli.referentiel.parametres_legaux import Droit

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
    "syndicat_interesse": "organisations syndicales intéressées (III de l’article R2272-9 du code du travail)",
    "reseau_consulaire": "réseaux consulaires",
    "operateur": "opérateurs de l'emploi, de la formation et de l'orientation",
    "personnalite_qualifiee": "personnalités qualifiées",
}

PARTENAIRES_SOCIAUX = ("syndicat_salaries", "organisation_employeurs", "organisation_employeurs_multipro")
COLLECTIVITES = ("region", "departement", "communes", "epci")
#: collèges qui n'existent qu'au CREFOP (R. 6123-3-3), pas dans les comités territoriaux
COLLEGES_CREFOP = ("syndicat_interesse", "reseau_consulaire", "operateur", "personnalite_qualifiee")


@dataclass(frozen=True, slots=True)
class Categorie:
    """Une catégorie d'un article de composition."""

    rang: str
    colleges: tuple[str, ...]
    libelle: str
    obligatoire: bool = True
    #: None : « des représentants » (au moins un) ; "un" ; "un_par_epci" ; "un_par_organisation" ;
    #: "un_par_departement" ; "parametre:<nom>" (nombre fixé par le texte)
    nombre: str | None = None
    votant: bool = False
    mandat: bool = False
    plafonne: bool = False
    #: régions ou collectivités où la catégorie existe (None : partout)
    lieux: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Composition:
    """Les catégories d'un article de composition. `categories` : collège -> rang (« 5° et 7° »)."""

    article: str
    table: tuple[Categorie, ...]
    categories: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rangs: dict[str, list[str]] = {}
        for c in self.table:
            for college in c.colleges:
                rangs.setdefault(college, []).append(c.rang)
        self.categories.update({college: " et ".join(r) for college, r in rangs.items()})

    def de_college(self, college: str) -> list[Categorie]:
        return [c for c in self.table if college in c.colleges]

    def colleges(self, **criteres: bool) -> frozenset[str]:
        """Collèges dont une catégorie a ces attributs (`votant=True`, `plafonne=True`…)."""
        return frozenset(
            college for c in self.table if all(getattr(c, k) == v for k, v in criteres.items())
            for college in c.colleges
        )


def _c(rang: str, colleges: str, libelle: str, **kw: Any) -> Categorie:
    return Categorie(rang, tuple(colleges.split()), libelle, **kw)


_NOMME = {"votant": True, "mandat": True, "plafonne": True}
_MULTIPRO = {"mandat": True, "plafonne": True}

COMPOSITIONS: dict[str, Composition] = {
    "regional": Composition("R. 5311-17", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2°", "region", "représentants de la région", **_NOMME),
        _c("3°", "departement", "représentants de l'ensemble des départements de la région", **_NOMME),
        _c("4°", "syndicat_salaries organisation_employeurs",
           "représentants de l'ensemble des organisations syndicales et professionnelles représentatives "
           "au niveau national et interprofessionnel", **_NOMME),
        _c("5°", "organisation_employeurs_multipro",
           "représentants des organisations d'employeurs représentatives au niveau national et multiprofessionnel",
           **_MULTIPRO),
        _c("6°", "france_travail", "le directeur régional de France Travail ou son représentant", nombre="un"),
        _c("7°", "mission_locale", "le président de l'association régionale des missions locales ou son représentant",
           nombre="un"),
        _c("8°", "cap_emploi", "le président du réseau régional des Cap emploi ou son représentant", nombre="un"),
    )),
    "departemental": Composition("R. 5311-23", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2°", "region", "représentants de la région", **_NOMME),
        _c("3°", "departement", "représentants du département", **_NOMME),
        _c("4°", "communes", "représentants des communes du département et de leurs groupements", **_NOMME),
        _c("5°", "syndicat_salaries organisation_employeurs",
           "représentants de l'ensemble des organisations syndicales et professionnelles représentatives "
           "au niveau national et interprofessionnel", **_NOMME),
        _c("6°", "organisation_employeurs_multipro",
           "représentants des organisations d'employeurs représentatives au niveau national et multiprofessionnel",
           **_MULTIPRO),
        _c("7°", "france_travail", "le directeur départemental de France Travail ou son représentant", nombre="un"),
        _c("8°", "mission_locale", "un représentant de l'une des missions locales du département", nombre="un",
           mandat=True),
        _c("9°", "cap_emploi", "un représentant de l'un des organismes Cap emploi du département", nombre="un",
           mandat=True),
    )),
    "local": Composition("R. 5311-32", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2°", "region", "représentants de la région", **_NOMME),
        _c("3°", "departement", "représentants du département", **_NOMME),
        _c("4°", "epci", "un représentant de chacun des EPCI à fiscalité propre (ou EPT) du ressort",
           nombre="un_par_epci", votant=True, mandat=True),
        # « autres que ceux mentionnés à l'alinéa précédent » : là où les EPCI du 4° représentent les
        # communes, l'arrêté peut ne pas prévoir de siège au 5° (lecture retenue, docs/regles.md) ;
        # le comité interdépartemental, lui, garantit chaque catégorie (R. 5311-35)
        _c("5°", "communes", "représentants des communes et de leurs groupements, autres que les EPCI du 4°",
           obligatoire=False, **_NOMME),
        _c("6°", "france_travail", "le directeur départemental de France Travail ou son représentant", nombre="un"),
        _c("7°", "mission_locale", "les présidents des missions locales du territoire ou leurs représentants"),
        _c("8°", "cap_emploi", "les présidents des organismes Cap emploi du territoire ou leurs représentants"),
    )),
    # Guyane, Martinique, Mayotte : la collectivité unique remplace région et département (R. 5523-15-31 2°)
    "local_L5523_8": Composition("R. 5311-32, R. 5523-15-31", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2° et 3°", "region departement", "représentants de la collectivité territoriale unique (Guyane, Martinique) ou du Département de Mayotte (R. 5523-15-31 2°)",
           **_NOMME),
        _c("4°", "epci", "un représentant de chacun des EPCI à fiscalité propre du ressort", nombre="un_par_epci",
           votant=True, mandat=True),
        _c("5°", "communes", "représentants des communes et de leurs groupements, autres que les EPCI du 4°",
           obligatoire=False, **_NOMME),
        _c("6°", "france_travail", "le directeur régional de France Travail ou son représentant (R. 5523-15-31 3°)",
           nombre="un"),
        _c("7°", "mission_locale", "les présidents des missions locales du territoire ou leurs représentants"),
        _c("8°", "cap_emploi", "les présidents des organismes Cap emploi du territoire ou leurs représentants"),
    )),
    # Guadeloupe et La Réunion, comité territorial au sein du CREFOP (R. 5523-15-10)
    "territorial_L5523_7": Composition("R. 5523-15-10", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2°", "region", "représentants de la région", **_NOMME),
        _c("3°", "departement", "représentants du département", **_NOMME),
        _c("4°", "communes", "représentants des communes du territoire et de leurs groupements", **_NOMME),
        _c("5° et 7°", "syndicat_salaries",
           "représentants des organisations syndicales de salariés représentatives au niveau national ou "
           "régional et interprofessionnel", **_NOMME),
        _c("6° et 9°", "organisation_employeurs",
           "représentants des organisations professionnelles d'employeurs représentatives au niveau national "
           "et interprofessionnel, ou sur le territoire régional (9°, sans voix)", **_NOMME),
        _c("8°", "organisation_employeurs_multipro",
           "représentants des organisations d'employeurs représentatives au niveau national et multiprofessionnel",
           **_MULTIPRO),
        _c("10°", "france_travail", "le directeur régional de France Travail ou son représentant", nombre="un"),
        _c("11°", "mission_locale", "le président de l'association régionale des missions locales ou son représentant",
           nombre="un"),
        _c("12°", "cap_emploi", "le président du réseau régional des Cap emploi ou son représentant", nombre="un"),
    )),
    # Guyane, Martinique, Mayotte (R. 5523-15-23) : la collectivité unique est au 2°
    "territorial_L5523_8": Composition("R. 5523-15-23", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2°", "region departement", "représentants du Département de Mayotte ou de la collectivité territoriale "
           "unique", **_NOMME),
        _c("3°", "communes", "représentants des communes du territoire et de leurs groupements", **_NOMME),
        _c("4° et 6°", "syndicat_salaries",
           "représentants des organisations syndicales de salariés représentatives au niveau national ou "
           "régional et interprofessionnel", **_NOMME),
        _c("5° et 8°", "organisation_employeurs",
           "représentants des organisations professionnelles d'employeurs représentatives au niveau national "
           "et interprofessionnel, ou sur le territoire régional (8°, sans voix)", **_NOMME),
        _c("7°", "organisation_employeurs_multipro",
           "représentants des organisations d'employeurs représentatives au niveau national et multiprofessionnel",
           **_MULTIPRO),
        _c("9°", "france_travail", "le directeur régional de France Travail ou son représentant", nombre="un"),
        _c("10°", "mission_locale", "le président de l'association régionale des missions locales ou son représentant",
           nombre="un"),
        _c("11°", "cap_emploi", "en Guyane et en Martinique, le président du réseau régional des Cap emploi",
           nombre="un", lieux=("02", "03")),
    )),
    # Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon (R. 5523-15-35)
    "territorial_unique": Composition("R. 5523-15-35", (
        _c("1°", "etat", "représentants de l'État", **_NOMME),
        _c("2°", "region departement", "représentants de la collectivité territoriale", **_NOMME),
        _c("3°", "communes", "à Saint-Pierre-et-Miquelon, représentants des communes", **_NOMME, lieux=("975",)),
        _c("4° et 6°", "syndicat_salaries",
           "représentants des organisations syndicales de salariés représentatives au niveau national ou "
           "régional et interprofessionnel", **_NOMME),
        _c("5° et 8°", "organisation_employeurs",
           "représentants des organisations professionnelles d'employeurs représentatives au niveau national "
           "et interprofessionnel, ou sur le territoire régional (8°, sans voix)", **_NOMME),
        _c("7°", "organisation_employeurs_multipro",
           "représentants des organisations d'employeurs représentatives au niveau national et multiprofessionnel",
           **_MULTIPRO),
        _c("9°", "france_travail", "le directeur régional de France Travail ou son représentant", nombre="un"),
        _c("10°", "mission_locale", "à Saint-Martin, le président de la mission locale", nombre="un", lieux=("978",)),
        _c("11°", "cap_emploi", "à Saint-Barthélemy et à Saint-Martin, le président de l'organisme Cap emploi",
           nombre="un", lieux=("977", "978")),
    )),
    # CREFOP devenu comité régional pour l'emploi (L. 5311-10 I 1°, R. 5311-15, R. 6123-3-3, -17)
    "crefop_renomme": Composition("R. 6123-3-3", (
        _c("1°", "region", "six représentants de la région désignés par le conseil régional",
           nombre="parametre:crefop.representants_region", votant=True, mandat=True),
        _c("2°", "etat", "six représentants de l'État (dont le recteur de région académique, le DREETS, le DRAAF)",
           nombre="parametre:crefop.representants_etat", votant=True, mandat=True),
        _c("2° bis", "departement", "un représentant de chaque département de la région (R. 6123-3-17)",
           nombre="un_par_departement", votant=True, mandat=True),
        _c("3° a", "syndicat_salaries", "un représentant de chaque organisation syndicale de salariés représentative "
           "au plan national et interprofessionnel", nombre="un_par_organisation", votant=True, mandat=True),
        _c("3° b", "organisation_employeurs", "un représentant de chaque organisation professionnelle d'employeurs "
           "représentative au plan national et interprofessionnel", nombre="un_par_organisation", votant=True,
           mandat=True),
        _c("3° c", "organisation_employeurs_multipro", "un représentant de chaque organisation professionnelle "
           "d'employeurs représentative au plan national et multiprofessionnel", nombre="un_par_organisation",
           votant=True, mandat=True),
        _c("3° d", "syndicat_interesse", "deux représentants des organisations syndicales intéressées mentionnées "
           "au III de l’article R2272-9", nombre="parametre:crefop.syndicats_interesses", votant=True, mandat=True),
        _c("4°", "reseau_consulaire", "un représentant pour chacun des trois réseaux consulaires",
           nombre="parametre:crefop.reseaux_consulaires", votant=True, mandat=True),
        _c("5°", "france_travail", "le directeur régional de France Travail", nombre="un", mandat=True),
        _c("5°", "mission_locale", "le président de l'association régionale des missions locales", nombre="un",
           mandat=True),
        _c("5°", "cap_emploi", "le représentant régional des Cap emploi", nombre="un", mandat=True),
        _c("5°", "operateur", "représentants des autres principaux opérateurs (enseignement supérieur, Agefiph, "
           "commission paritaire interprofessionnelle régionale, Apec, CARIF-OREF, Onisep)", mandat=True),
        _c("6°", "personnalite_qualifiee", "deux personnalités qualifiées dans le domaine de la transition écologique",
           nombre="parametre:crefop.personnalites_qualifiees", mandat=True),
    )),
}
#: Guadeloupe et La Réunion : le CREFOP devenu comité régional pour l'emploi relève de R. 6523-x
#: (R. 5523-15-2), que cte n'embarque pas : mêmes collèges admis, rien d'obligatoire ni de compté
COMPOSITIONS["crefop_renomme_L5523_7"] = Composition("R. 5523-15-2", tuple(
    Categorie(c.rang, c.colleges, c.libelle, obligatoire=False, votant=c.votant, mandat=c.mandat)
    for c in COMPOSITIONS["crefop_renomme"].table
))
#: Guadeloupe et La Réunion : comités régional et départemental ordinaires, partenaires sociaux
#: adaptés par R. 5523-15-3 (a à e), France Travail représenté par son directeur régional (3°)
COMPOSITIONS["regional_L5523_7"] = Composition("R. 5311-17, R. 5523-15-3", COMPOSITIONS["regional"].table)
COMPOSITIONS["departemental_L5523_7"] = Composition("R. 5311-23, R. 5523-15-3", COMPOSITIONS["departemental"].table)


def cle_composition(comite: Any) -> str:
    """La table de composition qui s'applique à ce comité."""
    niveau, region = comite.niveau, comite.region
    if niveau == "regional" and comite.forme == "crefop_renomme":
        return "crefop_renomme_L5523_7" if region in REGIONS_L5523_7 else "crefop_renomme"
    if niveau == "territorial":
        return "territorial_L5523_8" if region in REGIONS_L5523_8 else "territorial_L5523_7"
    if niveau in ("regional", "departemental") and region in REGIONS_L5523_7:
        return f"{niveau}_L5523_7"
    if niveau == "local" and region in REGIONS_L5523_8:
        return "local_L5523_8"
    return niveau


def composition(comite: Any) -> Composition:
    """Les catégories du comité, sans celles que son territoire n'a pas (`lieux`)."""
    compo = COMPOSITIONS[cle_composition(comite)]
    lieu = comite.region
    if all(c.lieux is None or lieu in c.lieux for c in compo.table):
        return compo
    return Composition(compo.article, tuple(c for c in compo.table if c.lieux is None or lieu in c.lieux))


def colleges_votants(comite: Any) -> frozenset[str]:
    """Les collèges dont les membres ont voix délibérative, outre les présidents : R. 5311-37 ;
    outre-mer R. 5523-15-4, -12, -25, -37 ; CREFOP renommé R. 6123-3-3 (dernier alinéa)."""
    return composition(comite).colleges(votant=True)


def colleges_mandates(comite: Any, droit: Droit | None = None) -> tuple[frozenset[str], str]:
    """Collèges nommés pour trois ans et l'article qui le dit (R. 5311-36 ; R. 6123-3-6 et -17 au
    CREFOP renommé ; outre-mer R. 5523-15-11, -24, -36). Au comité départemental, la mission
    locale (8°) et Cap emploi (9°) ne le sont que depuis la version de R. 5311-36 du 6 décembre
    2024 (paramètre `mandat.mission_locale_cap_emploi_cde`, lu au jour de `droit`)."""
    cle = cle_composition(comite)
    articles = {"crefop_renomme": "R. 6123-3-6", "crefop_renomme_L5523_7": "R. 5523-15-2", "territorial_L5523_7": "R. 5523-15-11",
                "territorial_L5523_8": "R. 5523-15-24", "territorial_unique": "R. 5523-15-36"}
    colleges = composition(comite).colleges(mandat=True)
    if cle.startswith("departemental") and droit is not None and not droit("mandat.mission_locale_cap_emploi_cde"):
        colleges = colleges - {"mission_locale", "cap_emploi"}
    return colleges, articles.get(cle, "R. 5311-36")


#: compatibilité : VOTANTS[niveau] (métropole)
VOTANTS: dict[str, frozenset[str]] = {
    n: COMPOSITIONS[n].colleges(votant=True) for n in ("regional", "departemental", "local")
} | {
    "territorial": COMPOSITIONS["territorial_L5523_7"].colleges(votant=True),
    "territorial_unique": COMPOSITIONS["territorial_unique"].colleges(votant=True),
}


# --- plafonds -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plafond:
    """Nombre maximal de membres pour certaines catégories, l'article et le paramètre qui le fixent."""

    limite: int
    colleges: tuple[str, ...]
    article: str
    categories: str
    parametre: str = ""


def plafond(comite: Any, nombre_departements_region: int, droit: Droit | None = None) -> Plafond | None:
    """Le plafond applicable au comité le jour de `droit` (R. 5311-18, -24, -29, -33, -35 ;
    outre-mer R. 5523-15-3, -11, -24, -36) ; None pour le CREFOP renommé (R. 6123-3-3 ne plafonne
    pas) ou si le texte n'est pas en vigueur."""
    if droit is None:
        from datetime import date

        from cte_cli.referentiel.parametres_legaux import Droit

        droit = Droit(date.today())
    cle = cle_composition(comite)
    if cle.startswith("crefop_renomme"):
        return None
    plafonnes = tuple(sorted(composition(comite).colleges(plafonne=True)))
    nom, article, categories = _plafond_applicable(comite, cle, nombre_departements_region, droit)
    if nom == "plafond.cde_outre_mer" and droit("interpretation.plafond_cde_outre_mer") == "nommes_par_le_prefet":
        plafonnes = (*plafonnes, "mission_locale", "cap_emploi")
        categories = "1° à 6°, 8° et 9°"
    elif nom == "plafond.cde_plusieurs_departements" and droit("interpretation.plafond_r5311_29") == "tous_les_membres":
        plafonnes = tuple(sorted(composition(comite).colleges()))
        categories = "de toutes les catégories"
    limite = droit(nom)
    if limite is None:
        return None
    return Plafond(limite, plafonnes, article, categories, nom)


def _plafond_applicable(comite: Any, cle: str, nombre: int, droit: Droit) -> tuple[str, str, str]:
    if cle == "regional_L5523_7":
        return "plafond.cre_outre_mer", "R. 5523-15-3", "1° à 5°"
    if cle == "regional":
        grande = nombre > (droit("plafond.seuil_departements_cre") or 0)
        return ("plafond.cre_grande_region" if grande else "plafond.cre"), "R. 5311-18", "1° à 5°"
    if cle == "departemental_L5523_7":
        return "plafond.cde_outre_mer", "R. 5523-15-3", "1° à 6°"
    if cle == "departemental":
        if len(set(comite.departements or ())) > 1:
            return "plafond.cde_plusieurs_departements", "R. 5311-29", "1° à 6°"
        return "plafond.cde", "R. 5311-24", "1° à 6°"
    if cle.startswith("local"):
        if len(set(comite.departements or ())) > 1:
            return "plafond.cle_interdepartemental", "R. 5311-35", "1° à 3° et 5°"
        return "plafond.cle", "R. 5311-33", "1° à 3° et 5°"
    if cle == "territorial_L5523_8":
        return "plafond.territorial_l5523_8", "R. 5523-15-24", "1° à 8°"
    if cle == "territorial_L5523_7":
        return "plafond.territorial_l5523_7", "R. 5523-15-11", "1° à 9°"
    return "plafond.territorial_unique", "R. 5523-15-36", "1° à 8°"


# --- coprésidence ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Copresidence:
    """Qui copréside : collèges exigés et collèges admis en plus, avec l'article."""

    exiges: tuple[str, ...]
    au_moins_un_de: tuple[str, ...]
    article: str
    libelle: str


def copresidence(comite: Any) -> Copresidence:
    """R. 5311-16 (CRE), R. 6123-3-3 (CREFOP renommé), R. 5311-22 (CDE), R. 5311-31 (CLE),
    R. 5523-15-9, -22, -34 (outre-mer)."""
    if comite.niveau == "regional":
        article = "R. 6123-3-8" if comite.forme == "crefop_renomme" else "R. 5311-16"
        return Copresidence(("etat", "region"), (), article,
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


__all__ = [
    "COLLECTIVITES",
    "COLLECTIVITES_L5523_9",
    "COMPOSITIONS",
    "LIBELLES",
    "PARTENAIRES_SOCIAUX",
    "REGIONS_L5523_7",
    "REGIONS_L5523_8",
    "Categorie",
    "Composition",
    "Copresidence",
    "Plafond",
    "cle_composition",
    "colleges_mandates",
    "colleges_votants",
    "composition",
    "copresidence",
    "plafond",
]
