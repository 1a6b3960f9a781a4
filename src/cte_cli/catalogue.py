"""Catalogue des règles : liste (texte, Markdown, JSON), explication d'une règle avec le texte
des articles cités et ce que `cte validate` dit de son exemple.

`docs/regles.md` est produit par `cte regles --format markdown > docs/regles.md` ;
`tests/test_catalogue.py` échoue quand il n'est plus à jour. Rien n'est imprimé ici.

Exemple d'une règle (champ `exemple` de `@regle`) : un fragment YAML à lire, ou un dépôt
miniature exécutable. Il est exécutable quand il contient une clé `type:` ; il peut fixer la
date de contrôle (`# date: AAAA-MM-JJ`) et se répartir en fichiers (`# fichier: chemin.yaml`
avant chaque document). `cte expliquer` l'écrit dans un dossier temporaire et le valide.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cte_cli.constats import Constat
from cte_cli.erreurs import CteErreur
from cte_cli.referentiel.legal import Article, articles_cites
from cte_cli.rules.registry import FAMILLES, Regle, charger_regles
from cte_cli.suggestions import suggestion

REGENERER = "cte regles --format markdown > docs/regles.md"

LIBELLES_FAMILLES = {
    "structure": "Structure des fichiers",
    "geographie": "Géographie",
    "composition": "Composition",
    "crefop": "Comité régional et CREFOP",
    "territoires": "Territoires particuliers",
    "couverture": "Couverture du territoire",
    "voix": "Voix",
    "mandats": "Mandats",
    "seances": "Séances",
    "reglement": "Règlement intérieur",
    "feuilles_de_route": "Feuilles de route",
    "audits": "Audits",
    "documents": "Documents à produire",
}

_DATE = re.compile(r"^#\s*date:\s*(\d{4}-\d{2}-\d{2})\s*$", re.M)
_FICHIER = re.compile(r"^#\s*fichier:\s*(\S+)\s*$", re.M)


def familles(regles: dict[str, Regle] | None = None) -> list[str]:
    """Les familles dans l'ordre de FAMILLES, puis les autres."""
    regles = regles if regles is not None else charger_regles()
    presentes = list(dict.fromkeys(r.famille for r in regles.values()))
    return [f for f in FAMILLES if f in presentes] + [f for f in presentes if f not in FAMILLES]


def lister(famille: str | None = None) -> list[Regle]:
    """Les règles du registre, famille par famille ; CteErreur si la famille n'existe pas."""
    regles = charger_regles()
    connues = familles(regles)
    if famille is not None and famille not in connues:
        raise CteErreur(f"famille « {famille} » inconnue" + suggestion(famille, connues)
                        + f" ; familles : {', '.join(connues)}")
    retenues = [famille] if famille else connues
    return [r for f in retenues for r in regles.values() if r.famille == f]


def regle_par_id(id_: str) -> Regle:
    from cte_cli.rules.registry import resoudre

    regles = charger_regles()
    id_ = resoudre(id_) or id_  # un ancien identifiant (règle renommée) désigne la règle actuelle
    if id_ not in regles:
        raise CteErreur(f"règle « {id_} » inconnue" + suggestion(id_, regles)
                        + " ; `cte regles` les liste toutes")
    return regles[id_]


def description(regle: Regle) -> str:
    """La docstring de la règle, sans l'indentation du code."""
    return inspect.cleandoc(regle.description) if regle.description else ""


def _date_fr(jour: date) -> str:
    return f"{jour:%d/%m/%Y}"


# --- formats de liste ---------------------------------------------------------------------------


def en_texte(regles: list[Regle]) -> str:
    """Une ligne par règle, groupées par famille : id, gravité, titre, [article]."""
    largeur = max((len(r.id) for r in regles), default=0)
    lignes: list[str] = []
    for famille in dict.fromkeys(r.famille for r in regles):
        membres = [r for r in regles if r.famille == famille]
        lignes.append(f"{LIBELLES_FAMILLES.get(famille, famille)} ({famille}, {len(membres)} règles)")
        for r in membres:
            lignes.append(f"  {r.id:<{largeur}}  {r.gravite!s:<13}  {r.titre}  [{r.article}]")
        lignes.append("")
    lignes.append(f"{len(regles)} règles ; détail : cte expliquer REGLE")
    return "\n".join(lignes) + "\n"


def en_json(regles: list[Regle]) -> str:
    donnees = {
        "version": 1,
        "regles": [
            {
                "id": r.id, "gravite": str(r.gravite), "article": r.article, "titre": r.titre,
                "famille": r.famille,
                "applicable_du": r.applicable_du.isoformat() if r.applicable_du else None,
                "bloquante": r.bloquante, "description": description(r),
            }
            for r in regles
        ],
    }
    return json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"


