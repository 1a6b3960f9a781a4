"""Le modèle de règlement intérieur livré et la règle `reglement-a-completer` disent la même chose :
les variables que le modèle affiche sans précaution (variables_requises) sont celles que la règle
demande de renseigner (REQUISES), à chaque niveau qui a son propre règlement (R. 5311-45)."""

from __future__ import annotations

import pytest

from cte_cli.rules.documents import DONNEES, NIVEAUX_REGLEMENT, REQUISES, variables_requises


@pytest.mark.parametrize("niveau", NIVEAUX_REGLEMENT)
def test_requises_suit_le_modele_livre(niveau):
    assert frozenset(REQUISES[niveau]) == variables_requises("reglement", niveau)


def test_chaque_variable_requise_dit_sa_cle_yaml():
    for niveau in NIVEAUX_REGLEMENT:
        for variable in REQUISES[niveau]:
            assert variable in DONNEES, f"{variable} : quelle clé YAML renseigner ?"
