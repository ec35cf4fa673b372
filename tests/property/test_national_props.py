"""Properties of national table selection (issue 3), against an independent cost model."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from smsparts import Encoding, NationalLanguage, analyze, split
from smsparts.charset import charset

NL = NationalLanguage
SETTINGS = settings(max_examples=50, deadline=None)
# Characters in no GSM 7-bit table at all: they force UCS-2 (ж, 中, an astral emoji).
FOREIGN = ["ж", "中", "😀"]
# Space, digits and punctuation: in the default alphabet and most national locking tables.
COMMON = " .,:?!0123456789"
_DEFAULT_CHARS = sorted(charset(0, 0).encoding_map)


def _language_chars(lang: NationalLanguage) -> list[str]:
    """Every character of a language's locking and single shift tables."""
    locking = 0 if lang is NL.SPANISH else lang
    return sorted(charset(locking, lang).encoding_map)


_LANGUAGE_CHARS = {lang: _language_chars(lang) for lang in NL}
# The locking shift table alone (Spanish has none: its single shift table stands in).
_LOCKING_CHARS = {
    lang: sorted(charset(lang, 0).basic) if lang is not NL.SPANISH else _LANGUAGE_CHARS[lang]
    for lang in NL
}


@st.composite
def national_cases(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A text drawn from a few languages' tables and the default alphabet, and options."""
    text_langs = draw(st.lists(st.sampled_from(list(NL)), min_size=1, max_size=2, unique=True))
    tables = _LOCKING_CHARS if draw(st.booleans()) else _LANGUAGE_CHARS
    pools = [st.sampled_from(tables[lang]) for lang in text_langs]
    pools.append(st.sampled_from(COMMON))
    if draw(st.integers(0, 3)) == 0:
        pools.append(st.sampled_from(_DEFAULT_CHARS))
    size = draw(st.integers(0, 400))
    chars = draw(st.lists(st.one_of(pools), min_size=size, max_size=size))
    if chars and draw(st.integers(0, 9)) == 0:
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(FOREIGN)))
    extra = draw(st.lists(st.sampled_from(list(NL)), max_size=2, unique=True))
    allowed = sorted({*text_langs, *extra})
    if draw(st.integers(0, 7)) == 0:
        allowed = list(NL)  # every table, as a route that supports them all
    options: dict[str, Any] = {"reference_bits": draw(st.sampled_from([8, 16]))}
    if draw(st.booleans()):
        options["languages"] = allowed
    else:
        options["single_shift"] = draw(st.lists(st.sampled_from(allowed), unique=True))
        lockable = [lang for lang in allowed if lang is not NL.SPANISH]
        if lockable:
            options["locking_shift"] = draw(st.lists(st.sampled_from(lockable), unique=True))
    return "".join(chars), options


def _allowed_pairs(options: dict[str, Any]) -> list[tuple[int, int]]:
    """({0} + allowed locking) x ({0} + allowed single), from the options alone."""
    languages = options.get("languages", [])
    locking = {0, *(lang for lang in languages if lang is not NL.SPANISH)}
    locking |= set(options.get("locking_shift", []))
    single = {0, *languages, *options.get("single_shift", [])}
    return [(lock, one) for lock in sorted(locking) for one in sorted(single)]


def _costs(text: str, locking: int, single: int) -> list[int] | None:
    """Septets of each character under a pair (2 for ESC + septet), or None."""
    encoding_map = charset(locking, single).encoding_map
    if any(ch not in encoding_map for ch in set(text)):
        return None
    return [1 if encoding_map[ch] < 0x100 else 2 for ch in text]


def _brute_key(costs: list[int], ies: int, reference_bits: int) -> tuple[int, int, int]:
    """(segments, -units left in the last segment, IEs) by greedy filling, 23.040 9.2.3.24."""
    udh_single = 1 + 3 * ies if ies else 0
    cap_single = (1120 - 8 * udh_single) // 7
    total = sum(costs)
    if total <= cap_single:
        return 1, -(cap_single - total), ies
    concat_ie = 5 if reference_bits == 8 else 6
    cap = (1120 - 8 * (1 + concat_ie + 3 * ies)) // 7
    segments, used = 1, 0
    for cost in costs:
        if used + cost > cap:  # an ESC pair is never split: it moves whole
            segments, used = segments + 1, 0
        used += cost
    return segments, -(cap - used), ies


def _best(text: str, options: dict[str, Any]) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Brute-force key of every allowed pair that encodes ``text``."""
    keys = {}
    for locking, single in _allowed_pairs(options):
        costs = _costs(text, locking, single)
        if costs is not None:
            ies = (locking != 0) + (single != 0)
            keys[locking, single] = _brute_key(costs, ies, options["reference_bits"])
    return keys


@SETTINGS
@given(national_cases())
def test_selection_is_the_brute_force_minimum(case: tuple[str, dict[str, Any]]) -> None:
    """The chosen pair has the fewest segments, then most room left, then fewest IEs."""
    text, options = case
    keys = _best(text, options)
    a = analyze(text, **options)
    if not keys:
        assert a.encoding is Encoding.UCS2
        assert (a.locking_shift, a.single_shift) == (None, None)
        return
    best = min(keys.values())
    assert a.encoding is Encoding.GSM7
    assert (a.segments, -a.remaining) == best[:2]
    chosen = (int(a.locking_shift or 0), int(a.single_shift or 0))
    assert keys[chosen] == best


@SETTINGS
@given(national_cases())
def test_never_more_segments_than_default_or_ucs2(case: tuple[str, dict[str, Any]]) -> None:
    """Allowing tables never costs segments against the default alphabet or UCS-2."""
    text, options = case
    bits = options["reference_bits"]
    segments = analyze(text, **options).segments
    assert segments <= analyze(text, reference_bits=bits).segments
    assert segments <= analyze(text, encoding=Encoding.UCS2, reference_bits=bits).segments


@SETTINGS
@given(national_cases())
def test_split_rules_hold_with_tables(case: tuple[str, dict[str, Any]]) -> None:
    """Segments join to the text, fit their capacity and agree with analyze()."""
    text, options = case
    a = analyze(text, **options)
    segments = split(text, **options)
    assert "".join(s.text for s in segments) == text
    assert len(segments) == a.segments
    assert sum(s.units for s in segments) == a.units
    position = 0
    for s in segments:
        assert s.start == position
        assert text[s.start : s.end] == s.text
        position = s.end
        assert s.units <= s.capacity == a.segment_capacity
        assert (s.encoding, s.locking_shift, s.single_shift) == (
            a.encoding,
            a.locking_shift,
            a.single_shift,
        )
        if s.encoding is Encoding.GSM7:
            costs = _costs(s.text, int(s.locking_shift or 0), int(s.single_shift or 0))
            assert costs is not None
            assert sum(costs) == s.units
        else:
            assert len(s.text.encode("utf-16-le")) // 2 == s.units
    assert position == len(text)
    if len(segments) > 1:
        assert all(s.text for s in segments)
