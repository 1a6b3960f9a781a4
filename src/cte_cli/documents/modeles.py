"""Où trouver les modèles : le dossier `modeles/` du dépôt de configuration, sinon les modèles
livrés avec cte (`cte_cli/templates/`). Même nom de fichier pour surcharger un modèle."""

from __future__ import annotations

from pathlib import Path

from cte_cli.documents.registre import DOCUMENTS as REGISTRE

#: documents produits par `cte generate` : nom de leur modèle (sans extension) -> ce qu'ils sont
#: (le registre des documents, `documents.registre`)
DOCUMENTS = {d.nom: d.titre for d in REGISTRE}
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
            _dans_le_depot(personnalise, racine_depot(depot))
            return personnalise, True
    return dossier_defaut() / fichier, False


def _dans_le_depot(modele: Path, racine: Path) -> None:
    """Refuse un modèle qui est un lien symbolique vers un fichier hors du dépôt : sinon un
    dépôt piégé (`modeles/reglement.md -> ~/.ssh/id_rsa`) recopierait ce fichier dans le
    document produit (docs/securite.md)."""
    from cte_cli.erreurs import CteErreur

    base = racine.resolve()
    if base not in modele.resolve().parents:
        raise CteErreur(f"modèle refusé : {modele} est un lien vers un fichier hors du dépôt ; "
                        "un modèle doit être un fichier du dépôt")


def type_de_modele(chemin: Path) -> str | None:
    """Le document qu'un fichier de modèle produit, d'après son nom (`reglement.docx`)."""
    return chemin.stem if chemin.stem in DOCUMENTS and chemin.suffix in (".docx", ".md") else None
