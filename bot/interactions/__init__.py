"""The interaction pipeline every feature shares: the command tree, option checks, autocomplete, errors, answering
in time, counting each interaction once, and who may post publicly."""
