"""Constats (findings) : ce qu'une règle reproche à un nœud d'un fichier (FORMAT §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date

    from cte_cli.loading.depot import Document

Chemin = tuple[str | int, ...]

#: caractères de contrôle (C0, DEL, C1) et de contrôle bidirectionnel : une valeur YAML qui en
#: contient (« \e[2J », « \u202e ») ne doit ni piloter le terminal, ni casser un rapport
#: XML, ni retourner l'affichage d'un message (docs/securite.md)
_CONTROLES = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: longueur maximale d'un message : une valeur de 5 Mo citée dans un message n'inonde pas le rapport
MESSAGE_MAX = 5000


_CONTROLES_HORS_LIGNES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def lisible(texte: str, limite: int = MESSAGE_MAX, lignes: bool = False) -> str:
    r"""`texte` sur une ligne, sans caractère de contrôle (remplacé par sa notation `\x1b`,
    `\n`…) et borné à `limite` caractères : sûr pour un terminal, un rapport XML ou une
    annotation de forge. Avec `lignes`, les sauts de ligne sont gardés."""
    motif = _CONTROLES_HORS_LIGNES if lignes else _CONTROLES
    if motif.search(texte):
        texte = motif.sub(_notation, texte)
    return texte if len(texte) <= limite else texte[: limite - 1] + "…"


def _notation(m: re.Match) -> str:
    c = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


class Gravite(StrEnum):
    ERREUR = "erreur"
    AVERTISSEMENT = "avertissement"
    INFO = "info"


ORDRE_GRAVITE = {Gravite.ERREUR: 0, Gravite.AVERTISSEMENT: 1, Gravite.INFO: 2}


class Cible(StrEnum):
    """Quel point du nœud désigner : sa valeur, sa clé, ou le dictionnaire qui le contient."""

    VALEUR = "valeur"
    CLE = "cle"
    PARENT = "parent"


@dataclass(slots=True)
class Constat:
    """Un constat : règle, gravité, article, fichier, ligne, colonne, message (FORMAT §3).

    `chemin` désigne le nœud fautif dans le document ; `ligne` et `colonne` sont résolues
    par le moteur à partir du chemin. `chiffres` porte les valeurs chiffrées du message.
    """

    regle: str
    gravite: Gravite
    article: str
    fichier: str
    message: str
    chemin: Chemin = ()
    cible: Cible = Cible.VALEUR
    ligne: int = 0
    colonne: int = 0
    chiffres: dict[str, Any] = field(default_factory=dict)
    document: Document | None = field(default=None, repr=False, compare=False)
    #: constat ignoré par un commentaire `# cte: ignorer[…] raison` (`suppressions.Ignore`) :
    #: montré dans tous les rapports, hors du code de sortie et des totaux
    ignore: Any = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if len(self.message) > MESSAGE_MAX:  # une valeur de 5 Mo citée n'inonde pas les rapports
            self.message = self.message[: MESSAGE_MAX - 1] + "…"

    def en_dict(self) -> dict[str, Any]:
        """Le constat tel que FORMAT §3 le définit (clés stables de la version 1)."""
        return {
            "regle": self.regle,
            "gravite": str(self.gravite),
            "article": self.article,
            "fichier": self.fichier,
            "ligne": self.ligne,
            "colonne": self.colonne,
            "message": self.message,
        }

    def cle_tri(self) -> tuple:
        return (self.fichier, self.ligne, self.colonne, ORDRE_GRAVITE[self.gravite], self.regle)


@dataclass(slots=True)
class Resume:
    erreurs: int
    avertissements: int
    infos: int
    fichiers: int
    #: constats ignorés par un commentaire `# cte: ignorer[…]` (hors des totaux ci-dessus)
    ignores: int = 0

    def en_dict(self) -> dict[str, int]:
        resume = {"erreurs": self.erreurs, "avertissements": self.avertissements, "fichiers": self.fichiers}
        if self.ignores:  # clé ajoutée seulement quand il y en a (FORMAT §3 inchangé sinon)
            resume["ignores"] = self.ignores
        return resume


def resumer(constats: list[Constat], fichiers: int) -> Resume:
    compte = {g: 0 for g in Gravite}
    ignores = 0
    for c in constats:
        if c.ignore is not None:
            ignores += 1
        else:
            compte[c.gravite] += 1
    return Resume(compte[Gravite.ERREUR], compte[Gravite.AVERTISSEMENT], compte[Gravite.INFO], fichiers, ignores)


def chemin_lisible(chemin: Chemin, racine: str = "document") -> str:
    """`("membres", 3, "college")` -> `membres[3].college` ; `()` -> `racine`."""
    texte = ""
    for pas in chemin:
        texte += f"[{pas}]" if isinstance(pas, int) else (f".{pas}" if texte else str(pas))
    return texte or racine


@dataclass(frozen=True, slots=True)
class Regle:
    """Une règle : identifiant stable, gravité, article, titre, famille. `check` est sa fonction
    (`rules.registry.regle`) ; sans fonction, la règle est appliquée par le module qui la déclare
    (lecture des fichiers : `loading.structure` ; commentaires de suppression)."""

    id: str
    gravite: Gravite
    article: str
    titre: str
    famille: str
    #: la fonction de la règle, qui reçoit le `rules.registry.Contexte` de la validation
    check: Callable[[Any], Iterable[Constat]] | None = None
    #: paramètre d'entrée en vigueur du texte que la règle applique (« vigueur.metropole »)
    vigueur: str | None = None
    exemple: str | None = None
    #: une règle « bloquante » signale une entrée illisible : la commande sort avec le code 2
    bloquante: bool = False
    description: str = ""
    #: "depot" (défaut, prudent) : les constats peuvent dépendre d'autres documents ;
    #: "document" : les constats sur un document ne dépendent que de lui (et du référentiel)
    portee: str = "depot"
    #: anciens identifiants (règle renommée) : toujours acceptés en entrée
    alias: tuple[str, ...] = ()

    @property
    def applicable_du(self) -> date | None:
        """Date d'entrée en vigueur du texte appliqué (première date du paramètre `vigueur`)."""
        if self.vigueur is None:
            return None
        from cte_cli.referentiel.parametres_legaux import definition

        return definition(self.vigueur).debut

    def constat(
        self,
        fichier: str,
        message: str,
        chemin: Chemin = (),
        *,
        document: Document | None = None,
        cible: Cible = Cible.VALEUR,
        chiffres: dict[str, Any] | None = None,
        article: str | None = None,
        ligne: int = 0,
        colonne: int = 0,
    ) -> Constat:
        return Constat(
            regle=self.id,
            gravite=self.gravite,
            article=article or self.article,
            fichier=fichier,
            message=message,
            chemin=chemin,
            cible=cible,
            ligne=ligne,
            colonne=colonne,
            chiffres=chiffres or {},
            document=document,
        )
