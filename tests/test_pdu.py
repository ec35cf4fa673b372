"""Tests for smsparts.pdu and smsparts.address: segments, SMPP fields, TPDUs, reassembly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import struct
from typing import Any

import pytest

from smsparts import Encoding, NationalLanguage, PduDecodeError
from smsparts._tables import LOCKING
from smsparts.address import Address
from smsparts.codec import encode_gsm7
from smsparts.pdu import (
    Alphabet,
    SmsDeliver,
    SmsSubmit,
    UserData,
    build_submit,
    dcs_alphabet,
    decode_user_data,
    encode_message,
    parse_tpdu,
    reassemble,
    relative_validity,
    relative_validity_period,
)
from smsparts.septets import pack_septets
from smsparts.udh import Concatenation, UserDataHeader

from .conftest import load_vectors

TPDU: list[dict[str, Any]] = load_vectors("tpdu")["vectors"]
SMPP: list[dict[str, Any]] = load_vectors("smpp")["vectors"]
BY_ID = {v["id"]: v for v in TPDU}
#: Vectors whose sender wrote ones in the fill bits (value OR-ed into the first octet).
NONZERO_FILL_BITS = {"deliver-concat-7bit-single-part": 0x01}
BY_ID_SEGMENTATION = {v["id"]: v for v in load_vectors("segmentation")["vectors"]}


# ---------------------------------------------------------------------------
# TPDU vectors


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


@pytest.mark.parametrize(
    "vector_id",
    [
        "submit-hellohello",
        "deliver-hellohello",
        "deliver-how-are-you",
        "deliver-test",
        "deliver-extended-chars",
        "deliver-ucs2",
        "deliver-escapes-at-brace",
        "submit-hello-world-no-sca",
        "submit-ucs2-cjk",
        "submit-this-is-testing",
    ],
)
def test_encode_message_reproduces_single_part_vectors(vector_id: str) -> None:
    """encode_message() gives the vector's TP-UD, TP-UDL and DCS for its text."""
    vector = BY_ID[vector_id]
    decoded = vector["decoded"]
    raw = bytes.fromhex(vector["pdu_hex"])
    (segment,) = encode_message(decoded["text"])
    assert (segment.udl, segment.dcs, segment.udhi) == (decoded["udl"], decoded["dcs"], False)
    assert raw.endswith(bytes((segment.udl,)) + segment.user_data)


def test_encode_message_reproduces_concatenated_vectors() -> None:
    """A 181-character text gives the two AOSP multipart TP-UDs (ref 0, 153 + 28)."""
    part1, part2 = BY_ID["deliver-concat-part1"], BY_ID["deliver-concat-part2"]
    text = part1["decoded"]["text"] + part2["decoded"]["text"]
    segments = encode_message(text, reference=0)
    assert len(segments) == 2
    for segment, vector in zip(segments, (part1, part2), strict=True):
        raw = bytes.fromhex(vector["pdu_hex"])
        assert segment.udl == vector["decoded"]["udl"]
        assert segment.fill_bits == 1
        assert raw.endswith(bytes((segment.udl,)) + segment.user_data)


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


# ---------------------------------------------------------------------------
# building SMS-SUBMIT


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


def test_address_plus_needs_international_toa() -> None:
    """A '+' number with TOA 0x81 is refused."""
    with pytest.raises(ValueError, match="international"):
        Address("+123", 0x81)


def test_address_semi_octets() -> None:
    """'*', '#' and a..c are semi-octets A..E (23.040 9.1.2.3); odd counts pad with F."""
    address = Address("*#1abc", 0x81)
    assert address.to_bytes().hex().upper() == "0681BAC1ED"
    assert Address.parse(address.to_bytes()) == (address, 5)
    assert Address.from_number("+1 (650) 555-1111").value == "+16505551111"


def test_alphanumeric_address() -> None:
    """An alphanumeric sender is packed GSM-7; the length counts semi-octets."""
    address = Address.alphanumeric("Megafon")
    # 7 septets = 49 bits = 13 semi-octets (0x0D), TOA D0
    assert address.to_bytes().hex().upper() == "0DD0CDF2396C7EBB01"
    assert Address.parse(address.to_bytes()) == (address, 9)


