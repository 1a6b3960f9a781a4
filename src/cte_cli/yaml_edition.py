"""Modifier un fichier YAML du dépôt en gardant commentaires et mise en page (ruamel.yaml).

Utilisé par `cte voix --ecrire` et `cte rotation --ecrire` ; générique :

    from cte_cli.yaml_edition import EditionYaml

    edition = EditionYaml.ouvrir("departemental/cde-21.yaml")
    edition.definir(("membres", 3, "voix"), 2, apres=("organisation", "college"))
    edition.supprimer(("membres", 12, "voix"))
    for m in edition.modifications:          # ce qui a changé, pour le dire à l'agent
        print(m.decrire())
    edition.enregistrer()                    # écriture atomique, rien si aucun changement

- Lecture : analyse « aller-retour » de ruamel.yaml ; l'indentation du fichier est devinée
  (``load_yaml_guess_indent``) et reprise ; les guillemets, les styles en ligne
  (``{debut: …, fin: …}``), les textes repliés (``>-``), les commentaires, l'encodage UTF-8
  avec ou sans BOM et les fins de ligne CRLF sont conservés ; les lignes ne sont pas recoupées.
- Chemins : tuples de clés et d'indices, comme les chemins des constats
  (``("membres", 3, "voix")``) ; un pas absent lève :class:`CteErreur`.
- `definir` insère une clé nouvelle après la première clé existante de `apres` (sinon à la
  fin du dictionnaire) ; une valeur inchangée n'est pas une modification.
- `enregistrer` écrit par :func:`cte_cli.ecriture.ecrire_atomique` (fichier temporaire puis
  renommage), garde les droits du fichier, et refuse d'écrire si le fichier a changé sur le
  disque depuis sa lecture (modification concurrente) ; il relit le texte produit pour
  s'assurer qu'il reste un YAML valide portant les valeurs voulues.
- Concurrence : de `ouvrir` à la fin d'`enregistrer` (ou `fermer`), le fichier est tenu sous
  un verrou consultatif exclusif (`flock`, POSIX) : deux commandes qui modifient le même
  fichier passent l'une après l'autre, la seconde relit le contenu à jour. Avec `attendu` (le
  texte sur lequel l'appelant a fait son calcul), un fichier changé entre-temps est refusé
  (:class:`FichierModifie`), sauf si `depend_de` (ce que le calcul a lu) y est inchangé : la
  modification s'applique alors au contenu à jour, rien n'est perdu.
- Lien symbolique : le fichier visé par le lien est lu, verrouillé et remplacé ; le lien reste
  un lien (fichiers partagés entre dépôts, docs/securite.md).

Aucune donnée personnelle n'est journalisée : les messages d'erreur ne citent que le fichier,
la ligne et le chemin de la clé.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cte_cli.constats import Chemin
from cte_cli.erreurs import CteErreur

#: marque « clé absente » dans une modification
ABSENT = object()
#: attente maximale du verrou d'un fichier tenu par une autre commande (secondes)
DELAI_VERROU = 60.0


class FichierModifie(CteErreur):
    """Le fichier a changé depuis la lecture sur laquelle l'appelant a fait son calcul."""


@dataclass(frozen=True)
class Modification:
    """Un changement apporté au fichier : chemin, valeur avant, valeur après (ou ABSENT)."""

    chemin: Chemin
    avant: Any
    apres: Any

    def decrire(self) -> str:
        avant = "absent" if self.avant is ABSENT else repr(self.avant)
        apres = "supprimé" if self.apres is ABSENT else repr(self.apres)
        return f"{chemin_lisible(self.chemin)} : {avant} → {apres}"


def chemin_lisible(chemin: Chemin) -> str:
    """("membres", 3, "voix") -> « membres[3].voix » (notation des rapports)."""
    from cte_cli.reports.commun import chemin_noeud

    return chemin_noeud(chemin)


