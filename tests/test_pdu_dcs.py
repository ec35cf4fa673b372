"""Tests for smsparts.pdu.dcs: the data coding scheme."""

from __future__ import annotations

import pytest

from smsparts import PduDecodeError
from smsparts.pdu import (
    Alphabet,
    dcs_alphabet,
    decode_user_data,
)


def test_dcs_groups() -> None:
    """DCS coding groups select the alphabet per 23.038 clause 4."""
    assert dcs_alphabet(0x00) is Alphabet.GSM7
    assert dcs_alphabet(0x10) is Alphabet.GSM7  # general, class 0
    assert dcs_alphabet(0x44) is Alphabet.EIGHT_BIT  # automatic deletion group
    assert dcs_alphabet(0xC0) is Alphabet.GSM7  # MWI discard
    assert dcs_alphabet(0xD8) is Alphabet.GSM7  # MWI store
    assert dcs_alphabet(0xE0) is Alphabet.UCS2  # MWI store, UCS2
    assert dcs_alphabet(0xF0) is Alphabet.GSM7
    assert dcs_alphabet(0xF6) is Alphabet.EIGHT_BIT


@pytest.mark.parametrize(
    "dcs",
    [0x0C, 0x1C, 0x4C, 0x80, 0x94, 0xA8, 0xBF],
    ids=["alphabet-11", "class-0-alphabet-11", "deletion-alphabet-11", "g8", "g9", "gA", "gB"],
)
def test_dcs_reserved_reads_as_gsm7(dcs: int) -> None:
    """Reserved codings read as the GSM 7 bit default alphabet (23.038 clause 4)."""
    assert dcs_alphabet(dcs) is Alphabet.GSM7


@pytest.mark.parametrize("dcs", [-1, 0x100, 0x180], ids=["negative", "0x100", "0x180"])
def test_dcs_not_an_octet(dcs: int) -> None:
    """A DCS outside 0..255 is not a TP-DCS octet: PduDecodeError on tp_dcs."""
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(b"", udl=0, dcs=dcs)
    assert (info.value.field, info.value.offset) == ("tp_dcs", 0)


@pytest.mark.parametrize("dcs", [0x20, 0x24, 0x68], ids=["compressed", "compressed-8bit", "g6"])
def test_dcs_unsupported(dcs: int) -> None:
    """Compressed text (bit 5 of groups 00xx / 01xx) raises PduDecodeError on tp_dcs."""
    with pytest.raises(PduDecodeError) as info:
        dcs_alphabet(dcs, offset=12)
    assert (info.value.field, info.value.offset) == ("tp_dcs", 12)