def en_markdown(regles: list[Regle]) -> str:
    """Le catalogue `docs/regles.md` : sommaire par famille puis une section par règle."""
    lignes = [
        "# Règles de `cte`",
        "",
        f"Fichier généré par `{REGENERER}` : ne pas le modifier à la main.",
        "Le texte des articles cités et un exemple exécuté : `cte expliquer REGLE`.",
        "",
        f"{len(regles)} règles. Gravités : `erreur` (le code de sortie vaut 1), `avertissement` "
        "(recommandation ; fait échouer avec `--strict`), `info`.",
        "",
    ]
    for famille in dict.fromkeys(r.famille for r in regles):
        membres = [r for r in regles if r.famille == famille]
        lignes += [f"## {LIBELLES_FAMILLES.get(famille, famille)} (`{famille}`)", "",
                   "| règle | gravité | article | titre |", "|---|---|---|---|"]
        lignes += [f"| [`{r.id}`](#{r.id}) | {r.gravite} | {r.article} | {_cellule(r.titre)} |" for r in membres]
        lignes.append("")
        for r in membres:
            lignes += [f"### {r.id}", "", f"**{r.titre}**", "",
                       f"- gravité : {r.gravite}", f"- article : {r.article}"]
            if r.applicable_du:
                lignes.append(f"- applicable à partir du {_date_fr(r.applicable_du)}")
            lignes.append("")
            if texte := description(r):
                lignes += [texte, ""]
    return "\n".join(lignes).rstrip("\n") + "\n"


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|")


# --- explication -----------------------------------------------------------------------------


@dataclass
class Exemple:
    """Un exemple exécutable : date de contrôle et fichiers (chemin relatif -> texte)."""

    date: date | None
    fichiers: dict[str, str]


def analyser_exemple(texte: str | None) -> Exemple | None:
    """Découpe l'exemple en fichiers ; None s'il n'est qu'un fragment (pas de `type:`)."""
    if not texte or not re.search(r"^type:\s*\S", texte, re.M):
        return None
    m = _DATE.search(texte)
    jour = date.fromisoformat(m.group(1)) if m else None
    texte = _DATE.sub("", texte)
    coupes = list(_FICHIER.finditer(texte))
    if not coupes:
        return Exemple(jour, {"exemple.yaml": texte.lstrip("\n")})
    fichiers = {}
    for i, coupe in enumerate(coupes):
        fin = coupes[i + 1].start() if i + 1 < len(coupes) else len(texte)
        fichiers[coupe.group(1)] = texte[coupe.end() : fin].lstrip("\n")
    return Exemple(jour, fichiers)


def executer_exemple(regle: Regle, defaut: date | None = None) -> tuple[date, list[Constat]] | None:
    """Valide l'exemple de la règle dans un dossier temporaire ; ses constats pour cette règle,
    chemins relatifs au dossier. None si l'exemple n'est qu'un fragment (pas de `type:`, ou
    erreurs de structure)."""
    from cte_cli.moteur import valider

    exemple = analyser_exemple(regle.exemple)
    if exemple is None:
        return None
    jour = exemple.date or defaut or date.today()
    with tempfile.TemporaryDirectory(prefix="cte-exemple-") as dossier:
        racine = Path(dossier)
        for nom, contenu in exemple.fichiers.items():
            chemin = racine / nom
            if racine not in chemin.resolve().parents:
                raise CteErreur(f"exemple de {regle.id} : chemin de fichier hors du dossier ({nom})")
            chemin.parent.mkdir(parents=True, exist_ok=True)
            chemin.write_text(contenu, encoding="utf-8")
        resultat = valider([str(racine)], jour)
        if _incomplet(resultat.constats, regle):
            return None
        constats = [c for c in resultat.constats if c.regle == regle.id]
        for c in constats:
            c.fichier = Path(c.fichier).relative_to(racine).as_posix()
            c.message = c.message.replace(f"{racine}{os.sep}", "")
            c.document = None
    return jour, constats


def _incomplet(constats: list[Constat], regle: Regle) -> bool:
    """Un exemple dont la structure est fausse (clé manquante…) n'est qu'un fragment à lire."""
    regles = charger_regles()
    return any(
        c.regle != regle.id and c.regle in regles and regles[c.regle].famille == "structure"
        and c.gravite == "erreur" for c in constats
    )


@dataclass
class Explication:
    regle: Regle
    description: str
    articles: list[Article] = field(default_factory=list)
    sans_texte: list[str] = field(default_factory=list)
    exemple: str | None = None
    date_exemple: date | None = None
    constats_exemple: list[Constat] | None = None


def expliquer(id_: str) -> Explication:
    """Tout ce que `cte expliquer` affiche pour une règle."""
    regle = regle_par_id(id_)
    texte = description(regle)
    articles, absents = articles_cites(f"{regle.article}\n{texte}" if "instruction" in regle.article else regle.article)
    explication = Explication(regle, texte, articles, absents, regle.exemple)
    execution = executer_exemple(regle)
    if execution is not None:
        explication.date_exemple, explication.constats_exemple = execution
    return explication


__all__ = [
    "Explication", "analyser_exemple", "en_json", "en_markdown", "en_texte", "executer_exemple",
    "expliquer", "familles", "lister", "regle_par_id",
]
