"""Suivi des feuilles de route : fiches action, indicateurs, avancement, retards, consolidés du
local au départemental puis au régional (instruction DGEFP/DAT/2024/92 : « une logique
ascendante du local vers le national » ; « Vous assurerez un suivi du déploiement des feuilles
de route locales »).

- avancement d'un indicateur : (valeur actuelle − valeur initiale) / (cible − valeur initiale),
  non calculé s'il manque une des trois valeurs ou si la cible égale la valeur initiale ;
  non borné (au-delà de 100 % : cible dépassée ; négatif : recul) ;
- avancement d'une fiche : moyenne de ceux de ses indicateurs ;
- fiche en retard : `echeance` antérieure à la date de suivi et statut ni `realisee` ni
  `abandonnee` ;
- feuilles retenues pour un comité : celles dont la période contient la date de suivi, à
  défaut la plus récente.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cte_cli.erreurs import CteErreur

#: ordre ascendant de consolidation
ORDRE_ASCENDANT = {"local": 0, "departemental": 1, "territorial": 2, "territorial_unique": 2, "regional": 3}
STATUTS = {"a_lancer": "à lancer", "en_cours": "en cours", "realisee": "réalisée", "abandonnee": "abandonnée"}
TERMINES = ("realisee", "abandonnee")


@dataclass
class LigneIndicateur:
    nom: str
    unite: str | None
    initiale: float | None
    cible: float | None
    actuelle: float | None
    source: str | None
    niveau_axe: bool = False

    @property
    def avancement(self) -> float | None:
        """(actuelle − initiale) / (cible − initiale), ou None si incalculable."""
        initiale, cible, actuelle = self.initiale, self.cible, self.actuelle
        if initiale is None or cible is None or actuelle is None or cible == initiale:
            return None
        return (actuelle - initiale) / (cible - initiale)

    @property
    def motif(self) -> str:
        manquants = [n for n, v in (("valeur initiale", self.initiale), ("cible", self.cible),
                                    ("valeur actuelle", self.actuelle)) if v is None]
        if manquants:
            return "manque : " + ", ".join(manquants)
        return "cible égale à la valeur initiale" if self.cible == self.initiale else ""


@dataclass
class ComiteSuivi:
    id: str
    nom: str
    niveau: str
    region: str
    departements: tuple[str, ...]


@dataclass
class LigneFiche:
    comite: ComiteSuivi
    periode: str
    axe_id: str
    axe_titre: str
    id: str
    titre: str
    statut: str | None
    pilote: str
    echeance: date | None
    en_retard: bool
    indicateurs: list[LigneIndicateur] = field(default_factory=list)

    @property
    def avancement(self) -> float | None:
        valeurs = [i.avancement for i in self.indicateurs if i.avancement is not None]
        return sum(valeurs) / len(valeurs) if valeurs else None

    @property
    def statut_libelle(self) -> str:
        return STATUTS.get(self.statut or "", "non renseigné")


@dataclass
class Consolidation:
    """Une ligne de la synthèse : un comité, ou un ensemble (comités locaux d'un département,
    département, région)."""

    libelle: str
    niveau: str
    region: str
    departement: str
    est_ensemble: bool
    fiches: list[LigneFiche]

    def compte(self, statut: str | None) -> int:
        return sum(1 for f in self.fiches if f.statut == statut)

    @property
    def en_retard(self) -> int:
        return sum(1 for f in self.fiches if f.en_retard)

    @property
    def avancement(self) -> float | None:
        valeurs = [f.avancement for f in self.fiches if f.avancement is not None]
        return sum(valeurs) / len(valeurs) if valeurs else None


@dataclass
class Suivi:
    date_suivi: date
    perimetre: str
    chemins: list[str]
    fichiers_lus: int
    ignores: list[tuple[str, list[str]]]
    fiches: list[LigneFiche] = field(default_factory=list)
    consolidations: list[Consolidation] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)
    axes_indicateurs: list[tuple[ComiteSuivi, str, str, LigneIndicateur]] = field(default_factory=list)


def en_retard(fiche: Any, date_suivi: date) -> bool:
    return fiche.echeance is not None and fiche.echeance < date_suivi and fiche.statut not in TERMINES


def retenues(feuilles: list[Any], date_suivi: date) -> list[Any]:
    """Les feuilles de route en vigueur à la date, à défaut la plus récente."""
    en_vigueur = [f for f in feuilles if f.periode.debut <= date_suivi <= f.periode.fin]
    if en_vigueur or not feuilles:
        return en_vigueur
    return [max(feuilles, key=lambda f: f.periode.debut)]


def _indicateur(i: Any, niveau_axe: bool = False) -> LigneIndicateur:
    return LigneIndicateur(i.nom, i.unite, i.valeur_initiale, i.cible, i.valeur_actuelle, i.source, niveau_axe)


def _selection(comites: list[Any], region: str | None, departement: str | None, comite: str | None) -> tuple[list[Any], str]:
    if sum(x is not None for x in (region, departement, comite)) > 1:
        raise CteErreur("indiquez au plus une option parmi --region, --departement et --comite")
    if comite is not None:
        choisis = [c for c in comites if c.id == comite]
        if not choisis:
            from cte_cli.suggestions import suggestion

            raise CteErreur(f"comité « {comite} » absent du dépôt" + suggestion(comite, [c.id for c in comites]))
        return choisis, f"Comité {comite}"
    if region is not None:
        choisis = [c for c in comites if c.region == region]
        if not choisis:
            raise CteErreur(f"aucun comité de la région « {region} » dans le dépôt")
        return choisis, f"Région {region}"
    if departement is not None:
        choisis = [c for c in comites if departement in (c.departements or ())]
        if not choisis:
            raise CteErreur(f"aucun comité du département « {departement} » dans le dépôt")
        return choisis, f"Département {departement}"
    return comites, "Tout le dépôt"


def construire(chemins: Sequence[str | os.PathLike], region: str | None = None, departement: str | None = None,
               comite: str | None = None, date_suivi: date | None = None) -> Suivi:
    """Le suivi des fiches action des comités retenus, dans l'ordre ascendant."""
    from cte_cli.cartographie import charger_depot

    date_suivi = date_suivi or date.today()
    depot, ignores = charger_depot(chemins)
    valides = depot.valides()
    modeles = [d.modele for d in valides if d.type == "comite"]
    feuilles: dict[str, list[Any]] = defaultdict(list)
    for doc in valides:
        if doc.type == "feuille_de_route":
            feuilles[doc.modele.comite].append(doc.modele)
    choisis, perimetre = _selection(modeles, region, departement, comite)
    suivi = Suivi(date_suivi, perimetre, [os.fspath(c) for c in chemins], depot.fichiers, ignores)
    if ignores:
        suivi.remarques.append(
            f"{len(ignores)} fichier(s) écarté(s) pour erreurs de structure (voir « cte validate ») : "
            + ", ".join(f for f, _ in ignores))
    connus = {c.id for c in modeles}
    orphelines = sorted(k for k in feuilles if k not in connus)
    if orphelines and comite is None and region is None and departement is None:
        suivi.remarques.append("feuilles de route d'un comité absent du dépôt, non reprises : " + ", ".join(orphelines))
    ordre = sorted(choisis, key=lambda c: (c.region, (c.departements or ["~"])[0],
                                           ORDRE_ASCENDANT.get(c.niveau, 9), c.nom))
    for modele in ordre:
        info = ComiteSuivi(modele.id, modele.nom, modele.niveau, modele.region, tuple(modele.departements or ()))
        for fdr in retenues(feuilles.get(modele.id, []), date_suivi):
            _ajouter_feuille(suivi, info, fdr)
    suivi.consolidations = consolider(suivi.fiches, [ComiteSuivi(c.id, c.nom, c.niveau, c.region,
                                                            tuple(c.departements or ())) for c in ordre])
    if not suivi.fiches:
        suivi.remarques.append(f"aucune fiche action dans les feuilles de route retenues ({perimetre})")
    return suivi


