"""Benchmarks of national table selection against default-only analyze() and the floor.

Read the results as ratios within one run: each group times, over the same corpus, the
floor ``len(t.encode("utf-16-le"))``, ``analyze()`` with the default alphabet only and
``analyze()`` with every national table allowed.  Target (issue 3): selection within 3x
of the default-only analysis of the same texts.
"""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import NationalLanguage, analyze, split

from .corpora import corpus, utf16_floor, utf16_octets_expected

NATIONAL = ["turkish", "portuguese", "hindi"]
ALL_TABLES = list(NationalLanguage)


def _analyze_default(texts: list[str]) -> int:
    return sum(analyze(t).segments for t in texts)


def _analyze_all_tables(texts: list[str]) -> int:
    return sum(analyze(t, languages=ALL_TABLES).segments for t in texts)


@pytest.mark.parametrize("name", NATIONAL)
def test_floor(benchmark: BenchmarkFixture, name: str) -> None:
    """The floor: UTF-16 encode and length of every text."""
    texts = corpus(name)
    benchmark.group = f"national-{name}"
    assert benchmark(utf16_floor, texts) == utf16_octets_expected(texts)


@pytest.mark.parametrize("name", NATIONAL)
def test_analyze_default(benchmark: BenchmarkFixture, name: str) -> None:
    """analyze() with the default alphabet only (these texts mostly go UCS-2)."""
    texts = corpus(name)
    benchmark.group = f"national-{name}"
    expected = sum(len(split(t)) for t in texts)
    assert benchmark(_analyze_default, texts) == expected


@pytest.mark.parametrize("name", NATIONAL)
def test_analyze_all_tables(benchmark: BenchmarkFixture, name: str) -> None:
    """analyze() with every national table allowed: never more segments than default."""
    texts = corpus(name)
    benchmark.group = f"national-{name}"
    default = _analyze_default(texts)
    segments = benchmark(_analyze_all_tables, texts)
    assert segments == sum(len(split(t, languages=ALL_TABLES)) for t in texts)
    # Every corpus word is in its language's tables, so the tables must save segments.
    assert segments < default
