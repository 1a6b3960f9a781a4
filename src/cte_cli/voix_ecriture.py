"""Écrire les voix proposées dans le fichier d'un comité (`cte voix --ecrire`) ou dans le texte
ouvert dans l'éditeur (`cte lsp`). Le calcul (plus forte moyenne, R. 5311-38, R. 5311-39) est
dans le domaine : `cte_cli.droit.voix`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cte_cli.droit.voix import Proposition
    from cte_cli.yaml_edition import EditionYaml


def appliquer_voix(edition: EditionYaml, proposition: Proposition) -> list[str]:
    """Porte les voix proposées dans l'édition ouverte ; renvoie la description des changements
    (sans nom de membre : désignation par qualité et rang)."""
    decrits = []
    for ligne in proposition.changements():
        s = ligne.siege
        chemin = ("membres", s.indice, "voix")
        if ligne.proposees is None:
            edition.supprimer(chemin)
        else:
            edition.definir(chemin, ligne.proposees, apres=("organisation", "college"))
        avant = "—" if s.voix is None else s.voix
        apres = "—" if ligne.proposees is None else ligne.proposees
        decrits.append(f"{s.designation()} : voix {avant} → {apres}")
    return decrits


def ecrire_voix(fichier: str, proposition: Proposition, attendu: str | None = None) -> list[str]:
    """Écrit les voix proposées dans le fichier ; renvoie la description des changements.

    `attendu` : le texte d'où vient la proposition ; si une autre commande a modifié le fichier
    entre-temps, les voix ne s'écrivent que si ce qu'elle a changé n'entre pas dans le calcul
    (le bloc `rotation`), sinon refus sans rien écrire (docs/securite.md)."""
    from cte_cli.yaml_edition import EditionYaml, sauf

    edition = EditionYaml.ouvrir(fichier, attendu=attendu, depend_de=sauf("rotation"))
    decrits = appliquer_voix(edition, proposition)
    edition.enregistrer()
    return decrits
