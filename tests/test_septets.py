"""Tests of smsparts.septets: packing GSM 7-bit septets (23.038 6.1.2.1)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

from smsparts import InvalidOption, PduDecodeError, SmsError
from smsparts.septets import pack_septets, unpack_septets

from .conftest import load_vectors

#: Untyped handles, to call with wrong types on purpose.
_pack: Any = pack_septets
_unpack: Any = unpack_septets

VECTORS: list[dict[str, Any]] = load_vectors("packing")["vectors"]
WITH_SEPTETS = [v for v in VECTORS if "septets" in v]


def _by_definition(septets: bytes, fill_bits: int) -> bytes:
    """Pack bit by bit as 23.038 6.1.2.1 words it: septet bit j of septet i at bit 7i+j."""
    total_bits = fill_bits + 7 * len(septets)
    out = bytearray((total_bits + 7) // 8)
    for i, septet in enumerate(septets):
        for j in range(7):
            if septet >> j & 1:
                bit = fill_bits + 7 * i + j
                out[bit // 8] |= 1 << (bit % 8)
    return bytes(out)


@pytest.mark.parametrize("vector", WITH_SEPTETS, ids=[v["id"] for v in WITH_SEPTETS])
def test_pack_vector(vector: dict[str, Any]) -> None:
    """Each published septet list packs to its published octets."""
    septets = bytes(vector["septets"])
    fill_bits = vector.get("fill_bits", 0)
    assert pack_septets(septets, fill_bits=fill_bits).hex().upper() == vector["packed_hex"]


@pytest.mark.parametrize("vector", WITH_SEPTETS, ids=[v["id"] for v in WITH_SEPTETS])
def test_unpack_vector(vector: dict[str, Any]) -> None:
    """Each published packing unpacks to its septets, given the septet count."""
    septets = bytes(vector["septets"])
    data = bytes.fromhex(vector["packed_hex"])
    fill_bits = vector.get("fill_bits", 0)
    assert unpack_septets(data, count=len(septets), fill_bits=fill_bits) == septets


def test_hellohello_udl() -> None:
    """The classic 'hellohello': TP-UDL 10 septets take 9 octets."""
    (vector,) = [v for v in VECTORS if v["id"] == "pack-hellohello"]
    assert vector["udl"] == len(vector["septets"]) == 10
    assert len(pack_septets(bytes(vector["septets"]))) == 9


CR_PAD = next(v for v in VECTORS if v["id"] == "pack-cr-padding")
# "7Chars.": digits, Latin letters and '.' sit at their ASCII codes in the default
# alphabet (23.038 6.2.1), so the septets are the ASCII octets.
CR_PAD_SEPTETS = b"7Chars."


def test_cr_padding_sms_form_is_zero_padded() -> None:
    """SMS packing leaves the 7 spare bits of 8n-1 septets zero (no CR padding)."""
    assert pack_septets(CR_PAD_SEPTETS).hex().upper() == CR_PAD["packed_hex_zero_pad"]


def test_cr_padding_count_avoids_at_sign_ambiguity() -> None:
    """TP-UDL decides: 7 septets read '7Chars.', 8 would add a spurious '@' (0x00)."""
    data = bytes.fromhex(CR_PAD["packed_hex_zero_pad"])
    assert CR_PAD["udl"] == 7
    assert unpack_septets(data, count=7) == CR_PAD_SEPTETS
    assert unpack_septets(data, count=8) == CR_PAD_SEPTETS + b"\x00"


def test_cr_padded_form_still_unpacks_with_count() -> None:
    """The USSD/CBS CR-padded octets (23.038 6.1.2.3.1) read the same 7 septets in SMS."""
    data = bytes.fromhex(CR_PAD["packed_hex_cr_pad"])
    assert unpack_septets(data, count=7) == CR_PAD_SEPTETS
    assert unpack_septets(data, count=8) == CR_PAD_SEPTETS + b"\r"


@pytest.mark.parametrize(
    ("septets", "fill_bits", "expected"),
    [
        pytest.param(b"", 0, b"", id="empty"),
        pytest.param(b"", 3, b"\x00", id="empty-after-header"),
        pytest.param(b"\x01", 0, b"\x01", id="one"),
        pytest.param(b"\x7f" * 8, 0, b"\xff" * 7, id="eight-full-septets"),
        pytest.param(b"\x7f" * 8, 1, b"\xfe" + b"\xff" * 6 + b"\x01", id="eight-after-1-fill-bit"),
        pytest.param(b"\x00\x7f", 0, b"\x80\x3f", id="second-septet-straddles"),
        pytest.param(b"\x41", 6, b"\x40\x10", id="A-after-6-fill-bits"),
    ],
)
def test_pack_by_hand(septets: bytes, fill_bits: int, expected: bytes) -> None:
    """Small packings worked out by hand from the bit layout of 23.038 6.1.2.1."""
    assert pack_septets(septets, fill_bits=fill_bits) == expected
    assert unpack_septets(expected, count=len(septets), fill_bits=fill_bits) == septets


@pytest.mark.parametrize("count", [1, 7, 8, 9, 63, 64, 65, 160, 511, 512, 513, 2000])
@pytest.mark.parametrize("fill_bits", range(7))
def test_matches_definition(count: int, fill_bits: int) -> None:
    """Packing agrees with the bit-by-bit definition, across mask sizes and fill bits."""
    septets = bytes((37 * i + 11) % 128 for i in range(count))
    packed = pack_septets(septets, fill_bits=fill_bits)
    assert packed == _by_definition(septets, fill_bits)
    assert unpack_septets(packed, count=count, fill_bits=fill_bits) == septets


def test_ambiguous_eight_n_minus_one() -> None:
    """7 septets and 7 septets + '@' pack to the same octets: only the count tells."""
    assert pack_septets(b"message") == pack_septets(b"message\x00")


def test_unpack_ignores_trailing_octets_and_bits() -> None:
    """Octets after the last septet, and spare bits, do not change the result."""
    data = bytes.fromhex("E8329BFD4697D9EC37")
    assert unpack_septets(data + b"\xff\xff", count=10) == b"hellohello"
    assert unpack_septets(b"\xff", count=1) == b"\x7f"


def test_buffer_types() -> None:
    """bytearray and memoryview are accepted like bytes."""
    assert pack_septets(bytearray(b"hellohello")) == pack_septets(b"hellohello")
    data = bytes.fromhex("E8329BFD4697D9EC37")
    assert unpack_septets(memoryview(data), count=10) == b"hellohello"


@pytest.mark.parametrize(
    ("septets", "fill_bits", "message"),
    [
        pytest.param(
            b"ab\x80", 0, "septet at index 2 is 0x80; septets are 0x00 to 0x7F", id="octet"
        ),
        pytest.param(b"a", 7, "fill_bits must be an int in 0..6, not 7", id="fill-7"),
        pytest.param(b"a", -1, "fill_bits must be an int in 0..6, not -1", id="fill-negative"),
    ],
)
def test_pack_rejects(septets: bytes, fill_bits: int, message: str) -> None:
    """Bad values to pack_septets raise SmsError naming the problem."""
    with pytest.raises(SmsError) as info:
        pack_septets(septets, fill_bits=fill_bits)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("data", "count", "fill_bits", "offset", "message"),
    [
        pytest.param(
            b"\x00" * 8,
            10,
            0,
            8,
            "user_data at octet 8: 10 septets after 0 fill bits need 9 octets, only 8 given",
            id="short",
        ),
        pytest.param(
            b"\x00" * 7,
            8,
            1,
            7,
            "user_data at octet 7: 8 septets after 1 fill bits need 8 octets, only 7 given",
            id="short-by-fill-bits",
        ),
    ],
)
def test_unpack_rejects(data: bytes, count: int, fill_bits: int, offset: int, message: str) -> None:
    """Data too short for its septets raises PduDecodeError with field and offset."""
    with pytest.raises(PduDecodeError) as info:
        unpack_septets(data, count=count, fill_bits=fill_bits)
    assert info.value.field == "user_data"
    assert info.value.offset == offset
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("count", "fill_bits", "message"),
    [
        pytest.param(-1, 0, "count must be an int >= 0, not -1", id="negative-count"),
        pytest.param(0, 9, "fill_bits must be an int in 0..6, not 9", id="fill-9"),
        pytest.param(1, -1, "fill_bits must be an int in 0..6, not -1", id="fill-negative"),
    ],
)
def test_unpack_rejects_bad_options(count: int, fill_bits: int, message: str) -> None:
    """A bad count or fill_bits is an InvalidOption (the shared option policy)."""
    with pytest.raises(InvalidOption) as info:
        unpack_septets(b"\x00" * 8, count=count, fill_bits=fill_bits)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda: _pack(5), "septets must be bytes", id="pack-int"),
        pytest.param(lambda: _pack("abc"), "septets must be bytes", id="pack-str"),
        pytest.param(lambda: _pack([1, 2]), "septets must be bytes", id="pack-list"),
        pytest.param(
            lambda: _pack(b"a", fill_bits=1.0), "fill_bits must be an int", id="pack-fill"
        ),
        pytest.param(
            lambda: _pack(b"a", fill_bits=True), "fill_bits must be an int", id="pack-bool"
        ),
        pytest.param(lambda: _unpack(5, count=1), "data must be bytes", id="unpack-int"),
        pytest.param(lambda: _unpack(b"a", count="1"), "count must be an int", id="unpack-count"),
        pytest.param(
            lambda: _unpack(b"a", count=1, fill_bits=None),
            "fill_bits must be an int",
            id="unpack-fill",
        ),
    ],
)
def test_wrong_types_are_type_errors(call: Callable[[], object], message: str) -> None:
    """A wrong type is a TypeError (pack_septets(5) used to return five zero octets)."""
    with pytest.raises(TypeError, match=message):
        call()


def test_packer_keeps_no_buffer_of_the_largest_input() -> None:
    """Packing a large input once leaves no memory behind (it used to keep 6.4x of it)."""
    big = b"a" * 2_000_000
    pack_septets(b"a" * 10)  # the kept masks exist before the measure
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        packed = pack_septets(big)
        unpacked = unpack_septets(packed, count=len(big))
        del packed, unpacked
        retained = tracemalloc.get_traced_memory()[0] - baseline
    finally:
        tracemalloc.stop()
    assert retained < 100_000  # the input is 2 MB: nothing of its size is kept


def test_unpack_zero_count() -> None:
    """Zero septets unpack to nothing, whatever the data."""
    assert unpack_septets(b"", count=0) == b""
    assert unpack_septets(b"\xff", count=0, fill_bits=6) == b""
