"""Modèles du dépôt : confinés au dossier `modeles/`, et leurs erreurs ne recopient aucune
valeur des données (issue 13, points 3 et 4).

Trouvé et corrigé ici : un modèle lien symbolique vers `.git/config` (qui porte le jeton de la
CI) était recopié dans le document, seuls les liens sortant du dépôt étant refusés ;
`{{ comite[comite.membres|map(attribute="nom")|join(",")] }}` affichait les noms de tous les
membres sur la sortie d'erreur, `comite|attr(nom)` aussi.

Garantie : un modèle est lu seulement s'il se résout dans le dossier `modeles/` du dépôt, hors
de tout `.git/` ; une erreur de modèle donne le modèle, la ligne (ou le paragraphe) et la nature
de l'erreur, jamais une valeur tirée des données.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from .outils import DATE, EXEMPLE, donnees_personnelles, executer, fuites

pytestmark = pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")

JETON = "ghp_jetonSecretDeLaCI0123456789"
COMITE = "cde-21-cote-d-or"


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    racine = tmp_path / "depot"
    shutil.copytree(EXEMPLE, racine)
    (racine / ".git").mkdir()
    (racine / ".git" / "config").write_text(
        f'[http "https://forge.exemple.gouv.fr/"]\n\textraheader = AUTHORIZATION: bearer {JETON}\n',
        encoding="utf-8")
    shutil.rmtree(racine / "modeles", ignore_errors=True)  # les modèles de l'exemple (en-tête, logo)
    (racine / "modeles").mkdir()
    return racine


def _generer(depot: Path, sortie: Path, format_: str):
    return executer("generate", "reglement", COMITE, "--depot", str(depot), "--format", format_,
                    "--sortie", str(sortie), "--date", DATE)


def _rien_d_ecrit(sortie: Path) -> bool:
    return not sortie.exists() or not any(sortie.iterdir())


@pytest.mark.parametrize("format_", ["md", "docx"])
@pytest.mark.parametrize("cible", [".git/config", "departemental/cde-21-cote-d-or.yaml"])
def test_modele_lien_vers_le_depot_hors_de_modeles_refuse(depot: Path, tmp_path: Path, format_: str, cible: str):
    (depot / "modeles" / f"reglement.{format_}").symlink_to(Path("..") / cible)
    sortie = _generer(depot, tmp_path / "sortie", format_)
    assert sortie.code == 2 and "hors du dossier modeles/" in sortie.stderr, sortie.texte
    assert JETON not in sortie.texte and _rien_d_ecrit(tmp_path / "sortie")


def test_dossier_modeles_lien_vers_git_refuse(depot: Path, tmp_path: Path):
    (depot / "modeles").rmdir()
    (depot / ".git" / "reglement.md").write_text(f"{JETON}\n", encoding="utf-8")
    (depot / "modeles").symlink_to(".git")
    sortie = _generer(depot, tmp_path / "sortie", "md")
    assert sortie.code == 2 and "hors du dossier modeles/" in sortie.stderr, sortie.texte
    assert JETON not in sortie.texte and _rien_d_ecrit(tmp_path / "sortie")


def test_modele_sous_un_dossier_git_de_modeles_refuse(depot: Path, tmp_path: Path):
    (depot / "modeles" / ".git").mkdir()
    (depot / "modeles" / ".git" / "config").write_text(JETON, encoding="utf-8")
    (depot / "modeles" / "reglement.md").symlink_to(Path(".git") / "config")
    sortie = _generer(depot, tmp_path / "sortie", "md")
    assert sortie.code == 2 and ".git" in sortie.stderr, sortie.texte
    assert JETON not in sortie.texte and _rien_d_ecrit(tmp_path / "sortie")


def test_verification_des_modeles_ne_lit_pas_un_lien_sortant(depot: Path, monkeypatch):
    (depot / "modeles" / "reglement.md").symlink_to(Path("..") / ".git" / "config")
    (depot / ".git" / "config").write_text("{{ " + JETON + " | }}", encoding="utf-8")  # erreur de syntaxe
    monkeypatch.chdir(depot)
    sortie = executer("modeles", "verifier")
    assert sortie.code == 1 and "hors du dossier modeles/" in sortie.stdout, sortie.texte
    assert JETON not in sortie.texte


# --- erreurs de modèle sans données (point 4) ------------------------------------------------

NOM = "comite.membres[0].nom"
#: expressions (« @ » : le nom d'un membre) où une valeur des données devient un nom de clé, d'attribut, de filtre, un argument…
FUITES = [p.replace("@", NOM) for p in [
    '{{ comite[comite.membres|map(attribute="nom")|join(",")] }}',
    "{{ comite|attr(@) }}",
    "{{ comite[@] }}",
    "{{ comite.membres[0][@] }}",
    "{{ {}[@] }}",
    "{{ comite.membres|map(attribute=@)|list }}",
    "{{ comite.membres|sort(attribute=@)|list }}",
    "{{ comite.membres|groupby(@)|list }}",
    "{{ comite.membres|selectattr(@)|list }}",
    "{{ comite.membres|sum(attribute=@) }}",
    "{{ comite.membres|unique(attribute=@)|list }}",
    "{{ ('{0.' ~ @ ~ '}').format(comite) }}",
    "{{ ('{' ~ @ ~ '}').format(comite) }}",
    "{{ (@ ~ ' %s %s') % 1 }}",
    "{{ range(@) }}",
    "{{ @(1) }}",
    "{{ @ is divisibleby 3 }}",
    "{{ @|int + {} }}",
    "{{ @ - 1 }}",
    "{{ @|batch(@)|list }}",
    "{{ @|wordwrap(@) }}",
    "{{ @|center(@) }}",
    "{{ @|truncate(@) }}",
    "{{ @|indent(@ ~ 'x' * 20000) }}",
    "{{ (@ * 100000)|length }}",
    "{{ @|replace('', @ * 10000)|length }}",
    "{{ @|tojson(indent=@) }}",
    "{{ comite.membres|join(@ * 100000)|length }}",
    "{% for x in @|dictsort %}{% endfor %}",
    "{% set x = namespace() %}{% set x[@] = 1 %}",
    "{{ (comite.membres|first).__getattribute__(@) }}",
    "{{ self[@] }}",
    "{{ @|attr('upper')() ~ comite.membres[1].nom|attr(@) }}",
    "{% macro m(a) %}{{ a.x.y }}{% endmacro %}{{ m(@) }}",
]]


@pytest.mark.parametrize("format_", ["md", "docx"])
@pytest.mark.parametrize("payload", FUITES)
def test_erreur_de_modele_sans_donnees(depot: Path, tmp_path: Path, payload: str, format_: str):
    modele = depot / "modeles" / f"reglement.{format_}"
    if format_ == "md":
        modele.write_text(f"# Règlement\n\n{payload}\n", encoding="utf-8")
    else:
        document = Document()
        document.add_paragraph("Règlement")
        document.add_paragraph(payload)
        document.save(modele)
    sortie = _generer(depot, tmp_path / "sortie", format_)
    assert "Traceback" not in sortie.texte and "Erreur interne" not in sortie.texte, sortie.texte
    assert fuites(sortie.stderr, donnees_personnelles()) == [], sortie.stderr
    if sortie.code == 2:
        assert "modèle «" in sortie.stderr, sortie.stderr
        if format_ == "md":
            assert "ligne 3" in sortie.stderr, sortie.stderr
