"""Les arrêtés du préfet : composition d'un comité (et arrêté modificatif d'un remplacement),
nombre de voix, ressort des comités locaux d'un département.

Chaque arrêté n'est produit que d'un dépôt sans erreur sur ce qu'il arrête (`cte validate` :
le fichier du comité ; pour le ressort, les comités du département et leur couverture) ; il
porte la référence et la date que donne le dépôt (`arrete`, `arrete_voix`, `arrete_ressort`,
`arrete` d'un membre nommé en remplacement), sinon des blancs visibles à compléter.

Les textes visés et les articles suivent le niveau et le territoire du comité :

- composition : R. 5311-17 et R. 5311-18 (comité régional), R. 5311-23 et R. 5311-24 (comité
  départemental ; R. 5311-28 et R. 5311-29 pour la Métropole de Lyon, Paris, l'Alsace et la
  Corse : avis du président de la collectivité, arrêté conjoint des préfets), R. 5311-32 et
  R. 5311-33 (comité local ; R. 5311-35 : arrêté conjoint d'un comité interdépartemental) ;
  outre-mer R. 5523-15-3, -10, -11, -23, -24, -35, -36 ; mandats de R. 5311-36 ;
- voix : R. 5311-37 à R. 5311-39 (outre-mer R. 5523-15-4, -12, -25, -37), avec le calcul ;
- ressort : L. 5311-10 I 3° et R. 5311-30 (outre-mer R. 5523-15-17-1 et R. 5523-15-31).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cte_cli.documents import dates
from cte_cli.documents.entete import de
from cte_cli.documents.typographie import nettoyer
from cte_cli.erreurs import CteErreur
from cte_cli.rules import categories as cat

ARTICLE_DELAI_RECOURS = "R. 421-1 du code de justice administrative"
NOMBRES = {1: "un", 2: "deux", 3: "trois", 4: "quatre", 6: "six"}
BLANC = "……………………"
BLANC_REFERENCE = "Arrêté n° ……………………"

LOI = "la loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi"
DECRET_PREFETS = ("le décret n° 2004-374 du 29 avril 2004 relatif aux pouvoirs des préfets, à l'organisation et "
                  "à l'action des services de l'État dans les régions et départements")
DECRET_CTE = "le décret n° 2024-560 du 18 juin 2024 relatif aux comités territoriaux pour l'emploi"
ORDONNANCE_OUTRE_MER = ("l'ordonnance n° 2024-534 du 12 juin 2024 portant adaptation de la loi n° 2023-1196 du "
                        "18 décembre 2023 pour le plein emploi en Guadeloupe, en Guyane, en Martinique, à Mayotte, "
                        "à La Réunion, à Saint-Barthélemy, à Saint-Martin et à Saint-Pierre-et-Miquelon")
DECRET_OUTRE_MER = "le décret n° 2024-1147 du 4 décembre 2024"

#: collectivité unique d'outre-mer : qui propose ses représentants (R. 5523-15-23 2°, R. 5523-15-35 2°)
PRESIDENTS_COLLECTIVITE_UNIQUE = {
    "02": "du président de l'assemblée de Martinique",
    "03": "du président de l'assemblée de Guyane",
    "06": "du président du conseil départemental de Mayotte",
    "975": "du président du conseil territorial de Saint-Pierre-et-Miquelon",
    "977": "du président du conseil territorial de Saint-Barthélemy",
    "978": "du président du conseil territorial de Saint-Martin",
}
NOMS_COLLECTIVITES = {"metropole-de-lyon": "de la Métropole de Lyon", "ville-de-paris": "de la Ville de Paris",
                      "alsace": "de la Collectivité européenne d'Alsace", "corse": "de la Collectivité de Corse"}


# --- territoire, textes communs ----------------------------------------------------------------


def outre_mer(comite: Any) -> bool:
    return (comite.niveau in ("territorial", "territorial_unique")
            or comite.region in (*cat.REGIONS_L5523_7, *cat.REGIONS_L5523_8, *cat.COLLECTIVITES_L5523_9))


def _geo() -> Any:
    from cte_cli.referentiel import geographie

    return geographie()


def nom_departement(geo: Any, code: str) -> str:
    dep = geo.departements.get(code)
    return dep.nom if dep else code


def nom_region(geo: Any, code: str) -> str:
    if code in geo.collectivites_outre_mer:
        return geo.collectivites_outre_mer[code].nom
    reg = geo.regions.get(code)
    return reg.nom if reg else code


def departements_prefets(comite: Any) -> list[str]:
    """Départements dont le préfet prend l'arrêté : un, ou plusieurs pour un arrêté conjoint
    (R. 5311-29 : Alsace, Corse ; R. 5311-35 : comité local interdépartemental)."""
    if comite.niveau in ("departemental", "local"):
        return list(comite.departements or [])
    return []


def _prefet_etat(comite: Any) -> Any:
    return next((p for p in comite.presidents if p.college == "etat"), None)


def _feminin(qualite: str) -> bool:
    return qualite.strip().lower().startswith(("préfète", "la préfète"))


def signataires(comite: Any, geo: Any) -> list[Any]:
    """Un signataire par préfet : celui du coprésident de l'État porte son nom s'il est le préfet
    lui-même ; les autres préfets d'un arrêté conjoint sont à compléter."""
    from cte_cli.documents.vue import Signataire

    etat = _prefet_etat(comite)
    qualite_etat = nettoyer(etat.qualite) if etat else ""
    est_prefet = qualite_etat.lower().startswith(("préfet", "préfète"))
    deps = departements_prefets(comite)
    if not deps:
        qualite = _article_qualite(qualite_etat) if est_prefet else (
            f"Le préfet {de(nom_region(geo, comite.region))}" if comite.region in geo.collectivites_outre_mer
            else _prefet_region(geo, comite.region))
        return [Signataire(qualite=qualite, nom=nettoyer(etat.nom) if etat and est_prefet else "")]
    resultat = []
    president_dep = (etat.departement if etat and etat.departement else deps[0])
    for code in deps:
        if code == president_dep and est_prefet:
            resultat.append(Signataire(qualite=_article_qualite(qualite_etat), nom=nettoyer(etat.nom)))
        else:
            resultat.append(Signataire(qualite=f"Le préfet {de(nom_departement(geo, code))}", nom=""))
    return resultat


def _prefet_region(geo: Any, region: str) -> str:
    reg = geo.regions.get(region)
    if reg is not None and reg.outre_mer:
        return f"Le préfet {de(reg.nom)}"
    return f"Le préfet de la région {nom_region(geo, region)}"


