"""A message to its wire segments: UDH, TP-UD, TP-UDL, DCS and the SMPP fields.

:func:`encode_message` encodes a text (23.040 9.2.3.16, 9.2.3.24; 23.038 clause 4 and
6.1.2.1), :func:`encode_data` 8-bit data (DCS 0x04, 23.038 clause 4), optionally
addressed to an application port (23.040 9.2.3.24.3 / .4).

>>> seg = encode_message("hellohello")[0]
>>> seg.user_data.hex().upper(), seg.udl, seg.dcs
('E8329BFD4697D9EC37', 10, 0)
"""

from __future__ import annotations

from typing import Final, NamedTuple

from .._codec_impl import encode, tables
from .._octets import as_octets
from .._options import check_bool, check_int
from ..charset import MAX_USER_DATA_OCTETS, Encoding, NationalLanguage
from ..errors import InvalidOption, MessageTooLong
from ..segment import Boundary, LanguageSpec, Route, split
from ..septets import Octets, pack_septets
from ..udh import InformationElement, UserDataHeader
from .dcs import DCS_8BIT, DCS_GSM7, DCS_UCS2, Alphabet, dcs_alphabet

__all__ = [
    "ESM_CLASS_UDHI",
    "EncodedSegment",
    "SubmitSm",
    "encode_data",
    "encode_message",
]

ESM_CLASS_UDHI: Final = 0x40  # SMPP 3.4 5.2.12: "UDHI Indicator (only relevant for MT)"
MAX_SEGMENTS: Final = 255  # 23.040 9.2.3.24.1: total and sequence number are one octet


class SubmitSm(NamedTuple):
    """The ``submit_sm`` fields of one segment (SMPP 3.4 4.4.1).

    ``short_message`` is the user data header (if any) followed by the text: GSM-7
    one septet per octet when the segment was encoded with ``packed=False``.
    """

    short_message: bytes
    data_coding: int
    esm_class: int

    @property
    def sm_length(self) -> int:
        """The ``sm_length`` field: octets of ``short_message``."""
        return len(self.short_message)


class EncodedSegment(NamedTuple):
    """One segment of a message as it goes on the wire.

    A named tuple (cheap to build: :func:`encode_message` makes one per segment).

    Attributes:
        text: the characters the segment carries (``""`` for 8-bit data).
        start: index of the first character in the message (of the first octet, for
            :func:`encode_data`).
        end: index after the last character (after the last octet).
        header: the user data header, or ``None`` (a single segment in the default
            alphabet has none).
        user_data: TP-UD: the header octets, then for packed GSM-7 the fill bits and
            packed septets (23.038 6.1.2.1), for unpacked GSM-7 one septet per octet,
            for UCS-2 the UTF-16BE code units, for 8-bit data the octets.
        udl: TP-UDL (23.040 9.2.3.16): septets, header and fill bits included, for
            packed GSM-7; octets of ``user_data`` otherwise.
        dcs: the data coding scheme: 0x00 GSM-7, 0x08 UCS-2, 0x04 8-bit data.
        packed: whether GSM-7 septets are packed (always ``True`` for UCS-2 and 8-bit).
        locking_shift: the national locking shift table, or ``None``.
        single_shift: the national single shift table, or ``None``.
    """

    text: str
    start: int
    end: int
    header: UserDataHeader | None
    user_data: bytes
    udl: int
    dcs: int
    packed: bool = True
    locking_shift: NationalLanguage | None = None
    single_shift: NationalLanguage | None = None

    @property
    def udhi(self) -> bool:
        """TP-UDHI: whether ``user_data`` starts with a header (23.040 9.2.3.23)."""
        return self.header is not None

    @property
    def fill_bits(self) -> int:
        """Zero bits between the header and the first septet (packed GSM-7 only)."""
        if self.header is None or self.dcs != DCS_GSM7 or not self.packed:
            return 0
        return self.header.fill_bits

    @property
    def submit_sm(self) -> SubmitSm:
        """``short_message``, ``data_coding`` and ``esm_class`` for SMPP ``submit_sm``.

        ``esm_class`` has the UDHI bit 0x40 set when there is a header (SMPP 3.4
        5.2.12); ``data_coding`` is the DCS (0x00 "SMSC default alphabet", 0x08 UCS2,
        0x04 8-bit binary).
        """
        return SubmitSm(self.user_data, self.dcs, ESM_CLASS_UDHI if self.udhi else 0)


def _check_reference(reference: object, reference_bits: int) -> None:
    """``reference`` fits the route's reference size (``reference_bits`` is checked)."""
    check_int("reference", reference, 0, (1 << reference_bits) - 1)


