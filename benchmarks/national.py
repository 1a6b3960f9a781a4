"""Cibles de performance (issue 16) mesurées sur le dépôt national synthétique (docs/performance.md).

    python benchmarks/national.py            # depuis un clone, venv du projet activé, ≈ 9 min
    python benchmarks/national.py --pdf      # + PDF de tous les règlements de France (≈ 3 min de plus)

Génère le dépôt (benchmarks/generer.py --fautes : fautes de saisie comme dans un dépôt en cours
de remplissage) à 1x, 2x, 4x et 8x dans un dossier temporaire, compile le bytecode de cte
(comme `pip install`), puis affiche, pour chaque cible, la mesure, le rapport et le verdict :

1. validation nationale (`--format json`) : temps, mémoire, rapport à check-jsonschema avec le
   schéma du projet (`cte schema`) sur les mêmes fichiers ;
2. linéarité : 1x, 2x, 4x, 8x, rapport au temps de 1x, mémoire par fichier ;
3. une région (l'exemple de Bourgogne-Franche-Comté), `cte --help`, `cte validate --help` ;
4. `cte generate reglement --tous` : millisecondes par document .docx ; avec --pdf, les PDF
   de tout le pays ;
5. `cte lsp` : chargement, puis délai entre une modification (didChange) et la réponse du
   serveur, diagnostics publiés, pour un comité local et pour une séance.

Chaque commande tourne dans son propre processus (mémoire de crête : la sienne). La machine de
développement a 2 cœurs partagés : chaque figure est la **médiane** de --repetitions essais,
les commandes comparées étant lancées **en alternance** (un essai de chacune, puis on
recommence) ; le temps CPU (utilisateur + système), moins sensible à la charge, est donné à
côté du temps réel.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ICI = Path(__file__).resolve().parent
RACINE = ICI.parent
sys.path.insert(0, str(ICI))

import generer  # noqa: E402

DATE = "2026-11-22"
EXEMPLE = RACINE / "examples" / "bourgogne-franche-comte"

#: petit lanceur : la mémoire de crête mesurée est celle de la commande seule, pas celle du
#: processus de mesure (un fork hérite de sa mémoire)
_LANCEUR = (
    "import resource, subprocess, sys, time; d = time.perf_counter(); "
    "c = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(time.perf_counter() - d, u.ru_maxrss, c, u.ru_utime + u.ru_stime)"
)


class Mesure:
    """Les essais d'une commande : temps réel, CPU, mémoire de crête (Mo), code de sortie."""

    def __init__(self) -> None:
        self.reels: list[float] = []
        self.cpus: list[float] = []
        self.memoires: list[float] = []
        self.codes: list[int] = []

    def ajouter(self, reel: float, memoire: float, code: int, cpu: float) -> None:
        self.reels.append(reel)
        self.memoires.append(memoire)
        self.codes.append(code)
        self.cpus.append(cpu)

    @property
    def reel(self) -> float:
        return statistics.median(self.reels)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def memoire(self) -> float:
        return max(self.memoires)

    def texte(self) -> str:
        return (f"{self.reel:6.3f} s réel (CPU {self.cpu:5.3f} s, essais {_liste(self.reels)}), "
                f"{self.memoire:4.0f} Mo")


def _liste(valeurs: list[float]) -> str:
    return "/".join(f"{v:.2f}" for v in valeurs)


def lancer(*commande: str, cwd: Path | None = None) -> tuple[float, float, int, float]:
    """(secondes réelles, Mo de crête, code, secondes de CPU) d'une commande, dans son processus."""
    sortie = subprocess.run([sys.executable, "-c", _LANCEUR, *commande], cwd=cwd, capture_output=True,
                            text=True, check=True).stdout.split()
    return float(sortie[0]), int(sortie[1]) / 1024, int(sortie[2]), float(sortie[3])


def cte(*args: str, cwd: Path | None = None) -> tuple[float, float, int, float]:
    return lancer(sys.executable, "-m", "cte_cli", *args, cwd=cwd)


