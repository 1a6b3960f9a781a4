"""Fuzzing par mutation de chaque commande de `cte` (docs/securite.md §1).

Pour une graine donnée, on altère le dépôt d'exemple (mutations de `strategies.muter_depot` :
clés supprimées, valeurs changées de type ou piégées, fichiers tronqués, octets insérés…), on
donne parfois à un fichier un nom piégé, puis on lance une commande avec des options tirées au
hasard. Chaque exécution doit :

- sortir avec 0, 1 ou 2, sans trace Python ni « Erreur interne » ;
- n'envoyer aucun caractère de contrôle au terminal ;
- n'écrire que dans son dossier de sortie (et, avec --ecrire, le fichier du comité), sans
  laisser de temporaire ;
- pour `feuille-de-route importer`, écrire une feuille de route que la validation accepte, ou
  rien (sortie 2).

Reproductible : `python scripts/fuzz.py --commande voix --propriete aucune --graine 1234 --essais 1`.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .outils import CODES_PERMIS, DATE, executer, fichiers_exemple
from .strategies import TEXTES_PIEGES, ecrire_depot, muter_depot

#: caractères qui ne doivent jamais atteindre le terminal (hors fin de ligne et tabulation)
CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NOMS_PIEGES = ("x\x1b[2J.yaml", "é\u202etxt.yaml", "[bold]x[red]y.yaml", "-tiret.yaml", " espace .yaml",
               "a" * 200 + ".yaml", "ligne\nsuite.yaml", "con.yaml")
COMITES = ("cde-21-cote-d-or", "cre-bourgogne-franche-comte", "cle-21-beaune-cote-et-saone", "cde-90-territoire-de-belfort",
           "inconnu", "\x1b[2J")
SEANCES = ("2026-03-05-cre-bourgogne-franche-comte-ordinaire", "2026-06-11-cde-21-cote-d-or-pleniere",
           "2025-03-20-cle-21-beaune-cote-et-saone-ordinaire", "inconnue")


@dataclass
class Essai:
    """Une exécution : commande, graine, mutations appliquées, défauts constatés."""

    commande: str
    graine: int
    journal: list[str]
    defauts: list[str]

    def __str__(self) -> str:
        return (f"{self.commande} (graine {self.graine}) : {'; '.join(self.defauts)}\n  mutations : {self.journal}\n"
                f"  rejouer : python scripts/fuzz.py --commande {self.commande} --propriete aucune --graine "
                f"{self.graine} --essais 1")


def _fichiers_de(identifiants: tuple[str, ...]) -> list[str]:
    """Les fichiers du dépôt d'exemple qui portent ces identifiants (comité ou séance)."""
    return [chemin for chemin, texte in fichiers_exemple()
            if any(f"\nid: {i}\n" in texte or Path(chemin).stem == i for i in identifiants)]


def _depot_mute(hasard: random.Random, racine: Path, journal: list[str]) -> Path:
    """Le dépôt d'exemple altéré : mutations au hasard dans tout le dépôt, et autant dans les
    fichiers des comités et séances que les commandes désignent (sinon rarement touchés)."""
    depot = {chemin: texte.encode("utf-8") for chemin, texte in fichiers_exemple()}
    cibles = _fichiers_de(COMITES + SEANCES)
    vises = {c: depot[c] for c in hasard.sample(cibles, k=min(len(cibles), hasard.randint(1, 3)))}
    vises, mutations = muter_depot(vises, hasard.randrange(2**32), hasard.randint(1, 4))
    journal.extend(mutations)
    depot = {c: v for c, v in depot.items() if c in vises or c not in cibles or hasard.random() < 0.9} | vises
    mute, mutations = muter_depot(depot, hasard.randrange(2**32), hasard.randint(0, 4))
    journal.extend(mutations)
    dossier = racine / "depot"
    ecrire_depot(mute, dossier)
    if hasard.random() < 0.2:  # un fichier au nom piégé
        source = dossier / hasard.choice(sorted(cibles if hasard.random() < 0.5 else mute))
        nom = hasard.choice(NOMS_PIEGES)
        try:
            source.rename(source.with_name(nom))
            journal.append(f"renommer {source.name!r} en {nom!r}")
        except (OSError, ValueError):
            pass
    return dossier


