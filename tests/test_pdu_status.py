"""Tests for smsparts.pdu.tpdu and .status: SMS-STATUS-REPORT parsing and TP-ST meanings."""

from __future__ import annotations

from typing import Any

import pytest

from smsparts import PduDecodeError
from smsparts.address import Address
from smsparts.errors import InvalidOption
from smsparts.pdu import (
    Alphabet,
    ParsedStatusReport,
    ParsedTpdu,
    SmsStatusReport,
    StatusCategory,
    TpduType,
    TpStatus,
    parse_pdu,
    parse_status_report,
    parse_tpdu,
)

from .conftest import load_vectors

REPORTS: list[dict[str, Any]] = load_vectors("status_report")["vectors"]
TPDU: list[dict[str, Any]] = load_vectors("tpdu")["vectors"]
SR = bytes.fromhex(REPORTS[0]["pdu_hex"])  # SMSC 00, then the status report TPDU


@pytest.mark.parametrize("vector", REPORTS, ids=[v["id"] for v in REPORTS])
def test_status_report_vector_parses(vector: dict[str, Any]) -> None:
    """Each public status report gives its recipient, reference, time stamps and status."""
    decoded = vector["decoded"]
    parsed = parse_status_report(bytes.fromhex(vector["pdu_hex"]))
    report = parsed.message
    assert (parsed.smsc.value if parsed.smsc else None) == decoded["smsc"]
    assert report.first_octet == decoded["first_octet"]
    assert report.message_reference == decoded["message_reference"]
    assert report.recipient.value == decoded["recipient"]
    assert str(report.timestamp) == decoded["service_centre_time_stamp"]
    assert str(report.discharge) == decoded["discharge_time"]
    assert report.status == decoded["status"]
    assert report.tp_status.delivered == (decoded["status"] == 0x00)
    assert report.tp_status.final  # received, or a permanent error: the SC stops
    assert parsed.user_data is None
    assert parsed.text is None
    assert parsed.header is None
    assert parsed.kind is TpduType.STATUS_REPORT
    assert parsed.address == report.recipient


@pytest.mark.parametrize("vector", REPORTS, ids=[v["id"] for v in REPORTS])
def test_status_report_vector_rebuilds(vector: dict[str, Any]) -> None:
    """The vector's TPDU octets come back from its fields."""
    raw = bytes.fromhex(vector["pdu_hex"])
    parsed = parse_status_report(raw)
    prefix = parsed.smsc.to_smsc_bytes() if parsed.smsc else b"\x00"
    assert prefix + parsed.message.to_bytes() == raw


def test_status_report_not_obtainable() -> None:
    """python-messaging's confirmation: TP-ST 0x43, a permanent error (23.040 9.2.3.15)."""
    vector = next(v for v in REPORTS if v["id"] == "sr-permanent-not-obtainable")
    status = parse_pdu(bytes.fromhex(vector["pdu_hex"]))
    assert isinstance(status, ParsedStatusReport)
    assert status.status.category is StatusCategory.PERMANENT
    assert status.status.meaning == "not obtainable"
    assert not status.status.delivered


def test_status_report_first_octet_flags() -> None:
    """First octet 0x06: TP-MTI 10, TP-MMS 1 (no more messages), TP-SRQ 0, no UDHI."""
    report = parse_status_report(SR).message
    assert not report.more_messages_to_send
    assert not report.status_report_qualifier
    assert not report.loop_prevention
    assert not report.udhi


def test_parse_pdu_dispatches_on_mti() -> None:
    """parse_pdu reads SUBMIT and DELIVER as parse_tpdu does and a status report too."""
    for vector in TPDU:
        raw = bytes.fromhex(vector["pdu_hex"])
        parsed = parse_pdu(raw)
        assert isinstance(parsed, ParsedTpdu)
        assert parsed == parse_tpdu(raw)
        assert parsed.kind.value == vector["decoded"]["type"]
    report = parse_pdu(SR)
    assert isinstance(report, ParsedStatusReport)
    assert report == parse_status_report(SR)


def test_parse_tpdu_still_refuses_a_status_report() -> None:
    """parse_tpdu reads only SUBMIT / DELIVER and points at parse_status_report."""
    with pytest.raises(PduDecodeError, match="parse_status_report") as info:
        parse_tpdu(SR)
    assert (info.value.field, info.value.offset) == ("tp_mti", 1)


def test_parse_status_report_refuses_other_mti() -> None:
    """A DELIVER given to parse_status_report is an error on tp_mti."""
    raw = bytes.fromhex(TPDU[1]["pdu_hex"])
    with pytest.raises(PduDecodeError) as info:
        parse_status_report(raw)
    assert info.value.field == "tp_mti"


