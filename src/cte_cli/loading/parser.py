"""Analyse YAML derrière une interface minimale, pour pouvoir changer d'analyseur.

- `analyser(texte)` : analyse rapide (yaml-rs, YAML 1.2, clés dupliquées refusées, alias
  bornés) en données Python, sans positions ;
- `Positions(texte)` : recompose le texte avec PyYAML (libyaml) pour retrouver la ligne et
  la colonne d'un nœud désigné par son chemin. On ne la construit que pour les fichiers qui
  ont des constats : la lecture de tout un dépôt national reste rapide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cte_cli.constats import Chemin, Cible

#: profondeur au-delà de laquelle on ne recompose pas le texte (libyaml récursif)
PROFONDEUR_MAX_POSITIONS = 400


TAILLE_MAX_OCTETS = 10 * 1024 * 1024
ALIAS_MAX_EVENEMENTS = 100_000
ALIAS_PROFONDEUR_MAX = 64
#: niveaux d'imbrication admis (un document cte en a moins de 10) ; au-delà de ~15 000,
#: yaml-rs et libyaml épuisent la pile et tuent le processus (« - - - … » sur 40 Ko suffit)
PROFONDEUR_MAX = 100
#: borne estimée au-delà de laquelle on mesure la profondeur exacte avant d'analyser
_SEUIL_MESURE_EXACTE = 1000
#: yaml-rs refuse seul les collections entre crochets imbriquées au-delà de ce niveau
_FLUX_MAX_YAML_RS = 256


class BudgetDepot:
    """Ce qu'une commande a déjà lu de tout le dépôt : octets et expansions d'alias.

    Les limites par fichier ne bornent pas un dépôt de 16 fichiers de 10 Mo (1,1 Go de mémoire,
    41 s) ni 16 fichiers qui font chacun 100 000 expansions d'alias : ce budget, partagé par les
    fichiers d'une même lecture, les borne (CTE_DEPOT_MAX, CTE_ALIAS_DEPOT_MAX)."""

    def __init__(self, octets_max: int, alias_max: int):
        self.octets_max = octets_max
        self.alias_max = alias_max
        self.octets = 0
        self.alias = 0

    @property
    def alias_restants(self) -> int:
        return max(self.alias_max - self.alias, 0)

    def lire(self, octets: int) -> None:
        """Compte un texte lu ; ErreurAnalyse s'il fait dépasser la taille totale permise."""
        self.octets += octets
        if self.octets > self.octets_max:
            raise ErreurAnalyse(_depot_trop_gros(self.octets, self.octets_max, "le dépôt lu jusqu'ici"))


def _depot_trop_gros(octets: int, limite: int, quoi: str) -> str:
    lu = f"{octets / 1_048_576:.1f}".replace(".", ",")
    return (f"{quoi} dépasse {limite // 1_048_576 or 1} Mo de YAML ({lu} Mo) ; limite réglable en octets par la "
            "variable d'environnement CTE_DEPOT_MAX")


def verifier_taille_depot(fichiers: list[str], limites: Limites) -> None:
    """Refuse d'emblée (CteErreur, sortie 2) un ensemble de fichiers trop gros pour être lu
    (CTE_DEPOT_MAX) : sans cela, 16 fichiers de 10 Mo prenaient 1,1 Go et 41 s avant le
    moindre message. Une simple consultation des tailles (os.stat), sans rien lire."""
    import os
    import stat

    from cte_cli.erreurs import CteErreur

    limite = limites.budget.octets_max if limites.budget else None
    if limite is None:
        return
    total = 0
    for fichier in fichiers:
        try:
            infos = os.stat(fichier)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(infos.st_mode):
            total += infos.st_size
    if total > limite:
        raise CteErreur(_depot_trop_gros(total, limite, f"l'ensemble des {len(fichiers)} fichiers YAML à lire")
                        + " : rien n'a été lu")


