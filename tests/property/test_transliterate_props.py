"""Properties of transliterate(): never costs more, idempotent, exact replacements."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smsparts import Encoding, SmsError, analyze
from smsparts.charset import DEFAULT
from smsparts.transliteration import (
    _FAST_CHARS,
    _FAST_ENCODING,
    Level,
    Replacement,
    Transliteration,
    _apply,
    _pipeline,
    savings_report,
    transliterate,
    transliterate_text,
)

from ..strategies import GSM_BASIC, GSM_EXTENSION, UCS2_ONLY, gsm_texts
from . import anything

# What the levels act on, and what they must leave alone: typography, French and Greek
# letters, joiners and bidi marks, combining marks, emoji parts, fullwidth forms,
# right-to-left letters.
TRANSLIT = [
    "’", "‘", "“", "”", "«", "»", "–", "—", "…", "\t", "\u00a0", "\u202f", "\u00ad",
    "\u200b", "\ufeff", "\u200c", "\u200d", "\u200e", "\u200f", "ç", "À", "È", "ê", "ô",
    "ë", "ï", "ÿ", "œ", "Œ", "æ", "α", "ς", "ώ", "ǘ", "\u0301", "\u0302", "\u0327",
    "\u0323", "Ａ", "ｅ", "\ufe0f", "\u20e3", "😀", "👩", "\u05d0", "\u0627", "₽", "ẞ",
]  # fmt: skip

texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(GSM_BASIC),
        st.sampled_from(GSM_EXTENSION),
        st.sampled_from(TRANSLIT),
        st.sampled_from(UCS2_ONLY),
    ),
    max_size=300,
)
levels = st.sampled_from(list(Level))


def rebuild(original: str, replacements: tuple[Replacement, ...]) -> str:
    """Apply the replacements to the original, checking they are exact and ordered."""
    out = []
    pos = 0
    for r in replacements:
        assert r.start >= pos, "replacements overlap or are out of order"
        assert original[r.start : r.end] == r.original
        assert r.original != r.result
        out.append(original[pos : r.start])
        out.append(r.result)
        pos = r.end
    out.append(original[pos:])
    return "".join(out)


@given(texts, levels)
def test_never_more_segments(text: str, level: Level) -> None:
    """The text a level returns never takes more segments than the input."""
    result = transliterate(text, level=level)
    assert result.after.segments <= result.before.segments
    assert result.after == analyze(result.text)
    if result.applied:
        assert result.after.segments < result.before.segments or (
            result.before.encoding is Encoding.UCS2 and result.after.encoding is Encoding.GSM7
        )


@given(texts, levels)
def test_idempotent(text: str, level: Level) -> None:
    """Applying a level twice changes nothing."""
    once = transliterate_text(text, level=level)
    assert transliterate_text(once, level=level) == once
    result = transliterate(text, level=level)
    assert transliterate(result.text, level=level).text == result.text


@given(texts, levels, st.booleans())
def test_replacements_are_the_difference(text: str, level: Level, force: bool) -> None:
    """Applying the listed replacements to the input gives exactly the output."""
    result = transliterate(text, level=level, force=force)
    assert rebuild(text, result.replacements) == result.text
    if force:
        assert result.text == transliterate_text(text, level=level)


@given(gsm_texts, levels)
def test_gsm7_input_is_unchanged(text: str, level: Level) -> None:
    """A GSM-7 text comes back as it is, with no replacement, even forced."""
    result = transliterate(text, level=level)
    assert result == Transliteration(
        original=text,
        text=text,
        level=None,
        replacements=(),
        before=result.before,
        after=result.before,
        unmappable=(),
    )
    assert transliterate_text(text, level=level) == text
    assert transliterate(text, level=level, force=True).text == text


@given(texts)
def test_higher_levels_leave_fewer_offenders(text: str) -> None:
    """Each level leaves at most as many characters outside the alphabet as the one before."""
    left = [
        sum(ch not in DEFAULT.encoding_map for ch in transliterate_text(text, level=level))
        for level in Level
    ]
    assert left == sorted(left, reverse=True)


@given(texts)
def test_unmappable_is_what_ascii_leaves(text: str) -> None:
    """The unmappable characters are exactly those left outside GSM-7 at level ascii."""
    result = transliterate(text, level="typography")
    final = transliterate_text(text, level="ascii")
    if analyze(text).encoding is Encoding.GSM7:
        assert result.unmappable == ()
    else:
        assert [ch for _, ch in result.unmappable] == [
            ch for ch in final if ch not in DEFAULT.encoding_map
        ]
        assert all(0 <= i < len(text) for i, _ in result.unmappable)


@given(texts, levels)
def test_savings_report_counts_every_offender(text: str, level: Level) -> None:
    """Each offending character appears once, with its true count and positions."""
    report = savings_report(text, level=level)
    offenders = [ch for ch in dict.fromkeys(text) if ch not in DEFAULT.encoding_map]
    if analyze(text).encoding is Encoding.GSM7:
        assert report == ()
        return
    assert [e.char for e in report] == offenders
    for entry in report:
        assert entry.occurrences == text.count(entry.char)
        assert all(text[i] == entry.char for i in entry.indexes)


@given(texts, levels)
def test_fast_path_agrees_with_the_pipeline(text: str, level: Level) -> None:
    """transliterate_text's byte and search paths give what the full pipeline gives."""
    expected = transliterate_text(text, level=level)
    assert _pipeline(text, level, False)[0] == expected
    assert _apply(text, _pipeline(text, level, True)[1]) == expected


def test_fast_byte_map_holds_only_safe_characters() -> None:
    """The fast path's characters are NFC starters, no joiner or bidi mark: no context."""
    import codecs
    import unicodedata

    assert type(_FAST_ENCODING).__name__ == "EncodingMap"  # C lookup, not a dict
    assert len(_FAST_CHARS) <= 256
    assert len(set(_FAST_CHARS)) == len(_FAST_CHARS)
    for ch in _FAST_CHARS:
        assert unicodedata.is_normalized("NFC", ch)
        assert unicodedata.combining(ch) == 0
        assert ch not in "\u200c\u200d\u200e\u200f\u061c"
    assert codecs.charmap_encode(_FAST_CHARS, "strict", _FAST_ENCODING)[0] == bytes(
        range(len(_FAST_CHARS))
    )


# --- any input: a result or a documented error ------------------------------------

OPTIONS = ["level", "force", "route", "encoding", "boundary", "languages", "single_shift",
           "locking_shift", "reference_bits"]  # fmt: skip


def _documented(error: Exception) -> bool:
    """A TypeError or an SmsError: the route options follow the shared policy too."""
    return isinstance(error, TypeError | SmsError)


@given(
    anything.texts | anything.anything,
    st.dictionaries(st.sampled_from(OPTIONS), anything.anything, max_size=3),
)
def test_transliterate_any_input_gives_a_result_or_a_documented_error(
    text: object, options: dict[str, object]
) -> None:
    """transliterate, transliterate_text, savings_report: a result, TypeError or SmsError."""
    functions: tuple[Any, ...] = (transliterate, savings_report)
    for function in functions:
        failure: Exception | None = None
        try:
            result = function(text, **options)
        except Exception as error:  # the property is about which errors
            failure = error
        if failure is not None:
            assert _documented(failure), repr(failure)
            continue
        assert isinstance(text, str)
        assert isinstance(result, Transliteration | tuple)
    level = {k: v for k, v in options.items() if k == "level"}
    try:
        out = transliterate_text(text, **level)  # type: ignore[arg-type]
    except (TypeError, SmsError):
        return
    assert isinstance(out, str)
