"""Types communs du format : codes INSEE, SIREN, dates ISO, identifiants (FORMAT §1)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

COLLEGES = (
    "etat",
    "region",
    "departement",
    "communes",
    "epci",
    "syndicat_salaries",
    "organisation_employeurs",
    "organisation_employeurs_multipro",
    "france_travail",
    "mission_locale",
    "cap_emploi",
    # CREFOP devenu comité régional pour l'emploi (R. 6123-3-3 3° d, 4°, 5°, 6°)
    "syndicat_interesse",
    "reseau_consulaire",
    "operateur",
    "personnalite_qualifiee",
)


#: les niveaux du format et leur nom dans une phrase (« comité départemental »)
NIVEAUX_LIBELLES = {
    "regional": "régional",
    "departemental": "départemental",
    "local": "local",
    "territorial": "territorial",
    "territorial_unique": "territorial unique",
}


def libelle_niveau(niveau: object) -> str:
    """« départemental » pour `departemental` (accents dans les messages, issue 11 §2)."""
    return NIVEAUX_LIBELLES.get(str(niveau), str(niveau))


class Modele(BaseModel):
    """Base des modèles : toute clé inconnue est une erreur (FORMAT §1)."""

    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False)


def _code(longueur: int, motif: str, libelle: str):
    regex = re.compile(motif)

    def valider(valeur: Any) -> Any:
        if isinstance(valeur, bool):
            raise ValueError(f"{libelle} attendu, trouvé un booléen")
        if isinstance(valeur, int) and valeur.bit_length() > 64:  # str() refuse > 4 300 chiffres
            raise ValueError(f"{libelle} invalide : nombre de plus de 19 chiffres")
        if isinstance(valeur, int):
            valeur = str(valeur).zfill(longueur)
        if isinstance(valeur, str) and not regex.fullmatch(valeur):
            raise ValueError(f"{libelle} invalide « {valeur} »")
        return valeur

    return BeforeValidator(valider)


CodeRegion = Annotated[
    str, _code(2, r"\d{2}|97[578]", "code INSEE de région (2 chiffres ; 975, 977, 978 pour L. 5523-9)")
]
CodeDepartement = Annotated[
    str, _code(2, r"\d{2}|2[AB]|97\d", "code INSEE de département (« 21 », « 2A », « 971 »)")
]
#: un département INSEE, ou une collectivité à compétences départementales du COG (CTCD : 6AE
#: Collectivité européenne d'Alsace, 69D Rhône hors Métropole, 69M Métropole de Lyon, 75C Paris,
#: 20R Corse) pour les représentants des départements au comité régional et au CREFOP
CodeDepartementOuCollectivite = Annotated[
    str, _code(2, r"\d{2}|2[AB]|97\d|6AE|69[DM]|75C|20R",
               "code INSEE de département (« 21 », « 2A ») ou de collectivité (« 69M », « 6AE »)")
]
CodeCommune = Annotated[str, _code(5, r"\d{5}|2[AB]\d{3}", "code INSEE de commune (5 caractères)")]
Siren = Annotated[str, _code(9, r"\d{9}", "SIREN (9 chiffres)")]


def _date_iso(valeur: Any) -> Any:
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    if isinstance(valeur, str):
        try:
            return date.fromisoformat(valeur.strip())
        except ValueError:
            raise ValueError(f"date invalide « {valeur} » : attendu AAAA-MM-JJ, par ex. 2024-10-01") from None
    raise ValueError(f"date attendue (AAAA-MM-JJ), trouvé {_nature(valeur)}")


def _date_heure(valeur: Any) -> Any:
    if isinstance(valeur, datetime):
        return _heure_locale(valeur)
    if isinstance(valeur, date):
        return valeur
    if isinstance(valeur, str):
        texte = valeur.strip()
        try:
            return _heure_locale(datetime.fromisoformat(texte)) if "T" in texte or " " in texte else date.fromisoformat(texte)
        except ValueError:
            raise ValueError(
                f"date invalide « {valeur} » : attendu AAAA-MM-JJTHH:MM, par ex. 2025-03-12T14:00"
            ) from None
    raise ValueError(f"date et heure attendues (AAAA-MM-JJTHH:MM), trouvé {_nature(valeur)}")


def _heure_locale(moment: datetime) -> datetime:
    """Heure locale sans fuseau (FORMAT §1) ; une heure avec fuseau est ramenée à Paris."""
    if moment.tzinfo is None:
        return moment
    from zoneinfo import ZoneInfo

    try:
        return moment.astimezone(ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    except OverflowError:  # 0001-01-01T00:30+05:00 : pydantic ne rattrape que ValueError
        raise ValueError(f"date hors de la plage admise « {moment.isoformat()} »") from None


#: plage des dates admises : au-delà, les calculs de mandats (+ 3 ans) et de préavis
#: déborderaient du calendrier de Python (an 9999) ; aucune date de comité n'en sort
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2199, 12, 31)


def _dans_la_plage(valeur: date) -> date:
    jour = valeur.date() if isinstance(valeur, datetime) else valeur
    if not DATE_MIN <= jour <= DATE_MAX:
        raise ValueError(
            f"date hors de la plage admise « {valeur.isoformat()} » : entre {DATE_MIN.year} "
            f"et {DATE_MAX.year} (vérifiez l'année)"
        )
    return valeur


def _nature(valeur: Any) -> str:
    noms = {int: "un nombre", float: "un nombre", bool: "un booléen", list: "une liste", dict: "un dictionnaire"}
    return noms.get(type(valeur), f"« {valeur} »")


DateISO = Annotated[date, BeforeValidator(_date_iso), AfterValidator(_dans_la_plage)]
#: une date seule ou une date et une heure locales (séances)
DateHeure = Annotated[date | datetime, BeforeValidator(_date_heure), AfterValidator(_dans_la_plage)]


def _slug(valeur: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", valeur):
        raise ValueError(
            f"identifiant invalide « {valeur} » : minuscules, chiffres et tirets seulement ([a-z0-9-]+)"
        )
    return valeur


Identifiant = Annotated[str, AfterValidator(_slug)]
def _texte(valeur: Any) -> Any:
    """Un nombre écrit sans guillemets devient un texte (sauf un entier de plus de 4 300 chiffres,
    que Python refuse de convertir : il reste un nombre et l'erreur de type le signale) ; un texte
    est contrôlé ici même (`_sans_controle`) : un seul appel Python par valeur au lieu de deux,
    pour les ≈ 90 000 textes du dépôt national (docs/performance.md)."""
    if isinstance(valeur, str):
        return _sans_controle(valeur)
    if isinstance(valeur, bool) or not isinstance(valeur, int | float):
        return valeur
    if isinstance(valeur, int) and valeur.bit_length() > 14_000:
        return valeur
    return str(valeur)


#: caractères interdits dans un texte : ceux que XML 1.0 refuse (donc .docx et .xlsx), parmi
#: lesquels les séquences d'échappement du terminal (ESC) ; tabulation et fin de ligne permises
_INTERDITS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _sans_controle(valeur: str) -> str:
    if m := _INTERDITS.search(valeur):
        raise ValueError(
            f"caractère de contrôle U+{ord(m.group()):04X} interdit dans un texte (position "
            f"{m.start() + 1}) : il ne peut figurer ni dans un .docx ni dans un .xlsx ; supprimez-le"
        )
    return valeur


Texte = Annotated[str, BeforeValidator(_texte)]
