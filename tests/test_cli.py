from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.knowledge.base import KnowledgeBase
from bot.paths import schema_dir
from bot.schema import SCHEMAS, render_schema
from tests.helpers import card_data, write_content


def test_validate_passes_on_the_bundled_content(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"OK: {len(kb)} conditions and {len(kb.glossary)} glossary terms are valid")
    assert len(out.splitlines()) == 1


def test_validate_lists_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_content(tmp_path, [card_data("aa", category="bones"), card_data("bb", related=["zz"])])
    assert main(["validate", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Found 2 problem(s) in the content:" in err
    assert "aa.yaml: aa: category: 'bones' is not allowed" in err
    assert "bb.yaml: bb: related: 'zz' is not a known condition key" in err


def test_validate_catches_a_card_too_long_for_discord(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Each field is within its own cap, but together they exceed the 6000 characters of one message.
    long_list, detail = ["x" * 120] * 8, "d" * 350
    card = card_data(
        "aa",
        summary="y" * 700,
        clinical="z" * 900,
        hallmarks=long_list,
        tests=long_list,
        treatments=long_list,
        red_flags={"emergency": ["e" * 160] * 6, "soon": ["s" * 160] * 6},
        reflexes={"pattern": "brisk", "detail": detail},
        sensation={"involvement": "spared", "detail": detail},
    )
    assert main(["validate", "--data", str(write_content(tmp_path, [card]))]) == 1
    assert "aa: whole card: too long for Discord: embeds total" in capsys.readouterr().err


def test_preview_prints_every_section(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "gbs"]) == 0
    out = capsys.readouterr().out
    gbs = kb.by_key["gbs"]
    for expected in [
        "GUILLAIN-BARRÉ SYNDROME (GBS)",
        "## What the immune system attacks",
        "## Leg weakness",
        "## Antibodies",
        "## Key tests",
        "## Main treatments",
        "## Sources",
        "Get emergency help now",
        "See a doctor soon if:",
        "-- Educational only",
        gbs.red_flags.emergency[0],
        gbs.sources[0].publisher,
    ]:
        assert expected in out


def test_preview_of_one_section_and_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "ms", "--section", "treatment"]) == 0
    out = capsys.readouterr().out
    assert "## Main treatments" in out and "## Key tests" not in out
    assert main(["preview", "not-a-condition"]) == 2
    assert "No condition matches that name" in capsys.readouterr().err


def test_committed_json_schemas_are_current() -> None:
    for name, model in SCHEMAS.items():
        committed = (schema_dir() / name).read_text(encoding="utf-8")
        assert committed == render_schema(model), f"schema/{name} is stale: run `python -m bot schema`"
    assert main(["schema", "--check"]) == 0
