"""Rules the OpenAPI schema cannot express, refused with Discord's error codes at the field that breaks them."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from local_discord import LocalDiscord

from .conftest import TOKEN

BUTTON = {"type": 2, "style": 1, "label": "Go", "custom_id": "go"}
LINK = {"type": 2, "style": 5, "label": "Read", "url": "https://www.ninds.nih.gov/"}
SELECT = {"type": 3, "custom_id": "pick", "options": [{"label": "A", "value": "a"}]}


def row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"components": [{"type": 1, "components": list(components)}]}


CASES = [
    pytest.param(
        {"content": "hi <@1>", "allowed_mentions": {"parse": ["users"], "users": ["1"]}},
        ("allowed_mentions",),
        "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
        id="parse-users-and-a-users-list",
    ),
    pytest.param(
        {"content": "x", **row(LINK | {"custom_id": "nope"})},
        ("components", "0", "components", "0", "custom_id"),
        "BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE",
        id="link-button-with-a-custom-id",
    ),
    pytest.param(
        {"content": "x", **row({"type": 2, "style": 5, "label": "Read"})},
        ("components", "0", "components", "0", "url"),
        "BUTTON_COMPONENT_URL_REQUIRED",
        id="link-button-without-a-url",
    ),
    pytest.param(
        {"content": "x", **row({"type": 2, "style": 1, "label": "Go"})},
        ("components", "0", "components", "0", "custom_id"),
        "BUTTON_COMPONENT_CUSTOM_ID_REQUIRED",
        id="button-without-a-custom-id",
    ),
    pytest.param(
        {"content": "x", **row(SELECT, BUTTON)},
        ("components", "0", "components", "1"),
        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
        id="select-and-button-in-one-row",
    ),
    pytest.param(
        {"embeds": [{"title": "t", "url": "not a url"}]},
        ("embeds", "0", "url"),
        "URL_TYPE_INVALID_URL",
        id="embed-url-not-a-url",
    ),
    pytest.param(
        {"embeds": [{"title": "t", "timestamp": "yesterday"}]},
        ("embeds", "0", "timestamp"),
        "DATE_TIME_TYPE_PARSE",
        id="unparseable-timestamp",
    ),
]


async def post(local: LocalDiscord, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    url = f"{local.api_base_url}/channels/{local.world.guilds[0].channels[0].id}/messages"
    async with (
        aiohttp.ClientSession() as http,
        http.post(url, json=body, headers={"Authorization": f"Bot {TOKEN}"}) as response,
    ):
        return response.status, await response.json()


@pytest.mark.parametrize(("body", "where", "code"), CASES)
async def test_each_rule_is_refused_with_discords_code(
    local: LocalDiscord, body: dict[str, Any], where: tuple[str, ...], code: str
) -> None:
    status, answer = await post(local, body)

    assert (status, answer["code"], answer["message"]) == (400, 50035, "Invalid Form Body")
    errors: Any = answer["errors"]
    for key in where:
        errors = errors[key]
    assert code in [error["code"] for error in errors["_errors"]]
    local.violations.clear()


@pytest.mark.parametrize(
    "body",
    [
        {"content": "hi", "allowed_mentions": {"parse": ["users"], "users": []}},  # an empty list is not a clash
        {"content": "x", **row(LINK, BUTTON, BUTTON | {"custom_id": "b"})},
        {"content": "x", **row(SELECT)},
        {"embeds": [{"title": "t", "url": "https://medlineplus.gov/", "timestamp": "2024-05-01T10:00:00+00:00"}]},
        {"embeds": [{"title": "t", "timestamp": "2024-05-01T10:00:00.123Z", "image": {"url": "attachment://a.png"}}]},
    ],
    ids=["empty-users-list", "link-and-buttons", "select-alone", "url-and-timestamp", "attachment-and-z"],
)
async def test_what_discord_accepts_is_accepted(local: LocalDiscord, body: dict[str, Any]) -> None:
    status, _ = await post(local, body)

    assert status == 200
    local.assert_no_violations()
