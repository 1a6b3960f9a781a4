"""Complétion dans le shell (`cte --install-completion`) : commandes et options (Typer), et
valeurs tirées du dépôt : identifiants de comités et de séances, codes de région et de
département.

Les identifiants sont lus sur le texte des fichiers YAML (clés `type:` et `id:` en tête de
ligne, nom du fichier pour une séance sans `id`), sans analyse YAML ni validation : la
complétion reste instantanée sur le dépôt national. Le dépôt est celui de `--depot`/`-d` ou
du premier argument déjà tapé qui est un dossier, sinon le dossier courant.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_TYPE = re.compile(r"^type:[ \t]*[\"']?([a-z_]+)", re.M)
_ID = re.compile(r"^id:[ \t]*[\"']?([a-z0-9-]+)", re.M)
#: taille lue au plus par fichier (les clés `type` et `id` sont en tête)
TETE = 4096
#: entrées parcourues au plus : lancée hors d'un dépôt (dossier personnel…), la complétion
#: s'arrête vite au lieu de parcourir tout le disque
ENTREES_MAX = 50_000
#: paramètres (nom Python dans les commandes) -> nature des valeurs proposées
PARAMETRES = {
    "comite": "comite", "cible": "comite", "seance": "seance", "region": "region", "departement": "departement",
}
_DEPOTS = ("depot", "chemin", "chemins", "dossier")


def identifiants(depot: str | os.PathLike, nature: str) -> list[str]:
    """Les identifiants des documents `nature` (comite, seance, feuille_de_route) du dépôt, triés."""
    trouves: set[str] = set()
    vues = 0
    for racine, dossiers, fichiers in os.walk(os.fspath(depot)):
        dossiers[:] = [d for d in dossiers if not d.startswith(".")]
        vues += len(dossiers) + len(fichiers)
        if vues > ENTREES_MAX:
            break
        for nom in fichiers:
            if not nom.endswith((".yaml", ".yml")) or nom.startswith("."):
                continue
            try:
                with open(os.path.join(racine, nom), encoding="utf-8", errors="replace") as flux:
                    tete = flux.read(TETE)
            except OSError:
                continue
            genre = _TYPE.search(tete)
            if genre is None or genre.group(1) != nature:
                continue
            ident = _ID.search(tete)
            trouves.add(ident.group(1) if ident else Path(nom).stem)
    return sorted(trouves)


def codes(nature: str) -> list[tuple[str, str]]:
    """(code, nom) des régions ou des départements du référentiel."""
    from cte_cli.referentiel import geographie

    geo = geographie()
    table = geo.regions if nature == "region" else geo.departements
    return [(code, x.nom) for code, x in table.items()]


def depot_du_contexte(ctx) -> Path:
    """Le dépôt visé par la ligne en cours de saisie (option --depot, dossier déjà tapé) ou « . »."""
    courant = ctx
    while courant is not None:
        for nom in _DEPOTS:
            valeur = courant.params.get(nom)
            for v in valeur if isinstance(valeur, list | tuple) else [valeur]:
                if v is not None and Path(v).is_dir():
                    return Path(v)
        courant = courant.parent
    return Path(".")


def proposer(nature: str):
    """La fonction de complétion (click `shell_complete`) d'un paramètre."""

    def completer(ctx, param, incomplet: str):
        from typer._click.shell_completion import CompletionItem

        if nature in ("comite", "seance"):
            return [CompletionItem(i) for i in identifiants(depot_du_contexte(ctx), nature) if i.startswith(incomplet)]
        return [CompletionItem(code, help=nom) for code, nom in codes(nature) if code.startswith(incomplet.upper())]

    return completer


#: aide en français des options ajoutées par Typer
AIDES = {
    "install_completion": "Installer la complétion pour le shell courant (bash, zsh, fish, PowerShell).",
    "show_completion": "Afficher le script de complétion du shell courant (pour le copier ou l'adapter).",
}


def brancher(commande) -> None:
    """Pose les complétions sur les paramètres connus de toutes les commandes (récursif)."""
    for param in getattr(commande, "params", []):
        if param.name in AIDES:
            param.help = AIDES[param.name]
        nature = PARAMETRES.get(param.name or "")
        if nature and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = proposer(nature)
    for sous in getattr(commande, "commands", {}).values():
        brancher(sous)
