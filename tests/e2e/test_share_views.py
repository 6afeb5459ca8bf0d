"""One finished Share view per share id, sent with every reply that offers it: the replies and clicks are unchanged."""

from __future__ import annotations

from bot.cards.buttons import CARD_VIEWS, SHARE_LABEL, _card_view, card_view
from bot.cards.render import DEEPER_SECTIONS
from bot.knowledge.facets import Section
from local_discord import LocalDiscord


def test_a_card_view_is_built_once_finished_and_bounded() -> None:
    view = card_view("share:gbs:-", "gbs", None)
    assert view.is_finished()  # so discord.py neither stores it nor starts its timer
    assert card_view("share:gbs:-", "gbs", None) is view
    assert card_view("share:ms:-", "ms", None) is not view
    share, sections = view.to_components()
    assert [(b["label"], b["custom_id"]) for b in share["components"]] == [(SHARE_LABEL, "share:gbs:-")]
    assert [b["custom_id"] for b in sections["components"]] == [f"sec:gbs:{s.value}" for s in DEEPER_SECTIONS]
    assert _card_view.cache_info().maxsize == CARD_VIEWS


def test_a_section_view_offers_the_other_sections_and_a_public_card_no_share_button() -> None:
    (row,) = card_view(None, "gbs", Section.DIAGNOSIS).to_components()
    assert "sec:gbs:diagnosis" not in {b["custom_id"] for b in row["components"]}
    assert {b["custom_id"] for b in row["components"]} == {
        f"sec:gbs:{s.value}" for s in DEEPER_SECTIONS if s is not Section.DIAGNOSIS
    }


async def test_replies_sharing_one_view_look_the_same_and_each_can_be_shared(online: LocalDiscord) -> None:
    first = await online.slash("condition", name="gbs")
    second = await online.slash("condition", name="Guillain–Barré")
    other = await online.slash("compare", first="gbs", second="ms")
    assert first.components == second.components and first.embeds == second.embeds
    assert other.components != first.components
    for reply in (first, second, other):
        shared = await reply.click(SHARE_LABEL)
        assert not shared.ephemeral and shared.embeds == reply.embeds
