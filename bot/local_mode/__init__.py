"""Offline local mode: the local Discord, the real bot and a console, in one process."""
