"""Wrong types and bad values on the wire API: TypeError, InvalidOption, never a stray error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from smsparts.address import Address
from smsparts.errors import InvalidOption, PduDecodeError
from smsparts.pdu import (
    SmsDeliver,
    SmsSubmit,
    build_submit,
    dcs_alphabet,
    decode_user_data,
    encode_data,
    encode_message,
    parse_pdu,
    parse_status_report,
    parse_tpdu,
    reassemble,
    relative_validity,
    relative_validity_period,
)
from smsparts.udh import InformationElement, UserDataHeader

SEGMENT = encode_message("hi")[0]

Call = Callable[[], object]

WRONG_TYPES: list[tuple[str, Call]] = [
    ("parse_tpdu(int)", lambda: parse_tpdu(5)),  # type: ignore[arg-type]
    ("parse_tpdu(list)", lambda: parse_tpdu([0, 1])),  # type: ignore[arg-type]
    ("parse_tpdu(str)", lambda: parse_tpdu("0011")),  # type: ignore[arg-type]
    ("parse_tpdu(smsc=None)", lambda: parse_tpdu(b"\x00", smsc=None)),  # type: ignore[arg-type]
    ("parse_tpdu(errors=1)", lambda: parse_tpdu(b"\x00", errors=1)),  # type: ignore[arg-type]
    ("parse_status_report(int)", lambda: parse_status_report(3)),  # type: ignore[arg-type]
    ("parse_pdu(None)", lambda: parse_pdu(None)),  # type: ignore[arg-type]
    ("decode_user_data(str)", lambda: decode_user_data("ab", udl=2)),  # type: ignore[arg-type]
    ("decode_user_data(udl=str)", lambda: decode_user_data(b"", udl="0")),  # type: ignore[arg-type]
    ("decode_user_data(udhi=1)", lambda: decode_user_data(b"", udl=0, udhi=1)),  # type: ignore[arg-type]
    ("decode_user_data(dcs=float)", lambda: decode_user_data(b"", udl=0, dcs=0.0)),  # type: ignore[arg-type]
    ("dcs_alphabet(str)", lambda: dcs_alphabet("0")),  # type: ignore[arg-type]
    ("encode_message(reference=str)", lambda: encode_message("x", reference="1")),  # type: ignore[arg-type]
    ("encode_message(packed=1)", lambda: encode_message("x", packed=1)),  # type: ignore[arg-type]
    ("encode_message(max_segments=None)", lambda: encode_message("x", max_segments=None)),  # type: ignore[arg-type]
    ("encode_data(str)", lambda: encode_data("x")),  # type: ignore[arg-type]
    ("encode_data(destination_port=str)", lambda: encode_data(b"x", destination_port="80")),  # type: ignore[arg-type]
    ("relative_validity_period(int)", lambda: relative_validity_period(5)),  # type: ignore[arg-type]
    ("relative_validity(float)", lambda: relative_validity(1.0)),  # type: ignore[arg-type]
    ("build_submit(str segment)", lambda: build_submit("hi", "+1")),  # type: ignore[arg-type]
    ("build_submit(int destination)", lambda: build_submit(SEGMENT, 33)),  # type: ignore[arg-type]
    ("build_submit(validity=float)", lambda: build_submit(SEGMENT, "1", validity=1.5)),  # type: ignore[arg-type]
    ("build_submit(validity=True)", lambda: build_submit(SEGMENT, "1", validity=True)),
    ("build_submit(status_report=1)", lambda: build_submit(SEGMENT, "1", status_report=1)),  # type: ignore[arg-type]
    ("reassemble(int)", lambda: reassemble(5)),  # type: ignore[arg-type]
    ("reassemble([bytes])", lambda: reassemble([b"x"])),  # type: ignore[list-item]
    ("UserDataHeader.parse(str)", lambda: UserDataHeader.parse("05")),  # type: ignore[arg-type]
    ("UserDataHeader.parse(offset=str)", lambda: UserDataHeader.parse(b"", offset="0")),  # type: ignore[arg-type]
    ("UserDataHeader(element)", lambda: UserDataHeader(InformationElement(1, b""))),  # type: ignore[arg-type]
    ("InformationElement(str iei)", lambda: InformationElement("1", b"")),  # type: ignore[arg-type]
    (
        "concatenation(total=None)",
        lambda: InformationElement.concatenation(reference=0, total=None, sequence=1),  # type: ignore[arg-type]
    ),
    ("Address(int value)", lambda: Address(5)),  # type: ignore[arg-type]
    ("Address.from_number(int)", lambda: Address.from_number(33)),  # type: ignore[arg-type]
    ("Address.parse(int)", lambda: Address.parse(1)),  # type: ignore[arg-type]
    ("SmsSubmit(destination=str)", lambda: SmsSubmit(destination="1", user_data=b"", udl=0)),  # type: ignore[arg-type]
    (
        "SmsDeliver(udhi=1)",
        lambda: SmsDeliver(originator=Address("1"), user_data=b"", udl=0, udhi=1),  # type: ignore[arg-type]
    ),
]


@pytest.mark.parametrize("call", [c for _, c in WRONG_TYPES], ids=[n for n, _ in WRONG_TYPES])
def test_wrong_type_is_type_error(call: Call) -> None:
    """An argument of the wrong type is a TypeError, never silently accepted."""
    with pytest.raises(TypeError):
        call()


BAD_VALUES: list[tuple[str, Call]] = [
    ("parse_tpdu(errors=bogus)", lambda: parse_tpdu(b"\x00", errors="bogus")),
    ("parse_tpdu(errors=namereplace)", lambda: parse_tpdu(b"\x00", errors="namereplace")),
    ("decode_user_data(errors=bogus)", lambda: decode_user_data(b"", udl=0, errors="bogus")),
    ("timedelta.max", lambda: relative_validity_period(dt.timedelta.max)),
    ("timedelta.min", lambda: relative_validity_period(dt.timedelta.min)),
    ("relative_validity(256)", lambda: relative_validity(256)),
    ("encode_message(reference_bits=7)", lambda: encode_message("x", reference_bits=7)),
    ("encode_message(max_segments=0)", lambda: encode_message("x", max_segments=0)),
    ("build_submit(validity=256)", lambda: build_submit(SEGMENT, "1", validity=256)),
    (
        "build_submit(message_reference=256)",
        lambda: build_submit(SEGMENT, "1", message_reference=256),
    ),
    ("build_submit(bad number)", lambda: build_submit(SEGMENT, "12x")),
    ("UserDataHeader.parse(offset=-3)", lambda: UserDataHeader.parse(b"", offset=-3)),
    ("UserDataHeader(())", lambda: UserDataHeader(())),
    ("InformationElement(iei=256)", lambda: InformationElement(256, b"")),
    ("national_single_shift(300)", lambda: InformationElement.national_single_shift(300)),
    ("Address(toa=0x11)", lambda: Address("1", 0x11)),
    ("Address.parse(offset=-1)", lambda: Address.parse(b"\x00", offset=-1)),
    (
        "SmsSubmit(dcs=256)",
        lambda: SmsSubmit(destination=Address("1"), user_data=b"", udl=0, dcs=256),
    ),
    ("SmsSubmit(udl mismatch)", lambda: SmsSubmit(destination=Address("1"), user_data=b"", udl=3)),
]


@pytest.mark.parametrize("call", [c for _, c in BAD_VALUES], ids=[n for n, _ in BAD_VALUES])
def test_bad_value_is_invalid_option(call: Call) -> None:
    """A right-typed but bad value is an InvalidOption (a ValueError and an SmsError)."""
    with pytest.raises(InvalidOption):
        call()


@pytest.mark.parametrize(
    ("data", "offset"),
    [(b"", 0), (b"", 5), (b"\x05\x00", 3), (b"\x02\x00", 2)],
    ids=["empty", "past-empty", "past-end", "at-end"],
)
def test_udh_parse_offset_past_the_data(data: bytes, offset: int) -> None:
    """An offset at or past the end is a PduDecodeError at len(data): the data ends there."""
    with pytest.raises(PduDecodeError) as info:
        UserDataHeader.parse(data, offset=offset)
    assert (info.value.field, info.value.offset) == ("udh.udhl", len(data))


def test_buffers_accepted() -> None:
    """bytearray and memoryview parse as bytes do."""
    raw = bytes.fromhex("0001000B917228001011F100000CC8329BFD065DDF72363904")
    assert parse_tpdu(bytearray(raw)) == parse_tpdu(memoryview(raw)) == parse_tpdu(raw)
    kwargs: dict[str, Any] = {"udl": 4}
    assert decode_user_data(bytearray.fromhex("D4F29C0E"), **kwargs).text == "Test"
