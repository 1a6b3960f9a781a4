"""Registre des règles : identifiant stable, gravité, article, titre, fonction pure.

Une règle est une fonction `check(ctx) -> Iterable[Constat]` décorée par `@regle(...)`.
Les règles de structure (lecture, clés, types) n'ont pas de fonction : le chargement les
applique lui-même, mais elles figurent au registre pour `cte regles` et `cte expliquer`.

Isolement des erreurs (issue 11 §1, docs/architecture.md « Isolement ») : une règle voit les
documents entiers et les documents partiels ; si elle lit un champ fautif, `Contexte.executer`
masque ce document pour elle et la relance. Ses constats dans le voisinage d'un document masqué
ou d'un fichier illisible sont écartés, sauf si la règle déclare `portee="document"` (ses
constats sur un document ne dépendent que de ce document).

Identifiants stables : une règle renommée garde son ancien identifiant en `alias` ; sélection,
configuration et commentaires de suppression l'acceptent (`resoudre`).
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
    "controles",
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
    "documents",
)

#: familles dont les règles appliquent les textes des comités : elles ne jugent un comité que si
#: ces textes y sont en vigueur à la date de contrôle (`Contexte.comites`)
FAMILLES_DU_DROIT = frozenset({"composition", "crefop", "territoires", "couverture", "voix", "mandats"})

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
    #: "depot" (défaut, prudent) : les constats peuvent dépendre d'autres documents ;
    #: "document" : les constats sur un document ne dépendent que de lui (et du référentiel)
    portee: str = "depot"
    #: anciens identifiants (règle renommée) : toujours acceptés en entrée
    alias: tuple[str, ...] = ()

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
    portee: str = "depot",
    alias: tuple[str, ...] = (),
) -> Callable[[Callable], Callable]:
    """Décorateur : enregistre la fonction comme règle sous un identifiant stable.

    `portee="document"` : les constats sur un document ne dépendent que de ce document (voir
    `Contexte.executer`) ; `alias` : anciens identifiants d'une règle renommée."""

    def enregistrer(fonction: Callable) -> Callable:
        famille_ = famille or fonction.__module__.rsplit(".", 1)[-1]
        _ajouter(
            Regle(id, gravite, article, titre, famille_, fonction, vigueur, exemple,
                  description=description or (fonction.__doc__ or "").strip(), portee=portee,
                  alias=tuple(alias))
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
    alias: tuple[str, ...] = (),
) -> Regle:
    """Déclare une règle appliquée hors registre (lecture et structure)."""
    return _ajouter(
        Regle(id, gravite, article, titre, famille, None, None, exemple, bloquante, description,
              alias=tuple(alias))
    )


#: règles existantes dont les constats sur un document ne dépendent que de ce document (et du
#: référentiel, de la date, des paramètres) : une nouvelle règle le déclare plutôt dans son
#: décorateur (`@regle(..., portee="document")`). Tenue ici pour ne pas toucher aux décorateurs
#: pendant la refonte des paramètres (issue 10) ; vérifiée par tests/test_isolement.py.
PORTEE_DOCUMENT = frozenset({
    # structure
    "cles-par-niveau",
    # géographie : le comité et le référentiel
    "region-inconnue", "departement-inconnu", "departement-hors-region", "epci-inconnu", "epci-hors-ressort",
    # composition
    "college-autorise", "partenaires-sociaux-invites-local", "copresidence", "plafond-sieges", "epci-un-membre",
    "commission-iae",
    # comité régional et CREFOP
    "crefop-sieges-departements", "crefop-departements-representes", "crefop-rotation-periodes",
    "crefop-rotation-mandat", "crefop-rotation-departements", "crefop-rotation-en-cours",
    # territoires particuliers (sans comité-unique, cde-manquant, niveau-outre-mer : croisés)
    "cde-collectivite", "prefet-president-designe",
    # voix : le comité et le jeu de paramètres
    "voix-sans-voix-deliberative", "voix-nulle", "voix-non-fixees", "voix-incompletes", "voix-etat-collectivites",
    "voix-etat-partenaires-sociaux", "voix-syndicats-employeurs", "voix-collectivite-majoritaire",
    "voix-plus-forte-moyenne", "organisation-representative-absente", "organisation-hors-parametres",
    "parametres-a-verifier",
    # mandats
    "mandat-duree", "mandat-remplacement", "mandat-echu", "mandat-a-renouveler",
    # règlement intérieur
    "reglement-interieur-adopte", "reglement-interieur-a-adopter", "reglement-interieur-contenu",
    "reglement-interieur-recommandations", "reglement-interieur-audits",
    # séances : seul le réexamen du périmètre ne lit que le comité
    "perimetre-a-reexaminer",
    # feuilles de route
    "periode-feuille-de-route", "axes-limites", "fiche-action-complete", "echeance-depassee",
    "fiche-action-id-duplique",
    # audits
    "audit-rapport-un-an",
})


