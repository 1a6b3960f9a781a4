"""Le domaine : ce que le droit dit des comités, sans E/S ni impression.

- `dates` : calcul des délais et des durées (une seule arithmétique des mois) ;
- `territoires` : outre-mer, collectivités à compétences départementales, départements d'une
  région selon la lecture retenue, entrée en vigueur des textes pour un comité ;
- `categories` : catégories de membres de chaque article de composition (obligatoire, nombre,
  vote, mandat, plafond), coprésidence, plafonds ;
- `organisations` : reconnaissance des organisations syndicales et patronales ;
- `membres` : sièges occupés, remplacements ;
- `seances` : qui siège et qui vote (annuaire), présence, procurations, quorum, périodes annuelles ;
- `deliberations` : décompte pondéré d'une délibération, voix prépondérante ;
- `voix` : répartition des voix (R. 5311-38, -39), plus forte moyenne ;
- `rotation` : rotation des sièges des départements au CREFOP (planifier, vérifier).

Règles (`rules/`), documents, cartographie et rapports comptent tous avec ce paquet : un relevé
de décisions et `cte validate` ne peuvent pas se contredire. Le domaine n'importe ni les règles,
ni les documents, ni la CLI (`tests/test_architecture.py`).

Les chiffres et dates du droit n'y sont jamais écrits : ils viennent des paramètres datés
(`cte_cli.referentiel.parametres_legaux`).
"""
