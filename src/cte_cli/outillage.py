"""L'outillage d'un dépôt de configuration écrit par `cte init` : CI, pre-commit, éditeur.

- `.gitlab-ci.yml` (défaut) ou `.github/workflows/cte.yml` (`--forge github`) : validation à
  chaque poussée avec les rapports Code Quality et JUnit (GitLab) ou les annotations et le
  SARIF (GitHub), `--depuis` la branche cible sur une demande de fusion, et sur la branche par
  défaut les règlements intérieurs et la cartographie construits comme artefacts ;
- `.pre-commit-config.yaml` : les crochets de cte (mêmes identifiants et commandes que
  `.pre-commit-hooks.yaml` du projet), en dépôt `local` (le `cte` de l'agent) ou, avec
  `--crochets URL`, depuis le dépôt de cte à la version courante ;
- `.editorconfig`, `.vscode/settings.json` et `.vscode/extensions.json` : UTF-8, fins de ligne
  LF, indentation de 2 espaces, et le JSON Schema `cte.schema.json` (écrit à côté) associé aux
  fichiers YAML du dépôt pour la complétion et le contrôle dans l'éditeur (docs/schema.md) ;
- `.gitignore` : les rapports et documents produits par la CI.

La version de cte est épinglée partout (`CTE_PAQUET`, `rev:`) : mettre cte à jour est un
commit du dépôt, relu comme un autre.
"""

from __future__ import annotations

import json
from pathlib import Path

FORGES = ("gitlab", "github")
#: le schéma, à la racine du dépôt (chemin relatif des réglages et des lignes modeline)
SCHEMA = "cte.schema.json"
#: motifs des fichiers du format, par dossier écrit par `cte init` (docs/schema.md)
MOTIFS_YAML = (
    "regional/**/*.yaml", "departemental/**/*.yaml", "territorial/**/*.yaml", "locaux/**/*.yaml",
    "seances/**/*.yaml", "feuilles-de-route/**/*.yaml", "parametres/**/*.yaml",
)
RAPPORT_CODE_QUALITY = "gl-code-quality-report.json"
RAPPORT_JUNIT = "cte-junit.xml"
DOSSIER_DOCUMENTS = "documents"

#: crochets de `.pre-commit-hooks.yaml` (même id, même commande ; testé par tests/test_outillage.py)
CROCHETS = (
    ("cte-validate", "cte validate (fichiers modifiés)", "cte validate --depuis HEAD"),
    ("cte-validate-tout", "cte validate (tout le dépôt)", "cte validate"),
)


def version_cte() -> str:
    from cte_cli import __version__

    return __version__


def modeline(profondeur: int) -> str:
    """La ligne `# yaml-language-server: $schema=…` d'un fichier à `profondeur` dossiers de la
    racine (convention de yaml-language-server, lue par VS Code, Neovim, Helix, Zed…)."""
    return f"# yaml-language-server: $schema={'../' * profondeur}{SCHEMA}\n"


def paquet(version: str, depot_cte: str | None = None) -> str:
    """Ce que la CI installe : cte depuis son dépôt git à l'étiquette de la version (`--crochets
    URL`, tant que le paquet n'est pas publié sur PyPI), sinon `cte-cli==version` (PyPI ou le
    miroir de l'administration, via PIP_INDEX_URL)."""
    if depot_cte:
        return f"cte-cli @ git+{depot_cte}@v{version}"
    return f"cte-cli=={version}"


