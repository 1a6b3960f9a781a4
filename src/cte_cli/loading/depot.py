"""Chargement d'un dépôt de configuration : fichiers YAML -> documents -> modèles (FORMAT §1).

Chaque problème de lecture ou de structure devient un constat avec fichier et chemin ; un
fichier illisible n'empêche jamais de lire les autres.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cte_cli.constats import Chemin, Cible, Constat, chemin_lisible
from cte_cli.erreurs import CteErreur
from cte_cli.loading.parser import ErreurAnalyse, Limites, Positions, analyser
from cte_cli.rules import structure as s
from cte_cli.suggestions import suggestion

TYPES = ("comite", "seance", "feuille_de_route", "parametres")
EXTENSIONS = (".yaml", ".yml")


@dataclass(eq=False)
class Document:
    """Un fichier YAML du dépôt, ses données brutes et, s'il est valide, son modèle.

    `modele` n'est renseigné que pour un document entièrement valide ; sinon `partiel` porte
    ce qui reste lisible (`loading.partiel`), pour les règles qui n'ont pas besoin du champ
    fautif (issue 11 §1)."""

    fichier: str
    texte: str
    donnees: Any = None
    type: str | None = None
    modele: Any = None
    _positions: Positions | None = field(default=None, repr=False)
    partiel: Any = None
    #: (modèle, champ) des champs illisibles du modèle partiel, à toute profondeur
    champs_illisibles: set[tuple[str, str]] = field(default_factory=set, repr=False)

    @property
    def utilisable(self) -> Any:
        """Le modèle entier, à défaut le modèle partiel, à défaut None."""
        return self.modele if self.modele is not None else self.partiel

    @property
    def id(self) -> str:
        identifiant = getattr(self.modele, "id", None) if self.modele is not None else None
        if identifiant is None and isinstance(self.donnees, dict):
            identifiant = self.donnees.get("id")
        if isinstance(identifiant, int) and identifiant.bit_length() > 64:
            return Path(self.fichier).stem  # str() refuse un entier de plus de 4 300 chiffres
        return str(identifiant) if identifiant else Path(self.fichier).stem

    def positions(self) -> Positions:
        if self._positions is None:
            self._positions = Positions(self.texte, self.donnees)
        return self._positions

    def localiser(self, chemin: Chemin, cible: Cible = Cible.VALEUR) -> tuple[int, int]:
        return self.positions().localiser(chemin, cible)

    def localiser_tous(self, requetes: list[tuple[Chemin, Cible]]) -> list[tuple[int, int]]:
        """Plusieurs positions en un seul parcours du texte (voir `Positions`)."""
        return self.positions().localiser_tous(requetes)


@dataclass
class Depot:
    """Le dépôt chargé : documents lus et constats de lecture et de structure."""

    documents: list[Document]
    constats: list[Constat]
    fichiers: int
    #: fichiers lus en partie seulement (illisibles, type inconnu) : ce qu'on en devine sert à
    #: ne pas reprocher leur absence aux autres documents (`loading.voisinage`)
    fantomes: list[Any] = field(default_factory=list)

    def valides(self) -> list[Document]:
        return [d for d in self.documents if d.modele is not None]

    def utilisables(self) -> list[Document]:
        """Documents entiers et documents partiels (voir `Document.partiel`)."""
        return [d for d in self.documents if d.utilisable is not None]


def decouvrir(chemins: Sequence[str | os.PathLike], exclus: Sequence[str | os.PathLike] = ()) -> list[str]:
    """Les fichiers *.yaml / *.yml sous les chemins donnés, triés, sans dossiers cachés.

    Les fichiers et dossiers dont le nom commence par un point (`.gitlab-ci.yml`, `.github/`)
    sont ignorés ; les liens symboliques vers des dossiers ne sont pas suivis (pas de boucle).
    Les dossiers `exclus` (autres dépôts, `depots.py`) ne sont pas parcourus.
    """
    ecartes = {os.path.realpath(e) for e in exclus}
    trouves: list[str] = []
    for chemin in chemins or ["."]:
        texte = os.fspath(chemin)
        if not os.path.exists(texte):
            raise CteErreur(f"chemin introuvable : {texte}")
        if os.path.isfile(texte):
            trouves.append(texte)
            continue
        for racine, dossiers, noms in os.walk(texte, followlinks=False):
            dossiers[:] = sorted(d for d in dossiers if not d.startswith(".")
                                 and (not ecartes or os.path.realpath(os.path.join(racine, d)) not in ecartes))
            for nom in sorted(noms):
                if nom.endswith(EXTENSIONS) and not nom.startswith("."):
                    trouves.append(os.path.join(racine, nom))
    return list(dict.fromkeys(trouves))


def charger(
    chemins: Sequence[str | os.PathLike], limites: Limites | None = None, fichiers: list[str] | None = None
) -> Depot:
    """Lit et valide tous les fichiers du dépôt. Lève CteErreur si un chemin n'existe pas."""
    from cte_cli.loading.parser import verifier_taille_depot

    limites = limites or Limites.depuis_environnement()
    fichiers = fichiers if fichiers is not None else decouvrir(chemins)
    from cte_cli.loading.voisinage import fantome_de_document, fantome_illisible

    verifier_taille_depot(fichiers, limites)  # tout le dépôt borné (CTE_DEPOT_MAX), avant de rien lire
    documents: list[Document] = []
    constats: list[Constat] = []
    fantomes = []
    for fichier in fichiers:
        doc, trouves = lire(fichier, limites)
        constats.extend(trouves)
        if doc is not None:
            documents.append(doc)
        elif trouves:
            fantomes.append(fantome_illisible(fichier, trouves[0]))
    for doc in documents:
        constats.extend(valider(doc))
        if doc.modele is None and (doc.partiel is None or doc.type == "parametres"):
            fantomes.append(fantome_de_document(doc))
    return Depot(documents, constats, len(fichiers), fantomes)


