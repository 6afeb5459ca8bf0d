"""/deck: each member's optional, private spaced-repetition deck of quiz facts (bot.deck.replies)."""
