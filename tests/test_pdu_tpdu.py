"""Tests for smsparts.pdu.tpdu: SMS-SUBMIT and SMS-DELIVER vectors, fields and parse errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from smsparts import PduDecodeError
from smsparts.address import Address
from smsparts.codec import encode_gsm7
from smsparts.pdu import (
    Alphabet,
    SmsDeliver,
    SmsSubmit,
    parse_tpdu,
)
from smsparts.septets import pack_septets

from .conftest import load_vectors

TPDU: list[dict[str, Any]] = load_vectors("tpdu")["vectors"]


BY_ID = {v["id"]: v for v in TPDU}


NONZERO_FILL_BITS = {"deliver-concat-7bit-single-part": 0x01}


def _user_data_from_fields(decoded: dict[str, Any]) -> bytes:
    """TP-UD built from a vector's fields with the header, packing and UTF-16 rules."""
    head = bytes.fromhex(decoded.get("udh") or "")
    if decoded["alphabet"] == "8bit":
        return head + bytes.fromhex(decoded["data_hex"])
    if decoded["alphabet"] == "ucs2":
        text: str = decoded["text"]
        return head + text.encode("utf-16-be")
    return head + pack_septets(
        encode_gsm7(decoded["text"]), fill_bits=decoded.get("fill_bits") or 0
    )


SUBMIT_HEAD = "0001000B917228001011F1"  # SMSC 00, FO 01, MR 00, DA +27820001111


@pytest.mark.parametrize("vector", TPDU, ids=[v["id"] for v in TPDU])
def test_tpdu_vector_parses(vector: dict[str, Any]) -> None:
    """Every TPDU vector parses to its type, address, DCS, UDL, header and text."""
    decoded = vector["decoded"]
    parsed = parse_tpdu(bytes.fromhex(vector["pdu_hex"]))
    kind = SmsSubmit if decoded["type"] == "SMS-SUBMIT" else SmsDeliver
    assert isinstance(parsed.message, kind)
    if decoded["address"].startswith("alnum:"):
        assert parsed.address.toa == 0xD0
        assert parsed.address.to_bytes()[2:].hex() == decoded["address"][len("alnum:") :]
    else:
        assert parsed.address.value == decoded["address"]
    assert parsed.message.dcs == decoded["dcs"]
    assert parsed.message.udl == decoded["udl"]
    assert parsed.user_data.alphabet.value == decoded["alphabet"]
    if "text" in decoded:
        assert parsed.text == decoded["text"]
    else:
        assert parsed.text is None
        assert parsed.user_data.payload.hex().upper() == decoded["data_hex"]
    if decoded.get("udh"):
        assert parsed.header is not None
        assert parsed.header.to_bytes().hex().upper() == decoded["udh"]
        assert parsed.message.udhi
    else:
        assert parsed.header is None
    if decoded.get("fill_bits") is not None:
        assert parsed.user_data.fill_bits == decoded["fill_bits"]


@pytest.mark.parametrize("vector", TPDU, ids=[v["id"] for v in TPDU])
def test_tpdu_vector_rebuilds(vector: dict[str, Any]) -> None:
    """The vector's octets come back from its fields (address, text, header, DCS, UDL)."""
    decoded = vector["decoded"]
    raw = bytes.fromhex(vector["pdu_hex"])
    parsed = parse_tpdu(raw)
    user_data = _user_data_from_fields(decoded)
    if vector["id"] in NONZERO_FILL_BITS:
        # This sender set its fill bit to 1; fill bits carry no data and a receiver
        # ignores them (23.040 9.2.3.24), and we write zeros, so copy the sender's.
        at = len(bytes.fromhex(decoded["udh"]))
        user_data = (
            user_data[:at]
            + bytes((user_data[at] | NONZERO_FILL_BITS[vector["id"]],))
            + user_data[at + 1 :]
        )
    if decoded["address"].startswith("alnum:"):
        address = Address.alphanumeric("Megafon")
    else:
        address = Address.from_number(decoded["address"])
        if parsed.address.toa not in (0x81, 0x91):  # deliver-hellohello: TOA C8
            address = Address(decoded["address"], parsed.address.toa)
    fields = {"user_data": user_data, "udl": decoded["udl"], "dcs": decoded["dcs"]}
    message: SmsSubmit | SmsDeliver
    if isinstance(parsed.message, SmsSubmit):
        message = dataclasses.replace(parsed.message, destination=address, **fields)
    else:
        message = dataclasses.replace(parsed.message, originator=address, **fields)
    prefix = parsed.smsc.to_smsc_bytes() if parsed.smsc else b"\x00"
    assert (prefix + message.to_bytes()).hex().upper() == vector["pdu_hex"]