# --- lecture -------------------------------------------------------------------------------


def lire(fichier: str, limites: Limites) -> tuple[Document | None, list[Constat]]:
    """Lit un fichier ; renvoie le document (données analysées) ou les constats bloquants.

    Seuls les fichiers ordinaires sont lus, et jamais au-delà de la limite de taille : un tube
    nommé (qui bloquerait la lecture) ou un lien vers /dev/zero (qui ne finit jamais) donnent
    un constat, pas une commande figée ou une mémoire épuisée."""
    from cte_cli.erreurs import raison_systeme

    try:
        brut = _lire_borne(fichier, limites.taille_max_octets)
    except _TropVolumineux as exc:
        return None, [s.FICHIER_ILLISIBLE.constat(
            fichier,
            f"fichier trop volumineux ({taille_lisible(exc.taille)}, limite "
            f"{taille_lisible(limites.taille_max_octets)}) ; limite réglable en octets par la "
            "variable d'environnement CTE_TAILLE_MAX",
            ligne=1, colonne=1, chiffres={"taille": exc.taille, "limite": limites.taille_max_octets},
        )]
    except _PasUnFichier as exc:
        return None, [s.FICHIER_ILLISIBLE.constat(
            fichier, f"ce n'est pas un fichier ordinaire ({exc.nature}) : il n'est pas lu", ligne=1, colonne=1,
        )]
    except OSError as exc:
        return None, [s.FICHIER_ILLISIBLE.constat(
            fichier, f"lecture impossible : {raison_systeme(exc)}", ligne=1, colonne=1,
        )]
    texte, erreur = decoder(fichier, brut)
    if erreur:
        return None, [erreur]
    return analyser_document(fichier, texte, limites)


class _TropVolumineux(Exception):
    def __init__(self, taille: int):
        self.taille = taille


class _PasUnFichier(Exception):
    def __init__(self, nature: str):
        self.nature = nature


def _nature(mode: int) -> str:
    import stat

    if stat.S_ISDIR(mode):
        return "dossier"
    if stat.S_ISFIFO(mode):
        return "tube nommé"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "périphérique"
    return "socket" if stat.S_ISSOCK(mode) else "fichier spécial"


