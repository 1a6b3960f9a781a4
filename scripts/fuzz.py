#!/usr/bin/env python3
"""Campagne longue de fuzzing de `cte` (docs/securite.md).

Relance les propriétés de `tests/securite/test_proprietes.py` (texte quelconque, octets
quelconques, arbres YAML, plusieurs fichiers par la commande, mutations du dépôt d'exemple)
avec beaucoup plus d'exemples que la suite ordinaire (50), et une graine au hasard (ou
donnée) au lieu du parcours déterministe. Un échec affiche l'exemple minimal trouvé par
hypothesis et la graine à redonner pour le reproduire.

Usage :
    python scripts/fuzz.py --exemples 20000
    python scripts/fuzz.py --exemples 5000 --graine 1234 --propriete mutations
    python scripts/fuzz.py --exemples 2000 --processus 4      # propriétés en parallèle

Codes de sortie : 0 aucune défaillance ; 1 une propriété a échoué ; 2 usage.
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


def lancer(propriete: str, exemples: int, graine: int) -> subprocess.Popen:
    env = {**os.environ, "CTE_FUZZ_EXEMPLES": str(exemples), "CTE_FUZZ_GRAINE": str(graine)}
    commande = [sys.executable, "-m", "pytest", f"{FICHIER}::{PROPRIETES[propriete]}", "-x", "-q",
                "-p", "no:cacheprovider", f"--hypothesis-seed={graine}", "--hypothesis-show-statistics"]
    return subprocess.Popen(commande, cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Campagne longue de fuzzing de cte (propriétés hypothesis).")
    parser.add_argument("--exemples", type=int, default=20000, help="exemples par propriété (défaut 20000)")
    parser.add_argument("--graine", type=int, default=None, help="graine (défaut : au hasard, affichée)")
    parser.add_argument("--propriete", choices=[*PROPRIETES, "tout"], default="tout")
    parser.add_argument("--processus", type=int, default=1, help="propriétés lancées en parallèle")
    args = parser.parse_args(argv)
    if args.exemples < 1 or args.processus < 1:
        parser.error("--exemples et --processus doivent être positifs")
    graine = args.graine if args.graine is not None else random.SystemRandom().randrange(2**32)
    choisies = list(PROPRIETES) if args.propriete == "tout" else [args.propriete]
    print(f"fuzzing : {', '.join(choisies)} ; {args.exemples} exemples par propriété ; graine {graine}", flush=True)
    debut = time.monotonic()
    echecs = []
    en_attente = list(choisies)
    en_cours: dict[str, subprocess.Popen] = {}
    while en_attente or en_cours:
        while en_attente and len(en_cours) < args.processus:
            nom = en_attente.pop(0)
            en_cours[nom] = lancer(nom, args.exemples, graine)
        for nom, processus in list(en_cours.items()):
            if processus.poll() is None:
                continue
            sortie = processus.stdout.read() if processus.stdout else ""
            del en_cours[nom]
            etat = "ok" if processus.returncode == 0 else "ÉCHEC"
            print(f"  {nom:<10} {etat}  ({time.monotonic() - debut:.0f} s)", flush=True)
            if processus.returncode != 0:
                echecs.append(nom)
                print(sortie[-6000:], flush=True)
        time.sleep(0.2)
    duree = time.monotonic() - debut
    print(f"{len(choisies) - len(echecs)}/{len(choisies)} propriété(s) tenue(s) en {duree:.0f} s ; graine {graine}"
          + (f" ; rejouer : python scripts/fuzz.py --exemples {args.exemples} --graine {graine} "
             f"--propriete {echecs[0]}" if echecs else ""))
    return 1 if echecs else 0


if __name__ == "__main__":
    sys.exit(main())
