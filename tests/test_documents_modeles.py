"""Modèles de documents : rendu en bac à sable, modèles d'un dépôt, `cte modeles verifier`,
reproductibilité des modèles livrés, dates et typographie françaises, référence de la vue."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.documents import dates, generation, modeles
from cte_cli.documents.rendu import ErreurModele, echapper_markdown, rendre_docx, rendre_texte
from cte_cli.documents.typographie import typographier
from cte_cli.documents.verification import verifier
from cte_cli.erreurs import CteErreur

RACINE = Path(__file__).resolve().parents[1]
DEPOT = Path(__file__).parent / "documents" / "depot"
DATE = date(2026, 11, 22)


@pytest.fixture(scope="module")
def contexte() -> dict:
    ch = generation.charger(DEPOT, DATE)
    doc, comite = ch.comite("cde-21")
    modele, _ = modeles.trouver("reglement", "md", None)
    return generation.contexte_reglement(doc, comite, modele, DATE)


def modele_md(tmp_path: Path, texte: str, nom: str = "reglement.md") -> Path:
    chemin = tmp_path / nom
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def modele_docx(tmp_path: Path, *paragraphes: str, nom: str = "reglement.docx") -> Path:
    document = Document()
    for texte in paragraphes:
        document.add_paragraph(texte)
    chemin = tmp_path / nom
    document.save(chemin)
    return chemin


# --- dates et typographie --------------------------------------------------------------------


def test_dates_en_francais() -> None:
    assert dates.date_heure(datetime(2025, 3, 12, 14, 0)) == "mercredi 12 mars 2025 à 14\u00a0h\u00a000"
    assert dates.date_longue(date(2025, 3, 1)) == "samedi 1er mars 2025"
    assert dates.date_courte(date(2024, 8, 15)) == "15 août 2024"
    assert dates.heure(time(9, 5)) == "9\u00a0h\u00a005"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_date_longue_se_relit(jour: date) -> None:
    """Le jour de la semaine et le mois écrits désignent bien cette date (aller-retour)."""
    nom_jour, quantieme, mois, annee = dates.date_longue(jour).split(" ")
    relue = date(int(annee), dates.MOIS.index(mois) + 1, 1 if quantieme == "1er" else int(quantieme))
    assert relue == jour
    assert nom_jour == ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")[relue.isoweekday() - 1]


def test_typographie_francaise_sans_toucher_aux_adresses() -> None:
    assert typographier("Objet : convocation ; vraiment ? « oui »") == (
        "Objet\u00a0: convocation\u202f; vraiment\u202f? «\u00a0oui\u00a0»")
    assert typographier("«texte»") == "«\u00a0texte\u00a0»"
    for intact in ("https://exemple.fr/a?b=c", "14:00", "ratio 1:2", "a;b"):
        assert typographier(intact) == intact
    assert typographier("article R. 5311-40 et n° 2024-560") == "article R.\u00a05311-40 et n°\u00a02024-560"


def test_markdown_echappement() -> None:
    assert echapper_markdown("A & B <c> *d* _e_ [f] | g") == r"A \& B \<c\> \*d\* \_e\_ \[f\] \| g"
    assert echapper_markdown("# titre") == r"\# titre"
    assert echapper_markdown("1. point\n- tiret") == r"1\. point<br>\- tiret"


# --- rendu, données manquantes, bac à sable -------------------------------------------------

#: textes quelconques (sans caractère de contrôle autre que saut de ligne et tabulation)
TEXTES = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
                 | st.sampled_from("\n\t&<>\"'«»;:?!🤝"), max_size=60)


@pytest.fixture(scope="module")
def modele_valeur(tmp_path_factory) -> Path:
    return modele_docx(tmp_path_factory.mktemp("modele"), "[{{ v }}]")


@settings(deadline=None, max_examples=60)
@given(texte=TEXTES)
def test_toute_valeur_se_relit_dans_le_docx(modele_valeur: Path, texte: str) -> None:
    """Échappement XML, sauts de ligne, tabulations, émojis : le .docx rend exactement la valeur
    (à la typographie française près)."""
    from io import BytesIO

    document = Document(BytesIO(rendre_docx(modele_valeur, {"v": texte})))
    assert document.paragraphs[0].text == f"[{typographier(texte)}]"


@settings(deadline=None)
@given(TEXTES, TEXTES)
def test_toute_valeur_se_relit_dans_le_ics(lieu: str, point: str) -> None:
    from types import SimpleNamespace

    from icalendar import Calendar

    from cte_cli.documents.ics import invitation

    comite = SimpleNamespace(nom="Comité", region="27", id="cde-21")
    seance = SimpleNamespace(date=datetime(2025, 3, 12, 14), lieu=lieu, ordre_du_jour=[point], duree_minutes=None)
    brut = invitation(comite, seance, "s", "séance ordinaire", "depot")
    assert all(len(ligne) <= 75 for ligne in brut.split(b"\r\n"))
    evenement = Calendar.from_ical(brut).walk("VEVENT")[0]
    assert str(evenement["LOCATION"]) == lieu
    assert f"1. {point}\n" in str(evenement["DESCRIPTION"])


def test_rendu_docx_echappe_et_garde_les_sauts_de_ligne(tmp_path: Path, contexte: dict) -> None:
    modele = modele_docx(tmp_path, "{% for m in comite.membres %}{{ m.nom }} / {{ m.qualite }} | {% endfor %}")
    sortie = tmp_path / "sortie.docx"
    rendre_docx(modele, contexte, sortie)
    document = Document(str(sortie))
    texte = document.paragraphs[0].text
    assert 'Zoé L\'Hôte & Fils <test> "guillemets" / Secrétaire générale\nUnion départementale' in texte
    with pytest.raises(CteErreur, match="--force"):
        rendre_docx(modele, contexte, sortie)


@pytest.mark.parametrize(("texte", "attendu"), [
    ("{{ comite.nmo }}", "vouliez-vous dire « nom »"),
    ("{{ inconnue }}", "variable « inconnue » inconnue"),
    ("{{ comite.__class__ }}", "n'existe pas"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "modèle"),
    ("{% include '/etc/passwd' %}", "modèle"),
    ("{% import 'os' as os %}", "modèle"),
    ("{{ 'x' * 100000000 }}", "opération interdite"),
    ("{% for i in range(10**9) %}{% endfor %}", "opération interdite"),
    ("{{ comite.membres.append(1) }}", "« append » n'existe pas"),
    ("{{ '%099999999d' | format(1) }}", "opération interdite"),
    ("{{ 'a' | center(10**9) }}", "opération interdite"),
    ("{% if %}", "erreur de syntaxe"),
    ("{{ comite.nom | inconnu }}", "filtre « inconnu » inconnu"),
])
def test_bac_a_sable(tmp_path: Path, contexte: dict, texte: str, attendu: str) -> None:
    with pytest.raises(CteErreur, match=attendu) as erreur:
        rendre_texte(modele_md(tmp_path, texte), contexte)
    assert isinstance(erreur.value, ErreurModele)
    assert "Zoé" not in str(erreur.value)  # jamais de donnée personnelle dans l'erreur


def test_bac_a_sable_docx_montre_le_paragraphe(tmp_path: Path, contexte: dict) -> None:
    modele = modele_docx(tmp_path, "Préambule", "Le comité {{ comite.nmo }} se réunit.")
    with pytest.raises(ErreurModele, match=r"près de « Le comité \{\{ comite.nmo \}\} se réunit. »"):
        rendre_docx(modele, contexte)


def test_donnee_manquante_testable_ou_par_defaut(tmp_path: Path, contexte: dict) -> None:
    texte = ("{% if comite.installation is defined %}installé{% endif %}|"
             "{{ comite.commission_iae.nom }}|{{ document.date }}|"
             "{% for m in comite.membres if m.college == 'france_travail' %}{{ m.voix | default('sans voix') }}{% endfor %}")
    rendu = rendre_texte(modele_md(tmp_path, texte), contexte)
    assert rendu == "installé|Commission inclusion et insertion par l'activité économique|22 novembre 2026|sans voix"
    with pytest.raises(CteErreur, match="`membres\\[14\\].voix`") as erreur:
        rendre_texte(modele_md(tmp_path, "{% for m in comite.membres %}{{ m.voix }}{% endfor %}"), contexte)
    assert erreur.value.fichier.endswith("cde-21.yaml") and erreur.value.ligne > 1


# --- modèles d'un dépôt ----------------------------------------------------------------------


def test_modele_du_depot_remplace_celui_de_cte(tmp_path: Path) -> None:
    depot = tmp_path / "depot"
    shutil.copytree(DEPOT, depot)
    (depot / "modeles").mkdir(exist_ok=True)
    modele_md(depot / "modeles", "Règlement maison de {{ comite.nom }} : {{ comite.votants }} votants.\n")
    modele_docx(depot / "modeles", "Version Word maison : {{ comite.nom }}")
    ch = generation.charger(depot, DATE)
    md = generation.generer_reglement(ch, "cde-21", tmp_path / "sortie", "md")[0].chemin
    assert md.read_text(encoding="utf-8") == (
        "Règlement maison de Comité départemental pour l'emploi de la Côte-d'Or\u00a0: 16 votants.\n")
    docx = generation.generer_reglement(ch, "cde-21", tmp_path / "sortie", "docx")[0].chemin
    assert Document(str(docx)).paragraphs[0].text == "Version Word maison : Comité départemental pour l'emploi de la Côte-d'Or"
    assert modeles.trouver("convocation", "docx", depot) == (modeles.dossier_defaut() / "convocation.docx", False)


# --- cte modeles verifier --------------------------------------------------------------------


def test_modeles_livres_conformes() -> None:
    fichiers = sorted(modeles.dossier_defaut().glob("*.*"))
    assert {f.name for f in fichiers} == {f"{n}.{e}" for n in modeles.DOCUMENTS for e in ("docx", "md")}
    for fichier in fichiers:
        assert verifier(fichier) == [], fichier


def test_verifier_signale_syntaxe_et_variables(tmp_path: Path) -> None:
    (probleme,) = verifier(modele_docx(tmp_path, "Introduction", "{% if comite.niveau == 'local' %}Comité local"))
    assert "fin du modèle inattendue" in probleme.message and probleme.lieu.startswith("corps du document")
    (probleme,) = verifier(modele_md(tmp_path, "ligne 1\n{% for m in comite.membres %}\n{{ m.nmo }}\n{% endfor %}\n"))
    assert probleme.lieu == "ligne 3"
    assert "« nmo » n'existe pas dans un objet Membre" in probleme.message and "« nom »" in probleme.message
    problemes = verifier(modele_md(tmp_path, "{{ seance.date }}{{ destinataire.nom }}", nom="convocation.md"))
    assert problemes == []
    (probleme,) = verifier(modele_md(tmp_path, "{{ seance.date }}", nom="reglement.md"))
    assert "variable « seance » inconnue" in probleme.message
    (probleme,) = verifier(modele_md(tmp_path, "{{ x | filtre_inconnu }}", nom="releve.md"))
    assert "filtre « filtre_inconnu » inconnu" in probleme.message
    (probleme,) = verifier(modele_md(tmp_path, "{{ comite.nom }}", nom="lettre.md"))
    assert probleme.gravite == "avertissement" and "nom de modèle inconnu" in probleme.message


def test_verifier_modele_dans_un_tableau(tmp_path: Path) -> None:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "{{ comite.presidents[0].nmo }}"
    document.save(tmp_path / "emargement.docx")
    (probleme,) = verifier(tmp_path / "emargement.docx")
    assert "dans un tableau" in probleme.lieu and "Personne" in probleme.message


def test_cli_modeles_verifier_et_copier(cte, tmp_path: Path) -> None:
    assert cte("modeles", "copier", str(tmp_path / "modeles")).returncode == 0
    assert len(list((tmp_path / "modeles").iterdir())) == 2 * len(modeles.DOCUMENTS)
    resultat = cte("modeles", "verifier", str(tmp_path / "modeles"))
    assert resultat.returncode == 0 and "8 modèle(s) vérifié(s) : 0 erreur(s)" in resultat.stdout
    (tmp_path / "modeles" / "releve.md").write_text("{{ seance.quorum.atteinte }}", encoding="utf-8")
    resultat = cte("modeles", "verifier", str(tmp_path / "modeles"))
    assert resultat.returncode == 1 and "« atteinte » n'existe pas dans un objet Quorum" in resultat.stdout
    again = cte("modeles", "copier", str(tmp_path / "modeles"))
    assert again.returncode == 0 and "existant" in again.stdout
    assert (tmp_path / "modeles" / "releve.md").read_text(encoding="utf-8") == "{{ seance.quorum.atteinte }}"


# --- modèles livrés : reproductibles, référence à jour ---------------------------------------


def test_modeles_docx_reproductibles(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("construire_modeles", RACINE / "scripts" / "construire_modeles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for chemin in module.construire(tmp_path):
        livre = modeles.dossier_defaut() / chemin.name
        assert chemin.read_bytes() == livre.read_bytes(), (
            f"{livre} n'est pas à jour : relancez python scripts/construire_modeles.py")


def test_documentation_de_la_vue_a_jour() -> None:
    from cte_cli.documents.reference import reference

    texte = (RACINE / "docs" / "documents.md").read_text(encoding="utf-8")
    assert reference() in texte, "docs/documents.md : régénérez la section avec python -m cte_cli.documents.reference"


def test_lien_templates_vers_le_paquet() -> None:
    lien = RACINE / "templates"
    assert lien.is_symlink() and lien.resolve() == modeles.dossier_defaut()