def _lire_borne(fichier: str, limite: int) -> bytes:
    """Le contenu d'un fichier ordinaire d'au plus `limite` octets (vérifié avant et pendant
    la lecture : un fichier qui grossit entre-temps est aussi refusé)."""
    import stat

    mode = os.stat(fichier).st_mode
    if not stat.S_ISREG(mode):
        raise _PasUnFichier(_nature(mode))
    # O_NONBLOCK : si le fichier devient un tube entre stat et open, open ne bloque pas
    descripteur = os.open(fichier, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descripteur, "rb") as flux:
        infos = os.fstat(flux.fileno())
        if not stat.S_ISREG(infos.st_mode):
            raise _PasUnFichier(_nature(infos.st_mode))
        if infos.st_size > limite:
            raise _TropVolumineux(infos.st_size)
        # la taille annoncée + 1 octet, puis la suite (bornée) si le fichier a grossi : lire
        # d'emblée `limite + 1` octets réservait 10 Mo par fichier (0,03 s au niveau national)
        brut = flux.read(infos.st_size + 1)
        if len(brut) > infos.st_size:
            brut += flux.read(limite + 1 - len(brut))
    if len(brut) > limite:
        raise _TropVolumineux(max(len(brut), infos.st_size))
    return brut


def taille_lisible(octets: int) -> str:
    """« 850 octets », « 12,5 Ko », « 20,0 Mo »."""
    if octets < 1024:
        return f"{octets} octet{'s' if octets > 1 else ''}"
    valeur, unite = (octets / 1024, "Ko") if octets < 1_048_576 else (octets / 1_048_576, "Mo")
    return f"{valeur:.1f} {unite}".replace(".", ",")


def decoder(fichier: str, brut: bytes) -> tuple[str, Constat | None]:
    if brut.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", s.ENCODAGE.constat(
            fichier, "fichier encodé en UTF-16 : réenregistrez-le en UTF-8", ligne=1, colonne=1
        )
    if b"\x00" in brut and _utf16_sans_bom(brut):
        return "", s.ENCODAGE.constat(
            fichier, "fichier encodé en UTF-16 (sans BOM) : réenregistrez-le en UTF-8", ligne=1, colonne=1
        )
    if b"\x00" in brut:
        return "", s.FICHIER_ILLISIBLE.constat(
            fichier, "contenu binaire (octet nul) : ce n'est pas un fichier texte YAML", ligne=1, colonne=1
        )
    try:
        texte = brut.decode("utf-8")
    except UnicodeDecodeError as exc:
        ligne = brut.count(b"\n", 0, exc.start) + 1
        colonne = exc.start - (brut.rfind(b"\n", 0, exc.start) + 1) + 1
        indice = ""
        try:
            extrait = brut[exc.start : exc.start + 1].decode("cp1252")
            indice = f" (l'octet 0x{brut[exc.start]:02X} ressemble à « {extrait} » en Windows-1252)"
        except UnicodeDecodeError:
            pass
        return "", s.ENCODAGE.constat(
            fichier, f"le fichier n'est pas en UTF-8{indice} : réenregistrez-le en UTF-8",
            ligne=ligne, colonne=colonne,
        )
    return texte.removeprefix("\ufeff"), None


def _utf16_sans_bom(brut: bytes) -> bool:
    """Du texte surtout ASCII en UTF-16 : un octet nul sur deux (pairs en BE, impairs en LE)."""
    debut = brut[:4096]
    moitie = len(debut) // 2
    return moitie >= 4 and max(debut[0::2].count(0), debut[1::2].count(0)) >= 0.9 * moitie


_SEPARATEUR = re.compile(r"^---(\s|$)", re.M)


