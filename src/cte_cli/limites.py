"""Limites de ressources réglables par variables d'environnement `CTE_*` (docs/securite.md §2).

Chaque variable est validée : un nombre entier (chiffres seuls) dans sa plage, sinon une erreur
française qui la nomme, donne la valeur lue et la plage admise (sortie 2), jamais la valeur par
défaut en silence ni une erreur interne (`CTE_ALIAS_MAX=1e23`). Les plages gardent la mémoire
et la durée bornées même quand on relève une limite ; sous une limite de mémoire du processus
(`ulimit -v`), une limite relevée au-delà de ce que cette mémoire permet est refusée avant de
lire quoi que ce soit : l'analyseur YAML (Rust) s'arrêterait net, sans message, en l'épuisant.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cte_cli.erreurs import CteErreur

KIO, MIO, GIO = 1024, 1024**2, 1024**3


@dataclass(frozen=True)
class Limite:
    """Une limite réglable : variable, valeur par défaut, plage admise, unité, rôle."""

    variable: str
    defaut: int
    mini: int
    maxi: int
    unite: str
    role: str


LIMITES = {
    limite.variable: limite
    for limite in (
        Limite("CTE_TAILLE_MAX", 10 * MIO, 1, 256 * MIO, "octets", "taille d'un fichier YAML"),
        Limite("CTE_DEPOT_MAX", 64 * MIO, 1, 4 * GIO, "octets", "taille totale des fichiers YAML d'une commande"),
        Limite("CTE_ALIAS_MAX", 100_000, 0, 10_000_000, "événements", "expansions d'alias YAML d'un fichier"),
        Limite("CTE_ALIAS_DEPOT_MAX", 1_000_000, 0, 100_000_000, "événements",
               "expansions d'alias YAML de tous les fichiers d'une commande"),
        Limite("CTE_DELAI_MODELE", 60, 1, 3600, "secondes", "durée du rendu d'un modèle de document"),
        Limite("CTE_MEMOIRE_MODELE", GIO, 16 * MIO, 64 * GIO, "octets", "mémoire ajoutée par le rendu d'un modèle"),
        Limite("CTE_DOCUMENT_MAX", 20 * MIO, 64 * KIO, 2 * GIO, "octets", "taille d'un document produit"),
        Limite("CTE_SOFFICE_DELAI", 300, 1, 24 * 3600, "secondes", "durée d'une conversion en PDF par LibreOffice"),
        Limite("CTE_PDF_LOT", 50, 1, 200, "documents", "documents convertis en PDF par appel à LibreOffice"),
    )
}

#: mémoire qu'occupe, au pire, la lecture d'un octet de YAML ou d'une expansion d'alias
#: (mesuré : 9 Mo de YAML -> 90 Mo ; 1,1 million d'expansions -> 240 Mo)
OCTETS_PAR_OCTET_LU = 12
OCTETS_PAR_EXPANSION = 250


def _nombre(nombre: int) -> str:
    """1048576 -> « 1 048 576 »."""
    return f"{nombre:,}".replace(",", " ")


def valeur(variable: str) -> int:
    """La valeur de la limite `variable` : celle de l'environnement si elle est définie (et
    valide), sinon la valeur par défaut. CteErreur si elle est invalide ou hors de sa plage."""
    limite = LIMITES[variable]
    brut = os.environ.get(variable)
    if brut is None or brut.strip() == "":
        return limite.defaut
    texte = brut.strip().replace("_", "")
    plage = f"un nombre entier de {_nombre(limite.mini)} à {_nombre(limite.maxi)} ({limite.unite})"
    if not (texte.isascii() and texte.isdecimal()) or len(texte) > 20:
        raise CteErreur(f"variable d'environnement {variable}={_apercu(brut)} invalide : attendu {plage}, "
                        f"{limite.role} ; défaut {_nombre(limite.defaut)}")
    nombre = int(texte)
    if not limite.mini <= nombre <= limite.maxi:
        raise CteErreur(f"variable d'environnement {variable}={_apercu(brut)} hors de la plage admise : attendu "
                        f"{plage}, {limite.role} ; défaut {_nombre(limite.defaut)}")
    return nombre


def _apercu(brut: str) -> str:
    from cte_cli.terminal import echapper

    return echapper(brut if len(brut) <= 40 else brut[:39] + "…")


def verifier_environnement() -> None:
    """Valide toutes les limites définies dans l'environnement (au démarrage de `cte`), puis
    la mémoire que les limites de lecture peuvent demander."""
    for variable in LIMITES:
        valeur(variable)
    verifier_memoire()


def verifier_memoire() -> None:
    """Sous une limite d'espace d'adressage (`ulimit -v`, Linux), refuse des limites de lecture
    relevées au-delà de ce qu'elle permet : yaml-rs s'arrêterait (SIGABRT, sortie 134) en
    l'épuisant pendant l'analyse d'un fichier, sans qu'aucune erreur ne puisse être rattrapée.
    Seules des limites relevées au-dessus de leur valeur par défaut peuvent être refusées."""
    lecture = ("CTE_TAILLE_MAX", "CTE_DEPOT_MAX", "CTE_ALIAS_MAX", "CTE_ALIAS_DEPOT_MAX")
    relevees = [v for v in lecture if os.environ.get(v, "").strip() and valeur(v) > LIMITES[v].defaut]
    if not relevees:
        return
    disponible = _memoire_disponible()
    if disponible is None:
        return
    # un fichier : au plus min(taille, total) octets et min(alias, alias du dépôt) expansions
    octets = min(valeur("CTE_TAILLE_MAX"), valeur("CTE_DEPOT_MAX"))
    expansions = min(valeur("CTE_ALIAS_MAX"), valeur("CTE_ALIAS_DEPOT_MAX"))
    besoin = octets * OCTETS_PAR_OCTET_LU + expansions * OCTETS_PAR_EXPANSION
    if besoin > disponible:
        raise CteErreur(
            f"{', '.join(relevees)} : lire un fichier à ces limites peut demander jusqu'à {besoin // MIO} Mo de "
            f"mémoire, au-delà des {disponible // MIO} Mo que la limite du processus (ulimit -v) laisse ; baissez "
            "ces limites ou relevez celle du processus")


def _memoire_disponible() -> int | None:
    """L'espace d'adressage que le processus peut encore prendre (None : sans limite, ou inconnu)."""
    try:
        import resource

        plafond = resource.getrlimit(resource.RLIMIT_AS)[0]
        if plafond == resource.RLIM_INFINITY:
            return None
        with open("/proc/self/statm", encoding="ascii") as flux:
            actuel = int(flux.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        return max(plafond - actuel, 0)
    except (ImportError, OSError, ValueError, AttributeError):
        return None
