"""Couverture du département par les comités locaux : chaque EPCI à fiscalité propre (ou EPT)
et chaque commune hors EPCI relève d'un comité local, et d'un seul (R. 5311-30, R. 5311-32 4° ;
instruction DGEFP/DAT/2024/92, fiche 1 « Comité local pour l'emploi »).

Le calcul est dans `cte_cli.territoire` (réutilisé par le rapport texte et la cartographie).
Un département n'est examiné que si le dépôt contient son comité départemental (ou le comité
territorial d'outre-mer) : un dépôt, ou une vérification, limité à quelques comités locaux ne
déclenche pas d'avertissement pour le reste du département.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.rules._commun import INSTRUCTION
from cte_cli.rules.registry import Contexte, regle
from cte_cli.territoire import (
    Couverture,
    departements_de,
    territoire_comite,
)

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite
    from cte_cli.territoire import UniteNonCouverte

#: EPCI nommés dans un message avant « et N autres »
NOMMES = 5  # pas un chiffre du droit : nombre de communes citées dans un message

EXEMPLE = """# le comité départemental du Territoire de Belfort, sans comité local dans le dépôt
type: comite
id: cde-90
niveau: departemental
nom: Comité départemental pour l'emploi du Territoire de Belfort
region: "27"
departements: ["90"]
presidents:
  - {nom: A, qualite: Préfet du Territoire de Belfort, college: etat}
  - {nom: B, qualite: Président du conseil départemental, college: departement}