@dataclass(frozen=True)
class Limites:
    """Limites de lecture, réglables (variables d'environnement, `cte_cli.limites`)."""

    taille_max_octets: int = TAILLE_MAX_OCTETS
    alias_max_evenements: int = ALIAS_MAX_EVENEMENTS
    alias_profondeur_max: int = ALIAS_PROFONDEUR_MAX
    profondeur_max: int = PROFONDEUR_MAX
    #: budget de toute une lecture du dépôt (None : fichier seul, sans budget commun)
    budget: BudgetDepot | None = field(default=None, compare=False, repr=False)

    @classmethod
    def depuis_environnement(cls) -> Limites:
        """Les limites de l'environnement (CteErreur si une variable est invalide), avec un
        budget neuf pour une lecture du dépôt."""
        from cte_cli.limites import valeur

        return cls(
            taille_max_octets=valeur("CTE_TAILLE_MAX"),
            alias_max_evenements=valeur("CTE_ALIAS_MAX"),
            budget=BudgetDepot(valeur("CTE_DEPOT_MAX"), valeur("CTE_ALIAS_DEPOT_MAX")),
        )


class ErreurAnalyse(Exception):
    """Le texte n'est pas un YAML lisible ; message en français, position 1-based."""

    def __init__(self, message: str, ligne: int = 1, colonne: int = 1, cle: str | None = None):
        super().__init__(message)
        self.message = message
        self.ligne = ligne
        self.colonne = colonne
        self.cle = cle


_TRADUCTIONS = (
    ("tabs disallowed", "tabulation interdite dans l'indentation : utilisez des espaces"),
    ("did not find expected key", "clé attendue introuvable : l'indentation est incohérente"),
    ("did not find expected '-' indicator", "élément de liste attendu (« - ») : l'indentation est incohérente"),
    ("mapping values are not allowed", "« : » inattendu : une valeur qui contient « : » doit être entre guillemets"),
    ("illegal placement of ':' indicator", "« : » mal placé : une valeur qui contient « : » doit être entre guillemets"),
    ("invalid indentation in multiline quoted scalar", "guillemet non refermé ou indentation invalide dans un texte entre guillemets"),
    ("found unknown anchor", "alias (*) vers une ancre (&) inconnue"),
    ("unexpected character", "caractère inattendu (une valeur commençant par @ ou ` doit être entre guillemets)"),
    ("unexpected end of", "fin de fichier inattendue : un crochet, une accolade ou un guillemet n'est pas refermé"),
    ("did not find expected ',' or ']'", "liste entre crochets non refermée (« ] » manquant)"),
    ("unclosed bracket", "crochet « [ » jamais refermé : ajoutez « ] » à la fin de la liste"),
    ("unclosed brace", "accolade « { » jamais refermée : ajoutez « } » à la fin du dictionnaire"),
    ("did not find expected ',' or '}'", "dictionnaire entre accolades non refermé (« } » manquant)"),
    ("hexadecimal", "séquence d'échappement invalide dans un texte entre guillemets doubles"),
    ("recursion limit", "imbrication trop profonde"),
    ("Invalid tag", "étiquette YAML (!!…) non permise"),
    ("simple key expect", "« : » attendu après la clé (une clé tient sur une ligne, 1 024 caractères au plus)"),
    ("surrogate", "séquence \\u invalide dans un texte entre guillemets (demi-caractère UTF-16 isolé)"),
)

_POSITION = re.compile(r"line (\d+), column (\d+)")
_CLE_DUPLIQUEE = re.compile(r"duplicate mapping key: '(.*)'", re.S)
_ALIAS = re.compile(r"alias replay limit exceeded: replayed (\d+), max (\d+)")


def _traduire(brut: str) -> str:
    derniere = brut.strip().splitlines()[-1].strip() if brut.strip() else brut
    for motif, francais in _TRADUCTIONS:
        if motif in brut:
            return francais
    return f"syntaxe YAML invalide ({derniere})"


