"""`cte generate` : règlement intérieur, convocations et .ics, émargement, relevé de décisions.

Dépôt d'essai : tests/documents/depot (comité départemental de la Côte-d'Or avec un membre au
nom piégé, comité local, comité régional, séances passée, à venir et de commission). Chaque
.docx est rouvert avec python-docx et son texte vérifié ; chaque .ics est relu avec icalendar.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from icalendar import Calendar

from cte_cli.documents import generation as g
from cte_cli.erreurs import CteErreur

DEPOT = Path(__file__).parent / "documents" / "depot"
DATE = date(2026, 11, 22)
PIEGE = 'Zoé L\'Hôte & Fils <test> "guillemets"'
SEANCE_PASSEE = "2025-03-12-cde-21"
SEANCE_A_VENIR = "2026-12-08-cde-21"
SEANCE_COMMISSION = "2026-12-15-cde-21-iae"


def normaliser(texte: str) -> str:
    """Espaces insécables (typographie française) ramenées à des espaces ordinaires."""
    return texte.replace("\u00a0", " ").replace("\u202f", " ")


def paragraphes(element) -> list[str]:
    """Le texte de chaque paragraphe (tableaux compris) ; un saut de ligne Word devient « \\n »."""
    textes = []
    for p in element.iter(qn("w:p")):
        morceaux = []
        for noeud in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            morceaux.append(noeud.text or "" if noeud.tag == qn("w:t") else ("\n" if noeud.tag == qn("w:br") else "\t"))
        textes.append(normaliser("".join(morceaux)))
    return textes


def texte_docx(chemin: Path) -> str:
    document = Document(str(chemin))
    parties = paragraphes(document.element.body)
    for section in document.sections:
        parties += paragraphes(section.header._element) + paragraphes(section.footer._element)
    return "\n".join(parties)


@pytest.fixture(scope="module")
def chargement():
    return g.charger(DEPOT, DATE)


@pytest.fixture
def depot(tmp_path: Path) -> Path:
    """Une copie modifiable du dépôt d'essai."""
    copie = tmp_path / "depot"
    shutil.copytree(DEPOT, copie)
    return copie


def remplacer(fichier: Path, avant: str, apres: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    assert avant in texte, avant
    fichier.write_text(texte.replace(avant, apres), encoding="utf-8")


def yaml_de(nom: str) -> dict:
    return yaml.safe_load((DEPOT / nom).read_text(encoding="utf-8"))


# --- règlement intérieur ---------------------------------------------------------------------


def test_reglement_cde_composition_quorum_et_mise_en_forme(chargement, tmp_path: Path) -> None:
    ecrits = g.generer_reglement(chargement, "cde-21", tmp_path)
    assert [e.statut for e in ecrits] == [g.ECRIT]
    chemin = ecrits[0].chemin
    assert chemin == (tmp_path / "reglement-interieur-cde-21.docx").resolve()
    texte = texte_docx(chemin)
    comite = yaml_de("comites/cde-21.yaml")
    # composition : chaque titulaire, chaque suppléant, chaque coprésident, la commission IAE
    for membre in comite["membres"]:
        assert normaliser(membre["nom"]) in texte, membre["nom"]
        for suppleant in membre.get("suppleants", []):
            assert suppleant["nom"] in texte
    for president in comite["presidents"]:
        assert president["nom"] in texte
    assert PIEGE in texte
    assert "Secrétaire générale\nUnion départementale" in texte  # saut de ligne conservé
    assert "CFDT Côte-d'Or 🤝 & associés" in texte
    # les deux moitiés du 5° de R. 5311-23 sont nommées : pas d'erreur de numérotation apparente
    assert "5° (salariés) – Organisations syndicales de salariés (voix délibérative)" in texte
    assert "5° (employeurs) – Organisations d'employeurs interprofessionnelles (voix délibérative)" in texte
    assert "7° – France Travail (sans voix délibérative)" in texte
    assert "D'émettre les avis relatifs aux demandes de conventionnement" in texte  # R. 5311-26 2°
    # quorum (R. 5311-40) : coprésidents + membres des collèges 1° à 5° de R. 5311-23 (R. 5311-37)
    votants = len(comite["presidents"]) + sum(
        1 for m in comite["membres"]
        if m["college"] in {"etat", "region", "departement", "communes", "syndicat_salaries", "organisation_employeurs"})
    assert f"le comité compte {votants} membres ayant voix délibérative" in texte
    assert f"le quorum est atteint avec {(votants + 1) // 2} membres présents ou représentés" in texte
    assert "article R. 5311-40" in texte and "aucun quorum ne sera exigé" in texte
    assert "voix prépondérante" in texte and "R. 5311-41" in texte
    assert "au moins 15 jours avant la séance" in texte
    assert "Adopté en séance du 2 décembre 2024" in texte
    assert "Vu l'arrêté préfectoral n° 2024-1087 du 8 octobre 2024 fixant la composition du comité ;" in texte
    # rien de non rendu, aucun blanc
    assert not re.search(r"{[{%#]|[}%#]}|None|Undefined", texte)


def test_reglement_styles_word(chargement, tmp_path: Path) -> None:
    chemin = g.generer_reglement(chargement, "cde-21", tmp_path)[0].chemin
    document = Document(str(chemin))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm, 1) == 2.5
    assert normaliser(section.header.paragraphs[0].text) == "Comité départemental pour l'emploi de la Côte-d'Or"
    pied = section.footer._element.xml
    assert "PAGE" in pied and "NUMPAGES" in pied and "sur" in section.footer.paragraphs[0].text
    articles = [p.text for p in document.paragraphs if p.style.name == "Article"]
    assert articles[:2] == ["Objet", "Composition"] and len(articles) >= 12
    numerotation = document.part.numbering_part.element.xml
    assert "Article %1 –" in numerotation
    assert document.styles["Heading 1"].paragraph_format.keep_with_next
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # en-tête répété
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)
    # typographie : espace insécable avant « : », fine avant « ; », après « R. »
    brut = "\n".join(p.text for p in document.paragraphs)
    assert "missions\u00a0:" in brut and "R.\u00a05311-45" in brut and "\u202f;" in brut


