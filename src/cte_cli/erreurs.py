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
        return f"{lieu}{self.message}"
