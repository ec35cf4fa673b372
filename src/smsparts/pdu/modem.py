"""Modem framing: the PDU ``AT+CMGS`` takes in PDU mode (TS 27.005 3.5.1).

>>> from smsparts.pdu import encode_message
>>> seg = encode_message("hellohello")[0]
>>> build_submit(seg, "+46708251358", validity=0xAA).hex()
'0011000B916407281553F80000AA0AE8329BFD4697D9EC37'
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from .._options import check_bool, check_int, check_type
from ..address import Address
from ..errors import InvalidOption
from .segments import EncodedSegment
from .tpdu import SmsSubmit
from .validity import VPF_NONE, VPF_RELATIVE, relative_validity_period

__all__ = ["SubmitPdu", "build_submit"]


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


def _address(option: str, value: object) -> Address:
    if isinstance(value, Address):
        return value
    if isinstance(value, str):
        return Address.from_number(value)
    raise TypeError(f"{option} must be a str or an Address, not {type(value).__name__}")


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
        segment: a segment from :func:`encode_message` or :func:`encode_data`
            (GSM-7 must be packed).
        destination: the number (``"+"`` first: international, TOA 0x91; otherwise
            TOA 0x81), or an :class:`~smsparts.address.Address`.
        smsc: the service centre number; ``None`` writes ``00`` (the modem's own).
        message_reference: TP-MR, 0..255 (most modems replace it).
        protocol_id: TP-PID.
        validity: a relative validity period (rounded up to the next TP-VP step),
            or a raw TP-VP octet; ``None`` sends no validity period.
        status_report: TP-SRR: ask for a status report (read it back with
            :func:`parse_status_report`).
        reject_duplicates: TP-RD.

    Raises:
        TypeError: an argument of the wrong type.
        InvalidOption: a field out of range, a bad number, or unpacked GSM-7.

    >>> from smsparts.pdu import encode_message
    >>> seg = encode_message("hellohello")[0]
    >>> build_submit(seg, "+46708251358", validity=0xAA).hex()
    '0011000B916407281553F80000AA0AE8329BFD4697D9EC37'
    """
    check_type("segment", segment, EncodedSegment, "an EncodedSegment")
    if not segment.packed:
        raise InvalidOption(
            "segment", "<unpacked GSM-7>", "packed GSM-7 in a TPDU; encode with packed=True"
        )
    destination = _address("destination", destination)
    check_bool("status_report", status_report)
    check_bool("reject_duplicates", reject_duplicates)
    vpf, vp = VPF_NONE, b""
    if isinstance(validity, dt.timedelta):
        vpf, vp = VPF_RELATIVE, bytes((relative_validity_period(validity),))
    elif validity is not None:
        if isinstance(validity, bool) or not isinstance(validity, int):
            raise TypeError(
                f"validity must be a timedelta, an int or None, not {type(validity).__name__}"
            )
        vpf, vp = VPF_RELATIVE, bytes((check_int("validity", validity, 0, 255),))
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
    prefix = b"\x00" if smsc is None else _address("smsc", smsc).to_smsc_bytes()
    return SubmitPdu(prefix + tpdu, len(tpdu))
