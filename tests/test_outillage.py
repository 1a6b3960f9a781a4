"""L'outillage écrit par `cte init` (cte_cli.outillage), essayé avec les vrais clients :

- gitlab-ci-local (npm) exécute le `.gitlab-ci.yml` écrit, exécuteur shell, sur un dépôt
  jetable : un dépôt propre passe ; une demande de fusion qui introduit une erreur échoue et
  le rapport Code Quality de l'artefact contient ce constat, et lui seul (`--depuis`) ;
- `pre-commit run --all-files` avec le `.pre-commit-config.yaml` écrit ;
- yaml-language-server (npm), piloté sur stdio par un petit client LSP (JSON-RPC) : un
  diagnostic pour un `college` inconnu, et les valeurs permises proposées à la complétion avec
  leur description en français.

Les clients npm sont installés par `.ci/run` dans `.ci/npm/node_modules` (versions de
`.ci/npm/package-lock.json`) ; à défaut le test les y installe (`npm ci`), et il n'est sauté,
en le disant, que si npm ou le registre manquent.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from cte_cli.echafaudage import echafauder

pytestmark = pytest.mark.slow  # sous-processus, installation, LibreOffice ou clone

RACINE = Path(__file__).resolve().parents[1]
NPM = RACINE / ".ci" / "npm"
BIN_VENV = Path(sys.executable).parent
SEANCE_FAUTIVE = """type: seance
comite: cde-21-cote-dor
date: 2026-03-12T14:00
lieu: Préfecture de la Côte-d'Or, Dijon
nature: pleniere
ordre_du_jour: [Installation du comité]
"""
CHEMIN_SEANCE = "seances/2026-03-12-cde-21-installation.yaml"


# --- fichiers écrits (sans client) -----------------------------------------------------------


def test_init_ecrit_la_ci_gitlab_pre_commit_et_l_editeur(tmp_path: Path) -> None:
    ecrits = {p.relative_to(tmp_path / "d").as_posix() for p in echafauder("27", tmp_path / "d")}
    assert {".gitlab-ci.yml", ".pre-commit-config.yaml", ".editorconfig", ".vscode/settings.json",
            ".vscode/extensions.json", ".gitignore", "cte.schema.json"} <= ecrits
    assert not (tmp_path / "d" / ".github").exists()
    ci = yaml.safe_load((tmp_path / "d" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    valider = ci["cte-valider"]
    assert valider["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json",
                                               "junit": "cte-junit.xml"}
    assert valider["artifacts"]["when"] == "always"
    script = "\n".join(valider["script"])
    assert "--depuis origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" in script
    assert "--format gitlab" in script and "--format junit" in script
    from cte_cli import __version__

    assert ci["variables"]["CTE_PAQUET"] == f"cte-cli=={__version__}"
    assert ci["variables"]["CTE_REGION"] == "27"
    from cte_cli.outillage import fichiers

    # paquet pas encore publié : --crochets URL fait installer cte depuis son dépôt git, étiqueté
    depuis_git = yaml.safe_load(fichiers("27", "gitlab", "https://forge.exemple.gouv.fr/dgefp/cte.git")[
        Path(".gitlab-ci.yml")])
    assert depuis_git["variables"]["CTE_PAQUET"] == (
        f"cte-cli @ git+https://forge.exemple.gouv.fr/dgefp/cte.git@v{__version__}")
    for job in ("cte-cartographie", "cte-reglements"):
        assert ci[job]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
        assert ci[job]["artifacts"]["paths"] == ["documents/"]
    reglages = json.loads((tmp_path / "d" / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    motifs = reglages["yaml.schemas"]["./cte.schema.json"]
    assert "departemental/**/*.yaml" in motifs and not any(".gitlab" in m or ".github" in m for m in motifs)
    schema = json.loads((tmp_path / "d" / "cte.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Membre"]["properties"]["college"]["enumDescriptions"]
    # la ligne modeline de yaml-language-server, chemin relatif au fichier
    cde = (tmp_path / "d" / "departemental" / "cde-21-cote-d-or.yaml").read_text(encoding="utf-8")
    assert cde.startswith("# yaml-language-server: $schema=../cte.schema.json\n")
    editorconfig = (tmp_path / "d" / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in editorconfig and "indent_size = 2" in editorconfig


def test_init_forge_github(cte, tmp_path: Path) -> None:
    sortie = cte("init", "--region", "84", "--forge", "github", str(tmp_path / "d"))
    assert sortie.returncode == 0, sortie.stderr
    assert not (tmp_path / "d" / ".gitlab-ci.yml").exists()
    flux = yaml.safe_load((tmp_path / "d" / ".github" / "workflows" / "cte.yml").read_text(encoding="utf-8"))
    assert set(flux["jobs"]) == {"valider", "documents"}
    etapes = "\n".join(str(e.get("run", "")) for e in flux["jobs"]["valider"]["steps"])
    assert '--depuis "origin/$GITHUB_BASE_REF" --format github' in etapes and "--format sarif" in etapes
    assert flux["env"]["CTE_REGION"] == "84"
    assert "`.github/workflows/cte.yml`" in (tmp_path / "d" / "README.md").read_text(encoding="utf-8")


def test_init_forge_inconnue(cte, tmp_path: Path) -> None:
    sortie = cte("init", "--region", "27", "--forge", "bitbucket", str(tmp_path / "d"))
    assert sortie.returncode == 2
    assert "forge « bitbucket » inconnue" in sortie.stderr
    assert not (tmp_path / "d").exists()


def test_crochets_identiques_a_ceux_du_projet(tmp_path: Path) -> None:
    """Le dépôt `local` reprend l'identifiant, la commande et les options des crochets publiés
    par cte (.pre-commit-hooks.yaml) ; `--crochets URL` les prend dans le dépôt de cte."""
    echafauder("27", tmp_path / "d")
    publies = {c["id"]: c for c in yaml.safe_load((RACINE / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    config = yaml.safe_load((tmp_path / "d" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (depot,) = config["repos"]
    assert depot["repo"] == "local"
    ecrits = {c["id"]: c for c in depot["hooks"]}
    assert set(ecrits) == set(publies)
    for ident, crochet in ecrits.items():
        for cle in ("entry", "files", "pass_filenames", "require_serial"):
            assert crochet[cle] == publies[ident][cle], (ident, cle)
    assert ecrits["cte-validate-tout"]["stages"] == ["manual"]
    echafauder("27", tmp_path / "e", crochets="https://forge.exemple.invalid/dgefp/cte.git")
    config = yaml.safe_load((tmp_path / "e" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    from cte_cli import __version__

    assert config["repos"][0]["rev"] == f"v{__version__}"
    assert [c["id"] for c in config["repos"][0]["hooks"]] == ["cte-validate"]


# --- clients réels -----------------------------------------------------------------------------


def _binaire_npm(nom: str) -> Path:
    """Le client npm installé dans .ci/npm ; l'installe (npm ci) s'il manque ; saute sinon."""
    binaire = NPM / "node_modules" / ".bin" / nom
    if binaire.exists():
        return _verifie(binaire)
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("Node.js ou npm absent : .ci/run installe les paquets Debian nodejs et npm")
    try:
        installe = subprocess.run(["npm", "ci", "--prefix", str(NPM), "--no-audit", "--no-fund"],
                                  capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.skip("registre npm injoignable (npm ci a dépassé 10 minutes)")
    if installe.returncode != 0 or not binaire.exists():
        pytest.skip(f"registre npm injoignable, {nom} non installé : {installe.stderr[-300:]}")
    return _verifie(binaire)


def _verifie(binaire: Path) -> Path:
    """Le client démarre avec le Node.js de la machine (gitlab-ci-local 4.73 : Node.js ≥ 20)."""
    if binaire.name == "gitlab-ci-local":
        essai = subprocess.run([str(binaire), "--version"], capture_output=True, text=True, timeout=60)
        if essai.returncode != 0:
            node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
            pytest.skip(f"gitlab-ci-local ne démarre pas avec Node.js {node} (il faut Node.js 20 ou plus)")
    return binaire


def _git(depot: Path, *args: str) -> subprocess.CompletedProcess:
    resultat = subprocess.run(["git", "-c", "user.name=Agent", "-c", "user.email=agent@exemple.gouv.fr",
                               "-c", "init.defaultBranch=main", *args], cwd=depot, capture_output=True,
                              text=True, timeout=120)
    assert resultat.returncode == 0, resultat.stderr
    return resultat


def _env() -> dict[str, str]:
    """Le `cte` de ce projet en tête du PATH (image où cte est installé), sans couleurs."""
    env = {**os.environ, "PATH": f"{BIN_VENV}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    env.pop("PRE_COMMIT", None)
    return env


@pytest.fixture
def depot_git(tmp_path: Path) -> Path:
    """Un dépôt écrit par `cte init --region 27`, commité sur main et poussé vers `origin` (un
    dépôt nu local, pour le `git fetch` de la demande de fusion)."""
    if shutil.which("git") is None:
        pytest.skip("git absent")
    depot = tmp_path / "configuration"
    echafauder("27", depot)
    _git(tmp_path, "init", "-q", "--bare", "origine.git")
    _git(depot, "init", "-q")
    _git(depot, "remote", "add", "origin", str(tmp_path / "origine.git"))
    _git(depot, "add", "-A")
    _git(depot, "commit", "-q", "-m", "cte init")
    _git(depot, "push", "-q", "origin", "main")
    return depot


def _gitlab_ci_local(depot: Path, *args: str) -> subprocess.CompletedProcess:
    binaire = _binaire_npm("gitlab-ci-local")
    if shutil.which("rsync") is None:
        pytest.skip("rsync absent (gitlab-ci-local en a besoin) : .ci/run installe le paquet Debian rsync")
    return subprocess.run([str(binaire), "--force-shell-executor", "--no-color", *args], cwd=depot,
                          env=_env(), capture_output=True, text=True, timeout=300)


def _code_quality(depot: Path) -> list[dict]:
    rapport = depot / ".gitlab-ci-local" / "artifacts" / "cte-valider" / "gl-code-quality-report.json"
    return json.loads(rapport.read_text(encoding="utf-8"))


def test_gitlab_ci_local_depot_propre_puis_demande_de_fusion_fautive(depot_git: Path) -> None:
    propre = _gitlab_ci_local(depot_git, "cte-valider", "cte-cartographie")
    sortie = propre.stdout + propre.stderr
    assert propre.returncode == 0, sortie[-3000:]
    assert "PASS  cte-valider" in sortie and "PASS  cte-cartographie" in sortie
    constats = _code_quality(depot_git)
    assert constats and not [c for c in constats if c["severity"] in ("major", "critical")]
    junit = depot_git / ".gitlab-ci-local" / "artifacts" / "cte-valider" / "cte-junit.xml"
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    documents = depot_git / ".gitlab-ci-local" / "artifacts" / "cte-cartographie" / "documents"
    assert {p.name for p in documents.iterdir()} == {"cartographie.xlsx", "cartographie.csv",
                                                     "cartographie.schema.json"}

    # demande de fusion : une séance qui cite un comité inexistant
    _git(depot_git, "checkout", "-q", "-b", "installation")
    (depot_git / CHEMIN_SEANCE).parent.mkdir(parents=True, exist_ok=True)
    (depot_git / CHEMIN_SEANCE).write_text(SEANCE_FAUTIVE, encoding="utf-8")
    _git(depot_git, "add", "-A")
    _git(depot_git, "commit", "-q", "-m", "séance d'installation")
    fautive = _gitlab_ci_local(depot_git, "cte-valider", "--variable", "CI_PIPELINE_SOURCE=merge_request_event",
                               "--variable", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main")
    sortie = fautive.stdout + fautive.stderr
    assert fautive.returncode != 0, sortie[-3000:]
    assert "FAIL  cte-valider" in sortie
    assert "1 erreur" in sortie and "1 fichier vérifié" in sortie  # --depuis origin/main
    (constat,) = _code_quality(depot_git)
    assert constat["check_name"] == "reference-inconnue" and constat["severity"] == "major"
    assert constat["location"]["path"] == CHEMIN_SEANCE
    assert constat["location"]["lines"]["begin"] == 2
    assert "cde-21-cote-d-or" in constat["description"]  # suggestion « vouliez-vous dire »


def _pre_commit(depot: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit n'est pas installé (pip install -e '.[test]')")
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "cache-pre-commit")}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", *args], cwd=depot,
                          env=env, capture_output=True, text=True, timeout=300)


def test_pre_commit_run_all_files(depot_git: Path, tmp_path: Path) -> None:
    propre = _pre_commit(depot_git, tmp_path)
    assert propre.returncode == 0, propre.stdout + propre.stderr
    assert "cte validate (fichiers modifiés)" in propre.stdout and "Passed" in propre.stdout
    (depot_git / CHEMIN_SEANCE).parent.mkdir(parents=True, exist_ok=True)
    (depot_git / CHEMIN_SEANCE).write_text(SEANCE_FAUTIVE, encoding="utf-8")
    _git(depot_git, "add", "-A")
    refuse = _pre_commit(depot_git, tmp_path)
    assert refuse.returncode == 1, refuse.stdout + refuse.stderr
    assert "Failed" in refuse.stdout and "reference-inconnue" in refuse.stdout
    assert CHEMIN_SEANCE in refuse.stdout
    # une fois commitée, l'erreur échappe au crochet des fichiers modifiés, pas à celui de tout le dépôt
    _git(depot_git, "commit", "-q", "--no-verify", "-m", "séance")
    assert _pre_commit(depot_git, tmp_path).returncode == 0
    tout = _pre_commit(depot_git, tmp_path, "--hook-stage", "manual", "cte-validate-tout")
    assert tout.returncode == 1 and "reference-inconnue" in tout.stdout, tout.stdout


# --- yaml-language-server, piloté par un petit client LSP -------------------------------------


class ClientLsp:
    """Client LSP minimal sur stdio (JSON-RPC, en-têtes Content-Length) : requêtes,
    notifications, et réponses aux requêtes du serveur (`workspace/configuration`)."""

    def __init__(self, commande: list[str], reglages: dict):
        self.processus = subprocess.Popen(commande, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.DEVNULL)
        self.reglages = reglages
        self.numero = 0
        self.recus: queue.Queue = queue.Queue()
        threading.Thread(target=self._lire, daemon=True).start()

    def _envoyer(self, message: dict) -> None:
        corps = json.dumps(message).encode("utf-8")
        self.processus.stdin.write(b"Content-Length: %d\r\n\r\n" % len(corps) + corps)
        self.processus.stdin.flush()

    def _lire(self) -> None:
        flux = self.processus.stdout
        while True:
            entetes = {}
            while ligne := flux.readline():
                if not ligne.strip():
                    break
                cle, _, valeur = ligne.decode("ascii").partition(":")
                entetes[cle.strip().lower()] = valeur.strip()
            if not ligne:  # fin du flux : le serveur s'est arrêté
                return
            if "content-length" not in entetes:
                continue
            message = json.loads(flux.read(int(entetes["content-length"])))
            if "method" in message and "id" in message:  # requête du serveur
                resultat = None
                if message["method"] == "workspace/configuration":
                    resultat = [self.reglages.get(i.get("section"), None) for i in message["params"]["items"]]
                self._envoyer({"jsonrpc": "2.0", "id": message["id"], "result": resultat})
            else:
                self.recus.put(message)

    def requete(self, methode: str, params: dict) -> dict:
        self.numero += 1
        numero = self.numero
        self._envoyer({"jsonrpc": "2.0", "id": numero, "method": methode, "params": params})
        return self.attendre(lambda m: m.get("id") == numero)["result"]

    def notifier(self, methode: str, params: dict) -> None:
        self._envoyer({"jsonrpc": "2.0", "method": methode, "params": params})

    def attendre(self, condition, delai: float = 30) -> dict:
        fin = time.monotonic() + delai
        while (reste := fin - time.monotonic()) > 0:
            try:
                message = self.recus.get(timeout=reste)
            except queue.Empty:
                break
            if condition(message):
                return message
        raise AssertionError("pas de réponse attendue de yaml-language-server")

    def fermer(self) -> None:
        try:
            self.requete("shutdown", {})
            self.notifier("exit", {})
            self.processus.wait(timeout=10)
        except Exception:  # noqa: BLE001 — fermeture au mieux
            self.processus.kill()


@pytest.fixture
def serveur_yaml(tmp_path: Path):
    """yaml-language-server sur un dépôt `cte init`, avec les réglages de .vscode/settings.json
    tels que l'extension YAML de VS Code les transmet (section `yaml`)."""
    binaire = _binaire_npm("yaml-language-server")
    depot = tmp_path / "d"
    echafauder("27", depot)
    vscode = json.loads((depot / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    reglages = {"yaml": {k.removeprefix("yaml."): v for k, v in vscode.items() if k.startswith("yaml.")}}
    client = ClientLsp([str(binaire), "--stdio"], reglages)
    capacites = {
        "textDocument": {"completion": {"completionItem": {"documentationFormat": ["plaintext"]}},
                         "publishDiagnostics": {}},
        "workspace": {"configuration": True},
    }
    client.requete("initialize", {"processId": os.getpid(), "locale": "fr", "rootUri": depot.as_uri(),
                                  "workspaceFolders": [{"uri": depot.as_uri(), "name": "depot"}],
                                  "capabilities": capacites})
    client.notifier("initialized", {})
    client.notifier("workspace/didChangeConfiguration", {"settings": reglages})
    yield client, depot
    client.fermer()


def _ouvrir(client: ClientLsp, chemin: Path, texte: str) -> list[dict]:
    uri = chemin.as_uri()
    client.notifier("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                               "text": texte}})
    message = client.attendre(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                              and m["params"]["uri"] == uri and m["params"]["diagnostics"])
    return message["params"]["diagnostics"]


@pytest.mark.parametrize("modeline", [True, False], ids=["ligne-modeline", "reglages-vscode"])
def test_yaml_language_server_diagnostic_et_completion(serveur_yaml, modeline: bool) -> None:
    client, depot = serveur_yaml
    fichier = depot / "departemental" / "cde-21-cote-d-or.yaml"
    texte = fichier.read_text(encoding="utf-8")
    assert texte.startswith("# yaml-language-server:")
    if not modeline:  # seul le réglage yaml.schemas de .vscode/settings.json associe le schéma
        texte = texte.split("\n", 1)[1]
    lignes = texte.splitlines()
    numero = next(i for i, ligne in enumerate(lignes) if ligne.startswith("membres:")) + 1
    assert "college: etat}" in lignes[numero]
    lignes[numero] = lignes[numero].replace("college: etat}", "college: prefecture}")
    texte = "\n".join(lignes) + "\n"
    diagnostics = _ouvrir(client, fichier, texte)
    (diagnostic,) = [d for d in diagnostics if d["range"]["start"]["line"] == numero]
    assert diagnostic["severity"] == 1
    assert "Valeur non acceptée" in diagnostic["message"] and '"syndicat_salaries"' in diagnostic["message"]
    debut = lignes[numero].index("prefecture")
    assert diagnostic["range"]["start"]["character"] == debut
    assert diagnostic["range"]["end"]["character"] == debut + len("prefecture")

    resultat = client.requete("textDocument/completion", {"textDocument": {"uri": fichier.as_uri()},
                                                          "position": {"line": numero, "character": debut}})
    elements = resultat["items"] if isinstance(resultat, dict) else resultat
    documentation = {e["label"]: e.get("documentation") for e in elements}
    from cte_cli.model.types import COLLEGES

    assert set(COLLEGES) <= set(documentation)
    assert documentation["syndicat_salaries"].startswith("Organisations syndicales de salariés")
    assert documentation["france_travail"].startswith("France Travail")
    assert all(documentation[c] for c in COLLEGES)
