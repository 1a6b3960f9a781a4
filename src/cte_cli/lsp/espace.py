"""Le dépôt gardé en mémoire, revalidé fichier par fichier (`cte lsp`, `cte validate --surveiller`).

La première validation lit et valide tout le dépôt, comme `cte validate`. Ensuite, quand un
fichier change (frappe dans l'éditeur, enregistrement, fichier créé ou supprimé) :

1. seul ce fichier est relu et analysé (depuis le texte de l'éditeur s'il est ouvert) ;
2. le périmètre est celui de `--depuis` (`depuis.perimetre_fiches`) : les fichiers dont les
   constats peuvent changer (le fichier, ceux qui citent son identifiant, les comités de la
   même région…) et leur contexte ; un `parametres` modifié, ou `cte.toml`, refait tout ;
3. les règles sont appliquées aux documents de ce périmètre, déjà en mémoire ;
4. on renvoie, pour chaque fichier rapporté dont les constats ont changé, ses constats.

Les constats des fichiers rapportés sont ceux qu'une validation complète donnerait
(tests/test_lsp.py le vérifie après des modifications variées). Rien n'est imprimé ici.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cte_cli.constats import Constat

#: au-delà de ce nombre de fichiers modifiés d'un coup (changement de branche), tout est refait
MODIFICATIONS_MAX = 50


@dataclass
class Lecture:
    """Un fichier lu : son texte, son document (None s'il est illisible), ses constats de
    lecture et de structure, ce qu'on en devine s'il est illisible, sa fiche de périmètre."""

    fichier: str
    texte: str
    doc: Any
    constats: list[Constat]
    fantome: Any
    fiche: Any


def cle(c: Constat) -> tuple:
    """Ce qui distingue un constat pour l'utilisateur (un constat inchangé n'est pas republié)."""
    return (c.regle, str(c.gravite), c.article, c.message, c.ligne, c.colonne, c.ignore is None)


class Espace:
    """Le dépôt `racine` (dossier), ses fichiers lus et les constats de chacun."""

    def __init__(self, racine: str | os.PathLike, date_controle: date | None = None):
        from cte_cli.depots import resoudre
        from cte_cli.loading.parser import Limites

        self.demande = Path(racine)
        self.racine = resoudre(self.demande)
        self.date_controle = date_controle
        self.limites = Limites.depuis_environnement()
        self.lectures: dict[str, Lecture] = {}
        self.constats: dict[str, list[Constat]] = {}
        #: textes de l'éditeur (fichiers ouverts), prioritaires sur le disque
        self.ouverts: dict[str, str] = {}
        #: fichier -> (date de modification, taille) lors de la dernière lecture du disque
        self.signatures: dict[str, tuple[int, int] | None] = {}
        #: mot (`depuis.MOT`) -> fichiers dont le texte le contient : le périmètre sans relire
        self.mots: dict[str, set[str]] = {}

    # --- fichiers ------------------------------------------------------------------------

    @property
    def dossier(self) -> Path:
        return self.racine.chemin

    def fichiers_du_disque(self) -> list[str]:
        from cte_cli.loading.depot import decouvrir

        return decouvrir([str(self.dossier)], exclus=self.racine.imbriques)

    def chemin(self, fichier: str | os.PathLike) -> str | None:
        """Le nom sous lequel le dépôt connaît `fichier` (chemin tel que découvert), ou None
        s'il n'en fait pas partie (autre dossier, dossier caché, autre extension)."""
        from cte_cli.loading.depot import EXTENSIONS

        absolu = os.path.abspath(fichier)
        if absolu in self.lectures:
            return absolu
        reel = os.path.realpath(absolu)
        for connu in self.lectures:
            if os.path.realpath(connu) == reel:
                return connu
        base = os.path.realpath(self.dossier)
        relatif = os.path.relpath(reel, base)
        if relatif.startswith(("..", os.sep)) or not absolu.endswith(EXTENSIONS):
            return None
        if any(p.startswith(".") for p in Path(relatif).parts):
            return None
        if any(reel.startswith(os.path.realpath(d) + os.sep) for d in self.racine.imbriques):
            return None
        return os.path.join(str(self.dossier), relatif)

    def _lire(self, fichier: str) -> Lecture:
        from cte_cli.depuis import fiche
        from cte_cli.loading import depot
        from cte_cli.loading.voisinage import (
            Fantome,
            deviner,
            fantome_de_document,
            fantome_illisible,
            relire,
        )

        texte = self.ouverts.get(fichier)
        ouvert = texte is not None
        if texte is None:
            self.signatures[fichier] = _signature(fichier)
            doc, constats = depot.lire(fichier, self.limites)
            # illisible : le texte relu (borné) sert au périmètre comme à la validation complète
            texte = doc.texte if doc is not None else (relire(fichier) if constats else "")
        else:
            doc, constats = depot.analyser_document(fichier, texte, self.limites)
        fantome = None
        if doc is not None:
            constats = constats + depot.valider(doc)
            if doc.modele is None and (doc.partiel is None or doc.type == "parametres"):
                fantome = fantome_de_document(doc)
        elif constats and ouvert:  # ce que la validation devinerait du fichier enregistré
            fantome = Fantome(fichier, deviner(texte), constats[0].regle)
        elif constats:
            fantome = fantome_illisible(fichier, constats[0], texte)
        return Lecture(fichier, texte, doc, constats, fantome, fiche(fichier, texte))

    # --- validation ----------------------------------------------------------------------

    def _valider(self, lectures: Iterable[Lecture]) -> tuple[list[Constat], Any]:
        from cte_cli.loading.depot import Depot
        from cte_cli.moteur import appliquer_regles

        lectures = list(lectures)
        depot = Depot([lu.doc for lu in lectures if lu.doc is not None],
                      [c for lu in lectures for c in lu.constats], len(lectures),
                      [lu.fantome for lu in lectures if lu.fantome is not None])
        constats, ctx, _ = appliquer_regles(depot, self.date_controle or date.today(), self.racine.configuration)
        return constats, depot

    def charger(self) -> dict[str, list[Constat]]:
        """Lit et valide tout le dépôt ; renvoie les constats de chaque fichier."""
        from cte_cli.depots import resoudre
        from cte_cli.moteur import ramasse_miettes_en_pause

        self.racine = resoudre(self.demande)
        with ramasse_miettes_en_pause():
            fichiers = self.fichiers_du_disque()
            fichiers += [f for f in self.ouverts if f not in fichiers and self.chemin(f) == f]
            self.lectures = {f: self._lire(f) for f in fichiers}
            self._indexer()
            constats, _ = self._valider(self.lectures.values())
        self.constats = _par_fichier(constats, self.lectures)
        return dict(self.constats)

    def _indexer(self) -> None:
        from cte_cli.depuis import MOT

        self.mots = {}
        for fichier, lu in self.lectures.items():
            for mot in set(MOT.findall(lu.texte)):
                self.mots.setdefault(mot, set()).add(fichier)

    def _reindexer(self, fichier: str, avant: str | None, apres: str | None) -> None:
        from cte_cli.depuis import MOT

        anciens = set(MOT.findall(avant)) if avant else set()
        nouveaux = set(MOT.findall(apres)) if apres else set()
        for mot in anciens - nouveaux:
            fichiers = self.mots.get(mot)
            if fichiers is not None:
                fichiers.discard(fichier)
                if not fichiers:
                    del self.mots[mot]
        for mot in nouveaux - anciens:
            self.mots.setdefault(mot, set()).add(fichier)

    def modifier(self, fichiers: Iterable[str]) -> dict[str, list[Constat]]:
        """Relit ces fichiers (texte de l'éditeur s'il est ouvert, sinon le disque ; absents :
        supprimés) et revalide leur périmètre ; renvoie {fichier: constats} des fichiers dont
        les constats ont changé (liste vide : plus aucun constat)."""
        from cte_cli.depuis import perimetre_fiches
        from cte_cli.moteur import ramasse_miettes_en_pause

        fichiers = list(dict.fromkeys(fichiers))
        if any(Path(f).name == "cte.toml" for f in fichiers) or len(fichiers) > MODIFICATIONS_MAX:
            return self._tout_refaire()
        anciennes, modifies, supprimes, masques = [], [], [], set()
        with ramasse_miettes_en_pause():
            for fichier in fichiers:
                ancienne = self.lectures.pop(fichier, None)
                if ancienne is not None:
                    anciennes.append(ancienne.fiche)
                    if ancienne.fantome is not None:
                        masques.add(fichier)
                if fichier not in self.ouverts and not os.path.isfile(fichier):
                    supprimes.append(fichier)
                    self.signatures.pop(fichier, None)
                    self._reindexer(fichier, ancienne.texte if ancienne else None, None)
                    continue
                self.lectures[fichier] = self._lire(fichier)
                self._reindexer(fichier, ancienne.texte if ancienne else None, self.lectures[fichier].texte)
                if self.lectures[fichier].fantome is not None:
                    masques.add(fichier)
                modifies.append(fichier)
            zone = perimetre_fiches({f: lu.fiche for f, lu in self.lectures.items()}, modifies, anciennes,
                                    self.mots, masques)
            if zone.tout:
                return self._tout_refaire(dans_la_pause=True)
            # les fichiers sans modèle masquent les constats de leur voisinage : toujours lus
            a_charger = set(zone.a_charger) | {f for f, lu in self.lectures.items() if lu.fantome is not None}
            charges = [self.lectures[f] for f in sorted(a_charger) if f in self.lectures]
            constats, _ = self._valider(charges)
        rapportes = set(zone.rapportes) | set(supprimes)
        return self._remplacer(_par_fichier(constats, {f: None for f in rapportes}), rapportes, supprimes)

    def _tout_refaire(self, dans_la_pause: bool = False) -> dict[str, list[Constat]]:
        avant = self.constats
        if dans_la_pause:
            from cte_cli.depots import resoudre

            self.racine = resoudre(self.demande)
            fichiers = self.fichiers_du_disque()
            fichiers += [f for f in self.ouverts if f not in fichiers and self.chemin(f) == f]
            self.lectures = {f: self.lectures.get(f) or self._lire(f) for f in fichiers}
            self._indexer()
            constats, _ = self._valider(self.lectures.values())
            self.constats = _par_fichier(constats, self.lectures)
        else:
            self.charger()
        tous = set(avant) | set(self.constats)
        return {f: self.constats.get(f, []) for f in tous
                if [cle(c) for c in avant.get(f, [])] != [cle(c) for c in self.constats.get(f, [])]}

    def _remplacer(self, nouveaux: Mapping[str, list[Constat]], rapportes: set[str],
                   supprimes: list[str]) -> dict[str, list[Constat]]:
        changes: dict[str, list[Constat]] = {}
        for fichier in rapportes:
            apres = [] if fichier in supprimes else nouveaux.get(fichier, [])
            if [cle(c) for c in self.constats.get(fichier, [])] != [cle(c) for c in apres]:
                changes[fichier] = apres
            if fichier in supprimes:
                self.constats.pop(fichier, None)
            else:
                self.constats[fichier] = apres
        return changes

    # --- éditeur -------------------------------------------------------------------------

    def ouvrir(self, fichier: str, texte: str) -> dict[str, list[Constat]]:
        """Le texte de l'éditeur remplace celui du disque (ouverture, frappe)."""
        if self.ouverts.get(fichier) == texte and fichier in self.lectures:
            return {}
        self.ouverts[fichier] = texte
        if fichier in self.lectures and self.lectures[fichier].texte == texte:
            return {}
        return self.modifier([fichier])

    def fermer(self, fichier: str) -> dict[str, list[Constat]]:
        """Fichier fermé sans enregistrer : le disque fait de nouveau foi."""
        if self.ouverts.pop(fichier, None) is None:
            return {}
        return self.modifier([fichier])

    def changes_sur_le_disque(self) -> list[str]:
        """Fichiers créés, modifiés ou supprimés sur le disque depuis leur dernière lecture
        (hors fichiers ouverts dans l'éditeur), et `cte.toml` s'il a changé."""
        presents = set(self.fichiers_du_disque())
        changes = [f for f in presents if f not in self.ouverts
                   and (f not in self.signatures or _signature(f) != self.signatures[f])]
        changes += [f for f in self.lectures if f not in presents and f not in self.ouverts]
        configuration = self.racine.configuration.fichier
        signature = _signature(str(configuration)) if configuration else None
        if signature != self.signatures.get("cte.toml", signature):
            changes.append(str(configuration))
        if configuration is not None:
            self.signatures["cte.toml"] = signature
        return sorted(changes)


def _signature(fichier: str) -> tuple[int, int]:
    try:
        etat = os.stat(fichier)
    except OSError:
        return (-1, -1)
    return (etat.st_mtime_ns, etat.st_size)


def _par_fichier(constats: list[Constat], fichiers: Mapping[str, Any]) -> dict[str, list[Constat]]:
    """Les constats des `fichiers` (tous présents, liste vide s'ils n'en ont pas), triés."""
    resultat: dict[str, list[Constat]] = {f: [] for f in fichiers}
    for c in sorted(constats, key=Constat.cle_tri):
        if c.fichier in resultat:
            resultat[c.fichier].append(c)
    return resultat
