"""Properties of analyze() and split(), checked against an independent model."""

from __future__ import annotations

import itertools

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from smsparts import (
    Encoding,
    InvalidCharacter,
    MessageTooLong,
    Route,
    Segment,
    SmsError,
    UnencodableCharacter,
    analyze,
    split,
)
from smsparts.charset import DEFAULT

from ..strategies import any_texts, gsm_texts, mixed_texts

CLUSTER = regex.compile(r"\X")
BOUNDARIES = st.sampled_from(["grapheme", "codepoint"])


def unit_cost(ch: str, encoding: Encoding) -> int:
    """Units of one character, from first principles (not from the library)."""
    if encoding is Encoding.GSM7:
        return 2 if ch in DEFAULT.shifted else 1
    return 2 if ord(ch) > 0xFFFF else 1


def cluster_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in CLUSTER.finditer(text)]


def units(text: str, encoding: Encoding) -> int:
    return sum(unit_cost(ch, encoding) for ch in text)


def check_split(text: str, boundary: str) -> tuple[Segment, ...]:
    segs = split(text, boundary=boundary)  # type: ignore[arg-type]
    a = analyze(text, boundary=boundary)  # type: ignore[arg-type]
    # joining gives back the text; offsets are contiguous
    assert "".join(s.text for s in segs) == text
    assert segs[0].start == 0
    assert segs[-1].end == len(text)
    for prev, nxt in itertools.pairwise(segs):
        assert prev.end == nxt.start
    # counting agrees with splitting
    assert a.segments == len(segs)
    assert a.units == sum(s.units for s in segs) == units(text, a.encoding)
    assert a.remaining == a.segment_capacity - segs[-1].units
    # every segment fits and its units are right
    for s in segs:
        assert s.units == units(s.text, a.encoding)
        assert s.units <= s.capacity == a.segment_capacity
        assert s.encoding is a.encoding
    # only the last segment may be empty, and only for the empty text
    assert all(s.text for s in segs) or text == ""
    return segs


@given(gsm_texts, BOUNDARIES)
def test_gsm_texts_split_exactly(text: str, boundary: str) -> None:
    """GSM texts: joined segments give the text, every segment fits, counts agree."""
    segs = check_split(text, boundary)
    assert all(s.encoding is Encoding.GSM7 for s in segs)


@given(mixed_texts, BOUNDARIES)
def test_mixed_texts_split_exactly(text: str, boundary: str) -> None:
    """Mixed texts (UCS-2, emoji, clusters): the same invariants hold."""
    check_split(text, boundary)


@given(any_texts.filter(lambda t: not regex.search(r"[\ud800-\udfff]", t)), BOUNDARIES)
def test_arbitrary_text_never_crashes(text: str, boundary: str) -> None:
    """Any str without lone surrogates is analyzed and split consistently."""
    check_split(text, boundary)


@given(mixed_texts, BOUNDARIES)
def test_greedy_no_segment_could_take_the_next_atom(text: str, boundary: str) -> None:
    """Each full segment is followed by an atom that would not fit: greedy, so minimal."""
    segs = split(text, boundary=boundary)  # type: ignore[arg-type]
    encoding = segs[0].encoding
    grapheme = boundary == "grapheme" and encoding is Encoding.UCS2
    spans = cluster_spans(text)
    starts = {start for start, _ in spans}
    for seg in segs[:-1]:
        cut = seg.end
        if grapheme and cut in starts:
            end = next(e for s, e in spans if s == cut)
            atom = text[cut:end]
        else:
            atom = text[cut]  # a code point (an ESC pair or a surrogate pair is one char)
        assert seg.units + units(atom, encoding) > seg.capacity


@given(mixed_texts)
def test_no_cut_inside_a_cluster_unless_it_exceeds_a_segment(text: str) -> None:
    """With grapheme boundaries, a cut inside a cluster only happens in an oversize one."""
    segs = split(text)
    if segs[0].encoding is not Encoding.UCS2:
        return
    spans = cluster_spans(text)
    starts = {start for start, _ in spans} | {len(text)}
    for seg in segs[:-1]:
        if seg.end in starts:
            continue
        start, end = next((s, e) for s, e in spans if s < seg.end < e)
        assert units(text[start:end], Encoding.UCS2) > seg.capacity