def _article_qualite(qualite: str) -> str:
    """« Préfète de la Côte-d'Or » -> « La préfète de la Côte-d'Or »."""
    article = "La" if _feminin(qualite) else "Le"
    return f"{article} {qualite[:1].lower()}{qualite[1:]}"


def auteurs(sign: list[Any]) -> str:
    """« Le préfet de la Côte-d'Or, » ; conjoint : « Le préfet du Bas-Rhin et le préfet du Haut-Rhin, »."""
    qualites = [s.qualite for s in sign]
    if len(qualites) == 1:
        return qualites[0] + ","
    return ", ".join(qualites[:-1]) + " et " + qualites[-1][:1].lower() + qualites[-1][1:] + ","


def reference_acte(arrete: Any) -> tuple[str, str, bool]:
    """(référence, date, à compléter) d'un arrêté du dépôt, ou des blancs visibles."""
    if arrete is None:
        return BLANC_REFERENCE, BLANC, True
    return nettoyer(arrete.reference), dates.date_courte(arrete.date), False


def _droit(nom: str, jour: date) -> Any:
    """Un paramètre du droit au jour de l'acte (referentiel/data/droit)."""
    from cte_cli.referentiel.parametres_legaux import parametre

    return parametre(nom, jour)


def recours(sign: list[Any], entete: Any, jour: date) -> str:
    """Voies et délais de recours (R. 421-1 du code de justice administrative, paramètre
    `acte.recours_mois` au jour de l'acte)."""
    auteur = " ou ".join(s.qualite[:1].lower() + s.qualite[1:] for s in sign)
    auteur = auteur.replace("le préfet", "du préfet").replace("la préfète", "de la préfète")
    return (f"Le présent arrêté peut faire l'objet, dans un délai de {NOMBRES[_droit('acte.recours_mois', jour)]} mois à compter de "
            f"sa publication, d'un recours gracieux auprès {auteur}, ou d'un recours contentieux devant "
            f"{entete.tribunal} ({ARTICLE_DELAI_RECOURS}). Le tribunal administratif peut être saisi par "
            "l'application « Télérecours citoyens », accessible sur le site www.telerecours.fr.")


def execution(comite: Any, geo: Any, entete: Any, notifie: str) -> str:
    """L'article d'exécution : secrétaires généraux, service, publication au recueil."""
    deps = departements_prefets(comite) if comite is not None else []
    if deps:
        prefectures = [f"de la préfecture {de(nom_departement(geo, c))}" for c in deps]
    elif comite.region in geo.collectivites_outre_mer or (geo.regions.get(comite.region) and
                                                           geo.regions[comite.region].outre_mer):
        prefectures = [f"de la préfecture {de(nom_region(geo, comite.region))}"]
    else:
        prefectures = [f"de la préfecture de la région {nom_region(geo, comite.region)}"]
    return _execution(prefectures, entete, notifie, regional=not deps)


def _execution(prefectures: list[str], entete: Any, notifie: str, regional: bool = False) -> str:
    if len(prefectures) == 1:
        sg = ("Le secrétaire général pour les affaires régionales" if regional
              else f"Le secrétaire général {prefectures[0]}")
        recueil = f"au recueil des actes administratifs {prefectures[0]}"
    else:
        sg = "Les secrétaires généraux " + " et ".join(prefectures)
        recueil = "au recueil des actes administratifs de chacune de ces préfectures"
    service = f" et le {entete.proposition[3:]}" if entete.proposition.startswith("du ") else ""
    pluriel = "sont chargés, chacun en ce qui le concerne," if service or len(prefectures) > 1 else "est chargé"
    return (f"{sg}{service} {pluriel} de l'exécution du présent arrêté, qui sera publié {recueil} "
            f"et notifié {notifie}.")


def fait_a(entete: Any, date_texte: str) -> str:
    return f"Fait à {entete.ville or BLANC}, le {date_texte}"


def visas_communs(comite: Any, entete_config: list[str]) -> list[str]:
    visas = [LOI, DECRET_PREFETS, DECRET_CTE]
    if outre_mer(comite):
        visas[1:1] = [ORDONNANCE_OUTRE_MER]
        visas.append(DECRET_OUTRE_MER)
    return visas + list(entete_config)


def _articles_code(comite: Any, specifiques: str) -> str:
    return f"le code du travail, notamment ses articles {specifiques}"


# --- composition -------------------------------------------------------------------------------


def articles_composition(comite: Any) -> str:
    """Les articles du code du travail visés par l'arrêté de composition."""
    niveau, region = comite.niveau, comite.region
    if niveau == "regional":
        base = "L. 5311-10, R. 5311-15 à R. 5311-21"
        if region in cat.REGIONS_L5523_7:
            base += ", R. 5523-15-1 à R. 5523-15-6"
    elif niveau == "departemental":
        base = "L. 5311-10, R. 5311-22 à R. 5311-29"
        if region in cat.REGIONS_L5523_7:
            base += ", R. 5523-15-1 à R. 5523-15-6"
    elif niveau == "local":
        base = "L. 5311-10, R. 5311-30 à R. 5311-35"
        if region in cat.REGIONS_L5523_7:
            base += ", R. 5523-15-17 à R. 5523-15-18"
        elif region in cat.REGIONS_L5523_8:
            base += ", R. 5523-15-31"
    elif niveau == "territorial" and region in cat.REGIONS_L5523_8:
        base = "L. 5523-8, R. 5523-15-19 à R. 5523-15-30"
    elif niveau == "territorial":
        base = "L. 5523-7, R. 5523-15-7 à R. 5523-15-16-1"
    else:
        base = "L. 5523-9, R. 5523-15-32 à R. 5523-15-42"
    return f"{base} et R. 5311-36 à R. 5311-46"


