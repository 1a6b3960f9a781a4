#!/usr/bin/env python3
"""Génère le dépôt d'exemple `examples/bourgogne-franche-comte/`.

Dépôt de configuration complet et réaliste pour la région Bourgogne-Franche-Comté (INSEE 27) :
le comité régional (au sein du CREFOP), les huit comités départementaux, les comités locaux
couvrant tous les EPCI à fiscalité propre des huit départements, des séances 2025-2026 et
des feuilles de route.

Institutions, fonctions et EPCI (SIREN du COG 2026, paquet @etalab/decoupage-administratif
6.0.0) sont réels ; les noms de personnes et les courriels sont inventés (domaines
`exemple.gouv.fr` et `exemple.fr`) ; les chiffres des feuilles de route sont illustratifs.

Les voix sont calculées ici selon R. 5311-38 (comités régional et départementaux) et
R. 5311-39 (comités locaux), puis chaque égalité est revérifiée avant écriture.

Usage : python scripts/generer_exemple_bfc.py [--sortie DOSSIER] [--force]

Le script sert à amorcer le dépôt ; ensuite les fichiers se tiennent à la main (ou avec
`cte voix --ecrire`). Il refuse d'écraser un dossier non vide sans --force.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import textwrap
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
SORTIE_DEFAUT = RACINE / "examples" / "bourgogne-franche-comte"
AUJOURDHUI = date(2026, 11, 22)  # date de référence de l'exemple (`cte validate --date`)
REGION = "27"
LARGEUR = 116  # longueur maximale visée des lignes YAML (< 120)

# ---------------------------------------------------------------------------------------------
# Émetteur YAML minimal : style bloc, indentation de 2, commentaires, scalaires repliés (>-)
# ---------------------------------------------------------------------------------------------


class Note:
    """Ligne de commentaire dans une liste ou un dictionnaire (clé de dictionnaire unique)."""

    def __init__(self, texte: str):
        self.texte = texte


class Fin:
    """Scalaire suivi d'un commentaire en fin de ligne."""

    def __init__(self, valeur, note: str):
        self.valeur = valeur
        self.note = note


class B(dict):
    """Dictionnaire toujours écrit en style bloc (jamais en `{...}`)."""


DEBUT_INTERDIT = set("-?:,[]{}#&*!|>'\"%@`+.")
MOTS_RESERVES = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _plain_ok(s: str, flux: bool) -> bool:
    if not s or s != s.strip() or s[0] in DEBUT_INTERDIT or s[0].isdigit():
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\n" in s or "\t" in s:
        return False
    if flux and any(c in s for c in ",[]{}"):
        return False
    return s.lower() not in MOTS_RESERVES


def scalaire(v, flux: bool = False) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, date):
        return v.isoformat()
    s = str(v)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", s):
        return s  # date-heure locale : reste une chaîne (pas de secondes)
    if _plain_ok(s, flux):
        return s
    return json.dumps(s, ensure_ascii=False)


def _est_scalaire(v) -> bool:
    return not isinstance(v, dict | list | Note | Fin)


def en_flux(v) -> str | None:
    """Représentation `{...}` / `[...]` si possible (ni commentaire ni B)."""
    if isinstance(v, B | Note | Fin):
        return None
    if isinstance(v, dict):
        parties = []
        for k, x in v.items():
            if isinstance(k, Note):
                return None
            r = scalaire(x, True) if _est_scalaire(x) else en_flux(x)
            if r is None:
                return None
            parties.append(f"{k}: {r}")
        return "{" + ", ".join(parties) + "}"
    if isinstance(v, list):
        parties = []
        for x in v:
            r = scalaire(x, True) if _est_scalaire(x) else en_flux(x)
            if r is None:
                return None
            parties.append(r)
        return "[" + ", ".join(parties) + "]"
    return scalaire(v, True)


INSECABLE = "\u00a0"


def envelopper(texte: str, largeur: int) -> list[str]:
    """Coupe un texte sans séparer « R. 5311-38 », « n° 12 » ni la ponctuation double française."""
    protege = re.sub(r"\b(R\.|L\.|D\.|n°|art\.) ", lambda m: m.group(1) + INSECABLE, texte)
    protege = re.sub(r" ([;:?!»])", INSECABLE + r"\1", protege)
    protege = re.sub(r"(«) ", r"\1" + INSECABLE, protege)
    lignes = textwrap.wrap(protege, width=largeur, break_on_hyphens=False, break_long_words=False)
    return [ligne.replace(INSECABLE, " ") for ligne in lignes]


def _commentaire(texte: str, indent: int) -> list[str]:
    lignes = envelopper(texte, LARGEUR - indent - 2) or [""]
    return [" " * indent + "# " + ligne for ligne in lignes]


def _valeur_cle(cle: str, v, indent: int) -> list[str]:
    pre = " " * indent + f"{cle}:"
    if isinstance(v, Fin):
        return [f"{pre} {scalaire(v.valeur)}  # {v.note}"]
    if _est_scalaire(v):
        s = scalaire(v)
        if len(pre) + 1 + len(s) <= LARGEUR or not isinstance(v, str):
            return [f"{pre} {s}"]
        largeur = LARGEUR - indent - 2
        return [f"{pre} >-"] + [" " * (indent + 2) + ligne for ligne in envelopper(v, largeur)]
    f = en_flux(v)
    if f is not None and len(pre) + 1 + len(f) <= LARGEUR:
        return [f"{pre} {f}"]
    if isinstance(v, list) and not v:
        return [f"{pre} []"]
    return [pre] + bloc(v, indent + 2)


def bloc(v, indent: int = 0) -> list[str]:
    lignes: list[str] = []
    if isinstance(v, dict):
        for k, x in v.items():
            if isinstance(k, Note):
                lignes += _commentaire(k.texte, indent)
            else:
                lignes += _valeur_cle(k, x, indent)
        return lignes
    if isinstance(v, list):
        for x in v:
            if isinstance(x, Note):
                lignes += _commentaire(x.texte, indent)
                continue
            pre = " " * indent + "- "
            if isinstance(x, Fin):
                lignes.append(f"{pre}{scalaire(x.valeur)}  # {x.note}")
                continue
            if _est_scalaire(x):
                texte = scalaire(x)
                if len(pre) + len(texte) > LARGEUR and isinstance(x, str):
                    lignes.append(pre + ">-")
                    lignes += [" " * (indent + 2) + ligne for ligne in envelopper(x, LARGEUR - indent - 2)]
                else:
                    lignes.append(pre + texte)
                continue
            f = en_flux(x)
            if f is not None and len(pre) + len(f) <= LARGEUR:
                lignes.append(pre + f)
                continue
            sous = bloc(x, indent + 2)
            assert not sous[0].lstrip().startswith("#"), "un élément de liste ne commence pas par un commentaire"
            lignes.append(pre + sous[0][indent + 2:])
            lignes += sous[1:]
        return lignes
    raise TypeError(type(v))


def nettoyer(v):
    """Données sans commentaires, pour comparer avec la relecture YAML."""
    if isinstance(v, Fin):
        return nettoyer(v.valeur)
    if isinstance(v, dict):
        return {k: nettoyer(x) for k, x in v.items() if not isinstance(k, Note)}
    if isinstance(v, list):
        return [nettoyer(x) for x in v if not isinstance(x, Note)]
    return v


def rendre(entete: list[str], donnees: dict) -> str:
    lignes = []
    for texte in entete:
        lignes += _commentaire(texte, 0) if texte else ["#"]
    lignes += bloc(donnees, 0)
    return "\n".join(lignes) + "\n"


# ---------------------------------------------------------------------------------------------
# Personnes inventées
# ---------------------------------------------------------------------------------------------

PRENOMS_F = """Agnès Alice Amandine Anaïs Anne Annie Aurélie Bénédicte Brigitte Camille Carole Caroline
Catherine Cécile Chantal Christine Claire Claudine Coralie Corinne Delphine Denise Dominique Élise
Elodie Émilie Estelle Eva Fabienne Florence Françoise Gaëlle Géraldine Hélène Inès Isabelle Jacqueline
Jeanne Joëlle Julie Juliette Karine Laetitia Laure Laurence Léa Lucie Lydie Magali Manon Marianne
Marie Marine Marion Martine Mathilde Maud Mélanie Michèle Monique Morgane Murielle Nadia Nadine
Nathalie Noémie Odile Pascale Patricia Pauline Perrine Rachel Sabine Sandrine Sarah Séverine Solène
Sonia Sophie Stéphanie Suzanne Sylvie Valérie Véronique Virginie Yasmine Yvette Zoé""".split()  # noqa: SIM905 (liste lisible)
PRENOMS_H = """Adrien Alain Alexandre Antoine Arnaud Bastien Benoît Bernard Bruno Cédric Charles Christian
Christophe Claude Clément Cyril Damien Daniel David Denis Didier Dominique Édouard Emmanuel Éric
Étienne Fabien Fabrice Florian François Frédéric Gabriel Gaël Gérard Gilles Grégoire Guillaume
Hervé Hugo Jacques Jean Jérôme Joël Julien Karim Laurent Lionel Loïc Louis Luc Marc Marcel Mathieu
Maxime Michel Nicolas Olivier Pascal Patrice Patrick Paul Philippe Pierre Rémi Renaud Richard Robert
Romain Samuel Sébastien Serge Simon Stéphane Sylvain Thibault Thierry Thomas Tristan Vincent Xavier
Yann Yannick Yves""".split()  # noqa: SIM905 (liste lisible)
NOMS = """Arnaud Aubert Aubry Bailly Barbier Baron Barre Bénard Berger Bernier Bertin Besson Bigot Blanc
Blanchard Bonnet Bouchet Boulanger Bourgeois Bouvier Boyer Brun Brunet Buisson Camus Carpentier Caron
Carre Chapuis Charpentier Chauvin Chevalier Clément Colas Colin Collet Collin Cordier Cousin Dornier
Daniel Delorme Denis Deschamps Devaux Didier Dubois Dufour Dumas Dumont Dupont Dupuis Durand Duval
Étienne Faure Fernandez Ferrand Fleury Fontaine Fournier François Gaillard Garnier Gauthier Gautier
Gay Gérard Germain Gilbert Gillet Girard Giraud Grondin Guérin Guichard Guillaume Guillot Guyot Hamel
Henry Hoarau Huet Humbert Jacob Jacquet Jean Joly Jourdan Julien Klein Lacroix Lambert Laurent Leblanc
Lebrun Leclerc Lecomte Lefebvre Lefèvre Legrand Lemaire Lemoine Leroux Leroy Lopez Louis Lucas Maillard
Marchal Marchand Martin Martinez Masson Mathieu Ménard Mercier Meunier Meyer Michaud Millet Moreau Morel
Morin Moulin Muller Nicolas Noël Olivier Paris Pasquier Perret Perrin Petitjean Picard Pierre Poirier
Poulain Prévost Rey Reynaud Richard Rivière Robin Roche Rolland Rousseau Roussel Roux Roy Royer Sanchez
Schmitt Simon Tessier Thomas Vasseur Vidal Vincent Voisin Weber Barthélemy Bazot Belin Bidault Billot
Boichot Bonin Bouillot Brocard Chaudron Chevrot Cretin Demougeot Ducret Febvre Gagnepain Gauthey
Girardot Gremeaux Guenot Jeannin Jobard Lamy Lhomme Loichot Magnin Maire Monnot Mougin Nicolle Pernin
Perrot Pillot Quenot Ravier Renaudot Roblin Sauget Tissot Trouillot Vuillemin""".split()  # noqa: SIM905 (liste lisible)
# noms de famille d'élus et de hauts fonctionnaires réels de la région : jamais utilisés
NOMS_EXCLUS = {"Dufay", "Sauvadet", "Bouquin", "Pernot", "Bazin", "Accary", "Gendraud", "Bouquet",
               "Krattinger", "Rebsamen", "Vignot", "Robine", "Mourier", "Sudry", "Schmeltz", "Moulin"}


@dataclass
class Personne:
    prenom: str
    nom_famille: str
    femme: bool

    @property
    def nom(self) -> str:
        return f"{self.prenom} {self.nom_famille}"

    def email(self, etat: bool) -> str:
        def slug(s: str) -> str:
            s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
            return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")

        domaine = "exemple.gouv.fr" if etat else "exemple.fr"
        return f"{slug(self.prenom)}.{slug(self.nom_famille)}@{domaine}"


class Annuaire:
    """Une personne inventée par fonction (clé) : la même fonction donne la même personne."""

    def __init__(self, graine: int = 27):
        self.alea = random.Random(graine)
        self.pris: set[str] = set()
        self.roles: dict[str, Personne] = {}
        self.noms = [n for n in NOMS if n not in NOMS_EXCLUS]

    def __call__(self, role: str, femme: bool | None = None) -> Personne:
        if role in self.roles:
            return self.roles[role]
        if femme is None:
            femme = self.alea.random() < 0.5
        while True:
            prenom = self.alea.choice(PRENOMS_F if femme else PRENOMS_H)
            nom = self.alea.choice(self.noms)
            if f"{prenom} {nom}" not in self.pris and prenom != nom:
                break
        self.pris.add(f"{prenom} {nom}")
        p = Personne(prenom, nom, femme)
        self.roles[role] = p
        return p


ANNUAIRE = Annuaire()


def accorde(texte: str, p: Personne) -> str:
    """« {Directeur/Directrice} régional{/e} » selon le genre de la personne."""
    return re.sub(r"\{([^{}/]*)/([^{}/]*)\}", lambda m: m.group(2) if p.femme else m.group(1), texte)


def de(nom: str) -> str:
    return ("d'" if nom[0] in "AEIOUYÂÉÈÊÎÔH" else "de ") + nom


# ---------------------------------------------------------------------------------------------
# Règles de calcul des voix (R. 5311-38, R. 5311-39)
# ---------------------------------------------------------------------------------------------

# Audiences (paramètres par défaut de l'outil ; FORMAT §1 `type: parametres`)
POIDS_SYNDICATS = {"CFDT": 30.88, "CGT": 25.70, "CGT-FO": 17.27, "CFE-CGC": 15.01, "CFTC": 11.14}
ENTREPRISES = {"MEDEF": 125929, "CPME": 243397, "U2P": 203715}  # mesure 2021 (HCDS)
SALARIES = {"MEDEF": 9367164, "CPME": 4044821, "U2P": 709852}
POIDS_EMPLOYEURS = {
    k: 0.3 * ENTREPRISES[k] / sum(ENTREPRISES.values()) + 0.7 * SALARIES[k] / sum(SALARIES.values())
    for k in ENTREPRISES
}


def plus_forte_moyenne(poids: dict[str, float], sieges: int) -> dict[str, int]:
    """Répartition à la plus forte moyenne (D'Hondt) ; refuse les égalités non tranchées."""
    resultat = {k: 0 for k in poids}
    for _ in range(sieges):
        moyennes = sorted(((poids[k] / (resultat[k] + 1), k) for k in poids), reverse=True)
        if len(moyennes) > 1 and math.isclose(moyennes[0][0], moyennes[1][0]):
            raise ValueError("égalité de moyennes : choisir un autre total")
        resultat[moyennes[0][1]] += 1
    return resultat


def repartir(total: int, n: int) -> list[int]:
    """`total` voix entre `n` membres, le plus également possible (reste aux premiers)."""
    base, reste = divmod(total, n)
    return [base + (1 if i < reste else 0) for i in range(n)]


SYNDICATS = ["CFDT", "CGT", "CGT-FO", "CFE-CGC", "CFTC"]
EMPLOYEURS = ["MEDEF", "CPME", "U2P"]
MULTIPRO = ["FNSEA", "UDES", "UNAPL"]
COLLEGES_VOTANTS = {"etat", "region", "departement", "communes", "epci", "syndicat_salaries",
                    "organisation_employeurs"}


def verifier_voix(comite: dict) -> dict[str, int]:
    """Revérifie les égalités du décret ; renvoie les totaux par collège."""
    totaux: dict[str, int] = {}
    for m in comite["membres"]:
        if isinstance(m, Note):
            continue
        if m["college"] in COLLEGES_VOTANTS:
            assert isinstance(m.get("voix"), int) and m["voix"] >= 1, (comite["id"], m["nom"])
            totaux[m["college"]] = totaux.get(m["college"], 0) + m["voix"]
        else:
            assert "voix" not in m, (comite["id"], m["nom"], "membre sans voix délibérative")
    etat = totaux.get("etat", 0)
    coll = sum(totaux.get(c, 0) for c in ("region", "departement", "communes", "epci"))
    assert etat == coll, (comite["id"], etat, coll)
    if comite["niveau"] in ("regional", "departemental"):
        syn = totaux["syndicat_salaries"]
        emp = totaux["organisation_employeurs"]
        assert syn == emp and etat == syn + emp, (comite["id"], syn, emp, etat)
        par_org = {m["organisation"]: m["voix"] for m in comite["membres"]
                   if not isinstance(m, Note) and m["college"] == "syndicat_salaries"}
        assert par_org == plus_forte_moyenne(POIDS_SYNDICATS, syn), comite["id"]
        par_org = {m["organisation"]: m["voix"] for m in comite["membres"]
                   if not isinstance(m, Note) and m["college"] == "organisation_employeurs"}
        assert par_org == plus_forte_moyenne(POIDS_EMPLOYEURS, emp), comite["id"]
        dominant = "region" if comite["niveau"] == "regional" else "departement"
        assert 2 * totaux[dominant] >= coll, (comite["id"], dominant)
    else:
        assert totaux.get("epci", 0) + totaux.get("communes", 0) >= \
            totaux.get("region", 0) + totaux.get("departement", 0), comite["id"]
    return totaux