def alterner(repetitions: int, commandes: dict[str, tuple]) -> dict[str, Mesure]:
    """Chaque commande `repetitions` fois, en alternance ; nom -> Mesure."""
    mesures = {nom: Mesure() for nom in commandes}
    for _ in range(repetitions):
        for nom, commande in commandes.items():
            mesures[nom].ajouter(*lancer(*commande))
    return mesures


def verdict(atteinte: bool) -> str:
    return "atteinte" if atteinte else "MANQUÉE"


def ligne(libelle: str, valeur: str) -> None:
    print(f"  {libelle:<46} {valeur}")


def cible(numero: str, libelle: str, mesure: str, atteinte: bool) -> None:
    print(f"  [{numero}] {libelle:<42} {mesure:<34} {verdict(atteinte)}")


# --- 1 et 2 : validation ----------------------------------------------------------------------


def validation_nationale(dossier: Path, fichiers: int, racine: Path, repetitions: int, sans_externe: bool) -> None:
    print("\n1. Validation nationale (cte validate -f json) et check-jsonschema, en alternance")
    commandes = {"cte": (sys.executable, "-m", "cte_cli", "validate", str(dossier), "--date", DATE, "-f", "json")}
    executable = shutil.which("check-jsonschema") or (str(Path(sys.executable).with_name("check-jsonschema"))
                                                      if Path(sys.executable).with_name("check-jsonschema").exists()
                                                      else None)
    if executable and not sans_externe:
        schema = racine / "cte.schema.json"
        subprocess.run([sys.executable, "-m", "cte_cli", "schema", "--sortie", str(schema)], check=True,
                       stderr=subprocess.DEVNULL)
        commandes["check-jsonschema"] = (executable, "--schemafile", str(schema),
                                         *map(str, sorted(dossier.rglob("*.yaml"))))
    mesures = alterner(repetitions, commandes)
    m = mesures["cte"]
    ligne("cte validate -f json", m.texte())
    if "check-jsonschema" in mesures:
        externe = mesures["check-jsonschema"]
        ligne("check-jsonschema --schemafile (forme seule)", externe.texte())
        rapport = externe.reel / m.reel
        rapport_cpu = externe.cpu / m.cpu
    else:
        rapport = rapport_cpu = None
        ligne("check-jsonschema", "absent (pip install check-jsonschema)")
    cible("1a", "temps ≤ 0,5 s (médiane)", f"{m.reel:.3f} s", m.reel <= 0.5)
    cible("1b", "≥ 30 fois plus rapide que check-jsonschema",
          f"{rapport:.1f} fois (CPU {rapport_cpu:.1f})" if rapport else "non mesuré", bool(rapport and rapport >= 30))
    cible("1c", "mémoire ≤ 150 Mo", f"{m.memoire:.0f} Mo ({m.memoire * 1024 / fichiers:.0f} Ko/fichier)",
          m.memoire <= 150)


def linearite(dossiers: dict[int, tuple[Path, int, int]], repetitions: int) -> None:
    print("\n2. Linéarité (cte validate -f json, tailles en alternance)")
    commandes = {fois: (sys.executable, "-m", "cte_cli", "validate", str(d), "--date", DATE, "-f", "json")
                 for fois, (d, _, _) in dossiers.items()}
    mesures = alterner(repetitions, commandes)
    base = mesures[min(mesures)]
    for fois, m in mesures.items():
        _, n, octets = dossiers[fois]
        ligne(f"{fois}x : {n} fichiers, {octets / 1e6:.1f} Mo",
              f"{m.reel:6.2f} s ({m.reel / base.reel:4.1f}x ; CPU {m.cpu:5.2f} s, {m.cpu / base.cpu:4.1f}x), "
              f"{m.memoire:4.0f} Mo, {m.memoire * 1024 / n:.0f} Ko/fichier, {m.cpu / n * 1000:.2f} ms CPU/fichier")
    if 8 in mesures:
        m = mesures[8]
        cible("2", "8x ≤ 9 fois le temps de 1x", f"{m.reel / base.reel:.1f} fois (CPU {m.cpu / base.cpu:.1f})",
              m.reel / base.reel <= 9)


