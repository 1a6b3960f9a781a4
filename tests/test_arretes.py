"""`cte generate arrete …` : arrêtés portant composition, modificatif, fixant le nombre de voix,
fixant le ressort des comités locaux d'un département.

Sur l'exemple de Bourgogne-Franche-Comté (CDE de la Côte-d'Or, CLE de Beaune, ressort de la
Côte-d'Or), sur un comité local interdépartemental (arrêté conjoint, R. 5311-35) et sur des
comités d'outre-mer (DEETS, Guyane). Chaque .docx est rouvert avec python-docx ; les chiffres
attendus sont recalculés ici à partir du YAML et du référentiel, pas recopiés du document.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from docx import Document

from cte_cli.documents import entete as en
from cte_cli.documents import generation as g
from cte_cli.documents.arretes import generer_arrete
from cte_cli.erreurs import CteErreur
from test_documents import paragraphes, texte_docx

from conftest import EXEMPLE

DATE = date(2026, 11, 22)
CDE = "cde-21-cote-d-or"
CLE = "cle-21-beaune-cote-et-saone"


@pytest.fixture(scope="module")
def exemple():
    return g.charger(EXEMPLE, DATE)


@pytest.fixture(scope="module")
def produits(exemple, tmp_path_factory) -> Path:
    """Les arrêtés de l'exemple, produits une fois pour le module."""
    dossier = tmp_path_factory.mktemp("arretes")
    for nature, cible in (("composition", CDE), ("voix", CDE), ("modificatif", CDE), ("composition", CLE),
                          ("voix", CLE), ("ressort", "21")):
        generer_arrete(exemple, nature, cible, dossier)
    return dossier


def yaml_exemple(chemin: str) -> dict:
    return yaml.safe_load((EXEMPLE / chemin).read_text(encoding="utf-8"))


def premiere_page(chemin: Path) -> str:
    """L'en-tête de la première page (en-tête de lettre)."""
    return "\n".join(paragraphes(Document(str(chemin)).sections[0].first_page_header._element))


def _sans_blanc_ni_balise(texte: str) -> None:
    assert not re.search(r"{[{%#]|[}%#]}|None|Undefined|⟦", texte)


# --- composition ---------------------------------------------------------------------------------


def test_composition_du_cde(produits: Path) -> None:
    chemin = produits / f"arrete-composition-{CDE}.docx"
    texte = texte_docx(chemin)
    comite = yaml_exemple(f"departemental/{CDE}.yaml")
    assert f"{comite['arrete']['reference']}\ndu 15 octobre 2024" in texte
    assert "Portant composition du comité départemental pour l'emploi de la Côte-d'Or" in texte
    assert "Le préfet de la région Bourgogne-Franche-Comté, préfet de la Côte-d'Or," in texte
    # visas : code du travail, loi, décret, propositions des catégories présentes (R. 5311-23)
    for visa in ("Vu le code du travail, notamment ses articles L. 5311-10, R. 5311-22 à R. 5311-29",
                 "Vu le décret n° 2024-560 du 18 juin 2024 relatif aux comités territoriaux pour l'emploi ;",
                 "Vu la proposition du président du conseil régional de Bourgogne-Franche-Comté ;",
                 "Vu la proposition de l'association des maires de la Côte-d'Or ;",
                 "Vu la proposition des missions locales du département, après consultation du président de "
                 "l'association régionale des missions locales ;"):
        assert visa in texte, visa
    assert "Sur proposition du directeur départemental de l'emploi, du travail et des solidarités de la Côte-d'Or," in texte
    assert "ARRÊTE :" in texte and "ARRÊTENT" not in texte
    # articles numérotés 1er, 2, 3… ; chaque membre, chaque suppléant, les invités
    numeros = re.findall(r"^Article (\d+)(?:er)? –", texte, re.M)
    assert numeros == [str(n) for n in range(1, len(numeros) + 1)] and texte.count("Article 1er –") == 1
    for membre in comite["membres"]:
        assert membre["nom"] in texte
        for s in membre.get("suppleants", []):
            assert s["nom"] in texte
    for invite in comite["invites"]:
        assert invite["nom"] in texte
    plafonnes = sum(1 for m in comite["membres"] if m["college"] not in ("france_travail", "mission_locale", "cap_emploi"))
    assert f"{plafonnes} membres au titre des 1° à 6° de l'article R. 5311-23 du code du travail, dans la limite de 27" in texte
    assert "7° – France Travail (membre de droit)" in texte
    assert "au titre du 7° de l'article R. 5311-23, le directeur départemental de l'opérateur France Travail" in texte
    assert "5° (salariés) – Organisations syndicales de salariés" in texte
    assert "pour trois ans, du 15 octobre 2024 au 14 octobre 2027 inclus" in texte
    # voies et délais de recours (R. 421-1 CJA), exécution, signature
    assert "dans un délai de deux mois à compter de sa publication" in texte
    assert "tribunal administratif de Dijon (R. 421-1 du code de justice administrative)" in texte
    assert "Le secrétaire général de la préfecture de la Côte-d'Or et le directeur départemental" in texte
    assert "Fait à Dijon, le 15 octobre 2024" in texte
    assert texte.index("Fait à Dijon") < texte.rindex(comite["presidents"][0]["nom"])
    _sans_blanc_ni_balise(texte)


