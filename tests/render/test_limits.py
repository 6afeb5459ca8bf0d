from __future__ import annotations

from bot.render.limits import embed_length, message_problems


def embed(**parts) -> dict:
    return {"title": "t", "fields": [], **parts}


def test_embed_length_counts_what_discord_counts() -> None:
    e = {
        "title": "ab",
        "description": "cde",
        "footer": {"text": "f"},
        "author": {"name": "gh"},
        "fields": [{"name": "i", "value": "jk"}],
        "url": "https://not-counted.example",
    }
    assert embed_length(e) == 11


def test_each_limit_is_reported() -> None:
    too_big = embed(
        title="x" * 257,
        description="x" * 4097,
        footer={"text": "x" * 2049},
        fields=[{"name": "n", "value": "x" * 1025}] + [{"name": "n", "value": "v"}] * 25,
    )
    problems = message_problems("x" * 2001, [too_big] * 11)
    joined = "\n".join(problems)
    for expected in [
        "content is 2001",
        "11 embeds",
        "title is 257",
        "description is 4097",
        "footer is 2049",
        "field count is 26",
        "value is 1025",
        "embeds total",
    ]:
        assert expected in joined


def test_sendable_message_has_no_problems() -> None:
    assert message_problems("hi", [embed(fields=[{"name": "a", "value": "b"}])]) == []


def test_empty_field_is_a_problem() -> None:
    assert message_problems(None, [embed(fields=[{"name": "a", "value": ""}])]) == ["embed 0: field 'a' is empty"]