def portee(r: Regle) -> str:
    """« document » ou « depot » : la déclaration du décorateur, à défaut PORTEE_DOCUMENT."""
    return "document" if r.portee == "document" or r.id in PORTEE_DOCUMENT else r.portee


#: ancien identifiant -> identifiant actuel (règles renommées)
_ALIAS: dict[str, str] = {}


def _ajouter(r: Regle) -> Regle:
    if r.id in _REGISTRE and _REGISTRE[r.id] is not r or r.id in _ALIAS:
        raise ValueError(f"identifiant de règle en double : {r.id}")
    for ancien in r.alias:
        if ancien in _REGISTRE or _ALIAS.get(ancien, r.id) != r.id:
            raise ValueError(f"alias de règle en double : {ancien}")
        _ALIAS[ancien] = r.id
    _REGISTRE[r.id] = r
    return r


def resoudre(identifiant: str) -> str | None:
    """L'identifiant actuel d'une règle désignée par son identifiant ou un ancien (alias)."""
    charger_regles()
    if identifiant in _REGISTRE:
        return identifiant
    return _ALIAS.get(identifiant)


def alias() -> dict[str, str]:
    """{ancien identifiant: identifiant actuel}."""
    charger_regles()
    return dict(_ALIAS)


def charger_regles() -> dict[str, Regle]:
    """Importe toutes les familles et renvoie le registre complet, trié par famille."""
    for famille in FAMILLES:
        importlib.import_module(f"cte_cli.rules.{famille}")
    return dict(_REGISTRE)


def registre() -> dict[str, Regle]:
    return charger_regles()