def _qui_propose(comite: Any, college: str, geo: Any) -> str | None:
    """« la proposition du président du conseil régional de … » : le visa de la proposition qui
    fonde la nomination des membres d'un collège (articles de composition)."""
    niveau, region = comite.niveau, comite.region
    dep = (comite.departements or [None])[0]
    de_dep = de(nom_departement(geo, dep)) if dep else ""
    de_region = de(nom_region(geo, region))
    unique = region in PRESIDENTS_COLLECTIVITE_UNIQUE and niveau in ("territorial", "territorial_unique", "local")
    if college in ("region", "departement") and unique:
        return f"la proposition {PRESIDENTS_COLLECTIVITE_UNIQUE[region]}"
    if college == "region":
        return f"la proposition du président du conseil régional {de_region}"
    if college == "departement":
        if niveau == "regional":
            return f"les propositions des présidents des conseils départementaux de la région {nom_region(geo, region)}"
        if niveau == "departemental" and comite.collectivite:
            nom = NOMS_COLLECTIVITES.get(comite.collectivite, "de la collectivité")
            return f"la proposition du président {nom}"
        if niveau == "territorial":
            return "la proposition du président du conseil départemental"
        return f"la proposition du président du conseil départemental {de_dep}"
    if college == "communes":
        if region == "975":
            return "les propositions des maires concernés"
        if niveau in ("territorial", "territorial_unique"):
            return "la proposition de l'association des maires du territoire"
        return f"la proposition de l'association des maires {de_dep}" if dep else None
    if college == "epci":
        return ("les propositions des présidents des établissements publics de coopération intercommunale à "
                "fiscalité propre du ressort du comité")
    if college in cat.PARTENAIRES_SOCIAUX:
        return ("les propositions des organisations syndicales de salariés et des organisations professionnelles "
                "d'employeurs représentatives")
    if college == "mission_locale" and niveau == "departemental":
        return ("la proposition des missions locales du département, après consultation du président de "
                "l'association régionale des missions locales")
    if college == "cap_emploi" and niveau == "departemental":
        return ("la proposition des organismes de placement spécialisés dans l'insertion professionnelle des "
                "personnes en situation de handicap du département, après consultation du président de leur "
                "réseau régional")
    return None


#: catégories nommées pour trois ans (R. 5311-36 : 1° à 5° de R. 5311-17, 1° à 6° et 8°, 9° de
#: R. 5311-23, 1° à 5° de R. 5311-32 ; outre-mer R. 5523-15-11, -24, -36 : 1° à 9° ou 1° à 8°)
NON_NOMMES = {
    "regional": {"france_travail", "mission_locale", "cap_emploi"},
    "departemental": {"france_travail"},
    "local": {"france_travail", "mission_locale", "cap_emploi"},
    "territorial": {"france_travail", "mission_locale", "cap_emploi"},
    "territorial_unique": {"france_travail", "mission_locale", "cap_emploi"},
}


#: qui siège au titre de chaque collège, dans les termes des articles de composition
#: (R. 5311-17, R. 5311-23, R. 5311-32 ; outre-mer, le directeur régional de France Travail siège au
#: comité local, R. 5523-15-17-2 et R. 5523-15-31 3°)
DESIGNATIONS = {
    "etat": "représentants de l'État",
    "region": "représentants de la région",
    "departement": "représentants du département",
    "communes": "représentants des communes et de leurs groupements",
    "epci": "un représentant de chacun des établissements publics de coopération intercommunale à fiscalité "
            "propre du ressort",
    "syndicat_salaries": "représentants des organisations syndicales de salariés représentatives au niveau national "
                         "et interprofessionnel",
    "organisation_employeurs": "représentants des organisations professionnelles d'employeurs représentatives au "
                               "niveau national et interprofessionnel",
    "organisation_employeurs_multipro": "représentants des organisations professionnelles d'employeurs "
                                        "représentatives au niveau national et multiprofessionnel",
}
DE_DROIT = {
    ("regional", "france_travail"): "le directeur régional de l'opérateur France Travail ou son représentant",
    ("regional", "mission_locale"): "le président de l'association régionale des missions locales ou son représentant",
    ("regional", "cap_emploi"): ("le président du réseau régional des organismes de placement spécialisés dans "
                                 "l'insertion professionnelle des personnes en situation de handicap ou son représentant"),
    ("departemental", "france_travail"): "le directeur départemental de l'opérateur France Travail ou son représentant",
    ("local", "france_travail"): "le directeur départemental de l'opérateur France Travail ou son représentant",
    ("local", "mission_locale"): "les présidents des missions locales du territoire ou leurs représentants",
    ("local", "cap_emploi"): ("les présidents des organismes de placement spécialisé dans l'insertion professionnelle "
                              "des personnes en situation de handicap du territoire ou leurs représentants"),
}
DESIGNATIONS_CDE = {
    "mission_locale": "un représentant de l'une des missions locales du département",
    "cap_emploi": ("un représentant de l'un des organismes de placement spécialisés dans l'insertion professionnelle "
                   "des personnes en situation de handicap du département"),
}


def _designation_categorie(comite: Any, college: str, geo: Any) -> str:
    """« Représentants de l'État, nommés par le préfet de département » ; pour un membre de
    droit, « le directeur départemental de l'opérateur France Travail ou son représentant »."""
    from cte_cli.documents.vue import _majuscule

    if college in NON_NOMMES[comite.niveau]:
        niveau = comite.niveau if comite.niveau in ("regional", "departemental", "local") else "regional"
        texte = DE_DROIT.get((niveau, college), cat.LIBELLES.get(college, college))
        if outre_mer(comite) and college == "france_travail":
            texte = "le directeur régional de l'opérateur France Travail ou son représentant"
        return texte
    libelle = DESIGNATIONS_CDE.get(college) if comite.niveau == "departemental" else None
    libelle = libelle or DESIGNATIONS.get(college, cat.LIBELLES.get(college, college))
    if comite.niveau == "regional" and college == "departement":
        libelle = "représentants de l'ensemble des départements de la région"
    if college in ("region", "departement") and comite.region in PRESIDENTS_COLLECTIVITE_UNIQUE \
            and comite.niveau != "regional":
        from cte_cli.documents.vue import collectivite_unique

        unique = collectivite_unique(comite.region)
        libelle = f"représentants du {unique}" if unique.startswith("Département") else f"représentants de la {unique}"
    par = {"regional": "le préfet de région", "departemental": "le préfet de département",
           "local": "le préfet de département"}.get(comite.niveau, "le préfet")
    qui = _qui_propose(comite, college, geo)
    suite = f", sur {qui.replace('la proposition', 'proposition').replace('les propositions', 'proposition')}" if qui else ""
    nommes = "nommé" if libelle.startswith("un ") else "nommés"
    return f"{_majuscule(libelle)}, {nommes} par {par}{suite}"


@dataclass(frozen=True)
class Prepare:
    """Ce qu'il faut pour rendre un arrêté : le contexte des modèles et le logo."""

    contexte: dict[str, Any]
    logo: bytes | None


def _signataires_et_entete(racine: Any, comite: Any, geo: Any, departement: str | None = None) -> tuple:
    from cte_cli.documents.entete import entete as entete_de
    from cte_cli.documents.entete import lire_reglage

    deps = departements_prefets(comite) if comite is not None else [departement]
    reglage = entete_de(racine, comite, departement=departement, geo=geo, conjoint=deps if len(deps) > 1 else None)
    donnees, _ = lire_reglage(racine)
    return reglage, _visas_reglage(donnees, comite, departement)


