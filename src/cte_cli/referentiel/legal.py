"""Extraits des textes cités par les règles : code du travail et instruction DGEFP/DAT/2024/92.

Les fichiers de ``data/legal/`` sont générés par ``scripts/extraire_textes_legaux.py`` à partir
des textes du dossier du domaine (données LEGI de la DILA, complétées et vérifiées par le paquet
npm ``@socialgouv/legi-data``) ; chaque fichier dit sa source dans son en-tête et chaque article
porte son identifiant LEGI et la date de début de sa version. Seuls les articles que les règles
citent y figurent. ``cte expliquer`` s'en sert pour afficher le texte d'un article.

Format d'un fichier :

    # en-tête : source, empreinte, licence (lignes commençant par « # »)
    ===== R5311-40 | id LEGIARTI000049752309 | version du 2024-07-01
    MODS: Décret n°2024-560 du 18 juin 2024 - art. 1 (CREE)
    Texte de l'article, sur une ligne.
    NOTA: note de la version consolidée, s'il y en a une.

Les passages de l'instruction ont le même format, numérotés ``instruction fiche 2 §1.3``.
Import léger : ni pydantic ni lecture de fichier à l'import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DOSSIER_LEGAL = Path(__file__).resolve().parent / "data" / "legal"
INSTRUCTION = "instruction DGEFP/DAT/2024/92"

_REF = re.compile(r"\b([LRD])\.\s?(\d{4}(?:-\d+)+)")
_SUITE = re.compile(r"\s*(?:,|/|\bet\b|\bou\b)\s*(-\d+)(?![-\d])")
_PLAGE = re.compile(r"\s+à\s+(?:([LRD])\.\s?(\d{4}(?:-\d+)+)|(-\d+)(?![-\d]))")
_FICHE = re.compile(r"\bfiche\s*(?:n°\s*)?(\d)\s*§\s*(\d+(?:\.\d+)?)", re.I)


@dataclass(frozen=True, slots=True)
class Article:
    """Un article (ou un passage de l'instruction) tel qu'il est embarqué."""

    numero: str  # « R5311-40 », « instruction fiche 2 §1.3 »
    legi: str | None  # identifiant LEGIARTI de la version
    version_du: str | None  # date de début de la version (AAAA-MM-JJ)
    modifie_par: str
    texte: str
    nota: str
    source: str  # nom du fichier d'extraits

    @property
    def libelle(self) -> str:
        """« R. 5311-40 » ; « instruction DGEFP/DAT/2024/92, fiche 2 §1.3 »."""
        if self.numero.startswith("instruction "):
            return f"{INSTRUCTION}, {self.numero.removeprefix('instruction ')}"
        return libelle(self.numero)


_ESPACE_APOSTROPHE = re.compile(r"(\w['’])\s+(?=\w)")
_ESPACE_AVANT = re.compile(r"\s+([,.)])")
_ESPACE_APRES = re.compile(r"\(\s+")


def nettoyer_liens(texte: str) -> str:
    """Les espaces que laissent les liens du texte consolidé : « l' article R. 5311-17 , » ->
    « l'article R. 5311-17, » (appliqué quand les extraits sont construits)."""
    texte = _ESPACE_APOSTROPHE.sub(r"\1", texte)
    texte = _ESPACE_AVANT.sub(r"\1", texte)
    return _ESPACE_APRES.sub("(", texte)


def libelle(numero: str) -> str:
    """« R5311-40 » -> « R. 5311-40 »."""
    return f"{numero[0]}. {numero[1:]}" if re.fullmatch(r"[LRD]\d{4}(-\d+)+", numero) else numero


@dataclass(frozen=True, slots=True)
class Textes:
    articles: dict[str, Article]
    #: en-tête de chaque fichier d'extraits (sans les « # »)
    entetes: dict[str, str]

    def get(self, numero: str) -> Article | None:
        return self.articles.get(numero)


def lire_extraits(texte: str, source: str) -> tuple[list[Article], str]:
    """Analyse un fichier d'extraits ; renvoie ses articles et son en-tête."""
    entete = "\n".join(
        ligne[1:].strip() for ligne in texte.splitlines() if ligne.startswith("#")
    )
    articles = []
    for bloc in re.split(r"^===== ", texte, flags=re.M)[1:]:
        lignes = [ligne for ligne in bloc.splitlines() if ligne.strip()]
        champs = [c.strip() for c in lignes[0].split("|")]
        legi = next((c.removeprefix("id ") for c in champs if c.startswith("id ")), None)
        version = next((c.removeprefix("version du ") for c in champs if c.startswith("version du ")), None)
        corps = lignes[1:]
        mods = corps.pop(0).removeprefix("MODS:").strip() if corps and corps[0].startswith("MODS:") else ""
        nota = corps.pop().removeprefix("NOTA:").strip() if corps and corps[-1].startswith("NOTA:") else ""
        articles.append(Article(champs[0], legi, version, mods, "\n".join(corps), nota, source))
    return articles, entete


@cache
def textes(dossier: Path = DOSSIER_LEGAL) -> Textes:
    """Les extraits embarqués, lus une fois par processus."""
    articles: dict[str, Article] = {}
    entetes: dict[str, str] = {}
    for fichier in sorted(dossier.glob("*.txt")):
        trouves, entete = lire_extraits(fichier.read_text(encoding="utf-8"), fichier.name)
        entetes[fichier.name] = entete
        for article in trouves:
            articles.setdefault(article.numero, article)
    return Textes(articles, entetes)


def references(citation: str, ordre: list[str] | None = None) -> list[str]:
    """Les numéros d'articles et les passages de l'instruction cités par un texte.

    « R. 5311-17, R. 5311-23 » -> [R5311-17, R5311-23] ; « R. 5523-15-3, -11 » ->
    [R5523-15-3, R5523-15-11] ; « R. 5311-3-5 à R. 5311-3-13 » -> les articles de la plage
    présents dans ``ordre`` (l'ordre du code ; à défaut, celui des extraits embarqués) ;
    « fiche 2 §1.3 » -> « instruction fiche 2 §1.3 ». Sans doublon, dans l'ordre de citation.
    """
    trouves: list[str] = []
    position = 0
    while (m := _REF.search(citation, position)) is not None:
        lettre, numero = m.group(1), m.group(2)
        courant = lettre + numero
        trouves.append(courant)
        position = m.end()
        while True:
            if p := _PLAGE.match(citation, position):
                fin = (p.group(1) + p.group(2)) if p.group(1) else _abrege(courant, p.group(3))
                trouves.extend(_plage(courant, fin, ordre))
                courant, position = fin, p.end()
            elif s := _SUITE.match(citation, position):
                courant = _abrege(courant, s.group(1))
                trouves.append(courant)
                position = s.end()
            else:
                break
    trouves.extend(f"instruction fiche {f} §{s}" for f, s in _FICHE.findall(citation))
    return list(dict.fromkeys(trouves))


def _abrege(numero: str, suite: str) -> str:
    """« R5523-15-3 » + « -11 » -> « R5523-15-11 »."""
    return numero.rsplit("-", 1)[0] + suite


def _plage(debut: str, fin: str, ordre: list[str] | None) -> list[str]:
    ordre = ordre if ordre is not None else list(textes().articles)
    if debut in ordre and fin in ordre and ordre.index(debut) <= ordre.index(fin):
        return ordre[ordre.index(debut) : ordre.index(fin) + 1]
    return [debut, fin]


def articles_cites(citation: str) -> tuple[list[Article], list[str]]:
    """Les extraits embarqués des articles cités, et les numéros sans extrait."""
    base = textes()
    trouves: list[Article] = []
    absents: list[str] = []
    for numero in references(citation):
        article = base.get(numero)
        if article:
            trouves.append(article)
        else:
            absents.append(numero)
    return trouves, absents


__all__ = ["INSTRUCTION", "Article", "Textes", "articles_cites", "libelle", "references", "textes"]
