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
from typing import Any

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
    "parametres": "Surcharges du dépôt",
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
        raise CteErreur(f"règle ou paramètre « {id_} » inconnu" + suggestion_regle_ou_parametre(id_)
                        + " ; `cte regles` liste les règles, `cte regles --parametres` les paramètres")
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
    lignes.append(f"{len(regles)} règles ; détail : cte expliquer REGLE ; chiffres et dates du droit : "
                  "cte regles --parametres")
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
    lignes += ["Voir aussi, après les règles : [les paramètres du droit](#paramètres-du-droit) (chaque chiffre "
               "et chaque date, avec ses dates de validité), [les catégories de membres](#catégories-de-membres) "
               "et [les interprétations retenues](#interprétations-retenues).", ""]
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
    lignes += _parametres_markdown() + _categories_markdown() + _interpretations_markdown()
    return "\n".join(lignes).rstrip("\n") + "\n"


def _valeurs_datees(p) -> str:
    """« 29 du 01/07/2024 » ; « 2 jusqu'au 30/06/2026, puis 3 à partir du 01/07/2026 »."""
    from cte_cli.referentiel.parametres_legaux import texte_valeur

    morceaux = []
    for i, (debut, valeur) in enumerate(p.valeurs):
        suivant = p.valeurs[i + 1][0] if i + 1 < len(p.valeurs) else None
        fin = f" au {_date_fr(date.fromordinal(suivant.toordinal() - 1))}" if suivant else ""
        unite = f" {p.unite}" if p.unite and p.unite not in ("en vigueur", "oui/non", "fraction") else ""
        texte = "abrogé" if valeur is None else f"**{texte_valeur(valeur)}**{unite}"
        morceaux.append(f"{texte} du {_date_fr(debut)}{fin}" if fin else f"{texte} depuis le {_date_fr(debut)}")
    return " ; ".join(morceaux)


def _parametres_markdown() -> list[str]:
    """Chaque chiffre et chaque date du droit : valeur datée, article, texte (data/droit/*.yaml)."""
    from cte_cli.referentiel.parametres_legaux import parametres_du_droit

    lignes = ["## Paramètres du droit", "",
              "Chaque chiffre et chaque date du droit que les règles appliquent, lu à la date du fait jugé "
              "(la séance, le mandat, l'arrêté de composition). Source : `src/cte_cli/referentiel/data/droit/`. "
              "Un dépôt peut en remplacer un (section `[parametres]` de `cte.toml`, voir docs/configuration.md, "
              "ou section `droit:` d'un fichier `type: parametres`, voir docs/format.md) ; chaque constat qui "
              "utilise une valeur remplacée le dit. Dans un terminal : `cte regles --parametres`, "
              "`cte expliquer plafond.cde`.", ""]
    parametres = parametres_du_droit()
    for theme in dict.fromkeys(n.split(".")[0] for n in parametres):
        lignes += [f"### `{theme}`", "", "| paramètre | valeur | article | texte |", "|---|---|---|---|"]
        for nom, p in parametres.items():
            if nom.startswith(theme + ".") and not p.choix:
                lignes.append(f"| `{nom}` : {_cellule(p.description)} | {_valeurs_datees(p)} | "
                              f"{_cellule(p.article)} | {_cellule(p.texte)} |")
        lignes.append("")
    return lignes


def _categories_markdown() -> list[str]:
    """Les catégories de chaque article de composition : obligatoire, nombre, vote, mandat, plafond."""
    from cte_cli.droit.categories import COMPOSITIONS

    nombres = {None: "au moins un", "un": "un", "un_par_epci": "un par EPCI", "un_par_organisation":
               "un par organisation", "un_par_departement": "un par département"}
    lignes = ["## Catégories de membres", "",
              "Ce que chaque article de composition exige (`cte_cli/droit/categories.py`) : la catégorie est "
              "obligatoire quand l'article dit que le comité la « comprend » (règle `categorie-manquante`) ; "
              "le nombre est celui du texte (`categorie-nombre`) ; vote : R. 5311-37 et ses adaptations ; "
              "mandat de trois ans : R. 5311-36, R. 6123-3-6 ; plafond : les catégories comptées.", ""]
    for cle, compo in COMPOSITIONS.items():
        lignes += [f"### {compo.article} (`{cle}`)", "",
                   "| catégorie | collèges | obligatoire | nombre | vote | 3 ans | plafond |", "|---|---|---|---|---|---|---|"]
        for c in compo.table:
            nombre = (f"`{c.nombre.removeprefix('parametre:')}`" if c.nombre and c.nombre.startswith("parametre:")
                      else nombres.get(c.nombre, c.nombre))
            lieux = f" ({', '.join(c.lieux)} seulement)" if c.lieux else ""
            lignes.append(
                f"| {c.rang} {_cellule(c.libelle)}{lieux} | {', '.join(f'`{x}`' for x in c.colleges)} | "
                f"{'oui' if c.obligatoire else 'non'} | {nombre} | {'oui' if c.votant else 'non'} | "
                f"{'oui' if c.mandat else 'non'} | {'oui' if c.plafonne else 'non'} |")
        lignes.append("")
    return lignes