def analyser(texte: str, limites: Limites | None = None) -> Any:
    """Analyse `texte` (un seul document YAML 1.2) ; lève ErreurAnalyse sinon."""
    import yaml_rs

    limites = limites or Limites()
    budget = limites.budget
    alias_max = limites.alias_max_evenements
    if budget is not None:
        budget.lire(len(texte))
        alias_max = min(alias_max, budget.alias_restants)
    verifiee = verifier_profondeur(texte, limites)
    alias = yaml_rs.AliasLimits(max_total_replayed_events=alias_max,
                                max_replay_stack_depth=limites.alias_profondeur_max)
    try:
        donnees = yaml_rs.loads(texte, parse_datetime=True, alias_limits=alias)
    except yaml_rs.YAMLDecodeError as exc:
        raise _erreur_depuis(str(exc), texte, limites) from None
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise ErreurAnalyse(f"document trop complexe pour être lu ({type(exc).__name__})") from None
    except BaseException as exc:  # pyo3 PanicException dérive de BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise ErreurAnalyse("l'analyseur YAML a échoué sur ce fichier ; vérifiez sa syntaxe") from None
    if not verifiee and profondeur(donnees) > limites.profondeur_max:
        _mesurer_profondeur(texte, limites)  # situe le dépassement et lève ErreurAnalyse
        raise _trop_profond(profondeur(donnees), limites)
    if budget is not None and "*" in texte and "&" in texte:  # des alias ont pu être rejoués
        budget.alias += noeuds(donnees)
    return donnees


def noeuds(donnees: Any) -> int:
    """Nombre de nœuds des données (itératif) : borne haute des expansions d'alias rejouées."""
    total, pile = 1, [donnees] if isinstance(donnees, dict | list) else []
    while pile:
        valeur = pile.pop()
        enfants = valeur.values() if isinstance(valeur, dict) else valeur
        total += len(valeur) * (2 if isinstance(valeur, dict) else 1)
        pile.extend(v for v in enfants if isinstance(v, dict | list))
    return total


# --- profondeur d'imbrication ---------------------------------------------------------------
#
# yaml-rs (Rust) et le composeur de libyaml sont récursifs : quelques dizaines de milliers de
# niveaux (« - - - - … x », 2 octets par niveau) font déborder la pile et le processus meurt
# (SIGSEGV) sans qu'aucune exception ne puisse être rattrapée. On borne donc la profondeur
# AVANT de leur donner le texte : une estimation par le texte (préfixe structurel des lignes,
# crochets) suffit pour les fichiers ordinaires ; sinon (estimation haute, ou alias qui
# recopient une ancre à l'intérieur d'une autre) on mesure la profondeur exacte en lisant les
# événements de libyaml, dont l'analyseur est itératif (sans récursion).

#: préfixe structurel d'une ligne : indentation, indicateurs « - », « ? », « : », « --- »,
#: ancres et étiquettes ; chaque niveau de bloc imbriqué y consomme au moins un caractère
_PREFIXE = re.compile(r"^[ \t]*(?:(?:---|[-?:]|[&!][^ \t\r\n]*)(?:[ \t]+|$))*", re.M)
_ALIAS_JETON = re.compile(r"(?:^|[ \t\[{,])\*[^ \t\r\n,\[\]{}]", re.M)


def verifier_profondeur(texte: str, limites: Limites) -> bool:
    """Lève ErreurAnalyse si le document est trop imbriqué pour être analysé sans risque.

    Renvoie True si la profondeur est déjà garantie sous `limites.profondeur_max`, False s'il
    reste à la contrôler sur les données (estimation prudente mais non concluante). Coût
    ordinaire : quelques recherches en C dans le texte (crochets, débuts de ligne).
    """
    original = texte
    if "\r" in texte:  # YAML : un CR seul termine aussi une ligne ; on estime sur des LF
        texte = texte.replace("\r\n", "\n").replace("\r", "\n")
    flux = min(texte.count("[") + texte.count("{"), _FLUX_MAX_YAML_RS)
    alias = "*" in texte and "&" in texte  # un alias (*a) suppose une ancre (&a)
    if not alias and _prefixes_courts(texte, flux, limites):
        return True
    borne = 2 * max(map(len, texte.split("\n")), default=0) + 2 + flux
    if borne <= limites.profondeur_max and not alias:
        return True
    if borne > _SEUIL_MESURE_EXACTE or alias:
        prefixe = max((len(m.group()) for m in _PREFIXE.finditer(texte)), default=0)
        borne = 2 * prefixe + 2 + flux
        alias = alias and _ALIAS_JETON.search(texte) is not None
    if borne > _SEUIL_MESURE_EXACTE or alias:
        if _mesurer_profondeur(original, limites):
            return True
        # libyaml n'a pas pu tout lire : on s'en tient à l'estimation par le texte
        jetons = len(_ALIAS_JETON.findall(texte))
        if borne * min(jetons + 1, limites.alias_profondeur_max) > _SEUIL_MESURE_EXACTE:
            raise ErreurAnalyse(
                f"document trop imbriqué pour être lu sans risque (profondeur estimée {borne}"
                + (f", {jetons} alias" if jetons else "")
                + f", limite {limites.profondeur_max} niveaux) : simplifiez la structure"
            )
    return borne <= limites.profondeur_max


