"""Règles de structure : lecture des fichiers, clés, types, identifiants, références (FORMAT §1).

Les règles de lecture et de schéma sont déclarées et appliquées par le chargement
(`loading.structure`, `loading.depot`) ; elles sont inscrites ici au registre, en tête de la
famille. Les règles qui croisent plusieurs fichiers (doublons d'identifiants, références, clés
par niveau) sont des fonctions du registre comme les autres.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cte_cli.constats import Cible, Constat, Gravite
from cte_cli.loading.structure import FORMAT, REGLES_DE_LECTURE
from cte_cli.model.types import libelle_niveau
from cte_cli.rules.registry import Contexte, enregistrer, regle
from cte_cli.suggestions import Index, suggestion

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import FeuilleDeRoute, Seance

for _r in REGLES_DE_LECTURE:
    enregistrer(_r)


@regle(
    id="id-duplique", gravite=Gravite.ERREUR, article=FORMAT,
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
    id="reference-inconnue", gravite=Gravite.ERREUR, article=FORMAT,
    titre="Une séance ou une feuille de route désigne un comité (et une commission) qui existe",
    exemple="type: seance\ncomite: cde-21-cote-dor   # le comité s'appelle cde-21-cote-d-or",
)
def reference_inconnue(ctx: Contexte) -> Iterator[Constat]:
    """Les références `comite:` et `commission:` pointent vers des identifiants existants."""
    ids = Index(sorted(c.id for _, c in ctx.comites()))  # préparé une fois : pas de coût quadratique
    references: list[tuple[Document, Seance | FeuilleDeRoute]] = [*ctx.seances(), *ctx.feuilles_de_route()]
    for doc, objet in references:
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
    id="cles-par-niveau", gravite=Gravite.ERREUR, article=FORMAT,
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
