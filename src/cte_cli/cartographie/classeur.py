"""Le classeur `.xlsx` de la cartographie (usage interne : la feuille Membres contient des noms).

Feuilles : Comités, Membres, Instances remplacées, Synthèse (par département, avec deux
histogrammes), Source. En-têtes français figés, filtres, largeurs ajustées, dates jj/mm/aaaa,
aucune formule (voir :mod:`cte_cli.cartographie.tableur`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cte_cli.cartographie.donnees import Cartographie, FicheComite, LigneSynthese
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
from cte_cli.droit.categories import LIBELLES
from cte_cli.model.types import COLLEGES

AVERTISSEMENT_PERSONNEL = (
    "Ce classeur contient des données personnelles (noms des coprésidents, des membres, des "
    "suppléants et des invités) : usage interne, ne pas publier. Pour une publication, utilisez "
    "cte cartographie --open-data (CSV sans aucune donnée personnelle)."
)


#: libellés des codes du format, pour des colonnes lisibles à l'impression (l'open data garde les codes)
FORMES = {"au_sein_du_crefop": "au sein du CREFOP", "crefop_renomme": "CREFOP renommé comité régional pour l'emploi"}
COLLECTIVITES = {"metropole-de-lyon": "Métropole de Lyon", "ville-de-paris": "Ville de Paris",
                 "alsace": "Collectivité européenne d'Alsace", "corse": "Collectivité de Corse"}
TITRE = "Cartographie des comités territoriaux pour l'emploi"
#: libellés courts des collèges, pour des colonnes de chiffres étroites
LIBELLES_COURTS = {"syndicat_salaries": "Syndicats de salariés", "organisation_employeurs": "Employeurs interpro.",
                   "organisation_employeurs_multipro": "Employeurs multipro.", "communes": "Communes et groupements"}


def titre_college(college: str) -> str:
    """Le libellé d'un collège dans les titres des colonnes de chiffres (« Sièges : … »)."""
    return LIBELLES_COURTS.get(college, _libelle(college))


def _libelle(college: str) -> str:
    libelle = LIBELLES.get(college, college)
    return libelle[:1].upper() + libelle[1:]


def tableau_comites(carto: Cartographie) -> Tableau:
    a = carto.annee
    colonnes = [
        Colonne("Identifiant", 14), Colonne("Niveau", 12), Colonne("Nom", 30),
        Colonne("Région", 8), Colonne("Nom de la région", 16), Colonne("Département(s)", 10),
        Colonne("Nom du ou des départements", 16), Colonne("Collectivité (R. 5311-28)", 12),
        Colonne("Forme (CRE)", 12), Colonne("Coprésidence : État (qualité)", 30),
        Colonne("Coprésidence : collectivités (qualité et collège)", 34),
        Colonne("Coprésidents (noms)", 24), Colonne("Nombre d'EPCI", 8), Colonne("EPCI (noms)", 40),
        Colonne("Nombre de communes", 10), Colonne("Population municipale", 12, "#,##0"),
        Colonne("Arrêté (référence)", 24), Colonne("Arrêté (date)", 11), Colonne("Installation", 11),
        Colonne("Instances supprimées", 10), Colonne("Instances intégrées", 10),
        Colonne("Sièges (total)", 8), Colonne("Voix (total)", 8),
        Colonne("Membres votants sans voix fixées", 10),
        Colonne("Sièges plafonnés", 9), Colonne("Plafond", 8), Colonne("Article du plafond", 12),
        *[Colonne(f"Sièges : {titre_college(c)}", 7) for c in COLLEGES],
        *[Colonne(f"Voix : {titre_college(c)}", 7) for c in COLLEGES],
        Colonne(f"Séances tenues en {a}", 9), Colonne(f"Séances programmées en {a}", 9),
        Colonne("Feuille de route", 12), Colonne("Feuille de route adoptée le", 11),
        Colonne("Fichier", 30),
    ]
    return Tableau("Comités", colonnes, [_ligne_comite(f) for f in carto.comites])


def _ligne_comite(f: FicheComite) -> list[Any]:
    return [
        f.id, f.niveau_libelle, f.nom, f.region, f.region_nom, ", ".join(f.departements),
        ", ".join(f.departements_noms), COLLECTIVITES.get(f.collectivite or "", f.collectivite),
        FORMES.get(f.forme or "", f.forme), f.copresidence_etat,
        f.copresidence_collectivites, f.presidents_noms, len(f.epci),
        " ; ".join(nom for _, nom in f.epci), f.communes, f.population, f.arrete_reference,
        f.arrete_date, f.installation, f.instances_supprimees, f.instances_integrees,
        f.sieges_total, f.voix_total, f.voix_non_fixees, f.sieges_plafonnes, f.plafond,
        f.plafond_article, *[f.sieges[c] for c in COLLEGES], *[f.voix[c] for c in COLLEGES],
        f.seances_tenues, f.seances_programmees, f.feuille_de_route, f.feuille_adoptee_le,
        f.fichier,
    ]


def tableau_membres(carto: Cartographie) -> Tableau:
    colonnes = [
        Colonne("Comité", 14), Colonne("Nom du comité", 30), Colonne("Niveau", 12), Colonne("Rôle", 11),
        Colonne("Collège", 16), Colonne("Catégorie (article)", 16), Colonne("Nom", 20),
        Colonne("Qualité", 30), Colonne("Organisation", 24), Colonne("EPCI représenté", 24),
        Colonne("Département représenté", 8), Colonne("Voix", 6), Colonne("Mandat : début", 11),
        Colonne("Mandat : fin", 11), Colonne("Suppléants", 20),
    ]
    return Tableau("Membres", colonnes, carto.membres)


