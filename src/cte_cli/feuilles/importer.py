"""Import d'un plan d'actions tabulaire en `feuille_de_route` (FORMAT §1), sans rien perdre ni
rien inventer.

Forme reconnue (celle des plans d'actions ministériels, voir docs/feuilles-de-route.md) :

- des lignes de titre avant le premier axe (la première devient `titre`) ;
- « AXE n - Intitulé » : un axe ; un bloc « Indicateurs » suivi d'une ligne par indicateur
  termine l'axe (indicateurs de l'axe) ;
- des lignes d'en-tête (« Priorité n° », « Pilote(s) », « Date lancement action »,
  « Échéance », « Statut », « Indicateurs », « Problématique », « Objectif »…) qui disent ce
  que porte chaque colonne ; les colonnes sans en-tête à gauche portent la mesure puis l'action ;
- « MESURE N°x : … » dans la colonne des mesures ; les actions « x-y-… » dans la colonne des
  actions : chaque action devient une fiche action ; une mesure sans action devient elle-même
  une fiche ; un tableau à plat (colonnes « Axe », « Mesure », « Action ») est lu de même.

Chaque cellule non vide est rendue dans le rapport : reprise (avec le chemin YAML où elle va),
structure (en-tête, libellé) ou non reprise (avec la raison). Les champs obligatoires absents
de la source (problématique, objectif…) reçoivent une valeur « À COMPLÉTER : … » listée dans
le rapport : rien n'est inventé.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cte_cli.erreurs import CteErreur
from cte_cli.feuilles import A_COMPLETER
from cte_cli.feuilles.lecture import Cellule, Grille, lire
from cte_cli.model.types import DATE_MAX, DATE_MIN

Chemin = tuple[str | int, ...]

#: en-têtes reconnus (clé normalisée : minuscules sans accents ni ponctuation) -> champ
EN_TETES = {
    "axe": "axe", "axes": "axe", "axe strategique": "axe",
    "mesure": "mesure", "mesures": "mesure",
    "action": "action", "actions": "action", "fiche action": "action", "intitule de l action": "action",
    "priorite": "priorite", "priorite n": "priorite", "priorite no": "priorite", "niveau de priorite": "priorite",
    "pilote": "pilote", "pilotes": "pilote", "pilote s": "pilote", "porteur": "pilote", "porteurs": "pilote",
    "porteur s": "pilote", "responsable": "pilote",
    "date lancement action": "lancement", "date de lancement": "lancement", "lancement": "lancement",
    "date lancement": "lancement", "calendrier": "lancement", "date de debut": "lancement",
    "echeance": "echeance", "date d echeance": "echeance", "date de fin": "echeance", "date butoir": "echeance",
    "statut": "statut", "etat": "statut", "etat d avancement": "statut",
    "problematique": "problematique", "constat": "problematique", "enjeu": "problematique",
    "objectif": "objectif", "objectifs": "objectif", "resultat attendu": "objectif",
    "partenaires": "contributeurs", "contributeurs": "contributeurs", "acteurs associes": "contributeurs",
    "public": "publics", "publics": "publics", "public cible": "publics", "publics cibles": "publics",
    "territoire": "territoires", "territoires": "territoires",
    "indicateur": "indicateurs", "indicateurs": "indicateurs", "indicateur s": "indicateurs",
    "valeur initiale": "valeur_initiale", "situation initiale": "valeur_initiale",
    "valeur de reference": "valeur_initiale",
    "cible": "cible", "valeur cible": "cible",
    "valeur actuelle": "valeur_actuelle", "realise": "valeur_actuelle", "valeur atteinte": "valeur_actuelle",
    "unite": "unite", "source": "source",
}
STATUTS = {
    "a lancer": "a_lancer", "non demarre": "a_lancer", "non demarree": "a_lancer", "a venir": "a_lancer",
    "prevu": "a_lancer", "prevue": "a_lancer",
    "en cours": "en_cours", "engage": "en_cours", "engagee": "en_cours",
    "realise": "realisee", "realisee": "realisee", "termine": "realisee", "terminee": "realisee",
    "acheve": "realisee", "achevee": "realisee", "fait": "realisee",
    "abandonne": "abandonnee", "abandonnee": "abandonnee", "annule": "abandonnee", "annulee": "abandonnee",
}
ORDRE_FICHE = ("id", "titre", "mesure", "problematique", "objectif", "publics", "territoires", "pilote",
               "contributeurs", "priorite", "lancement", "echeance", "statut", "indicateurs")
CHAMPS_INDICATEUR = ("valeur_initiale", "cible", "valeur_actuelle", "unite", "source")
#: chiffres au plus d'un numéro (axe, mesure, priorité) repris comme nombre
CHIFFRES_MAX = 6
MOTS_LIAISON = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "pour",
                "sur", "par", "avec", "ou"}

RE_AXE = re.compile(r"^axe\s*(?:n\s*°\s*)?(\d+|[ivxlc]+)\b\s*[-–—:.]?\s*(.*)$", re.I | re.S)
RE_MESURE = re.compile(r"^mesure\s*(?:n\s*°|n°|no\.?|n\.|num[ée]ro)?\s*(\d+)\s*[:\-–—.]?\s*(.*)$", re.I | re.S)
RE_ACTION = re.compile(r"^(\d+(?:\s*-\s*\d+)+)\s*[-–—.)]?\s*(.*)$", re.S)
RE_INDICATEURS = re.compile(r"^indicateurs?(\s*\(s\))?(\s+de\s+(suivi|resultat|performance))?\s*:?$")
RE_SEMESTRE = re.compile(r"^([12])\s*(?:er|ere|re|nd|nde|e|eme|n|d)?\s*semestre\b\s*(\d{4})?\s*$")
RE_BALISE_LIGNE = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li)\s*>", re.I)
RE_BALISE = re.compile(r"<\s*/?\s*[a-z][a-z0-9]*(?:\s[^<>]*)?/?\s*>", re.I)


# --- texte ---------------------------------------------------------------------------------


def nettoyer(texte: str) -> str:
    """Le texte d'une cellule sans balises HTML, espaces répétés ni lignes vides (NFC)."""
    texte = RE_BALISE_LIGNE.sub("\n", texte)
    texte = html.unescape(RE_BALISE.sub(" ", texte))
    texte = unicodedata.normalize("NFC", texte).replace("\u00a0", " ").replace("\u202f", " ")
    lignes = (" ".join(x.split()) for x in texte.splitlines())
    return "\n".join(x for x in lignes if x)