def trois_ans(debut: date) -> date:
    """Fin d'un mandat de trois ans commençant le jour `debut` (veille de l'anniversaire)."""
    return debut.replace(year=debut.year + 3) - timedelta(days=1)


def mandat(debut: date, fin: date | None = None) -> dict:
    return {"debut": debut, "fin": fin or trois_ans(debut)}


# ---------------------------------------------------------------------------------------------
# Territoire : départements, EPCI (SIREN, COG 2026) et comités locaux
# ---------------------------------------------------------------------------------------------


@dataclass
class Dep:
    code: str
    nom: str  # « Côte-d'Or »
    du: str  # « de la Côte-d'Or »
    chef_lieu: str
    ddets: str  # « DDETS » ou « DDETSPP »
    amf: str  # association des maires (R. 5311-23 4°, R. 5311-32 5°)
    sous_prefectures: list[str]
    communes_cde: list[str]  # communes des maires siégeant au CDE
    arrete_cde: date
    numero_arrete: str
    installation_cde: date
    arrete_cle: date
    ml_cde: str  # mission locale représentée au CDE (R. 5311-23 8°)

    @property
    def slug(self) -> str:
        s = unicodedata.normalize("NFKD", self.nom).encode("ascii", "ignore").decode().lower()
        return re.sub(r"[^a-z0-9]+", "-", s).strip("-")

    @property
    def prefecture(self) -> str:
        return f"Préfecture {self.du}"

    @property
    def service_etat(self) -> str:
        return f"{self.ddets} {self.du}"

    @property
    def titre_ddets(self) -> str:
        if self.ddets == "DDETS":
            return f"{{Directeur/Directrice}} départemental{{/e}} de l'emploi, du travail et des solidarités {self.du}"
        return ("{Directeur/Directrice} départemental{/e} de l'emploi, du travail, des solidarités "
                f"et de la protection des populations {self.du}")


DEPS = {d.code: d for d in [
    Dep("21", "Côte-d'Or", "de la Côte-d'Or", "Dijon", "DDETS", "Association des maires de Côte-d'Or",
        ["Beaune", "Montbard"], ["Chenôve", "Genlis", "Semur-en-Auxois"],
        date(2024, 10, 15), "21-2024-10-15-00012", date(2024, 11, 4), date(2024, 11, 18),
        "Mission locale du Dijonnais"),
    Dep("25", "Doubs", "du Doubs", "Besançon", "DDETSPP", "Association des maires du Doubs",
        ["Montbéliard", "Pontarlier"], ["Audincourt", "Valdahon", "Morteau"],
        date(2024, 9, 27), "25-2024-09-27-00004", date(2024, 10, 14), date(2024, 11, 8),
        "Mission locale du Grand Besançon"),
    Dep("39", "Jura", "du Jura", "Lons-le-Saunier", "DDETSPP", "Association des maires du Jura",
        ["Dole", "Saint-Claude"], ["Tavaux", "Champagnole", "Moirans-en-Montagne"],
        date(2024, 10, 8), "39-2024-10-08-00002", date(2024, 10, 24), date(2024, 12, 2),
        "Mission locale du Jura Sud"),
    Dep("58", "Nièvre", "de la Nièvre", "Nevers", "DDETSPP", "Association des maires de la Nièvre",
        ["Château-Chinon (Ville)", "Clamecy", "Cosne-Cours-sur-Loire"],
        ["Varennes-Vauzelles", "Decize", "Clamecy"],
        date(2024, 10, 1), "58-2024-10-01-00007", date(2024, 10, 17), date(2024, 11, 25),
        "Mission locale Nevers Sud Nivernais"),
    Dep("70", "Haute-Saône", "de la Haute-Saône", "Vesoul", "DDETSPP", "Association des maires de Haute-Saône",
        ["Lure"], ["Lure", "Gray", "Jussey"],
        date(2024, 10, 22), "70-2024-10-22-00003", date(2024, 11, 7), date(2024, 12, 9),
        "Mission locale de Vesoul"),
    Dep("71", "Saône-et-Loire", "de Saône-et-Loire", "Mâcon", "DDETS", "Association des maires de Saône-et-Loire",
        ["Chalon-sur-Saône", "Autun", "Charolles", "Louhans"],
        ["Montceau-les-Mines", "Paray-le-Monial", "Louhans"],
        date(2024, 9, 20), "71-2024-09-20-00015", date(2024, 10, 8), date(2024, 10, 28),
        "Mission locale du Chalonnais"),
    Dep("89", "Yonne", "de l'Yonne", "Auxerre", "DDETSPP", "Union des maires de l'Yonne",
        ["Sens", "Avallon"], ["Migennes", "Avallon", "Toucy"],
        date(2024, 10, 11), "89-2024-10-11-00006", date(2024, 10, 29), date(2024, 12, 16),
        "Mission locale de l'Auxerrois"),
    Dep("90", "Territoire de Belfort", "du Territoire de Belfort", "Belfort", "DDETSPP",
        "Association des maires du Territoire de Belfort", [], ["Delle", "Giromagny"],
        date(2024, 10, 3), "90-2024-10-03-00001", date(2024, 10, 21), date(2024, 11, 12),
        "Mission locale du Territoire de Belfort"),
]}

# SIREN -> (nom usuel, nature). Noms du COG 2026 (quelques libellés abrégés y sont développés).
EPCI = {
    # Côte-d'Or
    "242100410": ("Dijon Métropole", "METRO"),
    "200069540": ("CC Norge et Tille", "CC"),
    "242100154": ("CC des Vallées de la Tille et de l'Ignon", "CC"),
    "200039063": ("CC Forêts, Seine et Suzon", "CC"),
    "200039055": ("CC Ouche et Montagne", "CC"),
    "200000925": ("CC de la Plaine Dijonnaise", "CC"),
    "200070902": ("CC Auxonne Pontailler Val de Saône", "CC"),
    "200072825": ("CC Mirebellois et Fontenois", "CC"),
    "200070910": ("CC Tille et Venelle", "CC"),
    "200006682": ("CA Beaune, Côte et Sud - Communauté Beaune-Chagny-Nolay", "CA"),
    "200070894": ("CC de Gevrey-Chambertin et de Nuits-Saint-Georges", "CC"),
    "242101509": ("CC Rives de Saône", "CC"),
    "200071017": ("CC des Terres d'Auxois", "CC"),
    "200071173": ("CC du Pays Arnay Liernais", "CC"),
    "200071207": ("CC de Pouilly-en-Auxois / Bligny-sur-Ouche", "CC"),
    "242101442": ("CC de Saulieu-Morvan", "CC"),
    "242101459": ("CC du Pays d'Alésia et de la Seine", "CC"),
    "242101434": ("CC du Pays Châtillonnais", "CC"),
    "242101491": ("CC du Montbardois", "CC"),
    # Doubs
    "242500361": ("CU Grand Besançon Métropole", "CU"),
    "200041887": ("CC du Val Marnaysien", "CC"),
    "200068070": ("CC Loue-Lison", "CC"),
    "242504447": ("CC du Doubs Baumois", "CC"),
    "200068294": ("CC des Deux Vallées Vertes", "CC"),
    "242504371": ("CC du Pays de Sancey-Belleherbe", "CC"),
    "242504181": ("CC des Portes du Haut-Doubs", "CC"),
    "200065647": ("CA Pays de Montbéliard Agglomération", "CA"),
    "242500338": ("CC du Grand Pontarlier", "CC"),
    "200069565": ("CC des Lacs et Montagnes du Haut-Doubs", "CC"),
    "242504488": ("CC Altitude 800", "CC"),
    "242504496": ("CC du Plateau de Frasne et du Val de Drugeon", "CC"),
    "242500320": ("CC Entre Doubs et Loue", "CC"),
    "242504116": ("CC du Val de Morteau", "CC"),
    "200023075": ("CC du Pays de Maîche", "CC"),
    "242504355": ("CC du Plateau de Russey", "CC"),
    # Jura
    "200071116": ("CA ECLA (Espace Communautaire Lons Agglomération)", "CA"),
    "200069615": ("CC Bresse Haute Seille", "CC"),
    "200072056": ("CC Porte du Jura", "CC"),
    "200090579": ("CC Terre d'Émeraude Communauté", "CC"),
    "200010650": ("CA du Grand Dole", "CA"),
    "243900560": ("CC Jura Nord", "CC"),
    "243901089": ("CC de la Plaine Jurassienne", "CC"),
    "243900420": ("CC du Val d'Amour", "CC"),
    "200026573": ("CC Haut-Jura Saint-Claude", "CC"),
    "243900354": ("CC de la Station des Rousses-Haut Jura", "CC"),
    "243900479": ("CC Haut-Jura Arcade Communauté", "CC"),
    "243900610": ("CC la Grandvallière", "CC"),
    "200069623": ("CC Champagnole Nozeroy Jura", "CC"),
    "200071595": ("CC Arbois, Poligny, Salins, Coeur du Jura", "CC"),
    # Nièvre
    "245804406": ("CA de Nevers", "CA"),
    "245801063": ("CC Loire et Allier", "CC"),
    "200067908": ("CC Amognes Coeur du Nivernais", "CC"),
    "200067700": ("CC Sud Nivernais", "CC"),
    "245804497": ("CC du Nivernais Bourbonnais", "CC"),
    "200071140": ("CA Moulins Communauté", "CA"),
    "200067916": ("CC Coeur de Loire", "CC"),
    "200068088": ("CC Les Bertranges", "CC"),
    "200067429": ("CC Haut Nivernais - Val d'Yonne", "CC"),
    "200067692": ("CC Tannay-Brinon-Corbigny", "CC"),
    "200067882": ("CC Bazois Loire Morvan", "CC"),
    "200067890": ("CC Morvan Sommets et Grands Lacs", "CC"),
    # Haute-Saône
    "247000011": ("CA de Vesoul", "CA"),
    "247000367": ("CC des Combes", "CC"),
    "200041879": ("CC Terres de Saône", "CC"),
    "247000706": ("CC du Pays Riolais", "CC"),
    "200041853": ("CC du Pays de Montbozon et du Chanois", "CC"),
    "200041861": ("CC du Triangle Vert", "CC"),
    "200036549": ("CC Val de Gray", "CC"),
    "247000698": ("CC des Monts de Gy", "CC"),
    "247000623": ("CC des Quatre Rivières", "CC"),
    "247000755": ("CC du Pays de Luxeuil", "CC"),
    "200041721": ("CC de la Haute Comté", "CC"),
    "200036150": ("CC des Hauts du Val de Saône", "CC"),
    "200070332": ("CC des Savoir-Faire", "CC"),
    "247000664": ("CC du Pays de Lure", "CC"),
    "247000821": ("CC Rahin et Chérimont", "CC"),
    "247000854": ("CC des 1000 étangs", "CC"),
    "247000714": ("CC du Pays de Villersexel", "CC"),
    "247000722": ("CC du Pays d'Héricourt", "CC"),
    # Saône-et-Loire
    "247100589": ("CA Le Grand Chalon", "CA"),
    "247104094": ("CC Sud Côte Chalonnaise", "CC"),
    "247103765": ("CC Entre Saône et Grosne", "CC"),
    "200071579": ("CC Bresse Louhannaise Intercom'", "CC"),
    "200071538": ("CC Terres de Bresse", "CC"),
    "247100647": ("CC Bresse Nord Intercom'", "CC"),
    "200042414": ("CC Bresse Revermont 71", "CC"),
    "200040038": ("CC Saône Doubs Bresse", "CC"),
    "200070308": ("CA Mâconnais Beaujolais Agglomération", "CA"),
    "200069698": ("CC Mâconnais - Tournugeois", "CC"),
    "200040293": ("CC du Clunisois", "CC"),
    "200071645": ("CC Saint Cyr Mère Boitier entre Charolais et Mâconnais", "CC"),
    "247100290": ("CU Le Creusot Montceau-les-Mines", "CU"),
    "200070530": ("CC du Grand Autunois Morvan", "CC"),
    "200071884": ("CC Le Grand Charolais", "CC"),
    "200070548": ("CC Brionnais Sud Bourgogne", "CC"),
    "247100639": ("CC de Marcigny", "CC"),
    "247103864": ("CC de Semur en Brionnais", "CC"),
    "200070316": ("CC Entre Arroux, Loire et Somme", "CC"),
    # Yonne
    "200067114": ("CA de l'Auxerrois", "CA"),
    "248900524": ("CC de l'Aillantais en Bourgogne", "CC"),
    "200067080": ("CC Chablis Villages et Terroirs", "CC"),
    "248900334": ("CA du Grand Sénonais", "CA"),
    "248900896": ("CC Yonne Nord", "CC"),
    "248900664": ("CC de la Vanne et du Pays d'Othe", "CC"),
    "248900748": ("CC du Gâtinais en Bourgogne", "CC"),
    "248900938": ("CC du Jovinien", "CC"),
    "248900383": ("CC de l'Agglomération Migennoise", "CC"),
    "200067304": ("CC Serein et Armance", "CC"),
    "200067668": ("CC de la Cléry, du Betz et de l'Ouanne", "CC"),
    "200039758": ("CC Avallon, Vézelay, Morvan", "CC"),
    "200039642": ("CC Le Tonnerrois en Bourgogne", "CC"),
    "200039709": ("CC du Serein", "CC"),
    "200067130": ("CC de Puisaye-Forterre", "CC"),
    # Territoire de Belfort
    "200069052": ("CA Grand Belfort", "CA"),
    "200069060": ("CC des Vosges du Sud", "CC"),
    "249000241": ("CC du Sud Territoire", "CC"),
}

INTERREGIONAUX = {"200071140", "200070332", "200067668"}  # majorité de la population hors de la région

# EPCI à cheval sur deux départements : rattachés au comité local du département qui porte la
# majorité de leur population (populations municipales du COG 2026), ou, pour un EPCI surtout
# situé hors de la région, au comité local du département où se trouvent ses communes
# bourguignonnes ou franc-comtoises.
NOTES_EPCI = {
    "200006682": "à cheval sur la Côte-d'Or (43 397 hab.) et la Saône-et-Loire (7 195 hab. : Chagny et "
                 "environs) : rattachée au comité local de Beaune, département de la majorité de sa "
                 "population",
    "200041887": "à cheval sur le Doubs (7 341 hab.) et la Haute-Saône (7 311 hab.) : rattachée au "
                 "Doubs, département de la majorité de sa population (de peu)",
    "247000714": "à cheval sur la Haute-Saône (7 679 hab.) et le Doubs (47 hab.) : rattachée à la "
                 "Haute-Saône",
    "247000722": "à cheval sur la Haute-Saône (19 886 hab.) et le Doubs (1 039 hab.) : rattachée à la "
                 "Haute-Saône",
    "200067130": "à cheval sur l'Yonne (30 238 hab.) et la Nièvre (3 324 hab.) : rattachée à l'Yonne",
    "200067429": "à cheval sur la Nièvre (10 717 hab.) et l'Yonne (1 128 hab.) : rattachée à la Nièvre",
    "200068088": "communauté surtout nivernaise (19 135 hab.) ; 490 hab. dans le Cher (région "
                 "Centre-Val de Loire)",
    "200070308": "communauté surtout en Saône-et-Loire (77 854 hab.) ; 1 735 hab. dans l'Ain "
                 "(région Auvergne-Rhône-Alpes)",
    "200071884": "communauté surtout en Saône-et-Loire (37 012 hab.) ; 2 442 hab. dans l'Allier "
                 "(région Auvergne-Rhône-Alpes)",
    "200071140": "interrégionale : siège à Moulins (Allier), 62 649 hab. dans l'Allier, 1 597 dans la "
                 "Nièvre (Dornes, Saint-Parize-en-Viry). Elle relève d'abord du comité local de Moulins "
                 "(Allier, hors de ce dépôt) ; elle siège aussi ici au titre de ses communes "
                 "nivernaises (R. 5311-32 4°)",
    "200070332": "interrégionale : siège en Haute-Marne (14 838 hab.) ; 216 hab. en Haute-Saône "
                 "(Ouge, La Quarte, La Rochelle). Elle relève d'abord d'un comité local de la "
                 "Haute-Marne (région Grand Est) ; elle siège aussi ici au titre de ses communes "
                 "haut-saônoises (R. 5311-32 4°)",
    "200067668": "interrégionale : siège dans le Loiret (19 794 hab.) ; 248 hab. dans l'Yonne "
                 "(Saint-Loup-d'Ordon). Elle relève d'abord d'un comité local du Loiret (région "
                 "Centre-Val de Loire) ; elle siège aussi ici au titre de sa commune icaunaise "
                 "(R. 5311-32 4°)",
}


@dataclass
class SpecCle:
    dep: str
    slug: str
    nom: str  # « Comité local pour l'emploi de ... »
    epci: list[str]
    etat: list[str]  # fonctions de l'État (1°) ; la première mène le comité au quotidien
    missions_locales: list[str]
    copresidents: list[str]  # SIREN des EPCI dont le président copréside, ou « maire:Commune »
    communes: list[str]  # maires siégeant au titre du 5°
    lieu: str
    agence_ft: str | None
    installation: date
    instances: list[tuple[str, str, str]] = field(default_factory=list)
    qpv: bool = False

    @property
    def id(self) -> str:
        return f"cle-{self.dep}-{self.slug}"


SG = "{Secrétaire général/Secrétaire générale} de la préfecture {du}"
SGA = "{Sous-préfet/Sous-préfète}, {secrétaire général adjoint/secrétaire générale adjointe} de la préfecture {du}"


def sp(ville: str) -> str:
    return "{Sous-préfet/Sous-préfète} " + de(ville)


