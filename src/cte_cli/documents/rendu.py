"""Rendu des modèles (.docx et .md) dans un bac à sable Jinja.

Points d'entrée (documentés dans docs/documents.md, section « Rendu et sécurité ») :

- :func:`rendre_docx` (modèle .docx, contexte) -> octets du document, écrits dans `sortie`
  si elle est donnée ;
- :func:`rendre_texte` (modèle .md, contexte) -> texte ;
- :func:`environnement` (« docx » ou « md ») : l'environnement Jinja utilisé.

Un modèle, même venu du dossier `modeles/` d'un dépôt, s'exécute dans un
`ImmutableSandboxedEnvironment` : pas de chargeur (ni `include`, ni `import`, ni `extends`),
pas d'accès aux attributs privés ni aux méthodes qui modifient une valeur, pas de fichiers
ni de variables d'environnement ; `range` est limité, les répétitions (`*`, `**`) et les
largeurs de `center`, `indent`, `format`, `wordwrap`, `truncate` sont bornées. Toute erreur devient une
`CteErreur` en français : variable inconnue, donnée absente du YAML (fichier, ligne, clé),
erreur de syntaxe (avec le texte du paragraphe), opération interdite.
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

from jinja2 import StrictUndefined
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from cte_cli.documents.typographie import nettoyer, typographier
from cte_cli.documents.vue import DonneeManquante
from cte_cli.erreurs import CteErreur

#: taille maximale d'un modèle, et de son contenu décompressé (archive .docx)
TAILLE_MAX_MODELE = 20 * 1024 * 1024
TAILLE_MAX_DECOMPRESSEE = 200 * 1024 * 1024
#: longueur maximale d'un texte ou d'une liste produits par une opération du modèle
LONGUEUR_MAX = 1_000_000
#: nombre total d'éléments que `range` peut produire pendant un rendu
BUDGET_RANGE = 100_000


class ErreurModele(CteErreur):
    """Le modèle lui-même est fautif (syntaxe, variable inconnue, opération interdite)."""


class Interdit(SecurityError):
    """Refus de cte (borne du bac à sable) : message français, sans valeur tirée des données."""


class VariableInconnue(UndefinedError):
    """Le modèle lit une variable ou un attribut que la vue ne fournit pas."""

    def __init__(self, nom: str, objet: Any):
        super().__init__(nom)
        self.nom = nom
        self.objet = objet


class Indefini(StrictUndefined):
    """Variable ou attribut inconnu de la vue : erreur dès la première utilisation."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any):
        from jinja2.utils import missing

        objet = None if self._undefined_obj is missing else self._undefined_obj
        raise VariableInconnue(str(self._undefined_name), objet)


for _nom in (
    "__str__", "__iter__", "__len__", "__bool__", "__hash__", "__eq__", "__ne__", "__contains__",
    "__getitem__", "__call__", "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
    "__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__pos__",
    "__neg__", "__lt__", "__le__", "__gt__", "__ge__", "__int__", "__float__", "__complex__",
    "__pow__", "__rpow__",
):
    setattr(Indefini, _nom, Indefini._fail_with_undefined_error)


# --- filtres ---------------------------------------------------------------------------------


def liste(valeurs: Any, dernier: str = " et ", separateur: str = ", ") -> str:
    """« A, B et C » ; `liste(" ou ")` : « A, B ou C »."""
    textes = [str(v) for v in valeurs]
    if len(textes) <= 1:
        return "".join(textes)
    return separateur.join(textes[:-1]) + dernier + textes[-1]


def majuscule(texte: Any) -> str:
    """Première lettre en majuscule, le reste inchangé (contrairement à `capitalize`)."""
    texte = str(texte)
    return texte[:1].upper() + texte[1:]


def minuscule(texte: Any) -> str:
    """Première lettre en minuscule, le reste inchangé (« Préfète de la Côte-d'Or » -> « préfète
    de la Côte-d'Or ») ; un sigle garde ses capitales (« DDETS de la Côte-d'Or »)."""
    texte = str(texte)
    if texte[1:2].isupper():
        return texte
    return texte[:1].lower() + texte[1:]