def test_entete_de_lettre_et_logo(produits: Path) -> None:
    """Première page : logo, institution, service et adresse de modeles/entete.toml."""
    document = Document(str(produits / f"arrete-composition-{CDE}.docx"))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    entete = "\n".join(paragraphes(section.first_page_header._element))
    assert "PRÉFET DE LA CÔTE-D'OR" in entete
    assert "Direction départementale de l'emploi, du travail et des solidarités de la Côte-d'Or" in entete
    assert "Cité administrative Dampierre" in entete and "21000 Dijon" in entete
    images = [r for r in section.first_page_header.part.rels.values() if r.reltype.endswith("/image")]
    logo = (EXEMPLE / "modeles" / "logo.png").read_bytes()
    assert [r.target_part.blob for r in images] == [logo]


def test_composition_du_cle_et_blancs_visibles(exemple, tmp_path: Path) -> None:
    texte = texte_docx(generer_arrete(exemple, "composition", CLE, tmp_path)[0].chemin)
    assert "Vu les propositions des présidents des établissements publics de coopération intercommunale" in texte
    assert "R. 5311-31" in texte and "dans la limite de 8 fixée par l'article R. 5311-33" in texte
    # un comité sans arrêté dans le dépôt : référence et date laissées en blanc, visibles
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    fichier = depot / "locaux" / f"{CLE}.yaml"
    contenu = fichier.read_text(encoding="utf-8")
    contenu = re.sub(r"^arrete: .*\n", "", contenu, flags=re.M)
    fichier.write_text(contenu, encoding="utf-8")
    ch = g.charger(depot, DATE)
    texte = texte_docx(generer_arrete(ch, "composition", CLE, tmp_path / "blanc")[0].chemin)
    assert "Arrêté n° ……………………\ndu ……………………" in texte
    assert "Fait à Dijon, le ……………………" in texte


def test_arrete_refuse_sur_un_comite_en_erreur(tmp_path: Path, cte) -> None:
    """Un arrêté ne se prend que sur une configuration conforme : erreurs listées, sortie 2."""
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    fichier = depot / "departemental" / f"{CDE}.yaml"
    contenu = fichier.read_text(encoding="utf-8").replace("    voix: 3\n", "    voix: 5\n", 1)
    fichier.write_text(contenu, encoding="utf-8")
    ch = g.charger(depot, DATE)
    with pytest.raises(g.DepotInvalide) as erreur:
        generer_arrete(ch, "voix", CDE, tmp_path / "sortie")
    assert erreur.value.constats and all(c.fichier.endswith(f"{CDE}.yaml") for c in erreur.value.constats)
    assert "un arrêté ne se prend que sur une configuration conforme" in str(erreur.value)
    assert not (tmp_path / "sortie").exists() or not list((tmp_path / "sortie").iterdir())
    resultat = cte("generate", "arrete", "composition", CDE, str(depot), "-o", str(tmp_path / "s"), "--date", "2026-11-22")
    assert resultat.returncode == 2
    assert "voix" in resultat.stderr and f"{CDE}.yaml:" in resultat.stderr


