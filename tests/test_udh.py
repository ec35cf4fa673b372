"""Tests for smsparts.udh: user data headers built and parsed (23.040 9.2.3.24)."""

from __future__ import annotations

from typing import Any

import pytest

from smsparts import NationalLanguage, PduDecodeError
from smsparts.charset import fill_bits, header_septets
from smsparts.errors import InvalidOption
from smsparts.udh import (
    ApplicationPort,
    Concatenation,
    InformationElement,
    UserDataHeader,
)

from .conftest import load_vectors

VECTORS: list[dict[str, Any]] = load_vectors("udh")["vectors"]
IE_VECTORS = [v for v in VECTORS if v["kind"] == "udh_information_element"]
DERIVED = [v for v in VECTORS if v["kind"] == "udh_derived"]


@pytest.mark.parametrize("vector", IE_VECTORS, ids=[v["id"] for v in IE_VECTORS])
def test_concatenation_ie_vector_builds(vector: dict[str, Any]) -> None:
    """The concatenation IE built from the vector's fields gives the vector's octets."""
    fields = vector["fields"]
    element = InformationElement.concatenation(
        reference=fields["reference"],
        total=fields["total"],
        sequence=fields["sequence"],
        reference_bits=8 if fields["iei"] == "00" else 16,
    )
    assert element.to_bytes().hex().upper() == vector["ie_hex"]
    assert len(element.data) == fields["length"]


@pytest.mark.parametrize("vector", IE_VECTORS, ids=[v["id"] for v in IE_VECTORS])
def test_concatenation_ie_vector_parses(vector: dict[str, Any]) -> None:
    """The vector's IE, with a UDHL in front, parses to the vector's fields."""
    ie = bytes.fromhex(vector["ie_hex"])
    header = UserDataHeader.from_bytes(bytes((len(ie),)) + ie)
    fields = vector["fields"]
    assert header.elements == (InformationElement(int(fields["iei"], 16), ie[2:]),)
    assert header.concatenation == Concatenation(
        fields["reference"], fields["total"], fields["sequence"], 8 if ie[0] == 0 else 16
    )


@pytest.mark.parametrize("vector", DERIVED, ids=[v["id"] for v in DERIVED])
def test_derived_header_arithmetic(vector: dict[str, Any]) -> None:
    """Octets, header septets, fill bits and text septets match the derived vectors."""
    header = UserDataHeader.from_bytes(bytes.fromhex(vector["udh_hex"]))
    assert header.to_bytes().hex().upper() == vector["udh_hex"]
    assert header.octets == vector["udh_octets"]
    assert header.header_septets == vector["header_septets"]
    assert header.fill_bits == vector["fill_bits"]
    assert 160 - header.header_septets == vector["max_text_septets"]


def test_concat_with_single_shift_vector_builds() -> None:
    """concatenated(ref 0xAA, 2 parts, part 1, Turkish single shift) is 080003AA0201240101."""
    header = UserDataHeader.concatenated(
        reference=0xAA, total=2, sequence=1, single_shift=NationalLanguage.TURKISH
    )
    assert header.to_bytes().hex().upper() == "080003AA0201240101"
    assert header.single_shift is NationalLanguage.TURKISH
    assert header.locking_shift is None


def test_both_shifts_vector_builds() -> None:
    """Single then locking shift, Turkish, is 06 240101 250101."""
    header = UserDataHeader(
        (
            InformationElement.national_single_shift(NationalLanguage.TURKISH),
            InformationElement.national_locking_shift(NationalLanguage.TURKISH),
        )
    )
    assert header.to_bytes().hex().upper() == "06240101250101"
    assert header.concatenation is None


@pytest.mark.parametrize(
    ("hex_header", "octets", "septets", "fill"),
    [
        pytest.param("050003000201", 6, 7, 1, id="concat8-6-octets-1-fill-bit"),
        pytest.param("06080400000201", 7, 8, 0, id="concat16-7-octets-no-fill"),
        pytest.param("0B000300020124010125010D", 12, 14, 2, id="concat8-both-shifts"),
        pytest.param("0C08040000020124010125010D", 13, 15, 1, id="concat16-both-shifts"),
    ],
)
def test_fill_bit_arithmetic(hex_header: str, octets: int, septets: int, fill: int) -> None:
    """Header septets are ceil(8*octets/7) and fill bits 7*septets - 8*octets (spec 2.2)."""
    header = UserDataHeader.from_bytes(bytes.fromhex(hex_header))
    assert (header.octets, header.header_septets, header.fill_bits) == (octets, septets, fill)


