#!/usr/bin/env python3
"""Construit le référentiel géographique hors ligne de `cte`.

Source : le paquet npm ``@etalab/decoupage-administratif`` 6.0.0 (licence MIT, COG 2026),
récupéré avec ``npm pack`` dans un dossier temporaire, ou lu dans un dossier déjà décompressé
(``--source DOSSIER``, le dossier ``package/`` du paquet ou son sous-dossier ``data/``).

Écrit dans ``src/cte_cli/referentiel/data/`` (ou ``--sortie``) :

- ``geographie.json`` : régions, départements, collectivités d'outre-mer de l'article
  L. 5523-9, EPCI à fiscalité propre, EPT du Grand Paris (chargé à chaque validation) ;
- ``communes.json.gz`` : toutes les communes actuelles (chargé à la demande) ;
- ``populations.json`` : codes et populations des communes par département, dérivés des
  communes (les calculs de couverture n'ont pas à lire les 35 000 communes). `--populations`
  le régénère à partir du ``communes.json.gz`` embarqué, sans rien télécharger.

La disposition des fichiers et les choix faits sont décrits dans
``src/cte_cli/referentiel/data/PROVENANCE.md``.

Le résultat est déterministe : clés triées, listes triées, gzip sans date, et la seule date
écrite (``genere_le``) vient de ``--genere-le`` ou, à défaut, de la date des fichiers de
données du paquet. Relancer le script sur la même source donne des fichiers identiques
octet pour octet.

Usage : ``python scripts/construire_referentiel.py [--source DOSSIER] [--sortie DOSSIER]
[--genere-le AAAA-MM-JJ]``
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

PAQUET = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
MILLESIME = "COG 2026"
LICENCE = "MIT"
# Le README du paquet place en outre les données sous Licence Ouverte (Etalab) : attribution.
LICENCE_DONNEES = "Licence Ouverte / Open Licence (Etalab) selon le README du paquet"
COPYRIGHT = "Copyright (c) 2018-2019 Etalab"
URL_PAQUET = f"https://www.npmjs.com/package/{PAQUET}/v/{VERSION}"
URL_ARCHIVE = (
    "https://registry.npmjs.org/@etalab/decoupage-administratif/-/"
    f"decoupage-administratif-{VERSION}.tgz"
)
# Intégrité publiée par le registre npm pour 6.0.0 (champ dist.integrity), vérifiée quand
# l'archive est téléchargée par ce script.
INTEGRITE = "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="
POPULATION = (
    "population municipale INSEE (populations légales en vigueur au 1er janvier 2026, "
    "champ « population » de communes.json) ; celle d'un EPCI ou d'un EPT est la somme "
    "de celles de ses communes membres"
)

FICHIERS = ("regions.json", "departements.json", "epci.json", "ept.json", "communes.json")
# Collectivités d'outre-mer relevant de l'article L. 5523-9 du code du travail.
COLLECTIVITES_L5523_9 = ("975", "977", "978")
ZONES_DEPARTEMENTS = ("metro", "drom")
COLONNES_COMMUNES = ("code", "nom", "departement", "region", "epci", "ept", "population")

RACINE = Path(__file__).resolve().parents[1]
SORTIE_DEFAUT = RACINE / "src" / "cte_cli" / "referentiel" / "data"


class ErreurSource(Exception):
    """La source ne correspond pas à ce que le script attend."""


# ---------------------------------------------------------------------------
# Lecture de la source


def _lire_dossier(dossier: Path) -> tuple[dict[str, bytes], dt.date]:
    """Lit les fichiers JSON d'un paquet décompressé ; renvoie aussi la date des données."""
    data = dossier / "data" if (dossier / "data" / "regions.json").is_file() else dossier
    paquet_json = data.parent / "package.json"
    if paquet_json.is_file():
        meta = json.loads(paquet_json.read_text(encoding="utf-8"))
        if meta.get("name") != PAQUET or meta.get("version") != VERSION:
            raise ErreurSource(
                f"{paquet_json} décrit {meta.get('name')}@{meta.get('version')}, "
                f"attendu {PAQUET}@{VERSION}"
            )
    contenus: dict[str, bytes] = {}
    dates: list[float] = []
    for nom in FICHIERS:
        chemin = data / nom
        if not chemin.is_file():
            raise ErreurSource(f"fichier absent : {chemin}")
        contenus[nom] = chemin.read_bytes()
        dates.append(chemin.stat().st_mtime)
    return contenus, dt.datetime.fromtimestamp(max(dates), dt.UTC).date()