# --- modificatif ---------------------------------------------------------------------------------


def test_arrete_modificatif_d_un_remplacement(produits: Path) -> None:
    (chemin,) = produits.glob(f"arrete-modificatif-{CDE}-*.docx")
    texte = texte_docx(chemin)
    comite = yaml_exemple(f"departemental/{CDE}.yaml")
    membre = next(m for m in comite["membres"] if m.get("remplace"))
    assert f"{membre['arrete']['reference']}\ndu 28 août 2025" in texte
    assert f"en remplacement de {membre['remplace']['nom']}" in texte
    assert "Est nommé membre titulaire du comité, au titre du 1° de l'article R. 5311-23 du code du travail (État)" in texte
    assert f": {membre['nom']}, directeur académique" in texte
    assert "à compter du 1er septembre 2025" in texte
    assert "soit jusqu'au 14 octobre 2027 inclus" in texte  # mandat restant à courir (R. 5311-36)
    assert f"Vu l'{comite['arrete']['reference'][0].lower()}{comite['arrete']['reference'][1:]} du 15 octobre 2024" in texte
    assert "Les autres dispositions de l'arrêté préfectoral" in texte and "demeurent inchangées" in texte
    _sans_blanc_ni_balise(texte)


def test_modificatif_sans_remplacement_refuse(exemple, tmp_path: Path) -> None:
    with pytest.raises(CteErreur, match="aucun remplacement"):
        generer_arrete(exemple, "modificatif", CLE, tmp_path)


# --- voix ----------------------------------------------------------------------------------------


def test_arrete_voix_du_cde_avec_le_calcul(produits: Path) -> None:
    texte = texte_docx(produits / f"arrete-voix-{CDE}.docx")
    comite = yaml_exemple(f"departemental/{CDE}.yaml")
    assert f"{comite['arrete_voix']['reference']}\ndu 15 octobre 2024" in texte
    assert "Fixant le nombre de voix des membres du comité départemental pour l'emploi de la Côte-d'Or" in texte
    totaux: dict[str, int] = {}
    for m in comite["membres"]:
        if "voix" in m:
            totaux[m["college"]] = totaux.get(m["college"], 0) + m["voix"]
            assert re.search(rf"{re.escape(m['nom'])}\n.*\n{m['voix']}\n", texte), m["nom"]
    etat = totaux["etat"]
    collectivites = totaux["region"] + totaux["departement"] + totaux["communes"]
    assert etat == collectivites == totaux["syndicat_salaries"] + totaux["organisation_employeurs"]
    assert (f"État : {etat} voix ; collectivités territoriales et groupements : {collectivites} voix (région "
            f"{totaux['region']} + département {totaux['departement']} + communes et groupements {totaux['communes']})") in texte
    assert f"le département : {totaux['departement']} voix sur {collectivites}, au moins la moitié" in texte
    assert "disposent chacun d'une voix (article R. 5311-37" in texte
    # annexe : paramètres utilisés, leur source, moyennes de la plus forte moyenne
    assert "Annexe – Détail du calcul" in texte and "cte-audiences-2025" in texte
    assert "arrêté du 8 juillet 2025" in texte
    assert re.search(r"CFDT\n30,88 %\n30,88 %\n30,88\* ; 15,44\* ; 10,29\* ; 7,72\n3", texte)
    _sans_blanc_ni_balise(texte)


def test_arrete_voix_du_cle(produits: Path) -> None:
    texte = texte_docx(produits / f"arrete-voix-{CLE}.docx")
    assert "articles R. 5311-37, R. 5311-39 et R. 5311-41" in texte
    assert "règles de l'article R. 5311-39 du code du travail" in texte
    assert "les EPCI et les communes (4° et 5° de R. 5311-32)" in texte
    assert "Annexe" not in texte and "plus forte moyenne" not in texte


# --- ressort -------------------------------------------------------------------------------------