SPEL = "SPEL"
CLES = [
    # --- Côte-d'Or
    SpecCle("21", "dijon-metropole-nord-dijonnais",
            "Comité local pour l'emploi de Dijon Métropole et du Nord dijonnais",
            ["242100410", "200069540", "242100154", "200039063", "200039055"],
            ["SG", "ddets-adjoint", "delegue-prefet"], ["Mission locale du Dijonnais"], ["242100410"],
            ["Fontaine-lès-Dijon", "Is-sur-Tille"], "Dijon Métropole, salle du conseil, Dijon",
            "Dijon", date(2024, 12, 10),
            [("Service public de l'emploi local (SPEL) du bassin dijonnais", SPEL, "supprimee"),
             ("Comité de pilotage de la cité de l'emploi de Dijon Métropole", "autre", "integree")],
            qpv=True),
    SpecCle("21", "plaine-dijonnaise-val-de-saone",
            "Comité local pour l'emploi de la Plaine dijonnaise et du Val de Saône",
            ["200000925", "200070902", "200072825", "200070910"],
            ["SGA", "ddets-referent"], ["Mission locale du Dijonnais"], ["200000925", "200070902"],
            ["Auxonne"], "Maison des services de la CC de la Plaine Dijonnaise, Genlis",
            "Dijon", date(2024, 12, 12),
            [("Service public de l'emploi local (SPEL) de la Plaine de Saône", SPEL, "supprimee")]),
    SpecCle("21", "beaune-cote-et-saone",
            "Comité local pour l'emploi du pays beaunois, de la Côte et de la Saône",
            ["200006682", "200070894", "242101509"],
            ["sp:Beaune", "ddets-referent"], ["Mission locale de l'arrondissement de Beaune"],
            ["200006682"], ["Nuits-Saint-Georges", "Seurre"], "Sous-préfecture de Beaune",
            "Beaune", date(2024, 11, 28),
            [("Service public de l'emploi local (SPEL) de Beaune", SPEL, "supprimee"),
             ("Comité local emploi-saisonniers de la Côte viticole", "autre", "integree")]),
    SpecCle("21", "auxois-morvan", "Comité local pour l'emploi de l'Auxois-Morvan",
            ["200071017", "200071173", "200071207", "242101442", "242101459"],
            ["sp:Montbard", "ddets-referent"], ["Mission locale de l'Auxois-Morvan"],
            ["200071017", "242101442"], ["Venarey-les-Laumes"], "Hôtel de ville de Semur-en-Auxois",
            None, date(2025, 1, 16),
            [("Service public de l'emploi local (SPEL) de l'Auxois-Morvan", SPEL, "supprimee")]),
    SpecCle("21", "chatillonnais-montbardois", "Comité local pour l'emploi du Châtillonnais et du Montbardois",
            ["242101434", "242101491"],
            ["sp:Montbard", "ddets-referent"], ["Mission locale de Haute Côte-d'Or"],
            ["242101491", "242101434"], ["Châtillon-sur-Seine"], "Sous-préfecture de Montbard",
            "Montbard", date(2025, 1, 21),
            [("Service public de l'emploi local (SPEL) du Châtillonnais", SPEL, "supprimee"),
             ("Service public de l'emploi local (SPEL) du Montbardois", SPEL, "supprimee")]),
    # --- Doubs
    SpecCle("25", "grand-besancon", "Comité local pour l'emploi du Grand Besançon",
            ["242500361", "200041887", "200068070"],
            ["SG", "ddets-adjoint", "delegue-prefet"], ["Mission locale du Grand Besançon"], ["242500361"],
            ["Ornans"], "Grand Besançon Métropole, La City, Besançon", "Besançon",
            date(2024, 11, 26),
            [("Service public de l'emploi local (SPEL) du bassin de Besançon", SPEL, "supprimee"),
             ("Comité de pilotage du plan local pour l'insertion et l'emploi (PLIE) du Grand Besançon",
              "autre", "integree")], qpv=True),
    SpecCle("25", "doubs-central", "Comité local pour l'emploi du Doubs central",
            ["242504447", "200068294", "242504371", "242504181"],
            ["SGA", "ddets-referent"], ["Mission locale du Grand Besançon", "Mission locale du Pays de Montbéliard"],
            ["242504447"], ["L'Isle-sur-le-Doubs"], "Siège de la CC du Doubs Baumois, Baume-les-Dames",
            "Baume-les-Dames", date(2024, 12, 3),
            [("Service public de l'emploi local (SPEL) du Doubs central", SPEL, "supprimee")]),
    SpecCle("25", "pays-de-montbeliard", "Comité local pour l'emploi du Pays de Montbéliard",
            ["200065647"],
            ["sp:Montbéliard", "ddets-referent", "delegue-prefet"], ["Mission locale du Pays de Montbéliard"],
            ["200065647"], ["Valentigney", "Bethoncourt"], "Sous-préfecture de Montbéliard",
            "Montbéliard", date(2024, 11, 21),
            [("Service public de l'emploi local (SPEL) du Pays de Montbéliard", SPEL, "supprimee"),
             ("Comité de pilotage de la cité de l'emploi du Pays de Montbéliard", "autre", "integree")],
            qpv=True),
    SpecCle("25", "haut-doubs", "Comité local pour l'emploi du Haut-Doubs",
            ["242500338", "200069565", "242504488", "242504496", "242500320"],
            ["sp:Pontarlier", "ddets-referent"], ["Mission locale du Haut-Doubs"], ["242500338"],
            ["Frasne"], "Sous-préfecture de Pontarlier", "Pontarlier", date(2024, 12, 5),
            [("Service public de l'emploi local (SPEL) du Haut-Doubs", SPEL, "supprimee")]),
    SpecCle("25", "haut-doubs-horloger", "Comité local pour l'emploi du Haut-Doubs horloger",
            ["242504116", "200023075", "242504355"],
            ["sp:Pontarlier", "ddets-referent"], ["Mission locale du Haut-Doubs"],
            ["242504116", "200023075"], ["Charquemont"], "Hôtel de ville de Morteau", "Morteau",
            date(2024, 12, 17),
            [("Comité emploi-formation frontalier du Haut-Doubs horloger", "autre", "integree")]),
    # --- Jura
    SpecCle("39", "lons-bresse-revermont", "Comité local pour l'emploi du bassin lédonien, de la Bresse et du Revermont",
            ["200071116", "200069615", "200072056", "200090579"],
            ["SG", "ddets-referent"], ["Mission locale du Jura Sud"], ["200071116"], ["Orgelet"],
            "Préfecture du Jura, Lons-le-Saunier", "Lons-le-Saunier", date(2025, 1, 9),
            [("Service public de l'emploi local (SPEL) de Lons-le-Saunier", SPEL, "supprimee")]),
    SpecCle("39", "dole-nord-jura", "Comité local pour l'emploi du Grand Dole et du Nord Jura",
            ["200010650", "243900560", "243901089", "243900420"],
            ["sp:Dole", "ddets-referent"], ["Mission locale du Jura Nord"], ["200010650"], ["Chaussin"],
            "Sous-préfecture de Dole", "Dole", date(2025, 1, 14),
            [("Service public de l'emploi local (SPEL) de Dole", SPEL, "supprimee")]),
    SpecCle("39", "haut-jura", "Comité local pour l'emploi du Haut-Jura",
            ["200026573", "243900354", "243900479", "243900610"],
            ["sp:Saint-Claude", "ddets-referent"], ["Mission locale du Jura Sud"],
            ["200026573", "243900354"], ["Morbier"], "Sous-préfecture de Saint-Claude", "Saint-Claude",
            date(2025, 1, 23),
            [("Service public de l'emploi local (SPEL) du Haut-Jura", SPEL, "supprimee")]),
    SpecCle("39", "champagnole-coeur-du-jura", "Comité local pour l'emploi de Champagnole et du Cœur du Jura",
            ["200069623", "200071595"],
            ["SGA", "ddets-referent"], ["Mission locale du Jura Centre"], ["200071595"], ["Champagnole"],
            "Siège de la CC Champagnole Nozeroy Jura, Champagnole", "Champagnole", date(2025, 2, 4),
            [("Service public de l'emploi local (SPEL) de Champagnole-Poligny", SPEL, "supprimee")]),
    # --- Nièvre
    SpecCle("58", "nevers-agglomeration", "Comité local pour l'emploi de Nevers et de son agglomération",
            ["245804406", "245801063", "200067908"],
            ["SG", "ddets-referent", "delegue-prefet"], ["Mission locale Nevers Sud Nivernais"], ["245804406"],
            ["Fourchambault"], "Préfecture de la Nièvre, Nevers", "Nevers", date(2024, 12, 11),
            [("Service public de l'emploi local (SPEL) de Nevers", SPEL, "supprimee"),
             ("Comité de pilotage du plan local pour l'insertion et l'emploi (PLIE) du Nivernais",
              "autre", "integree")], qpv=True),
    SpecCle("58", "sud-nivernais", "Comité local pour l'emploi du Sud Nivernais",
            ["200067700", "245804497", "200071140"],
            ["SGA", "ddets-referent"], ["Mission locale Nevers Sud Nivernais"], ["200067700"],
            ["Saint-Pierre-le-Moûtier"], "Hôtel de ville de Decize", "Decize", date(2025, 1, 13),
            [("Service public de l'emploi local (SPEL) du Sud Nivernais", SPEL, "supprimee")]),
    SpecCle("58", "loire-et-bertranges", "Comité local pour l'emploi du Val de Loire et des Bertranges",
            ["200067916", "200068088"],
            ["sp:Cosne-Cours-sur-Loire", "ddets-referent"], ["Mission locale du Val de Loire nivernais"],
            ["200067916", "200068088"], ["La Charité-sur-Loire"], "Sous-préfecture de Cosne-Cours-sur-Loire",
            "Cosne-Cours-sur-Loire", date(2025, 1, 20),
            [("Service public de l'emploi local (SPEL) de Cosne-Cours-sur-Loire", SPEL, "supprimee")]),
    SpecCle("58", "morvan-haut-nivernais", "Comité local pour l'emploi du Morvan et du Haut Nivernais",
            ["200067429", "200067692", "200067882", "200067890"],
            ["sp:Château-Chinon (Ville)", "sp:Clamecy", "ddets-referent"],
            ["Mission locale Nivernais Morvan"], ["200067890", "200067429"], ["Corbigny"],
            "Sous-préfecture de Château-Chinon (Ville)", None, date(2025, 1, 28),
            [("Service public de l'emploi local (SPEL) du Morvan", SPEL, "supprimee"),
             ("Service public de l'emploi local (SPEL) de Clamecy", SPEL, "supprimee")]),
    # --- Haute-Saône
    SpecCle("70", "vesoul-centre", "Comité local pour l'emploi de Vesoul et du centre Haute-Saône",
            ["247000011", "247000367", "200041879", "247000706", "200041853", "200041861"],
            ["SG", "ddets-referent"], ["Mission locale de Vesoul"], ["247000011"], ["Rioz", "Port-sur-Saône"],
            "Préfecture de la Haute-Saône, Vesoul", "Vesoul", date(2025, 1, 7),
            [("Service public de l'emploi local (SPEL) de Vesoul", SPEL, "supprimee")]),
    SpecCle("70", "gray-val-de-saone", "Comité local pour l'emploi du Pays graylois",
            ["200036549", "247000698", "247000623"],
            ["SGA", "ddets-referent"], ["Mission locale de Gray"], ["200036549"], ["Champlitte"],
            "Hôtel de ville de Gray", "Gray", date(2025, 1, 15),
            [("Service public de l'emploi local (SPEL) de Gray", SPEL, "supprimee")]),
    SpecCle("70", "luxeuil-nord-haute-saone", "Comité local pour l'emploi du Pays de Luxeuil et du Nord Haute-Saône",
            ["247000755", "200041721", "200036150", "200070332"],
            ["sp:Lure", "ddets-referent"], ["Mission locale du Pays de Lure et de Luxeuil"], ["247000755"],
            ["Jussey"], "Hôtel de ville de Luxeuil-les-Bains", "Luxeuil-les-Bains", date(2025, 2, 6),
            [("Service public de l'emploi local (SPEL) de Luxeuil-les-Bains", SPEL, "supprimee")]),
    SpecCle("70", "lure-hericourt", "Comité local pour l'emploi des Pays de Lure et d'Héricourt",
            ["247000664", "247000821", "247000854", "247000714", "247000722"],
            ["sp:Lure", "ddets-referent"],
            ["Mission locale du Pays de Lure et de Luxeuil", "Mission locale du Pays d'Héricourt"],
            ["247000664", "247000722"], ["Ronchamp"], "Sous-préfecture de Lure", "Lure", date(2025, 2, 11),
            [("Service public de l'emploi local (SPEL) de Lure", SPEL, "supprimee"),
             ("Service public de l'emploi local (SPEL) d'Héricourt", SPEL, "supprimee")]),
    # --- Saône-et-Loire
    SpecCle("71", "grand-chalon", "Comité local pour l'emploi du Grand Chalon et de la Côte chalonnaise",
            ["247100589", "247104094", "247103765"],
            ["sp:Chalon-sur-Saône", "ddets-referent", "delegue-prefet"], ["Mission locale du Chalonnais"],
            ["247100589"], ["Buxy"], "Sous-préfecture de Chalon-sur-Saône", "Chalon-sur-Saône",
            date(2024, 11, 19),
            [("Service public de l'emploi local (SPEL) du Chalonnais", SPEL, "supprimee"),
             ("Comité de pilotage du PLIE du Grand Chalon", "autre", "integree")], qpv=True),
    SpecCle("71", "bresse", "Comité local pour l'emploi de la Bresse bourguignonne",
            ["200071579", "200071538", "247100647", "200042414", "200040038"],
            ["sp:Louhans", "ddets-referent"], ["Mission locale de la Bresse louhannaise"], ["200071579"],
            ["Pierre-de-Bresse"], "Sous-préfecture de Louhans", "Louhans", date(2024, 12, 4),
            [("Service public de l'emploi local (SPEL) de la Bresse", SPEL, "supprimee")]),
    SpecCle("71", "maconnais-clunisois", "Comité local pour l'emploi du Mâconnais, du Tournugeois et du Clunisois",
            ["200070308", "200069698", "200040293", "200071645"],
            ["SG", "ddets-referent", "delegue-prefet"], ["Mission locale du Mâconnais"], ["200070308"],
            ["Tournus", "Cluny"], "Préfecture de Saône-et-Loire, Mâcon", "Mâcon", date(2024, 11, 14),
            [("Service public de l'emploi local (SPEL) du Mâconnais", SPEL, "supprimee")], qpv=True),
    SpecCle("71", "creusot-montceau-autunois", "Comité local pour l'emploi du Creusot-Montceau et de l'Autunois",
            ["247100290", "200070530"],
            ["sp:Autun", "ddets-referent", "delegue-prefet"],
            ["Mission locale du Creusot-Montceau", "Mission locale de l'Autunois-Morvan"],
            ["247100290", "200070530"], ["Blanzy"], "Château de la Verrerie, Le Creusot", "Le Creusot",
            date(2024, 11, 25),
            [("Service public de l'emploi local (SPEL) du Creusot-Montceau", SPEL, "supprimee"),
             ("Service public de l'emploi local (SPEL) de l'Autunois", SPEL, "supprimee")], qpv=True),
    SpecCle("71", "charolais-brionnais", "Comité local pour l'emploi du Charolais, du Brionnais et du Val de Loire",
            ["200071884", "200070548", "247100639", "247103864", "200070316"],
            ["sp:Charolles", "ddets-referent"], ["Mission locale du Charolais-Brionnais"], ["200071884"],
            ["Gueugnon", "Bourbon-Lancy"], "Sous-préfecture de Charolles", "Paray-le-Monial",
            date(2024, 12, 2),
            [("Service public de l'emploi local (SPEL) du Charolais-Brionnais", SPEL, "supprimee")]),
    # --- Yonne
    SpecCle("89", "auxerrois", "Comité local pour l'emploi de l'Auxerrois",
            ["200067114", "248900524", "200067080"],
            ["SG", "ddets-referent", "delegue-prefet"], ["Mission locale de l'Auxerrois"], ["200067114"],
            ["Chablis"], "Préfecture de l'Yonne, Auxerre", "Auxerre", date(2025, 1, 10),
            [("Service public de l'emploi local (SPEL) d'Auxerre", SPEL, "supprimee")], qpv=True),
    SpecCle("89", "senonais", "Comité local pour l'emploi du Sénonais et du Nord de l'Yonne",
            ["248900334", "248900896", "248900664", "248900748"],
            ["sp:Sens", "ddets-referent", "delegue-prefet"], ["Mission locale du Sénonais"], ["248900334"],
            ["Pont-sur-Yonne"], "Sous-préfecture de Sens", "Sens", date(2025, 1, 17),
            [("Service public de l'emploi local (SPEL) de Sens", SPEL, "supprimee")], qpv=True),
    SpecCle("89", "jovinien-migennois-florentinois",
            "Comité local pour l'emploi du Jovinien, du Migennois et du Florentinois",
            ["248900938", "248900383", "200067304", "200067668"],
            ["SGA", "ddets-referent"], ["Mission locale du Jovinien et du Migennois"],
            ["248900938", "200067304"], ["Brienon-sur-Armançon"], "Hôtel de ville de Joigny", "Joigny",
            date(2025, 1, 24),
            [("Service public de l'emploi local (SPEL) de Joigny-Migennes", SPEL, "supprimee")]),
    SpecCle("89", "avallonnais-tonnerrois", "Comité local pour l'emploi de l'Avallonnais et du Tonnerrois",
            ["200039758", "200039642", "200039709"],
            ["sp:Avallon", "ddets-referent"], ["Mission locale de l'Avallonnais et du Tonnerrois"],
            ["200039758"], ["Tonnerre"], "Sous-préfecture d'Avallon", "Avallon", date(2025, 2, 3),
            [("Service public de l'emploi local (SPEL) d'Avallon", SPEL, "supprimee"),
             ("Service public de l'emploi local (SPEL) de Tonnerre", SPEL, "supprimee")]),
    SpecCle("89", "puisaye-forterre", "Comité local pour l'emploi de Puisaye-Forterre",
            ["200067130"],
            ["SGA", "ddets-referent"], ["Mission locale de l'Auxerrois"], ["200067130", "maire:Saint-Fargeau"],
            ["Toucy", "Charny Orée de Puisaye"], "Maison France services de Toucy", None, date(2025, 2, 12),
            [("Comité de pilotage emploi-insertion de Puisaye-Forterre", "autre", "integree")]),
    # --- Territoire de Belfort
    SpecCle("90", "belfort-vosges-du-sud", "Comité local pour l'emploi du Grand Belfort et des Vosges du Sud",
            ["200069052", "200069060"],
            ["SG", "ddets-referent", "delegue-prefet"], ["Mission locale du Territoire de Belfort"],
            ["200069052"], ["Valdoie"], "Préfecture du Territoire de Belfort, Belfort", "Belfort",
            date(2024, 12, 6),
            [("Service public de l'emploi local (SPEL) du Territoire de Belfort", SPEL, "supprimee"),
             ("Comité de pilotage de la cité de l'emploi de Belfort", "autre", "integree")], qpv=True),
    SpecCle("90", "sud-territoire", "Comité local pour l'emploi du Sud Territoire",
            ["249000241"],
            ["SGA", "ddets-referent"], ["Mission locale du Territoire de Belfort"],
            ["249000241", "maire:Delle"], ["Beaucourt", "Grandvillars"], "Hôtel de ville de Delle", None,
            date(2024, 12, 13),
            [("Comité emploi-formation du Sud Territoire", "autre", "integree")]),
]