membres: []
"""


def _ancres(ctx: Contexte) -> dict[str, list[tuple[Document, Comite]]]:
    """Département -> [(document, comité)] des comités qui le couvrent en entier
    (départemental, territorial), où rattacher les constats de couverture."""
    ancres: dict[str, list[tuple[Document, Comite]]] = {}
    for doc, comite in ctx.comites(("departemental", "territorial")):
        if not ctx.en_vigueur(comite):
            continue
        for code in departements_de(comite, ctx.geo):
            if code in ctx.geo.departements:
                ancres.setdefault(code, []).append((doc, comite))
    return ancres


def _locaux(ctx: Contexte) -> list[Comite]:
    return [c for _d, c in ctx.comites("local")]


def _nombre(n: int) -> str:
    return f"{n:,}".replace(",", " ")


@regle(
    id="couverture-epci", gravite=Gravite.AVERTISSEMENT, article=INSTRUCTION,
    titre="Les comités locaux couvrent le département : chaque EPCI relève d'un comité local",
    exemple=EXEMPLE,
)
def couverture_epci(ctx: Contexte) -> Iterator[Constat]:
    """Le préfet de département arrête les limites des comités locaux institués au sein du
    département (R. 5311-30) ; l'instruction DGEFP/DAT/2024/92 demande de les installer dans le
    département, sur les EPCI à fiscalité propre ou les EPT (R. 5311-32 4°) : chaque EPCI du
    département (référentiel COG 2026) et chaque commune hors EPCI (îles, Paris) est dans le
    ressort d'un comité local. Un EPCI à cheval sur plusieurs départements est couvert dès qu'un
    comité local de l'un d'eux le cite. Avertissement (recommandation), avec le nombre d'EPCI
    et la part de la population non couverts ; rattaché au comité départemental."""
    for code, ancres in sorted(_ancres(ctx).items()):
        couverture = ctx.couvertures()[code]
        if couverture.complete:
            continue
        for doc, comite, unites in _repartir(ctx, couverture, ancres):
            chemin = ("departements",) if "departements" in doc.donnees else ()
            yield ctx.constat(
                doc, chemin, _message(ctx, couverture, unites, comite),
                chiffres=_chiffres(couverture, unites),
                cible=Cible.VALEUR if chemin else Cible.PARENT,
            )


def _repartir(ctx: Contexte, couverture: Couverture, ancres: list[tuple[Document, Comite]]
              ) -> list[tuple[Document, Comite, list[UniteNonCouverte]]]:
    """Rattache chaque unité non couverte au comité dont le territoire la contient (dans le
    Rhône : Métropole de Lyon ou département) ; sinon au premier comité du département."""
    if len(ancres) == 1:
        return [(*ancres[0], list(couverture.non_couvertes))]
    territoires = [territoire_comite(c, ctx.geo).communes for _d, c in ancres]
    parts: list[list[UniteNonCouverte]] = [[] for _ in ancres]
    for unite in couverture.non_couvertes:
        communes = _communes_unite(ctx, unite, couverture.departement)
        k = next((i for i, t in enumerate(territoires) if communes & t), 0)
        parts[k].append(unite)
    return [(*a, p) for a, p in zip(ancres, parts, strict=True) if p]


def _communes_unite(ctx: Contexte, unite: UniteNonCouverte, departement: str) -> set[str]:
    if unite.est_commune:
        return {unite.code}
    epci = ctx.geo.epci.get(unite.code)
    return {c.code for c in map(ctx.geo.commune, epci.communes if epci else ())
            if c is not None and c.departement == departement}


def _message(ctx: Contexte, couverture: Couverture, unites: list[UniteNonCouverte], comite: Comite) -> str:
    dep = ctx.geo.departements[couverture.departement]
    epci = [u for u in unites if not u.est_commune]
    communes = [u for u in unites if u.est_commune]
    population = sum(u.population for u in unites)
    part = 100 * population / couverture.population if couverture.population else 0.0  # pas un chiffre du droit : pourcentage
    tete = f"département {dep.code} ({dep.nom})"
    if comite.collectivite == "metropole-de-lyon":
        tete = "Métropole de Lyon"
    morceaux = []
    if epci:
        morceaux.append(f"{len(epci)} EPCI sur {couverture.epci}")
    if communes:
        morceaux.append(f"{len(communes)} commune(s) hors EPCI")
    fin = "les comités locaux couvrent le département (R. 5311-30)"
    if not couverture.comites:
        return (f"{tete} : aucun comité local ; {' et '.join(morceaux)} ({_nombre(population)} hab.) "
                f"sans comité local ; {fin}")
    noms = ", ".join(_nom_unite(u) for u in unites[:NOMMES])
    if len(unites) > NOMMES:
        noms += f" et {len(unites) - NOMMES} autre(s)"
    return (
        f"{tete} : {' et '.join(morceaux)} dans le ressort d'aucun comité local : {noms} ; soit "
        f"{_pourcent(part)} de la population ({_nombre(population)} hab. sur "
        f"{_nombre(couverture.population)}) ; {fin}"
    )


def _pourcent(part: float) -> str:
    return f"{part:.1f} %".replace(".", ",")


def _nom_unite(unite: UniteNonCouverte) -> str:
    partiel = ""
    if unite.communes_couvertes:
        partiel = f", {unite.communes_couvertes}/{unite.communes} communes couvertes"
    return f"{unite.nom} ({unite.code}, {_nombre(unite.population)} hab.{partiel})"


def _chiffres(couverture: Couverture, unites: list[UniteNonCouverte]) -> dict[str, Any]:
    population = sum(u.population for u in unites)
    return {
        "departement": couverture.departement,
        "epci_non_couverts": sum(1 for u in unites if not u.est_commune),
        "communes_hors_epci_non_couvertes": sum(1 for u in unites if u.est_commune),
        "epci": couverture.epci,
        "population_non_couverte": population,
        "population": couverture.population,
        "part_population_non_couverte": round(100 * population / couverture.population, 1)  # pas un chiffre du droit : pourcentage
        if couverture.population else 0.0,
        "non_couverts": [u.code for u in unites],
    }


@regle(
    id="epci-plusieurs-comites", gravite=Gravite.AVERTISSEMENT, article="R. 5311-30",
    titre="Un EPCI (ou une commune) relève d'un seul comité local du département",
    exemple="# deux comités locaux de la Côte-d'Or citent le même EPCI\nressort:\n  epci: [\"200006682\"]",
)
def epci_plusieurs_comites(ctx: Contexte) -> Iterator[Constat]:
    """Le préfet arrête les limites géographiques des comités locaux du département
    (R. 5311-30) : un même EPCI (ou une même commune) dans deux comités locaux du département
    aurait deux fois un représentant (R. 5311-32 4°) et deux comités pour un même territoire.
    Avertissement et non erreur : aucun texte n'interdit expressément le chevauchement. Un EPCI
    à cheval sur deux départements cité par un comité de chacun n'est pas un doublon (chaque
    préfet fixe le ressort dans son département)."""
    signales: set[tuple[str, str]] = set()
    locaux = _locaux(ctx)
    codes = sorted({d for c in locaux for d in (c.departements or ()) if d in ctx.geo.departements})
    for code in codes:
        couverture = ctx.couvertures()[code]
        for unite, ids in couverture.doublons:
            for autre in ids[1:]:
                if (unite, autre) in signales:
                    continue
                signales.add((unite, autre))
                trouve = ctx.comite(autre)
                if trouve is None:
                    continue
                doc, comite = trouve
                yield ctx.constat(
                    doc, _chemin_unite(ctx, comite, unite),
                    f"{_designation(ctx, unite)} est aussi dans le ressort de « {ids[0]} » : un "
                    f"territoire relève d'un seul comité local du département {code}",
                    chiffres={"code": unite, "comites": list(ids)},
                )


def _designation(ctx: Contexte, code: str) -> str:
    epci = ctx.geo.epci.get(code)
    if epci:
        return f"l'EPCI {code} ({epci.nom})"
    commune = ctx.geo.commune(code)
    return f"la commune {code} ({commune.nom if commune else '?'})"


def _chemin_unite(ctx: Contexte, comite: Comite, code: str) -> Chemin:
    """Le nœud du ressort qui fait entrer `code` (EPCI ou commune) dans le comité."""
    ressort = comite.ressort
    if ressort is None:
        return ("ressort",)
    if code in ressort.communes:
        return ("ressort", "communes", ressort.communes.index(code))
    if code in ressort.epci:
        return ("ressort", "epci", ressort.epci.index(code))
    commune = ctx.geo.commune(code)
    groupement = (commune.ept or commune.epci) if commune else None
    if groupement is not None and groupement in ressort.epci:
        return ("ressort", "epci", ressort.epci.index(groupement))
    return ("ressort",)
