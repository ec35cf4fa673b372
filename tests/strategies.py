"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

from smsparts.charset import DEFAULT

GSM_BASIC = sorted(DEFAULT.basic)
GSM_EXTENSION = sorted(DEFAULT.shifted)
# Characters that force UCS-2 or make grapheme clusters: BMP letters outside the GSM
# alphabet, astral emoji (surrogate pairs), combining marks, ZWJ, variation selector,
# skin tones, regional indicators, keycap, Hangul jamo and syllables, Devanagari.
UCS2_ONLY = [
    "ç", "’", "\u00a0", "ê", "œ", "\u0301", "\u0308", "\u200d", "\ufe0f", "\u20e3",
    "😀", "👨", "👩", "👧", "🏽", "🇫", "🇷", "❤", "ᄀ", "ᅡ", "ᆨ", "가", "क", "्", "ष",
    "\U0001d11e", "𝒜",
]  # fmt: skip

gsm_texts = st.text(alphabet=st.sampled_from(GSM_BASIC + GSM_EXTENSION), max_size=500)
mixed_texts = st.text(
    alphabet=st.one_of(
        st.sampled_from(GSM_BASIC),
        st.sampled_from(GSM_EXTENSION),
        st.sampled_from(UCS2_ONLY),
    ),
    max_size=400,
)
any_texts = st.one_of(gsm_texts, mixed_texts, st.text(max_size=200))
