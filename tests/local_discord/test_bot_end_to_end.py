"""The real discord.py client, started with bot.start(token), driven through the local Discord."""

import asyncio

import aiohttp
import discord
import pytest
from discord.gateway import DiscordWebSocket

from bench.bare_bot import FRUITS, HELLO, BareBot
from local_discord import CommandUnavailable, HarnessError, InteractionFailed, LocalDiscord
from local_discord.discord_py import point_discord_py_at

from .conftest import MakeLocal
from .probe_bot import ProbeBot

GUILDS_INTENT = 1
EMBED_TOTAL_MESSAGE = "Embed size exceeds maximum size of 6000"


async def test_login_identifies_with_guilds_intent_and_syncs_commands(online: LocalDiscord) -> None:
    assert online.gateway.identify_count == 1
    assert online.gateway.identify_payloads[0]["intents"] == GUILDS_INTENT
    assert "token" not in online.gateway.identify_payloads[0]
    assert {command["name"] for command in online.commands.listed(None)} == {"hello", "pick", "share", "slow"}
    assert [r.route for r in online.requests[:2]] == ["/users/@me", "/oauth2/applications/@me"]


async def test_slash_command_gets_its_one_line_reply(online: LocalDiscord) -> None:
    reply = await online.slash("hello")

    assert reply.content == HELLO
    assert reply.text() == HELLO
    assert not reply.ephemeral
    assert reply.allowed_mentions == {"parse": []}
    assert reply.bodies == [{"type": 4, "data": {"tts": False, "content": HELLO, "allowed_mentions": {"parse": []}}}]


async def test_autocomplete_filters_and_caps_at_25_choices(online: LocalDiscord) -> None:
    assert await online.autocomplete("pick", "fruit", "berry") == [
        {"name": fruit, "value": fruit} for fruit in FRUITS if "berry" in fruit
    ]
    assert len(await online.autocomplete("pick", "fruit", "")) == 25


async def test_button_click_by_label_or_custom_id_answers_as_the_clicker(online: LocalDiscord) -> None:
    card = await online.slash("share")
    assert card.text() == "A card worth sharing.\n[Share here]\n<Pick a colour: Red | Green | Blue>"

    shared = await card.click("Share here")
    by_moderator = await card.click("bare:share", member="mo")

    assert shared.content == "Sam shared the card."
    assert by_moderator.content == "Mo (moderator) shared the card."
    assert shared.payload["message"]["id"] == card.message.id


async def test_select_menu_updates_the_card_in_place(online: LocalDiscord) -> None:
    card = await online.slash("share")

    picked = await card.select("Pick a colour", ["blue"])

    assert picked.response_type == 7
    assert picked.message is card.message
    assert card.content == "Colour: blue"


@pytest.mark.parametrize(
    ("finish", "text"), [("edit", "Done thinking (edited)."), ("followup", "Done thinking (followup).")]
)
async def test_deferred_reply_completes_with_the_final_content(online: LocalDiscord, finish: str, text: str) -> None:
    reply = await online.slash("slow", finish=finish)

    assert reply.deferred
    assert reply.content == text
    assert reply.followups == []  # the first followup after "thinking" replaces the thinking message


