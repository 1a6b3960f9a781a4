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
#: libellé d'un constat ignoré par un commentaire `# cte: ignorer[…] raison`
IGNORE = "ignoré"


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
            if c.ignore is not None:
                ligne.append(IGNORE.ljust(14), style="dim")
                ligne.append(lisible(c.message), style="dim")
                ligne.append(f"  [{c.regle} ({c.gravite}), {c.article} ; ignoré ligne {c.ignore.ligne} : "
                             f"{lisible(c.ignore.raison)}]", style="dim")
            else:
                ligne.append(str(c.gravite).ljust(14), style=STYLES[c.gravite])
                ligne.append(lisible(c.message))
                ligne.append(f"  [{c.regle}, {c.article}]", style="dim")
            blocs.append(ligne)
        blocs.append(Text(""))
    blocs.extend(synthese_territoires(resultat, territoires))
    if resultat.non_appliquees:
        blocs.append(non_appliquees(resultat))
    blocs.append(resume(resultat))
    return Group(*blocs)


def non_appliquees(resultat: Resultat) -> Text:
    """« Règles non appliquées : … » (--regles, --sauf, cte.toml) : jamais en silence."""
    par_raison: dict[str, list[str]] = {}
    for regle, raison in resultat.non_appliquees.items():
        par_raison.setdefault(raison, []).append(regle)
    morceaux = []
    for raison, regles in par_raison.items():
        noms = ", ".join(regles) if len(regles) <= 8 else f"{len(regles)} règles"
        morceaux.append(f"{noms} ({raison})")
    return Text(f"Règles non appliquées : {' ; '.join(morceaux)}", style="dim")


def synthese_territoires(resultat: Resultat, detail: str = "departements") -> list:
    """Couverture des départements par les comités locaux, une ligne par département (comités
    locaux, EPCI, communes et population couverts) ; avec `detail="comites"`, une ligne de plus
    par comité local (EPCI, communes, population de son ressort). Rien sans comité ou si
    `detail="aucun"`. Calcul : `cte_cli.territoire` (référentiel COG 2026). Un comité dont le
    fichier a une erreur compte s'il a ce qu'il faut (niveau, ressort) : comme pour les règles
    (`Contexte.calculer`)."""
    if detail == "aucun" or not any(d.type == "comite" for d in resultat.documents):
        return []
    from rich.table import Table

    from cte_cli.referentiel import geographie
    from cte_cli.territoire import territoire_comite

    geo = geographie()

    def calculer() -> list[tuple]:
        comites, lignes = _couvertures(resultat, geo)
        locaux = {c.id: c for c in comites if c.niveau == "local"}
        rangs = []
        for c in lignes:
            details = [(id_, territoire_comite(locaux[id_], geo)) for id_ in c.comites] if detail == "comites" else []
            rangs.append((c, details))
        return rangs

    rangs = resultat.contexte.calculer(calculer)[0] if resultat.contexte is not None else calculer()
    if not rangs:
        return []
    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), show_header=True, header_style="bold")
    for titre, droite in (("Département", False), ("CLE", True), ("EPCI", True), ("Communes", True),
                          ("Population couverte", True)):
        table.add_column(titre, justify="right" if droite else "left", no_wrap=True)
    for c, details in rangs:
        style = None if c.complete else "yellow"
        table.add_row(
            f"{c.departement} {geo.departements[c.departement].nom}", str(len(c.comites)),
            f"{c.epci - c.epci_non_couverts}/{c.epci}", f"{c.communes_couvertes}/{c.communes}",
            f"{_pourcent(c.taux_population)} de {_nombre(c.population)} hab.", style=style,
        )
        for id_, t in details:
            table.add_row(f"  {id_}", "", str(len(t.epci)), str(t.nombre_communes), f"{_nombre(t.population)} hab.",
                          style="dim")
    entete = Text("Territoires : couverture des départements par les comités locaux "
                  f"(COG {geo.source.get('millesime', '').removeprefix('COG ')}, population municipale)",
                  style="bold")
    return [entete, table, Text("")]


def _couvertures(resultat: Resultat, geo) -> tuple[list, list]:
    """(comités, couvertures) : ceux du contexte des règles (documents entiers et partiels non
    masqués), à défaut les comités valides du dépôt."""
    from cte_cli.territoire import couvertures

    ctx = resultat.contexte
    if ctx is None:
        comites = [d.modele for d in resultat.documents if d.type == "comite" and d.modele is not None]
        return comites, couvertures(comites, geo)
    comites = [c for _d, c in ctx.comites()]
    return comites, couvertures(comites, geo, calcul=ctx.couvertures())


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
    if r.ignores:
        texte.append(f", {r.ignores} ignoré{'s' if r.ignores > 1 else ''}", style="dim")
    texte.append(
        f" — {_pluriel(r.fichiers, 'fichier')} vérifié{'s' if r.fichiers > 1 else ''} "
        f"au {resultat.date_controle:%d/%m/%Y}"
    )
    if resultat.racine is not None and not resultat.racine.chemin.is_file():
        from cte_cli.depots import description

        texte.append(f" — {description(resultat.racine)}", style="dim")
        if resultat.racine.imbriques:
            autres = ", ".join(str(d) for d in resultat.racine.imbriques[:5])
            texte.append(f"\nAutres dépôts sous ce dossier, non vérifiés ici : {autres}", style="yellow")
    return texte
