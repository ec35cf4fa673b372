"""analyze() and split() are linear in the text on every shape, and keep no big state.

Scaling tests time two sizes, 10x apart, in the same run and compare the minimum of a
few repeats: linear work gives about 10x, the quadratic walks these tests caught (a
rescan of the clusters from the segment start, ``regex``'s ``\\X`` counting regional
indicators back to the start of the string) gave 50x to 100x.  The bound (30x) leaves
room for a noisy machine; no test asserts an absolute time.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable

import pytest

from smsparts import Encoding, MessageTooLong, UnencodableCharacter, _walk, analyze, split

RATIO = 30  # 10x input: linear ~10x, the old quadratic walks 50x-100x


def _flags(n: int) -> str:
    """``n`` regional indicators (GB12/13 pairs them: n/2 flags)."""
    return "".join(chr(0x1F1E6 + (i * 7) % 26) for i in range(n))


def _one_mark_cluster(n: int) -> str:
    """One base letter and ``n - 1`` combining marks: a single cluster (GB9)."""
    return "e" + "".join("\u0301\u0308\u0327"[i % 3] for i in range(n - 1))


def _many_mark_clusters(n: int) -> str:
    """Letters each with two combining marks (many small clusters)."""
    return ("a\u0301\u0323" * (n // 3 + 1))[:n]


def _zwj_chain(n: int) -> str:
    """Emoji joined by ZWJ: a single cluster (GB11), 3 code units per link."""
    return "\u200d".join(["\U0001f468", "\U0001f469", "\U0001f467"][i % 3] for i in range(n // 2))


def _hangul_jamo(n: int) -> str:
    """Conjoining jamo L+ V+ T+: a single syllable cluster (GB6-GB8)."""
    third = n // 3
    return "\u1100" * third + "\u1161" * third + "\u11a8" * (n - 2 * third)


def _indic_conjunct(n: int) -> str:
    """Devanagari consonant + virama + consonant ...: one conjunct cluster (GB9c)."""
    return ("\u0915\u094d" * (n // 2 + 1))[: n - 1] + "\u0937"


def _gsm_extension(n: int) -> str:
    """GSM-7 text with an extension character every few letters."""
    return ("abc€de[" * (n // 7 + 1))[:n]


SHAPES: dict[str, Callable[[int], str]] = {
    "regional-indicators": _flags,
    "one-mark-cluster": _one_mark_cluster,
    "many-mark-clusters": _many_mark_clusters,
    "zwj-chain": _zwj_chain,
    "hangul-jamo": _hangul_jamo,
    "indic-conjunct": _indic_conjunct,
    "gsm-extension": _gsm_extension,
}


def _best_times(small: Callable[[], object], large: Callable[[], object]) -> tuple[float, float]:
    """Minimum CPU times of the two calls, alternated so a busy spell hits both."""
    best_small = best_large = float("inf")
    for _ in range(5):
        start = time.process_time()
        small()
        middle = time.process_time()
        large()
        end = time.process_time()
        best_small = min(best_small, middle - start)
        best_large = min(best_large, end - middle)
    return best_small, best_large


def _split_walk(text: str) -> object:
    """split() walks the whole text before it refuses more than 255 segments."""
    try:
        return split(text)
    except MessageTooLong as exc:
        return exc.segments


@pytest.mark.parametrize("shape", list(SHAPES), ids=list(SHAPES))
@pytest.mark.parametrize("func", [analyze, _split_walk], ids=["analyze", "split"])
def test_ten_times_the_text_takes_far_less_than_a_hundred_times(
    shape: str, func: Callable[[str], object]
) -> None:
    """Linear time: a 10x longer text of the same shape takes well under 30x as long."""
    small, large = SHAPES[shape](10_000), SHAPES[shape](100_000)
    func(small)  # warm caches
    t_small, t_large = _best_times(lambda: func(small), lambda: func(large))
    assert t_large < RATIO * max(t_small, 1e-4), (shape, t_small, t_large)


@pytest.mark.parametrize("shape", list(SHAPES), ids=list(SHAPES))
def test_scaling_shapes_are_counted_as_they_are_split(shape: str) -> None:
    """The shapes above split exactly: counts agree and segments rejoin the text."""
    text = SHAPES[shape](5_000)
    a = analyze(text)
    segments = split(text)
    assert a.segments == len(segments)
    assert "".join(s.text for s in segments) == text
    assert all(s.units <= s.capacity for s in segments)


def _retained(make: Callable[[], object]) -> tuple[object, int]:
    """(the object ``make`` returns, bytes still allocated because of it)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = make()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return result, after - before


CJK_1M = "".join(chr(0x4E00 + (i * 7919) % 20_000) for i in range(1_000_000))


def test_analysis_of_a_1mb_ucs2_text_keeps_under_a_byte_per_character() -> None:
    """An Analysis of 1,000,000 UCS-2 characters retains well under 1 byte per character."""
    analyze(CJK_1M[:10_000])  # import-time and first-use allocations happen outside
    result, retained = _retained(lambda: analyze(CJK_1M))
    assert isinstance(result, tuple)
    assert result.encoding is Encoding.UCS2  # type: ignore[attr-defined]
    assert retained < len(CJK_1M), retained
    # The culprits are computed on access and are all there.
    unencodable = result.unencodable  # type: ignore[attr-defined]
    assert len(unencodable) == len(CJK_1M)
    assert unencodable[1] == (1, CJK_1M[1])


def test_forced_gsm7_error_keeps_under_a_byte_per_character() -> None:
    """The UnencodableCharacter of a 1 MB text finds its culprits again when read."""

    def fail() -> UnencodableCharacter:
        try:
            analyze(CJK_1M, encoding=Encoding.GSM7)
        except UnencodableCharacter as exc:
            return exc
        raise AssertionError("GSM-7 was forced on CJK text")

    error, retained = _retained(fail)
    assert retained < len(CJK_1M), retained
    assert isinstance(error, UnencodableCharacter)
    assert (error.start, error.end) == (0, 1)
    characters = error.characters
    assert len(characters) == len(CJK_1M)
    assert characters[-1] == (len(CJK_1M) - 1, CJK_1M[-1])


def test_plain_character_cache_is_bounded() -> None:
    """Segmenting texts with many distinct characters never grows the cache past its limit."""
    for start in range(0x4E00, 0x4E00 + 20_000, 2_000):
        analyze("".join(chr(start + i) + "\u0301" for i in range(2_000)))
    assert len(_walk._plain_cache) <= _walk._PLAIN_CACHE_LIMIT
