"""Cas de règles en données : tests/cases/<regle>/<cas>.yaml (ou dossier <cas>/) et, à côté,
<cas>.attendu.yaml qui liste les constats attendus de cette règle (FORMAT §3).

Fichier attendu :

    date: 2026-11-22          # date de contrôle (défaut 2026-11-22)
    regles: [autre-regle]     # règles supplémentaires à comparer (défaut : celle du dossier)
    constats:                 # liste exacte des constats de ces règles ([] pour un cas qui passe)
      - regle: plafond-sieges
        article: R. 5311-24
        ligne: 12
        colonne: 3            # facultatif
        fichier: cde.yaml     # facultatif, relatif au cas (pour un cas en dossier)
        gravite: avertissement  # facultatif : la gravité de ce constat (défaut : non vérifiée)
        message: "28 membres au titre des 1° à 6°, limite 27"   # fragment du message
        chiffres: {trouve: 28, limite: 27}                       # sous-ensemble des chiffres
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from cte_cli.moteur import valider
from cte_cli.rules.registry import charger_regles

RACINE = Path(__file__).parent / "cases"
DATE_DEFAUT = date(2026, 11, 22)


def _cas() -> list[tuple[str, Path, Path]]:
    trouves = []
    for attendu in sorted(RACINE.glob("*/*.attendu.yaml")):
        nom = attendu.name.removesuffix(".attendu.yaml")
        cible = attendu.with_name(nom + ".yaml")
        if not cible.exists():
            cible = attendu.with_name(nom)
        trouves.append((attendu.parent.name, cible, attendu))
    return trouves


CAS = _cas()


@pytest.mark.parametrize(("regle", "cible", "attendu"), CAS, ids=[f"{r}/{c.name}" for r, c, _ in CAS])
def test_cas(regle: str, cible: Path, attendu: Path) -> None:
    spec = yaml.safe_load(attendu.read_text(encoding="utf-8")) or {}
    regles = {regle, *spec.get("regles", [])}
    resultat = valider([str(cible)], spec.get("date", DATE_DEFAUT))
    trouves = [c for c in resultat.constats if c.regle in regles]
    prevus = spec.get("constats") or []
    description = "\n".join(f"  {c.regle} {c.article} l.{c.ligne}:{c.colonne} {c.message}" for c in trouves)
    assert len(trouves) == len(prevus), f"{len(trouves)} constats au lieu de {len(prevus)} :\n{description}"
    restants = list(trouves)
    for prevu in prevus:
        correspondant = next((c for c in restants if _correspond(c, prevu, cible)), None)
        assert correspondant is not None, f"constat attendu introuvable : {prevu}\ntrouvés :\n{description}"
        restants.remove(correspondant)


def _correspond(constat, prevu: dict, cible: Path) -> bool:
    if constat.regle != prevu["regle"] or constat.article != prevu["article"]:
        return False
    if constat.ligne != prevu["ligne"] or ("colonne" in prevu and constat.colonne != prevu["colonne"]):
        return False
    if "fichier" in prevu and Path(constat.fichier) != cible / prevu["fichier"]:
        return False
    if prevu.get("message", "") not in constat.message:
        return False
    if "gravite" in prevu and constat.gravite.value != prevu["gravite"]:
        return False
    return all(constat.chiffres.get(k) == v for k, v in (prevu.get("chiffres") or {}).items())


def test_chaque_regle_a_un_cas_qui_echoue_et_un_cas_qui_passe() -> None:
    """Chaque règle du registre a au moins un cas avec constat et un cas sans constat."""
    manquants = []
    for id_ in charger_regles():
        cas = [a for r, _, a in CAS if r == id_]
        specs = [yaml.safe_load(a.read_text(encoding="utf-8")) or {} for a in cas]
        if not any(s.get("constats") for s in specs) or not any(not s.get("constats") for s in specs):
            manquants.append(id_)
    assert not manquants, f"règles sans cas qui échoue et cas qui passe : {', '.join(manquants)}"
