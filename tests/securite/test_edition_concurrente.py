"""`cte voix --ecrire` et `cte rotation --ecrire` : aucune modification perdue quand deux
commandes écrivent le même fichier, et un fichier partagé par lien symbolique le reste
(issue 13, points 2 et 8).

Trouvé et corrigé ici : lancées ensemble sur le même comité, les deux commandes sortaient avec
0 et l'une des deux modifications était perdue (14 fois sur 15) ; `--ecrire` remplaçait un
YAML qui est un lien symbolique (docs/securite.md §8, partage de fichiers) par un fichier
ordinaire.

Garantie : la lecture, la modification et le remplacement du fichier se font sous un verrou
consultatif (flock) ; le second écrivain attend, relit le fichier à jour et y applique sa
modification si ce qu'il a calculé ne dépend pas de ce que l'autre a changé, sinon il refuse
avec un message clair (sortie 2) sans rien écrire.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from cte_cli.erreurs import CteErreur
from cte_cli.yaml_edition import EditionYaml, FichierModifie

from .outils import DATE, EXEMPLE, RACINE, copier_exemple, executer

pytestmark = [
    pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent"),
    pytest.mark.skipif(os.name == "nt", reason="verrou consultatif POSIX (flock)"),
]

CRE = "cre-bourgogne-franche-comte"
CHEMIN_CRE = Path("regional") / f"{CRE}.yaml"


def _sans_voix_ni_rotation(texte: str) -> str:
    """Le comité régional sans ses voix ni son bloc `rotation` : les deux commandes ont à écrire."""
    lignes = [x for x in texte.splitlines(keepends=True) if not x.strip().startswith("voix:")]
    texte = "".join(lignes)
    debut = texte.index("\nrotation:\n") + 1
    fin = texte.index("\ninstances_remplacees:") + 1
    return texte[:debut] + texte[fin:]


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    racine = copier_exemple(tmp_path / "depot")
    fichier = racine / CHEMIN_CRE
    fichier.write_text(_sans_voix_ni_rotation(fichier.read_text(encoding="utf-8")), encoding="utf-8")
    return racine


def _lancer(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cte_cli", *args], cwd=RACINE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})


def _etat(fichier: Path) -> tuple[int, bool]:
    """(nombre de membres qui ont des voix, rotation présente)."""
    donnees = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    return sum(1 for m in donnees["membres"] if "voix" in m), "rotation" in donnees


@pytest.mark.slow
def test_voix_et_rotation_ecrites_ensemble_rien_n_est_perdu(depot: Path) -> None:
    fichier = depot / CHEMIN_CRE
    initial = fichier.read_text(encoding="utf-8")
    for tour in range(4):
        fichier.write_text(initial, encoding="utf-8")
        assert _etat(fichier) == (0, False)
        voix = _lancer("voix", CRE, str(depot), "--ecrire", "--date", DATE)
        rotation = _lancer("rotation", CRE, str(depot), "--debut", "2025-07-01", "--ecrire")
        sorties = {nom: (p.wait(timeout=300), *p.communicate()) for nom, p in
                   (("voix", voix), ("rotation", rotation))}
        for nom, (code, sortie, erreur) in sorties.items():
            assert "Traceback" not in erreur and "Erreur interne" not in erreur, (nom, erreur)
            assert code == 0, (tour, nom, sortie, erreur)
        nombre, avec_rotation = _etat(fichier)
        assert nombre > 20 and avec_rotation, f"tour {tour} : une modification a été perdue"
        assert yaml.safe_load(fichier.read_text(encoding="utf-8"))["rotation"]["sieges"] == 6


# --- scénarios déterministes (processus qui tient le verrou) --------------------------------

TENIR = textwrap.dedent("""
    import sys, time
    from cte_cli.yaml_edition import EditionYaml
    edition = EditionYaml.ouvrir(sys.argv[1])
    edition.definir(("rotation",), {"sieges": 6})
    print("verrou", flush=True)
    time.sleep(float(sys.argv[2]))
    edition.enregistrer()
