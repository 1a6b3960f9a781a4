"""Composition des comités : collèges admis, coprésidence, plafonds de sièges, EPCI,
commission inclusion et IAE (R. 5311-16 à R. 5311-35)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit import categories as cat
from cte_cli.droit.membres import occupe_siege, remplacants_indetermines
from cte_cli.droit.organisations import identifier
from cte_cli.model.types import libelle_niveau
from cte_cli.rules._exemples import EXEMPLE_CDE_BELFORT, EXEMPLE_CLE
from cte_cli.rules.registry import Contexte, regle

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite
    from cte_cli.referentiel.parametres_legaux import Droit


@regle(
    id="college-autorise", gravite=Gravite.ERREUR,
    article="R. 5311-17, R. 5311-23, R. 5311-32",
    titre="Chaque membre relève d'une catégorie prévue pour le niveau du comité",
    exemple=EXEMPLE_CLE + "  - {nom: Marc Petit, qualite: Vice-président de la CC, college: epci}   # sans epci:\n",
)
def college_autorise(ctx: Contexte) -> Iterator[Constat]:
    """Le collège de chaque membre figure parmi les catégories de l'article de composition
    du niveau (R. 5311-17 régional, R. 5311-23 départemental, R. 5311-32 local, R. 5523-15-10,
    -23, -35 outre-mer). Au niveau local, les partenaires sociaux relèvent d'une autre règle."""
    for doc, comite in ctx.comites():
        compo = cat.composition(comite)
        for i, membre in enumerate(comite.membres):
            if comite.niveau == "local" and membre.college in cat.PARTENAIRES_SOCIAUX:
                continue
            if membre.college not in compo.categories:
                permis = ", ".join(compo.categories)
                yield ctx.constat(
                    doc, ("membres", i, "college"),
                    f"le collège « {membre.college} » n'existe pas au niveau {libelle_niveau(comite.niveau)} "
                    f"({compo.article}) ; collèges possibles : {permis}",
                    article=compo.article,
                )
            elif membre.college == "epci" and not membre.epci:
                yield ctx.constat(
                    doc, ("membres", i),
                    f"membre n° {i + 1} (« {membre.qualite} ») du collège epci sans `epci:` (SIREN "
                    "de l'EPCI représenté, R. 5311-32 4°)", article="R. 5311-32",
                )
            elif membre.college == "departement" and comite.niveau == "regional" and not membre.departement:
                yield ctx.constat(
                    doc, ("membres", i),
                    f"membre n° {i + 1} (« {membre.qualite} ») du collège departement sans "
                    "`departement:` (code du département représenté, R. 5311-17 3°)",
                    article="R. 5311-17",
                )


