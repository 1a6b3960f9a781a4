"""Rapport GitLab Code Quality (`artifacts: reports: codequality`).

Un tableau JSON d'anomalies (sous-ensemble de la spécification Code Climate que GitLab lit) :
`description`, `check_name`, `fingerprint`, `severity`, `location.path`,
`location.lines.begin`, plus `location.positions` (ligne et colonne) et `categories`.

Gravités : une erreur d'entrée illisible (règle bloquante) -> `critical`, une erreur ->
`major`, un avertissement -> `minor`, une info -> `info` ; un constat ignoré par un commentaire
`# cte: ignorer[…] raison` -> `info`, la raison en tête de la description. L'empreinte ne dépend pas du
numéro de ligne (voir `reports.commun.empreinte`) : GitLab reconnaît le même constat d'une
demande de fusion à l'autre et n'affiche que ceux qui apparaissent ou disparaissent.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cte_cli.constats import Gravite
from cte_cli.reports.commun import chemin_relatif, empreintes

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat

SEVERITES = {Gravite.ERREUR: "major", Gravite.AVERTISSEMENT: "minor", Gravite.INFO: "info"}


def rendre(resultat: Resultat) -> str:
    from cte_cli.catalogue import regles as registre

    regles = registre()
    anomalies = []
    for c, fingerprint in zip(resultat.constats, empreintes(resultat.constats), strict=True):
        regle = regles.get(c.regle)
        severite = "critical" if regle is not None and regle.bloquante else SEVERITES[c.gravite]
        description = f"{c.message} [{c.article}]"
        if c.ignore is not None:  # montré, en « info », avec la raison
            severite, description = "info", f"[ignoré ({c.gravite}) : {c.ignore.raison}] {description}"
        anomalies.append({
            "type": "issue",
            "description": description,
            "check_name": c.regle,
            "fingerprint": fingerprint,
            "severity": severite,
            "categories": ["Bug Risk" if c.gravite is Gravite.ERREUR else "Style"],
            "location": {
                "path": chemin_relatif(c.fichier),
                "lines": {"begin": c.ligne},
                "positions": {"begin": {"line": c.ligne, "column": c.colonne}},
            },
        })
    return json.dumps(anomalies, ensure_ascii=False, indent=2) + "\n"
