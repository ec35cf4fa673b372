"""Properties of smsparts.pdu, smsparts.udh and smsparts.address."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from smsparts import Encoding, NationalLanguage, PduDecodeError, SmsError
from smsparts._tables import LOCKING, SINGLE
from smsparts.address import Address
from smsparts.charset import charset
from smsparts.codec import decode_gsm7
from smsparts.pdu import (
    EncodedSegment,
    SmsStatusReport,
    UserData,
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

from ..strategies import gsm_texts, mixed_texts

_SEGMENT = EncodedSegment(text="", start=0, end=0, header=None, user_data=b"", udl=0, dcs=0)
#: name -> (function, positional argument names, keyword argument names).
#: The route keywords of encode_message (issue 10: one policy with analyze).
ROUTE_OPTIONS = ("route", "encoding", "boundary", "languages", "single_shift", "locking_shift",
                 "reference_bits")  # fmt: skip

ENCODE_DATA_OPTIONS = ("reference", "route", "reference_bits", "destination_port",
                       "originator_port", "port_bits", "max_segments", "dcs")  # fmt: skip

ENTRY_POINTS: dict[str, tuple[Callable[..., object], tuple[str, ...], tuple[str, ...]]] = {
    "parse_tpdu": (parse_tpdu, ("data",), ("smsc", "errors")),
    "parse_status_report": (parse_status_report, ("data",), ("smsc", "errors")),
    "parse_pdu": (parse_pdu, ("data",), ("smsc", "errors")),
    "decode_user_data": (decode_user_data, ("data",), ("udl", "dcs", "udhi", "errors", "packed")),
    "dcs_alphabet": (dcs_alphabet, ("dcs",), ("offset",)),
    "encode_message": (
        encode_message,
        ("text",),
        ("reference", "packed", "max_segments", *ROUTE_OPTIONS),
    ),
    "encode_data": (
        encode_data,
        ("data",),
        ENCODE_DATA_OPTIONS,
    ),
    "relative_validity": (relative_validity, ("octet",), ()),
    "relative_validity_period": (relative_validity_period, ("period",), ()),
    "build_submit": (
        build_submit,
        ("segment", "destination"),
        ("smsc", "message_reference", "validity", "status_report"),
    ),
    "reassemble": (reassemble, ("parts",), ()),
    "UserDataHeader.parse": (UserDataHeader.parse, ("data",), ("offset",)),
    "UserDataHeader.concatenated": (
        UserDataHeader.concatenated,
        (),
        ("reference", "total", "sequence", "reference_bits", "single_shift"),
    ),
    "InformationElement": (InformationElement, ("iei", "data"), ()),
    "InformationElement.application_port": (
        InformationElement.application_port,
        (),
        ("destination", "originator", "port_bits"),
    ),
    "Address": (Address, ("value", "toa"), ()),
    "Address.from_number": (Address.from_number, ("number",), ()),
    "Address.parse": (Address.parse, ("data",), ("offset", "field")),
    "SmsStatusReport": (
        SmsStatusReport,
        (),
        ("message_reference", "recipient", "status", "parameter_indicator", "udl", "dcs"),
    ),
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "parse_tpdu": {"data": b"\x00\x01"},
    "parse_status_report": {"data": b"\x00\x02"},
    "parse_pdu": {"data": b"\x00"},
    "decode_user_data": {"data": b"", "udl": 0},
    "dcs_alphabet": {"dcs": 0},
    "encode_message": {"text": "hi"},
    "encode_data": {"data": b"\x01"},
    "relative_validity": {"octet": 0},
    "relative_validity_period": {"period": dt.timedelta(days=1)},
    "build_submit": {"segment": _SEGMENT, "destination": "+33"},
    "reassemble": {"parts": []},
    "UserDataHeader.parse": {"data": b"\x03\x24\x01\x01"},
    "UserDataHeader.concatenated": {"reference": 0, "total": 1, "sequence": 1},
    "InformationElement": {"iei": 0x70, "data": b""},
    "InformationElement.application_port": {"destination": 80},
    "Address": {"value": "1", "toa": 0x81},
    "Address.from_number": {"number": "+33"},
    "Address.parse": {"data": b"\x01\x81\xf1"},
    "SmsStatusReport": {
        "message_reference": 0,
        "recipient": Address("1"),
        "service_centre_time_stamp": bytes(7),
        "discharge_time": bytes(7),
        "status": 0,
    },
}
ARGS = sorted({a for _, pos, kw in ENTRY_POINTS.values() for a in (*pos, *kw)})

LANGUAGE_PAIRS = [(lock, single) for lock in sorted(LOCKING) for single in sorted(SINGLE)]


@st.composite
def national_texts(draw: st.DrawFn) -> tuple[str, int, int]:
    """A text drawn from one (locking, single) table pair, with the pair."""
    lock, single = draw(st.sampled_from(LANGUAGE_PAIRS))
    chars = sorted(charset(lock, single).encoding_map)
    text = draw(st.text(alphabet=st.sampled_from(chars), max_size=400))
    return text, lock, single


def _decode_segment(segment: EncodedSegment) -> UserData:
    return decode_user_data(segment.user_data, udl=segment.udl, dcs=segment.dcs, udhi=segment.udhi)


def _check_limits(segment: EncodedSegment) -> None:
    assert len(segment.user_data) <= 140
    if segment.dcs == 0x00:
        assert segment.udl <= 160
    else:
        head = segment.header.octets if segment.header else 0
        assert (len(segment.user_data) - head) % 2 == 0


@given(gsm_texts, st.integers(0, 255))
def test_gsm7_segments_reassemble(text: str, reference: int) -> None:
    """GSM-7 text built into segments and decoded back reassembles to the text."""
    segments = encode_message(text, reference=reference)
    for segment in segments:
        _check_limits(segment)
    result = reassemble([_decode_segment(s) for s in reversed(segments)])
    assert result.text == text


@given(national_texts())
def test_national_segments_reassemble(drawn: tuple[str, int, int]) -> None:
    """Texts of every national table pair round-trip through segments and their IEs."""
    text, lock, single = drawn
    segments = encode_message(
        text,
        encoding=Encoding.GSM7,
        locking_shift=[lock] if lock else None,
        single_shift=[single] if single else None,
    )
    for segment in segments:
        _check_limits(segment)
        if segment.locking_shift is not None:
            assert segment.header is not None
            assert segment.header.locking_shift is segment.locking_shift
    assert reassemble([_decode_segment(s) for s in segments]).text == text


@given(mixed_texts, st.integers(0, 65535), st.sampled_from(["grapheme", "codepoint"]))
def test_ucs2_segments_reassemble(text: str, reference: int, boundary: str) -> None:
    """UCS-2 text (emoji, combining marks) round-trips with a 16-bit reference."""
    segments = encode_message(
        text,
        reference=reference,
        reference_bits=16,
        encoding=Encoding.UCS2,
        boundary="grapheme" if boundary == "grapheme" else "codepoint",
    )
    for segment in segments:
        _check_limits(segment)
    assert reassemble([_decode_segment(s) for s in segments]).text == text


@given(gsm_texts)
def test_unpacked_segments_hold_septets(text: str) -> None:
    """Unpacked GSM-7 user data is the header, then one septet per octet."""
    decoded = []
    parts = []
    for segment in encode_message(text, packed=False):
        head = segment.header.octets if segment.header else 0
        assert segment.udl == len(segment.user_data)
        decoded.append(decode_gsm7(segment.user_data[head:]))
        sm = segment.submit_sm
        parts.append(
            decode_user_data(
                sm.short_message,
                udl=sm.sm_length,
                dcs=sm.data_coding,
                udhi=bool(sm.esm_class & 0x40),
                packed=False,
            )
        )
    assert "".join(decoded) == text
    assert reassemble(parts).text == text


@given(mixed_texts, st.integers(0, 255), st.booleans())
def test_submit_tpdus_parse_back(text: str, reference: int, status: bool) -> None:
    """Every segment's SMS-SUBMIT PDU parses back to its fields and text."""
    segments = encode_message(text, reference=reference)
    parsed = []
    for segment in segments:
        pdu = build_submit(segment, "+15551234567", status_report=status)
        back = parse_tpdu(pdu.pdu)
        assert back.message.to_bytes() == pdu.tpdu
        assert back.user_data.header == segment.header
        parsed.append(back)
    assert reassemble(parsed).text == text


