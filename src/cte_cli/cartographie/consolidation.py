"""Consolidation nationale des cartographies régionales (DGEFP) : `cte cartographie --consolider`.

L'instruction DGEFP/DAT/2024/92 demande à chaque DREETS sa cartographie ; la DGEFP en réunit
dix-huit. Entrées : les CSV open data de `cte cartographie --open-data` (avec, à côté, leur
Table Schema `.schema.json`) ou les classeurs `.xlsx` de `cte cartographie` (feuilles Comités
et Source ; la colonne des noms des coprésidents n'est jamais reprise). Contrôles :

- chaque fichier contre le Table Schema de cte (colonnes, types, motifs, listes, valeurs
  requises), identifiants uniques dans tout le pays ;
- référentiel géographique : chaque département rattaché à la région que dit le COG, aucune
  région fournie deux fois, aucun département couvert par les comités départementaux de deux
  fichiers, régions et départements manquants (avertissement), millésimes du COG différents
  entre les fichiers ou de celui de cte (erreur).

Sorties : le classeur national (feuilles Comités, Régions, Sources, aucune donnée
personnelle) et le CSV open data national avec son Table Schema. Rien n'est écrit s'il y a une
erreur.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cte_cli.erreurs import CteErreur

MILLESIME = re.compile(r"COG\s+(\d{4})")


@dataclass
class Probleme:
    gravite: str  # « erreur » ou « avertissement »
    fichier: str
    message: str
    ligne: int | None = None

    def __str__(self) -> str:
        lieu = f"{self.fichier}:{self.ligne}" if self.ligne else self.fichier
        return f"{lieu}: {self.gravite} : {self.message}"


@dataclass
class Source:
    """Un fichier régional lu : lignes (champ -> texte), millésime du COG, date de référence."""

    chemin: Path
    nature: str
    lignes: list[dict[str, str]] = field(default_factory=list)
    numeros: list[int] = field(default_factory=list)
    millesime: str | None = None
    date_reference: str | None = None
    genere_par: str | None = None
    sha256: str = ""

    @property
    def regions(self) -> list[str]:
        return sorted({ligne.get("region_code", "") for ligne in self.lignes} - {""})


@dataclass
class Consolidation:
    sources: list[Source]
    lignes: list[dict[str, str]]
    problemes: list[Probleme]
    regions_manquantes: list[str]
    departements_manquants: list[str]
    millesime: str

    @property
    def erreurs(self) -> list[Probleme]:
        return [p for p in self.problemes if p.gravite == "erreur"]


def _champs():
    from cte_cli.cartographie.open_data import CHAMPS

    return CHAMPS


# --- lecture -------------------------------------------------------------------------------------


#: début du nom des fichiers qu'écrit la consolidation (`cte cartographie --consolider`)
PREFIXE_NATIONAL = "cartographie-nationale-consolidee"


def fichiers_d_entree(chemins: Sequence[str | os.PathLike[str]], exclus: Sequence[Path] = ()) -> list[Path]:
    """Les CSV et classeurs donnés, ou trouvés dans les dossiers donnés (triés). Dans un dossier,
    une consolidation nationale déjà écrite (`PREFIXE_NATIONAL`, ou l'un des fichiers `exclus` :
    ceux que cette consolidation va écrire) n'est pas une cartographie régionale : elle est
    ignorée, pour qu'on puisse consolider à nouveau le même dossier après l'arrivée d'une région."""
    sorties = {p.resolve() for p in exclus}
    trouves: list[Path] = []
    for chemin in chemins:
        p = Path(chemin)
        if p.is_dir():
            trouves += sorted(x for x in p.iterdir() if x.suffix.lower() in (".csv", ".xlsx")
                              and not x.name.startswith((".", "~$", PREFIXE_NATIONAL))
                              and x.resolve() not in sorties)
        elif p.is_file():
            trouves.append(p)
        else:
            raise CteErreur(f"chemin introuvable : {p}")
    if not trouves:
        raise CteErreur("aucun fichier à consolider (.csv de cte cartographie --open-data ou .xlsx de cte cartographie)")
    return list(dict.fromkeys(trouves))


