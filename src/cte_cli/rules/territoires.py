"""Territoires particuliers : collectivités exerçant les compétences d'un département
(Métropole de Lyon, Ville de Paris, Alsace, Corse), comités sur plusieurs départements, et
quels comités existent outre-mer (R. 5311-22, R. 5311-28, R. 5311-29, R. 5311-35 ;
L. 5523-7 à L. 5523-9, R. 5523-15-7, R. 5523-15-19, R. 5523-15-32)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit import categories as cat
from cte_cli.model.types import libelle_niveau
from cte_cli.rules._exemples import EXEMPLE_CDE_ALSACE
from cte_cli.rules.registry import Contexte, regle
from cte_cli.suggestions import suggestion
from cte_cli.territoire import COLLECTIVITES_R5311_28, departements_de

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite

NOMS_COLLECTIVITES = {
    "metropole-de-lyon": "la Métropole de Lyon",
    "ville-de-paris": "la Ville de Paris",
    "alsace": "la Collectivité européenne d'Alsace",
    "corse": "la collectivité de Corse",
}
#: départements dont une collectivité unique exerce les compétences sur plusieurs (R. 5311-29)
PAIRES = {code: cle for cle, codes in COLLECTIVITES_R5311_28.items() if len(codes) > 1 for code in codes}
#: régions où un comité territorial est possible (L. 5523-7) ou obligatoire (L. 5523-8)
REGIONS_TERRITORIAL = (*cat.REGIONS_L5523_7, *cat.REGIONS_L5523_8)



def _chemin(doc: Document, cle: str) -> tuple[Chemin, Cible]:
    """Le chemin de la clé si elle est écrite, sinon le document (cible parent)."""
    return ((cle,), Cible.VALEUR) if cle in doc.donnees else ((), Cible.PARENT)


@regle(
    id="cde-collectivite", gravite=Gravite.ERREUR, article="R. 5311-28, R. 5311-29",
    titre="Un comité départemental couvre un département, ou le ressort entier de la collectivité "
    "qui en exerce les compétences",
    exemple=EXEMPLE_CDE_ALSACE,
)
def cde_collectivite(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-22 : un comité départemental par département. R. 5311-28 : quand une collectivité
    autre qu'un département en exerce les compétences, le comité a pour ressort celui de cette
    collectivité : Métropole de Lyon (69, ses communes), Ville de Paris (75). R. 5311-29 : si
    elle s'étend sur plusieurs départements, un seul comité, par arrêté conjoint : Collectivité
    européenne d'Alsace (67 et 68), collectivité de Corse (2A et 2B). `collectivite` vaut
    `metropole-de-lyon`, `ville-de-paris`, `alsace`, `corse` ou le SIREN de la collectivité."""
    for doc, comite in ctx.comites("departemental"):
        if not ctx.en_vigueur(comite):
            continue
        codes = list(comite.departements or ())
        if comite.collectivite is not None:
            yield from _collectivite_declaree(ctx, doc, comite, codes)
        elif len(set(codes)) > 1 and set(codes) not in _ressorts_multiples():
            yield ctx.constat(
                doc, ("departements",),
                f"comité départemental sur {len(set(codes))} départements ({', '.join(codes)}) : un "
                "comité départemental couvre un département (R. 5311-22) ; plusieurs seulement pour "
                "une collectivité de R. 5311-29 (Alsace : 67 et 68 ; Corse : 2A et 2B)",
                chiffres={"departements": codes}, article="R. 5311-22",
            )
        for code in codes:
            if code in PAIRES and set(codes) != set(COLLECTIVITES_R5311_28[PAIRES[code]]):
                attendus = COLLECTIVITES_R5311_28[PAIRES[code]]
                liste = ", ".join(f'"{c}"' for c in attendus)
                yield ctx.constat(
                    doc, ("departements",),
                    f"{NOMS_COLLECTIVITES[PAIRES[code]]} exerce les compétences départementales sur "
                    f"{' et '.join(attendus)} : un seul comité départemental pour les deux, "
                    f"`departements: [{liste}]` "
                    f"et `collectivite: {PAIRES[code]}` (arrêté conjoint, 40 membres au plus)",
                    chiffres={"attendus": list(attendus), "trouves": codes}, article="R. 5311-29",
                )
                break


def _ressorts_multiples() -> list[set[str]]:
    return [set(c) for c in COLLECTIVITES_R5311_28.values() if len(c) > 1]


