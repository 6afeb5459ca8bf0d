"""Messages the bot posted (interaction responses, followups, channel messages), as Discord keeps them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from local_discord.components import as_stored, find_button, find_select
from local_discord.flags import EPHEMERAL, IS_COMPONENTS_V2, LOADING, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS
from local_discord.kinds import MessageType
from local_discord.render_text import render_message
from local_discord.world import Actor, now_iso

_SETTABLE_FLAGS = SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2
DEFAULT = MessageType.DEFAULT
CHAT_INPUT_COMMAND = MessageType.CHAT_INPUT_COMMAND


@dataclass(eq=False)
class Message:
    id: str
    channel_id: str
    guild_id: str | None
    author: dict[str, Any]
    actor: Actor  # who sees it first; the default clicker of its buttons
    type: int = DEFAULT
    application_id: str | None = None
    interaction_id: str | None = None
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    timestamp: str = field(default_factory=now_iso)
    edited_timestamp: str | None = None
    pinned: bool = False
    deleted: bool = False
    bodies: list[Any] = field(default_factory=list)  # every raw body that created or edited it
    uploads: dict[str, bytes] = field(default_factory=dict)  # attachment id -> the uploaded file's bytes
    reference: dict[str, Any] | None = None  # a reply's message_reference (type 0, channel, message, guild)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & LOADING)

    def apply(self, body: Mapping[str, Any], *, edit: bool) -> None:
        """Take the fields a create or edit body carries; an edit leaves the others alone."""
        self.bodies.append(body)
        for key in ("content", "embeds", "components", "attachments"):
            if key in body:
                value = body[key]
                setattr(self, key, value if value is not None else ("" if key == "content" else []))
        if "allowed_mentions" in body:
            self.allowed_mentions = body["allowed_mentions"]
        if body.get("flags") is not None:
            fixed = self.flags & (EPHEMERAL | LOADING) if edit else int(body["flags"]) & EPHEMERAL
            self.flags = fixed | (int(body["flags"]) & _SETTABLE_FLAGS)
        if edit:
            self.flags &= ~LOADING
            self.edited_timestamp = now_iso()

    def payload(self) -> dict[str, Any]:
        """The message object Discord returns and embeds in component interactions."""
        data: dict[str, Any] = {
            "id": self.id,
            "channel_id": self.channel_id,
            "type": self.type,
            "content": self.content,
            "author": self.author,
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self.attachments,
            "embeds": [{"type": "rich", **embed} for embed in self.embeds],
            "components": as_stored(self.components),
            "pinned": self.pinned,
            "flags": self.flags,
        }
        if self.application_id is not None:
            data["application_id"] = self.application_id
            data["webhook_id"] = self.application_id
        if self.guild_id is not None:
            data["guild_id"] = self.guild_id
        if self.reference is not None:
            data["message_reference"] = self.reference
        return data

    def text(self) -> str:
        return render_message(self.content, self.embeds, self.components, self.flags)

    def has_button(self, label_or_custom_id: str) -> bool:
        return find_button(self.components, label_or_custom_id) is not None

    def has_select(self, placeholder_or_custom_id: str) -> bool:
        return find_select(self.components, placeholder_or_custom_id) is not None

    def __repr__(self) -> str:
        return f"<Message {self.id} {self.text()[:60]!r}>"
