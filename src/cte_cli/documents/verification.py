"""`cte modeles verifier` : contrôler un modèle sans l'exécuter.

Pour chaque modèle (.docx ou .md) : syntaxe Jinja (avec la ligne, ou pour un .docx le texte du
paragraphe ou de la cellule de tableau concerné), filtres et tests inconnus, variables et
attributs que la vue ne fournit pas. Les types de la vue (`documents.vue`) permettent de suivre
les boucles : dans `{% for m in comite.membres %}`, `m` est un Membre et `m.nmo` est signalé.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from cte_cli.documents import modeles as m
from cte_cli.documents import vue
from cte_cli.documents.rendu import (
    environnement,
    lire_modele_texte,
    traduire_jinja,
    verifier_taille,
)
from cte_cli.erreurs import CteErreur
from cte_cli.suggestions import suggestion

INCONNU = Any


@dataclass
class Probleme:
    """Un défaut d'un modèle, avec son lieu lisible (ligne, ou texte du paragraphe)."""

    modele: Path
    message: str
    lieu: str = ""
    gravite: str = "erreur"

    def __str__(self) -> str:
        lieu = f", {self.lieu}" if self.lieu else ""
        return f"{self.modele}{lieu} : {self.message}"


@dataclass
class Source:
    """Un texte Jinja à analyser : partie du document et ses lignes."""

    partie: str
    texte: str
    docx: bool

    def lieu(self, ligne: int | None) -> str:
        if ligne is None:
            return self.partie
        if not self.docx:
            return f"ligne {ligne}"
        texte, tableau = ligne_docx(self.texte, ligne)
        ou = f"{self.partie}{', dans un tableau' if tableau else ''}"
        return f"{ou}, près de « {_abreger(texte)} »" if texte else ou


# --- sources d'un modèle ---------------------------------------------------------------------


def _numeroter(xml: str) -> str:
    """Comme docxtpl : un saut de ligne avant chaque paragraphe (numéros de ligne de Jinja)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def sources_docx(chemin: Path) -> list[Source]:
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    gabarit = DocxTemplate(str(chemin))
    try:
        gabarit.init_docx()
    except Exception:
        raise CteErreur(f"le modèle n'est pas un document Word (.docx) lisible : {chemin}") from None
    resultat = [Source("corps du document", _numeroter(gabarit.patch_xml(gabarit.get_xml())), True)]
    for uri, nom in ((gabarit.HEADER_URI, "en-tête"), (gabarit.FOOTER_URI, "pied de page")):
        for _, partie in gabarit.get_headers_footers(uri):
            xml = gabarit.xml_to_string(parse_xml(partie.blob))
            resultat.append(Source(nom, _numeroter(gabarit.patch_xml(xml)), True))
    proprietes = gabarit.docx.core_properties
    for nom in ("author", "comments", "identifier", "language", "subject", "title"):
        valeur = getattr(proprietes, nom) or ""
        if "{" in valeur:
            resultat.append(Source(f"propriétés du document ({nom})", valeur, False))
    return resultat


def ligne_docx(xml: str, ligne: int) -> tuple[str, bool]:
    """Le texte du paragraphe à cette ligne du XML numéroté, et s'il est dans un tableau."""
    lignes = xml.splitlines()
    if not 1 <= ligne <= len(lignes):
        return "", False
    texte = re.sub(r"<[^>]+>", "", lignes[ligne - 1])
    avant = "\n".join(lignes[: ligne - 1])
    tableau = avant.count("<w:tbl>") + avant.count("<w:tbl ") > avant.count("</w:tbl>")
    return " ".join(texte.split()), tableau


def texte_autour(gabarit: Any, ligne: int) -> str:
    """Le texte du paragraphe du corps d'un gabarit docxtpl à une ligne Jinja donnée."""
    try:
        xml = _numeroter(gabarit.patch_xml(gabarit.get_xml()))
    except Exception:
        return ""
    return ligne_docx(xml, ligne)[0]


def _abreger(texte: str, longueur: int = 100) -> str:
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"


# --- vérification ----------------------------------------------------------------------------


