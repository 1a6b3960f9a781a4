"""Fuzzing par mutation de chaque commande, en court dans la suite ordinaire (docs/securite.md §1).

La suite lance chaque commande (validate, voix, rotation, generate, cartographie, feuille-de-route
importer et synthese, init, schema) sur quelques entrées altérées, graines fixes (parcours
déterministe, environ 20 s) ; la campagne longue est `python scripts/fuzz.py --duree 600`.

Trouvé et corrigé par cette campagne : `cte cartographie` sur un dépôt dont un fichier a un nom
qui contient ESC donnait « Erreur interne » (openpyxl refuse ce caractère dans une cellule).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .fuzz_commandes import COMMANDES, essayer
from .outils import DATE, EXEMPLE, RACINE, copier_exemple, executer

pytestmark = pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")

#: essais par commande dans la suite ordinaire (CTE_FUZZ_COMMANDES pour en lancer plus)
ESSAIS = int(os.environ.get("CTE_FUZZ_COMMANDES", "3"))


@pytest.mark.parametrize("commande", sorted(COMMANDES))
def test_fuzz_par_mutation_de_chaque_commande(commande: str) -> None:
    defauts = [str(e) for e in (essayer(commande, graine) for graine in range(ESSAIS)) if e.defauts]
    assert not defauts, "\n\n".join(defauts)


def test_cartographie_d_un_depot_dont_un_nom_de_fichier_porte_esc(tmp_path: Path) -> None:
    depot = copier_exemple(tmp_path / "depot")
    source = depot / "locaux" / "cle-25-haut-doubs-horloger.yaml"
    source.rename(source.with_name("x\x1b[2J.yaml"))
    sortie = executer("cartographie", str(depot), "--region", "27", "--date", DATE, "--sortie",
                      str(tmp_path / "carto.xlsx"))
    assert sortie.code in (0, 1) and "Erreur interne" not in sortie.texte, sortie.texte
    from openpyxl import load_workbook

    classeur = load_workbook(tmp_path / "carto.xlsx")
    textes = [str(c.value) for f in classeur.worksheets for ligne in f.iter_rows() for c in ligne if c.value]
    assert any("x\\x1b[2J.yaml" in t for t in textes)


def test_le_script_de_campagne_rejoue_une_graine() -> None:
    """`scripts/fuzz.py` : la commande de rejeu qu'il affiche fonctionne."""
    resultat = subprocess.run(
        [sys.executable, "scripts/fuzz.py", "--commande", "schema", "--propriete", "aucune", "--graine", "7",
         "--essais", "2"], cwd=RACINE, capture_output=True, text=True, timeout=300)
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "graine 7" in resultat.stdout and "2 essai(s) par commande" in resultat.stdout
