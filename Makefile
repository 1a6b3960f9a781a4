# Deux commandes d'installation (README) : `make demo` et `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATE_DEMO ?= 2026-11-22

.PHONY: install demo test couverture lint clean

$(BIN)/cte: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(BIN)/cte

install: $(BIN)/cte

## Installe cte et vérifie le dépôt d'exemple de Bourgogne-Franche-Comté
demo: install
	$(BIN)/cte validate examples/bourgogne-franche-comte --date $(DATE_DEMO)

## Installe cte et lance toute la suite de tests (et ruff, et mypy : strict sur droit/ et rules/)
test: install
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist worksteal

## La même suite, avec la couverture des lignes de src/cte_cli (sous-processus compris) ; plus lente
couverture: install
	$(BIN)/python -m pytest -n auto --dist worksteal --cov --cov-report=term:skip-covered

lint: install
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .coverage .coverage.*

## Régénérer ce qui dérive du code ou des sources (à committer ensuite)
.PHONY: regles modeles referentiel apercus
regles: install
	$(BIN)/cte regles --format markdown > docs/regles.md

modeles: install
	$(BIN)/python scripts/construire_modeles.py

referentiel: install
	$(BIN)/python scripts/construire_referentiel.py

## Aperçus des documents de docs/documents.md (LibreOffice et pdftoppm)
apercus: install
	$(BIN)/python scripts/apercus_documents.py