def test_arrete_ressort_de_la_cote_d_or(produits: Path) -> None:
    from cte_cli.referentiel import geographie
    from cte_cli.territoire import couverture_departement, territoire_comite

    texte = texte_docx(produits / "arrete-ressort-21.docx")
    cde = yaml_exemple(f"departemental/{CDE}.yaml")
    assert f"{cde['arrete_ressort']['reference']}\ndu 30 septembre 2024" in texte
    assert "Fixant les limites géographiques des comités locaux pour l'emploi du département de la Côte-d'Or" in texte
    assert ("Vu la concertation conduite avec le président du conseil régional de Bourgogne-Franche-Comté et le "
            "président du conseil départemental de la Côte-d'Or ;") in texte
    geo = geographie()
    ch = g.charger(EXEMPLE, DATE)
    locaux = [d.modele for d in ch.documents("comite") if d.modele.niveau == "local"]
    du_21 = [c for c in locaux if "21" in c.departements]
    for comite in du_21:
        territoire = territoire_comite(comite, geo)
        population = f"{territoire.population:,}".replace(",", " ")
        assert f"{comite.nom}\n{territoire.nombre_communes} communes, {population} habitants" in texte
        for siren in comite.ressort.epci:
            assert f"{geo.epci[siren].nom}\n{siren}\n" in texte
    couverture = couverture_departement("21", locaux, geo)
    assert couverture.complete and not couverture.doublons
    assert (f"{couverture.epci} établissements publics de coopération intercommunale à fiscalité propre, soit "
            f"{couverture.communes} communes") in texte
    assert "dont 48 communes dans le département ; s'étend aussi sur Saône-et-Loire" in texte  # CA de Beaune


def test_ressort_refuse_si_le_departement_n_est_pas_couvert(tmp_path: Path) -> None:
    depot = tmp_path / "depot"
    shutil.copytree(EXEMPLE, depot)
    fichier = depot / "locaux" / f"{CLE}.yaml"
    fichier.write_text(fichier.read_text(encoding="utf-8").replace('    - "242101509"  # CC Rives de Saône\n', ""),
                       encoding="utf-8")
    ch = g.charger(depot, DATE)
    # le dépôt n'est plus conforme (un EPCI représenté hors du ressort) : refusé, constats listés
    with pytest.raises(g.DepotInvalide) as erreur:
        generer_arrete(ch, "ressort", "21", tmp_path / "sortie")
    assert [c.regle for c in erreur.value.constats] == ["epci-un-membre"]
    # et, même sans cette erreur, le ressort qui ne couvre pas le département est refusé (R. 5311-30)
    from cte_cli.documents import modeles
    from cte_cli.documents.arretes import _departement, contexte_ressort

    code, locaux, cde = _departement(ch, "21")
    with pytest.raises(CteErreur, match=r"ne couvre pas le département Côte-d'Or \(21\).*CC Rives de Saône"):
        contexte_ressort(ch, code, locaux, cde, modeles.trouver("arrete-ressort", "docx", None)[0], DATE)


# --- arrêté conjoint (R. 5311-35) et outre-mer ---------------------------------------------------

CLE_INTERDEPARTEMENTAL = """type: comite
id: cle-beaune-chagny
niveau: local
nom: Comité local pour l'emploi de Beaune et Chagny
region: "27"
departements: ["21", "71"]
ressort: {epci: ["200006682", "200040038"]}
presidents:
  - {nom: Hélène Marchal, qualite: Préfète de la Côte-d'Or, college: etat, departement: "21"}
  - {nom: Jean Colin, qualite: Président de la CA Beaune Côte et Sud, college: epci}
membres:
  - {nom: Sophie Arnaud, qualite: Sous-préfète de Beaune, college: etat, voix: 3}
  - {nom: Paul Roux, qualite: Sous-préfet de Louhans, college: etat, voix: 2}
  - {nom: Marc Petit, qualite: Conseiller régional, college: region, voix: 1}
  - {nom: Anne Roy, qualite: Conseillère départementale de la Côte-d'Or, college: departement, voix: 1}
  - {nom: Léa Bon, qualite: Vice-présidente, college: epci, epci: "200006682", voix: 1}
  - {nom: Yves Gros, qualite: Vice-président, college: epci, epci: "200040038", voix: 1}
  - {nom: Odile Perrin, qualite: Maire de Chagny, college: communes, voix: 1}
  - {nom: Paul Henry, qualite: Directeur territorial de France Travail, college: france_travail}
  - {nom: Rémi Faure, qualite: Président de la mission locale du Beaunois, college: mission_locale}
  - {nom: Claire Dumas, qualite: Présidente de Cap emploi Côte-d'Or, college: cap_emploi}
"""


