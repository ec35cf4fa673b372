"""Properties of smsparts.septets: packing is invertible and never crashes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smsparts import PduDecodeError
from smsparts.septets import pack_septets, unpack_septets

septet_strings = st.binary(max_size=400).map(lambda b: bytes(octet & 0x7F for octet in b))
fill_bits = st.integers(min_value=0, max_value=6)


@given(septet_strings, fill_bits)
def test_unpack_inverts_pack(septets: bytes, fill: int) -> None:
    """unpack(pack(u, fill_bits=f), count=len(u), fill_bits=f) == u for every f."""
    packed = pack_septets(septets, fill_bits=fill)
    assert unpack_septets(packed, count=len(septets), fill_bits=fill) == septets


@given(septet_strings, fill_bits)
def test_packed_octets(septets: bytes, fill: int) -> None:
    """Packing takes ceil((f + 7n) / 8) octets and starts with f zero bits."""
    packed = pack_septets(septets, fill_bits=fill)
    assert len(packed) == (fill + 7 * len(septets) + 7) // 8
    if packed:
        assert packed[0] & ((1 << fill) - 1) == 0


@given(st.binary(max_size=200), fill_bits)
def test_pack_inverts_unpack(data: bytes, fill: int) -> None:
    """Unpacking all whole septets of any octets and packing again keeps those bits."""
    count = max(0, (8 * len(data) - fill) // 7)
    septets = unpack_septets(data, count=count, fill_bits=fill)
    repacked = pack_septets(septets, fill_bits=fill)
    bits = fill + 7 * count
    mask = ((1 << bits) - 1) ^ ((1 << fill) - 1)
    assert int.from_bytes(repacked, "little") == int.from_bytes(data, "little") & mask


@given(st.binary(max_size=200), st.integers(-5, 300), st.integers(-3, 10))
def test_unpack_raises_only_pdu_decode_error(data: bytes, count: int, fill: int) -> None:
    """Any octets, count and fill bits give septets or a PduDecodeError, nothing else."""
    failure: PduDecodeError | None = None
    try:
        septets = unpack_septets(data, count=count, fill_bits=fill)
    except PduDecodeError as error:
        failure = error
    if failure is None:
        assert len(septets) == count
        assert septets.isascii()
    else:
        assert failure.field == "user_data"
        assert 0 <= failure.offset <= len(data)
