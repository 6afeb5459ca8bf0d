"""Fixtures for the storage tests: both backends."""

from tests.storage.backends import backend, target  # noqa: F401
