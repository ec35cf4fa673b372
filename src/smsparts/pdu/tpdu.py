"""SMS-SUBMIT, SMS-DELIVER and SMS-STATUS-REPORT TPDUs, field by field, and their parsers.

Clauses: 23.040 9.2.2.1 (SMS-DELIVER), 9.2.2.2 (SMS-SUBMIT), 9.2.2.3
(SMS-STATUS-REPORT), 9.2.3.1 (TP-MTI); 24.011 8.2.5.1 (the service centre address a
modem puts first).

* :func:`parse_tpdu` reads an SMS-SUBMIT or SMS-DELIVER into a :class:`ParsedTpdu`;
* :func:`parse_status_report` reads an SMS-STATUS-REPORT into a
  :class:`ParsedStatusReport`;
* :func:`parse_pdu` reads any of the three, as a modem or gateway receives them.

Both results say what they are (:attr:`ParsedTpdu.kind`, a :class:`TpduType`).

>>> raw = bytes.fromhex("0006D60B911326880736F4111011719551401110117195714000")
>>> report = parse_pdu(raw)
>>> report.kind.value, report.address.value, report.status.meaning
('SMS-STATUS-REPORT', '+31628870634', 'short message received by the SME')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from .._octets import OctetReader, as_octets
from .._options import check_bool, check_int, check_type
from ..address import Address
from ..charset import MAX_USER_DATA_OCTETS
from ..errors import InvalidOption, PduDecodeError
from ..septets import Octets
from ..udh import UserDataHeader
from .dcs import DCS_GSM7, Alphabet, dcs_alphabet, message_class
from .status import TpStatus
from .user_data import MAX_GSM7_UDL, UserData, check_errors, check_udl, decode_at, ud_octets
from .validity import (
    VP_OCTETS,
    VPF_ABSOLUTE,
    VPF_NONE,
    VPF_RELATIVE,
    relative_validity,
    scts_datetime,
)

__all__ = [
    "MTI_DELIVER",
    "MTI_STATUS_REPORT",
    "MTI_SUBMIT",
    "ParsedStatusReport",
    "ParsedTpdu",
    "SmsDeliver",
    "SmsStatusReport",
    "SmsSubmit",
    "TpduType",
    "parse_pdu",
    "parse_status_report",
    "parse_tpdu",
]

MTI_DELIVER: Final = 0b00  # 23.040 9.2.3.1, SC -> MS
MTI_SUBMIT: Final = 0b01  # 23.040 9.2.3.1, MS -> SC
MTI_STATUS_REPORT: Final = 0b10  # 23.040 9.2.3.1, SC -> MS (MS -> SC: SMS-COMMAND)

# TP-PI (23.040 9.2.3.27): which optional fields follow TP-ST in a status report.
PI_PID: Final = 0x01
PI_DCS: Final = 0x02
PI_UDL: Final = 0x04
PI_EXTENSION: Final = 0x80  # "another TP-PI octet follows immediately afterwards"


class TpduType(StrEnum):
    """Which TPDU a parsed PDU is (23.040 9.2.3.1, TP-MTI)."""

    DELIVER = "SMS-DELIVER"
    SUBMIT = "SMS-SUBMIT"
    STATUS_REPORT = "SMS-STATUS-REPORT"


def _check_octet(option: str, value: object) -> None:
    # The common case first: parsers build these objects from octets already read.
    if type(value) is not int or not 0 <= value <= 0xFF:
        check_int(option, value, 0, 255)


def _check_flags(message: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(message, name)
        if type(value) is not bool:
            check_bool(name, value)


def _check_user_data(dcs: int, udl: int, user_data: bytes) -> None:
    """An ``InvalidOption`` when TP-UDL and TP-UD disagree for the DCS."""
    check_type("user_data", user_data, bytes, "bytes")
    try:
        alphabet = dcs_alphabet(dcs)
    except PduDecodeError as exc:
        raise InvalidOption("dcs", dcs, f"a supported data coding scheme ({exc.reason})") from None
    limit = MAX_GSM7_UDL if alphabet is Alphabet.GSM7 else MAX_USER_DATA_OCTETS
    if type(udl) is not int or not 0 <= udl <= limit:
        check_int("udl", udl, 0, limit)
    if len(user_data) != ud_octets(alphabet, udl):
        raise InvalidOption(
            "user_data",
            f"<{len(user_data)} octets>",
            f"{ud_octets(alphabet, udl)} octets for udl {udl} ({alphabet.value})",
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

    Raises:
        TypeError: a field of the wrong type.
        InvalidOption: a field out of range, or TP-UDL and TP-UD that disagree.
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
        check_type("destination", self.destination, Address, "an Address")
        _check_octet("message_reference", self.message_reference)
        _check_octet("protocol_id", self.protocol_id)
        _check_octet("dcs", self.dcs)
        if (
            self.validity_period_format not in VP_OCTETS
            or type(self.validity_period_format) is bool
        ):
            check_int("validity_period_format", self.validity_period_format, 0, 3)
        check_type("validity_period", self.validity_period, bytes, "bytes")
        _check_flags(self, ("udhi", "status_report_request", "reject_duplicates", "reply_path"))
        needed = VP_OCTETS[self.validity_period_format]
        if len(self.validity_period) != needed:
            raise InvalidOption(
                "validity_period",
                self.validity_period,
                f"{needed} octets for TP-VPF {self.validity_period_format:02b}",
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
        return scts_datetime(self.validity_period)

    @property
    def message_class(self) -> int | None:
        """The message class 0..3 of TP-DCS, or ``None`` (23.038 clause 4)."""
        return message_class(self.dcs)

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

    Raises:
        TypeError: a field of the wrong type.
        InvalidOption: a field out of range, or TP-UDL and TP-UD that disagree.
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
        check_type("originator", self.originator, Address, "an Address")
        _check_octet("protocol_id", self.protocol_id)
        _check_octet("dcs", self.dcs)
        _check_flags(
            self,
            (
                "udhi",
                "more_messages_to_send",
                "loop_prevention",
                "status_report_indication",
                "reply_path",
            ),
        )
        _check_time_stamp("service_centre_time_stamp", self.service_centre_time_stamp)
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
        return scts_datetime(self.service_centre_time_stamp)

    @property
    def message_class(self) -> int | None:
        """The message class 0..3 of TP-DCS, or ``None`` (23.038 clause 4)."""
        return message_class(self.dcs)

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


def _check_time_stamp(option: str, value: object) -> None:
    check_type(option, value, bytes, "bytes")
    assert isinstance(value, bytes)
    if len(value) != 7:
        raise InvalidOption(option, value, "7 octets (the TP-SCTS format, 23.040 9.2.3.11)")


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsStatusReport:
    """An SMS-STATUS-REPORT TPDU, field by field (23.040 9.2.2.3).

    What a service centre sends back when an SMS-SUBMIT asked for a report (TP-SRR):
    the recipient, when the SC received the message, when it was delivered or given
    up (the discharge time), and the status.

    Attributes:
        message_reference: TP-MR of the SMS-SUBMIT (or SMS-COMMAND) reported on.
        recipient: TP-RA, the recipient address of that message.
        service_centre_time_stamp: TP-SCTS, when the SC received the message, the 7
            octets as sent (see :attr:`timestamp`).
        discharge_time: TP-DT, 7 octets in the TP-SCTS format: when the message was
            delivered, or when the SC last tried or gave up (see :attr:`discharge`).
        status: TP-ST, the octet as sent (see :attr:`tp_status`).
        more_messages_to_send: ``True`` when TP-MMS is 0 ("more messages are waiting").
        loop_prevention: TP-LP.
        status_report_qualifier: TP-SRQ: ``False`` for the report of an SMS-SUBMIT,
            ``True`` for one of an SMS-COMMAND.
        udhi: TP-UDHI.
        parameter_indicator: TP-PI, every octet of it (extension octets included), or
            ``b""`` when absent (the TPDU ends after TP-ST).
        protocol_id: TP-PID, or ``None`` when TP-PI says it is absent.
        dcs: TP-DCS, or ``None`` (absent: the default alphabet is read, 9.2.3.27).
        udl: TP-UDL, or ``None`` (absent: there is no TP-UD either).
        user_data: TP-UD, ``b""`` when absent.

    Raises:
        TypeError: a field of the wrong type.
        InvalidOption: a field out of range; TP-PI bits 0..2 that disagree with the
            fields present; TP-UDL and TP-UD that disagree.
    """

    message_reference: int
    recipient: Address
    service_centre_time_stamp: bytes
    discharge_time: bytes
    status: int
    more_messages_to_send: bool = False
    loop_prevention: bool = False
    status_report_qualifier: bool = False
    udhi: bool = False
    parameter_indicator: bytes = b""
    protocol_id: int | None = None
    dcs: int | None = None
    udl: int | None = None
    user_data: bytes = b""

    def __post_init__(self) -> None:
        _check_octet("message_reference", self.message_reference)
        check_type("recipient", self.recipient, Address, "an Address")
        _check_time_stamp("service_centre_time_stamp", self.service_centre_time_stamp)
        _check_time_stamp("discharge_time", self.discharge_time)
        _check_octet("status", self.status)
        _check_flags(
            self, ("more_messages_to_send", "loop_prevention", "status_report_qualifier", "udhi")
        )
        check_type("parameter_indicator", self.parameter_indicator, bytes, "bytes")
        pi = self.parameter_indicator
        for i, octet in enumerate(pi):
            if bool(octet & PI_EXTENSION) != (i < len(pi) - 1):
                raise InvalidOption(
                    "parameter_indicator", pi, "octets with bit 7 set on all but the last"
                )
        present = (
            (self.protocol_id is not None) * PI_PID
            | (self.dcs is not None) * PI_DCS
            | (self.udl is not None) * PI_UDL
        )
        if (pi[0] & 0x07 if pi else 0) != present:
            raise InvalidOption(
                "parameter_indicator",
                pi,
                f"bits 0..2 = {present:03b}, as protocol_id, dcs and udl are given",
            )
        if self.protocol_id is not None:
            _check_octet("protocol_id", self.protocol_id)
        if self.dcs is not None:
            _check_octet("dcs", self.dcs)
        if self.udl is None:
            check_type("user_data", self.user_data, bytes, "bytes")
            if self.user_data:
                raise InvalidOption("user_data", self.user_data, "b'' when udl is None")
        else:
            _check_user_data(DCS_GSM7 if self.dcs is None else self.dcs, self.udl, self.user_data)

    @property
    def first_octet(self) -> int:
        """TP-MTI, TP-MMS, TP-LP, TP-SRQ and TP-UDHI (23.040 9.2.2.3)."""
        return (
            MTI_STATUS_REPORT
            | (not self.more_messages_to_send) << 2
            | self.loop_prevention << 3
            | self.status_report_qualifier << 5
            | self.udhi << 6
        )

    @property
    def tp_status(self) -> TpStatus:
        """TP-ST with its category and meaning (23.040 9.2.3.15)."""
        return TpStatus.from_octet(self.status)

    @property
    def timestamp(self) -> dt.datetime | None:
        """TP-SCTS as an aware datetime, or ``None`` if its digits are not a date."""
        return scts_datetime(self.service_centre_time_stamp)

    @property
    def discharge(self) -> dt.datetime | None:
        """TP-DT as an aware datetime, or ``None`` if its digits are not a date."""
        return scts_datetime(self.discharge_time)

    @property
    def message_class(self) -> int | None:
        """The message class of TP-DCS, or ``None`` (absent, or no class)."""
        return None if self.dcs is None else message_class(self.dcs)

    def to_bytes(self) -> bytes:
        """The TPDU octets (without a service centre address)."""
        out = (
            bytes((self.first_octet, self.message_reference))
            + self.recipient.to_bytes()
            + self.service_centre_time_stamp
            + self.discharge_time
            + bytes((self.status,))
            + self.parameter_indicator
        )
        for value in (self.protocol_id, self.dcs, self.udl):
            if value is not None:
                out += bytes((value,))
        return out + self.user_data


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
    def kind(self) -> TpduType:
        """:attr:`TpduType.SUBMIT` or :attr:`TpduType.DELIVER`."""
        return TpduType.SUBMIT if isinstance(self.message, SmsSubmit) else TpduType.DELIVER

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


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedStatusReport:
    """A parsed SMS-STATUS-REPORT: the service centre, the TPDU, its user data if any.

    Attributes:
        smsc: the service centre address read first, or ``None`` (absent or ``00``).
        message: the TPDU fields (:attr:`SmsStatusReport.tp_status` says what
            happened to the message).
        user_data: the decoded TP-UD, or ``None`` when the report carries none.
    """

    smsc: Address | None
    message: SmsStatusReport
    user_data: UserData | None = None

    @property
    def kind(self) -> TpduType:
        """Always :attr:`TpduType.STATUS_REPORT`."""
        return TpduType.STATUS_REPORT

    @property
    def header(self) -> UserDataHeader | None:
        """The user data header, if any."""
        return None if self.user_data is None else self.user_data.header

    @property
    def text(self) -> str | None:
        """The decoded text of TP-UD, if any (``None`` when absent or 8-bit data)."""
        return None if self.user_data is None else self.user_data.text

    @property
    def address(self) -> Address:
        """TP-RA: the recipient of the message reported on."""
        return self.message.recipient

    @property
    def status(self) -> TpStatus:
        """TP-ST with its category and meaning."""
        return self.message.tp_status


# ---------------------------------------------------------------------------
# parsing


def _start(data: object, smsc: object, errors: object) -> tuple[bytes, Address | None, int]:
    """Checked input, the service centre address, and where the TPDU starts."""
    raw = as_octets("data", data)
    check_bool("smsc", smsc)
    check_errors(errors)
    if not smsc:
        return raw, None, 0
    centre, pos = Address.parse_smsc(raw)
    return raw, centre, pos


def _read_user_data(reader: OctetReader, alphabet: Alphabet) -> tuple[int, int, bytes]:
    """TP-UDL and TP-UD, the common end of every TPDU: (offset of TP-UDL, TP-UDL, TP-UD)."""
    udl_at = reader.pos
    udl = reader.octet("tp_udl")
    check_udl(alphabet, udl, udl_at)
    return udl_at, udl, reader.take(ud_octets(alphabet, udl), "tp_ud")


def _check_end(reader: OctetReader, after: str) -> None:
    if reader.pos != len(reader.data):
        raise PduDecodeError(
            f"{len(reader.data) - reader.pos} octets after {after}",
            field="tp_ud",
            offset=reader.pos,
        )


def parse_tpdu(data: Octets, *, smsc: bool = True, errors: str = "strict") -> ParsedTpdu:
    """Parse an SMS-SUBMIT or SMS-DELIVER TPDU and decode its user data.

    Clauses: 23.040 9.2.2.1 (SMS-DELIVER), 9.2.2.2 (SMS-SUBMIT), 9.2.3.1 (TP-MTI:
    00 is read as SMS-DELIVER, 01 as SMS-SUBMIT); 24.011 8.2.5.1 (service centre
    address first, as modems give it).  A status report (TP-MTI 10) is refused
    here: :func:`parse_status_report` reads it, :func:`parse_pdu` reads all three.

    Args:
        data: the PDU octets (``bytes``, ``bytearray`` or ``memoryview``).
        smsc: whether ``data`` starts with the service centre address field (as
            ``AT+CMGR`` / ``AT+CMGS`` PDUs do); ``False`` for a bare TPDU.
        errors: passed to the GSM-7 decoder (``"strict"`` or ``"replace"``).

    Returns:
        A :class:`ParsedTpdu`.

    Raises:
        TypeError: ``data`` is not bytes-like, or an option of the wrong type.
        InvalidOption: ``errors`` names no decoding error handler.
        PduDecodeError: anything that does not parse, with the field path and the
            octet offset (``0 <= offset <= len(data)``); octets after TP-UD are an
            error too.

    >>> raw = "07914151551512F2040B916105551511F100006060605130308A04D4F29C0E"
    >>> pdu = parse_tpdu(bytes.fromhex(raw))
    >>> pdu.address.value, pdu.text, str(pdu.message.timestamp)
    ('+16505551111', 'Test', '2006-06-06 15:03:03-07:00')
    """
    raw, centre, pos = _start(data, smsc, errors)
    reader = OctetReader(raw, pos)
    first = reader.octet("tp_mti")
    mti = first & 0b11
    if mti == MTI_SUBMIT:
        mr = reader.octet("tp_mr")
        address = _read_address(reader, "tp_da")
        vpf = (first >> 3) & 0b11
        middle = (VP_OCTETS[vpf], "tp_vp")
    elif mti == MTI_DELIVER:
        mr = 0
        address = _read_address(reader, "tp_oa")
        vpf = VPF_NONE
        middle = (7, "tp_scts")
    else:
        kind = "SMS-STATUS-REPORT or SMS-COMMAND" if mti == 0b10 else "reserved"
        hint = " (parse_status_report() reads a status report)" if mti == 0b10 else ""
        raise PduDecodeError(
            f"TP-MTI {mti:02b} ({kind}) is not SMS-SUBMIT or SMS-DELIVER{hint}",
            field="tp_mti",
            offset=pos,
        )
    # The common tail of SMS-SUBMIT and SMS-DELIVER: TP-PID, TP-DCS, then TP-VP or
    # TP-SCTS, then TP-UDL and TP-UD.
    pid = reader.octet("tp_pid")
    dcs_at = reader.pos
    dcs = reader.octet("tp_dcs")
    between = reader.take(*middle)
    alphabet = dcs_alphabet(dcs, offset=dcs_at)
    udl_at, udl, ud = _read_user_data(reader, alphabet)
    _check_end(reader, f"TP-UD (TP-UDL {udl})")
    udhi = bool(first & 0x40)
    message: SmsSubmit | SmsDeliver
    if mti == MTI_SUBMIT:
        message = SmsSubmit(
            destination=address,
            user_data=ud,
            udl=udl,
            dcs=dcs,
            udhi=udhi,
            message_reference=mr,
            protocol_id=pid,
            validity_period_format=vpf,
            validity_period=between,
            status_report_request=bool(first & 0x20),
            reject_duplicates=bool(first & 0x04),
            reply_path=bool(first & 0x80),
        )
    else:
        message = SmsDeliver(
            originator=address,
            user_data=ud,
            udl=udl,
            dcs=dcs,
            udhi=udhi,
            protocol_id=pid,
            service_centre_time_stamp=between,
            more_messages_to_send=not first & 0x04,
            loop_prevention=bool(first & 0x08),
            status_report_indication=bool(first & 0x20),
            reply_path=bool(first & 0x80),
        )
    user_data = decode_at(
        ud,
        udl_at + 1,
        udl=udl,
        udl_offset=udl_at,
        alphabet=alphabet,
        udhi=udhi,
        errors=errors,
    )
    return ParsedTpdu(smsc=centre, message=message, user_data=user_data)


def _read_address(reader: OctetReader, field: str) -> Address:
    """Read a TP-DA / TP-OA / TP-RA at the reader's position and move past it."""
    address, size = Address.parse(reader.data, offset=reader.pos, field=field)
    reader.pos += size
    return address