def gitlab_ci(code_region: str, version: str, depot_cte: str | None = None) -> str:
    return f"""\
# Intégration continue du dépôt de configuration des comités territoriaux pour l'emploi.
# Écrit par `cte init` (cte {version}) ; documentation : docs/ci.md de cte.
#
# - à chaque poussée : `cte validate`, rapport Code Quality (annotations du diff de la demande
#   de fusion) et rapport JUnit (onglet « Tests ») ; sur une demande de fusion, seulement ce
#   qui a changé depuis la branche cible (`--depuis`) et ce qui en dépend ;
# - sur la branche par défaut : règlements intérieurs et cartographie, en artefacts.

variables:
  # version de cte, épinglée : la mettre à jour est un commit relu comme un autre ; paquet
  # pas encore sur PyPI : `cte init --crochets URL` l'installe depuis le dépôt de cte
  # (docs/ci.md), ou un index interne (variable PIP_INDEX_URL du projet)
  CTE_PAQUET: "{paquet(version, depot_cte)}"
  CTE_REGION: "{code_region}"
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"
  GIT_DEPTH: "100"

default:
  image: python:3.11-slim
  cache:
    key: cte-pip
    paths: [.cache/pip]
  before_script:
    # une image ou un exécuteur où cte est déjà installé s'en sert tel quel
    - command -v cte >/dev/null 2>&1 || python -m pip install --quiet "$CTE_PAQUET"
    - cte --version

stages: [valider, produire]

cte-valider:
  stage: valider
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH
  script:
    - |
      PORTEE=""
      if [ -n "${{CI_MERGE_REQUEST_TARGET_BRANCH_NAME:-}}" ]; then
        git fetch --depth=100 origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
        PORTEE="--depuis origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
      fi
      # rapport JUnit (onglet « Tests »), même s'il y a des erreurs
      cte validate $PORTEE --format junit --sortie {RAPPORT_JUNIT} --force . >/dev/null || true
      # rapport Code Quality ; le rapport texte s'affiche dans le journal ; échec s'il y a une erreur
      cte validate $PORTEE --format gitlab --sortie {RAPPORT_CODE_QUALITY} --force .
  artifacts:
    when: always
    expire_in: 30 days
    reports:
      codequality: {RAPPORT_CODE_QUALITY}
      junit: {RAPPORT_JUNIT}
    paths: [{RAPPORT_CODE_QUALITY}, {RAPPORT_JUNIT}]

cte-cartographie:
  stage: produire
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - cte cartographie --region "$CTE_REGION" --sortie {DOSSIER_DOCUMENTS}/cartographie.xlsx --force .
    - cte cartographie --region "$CTE_REGION" --open-data --sortie {DOSSIER_DOCUMENTS}/cartographie.csv --force .
  artifacts:
    name: "cartographie-$CI_COMMIT_SHORT_SHA"
    expire_in: 90 days
    paths: [{DOSSIER_DOCUMENTS}/]

# Un règlement intérieur demande `reglement_interieur` (réunions par an, délai de convocation,
# secrétariat…) : tant qu'un comité ne l'a pas, son règlement n'est pas produit et le job
# s'affiche en orange (« allowed to fail »), la liste des champs manquants dans le journal.
cte-reglements:
  stage: produire
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  allow_failure:
    exit_codes: [1]
  script:
    - cte generate reglement --tous . --sortie {DOSSIER_DOCUMENTS}/reglements --force
  artifacts:
    when: always
    name: "reglements-$CI_COMMIT_SHORT_SHA"
    expire_in: 90 days
    paths: [{DOSSIER_DOCUMENTS}/]
"""


def github_workflow(code_region: str, version: str, depot_cte: str | None = None) -> str:
    return f"""\
# Intégration continue du dépôt de configuration des comités territoriaux pour l'emploi.
# Écrit par `cte init --forge github` (cte {version}) ; documentation : docs/ci.md de cte.
name: cte
on:
  push:
  pull_request:
permissions:
  contents: read
  security-events: write   # envoi du SARIF (code scanning)
env:
  # version de cte, épinglée : la mettre à jour est un commit relu comme un autre ; paquet
  # pas encore sur PyPI : `cte init --crochets URL` l'installe depuis le dépôt de cte (docs/ci.md)
  CTE_PAQUET: "{paquet(version, depot_cte)}"
  CTE_REGION: "{code_region}"
jobs:
  valider:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0          # pour --depuis
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
      - run: python -m pip install "$CTE_PAQUET" && cte --version
      # annotations dans « Files changed » (et rapport texte dans le journal) ; sur une
      # demande de fusion, seulement ce qui a changé depuis la branche cible
      - name: cte validate
        run: |
          if [ -n "$GITHUB_BASE_REF" ]; then
            cte validate --depuis "origin/$GITHUB_BASE_REF" --format github .
          else
            cte validate --format github .
          fi
      # SARIF pour l'onglet Security > Code scanning, même si l'étape précédente échoue
      - if: always()
        run: cte validate --format sarif --sortie cte.sarif --force . || true
      - if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: cte.sarif
          category: cte
  documents:
    if: github.event_name == 'push' && github.ref_name == github.event.repository.default_branch
    needs: valider
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
      - run: python -m pip install "$CTE_PAQUET"
      - run: cte cartographie --region "$CTE_REGION" --sortie {DOSSIER_DOCUMENTS}/cartographie.xlsx --force .
      - run: cte cartographie --region "$CTE_REGION" --open-data --sortie {DOSSIER_DOCUMENTS}/cartographie.csv --force .
      # un comité sans `reglement_interieur` complet n'a pas encore de règlement : le journal
      # dit ce qui manque, l'étape ne bloque pas les autres documents
      - run: cte generate reglement --tous . --sortie {DOSSIER_DOCUMENTS}/reglements --force
        continue-on-error: true
      - uses: actions/upload-artifact@v4
        with:
          name: documents
          path: {DOSSIER_DOCUMENTS}/
          retention-days: 90
"""


