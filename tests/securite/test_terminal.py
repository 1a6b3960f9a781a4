"""Aucun caractère de contrôle brut n'atteint le terminal ni un journal de CI, quelle que soit
la commande (issue 13, point 9).

Trouvé et corrigé ici : `cte generate reglement --tous` affichait tel quel un identifiant
invalide contenant ESC et NUL, `cte voix` un nom de fichier contenant ESC (séquences de
terminal : effacer l'écran, changer le titre de la fenêtre, masquer du texte dans un journal).

Garantie : toutes les consoles de cte échappent les caractères de contrôle (C0 sauf la fin de
ligne et la tabulation, DEL, C1, contrôles bidirectionnels) de tout ce qu'elles affichent,
tableaux, barres de progression et messages d'erreur compris, sous la même notation que les
rapports (`\\x1b`).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from .outils import DATE, EXEMPLE, executer

pytestmark = pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")

#: caractères qui ne doivent jamais atteindre un terminal (hors fin de ligne et tabulation)
CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PIEGE = "\x1b[2J\x1b]0;pwned\x07\x00\u202e\x9b"


def _sans_controle(sortie) -> None:
    trouves = CONTROLES.findall(sortie.stdout + sortie.stderr)
    assert not trouves, (trouves, sortie.texte[:2000])


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    racine = tmp_path / "depot"
    shutil.copytree(EXEMPLE, racine)
    return racine


def test_generate_tous_avec_un_identifiant_invalide(depot: Path, tmp_path: Path) -> None:
    fichier = depot / "locaux" / "cle-21-auxois-morvan.yaml"
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text(texte.replace("id: cle-21-auxois-morvan", 'id: "cle\\e[2J\\0\\x9b-x"'), encoding="utf-8")
    sortie = executer("generate", "reglement", "--tous", str(depot), "--sortie", str(tmp_path / "s"),
                      "--date", DATE)
    assert sortie.code == 1, sortie.texte
    assert "cle\\x1b[2J\\x00\\x9b-x" in sortie.stdout, sortie.stdout
    _sans_controle(sortie)


def test_voix_avec_un_nom_de_fichier_piege(depot: Path) -> None:
    source = depot / "departemental" / "cde-21-cote-d-or.yaml"
    piege = source.with_name(f"cde-21{PIEGE.replace(chr(0), '')}.yaml")  # NUL : impossible dans un nom
    texte = source.read_text(encoding="utf-8")
    source.unlink()
    piege.write_text("\n".join(x for x in texte.splitlines() if not x.strip().startswith("voix:")) + "\n",
                     encoding="utf-8")
    for options in ((), ("--ecrire",)):
        sortie = executer("voix", "cde-21-cote-d-or", str(depot), "--date", DATE, *options)
        assert sortie.code == 0, sortie.texte
        assert "\\x1b[2J" in sortie.stdout
        _sans_controle(sortie)


def test_valeurs_piegees_dans_les_tableaux_de_voix_et_de_synthese(depot: Path) -> None:
    """Noms d'organisations et textes de fiches action piégés : tableaux rich échappés."""
    fichier = depot / "departemental" / "cde-21-cote-d-or.yaml"
    donnees = yaml.safe_load(fichier.read_text(encoding="utf-8"))
    for membre in donnees["membres"]:
        if membre.get("organisation"):
            membre["organisation"] += "\x1b[31m"  # interdit par le format : message, pas de séquence
    fichier.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for commande in (("voix", "cde-21-cote-d-or", str(depot), "--date", DATE, "--detail"),
                     ("feuille-de-route", "synthese", str(depot), "--date", DATE),
                     ("validate", str(depot), "--date", DATE),
                     ("cartographie", str(depot), "--date", DATE, "--sortie", str(depot / "carto.xlsx"))):
        sortie = executer(*commande)
        assert "Erreur interne" not in sortie.texte, sortie.texte
        _sans_controle(sortie)


@pytest.mark.parametrize("argument", [PIEGE, f"--{PIEGE}", f"x{PIEGE}.yaml"])
def test_erreurs_d_usage_echappees(argument: str) -> None:
    for commande in (("validate", argument), ("generate", "reglement", argument), (argument,),
                     ("voix", argument, "--date", argument), ("schema", "--sortie", f"/{PIEGE}/x")):
        sortie = executer(*commande)
        assert sortie.code == 2, sortie.texte
        _sans_controle(sortie)


def test_console_echappe_tout_ce_qu_elle_affiche() -> None:
    from rich.progress import Progress
    from rich.table import Table
    from rich.text import Text

    from cte_cli.cli.commun import console

    sortie = console()
    tampon = io.StringIO()
    sortie.file = tampon
    table = Table(title=f"titre{PIEGE}", caption=PIEGE)
    table.add_column(PIEGE)
    table.add_row(Text(PIEGE, style="bold"))
    sortie.print(table)
    sortie.print(PIEGE, markup=True)
    sortie.print(Text(f"a{PIEGE}b"))
    sortie.log(PIEGE)
    with Progress(console=sortie) as barre:
        barre.add_task(f"[bold]{PIEGE}", total=1)
    assert not CONTROLES.search(tampon.getvalue()), repr(tampon.getvalue())
    assert "\\x1b[2J" in tampon.getvalue()


@pytest.mark.parametrize("format_", ["texte", "json", "sarif", "gitlab", "junit", "github"])
def test_rapports_machine_sans_controle_dans_le_journal_de_ci(depot: Path, format_: str) -> None:
    """Trouvé par le fuzzing des commandes : `--format github` (et les formats JSON) recopiaient
    tel quel un U+202E ou un caractère C1 d'une valeur citée dans un message."""
    import json
    import xml.dom.minidom

    fichier = depot / "locaux" / "cle-21-auxois-morvan.yaml"
    texte = fichier.read_text(encoding="utf-8")
    fichier.write_text(texte.replace("type: comite", "type: comite\u202e\x9b\x7f"), encoding="utf-8")
    source = depot / "departemental" / "cde-90-territoire-de-belfort.yaml"
    source.rename(source.with_name("cde-90\x1b[2J\u202e.yaml"))
    sortie = executer("validate", str(depot), "--date", DATE, "--format", format_)
    assert sortie.code == 1, sortie.texte
    _sans_controle(sortie)
    if format_ in ("json", "sarif", "gitlab"):
        assert "\u202e" in json.dumps(json.loads(sortie.stdout), ensure_ascii=False)  # la donnée reste exacte
    elif format_ == "junit":
        xml.dom.minidom.parseString(sortie.stdout.encode("utf-8"))
