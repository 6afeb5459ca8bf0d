"""/search: the words of a question, the cards' text as searchable documents, and the index that ranks them."""
