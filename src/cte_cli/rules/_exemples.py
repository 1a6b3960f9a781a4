"""Exemples des règles partagés entre familles : `cte expliquer` les exécute (champ `exemple` de
`@regle`), docs/regles.md les cite. Un exemple propre à une seule règle reste à côté d'elle.
"""

#: un comité local du Beaunois, un seul membre (composition, règlement intérieur, feuilles de route)
EXEMPLE_CLE = """type: comite
id: cle-21-beaune
niveau: local
nom: Comité local pour l'emploi du Beaunois
region: "27"
departements: ["21"]
ressort: {epci: ["242100154"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de Beaune Côte et Sud, college: epci}
membres:
  - {nom: Luc Faure, qualite: Vice-président, college: epci, epci: "242100154"}
"""


#: le même comité local, installé, de 7 membres à voix délibérative, avec son règlement intérieur
#: (séances, délibérations : `exemple_seance`)
EXEMPLE_CLE_SEANCES = """# fichier: cle-21-beaune.yaml
type: comite
id: cle-21-beaune
niveau: local
nom: Comité local pour l'emploi du Beaunois
region: "27"
departements: ["21"]
installation: 2025-01-13
ressort: {epci: ["242100154", "200006682"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: Jean Colin, qualite: Président de Beaune Côte et Sud, college: epci}
membres:
  - {nom: Sophie Arnaud, qualite: Sous-préfète de Beaune, college: etat, voix: 2}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region, voix: 1}
  - {nom: Anne Roy, qualite: Conseillère départementale, college: departement, voix: 1}
  - nom: Luc Faure
    qualite: Vice-président de Beaune Côte et Sud
    college: epci
    epci: "242100154"
    voix: 1
    suppleants: [{nom: Paul Girard, qualite: Conseiller communautaire}]
  - {nom: Inès Blanc, qualite: Vice-présidente, college: epci, epci: "200006682", voix: 1}
  - {nom: Paul Henry, qualite: Directeur territorial de France Travail, college: france_travail}
  - {nom: Rita Simon, qualite: Présidente de la mission locale, college: mission_locale}
reglement_interieur:
  adopte_le: 2025-01-13
  reunions_par_an: 3
  secretariat: Sous-préfecture de Beaune
  delai_convocation_jours: 10
  modalites_vote: consensus, à défaut majorité des suffrages exprimés
"""


#: un comité départemental installé le 7 octobre 2024, sans membres (séances, audits, règlement)
EXEMPLE_CDE = """type: comite
id: cde-21
niveau: departemental
nom: Comité départemental pour l'emploi de la Côte-d'Or
region: "27"
departements: ["21"]
installation: 2024-10-07
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat}
  - {nom: François Sauvadet, qualite: Président du conseil départemental, college: departement}
membres: []
"""


def exemple_seance(suite: str, date_: str = "2026-11-22") -> str:
    """L'exemple commun suivi d'une séance ordinaire du 12 mars 2025 (pour `cte expliquer`)."""
    seance = ("type: seance\ncomite: cle-21-beaune\ndate: 2025-03-12T14:00\nlieu: Sous-préfecture de Beaune\n"
              "nature: ordinaire\nordre_du_jour: [Feuille de route 2025]\n")
    return f"# date: {date_}\n{EXEMPLE_CLE_SEANCES}# fichier: seances/2025-03-12.yaml\n{seance}{suite}"


#: un comité départemental du Territoire de Belfort, trois membres sans voix fixées (composition)
EXEMPLE_CDE_BELFORT = """type: comite
id: cde-90
niveau: departemental
nom: Comité départemental pour l'emploi du Territoire de Belfort
region: "27"
departements: ["90"]
presidents:
  - {nom: A, qualite: Préfète, college: etat}
  - {nom: B, qualite: Président du conseil départemental, college: departement}
membres:
  - {nom: C, qualite: Secrétaire générale de la préfecture, college: etat}
  - {nom: D, qualite: Conseillère départementale, college: departement}
  - {nom: E, qualite: Maire de Delle, college: communes}
"""


#: le même comité, voix fixées (voix)
EXEMPLE_CDE_VOIX = """type: comite
id: cde-90
niveau: departemental
nom: Comité départemental pour l'emploi du Territoire de Belfort
region: "27"
departements: ["90"]
presidents:
  - {nom: Hélène Marchal, qualite: Préfète, college: etat}
  - {nom: Jean Colin, qualite: Président du conseil départemental, college: departement}
membres:
  - {nom: Anne Roy, qualite: Secrétaire générale de la préfecture, college: etat, voix: 14}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region, voix: 3}
  - {nom: Inès Blanc, qualite: Vice-présidente du conseil départemental, college: departement, voix: 7}
  - {nom: Luc Faure, qualite: Maire de Delle, college: communes, voix: 4}
"""


#: le comité départemental du Bas-Rhin, dans la Collectivité européenne d'Alsace (territoires)
EXEMPLE_CDE_ALSACE = """type: comite
id: cde-67-bas-rhin
niveau: departemental
nom: Comité départemental pour l'emploi du Bas-Rhin
region: "44"
departements: ["67"]
presidents:
  - {nom: A, qualite: Préfète du Bas-Rhin, college: etat}
  - {nom: B, qualite: Président de la Collectivité européenne d'Alsace, college: departement}
membres: []
"""


#: une feuille de route du comité local du Beaunois (feuilles de route, indicateurs)
EXEMPLE_FDR = "# date: 2026-11-22\n# fichier: cle-21-beaune.yaml\n" + EXEMPLE_CLE + """# fichier: feuille-de-route.yaml
type: feuille_de_route
comite: cle-21-beaune
periode: {debut: 2025-01-01, fin: 2027-12-31}
axes:
  - id: axe-1
    titre: Répondre aux besoins de recrutement de la viticulture
    fiches_action:
      - id: fa-1-1
        titre: Vendanges et saisonniers
        problematique: 1 200 offres saisonnières non pourvues en 2024
        objectif: Pourvoir 80 % des offres de vendanges
        pilote: France Travail Beaune
"""
