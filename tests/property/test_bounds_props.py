"""Properties of the per-variable counts of Template.bounds (smsparts._bounds)."""

from __future__ import annotations

import regex
from hypothesis import assume, given
from hypothesis import strategies as st

from smsparts import _bounds, analyze
from smsparts.segment import Boundary
from smsparts.template import _CLOSING, _OPENING, Template, _is_space

# Pieces of literal text: lone spaces (chains such as "@a @b @c"), punctuation that
# closes or opens, line breaks, and characters that are atoms of the walk: escape
# pairs, surrogate pairs and grapheme clusters (combining marks, flags, ZWJ emoji,
# an Indic conjunct, Hangul jamo, CR LF).
LITERAL_PIECES = [
    " ",
    " ",
    " ",
    "  ",
    "\t",
    "\u00a0",
    ",",
    ".",
    "!",
    "(",
    "«",
    "\n",
    "\r",
    "\r\n",
    "y",
    "y" * 30,
    "y" * 66,
    "y" * 152,
    "€",
    "ç",
    "\U0001d400",
    "e\u0301",
    "\u0301",
    "\U0001f1eb",
    "\U0001f1eb\U0001f1f7",
    "😀\u200d😀",
    "\u200d",
    "\u0915\u094d\u0937",
    "\u1100\u1161\u11a8",
]
VALUE_PIECES = ["a", "€", "ç", "\U0001d400", " ", "(", ",", "e\u0301", "\u0301", "\U0001f1eb"]


@st.composite
def templates(draw: st.DrawFn) -> Template:
    """A template of up to 6 variables (some repeated) between drawn literals."""
    count = draw(st.integers(1, 6))
    names = draw(st.lists(st.sampled_from(["a", "b", "c"]), min_size=count, max_size=count))
    source = draw(st.lists(st.sampled_from(LITERAL_PIECES), max_size=4).map("".join))
    for i, name in enumerate(names):
        if i and not source.endswith(tuple(LITERAL_PIECES[:3])):
            source += draw(st.sampled_from([" ", ", ", " (", "\n"]))
        source += "@" + name
        source += draw(st.lists(st.sampled_from(LITERAL_PIECES), max_size=3).map("".join))
    return Template(source, missing="empty")


values = st.one_of(
    st.builds(lambda c, n: c * n, st.sampled_from(VALUE_PIECES), st.integers(0, 170)),
    st.lists(st.sampled_from(VALUE_PIECES), max_size=40).map("".join),
)


@given(templates(), values, st.booleans(), st.sampled_from([8, 16]), st.data())
def test_own_counts_equal_analyze_of_render(
    template: Template, value: str, grapheme: bool, bits: int, data: st.DataObject
) -> None:
    """One variable's count without rendering equals analyze() of the rendering."""
    keys = [v.key for v in template._vars]
    assume(keys)  # an "@" after a letter or a mark is text
    key = data.draw(st.sampled_from(sorted(set(keys))))
    counts = _bounds.OwnCounts(
        template._literals,
        keys,
        _is_space,
        _CLOSING,
        _OPENING,
        grapheme=grapheme,
        reference_bits=bits,
    )
    assert counts.layout.text == template._assemble([""] * len(keys))
    text = template._assemble([value if k == key else "" for k in keys])
    boundary: Boundary = "grapheme" if grapheme else "codepoint"
    expected = analyze(text, boundary=boundary, reference_bits=bits).segments
    assert counts.segments(key, value) == expected


@given(st.lists(st.sampled_from(LITERAL_PIECES + VALUE_PIECES), max_size=60).map("".join))
def test_cluster_starts_are_those_of_x(text: str) -> None:
    """cluster_starts finds the boundaries that \\X finds over the whole text."""
    boundaries, _ = _bounds.cluster_starts(text)
    expected = {0} | {m.end() for m in regex.finditer(r"\X", text)}
    assert {p for p in range(len(text) + 1) if boundaries[p]} == expected
