"""Réécriture des fichiers YAML en gardant commentaires et mise en page (`yaml_edition`)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.erreurs import CteErreur
from cte_cli.yaml_edition import ABSENT, EditionYaml

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "bourgogne-franche-comte"
FICHIERS_EXEMPLE = sorted(EXEMPLE.rglob("*.yaml"))


def _ecrire(tmp_path: Path, texte: str, nom: str = "f.yaml") -> Path:
    chemin = tmp_path / nom
    chemin.write_bytes(texte.encode("utf-8"))
    return chemin


@pytest.mark.parametrize("fichier", FICHIERS_EXEMPLE, ids=lambda f: f.name)
def test_aller_retour_a_l_identique_sur_l_exemple(fichier):
    assert EditionYaml.ouvrir(fichier).texte() == fichier.read_text(encoding="utf-8")


def test_seules_les_lignes_voix_changent(tmp_path):
    source = EXEMPLE / "departemental" / "cde-21-cote-d-or.yaml"
    chemin = _ecrire(tmp_path, source.read_text(encoding="utf-8"))
    edition = EditionYaml.ouvrir(chemin)
    membres = edition.lire(("membres",))
    for i, membre in enumerate(membres):
        if "voix" in membre:
            edition.definir(("membres", i, "voix"), membre["voix"] + 1)
    edition.enregistrer()
    avant = source.read_text(encoding="utf-8").splitlines()
    apres = chemin.read_text(encoding="utf-8").splitlines()
    assert len(avant) == len(apres)
    differentes = [(a, b) for a, b in zip(avant, apres, strict=True) if a != b]
    assert differentes and all(a.strip().startswith("voix:") and b.strip().startswith("voix:")
                               for a, b in differentes)


def test_insertion_apres_une_cle_et_commentaires_de_section(tmp_path):
    chemin = _ecrire(tmp_path, (
        "membres:\n"
        "  - nom: A\n"
        "    college: etat  # fin de ligne\n"
        "  # 2° Région\n"
        "  - {nom: B, college: region, organisation: R, mandat: {debut: 2024-10-03, fin: 2027-10-02}}\n"
    ))
    edition = EditionYaml.ouvrir(chemin)
    assert edition.definir(("membres", 0, "voix"), 3, apres=("organisation", "college"))
    assert edition.definir(("membres", 1, "voix"), 2, apres=("organisation", "college"))
    assert not edition.definir(("membres", 1, "voix"), 2)
    edition.enregistrer()
    assert chemin.read_text(encoding="utf-8") == (
        "membres:\n"
        "  - nom: A\n"
        "    college: etat  # fin de ligne\n"
        "    voix: 3\n"
        "  # 2° Région\n"
        "  - {nom: B, college: region, organisation: R, voix: 2, mandat: {debut: 2024-10-03, fin: 2027-10-02}}\n"
    )
    assert [m.decrire() for m in edition.modifications] == [
        "membres[0].voix : absent → 3", "membres[1].voix : absent → 2"]


def test_suppression_garde_les_commentaires_suivants(tmp_path):
    chemin = _ecrire(tmp_path, "membres:\n  - nom: A\n    voix: 2\n  # section\n  - nom: B\n")
    edition = EditionYaml.ouvrir(chemin)
    assert edition.supprimer(("membres", 0, "voix"))
    assert not edition.supprimer(("membres", 1, "voix"))
    assert edition.texte() == "membres:\n  - nom: A\n  # section\n  - nom: B\n"
    assert edition.modifications[0].apres is ABSENT


def test_bom_crlf_et_liste_non_indentee(tmp_path):
    texte = "\ufefftype: comite\r\nmembres:\r\n- nom: A\r\n  qualite: >-\r\n    texte\r\n    replié\r\n"
    chemin = _ecrire(tmp_path, texte)
    edition = EditionYaml.ouvrir(chemin)
    assert edition.texte() == texte
    edition.definir(("membres", 0, "voix"), 1)
    edition.enregistrer()
    assert chemin.read_bytes().decode("utf-8") == texte + "  voix: 1\r\n"


def test_droits_gardes_et_rien_ecrit_sans_changement(tmp_path):
    chemin = _ecrire(tmp_path, "a: 1\n")
    os.chmod(chemin, 0o644)
    edition = EditionYaml.ouvrir(chemin)
    assert edition.enregistrer() is None
    edition.definir(("a",), 2)
    edition.enregistrer()
    assert stat.S_IMODE(chemin.stat().st_mode) == 0o644
    assert chemin.read_text() == "a: 2\n"


def test_modification_concurrente_refusee(tmp_path):
    chemin = _ecrire(tmp_path, "a: 1\n")
    edition = EditionYaml.ouvrir(chemin)
    edition.definir(("a",), 2)
    chemin.write_text("a: 1\nb: 3\n")
    os.utime(chemin, ns=(1, 1))
    with pytest.raises(CteErreur, match="modifié depuis sa lecture"):
        edition.enregistrer()
    assert chemin.read_text() == "a: 1\nb: 3\n"


def test_erreurs_lisibles(tmp_path):
    with pytest.raises(CteErreur, match="YAML invalide"):
        EditionYaml.ouvrir(_ecrire(tmp_path, "a: [1, 2\n", "x.yaml"))
    edition = EditionYaml.ouvrir(_ecrire(tmp_path, "membres:\n  - {nom: A}\n"))
    with pytest.raises(CteErreur, match=r"membres\[3\] introuvable"):
        edition.definir(("membres", 3, "voix"), 1)
    with pytest.raises(CteErreur, match="lecture impossible"):
        EditionYaml.ouvrir(tmp_path / "absent.yaml")


valeurs = st.integers(min_value=0, max_value=99)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.none(), valeurs), min_size=1, max_size=8), st.lists(valeurs, min_size=8, max_size=8))
def test_propriete_les_donnees_relues_sont_celles_voulues(tmp_path_factory, initiales, nouvelles):
    lignes = ["# en-tête", "membres:"]
    for i, v in enumerate(initiales):
        lignes.append(f"  # membre {i}")
        lignes.append(f"  - {{nom: M{i}, college: etat" + (f", voix: {v}}}" if v is not None else "}"))
    chemin = _ecrire(tmp_path_factory.mktemp("p"), "\n".join(lignes) + "\n")
    edition = EditionYaml.ouvrir(chemin)
    for i in range(len(initiales)):
        edition.definir(("membres", i, "voix"), nouvelles[i], apres=("college",))
    edition.enregistrer()
    texte = chemin.read_text(encoding="utf-8")
    assert [m.get("voix") for m in yaml.safe_load(texte)["membres"]] == nouvelles[: len(initiales)]
    assert all(f"# membre {i}" in texte for i in range(len(initiales))) and texte.startswith("# en-tête")