def _prefixes_courts(texte: str, flux: int, limites: Limites) -> bool:
    """Vrai si l'estimation par le préfixe structurel (2 x préfixe + 2 + crochets) est déjà
    sous la limite, sans mesurer chaque ligne.

    Sans « & » ni « ! » dans le texte, le préfixe structurel d'une ligne (`_PREFIXE`) n'est
    fait que d'espaces, de tabulations, de « - », « ? » et « : » : s'il n'existe aucune suite
    de `n` de ces caractères en début de ligne, chaque préfixe en a moins de `n`. Cette
    recherche part des sauts de ligne (recherche en C) : elle conclut pour les fichiers
    ordinaires, dont les lignes sont longues mais peu indentées (docs/performance.md), là où
    mesurer chaque ligne coûtait autant que l'analyse YAML.
    """
    n = (limites.profondeur_max - flux) // 2  # préfixe < n => 2 x préfixe + 2 + flux <= limite
    if n <= 0 or "&" in texte or "!" in texte:
        return False
    debut, apres_saut = _debuts_de_ligne(n)
    return debut.match(texte) is None and apres_saut.search(texte) is None


@lru_cache(maxsize=64)
def _debuts_de_ligne(n: int) -> tuple[re.Pattern, re.Pattern]:
    """Motifs d'un début de ligne fait de `n` caractères de préfixe : en tête du texte, après
    un saut de ligne."""
    classe = f"[ \t?:-]{{{n}}}"
    return re.compile(classe), re.compile("\n" + classe)


def _mesurer_profondeur(texte: str, limites: Limites) -> bool:
    """Profondeur exacte (alias compris) par les événements de libyaml, sans récursion.

    Lève ErreurAnalyse au premier nœud qui dépasse la limite ; renvoie False si libyaml
    n'a pas pu lire tout le texte (YAML 1.1 : il refuse quelques textes que yaml-rs accepte).
    """
    import yaml

    chargeur = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    hauteurs: dict[str, int] = {}  # ancre -> nombre de niveaux de collections qu'elle apporte
    pile: list[list] = []  # [ancre, profondeur de la collection, profondeur maximale atteinte]
    try:
        for evenement in yaml.parse(texte, Loader=chargeur):
            if isinstance(evenement, yaml.CollectionEndEvent):
                ancre, debut, atteinte = pile.pop()
                if ancre:
                    hauteurs[ancre] = atteinte - debut + 1
                if pile:
                    pile[-1][2] = max(pile[-1][2], atteinte)
                continue
            if isinstance(evenement, yaml.CollectionStartEvent):
                atteinte = len(pile) + 1
                pile.append([evenement.anchor, atteinte, atteinte])
            elif isinstance(evenement, yaml.AliasEvent):
                atteinte = len(pile) + hauteurs.get(evenement.anchor, 0)
            elif isinstance(evenement, yaml.ScalarEvent):
                atteinte = len(pile)
                if evenement.anchor:
                    hauteurs[evenement.anchor] = 0
            else:
                continue
            if pile and atteinte > pile[-1][2]:
                pile[-1][2] = atteinte
            if atteinte > limites.profondeur_max:
                marque = evenement.start_mark
                raise _trop_profond(atteinte, limites, marque.line + 1, marque.column + 1)
    except yaml.YAMLError:
        return False
    return True


def _trop_profond(niveaux: int, limites: Limites, ligne: int = 1, colonne: int = 1) -> ErreurAnalyse:
    return ErreurAnalyse(
        f"imbrication trop profonde : au moins {niveaux} niveaux de listes et de dictionnaires "
        f"imbriqués, limite {limites.profondeur_max} (un document cte en compte moins de 10)",
        ligne, colonne,
    )


