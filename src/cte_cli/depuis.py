"""`cte validate --depuis REF` : vérifier seulement ce qui a changé depuis une référence git.

Fichiers modifiés : `git diff REF...HEAD` (depuis l'ancêtre commun, comme une demande de
fusion), plus les modifications non commitées (index et copie de travail) et les fichiers non
suivis (sauf dans un crochet pre-commit, variable `PRE_COMMIT=1` : ils ne font pas partie du
commit). Les renommages comptent comme suppression + ajout.

Périmètre (voir docs/ci.md) :

- **rapportés** : les fichiers modifiés et ceux dont la validité en dépend : tout fichier qui
  cite l'identifiant d'un document modifié ou supprimé (séances et feuilles de route d'un
  comité, comité d'une séance, homonymes pour `id-duplique`), et tous les comités de la même
  région qu'un comité modifié ou supprimé (couverture des EPCI d'un département, un comité
  départemental par département, comité régional et rotation CREFOP) ;
- **contexte** (chargés pour que les règles croisées restent justes, constats non rapportés) :
  les séances et feuilles de route de tous les comités rapportés, le comité de chaque séance
  rapportée, et les jeux de `parametres`.

Un `parametres` modifié ou supprimé change les voix de tous les comités : tout le dépôt est
alors vérifié. Le repérage des liens se fait sur le texte (identifiants `[a-z0-9-]+`,
clés `type:`, `id:` et `region:` en tête de ligne) : il peut inclure un fichier de trop,
jamais en oublier un qui cite l'identifiant.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cte_cli.erreurs import CteErreur

#: clés en tête de ligne, cherchées dans « \n » + texte : un motif qui commence par un texte
#: fixe est cherché en C d'un coup, là où « ^ » (re.M) essaie chaque position (5 fois plus lent)
_TYPE = re.compile(r"\ntype:[ \t]*[\"']?([a-z_]+)")
_ID = re.compile(r"\nid:[ \t]*[\"']?([a-z0-9-]+)")
_REGION = re.compile(r"\nregion:[ \t]*[\"']?([0-9A-Za-z]+)")
_COMITE = re.compile(r"\ncomite:[ \t]*[\"']?([^\s\"'#]+)")


@dataclass
class Modifications:
    """Ce que git dit avoir changé : chemins absolus des fichiers modifiés (présents ou
    supprimés) et, pour ceux qui existaient à la base de comparaison, leur ancien texte."""

    racine: Path
    modifies: set[str] = field(default_factory=set)
    anciens: dict[str, str] = field(default_factory=dict)
    #: dépôt sans aucun commit (premier commit) : tout est nouveau
    tout: bool = False


@dataclass
class Perimetre:
    """Fichiers à rapporter (modifiés + dépendants) et fichiers de contexte (chargés)."""

    rapportes: list[str]
    contexte: list[str]
    tout: bool = False

    @property
    def a_charger(self) -> list[str]:
        return sorted({*self.rapportes, *self.contexte})


# --- git -----------------------------------------------------------------------------------


def _git(racine: Path, *args: str) -> str:
    """Sortie de `git -C racine ARGS` ; _ErreurGit si git échoue, CteErreur s'il manque."""
    try:
        sortie = subprocess.run(
            ["git", "-C", str(racine), *args], capture_output=True, check=False, timeout=60,
        )
    except FileNotFoundError:
        raise CteErreur("--depuis : la commande git est introuvable (installez git)") from None
    except subprocess.TimeoutExpired:
        raise CteErreur(f"--depuis : git ne répond pas (git {' '.join(args)})") from None
    if sortie.returncode != 0:
        raise _ErreurGit(sortie.stderr.decode("utf-8", "replace").strip())
    return sortie.stdout.decode("utf-8", "surrogateescape")


class _ErreurGit(Exception):
    pass


