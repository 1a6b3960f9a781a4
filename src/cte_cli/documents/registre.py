"""Le registre des documents : un document est une entrée ici, plus son modèle
(`templates/<nom>.docx` et `.md`, construits par `scripts/construire_modeles.py`) et sa vue
(`documents/vue.py`, contrat des variables `vue.VARIABLES[<nom>]`).

`cte generate` crée une commande par entrée qui a une `commande` ; `cte modeles` copie et
vérifie les modèles des entrées ; `documents.modeles` y trouve les noms de modèles. Module léger
(ni python-docx ni pydantic) : la CLI le lit pour construire son aide.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: options de commande propres à un document (les communes : DEPOT, --sortie, --format, --force,
#: --date) : `tous` (tous les comités du dépôt), `membre` (--membre NOM), `avertir` (les
#: avertissements de génération sur la sortie d'erreur)
OPTIONS = ("tous", "membre", "avertir")


@dataclass(frozen=True, slots=True)
class TypeDocument:
    """Un document que `cte` produit."""

    #: nom du modèle (sans extension) et de son contrat de variables
    nom: str
    #: ce que c'est, en une phrase nominale (messages, `cte modeles verifier`)
    titre: str
    #: ce que désigne l'argument de la commande : comite, seance, departement
    sujet: str
    #: chemin de la commande sous `cte generate` (vide : produit avec un autre document)
    commande: tuple[str, ...] = ()
    #: `module:fonction` qui produit le document (charge la vue, rend le modèle, écrit)
    generer: str = ""
    #: arguments fixés de cette fonction, passés juste après le chargement (`nature` d'un arrêté)
    arguments: tuple[str, ...] = ()
    #: aide de la commande (première phrase : résumé de `cte generate --help`)
    aide: str = ""
    #: titre du bilan affiché après la génération
    bilan: str = ""
    #: options propres (`OPTIONS`)
    options: tuple[str, ...] = ()
    #: métavariable et aide de l'argument
    argument: tuple[str, str] = ("COMITE", "Identifiant du comité.")
    #: dossier de sortie par défaut (None : le dossier courant)
    sortie: str | None = "."

    def fonction(self) -> Callable[..., list[Any]]:
        """La fonction qui produit le document, ses arguments fixés déjà donnés."""
        module, nom = self.generer.split(":")
        fonction = getattr(importlib.import_module(module), nom)
        if not self.arguments:
            return fonction  # type: ignore[no-any-return]
        fixes = self.arguments
        return lambda ch, *args, **kwargs: fonction(ch, *fixes, *args, **kwargs)  # type: ignore[no-any-return]


_GENERATION = "cte_cli.documents.generation"
_ARRETES = "cte_cli.documents.arretes"

DOCUMENTS: tuple[TypeDocument, ...] = (
    TypeDocument(
        "reglement", "règlement intérieur", "comite", ("reglement",), f"{_GENERATION}:generer_reglement",
        aide="Règlement intérieur d'un comité départemental ou local (R. 5311-45) : composition par collège, "
        "coprésidence, commissions, convocation, quorum, votes, secrétariat. Avec --tous, celui de chaque comité "
        "du dépôt : cte generate reglement --tous [DEPOT].",
        bilan="Règlement intérieur", options=("tous",),
        argument=("[COMITE]", "Identifiant du comité (sans objet avec --tous)."),
    ),
    TypeDocument(
        "convocation", "convocation", "seance", ("convocation",), f"{_GENERATION}:generer_convocations",
        aide="Une convocation par membre titulaire (suppléants en copie), signée conjointement par les "
        "coprésidents (R. 5311-44), avec un coupon-réponse et un pouvoir en annexe (R. 5311-43) ; une "
        "invitation par personne invitée sans voix ; une invitation .ics pour la séance. Avertit si la "
        "séance est passée ou si le délai de convocation du règlement intérieur est entamé. Par "
        "défaut dans le dossier convocations-SEANCE/.",
        bilan="Convocations", options=("avertir",), sortie=None,
        argument=("SEANCE", "Identifiant de la séance ou chemin de son fichier."),
    ),
    # produite avec les convocations (une par invité)
    TypeDocument("invitation", "invitation d'une personne invitée sans voix", "seance"),
    TypeDocument(
        "emargement", "feuille d'émargement", "seance", ("emargement",), f"{_GENERATION}:generer_emargement",
        aide="Feuille d'émargement de la séance, par collège, avec une colonne de signature et les "
        "pouvoirs (R. 5311-43).",
        bilan="Feuille d'émargement", argument=("SEANCE", "Identifiant de la séance ou chemin de son fichier."),
    ),
    TypeDocument(
        "releve", "relevé de décisions", "seance", ("releve",), f"{_GENERATION}:generer_releve",
        aide="Relevé de décisions de la séance : présences, pouvoirs, quorum calculé d'après `presents` "
        "et `representes` (R. 5311-40), chaque délibération avec son décompte pondéré et son résultat "
        "(R. 5311-41) ; points à compléter sans `deliberations`.",
        bilan="Relevé de décisions", argument=("SEANCE", "Identifiant de la séance ou chemin de son fichier."),
    ),
    TypeDocument(
        "arrete-composition", "arrêté portant composition d'un comité", "comite", ("arrete", "composition"),
        f"{_ARRETES}:generer_arrete", ("composition",),
        aide="Arrêté portant composition du comité : coprésidence, nombre de membres par catégorie, membres "
        "nommés (titulaires, suppléants, organisation), membres de droit, invités, durée des mandats "
        "(R. 5311-36), voies et délais de recours. Arrêté conjoint des préfets pour un comité sur "
        "plusieurs départements (R. 5311-29, R. 5311-35).",
        bilan="Arrêté portant composition",
    ),
    TypeDocument(
        "arrete-modificatif", "arrêté modificatif (remplacement d'un membre)", "comite", ("arrete", "modificatif"),
        f"{_ARRETES}:generer_arrete", ("modificatif",),
        aide="Arrêté modificatif nommant un membre en remplacement d'un autre pour la durée du mandat "
        "restant à courir (R. 5311-36) : un par membre qui porte `remplace`, ou celui de --membre.",
        bilan="Arrêté modificatif (remplacement d'un membre)", options=("membre",),
    ),
    TypeDocument(
        "arrete-voix", "arrêté fixant le nombre de voix", "comite", ("arrete", "voix"),
        f"{_ARRETES}:generer_arrete", ("voix",),
        aide="Arrêté fixant le nombre de voix des membres (R. 5311-38 ; comité local : R. 5311-39), avec "
        "le calcul : égalités, plus forte moyenne, paramètres d'audience et leur source.",
        bilan="Arrêté fixant le nombre de voix",
    ),
    TypeDocument(
        "arrete-ressort", "arrêté fixant le ressort des comités locaux d'un département", "departement",
        ("arrete", "ressort"), f"{_ARRETES}:generer_arrete", ("ressort",),
        aide="Arrêté fixant les limites géographiques des comités locaux d'un département (R. 5311-30) : "
        "EPCI, communes et population de chacun, couverture du département sans recouvrement.",
        bilan="Arrêté fixant le ressort des comités locaux",
        argument=("DEPARTEMENT", "Code INSEE du département (21, 2A…) ou identifiant de son comité départemental."),
    ),
)

PAR_NOM = {d.nom: d for d in DOCUMENTS}


def de_la_commande(*chemin: str) -> list[TypeDocument]:
    """Les documents dont la commande est sous `chemin` (`"arrete"` : les arrêtés)."""
    return [d for d in DOCUMENTS if d.commande and d.commande[:len(chemin)] == chemin
            and len(d.commande) == len(chemin) + 1]
