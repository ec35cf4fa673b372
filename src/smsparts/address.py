"""Addresses in TPDUs: semi-octet numbers and alphanumeric senders.

3GPP TS 23.040 9.1.2.5 (TP-DA, TP-OA): one octet counting the *useful semi-octets*
of the address value, one Type-of-Address octet (bit 7 set, type of number in bits
6..4, numbering plan in bits 3..0), then the digits as semi-octets, low nibble first
(9.1.2.3), padded with ``F`` when odd.  An alphanumeric address (type of number 101)
holds GSM 7-bit default alphabet characters packed as septets.

The service centre address that a modem's PDU starts with (TS 24.011 8.2.5.1, as used
by TS 27.005 for ``AT+CMGS``) differs only in its first octet, which counts the
*octets* that follow (TOA included); 0 means "use the SMSC stored in the modem".

>>> Address.from_number("+46708251358").to_bytes().hex().upper()
'0B916407281553F8'
>>> Address.parse(bytes.fromhex("0B916407281553F8"))
(Address(value='+46708251358', toa=145), 8)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ._codec_impl import decode, encode, tables
from ._octets import OctetReader, as_octets
from ._options import check_int, check_str
from .errors import InvalidOption, PduDecodeError
from .septets import Octets, pack_septets, unpack_septets

__all__ = [
    "TOA_ALPHANUMERIC",
    "TOA_INTERNATIONAL",
    "TOA_UNKNOWN",
    "Address",
]

#: Type of address, 23.040 9.1.2.5: bit 7 = 1, type of number (bits 6..4), plan (3..0).
TOA_UNKNOWN: Final = 0x81  # type of number 000 (unknown), ISDN/telephone plan
TOA_INTERNATIONAL: Final = 0x91  # type of number 001 (international), ISDN plan
TOA_ALPHANUMERIC: Final = 0xD0  # type of number 101 (alphanumeric), plan 0000
TON_INTERNATIONAL: Final = 1
TON_ALPHANUMERIC: Final = 5

#: Semi-octet values 0..14 (23.040 9.1.2.3: 1010 "*", 1011 "#", 1100..1110 "a".."c");
#: 1111 is the filler of an odd count.
_DIGITS: Final = "0123456789*#abc"
_NIBBLE: Final = {ch: i for i, ch in enumerate(_DIGITS)} | {"A": 12, "B": 13, "C": 14}
#: The address value is at most 10 octets (23.040 9.1.2.5): 20 digits.
MAX_DIGITS: Final = 20
#: 24.011 8.2.5.1: the RP address value holds at most 10 octets after the TOA octet.
MAX_SMSC_OCTETS: Final = 11


def _septets(text: str) -> bytes:
    """GSM 7-bit default alphabet septets of ``text`` (23.038 6.2.1), one per octet."""
    return encode(text, tables(0, 0), "strict")


@dataclass(frozen=True, slots=True)
class Address:
    """A TP-DA / TP-OA or service centre address.

    Attributes:
        value: the number as digits (``"+"`` first when the type of number is
            international), or the text of an alphanumeric address.
        toa: the Type-of-Address octet (``0x91`` international, ``0x81`` unknown,
            ``0xD0`` alphanumeric, ...).

    Raises:
        TypeError: ``value`` is not a ``str`` or ``toa`` not an ``int``.
        InvalidOption: ``toa`` is not an octet with bit 7 set, or ``value`` does not suit
            it (a ``"+"`` without the international type, a character that is not a
            semi-octet digit, more than 20 digits).
    """

    value: str
    toa: int = TOA_UNKNOWN

    def __post_init__(self) -> None:
        if type(self.toa) is not int:
            check_int("Address.toa", self.toa)
        if not 0x80 <= self.toa <= 0xFF:
            raise InvalidOption("Address.toa", self.toa, "an octet 0x80..0xFF (bit 7 set)")
        if type(self.value) is not str:
            check_str("Address.value", self.value)
        if self.ton == TON_ALPHANUMERIC:
            septets = len(_septets(self.value))
            if (7 * septets + 3) // 4 > MAX_DIGITS:
                raise InvalidOption(
                    "Address.value",
                    self.value,
                    f"at most 11 septets for an alphanumeric address (it takes {septets})",
                )
            return
        digits = self.digits
        if self.value.startswith("+") and self.ton != TON_INTERNATIONAL:
            raise InvalidOption(
                "Address.value",
                self.value,
                f"without '+': toa {self.toa:#04x} is not international (0x91)",
            )
        for i, ch in enumerate(digits):
            if ch not in _NIBBLE:
                raise InvalidOption(
                    "Address.value",
                    self.value,
                    f"semi-octet digits, '*', '#', 'a'-'c' ({ch!r} at index "
                    f"{i + len(self.value) - len(digits)} is not)",
                )
        if len(digits) > MAX_DIGITS:
            raise InvalidOption(
                "Address.value",
                self.value,
                f"at most {MAX_DIGITS} digits (it has {len(digits)} digits)",
            )

    @classmethod
    def from_number(cls, number: str) -> Address:
        """An address from a phone number: ``"+"`` first makes it international (0x91).

        Spaces, hyphens, dots and parentheses are dropped; any other character than a
        digit (or ``*``, ``#``) is an error (the semi-octets ``a``-``c`` are reachable
        through the constructor).  Without ``"+"``, the type is unknown (0x81), which
        networks read as a national number.

        Raises:
            TypeError: ``number`` is not a ``str``.
            InvalidOption: an empty number or a character that is not dialable.

        >>> Address.from_number("+33 6 12-34-56-78")
        Address(value='+33612345678', toa=145)
        """
        check_str("number", number)
        cleaned = "".join(ch for ch in number if ch not in " -.()")
        digits = cleaned[1:] if cleaned.startswith("+") else cleaned
        if not digits:
            raise InvalidOption("number", number, "a number with digits")
        for i, ch in enumerate(digits):
            if ch not in "0123456789*#":
                raise InvalidOption(
                    "number",
                    number,
                    f"digits, '*' or '#' ({ch!r} is not a digit, index "
                    f"{i + len(cleaned) - len(digits)} after dropping separators)",
                )
        if cleaned.startswith("+"):
            return cls(cleaned, TOA_INTERNATIONAL)
        return cls(cleaned, TOA_UNKNOWN)

    @classmethod
    def alphanumeric(cls, text: str) -> Address:
        """An alphanumeric address (type of number 101), at most 11 GSM-7 septets.

        Raises:
            TypeError: ``text`` is not a ``str``.
            InvalidOption: more than 11 septets.
            UnencodableCharacter: a character outside the GSM 7-bit default alphabet.
        """
        return cls(text, TOA_ALPHANUMERIC)

    @property
    def ton(self) -> int:
        """Type of number (bits 6..4 of the TOA)."""
        return (self.toa >> 4) & 0x07

    @property
    def npi(self) -> int:
        """Numbering plan identification (bits 3..0 of the TOA)."""
        return self.toa & 0x0F

    @property
    def digits(self) -> str:
        """The semi-octet digits, without the ``"+"`` of an international number."""
        return self.value[1:] if self.value.startswith("+") else self.value

    def _value_octets(self) -> tuple[int, bytes]:
        """(useful semi-octets, encoded value)."""
        if self.ton == TON_ALPHANUMERIC:
            septets = _septets(self.value)
            return (7 * len(septets) + 3) // 4, pack_septets(septets)
        nibbles = [_NIBBLE[ch] for ch in self.digits]
        count = len(nibbles)
        if count % 2:
            nibbles.append(0x0F)
        return count, bytes(nibbles[i] | nibbles[i + 1] << 4 for i in range(0, len(nibbles), 2))

    def to_bytes(self) -> bytes:
        """The TP-DA / TP-OA field: semi-octet count, TOA, value (23.040 9.1.2.5)."""
        count, value = self._value_octets()
        return bytes((count, self.toa)) + value

    def to_smsc_bytes(self) -> bytes:
        """The service centre address field: octet count, TOA, value (24.011 8.2.5.1)."""
        _, value = self._value_octets()
        if 1 + len(value) > MAX_SMSC_OCTETS:  # pragma: no cover - 20 digits is 11 octets
            raise InvalidOption("smsc", self.value, "at most 20 digits")
        return bytes((1 + len(value), self.toa)) + value

    @classmethod
    def parse(cls, data: Octets, *, offset: int = 0, field: str = "tp_da") -> tuple[Address, int]:
        """Read a TP-DA / TP-OA at ``data[offset]``; return it and the octets it took.

        Args:
            data: the TPDU bytes.
            offset: where the length octet is; error offsets count from ``data[0]``.
            field: the field path used in errors (``"tp_oa"``, ``"tp_da"``).

        Raises:
            TypeError: ``data`` is not bytes-like, ``offset`` not an ``int``.
            InvalidOption: a negative ``offset`` (one past the data is a
                ``PduDecodeError`` at ``len(data)``: the data ends there).
            PduDecodeError: the address runs past the data, has more than 20 digits, an
                ``F`` filler in the middle, or a TOA without bit 7.
        """
        data = as_octets("data", data)
        if type(offset) is not int or offset < 0:
            check_int("offset", offset, 0)
        if type(field) is not str:
            check_str("field", field)
        reader = OctetReader(data, offset)
        count = reader.octet(f"{field}.length")
        if count > MAX_DIGITS:
            raise PduDecodeError(
                f"{count} semi-octets; an address holds at most {MAX_DIGITS}",
                field=f"{field}.length",
                offset=offset,
            )
        toa = reader.octet(f"{field}.toa")
        size = (count + 1) // 2
        value = reader.take(size, f"{field}.value")
        return cls._from_value(value, toa, count, field, offset), 2 + size

    @classmethod
    def parse_smsc(cls, data: Octets, *, offset: int = 0) -> tuple[Address | None, int]:
        """Read the service centre address a modem PDU starts with (24.011 8.2.5.1).

        Returns:
            ``(address, octets)``; ``address`` is ``None`` when the length octet is 0.

        Raises:
            PduDecodeError: as for :meth:`parse` (``field`` is ``"smsc"``).
        """
        data = as_octets("data", data)
        if type(offset) is not int or offset < 0:
            check_int("offset", offset, 0)
        reader = OctetReader(data, offset)
        size = reader.octet("smsc.length")
        if size == 0:
            return None, 1
        if size > MAX_SMSC_OCTETS:
            raise PduDecodeError(
                f"{size} octets; a service centre address holds at most {MAX_SMSC_OCTETS}",
                field="smsc.length",
                offset=offset,
            )
        toa = reader.octet("smsc.toa")
        value = reader.take(size - 1, "smsc.value")
        count = 2 * len(value)
        if value and value[-1] >> 4 == 0x0F:
            count -= 1
        return cls._from_value(value, toa, count, "smsc", offset), 1 + size

    @classmethod
    def _from_value(cls, value: bytes, toa: int, count: int, field: str, offset: int) -> Address:
        if not toa & 0x80:
            raise PduDecodeError(
                f"type of address 0x{toa:02X} lacks bit 7 (23.040 9.1.2.5)",
                field=f"{field}.toa",
                offset=offset + 1,
            )
        if (toa >> 4) & 0x07 == TON_ALPHANUMERIC:
            septets = unpack_septets(value, count=count * 4 // 7)
            try:
                text = decode(septets, tables(0, 0), "replace")[0]
            except (UnicodeDecodeError, ValueError) as exc:  # pragma: no cover - defensive
                raise PduDecodeError(
                    f"alphanumeric address: {exc}", field=f"{field}.value", offset=offset + 2
                ) from None
            try:
                return cls(text, toa)
            except ValueError as exc:
                raise PduDecodeError(
                    f"alphanumeric address: {exc}", field=f"{field}.value", offset=offset + 2
                ) from None
        digits = []
        for i in range(count):
            nibble = (value[i // 2] >> (4 * (i % 2))) & 0x0F
            if nibble == 0x0F:
                raise PduDecodeError(
                    f"filler 0xF at semi-octet {i} of {count}",
                    field=f"{field}.value",
                    offset=offset + 2 + i // 2,
                )
            digits.append(_DIGITS[nibble])
        plus = "+" if (toa >> 4) & 0x07 == TON_INTERNATIONAL else ""
        return cls(plus + "".join(digits), toa)