def _visas_reglage(donnees: dict[str, Any], comite: Any, departement: str | None) -> list[str]:
    """Visas ajoutés par `modeles/entete.toml` (clé `visas` : décret de nomination du préfet…)."""
    niveau = comite.niveau if comite is not None else "departemental"
    code = departement or ((comite.departements or [None])[0] if comite is not None else None)
    propre = (donnees.get("departements", {}).get(code, {}) if niveau in ("departemental", "local")
              else donnees.get("region", {}))
    return [*donnees.get("commun", {}).get("visas", []), *propre.get("visas", [])]


def _document(titre: str, modele: Any, date_doc: date) -> Any:
    from cte_cli.documents.generation import _document as document

    return document(titre, modele, date_doc)


def objet_comite(comite: Any) -> str:
    """« du comité départemental pour l'emploi de la Côte-d'Or »."""
    nom = nettoyer(comite.nom)
    if nom.lower().startswith("comité"):
        return "du " + nom[:1].lower() + nom[1:]
    return f"du comité « {nom} »"


def _acte(date_doc: date, nature: str, objet: str, arrete: Any, comite: Any, geo: Any, reglage: Any, visas: list[str],
          considerants: list[str], notifie: str, sign: list[Any] | None = None, prefectures: list[str] | None = None) -> Any:
    from cte_cli.documents.vue import Acte

    sign = sign or signataires(comite, geo)
    reference, date_texte, a_completer = reference_acte(arrete)
    jour = arrete.date if arrete is not None else date_doc
    entete = reglage.entete
    execution_ = (_execution(prefectures, entete, notifie) if prefectures is not None
                  else execution(comite, geo, entete, notifie))
    return Acte(
        nature=nature, objet=objet, reference=reference, date=date_texte, a_completer=a_completer,
        conjoint=len(sign) > 1, auteurs=auteurs(sign), visas=visas, considerants=considerants,
        proposition=f"Sur proposition {entete.proposition}," if entete.proposition else "",
        recours=recours(sign, entete, jour), execution=execution_, fait_a=fait_a(entete, date_texte), signataires=sign,
    )


def contexte_composition(ch: Any, doc: Any, comite: Any, modele: Any, date_doc: date, geo: Any = None) -> Prepare:
    """Le contexte de l'arrêté portant composition du comité."""
    from cte_cli.documents.vue import Categorie, CompositionActe, vue_comite

    geo = geo or _geo()
    vc = vue_comite(doc, comite, geo)
    reglage, visas_config = _signataires_et_entete(ch.racine, comite, geo)
    visas = [_articles_code(comite, articles_composition(comite)), *visas_communs(comite, visas_config)]
    if comite.niveau == "territorial" and comite.region in cat.REGIONS_L5523_7:
        visas.append("l'accord conclu entre le préfet, le président du conseil régional et le président du "
                     "conseil départemental (article L. 5523-7 du code du travail)")
    codes = {m.college for m in comite.membres}
    vus = []
    for code, _rang, _article in _ordre(comite):
        qui = _qui_propose(comite, code, geo)
        if code in codes and qui and code not in NON_NOMMES[comite.niveau] and qui not in vus:
            vus.append(qui)
    if comite.niveau == "departemental" and comite.collectivite:
        nom = NOMS_COLLECTIVITES.get(comite.collectivite, "de la collectivité")
        vus.append(f"l'avis du président {nom} (article R. 5311-28 du code du travail)")
    if comite.niveau == "local":
        vus.append("la consultation des membres du comité mentionnés aux 2° à 5° de l'article R. 5311-32 du code "
                   "du travail sur la désignation de ses coprésidents (article R. 5311-31)")
    visas += vus
    categories, de_droit, toutes = [], [], []
    for college in vc.colleges:
        categorie = Categorie(
            rang=college.rang, intitule=college.intitule, designation=_designation_categorie(comite, college.code, geo),
            voix_deliberative=college.voix_deliberative, nommes=college.code not in NON_NOMMES[comite.niveau],
            nombre=college.nombre, membres=college.membres)
        (categories if categorie.nommes else de_droit).append(categorie)
        toutes.append(categorie)
    composition = CompositionActe(
        presidence=(f"présidé conjointement par {vc.copresidence} (article {vc.article_copresidence} du code du "
                    "travail)"),
        presidents=vc.presidents, prefet_president=_prefet_president(comite, geo),
        plafond=_plafond(comite, geo), categories=categories, de_droit=de_droit, toutes=toutes, invites=vc.invites,
        article_invites=vc.article_invites, mandat=_mandat(comite, comite.arrete.date if comite.arrete else date_doc),
    )
    acte = _acte(date_doc, "composition", f"portant composition {objet_comite(comite)}", comite.arrete, comite, geo, reglage,
                 visas, [], "à chacun des membres du comité")
    contexte = {"acte": acte, "comite": vc, "composition": composition, "entete": reglage.entete,
                "document": _document(f"Arrêté portant composition {objet_comite(comite)}", modele, date_doc)}
    return Prepare(contexte, reglage.logo)


def _ordre(comite: Any) -> list[tuple[str, str, str]]:
    from cte_cli.documents.vue import _ordre_colleges

    return _ordre_colleges(comite)


def _prefet_president(comite: Any, geo: Any) -> str:
    """R. 5311-29 1°, R. 5311-35 : l'arrêté conjoint précise le préfet qui copréside."""
    deps = departements_prefets(comite)
    if len(deps) < 2:
        return ""
    etat = _prefet_etat(comite)
    code = etat.departement if etat and etat.departement else deps[0]
    article = "R. 5311-29" if comite.niveau == "departemental" else "R. 5311-35"
    return (f"Le préfet {de(nom_departement(geo, code))} assure la présidence conjointe du comité (article "
            f"{article} du code du travail) ; les membres en sont nommés conjointement par les préfets de "
            f"{' et '.join(de(nom_departement(geo, c))[3:] if de(nom_departement(geo, c)).startswith('de ') else de(nom_departement(geo, c)) for c in deps)}.")


def _plafond(comite: Any, geo: Any) -> str:
    region = geo.regions.get(comite.region)
    plafond = cat.plafond(comite, len(region.departements) if region else 0)
    nombre = sum(1 for m in comite.membres if m.college in plafond.colleges)
    compo = cat.composition(comite)
    return (f"{nombre} membre{'s' if nombre > 1 else ''} au titre des {plafond.categories} de l'article "
            f"{compo.article} du code du travail, dans la limite de {plafond.limite} fixée par l'article "
            f"{plafond.article}")