# ---------------------------------------------------------------------------
# validity period


@pytest.mark.parametrize(
    ("period", "octet"),
    [
        pytest.param(dt.timedelta(minutes=5), 0, id="5min"),
        pytest.param(dt.timedelta(minutes=6), 1, id="6min-rounds-up"),
        pytest.param(dt.timedelta(hours=12), 143, id="12h"),
        pytest.param(dt.timedelta(hours=12, minutes=30), 144, id="12h30"),
        pytest.param(dt.timedelta(days=1), 167, id="1day"),
        pytest.param(dt.timedelta(days=2), 168, id="2days"),
        pytest.param(dt.timedelta(days=30), 196, id="30days"),
        pytest.param(dt.timedelta(days=31), 197, id="31days-5weeks"),
        pytest.param(dt.timedelta(weeks=63), 255, id="63weeks"),
    ],
)
def test_relative_validity_period(period: dt.timedelta, octet: int) -> None:
    """A period maps to the smallest TP-VP octet at least as long (23.040 9.2.3.12.1)."""
    assert relative_validity_period(period) == octet
    assert relative_validity(octet) >= period


@pytest.mark.parametrize(
    "period",
    [dt.timedelta(0), dt.timedelta(minutes=-5), dt.timedelta(weeks=64)],
    ids=["zero", "negative", "64weeks"],
)
def test_relative_validity_period_out_of_range(period: dt.timedelta) -> None:
    """Zero, negative and over-63-week periods raise ValueError."""
    with pytest.raises(ValueError, match="validity"):
        relative_validity_period(period)


# ---------------------------------------------------------------------------
# encode_message


def test_concatenated_gsm7_segments() -> None:
    """161 digits: 153 + 8 septets, 1 fill bit, TP-UDL 160 and 15, 140 octets of UD."""
    first, second = encode_message("1" * 161, reference=0x17)
    assert first.header == UserDataHeader.concatenated(reference=0x17, total=2, sequence=1)
    assert (first.udl, len(first.user_data), first.fill_bits) == (160, 140, 1)
    assert (second.udl, len(second.user_data)) == (15, 6 + 8)
    assert (first.start, first.end, second.start, second.end) == (0, 153, 153, 161)


def test_national_single_shift_segments() -> None:
    """Turkish single shift: 77 pairs fit one segment (IE 03240101); 78 need two of 149."""
    text77 = BY_ID_SEGMENTATION["capacity-turkish-single-shift-77"]["text"]
    (single,) = encode_message(text77, single_shift=[NationalLanguage.TURKISH])
    assert single.header is not None
    assert single.header.to_bytes().hex() == "03240101"
    assert (single.udl, single.fill_bits, single.single_shift) == (5 + 154, 3, 1)
    text78 = BY_ID_SEGMENTATION["capacity-turkish-single-shift-78"]["text"]
    parts = encode_message(text78, reference=0xAA, single_shift=[NationalLanguage.TURKISH])
    assert [p.header.to_bytes().hex().upper() for p in parts if p.header] == [
        "080003AA0201240101",
        "080003AA0202240101",
    ]
    assert [p.udl for p in parts] == [11 + 148, 11 + 8]
    assert [p.fill_bits for p in parts] == [5, 5]


def test_locking_shift_segment_carries_its_element() -> None:
    """A text all in the Portuguese locking table carries the locking shift IE only."""
    (segment,) = encode_message("ê ç Ô ~", languages=[NationalLanguage.PORTUGUESE])
    assert segment.header is not None
    assert segment.header.to_bytes().hex() == "03250103"
    assert segment.header.locking_shift is NationalLanguage.PORTUGUESE
    assert decode_user_data(segment.user_data, udl=segment.udl, udhi=True).text == "ê ç Ô ~"


