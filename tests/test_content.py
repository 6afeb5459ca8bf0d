"""Checks over all the real content: coverage, sourcing, vocabularies, links and readability."""

from __future__ import annotations

import re

import pytest
import textstat

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.matcher import Matcher, normalize
from bot.knowledge.vocab import Category, Clue, Course, Distribution, Fatigability, OnsetSpeed, Reflexes, Sensation

EXPECTED_KEYS = {
    "ms", "gbs", "mg", "sle", "sjogrens",  # the seed
    "cidp", "lems", "nmosd", "mogad", "atm", "dermatomyositis", "polymyositis", "imnm", "ibm", "mmn",
    "vasculitic-neuropathy", "sps", "neurosarcoidosis",
}  # fmt: skip
MAX_SUMMARY_GRADE = 9.0


def test_every_expected_condition_has_a_card(kb: KnowledgeBase) -> None:
    assert set(kb.by_key) >= EXPECTED_KEYS


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Miller Fisher syndrome", "gbs"), ("AMAN", "gbs"), ("AMSAN", "gbs"), ("transverse myelitis", "atm")],
)
def test_variants_are_findable_by_name(matcher: Matcher, typed: str, key: str) -> None:
    assert matcher.resolve(typed) == key


def test_every_card_cites_at_least_two_https_sources_with_publishers(kb: KnowledgeBase) -> None:
    for c in kb.conditions:
        assert len(c.sources) >= 2, c.key
        for s in c.sources:
            assert re.match(r"^https://[^\s/]+\.[^\s/]+/", s.url), (c.key, s.url)
            assert s.publisher.strip() and s.title.strip(), c.key
        assert len({s.url for s in c.sources}) == len(c.sources), f"{c.key}: a source is listed twice"


def test_controlled_facets_use_the_vocabularies(kb: KnowledgeBase) -> None:
    for c in kb.conditions:
        assert isinstance(c.category, Category)
        assert all(isinstance(v, OnsetSpeed) for v in c.onset.speed)
        assert all(isinstance(v, Course) for v in c.onset.course)
        assert all(isinstance(v, Distribution) for v in c.weakness.pattern)
        assert isinstance(c.reflexes.pattern, Reflexes)
        assert isinstance(c.sensation.involvement, Sensation)
        assert isinstance(c.fatigability.pattern, Fatigability)
        assert all(isinstance(v, Clue) for v in c.clues)
        # "varies" means the sources do not settle it, so it cannot sit beside a definite value.
        for values in (c.onset.speed, c.onset.course):
            assert "varies" not in values or len(values) == 1, c.key
        assert Distribution.NOT_TYPICAL not in c.weakness.pattern or len(c.weakness.pattern) == 1, c.key


def test_every_card_has_both_red_flag_tiers_and_related_links_resolve(kb: KnowledgeBase) -> None:
    for c in kb.conditions:
        assert c.red_flags.emergency and c.red_flags.soon, c.key
        assert all(k in kb.by_key and k != c.key for k in c.related), c.key


@pytest.mark.parametrize(
    ("key", "partners"),
    [("ms", {"nmosd", "mogad"}), ("gbs", {"cidp"}), ("mg", {"lems"}), ("polymyositis", {"ibm", "imnm"})],
)
def test_commonly_confused_cards_link_each_other(kb: KnowledgeBase, key: str, partners: set[str]) -> None:
    assert partners <= set(kb.by_key[key].related)


def test_glossary_has_the_terms_readers_meet(kb: KnowledgeBase) -> None:
    terms = {normalize(n) for t in kb.glossary for n in (t.term, *t.aliases)}
    assert len(kb.glossary) >= 40
    for needed in ["myelin", "neuromuscular junction", "areflexia", "Babinski sign", "IVIG", "oligoclonal bands"]:
        assert normalize(needed) in terms
    for c in kb.conditions:
        assert all(normalize(t) in terms for t in c.glossary), c.key


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_plain_summary_reads_at_grade_nine_or_below(kb: KnowledgeBase, key: str) -> None:
    grade = textstat.flesch_kincaid_grade(kb.by_key[key].summary.text)
    assert grade <= MAX_SUMMARY_GRADE, f"{key}: Flesch-Kincaid grade {grade:.1f}"