def _yaml(indentation: int, tiret: int):
    """Un YAML aller-retour avec l'indentation du fichier : `indentation` des éléments de
    liste, `tiret` retrait du « - » (recette de ruamel.yaml)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # ne jamais recouper une ligne existante
    yaml.indent(mapping=tiret or indentation, sequence=indentation, offset=tiret)
    return yaml


class EditionYaml:
    """Un fichier YAML ouvert pour modification."""

    def __init__(self, chemin: Path, texte: str, donnees: Any, yaml: Any, signature: tuple, bom: bool, crlf: bool,
                 cible: Path | None = None, verrou: _Verrou | None = None):
        self.chemin = chemin
        #: le fichier réellement écrit : la cible d'un lien symbolique, sinon `chemin`
        self.cible = cible or chemin
        self._verrou = verrou
        self.texte_initial = texte
        self.donnees = donnees
        self._yaml = yaml
        self._signature = signature
        self._bom = bom
        self._crlf = crlf
        self.modifications: list[Modification] = []

    @classmethod
    def ouvrir(cls, chemin: str | os.PathLike, *, attendu: str | None = None,
               depend_de: Callable[[Any], Any] | None = None) -> EditionYaml:
        """Verrouille et lit le fichier ; CteErreur s'il est illisible ou n'est pas un YAML valide.

        `attendu` : le texte (décodé) sur lequel l'appelant a fait son calcul ; si le fichier a
        changé depuis, FichierModifie, sauf si `depend_de(données)` (ce que le calcul a lu) est
        le même avant et après : le calcul reste juste pour le contenu à jour."""
        chemin = Path(chemin)
        cible = Path(os.path.realpath(chemin))  # un lien symbolique est suivi, jamais remplacé
        verrou = _Verrou.prendre(cible, chemin)
        try:
            try:
                brut = verrou.lire(cible)
                signature = _signature(cible)
                texte = brut.decode("utf-8")
            except OSError as exc:
                raise CteErreur(f"lecture impossible : {_raison(exc)}", fichier=str(chemin)) from None
            except UnicodeDecodeError:
                raise CteErreur("le fichier n'est pas en UTF-8", fichier=str(chemin)) from None
            bom = texte.startswith("\ufeff")
            texte = texte.removeprefix("\ufeff")
            crlf = "\r\n" in texte
            texte = texte.replace("\r\n", "\n")
            if attendu is not None:
                _verifier_inchange(chemin, attendu, texte, depend_de)
            yaml, donnees = _charger(texte, chemin)
        except BaseException:
            verrou.rendre()
            raise
        return cls(chemin, texte, donnees, yaml, signature, bom, crlf, cible, verrou)

    def fermer(self) -> None:
        """Rend le verrou sans écrire (aussi fait par `enregistrer`)."""
        verrou = getattr(self, "_verrou", None)
        if verrou is not None:
            verrou.rendre()
            self._verrou = None

    def __enter__(self) -> EditionYaml:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fermer()

    def __del__(self) -> None:
        self.fermer()

    @classmethod
    def depuis_texte(cls, chemin: str | os.PathLike, texte: str) -> EditionYaml:
        """Un texte pas encore enregistré (éditeur, `cte lsp`) : seul `texte()` a un sens,
        `enregistrer` refuse d'écrire (aucune lecture du disque à comparer)."""
        chemin = Path(chemin)
        bom = texte.startswith("\ufeff")
        texte = texte.removeprefix("\ufeff")
        crlf = "\r\n" in texte
        texte = texte.replace("\r\n", "\n")
        yaml, donnees = _charger(texte, chemin)
        return cls(chemin, texte, donnees, yaml, ("non enregistré",), bom, crlf)

    # --- lecture et modification ---------------------------------------------------------

    def lire(self, chemin: Chemin, defaut: Any = ABSENT) -> Any:
        """La valeur au chemin ; `defaut` si la dernière clé manque (CteErreur s'il est ABSENT)."""
        parent = self._parent(chemin)
        cle = chemin[-1]
        if isinstance(parent, dict) and cle not in parent:
            if defaut is ABSENT:
                raise CteErreur(f"clé absente : {chemin_lisible(chemin)}", fichier=str(self.chemin))
            return defaut
        return _enfant(parent, cle, chemin, self.chemin)

    def definir(self, chemin: Chemin, valeur: Any, apres: Sequence[str] = ()) -> bool:
        """Donne `valeur` à la clé ou à l'indice final du chemin ; renvoie True si cela change
        le fichier. Une clé nouvelle va après la première clé existante de `apres`."""
        parent = self._parent(chemin)
        cle = chemin[-1]
        if isinstance(parent, list):
            avant = _enfant(parent, cle, chemin, self.chemin)
            if avant == valeur and type(avant) is type(valeur):
                return False
            parent[cle] = valeur  # type: ignore[index]  # `_enfant` a vérifié l'indice
        elif cle in parent:
            avant = parent[cle]
            if avant == valeur and type(avant) is type(valeur):
                return False
            parent[cle] = valeur
        else:
            avant = ABSENT
            position = _position(parent, apres)
            parent.insert(position, cle, valeur)
            if position > 0:
                _deplacer_commentaires(parent, list(parent.keys())[position - 1], cle)
        self.modifications.append(Modification(tuple(chemin), avant, valeur))
        return True

    def supprimer(self, chemin: Chemin) -> bool:
        """Retire la clé finale du chemin ; False si elle n'existait pas."""
        parent = self._parent(chemin)
        cle = chemin[-1]
        if not isinstance(parent, dict) or cle not in parent:
            return False
        cles = list(parent.keys())
        position = cles.index(cle)
        if position > 0:
            _reporter_commentaires(parent, cle, cles[position - 1])
        avant = parent.pop(cle)
        self.modifications.append(Modification(tuple(chemin), avant, ABSENT))
        return True

    def _parent(self, chemin: Chemin) -> Any:
        if not chemin:
            raise CteErreur("chemin vide", fichier=str(self.chemin))
        courant = self.donnees
        for i, pas in enumerate(chemin[:-1]):
            courant = _enfant(courant, pas, chemin[: i + 1], self.chemin)
        if not isinstance(courant, dict | list):
            raise CteErreur(f"{chemin_lisible(chemin[:-1])} n'est ni une liste ni un dictionnaire",
                            fichier=str(self.chemin))
        return courant

    # --- écriture ----------------------------------------------------------------------

    def texte(self) -> str:
        """Le texte du fichier modifié (fins de ligne et BOM d'origine)."""
        import io

        flux = io.StringIO()
        self._yaml.dump(self.donnees, flux)
        texte = flux.getvalue()
        if self._crlf:
            texte = texte.replace("\n", "\r\n")
        return ("\ufeff" if self._bom else "") + texte

    def enregistrer(self) -> Path | None:
        """Écrit le fichier s'il a changé ; None sinon. CteErreur si le fichier a été modifié
        sur le disque depuis sa lecture. Rend le verrou dans tous les cas."""
        try:
            return self._enregistrer()
        finally:
            self.fermer()

    def _enregistrer(self) -> Path | None:
        if not self.modifications:
            return None
        if _signature(self.cible) != self._signature:
            raise CteErreur("le fichier a été modifié depuis sa lecture ; relancez la commande",
                            fichier=str(self.chemin))
        texte = self.texte()
        _, relu = _charger(texte.removeprefix("\ufeff").replace("\r\n", "\n"), self.chemin)
        for m in self.modifications:
            _verifier(relu, m, self.chemin)
        from cte_cli.ecriture import ecrire_atomique

        mode = self.cible.stat().st_mode & 0o7777
        ecrit = ecrire_atomique(self.cible, texte, force=True)
        os.chmod(ecrit, mode)
        self._signature = _signature(self.cible)
        return self.chemin


