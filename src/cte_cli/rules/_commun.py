"""Outils communs aux familles de règles : la citation de l'instruction, les séances de chaque
comité et l'annuaire d'un comité, calculés une fois par validation (`ctx.memo`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from cte_cli.droit.dates import jour
from cte_cli.droit.seances import Annuaire
from cte_cli.rules.registry import Contexte

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite, Seance

#: l'instruction que citent les conseils (réunions, périmètre, feuilles de route, couverture)
INSTRUCTION = "instruction DGEFP/DAT/2024/92"


def debut_fonctionnement(comite: Comite) -> date | None:
    """Installation du comité, à défaut date de l'arrêté de composition."""
    return comite.date_reference()


def seances_par_comite(ctx: Contexte) -> dict[str, list[tuple[Document, Seance]]]:
    """Séances (document, modèle) de chaque comité, triées par date ; construit une fois par
    validation (six règles le consultent, sans le modifier)."""
    return ctx.memo("seances par comite", lambda: _seances_par_comite(ctx))


def _seances_par_comite(ctx: Contexte) -> dict[str, list[tuple[Document, Seance]]]:
    index: dict[str, list[tuple[Document, Seance]]] = defaultdict(list)
    for doc, seance in ctx.seances():
        index[seance.comite].append((doc, seance))
    for liste in index.values():
        liste.sort(key=lambda paire: jour(paire[1].date))
    return index


def annuaire_de(ctx: Contexte, comite: Comite) -> Annuaire:
    """L'annuaire du comité, construit une fois par validation et partagé par les règles de
    séance (chaque séance du comité, chaque règle)."""
    return ctx.memo(("annuaire", id(comite)), lambda: Annuaire.de(comite))