def test_unknown_elements_carried_through() -> None:
    """An IE the module does not interpret (0x0A, text formatting) survives a round trip."""
    raw = bytes.fromhex("0F0A0300041000030002010003170301")
    header = UserDataHeader.from_bytes(raw)
    assert header.elements[0] == InformationElement(0x0A, bytes.fromhex("000410"))
    assert header.elements[1] == InformationElement(0x00, bytes.fromhex("000201"))
    # 23.040 9.2.3.24: a repeated element: the last occurrence applies.
    assert header.concatenation == Concatenation(0x17, 3, 1, 8)
    assert header.to_bytes() == raw


def test_unknown_language_ignored() -> None:
    """A shift IE naming a language id the spec does not define reads as no shift."""
    header = UserDataHeader.from_bytes(bytes.fromhex("03240163"))
    assert header.single_shift is None
    assert header.elements[0].data == b"\x63"


def test_parse_reports_octets_consumed_and_offset() -> None:
    """parse() reads from an offset and returns the octets the header took."""
    data = bytes.fromhex("FFFF050003170301E8")
    header, consumed = UserDataHeader.parse(data, offset=2)
    assert consumed == 6
    assert header.concatenation == Concatenation(0x17, 3, 1, 8)


@pytest.mark.parametrize(
    ("hex_data", "field", "offset"),
    [
        pytest.param("", "udh.udhl", 0, id="empty"),
        pytest.param("00", "udh.udhl", 0, id="udhl-zero"),
        pytest.param("060003170301", "udh.udhl", 0, id="udhl-beyond-data"),
        pytest.param("0300031703", "udh.ie[0].length", 2, id="ie-length-beyond-udhl"),
        pytest.param("06000317030108", "udh.ie[1].length", 6, id="no-length-octet"),
        pytest.param("0800031703017005FF", "udh.ie[1].length", 7, id="second-ie-too-long"),
        pytest.param("0800031703010801FF", "udh.ie[1].length", 7, id="concat16-length-1"),
        pytest.param("0400021703", "udh.ie[0].length", 2, id="concat8-wrong-length"),
        pytest.param("050003170001", "udh.ie[0].total", 4, id="total-zero"),
        pytest.param("050003170300", "udh.ie[0].sequence", 5, id="sequence-zero"),
        pytest.param("050003170304", "udh.ie[0].sequence", 5, id="sequence-above-total"),
        pytest.param("06080401800405", "udh.ie[0].sequence", 6, id="concat16-sequence"),
        pytest.param("0424020101", "udh.ie[0].length", 2, id="shift-wrong-length"),
        # TP-UD holds 140 octets, so UDHL is at most 139 (23.040 9.2.3.24).
        pytest.param("8C708A" + "00" * 138, "udh.udhl", 0, id="udhl-140"),
        pytest.param("C87064" + "00" * 100 + "7160" + "00" * 96, "udh.udhl", 0, id="udhl-200"),
    ],
)
def test_parse_errors_name_field_and_offset(hex_data: str, field: str, offset: int) -> None:
    """A malformed header raises PduDecodeError with the field path and octet offset."""
    with pytest.raises(PduDecodeError) as info:
        UserDataHeader.from_bytes(bytes.fromhex(hex_data))
    assert (info.value.field, info.value.offset) == (field, offset)


def test_error_text() -> None:
    """The error message says the field, the offset and the reason."""
    with pytest.raises(PduDecodeError) as info:
        UserDataHeader.from_bytes(bytes.fromhex("050003170304"))
    assert str(info.value) == (
        "udh.ie[0].sequence at octet 5: concatenation sequence 4 is not in 1..3 (23.040 9.2.3.24.1)"
    )


def test_from_bytes_rejects_trailing_octets() -> None:
    """from_bytes() wants exactly one header."""
    with pytest.raises(PduDecodeError) as info:
        UserDataHeader.from_bytes(bytes.fromhex("03240101FF"))
    assert (info.value.field, info.value.offset) == ("udh", 4)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"reference": 256, "total": 2, "sequence": 1}, "reference", id="ref8"),
        pytest.param(
            {"reference": 65536, "total": 2, "sequence": 1, "reference_bits": 16},
            "reference",
            id="ref16",
        ),
        pytest.param({"reference": 1, "total": 0, "sequence": 1}, "total", id="total-zero"),
        pytest.param({"reference": 1, "total": 2, "sequence": 3}, "sequence", id="seq-high"),
        pytest.param({"reference": 1, "total": 2, "sequence": 0}, "sequence", id="seq-zero"),
        pytest.param(
            {"reference": 1, "total": 2, "sequence": 1, "reference_bits": 12},
            "reference_bits",
            id="bits",
        ),
    ],
)
def test_bad_concatenation_arguments(kwargs: dict[str, int], message: str) -> None:
    """Out-of-range constructor arguments raise ValueError naming the field."""
    with pytest.raises(ValueError, match=message):
        InformationElement.concatenation(**kwargs)