# --- 3 : une région, l'aide -------------------------------------------------------------------


def region_et_aide(repetitions: int) -> None:
    print("\n3. Une région (l'exemple, 204 fichiers) et l'aide, en alternance")
    commandes = {
        "region": (sys.executable, "-m", "cte_cli", "validate", str(EXEMPLE), "--date", DATE, "-f", "json"),
        "aide": (sys.executable, "-m", "cte_cli", "--help"),
        "aide validate": (sys.executable, "-m", "cte_cli", "validate", "--help"),
        "plancher python": (sys.executable, "-c", "pass"),
        "plancher typer + rich": (sys.executable, "-c", "import typer.main, typer.rich_utils"),
    }
    mesures = alterner(repetitions, commandes)
    for nom, m in mesures.items():
        ligne(nom, m.texte())
    cible("3a", "une région ≤ 0,15 s", f"{mesures['region'].reel:.3f} s", mesures["region"].reel <= 0.15)
    cible("3b", "cte --help ≤ 0,1 s", f"{mesures['aide'].reel:.3f} s", mesures["aide"].reel <= 0.1)
    cible("3c", "cte validate --help ≤ 0,1 s", f"{mesures['aide validate'].reel:.3f} s",
          mesures["aide validate"].reel <= 0.1)


# --- 4 : documents ----------------------------------------------------------------------------


def documents(dossier: Path, racine: Path, pdf: bool) -> None:
    print("\n4. cte generate reglement --tous (dépôt national 1x)")
    validation = cte("validate", str(dossier), "--date", DATE, "-f", "json")
    sortie = racine / "docx"
    duree, memoire, code, cpu = cte("generate", "reglement", "--tous", str(dossier), "-o", str(sortie),
                                    "--date", DATE)
    nombre = len(list(sortie.glob("*.docx")))
    par_document = (duree - validation[0]) / max(nombre, 1) * 1000
    ligne("docx", f"{nombre} documents en {duree:.1f} s (CPU {cpu:.1f} s), {memoire:.0f} Mo, code {code}")
    ligne("dont validation du dépôt", f"{validation[0]:.2f} s")
    cible("4a", "docx ≤ 25 ms par document", f"{par_document:.1f} ms (hors validation)", par_document <= 25)
    if not pdf:
        ligne("PDF", "non mesuré (--pdf)")
        return
    sortie = racine / "pdf"
    duree, memoire, code, cpu = cte("generate", "reglement", "--tous", str(dossier), "-o", str(sortie),
                                    "-f", "pdf", "--date", DATE)
    pdfs = len(list(sortie.glob("*.pdf")))
    ligne("PDF (LibreOffice, par lots)", f"{pdfs} PDF en {duree:.0f} s ({duree / max(pdfs, 1):.2f} s par document), "
          f"code {code}")
    cible("4b", "PDF de tout le pays", f"{pdfs}/{nombre} écrits, code {code}", code == 0 and pdfs == nombre)


# --- 5 : serveur de langage -------------------------------------------------------------------