# ---------------------------------------------------------------------------------------------
# Construction des comités
# ---------------------------------------------------------------------------------------------

GENRE_PREFET = {"21": False, "25": True, "39": False, "58": True, "70": False, "71": False, "89": True,
                "90": False}
SGA_DEPS = {"21", "25"}  # préfectures dotées d'un sous-préfet secrétaire général adjoint


def membre(p: Personne, qualite: str, college: str, *, organisation: str | None = None,
           epci: str | None = None, departement: str | None = None, voix: int | None = None,
           mandat_: dict | None = None, suppleants: list | None = None, email: bool = True) -> B:
    d = B(nom=p.nom, qualite=accorde(qualite, p), college=college)
    if organisation:
        d["organisation"] = organisation
    if epci:
        d["epci"] = epci
    if departement:
        d["departement"] = departement
    if voix is not None:
        d["voix"] = voix
    if mandat_:
        d["mandat"] = mandat_
    if suppleants:
        d["suppleants"] = suppleants
    if email:
        d["email"] = p.email(college == "etat")
    return d


def suppleant(role: str, qualite: str, etat: bool = False) -> dict:
    p = ANNUAIRE(role)
    return {"nom": p.nom, "qualite": accorde(qualite, p), "email": p.email(etat)}


def president(p: Personne, qualite: str, college: str) -> B:
    return B(nom=p.nom, qualite=accorde(qualite, p), college=college)


def invite(role: str, qualite: str, organisation: str) -> B:
    p = ANNUAIRE(role)
    return B(nom=p.nom, qualite=accorde(qualite, p), organisation=organisation)


def prefet(code: str) -> tuple[Personne, str]:
    p = ANNUAIRE(f"prefet-{code}", femme=GENRE_PREFET[code])
    if code == "21":
        return p, "{Préfet/Préfète} de la région Bourgogne-Franche-Comté, {préfet/préfète} de la Côte-d'Or"
    return p, "{Préfet/Préfète} " + DEPS[code].du


def de_epci(siren: str) -> str:
    nom, nature = EPCI[siren]
    if nom.startswith(("CC ", "CA ", "CU ")):
        return "de la " + nom
    return "de " + nom


def vp_insertion(code: str) -> tuple[Personne, str]:
    d = DEPS[code]
    return (ANNUAIRE(f"vp-insertion-{code}"),
            f"{{Vice-président/Vice-présidente}} du conseil départemental {d.du} "
            "{chargé/chargée} de l'insertion et de l'emploi")


def ml_president(ml: str) -> tuple[Personne, str]:
    return ANNUAIRE(f"president-ml-{ml}"), "{Président/Présidente} de la " + ml[0].lower() + ml[1:]


QUALITES_SYNDICATS_DEP = {
    "CFDT": "{Secrétaire général/Secrétaire générale} de l'union départementale CFDT {du}",
    "CGT": "{Secrétaire général/Secrétaire générale} de l'union départementale CGT {du}",
    "CGT-FO": "{Secrétaire général/Secrétaire générale} de l'union départementale Force ouvrière {du}",
    "CFE-CGC": "{Président/Présidente} de l'union départementale CFE-CGC {du}",
    "CFTC": "{Président/Présidente} de l'union départementale CFTC {du}",
}
QUALITES_EMPLOYEURS_DEP = {
    "MEDEF": "{Président/Présidente} du MEDEF {nom}",
    "CPME": "{Président/Présidente} de la CPME {nom}",
    "U2P": "{Président/Présidente} de l'U2P {nom}",
    "FNSEA": "{Président/Présidente} de la FDSEA {du} (FNSEA)",
    "UDES": "{Représentant/Représentante} de l'UDES (employeurs de l'économie sociale et solidaire) {du}",
    "UNAPL": "{Président/Présidente} de l'UNAPL {nom} (professions libérales)",
}


def _dep_fmt(texte: str, d: Dep) -> str:
    return texte.replace("{du}", d.du).replace("{nom}", d.nom)


# ----------------------------------------------------------------------------- CRE


CRE_ID = "cre-bourgogne-franche-comte"
CRE_ARRETE = date(2024, 9, 30)
ROTATION = [
    (date(2025, 7, 1), date(2026, 6, 30), ["21", "25", "39", "58", "70", "71"]),
    (date(2026, 7, 1), date(2027, 6, 30), ["21", "25", "39", "71", "89", "90"]),
    (date(2027, 7, 1), date(2028, 6, 30), ["21", "25", "58", "70", "71", "89"]),
]


def periode_courante(jour: date) -> tuple[date, date, list[str]]:
    return next(p for p in ROTATION if p[0] <= jour <= p[1])


def construire_cre() -> tuple[list[str], dict]:
    mdt = mandat(CRE_ARRETE)
    u = 9  # voix des syndicats = voix des employeurs (R. 5311-38 2°)
    syn = plus_forte_moyenne(POIDS_SYNDICATS, u)
    emp = plus_forte_moyenne(POIDS_EMPLOYEURS, u)
    pf, qpf = prefet("21")
    pcr = ANNUAIRE("presidente-cr", femme=True)
    etat = [
        ("sgar", "{Secrétaire général/Secrétaire générale} pour les affaires régionales de Bourgogne-Franche-Comté",
         "Préfecture de la région Bourgogne-Franche-Comté (SGAR)"),
        ("dreets", "{Directeur/Directrice} {régional/régionale} de l'économie, de l'emploi, du travail et des "
                   "solidarités de Bourgogne-Franche-Comté", "DREETS Bourgogne-Franche-Comté"),
        ("recteur", "{Recteur/Rectrice} de la région académique Bourgogne-Franche-Comté",
         "Région académique Bourgogne-Franche-Comté"),
        ("draaf", "{Directeur/Directrice} {régional/régionale} de l'alimentation, de l'agriculture et de la forêt "
                  "de Bourgogne-Franche-Comté", "DRAAF Bourgogne-Franche-Comté"),
        ("commissaire-pauvrete", "{Commissaire/Commissaire} à la lutte contre la pauvreté de Bourgogne-Franche-Comté",
         "Préfecture de la région Bourgogne-Franche-Comté"),
        ("drajes", "{Délégué/Déléguée} {régional académique/régionale académique} à la jeunesse, à l'engagement et "
                   "aux sports", "Région académique Bourgogne-Franche-Comté (DRAJES)"),
    ]
    _, _, deps_courants = periode_courante(AUJOURDHUI)
    voix_dep = [1] * len(deps_courants)
    voix_region = repartir(2 * u - sum(voix_dep), 6)
    voix_etat = repartir(2 * u, len(etat))
    regions = [
        ("vp-formation", "{Vice-président/Vice-présidente} du conseil régional {chargé/chargée} de la formation "
                         "professionnelle, de l'apprentissage et de l'orientation"),
        ("vp-economie", "{Vice-président/Vice-présidente} du conseil régional {chargé/chargée} de l'économie, de "
                        "l'emploi et de l'innovation"),
        ("cr-commission-formation", "{Conseiller régional/Conseillère régionale}, {président/présidente} de la "
                                    "commission formation, jeunesse et lycées"),
        ("cr-2", "{Conseiller régional/Conseillère régionale} de Bourgogne-Franche-Comté"),
        ("cr-3", "{Conseiller régional/Conseillère régionale} de Bourgogne-Franche-Comté"),
        ("cr-4", "{Conseiller régional/Conseillère régionale} de Bourgogne-Franche-Comté"),
    ]
    membres: list = [Note(f"1° État (R. 5311-17 1°) : {2 * u} voix, égales au total des collectivités et au "
                          "total des partenaires sociaux (R. 5311-38 1°)")]
    for (role, qualite, org), v in zip(etat, voix_etat, strict=True):
        membres.append(membre(ANNUAIRE(f"cre-{role}"), qualite, "etat", organisation=org, voix=v, mandat_=mdt))
    membres.append(Note(f"2° Région (R. 5311-17 2°) : {sum(voix_region)} voix, au moins la moitié des "
                        f"{2 * u} voix des collectivités (R. 5311-38 5°)"))
    for i, ((role, qualite), v) in enumerate(zip(regions, voix_region, strict=True)):
        kw = {}
        if role == "vp-formation":
            kw["suppleants"] = [suppleant("cre-supp-vp-formation",
                                          "{Conseiller régional/Conseillère régionale} de Bourgogne-Franche-Comté")]
        m = membre(ANNUAIRE(f"cre-{role}"), qualite, "region", organisation="Région Bourgogne-Franche-Comté",
                   voix=v, mandat_=mdt, **kw)
        if i == 3:
            membres.append(Note("{Nommé/Nommée} le 3 mars 2025 en remplacement d'une conseillère régionale démissionnaire, "
                                "pour la durée du mandat restant à courir (R. 5311-36)"))
            m["mandat"] = mandat(date(2025, 3, 3), mdt["fin"])
        membres.append(m)
    debut, fin, _ = periode_courante(AUJOURDHUI)
    membres.append(Note(
        f"3° Départements (R. 5311-17 3° ; CREFOP R. 6123-3-3 2° bis et R. 6123-3-6) : six sièges au plus "
        f"pour huit départements, par rotation annuelle (voir `rotation`). Siègent ici les départements de la "
        f"période du {debut:%d/%m/%Y} au {fin:%d/%m/%Y} ; {sum(voix_dep)} voix"))
    for code, v in zip(deps_courants, voix_dep, strict=True):
        p, q = vp_insertion(code)
        membres.append(membre(p, q, "departement", organisation=f"Département {DEPS[code].du}",
                              departement=code, voix=v, mandat_=mandat(debut, fin)))
    membres.append(Note(f"4° Organisations syndicales de salariés représentatives au niveau national et "
                        f"interprofessionnel : {u} voix à la plus forte moyenne sur les audiences (R. 5311-38 3°)"))
    qualites_syn = {
        "CFDT": "{Secrétaire général/Secrétaire générale} de l'union régionale interprofessionnelle CFDT "
                "Bourgogne-Franche-Comté",
        "CGT": "{Secrétaire général/Secrétaire générale} du comité régional CGT Bourgogne-Franche-Comté",
        "CGT-FO": "{Secrétaire général/Secrétaire générale} de l'union régionale Force ouvrière "
                  "Bourgogne-Franche-Comté",
        "CFE-CGC": "{Président/Présidente} de l'union régionale CFE-CGC Bourgogne-Franche-Comté",
        "CFTC": "{Président/Présidente} de l'union régionale CFTC Bourgogne-Franche-Comté",
    }
    for org in SYNDICATS:
        kw = {}
        if org == "CFDT":
            kw["suppleants"] = [suppleant("cre-supp-cfdt", "{Secrétaire régional/Secrétaire régionale} de l'URI "
                                                            "CFDT Bourgogne-Franche-Comté")]
        m = membre(ANNUAIRE(f"cre-{org}"), qualites_syn[org], "syndicat_salaries", organisation=org,
                   voix=syn[org], mandat_=mdt, **kw)
        if org == "CGT":
            membres.append(Note("{Nommé/Nommée} le 14 avril 2025 sur proposition de la CGT, en remplacement du titulaire "
                                "initial, pour la durée du mandat restant à courir (R. 5311-36)"))
            m["mandat"] = mandat(date(2025, 4, 14), mdt["fin"])
        membres.append(m)
    membres.append(Note(f"4° Organisations professionnelles d'employeurs représentatives au niveau national et "
                        f"interprofessionnel : {u} voix, 30 % adhérents et 70 % salariés (R. 5311-38 4°)"))
    qualites_emp = {
        "MEDEF": "{Président/Présidente} du MEDEF Bourgogne-Franche-Comté",
        "CPME": "{Président/Présidente} de la CPME Bourgogne-Franche-Comté",
        "U2P": "{Président/Présidente} de l'U2P Bourgogne-Franche-Comté",
    }
    for org in EMPLOYEURS:
        kw = {}
        if org == "MEDEF":
            kw["suppleants"] = [suppleant("cre-supp-medef", "{Délégué général/Déléguée générale} du MEDEF "
                                                             "Bourgogne-Franche-Comté")]
        membres.append(membre(ANNUAIRE(f"cre-{org}"), qualites_emp[org], "organisation_employeurs",
                              organisation=org, voix=emp[org], mandat_=mdt, **kw))
    membres.append(Note("5° Organisations d'employeurs multiprofessionnelles (sans voix délibérative, "
                        "R. 5311-37)"))
    qualites_multi = {
        "FNSEA": "{Président/Présidente} de la FRSEA Bourgogne-Franche-Comté (FNSEA)",
        "UDES": "{Délégué régional/Déléguée régionale} de l'UDES Bourgogne-Franche-Comté",
        "UNAPL": "{Président/Présidente} de l'UNAPL Bourgogne-Franche-Comté",
    }
    for org in MULTIPRO:
        membres.append(membre(ANNUAIRE(f"cre-{org}"), qualites_multi[org], "organisation_employeurs_multipro",
                              organisation=org, mandat_=mdt))
    membres.append(Note("6° à 8° Opérateurs du réseau pour l'emploi (sans voix délibérative)"))
    membres.append(membre(ANNUAIRE("dr-france-travail"),
                          "{Directeur/Directrice} {régional/régionale} de France Travail Bourgogne-Franche-Comté",
                          "france_travail", organisation="France Travail"))
    membres.append(membre(ANNUAIRE("president-arml"),
                          "{Président/Présidente} de l'association régionale des missions locales de "
                          "Bourgogne-Franche-Comté", "mission_locale",
                          organisation="Association régionale des missions locales de Bourgogne-Franche-Comté"))
    membres.append(membre(ANNUAIRE("president-cap-emploi-bfc"),
                          "{Président/Présidente} du réseau régional Cap emploi Bourgogne-Franche-Comté",
                          "cap_emploi", organisation="Réseau Cap emploi Bourgogne-Franche-Comté"))
    invites = [
        invite("cre-inv-emfor", "{Directeur/Directrice} d'Emfor Bourgogne-Franche-Comté (CARIF-OREF)",
               "Emfor Bourgogne-Franche-Comté"),
        invite("cre-inv-apec", "{Délégué régional/Déléguée régionale} de l'Apec Bourgogne-Franche-Comté", "Apec"),
        invite("cre-inv-agefiph", "{Délégué régional/Déléguée régionale} de l'Agefiph Bourgogne-Franche-Comté",
               "Agefiph"),
        invite("cre-inv-cci", "{Président/Présidente} de la CCI Bourgogne-Franche-Comté",
               "CCI Bourgogne-Franche-Comté"),
        invite("cre-inv-cma", "{Président/Présidente} de la chambre de métiers et de l'artisanat de région "
                              "Bourgogne-Franche-Comté", "CMA Bourgogne-Franche-Comté"),
        invite("cre-inv-cra", "{Président/Présidente} de la chambre régionale d'agriculture de "
                              "Bourgogne-Franche-Comté", "Chambre régionale d'agriculture Bourgogne-Franche-Comté"),
        invite("cre-inv-transitions", "{Directeur/Directrice} de Transitions Pro Bourgogne-Franche-Comté",
               "Transitions Pro Bourgogne-Franche-Comté"),
        invite("cre-inv-unsa", "{Secrétaire régional/Secrétaire régionale} de l'UNSA Bourgogne-Franche-Comté",
               "UNSA (organisation syndicale intéressée, R. 6123-3-3 3° d)"),
        invite("cre-inv-fsu", "{Secrétaire régional/Secrétaire régionale} de la FSU Bourgogne-Franche-Comté",
               "FSU (organisation syndicale intéressée, R. 6123-3-3 3° d)"),
        invite("cre-inv-fas", "{Président/Présidente} de la Fédération des acteurs de la solidarité "
                              "Bourgogne-Franche-Comté", "Fédération des acteurs de la solidarité BFC"),
    ]
    donnees = {
        "type": "comite",
        "id": CRE_ID,
        "niveau": "regional",
        "nom": "Comité régional pour l'emploi de Bourgogne-Franche-Comté",
        "region": REGION,
        Note("Institué au sein du CREFOP (L. 5311-10 I 1°, L. 6123-3) ; son règlement intérieur est celui du "
             "CREFOP (R. 5311-45, R. 6123-3-12) et son bureau prépare les séances (R. 5311-20)."): None,
        "forme": "au_sein_du_crefop",
        "arrete": {"reference": "Arrêté du préfet de région n° 24-312 BAG du 30 septembre 2024, modifié par "
                                "l'arrêté n° 25-198 BAG du 24 juin 2025 (représentants des départements)",
                   "date": CRE_ARRETE},
        "installation": date(2024, 10, 17),
        "presidents": [
            president(pf, qpf, "etat"),
            president(pcr, "{Président/Présidente} du conseil régional de Bourgogne-Franche-Comté", "region"),
        ],
        "membres": membres,
        "invites": invites,
        Note("Représentants des départements (CREFOP 2° bis) : huit départements, six sièges au plus, mandat "
             "du CREFOP renouvelé le 1er juillet 2025 ; chaque période dure au moins un an et tous les "
             "départements siègent au cours des trois ans (R. 6123-3-6)."): None,
        "rotation": {
            "mandat": {"debut": ROTATION[0][0], "fin": ROTATION[-1][1]},
            "sieges": 6,
            "periodes": [{"debut": a, "fin": b, "departements": list(c)} for a, b, c in ROTATION],
        },
        "instances_remplacees": [
            {"nom": "Service public de l'emploi régional (SPER) de Bourgogne-Franche-Comté", "type": "SPER",
             "devenir": "supprimee"},
            {"nom": "Commission emploi du CREFOP Bourgogne-Franche-Comté", "type": "autre", "devenir": "integree"},
        ],
    }
    totaux = verifier_voix(donnees | {"membres": membres})
    sieges = sum(1 for m in membres if not isinstance(m, Note) and m["college"] in (
        "etat", "region", "departement", "syndicat_salaries", "organisation_employeurs",
        "organisation_employeurs_multipro"))
    assert sieges <= 36, sieges
    entete = [
        "Comité régional pour l'emploi de Bourgogne-Franche-Comté (L. 5311-10 I 1°, R. 5311-15 à R. 5311-21)",
        f"Sièges au titre des 1° à 5° de R. 5311-17 : {sieges} (limite 36, la région comptant huit "
        "départements, R. 5311-18).",
        f"Voix (R. 5311-38) : État {totaux['etat']} = région {totaux['region']} + départements "
        f"{totaux['departement']} = syndicats {totaux['syndicat_salaries']} + employeurs "
        f"{totaux['organisation_employeurs']}.",
        "Exemple : institutions et fonctions réelles ; noms de personnes et courriels inventés.",
    ]
    return entete, donnees


