"""Modèles hostiles du dossier `modeles/` d'un dépôt : le bac à sable Jinja ne leur donne ni
les classes Python (`__class__`, `__mro__`, `__subclasses__`, `__globals__`), ni les fichiers
(`open`, `include`, `import`), ni l'environnement (`os.environ`), ni le temps ou la mémoire de
la machine ; chacun échoue avec un message français qui désigne le modèle, en .md comme en
.docx (docxtpl), sans rien laisser fuir.

Trouvé et corrigé ici : `~` et `+` doublaient un texte sans limite (macro récursive : mémoire
épuisée), `"{:>2000000000}".format(x)`, `slice(10**8)` et `tojson(indent=10**9)` allouaient des
gigaoctets, des boucles imbriquées sur les listes de la vue tournaient sans fin ;
`include`/`import` donnaient « erreur pendant le rendu (TypeError) » ; un chemin ou un message
contenant « [/x] » faisait planter l'affichage de `cte generate --tous` (balise rich).
"""

from __future__ import annotations

import shutil
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from cte_cli.documents import generation, modeles
from cte_cli.documents.rendu import ErreurModele, rendre_docx, rendre_texte
from cte_cli.erreurs import CteErreur

from .outils import DATE, EXEMPLE, donnees_personnelles, executer, fuites

pytestmark = pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")

SECRET_ENV = "secret-environnement-7f3a"
SECRET_FICHIER = "secret-fichier-9c2e"
#: fragments anglais de Python ou de Jinja qui ne doivent pas atteindre l'utilisateur
ANGLAIS = ("Traceback", "is unsafe", "object has no attribute", "no loader", "not safely callable")

PAYLOADS = [
    # remonter aux classes Python
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ comite.__class__.__init__.__globals__ }}",
    "{{ comite|attr('__class__') }}",
    "{{ (comite|attr('__reduce_ex__'))(2) }}",
    "{{ comite.membres.__len__() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ range.__globals__ }}",
    "{{ '{0.__class__.__mro__}'.format(comite) }}",
    "{{ '%s' % comite.__class__ }}",
    # gadgets des globales de Jinja vers os.environ
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ joiner.__init__.__globals__.os.environ }}",
    "{{ namespace.__init__.__globals__.os.environ }}",
    "{{ cycler(1, 2).next.__self__.__dict__ }}",
    "{{ lipsum.__globals__['os'].environ }}",
    "{{ config.items() }}{{ request.environ }}",
    # lire des fichiers, importer
    "{{ open('{fichier}').read() }}",
    "{{ __import__('os').environ }}",
    "{% include '{fichier}' %}",
    "{% import 'os' as os %}{{ os.environ }}",
    "{% from 'os' import environ %}{{ environ }}",
    "{% extends '{fichier}' %}",
    # modifier la vue
    "{{ comite.membres.append(1) }}",
    "{{ comite.membres.pop() }}",
    "{% set d = {} %}{{ d.update(a=1) }}",
    # temps et mémoire
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 10 ** 10 ** 10 }}",
    "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('a', 64) }}",
    "{% set ns = namespace(s='a') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
    "{{ ('a' * 1000)|replace('a', 'a' * 1000)|replace('a', 'a' * 1000)|length }}",
    "{{ ([comite.nom] * 900000)|join|length }}",
    "{{ '{:>2000000000}'.format(1) }}",
    "{{ '{:>{}}'.format(1, 2000000000) }}",
    "{{ '%2000000000s' % 1 }}",
    "{{ [1, 2]|slice(100000000)|list|length }}",
    "{{ [1, [2]]|tojson(indent=1000000000)|length }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
]


@pytest.fixture(scope="module")
def contexte() -> dict:
    ch = generation.charger(EXEMPLE, date.fromisoformat(DATE))
    doc, comite = ch.comite("cde-21-cote-d-or")
    modele, _ = modeles.trouver("reglement", "md", None)
    return generation.contexte_reglement(doc, comite, modele, date.fromisoformat(DATE))