def _interpretations_markdown() -> list[str]:
    """Les lectures retenues là où le texte se tait ou se lit de deux façons, et pourquoi."""
    from cte_cli.referentiel.parametres_legaux import parametres_du_droit

    lignes = ["## Interprétations retenues", "",
              "Là où le texte se tait ou peut se lire de deux façons, `cte` retient une lecture par défaut et "
              "le dit dans chaque constat qui en dépend (« lecture retenue : … »). Un dépôt qui lit le texte "
              "autrement choisit l'autre lecture dans la section `droit:` d'un fichier `type: parametres` "
              "(par exemple `interpretation.plafond_r5311_29: categories_1_a_6`).", ""]
    for nom, p in parametres_du_droit().items():
        if not p.choix:
            continue
        defaut = p.valeurs[-1][1] if p.valeurs else None
        lignes += [f"### `{nom}`", "", f"{p.description} ({p.article}) : {p.citation}", ""]
        for cle, texte in p.choix.items():
            marque = " — **lecture par défaut**" if cle == defaut else ""
            lignes.append(f"- `{cle}`{marque} : {texte}")
        lignes.append("")
        if p.motif:
            lignes += [f"Pourquoi : {p.motif}", ""]
    lignes += _interpretations_sans_parametre()
    return lignes


def _interpretations_sans_parametre() -> list[str]:
    """Les lectures sans alternative raisonnable, écrites pour mémoire."""
    points = [
        ("Comité régional et CREFOP (R. 5311-17 3°, R. 6123-3-3 2° bis, R. 6123-3-6)",
         "deux instances : le comité régional institué au sein du CREFOP compte des représentants de tous les "
         "départements, nommés pour trois ans, sous le plafond de R. 5311-18 (36 au-delà de six départements, "
         "ce qui n'a de sens que si tous siègent) ; la limite de six et la rotation ne valent que pour les "
         "sièges du CREFOP, décrits par le bloc `rotation`."),
        ("Comité local : le 5° de R. 5311-32",
         "les EPCI du 4° représentant les communes de leur ressort, l'arrêté peut ne pas prévoir de siège au "
         "5° (« autres que ceux mentionnés à l'alinéa précédent ») : la catégorie n'est pas exigée d'un comité "
         "local ordinaire ; elle l'est d'un comité interdépartemental, dont l'arrêté doit « garantir la "
         "représentation de chacune des catégories » (R. 5311-35)."),
        ("Mandats échus et membres remplacés (R. 5311-36)",
         "un membre gardé dans le fichier après son remplacement est de l'histoire : ni compté (composition, "
         "plafonds, voix, quorum), ni signalé, ni tenu à un mandat de trois ans. Son successeur est celui que "
         "désigne `remplace: {nom}`, à défaut le membre arrivé sur la même clé de siège après la fin de son "
         "mandat, à défaut, dans une catégorie à siège unique (une mission locale, un département, un EPCI, une "
         "organisation), le remplaçant (`remplace_le`) ; ailleurs rien n'est deviné. Un mandat échu sans "
         "successeur est signalé une fois (`mandat-echu`), le siège restant compté."),
        ("Mandats courts (R. 5311-36)",
         "un mandat plus court que trois ans n'est admis que pour un remplaçant ou s'il finit au terme commun "
         "des membres nommés pour un mandat entier (à défaut, trois ans après l'arrêté) : un arrêté qui nomme "
         "tout le monde pour deux ans est irrégulier."),
        ("CREFOP renommé et fonctionnement (R. 5311-15)",
         "le CREFOP qui prend le nom de comité régional pour l'emploi fonctionne selon les articles du CREFOP "
         "(R. 6123-3-16 à -20) : le quorum, les votes pondérés et les procurations de R. 5311-38 à R. 5311-43 "
         "ne lui sont pas appliqués ; ses deux réunions par an (R. 6123-3-14) le sont."),
        ("Entrée en vigueur",
         "avant le 1er juillet 2024 (outre-mer, le 1er janvier 2025), les comités n'existent pas en droit : "
         "aucune règle de composition, de voix ni de mandat ne juge un comité à une date de contrôle "
         "antérieure ; une séance est jugée selon les textes en vigueur le jour où elle se tient."),
        ("Première année et obligations annuelles",
         "quand la lecture « douze mois après l'installation » trouve une plénière (ou une réunion du CREFOP "
         "renommé) manquante mais que l'année civile où ces douze mois finissent la compte, le constat n'est "
         "qu'un avertissement : une erreur ne dépend pas d'une seule lecture possible."),
        ("Séances non enregistrées",
         "une période sans aucune séance enregistrée est un trou du dépôt, pas la preuve qu'aucune réunion "
         "ne s'est tenue : avertissement `seances-non-enregistrees` au lieu d'une erreur de plénière."),
        ("Délibérer sans quorum (R. 5311-40)",
         "la nouvelle convocation suit la séance où le quorum a manqué, porte sur un ordre du jour compris "
         "dans le sien, et respecte le délai du règlement intérieur ; le quorum est vérifié sur la liste des "
         "présents de la séance (un départ en cours de séance n'est pas suivi)."),
        ("Coprésidents et quorum (R. 5311-37, R. 5311-40)",
         "les coprésidents ont voix délibérative : ils comptent parmi les membres ayant voix délibérative "
         "pour le quorum."),
        ("Égalité de moyennes (R. 5311-38 3° et 4°)",
         "le texte ne départage pas une égalité pour la dernière voix : toute attribution à la plus forte "
         "moyenne est conforme, et un arrêté déjà pris est conservé (`cte voix` et `cte validate` lisent de "
         "même)."),
        ("Organisations d'employeurs outre-mer (R. 5523-15-3 e)",
         "une organisation qui n'est pas une organisation nationale connue est tenue pour représentative au "
         "seul niveau régional : elle ne vote pas ; un syndicat régional (CGTR, UGTG…) a une voix."),
    ]
    lignes = ["### Autres lectures, sans paramètre", ""]
    lignes += [f"- **{titre}** : {texte}" for titre, texte in points]
    return lignes + [""]


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


