"""Properties of the gsm-7 codec: round trips for every table pair, agreement with
analyze(), and decoding of arbitrary octets."""

from __future__ import annotations

import codecs
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsparts import Encoding, NationalLanguage, SmsError, _codec_impl, analyze
from smsparts._tables import LOCKING, SINGLE
from smsparts.charset import charset
from smsparts.codec import codec_info, decode_gsm7, encode_gsm7, lookup

from ..strategies import any_texts, gsm_texts, mixed_texts
from . import anything

PAIRS = [(lock, single) for lock in sorted(LOCKING) for single in sorted(SINGLE)]


@pytest.mark.parametrize(("locking", "single"), PAIRS, ids=lambda p: str(p))
@settings(max_examples=15)
@given(data=st.data())
def test_decode_inverts_encode_for_every_pair(
    locking: int, single: int, data: st.DataObject
) -> None:
    """decode(encode(s)) == s for every text of a pair's characters, for every pair."""
    alphabet = sorted(charset(locking, single).encoding_map)
    text = data.draw(st.text(alphabet=st.sampled_from(alphabet), max_size=200))
    septets = encode_gsm7(text, locking=locking, single=single)
    assert decode_gsm7(septets, locking=locking, single=single) == text
    name = codec_info(locking, single).name
    assert septets.decode(name) == text


@given(gsm_texts)
def test_septets_agree_with_analyze(text: str) -> None:
    """The codec's septet count equals analyze(text).units for default alphabet texts."""
    analysis = analyze(text)
    assert analysis.encoding == Encoding.GSM7
    assert len(encode_gsm7(text)) == analysis.units


@settings(max_examples=100)
@given(mixed_texts | st.text(alphabet=st.sampled_from(sorted(charset(1, 1).encoding_map))))
def test_septets_agree_with_analyze_national(text: str) -> None:
    """Whenever analyze picks GSM-7 tables, encoding with them gives its units."""
    analysis = analyze(text, languages=list(NationalLanguage))
    if analysis.encoding == Encoding.GSM7:
        locking = analysis.locking_shift or 0
        single = analysis.single_shift or 0
        assert len(encode_gsm7(text, locking=locking, single=single)) == analysis.units


@given(st.binary(max_size=300), st.sampled_from(PAIRS))
def test_strict_decode_raises_only_unicode_decode_error(data: bytes, pair: tuple[int, int]) -> None:
    """Any octets decode to text or raise UnicodeDecodeError (what a codec raises)."""
    span = (0, 1)
    try:
        decode_gsm7(data, locking=pair[0], single=pair[1])
    except UnicodeDecodeError as error:
        span = (error.start, error.end)
    assert 0 <= span[0] < span[1] <= max(1, len(data))


@given(st.binary(max_size=300), st.lists(st.integers(0, 300), max_size=6))
def test_incremental_decode_matches_one_shot(data: bytes, cuts: list[int]) -> None:
    """Decoding in any chunks equals decoding at once (errors="replace")."""
    decoder = codecs.getincrementaldecoder("gsm-7")("replace")
    bounds = [0, *sorted(min(c, len(data)) for c in cuts), len(data)]
    parts = [decoder.decode(data[a:b]) for a, b in itertools.pairwise(bounds)]
    parts.append(decoder.decode(b"", final=True))
    assert "".join(parts) == decode_gsm7(data, errors="replace")


@given(any_texts)
def test_replace_always_encodes(text: str) -> None:
    """With errors="replace" any text encodes to septets that decode strictly."""
    septets = encode_gsm7(text, errors="replace")
    assert septets.isascii()
    decode_gsm7(septets)


@given(any_texts)
def test_incremental_encode_matches_one_shot(text: str) -> None:
    """Encoding character by character equals encoding at once (errors="replace")."""
    encoder = codecs.getincrementalencoder("gsm-7")("replace")
    chunked = b"".join(encoder.encode(ch) for ch in text) + encoder.encode("", final=True)
    assert chunked == encode_gsm7(text, errors="replace")


@given(st.binary(max_size=300).map(lambda b: b.replace(b"\x1b", b"")))
def test_surrogateescape_round_trip(data: bytes) -> None:
    """Without ESC, any octets survive decode/encode with surrogateescape."""
    text = decode_gsm7(data, errors="surrogateescape")
    assert encode_gsm7(text, errors="surrogateescape") == data


# Octets rich in ESC, septet 0x00, undefined and non-septet octets, to drive both paths.
_OCTETS = st.lists(
    st.one_of(st.just(0x1B), st.just(0x00), st.integers(0, 0x7F), st.integers(0x80, 0xFF)),
    max_size=60,
).map(bytes)


@settings(max_examples=300)
@given(_OCTETS, st.sampled_from(PAIRS))
def test_fast_decode_agrees_with_slow_path(data: bytes, pair: tuple[int, int]) -> None:
    """The C fast path, when it answers, gives what the septet-by-septet path gives."""
    t = _codec_impl.tables(*pair)
    fast = _codec_impl.decode_fast(data, t)
    slow, consumed = _codec_impl._decode_slow(data, len(data), t, "replace")
    assert consumed == len(data)
    if fast is not None:
        assert fast == slow


