"""Benchmarks of Profile.count() and Profile.analyze() against analyze() and the floor.

Read the results as ratios within one run: each group times the floor
``len(t.encode("utf-16-le"))`` and the core ``analyze()`` over the same corpus.
``count()`` is the path a ``profile=`` option or a campaign estimate takes; ``analyze()``
builds the full ``ProfileAnalysis`` with its reasons (one text at a time, for display).
"""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import analyze
from smsparts.profiles import profile_named

from .corpora import corpus, utf16_floor, utf16_octets_expected

CORPORA = ["short_gsm", "french", "emoji_ucs2"]
PROFILES = ["spec", "twilio-smart", "notify", "smpp-bytes"]


def _core_all(texts: list[str]) -> int:
    return sum(analyze(t).segments for t in texts)


@pytest.mark.parametrize("name", CORPORA)
def test_floor(benchmark: BenchmarkFixture, name: str) -> None:
    """The floor: UTF-16 encode and length of every text."""
    texts = corpus(name)
    benchmark.group = f"profiles-{name}"
    assert benchmark(utf16_floor, texts) == utf16_octets_expected(texts)


@pytest.mark.parametrize("name", CORPORA)
def test_core_analyze(benchmark: BenchmarkFixture, name: str) -> None:
    """The core analyze() over the corpus (the spec's count)."""
    texts = corpus(name)
    benchmark.group = f"profiles-{name}"
    assert benchmark(_core_all, texts) == sum(len(profile_named("spec").split(t)) for t in texts)


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("name", CORPORA)
def test_count(benchmark: BenchmarkFixture, name: str, profile: str) -> None:
    """Profile.count() over the corpus; agrees with Profile.split()."""
    texts = corpus(name)
    chosen = profile_named(profile)
    benchmark.group = f"profiles-{name}"
    expected = sum(len(chosen.split(t)) for t in texts)
    assert benchmark(lambda: sum(chosen.count(t).segments for t in texts)) == expected


@pytest.mark.parametrize("name", CORPORA)
def test_analyze_spec(benchmark: BenchmarkFixture, name: str) -> None:
    """Profile.analyze() of the spec profile (full result with reasons)."""
    texts = corpus(name)
    spec = profile_named("spec")
    benchmark.group = f"profiles-{name}"
    assert benchmark(lambda: sum(spec.analyze(t).segments for t in texts)) == _core_all(texts)
