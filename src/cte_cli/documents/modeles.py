"""Où trouver les modèles : le dossier `modeles/` du dépôt de configuration, sinon les modèles
livrés avec cte (`cte_cli/templates/`). Même nom de fichier pour surcharger un modèle."""

from __future__ import annotations

from pathlib import Path

#: documents produits par `cte generate`, et le nom de leur modèle (sans extension)
DOCUMENTS = {
    "reglement": "règlement intérieur",
    "convocation": "convocation",
    "invitation": "invitation d'une personne invitée sans voix",
    "emargement": "feuille d'émargement",
    "releve": "relevé de décisions",
    "arrete-composition": "arrêté portant composition d'un comité",
    "arrete-modificatif": "arrêté modificatif (remplacement d'un membre)",
    "arrete-voix": "arrêté fixant le nombre de voix",
    "arrete-ressort": "arrêté fixant le ressort des comités locaux d'un département",
}
#: extension du modèle pour chaque format de sortie (le PDF part du .docx)
EXTENSIONS = {"docx": ".docx", "pdf": ".docx", "md": ".md"}
DOSSIER_DEPOT = "modeles"


def dossier_defaut() -> Path:
    """Les modèles livrés avec cte."""
    return Path(__file__).resolve().parent.parent / "templates"


def racine_depot(chemin: str | Path) -> Path:
    chemin = Path(chemin)
    return chemin.parent if chemin.is_file() else chemin


def trouver(nom: str, format_: str, depot: str | Path | None) -> tuple[Path, bool]:
    """Le modèle du document `nom` pour `format_` : (chemin, vrai s'il vient du dépôt)."""
    fichier = nom + EXTENSIONS[format_]
    if depot is not None:
        personnalise = racine_depot(depot) / DOSSIER_DEPOT / fichier
        if personnalise.is_file():
            confiner(personnalise, racine_depot(depot).resolve() / DOSSIER_DEPOT)
            return personnalise, True
    return dossier_defaut() / fichier, False


def confiner(modele: Path, dossier: Path) -> None:
    """Refuse un modèle qui ne se résout pas dans `dossier` (le dossier `modeles/` du dépôt,
    pris tel que le dépôt le nomme) ou qui passe par un dossier `.git` : sinon un lien
    (`modeles/reglement.md -> ../.git/config`, `modeles -> .git`, `-> ~/.ssh/id_rsa`)
    recopierait dans le document le fichier visé, jeton de la CI compris (docs/securite.md)."""
    from cte_cli.erreurs import CteErreur

    reel = modele.resolve()
    try:
        relatif = reel.relative_to(dossier)
    except ValueError:
        raise CteErreur(f"modèle refusé : {modele} est un lien vers un fichier hors du dossier {DOSSIER_DEPOT}/ "
                        f"du dépôt ; un modèle doit être un fichier de ce dossier") from None
    if ".git" in relatif.parts or ".git" in modele.parts:
        raise CteErreur(f"modèle refusé : {modele} est dans un dossier .git ; un modèle doit être un fichier du "
                        f"dossier {DOSSIER_DEPOT}/")


def type_de_modele(chemin: Path) -> str | None:
    """Le document qu'un fichier de modèle produit, d'après son nom (`reglement.docx`)."""
    return chemin.stem if chemin.stem in DOCUMENTS and chemin.suffix in (".docx", ".md") else None
