"""`cte init` : un dépôt de configuration neuf pour une région, prérempli depuis le référentiel.

Un comité régional (au sein du CREFOP : un représentant de chaque département, et la rotation
des sièges des départements au CREFOP si la région en compte plus de six), un comité départemental par département avec sa commission inclusion et
IAE, et des membres « à désigner » dans les bons collèges. Le résultat passe `cte validate`
sans erreur ; les avertissements disent ce qui reste à remplir.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cte_cli.ecriture import ecrire_atomique
from cte_cli.erreurs import CteErreur

A_DESIGNER = "À désigner"
SYNDICATS = ("CFDT", "CGT", "CGT-FO", "CFE-CGC", "CFTC")
EMPLOYEURS = ("MEDEF", "CPME", "U2P")
EMPLOYEURS_MULTIPRO = ("FNSEA", "UDES", "UNAPL")


@dataclass
class Fichier:
    chemin: Path
    contenu: str


def _q(texte: str) -> str:
    """Une chaîne YAML entre guillemets doubles, échappée."""
    return '"' + texte.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _membre(qualite: str, college: str, **cles: str) -> str:
    extra = "".join(f", {k}: {_q(v)}" for k, v in cles.items())
    return f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(qualite)}, college: {college}{extra}}}\n"


def _syndicats_regionaux(code_region: str, article: str) -> str:
    """Un siège « à désigner » par organisation syndicale représentative au niveau régional et
    interprofessionnel que la table connaît pour la région (une voix chacune) ; à défaut, un
    siège dont le sigle est à préciser."""
    from cte_cli.droit.organisations import syndicats_regionaux

    connues = syndicats_regionaux(code_region)
    texte = (f"  # {article} : organisations syndicales représentatives au niveau régional et\n"
             "  # interprofessionnel (une voix chacune) ; retirez celles qui n'ont pas proposé de représentant\n")
    if not connues:
        return texte + _membre("Représentant d'une organisation syndicale représentative au niveau régional",
                               "syndicat_salaries", organisation="À préciser", sigle="À préciser")
    return texte + "".join(_membre(f"Représentant {o}", "syndicat_salaries", organisation=o, sigle=o) for o in connues)


def _partenaires_sociaux() -> str:
    texte = "".join(_membre(f"Représentant {o}", "syndicat_salaries", organisation=o) for o in SYNDICATS)
    texte += "".join(_membre(f"Représentant {o}", "organisation_employeurs", organisation=o) for o in EMPLOYEURS)
    texte += "".join(
        _membre(f"Représentant {o}", "organisation_employeurs_multipro", organisation=o)
        for o in EMPLOYEURS_MULTIPRO
    )
    return texte


def _limite(droit, nom: str, article: str) -> str:
    """« 27 membres au plus (R. 5311-24) », le plafond lu dans les paramètres du droit."""
    return f"{droit(nom)} membres au plus ({article})"


def _adaptation_outre_mer(code_region: str, niveau: str, droit) -> tuple[str, str]:
    """Guadeloupe et La Réunion (L. 5523-7, R. 5523-15-1 et -3) : (lignes d'en-tête, membres en
    plus) ; rien ailleurs. Les organisations syndicales représentatives au niveau régional y ont
    une voix chacune (R. 5523-15-4) ; les employeurs reconnus représentatifs sur le territoire
    régional siègent sans voix délibérative."""
    from cte_cli.droit.territoires import REGIONS_L5523_7

    if code_region not in REGIONS_L5523_7:
        return "", ""
    nom, article = (("plafond.cre_outre_mer", "R. 5523-15-3 2°") if niveau == "regional"
                    else ("plafond.cde_outre_mer", "R. 5523-15-3 2°"))
    entete = (f"# Guadeloupe et La Réunion : composition adaptée par R. 5523-15-3 (R. 5523-15-1), "
              f"{_limite(droit, nom, article)}\n"
              "# pour les membres nommés par le préfet ; voix : R. 5523-15-4.\n")
    membres = (
        _syndicats_regionaux(code_region, "R. 5523-15-3 1° c (voix : R. 5523-15-4)")
        + "  # R. 5523-15-3 1° e : organisations d'employeurs reconnues représentatives sur le territoire régional\n"
        + _membre("Représentant d'une organisation d'employeurs représentative sur le territoire",
                  "organisation_employeurs", organisation="À préciser", sigle="À préciser")
    )
    return entete, membres


def comite_regional(geo, code_region: str, debut: date) -> Fichier:
    """Le comité régional au sein du CREFOP : un représentant de chacun des départements de la
    région (R. 5311-17 3°, selon la lecture retenue des « départements », docs/regles.md) et, si la
    région en compte plus de six, la rotation des sièges des départements au CREFOP lui-même
    (R. 6123-3-3 2° bis, R. 6123-3-6), décrite à part."""
    from cte_cli.droit.territoires import (
        lecture_departements,
        population_unite,
        unites_departementales,
    )
    from cte_cli.referentiel.parametres_legaux import Droit
    from cte_cli.referentiel.services import service_emploi

    region = geo.regions[code_region]
    nom = region.nom
    droit = Droit(debut)
    service = service_emploi(code_region)
    unites = unites_departementales(code_region, lecture_departements(droit), geo)
    prefet = service.prefet or f"Préfet de la région {nom}"
    entete_om, membres_om = _adaptation_outre_mer(code_region, "regional", droit)
    grande = len(unites) > (droit("plafond.seuil_departements_cre") or 0)
    limite = _limite(droit, "plafond.cre_grande_region" if grande else "plafond.cre", "R. 5311-18")
    texte = (
        "# Comité régional pour l'emploi, au sein du CREFOP (L. 5311-10 I 1°, R. 5311-15 à -21).\n"
        + (entete_om or f"# Catégories 1° à 5° de R. 5311-17 : {limite}.\n")
        + "# Remplacez « À désigner » par les personnes nommées par arrêté du préfet de région.\n"
        "type: comite\n"
        f"id: cre-{_slug(nom)}\n"
        "niveau: regional\n"
        f"nom: {_q('Comité régional pour l’emploi ' + _de(nom))}\n"
        f"region: {_q(code_region)}\n"
        "forme: au_sein_du_crefop\n"
        "presidents:\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(prefet)}, college: etat}}\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q('Président du conseil régional')}, college: region}}\n"
        "membres:\n"
        + _membre(service.directeur, "etat")
        + _membre("Représentant du conseil régional", "region")
        + "  # 3° : un représentant de chacun des départements de la région (R. 5311-17 3°), pour trois ans\n"
    )
    texte += "".join(
        _membre(f"Représentant du conseil départemental ({u.nom})", "departement", departement=u.code)
        for u in unites
    )
    texte += _partenaires_sociaux() + membres_om
    texte += _membre(f"Directeur régional de France Travail {nom}", "france_travail")
    texte += _membre("Président de l'association régionale des missions locales", "mission_locale")
    texte += _membre("Président du réseau régional Cap emploi", "cap_emploi")
    if len(region.departements) > (droit("crefop.seuil_rotation") or 0):
        from cte_cli.droit.rotation import en_yaml, planifier

        # sièges du CREFOP : rotation équilibrée, sièges en plus aux plus peuplés (cte rotation)
        ordre = sorted(unites, key=lambda u: (-population_unite(u, geo), u.code))
        plan = planifier([u.code for u in unites], debut, priorite=[u.code for u in ordre])
        texte += (
            "# Sièges des départements au CREFOP lui-même (pas les membres du comité) : au plus six, des\n"
            "# périodes d'au moins un an, chaque département représenté sur les trois ans (R. 6123-3-3 2° bis,\n"
            "# R. 6123-3-6 ; règlement intérieur du CREFOP, instruction DGEFP/DAT/2024/92 fiche 1 § 1.2).\n"
            + en_yaml(plan)
        )
    return Fichier(Path("regional") / f"cre-{_slug(nom)}.yaml", texte)


#: collectivités exerçant les compétences d'un département (R. 5311-28, R. 5311-29) :
#: clé -> (départements, nom du ressort, qualité du président, préfet coprésident)
COLLECTIVITES = {
    "alsace": (("67", "68"), "Alsace", "Président de la Collectivité européenne d'Alsace", "67"),
    "corse": (("2A", "2B"), "Corse", "Président du conseil exécutif de Corse", "2A"),
    "metropole-de-lyon": (("69",), "Métropole de Lyon", "Président de la Métropole de Lyon", None),
    "ville-de-paris": (("75",), "Paris", "Maire de Paris, président du conseil de Paris", None),
}


def ressorts_departementaux(codes: list[str]) -> list[tuple[tuple[str, ...], str | None]]:
    """Un (départements, collectivité) par comité départemental à créer : un par département,
    un pour l'Alsace (67 et 68) et un pour la Corse (2A et 2B) (R. 5311-29), deux pour le Rhône
    (le département, et la Métropole de Lyon, R. 5311-28), Paris avec la Ville de Paris."""
    ressorts: list[tuple[tuple[str, ...], str | None]] = []
    for code in codes:
        cle = next((k for k, v in COLLECTIVITES.items() if code in v[0]), None)
        if cle is None or code == "69":
            ressorts.append(((code,), None))
        if cle is not None and code == COLLECTIVITES[cle][0][0]:
            ressorts.append((COLLECTIVITES[cle][0], cle))
    return ressorts


def comite_departemental(geo, codes: tuple[str, ...] | str, collectivite: str | None = None,
                         debut: date | None = None) -> Fichier:
    from cte_cli.referentiel.parametres_legaux import Droit
    from cte_cli.referentiel.services import service_emploi

    droit = Droit(debut or date.today())
    codes = (codes,) if isinstance(codes, str) else codes
    departement = geo.departements[codes[0]]
    service = service_emploi(departement.region)
    if collectivite:
        _codes, nom, president, prefet = COLLECTIVITES[collectivite]
        suffixe = "m" if collectivite == "metropole-de-lyon" else ""
        slug = f"cde-{'-'.join(c.lower() for c in codes)}{suffixe}-{_slug(nom)}"
    else:
        nom, president, prefet = departement.nom, "Président du conseil départemental", None
        slug = f"cde-{codes[0].lower()}-{_slug(nom)}"
    plafond = (_limite(droit, "plafond.cde_plusieurs_departements", "R. 5311-29") if len(codes) > 1
               else _limite(droit, "plafond.cde", "R. 5311-24"))
    entete_om, membres_om = _adaptation_outre_mer(departement.region, "departemental", droit)
    prefet_cle = f", departement: {_q(prefet)}" if prefet else ""
    texte = (
        (f"# Comité départemental pour l'emploi (R. 5311-22 à -27). Catégories 1° à 6° : {plafond}.\n"
         if not entete_om else "# Comité départemental pour l'emploi (R. 5311-22 à -27).\n" + entete_om)
        + (f"# Collectivité exerçant les compétences du département (R. 5311-28) : {nom}.\n" if collectivite else "")
        + "type: comite\n"
        f"id: {slug}\n"
        "niveau: departemental\n"
        f"nom: {_q('Comité départemental pour l’emploi ' + _de(nom))}\n"
        f"region: {_q(departement.region)}\n"
        f"departements: [{', '.join(_q(c) for c in codes)}]\n"
        + (f"collectivite: {collectivite}\n" if collectivite else "")
        + "presidents:\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(service.prefet or 'Préfet ' + _de(departement.nom))}, college: etat{prefet_cle}}}\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(president)}, college: departement}}\n"
        "membres:\n"
        + _membre(service.directeur_departemental, "etat")
        + _membre("Représentant du conseil régional", "region")
        + _membre(f"Représentant de la collectivité ({nom})" if collectivite else "Représentant du conseil départemental",
                  "departement")
        + _membre(f"Représentant de l'association des maires ({nom})", "communes")
        + _partenaires_sociaux() + membres_om
        + _membre(service.france_travail_cde, "france_travail")
        + _membre("Représentant des missions locales du département", "mission_locale")
        + _membre("Représentant de Cap emploi", "cap_emploi")
        + _COMMISSION_IAE.format(article="R. 5311-26")
    )
    return Fichier(Path("departemental") / f"{slug}.yaml", texte)


_COMMISSION_IAE = (
    "commissions:\n"
    "  - id: inclusion-iae\n"
    "    nom: Commission inclusion et insertion par l'activité économique\n"
    "    objet: inclusion_iae   # obligatoire ({article})\n"
)

#: Guyane, Martinique, Mayotte (L. 5523-8) : présidence de la collectivité, collège où elle siège
COLLECTIVITES_UNIQUES = {
    "02": ("Président du conseil exécutif de Martinique", "region"),
    "03": ("Président de l'assemblée de Guyane", "region"),
    "06": ("Président du conseil départemental de Mayotte", "departement"),
}


def comite_territorial(geo, code_region: str, debut: date | None = None) -> Fichier:
    """Guyane, Martinique, Mayotte : un comité territorial au sein du CREFOP au lieu des comités
    régional et départemental (L. 5523-8, R. 5523-15-19 à -30), plafond de R. 5523-15-24."""
    from cte_cli.referentiel.parametres_legaux import Droit
    from cte_cli.referentiel.services import service_emploi

    droit = Droit(debut or date.today())
    region = geo.regions[code_region]
    service = service_emploi(code_region)
    president, college = COLLECTIVITES_UNIQUES[code_region]
    slug = f"ct-{_slug(region.nom)}"
    texte = (
        "# Comité territorial pour l'emploi, au sein du CREFOP (L. 5523-8, R. 5523-15-19 à -30).\n"
        f"# Catégories 1° à 8° de R. 5523-15-23 : {_limite(droit, 'plafond.territorial_l5523_8', 'R. 5523-15-24')}.\n"
        "type: comite\n"
        f"id: {slug}\n"
        "niveau: territorial\n"
        f"nom: {_q('Comité territorial pour l’emploi ' + _de(region.nom))}\n"
        f"region: {_q(code_region)}\n"
        f"departements: [{', '.join(_q(c) for c in region.departements)}]\n"
        "presidents:\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(service.prefet or 'Préfet ' + _de(region.nom))}, college: etat}}\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(president)}, college: {college}}}\n"
        "membres:\n"
        + _membre(service.directeur, "etat")
        + _membre("Représentant de la collectivité", college)
        + _membre("Représentant de l'association des maires", "communes")
        + _partenaires_sociaux()
        + _syndicats_regionaux(code_region, "R. 5523-15-23 6° (voix : R. 5523-15-25)")
        + _membre("Directeur régional de France Travail", "france_travail")
        + _membre("Président de l'association régionale des missions locales", "mission_locale")
        + (_membre("Président du réseau régional Cap emploi", "cap_emploi") if code_region != "06" else "")
        + _COMMISSION_IAE.format(article="R. 5523-15-28")
    )
    return Fichier(Path("territorial") / f"{slug}.yaml", texte)


#: Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin (L. 5523-9) : président du conseil territorial
CONSEILS_TERRITORIAUX = {
    "975": "Président du conseil territorial de Saint-Pierre-et-Miquelon",
    "977": "Président du conseil territorial de Saint-Barthélemy",
    "978": "Président du conseil territorial de Saint-Martin",
}


def comite_territorial_unique(geo, code: str, debut: date | None = None) -> Fichier:
    """Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin : le comité territorial unique
    (L. 5523-9, R. 5523-15-32 à -42), présidé par le préfet et le président du conseil territorial
    (R. 5523-15-34), composé selon R. 5523-15-35 ; plafond de R. 5523-15-36."""
    from cte_cli.referentiel.parametres_legaux import Droit
    from cte_cli.referentiel.services import service_emploi

    droit = Droit(debut or date.today())
    collectivite = geo.collectivites_outre_mer[code]
    service = service_emploi(code)
    slug = f"ctu-{_slug(collectivite.nom)}"
    president = CONSEILS_TERRITORIAUX[code]
    texte = (
        "# Comité territorial unique pour l'emploi (L. 5523-9, R. 5523-15-32 à -42).\n"
        f"# Catégories nommées de R. 5523-15-35 : {_limite(droit, 'plafond.territorial_unique', 'R. 5523-15-36')}.\n"
        "type: comite\n"
        f"id: {slug}\n"
        "niveau: territorial_unique\n"
        f"nom: {_q('Comité territorial unique pour l’emploi ' + _de(collectivite.nom))}\n"
        f"region: {_q(code)}\n"
        "presidents:\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(service.prefet or 'Préfet')}, college: etat}}\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q(president)}, college: region}}\n"
        "membres:\n"
        + _membre(service.directeur, "etat")
        + "  # 2° : représentants de la collectivité, sur proposition du président du conseil territorial\n"
        + _membre("Représentant de la collectivité", "region")
        + (_membre("Représentant des communes (sur proposition des maires)", "communes") if code == "975" else "")
        + _partenaires_sociaux()
        + _syndicats_regionaux(code, "R. 5523-15-35 6° (voix : R. 5523-15-37)")
        + _membre("Directeur régional de France Travail ou son représentant", "france_travail")
        + (_membre("Président de la mission locale", "mission_locale") if code == "978" else "")
        + (_membre("Président de l'organisme Cap emploi", "cap_emploi") if code in ("977", "978") else "")
        + _COMMISSION_IAE.format(article="R. 5523-15-40")
    )
    return Fichier(Path("territorial") / f"{slug}.yaml", texte)


LISEZMOI = """# Configuration des comités territoriaux pour l'emploi : {nom}

