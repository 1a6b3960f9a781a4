"""Paramètres du droit, datés et sourcés, à la manière d'OpenFisca.

Chaque chiffre ou date que le droit fixe (plafonds de sièges, durée des mandats, quorum, délais,
pondération 30/70, entrées en vigueur) vit dans ``data/droit/<thème>.yaml`` avec l'article qui le
fixe, le texte qui l'a créé et ses valeurs datées (``valeurs: {date de début: valeur}``). Les
règles ne l'écrivent jamais : elles le demandent à la date du fait qu'elles jugent (la séance, le
mandat, l'arrêté de composition) :

    >>> parametre("plafond.cde", date(2025, 3, 1))
    27

Avant la première date, le paramètre n'existe pas (None) : la règle qui le lit ne s'applique pas.
Un dépôt peut remplacer un paramètre (section ``droit:`` d'un fichier ``type: parametres``) ; une
vue :class:`Droit` garde la trace des valeurs remplacées et des lectures retenues qu'elle a lues,
pour que chaque constat le dise. Module pur : lecture des fichiers une fois par processus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

DOSSIER = Path(__file__).resolve().parent / "data" / "droit"
#: unités dont les valeurs sont des fractions écrites « 1/2 »
_FRACTIONS = {"fraction"}


@dataclass(frozen=True, slots=True)
class Parametre:
    """Un paramètre du droit : ce qu'il mesure, d'où il vient, ses valeurs datées."""

    nom: str
    description: str
    article: str
    citation: str
    texte: str
    unite: str
    valeurs: tuple[tuple[date, Any], ...]
    #: lectures possibles (interprétations) : valeur -> description
    choix: Mapping[str, str] | None = None
    #: lectures possibles : valeur -> libellé court (pour les constats)
    libelles: Mapping[str, str] | None = None
    #: pourquoi la lecture par défaut (interprétations)
    motif: str = ""

    def a(self, jour: date) -> Any:
        """La valeur en vigueur le jour donné ; None avant la première date (ou si abrogé)."""
        return valeur_datee(self.valeurs, jour)

    @property
    def debut(self) -> date | None:
        """Première date de début : l'entrée en vigueur du paramètre."""
        return self.valeurs[0][0] if self.valeurs else None

    def libelle(self, valeur: Any) -> str:
        """La valeur lisible : « 1/2 », « 29 », la description d'un choix."""
        if self.choix and valeur in self.choix:
            return f"{valeur} ({self.choix[valeur]})"
        return texte_valeur(valeur)


def valeur_datee(valeurs: tuple[tuple[date, Any], ...], jour: date) -> Any:
    """La valeur de la plus récente date de début antérieure ou égale à `jour` (un instant,
    `datetime`, vaut pour son jour)."""
    if isinstance(jour, datetime):
        jour = jour.date()
    trouvee = None
    for debut, valeur in valeurs:
        if debut > jour:
            break
        trouvee = valeur
    return trouvee


def texte_valeur(valeur: Any) -> str:
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, date):
        return f"{valeur:%d/%m/%Y}"
    return str(valeur)


class ParametreInconnu(KeyError):
    """Un nom de paramètre qui n'existe pas (erreur de programmation dans une règle)."""


@cache
def parametres_du_droit() -> dict[str, Parametre]:
    """Tous les paramètres embarqués, par nom (« plafond.cde »), lus une fois par processus."""
    from cte_cli.loading.parser import analyser

    parametres: dict[str, Parametre] = {}
    for fichier in sorted(DOSSIER.glob("*.yaml")):
        theme = fichier.stem
        donnees = analyser(fichier.read_text(encoding="utf-8")) or {}
        for cle, definition in donnees.items():
            nom = f"{theme}.{cle}"
            parametres[nom] = _parametre(nom, definition)
    return parametres


def _parametre(nom: str, d: Mapping[str, Any]) -> Parametre:
    unite = str(d.get("unite", ""))
    valeurs = tuple(sorted((_jour(k), _convertir(v, unite)) for k, v in (d.get("valeurs") or {}).items()))
    return Parametre(
        nom=nom,
        description=" ".join(str(d.get("description", "")).split()),
        article=str(d.get("article", "")),
        citation=" ".join(str(d.get("citation", "")).split()),
        texte=" ".join(str(d.get("texte", "")).split()),
        unite=unite,
        valeurs=valeurs,
        choix={str(k): _texte_choix(v, "description") for k, v in d["choix"].items()} if d.get("choix") else None,
        libelles={str(k): _texte_choix(v, "libelle") for k, v in d["choix"].items()} if d.get("choix") else None,
        motif=" ".join(str(d.get("motif", "")).split()),
    )