def _erreur_depuis(brut: str, texte: str, limites: Limites) -> ErreurAnalyse:
    if m := _CLE_DUPLIQUEE.search(brut):
        cle = m.group(1)
        (ligne, colonne), premiere = _position_cle_dupliquee(texte, cle)
        lignes = f" (lignes {premiere} et {ligne})" if premiere else ""
        return ErreurAnalyse(
            f"clé « {cle} » en double dans le même dictionnaire{lignes} : gardez-en une seule "
            "(ou corrigez le nom de l'une des deux)", ligne, colonne, cle=cle)
    if m := _ALIAS.search(brut):
        if int(m.group(2)) < limites.alias_max_evenements and limites.budget is not None:
            return ErreurAnalyse(
                f"trop d'expansions d'alias YAML dans l'ensemble des fichiers lus ({limites.budget.alias} déjà "
                f"rejouées, limite {limites.budget.alias_max} ; réglable par la variable d'environnement "
                "CTE_ALIAS_DEPOT_MAX) : fichier refusé pour protéger la mémoire"
            )
        return ErreurAnalyse(
            f"trop d'expansions d'alias YAML ({m.group(1)} au-delà de la limite de {m.group(2)} ; "
            "réglable par la variable d'environnement CTE_ALIAS_MAX) : fichier refusé pour protéger la mémoire"
        )
    if "replay stack depth" in brut or "alias" in brut and "depth" in brut:
        return ErreurAnalyse(
            f"alias YAML imbriqués trop profondément (limite {limites.alias_profondeur_max})"
        )
    m = _POSITION.search(brut)
    ligne, colonne = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
    if "recursion limit" in brut:  # crochets imbriqués au-delà de ce qu'accepte yaml-rs
        return _trop_profond(limites.profondeur_max + 1, limites, ligne, colonne)
    from cte_cli.loading.syntaxe import expliquer

    try:
        explique = expliquer(texte, brut, ligne, colonne)
    except Exception:  # noqa: BLE001 — l'explication est un plus : jamais d'erreur interne
        explique = None
    if explique is not None:
        return ErreurAnalyse(*explique)
    return ErreurAnalyse(_traduire(brut), ligne, colonne)


def _position_cle_dupliquee(texte: str, cle: str) -> tuple[tuple[int, int], int | None]:
    """Position de la deuxième occurrence de `cle` dans un même dictionnaire, et ligne de la
    première (None si inconnue)."""
    try:
        racine = _composer(texte)
    except Exception:
        return (1, 1), None
    pile = [racine] if racine is not None else []
    while pile:
        noeud = pile.pop()
        if noeud.id == "mapping":
            vues: dict[str, int] = {}
            for k, v in noeud.value:
                if k.id == "scalar" and k.value == cle and k.value in vues:
                    return (k.start_mark.line + 1, k.start_mark.column + 1), vues[k.value]
                if k.id == "scalar":
                    vues.setdefault(k.value, k.start_mark.line + 1)
                pile.append(v)
        elif noeud.id == "sequence":
            pile.extend(noeud.value)
    return (1, 1), None


def _composer(texte: str):
    import yaml

    chargeur = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(texte, Loader=chargeur)


def profondeur(donnees: Any) -> int:
    """Profondeur d'imbrication des données (itératif : pas de récursion Python).

    Seules les collections sont empilées : le parcours d'un gros fichier reste bref."""
    maxi, pile = 0, [(donnees, 1)] if isinstance(donnees, dict | list) else []
    while pile:
        valeur, niveau = pile.pop()
        maxi = max(maxi, niveau)
        enfants = valeur.values() if isinstance(valeur, dict) else valeur
        pile.extend((v, niveau + 1) for v in enfants if isinstance(v, dict | list))
    return maxi


