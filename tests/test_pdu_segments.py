"""Tests for smsparts.pdu.segments: encode_message segments and their SMPP fields."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from smsparts import Encoding, NationalLanguage, PduDecodeError
from smsparts.errors import InvalidOption, MessageTooLong
from smsparts.pdu import (
    SubmitSm,
    build_submit,
    decode_user_data,
    encode_data,
    encode_message,
    parse_tpdu,
)
from smsparts.udh import Concatenation, UserDataHeader

from .conftest import load_vectors

TPDU: list[dict[str, Any]] = load_vectors("tpdu")["vectors"]


SMPP: list[dict[str, Any]] = load_vectors("smpp")["vectors"]


BY_ID = {v["id"]: v for v in TPDU}


BY_ID_SEGMENTATION = {v["id"]: v for v in load_vectors("segmentation")["vectors"]}


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
# 8-bit data (encode_data)


def test_encode_data_reproduces_8bit_vector() -> None:
    """encode_data + build_submit give python-gsmmodem's 8-bit SMS-SUBMIT octet for octet."""
    vector = BY_ID["submit-8bit"]
    data = bytes.fromhex(vector["decoded"]["data_hex"])
    (segment,) = encode_data(data)
    assert (segment.dcs, segment.udl, segment.header) == (0x04, 12, None)
    pdu = build_submit(segment, vector["decoded"]["address"], smsc="+2781191")
    assert pdu.hex() == vector["pdu_hex"]
    parsed = parse_tpdu(pdu.pdu)
    assert parsed.text is None
    assert parsed.user_data.payload == data


def test_encode_data_with_ports() -> None:
    """A port-addressed part carries the 16-bit port element (python-gsmmodem's octets)."""
    (segment,) = encode_data(b"\x01", destination_port=1234, originator_port=5222)
    assert segment.user_data.hex().upper() == "06" + "050404D21466" + "01"
    assert segment.submit_sm == SubmitSm(segment.user_data, 0x04, 0x40)
    parsed = decode_user_data(segment.user_data, udl=segment.udl, dcs=0x04, udhi=True)
    assert parsed.header is not None
    assert parsed.header.application_port == (1234, 5222, 16)
    assert parsed.payload == b"\x01"


@pytest.mark.parametrize(
    ("kwargs", "capacity"),
    [
        pytest.param({}, 140 - 6, id="concat8"),
        pytest.param({"reference_bits": 16}, 140 - 7, id="concat16"),
        pytest.param({"destination_port": 2948}, 140 - 12, id="concat8-port16"),
        pytest.param({"destination_port": 9, "port_bits": 8}, 140 - 10, id="concat8-port8"),
    ],
)
def test_encode_data_part_capacity(kwargs: dict[str, Any], capacity: int) -> None:
    """Each part holds 140 octets minus its header (23.040 9.2.3.24); every part fits."""
    data = bytes(range(256)) * 2
    parts = encode_data(data, reference=3, **kwargs)
    assert len(parts) == -(-len(data) // capacity)
    assert b"".join(p.user_data[p.header.octets :] for p in parts if p.header) == data
    for sequence, part in enumerate(parts, 1):
        assert part.header is not None
        assert len(part.user_data) <= 140
        assert part.udl == len(part.user_data)
        assert part.header.concatenation == (
            3,
            len(parts),
            sequence,
            kwargs.get("reference_bits", 8),
        )
        assert part.end - part.start == len(part.user_data) - part.header.octets
    assert len(parts[0].user_data) == 140


def test_encode_data_fits_one_part() -> None:
    """140 octets are one part without a header; 141 are two."""
    assert len(encode_data(bytes(140))) == 1
    assert len(encode_data(bytes(141))) == 2
    assert encode_data(b"") == encode_data(bytes(0))


def test_encode_data_limits() -> None:
    """Too many parts is MessageTooLong; a non-8-bit DCS and bad options are InvalidOption."""
    with pytest.raises(MessageTooLong):
        encode_data(bytes(135 * 3), max_segments=2)
    for dcs in (0x00, 0x08, 0x24, 0x100):
        with pytest.raises(InvalidOption):
            encode_data(b"x", dcs=dcs)
    assert encode_data(b"x", dcs=0xF5)[0].dcs == 0xF5  # 8-bit data, class 1
    with pytest.raises(TypeError):
        encode_data("text")  # type: ignore[arg-type]
    with pytest.raises(InvalidOption):
        encode_data(b"x", reference_bits=7)