def verifier(chemin: str | Path) -> list[Probleme]:
    """Les problèmes d'un modèle ; liste vide si le modèle est bon."""
    chemin = Path(chemin)
    type_ = m.type_de_modele(chemin)
    problemes: list[Probleme] = []
    if chemin.suffix not in (".docx", ".md"):
        return [Probleme(chemin, "ni .docx ni .md : ce fichier n'est pas un modèle", gravite="avertissement")]
    if type_ is None:
        noms = ", ".join(f"{n}.docx, {n}.md" for n in m.DOCUMENTS)
        problemes.append(Probleme(chemin, f"nom de modèle inconnu, ce fichier ne sera pas utilisé ; noms "
                                          f"reconnus : {noms}", gravite="avertissement"))
    try:
        if chemin.is_symlink():  # lien : seulement vers un fichier du même dossier (docs/securite.md)
            m.confiner(chemin, chemin.parent.resolve())
        verifier_taille(chemin)
        sources = sources_docx(chemin) if chemin.suffix == ".docx" else [
            Source("", lire_modele_texte(chemin), False)]
    except CteErreur as exc:
        return [*problemes, Probleme(chemin, exc.message)]
    env = environnement("docx" if chemin.suffix == ".docx" else "md")
    for source in sources:
        problemes.extend(_verifier_source(chemin, source, env, type_))
    return problemes


def _verifier_source(chemin: Path, source: Source, env: Any, type_: str | None) -> list[Probleme]:
    try:
        arbre = env.parse(source.texte)
        env.compile(arbre)  # filtres et tests inconnus
    except TemplateSyntaxError as exc:
        return [Probleme(chemin, f"erreur de syntaxe Jinja : {traduire_jinja(exc.message or '')}",
                         source.lieu(exc.lineno))]
    if type_ is None:
        return []
    portee: dict[str, Any] = {**{n: INCONNU for n in env.globals}, **vue.VARIABLES[type_]}
    analyse = _Analyse(chemin, source, type_)
    for noeud in arbre.body:
        analyse.instruction(noeud, portee)
    return analyse.problemes


@cache
def _annotations(classe: type) -> dict[str, Any]:
    return typing.get_type_hints(classe, vars(vue))


def type_champ(classe: type, nom: str) -> Any:
    """Le type d'un champ de la vue (None s'il n'existe pas)."""
    champs = {f.name: f for f in fields(classe)}
    if nom not in champs:
        return None
    explicite = champs[nom].metadata.get("type")
    if explicite is None:
        return _annotations(classe)[nom]
    return eval(explicite, vars(vue)) if isinstance(explicite, str) else explicite  # noqa: S307 — texte de vue.py


def element(type_: Any) -> Any:
    """Le type des éléments d'une liste de la vue."""
    if typing.get_origin(type_) is list:
        return typing.get_args(type_)[0]
    return INCONNU