@given(gsm_texts)
def test_gsm_segment_count_matches_a_char_by_char_model(text: str) -> None:
    """An independent greedy walk, one character at a time, gives the same count."""
    total = units(text, Encoding.GSM7)
    if total <= 160:
        expected = 1
    else:
        expected, used = 1, 0
        for ch in text:
            cost = unit_cost(ch, Encoding.GSM7)
            if used + cost > 153:
                expected, used = expected + 1, 0
            used += cost
    assert analyze(text).segments == expected


@given(mixed_texts)
def test_forced_ucs2_counts_utf16_code_units(text: str) -> None:
    """Forcing UCS-2 counts UTF-16 code units, whatever the text."""
    a = analyze(text, encoding=Encoding.UCS2)
    assert a.units == len(text.encode("utf-16-le")) // 2


cluster_heavy = st.one_of(
    st.text(
        alphabet=st.sampled_from(["e", "\u0301", "\u0308", "😀", "\u200d", "ç", "🇫"]),
        min_size=60,
        max_size=400,
    ),
    # long runs: combining marks on one base, ZWJ chains of emoji, flags
    st.lists(
        st.one_of(
            st.sampled_from(["ç", "a", "🇫🇷"]),
            st.integers(0, 150).map(lambda k: "e" + "\u0301" * k),
            st.integers(1, 40).map(lambda k: "\u200d".join(["😀"] * k)),
        ),
        max_size=12,
    ).map("".join),
)


@given(cluster_heavy, BOUNDARIES)
def test_long_clusters_never_overflow_or_leave_empty_segments(text: str, boundary: str) -> None:
    """Texts of long combining runs and ZWJ chains still split exactly and greedily."""
    segs = check_split(text, boundary)
    spans = cluster_spans(text)
    starts = {start for start, _ in spans} | {len(text)}
    for seg in segs[:-1]:
        if boundary == "grapheme" and seg.end not in starts:
            start, end = next((s, e) for s, e in spans if s < seg.end < e)
            assert units(text[start:end], Encoding.UCS2) > seg.capacity


@given(
    st.text(max_size=300),
    BOUNDARIES,
    st.sampled_from([None, Encoding.GSM7, Encoding.UCS2]),
    st.sampled_from([None, [1], [1, 3], list(range(1, 14))]),
    st.sampled_from([8, 16]),
)
def test_any_str_gives_a_result_or_an_sms_error(
    text: str, boundary: str, encoding: Encoding | None, languages: list[int] | None, bits: int
) -> None:
    """No exception but SmsError subclasses escapes, whatever the str and options."""
    options = {
        "boundary": boundary,
        "encoding": encoding,
        "languages": languages,
        "reference_bits": bits,
    }
    try:
        a = analyze(text, **options)  # type: ignore[arg-type]
    except (InvalidCharacter, UnencodableCharacter) as exc:
        with pytest.raises(type(exc)):
            split(text, **options)  # type: ignore[arg-type]
        return
    try:
        segs = split(text, **options)  # type: ignore[arg-type]
    except MessageTooLong:
        assert a.segments > 255
        return
    assert a.segments == len(segs)
    assert "".join(s.text for s in segs) == text


# Long texts of cluster-making atoms, so that walks cross many segments: odd runs of
# regional indicators after a Prepend or a letter, long mark runs, ZWJ chains, jamo
# syllables, Indic conjuncts, CR LF.
cluster_atoms = st.one_of(
    st.integers(1, 9).map(lambda k: "".join(chr(0x1F1E6 + i % 26) for i in range(k))),
    st.integers(1, 200).map(lambda k: "a" + "\u0301" * k),
    st.integers(1, 60).map(lambda k: "\u200d".join(["\U0001f468", "\U0001f467"] * k)),
    st.integers(1, 90).map(lambda k: "\u1100" * k + "\u1161" + "\u11a8" * (k % 5)),
    st.integers(1, 50).map(lambda k: "\u0915" + "\u094d\u0937" * k),
    st.sampled_from(["\u0600", "\r\n", "x", "ç", "😀", "\ufe0f", " ", "가"]),
)
cluster_walks = st.lists(cluster_atoms, max_size=80).map("".join)


