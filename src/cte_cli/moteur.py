"""Pipeline de validation : charger le dépôt, appliquer les règles, situer chaque constat."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from cte_cli.constats import Constat, Gravite, Resume, resumer
from cte_cli.loading.depot import Depot, Document, charger
from cte_cli.loading.parser import Limites


@dataclass
class Resultat:
    """Constats triés par fichier et position, avec le dépôt qui les a produits."""

    constats: list[Constat]
    depot: Depot
    date_controle: date
    #: le contexte des règles (`rules.registry.Contexte`) : le rapport texte y reprend les
    #: couvertures des départements déjà calculées ; None si les documents ont été filtrés
    contexte: Any = None

    @property
    def documents(self) -> list[Document]:
        return self.depot.documents

    @property
    def resume(self) -> Resume:
        return resumer(self.constats, self.depot.fichiers)

    @property
    def entree_illisible(self) -> bool:
        from cte_cli.rules.registry import registre

        regles = registre()
        return any(regles[c.regle].bloquante for c in self.constats if c.regle in regles)

    def code_sortie(self, strict: bool = False) -> int:
        """0 sans erreur, 1 avec au moins une erreur (ou un avertissement en mode strict),
        2 si une entrée n'a pas pu être lue (FORMAT §2)."""
        if self.entree_illisible:
            return 2
        graves = {Gravite.ERREUR, Gravite.AVERTISSEMENT} if strict else {Gravite.ERREUR}
        return 1 if any(c.gravite in graves for c in self.constats) else 0


def valider(
    chemins: Sequence[str | os.PathLike],
    date_controle: date | None = None,
    limites: Limites | None = None,
    regles: Sequence[str] | None = None,
    fichiers: list[str] | None = None,
) -> Resultat:
    """Valide un dépôt : tous les fichiers YAML sous `chemins`, à la date donnée (aujourd'hui)."""
    from cte_cli.rules.registry import Contexte, appliquer, charger_regles

    date_controle = date_controle or date.today()
    with ramasse_miettes_en_pause():
        depot = charger(chemins, limites, fichiers=fichiers)
        registre = charger_regles()
        choisies = [registre[r] for r in regles] if regles else list(registre.values())
        ctx = Contexte(depot.utilisables(), date_controle, fantomes=depot.fantomes)
        constats = depot.constats + appliquer(ctx, choisies)
        situer(constats)
    constats.sort(key=Constat.cle_tri)
    return Resultat(constats, depot, date_controle, ctx)


@contextmanager
def ramasse_miettes_en_pause() -> Iterator[None]:
    """Suspend le ramasse-miettes des cycles (`gc`) le temps d'une validation.

    Une validation crée des millions d'objets qui vivent jusqu'à la fin (données YAML,
    modèles, index des règles) : le ramasse-miettes générationnel les reparcourt des centaines
    de fois sans rien libérer, soit 0,3 s sur 1,4 s pour le dépôt national
    (docs/performance.md). Le comptage de références libère toujours aussitôt les objets
    temporaires ; seuls d'éventuels cycles attendent la prochaine collecte (mémoire de crête
    inchangée, mesurée).

    À la reprise, `gc.freeze()` puis `gc.unfreeze()` versent les objets créés pendant la pause
    dans la plus vieille génération sans les parcourir : sans cela, la première collecte après
    la reprise les parcourrait tous d'un coup (0,1 s). Ils restent collectables (collecte
    complète suivante). L'état antérieur est rétabli, même en cas d'exception.
    """
    actif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if actif:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def situer(constats: list[Constat]) -> None:
    """Résout ligne et colonne des constats à partir de leur chemin (relecture paresseuse,
    un seul parcours du texte par document, arrêté dès que tous ses constats sont situés)."""
    par_document: dict[int, list[Constat]] = {}
    for c in constats:
        if c.ligne == 0 and c.document is not None:
            par_document.setdefault(id(c.document), []).append(c)
        elif c.ligne == 0:
            c.ligne, c.colonne = 1, 1
    for groupe in par_document.values():
        positions = groupe[0].document.localiser_tous([(c.chemin, c.cible) for c in groupe])
        for c, (ligne, colonne) in zip(groupe, positions, strict=True):
            c.ligne, c.colonne = ligne, colonne
