"""Les chiffres de la cartographie : une fiche par comité, les membres, les instances
remplacées et la synthèse par département (instruction DGEFP/DAT/2024/92 : « une
cartographie des comités territoriaux pour l'emploi installés dans la région, en précisant la
coprésidence des comités locaux et les territoires retenus ainsi que le nombre d'instances
supprimées et/ou intégrées »).

Fonctions pures : elles prennent des modèles chargés et le référentiel géographique, et
rendent des objets ; le classeur et l'open data les mettent en forme.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cte_cli.model.types import COLLEGES
from cte_cli.rules import categories as cat

#: ordre d'affichage des niveaux (du régional au local) et leurs libellés
NIVEAUX = {
    "regional": "régional",
    "territorial": "territorial",
    "territorial_unique": "territorial unique",
    "departemental": "départemental",
    "local": "local",
}
ORDRE_NIVEAU = {n: i for i, n in enumerate(NIVEAUX)}
PLURIELS = {
    "regional": "régionaux", "territorial": "territoriaux", "territorial_unique": "territoriaux uniques",
    "departemental": "départementaux", "local": "locaux",
}
DEVENIRS = {"supprimee": "supprimée", "integree": "intégrée"}


@dataclass
class FicheComite:
    """Ce que la cartographie dit d'un comité. `presidents_noms` est la seule donnée
    personnelle : elle ne va que dans le classeur interne, jamais dans l'open data."""

    id: str
    fichier: str
    niveau: str
    nom: str
    region: str
    region_nom: str
    departements: list[str]
    departements_noms: list[str]
    collectivite: str | None
    forme: str | None
    copresidence_etat: str
    copresidence_collectivites: str
    presidents_noms: str
    epci: list[tuple[str, str]]
    communes: int
    population: int
    arrete_reference: str | None
    arrete_date: date | None
    installation: date | None
    instances_supprimees: int
    instances_integrees: int
    sieges: dict[str, int]
    voix: dict[str, int]
    voix_non_fixees: int
    sieges_plafonnes: int
    plafond: int
    plafond_article: str
    seances_tenues: int
    seances_programmees: int
    feuille_de_route: str
    feuille_adoptee_le: date | None

    @property
    def niveau_libelle(self) -> str:
        return NIVEAUX.get(self.niveau, self.niveau)

    @property
    def sieges_total(self) -> int:
        return sum(self.sieges.values())

    @property
    def voix_total(self) -> int:
        return sum(self.voix.values())


@dataclass
class LigneSynthese:
    """Un département : comités, couverture des EPCI par les comités locaux, sièges, séances."""

    region: str
    departement: str
    nom: str
    comites_departementaux: int = 0
    comites_locaux: int = 0
    epci: int = 0
    epci_couverts: int = 0
    population: int = 0
    population_couverte: int = 0
    sieges: int = 0
    seances: int = 0
    instances_supprimees: int = 0
    instances_integrees: int = 0
    feuilles_adoptees: int = 0

    @property
    def taux_epci(self) -> float | None:
        return self.epci_couverts / self.epci if self.epci else None

    @property
    def taux_population(self) -> float | None:
        return self.population_couverte / self.population if self.population else None


@dataclass
class Cartographie:
    """Le résultat : fiches, membres, instances, synthèse, et de quoi écrire la feuille Source."""

    perimetre: str
    regions: list[str]
    date_reference: date
    annee: int
    chemins: list[str]
    fichiers_lus: int
    ignores: list[tuple[str, list[str]]]
    source_geo: dict[str, Any]
    comites: list[FicheComite] = field(default_factory=list)
    membres: list[list[Any]] = field(default_factory=list)
    instances: list[list[Any]] = field(default_factory=list)
    synthese: list[LigneSynthese] = field(default_factory=list)
    totaux: list[LigneSynthese] = field(default_factory=list)


