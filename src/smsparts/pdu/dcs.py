"""The data coding scheme: which alphabet TP-UD is in (3GPP TS 23.038 clause 4).

>>> dcs_alphabet(0x04).value, message_class(0xF4)
('8bit', 0)
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from .._options import check_int
from ..errors import PduDecodeError

__all__ = [
    "DCS_8BIT",
    "DCS_GSM7",
    "DCS_UCS2",
    "Alphabet",
    "dcs_alphabet",
    "message_class",
]

DCS_GSM7: Final = 0x00  # 23.038 4: general data coding, GSM 7 bit default alphabet
DCS_8BIT: Final = 0x04  # 23.038 4: general data coding, 8 bit data
DCS_UCS2: Final = 0x08  # 23.038 4: general data coding, UCS2 (16 bit)


class Alphabet(StrEnum):
    """The character set of TP-UD named by the data coding scheme (23.038 clause 4)."""

    GSM7 = "gsm7"
    """GSM 7 bit default alphabet (or national tables chosen by the header)."""
    EIGHT_BIT = "8bit"
    """8 bit data: the octets are passed on as they are."""
    UCS2 = "ucs2"
    """UCS2, read as UTF-16BE (handsets send surrogate pairs)."""


#: Bits 3..2 of coding groups 00xx / 01xx; 11 is reserved and read as GSM 7-bit.
_GENERAL_ALPHABETS: Final = (Alphabet.GSM7, Alphabet.EIGHT_BIT, Alphabet.UCS2, Alphabet.GSM7)


def _dcs_error(dcs: int, offset: int, why: str) -> PduDecodeError:
    return PduDecodeError(f"data coding scheme 0x{dcs:02X}: {why}", field="tp_dcs", offset=offset)


def dcs_alphabet(dcs: int, *, offset: int = 0) -> Alphabet:
    """The alphabet a data coding scheme octet selects (23.038 clause 4).

    Coding groups 00xx (general) and 01xx (automatic deletion) read bits 3..2;
    1100 and 1101 (message waiting, discard/store) are GSM 7-bit, 1110 is UCS2 and
    1111 (data coding / message class) reads bit 2.  "Any reserved codings shall be
    assumed to be the GSM 7 bit default alphabet ... by a receiving entity": the
    reserved alphabet 11 and the reserved groups 1000..1011 read as GSM 7-bit.

    Args:
        dcs: the TP-DCS octet.
        offset: the octet's offset, for the error.

    Raises:
        TypeError: ``dcs`` or ``offset`` is not an ``int``.
        PduDecodeError: compressed text (bit 5 of groups 00xx/01xx), which is not
            supported, or a value that is not an octet (``field="tp_dcs"``).

    >>> [dcs_alphabet(dcs).value for dcs in (0x08, 0xF4, 0x11, 0x0C, 0x80)]
    ['ucs2', '8bit', 'gsm7', 'gsm7', 'gsm7']
    """
    if type(dcs) is not int:
        check_int("dcs", dcs)
    if type(offset) is not int or offset < 0:
        check_int("offset", offset, 0)
    if not 0 <= dcs <= 0xFF:
        raise PduDecodeError(
            f"data coding scheme {dcs} is not an octet", field="tp_dcs", offset=offset
        )
    group = dcs >> 4
    if group < 0b1000:
        if dcs & 0x20:
            raise _dcs_error(dcs, offset, "compressed text (bit 5) is not supported")
        return _GENERAL_ALPHABETS[(dcs >> 2) & 0b11]
    if group == 0b1110:
        return Alphabet.UCS2
    if group == 0b1111 and dcs & 0x04:
        return Alphabet.EIGHT_BIT
    return Alphabet.GSM7  # 1100, 1101, 1111 with bit 2 clear, reserved 1000..1011


def message_class(dcs: int) -> int | None:
    """Bits 1..0 of TP-DCS when they are a message class (23.038 clause 4), else ``None``.

    Groups 00xx and 01xx carry a class when bit 4 is set; group 1111 always does.

    >>> message_class(0x10), message_class(0x00), message_class(0xF1)
    (0, None, 1)
    """
    check_int("dcs", dcs, 0, 255)
    group = dcs >> 4
    if (group < 0b1000 and dcs & 0x10) or group == 0b1111:
        return dcs & 0b11
    return None
