"""Territoire des comités et couverture des départements (`cte_cli.territoire`), synthèse du
rapport texte, territoires particuliers de `cte init`."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from cte_cli.moteur import valider
from cte_cli.referentiel import geographie
from cte_cli.territoire import (
    METROPOLE_DE_LYON,
    couverture_departement,
    couvertures,
    population_departement,
    territoire_comite,
)

from conftest import DATE, EXEMPLE

GEO = geographie()


def _comite(niveau, region, departements=None, collectivite=None, epci=(), communes=(), id_="c"):
    ressort = SimpleNamespace(epci=list(epci), communes=list(communes))
    return SimpleNamespace(id=id_, niveau=niveau, region=region, departements=departements,
                           collectivite=collectivite, ressort=ressort)


def test_rhone_et_metropole_de_lyon_se_partagent_le_69():
    """R. 5311-28 : le comité de la Métropole a les 58 communes de la Métropole, celui du Rhône
    le reste du département ; ensemble, exactement le 69."""
    metropole = territoire_comite(_comite("departemental", "84", ["69"], "metropole-de-lyon"), GEO)
    rhone = territoire_comite(_comite("departemental", "84", ["69"]), GEO)
    tout = {c.code for c in GEO.communes_du_departement("69")}
    assert metropole.nombre_communes == len(GEO.epci[METROPOLE_DE_LYON].communes) == 58
    assert metropole.communes.isdisjoint(rhone.communes)
    assert metropole.communes | rhone.communes == tout
    assert metropole.population + rhone.population == population_departement("69", GEO)
    assert metropole.epci == (METROPOLE_DE_LYON,)


@pytest.mark.parametrize(("collectivite", "departements"), [("alsace", ["67", "68"]), ("corse", ["2A", "2B"])])
def test_collectivite_sur_deux_departements(collectivite, departements):
    territoire = territoire_comite(_comite("departemental", "44", departements, collectivite), GEO)
    assert territoire.departements == tuple(departements)
    assert territoire.population == sum(population_departement(d, GEO) for d in departements)


def test_comite_territorial_unique():
    spm = territoire_comite(_comite("territorial_unique", "975"), GEO)
    assert spm.communes == {"97501", "97502"}
    assert spm.epci == ()


def test_cle_a_cheval_compte_l_epci_entier():
    """Un EPCI sur deux départements compte en entier dans le comité local qui le cite."""
    beaune = GEO.epci["200006682"]
    territoire = territoire_comite(_comite("local", "27", ["21"], epci=[beaune.siren]), GEO)
    assert territoire.nombre_communes == len(beaune.communes)
    assert territoire.population == beaune.population
    assert territoire.departements == ("21", "71")
    assert territoire.hors_departements > 0


def test_epci_a_cheval_couvert_par_un_comite_de_l_autre_departement():
    """La CA de Beaune (21 et 71) citée par un comité de la Côte-d'Or couvre aussi la
    Saône-et-Loire ; ce n'est pas un doublon si un comité du 71 la cite aussi."""
    cle21 = _comite("local", "27", ["21"], epci=["200006682"], id_="cle-21")
    couverture = couverture_departement("71", [cle21], GEO)
    assert "200006682" not in {u.code for u in couverture.non_couvertes}
    cle71 = _comite("local", "27", ["71"], epci=["200006682"], id_="cle-71")
    assert couverture_departement("71", [cle21, cle71], GEO).doublons == ()
    assert couverture_departement("21", [cle21, cle71], GEO).doublons == ()


def test_couverture_partielle_par_les_communes():
    """Un EPCI dont seules quelques communes sont citées reste non couvert, avec le détail."""
    grand_belfort = GEO.epci["200069052"]
    cites = list(grand_belfort.communes[:2])
    cle = _comite("local", "27", ["90"], epci=["200069060", "249000241"], communes=cites)
    couverture = couverture_departement("90", [cle], GEO)
    (unite,) = couverture.non_couvertes
    assert unite.code == "200069052"
    assert unite.communes_couvertes == 2
    assert unite.communes == len(grand_belfort.communes)
    assert couverture.population_couverte + unite.population == couverture.population
    assert couverture.epci == 3 and couverture.communes_hors_epci == 0