def une_ligne(texte: str) -> str:
    return " ".join(texte.split())


def cle(texte: str) -> str:
    """Clé de comparaison : minuscules, sans accents, exposants repliés (NFKC), ponctuation en espaces."""
    plie = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", texte).casefold())
    ascii_ = "".join(c for c in plie if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9°]+", " ", ascii_).split())


def cle_entete(texte: str) -> str:
    return cle(texte).replace("°", "").strip()


def romain(texte: str) -> int | None:
    valeurs = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    if len(texte) > CHIFFRES_MAX:  # « AXE 99999…9 » : Python refuse int() au-delà de 4 300 chiffres
        return None
    if texte.isdigit():
        return int(texte)
    total = 0
    for i, c in enumerate(texte.lower()):
        v = valeurs[c]
        total += -v if i + 1 < len(texte) and valeurs[texte[i + 1].lower()] > v else v
    return total or None


# --- rapport -------------------------------------------------------------------------------


@dataclass
class Entree:
    """Ce qu'est devenue une cellule : `repris` (chemins YAML), `structure` ou `non_repris`."""

    cellule: Cellule
    etat: str
    chemins: list[Chemin] = field(default_factory=list)
    note: str = ""


@dataclass
class RapportImport:
    source: str
    feuille: str
    entrees: list[Entree] = field(default_factory=list)
    a_completer: list[tuple[Chemin, str]] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)
    autres_feuilles: list[tuple[str, int]] = field(default_factory=list)

    def de_etat(self, etat: str) -> list[Entree]:
        return [e for e in self.entrees if e.etat == etat]

    @property
    def non_repris(self) -> list[Entree]:
        return self.de_etat("non_repris")


def chemin_texte(chemin: Chemin) -> str:
    texte = ""
    for pas in chemin:
        texte += f"[{pas}]" if isinstance(pas, int) else (f".{pas}" if texte else str(pas))
    return texte


# --- import --------------------------------------------------------------------------------


