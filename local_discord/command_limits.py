"""Discord's rules for registering application commands that the OpenAPI spec cannot express: names, lengths,
option order, duplicates, and the 8000-character size of a command."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from local_discord.form_errors import Issue
from local_discord.kinds import SUBCOMMANDS, CommandType
from local_discord.limits import Path, choice_issues, length_between, too_long

COMMAND_NAME = 32
COMMAND_DESCRIPTION = 100
OPTIONS_PER_COMMAND = 25
CHOICES_PER_OPTION = 25
COMMAND_SIZE = 8000  # name, description and choice values of a command, its options and choices, together
# Discord's documented regex for chat-input names; uppercase letters are rejected separately.
_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")


def command_list_issues(commands: list[Any]) -> list[Issue]:
    """Issues with a bulk command registration (PUT .../commands)."""
    issues: list[Issue] = []
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(commands):
        if not isinstance(command, Mapping):
            continue
        key = (str(command.get("name")), int(command.get("type") or CommandType.CHAT_INPUT))
        if key in seen:
            issues.append(Issue((index, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Command name is duplicated"))
        seen.add(key)
        issues += command_issues(command, (index,))
    return issues


def command_issues(command: Mapping[str, Any], path: Path = ()) -> list[Issue]:
    """Issues with one command (POST, PATCH, or one entry of a PUT)."""
    chat_input = int(command.get("type") or CommandType.CHAT_INPUT) == CommandType.CHAT_INPUT
    issues = _command_issues(path, command, chat_input=chat_input)
    if command_size(command) > COMMAND_SIZE:
        issues.append(Issue(path, "APPLICATION_COMMAND_TOO_LARGE", f"Command exceeds maximum size ({COMMAND_SIZE})"))
    return issues


def command_size(command: Mapping[str, Any]) -> int:
    """Characters counted towards the 8000: for each text, the longest of its default and its localizations."""
    size = _longest(command, "name") + _longest(command, "description")
    for option in command.get("options") or []:
        if isinstance(option, Mapping):
            size += command_size(option)
    for choice in command.get("choices") or []:
        if isinstance(choice, Mapping):
            size += _longest(choice, "name") + len(str(choice.get("value", "")))
    return size


def _longest(item: Mapping[str, Any], key: str) -> int:
    localized = item.get(f"{key}_localizations") or {}
    texts = [item.get(key) or "", *(localized.values() if isinstance(localized, Mapping) else ())]
    return max(len(str(text)) for text in texts)


def _command_issues(path: Path, command: Mapping[str, Any], *, chat_input: bool) -> list[Issue]:
    issues: list[Issue] = []
    if chat_input:
        issues += _name_issues((*path, "name"), command.get("name"))
        issues += length_between((*path, "description"), command.get("description") or "", 1, COMMAND_DESCRIPTION)
    options = command.get("options") or []
    issues += too_long((*path, "options"), options, OPTIONS_PER_COMMAND)
    seen_optional = False
    for index, option in enumerate(options):
        option_path = (*path, "options", index)
        if option.get("type") in SUBCOMMANDS:
            issues += _command_issues(option_path, option, chat_input=True)
            continue
        issues += _name_issues((*option_path, "name"), option.get("name"))
        issues += length_between((*option_path, "description"), option.get("description") or "", 1, COMMAND_DESCRIPTION)
        choices = option.get("choices") or []
        issues += too_long((*option_path, "choices"), choices, CHOICES_PER_OPTION)
        for choice_index, choice in enumerate(choices):
            issues += choice_issues((*option_path, "choices", choice_index), choice)
        if option.get("required") and seen_optional:
            issues.append(
                Issue(
                    option_path,
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
            )
        seen_optional = seen_optional or not option.get("required")
    return issues


def _name_issues(path: Path, name: Any) -> list[Issue]:
    if not isinstance(name, str) or not _NAME_RE.fullmatch(name) or name != name.lower():
        return [
            Issue(path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid (1-{COMMAND_NAME} lowercase)")
        ]
    return []