class Positions:
    """Retrouve la position (ligne, colonne, 1-based) d'un nœud à partir de son chemin.

    Parcourt les événements de libyaml (sans composer l'arbre ni résoudre les étiquettes) et
    s'arrête dès que tous les chemins demandés sont situés : un constat en tête d'un gros
    fichier ne coûte que quelques événements (docs/performance.md). Résultat identique à la
    recherche dans l'arbre composé : le nœud au bout du chemin, ou le plus proche ancêtre qui
    existe ; repli sur l'arbre composé si le chemin traverse un alias (*ancre).
    """

    def __init__(self, texte: str, donnees: Any = None):
        self._texte = texte
        self._donnees = donnees
        self._racine: Any = None
        self._compose = False
        self._cache: dict[tuple[Chemin, Cible], tuple[int, int]] = {}

    def localiser(self, chemin: Chemin, cible: Cible = Cible.VALEUR) -> tuple[int, int]:
        return self.localiser_tous([(chemin, cible)])[0]

    def localiser_tous(self, requetes: list[tuple[Chemin, Cible]]) -> list[tuple[int, int]]:
        """Les positions de plusieurs nœuds en un seul parcours du texte."""
        manquants = [r for r in dict.fromkeys(requetes) if r not in self._cache]
        if manquants:
            chemins = {(ch[:-1] if cible is Cible.PARENT else ch) for ch, cible in manquants}
            marques = None if self._compose else _marques(self._texte, chemins)
            for chemin, cible in manquants:
                effectif = chemin[:-1] if cible is Cible.PARENT else chemin
                if marques is None:
                    self._cache[(chemin, cible)] = self._depuis_l_arbre(effectif, cible)
                else:
                    self._cache[(chemin, cible)] = _choisir(marques, effectif, cible)
        return [self._cache[r] for r in requetes]

    # -- repli : arbre composé (alias) ----------------------------------------------------

    def _depuis_l_arbre(self, chemin: Chemin, cible: Cible) -> tuple[int, int]:
        if not self._compose:
            self._compose = True
            donnees = self._donnees
            if donnees is None or profondeur(donnees) <= PROFONDEUR_MAX_POSITIONS:
                try:
                    self._racine = _composer(self._texte)
                except Exception:
                    self._racine = None
        noeud, cle = self._racine, None
        if noeud is None:
            return 1, 1
        for pas in chemin:
            suivant = self._enfant(noeud, pas)
            if suivant is None:
                break  # le nœud n'existe pas (clé manquante) : on désigne le plus proche
            cle, noeud = suivant
        choisi = cle if cible is Cible.CLE and cle is not None else noeud
        return choisi.start_mark.line + 1, choisi.start_mark.column + 1

    @staticmethod
    def _enfant(noeud, pas):
        if noeud.id == "mapping" and not isinstance(pas, int):
            for k, v in noeud.value:
                if k.id == "scalar" and k.value == str(pas):
                    return k, v
        elif noeud.id == "sequence" and isinstance(pas, int) and 0 <= pas < len(noeud.value):
            return None, noeud.value[pas]
        elif noeud.id == "mapping" and isinstance(pas, int):
            for k, v in noeud.value:  # clé numérique (ex. « 1: x »)
                if k.id == "scalar" and k.value == str(pas):
                    return k, v
        return None


#: pas typés du parcours : ("k", clé) pour un enfant de dictionnaire, ("i", rang) de liste
_Pas = tuple[str, Any]


def _variantes(chemin: Chemin) -> list[tuple[_Pas, ...]]:
    """Les chemins typés qui peuvent correspondre à `chemin` : un entier désigne un rang de
    liste ou une clé numérique (« 1: x »), un texte une clé de dictionnaire."""
    variantes: list[tuple[_Pas, ...]] = [()]
    for pas in chemin:
        options: list[_Pas] = [("i", pas), ("k", str(pas))] if isinstance(pas, int) else [("k", str(pas))]
        variantes = [(*v, o) for v in variantes for o in options]
    return variantes


class _Alias(Exception):
    """Un chemin demandé traverse un alias : le parcours d'événements ne suffit pas."""


