from __future__ import annotations

import re

import pytest

from bot.cards.compare import NOT_SHARED_NOTE, SAME_MARK, compare_embeds
from bot.knowledge.models import Condition
from tests.helpers import CITE, card_data, said


def make(key: str, **overrides) -> Condition:
    return Condition.model_validate(card_data(key, **overrides))


def test_same_facets_side_by_side_with_shared_values_marked() -> None:
    a = make("aa", aliases=["AA"], reflexes={"pattern": "brisk", "detail": "x", "cite": CITE})
    b = make("bb", aliases=["BB"])
    (embed,) = compare_embeds([a, b])
    fields = {f.name: f.value for f in embed.fields}
    assert fields["Reflexes"] == "**AA**: brisk\n**BB**: reduced or absent"
    assert fields["Sensation" + SAME_MARK] == "often involved"
    assert NOT_SHARED_NOTE in embed.description
    assert embed.title == "Compare: AA vs BB"
    assert embed.footer.text.startswith("Educational only")


def test_three_way_compare_has_every_condition_in_each_differing_row() -> None:
    cards = [make(k, aliases=[k.upper()], attacks=said(f"target {k}")) for k in ("aa", "bb", "cc")]
    (embed,) = compare_embeds(cards)
    attacked = next(f for f in embed.fields if f.name == "What is attacked")
    assert attacked.value.count("\n") == 2 and "**CC**: target cc" in attacked.value


def test_long_lists_are_shortened_by_whole_items() -> None:
    many = [said(f"A reasonably long treatment name number {i}") for i in range(8)]
    cards = [make("aa", aliases=["AA"], treatments=many), make("bb", aliases=["BB"]), make("cc", aliases=["CC"])]
    (embed,) = compare_embeds(cards)
    lines = next(f.value for f in embed.fields if f.name == "Main treatments").split("\n")
    assert lines[0].startswith("**AA**: A reasonably long treatment name number 0; ")
    assert re.search(r"number \d; \+\d more$", lines[0])
    assert lines[1:] == ["**BB**: IVIg", "**CC**: IVIg"]


def test_cautions_are_a_row_of_their_own() -> None:
    cards = [make("aa", aliases=["AA"]), make("bb", aliases=["BB"], cautions=[said("Avoid X", kind="worsens")])]
    (embed,) = compare_embeds(cards)
    row = next(f for f in embed.fields if f.name == "Cautions")
    assert row.value == "**AA**: Steroids alone do not help\n**BB**: Avoid X"


def test_every_comparison_of_the_longest_cards_fits_one_message() -> None:
    long = [said("x" * 160) for _ in range(10)]
    cards = [
        make(k, aliases=[k.upper()], tests=long[:8], treatments=long, cautions=[said("c" * 160, kind="risk")] * 8)
        for k in ("aa", "bb", "cc")
    ]
    (embed,) = compare_embeds(cards)
    assert len(embed) <= 6000


@pytest.mark.parametrize("count", [1, 4])
def test_only_two_or_three(count: int) -> None:
    with pytest.raises(ValueError):
        compare_embeds([make(f"k{i}") for i in range(count)])
