"""Le dépôt en mémoire (`lsp.espace`, `cte lsp`, `--surveiller`) et le périmètre de `--depuis`
(issue 16) : après chaque modification, les constats gardés sont exactement ceux d'une
validation complète du dépôt modifié.

Dépôt d'essai : le dépôt national synthétique (benchmarks/generer.py, avec ses fautes de
saisie) réduit à deux régions voisines, Bourgogne-Franche-Comté et Centre-Val de Loire : un
EPCI à cheval (CC Les Bertranges, Nièvre et Cher) y est dans le ressort d'un comité local du
Cher, ce qui rend la couverture de la Nièvre dépendante d'un fichier d'une autre région.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cte_cli.lsp.espace import Espace, cle
from cte_cli.moteur import valider

RACINE = Path(__file__).resolve().parents[1]
DATE = date(2026, 11, 22)
REGIONS = {"24", "27"}


@pytest.fixture(scope="module")
def modele(tmp_path_factory) -> Path:
    sys.path.insert(0, str(RACINE / "benchmarks"))
    try:
        import generer
    finally:
        sys.path.remove(str(RACINE / "benchmarks"))
    dossier = tmp_path_factory.mktemp("national") / "depot"
    generer.generer(dossier, fautes=True, regions=REGIONS)
    return dossier


@pytest.fixture
def depot(modele, tmp_path) -> Path:
    copie = tmp_path / "depot"
    shutil.copytree(modele, copie)
    return copie


def _complete(depot: Path) -> dict[str, list[tuple]]:
    resultat = valider([str(depot)], DATE)
    par_fichier: dict[str, list[tuple]] = {}
    for c in resultat.constats:
        par_fichier.setdefault(c.fichier, []).append(cle(c))
    return par_fichier


def _verifier(espace: Espace, depot: Path) -> None:
    attendu = _complete(depot)
    garde = {f: [cle(c) for c in liste] for f, liste in espace.constats.items() if liste}
    differents = sorted(f for f in set(attendu) | set(garde) if attendu.get(f, []) != garde.get(f, []))
    assert not differents, [(f, attendu.get(f), garde.get(f)) for f in differents[:2]]


def _premier(depot: Path, motif: str) -> Path:
    return sorted(depot.glob(motif))[0]


def test_modifications_variees_comme_une_validation_complete(depot):
    espace = Espace(depot, DATE)
    espace.charger()
    _verifier(espace, depot)
    local = _premier(depot, "locaux/21/*.yaml")
    seance = next(f for f in sorted(depot.glob("seances/*/*.yaml")) if "cle-58" in f.name)
    departemental = _premier(depot, "departemental/cde-58*.yaml")
    texte_local, texte_seance = local.read_text(encoding="utf-8"), seance.read_text(encoding="utf-8")
    reference = re.search(r"comite: (\S+)", texte_seance).group(1)
    scenarios = [
        (local, texte_local.replace("nom: Comité local", "nom: Le comité local", 1)),  # sans effet
        (local, texte_local.replace("id: cle-21", "id: cle-xx-21", 1)),  # ses séances orphelines
        (local, texte_local),
        (seance, texte_seance.replace(f"comite: {reference}", f"comite: {reference[:-2]}{reference[-1]}{reference[-2]}")),
        (seance, texte_seance + "\n  : : [\n"),  # illisible : masque le voisinage de son comité
        (seance, texte_seance),
        (departemental, departemental.read_text(encoding="utf-8").replace("region: '27'", "region: '24'")),
        (seance, None),  # supprimée
    ]
    for fichier, texte in scenarios:
        if texte is None:
            fichier.unlink()
        else:
            fichier.write_text(texte, encoding="utf-8")
        espace.modifier([str(fichier)])
        _verifier(espace, depot)


def test_texte_de_l_editeur_prioritaire_sur_le_disque(depot):
    espace = Espace(depot, DATE)
    espace.charger()
    seance = _premier(depot, "seances/*/*cle-21*.yaml")
    texte = seance.read_text(encoding="utf-8")
    changes = espace.ouvrir(str(seance), texte.replace("comite: cle-21", "comite: cle-12", 1))
    assert [c.regle for c in changes[str(seance)]] == ["reference-inconnue"]
    assert espace.ouvrir(str(seance), texte.replace("comite: cle-21", "comite: cle-12", 1)) == {}  # inchangé
    changes = espace.fermer(str(seance))  # fermé sans enregistrer : le disque fait foi
    assert changes[str(seance)] == []
    _verifier(espace, depot)


def test_changements_sur_le_disque_reperes(depot):
    espace = Espace(depot, DATE)
    espace.charger()
    assert espace.changes_sur_le_disque() == []
    seance = _premier(depot, "seances/*/*cle-21*.yaml")
    nouvelle = seance.with_name("2026-12-01-nouvelle.yaml")
    nouvelle.write_text(seance.read_text(encoding="utf-8"), encoding="utf-8")
    seance.unlink()
    assert espace.changes_sur_le_disque() == sorted([str(seance), str(nouvelle)])
    espace.modifier(espace.changes_sur_le_disque())
    _verifier(espace, depot)


def test_depuis_couvre_l_epci_a_cheval_sur_deux_regions(depot):
    """`cte validate --depuis` après modification d'un comité local de la Côte-d'Or : la
    couverture de la Nièvre (rapportée, même région) compte le comité local du Cher qui a
    l'EPCI CC Les Bertranges dans son ressort ; les constats rapportés sont ceux de la
    validation complète (avant l'issue 16 : « 1 EPCI dans le ressort d'aucun comité local »)."""
    from cte_cli.depuis import valider_depuis

    git = ["git", "-c", "user.name=t", "-c", "user.email=t@exemple.invalid", "-C", str(depot)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "depart"], check=True)
    local = _premier(depot, "locaux/21/*.yaml")
    local.write_text(local.read_text(encoding="utf-8").replace("nom: Comité local", "nom: Le comité local", 1),
                     encoding="utf-8")
    resultat = valider_depuis([str(depot)], "HEAD", DATE)
    rapportes = {d.fichier for d in resultat.depot.documents}
    assert any("cde-58" in f for f in rapportes)
    complet = _complete(depot)
    obtenu: dict[str, list[tuple]] = {}
    for c in resultat.constats:
        obtenu.setdefault(c.fichier, []).append(cle(c))
    assert {f: complet.get(f, []) for f in rapportes if complet.get(f)} == obtenu