# ----------------------------------------------------------------------------- CDE

SECONDES_COMMISSIONS = {
    "21": ("Commission recrutement et métiers en tension", "metiers_en_tension"),
    "25": ("Commission emploi des jeunes", "jeunes"),
    "71": ("Commission mobilité et freins périphériques à l'emploi", "mobilite"),
    "89": ("Commission accompagnement des allocataires du RSA", "rsa"),
}
REMPLACEMENTS_CDE = {
    ("21", "dasen"): (date(2025, 9, 1), "{Nommé/Nommée} le 1er septembre 2025 à la suite de la mutation de son "
                                        "prédécesseur, pour la durée du mandat restant à courir (R. 5311-36)"),
    ("89", "commune-1"): (date(2025, 6, 16), "{Nommé/Nommée} le 16 juin 2025 sur proposition de l'Union des maires de "
                                             "l'Yonne, après la démission du titulaire, pour la durée du mandat "
                                             "restant à courir (R. 5311-36)"),
}


def cde_id(d: Dep) -> str:
    return f"cde-{d.code}-{d.slug}"


def construire_cde(d: Dep) -> tuple[list[str], dict]:
    mdt = mandat(d.arrete_cde)
    petit = d.code == "90"
    u = 7 if petit else 8
    syn = plus_forte_moyenne(POIDS_SYNDICATS, u)
    emp = plus_forte_moyenne(POIDS_EMPLOYEURS, u)
    pf, qpf = prefet(d.code)
    pcd = ANNUAIRE(f"president-cd-{d.code}")
    etat = [
        ("sg", SG.replace("{du}", d.du), d.prefecture),
        ("ddets", d.titre_ddets, d.service_etat),
        ("dasen", "{Directeur/Directrice} académique des services de l'éducation nationale " + d.du,
         f"DSDEN {d.du}"),
    ]
    if d.sous_prefectures:
        ville = d.sous_prefectures[0]
        etat.append((f"sp-{ville}", sp(ville), f"Sous-préfecture {de(ville)}"))
    n_reg, n_dep = (1, 2) if petit else (2, 3)
    communes = d.communes_cde
    total_coll = 2 * u
    voix_dep = repartir(u + 1, n_dep)  # le département garde plus de la moitié (R. 5311-38 5°)
    voix_reg = repartir(3 if petit else 2 * n_reg, n_reg)
    voix_com = repartir(total_coll - sum(voix_dep) - sum(voix_reg), len(communes))
    voix_etat = repartir(2 * u, len(etat))
    membres: list = [Note(f"1° État (R. 5311-23 1°) : {2 * u} voix = collectivités = syndicats + employeurs "
                          "(R. 5311-38 1°)")]
    for (role, qualite, org), v in zip(etat, voix_etat, strict=True):
        m = membre(ANNUAIRE(f"{d.code}-{role}"), qualite, "etat", organisation=org, voix=v, mandat_=mdt)
        if (d.code, role) in REMPLACEMENTS_CDE:
            debut, texte = REMPLACEMENTS_CDE[(d.code, role)]
            membres.append(Note(texte))
            m["mandat"] = mandat(debut, mdt["fin"])
        membres.append(m)
    membres.append(Note(f"2° Région (R. 5311-23 2°), sur proposition de la présidente du conseil régional : "
                        f"{sum(voix_reg)} voix"))
    for i, v in enumerate(voix_reg):
        qualite = ("{Conseiller régional/Conseillère régionale} de Bourgogne-Franche-Comté, {élu/élue} " + d.du)
        membres.append(membre(ANNUAIRE(f"{d.code}-cr-{i}"), qualite, "region",
                              organisation="Région Bourgogne-Franche-Comté", voix=v, mandat_=mdt))
    membres.append(Note(f"3° Département (R. 5311-23 3°) : {sum(voix_dep)} voix sur {total_coll}, au moins la "
                        "moitié des voix des collectivités (R. 5311-38 5°)"))
    qualites_dep = [
        vp_insertion(d.code),
        (ANNUAIRE(f"vp-social-{d.code}"), "{Vice-président/Vice-présidente} du conseil départemental "
                                          f"{d.du} {{chargé/chargée}} des solidarités et de l'action sociale"),
        (ANNUAIRE(f"cd-{d.code}-3"), f"{{Conseiller départemental/Conseillère départementale}} {d.du}"),
    ][:n_dep]
    for i, ((p, q), v) in enumerate(zip(qualites_dep, voix_dep, strict=True)):
        kw = {}
        if d.code in ("21", "71") and i == 0:
            kw["suppleants"] = [suppleant(f"supp-vp-insertion-{d.code}", "{Conseiller départemental/Conseillère "
                                          f"départementale}} {d.du}")]
        membres.append(membre(p, q, "departement", organisation=f"Département {d.du}", voix=v, mandat_=mdt, **kw))
    membres.append(Note(f"4° Communes et groupements, sur proposition de l'association des maires "
                        f"(R. 5311-23 4°) : {sum(voix_com)} voix"))
    for i, (commune, v) in enumerate(zip(communes, voix_com, strict=True)):
        m = membre(ANNUAIRE(f"maire-{d.code}-{commune}"), "Maire " + de(commune), "communes",
                   organisation=d.amf, voix=v, mandat_=mdt)
        if (d.code, f"commune-{i + 1}") in REMPLACEMENTS_CDE:
            debut, texte = REMPLACEMENTS_CDE[(d.code, f"commune-{i + 1}")]
            membres.append(Note(texte))
            m["mandat"] = mandat(debut, mdt["fin"])
        membres.append(m)
    membres.append(Note(f"5° Syndicats de salariés : {u} voix à la plus forte moyenne (R. 5311-38 2° et 3°)"))
    for org in SYNDICATS:
        kw = {}
        if (d.code, org) in (("21", "CGT"), ("25", "CFDT")):
            kw["suppleants"] = [suppleant(f"supp-{org}-{d.code}", f"{{Militant/Militante}} de l'union "
                                          f"départementale {org} {d.du}")]
        membres.append(membre(ANNUAIRE(f"ud-{org}-{d.code}"), _dep_fmt(QUALITES_SYNDICATS_DEP[org], d),
                              "syndicat_salaries", organisation=org, voix=syn[org], mandat_=mdt, **kw))
    membres.append(Note(f"5° Employeurs interprofessionnels : {u} voix, 30 % adhérents et 70 % salariés, plus "
                        "forte moyenne (R. 5311-38 4°)"))
    for org in EMPLOYEURS:
        kw = {}
        if (d.code, org) in (("21", "U2P"), ("71", "MEDEF")):
            kw["suppleants"] = [suppleant(f"supp-{org}-{d.code}", "{Vice-président/Vice-présidente} "
                                          + ("du MEDEF " if org == "MEDEF" else "de l'U2P ") + d.nom)]
        membres.append(membre(ANNUAIRE(f"org-{org}-{d.code}"), _dep_fmt(QUALITES_EMPLOYEURS_DEP[org], d),
                              "organisation_employeurs", organisation=org, voix=emp[org], mandat_=mdt, **kw))
    membres.append(Note("6° Employeurs multiprofessionnels (sans voix délibérative, R. 5311-37)"))
    for org in MULTIPRO:
        membres.append(membre(ANNUAIRE(f"org-{org}-{d.code}"), _dep_fmt(QUALITES_EMPLOYEURS_DEP[org], d),
                              "organisation_employeurs_multipro", organisation=org, mandat_=mdt))
    membres.append(Note("7° à 9° Opérateurs (sans voix délibérative) ; la mission locale et Cap emploi sont "
                        "nommés pour trois ans (R. 5311-36)"))
    membres.append(membre(ANNUAIRE(f"dt-ft-{d.code}"), "{Directeur/Directrice} territorial{/e} de France Travail "
                          + d.nom, "france_travail", organisation="France Travail"))
    p, q = ml_president(d.ml_cde)
    membres.append(membre(p, q + f", sur proposition des missions locales {d.du}", "mission_locale",
                          organisation=d.ml_cde, mandat_=mdt))
    membres.append(membre(ANNUAIRE(f"president-cap-{d.code}"), "{Président/Présidente} de Cap emploi " + d.code,
                          "cap_emploi", organisation=f"Cap emploi {d.code}", mandat_=mdt))

    def nom_de(role: str) -> str:
        return ANNUAIRE.roles[role].nom

    commissions = [{
        "id": f"{cde_id(d)}-commission-iae",
        "nom": "Commission inclusion et insertion par l'activité économique",
        "objet": "inclusion_iae",
        "membres": [nom_de(f"{d.code}-ddets"), vp_insertion(d.code)[0].nom, nom_de(f"dt-ft-{d.code}"),
                    ml_president(d.ml_cde)[0].nom, nom_de(f"ud-CFDT-{d.code}"), nom_de(f"org-MEDEF-{d.code}"),
                    nom_de(f"org-UDES-{d.code}"), nom_de(f"maire-{d.code}-{communes[0]}")],
    }]
    if d.code in SECONDES_COMMISSIONS:
        nom, objet = SECONDES_COMMISSIONS[d.code]
        commissions.append({
            "id": f"{cde_id(d)}-commission-{objet.replace('_', '-')}", "nom": nom, "objet": objet,
            "membres": [nom_de(f"{d.code}-sg"), nom_de(f"{d.code}-cr-0"), nom_de(f"dt-ft-{d.code}"),
                        nom_de(f"ud-CGT-{d.code}"), nom_de(f"org-CPME-{d.code}"), nom_de(f"org-U2P-{d.code}")],
        })
    invites = [
        invite(f"inv-caf-{d.code}", "{Directeur/Directrice} de la caisse d'allocations familiales " + d.du,
               f"CAF {d.du}"),
        invite(f"inv-msa-{d.code}", "{Directeur/Directrice} {délégué/déléguée} de la MSA",
               "MSA Bourgogne" if d.code in ("21", "58", "71", "89") else "MSA de Franche-Comté"),
        invite(f"inv-agefiph-{d.code}", "{Chargé/Chargée} de mission territoriale de l'Agefiph", "Agefiph"),
        invite(f"inv-fas-{d.code}", "{Représentant/Représentante} des structures de l'insertion par l'activité "
               "économique", "Fédération des acteurs de la solidarité Bourgogne-Franche-Comté"),
        invite(f"inv-usagers-{d.code}", "Membre du comité de liaison des usagers de France Travail",
               f"Comité de liaison {d.du} (R. 5311-46)"),
    ]
    if d.code == "21":
        invites.append(invite("inv-cci-21", "{Président/Présidente} de la CCI Côte-d'Or Dijon Métropole",
                              "CCI Côte-d'Or Dijon Métropole"))
    instances = [
        {"nom": f"Service public de l'emploi départemental (SPED) {d.du}", "type": "SPED", "devenir": "supprimee"},
        {"nom": f"Conseil départemental de l'insertion par l'activité économique (CDIAE) {d.du}",
         "type": "CDIAE", "devenir": "integree"},
    ]
    if d.code in ("21", "58", "89"):
        instances.append({"nom": "Commission départementale de l'emploi et de l'insertion (CDEI)", "type": "CDEI",
                          "devenir": "supprimee"})
    if d.code in ("21", "25", "39", "70", "71"):
        instances.append({"nom": "Comité de pilotage du service public de l'insertion et de l'emploi (SPIE)",
                          "type": "autre", "devenir": "integree"})
    if d.code in ("71", "90"):
        instances.append({"nom": "Comité départemental de suivi du contrat d'engagement jeune", "type": "autre",
                          "devenir": "supprimee"})
    delai = 15 if d.code in ("21", "25", "71") else 10
    donnees = {
        "type": "comite",
        "id": cde_id(d),
        "niveau": "departemental",
        "nom": f"Comité départemental pour l'emploi {d.du}",
        "region": REGION,
        "departements": [d.code],
        "arrete": {"reference": f"Arrêté préfectoral n° {d.numero_arrete}", "date": d.arrete_cde},
        "installation": d.installation_cde,
        "presidents": [
            president(pf, qpf, "etat"),
            president(pcd, "{Président/Présidente} du conseil départemental " + d.du, "departement"),
        ],
        "membres": membres,
        "invites": invites,
        "commissions": commissions,
        "instances_remplacees": instances,
        "reglement_interieur": {
            "adopte_le": d.installation_cde,
            "reunions_par_an": 3,
            "secretariat": f"{d.service_etat}, avec la direction de l'insertion du conseil départemental ; "
                           "convocations, documents de travail et procès-verbaux diffusés par courriel et sur "
                           "l'espace collaboratif du comité",
            "delai_convocation_jours": delai,
            "modalites_vote": "Recherche du consensus ; à défaut, vote à la majorité des suffrages exprimés "
                              "selon les voix fixées par l'arrêté préfectoral (R. 5311-38, R. 5311-41), voix "
                              "prépondérante du préfet en cas de partage ; quorum de la moitié des membres ayant "
                              "voix délibérative, présents ou représentés (R. 5311-40) ; procuration à un membre "
                              "du même collège (R. 5311-43)",
            "representation_usagers": f"Deux représentants des usagers, désignés avec le comité de liaison {d.du} "
                                      "(R. 5311-46), sont invités aux séances plénières et à la conférence des "
                                      "financeurs",
            "commissions_fonctionnement": "La commission IAE (R. 5311-26) se réunit au moins deux fois par an, "
                                          "arrête le plan d'action départemental pour l'IAE, rend ses avis sur "
                                          "les conventionnements et le fonds de développement de l'inclusion et "
                                          "rend compte au comité ; les autres commissions sont créées par le "
                                          "présent règlement (R. 5311-45)",
        },
    }
    totaux = verifier_voix(donnees)
    sieges = sum(1 for m in membres if not isinstance(m, Note) and m["college"] in (
        "etat", "region", "departement", "communes", "syndicat_salaries", "organisation_employeurs",
        "organisation_employeurs_multipro"))
    assert sieges <= 27, (d.code, sieges)
    entete = [
        f"Comité départemental pour l'emploi {d.du} (R. 5311-22 à R. 5311-27)",
        f"Sièges au titre des 1° à 6° de R. 5311-23 : {sieges} (limite 27, R. 5311-24).",
        f"Voix (R. 5311-38) : État {totaux['etat']} = région {totaux['region']} + département "
        f"{totaux['departement']} + communes {totaux['communes']} = syndicats {totaux['syndicat_salaries']} + "
        f"employeurs {totaux['organisation_employeurs']} ; syndicats : "
        + ", ".join(f"{k} {v}" for k, v in syn.items()) + " ; employeurs : "
        + ", ".join(f"{k} {v}" for k, v in emp.items()) + ".",
        "Exemple : institutions et fonctions réelles ; noms de personnes et courriels inventés.",
    ]
    return entete, donnees


# ----------------------------------------------------------------------------- CLE