def _lire_archive(archive: Path) -> tuple[dict[str, bytes], dt.date]:
    """Lit les fichiers JSON directement dans l'archive npm, sans rien extraire sur disque."""
    contenus: dict[str, bytes] = {}
    dates: list[int] = []
    with tarfile.open(archive, "r:gz") as tar:
        for nom in FICHIERS:
            membre = tar.getmember(f"package/data/{nom}")
            fichier = tar.extractfile(membre)
            if fichier is None:
                raise ErreurSource(f"{nom} n'est pas un fichier dans {archive}")
            contenus[nom] = fichier.read()
            dates.append(membre.mtime)
    return contenus, dt.datetime.fromtimestamp(max(dates), dt.UTC).date()


def _telecharger(dossier: Path) -> Path:
    """``npm pack`` du paquet dans ``dossier`` ; vérifie l'intégrité de l'archive."""
    commande = ["npm", "pack", f"{PAQUET}@{VERSION}", "--pack-destination", str(dossier)]
    try:
        subprocess.run(commande, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise ErreurSource("npm est introuvable : installez Node.js ou passez --source") from exc
    except subprocess.CalledProcessError as exc:
        raise ErreurSource(f"échec de « {' '.join(commande)} » :\n{exc.stderr}") from exc
    archives = sorted(dossier.glob("*.tgz"))
    if len(archives) != 1:
        raise ErreurSource(f"npm pack n'a pas produit une archive unique dans {dossier}")
    empreinte = hashlib.sha512(archives[0].read_bytes()).digest()
    integrite = "sha512-" + base64.b64encode(empreinte).decode("ascii")
    if integrite != INTEGRITE:
        raise ErreurSource(f"intégrité inattendue pour {archives[0].name} : {integrite}")
    return archives[0]


# ---------------------------------------------------------------------------
# Construction


def _groupement(entree: dict, departement_de: dict[str, str], pop: dict[str, int]) -> dict:
    communes = sorted(m["code"] for m in entree["membres"])
    return {
        "nom": entree["nom"],
        "type": entree["type"],
        "departements": sorted({departement_de[c] for c in communes}),
        "communes": communes,
        "population": sum(pop[c] for c in communes),
    }


def construire(contenus: dict[str, bytes], genere_le: dt.date) -> tuple[dict, dict]:
    """Renvoie (geographie, communes) à partir des fichiers du paquet."""
    brut = {nom: json.loads(contenus[nom]) for nom in FICHIERS}

    communes_src = {c["code"]: c for c in brut["communes.json"] if c["type"] == "commune-actuelle"}
    departement_de = {code: c["departement"] for code, c in communes_src.items()}
    # Quelques communes sans population connue (TAAF, Clipperton) : comptées 0.
    pop = {code: c.get("population") or 0 for code, c in communes_src.items()}

    # EPCI à fiscalité propre (dont la Métropole de Lyon, type MET69) et EPT.
    epci: dict[str, dict] = {}
    epci_de: dict[str, str] = {}
    for e in brut["epci.json"]:
        if e["code"] in epci:
            raise ErreurSource(f"EPCI en double : {e['code']}")
        for m in e["membres"]:
            if m["code"] not in communes_src:
                raise ErreurSource(f"EPCI {e['code']} : commune inconnue {m['code']}")
            if m["code"] in epci_de:
                raise ErreurSource(f"commune {m['code']} dans deux EPCI")
            epci_de[m["code"]] = e["code"]
        epci[e["code"]] = _groupement(e, departement_de, pop)

    ept: dict[str, dict] = {}
    ept_de: dict[str, str] = {}
    for t in brut["ept.json"]:
        for m in t["membres"]:
            if m["code"] not in communes_src:
                raise ErreurSource(f"EPT {t['code']} : commune inconnue {m['code']}")
            if m["code"] in ept_de:
                raise ErreurSource(f"commune {m['code']} dans deux EPT")
            ept_de[m["code"]] = t["code"]
        ept[t["code"]] = _groupement(t, departement_de, pop) | {"type": "EPT"}

    # L'EPCI à fiscalité propre qui englobe les EPT : la Métropole du Grand Paris.
    englobants = {epci_de.get(c) for c in ept_de}
    if len(englobants) != 1 or None in englobants:
        raise ErreurSource(f"les EPT devraient tous relever d'un seul EPCI : {englobants}")
    (mgp,) = englobants

    regions_src = [r for r in brut["regions.json"] if r["zone"] in ZONES_DEPARTEMENTS]
    departements_src = [d for d in brut["departements.json"] if d["zone"] in ZONES_DEPARTEMENTS]

    epci_par_dep: dict[str, set[str]] = defaultdict(set)
    ept_par_dep: dict[str, set[str]] = defaultdict(set)
    communes_par_dep: dict[str, list[str]] = defaultdict(list)
    for code in communes_src:
        d = departement_de[code]
        communes_par_dep[d].append(code)
        if code in epci_de:
            epci_par_dep[d].add(epci_de[code])
        if code in ept_de:
            ept_par_dep[d].add(ept_de[code])

    departements = {
        d["code"]: {
            "nom": d["nom"],
            "region": d["region"],
            "zone": d["zone"],
            "chef_lieu": d["chefLieu"],
            "epci": sorted(epci_par_dep[d["code"]]),
            "ept": sorted(ept_par_dep[d["code"]]),
        }
        for d in departements_src
    }
    regions = {
        r["code"]: {
            "nom": r["nom"],
            "zone": r["zone"],
            "chef_lieu": r["chefLieu"],
            "departements": sorted(c for c, d in departements.items() if d["region"] == r["code"]),
        }
        for r in regions_src
    }
    collectivites = {
        d["code"]: {
            "nom": d["nom"],
            "chef_lieu": d["chefLieu"],
            "communes": sorted(communes_par_dep[d["code"]]),
        }
        for d in brut["departements.json"]
        if d["code"] in COLLECTIVITES_L5523_9
    }
    if sorted(collectivites) != list(COLLECTIVITES_L5523_9):
        raise ErreurSource(
            f"collectivités attendues {COLLECTIVITES_L5523_9}, lues {sorted(collectivites)}"
        )

    source = {
        "paquet": PAQUET,
        "version": VERSION,
        "millesime": MILLESIME,
        "licence": LICENCE,
        "licence_donnees": LICENCE_DONNEES,
        "copyright": COPYRIGHT,
        "url": URL_PAQUET,
        "archive": URL_ARCHIVE,
        "integrite": INTEGRITE,
        "genere_le": genere_le.isoformat(),
        "population": POPULATION,
        "fichiers": {
            nom: "sha256:" + hashlib.sha256(contenus[nom]).hexdigest() for nom in FICHIERS
        },
    }
    geographie = {
        "format": 1,
        "source": source,
        "regions": regions,
        "departements": departements,
        "collectivites_outre_mer": collectivites,
        "epci": epci,
        "ept": ept,
        "metropole_du_grand_paris": mgp,
    }
    communes = {
        "format": 1,
        "source": {k: source[k] for k in ("paquet", "version", "millesime", "genere_le")},
        "colonnes": list(COLONNES_COMMUNES),
        "communes": [
            [
                code,
                c["nom"],
                c["departement"],
                c["region"],
                epci_de.get(code),
                ept_de.get(code),
                c.get("population"),
            ]
            for code, c in sorted(communes_src.items())
        ],
    }
    return geographie, communes


# ---------------------------------------------------------------------------
# Écriture


def _json(obj: dict) -> bytes:
    texte = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (texte + "\n").encode("utf-8")


def _ecrire_atomique(chemin: Path, contenu: bytes) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=chemin.parent, prefix=f".{chemin.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(contenu)
        os.chmod(tmp, 0o644)
        os.replace(tmp, chemin)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def populations(geographie: dict, communes: dict) -> dict:
    """La table des populations par département (`populations.json`), dérivée des communes :
    ce dont les calculs de couverture ont besoin (codes et populations municipales, dans l'ordre
    des codes), sans lire les 35 000 communes ; et le nom des communes qui ne sont dans aucun
    groupement du 4° de R. 5311-32 de leur département (hors EPCI, ou dans la seule Métropole
    du Grand Paris), que la couverture nomme."""
    colonnes = communes["colonnes"]
    rang = {nom: colonnes.index(nom) for nom in ("code", "nom", "departement", "epci", "ept", "population")}
    mgp = geographie["metropole_du_grand_paris"]
    par_dep: dict[str, list[str]] = defaultdict(list)
    noms: dict[str, str] = {}
    for ligne in communes["communes"]:
        code, population = ligne[rang["code"]], ligne[rang["population"]]
        par_dep[ligne[rang["departement"]]].append(f"{code} {'-' if population is None else population}")
        epci, ept = ligne[rang["epci"]], ligne[rang["ept"]]
        if (epci is None or epci == mgp) and ept is None:
            noms[code] = ligne[rang["nom"]]
    return {
        "format": 1,
        "source": communes["source"],
        "departements": {dep: " ".join(paires) for dep, paires in sorted(par_dep.items())},
        "noms_hors_groupement": dict(sorted(noms.items())),
    }


def ecrire(geographie: dict, communes: dict, sortie: Path) -> dict[str, int]:
    """Écrit les trois fichiers ; renvoie leur taille en octets."""
    geo_octets = _json(geographie)
    pop_octets = _json(populations(geographie, communes))
    # gzip sans nom de fichier ni date (mtime=0) : octets reproductibles.
    tampon = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=tampon, compresslevel=9, mtime=0) as gz:
        gz.write(_json(communes))
    communes_octets = tampon.getvalue()
    _ecrire_atomique(sortie / "geographie.json", geo_octets)
    _ecrire_atomique(sortie / "communes.json.gz", communes_octets)
    _ecrire_atomique(sortie / "populations.json", pop_octets)
    return {"geographie.json": len(geo_octets), "communes.json.gz": len(communes_octets),
            "populations.json": len(pop_octets)}


