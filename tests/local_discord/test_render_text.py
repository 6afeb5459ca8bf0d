"""The plain-text rendering used by Reply.text()."""

from local_discord.render_text import EPHEMERAL, render_message


def test_a_card_renders_title_description_fields_footer_and_controls() -> None:
    embed = {
        "title": "Multiple sclerosis",
        "description": "Plain words first.",
        "fields": [{"name": "Get help now", "value": "Call 911, 999 or 112\nif you cannot stand."}],
        "footer": {"text": "Educational only."},
    }
    rows = [
        {
            "type": 1,
            "components": [
                {"type": 2, "style": 1, "label": "Share here", "custom_id": "s"},
                {"type": 2, "style": 5, "label": "Sources", "url": "https://www.ninds.nih.gov/"},
            ],
        },
        {
            "type": 1,
            "components": [
                {"type": 3, "custom_id": "m", "placeholder": "More", "options": [{"label": "A", "value": "a"}]},
            ],
        },
    ]

    text = render_message("", [embed], rows, EPHEMERAL)

    assert text == (
        "(only you can see this)\n"
        "## Multiple sclerosis\n"
        "Plain words first.\n"
        "* Get help now: Call 911, 999 or 112\n  if you cannot stand.\n"
        "-- Educational only.\n"
        "[Share here] [Sources]\n"
        "<More: A>"
    )


def test_components_v2_text_displays_render_inside_containers() -> None:
    container = {
        "type": 17,
        "components": [{"type": 10, "content": "Hello"}, {"type": 14}, {"type": 10, "content": "Bye"}],
    }

    assert render_message("", [], [container], 0) == "Hello\n---\nBye"