@st.composite
def elements(draw: st.DrawFn) -> InformationElement:
    """A valid information element: concatenation, shift or an uninterpreted one."""
    kind = draw(st.sampled_from(["concat8", "concat16", "single", "locking", "other"]))
    if kind in ("concat8", "concat16"):
        total = draw(st.integers(1, 255))
        bits = 8 if kind == "concat8" else 16
        return InformationElement.concatenation(
            reference=draw(st.integers(0, (1 << bits) - 1)),
            total=total,
            sequence=draw(st.integers(1, total)),
            reference_bits=bits,
        )
    if kind == "single":
        return InformationElement.national_single_shift(draw(st.integers(0, 255)))
    if kind == "locking":
        return InformationElement.national_locking_shift(draw(st.integers(0, 255)))
    iei = draw(st.integers(0, 255).filter(lambda i: i not in (0x00, 0x08, 0x24, 0x25)))
    return InformationElement(iei, draw(st.binary(max_size=20)))


@given(st.lists(elements(), min_size=1, max_size=6))
def test_udh_round_trip(items: list[InformationElement]) -> None:
    """A header's octets parse back to the same elements."""
    header = UserDataHeader(tuple(items))
    raw = header.to_bytes()
    assert raw[0] == len(raw) - 1
    assert UserDataHeader.from_bytes(raw) == header


