"""/quiz: questions from the cards' controlled values, their buttons' ids, the sessions in memory, and replies."""
