"""Règles de structure : lecture des fichiers, clés, types, identifiants, références (FORMAT §1).

Les règles de lecture et de schéma sont appliquées par le chargement (`loading.depot`) ;
les règles qui croisent plusieurs fichiers (doublons d'identifiants, références) sont des
fonctions du registre comme les autres.
"""

from __future__ import annotations

from collections.abc import Iterator

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.model.types import libelle_niveau
from cte_cli.rules.registry import Contexte, declarer, regle
from cte_cli.suggestions import Index, suggestion

FORMAT = "format cte (FORMAT §1)"
FAMILLE = "structure"

FICHIER_ILLISIBLE = declarer(
    id="fichier-illisible", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier ne peut pas être lu (droits, taille, contenu binaire)",
)
ENCODAGE = declarer(
    id="encodage", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier doit être encodé en UTF-8",
    exemple="Un fichier enregistré en Windows-1252 (« Côte-d'Or » avec un ô codé 0xF4).",
)
YAML_INVALIDE = declarer(
    id="yaml-invalide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier doit être un YAML valide",
    exemple="membres:\n  - nom: Jean Colin\n   qualite: Maire   # indentation incohérente",
)
CLE_DUPLIQUEE = declarer(
    id="cle-dupliquee", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Une clé ne peut figurer qu'une fois dans un même dictionnaire",
    exemple="nom: Comité local du Beaunois\nnom: Comité local de Beaune",
)
DOCUMENT_VIDE = declarer(
    id="document-vide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE, bloquante=True,
    titre="Le fichier ne doit pas être vide",
    exemple="# Comité local du Beaunois : à compléter\n# (seulement des commentaires, aucun document)",
)
DOCUMENT_NON_DICTIONNAIRE = declarer(
    id="document-non-dictionnaire", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    bloquante=True, titre="Le document doit être un dictionnaire dont la clé `type` dit ce qu'il est",
    exemple="- type: comite\n  id: cde-21",
)
PLUSIEURS_DOCUMENTS = declarer(
    id="plusieurs-documents", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    bloquante=True, titre="Un fichier ne contient qu'un seul document YAML (pas de « --- » séparateur)",
    exemple="type: seance\ncomite: cde-21\n...\n---\ntype: seance\ncomite: cde-21   # second document : un fichier par séance",
)
TYPE_MANQUANT = declarer(
    id="type-manquant", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Chaque fichier porte une clé `type` (comite, seance, feuille_de_route, parametres)",
    exemple="id: cde-21\nniveau: departemental",
)
TYPE_INCONNU = declarer(
    id="type-inconnu", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="La clé `type` vaut comite, seance, feuille_de_route ou parametres",
    exemple="type: comitee",
)
CLE_INCONNUE = declarer(
    id="cle-inconnue", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Toute clé inconnue est une erreur (une faute de frappe ne passe jamais)",
    exemple="membres:\n  - nom: Anne Roy\n    qualite: Conseillère départementale\n    college: departement\n    voie: 1",
)
CLE_MANQUANTE = declarer(
    id="cle-manquante", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les clés obligatoires du format sont présentes",
    exemple="type: seance\ncomite: cde-21\ndate: 2025-03-12T14:00\nnature: ordinaire\n# ni lieu ni ordre_du_jour",
)
VALEUR_INVALIDE = declarer(
    id="valeur-invalide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Chaque valeur a le type attendu (texte, nombre, liste, code INSEE, SIREN…)",
    exemple="membres:\n  - {nom: Anne Roy, qualite: Conseillère départementale, college: departement, voix: deux}",
)
VALEUR_NON_PERMISE = declarer(
    id="valeur-non-permise", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les valeurs énumérées (niveau, college, nature, statut…) sont parmi celles du format",
    exemple="membres:\n  - {nom: Luc Faure, qualite: Vice-président, college: etta}",
)
DATE_INVALIDE = declarer(
    id="date-invalide", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les dates sont au format ISO AAAA-MM-JJ (et AAAA-MM-JJTHH:MM pour une heure)",
    exemple="installation: 2024-02-30",
)
CODE_NON_QUOTE = declarer(
    id="code-non-quote", gravite=Gravite.AVERTISSEMENT, article=FORMAT, famille=FAMILLE,
    titre="Les codes INSEE et les SIREN s'écrivent entre guillemets (sinon « 01 » devient 1)",
    exemple='region: 27      # à écrire region: "27"',
)


