"""Rapport d'import d'un plan d'actions : à l'écran (rich) et en CSV cellule par cellule."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from cte_cli.cartographie.tableur import neutraliser
from cte_cli.feuilles.importer import RapportImport, chemin_texte

ETATS = {"repris": "reprise", "structure": "structure", "non_repris": "non reprise"}


def _court(texte: str, n: int = 70) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= n else texte[: n - 1] + "…"


def afficher_rapport(console, rapport: RapportImport, donnees: dict[str, Any]) -> None:
    """Résumé, cellules non reprises (feuille, cellule, valeur, raison), valeurs à compléter."""
    from rich.table import Table

    fiches = sum(len(a["fiches_action"]) for a in donnees["axes"])
    comptes = Counter(e.etat for e in rapport.entrees)
    console.print(
        f"{rapport.source} : {len(donnees['axes'])} axes, {fiches} fiches action ; "
        f"{comptes['repris']} cellules reprises, {comptes['structure']} de structure, "
        f"{comptes['non_repris']} non reprises.", highlight=False,
    )
    if rapport.non_repris:
        table = Table(title="Cellules non reprises", title_justify="left")
        for titre in ("Feuille", "Cellule", "Valeur", "Raison"):
            table.add_column(titre)
        for e in rapport.non_repris:
            table.add_row(e.cellule.feuille, e.cellule.ref, _court(e.cellule.texte), e.note)
        console.print(table)
    for nom, n in rapport.autres_feuilles:
        console.print(f"Feuille « {nom} » non lue ({n} cellules non vides) : --feuille \"{nom}\" pour l'importer.",
                      highlight=False)
    if rapport.a_completer:
        par_cle = Counter(str(chemin[-1]) for chemin, _ in rapport.a_completer)
        detail = ", ".join(f"{cle} ({n})" for cle, n in sorted(par_cle.items()))
        console.print(
            f"{len(rapport.a_completer)} valeurs « À COMPLÉTER » (absentes de la source, rien n'est "
            f"inventé) : {detail}.", highlight=False,
        )
    for remarque in rapport.remarques:
        console.print(f"Remarque : {remarque}", highlight=False)


def rapport_csv(rapport: RapportImport) -> str:
    """Toutes les cellules non vides : feuille, cellule, état, destination YAML, note, valeur."""
    flux = io.StringIO(newline="")
    ecrivain = csv.writer(flux, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(["feuille", "cellule", "etat", "destination", "note", "valeur"])
    for e in rapport.entrees:
        ecrivain.writerow([neutraliser(x) for x in (
            e.cellule.feuille, e.cellule.ref, ETATS[e.etat], " ; ".join(chemin_texte(c) for c in e.chemins),
            e.note, e.cellule.texte,
        )])
    for chemin, raison in rapport.a_completer:
        ecrivain.writerow(["", "", "à compléter", chemin_texte(chemin), neutraliser(raison), ""])
    return "\ufeff" + flux.getvalue()
