"""/glossary: finding a term, and its answer."""
