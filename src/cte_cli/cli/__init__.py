"""La commande `cte` : une fine couche Typer au-dessus de la bibliothèque.

Chaque commande vit dans son module (`cli/<nom>.py`) qui expose `enregistrer(app)` ; les
imports lourds (pydantic, docx, openpyxl) se font dans le corps des commandes pour que
`cte --help` reste rapide.
"""

from __future__ import annotations

import atexit
import importlib
import os
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

#: modules de commandes, dans l'ordre d'affichage de l'aide
COMMANDES = (
    "validate",
    "regles",
    "init",
    "schema",
    "cartographie",
    "feuille_de_route",
    "membres",
    "voix",
    "rotation",
    "generate",
    "modeles",
    "lsp",
)

AIDE = (
    "Comités territoriaux pour l'emploi (loi n° 2023-1196, décret n° 2024-560) : vérifier la "
    "configuration YAML au regard du code du travail et produire les documents."
)


def _aide_francaise(option):
    if option is not None:
        option.help = "Afficher cette aide et quitter."
        _sans_adaptateur(option)
    return option


def _usage_francais(self, ctx, formatter) -> None:
    pieces = " ".join(self.collect_usage_pieces(ctx)).replace("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]...")
    formatter.write_usage(ctx.command_path, pieces, prefix="Utilisation : ")


def _franciser(classe: Any) -> None:
    """Aide et usage en français pour toutes les commandes Typer (classe de base)."""
    if getattr(classe, "_cte_francise", False):
        return
    origine = classe.get_help_option
    classe.get_help_option = lambda self, ctx: _aide_francaise(origine(self, ctx))
    classe.format_usage = _usage_francais
    classe.format_help = _aide_localisee(classe.format_help)
    classe._cte_francise = True


#: noms des types dans la colonne de l'aide (Typer affiche « <str> », « <path>», « <bool> »)
_TYPES_AIDE = {"str": "TEXTE", "int": "ENTIER", "float": "NOMBRE", "path": "CHEMIN", "Path": "CHEMIN",
               "file": "FICHIER", "directory": "DOSSIER"}


def _type_option(self, ctx):
    """Le type d'une option dans l'aide : rien pour une option sans valeur (--strict), sinon
    son métavariable, à défaut un nom français (TEXTE, ENTIER, CHEMIN)."""
    if getattr(self, "is_flag", False) or getattr(self, "is_bool_flag", False):
        return None
    if self.metavar is not None:
        return self.metavar
    brut = str(self.display_type(ctx) or "").strip("<>")
    libelle = _TYPES_AIDE.get(brut.removeprefix("list[").removesuffix("]"), brut.upper())
    return libelle + ("..." if self.nargs != 1 else "")


def _resoudre_commande(self, ctx, args):
    """Commande inconnue : message français, suggestion seulement si elle est proche
    (`suggestions.proche`, le même seuil que partout ailleurs)."""
    from typer._click import exceptions as click_exc

    from cte_cli.suggestions import suggestion

    nom = args[0]
    commande = self.get_command(ctx, nom)
    if commande is None and not ctx.resilient_parsing:
        if nom.startswith("-"):
            self.parse_args(ctx, args)
        raise click_exc.UsageError(f"commande inconnue : {nom}" + suggestion(nom, list(self.commands)), ctx)
    return (nom if commande else None), commande, args[1:]


def _franciser_parametres() -> None:
    from typer.core import TyperArgument, TyperOption

    TyperOption.display_type_rich = _type_option  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]  # le nom (COMITE, DEPOT) suffit
    TyperGroup.resolve_command = _resoudre_commande  # type: ignore[method-assign]


_franciser_parametres()


def _aide_localisee(format_help):
    """Traduit les titres de l'aide juste avant de l'afficher : `typer.rich_utils` (rich,
    markdown) coûte 0,07 s à importer et ne sert qu'à l'aide (docs/performance.md)."""

    def format_help_localise(self, ctx, formatter) -> None:
        _localiser_typer()
        return format_help(self, ctx, formatter)

    return format_help_localise


_franciser(TyperCommand)
_franciser(TyperGroup)


def nouveau_groupe(**options) -> typer.Typer:
    """Un sous-groupe de commandes (ex. `cte generate`) avec l'aide en français."""
    return typer.Typer(cls=TyperGroup, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_show_locals=False, suggest_commands=False, **options)


app = typer.Typer(
    name="cte", help=AIDE, cls=TyperGroup, no_args_is_help=True, add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # les variables locales d'une trace contiennent des noms et des courriels (docs/securite.md)
    pretty_exceptions_show_locals=False, suggest_commands=False,
)


def _version(valeur: bool) -> None:
    if valeur:
        from cte_cli.version import description

        typer.echo(description())
        raise typer.Exit()


@app.callback()
def principal(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True,
        help="Afficher la version, le millésime du référentiel géographique et la date des textes embarqués, et quitter."
    ),
) -> None:
    """Comités territoriaux pour l'emploi : vérifier la configuration et produire les documents."""


