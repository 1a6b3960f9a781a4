"""La vue : les données, stables et documentées, que reçoivent les modèles de documents.

Elle est construite à partir des modèles validés (comité, séance) et ne contient que des
textes, des nombres, des booléens, des listes et les dataclasses ci-dessous : jamais un
modèle pydantic, un chemin de fichier ou un courriel. Chaque donnée absente du YAML est un
:class:`Manquant` : un modèle peut le tester (`{% if x is defined %}`) ou lui donner une valeur
par défaut (`{{ x | default("…") }}`) ; s'il l'affiche, la génération s'arrête sur une erreur
qui nomme la clé YAML à renseigner, son fichier et sa ligne (jamais un blanc dans un document
signé). La référence de la vue (docs/documents.md) est produite à partir de ces classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import UndefinedError

from cte_cli.constats import Cible
from cte_cli.documents import dates
from cte_cli.documents.typographie import nettoyer
from cte_cli.rules import categories as cat

DUREE_DEFAUT_MINUTES = 120


# --- données manquantes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Où renseigner une donnée absente : document, chemin du nœud, conseil."""

    document: Any
    chemin: tuple
    conseil: str

    @property
    def fichier(self) -> str:
        return self.document.fichier

    @property
    def cle(self) -> str:
        texte = ""
        for pas in self.chemin:
            texte += f"[{pas}]" if isinstance(pas, int) else (f".{pas}" if texte else str(pas))
        return texte

    def ligne(self) -> int:
        return self.document.localiser(self.chemin, Cible.CLE)[0]


class Manquant(StrictUndefined):
    """Donnée absente du YAML : toute utilisation autre que `is defined` ou `default` échoue."""

    __slots__ = ("_variable", "_source")

    def __init__(self, variable: str, source: Source):
        super().__init__(name=variable)
        self._variable = variable
        self._source = source

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any):
        raise DonneeManquante(self)


#: toute opération sur une donnée manquante lève DonneeManquante (et non l'erreur générique)
for _nom in (
    "__str__", "__iter__", "__len__", "__bool__", "__hash__", "__eq__", "__ne__", "__contains__",
    "__getitem__", "__call__", "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
    "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pos__",
    "__neg__", "__lt__", "__le__", "__gt__", "__ge__", "__int__", "__float__", "__complex__",
    "__pow__", "__rpow__", "__aiter__",
):
    setattr(Manquant, _nom, Manquant._fail_with_undefined_error)


class DonneeManquante(UndefinedError):
    """Levée quand un modèle affiche une donnée absente du YAML."""

    def __init__(self, manquant: Manquant):
        super().__init__(manquant._variable)
        self.variable = manquant._variable
        self.source = manquant._source


def manquant(variable: str, document: Any, chemin: tuple, conseil: str) -> Manquant:
    return Manquant(variable, Source(document, chemin, conseil))


def _ou_manquant(valeur: Any, variable: str, document: Any, chemin: tuple, conseil: str) -> Any:
    if valeur is None or valeur == "" or valeur == []:
        return manquant(variable, document, chemin, conseil)
    return valeur


def _texte(valeur: Any) -> Any:
    return nettoyer(valeur) if isinstance(valeur, str) else valeur


def champ(doc: str, type_: Any = None) -> Any:
    """Un champ documenté de la vue (la documentation alimente docs/documents.md) ; `type_`
    précise le type d'un champ qui peut être Manquant (pour `cte modeles verifier`)."""
    return field(metadata={"doc": doc, "type": type_})


# --- classes de la vue -----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, eq=False)
class Suppleant:
    """Un suppléant d'un membre (R. 5311-36)."""

    nom: str = champ("nom et prénom")
    qualite: str = champ("fonction")


