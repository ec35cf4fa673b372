"""Packing GSM 7-bit septets into octets and back (3GPP TS 23.038 6.1.2.1).

SMS user data in the GSM 7-bit alphabet is sent *packed*: septet ``i`` occupies bits
``7 * i`` to ``7 * i + 6`` of the bit string, counted from the least significant bit of
the first octet ("the first septet ... is placed in the 7 least significant bits of the
first octet", 23.038 6.1.2.1.1).  After a user data header the septets start on a septet
boundary counted from the start of TP-UD, so 0 to 6 zero *fill bits* precede the first
septet (23.040 9.2.3.24).

A packed buffer cannot tell whether its last 7 spare bits hold a septet (``8n - 1``
septets and ``8n`` septets both take ``7n`` octets), so :func:`unpack_septets` takes
the septet count, which SMS carries in TP-UDL.  The CR padding that removes the
ambiguity is a USSD / Cell Broadcast rule (23.038 6.1.2.3.1) and is not applied here.

>>> pack_septets(b"hellohello").hex().upper()
'E8329BFD4697D9EC37'
>>> unpack_septets(bytes.fromhex("E8329BFD4697D9EC37"), count=10)
b'hellohello'
"""

from __future__ import annotations

from typing import Final, TypeAlias

from ._options import check_int, check_type
from .errors import PduDecodeError, SmsError

__all__ = ["MAX_FILL_BITS", "Octets", "pack_septets", "unpack_septets"]

#: What the functions accept as octets.
Octets: TypeAlias = bytes | bytearray | memoryview

#: Largest number of fill bits: a header ends at most 6 bits short of a septet boundary.
MAX_FILL_BITS: Final = 6

# How it works.  int.from_bytes() turns the septets (one per octet, bit 7 clear) into
# one integer with a septet every 8 bits; three SWAR steps on that integer squeeze out
# the clear bits inside each 64-bit lane (8 septets -> 56 bits), and deleting every
# eighth octet of the result joins the lanes.  Unpacking runs the same steps backwards.
# Every step is one C-level operation over the whole buffer, which beats a Python loop
# over septets by an order of magnitude (see docs/benchmarks.md).  Masks are built for
# a size: one set of 64 lanes (512 septets, any SMS) is kept; a longer input gets its
# own masks, built for the call and dropped after it, so memory never grows with the
# largest input ever packed.  ``x & mask`` costs only the length of the shorter operand,
# so the kept set serves every input of up to 64 lanes.


