from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.matcher import CHOICE_NAME_MAX, MAX_CHOICES, Entry, Matcher, normalize


def test_normalize_folds_case_accents_dashes_and_apostrophes() -> None:
    assert normalize("Guillain–Barré") == "guillain barre"
    assert normalize("  GUILLAIN-BARRE  ") == "guillain barre"
    assert normalize("Sjögren’s") == "sjogrens"
    assert normalize("Sjogren's syndrome") == "sjogrens syndrome"
    assert normalize("!!!") == ""


def small_matcher() -> Matcher:
    return Matcher(
        [
            Entry("gbs", "Guillain-Barré syndrome (GBS)", ("gbs", "Guillain-Barré syndrome", "GBS")),
            Entry("mg", "Myasthenia gravis (MG)", ("mg", "Myasthenia gravis", "MG")),
            Entry("lems", "Lambert-Eaton myasthenic syndrome (LEMS)", ("lems", "Lambert-Eaton myasthenic syndrome")),
            Entry("ms", "Multiple sclerosis (MS)", ("ms", "Multiple sclerosis")),
        ]
    )


@pytest.fixture
def small() -> Matcher:
    return small_matcher()


def test_resolve_exact_prefix_and_clear_typos(small: Matcher) -> None:
    assert small.resolve("GBS") == "gbs"
    assert small.resolve("guillain barre") == "gbs"  # unique prefix
    assert small.resolve("myasthenia") == "mg"
    assert small.resolve("mulitple sclerosis") == "ms"  # typo, clearly one card
    assert small.resolve("syndrome") is None  # names a word, not a card
    assert small.resolve("zzzz") is None
    assert small.resolve("   ") is None


def test_ambiguous_prefix_is_not_resolved(small: Matcher) -> None:
    assert small.resolve("m") is None
    assert set(small.suggest("m", 3)) <= {"mg", "ms", "lems"}


def test_rank_puts_prefix_before_word_prefix_before_fuzzy(small: Matcher) -> None:
    assert [e.key for e in small.rank("my")][:2] == ["mg", "lems"]  # name prefix, then word prefix
    assert small.rank("")[0].key == "gbs"  # empty query: natural order


def test_suggestions_for_a_near_miss(small: Matcher) -> None:
    assert small.suggest("gullian bare") == ["gbs"]


def test_choices_are_capped_and_short() -> None:
    entries = [Entry(f"k{i}", "x" * 150, (f"k{i}", f"name {i}")) for i in range(40)]
    choices = Matcher(entries).choices("")
    assert len(choices) == MAX_CHOICES
    assert all(1 <= len(name) <= CHOICE_NAME_MAX for name, _ in choices)


@given(st.text(max_size=300))
def test_any_text_gives_valid_choices_and_never_raises(text: str) -> None:
    small = small_matcher()
    choices = small.choices(text)
    assert len(choices) <= MAX_CHOICES
    assert all(1 <= len(n) <= CHOICE_NAME_MAX and v in {"gbs", "mg", "lems", "ms"} for n, v in choices)
    assert small.resolve(text) in {None, "gbs", "mg", "lems", "ms"}
    assert len(small.suggest(text)) <= 3


# The real content: what people actually type must land on the right card.
@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("guillain barre", "gbs"),
        ("Guillain–Barré", "gbs"),
        ("gbs", "gbs"),
        ("GBS", "gbs"),
        ("myasthenia", "mg"),
        ("lupus", "sle"),
        ("sle", "sle"),
        ("ms", "ms"),
        ("multiple sclerosis", "ms"),
        ("sjogren's", "sjogrens"),
        ("Sjögren", "sjogrens"),
    ],
)
def test_real_names_land(matcher: Matcher, typed: str, key: str) -> None:
    assert matcher.resolve(typed) == key


def test_real_autocomplete_offers_the_card_first(matcher: Matcher) -> None:
    assert matcher.choices("guil")[0][1] == "gbs"
    assert matcher.choices("myas")[0][1] == "mg"
