"""Référentiel géographique hors ligne : régions, départements, EPCI, EPT, communes (COG 2026).

Données dérivées du paquet npm ``@etalab/decoupage-administratif`` 6.0.0 (MIT) par
``scripts/construire_referentiel.py`` ; provenance et disposition des fichiers dans
``data/PROVENANCE.md``.

Deux fichiers :

- ``data/geographie.json`` (≈ 450 Ko) est lu par :func:`geographie`, une seule fois par
  processus, à chaque validation ;
- ``data/communes.json.gz`` (≈ 35 000 communes) n'est lu qu'au premier appel de
  :meth:`Geographie.commune` ou :meth:`Geographie.communes_du_departement`.

Lecture seule : les objets sont des dataclasses gelées et les tables des
:class:`types.MappingProxyType`. Ce module n'importe ni pydantic ni rien de lourd.

Codes : les codes INSEE et les SIREN sont des chaînes (``"2A"``, ``"971"``, ``"242100410"``).
L'ordre des codes de départements est l'ordre lexicographique, qui est celui de l'INSEE
(``"29" < "2A" < "2B" < "30"``, ``"95" < "971"``).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from cte_cli.erreurs import CteErreur

__all__ = [
    "DOSSIER_DONNEES",
    "CollectiviteOutreMer",
    "Commune",
    "Departement",
    "Epci",
    "Geographie",
    "ReferentielErreur",
    "Region",
    "geographie",
]

DOSSIER_DONNEES = Path(__file__).resolve().parent / "data"
FICHIER_GEOGRAPHIE = "geographie.json"
FICHIER_COMMUNES = "communes.json.gz"
#: codes et populations des communes par département, dérivés de FICHIER_COMMUNES
#: (scripts/construire_referentiel.py) : la couverture n'a pas à lire les 35 000 communes
FICHIER_POPULATIONS = "populations.json"
FORMAT = 1

#: Types de groupements de :attr:`Epci.type`.
TYPES_EPCI_FISCALITE_PROPRE = frozenset({"CC", "CA", "CU", "METRO", "MET69"})
TYPE_EPT = "EPT"


class ReferentielErreur(CteErreur):
    """Le référentiel embarqué est absent, illisible ou incohérent (installation abîmée)."""


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    nom: str
    chef_lieu: str
    """Code INSEE de la commune chef-lieu."""
    departements: tuple[str, ...]
    """Codes des départements de la région, triés."""
    outre_mer: bool
    """Région d'outre-mer (codes 01 à 06 : Guadeloupe, Martinique, Guyane, La Réunion, Mayotte)."""


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str
    outre_mer: bool
    """Département d'outre-mer (971 à 974, 976)."""
    chef_lieu: str
    """Code INSEE de la commune chef-lieu (préfecture)."""


@dataclass(frozen=True, slots=True)
class CollectiviteOutreMer:
    """Collectivité d'outre-mer de l'article L. 5523-9 : 975, 977, 978."""

    code: str
    nom: str
    communes: tuple[str, ...]
    """Codes INSEE de ses communes (Saint-Pierre-et-Miquelon en a deux, les autres une)."""
    chef_lieu: str


@dataclass(frozen=True, slots=True)
class Epci:
    """EPCI à fiscalité propre, Métropole de Lyon ou établissement public territorial.

    ``type`` vaut ``CC``, ``CA``, ``CU``, ``METRO`` (dont la Métropole du Grand Paris),
    ``MET69`` (Métropole de Lyon, collectivité à statut particulier que la DGCL recense avec
    les EPCI à fiscalité propre) ou ``EPT`` (établissement public territorial du Grand Paris,
    article L. 5219-2 du CGCT).
    """

    siren: str
    nom: str
    type: str
    departements: tuple[str, ...]
    """Départements où se trouve au moins une commune membre, triés par code (pas de
    département « principal » : la source ne donne pas le siège)."""
    communes: tuple[str, ...]
    """Codes INSEE des communes membres, triés."""
    population: int
    """Population municipale : somme de celles des communes membres (populations légales en
    vigueur au 1er janvier 2026)."""

    @property
    def est_ept(self) -> bool:
        return self.type == TYPE_EPT

    @property
    def fiscalite_propre(self) -> bool:
        """Vrai pour les EPCI à fiscalité propre et la Métropole de Lyon, faux pour les EPT."""
        return self.type != TYPE_EPT


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    nom: str
    departement: str
    """Code du département, ou de la collectivité d'outre-mer (975, 977, 978, 984…)."""
    region: str
    """Code de la région ; pour une collectivité d'outre-mer, son propre code."""
    epci: str | None
    """SIREN de l'EPCI à fiscalité propre (ou de la Métropole de Lyon) ; None hors EPCI
    (îles mono-communales, collectivités d'outre-mer)."""
    ept: str | None
    """SIREN de l'EPT du Grand Paris, ou None."""
    population: int | None
    """Population municipale ; None quand la source n'en donne pas (TAAF, Clipperton)."""