@given(st.lists(elements(), min_size=1, max_size=6))
def test_fill_bit_arithmetic(items: list[InformationElement]) -> None:
    """Header septets and fill bits align the text and match the segment capacity."""
    header = UserDataHeader(tuple(items))
    bits = 8 * header.octets
    assert 0 <= header.fill_bits <= 6
    assert (bits + header.fill_bits) % 7 == 0
    assert 160 - header.header_septets == (1120 - bits) // 7


@given(st.sampled_from(list(NationalLanguage)))
def test_shift_ie_accessors(language: NationalLanguage) -> None:
    """Shift IEs give back their language."""
    header = UserDataHeader.concatenated(
        reference=1, total=1, sequence=1, single_shift=language, locking_shift=language
    )
    assert (header.single_shift, header.locking_shift) == (language, language)


@given(st.binary(max_size=400), st.booleans())
def test_parse_tpdu_raises_only_pdu_decode_error(data: bytes, smsc: bool) -> None:
    """Random bytes either parse or raise PduDecodeError, nothing else."""
    error: PduDecodeError | None = None
    try:
        reassemble([parse_tpdu(data, smsc=smsc)])
    except PduDecodeError as exc:
        error = exc
    if error is not None:
        assert 0 <= error.offset <= len(data)
        assert error.field


@given(st.binary(max_size=160))
def test_parse_submit_shaped_bytes(tail: bytes) -> None:
    """Bytes after a valid SUBMIT head reach the DCS, UDL, header and text decoders."""
    data = bytes.fromhex("0041000B917228001011F100") + tail
    offset = 0
    try:
        parse_tpdu(data, errors="replace")
    except PduDecodeError as exc:
        offset = exc.offset
    assert 0 <= offset <= len(data)


@given(
    st.binary(max_size=300),
    st.integers(0, 255),
    st.integers(0, 255),
    st.booleans(),
    st.booleans(),
)
def test_decode_user_data_raises_only_pdu_decode_error(
    data: bytes, udl: int, dcs: int, udhi: bool, packed: bool
) -> None:
    """Random TP-UD, TP-UDL, DCS and UDHI either decode or raise PduDecodeError."""
    with contextlib.suppress(PduDecodeError):
        decode_user_data(data, udl=udl, dcs=dcs, udhi=udhi, packed=packed)


