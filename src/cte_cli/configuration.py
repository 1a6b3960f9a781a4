"""Configuration d'un dépôt : le fichier `cte.toml` à sa racine (docs/configuration.md).

```toml
[regles]
# règles (ou familles) non appliquées, avec la raison
desactiver = { axes-limites = "plan régional en sept axes, validé en CRE" }
# gravités changées : une recommandation peut devenir une erreur, une erreur ne descend jamais
gravites = { reunions-par-an = "erreur", fiche-action-complete = "info" }

[parametres]
# paramètres des règles (identifiant -> valeur), transmis tels quels aux règles
"seances.delai_convocation_jours" = 15
```

Ce que le droit impose ne se désactive pas : une règle de gravité « erreur » (un article du code
du travail, ou le format lui-même) ne peut être ni désactivée ni rétrogradée ici ; `cte` refuse
la configuration (sortie 2) et indique le commentaire de suppression, nœud par nœud et avec sa
raison, qui reste visible dans tous les rapports (`suppressions.py`).

Le fichier marque aussi la racine du dépôt : `cte` le cherche dans le dossier indiqué puis dans
ses parents, et ne mélange pas deux dépôts (`depots.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cte_cli.constats import Gravite
from cte_cli.erreurs import CteErreur

NOM = "cte.toml"
#: sections et clés connues (toute autre est une erreur : une faute de frappe ne passe pas)
SECTIONS: dict[str, tuple[str, ...]] = {"regles": ("desactiver", "gravites"), "parametres": ()}


@dataclass
class Configuration:
    """La configuration lue (vide sans fichier)."""

    fichier: Path | None = None
    #: identifiant de règle -> raison
    desactivees: dict[str, str] = field(default_factory=dict)
    #: identifiant de règle -> gravité imposée par le dépôt
    gravites: dict[str, Gravite] = field(default_factory=dict)
    #: paramètres du droit remplacés par le dépôt : identifiant à points -> valeur, ou
    #: {date: valeur} pour une série datée (ctx.surcharges ; referentiel/data/droit)
    parametres: dict[str, Any] = field(default_factory=dict)


#: le cte.toml écrit par `cte init` : tout commenté, il marque la racine du dépôt
MODELE_INITIAL = """\
# Configuration du dépôt pour cte (docs/configuration.md). Ce fichier marque aussi la racine
# du dépôt : « cte validate », « cte generate … » lancés dans un sous-dossier lisent tout le dépôt.

[regles]
# Règles (ou familles) à ne pas appliquer, avec la raison. Seules les recommandations
# (avertissements, infos) peuvent l'être : une erreur imposée par le droit s'ignore nœud par
# nœud, avec sa raison, par un commentaire « # cte: ignorer[regle] raison ».
# desactiver = { axes-limites = "plan régional en sept axes, validé en CRE du 3 juin 2025" }

# Gravités changées : une recommandation peut devenir une erreur (jamais l'inverse).
# gravites = { reunions-par-an = "erreur" }

[parametres]
# Paramètres du droit remplacés par le dépôt (liste : cte regles --parametres), par exemple un
# délai de convocation propre à la région, ou une valeur à partir d'une date :
# "cte.delai_convocation_defaut_jours" = 10
# "plafond.cde" = { 2027-01-01 = 30 }
"""


def ecrire_initiale(dossier: str | Path, force: bool = False) -> Path:
    """Écrit le `cte.toml` d'un dépôt neuf (`cte init`)."""
    from cte_cli.ecriture import ecrire_atomique

    return ecrire_atomique(Path(dossier) / NOM, MODELE_INITIAL, force=force)


def trouver(depart: str | Path) -> Path | None:
    """Le `cte.toml` du dépôt qui contient `depart` (ce dossier ou un parent), ou None.

    La recherche s'arrête à la racine d'un dépôt git sans `cte.toml` : un dossier au-dessus
    n'est pas le dépôt."""
    chemin = Path(depart).resolve()
    dossier = chemin if chemin.is_dir() else chemin.parent
    for courant in (dossier, *dossier.parents):
        candidat = courant / NOM
        if candidat.is_file():
            return candidat
        if (courant / ".git").exists():
            return None
    return None


def lire(fichier: str | Path | None) -> Configuration:
    """Lit et vérifie `cte.toml` ; CteErreur (message français, ligne) s'il est fautif."""
    if fichier is None:
        return Configuration()
    import tomllib

    fichier = Path(fichier)
    try:
        texte = fichier.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CteErreur("le fichier n'est pas en UTF-8 : réenregistrez-le en UTF-8", str(fichier)) from None
    try:
        donnees = tomllib.loads(texte)
    except tomllib.TOMLDecodeError as exc:
        ligne = re.search(r"line (\d+)", str(exc))
        raise CteErreur(f"syntaxe TOML invalide ({_traduire_toml(str(exc))})", str(fichier),
                        int(ligne.group(1)) if ligne else None) from None
    return _verifier(donnees, texte, fichier)