def racine_git(depart: Path) -> Path:
    """Le dossier racine du dépôt git qui contient `depart` ; CteErreur sinon."""
    dossier = depart if depart.is_dir() else depart.parent
    try:
        return Path(_git(dossier.resolve(), "rev-parse", "--show-toplevel").strip())
    except _ErreurGit:
        raise CteErreur(f"--depuis : {depart} n'est pas dans un dépôt git") from None


def modifications(ref: str, depart: Path) -> Modifications:
    """Les fichiers modifiés depuis `ref` (ancêtre commun avec HEAD), committés ou non."""
    racine = racine_git(depart)
    if ref.startswith("-"):
        raise CteErreur(f"--depuis : référence git « {ref} » invalide")
    try:
        _git(racine, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except _ErreurGit:
        return Modifications(racine, tout=True)  # premier commit : tout le dépôt est nouveau
    try:
        base = _git(racine, "merge-base", f"{ref}^{{commit}}", "HEAD").strip()
    except _ErreurGit:
        raise CteErreur(
            f"--depuis : référence git « {ref} » inconnue (branche, étiquette ou commit ; en CI, "
            "récupérez l'historique : git fetch --depth=… ou fetch-depth: 0)"
        ) from None
    chemins: set[str] = set()
    for depuis in ((base, "HEAD"), ("HEAD",)):
        sortie = _git(racine, "diff", "--name-only", "--no-renames", "-z", *depuis)
        chemins.update(c for c in sortie.split("\0") if c)
    if os.environ.get("PRE_COMMIT") != "1":
        sortie = _git(racine, "ls-files", "-z", "--others", "--exclude-standard")
        chemins.update(c for c in sortie.split("\0") if c)
    yaml = sorted(c for c in chemins if c.endswith((".yaml", ".yml")))
    anciens = _textes(racine, base, yaml)
    return Modifications(
        racine,
        {os.path.normpath(racine / c) for c in chemins},
        {os.path.normpath(racine / c): texte for c, texte in anciens.items()},
    )


def _textes(racine: Path, commit: str, chemins: list[str]) -> dict[str, str]:
    """Le texte de chaque chemin au commit donné (absent s'il n'y existait pas), en deux appels.

    Tout passe par des formats séparés par NUL (`ls-tree -z`) ou par des identifiants d'objets
    (`cat-file --batch`) : un nom de fichier qui contient un saut de ligne, une tabulation ou un
    guillemet ne décale ni ne coupe aucune réponse (docs/securite.md)."""
    if not chemins:
        return {}
    voulus = set(chemins)
    objets: dict[str, str] = {}  # chemin -> identifiant du blob
    for entree in _git(racine, "ls-tree", "-r", "-z", "--full-tree", commit).split("\0"):
        entete, tab, chemin = entree.partition("\t")
        champs = entete.split()
        if tab and chemin in voulus and len(champs) == 3 and champs[1] == "blob":
            objets[chemin] = champs[2]
    if not objets:
        return {}
    ordre = sorted(objets)
    entree_batch = "".join(f"{objets[c]}\n" for c in ordre).encode("ascii")
    try:
        sortie = subprocess.run(
            ["git", "-C", str(racine), "cat-file", "--batch"], input=entree_batch, capture_output=True,
            check=False, timeout=60,
        ).stdout
    except subprocess.TimeoutExpired:
        raise CteErreur("--depuis : git ne répond pas (git cat-file)") from None
    textes, position = {}, 0
    for chemin in ordre:
        fin = sortie.find(b"\n", position)
        if fin < 0:
            break
        lu = sortie[position:fin].split()
        position = fin + 1
        if len(lu) == 3 and lu[0] == objets[chemin].encode("ascii") and lu[1] == b"blob":
            taille = int(lu[2])
            textes[chemin] = sortie[position : position + taille].decode("utf-8", "replace")
            position += taille + 1
    return textes


# --- périmètre -----------------------------------------------------------------------------


@dataclass
class _Fiche:
    """Ce que le texte d'un fichier dit de lui : type, id, région, sans analyse YAML."""

    fichier: str
    texte: str
    type: str | None
    id: str | None
    region: str | None
    #: départements d'un comité, lus à la demande (`_departements`)
    departements: frozenset[str] | None = None
    #: le comité que cite une séance ou une feuille de route, lu à la demande (`_reference`)
    comite: str | None = None


def _ficher(fichier: str, texte: str) -> _Fiche:
    lignes = "\n" + texte
    type_, id_, region = (m.group(1) if (m := r.search(lignes)) else None for r in (_TYPE, _ID, _REGION))
    if type_ is None:  # style en ligne {type: …} ou texte inattendu : analyse complète
        donnees = _analyser(texte)
        type_ = donnees.get("type") if isinstance(donnees.get("type"), str) else None
        id_ = donnees.get("id") if isinstance(donnees.get("id"), str) else id_
        region = donnees.get("region") if isinstance(donnees.get("region"), str) else region
    if id_ is None and type_ in ("seance", "feuille_de_route"):
        id_ = Path(fichier).stem
    return _Fiche(fichier, texte, type_, id_, region)


def _analyser(texte: str) -> dict[str, Any]:
    from cte_cli.loading.parser import ErreurAnalyse, analyser

    try:
        donnees = analyser(texte)
    except ErreurAnalyse:
        return {}
    return donnees if isinstance(donnees, dict) else {}


def _jetons(fiche: _Fiche) -> set[str]:
    """Identifiants que d'autres fichiers peuvent citer pour désigner ce document ou son comité."""
    jetons = {fiche.id} if fiche.id else set()
    donnees = _analyser(fiche.texte)
    if not donnees:  # YAML invalide : les clés que la validation en devine aussi (loading/voisinage.py)
        from cte_cli.loading.voisinage import deviner

        donnees = deviner(fiche.texte)
    for cle in ("id", "comite"):
        if isinstance(donnees.get(cle), str):
            jetons.add(donnees[cle])
    return {j for j in jetons if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", j)}


#: un mot au sens de `_citant` : une suite maximale de [a-z0-9-]
MOT = re.compile(r"[a-z0-9-]+")


def _citant(fiches: Iterable[_Fiche], jetons: set[str], mots: Mapping[str, set[str]] | None = None) -> set[str]:
    """Les fichiers qui citent l'un des jetons comme mot entier (ni précédé ni suivi de
    [a-z0-9-]).

    Le motif exact commence par une assertion arrière : Python l'essaie alors à chaque position
    de chaque texte (0,3 s pour 70 jetons au niveau national). On ne le passe que sur les
    textes où figure au moins un jeton, repérés par les jetons seuls mis en arbre de préfixes
    communs (`_arbre_de_prefixes`), que Python cherche vite (docs/performance.md)."""
    if not jetons:
        return set()
    if mots is not None:  # index des mots de chaque fichier (`cte lsp`) : même résultat, sans relire
        citants = set().union(*(mots.get(j, ()) for j in jetons))
        return {f.fichier for f in fiches if f.fichier in citants}
    motif = re.compile(
        r"(?<![a-z0-9-])(?:" + "|".join(map(re.escape, sorted(jetons))) + r")(?![a-z0-9-])"
    )
    try:
        presents = re.compile(_arbre_de_prefixes(jetons))
    except RecursionError:  # des milliers de jetons emboîtés (« a », « aa », « aaa »…)
        return {f.fichier for f in fiches if motif.search(f.texte)}
    return {f.fichier for f in fiches if presents.search(f.texte) and motif.search(f.texte)}


def _arbre_de_prefixes(mots: Iterable[str]) -> str:
    """Une expression régulière qui reconnaît exactement les `mots`, leurs préfixes communs mis
    en facteur (« cle-21-(?:a|b) » plutôt que « cle-21-a|cle-21-b ») : à chaque position, la
    recherche avance caractère par caractère au lieu d'essayer chaque mot."""
    arbre: dict[str, dict] = {}
    for mot in mots:
        noeud = arbre
        for caractere in mot:
            noeud = noeud.setdefault(caractere, {})
        noeud[""] = {}  # un mot finit ici

    def expression(noeud: dict[str, dict]) -> str:
        fixe = ""  # une suite de caractères sans embranchement s'écrit telle quelle
        while len(noeud) == 1 and "" not in noeud:
            caractere, noeud = next(iter(noeud.items()))
            fixe += re.escape(caractere)
        suites = [re.escape(c) + expression(n) for c, n in sorted(noeud.items()) if c]
        if not suites:
            return fixe
        corps = suites[0] if len(suites) == 1 else "(?:" + "|".join(suites) + ")"
        return fixe + (f"(?:{corps})?" if "" in noeud else corps)

    return expression(arbre)


def _lire(fichier: str, limite: int) -> str:
    """Le texte d'un fichier pour en repérer les liens, lu comme la validation le lit (fichier
    ordinaire, au plus `limite` octets) ; vide sinon : la validation signalera le fichier. Un
    tube nommé n'est pas ouvert (il bloquerait la commande)."""
    from cte_cli.loading.depot import _lire_borne, _PasUnFichier, _TropVolumineux

    try:
        return _lire_borne(fichier, limite).decode("utf-8", "replace")
    except (OSError, _PasUnFichier, _TropVolumineux):
        return ""


def perimetre(fichiers: Sequence[str], modifs: Modifications) -> Perimetre:
    """Les fichiers à rapporter et ceux à charger en contexte (docstring du module)."""
    from cte_cli.loading.parser import Limites

    if modifs.tout:
        return Perimetre(list(fichiers), [], tout=True)
    courant = os.getcwd()  # os.path.abspath() le redemanderait au système pour chaque fichier
    absolus = {os.path.normpath(os.path.join(courant, f)): f for f in fichiers}
    modifies = [f for a, f in absolus.items() if a in modifs.modifies]
    limite = Limites.depuis_environnement().taille_max_octets
    fiches = {f: _ficher(f, _lire(f, limite)) for f in fichiers}
    anciennes = [_ficher(a, t) for a, t in modifs.anciens.items()]
    return perimetre_fiches(fiches, modifies, anciennes)


def fiche(fichier: str, texte: str) -> _Fiche:
    """Ce que le texte d'un fichier dit de lui (type, id, région), pour `perimetre_fiches`."""
    return _ficher(fichier, texte)


def perimetre_fiches(fiches: dict[str, _Fiche], modifies: Sequence[str], anciennes: Sequence[_Fiche],
                     mots: Mapping[str, set[str]] | None = None, masques: Iterable[str] = ()) -> Perimetre:
    """Le périmètre à partir des fiches de tous les fichiers (texte actuel), des fichiers
    modifiés et des fiches de leurs anciennes versions. Partagé par `--depuis` et par `cte lsp`
    et `--surveiller`, qui gardent les fiches en mémoire d'une modification à l'autre, et
    l'index `mots` (mot -> fichiers dont le texte le contient, voir `MOT`)."""
    masques = set(masques)
    touchees = [fiches[f] for f in modifies] + list(anciennes)
    if any(f.type == "parametres" for f in touchees):
        return Perimetre(list(fiches), [], tout=True)
    jetons = set().union(*(_jetons(f) for f in touchees)) if touchees else set()
    regions = {f.region for f in touchees if f.type == "comite" and f.region}
    rapportes = set(modifies) | _citant(fiches.values(), jetons, mots)
    rapportes |= {f.fichier for f in fiches.values() if f.type == "comite" and f.region in regions}
    # une séance ou une feuille de route illisible (avant ou après) masque les constats du
    # voisinage de son comité (même département : loading/voisinage.py) : ses départements
    # sont touchés aussi ; `masques` : les fichiers que l'appelant sait sans modèle
    comites_touches = [f for f in touchees if f.type == "comite"]
    cites = {j for f in touchees if f.type != "comite" and (f.fichier in masques or _sans_modele(f))
             for j in _jetons(f)}
    if cites:
        comites_touches += [f for f in fiches.values() if f.type == "comite" and f.id in cites]
    rapportes |= _atteints(fiches, comites_touches)
    # contexte : les documents liés aux comités rapportés, et les paramètres
    comites: set[str] = {i for f in rapportes if fiches[f].type == "comite" and (i := fiches[f].id)}
    comites |= {j for f in rapportes if fiches[f].type in ("seance", "feuille_de_route")
                for j in _jetons(fiches[f])}
    contexte = _citant(fiches.values(), comites, mots) - rapportes
    contexte |= {f.fichier for f in fiches.values() if f.type == "parametres"}
    pendantes = _pendantes_proches(fiches, {f.id for f in touchees if f.type == "comite" and f.id})
    rapportes |= {f.fichier for f in pendantes}
    contexte |= _proches(fiches.values(), jetons | {f.comite for f in pendantes if f.comite})
    contexte |= _couverture(fiches, [fiches[f] for f in rapportes if fiches[f].type == "comite"], mots)
    return Perimetre(sorted(rapportes), sorted(contexte - rapportes))


def _sans_modele(fiche: _Fiche) -> bool:
    """Un fichier dont la validation ne tirera sans doute aucun modèle (YAML invalide, type
    absent ou inconnu) : il masquera les constats de son voisinage."""
    return fiche.type not in ("seance", "feuille_de_route", "comite", "parametres") or not _analyser(fiche.texte)


def _reference(fiche: _Fiche) -> str | None:
    """Le comité cité par une séance ou une feuille de route (`comite:`), lu une fois."""
    if fiche.comite is None and fiche.type in ("seance", "feuille_de_route"):
        trouve = _COMITE.search("\n" + fiche.texte)
        valeur = trouve.group(1) if trouve else _analyser(fiche.texte).get("comite")
        fiche.comite = valeur if isinstance(valeur, str) else ""
    return fiche.comite or None


def _pendantes_proches(fiches: dict[str, _Fiche], ids_touches: set[str]) -> list[_Fiche]:
    """Les séances et feuilles de route dont le comité n'existe pas et dont la suggestion
    « vouliez-vous dire » peut changer : un identifiant touché (ancien ou nouveau) est assez
    proche de leur référence pour être suggéré (issue 16)."""
    if not ids_touches:
        return []
    from cte_cli.suggestions import proches as sous_le_seuil

    ids = {f.id for f in fiches.values() if f.type == "comite" and f.id}
    return [f for f in fiches.values() if (r := _reference(f)) is not None and r not in ids
            and sous_le_seuil(r, ids_touches)]


def _atteints(fiches: dict[str, _Fiche], comites: list[_Fiche]) -> set[str]:
    """Les comités dont la couverture (couverture-epci et voisines) change avec `comites` :
    ceux de leurs départements et des départements qui partagent un EPCI avec eux (EPCI à
    cheval : CC Les Bertranges, Nièvre et Cher, dans deux régions)."""
    touches = set().union(*(_departements(f) for f in comites)) if comites else set()
    if not touches:
        return set()
    voisins = _voisins()
    atteints = set().union(*(voisins.get(d, {d}) for d in touches))
    return {f.fichier for f in fiches.values() if f.type == "comite" and _departements(f) & atteints}


def _couverture(fiches: dict[str, _Fiche], comites: list[_Fiche], mots: Mapping[str, set[str]] | None) -> set[str]:
    """Le contexte de la couverture des départements des `comites` rapportés : les comités
    locaux des départements qui partagent un EPCI avec eux, et ceux dont le texte cite un EPCI
    qui les touche (issue 16 : sans eux, `--depuis` signalait à tort un EPCI de la Nièvre
    « dans le ressort d'aucun comité local » après la modification d'un comité de la
    Côte-d'Or)."""
    rapportes = set().union(*(_departements(f) for f in comites)) if comites else set()
    if not rapportes:
        return set()
    voisins = _voisins()
    lus = set().union(*(voisins.get(d, {d}) for d in rapportes))
    tous = [f for f in fiches.values() if f.type == "comite"]
    return {f.fichier for f in tous if _departements(f) & lus} | _citant(tous, _sirens(rapportes), mots)


def _departements(fiche: _Fiche) -> frozenset[str]:
    """Les départements d'un comité (`departements`, sinon ceux de sa collectivité ou de sa
    région, comme `territoire.departements_de`), lus une fois par fiche."""
    if fiche.departements is None:
        from types import SimpleNamespace

        from cte_cli.referentiel import geographie
        from cte_cli.territoire import departements_de

        donnees = _analyser(fiche.texte)
        valeur = donnees.get("departements")
        comite = SimpleNamespace(
            departements=[str(d) for d in valeur] if isinstance(valeur, list) else None,
            collectivite=donnees.get("collectivite") if isinstance(donnees.get("collectivite"), str) else None,
            region=str(donnees.get("region")) if donnees.get("region") is not None else None,
        )
        try:
            fiche.departements = frozenset(departements_de(comite, geographie()))
        except (TypeError, ValueError):
            fiche.departements = frozenset()
    return fiche.departements


@functools.cache
def _voisins() -> dict[str, frozenset[str]]:
    """Département -> lui-même et les départements avec lesquels il partage un EPCI."""
    from cte_cli.referentiel import geographie

    voisins: dict[str, set[str]] = {}
    for epci in geographie().epci.values():
        for departement in epci.departements:
            voisins.setdefault(departement, {departement}).update(epci.departements)
    return {d: frozenset(v) for d, v in voisins.items()}


def _sirens(departements: set[str]) -> set[str]:
    from cte_cli.referentiel import geographie

    return {e.siren for e in geographie().epci.values() if departements & set(e.departements)}


def _proches(fiches: Iterable[_Fiche], jetons: set[str]) -> set[str]:
    """Pour une référence pendante (aucun document n'a cet id), les documents dont l'id est
    assez proche pour être suggéré (« vouliez-vous dire… », `suggestions.proches`) : la
    suggestion est alors la même qu'en validation complète."""
    from cte_cli.suggestions import proches as sous_le_seuil

    fiches = list(fiches)
    ids = {f.id for f in fiches if f.id}
    pendants = jetons - ids
    proches = set()
    for jeton in pendants:
        proches.update(sous_le_seuil(jeton, ids))
    return {f.fichier for f in fiches if f.id in proches}


# --- validation ----------------------------------------------------------------------------


def valider_depuis(chemins: Sequence[str], ref: str, date_controle: date | None = None) -> Any:
    """Valide le périmètre des fichiers modifiés depuis `ref` ; ne rapporte que ses constats."""
    from cte_cli.loading.depot import Depot, decouvrir
    from cte_cli.loading.parser import Limites, verifier_taille_depot
    from cte_cli.moteur import Resultat, valider

    chemins = list(chemins) or ["."]
    modifs = modifications(ref, Path(chemins[0]))
    fichiers = decouvrir(chemins)
    verifier_taille_depot(fichiers, Limites.depuis_environnement())  # le périmètre lit tout le dépôt
    zone = perimetre(fichiers, modifs)
    if zone.tout:
        return valider(chemins, date_controle, fichiers=fichiers)
    resultat = valider(chemins, date_controle, fichiers=zone.a_charger)
    gardes = set(zone.rapportes)
    depot = Depot(
        [d for d in resultat.depot.documents if d.fichier in gardes],
        [c for c in resultat.depot.constats if c.fichier in gardes],
        len(gardes),
    )
    constats = [c for c in resultat.constats if c.fichier in gardes]
    return Resultat(constats, depot, resultat.date_controle)