@given(st.binary(max_size=300), st.integers(0, 300))
def test_udh_parse_raises_only_pdu_decode_error(data: bytes, offset: int) -> None:
    """Random bytes into UserDataHeader.parse either parse or raise PduDecodeError."""
    try:
        header, octets = UserDataHeader.parse(data, offset=offset)
    except PduDecodeError:
        return
    assert header.to_bytes() == data[offset : offset + octets]


@given(st.binary(max_size=30))
def test_address_parse_raises_only_pdu_decode_error(data: bytes) -> None:
    """Random bytes into Address.parse / parse_smsc either parse or raise PduDecodeError."""
    for parse in (Address.parse, Address.parse_smsc):
        with contextlib.suppress(PduDecodeError):
            parse(data)


@given(st.lists(st.binary(min_size=0, max_size=40), max_size=5))
def test_reassemble_random_parts(chunks: list[bytes]) -> None:
    """Reassembling random decodable parts raises only PduDecodeError."""
    parts = []
    for chunk in chunks:
        try:
            parts.append(decode_user_data(chunk, udl=len(chunk), dcs=0x04, udhi=True))
        except PduDecodeError:
            continue
    try:
        result = reassemble(parts)
    except PduDecodeError:
        return
    assert len(result.parts) + len(result.missing) == result.total


# ---------------------------------------------------------------------------
# Every PduDecodeError offset lies inside the input: 0 <= offset <= len(data), where
# len(data) means "the data ends before this field" (docs/wire-format.md).


def _offset_inside(parse: Callable[[], object], size: int) -> None:
    try:
        parse()
    except PduDecodeError as exc:
        where = (exc.field, exc.offset)
    else:
        return
    assert 0 <= where[1] <= size, (where, size)


#: PDUs that start like real ones, so that fuzzing reaches the deep fields.
_HEADS = st.sampled_from(
    [
        b"",
        bytes.fromhex("00"),
        bytes.fromhex("0001000B917228001011F100"),  # SUBMIT up to TP-PID
        bytes.fromhex("0041000B917228001011F10000"),  # SUBMIT with UDHI, up to TP-DCS
        bytes.fromhex("00040B917228001011F1000011101171955140"),  # DELIVER up to TP-SCTS
        bytes.fromhex("0046D60B911326880736F41110117195514011101171957140"),  # SR to TP-DT
    ]
)


@given(_HEADS, st.binary(max_size=200), st.booleans())
def test_tpdu_parser_offsets_inside_input(head: bytes, tail: bytes, smsc: bool) -> None:
    """parse_tpdu, parse_status_report and parse_pdu on any bytes: offsets inside the input."""
    data = head + tail
    _offset_inside(lambda: parse_tpdu(data, smsc=smsc, errors="replace"), len(data))
    _offset_inside(lambda: parse_status_report(data, smsc=smsc, errors="replace"), len(data))
    _offset_inside(lambda: parse_pdu(data, smsc=smsc, errors="replace"), len(data))


@given(st.binary(max_size=300), st.integers(0, 255), st.integers(0, 255), st.booleans())
def test_decode_user_data_offsets_inside_input(data: bytes, udl: int, dcs: int, udhi: bool) -> None:
    """decode_user_data errors point inside user_data (the old -1 on TP-UDL is gone)."""
    _offset_inside(lambda: decode_user_data(data, udl=udl, dcs=dcs, udhi=udhi), len(data))
    _offset_inside(
        lambda: decode_user_data(data, udl=udl, dcs=dcs, udhi=udhi, packed=False), len(data)
    )


@given(st.binary(max_size=60), st.integers(0, 70))
def test_header_and_address_offsets_inside_input(data: bytes, offset: int) -> None:
    """UserDataHeader.parse, Address.parse and parse_smsc: offsets inside the input."""
    _offset_inside(lambda: UserDataHeader.parse(data, offset=offset), len(data))
    _offset_inside(lambda: UserDataHeader.from_bytes(data), len(data))
    _offset_inside(lambda: Address.parse(data, offset=offset), len(data))
    _offset_inside(lambda: Address.parse_smsc(data, offset=offset), len(data))


