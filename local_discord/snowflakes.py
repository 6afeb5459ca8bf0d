"""Discord-shaped snowflake ids, so payloads look like the real thing to any client."""

import itertools
import time

DISCORD_EPOCH_MS = 1_420_070_400_000


class SnowflakeFactory:
    """Hands out increasing snowflakes (timestamp in the high bits, a counter in the low ones)."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self.issued: set[str] = set()  # every id handed out, so tests can look for them in logs

    def next(self) -> str:
        return self.at(int(time.time() * 1000))

    def at(self, unix_ms: int) -> str:
        """An id for something created at this Unix time in milliseconds."""
        snowflake = str(((unix_ms - DISCORD_EPOCH_MS) << 22) | (next(self._counter) & 0x3FFFFF))
        self.issued.add(snowflake)
        return snowflake
