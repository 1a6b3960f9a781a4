"""Pipeline de validation : charger le dépôt, appliquer les règles, situer chaque constat."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cte_cli.constats import Constat, Gravite, Resume, resumer
from cte_cli.loading.depot import Depot, Document, charger
from cte_cli.loading.parser import Limites


@dataclass
class Resultat:
    """Constats triés par fichier et position, avec le dépôt qui les a produits."""

    constats: list[Constat]
    depot: Depot
    date_controle: date
    #: le contexte des règles (`rules.registry.Contexte`) : le rapport texte y reprend les
    #: couvertures des départements déjà calculées ; None si les documents ont été filtrés
    contexte: Any = None
    #: configuration du dépôt (`configuration.Configuration`, cte.toml)
    configuration: Any = None
    #: règles non appliquées : identifiant -> pourquoi (« --sauf », « cte.toml : raison »,
    #: « hors de --regles »)
    non_appliquees: dict[str, str] = field(default_factory=dict)
    #: le dépôt lu (`depots.Racine`), quand un seul dossier a été indiqué
    racine: Any = None
    #: fichiers rapportés quand seule une partie du dépôt a été demandée (None : tous)
    perimetre: set[str] | None = None

    @property
    def actifs(self) -> list[Constat]:
        """Les constats qui comptent (hors constats ignorés par un commentaire)."""
        return [c for c in self.constats if c.ignore is None]

    @property
    def documents(self) -> list[Document]:
        return self.depot.documents

    @property
    def resume(self) -> Resume:
        return resumer(self.constats, self.depot.fichiers)

    @property
    def entree_illisible(self) -> bool:
        from cte_cli.rules.registry import registre

        regles = registre()
        return any(regles[c.regle].bloquante for c in self.actifs if c.regle in regles)

    def code_sortie(self, strict: bool = False) -> int:
        """0 sans erreur, 1 avec au moins une erreur (ou un avertissement en mode strict),
        2 si une entrée n'a pas pu être lue (FORMAT §2)."""
        if self.entree_illisible:
            return 2
        graves = {Gravite.ERREUR, Gravite.AVERTISSEMENT} if strict else {Gravite.ERREUR}
        return 1 if any(c.gravite in graves for c in self.actifs) else 0


def valider(
    chemins: Sequence[str | os.PathLike],
    date_controle: date | None = None,
    limites: Limites | None = None,
    regles: Sequence[str] | None = None,
    fichiers: list[str] | None = None,
    configuration: Any = None,
    exclues: Sequence[str] = (),
) -> Resultat:
    """Valide un dépôt : tous les fichiers YAML sous `chemins`, à la date donnée (aujourd'hui).

    `regles` : n'appliquer que ces règles (identifiants, anciens identifiants ou familles ;
    `--regles`) ; `exclues` : ne pas appliquer celles-ci (`--sauf`). `configuration` : le
    `cte.toml` du dépôt (par défaut, celui trouvé au-dessus du premier chemin)."""
    from cte_cli import configuration as conf
    from cte_cli.loading.depot import decouvrir

    date_controle = date_controle or date.today()
    chemins = list(chemins) or ["."]
    racine = None
    if fichiers is None and len(chemins) == 1:
        from cte_cli.depots import resoudre

        racine = resoudre(chemins[0])
        chemins = [str(racine.chemin)]
        fichiers = decouvrir(chemins, exclus=racine.imbriques)
        configuration = configuration if configuration is not None else racine.configuration
        perimetre, fichiers = _dans_le_depot(racine, fichiers)
    else:
        perimetre = None
    if configuration is None:
        configuration = conf.lire(conf.trouver(os.fspath(chemins[0])))
    with ramasse_miettes_en_pause():
        depot = charger(chemins, limites, fichiers=fichiers)
        constats, ctx, non_appliquees = appliquer_regles(depot, date_controle, configuration, regles, exclues)
    if perimetre is not None:  # une partie du dépôt : tout est lu, seule cette partie est rapportée
        constats = [c for c in constats if c.fichier in perimetre]
        depot.fichiers = len(perimetre)
    constats.sort(key=Constat.cle_tri)
    resultat = Resultat(constats, depot, date_controle, ctx, configuration, non_appliquees, racine)
    resultat.perimetre = perimetre
    return resultat