def test_arrete_conjoint_d_un_comite_local_interdepartemental(tmp_path: Path) -> None:
    (tmp_path / "depot").mkdir()
    (tmp_path / "depot" / "cle.yaml").write_text(CLE_INTERDEPARTEMENTAL, encoding="utf-8")
    ch = g.charger(tmp_path / "depot", DATE)
    erreurs = [c for c in ch.resultat.constats if c.gravite == "erreur"]
    assert not erreurs, [c.message for c in erreurs]
    texte = texte_docx(generer_arrete(ch, "composition", "cle-beaune-chagny", tmp_path)[0].chemin)
    assert "La préfète de la Côte-d'Or et le préfet de la Saône-et-Loire," in texte
    assert "ARRÊTENT :" in texte
    assert ("Le préfet de la Côte-d'Or assure la présidence conjointe du comité (article R. 5311-35 du code du "
            "travail)") in texte
    assert "dans la limite de 16 fixée par l'article R. 5311-35" in texte
    assert "Les secrétaires généraux de la préfecture de la Côte-d'Or et de la préfecture de la Saône-et-Loire" in texte
    # une colonne de signature par préfet ; celui de Saône-et-Loire est à compléter
    assert "La préfète de la Côte-d'Or\nLe préfet de la Saône-et-Loire" in texte
    assert re.search(r"Hélène Marchal\n+……………………\n", texte)


def test_outre_mer_deets_et_guyane(tmp_path: Path, cte) -> None:
    """Outre-mer : DEETS (pas DREETS), direction générale de la cohésion et des populations en
    Guyane ; visas de l'ordonnance n° 2024-534 et des articles R. 5523-15-x."""
    for region, depot in (("03", "guyane"), ("04", "reunion")):
        assert cte("init", "--region", region, str(tmp_path / depot)).returncode == 0
    ch = g.charger(tmp_path / "guyane", DATE)
    chemin = generer_arrete(ch, "composition", "ct-guyane", tmp_path / "a")[0].chemin
    texte = texte_docx(chemin)
    entete = premiere_page(chemin)
    assert "PRÉFET DE LA GUYANE" in entete and "Le préfet de la région Guyane, préfet de la Guyane," in texte  # qualité du fichier
    assert "Direction générale de la cohésion et des populations de Guyane" in entete
    assert "Sur proposition du directeur général de la cohésion et des populations de Guyane," in texte
    assert "ses articles L. 5523-8, R. 5523-15-19 à R. 5523-15-30" in texte
    assert "Vu l'ordonnance n° 2024-534 du 12 juin 2024" in texte and "Vu le décret n° 2024-1147" in texte
    assert "2° – Collectivité territoriale unique" in texte
    assert "le préfet et le président de l'assemblée de Guyane (article R. 5523-15-22" in texte
    assert "dans la limite de 31 fixée par l'article R. 5523-15-24" in texte
    assert "DREETS" not in texte + entete and "régionale de l'économie" not in texte + entete
    ch = g.charger(tmp_path / "reunion", DATE)
    cde = next(d.id for d in ch.documents("comite") if d.modele.niveau == "departemental")
    chemin = generer_arrete(ch, "composition", cde, tmp_path / "b")[0].chemin
    texte = texte_docx(chemin)
    assert "Direction de l'économie, de l'emploi, du travail et des solidarités de La Réunion" in premiere_page(chemin)
    assert "R. 5523-15-1 à R. 5523-15-6" in texte and "Le préfet de La Réunion," in texte
    assert "DREETS" not in texte and "départementale de l'emploi" not in texte


