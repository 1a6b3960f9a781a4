"""Rapport texte pour le terminal : constats groupés par fichier, puis une ligne de résumé."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text

from cte_cli.constats import Gravite, lisible

if TYPE_CHECKING:
    from cte_cli.moteur import Resultat

STYLES = {Gravite.ERREUR: "bold red", Gravite.AVERTISSEMENT: "yellow", Gravite.INFO: "cyan"}


def rendu(resultat: Resultat, territoires: str = "departements") -> Group:
    """Les constats, fichier par fichier, la synthèse des territoires (`territoires` :
    « departements », « comites » ou « aucun », voir `synthese_territoires`) et le résumé ;
    aucun affichage ici (le CLI imprime)."""
    blocs: list = []
    for fichier, constats in groupby(resultat.constats, key=lambda c: c.fichier):
        blocs.append(Text(lisible(fichier), style="bold underline"))
        for c in constats:
            ligne = Text("  ")
            ligne.append(f"{c.ligne}:{c.colonne}".ljust(8), style="dim")
            ligne.append(str(c.gravite).ljust(14), style=STYLES[c.gravite])
            ligne.append(lisible(c.message))
            ligne.append(f"  [{c.regle}, {c.article}]", style="dim")
            blocs.append(ligne)
        blocs.append(Text(""))
    blocs.extend(synthese_territoires(resultat, territoires))
    blocs.append(resume(resultat))
    return Group(*blocs)


def synthese_territoires(resultat: Resultat, detail: str = "departements") -> list:
    """Couverture des départements par les comités locaux, une ligne par département (comités
    locaux, EPCI, communes et population couverts) ; avec `detail="comites"`, une ligne de plus
    par comité local (EPCI, communes, population de son ressort). Rien sans comité ou si
    `detail="aucun"`. Calcul : `cte_cli.territoire` (référentiel COG 2026)."""
    comites = [d.modele for d in resultat.documents if d.type == "comite" and d.modele is not None]
    if detail == "aucun" or not comites:
        return []
    from rich.table import Table

    from cte_cli.referentiel import geographie
    from cte_cli.territoire import couvertures, territoire_comite

    geo = geographie()
    lignes = couvertures(comites, geo, calcul=_couvertures_calculees(resultat))
    if not lignes:
        return []
    locaux = {c.id: c for c in comites if c.niveau == "local"}
    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    for titre, droite in (("Département", False), ("CLE", True), ("EPCI", True), ("Communes", True),
                          ("Population couverte", True)):
        table.add_column(titre, justify="right" if droite else "left", no_wrap=True)
    for c in lignes:
        style = None if c.complete else "yellow"
        table.add_row(
            f"{c.departement} {geo.departements[c.departement].nom}", str(len(c.comites)),
            f"{c.epci - c.epci_non_couverts}/{c.epci}", f"{c.communes_couvertes}/{c.communes}",
            f"{_pourcent(c.taux_population)} de {_nombre(c.population)} hab.", style=style,
        )
        for id_ in c.comites if detail == "comites" else ():
            t = territoire_comite(locaux[id_], geo)
            table.add_row(f"  {id_}", "", str(len(t.epci)), str(t.nombre_communes), f"{_nombre(t.population)} hab.",
                          style="dim")
    titre = Text("Territoires : couverture des départements par les comités locaux "
                 f"(COG {geo.source.get('millesime', '').removeprefix('COG ')}, population municipale)",
                 style="bold")
    return [titre, table, Text("")]


def _couvertures_calculees(resultat: Resultat):
    """Les couvertures calculées par les règles pendant la validation (ou None)."""
    if resultat.contexte is None:
        return None
    from cte_cli.rules.couverture import couvertures_du_contexte

    return couvertures_du_contexte(resultat.contexte)


def _nombre(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _pourcent(taux: float) -> str:
    texte = f"{100 * taux:.1f}".replace(".", ",").removesuffix(",0")
    return f"{texte} %"


def _pluriel(n: int, mot: str) -> str:
    return f"{n} {mot}{'s' if n > 1 else ''}"


def resume(resultat: Resultat) -> Text:
    r = resultat.resume
    style = "bold red" if r.erreurs else ("yellow" if r.avertissements else "bold green")
    texte = Text()
    texte.append(
        f"{_pluriel(r.erreurs, 'erreur')}, {_pluriel(r.avertissements, 'avertissement')}, "
        f"{_pluriel(r.infos, 'info')}",
        style=style,
    )
    texte.append(
        f" — {_pluriel(r.fichiers, 'fichier')} vérifié{'s' if r.fichiers > 1 else ''} "
        f"au {resultat.date_controle:%d/%m/%Y}"
    )
    return texte
