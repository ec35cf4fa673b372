"""Tests for smsparts.pdu.reassembly: joining concatenated parts."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from smsparts import PduDecodeError
from smsparts.address import Address
from smsparts.pdu import (
    SmsDeliver,
    UserData,
    build_submit,
    decode_user_data,
    encode_message,
    parse_tpdu,
    reassemble,
)
from smsparts.udh import Concatenation, UserDataHeader

from .conftest import load_vectors

TPDU: list[dict[str, Any]] = load_vectors("tpdu")["vectors"]


BY_ID = {v["id"]: v for v in TPDU}


def _parts() -> tuple[UserData, UserData]:
    one = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-part1"]["pdu_hex"])).user_data
    two = parse_tpdu(bytes.fromhex(BY_ID["deliver-concat-part2"]["pdu_hex"])).user_data
    return one, two


def _ucs2_part(reference: int, total: int, sequence: int, units: bytes) -> UserData:
    head = UserDataHeader.concatenated(reference=reference, total=total, sequence=sequence)
    raw = head.to_bytes() + units
    return decode_user_data(raw, udl=len(raw), dcs=0x08, udhi=True)


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
