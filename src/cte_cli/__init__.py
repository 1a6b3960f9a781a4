"""cte : comités territoriaux pour l'emploi (loi n° 2023-1196, décret n° 2024-560).

Bibliothèque qui charge une configuration YAML, la vérifie au regard du code du travail
et produit les documents ; la commande `cte` (module `cte_cli.cli`) l'expose.
"""

__version__ = "0.2.0"
