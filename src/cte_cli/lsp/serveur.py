"""`cte lsp` : serveur de langage (Language Server Protocol, sur l'entrée et la sortie standard).

Le dépôt est gardé en mémoire (`lsp.espace.Espace`) : à chaque frappe, seul le fichier édité
est relu et seul le périmètre de `--depuis` est revalidé ; le serveur publie les diagnostics de
chaque fichier dont les constats ont changé. Il offre aussi :

- le **survol** d'un constat : la règle, le message et le texte des articles cités
  (extraits embarqués, `referentiel.legal`) ;
- des **actions de correction** : l'identifiant suggéré (« vouliez-vous dire … ? ») et les voix
  calculées (R. 5311-38, R. 5311-39 ; comme `cte voix --ecrire`).

Aucune donnée personnelle n'est journalisée : les erreurs internes ne donnent que leur type et
leur lieu dans le code (jamais le message, qui pourrait citer un nom). Réglage de l'éditeur :
docs/editeur.md.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import traceback
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer

from cte_cli.constats import Constat, Gravite
from cte_cli.lsp.espace import Espace

SOURCE = "cte"
GRAVITES = {Gravite.ERREUR: t.DiagnosticSeverity.Error, Gravite.AVERTISSEMENT: t.DiagnosticSeverity.Warning,
            Gravite.INFO: t.DiagnosticSeverity.Information}
SUGGESTION = re.compile(r"vouliez-vous dire « (.+?) » \?")
#: longueur maximale du texte d'un article dans un survol
TEXTE_MAX = 1500


def uri_vers_chemin(uri: str) -> str:
    analyse = urlparse(uri)
    return os.path.abspath(unquote(analyse.path)) if analyse.scheme == "file" else uri


def chemin_vers_uri(chemin: str) -> str:
    return Path(os.path.abspath(chemin)).as_uri()


def _utf16(texte: str) -> int:
    return len(texte.encode("utf-16-le")) // 2


def _depuis_utf16(ligne: str, position: int) -> int:
    """L'indice (en caractères) de la position `position` (en unités UTF-16) dans `ligne`."""
    compte = 0
    for i, caractere in enumerate(ligne):
        if compte >= position:
            return i
        compte += 2 if ord(caractere) > 0xFFFF else 1
    return len(ligne)


def etendue_valeur(ligne: str, debut: int) -> tuple[int, int]:
    """(début, fin) en caractères de la valeur YAML qui commence à `debut` sur la ligne : un
    texte entre guillemets (guillemets compris), sinon jusqu'au commentaire, à la virgule ou au
    crochet d'une liste en ligne, sans les espaces de fin ; au moins un caractère."""
    if debut < len(ligne) and ligne[debut] in "\"'":
        fin = ligne.find(ligne[debut], debut + 1)
        return debut, (fin + 1 if fin > 0 else len(ligne))
    fin = debut
    while fin < len(ligne) and ligne[fin] not in ",]}" and not ligne.startswith(" #", fin):
        fin += 1
    while fin > debut and ligne[fin - 1] in " \t":
        fin -= 1
    return debut, max(fin, min(debut + 1, len(ligne)))


