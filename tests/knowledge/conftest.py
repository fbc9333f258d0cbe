"""Knowledge bases built once per test session (a build loads jieba, about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import DEFAULT_DIR, KnowledgeBase, build_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def shipped() -> KnowledgeBase:
    """The shipped Tencent report."""
    return build_knowledge(DEFAULT_DIR)


@pytest.fixture(scope="session")
def other() -> KnowledgeBase:
    """A made-up carmaker's quarterly report, with no operator files."""
    return build_knowledge(FIXTURES / "other")


@pytest.fixture(scope="session")
def tiny() -> KnowledgeBase:
    """Three sentences about a made-up software company."""
    return build_knowledge(FIXTURES / "tiny")
