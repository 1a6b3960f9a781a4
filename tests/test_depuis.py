"""`cte validate --depuis REF` dans un dépôt git jetable, copie du dépôt d'exemple.

La propriété centrale : les constats rapportés avec `--depuis` sont exactement ceux que la
validation complète trouve dans les fichiers rapportés (les règles croisées restent justes).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cte_cli.depuis import modifications, perimetre, valider_depuis
from cte_cli.erreurs import CteErreur
from cte_cli.loading.depot import decouvrir
from cte_cli.moteur import valider

from conftest import EXEMPLE

DATE = date(2026, 11, 22)
CLE = "locaux/cle-21-beaune-cote-et-saone.yaml"
SEANCE = "seances/2025/2025-03-20-cle-21-beaune-cote-et-saone-ordinaire.yaml"
CDE_DOUBS = "departemental/cde-25-doubs.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


def _git(depot: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Agent", "-c", "user.email=agent@exemple.gouv.fr", "-C", str(depot), *args],
        check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def depot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not (EXEMPLE / CLE).exists():
        pytest.skip("dépôt d'exemple absent")
    racine = tmp_path / "config"
    shutil.copytree(EXEMPLE, racine)
    _git(racine, "init", "-q", "-b", "main")
    _git(racine, "add", "-A")
    _git(racine, "commit", "-q", "-m", "configuration initiale")
    monkeypatch.chdir(racine)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    return racine


def _remplacer(fichier: Path, avant: str, apres: str) -> None:
    texte = fichier.read_text(encoding="utf-8")
    assert avant in texte
    fichier.write_text(texte.replace(avant, apres, 1), encoding="utf-8")


def _cles(constats) -> set[tuple]:
    return {(Path(c.fichier).as_posix().removeprefix("./"), c.regle, c.ligne, c.colonne, c.message) for c in constats}


def _meme_resultat_que_la_validation_complete(ref: str = "HEAD") -> set[str]:
    """Compare --depuis à la validation complète sur les fichiers rapportés ; renvoie ceux-ci."""
    partiel = valider_depuis(["."], ref, DATE)
    complet = valider(["."], DATE)
    rapportes = {Path(d.fichier).as_posix().removeprefix("./") for d in partiel.depot.documents}
    rapportes |= {Path(c.fichier).as_posix().removeprefix("./") for c in partiel.constats}
    attendus = {k for k in _cles(complet.constats) if k[0] in rapportes}
    assert _cles(partiel.constats) == attendus
    assert partiel.resume.fichiers == len(rapportes)
    return rapportes


def test_rien_de_modifie(depot: Path) -> None:
    resultat = valider_depuis(["."], "HEAD", DATE)
    assert resultat.constats == [] and resultat.resume.fichiers == 0


def test_seance_modifiee_rapporte_la_seance_et_son_comite(depot: Path) -> None:
    _remplacer(depot / SEANCE, "comite: cle-21-beaune-cote-et-saone", "comite: cle-21-beaune")
    rapportes = _meme_resultat_que_la_validation_complete()
    assert SEANCE in rapportes and CDE_DOUBS not in rapportes
    resultat = valider_depuis(["."], "HEAD", DATE)
    assert [c.regle for c in resultat.constats if SEANCE in c.fichier] == ["reference-inconnue"]


def test_comite_modifie_rapporte_ses_seances_et_les_comites_de_la_region(depot: Path) -> None:
    _remplacer(depot / CLE, 'departements: ["21"]', 'departements: ["21", "01"]')
    rapportes = _meme_resultat_que_la_validation_complete()
    assert CLE in rapportes and SEANCE in rapportes and CDE_DOUBS in rapportes
    assert "regional/cre-bourgogne-franche-comte.yaml" in rapportes
    assert not any(f.startswith("seances/") and "cle-21-beaune" not in f for f in rapportes)
    resultat = valider_depuis(["."], "HEAD", DATE)
    assert any(c.regle == "departement-hors-region" for c in resultat.constats)


def test_comite_supprime_rend_ses_seances_orphelines(depot: Path) -> None:
    (depot / CLE).unlink()
    rapportes = _meme_resultat_que_la_validation_complete()
    assert CLE not in rapportes and SEANCE in rapportes
    resultat = valider_depuis(["."], "HEAD", DATE)
    orphelines = {c.fichier for c in resultat.constats if c.regle == "reference-inconnue"}
    assert any(SEANCE in f for f in orphelines)


def test_comite_renomme_par_son_id(depot: Path) -> None:
    _remplacer(depot / CLE, "id: cle-21-beaune-cote-et-saone", "id: cle-21-beaune")
    _meme_resultat_que_la_validation_complete()
    assert any(c.regle == "reference-inconnue" for c in valider_depuis(["."], "HEAD", DATE).constats)


def test_comite_change_de_region_rapporte_l_ancienne_region(depot: Path) -> None:
    _remplacer(depot / CLE, 'region: "27"', 'region: "84"')
    rapportes = _meme_resultat_que_la_validation_complete()
    assert CDE_DOUBS in rapportes  # l'ancienne région du comité est revérifiée


def test_branche_depuis_l_ancetre_commun(depot: Path) -> None:
    _git(depot, "checkout", "-q", "-b", "modif")
    _remplacer(depot / SEANCE, "nature: ordinaire", "nature: extraordinaire")
    _git(depot, "commit", "-q", "-am", "séance")
    _git(depot, "checkout", "-q", "main")
    _remplacer(depot / CDE_DOUBS, 'region: "27"', 'region: "28"')
    _git(depot, "commit", "-q", "-am", "sur main, après la bifurcation")
    _git(depot, "checkout", "-q", "modif")
    modifs = modifications("main", depot)
    assert {Path(m).name for m in modifs.modifies} == {Path(SEANCE).name}
    resultat = valider_depuis(["."], "main", DATE)
    assert [c.regle for c in resultat.constats if SEANCE in c.fichier] == ["valeur-non-permise"]
    assert not any(CDE_DOUBS in c.fichier for c in resultat.constats)  # changé sur main seulement


def test_fichier_non_suivi_et_pre_commit(depot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nouveau = depot / "seances" / "brouillon.yaml"
    nouveau.write_text("type: seance\ncomite: inconnu\n", encoding="utf-8")
    assert any("brouillon" in c.fichier for c in valider_depuis(["."], "HEAD", DATE).constats)
    monkeypatch.setenv("PRE_COMMIT", "1")  # dans un crochet : seul l'index compte
    assert not valider_depuis(["."], "HEAD", DATE).constats


def test_parametres_modifies_tout_est_verifie(depot: Path) -> None:
    (depot / "parametres" / "audiences.yaml").write_text(
        "type: parametres\nid: audiences-2025\nvalable_du: 2025-07-08\nsource: arrêté du 8 juillet 2025\n"
        "verifie_le: 2026-10-01\n", encoding="utf-8")
    zone = perimetre(decouvrir(["."]), modifications("HEAD", depot))
    assert zone.tout


def test_perimetre_d_une_seance_reste_petit(depot: Path) -> None:
    _remplacer(depot / SEANCE, "lieu: Sous-préfecture", "lieu: La sous-préfecture")
    fichiers = decouvrir(["."])
    zone = perimetre(fichiers, modifications("HEAD", depot))
    assert not zone.tout and CLE in {f.removeprefix("./") for f in zone.rapportes}
    assert len(zone.a_charger) < len(fichiers) / 4


def test_cli_erreurs_en_francais(cte, depot: Path, tmp_path: Path) -> None:
    inconnue = cte("validate", "--depuis", "origine/nulle-part", cwd=depot)
    assert inconnue.returncode == 2 and "référence git « origine/nulle-part » inconnue" in inconnue.stderr
    hors_git = tmp_path / "hors-git"
    hors_git.mkdir()
    sortie = cte("validate", "--depuis", "HEAD", str(hors_git), cwd=hors_git)
    assert sortie.returncode == 2 and "n'est pas dans un dépôt git" in sortie.stderr
    assert "Traceback" not in sortie.stderr + inconnue.stderr


def test_cli_depuis(cte, depot: Path) -> None:
    assert cte("validate", "--depuis", "HEAD", "--date", "2026-11-22", cwd=depot).returncode == 0
    _remplacer(depot / SEANCE, "nature: ordinaire", "nature: extraordinaire")
    sortie = cte("validate", "--depuis", "HEAD", "--date", "2026-11-22", "-f", "github", cwd=depot)
    assert sortie.returncode == 1
    assert f"::error file={SEANCE},line=" in sortie.stdout


def test_reference_invalide(depot: Path) -> None:
    with pytest.raises(CteErreur, match="invalide"):
        modifications("--output=x", depot)


def test_depot_sans_commit_tout_est_nouveau(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Premier commit (crochet pre-commit d'un dépôt neuf) : HEAD n'existe pas encore."""
    _git(tmp_path, "init", "-q")
    (tmp_path / "seance.yaml").write_text("type: seance\ncomite: absent\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    resultat = valider_depuis(["."], "HEAD", DATE)
    assert resultat.resume.fichiers == 1 and resultat.constats


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pas de tube nommé sur ce système")
def test_tube_nomme_ne_bloque_pas_le_reperage(depot: Path) -> None:
    """Le repérage des liens lit les fichiers comme la validation : un tube nommé n'est pas
    ouvert (open() y attendait un écrivain indéfiniment)."""
    os.mkfifo(depot / "tube.yaml")
    _remplacer(depot / SEANCE, "nature: ordinaire", "nature: extraordinaire")
    sortie = subprocess.run(
        [sys.executable, "-m", "cte_cli", "validate", "--depuis", "HEAD", "--date", "2026-11-22"],
        cwd=depot, capture_output=True, text=True, timeout=60,
    )
    assert sortie.returncode == 1, sortie.stderr
    assert SEANCE in sortie.stdout


def test_citant_prefiltre_equivaut_au_motif_exact() -> None:
    """Le préfiltre en arbre de préfixes (docs/performance.md) reconnaît exactement les jetons
    et ne change pas les fichiers retenus (mots entiers seulement)."""
    import random
    import re

    from cte_cli.depuis import _arbre_de_prefixes, _citant, _Fiche

    hasard = random.Random(20261122)
    for _ in range(300):
        jetons = {"".join(hasard.choice("ab-1") for _ in range(hasard.randint(1, 6))) for _ in range(hasard.randint(1, 6))}
        arbre = re.compile(_arbre_de_prefixes(jetons))
        assert {j for j in jetons if arbre.fullmatch(j)} == jetons
        textes = ["".join(hasard.choice("ab-1 x:\n") for _ in range(hasard.randint(0, 30))) for _ in range(20)]
        exact = re.compile(r"(?<![a-z0-9-])(?:" + "|".join(map(re.escape, sorted(jetons))) + r")(?![a-z0-9-])")
        fiches = [_Fiche(str(i), t, None, None, None) for i, t in enumerate(textes)]
        assert _citant(fiches, jetons) == {str(i) for i, t in enumerate(textes) if exact.search(t)}
    # plus de jetons emboîtés que la limite de récursion : pas de préfiltre, même résultat (au
    # delà, seul le motif exact grandit : 9 s de compilation pour 3 000 jetons)
    emboites = {"a" * n for n in range(1, sys.getrecursionlimit() + 100)}
    with pytest.raises(RecursionError):
        re.compile(_arbre_de_prefixes(emboites))
    assert _citant([_Fiche("f", "x aaa x", None, None, None)], emboites) == {"f"}
