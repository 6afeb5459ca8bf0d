"""JSON responses the way Discord sends them (discord.py checks the content type by equality)."""

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

UNAUTHORIZED = "401: Unauthorized"


class JsonResponse(web.Response):
    """A JSON answer that keeps the data it was built from, so it can be checked against the spec unparsed."""

    def __init__(self, data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> None:
        # Not web.json_response: it appends "; charset=utf-8", which makes discord.py treat the body as text.
        super().__init__(
            body=json.dumps(data).encode(),
            status=status,
            headers={**(headers or {}), "Content-Type": "application/json"},
        )
        self.data = data


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> JsonResponse:
    return JsonResponse(data, status, headers)


def error_body(code: int, message: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors:
        body["errors"] = errors
    return body


def error_response(status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> JsonResponse:
    return json_response(error_body(code, message, errors), status)