def test_reglement_cle_ressort_et_coprésidence(chargement, tmp_path: Path) -> None:
    texte = texte_docx(g.generer_reglement(chargement, "cle-21-tille", tmp_path)[0].chemin)
    assert "CC Norge et Tille" in texte and "CC des Vallées de la Tille et de l'Ignon" in texte
    assert "2 établissements publics de coopération intercommunale" in texte
    assert "Signalement de manquements" in texte and "Demandes d'audit" not in texte
    assert "R. 5311-39" in texte  # voix au comité local
    assert "4° – EPCI à fiscalité propre (voix délibérative)" in texte


def test_reglement_regional_refuse_avec_l_article(chargement, tmp_path: Path) -> None:
    with pytest.raises(CteErreur, match=r"R\. 5311-45.*R\. 6123-3-12"):
        g.generer_reglement(chargement, "cre-27", tmp_path)
    assert not list(tmp_path.iterdir())


def test_comite_introuvable_suggere(chargement, tmp_path: Path) -> None:
    with pytest.raises(CteErreur, match="vouliez-vous dire « cde-21 »"):
        g.generer_reglement(chargement, "cde-12", tmp_path)


def test_donnee_manquante_nomme_la_cle_et_la_ligne(depot: Path, tmp_path: Path) -> None:
    fichier = depot / "comites" / "cde-21.yaml"
    remplacer(fichier, "  secretariat: DDETS de la Côte-d'Or, avec la direction de l'insertion du conseil départemental\n", "")
    ch = g.charger(depot, DATE)
    with pytest.raises(CteErreur) as erreur:
        g.generer_reglement(ch, "cde-21", tmp_path / "sortie")
    ligne = next(i for i, t in enumerate(fichier.read_text(encoding="utf-8").splitlines(), 1)
                 if t.startswith("reglement_interieur:"))
    assert erreur.value.fichier == str(fichier) and erreur.value.ligne == ligne
    assert "reglement_interieur.secretariat" in erreur.value.message
    assert "R. 5311-45" in erreur.value.message
    assert not (tmp_path / "sortie").exists()  # rien d'écrit


def test_sans_adoption_le_document_est_un_projet(depot: Path, tmp_path: Path) -> None:
    remplacer(depot / "comites" / "cde-21.yaml", "  adopte_le: 2024-12-02\n", "")
    texte = texte_docx(g.generer_reglement(g.charger(depot, DATE), "cde-21", tmp_path)[0].chemin)
    assert "Projet soumis à l'adoption du comité" in texte
    assert "entre en vigueur à la date de son adoption" in texte


def test_erreur_de_structure_refuse_et_montre_les_constats(depot: Path, tmp_path: Path) -> None:
    remplacer(depot / "comites" / "cde-21.yaml", "installation: 2024-11-04\n", "installation: 2024-11-04\ninstalation: x\n")
    ch = g.charger(depot, DATE)
    with pytest.raises(g.DepotInvalide) as erreur:
        g.generer_reglement(ch, "cde-21", tmp_path)
    assert [c.regle for c in erreur.value.constats] == ["cle-inconnue"]
    assert erreur.value.constats[0].ligne == 10


