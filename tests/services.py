"""Skipping (or, in CI, failing) tests whose real service is missing."""

import os

import pytest


def missing_service(reason: str) -> None:
    """Skip with ``reason``; with FOODIE_REQUIRE_SERVICES=1 (CI) fail instead."""
    if os.environ.get("FOODIE_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (FOODIE_REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)
