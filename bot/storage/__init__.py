"""What the bot keeps: usage counters, server settings under a keyed hash, the sync hash, and the database
behind them."""
