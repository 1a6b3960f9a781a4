#!/usr/bin/env python3
"""Extrait les textes cités par les règles de `cte` dans ``src/cte_cli/referentiel/data/legal/``.

Sources (``--source``, par défaut ``/work/shared/domain``) :

- ``legal/*.txt`` : articles du code du travail (L. 5311-7 et suivants, R. 5311-3-1 à -46,
  CREFOP, outre-mer), un bloc ``===== NUMERO | ... | debut AAAA-MM-JJ`` par article, tirés des
  données LEGI de la DILA ;
- ``instruction-DGEFP-DAT-2024-92.txt`` : l'instruction du 28 juin 2024, dont on garde les
  passages que les règles citent (``fiche 2 §1.3``…), délimités par les marqueurs de PASSAGES.

Avec ``--legi-data`` (dossier ``package/`` ou archive ``.tgz`` du paquet npm
``@socialgouv/legi-data``, celui dont viennent les textes du domaine), le script vérifie que
chaque article extrait a exactement le texte du code consolidé du paquet, complète l'identifiant
LEGI quand la source ne le donne pas et rétablit la NOTA entière (les fichiers du domaine la
coupent). Sans ce paquet, la NOTA tronquée est gardée et signalée.

Ne sont gardés que les articles cités par les règles : toute référence « R. 5311-40 » (ou
« R. 5523-15-3, -11 », « R. 5311-3-5 à R. 5311-3-13 ») écrite dans ``src/cte_cli/rules/*.py``
(champs `article`, articles passés aux constats, docstrings). Le résultat est déterministe.

Usage : python scripts/extraire_textes_legaux.py [--source DOSSIER] [--legi-data CHEMIN]
        [--sortie DOSSIER]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "src"))

from cte_cli.referentiel.legal import nettoyer_liens, references  # noqa: E402

SOURCE_DEFAUT = Path("/work/shared/domain")
SORTIE_DEFAUT = RACINE / "src" / "cte_cli" / "referentiel" / "data" / "legal"
REGLES = RACINE / "src" / "cte_cli" / "rules"
DROIT = RACINE / "src" / "cte_cli" / "droit"
PARAMETRES = RACINE / "src" / "cte_cli" / "referentiel" / "data" / "droit"
CODE_DU_TRAVAIL = "LEGITEXT000006072050"
INSTRUCTION = "instruction-DGEFP-DAT-2024-92.txt"
LICENCE_LEGI = (
    "données LEGI de la DILA, Licence Ouverte / Open Licence 2.0 (Etalab) ; paquet "
    "@socialgouv/legi-data sous licence Apache-2.0"
)

#: passages de l'instruction : (numéro, titre, début, fin) ; début et fin sont cherchés dans le
#: texte aux espaces et apostrophes normalisés, fin incluse
PASSAGES = (
    ("fiche 1 §1", "Comité local pour l'emploi : ressort, réexamen tous les trois ans",
     "Vous installerez des comités locaux pour l'emploi dans le département",
     "au regard des évolutions du développement du territoire."),
    ("fiche 1 §1.2", "Comité régional pour l'emploi : représentation et rotation des départements",
     "vous modifierez la composition du CREFOP",
     "réinterroger les missions des autres commissions pour en faciliter les complémentarités et les articulations."),
    ("fiche 1 §2", "Fonctionnement : consensus, règlement intérieur, trois réunions par an, plénière",
     "Ces instances ont avant tout comme finalité la concertation",
     "doit se tenir a minima une fois par an."),
    ("fiche 2 §1.2", "Pilotage opérationnel : feuilles de route, nombre d'axes limité",
     "Le préfet et le/les co-président(s) définissent",
     "et la fixation d'indicateurs."),
    ("fiche 2 §1.3", "Coordination des financeurs : conférence des financeurs au moins une fois par an",
     "La loi fixe aux comités territoriaux, au titre des missions communes",
     "d'accès aux ressources du territoire."),
    ("fiche 2 §2.1", "Le niveau local : la feuille de route et ses fiches action",
     "Le comité local a donc pour rôle principal",
     "l'analyse des résultats obtenus par les actions mises en place."),
    ("fiche 2 §3.1", "Suivi des engagements : audits",
     "Le comité départemental peut faire réaliser des audits",
     "Un décret et une annexe à la présente instruction viendront préciser ce point à l'automne 2024."),
    ("fiche 2 §3.2", "Pilotage : suivi de la feuille de route et indicateurs",
     "Les comités sont le cadre opérationnel de fonctionnement du réseau",
     "pour assurer le suivi et la bonne réalisation des actions prévues."),
)


class ErreurSource(Exception):
    """La source ne correspond pas à ce que le script attend."""


@dataclass
class Bloc:
    numero: str
    legi: str | None
    debut: str | None
    mods: str
    texte: str
    nota: str
    nota_tronquee: bool = False


def normaliser(texte: str) -> str:
    return re.sub(r"\s+", " ", texte.replace("\u2019", "'")).strip()


def lire_blocs(texte: str) -> list[Bloc]:
    """Les articles d'un fichier du domaine (« ===== NUM | ... | debut AAAA-MM-JJ »)."""
    blocs = []
    for brut in re.split(r"^===== ", texte, flags=re.M)[1:]:
        entete, _, reste = brut.partition("\nMODS:")
        if not reste:
            raise ErreurSource(f"bloc sans ligne MODS : {entete[:40]!r}")
        numero = entete.split("|")[0].strip()
        legi = re.search(r"\bid (LEGIARTI\d+)", entete)
        debut = re.search(r"\bdebut (\d{4}-\d{2}-\d{2})", entete)
        lignes = [ligne for ligne in reste.split("\n") if ligne.strip()]
        mods = _mods(lignes[0])
        nota = lignes.pop().removeprefix("NOTA:").strip() if lignes[-1].startswith("NOTA:") else ""
        texte_article = " ".join(ligne.strip() for ligne in lignes[1:])
        blocs.append(Bloc(numero, legi.group(1) if legi else None, debut.group(1) if debut else None,
                          mods, texte_article, nota, nota_tronquee=bool(nota)))
    return blocs


