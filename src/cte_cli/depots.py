"""Quel dépôt une commande lit-elle ? Un seul, et on le dit (issue 11 §3).

Toutes les commandes désignent le dépôt de la même façon : un argument `DEPOT`, le dernier,
par défaut le dossier courant (docs/configuration.md). La racine d'un dépôt est le dossier qui
porte `cte.toml` (écrit par `cte init`) ; un dépôt plus ancien, sans ce fichier, est le dossier
indiqué.

Lancée depuis un dossier qui contient d'autres dépôts (le dossier des exemples, un dossier de
clones), une commande ne les mélange pas : un dossier avec `cte.toml` sous la racine est un autre
dépôt, écarté de la lecture et signalé ; si le dossier indiqué n'est pas lui-même un dépôt mais en
contient un seul, c'est lui qu'on lit (et on le dit) ; s'il en contient plusieurs, la commande
s'arrête et les nomme (sortie 2).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cte_cli.configuration import NOM, Configuration, lire, trouver
from cte_cli.erreurs import CteErreur


@dataclass
class Racine:
    """Le dépôt retenu pour un chemin donné."""

    #: le chemin à lire (le dossier indiqué, ou le seul dépôt trouvé dessous)
    chemin: Path
    configuration: Configuration
    #: autres dépôts (avec cte.toml) rencontrés sous le chemin, écartés de la lecture
    imbriques: list[Path] = field(default_factory=list)
    #: le dépôt a été trouvé sous le dossier indiqué (à dire à l'utilisateur)
    trouve_dessous: bool = False

    @property
    def fichier_configuration(self) -> Path | None:
        return self.configuration.fichier


#: dossiers jamais parcourus à la recherche d'un dépôt (ni lus comme dépôt)
_IGNORES = {"node_modules", "__pycache__", "venv", "site-packages"}


def depots_sous(dossier: Path, limite: int = 200) -> list[Path]:
    """Les dossiers qui portent un `cte.toml` sous `dossier` (lui exclu), sans descendre dans
    un dépôt trouvé ni dans les dossiers cachés."""
    trouves: list[Path] = []
    for racine, dossiers, noms in os.walk(dossier, followlinks=False):
        if Path(racine) != dossier and NOM in noms:
            trouves.append(Path(racine))
            dossiers[:] = []
            if len(trouves) >= limite:
                break
            continue
        dossiers[:] = sorted(d for d in dossiers if not d.startswith(".") and d not in _IGNORES)
    return trouves


def resoudre(chemin: str | os.PathLike = ".") -> Racine:
    """Le dépôt à lire pour `chemin` ; CteErreur (sortie 2) s'il est ambigu ou absent."""
    chemin = Path(chemin)
    if not chemin.exists():
        raise CteErreur(f"chemin introuvable : {chemin}")
    fichier = trouver(chemin)
    if chemin.is_file():
        return Racine(chemin, lire(fichier))
    imbriques = depots_sous(chemin)
    if fichier is not None or not imbriques:
        return Racine(chemin, lire(fichier), imbriques)
    if len(imbriques) == 1 and not _yaml_hors_de(chemin, imbriques):
        seul = imbriques[0]
        return Racine(seul, lire(seul / NOM), trouve_dessous=True)
    noms = ", ".join(_relatif(d) for d in imbriques[:10]) + (" …" if len(imbriques) > 10 else "")
    raise CteErreur(
        f"« {chemin} » n'est pas un dépôt cte (pas de {NOM}) mais contient {len(imbriques)} dépôt(s) : "
        f"{noms} ; indiquez lequel lire, par exemple : cte validate {_relatif(imbriques[0])}"
        + ("" if len(imbriques) > 1 else " (d'autres fichiers YAML, hors de ce dépôt, sont à côté)"))


def _yaml_hors_de(dossier: Path, depots: list[Path]) -> bool:
    """Y a-t-il des fichiers YAML sous `dossier` hors des `depots` ?"""
    from cte_cli.loading.depot import EXTENSIONS

    exclus = {d.resolve() for d in depots}
    for racine, dossiers, noms in os.walk(dossier, followlinks=False):
        if Path(racine).resolve() in exclus:
            dossiers[:] = []
            continue
        dossiers[:] = [d for d in dossiers if not d.startswith(".") and d not in _IGNORES]
        if any(n.endswith(EXTENSIONS) and not n.startswith(".") for n in noms):
            return True
    return False


def _relatif(chemin: Path) -> str:
    try:
        return os.path.relpath(chemin)
    except ValueError:
        return str(chemin)


def description(racine: Racine) -> str:
    """« dépôt examples/bourgogne-franche-comte » (« … (sans cte.toml) ») pour les rapports."""
    nom = _relatif(racine.fichier_configuration.parent) if racine.fichier_configuration else _relatif(racine.chemin)
    return f"dépôt {nom}" + ("" if racine.fichier_configuration else f" (sans {NOM})")
