"""Erreurs d'usage : message français, sortie 2, jamais de trace Python (FORMAT §2)."""

from __future__ import annotations


class CteErreur(Exception):
    """Une entrée illisible ou une commande mal employée. Le CLI l'affiche et sort avec 2."""

    code_sortie = 2

    def __init__(self, message: str, fichier: str | None = None, ligne: int | None = None):
        super().__init__(message)
        self.message = message
        self.fichier = fichier
        self.ligne = ligne

    def __str__(self) -> str:
        lieu = ""
        if self.fichier:
            lieu = f"{self.fichier}:{self.ligne}: " if self.ligne else f"{self.fichier} : "
        from cte_cli.constats import lisible  # sans caractère de contrôle pour le terminal

        return lisible(f"{lieu}{self.message}", lignes=True)


#: raisons des erreurs système en français (strerror est en anglais selon la locale)
_RAISONS = {
    "EACCES": "permission refusée",
    "EPERM": "opération non permise",
    "ENOENT": "fichier introuvable",
    "ELOOP": "trop de liens symboliques (boucle de liens ?)",
    "EISDIR": "c'est un dossier",
    "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "ENAMETOOLONG": "nom de fichier trop long",
    "ENOSPC": "plus de place sur le disque",
    "EROFS": "système de fichiers en lecture seule",
    "EDQUOT": "quota de disque dépassé",
    "EIO": "erreur d'entrée-sortie",
    "EMFILE": "trop de fichiers ouverts",
    "EAGAIN": "ressource momentanément indisponible",
    "EEXIST": "le fichier existe déjà",
    "EXDEV": "renommage impossible entre deux systèmes de fichiers",
}


def raison_systeme(exc: OSError) -> str:
    """La cause d'une erreur système, en français (sans le chemin : l'appelant le connaît)."""
    import errno

    nom = errno.errorcode.get(exc.errno or -1, "")
    return _RAISONS.get(nom) or (f"erreur système {nom}" if nom else type(exc).__name__)