def lire_source(chemin: Path, problemes: list[Probleme]) -> Source:
    brut = chemin.read_bytes()
    if chemin.suffix.lower() == ".xlsx":
        source = _lire_classeur(chemin, problemes)
    else:
        source = _lire_csv(chemin, brut, problemes)
    source.sha256 = hashlib.sha256(brut).hexdigest()
    return source


def _lire_csv(chemin: Path, brut: bytes, problemes: list[Probleme]) -> Source:
    source = Source(chemin, "CSV open data")
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError:
        problemes.append(Probleme("erreur", str(chemin), "le CSV n'est pas en UTF-8"))
        return source
    if texte.startswith("\ufeff"):
        problemes.append(Probleme("avertissement", str(chemin), "marque d'ordre d'octets (BOM) en tête : "
                                  "le CSV de cte n'en a pas"))
        texte = texte[1:]
    lecteur = csv.reader(io.StringIO(texte, newline=""))
    entete = next(lecteur, [])
    attendu = [c.name for c in _champs()]
    if entete != attendu:
        manquantes = [c for c in attendu if c not in entete]
        en_trop = [c for c in entete if c not in attendu]
        detail = (f"colonnes manquantes : {', '.join(manquantes)}" if manquantes else "") + \
                 (f" ; colonnes inconnues : {', '.join(en_trop)}" if en_trop else "") or "ordre des colonnes différent"
        problemes.append(Probleme("erreur", str(chemin), f"en-tête différent du Table Schema de cte ({detail.strip(' ;')})",
                                  1))
        return source
    for numero, cellules in enumerate(lecteur, 2):
        if not any(cellules):
            continue
        if len(cellules) != len(attendu):
            problemes.append(Probleme("erreur", str(chemin), f"{len(cellules)} cellules au lieu de {len(attendu)}", numero))
            continue
        source.lignes.append(dict(zip(attendu, cellules, strict=True)))
        source.numeros.append(numero)
    schema = chemin.with_name(chemin.name.removesuffix(chemin.suffix) + ".schema.json")
    if schema.is_file():
        _lire_schema(schema, source, problemes)
    else:
        problemes.append(Probleme("avertissement", str(chemin), f"Table Schema absent ({schema.name}) : "
                                  "millésime du COG inconnu"))
    if source.lignes and not source.date_reference:
        source.date_reference = source.lignes[0].get("date_reference")
    return source


def _lire_schema(chemin: Path, source: Source, problemes: list[Probleme]) -> None:
    try:
        schema = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        problemes.append(Probleme("erreur", str(chemin), "Table Schema illisible (JSON invalide)"))
        return
    noms = [f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)]
    if noms != [c.name for c in _champs()]:
        problemes.append(Probleme("erreur", str(chemin), "Table Schema différent de celui de cte (champs)"))
    for s in schema.get("sources") or []:
        trouve = MILLESIME.search(str(s.get("title", ""))) if isinstance(s, dict) else None
        if trouve:
            source.millesime = f"COG {trouve.group(1)}"
    source.date_reference = schema.get("created")


#: colonnes de la feuille Comités du classeur régional -> champ open data (cartographie.classeur)
def _correspondances() -> dict[str, str]:
    from cte_cli.cartographie.classeur import titre_college
    from cte_cli.model.types import COLLEGES

    table = {
        "Identifiant": "id", "Niveau": "niveau", "Nom": "nom", "Région": "region_code",
        "Nom de la région": "region_nom", "Département(s)": "departements_codes",
        "Nom du ou des départements": "departements_noms", "Collectivité (R. 5311-28)": "collectivite",
        "Forme (CRE)": "forme", "Coprésidence : État (qualité)": "copresidence_etat",
        "Coprésidence : collectivités (qualité et collège)": "copresidence_collectivites",
        "Nombre d'EPCI": "epci_nombre", "EPCI (noms)": "epci_noms", "Nombre de communes": "communes_nombre",
        "Population municipale": "population", "Arrêté (référence)": "arrete_reference",
        "Arrêté (date)": "arrete_date", "Installation": "installation_date",
        "Instances supprimées": "instances_supprimees", "Instances intégrées": "instances_integrees",
        "Sièges (total)": "sieges_total", "Voix (total)": "voix_total",
        "Feuille de route": "feuille_de_route", "Feuille de route adoptée le": "feuille_de_route_adoptee_le",
    }
    for college in COLLEGES:
        table[f"Sièges : {titre_college(college)}"] = f"sieges_{college}"
        table[f"Voix : {titre_college(college)}"] = f"voix_{college}"
    return table