def _mods(ligne: str) -> str:
    """« [('Décret n°… - art. 1', 'CREE')] » -> « Décret n°… - art. 1 (CREE) »."""
    paires = re.findall(r"\('([^']*(?:'[^',)][^']*)*)', '([A-Z_ ()]+)'\)", ligne)
    return " ; ".join(f"{texte} ({nature})" for texte, nature in paires) or ligne.strip()


def plages(ordre: list[str]) -> list[str]:
    """Les références, plages développées selon l'ordre des articles de la source."""
    vues: list[str] = []
    for fichier in [*sorted(REGLES.glob("*.py")), *sorted(DROIT.glob("*.py"))]:
        vues.extend(references(fichier.read_text(encoding="utf-8"), ordre=ordre))
    for fichier in sorted(PARAMETRES.glob("*.yaml")):  # paramètres : l'article qui fixe chacun
        articles = re.findall(r"^\s*article: (.+)$", fichier.read_text(encoding="utf-8"), re.M)
        vues.extend(references("\n".join(articles), ordre=ordre))
    return list(dict.fromkeys(vues))


# --- legi-data ------------------------------------------------------------------------------


def charger_legi(chemin: Path) -> tuple[dict[str, dict], dict]:
    """Les articles du code du travail du paquet @socialgouv/legi-data, et ses métadonnées."""
    nom = f"data/{CODE_DU_TRAVAIL}.json"
    if chemin.is_file():
        with tarfile.open(chemin) as archive:
            paquet = json.load(archive.extractfile("package/package.json"))
            code = json.load(archive.extractfile(f"package/{nom}"))
    else:
        paquet = json.loads((chemin / "package.json").read_text(encoding="utf-8"))
        code = json.loads((chemin / nom).read_text(encoding="utf-8"))
    if paquet.get("name") != "@socialgouv/legi-data":
        raise ErreurSource(f"{chemin} n'est pas le paquet @socialgouv/legi-data")
    articles: dict[str, dict] = {}
    pile = [code]
    while pile:
        noeud = pile.pop()
        if noeud.get("type") == "article":
            articles[noeud["data"]["num"]] = noeud["data"]
        pile.extend(noeud.get("children") or [])
    meta = {"version": paquet["version"], "code_du": code["data"]["dateDebutVersion"]}
    return articles, meta


def completer(bloc: Bloc, legi: dict[str, dict]) -> None:
    """Vérifie le texte contre legi-data ; complète l'identifiant et la NOTA entière."""
    article = legi.get(bloc.numero)
    if article is None:
        raise ErreurSource(f"{bloc.numero} absent du code du travail de legi-data")
    if bloc.legi and bloc.legi != article["id"]:
        raise ErreurSource(f"{bloc.numero} : id {bloc.legi} dans la source, {article['id']} dans legi-data")
    if normaliser(article["texte"]) != normaliser(bloc.texte):
        raise ErreurSource(f"{bloc.numero} : le texte diffère de celui de legi-data (autre version ?)")
    debut = dt.datetime.fromtimestamp(article["dateDebut"] / 1000, dt.UTC).date().isoformat()
    if bloc.debut and bloc.debut != debut:
        raise ErreurSource(f"{bloc.numero} : version du {bloc.debut} dans la source, du {debut} dans legi-data")
    nota = normaliser(article.get("nota") or "")
    if bloc.nota and not nota.startswith(normaliser(bloc.nota)):
        raise ErreurSource(f"{bloc.numero} : la NOTA diffère de celle de legi-data")
    bloc.legi, bloc.debut, bloc.nota, bloc.nota_tronquee = article["id"], debut, nota, False


