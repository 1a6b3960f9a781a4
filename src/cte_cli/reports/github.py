"""Rapport GitHub Actions : une commande de workflow par constat.

`::error file=regional/cre.yaml,line=12,col=5,title=plafond-sieges (R. 5311-18)::message`

GitHub transforme chaque ligne en annotation sur la ligne du fichier dans la demande de
fusion (« Files changed »). `error` pour une erreur, `warning` pour un avertissement,
`notice` pour une info ou un constat ignoré (`# cte: ignorer[…]`, raison en tête du message).
Échappement (actions/toolkit, `command.ts`) : dans le message,
`%`, `\\r` et `\\n` ; dans les propriétés, en plus, `:` et `,`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cte_cli.constats import Gravite
from cte_cli.reports.commun import chemin_relatif

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat

COMMANDES = {Gravite.ERREUR: "error", Gravite.AVERTISSEMENT: "warning", Gravite.INFO: "notice"}


def echapper_donnee(texte: str) -> str:
    """Échappe le message (après `::`)."""
    return texte.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def echapper_propriete(texte: str) -> str:
    """Échappe une valeur de propriété (`file=`, `title=`…)."""
    return echapper_donnee(texte).replace(":", "%3A").replace(",", "%2C")


def ligne(commande: str, proprietes: dict[str, object], message: str) -> str:
    """Une commande de workflow complète (sans fin de ligne)."""
    props = ",".join(f"{k}={echapper_propriete(str(v))}" for k, v in proprietes.items())
    return f"::{commande} {props}::{echapper_donnee(message)}"


def rendre(resultat: Resultat) -> str:
    lignes = []
    for c in resultat.constats:
        proprietes = {
            "file": chemin_relatif(c.fichier),
            "line": c.ligne,
            "col": c.colonne,
            "title": f"{c.regle} ({c.article})",
        }
        if c.ignore is not None:  # visible, mais en simple note : il ne bloque pas
            proprietes["title"] = f"{c.regle} ({c.article}) — ignoré"
            message = f"[ignoré ({c.gravite}) : {c.ignore.raison}] {c.message}"
            lignes.append(ligne("notice", proprietes, message))
            continue
        lignes.append(ligne(COMMANDES[c.gravite], proprietes, c.message))
    return "".join(f"{x}\n" for x in lignes)
