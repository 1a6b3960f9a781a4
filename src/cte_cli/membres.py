"""`cte membres` : les membres des comités dans un classeur, et retour dans les fichiers YAML.

Les agents reçoivent les désignations par courrier et tiennent leurs listes dans Excel :

- :func:`exporter` écrit un classeur `.xlsx` : feuille **Membres** (une ligne par membre, avec
  la colonne Comité ; tous les champs du format : collège, nom, qualité, organisation, EPCI,
  département, voix, mandat, courriel, suppléants), listes déroulantes pour les valeurs
  fermées, les constats du membre et le bilan du contrôle du comité ; feuille **Comités** (un
  bilan par comité) ; feuille cachée **cte** (l'instantané de l'export).
- :func:`preparer_import` relit le classeur et calcule les modifications des fichiers YAML
  (membres ajoutés, retirés, modifiés), appliquées par l'éditeur aller-retour
  (:mod:`cte_cli.yaml_edition` : commentaires et mise en page gardés) ; :func:`ecrire_import`
  les écrit.

Appariement des lignes (sans ambiguïté, ou refus) : la colonne « Réf. » (`comite#rang`) désigne
le membre exporté ; une ligne sans référence est un membre nouveau ; un membre exporté dont la
ligne a disparu est retiré. Seules les cellules qui diffèrent de l'instantané de l'export sont
appliquées : un classeur réimporté sans retouche ne change aucun octet. L'import est refusé si
une référence est inconnue ou en double, si une ligne change de comité, ou si les membres d'un
comité ont changé dans le dépôt depuis l'export (réexportez).

Le classeur contient des données personnelles (noms, courriels) : usage interne ; les messages
d'erreur ne citent que la feuille, la ligne et la colonne.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cte_cli.erreurs import CteErreur

FEUILLE_MEMBRES = "Membres"
FEUILLE_COMITES = "Comités"
FEUILLE_INSTANTANE = "cte"
FEUILLE_LISTES = "Listes"
#: ordre des clés d'un membre (FORMAT §1, modèle `Membre`) : une clé nouvelle va à sa place
ORDRE = ("nom", "qualite", "college", "organisation", "voix", "epci", "departement", "mandat",
         "suppleants", "email", "remplace_le")
SUPPLEANT = ("nom", "qualite", "email")
#: suppléants au moins prévus dans le classeur (colonnes vides pour en ajouter)
SUPPLEANTS_MIN = 2


@dataclass(frozen=True)
class Colonne:
    cle: str
    titre: str
    largeur: int
    modifiable: bool = True


COLONNES_FIXES = (
    Colonne("comite", "Comité", 22),
    Colonne("ref", "Réf. (ne pas modifier ; vide pour un nouveau membre)", 14),
    Colonne("college", "Collège", 18),
    Colonne("nom", "Nom", 22),
    Colonne("qualite", "Qualité", 36),
    Colonne("organisation", "Organisation", 26),
    Colonne("epci", "EPCI représenté (SIREN)", 12),
    Colonne("departement", "Département représenté", 10),
    Colonne("voix", "Voix", 6),
    Colonne("mandat_debut", "Mandat : début", 12),
    Colonne("mandat_fin", "Mandat : fin", 12),
    Colonne("remplace_le", "Nommé en remplacement le", 12),
    Colonne("email", "Courriel", 28),
)
COLONNES_CONTROLE = (
    Colonne("constats", "Constats sur ce membre (cte validate)", 50, modifiable=False),
    Colonne("controle", "Contrôle du comité (cte validate)", 40, modifiable=False),
)
TITRES_SUPPLEANT = {"nom": "nom", "qualite": "qualité", "email": "courriel"}
DATES = ("mandat_debut", "mandat_fin", "remplace_le")


def colonnes(suppleants: int) -> list[Colonne]:
    resultat = list(COLONNES_FIXES)
    for k in range(1, suppleants + 1):
        resultat += [Colonne(f"suppleant{k}_{c}", f"Suppléant {k} : {TITRES_SUPPLEANT[c]}", 22) for c in SUPPLEANT]
    return resultat + list(COLONNES_CONTROLE)


# --- sélection des comités -------------------------------------------------------------------


@dataclass
class ComiteLu:
    """Un comité du dépôt : document chargé, identifiant, données brutes."""

    document: Any
    id: str
    donnees: dict

    @property
    def fichier(self) -> str:
        return self.document.fichier

    @property
    def membres(self) -> list:
        membres = self.donnees.get("membres")
        return membres if isinstance(membres, list) else []


def empreinte_membres(donnees: dict) -> str:
    """SHA-256 des membres tels que lus : l'import vérifie qu'ils n'ont pas changé depuis l'export."""
    texte = json.dumps(donnees.get("membres"), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def comites_du_depot(depot) -> dict[str, ComiteLu]:
    """Les comités du dépôt par identifiant ; un identifiant en double est refusé."""
    comites: dict[str, ComiteLu] = {}
    for doc in depot.documents:
        donnees = doc.donnees
        if not isinstance(donnees, dict) or donnees.get("type") != "comite" or not donnees.get("id"):
            continue
        ident = str(donnees["id"])
        if ident in comites:
            raise CteErreur(f"identifiant de comité « {ident} » en double : {comites[ident].fichier} et "
                            f"{doc.fichier} (voir cte validate)")
        comites[ident] = ComiteLu(doc, ident, donnees)
    return comites


def selectionner(comites: dict[str, ComiteLu], comite: str | None = None, departement: str | None = None,
                 region: str | None = None) -> list[ComiteLu]:
    """Les comités retenus par --comite, --departement ou --region (au plus un ; aucun : tous)."""
    from cte_cli.suggestions import suggestion

    if sum(x is not None for x in (comite, departement, region)) > 1:
        raise CteErreur("indiquez au plus un filtre : --comite, --departement ou --region")
    if comite is not None:
        if comite not in comites:
            raise CteErreur(f"comité « {comite} » introuvable{suggestion(comite, list(comites))}")
        return [comites[comite]]
    retenus = list(comites.values())
    if departement is not None:
        code = departement.strip().upper().zfill(2)
        retenus = [c for c in retenus if code in [str(d) for d in c.donnees.get("departements") or []]]
    if region is not None:
        code = region.strip().zfill(2)
        retenus = [c for c in retenus if str(c.donnees.get("region")) == code]
    if not retenus:
        filtre = f"du département {departement}" if departement else f"de la région {region}" if region else ""
        raise CteErreur(f"aucun comité {filtre} dans le dépôt".replace("  ", " "))
    return sorted(retenus, key=lambda c: (str(c.donnees.get("region")), _ordre_niveau(c), c.id))


def _ordre_niveau(c: ComiteLu) -> int:
    from cte_cli.cartographie.donnees import ORDRE_NIVEAU

    return ORDRE_NIVEAU.get(str(c.donnees.get("niveau")), 9)


# --- cellules ---------------------------------------------------------------------------------


def canonique(valeur: Any) -> str:
    """La forme texte d'une cellule pour comparer à l'instantané (3 et 3.0, date et date-heure)."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, datetime):
        return valeur.date().isoformat() if valeur.time() == datetime.min.time() else valeur.isoformat()
    if isinstance(valeur, date):
        return valeur.isoformat()
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def ligne_membre(comite: ComiteLu, rang: int, membre: dict, suppleants: int) -> dict[str, Any]:
    """Les cellules d'un membre (clé de colonne -> valeur)."""
    mandat: dict[str, Any] = membre["mandat"] if isinstance(membre.get("mandat"), dict) else {}
    valeurs: dict[str, Any] = {
        "comite": comite.id, "ref": f"{comite.id}#{rang + 1}",
        **{c: membre.get(c) for c in ("college", "nom", "qualite", "organisation", "epci", "departement",
                                      "voix", "remplace_le", "email")},
        "mandat_debut": mandat.get("debut"), "mandat_fin": mandat.get("fin"),
    }
    liste: list[Any] = membre["suppleants"] if isinstance(membre.get("suppleants"), list) else []
    for k in range(suppleants):
        s = liste[k] if k < len(liste) and isinstance(liste[k], dict) else {}
        for c in SUPPLEANT:
            valeurs[f"suppleant{k + 1}_{c}"] = s.get(c)
    return {k: _date(v) if k in DATES else v for k, v in valeurs.items()}


