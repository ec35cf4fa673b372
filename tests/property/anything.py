"""Strategies for fuzzing entry points with arguments of any type and value."""

from __future__ import annotations

from hypothesis import strategies as st

from smsparts import Encoding, NationalLanguage, Route
from smsparts.template import ValueAlphabet
from smsparts.transliteration import Level

from ..strategies import UCS2_ONLY, any_texts

#: Any text, including lone surrogates, controls and every class of tricky character.
texts = st.one_of(
    any_texts,
    st.text(alphabet=st.characters(codec=None), max_size=60),
    st.lists(st.sampled_from([*UCS2_ONLY, "\ud800", "\udfff", "°", "中", "@", "\r\n"])).map(
        "".join
    ),
)

#: Valid values of the options of every entry point, and near misses.
OPTION_VALUES: list[object] = [
    "typography", "accents", "ascii", "strict", "replace", "ignore", "grapheme",
    "codepoint", "raise", "keep", "empty", "gsm7", "gsm7-basic", "ucs2", "no-such",
    *Level, *Encoding, *ValueAlphabet, *NationalLanguage,
    Route(), Route(reference_bits=16), Route(languages=[NationalLanguage.TURKISH]),
]  # fmt: skip

#: Anything a caller might pass by mistake, valid values of every option among them.
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, 1, 2, 3, 8, 13, 14, 16, 255, -1]),
    st.floats(allow_nan=True),
    texts,
    st.sampled_from(OPTION_VALUES),
    st.binary(max_size=60),
    st.binary(max_size=60).map(bytearray),
    st.binary(max_size=60).map(lambda b: memoryview(b)),
    st.lists(st.integers(0, 300), max_size=5),
    st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=8), st.integers()), max_size=4),
    st.builds(object),
)