class Etat:
    """Le dépôt en mémoire et ce que l'éditeur en montre."""

    def __init__(self, serveur: LanguageServer, depot: Path | None, date_controle: date | None):
        self.serveur = serveur
        self.depot = depot
        self.date_controle = date_controle
        self.espace: Espace | None = None

    # --- chargement et publication ---------------------------------------------------------

    def charger(self) -> None:
        from cte_cli.erreurs import CteErreur

        racine = self.depot or Path(self.serveur.workspace.root_path or ".")
        try:
            self.espace = Espace(racine, self.date_controle)
            constats = self.espace.charger()
        except CteErreur as exc:
            self.espace = None
            self.message(f"cte lsp : {exc}", t.MessageType.Error)
            return
        for fichier, liste in constats.items():
            self.publier(fichier, liste)
        erreurs = sum(1 for liste in constats.values() for c in liste if c.gravite is Gravite.ERREUR)
        self.message(f"cte : {len(constats)} fichier(s) vérifié(s), {erreurs} erreur(s)", t.MessageType.Info)

    def publier(self, fichier: str, constats: list[Constat]) -> None:
        lu = self.espace.lectures.get(fichier) if self.espace else None
        lignes = (lu.texte if lu else "").splitlines()
        diagnostics = [self.diagnostic(c, lignes) for c in constats if c.ignore is None]
        self.serveur.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=chemin_vers_uri(fichier), diagnostics=diagnostics))

    def publier_changes(self, changes: dict[str, list[Constat]]) -> None:
        for fichier, constats in changes.items():
            self.publier(fichier, constats)

    @staticmethod
    def etendue(c: Constat, lignes: list[str]) -> t.Range:
        numero = max(c.ligne - 1, 0)
        ligne = lignes[numero] if numero < len(lignes) else ""
        debut, fin = etendue_valeur(ligne, min(max(c.colonne - 1, 0), len(ligne)))
        return t.Range(t.Position(numero, _utf16(ligne[:debut])), t.Position(numero, _utf16(ligne[:fin])))

    def diagnostic(self, c: Constat, lignes: list[str]) -> t.Diagnostic:
        return t.Diagnostic(range=self.etendue(c, lignes), message=f"{c.message} ({c.article})",
                            severity=GRAVITES.get(c.gravite, t.DiagnosticSeverity.Information),
                            code=c.regle, source=SOURCE)

    def message(self, texte: str, nature: t.MessageType) -> None:
        self.serveur.window_log_message(t.LogMessageParams(type=nature, message=texte))

    @property
    def _espace(self) -> Espace:
        """L'espace chargé : les méthodes qui l'appellent ont obtenu un fichier de `fichier()`,
        qui n'en donne qu'avec un espace."""
        if self.espace is None:
            raise RuntimeError("espace non chargé")
        return self.espace

    # --- modifications ---------------------------------------------------------------------

    def fichier(self, uri: str) -> str | None:
        if self.espace is None:
            return None
        return self.espace.chemin(uri_vers_chemin(uri))

    def editer(self, uri: str) -> None:
        fichier = self.fichier(uri)
        if fichier is None:
            return
        texte = self.serveur.workspace.get_text_document(uri).source
        self.publier_changes(self._espace.ouvrir(fichier, texte))

    def fermer(self, uri: str) -> None:
        fichier = self.fichier(uri)
        if fichier is not None:
            self.publier_changes(self._espace.fermer(fichier))

    def disque(self, uris: list[str]) -> None:
        """Fichiers créés, modifiés ou supprimés hors de l'éditeur (git, autre outil)."""
        fichiers = [f for f in (self.fichier(u) for u in uris) if f is not None and f not in self._espace.ouverts]
        fichiers += [uri_vers_chemin(u) for u in uris if uri_vers_chemin(u).endswith("cte.toml")]
        if fichiers:
            self.publier_changes(self._espace.modifier(fichiers))

    # --- survol et actions -----------------------------------------------------------------

    def constats_a(self, uri: str, ligne: int, caractere: int | None = None) -> list[Constat]:
        fichier = self.fichier(uri)
        if fichier is None:
            return []
        lu = self._espace.lectures.get(fichier)
        lignes = (lu.texte if lu else "").splitlines()
        sur_la_ligne = [c for c in self._espace.constats.get(fichier, []) if c.ignore is None and c.ligne - 1 == ligne]
        if caractere is None:
            return sur_la_ligne
        dessous = [c for c in sur_la_ligne
                   if (e := self.etendue(c, lignes)).start.character <= caractere <= e.end.character]
        return dessous or sur_la_ligne

    def survol(self, uri: str, position: t.Position) -> t.Hover | None:
        constats = self.constats_a(uri, position.line, position.character)
        if not constats:
            return None
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown,
                                                value="\n\n---\n\n".join(map(survol_markdown, constats))))

    def actions(self, uri: str, params: t.CodeActionParams) -> list[t.CodeAction]:
        fichier = self.fichier(uri)
        if fichier is None:
            return []
        lu = self._espace.lectures.get(fichier)
        lignes = (lu.texte if lu else "").splitlines()
        debut, fin = params.range.start.line, params.range.end.line
        constats = [c for c in self._espace.constats.get(fichier, [])
                    if c.ignore is None and debut <= c.ligne - 1 <= fin]
        actions: list[t.CodeAction] = []
        for c in constats:
            trouve = SUGGESTION.search(c.message)
            if trouve:
                actions.append(self._remplacer(uri, c, lignes, trouve.group(1)))
        if any(_famille(c.regle) == "voix" for c in constats):
            action = self._voix(uri, fichier, lu, [self.diagnostic(c, lignes) for c in constats
                                                   if _famille(c.regle) == "voix"])
            if action is not None:
                actions.append(action)
        return actions

    def _remplacer(self, uri: str, c: Constat, lignes: list[str], remplacement: str) -> t.CodeAction:
        etendue = self.etendue(c, lignes)
        ligne = lignes[etendue.start.line] if etendue.start.line < len(lignes) else ""
        debut = _depuis_utf16(ligne, etendue.start.character)
        if ligne[debut:debut + 1] in ("'", '"'):  # entre guillemets : on garde les guillemets
            etendue = t.Range(t.Position(etendue.start.line, etendue.start.character + 1),
                              t.Position(etendue.end.line, max(etendue.end.character - 1, etendue.start.character + 1)))
        edition = t.WorkspaceEdit(changes={uri: [t.TextEdit(range=etendue, new_text=remplacement)]})
        return t.CodeAction(title=f"Remplacer par « {remplacement} »", kind=t.CodeActionKind.QuickFix,
                            diagnostics=[self.diagnostic(c, lignes)], edit=edition, is_preferred=True)

    def _voix(self, uri: str, fichier: str, lu: Any, diagnostics: list[t.Diagnostic]) -> t.CodeAction | None:
        """Les voix calculées (plus forte moyenne, R. 5311-38, R. 5311-39), écrites dans le texte
        de l'éditeur comme `cte voix --ecrire` les écrirait dans le fichier."""
        from cte_cli.droit.voix import proposer
        from cte_cli.erreurs import CteErreur
        from cte_cli.referentiel.parametres import parametres_en_vigueur
        from cte_cli.voix_ecriture import appliquer_voix
        from cte_cli.yaml_edition import EditionYaml

        if lu is None or lu.doc is None or lu.doc.modele is None or lu.doc.type != "comite":
            return None
        documents = [x.doc for x in self._espace.lectures.values() if x.doc is not None]
        try:
            parametres = parametres_en_vigueur(documents, self._espace.date_controle or date.today())
            proposition = proposer(lu.doc.modele, parametres)
            if not proposition.changements():
                return None
            edition = EditionYaml.depuis_texte(fichier, lu.texte)
            decrits = appliquer_voix(edition, proposition)
            texte = edition.texte()
        except CteErreur:
            return None
        lignes = lu.texte.splitlines()
        fin = t.Position(len(lignes), 0) if lu.texte.endswith("\n") or not lignes else \
            t.Position(len(lignes) - 1, _utf16(lignes[-1]))
        edition_lsp = t.WorkspaceEdit(changes={uri: [t.TextEdit(range=t.Range(t.Position(0, 0), fin), new_text=texte)]})
        return t.CodeAction(title=f"Écrire les voix calculées (R. 5311-38, R. 5311-39) : {len(decrits)} modification(s)",
                            kind=t.CodeActionKind.QuickFix, diagnostics=diagnostics, edit=edition_lsp)