def _date(valeur: Any) -> Any:
    if isinstance(valeur, str):
        try:
            return date.fromisoformat(valeur)
        except ValueError:
            return valeur
    return valeur


# --- export ------------------------------------------------------------------------------------


@dataclass
class Export:
    contenu: bytes
    comites: int
    membres: int


def exporter(chemin_depot: str | os.PathLike, comite: str | None = None, departement: str | None = None,
             region: str | None = None, jour: date | None = None, genere_le: datetime | None = None) -> Export:
    """Le classeur des membres des comités retenus, avec le contrôle de chaque comité à `jour`."""
    from cte_cli import __version__
    from cte_cli.cartographie.tableur import Colonne as ColonneTableur
    from cte_cli.cartographie.tableur import Tableau, ecrire_tableau, en_octets, nouveau_classeur
    from cte_cli.moteur import valider

    jour = jour or date.today()
    resultat = valider([chemin_depot], date_controle=jour)
    retenus = selectionner(comites_du_depot(resultat.depot), comite, departement, region)
    par_fichier: dict[str, list] = defaultdict(list)
    for constat in resultat.constats:
        par_fichier[constat.fichier].append(constat)
    nombre_suppleants = max([SUPPLEANTS_MIN] + [len(m.get("suppleants") or []) for c in retenus
                                                for m in c.membres if isinstance(m, dict)])
    cols = colonnes(nombre_suppleants)
    lignes: list[list[Any]] = []
    instantane: list[list[str]] = []
    bilans: list[list[Any]] = []
    for c in retenus:
        constats = par_fichier.get(c.fichier, [])
        bilan = _bilan(constats)
        bilans.append([c.id, str(c.donnees.get("nom", "")), str(c.donnees.get("niveau", "")), c.fichier,
                       len(c.membres), bilan])
        instantane.append([f"comite:{c.id}", json.dumps({"fichier": c.fichier, "empreinte": empreinte_membres(c.donnees)})])
        for rang, membre in enumerate(c.membres):
            if not isinstance(membre, dict):
                raise CteErreur(f"membre n° {rang + 1} illisible (voir cte validate)", fichier=c.fichier)
            valeurs = ligne_membre(c, rang, membre, nombre_suppleants)
            valeurs["constats"] = "\n".join(
                f"{k.gravite} : {k.message} [{k.regle}, {k.article}]" for k in constats
                if len(k.chemin) >= 2 and k.chemin[0] == "membres" and k.chemin[1] == rang) or None
            valeurs["controle"] = bilan
            lignes.append([valeurs.get(col.cle) for col in cols])
            instantane.append([valeurs["ref"], json.dumps({col.cle: canonique(valeurs.get(col.cle))
                                                          for col in cols if col.modifiable},
                                                         ensure_ascii=False)])
    classeur = nouveau_classeur(genere_le or datetime.now().replace(microsecond=0))
    feuille = ecrire_tableau(classeur, Tableau(FEUILLE_MEMBRES, [ColonneTableur(c.titre, c.largeur) for c in cols], lignes))
    ecrire_tableau(classeur, Tableau(FEUILLE_COMITES, [
        ColonneTableur("Comité", 22), ColonneTableur("Nom", 40), ColonneTableur("Niveau", 12),
        ColonneTableur("Fichier", 40), ColonneTableur("Membres", 8), ColonneTableur("Contrôle (cte validate)", 50),
    ], bilans))
    _listes_deroulantes(classeur, feuille, cols, len(lignes), [c.id for c in retenus])
    meta = classeur.create_sheet(FEUILLE_INSTANTANE)
    meta.append(["cte membres exporter", __version__, jour.isoformat()])
    for ligne in instantane:
        meta.append(ligne)
    meta.sheet_state = "hidden"
    return Export(en_octets(classeur), len(retenus), len(lignes))


