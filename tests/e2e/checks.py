"""What every reply the bot sends must be, checked the same way by every end-to-end test."""

from __future__ import annotations

from typing import Any

from bot.render.limits import COMPONENT_ROWS, message_problems

NO_PINGS = {"parse": []}  # allowed_mentions that notify no one


def assert_sendable(reply: Any) -> None:
    """Discord took every message of the reply, none can ping, and each fits Discord's limits."""
    assert reply.messages and not reply.rejections
    for message in reply.messages:
        assert message.allowed_mentions == NO_PINGS
        assert message_problems(message.content, message.embeds) == []
        assert len(message.components) <= COMPONENT_ROWS