@pytest.fixture
def secrets(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CTE_SECRET_DE_TEST", SECRET_ENV)
    fichier = tmp_path / "secret.txt"
    fichier.write_text(SECRET_FICHIER, encoding="utf-8")
    return fichier


def _verifier_rien_ne_fuit(texte: str) -> None:
    assert SECRET_ENV not in texte and SECRET_FICHIER not in texte
    assert "root:x:0" not in texte and "PATH=" not in texte and "<class" not in texte
    assert fuites(texte, donnees_personnelles()) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_modele_md_hostile(tmp_path, contexte, secrets, payload):
    modele = tmp_path / "reglement.md"
    modele.write_text(payload.replace("{fichier}", str(secrets)), encoding="utf-8")
    debut = time.perf_counter()
    try:
        rendu = rendre_texte(modele, contexte)
    except CteErreur as erreur:
        assert isinstance(erreur, ErreurModele), erreur
        message = str(erreur)
        assert message.startswith(f"modèle « {modele} »"), message
        assert not any(a in message for a in ANGLAIS), message
        _verifier_rien_ne_fuit(message)
    else:  # un rendu qui aboutit ne contient rien d'interdit (ex. `config` absent : erreur)
        _verifier_rien_ne_fuit(rendu)
        assert len(rendu) < 2_000_000
    assert time.perf_counter() - debut < 20


DOCX = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{% include '{fichier}' %}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}{{ d('a', 64) }}",
    "{%p for a in comite.membres %}{{ a.__class__ }}{%p endfor %}",
    "{{ '{:>2000000000}'.format(1) }}",
]


@pytest.mark.parametrize("payload", DOCX)
def test_modele_docx_hostile(tmp_path, contexte, secrets, payload):
    """Les mêmes attaques dans un modèle Word rendu par docxtpl."""
    modele = tmp_path / "reglement.docx"
    document = Document()
    document.add_paragraph("Règlement intérieur")
    document.add_paragraph(payload.replace("{fichier}", str(secrets)))
    document.save(modele)
    with pytest.raises(ErreurModele) as erreur:
        rendre_docx(modele, contexte, tmp_path / "sortie.docx")
    message = str(erreur.value)
    assert "reglement.docx" in message and not any(a in message for a in ANGLAIS), message
    _verifier_rien_ne_fuit(message)
    assert not (tmp_path / "sortie.docx").exists()  # rien d'écrit


def test_contexte_ne_donne_acces_qu_a_des_valeurs(contexte):
    """Tout ce qu'un modèle peut atteindre par attributs publics : textes, nombres, booléens,
    listes et objets de la vue (dataclasses gelées) ; ni chemin, ni modèle pydantic, ni module."""
    from dataclasses import fields, is_dataclass

    from cte_cli.documents.vue import Manquant

    permis = (str, int, float, bool, type(None), Manquant)
    vus, pile = set(), list(contexte.values())
    while pile:
        objet = pile.pop()
        if id(objet) in vus:
            continue
        vus.add(id(objet))
        if isinstance(objet, list | tuple):
            pile.extend(objet)
        elif is_dataclass(objet):
            assert type(objet).__module__ == "cte_cli.documents.vue", type(objet)
            assert type(objet).__dataclass_params__.frozen, type(objet)
            pile.extend(getattr(objet, f.name) for f in fields(objet))
        else:
            assert isinstance(objet, permis), (type(objet), objet)
    assert len(vus) > 100


def test_delai_de_rendu_reglable(tmp_path, contexte, monkeypatch):
    """Des boucles imbriquées sur les listes de la vue (aucune borne du bac à sable ne les
    arrête) : la minuterie interrompt le rendu et dit comment la régler."""
    if not hasattr(__import__("signal"), "setitimer"):
        pytest.skip("pas de minuterie SIGALRM sur ce système")
    monkeypatch.setenv("CTE_DELAI_MODELE", "1")
    modele = tmp_path / "reglement.md"
    modele.write_text("{% for a in comite.membres * 10000 %}{% for b in comite.membres * 10000 %}"
                      "{% endfor %}{% endfor %}", encoding="utf-8")
    debut = time.perf_counter()
    with pytest.raises(ErreurModele, match="rendu arrêté après 1 s.*CTE_DELAI_MODELE"):
        rendre_texte(modele, contexte)
    assert time.perf_counter() - debut < 5


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="limite de mémoire par RLIMIT_AS (Linux)")
def test_memoire_de_rendu_reglable(tmp_path, contexte, monkeypatch):
    """Une allocation que les bornes du bac à sable ne voient pas (un million de textes de
    1 000 caractères) : la limite de mémoire du rendu l'arrête et dit comment la régler."""
    monkeypatch.setenv("CTE_MEMOIRE_MODELE", str(300 * 1024**2))
    modele = tmp_path / "reglement.md"
    modele.write_text("{{ (('a' * 999999)|list)|map('center', 1000)|list|length }}", encoding="utf-8")
    with pytest.raises(ErreurModele, match="trop de mémoire.*CTE_MEMOIRE_MODELE"):
        rendre_texte(modele, contexte)
    # la limite est rendue après le rendu : une grosse allocation ordinaire passe
    assert len(bytearray(400 * 1024**2)) > 0


