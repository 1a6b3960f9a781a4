"""Registre des règles : identifiant stable, gravité, article, titre, fonction pure.

Une règle est une fonction `check(ctx) -> Iterable[Constat]` décorée par `@regle(...)`.
Les règles de structure (lecture, clés, types) n'ont pas de fonction : le chargement les
applique lui-même, mais elles figurent au registre pour `cte regles` et `cte expliquer`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from cte_cli.constats import Chemin, Cible, Constat, Gravite

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.referentiel.geographie import Geographie

T = TypeVar("T")

#: modules de règles, chargés dans cet ordre (une famille par module)
FAMILLES = (
    "structure",
    "geographie",
    "composition",
    "crefop",
    "territoires",
    "couverture",
    "voix",
    "mandats",
    "seances",
    "deliberations",
    "reglement",
    "feuilles_de_route",
    "indicateurs",
    "audits",
)

#: entrée en vigueur du décret n° 2024-560 en métropole (art. 6 I)
ENTREE_EN_VIGUEUR_METROPOLE = date(2024, 7, 1)
#: entrée en vigueur outre-mer (décret n° 2024-1147, art. 6 I ; NOTA de R. 5311-36)
ENTREE_EN_VIGUEUR_OUTRE_MER = date(2025, 1, 1)
#: entrée en vigueur des audits, R. 5311-3-1 à R. 5311-3-13 (décret n° 2026-204, art. 1)
ENTREE_EN_VIGUEUR_AUDITS = date(2026, 3, 27)


@dataclass(frozen=True, slots=True)
class Regle:
    id: str
    gravite: Gravite
    article: str
    titre: str
    famille: str
    check: Callable[[Contexte], Iterable[Constat]] | None = None
    applicable_du: date | None = None
    exemple: str | None = None
    #: une règle « bloquante » signale une entrée illisible : la commande sort avec le code 2
    bloquante: bool = False
    description: str = ""

    def constat(
        self,
        fichier: str,
        message: str,
        chemin: Chemin = (),
        *,
        document: Document | None = None,
        cible: Cible = Cible.VALEUR,
        chiffres: dict[str, Any] | None = None,
        article: str | None = None,
        ligne: int = 0,
        colonne: int = 0,
    ) -> Constat:
        return Constat(
            regle=self.id,
            gravite=self.gravite,
            article=article or self.article,
            fichier=fichier,
            message=message,
            chemin=chemin,
            cible=cible,
            ligne=ligne,
            colonne=colonne,
            chiffres=chiffres or {},
            document=document,
        )


_REGISTRE: dict[str, Regle] = {}


def regle(
    *,
    id: str,
    gravite: Gravite,
    article: str,
    titre: str,
    famille: str | None = None,
    applicable_du: date | None = None,
    exemple: str | None = None,
    description: str = "",
) -> Callable[[Callable], Callable]:
    """Décorateur : enregistre la fonction comme règle sous un identifiant stable."""

    def enregistrer(fonction: Callable) -> Callable:
        famille_ = famille or fonction.__module__.rsplit(".", 1)[-1]
        _ajouter(
            Regle(id, gravite, article, titre, famille_, fonction, applicable_du, exemple,
                  description=description or (fonction.__doc__ or "").strip())
        )
        fonction.regle = _REGISTRE[id]
        return fonction

    return enregistrer


def declarer(
    *,
    id: str,
    gravite: Gravite,
    article: str,
    titre: str,
    famille: str,
    bloquante: bool = False,
    exemple: str | None = None,
    description: str = "",
) -> Regle:
    """Déclare une règle appliquée hors registre (lecture et structure)."""
    return _ajouter(
        Regle(id, gravite, article, titre, famille, None, None, exemple, bloquante, description)
    )


def _ajouter(r: Regle) -> Regle:
    if r.id in _REGISTRE and _REGISTRE[r.id] is not r:
        raise ValueError(f"identifiant de règle en double : {r.id}")
    _REGISTRE[r.id] = r
    return r


def charger_regles() -> dict[str, Regle]:
    """Importe toutes les familles et renvoie le registre complet, trié par famille."""
    for famille in FAMILLES:
        importlib.import_module(f"cte_cli.rules.{famille}")
    return dict(_REGISTRE)


def registre() -> dict[str, Regle]:
    return charger_regles()


class Contexte:
    """Ce que voit une règle : les documents valides, le référentiel, les paramètres, la date."""

    def __init__(
        self,
        documents: list[Document],
        date_controle: date,
        geo: Geographie | None = None,
        parametres: Any = None,
    ):
        self.documents = documents
        self.date = date_controle
        self._geo = geo
        self._parametres = parametres
        self.regle: Regle | None = None
        self._memo: dict[Hashable, Any] = {}

    @cached_property
    def geo(self) -> Geographie:
        if self._geo is None:
            from cte_cli.referentiel import geographie

            self._geo = geographie()
        return self._geo

    @cached_property
    def parametres(self) -> Any:
        if self._parametres is None:
            from cte_cli.referentiel.parametres import parametres_en_vigueur

            self._parametres = parametres_en_vigueur(self.documents, self.date)
        return self._parametres

    @cached_property
    def _par_type(self) -> dict[str | None, list[tuple[Document, Any]]]:
        """(document, modèle) des documents valides, par type, dans l'ordre des documents :
        une soixantaine de règles parcourent ainsi leurs seuls documents, pas tout le dépôt."""
        par_type: dict[str | None, list[tuple[Document, Any]]] = {}
        for doc in self.documents:
            if doc.modele is not None:
                par_type.setdefault(doc.type, []).append((doc, doc.modele))
        return par_type

    def de_type(self, type_: str) -> Iterator[tuple[Document, Any]]:
        return iter(self._par_type.get(type_, ()))

    def comites(self, niveau: str | tuple[str, ...] | None = None) -> Iterator[tuple[Document, Any]]:
        niveaux = (niveau,) if isinstance(niveau, str) else niveau
        for doc, comite in self.de_type("comite"):
            if niveaux is None or comite.niveau in niveaux:
                yield doc, comite

    def seances(self) -> Iterator[tuple[Document, Any]]:
        return self.de_type("seance")

    def feuilles_de_route(self) -> Iterator[tuple[Document, Any]]:
        return self.de_type("feuille_de_route")

    @cached_property
    def _index_comites(self) -> dict[str, tuple[Document, Any]]:
        index: dict[str, tuple[Document, Any]] = {}
        for doc, comite in self.comites():
            index.setdefault(comite.id, (doc, comite))
        return index

    def comite(self, id_: str) -> tuple[Document, Any] | None:
        return self._index_comites.get(id_)

    def memo(self, cle: Hashable, calcul: Callable[[], T]) -> T:
        """La valeur de `calcul()`, calculée une seule fois pour ce contexte (donc pour cette
        validation) : index partagés entre règles, comme l'annuaire d'un comité ou la
        couverture des départements. La clé désigne les données d'où la valeur est tirée (par
        exemple `("annuaire", id(comite))` : les modèles vivent aussi longtemps que le contexte)."""
        try:
            return self._memo[cle]
        except KeyError:
            valeur = self._memo[cle] = calcul()
            return valeur

    def en_vigueur(self, comite: Any) -> bool:
        """Le décret s'applique-t-il à ce comité à la date de contrôle ?

        1er juillet 2024 en métropole (décret n° 2024-560, art. 6 I), 1er janvier 2025 dans les
        collectivités de l'article 73 de la Constitution, à Saint-Barthélemy, Saint-Martin et
        Saint-Pierre-et-Miquelon (art. 6 II ; décret n° 2024-1147).
        """
        region = self.geo.regions.get(comite.region)
        outre_mer = comite.niveau in ("territorial", "territorial_unique") or bool(
            region and region.outre_mer
        )
        debut = ENTREE_EN_VIGUEUR_OUTRE_MER if outre_mer else ENTREE_EN_VIGUEUR_METROPOLE
        return self.date >= debut

    def constat(
        self,
        doc: Document,
        chemin: Chemin,
        message: str,
        chiffres: dict[str, Any] | None = None,
        cible: Cible = Cible.VALEUR,
        article: str | None = None,
    ) -> Constat:
        assert self.regle is not None, "ctx.constat() appelé hors d'une règle"
        return self.regle.constat(
            doc.fichier, message, chemin, document=doc, cible=cible, chiffres=chiffres, article=article
        )


def appliquer(ctx: Contexte, regles: Iterable[Regle]) -> list[Constat]:
    """Applique les règles dans l'ordre ; une règle non encore en vigueur est ignorée."""
    constats: list[Constat] = []
    for r in regles:
        if r.check is None or (r.applicable_du and ctx.date < r.applicable_du):
            continue
        ctx.regle = r
        constats.extend(r.check(ctx))
    ctx.regle = None
    return constats


__all__ = [
    "Contexte",
    "Regle",
    "appliquer",
    "charger_regles",
    "declarer",
    "regle",
    "registre",
]
