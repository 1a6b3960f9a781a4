"""Suppressions nœud par nœud : `# cte: ignorer[regle] raison` (docs/configuration.md).

Un commentaire YAML, raison obligatoire, sur la ligne du nœud ou juste au-dessus :

```yaml
# cte: ignorer[pleniere-annuelle] séance tenue le 12 juin, procès-verbal en attente
installation: 2024-11-20
```

Il porte sur le nœud qui commence à cette ligne et sur tout ce qu'il contient (un membre, une
liste, ou tout le document s'il précède la première clé). Plusieurs règles : `ignorer[a, b]`.
Les constats visés ne disparaissent pas : ils restent dans tous les rapports, marqués
« ignoré » avec la raison (texte, JSON, SARIF `suppressions`, GitHub, GitLab, JUnit), et ne
comptent plus dans le code de sortie. Une erreur de lecture ou de format (YAML invalide, clé
inconnue…) ne s'ignore pas : le fichier n'a pas pu être vérifié.

Un commentaire mal formé, sans raison, ou qui vise une règle inconnue est signalé
(`suppression-invalide`) ; un commentaire qui ne sert plus l'est aussi (`suppression-inutile`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cte_cli.constats import Cible, Constat, Gravite, Regle

#: « # cte: … » : un commentaire adressé à cte
_COMMENTAIRE = re.compile(r"(?:^|[ \t])#[ \t]*cte[ \t]*:(?P<reste>.*)$")
_PRESENCE = re.compile(r"#[ \t]*cte[ \t]*:")
_IGNORER = re.compile(r"^[ \t]*ignorer[ \t]*\[(?P<regles>[^\]]*)\][ \t]*(?P<raison>.*?)[ \t]*$")

#: règles de ces commentaires (famille « structure », inscrites au registre par `rules.controles`)
SUPPRESSION_INVALIDE = Regle(
    id="suppression-invalide", gravite=Gravite.AVERTISSEMENT, article="format cte (docs/configuration.md)",
    famille="structure",
    titre="Un commentaire « # cte: ignorer[regle] raison » nomme une règle connue et donne sa raison",
    exemple="type: comite\nid: cle-21-beaune  # cte: ignorer[plafond-sieges]",
)
SUPPRESSION_INUTILE = Regle(
    id="suppression-inutile", gravite=Gravite.INFO, article="format cte (docs/configuration.md)",
    famille="structure",
    titre="Un commentaire « # cte: ignorer[…] » vise un constat qui existe encore",
    exemple="type: comite  # cte: ignorer[quorum] plus de séance sans quorum",
)


@dataclass
class Suppression:
    """Un commentaire de suppression et la portée qu'il couvre (lignes, 1-based)."""

    fichier: str
    ligne: int
    regles: tuple[str, ...]
    raison: str
    debut: int
    fin: int
    utilisee: bool = False


@dataclass(frozen=True)
class Ignore:
    """Ce qu'on attache à un constat ignoré : la raison et où elle est écrite."""

    raison: str
    fichier: str
    ligne: int
    #: « commentaire » (dans le fichier) ; SARIF : inSource
    source: str = "commentaire"


@dataclass
class Lecture:
    suppressions: list[Suppression] = field(default_factory=list)
    #: (ligne, colonne, message) des commentaires `cte:` fautifs
    fautes: list[tuple[int, int, str]] = field(default_factory=list)


def _hors_guillemets(ligne: str, position: int) -> bool:
    """Le « # » en `position` est-il hors d'un texte entre guillemets ?"""
    simple = double = False
    for c in ligne[:position]:
        if c == "'" and not double:
            simple = not simple
        elif c == '"' and not simple:
            double = not double
    return not simple and not double


def lire(texte: str) -> Lecture:
    """Les commentaires `# cte: …` d'un texte YAML, avec leur portée."""
    lecture = Lecture()
    if _PRESENCE.search(texte) is None:  # cas ordinaire : une recherche en C, rien de plus
        return lecture
    lignes = texte.splitlines()
    portees = None
    for numero, ligne in enumerate(lignes, 1):
        m = _COMMENTAIRE.search(ligne)
        if not m or not _hors_guillemets(ligne, m.start()):
            continue
        colonne = ligne.index("#", m.start()) + 1
        reste = m.group("reste")
        ordre = _IGNORER.match(reste)
        if not ordre:
            lecture.fautes.append((numero, colonne, f"commentaire « cte:{reste} » incompris : la forme est "
                                   "« # cte: ignorer[identifiant-de-regle] raison »"))
            continue
        regles = tuple(r.strip() for r in ordre.group("regles").split(",") if r.strip())
        raison = ordre.group("raison")
        if not regles:
            lecture.fautes.append((numero, colonne, "« # cte: ignorer[] » : indiquez la règle entre les crochets"))
            continue
        if not raison:
            lecture.fautes.append((numero, colonne, f"« # cte: ignorer[{', '.join(regles)}] » sans raison : "
                                   "écrivez après le crochet pourquoi le constat est ignoré (la raison est "
                                   "obligatoire ; elle apparaît dans les rapports)"))
            continue
        seule = not ligne[: m.start()].strip()
        cible = _ligne_suivante(lignes, numero) if seule else numero
        if portees is None:
            portees = _portees(texte)
        debut, fin = portees.get(cible, (cible, cible))
        lecture.suppressions.append(Suppression("", numero, regles, raison, debut, fin))
    return lecture


