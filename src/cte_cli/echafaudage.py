"""`cte init` : un dépôt de configuration neuf pour une région, prérempli depuis le référentiel.

Un comité régional (au sein du CREFOP, avec la rotation des départements si la région en
compte plus de six), un comité départemental par département avec sa commission inclusion et
IAE, et des membres « à désigner » dans les bons collèges. Le résultat passe `cte validate`
sans erreur ; les avertissements disent ce qui reste à remplir.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

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


def _partenaires_sociaux() -> str:
    texte = "".join(_membre(f"Représentant {o}", "syndicat_salaries", organisation=o) for o in SYNDICATS)
    texte += "".join(_membre(f"Représentant {o}", "organisation_employeurs", organisation=o) for o in EMPLOYEURS)
    texte += "".join(
        _membre(f"Représentant {o}", "organisation_employeurs_multipro", organisation=o)
        for o in EMPLOYEURS_MULTIPRO
    )
    return texte


def rotation_simple(departements: list[str], sieges: int, debut: date) -> list[tuple[date, date, list[str]]]:
    """Trois périodes d'un an qui, ensemble, font siéger chaque département (R. 6123-3-6)."""
    periodes = []
    for annee in range(3):
        d = debut.replace(year=debut.year + annee)
        f = debut.replace(year=debut.year + annee + 1).fromordinal(
            debut.replace(year=debut.year + annee + 1).toordinal() - 1
        )
        choisis = [departements[(annee * sieges + k) % len(departements)] for k in range(sieges)]
        periodes.append((d, f, sorted(dict.fromkeys(choisis))))
    return periodes


def comite_regional(geo, code_region: str, debut: date) -> Fichier:
    region = geo.regions[code_region]
    departements = list(region.departements)
    nom = region.nom
    texte = (
        "# Comité régional pour l'emploi, au sein du CREFOP (L. 5311-10 I 1°, R. 5311-15 à -21).\n"
        "# Remplacez « À désigner » par les personnes nommées par arrêté du préfet de région.\n"
        "type: comite\n"
        f"id: cre-{_slug(nom)}\n"
        "niveau: regional\n"
        f"nom: {_q('Comité régional pour l’emploi ' + _de(nom))}\n"
        f"region: {_q(code_region)}\n"
        "forme: au_sein_du_crefop\n"
        "presidents:\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q('Préfet de la région ' + nom)}, college: etat}}\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q('Président du conseil régional')}, college: region}}\n"
        "membres:\n"
        + _membre("Directeur régional de l'économie, de l'emploi, du travail et des solidarités", "etat")
        + _membre("Représentant du conseil régional", "region")
    )
    sieges = min(6, len(departements))
    if len(departements) > 6:
        periodes = rotation_simple(departements, sieges, debut)
        siegeants = periodes[0][2]
    else:
        periodes, siegeants = [], departements
    texte += "".join(
        _membre(f"Représentant du conseil départemental ({geo.departements[c].nom})", "departement", departement=c)
        for c in siegeants
    )
    texte += _partenaires_sociaux()
    texte += _membre(f"Directeur régional de France Travail {nom}", "france_travail")
    texte += _membre("Président de l'association régionale des missions locales", "mission_locale")
    texte += _membre("Président du réseau régional Cap emploi", "cap_emploi")
    if periodes:
        fin = periodes[-1][1]
        texte += (
            "# Rotation des départements au CREFOP : au plus six sièges, des périodes d'au moins\n"
            "# un an, chaque département représenté sur les trois ans (R. 6123-3-3 2° bis, R. 6123-3-6).\n"
            "rotation:\n"
            f"  mandat: {{debut: {debut.isoformat()}, fin: {fin.isoformat()}}}\n"
            f"  sieges: {sieges}\n"
            "  periodes:\n"
        )
        for d, f, codes in periodes:
            liste = ", ".join(_q(c) for c in codes)
            texte += f"    - {{debut: {d.isoformat()}, fin: {f.isoformat()}, departements: [{liste}]}}\n"
    return Fichier(Path("regional") / f"cre-{_slug(nom)}.yaml", texte)


