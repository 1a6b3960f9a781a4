"""Conversion .docx -> .pdf par LibreOffice (`soffice --headless --convert-to pdf`).

Les fichiers sont convertis dans un dossier temporaire, avec un profil LibreOffice temporaire
(pas de conflit avec une instance ouverte ni entre deux conversions simultanées), en un seul
appel pour tout un lot ; l'appelant écrit ensuite chaque PDF de façon atomique.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from cte_cli.erreurs import CteErreur

#: délai maximal d'une conversion (secondes), réglable par CTE_SOFFICE_DELAI
DELAI_PAR_DEFAUT = 300

INSTALLATION = (
    "LibreOffice est nécessaire pour produire des PDF (--format pdf) et n'a pas été trouvé "
    "(commande « soffice »). Installez-le : sous Debian ou Ubuntu, « apt-get install "
    "libreoffice-writer-nogui » ; sur les autres systèmes, installez LibreOffice "
    "(https://www.libreoffice.org) et mettez « soffice » dans le PATH, ou indiquez son chemin "
    "dans la variable d'environnement CTE_SOFFICE. Sinon, générez en .docx (--format docx)."
)


def soffice() -> str:
    """Le chemin de `soffice` (variable CTE_SOFFICE, sinon PATH) ; CteErreur s'il manque."""
    explicite = os.environ.get("CTE_SOFFICE")
    if explicite:
        if Path(explicite).is_file() and os.access(explicite, os.X_OK):
            return explicite
        raise CteErreur(f"CTE_SOFFICE désigne « {explicite} », qui n'est pas un exécutable. " + INSTALLATION)
    for nom in ("soffice", "libreoffice"):
        trouve = shutil.which(nom)
        if trouve:
            return trouve
    raise CteErreur(INSTALLATION)


def convertir(documents: list[tuple[str, bytes]]) -> list[bytes]:
    """Convertit des .docx (nom, octets) en PDF, dans l'ordre ; un seul appel à LibreOffice."""
    if not documents:
        return []
    programme = soffice()
    from cte_cli.limites import valeur

    delai = valeur("CTE_SOFFICE_DELAI")  # validée : nombre entier dans sa plage, sinon message clair
    with tempfile.TemporaryDirectory(prefix="cte-pdf-") as dossier:
        base = Path(dossier)
        entrees = []
        for i, (_, donnees) in enumerate(documents):
            entree = base / f"document-{i:04d}.docx"
            entree.write_bytes(donnees)
            entrees.append(entree)
        profil = (base / "profil").as_uri()
        commande = [programme, f"-env:UserInstallation={profil}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(base / "pdf"), *map(str, entrees)]
        try:
            resultat = subprocess.run(commande, capture_output=True, timeout=delai, check=False)
        except subprocess.TimeoutExpired:
            raise CteErreur(f"LibreOffice n'a pas terminé la conversion en PDF en {delai} s "
                            "(réglable par CTE_SOFFICE_DELAI)") from None
        except OSError as exc:
            raise CteErreur(f"LibreOffice n'a pas pu être lancé ({exc.strerror or type(exc).__name__}). "
                            + INSTALLATION) from None
        sorties = []
        for entree, (nom, _) in zip(entrees, documents, strict=True):
            pdf = base / "pdf" / (entree.stem + ".pdf")
            if not pdf.is_file():
                detail = resultat.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["sans message"]
                raise CteErreur(f"LibreOffice n'a pas produit le PDF de {nom} (code {resultat.returncode} : "
                                f"{detail[0]})")
            sorties.append(pdf.read_bytes())
        return sorties