""")


def _tenir(fichier: Path, secondes: float) -> subprocess.Popen:
    """Un autre processus ouvre le fichier (verrou pris), attend, puis écrit `rotation`."""
    processus = subprocess.Popen([sys.executable, "-c", TENIR, str(fichier), str(secondes)], cwd=RACINE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert processus.stdout.readline().strip() == "verrou", processus.stderr.read()
    return processus


def test_le_second_ecrivain_attend_et_applique_sur_le_contenu_a_jour(tmp_path: Path) -> None:
    fichier = tmp_path / "comite.yaml"
    fichier.write_text("type: comite\nid: c\nmembres:\n  - nom: A\n", encoding="utf-8")
    lu = fichier.read_text(encoding="utf-8")
    autre = _tenir(fichier, 1.0)
    debut = time.monotonic()
    # le calcul a été fait sur `lu` ; la rotation que l'autre écrit n'y change rien
    edition = EditionYaml.ouvrir(fichier, attendu=lu, depend_de=lambda d: d.get("membres"))
    assert time.monotonic() - debut > 0.5  # il a attendu le verrou
    assert autre.wait(timeout=30) == 0, autre.stderr.read()
    edition.definir(("membres", 0, "voix"), 2)
    edition.enregistrer()
    donnees = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    assert donnees["rotation"] == {"sieges": 6} and donnees["membres"][0]["voix"] == 2


def test_le_second_ecrivain_refuse_si_son_calcul_est_perime(tmp_path: Path) -> None:
    fichier = tmp_path / "comite.yaml"
    fichier.write_text("type: comite\nid: c\nmembres:\n  - nom: A\n", encoding="utf-8")
    lu = fichier.read_text(encoding="utf-8")
    autre = _tenir(fichier, 0.5)
    with pytest.raises(FichierModifie, match="modifié par un autre processus"):
        EditionYaml.ouvrir(fichier, attendu=lu)  # dépend de tout le document
    assert autre.wait(timeout=30) == 0
    assert "rotation" in fichier.read_text(encoding="utf-8")


def test_verrou_tenu_trop_longtemps_message_clair(tmp_path: Path, monkeypatch) -> None:
    from cte_cli import yaml_edition

    fichier = tmp_path / "comite.yaml"
    fichier.write_text("type: comite\n", encoding="utf-8")
    autre = _tenir(fichier, 3)
    monkeypatch.setattr(yaml_edition, "DELAI_VERROU", 0.3)
    with pytest.raises(CteErreur, match="en cours de modification par un autre processus"):
        EditionYaml.ouvrir(fichier)
    autre.wait(timeout=30)


def test_ecriture_concurrente_d_un_fichier_deja_remplace(tmp_path: Path) -> None:
    """Trois écrivains : chacun attend le précédent, aucun n'écrit sur un fichier déjà remplacé."""
    fichier = tmp_path / "comite.yaml"
    fichier.write_text("type: comite\ncompteur: 0\n", encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        from cte_cli.yaml_edition import EditionYaml
        for _ in range(15):
            e = EditionYaml.ouvrir(sys.argv[1])
            e.definir(("compteur",), e.lire(("compteur",)) + 1)
            e.enregistrer()
    """)
    processus = [subprocess.Popen([sys.executable, "-c", script, str(fichier)], cwd=RACINE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for p in processus:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    assert yaml.safe_load(fichier.read_text(encoding="utf-8"))["compteur"] == 45


# --- lien symbolique (point 8) --------------------------------------------------------------


@pytest.mark.parametrize("commande", ["voix", "rotation"])
def test_ecrire_un_yaml_partage_par_lien_symbolique(depot: Path, tmp_path: Path, commande: str) -> None:
    partage = tmp_path / "partage"
    partage.mkdir()
    cible = partage / "cre.yaml"
    lien = depot / CHEMIN_CRE
    cible.write_bytes(lien.read_bytes())
    lien.unlink()
    lien.symlink_to(os.path.relpath(cible, lien.parent))
    options = ("--date", DATE) if commande == "voix" else ("--debut", "2025-07-01")
    sortie = executer(commande, CRE, str(depot), "--ecrire", *options)
    assert sortie.code == 0, sortie.texte
    assert lien.is_symlink() and lien.resolve() == cible.resolve()
    nombre, avec_rotation = _etat(cible)
    assert (nombre > 20) if commande == "voix" else avec_rotation
    assert [p.name for p in partage.iterdir()] == ["cre.yaml"]  # aucun temporaire laissé