def analyser_document(fichier: str, texte: str, limites: Limites) -> tuple[Document | None, list[Constat]]:
    # « --- » absent (cas ordinaire) : pas de recherche ligne à ligne (0,02 s au niveau national)
    separateurs = [m.start() for m in _SEPARATEUR.finditer(texte)] if "---" in texte else []
    contenu_avant = separateurs and _a_du_contenu(texte[: separateurs[0]])
    if len(separateurs) > 1 or contenu_avant:
        position = separateurs[1] if len(separateurs) > 1 else separateurs[0]
        return None, [s.PLUSIEURS_DOCUMENTS.constat(
            fichier, "plusieurs documents YAML dans un fichier : un fichier par comité, séance…",
            ligne=texte.count("\n", 0, position) + 1, colonne=1,
        )]
    try:
        donnees = analyser(texte, limites)
    except ErreurAnalyse as exc:
        regle = s.CLE_DUPLIQUEE if exc.cle is not None else s.YAML_INVALIDE
        return None, [regle.constat(fichier, exc.message, ligne=exc.ligne, colonne=exc.colonne)]
    if donnees is None:
        return None, [s.DOCUMENT_VIDE.constat(fichier, "fichier vide (ou seulement des commentaires)", ligne=1, colonne=1)]
    if not isinstance(donnees, dict):
        nature = "une liste" if isinstance(donnees, list) else "une valeur seule"
        return None, [s.DOCUMENT_NON_DICTIONNAIRE.constat(
            fichier, f"le document est {nature} ; attendu un dictionnaire avec une clé `type`",
            ligne=_premiere_ligne(texte), colonne=1,
        )]
    return Document(fichier, texte, donnees), []


def _a_du_contenu(texte: str) -> bool:
    return any(x.strip() and not x.lstrip().startswith(("#", "%")) for x in texte.splitlines())


def _premiere_ligne(texte: str) -> int:
    for numero, ligne in enumerate(texte.splitlines(), 1):
        if ligne.strip() and not ligne.lstrip().startswith(("#", "%", "---")):
            return numero
    return 1


# --- structure -----------------------------------------------------------------------------


def valider(doc: Document) -> list[Constat]:
    """Type du document puis modèle pydantic ; renseigne doc.type, doc.modele ou doc.partiel.

    Une faute sur la clé `type` elle-même (`typ: comite`, `type: comitee`) ne fait pas perdre
    le document : le type voulu, deviné, sert à lire le reste (modèle partiel, `type`
    illisible) ; le constat reste unique, sur la clé ou la valeur fautive."""
    from pydantic import ValidationError

    from cte_cli.model import MODELES
    from cte_cli.suggestions import proche

    donnees = doc.donnees
    constats: list[Constat] = []
    fautes: list[tuple[Chemin, str]] = []
    if "type" not in donnees:
        voisine = proche("type", [k for k in donnees if isinstance(k, str)])
        type_ = donnees.get(voisine) if voisine else None
        if not isinstance(type_, str) or type_ not in MODELES:
            return [s.TYPE_MANQUANT.constat(
                doc.fichier, "clé `type` absente : indiquez comite, seance, feuille_de_route ou parametres",
                (), document=doc, cible=Cible.PARENT,
            )]
    else:
        type_ = donnees["type"]
    if not isinstance(type_, str):  # une liste ou un dictionnaire n'est pas hachable
        return [s.TYPE_INCONNU.constat(
            doc.fichier, f"la clé `type` doit être un texte{_apercu(type_)} ; types possibles : "
            f"{', '.join(TYPES)}", ("type",), document=doc,
        )]
    if type_ not in MODELES:
        voulu = proche(type_, TYPES)
        constats.append(s.TYPE_INCONNU.constat(
            doc.fichier, f"type « {_court(type_)} » inconnu ; types possibles : {', '.join(TYPES)}"
            + suggestion(type_, TYPES), ("type",), document=doc,
        ))
        if voulu is None:
            return constats
        type_, donnees = voulu, {**donnees, "type": voulu}
        fautes.append((("type",), "literal_error"))
    doc.type = type_
    constats.extend(codes_non_quotes(doc))
    try:
        modele = MODELES[type_].model_validate(donnees)
    except ValidationError as exc:
        from cte_cli.loading.partiel import construire

        erreurs = erreurs_reelles(doc, exc)
        constats.extend(traduire(doc, MODELES[type_], exc, erreurs))
        fautes.extend((c, e["type"]) for c, e in erreurs)
        doc.partiel = construire(MODELES[type_], donnees, fautes, doc)
        return constats
    if fautes:
        from cte_cli.loading.partiel import construire

        doc.partiel = construire(MODELES[type_], donnees, fautes, doc)
    else:
        doc.modele = modele
    return constats


