"""Build INTERACTION_CREATE payloads the way the Discord client would, from what the bot registered.

Option types, choices and ranges come from the synced command definitions, so a test cannot send
something a person could not type; doing so raises HarnessError.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from local_discord.errors import CommandUnavailable, HarnessError
from local_discord.kinds import SUBCOMMANDS, ComponentType, ContextType, IntegrationType, OptionType
from local_discord.messages import Message
from local_discord.world import DM_CHANNEL, Actor, Channel, Perm, Role, User, World

GUILD_CONTEXT, BOT_DM_CONTEXT = ContextType.GUILD, ContextType.BOT_DM
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


def interaction_payload(
    world: World,
    actor: Actor,
    *,
    interaction_id: str,
    token: str,
    kind: int,
    data: dict[str, Any],
    message: Message | None = None,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": interaction_id,
        "application_id": world.application_id,
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "locale": actor.effective_locale,
        "app_permissions": str(world.bot_permissions(actor.guild)),
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "channel_id": actor.channel.id,
    }
    guild, member = actor.guild, actor.member
    if guild is not None and member is not None:
        permissions = str(guild.permissions(member))
        payload |= {
            "guild_id": guild.id,
            "guild": {"id": guild.id, "locale": guild.locale, "features": []},
            "guild_locale": guild.locale,
            "channel": actor.channel.payload() | {"guild_id": guild.id, "permissions": permissions},
            "member": member.payload() | {"permissions": permissions},
            "authorizing_integration_owners": {str(IntegrationType.GUILD_INSTALL): guild.id},
            "context": GUILD_CONTEXT,
        }
    else:
        payload |= {
            "channel": actor.channel.payload(),
            "user": actor.user.payload(),
            # A guild-installed app in its bot's DM: the guild-install key, with "0" for "no guild".
            "authorizing_integration_owners": {str(IntegrationType.GUILD_INSTALL): "0"},
            "context": BOT_DM_CONTEXT,
        }
    if message is not None:
        payload["message"] = message.payload()
    return payload


def check_available(command: Mapping[str, Any], actor: Actor) -> None:
    """Refuse commands the Discord client would not offer this person here."""
    name = command["name"]
    contexts = command.get("contexts")
    if actor.guild is None:
        if command.get("dm_permission") is False or (contexts and BOT_DM_CONTEXT not in contexts):
            raise CommandUnavailable(f"/{name} is not available in DMs")
        return
    if contexts and GUILD_CONTEXT not in contexts:
        raise CommandUnavailable(f"/{name} is not available in servers")
    required = command.get("default_member_permissions")
    member = actor.member
    assert member is not None
    if required is None:
        return
    granted, needed = actor.guild.permissions(member), int(required)
    # "0" hides the command from everyone but administrators (and the owner).
    if (needed == 0 and granted != Perm.ALL) or granted & needed != needed:
        raise CommandUnavailable(f"/{name} needs permissions {required}; {actor.user.key} does not have them")


class CommandInput:
    """Turns `slash("quiz start", topic="gbs")` into the data block of an application-command interaction."""

    def __init__(self, world: World, actor: Actor, command: Mapping[str, Any]) -> None:
        self.world = world
        self.actor = actor
        self.command = command
        self.resolved: dict[str, dict[str, Any]] = {}

    def data(self, subcommands: list[str], values: Mapping[str, Any], *, focused: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.command["id"], "name": self.command["name"], "type": self.command["type"]}
        if "guild_id" in self.command:
            data["guild_id"] = self.command["guild_id"]
        holder, definitions, path = data, list(self.command.get("options") or []), f"/{self.command['name']}"
        for name in subcommands:
            definition = _named(definitions, name, SUBCOMMANDS, path)
            node: dict[str, Any] = {"type": definition["type"], "name": name, "options": []}
            holder["options"] = [node]
            holder, definitions, path = node, list(definition.get("options") or []), f"{path} {name}"
        if any(d["type"] in SUBCOMMANDS for d in definitions):
            choices = [d["name"] for d in definitions]
            raise HarnessError(f"{path} needs a subcommand: one of {choices}")
        holder["options"] = self._options(definitions, values, focused, path)
        if self.resolved:
            data["resolved"] = self.resolved
        return data

    def _options(
        self, definitions: list[dict[str, Any]], values: Mapping[str, Any], focused: str | None, path: str
    ) -> list[dict[str, Any]]:
        known = {d["name"]: d for d in definitions}
        unknown = sorted(set(values) - set(known) - {focused})
        if unknown:
            raise HarnessError(f"{path} has no option(s) {unknown}; its options are {sorted(known)}")
        options = []
        for definition in definitions:
            name = definition["name"]
            if name == focused:
                if not definition.get("autocomplete"):
                    raise HarnessError(f"option {name!r} of {path} has no autocomplete")
                options.append({"type": definition["type"], "name": name, "value": values[name], "focused": True})
            elif name in values:
                value = self._value(definition, values[name], path)
                options.append({"type": definition["type"], "name": name, "value": value})
            elif definition.get("required") and focused is None:
                raise HarnessError(f"{path} needs option {name!r}")
        if focused is not None and focused not in known:
            raise HarnessError(f"{path} has no option {focused!r}; its options are {sorted(known)}")
        return options

    def _value(self, definition: Mapping[str, Any], value: Any, path: str) -> Any:
        kind, name = definition["type"], f"{path} {definition['name']}"
        if kind == OptionType.STRING:
            converted: Any = _expect(value, str, name)
            _check_length(definition, converted, name)
        elif kind == OptionType.INTEGER:
            converted = _expect(value, int, name)
            _check_range(definition, converted, name)
        elif kind == OptionType.NUMBER:
            converted = _expect(value, (int, float), name)
            _check_range(definition, converted, name)
        elif kind == OptionType.BOOLEAN:
            converted = _expect(value, bool, name)
        elif kind == OptionType.USER:
            converted = self._resolve_user(self.world.user(value))
        elif kind == OptionType.CHANNEL:
            converted = self._resolve_channel(definition, value, name)
        elif kind == OptionType.ROLE:
            converted = self._resolve_role(value, name)
        elif kind == OptionType.MENTIONABLE:
            is_role = isinstance(value, Role) or (isinstance(value, str) and value not in self.world.users)
            converted = self._resolve_role(value, name) if is_role else self._resolve_user(self.world.user(value))
        else:
            raise HarnessError(f"{name}: option type {kind} (attachments) is not supported by the harness")
        choices = definition.get("choices")
        if choices and converted not in [choice["value"] for choice in choices]:
            raise HarnessError(f"{name} must be one of {[c['value'] for c in choices]}, got {converted!r}")
        return converted

    def _resolve_user(self, user: User) -> str:
        self.resolved.setdefault("users", {})[user.id] = user.payload()
        member = self.actor.guild.member(user) if self.actor.guild else None
        if member is not None and self.actor.guild is not None:
            permissions = str(self.actor.guild.permissions(member))
            self.resolved.setdefault("members", {})[user.id] = member.payload(with_user=False) | {
                "permissions": permissions
            }
        return user.id

    def _resolve_channel(self, definition: Mapping[str, Any], value: Any, name: str) -> str:
        if isinstance(value, Channel):
            channel = value
        elif self.actor.guild is None:
            raise HarnessError(f"{name}: there are no channels to pick in a DM")
        else:
            channel = self.actor.guild.channel(str(value))
        allowed = definition.get("channel_types")
        if allowed and channel.type not in allowed:
            raise HarnessError(f"{name} accepts channel types {allowed}, not {channel.type}")
        entry = {
            "id": channel.id,
            "name": channel.name,
            "type": channel.type,
            "permissions": str(self.world.bot_permissions(self.actor.guild)),
        }
        if channel.type != DM_CHANNEL:
            entry |= {"guild_id": channel.guild_id, "parent_id": None, "flags": 0}
        self.resolved.setdefault("channels", {})[channel.id] = entry
        return channel.id

    def _resolve_role(self, value: Any, name: str) -> str:
        if self.actor.guild is None:
            raise HarnessError(f"{name}: there are no roles in a DM")
        role = value if isinstance(value, Role) else self.actor.guild.role(str(value))
        self.resolved.setdefault("roles", {})[role.id] = role.payload()
        return role.id


def _named(definitions: list[dict[str, Any]], name: str, kinds: frozenset[OptionType], path: str) -> dict[str, Any]:
    for definition in definitions:
        if definition["name"] == name and definition["type"] in kinds:
            return definition
    raise HarnessError(f"{path} has no subcommand {name!r}; it has {[d['name'] for d in definitions]}")


def _expect(value: Any, kind: type | tuple[type, ...], name: str) -> Any:
    # bool is an int in Python, but not an integer option in Discord.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise HarnessError(f"{name} expects {kind}, got {value!r}")
    return value


def _check_length(definition: Mapping[str, Any], value: str, name: str) -> None:
    low, high = definition.get("min_length", 0), definition.get("max_length", 6000)
    if not low <= len(value) <= high:
        raise HarnessError(f"{name} must be {low}-{high} characters, got {len(value)}")


def _check_range(definition: Mapping[str, Any], value: float, name: str) -> None:
    low, high = definition.get("min_value"), definition.get("max_value")
    if (low is not None and value < low) or (high is not None and value > high):
        raise HarnessError(f"{name} must be between {low} and {high}, got {value}")


def component_data(component: Mapping[str, Any], values: list[str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"custom_id": component["custom_id"], "component_type": component["type"]}
    if values is not None:
        data["values"] = values
    return data


def modal_submit_data(modal: Mapping[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    """Echo the modal's layout with the typed values, as the client submits it."""
    inputs: list[str] = []
    components = [_submitted(component, values, inputs) for component in modal.get("components") or []]
    unknown = sorted(set(values) - set(inputs))
    if unknown:
        raise HarnessError(f"modal {modal.get('title')!r} has no text input(s) {unknown}; it has {inputs}")
    return {"custom_id": modal["custom_id"], "components": components}


def _submitted(component: Mapping[str, Any], values: Mapping[str, str], inputs: list[str]) -> dict[str, Any]:
    if component.get("type") == ComponentType.TEXT_INPUT:
        custom_id = component["custom_id"]
        inputs.append(custom_id)
        if component.get("required", True) and not values.get(custom_id):
            raise HarnessError(f"text input {custom_id!r} is required")
        return {"type": ComponentType.TEXT_INPUT, "custom_id": custom_id, "value": values.get(custom_id, "")}
    submitted: dict[str, Any] = {"type": component.get("type")}
    if "id" in component:
        submitted["id"] = component["id"]
    if "components" in component:
        submitted["components"] = [_submitted(child, values, inputs) for child in component["components"]]
    if isinstance(component.get("component"), Mapping):  # a label wrapping one input
        submitted["component"] = _submitted(component["component"], values, inputs)
    return submitted
