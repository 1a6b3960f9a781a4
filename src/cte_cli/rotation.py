"""Rotation des sièges des départements au CREFOP : planifier et vérifier (R. 6123-3-3 2° bis,
R. 6123-3-6).

Deux instances, deux compositions : le comité régional pour l'emploi institué au sein du CREFOP
compte des représentants de **tous** les départements de la région, nommés pour trois ans
(R. 5311-17 3°, R. 5311-36) ; le CREFOP lui-même compte au plus six représentants des
départements (R. 6123-3-3 2° bis). Quand la région a plus de six départements, ces sièges du
CREFOP sont pourvus pour des périodes d'au moins un an qui assurent la représentation de
**chaque** département sur les trois ans du mandat (R. 6123-3-6) ; l'instruction DGEFP/DAT/2024/92
(fiche 1, § 1.2) demande de fixer cette règle de rotation dans le règlement intérieur du CREFOP.
Le bloc `rotation` d'un comité régional décrit ces sièges du CREFOP, pas les membres du comité.
Le nombre de sièges, la durée du mandat et la durée minimale d'une période sont des paramètres
datés (`crefop.*`), lus au premier jour du mandat.

- :func:`planifier` propose une rotation équilibrée, ou lève :class:`RotationImpossible` en
  disant pourquoi ;
- :func:`verifier` contrôle une rotation (celle d'un fichier ou celle d'un plan) et renvoie des
  :class:`Anomalie`, chacune rattachée à l'identifiant de la règle qui la signale
  (`cte_cli.rules.crefop`).

Conventions de dates (`cte_cli.droit.dates`) : `fin` est le **dernier jour inclus** ; une période
d'un an qui commence le 1er juillet 2025 finit le 30 juin 2026, et la suivante commence le
lendemain. Le mandat dure trois ans : du 1er juillet 2025 au 30 juin 2028.

Module pur : ni impression, ni pydantic.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING, Any

from cte_cli.droit.dates import ans_en_mois, debut_suivant, fin_de_periode
from cte_cli.erreurs import CteErreur

if TYPE_CHECKING:
    from cte_cli.referentiel.parametres_legaux import Droit

__all__ = [
    "ARTICLE_ROTATION",
    "ARTICLE_SIEGES",
    "Anomalie",
    "Intervalle",
    "PeriodePlan",
    "Plan",
    "RotationImpossible",
    "Reglage",
    "configurations_equilibrees",
    "ecrire",
    "en_yaml",
    "periode_a",
    "planifier",
    "reglage",
    "verifier",
]

ARTICLE_SIEGES = "R. 6123-3-3"
ARTICLE_ROTATION = "R. 6123-3-6"

#: identifiants des règles (cte_cli.rules.crefop) auxquelles se rattachent les anomalies
REGLE_SIEGES = "crefop-sieges-departements"
REGLE_PERIODES = "crefop-rotation-periodes"
REGLE_MANDAT = "crefop-rotation-mandat"
REGLE_DEPARTEMENTS = "crefop-rotation-departements"


class RotationImpossible(CteErreur):
    """Aucune rotation ne peut satisfaire R. 6123-3-6 avec ces paramètres."""


@dataclass(frozen=True, slots=True)
class Reglage:
    """Les chiffres du droit pour une rotation, lus au premier jour du mandat (`crefop.*`)."""

    sieges_max: int
    mandat_ans: int
    periode_min_mois: int
    seuil: int

    @property
    def mandat_mois(self) -> int:
        return ans_en_mois(self.mandat_ans)


def reglage(droit: Droit) -> Reglage:
    """Les paramètres `crefop.sieges_departements_max`, `crefop.mandat_ans`,
    `crefop.periode_min_mois` et `crefop.seuil_rotation` au jour de `droit`."""
    valeurs = [droit(n) for n in ("crefop.sieges_departements_max", "crefop.mandat_ans",
                                  "crefop.periode_min_mois", "crefop.seuil_rotation")]
    if any(v is None for v in valeurs):
        raise RotationImpossible(f"au {droit.jour:%d/%m/%Y}, R. 6123-3-3 2° bis et R. 6123-3-6 ne sont pas en vigueur")
    return Reglage(*valeurs)


def _reglage_du(jour: date) -> Reglage:
    from cte_cli.referentiel.parametres_legaux import Droit

    return reglage(Droit(jour))


def _fr(jour: date) -> str:
    return jour.strftime("%d/%m/%Y")


# --- plan ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Intervalle:
    debut: date
    fin: date


@dataclass(frozen=True, slots=True)
class PeriodePlan:
    debut: date
    fin: date
    departements: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Une rotation proposée ; mêmes attributs que le bloc `rotation` d'un comité."""

    mandat: Intervalle
    sieges: int
    periodes: tuple[PeriodePlan, ...]
    prioritaires: tuple[str, ...] = field(default=())
    """Départements qui reçoivent un siège de plus que les autres, dans l'ordre de priorité."""

    @property
    def places(self) -> int:
        """Sièges × périodes : le nombre de places à répartir."""
        return self.sieges * len(self.periodes)

    def repartition(self) -> dict[str, int]:
        """Nombre de périodes où siège chaque département."""
        return dict(sorted(Counter(d for p in self.periodes for d in p.departements).items()))

    def jours_de_siege(self) -> dict[str, int]:
        """Nombre de jours où siège chaque département sur le mandat."""
        jours: dict[str, int] = {}
        for p in self.periodes:
            for d in p.departements:
                jours[d] = jours.get(d, 0) + (p.fin - p.debut).days + 1
        return dict(sorted(jours.items()))

    @property
    def equilibre(self) -> bool:
        """Chaque département siège le même nombre de périodes (donc le même temps)."""
        return len(set(self.repartition().values())) <= 1

    def consecutifs(self) -> int:
        """Nombre de fois où un département siège deux périodes de suite."""
        return sum(
            len(set(a.departements) & set(b.departements))
            for a, b in zip(self.periodes, self.periodes[1:], strict=False)
        )


