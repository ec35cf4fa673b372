"""Wire bytes of a message: per-segment user data, SMPP fields, SMS-SUBMIT TPDUs, and back.

* :func:`encode_message` turns a text into :class:`EncodedSegment` values: the user
  data header, TP-UD (GSM-7 packed after fill bits, or one septet per octet for SMPP
  routes that want it; UCS-2 as UTF-16BE), TP-UDL and the data coding scheme
  (3GPP TS 23.040 9.2.3.16, 9.2.3.24; TS 23.038 clause 4 and 6.1.2.1).
* :attr:`EncodedSegment.submit_sm` gives what an SMPP ``submit_sm`` needs
  (``short_message``, ``data_coding``, ``esm_class``; SMPP 3.4 5.2.12, 5.2.19).
* :func:`build_submit` makes the SMS-SUBMIT TPDU a modem sends with ``AT+CMGS`` in
  PDU mode (23.040 9.2.2.2, TS 27.005 3.5.1), and :class:`SmsSubmit` /
  :class:`SmsDeliver` are those TPDUs field by field.
* :func:`parse_tpdu` reads an SMS-SUBMIT or SMS-DELIVER back (with or without the
  service centre address a modem puts first), :func:`decode_user_data` reads a TP-UD,
  and :func:`reassemble` joins the parts of a concatenated message
  (23.040 9.2.3.24.1), reporting missing parts instead of guessing.

Decoding arbitrary bytes raises only :class:`~smsparts.errors.PduDecodeError`, whose
``field`` (``"tp_udl"``, ``"udh.ie[1].length"``) and ``offset`` say where.

>>> seg = encode_message("hellohello")[0]
>>> seg.user_data.hex().upper(), seg.udl, seg.dcs
('E8329BFD4697D9EC37', 10, 0)
>>> parse_tpdu(bytes.fromhex("0001000B917228001011F100000CC8329BFD065DDF72363904")).text
'Hello World!'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple

from .address import Address
from .charset import Encoding, NationalLanguage, charset
from .codec import decode_gsm7, encode_gsm7
from .errors import PduDecodeError
from .segment import Boundary, LanguageSpec, split
from .septets import pack_septets, unpack_septets
from .udh import IEI_CONCAT_8BIT, IEI_CONCAT_16BIT, InformationElement, UserDataHeader

__all__ = [
    "DCS_8BIT",
    "DCS_GSM7",
    "DCS_UCS2",
    "ESM_CLASS_UDHI",
    "Alphabet",
    "EncodedSegment",
    "ParsedTpdu",
    "Reassembly",
    "SmsDeliver",
    "SmsSubmit",
    "SubmitPdu",
    "SubmitSm",
    "UserData",
    "build_submit",
    "dcs_alphabet",
    "decode_user_data",
    "encode_message",
    "parse_tpdu",
    "reassemble",
    "relative_validity",
    "relative_validity_period",
]

DCS_GSM7: Final = 0x00  # 23.038 4: general data coding, GSM 7 bit default alphabet
DCS_8BIT: Final = 0x04  # 23.038 4: general data coding, 8 bit data
DCS_UCS2: Final = 0x08  # 23.038 4: general data coding, UCS2 (16 bit)
ESM_CLASS_UDHI: Final = 0x40  # SMPP 3.4 5.2.12: "UDHI Indicator (only relevant for MT)"

MAX_USER_DATA_OCTETS: Final = 140  # 23.040 9.2.3.24
MAX_GSM7_UDL: Final = 160  # 140 octets of 7-bit characters (23.040 9.2.3.16)

MTI_DELIVER: Final = 0b00  # 23.040 9.2.3.1, SC -> MS
MTI_SUBMIT: Final = 0b01  # 23.040 9.2.3.1, MS -> SC

# TP-VPF (23.040 9.2.3.3): bits 4..3 of the first octet of an SMS-SUBMIT.
VPF_NONE: Final = 0b00
VPF_ENHANCED: Final = 0b01
VPF_RELATIVE: Final = 0b10
VPF_ABSOLUTE: Final = 0b11
_VP_OCTETS: Final = {VPF_NONE: 0, VPF_ENHANCED: 7, VPF_RELATIVE: 1, VPF_ABSOLUTE: 7}


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
        PduDecodeError: compressed text (bit 5 of groups 00xx/01xx), which is not
            supported, or a value that is not an octet (``field="tp_dcs"``).

    >>> [dcs_alphabet(dcs).value for dcs in (0x08, 0xF4, 0x11, 0x0C, 0x80)]
    ['ucs2', '8bit', 'gsm7', 'gsm7', 'gsm7']
    """
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


def _message_class(dcs: int) -> int | None:
    """Bits 1..0 of TP-DCS when they are a message class (23.038 clause 4), else None."""
    group = dcs >> 4
    if (group < 0b1000 and dcs & 0x10) or group == 0b1111:
        return dcs & 0b11
    return None


