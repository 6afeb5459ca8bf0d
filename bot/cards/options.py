"""Slash-command option choices shared by several commands."""

from __future__ import annotations

from discord import app_commands

from bot.knowledge.facets import Section

SECTION_CHOICES = [app_commands.Choice(name=s.label, value=s.value) for s in Section]