def en_yaml(plan: Plan) -> str:
    """Le bloc `rotation:` en YAML (style en ligne pour le mandat et chaque période)."""
    lignes = [
        "rotation:",
        f"  mandat: {{debut: {plan.mandat.debut.isoformat()}, fin: {plan.mandat.fin.isoformat()}}}",
        f"  sieges: {plan.sieges}",
        "  periodes:",
    ]
    for p in plan.periodes:
        codes = ", ".join(f'"{c}"' for c in p.departements)
        lignes.append(f"    - {{debut: {p.debut.isoformat()}, fin: {p.fin.isoformat()}, departements: [{codes}]}}")
    return "\n".join(lignes) + "\n"


def ecrire(plan: Plan, fichier: str | os.PathLike, *, force: bool = False, attendu: str | None = None) -> list:
    """Écrit le bloc `rotation` du plan dans le fichier du comité, en gardant commentaires et
    mise en page (ruamel.yaml, `cte_cli.yaml_edition`). Une rotation différente déjà présente
    n'est remplacée qu'avec `force`. Renvoie les modifications (vide si rien ne change).
    `attendu` : le texte d'où vient le plan (modification concurrente, docs/securite.md)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from cte_cli.yaml_edition import ABSENT, EditionYaml, seulement

    def en_ligne(valeur):
        valeur.fa.set_flow_style()
        return valeur

    def jour(d: date) -> date:  # un objet par date : ruamel mettrait une ancre (&id001) sur un objet partagé
        return date.fromordinal(d.toordinal())

    edition = EditionYaml.ouvrir(fichier, attendu=attendu,
                                 depend_de=seulement("niveau", "region", "forme", "rotation"))
    bloc = CommentedMap()
    bloc["mandat"] = en_ligne(CommentedMap(debut=jour(plan.mandat.debut), fin=jour(plan.mandat.fin)))
    bloc["sieges"] = plan.sieges
    bloc["periodes"] = CommentedSeq()
    for p in plan.periodes:
        codes = en_ligne(CommentedSeq(DoubleQuotedScalarString(c) for c in p.departements))
        bloc["periodes"].append(en_ligne(CommentedMap(debut=jour(p.debut), fin=jour(p.fin), departements=codes)))
    existant = edition.lire(("rotation",), None)
    if existant not in (None, ABSENT) and existant != bloc and not force:
        raise CteErreur(
            "le comité a déjà une rotation différente ; relancez avec --force pour la remplacer",
            fichier=str(fichier),
        )
    edition.definir(("rotation",), bloc, apres=("commissions", "invites", "membres"))
    edition.enregistrer()
    return edition.modifications


def configurations_equilibrees(nombre: int, r: Reglage) -> list[tuple[int, int]]:
    """(sièges, périodes) qui font siéger chacun des `nombre` départements le même temps : les
    places (sièges × périodes) sont un multiple du nombre de départements."""
    resultat = []
    for periodes in _periodes_possibles(r):
        for sieges in range(1, r.sieges_max + 1):
            places = sieges * periodes
            if places >= nombre and places % nombre == 0:
                resultat.append((sieges, periodes))
    return resultat


def _periodes_possibles(r: Reglage) -> list[int]:
    """Nombres de périodes égales d'au moins `periode_min_mois` qui remplissent le mandat (une
    rotation en a au moins deux)."""
    au_moins = 2  # pas un chiffre du droit : une rotation, ce sont au moins deux périodes
    return [n for n in range(au_moins, r.mandat_mois // r.periode_min_mois + 1) if r.mandat_mois % n == 0]


def planifier(
    departements: Sequence[str],
    debut: date,
    sieges: int | None = None,
    periodes: int | None = None,
    priorite: Sequence[str] = (),
    r: Reglage | None = None,
) -> Plan:
    """Propose une rotation équilibrée des `departements` sur un mandat de trois ans.

    Critère d'équilibre : toutes les places (`sieges` × `periodes`) sont pourvues et chaque
    département siège aussi souvent que possible, à une période près (13 départements, 6
    sièges, 3 périodes : 18 places, 5 départements deux fois et 8 une fois). Les places en plus
    vont d'abord aux départements de `priorite`, dans cet ordre (par défaut, la commande les
    range par population décroissante : la « représentation différenciée » de l'instruction),
    puis par code. Parmi les répartitions possibles, on retient celle où un département siège
    le moins souvent deux périodes de suite (les sièges de chacun sont espacés, les
    départements qui arrivent se répartissent sur les périodes). Les périodes ont la même
    durée : 12 mois pour 3 périodes, 18 mois pour 2. Les chiffres du droit (`r`) sont lus au
    premier jour du mandat.
    """
    r = r or _reglage_du(debut)
    sieges = r.sieges_max if sieges is None else sieges
    periodes = max(_periodes_possibles(r)) if periodes is None else periodes
    codes = sorted(dict.fromkeys(departements))
    _controler_parametres(len(codes), sieges, periodes, r)
    places = sieges * periodes
    base, reste = divmod(places, len(codes))
    ordre = [c for c in dict.fromkeys(priorite) if c in codes]
    ordre += [c for c in codes if c not in ordre]
    prioritaires = tuple(ordre[:reste])
    nombres = {c: base + (1 if c in prioritaires else 0) for c in codes}
    affectation = _affecter(nombres, sieges, periodes)
    mois = r.mandat_mois // periodes
    debuts = [debut] + [debut_suivant(debut, mois * k) for k in range(1, periodes)]
    fin_mandat = fin_de_periode(debut, r.mandat_mois)
    fins = [d - timedelta(days=1) for d in debuts[1:]] + [fin_mandat]
    return Plan(
        mandat=Intervalle(debut, fin_mandat),
        sieges=sieges,
        periodes=tuple(
            PeriodePlan(d, f, tuple(sorted(affectation[k]))) for k, (d, f) in enumerate(zip(debuts, fins, strict=True))
        ),
        prioritaires=prioritaires,
    )


def _controler_parametres(nombre: int, sieges: int, periodes: int, r: Reglage) -> None:
    possibles = _periodes_possibles(r)
    if not 1 <= sieges <= r.sieges_max:
        raise RotationImpossible(
            f"{sieges} sièges : le nombre de représentants des départements au CREFOP est compris entre 1 "
            f"et {r.sieges_max} ({ARTICLE_SIEGES} 2° bis)"
        )
    if periodes not in possibles:
        raise RotationImpossible(
            f"{periodes} périodes : chaque période dure au moins {r.periode_min_mois} mois sur un mandat de "
            f"{r.mandat_ans} ans ({ARTICLE_ROTATION}) ; une rotation en périodes égales en compte "
            + " ou ".join(str(n) for n in possibles)
        )
    if nombre <= r.seuil:
        raise RotationImpossible(
            f"la région compte {nombre} départements : pas de rotation ({ARTICLE_ROTATION} ne "
            f"déroge qu'au-delà de {r.seuil} départements) ; chaque département a un représentant nommé "
            f"pour {r.mandat_ans} ans"
        )
    if nombre > sieges * periodes:
        minimum = -(-nombre // periodes)
        raise RotationImpossible(
            f"aucune rotation possible : {nombre} départements pour {sieges} sièges × {periodes} "
            f"périodes = {sieges * periodes} places ; chaque département doit siéger au moins une "
            f"fois sur les {r.mandat_ans} ans ({ARTICLE_ROTATION}) : il faut au moins {minimum} sièges"
            + (f" (au plus {r.sieges_max}, {ARTICLE_SIEGES} 2° bis)" if minimum <= r.sieges_max else "")
            + ("" if periodes == max(possibles) else f", ou {max(possibles)} périodes")
        )


def _affecter(nombres: Mapping[str, int], sieges: int, periodes: int) -> list[list[str]]:
    """Répartit les départements dans les périodes : chaque période a exactement `sieges`
    départements, chaque département siège `nombres[d]` périodes distinctes, et le nombre de
    périodes consécutives est minimal (programmation dynamique, optimale)."""
    classes: dict[int, list[str]] = {}
    for code, n in nombres.items():
        classes.setdefault(n, []).append(code)
    ordre_classes = sorted(classes, reverse=True)
    effectifs = tuple(len(classes[n]) for n in ordre_classes)
    solution = _meilleure(tuple(ordre_classes), effectifs, (sieges,) * periodes)
    if solution is None:  # impossible si les paramètres ont été contrôlés ; garde-fou
        raise RotationImpossible("aucune répartition ne remplit chaque période sans dépasser les sièges")
    affectation: list[list[str]] = [[] for _ in range(periodes)]
    for n, repartition in zip(ordre_classes, solution[1], strict=True):
        restants = iter(classes[n])
        for sous_ensemble, combien in repartition:
            for _ in range(combien):
                code = next(restants)
                for k in sous_ensemble:
                    affectation[k].append(code)
    return affectation


@cache
def _meilleure(
    classes: tuple[int, ...], effectifs: tuple[int, ...], capacites: tuple[int, ...]
) -> tuple[int, tuple] | None:
    """(coût, répartition par classe) minimal pour remplir exactement `capacites`.

    Une classe regroupe les départements qui siègent `n` périodes ; sa répartition dit combien
    d'entre eux prennent chaque ensemble de `n` périodes. Coût : paires de périodes consécutives."""
    if not classes:
        return (0, ()) if not any(capacites) else None
    n, reste_classes = classes[0], classes[1:]
    sous_ensembles = list(combinations(range(len(capacites)), n))
    meilleur: tuple[int, tuple] | None = None
    for repartition in _compositions(effectifs[0], len(sous_ensembles)):
        caps = list(capacites)
        cout = 0
        for sous_ensemble, combien in zip(sous_ensembles, repartition, strict=True):
            for k in sous_ensemble:
                caps[k] -= combien
            cout += combien * sum(1 for a, b in zip(sous_ensemble, sous_ensemble[1:], strict=False) if b == a + 1)
        if min(caps) < 0:
            continue
        suite = _meilleure(reste_classes, effectifs[1:], tuple(caps))
        if suite is None:
            continue
        total = cout + suite[0]
        if meilleur is None or total < meilleur[0]:
            choix = tuple((s, c) for s, c in zip(sous_ensembles, repartition, strict=True) if c)
            meilleur = (total, (choix, *suite[1]))
    return meilleur