# --- instruction ----------------------------------------------------------------------------


def passages(texte: str) -> list[Bloc]:
    """Les passages de l'instruction cités par les règles (PASSAGES)."""
    plat = normaliser(texte)
    blocs = []
    for numero, titre, debut, fin in PASSAGES:
        i = plat.find(normaliser(debut))
        j = plat.find(normaliser(fin), i)
        if i < 0 or j < 0:
            raise ErreurSource(f"instruction : passage « {numero} » introuvable ({debut[:40]!r})")
        extrait = plat[i : j + len(normaliser(fin))]
        extrait = re.sub(r" \d Article L\. ?\d{4}-\d+(?: – I)? du Code du Travail", "", extrait)  # notes
        extrait = re.sub(r" (\d{1,2}) (?=[A-ZÀ-Ý])", " ", extrait)  # numéros de page
        blocs.append(Bloc(f"instruction {numero}", None, "2024-06-28", titre, extrait, ""))
    return blocs


# --- écriture -------------------------------------------------------------------------------


def rendre(nom_source: str, empreinte: str, provenance: str, blocs: list[Bloc]) -> str:
    lignes = [
        "# Extraits des textes cités par les règles de cte : fichier généré par",
        "# scripts/extraire_textes_legaux.py, ne pas modifier à la main.",
        f"# Source : {nom_source} (sha256:{empreinte})",
        *(f"# {ligne}" for ligne in provenance.splitlines()),
        f"# Articles : {', '.join(b.numero for b in blocs)}",
    ]
    for b in blocs:
        champs = [b.numero]
        if b.legi:
            champs.append(f"id {b.legi}")
        if b.debut:
            champs.append(f"version du {b.debut}")
        lignes.append("===== " + " | ".join(champs))
        lignes.append(f"MODS: {b.mods}")
        lignes.append(nettoyer_liens(b.texte))
        if b.nota:
            lignes.append(f"NOTA: {nettoyer_liens(b.nota)}"
                          + (" […] (NOTA tronquée dans la source)" if b.nota_tronquee else ""))
    return "\n".join(lignes) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DEFAUT)
    parser.add_argument("--legi-data", type=Path, help="paquet @socialgouv/legi-data (dossier ou .tgz)")
    parser.add_argument("--sortie", type=Path, default=SORTIE_DEFAUT)
    args = parser.parse_args(argv)

    legi, meta = charger_legi(args.legi_data) if args.legi_data else ({}, {})
    fichiers = sorted((args.source / "legal").glob("*.txt"))
    if not fichiers:
        raise ErreurSource(f"aucun fichier {args.source}/legal/*.txt")
    lus = {f: lire_blocs(f.read_text(encoding="utf-8")) for f in fichiers}
    ordre = [b.numero for blocs in lus.values() for b in blocs]
    voulus = set(plages(ordre))
    args.sortie.mkdir(parents=True, exist_ok=True)
    ecrits: list[str] = []
    for fichier, blocs in lus.items():
        gardes = [b for b in blocs if b.numero in voulus]
        if not gardes:
            continue
        for b in gardes:
            if legi:
                completer(b, legi)
        provenance = (
            f"Code du travail ({CODE_DU_TRAVAIL}), version consolidée du {meta['code_du']} ; textes "
            f"vérifiés et NOTA complétées avec le paquet npm @socialgouv/legi-data {meta['version']}"
            if legi else "Code du travail, données LEGI du dossier du domaine (NOTA parfois tronquées)"
        )
        provenance += f"\nLicence : {LICENCE_LEGI}"
        empreinte = hashlib.sha256(fichier.read_bytes()).hexdigest()
        (args.sortie / fichier.name).write_text(rendre(fichier.name, empreinte, provenance, gardes), encoding="utf-8")
        ecrits.extend(b.numero for b in gardes)
    instruction = args.source / INSTRUCTION
    blocs = passages(instruction.read_text(encoding="utf-8"))
    provenance = ("Instruction n° DGEFP/DAT/2024/92 du 28 juin 2024 relative aux comités territoriaux "
                  "pour l'emploi (publiée sur Légifrance, document opposable) ; passages cités")
    empreinte = hashlib.sha256(instruction.read_bytes()).hexdigest()
    (args.sortie / INSTRUCTION).write_text(rendre(INSTRUCTION, empreinte, provenance, blocs), encoding="utf-8")
    absents = sorted(v for v in voulus - set(ordre) if not v.startswith("instruction "))
    absents += sorted(v for v in voulus if v.startswith("instruction ") and v not in {b.numero for b in blocs})
    print(f"{len(ecrits)} articles et {len(blocs)} passages de l'instruction écrits dans {args.sortie}")
    if absents:
        print(f"cités mais absents des sources (non embarqués) : {', '.join(absents)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ErreurSource as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        sys.exit(2)
