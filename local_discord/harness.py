"""LocalDiscord: the emulator plus a person using it (slash commands, autocomplete, buttons, menus)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

from local_discord.bot_runner import BotRunner
from local_discord.components import check_selection, clickable, find_button, find_select, labels
from local_discord.errors import HarnessError, InteractionFailed, ReplyTimeout, WaitTimeout
from local_discord.interaction_builder import (
    CommandInput,
    check_available,
    component_data,
    interaction_payload,
    modal_submit_data,
)
from local_discord.kinds import CommandType, ComponentType
from local_discord.member_messages import member_message, message_command_data
from local_discord.messages import Message
from local_discord.replies import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    DEFERRED_CHANNEL_MESSAGE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    Reply,
)
from local_discord.server import EmulatorServer
from local_discord.signals import Signal
from local_discord.snowflakes import SnowflakeFactory
from local_discord.violations import Violation
from local_discord.world import Actor, Guild, Member, User

if TYPE_CHECKING:
    from local_discord.commands import CommandRegistry
    from local_discord.faults import Faults
    from local_discord.gateway import Gateway
    from local_discord.interactions_endpoint import EndpointVerification, InteractionsEndpoints
    from local_discord.session_starts import SessionStartLimit
    from local_discord.spec_check import SpecChecker
    from local_discord.state import EmulatorState
    from local_discord.violations import RequestRecord
    from local_discord.world import World

REPLY_TIMEOUT = 10.0


class TokenClient(Protocol):
    """A client started with its token and closed when done (discord.py's, disnake's and nextcord's Client)."""

    async def start(self, token: str) -> None: ...

    async def close(self) -> None: ...


Client = TypeVar("Client", bound=TokenClient)
Who = str | User | Member


class LocalDiscord:
    """The local Discord (an `EmulatorServer`), driven the way a person uses Discord.

        async with LocalDiscord(token="t", spec_path=spec) as discord_, discord_.run_bot(bot):
            reply = await discord_.slash("hello")
            assert reply.content == "Hello from the bare bot."

    `reply_timeout` bounds every wait for the bot; the 3-second `response_window` still applies on top.
    Server options (spec_path, world, port, response_window, heartbeat_interval...) go to the server.
    """

    def __init__(self, *, token: str, reply_timeout: float = REPLY_TIMEOUT, **server_options: Any) -> None:
        self._token = token  # handed to the bots this harness starts; never logged
        self.server = EmulatorServer(token=token, **server_options)
        self.state: EmulatorState = self.server.state
        self.reply_timeout = reply_timeout
        self._runner = BotRunner(self.server, token, reply_timeout)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} on {self.server!r}>"

    async def start(self) -> None:
        await self.server.start()

    async def close(self) -> None:
        await self.server.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # What tests look at, held by the server and its state

    @property
    def api_base_url(self) -> str:
        return self.server.api_base_url

    @property
    def gateway_url(self) -> str:
        return self.server.gateway_url

    @property
    def gateway(self) -> Gateway:
        return self.server.gateway

    @property
    def faults(self) -> Faults:
        return self.server.faults

    @property
    def public_key(self) -> str:
        """The application's public key (hex), for an HTTP-interactions bot's DISCORD_PUBLIC_KEY."""
        return self.server.public_key

    @property
    def endpoints(self) -> InteractionsEndpoints:
        """Where interactions are POSTed (`urls`, empty: the gateway) and what each endpoint answered (`deliveries`)."""
        return self.server.endpoints

    @property
    def session_starts(self) -> SessionStartLimit:
        """GET /gateway/bot's session_start_limit, as the gateway enforces it: `configure(total=, remaining=,
        reset_after=, max_concurrency=, identify_interval=)`."""
        return self.state.session_starts

    @property
    def spec(self) -> SpecChecker:
        return self.server.spec

    @property
    def world(self) -> World:
        return self.state.world

    @property
    def application_id(self) -> str:
        return self.state.application_id

    @property
    def commands(self) -> CommandRegistry:
        return self.state.commands

    @property
    def replies(self) -> dict[str, Reply]:
        return self.state.replies

    @property
    def messages(self) -> dict[str, Message]:
        return self.state.messages

    @property
    def violations(self) -> list[Violation]:
        return self.state.violations

    @property
    def requests(self) -> list[RequestRecord]:
        return self.state.requests

    @property
    def in_flight(self) -> int:
        return self.state.in_flight

    @property
    def signal(self) -> Signal:
        return self.state.signal

    @property
    def snowflakes(self) -> SnowflakeFactory:
        return self.state.snowflakes

    @property
    def response_window(self) -> float:
        """Seconds Discord waits for an interaction's first answer (3 by default)."""
        return self.state.response_window

    def issued_identifiers(self) -> set[str]:
        """Every identifier this Discord handed out (ids, interaction tokens) and the bot token: no log may hold one."""
        return self.server.issued_identifiers()

    def now(self) -> float:
        return self.state.now()

    # Waiting

    async def wait_until(self, condition: Callable[[], bool], *, timeout: float | None = None, what: str) -> None:
        limit = self.reply_timeout if timeout is None else timeout
        try:
            await self.signal.wait_for(condition, limit)
        except TimeoutError:
            raise WaitTimeout(f"timed out after {limit}s waiting for {what}") from None

    async def wait_until_ready(self, *, commands: bool = True, timeout: float | None = None) -> None:
        """Until the bot has identified on the gateway and (unless commands=False) synced its commands."""
        await self.wait_until(
            lambda: self.gateway.connected and (not commands or self.commands.sync_count > 0),
            timeout=timeout,
            what="the bot to identify" + (" and sync its commands" if commands else ""),
        )

    async def wait_until_shards_connected(self, shard_count: int, *, timeout: float | None = None) -> None:
        """Until every shard of `shard_count` has a live session (from one process or several)."""
        wanted = {(shard_id, shard_count) for shard_id in range(shard_count)}
        await self.wait_until(
            lambda: wanted <= set(self.gateway.live_shards()),
            timeout=timeout,
            what=f"sessions on all {shard_count} shards",
        )

    async def wait_for_violation(self, *, code: int | None = None, timeout: float | None = None) -> Violation:
        """The first recorded violation (with this error code), waiting for it if needed."""

        def found() -> Violation | None:
            return next((v for v in self.violations if code is None or v.code == code), None)

        await self.wait_until(lambda: found() is not None, timeout=timeout, what=f"a violation with code {code}")
        violation = found()
        assert violation is not None
        return violation

    def assert_no_violations(self) -> None:
        """Discord refused nothing the bot sent, and the local Discord sent nothing Discord would not."""
        problems = [f"  refused: {violation.describe()}" for violation in self.violations]
        problems += [f"  the local Discord itself sent: {issue.describe()}" for issue in self.state.output_issues]
        if problems:
            raise AssertionError(f"{len(problems)} problem(s) with this conversation:\n" + "\n".join(problems))

    @asynccontextmanager
    async def run_bot(self, bot: Client, *, wait_ready: bool = True, commands: bool = True) -> AsyncIterator[Client]:
        """A discord.py bot: point discord.py here, `bot.start(token)` for the block, then close it cleanly.

        Waits until this bot identified and (unless commands=False, for bots that do not sync on start)
        registered its commands; a bot that crashes before that raises its own exception here.
        """
        # Imported here, so the package (and any other library's bot) runs without discord.py installed.
        from local_discord.discord_py import discord_py_pointed_at

        with discord_py_pointed_at(self.api_base_url, self.gateway_url):
            async with self.run_client(
                lambda: bot.start(self._token), bot.close, wait_ready=wait_ready, commands=commands
            ):
                yield bot

    def run_client(
        self,
        start: Callable[[], Awaitable[Any]],
        close: Callable[[], Awaitable[Any]],
        *,
        wait_ready: bool = True,
        commands: bool | Sequence[str] = True,
    ) -> AbstractAsyncContextManager[None]:
        """Any library's client in this process, already pointed here: `start()` for the block, then `close()`.

        Waits until it identified and wrote commands (any write, or every name given in `commands`); a client
        that crashes (or whose `start()` returns) before that raises here.
        """
        return self._runner.run_client(start, close, wait_ready=wait_ready, commands=commands)

    def run_process(
        self,
        argv: Sequence[str],
        *,
        log: Path,
        env: Mapping[str, str] | None = None,
        commands: bool | Sequence[str] = True,
        gateway: bool = True,
        timeout: float | None = None,
    ) -> AbstractAsyncContextManager[asyncio.subprocess.Process]:
        """Any bot, in any language, as a process of its own: started with DISCORD_TOKEN, DISCORD_API_BASE_URL,
        DISCORD_GATEWAY_URL and DISCORD_PUBLIC_KEY in its environment, output to `log`, until it is connected
        (not with gateway=False: an HTTP-interactions bot) and has written its commands (or registered every name
        in `commands`); SIGTERM after the block. A failure to start says what happened.
        """
        return self._runner.run_process(argv, log=log, env=env, commands=commands, gateway=gateway, timeout=timeout)

    # Interactions over HTTP

    async def use_interactions_endpoints(
        self, *urls: str, gateway_too: bool = False, verify: bool = True, timeout: float | None = None
    ) -> None:
        """POST interactions to these Interactions Endpoint URLs from now on, round-robin (`gateway_too`: also send
        INTERACTION_CREATE). As Discord does when the URL is saved, each must first pass the probe (`verify`),
        retried while nothing listens yet for up to `timeout` (the reply timeout); HarnessError if one fails."""
        if not urls:
            raise HarnessError("name at least one endpoint URL (use_gateway_for_interactions() to go back)")
        if verify:
            limit = self.reply_timeout if timeout is None else timeout
            for url in urls:
                report = await self.endpoints.verify_when_listening(url, limit)
                if not report.ok:
                    raise HarnessError(f"Discord would not save {url} as the endpoint: " + "; ".join(report.problems))
        self.endpoints.use(urls, gateway_too=gateway_too)

    def use_gateway_for_interactions(self) -> None:
        """Back to INTERACTION_CREATE on the gateway only (the Interactions Endpoint URL cleared)."""
        self.endpoints.use([])

    async def verify_interactions_endpoint(self, url: str) -> EndpointVerification:
        """Run Discord's probe once (a signed PING must get {"type": 1}, a forged one 401) and report."""
        return await self.endpoints.verify(url)

    def story(self) -> str:
        """Requests, refusals, the emulator's own issues and gateway closes so far, for a failure message."""
        return self._runner.story()

    # Who and where

    def actor(
        self,
        *,
        guild: str | Guild | None = None,
        member: Who | None = None,
        channel: str | None = None,
        locale: str | None = None,
        dm: bool = False,
    ) -> Actor:
        """A user somewhere: by default "sam" in the first guild's first channel. dm=True: in a DM with the bot."""
        user = self.world.user(member or self.world.default_user_key)
        if dm:
            if guild is not None or channel is not None:
                raise HarnessError("a DM has no guild or channel to choose")
            return Actor(user, self.world.dm_channel(user, self.snowflakes), None, locale)
        place = self.world.guild(guild) if guild is not None else self._first_guild_of(user)
        if place.member(user) is None:
            raise HarnessError(f"{user.key} is not a member of {place.key}")
        return Actor(user, place.channel(channel) if channel else place.channels[0], place, locale)

    def _first_guild_of(self, user: User) -> Guild:
        for guild in self.world.guilds:
            if guild.member(user) is not None:
                return guild
        raise HarnessError(f"{user.key} is in no guild; use dm=True")

    def messages_in(self, channel: str, *, guild: str | Guild | None = None) -> list[Message]:
        """What everyone in a channel sees: the bot's non-ephemeral messages there, oldest first."""
        place = self.world.guild(guild) if guild is not None else self.world.guilds[0]
        return self._visible_in(place.channel(channel).id)

    def dm_messages(self, member: Who) -> list[Message]:
        """The bot's messages in its DM with this user, oldest first."""
        return self._visible_in(self.world.dm_channel(self.world.user(member), self.snowflakes).id)

    def _visible_in(self, channel_id: str) -> list[Message]:
        return [m for m in self.messages.values() if m.channel_id == channel_id and not m.deleted and not m.ephemeral]

    # Doing things

    async def slash(
        self,
        command: str,
        /,
        *,
        guild: str | Guild | None = None,
        member: Who | None = None,
        channel: str | None = None,
        locale: str | None = None,
        dm: bool = False,
        options: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        **named_options: Any,
    ) -> Reply:
        """Run a slash command ("condition", or "quiz start" for a subcommand) and wait for the full reply.

        Options come as keywords; pass `options={...}` for names that clash with these parameters.
        """
        actor = self.actor(guild=guild, member=member, channel=channel, locale=locale, dm=dm)
        name, *subcommands = command.removeprefix("/").split()
        values = {**(options or {}), **named_options}
        data = CommandInput(self.world, actor, self._command(name, actor)).data(subcommands, values)
        label = "/" + " ".join([name, *subcommands, *(f"{key}:{value}" for key, value in values.items())])
        return await self._interact(APPLICATION_COMMAND, actor, data, label, timeout=timeout)

    def post_as(
        self, member: Who, content: str, *, guild: str | Guild | None = None, channel: str | None = None
    ) -> Message:
        """A member writes a message in a channel (for a message command or a reply to point at); no event is sent."""
        return member_message(self.state, self.actor(guild=guild, member=member, channel=channel), content)

    async def message_command(
        self, name: str, target: Message, *, member: Who | None = None, timeout: float | None = None
    ) -> Reply:
        """Use a message command (Apps > name, on right-clicking `target`) as `member`, in the target's channel."""
        origin = target.actor
        actor = self._viewer(target, member) if member is not None else origin
        guild_id = actor.guild.id if actor.guild else None
        command = self.commands.find(name, guild_id, CommandType.MESSAGE)
        if command is None:
            raise HarnessError(f"no message command {name!r} is registered here")
        check_available(command, actor)
        data = message_command_data(command, target)
        return await self._interact(APPLICATION_COMMAND, actor, data, f"(Apps) {name}", timeout=timeout)

    async def autocomplete(
        self,
        command: str,
        option: str,
        typed: str,
        /,
        *,
        guild: str | Guild | None = None,
        member: Who | None = None,
        channel: str | None = None,
        locale: str | None = None,
        dm: bool = False,
        options: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        **named_options: Any,
    ) -> list[dict[str, Any]]:
        """Type `typed` into `option` of a command; returns the choices the bot offered."""
        actor = self.actor(guild=guild, member=member, channel=channel, locale=locale, dm=dm)
        name, *subcommands = command.removeprefix("/").split()
        values = {**(options or {}), **named_options, option: typed}
        data = CommandInput(self.world, actor, self._command(name, actor)).data(subcommands, values, focused=option)
        label = f"/{' '.join([name, *subcommands])} {option}:{typed}|"
        reply = await self._interact(AUTOCOMPLETE, actor, data, label, timeout=timeout)
        return reply.choices or []

    async def click(
        self, message: Message, label_or_custom_id: str, *, member: Who | None = None, timeout: float | None = None
    ) -> Reply:
        """Click a button on any message (see also Reply.click)."""
        button = find_button(message.components, label_or_custom_id)
        if button is None:
            raise HarnessError(
                f"no button {label_or_custom_id!r} on {message!r}; it offers {labels(message.components)}"
            )
        clickable(button)
        actor = self._viewer(message, member)
        label = f"[{button.get('label') or button['custom_id']}]"
        return await self._interact(
            MESSAGE_COMPONENT, actor, component_data(button), label, source=message, timeout=timeout
        )

    async def select(
        self,
        message: Message,
        placeholder_or_custom_id: str,
        values: list[str],
        *,
        member: Who | None = None,
        timeout: float | None = None,
    ) -> Reply:
        """Pick values in a string select menu on any message (see also Reply.select)."""
        menu = find_select(message.components, placeholder_or_custom_id)
        if menu is None:
            raise HarnessError(
                f"no select {placeholder_or_custom_id!r} on {message!r}; it offers {labels(message.components)}"
            )
        if menu.get("type") != ComponentType.STRING_SELECT:
            raise HarnessError("only string select menus are supported by the harness")
        check_selection(menu, values)
        actor = self._viewer(message, member)
        label = f"<{menu.get('placeholder') or menu['custom_id']}: {', '.join(values)}>"
        return await self._interact(
            MESSAGE_COMPONENT, actor, component_data(menu, values), label, source=message, timeout=timeout
        )

    async def submit_modal(self, reply: Reply, values: Mapping[str, str], *, timeout: float | None = None) -> Reply:
        """Fill in and submit the modal the bot opened in `reply`."""
        if reply.modal is None:
            raise HarnessError(f"the reply to {reply.label} opened no modal")
        data = modal_submit_data(reply.modal, values)
        label = f"(modal {reply.modal.get('title', '')})"
        return await self._interact(
            MODAL_SUBMIT, reply.actor, data, label, source=reply.source_message, timeout=timeout
        )

    def _command(self, name: str, actor: Actor) -> dict[str, Any]:
        guild_id = actor.guild.id if actor.guild else None
        command = self.commands.find(name, guild_id)
        if command is None:
            raise HarnessError(f"/{name} is not registered here; registered: {self.commands.names(guild_id)}")
        check_available(command, actor)
        return command

    def _viewer(self, message: Message, member: Who | None) -> Actor:
        origin = message.actor
        if member is None:
            return origin
        user = self.world.user(member)
        if message.ephemeral and user is not origin.user:
            raise HarnessError(f"only {origin.user.key} can see that ephemeral message")
        if origin.guild is not None and origin.guild.member(user) is None:
            raise HarnessError(f"{user.key} is not a member of {origin.guild.key}")
        return Actor(user, origin.channel, origin.guild, origin.locale)

    async def _interact(
        self,
        kind: int,
        actor: Actor,
        data: dict[str, Any],
        label: str,
        *,
        source: Message | None = None,
        timeout: float | None = None,
    ) -> Reply:
        interaction_id, token = self.snowflakes.next(), secrets.token_urlsafe(48)
        payload = interaction_payload(
            self.world, actor, interaction_id=interaction_id, token=token, kind=kind, data=data, message=source
        )
        reply = Reply(interaction_id, token, kind, label, actor, payload, self.now(), self, source_message=source)
        self.state.register_reply(reply)
        endpoints = self.server.endpoints
        if not endpoints.urls or endpoints.gateway_too:
            await self.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=actor.guild.id if actor.guild else None)
        if endpoints.urls:
            await endpoints.deliver(reply, payload)  # returns once the answer is applied or refused
        await self._until_answered(reply, self.reply_timeout if timeout is None else timeout)
        return reply

    async def _until_answered(self, reply: Reply, timeout: float) -> None:
        window_left = reply.created_at + self.state.response_window - self.now()
        try:
            await self.signal.wait_for(
                lambda: reply.response_type is not None or reply.failed is not None,
                max(0.0, min(timeout, window_left)),
            )
        except TimeoutError:
            if reply.response_type is None and timeout < window_left:
                raise ReplyTimeout(f"{reply.label}: no response within {timeout}s") from None
            if reply.response_type is None:
                raise InteractionFailed(
                    f"{reply.label}: no response accepted within the {self.state.response_window}s window "
                    "(Discord shows 'This interaction failed')",
                    reply.rejections,
                ) from None
        if reply.response_type is None and reply.failed is not None:
            raise InteractionFailed(
                f"{reply.label}: {reply.failed} (Discord shows 'This interaction failed')", reply.rejections
            )
        if reply.response_type == DEFERRED_CHANNEL_MESSAGE:
            try:
                await self.signal.wait_for(lambda: reply.complete, timeout)
            except TimeoutError:
                raise ReplyTimeout(
                    f"{reply.label}: the bot deferred ('thinking') but no edit or followup came within {timeout}s"
                ) from None
