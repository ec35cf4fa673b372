"""Character sets: table pairs, encoder choices, capacity arithmetic."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsparts import InvalidOption
from smsparts.charset import (
    DEFAULT,
    ESC,
    Charset,
    NationalLanguage,
    charset,
    fill_bits,
    gsm7_septets_per_segment,
    header_septets,
    ucs2_code_units_per_segment,
    udh_octets,
)


@pytest.mark.parametrize(
    ("ies", "concatenated", "bits", "septets"),
    [
        (0, False, 8, 160),
        (0, True, 8, 153),
        (0, True, 16, 152),
        (1, False, 8, 155),
        (2, False, 8, 152),
        (1, True, 8, 149),
        (2, True, 8, 146),
        (1, True, 16, 148),
        (2, True, 16, 145),
    ],
)
def test_gsm7_capacity_table(ies: int, concatenated: bool, bits: int, septets: int) -> None:
    """The capacities of shared/spec README 2.2 (23.040 9.2.3.24, fill bits included)."""
    got = gsm7_septets_per_segment(shift_ies=ies, concatenated=concatenated, reference_bits=bits)
    assert got == septets


@pytest.mark.parametrize(
    ("concatenated", "bits", "units"), [(False, 8, 70), (True, 8, 67), (True, 16, 66)]
)
def test_ucs2_capacity_table(concatenated: bool, bits: int, units: int) -> None:
    """UCS-2: 140 octets less the header, in 2-octet units (an odd octet is unused)."""
    assert ucs2_code_units_per_segment(concatenated=concatenated, reference_bits=bits) == units


def test_udh_octets() -> None:
    """UDHL + 5 (8-bit concat) or 6 (16-bit) + 3 per shift IE; no header is 0 octets."""
    assert udh_octets() == 0
    assert udh_octets(concatenated=True) == 6
    assert udh_octets(concatenated=True, reference_bits=16) == 7
    assert udh_octets(shift_ies=1) == 4
    assert udh_octets(shift_ies=2, concatenated=True) == 12


def test_default_charset_sets() -> None:
    """127 one-septet characters (ESC excluded) and the 10 extension characters."""
    assert len(DEFAULT.basic) == 127
    assert DEFAULT.shifted == frozenset("\x0c^{}\\[~]|€")
    assert DEFAULT.encoding_map["@"] == 0x00
    assert DEFAULT.encoding_map["€"] == (ESC << 8) | 0x65
    assert DEFAULT.shift_ies == 0


def test_locking_character_beats_its_single_shift_copy() -> None:
    """A character in both tables is encoded with one septet (Turkish € is in locking)."""
    turkish = charset(NationalLanguage.TURKISH, NationalLanguage.TURKISH)
    assert turkish.encoding_map["€"] == 0x04
    assert "€" not in turkish.shifted
    assert turkish.shift_ies == 2


def test_duplicates_use_the_lowest_septet() -> None:
    """'*' at single 0x0B and 0x18 of the Indic tables encodes as 0x0B."""
    hindi_single = charset(0, NationalLanguage.HINDI)
    assert "*" in DEFAULT.basic  # the default locking table has it: one septet
    hindi = charset(NationalLanguage.HINDI, NationalLanguage.HINDI)
    assert hindi.encoding_map["*"] == (ESC << 8) | 0x0B
    assert hindi.encoding_map["¡"] == (ESC << 8) | 0x13
    assert hindi_single.encoding_map["*"] == 0x2A


def test_kannada_locking_0x24_is_never_emitted() -> None:
    """U+0CAA is printed at 0x24 and 0x3D; the encoder uses 0x3D (Android reads 0x24 as DDA)."""
    kannada = charset(NationalLanguage.KANNADA, 0)
    assert kannada.encoding_map["\u0caa"] == 0x3D
    assert 0x24 not in kannada.encoding_map.values()
    assert kannada.decoding_locking[0x24] == "\u0caa"


def test_telugu_single_shift_has_no_euro() -> None:
    """The € at Telugu single shift 0x65 is disputed: never encoded there."""
    telugu = charset(0, NationalLanguage.TELUGU)
    assert "€" not in telugu.encoding_map
    assert "€" not in telugu.single_chars
    assert telugu.decoding_single[0x65] == "\ufffe"


def test_spanish_has_no_locking_table() -> None:
    """23.038 A.3.2 is void: charset(SPANISH, ...) is an error, single shift works."""
    with pytest.raises(ValueError, match="no locking shift table for language 2"):
        charset(NationalLanguage.SPANISH, 0)
    assert "á" in charset(0, NationalLanguage.SPANISH).shifted
    with pytest.raises(ValueError, match="no single shift table for language 14"):
        charset(0, 14)


@pytest.mark.parametrize(
    ("text", "septets"), [("", 0), ("abc", 3), ("a€", 3), ("ç", None), ("\x00", None)]
)
def test_septets(text: str, septets: int | None) -> None:
    """Charset.septets counts ESC pairs as 2 and returns None when a char does not fit."""
    assert DEFAULT.septets(text) == septets


def test_costs_marks_escape_pairs_and_rejects_nul() -> None:
    """costs() is one octet per character, 1 for an ESC pair; U+0000 is not GSM."""
    assert DEFAULT.costs("@a€[") == b"\x00\x00\x01\x01"
    assert DEFAULT.costs("a\x00") is None
    assert DEFAULT.costs("aç") is None
    assert DEFAULT.costs("xx€", 2) == b"\x01"


def test_unencodable_and_search_helpers() -> None:
    """The helpers name every unencodable character and find the first of each kind."""
    assert DEFAULT.unencodable("aç’€") == [(1, "ç"), (2, "’")]
    assert DEFAULT.first_non_basic("ab€ç") == 2
    assert DEFAULT.first_unencodable("ab€ç") == 3
    assert DEFAULT.first_unencodable("ab€") == -1
    assert DEFAULT.first_non_basic("ab") == -1
    assert repr(DEFAULT) == "Charset(locking=0, single=0)"


@given(
    st.text(
        alphabet=st.sampled_from(
            [*DEFAULT.basic, *DEFAULT.shifted, "\x80", "\x00", "ç", "Ω", "Δ", "€", "\x1b", "😀"]
        ),
        max_size=60,
    )
)
def test_costs_agrees_with_table_membership(text: str) -> None:
    """costs() (Latin-1 fast route or charmap) is 0 per basic char, 1 per shifted, else None."""
    expected: bytes | None = bytes(1 if ch in DEFAULT.shifted else 0 for ch in text)
    if any(ch not in DEFAULT.basic and ch not in DEFAULT.shifted for ch in text):
        expected = None
    assert DEFAULT.costs(text) == expected
    assert DEFAULT.septets(text) == (None if expected is None else len(text) + sum(expected))


def _bad(value: object) -> Any:
    """A value of the wrong type, typed so that mypy lets the test pass it."""
    return value


CAPACITY_CALLS: dict[str, tuple[Any, type[Exception]]] = {
    "shift-ies-3": (lambda: udh_octets(shift_ies=3), InvalidOption),
    "shift-ies-negative": (lambda: udh_octets(shift_ies=-1), InvalidOption),
    "bits-7": (lambda: udh_octets(reference_bits=7), InvalidOption),
    "shift-ies-bool": (lambda: udh_octets(shift_ies=_bad(True)), TypeError),
    "concatenated-int": (lambda: udh_octets(concatenated=_bad(1)), TypeError),
    "septets-bits-7": (
        lambda: gsm7_septets_per_segment(reference_bits=7, concatenated=True),
        InvalidOption,
    ),
    "septets-shift-ies-negative": (lambda: gsm7_septets_per_segment(shift_ies=-1), InvalidOption),
    "septets-shift-ies-str": (lambda: gsm7_septets_per_segment(shift_ies=_bad("1")), TypeError),
    "ucs2-bits-32": (lambda: ucs2_code_units_per_segment(reference_bits=32), InvalidOption),
    "ucs2-bits-float": (
        lambda: ucs2_code_units_per_segment(reference_bits=_bad(16.0)),
        TypeError,
    ),
    "charset-spanish-locking": (lambda: Charset(2, 0), InvalidOption),
    "charset-single-14": (lambda: Charset(0, 14), InvalidOption),
    "charset-str": (lambda: Charset(_bad("1"), 0), TypeError),
    "charset-bool": (lambda: charset(_bad(True), 0), TypeError),
    "charset-float": (lambda: charset(_bad(1.0), 0), TypeError),
    "charset-negative": (lambda: charset(-1, 0), InvalidOption),
}


@pytest.mark.parametrize(("call", "error"), list(CAPACITY_CALLS.values()), ids=list(CAPACITY_CALLS))
def test_capacity_options_follow_the_option_policy(call: Any, error: type[Exception]) -> None:
    """A wrong type is a TypeError, a value outside the TPDU's rules an InvalidOption."""
    with pytest.raises(error):
        call()