def test_ucs2_segments_16bit_reference() -> None:
    """UCS-2 with a 16-bit reference: 66 code units per part after a 7-octet header."""
    text = "я" * 70 + "€"
    parts = encode_message(text, reference=0x0180, reference_bits=16)
    assert len(parts) == 2
    assert parts[0].header is not None
    assert parts[0].header.to_bytes().hex() == "06080401800201"
    assert (parts[0].udl, parts[0].dcs) == (7 + 132, 0x08)
    assert parts[1].user_data[7:] == ("я" * 4 + "€").encode("utf-16-be")


def test_unpacked_segments() -> None:
    """packed=False: one septet per octet after the header, no fill bits, UDL in octets."""
    (plain,) = encode_message("Hi {x}", packed=False)
    assert plain.user_data == b"Hi \x1b(x\x1b)"
    assert (plain.udl, plain.fill_bits, plain.packed) == (8, 0, False)
    first, _ = encode_message("1" * 161, packed=False)
    assert first.user_data == bytes.fromhex("050003000201") + b"1" * 153
    assert (first.udl, first.fill_bits) == (159, 0)


def test_empty_message() -> None:
    """The empty text is one segment with no user data."""
    (segment,) = encode_message("")
    assert (segment.user_data, segment.udl, segment.header) == (b"", 0, None)


@pytest.mark.parametrize(
    ("reference", "bits"),
    [
        pytest.param(256, 8, id="8bit"),
        pytest.param(65536, 16, id="16bit"),
        pytest.param(-1, 8, id="negative"),
    ],
)
def test_reference_out_of_range(reference: int, bits: int) -> None:
    """A reference outside 0..255 (or 0..65535) raises ValueError naming it."""
    with pytest.raises(ValueError, match="reference"):
        encode_message("x", reference=reference, reference_bits=bits)


# ---------------------------------------------------------------------------
# SMPP


def _cstring(body: bytes, pos: int) -> tuple[str, int]:
    end = body.index(b"\x00", pos)
    return body[pos:end].decode("ascii"), end + 1


def _parse_submit_sm(pdu: bytes) -> dict[str, Any]:
    """SMPP 3.4 4.4.1 submit_sm, field by field (header 16 octets, then the body)."""
    length, command_id, _status, _sequence = struct.unpack(">IIII", pdu[:16])
    assert (length, command_id) == (len(pdu), 0x00000004)
    fields: dict[str, Any] = {}
    pos = 16
    fields["service_type"], pos = _cstring(pdu, pos)
    fields["source_addr_ton"], fields["source_addr_npi"] = pdu[pos], pdu[pos + 1]
    fields["source_addr"], pos = _cstring(pdu, pos + 2)
    fields["dest_addr_ton"], fields["dest_addr_npi"] = pdu[pos], pdu[pos + 1]
    fields["destination_addr"], pos = _cstring(pdu, pos + 2)
    fields["esm_class"], fields["protocol_id"], fields["priority_flag"] = pdu[pos : pos + 3]
    fields["schedule_delivery_time"], pos = _cstring(pdu, pos + 3)
    fields["validity_period"], pos = _cstring(pdu, pos)
    names = ("registered_delivery", "replace_if_present_flag", "data_coding")
    for name in (*names, "sm_default_msg_id", "sm_length"):
        fields[name] = pdu[pos]
        pos += 1
    fields["short_message"] = pdu[pos : pos + fields["sm_length"]]
    assert pos + fields["sm_length"] == len(pdu)
    return fields


def _build_submit_sm(fields: dict[str, Any], *, sequence: int) -> bytes:
    """SMPP 3.4 4.4.1 submit_sm from its fields (C-octet strings end with NUL)."""

    def cstring(name: str) -> bytes:
        value: str = fields[name]
        return value.encode("ascii") + b"\x00"

    short_message: bytes = fields["short_message"]
    body = (
        cstring("service_type")
        + bytes((fields["source_addr_ton"], fields["source_addr_npi"]))
        + cstring("source_addr")
        + bytes((fields["dest_addr_ton"], fields["dest_addr_npi"]))
        + cstring("destination_addr")
        + bytes((fields["esm_class"], fields["protocol_id"], fields["priority_flag"]))
        + cstring("schedule_delivery_time")
        + cstring("validity_period")
        + bytes((fields["registered_delivery"], fields["replace_if_present_flag"]))
        + bytes((fields["data_coding"], fields["sm_default_msg_id"], len(short_message)))
        + short_message
    )
    return struct.pack(">IIII", 16 + len(body), 0x00000004, 0, sequence) + body


