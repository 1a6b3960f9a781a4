"""Contrôles du dépôt lui-même : références vers un fichier illisible, commentaires de
suppression (`# cte: ignorer[…]`). Le moteur et `suppressions` les appliquent
(`moteur.valider`) ; ils figurent au registre pour `cte regles` et `cte expliquer`."""

from __future__ import annotations

from cte_cli.constats import Gravite
from cte_cli.loading.structure import FAMILLE, FORMAT
from cte_cli.rules.registry import declarer, enregistrer
from cte_cli.suppressions import SUPPRESSION_INUTILE, SUPPRESSION_INVALIDE

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
# appliquées par `suppressions.appliquer`, déclarées à côté
enregistrer(SUPPRESSION_INVALIDE)
enregistrer(SUPPRESSION_INUTILE)