class Contexte:
    """Ce que voit une règle : les documents utilisables, le référentiel, les paramètres, la date.

    Documents : entiers ou partiels (`loading.partiel`). Pendant `executer(regle)`, les
    documents masqués pour cette règle (elle a lu un de leurs champs fautifs) disparaissent de
    toutes les vues : `documents`, `de_type`, `comites`, `comite`, `memo`.
    """

    def __init__(
        self,
        documents: list[Document],
        date_controle: date,
        geo: Geographie | None = None,
        parametres: Any = None,
        fantomes: Iterable[Any] = (),
        surcharges: dict[str, Any] | None = None,
    ):
        self._documents = documents
        self.date = date_controle
        self._geo = geo
        self._parametres = parametres
        self.regle: Regle | None = None
        self._memo: dict[Hashable, Any] = {}
        #: dernière vue datée du droit ouverte par la règle courante (constats qui en dépendent)
        self._vue: Droit | None = None
        #: fichiers sans modèle (illisibles, type inconnu) : voir `loading.voisinage`
        self.fantomes = list(fantomes)
        #: paramètres du dépôt (`cte.toml`, section [parametres]) : identifiant -> valeur
        self.surcharges: dict[str, Any] = dict(surcharges or {})
        self._masques: frozenset = frozenset()
        self._vues: dict[frozenset, dict[str | None, list[tuple[Document, Any]]]] = {}
        self._cles: dict[int, frozenset] = {}
        self._index: dict[frozenset, dict[str, tuple[Document, Any]]] = {}
        #: attributs propres au contexte ; les autres sont des caches posés par les règles
        #: (`ctx.__dict__[...]`), écartés le temps d'un calcul qui masque des documents
        self._internes = {*vars(self), "_internes", "geo", "_comites_bruts"}

    @property
    def documents(self) -> list[Document]:
        if not self._masques:
            return self._documents
        return [d for d in self._documents if d not in self._masques]

    @cached_property
    def geo(self) -> Geographie:
        if self._geo is None:
            from cte_cli.referentiel import geographie

            self._geo = geographie()
        return self._geo

    @property
    def parametres(self) -> Any:
        if self._parametres is None:
            from cte_cli.referentiel.parametres import parametres_en_vigueur

            self._parametres = parametres_en_vigueur(self._documents, self.date)
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
            sources.append(lire_surcharges(configuration, "cte.toml")[0])
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

    @property
    def _par_type(self) -> dict[str | None, list[tuple[Document, Any]]]:
        """(document, modèle) des documents utilisables et non masqués, par type, dans l'ordre
        des documents : une soixantaine de règles parcourent ainsi leurs seuls documents."""
        vue = self._vues.get(self._masques)
        if vue is None:
            vue = self._vues[self._masques] = {}
            for doc in self._documents:
                modele = doc.modele if doc.modele is not None else doc.partiel
                if modele is not None and doc not in self._masques:
                    vue.setdefault(doc.type, []).append((doc, modele))
        return vue

    def de_type(self, type_: str) -> Iterator[tuple[Document, Any]]:
        for paire in self._par_type.get(type_, ()):
            self._vue = None  # un nouveau document : les lectures du précédent ne le concernent pas
            yield paire

    def comites(self, niveau: str | tuple[str, ...] | None = None, tous: bool = False) -> Iterator[tuple[Document, Any]]:
        """Les comités (d'un niveau). Pour une règle d'une famille du droit des comités
        (`FAMILLES_DU_DROIT`), seulement ceux dont les textes sont en vigueur à la date de
        contrôle (décret n° 2024-560 art. 6 ; outre-mer le 1er janvier 2025) : avant, ces comités
        n'existent pas en droit et rien n'est jugé. `tous` : sans ce filtre."""
        niveaux = (niveau,) if isinstance(niveau, str) else niveau
        filtrer = not tous and self.regle is not None and self.regle.famille in FAMILLES_DU_DROIT
        for doc, comite in self.de_type("comite"):
            if niveaux is None or comite.niveau in niveaux:
                if filtrer and not self.en_vigueur(comite):
                    continue
                yield doc, comite

    def seances(self) -> Iterator[tuple[Document, Any]]:
        return self.de_type("seance")

    def feuilles_de_route(self) -> Iterator[tuple[Document, Any]]:
        return self.de_type("feuille_de_route")

    def _index_comites(self) -> dict[str, tuple[Document, Any]]:
        """Les comités par identifiant (documents non masqués), calculés une fois par ensemble
        de documents masqués (appelé pour chaque séance : sans fermeture ni clé composée)."""
        index = self._index.get(self._masques)
        if index is None:
            index = {}
            for doc, comite in self.comites(tous=True):
                index.setdefault(comite.id, (doc, comite))
            self._index[self._masques] = index
        return index

    def comite(self, id_: str) -> tuple[Document, Any] | None:
        return self._index_comites().get(id_)

    def memo(self, cle: Hashable, calcul: Callable[[], T]) -> T:
        """La valeur de `calcul()`, calculée une seule fois pour ce contexte (donc pour cette
        validation) : index partagés entre règles, comme l'annuaire d'un comité ou la
        couverture des départements. La clé désigne les données d'où la valeur est tirée (par
        exemple `("annuaire", id(comite))` : les modèles vivent aussi longtemps que le contexte).

        Une valeur calculée sans certains documents (masqués pour la règle courante) n'est
        partagée qu'avec les règles qui les masquent aussi."""
        cle = (cle, self._masques) if self._masques else cle
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


    # --- isolement des erreurs ------------------------------------------------------------

    def calculer(self, calcul: Callable[[], T]) -> tuple[T, frozenset]:
        """`calcul()` en masquant, un à un, les documents dont il lit un champ fautif ;
        renvoie le résultat et les documents masqués."""
        from cte_cli.loading.partiel import ChampInvalide

        masques: set[Document] = set(self._masques)
        precedents = self._masques
        try:
            while True:
                self._masques = frozenset(masques)
                try:
                    if not masques:
                        return calcul(), self._masques
                    with self._caches_des_regles_a_part():
                        return calcul(), self._masques
                except ChampInvalide as exc:
                    doc, champ, signature = exc.document, exc.champ, exc.signature
                    _oublier(exc)
                    if doc is None or doc in masques:
                        raise RuntimeError(f"champ fautif lu sur un document masqué : {champ}") from None
                    # les documents qui ont le même champ illisible lèveraient la même exception :
                    # masqués d'un coup, une relance par sorte de faute plutôt que par fichier
                    masques.add(doc)
                    masques.update(d for d in self._documents if signature in d.champs_illisibles)
        finally:
            self._masques = precedents

    def _caches_des_regles_a_part(self) -> _CachesAPart:
        """Les caches qu'une règle pose elle-même dans `ctx.__dict__` ont été calculés sans
        masque : on les écarte pendant un calcul masqué, et on oublie ceux qu'il pose."""
        return _CachesAPart(self)

    def executer(self, r: Regle) -> list[Constat]:
        """Les constats de la règle `r`, sans ceux qu'une absence aurait pu causer.

        1. La règle voit les documents entiers et partiels ; si elle lit un champ fautif, le
           document est masqué pour elle et elle est relancée (`calculer`).
        2. Ses constats dans le voisinage (`loading.voisinage.lies`) d'un document masqué ou
           d'un fichier sans modèle sont écartés, sauf pour une règle de portée « document »
           (`portee`). Un jeu de paramètres illisible écarte les constats de toute règle.
        """
        self.regle = r
        self._vue = None
        try:
            constats, masques = self.calculer(lambda: list(r.check(self)))
        finally:
            self.regle = None
        if portee(r) != "document":
            voisinages = [self.voisinage(d) for d in masques]
            voisinages += [self._voisinage_fantome(f) for f in self.fantomes]
        else:  # un jeu de paramètres illisible change les voix de tous les comités
            voisinages = [self._voisinage_fantome(f) for f in self.fantomes if f.type == "parametres"]
        voisinages = [v for v in voisinages if v]
        if not voisinages:
            return constats
        from cte_cli.loading.voisinage import lies

        return [c for c in constats
                if not any(lies(self.voisinage(c.document), v) for v in voisinages)]

    @cached_property
    def _comites_bruts(self) -> dict[str, dict[str, Any]]:
        """Données brutes des comités par identifiant (y compris les fichiers sans modèle)."""
        bruts: dict[str, dict[str, Any]] = {}
        sources = [d.donnees for d in self._documents if isinstance(d.donnees, dict)]
        sources += [f.donnees for f in self.fantomes]
        for donnees in sources:
            ident = donnees.get("id")
            if isinstance(ident, str) and (donnees.get("type") == "comite" or "membres" in donnees):
                bruts.setdefault(ident, donnees)
        return bruts

    def voisinage(self, doc: Document | None) -> frozenset:
        """Les clés de voisinage d'un document (voir `loading.voisinage.cles`)."""
        from cte_cli.loading.voisinage import cles

        if doc is None:
            return frozenset()
        trouve = self._cles.get(id(doc))
        if trouve is None:
            donnees = doc.donnees if isinstance(doc.donnees, dict) else {}
            trouve = self._cles[id(doc)] = cles(donnees, doc.fichier, self._comites_bruts, geo=self.geo)
        return trouve

    def _voisinage_fantome(self, fantome: Any) -> frozenset:
        from cte_cli.loading.voisinage import cles

        return cles(fantome.donnees, fantome.fichier, self._comites_bruts, devine=True, geo=self.geo)