def test_generation_avec_modele_hostile_du_depot(tmp_path):
    """Par la commande : modèle .docx hostile dans `modeles/`, un comité puis tout le dépôt."""
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    (depot / "modeles").mkdir(exist_ok=True)  # l'exemple a un modeles/ (en-tête, logo)
    document = Document()
    document.add_paragraph("{{ cycler.__init__.__globals__.os.environ }}")
    document.save(depot / "modeles" / "reglement.docx")
    sortie = executer("generate", "reglement", "cde-21-cote-d-or", "--depot", str(depot), "--sortie",
                      str(tmp_path / "un"), "--date", DATE)
    assert sortie.code == 2 and "modeles/reglement.docx" in sortie.stderr, sortie.texte
    assert not (tmp_path / "un").exists() or not any((tmp_path / "un").iterdir())
    sortie = executer("generate", "reglement", "--tous", str(depot), "--sortie", str(tmp_path / "tous"),
                      "--date", DATE)
    assert sortie.code == 1 and "42 échec(s)" in sortie.stdout, sortie.texte
    _verifier_rien_ne_fuit(sortie.texte)


def test_affichage_d_un_chemin_ou_message_contenant_une_balise_rich(tmp_path):
    """« [/x] » dans un chemin ou un message n'est pas une balise : pas de MarkupError."""
    depot = tmp_path / "x[bold]y[/red]" / "depot"
    shutil.copytree(EXEMPLE, depot)
    (depot / "modeles").mkdir(exist_ok=True)  # l'exemple a un modeles/ (en-tête, logo)
    (depot / "modeles" / "reglement.md").write_text("{{ comite.nmo }}", encoding="utf-8")
    sortie = executer("generate", "reglement", "--tous", str(depot), "--format", "md",
                      "--sortie", str(tmp_path / "x[/i]"), "--date", DATE)
    assert sortie.code == 1, sortie.texte
    assert "x[bold]y[/red]" in sortie.stdout and "Erreur interne" not in sortie.texte


@pytest.mark.parametrize("format_", ["md", "docx"])
def test_modele_lien_symbolique_hors_du_depot_refuse(tmp_path, secrets, format_):
    """`modeles/reglement.md -> ~/.ssh/id_rsa` : sans ce refus, le fichier visé serait recopié
    tel quel dans le document produit."""
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    (depot / "modeles").mkdir(exist_ok=True)  # l'exemple a un modeles/ (en-tête, logo)
    (depot / "modeles" / f"reglement.{format_}").symlink_to(secrets)
    sortie_dossier = tmp_path / "sortie"
    sortie = executer("generate", "reglement", "cde-21-cote-d-or", "--depot", str(depot), "--format", format_,
                      "--sortie", str(sortie_dossier), "--date", DATE)
    assert sortie.code == 2 and "hors du dossier modeles/" in sortie.stderr, sortie.texte
    _verifier_rien_ne_fuit(sortie.texte)
    assert not sortie_dossier.exists() or not any(sortie_dossier.iterdir())
    # un lien qui reste dans le dépôt est permis
    (depot / "modeles" / f"reglement.{format_}").unlink()
    copie = depot / "modeles" / f"base.{format_}"
    shutil.copy(modeles.dossier_defaut() / f"reglement.{format_}", copie)
    (depot / "modeles" / f"reglement.{format_}").symlink_to(copie)
    sortie = executer("generate", "reglement", "cde-21-cote-d-or", "--depot", str(depot), "--format", format_,
                      "--sortie", str(sortie_dossier), "--date", DATE)
    assert sortie.code == 0, sortie.texte
