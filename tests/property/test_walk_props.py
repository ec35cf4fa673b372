"""The pair rules that decide most cuts agree with the regex module's ``\\X`` clusters."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from smsparts._walk import _pair_break

# Every grapheme cluster class of UAX #29 that the pair rules handle or hand over:
# controls and CR LF, Prepend, Extend (BMP and astral), ZWJ, SpacingMark, regional
# indicators, pictographs, Hangul jamo and syllables, Devanagari with virama, tags.
ALPHABET = list(
    "ab \r\n\t\x00\u0600\u0301\u0308\u200d\u0903\u093f\u094d\u0915\u0937"
    "\u1100\u1161\u11a8\uac00\uac01\u2764\ufe0f\U0001f1eb\U0001f1f7\U0001f600"
    "\U0001f3fb\U0001f3f4\U000e0067\U000e007f\U0001d165\u00e9"
)


def _boundaries(text: str) -> set[int]:
    return {0} | {m.end() for m in regex.finditer(r"\X", text)}


@given(
    text=st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=40).map("".join),
    data=st.data(),
)
def test_pair_break_is_the_last_cluster_boundary(text: str, data: st.DataObject) -> None:
    """When the pair rules decide, they name the last \\X boundary in (char, stop]."""
    stop = data.draw(st.integers(0, len(text) - 1), label="stop")
    char = data.draw(st.integers(-1, stop), label="char")
    found = _pair_break(text, stop, char)
    if found == -1:
        return  # the rules handed over: the caller uses \X
    expected = max((b for b in _boundaries(text) if char < b <= stop), default=None)
    assert found == expected, (text, stop, char)


def test_pair_break_known_answers() -> None:
    """UAX #29 by hand: no break before a combining mark (GB9), a break after it (GB999)."""
    text = "ab\u0301c"  # a, b + COMBINING ACUTE ACCENT, c
    assert _pair_break(text, 3, -1) == 3  # between the accent and c
    assert _pair_break(text, 2, -1) == 1  # not between b and its accent: back to 1
    assert _pair_break("\r\n", 1, -1) == 0  # GB3: CR x LF, so the last break is 0