def _bilan(constats: list) -> str:
    if not constats:
        return "conforme"
    erreurs = sorted({c.regle for c in constats if c.gravite == "erreur"})
    avertissements = sorted({c.regle for c in constats if c.gravite == "avertissement"})
    morceaux = []
    if erreurs:
        n = sum(1 for c in constats if c.gravite == "erreur")
        morceaux.append(f"{n} erreur{'s' if n > 1 else ''} ({', '.join(erreurs)})")
    if avertissements:
        n = sum(1 for c in constats if c.gravite == "avertissement")
        morceaux.append(f"{n} avertissement{'s' if n > 1 else ''} ({', '.join(avertissements)})")
    return " ; ".join(morceaux) or "conforme (informations seulement)"


def _listes_deroulantes(classeur, feuille, cols: list[Colonne], nombre: int, comites: list[str]) -> None:
    """Listes déroulantes (feuille cachée Listes) pour les valeurs fermées, bornes des nombres et dates."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from cte_cli.model.types import COLLEGES
    from cte_cli.referentiel import geographie

    geo = geographie()
    listes = {
        "comite": comites,
        "college": list(COLLEGES),
        "departement": sorted(list(geo.departements) + list(geo.collectivites_outre_mer)),
    }
    feuille_listes = classeur.create_sheet(FEUILLE_LISTES)
    feuille_listes.sheet_state = "hidden"
    derniere = max(nombre + 1, 2) + 500  # de la place pour ajouter des membres
    position = {c.cle: i + 1 for i, c in enumerate(cols)}
    for j, (cle, valeurs) in enumerate(listes.items(), 1):
        lettre = get_column_letter(j)
        feuille_listes.cell(row=1, column=j, value=cle)
        for i, v in enumerate(valeurs, 2):
            feuille_listes.cell(row=i, column=j, value=v).data_type = "s"
        validation = DataValidation(type="list", formula1=f"{FEUILLE_LISTES}!${lettre}$2:${lettre}${len(valeurs) + 1}",
                                    allow_blank=True, showErrorMessage=True, errorTitle="Valeur non permise",
                                    error=f"Choisissez une valeur de la liste ({cle}).")
        _appliquer(feuille, validation, position[cle], derniere)
    voix = DataValidation(type="whole", operator="between", formula1="0", formula2="1000", allow_blank=True,
                          showErrorMessage=True, errorTitle="Voix", error="Un nombre entier de voix (0 à 1000).")
    _appliquer(feuille, voix, position["voix"], derniere)
    for cle in DATES:
        validation = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                                    showErrorMessage=True, errorTitle="Date", error="Une date (jj/mm/aaaa).")
        _appliquer(feuille, validation, position[cle], derniere)


def _appliquer(feuille, validation, colonne: int, derniere: int) -> None:
    from openpyxl.utils import get_column_letter

    lettre = get_column_letter(colonne)
    feuille.add_data_validation(validation)
    validation.add(f"{lettre}2:{lettre}{derniere}")


# --- import ------------------------------------------------------------------------------------


@dataclass
class LigneLue:
    numero: int
    valeurs: dict[str, Any]

    def texte(self, cle: str) -> str:
        return canonique(self.valeurs.get(cle))


@dataclass
class ChangementComite:
    """Ce que l'import change dans un comité : membres ajoutés, retirés, modifiés."""

    comite: ComiteLu
    ajoutes: list[LigneLue] = field(default_factory=list)
    retires: list[int] = field(default_factory=list)
    #: rang du membre (0-based) -> (ligne, cellules modifiées)
    modifies: dict[int, tuple[LigneLue, list[str]]] = field(default_factory=dict)

    @property
    def vide(self) -> bool:
        return not (self.ajoutes or self.retires or self.modifies)