@pytest.mark.parametrize("vector", SMPP, ids=[v["id"] for v in SMPP])
def test_smpp_vector(vector: dict[str, Any]) -> None:
    """submit_sm fields of the text equal the vector's; swapping them in rebuilds the PDU."""
    raw = bytes.fromhex(vector["pdu_hex"])
    fields = _parse_submit_sm(raw)
    decoded = vector["decoded"]
    for name, value in decoded.items():
        got = fields[name]
        assert (got.decode("ascii") if name == "short_message" else got) == value, name
    (segment,) = encode_message(decoded["short_message"], packed=False)
    submit = segment.submit_sm
    assert submit.short_message == fields["short_message"]
    assert (submit.data_coding, submit.esm_class, submit.sm_length) == (
        decoded["data_coding"],
        decoded["esm_class"],
        decoded["sm_length"],
    )
    rebuilt = _build_submit_sm(
        {
            **decoded,
            "short_message": submit.short_message,
            "data_coding": submit.data_coding,
            "esm_class": submit.esm_class,
        },
        sequence=struct.unpack(">I", raw[12:16])[0],
    )
    assert rebuilt.hex() == vector["pdu_hex"]


def test_smpp_concatenated_fields() -> None:
    """With a header, esm_class has UDHI (0x40) and short_message starts with the UDH."""
    parts = encode_message("€" * 81, reference=0x42, packed=False)
    assert [p.submit_sm.esm_class for p in parts] == [0x40, 0x40]
    assert parts[0].submit_sm.short_message.startswith(bytes.fromhex("050003420201"))
    assert parts[0].submit_sm.sm_length == 6 + 152
    (ucs2,) = encode_message("Ω≈ç", encoding=Encoding.UCS2)
    assert ucs2.submit_sm == (b"\x03\xa9\x22\x48\x00\xe7", 0x08, 0x00)


def test_decode_smpp_short_message() -> None:
    """An unpacked short_message decodes with packed=False; an octet above 0x7F is an error."""
    short_message = bytes.fromhex("050003420202") + b"Hi \x1b(x\x1b)"
    part = decode_user_data(short_message, udl=len(short_message), udhi=True, packed=False)
    assert (part.text, part.fill_bits) == ("Hi {x}", 0)
    assert part.header is not None
    assert part.header.concatenation == Concatenation(0x42, 2, 2, 8)
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(b"ab\xe9", udl=3, packed=False)
    assert (info.value.field, info.value.offset) == ("tp_ud.text", 2)


# ---------------------------------------------------------------------------
# decoding user data and errors


def test_dcs_groups() -> None:
    """DCS coding groups select the alphabet per 23.038 clause 4."""
    assert dcs_alphabet(0x00) is Alphabet.GSM7
    assert dcs_alphabet(0x10) is Alphabet.GSM7  # general, class 0
    assert dcs_alphabet(0x44) is Alphabet.EIGHT_BIT  # automatic deletion group
    assert dcs_alphabet(0xC0) is Alphabet.GSM7  # MWI discard
    assert dcs_alphabet(0xD8) is Alphabet.GSM7  # MWI store
    assert dcs_alphabet(0xE0) is Alphabet.UCS2  # MWI store, UCS2
    assert dcs_alphabet(0xF0) is Alphabet.GSM7
    assert dcs_alphabet(0xF6) is Alphabet.EIGHT_BIT


@pytest.mark.parametrize(
    "dcs",
    [0x0C, 0x1C, 0x4C, 0x80, 0x94, 0xA8, 0xBF],
    ids=["alphabet-11", "class-0-alphabet-11", "deletion-alphabet-11", "g8", "g9", "gA", "gB"],
)
def test_dcs_reserved_reads_as_gsm7(dcs: int) -> None:
    """Reserved codings read as the GSM 7 bit default alphabet (23.038 clause 4)."""
    assert dcs_alphabet(dcs) is Alphabet.GSM7