def parse_status_report(
    data: Octets, *, smsc: bool = True, errors: str = "strict"
) -> ParsedStatusReport:
    """Parse an SMS-STATUS-REPORT TPDU (23.040 9.2.2.3) and decode its user data, if any.

    The mandatory fields are TP-MTI (10), TP-MMS, TP-LP, TP-SRQ and TP-UDHI in the first
    octet, TP-MR, TP-RA, TP-SCTS, TP-DT and TP-ST.  The TPDU may end there; otherwise
    TP-PI (9.2.3.27, with its extension octets) says which of TP-PID, TP-DCS and
    TP-UDL follow, and TP-UD follows TP-UDL.  An absent TP-DCS reads TP-UD in the
    default alphabet.

    Args:
        data: the PDU octets, as ``+CDS`` or ``AT+CMGR`` give them.
        smsc: whether ``data`` starts with the service centre address field.
        errors: passed to the GSM-7 decoder for TP-UD.

    Returns:
        A :class:`ParsedStatusReport`; its ``message.tp_status`` says what happened.

    Raises:
        TypeError: ``data`` is not bytes-like, or an option of the wrong type.
        InvalidOption: ``errors`` names no decoding error handler.
        PduDecodeError: TP-MTI is not 10, or anything that does not parse, with the
            field path (``"tp_ra.value"``, ``"tp_dt"``, ``"tp_st"``, ``"tp_pi"``) and
            the octet offset (``0 <= offset <= len(data)``).

    >>> raw = bytes.fromhex("0006D60B911326880736F4111011719551401110117195714000")
    >>> report = parse_status_report(raw).message
    >>> report.message_reference, report.tp_status.delivered, str(report.discharge)
    (214, True, '2011-01-11 17:59:17+01:00')
    """
    raw, centre, pos = _start(data, smsc, errors)
    reader = OctetReader(raw, pos)
    first = reader.octet("tp_mti")
    if first & 0b11 != MTI_STATUS_REPORT:
        raise PduDecodeError(
            f"TP-MTI {first & 0b11:02b} is not SMS-STATUS-REPORT (10)",
            field="tp_mti",
            offset=pos,
        )
    mr = reader.octet("tp_mr")
    recipient = _read_address(reader, "tp_ra")
    scts = reader.take(7, "tp_scts")
    discharge = reader.take(7, "tp_dt")
    status = reader.octet("tp_st")
    udhi = bool(first & 0x40)
    pi = b""
    pid = dcs = udl = None
    ud = b""
    user_data: UserData | None = None
    if reader.remaining:
        pi_at = reader.pos
        octets = [reader.octet("tp_pi")]
        while octets[-1] & PI_EXTENSION:
            octets.append(reader.octet(f"tp_pi[{len(octets)}]"))
        pi = bytes(octets)
        if pi[0] & PI_PID:
            pid = reader.octet("tp_pid")
        alphabet = Alphabet.GSM7
        if pi[0] & PI_DCS:
            dcs_at = reader.pos
            dcs = reader.octet("tp_dcs")
            alphabet = dcs_alphabet(dcs, offset=dcs_at)
        if pi[0] & PI_UDL:
            udl_at, udl, ud = _read_user_data(reader, alphabet)
            user_data = decode_at(
                ud,
                udl_at + 1,
                udl=udl,
                udl_offset=udl_at,
                alphabet=alphabet,
                udhi=udhi,
                errors=errors,
            )
        _check_end(reader, f"the status report (TP-PI 0x{pi[0]:02X} at octet {pi_at})")
    report = SmsStatusReport(
        message_reference=mr,
        recipient=recipient,
        service_centre_time_stamp=scts,
        discharge_time=discharge,
        status=status,
        more_messages_to_send=not first & 0x04,
        loop_prevention=bool(first & 0x08),
        status_report_qualifier=bool(first & 0x20),
        udhi=udhi,
        parameter_indicator=pi,
        protocol_id=pid,
        dcs=dcs,
        udl=udl,
        user_data=ud,
    )
    return ParsedStatusReport(smsc=centre, message=report, user_data=user_data)


