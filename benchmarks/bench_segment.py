"""Benchmarks of analyze() and split() against the floor len(t.encode("utf-16-le")).

Read the results as ratios within one run: each group times the floor over the same
corpus.  Targets (issue 2): analyze within 5x of the floor on short GSM messages and
within 8x on the other corpora; split within 10x on short messages.
"""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import analyze, split

from .corpora import corpus, utf16_floor, utf16_octets_expected

CORE = ["short_gsm", "long_gsm_extension", "french", "emoji_ucs2", "mixed_3000"]


def _analyze_all(texts: list[str]) -> int:
    return sum(analyze(t).segments for t in texts)


def _split_all(texts: list[str]) -> int:
    return sum(len(split(t)) for t in texts)


@pytest.mark.parametrize("name", CORE)
def test_floor(benchmark: BenchmarkFixture, name: str) -> None:
    """The floor: UTF-16 encode and length of every text."""
    texts = corpus(name)
    benchmark.group = f"segment-{name}"
    assert benchmark(utf16_floor, texts) == utf16_octets_expected(texts)


@pytest.mark.parametrize("name", CORE)
def test_analyze(benchmark: BenchmarkFixture, name: str) -> None:
    """analyze() over the corpus."""
    texts = corpus(name)
    benchmark.group = f"segment-{name}"
    expected = sum(len(split(t)) for t in texts)
    assert benchmark(_analyze_all, texts) == expected


@pytest.mark.parametrize("name", ["short_gsm", "french", "emoji_ucs2"])
def test_split(benchmark: BenchmarkFixture, name: str) -> None:
    """split() over the corpus."""
    texts = corpus(name)
    benchmark.group = f"segment-{name}"
    expected = sum(analyze(t).segments for t in texts)
    assert benchmark(_split_all, texts) == expected
