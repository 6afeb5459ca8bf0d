"""Every file or folder the documents name in backticks exists, so a move does not leave readers at a dead end.

Only paths inside this repository are checked (they start with one of its top-level folders); files the bench or
a run writes and git ignores are allowed to be absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [*sorted(ROOT.glob("*.md")), ROOT / "local_discord" / "README.md"]
NAMED_PATH = re.compile(r"`((?:bot|cogs|tests|local_discord|bench|data|schema)/[\w/.-]+)`")
WRITTEN_BY_RUNS = {"bench/results.json", "bench/profiles/", "bench/scale.json"}


def named_paths(text: str) -> set[str]:
    return {path for path in NAMED_PATH.findall(text) if path not in WRITTEN_BY_RUNS}


def test_the_pattern_finds_paths_and_only_paths() -> None:
    text = "see `bot/app.py` and `tests/e2e/`, not `make test` or `bot` alone, and `bench/results.json`"
    assert named_paths(text) == {"bot/app.py", "tests/e2e/"}


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_path_a_document_names_exists(document: Path) -> None:
    missing = sorted(path for path in named_paths(document.read_text(encoding="utf-8")) if not (ROOT / path).exists())
    assert missing == [], f"{document.name} names paths that do not exist: {missing}"
