"""`cte validate --surveiller` : le dépôt gardé en mémoire (`lsp.espace`), revalidé à chaque
changement sur le disque, dans un terminal.

Toutes les `INTERVALLE` secondes, les fichiers du dépôt sont recensés et leur date de
modification et leur taille comparées à celles de leur dernière lecture (aucune dépendance,
aucun service du système) ; les fichiers changés sont revalidés avec leur périmètre, comme dans
l'éditeur (`cte lsp`). Le cœur ne fait qu'appeler `afficher` : l'affichage est celui de la commande.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cte_cli.constats import Constat
from cte_cli.lsp.espace import Espace

#: secondes entre deux recensements du dépôt
INTERVALLE = 0.5


def surveiller(depot: Path, date_controle: date | None, afficher: Callable[[dict[str, list[Constat]], Espace, float,
                                                                             bool], None],
               intervalle: float = INTERVALLE, tours: int | None = None) -> None:
    """Valide le dépôt, puis revalide ce qui change jusqu'à l'interruption (Ctrl-C) ou `tours`
    recensements. `afficher(changes, espace, secondes, premiere_fois)`."""
    espace = Espace(depot, date_controle)
    debut = time.perf_counter()
    tous = espace.charger()
    espace.changes_sur_le_disque()  # signature de cte.toml
    afficher(tous, espace, time.perf_counter() - debut, True)
    tour = 0
    while tours is None or tour < tours:
        tour += 1
        time.sleep(intervalle)
        changes = espace.changes_sur_le_disque()
        if not changes:
            continue
        debut = time.perf_counter()
        resultat = espace.modifier(changes)
        afficher(resultat, espace, time.perf_counter() - debut, False)
