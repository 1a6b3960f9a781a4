"""Aides partagées par les rapports machine (github, gitlab, junit, sarif).

- `chemin_relatif` : le chemin d'un fichier tel que les forges l'attendent (relatif à la
  racine du dépôt, c'est-à-dire au dossier courant de la CI, séparateurs « / », sans « ./ ») ;
- `chemin_noeud` : le chemin du nœud fautif sous forme de texte stable (`membres[3].college`) ;
- `empreintes` : une empreinte stable par constat (règle + fichier + nœud + message, jamais la
  ligne : elle survit aux modifications sans rapport plus haut dans le fichier).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path, PurePosixPath

from cte_cli.constats import Chemin, Constat, chemin_lisible

#: adresse du projet quand le paquet n'en déclare pas (métadonnée Project-URL)
URL_DEFAUT = "https://pypi.org/project/cte-cli/"


def chemin_relatif(fichier: str, racine: str | os.PathLike | None = None) -> str:
    """`fichier` relatif à `racine` (défaut : dossier courant) en notation POSIX.

    Un fichier hors de la racine garde son chemin absolu (les forges ne l'annoteront pas,
    mais le rapport reste exact)."""
    chemin = Path(fichier)
    base = Path(racine) if racine is not None else Path.cwd()
    if chemin.is_absolute():
        try:
            chemin = chemin.relative_to(base)
        except ValueError:
            return chemin.as_posix()
    texte = PurePosixPath(*chemin.parts).as_posix() if chemin.parts else "."
    return texte.removeprefix("./")


def chemin_noeud(chemin: Chemin) -> str:
    """`("membres", 3, "college")` -> `membres[3].college` ; `()` -> `$` (le document)."""
    return chemin_lisible(chemin, racine="$")


def empreinte(constat: Constat, fichier: str | None = None) -> str:
    """SHA-256 (hex) de la règle, du fichier relatif, du nœud et du message."""
    fichier = fichier if fichier is not None else chemin_relatif(constat.fichier)
    cle = "\x1f".join((constat.regle, fichier, chemin_noeud(constat.chemin), constat.message))
    return hashlib.sha256(cle.encode("utf-8")).hexdigest()


def empreintes(constats: Iterable[Constat]) -> list[str]:
    """Une empreinte par constat, rendue unique par un rang quand deux constats coïncident."""
    vues: dict[str, int] = {}
    resultat = []
    for c in constats:
        base = empreinte(c)
        rang = vues.get(base, 0)
        vues[base] = rang + 1
        resultat.append(base if rang == 0 else hashlib.sha256(f"{base}:{rang}".encode()).hexdigest())
    return resultat


@cache
def url_projet() -> str:
    """L'adresse du projet déclarée dans les métadonnées du paquet, sinon `URL_DEFAUT`."""
    from importlib import metadata

    try:
        urls = metadata.metadata("cte-cli").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return URL_DEFAUT
    for entree in urls:
        _, _, url = entree.partition(",")
        if url.strip().startswith("http"):
            return url.strip()
    return URL_DEFAUT


def texte_brut(resultat) -> str:
    """Le rapport texte sans couleurs ni coupure de ligne (pour `--format texte --sortie`)."""
    import io

    from rich.console import Console

    from cte_cli.reports.texte import rendu

    console = Console(file=io.StringIO(), record=True, highlight=False, soft_wrap=True, width=200)
    console.print(rendu(resultat))
    return console.export_text(styles=False)
