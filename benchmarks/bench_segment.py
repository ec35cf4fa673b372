"""Benchmarks of analyze() and split() against the floor len(t.encode("utf-16-le")).

Read the results as ratios within one run: each group times the floor over the same
corpus.  Targets (issue 9): analyze within 5x of the floor on short GSM, GSM with
extension characters, French and emoji texts, within 8x on the 3,000-character mixed
texts.  The grapheme-heavy shapes (one long text each, at two sizes) show that the
walk is linear: the ratio to the floor stays put when the text grows 10x.
"""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import MessageTooLong, analyze, split

from .corpora import SHAPES, corpus, shape, utf16_floor, utf16_octets_expected

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


SHAPE_SIZES = [10_000, 100_000]


def _analyze_one(text: str) -> int:
    return analyze(text).segments


def _split_one(text: str) -> int:
    try:
        return len(split(text))
    except MessageTooLong as exc:  # the walk is done before the limit is checked
        return exc.segments


@pytest.mark.parametrize("size", SHAPE_SIZES)
@pytest.mark.parametrize("name", list(SHAPES))
def test_shape_floor(benchmark: BenchmarkFixture, name: str, size: int) -> None:
    """The floor for one grapheme-heavy text: its UTF-16 encode and length."""
    text = shape(name, size)
    benchmark.group = f"shape-{name}-{size}"
    assert benchmark(utf16_floor, [text]) == utf16_octets_expected([text])


@pytest.mark.parametrize("size", SHAPE_SIZES)
@pytest.mark.parametrize("name", list(SHAPES))
def test_shape_analyze(benchmark: BenchmarkFixture, name: str, size: int) -> None:
    """analyze() of one grapheme-heavy text; it agrees with split()."""
    text = shape(name, size)
    benchmark.group = f"shape-{name}-{size}"
    assert benchmark(_analyze_one, text) == _split_one(text)


@pytest.mark.parametrize("size", SHAPE_SIZES)
@pytest.mark.parametrize("name", list(SHAPES))
def test_shape_split(benchmark: BenchmarkFixture, name: str, size: int) -> None:
    """split() of one grapheme-heavy text (past 255 segments: the walk, then the refusal)."""
    text = shape(name, size)
    benchmark.group = f"shape-{name}-{size}"
    assert benchmark(_split_one, text) == analyze(text).segments