def _initiale_de_phrase(texte: str) -> str:
    """L'initiale d'un texte libre placé après « : » dans une phrase : en minuscule, sauf pour un
    sigle (« DDETS ») ou un nom propre de plusieurs mots (« France Travail », « Dijon Métropole »)."""
    mots = texte.split()
    if len(mots) < 2 or texte[1:2].isupper() or mots[1][:1].isupper():
        return texte
    return texte[:1].lower() + texte[1:]


def phrase(texte: Any, majuscule_: bool = True) -> str:
    """Un texte libre en fin de phrase : un seul point final, initiale en majuscule ; avec
    `phrase(false)`, après « : » ou une virgule, initiale en minuscule (sauf sigle ou nom propre)."""
    texte = str(texte).strip().rstrip(".").rstrip()
    texte = majuscule(texte) if majuscule_ else _initiale_de_phrase(texte)
    return texte + ("" if texte.endswith(("!", "?", "…")) else ".")


def pluriel(nombre: int, singulier: str, pluriel_: str | None = None) -> str:
    """`3 | pluriel("membre")` -> « 3 membres »."""
    mot = singulier if abs(nombre) < 2 else (pluriel_ or singulier + "s")
    return f"{nombre} {mot}"


#: caractères actifs partout en Markdown (CommonMark, GFM) : échappés par une barre oblique
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|&~])")
#: caractères actifs en début de ligne (titre, liste, citation, règle, liste numérotée)
_DEBUT_DE_LIGNE = re.compile(r"^(\s*|\s*\d+)([#+=-]|(?<=\d)[.)])", re.M)


def echapper_markdown(texte: str) -> str:
    """Échappe un texte pour Markdown : caractères actifs, débuts de ligne qui feraient un titre
    ou une liste ; un saut de ligne devient « <br> » (valable aussi dans un tableau)."""
    echappe = _MARKDOWN.sub(r"\\\1", texte)
    echappe = _DEBUT_DE_LIGNE.sub(lambda m: m.group(1) + "\\" + m.group(2), echappe)
    return echappe.replace("\n", "<br>")


def _borne(nom: str, valeur: int, maxi: int = 10_000) -> None:
    if abs(valeur) > maxi:
        raise Interdit(f"{nom} trop grand (limite {maxi})")


