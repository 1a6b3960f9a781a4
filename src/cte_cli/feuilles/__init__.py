"""Feuilles de route : import d'un plan d'actions tabulaire et synthèse de suivi.

Les comités définissent leurs travaux dans une feuille de route « composée de quelques fiches
action, chacune décrivant une problématique du territoire, un objectif [...], le rôle de chacun
[...] et des indicateurs » (instruction DGEFP/DAT/2024/92, fiche 2, § 1.2 et § 2.1).

- :mod:`.lecture` : un .xlsx, .csv ou .tsv en grille de cellules repérées (« B8 ») ;
- :mod:`.importer` : la grille en `feuille_de_route` (FORMAT §1), avec le rapport de chaque
  cellule (reprise, structure, non reprise) ;
- :mod:`.synthese` : le suivi des fiches action (statut, échéance, indicateurs, avancement),
  consolidé du local au régional.
"""

#: début de toute valeur que l'import n'a pas trouvée dans la source et qu'un agent doit écrire
A_COMPLETER = "À COMPLÉTER"

__all__ = ["A_COMPLETER"]
