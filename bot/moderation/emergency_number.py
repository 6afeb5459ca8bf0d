"""Whether what a moderator typed for `/settings emergency_number` is a real emergency number.

A red-flag box tells a frightened person what to dial, so a typo (`0`, `1`, `12345`) must never reach it. The
number is checked against the emergency short codes that libphonenumber (Google's, kept up to date for every
country, through the `phonenumberslite` package) knows for any region: the bot does not know a server's country,
so a number that is an emergency number somewhere is accepted. Up to three may be given, `999 or 112`. Spaces and
dashes inside one are dropped (`1 1 2` is shown as `112`, as people dial it).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

MAX_NUMBERS = 3
_OR = re.compile(r"\s*(?:\bor\b|,|/)\s*", flags=re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s-]+")
_SHORT_CODE = re.compile(r"^[0-9]{2,6}$")  # every emergency number in libphonenumber's data is 2-6 digits long


def known_emergency_number(typed: str) -> str | None:
    """The number(s) as the red-flag boxes will show them, or None when one is not a known emergency number."""
    parts = [_SEPARATORS.sub("", part) for part in _OR.split(typed.strip())]
    if not 1 <= len(parts) <= MAX_NUMBERS or not all(is_emergency_number(part) for part in parts):
        return None
    return " or ".join(dict.fromkeys(parts))


@lru_cache(maxsize=256)
def is_emergency_number(digits: str) -> bool:
    """Whether these digits are an emergency number in some region (112 in the EU, 000 in Australia, 911...)."""
    if not _SHORT_CODE.match(digits):
        return False
    return any(phonenumbers.is_emergency_number(digits, region) for region in _regions())


@lru_cache(maxsize=1)
def _regions() -> tuple[str, ...]:
    return tuple(sorted(phonenumbers.SUPPORTED_SHORT_REGIONS))
