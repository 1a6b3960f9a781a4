"""Voix délibératives : qui vote et combien (R. 5311-37 à R. 5311-39 ; outre-mer R. 5523-15-4,
-12, -25, -37), et paramètres d'audience (R. 5311-38 3° et 4°).

Le calcul est dans `cte_cli.droit.voix` ; ces règles comparent les `voix` du fichier à ce qu'il
exige. Les égalités ne se vérifient qu'une fois toutes les voix du comité fixées
(`voix-non-fixees`, `voix-incompletes` sinon). Les messages qui dépendent de la répartition
nomment le jeu de paramètres utilisé ; `chiffres.parametres` le porte dans tous les constats.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cte_cli.constats import Chemin, Cible, Constat, Gravite
from cte_cli.droit.voix import Analyse, analyser, plus_forte_moyenne
from cte_cli.rules._exemples import EXEMPLE_CDE_VOIX
from cte_cli.rules.registry import VIGUEUR_METROPOLE, Contexte, regle

if TYPE_CHECKING:
    from cte_cli.loading.depot import Document
    from cte_cli.model import Comite
    from cte_cli.referentiel.parametres_legaux import Droit


def _analyses(ctx: Contexte) -> Iterator[tuple[Document, Comite, Analyse]]:
    """(document, comité, analyse) des comités en vigueur qui ont une répartition de voix,
    calculées une fois par contexte au jour de l'arrêté de composition (droit applicable) avec
    les membres en fonction à la date de contrôle ; la vue du droit de chaque comité est rouverte
    pour que les constats disent les valeurs remplacées et les lectures utilisées."""
    def calcul() -> list[tuple[Document, Comite, Analyse, Droit]]:
        resultat: list[tuple[Document, Comite, Analyse, Droit]] = []
        for doc, comite in ctx.comites():
            droit = ctx.droit_composition(comite)
            if droit is None:
                continue
            analyse = analyser(comite, _audiences(ctx, comite), droit, ctx.date)
            if analyse is not None:
                resultat.append((doc, comite, analyse, droit))
        return resultat

    for doc, comite, analyse, droit in ctx.memo("analyses des voix", calcul):
        ctx._vue = droit
        yield doc, comite, analyse


def _audiences(ctx: Contexte, comite: Any) -> Any:
    """Le jeu d'audiences qui s'applique aux voix du comité : celui en vigueur le jour de l'arrêté
    fixant les voix (`arrete_voix`, un acte se juge au jour où il est pris), à défaut celui de la
    date de contrôle. `cte voix --date` recalcule avec un jeu plus récent."""
    from cte_cli.referentiel.parametres import parametres_en_vigueur

    arrete = getattr(comite, "arrete_voix", None)
    if arrete is None or arrete.date >= ctx.date:
        return ctx.parametres
    return ctx.memo(("audiences", arrete.date), lambda: parametres_en_vigueur(ctx.documents, arrete.date))


def _mention(analyse: Analyse) -> str:
    return f" — paramètres {analyse.parametres.libelle()}"


def _correction(analyse: Analyse) -> str:
    """Fin des messages de répartition : la commande qui corrige, puis le jeu de paramètres."""
    return f" ; « cte voix {analyse.comite.id} » propose une répartition conforme" + _mention(analyse)


def _chiffres(analyse: Analyse, **valeurs: Any) -> dict[str, Any]:
    return {**valeurs, "parametres": analyse.parametres.id}


#: les constats sur un total de comité désignent la clé `membres`
MEMBRES = ("membres",)


@regle(
    id="voix-sans-voix-deliberative", gravite=Gravite.ERREUR, article="R. 5311-37",
    titre="Seuls les membres des catégories votantes ont des voix",
    exemple=EXEMPLE_CDE_VOIX + "  - {nom: Paul Henry, qualite: Directeur territorial de France Travail, "
    "college: france_travail, voix: 1}\n",
)
def voix_sans_voix_deliberative(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-37 : outre les présidents, seuls votent les membres des 1° à 4° de R. 5311-17
    (CRE), des 1° à 5° de R. 5311-23 (CDE) et des 1° à 5° de R. 5311-32 (CLE). France Travail,
    les missions locales, Cap emploi et les employeurs multiprofessionnels n'ont pas de voix ;
    les invités non plus (ils n'ont pas de clé `voix`). Outre-mer : R. 5523-15-4, -12, -25, -37
    (les organisations d'employeurs représentatives au seul niveau régional ne votent pas)."""
    for doc, _comite, an in _analyses(ctx):
        reg = an.regime
        for s in an.sieges:
            if s.votant or not s.voix:
                continue
            if s.employeur_regional:
                raison = (f"organisation d'employeurs représentative au niveau régional, sans voix "
                          f"délibérative ({reg.article_regional})")
                article = reg.article_regional
            else:
                raison = (f"le collège {s.college} n'a pas voix délibérative ({reg.article_votants} : "
                          f"seuls votent les présidents et les membres des {reg.categories_votantes})")
                article = reg.article_votants
            yield ctx.constat(
                doc, ("membres", s.indice, "voix"), f"{s.designation()} : {s.voix} voix, mais {raison}",
                chiffres=_chiffres(an, trouve=s.voix, attendu=0), article=article,
            )