ROLES_ETAT_CLE = {
    "ddets-adjoint": "{Directeur/Directrice} {adjoint/adjointe} de la {ddets}",
    "ddets-referent": "Responsable du pôle insertion et emploi de la {ddets}",
    "delegue-prefet": "{Délégué/Déléguée} du préfet dans les quartiers prioritaires de la politique de la ville",
}
SYNDICATS_INVITES = [("CFDT", "CGT"), ("CGT-FO", "CFE-CGC"), ("CFTC", "CFDT"), ("CGT", "CGT-FO"),
                     ("CFE-CGC", "CFTC")]
AUTRES_INVITES = [
    ("caf", "Responsable territorial{/e} de la caisse d'allocations familiales", "CAF {du}"),
    ("siae", "{Directeur/Directrice} d'un atelier et chantier d'insertion du territoire",
     "Chantier école Bourgogne-Franche-Comté"),
    ("ei", "{Directeur/Directrice} d'une entreprise d'insertion du territoire",
     "Fédération des entreprises d'insertion Bourgogne-Franche-Comté"),
    ("cma", "{Délégué territorial/Déléguée territoriale} de la chambre de métiers et de l'artisanat",
     "CMA Bourgogne-Franche-Comté"),
]


def _qualite_etat_cle(role: str, d: Dep) -> tuple[str, str, str]:
    """(clé annuaire, qualité, organisation) d'un représentant de l'État au comité local."""
    if role in ROLES_ETAT_CLE:
        return role, ROLES_ETAT_CLE[role].replace("{ddets}", f"{d.ddets} {d.du}"), d.service_etat
    if role == "SG":
        return "sg", SG.replace("{du}", d.du), d.prefecture
    if role == "SGA" and d.code in SGA_DEPS:
        return "sga", SGA.replace("{du}", d.du), d.prefecture
    if role == "SGA":
        pf, _ = prefet(d.code)
        titre = "de la préfète" if pf.femme else "du préfet"
        return ("dircab", "{Sous-préfet/Sous-préfète}, {directeur/directrice} de cabinet " + titre + " " + d.du,
                d.prefecture)
    ville = role.removeprefix("sp:")
    return f"sp-{ville}", sp(ville), f"Sous-préfecture {de(ville)}"


def construire_cle(spec: SpecCle, rang: int) -> tuple[list[str], dict]:
    d = DEPS[spec.dep]
    mdt = mandat(d.arrete_cle)
    pf, qpf = prefet(d.code)
    presidents = [president(pf, qpf, "etat")]
    for cop in spec.copresidents:
        if cop.startswith("maire:"):
            ville = cop.split(":", 1)[1]
            presidents.append(president(ANNUAIRE(f"maire-{d.code}-{ville}"), "Maire " + de(ville),
                                        "communes"))
        else:
            presidents.append(president(ANNUAIRE(f"president-epci-{cop}"),
                                        "{Président/Présidente} " + de_epci(cop), "epci"))
    # voix des collectivités : région 1, département 1, chaque maire 1, chaque EPCI 1 (2 pour une
    # communauté d'agglomération, une communauté urbaine ou une métropole) ; l'État en a autant (R. 5311-39 1°)
    # (1 voix pour les EPCI interrégionaux, qui n'ont ici que quelques communes)
    voix_epci = [2 if EPCI[s][1] in ("CA", "CU", "METRO") and s not in INTERREGIONAUX else 1 for s in spec.epci]
    total_coll = 1 + 1 + len(spec.communes) + sum(voix_epci)
    roles_etat = [_qualite_etat_cle(r, d) for r in spec.etat]
    voix_etat = repartir(total_coll, len(roles_etat))
    membres: list = [Note(f"1° État (R. 5311-32 1°) : {total_coll} voix, autant que les collectivités "
                          "(R. 5311-39 1°)")]
    for (cle, qualite, org), v in zip(roles_etat, voix_etat, strict=True):
        role = f"{d.code}-{cle}" if cle in ("sg", "sga", "dircab") or cle.startswith("sp-") else f"{spec.id}-{cle}"
        membres.append(membre(ANNUAIRE(role), qualite, "etat", organisation=org, voix=v, mandat_=mdt))
    membres.append(Note("2° et 3° Région et département : 2 voix ; 4° et 5° EPCI et communes : "
                        f"{sum(voix_epci) + len(spec.communes)} voix, au moins autant (R. 5311-39 2°)"))
    membres.append(membre(ANNUAIRE(f"{spec.id}-cr"), "{Conseiller régional/Conseillère régionale} de "
                          "Bourgogne-Franche-Comté", "region", organisation="Région Bourgogne-Franche-Comté",
                          voix=1, mandat_=mdt))
    membres.append(membre(ANNUAIRE(f"{spec.id}-cd"), f"{{Conseiller départemental/Conseillère départementale}} "
                          f"{d.du}", "departement", organisation=f"Département {d.du}", voix=1, mandat_=mdt))
    membres.append(Note("4° Un représentant de chaque EPCI à fiscalité propre du ressort (R. 5311-32 4°), "
                        "hors plafond de R. 5311-33"))
    copres = set(spec.copresidents)
    for i, (siren, v) in enumerate(zip(spec.epci, voix_epci, strict=True)):
        p = ANNUAIRE(f"rep-epci-{siren}")
        if siren in copres or i % 3 == 1:
            qualite = "{Vice-président/Vice-présidente} " + de_epci(siren) + " {chargé/chargée} de l'économie et de l'emploi"
        elif i % 3 == 2:
            qualite = "{Conseiller communautaire/Conseillère communautaire} " + de_epci(siren)
        else:
            qualite = "{Président/Présidente} " + de_epci(siren)
        if siren == "200071140":
            qualite = ("{Conseiller communautaire/Conseillère communautaire} de la CA Moulins Communauté, "
                       "maire de Dornes")
        elif siren == "200070332":
            qualite = ("{Conseiller communautaire/Conseillère communautaire} de la CC des Savoir-Faire, "
                       "maire d'Ouge")
        elif siren == "200067668":
            qualite = ("{Conseiller communautaire/Conseillère communautaire} de la CC de la Cléry, du Betz et "
                       "de l'Ouanne, maire de Saint-Loup-d'Ordon")
        if siren in NOTES_EPCI:
            membres.append(Note(f"{EPCI[siren][0]} : EPCI à cheval sur deux départements (voir le ressort)"))
        m = membre(p, qualite, "epci", organisation=EPCI[siren][0], epci=siren, voix=v, mandat_=mdt)
        if spec.id == "cle-71-bresse" and i == 2:
            membres.append(Note("{Nommé/Nommée} le 16 juin 2025 sur proposition du président de l'EPCI, après le décès du "
                                "titulaire, pour la durée du mandat restant à courir (R. 5311-36)"))
            m["mandat"] = mandat(date(2025, 6, 16), mdt["fin"])
        if spec.id == "cle-21-beaune-cote-et-saone" and i == 0:
            m["suppleants"] = [suppleant("supp-beaune-epci", "{Conseiller communautaire/Conseillère "
                                         "communautaire} de la CA Beaune, Côte et Sud")]
        membres.append(m)
    membres.append(Note(f"5° Communes, sur proposition de l'{d.amf[0].lower()}{d.amf[1:]} (R. 5311-32 5°)"))
    for ville in spec.communes:
        membres.append(membre(ANNUAIRE(f"maire-{d.code}-{ville}"), "Maire " + de(ville), "communes",
                              organisation=d.amf, voix=1, mandat_=mdt))
    membres.append(Note("6° à 8° France Travail, missions locales et Cap emploi (sans voix délibérative)"))
    if spec.agence_ft:
        membres.append(membre(ANNUAIRE(f"agence-ft-{spec.agence_ft}"),
                              f"{{Directeur/Directrice}} de l'agence France Travail {de(spec.agence_ft)}, "
                              f"{{représentant/représentante}} du directeur territorial", "france_travail",
                              organisation="France Travail"))
    else:
        membres.append(membre(ANNUAIRE(f"dtd-ft-{d.code}"),
                              f"{{Directeur/Directrice}} territorial{{/e}} {{délégué/déléguée}} de France Travail "
                              f"{d.nom}", "france_travail", organisation="France Travail"))
    for ml in spec.missions_locales:
        p, q = ml_president(ml)
        membres.append(membre(p, q, "mission_locale", organisation=ml))
    membres.append(membre(ANNUAIRE(f"cap-{d.code}-directeur"), f"{{Directeur/Directrice}} de Cap emploi {d.code}, "
                          "{représentant/représentante} du président", "cap_emploi",
                          organisation=f"Cap emploi {d.code}"))
    ressort: list = []
    for siren in spec.epci:
        if siren in NOTES_EPCI:
            ressort.append(Note(f"{EPCI[siren][0]} : {NOTES_EPCI[siren]}."))
        ressort.append(Fin(siren, EPCI[siren][0]))
    s1, s2 = SYNDICATS_INVITES[rang % len(SYNDICATS_INVITES)]
    org_emp = EMPLOYEURS[rang % 3]
    cle_autre, q_autre, o_autre = AUTRES_INVITES[rang % len(AUTRES_INVITES)]
    invites = [Note("Partenaires sociaux : invités sans voix délibérative (R. 5311-34)")]
    for org in (s1, s2):
        invites.append(invite(f"{spec.id}-inv-{org}", "{Représentant/Représentante} de l'union départementale "
                              f"{'Force ouvrière' if org == 'CGT-FO' else org} {d.du}", org))
    invites.append(invite(f"{spec.id}-inv-{org_emp}", "{Représentant/Représentante} "
                          + {"MEDEF": "du MEDEF ", "CPME": "de la CPME ", "U2P": "de l'U2P "}[org_emp] + d.nom,
                          org_emp))
    invites.append(invite(f"{spec.id}-inv-{cle_autre}", q_autre, o_autre.replace("{du}", d.du)))
    secretariat = (f"{spec.lieu.split(',')[0]} et " + (f"agence France Travail {de(spec.agence_ft)}"
                                                      if spec.agence_ft else f"{d.service_etat}")
                   + " ; convocations, documents de travail et comptes rendus diffusés par courriel")
    numero = f"{d.code}-{d.arrete_cle:%Y-%m-%d}-{20 + rang:05d}"
    donnees = {
        "type": "comite",
        "id": spec.id,
        "niveau": "local",
        "nom": spec.nom,
        "region": REGION,
        "departements": [d.code],
        "arrete": {"reference": f"Arrêté préfectoral n° {numero}", "date": d.arrete_cle},
        "installation": spec.installation,
        "ressort": {"epci": ressort},
        "presidents": presidents,
        "membres": membres,
        "invites": invites,
        "instances_remplacees": [{"nom": n, "type": t, "devenir": v} for n, t, v in spec.instances],
        "reglement_interieur": {
            "adopte_le": spec.installation,
            "reunions_par_an": 3,
            "secretariat": secretariat,
            "delai_convocation_jours": 10,
            "modalites_vote": "Recherche du consensus ; à défaut, majorité des suffrages exprimés selon les voix "
                              "fixées par l'arrêté (R. 5311-39, R. 5311-41), voix prépondérante du préfet ou de "
                              "son représentant en cas de partage ; quorum R. 5311-40",
            "representation_usagers": "Un représentant des usagers, désigné avec le comité de liaison de France "
                                      f"Travail {d.du}, est invité à chaque séance (R. 5311-46)",
            "commissions_fonctionnement": "Pas de commission permanente ; le comité crée des groupes de travail "
                                          "dont il fixe l'objet, la composition et la durée",
        },
    }
    totaux = verifier_voix(donnees)
    sieges = sum(1 for m in membres if not isinstance(m, Note) and m["college"] in (
        "etat", "region", "departement", "communes"))
    assert sieges <= 8, (spec.id, sieges)
    entete = [
        f"{spec.nom} (R. 5311-30 à R. 5311-34)",
        f"Ressort fixé par l'arrêté préfectoral n° {numero} : {len(spec.epci)} EPCI à fiscalité propre.",
        f"Sièges au titre des 1° à 3° et 5° de R. 5311-32 : {sieges} (limite 8, R. 5311-33).",
        f"Voix (R. 5311-39) : État {totaux['etat']} = région {totaux['region']} + département "
        f"{totaux['departement']} + EPCI {totaux['epci']} + communes {totaux.get('communes', 0)}.",
        "Exemple : institutions et fonctions réelles ; noms de personnes et courriels inventés.",
    ]
    return entete, donnees


# ---------------------------------------------------------------------------------------------
# Séances
# ---------------------------------------------------------------------------------------------


def jour(annee: int, mois: int, semaine: int, jour_semaine: int) -> date:
    """Le `semaine`-ième jour `jour_semaine` (0 = lundi) du mois."""
    j = date(annee, mois, 1)
    j += timedelta(days=(jour_semaine - j.weekday()) % 7)
    return j + timedelta(weeks=semaine - 1)


def _fr(j: date) -> str:
    mois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre"][j.month - 1]
    return f"{'1er' if j.day == 1 else j.day} {mois} {j.year}"


def odj_cre(nature: str, annee: int, precedente: str | None) -> list[str]:
    cr = [f"Approbation du compte rendu de la séance du {precedente}"] if precedente else []
    if nature == "pleniere" and annee == 2025:
        return ["Réunion plénière annuelle avec les membres du réseau pour l'emploi (L. 5311-7 III) et les "
                "présidents des comités locaux (R. 5311-21)",
                "Adoption de la feuille de route régionale 2025-2027",
                "Retours des comités départementaux et locaux : installation, ressorts, premières actions",
                "Table ronde : recrutements dans l'industrie et le médico-social"]
    if nature == "pleniere":
        return ["Réunion plénière annuelle avec les membres du réseau pour l'emploi et les présidents des "
                "comités locaux (R. 5311-21)",
                "Rotation des représentants des départements au 1er juillet 2026 : arrivée de l'Yonne et du "
                "Territoire de Belfort (R. 6123-3-6)",
                "Revue à mi-parcours de la feuille de route régionale",
                "Ateliers : mobilité, garde d'enfants, logement des alternants"]
    if nature == "conference_financeurs":
        return ["Conférence régionale des financeurs de l'insertion sociale et professionnelle "
                "(L. 5311-10 II 4°)",
                f"Recensement des ressources mobilisables {annee + 1} : État, Région (programme régional de "
                "formation), départements (programmes départementaux d'insertion), FSE+, France Travail",
                "Adaptation des ressources aux résultats constatés et aux priorités de retour à l'emploi",
                f"Priorités de cofinancement {annee + 1}"]
    if annee == 2025 and precedente and "octobre 2024" in precedente:
        return cr + ["Diagnostic régional emploi-formation 2025 (Emfor, DREETS, France Travail)",
                     "Inscription à France Travail des allocataires du RSA et des jeunes accompagnés depuis le "
                     "1er janvier 2025",
                     "Feuille de route régionale 2025-2027 : axes et méthode", "Questions diverses"]
    if annee == 2025:
        return cr + ["Suivi de la feuille de route régionale : avancement des fiches action",
                     "Bilan régional des actions financées au titre de l'emploi, de la formation et de "
                     "l'orientation professionnelles (R. 6123-3-1)",
                     "Calendrier 2026 des séances", "Questions diverses"]
    if precedente and "2026" in precedente:
        return cr + ["Bilan 2026 de la feuille de route régionale",
                     "Calendrier 2027 et préparation de la période 2027-2028 de la rotation des départements",
                     "Questions diverses"]
    return cr + ["Tableau de bord régional du réseau pour l'emploi (indicateurs communs, L. 5311-8 3°)",
                 "Accompagnement des allocataires du RSA : premiers résultats de l'orientation",
                 "Questions diverses"]


def odj_cde(d: Dep, nature: str, annee: int, precedente: str | None) -> list[str]:
    cr = [f"Approbation du compte rendu de la séance du {precedente}"] if precedente else []
    if nature == "pleniere":
        return [f"Réunion plénière annuelle avec les membres du réseau pour l'emploi {d.du} et les présidents "
                "des comités locaux (R. 5311-27)",
                "Présentation des comités locaux et de leurs feuilles de route" if annee == 2025
                else "Bilan des comités locaux après un an de fonctionnement",
                f"Besoins en main-d'œuvre {annee} (enquête BMO) et métiers en tension {d.du}",
                "Plan d'action départemental pour l'insertion par l'activité économique (R. 5311-26 1°)"]
    if nature == "conference_financeurs":
        return ["Conférence départementale des financeurs de l'insertion sociale et professionnelle "
                "(L. 5311-10 II 4°)",
                f"Ressources mobilisables {annee + 1} : programme départemental d'insertion, IAE, FSE+, offre de "
                "services de France Travail, programme régional de formation",
                f"Coordination des appels à projets {annee + 1}", "Questions diverses"]
    if annee == 2025 and len(cr) and "2024" in cr[0]:
        return cr + [f"Situation de l'emploi {d.du} : demandeurs d'emploi, offres, tensions de recrutement",
                     "Inscription à France Travail des allocataires du RSA et orientation (loi du 18 décembre "
                     "2023)", "Premiers travaux de la commission inclusion et IAE", "Questions diverses"]
    if annee == 2025:
        return cr + ["Bilan 2025 de l'accompagnement des allocataires du RSA et des jeunes (CEJ)",
                     "Avis de la commission IAE sur les conventionnements 2026", "Calendrier 2026 des séances",
                     "Questions diverses"]
    return cr + ["Suivi de la feuille de route départementale",
                 "Mise en œuvre de la suspension-remobilisation des allocataires du RSA",
                 "Questions diverses"]