def serveur_de_langage(dossier: Path, repetitions: int) -> None:
    from client_lsp import Client

    print("\n5. cte lsp sur le dépôt national 1x (délai : didChange puis survol, jusqu'à la réponse)")
    debut = time.perf_counter()
    client = Client("--date", DATE, cwd=dossier)
    client.demander("initialize", {"processId": os.getpid(), "rootUri": dossier.as_uri(), "capabilities": {}})
    client.envoyer("initialized", {})
    client.attendre(lambda m: m.get("method") == "window/logMessage" and "vérifié" in m["params"]["message"],
                    delai=300)
    ligne("chargement (démarrage, lecture, validation)", f"{time.perf_counter() - debut:.2f} s")
    local = sorted(dossier.glob("locaux/21/*.yaml"))[0]
    seance = sorted(dossier.glob("seances/*/*cle-21*.yaml"))[0]
    pires = []
    for libelle, fichier, modifier in (
        ("comité local (nom modifié)", local, lambda t, i: t.replace("nom: Comité local", f"nom: Comité local {i}", 1)),
        ("séance (comité mal écrit, puis corrigé)", seance,
         lambda t, i: t.replace("comite: cle-21", "comite: cle-12", 1) if i % 2 else t),
    ):
        texte = fichier.read_text(encoding="utf-8")
        uri = fichier.as_uri()
        client.envoyer("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 0,
                                                                 "text": texte}})
        client.demander("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        delais = []
        for i in range(1, max(repetitions, 5) * 2 + 1):
            debut = time.perf_counter()
            client.envoyer("textDocument/didChange", {"textDocument": {"uri": uri, "version": i},
                                                      "contentChanges": [{"text": modifier(texte, i)}]})
            client.demander("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
            delais.append(time.perf_counter() - debut)
        mediane = statistics.median(delais)
        pires.append(mediane)
        ligne(libelle, f"médiane {mediane * 1000:.0f} ms, max {max(delais) * 1000:.0f} ms ({len(delais)} modifications)")
    client.demander("shutdown", None)
    client.envoyer("exit", None)
    client.processus.wait(timeout=60)
    cible("5", "diagnostics ≤ 100 ms après une modification", f"{max(pires) * 1000:.0f} ms (pire médiane)",
          max(pires) <= 0.1)


# --- principal --------------------------------------------------------------------------------


def _compiler_cte() -> None:
    """Compile le bytecode de cte, comme `pip install` : sans cela, avec PYTHONDONTWRITEBYTECODE
    (ou un dossier en lecture seule), chaque lancement recompilerait les modules modifiés."""
    import compileall

    import cte_cli

    compileall.compile_dir(Path(cte_cli.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=5, help="essais par mesure (médiane)")
    parser.add_argument("--fois", default="1,2,4,8", help="tailles du dépôt mesurées (copies)")
    parser.add_argument("--sans-check-jsonschema", action="store_true")
    parser.add_argument("--sans-lsp", action="store_true")
    parser.add_argument("--pdf", action="store_true", help="produire aussi les PDF de tous les règlements")
    parser.add_argument("--garder", type=Path, help="générer dans ce dossier et le garder")
    args = parser.parse_args(argv)
    racine = args.garder or Path(tempfile.mkdtemp(prefix="cte-national-"))
    try:
        return _mesurer(racine, args)
    finally:
        if args.garder is None:
            shutil.rmtree(racine, ignore_errors=True)


def _mesurer(racine: Path, args) -> int:
    _compiler_cte()
    modeles = generer.Modeles()
    dossiers = {}
    for fois in sorted(int(x) for x in args.fois.split(",")):
        dossier = racine / f"national-{fois}x"
        if not dossier.exists():
            generer.generer(dossier, fois, modeles, fautes=True)
        fichiers = sorted(dossier.rglob("*.yaml"))
        dossiers[fois] = (dossier, len(fichiers), sum(f.stat().st_size for f in fichiers))
    dossier, fichiers, octets = dossiers[min(dossiers)]
    charge = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Dépôt national synthétique (fautes de saisie) : {fichiers} fichiers, {octets / 1e6:.1f} Mo ; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cœurs, charge {charge} ; médianes de "
          f"{args.repetitions} essais")
    validation_nationale(dossier, fichiers, racine, args.repetitions, args.sans_check_jsonschema)
    if len(dossiers) > 1:
        linearite(dossiers, max(3, args.repetitions // 2 + 1))
    region_et_aide(args.repetitions * 2)
    documents(dossier, racine, args.pdf)
    if not args.sans_lsp:
        serveur_de_langage(dossier, args.repetitions)
    print(f"\ncharge de la machine à la fin : {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