@dataclass
class Import:
    """Le résultat d'un import préparé : textes nouveaux par fichier, diff, constats."""

    changements: list[ChangementComite]
    textes: dict[str, tuple[str, str]]  # fichier -> (avant, après)
    editions: dict[str, Any]
    nouvelles_erreurs: list = field(default_factory=list)

    def diff(self) -> str:
        import difflib

        morceaux: list[str] = []
        for fichier, (avant, apres) in self.textes.items():
            nom = Path(os.path.normpath(fichier)).as_posix()
            morceaux += difflib.unified_diff(avant.splitlines(keepends=True), apres.splitlines(keepends=True),
                                             f"a/{nom}", f"b/{nom}")
        return "".join(morceaux)


def lire_classeur(chemin: str | os.PathLike) -> tuple[list[LigneLue], dict[str, dict], dict[str, dict]]:
    """(lignes de la feuille Membres, instantané des membres, instantané des comités)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        classeur = load_workbook(chemin, data_only=True, read_only=False)
    except FileNotFoundError:
        raise CteErreur(f"classeur introuvable : {chemin}") from None
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CteErreur(f"classeur illisible ({type(exc).__name__}) : {chemin} ; attendu un .xlsx produit par "
                        "cte membres exporter") from None
    if FEUILLE_MEMBRES not in classeur.sheetnames or FEUILLE_INSTANTANE not in classeur.sheetnames:
        raise CteErreur(f"{chemin} : feuilles « {FEUILLE_MEMBRES} » et « {FEUILLE_INSTANTANE} » (cachée) "
                        "attendues ; produisez le classeur avec cte membres exporter")
    feuille = classeur[FEUILLE_MEMBRES]
    entetes = [canonique(c.value) for c in next(feuille.iter_rows(min_row=1, max_row=1))]
    par_titre = {c.titre: c.cle for c in colonnes(_suppleants_max(entetes))}
    cles = [par_titre.get(t) for t in entetes]
    for requise in ("comite", "ref", "college", "nom", "qualite"):
        if requise not in cles:
            titre = next(c.titre for c in COLONNES_FIXES if c.cle == requise)
            raise CteErreur(f"{chemin} : colonne « {titre} » absente de la feuille {FEUILLE_MEMBRES}")
    lignes = []
    for numero, cellules in enumerate(feuille.iter_rows(min_row=2, values_only=True), 2):
        valeurs = {cle: _sans_apostrophe(v) for cle, v in zip(cles, cellules, strict=False) if cle}
        if any(canonique(v) for k, v in valeurs.items() if k not in ("constats", "controle")):
            lignes.append(LigneLue(numero, valeurs))
    membres, comites = {}, {}
    for ligne in classeur[FEUILLE_INSTANTANE].iter_rows(min_row=2, values_only=True):
        if not ligne or not ligne[0]:
            continue
        try:
            donnees = json.loads(ligne[1])  # type: ignore[arg-type]  # TypeError rattrapée
        except (TypeError, ValueError):
            raise CteErreur(f"{chemin} : feuille cachée « {FEUILLE_INSTANTANE} » abîmée ; réexportez") from None
        if str(ligne[0]).startswith("comite:"):
            comites[str(ligne[0]).removeprefix("comite:")] = donnees
        else:
            membres[str(ligne[0])] = donnees
    return lignes, membres, comites


def _suppleants_max(entetes: list[str]) -> int:
    return sum(1 for t in entetes if t.startswith("Suppléant ") and t.endswith(" : nom"))


def _sans_apostrophe(valeur: Any) -> Any:
    """L'apostrophe qui neutralise une formule à l'export (cartographie.tableur) est retirée."""
    from cte_cli.cartographie.tableur import dangereux

    if isinstance(valeur, str) and valeur.startswith("'") and dangereux(valeur[1:]):
        return valeur[1:]
    return valeur


def apparier(lignes: list[LigneLue], instantane: dict[str, dict], comites_exportes: dict[str, dict],
             comites: dict[str, ComiteLu], source: str) -> list[ChangementComite]:
    """Rapproche chaque ligne d'un membre exporté (colonne Réf.) ou en fait un membre nouveau ;
    refuse tout ce qui ne s'apparie pas sans ambiguïté."""
    problemes: list[str] = []
    vues: dict[str, int] = {}
    changements = {ident: ChangementComite(comites[ident]) for ident in comites_exportes if ident in comites}
    for ident, meta in comites_exportes.items():
        if ident not in comites:
            problemes.append(f"le comité « {ident} » du classeur n'est plus dans le dépôt")
        elif meta.get("empreinte") != empreinte_membres(comites[ident].donnees):
            problemes.append(f"les membres du comité « {ident} » ont changé dans le dépôt depuis l'export "
                             f"({comites[ident].fichier}) : réexportez puis reportez vos modifications")
    for ligne in lignes:
        ident, ref = ligne.texte("comite"), ligne.texte("ref")
        lieu = f"feuille {FEUILLE_MEMBRES}, ligne {ligne.numero}"
        if ident not in comites_exportes:
            problemes.append(f"{lieu} : comité « {ident} » absent de l'export" if ident else
                             f"{lieu} : colonne Comité vide")
            continue
        if not ref:
            changements[ident].ajoutes.append(ligne)
            continue
        if ref not in instantane:
            problemes.append(f"{lieu} : référence « {ref} » inconnue (colonne Réf. modifiée ?)")
            continue
        if ref in vues:
            problemes.append(f"{lieu} : référence « {ref} » déjà portée par la ligne {vues[ref]} (ligne copiée ? "
                             "videz la colonne Réf. d'un membre nouveau)")
            continue
        vues[ref] = ligne.numero
        ident_ref, _, rang = ref.rpartition("#")
        if ident_ref != ident:
            problemes.append(f"{lieu} : le membre {ref} a changé de comité ({ident}) ; pour le déplacer, "
                             "supprimez sa ligne et ajoutez-en une sans référence")
            continue
        modifiees = [cle for cle, avant in instantane[ref].items() if cle != "ref" and ligne.texte(cle) != avant]
        if modifiees and ident in changements:
            changements[ident].modifies[int(rang) - 1] = (ligne, modifiees)
    for ref in instantane:
        if ref not in vues:
            ident, _, rang = ref.rpartition("#")
            if ident in changements:
                changements[ident].retires.append(int(rang) - 1)
    if problemes:
        raise CteErreur(f"{source} : import refusé, lignes impossibles à apparier sans ambiguïté :\n  - "
                        + "\n  - ".join(problemes))
    return [c for c in changements.values() if not c.vide]