@pytest.mark.parametrize(("region", "niveau", "departement", "service"), [
    ("27", "regional", None, "Direction régionale de l'économie, de l'emploi, du travail et des solidarités de "
                             "Bourgogne-Franche-Comté"),
    ("11", "regional", None, "Direction régionale et interdépartementale de l'économie, de l'emploi, du travail et "
                             "des solidarités d'Île-de-France"),
    ("27", "departemental", "25", "Direction départementale de l'emploi, du travail et des solidarités du Doubs"),
    ("27", "local", "89", "Direction départementale de l'emploi, du travail et des solidarités de l'Yonne"),
    ("44", "departemental", "88", "Direction départementale de l'emploi, du travail et des solidarités des Vosges"),
    ("01", "departemental", "971", "Direction de l'économie, de l'emploi, du travail et des solidarités de la "
                                   "Guadeloupe"),
    ("06", "territorial", "976", "Direction de l'économie, de l'emploi, du travail et des solidarités de Mayotte"),
    ("03", "territorial", "973", "Direction générale de la cohésion et des populations de Guyane"),
    ("975", "territorial_unique", None, "Direction de la cohésion sociale, du travail, de l'emploi et de la "
                                        "population de Saint-Pierre-et-Miquelon"),
])
def test_service_deduit_du_territoire(region, niveau, departement, service) -> None:
    from cte_cli.referentiel import geographie

    comite = SimpleNamespace(region=region, niveau=niveau, departements=[departement] if departement else None)
    valeurs = en.defauts(comite, geographie())
    assert valeurs["service"] == service
    assert valeurs["proposition"].startswith("du directeur")


def test_entete_toml_fautif(tmp_path: Path) -> None:
    (tmp_path / "modeles").mkdir()
    (tmp_path / "modeles" / "entete.toml").write_text('[departements.21]\nadrese = ["1 rue"]\n', encoding="utf-8")
    with pytest.raises(CteErreur, match="clé « adrese » inconnue.*adresse"):
        en.lire_reglage(tmp_path)
    (tmp_path / "modeles" / "entete.toml").write_text('[commun]\nlogo = "absent.png"\n', encoding="utf-8")
    with pytest.raises(CteErreur, match="logo « absent.png » introuvable"):
        en.entete(tmp_path, SimpleNamespace(region="27", niveau="regional", departements=None))


def test_arrete_conjoint_alsace_et_corse() -> None:
    """R. 5311-29 : comité départemental d'une collectivité sur deux départements (Alsace, Corse) :
    arrêté conjoint des deux préfets, qui précise celui qui copréside ; plafond de 40 membres."""
    from cte_cli.documents.arretes import _plafond, _prefet_president, signataires
    from cte_cli.referentiel import geographie

    geo = geographie()
    for departements, president, attendu in ((["67", "68"], "68", "Le préfet du Haut-Rhin"),
                                             (["2A", "2B"], None, "Le préfet de la Corse-du-Sud")):
        comite = SimpleNamespace(
            niveau="departemental", region=geo.departements[departements[0]].region, departements=departements,
            collectivite="alsace" if "67" in departements else "corse", membres=[],
            presidents=[SimpleNamespace(nom="Claire Bon", qualite="Préfète du Bas-Rhin", college="etat",
                                        departement=president)])
        texte = _prefet_president(comite, geo)
        assert texte.startswith(attendu) and "(article R. 5311-29 du code du travail)" in texte
        assert "dans la limite de 40 fixée par l'article R. 5311-29" in _plafond(comite, geo)
        assert len(signataires(comite, geo)) == 2


@pytest.mark.parametrize(("nom", "attendu"), [
    ("Haute-Garonne", "de la Haute-Garonne"), ("Haute-Saône", "de la Haute-Saône"), ("Haute-Corse", "de la Haute-Corse"),
    ("Hérault", "de l'Hérault"), ("Hautes-Pyrénées", "des Hautes-Pyrénées"), ("Haut-Rhin", "du Haut-Rhin"),
    ("Gard", "du Gard"), ("Lot", "du Lot"), ("Ariège", "de l'Ariège"), ("Lozère", "de la Lozère"),
    ("Yonne", "de l'Yonne"), ("Landes", "des Landes"), ("Paris", "de Paris"), ("Occitanie", "d'Occitanie"),
])
def test_de_devant_un_nom_de_departement(nom, attendu):
    """« Préfet de la Haute-Garonne » (h aspiré), « de l'Hérault » (h muet), « du Gard »."""
    from cte_cli.documents.entete import de

    assert de(nom) == attendu