@dataclass
class _Mesure:
    cellule: Cellule | None
    numero: str | None
    texte: str
    intitule: str
    lignes_actions: list[list[Cellule]] = field(default_factory=list)
    autres: list[Cellule] = field(default_factory=list)


class _Importeur:
    def __init__(self, grille: Grille):
        self.grille = grille
        self.rapport = RapportImport("", grille.feuille, remarques=list(grille.remarques),
                                     autres_feuilles=list(grille.autres_feuilles))
        self.colonnes: dict[int, str] = {1: "mesure", 2: "action"}
        self.titre: str | None = None
        self.annees_titre: set[str] = set()
        self.axes: list[dict[str, Any]] = []
        self.numero_axe = 0
        self.axe_ferme = False
        self.en_indicateurs = False
        self.mesure: _Mesure | None = None
        self.ids: set[str] = set()
        self.numeros_explicites = self._numeros_axes()
        self.tetes = self._tetes_pilotes()

    # -- pré-lectures --

    def _numeros_axes(self) -> set[int]:
        numeros = set()
        for cellules in self.grille.lignes.values():
            m = RE_AXE.match(nettoyer(cellules[0].texte))
            if m and len(cellules) == 1 and (n := romain(m.group(1))):
                numeros.add(n)
        return numeros

    def _tetes_pilotes(self) -> set[str]:
        """Premiers mots des cellules de pilotes : on coupera une cellule qui en contient
        plusieurs devant ces mots (export qui a perdu les retours à la ligne)."""
        colonnes, tetes = dict(self.colonnes), set()
        for n in sorted(self.grille.lignes):
            cellules = self.grille.lignes[n]
            if self._est_entete(cellules):
                colonnes = self._lire_entete(cellules, tracer=False)
                continue
            for c in cellules:
                if colonnes.get(c.colonne) == "pilote" and isinstance(c.valeur, str):
                    mot = nettoyer(c.texte).split(" ", 1)[0]
                    if mot[:1].isupper() and cle(mot) not in MOTS_LIAISON:
                        tetes.add(mot)
        return tetes

    # -- trace --

    def tracer(self, cellule: Cellule, etat: str, chemins: list[Chemin] | None = None, note: str = "") -> None:
        self.rapport.entrees.append(Entree(cellule, etat, chemins or [], note))

    def completer(self, chemin: Chemin, raison: str) -> str:
        self.rapport.a_completer.append((chemin, raison))
        return f"{A_COMPLETER} : {raison}"

    # -- lignes --

    def importer(self) -> None:
        for numero in sorted(self.grille.lignes):
            self._ligne(self.grille.lignes[numero])
        self._clore_mesure()

    def _ligne(self, cellules: list[Cellule]) -> None:
        premier = nettoyer(cellules[0].texte)
        seule = len(cellules) == 1
        if self._est_entete(cellules):
            self._clore_mesure()
            self.en_indicateurs = False
            self.colonnes = self._lire_entete(cellules, tracer=True)
            return
        if seule and (m := RE_AXE.match(premier)):
            self._clore_mesure()
            self.en_indicateurs = False
            self._nouvel_axe(cellules[0], m)
            return
        if seule and RE_INDICATEURS.match(cle(premier).replace("( s )", "(s)")):
            self._clore_mesure()
            self.en_indicateurs = True
            self.tracer(cellules[0], "structure", note="libellé du bloc d'indicateurs de l'axe")
            return
        mesure = next((c for c in cellules if self.colonnes.get(c.colonne) == "mesure"), None)
        if seule and self.en_indicateurs and mesure is not None and not RE_MESURE.match(premier):
            self._indicateur_axe(cellules[0])
            return
        self.en_indicateurs = False
        if seule and not self.axes and self.mesure is None and not RE_MESURE.match(premier):
            self._titre(cellules[0])
            return
        axe = next((c for c in cellules if self.colonnes.get(c.colonne) == "axe"), None)
        if axe is not None:
            self._axe_colonne(axe)
        reste = [c for c in cellules if c is not mesure and c is not axe]
        if mesure is not None:
            self._mesure(mesure)
        action = next((c for c in reste if self.colonnes.get(c.colonne) == "action"), None)
        if action is not None or (reste and self.mesure is None):
            if self.mesure is None:
                self.mesure = _Mesure(None, None, "", "")
            self.mesure.lignes_actions.append(reste)
        elif reste:
            self.mesure.autres.extend(reste)

    def _est_entete(self, cellules: list[Cellule]) -> bool:
        connues = sum(1 for c in cellules if isinstance(c.valeur, str) and cle_entete(nettoyer(c.texte)) in EN_TETES)
        return connues >= 2 and connues * 2 >= len(cellules)

    def _lire_entete(self, cellules: list[Cellule], tracer: bool) -> dict[int, str]:
        colonnes: dict[int, str] = {}
        for c in cellules:
            champ = EN_TETES.get(cle_entete(nettoyer(c.texte)))
            if champ is None:
                if tracer:
                    self.tracer(c, "non_repris", note="en-tête de colonne non reconnu : colonne ignorée")
                continue
            colonnes[c.colonne] = champ
            if tracer:
                self.tracer(c, "structure", note=f"en-tête de colonne : {champ}")
        premiere = min(colonnes)
        libres = [k for k in range(1, premiere)]
        if "mesure" not in colonnes.values() and libres:
            colonnes[libres[0]] = "mesure"
        if "action" not in colonnes.values() and len(libres) >= 2:
            colonnes[libres[-1]] = "action"
        return colonnes

    def _titre(self, cellule: Cellule) -> None:
        texte = une_ligne(nettoyer(cellule.texte))
        if self.titre is None:
            self.titre = texte
            self.annees_titre = set(re.findall(r"\b(20\d{2})\b", texte))
            self.tracer(cellule, "repris", [("titre",)])
        else:
            self.tracer(cellule, "non_repris", note="texte avant le premier axe (le titre est déjà pris)")

    # -- axes --

    def _ajouter_axe(self, numero: int | None, titre: str, chemins_cellule: Cellule | None) -> dict:
        numero = numero or self.numero_axe + 1
        identifiant = f"axe-{numero}"
        while any(a["id"] == identifiant for a in self.axes):
            identifiant += "-bis"
        self.numero_axe = numero
        axe = {"id": identifiant, "titre": titre, "fiches_action": []}
        self.axes.append(axe)
        self.axe_ferme = False
        i = len(self.axes) - 1
        if chemins_cellule is not None:
            self.tracer(chemins_cellule, "repris", [("axes", i, "id"), ("axes", i, "titre")])
        return axe

    def _nouvel_axe(self, cellule: Cellule, m: re.Match) -> None:
        titre = une_ligne(m.group(2)) or self.completer(("axes", len(self.axes), "titre"), "intitulé de l'axe absent")
        self._ajouter_axe(romain(m.group(1)), titre, cellule)

    def _axe_colonne(self, cellule: Cellule) -> None:
        """Tableau à plat : la colonne « Axe » change d'axe quand sa valeur change."""
        texte = une_ligne(nettoyer(cellule.texte))
        m = RE_AXE.match(texte)
        titre = une_ligne(m.group(2)) if m and m.group(2) else texte
        if self.axes and self.axes[-1]["titre"] == titre:
            self.tracer(cellule, "repris", [("axes", len(self.axes) - 1, "titre")], note="valeur répétée")
            return
        self._clore_mesure()
        self._ajouter_axe(romain(m.group(1)) if m else None, titre, cellule)

    def _axe_courant(self, cellule: Cellule) -> tuple[int, dict]:
        if not self.axes or self.axe_ferme:
            numero = self.numero_axe + 1
            while numero in self.numeros_explicites:
                numero += 1
            raison = (f"titre de l'axe absent du fichier source (fiches à partir de la ligne "
                      f"{cellule.ligne})")
            titre = self.completer(("axes", len(self.axes), "titre"), raison)
            precedent = f"après le bloc d'indicateurs de l'axe {self.axes[-1]['id']}" if self.axes else "avant tout axe"
            self.rapport.remarques.append(
                f"{cellule.feuille} {cellule.ref} : des mesures ou actions viennent {precedent} sans "
                f"ligne « AXE … » : axe-{numero} créé, titre à compléter"
            )
            self._ajouter_axe(numero, titre, None)
        return len(self.axes) - 1, self.axes[-1]

    def _indicateur_axe(self, cellule: Cellule) -> None:
        i, axe = len(self.axes) - 1, self.axes[-1] if self.axes else None
        if axe is None:
            self.tracer(cellule, "non_repris", note="indicateur avant tout axe")
            return
        liste = axe.setdefault("indicateurs", [])
        liste.append({"nom": une_ligne(nettoyer(cellule.texte))})
        self.tracer(cellule, "repris", [("axes", i, "indicateurs", len(liste) - 1, "nom")])
        self.axe_ferme = True

    # -- mesures et actions --

    def _mesure(self, cellule: Cellule) -> None:
        texte = une_ligne(nettoyer(cellule.texte))
        if self.mesure is not None and self.mesure.cellule is not None and self.mesure.texte == texte:
            self.mesure.autres.append(cellule)  # valeur répétée d'un tableau à plat
            return
        self._clore_mesure()
        m = RE_MESURE.match(texte)
        numero = (m.group(1).lstrip("0") or "0") if m else None
        intitule = une_ligne(m.group(2)) if m else texte
        self.mesure = _Mesure(cellule, numero, texte, intitule)

    def _clore_mesure(self) -> None:
        mesure, self.mesure = self.mesure, None
        if mesure is None:
            return
        chemins: list[Chemin] = []
        if mesure.lignes_actions:
            for k, ligne in enumerate(mesure.lignes_actions, 1):
                chemins.append(self._fiche(ligne, mesure, k))
            repetes = [c for c in mesure.autres if self.colonnes.get(c.colonne) == "mesure"]
            for c in mesure.autres:
                if c in repetes:
                    self.tracer(c, "repris", [p + ("mesure",) for p in chemins], note="valeur répétée")
                else:
                    self.tracer(c, "non_repris", note="valeur sur la ligne de la mesure, qui a des actions : à reporter sur ses fiches")
            if mesure.cellule is not None:
                self.tracer(mesure.cellule, "repris", [p + ("mesure",) for p in chemins])
        else:
            base = self._fiche(mesure.autres, mesure, 0)
            self.tracer(mesure.cellule, "repris", [base + ("titre",), base + ("mesure",)],
                        note="mesure sans action : devenue une fiche action")

    def _fiche(self, cellules: list[Cellule], mesure: _Mesure, rang: int) -> Chemin:
        ancre = mesure.cellule or cellules[0]
        i, axe = self._axe_courant(ancre)
        base: Chemin = ("axes", i, "fiches_action", len(axe["fiches_action"]))
        fiche: dict[str, Any] = {}
        indicateur: dict[str, Any] = {}
        if mesure.texte:
            fiche["mesure"] = mesure.texte
        for c in cellules:
            self._champ(c, self.colonnes.get(c.colonne), fiche, indicateur, base)
        if "titre" not in fiche and mesure.intitule and rang == 0:
            fiche["titre"] = mesure.intitule
        if "id" not in fiche:
            fiche["id"] = f"mesure-{mesure.numero}" if rang == 0 and mesure.numero else (
                f"{mesure.numero}-{rang}" if mesure.numero else f"action-{sum(len(a['fiches_action']) for a in self.axes) + 1}")
        fiche["id"] = self._id_unique(fiche["id"])
        if "titre" not in fiche:
            fiche["titre"] = self.completer(base + ("titre",), "intitulé de l'action absent")
        for cle_, raison in (("problematique", "problématique absente du plan source"),
                             ("objectif", "objectif absent du plan source"),
                             ("pilote", "pilote absent du plan source")):
            if cle_ not in fiche:
                fiche[cle_] = self.completer(base + (cle_,), raison)
        if indicateur:
            self._indicateur_fiche(fiche, indicateur, base)
        axe["fiches_action"].append({k: fiche[k] for k in ORDRE_FICHE if k in fiche})
        return base

    def _id_unique(self, identifiant: str) -> str:
        candidat, n = identifiant, 2
        while candidat in self.ids:
            candidat, n = f"{identifiant}-{n}", n + 1
        if candidat != identifiant:
            self.rapport.remarques.append(f"identifiant de fiche « {identifiant} » en double : renommé « {candidat} »")
        self.ids.add(candidat)
        return candidat

    def _champ(self, c: Cellule, champ: str | None, fiche: dict, indicateur: dict, base: Chemin) -> None:
        texte = nettoyer(c.texte)
        if champ is None:
            self.tracer(c, "non_repris", note="colonne sans en-tête reconnu")
        elif champ == "action":
            m = RE_ACTION.match(une_ligne(texte))
            if m and m.group(2):
                fiche["id"], fiche["titre"] = re.sub(r"\s", "", m.group(1)), m.group(2)
                self.tracer(c, "repris", [base + ("id",), base + ("titre",)])
            else:
                fiche["titre"] = une_ligne(texte)
                self.tracer(c, "repris", [base + ("titre",)])
        elif champ == "priorite":
            m = re.fullmatch(rf"(?:p|priorite)?\s*(\d{{1,{CHIFFRES_MAX}}})", cle(texte))
            if m:
                fiche["priorite"] = int(m.group(1))
                self.tracer(c, "repris", [base + ("priorite",)])
            else:
                self.tracer(c, "non_repris", note="priorité non numérique (attendu 1, 2, 3…)")
        elif champ in ("pilote", "contributeurs"):
            self._acteurs(c, champ, texte, fiche, base)
        elif champ == "lancement":
            fiche["lancement"], note = normaliser_lancement(c, texte)
            self.tracer(c, "repris", [base + ("lancement",)], note=note)
        elif champ == "echeance":
            echeance = lire_date(c.valeur)
            if echeance is None:
                self.tracer(c, "non_repris", note="échéance non datée (attendu JJ/MM/AAAA ou AAAA-MM-JJ)")
            elif not DATE_MIN <= echeance <= DATE_MAX:
                self.tracer(c, "non_repris", note=f"échéance hors de la plage admise ({DATE_MIN.year} à "
                                                  f"{DATE_MAX.year}) : vérifiez l'année")
            else:
                fiche["echeance"] = echeance
                self.tracer(c, "repris", [base + ("echeance",)])
        elif champ == "statut":
            statut = STATUTS.get(cle(texte))
            if statut is None:
                self.tracer(c, "non_repris", note="statut inconnu (à lancer, en cours, réalisée, abandonnée)")
            else:
                fiche["statut"] = statut
                self.tracer(c, "repris", [base + ("statut",)])
        elif champ in ("problematique", "objectif"):
            fiche[champ] = une_ligne(texte)
            self.tracer(c, "repris", [base + (champ,)])
        elif champ in ("publics", "territoires"):
            fiche[champ] = [une_ligne(x) for x in re.split(r"\n|;", texte) if x.strip()]
            self.tracer(c, "repris", [base + (champ,)])
        elif champ == "indicateurs":
            noms = [une_ligne(x) for x in texte.split("\n") if x.strip()]
            fiche["indicateurs"] = [{"nom": n} for n in noms]
            self.tracer(c, "repris", [base + ("indicateurs", k, "nom") for k in range(len(noms))])
        elif champ in CHAMPS_INDICATEUR:
            indicateur[champ] = c
        elif champ == "titre":
            fiche["titre"] = une_ligne(texte)
            self.tracer(c, "repris", [base + ("titre",)])
        else:
            self.tracer(c, "non_repris", note=f"colonne « {champ} » hors des fiches action")

    def _acteurs(self, c: Cellule, champ: str, texte: str, fiche: dict, base: Chemin) -> None:
        acteurs = separer_acteurs(texte, self.tetes)
        contributeurs = fiche.setdefault("contributeurs", [])
        debut = len(contributeurs)
        chemins: list[Chemin] = []
        if champ == "pilote":
            fiche["pilote"] = acteurs[0]
            chemins.append(base + ("pilote",))
            for autre in acteurs[1:]:
                contributeurs.append({"acteur": autre, "role": "copilote"})
        else:
            for autre in acteurs:
                role = self.completer(base + ("contributeurs", len(contributeurs), "role"), "rôle du contributeur")
                contributeurs.append({"acteur": autre, "role": role})
        chemins += [base + ("contributeurs", k, "acteur") for k in range(debut, len(contributeurs))]
        if not contributeurs:
            del fiche["contributeurs"]
        note = f"{len(acteurs)} acteurs séparés" if len(acteurs) > 1 else ""
        self.tracer(c, "repris", chemins, note=note)

    def _indicateur_fiche(self, fiche: dict, valeurs: dict[str, Cellule], base: Chemin) -> None:
        liste = fiche.get("indicateurs") or []
        if len(liste) != 1:
            for c in valeurs.values():
                self.tracer(c, "non_repris", note="valeur d'indicateur : la fiche n'a pas exactement un indicateur")
            return
        for champ, c in valeurs.items():
            valeur = c.texte if champ in ("unite", "source") else lire_nombre(c.valeur)
            if valeur is None:
                self.tracer(c, "non_repris", note="valeur non numérique")
                continue
            liste[0][champ] = une_ligne(nettoyer(valeur)) if isinstance(valeur, str) else valeur
            self.tracer(c, "repris", [base + ("indicateurs", 0, champ)])