def test_submit_vector_fields() -> None:
    """The SUBMIT vectors' TP-VP, TP-MR, SMSC read as their notes say."""
    hello = parse_tpdu(bytes.fromhex(BY_ID["submit-hellohello"]["pdu_hex"]))
    assert hello.smsc is None
    assert isinstance(hello.message, SmsSubmit)
    assert hello.message.relative_validity == dt.timedelta(days=4)  # AA
    testing = parse_tpdu(bytes.fromhex(BY_ID["submit-this-is-testing"]["pdu_hex"]))
    assert testing.smsc == Address("+358405202090", 0x91)
    assert isinstance(testing.message, SmsSubmit)
    assert testing.message.relative_validity == dt.timedelta(hours=24)  # A7
    no_vp = parse_tpdu(bytes.fromhex(BY_ID["submit-hello-world-no-sca"]["pdu_hex"]))
    assert isinstance(no_vp.message, SmsSubmit)
    assert no_vp.message.relative_validity is None
    assert no_vp.message.first_octet == 0x01


@pytest.mark.parametrize(
    ("vector_id", "expected"),
    [
        # 6060605130308A: 06-06-06 15:03:03, TZ 8A: sign bit set, 28 quarters.
        pytest.param("deliver-test", "2006-06-06T15:03:03-07:00", id="aosp-pdt"),
        # 99309251619580: 99-03-29 15:16:59, TZ 80 -> 08 quarters.
        pytest.param("deliver-hellohello", "1999-03-29T15:16:59+02:00", id="subnets-plus2"),
    ],
)
def test_deliver_timestamp(vector_id: str, expected: str) -> None:
    """TP-SCTS reads as semi-octets with the time zone in signed quarter hours."""
    parsed = parse_tpdu(bytes.fromhex(BY_ID[vector_id]["pdu_hex"]))
    assert isinstance(parsed.message, SmsDeliver)
    timestamp = parsed.message.timestamp
    assert timestamp is not None
    assert timestamp.isoformat() == expected


def test_submit_absolute_validity() -> None:
    """TP-VPF 11: TP-VP is an absolute time in the TP-SCTS format (23.040 9.2.3.12.2)."""
    # 2120115134004A: 12-02-11 15:43:00, TZ 4A: sign bit set, 2 tens, 4 units: -24 quarters.
    raw = "1900" + "0B916407281553F8" + "0000" + "2120115134004A" + "01" + "41"
    message = parse_tpdu(bytes.fromhex(raw), smsc=False).message
    assert isinstance(message, SmsSubmit)
    assert message.validity_period_format == 0b11
    assert message.relative_validity is None
    expires = message.absolute_validity
    assert expires is not None
    assert expires.isoformat() == "2012-02-11T15:43:00-06:00"


def test_absolute_validity_none_for_other_formats() -> None:
    """absolute_validity is None unless TP-VPF is 11 (relative, enhanced, none)."""
    for first, vp in (("11", "AA"), ("09", "01000000000000"), ("01", "")):
        raw = first + "00" + "0B916407281553F8" + "0000" + vp + "01" + "41"
        message = parse_tpdu(bytes.fromhex(raw), smsc=False).message
        assert isinstance(message, SmsSubmit)
        assert message.absolute_validity is None