# ---------------------------------------------------------------------------
# Arbitrary arguments: only TypeError or an SmsError, never a stray exception.

_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.binary(max_size=8),
    st.lists(st.integers(0, 300), max_size=3),
    st.timedeltas(),
)


@given(st.sampled_from(sorted(ENTRY_POINTS)), st.dictionaries(st.sampled_from(ARGS), _ANYTHING))
def test_entry_points_raise_only_documented_errors(name: str, chosen: dict[str, Any]) -> None:
    """Any public wire entry point with arbitrary argument values raises TypeError or SmsError."""
    function, positional, keywords = ENTRY_POINTS[name]
    args = {k: v for k, v in chosen.items() if k in (*positional, *keywords)}
    values = {**DEFAULTS[name], **args}
    with contextlib.suppress(TypeError, SmsError):
        function(*(values.pop(k) for k in positional), **values)


# ---------------------------------------------------------------------------
# Status reports, 8-bit data and ports: what is built parses back.


@st.composite
def status_reports(draw: st.DrawFn) -> SmsStatusReport:
    """A valid SMS-STATUS-REPORT: any status, optional TP-PI fields, 8-bit TP-UD."""
    stamp = st.binary(min_size=7, max_size=7)
    with_pid, with_dcs, with_udl = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    extension = draw(st.lists(st.integers(0x80, 0xFF), max_size=2))
    present = with_pid * 0x01 | with_dcs * 0x02 | with_udl * 0x04
    pi = b""
    if present or extension or draw(st.booleans()):
        first = present | draw(st.sampled_from([0x00, 0x08, 0x70]))
        octets = [first, *[o & 0x7F for o in extension]]
        pi = bytes(o | 0x80 for o in octets[:-1]) + bytes((octets[-1],))
    # 8-bit TP-UD with TP-DCS; without it TP-UD is GSM-7, kept empty here.
    payload = draw(st.binary(max_size=140)) if with_udl and with_dcs else b""
    return SmsStatusReport(
        message_reference=draw(st.integers(0, 255)),
        recipient=Address.from_number("+" + draw(st.text("0123456789", min_size=1, max_size=20))),
        service_centre_time_stamp=draw(stamp),
        discharge_time=draw(stamp),
        status=draw(st.integers(0, 255)),
        more_messages_to_send=draw(st.booleans()),
        loop_prevention=draw(st.booleans()),
        status_report_qualifier=draw(st.booleans()),
        parameter_indicator=pi,
        protocol_id=draw(st.integers(0, 255)) if with_pid else None,
        dcs=0x04 if with_dcs else None,
        udl=len(payload) if with_udl else None,
        user_data=payload,
    )


@given(status_reports())
def test_status_report_round_trip(report: SmsStatusReport) -> None:
    """A status report's octets parse back to the same fields (with or without SMSC 00)."""
    raw = report.to_bytes()
    assert parse_status_report(raw, smsc=False).message == report
    assert parse_pdu(b"\x00" + raw).message == report


@given(
    st.binary(max_size=1200),
    st.integers(0, 65535),
    st.sampled_from([8, 16]),
    st.one_of(st.none(), st.integers(0, 255)),
)
def test_encode_data_round_trip(data: bytes, reference: int, bits: int, port: int | None) -> None:
    """encode_data parts fit a TPDU, parse back, and reassemble to the data."""
    reference &= (1 << bits) - 1
    parts = encode_data(data, reference=reference, reference_bits=bits, destination_port=port)
    decoded = []
    for part in parts:
        assert len(part.user_data) <= 140
        parsed = parse_tpdu(build_submit(part, "+33612345678").pdu)
        assert parsed.user_data.alphabet.value == "8bit"
        header = parsed.header
        assert (
            header.application_port.destination if header and header.application_port else None
        ) == port
        decoded.append(parsed)
    joined = reassemble(decoded)
    assert joined.complete
    assert b"".join(p.payload for p in joined.parts) == data
