"""Génère un dépôt national synthétique (toutes les régions, tous les départements) au format cte.

Chaque comité est la transposition d'un comité du dépôt d'exemple de Bourgogne-Franche-Comté
(`examples/bourgogne-franche-comte`, qui passe `cte validate` sans erreur) : même composition,
mêmes séances et feuilles de route, avec l'identifiant, le nom, la région, les départements et
le ressort du territoire visé, tirés du référentiel géographique (COG 2026) :

- un comité régional par région de métropole (au sein du CREFOP, rotation des départements
  au-delà de six) ; un comité territorial par région d'outre-mer (L. 5523-7, L. 5523-8) et un
  comité territorial unique à Saint-Pierre-et-Miquelon, Saint-Barthélemy et Saint-Martin
  (L. 5523-9) ;
- un comité départemental par département, avec les cas de R. 5311-28 : Rhône et Métropole de
  Lyon (deux comités), Alsace (67 + 68) et Corse (2A + 2B) (un comité chacune), Paris ;
- des comités locaux qui couvrent tous les EPCI à fiscalité propre et EPT de chaque
  département (trois par comité, chaque EPCI dans le département de plus petit code qu'il
  touche) ;
- les séances et la feuille de route du comité modèle, pour chaque comité.

Usage : python benchmarks/generer.py DOSSIER [--fois N] [--fautes] (N copies du dépôt,
identifiants suffixés, pour mesurer la linéarité ; avec --fautes, des fautes de saisie comme
dans un dépôt en cours de remplissage : une séance sur `FAUTE_SEANCE` désigne son comité avec
deux lettres inversées, une feuille de route sur `FAUTE_FEUILLE` un comité qui n'existe pas
encore ; chaque copie a les siennes, ce qui fait travailler les suggestions « vouliez-vous
dire » de la règle reference-inconnue).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"
#: EPCI par comité local : alternativement 3 et 4 (environ 400 comités locaux en France)
TAILLES_COMITE_LOCAL = (3, 4)
#: séances reprises du modèle pour un comité local (les plus anciennes)
SEANCES_COMITE_LOCAL = 2
#: séances reprises du modèle pour un comité régional ou départemental
SEANCES_AUTRES = 4
#: mandat du CREFOP et périodes de rotation d'un an (R. 6123-3-6), comme l'exemple
MANDAT = (date(2025, 7, 1), date(2028, 6, 30))
#: avec --fautes : une séance sur FAUTE_SEANCE a une faute de frappe dans `comite:`, une feuille
#: de route sur FAUTE_FEUILLE désigne un comité qui n'existe pas (aucune suggestion possible)
FAUTE_SEANCE = 7
FAUTE_FEUILLE = 11
COLLECTIVITES_R5311_28 = {"69M": "metropole-de-lyon", "67": "alsace", "2A": "corse", "75": "ville-de-paris"}


def slug(texte: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:40].strip("-")


#: PyYAML compilé (libyaml) s'il est là : le dépôt national se lit et s'écrit dix fois plus vite
_LECTEUR = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ECRIVAIN = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Modeles:
    """Les documents du dépôt d'exemple, rangés par comité."""

    def __init__(self, dossier: Path = EXEMPLE):
        self.comites: dict[str, dict] = {}
        self.seances: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self.feuilles: dict[str, dict] = {}
        for fichier in sorted(dossier.rglob("*.yaml")):
            donnees = yaml.load(fichier.read_text(encoding="utf-8"), Loader=_LECTEUR)
            if not isinstance(donnees, dict):
                continue
            if donnees.get("type") == "comite":
                self.comites[donnees["id"]] = donnees
            elif donnees.get("type") == "seance":
                self.seances[donnees["comite"]].append((fichier.stem, donnees))
            elif donnees.get("type") == "feuille_de_route":
                self.feuilles[self.comites.get(donnees["comite"], {}).get("niveau", "?")] = donnees
        if not self.comites:
            raise SystemExit(f"dépôt d'exemple introuvable ou vide : {dossier}")
        self.regional = next(c for c in self.comites.values() if c["niveau"] == "regional")
        self.departemental = max(
            (c for c in self.comites.values() if c["niveau"] == "departemental"),
            key=lambda c: len(self.seances[c["id"]]),
        )
        self.locaux: dict[int, dict] = {}
        for c in sorted(self.comites.values(), key=lambda c: (-len(self.seances[c["id"]]), c["id"])):
            if c["niveau"] == "local" and len(c["departements"]) == 1:
                self.locaux.setdefault(len(c["ressort"]["epci"]), c)
        # feuilles de route des niveaux sans modèle : celle du comité départemental
        for niveau in ("local", "territorial", "territorial_unique"):
            self.feuilles.setdefault(niveau, self.feuilles.get("departemental"))

    def local(self, nombre_epci: int) -> dict:
        tailles = sorted(self.locaux, key=lambda n: (abs(n - nombre_epci), n))
        return self.locaux[tailles[0]]


