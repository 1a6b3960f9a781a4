"""Rapport SARIF 2.1.0 (OASIS), pour GitHub code scanning (`upload-sarif`) et les éditeurs.

Un seul `run` : l'outil `cte` avec toutes les règles du registre (identifiant, titre, article,
description, famille) et un résultat par constat (règle, niveau, message, fichier relatif à la
racine du dépôt, ligne et colonne, empreinte partielle stable `cte/v1`). Un constat ignoré par
un commentaire `# cte: ignorer[…] raison` garde son résultat, avec `suppressions` (inSource,
justification = la raison) : GitHub code scanning le classe parmi les alertes écartées.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from cte_cli.constats import Gravite
from cte_cli.reports.commun import chemin_relatif, empreintes, url_projet

if TYPE_CHECKING:
    from cte_cli.constats import Regle
    from cte_cli.moteur import Resultat

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
NIVEAUX = {Gravite.ERREUR: "error", Gravite.AVERTISSEMENT: "warning", Gravite.INFO: "note"}
BASE = "%SRCROOT%"


def _regle(r: Regle) -> dict[str, Any]:
    description = " ".join(r.description.split()) or r.titre
    aide = f"{r.titre}.\nArticle : {r.article}.\n{description}"
    return {
        "id": r.id,
        "name": r.id,
        "shortDescription": {"text": r.titre},
        "fullDescription": {"text": description},
        "help": {"text": aide, "markdown": f"**{r.titre}**\n\nArticle : {r.article}\n\n{description}"},
        "defaultConfiguration": {"level": NIVEAUX[r.gravite]},
        "properties": {"article": r.article, "famille": r.famille, "tags": [r.famille, r.article]},
    }


def _resultat(c, index: int | None, empreinte: str) -> dict[str, Any]:
    resultat: dict[str, Any] = {
        "ruleId": c.regle,
        "level": NIVEAUX[c.gravite],
        "message": {"text": c.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": quote(chemin_relatif(c.fichier), safe="/"), "uriBaseId": BASE},
                "region": {"startLine": c.ligne, "startColumn": c.colonne},
            },
        }],
        "partialFingerprints": {"cte/v1": empreinte},
        "properties": {"article": c.article},
    }
    if index is not None:
        resultat["ruleIndex"] = index
    if c.ignore is not None:  # SARIF 2.1.0 §3.35 : le résultat reste, marqué supprimé dans la source
        resultat["suppressions"] = [{
            "kind": "inSource", "status": "accepted", "justification": c.ignore.raison,
            "location": {"physicalLocation": {
                "artifactLocation": {"uri": quote(chemin_relatif(c.ignore.fichier), safe="/"), "uriBaseId": BASE},
                "region": {"startLine": c.ignore.ligne},
            }},
        }]
    return resultat


def rendre(resultat: Resultat) -> str:
    from cte_cli import __version__
    from cte_cli.catalogue import regles as registre

    regles = list(registre().values())
    index = {r.id: i for i, r in enumerate(regles)}
    resultats = [
        _resultat(c, index.get(c.regle), e)
        for c, e in zip(resultat.constats, empreintes(resultat.constats), strict=True)
    ]
    rapport = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cte",
                "fullName": "cte : comités territoriaux pour l'emploi",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": url_projet(),
                "language": "fr-FR",
                "rules": [_regle(r) for r in regles],
            }},
            "originalUriBaseIds": {BASE: {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": not resultat.entree_illisible,
                "properties": {"dateControle": resultat.date_controle.isoformat()},
            }],
            "results": resultats,
        }],
    }
    return json.dumps(rapport, ensure_ascii=False, indent=2) + "\n"