TRUNCATED = [
    (1, "tp_mti"),
    (2, "tp_mr"),
    (3, "tp_ra.length"),
    (4, "tp_ra.toa"),
    (5, "tp_ra.value"),
    (10, "tp_ra.value"),
    (11, "tp_scts"),
    (17, "tp_scts"),
    (18, "tp_dt"),
    (24, "tp_dt"),
    (25, "tp_st"),
]


@pytest.mark.parametrize(("length", "field"), TRUNCATED, ids=[f for _, f in TRUNCATED])
def test_truncated_status_report(length: int, field: str) -> None:
    """A status report cut short names the missing field at an offset inside the input."""
    data = SR[:length]
    with pytest.raises(PduDecodeError) as info:
        parse_status_report(data)
    assert info.value.field == field
    assert 0 <= info.value.offset <= len(data)


def _report(**fields: Any) -> SmsStatusReport:
    base: dict[str, Any] = {
        "message_reference": 7,
        "recipient": Address("+4670", 0x91),
        "service_centre_time_stamp": bytes.fromhex("11101171955140"),
        "discharge_time": bytes.fromhex("11101171957140"),
        "status": 0x46,
    }
    return SmsStatusReport(**(base | fields))


def test_optional_parameters_round_trip() -> None:
    """TP-PI with TP-PID, TP-DCS (8-bit) and TP-UDL: the octets parse back to the fields."""
    report = _report(
        parameter_indicator=b"\x07",
        protocol_id=0x00,
        dcs=0x04,
        udl=6,
        user_data=b"report",
    )
    raw = report.to_bytes()
    assert raw[-10:] == bytes.fromhex("07000406") + b"report"
    parsed = parse_status_report(raw, smsc=False)
    assert parsed.message == report
    assert parsed.user_data is not None
    assert parsed.user_data.alphabet is Alphabet.EIGHT_BIT
    assert parsed.user_data.payload == b"report"
    assert parsed.status.meaning == "SM validity period expired"


def test_gsm7_user_data_without_dcs() -> None:
    """Without TP-DCS (TP-PI bit 1 clear) TP-UD is read in the default alphabet."""
    report = _report(parameter_indicator=b"\x04", udl=4, user_data=bytes.fromhex("D4F29C0E"))
    parsed = parse_status_report(report.to_bytes(), smsc=False)
    assert parsed.text == "Test"


def test_parameter_indicator_extension_octets() -> None:
    """TP-PI bit 7 says another TP-PI octet follows (23.040 9.2.3.27)."""
    report = _report(parameter_indicator=b"\x81\x00", protocol_id=0x7F)
    raw = report.to_bytes()
    assert parse_status_report(raw, smsc=False).message == report
    with pytest.raises(PduDecodeError) as info:
        parse_status_report(raw[:-2], smsc=False)  # extension promised, data ends
    assert (info.value.field, info.value.offset) == ("tp_pi[1]", len(raw) - 2)


def test_trailing_octets_after_status_report() -> None:
    """Octets after the last field TP-PI announces are an error naming the offset."""
    raw = _report(parameter_indicator=b"\x00").to_bytes() + b"\x00"
    with pytest.raises(PduDecodeError) as info:
        parse_status_report(raw, smsc=False)
    assert info.value.offset == len(raw) - 1


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"protocol_id": 1}, id="pid-without-pi"),
        pytest.param({"parameter_indicator": b"\x01"}, id="pi-without-pid"),
        pytest.param({"parameter_indicator": b"\x80"}, id="dangling-extension"),
        pytest.param({"user_data": b"x"}, id="ud-without-udl"),
        pytest.param({"parameter_indicator": b"\x04", "udl": 5, "user_data": b""}, id="udl"),
        pytest.param({"status": 256}, id="status"),
        pytest.param({"discharge_time": b"\x00"}, id="dt-length"),
    ],
)
def test_status_report_fields_checked(fields: dict[str, Any]) -> None:
    """Fields that disagree with each other or their range are an InvalidOption."""
    with pytest.raises(InvalidOption):
        _report(**fields)


