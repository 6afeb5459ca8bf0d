from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import ContentError, load_knowledge
from tests.helpers import card_data, write_content


def loading_problems(data: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_knowledge(data)
    return [str(p) for p in info.value.problems]


def problems_for(tmp_path: Path, cards, glossary=None) -> list[str]:
    return loading_problems(write_content(tmp_path, cards, glossary))


def test_valid_content_loads(tmp_path: Path) -> None:
    kb = load_knowledge(write_content(tmp_path, [card_data("aa"), card_data("bb", related=["aa"])]))
    assert [c.key for c in kb.conditions] == ["aa", "bb"]
    assert kb.by_key["bb"].related == ("aa",)


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    broken_a = card_data("aa", category="bones")
    del broken_a["summary"]
    broken_b = card_data("bb", onset={"speed": ["hours"], "course": ["monophasic"], "detail": "x"})
    problems = problems_for(tmp_path, [broken_a, broken_b])
    assert any("aa.yaml: aa: category: 'bones' is not allowed; use one of:" in p for p in problems)
    assert any("aa.yaml: aa: summary: is required but missing" in p for p in problems)
    assert any("bb.yaml: bb: onset.speed[0]: 'hours' is not allowed" in p for p in problems)


def test_problem_names_file_condition_and_field_path(tmp_path: Path) -> None:
    card = card_data("aa")
    card["sources"][0]["url"] = "http://insecure.example/page"
    card["sources"][1]["url"] = "https://www.nhs.uk/"
    problems = problems_for(tmp_path, [card])
    assert "data/conditions/aa.yaml: aa: sources[0].url: must be a full https:// address with no spaces" in problems
    assert (
        "data/conditions/aa.yaml: aa: sources[1].url: must point to a specific page, not a site's home page" in problems
    )


def test_unknown_field_is_called_a_spelling_problem(tmp_path: Path) -> None:
    problems = problems_for(tmp_path, [card_data("aa", sumary="typo")])
    assert any("aa: sumary: is not a known field (check the spelling" in p for p in problems)


def test_too_few_sources_and_too_long_text(tmp_path: Path) -> None:
    card = card_data("aa", attacks={"text": "x" * 300, "cite": ["one"]})
    card["sources"] = card["sources"][:1]
    problems = problems_for(tmp_path, [card])
    assert any("aa: sources: needs at least 2 item(s)" in p for p in problems)
    assert any("aa: attacks.text: is too long (300 characters; at most 250)" in p for p in problems)


def test_yaml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    data = write_content(tmp_path, [card_data("aa")])
    (data / "conditions" / "bad.yaml").write_text("key: bad\nname: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_knowledge(data)
    (problem,) = [str(p) for p in info.value.problems]
    assert problem.startswith("data/conditions/bad.yaml: line 3, column 1: YAML syntax error")


def test_empty_file_and_wrong_date(tmp_path: Path) -> None:
    data = write_content(tmp_path, [card_data("aa", review={"status": "draft", "drafted_on": "last tuesday"})])
    (data / "conditions" / "empty.yaml").write_text("", encoding="utf-8")
    problems = loading_problems(data)
    assert "data/conditions/empty.yaml: must be a mapping of fields (key: value), not empty" in problems
    assert any("aa: review.drafted_on: 'last tuesday' is not a date; write it as YYYY-MM-DD" in p for p in problems)


def test_key_must_match_file_name(tmp_path: Path) -> None:
    data = write_content(tmp_path, [card_data("aa")])
    (data / "conditions" / "aa.yaml").rename(data / "conditions" / "other.yaml")
    problems = loading_problems(data)
    assert "data/conditions/other.yaml: aa: key: must match the file name ('other')" in problems


def test_duplicate_keys_and_aliases_across_files_are_errors(tmp_path: Path) -> None:
    cards = [
        card_data("aa", aliases=["Shared Name"]),
        card_data("bb", aliases=["shared name"]),  # same once case is folded
        card_data("cc", aliases=["AA"]),  # another card's key
    ]
    problems = problems_for(tmp_path, cards)
    assert "data/conditions/bb.yaml: bb: aliases: 'shared name' is already used by 'aa'" in problems
    assert "data/conditions/cc.yaml: cc: aliases: 'AA' is already used by 'aa'" in problems


def test_related_and_glossary_references_must_resolve(tmp_path: Path) -> None:
    glossary = [{"term": "myelin", "plain": "The fatty coat around many nerves."}]
    cards = [card_data("aa", related=["zz", "aa"], glossary=["myelin", "axon"])]
    problems = problems_for(tmp_path, cards, glossary)
    assert "data/conditions/aa.yaml: aa: related: 'zz' is not a known condition key" in problems
    assert "data/conditions/aa.yaml: aa: related: a card cannot be related to itself" in problems
    assert "data/conditions/aa.yaml: aa: glossary: 'axon' is not in glossary/" in problems


def test_duplicate_glossary_terms_are_errors(tmp_path: Path) -> None:
    glossary = [
        {"term": "CSF", "plain": "The fluid around your brain and spine."},
        {"term": "cerebrospinal fluid", "aliases": ["csf"], "plain": "The fluid around your brain and spine."},
    ]
    problems = problems_for(tmp_path, [card_data("aa")], glossary)
    assert "data/glossary/csf.yaml: term 'CSF': 'CSF' is already used by 'cerebrospinal fluid'" in problems


def test_a_glossary_term_lives_in_the_file_named_after_it(tmp_path: Path) -> None:
    data = write_content(tmp_path, [card_data("aa")], [{"term": "anti-Ro/SSA", "plain": "An antibody in Sjögren's."}])
    (data / "glossary" / "anti-ro-ssa.yaml").rename(data / "glossary" / "ro.yaml")
    problems = loading_problems(data)
    assert "data/glossary/ro.yaml: term 'anti-Ro/SSA': belongs in anti-ro-ssa.yaml" in problems


def test_a_failed_card_is_reported_once_not_again_by_every_card_linking_to_it(tmp_path: Path) -> None:
    broken = card_data("aa", category="bones")
    problems = problems_for(tmp_path, [broken, card_data("bb", related=["aa"]), card_data("cc", related=["aa"])])
    assert len(problems) == 1 and "aa: category: 'bones' is not allowed" in problems[0]


def test_a_plain_string_where_a_cited_statement_belongs_says_how_to_cite(tmp_path: Path) -> None:
    card = card_data("aa")
    card["tests"] = ["Nerve conduction study"]  # as a v1 card wrote it
    problems = problems_for(tmp_path, [card])
    assert (
        "data/conditions/aa.yaml: aa: tests[0]: must be a cited statement: text: ... and cite: [source ids]" in problems
    )


def test_no_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "data" / "conditions").mkdir(parents=True)
    with pytest.raises(ContentError, match="1 content problem"):
        load_knowledge(tmp_path / "data")


def test_reviewed_means_who_and_when_and_a_draft_claims_no_review(tmp_path: Path) -> None:
    cards = [
        card_data("aa", review={"status": "reviewed", "drafted_on": "2026-12-01"}),
        card_data("bb", review={"status": "draft", "drafted_on": "2026-12-01", "reviewed_on": "2026-12-02"}),
        card_data(
            "cc",
            review={"status": "reviewed", "drafted_on": "2026-12-03", "reviewed_by": "x", "reviewed_on": "2026-12-01"},
        ),
    ]
    problems = problems_for(tmp_path, cards)
    assert any(
        p.startswith("data/conditions/aa.yaml: aa: review:") and "needs reviewed_by and reviewed_on" in p
        for p in problems
    )
    assert any(
        p.startswith("data/conditions/bb.yaml: bb: review:") and "a draft card has no reviewed_on" in p
        for p in problems
    )
    assert any(p.startswith("data/conditions/cc.yaml: cc: review:") and "before drafted_on" in p for p in problems)