def _raison(exc: OSError) -> str:
    from cte_cli.erreurs import raison_systeme

    return raison_systeme(exc)


def _verifier_inchange(chemin: Path, attendu: str, texte: str, depend_de: Callable[[Any], Any] | None) -> None:
    """FichierModifie si le fichier n'est plus celui du calcul et que ce que le calcul a lu a changé."""
    attendu = attendu.removeprefix("\ufeff").replace("\r\n", "\n")
    if attendu == texte:
        return
    if depend_de is not None:
        from cte_cli.loading.parser import ErreurAnalyse, analyser

        try:
            if depend_de(_dict(analyser(attendu))) == depend_de(_dict(analyser(texte))):
                return
        except ErreurAnalyse:
            pass
    raise FichierModifie("le fichier a été modifié par un autre processus pendant le calcul : rien n'a été "
                         "écrit ; relancez la commande pour repartir du contenu à jour", fichier=str(chemin))


def _dict(donnees: Any) -> dict:
    return donnees if isinstance(donnees, dict) else {}


def sauf(*cles: str) -> Callable[[Any], Any]:
    """Pour `depend_de` : tout le document sauf ces clés de premier niveau."""
    return lambda donnees: {k: v for k, v in donnees.items() if k not in cles}


def seulement(*cles: str) -> Callable[[Any], Any]:
    """Pour `depend_de` : ces seules clés de premier niveau."""
    return lambda donnees: {k: donnees.get(k) for k in cles}