class Geographie:
    """Le référentiel chargé. Obtenez-le par :func:`geographie` (mis en cache)."""

    __slots__ = (
        "_source",
        "regions",
        "departements",
        "collectivites_outre_mer",
        "epci",
        "metropole_du_grand_paris",
        "_epci_par_dep",
        "_ept_par_dep",
        "_epci_du_dep",
        "_chemin_communes",
        "_lignes",
        "_codes_par_dep",
        "_communes",
        "_communes_par_dep",
        "_populations_par_dep",
        "_table_populations",
        "_verrou",
    )

    regions: MappingProxyType[str, Region]
    departements: MappingProxyType[str, Departement]
    collectivites_outre_mer: MappingProxyType[str, CollectiviteOutreMer]
    epci: MappingProxyType[str, Epci]
    """EPCI à fiscalité propre (dont la Métropole de Lyon) et EPT, par SIREN : le 4° de
    l'article R. 5311-32 les traite de la même façon."""
    metropole_du_grand_paris: str
    """SIREN de la Métropole du Grand Paris (200054781)."""

    def __init__(self, donnees: dict, chemin_communes: Path) -> None:
        if donnees.get("format") != FORMAT:
            raise ReferentielErreur(
                f"format du référentiel géographique non pris en charge : {donnees.get('format')!r}"
            )
        self._source: dict = donnees["source"]
        self.regions = MappingProxyType(
            {
                code: Region(
                    code, r["nom"], r["chef_lieu"], tuple(r["departements"]), r["zone"] != "metro"
                )
                for code, r in donnees["regions"].items()
            }
        )
        self.departements = MappingProxyType(
            {
                code: Departement(code, d["nom"], d["region"], d["zone"] != "metro", d["chef_lieu"])
                for code, d in donnees["departements"].items()
            }
        )
        self.collectivites_outre_mer = MappingProxyType(
            {
                code: CollectiviteOutreMer(code, c["nom"], tuple(c["communes"]), c["chef_lieu"])
                for code, c in donnees["collectivites_outre_mer"].items()
            }
        )
        groupements = {}
        for cle in ("epci", "ept"):
            for siren, e in donnees[cle].items():
                groupements[siren] = Epci(
                    siren,
                    e["nom"],
                    e["type"],
                    tuple(e["departements"]),
                    tuple(e["communes"]),
                    e["population"],
                )
        self.epci = MappingProxyType(groupements)
        self.metropole_du_grand_paris = donnees["metropole_du_grand_paris"]
        self._epci_par_dep: dict[str, tuple[str, ...]] = {
            code: tuple(d["epci"]) for code, d in donnees["departements"].items()
        }
        self._ept_par_dep: dict[str, tuple[str, ...]] = {
            code: tuple(d["ept"]) for code, d in donnees["departements"].items()
        }
        self._epci_du_dep: dict[str, tuple[Epci, ...]] = {}
        self._chemin_communes = chemin_communes
        # Communes : lignes brutes lues à la demande, objets Commune créés à la demande.
        self._lignes: dict[str, list] | None = None
        self._codes_par_dep: dict[str, list[str]] = {}
        self._communes: dict[str, Commune] = {}
        self._communes_par_dep: dict[str, tuple[Commune, ...]] = {}
        self._populations_par_dep: dict[str, MappingProxyType[str, int | None]] = {}
        self._table_populations: dict | None = None
        self._verrou = threading.Lock()

    # -- chargement -----------------------------------------------------------------------

    @classmethod
    def charger(cls, dossier: Path | str = DOSSIER_DONNEES) -> Geographie:
        """Lit ``geographie.json`` dans ``dossier`` (les communes restent à lire plus tard)."""
        dossier = Path(dossier)
        chemin = dossier / FICHIER_GEOGRAPHIE
        try:
            donnees = json.loads(chemin.read_bytes())
        except (OSError, ValueError) as exc:
            raise ReferentielErreur(
                f"référentiel géographique illisible ({exc}) ; réinstallez cte ou régénérez-le "
                "avec scripts/construire_referentiel.py",
                fichier=str(chemin),
            ) from exc
        return cls(donnees, dossier / FICHIER_COMMUNES)

    def _charger_communes(self) -> dict[str, list]:
        with self._verrou:
            if self._lignes is not None:
                return self._lignes
            import gzip

            chemin = self._chemin_communes
            try:
                donnees = json.loads(gzip.decompress(chemin.read_bytes()))
            except (OSError, ValueError, EOFError) as exc:
                raise ReferentielErreur(
                    f"fichier des communes illisible ({exc})", fichier=str(chemin)
                ) from exc
            attendu = {k: self._source.get(k) for k in ("paquet", "version", "genere_le")}
            lu = {k: donnees.get("source", {}).get(k) for k in attendu}
            if donnees.get("format") != FORMAT or lu != attendu:
                raise ReferentielErreur(
                    f"fichier des communes d'une autre génération que geographie.json ({lu})",
                    fichier=str(chemin),
                )
            colonnes = tuple(donnees["colonnes"])
            if colonnes != Commune.__match_args__:
                raise ReferentielErreur(f"colonnes inattendues : {colonnes}", fichier=str(chemin))
            lignes: dict[str, list] = {}
            par_dep: dict[str, list[str]] = {}
            for ligne in donnees["communes"]:
                lignes[ligne[0]] = ligne
                par_dep.setdefault(ligne[2], []).append(ligne[0])
            self._codes_par_dep = par_dep
            self._lignes = lignes
            return lignes

    def _populations(self) -> dict:
        """La table des populations par département (FICHIER_POPULATIONS), lue une fois ; même
        génération que geographie.json, vérifiée comme pour les communes."""
        if self._table_populations is not None:
            return self._table_populations
        chemin = self._chemin_communes.with_name(FICHIER_POPULATIONS)
        try:
            table = json.loads(chemin.read_bytes())
        except (OSError, ValueError) as exc:
            raise ReferentielErreur(f"table des populations illisible ({exc})", fichier=str(chemin)) from exc
        attendu = {k: self._source.get(k) for k in ("paquet", "version", "genere_le")}
        lu = {k: table.get("source", {}).get(k) for k in attendu}
        if table.get("format") != FORMAT or lu != attendu:
            raise ReferentielErreur(
                f"table des populations d'une autre génération que geographie.json ({lu}) ; régénérez-la "
                "avec scripts/construire_referentiel.py --populations", fichier=str(chemin),
            )
        self._table_populations = table
        return table

    # -- consultation ---------------------------------------------------------------------

    @property
    def source(self) -> dict:
        """Provenance : paquet, version, millesime, licence, url, archive, genere_le… (copie)."""
        return json.loads(json.dumps(self._source))

    def nombre_departements(self, region: str) -> int:
        """Nombre de départements de la région (KeyError si le code est inconnu)."""
        return len(self.regions[region].departements)

    def epci_du_departement(self, departement: str) -> tuple[Epci, ...]:
        """Groupements à retenir au titre du 4° de l'article R. 5311-32 dans un département.

        Renvoie, triés par SIREN, les EPCI à fiscalité propre qui ont au moins une commune
        dans le département (y compris ceux qui débordent sur d'autres départements, et la
        Métropole de Lyon dans le 69), et les EPT qui y ont au moins une commune.

        Grand Paris : le 4° de l'article R. 5311-32 vise les EPCI à fiscalité propre « ou »
        les établissements publics territoriaux de l'article L. 5219-2 du CGCT. Dans le
        périmètre de la Métropole du Grand Paris, l'intercommunalité de proximité est l'EPT :
        la MGP couvre à elle seule 130 communes de six départements et ne peut pas donner
        « un représentant de chacun » des groupements d'un comité local. On renvoie donc les
        EPT à la place de la MGP : 11 EPT dans les 92, 93, 94, et aussi dans l'Essonne (91,
        six communes de Grand-Orly Seine Bièvre) et le Val-d'Oise (95, Argenteuil dans
        Boucle Nord de Seine), où la MGP est elle aussi remplacée par l'EPT.

        Paris (75) : les données ne contiennent pas de « territoire de Paris » ; la commune de
        Paris (75056) n'appartient à aucun EPT, seulement à la MGP. Le résultat pour le 75 est
        donc vide : Paris relève de la ville de Paris (commune et département, R. 5311-28),
        pas d'un groupement du 4°. La MGP reste présente dans :attr:`epci` : une
        configuration qui la cite reste reconnue.

        Codes 975, 977, 978 : tuple vide (pas d'EPCI). Code inconnu : ``KeyError``.
        """
        resultat = self._epci_du_dep.get(departement)
        if resultat is not None:
            return resultat
        if departement in self.departements:
            sirens = sorted(
                {s for s in self._epci_par_dep[departement] if s != self.metropole_du_grand_paris}
                | set(self._ept_par_dep[departement])
            )
            resultat = tuple(self.epci[s] for s in sirens)
        elif departement in self.collectivites_outre_mer:
            resultat = ()
        else:
            raise KeyError(departement)
        self._epci_du_dep[departement] = resultat
        return resultat

    def population_epci(self, siren: str) -> int:
        """Population municipale de l'EPCI ou de l'EPT (KeyError si le SIREN est inconnu)."""
        return self.epci[siren].population

    def commune(self, code: str) -> Commune | None:
        """La commune actuelle de ce code INSEE, ou None. Charge les communes au premier appel."""
        commune = self._communes.get(code)
        if commune is None:
            lignes = self._lignes if self._lignes is not None else self._charger_communes()
            ligne = lignes.get(code)
            if ligne is None:
                return None
            commune = self._communes.setdefault(code, Commune(*ligne))
        return commune

    def communes_du_departement(self, departement: str) -> tuple[Commune, ...]:
        """Communes du département (ou de la collectivité d'outre-mer), triées par code ;
        tuple vide si le code n'a pas de commune."""
        resultat = self._communes_par_dep.get(departement)
        if resultat is None:
            if self._lignes is None:
                self._charger_communes()
            codes = self._codes_par_dep.get(departement, ())
            lignes, communes = self._lignes, self._communes
            assert lignes is not None  # chargées ci-dessus
            resultat = tuple(
                communes.get(code) or communes.setdefault(code, Commune(*lignes[code]))
                for code in codes if code in lignes
            )
            self._communes_par_dep[departement] = resultat
        return resultat

    def populations_du_departement(self, departement: str) -> MappingProxyType[str, int | None]:
        """{code INSEE: population municipale} des communes du département, dans l'ordre de
        :meth:`communes_du_departement`, sans créer d'objets :class:`Commune` : les calculs de
        couverture n'ont besoin que des codes et des populations des 35 000 communes.
        Collectivités d'outre-mer (975, 977, 978) : voir ``collectivites_outre_mer``."""
        resultat = self._populations_par_dep.get(departement)
        if resultat is None:
            paires = self._populations()["departements"].get(departement, "").split()
            resultat = MappingProxyType({
                code: None if population == "-" else int(population)
                for code, population in zip(paires[::2], paires[1::2], strict=True)
            })
            self._populations_par_dep[departement] = resultat
        return resultat

    def nom_commune(self, code: str) -> str | None:
        """Le nom de la commune de ce code INSEE, ou None ; sans lire les 35 000 communes pour
        celles qui ne sont dans aucun groupement de leur département (îles, Paris), les seules
        que la couverture nomme."""
        nom = self._populations()["noms_hors_groupement"].get(code)
        if nom is not None:
            return nom
        commune = self.commune(code)
        return commune.nom if commune is not None else None

    def __repr__(self) -> str:
        s = self._source
        return (
            f"<Geographie {s.get('millesime')} ({s.get('paquet')}@{s.get('version')}) : "
            f"{len(self.regions)} régions, {len(self.departements)} départements, "
            f"{len(self.epci)} EPCI et EPT>"
        )


@cache
def geographie() -> Geographie:
    """Le référentiel embarqué, chargé une fois par processus (communes à la demande)."""
    return Geographie.charger(DOSSIER_DONNEES)
