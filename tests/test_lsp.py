"""`cte lsp` (issue 16) : un petit client LSP parle au serveur sur stdio, comme un éditeur.

Il ouvre le dépôt d'exemple, reçoit les diagnostics, fait une faute de frappe dans une séance
(diagnostic avec l'article, survol avec le texte de l'article, action « remplacer par
l'identifiant suggéré »), retire les voix d'un comité (action « écrire les voix calculées »,
qui rend le comité conforme), puis s'arrête proprement. Le moteur en mémoire est comparé, lui,
à une validation complète après chaque modification (tests/test_lsp_espace.py).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import DATE, EXEMPLE, RACINE

sys.path.insert(0, str(RACINE / "benchmarks"))
from client_lsp import Client  # noqa: E402  (le client est partagé avec benchmarks/national.py)

sys.path.remove(str(RACINE / "benchmarks"))


@pytest.fixture
def depot(tmp_path):
    copie = tmp_path / "depot"
    shutil.copytree(EXEMPLE, copie)
    return copie


@pytest.fixture
def client(depot):
    c = Client("--date", DATE, cwd=depot)
    reponse = c.demander("initialize", {"processId": os.getpid(), "rootUri": depot.as_uri(),
                                        "capabilities": {}})
    capacites = reponse["result"]["capabilities"]
    assert capacites["hoverProvider"] and capacites["codeActionProvider"]
    c.envoyer("initialized", {})
    c.attendre(lambda m: m.get("method") == "window/logMessage" and "fichier(s) vérifié(s)" in m["params"]["message"])
    yield c
    if c.processus.poll() is None:
        c.demander("shutdown", None)
        c.envoyer("exit", None)
        c.processus.wait(timeout=30)


def _ouvrir(client: Client, fichier: Path, texte: str) -> str:
    uri = fichier.as_uri()
    client.envoyer("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                             "text": texte}})
    return uri


def _modifier(client: Client, uri: str, texte: str, version: int) -> None:
    client.envoyer("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"text": texte}]})


def test_diagnostics_au_demarrage_puis_a_la_frappe(client, depot):
    feuille = depot / "feuilles-de-route" / "fdr-cde-21-cote-d-or-2025-2027.yaml"
    assert [d["code"] for d in client.diagnostics[feuille.as_uri()]] == ["echeance-depassee"]
    seance = depot / "seances" / "2025" / "2025-03-04-cde-39-jura-ordinaire.yaml"
    texte = seance.read_text(encoding="utf-8")
    uri = _ouvrir(client, seance, texte)
    fautif = texte.replace("comite: cde-39-jura", "comite: cde-39-jrua")
    _modifier(client, uri, fautif, 2)
    diagnostics = client.diagnostics_de(uri)
    inconnue = next(d for d in diagnostics if d["code"] == "reference-inconnue")
    assert "introuvable" in inconnue["message"] and "« cde-39-jura »" in inconnue["message"]
    assert inconnue["severity"] == 1 and inconnue["source"] == "cte"
    ligne = fautif.splitlines().index("comite: cde-39-jrua")
    assert inconnue["range"] == {"start": {"line": ligne, "character": 8}, "end": {"line": ligne, "character": 19}}
    # survol : la règle, le message, et l'article cité
    survol = client.demander("textDocument/hover", {"textDocument": {"uri": uri},
                                                    "position": {"line": ligne, "character": 12}})
    contenu = survol["result"]["contents"]["value"]
    assert "`reference-inconnue`" in contenu and "cde-39-jrua" in contenu
    # action : l'identifiant suggéré remplace la faute
    actions = client.demander("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": inconnue["range"], "context": {"diagnostics": [inconnue]}})["result"]
    remplacer = next(a for a in actions if a["title"] == "Remplacer par « cde-39-jura »")
    (edition,) = remplacer["edit"]["changes"][uri]
    assert edition == {"range": inconnue["range"], "newText": "cde-39-jura"}
    # corrigé : plus de diagnostic
    _modifier(client, uri, texte, 3)
    assert client.diagnostics_de(uri) == []


def test_survol_donne_le_texte_de_l_article(client, depot):
    """Un comité départemental sans membre de France Travail : le survol cite R. 5311-23."""
    comite = depot / "departemental" / "cde-39-jura.yaml"
    texte = comite.read_text(encoding="utf-8")
    lignes = texte.splitlines()
    debut = next(i for i, ligne in enumerate(lignes) if "college: france_travail" in ligne)
    while not lignes[debut].lstrip().startswith("- "):
        debut -= 1
    fin = debut + 1
    while fin < len(lignes) and not lignes[fin].lstrip().startswith("- ") and lignes[fin].startswith("    "):
        fin += 1
    uri = _ouvrir(client, comite, "\n".join(lignes[:debut] + lignes[fin:]) + "\n")
    diagnostics = client.diagnostics_de(uri)
    manquante = next(d for d in diagnostics if d["code"] == "categorie-manquante")
    survol = client.demander("textDocument/hover", {"textDocument": {"uri": uri}, "position": manquante["range"]["start"]})
    contenu = survol["result"]["contents"]["value"]
    assert "**R. 5311-23**" in contenu and "version du" in contenu and "\n> " in contenu


def test_action_ecrire_les_voix_calculees(client, depot):
    comite = depot / "locaux" / "cle-21-beaune-cote-et-saone.yaml"
    texte = comite.read_text(encoding="utf-8")
    sans_voix = re.sub(r",? voix: \d+", "", texte)
    sans_voix = re.sub(r"\n\s+voix: \d+", "", sans_voix)
    assert not re.search(r"\bvoix: \d", sans_voix)
    uri = _ouvrir(client, comite, sans_voix)
    diagnostics = client.diagnostics_de(uri)
    voix = [d for d in diagnostics if d["code"].startswith("voix-")]
    assert voix, diagnostics
    actions = client.demander("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": voix[0]["range"], "context": {"diagnostics": voix}})["result"]
    ecrire = next(a for a in actions if a["title"].startswith("Écrire les voix calculées"))
    (edition,) = ecrire["edit"]["changes"][uri]
    nouveau = edition["newText"]
    assert len(re.findall(r"\bvoix: \d", nouveau)) >= 5 and nouveau.splitlines()[0] == sans_voix.splitlines()[0]  # commentaires gardés
    _modifier(client, uri, nouveau, 2)
    assert not [d for d in client.diagnostics_de(uri) if d["code"].startswith("voix-")]


def test_fichier_supprime_sur_le_disque(client, depot):
    """Un comité supprimé hors de l'éditeur (workspace/didChangeWatchedFiles) : ses séances
    désignent un comité introuvable."""
    comite = depot / "locaux" / "cle-90-sud-territoire.yaml"
    comite.unlink()
    client.envoyer("workspace/didChangeWatchedFiles", {"changes": [{"uri": comite.as_uri(), "type": 3}]})
    seance = next((depot / "seances").rglob("*cle-90-sud-territoire*.yaml"))
    diagnostics = client.diagnostics_de(seance.as_uri())
    assert any(d["code"] == "reference-inconnue" for d in diagnostics)


def test_arret_propre_et_journal_sans_donnees_personnelles(depot):
    c = Client("--date", DATE, cwd=depot)
    c.demander("initialize", {"processId": None, "rootUri": depot.as_uri(), "capabilities": {}})
    c.envoyer("initialized", {})
    c.attendre(lambda m: m.get("method") == "window/logMessage" and "vérifié" in m["params"]["message"])
    comite = depot / "departemental" / "cde-21-cote-d-or.yaml"
    uri = _ouvrir(c, comite, comite.read_text(encoding="utf-8").replace("type: comite", "type: comite\n  : [", 1))
    c.diagnostics_de(uri)
    assert c.demander("shutdown", None)["result"] is None
    c.envoyer("exit", None)
    assert c.processus.wait(timeout=30) == 0
    erreurs = c.processus.stderr.read().decode("utf-8", "replace")
    noms = re.findall(r"nom: ([^\n,}]+)", comite.read_text(encoding="utf-8"))
    assert noms and not any(nom.strip() in erreurs + "".join(c.journal) for nom in noms)