def _marques(texte: str, chemins: set[Chemin]) -> dict[tuple[_Pas, ...], tuple[Any, Any]] | None:
    """{chemin typé: (marque du nœud, marque de sa clé)} pour les préfixes des chemins demandés,
    ou None s'il faut se replier sur l'arbre composé (alias)."""
    import yaml

    voulus: dict[tuple[_Pas, ...], Chemin] = {}
    for chemin in chemins:
        for n in range(len(chemin) + 1):
            for variante in _variantes(chemin[:n]):
                voulus.setdefault(variante, chemin[:n])
    restants = set(chemins)
    trouves: dict[tuple[_Pas, ...], tuple[Any, Any]] = {}
    chargeur = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(texte)
    # pile de conteneurs ouverts : [chemin typé, "map" ou "seq", rang, clé en attente, marque de la clé]
    pile: list[list[Any]] = []
    try:
        while restants:
            evenement = chargeur.get_event()
            if evenement is None:
                break
            nom = type(evenement).__name__
            if nom in ("StreamStartEvent", "DocumentStartEvent", "DocumentEndEvent", "StreamEndEvent"):
                continue
            if nom in ("MappingEndEvent", "SequenceEndEvent"):
                chemin_ferme = pile.pop()[0]
                if chemin_ferme in voulus:
                    fermes = voulus[chemin_ferme]
                    restants = {c for c in restants if c[: len(fermes)] != fermes}
                _apres_valeur(pile)
                continue
            if pile and pile[-1][1] == "map" and pile[-1][3] is None:
                # une clé de dictionnaire
                if nom == "ScalarEvent":
                    pile[-1][3], pile[-1][4] = evenement.value, evenement.start_mark
                    continue
                if nom == "AliasEvent":
                    pile[-1][3], pile[-1][4] = _CLE_COMPLEXE, evenement.start_mark
                    continue
                _sauter(chargeur)  # clé complexe (dictionnaire ou liste en clé)
                pile[-1][3], pile[-1][4] = _CLE_COMPLEXE, evenement.start_mark
                continue
            chemin, marque_cle = _chemin_courant(pile)
            if chemin in voulus and chemin not in trouves:  # première clé égale, comme l'arbre
                if nom == "AliasEvent":
                    raise _Alias  # l'arbre composé situe un alias à son ancre, et descend dedans
                trouves[chemin] = (evenement.start_mark, marque_cle)
                restants.discard(voulus[chemin])
            if nom == "MappingStartEvent":
                pile.append([chemin, "map", 0, None, None])
            elif nom == "SequenceStartEvent":
                pile.append([chemin, "seq", 0, None, None])
            else:
                _apres_valeur(pile)
    except _Alias:
        return None
    except Exception:  # texte que libyaml refuse : on garde ce qui a été situé avant l'erreur
        pass
    finally:
        chargeur.dispose()
    return trouves


_CLE_COMPLEXE = object()


def _chemin_courant(pile: list[list[Any]]) -> tuple[tuple[_Pas, ...], Any]:
    if not pile:
        return (), None
    parent = pile[-1]
    if parent[1] == "seq":
        return (*parent[0], ("i", parent[2])), None
    cle = parent[3]
    return (*parent[0], ("k", cle if isinstance(cle, str) else _CLE_COMPLEXE)), parent[4]


def _apres_valeur(pile: list[list[Any]]) -> None:
    """Une valeur vient de se terminer dans le conteneur du sommet de la pile."""
    if not pile:
        return
    parent = pile[-1]
    if parent[1] == "seq":
        parent[2] += 1
    else:
        parent[3] = parent[4] = None


def _sauter(chargeur: Any) -> None:
    """Consomme le reste d'un nœud complexe dont l'événement de début vient d'être lu."""
    niveau = 1
    while niveau:
        nom = type(chargeur.get_event()).__name__
        if nom in ("MappingStartEvent", "SequenceStartEvent"):
            niveau += 1
        elif nom in ("MappingEndEvent", "SequenceEndEvent"):
            niveau -= 1


def _choisir(marques: dict[tuple[_Pas, ...], tuple[Any, Any]], chemin: Chemin, cible: Cible) -> tuple[int, int]:
    """Le nœud au bout de `chemin` ou son plus proche ancêtre situé (comme l'arbre composé)."""
    for n in range(len(chemin), -1, -1):
        for variante in _variantes(chemin[:n]):
            if variante in marques:
                noeud, cle = marques[variante]
                choisi = cle if cible is Cible.CLE and cle is not None else noeud
                return choisi.line + 1, choisi.column + 1
    return 1, 1
