from __future__ import annotations

from pathlib import Path

import pytest

from bot.__main__ import main
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.schema import SCHEMAS, render_schema
from bot.knowledge.translations import LANGUAGES
from bot.paths import schema_dir
from tests.helpers import card_data, said, write_content


def test_validate_passes_on_the_bundled_content(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"OK: {len(kb)} conditions and {len(kb.glossary)} glossary terms are valid")
    _, *languages = out.splitlines()
    # Then one line per content language, and nothing stale in the bundled translations.
    assert [line.split(":")[0] for line in languages] == sorted(LANGUAGES) and "STALE" not in out


def test_validate_lists_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_content(tmp_path, [card_data("aa", category="bones"), card_data("bb", related=["zz"])])
    assert main(["validate", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Found 2 problem(s) in the content:" in err
    assert "aa.yaml: aa: category: 'bones' is not allowed" in err
    assert "bb.yaml: bb: related: 'zz' is not a known condition key" in err


def test_validate_catches_a_card_too_long_for_discord(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Each source is within its own caps, but twelve long ones exceed the 6000 characters of one message.
    long = [
        {
            "id": ["one", "two"][n] if n < 2 else f"s{n}",
            "kind": "guideline",
            "title": "t" * 200,
            "publisher": "p" * 80,
            "year": 2024,
            "url": f"https://example.org/{n}/" + "u" * 270,
        }
        for n in range(12)
    ]
    card = card_data("aa", sources=long, summary=said("y" * 700, cite=[s["id"] for s in long]))
    assert main(["validate", "--data", str(write_content(tmp_path, [card]))]) == 1
    assert "aa: sources section: too long for Discord: embeds total" in capsys.readouterr().err


def test_validate_only_reports_the_named_card(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_content(tmp_path, [card_data("aa"), card_data("bb", category="bones")])
    assert main(["validate", "--data", str(data), "--only", "aa"]) == 0
    assert "OK: aa valid" in capsys.readouterr().out
    assert main(["validate", "--data", str(data), "--only", "bb"]) == 1
    assert "bb: category: 'bones' is not allowed" in capsys.readouterr().err


def test_preview_prints_every_section(kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]) -> None:
    gbs = kb.by_key["gbs"]
    for section, expected in [
        (None, ["GUILLAIN-BARRÉ SYNDROME (GBS)", "## What the immune system attacks", "## At a glance"]),
        (
            None,
            ["Get emergency help now", "Get medical help today if:", "See a doctor soon if:", "-- Educational only"],
        ),
        (None, [gbs.red_flags.emergency[0].text, gbs.summary.text[:40]]),
        ("symptoms", ["## Leg weakness", "## Reflexes", "## Other hallmarks"]),
        ("diagnosis", ["## Criteria and guidelines", "## Antibodies", "## Key tests"]),
        ("treatment", ["## Main treatments", "## ⚠️ Cautions", gbs.cautions[0].text[:40]]),
        ("sources", ["## Sources", gbs.sources[0].publisher]),
    ]:
        assert main(["preview", "gbs", *(["--section", section] if section else [])]) == 0
        out = capsys.readouterr().out
        for text in expected:
            assert text in out, (section, text)


def test_preview_evidence_puts_every_statement_beside_its_sources(
    kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["preview", "gbs", "--evidence"]) == 0
    out = capsys.readouterr().out
    gbs = kb.by_key["gbs"]
    for path, _text, cite in gbs.statements():
        block = out.split(f"[{path}]\n", 1)[1].split("\n\n", 1)[0]
        for source_id in cite:
            source = gbs.source_by_id[source_id]
            assert f"<- {source_id}: {source.title}. {source.publisher}, {source.year}. {source.url}" in block


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