def comite_departemental(geo, code: str) -> Fichier:
    departement = geo.departements[code]
    slug = f"cde-{code.lower()}-{_slug(departement.nom)}"
    texte = (
        "# Comité départemental pour l'emploi (R. 5311-22 à -27). Catégories 1° à 6° : 27 membres au plus.\n"
        "type: comite\n"
        f"id: {slug}\n"
        "niveau: departemental\n"
        f"nom: {_q('Comité départemental pour l’emploi ' + _de(departement.nom))}\n"
        f"region: {_q(departement.region)}\n"
        f"departements: [{_q(code)}]\n"
        "presidents:\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q('Préfet ' + _de(departement.nom))}, college: etat}}\n"
        f"  - {{nom: {_q(A_DESIGNER)}, qualite: {_q('Président du conseil départemental')}, college: departement}}\n"
        "membres:\n"
        + _membre("Directeur départemental de l'emploi, du travail et des solidarités", "etat")
        + _membre("Représentant du conseil régional", "region")
        + _membre("Représentant du conseil départemental", "departement")
        + _membre(f"Représentant de l'association des maires ({departement.nom})", "communes")
        + _partenaires_sociaux()
        + _membre("Directeur territorial de France Travail", "france_travail")
        + _membre("Représentant des missions locales du département", "mission_locale")
        + _membre("Représentant de Cap emploi", "cap_emploi")
        + "commissions:\n"
        "  - id: inclusion-iae\n"
        "    nom: Commission inclusion et insertion par l'activité économique\n"
        "    objet: inclusion_iae   # obligatoire (R. 5311-26)\n"
    )
    return Fichier(Path("departemental") / f"{slug}.yaml", texte)


LISEZMOI = """# Configuration des comités territoriaux pour l'emploi : {nom}

Dépôt créé par `cte init --region {code}`. Chaque fichier YAML décrit un comité, une séance,
une feuille de route ou un jeu de paramètres (voir la documentation du format de `cte`).

- `regional/` : le comité régional pour l'emploi ;
- `departemental/` : un comité départemental par département ;
- `locaux/` : les comités locaux, dont le ressort est fixé par arrêté du préfet (R. 5311-30) ;
- `seances/`, `feuilles-de-route/` : les réunions et les feuilles de route.

Vérifier : `cte validate .` (0 = aucune erreur ; les avertissements disent ce qui reste à remplir).
"""


def echafauder(code_region: str, dossier: str | Path, *, force: bool = False, debut: date | None = None) -> list[Path]:
    """Écrit le dépôt d'une région dans `dossier` ; refuse un dossier non vide sans `force`."""
    from cte_cli.referentiel import geographie

    geo = geographie()
    if code_region not in geo.regions:
        codes = ", ".join(f"{r.code} ({r.nom})" for r in geo.regions.values())
        raise CteErreur(f"région « {code_region} » inconnue ; codes possibles : {codes}")
    racine = Path(dossier)
    if racine.exists() and any(racine.iterdir()) and not force:
        raise CteErreur(f"le dossier {racine} n'est pas vide (utilisez --force pour y écrire quand même)")
    debut = debut or date(date.today().year, 1, 1)
    region = geo.regions[code_region]
    fichiers = [comite_regional(geo, code_region, debut)]
    fichiers += [comite_departemental(geo, c) for c in region.departements]
    fichiers.append(Fichier(Path("README.md"), LISEZMOI.format(nom=region.nom, code=code_region)))
    ecrits = [ecrire_atomique(racine / f.chemin, f.contenu, force=force) for f in fichiers]
    for sous_dossier in ("locaux", "seances", "feuilles-de-route"):
        (racine / sous_dossier).mkdir(parents=True, exist_ok=True)
        (racine / sous_dossier / ".gitkeep").touch()
    return ecrits


def _slug(texte: str) -> str:
    from cte_cli.ecriture import nom_de_fichier

    return nom_de_fichier(texte.replace("'", "-").replace("’", "-")).lower().replace("_", "-")


def _de(nom: str) -> str:
    """« de la Côte-d'Or », « du Doubs », « de l'Yonne »… (forme simple : « de » + nom)."""
    if nom[0] in "AEIOUYÉÈÎ":
        return f"de l’{nom}"
    return f"de {nom}"