#: chemins (avec « * » pour tout indice) où un code INSEE ou un SIREN est attendu
_CHEMINS_CODES = (
    ("region",),
    ("departements", "*"),
    ("ressort", "epci", "*"),
    ("ressort", "communes", "*"),
    ("membres", "*", "epci"),
    ("membres", "*", "departement"),
    ("rotation", "periodes", "*", "departements", "*"),
)


def codes_non_quotes(doc: Document) -> Iterable[Constat]:
    """Un code écrit comme un nombre perd ses zéros de tête : on le signale (FORMAT §1)."""
    if doc.type != "comite":
        return
    for motif in _CHEMINS_CODES:
        for chemin, valeur in _parcourir(doc.donnees, motif):
            if isinstance(valeur, int) and not isinstance(valeur, bool):
                code = _court(valeur)
                yield s.CODE_NON_QUOTE.constat(
                    doc.fichier, f"{_lisible(chemin)} : code {code} écrit comme un nombre ; "
                    f"écrivez-le entre guillemets (\"{code}\")", chemin, document=doc,
                )


def _parcourir(donnees: Any, motif: tuple, prefixe: Chemin = ()) -> Iterable[tuple[Chemin, Any]]:
    if not motif:
        yield prefixe, donnees
        return
    tete, reste = motif[0], motif[1:]
    if tete == "*":
        if isinstance(donnees, list):
            for i, v in enumerate(donnees):
                yield from _parcourir(v, reste, (*prefixe, i))
    elif isinstance(donnees, dict) and tete in donnees:
        yield from _parcourir(donnees[tete], reste, (*prefixe, tete))


def _lisible(chemin: Chemin) -> str:
    return chemin_lisible(chemin)


_TYPES_VALEUR = {
    "string_type": "doit être un texte",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier (sans décimale)",
    "float_type": "doit être un nombre",
    "float_parsing": "doit être un nombre",
    "finite_number": "doit être un nombre fini (ni nan ni inf)",
    "bool_type": "doit valoir true ou false",
    "list_type": "doit être une liste (éléments précédés de « - » ou entre crochets)",
    "dict_type": "doit être un dictionnaire (lignes « clé: valeur »)",
    "model_type": "doit être un dictionnaire (lignes « clé: valeur »)",
    "model_attributes_type": "doit être un dictionnaire (lignes « clé: valeur »)",
    "date_type": "doit être une date AAAA-MM-JJ",
    "none_required": "doit être vide",
}


def erreurs_reelles(doc: Document, exc: Any) -> list[tuple[Chemin, dict]]:
    """(chemin réel dans les données, erreur pydantic) de chaque erreur de validation.

    Sans l'exception d'origine (`ctx.error`) : sa trace tient les cadres du chargement, un cycle
    que le ramasse-miettes, en pause pendant la validation, ne libérerait pas."""
    erreurs = []
    for e in exc.errors(include_url=False):
        if "ctx" in e:
            e = {**e, "ctx": {k: v for k, v in e["ctx"].items() if not isinstance(v, BaseException)}}
        erreurs.append((_chemin_reel(doc.donnees, e["loc"], e["type"]), e))
    return erreurs


