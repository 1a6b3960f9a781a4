"""En-tête des documents (logo, institution, service, adresse), réglable dans le dépôt.

Chaque document produit par `cte generate` porte en première page l'en-tête du service qui
l'établit : la préfecture de région et la DREETS pour le comité régional, la préfecture de
département et la DDETS(-PP) pour les comités départementaux et locaux, la DEETS outre-mer (la
direction générale de la cohésion et des populations en Guyane). Sans réglage, `cte` écrit
l'institution et le service déduits du comité ; le fichier `modeles/entete.toml` du dépôt les
précise ou les remplace, avec l'adresse, le logo, la ville où les arrêtés sont signés et le
tribunal administratif compétent :

    [commun]                       # valeurs de tous les en-têtes
    logo = "logo.png"              # image PNG ou JPEG du dossier modeles/
    [region]                       # comité régional, comités territoriaux d'outre-mer
    service = "Direction régionale de l'économie, de l'emploi, du travail et des solidarités"
    adresse = ["5 place Jean Cornet", "25000 Besançon"]
    [departements.21]              # comités départementaux et locaux de la Côte-d'Or
    adresse = ["Cité administrative Dampierre", "6 rue Chancelier de l'Hospital", "21000 Dijon"]
    tribunal_administratif = "tribunal administratif de Dijon"

Le logo est inséré après le rendu, à la place du repère `{{ entete.logo }}` du modèle .docx
(voir :func:`inserer_logo`) : la vue ne contient que du texte.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cte_cli.erreurs import CteErreur

FICHIER = "entete.toml"
#: repère remplacé par l'image du logo dans un .docx rendu
MARQUEUR_LOGO = "⟦logo⟧"
#: hauteur du logo dans l'en-tête
HAUTEUR_LOGO_CM = 1.8
#: taille maximale d'une image de logo
TAILLE_MAX_LOGO = 2 * 1024 * 1024
CLES = ("institution", "service", "adresse", "telephone", "courriel", "site", "logo", "ville",
        "tribunal_administratif", "proposition")
TRIBUNAL_PAR_DEFAUT = "le tribunal administratif territorialement compétent"

#: services de l'État chargés de l'emploi outre-mer (décret n° 2020-1545 : DEETS ; Guyane :
#: décret n° 2019-894, direction générale de la cohésion et des populations)
SERVICES_OUTRE_MER = {
    "01": "Direction de l'économie, de l'emploi, du travail et des solidarités de la Guadeloupe",
    "02": "Direction de l'économie, de l'emploi, du travail et des solidarités de la Martinique",
    "03": "Direction générale de la cohésion et des populations de Guyane",
    "04": "Direction de l'économie, de l'emploi, du travail et des solidarités de La Réunion",
    "06": "Direction de l'économie, de l'emploi, du travail et des solidarités de Mayotte",
    "975": "Direction de la cohésion sociale, du travail, de l'emploi et de la population de "
           "Saint-Pierre-et-Miquelon",
    "977": "Direction de l'économie, de l'emploi, du travail et des solidarités de la Guadeloupe",
    "978": "Direction de l'économie, de l'emploi, du travail et des solidarités de la Guadeloupe",
}
#: institution (bloc de l'État) des collectivités de L. 5523-9
INSTITUTIONS_COM = {
    "975": "Préfet de Saint-Pierre-et-Miquelon",
    "977": "Préfet délégué dans les collectivités de Saint-Barthélemy et de Saint-Martin",
    "978": "Préfet délégué dans les collectivités de Saint-Barthélemy et de Saint-Martin",
}
#: départements de la petite couronne et Paris : unités départementales de la DRIEETS
DRIEETS = ("75", "92", "93", "94")
NOM_DRIEETS = ("Direction régionale et interdépartementale de l'économie, de l'emploi, du travail et "
               "des solidarités d'Île-de-France")

# --- « de la Côte-d'Or », « du Doubs », « de l'Yonne », « des Vosges » -------------------------

_DU = {"Bas-Rhin", "Haut-Rhin", "Calvados", "Cantal", "Cher", "Doubs", "Finistère", "Gard", "Gers", "Jura",
       "Loir-et-Cher", "Loiret", "Lot", "Lot-et-Garonne", "Maine-et-Loire", "Morbihan", "Nord", "Pas-de-Calais",
       "Puy-de-Dôme", "Rhône", "Tarn", "Tarn-et-Garonne", "Territoire de Belfort", "Val-de-Marne", "Val-d'Oise",
       "Var", "Vaucluse"}
_SANS_ARTICLE = {"Paris", "Mayotte", "La Réunion", "Saint-Pierre-et-Miquelon", "Saint-Barthélemy",
                 "Saint-Martin", "Bourgogne-Franche-Comté", "Normandie", "Bretagne", "Occitanie",
                 "Nouvelle-Aquitaine", "Grand Est", "Hauts-de-France", "Auvergne-Rhône-Alpes",
                 "Provence-Alpes-Côte d'Azur", "Centre-Val de Loire", "Pays de la Loire", "Corse",
                 "Île-de-France"}
_D_APOSTROPHE = {"Eure-et-Loir", "Ille-et-Vilaine", "Indre-et-Loire"}


def de(nom: str) -> str:
    """« de la Côte-d'Or », « du Doubs », « de l'Yonne », « des Vosges », « de Paris »."""
    if nom in _SANS_ARTICLE:
        return f"de {nom}" if not nom.startswith(("Î", "I", "O")) else f"d'{nom}"
    if nom in _DU:
        return f"du {nom}"
    if nom in _D_APOSTROPHE:
        return f"d'{nom}"
    premier = nom.split("-")[0].split(" ")[0]
    if premier.endswith("s") and premier not in ("Doubs", "Calvados", "Gers"):
        return f"des {nom}"
    if nom[:1] in "AEIOUYÉÈÊÎÔ" or (nom[:1] == "H" and not nom.startswith("Haut")):  # h aspiré : la Haute-Saône
        return f"de l'{nom}"
    return f"de la {nom}"


# --- la vue ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reglage:
    """Un en-tête résolu : la vue, et le logo à insérer (octets), s'il y en a un."""

    entete: Any
    logo: bytes | None


