"""One finished Share view per share id, sent with every reply that offers it: the replies and clicks are unchanged."""

from __future__ import annotations

from types import SimpleNamespace

from bot.knowledge.base import KnowledgeBase
from cogs.conditions import SHARE_LABEL, SHARE_VIEWS, Conditions
from local_discord import LocalDiscord


async def test_a_share_view_is_built_once_finished_and_bounded(kb: KnowledgeBase) -> None:
    cog = Conditions(SimpleNamespace(kb=kb))
    view = cog._share_view("share:gbs:-")
    assert view.is_finished()  # so discord.py neither stores it nor starts its timer
    assert cog._share_view("share:gbs:-") is view
    assert cog._share_view("share:ms:-") is not view
    (row,) = view.to_components()
    (button,) = row["components"]
    assert (button["label"], button["custom_id"]) == (SHARE_LABEL, "share:gbs:-")
    assert cog._share_view.cache_info().maxsize == SHARE_VIEWS


async def test_replies_sharing_one_view_look_the_same_and_each_can_be_shared(online: LocalDiscord) -> None:
    first = await online.slash("condition", name="gbs")
    second = await online.slash("condition", name="Guillain–Barré")
    other = await online.slash("compare", first="gbs", second="ms")
    assert first.components == second.components and first.embeds == second.embeds
    assert other.components != first.components
    for reply in (first, second, other):
        shared = await reply.click(SHARE_LABEL)
        assert not shared.ephemeral and shared.embeds == reply.embeds