# --- convocations et .ics ----------------------------------------------------------------------


def test_convocations_une_par_titulaire_et_un_ics(chargement, tmp_path: Path) -> None:
    ecrits = g.generer_convocations(chargement, SEANCE_A_VENIR, tmp_path, maintenant=datetime(2026, 11, 22, 8))
    comite = yaml_de("comites/cde-21.yaml")
    seance = yaml_de(f"seances/{SEANCE_A_VENIR}.yaml")
    docx = [e.chemin for e in ecrits if e.chemin.name.startswith("convocation-")]
    invitations = [e.chemin for e in ecrits if e.chemin.name.startswith("invitation-")]
    assert len(docx) == len(comite["membres"])
    assert len(invitations) == len(comite.get("invites", []))  # une invitation par invité, sans voix
    assert all(e.statut == g.ECRIT for e in ecrits)
    for chemin, membre in zip(docx, comite["membres"], strict=True):
        texte = texte_docx(chemin)
        assert f"{normaliser(membre['nom'])}\n" in texte or texte.count(normaliser(membre["nom"])) >= 2
        assert "Date : mardi 8 décembre 2026 à 9 h 30" in texte
        assert "Lieu : Hôtel du Département, 53 bis rue de la Préfecture, Dijon" in texte
        for i, point in enumerate(seance["ordre_du_jour"], 1):
            assert f"{i}. {normaliser(point)}" in texte
        assert "Hélène Marchal" in texte and "François Sauvadet" in texte  # signature conjointe
        assert "Annexe – Pouvoir" in texte and "R. 5311-43" in texte
        assert "Dijon, le 20 novembre 2026" in texte  # convoques_le, chef-lieu du département
        assert "Coupon-réponse" in texte and "☐ serai présent(e) sur place" in texte
    piege = texte_docx(next(c for c in docx if "Zoe-L-Hote" in c.name))
    assert PIEGE in piege
    assert "Copie : Rémi D'Aubigné, secrétaire adjoint, suppléant" in piege
    # pouvoir limité aux membres du même collège (R. 5311-43), hors les propres suppléants du mandant
    pouvoir = piege.split("Annexe – Pouvoir")[1]
    assert "☐ Karim Benali\n☐ Agnès Perrin" in pouvoir and "Rémi D'Aubigné" not in pouvoir
    assert "« organisations syndicales de salariés » (5° de l'article R. 5311-23)" in piege


def test_ics_rfc5545(chargement, tmp_path: Path) -> None:
    ecrits = g.generer_convocations(chargement, SEANCE_A_VENIR, tmp_path / "a", maintenant=datetime(2026, 11, 22, 8))
    ics = next(e.chemin for e in ecrits if e.chemin.suffix == ".ics")
    brut = ics.read_bytes()
    assert all(len(ligne) <= 75 for ligne in brut.split(b"\r\n"))
    calendrier = Calendar.from_ical(brut)
    fuseau = calendrier.walk("VTIMEZONE")
    assert [str(f["TZID"]) for f in fuseau] == ["Europe/Paris"]
    (evenement,) = calendrier.walk("VEVENT")
    debut = evenement["DTSTART"].dt
    assert (debut.year, debut.month, debut.day, debut.hour, debut.minute) == (2026, 12, 8, 9, 30)
    assert str(debut.tzinfo) == "Europe/Paris" and debut.utcoffset().total_seconds() == 3600
    assert (evenement["DTEND"].dt - debut).total_seconds() == 7200
    assert str(evenement["LOCATION"]) == "Hôtel du Département, 53 bis rue de la Préfecture, Dijon"
    description = str(evenement["DESCRIPTION"])
    assert "1. Bilan 2026 de la feuille de route ; plan d'action 2027" in description
    assert "3. Point d'information : « France Travail & partenaires » <suivi>" in description
    assert "réunion plénière" in str(evenement["SUMMARY"])
    assert b"mailto:" not in brut and b"@exemple" not in brut
    # UID stable : même séance, même dépôt -> même UID
    autre = g.generer_convocations(chargement, SEANCE_A_VENIR, tmp_path / "b", maintenant=datetime(2026, 11, 23))
    uid2 = Calendar.from_ical(next(e.chemin for e in autre if e.chemin.suffix == ".ics").read_bytes()).walk("VEVENT")[0]["UID"]
    assert str(evenement["UID"]) == str(uid2)
    # et une autre séance a un autre UID
    iae = g.generer_convocations(chargement, SEANCE_COMMISSION, tmp_path / "c")
    uid3 = Calendar.from_ical(next(e.chemin for e in iae if e.chemin.suffix == ".ics").read_bytes()).walk("VEVENT")[0]["UID"]
    assert str(uid3) != str(uid2)