@dataclass(frozen=True, kw_only=True, eq=False)
class Personne:
    """Un coprésident (ou une personne sans siège : invité convoqué à une commission)."""

    nom: str = champ("nom et prénom")
    qualite: str = champ("fonction (« Préfète de la Côte-d'Or »)")
    college: str = champ("code du collège (`etat`, `departement`…), vide pour un invité")
    college_libelle: str = champ("libellé du collège (« État »)")
    etat: bool = champ("vrai pour le représentant de l'État (voix prépondérante, R. 5311-41)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Membre:
    """Un membre titulaire du comité."""

    nom: str = champ("nom et prénom")
    qualite: str = champ("fonction")
    organisation: Any = champ("organisation représentée (Manquant si absente)", str)
    college: str = champ("code du collège")
    college_libelle: str = champ("libellé du collège (« organisations syndicales de salariés »)")
    rang: str = champ("catégorie de l'article de composition (« 5° »)")
    voix: Any = champ("nombre de voix fixé par l'arrêté (Manquant si non fixé)", int)
    voix_deliberative: bool = champ("vrai si le collège a voix délibérative (R. 5311-37)")
    suppleants: list[Suppleant] = champ("suppléants (liste, éventuellement vide)")
    mandat_fin: Any = champ("fin du mandat, « 3 novembre 2027 » (Manquant si non renseignée)", str)


@dataclass(frozen=True, kw_only=True, eq=False)
class Destinataire(Membre):
    """Le destinataire d'une convocation : un membre, et à qui il peut donner pouvoir."""

    mandataires_possibles: list[str] = champ(
        "membres du même collège, titulaires ou suppléants, pouvant recevoir son pouvoir (R. 5311-43)"
    )


@dataclass(frozen=True, kw_only=True, eq=False)
class College:
    """Une catégorie de membres de l'article de composition (« 1° – État »)."""

    code: str = champ("code du collège (`etat`…)")
    rang: str = champ("« 1° », « 4° et 6° » (outre-mer)")
    libelle: str = champ("« État », « organisations syndicales de salariés »")
    intitule: str = champ("« 1° – État »")
    article: str = champ("article de composition (« R. 5311-23 »)")
    voix_deliberative: bool = champ("vrai si ses membres ont voix délibérative (R. 5311-37)")
    membres: list[Membre] = champ("membres titulaires du collège")
    nombre: int = champ("nombre de membres titulaires")


@dataclass(frozen=True, kw_only=True, eq=False)
class Invite:
    """Une personne invitée aux travaux, sans voix (R. 5311-19, R. 5311-25, R. 5311-34)."""

    nom: str = champ("nom et prénom")
    qualite: str = champ("fonction")
    organisation: Any = champ("organisation (Manquant si absente)", str)


@dataclass(frozen=True, kw_only=True, eq=False)
class Commission:
    """Une commission du comité (commission inclusion et IAE de R. 5311-26, ou créée par le
    règlement intérieur, R. 5311-45)."""

    id: str = champ("identifiant")
    nom: str = champ("nom")
    objet: str = champ("objet (`inclusion_iae` pour la commission de R. 5311-26), vide s'il n'est pas renseigné")
    iae: bool = champ("vrai pour la commission inclusion et insertion par l'activité économique")
    article: str = champ("« R. 5311-26 » pour la commission IAE, « R. 5311-45 » sinon")
    missions: list[str] = champ("missions de la commission IAE citées de R. 5311-26, avec leur préposition "
                                "(« De déterminer… », « D'émettre… ») ; vide pour une autre commission")
    membres: list[str] = champ("noms des membres de la commission")


@dataclass(frozen=True, kw_only=True, eq=False)
class Arrete:
    """L'arrêté fixant la composition du comité."""

    reference: str = champ("« Arrêté préfectoral n° 2024-1102 »")
    date: str = champ("« 15 octobre 2024 »")
    designation: str = champ("« l'arrêté préfectoral n° 2024-1102 du 15 octobre 2024 » (dans une phrase)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Reglement:
    """Les réglages du règlement intérieur (clé `reglement_interieur`, R. 5311-45)."""

    adopte: bool = champ("vrai si `adopte_le` est renseigné")
    adopte_le: Any = champ("date d'adoption, « 2 décembre 2024 »", str)
    reunions_par_an: Any = champ("nombre de réunions par an", int)
    secretariat: Any = champ("qui assure le secrétariat des séances", str)
    delai_convocation_jours: Any = champ("délai d'envoi des convocations, en jours", int)
    modalites_vote: Any = champ("modalités de vote", str)
    representation_usagers: Any = champ("modalités d'association des usagers (R. 5311-46)", str)
    commissions_fonctionnement: Any = champ("règles de fonctionnement des commissions", str)
    modalites_audit: Any = champ("information et accord de la collectivité visée par une demande d'audit (R. 5311-3-6)", str)


@dataclass(frozen=True, kw_only=True, eq=False)
class Comite:
    """Le comité, sa base légale et sa composition."""

    id: str = champ("identifiant")
    nom: str = champ("nom officiel")
    niveau: str = champ("`regional`, `departemental`, `local`, `territorial`, `territorial_unique`")
    niveau_libelle: str = champ("« comité départemental pour l'emploi »")
    article_institution: str = champ("« L. 5311-10, I, 2° »")
    article_composition: str = champ("« R. 5311-23 »")
    article_copresidence: str = champ("« R. 5311-22 »")
    copresidence: str = champ("qui copréside selon le décret, en toutes lettres")
    article_invites: str = champ("article des invités sans voix (« R. 5311-25 »)")
    article_voix: str = champ("article de la répartition des voix (« R. 5311-38 », « R. 5311-39 » au comité local)")
    visas: list[str] = champ("textes visés (« le code du travail, notamment… »), sans « Vu »")
    missions: list[str] = champ("missions de L. 5311-10, II, 1° à 4°, avec leur préposition (« De piloter… »)")
    region: str = champ("nom de la région")
    region_code: str = champ("code INSEE de la région")
    departements: list[str] = champ("départements du ressort, « Côte-d'Or (21) »")
    epci: list[str] = champ("EPCI à fiscalité propre du ressort (comité local), par nom")
    communes: list[str] = champ("communes hors EPCI du ressort (comité local), par nom")
    arrete: Any = champ("arrêté de composition (Manquant si absent)", "Arrete")
    installation: Any = champ("date d'installation (Manquant si absente)", str)
    presidents: list[Personne] = champ("coprésidents, dans l'ordre du fichier")
    president_etat: Any = champ("le coprésident représentant l'État (Manquant s'il n'y en a pas)", "Personne")
    colleges: list[College] = champ("collèges dans l'ordre de l'article de composition")
    membres: list[Membre] = champ("tous les membres titulaires, dans l'ordre des collèges")
    nombre_membres: int = champ("nombre de membres titulaires")
    invites: list[Invite] = champ("personnes invitées sans voix")
    commissions: list[Commission] = champ("commissions")
    commission_iae: Any = champ("la commission inclusion et IAE (Manquant si absente)", "Commission")
    votants: int = champ("membres ayant voix délibérative, coprésidents compris (R. 5311-37)")
    quorum: int = champ("présents ou représentés requis : la moitié au moins des votants (R. 5311-40)")
    reglement: Reglement = champ("réglages du règlement intérieur")


@dataclass(frozen=True, kw_only=True, eq=False)
class Presence:
    """Une personne inscrite dans `presents`, rapprochée de la composition du comité."""

    nom: str = champ("nom tel qu'écrit dans `presents`")
    qualite: str = champ("fonction (vide pour une personne extérieure au comité)")
    college_libelle: str = champ("collège (vide pour un invité ou une personne extérieure)")
    role: str = champ("« coprésident », « titulaire », « suppléant de … », « invité » ou « personne extérieure au comité »")
    voix_deliberative: bool = champ("vrai si la personne occupe un siège ayant voix délibérative")
    a_distance: bool = champ("vrai si la personne a participé par visioconférence (`a_distance`)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Mandat:
    """Un pouvoir donné pour une séance (R. 5311-43)."""

    membre: str = champ("membre représenté")
    mandataire: str = champ("membre qui reçoit le pouvoir")
    college_libelle: str = champ("collège du membre représenté")
    effectif: bool = champ("vrai si le pouvoir est valable : mandant membre, mandataire du même collège (R. 5311-43)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Quorum:
    """Le décompte de R. 5311-40 d'après `presents` et `representes`."""

    applicable: bool = champ("vrai pour une séance ordinaire ou plénière ; faux pour une commission ou une conférence des financeurs")
    votants: int = champ("membres ayant voix délibérative, coprésidents compris")
    requis: int = champ("présents ou représentés requis (la moitié au moins)")
    presents: int = champ("votants présents (titulaire ou suppléant)")
    representes: int = champ("votants représentés par un mandataire présent")
    total: int = champ("présents + représentés")
    atteint: bool = champ("vrai si le quorum est atteint")
    sans_quorum: bool = champ("vrai pour une séance tenue après une nouvelle convocation sans quorum")
    peut_deliberer: bool = champ("quorum atteint, ou séance sans condition de quorum")
    procurations_ecartees: int = champ("pouvoirs écartés : mandataire d'un autre collège ou inconnu (R. 5311-43)")
    constat: str = champ("phrase qui conclut sur le quorum, avec les chiffres et l'article")


@dataclass(frozen=True, kw_only=True, eq=False)
class Entete:
    """L'en-tête du document : l'État et le service qui l'établit (réglable dans
    `modeles/entete.toml`, docs/documents.md)."""

    institution: str = champ("« Préfet de la Côte-d'Or » ; une ligne par préfet pour un arrêté conjoint")
    service: str = champ("« Direction départementale de l'emploi, du travail et des solidarités de la Côte-d'Or »")
    adresse: list[str] = champ("lignes de l'adresse (vide si non réglée)")
    coordonnees: list[str] = champ("téléphone, courriel, site, s'ils sont réglés")
    logo: str = champ("repère du logo : `{{ entete.logo }}` seul dans un paragraphe .docx y place l'image ; "
                      "vide sans logo")
    ville: str = champ("ville où le document est signé (« Dijon ») : chef-lieu, sauf réglage")
    tribunal: str = champ("« le tribunal administratif de Dijon » (voies et délais de recours)")
    proposition: str = champ("« du directeur départemental de l'emploi, du travail et des solidarités… » "
                             "(« Sur proposition … » d'un arrêté), vide s'il n'y en a pas")


@dataclass(frozen=True, kw_only=True, eq=False)
class Adresse:
    """L'adresse postale du lieu de la séance."""

    lignes: list[str] = champ("lignes de l'adresse (voie, complément, code postal et commune)")
    texte: str = champ("l'adresse sur une ligne (« 53 bis rue de la Préfecture, 21000 Dijon »)")
    commune: str = champ("commune (« Dijon »)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Visio:
    """La visioconférence (R. 5311-42)."""

    lien: str = champ("adresse de connexion")
    acces: str = champ("identifiant, code ou numéro d'appel (vide s'il n'est pas donné)")
    compte_pour_quorum: bool = champ("vrai : les membres présents à distance comptent pour le quorum et votent "
                                     "(R. 5311-40, R. 5311-41)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Contact:
    """Le secrétariat à joindre."""

    nom: str = champ("service ou personne")
    courriel: str = champ("adresse électronique (vide si absente)")
    telephone: str = champ("téléphone (vide si absent)")
    texte: str = champ("« Secrétariat du CDE, 03 80 00 00 00, cde21@exemple.gouv.fr »")


@dataclass(frozen=True, kw_only=True, eq=False)
class Piece:
    """Un document de travail de la séance (R. 5311-45)."""

    titre: str = champ("titre")
    lien: str = champ("adresse où le consulter (vide : joint à l'envoi)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Vote:
    """Le décompte pondéré d'une délibération (R. 5311-41), celui de la règle deliberation-resultat."""

    pour: int = champ("voix pour")
    contre: int = champ("voix contre")
    abstentions: int = champ("voix des abstentions")
    refus_de_vote: int = champ("voix des membres qui ne prennent pas part au vote")
    exprimes: int = champ("suffrages exprimés : pour + contre")
    majorite: int = champ("voix pour nécessaires hors partage (plus de la moitié des suffrages exprimés)")
    partage: bool = champ("vrai en cas de partage égal des voix")
    preponderante: str = champ("sens du vote prépondérant du représentant de l'État en cas de partage, sinon vide")
    votants: list[str] = champ("« pour : A, B ; contre : C » par catégorie, quand les votants sont nommés")
    detail: str = champ("« 12 voix pour, 3 contre, 2 abstentions ; 15 suffrages exprimés, majorité 8 »")


@dataclass(frozen=True, kw_only=True, eq=False)
class Decision:
    """Une délibération d'un point de l'ordre du jour."""

    numero: int = champ("numéro du point de l'ordre du jour")
    point: str = champ("intitulé du point")
    nature: str = champ("« décision » ou « avis »")
    texte: str = champ("texte soumis au comité")
    consensus: bool = champ("vrai si adoptée par consensus, sans vote")
    vote: Any = champ("décompte pondéré (Manquant pour un consensus)", "Vote")
    adoptee: bool = champ("vrai si adoptée (d'après le décompte)")
    resultat: str = champ("« adoptée », « rejetée » (accordé à la nature : « adopté » pour un avis)")
    constat: str = champ("phrase qui conclut : « Adoptée à la majorité des suffrages exprimés (R. 5311-41). »")


@dataclass(frozen=True, kw_only=True, eq=False)
class Point:
    """Un point de l'ordre du jour et ses délibérations."""

    numero: int = champ("numéro (1 pour le premier)")
    intitule: str = champ("intitulé")
    decisions: list[Decision] = champ("délibérations sur ce point (vide : point d'information)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Seance:
    """Une séance du comité (ou d'une de ses commissions)."""

    id: str = champ("identifiant (nom du fichier par défaut)")
    nature: str = champ("`ordinaire`, `pleniere`, `conference_financeurs`, `commission`")
    nature_libelle: str = champ("« séance ordinaire », « réunion plénière »…")
    intitule: str = champ("« réunion plénière du 12 mars 2025 »")
    date: Any = champ("« mercredi 12 mars 2025 à 14 h 00 » (Manquant sans heure)", str)
    jour: str = champ("« mercredi 12 mars 2025 »")
    heure: Any = champ("« 14 h 00 » (Manquant sans heure)", str)
    heure_fin: Any = champ("heure de fin prévue d'après `duree_minutes` (120 par défaut)", str)
    date_iso: str = champ("« 2025-03-12T14:00 »")
    lieu: str = champ("lieu")
    ordre_du_jour: list[str] = champ("points de l'ordre du jour")
    commission: Any = champ("la commission réunie (Manquant hors réunion de commission)", "Commission")
    convoques_le: Any = champ("date d'envoi de la convocation (Manquant si absente)", str)
    sans_quorum: bool = champ("vrai après une nouvelle convocation sans condition de quorum (R. 5311-40)")
    premiere_convocation: Any = champ("date de la nouvelle convocation sans quorum (Manquant sinon)", str)
    convoques: list[Destinataire] = champ("membres convoqués : titulaires en fonctions, ou membres de la commission")
    colleges: list[College] = champ("les convoqués regroupés par collège")
    votants: int = champ("sièges ayant voix délibérative le jour de la séance, coprésidents compris")
    requis: int = champ("présents ou représentés requis pour le quorum (R. 5311-40)")
    presents: Any = champ("les présents, liste de Presence (Manquant sans `presents`)", "list[Presence]")
    representes: Any = champ("pouvoirs donnés (liste de Mandat ; Manquant sans `representes`)", "list[Mandat]")
    absents: Any = champ("votants ni présents ni représentés (Manquant sans `presents`)", "list[str]")
    quorum: Any = champ("décompte du quorum (Manquant sans `presents`)", "Quorum")
    adresse: Any = champ("adresse du lieu (Manquant sans `adresse`)", "Adresse")
    salle: Any = champ("salle (Manquant sans `salle`)", str)
    lieu_complet: str = champ("lieu, salle et adresse sur une ligne")
    visio: Any = champ("visioconférence (Manquant sans `visio`)", "Visio")
    contact: Any = champ("secrétariat à joindre (Manquant sans `contact`)", "Contact")
    reponse_avant: Any = champ("date limite de réponse, « 1er décembre 2026 » (Manquant si absente)", str)
    documents: list[Piece] = champ("documents de travail (liste, éventuellement vide)")
    a_distance: list[str] = champ("présents par visioconférence (liste, éventuellement vide)")
    deliberations: Any = champ("toutes les délibérations (Manquant sans `deliberations` : relevé à compléter)",
                               "list[Decision]")
    points: list[Point] = champ("les points de l'ordre du jour, chacun avec ses délibérations")
    delai_convocation: Any = champ("délai de convocation du règlement intérieur, en jours (Manquant s'il n'est "
                                   "pas fixé)", int)


@dataclass(frozen=True, kw_only=True, eq=False)
class Document:
    """Ce qui concerne le document lui-même."""

    titre: str = champ("titre du document")
    date: str = champ("date du document, « 3 mars 2025 »")
    genere_le: str = champ("date de génération")
    outil: str = champ("« cte 0.1.0 »")
    modele: str = champ("nom du modèle utilisé (« reglement.docx »)")


# --- arrêtés ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, eq=False)
class Signataire:
    """Un signataire d'arrêté (un par préfet pour un arrêté conjoint)."""

    qualite: str = champ("« Le préfet de la Côte-d'Or »")
    nom: str = champ("nom, s'il est connu (le coprésident de l'État), sinon vide : à compléter")


@dataclass(frozen=True, kw_only=True, eq=False)
class Acte:
    """L'arrêté produit : référence, objet, auteur, visas, signature, recours."""

    nature: str = champ("`composition`, `modificatif`, `voix` ou `ressort`")
    objet: str = champ("« portant composition du comité départemental pour l'emploi de la Côte-d'Or »")
    reference: str = champ("« Arrêté préfectoral n° 21-2024-10-15-00012 », ou « Arrêté n° ……… » à compléter")
    date: str = champ("« 15 octobre 2024 », ou « ……… » à compléter")
    a_completer: bool = champ("vrai si la référence ou la date manque dans le dépôt (blancs visibles)")
    conjoint: bool = champ("vrai pour un arrêté conjoint des préfets (R. 5311-29, R. 5311-35)")
    auteurs: str = champ("« Le préfet de la région Bourgogne-Franche-Comté, préfet de la Côte-d'Or, »")
    visas: list[str] = champ("textes visés, sans « Vu » ni « ; »")
    considerants: list[str] = champ("considérants, sans « Considérant »")
    proposition: str = champ("« Sur proposition du directeur départemental… », ou vide")
    recours: str = champ("voies et délais de recours (deux mois, R. 421-1 du code de justice administrative)")
    execution: str = champ("article d'exécution et de publication")
    fait_a: str = champ("« Fait à Dijon, le 15 octobre 2024 » (blanc visible sans date)")
    signataires: list[Signataire] = champ("signataires : un par préfet")


@dataclass(frozen=True, kw_only=True, eq=False)
class Categorie:
    """Une catégorie de l'article de composition, dans un arrêté."""

    rang: str = champ("« 1° »")
    intitule: str = champ("« 1° – État »")
    designation: str = champ("« Représentants de l'État, nommés par le préfet de département »")
    voix_deliberative: bool = champ("vrai si ses membres ont voix délibérative (R. 5311-37)")
    nommes: bool = champ("vrai si ses membres sont nommés pour trois ans (R. 5311-36) ; faux : membres de droit")
    nombre: int = champ("nombre de membres titulaires")
    membres: list[Membre] = champ("membres titulaires")


@dataclass(frozen=True, kw_only=True, eq=False)
class CompositionActe:
    """Le contenu d'un arrêté portant composition."""

    presidence: str = champ("« présidé conjointement par le préfet de la Côte-d'Or et le président du conseil "
                            "départemental de la Côte-d'Or (article R. 5311-22 du code du travail) »")
    presidents: list[Personne] = champ("coprésidents")
    prefet_president: str = champ("arrêté conjoint : « Le préfet du Bas-Rhin assure la présidence conjointe… », sinon vide")
    plafond: str = champ("« 23 membres au titre des 1° à 6° de l'article R. 5311-23, dans la limite de 27 (R. 5311-24) »")
    categories: list[Categorie] = champ("catégories dont les membres sont nommés (R. 5311-36)")
    de_droit: list[Categorie] = champ("catégories de membres de droit (France Travail…)")
    toutes: list[Categorie] = champ("toutes les catégories, dans l'ordre de l'article de composition")
    invites: list[Invite] = champ("invités sans voix")
    article_invites: str = champ("« R. 5311-25 »")
    mandat: str = champ("« du 15 octobre 2024 au 14 octobre 2027 », ou « trois ans à compter de la date du présent arrêté »")


@dataclass(frozen=True, kw_only=True, eq=False)
class Remplacement:
    """Le contenu d'un arrêté modificatif : un membre remplacé (R. 5311-36)."""

    membre: Membre = champ("le nouveau membre")
    categorie: str = champ("« 1° de l'article R. 5311-23 (État) »")
    remplace: str = champ("« Jean Dupuis, directeur académique… » : le membre remplacé")
    le: str = champ("date de la nomination, « 1er septembre 2025 » (ou blanc)")
    fin: str = champ("terme du mandat restant à courir, « 14 octobre 2027 »")
    initial: str = champ("« l'arrêté préfectoral n° … du … portant composition du comité »")


@dataclass(frozen=True, kw_only=True, eq=False)
class LigneVoix:
    """Un membre votant et ses voix, dans l'arrêté fixant le nombre de voix."""

    nom: str = champ("nom")
    qualite: str = champ("qualité et organisation")
    voix: int = champ("nombre de voix")
    regle: str = champ("règle appliquée (« R. 5311-38 3° : plus forte moyenne, CFDT 3 sur 8 »)")


@dataclass(frozen=True, kw_only=True, eq=False)
class GroupeVoix:
    """Un collège votant et les voix de ses membres."""

    intitule: str = champ("« 1° – État »")
    total: int = champ("voix du collège")
    lignes: list[LigneVoix] = champ("membres")


@dataclass(frozen=True, kw_only=True, eq=False)
class Moyenne:
    """Une organisation dans le calcul à la plus forte moyenne."""

    organisation: str = champ("« CFDT »")
    donnees: str = champ("audience retenue (« 30,88 % » ; employeurs : entreprises et salariés)")
    poids: str = champ("poids ramené à 100 entre les organisations représentées")
    quotients: list[str] = champ("moyennes poids ÷ 1, ÷ 2… ; « * » : moyenne retenue")
    voix: int = champ("voix attribuées")


@dataclass(frozen=True, kw_only=True, eq=False)
class CalculMoyenne:
    """La répartition à la plus forte moyenne d'un groupe (R. 5311-38 3° ou 4°)."""

    titre: str = champ("« Organisations syndicales de salariés (R. 5311-38 3°) : 8 voix »")
    colonnes: list[str] = champ("« ÷ 1 », « ÷ 2 »…")
    lignes: list[Moyenne] = champ("organisations")


@dataclass(frozen=True, kw_only=True, eq=False)
class VoixActe:
    """Le contenu d'un arrêté fixant le nombre de voix (R. 5311-38, R. 5311-39)."""

    article: str = champ("« R. 5311-38 » (comités régional, départementaux, outre-mer) ou « R. 5311-39 »")
    groupes: list[GroupeVoix] = champ("collèges votants")
    presidents: list[Personne] = champ("coprésidents (une voix chacun, R. 5311-38 5°)")
    voix_president: int = champ("voix de chaque coprésident")
    egalites: list[str] = champ("les égalités vérifiées, avec les chiffres")
    calculs: list[CalculMoyenne] = champ("répartitions à la plus forte moyenne (vide au comité local)")
    parametres: str = champ("jeu de paramètres d'audience utilisé, sa date et sa vérification (vide au comité local)")
    source: str = champ("source juridique des audiences (vide au comité local)")


@dataclass(frozen=True, kw_only=True, eq=False)
class Groupement:
    """Un EPCI (ou EPT) ou une commune d'un ressort."""

    nom: str = champ("nom")
    code: str = champ("SIREN ou code INSEE")
    communes: int = champ("nombre de communes")
    population: str = champ("population municipale (« 24 512 »)")
    note: str = champ("« dont 12 communes dans le Doubs », vide sinon")


@dataclass(frozen=True, kw_only=True, eq=False)
class RessortComite:
    """Un comité local et son ressort."""

    nom: str = champ("nom du comité")
    id: str = champ("identifiant")
    groupements: list[Groupement] = champ("EPCI à fiscalité propre ou EPT")
    communes: list[Groupement] = champ("communes hors EPCI")
    nombre_communes: int = champ("nombre de communes du ressort")
    population: str = champ("population municipale du ressort")
    interdepartemental: str = champ("« s'étend aussi sur le Doubs (arrêté conjoint, R. 5311-35) », sinon vide")


@dataclass(frozen=True, kw_only=True, eq=False)
class RessortActe:
    """Le contenu d'un arrêté fixant le ressort des comités locaux d'un département (R. 5311-30)."""

    departement: str = champ("« Côte-d'Or (21) »")
    de_departement: str = champ("« de la Côte-d'Or »")
    comites: list[RessortComite] = champ("comités locaux")
    couverture: str = champ("la couverture du département, sans recouvrement, avec les chiffres")
    population: str = champ("population municipale du département")


#: variables de premier niveau reçues par chaque modèle
VARIABLES: dict[str, dict[str, type]] = {
    "reglement": {"comite": Comite, "document": Document, "entete": Entete},
    "convocation": {"comite": Comite, "seance": Seance, "destinataire": Destinataire, "document": Document,
                    "entete": Entete},
    "invitation": {"comite": Comite, "seance": Seance, "invite": Invite, "document": Document, "entete": Entete},
    "emargement": {"comite": Comite, "seance": Seance, "document": Document, "entete": Entete},
    "releve": {"comite": Comite, "seance": Seance, "document": Document, "entete": Entete},
    "arrete-composition": {"acte": Acte, "comite": Comite, "composition": CompositionActe, "document": Document,
                           "entete": Entete},
    "arrete-modificatif": {"acte": Acte, "comite": Comite, "remplacement": Remplacement, "document": Document,
                           "entete": Entete},
    "arrete-voix": {"acte": Acte, "comite": Comite, "voix": VoixActe, "document": Document, "entete": Entete},
    "arrete-ressort": {"acte": Acte, "ressort": RessortActe, "document": Document, "entete": Entete},
}


# --- textes de droit -------------------------------------------------------------------------

NIVEAUX = {
    "regional": ("comité régional pour l'emploi", "L. 5311-10, I, 1°"),
    "departemental": ("comité départemental pour l'emploi", "L. 5311-10, I, 2°"),
    "local": ("comité local pour l'emploi", "L. 5311-10, I, 3°"),
    "territorial": ("comité territorial pour l'emploi", "L. 5523-7 et L. 5523-8"),
    "territorial_unique": ("comité territorial unique", "L. 5523-9"),
}

#: articles réglementaires propres à chaque niveau, visés par le règlement intérieur
ARTICLES_NIVEAU = {
    "regional": "R. 5311-15 à R. 5311-21",
    "departemental": "R. 5311-22 à R. 5311-29",
    "local": "R. 5311-30 à R. 5311-35",
    "territorial": "R. 5523-15-1 à R. 5523-15-31",
    "territorial_unique": "R. 5523-15-32 à R. 5523-15-42",
}

VISAS_COMMUNS = (
    "la loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi",
    "le décret n° 2024-560 du 18 juin 2024 relatif aux comités territoriaux pour l'emploi",
    "l'instruction n° DGEFP/DAT/2024/92 du 28 juin 2024 relative aux comités territoriaux pour l'emploi",
)

#: R. 5311-26 : missions de la commission inclusion et insertion par l'activité économique
MISSIONS_IAE = (
    "De déterminer la nature des actions à mener en vue de promouvoir les actions d'insertion par "
    "l'activité économique ; à cette fin, elle élabore un plan d'action pour l'insertion par "
    "l'activité économique et veille à la cohérence avec les autres dispositifs concourant à "
    "l'insertion, notamment les programmes départementaux d'insertion mentionnés à l'article "
    "L. 263-1 du code de l'action sociale et des familles, les plans locaux pluriannuels pour "
    "l'insertion et l'emploi mentionnés à l'article L. 5131-2 du code du travail et les contrats "
    "de ville mentionnés à l'article 6 de la loi n° 2014-173 du 21 février 2014 de programmation "
    "pour la ville et la cohésion urbaine",
    "D'émettre les avis relatifs aux demandes de conventionnement des employeurs mentionnés à "
    "l'article L. 5132-2 et aux demandes de concours du fonds de développement de l'inclusion "
    "prévu à l'article R. 5132-44",
)

def libelle_copresidence(comite: Any) -> str:
    """Qui copréside, en toutes lettres (R. 5311-16, -22, -28, -31 ; outre-mer, categories)."""
    if comite.niveau == "departemental":
        president = ("le président de la collectivité qui exerce les compétences du département (R. 5311-28)"
                     if comite.collectivite else "le président du conseil départemental")
        return f"le préfet de département et {president}"
    if comite.niveau == "local":
        nombre = sum(1 for p in comite.presidents if p.college != "etat")
        qui = ("un représentant de collectivité territoriale ou de groupement de collectivités qu'il désigne"
               if nombre <= 1 else
               f"{nombre} représentants de collectivités territoriales ou de groupements qu'il désigne")
        return f"le préfet de département et {qui}"
    if comite.niveau in ("territorial", "territorial_unique") and comite.region in PRESIDENTS_COLLECTIVITES:
        return f"le préfet et le président {PRESIDENTS_COLLECTIVITES[comite.region]}"
    return cat.copresidence(comite).libelle


#: président de la collectivité unique qui copréside outre-mer (R. 5523-15-22, R. 5523-15-34)
PRESIDENTS_COLLECTIVITES = {
    "02": "du conseil exécutif de Martinique", "03": "de l'assemblée de Guyane",
    "06": "du conseil départemental de Mayotte", "975": "du conseil territorial de Saint-Pierre-et-Miquelon",
    "977": "du conseil territorial de Saint-Barthélemy", "978": "du conseil territorial de Saint-Martin",
}


def article_institution(comite: Any) -> str:
    """L'article qui institue le comité (L. 5311-10 I ; outre-mer L. 5523-7, -8, -9)."""
    if comite.niveau == "territorial":
        return "L. 5523-8" if comite.region in cat.REGIONS_L5523_8 else "L. 5523-7"
    return NIVEAUX[comite.niveau][1]


def libelle_college(comite: Any, code: str) -> str:
    """Le libellé d'un collège ; outre-mer, la collectivité unique siège au collège `region` ou
    `departement` (R. 5523-15-23 2°, R. 5523-15-35 2°, R. 5523-15-31 2°)."""
    unique = comite.region in (*cat.REGIONS_L5523_8, *cat.COLLECTIVITES_L5523_9)
    if unique and code in ("region", "departement"):
        return collectivite_unique(comite.region)
    return cat.LIBELLES.get(code, code)


def collectivite_unique(region: str) -> str:
    """La collectivité qui siège seule outre-mer, dans les termes de R. 5523-15-23 2° : « le
    Département de Mayotte » (un département, pas une collectivité territoriale unique), « la
    collectivité territoriale unique » en Guyane et en Martinique, « la collectivité territoriale »
    à Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon (R. 5523-15-35 2°)."""
    if region == "06":
        return "Département de Mayotte"
    return "collectivité territoriale unique" if region in cat.REGIONS_L5523_8 else "collectivité territoriale"


#: personnes invitées sans voix : R. 5311-19 (CRE), R. 5311-25 (CDE), R. 5311-34 (CLE)
ARTICLES_INVITES = {"regional": "R. 5311-19", "departemental": "R. 5311-25", "local": "R. 5311-34"}

#: outre-mer : R. 5523-15-13 (Guadeloupe, La Réunion), R. 5523-15-26 (Guyane, Martinique,
#: Mayotte), R. 5523-15-38 (comité territorial unique) ; les comités régionaux et départementaux
#: de Guadeloupe et de La Réunion gardent R. 5311-19 et R. 5311-25 (R. 5523-15-1)
def article_invites(comite: Any) -> str:
    """L'article qui permet d'inviter aux travaux du comité, sans voix."""
    if comite.niveau == "territorial":
        return "R. 5523-15-26" if comite.region in cat.REGIONS_L5523_8 else "R. 5523-15-13"
    if comite.niveau == "territorial_unique":
        return "R. 5523-15-38"
    return ARTICLES_INVITES[comite.niveau]


_ECHELON = {"regional": "régionale", "departemental": "départementale", "local": "locale"}


def missions(niveau: str) -> list[str]:
    """Les missions de L. 5311-10, II, 1° à 4°, à l'échelon du comité."""
    echelon = _ECHELON.get(niveau, "territoriale")
    veille = "De veiller à la mise en œuvre des actions prévues à l'article L. 5311-8"
    if niveau == "departemental":
        veille += (" ; il peut faire procéder à des audits des opérateurs du réseau pour l'emploi "
                   "mentionnés aux 2° et 3° du II de l'article L. 5311-7")
    elif niveau == "local":
        veille += (" ; lorsqu'il constate des manquements, il peut saisir le comité départemental "
                   "en vue de la réalisation d'un audit")
    return [
        f"De piloter, coordonner et adapter à la situation {echelon} la mise en œuvre des orientations "
        "stratégiques arrêtées par le Comité national pour l'emploi",
        veille,
        "De participer au suivi de l'exécution des conventions conclues entre l'État et la région en "
        "application du II de l'article L. 6122-1, ou entre l'État et le département, dans le champ "
        "des missions du réseau pour l'emploi",
        "De réunir des conférences de financeurs pour l'insertion sociale et professionnelle",
    ]


NATURES = {
    "ordinaire": "séance ordinaire",
    "pleniere": "réunion plénière",
    "conference_financeurs": "conférence des financeurs",
    "commission": "réunion de commission",
}


# --- construction ----------------------------------------------------------------------------


#: une même catégorie du décret regroupe deux collèges du format (R. 5311-23 5° : syndicats de
#: salariés et organisations d'employeurs interprofessionnelles ; R. 5311-17 4°) : chaque
#: moitié est nommée, pour qu'on ne croie pas à une erreur de numérotation
PARTIES_DE_CATEGORIE = {"syndicat_salaries": "salariés", "organisation_employeurs": "employeurs"}


def intitule_college(code: str, rang: str, libelle: str, partage: bool = False) -> str:
    """« 1° – État » ; pour une catégorie partagée entre deux collèges, « 5° (salariés) –
    Organisations syndicales de salariés » et « 5° (employeurs) – Organisations d'employeurs
    interprofessionnelles »."""
    if not rang:
        return _majuscule(libelle)
    if partage and code in PARTIES_DE_CATEGORIE:
        return f"{rang} ({PARTIES_DE_CATEGORIE[code]}) – {_majuscule(libelle)}"
    return f"{rang} – {_majuscule(libelle)}"


def _majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def _ordre_colleges(comite: Any) -> list[tuple[str, str, str]]:
    """(code, rang, article) des collèges, dans l'ordre de l'article de composition."""
    compo = cat.composition(comite)
    ordre = [(code, rang, compo.article) for code, rang in compo.categories.items()]
    connus = {code for code, _, _ in ordre}
    for membre in comite.membres:  # collège hors de l'article (signalé par `cte validate`)
        if membre.college not in connus:
            ordre.append((membre.college, "", compo.article))
            connus.add(membre.college)
    return ordre


def _membre(doc: Any, comite: Any, i: int, rang: str, votants: set[str]) -> Membre:
    m = comite.membres[i]
    base = ("membres", i)
    return Membre(
        nom=_texte(m.nom), qualite=_texte(m.qualite),
        organisation=_ou_manquant(_texte(m.organisation), "membre.organisation", doc,
                                  (*base, "organisation"), "organisation représentée par le membre"),
        college=m.college, college_libelle=libelle_college(comite, m.college), rang=rang,
        voix=_ou_manquant(m.voix, "membre.voix", doc, (*base, "voix"),
                          "nombre de voix fixé par l'arrêté (R. 5311-38, R. 5311-39)"),
        voix_deliberative=m.college in votants,
        suppleants=[Suppleant(nom=_texte(s.nom), qualite=_texte(s.qualite)) for s in m.suppleants],
        mandat_fin=(dates.date_courte(m.mandat.fin) if m.mandat else
                    manquant("membre.mandat_fin", doc, (*base, "mandat"), "`mandat: {debut, fin}` (R. 5311-36)")),
    )


def _reglement(doc: Any, ri: Any) -> Reglement:
    base = ("reglement_interieur",)
    conseils = {
        "adopte_le": "date d'adoption du règlement intérieur",
        "reunions_par_an": "nombre de réunions par an (l'instruction DGEFP/DAT/2024/92 en conseille au moins trois)",
        "secretariat": "service qui assure le secrétariat des séances (R. 5311-45)",
        "delai_convocation_jours": "délai d'envoi des convocations avant la séance, en jours (R. 5311-45)",
        "modalites_vote": "modalités de vote (R. 5311-41)",
        "representation_usagers": "modalités d'association des usagers (R. 5311-46)",
        "commissions_fonctionnement": "règles de fonctionnement des commissions (R. 5311-45)",
        "modalites_audit": "information de la collectivité visée par une demande d'audit et recueil de son "
                           "accord (R. 5311-3-6)",
    }
    valeurs = {}
    for cle, conseil in conseils.items():
        valeur = _texte(getattr(ri, cle, None)) if ri is not None else None
        if isinstance(valeur, date):
            valeur = dates.date_courte(valeur)
        valeurs[cle] = _ou_manquant(valeur, f"comite.reglement.{cle}", doc, (*base, cle), conseil)
    return Reglement(adopte=bool(ri is not None and ri.adopte_le), **valeurs)


def _commission(c: Any) -> Commission:
    iae = c.objet == "inclusion_iae"
    return Commission(
        id=c.id, nom=_texte(c.nom), objet=c.objet if c.objet else "", iae=iae,
        article="R. 5311-26" if iae else "R. 5311-45",
        missions=list(MISSIONS_IAE) if iae else [], membres=[_texte(n) for n in c.membres],
    )


def _visas(comite: Any) -> list[str]:
    specifiques = ARTICLES_NIVEAU[comite.niveau]
    visas = [
        f"le code du travail, notamment ses articles L. 5311-7 à L. 5311-11, {specifiques} "
        "et R. 5311-36 à R. 5311-46",
        *VISAS_COMMUNS,
    ]
    if comite.arrete:
        visas.append(f"{designation_arrete(comite.arrete)} fixant la composition du comité")
    return visas


def designation_arrete(arrete: Any) -> str:
    """« l'arrêté préfectoral n° 2024-1102 du 15 octobre 2024 », à placer dans une phrase."""
    reference = _texte(arrete.reference)
    reference = reference[:1].lower() + reference[1:]
    article = "l'" if reference[:1] in "aâeéèêiîoôuyh" else "le "
    return f"{article}{reference} du {dates.date_courte(arrete.date)}"


def vue_comite(doc: Any, comite: Any, geo: Any = None) -> Comite:
    """La vue d'un comité validé (`doc` : le Document YAML, pour situer les données absentes)."""
    if geo is None:
        from cte_cli.referentiel import geographie

        geo = geographie()
    votants = set(cat.colleges_votants(comite))
    colleges, membres = [], []
    ordre = _ordre_colleges(comite)
    partages = {rang for _, rang, _ in ordre if rang and sum(1 for _, r, _ in ordre if r == rang) > 1}
    for code, rang, article in ordre:
        du_college = [_membre(doc, comite, i, rang, votants)
                      for i, m in enumerate(comite.membres) if m.college == code]
        libelle = libelle_college(comite, code)
        membres.extend(du_college)
        if du_college:
            colleges.append(College(
                code=code, rang=rang, libelle=libelle,
                intitule=intitule_college(code, rang, libelle, rang in partages),
                article=article, voix_deliberative=code in votants, membres=du_college,
                nombre=len(du_college),
            ))
    presidents = [Personne(nom=_texte(p.nom), qualite=_texte(p.qualite), college=p.college,
                           college_libelle=cat.LIBELLES.get(p.college, p.college), etat=p.college == "etat")
                  for p in comite.presidents]
    etat = next((p for p in presidents if p.etat), None)
    commissions = [_commission(c) for c in comite.commissions]
    iae = next((c for c in commissions if c.iae), None)
    region = geo.regions.get(comite.region)
    nb_votants = _votants(comite)
    libelle = NIVEAUX[comite.niveau][0]
    ressort = comite.ressort
    return Comite(
        id=comite.id, nom=_texte(comite.nom), niveau=comite.niveau, niveau_libelle=libelle,
        article_institution=article_institution(comite),
        article_composition=cat.composition(comite).article,
        article_copresidence=cat.copresidence(comite).article,
        copresidence=libelle_copresidence(comite),
        article_invites=article_invites(comite),
        article_voix="R. 5311-39" if comite.niveau == "local" else "R. 5311-38",
        visas=_visas(comite), missions=missions(comite.niveau),
        region=region.nom if region else comite.region, region_code=comite.region,
        departements=[_departement(geo, code) for code in comite.departements or ()],
        epci=[geo.epci[s].nom if s in geo.epci else s for s in (ressort.epci if ressort else ())],
        communes=[_commune(geo, c) for c in (ressort.communes if ressort else ())],
        arrete=(Arrete(reference=_texte(comite.arrete.reference), date=dates.date_courte(comite.arrete.date),
                       designation=designation_arrete(comite.arrete))
                if comite.arrete else manquant("comite.arrete", doc, ("arrete",),
                                               "`arrete: {reference, date}` de l'arrêté fixant la composition")),
        installation=(dates.date_courte(comite.installation) if comite.installation else
                      manquant("comite.installation", doc, ("installation",), "date d'installation du comité")),
        presidents=presidents,
        president_etat=etat or manquant("comite.president_etat", doc, ("presidents",),
                                        "coprésident représentant l'État (`college: etat`)"),
        colleges=colleges, membres=membres, nombre_membres=len(membres),
        invites=[Invite(nom=_texte(v.nom), qualite=_texte(v.qualite),
                        organisation=_ou_manquant(_texte(v.organisation), "invite.organisation", doc,
                                                  ("invites", i, "organisation"), "organisation de l'invité"))
                 for i, v in enumerate(comite.invites)],
        commissions=commissions,
        commission_iae=iae or manquant("comite.commission_iae", doc, ("commissions",),
                                       "commission avec `objet: inclusion_iae` (R. 5311-26)"),
        votants=nb_votants, quorum=(nb_votants + 1) // 2,
        reglement=_reglement(doc, comite.reglement_interieur),
    )


def _votants(comite: Any) -> int:
    """Sièges ayant voix délibérative, coprésidents compris (décompte de rules.seances)."""
    from cte_cli.rules.seances import Annuaire

    return len(Annuaire.de(comite).sieges_votants())


def _departement(geo: Any, code: str) -> str:
    dep = geo.departements.get(code)
    return f"{dep.nom} ({code})" if dep else code


def _commune(geo: Any, code: str) -> str:
    try:
        commune = geo.commune(code)
    except Exception:  # référentiel des communes indisponible : on garde le code
        commune = None
    return commune.nom if commune else code


# --- séance ----------------------------------------------------------------------------------


def _heure_manquante(doc: Any, variable: str) -> Manquant:
    return manquant(variable, doc, ("date",), "heure de la séance : `date: 2025-03-12T14:00`")


def vue_seance(doc: Any, seance: Any, doc_comite: Any, comite: Any, vc: Comite) -> Seance:
    """La vue d'une séance validée de ce comité."""
    from cte_cli.rules.seances import Annuaire

    moment = seance.date
    jour = moment.date() if isinstance(moment, datetime) else moment
    avec_heure = isinstance(moment, datetime)
    fin = moment + timedelta(minutes=seance.duree_minutes or DUREE_DEFAUT_MINUTES) if avec_heure else None
    convoques = _convoques(doc_comite, comite, vc, seance)
    nature = NATURES[seance.nature]
    annuaire = Annuaire.de(comite)
    votants = len(annuaire.sieges_votants())
    ri = comite.reglement_interieur
    delai = ri.delai_convocation_jours if ri is not None else None
    adresse = _adresse(seance.adresse)
    salle = _texte(seance.salle) if seance.salle else None
    if salle and not salle.lower().startswith("salle"):
        salle = f"salle {salle}"
    lieu = ", ".join(x for x in (_texte(seance.lieu), salle, adresse.texte if adresse else None) if x)
    points = _points(doc, seance, comite, annuaire)
    return Seance(
        id=doc.id, nature=seance.nature, nature_libelle=nature,
        intitule=f"{nature} du {dates.date_courte(jour)}",
        date=dates.date_heure(moment) if avec_heure else _heure_manquante(doc, "seance.date"),
        jour=dates.date_longue(jour),
        heure=dates.heure(moment) if avec_heure else _heure_manquante(doc, "seance.heure"),
        heure_fin=dates.heure(fin) if fin else _heure_manquante(doc, "seance.heure_fin"),
        date_iso=moment.isoformat(timespec="minutes") if avec_heure else jour.isoformat(),
        lieu=_texte(seance.lieu),
        ordre_du_jour=[_texte(p) for p in seance.ordre_du_jour],
        commission=_commission_de(doc, seance, vc),
        convoques_le=(dates.date_courte(seance.convoques_le) if seance.convoques_le else
                      manquant("seance.convoques_le", doc, ("convoques_le",), "date d'envoi de la convocation")),
        sans_quorum=seance.sans_quorum_apres_convocation_du is not None,
        premiere_convocation=(
            dates.date_courte(seance.sans_quorum_apres_convocation_du)
            if seance.sans_quorum_apres_convocation_du else
            manquant("seance.premiere_convocation", doc, ("sans_quorum_apres_convocation_du",),
                     "date de la nouvelle convocation sans condition de quorum (R. 5311-40)")),
        convoques=convoques,
        colleges=_regrouper(convoques, vc),
        votants=votants, requis=(votants + 1) // 2,
        **_presences(doc, seance, comite, vc, annuaire),
        adresse=adresse or manquant("seance.adresse", doc, ("adresse",),
                                    "`adresse: {voie, code_postal, commune}` du lieu de la séance"),
        salle=salle or manquant("seance.salle", doc, ("salle",), "salle de la réunion"),
        lieu_complet=lieu,
        visio=(Visio(lien=_texte(seance.visio.lien), acces=_texte(seance.visio.acces or ""),
                     compte_pour_quorum=seance.visio.compte_pour_quorum) if seance.visio else
               manquant("seance.visio", doc, ("visio",), "`visio: {lien}` de la visioconférence")),
        contact=_contact(seance.contact) or manquant("seance.contact", doc, ("contact",),
                                                      "`contact: {nom, courriel, telephone}` du secrétariat"),
        reponse_avant=(dates.date_courte(seance.reponse_avant) if seance.reponse_avant else
                       manquant("seance.reponse_avant", doc, ("reponse_avant",), "date limite de réponse")),
        documents=[Piece(titre=_texte(d.titre), lien=_texte(d.lien or "")) for d in seance.documents],
        a_distance=[_texte(n) for n in seance.a_distance or ()],
        deliberations=([d for p in points for d in p.decisions] if seance.deliberations is not None else
                       manquant("seance.deliberations", doc, ("deliberations",),
                                "délibérations de la séance, point par point, avec les votes (R. 5311-41)")),
        points=points,
        delai_convocation=delai if delai is not None else manquant(
            "seance.delai_convocation", doc_comite, ("reglement_interieur", "delai_convocation_jours"),
            "délai d'envoi des convocations du règlement intérieur (R. 5311-45)"),
    )


def _adresse(adresse: Any) -> Adresse | None:
    if adresse is None:
        return None
    lignes = [_texte(adresse.voie), *([_texte(adresse.complement)] if adresse.complement else []),
              f"{_texte(adresse.code_postal)} {_texte(adresse.commune)}"]
    return Adresse(lignes=lignes, texte=", ".join(lignes), commune=_texte(adresse.commune))


def _contact(contact: Any) -> Contact | None:
    if contact is None:
        return None
    parties = [_texte(x) for x in (contact.nom, contact.telephone, contact.courriel) if x]
    return Contact(nom=_texte(contact.nom), courriel=_texte(contact.courriel or ""),
                   telephone=_texte(contact.telephone or ""), texte=", ".join(parties))


# --- délibérations (décompte de rules.deliberations, le même que `cte validate`) --------------

_NATURES_DELIBERATION = {"decision": "décision", "avis": "avis"}


def _points(doc: Any, seance: Any, comite: Any, annuaire: Any) -> list[Point]:
    """Les points de l'ordre du jour et leurs délibérations, dans l'ordre de la séance."""
    from cte_cli.rules.deliberations import decompter_vote

    par_point: dict[int, list[Decision]] = {}
    for i, d in enumerate(seance.deliberations or ()):
        decompte = decompter_vote(comite, seance, i, annuaire)
        intitule = seance.ordre_du_jour[d.point - 1] if d.point <= len(seance.ordre_du_jour) else ""
        par_point.setdefault(d.point, []).append(_decision(d, decompte, _texte(intitule), doc, i))
    return [Point(numero=n, intitule=_texte(p), decisions=par_point.get(n, []))
            for n, p in enumerate(seance.ordre_du_jour, 1)]


def _decision(d: Any, decompte: Any, intitule: str, doc: Any, indice: int) -> Decision:
    nature = _NATURES_DELIBERATION[d.nature]
    feminin = d.nature == "decision"
    accord = "e" if feminin else ""
    resultat = ("adoptée" if decompte.adoptee else "rejetée") if feminin else ("adopté" if decompte.adoptee else "rejeté")
    if decompte.consensus:
        vote: Any = manquant("decision.vote", doc, ("deliberations", indice, "consensus"),
                               "décompte des voix : la délibération est adoptée par consensus, sans vote")
        constat = f"{nature.capitalize()} adopté{accord} par consensus, sans vote."
    else:
        vote = _vote(decompte)
        if decompte.partage and decompte.preponderante:
            motif = (f"partage égal des voix, la voix du représentant de l'État, prépondérante, s'étant exprimée "
                     f"{decompte.preponderante} (R. 5311-41)")
        elif decompte.partage:
            motif = "partage égal des voix, sans voix prépondérante exprimée (R. 5311-41)"
        elif decompte.exprimes == 0:
            motif = "aucun suffrage exprimé (R. 5311-41)"
        else:
            motif = "à la majorité des suffrages exprimés (R. 5311-41)"
        constat = f"{nature.capitalize()} {resultat} : {motif}."
    return Decision(numero=d.point, point=intitule, nature=nature, texte=_texte(d.texte), consensus=d.consensus,
                    vote=vote, adoptee=decompte.adoptee, resultat=resultat, constat=constat)


def _vote(decompte: Any) -> Vote:
    from cte_cli.rules.deliberations import CATEGORIES, LIBELLES_CATEGORIES

    v = decompte.voix
    votants = [f"{LIBELLES_CATEGORIES[c]} : {', '.join(_texte(n) for n in decompte.noms[c])}"
               for c in CATEGORIES if decompte.noms[c]]
    detail = (f"{v['pour']} voix pour, {v['contre']} contre, {v['abstentions']} "
              f"abstention{'s' if v['abstentions'] > 1 else ''}"
              + (f", {v['refus_de_vote']} refus de vote" if v["refus_de_vote"] else "")
              + f" ; {decompte.exprimes} suffrage{'s' if decompte.exprimes > 1 else ''} "
              f"exprimé{'s' if decompte.exprimes > 1 else ''}, majorité {decompte.majorite} ; "
              f"{decompte.disponibles} voix présentes ou représentées")
    return Vote(pour=v["pour"], contre=v["contre"], abstentions=v["abstentions"], refus_de_vote=v["refus_de_vote"],
                exprimes=decompte.exprimes, majorite=decompte.majorite, partage=decompte.partage,
                preponderante=decompte.preponderante or "", votants=votants, detail=detail)


def _commission_de(doc: Any, seance: Any, vc: Comite) -> Any:
    if seance.commission:
        trouvee = next((c for c in vc.commissions if c.id == seance.commission), None)
        if trouvee:
            return trouvee
    return manquant("seance.commission", doc, ("commission",),
                    "identifiant de la commission réunie (`commission:`), déclarée dans le comité")


def _mandataires(vc: Comite, membre: Membre) -> list[str]:
    """Membres du même collège, titulaires ou suppléants, hors lui et ses suppléants (R. 5311-43)."""
    propres = {s.nom for s in membre.suppleants}
    noms: list[str] = []
    for autre in vc.membres:
        if autre.college != membre.college or autre is membre:
            continue
        noms.append(autre.nom)
        noms.extend(s.nom for s in autre.suppleants)
    return [n for n in noms if n != membre.nom and n not in propres]


def _destinataire(vc: Comite, membre: Membre) -> Destinataire:
    valeurs = {k: getattr(membre, k) for k in Membre.__dataclass_fields__}
    return Destinataire(**valeurs, mandataires_possibles=_mandataires(vc, membre))


def _convoques(doc_comite: Any, comite: Any, vc: Comite, seance: Any) -> list[Destinataire]:
    """Les membres titulaires du comité ; pour une réunion de commission, ses membres (titulaires,
    coprésidents ou invités)."""
    from cte_cli.erreurs import CteErreur
    from cte_cli.rules.seances import _norme

    if seance.nature != "commission" or not seance.commission:
        return [_destinataire(vc, m) for m in vc.membres]
    indice = next((i for i, c in enumerate(comite.commissions) if c.id == seance.commission), None)
    if indice is None:
        return []
    connus = {_norme(m.nom): m for m in vc.membres}
    autres = {_norme(p.nom): p for p in [*vc.presidents, *vc.invites]}
    resultat = []
    for j, nom in enumerate(comite.commissions[indice].membres):
        cle = _norme(nom)
        if cle in connus:
            resultat.append(_destinataire(vc, connus[cle]))
        elif cle in autres:
            resultat.append(_sans_siege(autres[cle]))
        else:
            chemin = ("commissions", indice, "membres", j)
            raise CteErreur(
                f"commissions[{indice}].membres[{j}] : personne introuvable parmi les membres titulaires, "
                "les coprésidents et les invités du comité ; corrigez le nom",
                doc_comite.fichier, doc_comite.localiser(chemin)[0],
            )
    return resultat


def _sans_siege(personne: Any) -> Destinataire:
    """Un coprésident ou un invité membre d'une commission."""
    organisation = getattr(personne, "organisation", "")
    return Destinataire(
        nom=personne.nom, qualite=personne.qualite,
        organisation="" if isinstance(organisation, Manquant) else organisation,
        college=getattr(personne, "college", ""),
        college_libelle=getattr(personne, "college_libelle", "invité"),
        rang="", voix="", voix_deliberative=False, suppleants=[], mandat_fin="",
        mandataires_possibles=[],
    )


def _regrouper(convoques: list[Destinataire], vc: Comite) -> list[College]:
    groupes = []
    for college in vc.colleges:
        du_college = [d for d in convoques if d.college == college.code and d.rang]
        if du_college:
            groupes.append(College(**{**{k: getattr(college, k) for k in College.__dataclass_fields__},
                                      "membres": du_college, "nombre": len(du_college)}))
    hors = [d for d in convoques if not d.rang]
    if hors:
        groupes.append(College(code="", rang="", libelle="coprésidents et invités",
                               intitule="Coprésidents et invités", article="", voix_deliberative=False,
                               membres=hors, nombre=len(hors)))
    return groupes


# --- présences et quorum (décompte de rules.seances, le même que `cte validate`) -------------


def _presences(doc: Any, seance: Any, comite: Any, vc: Comite, annuaire: Any) -> dict[str, Any]:
    if seance.presents is None:
        def absent(variable: str) -> Manquant:
            return manquant(variable, doc, ("presents",), "liste des présents (`presents:`), après la séance")
        representes = absent("seance.representes") if seance.representes is None else _mandats(seance, vc, annuaire)
        return {"presents": absent("seance.presents"), "representes": representes,
                "absents": absent("seance.absents"), "quorum": absent("seance.quorum")}
    decompte = decompter(comite, seance, annuaire)
    distants = {_norme_nom(n) for n in seance.a_distance or ()}
    return {
        "presents": [_presence(n, comite, annuaire, _norme_nom(n) in distants) for n in seance.presents],
        "representes": _mandats(seance, vc, annuaire),
        "absents": decompte.absents,
        "quorum": _quorum(seance, decompte),
    }


@dataclass(frozen=True)
class Decompte:
    """Le quorum d'une séance : total et quorum de rules.seances.presence, ventilés."""

    votants: int
    requis: int
    presents: int
    representes: int
    total: int
    atteint: bool
    sans_quorum: bool
    ecartees: int
    absents: list[str]


def decompter(comite: Any, seance: Any, annuaire: Any) -> Decompte:
    """Présents et représentés parmi les sièges ayant voix délibérative (R. 5311-40, R. 5311-43).

    Le total, le quorum et « atteint » sont ceux de `rules.seances.presence` (la règle `quorum`
    de `cte validate`) : le document et la validation ne peuvent pas se contredire."""
    from cte_cli.rules.deliberations import seance_comptee
    from cte_cli.rules.seances import presence, procuration_valide

    seance = seance_comptee(seance)
    p = presence(annuaire, seance)
    presents = {annuaire.siege(n) for n in seance.presents or ()}
    representes = {annuaire.siege(r.membre) for r in seance.representes or () if procuration_valide(annuaire, r)}
    sieges = annuaire.sieges_votants()
    n_presents = sum(1 for s in sieges if s in presents)
    n_representes = sum(1 for s in sieges if s not in presents and s in representes)
    absents = [_nom_du_siege(comite, s) for s in sieges if s not in presents and s not in representes]
    assert n_presents + n_representes == p.presents
    return Decompte(p.votants, p.quorum, n_presents, n_representes, p.presents, p.atteint,
                    seance.sans_quorum_apres_convocation_du is not None, p.procurations_ecartees, absents)


def _nom_du_siege(comite: Any, siege: Any) -> str:
    groupe, indice = siege.chemin
    return _texte(getattr(comite, groupe)[indice].nom)


def _norme_nom(nom: str) -> str:
    from cte_cli.rules.seances import _norme

    return _norme(nom)


def _presence(nom: str, comite: Any, annuaire: Any, a_distance: bool = False) -> Presence:
    """Rapproche un nom de `presents` de la composition : coprésident, titulaire, suppléant, invité."""
    from cte_cli.rules.seances import _norme

    siege = annuaire.siege(nom)
    if siege is not None:
        groupe, indice = siege.chemin
        personne = getattr(comite, groupe)[indice]
        libelle = cat.LIBELLES.get(personne.college, personne.college)
        if groupe == "presidents":
            role, qualite = "coprésident", personne.qualite
        elif _norme(personne.nom) == _norme(nom):
            role, qualite = "titulaire", personne.qualite
        else:
            suppleant = next(s for s in personne.suppleants if _norme(s.nom) == _norme(nom))
            role, qualite = f"suppléant de {_texte(personne.nom)}", suppleant.qualite
        return Presence(nom=_texte(nom), qualite=_texte(qualite), college_libelle=libelle, role=role,
                        voix_deliberative=siege.votant, a_distance=a_distance)
    invite = next((v for v in comite.invites if _norme(v.nom) == _norme(nom)), None)
    if invite is not None:
        return Presence(nom=_texte(nom), qualite=_texte(invite.qualite), college_libelle="", role="invité",
                        voix_deliberative=False, a_distance=a_distance)
    return Presence(nom=_texte(nom), qualite="", college_libelle="", role="personne extérieure au comité",
                    voix_deliberative=False, a_distance=a_distance)


def _mandats(seance: Any, vc: Comite, annuaire: Any) -> list[Mandat]:
    from cte_cli.rules.seances import procuration_valide

    colleges = {id(m): m.college_libelle for m in vc.membres}
    libelles = {}
    for m in vc.membres:
        siege = annuaire.siege(m.nom)
        if siege is not None:
            libelles[siege] = colleges[id(m)]
    return [Mandat(membre=_texte(r.membre), mandataire=_texte(r.mandataire),
                   college_libelle=libelles.get(annuaire.siege(r.membre), ""),
                   effectif=procuration_valide(annuaire, r))
            for r in seance.representes or ()]


def _quorum(seance: Any, d: Decompte) -> Quorum:
    from cte_cli.rules.seances import DELIBERANTES

    applicable = seance.nature in DELIBERANTES
    return Quorum(
        applicable=applicable, votants=d.votants, requis=d.requis, presents=d.presents,
        representes=d.representes, total=d.total, atteint=d.atteint, sans_quorum=d.sans_quorum,
        peut_deliberer=d.atteint or d.sans_quorum, procurations_ecartees=d.ecartees,
        constat=constat_quorum(d, applicable, seance.nature),
    )


def constat_quorum(d: Decompte, applicable: bool = True, nature: str = "ordinaire") -> str:
    """La phrase du relevé de décisions sur le quorum (R. 5311-40)."""
    if not applicable:
        quoi = "Réunion de commission" if nature == "commission" else "Conférence des financeurs"
        return (f"{quoi} : le quorum de l'article R. 5311-40 vise les délibérations du comité en séance ; "
                "il ne s'applique pas à cette réunion.")
    chiffres = (f"{d.presents} membre{'s' if d.presents > 1 else ''} ayant voix délibérative "
                f"présent{'s' if d.presents > 1 else ''} et {d.representes} représenté{'s' if d.representes > 1 else ''}"
                f", soit {d.total} sur {d.votants} (coprésidents compris) ; quorum : {d.requis}")
    if d.ecartees:
        chiffres += (f" ; {d.ecartees} pouvoir{'s' if d.ecartees > 1 else ''} écarté{'s' if d.ecartees > 1 else ''}"
                     " (mandataire d'un autre collège ou inconnu, R. 5311-43)")
    if d.atteint:
        return f"{chiffres}. Le quorum est atteint : le comité peut valablement délibérer (R. 5311-40)."
    if d.sans_quorum:
        return (f"{chiffres}. Le quorum n'est pas atteint, mais la séance se tient après une nouvelle "
                "convocation portant sur le même ordre du jour et spécifiant qu'aucun quorum n'est exigé : "
                "le comité peut valablement délibérer (R. 5311-40).")
    return (f"{chiffres}. Le quorum n'est pas atteint : le comité ne peut pas délibérer. Une nouvelle "
            "convocation portant sur le même ordre du jour, spécifiant qu'aucun quorum ne sera exigé, "
            "est nécessaire (R. 5311-40).")