def _collectivite_declaree(ctx: Contexte, doc: Document, comite: Comite, codes: list[str]) -> Iterator[Constat]:
    cle = comite.collectivite or ""
    if cle not in COLLECTIVITES_R5311_28:
        if not re.fullmatch(r"\d{9}", cle):
            yield ctx.constat(
                doc, ("collectivite",),
                f"collectivité « {cle} » inconnue : `metropole-de-lyon`, `ville-de-paris`, `alsace`, "
                "`corse` ou le SIREN de la collectivité" + suggestion(cle, list(COLLECTIVITES_R5311_28)),
            )
        return
    attendus = COLLECTIVITES_R5311_28[cle]
    if set(codes) != set(attendus):
        chemin, cible = _chemin(doc, "departements")
        yield ctx.constat(
            doc, chemin,
            f"le ressort du comité de {NOMS_COLLECTIVITES[cle]} est celui de la collectivité : "
            f"départements {', '.join(attendus)} attendus, trouvé {', '.join(codes) or 'aucun'}",
            chiffres={"attendus": list(attendus), "trouves": codes}, cible=cible,
            article="R. 5311-29" if len(attendus) > 1 else "R. 5311-28",
        )


@regle(
    id="comite-unique", gravite=Gravite.ERREUR,
    article="L. 5311-10, R. 5311-22, R. 5311-28, L. 5523-7 à L. 5523-9",
    titre="Un seul comité par territoire et par niveau (deux comités départementaux dans le Rhône)",
    exemple=(
        "# deux fichiers du dépôt décrivent chacun un comité départemental de la Côte-d'Or\n"
        + "".join(
            f"# fichier: {id_}.yaml\ntype: comite\nid: {id_}\nniveau: departemental\n"
            "nom: Comité départemental pour l'emploi de la Côte-d'Or\nregion: \"27\"\n"
            "departements: [\"21\"]\npresidents:\n"
            "  - {nom: A, qualite: Préfète de la Côte-d'Or, college: etat}\n"
            "  - {nom: B, qualite: Président du conseil départemental, college: departement}\n"
            "membres: []\n"
            for id_ in ("cde-21", "cde-21-bis")
        )
    ),
)
def comite_unique(ctx: Contexte) -> Iterator[Constat]:
    """Un comité régional par région (L. 5311-10 I 1°), un comité départemental par département
    (R. 5311-22), sauf le Rhône : le comité de la Métropole de Lyon (`collectivite:
    metropole-de-lyon`, R. 5311-28) et celui du département du Rhône, sur le reste du 69 ; un
    comité pour une collectivité de R. 5311-29 exclut un autre comité pour l'un de ses
    départements ; outre-mer, un comité territorial par région (L. 5523-7, L. 5523-8) et un
    comité territorial unique par collectivité (L. 5523-9)."""
    vus: dict[tuple[str, str, str], list[tuple[Document, Comite]]] = defaultdict(list)
    for doc, comite in ctx.comites(("regional", "departemental", "territorial", "territorial_unique")):
        if not ctx.en_vigueur(comite):
            continue
        for cle in _territoires(comite):
            vus[cle].append((doc, comite))
    for cle, comites in vus.items():
        # le comité d'une collectivité de R. 5311-28 d'abord : c'est l'autre qui est en trop
        comites.sort(key=lambda dc: dc[1].collectivite is None)
        premier = comites[0][1]
        for doc, _comite in comites[1:]:
            chemin, cible = _chemin(doc, "departements" if cle[0] == "departemental" else "region")
            yield ctx.constat(
                doc, chemin,
                f"{_libelle(cle)} a déjà son comité : « {premier.id} » ({comites[0][0].fichier}) ; un "
                "seul comité par territoire à ce niveau"
                + (" (dans le Rhône : un pour la Métropole de Lyon, `collectivite: metropole-de-lyon`, "
                   "et un pour le reste du département)" if cle[1] == "69" else ""),
                chiffres={"territoire": cle[1], "comite": premier.id}, cible=cible,
                article=_article_unique(cle[0]),
            )


def _territoires(comite: Comite) -> list[tuple[str, str, str]]:
    if comite.niveau != "departemental":
        return [(comite.niveau, comite.region, "")]
    partie = "metropole" if comite.collectivite == "metropole-de-lyon" else ""
    return [("departemental", code, partie) for code in dict.fromkeys(comite.departements or ())]