class _Analyse:
    """Parcourt l'arbre Jinja en suivant le type de chaque variable."""

    def __init__(self, chemin: Path, source: Source, type_: str):
        self.chemin = chemin
        self.source = source
        self.type_ = type_
        self.problemes: list[Probleme] = []

    def signaler(self, noeud: nodes.Node, message: str) -> None:
        self.problemes.append(Probleme(self.chemin, message, self.source.lieu(getattr(noeud, "lineno", None))))

    # instructions
    def instruction(self, noeud: nodes.Node, portee: dict[str, Any]) -> None:
        if isinstance(noeud, nodes.For):
            self._pour(noeud, portee)
        elif isinstance(noeud, nodes.Assign):
            valeur = self.expression(noeud.node, portee)
            self._affecter(noeud.target, valeur, portee)
        elif isinstance(noeud, nodes.AssignBlock):
            for enfant in noeud.body:
                self.instruction(enfant, portee)
            self._affecter(noeud.target, str, portee)
        elif isinstance(noeud, nodes.Macro | nodes.CallBlock):
            interne = {**portee, "caller": INCONNU, "varargs": INCONNU, "kwargs": INCONNU}
            for argument in noeud.args:
                interne[argument.name] = INCONNU
            for defaut in noeud.defaults:
                self.expression(defaut, portee)
            if isinstance(noeud, nodes.Macro):
                portee[noeud.name] = INCONNU
            else:
                self.expression(noeud.call, portee)
            for enfant in noeud.body:
                self.instruction(enfant, interne)
        elif isinstance(noeud, nodes.With):
            interne = dict(portee)
            for cible, valeur in zip(noeud.targets, noeud.values, strict=False):
                self._affecter(cible, self.expression(valeur, portee), interne)
            for enfant in noeud.body:
                self.instruction(enfant, interne)
        else:
            self._enfants(noeud, portee)

    def _pour(self, noeud: nodes.For, portee: dict[str, Any]) -> None:
        type_iter = self.expression(noeud.iter, portee)
        interne = {**portee, "loop": INCONNU}
        self._affecter(noeud.target, element(type_iter), interne)
        if noeud.test is not None:
            self.expression(noeud.test, interne)
        for enfant in noeud.body:
            self.instruction(enfant, interne)
        for enfant in noeud.else_:
            self.instruction(enfant, portee)

    def _affecter(self, cible: nodes.Node, type_: Any, portee: dict[str, Any]) -> None:
        if isinstance(cible, nodes.Name):
            portee[cible.name] = type_
        else:
            for nom in cible.find_all(nodes.Name):
                portee[nom.name] = INCONNU

    def _enfants(self, noeud: nodes.Node, portee: dict[str, Any]) -> None:
        for enfant in noeud.iter_child_nodes():
            if isinstance(enfant, nodes.Expr):
                self.expression(enfant, portee)
            else:
                self.instruction(enfant, portee)

    # expressions
    def expression(self, noeud: nodes.Node, portee: dict[str, Any]) -> Any:
        if isinstance(noeud, nodes.Name):
            if noeud.ctx == "load" and noeud.name not in portee:
                fournies = ", ".join(vue.VARIABLES[self.type_])
                self.signaler(noeud, f"variable « {noeud.name} » inconnue{suggestion(noeud.name, portee)} ; "
                                     f"variables fournies à ce modèle : {fournies}")
                portee[noeud.name] = INCONNU
            return portee.get(noeud.name, INCONNU)
        if isinstance(noeud, nodes.Getattr):
            return self._attribut(noeud, self.expression(noeud.node, portee), noeud.attr)
        if isinstance(noeud, nodes.Getitem):
            base = self.expression(noeud.node, portee)
            self.expression(noeud.arg, portee)
            if isinstance(noeud.arg, nodes.Const) and isinstance(noeud.arg.value, str):
                return self._attribut(noeud, base, noeud.arg.value)
            return element(base) if isinstance(noeud.arg, nodes.Const) else INCONNU
        if isinstance(noeud, nodes.Filter | nodes.Test):
            return self._filtre(noeud, portee)
        self._enfants(noeud, portee)
        return INCONNU

    def _attribut(self, noeud: nodes.Node, base: Any, nom: str) -> Any:
        if not (isinstance(base, type) and is_dataclass(base)):
            return INCONNU
        type_ = type_champ(base, nom)
        if type_ is None:
            noms = [f.name for f in fields(base)]
            self.signaler(noeud, f"« {_texte_expression(noeud)} » : « {nom} » n'existe pas dans un objet "
                                 f"{base.__name__} de la vue{suggestion(nom, noms)} (disponibles : {', '.join(noms)})")
            return INCONNU
        return type_

    def _filtre(self, noeud: nodes.Filter | nodes.Test, portee: dict[str, Any]) -> Any:
        base = self.expression(noeud.node, portee) if noeud.node is not None else INCONNU
        for argument in [*noeud.args, *(k.value for k in noeud.kwargs)]:
            self.expression(argument, portee)
        for extra in (noeud.dyn_args, noeud.dyn_kwargs):
            if extra is not None:
                self.expression(extra, portee)
        if isinstance(noeud, nodes.Test):
            return bool
        if noeud.name in ("first", "last", "random"):
            return element(base)
        if noeud.name in ("sort", "reverse", "unique", "list", "selectattr", "rejectattr", "default", "d"):
            return base
        return INCONNU


def _texte_expression(noeud: nodes.Node) -> str:
    if isinstance(noeud, nodes.Name):
        return noeud.name
    if isinstance(noeud, nodes.Getattr):
        return f"{_texte_expression(noeud.node)}.{noeud.attr}"
    if isinstance(noeud, nodes.Getitem) and isinstance(noeud.arg, nodes.Const):
        return f"{_texte_expression(noeud.node)}[{noeud.arg.value!r}]"
    return "…"


def modeles_de(chemins: list[Path]) -> list[Path]:
    """Les modèles à vérifier : les fichiers donnés, et les .docx / .md des dossiers donnés."""
    trouves: list[Path] = []
    for chemin in chemins:
        if chemin.is_dir():
            trouves.extend(sorted(p for p in chemin.iterdir() if p.suffix in (".docx", ".md")
                                  and not p.name.startswith((".", "~$"))))
        elif chemin.exists():
            trouves.append(chemin)
        else:
            raise CteErreur(f"chemin introuvable : {chemin}")
    return trouves
