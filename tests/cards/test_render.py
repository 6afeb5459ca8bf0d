from __future__ import annotations

import discord

from bot.cards.render import DRAFT_NOTICE, card_embeds
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.models import Condition
from bot.render.common import add_packed_fields, join_fitting, markdown_link
from bot.render.plain import embeds_to_text
from tests.helpers import card_data


def make(key: str = "aa", **overrides) -> Condition:
    return Condition.model_validate(card_data(key, **overrides))


def field_names(embeds: list[discord.Embed]) -> list[str]:
    return [f.name for e in embeds for f in e.fields]


def test_whole_card_has_summary_first_the_facts_at_a_glance_red_flags_and_disclaimer() -> None:
    c = make()
    embeds = card_embeds(c, KnowledgeBase((c,)))
    main, box = embeds
    assert main.description.endswith(c.summary.text)
    names = field_names(embeds)
    assert names[:3] == ["What the immune system attacks", "At a glance", "More on this card"]
    glance = main.fields[1].value
    for line in ["**Reflexes:** reduced or absent", "**Sensation:** often involved", "**Antibodies:** None typical"]:
        assert line in glance
    assert "`/condition aa section:treatment`" in main.fields[2].value
    assert box.fields[0].name.startswith("🚨 Get emergency help now: call your local emergency number")
    assert "911, 999 or 112" in box.fields[0].name
    assert [f.name for f in box.fields[1:]] == ["Get medical help today if:", "See a doctor soon if:"]
    assert box.footer.text.endswith("Draft card, drafted 2026-11-23.")


def test_a_draft_card_says_so_and_never_claims_a_review() -> None:
    review = {
        "status": "reviewed",
        "drafted_on": "2026-11-23",
        "reviewed_by": "A. Reviewer",
        "reviewed_on": "2026-12-01",
    }
    draft, reviewed = make("aa"), make("bb", review=review)
    draft_embeds = card_embeds(draft, KnowledgeBase((draft,)))
    assert DRAFT_NOTICE in draft_embeds[0].description and "reviewed" not in draft_embeds[-1].footer.text
    reviewed_embeds = card_embeds(reviewed, KnowledgeBase((reviewed,)))
    assert DRAFT_NOTICE not in reviewed_embeds[0].description
    assert reviewed_embeds[-1].footer.text.endswith("Card reviewed 2026-12-01.")


def test_sections_show_only_their_part() -> None:
    c = make()
    kb = KnowledgeBase((c,))
    treatment = card_embeds(c, kb, Section.TREATMENT)
    assert field_names(treatment) == ["Main treatments", "⚠️ Cautions"]
    assert treatment[0].fields[1].value == "• **does not help:** Steroids alone do not help"
    assert treatment[0].description is not None and c.summary.text not in treatment[0].description  # draft notice
    diagnosis = card_embeds(c, kb, Section.DIAGNOSIS)
    assert field_names(diagnosis) == ["Criteria and guidelines", "Antibodies", "Key tests"]
    symptoms = card_embeds(c, kb, Section.SYMPTOMS)
    assert field_names(symptoms) == ["Leg weakness", "Reflexes", "Sensation", "Fatigability", "Other hallmarks"]
    (red,) = card_embeds(c, kb, Section.RED_FLAGS)  # the red box is the whole answer, marked as a draft
    assert red.title == "When to get help: Example aa" and red.description == DRAFT_NOTICE
    assert red.fields[2].name == "See a doctor soon if:" and red.footer.text.startswith("Educational only")


def test_sources_show_publisher_year_and_kind() -> None:
    c = make()
    (sources,) = card_embeds(c, KnowledgeBase((c,)), Section.SOURCES)
    assert (
        sources.fields[-1].value.splitlines()[0]
        == "[Source one](https://www.ninds.nih.gov/one), NINDS, 2023 (guideline)"
    )


def test_overview_links_related_cards_to_their_comparison() -> None:
    a, b = make("aa", related=["bb"]), make("bb")
    embeds = card_embeds(a, KnowledgeBase((a, b)), Section.OVERVIEW)
    related = next(f for f in embeds[0].fields if f.name == "Often confused with")
    assert "Example bb" in related.value and "`/compare aa bb`" in related.value


def test_custom_emergency_number_replaces_the_international_wording() -> None:
    c = make()
    box = card_embeds(c, KnowledgeBase((c,)), Section.RED_FLAGS, emergency_number="000")[-1]
    assert box.fields[0].name == "🚨 Get emergency help now: call 000 if:"


def test_markdown_link_survives_parentheses() -> None:
    assert markdown_link("A [b]", "https://x.org/a(1).pdf") == "[A (b)](https://x.org/a%281%29.pdf)"


def test_join_fitting_keeps_whole_items_and_counts_the_rest() -> None:
    items = ["alpha", "beta", "gamma", "delta"]
    assert join_fitting(items, 100) == "alpha; beta; gamma; delta"
    assert join_fitting(items, 22) == "alpha; beta; +2 more"
    assert join_fitting(items, 3) == "+4 more"
    assert join_fitting([], 10) == ""


def test_packed_fields_continue_instead_of_overflowing() -> None:
    embed = discord.Embed()
    add_packed_fields(embed, "Sources", ["x" * 600, "y" * 600, "z" * 10])
    assert [f.name for f in embed.fields] == ["Sources", "Sources (cont.)"]
    assert all(len(f.value) <= 1024 for f in embed.fields)


def test_plain_text_shows_every_field_and_link_targets() -> None:
    c = make()
    text = embeds_to_text(e.to_dict() for e in card_embeds(c, KnowledgeBase((c,)), Section.SOURCES))
    assert "EXAMPLE AA: SOURCES" in text
    assert "Source one <https://www.ninds.nih.gov/one>, NINDS" in text
    assert "-- Educational only" in text
