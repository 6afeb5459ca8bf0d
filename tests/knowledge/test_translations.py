"""Card translations: validated like the cards, shown only when reviewed and current, and found by local names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cards.reader import NOTICES, OTHER_LANGUAGE, card_for
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import read_knowledge
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.translations import TIERS, State, fingerprint, language_of
from bot.paths import content_dir

ROOT = Path(__file__).resolve().parents[2]
REVIEWED = {"status": "reviewed", "drafted_on": "2026-12-01", "reviewed_by": "A. Revisora", "reviewed_on": "2026-12-03"}


def translation_of(kb: KnowledgeBase, card_key: str, **changes: Any) -> dict[str, Any]:
    """A valid Spanish translation of the card (its words marked, not translated), with `changes` applied."""
    key = card_key
    card = kb.by_key[key]
    raw: dict[str, Any] = {
        "key": key,
        "translated_from": fingerprint(card),
        "review": {"status": "draft", "drafted_on": "2026-12-04"},
        "name": f"Nombre de {key}",
        "aliases": [f"ALIAS-{key.upper()}"],
        "summary": f"ES {card.summary.text}"[:700],
        "red_flags": {tier: [f"ES {f.text}"[:160] for f in getattr(card.red_flags, tier)] for tier in TIERS},
    }
    raw.update(changes)
    return raw


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(content_dir(), copy, ignore=shutil.ignore_patterns("es", "fr"))
    return copy


def write(data: Path, language: str, name: str, raw: dict[str, Any]) -> None:
    folder = data / language / "conditions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def test_a_draft_is_loaded_but_the_reader_gets_the_english_card_and_a_line_why(data: Path, kb: KnowledgeBase) -> None:
    write(data, "es", "gbs", translation_of(kb, "gbs"))
    loaded, problems = read_knowledge(data)
    assert problems == []
    card, notice = card_for(loaded, "gbs", "es-419")
    assert card is loaded.by_key["gbs"] and notice == NOTICES["es"][State.DRAFT]
    assert condition_matcher(loaded).resolve("alias-gbs") == "gbs"  # local names find the card, draft or not


def test_a_reviewed_current_translation_shows_its_summary_and_red_flags(data: Path, kb: KnowledgeBase) -> None:
    write(data, "es", "gbs", translation_of(kb, "gbs", review=REVIEWED))
    loaded, problems = read_knowledge(data)
    assert problems == []
    card, notice = card_for(loaded, "gbs", "es-ES")
    assert notice == NOTICES["es"][State.CURRENT]
    assert card.summary.text.startswith("ES ") and card.summary.cite == kb.by_key["gbs"].summary.cite
    assert all(f.text.startswith("ES ") for tier in TIERS for f in getattr(card.red_flags, tier))
    assert card.treatments == kb.by_key["gbs"].treatments  # the rest stays English
    english, nothing = card_for(loaded, "gbs", "en-GB")
    assert english is loaded.by_key["gbs"] and nothing is None


def test_a_translation_of_an_older_english_is_stale_and_validate_says_so(data: Path, kb: KnowledgeBase) -> None:
    write(data, "fr", "ms", translation_of(kb, "ms", review=REVIEWED, translated_from="0" * 12))
    loaded, _ = read_knowledge(data)
    card, notice = card_for(loaded, "ms", "fr")
    assert card is loaded.by_key["ms"] and notice == NOTICES["fr"][State.STALE]
    validate = [sys.executable, "-m", "bot", "validate", "--data", str(data)]
    result = subprocess.run(validate, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "fr: 1 card(s) translated: 0 reviewed and current, 0 draft(s), 1 stale." in result.stdout
    now = fingerprint(kb.by_key["ms"])
    assert (
        f"STALE: data/fr/conditions/ms.yaml was translated from an older English version (now {now})" in result.stdout
    )
    fingerprint_of = [sys.executable, "-m", "bot", "fingerprint", "ms", "--data", str(data)]
    printed = subprocess.run(fingerprint_of, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert printed.stdout.strip() == fingerprint(kb.by_key["ms"])


@pytest.mark.parametrize(
    ("name", "raw_change", "expected"),
    [
        ("gbs", {"red_flags": {"emergency": ["uno"], "today": ["dos"], "soon": ["tres"]}}, "emergency has 1 item(s)"),
        ("gbs", {"aliases": ["MS"]}, "'MS' is already used by 'ms'"),
        ("nope", {"key": "nope"}, "'nope' is not a known condition key"),
        ("ms", {}, "must match the file name ('ms')"),
    ],
)  # fmt: skip
def test_a_translation_that_does_not_match_its_card_is_refused(
    data: Path, kb: KnowledgeBase, name: str, raw_change: dict[str, Any], expected: str
) -> None:
    write(data, "es", name, translation_of(kb, "gbs", **raw_change))
    loaded, problems = read_knowledge(data)
    assert any(expected in str(p) and f"data/es/conditions/{name}.yaml" in str(p) for p in problems), problems
    assert loaded.translations == {}  # nothing half-loaded


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de", NOTICES["de"][State.MISSING]),
        ("pt-BR", NOTICES["pt-BR"][State.MISSING]),
        ("es-ES", NOTICES["es"][State.MISSING]),
        ("ja", OTHER_LANGUAGE),
        ("en-US", None),
        (None, None),
    ],
)
def test_every_reader_who_is_not_reading_english_is_told_in_their_language(
    data: Path, locale: str | None, expected: str | None
) -> None:
    loaded, _ = read_knowledge(data)  # no translations at all
    assert card_for(loaded, "mg", locale)[1] == expected


def test_discord_locales_map_to_content_languages() -> None:
    assert [language_of(x) for x in ("es-ES", "es-419", "fr", "de", "en-US", None)] == [
        "es",
        "es",
        "fr",
        None,
        None,
        None,
    ]


def test_a_local_name_may_not_make_a_cause_the_bot_does_not_cover_open_a_card(data: Path, kb: KnowledgeBase) -> None:
    # "PD" is Parkinson's disease (not covered); a Spanish alias starting with it would make "PD" open GBS.
    write(data, "es", "gbs", translation_of(kb, "gbs", aliases=["PDIA"]))
    _, problems = read_knowledge(data)
    assert [str(p) for p in problems] == [
        "data/es/conditions/gbs.yaml: gbs: aliases: with these names, 'PD' (not covered: Parkinson's disease) would "
        "open this card"
    ]