Dépôt créé par `cte init --region {code}`. Chaque fichier YAML décrit un comité, une séance,
une feuille de route ou un jeu de paramètres (voir la documentation du format de `cte`).

{dossiers}
- `locaux/` : les comités locaux, dont le ressort est fixé par arrêté du préfet (R. 5311-30) ;
- `seances/`, `feuilles-de-route/` : les réunions et les feuilles de route.

Vérifier : `cte validate .` (0 = aucune erreur ; les avertissements disent ce qui reste à remplir).
"""


def echafauder(code_region: str, dossier: str | Path, *, force: bool = False, debut: date | None = None,
               forge: str = "gitlab", crochets: str | None = None, outillage: bool = True) -> list[Path]:
    """Écrit le dépôt d'une région dans `dossier` ; refuse un dossier non vide sans `force`.

    Avec `outillage` (défaut), aussi la CI de la `forge` (gitlab ou github), pre-commit,
    .editorconfig, les réglages de l'éditeur et le JSON Schema (module `cte_cli.outillage`)."""
    from cte_cli import outillage as o
    from cte_cli.referentiel import geographie

    if forge not in o.FORGES:
        raise CteErreur(f"forge « {forge} » inconnue ; forges possibles : {', '.join(o.FORGES)}")
    geo = geographie()
    if code_region not in geo.regions and code_region not in geo.collectivites_outre_mer:
        territoires: list[Any] = [*geo.regions.values(), *geo.collectivites_outre_mer.values()]
        codes = ", ".join(f"{r.code} ({r.nom})" for r in territoires)
        raise CteErreur(f"région « {code_region} » inconnue ; codes possibles : {codes}")
    racine = Path(dossier)
    if racine.exists() and any(racine.iterdir()) and not force:
        raise CteErreur(f"le dossier {racine} n'est pas vide (utilisez --force pour y écrire quand même)")
    debut = debut or date(date.today().year, 1, 1)
    region: Any = geo.regions.get(code_region) or geo.collectivites_outre_mer[code_region]
    if code_region in CONSEILS_TERRITORIAUX:
        fichiers = [comite_territorial_unique(geo, code_region, debut)]
    elif code_region in COLLECTIVITES_UNIQUES:
        fichiers = [comite_territorial(geo, code_region, debut)]
    else:
        fichiers = [comite_regional(geo, code_region, debut)]
        fichiers += [comite_departemental(geo, codes, cle, debut)
                     for codes, cle in ressorts_departementaux(list(region.departements))]
    if outillage:
        # ligne modeline de yaml-language-server : complétion et contrôle dans tout éditeur
        fichiers = [Fichier(f.chemin, o.modeline(len(f.chemin.parts) - 1) + f.contenu) for f in fichiers]
    fichiers.append(Fichier(Path("README.md"), LISEZMOI.format(
        nom=region.nom, code=code_region, dossiers=_dossiers_decrits(fichiers),
    ) + (LISEZMOI_OUTILLAGE.format(ci=_CI[forge]) if outillage else "")))
    if outillage:
        fichiers += [Fichier(chemin, contenu) for chemin, contenu in
                     o.fichiers(code_region, forge, crochets).items()]
    ecrits = [ecrire_atomique(racine / f.chemin, f.contenu, force=force) for f in fichiers]
    for sous_dossier in ("locaux", "seances", "feuilles-de-route"):
        (racine / sous_dossier).mkdir(parents=True, exist_ok=True)
        (racine / sous_dossier / ".gitkeep").touch()
    return ecrits


