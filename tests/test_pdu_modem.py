"""Tests for smsparts.pdu.modem: build_submit, the PDU of AT+CMGS."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from smsparts.pdu import (
    SmsSubmit,
    build_submit,
    encode_message,
    parse_tpdu,
)

from .conftest import load_vectors

TPDU: list[dict[str, Any]] = load_vectors("tpdu")["vectors"]


BY_ID = {v["id"]: v for v in TPDU}


@pytest.mark.parametrize(
    ("vector_id", "text", "destination", "kwargs"),
    [
        pytest.param(
            "submit-hellohello", "hellohello", "+46708251358", {"validity": 0xAA}, id="vp-octet"
        ),
        pytest.param(
            "submit-hellohello",
            "hellohello",
            "+46708251358",
            {"validity": dt.timedelta(days=4)},
            id="vp-4-days",
        ),
        pytest.param("submit-hello-world-no-sca", "Hello World!", "+27820001111", {}, id="no-vp"),
        pytest.param(
            "submit-this-is-testing",
            "This is testing !",
            "+358478400241",
            {"smsc": "+358405202090", "validity": dt.timedelta(hours=24)},
            id="smsc-vp-24h",
        ),
        pytest.param(
            "submit-ucs2-cjk",
            "世界您好！",
            "+123456789",
            {"smsc": "+44000000000", "validity": dt.timedelta(weeks=52)},
            id="ucs2-vp-52-weeks",
        ),
    ],
)
def test_build_submit_vectors(
    vector_id: str, text: str, destination: str, kwargs: dict[str, Any]
) -> None:
    """build_submit() rebuilds the SMS-SUBMIT vectors; cmgs_length excludes the SMSC."""
    (segment,) = encode_message(text)
    pdu = build_submit(segment, destination, **kwargs)
    assert pdu.hex() == BY_ID[vector_id]["pdu_hex"]
    smsc_octets = pdu.pdu[0] + 1
    assert pdu.cmgs_length == len(pdu.pdu) - smsc_octets
    assert pdu.tpdu == pdu.pdu[smsc_octets:]


def test_build_submit_flags() -> None:
    """Status report, reject duplicates and UDHI set their first-octet bits."""
    segments = encode_message("a" * 161, reference=7)
    pdu = build_submit(
        segments[1],
        "0612345678",
        message_reference=9,
        validity=dt.timedelta(hours=1),
        status_report=True,
        reject_duplicates=True,
    )
    # 0x01 MTI | 0x04 RD | 0x10 VPF relative | 0x20 SRR | 0x40 UDHI = 0x75
    assert pdu.tpdu[:2] == bytes((0x75, 9))
    # national number: 10 digits, TOA 81, 60 21 43 65 87
    assert pdu.tpdu[2:9] == bytes.fromhex("0A816021436587")
    # PID 00, DCS 00, VP 11 (12 x 5 min = 1 h), UDL 7 + 8 = 15
    assert pdu.tpdu[9:13] == bytes.fromhex("00000B0F")
    assert pdu.tpdu[13:19] == bytes.fromhex("050003070202")
    parsed = parse_tpdu(pdu.pdu)
    assert parsed.text == "a" * 8
    assert isinstance(parsed.message, SmsSubmit)
    assert parsed.message.status_report_request
    assert parsed.message.reject_duplicates


def test_build_submit_rejects_unpacked() -> None:
    """An unpacked GSM-7 segment cannot go in a TPDU."""
    (segment,) = encode_message("hi", packed=False)
    with pytest.raises(ValueError, match="packed"):
        build_submit(segment, "+123")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        pytest.param("+12a4x", "'a'", id="bad-char"),
        pytest.param("1" * 21, "21 digits", id="too-long"),
    ],
)
def test_bad_destination(number: str, message: str) -> None:
    """A destination that is not semi-octet digits raises ValueError naming it."""
    (segment,) = encode_message("hi")
    with pytest.raises(ValueError, match=message):
        build_submit(segment, number)
