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
``0x04``    application port addressing, 8-bit ports        9.2.3.24.3
``0x05``    application port addressing, 16-bit ports       9.2.3.24.4
``0x08``    concatenated SMS, 16-bit reference number       9.2.3.24.8
``0x24``    national language single shift                  9.2.3.24.15
``0x25``    national language locking shift                 9.2.3.24.16
==========  ==============================================  ===================

Every other element is carried through untouched.  A port element whose length is not
the one 23.040 gives (2 or 4 octets) is carried through too, and
:attr:`UserDataHeader.application_port` skips it, as 9.2.3.24 asks of an element a
receiver cannot interpret.

>>> header = UserDataHeader.concatenated(reference=0x17, total=3, sequence=1)
>>> header.to_bytes().hex().upper()
'050003170301'
>>> UserDataHeader.parse(bytes.fromhex("050003170301"))[0].concatenation
Concatenation(reference=23, total=3, sequence=1, reference_bits=8)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple

from ._octets import OctetReader, as_octets
from ._options import check_int
from .charset import MAX_USER_DATA_OCTETS, NationalLanguage
from .charset import fill_bits as _fill_bits
from .charset import header_septets as _header_septets
from .errors import InvalidOption, PduDecodeError
from .septets import Octets

__all__ = [
    "IEI_CONCAT_8BIT",
    "IEI_CONCAT_16BIT",
    "IEI_NATIONAL_LOCKING_SHIFT",
    "IEI_NATIONAL_SINGLE_SHIFT",
    "IEI_PORT_8BIT",
    "IEI_PORT_16BIT",
    "ApplicationPort",
    "Concatenation",
    "InformationElement",
    "UserDataHeader",
]

IEI_CONCAT_8BIT: Final = 0x00  # 23.040 9.2.3.24.1
IEI_PORT_8BIT: Final = 0x04  # 23.040 9.2.3.24.3
IEI_PORT_16BIT: Final = 0x05  # 23.040 9.2.3.24.4
IEI_CONCAT_16BIT: Final = 0x08  # 23.040 9.2.3.24.8
IEI_NATIONAL_SINGLE_SHIFT: Final = 0x24  # 23.040 9.2.3.24.15
IEI_NATIONAL_LOCKING_SHIFT: Final = 0x25  # 23.040 9.2.3.24.16

#: TP-UD holds at most 140 octets (23.040 9.2.3.24), so UDHL is at most 139.
MAX_UDHL: Final = MAX_USER_DATA_OCTETS - 1

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


class ApplicationPort(NamedTuple):
    """The application port addressing element of a message (23.040 9.2.3.24.3 / .4).

    8-bit ports (IEI 0x04): 0..239 reserved, 240..255 for applications; 16-bit ports
    (IEI 0x05): 0..15999 as registered with IANA, 16000..16999 for applications,
    17000..65535 reserved.  Reserved values are read and built as given: the spec
    reserves them for allocation, it does not forbid a receiver to read them.
    """

    destination: int
    """Destination port: the application that receives the message."""
    originator: int
    """Originator port: the application that sent it."""
    port_bits: int
    """8 (IEI 0x04) or 16 (IEI 0x05)."""