@given(cluster_walks, BOUNDARIES)
def test_long_cluster_walks_keep_clusters_and_fill_greedily(text: str, boundary: str) -> None:
    """Across many segments: no cut inside a cluster unless it is oversize; greedy."""
    segs = check_split(text, boundary)
    spans = cluster_spans(text)
    starts = {start for start, _ in spans} | {len(text)}
    for seg in segs[:-1]:
        if boundary == "grapheme" and seg.encoding is Encoding.UCS2 and seg.end not in starts:
            start, end = next((s, e) for s, e in spans if s < seg.end < e)
            assert units(text[start:end], Encoding.UCS2) > seg.capacity
            assert seg.units >= seg.capacity - 1  # an oversize cluster fills its segments
    if boundary == "grapheme" and segs[0].encoding is Encoding.UCS2:
        for seg in segs[:-1]:
            if seg.end in starts:
                end = next(e for s, e in spans if s == seg.end)
                assert seg.units + units(text[seg.end : end], Encoding.UCS2) > seg.capacity


option_values = st.fixed_dictionaries(
    {},
    optional={
        "encoding": st.sampled_from([None, Encoding.GSM7, Encoding.UCS2, "gsm7", "utf8", 7]),
        "boundary": st.sampled_from([None, "grapheme", "codepoint", "word", 1, b"grapheme"]),
        "languages": st.sampled_from([None, [], [1], 3, [1, 3], [0], [14], ["x"], [True], 2.5]),
        "single_shift": st.sampled_from([None, [2], (13,), [99], "turkish"]),
        "locking_shift": st.sampled_from([None, [1], [2], [[1]]]),
        "reference_bits": st.sampled_from([None, 8, 16, 7, 0, True, 8.0, "8"]),
    },
)


@given(st.text(max_size=300), option_values)
def test_any_options_give_a_result_or_a_documented_error(
    text: str, options: dict[str, object]
) -> None:
    """Any str with any options: a result, an SmsError (bad value) or a TypeError (type)."""
    try:
        route = Route(**options)  # type: ignore[arg-type]
    except (SmsError, TypeError) as exc:
        with pytest.raises(type(exc)):
            analyze(text, **options)  # type: ignore[arg-type]
        with pytest.raises(type(exc)):
            split(text, **options)  # type: ignore[arg-type]
        return
    try:
        a = analyze(text, **options)  # type: ignore[arg-type]
    except (InvalidCharacter, UnencodableCharacter) as exc:
        with pytest.raises(type(exc)):
            analyze(text, route=route)
        return
    assert analyze(text, route=route) == a
    assert a.route == route
    try:
        segs = split(text, route=route)
    except MessageTooLong:
        assert a.segments > 255
        return
    assert len(segs) == a.segments
    assert "".join(s.text for s in segs) == text


# Long texts (up to ~150 segments) of mostly plain characters with sparse cluster makers
# and astral characters: they take the bulk check of analyze (many cuts at once), which
# must agree with split's exact walk.
sparse_atoms = st.one_of(
    st.text(alphabet=st.sampled_from("abcdefghijçéè 가中"), min_size=1, max_size=400),
    st.sampled_from(
        ["😀", "👍🏽", "🇫🇷", "\u0301", "\u200d", "\ufe0f", "1\ufe0f\u20e3", "\r\n", "\U0001d11e"]
    ),
)
sparse_texts = st.lists(sparse_atoms, min_size=1, max_size=60).map("".join)


@given(sparse_texts, BOUNDARIES)
def test_long_sparse_texts_count_as_they_split(text: str, boundary: str) -> None:
    """analyze's bulk check of many cuts agrees with split's exact walk on long texts."""
    check_split(text, boundary)