def encode_message(
    text: str,
    *,
    reference: int = 0,
    route: Route | None = None,
    reference_bits: int | None = None,
    encoding: Encoding | None = None,
    boundary: Boundary | None = None,
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    max_segments: int = 255,
    packed: bool = True,
) -> tuple[EncodedSegment, ...]:
    """Split ``text`` as :func:`~smsparts.split` does and encode every segment.

    Clauses: 23.040 9.2.3.24 (header, fill bits: the text starts on a septet
    boundary), 9.2.3.24.1 / 9.2.3.24.8 (concatenation), 9.2.3.24.15 / .16 (every
    segment that uses a national table carries its own shift element(s)); 23.038
    6.1.2.1 (packing) and clause 4 (DCS 0x00 / 0x08).  For 8-bit data (DCS 0x04) use
    :func:`encode_data`.

    Args:
        text: the message.
        reference: the concatenation reference number, the same in every part
            (0..255, or 0..65535 with ``reference_bits=16``).
        route: a :class:`~smsparts.Route`, or give its options as the keywords
            below (``None``: not given); both is a ``TypeError``.
        reference_bits: 8 (IEI 0x00, the default) or 16 (IEI 0x08).
        encoding, boundary, languages, single_shift, locking_shift, max_segments: as
            for :func:`~smsparts.split`.
        packed: pack GSM-7 septets (for a TPDU; the default).  ``False`` gives one
            septet per octet and no fill bits, as SMPP routes with ``data_coding`` 0
            usually want; ``udl`` then counts octets.

    Returns:
        One :class:`EncodedSegment` per segment, in order.

    Raises:
        TypeError: an option of the wrong type.
        InvalidOption: ``reference`` out of range or a bad option value.
        UnencodableCharacter, InvalidCharacter, MessageTooLong: as for
            :func:`~smsparts.split`.

    >>> [s.header.to_bytes().hex() for s in encode_message("1" * 161, reference=0x17)]
    ['050003170201', '050003170202']
    """
    route = Route.from_options(
        route,
        encoding=encoding,
        boundary=boundary,
        languages=languages,
        single_shift=single_shift,
        locking_shift=locking_shift,
        reference_bits=reference_bits,
    )
    reference_bits = route.reference_bits
    _check_reference(reference, reference_bits)
    check_bool("packed", packed)
    check_int("max_segments", max_segments, 1, MAX_SEGMENTS)
    segments = split(text, route=route, max_segments=max_segments)
    total = len(segments)
    encoded = []
    for sequence, seg in enumerate(segments, 1):
        elements: list[InformationElement] = []
        if total > 1:
            elements.append(
                InformationElement.concatenation(
                    reference=reference,
                    total=total,
                    sequence=sequence,
                    reference_bits=reference_bits,
                )
            )
        gsm7 = seg.encoding is Encoding.GSM7
        if gsm7 and seg.single_shift is not None:
            elements.append(InformationElement.national_single_shift(seg.single_shift))
        if gsm7 and seg.locking_shift is not None:
            elements.append(InformationElement.national_locking_shift(seg.locking_shift))
        header = UserDataHeader(tuple(elements)) if elements else None
        head = header.to_bytes() if header is not None else b""
        if gsm7:
            septets = encode(
                seg.text, tables(seg.locking_shift or 0, seg.single_shift or 0), "strict"
            )
            if packed:
                fill = header.fill_bits if header is not None else 0
                header_septets = header.header_septets if header is not None else 0
                user_data = head + pack_septets(septets, fill_bits=fill)
                udl = header_septets + len(septets)
            else:
                user_data = head + septets
                udl = len(user_data)
            dcs = DCS_GSM7
        else:
            user_data = head + seg.text.encode("utf-16-be")
            udl = len(user_data)
            dcs = DCS_UCS2
        encoded.append(
            EncodedSegment(
                text=seg.text,
                start=seg.start,
                end=seg.end,
                header=header,
                user_data=user_data,
                udl=udl,
                dcs=dcs,
                packed=packed or not gsm7,
                locking_shift=seg.locking_shift if gsm7 else None,
                single_shift=seg.single_shift if gsm7 else None,
            )
        )
    return tuple(encoded)


def _data_header(
    port: InformationElement | None, concat: InformationElement | None
) -> UserDataHeader | None:
    # Concatenation first, as encode_message() orders its elements.
    elements = tuple(e for e in (concat, port) if e is not None)
    return UserDataHeader(elements) if elements else None


