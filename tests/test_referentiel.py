"""Référentiel géographique embarqué (cte_cli.referentiel) et script qui le construit."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cte_cli.referentiel import Epci, Geographie, geographie
from cte_cli.referentiel.geographie import DOSSIER_DONNEES

RACINE = Path(__file__).resolve().parents[1]
SCRIPT = RACINE / "scripts" / "construire_referentiel.py"
SOURCE_NPM = Path("/tmp/npmgeo/package")

MGP = "200054781"
METROPOLE_DE_LYON = "200046977"


@pytest.fixture(scope="module")
def geo() -> Geographie:
    return geographie()


# -- comptes ---------------------------------------------------------------------------


def test_geographie_est_mise_en_cache(geo):
    assert geographie() is geo


def test_regions(geo):
    assert len(geo.regions) == 18
    assert sum(not r.outre_mer for r in geo.regions.values()) == 13
    outre_mer = sorted(c for c, r in geo.regions.items() if r.outre_mer)
    assert outre_mer == ["01", "02", "03", "04", "06"]


def test_departements(geo):
    assert len(geo.departements) == 101
    outre_mer = sorted(c for c, d in geo.departements.items() if d.outre_mer)
    assert outre_mer == ["971", "972", "973", "974", "976"]
    assert {"2A", "2B", "69", "75"} <= set(geo.departements)
    assert "20" not in geo.departements


@pytest.mark.parametrize(
    ("region", "nombre"),
    [("27", 8), ("76", 13), ("11", 8), ("94", 2), ("84", 12), ("53", 4), ("01", 1)],
)
def test_nombre_departements(geo, region, nombre):
    assert geo.nombre_departements(region) == nombre


def test_nombre_departements_code_inconnu(geo):
    with pytest.raises(KeyError):
        geo.nombre_departements("99")


def test_regions_et_departements_coherents(geo):
    for code, region in geo.regions.items():
        assert region.departements == tuple(sorted(region.departements))
        for d in region.departements:
            assert geo.departements[d].region == code
    assert sum(len(r.departements) for r in geo.regions.values()) == 101


def test_collectivites_outre_mer(geo):
    com = geo.collectivites_outre_mer
    assert sorted(com) == ["975", "977", "978"]
    assert com["975"].nom == "Saint-Pierre-et-Miquelon"
    assert com["975"].communes == ("97501", "97502")
    assert com["977"].communes == ("97701",)
    assert com["978"].communes == ("97801",)
    for code in com:
        assert code not in geo.departements
        assert geo.epci_du_departement(code) == ()


def test_epci_comptes(geo):
    types = Counter(e.type for e in geo.epci.values())
    # 1 254 EPCI à fiscalité propre (DGCL) + la Métropole de Lyon (MET69) ; 11 EPT.
    assert types == {"CC": 989, "CA": 230, "METRO": 21, "CU": 14, "MET69": 1, "EPT": 11}
    assert sum(e.fiscalite_propre for e in geo.epci.values()) == 1255
    assert sum(e.fiscalite_propre and e.type != "MET69" for e in geo.epci.values()) == 1254
    assert sum(e.est_ept for e in geo.epci.values()) == 11


# -- EPCI connus -----------------------------------------------------------------------


def test_epci_connus(geo):
    dijon = geo.epci["242100410"]
    assert isinstance(dijon, Epci)
    assert (dijon.nom, dijon.type, dijon.departements) == ("Dijon Métropole", "METRO", ("21",))
    assert "21231" in dijon.communes
    assert geo.epci["200000925"].nom == "CC de la Plaine Dijonnaise"
    assert geo.epci["200069540"].nom == "CC Norge et Tille"
    du_21 = {e.siren for e in geo.epci_du_departement("21")}
    assert {"242100410", "200000925", "200069540"} <= du_21
    # Un EPCI à cheval sur deux départements apparaît dans les deux.
    beaune = geo.epci["200006682"]
    assert beaune.departements == ("21", "71")
    assert beaune in geo.epci_du_departement("71")


def test_epci_du_departement_trie_et_sans_double(geo):
    for code in geo.departements:
        sirens = [e.siren for e in geo.epci_du_departement(code)]
        assert sirens == sorted(set(sirens))


def test_epci_du_departement_code_inconnu(geo):
    with pytest.raises(KeyError):
        geo.epci_du_departement("20")


def test_population(geo):
    assert geo.population_epci("242100410") == geo.epci["242100410"].population
    for epci in geo.epci.values():
        assert epci.population == sum(geo.commune(c).population or 0 for c in epci.communes)
        assert epci.population > 0


# -- Grand Paris, Paris, Lyon ----------------------------------------------------------


def test_grand_paris_ept_au_lieu_de_la_mgp(geo):
    assert geo.metropole_du_grand_paris == MGP
    assert geo.epci[MGP].type == "METRO"
    for code in ("92", "93", "94"):
        groupements = geo.epci_du_departement(code)
        assert groupements and all(e.est_ept for e in groupements)
    for code in geo.departements:
        assert MGP not in {e.siren for e in geo.epci_du_departement(code)}
    # Communes de la MGP hors petite couronne : l'EPT remplace aussi la MGP.
    assert "200058014" in {e.siren for e in geo.epci_du_departement("91")}
    assert "200057990" in {e.siren for e in geo.epci_du_departement("95")}
    ept = {e.siren for e in geo.epci.values() if e.est_ept}
    assert len(ept) == 11
    assert set().union(*(geo.epci[s].communes for s in ept)) == set(geo.epci[MGP].communes) - {
        "75056"
    }


def test_paris(geo):
    assert geo.epci_du_departement("75") == ()
    paris = geo.commune("75056")
    assert (paris.nom, paris.epci, paris.ept) == ("Paris", MGP, None)
    assert geo.communes_du_departement("75") == (paris,)


def test_metropole_de_lyon(geo):
    lyon = geo.epci[METROPOLE_DE_LYON]
    assert (lyon.type, lyon.departements) == ("MET69", ("69",))
    assert "69123" in lyon.communes
    assert lyon in geo.epci_du_departement("69")
    assert geo.commune("69123").epci == METROPOLE_DE_LYON


# -- cohérence EPCI / communes ---------------------------------------------------------


def test_communes_des_epci_existent_et_y_renvoient(geo):
    for epci in geo.epci.values():
        assert epci.communes == tuple(sorted(epci.communes))
        departements = set()
        for code in epci.communes:
            commune = geo.commune(code)
            assert commune is not None, (epci.siren, code)
            if epci.est_ept:
                assert commune.ept == epci.siren
            else:
                assert commune.epci == epci.siren
            departements.add(commune.departement)
        assert epci.departements == tuple(sorted(departements))


def test_epci_du_departement_a_une_commune_dans_le_departement(geo):
    for code in geo.departements:
        for epci in geo.epci_du_departement(code):
            assert code in epci.departements
            assert any(geo.commune(c).departement == code for c in epci.communes)


def test_chaque_commune_a_son_groupement_dans_la_liste_du_departement(geo):
    for code in geo.departements:
        attendus = {e.siren for e in geo.epci_du_departement(code)}
        for commune in geo.communes_du_departement(code):
            groupement = commune.ept or (commune.epci if commune.epci != MGP else None)
            if groupement is not None:
                assert groupement in attendus, (code, commune.code)


def test_communes(geo):
    assert geo.commune("00000") is None
    dijon = geo.commune("21231")
    assert (dijon.nom, dijon.departement, dijon.region, dijon.epci) == (
        "Dijon",
        "21",
        "27",
        "242100410",
    )
    assert dijon.population > 100_000
    communes_21 = geo.communes_du_departement("21")
    assert dijon in communes_21
    assert [c.code for c in communes_21] == sorted(c.code for c in communes_21)
    assert geo.communes_du_departement("99") == ()
    # Communes hors EPCI : îles mono-communales et collectivités d'outre-mer.
    assert geo.commune("29155").epci is None  # Ouessant
    assert geo.commune("97701").epci is None  # Saint-Barthélemy
    for code in geo.departements:
        for commune in geo.communes_du_departement(code):
            assert commune.region == geo.departements[code].region


def test_communes_chargees_a_la_demande():
    geo = Geographie.charger(DOSSIER_DONNEES)
    assert geo._lignes is None
    assert geo.epci_du_departement("21")
    assert geo._lignes is None
    assert geo.commune("21231") is not None
    assert geo._lignes is not None


def test_table_des_populations_egale_les_communes():
    """populations.json (issue 16) donne, pour chaque département et collectivité, les mêmes
    codes, dans le même ordre, et les mêmes populations que le fichier des communes ; les noms
    qu'il porte sont ceux des communes ; et il se régénère à l'identique depuis les fichiers
    embarqués (scripts/construire_referentiel.py --populations)."""
    import gzip
    import importlib.util

    spec = importlib.util.spec_from_file_location("construire_referentiel", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    geo = Geographie.charger(DOSSIER_DONNEES)  # ne lit que la table des populations
    communes = Geographie.charger(DOSSIER_DONNEES)  # lit les 35 000 communes
    codes = {d for d in geo.departements} | set(geo.collectivites_outre_mer) | {"984", "986", "987", "988", "989"}
    for code in sorted(codes):
        table = geo.populations_du_departement(code)
        assert list(table.items()) == [(c.code, c.population) for c in communes.communes_du_departement(code)], code
    assert geo._lignes is None  # les 35 000 communes n'ont pas été lues pour les populations
    noms = geo._populations()["noms_hors_groupement"]
    assert {"29155", "75056", "85113"} <= set(noms)
    for code, nom in noms.items():
        assert geo.nom_commune(code) == nom == geo.commune(code).nom
    assert geo.nom_commune("21231") == "Dijon" and geo.nom_commune("00000") is None
    geographie_ = json.loads((DOSSIER_DONNEES / "geographie.json").read_bytes())
    communes = json.loads(gzip.decompress((DOSSIER_DONNEES / "communes.json.gz").read_bytes()))
    assert script.populations(geographie_, communes) == json.loads((DOSSIER_DONNEES / "populations.json").read_bytes())


def test_table_des_populations_d_une_autre_generation(tmp_path):
    import shutil

    from cte_cli.referentiel.geographie import ReferentielErreur

    for nom in ("geographie.json", "communes.json.gz"):
        shutil.copy(DOSSIER_DONNEES / nom, tmp_path / nom)
    table = json.loads((DOSSIER_DONNEES / "populations.json").read_bytes())
    table["source"]["version"] = "5.0.0"
    (tmp_path / "populations.json").write_text(json.dumps(table), encoding="utf-8")
    with pytest.raises(ReferentielErreur, match="autre génération"):
        Geographie.charger(tmp_path).populations_du_departement("21")


def test_import_leger():
    code = (
        "import sys; from cte_cli.referentiel import geographie; geographie(); "
        "assert 'pydantic' not in sys.modules, 'pydantic importé'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- provenance ------------------------------------------------------------------------


def test_source(geo):
    source = geo.source
    assert source["paquet"] == "@etalab/decoupage-administratif"
    assert source["version"] == "6.0.0"
    assert source["millesime"] == "COG 2026"
    assert source["licence"] == "MIT"
    assert source["url"].startswith("https://www.npmjs.com/package/@etalab/decoupage-administratif")
    assert len(source["genere_le"]) == 10
    source["version"] = "modifiée"
    assert geo.source["version"] == "6.0.0"


def test_provenance_documentee():
    texte = (DOSSIER_DONNEES / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "6.0.0" in texte and "COG 2026" in texte
    assert "Copyright (c) 2018-2019 Etalab" in texte


@pytest.mark.skipif(
    not (SOURCE_NPM / "data" / "communes.json").is_file(),
    reason="paquet npm décompressé absent de /tmp/npmgeo",
)
def test_script_reproductible(tmp_path):
    embarque = json.loads((DOSSIER_DONNEES / "geographie.json").read_bytes())
    resultat = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--source",
            str(SOURCE_NPM),
            "--sortie",
            str(tmp_path),
            "--genere-le",
            embarque["source"]["genere_le"],
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "EPT du Grand Paris : 11" in resultat.stdout
    for nom in ("geographie.json", "communes.json.gz"):
        assert (tmp_path / nom).read_bytes() == (DOSSIER_DONNEES / nom).read_bytes(), nom