def _mandat(comite: Any, jour: date) -> str:
    """La période commune des mandats des membres nommés, ou la règle : la durée est celle de
    R. 5311-36 au jour de l'acte (paramètre `mandat.duree_ans`) ; une période commune plus courte
    (mandats alignés sur un terme commun) est donnée sans durée."""
    from cte_cli.droit.dates import ajouter_mois, ans_en_mois

    ans = _droit("mandat.duree_ans", jour)
    duree = f"pour {NOMBRES.get(ans, ans)} ans"
    periodes = {(m.mandat.debut, m.mandat.fin) for m in comite.membres
                if m.mandat and m.college not in NON_NOMMES[comite.niveau] and not m.remplace_le}
    if len(periodes) == 1:
        debut, fin = periodes.pop()
        periode = f"du {dates.date_courte(debut)} au {dates.date_courte(fin)} inclus"
        terme = ajouter_mois(debut, ans_en_mois(ans))
        plein = fin in (terme, terme - timedelta(days=1))
        return f"{duree}, {periode}" if plein else periode
    return f"{duree} à compter de la date du présent arrêté"


# --- arrêté modificatif (remplacement d'un membre) ---------------------------------------------


def remplacements(comite: Any) -> list[int]:
    """Indices des membres nommés en remplacement d'un autre (`remplace`)."""
    return [i for i, m in enumerate(comite.membres) if m.remplace is not None]


def contexte_modificatif(ch: Any, doc: Any, comite: Any, indice: int, modele: Any, date_doc: date,
                         geo: Any = None) -> Prepare:
    """Le contexte de l'arrêté modificatif qui nomme le membre n° `indice` en remplacement."""
    from cte_cli.documents.vue import Remplacement, _membre, designation_arrete, vue_comite

    geo = geo or _geo()
    vc = vue_comite(doc, comite, geo)
    m = comite.membres[indice]
    compo = cat.composition(comite)
    rang = compo.categories.get(m.college, "")
    membre = _membre(doc, comite, indice, rang, set(cat.colleges_votants(comite)))
    reglage, visas_config = _signataires_et_entete(ch.racine, comite, geo)
    initial = (f"{designation_arrete(comite.arrete)} portant composition {objet_comite(comite)}" if comite.arrete
               else f"l'arrêté n° {BLANC} du {BLANC} portant composition {objet_comite(comite)}")
    visas = [_articles_code(comite, articles_composition(comite)), *visas_communs(comite, visas_config), initial]
    qui = _qui_propose(comite, m.college, geo)
    if qui and m.college not in NON_NOMMES[comite.niveau]:
        visas.append(qui)
    from cte_cli.documents.rendu import minuscule

    remplace = nettoyer(m.remplace.nom) + (f", {minuscule(nettoyer(m.remplace.qualite))}" if m.remplace.qualite else "")
    libelle = cat.LIBELLES.get(m.college, m.college)
    categorie = f"{rang} de l'article {compo.article} du code du travail ({libelle})" if rang else libelle
    fin = dates.date_courte(m.mandat.fin) if m.mandat else BLANC
    considerants = [
        f"que le siège de {remplace}, membre titulaire du comité au titre du {categorie}, est devenu vacant",
        ("qu'en application de l'article R. 5311-36 du code du travail, toute vacance ou perte de la qualité au "
         "titre de laquelle un membre a été désigné donne lieu à une nouvelle désignation pour la durée du mandat "
         "restant à courir"),
    ]
    remplacement = Remplacement(
        membre=membre, categorie=categorie, remplace=remplace,
        le=dates.date_courte(m.remplace_le) if m.remplace_le else BLANC, fin=fin,
        initial=initial)
    objet = f"portant modification de la composition {objet_comite(comite)}"
    acte = _acte(date_doc, "modificatif", objet, m.arrete, comite, geo, reglage, visas, considerants,
                 "à l'intéressé et à chacun des membres du comité")
    contexte = {"acte": acte, "comite": vc, "remplacement": remplacement, "entete": reglage.entete,
                "document": _document(f"Arrêté {objet}", modele, date_doc)}
    return Prepare(contexte, reglage.logo)


# --- arrêté fixant le nombre de voix ---------------------------------------------------------------


def articles_voix(comite: Any) -> str:
    from cte_cli.voix import regime

    reg = regime(comite)
    articles = f"{reg.article_votants}, {reg.article}"
    if reg.article_regional and reg.article_regional not in articles:
        articles += f", {reg.article_regional}"
    if reg.article_votants != "R. 5311-37":
        articles = f"R. 5311-37, R. 5311-38, {reg.article_votants}"
    return f"{articles} et R. 5311-41"


def contexte_voix(ch: Any, doc: Any, comite: Any, modele: Any, date_doc: date, geo: Any = None) -> Prepare:
    """Le contexte de l'arrêté fixant le nombre de voix (R. 5311-38, R. 5311-39), avec le calcul."""
    from cte_cli.documents.vue import designation_arrete, vue_comite
    from cte_cli.referentiel.parametres import parametres_en_vigueur
    from cte_cli.voix import analyser, proposer

    geo = geo or _geo()
    parametres = parametres_en_vigueur(ch.resultat.documents, ch.date)
    analyse = analyser(comite, parametres)
    if analyse is None:
        raise CteErreur(f"le comité « {comite.id} » est un CREFOP renommé comité régional pour l'emploi : ses voix "
                        "relèvent de R. 6123-3-16 à R. 6123-3-20 (R. 5311-15), pas de R. 5311-38")
    sans_voix = [s for s in analyse.votants if s.voix is None]
    if sans_voix:
        ligne = doc.localiser(("membres", sans_voix[0].indice))[0]
        raise CteErreur(f"{len(sans_voix)} membre(s) ayant voix délibérative sans `voix` (premier : "
                        f"{sans_voix[0].designation()}) : calculez-les avec « cte voix {comite.id} --ecrire »",
                        doc.fichier, ligne)
    proposition = proposer(comite, parametres)
    vc = vue_comite(doc, comite, geo)
    reglage, visas_config = _signataires_et_entete(ch.racine, comite, geo)
    visas = [_articles_code(comite, articles_voix(comite)), *visas_communs(comite, visas_config)]
    if comite.arrete:
        visas.append(f"{designation_arrete(comite.arrete)} portant composition {objet_comite(comite)}")
    else:
        visas.append(f"l'arrêté n° {BLANC} du {BLANC} portant composition {objet_comite(comite)}")
    voix = _voix(comite, vc, analyse, proposition, comite.arrete_voix.date if comite.arrete_voix else date_doc)
    considerants = _considerants_voix(analyse, voix)
    objet = f"fixant le nombre de voix des membres {objet_comite(comite)}"
    acte = _acte(date_doc, "voix", objet, comite.arrete_voix, comite, geo, reglage, visas, considerants,
                 "à chacun des membres du comité")
    contexte = {"acte": acte, "comite": vc, "voix": voix, "entete": reglage.entete,
                "document": _document(f"Arrêté {objet}", modele, date_doc)}
    return Prepare(contexte, reglage.logo)