def _filtres_bornes(env: ImmutableSandboxedEnvironment) -> None:
    """Remplace les filtres dont un argument fixe une taille de sortie par des versions bornées."""
    originaux = dict(env.filters)

    def center(valeur: Any, width: int = 80) -> str:
        _borne("largeur", width)
        return originaux["center"](valeur, width)

    def indent(valeur: Any, width: Any = 4, *args: Any, **kwargs: Any) -> str:
        if isinstance(width, int):
            _borne("indentation", width)
        elif len(str(width)) > 10_000:
            raise Interdit("indentation trop longue")
        return originaux["indent"](valeur, width, *args, **kwargs)

    def wordwrap(env_: Any, valeur: Any, width: int = 79, *args: Any, **kwargs: Any) -> str:
        _borne("largeur", width)
        return originaux["wordwrap"](env_, valeur, width, *args, **kwargs)

    def truncate(env_: Any, valeur: Any, length: int = 255, *args: Any, **kwargs: Any) -> str:
        _borne("longueur", length, LONGUEUR_MAX)
        return originaux["truncate"](env_, valeur, length, *args, **kwargs)

    def format_(valeur: Any, *args: Any, **kwargs: Any) -> str:
        if re.search(r"%[-+ #0]*(\d{5,}|\*)", str(valeur)) or re.search(r"\.\d{5,}", str(valeur)):
            raise Interdit("largeur de format trop grande")
        return originaux["format"](valeur, *args, **kwargs)

    def join(eval_ctx: Any, valeur: Any, d: str = "", attribute: Any = None) -> str:
        elements = list(valeur)
        if sum(len(str(e)) for e in elements) + len(d) * len(elements) > LONGUEUR_MAX:
            raise Interdit(f"texte de plus de {LONGUEUR_MAX} caractères produit par join")
        return originaux["join"](eval_ctx, elements, d, attribute)

    def replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> str:
        texte, ancien, nouveau = str(s), str(old), str(new)
        occurrences = texte.count(ancien) if ancien else len(texte) + 1
        if len(texte) + occurrences * max(0, len(nouveau) - len(ancien)) > LONGUEUR_MAX:
            raise Interdit(f"texte de plus de {LONGUEUR_MAX} caractères produit par replace")
        return originaux["replace"](eval_ctx, s, old, new, count)

    def slice_(eval_ctx: Any, valeur: Any, slices: int, *args: Any) -> Any:
        _borne("nombre de parts", slices)
        return originaux["slice"](eval_ctx, valeur, slices, *args)

    def batch(valeur: Any, linecount: int, *args: Any) -> Any:
        _borne("taille de lot", linecount)
        return originaux["batch"](valeur, linecount, *args)

    def tojson(eval_ctx: Any, valeur: Any, indent: Any = None) -> Any:
        if isinstance(indent, int):
            _borne("retrait", indent, 100)
        return originaux["tojson"](eval_ctx, valeur, indent)

    from jinja2.utils import pass_environment, pass_eval_context

    env.filters.update(slice=pass_eval_context(slice_), batch=batch, tojson=pass_eval_context(tojson))
    env.filters.update(center=center, indent=indent, format=format_,
                       wordwrap=pass_environment(wordwrap), truncate=pass_environment(truncate),
                       join=pass_eval_context(join), replace=pass_eval_context(replace))