def traduire(doc: Document, modele: type, exc: Any, erreurs: list | None = None) -> list[Constat]:
    """Traduit les erreurs pydantic en constats français, une par nœud fautif.

    Une clé mal orthographiée (`collge`) à la place d'une clé obligatoire (`college`) est une
    seule faute : un seul constat, sur la clé fautive (« clé inconnue… vouliez-vous dire… »),
    pas un second « clé obligatoire absente »."""
    erreurs = erreurs if erreurs is not None else erreurs_reelles(doc, exc)
    constats: list[Constat] = []
    vus: set[tuple] = set()
    remplacees = _cles_mal_orthographiees(modele, erreurs)
    for chemin, erreur in erreurs:
        cle = (chemin, erreur["type"])
        if cle in vus or (erreur["type"] == "missing" and chemin in remplacees.values()):
            continue
        vus.add(cle)
        if erreur["type"] == "extra_forbidden" and chemin in remplacees:
            constats.append(_constat_cle_obligatoire_mal_ecrite(doc, chemin, remplacees[chemin]))
        else:
            constats.append(_constat_pydantic(doc, modele, chemin, erreur))
    return constats


def _cles_mal_orthographiees(modele: type, erreurs: list[tuple[Chemin, dict]]) -> dict[Chemin, Chemin]:
    """{chemin de la clé inconnue: chemin de la clé obligatoire absente qu'elle devait être}."""
    from cte_cli.suggestions import proche

    manquantes: dict[Chemin, list[str]] = {}
    for chemin, erreur in erreurs:
        if erreur["type"] == "missing" and chemin:
            manquantes.setdefault(chemin[:-1], []).append(str(chemin[-1]))
    paires: dict[Chemin, Chemin] = {}
    for chemin, erreur in erreurs:
        if erreur["type"] == "extra_forbidden" and chemin and chemin[:-1] in manquantes:
            restantes = [m for m in manquantes[chemin[:-1]] if (*chemin[:-1], m) not in paires.values()]
            voulue = proche(chemin[-1], restantes)
            if voulue is not None:
                paires[chemin] = (*chemin[:-1], voulue)
    return paires


def _constat_cle_obligatoire_mal_ecrite(doc: Document, chemin: Chemin, voulue: Chemin) -> Constat:
    lieu = _lisible(chemin[:-1])
    return s.CLE_INCONNUE.constat(
        doc.fichier, f"clé inconnue « {chemin[-1]} »" + (f" dans {lieu}" if chemin[:-1] else "")
        + f" ; vouliez-vous dire « {voulue[-1]} » ? (clé obligatoire, absente)", chemin,
        document=doc, cible=Cible.CLE,
    )


def _chemin_reel(donnees: Any, loc: tuple, type_erreur: str) -> Chemin:
    """Le chemin pydantic réduit aux pas qui existent dans les données (+ la clé fautive)."""
    chemin: list[str | int] = []
    courant = donnees
    for pas in loc:
        if isinstance(courant, dict) and pas in courant or isinstance(courant, list) and isinstance(pas, int) and 0 <= pas < len(courant):
            courant = courant[pas]
        elif type_erreur == "missing" and isinstance(courant, dict) and isinstance(pas, str):
            chemin.append(pas)
            break
        else:
            break
        chemin.append(pas)
    return tuple(chemin)