def _traduire_toml(message: str) -> str:
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
    traductions = {
        "Cannot overwrite a value": "clé définie deux fois",
        "Invalid value": "valeur invalide",
        "Expected '=' after a key in a key/value pair": "« = » attendu après la clé",
        "Invalid statement": "ligne incompréhensible",
        "Unclosed array": "liste non refermée (« ] » manquant)",
        "Unterminated string": "texte entre guillemets non refermé",
    }
    return traductions.get(message, message)


def _ligne(texte: str, mot: str) -> int | None:
    for numero, ligne in enumerate(texte.splitlines(), 1):
        if re.search(rf"(^|[\s\"'{{,]){re.escape(mot)}([\s\"'=]|$)", ligne):
            return numero
    return None


def _verifier(donnees: dict[str, Any], texte: str, fichier: Path) -> Configuration:
    from cte_cli.suggestions import suggestion

    config = Configuration(fichier)
    for section, valeur in donnees.items():
        if section not in SECTIONS:
            raise CteErreur(f"section « [{section}] » inconnue ; sections possibles : "
                            f"{', '.join(SECTIONS)}{suggestion(section, SECTIONS)}", str(fichier),
                            _ligne(texte, section))
        if not isinstance(valeur, dict):
            raise CteErreur(f"« {section} » doit être une section [{section}]", str(fichier), _ligne(texte, section))
    regles = donnees.get("regles", {})
    for cle in regles:
        if cle not in SECTIONS["regles"]:
            raise CteErreur(f"clé « regles.{cle} » inconnue ; clés possibles : desactiver, gravites"
                            f"{suggestion(cle, SECTIONS['regles'])}", str(fichier), _ligne(texte, cle))
    desactiver = regles.get("desactiver", {})
    if isinstance(desactiver, list):
        desactiver = {str(x): "" for x in desactiver}
    if not isinstance(desactiver, dict):
        raise CteErreur("« regles.desactiver » : une liste d'identifiants, ou une table identifiant = "
                        "\"raison\"", str(fichier), _ligne(texte, "desactiver"))
    for nom, raison in desactiver.items():
        for r in _regles_designees(nom, fichier, texte, "regles.desactiver"):
            _refuser_si_imposee(r, "désactivée", fichier, texte, nom)
            config.desactivees[r.id] = str(raison)
    gravites = regles.get("gravites", {})
    if not isinstance(gravites, dict):
        raise CteErreur("« regles.gravites » : une table identifiant = \"erreur\" | \"avertissement\" | "
                        "\"info\"", str(fichier), _ligne(texte, "gravites"))
    for nom, valeur in gravites.items():
        try:
            gravite = Gravite(str(valeur))
        except ValueError:
            raise CteErreur(f"« regles.gravites.{nom} » : gravité « {valeur} » inconnue ; gravités "
                            "possibles : erreur, avertissement, info" + suggestion(valeur, list(Gravite)),
                            str(fichier), _ligne(texte, nom)) from None
        for r in _regles_designees(nom, fichier, texte, "regles.gravites"):
            if r.gravite is Gravite.ERREUR and gravite is not Gravite.ERREUR:
                _refuser_si_imposee(r, f"rétrogradée en {gravite}", fichier, texte, nom)
            config.gravites[r.id] = gravite
    config.parametres = _aplatir(donnees.get("parametres", {}))
    _verifier_parametres(config.parametres, fichier, texte)
    return config


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _aplatir(table: dict[str, Any], prefixe: str = "") -> dict[str, Any]:
    """`[parametres.cte] delai = 15` et `"cte.delai" = 15` donnent {"cte.delai": 15} ; une table
    dont les clés sont des dates (`{ 2027-01-01 = 30 }`) est une série datée, gardée telle quelle."""
    plat: dict[str, Any] = {}
    for cle, valeur in table.items():
        nom = f"{prefixe}{cle}"
        if isinstance(valeur, dict) and not (valeur and all(_DATE.match(str(k)) for k in valeur)):
            plat.update(_aplatir(valeur, f"{nom}."))
        else:
            plat[nom] = valeur
    return plat