def parse_pdu(
    data: Octets, *, smsc: bool = True, errors: str = "strict"
) -> ParsedTpdu | ParsedStatusReport:
    """Parse any TPDU a modem or gateway receives: SMS-DELIVER, SMS-SUBMIT, SMS-STATUS-REPORT.

    TP-MTI (23.040 9.2.3.1) chooses: 00 :func:`parse_tpdu` (SMS-DELIVER), 01
    :func:`parse_tpdu` (SMS-SUBMIT), 10 :func:`parse_status_report` (in the direction
    SC to MS; SMS-COMMAND, its MS to SC reading, is not parsed).  The result's
    ``kind`` says which it is.

    Raises:
        TypeError, InvalidOption, PduDecodeError: as for :func:`parse_tpdu`; TP-MTI 11
            (reserved) is a ``PduDecodeError`` on ``tp_mti``.

    >>> parse_pdu(bytes.fromhex("0001000B917228001011F100000CC8329BFD065DDF72363904")).kind
    <TpduType.SUBMIT: 'SMS-SUBMIT'>
    """
    raw, _, pos = _start(data, smsc, errors)
    if pos < len(raw) and raw[pos] & 0b11 == MTI_STATUS_REPORT:
        return parse_status_report(raw, smsc=smsc, errors=errors)
    return parse_tpdu(raw, smsc=smsc, errors=errors)