def separer_acteurs(texte: str, tetes: set[str]) -> list[str]:
    """Les acteurs d'une cellule : une ligne ou un « ; » par acteur, et, quand l'export a perdu
    les retours à la ligne, une coupure devant un mot qui commence d'autres cellules de pilotes
    (« … de prévention Département dialogue social … ») ou après une parenthèse fermante suivie
    d'une majuscule (« … (offre interne) QUALISOCIAL (offre externe) »)."""
    acteurs: list[str] = []
    for morceau in re.split(r"\n|;", texte):
        mots = morceau.split()
        courant: list[str] = []
        for mot in mots:
            coupure = courant and (
                (mot in tetes and cle(courant[-1]) not in MOTS_LIAISON)
                or (courant[-1].endswith(")") and mot[:1].isupper())
            )
            if coupure:
                acteurs.append(" ".join(courant))
                courant = []
            courant.append(mot)
        if courant:
            acteurs.append(" ".join(courant))
    return [a.strip(" ,") for a in acteurs if a.strip(" ,")]


def normaliser_lancement(c: Cellule, texte: str) -> tuple[str, str]:
    """« 2 ⁿᵈ semestre 2023 » -> « 2nd semestre 2023 » ; une date reste une date ISO."""
    if isinstance(c.valeur, datetime | date):
        return c.texte, ""
    brut = une_ligne(texte)
    m = RE_SEMESTRE.match(cle(brut).replace("°", ""))
    if m:
        propre = ("1er" if m.group(1) == "1" else "2nd") + " semestre" + (f" {m.group(2)}" if m.group(2) else "")
        if propre != brut:
            return propre, f"normalisé (source : « {brut} »)"
    return brut, ""