def _voix(comite: Any, vc: Any, analyse: Any, proposition: Any, jour: date) -> Any:
    from cte_cli.documents.vue import GroupeVoix, LigneVoix, VoixActe
    from cte_cli.rules.deliberations import voix_president

    regles = {ligne.siege.indice: ligne.regle for ligne in proposition.lignes}
    groupes = []
    for college in vc.colleges:
        if not college.voix_deliberative:
            continue
        lignes = []
        for m in college.membres:
            indice = next(i for i, x in enumerate(comite.membres) if nettoyer(x.nom) == m.nom and x.college == college.code)
            organisation = m.organisation if isinstance(m.organisation, str) else ""
            qualite = m.qualite + (f", {organisation}" if organisation and organisation not in m.qualite else "")
            lignes.append(LigneVoix(nom=m.nom, qualite=qualite, voix=comite.membres[indice].voix or 0,
                                    regle=regles.get(indice, "")))
        groupes.append(GroupeVoix(intitule=college.intitule, total=sum(x.voix for x in lignes), lignes=lignes))
    reg = analyse.regime
    calculs, parametres, source = [], "", ""
    if not reg.local:
        calculs = _calculs(proposition)
        p = analyse.parametres
        parametres = (f"paramètres d'audience {p.libelle()}, valables à partir du {dates.date_courte(p.valable_du)}, "
                      f"vérifiés le {dates.date_courte(p.verifie_le)}")
        source = nettoyer(p.source)
    return VoixActe(article=reg.article, groupes=groupes, presidents=vc.presidents, voix_president=voix_president(jour),
                    egalites=_egalites(analyse), calculs=calculs, parametres=parametres, source=source)


def _egalites(analyse: Any) -> list[str]:
    """Les égalités de R. 5311-38 (ou R. 5311-39), avec les voix du fichier."""
    reg = analyse.regime
    etat = analyse.total("etat")
    coll = analyse.total("collectivites")
    detail = " + ".join(f"{cat.LIBELLES[c]} {v}" for c, v in analyse.par_college("collectivites").items())
    lignes = [f"État : {etat} voix ; collectivités territoriales et groupements : {coll} voix ({detail}) "
              f"({reg.alinea('1°')})"]
    if not reg.local:
        syn, emp = analyse.total("syndicats"), analyse.total("employeurs")
        lignes.append(f"organisations syndicales de salariés : {syn} voix ; organisations professionnelles "
                      f"d'employeurs : {emp} voix ; ensemble : {syn + emp} voix ({reg.alinea('1°')} et 2°)")
    if reg.dominants:
        part = sum(s.voix or 0 for s in analyse.du_groupe("collectivites") if s.dominant)
        lignes.append(f"{analyse.libelle_dominants} : {part} voix sur {coll}, au moins la moitié "
                      f"({reg.article_dominants})")
    return lignes


def _considerants_voix(analyse: Any, voix: Any) -> list[str]:
    reg = analyse.regime
    if reg.local:
        return [
            ("qu'en application de l'article R. 5311-39 du code du travail, le nombre de voix attribuées aux "
             "représentants de l'État est égal au total des voix attribuées aux représentants des collectivités "
             "territoriales et de leurs groupements, et que les membres mentionnés aux 4° et 5° de l'article "
             "R. 5311-32 disposent ensemble d'au moins autant de voix que ceux mentionnés aux 2° et 3°"),
        ]
    considerants = [
        ("qu'en application du 1° de l'article R. 5311-38 du code du travail, le nombre de voix attribuées aux "
         "représentants de l'État est égal au total des voix attribuées aux représentants des collectivités "
         "territoriales et de leurs groupements, ainsi qu'au total des voix attribuées aux représentants des "
         "organisations syndicales de salariés et des organisations professionnelles d'employeurs, qui disposent "
         "du même nombre total de voix (2°)"),
        ("que chaque organisation syndicale de salariés dispose d'un nombre de voix proportionnel à son audience "
         "au niveau national et interprofessionnel, et chaque organisation professionnelle d'employeurs d'un nombre "
         "de voix tenant compte à hauteur de 30 % du nombre des entreprises adhérentes et de 70 % du nombre de "
         "salariés de ces entreprises, suivant la règle de la représentation proportionnelle à la plus forte "
         "moyenne (3° et 4°)"),
        ("les audiences nationales et interprofessionnelles retenues, dont la source et le détail du calcul "
         f"figurent en annexe : {_phrase(voix.source)}"),
    ]
    if reg.dominants:
        considerants.append(f"que {analyse.libelle_dominants} dispose d'au moins la moitié des voix des représentants "
                            f"des collectivités territoriales ({reg.article_dominants})")
    if reg.article_regional:
        considerants.append("que chaque organisation syndicale de salariés représentative au niveau régional et "
                            f"interprofessionnel dispose d'une voix ({reg.article_regional})")
    return considerants


def _phrase(texte: str) -> str:
    from cte_cli.documents.rendu import phrase

    return phrase(texte, False).rstrip(".")


def _decimal(valeur: Any) -> str:
    return f"{float(valeur):.2f}".replace(".", ",")


def _calculs(proposition: Any) -> list[Any]:
    from cte_cli.documents.vue import CalculMoyenne, Moyenne

    p = proposition.analyse.parametres
    calculs = []
    for groupe, rep in proposition.repartitions.items():
        if not rep.poids:
            continue
        colonnes = max(rep.attribution.values(), default=0) + 1
        echelle = 100 / sum(rep.poids.values())
        lignes = []
        for org in sorted(rep.poids, key=lambda o: -rep.poids[o]):
            quotients = [f"{_decimal(q * echelle)}{'*' if n <= rep.attribution[org] else ''}"
                         for n, q in enumerate(rep.quotients(org, colonnes), 1)]
            if groupe == "syndicats":
                donnees = f"{_decimal(p.syndicats_salaries[org])} %"
            else:
                entreprises, salaries = p.organisations_employeurs[org]
                donnees = f"{entreprises:,} entreprises, {salaries:,} salariés".replace(",", "\u202f")
            lignes.append(Moyenne(organisation=org, donnees=donnees, poids=f"{_decimal(rep.poids[org] * echelle)} %",
                                  quotients=quotients, voix=rep.attribution[org]))
        titre = ("Organisations syndicales de salariés (R. 5311-38 3°)" if groupe == "syndicats"
                 else "Organisations professionnelles d'employeurs (R. 5311-38 4° : 30 % entreprises, 70 % salariés)")
        calculs.append(CalculMoyenne(titre=f"{titre} : {rep.total} voix à la plus forte moyenne",
                                     colonnes=[f"÷ {n}" for n in range(1, colonnes + 1)], lignes=lignes))
    return calculs


