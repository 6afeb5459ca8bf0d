"""Paths as the local Discord records them: never with a token in them.

A known route is recorded by its template. An unknown one keeps only the segments that cannot be secret: short
lowercase words (API nouns such as "messages" or "@original") and numeric ids; anything else, such as an
interaction token, becomes {redacted}.
"""

import re

_WORD = re.compile(r"@?[a-z][a-z0-9_.-]{0,31}")
_SNOWFLAKE = re.compile(r"\d{1,20}")
REDACTED = "{redacted}"


def redact_path(path: str) -> str:
    return "/".join(_kept(segment) for segment in path.split("/"))


def _kept(segment: str) -> str:
    if segment == "" or _WORD.fullmatch(segment) or _SNOWFLAKE.fullmatch(segment):
        return segment
    return REDACTED
