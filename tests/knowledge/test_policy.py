"""The evidence and wording rules validate enforces on every card (bot.knowledge.policy)."""

from __future__ import annotations

from bot.knowledge.models import Condition
from bot.knowledge.policy import card_problems
from tests.helpers import card_data, said


def problems(**overrides) -> list[tuple[str, str]]:
    return list(card_problems(Condition.model_validate(card_data("aa", **overrides))))


def source(source_id: str, kind: str = "review", url: str | None = None) -> dict:
    return {
        "id": source_id,
        "kind": kind,
        "title": f"Title {source_id}",
        "publisher": "A journal",
        "year": 2024,
        "url": url or f"https://doi.org/10.1000/{source_id}",
    }


def test_the_example_card_breaks_no_rule() -> None:
    assert problems() == []


def test_a_cite_must_name_one_of_the_card_s_sources() -> None:
    found = problems(tests=[{"text": "A test", "cite": ["one", "nowhere"]}])
    assert ("tests[0].cite", "'nowhere' is not one of this card's source ids") in found


def test_every_source_must_be_cited_somewhere() -> None:
    found = problems(sources=[*card_data("aa")["sources"], source("unused")])
    assert ("sources", "'unused' is not cited by any statement: cite it where it is used, or remove it") in found


def test_a_card_rests_on_at_least_one_guideline_or_criteria_paper() -> None:
    reviews = [source("one"), source("two")]
    assert ("sources", "needs at least one guideline or criteria paper (kind: guideline or criteria)") in problems(
        sources=reviews
    )
    assert problems(sources=[source("one", "criteria"), source("two")]) == []


def test_mirrors_and_duplicate_ids_or_urls_are_refused() -> None:
    mirrored = problems(sources=[source("one", "guideline"), source("two", url="https://www.pathway.md/diseases/x")])
    assert any(where == "sources[1].url" and "cite the original" in what for where, what in mirrored)
    twice = problems(sources=[source("one", "guideline"), source("two", url="https://doi.org/10.1000/one")])
    assert any("is listed 2 times" in what for _, what in twice)


def test_text_that_talks_about_the_sources_is_refused() -> None:
    for text in ("Not a feature in the sources used", "The sources do not settle this", "Not stated in reviews"):
        found = problems(hallmarks=[said(text)])
        assert any(where == "hallmarks[0]" and "talks about the sources" in what for where, what in found), text


def test_varies_must_say_how_it_varies() -> None:
    terse = problems(reflexes={"pattern": "varies", "detail": "It varies."})
    assert any(where == "reflexes.detail" for where, _ in terse)
    said_how = "Reduced in the first days of a severe attack (spinal shock), then brisk with stiffness."
    assert problems(reflexes={"pattern": "varies", "detail": said_how}) == []


def test_every_statement_of_a_card_is_listed_for_review() -> None:
    card = Condition.model_validate(card_data("aa"))
    paths = [path for path, _, _ in card.statements()]
    assert paths[:4] == ["summary", "clinical", "attacks", "criteria[0]"]
    for expected in ("reflexes", "antibodies", "treatments[0]", "cautions[0]", "red_flags.today[0]"):
        assert expected in paths
    assert all(cite for _, _, cite in card.statements())
