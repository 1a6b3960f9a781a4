"""Aides des tests de sécurité : lancer `cte` dans le processus, copier le dépôt d'exemple,
recenser et rechercher les données personnelles (noms, courriels) du dépôt d'exemple.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[2]
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
DATE = "2026-11-22"
CORPUS = Path(__file__).resolve().parent / "corpus"

#: codes de sortie permis (FORMAT §2)
CODES_PERMIS = {0, 1, 2}


@dataclass
class Sortie:
    """Ce qu'une commande `cte` lancée dans le processus a produit."""

    code: int
    stdout: str
    stderr: str

    @property
    def texte(self) -> str:
        return self.stdout + self.stderr


def executer(*args: str, env: dict[str, str] | None = None) -> Sortie:
    """`cte ARGS...` dans le processus (rapide, pour les tests de propriétés).

    Le code de sortie est celui que `main()` passe à `sys.exit` ; stdout et stderr sont
    capturés. Une exception qui traverserait `main()` fait échouer le test (c'est le but).
    """
    from cte_cli.cli import main

    sauvegarde = {k: os.environ.get(k) for k in (env or {})}
    os.environ.update(env or {})
    sortie, erreur = io.StringIO(), io.StringIO()
    code: object = None
    try:
        with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreur):
            try:
                main(list(args))
            except SystemExit as fin:
                code = fin.code
    finally:
        for cle, valeur in sauvegarde.items():
            if valeur is None:
                os.environ.pop(cle, None)
            else:
                os.environ[cle] = valeur
    return Sortie(code if isinstance(code, int) else (0 if code is None else 2), sortie.getvalue(), erreur.getvalue())


def copier_exemple(cible: Path) -> Path:
    """Copie le dépôt d'exemple dans `cible` (qui ne doit pas exister) et la renvoie."""
    shutil.copytree(EXEMPLE, cible)
    return cible


@cache
def fichiers_exemple() -> tuple[tuple[str, str], ...]:
    """(chemin relatif, texte) de chaque fichier YAML du dépôt d'exemple."""
    return tuple(
        (str(p.relative_to(EXEMPLE)), p.read_text(encoding="utf-8"))
        for p in sorted(EXEMPLE.rglob("*.y*ml"))
    )


@cache
def donnees_personnelles() -> frozenset[str]:
    """Tous les noms de personnes et courriels du dépôt d'exemple (présidents, membres,
    suppléants, invités, présents, mandataires)."""
    trouves: set[str] = set()
    for _, texte in fichiers_exemple():
        trouves.update(_valeurs_personnelles(yaml.safe_load(texte)))
    return frozenset(v for v in trouves if len(v) >= 5)


#: listes du format dont chaque élément est une personne (`nom`, `email`)
LISTES_DE_PERSONNES = ("presidents", "membres", "suppleants", "invites")


def _valeurs_personnelles(donnees: object) -> Iterable[str]:
    """Noms et courriels des personnes : éléments des listes de personnes, membres des
    commissions, présents et mandataires des séances, tout `email`."""
    pile = [donnees]
    while pile:
        valeur = pile.pop()
        if isinstance(valeur, dict):
            for cle, v in valeur.items():
                if cle == "email" and isinstance(v, str):
                    yield v
                elif cle in (*LISTES_DE_PERSONNES, "presents") and isinstance(v, list):
                    yield from (x for x in v if isinstance(x, str))  # commission, séance
                    yield from (x["nom"] for x in v if isinstance(x, dict) and isinstance(x.get("nom"), str))
                elif cle == "representes" and isinstance(v, list):
                    yield from (x[k] for x in v if isinstance(x, dict) for k in ("membre", "mandataire")
                                if isinstance(x.get(k), str))
                if isinstance(v, dict | list):
                    pile.append(v)
        elif isinstance(valeur, list):
            pile.extend(valeur)


_INSTITUTIONNEL = re.compile(
    r"^(Comité|Commission|Préfe|Région|Département|France Travail|Mission locale|Cap emploi|"
    r"CC |CA |CU |Communauté|Métropole|DDETS|DREETS|Conseil|Union|Fédération|Association)"
)


def noms_de_personnes() -> frozenset[str]:
    """Les valeurs personnelles qui sont des personnes (pas des institutions : un comité ou
    une commission a aussi une clé `nom`)."""
    return frozenset(v for v in donnees_personnelles() if not _INSTITUTIONNEL.match(v))


def fuites(texte: str, secrets: Iterable[str] | None = None) -> list[str]:
    """Les noms et courriels du dépôt d'exemple présents dans `texte` (insensible à la casse)."""
    bas = texte.casefold()
    return sorted(s for s in (secrets if secrets is not None else noms_de_personnes()) if s.casefold() in bas)


def constats_bien_situes(resultat, fichiers: Iterable[str]) -> list[str]:
    """Les défauts de situation des constats : fichier inconnu, ligne ou colonne < 1."""
    connus = {os.path.normpath(f) for f in fichiers}
    defauts = []
    for c in resultat.constats:
        if os.path.normpath(c.fichier) not in connus:
            defauts.append(f"fichier inconnu {c.fichier!r} ({c.regle})")
        if not (isinstance(c.ligne, int) and c.ligne >= 1 and isinstance(c.colonne, int) and c.colonne >= 1):
            defauts.append(f"{c.fichier}:{c.ligne}:{c.colonne} position invalide ({c.regle})")
        if not c.message or not isinstance(c.message, str):
            defauts.append(f"{c.fichier} message vide ({c.regle})")
    return defauts
