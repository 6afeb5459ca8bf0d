"""/help, /privacy and /about."""
