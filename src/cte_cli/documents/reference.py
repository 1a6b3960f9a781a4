"""Référence de la vue pour docs/documents.md, produite à partir des classes de `documents.vue`.

    python -m cte_cli.documents.reference     # imprime la section à coller dans docs/documents.md

Un test vérifie que docs/documents.md contient exactement ce texte.
"""

from __future__ import annotations

import typing
from dataclasses import fields, is_dataclass
from typing import Any

from cte_cli.documents import vue
from cte_cli.documents.verification import type_champ

DEBUT = "<!-- vue : début (généré par python -m cte_cli.documents.reference) -->"
FIN = "<!-- vue : fin -->"

_NOMS = {str: "texte", int: "nombre", bool: "booléen"}


def _nom_type(type_: Any) -> str:
    if typing.get_origin(type_) is list:
        return f"liste de {_nom_type(typing.get_args(type_)[0])}"
    if isinstance(type_, type) and is_dataclass(type_):
        return f"[{type_.__name__}](#{type_.__name__.lower()})"
    return _NOMS.get(type_, "valeur")


def _classes() -> list[type]:
    """Les classes de la vue, dans l'ordre où on les rencontre depuis les variables."""
    vues: list[type] = []
    a_voir = [c for variables in vue.VARIABLES.values() for c in variables.values()]
    while a_voir:
        classe = a_voir.pop(0)
        if classe in vues:
            continue
        vues.append(classe)
        for champ in fields(classe):
            type_ = type_champ(classe, champ.name)
            while typing.get_origin(type_) is list:
                type_ = typing.get_args(type_)[0]
            if isinstance(type_, type) and is_dataclass(type_) and type_ not in vues:
                a_voir.append(type_)
    return vues


def reference() -> str:
    lignes = [DEBUT, "", "### Variables de chaque modèle", "", "| modèle | variables |", "|---|---|"]
    for nom, variables in vue.VARIABLES.items():
        liste = ", ".join(f"`{v}` ({_nom_type(c)})" for v, c in variables.items())
        lignes.append(f"| `{nom}.docx`, `{nom}.md` | {liste} |")
    for classe in _classes():
        lignes += ["", f"### {classe.__name__}", "", (classe.__doc__ or "").strip().replace("\n", " "), "",
                   "| champ | type | peut manquer | contenu |", "|---|---|---|---|"]
        annotations = typing.get_type_hints(classe, vars(vue))
        for champ in fields(classe):
            manque = "oui" if annotations[champ.name] is Any else ""
            type_ = _nom_type(type_champ(classe, champ.name))
            lignes.append(f"| `{champ.name}` | {type_} | {manque} | {champ.metadata.get('doc', '')} |")
    lignes += ["", FIN]
    return "\n".join(lignes)


if __name__ == "__main__":
    print(reference())