def _compositions(total: int, parts: int):
    """Toutes les façons d'écrire `total` comme somme ordonnée de `parts` entiers ≥ 0."""
    if parts == 1:
        yield (total,)
        return
    for premier in range(total, -1, -1):
        for reste in _compositions(total - premier, parts - 1):
            yield (premier, *reste)


# --- vérification ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anomalie:
    """Un manquement d'une rotation : règle, chemin du nœud dans le comité, message, chiffres."""

    regle: str
    chemin: tuple
    message: str
    chiffres: dict[str, Any] = field(default_factory=dict)
    article: str = ARTICLE_ROTATION


def periode_a(rotation: Any, jour: date) -> tuple[int, Any] | None:
    """(indice, période) de la rotation en cours le jour donné, ou None."""
    for i, periode in enumerate(rotation.periodes):
        if periode.debut <= jour <= periode.fin:
            return i, periode
    return None


def verifier(rotation: Any, departements_region: Sequence[str], noms: Mapping[str, str] | None = None,
             r: Reglage | None = None) -> list[Anomalie]:
    """Contrôle une rotation (bloc `rotation` d'un comité ou :class:`Plan`) au regard de
    R. 6123-3-3 2° bis et R. 6123-3-6 ; renvoie la liste des anomalies (vide si conforme).
    `departements_region` : les départements à représenter (selon la lecture retenue)."""
    noms = noms or {}
    r = r or _reglage_du(rotation.mandat.debut)
    return [
        *_verifier_sieges(rotation, r),
        *_verifier_periodes(rotation, r),
        *_verifier_mandat(rotation, r),
        *_verifier_departements(rotation, departements_region, noms, r),
    ]


