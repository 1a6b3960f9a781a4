"""Mesures de `cte validate` sur un dépôt national synthétique (docs/performance.md).

    python benchmarks/national.py            # depuis un clone, venv du projet activé

Génère le dépôt (benchmarks/generer.py) dans un dossier temporaire, compile le bytecode de cte
(comme `pip install`), puis affiche : temps et mémoire de crête de `cte validate` (processus à
part ; rapport texte par défaut, puis --format json et sarif), temps par phase (découverte,
lecture et analyse YAML, modèles, règles, positions, rapport texte), coût à 1x, 2x, 4x,
`--depuis` après modification d'un comité local, `cte --help`, le plancher d'analyse seule
(rapidyaml, yaml-rs, PyYAML) et check-jsonschema avec le schéma exporté sur les mêmes fichiers,
en essais alternés avec cte. Chaque temps est le meilleur de --repetitions essais (la machine
est partagée : le minimum est le plus reproductible).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ICI = Path(__file__).resolve().parent
sys.path.insert(0, str(ICI))

import generer  # noqa: E402

DATE = "2026-11-22"


#: petit lanceur : la mémoire de crête mesurée est celle de `cte` seul, pas celle du processus
#: de mesure (un fork hérite de sa mémoire)
_LANCEUR = (
    "import resource, subprocess, sys, time; d = time.perf_counter(); "
    "c = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(time.perf_counter() - d, u.ru_maxrss, c, u.ru_utime + u.ru_stime)"
)


def _cte(*args: str, cwd: Path | None = None) -> tuple[float, float, int, float]:
    """(secondes, Mo de crête, code, secondes de CPU) d'une commande `cte` dans son propre
    processus. Le temps CPU dépend peu de la charge de la machine : comparez-le au temps réel."""
    sortie = subprocess.run([sys.executable, "-c", _LANCEUR, sys.executable, "-m", "cte_cli", *args],
                            cwd=cwd, capture_output=True, text=True, check=True).stdout.split()
    return float(sortie[0]), int(sortie[1]) / 1024, int(sortie[2]), float(sortie[3])


def _meilleur(repetitions: int, fonction, *args, **kwargs):
    essais = [fonction(*args, **kwargs) for _ in range(repetitions)]
    return min(essais, key=lambda e: e[0])


def phases(dossier: Path) -> dict[str, float]:
    """Le pipeline de `moteur.valider`, chronométré phase par phase, dans ce processus (avec,
    comme lui, le ramasse-miettes des cycles suspendu), puis le rapport texte."""
    from cte_cli.moteur import ramasse_miettes_en_pause

    with ramasse_miettes_en_pause():
        return _phases(dossier)


def _phases(dossier: Path) -> dict[str, float]:
    import io

    from cte_cli.cli.commun import console
    from cte_cli.loading import depot as d
    from cte_cli.loading.parser import Limites
    from cte_cli.moteur import Resultat, situer
    from cte_cli.reports.texte import rendu
    from cte_cli.rules.registry import Contexte, appliquer, charger_regles

    temps: dict[str, float] = {}
    t = time.perf_counter()
    fichiers = d.decouvrir([str(dossier)])
    temps["découverte"] = time.perf_counter() - t
    t = time.perf_counter()
    limites, documents, constats = Limites(), [], []
    for fichier in fichiers:
        doc, trouves = d.lire(fichier, limites)
        constats += trouves
        if doc is not None:
            documents.append(doc)
    temps["lecture + analyse YAML"] = time.perf_counter() - t
    t = time.perf_counter()
    for doc in documents:
        constats += d.valider(doc)
    temps["modèles pydantic"] = time.perf_counter() - t
    regles = list(charger_regles().values())
    ctx = Contexte([doc for doc in documents if doc.modele is not None], date.fromisoformat(DATE))
    _ = ctx.geo, ctx.parametres
    t = time.perf_counter()
    constats += appliquer(ctx, regles)
    temps["règles"] = time.perf_counter() - t
    t = time.perf_counter()
    situer(constats)
    temps["positions"] = time.perf_counter() - t
    t = time.perf_counter()
    sortie = console()
    sortie.file = io.StringIO()
    sortie.print(rendu(Resultat(sorted(constats, key=lambda c: c.cle_tri()), d.Depot(documents, [], len(fichiers)),
                                date.fromisoformat(DATE), ctx)))
    temps["rapport texte (rich)"] = time.perf_counter() - t
    temps["constats"] = len(constats)
    temps["fichiers avec constats"] = len({c.fichier for c in constats})
    return temps


def plancher(dossier: Path) -> dict[str, float]:
    """Analyse seule de tous les fichiers (textes déjà en mémoire) avec chaque analyseur."""
    textes = [p.read_bytes() for p in sorted(dossier.rglob("*.yaml"))]
    resultats: dict[str, float] = {}
    try:
        import ryml

        t = time.perf_counter()
        for texte in textes:
            ryml.parse_in_arena(texte)
        resultats["rapidyaml (arbre, sans objets Python)"] = time.perf_counter() - t
    except ImportError:
        pass
    import yaml_rs

    chaines = [t.decode("utf-8") for t in textes]
    t = time.perf_counter()
    for texte in chaines:
        yaml_rs.loads(texte, parse_datetime=True)
    resultats["yaml-rs (objets Python)"] = time.perf_counter() - t
    import yaml

    t = time.perf_counter()
    for texte in chaines:
        yaml.load(texte, Loader=yaml.CSafeLoader)
    resultats["PyYAML + libyaml"] = time.perf_counter() - t
    return resultats


def check_jsonschema(dossier: Path, schema: Path) -> float | None:
    executable = shutil.which("check-jsonschema")
    if executable is None:
        return None
    fichiers = [str(p) for p in sorted(dossier.rglob("*.yaml"))]
    debut = time.perf_counter()
    subprocess.run([executable, "--schemafile", str(schema), *fichiers], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - debut


def depuis(dossier: Path, repetitions: int) -> tuple[float, float, int, float]:
    """`cte validate --depuis HEAD` après modification d'un comité local (dépôt git jetable)."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@exemple.invalid", "-C", str(dossier)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "national"], check=True)
    comite = next((dossier / "locaux").rglob("cle-*.yaml"))
    texte = comite.read_text(encoding="utf-8")
    comite.write_text(texte.replace("nom: Comité local", "nom: Le comité local", 1), encoding="utf-8")
    return _meilleur(repetitions, _cte, "validate", "--depuis", "HEAD", "--date", DATE, cwd=dossier)


