"""Conversion .docx -> .pdf par LibreOffice (`soffice --headless --convert-to pdf`).

Les fichiers sont convertis dans un dossier temporaire, avec un profil LibreOffice temporaire
(pas de conflit avec une instance ouverte ni entre deux conversions simultanées). Un envoi en
masse est converti **par lots** (50 documents par appel, réglable par CTE_PDF_LOT, `limites.py`) :
LibreOffice s'arrête après environ 250 documents d'un même appel en sortant avec le code 0
(mesuré, docs/performance.md) ; le profil est créé une fois et resservi d'un lot à l'autre.
L'appelant écrit chaque PDF de façon atomique dès que son lot est converti : ceux déjà écrits
sont gardés si un lot suivant échoue.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from cte_cli.erreurs import CteErreur

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


def taille_lot() -> int:
    """Documents par appel à LibreOffice (CTE_PDF_LOT, validée par `cte_cli.limites`)."""
    from cte_cli.limites import valeur

    return valeur("CTE_PDF_LOT")


class Convertisseur:
    """Une suite de conversions : un dossier et un profil LibreOffice temporaires pour tous les
    lots, supprimés à la sortie du bloc `with`."""

    def __enter__(self) -> Convertisseur:
        self.programme = soffice()
        from cte_cli.limites import valeur

        self.delai = valeur("CTE_SOFFICE_DELAI")  # validée : nombre entier dans sa plage
        self._dossier = tempfile.TemporaryDirectory(prefix="cte-pdf-")
        self.base = Path(self._dossier.name)
        self.profil = (self.base / "profil").as_uri()
        self._lots = 0
        return self

    def __exit__(self, *erreur: object) -> None:
        self._dossier.cleanup()

    def convertir(self, documents: list[tuple[str, bytes]]) -> list[bytes | CteErreur]:
        """Un lot de .docx (nom, octets) -> pour chacun, les octets du PDF ou l'erreur qui le
        concerne. Les documents que LibreOffice n'a pas convertis sont redonnés une fois dans
        un second appel. Lève CteErreur si LibreOffice ne peut pas être lancé ou dépasse son
        délai (aucun document du lot n'est converti)."""
        if not documents:
            return []
        self._lots += 1
        lot = self.base / f"lot-{self._lots:05d}"
        entrees = []
        for i, (_, donnees) in enumerate(documents):
            entree = lot / f"document-{i:04d}.docx"
            entree.parent.mkdir(parents=True, exist_ok=True)
            entree.write_bytes(donnees)
            entrees.append(entree)
        sortie = lot / "pdf"
        resultat = self._appeler(entrees, sortie)
        manquants = [e for e in entrees if not (sortie / (e.stem + ".pdf")).is_file()]
        if manquants:
            resultat = self._appeler(manquants, sortie)
        pdfs: list[bytes | CteErreur] = []
        for entree, (nom, _) in zip(entrees, documents, strict=True):
            pdf = sortie / (entree.stem + ".pdf")
            if pdf.is_file():
                pdfs.append(pdf.read_bytes())
            else:
                detail = resultat.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["sans message"]
                pdfs.append(CteErreur(f"LibreOffice n'a pas produit le PDF de {nom} (code {resultat.returncode} : "
                                      f"{detail[0]})"))
        shutil.rmtree(lot, ignore_errors=True)
        return pdfs

    def _appeler(self, entrees: list[Path], sortie: Path) -> subprocess.CompletedProcess:
        commande = [self.programme, f"-env:UserInstallation={self.profil}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(sortie), *map(str, entrees)]
        try:
            return subprocess.run(commande, capture_output=True, timeout=self.delai, check=False)
        except subprocess.TimeoutExpired:
            raise CteErreur(f"LibreOffice n'a pas terminé la conversion en PDF en {self.delai} s "
                            "(réglable par CTE_SOFFICE_DELAI)") from None
        except OSError as exc:
            raise CteErreur(f"LibreOffice n'a pas pu être lancé ({exc.strerror or type(exc).__name__}). "
                            + INSTALLATION) from None


def convertir(documents: list[tuple[str, bytes]]) -> list[bytes]:
    """Convertit des .docx (nom, octets) en PDF, dans l'ordre, par lots de `taille_lot()` ;
    CteErreur au premier document non converti."""
    if not documents:
        return []
    pdfs: list[bytes] = []
    with Convertisseur() as convertisseur:
        pas = taille_lot()
        for debut in range(0, len(documents), pas):
            for pdf in convertisseur.convertir(documents[debut:debut + pas]):
                if isinstance(pdf, CteErreur):
                    raise pdf
                pdfs.append(pdf)
    return pdfs
