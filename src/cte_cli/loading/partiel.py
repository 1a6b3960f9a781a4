"""Modèles partiels : ce qui reste lisible d'un document dont la validation a échoué.

Une faute de frappe dans un collège ne doit pas faire disparaître le comité : ses séances, ses
feuilles de route, la couverture du département en ont encore besoin (issue 11 §1). Quand
pydantic refuse un document, on reconstruit donc un modèle *partiel* :

- chaque champ sans erreur est validé normalement (mêmes types, mêmes conversions) ;
- un élément de liste fautif (le membre n° 3) devient lui-même un modèle partiel, les autres
  éléments restent entiers ;
- un champ fautif (valeur invalide, clé obligatoire absente, clé mal orthographiée dont on
  devine le nom voulu) est *illisible* : y accéder lève `ChampInvalide`.

`ChampInvalide` dérive de BaseException : un `except Exception` ou un `getattr(x, nom, défaut)`
dans une règle ne peut pas la confondre avec une valeur absente. Le moteur (`Contexte.executer`)
la rattrape, masque le document pour cette règle et la relance : une règle ne voit jamais la
valeur de remplacement d'un champ fautif, et n'a rien à déclarer pour cela.
"""

from __future__ import annotations

import typing
import weakref
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, PrivateAttr, ValidationError

from cte_cli.constats import Chemin
from cte_cli.suggestions import proche


class ChampInvalide(BaseException):  # noqa: N818 — signal de contrôle, pas une erreur d'usage
    """Une règle a lu un champ dont la valeur est fautive dans le fichier.

    BaseException (comme GeneratorExit) : elle traverse les `except Exception` des règles."""

    def __init__(self, objet: Any, champ: str):
        super().__init__(champ)
        self.objet = objet
        self.champ = champ

    @property
    def document(self) -> Any:
        reference = self.objet.__pydantic_private__["_cte_document"]
        return reference() if reference is not None else None

    @property
    def signature(self) -> tuple[str, str]:
        """(modèle, champ) : tout document qui a ce champ illisible dans ce modèle lèverait la
        même exception pour la même règle (`Document.champs_illisibles`)."""
        return type(self.objet).__bases__[0].__name__, self.champ


class _Irrecuperable(Exception):
    """Le document entier est fautif (pas un dictionnaire, ou validation croisée)."""


#: sentinelle : ce champ ne peut pas être reconstruit, il sera illisible
_ILLISIBLE = object()


def construire(classe: type[BaseModel], donnees: Any, erreurs: Sequence[tuple[Chemin, str]],
               document: Any) -> BaseModel | None:
    """Le modèle partiel de `donnees` sachant les erreurs (chemin réel, type pydantic), ou
    None si rien n'est récupérable."""
    if not isinstance(donnees, dict):
        return None
    try:
        return _construire(classe, donnees, list(erreurs), document)
    except _Irrecuperable:
        return None


def _construire(classe: type[BaseModel], donnees: dict, erreurs: list[tuple[Chemin, str]],
                document: Any) -> BaseModel:
    champs = classe.model_fields
    par_champ: dict[Any, list[tuple[Chemin, str]]] = defaultdict(list)
    for chemin, type_erreur in erreurs:
        if not chemin:
            raise _Irrecuperable
        par_champ[chemin[0]].append((chemin[1:], type_erreur))
    illisibles: set[str] = set()
    reconstruits: dict[str, Any] = {}
    for cle, sous in par_champ.items():
        if cle not in champs:  # clé inconnue : si elle ressemble à un champ absent, il est illisible
            voulu = proche(cle, [c for c in champs if c not in donnees])
            if voulu:
                illisibles.add(voulu)
            continue
        valeur = _decomposer(champs[cle].annotation, donnees.get(cle), sous, document)
        if valeur is _ILLISIBLE:
            illisibles.add(cle)
        else:
            reconstruits[cle] = valeur
    reste = {k: v for k, v in donnees.items() if k not in par_champ}
    try:
        instance = classe_partielle(classe).model_validate(reste)
    except ValidationError:
        raise _Irrecuperable from None
    instance.__dict__.update(reconstruits)
    for cle in illisibles:
        instance.__dict__.pop(cle, None)
    prive: dict[str, Any] = instance.__pydantic_private__ or {}
    prive["_cte_invalides"] = frozenset(illisibles)
    if document is not None and illisibles:  # signatures : masquer d'un coup les documents semblables
        document.champs_illisibles.update((classe.__name__, c) for c in illisibles)
    # référence faible : pas de cycle document <-> modèle (le ramasse-miettes est en pause
    # pendant une validation, docs/performance.md)
    prive["_cte_document"] = weakref.ref(document) if document is not None else None
    return instance