for _nom in COMMANDES:
    importlib.import_module(f"cte_cli.cli.{_nom}").enregistrer(app)


def _localiser_typer() -> None:
    from typer import rich_utils

    rich_utils.OPTIONS_PANEL_TITLE = "Options"
    rich_utils.COMMANDS_PANEL_TITLE = "Commandes"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Arguments"
    rich_utils.ERRORS_PANEL_TITLE = "Erreur"
    rich_utils.REQUIRED_LONG_STRING = "[obligatoire]"
    rich_utils.DEFAULT_STRING = "[défaut : {}]"
    rich_utils.ABORTED_TEXT = "Interrompu."


_TRADUCTIONS_USAGE = (
    (r"No such option: (\S+)", r"option inconnue : \1"),
    (r"Did you mean (\S+)\?", r"vouliez-vous dire \1 ?"),
    (r"\(Possible options: (.*)\)", r"(options possibles : \1)"),
    (r"Missing argument '(.+?)'\.?", r"argument obligatoire manquant : \1"),
    (r"Missing argument (\S+?)\.?$", r"argument obligatoire manquant : \1"),
    (r"Missing option '(.+?)' / '(.+?)'\.?", r"option obligatoire manquante : \1 (ou \2)"),
    (r"Missing option '(.+?)'\.?", r"option obligatoire manquante : \1"),
    (r"Missing parameter: (\S+)", r"paramètre manquant : \1"),
    (r"No such command '(.+?)'\.?", r"commande inconnue : \1"),
    (r"Got unexpected extra arguments? \((.*)\)", r"argument(s) en trop : \1"),
    (r"Got unexpected extra argument\(s\) \((.*)\)", r"argument(s) en trop : \1"),
    (r"Option '(.+?)' requires an argument\.?", r"l'option \1 attend une valeur"),
    (r"Option '(.+?)' does not take a value\.?", r"l'option \1 ne prend pas de valeur (écrivez \1 seul)"),
    (r"Invalid value: ", r"valeur invalide : "),
    (r"Value '(.+?)' is not a valid (\w+)\.?", r"« \1 » n'est pas une valeur valide (\2)"),
    (r"(?:Path|File|Directory) '(.+?)' is a directory\.?", r"« \1 » est un dossier"),
    (r"(?:Path|File|Directory) '(.+?)' is a file\.?", r"« \1 » est un fichier"),
    (r"(?:Path|File|Directory) '(.+?)' is not readable\.?", r"« \1 » n'est pas lisible"),
    (r"(?:Path|File|Directory) '(.+?)' is not writable\.?", r"« \1 » n'est pas modifiable"),
    (r"Could not open file '(.+?)': ", r"impossible d'ouvrir le fichier « \1 » : "),
    (r"^Missing command\.?$", r"commande manquante"),
    (r"Invalid value for '(.+?)': ", r"valeur invalide pour \1 : "),
    (r"'(.+?)' is not one of (.*)\.", r"« \1 » n'est pas parmi \2."),
    (r"'(.+?)' is not a valid integer\.?", r"« \1 » n'est pas un nombre entier"),
    (r"Input should be less than or equal to (\S+?)\.?$", r"la valeur doit être inférieure ou égale à \1"),
    (r"Input should be greater than or equal to (\S+?)\.?$", r"la valeur doit être supérieure ou égale à \1"),
    (r"Input should be less than (\S+?)\.?$", r"la valeur doit être inférieure à \1"),
    (r"Input should be greater than (\S+?)\.?$", r"la valeur doit être supérieure à \1"),
    (r"Input should be a valid integer.*", r"un nombre entier est attendu"),
    (r"Input should be a valid number.*", r"un nombre est attendu"),
    (r"Input should be a valid boolean.*", r"oui ou non (true, false) est attendu"),
    (r"Path '(.+?)' does not exist\.?", r"le chemin « \1 » n'existe pas"),
)


def traduire_usage(message: str) -> str:
    from cte_cli.terminal import echapper  # un argument tapé peut contenir ESC (docs/securite.md)

    for motif, remplacement in _TRADUCTIONS_USAGE:
        message = re.sub(motif, remplacement, message)
    return echapper(message)


def message_usage(exc) -> str:
    """Le message français d'une erreur d'usage. Option inconnue : la suggestion vient de
    `suggestions.proche` parmi toutes les options de la commande (pas de difflib)."""
    from typer._click import exceptions as click_exc

    if isinstance(exc, click_exc.NoSuchOption) and exc.ctx is not None:
        from cte_cli.suggestions import suggestion

        options = [o for p in exc.ctx.command.params if not getattr(p, "hidden", False)
                   for o in (*p.opts, *p.secondary_opts) if o.startswith("-")]
        from cte_cli.terminal import echapper

        return echapper(f"option inconnue : {exc.option_name}" + suggestion(exc.option_name, options))
    return traduire_usage(exc.format_message())