def preparer_import(classeur: str | os.PathLike, chemin_depot: str | os.PathLike, jour: date | None = None) -> Import:
    """Apparie le classeur au dépôt, calcule les nouveaux textes YAML et les valide."""
    from cte_cli.loading.depot import charger

    lignes, instantane, comites_exportes = lire_classeur(classeur)
    depot = charger([chemin_depot])
    comites = comites_du_depot(depot)
    changements = apparier(lignes, instantane, comites_exportes, comites, os.fspath(classeur))
    textes: dict[str, Any] = {}
    editions: dict[str, Any] = {}
    erreurs: list[Any] = []
    for changement in changements:
        edition = appliquer(changement, erreurs)
        editions[changement.comite.fichier] = edition
        textes[changement.comite.fichier] = (edition.texte_initial, edition.texte())
    if erreurs:
        raise CteErreur(f"{os.fspath(classeur)} : import refusé, valeurs invalides :\n  - " + "\n  - ".join(erreurs))
    resultat = Import(changements, textes, editions)
    if textes:
        resultat.nouvelles_erreurs = nouvelles_erreurs(depot, {f: t[1] for f, t in textes.items()}, jour or date.today())
    return resultat


def ecrire_import(resultat: Import) -> list[Path]:
    """Écrit les fichiers modifiés (écriture atomique, refus si un fichier a changé depuis la lecture)."""
    if resultat.nouvelles_erreurs:
        raise CteErreur("import refusé : le dépôt résultant a des erreurs")
    ecrits = []
    for edition in resultat.editions.values():
        chemin = edition.enregistrer()
        if chemin is not None:
            ecrits.append(chemin)
    return ecrits