class _Masks:
    """SWAR masks for buffers of up to ``lanes`` 64-bit lanes."""

    __slots__ = ("lanes", "m7", "m7_hi", "m14", "m14_hi", "m28", "m28_hi")

    def __init__(self, lanes: int) -> None:
        self.lanes = lanes
        octets = 8 * lanes
        # m7: the low septet of every 16-bit pair; m7_hi: the high one (bits 8..14).
        self.m7 = int.from_bytes(b"\x7f\x00" * (octets // 2), "little")
        self.m7_hi = self.m7 << 8
        # After step 1 each 16-bit lane holds 14 bits; pair them inside 32-bit lanes.
        self.m14 = int.from_bytes(b"\xff\x3f\x00\x00" * (octets // 4), "little")
        self.m14_hi = self.m14 << 16
        # After step 2 each 32-bit lane holds 28 bits; pair them inside 64-bit lanes.
        self.m28 = int.from_bytes(b"\xff\xff\xff\x0f\x00\x00\x00\x00" * lanes, "little")
        self.m28_hi = self.m28 << 32


_KEPT: Final = _Masks(64)  # 512 septets: every SMS user data, and the CLI's common sizes


def _masks_for(lanes: int) -> _Masks:
    """The kept masks when they are large enough, else masks for this call only."""
    return _KEPT if lanes <= _KEPT.lanes else _Masks(lanes)


def _check_fill_bits(fill_bits: object) -> int:
    return check_int("fill_bits", fill_bits, 0, MAX_FILL_BITS)


def _check_octets(option: str, value: object) -> None:
    check_type(option, value, (bytes, bytearray, memoryview), "bytes, bytearray or memoryview")


def pack_septets(septets: Octets, *, fill_bits: int = 0) -> bytes:
    """Pack septets (one per octet, as :func:`smsparts.codec.encode_gsm7` gives) into octets.

    Clause: 23.038 6.1.2.1 (packing, least significant bit first) and 23.040 9.2.3.24
    (fill bits after a user data header).  Spare bits at the end of the last octet are
    zero; in SMS the receiver knows the septet count from TP-UDL.

    Args:
        septets: septet values 0x00 to 0x7F, one per octet.
        fill_bits: zero bits (0 to 6) placed before the first septet.

    Returns:
        ``ceil((fill_bits + 7 * len(septets)) / 8)`` octets.

    Raises:
        TypeError: ``septets`` is not ``bytes``, ``bytearray`` or ``memoryview``, or
            ``fill_bits`` not an ``int``.
        InvalidOption: ``fill_bits`` out of range (an :class:`SmsError`).
        SmsError: an octet above 0x7F (the message names its index).

    >>> pack_septets(b"\\x7f", fill_bits=1).hex()
    'fe'
    """
    _check_octets("septets", septets)
    _check_fill_bits(fill_bits)
    if not isinstance(septets, bytes):
        septets = bytes(septets)
    if not septets.isascii():
        index = next(i for i, octet in enumerate(septets) if octet > 0x7F)
        raise SmsError(
            f"septet at index {index} is 0x{septets[index]:02X}; septets are 0x00 to 0x7F"
        )
    count = len(septets)
    lanes = (count + 7) // 8
    masks = _masks_for(lanes)
    x = int.from_bytes(septets, "little")
    x = (x & masks.m7) | ((x & masks.m7_hi) >> 1)
    x = (x & masks.m14) | ((x & masks.m14_hi) >> 2)
    x = (x & masks.m28) | ((x & masks.m28_hi) >> 4)
    lanes_octets = bytearray(x.to_bytes(8 * lanes, "little"))
    del lanes_octets[7::8]  # the eighth octet of every lane is empty now
    bits = 7 * count + fill_bits
    octets = (bits + 7) // 8
    if fill_bits:
        shifted = int.from_bytes(lanes_octets, "little") << fill_bits
        return shifted.to_bytes(octets, "little")
    return bytes(lanes_octets[:octets])


def unpack_septets(data: Octets, *, count: int, fill_bits: int = 0) -> bytes:
    """Unpack ``count`` septets from packed octets, one septet per octet of the result.

    Clause: 23.038 6.1.2.1 (least significant bit first); ``count`` is the septet count
    of TP-UDL (23.040 9.2.3.16) minus the header septets.  Octets after the last septet
    and the spare bits of the last octet are ignored.

    Args:
        data: the packed octets (the user data after the header, if any).
        count: how many septets to read.
        fill_bits: bits (0 to 6) to skip before the first septet.

    Returns:
        ``count`` octets, each 0x00 to 0x7F.

    Raises:
        TypeError: ``data`` is not ``bytes``, ``bytearray`` or ``memoryview``, or
            ``count`` or ``fill_bits`` not an ``int``.
        InvalidOption: ``fill_bits`` out of range or a negative ``count`` (an
            :class:`SmsError`).
        PduDecodeError: ``data`` too short for ``count`` septets (``field="user_data"``,
            ``offset`` where the data runs out).

    >>> unpack_septets(bytes.fromhex("C01F"), count=1, fill_bits=6)
    b'\\x7f'
    """
    _check_octets("data", data)
    check_int("count", count, 0)
    _check_fill_bits(fill_bits)
    bits = 7 * count + fill_bits
    needed = (bits + 7) // 8 if count else 0
    if needed > len(data):
        raise PduDecodeError(
            f"{count} septets after {fill_bits} fill bits need {needed} octets, "
            f"only {len(data)} given",
            field="user_data",
            offset=len(data),
        )
    if not count:
        return b""
    # Keep exactly the 7 * count bits of the septets: spare and trailing bits are ignored.
    x = (int.from_bytes(data[:needed], "little") >> fill_bits) & ((1 << 7 * count) - 1)
    lanes = (count + 7) // 8
    masks = _masks_for(lanes)
    # Spread 56 bits per lane back into 64-bit lanes: insert an empty eighth octet
    # after every seven, then undo the three SWAR steps of pack_septets.
    packed = x.to_bytes(7 * lanes, "little")
    spread = bytearray(8 * lanes)
    for k in range(7):
        spread[k::8] = packed[k::7]
    x = int.from_bytes(spread, "little")
    x = (x & masks.m28) | ((x << 4) & masks.m28_hi)
    x = (x & masks.m14) | ((x << 2) & masks.m14_hi)
    x = (x & masks.m7) | ((x << 1) & masks.m7_hi)
    return x.to_bytes(8 * lanes, "little")[:count]