def tableau_instances(carto: Cartographie) -> Tableau:
    colonnes = [
        Colonne("Comité", 14), Colonne("Nom du comité", 30), Colonne("Niveau", 12),
        Colonne("Département(s)", 10), Colonne("Instance remplacée", 40), Colonne("Type", 8),
        Colonne("Devenir", 10),
    ]
    return Tableau("Instances remplacées", colonnes, carto.instances)


COLONNES_SYNTHESE = [
    Colonne("Région", 8), Colonne("Département", 10), Colonne("Nom", 20),
    Colonne("Comités départementaux", 10), Colonne("Comités locaux", 9),
    Colonne("EPCI du département", 9), Colonne("EPCI couverts par un comité local", 10),
    Colonne("Couverture des EPCI", 10, "0.0%"), Colonne("Population municipale", 12, "#,##0"),
    Colonne("Population couverte", 12, "0.0%"), Colonne("Sièges", 8), Colonne("Séances tenues", 9),
    Colonne("Instances supprimées", 10), Colonne("Instances intégrées", 10),
    Colonne("Feuilles de route adoptées", 10),
]


def _ligne_synthese(s: LigneSynthese) -> list[Any]:
    return [
        s.region, s.departement, s.nom, s.comites_departementaux, s.comites_locaux, s.epci,
        s.epci_couverts, s.taux_epci, s.population, s.taux_population, s.sieges, s.seances,
        s.instances_supprimees, s.instances_integrees, s.feuilles_adoptees,
    ]


def tableau_synthese(carto: Cartographie) -> Tableau:
    lignes = [_ligne_synthese(s) for s in carto.synthese]
    lignes += [_ligne_synthese(t) for t in carto.totaux]
    return Tableau("Synthèse", COLONNES_SYNTHESE, lignes)


def lignes_source(carto: Cartographie, genere_le: datetime, version: str) -> list[tuple[str, Any]]:
    geo = carto.source_geo
    ignores = "; ".join(f"{f} ({', '.join(r) or 'illisible'})" for f, r in carto.ignores) or "aucun"
    return [
        ("Document", "Cartographie des comités territoriaux pour l'emploi (instruction "
                     "DGEFP/DAT/2024/92)"),
        ("Périmètre", carto.perimetre),
        ("Généré par", f"cte {version}"),
        ("Généré le", genere_le.strftime("%d/%m/%Y à %H:%M")),
        ("Date de référence", carto.date_reference),
        ("Année des séances", carto.annee),
        ("Dépôt lu", ", ".join(carto.chemins)),
        ("Fichiers YAML lus", carto.fichiers_lus),
        ("Fichiers écartés (erreurs de structure, voir cte validate)", ignores),
        ("Comités", len(carto.comites)),
        ("Référentiel géographique", f"{geo.get('millesime')} — paquet {geo.get('paquet')} "
                                     f"{geo.get('version')} ({geo.get('licence')}), données du "
                                     f"{geo.get('genere_le')}"),
        ("Source du référentiel", geo.get("url")),
        ("Population", geo.get("population") or "population municipale (INSEE)"),
        ("Territoire", "comité local : communes des EPCI de son ressort (en entier) et communes "
                       "citées ; départemental : le département (Rhône et Métropole de Lyon "
                       "séparés, R. 5311-28) ; régional : la région"),
        ("Couverture", "un EPCI est couvert quand toutes ses communes du département sont dans "
                       "le ressort d'un comité local (R. 5311-30, R. 5311-32 4°)"),
        ("Sièges et voix", "par collège du format (FORMAT §1) ; plafonds de R. 5311-18, -24, "
                           "-29, -33, -35 ; voix fixées par l'arrêté (R. 5311-37 à -39)"),
        ("Données personnelles", AVERTISSEMENT_PERSONNEL),
    ]


def ecrire_classeur(carto: Cartographie, genere_le: datetime, version: str) -> bytes:
    """Le classeur complet, en octets (à écrire par `ecrire_atomique`)."""
    from cte_cli.cartographie.impression import axe_pourcentage, mettre_en_page, sous_totaux

    classeur = nouveau_classeur(genere_le)
    for tableau in (tableau_comites(carto), tableau_membres(carto), tableau_instances(carto)):
        mettre_en_page(ecrire_tableau(classeur, tableau), TITRE)
    synthese = ecrire_tableau(classeur, tableau_synthese(carto))
    n = len(carto.synthese)
    sous_totaux(synthese, range(n, n + len(carto.totaux)))
    mettre_en_page(synthese, TITRE)
    if n:
        ancre = f"A{n + len(carto.totaux) + 4}"
        couverture = graphique_barres(synthese, "Couverture par les comités locaux", "part couverte", 3, [8, 10], n,
                                      ancre, format_y=FORMAT_POURCENT)
        axe_pourcentage(couverture)
        graphique_barres(synthese, "Comités locaux et séances tenues", "nombre", 3, [5, 12], n,
                         f"A{n + len(carto.totaux) + 24}")
    mettre_en_page(feuille_source(classeur, "Source", lignes_source(carto, genere_le, version)), TITRE,
                   premiere_colonne=False)
    return en_octets(classeur)
