"""Écritures : atomiques, confinées au dossier de sortie, jamais d'écrasement sans --force ;
un lot tué en plein milieu ne laisse aucun document à moitié écrit.

Décision (docs/securite.md) : un document visible est toujours complet (temporaire caché puis
renommage). Un processus tué net (SIGKILL) peut laisser un temporaire caché
`.NOM.cte-tmp-HOTE-PID-ALEA.tmp` ; la prochaine écriture du même fichier le supprime (son
processus n'existe plus). Un fichier sans la marque de cte n'est jamais supprimé. SIGTERM et Ctrl-C suppriment le temporaire tout de suite (sortie 2).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.ecriture import dans_dossier, ecrire_atomique, nom_de_fichier
from cte_cli.erreurs import CteErreur

from .outils import DATE, EXEMPLE, RACINE

# --- écriture atomique ---------------------------------------------------------------------


def test_jamais_d_ecrasement_sans_force(tmp_path):
    cible = tmp_path / "doc.docx"
    ecrire_atomique(cible, b"premier")
    with pytest.raises(CteErreur, match="existe déjà.*--force"):
        ecrire_atomique(cible, b"second")
    assert cible.read_bytes() == b"premier"
    ecrire_atomique(cible, b"second", force=True)
    assert cible.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]  # aucun temporaire


def test_publication_sans_ecraser_un_fichier_cree_entre_temps(tmp_path, monkeypatch):
    """Un autre processus crée la cible entre la vérification et le renommage : elle n'est
    pas remplacée (lien physique qui échoue si la cible existe)."""
    cible = tmp_path / "doc.docx"
    vraie = Path.exists

    def course(chemin):
        if chemin == cible and not vraie(chemin):
            cible.write_bytes(b"de l'autre processus")
            return False
        return vraie(chemin)

    monkeypatch.setattr(Path, "exists", course)
    with pytest.raises(CteErreur, match="existe déjà"):
        ecrire_atomique(cible, b"le mien")
    monkeypatch.undo()
    assert cible.read_bytes() == b"de l'autre processus"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.docx"]


def test_interruption_pendant_l_ecriture_ne_laisse_rien(tmp_path, monkeypatch):
    def interrompre(_descripteur):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrompre)
    with pytest.raises(KeyboardInterrupt):
        ecrire_atomique(tmp_path / "doc.docx", b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def _pid_termine() -> int:
    processus = subprocess.Popen([sys.executable, "-c", "pass"])
    processus.wait()
    return processus.pid


def _temporaire(dossier: Path, nom: str, pid: int, hote: str | None = None, alea: str = "k3j2ab_9") -> Path:
    """Un temporaire au nom que cte lui donne : `.NOM.cte-tmp-HOTE-PID-ALEA.tmp`."""
    from cte_cli.ecriture import _hote

    return dossier / f".{nom}.cte-tmp-{hote or _hote()}-{pid}-{alea}.tmp"


def test_temporaires_orphelins_nettoyes_a_l_ecriture_suivante(tmp_path):
    orphelin = _temporaire(tmp_path, "doc.docx", _pid_termine())
    vivant = _temporaire(tmp_path, "doc.docx", os.getpid(), alea="a1b2c3d4")  # une écriture en cours ailleurs
    autre = _temporaire(tmp_path, "autre.docx", _pid_termine(), alea="zzzzzzzz")
    for f in (orphelin, vivant, autre):
        f.write_bytes(b"moitie")
    ecrire_atomique(tmp_path / "doc.docx", b"complet")
    assert not orphelin.exists()
    assert vivant.exists() and autre.exists()  # seuls les orphelins du même fichier


def test_le_nettoyage_ne_touche_que_les_temporaires_de_cte(tmp_path):
    """Issue 13, point 7 : `.rapport.json.backup.tmp` et `.rapport.json.424242.tmp`, qui ne
    viennent pas de cte, ne sont jamais supprimés ; ni un temporaire d'une autre machine
    (dossier partagé en réseau : son PID ne dit rien ici) de moins d'une heure."""
    mort = _pid_termine()
    etrangers = [tmp_path / ".rapport.json.backup.tmp", tmp_path / f".rapport.json.{mort}.tmp",
                 tmp_path / ".rapport.json.424242.tmp", tmp_path / f".rapport.json.{mort}.k3j2ab_9.tmp",
                 tmp_path / f".rapport.json.cte-tmp-{mort}-k3j2ab_9.tmp",
                 _temporaire(tmp_path, "rapport.json", mort, hote="abcdef"),
                 _temporaire(tmp_path, "rapport.json", mort, alea="court")]
    for f in etrangers:
        f.write_bytes(b"a garder")
    orphelin = _temporaire(tmp_path, "rapport.json", mort)
    orphelin.write_bytes(b"moitie")
    ecrire_atomique(tmp_path / "rapport.json", b"{}")
    assert [f.name for f in etrangers if not f.exists()] == []
    assert not orphelin.exists()
    # un temporaire d'une autre machine, vieux de plus d'une heure, est orphelin
    vieux = _temporaire(tmp_path, "rapport.json", mort, hote="abcdef", alea="vieux123")
    vieux.write_bytes(b"moitie")
    os.utime(vieux, (time.time() - 7200, time.time() - 7200))
    ecrire_atomique(tmp_path / "rapport.json", b"{}", force=True)
    assert not vieux.exists() and all(f.exists() for f in etrangers)


def test_temporaire_d_un_nom_de_255_octets(tmp_path):
    """Le nom du temporaire reste sous la limite de 255 octets d'un nom de fichier."""
    cible = tmp_path / ("n" * 250 + ".json")
    ecrire_atomique(cible, b"{}")
    assert cible.read_bytes() == b"{}"


# --- confinement ---------------------------------------------------------------------------