def encode_data(
    data: Octets,
    *,
    reference: int = 0,
    route: Route | None = None,
    reference_bits: int | None = None,
    destination_port: int | None = None,
    originator_port: int = 0,
    port_bits: int = 16,
    max_segments: int = 255,
    dcs: int = DCS_8BIT,
) -> tuple[EncodedSegment, ...]:
    """Split 8-bit data into segments and encode each: header, octets, DCS 0x04.

    Clauses: 23.038 clause 4 (DCS 0x04: general data coding, 8 bit data); 23.040
    9.2.3.16 (TP-UDL counts octets), 9.2.3.24 (140 octets of TP-UD, header included),
    9.2.3.24.1 / .8 (concatenation), 9.2.3.24.3 / .4 (application port addressing:
    every part carries the port element, so that each is routed to the application).

    A part holds ``140 - header octets``: 140 without a header, 134 with an 8-bit
    concatenation element, 128 with it and 16-bit ports.  Octets are cut anywhere:
    8-bit data has no characters to keep whole.

    Args:
        data: the octets to send.
        reference: the concatenation reference number (0..255, or 0..65535 with
            ``reference_bits=16``), used when the data needs several parts.
        route: a :class:`~smsparts.Route` whose ``reference_bits`` is used (its other
            options concern characters, which 8-bit data has none of); or give
            ``reference_bits`` (``None``: not given); both is a ``TypeError``.
        reference_bits: 8 (IEI 0x00, the default) or 16 (IEI 0x08).
        destination_port: the application port to address (IEI 0x05 with
            ``port_bits=16``, 0x04 with 8); ``None`` sends no port element.
        originator_port: the originator port, with ``destination_port``.
        port_bits: 16 (the default: WAP push is port 2948) or 8.
        max_segments: the most parts allowed (1..255).
        dcs: the TP-DCS octet; any octet whose alphabet is 8-bit data (0x04, 0xF4,
            0xF5 for class 1, ...).

    Returns:
        One :class:`EncodedSegment` per part: ``text`` is ``""``, ``start`` and
        ``end`` index ``data``, ``udl`` counts the octets of ``user_data``.

    Raises:
        TypeError: ``data`` is not bytes-like, or an option of the wrong type.
        InvalidOption: an option out of range, or a ``dcs`` that is not 8-bit data.
        MessageTooLong: more than ``max_segments`` parts would be needed.

    >>> seg, = encode_data(b"\\x01\\x02", destination_port=2948, originator_port=9200)
    >>> seg.user_data.hex(), seg.udl, seg.dcs
    ('0605040b8423f00102', 9, 4)
    """
    data = as_octets("data", data)
    reference_bits = Route.from_options(route, reference_bits=reference_bits).reference_bits
    _check_reference(reference, reference_bits)
    check_int("max_segments", max_segments, 1, MAX_SEGMENTS)
    check_int("dcs", dcs, 0, 255)
    if (dcs >> 4 < 0b1000 and dcs & 0x20) or dcs_alphabet(dcs) is not Alphabet.EIGHT_BIT:
        raise InvalidOption("dcs", dcs, "an 8-bit data coding scheme (0x04, 0xF4, ...)")
    port = None
    if destination_port is not None:
        port = InformationElement.application_port(
            destination=destination_port, originator=originator_port, port_bits=port_bits
        )
    else:
        check_int("originator_port", originator_port, 0, 65535)
    single = _data_header(port, None)
    if len(data) <= MAX_USER_DATA_OCTETS - (single.octets if single else 0):
        return (
            EncodedSegment(
                text="",
                start=0,
                end=len(data),
                header=single,
                user_data=(single.to_bytes() if single else b"") + data,
                udl=(single.octets if single else 0) + len(data),
                dcs=dcs,
            ),
        )
    # Every part has the same header size: the concatenation element does not depend
    # on the sequence number's value.
    probe = _data_header(
        port,
        InformationElement.concatenation(
            reference=reference, total=1, sequence=1, reference_bits=reference_bits
        ),
    )
    assert probe is not None
    capacity = MAX_USER_DATA_OCTETS - probe.octets
    total = -(-len(data) // capacity)
    if total > max_segments:
        raise MessageTooLong(total, max_segments)
    parts = []
    for sequence in range(1, total + 1):
        start = (sequence - 1) * capacity
        end = min(start + capacity, len(data))
        header = _data_header(
            port,
            InformationElement.concatenation(
                reference=reference,
                total=total,
                sequence=sequence,
                reference_bits=reference_bits,
            ),
        )
        assert header is not None
        user_data = header.to_bytes() + data[start:end]
        parts.append(
            EncodedSegment(
                text="",
                start=start,
                end=end,
                header=header,
                user_data=user_data,
                udl=len(user_data),
                dcs=dcs,
            )
        )
    return tuple(parts)