@dataclass(frozen=True, slots=True)
class InformationElement:
    """One information element: IEI, then its data (23.040 9.2.3.24).

    The length octet (IEDL) is ``len(data)`` and is not stored.

    Args:
        iei: Information Element Identifier, 0..255.
        data: the element's data octets (IEDL is their count).

    Raises:
        InvalidOption: ``iei`` out of range, or more data than a header can hold.
        TypeError: ``iei`` is not an int or ``data`` not bytes.

    >>> InformationElement.national_single_shift(NationalLanguage.TURKISH).to_bytes().hex()
    '240101'
    """

    iei: int
    data: bytes

    def __post_init__(self) -> None:
        if type(self.iei) is not int or not 0 <= self.iei <= 0xFF:
            check_int("InformationElement.iei", self.iei, 0, 255)
        if not isinstance(self.data, bytes):
            raise TypeError(
                f"InformationElement.data must be bytes, not {type(self.data).__name__}"
            )
        if len(self.data) > MAX_UDHL - 2:
            raise InvalidOption(
                "InformationElement.data",
                f"<{len(self.data)} octets>",
                f"at most {MAX_UDHL - 2} octets (a header holds {MAX_UDHL})",
            )

    @classmethod
    def concatenation(
        cls, *, reference: int, total: int, sequence: int, reference_bits: int = 8
    ) -> InformationElement:
        """A concatenated-SMS element, 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference.

        Clause: 23.040 9.2.3.24.1 and 9.2.3.24.8: the sequence number starts at 1 and
        is at most ``total``; ``total`` is 1..255.

        Raises:
            TypeError: a field is not an ``int``.
            InvalidOption: a field out of range (the message names it).
        """
        check_int("reference_bits", reference_bits)
        if reference_bits not in (8, 16):
            raise InvalidOption("reference_bits", reference_bits, "8 or 16")
        check_int("reference", reference, 0, (1 << reference_bits) - 1)
        check_int("total", total, 1, 255)
        check_int("sequence", sequence, 1, total)
        if reference_bits == 8:
            return cls(IEI_CONCAT_8BIT, bytes((reference, total, sequence)))
        return cls(IEI_CONCAT_16BIT, bytes((reference >> 8, reference & 0xFF, total, sequence)))

    @classmethod
    def national_single_shift(cls, language: int) -> InformationElement:
        """A national language single shift element (23.040 9.2.3.24.15).

        Raises:
            TypeError: ``language`` is not an ``int``.
            InvalidOption: ``language`` is not an octet.
        """
        check_int("language", language, 0, 255)
        return cls(IEI_NATIONAL_SINGLE_SHIFT, bytes((language,)))

    @classmethod
    def national_locking_shift(cls, language: int) -> InformationElement:
        """A national language locking shift element (23.040 9.2.3.24.16).

        Raises:
            TypeError: ``language`` is not an ``int``.
            InvalidOption: ``language`` is not an octet.
        """
        check_int("language", language, 0, 255)
        return cls(IEI_NATIONAL_LOCKING_SHIFT, bytes((language,)))

    @classmethod
    def application_port(
        cls, *, destination: int, originator: int = 0, port_bits: int = 16
    ) -> InformationElement:
        """An application port addressing element, 16-bit (IEI 0x05) or 8-bit (IEI 0x04).

        Clause: 23.040 9.2.3.24.3 (8-bit: destination port octet, then originator port
        octet) and 9.2.3.24.4 (16-bit: destination port, then originator port, each two
        octets, most significant first).

        Args:
            destination: the destination port (0..255 or 0..65535).
            originator: the originator port (same range).
            port_bits: 16 (IEI 0x05, the default: WAP push uses 2948) or 8 (IEI 0x04).

        Raises:
            TypeError: an argument is not an ``int``.
            InvalidOption: ``port_bits`` is not 8 or 16, or a port out of its range.

        >>> InformationElement.application_port(destination=1234, originator=5222).to_bytes().hex()
        '050404d21466'
        """
        check_int("port_bits", port_bits)
        if port_bits not in (8, 16):
            raise InvalidOption("port_bits", port_bits, "8 or 16")
        high = (1 << port_bits) - 1
        check_int("destination", destination, 0, high)
        check_int("originator", originator, 0, high)
        if port_bits == 8:
            return cls(IEI_PORT_8BIT, bytes((destination, originator)))
        return cls(IEI_PORT_16BIT, destination.to_bytes(2, "big") + originator.to_bytes(2, "big"))

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
        InvalidOption: no elements, or more than 139 octets after UDHL.
        TypeError: an element is not an :class:`InformationElement`.
    """

    elements: tuple[InformationElement, ...]
    _udhl: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.elements, InformationElement | str | bytes) or not hasattr(
            self.elements, "__iter__"
        ):
            raise TypeError(
                "UserDataHeader.elements must be a tuple of InformationElement, "
                f"not {type(self.elements).__name__}"
            )
        if not isinstance(self.elements, tuple):
            object.__setattr__(self, "elements", tuple(self.elements))
        udhl = 0
        for i, element in enumerate(self.elements):
            if not isinstance(element, InformationElement):
                raise TypeError(
                    f"UserDataHeader.elements[{i}] must be an InformationElement, "
                    f"not {type(element).__name__}"
                )
            udhl += 2 + len(element.data)
        if not self.elements:
            raise InvalidOption("UserDataHeader.elements", (), "at least one element")
        if udhl > MAX_UDHL:
            raise InvalidOption("UserDataHeader.udhl", udhl, f"at most {MAX_UDHL} octets")
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

        Raises:
            TypeError, InvalidOption: as for :meth:`InformationElement.concatenation`.
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

        Clause: 23.040 9.2.3.24: the header and its fill bits count in TP-UDL
        (:func:`smsparts.charset.header_septets`, the one place it is computed).

        >>> UserDataHeader.concatenated(reference=0, total=2, sequence=1).header_septets
        7
        """
        return _header_septets(self.octets)

    @property
    def fill_bits(self) -> int:
        """Zero bits between the header and the first septet: ``7 * septets - 8 * octets``
        (:func:`smsparts.charset.fill_bits`).

        >>> UserDataHeader.concatenated(reference=0, total=2, sequence=1).fill_bits
        1
        """
        return _fill_bits(self.octets)

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
    def application_port(self) -> ApplicationPort | None:
        """The application port addressing element (8- or 16-bit ports), if any.

        An element whose length is not 2 (IEI 0x04) or 4 (IEI 0x05) is skipped
        (23.040 9.2.3.24: a receiver ignores an element it cannot interpret).

        >>> UserDataHeader.from_bytes(bytes.fromhex("0605040B8423F0")).application_port
        ApplicationPort(destination=2948, originator=9200, port_bits=16)
        """
        for element in reversed(self.elements):
            data = element.data
            if element.iei == IEI_PORT_8BIT and len(data) == 2:
                return ApplicationPort(data[0], data[1], 8)
            if element.iei == IEI_PORT_16BIT and len(data) == 4:
                return ApplicationPort(
                    int.from_bytes(data[:2], "big"), int.from_bytes(data[2:], "big"), 16
                )
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
    def parse(cls, data: Octets, *, offset: int = 0) -> tuple[UserDataHeader, int]:
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
            TypeError: ``data`` is not bytes-like or ``offset`` not an ``int``.
            InvalidOption: a negative ``offset`` (one past the data is a
                ``PduDecodeError`` at ``len(data)``: the data ends there).
            PduDecodeError: with ``field`` (``"udh.ie[1].length"``) and ``offset``
                (inside ``data``; ``len(data)`` when the data ends early).

        >>> UserDataHeader.parse(bytes.fromhex("06080401800402FFFF"))[1]
        7
        """
        data = as_octets("data", data)
        if type(offset) is not int or offset < 0:
            check_int("offset", offset, 0)
        reader = OctetReader(data, offset)
        udhl = reader.octet("udh.udhl")
        if udhl < 2:
            raise PduDecodeError(
                f"UDHL is {udhl}: a header holds at least one element",
                field="udh.udhl",
                offset=offset,
            )
        if udhl > MAX_UDHL:
            # No TPDU holds this much; an SMPP short_message (up to 255 octets) can.
            raise PduDecodeError(
                f"UDHL is {udhl}: TP-UD holds {MAX_USER_DATA_OCTETS} octets, so at most {MAX_UDHL}",
                field="udh.udhl",
                offset=offset,
            )
        if reader.remaining < udhl:
            raise PduDecodeError(
                f"UDHL {udhl} runs past the data ({reader.remaining} octets follow it)",
                field="udh.udhl",
                offset=offset,
            )
        reader.end = reader.pos + udhl  # the elements are read inside the header only
        elements: list[InformationElement] = []
        while reader.remaining:
            pos = reader.pos
            path = f"udh.ie[{len(elements)}]"
            if reader.remaining < 2:
                raise PduDecodeError(
                    "element has no length octet before the header ends",
                    field=f"{path}.length",
                    offset=pos,
                )
            iei = reader.octet(f"{path}.iei")
            iedl = reader.octet(f"{path}.length")
            if iedl > reader.remaining:
                raise PduDecodeError(
                    f"length {iedl} runs past the header end (UDHL {udhl})",
                    field=f"{path}.length",
                    offset=pos + 1,
                )
            body = reader.take(iedl, f"{path}.data")
            _check_element(iei, body, path, pos)
            elements.append(InformationElement(iei, body))
        return cls(tuple(elements)), 1 + udhl

    @classmethod
    def from_bytes(cls, data: Octets) -> UserDataHeader:
        """Parse ``data`` that holds exactly one header, UDHL included.

        Raises:
            TypeError: ``data`` is not bytes-like.
            PduDecodeError: not a header, or octets left after it.
        """
        data = as_octets("data", data)
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