NOMS_HOSTILES = [
    "../../etc/passwd", "/etc/passwd", "..", ".", "", "a/../../b", "..\\..\\windows\\system32",
    "C:\\Windows\\x", "\x00", "nom\x00.docx", "\n", "~/.bashrc", "$HOME", "con", "NUL.docx",
    "Zoé « O'Brien » & <Cie> 👩‍💼", "x" * 1000, "." * 300, "-rf", "--force", " espace ",
]


@pytest.mark.parametrize("nom", NOMS_HOSTILES)
def test_dans_dossier_reste_dans_le_dossier(tmp_path, nom):
    chemin = dans_dossier(tmp_path, nom)
    assert chemin.parent == tmp_path.resolve()
    assert not chemin.name.startswith((".", "-")) and len(chemin.name) <= 120
    assert chemin.name.split(".")[0].upper() not in {"CON", "NUL", "PRN", "AUX"}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(nom=st.text())
def test_dans_dossier_propriete(nom):
    base = Path("/tmp/cte-dossier-de-sortie")
    chemin = dans_dossier(base, nom)
    assert chemin.parent == base.resolve()
    assert nom_de_fichier(nom) == chemin.name and "/" not in chemin.name and "\x00" not in chemin.name


def test_lien_symbolique_sortant_refuse(tmp_path):
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    dehors = tmp_path / "dehors.docx"
    (sortie / "doc.docx").symlink_to(dehors)
    with pytest.raises(CteErreur, match="sortirait du dossier de sortie"):
        dans_dossier(sortie, "doc.docx")
    assert not dehors.exists()


# --- lot interrompu (cte generate reglement --tous) ----------------------------------------

#: lance `cte` en ralentissant chaque fsync (disque lent) pour tuer le lot en pleine écriture
LANCEUR_LENT = """
import os, sys, time
vrai = os.fsync
def lent(fd):
    time.sleep(0.15)
    vrai(fd)
os.fsync = lent
from cte_cli.cli import main
sys.argv = ["cte", *sys.argv[1:]]
main()
"""


def _lot(sortie: Path, lent: bool = True) -> subprocess.Popen:
    commande = ["generate", "reglement", "--tous", str(EXEMPLE), "--sortie", str(sortie), "--date", DATE]
    prefixe = [sys.executable, "-c", LANCEUR_LENT] if lent else [sys.executable, "-m", "cte_cli"]
    return subprocess.Popen([*prefixe, *commande], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=RACINE, env={**os.environ, "COLUMNS": "200"})


def _attendre_premier_document(sortie: Path, processus: subprocess.Popen, temporaire: bool = False) -> None:
    """Attend le premier document écrit (et, si `temporaire`, l'écriture en cours du suivant)."""
    limite = time.monotonic() + 120
    while time.monotonic() < limite and processus.poll() is None:
        if sortie.exists() and any(sortie.glob("*.docx")) and (not temporaire or any(sortie.glob(".*.tmp"))):
            return
        time.sleep(0.002)
    pytest.fail("aucun document écrit : la génération a échoué ou n'a pas démarré")


def _documents_complets(sortie: Path) -> list[str]:
    """Chaque .docx visible s'ouvre avec python-docx et contient le titre du règlement."""
    from docx import Document

    noms = []
    for chemin in sorted(sortie.glob("*.docx")):
        texte = "\n".join(p.text for p in Document(str(chemin)).paragraphs)
        assert "Règlement intérieur" in texte or "RÈGLEMENT INTÉRIEUR" in texte.upper(), chemin
        noms.append(chemin.name)
    return noms


@pytest.mark.skipif(not EXEMPLE.exists() or os.name == "nt", reason="dépôt d'exemple absent ou pas de SIGKILL")
def test_lot_tue_par_sigkill_sans_fichier_a_moitie_ecrit(tmp_path):
    sortie = tmp_path / "reglements"
    processus = _lot(sortie)
    _attendre_premier_document(sortie, processus, temporaire=True)
    processus.send_signal(signal.SIGKILL)  # en pleine écriture d'un document
    processus.communicate(timeout=60)
    assert processus.returncode == -signal.SIGKILL
    ecrits = _documents_complets(sortie)
    assert 1 <= len(ecrits) < 42, "le lot devait être interrompu en cours de route"
    temporaires = [p.name for p in sortie.iterdir() if p.name.endswith(".tmp")]
    assert temporaires and all(f"-{processus.pid}-" in nom and ".cte-tmp-" in nom for nom in temporaires), temporaires
    # relancer sans --force : les documents existants sont gardés, les autres écrits, les
    # temporaires orphelins supprimés
    relance = _lot(sortie, lent=False)
    sortie_standard, erreurs = relance.communicate(timeout=300)
    assert relance.returncode == 0, erreurs.decode()
    assert f"{len(ecrits)} existant(s)" in sortie_standard.decode()
    assert len(_documents_complets(sortie)) == 42
    assert [p.name for p in sortie.iterdir() if not p.name.endswith(".docx")] == []


@pytest.mark.skipif(not EXEMPLE.exists() or os.name == "nt", reason="dépôt d'exemple absent ou pas de SIGTERM")
def test_lot_annule_par_sigterm_nettoie_et_sort_avec_2(tmp_path):
    sortie = tmp_path / "reglements"
    processus = _lot(sortie)
    _attendre_premier_document(sortie, processus, temporaire=True)
    processus.send_signal(signal.SIGTERM)
    _, erreurs = processus.communicate(timeout=60)
    assert processus.returncode == 2
    assert "Interrompu." in erreurs.decode() and "Traceback" not in erreurs.decode()
    _documents_complets(sortie)
    assert [p.name for p in sortie.iterdir() if not p.name.endswith(".docx")] == []
