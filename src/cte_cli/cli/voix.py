"""`cte voix COMITE [CHEMIN]` : calculer la répartition des voix (R. 5311-38, R. 5311-39), la
montrer et, avec `--ecrire`, l'écrire dans le fichier du comité."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from cte_cli.cli.commun import argument_depot


def voix(
    comite: str = typer.Argument(..., metavar="COMITE", help="Identifiant du comité (clé `id`), ex. cde-21-cote-d-or."),
    chemin: Path | None = argument_depot(),
    ecrire: bool = typer.Option(
        False, "--ecrire", help="Écrire les voix dans le fichier du comité (commentaires et mise en page gardés)."
    ),
    total_etat: int | None = typer.Option(
        None, "--total-etat", min=1, metavar="N",
        help="Imposer le total des voix de l'État (pair pour un CRE ou un CDE).",
    ),
    minimum: bool = typer.Option(
        False, "--minimum", help="Recalculer avec les plus petits totaux même si le fichier en fixe d'autres."
    ),
    detail: bool = typer.Option(False, "--detail", help="Montrer le tableau des moyennes (plus forte moyenne)."),
    date_: str | None = typer.Option(
        None, "--date", metavar="AAAA-MM-JJ", help="Paramètres d'audience en vigueur à cette date (défaut : aujourd'hui)."
    ),
) -> None:
    """Calculer les voix du comité selon R. 5311-38 (CRE, CDE) ou R. 5311-39 (CLE).

    Sans --total-etat, reprend le total de l'État du fichier s'il permet une répartition
    conforme, sinon prend les plus petits totaux qui donnent au moins une voix à chaque membre
    votant et à chaque organisation. Le tableau dit, pour chaque membre, la règle appliquée et
    le jeu de paramètres d'audience utilisé.
    """
    from cte_cli.cli.commun import console, date_option
    from cte_cli.droit.voix import proposer

    doc, modele, documents = trouver_comite(chemin or Path("."), comite)
    from cte_cli.referentiel.parametres import parametres_en_vigueur

    parametres = parametres_en_vigueur(documents, date_option(date_, "--date"))
    proposition = proposer(modele, parametres, total_etat=total_etat, minimum=minimum)
    sortie = console()
    sortie.print(tableau(proposition, doc.fichier))
    sortie.print(resume(proposition))
    if detail:
        for rendu in tableaux_moyennes(proposition):
            sortie.print(rendu)
    changements = proposition.changements()
    if not changements:
        sortie.print("Les voix du fichier sont déjà conformes : aucune modification.")
    elif ecrire:
        from cte_cli.voix_ecriture import ecrire_voix

        modifications = ecrire_voix(doc.fichier, proposition, attendu=doc.texte)
        sortie.print(f"Écrit : {doc.fichier} ({len(modifications)} modification(s))")
        for ligne in modifications:
            sortie.print(f"  {ligne}")
    else:
        sortie.print(f"{len(changements)} modification(s) proposée(s) ; relancez avec --ecrire pour les "
                     f"écrire dans {doc.fichier}.")


def trouver_comite(chemin: Path, identifiant: str):
    """(document, modèle, documents valides) du comité `identifiant` dans le dépôt."""
    from cte_cli.cli.commun import comites_du_depot
    from cte_cli.erreurs import CteErreur
    from cte_cli.suggestions import suggestion

    _, depot, comites = comites_du_depot(chemin)
    trouves = [d for d in comites if str(d.donnees.get("id")) == identifiant]
    if not trouves:
        ids = [str(d.donnees.get("id")) for d in comites]
        raise CteErreur(f"comité « {identifiant} » introuvable dans {chemin}{suggestion(identifiant, ids)}")
    if len(trouves) > 1:
        raise CteErreur(f"identifiant « {identifiant} » en double : {', '.join(d.fichier for d in trouves)}")
    doc = trouves[0]
    if doc.modele is None:
        raise CteErreur(f"le fichier a des erreurs de structure : corrigez-les d'abord (cte validate {doc.fichier})",
                        fichier=doc.fichier)
    return doc, doc.modele, depot.valides()


def tableau(proposition, fichier: str):
    """Le tableau rich : collège, membre (qualité, organisation), voix du fichier et calculées, règle."""
    from rich.table import Table
    from rich.text import Text

    an = proposition.analyse
    table = Table(title=f"Voix — {an.comite.nom} ({an.comite.id})", caption=f"{fichier}", title_justify="left")
    colonnes: tuple[tuple[str, dict[str, Any]], ...] = (
        ("n°", {"justify": "right"}), ("Collège", {}), ("Membre (qualité, organisation)", {}),
        ("Fichier", {"justify": "right"}), ("Calcul", {"justify": "right"}), ("Règle appliquée", {}))
    for titre, options in colonnes:
        table.add_column(titre, **options)
    for ligne in proposition.lignes:
        s = ligne.siege
        membre = s.qualite + (f" — {s.organisation}" if s.organisation and s.organisation not in s.qualite else "")
        valeur = "—" if ligne.proposees is None else str(ligne.proposees)
        calcul: str | Text = Text(valeur, style="bold yellow") if ligne.change else valeur
        table.add_row(str(s.numero), s.college, membre, "—" if s.voix is None else str(s.voix), calcul,
                      ligne.regle, style=None if s.votant else "dim")
    return table


def resume(proposition) -> str:
    """Les totaux, les égalités vérifiées, le jeu de paramètres et les notes."""
    an, t = proposition.analyse, proposition.totaux
    voix = {ligne.siege.indice: ligne.proposees or 0 for ligne in proposition.lignes}
    par_college: dict[str, int] = {}
    for s in an.du_groupe("collectivites"):
        par_college[s.college] = par_college.get(s.college, 0) + voix[s.indice]
    detail = " + ".join(f"{LIBELLES[c]} {v}" for c, v in par_college.items())
    lignes = [f"État {t['etat']} = collectivités {t['collectivites']} ({detail})"
              + ("" if an.regime.local else f" = syndicats {t['syndicats']} + employeurs {t['employeurs']}")]
    if an.regime.dominants:
        part = sum(voix[s.indice] for s in an.du_groupe("collectivites") if s.dominant)
        libelle = an.libelle_dominants
        lignes.append(f"{libelle[0].upper()}{libelle[1:]} : {part} voix sur {t['collectivites']} "
                      f"(au moins la moitié, {an.regime.article_dominants})")
    p = an.parametres
    lignes.append(f"Paramètres d'audience : {p.libelle()}, valable du {p.valable_du:%d/%m/%Y}, vérifié le "
                  f"{p.verifie_le:%d/%m/%Y}")
    lignes.append(f"  source : {p.source}")
    lignes.extend(f"Note : {n}" for n in proposition.notes)
    for groupe in ("syndicats", "employeurs"):
        absentes = an.absentes(groupe) if not an.regime.local else []
        if absentes:
            lignes.append(f"Sans représentant au comité (voix non attribuées) : {', '.join(absentes)}")
    return "\n".join(lignes)


def tableaux_moyennes(proposition) -> list:
    """Pour chaque collège réparti à la plus forte moyenne : poids, quotients poids / n, voix."""
    from rich.table import Table
    from rich.text import Text

    rendus: list[Any] = []
    for groupe, rep in proposition.repartitions.items():
        if not rep.poids:
            continue
        colonnes = max(rep.attribution.values(), default=0) + 1
        titre = ("Syndicats de salariés (R. 5311-38 3°)" if groupe == "syndicats"
                 else "Organisations d'employeurs (R. 5311-38 4° : 30 % entreprises, 70 % salariés)")
        table = Table(title=f"{titre} : {rep.total} voix à la plus forte moyenne", title_justify="left")
        table.add_column("Organisation")
        table.add_column("Poids", justify="right")
        for n in range(1, colonnes + 1):
            table.add_column(f"÷ {n}", justify="right")
        table.add_column("Voix", justify="right")
        echelle = 100 / sum(rep.poids.values())
        for org in sorted(rep.poids, key=lambda o: -rep.poids[o]):
            quotients = []
            for n, q in enumerate(rep.quotients(org, colonnes), 1):
                texte = _decimal(q * echelle)
                quotients.append(Text(f"{texte}*", style="bold") if n <= rep.attribution[org] else texte)
            table.add_row(org, f"{_decimal(rep.poids[org] * echelle)} %", *quotients, str(rep.attribution[org]))
        rendus.append(table)
    if rendus:
        rendus.append("* moyennes retenues ; poids ramenés à 100 entre les organisations présentes")
    return rendus


def _decimal(valeur) -> str:
    """30,88 : deux décimales, virgule française."""
    return f"{float(valeur):.2f}".replace(".", ",")


#: noms des collèges de collectivités dans les totaux
LIBELLES = {"region": "région", "departement": "département", "communes": "communes", "epci": "EPCI"}


def enregistrer(app: typer.Typer) -> None:
    app.command("voix")(voix)