def _libelle(cle: tuple[str, str, str]) -> str:
    niveau, code, partie = cle
    if niveau == "departemental":
        return "la Métropole de Lyon" if partie else f"le département {code}"
    if niveau == "territorial_unique":
        return f"la collectivité {code}"
    return f"la région {code}"


def _article_unique(niveau: str) -> str:
    return {"regional": "L. 5311-10", "departemental": "R. 5311-22", "territorial": "L. 5523-7, L. 5523-8",
            "territorial_unique": "L. 5523-9"}[niveau]


@regle(
    id="cde-manquant", gravite=Gravite.AVERTISSEMENT, article="R. 5311-22, R. 5311-28",
    titre="Le dépôt d'une région a le comité départemental de chacun de ses départements",
    exemple="# dépôt de la région 84 : un comité régional, et pour le 69 seulement le comité\n"
    "# du département du Rhône, pas celui de la Métropole de Lyon",
)
def cde_manquant(ctx: Contexte) -> Iterator[Constat]:
    """Un dépôt qui contient le comité régional décrit toute la région : chaque département y a
    son comité départemental (R. 5311-22), le Rhône deux (Métropole de Lyon et département,
    R. 5311-28), l'Alsace et la Corse un pour deux départements (R. 5311-29). Avertissement :
    un dépôt en cours de constitution peut ne pas les avoir tous."""
    presents = set()
    for _doc, comite in ctx.comites("departemental"):
        presents.update(_territoires(comite))
    for doc, comite in ctx.comites("regional"):
        region = ctx.geo.regions.get(comite.region)
        if region is None or not ctx.en_vigueur(comite) or comite.region in cat.REGIONS_L5523_8:
            continue  # Guyane, Martinique, Mayotte : pas de comité départemental (niveau-outre-mer)
        manquants = []
        for code in region.departements:
            if ("departemental", code, "") not in presents:
                manquants.append(f"{code} {ctx.geo.departements[code].nom}"
                                 + (" (département du Rhône, hors Métropole)" if code == "69" else ""))
            if code == "69" and ("departemental", code, "metropole") not in presents:
                manquants.append("69 Métropole de Lyon (`collectivite: metropole-de-lyon`)")
        if manquants:
            chemin, cible = _chemin(doc, "region")
            yield ctx.constat(
                doc, chemin,
                f"{len(manquants)} comité(s) départemental(aux) absent(s) du dépôt de la région "
                f"{comite.region} ({region.nom}) : {', '.join(manquants)}",
                chiffres={"manquants": len(manquants)}, cible=cible,
            )