def appliquer_regles(depot: Depot, date_controle: date, configuration: Any, regles: Sequence[str] | None = None,
                     exclues: Sequence[str] = ()) -> tuple[list[Constat], Any, dict[str, str]]:
    """Les règles sur un dépôt déjà lu (documents en mémoire) : (constats situés, avec ceux de
    lecture et les suppressions ; contexte des règles ; règles non appliquées et pourquoi).
    Partagé par `valider` et par le dépôt gardé en mémoire de `cte lsp` et `--surveiller`."""
    from cte_cli import suppressions
    from cte_cli.rules.registry import Contexte, appliquer, charger_regles

    registre = charger_regles()
    choisies, non_appliquees = _choisir(registre, regles, exclues, configuration)
    ctx = Contexte(depot.utilisables(), date_controle, fantomes=depot.fantomes,
                   surcharges=configuration.parametres)
    constats = depot.constats + appliquer(ctx, [registre[r] for r in choisies])
    constats += references_illisibles(depot)
    constats = _selection(constats, registre, choisies, regles is not None)
    for c in constats:
        if c.regle in configuration.gravites:
            c.gravite = configuration.gravites[c.regle]
    situer(constats)
    constats += suppressions.appliquer(constats, depot.documents)
    return constats, ctx, non_appliquees


def _dans_le_depot(racine: Any, fichiers: list[str]) -> tuple[set[str] | None, list[str]]:
    """Un dossier ou un fichier *dans* un dépôt (sous son cte.toml) : les règles croisées ont
    besoin de tout le dépôt (une séance sans son comité serait « orpheline »). On lit donc tout
    le dépôt et on ne rapporte que les fichiers demandés : (fichiers rapportés, fichiers lus)."""
    from cte_cli.depots import depots_sous
    from cte_cli.loading.depot import decouvrir

    fichier = racine.configuration.fichier
    if fichier is None or fichier.parent.resolve() == racine.chemin.resolve():
        return None, fichiers
    # les chemins rapportés gardent la forme donnée (absolue ou relative au dossier courant)
    base = str(fichier.parent) if racine.chemin.is_absolute() else os.path.relpath(fichier.parent)
    tous = decouvrir([base], exclus=depots_sous(fichier.parent))
    demandes = {os.path.realpath(f) for f in fichiers}
    return {f for f in tous if os.path.realpath(f) in demandes}, tous


def _choisir(registre: dict, regles: Sequence[str] | None, exclues: Sequence[str],
             configuration: Any) -> tuple[list[str], dict[str, str]]:
    """Les règles à appliquer (dans l'ordre du registre) et, pour les autres, pourquoi."""
    from cte_cli.configuration import designer

    non_appliquees: dict[str, str] = {}
    retenues = list(registre)
    if regles is not None:
        gardees = {r.id for r in designer(list(regles), "--regles")}
        non_appliquees.update({r: "hors de --regles" for r in retenues if r not in gardees})
        retenues = [r for r in retenues if r in gardees]
    for r in designer(list(exclues), "--sauf"):
        if r.id in retenues:
            retenues.remove(r.id)
            non_appliquees[r.id] = "--sauf"
    for identifiant, raison in configuration.desactivees.items():
        if identifiant in retenues:
            retenues.remove(identifiant)
            nom = configuration.fichier.name if configuration.fichier else "cte.toml"
            non_appliquees[identifiant] = f"{nom}" + (f" : {raison}" if raison else "")
    return retenues, non_appliquees