def test_convocations_commission_aux_membres_de_la_commission(chargement, tmp_path: Path) -> None:
    ecrits = g.generer_convocations(chargement, SEANCE_COMMISSION, tmp_path)
    membres = yaml_de("comites/cde-21.yaml")["commissions"][0]["membres"]
    docx = [e.chemin for e in ecrits if e.chemin.suffix == ".docx"]
    assert len(docx) == len(membres)
    texte = texte_docx(docx[-1])  # l'invitée de la CAF, membre de la commission
    assert "Léa Fontaine" in texte
    assert "réunion de la commission inclusion et insertion par l'activité économique" in texte


def test_convocation_exige_l_heure(depot: Path, tmp_path: Path) -> None:
    fichier = depot / "seances" / f"{SEANCE_A_VENIR}.yaml"
    remplacer(fichier, "date: 2026-12-08T09:30", "date: 2026-12-08")
    with pytest.raises(CteErreur, match="heure") as erreur:
        g.generer_convocations(g.charger(depot, DATE), SEANCE_A_VENIR, tmp_path / "sortie")
    assert erreur.value.ligne == 3 and erreur.value.fichier == str(fichier)
    assert not (tmp_path / "sortie").exists()


def test_seance_par_chemin(chargement, tmp_path: Path) -> None:
    chemin = DEPOT / "seances" / f"{SEANCE_PASSEE}.yaml"
    ecrits = g.generer_emargement(chargement, str(chemin), tmp_path)
    assert ecrits[0].chemin.name == f"emargement-{SEANCE_PASSEE}.docx"


# --- émargement et relevé --------------------------------------------------------------------


def test_emargement_par_college_avec_pouvoirs(chargement, tmp_path: Path) -> None:
    texte = texte_docx(g.generer_emargement(chargement, SEANCE_PASSEE, tmp_path)[0].chemin)
    comite = yaml_de("comites/cde-21.yaml")
    for membre in comite["membres"]:
        assert normaliser(membre["nom"]) in texte
    assert "Signature" in texte and "□ titulaire" in texte and "□ suppléant" in texte
    assert "1° – État (voix délibérative)" in texte
    assert "Pouvoirs (article R. 5311-43)" in texte
    document = Document(str(g.generer_emargement(chargement, SEANCE_PASSEE, tmp_path / "x")[0].chemin))
    pouvoirs = next(t for t in document.tables if t.rows[0].cells[0].text == "Membre représenté")
    lignes = [[c.text for c in r.cells] for r in pouvoirs.rows[1:]]
    assert lignes[0][:3] == ["Jean Morel", "région", "Claire Petit"]
    assert lignes[1][:3] == ["Thomas Girard", "organisations d'employeurs interprofessionnelles", "Olivier Lemaire"]
    assert "Léa Fontaine" in texte  # invitée


def test_releve_quorum_atteint(chargement, tmp_path: Path) -> None:
    texte = texte_docx(g.generer_releve(chargement, SEANCE_PASSEE, tmp_path)[0].chemin)
    # Décompte à la main (R. 5311-37, -40, -43) : 16 sièges votants ; présents : les deux
    # coprésidents, Sophie Arnaud (par son suppléant Paul Vidal), Marc Lenoir, Claire Petit,
    # Anne Roy, Inès Blanc, la CFDT, Karim Benali, Olivier Lemaire = 10 ; représentés : Jean Morel
    # (pouvoir à Claire Petit, région) et Thomas Girard (à Olivier Lemaire, employeurs) = 2.
    assert ("10 membres ayant voix délibérative présents et 2 représentés, soit 12 sur 16 "
            "(coprésidents compris) ; quorum : 8") in texte
    assert "Le quorum est atteint : le comité peut valablement délibérer (R. 5311-40)." in texte
    assert "suppléant de Sophie Arnaud" in texte
    assert "Membres ayant voix délibérative absents : Bruno Faure, Yves Robin, Agnès Perrin et Nadia Chevalier." in texte
    assert "Point 2 – Questions diverses : budget < 10 000 € & « avis » ?" in texte
    assert PIEGE in texte