def _lire_classeur(chemin: Path, problemes: list[Probleme]) -> Source:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    from cte_cli.cartographie.classeur import COLLECTIVITES, FORMES
    from cte_cli.cartographie.donnees import NIVEAUX
    from cte_cli.cartographie.open_data import _FEUILLE

    source = Source(chemin, "classeur cte cartographie")
    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        problemes.append(Probleme("erreur", str(chemin), f"classeur illisible ({type(exc).__name__})"))
        return source
    if "Comités" not in classeur.sheetnames or "Source" not in classeur.sheetnames:
        problemes.append(Probleme("erreur", str(chemin), "feuilles « Comités » et « Source » attendues "
                                  "(classeur de cte cartographie)"))
        return source
    meta = {str(r[0]): r[1] for r in classeur["Source"].iter_rows(min_row=2, values_only=True) if r and r[0]}
    trouve = MILLESIME.search(str(meta.get("Référentiel géographique", "")))
    source.millesime = f"COG {trouve.group(1)}" if trouve else None
    reference = meta.get("Date de référence")
    source.date_reference = _iso(reference)
    source.genere_par = str(meta.get("Généré par") or "") or None
    lignes = classeur["Comités"].iter_rows(values_only=True)
    entete = [str(x or "") for x in next(lignes, [])]
    table = _correspondances()
    annee = next((m.group(1) for t in entete if (m := re.fullmatch(r"Séances tenues en (\d{4})", t))), "")
    niveaux = {v: k for k, v in NIVEAUX.items()}
    codes_formes = {v: k for k, v in FORMES.items()}
    codes_collectivites = {v: k for k, v in COLLECTIVITES.items()}
    for numero, cellules in enumerate(lignes, 2):
        brutes = dict(zip(entete, cellules, strict=False))
        if not any(v not in (None, "") for v in brutes.values()):
            continue
        ligne = {c.name: "" for c in _champs()}
        for titre, valeur in brutes.items():
            if titre in table:
                ligne[table[titre]] = _texte(valeur)
        ligne["niveau"] = niveaux.get(ligne["niveau"], ligne["niveau"])
        ligne["forme"] = codes_formes.get(ligne["forme"], ligne["forme"])
        ligne["collectivite"] = codes_collectivites.get(ligne["collectivite"], ligne["collectivite"])
        ligne["feuille_de_route"] = _FEUILLE.get(ligne["feuille_de_route"], ligne["feuille_de_route"])
        for cle in ("departements_codes", "departements_noms"):
            ligne[cle] = "|".join(x.strip() for x in ligne[cle].split(",") if x.strip())
        ligne["epci_noms"] = "|".join(x.strip() for x in ligne["epci_noms"].split(" ; ") if x.strip())
        ligne["epci_siren"] = _siren(ligne["epci_noms"], ligne["departements_codes"], ligne["region_code"])
        ligne["seances_annee"] = annee
        ligne["seances_tenues"] = _texte(brutes.get(f"Séances tenues en {annee}"))
        ligne["date_reference"] = source.date_reference or ""
        source.lignes.append(ligne)
        source.numeros.append(numero)
    return source


def _siren(noms: str, departements: str, region: str) -> str:
    """Les SIREN des EPCI nommés (le classeur ne donne que les noms), cherchés dans le COG parmi
    ceux des départements du comité (de la région pour un comité régional) ; vide si un nom est
    introuvable ou ambigu."""
    from cte_cli.referentiel import geographie

    if not noms:
        return ""
    geo = geographie()
    codes = departements.split("|") if departements else list(getattr(geo.regions.get(region), "departements", ()))
    candidats: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        if code in geo.departements:
            for e in geo.epci_du_departement(code):
                candidats[e.nom].add(e.siren)
    sirens = []
    for nom in noms.split("|"):
        if len(candidats.get(nom, ())) != 1:
            return ""
        sirens.append(next(iter(candidats[nom])))
    return "|".join(sirens)


def _iso(valeur: Any) -> str | None:
    if isinstance(valeur, datetime):
        return valeur.date().isoformat()
    if isinstance(valeur, date):
        return valeur.isoformat()
    return str(valeur) if valeur else None