class _CachesAPart:
    """Gestionnaire de contexte (une classe, pas un générateur : pas de cycle de références
    avec l'exception qui le traverse, le ramasse-miettes étant en pause)."""

    def __init__(self, ctx: Contexte):
        self.ctx = ctx
        self.sauves: dict[str, Any] = {}

    def __enter__(self) -> None:
        attributs = self.ctx.__dict__
        self.sauves = {k: v for k, v in attributs.items() if k not in self.ctx._internes}
        for k in self.sauves:
            del attributs[k]

    def __exit__(self, *erreur: Any) -> None:
        attributs = self.ctx.__dict__
        for k in [k for k in attributs if k not in self.ctx._internes]:
            del attributs[k]
        attributs.update(self.sauves)
        self.sauves = {}


def _oublier(exc: BaseException) -> None:
    """Efface la trace d'une exception rattrapée : ses cadres (qui tiennent le contexte)
    formeraient sinon un cycle que le ramasse-miettes, en pause, ne libère pas."""
    import traceback

    if exc.__traceback__ is not None:
        traceback.clear_frames(exc.__traceback__)
    exc.__traceback__ = exc.__context__ = None


def appliquer(ctx: Contexte, regles: Iterable[Regle]) -> list[Constat]:
    """Applique les règles dans l'ordre ; une règle non encore en vigueur est ignorée."""
    from cte_cli.referentiel.parametres_legaux import parametre

    constats: list[Constat] = []
    for r in regles:
        if r.check is None or (r.vigueur and not parametre(r.vigueur, ctx.date)):
            continue
        constats.extend(ctx.executer(r))
    return constats


__all__ = [
    "Contexte",
    "alias",
    "resoudre",
    "Regle",
    "appliquer",
    "charger_regles",
    "declarer",
    "regle",
    "registre",
]