@pytest.mark.parametrize("dcs", [-1, 0x100, 0x180], ids=["negative", "0x100", "0x180"])
def test_dcs_not_an_octet(dcs: int) -> None:
    """A DCS outside 0..255 is not a TP-DCS octet: PduDecodeError on tp_dcs."""
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(b"", udl=0, dcs=dcs)
    assert (info.value.field, info.value.offset) == ("tp_dcs", 0)


def test_parse_reserved_dcs_as_gsm7() -> None:
    """A TPDU with a reserved DCS decodes its user data as GSM 7-bit (23.038 clause 4)."""
    parsed = parse_tpdu(bytes.fromhex(SUBMIT_HEAD + "000C0CC8329BFD065DDF72363904"))
    assert (parsed.message.dcs, parsed.user_data.alphabet) == (0x0C, Alphabet.GSM7)
    assert parsed.text == "Hello World!"


@pytest.mark.parametrize("dcs", [0x20, 0x24, 0x68], ids=["compressed", "compressed-8bit", "g6"])
def test_dcs_unsupported(dcs: int) -> None:
    """Compressed text (bit 5 of groups 00xx / 01xx) raises PduDecodeError on tp_dcs."""
    with pytest.raises(PduDecodeError) as info:
        dcs_alphabet(dcs, offset=12)
    assert (info.value.field, info.value.offset) == ("tp_dcs", 12)


def _undefined_locking_septet(language: int) -> int:
    return next(i for i, ch in enumerate(LOCKING[language]) if ch == "\ufffe" and i != 0x1B)


def test_national_shift_selects_tables() -> None:
    """A locking shift IE in the header selects the table; undefined septets are errors."""
    bengali = NationalLanguage.BENGALI
    septet = _undefined_locking_septet(bengali)
    head = UserDataHeader.from_bytes(bytes((3, 0x25, 1, bengali)))
    user_data = head.to_bytes() + pack_septets(bytes((0x20, septet)), fill_bits=head.fill_bits)
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(user_data, udl=head.header_septets + 2, udhi=True)
    assert info.value.field == "tp_ud.text"
    # septet 1 starts 3 fill + 7 bits after the 4 header octets
    assert info.value.offset == 4 + 1
    replaced = decode_user_data(user_data, udl=head.header_septets + 2, udhi=True, errors="replace")
    assert replaced.text == " \ufffd"


def test_spanish_locking_shift_is_ignored() -> None:
    """A locking shift IE for Spanish (no such table) is skipped (23.040 9.2.3.24)."""
    head = UserDataHeader.from_bytes(bytes.fromhex("03250102"))
    user_data = head.to_bytes() + pack_septets(b"abc", fill_bits=3)
    assert decode_user_data(user_data, udl=5 + 3, udhi=True).text == "abc"


SUBMIT_HEAD = "0001000B917228001011F1"  # SMSC 00, FO 01, MR 00, DA +27820001111


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


def test_decode_unpacked_header_above_139_octets() -> None:
    """An SMPP short_message with UDHL 200 is a PduDecodeError on udh.udhl, not a ValueError."""
    data = bytes((200, 0x70, 100)) + bytes(100) + bytes((0x71, 96)) + bytes(96) + b"abc"
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(data, udl=len(data), udhi=True, packed=False)
    assert (info.value.field, info.value.offset) == ("udh.udhl", 0)


def test_decode_user_data_length_mismatch() -> None:
    """decode_user_data() wants exactly the octets TP-UDL implies."""
    with pytest.raises(PduDecodeError) as info:
        decode_user_data(bytes.fromhex("D4F29C"), udl=4)
    assert (info.value.field, info.value.offset) == ("tp_ud", 3)


# ---------------------------------------------------------------------------
# reassembly


def _parts() -> tuple[UserData, UserData]:
    one = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-part1"]["pdu_hex"])).user_data
    two = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-part2"]["pdu_hex"])).user_data
    return one, two


