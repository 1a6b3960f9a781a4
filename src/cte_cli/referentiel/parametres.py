"""Jeux de paramètres datés et sourcés : audiences de R. 5311-38 3° et 4° (FORMAT §1).

`cte` embarque un jeu par défaut (``data/parametres-defaut.yaml``), lu avec l'analyseur de
`cte` une seule fois par processus. Un dépôt peut le remplacer par ses propres documents
``type: parametres`` : parmi ceux dont ``valable_du`` est antérieure ou égale à la date de
contrôle, celui dont ``valable_du`` est la plus récente l'emporte ; sans document du dépôt en
vigueur, le jeu par défaut s'applique. Le jeu retenu dit toujours d'où il vient
(:meth:`JeuParametres.libelle`), pour que chaque constat sur les voix le cite.

Les organisations sont reconnues par leur sigle ou leur nom exact (« FO », « Force ouvrière »,
« UD CGT-FO de l'Yonne » désignent CGT-FO ; jamais par un morceau de nom) : voir
:func:`cle_organisation` et `cte_cli.droit.organisations`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document

FICHIER_DEFAUT = Path(__file__).resolve().parent / "data" / "parametres-defaut.yaml"
ORIGINE_DEFAUT = "paramètres par défaut de cte"


@dataclass(frozen=True)
class JeuParametres:
    """Un jeu de paramètres en vigueur, avec sa provenance."""

    id: str
    valable_du: date
    verifie_le: date
    source: str
    syndicats_salaries: Mapping[str, float]
    #: organisation -> (entreprises adhérentes, salariés de ces entreprises)
    organisations_employeurs: Mapping[str, tuple[int, int]]
    notes: str | None = None
    #: fichier du dépôt, ou None pour le jeu par défaut
    fichier: str | None = None
    document: Document | None = None
    #: jeu utilisé avant sa date `valable_du`, faute de jeu plus ancien
    anticipe: bool = False

    @property
    def par_defaut(self) -> bool:
        return self.fichier is None

    @property
    def origine(self) -> str:
        return ORIGINE_DEFAUT if self.fichier is None else self.fichier

    def libelle(self) -> str:
        """« cte-audiences-2025 » (paramètres par défaut de cte), pour les messages."""
        texte = f"« {self.id} » ({self.origine}"
        if self.anticipe:
            texte += f", valable seulement à partir du {self.valable_du:%d/%m/%Y}"
        return texte + ")"

    def poids_syndicats(self) -> dict[str, Fraction]:
        """Poids des syndicats (R. 5311-38 3°), en fractions exactes (pas d'égalité flottante)."""
        return {org: Fraction(str(poids)) for org, poids in self.syndicats_salaries.items()}

    def poids_employeurs(self, part_entreprises: Fraction, part_salaries: Fraction) -> dict[str, Fraction]:
        """Poids des organisations d'employeurs (R. 5311-38 4°) : `part_entreprises` (30 %) de
        leur part des entreprises adhérentes et `part_salaries` (70 %) de leur part des salariés
        (paramètres `voix.part_entreprises` et `voix.part_salaries`), parts nationales calculées
        sur toutes les organisations du jeu."""
        entreprises = sum(e for e, _ in self.organisations_employeurs.values())
        salaries = sum(s for _, s in self.organisations_employeurs.values())
        poids = {}
        for org, (e, s) in self.organisations_employeurs.items():
            part_e = Fraction(e, entreprises) if entreprises else Fraction(0)
            part_s = Fraction(s, salaries) if salaries else Fraction(0)
            poids[org] = part_entreprises * part_e + part_salaries * part_s
        return poids


def depuis_modele(modele: Any, document: Document | None = None, fichier: str | None = None) -> JeuParametres:
    """Un :class:`JeuParametres` à partir d'un modèle `Parametres` validé."""
    return JeuParametres(
        id=modele.id,
        valable_du=modele.valable_du,
        verifie_le=modele.verifie_le,
        source=" ".join(modele.source.split()),
        syndicats_salaries=dict(modele.syndicats_salaries),
        organisations_employeurs={
            org: (a.entreprises, a.salaries) for org, a in modele.organisations_employeurs.items()
        },
        notes=modele.notes,
        fichier=fichier,
        document=document,
    )


@cache
def parametres_defaut() -> JeuParametres:
    """Le jeu embarqué, lu et validé une fois par processus."""
    from cte_cli.erreurs import CteErreur
    from cte_cli.loading.depot import Document
    from cte_cli.loading.parser import ErreurAnalyse, analyser
    from cte_cli.model.parametres import Parametres

    try:
        texte = FICHIER_DEFAUT.read_text(encoding="utf-8")
        donnees = analyser(texte)
        modele = Parametres.model_validate(donnees)
    except (OSError, ErreurAnalyse, ValueError) as exc:
        raise CteErreur(f"paramètres par défaut illisibles ({type(exc).__name__}) : réinstallez cte",
                        fichier=str(FICHIER_DEFAUT)) from None
    document = Document(str(FICHIER_DEFAUT), texte, donnees, "parametres", modele)
    return depuis_modele(modele, document)


def parametres_en_vigueur(documents: Iterable[Document], date_controle: date) -> JeuParametres:
    """Le jeu qui s'applique à `date_controle` : le document `parametres` du dépôt dont
    `valable_du` est la plus récente date <= date_controle ; à défaut, le jeu par défaut
    (marqué `anticipe` s'il n'est valable qu'après cette date)."""
    candidats = [
        d for d in documents
        if d.type == "parametres" and d.modele is not None and d.modele.valable_du <= date_controle
    ]
    if candidats:
        choisi = max(candidats, key=lambda d: (d.modele.valable_du, d.fichier))
        return depuis_modele(choisi.modele, choisi, choisi.fichier)
    defaut = parametres_defaut()
    if defaut.valable_du > date_controle:
        from dataclasses import replace

        return replace(defaut, anticipe=True)
    return defaut


# --- reconnaissance des organisations -----------------------------------------------------


def cle_organisation(nom: str | None, cles: Iterable[str], sigle: str | None = None) -> str | None:
    """La clé des paramètres que désigne l'organisation d'un membre (`sigle`, à défaut `nom`).

    L'organisation est identifiée exactement (`cte_cli.droit.organisations`) puis rapprochée des
    clés du jeu de paramètres, elles-mêmes identifiées (« FO » et « CGT-FO » désignent la même
    organisation) ; None si elle n'est pas reconnue ou ne figure pas parmi les clés."""
    from cte_cli.droit.organisations import identifier

    cles = tuple(cles)
    trouve = identifier(nom, sigle, cles)
    if trouve is None:
        return None
    return _cles_par_sigle(cles).get(trouve)


@functools.lru_cache(maxsize=256)
def _cles_par_sigle(cles: tuple[str, ...]) -> dict[str, str]:
    from cte_cli.droit.organisations import identifier

    resultat: dict[str, str] = {}
    for cle in cles:
        resultat.setdefault(identifier(None, cle) or cle, cle)
        resultat.setdefault(cle, cle)
    return resultat


__all__ = [
    "FICHIER_DEFAUT",
    "ORIGINE_DEFAUT",
    "JeuParametres",
    "cle_organisation",
    "parametres_defaut",
    "parametres_en_vigueur",
]