def _texte(valeur: Any) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, datetime | date):
        return _iso(valeur) or ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    # un texte neutralisé par une apostrophe (cartographie.tableur) l'est aussi dans le CSV
    return str(valeur)


# --- contrôles -------------------------------------------------------------------------------------


def verifier_schema(source: Source, problemes: list[Probleme]) -> None:
    """Chaque cellule contre son champ du Table Schema (type, requis, motif, liste, minimum)."""
    for numero, ligne in zip(source.numeros, source.lignes, strict=True):
        for champ in _champs():
            message = _controle(champ, ligne.get(champ.name, ""))
            if message:
                problemes.append(Probleme("erreur", str(source.chemin), f"colonne {champ.name} : {message}", numero))


def _controle(champ, valeur: str) -> str | None:
    contraintes = champ.constraints or {}
    if valeur == "":
        return "valeur requise absente" if contraintes.get("required") else None
    if champ.type == "integer":
        if not re.fullmatch(r"-?\d+", valeur):
            return f"nombre entier attendu, trouvé « {valeur[:30]} »"
        if "minimum" in contraintes and int(valeur) < contraintes["minimum"]:
            return f"{valeur} inférieur au minimum {contraintes['minimum']}"
    elif champ.type == "date":
        try:
            date.fromisoformat(valeur)
        except ValueError:
            return f"date AAAA-MM-JJ attendue, trouvé « {valeur[:30]} »"
    elif champ.type == "year" and not re.fullmatch(r"\d{4}", valeur):
        return f"année attendue, trouvé « {valeur[:30]} »"
    if "enum" in contraintes and valeur not in contraintes["enum"]:
        return f"« {valeur[:30]} » n'est pas parmi {', '.join(contraintes['enum'])}"
    if "pattern" in contraintes and not re.fullmatch(contraintes["pattern"], valeur):
        return f"« {valeur[:30]} » ne suit pas le motif {contraintes['pattern']}"
    return None


def verifier_geographie(sources: list[Source], problemes: list[Probleme], geo) -> tuple[list[str], list[str]]:
    """Régions fournies deux fois, départements couverts deux fois ou mal rattachés, identifiants
    en double ; renvoie (régions manquantes, départements sans comité départemental)."""
    regions: dict[str, list[str]] = defaultdict(list)
    departements: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, str] = {}
    for source in sources:
        for region in source.regions:
            regions[region].append(str(source.chemin))
            if region not in geo.regions and region not in geo.collectivites_outre_mer:
                problemes.append(Probleme("erreur", str(source.chemin), f"région « {region} » inconnue du référentiel"))
        for numero, ligne in zip(source.numeros, source.lignes, strict=True):
            if ligne["id"] in ids and ids[ligne["id"]] != str(source.chemin):
                problemes.append(Probleme("erreur", str(source.chemin), f"comité « {ligne['id']} » déjà présent dans "
                                          f"{ids[ligne['id']]}", numero))
            ids.setdefault(ligne["id"], str(source.chemin))
            codes = [c for c in ligne["departements_codes"].split("|") if c]
            for code in codes:
                attendue = _region_du_departement(geo, code)
                if attendue is not None and attendue != ligne["region_code"]:
                    problemes.append(Probleme("erreur", str(source.chemin), f"département {code} rattaché à la "
                                              f"région {ligne['region_code']}, région {attendue} au référentiel",
                                              numero))
            if ligne["niveau"] in ("departemental", "territorial"):
                for code in codes:
                    departements[code].add(str(source.chemin))
    for region, fichiers in regions.items():
        if len(fichiers) > 1:
            problemes.append(Probleme("erreur", fichiers[-1], f"région {region} fournie deux fois "
                                      f"({', '.join(fichiers)})"))
    for code, citants in sorted(departements.items()):
        if len(citants) > 1:
            problemes.append(Probleme("erreur", sorted(citants)[-1], f"département {code} couvert par les comités "
                                      f"départementaux de plusieurs fichiers ({', '.join(sorted(citants))})"))
    manquantes = [r for r in geo.regions if r not in regions]
    if manquantes:
        problemes.append(Probleme("avertissement", "consolidation", "régions sans cartographie : " + ", ".join(
            f"{r} {geo.regions[r].nom}" for r in manquantes)))
    fournies = {d for r in regions if r in geo.regions for d in geo.regions[r].departements}
    sans_cde = sorted(d for d in fournies if d not in departements)
    if sans_cde:
        problemes.append(Probleme("avertissement", "consolidation", "départements sans comité départemental ni "
                                  "territorial dans les régions fournies : " + ", ".join(sans_cde)))
    return manquantes, sans_cde