_CI = {"gitlab": "`.gitlab-ci.yml` (GitLab CI)", "github": "`.github/workflows/cte.yml` (GitHub Actions)"}

LISEZMOI_OUTILLAGE = """
Outillage (écrit par `cte init`) :

- {ci} : vérification à chaque poussée, rapports affichés sur la demande de fusion,
  règlements intérieurs et cartographie construits sur la branche par défaut ;
- `.pre-commit-config.yaml` : `pip install pre-commit && pre-commit install`, puis chaque
  commit est vérifié ;
- `cte.schema.json`, `.vscode/`, `.editorconfig` : complétion et contrôle des fichiers dans
  l'éditeur (extension YAML de Red Hat) ; après une mise à jour de cte :
  `cte schema --sortie cte.schema.json --force`.
"""

_DOSSIERS = {
    "regional": "le comité régional pour l'emploi",
    "departemental": "les comités départementaux",
    "territorial": "le comité territorial (outre-mer, L. 5523-7 et L. 5523-8)",
    "territorial_unique": "le comité territorial unique, seul comité de la collectivité (L. 5523-9)",
}


def _dossiers_decrits(fichiers: list[Fichier]) -> str:
    """Les dossiers réellement écrits, décrits pour le README du dépôt."""
    presents = dict.fromkeys(f.chemin.parts[0] for f in fichiers if len(f.chemin.parts) > 1)
    unique = any(f.chemin.name.startswith("ctu-") for f in fichiers)
    return "\n".join(f"- `{d}/` : {_DOSSIERS['territorial_unique'] if unique and d == 'territorial' else _DOSSIERS.get(d, 'comités')} ;"
                      for d in presents)


def _slug(texte: str) -> str:
    from cte_cli.ecriture import nom_de_fichier

    return nom_de_fichier(texte.replace("'", "-").replace("’", "-")).lower().replace("_", "-")


def _de(nom: str) -> str:
    """« de la Côte-d’Or », « du Doubs », « de l’Yonne », « des Hautes-Pyrénées » (documents.entete.de,
    apostrophe typographique des noms de comités)."""
    from cte_cli.documents.entete import de

    return de(nom).replace("'", "’")