def _sans_collecte_finale() -> None:
    """En fin de processus, gel des objets (`gc.freeze()`) : la collecte finale de
    l'interpréteur ne reparcourt pas les millions d'objets d'un dépôt chargé, qui vont de toute
    façon disparaître avec le processus (0,07 s au niveau national, docs/performance.md)."""
    import gc

    gc.freeze()


atexit.register(_sans_collecte_finale)


def main(argv: list[str] | None = None) -> None:
    """Point d'entrée : codes de sortie 0/1/2, messages en français, jamais de trace Python."""
    from typer._click import exceptions as click_exc

    commande = typer.main.get_command(app)
    _options_booleennes_sans_pydantic(commande)
    from cte_cli.completion import brancher

    brancher(commande)  # complétion des identifiants de comités et de séances du dépôt
    precedent = _interrompre_sur_sigterm()
    try:
        from cte_cli.limites import verifier_environnement

        verifier_environnement()  # variables CTE_* de limites : invalides -> message clair, sortie 2
        code = commande.main(args=argv, prog_name="cte", standalone_mode=False)
        if code == 130:  # Typer transforme Ctrl-C (et SIGTERM, ci-dessous) en sortie 130
            raise KeyboardInterrupt
    except click_exc.NoArgsIsHelpError as exc:
        exc.show()
        code = 0
    except click_exc.UsageError as exc:
        from cte_cli.terminal import echapper

        aide = f"\nVoir « {echapper(exc.ctx.command_path)} --help »." if exc.ctx else ""
        typer.echo(f"Erreur : {message_usage(exc)}{aide}", err=True)
        code = 2
    except click_exc.ClickException as exc:
        typer.echo(f"Erreur : {traduire_usage(exc.format_message())}", err=True)
        code = 2
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Interrompu.", err=True)
        code = 2
    except Exception as exc:  # noqa: BLE001 — dernier filet : jamais de trace pour l'utilisateur
        code = _erreur(exc)
    except BaseException as exc:  # ChampInvalide (signal interne des modèles partiels) échappé
        if isinstance(exc, SystemExit | GeneratorExit):
            raise
        code = _erreur(RuntimeError(type(exc).__name__))
    finally:
        _restaurer_sigterm(precedent)
    sys.exit(code if isinstance(code, int) else 0)


def _options_booleennes_sans_pydantic(groupe) -> None:
    """Typer prépare la conversion de chaque option du groupe `cte` (`--help`, `--version`,
    complétion) avant de passer à la sous-commande, et construit pour cela un adaptateur
    pydantic (import de pydantic : 0,05 à 0,1 s), même quand l'option est absente (valeur None,
    jamais convertie). Pour ces options booléennes, la conversion sans adaptateur de Typer donne
    le même résultat : `cte validate --help` n'importe plus pydantic (docs/performance.md).
    Sans effet si une autre version de Typer n'a pas ces attributs."""
    for parametre in groupe.params:
        _sans_adaptateur(parametre)


def _sans_adaptateur(parametre) -> None:
    descripteur = getattr(parametre, "type_descriptor", None)
    if descripteur is None or descripteur.annotation is not bool or getattr(parametre, "_runtime_param", 0) is not None:
        return
    try:
        from typer._coercion import PassThroughRuntimeParam
    except ImportError:
        return
    parametre._runtime_param = PassThroughRuntimeParam(annotation=bool, parameter_info=descripteur.parameter_info)


def _interrompre_sur_sigterm():
    """SIGTERM (annulation d'un travail de CI, `kill`) devient une interruption ordinaire : les
    écritures en cours suppriment leur fichier temporaire, la sortie est « Interrompu. » (2)."""
    import signal

    def interrompre(numero, cadre):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrompre)
    except (ValueError, OSError, AttributeError):  # hors du fil principal
        return None


def _restaurer_sigterm(precedent) -> None:
    import contextlib
    import signal

    if precedent is not None:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGTERM, precedent)


def _erreur(exc: Exception) -> int:
    from cte_cli.erreurs import CteErreur

    if isinstance(exc, CteErreur):
        typer.echo(f"Erreur : {exc}", err=True)
        return exc.code_sortie
    if isinstance(exc, OSError):
        from cte_cli.constats import lisible
        from cte_cli.erreurs import raison_systeme

        nom = exc.filename
        lieu = f" ({lisible(os.fsdecode(nom) if isinstance(nom, str | bytes) else str(nom))})" if nom else ""
        typer.echo(f"Erreur : {raison_systeme(exc)}{lieu}", err=True)
        return 2
    if os.environ.get("CTE_DEBUG"):
        raise exc
    # Le message de l'exception peut contenir des données personnelles : on ne l'affiche pas.
    lieu = ""
    if exc.__traceback__ is not None:
        import traceback

        dernier = traceback.extract_tb(exc.__traceback__)[-1]
        lieu = f" ({os.path.basename(dernier.filename)}:{dernier.lineno})"
    typer.echo(
        f"Erreur interne de cte : {type(exc).__name__}{lieu}. Merci de la signaler ; "
        "relancez avec CTE_DEBUG=1 pour le détail.", err=True,
    )
    return 2