def _ud_octets(alphabet: Alphabet, udl: int) -> int:
    """Octets of TP-UD for a TP-UDL (23.040 9.2.3.16: septets for GSM-7)."""
    return (7 * udl + 7) // 8 if alphabet is Alphabet.GSM7 else udl


# ---------------------------------------------------------------------------
# message -> segments


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
        text: the characters the segment carries.
        start: index of the first character in the message.
        end: index after the last character.
        header: the user data header, or ``None`` (a single segment in the default
            alphabet has none).
        user_data: TP-UD: the header octets, then for packed GSM-7 the fill bits and
            packed septets (23.038 6.1.2.1), for unpacked GSM-7 one septet per octet,
            for UCS-2 the UTF-16BE code units.
        udl: TP-UDL (23.040 9.2.3.16): septets, header and fill bits included, for
            packed GSM-7; octets of ``user_data`` otherwise.
        dcs: the data coding scheme: 0x00 GSM-7, 0x08 UCS-2.
        packed: whether GSM-7 septets are packed (always ``True`` for UCS-2).
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
        5.2.12); ``data_coding`` is the DCS (0x00 "SMSC default alphabet", 0x08 UCS2).
        """
        return SubmitSm(self.user_data, self.dcs, ESM_CLASS_UDHI if self.udhi else 0)


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in {low}..{high}, got {value}")
    return value


def encode_message(
    text: str,
    *,
    reference: int = 0,
    reference_bits: int = 8,
    encoding: Encoding | None = None,
    boundary: Boundary = "grapheme",
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
    6.1.2.1 (packing) and clause 4 (DCS 0x00 / 0x08).

    Args:
        text: the message.
        reference: the concatenation reference number, the same in every part
            (0..255, or 0..65535 with ``reference_bits=16``).
        reference_bits: 8 (IEI 0x00) or 16 (IEI 0x08).
        encoding, boundary, languages, single_shift, locking_shift, max_segments: as
            for :func:`~smsparts.split`.
        packed: pack GSM-7 septets (for a TPDU; the default).  ``False`` gives one
            septet per octet and no fill bits, as SMPP routes with ``data_coding`` 0
            usually want; ``udl`` then counts octets.

    Returns:
        One :class:`EncodedSegment` per segment, in order.

    Raises:
        ValueError: ``reference`` out of range or a bad option.
        UnencodableCharacter, InvalidCharacter, MessageTooLong: as for
            :func:`~smsparts.split`.

    >>> [s.header.to_bytes().hex() for s in encode_message("1" * 161, reference=0x17)]
    ['050003170201', '050003170202']
    """
    if reference_bits not in (8, 16) or isinstance(reference_bits, bool):
        raise ValueError(f"reference_bits must be 8 or 16, got {reference_bits!r}")
    _check_int("reference", reference, 0, (1 << reference_bits) - 1)
    segments = split(
        text,
        encoding=encoding,
        boundary=boundary,
        languages=languages,
        single_shift=single_shift,
        locking_shift=locking_shift,
        reference_bits=reference_bits,
        max_segments=max_segments,
    )
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
            septets = encode_gsm7(
                seg.text, locking=seg.locking_shift or 0, single=seg.single_shift or 0
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


# ---------------------------------------------------------------------------
# validity period


def relative_validity_period(period: dt.timedelta) -> int:
    """The relative TP-VP octet for a validity period (23.040 9.2.3.12.1).

    The octet means ``(VP + 1) x 5`` minutes up to 143, ``12 h + (VP - 143) x 30``
    minutes up to 167, ``(VP - 166)`` days up to 196 and ``(VP - 192)`` weeks up to
    255.  The smallest octet whose period is at least ``period`` is chosen, so a
    message never expires earlier than asked.

    Raises:
        ValueError: ``period`` is not positive or exceeds 63 weeks (VP 255).

    >>> relative_validity_period(dt.timedelta(days=1))
    167
    """
    if not isinstance(period, dt.timedelta):
        raise TypeError(f"validity must be a timedelta, got {type(period).__name__}")
    minutes = -(-period // dt.timedelta(minutes=1))  # rounded up
    if minutes <= 0:
        raise ValueError(f"validity must be positive, got {period}")
    if minutes <= 12 * 60:
        return -(-minutes // 5) - 1
    if minutes <= 24 * 60:
        return 143 + -(-(minutes - 12 * 60) // 30)
    days = -(-minutes // (24 * 60))
    if days <= 30:
        return 166 + days
    weeks = -(-days // 7)
    if weeks > 63:
        raise ValueError(f"validity {period} exceeds 63 weeks, the longest relative period")
    return 192 + max(weeks, 5)


def relative_validity(octet: int) -> dt.timedelta:
    """The period a relative TP-VP octet means (23.040 9.2.3.12.1).

    >>> relative_validity(0xAA), relative_validity(0xA7)
    (datetime.timedelta(days=4), datetime.timedelta(days=1))
    """
    _check_int("TP-VP", octet, 0, 255)
    if octet <= 143:
        return dt.timedelta(minutes=5 * (octet + 1))
    if octet <= 167:
        return dt.timedelta(hours=12, minutes=30 * (octet - 143))
    if octet <= 196:
        return dt.timedelta(days=octet - 166)
    return dt.timedelta(weeks=octet - 192)


# ---------------------------------------------------------------------------
# TPDUs


def _check_user_data(dcs: int, udl: int, user_data: bytes) -> None:
    """Raise ValueError when TP-UDL and TP-UD disagree for the DCS."""
    try:
        alphabet = dcs_alphabet(dcs)
    except PduDecodeError as exc:
        raise ValueError(f"dcs: {exc.reason}") from None
    limit = MAX_GSM7_UDL if alphabet is Alphabet.GSM7 else MAX_USER_DATA_OCTETS
    _check_int("udl", udl, 0, limit)
    if len(user_data) != _ud_octets(alphabet, udl):
        raise ValueError(
            f"user_data is {len(user_data)} octets; udl {udl} ({alphabet.value}) "
            f"needs {_ud_octets(alphabet, udl)}"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsSubmit:
    """An SMS-SUBMIT TPDU, field by field (23.040 9.2.2.2).

    Attributes:
        destination: TP-DA.
        user_data: TP-UD, header included.
        udl: TP-UDL (septets for GSM-7, octets otherwise).
        dcs: TP-DCS.
        udhi: TP-UDHI: ``user_data`` starts with a header.
        message_reference: TP-MR, 0..255.
        protocol_id: TP-PID (0: plain short message).
        validity_period_format: TP-VPF: 0 none, 2 relative, 1 enhanced, 3 absolute.
        validity_period: TP-VP octets: none, 1 (relative) or 7.
        status_report_request: TP-SRR.
        reject_duplicates: TP-RD.
        reply_path: TP-RP.
    """

    destination: Address
    user_data: bytes
    udl: int
    dcs: int = DCS_GSM7
    udhi: bool = False
    message_reference: int = 0
    protocol_id: int = 0
    validity_period_format: int = VPF_NONE
    validity_period: bytes = b""
    status_report_request: bool = False
    reject_duplicates: bool = False
    reply_path: bool = False

    def __post_init__(self) -> None:
        _check_int("message_reference", self.message_reference, 0, 255)
        _check_int("protocol_id", self.protocol_id, 0, 255)
        _check_int("dcs", self.dcs, 0, 255)
        _check_int("validity_period_format", self.validity_period_format, 0, 3)
        if len(self.validity_period) != _VP_OCTETS[self.validity_period_format]:
            raise ValueError(
                f"validity_period is {len(self.validity_period)} octets; TP-VPF "
                f"{self.validity_period_format:02b} needs "
                f"{_VP_OCTETS[self.validity_period_format]}"
            )
        _check_user_data(self.dcs, self.udl, self.user_data)

    @property
    def first_octet(self) -> int:
        """TP-MTI, TP-RD, TP-VPF, TP-SRR, TP-UDHI and TP-RP (23.040 9.2.2.2)."""
        return (
            MTI_SUBMIT
            | self.reject_duplicates << 2
            | self.validity_period_format << 3
            | self.status_report_request << 5
            | self.udhi << 6
            | self.reply_path << 7
        )

    @property
    def relative_validity(self) -> dt.timedelta | None:
        """The validity period when TP-VPF is relative, else ``None``."""
        if self.validity_period_format != VPF_RELATIVE:
            return None
        return relative_validity(self.validity_period[0])

    @property
    def absolute_validity(self) -> dt.datetime | None:
        """The expiry time when TP-VPF is absolute (23.040 9.2.3.12.2), else ``None``.

        TP-VP then has the TP-SCTS format; ``None`` too if its digits are not a date.
        """
        if self.validity_period_format != VPF_ABSOLUTE:
            return None
        return _scts_datetime(self.validity_period)

    @property
    def message_class(self) -> int | None:
        """The message class 0..3 of TP-DCS, or ``None`` (23.038 clause 4)."""
        return _message_class(self.dcs)

    def to_bytes(self) -> bytes:
        """The TPDU octets (without a service centre address)."""
        return (
            bytes((self.first_octet, self.message_reference))
            + self.destination.to_bytes()
            + bytes((self.protocol_id, self.dcs))
            + self.validity_period
            + bytes((self.udl,))
            + self.user_data
        )


def _bcd(octet: int) -> int | None:
    """A swapped semi-octet pair as a number (23.040 9.2.3.11), or None."""
    low, high = octet & 0x0F, octet >> 4
    return None if low > 9 or high > 9 else 10 * low + high


def _scts_datetime(raw: bytes) -> dt.datetime | None:
    """7 octets in the TP-SCTS format as an aware datetime, or None (23.040 9.2.3.11).

    Semi-octets, low nibble first; the time zone is in quarters of an hour, bit 3 of
    the seventh octet being the sign.  Two-digit years 69..99 are 1969..1999 and
    00..68 are 2000..2068 (POSIX ``%y``).
    """
    parts = [_bcd(octet) for octet in raw[:6]]
    tz = _bcd(raw[6] & 0xF7)
    if tz is None or any(p is None for p in parts):
        return None
    year, month, day, hour, minute, second = (p or 0 for p in parts)
    quarters = -tz if raw[6] & 0x08 else tz
    try:
        zone = dt.timezone(dt.timedelta(minutes=15 * quarters))
        century = 1900 if year >= 69 else 2000
        return dt.datetime(century + year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsDeliver:
    """An SMS-DELIVER TPDU, field by field (23.040 9.2.2.1).

    Attributes:
        originator: TP-OA.
        user_data: TP-UD, header included.
        udl: TP-UDL.
        dcs: TP-DCS.
        udhi: TP-UDHI.
        protocol_id: TP-PID.
        service_centre_time_stamp: TP-SCTS, the 7 octets as sent (see
            :attr:`timestamp`).
        more_messages_to_send: ``True`` when TP-MMS is 0 ("more messages are waiting").
        loop_prevention: TP-LP.
        status_report_indication: TP-SRI.
        reply_path: TP-RP.
    """

    originator: Address
    user_data: bytes
    udl: int
    dcs: int = DCS_GSM7
    udhi: bool = False
    protocol_id: int = 0
    service_centre_time_stamp: bytes = bytes(7)
    more_messages_to_send: bool = False
    loop_prevention: bool = False
    status_report_indication: bool = False
    reply_path: bool = False

    def __post_init__(self) -> None:
        _check_int("protocol_id", self.protocol_id, 0, 255)
        _check_int("dcs", self.dcs, 0, 255)
        if len(self.service_centre_time_stamp) != 7:
            raise ValueError(
                f"service_centre_time_stamp is {len(self.service_centre_time_stamp)} "
                "octets; TP-SCTS has 7"
            )
        _check_user_data(self.dcs, self.udl, self.user_data)

    @property
    def first_octet(self) -> int:
        """TP-MTI, TP-MMS, TP-LP, TP-SRI, TP-UDHI and TP-RP (23.040 9.2.2.1)."""
        return (
            MTI_DELIVER
            | (not self.more_messages_to_send) << 2
            | self.loop_prevention << 3
            | self.status_report_indication << 5
            | self.udhi << 6
            | self.reply_path << 7
        )

    @property
    def timestamp(self) -> dt.datetime | None:
        """TP-SCTS as an aware datetime, or ``None`` if its digits are not a date.

        Clause 23.040 9.2.3.11: semi-octets, low nibble first; the time zone is in
        quarters of an hour, bit 3 of the seventh octet being the sign.  Two-digit
        years 69..99 are 1969..1999 and 00..68 are 2000..2068 (POSIX ``%y``).
        """
        return _scts_datetime(self.service_centre_time_stamp)

    @property
    def message_class(self) -> int | None:
        """The message class 0..3 of TP-DCS, or ``None`` (23.038 clause 4)."""
        return _message_class(self.dcs)

    def to_bytes(self) -> bytes:
        """The TPDU octets (without a service centre address)."""
        return (
            bytes((self.first_octet,))
            + self.originator.to_bytes()
            + bytes((self.protocol_id, self.dcs))
            + self.service_centre_time_stamp
            + bytes((self.udl,))
            + self.user_data
        )


class SubmitPdu(NamedTuple):
    """What ``AT+CMGS`` in PDU mode takes (TS 27.005 3.5.1).

    Attributes:
        pdu: the service centre address field (``00``: the modem's default) followed
            by the SMS-SUBMIT TPDU.
        cmgs_length: the ``<length>`` argument: octets of the TPDU, the service centre
            address excluded.
    """

    pdu: bytes
    cmgs_length: int

    @property
    def tpdu(self) -> bytes:
        """The TPDU alone."""
        return self.pdu[len(self.pdu) - self.cmgs_length :]

    def hex(self) -> str:
        """The PDU in upper-case hex, as typed after ``AT+CMGS=<length>``."""
        return self.pdu.hex().upper()


def build_submit(
    segment: EncodedSegment,
    destination: str | Address,
    *,
    smsc: str | Address | None = None,
    message_reference: int = 0,
    protocol_id: int = 0,
    validity: dt.timedelta | int | None = None,
    status_report: bool = False,
    reject_duplicates: bool = False,
) -> SubmitPdu:
    """The SMS-SUBMIT PDU of one segment, for ``AT+CMGS`` in PDU mode.

    Clauses: 23.040 9.2.2.2 (SMS-SUBMIT), 9.1.2.5 (address), 9.2.3.12.1 (relative
    validity period); TS 27.005 3.5.1 (``<length>`` excludes the SMSC address).

    Args:
        segment: a segment from :func:`encode_message` (GSM-7 must be packed).
        destination: the number (``"+"`` first: international, TOA 0x91; otherwise
            TOA 0x81), or an :class:`~smsparts.address.Address`.
        smsc: the service centre number; ``None`` writes ``00`` (the modem's own).
        message_reference: TP-MR, 0..255 (most modems replace it).
        protocol_id: TP-PID.
        validity: a relative validity period (rounded up to the next TP-VP step),
            or a raw TP-VP octet; ``None`` sends no validity period.
        status_report: TP-SRR: ask for a status report.
        reject_duplicates: TP-RD.

    Raises:
        ValueError: a field out of range, a bad number, or unpacked GSM-7.

    >>> seg = encode_message("hellohello")[0]
    >>> build_submit(seg, "+46708251358", validity=0xAA).hex()
    '0011000B916407281553F80000AA0AE8329BFD4697D9EC37'
    """
    if not segment.packed:
        raise ValueError("segment: a TPDU carries packed GSM-7; encode with packed=True")
    if isinstance(destination, str):
        destination = Address.from_number(destination)
    vpf, vp = VPF_NONE, b""
    if isinstance(validity, dt.timedelta):
        vpf, vp = VPF_RELATIVE, bytes((relative_validity_period(validity),))
    elif validity is not None:
        vpf, vp = VPF_RELATIVE, bytes((_check_int("validity", validity, 0, 255),))
    tpdu = SmsSubmit(
        destination=destination,
        user_data=segment.user_data,
        udl=segment.udl,
        dcs=segment.dcs,
        udhi=segment.udhi,
        message_reference=message_reference,
        protocol_id=protocol_id,
        validity_period_format=vpf,
        validity_period=vp,
        status_report_request=status_report,
        reject_duplicates=reject_duplicates,
    ).to_bytes()
    if smsc is None:
        prefix = b"\x00"
    else:
        if isinstance(smsc, str):
            smsc = Address.from_number(smsc)
        prefix = smsc.to_smsc_bytes()
    return SubmitPdu(prefix + tpdu, len(tpdu))


# ---------------------------------------------------------------------------
# decoding


@dataclass(frozen=True, slots=True, kw_only=True)
class UserData:
    """A decoded TP-UD: its header and its text.

    Attributes:
        header: the user data header, or ``None``.
        alphabet: from the DCS.
        payload: what follows the header: septets one per octet (GSM-7), octets
            (8-bit) or UTF-16BE (UCS-2).
        text: the decoded text; ``None`` for 8-bit data.  UCS-2 text keeps a lone
            surrogate half as is (a sender that split a surrogate pair between two
            parts); :func:`reassemble` joins the halves.
        fill_bits: the fill bits read between the header and the septets.
    """

    header: UserDataHeader | None
    alphabet: Alphabet
    payload: bytes
    text: str | None
    fill_bits: int = 0


def _shifted(err: PduDecodeError, base: int) -> PduDecodeError:
    return PduDecodeError(err.reason, field=err.field, offset=err.offset + base)


def _table(language: NationalLanguage | None, kind: str) -> int:
    """A language id with a table of that kind, else 0 (23.040 9.2.3.24: ignore)."""
    if language is None:
        return 0
    try:
        if kind == "locking":
            charset(int(language), 0)
        else:
            charset(0, int(language))
    except ValueError:
        return 0  # Spanish has no locking shift table: the element is not supported
    return int(language)


def _decode_ud(
    data: bytes,
    base: int,
    *,
    udl: int,
    alphabet: Alphabet,
    udhi: bool,
    errors: str,
    packed: bool = True,
) -> UserData:
    """Decode TP-UD ``data`` (exactly the octets TP-UDL implies) found at ``base``."""
    header: UserDataHeader | None = None
    head = 0
    if udhi:
        try:
            header, head = UserDataHeader.parse(data)
        except PduDecodeError as exc:
            raise _shifted(exc, base) from None
    if alphabet is not Alphabet.GSM7:
        payload = bytes(data[head:])
        if alphabet is Alphabet.EIGHT_BIT:
            return UserData(header=header, alphabet=alphabet, payload=payload, text=None)
        if len(payload) % 2:
            raise PduDecodeError(
                f"{len(payload)} octets of UCS-2 after the header: not whole code units",
                field="tp_udl",
                offset=base - 1,
            )
        text = payload.decode("utf-16-be", "surrogatepass")
        return UserData(header=header, alphabet=alphabet, payload=payload, text=text)
    if packed:
        header_septets = (8 * head + 6) // 7
        fill = 7 * header_septets - 8 * head
        count = udl - header_septets
        if count < 0:
            raise PduDecodeError(
                f"TP-UDL {udl} septets is less than the {header_septets} the header takes",
                field="tp_udl",
                offset=base - 1,
            )
        septets = unpack_septets(data[head:], count=count, fill_bits=fill)
    else:
        fill = 0  # one septet per octet: nothing to align
        septets = bytes(data[head:])
    locking = _table(header.locking_shift, "locking") if header else 0
    single = _table(header.single_shift, "single") if header else 0
    try:
        text = decode_gsm7(septets, locking=locking, single=single, errors=errors)
    except UnicodeDecodeError as exc:
        raise PduDecodeError(
            f"septet 0x{septets[exc.start]:02X} at septet {exc.start}: {exc.reason} "
            f"(locking table {locking}, single shift table {single})",
            field="tp_ud.text",
            offset=base + head + ((fill + 7 * exc.start) // 8 if packed else exc.start),
        ) from None
    return UserData(header=header, alphabet=alphabet, payload=septets, text=text, fill_bits=fill)


def decode_user_data(
    user_data: bytes,
    *,
    udl: int,
    dcs: int = DCS_GSM7,
    udhi: bool = False,
    errors: str = "strict",
    packed: bool = True,
) -> UserData:
    """Decode a TP-UD given its TP-UDL, DCS and TP-UDHI.

    The header's national language shift elements select the GSM-7 tables
    (23.040 9.2.3.24.15 / .16; an unsupported language is ignored, 9.2.3.24).

    Args:
        user_data: TP-UD, or an SMPP ``short_message``.
        udl: TP-UDL: septets (packed GSM-7, header and fill bits included) or
            octets (unpacked GSM-7, 8-bit, UCS-2; an SMPP ``sm_length``).
        dcs: TP-DCS (or SMPP ``data_coding``).
        udhi: whether ``user_data`` starts with a header (SMPP: ``esm_class & 0x40``).
        errors: how undefined septets decode (``"strict"`` raises, ``"replace"``
            gives U+FFFD), as for :func:`smsparts.codec.decode_gsm7`.
        packed: ``False`` for GSM-7 with one septet per octet, as SMPP routes send it;
            ``udl`` then counts octets, up to 255.

    Raises:
        PduDecodeError: the DCS, the length, the header or a septet is bad; offsets
            count from ``user_data[0]``.

    >>> decode_user_data(bytes.fromhex("D4F29C0E"), udl=4).text
    'Test'
    """
    alphabet = dcs_alphabet(dcs)
    unpacked = not packed and alphabet is Alphabet.GSM7
    if unpacked:
        if not 0 <= udl <= 255:
            raise PduDecodeError(
                f"length {udl} is not an octet count 0..255", field="tp_udl", offset=0
            )
        needed = udl
    else:
        _check_udl(alphabet, udl, 0)
        needed = _ud_octets(alphabet, udl)
    if len(user_data) != needed:
        raise PduDecodeError(
            f"TP-UDL {udl} needs {needed} octets of user data, {len(user_data)} given",
            field="tp_ud",
            offset=min(needed, len(user_data)),
        )
    return _decode_ud(
        bytes(user_data),
        0,
        udl=udl,
        alphabet=alphabet,
        udhi=udhi,
        errors=errors,
        packed=not unpacked,
    )


def _check_udl(alphabet: Alphabet, udl: int, offset: int) -> None:
    limit = MAX_GSM7_UDL if alphabet is Alphabet.GSM7 else MAX_USER_DATA_OCTETS
    if not 0 <= udl <= limit:
        unit = "septets" if alphabet is Alphabet.GSM7 else "octets"
        raise PduDecodeError(
            f"TP-UDL {udl} exceeds {limit} {unit} (23.040 9.2.3.16)",
            field="tp_udl",
            offset=offset,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedTpdu:
    """A parsed SMS-SUBMIT or SMS-DELIVER: the service centre, the TPDU, its user data.

    Attributes:
        smsc: the service centre address read first, or ``None`` (absent or ``00``).
        message: the TPDU fields.
        user_data: the decoded TP-UD.
    """

    smsc: Address | None
    message: SmsSubmit | SmsDeliver
    user_data: UserData

    @property
    def header(self) -> UserDataHeader | None:
        """The user data header, if any."""
        return self.user_data.header

    @property
    def text(self) -> str | None:
        """The decoded text (``None`` for 8-bit data)."""
        return self.user_data.text

    @property
    def address(self) -> Address:
        """TP-DA of a SUBMIT or TP-OA of a DELIVER."""
        if isinstance(self.message, SmsSubmit):
            return self.message.destination
        return self.message.originator


class _Reader:
    """Reads octets in order; running out is a PduDecodeError naming the field."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes, pos: int) -> None:
        self.data = data
        self.pos = pos

    def octet(self, field: str) -> int:
        if self.pos >= len(self.data):
            raise PduDecodeError("the data ends before this field", field=field, offset=self.pos)
        self.pos += 1
        return self.data[self.pos - 1]

    def take(self, size: int, field: str) -> bytes:
        if self.pos + size > len(self.data):
            raise PduDecodeError(
                f"needs {size} octets, {len(self.data) - self.pos} left",
                field=field,
                offset=self.pos,
            )
        self.pos += size
        return self.data[self.pos - size : self.pos]

    def address(self, field: str) -> Address:
        address, size = Address.parse(self.data, offset=self.pos, field=field)
        self.pos += size
        return address


def parse_tpdu(data: bytes, *, smsc: bool = True, errors: str = "strict") -> ParsedTpdu:
    """Parse an SMS-SUBMIT or SMS-DELIVER TPDU and decode its user data.

    Clauses: 23.040 9.2.2.1 (SMS-DELIVER), 9.2.2.2 (SMS-SUBMIT), 9.2.3.1 (TP-MTI:
    00 is read as SMS-DELIVER, 01 as SMS-SUBMIT); 24.011 8.2.5.1 (service centre
    address first, as modems give it).

    Args:
        data: the PDU octets.
        smsc: whether ``data`` starts with the service centre address field (as
            ``AT+CMGR`` / ``AT+CMGS`` PDUs do); ``False`` for a bare TPDU.
        errors: passed to the GSM-7 decoder (``"strict"`` or ``"replace"``).

    Returns:
        A :class:`ParsedTpdu`.

    Raises:
        PduDecodeError: anything that does not parse, with the field path and the
            octet offset; octets after TP-UD are an error too.

    >>> raw = "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E"
    >>> pdu = parse_tpdu(bytes.fromhex(raw))
    >>> pdu.address.value, pdu.text, str(pdu.message.timestamp)
    ('+16505551111', 'Test', '2006-06-06 15:03:03-07:00')
    """
    data = bytes(data)
    centre: Address | None = None
    pos = 0
    if smsc:
        centre, pos = Address.parse_smsc(data)
    reader = _Reader(data, pos)
    first = reader.octet("tp_mti")
    mti = first & 0b11
    message: SmsSubmit | SmsDeliver
    if mti == MTI_SUBMIT:
        mr = reader.octet("tp_mr")
        destination = reader.address("tp_da")
        pid = reader.octet("tp_pid")
        dcs_at = reader.pos
        dcs = reader.octet("tp_dcs")
        vpf = (first >> 3) & 0b11
        vp = reader.take(_VP_OCTETS[vpf], "tp_vp")
        alphabet = dcs_alphabet(dcs, offset=dcs_at)
        udl_at = reader.pos
        udl = reader.octet("tp_udl")
        _check_udl(alphabet, udl, udl_at)
        ud = reader.take(_ud_octets(alphabet, udl), "tp_ud")
        message = SmsSubmit(
            destination=destination,
            user_data=ud,
            udl=udl,
            dcs=dcs,
            udhi=bool(first & 0x40),
            message_reference=mr,
            protocol_id=pid,
            validity_period_format=vpf,
            validity_period=vp,
            status_report_request=bool(first & 0x20),
            reject_duplicates=bool(first & 0x04),
            reply_path=bool(first & 0x80),
        )
    elif mti == MTI_DELIVER:
        originator = reader.address("tp_oa")
        pid = reader.octet("tp_pid")
        dcs_at = reader.pos
        dcs = reader.octet("tp_dcs")
        scts = reader.take(7, "tp_scts")
        alphabet = dcs_alphabet(dcs, offset=dcs_at)
        udl_at = reader.pos
        udl = reader.octet("tp_udl")
        _check_udl(alphabet, udl, udl_at)
        ud = reader.take(_ud_octets(alphabet, udl), "tp_ud")
        message = SmsDeliver(
            originator=originator,
            user_data=ud,
            udl=udl,
            dcs=dcs,
            udhi=bool(first & 0x40),
            protocol_id=pid,
            service_centre_time_stamp=scts,
            more_messages_to_send=not first & 0x04,
            loop_prevention=bool(first & 0x08),
            status_report_indication=bool(first & 0x20),
            reply_path=bool(first & 0x80),
        )
    else:
        kind = "SMS-STATUS-REPORT or SMS-COMMAND" if mti == 0b10 else "reserved"
        raise PduDecodeError(
            f"TP-MTI {mti:02b} ({kind}) is not SMS-SUBMIT or SMS-DELIVER",
            field="tp_mti",
            offset=pos,
        )
    if reader.pos != len(data):
        raise PduDecodeError(
            f"{len(data) - reader.pos} octets after TP-UD (TP-UDL {udl})",
            field="tp_ud",
            offset=reader.pos,
        )
    user_data = _decode_ud(
        ud, udl_at + 1, udl=udl, alphabet=alphabet, udhi=message.udhi, errors=errors
    )
    return ParsedTpdu(smsc=centre, message=message, user_data=user_data)


# ---------------------------------------------------------------------------
# reassembly


@dataclass(frozen=True, slots=True, kw_only=True)
class Reassembly:
    """The parts of one concatenated message, joined when complete.

    Attributes:
        text: the whole text, or ``None`` when parts are missing or a part is 8-bit
            data (join :attr:`parts` payloads then).
        reference: the concatenation reference, or ``None`` for a lone part
            without a concatenation element.
        total: the number of parts the message has.
        parts: the parts received, by sequence number, duplicates dropped.
        missing: sequence numbers not received, ascending.
        duplicates: sequence numbers received more than once (identical copies).
    """

    text: str | None
    reference: int | None
    total: int
    parts: tuple[UserData, ...]
    missing: tuple[int, ...] = ()
    duplicates: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every part is there."""
        return not self.missing


def _concat_offset(header: UserDataHeader, item: int) -> int:
    """Octet offset in TP-UD of item ``item`` (-2 total, -1 sequence, 0 reference)."""
    pos = 1
    found = pos
    for element in header.elements:
        if element.iei in (IEI_CONCAT_8BIT, IEI_CONCAT_16BIT):
            found = pos
        pos += element.octets
    size = 3 if header.concatenation and header.concatenation.reference_bits == 8 else 4
    return found + 2 + (item % size)


def reassemble(parts: Iterable[UserData | ParsedTpdu]) -> Reassembly:
    """Join the parts of one concatenated message (23.040 9.2.3.24.1).

    Parts may come in any order; identical duplicates are dropped and listed; missing
    sequence numbers are listed and the text is then ``None`` (nothing is guessed).
    UCS-2 surrogate halves split between parts are joined.

    Args:
        parts: decoded parts (:class:`UserData` or :class:`ParsedTpdu`) of one message.

    Returns:
        A :class:`Reassembly`.

    Raises:
        PduDecodeError: no parts; parsed TPDUs with different addresses (TP-OA or
            TP-DA; ``offset`` 0); parts with different references, reference sizes or
            totals; two different parts with the same sequence number; several parts
            without a concatenation element (``field`` names the part, as
            ``"parts[2].udh.concatenation.total"``, ``offset`` is in its TP-UD).
    """
    given = list(parts)
    items = [p.user_data if isinstance(p, ParsedTpdu) else p for p in given]
    if not items:
        raise PduDecodeError("no parts to reassemble", field="parts", offset=0)
    # The reference is chosen per sender (or per destination), so parts with another
    # TP-OA / TP-DA belong to another message even when the reference matches.
    sender: Address | None = None
    for index, part in enumerate(given):
        if not isinstance(part, ParsedTpdu):
            continue
        if sender is None:
            sender = part.address
        elif part.address != sender:
            name = "tp_da" if isinstance(part.message, SmsSubmit) else "tp_oa"
            raise PduDecodeError(
                f"address {part.address.value} differs from the first part's {sender.value}",
                field=f"parts[{index}].{name}",
                offset=0,
            )
    first = items[0].header.concatenation if items[0].header else None
    if first is None:
        if len(items) > 1:
            raise PduDecodeError(
                "part has no concatenation element, but several parts were given",
                field="parts[0].udh",
                offset=0,
            )
        only = items[0]
        return Reassembly(text=only.text, reference=None, total=1, parts=(only,))
    by_sequence: dict[int, UserData] = {}
    duplicates: list[int] = []
    for index, part in enumerate(items):
        header = part.header
        concat = header.concatenation if header else None
        path = f"parts[{index}].udh"
        if header is None or concat is None:
            raise PduDecodeError("part has no concatenation element", field=path, offset=0)
        if (concat.reference, concat.reference_bits) != (first.reference, first.reference_bits):
            raise PduDecodeError(
                f"reference {concat.reference} ({concat.reference_bits}-bit) differs from "
                f"parts[0]'s {first.reference} ({first.reference_bits}-bit)",
                field=f"{path}.concatenation.reference",
                offset=_concat_offset(header, 0),
            )
        if concat.total != first.total:
            raise PduDecodeError(
                f"total {concat.total} differs from parts[0]'s {first.total}",
                field=f"{path}.concatenation.total",
                offset=_concat_offset(header, -2),
            )
        seen = by_sequence.get(concat.sequence)
        if seen is None:
            by_sequence[concat.sequence] = part
        elif seen == part:
            duplicates.append(concat.sequence)
        else:
            raise PduDecodeError(
                f"two different parts have sequence number {concat.sequence}",
                field=f"{path}.concatenation.sequence",
                offset=_concat_offset(header, -1),
            )
    ordered = tuple(by_sequence[s] for s in sorted(by_sequence))
    missing = tuple(s for s in range(1, first.total + 1) if s not in by_sequence)
    text: str | None = None
    texts = [p.text for p in ordered]
    if not missing and all(t is not None for t in texts):
        text = "".join(t for t in texts if t is not None)
        if any(p.alphabet is Alphabet.UCS2 for p in ordered):
            # Re-pair surrogate halves that a sender split between two parts.
            text = text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    return Reassembly(
        text=text,
        reference=first.reference,
        total=first.total,
        parts=ordered,
        missing=missing,
        duplicates=tuple(sorted(set(duplicates))),
    )
