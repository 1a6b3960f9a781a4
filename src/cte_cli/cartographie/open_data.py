"""La cartographie en données ouvertes : un CSV et son Table Schema, sans donnée personnelle.

- CSV : UTF-8 sans BOM, séparateur **virgule**, guillemets doubles quand il le faut, fin de
  ligne CRLF (RFC 4180, dialecte par défaut de Table Schema / Frictionless, recommandé par
  les guides de schema.data.gouv.fr). Une cellule porte plusieurs valeurs (codes de
  départements, SIREN, noms d'EPCI) séparées par « | ». Un texte qui commencerait par
  ``= + - @``, une tabulation ou un retour chariot est préfixé d'une apostrophe (OWASP).
- Table Schema (https://specs.frictionlessdata.io/table-schema/) : chaque colonne a `name`,
  `title`, `type`, `description` et ses contraintes.

Aucune donnée personnelle : les colonnes sont une **liste blanche** de champs qui ne portent ni
nom de personne ni courriel ; la coprésidence est décrite par les qualités et les collèges.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from cte_cli.cartographie.donnees import NIVEAUX, Cartographie, FicheComite
from cte_cli.cartographie.tableur import neutraliser
from cte_cli.droit.categories import LIBELLES
from cte_cli.model.types import COLLEGES

SEPARATEUR = ","
SEPARATEUR_VALEURS = "|"
MOTIF_DEPARTEMENT = r"(\d{2}|2[AB]|97\d)"
MOTIF_SIREN = r"\d{9}"


def _par_college(f: FicheComite, c: Cartographie, *, nature: str, college: str) -> Any:
    """Sièges ou voix (`nature`) d'un collège de la fiche."""
    return getattr(f, nature)[college]


@dataclass(frozen=True)
class Champ:
    """Une colonne du CSV : nom, titre, type Table Schema, description, contraintes, valeur."""

    name: str
    title: str
    type: str
    description: str
    valeur: Callable[[FicheComite, Cartographie], Any]
    constraints: dict[str, Any] | None = None

    def descripteur(self) -> dict[str, Any]:
        champ: dict[str, Any] = {"name": self.name, "title": self.title, "type": self.type,
                                 "description": self.description}
        if self.type == "date":
            champ["format"] = "default"
        if self.constraints:
            champ["constraints"] = dict(self.constraints)
        return champ


def _liste(motif: str) -> str:
    return f"^{motif}(\\|{motif})*$"


def _joindre(valeurs) -> str:
    return SEPARATEUR_VALEURS.join(v.replace(SEPARATEUR_VALEURS, "/") for v in valeurs)


OBLIGATOIRE = {"required": True}
ENTIER_POSITIF = {"required": True, "minimum": 0}