LIEUX_CRE = {
    "ordinaire": "Préfecture de la région Bourgogne-Franche-Comté, Dijon",
    "pleniere": "Conseil régional de Bourgogne-Franche-Comté, 4 square Castan, Besançon",
    "conference_financeurs": "Conseil régional de Bourgogne-Franche-Comté, site de Dijon, 17 boulevard de la "
                             "Trémouille, et visioconférence (R. 5311-42)",
}


def lieu_cde(d: Dep, nature: str) -> str:
    if nature == "ordinaire":
        return f"{d.prefecture}, {d.chef_lieu}"
    return f"Hôtel du Département, {d.chef_lieu}"


def votants(comite: dict, quand: date) -> list[tuple[str, str]]:
    """(nom, collège) des membres ayant voix délibérative en fonctions à la date, présidents compris."""
    res = [(p["nom"], p["college"]) for p in comite["presidents"]]
    for m in comite["membres"]:
        if isinstance(m, Note) or "voix" not in m:
            continue
        if "mandat" in m and not (m["mandat"]["debut"] <= quand <= m["mandat"]["fin"]):
            continue
        res.append((m["nom"], m["college"]))
    return res


def presences(comite: dict, quand: date, alea: random.Random, absents: float = 0.3) -> tuple[list, list]:
    """Présents et procurations (R. 5311-43) avec quorum atteint (R. 5311-40)."""
    vot = votants(comite, quand)
    noms_votants = {n for n, _ in vot}
    n_pres = len(comite["presidents"])
    absents_ = set(alea.sample([n for n, c in vot[n_pres:]], k=int(len(vot) * absents)))
    presents = [n for n, _ in vot if n not in absents_]
    representes = []
    for nom, college in vot:
        if nom in absents_ and len(representes) < 2:
            mandataires = [n for n, c in vot if c == college and n in presents
                           and n not in {r["mandataire"] for r in representes}
                           and n not in {p["nom"] for p in comite["presidents"]}]
            if mandataires:
                representes.append({"membre": nom, "mandataire": mandataires[0]})
    # les opérateurs présents (sans voix) figurent aussi sur la feuille d'émargement
    for m in comite["membres"]:
        if not isinstance(m, Note) and m["college"] in ("france_travail", "mission_locale") \
                and m["nom"] not in noms_votants:
            presents.append(m["nom"])
    presents_votants = sum(1 for n in presents if n in noms_votants)
    assert 2 * (presents_votants + len(representes)) >= len(vot), comite["id"]
    return presents, representes


def seance(comite: dict, quand: str, lieu: str, nature: str, odj: list[str], *, commission: str | None = None,
           convoques: date | None = None, presents: list | None = None, representes: list | None = None) -> dict:
    s: dict = {"type": "seance", "comite": comite["id"], "date": quand, "lieu": lieu, "nature": nature}
    if commission:
        s["commission"] = commission
    s["ordre_du_jour"] = odj
    if presents:
        s["presents"] = presents
    if representes:
        s["representes"] = representes
    if convoques:
        s["convoques_le"] = convoques
    return s


CALENDRIER = [(2025, 3, "ordinaire"), (2025, 6, "pleniere"), (2025, 10, "conference_financeurs"),
              (2025, 12, "ordinaire"), (2026, 3, "ordinaire"), (2026, 6, "pleniere"),
              (2026, 10, "conference_financeurs")]


def seances_comite(comite: dict, k: int, lieu, odj, delai: int, avec_presences: set[tuple[int, int]],
                   alea: random.Random, installation: date) -> list[tuple[str, dict]]:
    sorties = []
    precedente = _fr(installation) if installation else None
    for annee, mois, nature in CALENDRIER:
        semaine = 1 + (k + mois) % 3 if mois != 12 else 1 + k % 2
        j = jour(annee, mois, semaine, 1 if (k + mois) % 2 == 0 else 3)
        heure = "09:30" if nature == "pleniere" else ("14:00" if k % 2 == 0 else "10:00")
        kw = {}
        if (annee, mois) in avec_presences:
            kw["presents"], kw["representes"] = presences(comite, j, alea)
        s = seance(comite, f"{j.isoformat()}T{heure}", lieu(nature), nature, odj(nature, annee, precedente),
                   convoques=j - timedelta(days=delai + 6), **kw)
        sorties.append((f"{j.isoformat()}-{comite['id']}-{nature.replace('_', '-')}", s))
        precedente = _fr(j)
    return sorties


def seances_cle(comite: dict, dates: list[tuple[date, str]], alea: random.Random,
                avec_presences: int | None = None) -> list[tuple[str, dict]]:
    sorties = []
    lieu = comite["reglement_interieur"]["secretariat"].split(" et ")[0]
    precedente = _fr(comite["installation"])
    for i, (j, heure) in enumerate(dates):
        odj = [f"Approbation du compte rendu de la séance du {precedente}"]
        if i == 0:
            odj += ["Diagnostic emploi du bassin : offres non pourvues, publics, freins à l'emploi",
                    "Élaboration de la feuille de route locale", "Questions diverses"]
        elif i == 1:
            odj += ["Suivi des actions de la feuille de route locale",
                    "Accompagnement des allocataires du RSA du territoire : orientation et parcours",
                    "Mobilité : solutions existantes et besoins non couverts", "Questions diverses"]
        else:
            odj += ["Bilan annuel du comité local, en vue de la plénière du comité départemental",
                    "Recrutements saisonniers et métiers en tension du bassin", "Questions diverses"]
        kw = {}
        if avec_presences == i:
            kw["presents"], kw["representes"] = presences(comite, j, alea)
        s = seance(comite, f"{j.isoformat()}T{heure}", lieu, "ordinaire", odj, convoques=j - timedelta(days=14),
                   **kw)
        sorties.append((f"{j.isoformat()}-{comite['id']}-ordinaire", s))
        precedente = _fr(j)
    return sorties


# ---------------------------------------------------------------------------------------------
# Feuilles de route (contenus illustratifs ; chiffres inventés mais vraisemblables)
# ---------------------------------------------------------------------------------------------


def ind(nom: str, unite: str, initiale, cible, actuelle, source: str) -> dict:
    d = {"nom": nom, "unite": unite, "valeur_initiale": initiale, "cible": cible, "valeur_actuelle": actuelle,
         "source": source}
    return {k: v for k, v in d.items() if v is not None}


def fiche(id_: str, titre: str, problematique: str, objectif: str, pilote: str, contributeurs: list[tuple],
          echeance: date, statut: str, indicateurs: list[dict], publics: list[str] | None = None,
          territoires: list[str] | None = None) -> B:
    f = B(id=id_, titre=titre, problematique=problematique, objectif=objectif)
    if publics:
        f["publics"] = publics
    if territoires:
        f["territoires"] = territoires
    f["pilote"] = pilote
    f["contributeurs"] = [{"acteur": a, "role": r} for a, r in contributeurs]
    f["echeance"] = echeance
    f["statut"] = statut
    f["indicateurs"] = indicateurs
    return f


BMO = "France Travail, enquête Besoins en main-d'œuvre (BMO)"
TDB_FT = "France Travail, tableau de bord du réseau pour l'emploi"


def fdr_cre() -> dict:
    return {
        "type": "feuille_de_route",
        "comite": CRE_ID,
        "periode": {"debut": date(2025, 7, 1), "fin": date(2027, 12, 31)},
        "adoptee_le": date(2025, 6, 12),
        "axes": [
            B(id="axe-1", titre="Répondre aux besoins de recrutement des filières en tension",
              diagnostic="Région parmi les plus industrielles de France, la Bourgogne-Franche-Comté combine des "
                         "difficultés de recrutement élevées (industrie, santé, hôtellerie-restauration, "
                         "transport) et des viviers de demandeurs d'emploi peu mobiles, surtout en zone rurale.",
              fiches_action=[
                  fiche("1.1", "Attirer et former vers les métiers de la production industrielle",
                        "Plus de la moitié des projets de recrutement industriels sont jugés difficiles ; les "
                        "formations préalables à l'embauche restent peu mobilisées hors des grands bassins.",
                        "Doubler les entrées en formation préalable à l'embauche dans l'industrie et ouvrir une "
                        "session dans chaque bassin industriel.",
                        "DREETS Bourgogne-Franche-Comté",
                        [("France Travail Bourgogne-Franche-Comté", "prescription et financement des POEI et AFPR"),
                         ("Région Bourgogne-Franche-Comté", "programme régional de formation, places qualifiantes"),
                         ("UIMM et opérateurs de compétences", "identification des besoins, tutorat en entreprise"),
                         ("Comités locaux pour l'emploi", "repérage des besoins et des candidats dans les bassins")],
                        date(2026, 12, 31), "en_cours",
                        [ind("Entrées en POEI et AFPR dans l'industrie", "entrées", 1450, 2900, 2210, TDB_FT),
                         ind("Projets de recrutement jugés difficiles dans l'industrie", "%", 61, 52, 57, BMO)],
                        territoires=["Nord Franche-Comté", "Creusot-Montceau", "Jura"]),
                  fiche("1.2", "Sécuriser les recrutements du sanitaire et du médico-social",
                        "Les établissements pour personnes âgées et les services d'aide à domicile déclarent des "
                        "postes vacants durables, faute de candidats formés.",
                        "Former 600 aides-soignants et accompagnants éducatifs et sociaux de plus par an.",
                        "Région Bourgogne-Franche-Comté",
                        [("Agence régionale de santé", "besoins des établissements, financement des places"),
                         ("France Travail Bourgogne-Franche-Comté", "orientation des demandeurs d'emploi"),
                         ("Départements", "financement de l'aide à domicile, mobilisation des allocataires du RSA")],
                        date(2027, 6, 30), "en_cours",
                        [ind("Places de formation aide-soignant et AES financées", "places", 1850, 2450, 2120,
                             "Région Bourgogne-Franche-Comté")]),
              ]),
            B(id="axe-2", titre="Accompagner vers l'emploi les personnes qui en sont le plus éloignées",
              fiches_action=[
                  fiche("2.1", "Généraliser l'accompagnement rénové des allocataires du RSA",
                        "Avant 2025, moins de la moitié des allocataires du RSA étaient inscrits à France Travail "
                        "et les délais d'orientation dépassaient souvent trois mois.",
                        "Orienter chaque nouvel allocataire dans le mois et lui proposer un contrat d'engagement "
                        "comprenant quinze heures d'activité hebdomadaire au moins, adaptées à sa situation.",
                        "DREETS Bourgogne-Franche-Comté",
                        [("Départements", "orientation, accompagnement social, contrats d'engagement"),
                         ("France Travail Bourgogne-Franche-Comté", "inscription, accompagnement professionnel"),
                         ("Caisses d'allocations familiales et MSA", "données d'ouverture de droits")],
                        date(2026, 12, 31), "en_cours",
                        [ind("Allocataires du RSA inscrits à France Travail", "%", 44, 100, 97, TDB_FT),
                         ind("Nouveaux allocataires orientés dans le mois", "%", 38, 90, 71,
                             "Départements, tableau de bord du service public de l'insertion et de l'emploi")],
                        publics=["allocataires du RSA"]),
                  fiche("2.2", "Développer l'insertion par l'activité économique en zone rurale",
                        "Une part des communautés de communes rurales n'a aucune structure d'insertion par "
                        "l'activité économique à moins de trente minutes.",
                        "Couvrir chaque comité local par au moins une offre d'IAE accessible.",
                        "DREETS Bourgogne-Franche-Comté",
                        [("Commissions IAE des comités départementaux", "plan d'action, avis de conventionnement"),
                         ("Réseaux de l'IAE", "accompagnement des porteurs de projet"),
                         ("Départements", "cofinancement des postes d'insertion")],
                        date(2027, 12, 31), "en_cours",
                        [ind("Comités locaux sans structure d'IAE", "comités", 6, 0, 3,
                             "DREETS, suivi des conventionnements")]),
              ]),
            B(id="axe-3", titre="Lever les freins périphériques : mobilité et garde d'enfants",
              fiches_action=[
                  fiche("3.1", "Une plateforme de mobilité solidaire dans chaque département",
                        "Dans les territoires ruraux, l'absence de permis ou de véhicule est le premier frein cité "
                        "par les demandeurs d'emploi accompagnés.",
                        "Disposer d'une plateforme de mobilité solidaire dans les huit départements.",
                        "Région Bourgogne-Franche-Comté",
                        [("Départements", "cofinancement et orientation des publics"),
                         ("France Travail Bourgogne-Franche-Comté", "aides à la mobilité, prescription"),
                         ("Communautés de communes", "transport à la demande, relais locaux")],
                        date(2026, 6, 30), "realisee",
                        [ind("Départements couverts par une plateforme", "départements", 5, 8, 8,
                             "Région Bourgogne-Franche-Comté")]),
                  fiche("3.2", "Places en crèche à vocation d'insertion professionnelle",
                        "Les parents isolés renoncent à des offres faute de solution de garde aux horaires "
                        "décalés.",
                        "Ouvrir 150 places supplémentaires de crèche à vocation d'insertion professionnelle.",
                        "Caisses d'allocations familiales (coordination régionale)",
                        [("France Travail Bourgogne-Franche-Comté", "orientation des parents"),
                         ("Communes et intercommunalités", "création de places")],
                        date(2027, 12, 31), "a_lancer",
                        [ind("Places de crèche à vocation d'insertion professionnelle", "places", 210, 360, 230,
                             "CAF, recensement annuel")]),
              ]),
        ],
    }


def fdr_cde_21() -> dict:
    return {
        "type": "feuille_de_route",
        "comite": cde_id(DEPS["21"]),
        "periode": {"debut": date(2025, 1, 1), "fin": date(2027, 12, 31)},
        "adoptee_le": date(2025, 6, 10),
        "axes": [
            B(id="rsa", titre="Accompagnement des allocataires du RSA",
              diagnostic="La moitié des allocataires du RSA de la Côte-d'Or vit dans la métropole dijonnaise ; "
                         "hors métropole, l'accompagnement se heurte à l'éloignement des services.",
              fiches_action=[
                  fiche("rsa-1", "Orientation dans le mois et contrat d'engagement pour tous",
                        "Délais d'orientation de plusieurs mois et contrats d'engagement peu signés hors de Dijon.",
                        "Orienter 90 % des nouveaux allocataires dans le mois et signer un contrat d'engagement "
                        "avec chacun.",
                        "Conseil départemental de la Côte-d'Or",
                        [("France Travail Côte-d'Or", "accompagnement professionnel et socio-professionnel"),
                         ("DDETS de la Côte-d'Or", "pilotage du comité et suivi des indicateurs"),
                         ("CAF de la Côte-d'Or", "signalement des ouvertures de droits")],
                        date(2026, 6, 30), "en_cours",
                        [ind("Nouveaux allocataires orientés dans le mois", "%", 41, 90, 76,
                             "Conseil départemental, tableau de bord SPIE"),
                         ind("Allocataires ayant signé un contrat d'engagement", "%", 35, 95, 81, TDB_FT)],
                        publics=["allocataires du RSA"]),
              ]),
            B(id="iae", titre="Inclusion et insertion par l'activité économique",
              fiches_action=[
                  fiche("iae-1", "Plan d'action départemental pour l'IAE",
                        "L'offre d'IAE est concentrée à Dijon et Beaune ; l'Auxois-Morvan et le Châtillonnais "
                        "manquent de postes d'insertion.",
                        "Conventionner 80 postes d'insertion supplémentaires hors de la métropole dijonnaise.",
                        "Commission inclusion et IAE du comité",
                        [("DDETS de la Côte-d'Or", "conventionnement, aides au poste"),
                         ("Conseil départemental de la Côte-d'Or", "cofinancement des postes pour les allocataires "
                                                                   "du RSA"),
                         ("Structures de l'IAE", "création d'activités"),
                         ("France Travail Côte-d'Or", "orientation via la plateforme de l'inclusion")],
                        date(2027, 6, 30), "en_cours",
                        [ind("Postes d'insertion conventionnés hors métropole", "ETP", 310, 390, 344,
                             "DDETS, extranet IAE")],
                        territoires=["Auxois-Morvan", "Châtillonnais et Montbardois"]),
              ]),
            B(id="tensions", titre="Métiers en tension : viticulture, hôtellerie-restauration, logistique",
              fiches_action=[
                  fiche("tensions-1", "Vendanges et travaux de la vigne : un vivier local",
                        "Les domaines de la Côte recrutent surtout hors du département ; les demandeurs d'emploi "
                        "locaux connaissent mal ces emplois saisonniers.",
                        "Pourvoir 1 000 contrats saisonniers par des candidats du département.",
                        "France Travail Côte-d'Or",
                        [("Bureau interprofessionnel des vins de Bourgogne", "relais auprès des domaines"),
                         ("Mission locale de l'arrondissement de Beaune", "mobilisation des jeunes"),
                         ("Comité local du pays beaunois", "logement et transport des saisonniers")],
                        date(2026, 10, 31), "realisee",
                        [ind("Contrats saisonniers pourvus par des candidats du département", "contrats", 420, 1000,
                             1080, TDB_FT)]),
                  fiche("tensions-2", "Logistique de la Plaine dijonnaise",
                        "Les plateformes logistiques de l'est dijonnais peinent à recruter des préparateurs de "
                        "commandes et des caristes ; les horaires rendent les transports en commun inutilisables.",
                        "Former 200 demandeurs d'emploi à la conduite d'engins et organiser le covoiturage.",
                        "DDETS de la Côte-d'Or",
                        [("France Travail Côte-d'Or", "recrutement par simulation, formation préalable"),
                         ("Dijon Métropole", "transport et covoiturage"),
                         ("Employeurs de la logistique", "entretiens et tutorat")],
                        date(2027, 3, 31), "a_lancer",
                        [ind("Demandeurs d'emploi formés à la conduite d'engins", "personnes", 0, 200, 0,
                             TDB_FT)]),
              ]),
        ],
    }