# --- paramètres du droit : `cte regles --parametres`, `cte expliquer plafond.cde` ---------------


def parametres_a(jour: date, theme: str | None = None) -> list[tuple[Any, Any]]:
    """(paramètre, valeur au jour donné) de chaque paramètre du droit, d'un thème (« plafond »)."""
    from cte_cli.referentiel.parametres_legaux import parametres_du_droit

    parametres = parametres_du_droit()
    themes = list(dict.fromkeys(n.split(".")[0] for n in parametres))
    if theme is not None and theme not in themes:
        raise CteErreur(f"--theme : thème « {theme} » inconnu{suggestion(theme, themes)} ; thèmes : "
                        + ", ".join(themes))
    return [(p, p.a(jour)) for nom, p in parametres.items() if theme is None or nom.split(".")[0] == theme]


def parametres_en_texte(liste: list[tuple[Any, Any]], jour: date) -> str:
    """Une ligne par paramètre : nom, valeur au jour, article ; groupés par thème."""
    from cte_cli.referentiel.parametres_legaux import texte_valeur

    largeur = max((len(p.nom) for p, _ in liste), default=0)
    lignes: list[str] = [f"Paramètres du droit au {_date_fr(jour)} (valeur, unité, article)", ""]
    for theme in dict.fromkeys(p.nom.split(".")[0] for p, _ in liste):
        lignes.append(theme)
        for p, valeur in liste:
            if p.nom.split(".")[0] != theme:
                continue
            lue = "pas en vigueur" if valeur is None else texte_valeur(valeur)
            unite = f" {p.unite}" if valeur is not None and p.unite not in ("", "choix", "fraction", "oui/non") else ""
            lignes.append(f"  {p.nom:<{largeur}}  {lue}{unite}  [{p.article}]")
        lignes.append("")
    lignes.append(f"{len(liste)} paramètres ; détail, valeurs datées et texte : cte expliquer PARAMETRE ; "
                  "un dépôt en remplace un dans cte.toml, section [parametres]")
    return "\n".join(lignes) + "\n"


def parametres_en_json(liste: list[tuple[Any, Any]], jour: date) -> str:
    """Les paramètres, valeur au jour et série datée complète (version 1)."""
    from fractions import Fraction

    def brut(v: Any) -> Any:
        if isinstance(v, Fraction):
            return str(v)
        return v.isoformat() if isinstance(v, date) else v

    donnees = {"version": 1, "date": jour.isoformat(), "parametres": [
        {"nom": p.nom, "valeur": brut(valeur), "unite": p.unite, "article": p.article, "texte": p.texte,
         "description": p.description, "citation": p.citation,
         "valeurs": [{"depuis": d.isoformat(), "valeur": brut(v)} for d, v in p.valeurs],
         **({"choix": dict(p.choix), "motif": p.motif} if p.choix else {})}
        for p, valeur in liste]}
    return json.dumps(donnees, ensure_ascii=False, indent=2) + "\n"


def est_parametre(nom: str) -> bool:
    from cte_cli.referentiel.parametres_legaux import parametres_du_droit

    return nom in parametres_du_droit()


def expliquer_parametre(nom: str) -> tuple[Any, list[Any], list[str]]:
    """(paramètre, extraits des articles cités, numéros sans extrait) pour `cte expliquer`."""
    from cte_cli.referentiel.parametres_legaux import definition

    p = definition(nom)
    articles, absents = articles_cites(p.article)
    return p, articles, absents


def suggestion_regle_ou_parametre(nom: str) -> str:
    """« ; vouliez-vous dire … ? » parmi les règles et les paramètres du droit."""
    from cte_cli.referentiel.parametres_legaux import parametres_du_droit

    return suggestion(nom, [*charger_regles(), *parametres_du_droit()])


__all__ = [
    "Explication", "analyser_exemple", "en_json", "en_markdown", "en_texte", "executer_exemple",
    "est_parametre", "expliquer", "expliquer_parametre", "familles", "lister", "parametres_a", "parametres_en_json",
    "parametres_en_texte", "regle_par_id",
]
