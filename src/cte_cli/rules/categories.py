"""Compatibilité : les tables de composition vivent dans `cte_cli.droit.categories`."""

from cte_cli.droit.categories import *  # noqa: F403
from cte_cli.droit.categories import (  # noqa: F401
    COLLECTIVITES,
    COLLECTIVITES_L5523_9,
    COMPOSITIONS,
    LIBELLES,
    PARTENAIRES_SOCIAUX,
    REGIONS_L5523_7,
    REGIONS_L5523_8,
    VOTANTS,
    Composition,
    Copresidence,
    Plafond,
    cle_composition,
    colleges_votants,
    composition,
    copresidence,
    plafond,
)