@pytest.mark.parametrize(
    ("octets", "septets", "fill"),
    [
        # 23.040 9.2.3.24: the header is followed by fill bits up to a septet boundary.
        pytest.param(0, 0, 0, id="no-header"),
        pytest.param(6, 7, 1, id="concat-8bit"),  # UDHL 05 00 03 rr tt ss: 160 - 7 = 153
        pytest.param(7, 8, 0, id="concat-16bit"),  # UDHL 06 08 04 rrrr tt ss: 152
        pytest.param(9, 11, 5, id="concat-and-one-shift"),  # + 25 01 ll: 149
        pytest.param(12, 14, 2, id="concat-and-two-shifts"),  # + 24 01 ll: 146
        pytest.param(140, 160, 0, id="whole-tp-ud"),
    ],
)
def test_header_septets_and_fill_bits(octets: int, septets: int, fill: int) -> None:
    """A header of n octets takes ceil(8n/7) septets and 7*septets - 8n fill bits."""
    assert header_septets(octets) == septets
    assert fill_bits(octets) == fill
    assert 7 * septets == 8 * octets + fill


@pytest.mark.parametrize("ies", [0, 1, 2])
@pytest.mark.parametrize("concatenated", [False, True])
@pytest.mark.parametrize("bits", [8, 16])
def test_gsm7_capacity_is_160_minus_the_header_septets(
    ies: int, concatenated: bool, bits: int
) -> None:
    """A GSM-7 segment holds 160 septets less those its header takes (23.040 9.2.3.24)."""
    octets = udh_octets(shift_ies=ies, concatenated=concatenated, reference_bits=bits)
    septets = gsm7_septets_per_segment(
        shift_ies=ies, concatenated=concatenated, reference_bits=bits
    )
    assert septets == 160 - header_septets(octets)


@pytest.mark.parametrize("bad", [-1, 141])
def test_header_septets_out_of_range(bad: int) -> None:
    """A header outside 0..140 octets (TP-UD holds 140) is an InvalidOption."""
    with pytest.raises(InvalidOption, match=r"udh_octets must be an int in 0\.\.140"):
        header_septets(bad)
    with pytest.raises(InvalidOption):
        fill_bits(bad)


@pytest.mark.parametrize("bad", [True, 6.0, "6", None])
def test_header_septets_wrong_type(bad: Any) -> None:
    """udh_octets that is not an int (a bool included) is a TypeError."""
    with pytest.raises(TypeError, match="udh_octets"):
        header_septets(bad)
