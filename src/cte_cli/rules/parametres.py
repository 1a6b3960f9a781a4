"""Paramètres du droit remplacés par le dépôt (section `droit:` d'un fichier `type: parametres`) :
un nom inconnu, une valeur du mauvais type ou une lecture qui n'existe pas est une erreur ; une
surcharge d'entrée en vigueur est refusée (la date d'application d'un texte ne se choisit pas).
Les constats des autres règles disent chaque valeur remplacée qu'ils ont utilisée."""

from __future__ import annotations

from collections.abc import Iterator

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.loading.structure import FORMAT
from cte_cli.rules.registry import Contexte, regle


@regle(
    id="parametre-droit-invalide", gravite=Gravite.ERREUR, article=FORMAT,
    titre="Un paramètre du droit remplacé par le dépôt existe et a une valeur du bon type",
    exemple="type: parametres\nid: lectures-prefecture\nvalable_du: 2024-07-01\nverifie_le: 2026-11-01\n"
    "source: Lectures retenues par la préfecture\ndroit:\n  plafond.cdd: 30          # plafond.cde ?\n"
    "  interpretation.procuration_meme_college: syndicats   # college ou categorie\n",
)
def parametre_droit_invalide(ctx: Contexte) -> Iterator[Constat]:
    """La section `droit:` d'un fichier `type: parametres` remplace des paramètres datés du droit
    (`cte regles --parametres` les liste) : chaque nom doit exister, chaque valeur avoir le type du
    paramètre (entier, fraction « 1/2 », oui/non, date) ou être l'une des lectures qu'il propose ;
    une série datée s'écrit `{AAAA-MM-JJ: valeur}`. Les paramètres d'entrée en vigueur
    (`vigueur.*`) ne se remplacent pas."""
    from cte_cli.referentiel.parametres_legaux import lire_surcharges

    for doc, modele in ctx.de_type("parametres"):
        if not modele.droit:
            continue
        _surcharges, problemes = lire_surcharges(modele.droit, doc.fichier, modele.valable_du, doc, ("droit",))
        for probleme in problemes:
            yield ctx.constat(doc, probleme.chemin, probleme.message, cible=Cible.CLE)
        for i, nom in enumerate(modele.droit):
            if str(nom).startswith("vigueur."):
                yield ctx.constat(
                    doc, ("droit", nom),
                    f"« {nom} » est la date d'entrée en vigueur d'un texte : elle ne se remplace pas ; "
                    "retirez-la de la section `droit`", cible=Cible.CLE, chiffres={"parametre": nom, "rang": i},
                )