def test_bad_element_arguments() -> None:
    """IEI above 255, non-bytes data and an empty header are rejected."""
    with pytest.raises(ValueError, match="iei"):
        InformationElement(256, b"")
    with pytest.raises(TypeError, match="data"):
        InformationElement(0, "ab")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="elements"):
        UserDataHeader(())
    with pytest.raises(ValueError, match="udhl"):
        UserDataHeader((InformationElement(0x70, bytes(137)), InformationElement(0x70, b"")))


PORTS: list[dict[str, Any]] = load_vectors("app_ports")["vectors"]


@pytest.mark.parametrize("vector", PORTS, ids=[v["id"] for v in PORTS])
def test_application_port_vector_builds(vector: dict[str, Any]) -> None:
    """The port element of the vector's ports is the vector's octets (23.040 9.2.3.24.3/.4)."""
    element = InformationElement.application_port(
        destination=vector["destination"],
        originator=vector["originator"],
        port_bits=vector["port_bits"],
    )
    assert element.to_bytes().hex().upper() == vector["ie_hex"]


@pytest.mark.parametrize("vector", PORTS, ids=[v["id"] for v in PORTS])
def test_application_port_vector_parses(vector: dict[str, Any]) -> None:
    """A header holding the vector's element gives its ports back."""
    ie = bytes.fromhex(vector["ie_hex"])
    header = UserDataHeader.from_bytes(bytes((len(ie),)) + ie)
    assert header.application_port == ApplicationPort(
        vector["destination"], vector["originator"], vector["port_bits"]
    )


def test_application_port_with_concatenation() -> None:
    """Ports and concatenation live side by side; the last port element applies."""
    raw = bytes.fromhex("0F" + "0003170201" + "0504162A0000" + "04020102")
    header = UserDataHeader.from_bytes(raw)
    assert header.concatenation == Concatenation(0x17, 2, 1, 8)
    assert header.application_port == ApplicationPort(1, 2, 8)


@pytest.mark.parametrize("hex_ie", ["040164", "0503162A00", "0500"], ids=["8bit-1", "16bit-3", "0"])
def test_application_port_wrong_length_is_skipped(hex_ie: str) -> None:
    """A port element of the wrong length is carried through and skipped (23.040 9.2.3.24)."""
    ie = bytes.fromhex(hex_ie)
    header = UserDataHeader.from_bytes(bytes((len(ie),)) + ie)
    assert header.application_port is None
    assert header.elements[0].data == ie[2:]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        pytest.param({"destination": 256, "port_bits": 8}, "destination", id="dest8"),
        pytest.param({"destination": 1, "originator": 256, "port_bits": 8}, "originator", id="o8"),
        pytest.param({"destination": 65536}, "destination", id="dest16"),
        pytest.param({"destination": -1}, "destination", id="negative"),
        pytest.param({"destination": 1, "port_bits": 12}, "port_bits", id="bits"),
    ],
)
def test_application_port_ranges(kwargs: dict[str, int], name: str) -> None:
    """Ports outside 0..255 / 0..65535 and other port sizes are an InvalidOption naming them."""
    with pytest.raises(InvalidOption, match=name):
        InformationElement.application_port(**kwargs)


def test_application_port_types() -> None:
    """A port that is not an int (a bool, a str) is a TypeError."""
    with pytest.raises(TypeError):
        InformationElement.application_port(destination="80")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        InformationElement.application_port(destination=True)


@pytest.mark.parametrize("udhl", [2, 3, 5, 6, 11, 100, 139])
def test_header_septets_are_the_charset_arithmetic(udhl: int) -> None:
    """UserDataHeader.header_septets and fill_bits are charset's, for any header size."""
    # Elements of IEI 0x70 (reserved, 23.040 9.2.3.24) filling UDHL octets exactly.
    odd = b"\x70\x01\x00" if udhl % 2 else b""
    elements = odd + b"\x70\x00" * ((udhl - len(odd)) // 2)
    header = UserDataHeader.from_bytes(bytes([udhl]) + elements)
    assert header.octets == udhl + 1
    assert header.header_septets == header_septets(udhl + 1)
    assert header.fill_bits == fill_bits(udhl + 1)