def _texte_choix(v: Any, cle: str) -> str:
    """Un choix s'écrit `valeur: description` ou `valeur: {libelle, description}`."""
    texte = v.get(cle) or v.get("description", "") if isinstance(v, Mapping) else v
    return " ".join(str(texte).split())


def _jour(cle: Any) -> date:
    if isinstance(cle, datetime):
        return cle.date()
    if isinstance(cle, date):
        return cle
    return date.fromisoformat(str(cle))


def _convertir(valeur: Any, unite: str) -> Any:
    if valeur is not None and unite in _FRACTIONS:
        return Fraction(str(valeur))
    return valeur


def definition(nom: str) -> Parametre:
    try:
        return parametres_du_droit()[nom]
    except KeyError:
        raise ParametreInconnu(nom) from None


def parametre(nom: str, jour: date, surcharges: Mapping[str, Surcharge] | None = None) -> Any:
    """La valeur du paramètre `nom` le jour `jour` (None s'il n'est pas en vigueur), compte tenu
    des surcharges du dépôt."""
    p = definition(nom)
    surcharge = (surcharges or {}).get(nom)
    if surcharge is not None:
        valeur = surcharge.a(p, jour)
        if valeur is not _DEFAUT:
            return valeur
    return p.a(jour)


# --- surcharges d'un dépôt --------------------------------------------------------------------

_DEFAUT = object()


@dataclass(frozen=True, slots=True)
class Surcharge:
    """Une valeur que le dépôt substitue à celle de cte, et d'où elle vient."""

    nom: str
    origine: str
    #: à partir de quand elle vaut (``valable_du`` du fichier de paramètres)
    depuis: date | None = None
    #: valeur unique, ou série datée
    valeur: Any = None
    valeurs: tuple[tuple[date, Any], ...] | None = None
    #: document et chemin de la valeur (pour situer un constat)
    document: Any = field(default=None, compare=False)
    chemin: tuple = ()

    def a(self, p: Parametre, jour: date) -> Any:
        """La valeur surchargée ce jour-là, ou `_DEFAUT` quand la surcharge ne vaut pas ce jour."""
        if self.depuis is not None and jour < self.depuis:
            return _DEFAUT
        if self.valeurs is not None:
            if not self.valeurs or jour < self.valeurs[0][0]:
                return _DEFAUT  # avant la première date de la série : la valeur de cte
            return valeur_datee(self.valeurs, jour)
        if p.a(jour) is None and not p.choix:
            return _DEFAUT  # une valeur unique ne fait pas entrer en vigueur un texte qui ne l'est pas
        return self.valeur


@dataclass(frozen=True, slots=True)
class Probleme:
    """Une surcharge refusée : chemin dans la section `droit`, message."""

    chemin: tuple
    message: str


def lire_surcharges(
    section: Mapping[str, Any], origine: str, depuis: date | None = None, document: Any = None,
    chemin: tuple = (),
) -> tuple[dict[str, Surcharge], list[Probleme]]:
    """Les surcharges d'une section `droit:` (nom -> valeur, ou nom -> {date: valeur}) et les
    problèmes (nom inconnu, valeur d'un autre type, choix inexistant)."""
    from cte_cli.suggestions import suggestion

    connus = parametres_du_droit()
    surcharges: dict[str, Surcharge] = {}
    problemes: list[Probleme] = []
    for nom, brute in section.items():
        nom = str(nom)
        ici = (*chemin, nom)
        if nom.startswith("vigueur."):
            continue  # une entrée en vigueur ne se remplace pas (règle parametre-droit-invalide)
        p = connus.get(nom)
        if p is None:
            problemes.append(Probleme(ici, f"paramètre du droit « {nom} » inconnu{suggestion(nom, list(connus))} "
                                           "(liste : cte regles --parametres)"))
            continue
        try:
            if isinstance(brute, Mapping):
                valeurs = tuple(sorted((_jour(k), _valider(p, v)) for k, v in brute.items()))
                surcharges[nom] = Surcharge(nom, origine, depuis, valeurs=valeurs, document=document, chemin=ici)
            else:
                surcharges[nom] = Surcharge(nom, origine, depuis, valeur=_valider(p, brute), document=document,
                                            chemin=ici)
        except ValueError as exc:
            problemes.append(Probleme(ici, f"paramètre « {nom} » : {exc}"))
    return surcharges, problemes


