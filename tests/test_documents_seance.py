"""Une convocation qu'on peut envoyer, des invitations, un relevé de décisions complet, et des
documents qui se lisent et s'impriment (issue 12).

Sur l'exemple de Bourgogne-Franche-Comté : séance à venir du comité régional (adresse, salle,
visioconférence, secrétariat, date de réponse, documents) et séance du 10 mars 2026 du CDE de la
Côte-d'Or (délibérations et votes pondérés). Chaque .docx est rouvert ; les décomptes attendus
sont refaits ici à partir du YAML (voix de chaque votant), pas recopiés du document.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from icalendar import Calendar
from markdown_it import MarkdownIt

from cte_cli.documents import generation as g
from cte_cli.documents.arretes import generer_arrete
from test_documents import DEPOT, paragraphes, texte_docx

from conftest import EXEMPLE

DATE = date(2026, 11, 22)
A_VENIR = "2026-12-10-cre-bourgogne-franche-comte-ordinaire"
DELIBEREE = "2026-03-10-cde-21-cote-d-or-ordinaire"


@pytest.fixture(scope="module")
def exemple():
    return g.charger(EXEMPLE, DATE)


def _yaml(chemin: Path) -> dict:
    return yaml.safe_load(chemin.read_text(encoding="utf-8"))


def _seance(identifiant: str) -> dict:
    return _yaml(next(EXEMPLE.glob(f"seances/*/{identifiant}.yaml")))


def _comite(identifiant: str) -> dict:
    return _yaml(next(EXEMPLE.glob(f"*/{identifiant}.yaml")))


# --- convocation et invitation ------------------------------------------------------------------


@pytest.fixture(scope="module")
def convocations(exemple, tmp_path_factory) -> tuple[Path, list]:
    dossier = tmp_path_factory.mktemp("convocations")
    avertissements: list[str] = []
    ecrits = g.generer_convocations(exemple, A_VENIR, dossier, maintenant=datetime(2026, 11, 19, 9),
                                    avertir=avertissements.append)
    return dossier, ecrits, avertissements


def test_convocation_qu_on_peut_envoyer(convocations) -> None:
    dossier, _, avertissements = convocations
    seance, comite = _seance(A_VENIR), _comite("cre-bourgogne-franche-comte")
    assert avertissements == []  # envoyée le 19 novembre pour le 10 décembre : ni passée ni tardive
    premier = comite["membres"][0]
    (chemin,) = dossier.glob("convocation-*-01-*.docx")
    texte = texte_docx(chemin)
    adresse = seance["adresse"]
    assert f"Adresse : {adresse['voie']}, {adresse['code_postal']} {adresse['commune']}" in texte
    assert f"Lieu : {seance['lieu']}, {seance['salle']}" in texte
    assert f"Visioconférence : {seance['visio']['lien']} (accès : {seance['visio']['acces']})" in texte
    assert "comptés comme présents pour le quorum et prennent part aux votes" in texte
    assert "avant le 3 décembre 2026" in texte
    contact = seance["contact"]
    assert f"{contact['nom']}, {contact['telephone']}, {contact['courriel']}" in texte
    for piece in seance["documents"]:
        assert f"– {piece['titre']}" in texte
        if "lien" in piece:
            assert piece["lien"] in texte
    for i, point in enumerate(seance["ordre_du_jour"], 1):
        assert f"{i}. {point}" in texte
    # coupon-réponse, puis pouvoir limité aux membres du même collège (R. 5311-43)
    coupon = texte.split("Coupon-réponse")[1].split("Annexe – Pouvoir")[0]
    assert "☐ serai présent(e) sur place" in coupon and "☐ participerai par visioconférence" in coupon
    assert "☐ donne pouvoir à un membre du même collège" in coupon
    pouvoir = texte.split("Annexe – Pouvoir")[1]
    cases = re.findall(r"^☐ (.+)$", pouvoir, re.M)
    meme_college = [m for m in comite["membres"] if m["college"] == premier["college"] and m is not premier]
    attendus = [n for m in meme_college for n in [m["nom"], *(s["nom"] for s in m.get("suppleants", []))]]
    assert cases == attendus and attendus
    assert "Fait à Dijon, le" in pouvoir


def test_invitation_des_personnes_invitees(convocations) -> None:
    dossier, ecrits, _ = convocations
    comite = _comite("cre-bourgogne-franche-comte")
    invitations = sorted(dossier.glob("invitation-*.docx"))
    assert len(invitations) == len(comite["invites"])
    texte = texte_docx(invitations[0])
    invite = comite["invites"][0]
    assert invite["nom"] in texte and "Objet : invitation à la séance ordinaire" in texte
    assert "sans prendre part aux votes (article R. 5311-19 du code du travail)" in texte
    assert "Annexe – Pouvoir" not in texte and "voix délibérative" not in texte
    assert "☐ participera sur place" in texte and "☐ ne participera pas" in texte
    assert "comptés comme présents pour le quorum" not in texte  # le quorum ne concerne pas un invité


def test_ics_adresse_et_visioconference(convocations) -> None:
    dossier, _, _ = convocations
    seance = _seance(A_VENIR)
    (ics,) = dossier.glob("*.ics")
    brut = ics.read_bytes().decode("utf-8")
    evenement = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    assert str(evenement["LOCATION"]) == (f"{seance['lieu']}, {seance['salle']}, {seance['adresse']['voie']}, "
                                          f"{seance['adresse']['code_postal']} {seance['adresse']['commune']}")
    assert str(evenement["URL"]) == seance["visio"]["lien"]
    conference = evenement["CONFERENCE"]
    assert str(conference) == seance["visio"]["lien"]
    assert conference.params["VALUE"] == "URI" and conference.params["FEATURE"] == "VIDEO"
    assert "CONFERENCE;" in brut.replace("\r\n ", "")
    assert seance["contact"]["courriel"] in str(evenement["DESCRIPTION"])


def test_convocation_passee_ou_tardive_avertit(tmp_path: Path, cte) -> None:
    """Séance passée, ou délai du règlement intérieur déjà entamé : un avertissement, les
    documents sont tout de même produits (sortie 0)."""
    resultat = cte("generate", "convocation", DELIBEREE, "-d", str(EXEMPLE), "-o", str(tmp_path / "a"),
                   "--date", "2026-11-22")
    assert resultat.returncode == 0, resultat.stderr
    assert "la séance du 10 mars 2026 est passée" in resultat.stderr.replace("\u00a0", " ")
    depot = tmp_path / "depot"
    shutil.copytree(DEPOT, depot)
    fichier = depot / "seances" / "2026-12-08-cde-21.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace("convoques_le: 2026-11-20\n", ""), encoding="utf-8")
    resultat = cte("generate", "convocation", "2026-12-08-cde-21", "-d", str(depot), "-o", str(tmp_path / "b"),
                   "--date", "2026-12-01")
    assert resultat.returncode == 0, resultat.stderr
    message = " ".join(resultat.stderr.replace("\u00a0", " ").split())
    assert "7 jour(s) avant la séance du 8 décembre 2026 : le règlement intérieur en exige 15" in message
    assert "au plus tard le 23 novembre 2026" in message


# --- relevé de décisions -----------------------------------------------------------------------


def test_releve_complet_avec_votes_ponderes(exemple, tmp_path: Path) -> None:
    chemin = g.generer_releve(exemple, DELIBEREE, tmp_path)[0].chemin
    texte = texte_docx(chemin)
    seance, comite = _seance(DELIBEREE), _comite("cde-21-cote-d-or")
    assert "[à compléter]" not in texte and "[ ]" not in texte
    voix = {m["nom"]: m.get("voix", 0) for m in comite["membres"]}
    voix.update({p["nom"]: 1 for p in comite["presidents"]})  # une voix par coprésident
    for d in seance["deliberations"]:
        assert " ".join(d["texte"].split()) in " ".join(texte.split())
        if d.get("consensus"):
            continue
        votes = d["votes"]
        compte = {k: (sum(voix[n] for n in v) if isinstance(v, list) else v) for k, v in votes.items()}
        pour, contre = compte.get("pour", 0), compte.get("contre", 0)
        assert (f"Vote : {pour} voix pour, {contre} contre, {compte.get('abstentions', 0)} "
                f"abstention") in texte
        assert f"{pour + contre} suffrages exprimés, majorité {(pour + contre) // 2 + 1}" in texte
        if isinstance(votes["pour"], list):
            assert "Pour : " + ", ".join(votes["pour"]) in texte
    assert "Décision adoptée par consensus, sans vote." in texte
    assert "Avis adopté : à la majorité des suffrages exprimés (R. 5311-41)." in texte
    assert "Point 4 – Questions diverses\nPoint d'information : le comité n'a pas délibéré." in texte
    assert f"{seance['a_distance'][0]}" in texte and "titulaire (à distance)" in texte
    assert "Fait à Dijon, le 22 novembre 2026" in texte


def test_releve_sans_deliberations_reste_a_completer(tmp_path: Path) -> None:
    ch = g.charger(DEPOT, DATE)
    texte = texte_docx(g.generer_releve(ch, "2025-03-12-cde-21", tmp_path)[0].chemin)
    assert "Décision ou avis : [à compléter]" in texte


# --- règlement et émargement : lecture et impression --------------------------------------------


@pytest.fixture(scope="module")
def reglement(exemple, tmp_path_factory) -> Path:
    return g.generer_reglement(exemple, "cde-21-cote-d-or", tmp_path_factory.mktemp("r"))[0].chemin


def test_reglement_renvois_par_numero_et_sans_redite(reglement: Path) -> None:
    document = Document(str(reglement))
    articles = [p.text for p in document.paragraphs if p.style.name == "Article"]
    numeros = {titre: i for i, titre in enumerate(articles, 1)}
    texte = texte_docx(reglement)
    assert (f"dans les conditions de quorum et de vote prévues aux articles {numeros['Quorum']} et "
            f"{numeros['Délibérations et votes']}.") in texte
    assert f"dans le délai prévu à l'article {numeros['Convocation et ordre du jour']}," in texte
    longs = [p for p in texte.split("\n") if len(p) > 80]
    doublons = [p for p, n in Counter(longs).items() if n > 1]
    assert not doublons, doublons
    assert texte.count("convoquent conjointement") + texte.count("convocation conjointe") == 1


def test_pas_de_majuscule_apres_deux_points(reglement: Path) -> None:
    texte = texte_docx(reglement)
    assert "précise en outre ses modalités de vote : recherche du consensus" in texte
    assert "du code du travail, deux représentants des usagers" in texte
    assert "Secrétariat des séances : DDETS de la Côte-d'Or" in texte  # un sigle garde ses capitales
    # aucune phrase de texte courant ne reprend par une majuscule après « : » (hors intitulés)
    fautes = [p for p in texte.split("\n") if re.search(r"\w : [A-ZÉ][a-zé]+ [a-zé]", p) and len(p) > 60
              and not p.startswith(("Vu ", "Date", "Lieu", "Adresse", "Quorum"))]
    assert not fautes, fautes


def test_fait_a_et_en_tete_par_defaut(reglement: Path) -> None:
    texte = texte_docx(reglement)
    assert "Fait à Dijon, le 4 novembre 2024" in texte
    assert texte.index("Fait à Dijon") < texte.rindex("Claude Fontaine")
    # le dépôt d'essai n'a pas d'entete.toml : l'en-tête est déduit du comité, sans logo
    ch = g.charger(DEPOT, DATE)
    chemin = g.generer_reglement(ch, "cde-21", reglement.parent / "essai")[0].chemin
    section = Document(str(chemin)).sections[0]
    entete = "\n".join(paragraphes(section.first_page_header._element))
    assert "PRÉFET DE LA CÔTE-D'OR" in entete
    assert "Direction départementale de l'emploi, du travail et des solidarités de la Côte-d'Or" in entete
    assert not [r for r in section.first_page_header.part.rels.values() if r.reltype.endswith("/image")]


def test_intitules_solidaires_et_en_tetes_repetes(exemple, reglement: Path, tmp_path: Path) -> None:
    """Un intitulé de collège ne finit jamais seul une page : il est solidaire de son tableau,
    dont la ligne d'en-tête se répète et dont les lignes ne se coupent pas."""
    emargement = g.generer_emargement(exemple, DELIBEREE, tmp_path)[0].chemin
    for chemin in (reglement, emargement):
        document = Document(str(chemin))
        corps = list(document.element.body.iterchildren())
        intitules = 0
        for i, element in enumerate(corps[:-1]):
            proprietes = corps[i - 1].find(qn("w:pPr"))
            style = proprietes.find(qn("w:pStyle")) if proprietes is not None else None
            if element.tag == qn("w:tbl") and style is not None and style.get(qn("w:val")) == "Heading2":
                intitules += 1
                lignes = element.findall(qn("w:tr"))
                assert lignes[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
                assert all(tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for tr in lignes)
        assert document.styles["Heading 2"].paragraph_format.keep_with_next
        assert intitules >= 5, chemin.name


# --- Markdown valide, même typographie ----------------------------------------------------------


@pytest.fixture(scope="module")
def markdowns(exemple, tmp_path_factory) -> list[Path]:
    dossier = tmp_path_factory.mktemp("md")
    g.generer_reglement(exemple, "cde-21-cote-d-or", dossier, "md")
    g.generer_emargement(exemple, DELIBEREE, dossier, "md")
    g.generer_releve(exemple, DELIBEREE, dossier, "md")
    g.generer_convocations(exemple, A_VENIR, dossier / "c", "md", maintenant=datetime(2026, 11, 19))
    for nature, cible in (("composition", "cde-21-cote-d-or"), ("modificatif", "cde-21-cote-d-or"),
                          ("voix", "cde-21-cote-d-or"), ("ressort", "21")):
        generer_arrete(exemple, nature, cible, dossier, "md")
    fichiers = sorted(dossier.glob("*.md"))
    return fichiers + sorted((dossier / "c").glob("*-01-*.md"))


def test_markdown_valide(markdowns: list[Path]) -> None:
    """Les listes sont des listes (un élément par ligne), les tableaux des tableaux ; aucun
    paragraphe ne colle deux lignes qui devraient être séparées."""
    analyseur = MarkdownIt("commonmark").enable("table")
    assert len(markdowns) == 9
    for fichier in markdowns:
        jetons = analyseur.parse(fichier.read_text(encoding="utf-8"))
        types = Counter(j.type for j in jetons)
        assert types["bullet_list_open"] + types["ordered_list_open"] >= 1, fichier.name
        for i, jeton in enumerate(jetons):
            if jeton.type == "inline" and jetons[i - 1].type == "paragraph_open":
                lignes = jeton.content.split("\n")
                collees = [ligne for ligne in lignes[:-1] if not ligne.endswith("<br>")]
                assert not collees, (fichier.name, collees)
        if fichier.name.startswith(("reglement", "emargement", "releve", "arrete-composition", "arrete-ressort")):
            assert types["table_open"] >= 1, fichier.name


def test_markdown_typographie_francaise(markdowns: list[Path]) -> None:
    """Espace insécable avant « : », fine insécable avant « ; ? ! », comme dans le .docx."""
    for fichier in markdowns:
        texte = fichier.read_text(encoding="utf-8")
        assert not re.search(r"[^\s\u00a0\u202f] [:;?!](\s|$)", texte), fichier.name
        assert "\u00a0:" in texte, fichier.name
        assert not re.search(r"\b(R|L)\. \d", texte), fichier.name