def _selection(constats: list[Constat], registre: dict, choisies: list[str], filtrer: bool) -> list[Constat]:
    """Avec `--regles`, les constats des règles choisies ; ceux de lecture et de format, de
    gravité erreur, restent toujours (un fichier mal formé n'a pas été vérifié)."""
    if not filtrer:
        return [c for c in constats if c.regle in choisies or c.regle not in registre
                or registre[c.regle].check is None]
    gardees = set(choisies)
    return [c for c in constats if c.regle in gardees or c.regle not in registre
            or registre[c.regle].bloquante
            or (registre[c.regle].famille == "structure" and c.gravite is Gravite.ERREUR
                and registre[c.regle].check is None)]


def constats_des_regles(documents: list[Document], date_controle: date) -> list[Constat]:
    """Les constats de toutes les règles sur ces documents, à cette date (sans configuration du
    dépôt ni commentaires de suppression : `valider` les ajoute)."""
    from cte_cli.rules.registry import Contexte, appliquer, charger_regles

    return appliquer(Contexte(documents, date_controle), list(charger_regles().values()))


def references_illisibles(depot: Depot) -> list[Constat]:
    """Un constat par fichier illisible dont on devine l'identifiant et que d'autres documents
    citent : « défini dans un fichier illisible », sur la première référence (les règles, elles,
    n'ont rien dit de ces références : voir `loading.voisinage`)."""
    from cte_cli.constats import Cible
    from cte_cli.rules.controles import REFERENCE_ILLISIBLE

    constats: list[Constat] = []
    for fantome in depot.fantomes:
        if fantome.illisible_par is None or fantome.id is None:
            continue
        citants = [d for d in depot.documents
                   if isinstance(d.donnees, dict) and d.donnees.get("comite") == fantome.id]
        if not citants:
            continue
        autres = len(citants) - 1
        suite = ("" if not autres else " ; 1 autre fichier le cite aussi" if autres == 1
                 else f" ; {autres} autres fichiers le citent aussi")
        constats.append(REFERENCE_ILLISIBLE.constat(
            citants[0].fichier,
            f"comité « {fantome.id} » défini dans un fichier illisible : {fantome.fichier} ; la référence "
            f"sera vérifiée quand ce fichier sera corrigé{suite}",
            ("comite",), document=citants[0], cible=Cible.VALEUR,
            chiffres={"fichier": fantome.fichier, "references": len(citants)},
        ))
    return constats


@contextmanager
def ramasse_miettes_en_pause() -> Iterator[None]:
    """Suspend le ramasse-miettes des cycles (`gc`) le temps d'une validation.

    Une validation crée des millions d'objets qui vivent jusqu'à la fin (données YAML,
    modèles, index des règles) : le ramasse-miettes générationnel les reparcourt des centaines
    de fois sans rien libérer, soit 0,3 s sur 1,4 s pour le dépôt national
    (docs/performance.md). Le comptage de références libère toujours aussitôt les objets
    temporaires ; seuls d'éventuels cycles attendent la prochaine collecte (mémoire de crête
    inchangée, mesurée).

    À la reprise, `gc.freeze()` puis `gc.unfreeze()` versent les objets créés pendant la pause
    dans la plus vieille génération sans les parcourir : sans cela, la première collecte après
    la reprise les parcourrait tous d'un coup (0,1 s). Ils restent collectables (collecte
    complète suivante). L'état antérieur est rétabli, même en cas d'exception.
    """
    actif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if actif:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def situer(constats: list[Constat]) -> None:
    """Résout ligne et colonne des constats à partir de leur chemin (relecture paresseuse,
    un seul parcours du texte par document, arrêté dès que tous ses constats sont situés)."""
    par_document: dict[int, list[Constat]] = {}
    for c in constats:
        if c.ligne == 0 and c.document is not None:
            par_document.setdefault(id(c.document), []).append(c)
        elif c.ligne == 0:
            c.ligne, c.colonne = 1, 1
    for groupe in par_document.values():
        document = groupe[0].document
        assert document is not None  # regroupés par document ci-dessus
        positions = document.localiser_tous([(c.chemin, c.cible) for c in groupe])
        for c, (ligne, colonne) in zip(groupe, positions, strict=True):
            c.ligne, c.colonne = ligne, colonne