def test_releve_quorum_non_atteint_puis_reconvocation(depot: Path, tmp_path: Path) -> None:
    fichier = depot / "seances" / f"{SEANCE_PASSEE}.yaml"
    texte = fichier.read_text(encoding="utf-8")
    debut, fin = texte.index("presents:"), texte.index("representes:")
    fichier.write_text(texte[:debut] + "presents: [Hélène Marchal, Marc Lenoir, Pierre Caron]\n" + texte[fin:],
                       encoding="utf-8")
    releve = texte_docx(g.generer_releve(g.charger(depot, DATE), SEANCE_PASSEE, tmp_path / "a")[0].chemin)
    # les pouvoirs comptent dès que le mandataire est du même collège (décompte de la règle `quorum`)
    assert "2 membres ayant voix délibérative présents et 2 représentés, soit 4 sur 16" in releve
    assert "Le quorum n'est pas atteint : le comité ne peut pas délibérer" in releve
    assert "Faute de quorum, le comité n'a pas délibéré" in releve
    assert "[à compléter]" not in releve
    remplacer(fichier, "convoques_le: 2025-02-20", "convoques_le: 2025-02-20\nsans_quorum_apres_convocation_du: 2025-03-01")
    releve = texte_docx(g.generer_releve(g.charger(depot, DATE), SEANCE_PASSEE, tmp_path / "b")[0].chemin)
    assert "le comité peut valablement délibérer (R. 5311-40)" in releve
    assert "Décision ou avis : [à compléter]" in releve


def test_releve_sans_presents_nomme_la_cle(chargement, tmp_path: Path) -> None:
    with pytest.raises(CteErreur, match="`presents`") as erreur:
        g.generer_releve(chargement, SEANCE_A_VENIR, tmp_path)
    assert erreur.value.fichier.endswith(f"{SEANCE_A_VENIR}.yaml")


# --- jamais d'écrasement sans --force ----------------------------------------------------------


def test_pas_d_ecrasement_sans_force(chargement, tmp_path: Path) -> None:
    cible = tmp_path / "reglement-interieur-cde-21.docx"
    cible.write_bytes(b"version signee")
    with pytest.raises(CteErreur, match="--force"):
        g.generer_reglement(chargement, "cde-21", tmp_path)
    assert cible.read_bytes() == b"version signee"
    ecrits = g.generer_reglements(chargement, tmp_path)
    statuts = {e.sujet: e.statut for e in ecrits}
    assert statuts == {"cde-21": g.EXISTANT, "cle-21-tille": g.ECRIT, "cre-27": g.IGNORE}
    assert cible.read_bytes() == b"version signee"
    g.generer_reglement(chargement, "cde-21", tmp_path, force=True)
    assert cible.read_bytes() != b"version signee" and "Règlement intérieur" in texte_docx(cible)


def test_convocations_rien_n_est_ecrit_si_un_fichier_existe(chargement, tmp_path: Path) -> None:
    (tmp_path / f"{SEANCE_A_VENIR}.ics").write_text("ancien", encoding="utf-8")
    with pytest.raises(CteErreur, match="existent déjà"):
        g.generer_convocations(chargement, SEANCE_A_VENIR, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"{SEANCE_A_VENIR}.ics"]
    assert (tmp_path / f"{SEANCE_A_VENIR}.ics").read_text(encoding="utf-8") == "ancien"


def test_noms_de_fichiers_confines(depot: Path, tmp_path: Path) -> None:
    """Une séance sans `id` prend le nom de son fichier : le nom de sortie reste dans --sortie."""
    source = depot / "seances" / f"{SEANCE_PASSEE}.yaml"
    bizarre = depot / "seances" / "Séance du 12 mars ; «x» & <y> ...yaml"
    source.rename(bizarre)
    sortie = tmp_path / "sortie"
    ecrits = g.generer_emargement(g.charger(depot, DATE), str(bizarre), sortie)
    assert ecrits[0].chemin.parent == sortie.resolve()
    assert re.fullmatch(r"emargement-[A-Za-z0-9._-]+\.docx", ecrits[0].chemin.name)


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_echappe_les_valeurs(chargement, tmp_path: Path) -> None:
    chemin = g.generer_reglement(chargement, "cde-21", tmp_path, "md")[0].chemin
    texte = normaliser(chemin.read_text(encoding="utf-8"))
    assert chemin.suffix == ".md"
    assert r"Zoé L'Hôte \& Fils \<test\> \"guillemets\"".replace('\\"', '"') in texte
    assert "Secrétaire générale<br>Union départementale" in texte
    assert "## Article 7 – Quorum" in texte
    assert "{{" not in texte and "{%" not in texte
    releve = normaliser(g.generer_releve(chargement, SEANCE_PASSEE, tmp_path, "md")[0].chemin.read_text("utf-8"))
    assert r"budget \< 10 000 € \& « avis » ?" in releve