def _region_du_departement(geo, code: str) -> str | None:
    if code in geo.departements:
        return geo.departements[code].region
    return None


def verifier_millesimes(sources: list[Source], problemes: list[Probleme], millesime_cte: str) -> None:
    """Un seul millésime du COG pour toutes les régions, celui de cte (les chiffres d'EPCI, de
    communes et de population n'ont de sens qu'à découpage égal)."""
    connus = {s.millesime for s in sources if s.millesime}
    for s in sources:
        if s.millesime and (len(connus) > 1 or s.millesime != millesime_cte):
            problemes.append(Probleme("erreur", str(s.chemin), f"référentiel géographique {s.millesime}, alors que "
                                      f"cte utilise le {millesime_cte}" + (f" et les autres fichiers : "
                                      f"{', '.join(sorted(connus - {s.millesime}))}" if len(connus) > 1 else "")
                                      + " ; régénérez la cartographie avec la même version de cte"))


def consolider(chemins: Sequence[str | os.PathLike[str]], exclus: Sequence[Path] = ()) -> Consolidation:
    """Lit et contrôle les cartographies régionales ; les lignes sont triées comme une
    cartographie nationale (région, niveau, département, nom)."""
    from cte_cli.cartographie.donnees import ORDRE_NIVEAU
    from cte_cli.referentiel import geographie

    geo = geographie()
    millesime = str(geo.source.get("millesime"))
    problemes: list[Probleme] = []
    sources = [lire_source(p, problemes) for p in fichiers_d_entree(chemins, exclus)]
    for source in sources:
        verifier_schema(source, problemes)
        if not source.lignes and not any(p.fichier == str(source.chemin) for p in problemes):
            problemes.append(Probleme("avertissement", str(source.chemin), "aucun comité dans ce fichier"))
    manquantes, sans_cde = verifier_geographie(sources, problemes, geo)
    verifier_millesimes(sources, problemes, millesime)
    lignes = [ligne for s in sources for ligne in s.lignes]
    lignes.sort(key=lambda x: (x["region_code"], ORDRE_NIVEAU.get(x["niveau"], 9),
                               x["departements_codes"].split("|")[:1], x["nom"]))
    return Consolidation(sources, lignes, problemes, manquantes, sans_cde, millesime)


# --- écriture --------------------------------------------------------------------------------------


def csv_national(consolidation: Consolidation) -> str:
    from cte_cli.cartographie.open_data import SEPARATEUR
    from cte_cli.cartographie.tableur import neutraliser

    flux = io.StringIO(newline="")
    ecrivain = csv.writer(flux, delimiter=SEPARATEUR, quotechar='"', lineterminator="\r\n")
    noms = [c.name for c in _champs()]
    ecrivain.writerow(noms)
    for ligne in consolidation.lignes:
        ecrivain.writerow([neutraliser(ligne[n]) for n in noms])
    return flux.getvalue()


def schema_national(consolidation: Consolidation, jour: date) -> str:
    from cte_cli.cartographie.donnees import Cartographie
    from cte_cli.cartographie.open_data import schema
    from cte_cli.referentiel import geographie

    carto = Cartographie(perimetre="National", regions=[], date_reference=jour, annee=jour.year, chemins=[],
                         fichiers_lus=0, ignores=[], source_geo=geographie().source)
    descripteur = schema(carto)
    descripteur["name"] = "cte-cartographie-nationale"
    descripteur["title"] = "Cartographie nationale des comités territoriaux pour l'emploi (consolidation DGEFP)"
    descripteur["sources"] += [{"title": f"Cartographie régionale {', '.join(s.regions) or '?'} "
                                         f"({s.chemin.name}, {s.date_reference or 'date inconnue'})"}
                               for s in consolidation.sources]
    return json.dumps(descripteur, ensure_ascii=False, indent=2) + "\n"


