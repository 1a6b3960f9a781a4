"""Corpus hostile : chaque entrée donne un message français clair (règle, ligne) ou passe,
en temps et mémoire bornés, sans trace Python ni caractère de contrôle dans le terminal.

Petits fichiers : `corpus/` (écrits par `generer_corpus.py`, attendus dans `corpus/attendu.yaml`).
Gros fichiers, liens, tubes et droits : fabriqués ici dans un dossier temporaire.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
import xml.dom.minidom
from datetime import date
from pathlib import Path

import pytest
import yaml

from cte_cli.moteur import valider

from .generer_corpus import BASE, entrees
from .outils import CORPUS, DATE, executer
from conftest import lancer

ATTENDU = yaml.safe_load((CORPUS / "attendu.yaml").read_text(encoding="utf-8"))
#: caractères de contrôle qui ne doivent jamais atteindre le terminal (hors fin de ligne)
CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_le_corpus_versionne_est_celui_du_generateur():
    ecrits = {p.name: p.read_bytes() for p in CORPUS.glob("*.yaml") if p.name != "attendu.yaml"}
    assert ecrits == entrees(), "lancez : python tests/securite/generer_corpus.py --force"
    assert set(ATTENDU) == set(entrees())


@pytest.mark.parametrize("nom", sorted(ATTENDU))
def test_entree_du_corpus(nom):
    attendu = ATTENDU[nom]
    chemin = CORPUS / nom
    debut = time.perf_counter()
    sortie = executer("validate", str(chemin), "--date", DATE)
    assert time.perf_counter() - debut < 10
    assert sortie.code == attendu["code"], sortie.texte
    assert "Traceback" not in sortie.texte and "Erreur interne" not in sortie.texte
    assert not CONTROLES.search(sortie.texte), repr(sortie.texte)
    resultat = valider([str(chemin)], date.fromisoformat(DATE))
    erreurs = [c for c in resultat.constats if c.gravite == "erreur"]
    if "regle" not in attendu:
        assert erreurs == []
        return
    trouves = [c for c in erreurs if c.regle == attendu["regle"]]
    assert trouves, [f"{c.regle} {c.message}" for c in erreurs]
    constat = trouves[0]
    assert attendu.get("message", "") in constat.message
    assert constat.ligne == attendu.get("ligne", 1)
    assert len(constat.message) < 500


@pytest.mark.parametrize("format_", ["json", "sarif", "gitlab", "github", "junit"])
def test_rapports_machine_du_corpus_entier_bien_formes(format_):
    """Tout le corpus d'un coup : chaque rapport machine se relit (JSON, XML)."""
    sortie = executer("validate", str(CORPUS), "--date", DATE, "--format", format_)
    assert sortie.code == 2, sortie.stderr  # des entrées illisibles : code 2 (FORMAT §2)
    if format_ == "junit":
        xml.dom.minidom.parseString(sortie.stdout.encode("utf-8"))
    elif format_ != "github":
        json.loads(sortie.stdout)
    else:
        assert all(ligne.startswith("::") for ligne in sortie.stdout.splitlines())


def test_un_fichier_casse_n_empeche_pas_de_lire_les_autres(tmp_path):
    (tmp_path / "casse.yaml").write_bytes((CORPUS / "alias-milliard-de-rires.yaml").read_bytes())
    (tmp_path / "binaire.yaml").write_bytes((CORPUS / "binaire.yaml").read_bytes())
    (tmp_path / "bon.yaml").write_text(BASE.replace("instalation", "installation").replace(
        "installation: 2024-11-04", "instalation: 2024-11-04"), encoding="utf-8")
    resultat = valider([str(tmp_path)], date.fromisoformat(DATE))
    regles = {(Path(c.fichier).name, c.regle) for c in resultat.constats}
    assert ("bon.yaml", "cle-inconnue") in regles  # le bon fichier a bien été validé
    assert ("casse.yaml", "yaml-invalide") in regles and ("binaire.yaml", "fichier-illisible") in regles


# --- gros fichiers : fabriqués au moment du test ------------------------------------------


