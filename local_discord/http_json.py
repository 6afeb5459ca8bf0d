"""JSON responses the way Discord sends them (discord.py checks the content type by equality)."""

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    # Not web.json_response: it appends "; charset=utf-8", which makes discord.py treat the body as text.
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def error_body(code: int, message: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return body


def error_response(status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> web.Response:
    return json_response(error_body(code, message, errors), status)