async def test_replies_are_matched_by_interaction_id_when_answers_arrive_out_of_order(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        waiting = asyncio.create_task(local.slash("gate", action="wait"))
        opened = await local.slash("gate", action="open")
        waited = await waiting

    assert (opened.content, waited.content) == ("Gate opened.", "I waited.")
    callbacks = [body for reply in (waited, opened) for body in reply.bodies]
    assert len(callbacks) == 2


async def test_members_locales_and_dms_reach_discord_py(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        owner = await local.slash("whoami", member="olivia")
        plain = await local.slash("whoami", guild="support", member="sam", locale="fr")
        admin = await local.slash("whoami", member="ada")
        in_dm = await local.slash("whoami", dm=True, member="lucia")

    assert owner.content == "olivia locale=en-US guild_locale=en-US manage_messages=True manage_guild=True"
    assert plain.content == "sam locale=fr guild_locale=es-ES manage_messages=False manage_guild=False"
    assert admin.content == "ada locale=en-US guild_locale=en-US manage_messages=False manage_guild=True"
    assert in_dm.content == "lucia locale=es-ES dm manage_messages=False manage_guild=False"
    local.assert_no_violations()


async def test_commands_needing_permissions_are_hidden_from_plain_members(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        moderator = await local.slash("moderate", member="mo")
        with pytest.raises(CommandUnavailable, match="needs permissions"):
            await local.slash("moderate", member="sam")

    assert moderator.content == "Moderation tools."
    assert moderator.ephemeral


async def test_guild_commands_exist_only_in_their_guild(local: LocalDiscord) -> None:
    support = local.world.guild("support")
    async with local.run_bot(ProbeBot(guild_commands_in=support.id)):
        await local.wait_until(lambda: local.commands.sync_count == 2, what="the guild sync")
        reply = await local.slash("local-only", guild="support")
        with pytest.raises(HarnessError, match="not registered here"):
            await local.slash("local-only", guild="study")

    assert reply.content == "Only here."
    assert reply.payload["data"]["guild_id"] == support.id


async def test_modal_opens_and_its_submission_is_answered(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        form = await local.slash("feedback")
        thanks = await form.submit_modal({"feedback_text": "clear and short"})

    assert form.modal is not None
    assert form.modal["title"] == "Feedback"
    assert thanks.content == "Thanks: clear and short"
    local.assert_no_violations()


async def test_original_and_followup_messages_can_be_fetched_edited_and_deleted(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        reply = await local.slash("lifecycle")
        await reply.wait_for_followups(3)
        await local.wait_until(lambda: "fetched" in reply.followups[-1].content, what="the last followup")

    assert [message.content for message in reply.messages] == [
        "first (edited)",
        "second (edited)",
        "fetched: second (edited)",
    ]
    assert reply.followups[1].deleted
    local.assert_no_violations()


async def test_deferred_update_acknowledges_then_edits_the_card(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        card = await local.slash("later")
        click = await card.click("Later")
        await local.wait_until(lambda: card.content == "Edited later.", what="the edit after the deferred update")

    assert click.deferred
    assert click.message is card.message
    assert card.components == []
    local.assert_no_violations()


async def test_channel_posts_pins_and_dms_go_through_rest(local: LocalDiscord) -> None:
    async with local.run_bot(ProbeBot()):
        posted = await local.slash("post", channel="study-hall")
        told = await local.slash("dm-me", member="mo")

    (card,) = local.messages_in("study-hall")
    assert (card.embeds[0]["title"], card.pinned) == ("Card", True)
    assert posted.ephemeral and told.ephemeral
    assert [message.content for message in local.dm_messages("mo")] == ["Hello in private."]
    local.assert_no_violations()


async def test_harness_refuses_what_a_person_could_not_do(online: LocalDiscord) -> None:
    with pytest.raises(HarnessError, match="not registered"):
        await online.slash("nope")
    with pytest.raises(HarnessError, match="no option"):
        await online.slash("hello", colour="red")
    with pytest.raises(HarnessError, match="must be one of"):
        await online.slash("slow", finish="later")
    with pytest.raises(HarnessError, match="no button"):
        await (await online.slash("share")).click("Delete everything")


@pytest.mark.parametrize(
    ("command", "errors"),
    [
        ("huge", {"embeds": {"_errors": [{"code": "MAX_EMBED_SIZE_EXCEEDED", "message": EMBED_TOTAL_MESSAGE}]}}),
        (
            "many",
            {"choices": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 25 or fewer in length."}]}},
        ),
    ],
    ids=["embeds-over-6000", "26-plus-choices"],
)
async def test_limits_the_spec_cannot_express_are_rejected_with_50035(
    make_local: MakeLocal, command: str, errors: dict
) -> None:
    local = await make_local(response_window=0.5)
    async with local.run_bot(ProbeBot()):
        with pytest.raises(InteractionFailed) as failure:
            if command == "many":
                await local.autocomplete("many", "item", "x")
            else:
                await local.slash(command)

    (rejection,) = failure.value.rejections
    assert (rejection.status, rejection.code, rejection.errors) == (400, 50035, {"data": errors})
    assert local.violations == [rejection]


async def test_second_initial_response_is_refused_with_40060(online: LocalDiscord) -> None:
    reply = await online.slash("hello")
    url = f"{online.api_base_url}/interactions/{reply.interaction_id}/{reply.token}/callback"

    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"type": 4, "data": {"content": "again"}}) as response,
    ):
        assert response.status == 400
        assert (await response.json())["code"] == 40060

    assert [v.code for v in online.violations] == [40060]
    online.violations.clear()


async def test_initial_response_after_the_window_is_refused_with_10062(make_local: MakeLocal) -> None:
    local = await make_local(response_window=0.0)
    async with local.run_bot(BareBot()):
        with pytest.raises(InteractionFailed, match="This interaction failed"):
            await local.slash("hello")
        late = await local.wait_for_violation(code=10062)

    assert (late.status, late.route) == (404, "/interactions/{interaction_id}/{interaction_token}/callback")


async def test_followups_need_a_live_interaction_token(online: LocalDiscord) -> None:
    reply = await online.slash("hello")
    online.state.token_lifetime = 0.0
    url = f"{online.api_base_url}/webhooks/{online.application_id}/{reply.token}?wait=1"

    async with aiohttp.ClientSession() as session, session.post(url, json={"content": "too late"}) as response:
        assert response.status == 401
        assert (await response.json())["code"] == 50027

    online.violations.clear()


async def test_wrong_token_makes_discord_py_raise_login_failure(
    local: LocalDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Recorded by monkeypatch so the class attributes are restored after the test.
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", DiscordWebSocket.DEFAULT_GATEWAY)
    point_discord_py_at(local.api_base_url, local.gateway_url)
    bot = BareBot()
    try:
        with pytest.raises(discord.LoginFailure):
            await bot.start("not-the-token")
    finally:
        await bot.close()

    assert [(v.route, v.status) for v in local.violations] == [("/users/@me", 401)]


async def test_unknown_routes_get_a_json_404(local: LocalDiscord) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{local.api_base_url}/no/such/route") as response:
        assert response.status == 404
        assert response.headers["Content-Type"] == "application/json"
        assert await response.json() == {"message": "404: Not Found", "code": 0}