def _sans_voix(comite: dict) -> None:
    for membre in comite.get("membres", []):
        membre.pop("voix", None)


def comite_regional(m: Modeles, geo, region) -> dict:
    c = copy.deepcopy(m.regional)
    c.update(id=f"cre-{slug(region.nom)}", nom=f"Comité régional pour l'emploi {region.nom}", region=region.code)
    deps = list(region.departements)
    modele_dep = next(x for x in c["membres"] if x["college"] == "departement")
    autres = [x for x in c["membres"] if x["college"] != "departement"]
    if len(deps) > 6:
        periodes = _rotation(deps)
        c["rotation"] = {"mandat": {"debut": MANDAT[0], "fin": MANDAT[1]}, "sieges": 6, "periodes": periodes}
        siegent = periodes[1]["departements"]
    else:
        c.pop("rotation", None)
        siegent = deps
        _sans_voix(c)  # les voix de l'exemple supposent six représentants des départements
    membres_dep = []
    for code in siegent:
        membre = copy.deepcopy(modele_dep)
        membre.update(departement=code, qualite=f"Représentant du conseil départemental ({geo.departements[code].nom})")
        membres_dep.append(membre)
    position = c["membres"].index(modele_dep)
    c["membres"] = autres[:position] + membres_dep + autres[position:]
    if len(deps) <= 6:
        _sans_voix(c)
    return c


def _rotation(deps: list[str]) -> list[dict]:
    """Trois périodes d'un an, six sièges, chaque département au moins une fois."""
    periodes, n = [], len(deps)
    for k in range(3):
        debut = MANDAT[0].replace(year=MANDAT[0].year + k)
        fin = debut.replace(year=debut.year + 1) - timedelta(days=1)
        choisis = sorted({deps[(k * 6 + i) % n] for i in range(6)})
        periodes.append({"debut": debut, "fin": fin, "departements": choisis})
    return periodes


def comite_departemental(m: Modeles, geo, codes: list[str], id_: str, nom: str, collectivite: str | None) -> dict:
    c = copy.deepcopy(m.departemental)
    departement = geo.departements[codes[0]]
    c.update(id=id_, nom=nom, region=departement.region, departements=codes)
    if collectivite:
        c["collectivite"] = collectivite
    return c


def comite_territorial(m: Modeles, geo, code_region: str, niveau: str, nom: str, deps: list[str]) -> dict:
    c = copy.deepcopy(m.departemental)
    c.update(id=f"ct-{slug(nom)}", nom=f"Comité territorial pour l'emploi {nom}", region=code_region, niveau=niveau)
    if deps:
        c["departements"] = deps
    else:
        c.pop("departements", None)
    _sans_voix(c)
    return c


