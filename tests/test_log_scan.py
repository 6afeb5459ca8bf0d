"""The log scan itself finds what the scrubber would miss: it looks for exact values, not patterns."""

from __future__ import annotations

import logging

from tests.log_scan import ScanHandler, leaks


def test_the_scan_finds_an_exact_identifier_the_patterns_do_not() -> None:
    handler = ScanHandler()
    short_id = "4242424242"  # too short to look like a snowflake, but issued all the same
    handler.handle(logging.LogRecord("x", logging.INFO, __file__, 1, "member %s", (short_id,), None))
    handler.handle(logging.LogRecord("x", logging.INFO, __file__, 1, "guild %s", ("1198765432109876543",), None))
    (found,) = leaks(handler.lines, {short_id, "1198765432109876543"})
    assert found.endswith("member 4242424242")
