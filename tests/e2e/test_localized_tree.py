"""The commands the bot syncs carry their translations: Discord shows a French user the French descriptions."""

from __future__ import annotations

from local_discord import LocalDiscord


async def test_the_synced_commands_carry_french_descriptions_and_choices(online: LocalDiscord) -> None:
    slash = {c["name"]: c for c in online.commands.listed(None) if c["type"] == 1}
    condition = slash["condition"]
    assert condition["description_localizations"]["fr"] == "Afficher une fiche de référence sourcée sur une maladie."
    assert condition["name"] == "condition" and not condition.get("name_localizations")
    section = next(o for o in condition["options"] if o["name"] == "section")
    assert section["description_localizations"]["fr"] == "Afficher une seule partie de la fiche"
    assert {c["name_localizations"]["fr"] for c in section["choices"]} >= {"Vue d'ensemble", "Signes d'alerte"}
    (study,) = [o for o in slash["deck"]["options"] if o["name"] == "study"]
    assert study["description_localizations"]["fr"] == "Répondre aux faits de votre paquet à revoir aujourd'hui."
    assert all(c["description_localizations"].get("fr") for c in slash.values())