@regle(
    id="voix-nulle", gravite=Gravite.ERREUR, article="R. 5311-37",
    titre="Un membre ayant voix délibérative a au moins une voix",
    exemple=EXEMPLE_CDE_VOIX.replace("Maire de Delle, college: communes, voix: 4",
                                                 "Maire de Delle, college: communes, voix: 0"),
)
def voix_nulle(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-37 donne voix délibérative aux membres des catégories votantes : `voix: 0` les
    en prive. Pour retirer un membre du vote, il faut le retirer de la catégorie."""
    for doc, _comite, an in _analyses(ctx):
        for s in an.votants:
            if s.voix == 0:
                yield ctx.constat(
                    doc, ("membres", s.indice, "voix"),
                    f"{s.designation()} : 0 voix, alors que les membres des "
                    f"{an.regime.categories_votantes} ont voix délibérative ({an.regime.article_votants}) ; "
                    "au moins une voix", chiffres=_chiffres(an, trouve=0, minimum=1),
                    article=an.regime.article_votants,
                )


@regle(
    id="voix-non-fixees", gravite=Gravite.INFO, article="R. 5311-38, R. 5311-39",
    titre="Les voix du comité ne sont pas encore fixées",
    exemple=EXEMPLE_CDE_VOIX.replace(", voix: 14", "").replace(", voix: 3", "")
    .replace(", voix: 7", "").replace(", voix: 4", ""),
)
def voix_non_fixees(ctx: Contexte) -> Iterator[Constat]:
    """Aucun membre votant n'a de `voix` : le représentant de l'État ne les a pas encore
    arrêtées (R. 5311-38, R. 5311-39). Un seul constat par comité ; `cte voix` les calcule."""
    for doc, comite, an in _analyses(ctx):
        votants = an.votants
        if votants and all(s.voix is None for s in votants):
            yield ctx.constat(
                doc, MEMBRES,
                f"voix non encore fixées : aucun des {len(votants)} membres ayant voix délibérative n'a de "
                f"`voix` ; « cte voix {comite.id} » calcule la répartition de {an.regime.article_arrete}"
                + _mention(an), chiffres=_chiffres(an, votants=len(votants)), cible=Cible.CLE,
                article=an.regime.article_arrete,
            )


@regle(
    id="voix-incompletes", gravite=Gravite.AVERTISSEMENT, article="R. 5311-38, R. 5311-39",
    titre="Les voix sont fixées pour tous les membres votants ou pour aucun",
    exemple=EXEMPLE_CDE_VOIX.replace(", voix: 4", ""),
)
def voix_incompletes(ctx: Contexte) -> Iterator[Constat]:
    """Certains membres votants ont des `voix`, d'autres non : les égalités de R. 5311-38 ou
    R. 5311-39 ne peuvent pas être vérifiées. Un seul constat par comité, sur le premier
    membre sans voix, avec les numéros des autres."""
    for doc, comite, an in _analyses(ctx):
        sans = [s for s in an.votants if s.voix is None]
        if sans and len(sans) < len(an.votants):
            numeros = ", ".join(str(s.numero) for s in sans)
            yield ctx.constat(
                doc, ("membres", sans[0].indice),
                f"voix fixées pour {len(an.votants) - len(sans)} des {len(an.votants)} membres ayant voix "
                f"délibérative ; sans `voix` : membre(s) n° {numeros} ; les égalités de {an.regime.article_arrete} "
                f"ne sont vérifiées qu'une fois toutes les voix fixées (« cte voix {comite.id} »)"
                + _mention(an), chiffres=_chiffres(an, sans_voix=len(sans), votants=len(an.votants)),
                article=an.regime.article_arrete,
            )


def _completes(ctx: Contexte) -> Iterator[tuple[Document, Comite, Analyse]]:
    for doc, comite, an in _analyses(ctx):
        if an.votants and an.fixees:
            yield doc, comite, an


def _detail_collectivites(an: Analyse) -> str:
    parts = [f"{_LIBELLES_COLLEGES.get(c, c)} {v}" for c, v in an.par_college("collectivites").items()]
    return " + ".join(parts) if parts else "aucune"


_LIBELLES_COLLEGES = {"region": "région", "departement": "département", "communes": "communes", "epci": "EPCI"}


@regle(
    id="voix-etat-collectivites", gravite=Gravite.ERREUR, article="R. 5311-38 1°, R. 5311-39 1°",
    titre="L'État a autant de voix que les collectivités territoriales et leurs groupements",
    exemple=EXEMPLE_CDE_VOIX.replace("voix: 14", "voix: 12"),
)
def voix_etat_collectivites(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-38 1° (CRE, CDE) et R. 5311-39 1° (CLE) : le nombre de voix des représentants de
    l'État est égal au total des voix des représentants des collectivités territoriales et de
    leurs groupements (région, département, communes, EPCI). Les présidents ne comptent pas."""
    for doc, _comite, an in _completes(ctx):
        etat, coll = an.total("etat"), an.total("collectivites")
        if etat != coll:
            yield ctx.constat(
                doc, MEMBRES,
                f"l'État a {etat} voix, les collectivités {coll} ({_detail_collectivites(an)}) : "
                f"{an.regime.alinea('1°')} exige autant de voix pour l'État que pour les collectivités "
                "et leurs groupements" + _correction(an),
                chiffres=_chiffres(an, etat=etat, collectivites=coll), cible=Cible.CLE,
                article=an.regime.alinea("1°"),
            )


@regle(
    id="voix-etat-partenaires-sociaux", gravite=Gravite.ERREUR, article="R. 5311-38 1°",
    titre="L'État a autant de voix que les syndicats et les employeurs réunis",
    exemple=EXEMPLE_CDE_VOIX + "  - {nom: Eva Morel, qualite: Secrétaire UD, college: "
    "syndicat_salaries, organisation: CFDT, voix: 2}\n",
)
def voix_etat_partenaires_sociaux(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-38 1°, seconde phrase : le nombre de voix de l'État est aussi égal au total des
    voix des organisations syndicales de salariés et des organisations professionnelles
    d'employeurs (CRE, CDE, comités d'outre-mer)."""
    for doc, _comite, an in _completes(ctx):
        if an.regime.local:
            continue
        etat, syn, emp = an.total("etat"), an.total("syndicats"), an.total("employeurs")
        if etat != syn + emp:
            yield ctx.constat(
                doc, MEMBRES,
                f"l'État a {etat} voix, les syndicats et les employeurs {syn + emp} ({syn} + {emp}) : "
                f"{an.regime.alinea('1°')} exige autant de voix pour l'État que pour les organisations "
                "syndicales et patronales réunies" + _correction(an),
                chiffres=_chiffres(an, etat=etat, syndicats=syn, employeurs=emp), cible=Cible.CLE,
                article=an.regime.alinea("1°"),
            )


@regle(
    id="voix-syndicats-employeurs", gravite=Gravite.ERREUR, article="R. 5311-38 2°",
    titre="Les syndicats de salariés et les organisations d'employeurs ont le même total de voix",
    exemple=EXEMPLE_CDE_VOIX + "  - {nom: Eva Morel, qualite: Secrétaire UD, college: "
    "syndicat_salaries, organisation: CFDT, voix: 2}\n",
)
def voix_syndicats_employeurs(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-38 2° : les représentants des organisations syndicales de salariés d'une part,
    ceux des organisations professionnelles d'employeurs d'autre part, disposent du même
    nombre total de voix (outre-mer, les syndicats régionaux comptent avec les syndicats)."""
    for doc, _comite, an in _completes(ctx):
        if an.regime.local:
            continue
        syn, emp = an.total("syndicats"), an.total("employeurs")
        if syn != emp:
            yield ctx.constat(
                doc, MEMBRES,
                f"les syndicats de salariés ont {syn} voix, les organisations d'employeurs {emp} : "
                f"{an.regime.alinea('2°')} leur donne le même total" + _correction(an),
                chiffres=_chiffres(an, syndicats=syn, employeurs=emp), cible=Cible.CLE,
                article=an.regime.alinea("2°"),
            )


@regle(
    id="voix-collectivite-majoritaire", gravite=Gravite.ERREUR, article="R. 5311-38 5°, R. 5311-39 2°",
    titre="La collectivité désignée par le décret détient au moins la moitié des voix des collectivités",
    exemple=EXEMPLE_CDE_VOIX.replace("college: region, voix: 3", "college: region, voix: 5")
    .replace("college: departement, voix: 7", "college: departement, voix: 5"),
)
def voix_collectivite_majoritaire(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-38 5° : au CRE la région, au CDE le département (ou la collectivité de
    R. 5311-28) disposent d'au moins la moitié des voix des collectivités ; R. 5311-39 2° : au
    CLE, les EPCI et communes (4° et 5° de R. 5311-32) ont au moins autant de voix que la région
    et le département (2° et 3°). Outre-mer (R. 5523-15-25, -37) : la collectivité unique.
    Le comité territorial de L. 5523-7, qui tient lieu de CRE et de CDE, n'a pas de règle :
    R. 5523-15-12 renvoie à R. 5311-38 sans adapter le 5°, qui ne vise que les comités régional
    et départemental (lecture `interpretation.dominante_territorial_l5523_7`, `aucune` par défaut ;
    un dépôt peut retenir `region_et_departement`, la région et le département ensemble)."""
    for doc, _comite, an in _completes(ctx):
        reg = an.regime
        if not reg.dominants:
            continue
        total = an.total("collectivites")
        part = an.total("collectivites", reg.dominants)
        minimum = an.minimum_dominant(total)
        if part < minimum:
            if reg.local:
                texte = (f"les EPCI et les communes ont {part} voix, la région et le département "
                         f"{total - part} : R. 5311-39 2° exige que les 4° et 5° de R. 5311-32 en aient "
                         "au moins autant que les 2° et 3°")
            else:
                pluriel = " et " in an.libelle_dominants  # « la région et le département ont »
                texte = (f"{an.libelle_dominants} {'ont' if pluriel else 'a'} {part} voix sur les {total} des "
                         f"collectivités ({_detail_collectivites(an)}) : {reg.article_dominants} "
                         f"{'leur' if pluriel else 'lui'} en réserve au moins "
                         f"{an.part_dominante}, soit {minimum}")
            yield ctx.constat(
                doc, MEMBRES, texte + _correction(an),
                chiffres=_chiffres(an, trouve=part, total=total, minimum=minimum), cible=Cible.CLE,
                article=reg.article_dominants,
            )


@regle(
    id="voix-plus-forte-moyenne", gravite=Gravite.ERREUR, article="R. 5311-38 3° et 4°",
    titre="Chaque organisation syndicale ou patronale a les voix de la plus forte moyenne sur son audience",
    exemple="  - {nom: A, qualite: UD CFDT, college: syndicat_salaries, organisation: CFDT, voix: 1}\n"
    "  - {nom: B, qualite: UD CGT, college: syndicat_salaries, organisation: CGT, voix: 1}\n"
    "# 2 voix à la plus forte moyenne entre CFDT (30,88 %) et CGT (25,70 %) : 1 et 1 ; 3 voix : 2 et 1",
)
def voix_plus_forte_moyenne(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-38 3° : chaque organisation syndicale représentative au niveau national et
    interprofessionnel a des voix proportionnelles à son audience, à la plus forte moyenne ;
    4° : chaque organisation d'employeurs, selon 30 % de ses entreprises adhérentes et 70 % de
    leurs salariés, à la plus forte moyenne. Le total réparti est celui que le comité donne au
    collège ; les poids viennent du jeu de paramètres en vigueur. Outre-mer, chaque syndicat
    représentatif au niveau régional a une voix (R. 5523-15-4, -12, -25, -37)."""
    for doc, _comite, an in _analyses(ctx):
        if an.regime.local:
            continue
        yield from _regionales(ctx, doc, an)
        for groupe, alinea in (("syndicats", "3°"), ("employeurs", "4°")):
            yield from _organisations(ctx, doc, an, groupe, alinea)


def _regionales(ctx: Contexte, doc: Document, an: Analyse) -> Iterator[Constat]:
    for nom, representants in an.regionales().items():
        voix = [s.voix for s in representants]
        if None in voix or sum(v or 0 for v in voix) == 1:
            continue
        s = representants[0]
        yield ctx.constat(
            doc, ("membres", s.indice, "voix"),
            f"{s.designation()} : organisation syndicale représentative au niveau régional, {sum(v or 0 for v in voix)} "
            f"voix ; {an.regime.article_regional} lui en donne une" + _mention(an),
            chiffres=_chiffres(an, organisation=nom, trouve=sum(v or 0 for v in voix), attendu=1),
            article=an.regime.article_regional,
        )


def _organisations(ctx: Contexte, doc: Document, an: Analyse, groupe: str, alinea: str) -> Iterator[Constat]:
    presentes = an.organisations(groupe)
    sieges = an.du_groupe(groupe)
    if not presentes or any(s.voix is None for s in sieges) or any(
        s.cle is None and not s.regionale for s in sieges
    ):
        return  # voix incomplètes ou organisation non reconnue : d'autres constats le disent
    regionales = sum(s.voix or 0 for s in sieges if s.regionale)
    total = sum(s.voix or 0 for s in sieges) - regionales
    poids = an.poids(groupe)
    # même répartition pour tous les comités de même audience et de même total : une fois
    rep = ctx.memo(("plus forte moyenne", tuple(poids.items()), total), lambda: plus_forte_moyenne(poids, total))
    trouve = {org: sum(s.voix or 0 for s in reps) for org, reps in presentes.items()}
    if rep.admet(trouve):
        return
    article = an.regime.alinea(alinea)
    base = "leur audience" if groupe == "syndicats" else "30 % des entreprises adhérentes et 70 % des salariés"
    for org, reps in presentes.items():
        if rep.minimum(org) <= trouve[org] <= rep.maximum(org):
            continue
        plusieurs = f" (somme de ses {len(reps)} représentants)" if len(reps) > 1 else ""
        yield ctx.constat(
            doc, ("membres", reps[0].indice, "voix"),
            f"{org} a {trouve[org]} voix{plusieurs}, attendu {rep.attendu(org)} : répartition de "
            f"{total} voix des {_LIBELLES_GROUPE[groupe]} à la plus forte moyenne selon {base} "
            f"({article})" + _correction(an),
            chiffres=_chiffres(an, organisation=org, trouve=trouve[org], attendu=rep.attribution[org],
                               total=total),
            article=article,
        )


_LIBELLES_GROUPE = {"syndicats": "syndicats de salariés", "employeurs": "organisations d'employeurs"}


@regle(
    id="organisation-representative-absente", gravite=Gravite.AVERTISSEMENT,
    article="R. 5311-17 4° et 5°, R. 5311-23 5° et 6°",
    titre="Le comité comprend des représentants de l'ensemble des organisations représentatives",
    exemple=EXEMPLE_CDE_VOIX + "".join(
        f"  - {{nom: {nom}, qualite: Représentant {org}, college: {college}, organisation: {org}}}\n"
        for nom, org, college in (
            ("Eva Morel", "CFDT", "syndicat_salaries"), ("Léa Bernard", "CGT-FO", "syndicat_salaries"),
            ("Hugo Perrin", "CFE-CGC", "syndicat_salaries"), ("Zoé Lambert", "CFTC", "syndicat_salaries"),
            ("Marc Girard", "MEDEF", "organisation_employeurs"), ("Sophie Caron", "CPME", "organisation_employeurs"),
            ("Louis Mercier", "U2P", "organisation_employeurs"),
        )
    ) + "# aucun représentant de la CGT\n",
)
def organisation_representative_absente(ctx: Contexte) -> Iterator[Constat]:
    """R. 5311-17 4° (CRE) et R. 5311-23 5° (CDE) : le comité comprend des représentants de
    « l'ensemble » des organisations syndicales et patronales représentatives au niveau national
    et interprofessionnel (la liste est celle du jeu de paramètres). Avertissement : le préfet
    nomme sur proposition de l'organisation et ne peut pas pallier son refus. La plus forte
    moyenne se calcule entre les organisations présentes, qui se partagent les voix du collège.
    De même pour « l'ensemble » des organisations d'employeurs représentatives au niveau national
    et multiprofessionnel (R. 5311-17 5°, R. 5311-23 6° ; table `organisations.yaml`). Outre-mer,
    le comité comprend aussi des représentants des organisations syndicales de salariés
    représentatives au niveau régional et interprofessionnel (R. 5523-15-3 1° c, R. 5523-15-10 7°,
    R. 5523-15-23 6°, R. 5523-15-35 6°) : avertissement si aucune de celles que la table connaît
    pour la région n'y siège."""
    for doc, comite, an in _analyses(ctx):
        reg = an.regime
        if not reg.local:
            yield from _syndicats_regionaux_absents(ctx, doc, comite)
        if reg.local or reg.article_ensemble is None:
            continue
        yield from _multipro_absentes(ctx, doc, comite, an)
        for groupe, libelle in (("syndicats", "organisations syndicales de salariés"),
                                ("employeurs", "organisations professionnelles d'employeurs")):
            for org in an.absentes(groupe):
                college = "syndicat_salaries" if groupe == "syndicats" else "organisation_employeurs"
                yield ctx.constat(
                    doc, MEMBRES,
                    f"aucun représentant de {org} (collège {college}) : le comité comprend des représentants "
                    f"de l'ensemble des {libelle} représentatives au niveau national et interprofessionnel "
                    f"({reg.article_ensemble}) ; si l'organisation n'a pas proposé de représentant, "
                    "mentionnez-le dans l'arrêté" + _mention(an),
                    chiffres=_chiffres(an, organisation=org), cible=Cible.CLE, article=reg.article_ensemble,
                )


#: article d'outre-mer qui fait entrer au comité les syndicats représentatifs au niveau régional,
#: par table de composition (`droit.categories.cle_composition`)
ARTICLES_SYNDICATS_REGIONAUX = {
    "regional_L5523_7": "R. 5523-15-3 1° c", "departemental_L5523_7": "R. 5523-15-3 1° c",
    "territorial_L5523_7": "R. 5523-15-10 7°", "territorial_L5523_8": "R. 5523-15-23 6°",
    "territorial_unique": "R. 5523-15-35 6°",
}


def _syndicats_regionaux_absents(ctx: Contexte, doc: Any, comite: Any) -> Iterator[Constat]:
    """Outre-mer : aucun membre d'une organisation syndicale représentative au niveau régional
    et interprofessionnel connue de la table pour la région (la catégorie est au comité)."""
    from cte_cli.droit.categories import cle_composition
    from cte_cli.droit.membres import occupe_siege
    from cte_cli.droit.organisations import identifier, syndicats_regionaux

    article = ARTICLES_SYNDICATS_REGIONAUX.get(cle_composition(comite))
    if article is None:
        return
    connues = syndicats_regionaux(comite.region)
    presentes = {identifier(m.organisation, getattr(m, "sigle", None)) for i, m in enumerate(comite.membres)
                 if m.college == "syndicat_salaries" and occupe_siege(comite, i, ctx.date)}
    if connues and not presentes & set(connues):
        yield ctx.constat(
            doc, MEMBRES,
            "aucun représentant d'une organisation syndicale de salariés représentative au niveau régional et "
            f"interprofessionnel ({', '.join(connues)}) : le comité en comprend ({article}) et chacune y dispose "
            "d'une voix ; si aucune n'a proposé de représentant, mentionnez-le dans l'arrêté",
            chiffres={"organisations": connues}, cible=Cible.CLE, article=article,
        )


def _multipro_absentes(ctx: Contexte, doc: Any, comite: Any, an: Analyse) -> Iterator[Constat]:
    from cte_cli.droit.membres import occupe_siege
    from cte_cli.droit.organisations import identifier, table

    article = "R. 5311-17 5°" if comite.niveau == "regional" else "R. 5311-23 6°"
    presentes = {identifier(m.organisation, getattr(m, "sigle", None)) for i, m in enumerate(comite.membres)
                 if m.college == "organisation_employeurs_multipro" and occupe_siege(comite, i, ctx.date)}
    attendues = sorted(o for o, x in table().items() if x.type == "employeurs_multipro" and x.niveau == "national")
    for org in attendues:
        if org not in presentes:
            yield ctx.constat(
                doc, MEMBRES,
                f"aucun représentant de {org} (collège organisation_employeurs_multipro) : le comité comprend des "
                "représentants de l'ensemble des organisations professionnelles d'employeurs représentatives au "
                f"niveau national et multiprofessionnel ({article}) ; si l'organisation n'a pas proposé de "
                "représentant, mentionnez-le dans l'arrêté",
                chiffres={"organisation": org}, cible=Cible.CLE, article=article,
            )


@regle(
    id="organisation-hors-parametres", gravite=Gravite.AVERTISSEMENT, article="R. 5311-38 3° et 4°",
    titre="L'organisation d'un représentant syndical ou patronal figure dans les paramètres d'audience",
    exemple="  - {nom: A, qualite: Secrétaire départemental, college: syndicat_salaries, "
    "organisation: UNSA, voix: 1}",
)
def organisation_hors_parametres(ctx: Contexte) -> Iterator[Constat]:
    """Les voix d'une organisation se calculent sur son audience nationale (R. 5311-38 3° et 4°) :
    chaque membre des collèges syndical et patronal interprofessionnel doit nommer, dans
    `organisation`, une organisation du jeu de paramètres (sigle ou nom : « FO », « Force
    ouvrière » et « UD CGT-FO » désignent CGT-FO). Une organisation absente n'est pas
    représentative au niveau national et interprofessionnel, ou le nom est mal écrit, ou les
    paramètres sont à compléter. Outre-mer, une organisation hors paramètres est tenue pour
    représentative au niveau régional."""
    from cte_cli.droit.voix import regionale_d_ailleurs
    from cte_cli.referentiel import geographie
    from cte_cli.suggestions import suggestion

    for doc, comite, an in _analyses(ctx):
        for s in an.inconnues():
            cles = list(an.parametres.syndicats_salaries if s.groupe == "syndicats"
                        else an.parametres.organisations_employeurs)
            chemin: Chemin
            ailleurs = regionale_d_ailleurs(s.sigle, comite.region)
            if ailleurs is not None:
                chemin = ("membres", s.indice, "organisation" if s.organisation else "sigle")
                geo = geographie()
                lieux = ", ".join(_dans(geo.regions[t].nom if t in geo.regions else t) for t in ailleurs.territoires)
                texte = (f"{s.designation()} : « {ailleurs.sigle} » est une organisation représentative au niveau "
                         f"régional {lieux}, pas dans ce comité : elle n'y est pas représentative et ses voix ne "
                         "peuvent pas être calculées")
            elif s.organisation:
                chemin = ("membres", s.indice, "organisation")
                texte = (f"{s.designation()} : organisation « {s.organisation} » absente des organisations "
                         f"représentatives des paramètres ({', '.join(cles)}) ; ses voix ne peuvent pas être "
                         f"calculées{suggestion(s.organisation, cles)}")
            else:
                chemin = ("membres", s.indice)
                texte = (f"{s.designation()} du collège {s.college} sans `organisation` : indiquez "
                         f"l'organisation ({', '.join(cles)}) pour calculer ses voix")
            yield ctx.constat(
                doc, chemin, texte + _mention(an),
                chiffres=_chiffres(an, organisation=s.organisation), article=an.regime.alinea(
                    "3°" if s.groupe == "syndicats" else "4°"),
            )


def _dans(nom: str) -> str:
    """« en Guadeloupe », « à La Réunion », « à Mayotte », « à Saint-Martin »."""
    return f"à {nom}" if nom.startswith(("La ", "Mayotte", "Saint-")) else f"en {nom}"


@regle(
    id="parametres-a-verifier", gravite=Gravite.AVERTISSEMENT, article="R. 5311-38 3° et 4°",
    titre="Les paramètres d'audience en vigueur ont été vérifiés il y a moins d'un an",
    vigueur=VIGUEUR_METROPOLE,
    exemple="# date: 2026-11-22\n# fichier: parametres.yaml\ntype: parametres\nid: audiences-2024\n"
    "valable_du: 2024-07-01\nverifie_le: 2024-07-15\nsource: arrêté du 28 juillet 2021 (syndicats), mesure 2021 "
    "(employeurs)\nsyndicats_salaries: {CFDT: 31.03, CGT: 26.59, CGT-FO: 17.64, CFE-CGC: 13.77, CFTC: 11.00}\n"
    "# fichier: cde-90.yaml\n" + EXEMPLE_CDE_VOIX,
)
def parametres_a_verifier(ctx: Contexte) -> Iterator[Constat]:
    """Les audiences changent (arrêtés de représentativité tous les quatre ans) : le jeu en
    vigueur à la date de contrôle doit avoir été vérifié (`verifie_le`) dans l'année (choix de cte,
    `cte.age_max_parametres_jours`). Signalé
    aussi quand aucun jeu n'est valable à la date de contrôle (le plus ancien est alors utilisé).
    Seulement si un comité en vigueur répartit des voix selon R. 5311-38."""
    if not any(not an.regime.local for _d, _c, an in _analyses(ctx)):
        return
    jeu = ctx.parametres
    doc = jeu.document
    if doc is None:
        return
    age = (ctx.date - jeu.verifie_le).days
    age_max = ctx.droit(ctx.date)("cte.age_max_parametres_jours")
    if age_max is not None and age > age_max:
        conseil = ("mettez cte à jour ou ajoutez au dépôt un fichier `type: parametres`" if jeu.par_defaut
                   else "revérifiez les chiffres et leur source, puis mettez à jour `verifie_le`")
        yield ctx.constat(
            doc, ("verifie_le",),
            f"paramètres {jeu.libelle()} vérifiés le {jeu.verifie_le:%d/%m/%Y}, il y a {age} jours "
            f"(plus de {age_max} jours au {ctx.date:%d/%m/%Y}) : {conseil}",
            chiffres={"parametres": jeu.id, "age_jours": age, "limite_jours": age_max},
        )
    if jeu.anticipe:
        yield ctx.constat(
            doc, ("valable_du",),
            f"aucun jeu de paramètres n'est valable au {ctx.date:%d/%m/%Y} : le jeu {jeu.libelle()} est "
            "utilisé ; ajoutez au dépôt un fichier `type: parametres` avec les audiences de cette date",
            chiffres={"parametres": jeu.id, "valable_du": jeu.valable_du.isoformat()},
        )

