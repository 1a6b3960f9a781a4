"""CREFOP devenu comité régional pour l'emploi : R. 6123-3-3 ne plafonne pas les sièges ; l'arrêté
de composition et la cartographie le disent, sans erreur interne (trouvé par mypy, issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

from conftest import DATE, lancer_ici

CAS = Path(__file__).parent / "cases" / "categorie-manquante" / "crefop-renomme-complet.yaml"


def _depot(tmp_path: Path) -> Path:
    depot = tmp_path / "depot"
    depot.mkdir()
    shutil.copy(CAS, depot / "cre.yaml")
    return depot


def test_arrete_de_composition_sans_plafond(tmp_path):
    depot = _depot(tmp_path)
    sortie = lancer_ici("generate", "arrete", "composition", "cre-27-renomme", str(depot), "-o", str(tmp_path / "o"),
                        "-f", "md", "--date", DATE)
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    texte = (tmp_path / "o" / "arrete-composition-cre-27-renomme.md").read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "outre ses coprésidents, 42 membres au titre de l'article R. 6123-3-3 du code du travail." in texte
    assert "dans la limite de" not in texte


def test_cartographie_sans_plafond(tmp_path):
    depot = _depot(tmp_path)
    classeur = tmp_path / "c.xlsx"
    sortie = lancer_ici("cartographie", "--region", "27", str(depot), "-o", str(classeur), "--date", DATE)
    assert sortie.returncode == 0, sortie.stdout + sortie.stderr
    feuille = load_workbook(classeur)["Comités"]
    entetes = [c.value for c in feuille[1]]
    ligne = [c.value for c in feuille[2]]
    assert ligne[entetes.index("Plafond")] in (None, "")
    assert ligne[entetes.index("Sièges plafonnés")] == 0