def classeur_national(consolidation: Consolidation, genere_le: datetime, version: str) -> bytes:
    """Le classeur national : Comités (colonnes open data, titres français), Régions, Sources."""
    from cte_cli.cartographie.tableur import (
        Colonne,
        Tableau,
        ecrire_tableau,
        en_octets,
        feuille_source,
        nouveau_classeur,
    )
    from cte_cli.referentiel import geographie

    geo = geographie()
    champs = _champs()
    classeur = nouveau_classeur(genere_le)
    lignes = [[_typer(c, ligne[c.name]) for c in champs] for ligne in consolidation.lignes]
    ecrire_tableau(classeur, Tableau("Comités", [Colonne(c.title, 10) for c in champs], lignes))
    par_region: dict[str, list[dict]] = defaultdict(list)
    for ligne in consolidation.lignes:
        par_region[ligne["region_code"]].append(ligne)
    source_de = {r: s for s in consolidation.sources for r in s.regions}
    regions = []
    for code in sorted(set(geo.regions) | set(par_region)):
        comites = par_region.get(code, [])
        compte: defaultdict[str, int] = defaultdict(int)
        for ligne in comites:
            compte[ligne["niveau"]] += 1
        nom = geo.regions[code].nom if code in geo.regions else (comites[0]["region_nom"] if comites else "")
        source = source_de.get(code)
        regions.append([code, nom, len(comites), compte["regional"] + compte["territorial"] + compte["territorial_unique"],
                        compte["departemental"], compte["local"],
                        sum(int(x["sieges_total"] or 0) for x in comites),
                        source.chemin.name if source else "aucune cartographie reçue",
                        _date(source.date_reference) if source else None])
    ecrire_tableau(classeur, Tableau("Régions", [
        Colonne("Région", 8), Colonne("Nom", 24), Colonne("Comités", 8), Colonne("Régionaux ou territoriaux", 10),
        Colonne("Départementaux", 10), Colonne("Locaux", 8), Colonne("Sièges", 8), Colonne("Fichier", 30),
        Colonne("Date de référence", 11),
    ], regions))
    fichiers = [[s.chemin.name, s.nature, ", ".join(s.regions), _date(s.date_reference), s.millesime or "inconnu",
                 s.genere_par, len(s.lignes), _date(datetime.fromtimestamp(s.chemin.stat().st_mtime).date()),
                 s.sha256] for s in consolidation.sources]
    ecrire_tableau(classeur, Tableau("Sources", [
        Colonne("Fichier", 30), Colonne("Nature", 20), Colonne("Région(s)", 10), Colonne("Date de référence", 11),
        Colonne("Référentiel géographique", 12), Colonne("Produit par", 12), Colonne("Comités", 8),
        Colonne("Date du fichier", 11), Colonne("SHA-256", 30),
    ], fichiers))
    geo_source = geo.source
    avertissements = [str(p) for p in consolidation.problemes if p.gravite == "avertissement"]
    feuille_source(classeur, "Consolidation", [
        ("Document", "Cartographie nationale des comités territoriaux pour l'emploi (instruction DGEFP/DAT/2024/92), "
                     "consolidation des cartographies régionales"),
        ("Généré par", f"cte {version}"),
        ("Généré le", genere_le.strftime("%d/%m/%Y à %H:%M")),
        ("Fichiers consolidés", len(consolidation.sources)),
        ("Comités", len(consolidation.lignes)),
        ("Régions sans cartographie", ", ".join(consolidation.regions_manquantes) or "aucune"),
        ("Référentiel géographique", f"{geo_source.get('millesime')} — paquet {geo_source.get('paquet')} "
                                     f"{geo_source.get('version')} ({geo_source.get('licence')})"),
        ("Avertissements", "\n".join(avertissements) or "aucun"),
        ("Données personnelles", "aucune : colonnes de l'open data (qualités des coprésidents, jamais leurs noms)"),
    ])
    return en_octets(classeur)


def _date(texte: Any) -> date | None:
    if isinstance(texte, date):
        return texte
    try:
        return date.fromisoformat(str(texte)) if texte else None
    except ValueError:
        return None


def _typer(champ, valeur: str) -> Any:
    """Nombres et dates en vrais nombres et dates dans le classeur."""
    if valeur == "":
        return None
    if champ.type in ("integer", "year") and re.fullmatch(r"-?\d+", valeur):
        return int(valeur)
    if champ.type == "date":
        return _date(valeur) or valeur
    return valeur