@pytest.mark.parametrize(
    ("dcs", "expected"),
    [
        pytest.param(0x00, None, id="general-no-class"),
        pytest.param(0x03, None, id="bit4-clear-ignores-bits-1-0"),
        pytest.param(0x10, 0, id="general-class-0"),
        pytest.param(0x11, 1, id="general-class-1"),
        pytest.param(0x1A, 2, id="ucs2-class-2"),
        pytest.param(0x57, 3, id="deletion-8bit-class-3"),
        pytest.param(0xC3, None, id="mwi-discard"),
        pytest.param(0xE2, None, id="mwi-ucs2"),
        pytest.param(0x80, None, id="reserved-group"),
        pytest.param(0xF0, 0, id="group-f-class-0"),
        pytest.param(0xF6, 2, id="group-f-8bit-class-2"),
    ],
)
def test_message_class(dcs: int, expected: int | None) -> None:
    """TP-DCS message class: bits 1..0 when bit 4 is set (00xx, 01xx) or in group 1111."""
    deliver = SmsDeliver(originator=Address("1"), user_data=b"", udl=0, dcs=dcs)
    submit = SmsSubmit(destination=Address("1"), user_data=b"", udl=0, dcs=dcs)
    assert deliver.message_class == submit.message_class == expected


def test_deliver_timestamp_invalid_digits() -> None:
    """A TP-SCTS whose digits are not a date gives None, not an error."""
    message = SmsDeliver(
        originator=Address("1"),
        user_data=b"",
        udl=0,
        service_centre_time_stamp=bytes.fromhex("FF000000000000"),
    )
    assert message.timestamp is None


def test_parse_without_smsc() -> None:
    """smsc=False parses a bare TPDU."""
    raw = bytes.fromhex(BY_ID["submit-hello-world-no-sca"]["pdu_hex"])[1:]
    assert parse_tpdu(raw, smsc=False).text == "Hello World!"


def test_parse_reserved_dcs_as_gsm7() -> None:
    """A TPDU with a reserved DCS decodes its user data as GSM 7-bit (23.038 clause 4)."""
    parsed = parse_tpdu(bytes.fromhex(SUBMIT_HEAD + "000C0CC8329BFD065DDF72363904"))
    assert (parsed.message.dcs, parsed.user_data.alphabet) == (0x0C, Alphabet.GSM7)
    assert parsed.text == "Hello World!"


@pytest.mark.parametrize(
    ("hex_data", "field", "offset"),
    [
        pytest.param("", "smsc.length", 0, id="empty"),
        pytest.param("0C91", "smsc.length", 0, id="smsc-too-long"),
        pytest.param("00", "tp_mti", 1, id="no-first-octet"),
        pytest.param("0002", "tp_mti", 1, id="status-report"),
        pytest.param("0003", "tp_mti", 1, id="reserved-mti"),
        pytest.param("0001000B91722800", "tp_da.value", 5, id="short-address"),
        pytest.param("00010015917228", "tp_da.length", 3, id="address-21-digits"),
        pytest.param("000100041121430000", "tp_da.toa", 4, id="toa-without-bit-7"),
        pytest.param("0001000481F1F3", "tp_da.value", 5, id="filler-inside"),
        pytest.param(SUBMIT_HEAD + "002C0CC8", "tp_dcs", 12, id="compressed-dcs"),
        pytest.param(SUBMIT_HEAD + "0000A1", "tp_udl", 13, id="udl-161"),
        pytest.param(SUBMIT_HEAD + "00088D", "tp_udl", 13, id="ucs2-udl-141"),
        pytest.param(SUBMIT_HEAD + "00000CC8329BFD065DDF723639", "tp_ud", 14, id="short-ud"),
        pytest.param(SUBMIT_HEAD + "000001C100", "tp_ud", 15, id="trailing-octet"),
        pytest.param(
            "0041000B917228001011F1" + "0000" + "07" + "05000317030400",
            "udh.ie[0].sequence",
            19,
            id="bad-concatenation",
        ),
        pytest.param(
            "0041000B917228001011F1" + "0000" + "03" + "027000",
            "tp_udl",
            13,
            id="udl-below-header",
        ),
        pytest.param(
            "0041000B917228001011F1" + "0008" + "07" + "05000317030141",
            "tp_udl",
            13,
            id="ucs2-odd",
        ),
        pytest.param("00040B917228001011F10000", "tp_scts", 12, id="short-scts"),
    ],
)
def test_parse_errors(hex_data: str, field: str, offset: int) -> None:
    """Malformed PDUs raise PduDecodeError with the field path and octet offset."""
    with pytest.raises(PduDecodeError) as info:
        parse_tpdu(bytes.fromhex(hex_data))
    assert (info.value.field, info.value.offset) == (field, offset)
