"""Indicateurs des fiches action : un avancement vraisemblable et cohérent avec le statut
(instruction DGEFP/DAT/2024/92, fiche 2 §2.1 : chaque fiche action comporte des indicateurs
de suivi ; les feuilles de route sont actualisées en continu).

Avancement d'un indicateur : (valeur actuelle − valeur initiale) / (cible − valeur initiale),
le calcul du suivi des feuilles de route (`cte feuille-de-route synthese`,
feuilles.synthese.LigneIndicateur). Deux incohérences sont signalées, en avertissement :

- un avancement au-delà de 100 % : la cible est dépassée, elle n'est plus un objectif (la
  relever, ou passer la fiche en `realisee`) ; ou bien une valeur est mal saisie ;
- un avancement non nul pour une action « à lancer » : soit l'action a commencé (statut
  `en_cours`), soit la valeur actuelle n'est pas le fruit de l'action (valeur initiale à revoir).
"""

from __future__ import annotations

from collections.abc import Iterator

from cte_cli.constats import Constat, Gravite
from cte_cli.feuilles.synthese import LigneIndicateur
from cte_cli.rules._commun import INSTRUCTION
from cte_cli.rules._exemples import EXEMPLE_FDR
from cte_cli.rules.registry import VIGUEUR_METROPOLE, Contexte, regle

#: avancement au-delà duquel la cible est dépassée (100 %)
AVANCEMENT_COMPLET = 1.0


def _pourcent(valeur: float) -> str:
    return f"{valeur * 100:.0f} %"  # pas un chiffre du droit : pourcentage


@regle(
    id="indicateur-avancement", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="L'avancement d'un indicateur ne dépasse pas 100 % et s'accorde avec le statut de la fiche",
    famille="feuilles_de_route", vigueur=VIGUEUR_METROPOLE,
    exemple=EXEMPLE_FDR + """        statut: a_lancer
        indicateurs:
          - {nom: Offres pourvues, unite: "%", valeur_initiale: 62, cible: 80, valeur_actuelle: 65}
""",
)
def indicateur_avancement(ctx: Contexte) -> Iterator[Constat]:
    """Instruction DGEFP/DAT/2024/92, fiche 2 §2.1 : les fiches action comportent des
    indicateurs qui permettent de suivre leur mise en œuvre. L'avancement d'un indicateur,
    (valeur actuelle − valeur initiale) / (cible − valeur initiale), ne dépasse pas 100 % (cible
    dépassée : la relever ou passer la fiche en `realisee`) et reste nul tant que la fiche est
    `a_lancer` (sinon l'action a commencé : `en_cours`). Les indicateurs sans valeur initiale,
    cible ou valeur actuelle, ou dont la cible égale la valeur initiale, ne sont pas jugés."""
    for doc, fdr in ctx.feuilles_de_route():
        for i, axe in enumerate(fdr.axes):
            for j, fiche in enumerate(axe.fiches_action):
                for k, ind in enumerate(fiche.indicateurs):
                    avancement = LigneIndicateur(ind.nom, ind.unite, ind.valeur_initiale, ind.cible,
                                                 ind.valeur_actuelle, ind.source).avancement
                    if avancement is None:
                        continue
                    chemin = ("axes", i, "fiches_action", j, "indicateurs", k, "valeur_actuelle")
                    chiffres = {"avancement": round(avancement, 4), "valeur_initiale": ind.valeur_initiale,  # pas un chiffre du droit : arrondi
                                "cible": ind.cible, "valeur_actuelle": ind.valeur_actuelle}
                    qui = f"fiche action « {fiche.id} », indicateur « {ind.nom} »"
                    if avancement > AVANCEMENT_COMPLET:
                        yield ctx.constat(
                            doc, chemin,
                            f"{qui} : avancement {_pourcent(avancement)} (valeur actuelle {ind.valeur_actuelle:g}, "
                            f"cible {ind.cible:g}, valeur initiale {ind.valeur_initiale:g}) : la cible est dépassée ; "
                            "relevez-la, passez la fiche en `realisee`, ou corrigez la valeur",
                            chiffres=chiffres)
                    elif fiche.statut == "a_lancer" and avancement != 0:
                        yield ctx.constat(
                            doc, chemin,
                            f"{qui} : avancement {_pourcent(avancement)} pour une action « à lancer » : si "
                            "l'action a commencé, passez-la en `en_cours` ; sinon revoyez la valeur initiale",
                            chiffres={**chiffres, "statut": fiche.statut})