def _ligne(libelle: str, valeur: str) -> None:
    print(f"  {libelle:<52} {valeur}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--fois", default="1,2,4", help="tailles du dépôt mesurées (copies)")
    parser.add_argument("--sans-check-jsonschema", action="store_true")
    parser.add_argument("--garder", type=Path, help="générer dans ce dossier et le garder")
    args = parser.parse_args(argv)
    racine = args.garder or Path(tempfile.mkdtemp(prefix="cte-national-"))
    try:
        return _mesurer(racine, args)
    finally:
        if args.garder is None:
            shutil.rmtree(racine, ignore_errors=True)


def _compiler_cte() -> None:
    """Compile le bytecode de cte, comme le fait `pip install` : sans cela, avec
    PYTHONDONTWRITEBYTECODE (ou un dossier en lecture seule), chaque lancement mesuré
    recompilerait les modules modifiés depuis la dernière compilation (quelques centièmes)."""
    import compileall

    import cte_cli

    compileall.compile_dir(Path(cte_cli.__file__).parent, quiet=1)


def _mesurer(racine: Path, args) -> int:
    _compiler_cte()
    modeles = generer.Modeles()
    tailles = [int(x) for x in args.fois.split(",")]
    dossiers = {}
    for fois in tailles:
        dossier = racine / f"national-{fois}x"
        fichiers, octets = generer.generer(dossier, fois, modeles)
        dossiers[fois] = (dossier, fichiers, octets)
    dossier, fichiers, octets = dossiers[tailles[0]]
    print(f"Dépôt national synthétique : {fichiers} fichiers, {octets / 1e6:.1f} Mo "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} cœurs)")
    print("\ncte validate (processus complet, meilleur essai)")
    for fois in tailles:
        d, n, o = dossiers[fois]
        duree, memoire, code, cpu = _meilleur(args.repetitions, _cte, "validate", str(d), "--date", DATE)
        _ligne(f"{fois}x : {n} fichiers, {o / 1e6:.1f} Mo", f"{duree:6.2f} s  (CPU {cpu:5.2f} s)  "
               f"{memoire:4.0f} Mo  code {code}, {cpu / n * 1000:.2f} ms CPU/fichier")
    for format_ in ("json", "sarif"):
        duree, memoire, _, cpu = _meilleur(args.repetitions, _cte, "validate", str(dossier), "--date", DATE,
                                           "--format", format_)
        _ligne(f"1x, --format {format_}", f"{duree:6.2f} s  (CPU {cpu:5.2f} s)  {memoire:4.0f} Mo")
    print("\nphases (dans ce processus, 1x, imports et référentiel déjà chargés)")
    detail = min((phases(dossier) for _ in range(args.repetitions)), key=lambda p: sum(
        v for k, v in p.items() if k not in ("constats", "fichiers avec constats")))
    for nom, valeur in detail.items():
        _ligne(nom, f"{valeur:6.3f} s" if isinstance(valeur, float) else str(valeur))
    print("\nautres commandes")
    duree, memoire, _, cpu = _meilleur(args.repetitions, _cte, "--help")
    _ligne("cte --help", f"{duree:6.2f} s  (CPU {cpu:5.2f} s)  {memoire:4.0f} Mo")
    copie = racine / "depuis"
    shutil.copytree(dossier, copie)
    duree, memoire, _, cpu = depuis(copie, args.repetitions)
    _ligne("cte validate --depuis HEAD (un comité local modifié)",
           f"{duree:6.2f} s  (CPU {cpu:5.2f} s)  {memoire:4.0f} Mo")
    print("\nplancher : analyse YAML seule de tous les fichiers (en mémoire)")
    for nom, valeur in plancher(dossier).items():
        _ligne(nom, f"{valeur:6.3f} s")
    if not args.sans_check_jsonschema:
        schema = racine / "cte.schema.json"
        subprocess.run([sys.executable, "-m", "cte_cli", "schema", "--sortie", str(schema)], check=True,
                       stderr=subprocess.DEVNULL)
        # alternés, meilleur de --repetitions essais pour chacun (comme les autres mesures)
        essais_cte, essais_externes = [], []
        for _ in range(args.repetitions):
            essais_cte.append(_cte("validate", str(dossier), "--date", DATE)[0])
            externe = check_jsonschema(dossier, schema)
            if externe is None:
                break
            essais_externes.append(externe)
        cte_temps = min(essais_cte)
        externe = min(essais_externes) if essais_externes else None
        print(f"\ncôte à côte (même exécution, essais alternés, meilleur de {len(essais_cte)})")
        _ligne("cte validate (toutes les règles, positions)", f"{cte_temps:6.2f} s")
        if externe is None:
            _ligne("check-jsonschema", "absent (pip install check-jsonschema)")
        else:
            _ligne("check-jsonschema --schemafile (forme seule)", f"{externe:6.2f} s  "
                   f"(cte {externe / cte_temps:.0f} fois plus rapide)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
