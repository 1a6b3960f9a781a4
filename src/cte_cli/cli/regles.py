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
) -> None:
    """Lister les règles : identifiant, gravité, article, titre, famille.

    « cte regles --format markdown > docs/regles.md » régénère le catalogue de la documentation.
    """
    from cte_cli import catalogue
    from cte_cli.erreurs import CteErreur

    if format_ not in FORMATS_REGLES:
        raise CteErreur(f"format « {format_} » inconnu ; formats possibles : {', '.join(FORMATS_REGLES)}")
    liste = catalogue.lister(famille)
    rendu = {"texte": catalogue.en_texte, "markdown": catalogue.en_markdown, "json": catalogue.en_json}
    typer.echo(rendu[format_](liste), nl=False)


def expliquer(
    regle: str = typer.Argument(..., metavar="REGLE", help="Identifiant de la règle (voir « cte regles »)."),
) -> None:
    """Expliquer une règle : article, texte de loi, exemple et ce qu'en dit le validateur.

    L'exemple est validé dans un dossier temporaire ; seuls les constats de la règle sont montrés.
    """
    from cte_cli import catalogue

    typer.echo(rendre(catalogue.expliquer(regle)), nl=False)


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
