from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.moderation.emergency_number import is_emergency_number, known_emergency_number


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("000", "000"),  # Australia
        (" 112 ", "112"),  # the EU, and most mobile phones anywhere
        ("1 1 2", "112"),  # as people dial it
        ("1-1-2", "112"),
        ("999 OR 111", "999 or 111"),  # the UK; New Zealand's 111
        ("911, 112", "911 or 112"),
        ("119", "119"),  # Japan
        ("15 or 17 or 18", "15 or 17 or 18"),  # France: ambulance, police, fire
        ("112 or 112", "112"),
    ],
)
def test_real_emergency_numbers_are_accepted_and_tidied(typed: str, shown: str) -> None:
    assert known_emergency_number(typed) == shown


@pytest.mark.parametrize(
    "typed",
    [
        "0",
        "1",
        "9",
        "12345",
        "+1 (555) 0100",  # a phone number, not an emergency number
        "call 911",
        "@everyone",
        "<@123>",
        "**999**",
        "",
        "112 or 999 or 911 or 000",  # at most three
        "911 or",
    ],
)
def test_anything_but_a_known_emergency_number_is_refused(typed: str) -> None:
    assert known_emergency_number(typed) is None


def test_the_check_uses_libphonenumbers_short_codes() -> None:
    assert is_emergency_number("112") and is_emergency_number("000") and is_emergency_number("911")
    assert not is_emergency_number("0") and not is_emergency_number("1234567")


@given(st.text(max_size=60))
def test_an_accepted_number_is_only_digits_joined_by_or(typed: str) -> None:
    shown = known_emergency_number(typed)
    if shown is not None:
        parts = shown.split(" or ")
        assert 1 <= len(parts) <= 3 and all(part.isascii() and part.isdigit() for part in parts)
