#!/usr/bin/env python3
"""Produit les aperçus de docs/documents.md : la première page de chaque document de `cte`,
généré depuis l'exemple de Bourgogne-Franche-Comté, converti en PDF par LibreOffice puis en
PNG par pdftoppm (poppler-utils).

    python scripts/apercus_documents.py            # réécrit docs/images/apercu-*.png
    python scripts/apercus_documents.py --sortie /tmp/apercus

Les documents sont ceux des commandes que docs/documents.md décrit, à la date de l'exemple
(22 novembre 2026) ; les classeurs sont montrés par leur feuille « Synthèse ». Relancer le script
après toute modification d'un modèle (scripts/construire_modeles.py) ou de l'exemple.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "src"))

EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
SORTIE = RACINE / "docs" / "images"
DATE = date(2026, 11, 22)
#: largeur des aperçus, en pixels
LARGEUR = 620


def produire(dossier: Path) -> dict[str, Path]:
    """Les documents de l'exemple, par nom d'aperçu."""
    import openpyxl

    from cte_cli.cartographie import construire as cartographie
    from cte_cli.cartographie.classeur import ecrire_classeur
    from cte_cli.documents import generation as g
    from cte_cli.documents.arretes import generer_arrete
    from cte_cli.feuilles import classeur as classeur_suivi
    from cte_cli.feuilles.synthese import construire as suivi

    ch = g.charger(EXEMPLE, DATE)
    documents = {
        "reglement": g.generer_reglement(ch, "cde-21-cote-d-or", dossier)[0].chemin,
        "emargement": g.generer_emargement(ch, "2026-03-10-cde-21-cote-d-or-ordinaire", dossier)[0].chemin,
        "releve": g.generer_releve(ch, "2026-03-10-cde-21-cote-d-or-ordinaire", dossier)[0].chemin,
    }
    ecrits = g.generer_convocations(ch, "2026-12-10-cre-bourgogne-franche-comte-ordinaire", dossier / "convocations")
    documents["convocation"] = next(e.chemin for e in ecrits if e.chemin.name.startswith("convocation-"))
    documents["invitation"] = next(e.chemin for e in ecrits if e.chemin.name.startswith("invitation-"))
    for nature, cible in (("composition", "cde-21-cote-d-or"), ("modificatif", "cde-21-cote-d-or"),
                          ("voix", "cde-21-cote-d-or"), ("ressort", "21")):
        documents[f"arrete-{nature}"] = generer_arrete(ch, nature, cible, dossier)[0].chemin
    from datetime import datetime

    moment = datetime(2026, 11, 22, 9)
    classeurs = {
        "cartographie": ecrire_classeur(cartographie([str(EXEMPLE)], region="27", date_reference=DATE), moment, "cte"),
        "suivi-feuilles-de-route": classeur_suivi.ecrire_classeur(suivi([str(EXEMPLE)], region="27", date_suivi=DATE),
                                                                  moment, "cte"),
    }
    for nom, octets in classeurs.items():
        chemin = dossier / f"{nom}.xlsx"
        chemin.write_bytes(octets)
        classeur = openpyxl.load_workbook(chemin)
        for feuille in classeur.sheetnames:
            if feuille != "Synthèse":
                del classeur[feuille]
        classeur.save(chemin)
        documents[nom] = chemin
    return documents


def apercus(documents: dict[str, Path], sortie: Path, travail: Path) -> list[Path]:
    """Convertit en PDF (un appel à LibreOffice), puis la première page en PNG."""
    from cte_cli.documents.pdf import soffice

    pdf = travail / "pdf"
    subprocess.run([soffice(), f"-env:UserInstallation={(travail / 'profil').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(pdf), *map(str, documents.values())],
                   capture_output=True, timeout=600, check=True)
    sortie.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for nom, chemin in documents.items():
        cible = sortie / f"apercu-{nom}"
        subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", str(LARGEUR),
                        str(pdf / f"{chemin.stem}.pdf"), str(cible)], check=True)
        ecrits.append(cible.with_suffix(".png"))
    return ecrits


def main() -> int:
    analyse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyse.add_argument("--sortie", type=Path, default=SORTIE, help="dossier des images (défaut : %(default)s)")
    arguments = analyse.parse_args()
    if not shutil.which("pdftoppm"):
        print("pdftoppm (poppler-utils) est nécessaire", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cte-apercus-") as dossier:
        travail = Path(dossier)
        for chemin in apercus(produire(travail / "documents"), arguments.sortie, travail):
            print(f"écrit {chemin}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