def fdr_cde_71() -> dict:
    return {
        "type": "feuille_de_route",
        "comite": cde_id(DEPS["71"]),
        "periode": {"debut": date(2025, 1, 1), "fin": date(2027, 12, 31)},
        "adoptee_le": date(2025, 6, 19),
        "axes": [
            B(id="industrie", titre="Industrie : Creusot-Montceau, Chalon et Mâcon",
              fiches_action=[
                  fiche("ind-1", "Filière nucléaire et métallurgie : 1 500 recrutements à accompagner",
                        "Les industriels du nucléaire et de la métallurgie du Creusot-Montceau et de Chalon "
                        "annoncent des recrutements que le vivier local ne couvre pas (soudeurs, usineurs, "
                        "chaudronniers).",
                        "Accompagner 1 500 recrutements dont la moitié par des demandeurs d'emploi du département.",
                        "DDETS de Saône-et-Loire",
                        [("France Travail Saône-et-Loire", "recrutement, formation préalable à l'embauche"),
                         ("Région Bourgogne-Franche-Comté", "formations qualifiantes"),
                         ("CU Le Creusot Montceau-les-Mines", "attractivité, logement"),
                         ("Missions locales", "apprentissage et jeunes")],
                        date(2027, 12, 31), "en_cours",
                        [ind("Recrutements accompagnés dans l'industrie", "recrutements", 0, 1500, 640, TDB_FT),
                         ind("Part des recrutés inscrits comme demandeurs d'emploi du département", "%", 35, 50,
                             44, TDB_FT)],
                        territoires=["Creusot-Montceau", "Grand Chalon"]),
              ]),
            B(id="mobilite", titre="Mobilité dans la Bresse et le Charolais-Brionnais",
              fiches_action=[
                  fiche("mob-1", "Permis de conduire et location solidaire",
                        "Dans la Bresse et le Charolais, un demandeur d'emploi sur trois accompagné n'a ni permis "
                        "ni véhicule.",
                        "Proposer une solution de mobilité à chaque personne accompagnée dans un délai d'un mois.",
                        "Conseil départemental de Saône-et-Loire",
                        [("Plateforme de mobilité solidaire", "diagnostic et location de véhicules"),
                         ("France Travail Saône-et-Loire", "aides au permis"),
                         ("Communautés de communes de la Bresse", "transport à la demande")],
                        date(2026, 12, 31), "en_cours",
                        [ind("Diagnostics mobilité réalisés", "diagnostics", 180, 600, 455,
                             "Plateforme de mobilité solidaire"),
                         ind("Délai moyen d'accès à une solution", "jours", 62, 30, 41,
                             "Plateforme de mobilité solidaire")],
                        territoires=["Bresse bourguignonne", "Charolais-Brionnais"]),
              ]),
            B(id="jeunes", titre="Jeunes sans emploi ni formation",
              fiches_action=[
                  fiche("jeunes-1", "Aller vers les jeunes « invisibles »",
                        "Une part des jeunes sans emploi ni formation n'est connue d'aucune structure, surtout "
                        "dans les quartiers prioritaires de Chalon, Mâcon et Montceau.",
                        "Repérer 400 jeunes par an et les faire entrer en contrat d'engagement jeune.",
                        "Missions locales de Saône-et-Loire",
                        [("Délégués du préfet", "relais dans les quartiers prioritaires"),
                         ("Conseil départemental de Saône-et-Loire", "prévention spécialisée"),
                         ("France Travail Saône-et-Loire", "offre de services jeunes")],
                        date(2026, 12, 31), "en_cours",
                        [ind("Jeunes repérés entrés en contrat d'engagement jeune", "jeunes", 0, 400, 265,
                             "Missions locales, I-milo")],
                        publics=["jeunes de 16 à 25 ans sans emploi ni formation"]),
              ]),
        ],
    }


def fdr_cle_montbeliard() -> dict:
    return {
        "type": "feuille_de_route",
        "comite": "cle-25-pays-de-montbeliard",
        "periode": {"debut": date(2025, 3, 1), "fin": date(2027, 12, 31)},
        "adoptee_le": date(2025, 4, 10),
        "axes": [
            B(id="automobile", titre="Transformation de l'automobile et de ses sous-traitants",
              fiches_action=[
                  fiche("auto-1", "Reconversion des salariés des sous-traitants automobiles",
                        "L'électrification réduit les besoins de certains sous-traitants du Pays de Montbéliard "
                        "alors que d'autres industriels du bassin recrutent.",
                        "Accompagner 300 transitions professionnelles d'entreprise à entreprise sans passage par "
                        "le chômage.",
                        "Sous-préfecture de Montbéliard",
                        [("DDETSPP du Doubs", "transitions collectives, FNE-Formation"),
                         ("Transitions Pro Bourgogne-Franche-Comté", "financement des reconversions"),
                         ("France Travail", "mise en relation avec les entreprises qui recrutent"),
                         ("CA Pays de Montbéliard Agglomération", "animation du réseau d'entreprises")],
                        date(2027, 6, 30), "en_cours",
                        [ind("Transitions professionnelles accompagnées", "salariés", 0, 300, 118,
                             "DDETSPP du Doubs")]),
              ]),
            B(id="quartiers", titre="Emploi dans les quartiers prioritaires",
              fiches_action=[
                  fiche("qpv-1", "Cité de l'emploi : parcours sans couture",
                        "Dans les quartiers de la Petite-Hollande, des Champs-Montants et de Champvallon, le taux "
                        "de chômage est plus du double de celui du bassin.",
                        "Accompagner 250 habitants par an jusqu'à l'emploi durable ou la formation qualifiante.",
                        "Délégué du préfet",
                        [("Mission locale du Pays de Montbéliard", "jeunes"),
                         ("France Travail", "accompagnement intensif"),
                         ("Associations de quartier", "repérage et médiation")],
                        date(2026, 12, 31), "en_cours",
                        [ind("Habitants accompagnés", "personnes", 0, 250, 196, "Cité de l'emploi"),
                         ind("Sorties en emploi durable ou formation qualifiante", "%", 22, 40, 31,
                             "Cité de l'emploi")],
                        publics=["habitants des quartiers prioritaires"]),
              ]),
        ],
    }


def fdr_cle_beaune() -> dict:
    return {
        "type": "feuille_de_route",
        "comite": "cle-21-beaune-cote-et-saone",
        "periode": {"debut": date(2025, 3, 1), "fin": date(2027, 12, 31)},
        "adoptee_le": date(2025, 6, 26),
        "axes": [
            B(id="saisonniers", titre="Emplois saisonniers de la vigne et du tourisme",
              fiches_action=[
                  fiche("sais-1", "Logement des saisonniers",
                        "Les domaines viticoles et les hôtels de Beaune et de Nuits-Saint-Georges perdent des "
                        "candidats faute de logement pendant les vendanges et la saison touristique.",
                        "Mobiliser 120 solutions de logement temporaire par saison.",
                        "CA Beaune, Côte et Sud",
                        [("CC de Gevrey-Chambertin et de Nuits-Saint-Georges", "recensement des logements"),
                         ("Bailleurs sociaux et internats", "logements temporaires"),
                         ("France Travail", "diffusion des offres avec solution de logement")],
                        date(2026, 9, 1), "realisee",
                        [ind("Solutions de logement mobilisées par saison", "logements", 35, 120, 128,
                             "CA Beaune, Côte et Sud")]),
              ]),
            B(id="hcr", titre="Hôtellerie-restauration et œnotourisme",
              fiches_action=[
                  fiche("hcr-1", "Former aux métiers de la salle et de la cuisine",
                        "Le développement de l'œnotourisme autour de la Cité des Climats et vins de Bourgogne "
                        "accroît les besoins en personnel de salle et de cuisine, peu attractifs pour les jeunes.",
                        "Ouvrir chaque année une session de formation préalable à l'embauche de 12 places.",
                        "France Travail, agence de Beaune",
                        [("Mission locale de l'arrondissement de Beaune", "mobilisation des jeunes"),
                         ("UMIH Côte-d'Or", "engagement des employeurs"),
                         ("Lycées hôteliers de la Côte-d'Or", "plateaux techniques")],
                        date(2027, 6, 30), "en_cours",
                        [ind("Stagiaires formés", "personnes", 0, 36, 21, "France Travail"),
                         ind("Stagiaires en emploi six mois après", "%", None, 70, 64, "France Travail")]),
              ]),
            B(id="mobilite", titre="Mobilité entre la Côte, les Hautes-Côtes et la Saône",
              fiches_action=[
                  fiche("mob-1", "Transport vers les zones d'emploi de Beaune et de Seurre",
                        "Les communes des Hautes-Côtes et du val de Saône sont mal reliées aux zones d'activité.",
                        "Mettre en place une ligne de covoiturage de proximité et des aides au permis.",
                        "CC Rives de Saône",
                        [("Région Bourgogne-Franche-Comté", "transport régional"),
                         ("Plateforme de mobilité solidaire de la Côte-d'Or", "location de véhicules")],
                        date(2027, 12, 31), "a_lancer",
                        [ind("Personnes accompagnées par une solution de mobilité", "personnes", 0, 150, 0,
                             "Plateforme de mobilité solidaire")]),
              ]),
        ],
    }


# ---------------------------------------------------------------------------------------------
# Assemblage et écriture
# ---------------------------------------------------------------------------------------------

SEANCES_CLE = {
    "cle-21-beaune-cote-et-saone": ([(date(2025, 3, 20), "14:00"), (date(2025, 11, 13), "14:00"),
                                     (date(2026, 5, 21), "14:00")], 1),
    "cle-25-pays-de-montbeliard": ([(date(2025, 4, 10), "09:30"), (date(2026, 3, 26), "09:30")], None),
    "cle-71-creusot-montceau-autunois": ([(date(2025, 2, 27), "14:30"), (date(2025, 10, 16), "14:30"),
                                          (date(2026, 6, 11), "14:30")], 2),
    "cle-58-nevers-agglomeration": ([(date(2025, 3, 13), "10:00"), (date(2026, 2, 12), "10:00")], None),
    "cle-90-belfort-vosges-du-sud": ([(date(2025, 6, 5), "14:00"), (date(2026, 4, 9), "14:00")], 1),
    "cle-39-haut-jura": ([(date(2025, 5, 15), "17:30"), (date(2026, 1, 22), "17:30")], None),
}
LIBELLES_NATURE = {"ordinaire": "séance ordinaire", "pleniere": "réunion plénière",
                   "conference_financeurs": "conférence des financeurs", "commission": "commission"}
PRESENCES_CDE = {"21": {(2026, 3)}, "71": {(2025, 6)}, "25": {(2026, 6)}, "89": {(2025, 10)}}


def construire() -> dict[str, tuple[list[str], dict]]:
    fichiers: dict[str, tuple[list[str], dict]] = {}
    alea = random.Random(2027)
    entete, cre = construire_cre()
    fichiers[f"regional/{CRE_ID}.yaml"] = (entete, cre)
    seances: list[tuple[str, dict]] = []
    seances += seances_comite(
        cre, 0, lambda n: LIEUX_CRE[n], odj_cre, 15, {(2026, 10)}, alea, cre["installation"])
    derniere = seances[-1][1]
    j = date(2026, 12, 10)
    seances.append((f"{j.isoformat()}-{CRE_ID}-ordinaire", seance(
        cre, f"{j.isoformat()}T14:00", LIEUX_CRE["ordinaire"], "ordinaire",
        odj_cre("ordinaire", 2026, _fr(date.fromisoformat(derniere["date"][:10]))),
        convoques=date(2026, 11, 19))))
    cdes = {}
    for k, d in enumerate(DEPS.values(), start=1):
        entete, cde = construire_cde(d)
        cdes[d.code] = cde
        fichiers[f"departemental/{cde['id']}.yaml"] = (entete, cde)
        delai = cde["reglement_interieur"]["delai_convocation_jours"]
        seances += seances_comite(
            cde, k, lambda n, d=d: lieu_cde(d, n), lambda n, a, p, d=d: odj_cde(d, n, a, p), delai,
            PRESENCES_CDE.get(d.code, set()), alea, cde["installation"])
    # séances de la commission IAE (R. 5311-26)
    for code, j, heure in (("71", date(2026, 4, 21), "09:30"), ("21", date(2025, 11, 18), "14:00")):
        cde = cdes[code]
        commission = cde["commissions"][0]
        presents = commission["membres"][:-2] if code == "71" else commission["membres"][1:]
        annee = j.year + 1 if j.month >= 9 else j.year
        s = seance(cde, f"{j.isoformat()}T{heure}", f"{DEPS[code].service_etat}, {DEPS[code].chef_lieu}",
                   "commission",
                   ["Avis sur les demandes de conventionnement des structures d'insertion par l'activité "
                    "économique (R. 5311-26 2°)",
                    f"Répartition des aides au poste {annee} par structure",
                    "Demandes de concours du fonds de développement de l'inclusion (R. 5132-44)",
                    "Suivi du plan d'action départemental pour l'IAE (R. 5311-26 1°)"],
                   commission=commission["id"], convoques=j - timedelta(days=15), presents=presents)
        seances.append((f"{j.isoformat()}-{cde['id']}-commission-iae", s))
    cles = {}
    for rang, spec in enumerate(CLES):
        entete, cle = construire_cle(spec, rang)
        cles[spec.id] = cle
        fichiers[f"locaux/{spec.id}.yaml"] = (entete, cle)
    for cid, (dates, idx) in SEANCES_CLE.items():
        seances += seances_cle(cles[cid], dates, alea, idx)
    for nom, s in seances:
        an = s["date"][:4]
        entete = [f"Séance du {_fr(date.fromisoformat(s['date'][:10]))}, {s['date'][11:].replace(':', ' h ')}"
                  f" : {s['comite']} ({LIBELLES_NATURE[s['nature']]})"]
        if date.fromisoformat(s["date"][:10]) > AUJOURDHUI:
            entete.append("Séance à venir : convocation conjointe des présidents envoyée (R. 5311-44).")
        if "presents" in s:
            entete.append("Feuille d'émargement : présents et procurations (R. 5311-40, R. 5311-43).")
        fichiers[f"seances/{an}/{nom}.yaml"] = (entete, s)
    for fdr in (fdr_cre(), fdr_cde_21(), fdr_cde_71(), fdr_cle_montbeliard(), fdr_cle_beaune()):
        p = fdr["periode"]
        fichiers[f"feuilles-de-route/fdr-{fdr['comite']}-{p['debut'].year}-{p['fin'].year}.yaml"] = (
            [f"Feuille de route du comité {fdr['comite']}, {p['debut'].year}-{p['fin'].year}",
             "Contenus et chiffres illustratifs (exemple)."], fdr)
    return fichiers


def verifier_couverture() -> None:
    """Chaque EPCI de la table est dans exactement un comité local."""
    vus: dict[str, str] = {}
    for spec in CLES:
        for s in spec.epci:
            assert s not in vus, (s, vus.get(s), spec.id)
            vus[s] = spec.id
    assert set(vus) == set(EPCI), set(EPCI) ^ set(vus)


def accorder_notes(membres: list) -> None:
    """Accorde « {Nommé/Nommée} » d'une note avec le membre qui la suit."""
    par_nom = {p.nom: p for p in ANNUAIRE.roles.values()}
    for i, x in enumerate(membres[:-1]):
        if isinstance(x, Note) and "{" in x.texte:
            x.texte = accorde(x.texte, par_nom[membres[i + 1]["nom"]])


def ecrire(sortie: Path, fichiers: dict[str, tuple[list[str], dict]]) -> None:
    import yaml  # PyYAML, dépendance du projet

    for chemin, (entete, donnees) in sorted(fichiers.items()):
        if "membres" in donnees and donnees["type"] == "comite":
            accorder_notes(donnees["membres"])
        if "instances_remplacees" in donnees:  # toujours en style bloc, comme les membres
            donnees["instances_remplacees"] = [B(x) for x in donnees["instances_remplacees"]]
        texte = rendre(entete, donnees)
        relu = yaml.safe_load(texte)
        attendu = nettoyer(donnees)
        assert relu == attendu, chemin
        trop_longues = [n for n, ligne in enumerate(texte.splitlines(), 1) if len(ligne) >= 120]
        assert not trop_longues, (chemin, trop_longues)
        cible = sortie / chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_text(texte, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sortie", type=Path, default=SORTIE_DEFAUT, help="dossier du dépôt d'exemple")
    parser.add_argument("--force", action="store_true", help="remplacer les fichiers YAML générés existants")
    args = parser.parse_args(argv)
    generes = ("regional", "departemental", "locaux", "seances", "feuilles-de-route")
    existants = [p for g in generes for p in (args.sortie / g).rglob("*.yaml")]
    if existants and not args.force:
        print(f"{args.sortie} contient déjà {len(existants)} fichiers YAML générés ; --force pour les "
              "remplacer", file=sys.stderr)
        return 2
    verifier_couverture()
    fichiers = construire()
    for g in generes:
        if (args.sortie / g).exists():
            shutil.rmtree(args.sortie / g)
    ecrire(args.sortie, fichiers)
    (args.sortie / "parametres").mkdir(parents=True, exist_ok=True)
    (args.sortie / "parametres" / ".gitkeep").touch()
    niveaux: dict[str, int] = {}
    for _, donnees in fichiers.values():
        cle = donnees["type"] if donnees["type"] != "comite" else f"comite {donnees['niveau']}"
        niveaux[cle] = niveaux.get(cle, 0) + 1
    print(f"{len(fichiers)} fichiers écrits dans {args.sortie} : "
          + ", ".join(f"{v} {k}" for k, v in sorted(niveaux.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