def _constat_pydantic(doc: Document, modele: type, chemin: Chemin, erreur: dict) -> Constat:
    type_erreur, valeur = erreur["type"], erreur.get("input")
    lieu = _lisible(chemin[:-1]) if type_erreur in ("missing", "extra_forbidden") else _lisible(chemin)
    f = doc.fichier
    if type_erreur == "missing":
        return s.CLE_MANQUANTE.constat(
            f, f"clé obligatoire « {chemin[-1]} » absente" + (f" dans {lieu}" if chemin[:-1] else ""),
            chemin, document=doc, cible=Cible.PARENT,
        )
    if type_erreur == "extra_forbidden":
        permises = champs_permis(modele, chemin[:-1])
        return s.CLE_INCONNUE.constat(
            f, f"clé inconnue « {chemin[-1]} »" + (f" dans {lieu}" if chemin[:-1] else "")
            + suggestion(chemin[-1], permises), chemin, document=doc, cible=Cible.CLE,
        )
    if type_erreur in ("literal_error", "enum"):
        permises = valeurs_permises(modele, chemin)
        montree = _court(valeur, 80)  # jamais str() d'un entier de 5 000 chiffres (ValueError)
        return s.VALEUR_NON_PERMISE.constat(
            f, f"{lieu} : valeur « {montree} » non permise ; valeurs possibles : {', '.join(permises)}"
            + suggestion(montree, permises), chemin, document=doc,
        )
    message = str(erreur.get("msg", "")).removeprefix("Value error, ")
    if type_erreur == "value_error" and message.startswith("date"):
        return s.DATE_INVALIDE.constat(f, f"{lieu} : {message}", chemin, document=doc)
    if type_erreur == "value_error":
        return s.VALEUR_INVALIDE.constat(f, f"{lieu} : {message}", chemin, document=doc)
    if type_erreur in _RELATIONS:
        ctx = erreur.get("ctx", {})
        borne = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "?")
        texte = f"{lieu} : doit être {_RELATIONS[type_erreur]} {borne} (trouvé {_court(valeur)})"
        return s.VALEUR_INVALIDE.constat(f, texte, chemin, document=doc)
    attendu = _TYPES_VALEUR.get(type_erreur, f"valeur invalide ({erreur.get('msg', type_erreur)})")
    trouve = _apercu(valeur)
    return s.VALEUR_INVALIDE.constat(f, f"{lieu} : {attendu}{trouve}", chemin, document=doc)


_RELATIONS = {
    "greater_than_equal": "supérieur ou égal à",
    "greater_than": "supérieur à",
    "less_than_equal": "inférieur ou égal à",
    "less_than": "inférieur à",
}


def _court(valeur: Any, limite: int = 40) -> str:
    """La valeur telle qu'on la cite dans un message : 40 caractères au plus (un nombre de
    10 000 chiffres ou un texte de 5 Mo ne recopie pas tout le fichier dans le rapport)."""
    if isinstance(valeur, int) and not isinstance(valeur, bool) and valeur.bit_length() > 3 * limite:
        # str() d'un entier de plus de 4 300 chiffres lève ValueError (garde de Python)
        return f"nombre d'environ {int(valeur.bit_length() * 0.30103)} chiffres"
    texte = "vide" if valeur is None else str(valeur).lower() if isinstance(valeur, bool) else str(valeur)
    return texte if len(texte) <= limite else f"{texte[:limite]}…"


def _apercu(valeur: Any) -> str:
    if isinstance(valeur, dict | list):
        return ", trouvé " + ("un dictionnaire" if isinstance(valeur, dict) else "une liste")
    return ", trouvé une valeur vide" if valeur is None else f" (trouvé « {_court(valeur)} »)"


# --- introspection des modèles (pour les suggestions) --------------------------------------


def _sous_modele(modele: Any, chemin: Chemin) -> Any:
    """Le type attendu au bout du chemin (modèle pydantic, Literal, list…)."""
    courant = modele
    for pas in chemin:
        courant = _deballer(courant)
        if isinstance(pas, int):
            continue
        champs = getattr(courant, "model_fields", None)
        if not champs or pas not in champs:
            return None
        courant = champs[pas].annotation
    return _deballer(courant)


def _deballer(annotation: Any) -> Any:
    """Retire Optional, list[...], Annotated[...] pour atteindre le type porteur."""
    import typing

    for _ in range(6):
        origine = typing.get_origin(annotation)
        if origine is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origine in (list, tuple) or origine is typing.Union or str(origine) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if not args:
                return annotation
            annotation = args[0]
        else:
            return annotation
    return annotation


def champs_permis(modele: type, chemin: Chemin) -> list[str]:
    cible = _sous_modele(modele, chemin)
    return list(getattr(cible, "model_fields", {}) or {})


def valeurs_permises(modele: type, chemin: Chemin) -> list[str]:
    import typing

    cible = _sous_modele(modele, chemin)
    if typing.get_origin(cible) is typing.Literal:
        return [str(a) for a in typing.get_args(cible)]
    return []
