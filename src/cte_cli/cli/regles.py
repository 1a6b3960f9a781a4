"""`cte regles` (catalogue des règles) et `cte expliquer REGLE` (texte de loi et exemple)."""

from __future__ import annotations

import re
import textwrap

import typer

FORMATS_REGLES = ("texte", "markdown", "json")
LARGEUR = 100


def regles(
    famille: str | None = typer.Option(None, "--famille", help="N'afficher que cette famille (ex. seances)."),
    format_: str = typer.Option("texte", "--format", "-f", help="texte, markdown ou json."),
    parametres: bool = typer.Option(
        False, "--parametres",
        help="Lister les paramètres du droit (plafonds, délais, fractions, entrées en vigueur) et leur valeur.",
    ),
    theme: str | None = typer.Option(None, "--theme", help="Avec --parametres : un seul thème (ex. plafond)."),
    date_: str | None = typer.Option(
        None, "--date", metavar="AAAA-MM-JJ", help="Avec --parametres : valeurs à cette date (défaut : aujourd'hui).",
    ),
) -> None:
    """Lister les règles : identifiant, gravité, article, titre, famille.

    « cte regles --format markdown > docs/regles.md » régénère le catalogue de la documentation ;
    « cte regles --parametres » liste les chiffres et dates du droit en vigueur à une date.
    """
    from cte_cli import catalogue
    from cte_cli.erreurs import CteErreur

    if format_ not in FORMATS_REGLES:
        raise CteErreur(f"format « {format_} » inconnu ; formats possibles : {', '.join(FORMATS_REGLES)}")
    if parametres:
        _parametres(format_, theme, date_)
        return
    if theme or date_:
        raise CteErreur("--theme et --date ne valent qu'avec --parametres")
    liste = catalogue.lister(famille)
    rendu = {"texte": catalogue.en_texte, "markdown": catalogue.en_markdown, "json": catalogue.en_json}
    typer.echo(rendu[format_](liste), nl=False)


def _parametres(format_: str, theme: str | None, date_: str | None) -> None:
    from datetime import date

    from cte_cli import catalogue
    from cte_cli.cli.commun import date_option
    from cte_cli.erreurs import CteErreur

    jour = date_option(date_, "--date") if date_ else date.today()
    liste = catalogue.parametres_a(jour, theme)
    if format_ == "json":
        typer.echo(catalogue.parametres_en_json(liste, jour), nl=False)
    elif format_ == "texte":
        typer.echo(catalogue.parametres_en_texte(liste, jour), nl=False)
    else:
        raise CteErreur("--parametres : formats texte ou json (le markdown est dans docs/regles.md)")


def expliquer(
    regle: str = typer.Argument(..., metavar="REGLE",
                                help="Identifiant d'une règle (voir « cte regles ») ou d'un paramètre du droit "
                                     "(voir « cte regles --parametres », ex. plafond.cde)."),
) -> None:
    """Expliquer une règle (article, texte de loi, exemple et ce qu'en dit le validateur) ou un
    paramètre du droit (valeurs datées, article et son texte, lectures possibles).

    L'exemple d'une règle est validé dans un dossier temporaire ; seuls ses constats sont montrés.
    """
    from cte_cli import catalogue

    if catalogue.est_parametre(regle):
        typer.echo(rendre_parametre(*catalogue.expliquer_parametre(regle)), nl=False)
        return
    typer.echo(rendre(catalogue.expliquer(regle)), nl=False)