class _Generateur(CodeGenerator):
    """Compile `a ~ b` en un appel borné (`environment.concatener`) : la concaténation ne
    peut pas doubler un texte jusqu'à épuiser la mémoire (macro récursive, boucle)."""

    def visit_Concat(self, node: Any, frame: Any) -> None:
        self.write("environment.concatener((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


#: largeur d'au moins 5 chiffres dans un champ de str.format (« {:>999999999} »)
_LARGEUR_FORMAT = re.compile(r"\{[^{}]*:[^{}]*\d{5,}")


def _champs(gabarit: str) -> list:
    import string

    try:
        return list(string.Formatter().parse(gabarit))
    except ValueError:
        return []


def _trop_long(valeur: Any) -> bool:
    return isinstance(valeur, str | list | tuple) and len(valeur) > LONGUEUR_MAX


class BacASable(ImmutableSandboxedEnvironment):
    """Bac à sable Jinja : en plus de la protection standard, les répétitions, concaténations
    et largeurs sont bornées, et aucun modèle n'en charge un autre (pas d'accès aux fichiers)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generateur

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        nombres = isinstance(right, int | float) and isinstance(left, int | float)
        if operator == "**" and nombres and (abs(right) > 64 or abs(left) > 1_000_000):
            raise Interdit("puissance trop grande dans un modèle")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > LONGUEUR_MAX:
                    raise Interdit("répétition trop longue dans un modèle")
        if operator == "%" and isinstance(left, str) and re.search(r"%[-+ #0]*(\d{5,}|\*)|\.\d{5,}", left):
            raise Interdit("largeur de format trop grande")
        resultat = super().call_binop(context, operator, left, right)
        if _trop_long(resultat):
            raise Interdit(f"texte ou liste de plus de {LONGUEUR_MAX} éléments produit par le modèle")
        return resultat

    #: taille maximale du texte d'un rendu (CTE_DOCUMENT_MAX), fixée par `environnement`
    document_max = 20 * 1024 * 1024

    def concat(self, morceaux: Any) -> str:  # type: ignore[override]
        """Assemble le texte rendu (Template.render, blocs, macros) en bornant sa taille : chaque
        morceau est borné, mais une boucle pouvait en écrire des centaines de Mo (un modèle de
        47 octets, un document de 400 Mo)."""
        limite, total, assembles = self.document_max, 0, []
        for morceau in morceaux:
            total += len(morceau)
            if total > limite:
                raise Interdit(f"document de plus de {limite // 1_048_576 or 1} Mo produit par le modèle (limite "
                               "réglable en octets par la variable d'environnement CTE_DOCUMENT_MAX)")
            assembles.append(morceau)
        return "".join(assembles)

    def concatener(self, valeurs: tuple, autoescape: bool) -> str:
        from jinja2.runtime import markup_join, str_join

        resultat = markup_join(valeurs) if autoescape else str_join(valeurs)
        if len(resultat) > LONGUEUR_MAX:
            raise Interdit(f"texte de plus de {LONGUEUR_MAX} caractères produit par le modèle")
        return resultat

    def wrap_str_format(self, value: Any) -> Any:
        """`"{:>999999999}".format(x)` (ou une largeur passée en argument) est refusé avant de
        construire le texte."""
        enveloppe = super().wrap_str_format(value)
        if enveloppe is None:
            return None
        gabarit = value.__self__

        def borne(*args: Any, **kwargs: Any) -> str:
            dynamique = "{" in "".join(spec or "" for _, _, spec, _ in _champs(gabarit))
            grands = any(isinstance(v, int) and abs(v) > 10_000 for v in (*args, *kwargs.values()))
            if _LARGEUR_FORMAT.search(gabarit) or (dynamique and grands):
                raise Interdit("largeur de format trop grande")
            return enveloppe(*args, **kwargs)

        return borne

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        """Comme Jinja, mais le texte n'est compilé qu'une fois (documents/cache.py) ; le code est
        relié à cet environnement-ci (filtres et budgets de ce rendu)."""
        from cte_cli.documents.cache import code_compile

        classe = template_class or self.template_class
        return classe.from_code(self, code_compile(self, source), self.make_globals(globals), None)

    def get_template(self, *args: Any, **kwargs: Any) -> Any:
        raise Interdit(INCLUSION_INTERDITE)

    def select_template(self, *args: Any, **kwargs: Any) -> Any:
        raise Interdit(INCLUSION_INTERDITE)

    def get_or_select_template(self, *args: Any, **kwargs: Any) -> Any:
        raise Interdit(INCLUSION_INTERDITE)


INCLUSION_INTERDITE = "include, import et extends sont interdits : un modèle ne lit aucun autre fichier"


def _range_borne() -> Any:
    restant = [BUDGET_RANGE]

    def range_(*args: int) -> range:
        r = range(*args)
        restant[0] -= len(r)
        if restant[0] < 0:
            raise Interdit(f"range : plus de {BUDGET_RANGE} éléments produits par le modèle")
        return r

    return range_


def _finalisation(format_: str):
    def finaliser(valeur: Any) -> Any:
        if isinstance(valeur, str) and type(valeur) is str:  # pas un Markup déjà échappé
            texte = typographier(nettoyer(valeur))
            return echapper_markdown(texte) if format_ == "md" else texte
        return valeur

    return finaliser


def environnement(format_: str = "docx") -> BacASable:
    """L'environnement Jinja d'un rendu : « docx » (échappement XML) ou « md » (Markdown)."""
    env = BacASable(
        autoescape=format_ == "docx", undefined=Indefini, finalize=_finalisation(format_),
        keep_trailing_newline=True, trim_blocks=format_ == "md", lstrip_blocks=format_ == "md",
    )
    env.globals.pop("lipsum", None)
    env.globals["range"] = _range_borne()
    env.document_max = _reglage("CTE_DOCUMENT_MAX", BacASable.document_max)
    _filtres_bornes(env)
    env.filters.update(liste=liste, majuscule=majuscule, minuscule=minuscule, phrase=phrase,
                       pluriel=pluriel)
    return env


# --- modèles ---------------------------------------------------------------------------------


def verifier_taille(modele: Path) -> None:
    """Refuse un modèle trop gros ou une archive .docx qui se décompresse démesurément."""
    try:
        taille = modele.stat().st_size
    except OSError as exc:
        raise CteErreur(f"modèle illisible : {modele} ({exc.strerror or type(exc).__name__})") from None
    if taille > TAILLE_MAX_MODELE:
        raise ErreurModele(f"modèle trop volumineux ({taille // 1_048_576} Mo, limite "
                           f"{TAILLE_MAX_MODELE // 1_048_576} Mo) : {modele}")
    if modele.suffix.lower() != ".docx":
        return
    try:
        with zipfile.ZipFile(modele) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ErreurModele(f"le modèle n'est pas un document Word (.docx) valide : {modele}") from None
    if total > TAILLE_MAX_DECOMPRESSEE:
        raise ErreurModele(f"modèle refusé : son contenu décompressé dépasse "
                           f"{TAILLE_MAX_DECOMPRESSEE // 1_048_576} Mo : {modele}")


def rendre_docx(modele: str | os.PathLike, contexte: dict[str, Any], sortie: str | os.PathLike | None = None,
                *, force: bool = False) -> bytes:
    """Rend un modèle .docx (docxtpl) avec `contexte` ; écrit le résultat dans `sortie` (écriture
    atomique, jamais d'écrasement sans `force`) et renvoie ses octets."""
    from cte_cli.documents.cache import GabaritDocx

    chemin = Path(modele)
    verifier_taille(chemin)
    try:
        gabarit = GabaritDocx(str(chemin))
        gabarit.init_docx()
    except Exception:
        raise ErreurModele(f"le modèle n'est pas un document Word (.docx) lisible : {chemin}") from None
    env = environnement("docx")
    with _erreurs_de_rendu(chemin, gabarit), ressources_bornees():
        gabarit.render(contexte, jinja_env=env, autoescape=True)
    tampon = BytesIO()
    gabarit.save(tampon)
    donnees = tampon.getvalue()
    if len(donnees) > env.document_max:  # en-têtes, pieds de page et corps rendus séparément
        raise ErreurModele(f"modèle « {chemin} » : document de plus de {env.document_max // 1_048_576 or 1} Mo "
                           "(limite réglable en octets par la variable d'environnement CTE_DOCUMENT_MAX)")
    if sortie is not None:
        from cte_cli.ecriture import ecrire_atomique

        ecrire_atomique(sortie, donnees, force=force)
    return donnees


def lire_modele_texte(modele: Path) -> str:
    verifier_taille(modele)
    try:
        return modele.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ErreurModele(f"le modèle n'est pas en UTF-8 : {modele}") from None
    except OSError as exc:
        raise CteErreur(f"modèle illisible : {modele} ({exc.strerror or type(exc).__name__})") from None


def rendre_texte(modele: str | os.PathLike, contexte: dict[str, Any]) -> str:
    """Rend un modèle Markdown (.md) avec `contexte` ; les valeurs sont échappées pour Markdown."""
    chemin = Path(modele)
    texte = lire_modele_texte(chemin)
    env = environnement("md")
    with _erreurs_de_rendu(chemin, None), ressources_bornees():
        return env.from_string(texte).render(contexte)


# --- temps et mémoire du rendu ---------------------------------------------------------------

#: durée maximale d'un rendu (secondes) et mémoire qu'il peut ajouter (octets), réglables
DELAI_RENDU = 60
MEMOIRE_RENDU = 1024**3


class DelaiDepasse(Interdit):
    """Le rendu a dépassé sa durée maximale (boucles imbriquées d'un modèle)."""


def _reglage(nom: str, defaut: int) -> int:
    """La limite `nom` de l'environnement, validée (`cte_cli.limites` : CteErreur si invalide)."""
    from cte_cli.limites import valeur

    return valeur(nom)


class ressources_bornees:
    """Borne la durée (minuterie SIGALRM, Unix) et la mémoire (RLIMIT_AS, Linux) d'un rendu.

    Dernier filet derrière les bornes du bac à sable : un modèle qui imbrique des boucles sur
    les listes de la vue, ou qui construit un texte énorme par une voie non bornée, s'arrête
    avec une erreur française au lieu de figer la CI ou d'épuiser la mémoire de la machine.
    Sans effet hors du fil principal, et pour la mémoire hors de Linux (docs/securite.md)."""

    def __enter__(self) -> None:
        import signal
        import threading

        self._alarme = self._memoire = None
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self._delai = _reglage("CTE_DELAI_MODELE", DELAI_RENDU)

            def expirer(numero: int, cadre: Any) -> None:
                raise DelaiDepasse(f"rendu arrêté après {self._delai} s (limite réglable en secondes par la "
                                   "variable d'environnement CTE_DELAI_MODELE)")

            self._alarme = signal.signal(signal.SIGALRM, expirer)
            signal.setitimer(signal.ITIMER_REAL, self._delai)
        self._memoire = _borner_memoire(_reglage("CTE_MEMOIRE_MODELE", MEMOIRE_RENDU))

    def __exit__(self, *erreur: Any) -> Literal[False]:
        import signal

        if self._alarme is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._alarme)
        if self._memoire is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, self._memoire)
        if erreur[0] is not None and issubclass(erreur[0], MemoryError):
            limite = _reglage("CTE_MEMOIRE_MODELE", MEMOIRE_RENDU) // 1024**2
            raise Interdit(f"le modèle demande trop de mémoire (plus de {limite} Mo ; limite réglable en "
                                "octets par la variable d'environnement CTE_MEMOIRE_MODELE)") from None
        return False


