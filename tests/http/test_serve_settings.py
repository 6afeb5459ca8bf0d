"""DISCORD_PUBLIC_KEY: the key HTTP interactions are verified with, checked when the settings are read."""

from __future__ import annotations

import pytest

from bot.config import SettingsError, load_settings


def test_the_public_key_is_64_hex_characters_kept_in_lower_case() -> None:
    key = "AB" * 32
    assert load_settings({"DISCORD_PUBLIC_KEY": key}, env_file=None).public_key == key.lower()
    assert load_settings({}, env_file=None).public_key is None


@pytest.mark.parametrize("bad", ["abc", "zz" * 32, "ab" * 33, "ab" * 31 + " a"])
def test_any_other_public_key_is_one_clear_problem(bad: str) -> None:
    with pytest.raises(SettingsError, match="DISCORD_PUBLIC_KEY must be 64 hexadecimal characters"):
        load_settings({"DISCORD_PUBLIC_KEY": bad}, env_file=None)
