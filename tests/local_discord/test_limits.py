"""Discord's limits the spec cannot express: embed totals, counts, choices, command names."""

from hypothesis import given
from hypothesis import strategies as st

from local_discord import limits
from local_discord.command_limits import command_list_issues
from local_discord.form_errors import Issue

TOTAL = Issue(("embeds",), "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")


def test_embed_total_counts_title_description_fields_footer_and_author() -> None:
    embed = {
        "title": "t" * 10,
        "description": "d" * 20,
        "fields": [{"name": "n" * 3, "value": "v" * 4}],
        "footer": {"text": "f" * 5},
        "author": {"name": "a" * 6},
        "url": "https://example.org/not-counted",
    }

    assert limits.embed_chars(embed) == 48


def test_embeds_over_6000_characters_in_total_are_refused() -> None:
    embeds = [{"description": "x" * 3000}, {"description": "y" * 3000}]

    assert limits.message_issues({"embeds": embeds}) == []
    assert limits.message_issues({"embeds": [*embeds, {"title": "z"}]}) == [TOTAL]


def test_counts_of_embeds_fields_and_rows_are_capped() -> None:
    fields = [{"name": "n", "value": "v"}] * 26
    rows = [{"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": f"b{i}"}]} for i in range(6)]

    issues = limits.message_issues({"embeds": [{"fields": fields}] + [{}] * 10, "components": rows})

    assert {issue.path for issue in issues} == {("embeds",), ("embeds", 0, "fields"), ("components",)}


def test_duplicate_custom_ids_are_refused() -> None:
    button = {"type": 2, "style": 1, "label": "b", "custom_id": "same"}

    (issue,) = limits.message_issues({"components": [{"type": 1, "components": [button, button]}]})

    assert issue.path == ("components", 0, "components", 1, "custom_id")


def test_autocomplete_allows_25_named_choices() -> None:
    choices = [{"name": f"c{i}", "value": f"c{i}"} for i in range(26)] + [{"name": "", "value": "x"}]

    issues = limits.autocomplete_issues({"choices": choices})

    assert [issue.path for issue in issues] == [("choices",), ("choices", 26, "name")]


def test_command_names_and_option_order_follow_discord_rules() -> None:
    commands = [
        {"name": "Condition", "description": "x", "type": 1},
        {"name": "ok", "description": "", "type": 1},
        {
            "name": "order",
            "description": "x",
            "options": [
                {"type": 3, "name": "a", "description": "x"},
                {"type": 3, "name": "b", "description": "x", "required": True},
            ],
        },
    ]

    issues = command_list_issues(commands)

    assert [(issue.path, issue.code) for issue in issues] == [
        ((0, "name"), "APPLICATION_COMMAND_INVALID_NAME"),
        ((1, "description"), "BASE_TYPE_MIN_LENGTH"),
        ((2, "options", 1), "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"),
    ]


def test_empty_messages_are_detected() -> None:
    assert limits.is_empty_message({"content": "", "embeds": []})
    assert not limits.is_empty_message({"embeds": [{"title": "x"}]})


embed_strategy = st.fixed_dictionaries(
    {
        "title": st.text(max_size=limits.EMBED_TITLE),
        "description": st.text(max_size=limits.EMBED_DESCRIPTION),
        "fields": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.text(min_size=1, max_size=limits.FIELD_NAME),
                    "value": st.text(min_size=1, max_size=limits.FIELD_VALUE),
                }
            ),
            max_size=3,
        ),
    }
)


@given(st.lists(embed_strategy, max_size=limits.EMBEDS_PER_MESSAGE))
def test_only_the_total_is_refused_for_embeds_within_each_field_limit(embeds: list[dict]) -> None:
    total = sum(limits.embed_chars(embed) for embed in embeds)

    assert limits.message_issues({"embeds": embeds}) == ([TOTAL] if total > limits.EMBED_TOTAL_CHARS else [])