# --- application aux fichiers YAML -------------------------------------------------------------


def appliquer(changement: ChangementComite, erreurs: list[str]):
    """Les modifications d'un comité, par l'éditeur aller-retour (commentaires et mise en page gardés)."""
    from cte_cli.yaml_edition import ABSENT, EditionYaml, Modification

    edition = EditionYaml.ouvrir(changement.comite.fichier)
    membres = edition.donnees.get("membres")
    for rang, (ligne, modifiees) in sorted(changement.modifies.items()):
        _modifier(edition, rang, ligne, modifiees, erreurs)
    structure = bool(changement.retires or changement.ajoutes)
    for rang in sorted(changement.retires, reverse=True):
        _retirer(edition.donnees, membres, rang)
    for ligne in changement.ajoutes:
        nouveau = _nouveau_membre(ligne, erreurs)
        if nouveau is not None:
            _inserer(membres, nouveau)
    if structure:
        # les rangs ont bougé : la relecture de contrôle compare la liste entière
        edition.modifications = [Modification(("membres",), ABSENT, membres)]
    return edition


def _valeur(ligne: LigneLue, cle: str, erreurs: list[str]) -> Any:
    """La valeur YAML d'une cellule : texte, entier (voix), date, code (texte entre guillemets)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    brut = ligne.valeurs.get(cle)
    texte = canonique(brut)
    if texte == "":
        return None
    lieu = f"feuille {FEUILLE_MEMBRES}, ligne {ligne.numero}, colonne {_titre(cle)}"
    if cle == "voix":
        try:
            nombre = float(texte.replace(",", "."))
        except ValueError:
            nombre = -1.5
        if not nombre.is_integer() or not 0 <= nombre <= 1000:
            erreurs.append(f"{lieu} : un nombre entier de voix est attendu")
            return None
        return int(nombre)
    if cle in DATES:
        if isinstance(brut, datetime | date):
            return brut.date() if isinstance(brut, datetime) else brut
        for lecture in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
            try:
                return lecture(texte)
            except ValueError:
                continue
        erreurs.append(f"{lieu} : date attendue (jj/mm/aaaa ou AAAA-MM-JJ)")
        return None
    if cle == "departement":
        return DoubleQuotedScalarString(texte.upper().zfill(2) if texte.isdigit() else texte.upper())
    if cle == "epci":
        return DoubleQuotedScalarString(texte.zfill(9) if texte.isdigit() else texte)
    return texte


def _titre(cle: str) -> str:
    for c in colonnes(9):
        if c.cle == cle:
            return f"« {c.titre} »"
    return cle


def _apres(cle: str, ordre: Sequence[str] = ORDRE) -> tuple[str, ...]:
    return tuple(reversed(ordre[: ordre.index(cle)]))


def _modifier(edition, rang: int, ligne: LigneLue, modifiees: list[str], erreurs: list[str]) -> None:
    base = ("membres", rang)
    for cle in modifiees:
        if cle in ("college", "nom", "qualite", "organisation", "epci", "departement", "voix", "email", "remplace_le"):
            _poser(edition, (*base, cle), _valeur(ligne, cle, erreurs), _apres(cle))
    if {"mandat_debut", "mandat_fin"} & set(modifiees):
        debut, fin = _valeur(ligne, "mandat_debut", erreurs), _valeur(ligne, "mandat_fin", erreurs)
        membre = edition.lire(base)
        if debut is None and fin is None:
            edition.supprimer((*base, "mandat"))
        elif isinstance(membre.get("mandat"), dict):
            _poser(edition, (*base, "mandat", "debut"), debut, ())
            _poser(edition, (*base, "mandat", "fin"), fin, ("debut",))
        else:
            edition.definir((*base, "mandat"), _flux({"debut": debut, "fin": fin}), _apres("mandat"))
    if any(c.startswith("suppleant") for c in modifiees):
        _suppleants(edition, base, ligne, erreurs)


def _poser(edition, chemin: tuple, valeur: Any, apres: tuple[str, ...]) -> None:
    if valeur is None:
        edition.supprimer(chemin)
    else:
        edition.definir(chemin, valeur, apres)


def _suppleants(edition, base: tuple, ligne: LigneLue, erreurs: list[str]) -> None:
    """Suppléants : champ par champ quand leur nombre ne change pas, sinon la liste réécrite."""
    voulus = _suppleants_de(ligne, erreurs)
    actuels = edition.lire(base).get("suppleants") or []
    if voulus and len(voulus) == len(actuels):
        for k, s in enumerate(voulus):
            for cle in SUPPLEANT:
                _poser(edition, (*base, "suppleants", k, cle), s.get(cle), _apres(cle, SUPPLEANT))
    elif voulus:
        from ruamel.yaml.comments import CommentedSeq

        liste = CommentedSeq(_flux(s) for s in voulus)
        edition.definir((*base, "suppleants"), liste, _apres("suppleants"))
    else:
        edition.supprimer((*base, "suppleants"))


def _suppleants_de(ligne: LigneLue, erreurs: list[str]) -> list[dict]:
    numeros = sorted({int(k.split("_")[0].removeprefix("suppleant")) for k in ligne.valeurs if k.startswith("suppleant")})
    resultat = []
    for k in numeros:
        s = {c: _valeur(ligne, f"suppleant{k}_{c}", erreurs) for c in SUPPLEANT}
        if any(v is not None for v in s.values()):
            if s["nom"] is None or s["qualite"] is None:
                erreurs.append(f"feuille {FEUILLE_MEMBRES}, ligne {ligne.numero} : le suppléant {k} a besoin "
                               "d'un nom et d'une qualité")
            resultat.append({c: v for c, v in s.items() if v is not None})
    return resultat


def _flux(valeurs: dict):
    """Un dictionnaire YAML en ligne (`{debut: …, fin: …}`), comme ceux du format."""
    from ruamel.yaml.comments import CommentedMap

    carte = CommentedMap((k, v) for k, v in valeurs.items() if v is not None)
    carte.fa.set_flow_style()
    return carte


def _nouveau_membre(ligne: LigneLue, erreurs: list[str]):
    from ruamel.yaml.comments import CommentedMap

    valeurs = {cle: _valeur(ligne, cle, erreurs) for cle in
               ("nom", "qualite", "college", "organisation", "voix", "epci", "departement", "email", "remplace_le")}
    for requise in ("nom", "qualite", "college"):
        if valeurs[requise] is None:
            erreurs.append(f"feuille {FEUILLE_MEMBRES}, ligne {ligne.numero} : membre nouveau sans {_titre(requise)}")
    debut, fin = _valeur(ligne, "mandat_debut", erreurs), _valeur(ligne, "mandat_fin", erreurs)
    if debut is not None or fin is not None:
        valeurs["mandat"] = _flux({"debut": debut, "fin": fin})
    suppleants = _suppleants_de(ligne, erreurs)
    if suppleants:
        from ruamel.yaml.comments import CommentedSeq

        valeurs["suppleants"] = CommentedSeq(_flux(s) for s in suppleants)
    return CommentedMap((k, valeurs[k]) for k in ORDRE if valeurs.get(k) is not None)


def _queue(noeud):
    """(conteneur, clé) de la dernière valeur d'un membre en style bloc, où ruamel.yaml range
    les lignes de commentaire qui le suivent (celles qui annoncent le membre suivant)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while isinstance(noeud, CommentedMap | CommentedSeq) and len(noeud) and not noeud.fa.flow_style():
        cle = list(noeud.keys())[-1] if isinstance(noeud, CommentedMap) else len(noeud) - 1
        enfant = noeud[cle]
        if isinstance(enfant, CommentedMap | CommentedSeq) and len(enfant) and not enfant.fa.flow_style():
            noeud = enfant
            continue
        return noeud, cle
    return None


