# Everything bootstraps a virtualenv with nothing but python3 and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install whenever pyproject.toml changes.
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint validate preview schema i18n-extract i18n-update i18n-check bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)  ## run the bot (offline local mode when DISCORD_TOKEN is not set); MODE=http: the console over HTTP delivery
	$(BIN)/python -m bot run $(if $(filter http,$(MODE)),--http)

test: $(STAMP) lint  ## lint, then the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP) i18n-check  ## ruff, and mypy (strict on the pure layers; see pyproject.toml), and the translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

validate: $(STAMP)  ## check all content
	$(BIN)/python -m bot validate

preview: $(STAMP)  ## print a card, e.g. make preview NAME=gbs
	$(BIN)/python -m bot preview $(NAME)

schema: $(STAMP)  ## regenerate schema/*.json after changing the content models
	$(BIN)/python -m bot schema

i18n-extract: $(STAMP)  ## write locales/bot.pot from the command tree
	$(BIN)/python -m bot i18n extract

i18n-update: $(STAMP)  ## extract, then merge into every locales/<locale>/LC_MESSAGES/bot.po
	$(BIN)/python -m bot i18n update

i18n-check: $(STAMP)  ## fail on a missing or fuzzy translation, or one past Discord's limits
	$(BIN)/python -m bot i18n check

bench: $(STAMP)  ## benchmarks (not tests)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
