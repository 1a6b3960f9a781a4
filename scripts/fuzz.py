#!/usr/bin/env python3
"""Campagne de fuzzing de `cte` (docs/securite.md §1).

Deux volets, lancés ensemble par défaut :

- **commandes** : fuzzing par mutation de chaque commande (validate, voix, rotation,
  generate, cartographie, feuille-de-route importer et synthese, init, schema) sur le dépôt
  d'exemple altéré (`tests/securite/fuzz_commandes.py`), pendant `--duree` secondes (300 par
  défaut) ou `--essais` essais par commande ;
- **propriétés** : les propriétés hypothesis de `tests/securite/test_proprietes.py` (texte
  quelconque, octets quelconques, arbres YAML, plusieurs fichiers par la commande, mutations
  du dépôt d'exemple) avec `--exemples` exemples au lieu des 50 de la suite ordinaire.

Une graine au hasard (ou donnée) ; chaque échec affiche de quoi le rejouer.

Usage :
    python scripts/fuzz.py --duree 600                     # commandes 10 min, puis propriétés
    python scripts/fuzz.py --propriete aucune --duree 60   # une minute de commandes seulement
    python scripts/fuzz.py --commande voix --propriete aucune --graine 1234 --essais 1   # rejouer
    python scripts/fuzz.py --commande aucune --propriete mutations --exemples 5000 --graine 1234

Codes de sortie : 0 aucune défaillance ; 1 une défaillance trouvée ; 2 usage.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
FICHIER = "tests/securite/test_proprietes.py"
PROPRIETES = {
    "texte": "test_texte_quelconque",
    "octets": "test_octets_quelconques",
    "fichiers": "test_plusieurs_fichiers_et_cli",
    "mutations": "test_mutations_du_depot_exemple",
}
#: durée par défaut du volet commandes quand ni --duree ni --essais ne la fixent (secondes)
DUREE_DEFAUT = 300


def lancer(propriete: str, exemples: int, graine: int) -> subprocess.Popen:
    env = {**os.environ, "CTE_FUZZ_EXEMPLES": str(exemples), "CTE_FUZZ_GRAINE": str(graine)}
    commande = [sys.executable, "-m", "pytest", f"{FICHIER}::{PROPRIETES[propriete]}", "-x", "-q",
                "-p", "no:cacheprovider", f"--hypothesis-seed={graine}", "--hypothesis-show-statistics"]
    return subprocess.Popen(commande, cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def commandes(choisies: list[str], graine: int, essais: int | None, duree: float | None) -> int:
    """Le volet commandes, dans ce processus ; renvoie le nombre d'essais en défaut."""
    sys.path.insert(0, str(RACINE))
    from tests.securite.fuzz_commandes import campagne

    print(f"commandes : {', '.join(choisies)} ; graine {graine}"
          + (f" ; {essais} essai(s) par commande" if essais else f" ; {duree:.0f} s"), flush=True)
    return len(campagne(choisies, graine, exemples=essais, duree=duree, rapport=lambda t: print(t, flush=True)))


def proprietes(choisies: list[str], exemples: int, graine: int, processus: int) -> list[str]:
    """Le volet propriétés (hypothesis, sous-processus pytest) ; renvoie celles en échec."""
    print(f"propriétés : {', '.join(choisies)} ; {exemples} exemples par propriété ; graine {graine}", flush=True)
    debut = time.monotonic()
    echecs: list[str] = []
    en_attente = list(choisies)
    en_cours: dict[str, subprocess.Popen] = {}
    while en_attente or en_cours:
        while en_attente and len(en_cours) < processus:
            nom = en_attente.pop(0)
            en_cours[nom] = lancer(nom, exemples, graine)
        for nom, processus_ in list(en_cours.items()):
            if processus_.poll() is None:
                continue
            sortie = processus_.stdout.read() if processus_.stdout else ""
            del en_cours[nom]
            etat = "ok" if processus_.returncode == 0 else "ÉCHEC"
            print(f"  {nom:<10} {etat}  ({time.monotonic() - debut:.0f} s)", flush=True)
            if processus_.returncode != 0:
                echecs.append(nom)
                print(sortie[-6000:], flush=True)
        time.sleep(0.2)
    return echecs


def _noms_commandes() -> list[str]:
    sys.path.insert(0, str(RACINE))
    from tests.securite.fuzz_commandes import COMMANDES

    return list(COMMANDES)


def main(argv: list[str] | None = None) -> int:
    noms = _noms_commandes()
    parser = argparse.ArgumentParser(description="Campagne de fuzzing de cte (commandes et propriétés).")
    parser.add_argument("--exemples", type=int, default=20000, help="propriétés : exemples par propriété (défaut 20000)")
    parser.add_argument("--essais", type=int, default=None, help="commandes : essais par commande (au lieu de --duree)")
    parser.add_argument("--duree", type=float, default=None,
                        help=f"commandes : durée en secondes (défaut {DUREE_DEFAUT} sans --essais)")
    parser.add_argument("--graine", type=int, default=None, help="graine (défaut : au hasard, affichée)")
    parser.add_argument("--commande", choices=[*noms, "tout", "aucune"], default="tout")
    parser.add_argument("--propriete", choices=[*PROPRIETES, "tout", "aucune"], default="tout")
    parser.add_argument("--processus", type=int, default=1, help="propriétés lancées en parallèle")
    args = parser.parse_args(argv)
    if args.exemples < 1 or (args.essais is not None and args.essais < 1) or args.processus < 1 \
            or (args.duree is not None and args.duree <= 0):
        parser.error("--exemples, --essais, --duree et --processus doivent être positifs")
    graine = args.graine if args.graine is not None else random.SystemRandom().randrange(2**32)
    debut = time.monotonic()
    defauts = 0
    echecs: list[str] = []
    if args.commande != "aucune":
        choisies = noms if args.commande == "tout" else [args.commande]
        duree = args.duree if args.duree is not None or args.essais is not None else DUREE_DEFAUT
        defauts = commandes(choisies, graine, args.essais, duree)
    if args.propriete != "aucune":
        choisies = list(PROPRIETES) if args.propriete == "tout" else [args.propriete]
        echecs = proprietes(choisies, args.exemples, graine, args.processus)
    rejouer = (f" ; rejouer : python scripts/fuzz.py --commande aucune --exemples {args.exemples} "
               f"--graine {graine} --propriete {echecs[0]}" if echecs else "")
    print(f"terminé en {time.monotonic() - debut:.0f} s ; graine {graine} ; {defauts} essai(s) de commande en défaut ; "
          f"{len(echecs)} propriété(s) en échec{rejouer}", flush=True)
    return 1 if defauts or echecs else 0


if __name__ == "__main__":
    sys.exit(main())
