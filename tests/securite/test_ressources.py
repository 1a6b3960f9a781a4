"""Ressources bornées : une valeur démesurée dans un fichier ne fait ni exploser la mémoire ni
tourner la commande pendant des heures ; les dates extrêmes ne débordent pas du calendrier.

Trouvé par ces tests (corrigé) : `voix: 1000000` faisait énumérer des millions de quotients
à la plus forte moyenne (38 s pour 10 000 voix, mémoire épuisée pour 10**30) ; une date
9999-12-31 ou 0001-01-01T00:30+05:00 et `--date 9999-12-31` faisaient déborder les calculs
d'échéance (OverflowError) ; `delai_convocation_jours: 1000000` aussi.
"""

from __future__ import annotations

import datetime as dt
import time
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cte_cli.droit.voix import plus_forte_moyenne
from cte_cli.moteur import valider

from .outils import CODES_PERMIS, DATE, EXEMPLE, RACINE, executer


def _reference(poids: dict[str, Fraction], total: int) -> tuple[dict, dict]:
    """La plus forte moyenne par énumération de tous les quotients (définition littérale)."""
    quotients = sorted((p / d for p in poids.values() if p > 0 for d in range(1, total + 1)), reverse=True)
    seuil = quotients[total - 1]
    sures = {o: sum(1 for d in range(1, total + 1) if p / d > seuil) for o, p in poids.items()}
    egalites = {o: sum(1 for d in range(1, total + 1) if p > 0 and p / d == seuil) for o, p in poids.items()}
    return sures, egalites


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    poids=st.dictionaries(
        st.sampled_from("ABCDEFG"),
        st.one_of(st.integers(0, 12).map(Fraction),
                  st.fractions(min_value=0, max_value=50, max_denominator=60)),
        min_size=1, max_size=7,
    ),
    total=st.integers(1, 40),
)
def test_plus_forte_moyenne_rapide_egale_a_la_definition(poids, total):
    if not any(p > 0 for p in poids.values()):
        return
    rep = plus_forte_moyenne(poids, total)
    sures, egalites = _reference(poids, total)
    assert dict(rep.sures) == sures
    assert dict(rep.egalites) == egalites
    assert sum(rep.attribution.values()) == total


def test_plus_forte_moyenne_instantanee_pour_un_total_enorme():
    poids = {"CFDT": Fraction(3088), "CGT": Fraction(2570), "FO": Fraction(1727), "CGC": Fraction(1501)}
    debut = time.perf_counter()
    rep = plus_forte_moyenne(poids, 10**30)
    assert time.perf_counter() - debut < 1
    assert sum(rep.attribution.values()) == 10**30


def _exemple_modifie(dossier: Path, cle: str, valeur: object) -> Path:
    """Copie du dépôt d'exemple où chaque `cle` vaut `valeur` (ajoutée aux séances si absente)."""

    def remplacer(d):
        if isinstance(d, dict):
            d = {k: valeur if k == cle else remplacer(v) for k, v in d.items()}
            if d.get("type") == "seance" and cle == "duree_minutes":
                d[cle] = valeur
            return d
        return [remplacer(v) for v in d] if isinstance(d, list) else d

    for relatif, donnees in _exemple_lu():
        cible = dossier / relatif
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_text(yaml.dump(remplacer(donnees), Dumper=DUMPER, allow_unicode=True), encoding="utf-8")
    return dossier


#: PyYAML compilé (libyaml) s'il est là : dix fois plus rapide pour réécrire tout l'exemple
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@cache
def _exemple_lu() -> tuple[tuple[Path, object], ...]:
    """(chemin relatif, données) de chaque fichier YAML de l'exemple, lus une fois par processus
    (`_exemple_modifie` reconstruit les dictionnaires et les listes, sans les modifier)."""
    return tuple((source.relative_to(EXEMPLE), yaml.load(source.read_text(encoding="utf-8"), Loader=LOADER))
                 for source in EXEMPLE.rglob("*.y*ml"))


@pytest.mark.skipif(not EXEMPLE.exists(), reason="dépôt d'exemple absent")
@pytest.mark.parametrize(("cle", "valeur"), [
    ("voix", 10**30), ("voix", 10**6), ("sieges", 10**30), ("reunions_par_an", 10**30),
    ("delai_convocation_jours", 10**6), ("delai_convocation_jours", 10**30), ("duree_minutes", 10**30),
    ("cible", float("inf")), ("valeur_actuelle", float("nan")), ("voix", float("nan")),
    ("date", dt.date(9999, 12, 31)), ("date", dt.date(1, 1, 1)), ("debut", dt.date(9999, 12, 31)),
    ("fin", dt.date(9999, 12, 31)), ("installation", dt.date(1, 1, 1)),
    ("date", dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))),
    ("date", dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
])
def test_valeur_demesuree_sans_plantage_ni_attente(tmp_path, cle, valeur):
    depot = _exemple_modifie(tmp_path / "depot", cle, valeur)
    debut = time.perf_counter()
    resultat = valider([str(depot)], dt.date.fromisoformat(DATE))
    assert time.perf_counter() - debut < 20
    assert resultat.code_sortie() in CODES_PERMIS
    if isinstance(valeur, int) and valeur >= 10**6 and cle in ("voix", "sieges", "reunions_par_an",
                                                              "delai_convocation_jours", "duree_minutes"):
        messages = [c.message for c in resultat.constats if c.regle == "valeur-invalide"]
        assert any("inférieur ou égal" in m for m in messages), messages[:3]