def _ligne_suivante(lignes: list[str], numero: int) -> int:
    for suivant in range(numero + 1, len(lignes) + 1):
        contenu = lignes[suivant - 1].strip()
        if contenu and not contenu.startswith("#"):
            return suivant
    return numero


def _portees(texte: str) -> dict[int, tuple[int, int]]:
    """{ligne: (début, fin)} du nœud le plus englobant qui commence à chaque ligne : paire
    clé-valeur, élément de liste ou document entier."""
    import yaml

    try:
        racine = yaml.compose(texte, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    portees: dict[int, tuple[int, int]] = {}

    lignes = texte.splitlines()

    def fin_de(noeud: Any) -> int:
        """Dernière ligne (1-based) du nœud : pour une collection en bloc, la marque de fin
        désigne le début du jeton suivant (« - » de l'élément suivant, clé suivante)."""
        marque = noeud.end_mark
        avant = lignes[marque.line][: marque.column] if marque.line < len(lignes) else ""
        if marque.line > noeud.start_mark.line and not avant.strip():
            return marque.line
        return marque.line + 1

    def noter(debut: int, fin: int) -> None:
        if debut not in portees:  # le premier noté (le plus englobant) l'emporte
            portees[debut] = (debut, max(debut, fin))

    pile = [racine] if racine is not None else []
    if racine is not None:
        noter(racine.start_mark.line + 1, fin_de(racine))
    while pile:
        noeud = pile.pop(0)
        if isinstance(noeud, yaml.MappingNode):
            for k, v in noeud.value:
                noter(k.start_mark.line + 1, fin_de(v))
                pile.append(v)
        elif isinstance(noeud, yaml.SequenceNode):
            for v in noeud.value:
                noter(v.start_mark.line + 1, fin_de(v))
                pile.append(v)
    return portees


def ignorable(regle: Any) -> bool:
    """Une règle de lecture ou de format, de gravité erreur, ne s'ignore pas."""
    return not (regle.bloquante or (regle.famille == "structure" and regle.gravite is Gravite.ERREUR))


def appliquer(constats: list[Constat], documents: list[Any]) -> list[Constat]:
    """Marque les constats visés par un commentaire de suppression (`Constat.ignore`) ; renvoie
    les constats sur les commentaires eux-mêmes (fautifs, règle inconnue, inutiles)."""
    from cte_cli import catalogue
    from cte_cli.suggestions import suggestion

    regles = catalogue.regles()
    nouveaux: list[Constat] = []
    par_fichier: dict[str, list[Suppression]] = {}
    for doc in documents:
        lecture = lire(doc.texte)
        for ligne, colonne, message in lecture.fautes:
            nouveaux.append(SUPPRESSION_INVALIDE.constat(doc.fichier, message, ligne=ligne, colonne=colonne))
        for s in lecture.suppressions:
            s.fichier = doc.fichier
            valides = []
            for nom in s.regles:
                identifiant = catalogue.resoudre(nom)
                if identifiant is None:
                    nouveaux.append(SUPPRESSION_INVALIDE.constat(
                        doc.fichier, f"règle « {nom} » inconnue dans « # cte: ignorer[…] »"
                        + (suggestion(nom, [*regles, *catalogue.alias()]) or " (voir « cte regles »)"),
                        ligne=s.ligne, colonne=1))
                elif not ignorable(regles[identifiant]):
                    nouveaux.append(SUPPRESSION_INVALIDE.constat(
                        doc.fichier, f"la règle « {identifiant} » (lecture et format du fichier) ne peut pas "
                        "être ignorée : corrigez le fichier", ligne=s.ligne, colonne=1))
                else:
                    valides.append(identifiant)
            if valides:
                s.regles = tuple(valides)
                par_fichier.setdefault(doc.fichier, []).append(s)
    if not par_fichier:
        return nouveaux
    for c in constats:
        for s in par_fichier.get(c.fichier, ()):
            if c.regle in s.regles and s.debut <= c.ligne <= s.fin and c.ignore is None:
                c.ignore = Ignore(s.raison, s.fichier, s.ligne)
                s.utilisee = True
    for liste in par_fichier.values():
        for s in liste:
            if not s.utilisee:
                lignes = f"la ligne {s.debut}" if s.debut == s.fin else f"les lignes {s.debut} à {s.fin}"
                nouveaux.append(SUPPRESSION_INUTILE.constat(
                    s.fichier, f"« # cte: ignorer[{', '.join(s.regles)}] » : aucun constat de cette règle "
                    f"sur {lignes} ; retirez le commentaire", ligne=s.ligne, colonne=1))
    return nouveaux


_ = Cible  # (les constats des commentaires sont situés par ligne, pas par chemin)