def _detacher_suite(noeud) -> str:
    """Retire et renvoie les lignes de commentaire qui suivent un membre (le commentaire de fin
    de ligne reste en place)."""
    queue = _queue(noeud)
    if queue is None:
        return ""
    conteneur, cle = queue
    entree = conteneur.ca.items.get(cle)
    position = 2 if isinstance(cle, str) else 0
    if not entree or len(entree) <= position or entree[position] is None:
        return ""
    jeton = entree[position]
    fin_de_ligne, saut, suite = jeton.value.partition("\n")
    if not saut or not suite.strip():
        return ""
    if fin_de_ligne.strip():
        jeton.value = fin_de_ligne + "\n"
    else:
        entree[position] = None
    return suite


def _attacher_suite(noeud, suite: str) -> None:
    """Place des lignes de commentaire après un membre (à la suite des siennes)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    queue = _queue(noeud)
    if not suite or queue is None:
        return
    conteneur, cle = queue
    position = 2 if isinstance(cle, str) else 0
    entree = conteneur.ca.items.setdefault(cle, [None, None, None, None])
    if entree[position] is not None:
        entree[position].value += suite
    else:
        entree[position] = CommentToken("\n" + suite, CommentMark(0), None)


def _retirer(parent, membres, rang: int) -> None:
    """Retire un membre ; les lignes de commentaire qui le suivaient restent à leur place."""
    suite = _detacher_suite(membres[rang])
    del membres[rang]
    if suite and rang > 0:
        _attacher_suite(membres[rang - 1], suite)
    elif suite:  # premier membre : avec les commentaires qui précèdent la liste
        from ruamel.yaml.error import CommentMark
        from ruamel.yaml.tokens import CommentToken

        retrait = len(suite) - len(suite.lstrip(" "))
        entree = parent.ca.items.setdefault("membres", [None, None, None, None])
        if entree[3] is None:
            entree[3] = []
        entree[3].append(CommentToken(suite[retrait:], CommentMark(retrait), None))


def _inserer(membres, nouveau) -> None:
    """Après le dernier membre du même collège (sinon à la fin), dans le style de ses voisins."""
    rangs = [i for i, m in enumerate(membres) if isinstance(m, dict) and m.get("college") == nouveau.get("college")]
    position = (rangs[-1] if rangs else len(membres) - 1) + 1
    voisin = membres[position - 1] if position > 0 else None
    if voisin is not None and getattr(voisin, "fa", None) is not None and voisin.fa.flow_style():
        nouveau.fa.set_flow_style()
    suite = _detacher_suite(voisin) if voisin is not None else ""
    membres.insert(position, nouveau)
    _attacher_suite(nouveau, suite)


# --- validation du résultat --------------------------------------------------------------------


def nouvelles_erreurs(depot, textes: dict[str, str], jour: date) -> list:
    """Les erreurs du dépôt modifié (textes remplacés en mémoire) qui n'existaient pas avant."""
    avant = {_cle(c) for c in _constats(depot, {}, jour) if c.gravite == "erreur"}
    apres = [c for c in _constats(depot, textes, jour) if c.gravite == "erreur"]
    return [c for c in apres if _cle(c) not in avant]


def _cle(constat) -> tuple:
    return (constat.regle, constat.fichier, constat.message)


def _constats(depot, textes: dict[str, str], jour: date) -> list:
    from cte_cli.loading.depot import Depot, analyser_document
    from cte_cli.loading.depot import valider as valider_structure
    from cte_cli.loading.parser import Limites
    from cte_cli.moteur import constats_des_regles, ramasse_miettes_en_pause, situer

    documents = [d for d in depot.documents if d.fichier not in textes]
    constats = [c for c in depot.constats if c.fichier not in textes]
    with ramasse_miettes_en_pause():
        for fichier, texte in textes.items():
            doc, trouves = analyser_document(fichier, texte, Limites.depuis_environnement())
            constats += trouves
            if doc is not None:
                constats += valider_structure(doc)
                documents.append(doc)
        modifie = Depot(documents, constats, depot.fichiers)
        constats = constats + constats_des_regles(modifie.valides(), jour)
        situer(constats)
    return constats
