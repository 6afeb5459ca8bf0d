from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cluster import heartbeat
from bot.cluster.shards import SessionStarts, cluster_shards, identify_bucket, shard_of


def test_clusters_split_the_shards_between_them_without_overlap_or_gap() -> None:
    split = [cluster_shards(10, index, 3) for index in range(3)]
    assert split == [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]]
    assert sorted(s for shards in split for s in shards) == list(range(10))


def test_a_server_routes_to_its_shard_and_a_shard_to_its_bucket() -> None:
    assert shard_of(5 << 22, 4) == 1 and shard_of(41771983423143937, 1) == 0
    assert [identify_bucket(s, 16) for s in (0, 15, 16, 17)] == [0, 15, 0, 1]
    assert identify_bucket(3, 0) == 0  # a missing max_concurrency is 1


def test_too_few_session_starts_left_means_waiting_for_the_reset() -> None:
    starts = SessionStarts.from_payload({"total": 1000, "remaining": 2, "reset_after": 90_000, "max_concurrency": 1})
    assert starts.wait_before_starting(2) == 0.0
    assert starts.wait_before_starting(3) == 90.0
    assert SessionStarts(1000, 0, 0.0, 1).wait_before_starting(1) == 1.0  # never a busy loop


@pytest.mark.parametrize(
    ("beat", "healthy"),
    [
        (heartbeat.Beat(100.0, True, {0: True, 2: True}), True),
        (heartbeat.Beat(100.0, False, {0: True}), False),
        (heartbeat.Beat(100.0, True, {0: True, 2: False}), False),
        (heartbeat.Beat(100.0, True, {}), False),
        (heartbeat.Beat(100.0 - heartbeat.STALE_SECONDS - 1, True, {0: True}), False),
    ],
)
def test_healthy_means_a_fresh_beat_ready_with_every_shard_connected(beat: heartbeat.Beat, healthy: bool) -> None:
    assert (beat.problem(now=100.0) is None) == healthy


def test_the_health_check_reads_what_the_bot_wrote(tmp_path: Path) -> None:
    path = tmp_path / "health-0.json"
    assert heartbeat.check(path) is not None  # none yet
    heartbeat.write(path, heartbeat.Beat(50.0, True, {1: True}))
    assert json.loads(path.read_text())["shards"] == {"1": True}
    assert heartbeat.check(path, now=60.0) is None
    path.write_text("{not json")
    assert "unhealthy" in (heartbeat.check(path) or "")
