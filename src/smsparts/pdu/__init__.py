"""Wire bytes of a message: per-segment user data, SMPP fields, TPDUs, and back.

A package, one module per spec concept (docs/architecture.md):

* :mod:`~smsparts.pdu.dcs`: the data coding scheme (23.038 clause 4).
* :mod:`~smsparts.pdu.segments`: :func:`encode_message` turns a text into
  :class:`EncodedSegment` values: the user data header, TP-UD (GSM-7 packed after fill
  bits, or one septet per octet for SMPP routes that want it; UCS-2 as UTF-16BE),
  TP-UDL and the data coding scheme (3GPP TS 23.040 9.2.3.16, 9.2.3.24; TS 23.038
  clause 4 and 6.1.2.1); :func:`encode_data` does the same for 8-bit data (DCS 0x04),
  optionally addressed to an application port (23.040 9.2.3.24.3 / .4).
  :attr:`EncodedSegment.submit_sm` gives what an SMPP ``submit_sm`` needs
  (``short_message``, ``data_coding``, ``esm_class``; SMPP 3.4 5.2.12, 5.2.19).
* :mod:`~smsparts.pdu.user_data`: :func:`decode_user_data` reads a TP-UD.
* :mod:`~smsparts.pdu.validity`: validity periods and time stamps (23.040 9.2.3.11,
  9.2.3.12).
* :mod:`~smsparts.pdu.tpdu`: :class:`SmsSubmit`, :class:`SmsDeliver` and
  :class:`SmsStatusReport` field by field; :func:`parse_tpdu` reads an SMS-SUBMIT or
  SMS-DELIVER back (with or without the service centre address a modem puts first),
  :func:`parse_status_report` an SMS-STATUS-REPORT (23.040 9.2.2.3), and
  :func:`parse_pdu` any of the three.
* :mod:`~smsparts.pdu.status`: TP-ST and its meaning (:class:`TpStatus`, 9.2.3.15).
* :mod:`~smsparts.pdu.modem`: :func:`build_submit` makes the SMS-SUBMIT PDU a modem
  sends with ``AT+CMGS`` in PDU mode (23.040 9.2.2.2, TS 27.005 3.5.1).
* :mod:`~smsparts.pdu.reassembly`: :func:`reassemble` joins the parts of a
  concatenated message (23.040 9.2.3.24.1), reporting missing parts instead of
  guessing.

Decoding arbitrary bytes raises only :class:`~smsparts.errors.PduDecodeError`, whose
``field`` (``"tp_udl"``, ``"udh.ie[1].length"``) and ``offset`` say where; the offset
always lies in ``0..len(data)``, ``len(data)`` meaning the data ends before the field.

>>> seg = encode_message("hellohello")[0]
>>> seg.user_data.hex().upper(), seg.udl, seg.dcs
('E8329BFD4697D9EC37', 10, 0)
>>> parse_tpdu(bytes.fromhex("0001000B917228001011F100000CC8329BFD065DDF72363904")).text
'Hello World!'
"""

from __future__ import annotations

from ..charset import MAX_USER_DATA_OCTETS as MAX_USER_DATA_OCTETS
from .dcs import DCS_8BIT, DCS_GSM7, DCS_UCS2, Alphabet, dcs_alphabet
from .modem import SubmitPdu, build_submit
from .reassembly import Reassembly, reassemble
from .segments import ESM_CLASS_UDHI, EncodedSegment, SubmitSm, encode_data, encode_message
from .status import StatusCategory, TpStatus
from .tpdu import MTI_DELIVER as MTI_DELIVER
from .tpdu import MTI_STATUS_REPORT as MTI_STATUS_REPORT
from .tpdu import MTI_SUBMIT as MTI_SUBMIT
from .tpdu import (
    ParsedStatusReport,
    ParsedTpdu,
    SmsDeliver,
    SmsStatusReport,
    SmsSubmit,
    TpduType,
    parse_pdu,
    parse_status_report,
    parse_tpdu,
)
from .user_data import MAX_GSM7_UDL as MAX_GSM7_UDL
from .user_data import UserData, decode_user_data
from .validity import VPF_ABSOLUTE as VPF_ABSOLUTE
from .validity import VPF_ENHANCED as VPF_ENHANCED
from .validity import VPF_NONE as VPF_NONE
from .validity import VPF_RELATIVE as VPF_RELATIVE
from .validity import relative_validity, relative_validity_period

__all__ = [
    "DCS_8BIT",
    "DCS_GSM7",
    "DCS_UCS2",
    "ESM_CLASS_UDHI",
    "Alphabet",
    "EncodedSegment",
    "ParsedStatusReport",
    "ParsedTpdu",
    "Reassembly",
    "SmsDeliver",
    "SmsStatusReport",
    "SmsSubmit",
    "StatusCategory",
    "SubmitPdu",
    "SubmitSm",
    "TpStatus",
    "TpduType",
    "UserData",
    "build_submit",
    "dcs_alphabet",
    "decode_user_data",
    "encode_data",
    "encode_message",
    "parse_pdu",
    "parse_status_report",
    "parse_tpdu",
    "reassemble",
    "relative_validity",
    "relative_validity_period",
]
