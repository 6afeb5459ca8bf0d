"""A Reply: everything the bot did in answer to one interaction, as the person who triggered it sees it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from local_discord.components import labels
from local_discord.errors import HarnessError
from local_discord.kinds import CallbackType, InteractionType
from local_discord.messages import Message
from local_discord.world import Actor

if TYPE_CHECKING:
    from local_discord.violations import Violation

# Short names for the interaction callback types and interaction types the emulator handles.
PONG = CallbackType.PONG
CHANNEL_MESSAGE = CallbackType.CHANNEL_MESSAGE_WITH_SOURCE
DEFERRED_CHANNEL_MESSAGE = CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
DEFERRED_UPDATE = CallbackType.DEFERRED_UPDATE_MESSAGE
UPDATE_MESSAGE = CallbackType.UPDATE_MESSAGE
AUTOCOMPLETE_RESULT = CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
MODAL = CallbackType.MODAL
PING = InteractionType.PING
APPLICATION_COMMAND = InteractionType.APPLICATION_COMMAND
MESSAGE_COMPONENT = InteractionType.MESSAGE_COMPONENT
AUTOCOMPLETE = InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE
MODAL_SUBMIT = InteractionType.MODAL_SUBMIT


class Driver(Protocol):
    """What acts on a reply the way a person would (the harness); kept abstract so replies never import it."""

    async def click(
        self, message: Message, label_or_custom_id: str, *, member: str | None = None, timeout: float | None = None
    ) -> Reply: ...

    async def select(
        self,
        message: Message,
        placeholder_or_custom_id: str,
        values: list[str],
        *,
        member: str | None = None,
        timeout: float | None = None,
    ) -> Reply: ...

    async def submit_modal(self, reply: Reply, values: dict[str, str], *, timeout: float | None = None) -> Reply: ...

    async def wait_until(self, condition: Callable[[], bool], *, timeout: float | None = None, what: str) -> None: ...


@dataclass(eq=False)
class Reply:
    interaction_id: str
    token: str
    interaction_type: int
    label: str  # what the person did: "/condition name:ms", "[Share here]"
    actor: Actor
    payload: dict[str, Any]  # the INTERACTION_CREATE data dispatched to the bot
    created_at: float  # event-loop time of the dispatch
    discord: Driver
    source_message: Message | None = None  # the message whose component was used
    response_type: int | None = None  # the accepted initial callback type
    message: Message | None = None  # "@original": the response message (or the updated source message)
    followups: list[Message] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None  # autocomplete result
    modal: dict[str, Any] | None = None  # a modal the bot opened
    bodies: list[Any] = field(default_factory=list)  # every accepted request body, in arrival order
    rejections: list[Violation] = field(default_factory=list)  # requests for this interaction Discord refused
    failed: str | None = None  # why it failed at once ("This interaction failed"): an endpoint's refused answer

    # The response message, read like a person would

    @property
    def content(self) -> str:
        return self.message.content if self.message else ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.message.embeds if self.message else []

    @property
    def components(self) -> list[dict[str, Any]]:
        return self.message.components if self.message else []

    @property
    def flags(self) -> int:
        return self.message.flags if self.message else 0

    @property
    def ephemeral(self) -> bool:
        return bool(self.message and self.message.ephemeral)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        return self.message.allowed_mentions if self.message else None

    @property
    def deferred(self) -> bool:
        return self.response_type in (DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE)

    @property
    def messages(self) -> list[Message]:
        """The response message, then the followups, skipping deleted ones."""
        found = [self.message, *self.followups] if self.message else list(self.followups)
        return [message for message in found if not message.deleted]

    @property
    def complete(self) -> bool:
        """An initial response arrived and, if it was "thinking", the final content too."""
        if self.response_type == DEFERRED_CHANNEL_MESSAGE:
            return self.message is not None and not self.message.loading
        return self.response_type is not None

    def text(self) -> str:
        """Plain-text rendering of everything the person now sees."""
        parts = [message.text() for message in self.messages]
        if self.choices is not None:
            parts.append("\n".join(f"> {choice['name']}" for choice in self.choices))
        if self.modal is not None:
            parts.append(f"(modal) {self.modal.get('title', '')}")
        return "\n--- followup ---\n".join(part for part in parts if part)

    # Acting on it

    def _message_with(self, key: str, *, select: bool) -> Message:
        for message in self.messages:
            if message.has_select(key) if select else message.has_button(key):
                return message
        offered = [label for message in self.messages for label in labels(message.components)]
        kind = "select menu" if select else "button"
        raise HarnessError(f"no {kind} {key!r} in the reply to {self.label}; it offers {offered}")

    async def click(self, label_or_custom_id: str, *, member: str | None = None, timeout: float | None = None) -> Reply:
        """Click a button (by label or custom_id) on the response or one of its followups."""
        message = self._message_with(label_or_custom_id, select=False)
        return await self.discord.click(message, label_or_custom_id, member=member, timeout=timeout)

    async def select(
        self,
        placeholder_or_custom_id: str,
        values: list[str],
        *,
        member: str | None = None,
        timeout: float | None = None,
    ) -> Reply:
        """Pick values in a select menu (by placeholder or custom_id) on the response or its followups."""
        message = self._message_with(placeholder_or_custom_id, select=True)
        return await self.discord.select(message, placeholder_or_custom_id, values, member=member, timeout=timeout)

    async def submit_modal(self, values: dict[str, str], *, timeout: float | None = None) -> Reply:
        """Fill the modal the bot opened (text inputs by custom_id) and submit it."""
        return await self.discord.submit_modal(self, values, timeout=timeout)

    async def wait_for_followups(self, count: int, *, timeout: float | None = None) -> list[Message]:
        """Wait until at least `count` followups exist (for work the bot finishes after replying)."""
        await self.discord.wait_until(
            lambda: len(self.followups) >= count, timeout=timeout, what=f"{count} followup(s) to {self.label}"
        )
        return self.followups

    def __repr__(self) -> str:
        return f"<Reply to {self.label} type={self.response_type} {self.text()[:80]!r}>"