def _decomposer(annotation: Any, valeur: Any, erreurs: list[tuple[Chemin, str]], document: Any) -> Any:
    """La valeur reconstruite d'un champ dont certaines parties sont fautives, ou _ILLISIBLE."""
    if any(not chemin for chemin, _ in erreurs):
        return _ILLISIBLE
    porteur = _sans_optionnel(annotation)
    if _est_modele(porteur) and isinstance(valeur, dict):
        try:
            return _construire(porteur, valeur, erreurs, document)
        except _Irrecuperable:
            return _ILLISIBLE
    if typing.get_origin(porteur) is list and isinstance(valeur, list):
        (element,) = typing.get_args(porteur) or (None,)
        element = _sans_optionnel(element)
        if not _est_modele(element):
            return _ILLISIBLE
        par_indice: dict[int, list[tuple[Chemin, str]]] = defaultdict(list)
        for chemin, type_erreur in erreurs:
            if not isinstance(chemin[0], int):
                return _ILLISIBLE
            par_indice[chemin[0]].append((chemin[1:], type_erreur))
        elements = []
        for i, item in enumerate(valeur):
            try:
                if i in par_indice:
                    if not isinstance(item, dict):
                        return _ILLISIBLE
                    elements.append(_construire(element, item, par_indice[i], document))
                else:
                    elements.append(element.model_validate(item))
            except (_Irrecuperable, ValidationError):
                return _ILLISIBLE
        return elements
    return _ILLISIBLE


def _sans_optionnel(annotation: Any) -> Any:
    """Retire `Optional[...]` et `Annotated[...]` (pas `list[...]`)."""
    for _ in range(4):
        origine = typing.get_origin(annotation)
        if origine is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origine is typing.Union or str(origine) == "<class 'types.UnionType'>":
            autres = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(autres) != 1:
                return annotation
            annotation = autres[0]
        else:
            break
    return annotation


def _est_modele(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def illisibles(objet: Any) -> frozenset[str]:
    """Les champs illisibles d'un modèle partiel (vide pour un modèle entier)."""
    prive = getattr(objet, "__pydantic_private__", None) or {}
    return prive.get("_cte_invalides", frozenset())


def _getattr_partiel(self: Any, nom: str) -> Any:
    prive = object.__getattribute__(self, "__pydantic_private__")
    if prive and nom in prive.get("_cte_invalides", ()):
        raise ChampInvalide(self, nom)
    return BaseModel.__getattr__(self, nom)  # type: ignore[attr-defined]  # défini par pydantic


@cache
def classe_partielle(classe: type[BaseModel]) -> type[BaseModel]:
    """Sous-classe de `classe` où les champs obligatoires deviennent facultatifs (ils sont
    illisibles, pas absents) et où lire un champ illisible lève ChampInvalide.

    Les instances restent des `classe` (isinstance, méthodes comme `date_reference`)."""
    annotations: dict[str, Any] = {"_cte_invalides": frozenset, "_cte_document": Any}
    espace: dict[str, Any] = {
        "__module__": classe.__module__,
        "__qualname__": f"{classe.__qualname__}Partiel",
        "__getattr__": _getattr_partiel,
        "_cte_invalides": PrivateAttr(default=frozenset()),
        "_cte_document": PrivateAttr(default=None),
    }
    for nom, champ in classe.model_fields.items():
        if champ.is_required():
            annotations[nom] = typing.Optional[champ.rebuild_annotation()]  # noqa: UP045 — annotation dynamique
            espace[nom] = None
    espace["__annotations__"] = annotations
    return type(f"{classe.__name__}Partiel", (classe,), espace)
