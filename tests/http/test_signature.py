"""Discord's Ed25519 request signature, checked with real keys: only Discord's key over timestamp + body passes."""

from __future__ import annotations

import pytest
from nacl.signing import SigningKey

from bot.http.signature import MAX_SKEW_SECONDS, SignatureCheck

NOW = 1_700_000_000
BODY = b'{"type":1}'


def signed(key: SigningKey, timestamp: str, body: bytes) -> str:
    return key.sign(timestamp.encode() + body).signature.hex()


def flip_last_byte(signature_hex: str) -> str:
    return signature_hex[:-2] + f"{int(signature_hex[-2:], 16) ^ 0xFF:02x}"


@pytest.fixture
def discord_key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def check(discord_key: SigningKey) -> SignatureCheck:
    return SignatureCheck(discord_key.verify_key.encode().hex(), clock=lambda: NOW)


def test_a_signature_by_discords_key_over_timestamp_and_body_passes(check: SignatureCheck, discord_key) -> None:
    assert check.verify(signed(discord_key, str(NOW), BODY), str(NOW), BODY)


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda key, ts, body: signed(SigningKey.generate(), ts, body), id="another-key"),
        pytest.param(lambda key, ts, body: signed(key, ts, body + b" "), id="another-body"),
        pytest.param(lambda key, ts, body: signed(key, str(int(ts) + 1), body), id="another-timestamp"),
        pytest.param(lambda key, ts, body: flip_last_byte(signed(key, ts, body)), id="one-byte-changed"),
        pytest.param(lambda key, ts, body: signed(key, ts, body)[:64], id="too-short"),
        pytest.param(lambda key, ts, body: "zz" * 64, id="not-hex"),
        pytest.param(lambda key, ts, body: "", id="empty"),
        pytest.param(lambda key, ts, body: None, id="missing"),
    ],
)
def test_anything_else_fails(check: SignatureCheck, discord_key: SigningKey, forge) -> None:
    assert not check.verify(forge(discord_key, str(NOW), BODY), str(NOW), BODY)


@pytest.mark.parametrize("timestamp", [None, "", "abc", "1.5", "-1", "١٢٣", " 1700000000"])
def test_a_missing_or_malformed_timestamp_fails(check: SignatureCheck, discord_key: SigningKey, timestamp) -> None:
    signature = signed(discord_key, timestamp or "", BODY)
    assert not check.verify(signature, timestamp, BODY)


@pytest.mark.parametrize("offset", [-MAX_SKEW_SECONDS - 1, MAX_SKEW_SECONDS + 1, -86_400, 10**9])
def test_a_validly_signed_but_stale_or_future_timestamp_fails(
    check: SignatureCheck, discord_key: SigningKey, offset: float
) -> None:
    timestamp = str(int(NOW + offset))
    assert not check.verify(signed(discord_key, timestamp, BODY), timestamp, BODY)  # a replayed request


@pytest.mark.parametrize("offset", [-MAX_SKEW_SECONDS, 0, MAX_SKEW_SECONDS])
def test_a_timestamp_within_the_allowed_skew_passes(check: SignatureCheck, discord_key: SigningKey, offset) -> None:
    timestamp = str(int(NOW + offset))
    assert check.verify(signed(discord_key, timestamp, BODY), timestamp, BODY)


def test_a_public_key_that_is_not_32_bytes_is_refused_at_once() -> None:
    with pytest.raises(ValueError):
        SignatureCheck("ab" * 31)
