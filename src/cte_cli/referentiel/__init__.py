"""Référentiels embarqués : géographie administrative (COG 2026), avec leur provenance.

``from cte_cli.referentiel import geographie`` donne la *fonction* :func:`geographie`
(référentiel chargé une fois, mis en cache) ; le module du même nom reste accessible par
``from cte_cli.referentiel.geographie import Epci, ...``. Import léger : ni pydantic ni
lecture de fichier à l'import.
"""

from cte_cli.referentiel.geographie import (
    CollectiviteOutreMer,
    Commune,
    Departement,
    Epci,
    Geographie,
    ReferentielErreur,
    Region,
    geographie,
)

__all__ = [
    "CollectiviteOutreMer",
    "Commune",
    "Departement",
    "Epci",
    "Geographie",
    "ReferentielErreur",
    "Region",
    "geographie",
]