def _verifier_parametres(parametres: dict[str, Any], fichier: Path, texte: str) -> None:
    """Chaque paramètre de `[parametres]` est un paramètre du droit connu, d'une valeur de son
    type ; une entrée en vigueur (`vigueur.*`) ne se remplace pas. CteErreur avec la ligne."""
    from cte_cli.referentiel.parametres_legaux import lire_surcharges

    for nom in parametres:
        if nom.startswith("vigueur."):
            raise CteErreur(f"« parametres.{nom} » : une entrée en vigueur fixée par un texte ne se remplace "
                            "pas dans un dépôt", str(fichier),
                            _ligne(texte, nom) or _ligne(texte, nom.rsplit(".", 1)[-1]))
    problemes = lire_surcharges(parametres, NOM)[1]
    if problemes:
        nom = str(problemes[0].chemin[0]) if problemes[0].chemin else ""
        raise CteErreur(f"[parametres] : {problemes[0].message}", str(fichier),
                        _ligne(texte, nom) or _ligne(texte, nom.rsplit(".", 1)[-1]))


def _regles_designees(nom: str, fichier: Path, texte: str, cle: str) -> list:
    """Les règles désignées par un identifiant (ou un ancien identifiant) ou une famille."""
    try:
        return designer([nom], cle)
    except CteErreur as exc:
        raise CteErreur(exc.message, str(fichier), _ligne(texte, nom)) from None


def _refuser_si_imposee(r: Any, action: str, fichier: Path, texte: str, nom: str) -> None:
    if r.gravite is Gravite.ERREUR:
        raise CteErreur(
            f"la règle « {r.id} » ({r.article}) est une erreur imposée par le droit ou par le format : "
            f"elle ne peut pas être {action} dans {NOM}. Pour un cas particulier justifié, ajoutez sur "
            f"le nœud concerné le commentaire « # cte: ignorer[{r.id}] raison » : le constat reste "
            "visible, marqué comme ignoré, dans tous les rapports", str(fichier), _ligne(texte, nom))


def designer(noms: list[str], option: str) -> list:
    """Les règles désignées par des identifiants (ou anciens identifiants) et des familles ;
    CteErreur qui nomme l'option (`--regles`, `regles.desactiver`…) pour un nom inconnu."""
    from cte_cli import catalogue
    from cte_cli.suggestions import suggestion

    regles = catalogue.regles()
    familles = {r.famille for r in regles.values()}
    choisies: dict[str, Any] = {}
    for nom in noms:
        nom = nom.strip()
        if not nom:
            continue
        identifiant = catalogue.resoudre(nom)
        if identifiant is not None:
            choisies[identifiant] = regles[identifiant]
        elif nom in familles:
            choisies.update({r.id: r for r in regles.values() if r.famille == nom})
        else:
            possibles = [*regles, *familles, *catalogue.alias()]
            raise CteErreur(f"{option} : règle ou famille « {nom} » inconnue"
                            + (suggestion(nom, possibles) or " (voir « cte regles »)"))
    return list(choisies.values())


def schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) de `cte.toml`, pour les éditeurs de TOML qui en lisent
    (Taplo, « Even Better TOML » : ligne `#:schema ./cte-toml.schema.json` en tête du fichier).
    Les identifiants de règles et de familles y sont énumérés : complétion et faute signalée."""
    from cte_cli import catalogue

    regles = catalogue.regles()
    noms = sorted({*regles, *catalogue.alias(), *(r.famille for r in regles.values())})
    recommandations = sorted({r.id for r in regles.values() if r.gravite is not Gravite.ERREUR}
                             | {a for a, r in catalogue.alias().items() if regles[r].gravite is not Gravite.ERREUR})
    gravites = [g.value for g in Gravite]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cte.toml : configuration d'un dépôt cte",
        "description": "Racine du dépôt ; règles désactivées, gravités, paramètres (docs/configuration.md).",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "regles": {
                "type": "object",
                "additionalProperties": False,
                "description": "Choix des règles. Une erreur imposée par le droit ou le format ne se désactive "
                "ni ne se rétrograde : commentaire « # cte: ignorer[regle] raison » sur le nœud.",
                "properties": {
                    "desactiver": {
                        "description": "Recommandations (avertissements, infos) non appliquées : liste "
                        "d'identifiants ou de familles, ou table identifiant = \"raison\".",
                        "oneOf": [
                            {"type": "array", "items": {"enum": noms}},
                            {"type": "object", "propertyNames": {"enum": noms},
                             "additionalProperties": {"type": "string"}},
                        ],
                    },
                    "gravites": {
                        "description": "Gravité imposée par le dépôt : une recommandation peut devenir une "
                        "erreur ; une erreur ne descend jamais.",
                        "type": "object",
                        "propertyNames": {"enum": noms},
                        "additionalProperties": {"enum": gravites},
                    },
                },
            },
            "parametres": {
                "type": "object",
                "description": "Paramètres des règles (identifiant à points = valeur), transmis aux règles "
                "qui les prévoient (ctx.surcharges).",
            },
        },
        "$comment": f"recommandations désactivables : {', '.join(recommandations)}",
    }