def jour(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def fiche_comite(comite: Any, fichier: str, geo: Any, seances: list[Any], feuilles: list[Any],
                 date_reference: date, annee: int) -> FicheComite:
    """La fiche d'un comité : coprésidence, territoire, arrêté, instances, sièges et voix par
    collège (R. 5311-17, -23, -32), plafond (R. 5311-18, -24, -29, -33, -35), séances de
    l'année, feuille de route."""
    from cte_cli.territoire import departements_de, territoire_comite

    territoire = territoire_comite(comite, geo)
    region = geo.regions.get(comite.region) or geo.collectivites_outre_mer.get(comite.region)
    deps = list(departements_de(comite, geo)) if comite.niveau != "regional" else list(comite.departements or [])
    nombre_deps = len(getattr(region, "departements", ())) if region else 0
    plafond = cat.plafond(comite, nombre_deps)
    sieges = Counter(m.college for m in comite.membres)
    voix = Counter()
    for m in comite.membres:
        voix[m.college] += m.voix or 0
    votants = cat.colleges_votants(comite)
    dates = [jour(s.date) for s in seances if jour(s.date).year == annee]
    etat_fdr, adoptee = _feuille_de_route(feuilles, date_reference)
    return FicheComite(
        id=comite.id,
        fichier=fichier,
        niveau=comite.niveau,
        nom=comite.nom,
        region=comite.region,
        region_nom=region.nom if region else "",
        departements=deps,
        departements_noms=[_nom_departement(geo, d) for d in deps],
        collectivite=comite.collectivite,
        forme=comite.forme,
        copresidence_etat=" ; ".join(p.qualite for p in comite.presidents if p.college == "etat"),
        copresidence_collectivites=" ; ".join(
            f"{p.qualite} ({cat.LIBELLES.get(p.college, p.college)})"
            for p in comite.presidents if p.college != "etat"
        ),
        presidents_noms=" ; ".join(p.nom for p in comite.presidents),
        epci=[(s, geo.epci[s].nom) for s in territoire.epci if s in geo.epci],
        communes=territoire.nombre_communes,
        population=territoire.population,
        arrete_reference=comite.arrete.reference if comite.arrete else None,
        arrete_date=comite.arrete.date if comite.arrete else None,
        installation=comite.installation,
        instances_supprimees=sum(1 for i in comite.instances_remplacees if i.devenir == "supprimee"),
        instances_integrees=sum(1 for i in comite.instances_remplacees if i.devenir == "integree"),
        sieges={c: sieges[c] for c in COLLEGES},
        voix={c: voix[c] for c in COLLEGES},
        voix_non_fixees=sum(1 for m in comite.membres if m.college in votants and m.voix is None),
        sieges_plafonnes=sum(1 for m in comite.membres if m.college in plafond.colleges),
        plafond=plafond.limite,
        plafond_article=plafond.article,
        seances_tenues=sum(1 for d in dates if d <= date_reference),
        seances_programmees=sum(1 for d in dates if d > date_reference),
        feuille_de_route=etat_fdr,
        feuille_adoptee_le=adoptee,
    )


def _nom_departement(geo: Any, code: str) -> str:
    if code in geo.departements:
        return geo.departements[code].nom
    collectivite = geo.collectivites_outre_mer.get(code)
    return collectivite.nom if collectivite else code


def _feuille_de_route(feuilles: list[Any], date_reference: date) -> tuple[str, date | None]:
    """« adoptée » (avec la date d'adoption la plus récente), « en préparation » ou « aucune »."""
    adoptions = [f.adoptee_le for f in feuilles if f.adoptee_le and f.adoptee_le <= date_reference]
    if adoptions:
        return "adoptée", max(adoptions)
    return ("en préparation", None) if feuilles else ("aucune", None)


def lignes_membres(comite: Any, geo: Any) -> list[list[Any]]:
    """Une ligne par coprésident, membre et invité : collège, catégorie du décret, voix, mandat."""
    compo = cat.composition(comite)
    base = [comite.id, comite.nom, NIVEAUX.get(comite.niveau, comite.niveau)]
    lignes = []
    for p in comite.presidents:
        lignes.append([*base, "coprésident", cat.LIBELLES.get(p.college, p.college), "coprésidence",
                       p.nom, p.qualite, None, None, None, None, None, None, None])
    for m in comite.membres:
        rang = compo.categories.get(m.college)
        categorie = f"{rang} de {compo.article}" if rang else "hors catégorie"
        epci = geo.epci[m.epci].nom if m.epci and m.epci in geo.epci else m.epci
        lignes.append([
            *base, "membre", cat.LIBELLES.get(m.college, m.college), categorie, m.nom, m.qualite,
            m.organisation, epci, m.departement, m.voix,
            m.mandat.debut if m.mandat else None, m.mandat.fin if m.mandat else None,
            " ; ".join(s.nom for s in m.suppleants) or None,
        ])
    for i in comite.invites:
        lignes.append([*base, "invité", None, "invité sans voix", i.nom, i.qualite, i.organisation,
                       None, None, None, None, None, None])
    return lignes


def lignes_instances(comite: Any) -> list[list[Any]]:
    deps = ", ".join(comite.departements or [])
    return [
        [comite.id, comite.nom, NIVEAUX.get(comite.niveau, comite.niveau), deps, i.nom, i.type,
         DEVENIRS[i.devenir]]
        for i in comite.instances_remplacees
    ]


def synthese(fiches: list[FicheComite], comites: list[Any], regions: list[str], geo: Any
             ) -> tuple[list[LigneSynthese], list[LigneSynthese]]:
    """Par département des régions retenues : comités, couverture des EPCI et de la population
    par les comités locaux (R. 5311-30 ; territoire.couvertures), sièges, séances. Puis un total
    par région, qui compte aussi le comité régional."""
    from cte_cli.territoire import couvertures

    codes = [d for r in regions if r in geo.regions for d in geo.regions[r].departements]
    lignes = {}
    epci_region: dict[str, set[str]] = {r: set() for r in regions}
    non_couverts_region: dict[str, set[str]] = {r: set() for r in regions}
    for couv in couvertures(comites, geo, codes):
        d = couv.departement
        region = geo.departements[d].region
        epci = {e.siren for e in geo.epci_du_departement(d)}
        non_couverts = {u.code for u in couv.non_couvertes if not u.est_commune}
        epci_region.setdefault(region, set()).update(epci)
        non_couverts_region.setdefault(region, set()).update(non_couverts)
        lignes[d] = LigneSynthese(
            region=region, departement=d, nom=geo.departements[d].nom,
            epci=len(epci), epci_couverts=len(epci - non_couverts),
            population=couv.population, population_couverte=couv.population_couverte,
        )
    totaux = {r: LigneSynthese(region=r, departement="", nom=f"Total {geo.regions[r].nom}")
              for r in regions if r in geo.regions}
    for r, total in totaux.items():
        # un EPCI à cheval sur deux départements de la région n'est compté qu'une fois
        total.epci = len(epci_region[r])
        total.epci_couverts = len(epci_region[r] - non_couverts_region[r])
    for fiche in fiches:
        cibles = [lignes[d] for d in fiche.departements if d in lignes and fiche.niveau != "regional"]
        if fiche.region in totaux:
            cibles.append(totaux[fiche.region])
        for ligne in cibles:
            ligne.comites_departementaux += fiche.niveau in ("departemental", "territorial")
            ligne.comites_locaux += fiche.niveau == "local"
            ligne.sieges += fiche.sieges_total
            ligne.seances += fiche.seances_tenues
            ligne.instances_supprimees += fiche.instances_supprimees
            ligne.instances_integrees += fiche.instances_integrees
            ligne.feuilles_adoptees += fiche.feuille_de_route == "adoptée"
    for ligne in lignes.values():
        total = totaux.get(ligne.region)
        if total is not None:
            for nom in ("population", "population_couverte"):
                setattr(total, nom, getattr(total, nom) + getattr(ligne, nom))
    return [lignes[d] for d in sorted(lignes)], list(totaux.values())


def cle_tri(fiche: FicheComite) -> tuple:
    return (fiche.region, ORDRE_NIVEAU.get(fiche.niveau, 9), fiche.departements[:1], fiche.nom)