def _famille(regle: str) -> str | None:
    from cte_cli.catalogue import regles

    trouvee = regles().get(regle)
    return trouvee.famille if trouvee is not None else None


def survol_markdown(c: Constat) -> str:
    """Le constat et le texte des articles qu'il cite (extraits embarqués)."""
    from cte_cli.referentiel.legal import articles_cites

    morceaux = [f"**{c.gravite}** · `{c.regle}` — {c.message}"]
    articles, absents = articles_cites(c.article)
    for article in articles:
        version = f" (version du {article.version_du})" if article.version_du else ""
        texte = article.texte if len(article.texte) <= TEXTE_MAX else article.texte[:TEXTE_MAX - 1] + "…"
        morceaux.append(f"**{article.libelle}**{version}\n\n" + "\n".join(f"> {ligne}" for ligne in texte.splitlines()))
    if absents:
        morceaux.append("Texte non embarqué : " + ", ".join(absents) + f" (voir `cte expliquer {c.regle}`)")
    elif not articles:
        morceaux.append(f"Source : {c.article} (voir `cte expliquer {c.regle}`)")
    return "\n\n".join(morceaux)


def _sans_donnees_personnelles(fonction):
    """Une erreur interne est signalée par son type et son lieu dans le code, jamais par son
    message (qui pourrait citer un nom ou un courriel du dépôt), et n'arrête pas le serveur."""

    @functools.wraps(fonction)
    def enveloppe(*args: Any, **kwargs: Any) -> Any:
        try:
            return fonction(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — dernier filet : le serveur continue
            lieu = ""
            if exc.__traceback__ is not None:
                dernier = traceback.extract_tb(exc.__traceback__)[-1]
                lieu = f" ({os.path.basename(dernier.filename)}:{dernier.lineno})"
            logging.getLogger("cte.lsp").error("erreur interne de cte lsp : %s%s", type(exc).__name__, lieu)
            return None

    return enveloppe


def creer(depot: Path | None = None, date_controle: date | None = None) -> LanguageServer:
    """Le serveur, ses fonctions branchées (sans le démarrer)."""
    from cte_cli import __version__

    serveur = LanguageServer("cte", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full)
    etat = Etat(serveur, depot, date_controle)
    serveur.etat = etat  # type: ignore[attr-defined]
    sur = _sans_donnees_personnelles

    @serveur.feature(t.INITIALIZED)
    @sur
    def initialise(ls: LanguageServer, params: t.InitializedParams) -> None:
        etat.charger()

    @serveur.feature(t.TEXT_DOCUMENT_DID_OPEN)
    @sur
    def ouvert(ls: LanguageServer, params: t.DidOpenTextDocumentParams) -> None:
        etat.editer(params.text_document.uri)

    @serveur.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    @sur
    def modifie(ls: LanguageServer, params: t.DidChangeTextDocumentParams) -> None:
        etat.editer(params.text_document.uri)

    @serveur.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    @sur
    def ferme(ls: LanguageServer, params: t.DidCloseTextDocumentParams) -> None:
        etat.fermer(params.text_document.uri)

    @serveur.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @sur
    def disque(ls: LanguageServer, params: t.DidChangeWatchedFilesParams) -> None:
        etat.disque([change.uri for change in params.changes])

    @serveur.feature(t.TEXT_DOCUMENT_HOVER)
    @sur
    def survol(ls: LanguageServer, params: t.HoverParams) -> t.Hover | None:
        return etat.survol(params.text_document.uri, params.position)

    @serveur.feature(t.TEXT_DOCUMENT_CODE_ACTION,
                     t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
    @sur
    def actions(ls: LanguageServer, params: t.CodeActionParams) -> list[t.CodeAction]:
        return etat.actions(params.text_document.uri, params) or []

    return serveur


def lancer(depot: Path | None = None, date_controle: date | None = None) -> None:
    """Démarre le serveur sur l'entrée et la sortie standard (jusqu'à `exit` du client)."""
    journal = logging.getLogger()
    if not journal.handlers:
        logging.basicConfig(level=logging.WARNING, format="%(name)s : %(message)s")
    # pygls journalise les erreurs avec leur message : seul le nôtre (sans données) est gardé
    logging.getLogger("pygls").setLevel(logging.CRITICAL)
    creer(depot, date_controle).start_io()