def _chef_lieu(geo: Any, code_commune: str | None) -> str:
    if not code_commune:
        return ""
    try:
        commune = geo.commune(code_commune)
    except Exception:  # référentiel des communes indisponible
        return ""
    return commune.nom if commune else ""


def defauts(comite: Any, geo: Any, departement: str | None = None) -> dict[str, Any]:
    """L'en-tête déduit du comité (ou du département, pour l'arrêté de ressort), sans réglage."""
    region = comite.region if comite is not None else geo.departements[departement].region
    niveau = comite.niveau if comite is not None else "departemental"
    if departement is None and niveau in ("departemental", "local") and comite.departements:
        departement = comite.departements[0]
    valeurs: dict[str, Any] = {}
    if region in INSTITUTIONS_COM:
        valeurs["institution"] = INSTITUTIONS_COM[region]
        valeurs["ville"] = _chef_lieu(geo, geo.collectivites_outre_mer[region].chef_lieu
                                      if region in geo.collectivites_outre_mer else None)
    elif niveau in ("departemental", "local") and departement in geo.departements:
        dep = geo.departements[departement]
        valeurs["institution"] = f"Préfet {de(dep.nom)}"
        valeurs["ville"] = _chef_lieu(geo, dep.chef_lieu)
    elif region in geo.regions:
        reg = geo.regions[region]
        valeurs["institution"] = (f"Préfet {de(reg.nom)}" if reg.outre_mer else f"Préfet de la région {reg.nom}")
        valeurs["ville"] = _chef_lieu(geo, reg.chef_lieu)
    valeurs["service"] = _service(region, niveau, departement, geo)
    valeurs["proposition"] = proposition(valeurs["service"])
    return valeurs


def _service(region: str, niveau: str, departement: str | None, geo: Any) -> str:
    if region in SERVICES_OUTRE_MER:
        return SERVICES_OUTRE_MER[region]
    if niveau in ("departemental", "local") and departement in geo.departements:
        if departement in DRIEETS:
            return f"{NOM_DRIEETS}, unité départementale {de(geo.departements[departement].nom)}"
        return ("Direction départementale de l'emploi, du travail et des solidarités "
                f"{de(geo.departements[departement].nom)}")
    if region == "11":
        return NOM_DRIEETS
    nom = geo.regions[region].nom if region in geo.regions else region
    return f"Direction régionale de l'économie, de l'emploi, du travail et des solidarités {de(nom)}"


