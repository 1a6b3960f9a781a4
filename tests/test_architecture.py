"""Contrat d'imports entre les couches (docs/architecture.md) : chaque import de `cte_cli`,
y compris les imports paresseux dans une fonction et ceux réservés au typage, est lu dans
le code source (AST) ; un import interdit fait échouer le test avec le fichier et la ligne."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PAQUET = SRC / "cte_cli"


def _module(chemin: Path) -> str:
    relatif = chemin.relative_to(SRC).with_suffix("")
    parties = relatif.parts[:-1] if relatif.name == "__init__" else relatif.parts
    return ".".join(parties)


def _imports(chemin: Path) -> list[tuple[int, str]]:
    """(ligne, module importé) de chaque import de `cte_cli` du fichier."""
    arbre = ast.parse(chemin.read_text(encoding="utf-8"))
    trouves: list[tuple[int, str]] = []
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            trouves += [(noeud.lineno, a.name) for a in noeud.names if a.name.startswith("cte_cli")]
        elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and (noeud.module or "").startswith("cte_cli"):
            # « from cte_cli import rules » importe le paquet cte_cli.rules
            trouves += [(noeud.lineno, f"{noeud.module}.{a.name}") for a in noeud.names]
    return trouves


MODULES = {_module(p): p for p in sorted(PAQUET.rglob("*.py"))}
IMPORTS = {nom: _imports(chemin) for nom, chemin in MODULES.items()}


def _dans(module: str, paquet: str) -> bool:
    return module == paquet or module.startswith(paquet + ".")


def _violations(importeurs_permis, cible: str) -> list[str]:
    return [f"{MODULES[nom].relative_to(SRC.parent)}:{ligne}: {nom} importe {importe}"
            for nom, imports in IMPORTS.items() if not importeurs_permis(nom)
            for ligne, importe in imports if _dans(importe, cible)]


#: le moteur (pipeline de validation, registre) et le catalogue (ce que `cte regles` montre)
MOTEUR_ET_CATALOGUE = ("cte_cli.moteur", "cte_cli.catalogue", "cte_cli.rules")


def test_seuls_le_moteur_et_le_catalogue_importent_les_regles():
    """Documents, cartographie, rapports, configuration, CLI… lisent le domaine (`droit`) ou
    le catalogue, jamais une famille de règles ni le registre."""
    assert _violations(lambda nom: any(_dans(nom, p) for p in MOTEUR_ET_CATALOGUE), "cte_cli.rules") == []


#: ce que le domaine peut lire : lui-même, les modèles du format, les paramètres datés et le
#: référentiel, et quelques outils sans dépendance (erreurs, suggestions, normalisation du texte,
#: analyseur YAML des données embarquées)
PERMIS_AU_DOMAINE = ("cte_cli.droit", "cte_cli.model", "cte_cli.referentiel", "cte_cli.erreurs",
                     "cte_cli.suggestions", "cte_cli.texte", "cte_cli.loading.parser")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _dans(m, "cte_cli.droit")))
def test_le_domaine_ne_depend_que_du_droit(module):
    interdits = [f"{ligne}: {importe}" for ligne, importe in IMPORTS[module]
                 if not any(_dans(importe, p) for p in PERMIS_AU_DOMAINE)]
    assert interdits == [], f"{module} : le domaine n'importe ni règles, ni documents, ni CLI"


def test_le_coeur_n_importe_pas_la_cli():
    """La couche Typer (`cte_cli.cli`) appelle le cœur ; l'inverse jamais."""
    permis = ("cte_cli.cli", "cte_cli.__main__", "cte_cli.__init__")
    assert _violations(lambda nom: any(_dans(nom, p) for p in permis), "cte_cli.cli") == []


def test_le_contrat_voit_les_imports():
    """Le test lit bien les imports (paresseux compris) : le moteur importe le registre."""
    assert any(_dans(i, "cte_cli.rules") for _l, i in IMPORTS["cte_cli.moteur"])
    assert any(_dans(i, "cte_cli.droit") for _l, i in IMPORTS["cte_cli.documents.vue"])
