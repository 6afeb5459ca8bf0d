from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.moderation.reply_card import ANY_MENU_ID, OPTIONS_PER_MENU, card_menus, target_message


def test_every_card_is_offered_once_within_discords_menu_limits(kb: KnowledgeBase) -> None:
    menus = card_menus(kb, 1234567890123456789)
    offered = [key for menu in menus for _, key in menu.options]
    assert sorted(offered) == sorted(card.key for card in kb.conditions)
    for menu in menus:
        assert 1 <= len(menu.options) <= OPTIONS_PER_MENU and len(menu.custom_id) <= 100
        assert all(1 <= len(label) <= 100 for label, _ in menu.options) and len(menu.placeholder) <= 150
        assert target_message(menu.custom_id) == 1234567890123456789


def test_only_the_ids_the_bot_makes_name_a_message() -> None:
    for forged in ["replycard:", "replycard:0:0", "replycard:12:9", "replycard:abc:0", "replycard:12:0:extra"]:
        assert target_message(forged) is None
        assert ANY_MENU_ID.fullmatch(forged)  # still routed to the menu, which answers it as out of date
