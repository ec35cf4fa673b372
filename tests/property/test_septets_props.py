"""Properties of smsparts.septets: packing is invertible and never crashes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smsparts import InvalidOption, PduDecodeError, SmsError
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
def test_unpack_raises_only_documented_errors(data: bytes, count: int, fill: int) -> None:
    """Any octets, count and fill bits give septets, an InvalidOption or a PduDecodeError."""
    failure: PduDecodeError | None = None
    try:
        septets = unpack_septets(data, count=count, fill_bits=fill)
    except InvalidOption as error:
        option = error.option
        assert option == "count" if count < 0 else not 0 <= fill <= 6
        return
    except PduDecodeError as error:
        failure = error
    if failure is None:
        assert len(septets) == count
        assert septets.isascii()
    else:
        assert failure.field == "user_data"
        assert 0 <= failure.offset <= len(data)


#: Anything a caller might pass by mistake.
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=60),
    st.binary(max_size=60).map(bytearray),
    st.binary(max_size=60).map(lambda b: memoryview(b)),
    st.lists(st.integers(0, 300), max_size=5),
)


@given(anything, anything)
def test_pack_any_input_gives_octets_or_a_documented_error(septets: object, fill: object) -> None:
    """pack_septets on any objects: octets, a TypeError or an SmsError; never anything else."""
    try:
        packed = pack_septets(septets, fill_bits=fill)  # type: ignore[arg-type]
    except (TypeError, SmsError):
        return
    assert isinstance(packed, bytes)
    assert isinstance(septets, bytes | bytearray | memoryview)


@given(anything, anything, anything)
def test_unpack_any_input_gives_septets_or_a_documented_error(
    data: object, count: object, fill: object
) -> None:
    """unpack_septets on any objects: septets, a TypeError or an SmsError."""
    try:
        septets = unpack_septets(data, count=count, fill_bits=fill)  # type: ignore[arg-type]
    except (TypeError, SmsError):
        return
    assert isinstance(septets, bytes)
    assert len(septets) == count
