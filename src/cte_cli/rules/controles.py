"""Contrôles du dépôt lui-même : références vers un fichier illisible, commentaires de
suppression (`# cte: ignorer[…]`). Le moteur les applique (`moteur.valider`) ; ils figurent
au registre pour `cte regles` et `cte expliquer`."""

from __future__ import annotations

from cte_cli.constats import Gravite
from cte_cli.rules.registry import declarer
from cte_cli.rules.structure import FAMILLE, FORMAT

REFERENCE_ILLISIBLE = declarer(
    id="reference-illisible", gravite=Gravite.INFO, article=FORMAT, famille=FAMILLE,
    titre="Une référence à un comité défini dans un fichier illisible n'est pas vérifiée",
    description="Quand le fichier d'un comité ne peut pas être lu (YAML invalide, encodage…), les "
    "séances et feuilles de route qui le citent ne sont pas déclarées « introuvables » : un seul "
    "constat, sur la première d'entre elles, dit où est le comité et combien de références "
    "attendent que ce fichier soit corrigé.",
    exemple="# fichier: locaux/cle-21-beaune.yaml\ntype: comite\nid: cle-21-beaune\nnom: \"Comité local\n"
    "# fichier: seances/2026-03-10-cle-21-beaune.yaml\ntype: seance\ncomite: cle-21-beaune\n"
    "date: 2026-03-10T14:00\nlieu: Beaune\nnature: ordinaire\nordre_du_jour: [Installation]\n",
)
SUPPRESSION_INVALIDE = declarer(
    id="suppression-invalide", gravite=Gravite.AVERTISSEMENT, article="format cte (docs/configuration.md)",
    famille=FAMILLE,
    titre="Un commentaire « # cte: ignorer[regle] raison » nomme une règle connue et donne sa raison",
    exemple="type: comite\nid: cle-21-beaune  # cte: ignorer[plafond-sieges]",
)
SUPPRESSION_INUTILE = declarer(
    id="suppression-inutile", gravite=Gravite.INFO, article="format cte (docs/configuration.md)",
    famille=FAMILLE,
    titre="Un commentaire « # cte: ignorer[…] » vise un constat qui existe encore",
    exemple="type: comite  # cte: ignorer[quorum] plus de séance sans quorum",
)