def rendre_parametre(p, articles, absents) -> str:
    """L'explication d'un paramètre du droit en texte brut."""
    from cte_cli.referentiel.parametres_legaux import texte_valeur

    lignes = [f"{p.nom} — paramètre du droit — {p.article}", p.description, ""]
    lignes += ["Valeurs datées"]
    for i, (debut, valeur) in enumerate(p.valeurs):
        suivant = p.valeurs[i + 1][0] if i + 1 < len(p.valeurs) else None
        periode = f"du {debut:%d/%m/%Y} au {date_veille(suivant):%d/%m/%Y}" if suivant else f"depuis le {debut:%d/%m/%Y}"
        lue = "abrogé" if valeur is None else (str(valeur) if p.choix else p.libelle(valeur))
        unite = f" {p.unite}" if valeur is not None and not p.choix and p.unite not in ("", "fraction", "oui/non") else ""
        lignes.append(f"  {periode} : {lue}{unite}")
    lignes.append("")
    if p.choix:
        lignes.append("Lectures possibles")
        for valeur, texte in p.choix.items():
            lignes += _paragraphes(f"{valeur} : {texte}")
        lignes.append("")
        if p.motif:
            lignes += ["Pourquoi cette lecture par défaut", *_paragraphes(p.motif), ""]
    lignes += ["Source", *_paragraphes(f"{p.texte} ; {p.citation}"), ""]
    for article in articles:
        lignes.append(f"Texte : {article.libelle}" + (f" ({article.legi})" if article.legi else ""))
        lignes += _paragraphes(article.texte)
        lignes.append("")
    if absents:
        lignes += [f"Sans extrait embarqué : {', '.join(absents)}", ""]
    lignes += ["Remplacer la valeur dans un dépôt (cte.toml) :",
               "  [parametres]", f'  "{p.nom}" = {{ AAAA-MM-JJ = {_toml(p, texte_valeur)} }}', ""]
    return "\n".join(lignes)


def _toml(p, texte_valeur) -> str:
    """La dernière valeur du paramètre écrite en TOML (texte entre guillemets)."""
    if not p.valeurs:
        return "…"
    valeur = p.valeurs[-1][1]
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, int):
        return str(valeur)
    return f'"{texte_valeur(valeur)}"'


def date_veille(jour):
    from datetime import timedelta

    return jour - timedelta(days=1)


def rendre(e) -> str:
    """L'explication en texte brut, paragraphes coupés à 100 colonnes."""
    r = e.regle
    entete = f"{r.id} — {r.gravite} — {r.article} — famille {r.famille}"
    if r.applicable_du:
        entete += f" — applicable à partir du {r.applicable_du:%d/%m/%Y}"
    lignes = [entete, r.titre, ""]
    if e.description:
        lignes += ["Description", *_paragraphes(e.description), ""]
    for article in e.articles:
        source = ", ".join(x for x in (article.legi, f"version du {_date_fr(article.version_du)}"
                                        if article.version_du else None) if x)
        titre = f" — {article.modifie_par}" if article.numero.startswith("instruction ") else ""
        lignes.append(f"Texte : {article.libelle}{titre}" + (f" ({source})" if source else ""))
        lignes += _paragraphes(article.texte)
        if article.nota:
            lignes += _paragraphes(f"NOTA : {article.nota}")
        lignes.append("")
    if e.sans_texte:
        lignes += [f"Sans extrait embarqué : {', '.join(e.sans_texte)}", ""]
    if e.exemple:
        lignes += ["Exemple", *("  " + ligne for ligne in e.exemple.rstrip("\n").splitlines()), ""]
    if e.constats_exemple is not None:
        lignes.append(f"Ce que « cte validate » en dit au {e.date_exemple:%d/%m/%Y}")
        if not e.constats_exemple:
            lignes.append("  aucun constat de cette règle")
        for c in e.constats_exemple:
            lignes += _paragraphes(f"{c.fichier}:{c.ligne}:{c.colonne} {c.gravite} {c.message}  [{c.regle}, {c.article}]")
        lignes.append("")
    return "\n".join(lignes)


def _date_fr(texte: str) -> str:
    """« 2024-07-01 » -> « 01/07/2024 » (dates des messages en forme française)."""
    import re

    return re.sub(r"^(\d{4})-(\d{2})-(\d{2})$", r"\3/\2/\1", texte)


def _paragraphes(texte: str) -> list[str]:
    """Paragraphes coupés à LARGEUR colonnes, sans couper « R. 5311-40 » ni « n° 4 »."""
    sortie: list[str] = []
    for paragraphe in texte.split("\n\n"):
        insecable = re.sub(r"\b([LRD]\.|n°|art\.) (?=\d)", "\\1\u00a0", " ".join(paragraphe.split()))
        insecable = insecable.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        lignes = textwrap.wrap(insecable, LARGEUR, initial_indent="  ", subsequent_indent="  ",
                               break_on_hyphens=False) or [""]
        sortie += [ligne.replace("\u00a0", " ") for ligne in lignes]
    return sortie


def enregistrer(app: typer.Typer) -> None:
    app.command("regles")(regles)
    app.command("expliquer")(expliquer)