def comites_locaux(m: Modeles, geo, code: str, epci: list) -> list[dict]:
    comites, groupes, debut = [], [], 0
    while debut < len(epci):
        taille = TAILLES_COMITE_LOCAL[len(groupes) % len(TAILLES_COMITE_LOCAL)]
        groupes.append(epci[debut : debut + taille])
        debut += taille
    for rang, groupe in enumerate(groupes, 1):
        modele = m.local(len(groupe))
        c = copy.deepcopy(modele)
        departement = geo.departements[code]
        c.update(
            id=f"cle-{code.lower()}-{rang}-{slug(groupe[0].nom)}",
            nom=f"Comité local pour l'emploi {groupe[0].nom}",
            region=departement.region, departements=[code],
            ressort={"epci": [e.siren for e in groupe]},
        )
        representants = [x for x in c["membres"] if x["college"] == "epci"]
        for membre, e in zip(representants, groupe, strict=False):
            membre.update(epci=e.siren, qualite=f"Représentant de {e.nom}")
        for membre in representants[len(groupe):]:
            c["membres"].remove(membre)
        if len(representants) != len(groupe):
            _sans_voix(c)
            extra = representants[0] if representants else None
            for e in groupe[len(representants):]:
                if extra is not None:
                    membre = copy.deepcopy(extra)
                    membre.update(epci=e.siren, qualite=f"Représentant de {e.nom}")
                    membre.pop("voix", None)
                    c["membres"].append(membre)
        comites.append((c, modele["id"]))
    return comites


def national(m: Modeles) -> list[tuple[dict, str]]:
    """(comité, id du comité modèle) pour tout le territoire."""
    from cte_cli.referentiel import geographie

    geo = geographie()
    resultat: list[tuple[dict, str]] = []
    attribues: set[str] = set()
    for region in geo.regions.values():
        if region.outre_mer:
            resultat.append((comite_territorial(m, geo, region.code, "territorial", region.nom,
                                                list(region.departements)), m.departemental["id"]))
        else:
            resultat.append((comite_regional(m, geo, region), m.regional["id"]))
        for code in region.departements:
            if not region.outre_mer:
                resultat.extend((c, m.departemental["id"]) for c in _departementaux(m, geo, code))
            epci = [e for e in geo.epci_du_departement(code) if e.siren not in attribues]
            attribues.update(e.siren for e in epci)
            resultat.extend(comites_locaux(m, geo, code, epci))
    for code, com in geo.collectivites_outre_mer.items():
        if code in ("975", "977", "978"):
            resultat.append((comite_territorial(m, geo, code, "territorial_unique", com.nom, []),
                             m.departemental["id"]))
    return resultat


def _departementaux(m: Modeles, geo, code: str) -> list[dict]:
    nom = geo.departements[code].nom
    if code == "68" or code == "2B":
        return []  # couverts par les comités d'Alsace et de Corse
    if code == "67":
        return [comite_departemental(m, geo, ["67", "68"], "cde-alsace", "Comité départemental pour l'emploi d'Alsace", "alsace")]
    if code == "2A":
        return [comite_departemental(m, geo, ["2A", "2B"], "cde-corse", "Comité départemental pour l'emploi de Corse", "corse")]
    comites = [comite_departemental(m, geo, [code], f"cde-{code.lower()}-{slug(nom)}",
                                    f"Comité départemental pour l'emploi {nom}", COLLECTIVITES_R5311_28.get(code))]
    if code == "69":
        comites.append(comite_departemental(m, geo, ["69"], "cde-69m-metropole-de-lyon",
                                            "Comité départemental pour l'emploi de la Métropole de Lyon",
                                            "metropole-de-lyon"))
    return comites


class _Ecrivain(_ECRIVAIN):  # type: ignore[misc,valid-type]
    """Codes INSEE et SIREN toujours entre guillemets (« 08 » resterait sinon un nombre en YAML 1.2)."""


def _chaine(dumper: yaml.SafeDumper, valeur: str):
    style = '"' if re.fullmatch(r"[0-9][0-9A-Za-z]*", valeur) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", valeur, style=style)


_Ecrivain.add_representer(str, _chaine)