def _borner_memoire(supplement: int) -> tuple[int, int] | None:
    """Abaisse la limite d'espace d'adressage à l'usage actuel + `supplement` ; renvoie
    l'ancienne limite (None si impossible : autre système, limite déjà plus basse)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import resource

        actuel = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        ancienne = resource.getrlimit(resource.RLIMIT_AS)
        plafond = actuel + supplement
        if ancienne[0] != resource.RLIM_INFINITY and ancienne[0] <= plafond:
            return None
        if ancienne[1] != resource.RLIM_INFINITY:
            plafond = min(plafond, ancienne[1])
        resource.setrlimit(resource.RLIMIT_AS, (plafond, ancienne[1]))
        return ancienne
    except (OSError, ValueError, ImportError):
        return None


# --- erreurs ---------------------------------------------------------------------------------


class _erreurs_de_rendu:
    """Traduit les erreurs de Jinja et de docxtpl en CteErreur françaises."""

    def __init__(self, modele: Path, gabarit: Any):
        self.modele = modele
        self.gabarit = gabarit

    def __enter__(self) -> None:
        return None

    def __exit__(self, type_: Any, exc: BaseException | None, tb: Any) -> Literal[False]:
        if exc is None or isinstance(exc, CteErreur) or not isinstance(exc, Exception):
            return False
        raise traduire(exc, self.modele, self.gabarit) from None


def traduire(exc: Exception, modele: Path, gabarit: Any = None) -> CteErreur:
    """L'erreur française correspondant à une exception levée pendant un rendu.

    Elle désigne le modèle, la ligne (ou le paragraphe) et la nature de l'erreur, jamais une
    valeur tirée des données : un nom de clé ou d'attribut n'est cité que s'il est écrit tel
    quel dans le modèle (`comite[membre.nom]` ne recopie pas le nom du membre)."""
    nom = modele.name
    if isinstance(exc, DonneeManquante):
        source = exc.source
        return CteErreur(
            f"le modèle « {nom} » a besoin de `{source.cle}` ({source.conseil}), absent du fichier ; "
            f"renseignez-le (variable `{exc.variable}` de la vue)",
            source.fichier, source.ligne(),
        )
    lieu = _lieu(exc, modele, gabarit)
    if isinstance(exc, TemplateSyntaxError):  # à la compilation : rien ne vient des données
        return ErreurModele(f"modèle « {modele} »{lieu} : erreur de syntaxe Jinja : {traduire_jinja(exc.message or '')}")
    texte = _texte_du_modele(modele)
    if isinstance(exc, VariableInconnue):
        return ErreurModele(f"modèle « {modele} »{lieu} : {message_variable(exc, texte)} ; "
                            "vérifiez-le avec « cte modeles verifier »")
    if isinstance(exc, Interdit):
        return ErreurModele(f"modèle « {modele} »{lieu} : opération interdite dans un modèle ({exc})")
    if isinstance(exc, SecurityError):
        return ErreurModele(f"modèle « {modele} »{lieu} : opération interdite dans un modèle "
                            f"({traduire_jinja(str(exc), texte)})")
    if isinstance(exc, TemplateError):
        return ErreurModele(f"modèle « {modele} »{lieu} : {traduire_jinja(str(exc), texte)}")
    if isinstance(exc, RecursionError):
        return ErreurModele(f"modèle « {modele} »{lieu} : appels imbriqués trop profonds (une macro "
                            "s'appelle-t-elle sans fin ?)")
    return ErreurModele(f"modèle « {modele} »{lieu} : erreur pendant le rendu ({type(exc).__name__})")


def _texte_du_modele(modele: Path) -> str:
    """Le texte du modèle (toutes les parties d'un .docx) ; vide s'il ne peut être relu."""
    try:
        if modele.suffix.lower() == ".docx":
            from cte_cli.documents.verification import sources_docx

            return "\n".join(source.texte for source in sources_docx(modele))
        return lire_modele_texte(modele)
    except Exception:  # noqa: BLE001 — sans texte, aucun nom n'est cité
        return ""


def ecrit_dans_le_modele(nom: str, texte: str | None) -> bool:
    """Vrai si `nom` figure tel quel dans le modèle (nom de variable, d'attribut, texte entre
    guillemets) : le citer ne révèle rien des données. `texte` None : pas de vérification."""
    if texte is None:
        return True
    if not nom or len(nom) > 64 or not nom.isprintable():
        return False
    mot = re.escape(nom)
    return re.search(rf"(?<![\w]){mot}(?![\w])|['\"]{mot}['\"]", texte) is not None


def message_variable(exc: VariableInconnue, texte: str | None = None) -> str:
    """Le message d'une variable ou d'un attribut inconnu ; le nom n'est cité que s'il est écrit
    dans le modèle (`texte`), sinon il a été calculé à partir des données."""
    from dataclasses import fields, is_dataclass

    from cte_cli.suggestions import suggestion

    cite = ecrit_dans_le_modele(exc.nom, texte)
    nom = f"« {exc.nom} »" if cite else "un nom calculé à partir des données"
    if exc.objet is None:
        return f"variable {nom} inconnue de la vue"
    classe = type(exc.objet).__name__
    if is_dataclass(exc.objet):
        noms = [f.name for f in fields(exc.objet)]
        conseil = suggestion(exc.nom, noms) if cite else ""
        return f"{nom} n'existe pas dans un objet {classe} de la vue{conseil} (disponibles : {', '.join(noms)})"
    return f"{nom} n'existe pas dans cette valeur ({classe})"


_JINJA = (
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. The innermost block "
     r"that needs to be closed is '(.+?)'\.", r"fin du modèle inattendue : le bloc « \2 » n'est pas refermé "
     r"(balises attendues : \1)"),
    (r"unexpected end of template.*", "fin du modèle inattendue : un bloc {% … %} n'est pas refermé"),
    (r"Encountered unknown tag '(.+?)'\. Jinja was looking for the following tags: (.+?)\. The innermost "
     r"block that needs to be closed is '(.+?)'\.", r"balise « \1 » inattendue : le bloc « \3 » attend \2"),
    (r"Encountered unknown tag '(.+?)'.*", r"balise inconnue « \1 »"),
    (r"expected token 'end of print statement', got '(.+?)'", r"« }} » attendu, trouvé « \1 »"),
    (r"expected token 'end of statement block', got '(.+?)'", r"« %} » attendu, trouvé « \1 »"),
    (r"expected token '(.+?)', got '(.+?)'", r"« \1 » attendu, trouvé « \2 »"),
    (r"unexpected '(.+?)'", r"« \1 » inattendu"),
    (r"unexpected char '(.+?)' at \d+", r"caractère « \1 » inattendu"),
    (r"no filter named '(.+?)'", r"filtre « \1 » inconnu"),
    (r"No filter named '(.+?)'\.?", r"filtre « \1 » inconnu"),
    (r"no test named '(.+?)'", r"test « \1 » inconnu"),
    (r"No test named '(.+?)'\.?", r"test « \1 » inconnu"),
    (r"unclosed comment", "commentaire {# … #} non refermé"),
    (r"tag name expected", "nom de balise attendu après « {% »"),
    (r"missing end of raw directive", "bloc raw non refermé"),
    (r"access to attribute '(.+?)' of '(.+?)' object is unsafe\.?",
     r"accès à l'attribut « \1 » d'un objet \2 interdit"),
    (r"(.+?) is not safely callable", r"« \1 » ne peut pas être appelé dans un modèle"),
    (r"unsafe (.+)", r"opération non sûre (\1)"),
)


def traduire_jinja(message: str, texte: str | None = None) -> str:
    """Le message de Jinja en français. Avec `texte` (le modèle), pour une erreur levée pendant
    le rendu : un élément du message n'est cité que s'il est écrit dans le modèle (il peut
    venir des données), et un message inconnu n'est pas recopié."""
    for motif, francais in _JINJA:
        trouve = re.fullmatch(motif, message.strip(), flags=re.S | re.I)
        if trouve:
            groupes = [_balises(g) for g in trouve.groups()]
            if texte is not None:
                groupes = [g if ecrit_dans_le_modele(g, texte) else "…" for g in groupes]
            return _remplir(francais, groupes)
    return message if texte is None else "erreur pendant le rendu du modèle"


def _remplir(modele: str, groupes: list[str]) -> str:
    """Remplace \\1, \\2… du message français par les groupes (sans interpréter leur contenu)."""
    return re.sub(r"\\(\d)", lambda m: groupes[int(m.group(1)) - 1], modele)


def _balises(texte: str | None) -> str:
    """« 'elif' or 'else' or 'endif' » -> « elif, else ou endif »."""
    noms = re.findall(r"'([^']+)'", texte or "")
    return (", ".join(noms[:-1]) + " ou " + noms[-1]) if len(noms) > 1 else (noms[0] if noms else texte or "")


def _lieu(exc: Exception, modele: Path, gabarit: Any) -> str:
    """« , ligne 12 » (md) ou « , près de « texte du paragraphe » » (docx)."""
    ligne = getattr(exc, "lineno", None) or _ligne_trace(exc)
    if ligne is None:
        return ""
    if modele.suffix.lower() != ".docx":
        return f", ligne {ligne}"
    contexte = getattr(exc, "docx_context", None)
    texte = " ".join(t.strip() for t in contexte if t.strip()) if contexte is not None else ""
    if not texte and gabarit is not None:
        from cte_cli.documents.verification import texte_autour

        texte = texte_autour(gabarit, ligne)
    return f", près de « {_abreger(texte)} »" if texte else ""


def _ligne_trace(exc: BaseException) -> int | None:
    ligne = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            ligne = tb.tb_lineno
        tb = tb.tb_next
    return ligne


def _abreger(texte: str, longueur: int = 120) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"
