"""Propriétés (hypothesis) : quel que soit le contenu du dépôt, `cte validate` ne plante pas.

Pour tout texte, tout arbre YAML et toute mutation du dépôt d'exemple :
- la validation ne lève aucune exception ;
- chaque constat désigne un fichier du dépôt, une ligne >= 1 et une colonne >= 1 ;
- tous les rapports machine se rendent (et le JSON se relit) ;
- la commande sort avec 0, 1 ou 2, sans trace Python ni « Erreur interne ».

Nombre d'exemples borné ici (suite ordinaire rapide) ; la campagne longue est
`python scripts/fuzz.py --exemples 20000` (docs/securite.md).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import xml.dom.minidom
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cte_cli.loading.depot import decouvrir
from cte_cli.moteur import valider

from .outils import CODES_PERMIS, DATE, constats_bien_situes, executer, fichiers_exemple
from .strategies import ecrire_depot, muter_depot, octets, textes

#: nombre d'exemples par propriété ; scripts/fuzz.py l'augmente (CTE_FUZZ_EXEMPLES) et passe
#: une graine (--hypothesis-seed) au lieu du parcours déterministe de la suite ordinaire
EXEMPLES = int(os.environ.get("CTE_FUZZ_EXEMPLES", "50"))
#: caractères de contrôle qui ne doivent jamais atteindre le terminal (hors fin de ligne)
CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
REGLAGES = settings(
    max_examples=EXEMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize="CTE_FUZZ_EXEMPLES" not in os.environ,
    database=None,
    print_blob=True,
)


def verifier_depot(dossier: Path) -> None:
    """Les propriétés communes : aucune exception, constats situés, rapports rendus."""
    from cte_cli.reports import FORMATS, rendre

    fichiers = decouvrir([str(dossier)])
    resultat = valider([str(dossier)], date.fromisoformat(DATE))
    assert resultat.code_sortie() in CODES_PERMIS
    assert resultat.code_sortie(strict=True) in CODES_PERMIS
    defauts = constats_bien_situes(resultat, fichiers)
    assert not defauts, "\n".join(defauts)
    for format_ in FORMATS:
        rapport = rendre(format_, resultat)
        assert isinstance(rapport, str)
        if format_ in ("json", "sarif", "gitlab"):
            json.loads(rapport)
        elif format_ == "junit":
            xml.dom.minidom.parseString(rapport.encode("utf-8"))
    assert not CONTROLES.search(texte_terminal(resultat))


def texte_terminal(resultat) -> str:
    """Le rapport texte tel que le terminal le reçoit (sans couleurs)."""
    import io

    from rich.console import Console

    from cte_cli.reports.texte import rendu

    tampon = io.StringIO()
    Console(file=tampon, width=200, markup=False, color_system=None).print(rendu(resultat, "aucun"))
    return tampon.getvalue()


def verifier_cli(dossier: Path) -> None:
    sortie = executer("validate", str(dossier), "--date", DATE, "--format", "json")
    assert sortie.code in CODES_PERMIS, sortie.texte
    assert "Traceback" not in sortie.texte and "Erreur interne" not in sortie.texte, sortie.stderr
    if sortie.code != 2 or sortie.stdout:
        json.loads(sortie.stdout)


@REGLAGES
@given(texte=textes)
def test_texte_quelconque(texte: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "f.yaml").write_text(texte, encoding="utf-8", errors="surrogatepass")
        verifier_depot(Path(d))


@REGLAGES
@given(contenu=octets)
def test_octets_quelconques(contenu: bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "f.yaml").write_bytes(contenu)
        verifier_depot(Path(d))


@REGLAGES
@given(contenus=st.lists(textes, min_size=1, max_size=4))
def test_plusieurs_fichiers_et_cli(contenus: list[str]) -> None:
    with tempfile.TemporaryDirectory() as d:
        for i, texte in enumerate(contenus):
            (Path(d) / f"f{i}.yaml").write_text(texte, encoding="utf-8", errors="surrogatepass")
        verifier_cli(Path(d))


@pytest.mark.slow
@pytest.mark.skipif(not fichiers_exemple(), reason="dépôt d'exemple absent")
@settings(REGLAGES, max_examples=max(EXEMPLES // 2, 1))
@given(graine=st.integers(0, 2**32 - 1), nombre=st.integers(1, 6))
def test_mutations_du_depot_exemple(graine: int, nombre: int) -> None:
    depot = {chemin: texte.encode("utf-8") for chemin, texte in fichiers_exemple()}
    mute, journal = muter_depot(depot, graine, nombre)
    with tempfile.TemporaryDirectory() as d:
        ecrire_depot(mute, Path(d))
        try:
            verifier_depot(Path(d))
            verifier_cli(Path(d))
        except AssertionError as exc:
            raise AssertionError(f"mutations (graine {graine}) : {journal}\n{exc}") from None