def lire_date(valeur: Any) -> date | None:
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    texte = str(valeur).strip()
    try:
        return date.fromisoformat(texte)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", texte)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    return None


def lire_nombre(valeur: Any) -> float | int | None:
    """Un nombre fini (ni NaN ni infini : « 1e400 » n'est pas une valeur d'indicateur)."""
    if isinstance(valeur, bool):
        return None
    if isinstance(valeur, float) and not math.isfinite(valeur):
        return None
    if isinstance(valeur, int | float):
        return valeur
    texte = str(valeur).strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").rstrip("%")
    try:
        nombre = float(texte.replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(nombre):
        return None
    return int(nombre) if nombre.is_integer() else nombre


# --- API -----------------------------------------------------------------------------------


def importer_grille(grille: Grille, comite: str, debut: date | None = None, fin: date | None = None,
                    source: str = "") -> tuple[dict[str, Any], RapportImport]:
    """La feuille de route (données prêtes pour YAML) et le rapport cellule par cellule."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", comite):
        raise CteErreur(f"identifiant de comité invalide « {comite} » : minuscules, chiffres et tirets")
    imp = _Importeur(grille)
    imp.rapport.source = source or grille.feuille
    imp.importer()
    if not imp.axes:
        raise CteErreur(f"{imp.rapport.source} : aucun axe, aucune mesure ni action reconnus ; "
                        "voir docs/feuilles-de-route.md pour la forme attendue")
    periode = _periode(imp, debut, fin)
    donnees: dict[str, Any] = {"type": "feuille_de_route", "comite": comite}
    if imp.titre:
        donnees["titre"] = imp.titre
    donnees["periode"] = periode
    donnees["axes"] = imp.axes
    return donnees, imp.rapport


def _periode(imp: _Importeur, debut: date | None, fin: date | None) -> dict[str, date]:
    if bool(debut) != bool(fin):
        raise CteErreur("indiquez --debut et --fin ensemble (période de la feuille de route)")
    for jour, option in ((debut, "--debut"), (fin, "--fin")):
        if jour and not DATE_MIN <= jour <= DATE_MAX:
            raise CteErreur(f"date hors de la plage admise pour {option} ({jour.isoformat()}) : entre "
                            f"{DATE_MIN.year} et {DATE_MAX.year}")
    if debut and fin:
        if fin < debut:
            raise CteErreur(f"--fin ({fin.isoformat()}) est antérieure à --debut ({debut.isoformat()})")
        return {"debut": debut, "fin": fin}
    if not debut and not fin and len(imp.annees_titre) == 1:
        annee = int(next(iter(imp.annees_titre)))
        imp.rapport.remarques.append(
            f"période déduite de l'année {annee} du titre : du 01/01/{annee} au 31/12/{annee} ; "
            "précisez --debut et --fin si elle est autre"
        )
        return {"debut": date(annee, 1, 1), "fin": date(annee, 12, 31)}
    raise CteErreur("période de la feuille de route introuvable dans la source : indiquez --debut "
                    "AAAA-MM-JJ et --fin AAAA-MM-JJ")


def importer(fichier: str, comite: str, debut: date | None = None, fin: date | None = None,
             feuille: str | None = None) -> tuple[dict[str, Any], RapportImport]:
    """Lit le fichier (.xlsx, .csv, .tsv) et l'importe (voir :func:`importer_grille`)."""
    from pathlib import Path

    grille = lire(fichier, feuille)
    return importer_grille(grille, comite, debut, fin, source=Path(fichier).name)


def vers_yaml(donnees: dict[str, Any], rapport: RapportImport, version: str) -> str:
    """Le YAML de la feuille de route, avec un en-tête qui dit d'où il vient et ce qui reste à faire."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    document = CommentedMap(_plier_tout(donnees))
    feuille = f" (feuille « {rapport.feuille} »)" if rapport.feuille != rapport.source else ""
    lignes = [
        f"Feuille de route importée de {rapport.source}{feuille} par cte {version}.",
        f"{len(rapport.de_etat('repris'))} cellules reprises, {len(rapport.non_repris)} non reprises, "
        f"{len(rapport.a_completer)} valeurs « {A_COMPLETER} » à remplacer avant adoption.",
    ]
    lignes += [f"Remarque : {r}" for r in rapport.remarques]
    document.yaml_set_start_comment("\n".join(x for ligne in lignes for x in textwrap.wrap(ligne, 98)))
    flux = io.StringIO()
    yaml.dump(document, flux)
    texte = flux.getvalue()
    verifier_sortie(texte, rapport.source)
    return texte


def verifier_sortie(texte: str, source: str) -> None:
    """Le YAML produit passe la validation de structure de `cte validate` (même lecture, même
    modèle) ; sinon CteErreur, et rien n'est écrit : l'import ne produit jamais un fichier que
    la validation rejetterait (docs/securite.md)."""
    from cte_cli.constats import Gravite
    from cte_cli.loading.depot import analyser_document, valider
    from cte_cli.loading.parser import Limites

    doc, constats = analyser_document("feuille de route importée", texte, Limites())
    if doc is not None:
        constats = constats + valider(doc)
    erreurs = [c for c in constats if c.gravite is Gravite.ERREUR]
    if erreurs:
        premiere = erreurs[0]
        raise CteErreur(f"{source} : l'import produirait une feuille de route invalide ({len(erreurs)} erreur(s), "
                        f"dont ligne {premiere.ligne} : {premiere.message}) ; rien n'est écrit. Corrigez la "
                        "cellule en cause dans le plan source, ou signalez ce cas")


LARGEUR_YAML = 90


def _plier(texte: str) -> Any:
    """Un long texte d'une ligne en scalaire replié `>-`, coupé aux espaces (lignes < 100)."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if len(texte) <= LARGEUR_YAML or "\n" in texte or "  " in texte or texte != texte.strip():
        return texte
    plie = FoldedScalarString(texte)
    positions, debut = [], 0
    while len(texte) - debut > LARGEUR_YAML:
        k = texte.rfind(" ", debut, debut + LARGEUR_YAML)
        if k <= debut:
            k = texte.find(" ", debut + LARGEUR_YAML)
        if k == -1:
            break
        positions.append(k)
        debut = k + 1
    plie.fold_pos = positions
    return plie


def _plier_tout(valeur: Any) -> Any:
    if isinstance(valeur, dict):
        return {k: _plier_tout(v) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_plier_tout(v) for v in valeur]
    return _plier(valeur) if isinstance(valeur, str) else valeur
