"""Règles de structure appliquées à la lecture d'un fichier (FORMAT §1) : encodage, syntaxe
YAML, un document par fichier, `type`, clés et valeurs du modèle, codes entre guillemets.

Le chargement (`loading.depot`) les applique en lisant le dépôt, avant toute autre règle (il
faut un modèle pour juger le reste) ; `rules.structure` les inscrit au registre, à leur place
dans la famille « structure », pour `cte regles` et `cte expliquer`.
"""

from __future__ import annotations

from cte_cli.constats import Gravite, Regle

FORMAT = "format cte (FORMAT §1)"
FAMILLE = "structure"

FICHIER_ILLISIBLE = Regle(
    id="fichier-illisible", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier ne peut pas être lu (droits, taille, contenu binaire)",
)
ENCODAGE = Regle(
    id="encodage", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier doit être encodé en UTF-8",
    exemple="Un fichier enregistré en Windows-1252 (« Côte-d'Or » avec un ô codé 0xF4).",
)
YAML_INVALIDE = Regle(
    id="yaml-invalide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier doit être un YAML valide",
    exemple="membres:\n  - nom: Jean Colin\n   qualite: Maire   # indentation incohérente",
)
CLE_DUPLIQUEE = Regle(
    id="cle-dupliquee", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Une clé ne peut figurer qu'une fois dans un même dictionnaire",
    exemple="nom: Comité local du Beaunois\nnom: Comité local de Beaune",
)
DOCUMENT_VIDE = Regle(
    id="document-vide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier ne doit pas être vide",
    exemple="# Comité local du Beaunois : à compléter\n# (seulement des commentaires, aucun document)",
)
DOCUMENT_NON_DICTIONNAIRE = Regle(
    id="document-non-dictionnaire", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    bloquante=True, titre="Le document doit être un dictionnaire dont la clé `type` dit ce qu'il est",
    exemple="- type: comite\n  id: cde-21",
)
PLUSIEURS_DOCUMENTS = Regle(
    id="plusieurs-documents", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    bloquante=True, titre="Un fichier ne contient qu'un seul document YAML (pas de « --- » séparateur)",
    exemple="type: seance\ncomite: cde-21\n...\n---\ntype: seance\ncomite: cde-21   # second document : un fichier par séance",
)
TYPE_MANQUANT = Regle(
    id="type-manquant", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Chaque fichier porte une clé `type` (comite, seance, feuille_de_route, parametres)",
    exemple="id: cde-21\nniveau: departemental",
)
TYPE_INCONNU = Regle(
    id="type-inconnu", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="La clé `type` vaut comite, seance, feuille_de_route ou parametres",
    exemple="type: comitee",
)
CLE_INCONNUE = Regle(
    id="cle-inconnue", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Toute clé inconnue est une erreur (une faute de frappe ne passe jamais)",
    exemple="membres:\n  - nom: Anne Roy\n    qualite: Conseillère départementale\n    college: departement\n    voie: 1",
)
CLE_MANQUANTE = Regle(
    id="cle-manquante", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les clés obligatoires du format sont présentes",
    exemple="type: seance\ncomite: cde-21\ndate: 2025-03-12T14:00\nnature: ordinaire\n# ni lieu ni ordre_du_jour",
)
VALEUR_INVALIDE = Regle(
    id="valeur-invalide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Chaque valeur a le type attendu (texte, nombre, liste, code INSEE, SIREN…)",
    exemple="membres:\n  - {nom: Anne Roy, qualite: Conseillère départementale, college: departement, voix: deux}",
)
VALEUR_NON_PERMISE = Regle(
    id="valeur-non-permise", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les valeurs énumérées (niveau, college, nature, statut…) sont parmi celles du format",
    exemple="membres:\n  - {nom: Luc Faure, qualite: Vice-président, college: etta}",
)
DATE_INVALIDE = Regle(
    id="date-invalide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les dates sont au format ISO AAAA-MM-JJ (et AAAA-MM-JJTHH:MM pour une heure)",
    exemple="installation: 2024-02-30",
)
CODE_NON_QUOTE = Regle(
    id="code-non-quote", gravite=Gravite.AVERTISSEMENT, article=FORMAT, famille=FAMILLE,
    titre="Les codes INSEE et les SIREN s'écrivent entre guillemets (sinon « 01 » devient 1)",
    exemple='region: 27      # à écrire region: "27"',
)


#: dans l'ordre du catalogue
REGLES_DE_LECTURE = (
    FICHIER_ILLISIBLE,
    ENCODAGE,
    YAML_INVALIDE,
    CLE_DUPLIQUEE,
    DOCUMENT_VIDE,
    DOCUMENT_NON_DICTIONNAIRE,
    PLUSIEURS_DOCUMENTS,
    TYPE_MANQUANT,
    TYPE_INCONNU,
    CLE_INCONNUE,
    CLE_MANQUANTE,
    VALEUR_INVALIDE,
    VALEUR_NON_PERMISE,
    DATE_INVALIDE,
    CODE_NON_QUOTE,
)
