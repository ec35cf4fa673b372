"""Tests for smsparts.pdu.user_data: decoding TP-UD and SMPP short_message."""

from __future__ import annotations

import pytest

from smsparts import NationalLanguage, PduDecodeError
from smsparts._tables import LOCKING
from smsparts.pdu import (
    decode_user_data,
)
from smsparts.septets import pack_septets
from smsparts.udh import UserDataHeader


def _undefined_locking_septet(language: int) -> int:
    return next(i for i, ch in enumerate(LOCKING[language]) if ch == "\ufffe" and i != 0x1B)


def test_national_shift_selects_tables() -> None:
    """A locking shift IE in the header selects the table; undefined septets are errors."""
    bengali = NationalLanguage.BENGALI
    septet = _undefined_locking_septet(bengali)
    head = UserDataHeader.from_bytes(bytes((3, 0x25, 1, bengali)))
    user_data = head.to_bytes() + pack_septets(bytes((0x20, septet)), fill_bits=head.fill_bits)
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(user_data, udl=head.header_septets + 2, udhi=True)
    assert info.value.field == "tp_ud.text"
    # septet 1 starts 3 fill + 7 bits after the 4 header octets
    assert info.value.offset == 4 + 1
    replaced = decode_user_data(user_data, udl=head.header_septets + 2, udhi=True, errors="replace")
    assert replaced.text == " \ufffd"


def test_spanish_locking_shift_is_ignored() -> None:
    """A locking shift IE for Spanish (no such table) is skipped (23.040 9.2.3.24)."""
    head = UserDataHeader.from_bytes(bytes.fromhex("03250102"))
    user_data = head.to_bytes() + pack_septets(b"abc", fill_bits=3)
    assert decode_user_data(user_data, udl=5 + 3, udhi=True).text == "abc"


def test_decode_unpacked_header_above_139_octets() -> None:
    """An SMPP short_message with UDHL 200 is a PduDecodeError on udh.udhl, not a ValueError."""
    data = bytes((200, 0x70, 100)) + bytes(100) + bytes((0x71, 96)) + bytes(96) + b"abc"
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(data, udl=len(data), udhi=True, packed=False)
    assert (info.value.field, info.value.offset) == ("udh.udhl", 0)


def test_decode_user_data_length_mismatch() -> None:
    """decode_user_data() wants exactly the octets TP-UDL implies."""
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(bytes.fromhex("D4F29C"), udl=4)
    assert (info.value.field, info.value.offset) == ("tp_ud", 3)


@pytest.mark.parametrize(
    ("udl", "dcs", "hex_data"),
    [
        pytest.param(6, 0x00, "050003170201", id="udl-below-header-septets"),
        pytest.param(7, 0x08, "05000317020141", id="odd-ucs2"),
    ],
)
def test_udl_errors_point_inside_the_input(udl: int, dcs: int, hex_data: str) -> None:
    """A TP-UDL that disagrees with the header is reported at offset 0, not -1."""
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(bytes.fromhex(hex_data), udl=udl, dcs=dcs, udhi=True)
    assert (info.value.field, info.value.offset) == ("tp_udl", 0)
