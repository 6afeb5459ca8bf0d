"""How a typed query is read: contractions, possessives, stop words, synonyms, named conditions and treatments."""

from __future__ import annotations

from hypothesis import given, settings

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.search.query import MAX_WORDS, Term, parse, plain_words
from tests.typed_text import typed_text


def words(text: str, kb: KnowledgeBase | None = None) -> list[str]:
    return [t.word for t in parse(text, condition_matcher(kb) if kb else None).terms]


def test_apostrophes_inside_words_are_contractions_and_possessives_not_word_breaks() -> None:
    assert plain_words("I can't feel my feet") == ["i", "can", "not", "feel", "my", "feet"]
    assert plain_words("don’t won't isn't") == ["do", "not", "will", "not", "is", "not"]
    assert plain_words("Sjögren's syndrome") == ["sjögren", "syndrome"]
    assert "t" not in words("I can't feel my feet")  # "can't" once became "can" + "t", which found "T cell"


def test_stop_words_go_and_only_stop_words_leave_nothing_to_search() -> None:
    assert words('What is the "treatment" for my legs?') == ["treatment", "legs"]
    assert parse("the").empty and parse("don't").empty
    assert words("NEAR(a b) AND c*") == ["near", "b", "c"]  # operators are just words
    assert words("vision Vision VISION") == ["vision"]
    assert parse("\x00 🙂 ... ---").empty
    assert len(words(" ".join(f"w{n}" for n in range(50)))) == MAX_WORDS


def test_patients_words_bring_the_cards_words() -> None:
    (feel, feet) = parse("I can't feel my feet").terms
    assert feel == Term("feel", ("sensation", "numbness", "numb")) and "foot" in feet.alternatives


def test_a_named_condition_is_taken_out_of_the_words(kb: KnowledgeBase) -> None:
    query = parse("What is the treatment for Guillain-Barré syndrome?", condition_matcher(kb))
    assert query.cards == ("gbs",) and [t.word for t in query.terms] == ["treatment"]
    assert query.sections == {"Main treatments"}
    assert parse("gbs vs ms", condition_matcher(kb)).cards == ("gbs", "ms")
    assert parse("myelin", condition_matcher(kb)).cards == ()  # only exact names count


def test_treatments_are_recognised_by_their_everyday_names() -> None:
    assert parse("plasma exchange").agents == {"plasma_exchange"}
    assert parse("is rituximab safe").agents == {"anti_cd20"}
    assert parse("steroids").agents == {"corticosteroids"}


@settings(max_examples=300, deadline=None)
@given(typed_text())
def test_any_text_parses_into_bounded_plain_words(text: str) -> None:
    query = parse(text)
    assert len(query.terms) <= MAX_WORDS
    for term in query.terms:
        assert term.word and term.word.isalnum() and len(term.word) <= 40
