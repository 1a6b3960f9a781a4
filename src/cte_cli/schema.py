"""JSON Schema (draft 2020-12) du format, pour la complétion et le contrôle dans les éditeurs.

Construit à partir des modèles pydantic (`model.MODELES`), puis retravaillé :

- descriptions françaises de chaque propriété : `Field(description=...)` du modèle, sinon la
  table `DESCRIPTIONS` ci-dessous (reprise des tableaux de FORMAT §1), sinon le commentaire
  `#:` qui précède le champ dans le modèle ;
- motifs des codes INSEE, SIREN, identifiants et dates (`pattern`), exemples (`examples`) ;
- un `oneOf` de tête sur la clé `type` (avec l'annotation `discriminator`), et les clés
  requises selon le niveau d'un comité (FORMAT §1, règle `cles-par-niveau`).

Le schéma décrit la forme des fichiers ; les règles du décret restent l'affaire de
`cte validate` (un fichier conforme au schéma peut encore enfreindre R. 5311-24).
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

ID_SCHEMA = "https://json-schema.org/draft/2020-12/schema"

#: (modèle, champ) -> description (FORMAT §1)
DESCRIPTIONS: dict[tuple[str, str], str] = {
    # comité
    ("Comite", "type"): "Nature du document : « comite ».",
    ("Comite", "id"): "Identifiant unique dans le dépôt ([a-z0-9-]+) ; séances et feuilles de route le citent.",
    ("Comite", "niveau"): "regional, departemental, local, territorial (outre-mer, comité au sein du CREFOP, "
    "L. 5523-7/-8) ou territorial_unique (L. 5523-9).",
    ("Comite", "nom"): "Nom officiel du comité.",
    ("Comite", "region"): "Code INSEE de la région, entre guillemets (« 27 ») ; pour un comité territorial "
    "unique, 975, 977 ou 978.",
    ("Comite", "departements"): "Codes INSEE des départements du ressort (comités départementaux et locaux) : "
    "un, ou plusieurs (R. 5311-29, R. 5311-35).",
    ("Comite", "collectivite"): "Comités de R. 5311-28 : collectivité qui exerce les compétences du département "
    "(metropole-de-lyon, ville-de-paris, alsace, corse, ou un SIREN).",
    ("Comite", "forme"): "Comité régional : au_sein_du_crefop ou crefop_renomme (L. 5311-10 I 1°).",
    ("Comite", "arrete"): "Arrêté fixant la composition : {reference, date}.",
    ("Comite", "installation"): "Date d'installation du comité (AAAA-MM-JJ).",
    ("Comite", "ressort"): "Comité local : EPCI à fiscalité propre ou EPT couverts (SIREN), et communes hors "
    "EPCI (codes INSEE) (R. 5311-30).",
    ("Comite", "presidents"): "Coprésidents : liste de {nom, qualite, college} (R. 5311-16, -22, -31).",
    ("Comite", "membres"): "Membres : liste de {nom, qualite, college, organisation?, voix?, epci?, "
    "departement?, mandat?, suppleants?, email?}.",
    ("Comite", "invites"): "Personnes invitées sans voix délibérative : {nom, qualite, organisation}.",
    ("Comite", "commissions"): "Commissions : {id, nom, objet, membres} ; objet: inclusion_iae pour la "
    "commission de R. 5311-26.",
    ("Comite", "rotation"): "Comité régional, 2° bis du CREFOP : {mandat, sieges, periodes} (R. 6123-3-6).",
    ("Comite", "instances_remplacees"): "Instances antérieures : {nom, type, devenir} (SPER, SPED, SPEL, "
    "CDIAE, CDEI, autre ; supprimee ou integree).",
    ("Comite", "reglement_interieur"): "Règlement intérieur (R. 5311-45) : date d'adoption, réunions par an, "
    "secrétariat, délai de convocation, modalités de vote…",
    ("Arrete", "reference"): "Référence de l'arrêté (« Arrêté préfectoral n° 2024-1102 »).",
    ("Arrete", "date"): "Date de l'arrêté (AAAA-MM-JJ).",
    ("Ressort", "epci"): "SIREN des EPCI à fiscalité propre ou EPT du ressort (9 chiffres, entre guillemets).",
    ("Ressort", "communes"): "Codes INSEE des communes couvertes hors de ces EPCI.",
    ("President", "nom"): "Nom de la personne.",
    ("President", "qualite"): "Qualité (« Préfète de la Côte-d'Or »).",
    ("President", "college"): "Catégorie du décret au titre de laquelle la personne copréside.",
    ("President", "email"): "Adresse électronique (donnée personnelle : jamais exportée en open data).",
    ("President", "departement"): "Comité sur plusieurs départements (R. 5311-29, R. 5311-35), coprésident de "
    "l'État : département du préfet qui copréside.",
    ("Membre", "nom"): "Nom de la personne (ou « À désigner »).",
    ("Membre", "qualite"): "Qualité ou fonction.",
    ("Membre", "college"): "Catégorie du décret (R. 5311-17, R. 5311-23, R. 5311-32) : voir le tableau des "
    "collèges du format.",
    ("Membre", "organisation"): "Organisation représentée (syndicat, organisation d'employeurs…).",
    ("Membre", "sigle"): "Sigle de l'organisation représentée (CFDT, CGT-FO, MEDEF, CGTR…) : l'identifie sans "
    "ambiguïté pour le calcul des voix (R. 5311-38 3° et 4°) ; à défaut, `organisation` est reconnue.",
    ("Membre", "voix"): "Nombre de voix fixé par l'arrêté (R. 5311-37 à -39) ; absent : pas encore fixé.",
    ("Membre", "epci"): "Collège epci : SIREN de l'EPCI représenté (R. 5311-32 4°).",
    ("Membre", "departement"): "Comité régional, collège departement : code du département représenté, ou de "
    "la collectivité à compétences départementales (69M Métropole de Lyon, 69D Rhône, 6AE Alsace).",
    ("Membre", "mandat"): "Mandat : {debut, fin} ; trois ans renouvelables (R. 5311-36).",
    ("Membre", "suppleants"): "Suppléants : {nom, qualite, email?}.",
    ("Membre", "email"): "Adresse électronique (donnée personnelle : jamais exportée en open data).",
    ("Suppleant", "nom"): "Nom du suppléant.",
    ("Suppleant", "qualite"): "Qualité du suppléant.",
    ("Suppleant", "email"): "Adresse électronique du suppléant.",
    ("Invite", "nom"): "Nom de la personne invitée.",
    ("Invite", "qualite"): "Qualité de la personne invitée.",
    ("Invite", "organisation"): "Organisation de la personne invitée.",
    ("Invite", "email"): "Adresse électronique de la personne invitée.",
    ("Commission", "id"): "Identifiant de la commission ([a-z0-9-]+), cité par les séances.",
    ("Commission", "nom"): "Nom de la commission.",
    ("Commission", "objet"): "Objet ; inclusion_iae pour la commission inclusion et IAE (R. 5311-26).",
    ("Commission", "membres"): "Noms des membres de la commission.",
    ("Periode", "debut"): "Premier jour (AAAA-MM-JJ).",
    ("Periode", "fin"): "Dernier jour (AAAA-MM-JJ).",
    ("PeriodeRotation", "debut"): "Premier jour de la période (au moins un an, R. 6123-3-6).",
    ("PeriodeRotation", "fin"): "Dernier jour de la période.",
    ("PeriodeRotation", "departements"): "Départements qui siègent pendant la période (au plus `sieges`).",
    ("Rotation", "mandat"): "Mandat de trois ans couvert par la rotation : {debut, fin}.",
    ("Rotation", "sieges"): "Nombre de sièges de départements au CREFOP (au plus six, R. 6123-3-3 2° bis).",
    ("Rotation", "periodes"): "Périodes : {debut, fin, departements}.",
    ("InstanceRemplacee", "nom"): "Nom de l'instance antérieure.",
    ("InstanceRemplacee", "type"): "SPER, SPED, SPEL, CDIAE, CDEI ou autre.",
    ("InstanceRemplacee", "devenir"): "supprimee ou integree (au comité).",
    ("ReglementInterieur", "adopte_le"): "Date d'adoption du règlement intérieur.",
    ("ReglementInterieur", "reunions_par_an"): "Nombre de réunions prévues par an.",
    ("ReglementInterieur", "secretariat"): "Qui assure le secrétariat du comité.",
    ("ReglementInterieur", "delai_convocation_jours"): "Délai de convocation, en jours.",
    ("ReglementInterieur", "modalites_vote"): "Modalités de vote (consensus, majorité, voix prépondérante…).",
    ("ReglementInterieur", "representation_usagers"): "Représentation des usagers (R. 5311-46).",
    ("ReglementInterieur", "commissions_fonctionnement"): "Fonctionnement des commissions et groupes de travail.",
    # séance
    ("Seance", "type"): "Nature du document : « seance ».",
    ("Seance", "id"): "Identifiant de la séance ; par défaut le nom du fichier sans extension.",
    ("Seance", "comite"): "Identifiant du comité qui se réunit.",
    ("Seance", "date"): "Date, ou date et heure locales sans fuseau (2025-03-12T14:00).",
    ("Seance", "lieu"): "Lieu de la réunion.",
    ("Seance", "nature"): "ordinaire, pleniere, conference_financeurs ou commission.",
    ("Seance", "commission"): "Pour une réunion de commission : identifiant de la commission du comité.",
    ("Seance", "ordre_du_jour"): "Points de l'ordre du jour.",
    ("Seance", "presents"): "Noms des membres présents (quorum, R. 5311-40).",
    ("Seance", "representes"): "Procurations : {membre, mandataire} (R. 5311-43).",
    ("Seance", "convoques_le"): "Date d'envoi des convocations.",
    ("Representation", "membre"): "Nom du membre représenté.",
    ("Representation", "mandataire"): "Nom du membre qui porte la procuration (même collège, R. 5311-43).",
    # feuille de route
    ("FeuilleDeRoute", "type"): "Nature du document : « feuille_de_route ».",
    ("FeuilleDeRoute", "id"): "Identifiant de la feuille de route ; par défaut le nom du fichier.",
    ("FeuilleDeRoute", "comite"): "Identifiant du comité qui adopte la feuille de route.",
    ("FeuilleDeRoute", "periode"): "Période couverte : {debut, fin}.",
    ("FeuilleDeRoute", "adoptee_le"): "Date d'adoption par le comité.",
    ("FeuilleDeRoute", "axes"): "Axes : {id, titre, diagnostic?, fiches_action}.",
    ("Axe", "id"): "Identifiant de l'axe.",
    ("Axe", "titre"): "Titre de l'axe.",
    ("Axe", "diagnostic"): "Diagnostic partagé qui fonde l'axe.",
    ("Axe", "fiches_action"): "Fiches action de l'axe.",
    ("FicheAction", "id"): "Identifiant de la fiche action.",
    ("FicheAction", "titre"): "Titre de la fiche action.",
    ("FicheAction", "problematique"): "Problématique traitée.",
    ("FicheAction", "objectif"): "Objectif visé.",
    ("FicheAction", "publics"): "Publics concernés.",
    ("FicheAction", "territoires"): "Territoires concernés.",
    ("FicheAction", "pilote"): "Pilote de l'action.",
    ("FicheAction", "contributeurs"): "Contributeurs : {acteur, role}.",
    ("FicheAction", "echeance"): "Échéance (AAAA-MM-JJ).",
    ("FicheAction", "statut"): "a_lancer, en_cours, realisee ou abandonnee.",
    ("FicheAction", "indicateurs"): "Indicateurs : {nom, unite?, valeur_initiale?, cible?, valeur_actuelle?, source?}.",
    ("FicheAction", "priorite"): "Rang de priorité (1 = la plus haute).",
    ("Contributeur", "acteur"): "Acteur qui contribue.",
    ("Contributeur", "role"): "Son rôle dans l'action.",
    ("Indicateur", "nom"): "Nom de l'indicateur.",
    ("Indicateur", "unite"): "Unité (personnes, %, …).",
    ("Indicateur", "valeur_initiale"): "Valeur au début de la période.",
    ("Indicateur", "cible"): "Valeur visée.",
    ("Indicateur", "valeur_actuelle"): "Dernière valeur mesurée.",
    ("Indicateur", "source"): "Source de la mesure.",
    # paramètres
    ("Parametres", "type"): "Nature du document : « parametres ».",
    ("Parametres", "id"): "Identifiant du jeu de paramètres.",
    ("Parametres", "valable_du"): "Date à partir de laquelle les chiffres s'appliquent.",
    ("Parametres", "source"): "Source juridique des chiffres (arrêté, publication).",
    ("Parametres", "verifie_le"): "Date de la dernière vérification de la source.",
    ("Parametres", "droit"): "Paramètres du droit remplacés par le dépôt : {nom: valeur} ou {nom: {AAAA-MM-JJ: "
    "valeur}} (liste : cte regles --parametres) ; chaque constat qui en dépend le dit.",
    ("Parametres", "syndicats_salaries"): "Audience des organisations syndicales : {ORGANISATION: poids} "
    "(R. 5311-38 3°).",
    ("Parametres", "organisations_employeurs"): "Audience des organisations d'employeurs : {ORGANISATION: "
    "{entreprises, salaries}} (R. 5311-38 4°).",
    ("Audit", "objet"): "Objet de la demande d'audit ou du signalement.",
    ("AudienceEmployeurs", "entreprises"): "Nombre d'entreprises adhérentes.",
    ("AudienceEmployeurs", "salaries"): "Nombre de salariés de ces entreprises.",
}

#: description de chaque valeur d'une liste fermée, proposée par l'éditeur à la complétion
#: (`enumDescriptions` et `markdownEnumDescriptions`, lus par yaml-language-server et VS Code)
COLLEGES_DECRITS = {
    "etat": "Représentants de l'État (préfet, services déconcentrés, rectorat…).",
    "region": "Représentants de la région (conseil régional ou collectivité unique).",
    "departement": "Représentants du département ou de la collectivité qui en exerce les compétences.",
    "communes": "Représentants des communes et de leurs groupements (association des maires).",
    "epci": "Représentants des EPCI à fiscalité propre ou EPT du ressort (comité local ; SIREN en `epci`).",
    "syndicat_salaries": "Organisations syndicales de salariés représentatives (CFDT, CGT, CGT-FO, CFE-CGC, CFTC).",
    "organisation_employeurs": "Organisations professionnelles d'employeurs interprofessionnelles (MEDEF, CPME, U2P).",
    "organisation_employeurs_multipro": "Organisations d'employeurs multiprofessionnelles (FNSEA, UDES, UNAPL).",
    "france_travail": "France Travail (opérateur du réseau pour l'emploi).",
    "mission_locale": "Missions locales (réseau pour l'emploi, jeunes de 16 à 25 ans).",
    "cap_emploi": "Cap emploi (organismes de placement spécialisés des personnes handicapées).",
    "syndicat_interesse": "CREFOP renommé : organisations syndicales intéressées du III de l’article R2272-9 (R. 6123-3-3 3° d).",
    "reseau_consulaire": "CREFOP renommé : réseaux consulaires, un représentant chacun (R. 6123-3-3 4°).",
    "operateur": "CREFOP renommé : autres opérateurs de l'emploi, de la formation et de l'orientation (R. 6123-3-3 5°).",
    "personnalite_qualifiee": "CREFOP renommé : personnalités qualifiées en transition écologique (R. 6123-3-3 6°).",
}
VALEURS_DECRITES: dict[tuple[str, str], dict[str, str]] = {
    ("Comite", "niveau"): {
        "regional": "Comité régional pour l'emploi, au sein du CREFOP ou CREFOP renommé (L. 5311-10 I 1°).",
        "departemental": "Comité départemental pour l'emploi (R. 5311-22 à R. 5311-29).",
        "local": "Comité local pour l'emploi, ressort fixé par arrêté du préfet (R. 5311-30).",
        "territorial": "Comité territorial pour l'emploi d'outre-mer, au sein du CREFOP (L. 5523-7, L. 5523-8).",
        "territorial_unique": "Comité territorial unique : Saint-Pierre-et-Miquelon, Saint-Barthélemy, "
        "Saint-Martin (L. 5523-9).",
    },
    ("Comite", "forme"): {
        "au_sein_du_crefop": "Le comité régional est constitué au sein du CREFOP.",
        "crefop_renomme": "Le CREFOP devient le comité régional pour l'emploi.",
    },
    ("Membre", "college"): COLLEGES_DECRITS,
    ("President", "college"): COLLEGES_DECRITS,
    ("InstanceRemplacee", "devenir"): {
        "supprimee": "L'instance antérieure est supprimée.",
        "integree": "L'instance antérieure est intégrée au comité (commission, formation…).",
    },
    ("InstanceRemplacee", "type"): {
        "SPER": "Service public de l'emploi régional.",
        "SPED": "Service public de l'emploi départemental.",
        "SPEL": "Service public de l'emploi local.",
        "CDIAE": "Conseil départemental de l'insertion par l'activité économique.",
        "CDEI": "Commission départementale de l'emploi et de l'insertion.",
        "autre": "Autre instance.",
    },
    ("Seance", "nature"): {
        "ordinaire": "Séance ordinaire du comité.",
        "pleniere": "Séance plénière.",
        "conference_financeurs": "Conférence des financeurs.",
        "commission": "Réunion d'une commission du comité.",
    },
    ("FicheAction", "statut"): {
        "a_lancer": "Action à lancer.",
        "en_cours": "Action en cours.",
        "realisee": "Action réalisée.",
        "abandonnee": "Action abandonnée.",
    },
}

TITRES = {
    "Comite": "Comité", "Seance": "Séance", "FeuilleDeRoute": "Feuille de route",
    "Parametres": "Paramètres datés et sourcés", "Membre": "Membre", "President": "Coprésident",
    "Arrete": "Arrêté", "Ressort": "Ressort", "Periode": "Période", "Commission": "Commission",
}

_MOTIFS = {
    "code_region": (r"^(\d{2}|97[578])$", ["27"]),
    "code_departement": (r"^(\d{2}|2[AB]|97\d)$", ["21"]),
    "code_commune": (r"^(\d{5}|2[AB]\d{3})$", ["21231"]),
    "siren": (r"^\d{9}$", ["242100410"]),
    "identifiant": (r"^[a-z0-9]+(-[a-z0-9]+)*$", ["cle-21-plaine-dijonnaise"]),
}
#: (modèle, champ) -> motif ; « [] » : le motif porte sur les éléments de la liste
_CHAMPS_MOTIFS = {
    ("Comite", "region"): "code_region", ("Comite", "departements[]"): "code_departement",
    ("Membre", "departement"): "code_departement", ("PeriodeRotation", "departements[]"): "code_departement",
    ("President", "departement"): "code_departement",
    ("Ressort", "communes[]"): "code_commune", ("Ressort", "epci[]"): "siren", ("Membre", "epci"): "siren",
    ("Comite", "id"): "identifiant", ("Seance", "id"): "identifiant", ("Seance", "comite"): "identifiant",
    ("Seance", "commission"): "identifiant", ("FeuilleDeRoute", "id"): "identifiant",
    ("FeuilleDeRoute", "comite"): "identifiant", ("Commission", "id"): "identifiant",
    ("Parametres", "id"): "identifiant",
}
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_DATE_HEURE = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$"

#: clés requises selon le niveau du comité (FORMAT §1, règle cles-par-niveau)
REQUISES_PAR_NIVEAU = {
    "regional": ["forme"],
    "departemental": ["departements"],
    "local": ["departements", "ressort"],
}


def schema() -> dict[str, Any]:
    """Le JSON Schema complet du format (un document YAML = une instance)."""
    from typing import Annotated, Union

    from pydantic import Field, TypeAdapter

    from cte_cli.model import MODELES

    union = Annotated[Union[tuple(MODELES.values())], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007
    brut = TypeAdapter(union).json_schema(ref_template="#/$defs/{model}")  # type: ignore[arg-type]
    definitions = brut["$defs"]
    commentaires = _commentaires_des_modeles()
    for nom, definition in definitions.items():
        _retoucher(nom, definition, commentaires.get(nom, {}))
    comite = definitions.get("Comite")
    if comite is not None:
        comite["allOf"] = [
            {"if": {"properties": {"niveau": {"const": niveau}}, "required": ["niveau"]},
             "then": {"required": cles}}
            for niveau, cles in REQUISES_PAR_NIVEAU.items()
        ]
    branches = [{"$ref": f"#/$defs/{modele.__name__}"} for modele in MODELES.values()]
    return {
        "$schema": ID_SCHEMA,
        "$id": "https://cte.invalid/schema/cte.schema.json",
        "title": "Configuration des comités territoriaux pour l'emploi (format cte)",
        "description": "Un fichier YAML du dépôt : un comité, une séance, une feuille de route ou un jeu "
        "de paramètres, selon la clé `type` (loi n° 2023-1196, décret n° 2024-560). Généré par `cte schema`.",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(MODELES), "description": "Nature du document."}},
        "oneOf": branches,
        "discriminator": {
            "propertyName": "type",
            "mapping": {t: f"#/$defs/{m.__name__}" for t, m in MODELES.items()},
        },
        "$defs": definitions,
    }


def texte() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def _retoucher(nom: str, definition: dict[str, Any], commentaires: dict[str, str]) -> None:
    definition["title"] = TITRES.get(nom, definition.get("title", nom))
    if "description" in definition:
        definition["description"] = " ".join(definition["description"].split())
    for champ, propriete in definition.get("properties", {}).items():
        propriete.pop("title", None)
        propriete.pop("default", None)
        description = propriete.get("description") or DESCRIPTIONS.get((nom, champ)) or commentaires.get(champ)
        if description:
            propriete["description"] = description
        for variante in _variantes(propriete):
            _formats(variante)
        _fusionner_dates(propriete)
        _decrire_valeurs(propriete, VALEURS_DECRITES.get((nom, champ)))
        motif = _CHAMPS_MOTIFS.get((nom, champ)) or _CHAMPS_MOTIFS.get((nom, f"{champ}[]"))
        if motif:
            _motif(propriete, *_MOTIFS[motif], liste=(nom, f"{champ}[]") in _CHAMPS_MOTIFS)


def _decrire_valeurs(propriete: dict[str, Any], descriptions: dict[str, str] | None) -> None:
    """`enumDescriptions` (texte) et `markdownEnumDescriptions` à côté de chaque `enum`."""
    if not descriptions:
        return
    for variante in _variantes(propriete):
        if "enum" in variante:
            textes = [descriptions.get(v, "") for v in variante["enum"]]
            variante["enumDescriptions"] = textes
            variante["markdownEnumDescriptions"] = [f"**{v}** — {t}" for v, t in zip(variante["enum"], textes, strict=True)]


def _variantes(propriete: dict[str, Any]) -> list[dict[str, Any]]:
    """La propriété et ses branches anyOf (Optional), éléments de liste compris."""
    variantes = [propriete, *propriete.get("anyOf", [])]
    return variantes + [v["items"] for v in variantes if isinstance(v.get("items"), dict)]


def _formats(variante: dict[str, Any]) -> None:
    """Dates : motif ISO ; date-heure sans fuseau (JSON Schema exigerait un fuseau)."""
    if variante.get("format") == "date":
        variante["pattern"] = _DATE
        variante.setdefault("examples", ["2024-10-01"])
    elif variante.get("format") == "date-time":
        variante.pop("format")
        variante["pattern"] = _DATE_HEURE
        variante.setdefault("examples", ["2025-03-12T14:00"])


def _fusionner_dates(propriete: dict[str, Any]) -> None:
    """`date | date-heure` : une seule chaîne au motif de la date-heure (qui admet la date)."""
    motifs = {v.get("pattern") for v in propriete.get("anyOf", [])}
    if motifs == {_DATE, _DATE_HEURE}:
        del propriete["anyOf"]
        propriete.update({"type": "string", "pattern": _DATE_HEURE, "examples": ["2025-03-12T14:00"]})


def _motif(propriete: dict[str, Any], motif: str, exemples: list[str], liste: bool) -> None:
    for variante in [propriete, *propriete.get("anyOf", [])]:
        if liste and isinstance(variante.get("items"), dict):
            variante["items"].update({"pattern": motif, "examples": exemples})
            variante.setdefault("examples", [exemples])
        elif not liste and variante.get("type") == "string":
            variante.update({"pattern": motif, "examples": exemples})


_COMMENTAIRE = re.compile(r"^\s*#:\s?(.*)$")
_CHAMP = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*:")


def _commentaires_des_modeles() -> dict[str, dict[str, str]]:
    """Les commentaires `#:` qui précèdent les champs, modèle par modèle."""
    from pydantic import BaseModel

    from cte_cli import model

    resultat: dict[str, dict[str, str]] = {}
    for module in {m.__module__ for m in vars(model).values() if isinstance(m, type)}:
        for nom, classe in inspect.getmembers(__import__(module, fromlist=["_"]), inspect.isclass):
            if not issubclass(classe, BaseModel) or classe.__module__ != module:
                continue
            try:
                lignes = inspect.getsource(classe).splitlines()
            except (OSError, TypeError):
                continue
            resultat[nom] = _commentaires(lignes)
    return resultat


def _commentaires(lignes: list[str]) -> dict[str, str]:
    trouves: dict[str, str] = {}
    en_cours: list[str] = []
    for ligne in lignes:
        if m := _COMMENTAIRE.match(ligne):
            en_cours.append(m.group(1).strip())
        elif (m := _CHAMP.match(ligne)) and en_cours:
            texte = " ".join(en_cours)
            trouves[m.group(1)] = texte[:1].upper() + texte[1:] + ("" if texte.endswith(".") else ".")
            en_cours = []
        else:
            en_cours = []
    return trouves