# --- arrêté fixant le ressort des comités locaux d'un département ---------------------------------


def _milliers(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def contexte_ressort(ch: Any, departement: str, comites: list[tuple[Any, Any]], cde: Any, modele: Any,
                     date_doc: date, geo: Any = None) -> Prepare:
    """Le contexte de l'arrêté fixant le ressort des comités locaux du département (R. 5311-30) ;
    `comites` : (document, comité) des comités locaux du département ; `cde` : son comité
    départemental (pour la région et `arrete_ressort`), ou None."""
    from cte_cli.documents.vue import Groupement, RessortActe, RessortComite, Signataire
    from cte_cli.territoire import couverture_departement, territoire_comite

    geo = geo or _geo()
    dep = geo.departements[departement]
    nom_dep = dep.nom
    region = geo.regions.get(dep.region)
    tous_locaux = [d.modele for d in ch.documents("comite") if d.modele is not None and d.modele.niveau == "local"]
    couverture = couverture_departement(departement, tous_locaux, geo)
    if not couverture.complete or couverture.doublons:
        manques = ", ".join(u.nom for u in couverture.non_couvertes[:10])
        doubles = ", ".join(code for code, _ in couverture.doublons[:10])
        raise CteErreur(
            f"le ressort des comités locaux ne couvre pas le département {nom_dep} ({departement}) sans recouvrement "
            f"(R. 5311-30) : {len(couverture.non_couvertes)} EPCI ou commune(s) non couvert(s)"
            + (f" ({manques})" if manques else "")
            + (f" ; couverts deux fois : {doubles}" if doubles else "")
            + " ; corrigez `ressort` des comités locaux (cte validate --territoires comites)")
    ressorts = []
    for _doc, comite in sorted(comites, key=lambda dc: dc[1].nom):
        territoire = territoire_comite(comite, geo)
        groupements = []
        for siren in comite.ressort.epci if comite.ressort else ():
            epci = geo.epci.get(siren)
            if epci is None:
                continue
            dans_dep = [c for c in epci.communes if (geo.commune(c) and geo.commune(c).departement == departement)]
            note = ""
            if len(epci.departements) > 1:
                autres = [nom_departement(geo, c) for c in epci.departements if c != departement]
                note = (f"dont {len(dans_dep)} commune{'s' if len(dans_dep) > 1 else ''} dans le département ; "
                        f"s'étend aussi sur {', '.join(autres)}")
            groupements.append(Groupement(nom=nettoyer(epci.nom), code=siren, communes=len(epci.communes),
                                          population=_milliers(epci.population), note=note))
        communes = []
        for code in comite.ressort.communes if comite.ressort else ():
            commune = geo.commune(code)
            if commune is not None:
                communes.append(Groupement(nom=commune.nom, code=code, communes=1,
                                           population=_milliers(commune.population or 0), note=""))
        autres_deps = [c for c in comite.departements or () if c != departement]
        inter = (f"s'étend aussi sur {', '.join(nom_departement(geo, c) for c in autres_deps)} : son ressort est "
                 "arrêté conjointement par les préfets concernés (article R. 5311-35 du code du travail)"
                 if autres_deps else "")
        ressorts.append(RessortComite(nom=nettoyer(comite.nom), id=comite.id, groupements=groupements,
                                      communes=communes, nombre_communes=territoire.nombre_communes,
                                      population=_milliers(territoire.population), interdepartemental=inter))
    hors = couverture.communes_hors_epci
    texte_couverture = (
        f"Les ressorts ainsi fixés couvrent l'ensemble du département {de(nom_dep)} : {couverture.epci} "
        f"établissement{'s' if couverture.epci > 1 else ''} public{'s' if couverture.epci > 1 else ''} de "
        "coopération intercommunale à fiscalité propre"
        + (f" et {hors} commune{'s' if hors > 1 else ''} n'appartenant à aucun d'eux" if hors else "")
        + f", soit {couverture.communes} communes et {_milliers(couverture.population)} habitants (population "
        "municipale, code officiel géographique 2026) ; aucun établissement ni aucune commune ne relève de deux "
        "comités locaux.")
    ressort = RessortActe(departement=f"{nom_dep} ({departement})", de_departement=de(nom_dep), comites=ressorts,
                          couverture=texte_couverture, population=_milliers(couverture.population))
    from cte_cli.documents.entete import entete as entete_de
    from cte_cli.documents.entete import lire_reglage

    reglage = entete_de(ch.racine, None, departement=departement, geo=geo)
    donnees, _ = lire_reglage(ch.racine)
    de_region = de(region.nom) if region else ""
    if dep.region in PRESIDENTS_COLLECTIVITE_UNIQUE:
        concertation = f"la concertation conduite avec le président {PRESIDENTS_COLLECTIVITE_UNIQUE[dep.region][3:]}"
        articles = "L. 5311-10, R. 5311-30 à R. 5311-35 et R. 5523-15-31"
    else:
        concertation = (f"la concertation conduite avec le président du conseil régional {de_region} et le président du "
                        f"conseil départemental {de(nom_dep)}")
        articles = "L. 5311-10, R. 5311-30 à R. 5311-35" + (", R. 5523-15-17-1" if dep.region in cat.REGIONS_L5523_7 else "")
    visas = [f"le code du travail, notamment ses articles {articles}", "le code général des collectivités "
             "territoriales, notamment ses articles L. 5211-28 et L. 5219-2",
             LOI, DECRET_PREFETS, DECRET_CTE, *_visas_reglage(donnees, None, departement), concertation]
    if cde is not None and cde[1].arrete is not None:
        from cte_cli.documents.vue import designation_arrete

        visas.append(f"{designation_arrete(cde[1].arrete)} portant composition {objet_comite(cde[1])}")
    considerants = [
        ("qu'en application du 3° du I de l'article L. 5311-10 et de l'article R. 5311-30 du code du travail, le "
         "préfet de département arrête les limites géographiques des comités locaux pour l'emploi institués au sein "
         "du département, en fonction des caractéristiques de chaque territoire, au vu des propositions formulées, "
         "le cas échéant, par le comité régional ou le comité départemental pour l'emploi"),
        ("que chaque établissement public de coopération intercommunale à fiscalité propre situé dans le ressort "
         "d'un comité local y est représenté (4° de l'article R. 5311-32)"),
    ]
    etat = _prefet_etat(cde[1]) if cde is not None else None
    if etat is not None and nettoyer(etat.qualite).lower().startswith(("préfet", "préfète")):
        sign = [Signataire(qualite=_article_qualite(nettoyer(etat.qualite)), nom=nettoyer(etat.nom))]
    else:
        sign = [Signataire(qualite=f"Le préfet {de(nom_dep)}", nom="")]
    objet = f"fixant les limites géographiques des comités locaux pour l'emploi du département {de(nom_dep)}"
    arrete = cde[1].arrete_ressort if cde is not None else None
    acte = _acte(date_doc, "ressort", objet, arrete, None, geo, reglage, visas, considerants,
                 "aux présidents des comités locaux concernés", sign=sign,
                 prefectures=[f"de la préfecture {de(nom_dep)}"])
    contexte = {"acte": acte, "ressort": ressort, "entete": reglage.entete,
                "document": _document(f"Arrêté {objet}", modele, date_doc)}
    return Prepare(contexte, reglage.logo)


# --- génération ------------------------------------------------------------------------------------

NATURES_ARRETES = {
    "composition": "arrêté portant composition",
    "modificatif": "arrêté modificatif (remplacement d'un membre)",
    "voix": "arrêté fixant le nombre de voix",
    "ressort": "arrêté fixant le ressort des comités locaux",
}


def exiger_conforme(ch: Any, documents: list[Any], quoi: str) -> None:
    """Refuse l'arrêté si `cte validate` trouve une erreur dans ces fichiers (DepotInvalide, qui
    porte les constats à afficher)."""
    from cte_cli.constats import Gravite
    from cte_cli.documents.generation import DepotInvalide

    fichiers = {d.fichier for d in documents}
    erreurs = [c for c in ch.resultat.constats if c.fichier in fichiers and c.gravite is Gravite.ERREUR]
    if erreurs:
        raise DepotInvalide(
            f"{len(erreurs)} erreur(s) sur {quoi} : un arrêté ne se prend que sur une configuration conforme au code "
            "du travail ; corrigez-les (cte validate) avant de produire l'arrêté", erreurs, ch.resultat)


def _travail(sujet: str, chemin: Any, preparer: Any) -> Any:
    from cte_cli.documents.generation import LOGO, Travail

    def contexte() -> dict[str, Any]:
        prepare = preparer()
        return {**prepare.contexte, LOGO: prepare.logo}

    return Travail(sujet, chemin, contexte)


def generer_arrete(ch: Any, nature: str, cible: str, sortie: Any = ".", format_: str = "docx", *,
                   force: bool = False, date_doc: date | None = None, membre: str | None = None) -> list[Any]:
    """L'arrêté `nature` (composition, modificatif, voix, ressort) du comité `cible` (ou, pour le
    ressort, du département `cible` : code INSEE ou identifiant de son comité départemental)."""
    from cte_cli.documents import modeles as m
    from cte_cli.documents.generation import _refuser_existants, _sortie, _un_seul, executer
    from cte_cli.ecriture import nom_de_fichier

    if nature not in NATURES_ARRETES:
        raise CteErreur(f"arrêté « {nature} » inconnu ; arrêtés possibles : {', '.join(NATURES_ARRETES)}")
    modele, _ = m.trouver(f"arrete-{nature}", format_, ch.racine)
    date_doc = date_doc or ch.date
    if nature == "ressort":
        departement, locaux, cde = _departement(ch, cible)
        exiger_conforme(ch, [d for d, _ in locaux] + ([cde[0]] if cde else []),
                        f"les comités du département {departement}")
        travaux = [_travail(f"ressort {departement}", _sortie(sortie, f"arrete-ressort-{departement}", format_),
                            lambda: contexte_ressort(ch, departement, locaux, cde, modele, date_doc))]
    else:
        doc, comite = ch.comite(cible)
        exiger_conforme(ch, [doc], f"le comité « {comite.id} »")
        if nature == "composition":
            travaux = [_travail(comite.id, _sortie(sortie, f"arrete-composition-{comite.id}", format_),
                                lambda: contexte_composition(ch, doc, comite, modele, date_doc))]
        elif nature == "voix":
            travaux = [_travail(comite.id, _sortie(sortie, f"arrete-voix-{comite.id}", format_),
                                lambda: contexte_voix(ch, doc, comite, modele, date_doc))]
        else:
            indices = _remplacements_choisis(doc, comite, membre)
            travaux = [
                _travail(comite.membres[i].nom, _sortie(sortie, f"arrete-modificatif-{comite.id}-{k:02d}-"
                                                                f"{nom_de_fichier(comite.membres[i].nom)}", format_),
                         lambda i=i: contexte_modificatif(ch, doc, comite, i, modele, date_doc))
                for k, i in enumerate(indices, 1)
            ]
    _refuser_existants([t.chemin for t in travaux], force)
    return _un_seul(executer(travaux, modele, format_, force=force))


def _remplacements_choisis(doc: Any, comite: Any, membre: str | None) -> list[int]:
    from cte_cli.rules.seances import _norme

    indices = remplacements(comite)
    if membre is not None:
        choisis = [i for i in indices if _norme(comite.membres[i].nom) == _norme(membre)]
        if not choisis:
            raise CteErreur(f"aucun membre « {membre} » nommé en remplacement (clé `remplace`) dans le comité "
                            f"« {comite.id} »", doc.fichier)
        return choisis
    if not indices:
        raise CteErreur(f"aucun remplacement dans le comité « {comite.id} » : l'arrêté modificatif nomme un membre "
                        "en remplacement d'un autre (clés `remplace: {nom, qualite}` et `remplace_le` du membre, "
                        "R. 5311-36)", doc.fichier)
    return indices


def _departement(ch: Any, cible: str) -> tuple[str, list[tuple[Any, Any]], Any]:
    """(code, comités locaux du département, comité départemental) pour l'arrêté de ressort."""
    from cte_cli.suggestions import suggestion

    comites = [(d, d.modele) for d in ch.documents("comite") if d.modele is not None]
    code = cible.upper() if len(cible) <= 3 else None
    if code is None:
        trouve = next((c for d, c in comites if c.id == cible and c.niveau == "departemental"), None)
        if trouve is None:
            raise CteErreur(f"« {cible} » n'est ni un code de département ni un comité départemental du dépôt"
                            + suggestion(cible, [c.id for _, c in comites if c.niveau == "departemental"]))
        code = trouve.departements[0]
    if code not in _geo().departements:
        raise CteErreur(f"département « {cible} » inconnu du référentiel (code INSEE attendu, par ex. 21 ou 2A)")
    locaux = [(d, c) for d, c in comites if c.niveau == "local" and code in (c.departements or ())]
    if not locaux:
        raise CteErreur(f"aucun comité local du département {code} dans le dépôt {ch.racine}")
    cdes = [(d, c) for d, c in comites if c.niveau == "departemental" and code in (c.departements or ())]
    cde = next((x for x in cdes if not x[1].collectivite), cdes[0] if cdes else None)
    return code, locaux, cde