def _ajouter_feuille(suivi: Suivi, comite: ComiteSuivi, fdr: Any) -> None:
    periode = f"{fdr.periode.debut:%d/%m/%Y} – {fdr.periode.fin:%d/%m/%Y}"
    for axe in fdr.axes:
        for i in getattr(axe, "indicateurs", []) or []:
            suivi.axes_indicateurs.append((comite, axe.id, axe.titre, _indicateur(i, True)))
        for fiche in axe.fiches_action:
            suivi.fiches.append(LigneFiche(
                comite, periode, axe.id, axe.titre, fiche.id, fiche.titre, fiche.statut, fiche.pilote,
                fiche.echeance, en_retard(fiche, suivi.date_suivi),
                [_indicateur(i) for i in fiche.indicateurs],
            ))


def consolider(fiches: list[LigneFiche], comites: list[ComiteSuivi]) -> list[Consolidation]:
    """Du bas vers le haut : pour chaque département, ses comités locaux puis leur ensemble,
    son comité départemental, puis l'ensemble du département ; enfin le comité régional et
    l'ensemble de la région."""
    par_comite: dict[str, list[LigneFiche]] = defaultdict(list)
    for f in fiches:
        par_comite[f.comite.id].append(f)
    lignes: list[Consolidation] = []
    regions = sorted({c.region for c in comites})
    for region in regions:
        du_r = [c for c in comites if c.region == region]
        infra = [c for c in du_r if c.niveau in ("local", "departemental")]
        for dep in sorted({c.departements[0] for c in infra if c.departements}):
            locaux = [c for c in infra if c.niveau == "local" and c.departements[:1] == (dep,)]
            deps = [c for c in infra if c.niveau == "departemental" and c.departements[:1] == (dep,)]
            lignes += [_ligne_comite(c, par_comite) for c in locaux]
            if len(locaux) > 1:
                lignes.append(Consolidation(f"Ensemble des comités locaux — {dep}", "local", region, dep, True,
                                            [f for c in locaux for f in par_comite[c.id]]))
            lignes += [_ligne_comite(c, par_comite) for c in deps]
            if locaux and deps:
                lignes.append(Consolidation(f"Ensemble du département {dep} (local et départemental)",
                                            "departemental", region, dep, True,
                                            [f for c in locaux + deps for f in par_comite[c.id]]))
        hauts = [c for c in du_r if c.niveau not in ("local", "departemental")]
        lignes += [_ligne_comite(c, par_comite) for c in hauts]
        if hauts and len(du_r) > 1:
            lignes.append(Consolidation(f"Ensemble de la région {region}", "regional", region, "", True,
                                        [f for c in du_r for f in par_comite[c.id]]))
    return lignes