def test_reassemble_out_of_order_with_duplicates() -> None:
    """Parts in any order, with a duplicate, join into the whole text."""
    one, two = _parts()
    result = reassemble([two, one, two])
    assert result.text == "1" * 160 + "2" * 21
    assert (result.reference, result.total, result.duplicates, result.complete) == (
        0,
        2,
        (2,),
        True,
    )
    assert result.parts == (one, two)


def test_reassemble_reports_missing() -> None:
    """A missing part is listed and no text is guessed."""
    _, two = _parts()
    result = reassemble([two])
    assert (result.text, result.missing, result.complete) == (None, (1,), False)


def _ucs2_part(reference: int, total: int, sequence: int, units: bytes) -> UserData:
    head = UserDataHeader.concatenated(reference=reference, total=total, sequence=sequence)
    raw = head.to_bytes() + units
    return decode_user_data(raw, udl=len(raw), dcs=0x08, udhi=True)


def test_reassemble_joins_split_surrogate_pair() -> None:
    """A surrogate pair split between two UCS-2 parts is joined (U+1F600)."""
    one = _ucs2_part(5, 2, 1, bytes.fromhex("0041D83D"))
    two = _ucs2_part(5, 2, 2, bytes.fromhex("DE000042"))
    assert reassemble([two, one]).text == "A\U0001f600B"


@pytest.mark.parametrize(
    ("other", "field", "offset"),
    [
        pytest.param((6, 2, 2), "parts[1].udh.concatenation.reference", 3, id="reference"),
        pytest.param((5, 3, 2), "parts[1].udh.concatenation.total", 4, id="total"),
        pytest.param((5, 2, 1), "parts[1].udh.concatenation.sequence", 5, id="conflict"),
    ],
)
def test_reassemble_mismatch(other: tuple[int, int, int], field: str, offset: int) -> None:
    """Different references or totals, or two different same-numbered parts, are errors."""
    one = _ucs2_part(5, 2, 1, b"\x00A")
    bad = _ucs2_part(*other, b"\x00B")
    with pytest.raises(PduDecodeError) as info:
        reassemble([one, bad])
    assert (info.value.field, info.value.offset) == (field, offset)


def test_reassemble_rejects_parts_from_another_address() -> None:
    """Same reference from two senders is two messages (23.040 9.2.3.24.1): an error."""
    one = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-part1"]["pdu_hex"]))
    two = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-part2"]["pdu_hex"]))
    assert isinstance(two.message, SmsDeliver)
    stranger = dataclasses.replace(
        two, message=dataclasses.replace(two.message, originator=Address("+15550001", 0x91))
    )
    with pytest.raises(PduDecodeError) as info:
        reassemble([one, stranger])
    assert (info.value.field, info.value.offset) == ("parts[1].tp_oa", 0)
    # UserData carries no address: nothing to compare.
    assert reassemble([one, stranger.user_data]).complete
    segments = encode_message("1" * 161, reference=7)
    numbers = ("+1555", "+1556")
    submits = [parse_tpdu(build_submit(s, n).pdu) for s, n in zip(segments, numbers, strict=True)]
    with pytest.raises(PduDecodeError) as info:
        reassemble(submits)
    assert (info.value.field, info.value.offset) == ("parts[1].tp_da", 0)


def test_reassemble_single_part_without_header() -> None:
    """A lone part without concatenation is the whole message; two such parts are an error."""
    lone = parse_tpdu(bytes.fromhex(BY_ID["deliver-test"]["pdu_hex"]))
    assert reassemble([lone]).text == "Test"
    with pytest.raises(PduDecodeError, match="concatenation"):
        reassemble([lone, lone])
    with pytest.raises(PduDecodeError, match="no parts"):
        reassemble([])


def test_reassemble_single_concatenated_part() -> None:
    """A part with total 1 (python-gsmmodem vector) reassembles alone."""
    parsed = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-7bit-single-part"]["pdu_hex"]))
    assert parsed.header is not None
    assert parsed.header.concatenation == Concatenation(0xC3, 1, 1, 8)
    assert reassemble([parsed]).text == BY_ID["deliver-concat-7bit-single-part"]["decoded"]["text"]
