"""Fixtures for the quiz tests: scoring in memory and in the shared store on each backend."""

from tests.quiz.scorings import scoring, scoring_target  # noqa: F401
