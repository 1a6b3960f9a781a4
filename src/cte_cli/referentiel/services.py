"""Services de l'État chargés de l'emploi et titres des préfets, par région ou collectivité
(``data/services-etat.yaml``, source et date de vérification dans l'en-tête) : DREETS et DDETS en
métropole, DEETS outre-mer (une direction pour les compétences régionales et départementales),
direction générale de la cohésion et des populations en Guyane, DCSTEP à Saint-Pierre-et-Miquelon.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

FICHIER = Path(__file__).resolve().parent / "data" / "services-etat.yaml"


@dataclass(frozen=True, slots=True)
class ServiceEmploi:
    service: str
    sigle: str
    directeur: str
    #: directeur du service au niveau départemental (outre-mer : le même service)
    directeur_departemental: str
    #: qui représente France Travail au comité départemental (R. 5311-23 7° ; outre-mer R. 5523-15-3 3°)
    france_travail_cde: str
    prefet: str | None = None

    @property
    def outre_mer(self) -> bool:
        return self.sigle != "DREETS"


@cache
def _table() -> dict[str, dict[str, str]]:
    from cte_cli.loading.parser import analyser

    return {str(k): dict(v) for k, v in (analyser(FICHIER.read_text(encoding="utf-8")) or {}).items()}


def service_emploi(region: str) -> ServiceEmploi:
    """Le service de l'État chargé de l'emploi dans la région (ou la collectivité 975, 977, 978)."""
    table = _table()
    defaut = table["defaut"]
    propre = table.get(region, {})
    valeurs = {**defaut, **propre}
    if propre:  # outre-mer : un seul service pour les compétences régionales et départementales
        valeurs.setdefault("directeur_departemental", propre["directeur"])
        valeurs["directeur_departemental"] = propre.get("directeur_departemental", propre["directeur"])
        valeurs["france_travail_cde"] = propre.get("france_travail_cde", "Directeur régional de France Travail")
    return ServiceEmploi(
        service=valeurs["service"], sigle=valeurs["sigle"], directeur=valeurs["directeur"],
        directeur_departemental=valeurs["directeur_departemental"],
        france_travail_cde=valeurs["france_travail_cde"], prefet=valeurs.get("prefet"),
    )
