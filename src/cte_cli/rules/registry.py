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
    from cte_cli.referentiel.parametres_legaux import Droit, Surcharge

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
    "parametres",
)

#: paramètres d'entrée en vigueur (referentiel/data/droit/vigueur.yaml) : une règle qui en
#: nomme un ne s'applique pas avant cette date
VIGUEUR_METROPOLE = "vigueur.metropole"
VIGUEUR_AUDITS = "vigueur.audits"


@dataclass(frozen=True, slots=True)
class Regle:
    id: str
    gravite: Gravite
    article: str
    titre: str
    famille: str
    check: Callable[[Contexte], Iterable[Constat]] | None = None
    #: paramètre d'entrée en vigueur du texte que la règle applique (« vigueur.metropole »)
    vigueur: str | None = None
    exemple: str | None = None
    #: une règle « bloquante » signale une entrée illisible : la commande sort avec le code 2
    bloquante: bool = False
    description: str = ""

    @property
    def applicable_du(self) -> date | None:
        """Date d'entrée en vigueur du texte appliqué (première date du paramètre `vigueur`)."""
        if self.vigueur is None:
            return None
        from cte_cli.referentiel.parametres_legaux import definition

        return definition(self.vigueur).debut

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
    vigueur: str | None = None,
    exemple: str | None = None,
    description: str = "",
) -> Callable[[Callable], Callable]:
    """Décorateur : enregistre la fonction comme règle sous un identifiant stable."""

    def enregistrer(fonction: Callable) -> Callable:
        famille_ = famille or fonction.__module__.rsplit(".", 1)[-1]
        _ajouter(
            Regle(id, gravite, article, titre, famille_, fonction, vigueur, exemple,
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
        #: dernière vue datée du droit ouverte par la règle courante (constats qui en dépendent)
        self._vue: Droit | None = None

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
    def surcharges_droit(self) -> dict[str, Surcharge]:
        """Paramètres du droit que le dépôt remplace : sections `droit:` de ses fichiers
        `type: parametres` (par `valable_du` croissante, la plus récente l'emporte), puis la
        section `parametres` de sa configuration (`self.surcharges`, s'il y en a une)."""
        from cte_cli.referentiel.parametres_legaux import fusionner, lire_surcharges

        sources = []
        docs = [d for d in self.documents if d.type == "parametres" and d.modele is not None and d.modele.droit]
        for doc in sorted(docs, key=lambda d: (d.modele.valable_du, d.fichier)):
            sources.append(lire_surcharges(doc.modele.droit, doc.fichier, doc.modele.valable_du, doc, ("droit",))[0])
        configuration = getattr(self, "surcharges", None)
        if configuration:
            sources.append(lire_surcharges(configuration, "configuration du dépôt")[0])
        return fusionner(sources)

    def droit(self, jour: date) -> Droit:
        """Le droit applicable le jour d'un fait (séance, mandat, arrêté), avec les surcharges du
        dépôt ; les constats suivants de la règle disent les valeurs remplacées qu'il a lues."""
        from cte_cli.referentiel.parametres_legaux import Droit

        self._vue = Droit(jour, self.surcharges_droit)
        return self._vue

    def jour_composition(self, comite: Any) -> date | None:
        """Le jour auquel juger la composition d'un comité : celui de son arrêté (s'il n'est pas
        postérieur à la date de contrôle), sans remonter avant l'entrée en vigueur des textes
        pour ce comité ; None si les textes n'y sont pas en vigueur à la date de contrôle."""
        from cte_cli.droit.territoires import parametre_vigueur
        from cte_cli.referentiel.parametres_legaux import definition

        debut = definition(parametre_vigueur(comite)).debut
        if debut is None or self.date < debut:
            return None
        arrete = getattr(comite, "arrete", None)
        jour = arrete.date if arrete is not None and arrete.date <= self.date else self.date
        return max(jour, debut)

    def droit_fait(self, comite: Any, jour: date) -> Droit:
        """Le droit au jour d'un fait du comité (un mandat, un arrêté), sans remonter avant
        l'entrée en vigueur des textes pour ce comité : un arrêté antérieur est jugé selon les
        textes qui l'ont pris en charge à leur entrée en vigueur."""
        from cte_cli.droit.territoires import parametre_vigueur
        from cte_cli.referentiel.parametres_legaux import definition

        debut = definition(parametre_vigueur(comite)).debut
        return self.droit(max(jour, debut) if debut else jour)

    def droit_composition(self, comite: Any) -> Droit | None:
        """Le droit au jour de la composition du comité (None s'il n'est pas en vigueur)."""
        jour = self.jour_composition(comite)
        return None if jour is None else self.droit(jour)

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
        for paire in self._par_type.get(type_, ()):
            self._vue = None  # un nouveau document : les lectures du précédent ne le concernent pas
            yield paire

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
        for doc, comite in self._par_type.get("comite", ()):
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

    def en_vigueur(self, comite: Any, jour: date | None = None) -> bool:
        """Les textes des comités s'appliquent-ils à ce comité le jour donné (à défaut, la date
        de contrôle) ? Paramètres `vigueur.metropole` (décret n° 2024-560, art. 6 I) et
        `vigueur.outre_mer` (collectivités de l'article 73 de la Constitution, Saint-Barthélemy,
        Saint-Martin, Saint-Pierre-et-Miquelon : art. 6 II, ordonnance n° 2024-534, décret
        n° 2024-1147)."""
        from cte_cli.droit.territoires import parametre_vigueur
        from cte_cli.referentiel.parametres_legaux import parametre

        return bool(parametre(parametre_vigueur(comite), jour or self.date))

    def constat(
        self,
        doc: Document,
        chemin: Chemin,
        message: str,
        chiffres: dict[str, Any] | None = None,
        cible: Cible = Cible.VALEUR,
        article: str | None = None,
        droit: Droit | None = None,
    ) -> Constat:
        """Un constat de la règle courante ; s'il dépend d'une valeur que le dépôt remplace, ou
        d'une lecture retenue (vue `droit`, à défaut la dernière ouverte), il le dit."""
        assert self.regle is not None, "ctx.constat() appelé hors d'une règle"
        vue = droit or self._vue
        if vue is not None and (vue.remplaces or vue.lectures):
            message += vue.mention()
            chiffres = {**(chiffres or {}), **vue.chiffres()}
        return self.regle.constat(
            doc.fichier, message, chemin, document=doc, cible=cible, chiffres=chiffres, article=article
        )


def appliquer(ctx: Contexte, regles: Iterable[Regle]) -> list[Constat]:
    """Applique les règles dans l'ordre ; une règle non encore en vigueur est ignorée."""
    from cte_cli.referentiel.parametres_legaux import parametre

    constats: list[Constat] = []
    for r in regles:
        if r.check is None or (r.vigueur and not parametre(r.vigueur, ctx.date)):
            continue
        ctx.regle = r
        ctx._vue = None
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
