"""What the local Discord itself sends is held to the spec: every answer by its response schema, every gateway
frame by the frame shape and its event's schema, so a field Discord always sends cannot go missing unseen."""

from __future__ import annotations

from typing import Any

import pytest

from bench.bare_bot import BareBot
from local_discord import LocalDiscord
from local_discord.world import Role, World

from .conftest import MakeLocal

EXPECTED = {
    "GET /users/@me 200",
    "GET /oauth2/applications/@me 200",
    "PUT /applications/{application_id}/commands 200",
    "POST /interactions/{interaction_id}/{interaction_token}/callback 200",
    "POST /interactions/{interaction_id}/{interaction_token}/callback 204",
    "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id} 200",
    "POST /webhooks/{webhook_id}/{webhook_token} 200",
    "gateway op 10",
    "gateway op 11",
    "gateway READY",
    "gateway GUILD_CREATE",
    "gateway INTERACTION_CREATE",
}


async def test_every_flow_of_a_real_bot_gets_answers_and_events_that_match_the_spec(local: LocalDiscord) -> None:
    async with local.run_bot(BareBot()):
        await local.slash("hello")
        await local.slash("hello", dm=True)
        await local.autocomplete("pick", "fruit", "berry")
        card = await local.slash("share")
        await card.click("Share here")
        await card.select("Pick a colour", ["green"])
        await local.slash("slow", finish="edit")
        await local.slash("slow", finish="followup")
        await local.faults.drop_gateway(4000)
        await local.slash("hello")  # replayed after a RESUME

    assert local.server.output_check is not None
    assert local.state.output_issues == []
    assert local.server.output_check.checked >= EXPECTED
    local.assert_no_violations()


async def test_a_missing_required_field_in_an_event_is_caught(
    make_local: MakeLocal, monkeypatch: pytest.MonkeyPatch
) -> None:
    role_payload = Role.payload
    monkeypatch.setattr(Role, "payload", lambda role: {k: v for k, v in role_payload(role).items() if k != "colors"})
    local = await make_local()
    async with local.run_bot(BareBot()):
        pass

    found = {issue.source for issue in local.state.output_issues if "'colors' is a required property" in issue.problem}
    assert found == {"gateway GUILD_CREATE"}
    with pytest.raises(AssertionError, match="the local Discord itself sent"):
        local.assert_no_violations()
    local.state.output_issues.clear()


async def test_a_missing_required_field_in_an_answer_is_caught(
    make_local: MakeLocal, monkeypatch: pytest.MonkeyPatch
) -> None:
    application = World.application_payload

    def without_flags_new(world: World) -> dict[str, Any]:
        return {k: v for k, v in application(world).items() if k != "flags_new"}

    monkeypatch.setattr(World, "application_payload", without_flags_new)
    local = await make_local()
    async with local.run_bot(BareBot()):
        pass

    (issue,) = local.state.output_issues
    assert issue.source == "GET /oauth2/applications/@me 200"
    assert "'flags_new' is a required property" in issue.problem
    local.state.output_issues.clear()
