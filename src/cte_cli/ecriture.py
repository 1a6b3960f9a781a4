"""Écritures sûres : fichier temporaire puis renommage, jamais d'écrasement sans `--force`,
jamais hors du dossier de sortie."""

from __future__ import annotations

import glob
import hashlib
import os
import re
import signal
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from cte_cli.erreurs import CteErreur


def ecrire_atomique(chemin: str | os.PathLike, contenu: bytes | str, *, force: bool = False) -> Path:
    """Écrit `contenu` dans `chemin` d'un seul coup : un lecteur ne voit jamais un fichier
    à moitié écrit, et une interruption ne laisse qu'un fichier temporaire supprimé.

    Le temporaire `.NOM.cte-tmp-HOTE-PID-ALEA.tmp` est écrit à côté de la cible puis renommé. Sans `force`,
    la publication se fait par lien physique, qui échoue si la cible existe : un fichier créé
    entre-temps par un autre processus n'est jamais écrasé. Un processus tué net (SIGKILL,
    coupure) laisse au plus ce temporaire caché : l'écriture suivante du même fichier supprime
    ceux dont le processus n'existe plus (docs/securite.md)."""
    cible = Path(chemin)
    if cible.exists() and not force:
        raise _existe_deja(cible)
    cible.parent.mkdir(parents=True, exist_ok=True)
    _nettoyer_orphelins(cible)
    donnees = contenu.encode("utf-8") if isinstance(contenu, str) else contenu
    temporaire = None
    masque = _retenir_interruptions()
    try:
        descripteur, temporaire = tempfile.mkstemp(prefix=_prefixe_temporaire(cible), suffix=".tmp",
                                                   dir=cible.parent)
        # une interruption (Ctrl-C, SIGTERM) reçue pendant la création n'est levée qu'ici,
        # quand le nettoyage ci-dessous connaît déjà le temporaire
        _relacher_interruptions(masque)
        os.chmod(temporaire, _mode_final(cible))
        with os.fdopen(descripteur, "wb") as flux:
            flux.write(donnees)
            flux.flush()
            os.fsync(flux.fileno())
        if force:
            os.replace(temporaire, cible)
        else:
            _publier_sans_ecraser(temporaire, cible)
    except BaseException:
        if temporaire is not None:
            Path(temporaire).unlink(missing_ok=True)
        raise
    finally:
        _relacher_interruptions(masque)
    _synchroniser_dossier(cible.parent)
    return cible


_INTERRUPTIONS = {getattr(signal, nom) for nom in ("SIGINT", "SIGTERM") if hasattr(signal, nom)}


def _retenir_interruptions() -> set | None:
    """Diffère SIGINT et SIGTERM (POSIX) le temps de créer le temporaire ; renvoie le masque
    précédent, ou None là où ce n'est pas possible."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTIONS)


def _relacher_interruptions(masque: set | None) -> None:
    if masque is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, masque)


def _existe_deja(cible: Path) -> CteErreur:
    return CteErreur(f"le fichier existe déjà (utilisez --force pour le remplacer) : {cible}")


def _publier_sans_ecraser(temporaire: str, cible: Path) -> None:
    """Renomme sans jamais remplacer : lien physique (échoue si la cible existe), sinon, sur un
    système de fichiers sans liens physiques, renommage après une dernière vérification."""
    try:
        os.link(temporaire, cible)
    except FileExistsError:
        raise _existe_deja(cible) from None
    except OSError:
        if cible.exists():
            raise _existe_deja(cible) from None
        os.replace(temporaire, cible)
        return
    os.unlink(temporaire)


def _synchroniser_dossier(dossier: Path) -> None:
    """Rend le renommage durable (coupure de courant) : fsync du dossier, là où c'est possible."""
    if os.name == "nt":
        return
    try:
        descripteur = os.open(dossier, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descripteur)
    except OSError:
        pass
    finally:
        os.close(descripteur)


#: âge au-delà duquel un temporaire dont on ne peut vérifier le processus est orphelin
AGE_ORPHELIN_SECONDES = 3600
#: marque propre à cte dans le nom d'un temporaire : `.NOM.cte-tmp-HOTE-PID-ALEA.tmp` (ALEA : les
#: 8 caractères au hasard de mkstemp ; HOTE : empreinte du nom de la machine, pour un dossier
#: partagé en réseau où un PID ne dit rien des processus des autres machines)
MARQUE_TEMPORAIRE = "cte-tmp"
#: caractères du nom de la cible repris dans celui du temporaire (limite de 255 octets d'un nom)
_NOM_DANS_TEMPORAIRE = 100
_TEMPORAIRE = re.compile(rf"^\.(?P<nom>.*)\.{MARQUE_TEMPORAIRE}-(?P<hote>[0-9a-f]{{6}})-(?P<pid>[0-9]{{1,10}})-"
                         r"(?P<alea>[a-z0-9_]{8})\.tmp$", re.S)


