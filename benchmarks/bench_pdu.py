"""Benchmarks of the wire format: segments to bytes, and TPDUs back to text.

Read the results as ratios within one run.  ``encode_message`` is timed against
``split`` on the same corpus (the floor: the segmentation it starts from), so the ratio
is the cost of headers, septet encoding and packing on top of segmenting.
``parse_tpdu`` is timed against ``unpack_septets`` + ``decode_gsm7`` of the same user
data (the floor: the text decoding any parser pays).  ``parse_status_report`` is timed
against ``Address.parse`` of its TP-RA (the one variable-length field), ``encode_data``
against slicing the data into its parts.  Results are in docs/benchmarks.md.
"""

from __future__ import annotations

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import split
from smsparts.address import Address
from smsparts.codec import decode_gsm7
from smsparts.pdu import build_submit, encode_data, encode_message, parse_status_report, parse_tpdu
from smsparts.septets import unpack_septets

from .corpora import corpus

ENCODE_CORPORA = ["short_gsm", "long_gsm_extension", "emoji_ucs2"]


def _split_all(texts: list[str]) -> int:
    return sum(len(split(t)) for t in texts)


def _encode_all(texts: list[str]) -> int:
    return sum(len(encode_message(t)) for t in texts)


def _pdus(name: str) -> list[bytes]:
    return [
        build_submit(seg, "+15551234567").pdu for t in corpus(name) for seg in encode_message(t)
    ]


def _user_data(pdus: list[bytes]) -> list[tuple[bytes, int, int, int]]:
    """(packed septets after the header, septet count, fill bits, text length) per PDU."""
    out = []
    for pdu in pdus:
        parsed = parse_tpdu(pdu)
        head = parsed.header.octets if parsed.header else 0
        header_septets = parsed.header.header_septets if parsed.header else 0
        count = parsed.message.udl - header_septets
        text = parsed.text or ""
        out.append((parsed.message.user_data[head:], count, parsed.user_data.fill_bits, len(text)))
    return out


def _decode_floor(items: list[tuple[bytes, int, int, int]]) -> int:
    return sum(len(decode_gsm7(unpack_septets(d, count=n, fill_bits=f))) for d, n, f, _ in items)


def _parse_all(pdus: list[bytes]) -> int:
    return sum(len(parse_tpdu(p).text or "") for p in pdus)


@pytest.mark.parametrize("name", ENCODE_CORPORA)
def test_split_floor(benchmark: BenchmarkFixture, name: str) -> None:
    """The floor: split() over the corpus."""
    texts = corpus(name)
    benchmark.group = f"pdu-encode-{name}"
    assert benchmark(_split_all, texts) >= len(texts)


@pytest.mark.parametrize("name", ENCODE_CORPORA)
def test_encode_message(benchmark: BenchmarkFixture, name: str) -> None:
    """encode_message() over the corpus: as many segments as split()."""
    texts = corpus(name)
    benchmark.group = f"pdu-encode-{name}"
    assert benchmark(_encode_all, texts) == _split_all(texts)


def test_decode_floor(benchmark: BenchmarkFixture) -> None:
    """The floor: unpack + decode_gsm7 of every segment's text septets."""
    items = _user_data(_pdus("long_gsm_extension"))
    benchmark.group = "pdu-parse-long_gsm_extension"
    assert benchmark(_decode_floor, items) == sum(n for *_, n in items)


def test_parse_tpdu(benchmark: BenchmarkFixture) -> None:
    """parse_tpdu() of every segment's SMS-SUBMIT: texts join back to the corpus."""
    texts = corpus("long_gsm_extension")
    pdus = _pdus("long_gsm_extension")
    benchmark.group = "pdu-parse-long_gsm_extension"
    assert benchmark(_parse_all, pdus) == sum(len(t) for t in texts)


def _reports() -> list[bytes]:
    """Status reports for every SUBMIT of the corpus: SR vector head, varied MR and TP-RA."""
    out = []
    for i, pdu in enumerate(_pdus("short_gsm")):
        recipient = parse_tpdu(pdu).address
        tpdu = (
            bytes((0x06, i & 0xFF))
            + recipient.to_bytes()
            + bytes.fromhex("1110117195514011101171957140")
            + bytes((0x00 if i % 3 else 0x46,))
        )
        out.append(b"\x00" + tpdu)
    return out


def _address_floor(reports: list[bytes]) -> int:
    return sum(Address.parse(r, offset=3, field="tp_ra")[1] for r in reports)


def _parse_reports(reports: list[bytes]) -> int:
    return sum(len(parse_status_report(r).message.recipient.to_bytes()) for r in reports)


def test_status_report_floor(benchmark: BenchmarkFixture) -> None:
    """The floor: Address.parse of TP-RA, the one variable field of every status report."""
    reports = _reports()
    benchmark.group = "pdu-status-report"
    assert benchmark(_address_floor, reports) == _parse_reports(reports)


def test_parse_status_report(benchmark: BenchmarkFixture) -> None:
    """parse_status_report() of each report: every recipient read back."""
    reports = _reports()
    benchmark.group = "pdu-status-report"
    assert benchmark(_parse_reports, reports) == _address_floor(reports)


DATA = bytes(range(256)) * 64  # 16 KiB of 8-bit data


def _slice_floor(data: bytes) -> int:
    return sum(1 for i in range(0, len(data), 128) if data[i : i + 128])


def test_encode_data_floor(benchmark: BenchmarkFixture) -> None:
    """The floor: slicing the data into its 128-octet parts."""
    benchmark.group = "pdu-encode-data"
    assert benchmark(_slice_floor, DATA) == 128


def test_encode_data(benchmark: BenchmarkFixture) -> None:
    """encode_data() with a 16-bit port: 128 parts of 128 octets each."""
    benchmark.group = "pdu-encode-data"
    parts = benchmark(encode_data, DATA, destination_port=2948, max_segments=255)
    assert len(parts) == 128