@pytest.mark.parametrize("jour", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_date_de_controle_hors_plage(tmp_path, jour):
    sortie = executer("validate", str(tmp_path), "--date", jour)
    assert sortie.code == 2
    assert "hors de la plage admise" in sortie.stderr and "Traceback" not in sortie.texte


# --- chaque clé, une valeur extrême à la fois ----------------------------------------------

#: remplacé dans le texte par un entier de 5 000 chiffres (PyYAML ne sait pas l'écrire)
ENORME = "@@enorme@@"
EXTREMES = [ENORME, float("nan"), -(10**30), [], {"a": 1}]
PARAMETRES = RACINE / "tests" / "cases" / "voix-plus-forte-moyenne" / "parametres-du-depot" / "parametres.yaml"


def _mini_depot() -> dict[str, object]:
    """Un comité départemental, une séance, sa feuille de route et un jeu de paramètres."""
    fichiers = {
        "cde.yaml": EXEMPLE / "departemental" / "cde-21-cote-d-or.yaml",
        "seance.yaml": next(EXEMPLE.glob("seances/*/2026-06-11-cde-21-cote-d-or-pleniere.yaml")),
        "fdr.yaml": next(EXEMPLE.glob("feuilles-de-route/fdr-cde-21-*.yaml")),
        "parametres.yaml": PARAMETRES,
    }
    return {nom: yaml.safe_load(chemin.read_text(encoding="utf-8")) for nom, chemin in fichiers.items()}


def _feuilles(donnees, chemin=()):
    """Un chemin par forme de clé (indices confondus) menant à un scalaire."""
    vues, pile = set(), [(donnees, chemin)]
    while pile:
        valeur, ici = pile.pop()
        if isinstance(valeur, dict):
            pile.extend((v, (*ici, k)) for k, v in valeur.items())
        elif isinstance(valeur, list):
            pile.extend((v, (*ici, i)) for i, v in enumerate(valeur))
        else:
            forme = tuple("*" if isinstance(p, int) else p for p in ici)
            if forme not in vues:
                vues.add(forme)
                yield ici


@pytest.mark.slow
@pytest.mark.skipif(not EXEMPLE.exists() or not PARAMETRES.exists(), reason="dépôt d'exemple absent")
def test_chaque_cle_avec_une_valeur_extreme(tmp_path):
    """Pour chaque forme de clé d'un comité, d'une séance, d'une feuille de route et d'un jeu de
    paramètres : entier de 5 000 chiffres, NaN, -10**30, liste, dictionnaire. Ni exception, ni
    constat mal situé, rapports rendus. (Trouvé : un entier énorme dans `nature` faisait
    planter le message « valeur non permise ».)"""
    import copy
    import json

    from cte_cli.reports import FORMATS, rendre

    from .outils import constats_bien_situes

    def texte(donnees: object) -> str:
        return yaml.dump(donnees, Dumper=DUMPER, allow_unicode=True, sort_keys=False)

    assert f"'{ENORME}'" in texte({"x": ENORME})  # que le remplacement ci-dessous trouve

    base = _mini_depot()
    textes = {nom: texte(donnees) for nom, donnees in base.items()}  # les fichiers non modifiés
    essais = 0
    for nom, donnees in base.items():
        for chemin in _feuilles(donnees):
            for valeur in EXTREMES:
                mute = copy.deepcopy(donnees)
                parent = mute
                for pas in chemin[:-1]:
                    parent = parent[pas]
                parent[chemin[-1]] = valeur
                dossier = tmp_path / f"essai-{essais}"
                dossier.mkdir()
                for n, t in {**textes, nom: texte(mute)}.items():
                    (dossier / n).write_text(t.replace(f"'{ENORME}'", "9" * 5000), encoding="utf-8")
                resultat = valider([str(dossier)], dt.date.fromisoformat(DATE))
                assert resultat.code_sortie() in CODES_PERMIS
                fichiers = [str(dossier / n) for n in base]
                assert constats_bien_situes(resultat, fichiers) == [], (nom, chemin, valeur)
                for format_ in FORMATS:
                    rapport = rendre(format_, resultat)
                    if format_ == "json":
                        assert all(len(c["message"]) <= 5000 for c in json.loads(rapport)["constats"])
                essais += 1
    assert essais > 300
