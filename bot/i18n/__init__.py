"""Localization of the slash-command tree from gettext catalogs in locales/ (the format Weblate and Crowdin speak).

This first increment translates what Discord shows in its command picker: command, group and option descriptions and
choice names. Command and option names stay English (people type them, and the docs and examples use them), and the
bot's replies stay English.
"""
