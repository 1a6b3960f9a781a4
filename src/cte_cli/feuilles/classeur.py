"""Le classeur de suivi des feuilles de route : fiches action (retards surlignés), indicateurs,
synthèse ascendante avec histogramme des statuts, source."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cte_cli.cartographie.donnees import NIVEAUX
from cte_cli.cartographie.tableur import (
    FORMAT_POURCENT,
    Colonne,
    Tableau,
    ecrire_tableau,
    en_octets,
    feuille_source,
    graphique_barres,
    nouveau_classeur,
)
from cte_cli.feuilles.synthese import Suivi


def _niveau(code: str) -> str:
    return NIVEAUX.get(code, code)


def tableau_fiches(suivi: Suivi) -> Tableau:
    colonnes = [
        Colonne("Niveau", 12), Colonne("Département(s)", 10), Colonne("Comité", 16), Colonne("Nom du comité", 28),
        Colonne("Période", 22), Colonne("Axe", 10), Colonne("Titre de l'axe", 28), Colonne("Fiche", 8),
        Colonne("Titre de la fiche", 40), Colonne("Statut", 12), Colonne("Pilote", 24), Colonne("Échéance", 11),
        Colonne("En retard", 9), Colonne("Indicateurs", 9), Colonne("Avancement", 11, FORMAT_POURCENT),
    ]
    lignes, retards = [], set()
    for k, f in enumerate(suivi.fiches):
        lignes.append([
            _niveau(f.comite.niveau), ", ".join(f.comite.departements), f.comite.id, f.comite.nom, f.periode,
            f.axe_id, f.axe_titre, f.id, f.titre, f.statut_libelle, f.pilote, f.echeance, f.en_retard,
            len(f.indicateurs), f.avancement,
        ])
        if f.en_retard:
            retards.add(k)
    return Tableau("Fiches action", colonnes, lignes, surlignees=retards)


def tableau_indicateurs(suivi: Suivi) -> Tableau:
    colonnes = [
        Colonne("Niveau", 12), Colonne("Comité", 16), Colonne("Axe", 10), Colonne("Fiche", 8),
        Colonne("Indicateur", 40), Colonne("Unité", 10), Colonne("Valeur initiale", 10), Colonne("Cible", 9),
        Colonne("Valeur actuelle", 10), Colonne("Avancement", 11, FORMAT_POURCENT), Colonne("Remarque", 24),
        Colonne("Source", 16),
    ]
    lignes: list[list[Any]] = []
    for f in suivi.fiches:
        for i in f.indicateurs:
            lignes.append([_niveau(f.comite.niveau), f.comite.id, f.axe_id, f.id, i.nom, i.unite, i.initiale,
                           i.cible, i.actuelle, i.avancement, i.motif, i.source])
    for comite, axe_id, _titre, i in suivi.axes_indicateurs:
        lignes.append([_niveau(comite.niveau), comite.id, axe_id, "(axe)", i.nom, i.unite, i.initiale,
                       i.cible, i.actuelle, i.avancement, i.motif, i.source])
    return Tableau("Indicateurs", colonnes, lignes)


def tableau_synthese(suivi: Suivi) -> Tableau:
    colonnes = [
        Colonne("Consolidation", 40), Colonne("Niveau", 12), Colonne("Région", 8), Colonne("Département", 10),
        Colonne("Fiches", 7), Colonne("À lancer", 8), Colonne("En cours", 8), Colonne("Réalisées", 9),
        Colonne("Abandonnées", 10), Colonne("Statut non renseigné", 10), Colonne("En retard", 9),
        Colonne("Avancement moyen", 11, FORMAT_POURCENT),
    ]
    lignes = [
        [c.libelle, ("ensemble " if c.est_ensemble else "") + _niveau(c.niveau), c.region, c.departement,
         len(c.fiches), c.compte("a_lancer"), c.compte("en_cours"), c.compte("realisee"), c.compte("abandonnee"),
         c.compte(None), c.en_retard, c.avancement]
        for c in suivi.consolidations
    ]
    retards = {k for k, c in enumerate(suivi.consolidations) if c.en_retard}
    return Tableau("Synthèse", colonnes, lignes, surlignees=retards)


def ecrire_classeur(suivi: Suivi, genere_le: datetime, version: str) -> bytes:
    from cte_cli.cartographie.impression import mettre_en_page, sous_totaux

    titre = "Suivi des feuilles de route des comités territoriaux pour l'emploi"
    classeur = nouveau_classeur(genere_le)
    synthese = ecrire_tableau(classeur, tableau_synthese(suivi))
    sous_totaux(synthese, [k for k, c in enumerate(suivi.consolidations) if c.est_ensemble])
    mettre_en_page(synthese, titre)
    if suivi.consolidations:
        n = len(suivi.consolidations)
        graphique_barres(synthese, "Fiches action par statut", "fiches", 1, [6, 7, 8, 9, 10], n,
                         f"A{n + 4}", empile=True)
    mettre_en_page(ecrire_tableau(classeur, tableau_fiches(suivi)), titre)
    mettre_en_page(ecrire_tableau(classeur, tableau_indicateurs(suivi)), titre)
    ignores = "; ".join(f for f, _ in suivi.ignores) or "aucun"
    source = feuille_source(classeur, "Source", [
        ("Document", "Suivi des feuilles de route des comités territoriaux pour l'emploi"),
        ("Périmètre", suivi.perimetre),
        ("Généré par", f"cte {version}"),
        ("Généré le", genere_le.strftime("%d/%m/%Y à %H:%M")),
        ("Date de suivi", suivi.date_suivi),
        ("Dépôt lu", ", ".join(suivi.chemins)),
        ("Fichiers YAML lus", suivi.fichiers_lus),
        ("Fichiers écartés (erreurs de structure, voir cte validate)", ignores),
        ("Feuilles retenues", "pour chaque comité, celles dont la période contient la date de suivi, "
                              "à défaut la plus récente"),
        ("Avancement", "(valeur actuelle − valeur initiale) / (cible − valeur initiale) ; moyenne des "
                       "indicateurs pour une fiche, des fiches pour un ensemble"),
        ("En retard", "échéance antérieure à la date de suivi, statut ni réalisée ni abandonnée"),
        ("Consolidation", "ascendante : comités locaux, puis départemental, puis régional "
                          "(instruction DGEFP/DAT/2024/92)"),
    ])
    mettre_en_page(source, titre, premiere_colonne=False)
    return en_octets(classeur)
