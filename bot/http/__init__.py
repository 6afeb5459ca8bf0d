"""Delivery over HTTP: Discord POSTs each interaction to `python -m bot serve` (an Interactions Endpoint URL), signed
with Ed25519, and the bot answers in the HTTP response. The same command tree, handlers and renderers as the gateway
bot (bot.app) answer it; nothing below this package imports it."""
