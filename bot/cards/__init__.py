"""Condition cards and comparisons: what to answer, the card's embeds and buttons, and that every card fits
Discord's limits."""