@regle(
    id="partenaires-sociaux-invites-local", gravite=Gravite.ERREUR, article="R. 5311-34",
    titre="Au comité local, les partenaires sociaux ne sont qu'invités, sans voix",
    exemple=EXEMPLE_CLE + "  - {nom: Claire Diaz, qualite: Secrétaire générale, college: syndicat_salaries,"
    " organisation: CFDT}\n",
)
def partenaires_sociaux_invites_local(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-32 ne compte pas les organisations syndicales et patronales parmi les membres
    du comité local ; R. 5311-34 permet seulement de les inviter, sans prendre part aux votes."""
    for doc, comite in ctx.comites("local"):
        for i, membre in enumerate(comite.membres):
            if membre.college in cat.PARTENAIRES_SOCIAUX:
                yield ctx.constat(
                    doc, ("membres", i, "college"),
                    f"membre n° {i + 1} (« {membre.qualite} ») au titre de « {membre.college} » : au "
                    "comité local, les partenaires sociaux ne peuvent être qu'invités (clé `invites`)",
                )


@regle(
    id="copresidence", gravite=Gravite.ERREUR, article="R. 5311-16, R. 5311-22, R. 5311-31",
    titre="Les coprésidents sont ceux que le décret désigne pour le niveau",
    exemple="type: comite\nid: cde-21\nniveau: departemental\nnom: CDE\nregion: \"27\"\n"
    "departements: [\"21\"]\npresidents:\n  - {nom: Hélène Marchal, qualite: Préfète, college: etat}\n"
    "membres: []\n",
)
def copresidence(ctx: Contexte) -> Iterator[Constat]:
    """CRE : préfet de région + président du conseil régional (R. 5311-16) ; CDE : préfet de
    département + président du conseil départemental (R. 5311-22) ; CLE : préfet de département +
    un ou plusieurs représentants de collectivités ou groupements (R. 5311-31) ; outre-mer :
    R. 5523-15-9, -22, -34."""
    for doc, comite in ctx.comites():
        regle_ = cat.copresidence(comite)
        colleges = Counter(p.college for p in comite.presidents)
        manquants = [c for c in regle_.exiges if colleges[c] == 0]
        if regle_.au_moins_un_de and not any(colleges[c] for c in regle_.au_moins_un_de):
            manquants.append(" ou ".join(regle_.au_moins_un_de))
        chemin = ("presidents",)
        if manquants:
            yield ctx.constat(
                doc, chemin,
                f"coprésidence incomplète : manque {', '.join(manquants)} ; le comité est "
                f"coprésidé par {regle_.libelle} ({regle_.article})",
                chiffres={"manquants": manquants}, article=regle_.article,
            )
        admis = set(regle_.exiges) | set(regle_.au_moins_un_de)
        for i, president in enumerate(comite.presidents):
            if president.college not in admis:
                yield ctx.constat(
                    doc, ("presidents", i, "college"),
                    f"coprésident n° {i + 1} (« {president.qualite} ») au titre de "
                    f"« {president.college} » : le comité est coprésidé par {regle_.libelle} "
                    f"({regle_.article})", article=regle_.article,
                )
        if colleges["etat"] > 1:
            yield ctx.constat(
                doc, chemin,
                f"{colleges['etat']} coprésidents au titre de l'État : un seul représentant de l'État "
                f"copréside ({regle_.article})", chiffres={"etat": colleges["etat"]},
                article=regle_.article,
            )


@regle(
    id="plafond-sieges", gravite=Gravite.ERREUR,
    article="R. 5311-18, R. 5311-24, R. 5311-29, R. 5311-33, R. 5311-35",
    titre="Le nombre de membres des catégories plafonnées ne dépasse pas la limite du décret",
    exemple=EXEMPLE_CLE + "".join(
        f"  - {{nom: Membre {n}, qualite: Maire, college: communes}}\n" for n in range(1, 10)  # pas un chiffre du droit : exemple
    ) + "# 9 membres au titre des 1° à 3° et 5° (R. 5311-33 : 8 au plus)\n",
)
def plafond_sieges(ctx: Contexte) -> Iterator[Constat]:
    """CRE : 29 membres au titre des 1° à 5°, 36 si la région a plus de six départements
    (R. 5311-18) ; CDE : 27 au titre des 1° à 6° (R. 5311-24), 40 pour une collectivité
    sur plusieurs départements (R. 5311-29) ; CLE : 8 au titre des 1° à 3° et 5° (R. 5311-33),
    16 pour un comité interdépartemental (R. 5311-35) ; outre-mer : R. 5523-15-3, -11, -24, -36.
    Les coprésidents et les sièges des EPCI (R. 5311-32 4°) ne sont pas comptés, ni les membres
    gardés dans le fichier après la fin de leur mandat. Le plafond est celui en vigueur au jour
    de l'arrêté de composition (paramètres `plafond.*`). Le CREFOP renommé comité régional pour
    l'emploi suit la composition du CREFOP (R. 5311-15, R. 6123-3-3 et R. 6123-3-16 à -20), que
    R. 5311-18 ne plafonne pas. Un remplaçant (`remplace_le`) qui ne désigne pas le membre remplacé,
    dans un collège à plusieurs sièges, laisse un doute : si la limite est respectée sans ces
    sièges, avertissement au lieu d'erreur."""
    for doc, comite in ctx.comites():
        droit = ctx.droit_composition(comite)
        if droit is None:
            continue
        region = ctx.geo.regions.get(comite.region)
        nombre = len(region.departements) if region else 0
        p = cat.plafond(comite, nombre, droit)
        if p is None:
            continue
        compte = sum(1 for i, m in enumerate(comite.membres)
                     if m.college in p.colleges and occupe_siege(comite, i, ctx.date))
        if compte > p.limite:
            precision = ""
            if p.article == "R. 5311-18":
                precision = f" (la région compte {nombre} départements)"
            douteux = sum(1 for j in remplacants_indetermines(comite)
                          if comite.membres[j].college in p.colleges and occupe_siege(comite, j, ctx.date))
            constat = ctx.constat(
                doc, ("membres",),
                f"{compte} membres {_titre(p.categories)}, limite {p.limite}{precision}"
                + _doute_remplacants(douteux, compte - douteux <= p.limite),
                chiffres={"trouve": compte, "limite": p.limite, "departements_region": nombre,
                          **({"douteux": douteux} if douteux else {})},
                article=p.article, droit=droit,
            )
            # l'ancien membre est peut-être encore au fichier : le doute ne rend pas la CI rouge
            yield replace(constat, gravite=Gravite.AVERTISSEMENT) if douteux and compte - douteux <= p.limite else constat


def _doute_remplacants(douteux: int, leve: bool) -> str:
    """La précision d'un compte où des remplaçants ne désignent pas le membre remplacé."""
    if not douteux:
        return ""
    suite = " : sans eux, la limite serait respectée" if leve else ""
    return (f" ; {douteux} remplaçant(s) (`remplace_le`) ne désigne(nt) pas le membre remplacé, qui "
            f"figure peut-être encore au fichier et serait alors compté deux fois{suite} ; écrivez "
            "`remplace: {nom: …}` sur le remplaçant pour lever le doute")


@regle(
    id="epci-un-membre", gravite=Gravite.ERREUR, article="R. 5311-32",
    titre="Un représentant, et un seul, de chaque EPCI à fiscalité propre du ressort",
    exemple=EXEMPLE_CLE.replace('epci: ["242100154"]', 'epci: ["242100154", "242100410"]'),
)
def epci_un_membre(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-32 4° : le comité local comprend un représentant de chacun des EPCI à fiscalité
    propre (ou EPT) situés dans son ressort ; pas d'EPCI sans représentant, pas de doublon,
    pas de représentant d'un EPCI hors du ressort."""
    for doc, comite in ctx.comites("local"):
        ressort = list(comite.ressort.epci) if comite.ressort else []
        representants: dict[str, list[int]] = defaultdict(list)
        for i, membre in enumerate(comite.membres):
            if membre.college == "epci" and membre.epci and occupe_siege(comite, i, ctx.date):
                representants[membre.epci].append(i)
        for j, siren in enumerate(ressort):
            if not representants.get(siren):
                yield ctx.constat(
                    doc, ("ressort", "epci", j),
                    f"l'EPCI {siren} ({_nom_epci(ctx, siren)}) du ressort n'a pas de représentant "
                    "(membre du collège epci avec `epci: \"" + siren + "\"`)",
                    chiffres={"siren": siren},
                )
        for siren, indices in representants.items():
            if siren not in ressort:
                yield ctx.constat(
                    doc, ("membres", indices[0], "epci"),
                    f"l'EPCI {siren} ({_nom_epci(ctx, siren)}) a un représentant mais n'est pas "
                    "dans le ressort du comité (`ressort.epci`)", chiffres={"siren": siren},
                )
            for i in indices[1:]:
                yield ctx.constat(
                    doc, ("membres", i, "epci"),
                    f"l'EPCI {siren} ({_nom_epci(ctx, siren)}) a {len(indices)} représentants ; "
                    "un seul par EPCI", chiffres={"siren": siren, "trouve": len(indices), "limite": 1},
                )


def _titre(categories: str) -> str:
    """« au titre des 1° à 6° » ; « de toutes les catégories »."""
    return f"au titre des {categories}" if categories[:1].isdigit() else categories


def _nom_epci(ctx: Contexte, siren: str) -> str:
    epci = ctx.geo.epci.get(siren)
    return epci.nom if epci else "inconnu du référentiel"


#: article qui fait comprendre au comité la commission inclusion et IAE, par niveau
_ARTICLES_IAE = {"departemental": "R. 5311-26", "territorial": "R. 5523-15-15", "territorial_unique": "R. 5523-15-40"}


def _commission_iae_en_vigueur(ctx: Contexte, comite: Comite) -> bool:
    """R. 5523-15-15, -28, -40 (comités territoriaux d'outre-mer) : en vigueur à la date de
    contrôle selon `vigueur.commission_iae_outre_mer` ; R. 5311-26 avec les autres textes."""
    if comite.niveau == "departemental":
        return True
    return bool(ctx.droit(ctx.date)("vigueur.commission_iae_outre_mer"))


@regle(
    id="commission-iae", gravite=Gravite.ERREUR, article="R. 5311-26",
    titre="Le comité départemental comprend la commission inclusion et insertion par l'activité économique",
    exemple="commissions:\n  - {id: emploi-jeunes, nom: Commission emploi des jeunes}\n"
    "# aucune commission avec objet: inclusion_iae",
)
def commission_iae(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-26 : chaque comité départemental comprend une commission spécialisée dans
    l'inclusion et l'insertion par l'activité économique (`objet: inclusion_iae`) ; de même
    le comité territorial et le comité territorial unique d'outre-mer (R. 5523-15-15, -28, -40),
    mais à compter de l'entrée en vigueur propre à ces trois articles (décret n° 2024-1147,
    art. 6 II 3° : paramètre `vigueur.commission_iae_outre_mer`), lue à la date de contrôle :
    l'obligation porte sur ce que le comité comprend, un comité installé avant cette date doit
    donc avoir sa commission dès qu'elle s'applique, pas avant. Le comité départemental de
    Guadeloupe et de La Réunion suit R. 5311-26 (R. 5523-15-1), en vigueur avec les autres textes."""
    for doc, comite in ctx.comites(tuple(_ARTICLES_IAE)):
        if not ctx.en_vigueur(comite) or not _commission_iae_en_vigueur(ctx, comite):
            continue
        article = _ARTICLES_IAE[comite.niveau]
        if comite.niveau == "territorial" and comite.region in cat.REGIONS_L5523_8:
            article = "R. 5523-15-28"
        if not any(c.objet == "inclusion_iae" for c in comite.commissions):
            chemin = ("commissions",) if "commissions" in doc.donnees else ()
            yield ctx.constat(
                doc, chemin,
                "aucune commission « inclusion et insertion par l'activité économique » "
                f"(`objet: inclusion_iae`) : elle est obligatoire ({article})",
                cible=Cible.VALEUR if chemin else Cible.PARENT, article=article,
            )


# --- catégories obligatoires et sièges uniques ---------------------------------------------------



def _article_obligation(comite: Comite, compo: cat.Composition) -> str:
    """L'article qui rend les catégories obligatoires : celui de la composition, et pour un
    comité de collectivité (R. 5311-28) ou interdépartemental (R. 5311-35), celui qui exige de
    « garantir la représentation de chacune des catégories ». Outre-mer, l'article de composition
    est cité avec celui qui l'adapte (« R. 5311-32, R. 5523-15-31 » : au comité local de Guyane,
    de Martinique et de Mayotte, la collectivité unique remplace la région et le département, 2° ;
    « R. 5311-23, R. 5523-15-3 » en Guadeloupe et à La Réunion)."""
    if comite.niveau == "departemental" and comite.collectivite:
        return "R. 5311-28"
    if comite.niveau == "local" and len(set(comite.departements or ())) > 1:
        return "R. 5311-35"
    return compo.article


def _categories_a_verifier(
    ctx: Contexte,
) -> Iterator[tuple[Document, Comite, cat.Composition, Droit, dict[str, list[int]]]]:
    """(doc, comité, composition, droit, membres en fonction par collège)."""
    for doc, comite in ctx.comites():
        droit = ctx.droit_composition(comite)
        if droit is None:
            continue
        compo = cat.composition(comite)
        par_college: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(comite.membres):
            if occupe_siege(comite, i, ctx.date):
                par_college[m.college].append(i)
        yield doc, comite, compo, droit, par_college


#: catégories vérifiées par d'autres règles (un représentant par EPCI, par département)
_AILLEURS = ("un_par_epci", "un_par_departement")


@regle(
    id="categorie-manquante", gravite=Gravite.ERREUR,
    article="R. 5311-17, R. 5311-23, R. 5311-32, R. 5311-28",
    titre="Chaque catégorie de membres que le texte énumère est représentée",
    exemple=EXEMPLE_CDE_BELFORT + "# ni représentant de la région (2°), ni organisations syndicales et patronales (5°),"
    " ni France Travail, mission locale, Cap emploi\n",
)
def categorie_manquante(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-17 (CRE), R. 5311-23 (CDE) et R. 5311-32 (CLE) énumèrent ce que le comité
    « comprend » : chaque catégorie doit avoir au moins un membre en fonction ; R. 5311-28 (comité
    d'une collectivité à compétences départementales) et R. 5311-35 (comité local
    interdépartemental) exigent de « garantir la représentation de chacune des catégories ».
    Outre-mer : R. 5523-15-3, -10, -23 et -35 (une catégorie propre à certains territoires ne
    l'est qu'à eux) ; CREFOP renommé : R. 6123-3-3. Les représentants des départements au comité
    régional (un par département) et des EPCI au comité local (un par EPCI) sont vérifiés par
    crefop-departements-representes et epci-un-membre."""
    for doc, comite, compo, droit, par_college in _categories_a_verifier(ctx):
        article = _article_obligation(comite, compo)
        garantie = article in ("R. 5311-28", "R. 5311-35")  # « chacune des catégories »
        for c in compo.table:
            if not (c.obligatoire or garantie) or c.nombre in _AILLEURS:
                continue
            if comite.niveau == "regional" and c.colleges == ("departement",):
                continue
            colleges_admis = c.colleges
            if getattr(comite, "collectivite", None) == "corse" and set(c.colleges) & {"region", "departement"}:
                # la Collectivité de Corse est à la fois la région et le département (R. 5311-28,
                # R. 5311-29) : ses représentants valent pour les deux catégories
                colleges_admis = ("region", "departement")
            if not any(par_college.get(college) for college in colleges_admis):
                colleges = " ou ".join(f"`college: {college}`" for college in c.colleges)
                yield ctx.constat(
                    doc, ("membres",),
                    f"aucun membre en fonction au titre du {c.rang} de {compo.article.split(',')[0]} "
                    f"({c.libelle}) : la catégorie est obligatoire ({article}) ; ajoutez-le ({colleges})",
                    chiffres={"categorie": c.rang, "colleges": list(c.colleges)},
                    cible=Cible.CLE, article=article, droit=droit,
                )


@regle(
    id="categorie-nombre", gravite=Gravite.ERREUR, article="R. 5311-23, R. 6123-3-3",
    titre="Une catégorie que le texte limite à un membre (ou à un nombre fixé) n'en a pas davantage",
    exemple=EXEMPLE_CDE_BELFORT + "  - {nom: F, qualite: Président de la mission locale de Belfort, college: mission_locale}\n"
    "  - {nom: G, qualite: Présidente de la mission locale du Sud, college: mission_locale}\n"
    "# R. 5311-23 8° : « Un représentant de l'une des missions locales du département »\n",
)
def categorie_nombre(ctx: Contexte) -> Iterator[Constat]:
    """Le texte fixe parfois le nombre de membres d'une catégorie : « un représentant de l'une des
    missions locales du département » (R. 5311-23 8°), « le directeur régional de France Travail »
    (R. 5311-17 6°, R. 5311-23 7°, R. 5311-32 6°), et au CREFOP devenu comité régional pour
    l'emploi « six représentants de la région », « six représentants de l'État », « un représentant
    de chaque organisation », « deux représentants des organisations syndicales intéressées »,
    « un représentant pour chacun des trois réseaux consulaires », « deux personnalités
    qualifiées » (R. 6123-3-3 ; nombres : paramètres `crefop.*`). Erreur au-delà (et, pour un
    nombre fixé, en deçà) ; l'absence d'une catégorie relève de categorie-manquante."""
    for doc, comite, compo, droit, par_college in _categories_a_verifier(ctx):
        for c in compo.table:
            indices = sorted(i for college in c.colleges for i in par_college.get(college, ()))
            if c.nombre == "un_par_organisation":
                yield from _une_par_organisation(ctx, doc, comite, compo, c, indices, droit)
                continue
            attendu = _nombre_attendu(c, droit)
            if attendu is None or not indices:
                continue
            exact = (c.nombre or "").startswith("parametre:")
            if len(indices) > attendu or (exact and len(indices) < attendu):
                chemin: Chemin = ("membres", indices[attendu]) if len(indices) > attendu else ("membres",)
                yield ctx.constat(
                    doc, chemin,
                    f"{len(indices)} membres en fonction au titre du {c.rang} de {compo.article.split(',')[0]} "
                    f"({c.libelle}) : {'exactement' if exact else 'au plus'} {attendu}",
                    chiffres={"categorie": c.rang, "trouve": len(indices), "attendu": attendu},
                    cible=Cible.VALEUR if len(indices) > attendu else Cible.CLE,
                    article=f"{compo.article.split(',')[0]} {c.rang}", droit=droit,
                )


def _nombre_attendu(c: cat.Categorie, droit: Droit) -> int | None:
    if c.nombre == "un":
        return 1
    if c.nombre and c.nombre.startswith("parametre:"):
        nombre: int | None = droit(c.nombre.removeprefix("parametre:"))
        return nombre
    return None


def _une_par_organisation(ctx: Contexte, doc: Document, comite: Comite, compo: cat.Composition, c: cat.Categorie,
                          indices: list[int], droit: Droit) -> Iterator[Constat]:
    """R. 6123-3-3 3° a à c : un représentant de chaque organisation représentative."""
    limite = droit("crefop.representants_par_organisation")
    par_org: dict[str, list[int]] = defaultdict(list)
    for i in indices:
        m = comite.membres[i]
        sigle = identifier(m.organisation, m.sigle)
        if sigle:
            par_org[sigle].append(i)
    for sigle, membres in par_org.items():
        for i in membres[limite:]:
            yield ctx.constat(
                doc, ("membres", i),
                f"{len(membres)} représentants de {sigle} au titre du {c.rang} de {compo.article} : "
                f"{limite} par organisation",
                chiffres={"organisation": sigle, "trouve": len(membres), "limite": limite},
                article=f"{compo.article} {c.rang}", droit=droit,
            )
