""" "Reply with a card": a moderator right-clicks a member's message (Apps > Reply with a card), picks a card in a
private menu, and the bot replies to that message, for everyone in the channel, with the card.

Only the message's ID travels, in the menu's custom_id on the moderator's private message: the member's message
content is never read into anything the bot keeps, logs or sends back. The reply pings no one, not even the author
of the message (a reply's own notification is turned off too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label

MENU_NAME = "Reply with a card"
COMMAND = "reply_card"  # what its uses are counted under
OPTIONS_PER_MENU = 25  # Discord's limit; with more cards than that, one menu per 25
# The id of the message to reply to, and which of the menus this is.
TEMPLATE = re.compile(r"replycard:(?P<message>[1-9][0-9]{0,19}):(?P<menu>[0-4])")
ANY_MENU_ID = re.compile(r"replycard:.{0,90}", re.DOTALL)  # every id with the prefix, so a forged one is answered too

PICK = (
    "Pick the card to reply with. I'll post it as a reply to that message, for everyone in the channel; it "
    "pings no one. Only you see this."
)
POSTED = "Posted the {card} card as a reply to that message."
GONE = "That message is gone (it was deleted), so I didn't post anything."
CANNOT_POST = "I can't reply in this channel (I'm missing a permission here), so nothing was posted."
NOT_A_MODERATOR = "Only moderators (Manage Messages) can reply with a card."
STALE = (
    "That menu is out of date or was not made by this bot. Right-click the message and pick Apps > Reply with a "
    "card again."
)


@dataclass(frozen=True)
class CardMenu:
    custom_id: str
    placeholder: str
    options: tuple[tuple[str, str], ...]  # (label, card key)


def card_menus(kb: KnowledgeBase, message_id: int) -> list[CardMenu]:
    """The private menus of every card, alphabetically, 25 to a menu."""
    cards = sorted(((choice_label(card)[:100], card.key) for card in kb.conditions), key=lambda c: c[0].lower())
    chunks = [cards[n : n + OPTIONS_PER_MENU] for n in range(0, len(cards), OPTIONS_PER_MENU)]
    return [
        CardMenu(f"replycard:{message_id}:{n}", _placeholder(chunk, n, len(chunks)), tuple(chunk))
        for n, chunk in enumerate(chunks)
    ]


def _placeholder(chunk: Sequence[tuple[str, str]], n: int, menus: int) -> str:
    if menus == 1:
        return "Pick a card"
    return f"Pick a card ({chunk[0][0][:1]}-{chunk[-1][0][:1]})"


def target_message(custom_id: str) -> int | None:
    """The ID of the message to reply to, or None when the id is not one this bot made."""
    match = TEMPLATE.fullmatch(custom_id)
    return int(match["message"]) if match else None
