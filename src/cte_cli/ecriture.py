"""Écritures sûres : fichier temporaire puis renommage, jamais d'écrasement sans `--force`,
jamais hors du dossier de sortie."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from cte_cli.erreurs import CteErreur


def ecrire_atomique(chemin: str | os.PathLike, contenu: bytes | str, *, force: bool = False) -> Path:
    """Écrit `contenu` dans `chemin` d'un seul coup : un lecteur ne voit jamais un fichier
    à moitié écrit, et une interruption ne laisse qu'un fichier temporaire supprimé."""
    cible = Path(chemin)
    if cible.exists() and not force:
        raise CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {cible}")
    cible.parent.mkdir(parents=True, exist_ok=True)
    donnees = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
    descripteur, temporaire = tempfile.mkstemp(prefix=f".{cible.name}.", suffix=".tmp", dir=cible.parent)
    try:
        os.chmod(temporaire, _mode_final(cible))
        with os.fdopen(descripteur, "wb") as flux:
            flux.write(donnees)
            flux.flush()
            os.fsync(flux.fileno())
        os.replace(temporaire, cible)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
    return cible


def nom_de_fichier(texte: str, defaut: str = "document") -> str:
    """Un nom de fichier sûr tiré d'un identifiant : ni « / », ni « .. », ni caractère de contrôle."""
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode()
    propre = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip(".-")
    return propre[:120] or defaut


def dans_dossier(dossier: str | os.PathLike, nom: str) -> Path:
    """Le chemin `dossier/nom` en garantissant qu'il reste dans `dossier`."""
    base = Path(dossier).resolve()
    chemin = (base / nom_de_fichier(nom)).resolve()
    if base != chemin.parent and base not in chemin.parents:
        raise CteErreur(f"nom de fichier refusé (sortirait du dossier de sortie) : {nom}")
    return chemin


def _mode_final(cible: Path) -> int:
    """Les droits du fichier remplacé, sinon ceux d'un fichier neuf (0666 moins l'umask) :
    mkstemp crée en 0600, ce qui rendrait les documents illisibles aux autres agents."""
    try:
        return cible.stat().st_mode & 0o7777
    except OSError:
        masque = os.umask(0)
        os.umask(masque)
        return 0o666 & ~masque