def test_metropole_decoupee_en_comites_par_communes():
    """Plusieurs comités locaux qui se partagent les communes d'un même EPCI (Métropole de Lyon)
    le couvrent sans doublon."""
    communes = GEO.epci[METROPOLE_DE_LYON].communes
    nord = _comite("local", "84", ["69"], communes=communes[:30], id_="nord")
    sud = _comite("local", "84", ["69"], communes=communes[30:], id_="sud")
    couverture = couverture_departement("69", [nord, sud], GEO)
    assert METROPOLE_DE_LYON not in {u.code for u in couverture.non_couvertes}
    assert couverture.doublons == ()


def test_paris_commune_hors_epci():
    couverture = couverture_departement("75", [], GEO)
    assert (couverture.epci, couverture.communes_hors_epci) == (0, 1)
    assert couverture.non_couvertes[0].code == "75056"
    cle = _comite("local", "11", ["75"], communes=["75056"])
    assert couverture_departement("75", [cle], GEO).complete


def test_exemple_couvre_tous_les_epci():
    """L'exemple de Bourgogne-Franche-Comté : chaque département entièrement couvert, chaque
    EPCI dans un seul comité local de son département."""
    resultat = valider([str(EXEMPLE)], date.fromisoformat(DATE))
    comites = [d.modele for d in resultat.documents if d.type == "comite"]
    lignes = couvertures(comites, GEO)
    assert [c.departement for c in lignes] == list(GEO.regions["27"].departements)
    for c in lignes:
        assert c.complete, (c.departement, c.non_couvertes)
        assert c.doublons == ()
        assert c.population == population_departement(c.departement, GEO)
    regles = {"couverture-epci", "epci-plusieurs-comites", "cde-collectivite", "comite-unique", "cde-manquant",
              "prefet-president-designe", "niveau-outre-mer"}
    assert [c.message for c in resultat.constats if c.regle in regles] == []


def test_synthese_du_rapport_texte():
    import io

    from rich.console import Console, Group

    from cte_cli.reports.texte import rendu, synthese_territoires

    resultat = valider([str(EXEMPLE)], date.fromisoformat(DATE))

    def texte(objet):
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(objet)
        return console.export_text()

    court = texte(Group(*synthese_territoires(resultat)))
    assert court.startswith("Territoires : couverture des départements par les comités locaux")
    lignes = court.splitlines()
    assert len(lignes) == 2 + 8 + 1  # titre, en-tête, un département par ligne, ligne vide
    assert "90 Territoire de Belfort" in lignes[-2] and "3/3" in lignes[-2] and "100 % de 140 255 hab." in lignes[-2]
    detail = texte(Group(*synthese_territoires(resultat, "comites")))
    assert "cle-90-sud-territoire" in detail and len(detail.splitlines()) == len(lignes) + 34
    assert synthese_territoires(resultat, "aucun") == []
    assert court in texte(rendu(resultat))


@pytest.mark.parametrize("region", ["01", "02", "03", "04", "06"])
def test_init_outre_mer_valide_sans_erreur(tmp_path, region):
    """`cte init` outre-mer : comité territorial en Guyane, Martinique, Mayotte (L. 5523-8),
    comités régional et départemental ordinaires en Guadeloupe et à La Réunion."""
    from cte_cli.echafaudage import echafauder

    echafauder(region, tmp_path / "depot")
    resultat = valider([str(tmp_path / "depot")], date.fromisoformat(DATE))
    erreurs = [f"{c.fichier}:{c.ligne} {c.regle} {c.message}" for c in resultat.constats if c.gravite == "erreur"]
    assert erreurs == []
    niveaux = sorted(d.modele.niveau for d in resultat.documents if d.type == "comite")
    assert niveaux == (["territorial"] if region in ("02", "03", "06") else ["departemental", "regional"])


@pytest.mark.parametrize(("region", "attendus"), [
    ("44", {("67", "68"): "alsace"}), ("94", {("2A", "2B"): "corse"}),
    ("84", {("69",): "metropole-de-lyon"}), ("11", {("75",): "ville-de-paris"}),
])
def test_init_territoires_particuliers(tmp_path, region, attendus):
    from cte_cli.echafaudage import echafauder

    echafauder(region, tmp_path / "depot")
    resultat = valider([str(tmp_path / "depot")], date.fromisoformat(DATE))
    cde = {tuple(d.modele.departements): d.modele.collectivite for d in resultat.documents
           if d.type == "comite" and d.modele.niveau == "departemental" and d.modele.collectivite}
    assert cde == attendus
    assert not [c for c in resultat.constats if c.regle in ("cde-manquant", "comite-unique", "cde-collectivite")]