# 23.040 9.2.3.15, TP-Status: every value the table defines, with its category.
DEFINED = {
    0x00: (StatusCategory.COMPLETED, "short message received by the SME"),
    0x01: (
        StatusCategory.COMPLETED,
        "short message forwarded by the SC to the SME but the SC is unable to confirm delivery",
    ),
    0x02: (StatusCategory.COMPLETED, "short message replaced by the SC"),
    0x20: (StatusCategory.TEMPORARY_RETRYING, "congestion"),
    0x21: (StatusCategory.TEMPORARY_RETRYING, "SME busy"),
    0x22: (StatusCategory.TEMPORARY_RETRYING, "no response from SME"),
    0x23: (StatusCategory.TEMPORARY_RETRYING, "service rejected"),
    0x24: (StatusCategory.TEMPORARY_RETRYING, "quality of service not available"),
    0x25: (StatusCategory.TEMPORARY_RETRYING, "error in SME"),
    0x40: (StatusCategory.PERMANENT, "remote procedure error"),
    0x41: (StatusCategory.PERMANENT, "incompatible destination"),
    0x42: (StatusCategory.PERMANENT, "connection rejected by SME"),
    0x43: (StatusCategory.PERMANENT, "not obtainable"),
    0x44: (StatusCategory.PERMANENT, "quality of service not available"),
    0x45: (StatusCategory.PERMANENT, "no interworking available"),
    0x46: (StatusCategory.PERMANENT, "SM validity period expired"),
    0x47: (StatusCategory.PERMANENT, "SM deleted by originating SME"),
    0x48: (StatusCategory.PERMANENT, "SM deleted by SC administration"),
    0x49: (StatusCategory.PERMANENT, "SM does not exist"),
    0x60: (StatusCategory.TEMPORARY_GIVEN_UP, "congestion"),
    0x61: (StatusCategory.TEMPORARY_GIVEN_UP, "SME busy"),
    0x62: (StatusCategory.TEMPORARY_GIVEN_UP, "no response from SME"),
    0x63: (StatusCategory.TEMPORARY_GIVEN_UP, "service rejected"),
    0x64: (StatusCategory.TEMPORARY_GIVEN_UP, "quality of service not available"),
    0x65: (StatusCategory.TEMPORARY_GIVEN_UP, "error in SME"),
}
SC_SPECIFIC = [*range(0x10, 0x20), *range(0x30, 0x40), *range(0x50, 0x60), *range(0x70, 0x80)]


@pytest.mark.parametrize("value", list(DEFINED), ids=[f"0x{v:02X}" for v in DEFINED])
def test_status_table(value: int) -> None:
    """Each TP-ST value of 23.040 9.2.3.15 has its category and meaning."""
    status = TpStatus.from_octet(value)
    assert (status.category, status.meaning) == DEFINED[value]
    assert not status.sc_specific


def test_status_ranges() -> None:
    """SC-specific ranges, reserved values in each category and bit 7 set."""
    for value in range(256):
        status = TpStatus.from_octet(value)
        if value in DEFINED:
            continue
        if value in SC_SPECIFIC:
            assert (status.meaning, status.sc_specific) == ("specific to the SC", True), value
        else:
            assert status.meaning == "reserved", value
        if value >= 0x80:
            assert status.category is StatusCategory.RESERVED
            assert not status.final


def test_status_flags() -> None:
    """delivered only for 0x00; final unless the SC is still trying; completed for 0x0-0x1F."""
    assert [TpStatus.from_octet(v).delivered for v in (0x00, 0x01, 0x02)] == [True, False, False]
    assert not TpStatus.from_octet(0x21).final
    assert TpStatus.from_octet(0x61).final
    assert TpStatus.from_octet(0x40).final
    assert TpStatus.from_octet(0x1F).completed
    assert not TpStatus.from_octet(0x20).completed


def test_status_octet_checked() -> None:
    """TpStatus.from_octet wants an int 0..255."""
    with pytest.raises(TypeError):
        TpStatus.from_octet("0")  # type: ignore[arg-type]
    with pytest.raises(InvalidOption):
        TpStatus.from_octet(256)


def test_status_report_user_data_header() -> None:
    """TP-UDHI in a status report: TP-UD starts with a header, read as in a DELIVER."""
    ud = bytes.fromhex("0605040B8423F0") + b"ok"
    report = _report(udhi=True, parameter_indicator=b"\x06", dcs=0x04, udl=len(ud), user_data=ud)
    parsed = parse_status_report(b"\x00" + report.to_bytes())
    assert parsed.header is not None
    assert parsed.header.application_port == (2948, 9200, 16)
    assert parsed.user_data is not None
    assert parsed.user_data.payload == b"ok"


def test_status_report_bad_header_offset() -> None:
    """A bad header in a status report's TP-UD is reported at its offset in the PDU."""
    ud = bytes.fromhex("0500031703")  # UDHL 5 runs past the 4 octets that follow
    raw = (
        b"\x00"
        + _report(
            udhi=True, parameter_indicator=b"\x06", dcs=0x04, udl=len(ud), user_data=ud
        ).to_bytes()
    )
    with pytest.raises(PduDecodeError) as info:
        parse_status_report(raw)
    assert (info.value.field, info.value.offset) == ("udh.udhl", len(raw) - len(ud))