def _champs() -> list[Champ]:
    champs = [
        Champ("id", "Identifiant", "string", "Identifiant du comité dans le dépôt de configuration.",
              lambda f, c: f.id, {"required": True, "unique": True, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}),
        Champ("niveau", "Niveau", "string",
              "Niveau du comité : regional (L. 5311-10 I 1°), departemental, local, territorial "
              "(L. 5523-7, L. 5523-8) ou territorial_unique (L. 5523-9).",
              lambda f, c: f.niveau, {"required": True, "enum": list(NIVEAUX)}),
        Champ("nom", "Nom", "string", "Nom officiel du comité.", lambda f, c: f.nom, OBLIGATOIRE),
        Champ("region_code", "Code de la région", "string", "Code INSEE de la région.",
              lambda f, c: f.region, {"required": True, "pattern": r"^\d{2,3}$"}),
        Champ("region_nom", "Région", "string", "Nom de la région (COG).", lambda f, c: f.region_nom),
        Champ("departements_codes", "Départements", "string",
              "Codes INSEE du ou des départements du ressort, séparés par « | » (vide pour un "
              "comité régional).", lambda f, c: _joindre(f.departements),
              {"pattern": _liste(MOTIF_DEPARTEMENT)}),
        Champ("departements_noms", "Noms des départements", "string",
              "Noms des départements, séparés par « | ».", lambda f, c: _joindre(f.departements_noms)),
        Champ("collectivite", "Collectivité (R. 5311-28)", "string",
              "Collectivité exerçant les compétences du département (metropole-de-lyon, "
              "ville-de-paris, alsace, corse ou SIREN), le cas échéant.", lambda f, c: f.collectivite),
        Champ("forme", "Forme du comité régional", "string",
              "au_sein_du_crefop ou crefop_renomme (L. 5311-10 I 1°), pour un comité régional.",
              lambda f, c: f.forme, {"enum": ["au_sein_du_crefop", "crefop_renomme"]}),
        Champ("copresidence_etat", "Coprésidence : État", "string",
              "Qualité du coprésident représentant l'État (sans son nom).",
              lambda f, c: f.copresidence_etat),
        Champ("copresidence_collectivites", "Coprésidence : collectivités", "string",
              "Qualité et collège des coprésidents représentant les collectivités (R. 5311-16, "
              "R. 5311-22, R. 5311-31), séparés par « ; », sans leurs noms.",
              lambda f, c: f.copresidence_collectivites),
        Champ("epci_nombre", "Nombre d'EPCI", "integer",
              "Nombre d'EPCI à fiscalité propre (ou d'EPT) ayant au moins une commune dans le "
              "territoire du comité.", lambda f, c: len(f.epci), ENTIER_POSITIF),
        Champ("epci_siren", "SIREN des EPCI", "string", "SIREN de ces EPCI, séparés par « | ».",
              lambda f, c: _joindre(s for s, _ in f.epci), {"pattern": _liste(MOTIF_SIREN)}),
        Champ("epci_noms", "Noms des EPCI", "string", "Noms de ces EPCI, séparés par « | ».",
              lambda f, c: _joindre(n for _, n in f.epci)),
        Champ("communes_nombre", "Nombre de communes", "integer",
              "Nombre de communes du territoire du comité (COG).", lambda f, c: f.communes, ENTIER_POSITIF),
        Champ("population", "Population municipale", "integer",
              "Population municipale du territoire (populations légales INSEE en vigueur, somme "
              "des communes).", lambda f, c: f.population, ENTIER_POSITIF),
        Champ("arrete_reference", "Arrêté de composition", "string",
              "Référence de l'arrêté fixant la composition du comité.", lambda f, c: f.arrete_reference),
        Champ("arrete_date", "Date de l'arrêté", "date", "Date de l'arrêté (AAAA-MM-JJ).",
              lambda f, c: f.arrete_date),
        Champ("installation_date", "Date d'installation", "date",
              "Date d'installation du comité (AAAA-MM-JJ).", lambda f, c: f.installation),
        Champ("instances_supprimees", "Instances supprimées", "integer",
              "Nombre d'instances antérieures (SPER, SPED, SPEL, CDIAE, CDEI, autres) supprimées.",
              lambda f, c: f.instances_supprimees, ENTIER_POSITIF),
        Champ("instances_integrees", "Instances intégrées", "integer",
              "Nombre d'instances antérieures intégrées au comité.",
              lambda f, c: f.instances_integrees, ENTIER_POSITIF),
        Champ("sieges_total", "Sièges", "integer", "Nombre de membres (hors coprésidents et invités).",
              lambda f, c: f.sieges_total, ENTIER_POSITIF),
        Champ("voix_total", "Voix", "integer", "Total des voix fixées par l'arrêté (R. 5311-37 à -39).",
              lambda f, c: f.voix_total, ENTIER_POSITIF),
    ]
    for nature, titre, description in (("sieges", "Sièges", "Nombre de membres au titre"),
                                       ("voix", "Voix", "Voix des membres")):
        for college in COLLEGES:
            libelle = LIBELLES[college]
            champs.append(Champ(
                f"{nature}_{college}", f"{titre} : {libelle}", "integer",
                f"{description} du collège « {libelle} ».",
                partial(_par_college, nature=nature, college=college), ENTIER_POSITIF))
    champs += [
        Champ("seances_annee", "Année des séances", "year", "Année civile des séances comptées.",
              lambda f, c: c.annee, OBLIGATOIRE),
        Champ("seances_tenues", "Séances tenues", "integer",
              "Séances tenues dans l'année jusqu'à la date de référence (toutes natures).",
              lambda f, c: f.seances_tenues, ENTIER_POSITIF),
        Champ("feuille_de_route", "Feuille de route", "string",
              "adoptee (adoptée à la date de référence), en_preparation ou aucune.",
              lambda f, c: _FEUILLE[f.feuille_de_route],
              {"required": True, "enum": list(_FEUILLE.values())}),
        Champ("feuille_de_route_adoptee_le", "Feuille de route adoptée le", "date",
              "Date d'adoption de la feuille de route en vigueur (AAAA-MM-JJ).",
              lambda f, c: f.feuille_adoptee_le),
        Champ("date_reference", "Date de référence", "date",
              "Date à laquelle la cartographie a été établie.", lambda f, c: c.date_reference, OBLIGATOIRE),
    ]
    return champs


_FEUILLE = {"adoptée": "adoptee", "en préparation": "en_preparation", "aucune": "aucune"}
CHAMPS = _champs()


def schema(carto: Cartographie) -> dict[str, Any]:
    """Le Table Schema du CSV (spécification Frictionless Table Schema)."""
    geo = carto.source_geo
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
        "name": "cte-cartographie",
        "title": "Cartographie des comités territoriaux pour l'emploi",
        "description": (
            "Une ligne par comité territorial pour l'emploi (loi n° 2023-1196, décret n° 2024-560, "
            "instruction DGEFP/DAT/2024/92) : niveau, territoire, coprésidence (qualités), "
            "arrêté, instances remplacées, sièges et voix par collège, séances, feuille de route. "
            "Aucune donnée personnelle. CSV en UTF-8, séparateur virgule, valeurs multiples "
            "séparées par « | »."
        ),
        "countryCode": "FR",
        "created": carto.date_reference.isoformat(),
        "sources": [{
            "title": f"Référentiel géographique {geo.get('millesime')} ({geo.get('paquet')} "
                     f"{geo.get('version')}, {geo.get('licence')})",
            "path": geo.get("url"),
        }],
        "missingValues": [""],
        "primaryKey": ["id"],
        "fields": [c.descripteur() for c in CHAMPS],
    }


def _cellule(valeur: Any) -> Any:
    if valeur is None:
        return ""
    if isinstance(valeur, date):
        return valeur.isoformat()
    return neutraliser(valeur)


def csv_texte(carto: Cartographie) -> str:
    """Le CSV : une ligne d'en-tête (noms des champs) puis une ligne par comité."""
    flux = io.StringIO(newline="")
    ecrivain = csv.writer(flux, delimiter=SEPARATEUR, quotechar='"', lineterminator="\r\n")
    ecrivain.writerow([c.name for c in CHAMPS])
    for fiche in carto.comites:
        ecrivain.writerow([_cellule(c.valeur(fiche, carto)) for c in CHAMPS])
    return flux.getvalue()


def schema_texte(carto: Cartographie) -> str:
    return json.dumps(schema(carto), ensure_ascii=False, indent=2) + "\n"