def _ligne_comite(c: ComiteSuivi, par_comite: dict[str, list[LigneFiche]]) -> Consolidation:
    return Consolidation(c.nom, c.niveau, c.region, c.departements[0] if c.departements else "", False,
                         par_comite.get(c.id, []))


def tableau_terminal(suivi: Suivi):
    """Tableaux rich : les fiches par comité (ordre ascendant, retards en rouge), puis la
    consolidation du local au régional."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    court = {"no_wrap": True, "overflow": "ellipsis"}
    table = Table(title=f"Suivi des fiches action — {suivi.perimetre} — au {suivi.date_suivi:%d/%m/%Y}",
                  title_justify="left")
    for titre, options in (
        ("Comité", {**court, "max_width": 22}), ("Axe", {**court, "max_width": 10}),
        ("Fiche", {"min_width": 20, "max_width": 50}), ("Statut", {"no_wrap": True, "min_width": 10}),
        ("Pilote", {"min_width": 12, "max_width": 24}), ("Échéance", {"no_wrap": True, "min_width": 10}),
        ("Retard", {"no_wrap": True, "min_width": 6}), ("Avanc.", {"justify": "right", "no_wrap": True, "min_width": 6}),
    ):
        table.add_column(titre, **options)
    courant = None
    for f in suivi.fiches:
        nouveau = f.comite.id != courant
        if nouveau and courant is not None:
            table.add_section()
        courant = f.comite.id
        table.add_row(
            f.comite.id if nouveau else "", f.axe_id, f"{f.id} {f.titre}", f.statut_libelle, f.pilote,
            f"{f.echeance:%d/%m/%Y}" if f.echeance else "—", "oui" if f.en_retard else "",
            _pourcent(f.avancement), style="bold red" if f.en_retard else None,
        )
    conso = Table(title="Consolidation ascendante", title_justify="left")
    for titre in ("Comité ou ensemble", "Fiches", "En cours", "Réalisées", "En retard", "Avanc."):
        if titre.startswith("Comité"):
            conso.add_column(titre, overflow="ellipsis", no_wrap=True, min_width=20)
        else:
            conso.add_column(titre, justify="right", no_wrap=True, min_width=len(titre))
    sans = 0
    for c in suivi.consolidations:
        if not c.fiches:
            sans += not c.est_ensemble
            continue
        conso.add_row(c.libelle, str(len(c.fiches)), str(c.compte("en_cours")), str(c.compte("realisee")),
                      str(c.en_retard), _pourcent(c.avancement),
                      style=("bold" if c.est_ensemble else None) if not c.en_retard else "red")
    retards = sum(1 for f in suivi.fiches if f.en_retard)
    resume = Text(f"{len(suivi.fiches)} fiches action, {retards} en retard au {suivi.date_suivi:%d/%m/%Y} ; "
                  f"{sans} comité(s) sans fiche action (feuille de route absente ou vide).")
    return Group(table, conso, resume)


def _pourcent(valeur: float | None) -> str:
    return "—" if valeur is None else f"{valeur * 100:.0f} %"
