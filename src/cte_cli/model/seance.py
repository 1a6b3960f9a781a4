"""Modèle d'une séance (FORMAT §1, `type: seance`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from cte_cli.model.types import DateHeure, DateISO, Identifiant, Modele, Texte


class Representation(Modele):
    membre: Texte
    mandataire: Texte


class Adresse(Modele):
    """Adresse postale du lieu de la séance (convocation, invitation .ics)."""

    #: numéro et voie (« 53 bis rue de la Préfecture »)
    voie: Texte
    #: bâtiment, étage, entrée (facultatif)
    complement: Texte | None = None
    #: code postal (« 21000 »)
    code_postal: Texte
    #: commune (« Dijon »)
    commune: Texte


class Visio(Modele):
    """Participation par visioconférence (R. 5311-42)."""

    #: adresse de connexion (https://…)
    lien: Texte
    #: identifiant, code ou numéro d'appel de la réunion (facultatif)
    acces: Texte | None = None
    #: vrai (défaut) : un membre présent par visioconférence compte pour le quorum et vote (R. 5311-40,
    #: R. 5311-41, dans les conditions de l'ordonnance n° 2014-1329) ; faux : simple retransmission
    compte_pour_quorum: bool = True


class Contact(Modele):
    """Secrétariat à joindre pour répondre à la convocation."""

    #: service ou personne (« Secrétariat du CDE, DDETS de la Côte-d'Or »)
    nom: Texte
    #: adresse électronique du secrétariat
    courriel: Texte | None = None
    #: téléphone du secrétariat
    telephone: Texte | None = None


class PieceJointe(Modele):
    """Un document de travail joint à la convocation ou mis à disposition (R. 5311-45)."""

    #: titre du document
    titre: Texte
    #: adresse où le consulter (facultatif) ; sans adresse, le document est joint à l'envoi
    lien: Texte | None = None


#: un décompte de voix : un total (nombre de voix), ou les noms des votants (chacun pour ses voix)
Decompte = Annotated[int, Field(ge=0, le=100_000)] | list[Texte]


class Votes(Modele):
    """Résultat d'un vote : totaux de voix, ou noms des votants (pondérés par leurs voix)."""

    #: voix pour : un nombre de voix, ou la liste des votants
    pour: Decompte = 0
    #: voix contre : un nombre de voix, ou la liste des votants
    contre: Decompte = 0
    #: abstentions : un nombre de voix, ou la liste des membres qui s'abstiennent
    abstentions: Decompte = 0
    #: refus de prendre part au vote : un nombre de voix, ou la liste des membres
    refus_de_vote: Decompte = 0


class Deliberation(Modele):
    """Une délibération (décision ou avis) sur un point de l'ordre du jour (R. 5311-41)."""

    #: numéro du point de l'ordre du jour (1 pour le premier)
    point: int = Field(ge=1, le=1000)
    #: texte soumis au comité : la décision ou l'avis adopté ou rejeté
    texte: Texte
    #: decision (défaut) ou avis
    nature: Literal["decision", "avis"] = "decision"
    #: adopté par consensus, sans vote (instruction DGEFP/DAT/2024/92) ; alors pas de `votes`
    consensus: bool = False
    #: décompte des voix (totaux ou noms des votants)
    votes: Votes | None = None
    #: en cas de partage égal des voix, sens du vote du coprésident représentant de l'État, qui
    #: l'emporte (R. 5311-41) ; inutile si son nom figure dans les listes de votants
    voix_preponderante: Literal["pour", "contre"] | None = None
    #: résultat consigné : adoptee ou rejetee (vérifié d'après le décompte)
    resultat: Literal["adoptee", "rejetee"]


class Seance(Modele):
    type: Literal["seance"]
    id: Identifiant | None = None
    comite: Identifiant
    date: DateHeure
    lieu: Texte
    nature: Literal["ordinaire", "pleniere", "conference_financeurs", "commission"]
    commission: Identifiant | None = None
    ordre_du_jour: list[Texte]
    presents: list[Texte] | None = None
    representes: list[Representation] | None = None
    convoques_le: DateISO | None = None
    #: séance tenue sans condition de quorum après une nouvelle convocation, envoyée ce jour-là,
    #: portant sur le même ordre du jour et spécifiant qu'aucun quorum n'est exigé (R. 5311-40)
    sans_quorum_apres_convocation_du: DateISO | None = None
    #: durée prévue en minutes (convocation, invitation .ics) ; 120 par défaut
    duree_minutes: int | None = Field(default=None, gt=0, le=1440)
    #: adresse postale du lieu : {voie, complement?, code_postal, commune}
    adresse: Adresse | None = None
    #: salle de réunion
    salle: Texte | None = None
    #: visioconférence : {lien, acces?, compte_pour_quorum} (R. 5311-42)
    visio: Visio | None = None
    #: secrétariat à joindre : {nom, courriel?, telephone?}
    contact: Contact | None = None
    #: date limite de réponse à la convocation (présence, suppléance, pouvoir)
    reponse_avant: DateISO | None = None
    #: documents de travail : {titre, lien?} (R. 5311-45 ; R. 6123-3-14 au CREFOP)
    documents: list[PieceJointe] = Field(default_factory=list)
    #: présents qui ont participé par visioconférence (noms, parmi `presents`)
    a_distance: list[Texte] | None = None
    #: délibérations : une par décision ou avis, avec le point de l'ordre du jour et les votes
    deliberations: list[Deliberation] | None = None