def _verifier_sieges(rotation: Any, r: Reglage) -> list[Anomalie]:
    if rotation.sieges > r.sieges_max:
        return [Anomalie(
            REGLE_SIEGES, ("rotation", "sieges"),
            f"{rotation.sieges} sièges de représentants des départements au CREFOP, limite {r.sieges_max}",
            {"trouve": rotation.sieges, "limite": r.sieges_max}, ARTICLE_SIEGES,
        )]
    return []


def _verifier_periodes(rotation: Any, r: Reglage) -> list[Anomalie]:
    anomalies = []
    for i, p in enumerate(rotation.periodes):
        chemin = ("rotation", "periodes", i)
        minimum = fin_de_periode(p.debut, r.periode_min_mois)
        if p.fin < p.debut:
            anomalies.append(Anomalie(
                REGLE_PERIODES, chemin,
                f"période n° {i + 1} : la fin ({_fr(p.fin)}) précède le début ({_fr(p.debut)})",
                {"periode": i + 1},
            ))
        elif p.fin < minimum:
            jours = (p.fin - p.debut).days + 1
            anomalies.append(Anomalie(
                REGLE_PERIODES, chemin,
                f"période n° {i + 1} du {_fr(p.debut)} au {_fr(p.fin)} : {jours} jours ; les "
                f"représentants des départements sont nommés pour {r.periode_min_mois} mois au moins (fin le "
                f"{_fr(minimum)} au plus tôt)",
                {"periode": i + 1, "jours": jours, "fin_minimale": minimum.isoformat()},
            ))
        if len(set(p.departements)) > rotation.sieges:
            anomalies.append(Anomalie(
                REGLE_PERIODES, (*chemin, "departements"),
                f"période n° {i + 1} : {len(set(p.departements))} départements pour "
                f"{rotation.sieges} sièges (`rotation.sieges`)",
                {"periode": i + 1, "trouve": len(set(p.departements)), "limite": rotation.sieges},
            ))
        vus: set[str] = set()
        for j, code in enumerate(p.departements):
            if code in vus:
                anomalies.append(Anomalie(
                    REGLE_PERIODES, (*chemin, "departements", j),
                    f"période n° {i + 1} : le département {code} figure deux fois",
                    {"periode": i + 1, "departement": code},
                ))
            vus.add(code)
    return anomalies


