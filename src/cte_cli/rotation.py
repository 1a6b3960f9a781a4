"""Écrire une rotation des sièges des départements au CREFOP dans le fichier du comité régional
(`cte rotation --ecrire`). Le calcul (planifier, vérifier) est dans le domaine :
`cte_cli.droit.rotation`."""

from __future__ import annotations

import os
from datetime import date

from cte_cli.droit.rotation import Plan
from cte_cli.erreurs import CteErreur


def ecrire(plan: Plan, fichier: str | os.PathLike, *, force: bool = False, attendu: str | None = None) -> list:
    """Écrit le bloc `rotation` du plan dans le fichier du comité, en gardant commentaires et
    mise en page (ruamel.yaml, `cte_cli.yaml_edition`). Une rotation différente déjà présente
    n'est remplacée qu'avec `force`. Renvoie les modifications (vide si rien ne change).
    `attendu` : le texte d'où vient le plan (modification concurrente, docs/securite.md)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from cte_cli.yaml_edition import ABSENT, EditionYaml, seulement

    def en_ligne(valeur):
        valeur.fa.set_flow_style()
        return valeur

    def jour(d: date) -> date:  # un objet par date : ruamel mettrait une ancre (&id001) sur un objet partagé
        return date.fromordinal(d.toordinal())

    edition = EditionYaml.ouvrir(fichier, attendu=attendu,
                                 depend_de=seulement("niveau", "region", "forme", "rotation"))
    bloc = CommentedMap()
    bloc["mandat"] = en_ligne(CommentedMap(debut=jour(plan.mandat.debut), fin=jour(plan.mandat.fin)))
    bloc["sieges"] = plan.sieges
    bloc["periodes"] = CommentedSeq()
    for p in plan.periodes:
        codes = en_ligne(CommentedSeq(DoubleQuotedScalarString(c) for c in p.departements))
        bloc["periodes"].append(en_ligne(CommentedMap(debut=jour(p.debut), fin=jour(p.fin), departements=codes)))
    existant = edition.lire(("rotation",), None)
    if existant not in (None, ABSENT) and existant != bloc and not force:
        raise CteErreur(
            "le comité a déjà une rotation différente ; relancez avec --force pour la remplacer",
            fichier=str(fichier),
        )
    edition.definir(("rotation",), bloc, apres=("commissions", "invites", "membres"))
    edition.enregistrer()
    return edition.modifications