class _Verrou:
    """Verrou consultatif exclusif (flock) sur un fichier que l'on remplacera par renommage.

    Le renommage donne au fichier un nouvel inode : un processus qui attendait le verrou de
    l'ancien vérifie, une fois le verrou obtenu, que le chemin désigne toujours le fichier
    verrouillé, sinon il recommence sur le nouveau. Sans fcntl (Windows), pas de verrou : reste
    la comparaison avant remplacement (docs/securite.md)."""

    def __init__(self, descripteur: int | None):
        self._descripteur = descripteur

    @classmethod
    def prendre(cls, cible: Path, chemin: Path) -> _Verrou:
        try:
            import fcntl
        except ImportError:  # Windows
            return cls(None)
        limite = time.monotonic() + DELAI_VERROU
        while True:
            try:
                descripteur = os.open(cible, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            except OSError as exc:
                raise CteErreur(f"lecture impossible : {_raison(exc)}", fichier=str(chemin)) from None
            try:
                while True:
                    try:
                        fcntl.flock(descripteur, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > limite:
                            raise CteErreur(
                                f"fichier en cours de modification par un autre processus depuis plus de "
                                f"{DELAI_VERROU:g} s : rien n'a été écrit ; relancez la commande plus tard",
                                fichier=str(chemin)) from None
                        time.sleep(0.02)
                    except OSError:  # système de fichiers sans flock : la comparaison suffira
                        return cls(descripteur)
                tenu, actuel = os.fstat(descripteur), os.stat(cible)
                if (tenu.st_dev, tenu.st_ino) == (actuel.st_dev, actuel.st_ino):
                    return cls(descripteur)
            except FileNotFoundError:
                pass  # remplacé puis supprimé pendant l'attente : on recommence (et on échouera)
            except BaseException:
                os.close(descripteur)
                raise
            os.close(descripteur)  # remplacé pendant l'attente : on verrouille le nouveau fichier
            if time.monotonic() > limite:
                raise CteErreur(f"fichier remplacé sans cesse par un autre processus depuis plus de {DELAI_VERROU:g} s : "
                                "rien n'a été écrit ; relancez la commande plus tard", fichier=str(chemin))

    def lire(self, cible: Path) -> bytes:
        """Le contenu du fichier verrouillé (par son descripteur : celui-là même qui est tenu)."""
        import stat

        if self._descripteur is None:
            return cible.read_bytes()
        if not stat.S_ISREG(os.fstat(self._descripteur).st_mode):
            raise CteErreur("ce n'est pas un fichier ordinaire : il n'est pas modifié", fichier=str(cible))
        with os.fdopen(os.dup(self._descripteur), "rb") as flux:
            flux.seek(0)
            return flux.read()

    def rendre(self) -> None:
        if self._descripteur is not None:
            descripteur, self._descripteur = self._descripteur, None
            os.close(descripteur)  # rend le verrou


def _signature(chemin: Path) -> tuple:
    etat = chemin.stat()
    return (etat.st_mtime_ns, etat.st_size, etat.st_ino)


def _charger(texte: str, chemin: Path) -> tuple[Any, Any]:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, indentation, tiret = load_yaml_guess_indent(texte)
        yaml = _yaml(indentation or 2, tiret or 0)
        return yaml, yaml.load(texte)
    except MarkedYAMLError as exc:
        ligne = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise CteErreur(f"YAML invalide ({exc.problem or 'syntaxe'}) ; vérifiez avec cte validate",
                        fichier=str(chemin), ligne=ligne) from None
    except YAMLError as exc:
        raise CteErreur(f"YAML invalide ({type(exc).__name__}) ; vérifiez avec cte validate",
                        fichier=str(chemin)) from None


def _enfant(courant: Any, pas: Any, chemin: Chemin, fichier: Path) -> Any:
    if isinstance(courant, dict) and not isinstance(pas, int) and pas in courant:
        return courant[pas]
    if isinstance(courant, list) and isinstance(pas, int) and 0 <= pas < len(courant):
        return courant[pas]
    raise CteErreur(f"{chemin_lisible(chemin)} introuvable dans le fichier", fichier=str(fichier))


def _position(parent: Any, apres: Sequence[str]) -> int:
    cles = list(parent.keys())
    for cle in apres:
        if cle in parent:
            return cles.index(cle) + 1
    return len(cles)


def _deplacer_commentaires(parent: Any, precedente: Any, nouvelle: Any) -> None:
    """Les lignes de commentaire qui suivaient `precedente` suivent maintenant `nouvelle`,
    insérée juste après ; le commentaire de fin de ligne reste sur la ligne de `precedente`."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    notes: Any = getattr(parent, "ca", None)
    entree = notes.items.get(precedente) if notes is not None else None
    if not entree or len(entree) < 3 or entree[2] is None:
        return
    jeton = entree[2]
    fin_de_ligne, saut, suite = jeton.value.partition("\n")
    if not saut or not suite.strip():
        return
    if fin_de_ligne.strip():
        jeton.value = fin_de_ligne + "\n"
    else:
        entree[2] = None
        if not any(entree):
            del notes.items[precedente]
    notes.items[nouvelle] = [None, None, CommentToken("\n" + suite, CommentMark(jeton.column), None), None]


def _reporter_commentaires(parent: Any, retiree: Any, precedente: Any) -> None:
    """Avant de retirer une clé, ses lignes de commentaire suivantes passent à `precedente`."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    notes: Any = getattr(parent, "ca", None)
    entree = notes.items.get(retiree) if notes is not None else None
    if not entree or len(entree) < 3 or entree[2] is None:
        return
    _, saut, suite = entree[2].value.partition("\n")
    if not saut or not suite.strip():
        return
    avant = notes.items.setdefault(precedente, [None, None, None, None])
    if avant[2] is not None:
        fin_de_ligne = avant[2].value.partition("\n")[0]
        avant[2].value = fin_de_ligne + "\n" + suite
    else:
        avant[2] = CommentToken("\n" + suite, CommentMark(entree[2].column), None)


def _verifier(donnees: Any, m: Modification, fichier: Path) -> None:
    courant = donnees
    for pas in m.chemin[:-1]:
        courant = courant[pas]
    present = m.chemin[-1] in courant if isinstance(courant, dict) else True
    valeur = courant[m.chemin[-1]] if present else ABSENT
    if (m.apres is ABSENT and present) or (m.apres is not ABSENT and valeur != m.apres):
        raise CteErreur(f"réécriture incohérente de {chemin_lisible(m.chemin)} : fichier laissé intact",
                        fichier=str(fichier))


__all__ = ["ABSENT", "EditionYaml", "FichierModifie", "Modification", "chemin_lisible", "sauf", "seulement"]