@regle(
    id="id-duplique", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Chaque identifiant (`id`) est unique dans le dépôt pour un même type de document",
    exemple="# fichier: locaux/cle-21-beaune.yaml\ntype: comite\nid: cle-21-beaune\nniveau: local\n"
    "nom: Comité local pour l'emploi du Beaunois\nregion: \"27\"\ndepartements: [\"21\"]\n"
    "ressort: {epci: [\"242100154\"]}\npresidents: []\nmembres: []\n"
    "# fichier: locaux/copie-cle-21-beaune.yaml\ntype: comite\nid: cle-21-beaune\nniveau: local\n"
    "nom: Comité local pour l'emploi de Beaune\nregion: \"27\"\ndepartements: [\"21\"]\n"
    "ressort: {epci: [\"242100154\"]}\npresidents: []\nmembres: []\n",
)
def id_duplique(ctx: Contexte) -> Iterator[Constat]:
    """Deux documents du même type ne peuvent partager un identifiant : les références
    (séances, feuilles de route, commandes) deviendraient ambiguës."""
    vus: dict[tuple[str, str], str] = {}
    for doc in ctx.documents:
        if doc.utilisable is None or doc.type not in ("comite", "seance", "feuille_de_route", "parametres"):
            continue
        cle = (doc.type, doc.id)
        if cle in vus:
            chemin = ("id",) if "id" in doc.donnees else ()
            yield ctx.constat(
                doc, chemin, f"identifiant « {doc.id} » déjà utilisé par {vus[cle]}",
                cible=Cible.VALEUR if chemin else Cible.PARENT,
            )
        else:
            vus[cle] = doc.fichier


@regle(
    id="reference-inconnue", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Une séance ou une feuille de route désigne un comité (et une commission) qui existe",
    exemple="type: seance\ncomite: cde-21-cote-dor   # le comité s'appelle cde-21-cote-d-or",
)
def reference_inconnue(ctx: Contexte) -> Iterator[Constat]:
    """Les références `comite:` et `commission:` pointent vers des identifiants existants."""
    ids = Index(sorted(c.id for _, c in ctx.comites()))  # préparé une fois : pas de coût quadratique
    for doc, objet in [*ctx.seances(), *ctx.feuilles_de_route()]:
        trouve = ctx.comite(objet.comite)
        if trouve is None:
            yield ctx.constat(
                doc, ("comite",), f"comité « {objet.comite} » introuvable dans le dépôt"
                + suggestion(objet.comite, ids),
            )
            continue
        commission = getattr(objet, "commission", None)
        if commission:
            noms = [c.id for c in trouve[1].commissions]
            if commission not in noms:
                yield ctx.constat(
                    doc, ("commission",),
                    f"commission « {commission} » inconnue du comité « {objet.comite} »"
                    + suggestion(commission, noms),
                )


@regle(
    id="cles-par-niveau", gravite=Gravite.ERREUR, article=FORMAT, famille=FAMILLE,
    titre="Les clés requises selon le niveau sont présentes (forme, departements, ressort)",
    exemple="type: comite\nid: cle-21-beaune\nniveau: local\n# ni departements ni ressort",
)
def cles_par_niveau(ctx: Contexte) -> Iterator[Constat]:
    """`forme` pour un comité régional (L. 5311-10 I 1°), `departements` pour un comité
    départemental ou local, `ressort` pour un comité local (R. 5311-30)."""
    requises = {
        "regional": (("forme", "L. 5311-10"),),
        "departemental": (("departements", "R. 5311-22"),),
        "local": (("departements", "R. 5311-30"), ("ressort", "R. 5311-30")),
    }
    for doc, comite in ctx.comites():
        for cle, article in requises.get(comite.niveau, ()):
            valeur = getattr(comite, cle)
            vide = valeur is None or (cle == "ressort" and not (valeur.epci or valeur.communes))
            if vide or (cle == "departements" and not valeur):
                yield ctx.constat(
                    doc, (cle,), f"clé « {cle} » requise pour un comité {libelle_niveau(comite.niveau)}",
                    cible=Cible.PARENT if cle not in doc.donnees else Cible.VALEUR, article=article,
                )