_PROPOSITIONS = (
    ("Direction régionale et interdépartementale ", "du directeur régional et interdépartemental "),
    ("Direction régionale ", "du directeur régional "),
    ("Direction départementale ", "du directeur départemental "),
    ("Direction générale ", "du directeur général "),
    ("Direction ", "du directeur "),
)


def proposition(service: str) -> str:
    """« Direction départementale de l'emploi… » -> « du directeur départemental de l'emploi… »
    (« Sur proposition … » d'un arrêté) ; vide pour un service qui n'est pas une direction."""
    for debut, remplacement in _PROPOSITIONS:
        if service.startswith(debut):
            return remplacement + service[len(debut):].split(", unité départementale")[0]
    return ""


# --- réglage du dépôt --------------------------------------------------------------------------


def lire_reglage(racine: str | Path | None) -> tuple[dict[str, Any], Path | None]:
    """Le contenu de `modeles/entete.toml` (vide s'il n'existe pas) et son chemin."""
    if racine is None:
        return {}, None
    from cte_cli.documents.modeles import DOSSIER_DEPOT, racine_depot

    dossier = racine_depot(racine) / DOSSIER_DEPOT
    chemin = dossier / FICHIER
    if not chemin.is_file():
        return {}, None
    _dans_le_dossier(chemin, dossier)
    try:
        donnees = tomllib.loads(chemin.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CteErreur("en-tête illisible : le fichier n'est pas en UTF-8", str(chemin)) from None
    except tomllib.TOMLDecodeError as exc:
        ligne = getattr(exc, "lineno", None) or _ligne_toml(str(exc))
        raise CteErreur(f"en-tête illisible (TOML) : {exc}", str(chemin), ligne) from None
    _verifier(donnees, chemin)
    return donnees, chemin


def _ligne_toml(message: str) -> int | None:
    import re

    trouve = re.search(r"line (\d+)", message)
    return int(trouve.group(1)) if trouve else None


def _verifier(donnees: dict[str, Any], chemin: Path) -> None:
    """Clés connues, valeurs de bon type : une faute de frappe n'est jamais ignorée."""
    from cte_cli.suggestions import suggestion

    def section(nom: str, valeurs: Any) -> None:
        if not isinstance(valeurs, dict):
            raise CteErreur(f"[{nom}] : une table de clés est attendue", str(chemin))
        for cle, valeur in valeurs.items():
            if cle not in CLES:
                raise CteErreur(f"[{nom}] : clé « {cle} » inconnue{suggestion(cle, CLES)} ; clés possibles : "
                                + ", ".join(CLES), str(chemin))
            attendu = list if cle == "adresse" else str
            if not isinstance(valeur, attendu) or (attendu is list and not all(isinstance(v, str) for v in valeur)):
                raise CteErreur(f"[{nom}] {cle} : {'une liste de lignes' if attendu is list else 'un texte'} "
                                "est attendu", str(chemin))

    for nom, valeurs in donnees.items():
        if nom == "departements":
            if not isinstance(valeurs, dict):
                raise CteErreur("[departements] : une table par département est attendue ([departements.21])",
                                str(chemin))
            for code, sous in valeurs.items():
                section(f"departements.{code}", sous)
        elif nom in ("commun", "region"):
            section(nom, valeurs)
        else:
            raise CteErreur(f"section « {nom} » inconnue{suggestion(nom, ['commun', 'region', 'departements'])} ; "
                            "sections possibles : commun, region, departements", str(chemin))


def _dans_le_dossier(chemin: Path, dossier: Path) -> None:
    if dossier.resolve() not in chemin.resolve().parents:
        raise CteErreur(f"fichier refusé : {chemin} est un lien vers un fichier hors du dossier {dossier}")


def _lire_logo(nom: str, fichier: Path) -> bytes:
    dossier = fichier.parent
    chemin = dossier / nom
    if not chemin.is_file():
        raise CteErreur(f"logo « {nom} » introuvable dans {dossier}", str(fichier))
    _dans_le_dossier(chemin, dossier)
    if chemin.stat().st_size > TAILLE_MAX_LOGO:
        raise CteErreur(f"logo « {nom} » trop volumineux (limite {TAILLE_MAX_LOGO // 1_048_576} Mo)", str(fichier))
    donnees = chemin.read_bytes()
    if not (donnees.startswith(b"\x89PNG\r\n\x1a\n") or donnees.startswith(b"\xff\xd8\xff")):
        raise CteErreur(f"logo « {nom} » : image PNG ou JPEG attendue", str(fichier))
    return donnees


def entete(racine: str | Path | None, comite: Any = None, *, departement: str | None = None,
           geo: Any = None, conjoint: list[str] | None = None) -> Reglage:
    """L'en-tête d'un document du comité (ou du département `departement`) : déduit, puis
    complété par `modeles/entete.toml` (section `commun`, puis `region` ou `departements.CODE`).
    `conjoint` : départements d'un arrêté conjoint, une institution par département."""
    if geo is None:
        from cte_cli.referentiel import geographie

        geo = geographie()
    donnees, chemin = lire_reglage(racine)
    valeurs = defauts(comite, geo, departement)
    niveau = comite.niveau if comite is not None else "departemental"
    code = departement or ((comite.departements or [None])[0] if comite is not None else None)
    propre = (donnees.get("departements", {}).get(code, {}) if niveau in ("departemental", "local")
              else donnees.get("region", {}))
    reglees = {**donnees.get("commun", {}), **propre}
    if "service" in reglees and "proposition" not in reglees:
        reglees["proposition"] = proposition(reglees["service"])
    valeurs.update(reglees)
    if conjoint and len(conjoint) > 1 and "institution" not in propre:
        valeurs["institution"] = "\n".join(f"Préfet {de(geo.departements[c].nom)}" for c in conjoint
                                           if c in geo.departements)
    logo = _lire_logo(valeurs["logo"], chemin) if valeurs.get("logo") and chemin else None
    coordonnees = [v for v in (valeurs.get("telephone"), valeurs.get("courriel"), valeurs.get("site")) if v]
    tribunal = valeurs.get("tribunal_administratif") or TRIBUNAL_PAR_DEFAUT
    if not tribunal.startswith(("le ", "l'")):
        tribunal = f"le {tribunal}"
    from cte_cli.documents.vue import Entete

    vue = Entete(
        institution=valeurs.get("institution", ""), service=valeurs.get("service", ""),
        adresse=list(valeurs.get("adresse", [])), coordonnees=coordonnees,
        logo=MARQUEUR_LOGO if logo else "", ville=valeurs.get("ville", ""), tribunal=tribunal,
        proposition=valeurs.get("proposition", ""),
    )
    return Reglage(vue, logo)


# --- insertion du logo dans un .docx rendu ------------------------------------------------------


def inserer_logo(docx: bytes, logo: bytes | None) -> bytes:
    """Remplace chaque repère `MARQUEUR_LOGO` du document (en-têtes compris) par l'image du logo ;
    sans logo, retire le repère. Renvoie le document inchangé s'il n'a pas de repère."""
    if MARQUEUR_LOGO.encode("utf-8") not in _xml_du_docx(docx):
        return docx
    from io import BytesIO

    from docx import Document
    from docx.shared import Cm

    document = Document(BytesIO(docx))
    for paragraphe in _paragraphes(document):
        for run in paragraphe.runs:
            if MARQUEUR_LOGO in run.text:
                run.text = run.text.replace(MARQUEUR_LOGO, "")
                if logo:
                    run.add_picture(BytesIO(logo), height=Cm(HAUTEUR_LOGO_CM))
    sortie = BytesIO()
    document.save(sortie)
    return sortie.getvalue()


def _xml_du_docx(docx: bytes) -> bytes:
    import zipfile
    from io import BytesIO

    with zipfile.ZipFile(BytesIO(docx)) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if n.startswith("word/") and n.endswith(".xml"))


def _paragraphes(document: Any):
    """Tous les paragraphes : corps, tableaux, en-têtes et pieds de page de chaque section."""
    def de_conteneur(conteneur: Any):
        yield from conteneur.paragraphs
        for table in conteneur.tables:
            for ligne in table.rows:
                for cellule in ligne.cells:
                    yield from de_conteneur(cellule)

    yield from de_conteneur(document)
    for section in document.sections:
        for partie in (section.header, section.first_page_header, section.even_page_header):
            if not partie.is_linked_to_previous:
                yield from de_conteneur(partie)
