"""Le domaine : ce que le droit dit des comités, sans E/S ni impression.

- `dates` : calcul des délais et des durées (une seule arithmétique des mois) ;
- `territoires` : outre-mer, collectivités à compétences départementales, départements d'une
  région selon la lecture retenue, entrée en vigueur des textes pour un comité ;
- `categories` : catégories de membres de chaque article de composition (obligatoire, nombre,
  vote, mandat, plafond), coprésidence, plafonds ;
- `organisations` : reconnaissance des organisations syndicales et patronales.

Les chiffres et dates du droit n'y sont jamais écrits : ils viennent des paramètres datés
(`cte_cli.referentiel.parametres_legaux`).
"""
