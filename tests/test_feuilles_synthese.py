"""`cte feuille-de-route synthese` : retards, avancement, consolidation ascendante, classeur."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
import yaml

from cte_cli.cli import main
from cte_cli.feuilles.synthese import LigneIndicateur, construire

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
MINI = Path(__file__).parent / "donnees" / "cartographie" / "depot-90"
DATE = date(2026, 11, 22)


def lancer(*args: str) -> int:
    with pytest.raises(SystemExit) as fin:
        main(list(args))
    return fin.value.code


def feuilles_yaml() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((EXEMPLE / "feuilles-de-route").glob("*.yaml"))]


def test_retards_et_avancement_recalcules():
    suivi = construire([str(EXEMPLE)], region="27", date_suivi=DATE)
    attendues = {}
    for fdr in feuilles_yaml():
        if not fdr["periode"]["debut"] <= DATE <= fdr["periode"]["fin"]:
            continue
        for axe in fdr["axes"]:
            for f in axe["fiches_action"]:
                retard = bool(f.get("echeance")) and f["echeance"] < DATE and f.get("statut") not in ("realisee", "abandonnee")
                avancements = [
                    (i["valeur_actuelle"] - i["valeur_initiale"]) / (i["cible"] - i["valeur_initiale"])
                    for i in f.get("indicateurs", [])
                    if all(i.get(k) is not None for k in ("valeur_initiale", "cible", "valeur_actuelle"))
                    and i["cible"] != i["valeur_initiale"]
                ]
                attendues[(fdr["comite"], f["id"])] = (retard, sum(avancements) / len(avancements) if avancements else None)
    obtenues = {(f.comite.id, f.id): (f.en_retard, f.avancement) for f in suivi.fiches}
    assert obtenues.keys() == attendues.keys()
    for cle_, (retard, avancement) in attendues.items():
        assert obtenues[cle_][0] == retard, cle_
        assert obtenues[cle_][1] == pytest.approx(avancement), cle_
    assert any(retard for retard, _ in attendues.values())
    sais = next(f for f in suivi.fiches if f.id == "sais-1")
    assert sais.indicateurs[0].avancement == pytest.approx((112 - 35) / (120 - 35))


def test_indicateur_incalculable():
    assert LigneIndicateur("x", None, 10, 10, 12, None).avancement is None
    assert LigneIndicateur("x", None, None, 10, 5, None).motif == "manque : valeur initiale"
    assert LigneIndicateur("x", None, 50, 40, 45, None).avancement == pytest.approx(0.5)


def test_consolidation_ascendante():
    suivi = construire([str(EXEMPLE)], region="27", date_suivi=DATE)
    ordre = {"local": 0, "departemental": 1, "regional": 3}
    libelles = [c.libelle for c in suivi.consolidations]
    assert libelles[-1] == "Ensemble de la région 27"
    assert suivi.consolidations[-2].niveau == "regional" and not suivi.consolidations[-2].est_ensemble
    par_dep: dict[str, list[int]] = {}
    for c in suivi.consolidations:
        if not c.est_ensemble and c.niveau in ("local", "departemental"):
            par_dep.setdefault(c.departement, []).append(ordre[c.niveau])
    assert all(rangs == sorted(rangs) for rangs in par_dep.values())
    region = suivi.consolidations[-1]
    assert len(region.fiches) == len(suivi.fiches)
    dep21 = next(c for c in suivi.consolidations if c.libelle.startswith("Ensemble du département 21"))
    assert {f.comite.departements[0] for f in dep21.fiches} == {"21"}


def test_filtres():
    assert {f.comite.id for f in construire([str(EXEMPLE)], comite="cde-21-cote-d-or", date_suivi=DATE).fiches} == {"cde-21-cote-d-or"}
    dep = construire([str(EXEMPLE)], departement="21", date_suivi=DATE)
    assert {f.comite.departements[0] for f in dep.fiches} == {"21"} and dep.perimetre == "Département 21"


def test_classeur_de_suivi(tmp_path, capsys):
    sortie = tmp_path / "suivi.xlsx"
    assert lancer("feuille-de-route", "synthese", str(EXEMPLE), "--region", "27", "--date", "2026-11-22",
                  "-o", str(sortie)) == 0
    assert "en retard" in capsys.readouterr().out
    classeur = openpyxl.load_workbook(sortie)
    assert classeur.sheetnames == ["Synthèse", "Fiches action", "Indicateurs", "Source"]
    assert len(classeur["Synthèse"]._charts) == 1
    fiches = classeur["Fiches action"]
    titres = [c.value for c in fiches[1]]
    retard = titres.index("En retard")
    for ligne in fiches.iter_rows(min_row=2):
        surlignee = ligne[0].fill.fgColor.rgb == "00FCDCDC"
        assert surlignee == (ligne[retard].value == "oui")
    for feuille in classeur:
        assert feuille.freeze_panes == "A2"
        assert all(c.data_type != "f" for ligne in feuille.iter_rows() for c in ligne)


def test_depot_mini_et_erreurs(capsys):
    suivi = construire([str(MINI)], date_suivi=DATE)
    (fiche,) = suivi.fiches
    assert fiche.en_retard and fiche.avancement == pytest.approx(0.25)
    assert any("cassé.yaml" in r for r in suivi.remarques)
    assert lancer("feuille-de-route", "synthese", str(MINI), "--comite", "cle-90-belfor") == 2
    assert "cle-90-belfort" in capsys.readouterr().err
    assert lancer("feuille-de-route", "synthese", str(MINI), "--comite", "x", "--region", "27") == 2