#: lance `cte` et écrit sa mémoire de crête (Ko) sur la sortie d'erreur
MESURE = """
import resource, sys
from cte_cli.cli import main
try:
    main(sys.argv[1:])
finally:
    print(f"MEMOIRE={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
"""


def _memoire_de_crete_mo(*args: str) -> float:
    import subprocess
    import sys

    sortie = subprocess.run([sys.executable, "-c", MESURE, *args], capture_output=True, text=True, timeout=300)
    return int(re.search(r"MEMOIRE=(\d+)", sortie.stderr).group(1)) / 1024


def test_fichier_de_20_mo_refuse_vite_avec_la_limite_et_son_reglage(tmp_path):
    gros = tmp_path / "gros.yaml"
    with gros.open("w", encoding="utf-8") as flux:
        flux.write("type: comite\nmembres:\n")
        ligne = "  - {nom: Personne, qualite: Conseillere municipale, college: communes}\n"
        flux.write(ligne * (20 * 1024 * 1024 // len(ligne)))
    assert gros.stat().st_size >= 20 * 1024 * 1024 - 100
    debut = time.perf_counter()
    sortie = lancer("validate", str(gros), "--date", DATE)
    assert time.perf_counter() - debut < 10
    assert sortie.returncode == 2, sortie.stderr
    assert "fichier trop volumineux (20,0 Mo, limite 10,0 Mo)" in sortie.stdout
    assert "CTE_TAILLE_MAX" in sortie.stdout
    assert _memoire_de_crete_mo("validate", str(gros), "--date", DATE) < 200  # le fichier n'est pas lu
    # la limite se règle : le fichier est alors lu (et ses erreurs signalées)
    sortie = lancer("validate", str(gros), "--date", DATE, "--format", "json",
                    env={"CTE_TAILLE_MAX": str(30 * 1024 * 1024)})
    assert sortie.returncode == 1, sortie.stderr
    assert "trop volumineux" not in sortie.stdout


def test_limite_de_taille_basse_dite_en_octets(tmp_path):
    (tmp_path / "f.yaml").write_text(BASE, encoding="utf-8")
    sortie = executer("validate", str(tmp_path), "--date", DATE, env={"CTE_TAILLE_MAX": "1000"})
    assert sortie.code == 2
    assert f"({len(BASE.encode()) / 1024:.1f} Ko, limite 1000 octets)".replace(".", ",") in sortie.stdout


def test_limite_d_alias_reglable(tmp_path):
    (tmp_path / "f.yaml").write_bytes((CORPUS / "alias-milliard-de-rires.yaml").read_bytes())
    sortie = executer("validate", str(tmp_path), "--date", DATE, env={"CTE_ALIAS_MAX": "100"})
    assert sortie.code == 2 and "limite de 100 ;" in sortie.stdout


@pytest.mark.parametrize(("nom", "texte"), [
    ("tirets-100000", "type: comite\nnom:\n" + "- " * 100_000 + "x\n"),
    ("tirets-racine-1000000", "- " * 1_000_000 + "x\n"),
    ("ancres-tirets", "- &a " * 50_000 + "x\n"),
    ("document-tirets", "--- " + "- " * 50_000 + "x\n"),
    ("questions", "? " * 50_000 + "x\n"),
    ("crochets-100000", "nom: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("accolades-100000", "nom: " + "{a: " * 100_000 + "x" + "}" * 100_000 + "\n"),
    ("bloc-4000", "".join(" " * i + f"k{i}:\n" for i in range(4000)) + " " * 4000 + "v\n"),
    ("alias-chaine-64", "\n".join(
        [f"a0: &a0 {'[' * 200}x{']' * 200}"]
        + [f"a{i}: &a{i} {'[' * 200}*a{i - 1}{']' * 200}" for i in range(1, 64)]) + "\n"),
])
def test_imbrication_extreme_sans_plantage_du_processus(tmp_path, nom, texte):
    """yaml-rs et libyaml sont récursifs : 20 000 niveaux (40 Ko de « - ») tuaient le processus
    (SIGSEGV, code -11). Le garde de profondeur refuse le fichier avant de le leur donner."""
    (tmp_path / f"{nom}.yaml").write_text(texte, encoding="utf-8")
    debut = time.perf_counter()
    sortie = lancer("validate", str(tmp_path), "--date", DATE,
                    env={"CTE_ALIAS_MAX": "10000000", "CTE_ALIAS_DEPOT_MAX": "100000000"}  # le plus haut permis
                    if nom.startswith("alias") else None)
    assert time.perf_counter() - debut < 20
    assert sortie.returncode == 2, (sortie.returncode, sortie.stderr[-500:])
    assert "imbrication trop profonde" in sortie.stdout or "trop imbriqué" in sortie.stdout, sortie.stdout


def test_ligne_de_1_mo(tmp_path):
    """Une ligne de 1 Mo (un nom, puis une clé) : lue vite, message borné."""
    longue = "x" * (1024 * 1024)
    (tmp_path / "nom.yaml").write_text(BASE.replace("Marc Petit", longue), encoding="utf-8")
    (tmp_path / "cle.yaml").write_text(BASE.replace("installation:", f"{longue}:").replace(
        "id: cle-21-plaine-dijonnaise", "id: autre"), encoding="utf-8")
    debut = time.perf_counter()
    sortie = executer("validate", str(tmp_path), "--date", DATE, "--format", "json")
    assert time.perf_counter() - debut < 15
    rapport = json.loads(sortie.stdout)
    assert all(len(c["message"]) <= 5000 for c in rapport["constats"])
    cle = [c for c in rapport["constats"] if c["fichier"].endswith("cle.yaml")]
    assert cle[0]["regle"] == "yaml-invalide" and "1 024 caractères au plus" in cle[0]["message"]


# --- liens, tubes, droits ------------------------------------------------------------------


def test_boucles_de_liens_symboliques(tmp_path):
    (tmp_path / "bon.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "sous").mkdir()
    (tmp_path / "sous" / "boucle").symlink_to(tmp_path, target_is_directory=True)
    sortie = executer("validate", str(tmp_path), "--date", DATE)
    assert sortie.code == 2
    assert "trop de liens symboliques (boucle de liens ?)" in sortie.stdout
    assert sortie.stdout.count("bon.yaml") <= 1  # le lien vers le dossier n'est pas suivi


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pas de tube nommé sur ce système")
def test_tube_nomme_et_peripherique_ne_bloquent_pas(tmp_path):
    os.mkfifo(tmp_path / "tube.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    sortie = lancer("validate", str(tmp_path), "--date", DATE)
    assert sortie.returncode == 2
    assert "ce n'est pas un fichier ordinaire (tube nommé)" in sortie.stdout
    assert "ce n'est pas un fichier ordinaire (périphérique)" in sortie.stdout


def test_fichier_illisible_droits(tmp_path, monkeypatch):
    """chmod 000 ; sous root (CI en conteneur) les droits n'empêchent pas la lecture : on
    simule alors le refus du système (EACCES) à l'ouverture."""
    (tmp_path / "bon.yaml").write_text(BASE, encoding="utf-8")
    ferme = tmp_path / "ferme.yaml"
    ferme.write_text(BASE.replace("cle-21-plaine-dijonnaise", "autre"), encoding="utf-8")
    ferme.chmod(0)
    try:
        if os.access(ferme, os.R_OK):  # root
            from cte_cli.loading import depot

            ouvrir = depot.os.open

            def refuser(chemin, *args, **kwargs):
                if os.fspath(chemin) == str(ferme):
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(chemin))
                return ouvrir(chemin, *args, **kwargs)

            monkeypatch.setattr(depot.os, "open", refuser)
        sortie = executer("validate", str(tmp_path), "--date", DATE)
    finally:
        ferme.chmod(0o644)
    assert sortie.code == 2
    assert "ferme.yaml" in sortie.stdout and "lecture impossible : permission refusée" in sortie.stdout
    assert "Permission denied" not in sortie.texte