def _ecrire(chemin: Path, donnees: dict) -> int:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    texte = yaml.dump(donnees, Dumper=_Ecrivain, allow_unicode=True, sort_keys=False, width=110,
                      default_flow_style=False)
    chemin.write_text(texte, encoding="utf-8")
    return len(texte.encode("utf-8"))


def inverser(identifiant: str) -> str:
    """L'identifiant avec deux lettres voisines différentes inversées, vers le milieu."""
    milieu = len(identifiant) // 2
    for i in [*range(milieu, len(identifiant) - 1), *range(milieu - 1, 0, -1)]:
        a, b = identifiant[i], identifiant[i + 1]
        if a != b and a.isalpha() and b.isalpha():
            return identifiant[:i] + b + a + identifiant[i + 2:]
    return identifiant + "x"


def generer(dossier: Path, fois: int = 1, modeles: Modeles | None = None,
            fautes: bool = False, regions: set[str] | None = None) -> tuple[int, int]:
    """Écrit le dépôt (et `fois - 1` copies suffixées) ; renvoie (fichiers, octets).
    `regions` : seulement les comités de ces régions (codes INSEE), leurs séances et feuilles."""
    m = modeles or Modeles()
    comites = [(c, modele) for c, modele in national(m) if regions is None or c.get("region") in regions]
    fichiers = octets = 0
    rang_seance = rang_feuille = 0
    for copie in range(1, fois + 1):
        suffixe = "" if copie == 1 else f"-c{copie}"
        base = dossier if copie == 1 else dossier / f"copie-{copie}"
        for comite, modele in comites:
            c = copy.deepcopy(comite)
            c["id"] += suffixe
            niveau = {"regional": "regional", "departemental": "departemental", "local": "locaux"}.get(
                c["niveau"], "territorial")
            sous = niveau if niveau != "locaux" else f"locaux/{c['departements'][0]}"
            octets += _ecrire(base / sous / f"{c['id']}.yaml", c)
            fichiers += 1
            seances = m.seances.get(modele, [])
            garder = SEANCES_COMITE_LOCAL if c["niveau"] == "local" else SEANCES_AUTRES
            seances = sorted(seances, key=lambda s: str(s[1]["date"]))[:garder]
            for nom, seance in seances:
                s = copy.deepcopy(seance)
                s["comite"] = c["id"]
                rang_seance += 1
                if fautes and rang_seance % FAUTE_SEANCE == 0:
                    s["comite"] = inverser(c["id"])
                s.pop("id", None)
                annee = str(s["date"])[:4]
                octets += _ecrire(base / "seances" / annee / f"{nom.replace(modele, c['id'])}.yaml", s)
                fichiers += 1
            feuille = m.feuilles.get(c["niveau"])
            if feuille is not None:
                f = copy.deepcopy(feuille)
                f["comite"] = c["id"]
                rang_feuille += 1
                if fautes and rang_feuille % FAUTE_FEUILLE == 0:
                    f["comite"] = f"cle-a-creer-{rang_feuille}{suffixe}"
                f.pop("id", None)
                octets += _ecrire(base / "feuilles-de-route" / f"fdr-{c['id']}.yaml", f)
                fichiers += 1
    return fichiers, octets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dossier", type=Path)
    parser.add_argument("--fois", type=int, default=1, help="nombre de copies du dépôt national")
    parser.add_argument("--fautes", action="store_true", help="fautes de saisie (références inconnues)")
    parser.add_argument("--regions", help="seulement ces régions (codes INSEE séparés par des virgules : 27,24)")
    args = parser.parse_args(argv)
    if args.dossier.exists() and any(args.dossier.iterdir()):
        print(f"le dossier {args.dossier} n'est pas vide", file=sys.stderr)
        return 2
    regions = set(args.regions.split(",")) if args.regions else None
    fichiers, octets = generer(args.dossier, args.fois, fautes=args.fautes, regions=regions)
    print(f"{fichiers} fichiers, {octets / 1e6:.1f} Mo écrits dans {args.dossier}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
