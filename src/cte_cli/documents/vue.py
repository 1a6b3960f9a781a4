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


@dataclass(frozen=True, kw_only=True, eq=False)
class Document:
    """Ce qui concerne le document lui-même."""

    titre: str = champ("titre du document")
    date: str = champ("date du document, « 3 mars 2025 »")
    genere_le: str = champ("date de génération")
    outil: str = champ("« cte 0.1.0 »")
    modele: str = champ("nom du modèle utilisé (« reglement.docx »)")


#: variables de premier niveau reçues par chaque modèle
VARIABLES: dict[str, dict[str, type]] = {
    "reglement": {"comite": Comite, "document": Document},
    "convocation": {"comite": Comite, "seance": Seance, "destinataire": Destinataire, "document": Document},
    "emargement": {"comite": Comite, "seance": Seance, "document": Document},
    "releve": {"comite": Comite, "seance": Seance, "document": Document},
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
    return cat.copresidence(comite).libelle


#: personnes invitées sans voix : R. 5311-19 (CRE), R. 5311-25 (CDE), R. 5311-34 (CLE)
ARTICLES_INVITES = {"regional": "R. 5311-19", "departemental": "R. 5311-25", "local": "R. 5311-34"}

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
        college=m.college, college_libelle=cat.LIBELLES.get(m.college, m.college), rang=rang,
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
    for code, rang, article in _ordre_colleges(comite):
        du_college = [_membre(doc, comite, i, rang, votants)
                      for i, m in enumerate(comite.membres) if m.college == code]
        libelle = cat.LIBELLES.get(code, code)
        membres.extend(du_college)
        if du_college:
            colleges.append(College(
                code=code, rang=rang, libelle=libelle,
                intitule=f"{rang} – {_majuscule(libelle)}" if rang else _majuscule(libelle),
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
    libelle, article_institution = NIVEAUX[comite.niveau]
    ressort = comite.ressort
    return Comite(
        id=comite.id, nom=_texte(comite.nom), niveau=comite.niveau, niveau_libelle=libelle,
        article_institution=article_institution,
        article_composition=cat.composition(comite).article,
        article_copresidence=cat.copresidence(comite).article,
        copresidence=libelle_copresidence(comite),
        article_invites=ARTICLES_INVITES.get(comite.niveau, "R. 5311-25"),
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
    )


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
    return {
        "presents": [_presence(n, comite, annuaire) for n in seance.presents],
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
    from cte_cli.rules.seances import presence, procuration_valide

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


def _presence(nom: str, comite: Any, annuaire: Any) -> Presence:
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
                        voix_deliberative=siege.votant)
    invite = next((v for v in comite.invites if _norme(v.nom) == _norme(nom)), None)
    if invite is not None:
        return Presence(nom=_texte(nom), qualite=_texte(invite.qualite), college_libelle="", role="invité",
                        voix_deliberative=False)
    return Presence(nom=_texte(nom), qualite="", college_libelle="", role="personne extérieure au comité",
                    voix_deliberative=False)


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
