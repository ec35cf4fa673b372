"""Benchmarks of the gsm-7 codec and of septet packing, each against a floor.

Read the results as ratios within one run: each group times its floor over the same
corpus.  Target (issue 4): ``text.encode("gsm-7")`` within 3x of
``text.encode("latin-1", "replace")`` on plain GSM text.  The encode groups also time
a registered codec that does nothing (``null``), the part of the ratio that is the
codec registry's per-call cost and no work of ours.  Packing is timed against
``int.from_bytes(...).to_bytes(...)``, the two conversions any big-int packer pays.
Results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import codecs

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

import smsparts.codec  # noqa: F401  (registers the gsm-7 codec)
from smsparts import analyze
from smsparts.codec import decode_gsm7, encode_gsm7
from smsparts.septets import pack_septets, unpack_septets

from .corpora import corpus

CODEC_CORPORA = ["short_gsm", "long_gsm", "long_gsm_extension"]
NULL_CODEC = "smsparts-bench-null"


def _null_encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return b"", len(text)


def _null_decode(data: object, errors: str = "strict") -> tuple[str, int]:
    return "", 0


_NULL_INFO = codecs.CodecInfo(_null_encode, _null_decode, name=NULL_CODEC)
codecs.register(lambda name: _NULL_INFO if name == NULL_CODEC.replace("-", "_") else None)


def _texts(name: str) -> list[str]:
    """The named corpus; ``long_gsm`` joins four short GSM texts (about 400 characters)."""
    if name == "long_gsm":
        short = corpus("short_gsm")
        return [" ".join(short[i : i + 4]) for i in range(0, len(short), 4)]
    return corpus(name)


def _encode_floor(texts: list[str]) -> int:
    return sum(len(t.encode("latin-1", "replace")) for t in texts)


def _encode_codec(texts: list[str]) -> int:
    return sum(len(t.encode("gsm-7")) for t in texts)


def _encode_null(texts: list[str]) -> int:
    return sum(len(t.encode(NULL_CODEC)) for t in texts)


def _encode_function(texts: list[str]) -> int:
    return sum(len(encode_gsm7(t)) for t in texts)


def _decode_floor(septets: list[bytes]) -> int:
    return sum(len(s.decode("latin-1")) for s in septets)


def _decode_codec(septets: list[bytes]) -> int:
    return sum(len(s.decode("gsm-7")) for s in septets)


def _decode_function(septets: list[bytes]) -> int:
    return sum(len(decode_gsm7(s)) for s in septets)


def _int_floor(septets: list[bytes]) -> int:
    return sum(len(int.from_bytes(s, "little").to_bytes(len(s), "little")) for s in septets)


def _pack_all(septets: list[bytes]) -> int:
    return sum(len(pack_septets(s)) for s in septets)


def _unpack_all(packed: list[tuple[bytes, int]]) -> int:
    return sum(len(unpack_septets(p, count=n)) for p, n in packed)


def _septets(name: str) -> list[bytes]:
    return [encode_gsm7(t) for t in _texts(name)]


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_encode_floor(benchmark: BenchmarkFixture, name: str) -> None:
    """The floor: text.encode("latin-1", "replace") over the corpus."""
    texts = _texts(name)
    benchmark.group = f"codec-encode-{name}"
    assert benchmark(_encode_floor, texts) == sum(len(t) for t in texts)


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_encode_codec(benchmark: BenchmarkFixture, name: str) -> None:
    """text.encode("gsm-7") over the corpus: septets agree with analyze()."""
    texts = _texts(name)
    benchmark.group = f"codec-encode-{name}"
    assert benchmark(_encode_codec, texts) == sum(analyze(t).units for t in texts)


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_encode_null_codec(benchmark: BenchmarkFixture, name: str) -> None:
    """A registered codec that does nothing: the registry's own per-call cost."""
    texts = _texts(name)
    benchmark.group = f"codec-encode-{name}"
    assert benchmark(_encode_null, texts) == 0


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_encode_function(benchmark: BenchmarkFixture, name: str) -> None:
    """encode_gsm7(text) over the corpus (no codec registry lookup)."""
    texts = _texts(name)
    benchmark.group = f"codec-encode-{name}"
    assert benchmark(_encode_function, texts) == sum(analyze(t).units for t in texts)


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_decode_floor(benchmark: BenchmarkFixture, name: str) -> None:
    """The floor: septets.decode("latin-1") over the encoded corpus."""
    septets = _septets(name)
    benchmark.group = f"codec-decode-{name}"
    assert benchmark(_decode_floor, septets) == sum(len(s) for s in septets)


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_decode_codec(benchmark: BenchmarkFixture, name: str) -> None:
    """septets.decode("gsm-7") over the encoded corpus gives back the texts."""
    septets = _septets(name)
    benchmark.group = f"codec-decode-{name}"
    assert benchmark(_decode_codec, septets) == sum(len(t) for t in _texts(name))


@pytest.mark.parametrize("name", CODEC_CORPORA)
def test_decode_function(benchmark: BenchmarkFixture, name: str) -> None:
    """decode_gsm7(septets) over the encoded corpus gives back the texts."""
    septets = _septets(name)
    benchmark.group = f"codec-decode-{name}"
    assert benchmark(_decode_function, septets) == sum(len(t) for t in _texts(name))


def test_septets_floor(benchmark: BenchmarkFixture) -> None:
    """The floor: int.from_bytes / int.to_bytes of every message's septets."""
    septets = _septets("long_gsm_extension")
    benchmark.group = "septets"
    assert benchmark(_int_floor, septets) == sum(len(s) for s in septets)


def test_pack(benchmark: BenchmarkFixture) -> None:
    """pack_septets over every message: ceil(7n / 8) octets each."""
    septets = _septets("long_gsm_extension")
    benchmark.group = "septets"
    assert benchmark(_pack_all, septets) == sum((7 * len(s) + 7) // 8 for s in septets)


def test_unpack(benchmark: BenchmarkFixture) -> None:
    """unpack_septets over every packed message gives back every septet."""
    septets = _septets("long_gsm_extension")
    packed = [(pack_septets(s), len(s)) for s in septets]
    benchmark.group = "septets"
    assert benchmark(_unpack_all, packed) == sum(len(s) for s in septets)


# Hostile shape (issue 9): 1,000,000 octets, every other one above 0x7F, decoded with
# errors="replace".  Floor: the same octets decoded as Latin-1.
HOSTILE = b"\x80A" * 500_000


def test_decode_floor_hostile(benchmark: BenchmarkFixture) -> None:
    """The floor: 1,000,000 octets decoded as Latin-1."""
    benchmark.group = "codec-decode-replace-1mb"
    assert len(benchmark(HOSTILE.decode, "latin-1")) == len(HOSTILE)


def test_decode_replace_hostile(benchmark: BenchmarkFixture) -> None:
    """decode_gsm7(errors="replace") over 1,000,000 octets, half of them errors."""
    benchmark.group = "codec-decode-replace-1mb"
    text = benchmark.pedantic(  # type: ignore[no-untyped-call]
        decode_gsm7, (HOSTILE,), {"errors": "replace"}, rounds=3
    )
    assert text == "\ufffdA" * 500_000