def _options(hasard: random.Random, *choix: tuple[str, ...]) -> list[str]:
    """Quelques options tirées au hasard parmi `choix` (chacune avec ses valeurs)."""
    retenues: list[str] = []
    for option in choix:
        if hasard.random() < 0.4:
            retenues.extend(option)
    return retenues


# --- commandes --------------------------------------------------------------------------------


def _validate(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    format_ = h.choice(["texte", "json", "sarif", "junit", "gitlab", "github"])
    return ["validate", str(depot), "--date", DATE, "--format", format_,
            *_options(h, ("--strict",), ("--sortie", str(sortie / "rapport.txt")))]


def _voix(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    return ["voix", h.choice(COMITES), str(depot), "--date", DATE,
            *_options(h, ("--ecrire",), ("--detail",), ("--minimum",), ("--total-etat", str(h.randint(1, 40))))]


def _rotation(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    return ["rotation", h.choice(COMITES[:2]), str(depot), "--debut", h.choice(["2025-07-01", "2026-01-01"]),
            *_options(h, ("--ecrire",), ("--force",), ("--sieges", str(h.randint(1, 6))), ("--periodes", "2"))]


def _generate(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    document = h.choice(["reglement", "reglement-tous", "convocation", "emargement", "releve"])
    format_ = h.choice(["md", "md", "docx"])
    commun = ["--sortie", str(sortie / "documents"), "--format", format_, "--date", DATE, *_options(h, ("--force",))]
    if document == "reglement-tous":
        return ["generate", "reglement", "--tous", str(depot), *commun]
    if document == "reglement":
        return ["generate", "reglement", h.choice(COMITES), "--depot", str(depot), *commun]
    return ["generate", document, h.choice(SEANCES), "--depot", str(depot), *commun]


def _cartographie(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    if h.random() < 0.5:
        cible = ["--open-data", "--sortie", str(sortie / "carto.csv")]
    else:
        cible = ["--sortie", str(sortie / "carto.xlsx")]
    perimetre = h.choice([["--national"], ["--region", "27"], ["--region", "27"], ["--region", "94"], []])
    return ["cartographie", str(depot), "--date", DATE, *cible, *perimetre, *_options(h, ("--force",))]


def _synthese(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    return ["feuille-de-route", "synthese", str(depot), "--date", DATE,
            *_options(h, ("--sortie", str(sortie / "suivi.xlsx")), ("--comite", h.choice(COMITES)),
                      ("--departement", "21"), ("--region", "27"))]


PLAN = [
    ["Plan d'actions 2025"], ["AXE 1 - Emploi des jeunes"], ["Mesure", "Action", "Priorité", "Pilote(s)",
                                                             "Échéance", "Statut", "Indicateurs", "Valeur cible"],
    ["MESURE N°1 : repérer", "1-1 Aller vers", "1", "Mission locale\nFrance Travail", "31/12/2025", "en cours",
     "jeunes accompagnés", "120"],
    ["", "1-2 Suivre", "2", "DDETS ; Département", "2025-06-30", "à lancer", "taux", "45 %"],
    ["AXE 2 - Freins périphériques"], ["MESURE N°2 : mobilité", "2-1 Permis", "P1", "Région", "30/06/2026", "réalisée"],
]


def _plan_mute(h: random.Random, dossier: Path, journal: list[str]) -> Path:
    """Un plan d'actions (.csv, .tsv ou .xlsx) altéré : cellules piégées, octets, guillemets."""
    lignes = [list(ligne) for ligne in PLAN]
    for _ in range(h.randint(0, 4)):
        ligne = h.choice(lignes)
        valeur = h.choice([*TEXTES_PIEGES, "9999-01-01", "0001-01-01", "1e400", "nan", "9" * 5000, '"', '"a',
                           "AXE " + "9" * 40, "MESURE N°" + "9" * 5000, "", "\x00", "=SOMME(A1)"])
        if ligne:
            ligne[h.randrange(len(ligne))] = valeur
        journal.append(f"cellule {valeur[:20]!r}")
    extension = h.choice([".csv", ".tsv", ".xlsx"])
    fichier = dossier / f"plan{extension}"
    if extension == ".xlsx":
        from openpyxl import Workbook

        classeur = Workbook()
        try:
            for ligne in lignes:
                classeur.active.append(ligne)
            classeur.save(fichier)
            return fichier
        except Exception:  # noqa: BLE001 — openpyxl refuse certains caractères : CSV
            fichier = dossier / "plan.csv"
            extension = ".csv"
    separateur = "\t" if extension == ".tsv" else h.choice([";", ","])
    texte = "\n".join(separateur.join(ligne) for ligne in lignes) + "\n"
    contenu = texte.encode(h.choice(["utf-8", "utf-8-sig", "utf-16", "cp1252"]), errors="replace")
    for _ in range(h.randint(0, 3)):  # octets altérés
        i = h.randrange(len(contenu) + 1)
        ajout = h.choice([b'"', b"\x00", b"\xff", b"\r", b"\n", b";", bytes([h.randrange(256)])])
        contenu = contenu[:i] + ajout + contenu[i:]
        journal.append(f"octet {ajout!r} en {i}")
    fichier.write_bytes(contenu)
    return fichier


def _importer(h: random.Random, depot: Path, sortie: Path, journal: list[str]) -> list[str]:
    plan = _plan_mute(h, sortie.parent, journal)
    periode = h.choice([["--debut", "2025-01-01", "--fin", "2025-12-31"], [], ["--debut", "2025-01-01"],
                        ["--debut", "2025-01-01", "--fin", "9999-12-31"]])
    return ["feuille-de-route", "importer", str(plan), "--comite", h.choice(["cde-21-cote-d-or", "X"]),
            "--sortie", str(sortie / "fdr.yaml"), *periode, *_options(h, ("--rapport", str(sortie / "r.csv")))]


def _init(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    region = h.choice(["27", "94", "01", "06", "11", "28", "75", "99", "", "2A", "\x1b", "1" * 50])
    return ["init", str(sortie / h.choice(["nouveau", "x\x1b[2J", "a" * 100])), "--region", region,
            *_options(h, ("--force",))]


def _schema(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    return ["schema", *_options(h, ("--sortie", str(sortie / h.choice(["s.json", "\x1b.json", "a/b.json"]))),
                                ("--force",))]


def _preparer(*args: str) -> None:
    """Une commande qui prépare l'entrée d'un essai (sa sortie et son code ne comptent pas)."""
    import io

    from cte_cli.cli import main

    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        main(list(args))


def _arrete(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    nature = h.choice(["composition", "modificatif", "voix", "ressort"])
    cible = h.choice(["21", "90", "2A", "99", "\x1b[2J"]) if nature == "ressort" else h.choice(COMITES)
    return ["generate", "arrete", nature, cible, str(depot), "--sortie", str(sortie / "arretes"),
            "--format", h.choice(["md", "docx"]), "--date", DATE, *_options(h, ("--force",))]


def _membres_exporter(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    perimetre = h.choice([[], ["--comite", h.choice(COMITES)], ["--departement", h.choice(["21", "90", "99"])],
                          ["--region", h.choice(["27", "94"])]])
    return ["membres", "exporter", str(depot), "--sortie", str(sortie / h.choice(["membres.xlsx", "m.csv"])),
            "--date", DATE, *perimetre, *_options(h, ("--force",))]


def _classeur_mute(h: random.Random, depot: Path, dossier: Path, journal: list[str]) -> Path:
    """Un classeur des membres exporté du dépôt (altéré ou, s'il ne s'exporte pas, d'origine),
    puis des cellules piégées ou des lignes effacées."""
    from openpyxl import load_workbook

    fichier = dossier / "membres.xlsx"
    _preparer("membres", "exporter", str(depot), "--sortie", str(fichier), "--date", DATE, "--force")
    if not fichier.exists():
        origine = dossier / "origine"
        ecrire_depot({c: t.encode("utf-8") for c, t in fichiers_exemple()}, origine)
        _preparer("membres", "exporter", str(origine), "--sortie", str(fichier), "--date", DATE, "--force")
    classeur = load_workbook(fichier)
    feuille = classeur.worksheets[0]
    for _ in range(h.randint(0, 5)):
        ligne, colonne = h.randint(1, max(feuille.max_row, 1)), h.randint(1, max(feuille.max_column, 1))
        valeur = h.choice([*TEXTES_PIEGES, "", None, "9999-01-01", "etta", "=SOMME(A1)", 1e400, -1, "x" * 5000])
        try:
            feuille.cell(ligne, colonne).value = valeur
        except Exception:  # noqa: BLE001 — openpyxl refuse certains caractères
            continue
        journal.append(f"cellule ({ligne}, {colonne}) {str(valeur)[:20]!r}")
    if h.random() < 0.2 and feuille.max_row > 2:
        feuille.delete_rows(h.randint(2, feuille.max_row))
        journal.append("ligne effacée")
    classeur.save(fichier)
    return fichier


def _membres_importer(h: random.Random, depot: Path, sortie: Path, journal: list[str]) -> list[str]:
    classeur = _classeur_mute(h, depot, sortie.parent, journal)
    return ["membres", "importer", str(classeur), str(depot), "--date", DATE, *_options(h, ("--ecrire",))]


def _consolider(h: random.Random, depot: Path, sortie: Path, journal: list[str]) -> list[str]:
    """La consolidation nationale de cartographies régionales (CSV open data ou classeurs)
    produites du dépôt altéré, puis altérées octet par octet."""
    regions = sortie.parent / "regions"
    regions.mkdir()
    extension = h.choice([".csv", ".xlsx"])
    fichier = regions / f"cartographie-27{extension}"
    _preparer("cartographie", str(depot), "--region", "27", "--date", DATE, "--sortie", str(fichier), "--force",
              *(["--open-data"] if extension == ".csv" else []))
    if fichier.exists() and extension == ".csv":
        contenu = fichier.read_bytes()
        for _ in range(h.randint(0, 3)):
            i = h.randrange(len(contenu) + 1)
            ajout = h.choice([b'"', b"\x00", b"\xff", b"\n", b";", b",", b"99", bytes([h.randrange(256)])])
            contenu = contenu[:i] + ajout + contenu[i:]
            journal.append(f"octet {ajout!r} en {i}")
        fichier.write_bytes(contenu)
    cibles = h.choice([[str(regions)], [str(fichier)], [str(fichier), str(fichier)]])
    return ["cartographie", "--consolider", *cibles, "--sortie", str(sortie / "national.xlsx"),
            *_options(h, ("--force",), ("--open-data",))]


def _modeles(h: random.Random, depot: Path, sortie: Path) -> list[str]:
    if h.random() < 0.5:
        return ["modeles", "verifier", str(depot / "modeles")]
    return ["modeles", "copier", str(depot), *_options(h, ("--force",))]


COMMANDES: dict[str, Callable] = {
    "validate": _validate, "voix": _voix, "rotation": _rotation, "generate": _generate,
    "cartographie": _cartographie, "importer": _importer, "synthese": _synthese, "init": _init, "schema": _schema,
    "arrete": _arrete, "membres-exporter": _membres_exporter, "membres-importer": _membres_importer,
    "consolider": _consolider, "modeles": _modeles,
}
#: commandes qui ne lisent pas le dépôt (pas besoin de le copier ni de le muter)
SANS_DEPOT = {"init", "schema", "importer"}
#: commandes dont la fabrique prépare une entrée et tient un journal
AVEC_JOURNAL = {"importer", "membres-importer", "consolider"}
#: commandes qui écrivent dans le dépôt : avec --ecrire (voix, rotation, membres importer), et
#: `modeles copier` dans son dossier modeles/
ECRIT_LE_DEPOT = ("--ecrire", "copier")


def _etat(dossier: Path) -> dict[str, int]:
    """Empreinte d'un dossier : chemin relatif -> date de modification (ns)."""
    etat = {}
    for racine, _, noms in os.walk(dossier):
        for nom in noms:
            chemin = Path(racine) / nom
            try:
                etat[str(chemin.relative_to(dossier))] = chemin.lstat().st_mtime_ns
            except OSError:
                continue
    return etat


def essayer(commande: str, graine: int) -> Essai:
    """Une exécution de `commande` sur une entrée altérée tirée de `graine`."""
    hasard = random.Random(f"{commande}-{graine}")
    journal: list[str] = []
    defauts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cte-fuzz-") as tmp:
        racine = Path(tmp)
        depot = racine / "depot"
        if commande not in SANS_DEPOT:
            depot = _depot_mute(hasard, racine, journal)
        sortie = racine / "sortie"
        sortie.mkdir()
        fabrique = COMMANDES[commande]
        args = fabrique(hasard, depot, sortie, journal) if commande in AVEC_JOURNAL else fabrique(hasard, depot, sortie)
        journal.append("cte " + " ".join(repr(a) if CONTROLES.search(a) or " " in a else a for a in args))
        avant = _etat(racine)
        courant = os.getcwd()
        os.chdir(sortie)  # un fichier écrit « par défaut » dans le dossier courant reste confiné
        try:
            resultat = executer(*args, env={"COLUMNS": "120"})
        except BaseException as exc:  # noqa: BLE001 — une exception qui traverse main() est un défaut
            return Essai(commande, graine, journal, [f"exception {type(exc).__name__} hors de main()"])
        finally:
            os.chdir(courant)
        texte = resultat.stdout + resultat.stderr
        if resultat.code not in CODES_PERMIS:
            defauts.append(f"code de sortie {resultat.code}")
        if "Traceback" in texte or "Erreur interne" in texte:
            defauts.append("erreur interne : " + texte[-400:])
        if m := CONTROLES.search(texte):
            defauts.append(f"caractère de contrôle {m.group()!r} envoyé au terminal")
        defauts.extend(_ecritures(racine, avant, _etat(racine), commande, args))
        if commande == "importer" and resultat.code == 0:
            defauts.extend(_feuille_valide(sortie / "fdr.yaml"))
    return Essai(commande, graine, journal, defauts)


def _ecritures(racine: Path, avant: dict[str, int], apres: dict[str, int], commande: str, args: list[str]) -> list[str]:
    """Ce qui a été écrit hors de la sortie, ou laissé en temporaire."""
    defauts = []
    ecrire = any(a in args for a in ECRIT_LE_DEPOT)
    for chemin, date in apres.items():
        change = avant.get(chemin) != date
        if ".cte-tmp-" in chemin:
            defauts.append(f"temporaire laissé : {chemin!r}")
        elif change and not chemin.startswith("sortie") and not (ecrire and chemin.startswith("depot")):
            defauts.append(f"écriture hors du dossier de sortie : {chemin!r}")
    return defauts


def _feuille_valide(fichier: Path) -> list[str]:
    from cte_cli.loading.depot import charger

    if not fichier.exists():
        return ["sortie 0 sans feuille de route écrite"]
    erreurs = [c.message for c in charger([str(fichier)]).constats if str(c.gravite) == "erreur"]
    return [f"feuille de route importée invalide : {erreurs[:3]}"] if erreurs else []


def campagne(commandes: list[str], graine: int, exemples: int | None = None, duree: float | None = None,
             rapport: Callable[[str], None] | None = None) -> list[Essai]:
    """Lance les commandes à tour de rôle, graine après graine, jusqu'à `exemples` essais par
    commande ou `duree` secondes ; renvoie les essais en défaut."""
    debut, echecs, n = time.monotonic(), [], 0
    while True:
        for commande in commandes:
            essai = essayer(commande, graine + n)
            if essai.defauts:
                echecs.append(essai)
                if rapport:
                    rapport(str(essai))
        n += 1
        if exemples is not None and n >= exemples:
            break
        if duree is not None and time.monotonic() - debut >= duree:
            break
    if rapport:
        rapport(f"{n} essai(s) par commande ({', '.join(commandes)}) en {time.monotonic() - debut:.0f} s ; "
                f"{len(echecs)} défaut(s)")
    return echecs
