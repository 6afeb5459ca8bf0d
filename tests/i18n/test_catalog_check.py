"""`python -m bot i18n check` (make i18n-check, part of make lint) passes on the committed catalogs and fails, naming
each entry, on a missing or fuzzy translation, or one past Discord's limits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import write_po

from bot.__main__ import main
from bot.i18n.catalogs import read_catalog
from bot.i18n.locales import catalog_path
from bot.paths import locales_dir


def test_the_committed_catalogs_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "check"]) == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_a_missing_a_fuzzy_and_a_too_long_translation_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(locales_dir(), locales)
    path = catalog_path("fr", locales)
    catalog = read_catalog(path, "fr")
    catalog.get("Compare two or three conditions side by side.", context="/compare: command description").string = ""
    catalog.get("Overview", context="option choice").flags.add("fuzzy")
    catalog.get("Every command, with an example.", context="/help: command description").string = "x" * 101
    with path.open("wb") as file:
        write_po(file, catalog)

    assert main(["i18n", "check", "--locales", str(locales)]) == 1
    err = capsys.readouterr().err
    assert "fr: [/compare: command description] 'Compare two or three conditions side by side.': not translated" in err
    assert "fr: [option choice] 'Overview': fuzzy" in err
    assert "fr: [/help: command description] 'Every command, with an example.': 101 characters" in err
    assert "3 translation problem(s)." in err
    assert "es-ES" not in err


def test_a_stale_template_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(locales_dir(), locales)
    pot = locales / "bot.pot"
    pot.write_text(pot.read_text(encoding="utf-8").replace("Every command, with an example.", "Old"), "utf-8")
    assert main(["i18n", "check", "--locales", str(locales)]) == 1
    assert "bot.pot is out of date (1 new, 1 gone)" in capsys.readouterr().err