@regle(
    id="prefet-president-designe", gravite=Gravite.AVERTISSEMENT, article="R. 5311-29, R. 5311-35",
    titre="Un comité sur plusieurs départements dit quel préfet le copréside",
    exemple="type: comite\nid: cle-beaune-chagny\nniveau: local\nnom: Comité local pour l'emploi de Beaune "
    "et Chagny\nregion: \"27\"\ndepartements: [\"21\", \"71\"]\nressort: {epci: [\"200006682\"]}\npresidents:\n"
    "  - {nom: A, qualite: Préfet de la Côte-d'Or, college: etat}   # departement: \"21\" manque\n"
    "  - {nom: B, qualite: Présidente de la CA Beaune Côte et Sud, college: epci}\nmembres: []\n",
)
def prefet_president_designe(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-29 1° (comité départemental d'Alsace ou de Corse) et R. 5311-35 (comité local
    interdépartemental) : la composition est fixée par arrêté conjoint des préfets, qui
    « précise celui des préfets qui assure la présidence conjointe ». Le coprésident de l'État
    porte `departement:`, l'un des départements du comité."""
    for doc, comite in ctx.comites(("departemental", "local")):
        codes = list(dict.fromkeys(comite.departements or ()))
        if len(codes) < 2 or not ctx.en_vigueur(comite):  # pas un chiffre du droit : plusieurs départements
            continue
        article = "R. 5311-29" if comite.niveau == "departemental" else "R. 5311-35"
        for i, president in enumerate(comite.presidents):
            if president.college != "etat":
                continue
            if president.departement is None:
                yield ctx.constat(
                    doc, ("presidents", i),
                    f"comité sur {len(codes)} départements ({', '.join(codes)}) : l'arrêté conjoint "
                    "précise lequel des préfets copréside ; indiquez-le par `departement:` sur le "
                    "coprésident de l'État", chiffres={"departements": codes}, article=article,
                )
            elif president.departement not in codes:
                yield ctx.constat(
                    doc, ("presidents", i, "departement"),
                    f"le préfet coprésident est celui de l'un des départements du comité "
                    f"({', '.join(codes)}), pas du {president.departement}",
                    chiffres={"departements": codes, "trouve": president.departement}, article=article,
                )


@regle(
    id="niveau-outre-mer", gravite=Gravite.ERREUR,
    article="L. 5523-7 à L. 5523-9, R. 5523-15-7, R. 5523-15-19, R. 5523-15-32",
    titre="Outre-mer, les comités prévus pour le territoire, et eux seuls",
    exemple='type: comite\nid: cde-973\nniveau: departemental\nnom: CDE de Guyane\nregion: "03"\n'
    'departements: ["973"]\npresidents: []\nmembres: []\n',
)
def niveau_outre_mer(ctx: Contexte) -> Iterator[Constat]:
    """Guyane, Martinique, Mayotte : un comité territorial au sein du CREFOP (L. 5523-8), pas de
    comité régional ni départemental (R. 5523-15-19), des comités locaux (R. 5523-15-31).
    Guadeloupe, La Réunion : comité régional et comité départemental ordinaires, ou, par accord,
    un comité territorial qui exerce leurs missions (L. 5523-7) et les remplace (R. 5523-15-7).
    Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon : le seul comité territorial unique
    (L. 5523-9), qui exerce aussi les missions locales (R. 5523-15-32). Le comité territorial
    n'existe que dans ces cinq régions, le comité territorial unique dans ces trois
    collectivités. Applicable depuis le 1er janvier 2025."""
    territoriaux = {c.region for _d, c in ctx.comites("territorial") if ctx.en_vigueur(c)}
    for doc, comite in ctx.comites():
        if not ctx.en_vigueur(comite):
            continue
        probleme = _niveau_interdit(ctx, comite, territoriaux)
        if probleme:
            message, article, cle = probleme
            chemin, cible = _chemin(doc, cle)
            yield ctx.constat(doc, chemin, message, chiffres={"niveau": comite.niveau}, cible=cible,
                              article=article)


def _niveau_interdit(ctx: Contexte, comite: Comite, territoriaux: set[str]) -> tuple[str, str, str] | None:
    """(message, article, clé fautive) si ce niveau n'existe pas sur ce territoire."""
    niveau, region = comite.niveau, comite.region
    com = ctx.geo.collectivites_outre_mer
    if niveau == "territorial" and region not in REGIONS_TERRITORIAL:
        return ("le comité territorial n'existe qu'en Guadeloupe, Martinique, Guyane, à La Réunion et "
                "à Mayotte (L. 5523-7, L. 5523-8)", "L. 5523-7, L. 5523-8", "niveau")
    if niveau == "territorial_unique":
        if region not in com:
            return ("le comité territorial unique n'existe qu'à Saint-Barthélemy (977), Saint-Martin "
                    "(978) et Saint-Pierre-et-Miquelon (975) : `region` vaut l'un de ces codes",
                    "L. 5523-9", "region")
        return None
    dans_com = [c for c in departements_de(comite, ctx.geo) if c in com]
    if region in com or dans_com:
        code = region if region in com else dans_com[0]
        return (f"à {com[code].nom}, le comité territorial unique exerce les missions des comités "
                f"régional, départemental et local : pas de comité {libelle_niveau(niveau)} (niveau: territorial_unique)",
                "R. 5523-15-32", "niveau")
    if niveau in ("regional", "departemental") and region in cat.REGIONS_L5523_8:
        nom = ctx.geo.regions[region].nom
        return (f"en {nom}, le comité territorial (niveau: territorial) exerce les missions des "
                f"comités régional et départemental : pas de comité {libelle_niveau(niveau)}", "R. 5523-15-19", "niveau")
    if niveau in ("regional", "departemental") and region in cat.REGIONS_L5523_7 and region in territoriaux:
        nom = ctx.geo.regions[region].nom
        return (f"{nom} a un comité territorial (accord de L. 5523-7) : il remplace les comités régional "
                f"et départemental ; pas de comité {libelle_niveau(niveau)}", "R. 5523-15-7", "niveau")
    return None