def pre_commit(version: str, depot_crochets: str | None = None) -> str:
    """`.pre-commit-config.yaml` : crochets de cte, depuis `depot_crochets` (URL du dépôt de cte,
    `rev: v<version>`) ou, par défaut, en dépôt `local` avec le `cte` installé chez l'agent."""
    entete = (
        "# Crochets pre-commit (https://pre-commit.com) : pip install pre-commit && pre-commit install\n"
        f"# Écrit par `cte init` (cte {version}). `cte-validate` vérifie les fichiers du commit et ceux\n"
        "# qui en dépendent ; `cte-validate-tout` vérifie tout le dépôt, à la demande :\n"
        "#   pre-commit run --all-files --hook-stage manual cte-validate-tout\n"
        "# Voir docs/ci.md de cte.\n"
    )
    if depot_crochets:
        return entete + (
            "repos:\n"
            f"  - repo: {depot_crochets}\n"
            f"    rev: v{version}\n"
            "    hooks:\n"
            "      - id: cte-validate\n"
            "      # - id: cte-validate-tout\n"
        )
    crochets = []
    for i, (ident, nom, commande) in enumerate(CROCHETS):
        crochets.append(
            f"      - id: {ident}\n"
            f"        name: {nom}\n"
            f"        entry: {commande}\n"
            "        language: system\n"
            "        files: \\.(ya?ml)$\n"
            "        pass_filenames: false\n"
            "        require_serial: true\n"
            # tout le dépôt : à la demande, `pre-commit run --all-files --hook-stage manual`
            + ("        stages: [manual]\n" if i else "")
        )
    return entete + (
        "# Dépôt « local » : le `cte` installé chez l'agent (même version que la CI, CTE_PAQUET).\n"
        "# Variante sans installation préalable : repo: <URL du dépôt de cte>, rev: v" + version + ".\n"
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n" + "".join(crochets)
    )


EDITORCONFIG = """\
# https://editorconfig.org : mêmes réglages pour tous les éditeurs du dépôt (écrit par cte init)
root = true

[*]
charset = utf-8
end_of_line = lf
insert_final_newline = true
trim_trailing_whitespace = true

[*.{yaml,yml}]
indent_style = space
indent_size = 2

[*.md]
trim_trailing_whitespace = false
"""


def vscode_settings() -> str:
    """Réglages VS Code (extension YAML de Red Hat) : le schéma pour les fichiers du format,
    jamais pour `.gitlab-ci.yml` ni `.github/` (docs/schema.md)."""
    reglages = {
        "yaml.schemas": {f"./{SCHEMA}": list(MOTIFS_YAML)},
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "yaml.format.enable": False,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.tabSize": 2, "editor.insertSpaces": True},
    }
    return json.dumps(reglages, ensure_ascii=False, indent=2) + "\n"


VSCODE_EXTENSIONS = json.dumps({"recommendations": ["redhat.vscode-yaml", "editorconfig.editorconfig"]},
                               indent=2) + "\n"

GITIGNORE = f"""\
# Produits par cte et par la CI (écrit par cte init)
/{RAPPORT_CODE_QUALITY}
/{RAPPORT_JUNIT}
/cte.sarif
/{DOSSIER_DOCUMENTS}/
/.cache/
/.gitlab-ci-local/
*.tmp
~$*
"""


def fichiers(code_region: str, forge: str = "gitlab", depot_crochets: str | None = None) -> dict[Path, str]:
    """Chemin relatif -> contenu des fichiers d'outillage du dépôt."""
    from cte_cli.erreurs import CteErreur
    from cte_cli.schema import texte as schema_texte

    if forge not in FORGES:
        raise CteErreur(f"forge « {forge} » inconnue ; forges possibles : {', '.join(FORGES)}")
    version = version_cte()
    resultat = {
        Path(".pre-commit-config.yaml"): pre_commit(version, depot_crochets),
        Path(".editorconfig"): EDITORCONFIG,
        Path(".vscode") / "settings.json": vscode_settings(),
        Path(".vscode") / "extensions.json": VSCODE_EXTENSIONS,
        Path(".gitignore"): GITIGNORE,
        Path(SCHEMA): schema_texte(),
    }
    if forge == "github":
        resultat[Path(".github") / "workflows" / "cte.yml"] = github_workflow(code_region, version, depot_crochets)
    else:
        resultat[Path(".gitlab-ci.yml")] = gitlab_ci(code_region, version, depot_crochets)
    return resultat