def _hote() -> str:
    import socket

    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def _prefixe_temporaire(cible: Path) -> str:
    return f".{cible.name[:_NOM_DANS_TEMPORAIRE]}.{MARQUE_TEMPORAIRE}-{_hote()}-{os.getpid()}-"


def _nettoyer_orphelins(cible: Path) -> None:
    """Supprime les temporaires de `cible` laissés par un processus cte tué (SIGKILL, coupure).

    Seuls les fichiers qui portent la marque de cte (`_TEMPORAIRE`) et dont le processus
    n'existe plus sont supprimés : `.rapport.json.backup.tmp` ou `.rapport.json.424242.tmp`, qui
    ne viennent pas de cte, ne sont jamais touchés."""
    nom = cible.name[:_NOM_DANS_TEMPORAIRE]
    hote = _hote()
    for temporaire in cible.parent.glob(f".{glob.escape(nom)}.{MARQUE_TEMPORAIRE}-*.tmp"):
        m = _TEMPORAIRE.match(temporaire.name)
        if m is None or m.group("nom") != nom:
            continue
        try:
            if _orphelin(temporaire, int(m.group("pid")) if m.group("hote") == hote else None):
                temporaire.unlink()
        except OSError:
            continue


def _orphelin(temporaire: Path, pid: int | None) -> bool:
    """Un PID de cette machine est vérifié (POSIX) ; sinon (autre machine, Windows), seul un
    temporaire de plus d'une heure est orphelin."""
    if pid is not None and os.name != "nt":
        return not _processus_vivant(pid)
    return time.time() - temporaire.stat().st_mtime > AGE_ORPHELIN_SECONDES


def _processus_vivant(pid: int) -> bool:
    """POSIX seulement (sous Windows, os.kill(pid, 0) terminerait le processus)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


#: longueur maximale d'un nom de fichier produit (extension comprise) : bien en deçà des 255
#: octets des systèmes de fichiers et des 260 caractères d'un chemin Windows
NOM_MAX = 120
#: une extension : le dernier « .xxx » du nom (1 à 8 lettres ou chiffres ASCII)
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")


def nom_de_fichier(texte: str, defaut: str = "document") -> str:
    """Un nom de fichier sûr tiré d'un identifiant : ni « / », ni « .. », ni caractère de contrôle,
    NOM_MAX caractères au plus, extension gardée.

    Un nom trop long est coupé avant l'extension et reçoit une empreinte de 8 caractères du
    nom complet : deux noms qui ne diffèrent qu'au-delà de la coupure restent distincts, et le
    même nom donne toujours le même fichier (une relance retrouve les fichiers déjà écrits)."""
    m = _EXTENSION.search(texte)
    tronc, extension = (texte[: m.start()], m.group()) if m else (texte, "")
    ascii_ = unicodedata.normalize("NFKD", tronc).encode("ascii", "ignore").decode()
    tronc = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip(".-")
    if not tronc:
        if not extension:
            return defaut
        tronc = defaut
    if tronc.split(".", 1)[0].upper() in _RESERVES_WINDOWS:  # « con.ics » serait un périphérique
        tronc = f"_{tronc}"
    if len(tronc) + len(extension) > NOM_MAX:
        empreinte = hashlib.sha1(texte.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        tronc = f"{tronc[: NOM_MAX - len(extension) - len(empreinte) - 1].rstrip('.-')}-{empreinte}"
    return tronc + extension


def chemins_uniques(dossier: str | os.PathLike, noms: Sequence[str]) -> list[Path]:
    """Les chemins `dossier/nom` (voir `dans_dossier`) de plusieurs sorties d'une même commande,
    deux à deux distincts, même sur un système de fichiers insensible à la casse (macOS,
    Windows) : un nom déjà pris reçoit un suffixe numérique avant l'extension (« -2 », « -3 »…).
    Jamais deux documents sur un même chemin."""
    pris: set[str] = set()
    chemins = []
    for nom in noms:
        chemin = dans_dossier(dossier, nom)
        m = _EXTENSION.search(chemin.name)
        extension = m.group() if m else ""
        tronc, n = chemin.name[: len(chemin.name) - len(extension)], 1
        while chemin.name.casefold() in pris:
            n += 1
            chemin = dans_dossier(dossier, f"{tronc[: NOM_MAX - len(extension) - len(str(n)) - 1]}-{n}{extension}")
        pris.add(chemin.name.casefold())
        chemins.append(chemin)
    return chemins


#: noms de périphériques de Windows, interdits comme nom de fichier quelle que soit l'extension
_RESERVES_WINDOWS = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)


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