def _afficher_bilan(
    geographie: dict, communes: dict, tailles: dict[str, int], sortie: Path
) -> None:
    regions = geographie["regions"]
    epci = geographie["epci"]
    types: dict[str, int] = defaultdict(int)
    for e in epci.values():
        types[e["type"]] += 1
    metro = sum(1 for r in regions.values() if r["zone"] == "metro")
    multi = sum(1 for e in epci.values() if len(e["departements"]) > 1)
    sans_epci = sum(1 for c in communes["communes"] if c[4] is None)
    print(
        f"Source : {PAQUET}@{VERSION} ({MILLESIME}), généré le {geographie['source']['genere_le']}"
    )
    print(
        f"Régions : {len(regions)} (dont {metro} métropolitaines, {len(regions) - metro} d'outre-mer)"
    )
    print(f"Départements : {len(geographie['departements'])}")
    print(f"Collectivités d'outre-mer (L. 5523-9) : {len(geographie['collectivites_outre_mer'])}")
    detail = ", ".join(f"{t} {n}" for t, n in sorted(types.items()))
    print(
        f"EPCI à fiscalité propre : {len(epci)} ({detail}) ; "
        f"hors Métropole de Lyon : {len(epci) - types.get('MET69', 0)} ; "
        f"sur plusieurs départements : {multi}"
    )
    print(f"EPT du Grand Paris : {len(geographie['ept'])}")
    print(f"Communes actuelles : {len(communes['communes'])} (dont {sans_epci} hors EPCI)")
    for nom, taille in tailles.items():
        print(f"  {sortie / nom} : {taille} octets")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=f"Construit le référentiel géographique de cte depuis {PAQUET}@{VERSION}."
    )
    parser.add_argument(
        "--source",
        type=Path,
        help="paquet déjà décompressé (dossier package/ ou package/data/) ; sinon npm pack",
    )
    parser.add_argument("--sortie", type=Path, default=SORTIE_DEFAUT, help="dossier de sortie")
    parser.add_argument(
        "--genere-le",
        type=dt.date.fromisoformat,
        help="date inscrite dans source.genere_le (défaut : date des données du paquet)",
    )
    parser.add_argument(
        "--populations",
        action="store_true",
        help="régénérer seulement populations.json à partir des fichiers embarqués (hors ligne)",
    )
    args = parser.parse_args(argv)
    if args.populations:
        geographie = json.loads((args.sortie / "geographie.json").read_bytes())
        communes = json.loads(gzip.decompress((args.sortie / "communes.json.gz").read_bytes()))
        _ecrire_atomique(args.sortie / "populations.json", _json(populations(geographie, communes)))
        print(f"populations.json écrit dans {args.sortie}")
        return 0
    try:
        if args.source is not None:
            contenus, date_donnees = _lire_dossier(args.source)
        else:
            with tempfile.TemporaryDirectory(prefix="cte-referentiel-") as tmp:
                archive = _telecharger(Path(tmp))
                contenus, date_donnees = _lire_archive(archive)
        geographie, communes = construire(contenus, args.genere_le or date_donnees)
    except ErreurSource as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    tailles = ecrire(geographie, communes, args.sortie)
    _afficher_bilan(geographie, communes, tailles, args.sortie)
    return 0


if __name__ == "__main__":
    sys.exit(main())
