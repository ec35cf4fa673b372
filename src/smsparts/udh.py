"""User data headers: the information elements at the start of TP-UD.

3GPP TS 23.040 9.2.3.24: when TP-UDHI is set, TP-UD starts with a header: one octet
UDHL (the octets that follow in the header), then information elements, each an IEI
octet, a length octet (IEDL) and IEDL octets of data.  This module builds and parses
those headers and gives typed access to the four elements that change how a segment is
sent or read:

==========  ==============================================  ===================
IEI         element                                         clause (23.040)
==========  ==============================================  ===================
``0x00``    concatenated SMS, 8-bit reference number        9.2.3.24.1
``0x08``    concatenated SMS, 16-bit reference number       9.2.3.24.8
``0x24``    national language single shift                  9.2.3.24.15
``0x25``    national language locking shift                 9.2.3.24.16
==========  ==============================================  ===================

Every other element is carried through untouched.

>>> header = UserDataHeader.concatenated(reference=0x17, total=3, sequence=1)
>>> header.to_bytes().hex().upper()
'050003170301'
>>> UserDataHeader.parse(bytes.fromhex("050003170301"))[0].concatenation
Concatenation(reference=23, total=3, sequence=1, reference_bits=8)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple

from .charset import NationalLanguage
from .errors import PduDecodeError

__all__ = [
    "IEI_CONCAT_8BIT",
    "IEI_CONCAT_16BIT",
    "IEI_NATIONAL_LOCKING_SHIFT",
    "IEI_NATIONAL_SINGLE_SHIFT",
    "Concatenation",
    "InformationElement",
    "UserDataHeader",
]

IEI_CONCAT_8BIT: Final = 0x00  # 23.040 9.2.3.24.1
IEI_CONCAT_16BIT: Final = 0x08  # 23.040 9.2.3.24.8
IEI_NATIONAL_SINGLE_SHIFT: Final = 0x24  # 23.040 9.2.3.24.15
IEI_NATIONAL_LOCKING_SHIFT: Final = 0x25  # 23.040 9.2.3.24.16

#: TP-UD holds at most 140 octets (23.040 9.2.3.24), so UDHL is at most 139.
MAX_UDHL: Final = 139

#: IEDL that the spec fixes for the elements this module interprets.
_FIXED_IEDL: Final = {
    IEI_CONCAT_8BIT: 3,
    IEI_CONCAT_16BIT: 4,
    IEI_NATIONAL_SINGLE_SHIFT: 1,
    IEI_NATIONAL_LOCKING_SHIFT: 1,
}


class Concatenation(NamedTuple):
    """The concatenation element of a segment (23.040 9.2.3.24.1 / 9.2.3.24.8)."""

    reference: int
    """Concatenated short message reference number, the same in every part."""
    total: int
    """Maximum number of short messages in the concatenated message (1..255)."""
    sequence: int
    """Sequence number of this part, from 1 to ``total``."""
    reference_bits: int
    """8 (IEI 0x00) or 16 (IEI 0x08)."""


def _check_octet(name: str, value: int, high: int = 255, low: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in {low}..{high}, got {value}")


@dataclass(frozen=True, slots=True)
class InformationElement:
    """One information element: IEI, then its data (23.040 9.2.3.24).

    The length octet (IEDL) is ``len(data)`` and is not stored.

    Args:
        iei: Information Element Identifier, 0..255.
        data: the element's data octets (IEDL is their count).

    Raises:
        ValueError: ``iei`` out of range, or more data than a header can hold.
        TypeError: ``data`` is not bytes.

    >>> InformationElement.national_single_shift(NationalLanguage.TURKISH).to_bytes().hex()
    '240101'
    """

    iei: int
    data: bytes

    def __post_init__(self) -> None:
        _check_octet("InformationElement.iei", self.iei)
        if not isinstance(self.data, bytes):
            raise TypeError(
                f"InformationElement.data must be bytes, got {type(self.data).__name__}"
            )
        if len(self.data) > MAX_UDHL - 2:
            raise ValueError(
                f"InformationElement.data is {len(self.data)} octets; "
                f"a header holds at most {MAX_UDHL - 2}"
            )

    @classmethod
    def concatenation(
        cls, *, reference: int, total: int, sequence: int, reference_bits: int = 8
    ) -> InformationElement:
        """A concatenated-SMS element, 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference.

        Clause: 23.040 9.2.3.24.1 and 9.2.3.24.8: the sequence number starts at 1 and
        is at most ``total``; ``total`` is 1..255.

        Raises:
            ValueError: a field out of range (the message names it).
        """
        if reference_bits not in (8, 16):
            raise ValueError(f"reference_bits must be 8 or 16, got {reference_bits!r}")
        _check_octet("reference", reference, (1 << reference_bits) - 1)
        _check_octet("total", total, low=1)
        _check_octet("sequence", sequence, high=total, low=1)
        if reference_bits == 8:
            return cls(IEI_CONCAT_8BIT, bytes((reference, total, sequence)))
        return cls(IEI_CONCAT_16BIT, bytes((reference >> 8, reference & 0xFF, total, sequence)))

    @classmethod
    def national_single_shift(cls, language: int) -> InformationElement:
        """A national language single shift element (23.040 9.2.3.24.15)."""
        _check_octet("language", language)
        return cls(IEI_NATIONAL_SINGLE_SHIFT, bytes((language,)))

    @classmethod
    def national_locking_shift(cls, language: int) -> InformationElement:
        """A national language locking shift element (23.040 9.2.3.24.16)."""
        _check_octet("language", language)
        return cls(IEI_NATIONAL_LOCKING_SHIFT, bytes((language,)))

    @property
    def octets(self) -> int:
        """Octets the element takes in a header: IEI, IEDL and data."""
        return 2 + len(self.data)

    def to_bytes(self) -> bytes:
        """IEI, IEDL, data."""
        return bytes((self.iei, len(self.data))) + self.data


def _language(value: int) -> NationalLanguage | None:
    # 23.040 9.2.3.24: "A receiving entity shall ignore (i.e. skip over) Information
    # Elements where the value of the Information-Element-Data is Reserved or not
    # supported": an unknown language id reads as no shift.
    try:
        return NationalLanguage(value)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class UserDataHeader:
    """A user data header: UDHL, then information elements (23.040 9.2.3.24).

    Args:
        elements: the information elements, in order.

    Raises:
        ValueError: no elements, or more than 139 octets after UDHL.
        TypeError: an element is not an :class:`InformationElement`.
    """

    elements: tuple[InformationElement, ...]
    _udhl: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.elements, tuple):
            object.__setattr__(self, "elements", tuple(self.elements))
        udhl = 0
        for i, element in enumerate(self.elements):
            if not isinstance(element, InformationElement):
                raise TypeError(
                    f"UserDataHeader.elements[{i}] must be an InformationElement, "
                    f"got {type(element).__name__}"
                )
            udhl += 2 + len(element.data)
        if not self.elements:
            raise ValueError("UserDataHeader.elements must hold at least one element")
        if udhl > MAX_UDHL:
            raise ValueError(f"UserDataHeader.udhl is {udhl}; at most {MAX_UDHL} fit")
        object.__setattr__(self, "_udhl", udhl)  # derived once: read on every septet count

    @classmethod
    def concatenated(
        cls,
        *,
        reference: int,
        total: int,
        sequence: int,
        reference_bits: int = 8,
        single_shift: int | None = None,
        locking_shift: int | None = None,
    ) -> UserDataHeader:
        """The header of one part of a concatenated message, with optional shift IEs.

        Elements come in the order concatenation, single shift, locking shift.
        """
        elements = [
            InformationElement.concatenation(
                reference=reference,
                total=total,
                sequence=sequence,
                reference_bits=reference_bits,
            )
        ]
        if single_shift is not None:
            elements.append(InformationElement.national_single_shift(single_shift))
        if locking_shift is not None:
            elements.append(InformationElement.national_locking_shift(locking_shift))
        return cls(tuple(elements))

    @property
    def udhl(self) -> int:
        """The UDHL octet: octets of information elements (UDHL itself excluded)."""
        return self._udhl

    @property
    def octets(self) -> int:
        """Octets of the whole header, UDHL included."""
        return 1 + self.udhl

    @property
    def header_septets(self) -> int:
        """Septets the header takes in GSM-7 user data: ``ceil(8 * octets / 7)``.

        Clause: 23.040 9.2.3.24: the header and its fill bits count in TP-UDL.

        >>> UserDataHeader.concatenated(reference=0, total=2, sequence=1).header_septets
        7
        """
        return (8 * self.octets + 6) // 7

    @property
    def fill_bits(self) -> int:
        """Zero bits between the header and the first septet: ``7 * septets - 8 * octets``.

        >>> UserDataHeader.concatenated(reference=0, total=2, sequence=1).fill_bits
        1
        """
        return 7 * self.header_septets - 8 * self.octets

    def to_bytes(self) -> bytes:
        """UDHL followed by every element."""
        return bytes((self.udhl,)) + b"".join(element.to_bytes() for element in self.elements)

    def _last(self, iei: int) -> InformationElement | None:
        # 23.040 9.2.3.24: if an element is repeated, the last occurrence is used.
        for element in reversed(self.elements):
            if element.iei == iei:
                return element
        return None

    @property
    def concatenation(self) -> Concatenation | None:
        """The concatenation element (8- or 16-bit reference), if any."""
        for element in reversed(self.elements):
            data = element.data
            if element.iei == IEI_CONCAT_8BIT and len(data) == 3:
                return Concatenation(data[0], data[1], data[2], 8)
            if element.iei == IEI_CONCAT_16BIT and len(data) == 4:
                return Concatenation((data[0] << 8) | data[1], data[2], data[3], 16)
        return None

    @property
    def single_shift(self) -> NationalLanguage | None:
        """The national language single shift table, if any (and if known)."""
        element = self._last(IEI_NATIONAL_SINGLE_SHIFT)
        return _language(element.data[0]) if element and len(element.data) == 1 else None

    @property
    def locking_shift(self) -> NationalLanguage | None:
        """The national language locking shift table, if any (and if known)."""
        element = self._last(IEI_NATIONAL_LOCKING_SHIFT)
        return _language(element.data[0]) if element and len(element.data) == 1 else None

    @classmethod
    def parse(cls, data: bytes, *, offset: int = 0) -> tuple[UserDataHeader, int]:
        """Read a header that starts at ``data[offset]``; return it and its octets.

        Clause: 23.040 9.2.3.24.  UDHL is 2..139 (TP-UD holds 140 octets); the
        concatenation and shift elements are checked (their fixed IEDL; concatenation
        total and sequence 1..255 with sequence at most total, 9.2.3.24.1); other
        elements are kept as read.

        Args:
            data: the bytes holding the header (typically TP-UD).
            offset: where UDHL is; error offsets count from the start of ``data``.

        Returns:
            ``(header, octets)``: the header and the octets it took, UDHL included.

        Raises:
            PduDecodeError: with ``field`` (``"udh.ie[1].length"``) and ``offset``.

        >>> UserDataHeader.parse(bytes.fromhex("06080401800402FFFF"))[1]
        7
        """
        if offset >= len(data):
            raise PduDecodeError("no octet for UDHL", field="udh.udhl", offset=offset)
        udhl = data[offset]
        end = offset + 1 + udhl
        if udhl < 2:
            raise PduDecodeError(
                f"UDHL is {udhl}: a header holds at least one element",
                field="udh.udhl",
                offset=offset,
            )
        if udhl > MAX_UDHL:
            # No TPDU holds this much; an SMPP short_message (up to 255 octets) can.
            raise PduDecodeError(
                f"UDHL is {udhl}: TP-UD holds 140 octets, so at most {MAX_UDHL}",
                field="udh.udhl",
                offset=offset,
            )
        if end > len(data):
            raise PduDecodeError(
                f"UDHL {udhl} runs past the data ({len(data) - offset - 1} octets follow it)",
                field="udh.udhl",
                offset=offset,
            )
        elements: list[InformationElement] = []
        pos = offset + 1
        while pos < end:
            index = len(elements)
            path = f"udh.ie[{index}]"
            if pos + 1 >= end:
                raise PduDecodeError(
                    "element has no length octet before the header ends",
                    field=f"{path}.length",
                    offset=pos,
                )
            iei, iedl = data[pos], data[pos + 1]
            if pos + 2 + iedl > end:
                raise PduDecodeError(
                    f"length {iedl} runs past the header end (UDHL {udhl})",
                    field=f"{path}.length",
                    offset=pos + 1,
                )
            body = bytes(data[pos + 2 : pos + 2 + iedl])
            _check_element(iei, body, path, pos)
            elements.append(InformationElement(iei, body))
            pos += 2 + iedl
        return cls(tuple(elements)), 1 + udhl

    @classmethod
    def from_bytes(cls, data: bytes) -> UserDataHeader:
        """Parse ``data`` that holds exactly one header, UDHL included.

        Raises:
            PduDecodeError: not a header, or octets left after it.
        """
        header, octets = cls.parse(data)
        if octets != len(data):
            raise PduDecodeError(
                f"{len(data) - octets} octets after the header",
                field="udh",
                offset=octets,
            )
        return header


def _check_element(iei: int, body: bytes, path: str, pos: int) -> None:
    """Reject a known element whose IEDL or values the spec does not allow."""
    expected = _FIXED_IEDL.get(iei)
    if expected is None:
        return
    if len(body) != expected:
        raise PduDecodeError(
            f"IEI 0x{iei:02X} has length {len(body)}; 23.040 fixes it at {expected}",
            field=f"{path}.length",
            offset=pos + 1,
        )
    if iei in (IEI_CONCAT_8BIT, IEI_CONCAT_16BIT):
        total, sequence = body[-2], body[-1]
        at = pos + 2 + len(body)  # offset of the octet after the element
        if total == 0:
            raise PduDecodeError(
                "concatenation total is 0 (23.040 9.2.3.24.1: 1..255)",
                field=f"{path}.total",
                offset=at - 2,
            )
        if sequence == 0 or sequence > total:
            raise PduDecodeError(
                f"concatenation sequence {sequence} is not in 1..{total} (23.040 9.2.3.24.1)",
                field=f"{path}.sequence",
                offset=at - 1,
            )