def _valider(p: Parametre, valeur: Any) -> Any:
    """La valeur convertie au type du paramètre, ou ValueError avec un message français."""
    exemple = next((v for _, v in p.valeurs if v is not None), None)
    if p.choix:
        if valeur not in p.choix:
            raise ValueError(f"« {valeur} » n'est pas une lecture possible ; choix : {', '.join(p.choix)}")
        return valeur
    if valeur is None:
        return None
    if isinstance(exemple, Fraction):
        try:
            fraction = Fraction(str(valeur))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"fraction attendue (par ex. « 1/2 »), trouvé « {valeur} »") from None
        if not 0 <= fraction <= 1:
            raise ValueError(f"fraction entre 0 et 1 attendue, trouvé {fraction}")
        return fraction
    if isinstance(exemple, bool):
        if not isinstance(valeur, bool):
            raise ValueError(f"oui/non (true/false) attendu, trouvé « {valeur} »")
        return valeur
    if isinstance(exemple, int):
        if isinstance(valeur, bool) or not isinstance(valeur, int) or not 0 <= valeur <= 10_000:
            raise ValueError(f"nombre entier ({p.unite}) attendu, trouvé « {valeur} »")
        return valeur
    if isinstance(exemple, date):
        return _jour(valeur)
    return valeur


# --- vue datée ----------------------------------------------------------------------------------


class Droit:
    """Le droit applicable un jour donné, avec les surcharges du dépôt.

    Chaque lecture passe par elle (``droit("plafond.cde")``) ; elle retient les valeurs que le
    dépôt a remplacées et les lectures (interprétations) qu'elle a lues, pour que le constat qui
    en dépend le dise (:meth:`mention`)."""

    __slots__ = ("jour", "surcharges", "remplaces", "lectures")

    def __init__(self, jour: date, surcharges: Mapping[str, Surcharge] | None = None):
        self.jour = jour.date() if isinstance(jour, datetime) else jour
        self.surcharges = surcharges or {}
        #: nom -> (valeur de cte, valeur du dépôt, surcharge)
        self.remplaces: dict[str, tuple[Any, Any, Surcharge]] = {}
        #: nom -> valeur (paramètres « interpretation.* » lus)
        self.lectures: dict[str, Any] = {}

    def __call__(self, nom: str, trace: bool = True) -> Any:
        """La valeur de `nom` ce jour-là ; `trace=False` : une lecture qui ne décide de rien ici
        (toutes les lectures donnent le même résultat) n'est pas mentionnée dans les constats."""
        p = definition(nom)
        defaut = p.a(self.jour)
        valeur = defaut
        surcharge = self.surcharges.get(nom)
        if surcharge is not None:
            trouvee = surcharge.a(p, self.jour)
            if trouvee is not _DEFAUT:
                valeur = trouvee
                if valeur != defaut and trace:
                    self.remplaces[nom] = (defaut, valeur, surcharge)
        if p.choix and trace:
            self.lectures[nom] = valeur
        return valeur

    def en_vigueur(self, nom: str) -> bool:
        """Le texte dont `nom` est la date d'entrée en vigueur (``vigueur.metropole``) s'applique-t-il ?"""
        return bool(self(nom))

    def mention(self) -> str:
        """« [valeur du dépôt : plafond.cde = 30 au lieu de 27 (parametres.yaml)] [lecture retenue :
        …] », ou ""."""
        parties = []
        for nom, (defaut, valeur, s) in self.remplaces.items():
            parties.append(f"valeur du dépôt : {nom} = {texte_valeur(valeur)} au lieu de "
                           f"{texte_valeur(defaut)} ({s.origine})")
        for nom, valeur in self.lectures.items():
            if nom in self.remplaces:
                continue
            p = definition(nom)
            libelle = (p.libelles or {}).get(valeur, valeur)
            parties.append(f"lecture retenue : {libelle} ({nom})")
        return "".join(f" [{p}]" for p in parties)

    def chiffres(self) -> dict[str, Any]:
        """Ce que les rapports machine portent : les surcharges et les lectures utilisées."""
        resultat: dict[str, Any] = {}
        if self.remplaces:
            resultat["surcharges"] = {n: _json(v) for n, (_d, v, _s) in self.remplaces.items()}
        if self.lectures:
            resultat["lectures"] = {n: _json(v) for n, v in self.lectures.items()}
        return resultat


def _json(valeur: Any) -> Any:
    if isinstance(valeur, Fraction):
        return str(valeur)
    if isinstance(valeur, date):
        return valeur.isoformat()
    return valeur


def fusionner(sources: Iterable[Mapping[str, Surcharge]]) -> dict[str, Surcharge]:
    """Les surcharges de plusieurs sources ; une source plus tardive l'emporte, nom par nom."""
    resultat: dict[str, Surcharge] = {}
    for source in sources:
        resultat.update(source)
    return resultat


__all__ = [
    "Droit",
    "Parametre",
    "ParametreInconnu",
    "Probleme",
    "Surcharge",
    "definition",
    "fusionner",
    "lire_surcharges",
    "parametre",
    "parametres_du_droit",
]