def _verifier_mandat(rotation: Any, r: Reglage) -> list[Anomalie]:
    mandat = rotation.mandat
    anomalies = []
    attendu = fin_de_periode(mandat.debut, r.mandat_mois)
    if mandat.fin != attendu:
        anomalies.append(Anomalie(
            REGLE_MANDAT, ("rotation", "mandat"),
            f"mandat du {_fr(mandat.debut)} au {_fr(mandat.fin)} : les membres sont nommés pour "
            f"{r.mandat_ans} ans, fin attendue le {_fr(attendu)} (dernier jour inclus)",
            {"fin_attendue": attendu.isoformat(), "fin": mandat.fin.isoformat()},
        ))
    if not rotation.periodes:
        return [*anomalies, Anomalie(
            REGLE_MANDAT, ("rotation",),
            f"rotation sans période : les périodes doivent couvrir les {r.mandat_ans} ans du mandat",
            {"periodes": 0},
        )]
    ordre = sorted(range(len(rotation.periodes)), key=lambda i: rotation.periodes[i].debut)
    attendu_debut = mandat.debut
    for i in ordre:
        p = rotation.periodes[i]
        chemin = ("rotation", "periodes", i, "debut")
        if p.debut > attendu_debut:
            trou = (p.debut - attendu_debut).days
            anomalies.append(Anomalie(
                REGLE_MANDAT, chemin,
                f"avant la période n° {i + 1}, du {_fr(attendu_debut)} au {_fr(p.debut - timedelta(days=1))} "
                f"({trou} jours), aucun département ne siège : elle devrait commencer le "
                f"{_fr(attendu_debut)}",
                {"periode": i + 1, "jours": trou, "debut_attendu": attendu_debut.isoformat()},
            ))
        elif p.debut < attendu_debut:
            if p.debut < mandat.debut:
                message = f"période n° {i + 1} : commence le {_fr(p.debut)}, avant le mandat ({_fr(mandat.debut)})"
            else:
                message = (f"période n° {i + 1} : commence le {_fr(p.debut)} alors que la précédente "
                           f"finit le {_fr(attendu_debut - timedelta(days=1))} ; les périodes se "
                           f"chevauchent (début attendu le {_fr(attendu_debut)})")
            anomalies.append(Anomalie(
                REGLE_MANDAT, chemin, message,
                {"periode": i + 1, "debut_attendu": attendu_debut.isoformat()},
            ))
        attendu_debut = max(attendu_debut, p.fin + timedelta(days=1))
    derniere = ordre[-1]
    fin = attendu_debut - timedelta(days=1)
    if fin < mandat.fin:
        anomalies.append(Anomalie(
            REGLE_MANDAT, ("rotation", "periodes", derniere, "fin"),
            f"les périodes s'arrêtent le {_fr(fin)}, avant la fin du mandat ({_fr(mandat.fin)}) : "
            f"{(mandat.fin - fin).days} jours sans représentant des départements",
            {"jours": (mandat.fin - fin).days, "fin_attendue": mandat.fin.isoformat()},
        ))
    elif fin > mandat.fin:
        anomalies.append(Anomalie(
            REGLE_MANDAT, ("rotation", "periodes", derniere, "fin"),
            f"la dernière période finit le {_fr(fin)}, après la fin du mandat ({_fr(mandat.fin)})",
            {"fin_attendue": mandat.fin.isoformat()},
        ))
    return anomalies


def _verifier_departements(rotation: Any, departements_region: Sequence[str], noms: Mapping[str, str],
                           r: Reglage) -> list[Anomalie]:
    sieges = {d for p in rotation.periodes for d in p.departements}
    absents = [d for d in departements_region if d not in sieges]
    if not absents:
        return []
    liste = ", ".join(f"{d} {noms[d]}" if d in noms else d for d in absents)
    return [Anomalie(
        REGLE_DEPARTEMENTS, ("rotation", "periodes"),
        f"{len(absents)} département{'s' if len(absents) > 1 else ''} sur {len(departements_region)} "
        f"ne siège{'nt' if len(absents) > 1 else ''} dans aucune période : {liste} ; chaque "
        f"département est représenté sur les {r.mandat_ans} ans",
        {"absents": absents, "trouve": len(departements_region) - len(absents),
         "attendu": len(departements_region)},
    )]