def _encode_by_definition(text: str, locking: int, single: int) -> bytes:
    """One septet per locking character, ESC + septet per single shift character."""
    out = bytearray()
    for ch in text:
        code = charset(locking, single).encoding_map[ch]
        out += bytes([0x1B, code & 0x7F]) if code > 0x7F else bytes([code])
    return bytes(out)


@settings(max_examples=300)
@given(st.sampled_from(PAIRS), st.data())
def test_encode_matches_definition(pair: tuple[int, int], data: st.DataObject) -> None:
    """Encoding agrees with the character-by-character definition for every pair."""
    alphabet = sorted(charset(*pair).encoding_map)
    text = data.draw(st.text(alphabet=st.sampled_from(alphabet), max_size=80))
    assert encode_gsm7(text, locking=pair[0], single=pair[1]) == _encode_by_definition(text, *pair)


# --- any input: a result or a documented error --------------------------------------

#: What the codec entry points may raise on any input: TypeError for a wrong type, an
#: SmsError (InvalidOption) for a table that does not exist, UnicodeError where the codec
#: API says so (strict, or a handler that raises), LookupError for an unknown handler.
CODEC_ERRORS = (TypeError, SmsError, UnicodeError, LookupError)
CODEC_OPTIONS = ["locking", "single", "errors"]
HANDLERS = st.sampled_from(["strict", "replace", "ignore", "backslashreplace",
                            "surrogateescape", "xmlcharrefreplace", "no-such"])  # fmt: skip


@given(
    anything.texts | anything.anything,
    st.dictionaries(st.sampled_from(CODEC_OPTIONS), anything.anything | HANDLERS, max_size=3),
)
def test_encode_any_input_gives_septets_or_a_documented_error(
    text: object, options: dict[str, Any]
) -> None:
    """encode_gsm7 on anything: unpacked septets or a documented error."""
    try:
        out = encode_gsm7(text, **options)  # type: ignore[arg-type]
    except CODEC_ERRORS:
        return
    assert isinstance(text, str)
    assert isinstance(out, bytes)


@given(
    anything.anything,
    st.dictionaries(st.sampled_from(CODEC_OPTIONS), anything.anything | HANDLERS, max_size=3),
)
def test_decode_any_input_gives_text_or_a_documented_error(
    data: object, options: dict[str, Any]
) -> None:
    """decode_gsm7 on anything: text or a documented error."""
    try:
        out = decode_gsm7(data, **options)  # type: ignore[arg-type]
    except CODEC_ERRORS:
        return
    assert isinstance(data, bytes | bytearray | memoryview)
    assert isinstance(out, str)


@given(anything.anything, anything.anything, anything.anything)
def test_codec_info_and_lookup_any_input(locking: object, single: object, name: object) -> None:
    """codec_info and lookup on anything: a CodecInfo, None, or a documented error."""
    try:
        info = codec_info(locking, single)  # type: ignore[arg-type]
    except (TypeError, SmsError):
        pass
    else:
        assert isinstance(info, codecs.CodecInfo)
    try:
        found = lookup(name)  # type: ignore[arg-type]
    except TypeError:
        assert not isinstance(name, str)
    else:
        assert found is None or isinstance(found, codecs.CodecInfo)


@given(st.lists(st.binary(max_size=20), max_size=6), HANDLERS)
def test_incremental_decoder_any_chunks(chunks: list[bytes], errors: str) -> None:
    """The incremental decoder on any chunks: text or a documented error.

    A TypeError comes from an encoding-only handler (``xmlcharrefreplace``) used to
    decode, as with every stdlib codec.
    """
    decoder = codecs.getincrementaldecoder("gsm-7")(errors)
    try:
        text = "".join(decoder.decode(chunk) for chunk in chunks) + decoder.decode(b"", True)
    except (UnicodeError, LookupError, TypeError):
        return
    assert isinstance(text, str)


def _custom_replace(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return "\ufffd", error.end


def _custom_ignore(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return "", error.end


codecs.register_error("smsparts-test-replace", _custom_replace)
codecs.register_error("smsparts-test-ignore", _custom_ignore)


@given(st.binary(max_size=200), st.sampled_from(PAIRS))
def test_builtin_handlers_agree_with_the_generic_path(data: bytes, pair: tuple[int, int]) -> None:
    """replace and ignore (decoded in one C call per run) agree with handlers called per error."""
    locking, single = pair
    for builtin, custom in (
        ("replace", "smsparts-test-replace"),
        ("ignore", "smsparts-test-ignore"),
    ):
        assert decode_gsm7(data, locking=locking, single=single, errors=builtin) == decode_gsm7(
            data, locking=locking, single=single, errors=custom
        )


@given(anything.anything, HANDLERS)
def test_codec_registry_entry_points_any_input(value: object, errors: str) -> None:
    """codecs.encode / codecs.decode through the registry: a result or a documented error."""
    for function, kind in ((codecs.encode, str), (codecs.decode, bytes | bytearray | memoryview)):
        try:
            out = function(value, "gsm-7", errors)  # type: ignore[call-overload]
        except CODEC_ERRORS:
            continue
        assert isinstance(value, kind)
        assert isinstance(out, bytes | str)
