"""Reconnaître l'organisation syndicale ou patronale d'un membre, sans jamais deviner.

Une organisation s'identifie par son sigle exact (clé `sigle:` du membre), ou par le texte de
`organisation:` quand celui-ci est, mot pour mot, l'un de ses noms connus
(``referentiel/data/organisations.yaml``, ou une clé du jeu de paramètres d'audience), précédé au
plus d'une structure locale (« UD », « union régionale ») et suivi au plus du nom d'un territoire
(« de l'Yonne », « 21 », « Bourgogne-Franche-Comté »). Le nom complet d'une organisation l'emporte
toujours sur un nom plus court suivi d'un territoire : « Confédération générale du travail de La
Réunion » est la CGTR (son nom), pas la CGT de La Réunion. Un texte entre parenthèses doit
désigner la même organisation que le reste (« CGTR (Confédération générale du travail de La
Réunion) »). Rien d'autre n'est reconnu : ni sous-chaîne, ni ressemblance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from cte_cli.texte import en_ascii

FICHIER = Path(__file__).resolve().parents[1] / "referentiel" / "data" / "organisations.yaml"

#: structures locales qui peuvent précéder le nom d'une organisation
_PREFIXES = (
    ("UNION", "DEPARTEMENTALE"), ("UNION", "REGIONALE"), ("UNION", "LOCALE"), ("UNION", "TERRITORIALE"),
    ("UNION", "INTERPROFESSIONNELLE"), ("UNION", "REGIONALE", "INTERPROFESSIONNELLE"),
    ("UNION", "DEPARTEMENTALE", "INTERPROFESSIONNELLE"), ("UD",), ("UR",), ("URI",), ("UL",), ("UDI",), ("UT",),
)
_LIAISONS = {"DE", "DU", "DES", "D", "LA", "LE", "LES", "L", "EN", "A", "AU", "AUX"}


@dataclass(frozen=True, slots=True)
class Organisation:
    sigle: str
    type: str
    niveau: str
    territoires: tuple[str, ...] = ()

    @property
    def regionale(self) -> bool:
        return self.niveau == "regional"


@lru_cache(maxsize=8192)  # pas un chiffre du droit : taille du cache
def mots(texte: str) -> tuple[str, ...]:
    """Mots en majuscules sans accents : « UD CGT-FO de l'Yonne » -> (UD, CGT, FO, DE, L, YONNE) ;
    un sigle pointé (« C.F.D.T. ») redevient un mot (CFDT)."""
    ascii_ = en_ascii(texte)
    brut = [m for m in re.split(r"[^A-Za-z0-9]+", ascii_.upper()) if m]
    resultat: list[str] = []
    lettres: list[str] = []
    for mot in [*brut, ""]:
        if len(mot) == 1 and mot.isalpha():
            lettres.append(mot)
            continue
        if lettres:
            resultat.append("".join(lettres) if len(lettres) > 1 else lettres[0])
            lettres = []
        if mot:
            resultat.append(mot)
    return tuple(resultat)


@cache
def table() -> dict[str, Organisation]:
    """Les organisations connues, par sigle."""
    from cte_cli.loading.parser import analyser

    donnees = analyser(FICHIER.read_text(encoding="utf-8")) or {}
    return {
        str(sigle): Organisation(str(sigle), d["type"], d["niveau"], tuple(str(t) for t in d.get("territoires") or ()))
        for sigle, d in donnees.items()
    }


@cache
def _noms() -> dict[tuple[str, ...], str]:
    """Nom connu (en mots) -> sigle."""
    noms: dict[tuple[str, ...], str] = {}
    from cte_cli.loading.parser import analyser

    donnees = analyser(FICHIER.read_text(encoding="utf-8")) or {}
    for sigle, d in donnees.items():
        for nom in (sigle, *(d.get("noms") or ())):
            noms.setdefault(mots(str(nom)), str(sigle))
    return noms


@cache
def _territoires() -> frozenset[tuple[str, ...]]:
    """Noms de territoires (départements, régions, collectivités) en mots, sans article."""
    from cte_cli.referentiel import geographie

    geo = geographie()
    noms = [d.nom for d in geo.departements.values()] + [r.nom for r in geo.regions.values()]
    noms += [c.nom for c in geo.collectivites_outre_mer.values()]
    noms += ["Réunion", "Grand Est", "Bourgogne Franche Comté", "Ile de France", "Paca", "BFC", "AURA", "IDF"]
    resultat = set()
    for nom in noms:
        m = tuple(x for x in mots(nom) if x not in _LIAISONS)
        if m:
            resultat.add(m)
    resultat.update((c,) for c in geo.departements)
    return frozenset(resultat)


def _sans_territoire(suite: tuple[str, ...]) -> tuple[str, ...] | None:
    """La suite sans un nom de territoire final (« … de l'Yonne », « … 21 ») ; None s'il n'y en a pas."""
    territoires = _territoires()
    for debut in range(1, len(suite)):
        reste = tuple(m for m in suite[debut:] if m not in _LIAISONS)
        if reste and reste in territoires:
            tete = suite[:debut]
            while tete and tete[-1] in _LIAISONS:
                tete = tete[:-1]
            if tete:
                return tete
    return None


def _sans_prefixe(suite: tuple[str, ...]) -> tuple[str, ...] | None:
    for prefixe in sorted(_PREFIXES, key=len, reverse=True):
        if suite[: len(prefixe)] == prefixe and len(suite) > len(prefixe):
            return suite[len(prefixe):]
    return None


def _exact(suite: tuple[str, ...], noms: dict[tuple[str, ...], str]) -> str | None:
    """Le sigle dont `suite` est un nom connu, après au plus un préfixe local et un territoire."""
    candidates = [suite]
    sans_prefixe = _sans_prefixe(suite)
    if sans_prefixe:
        candidates.append(sans_prefixe)
    for candidate in list(candidates):
        if candidate in noms:
            return noms[candidate]
    for candidate in candidates:
        tete = _sans_territoire(candidate)
        if tete and tete in noms:
            return noms[tete]
    return None


_PARENTHESES = re.compile(r"\(([^()]*)\)")


def identifier(texte: str | None, sigle: str | None = None, autres: Iterable[str] = ()) -> str | None:
    """Le sigle de l'organisation que désignent `sigle` ou `texte`, ou None.

    `autres` ajoute des sigles reconnus (clés d'un jeu de paramètres d'audience)."""
    return _identifier(texte or "", sigle or "", tuple(sorted(autres)))


@lru_cache(maxsize=8192)  # pas un chiffre du droit : taille du cache
def _identifier(texte: str, sigle: str, autres: tuple[str, ...]) -> str | None:
    noms = dict(_noms())
    for cle in autres:
        noms.setdefault(mots(cle), cle)
    if sigle:
        return noms.get(mots(sigle), sigle.strip().upper())
    if not texte.strip():
        return None
    interieurs = _PARENTHESES.findall(texte)
    exterieur = _PARENTHESES.sub(" ", texte)
    trouves = {_exact(mots(partie), noms) for partie in (exterieur, *interieurs) if mots(partie)}
    trouves.discard(None)
    if len(trouves) == 1:
        return trouves.pop()
    if not trouves:
        return None
    return None  # deux organisations différentes dans le même texte : ambigu


def organisation(sigle: str | None) -> Organisation | None:
    return table().get(sigle) if sigle else None


def syndicats_regionaux(code_region: str) -> list[str]:
    """Les sigles des organisations syndicales de salariés représentatives au niveau régional et
    interprofessionnel que la table connaît pour cette région d'outre-mer (R. 5523-15-3 1° c,
    R. 5523-15-10 7°, R. 5523-15-23 6°, R. 5523-15-35 6°), triés."""
    return sorted(o for o, x in table().items() if x.type == "syndicat" and x.regionale and code_region in x.territoires)


def equivalents(sigle: str) -> tuple[tuple[str, ...], ...]:
    """Les noms (en mots) d'un sigle connu : pour rapprocher une clé de paramètres d'un sigle."""
    return tuple(nom for nom, s in _noms().items() if s == sigle)


__all__ = ["Organisation", "identifier", "mots", "organisation", "table"]
