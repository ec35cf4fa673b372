"""Tests of smsparts.codec: the gsm-7 codec family and encode_gsm7 / decode_gsm7."""

from __future__ import annotations

import codecs
import io
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from smsparts import InvalidOption, UnencodableCharacter
from smsparts._tables import LANGUAGE_NAMES, LOCKING, SINGLE
from smsparts.charset import charset
from smsparts.codec import codec_info, decode_gsm7, encode_gsm7, lookup
from smsparts.septets import pack_septets, unpack_septets

from . import scaling
from .conftest import load_vectors

PACKING: list[dict[str, Any]] = load_vectors("packing")["vectors"]
NATIONAL: list[dict[str, Any]] = load_vectors("national_decode")["vectors"]


def _septet_count(vector: dict[str, Any]) -> int:
    if "udl" in vector:
        return int(vector["udl"])
    if "septets_count" in vector:
        return int(vector["septets_count"])
    return len(vector["septets"])


def _packing_cases() -> list[Any]:
    """(name, text, septets) of every packing vector that has a text (default alphabet)."""
    cases = []
    for v in PACKING:
        if "text" not in v:
            continue
        packed = v.get("packed_hex") or v["packed_hex_zero_pad"]
        septets = unpack_septets(bytes.fromhex(packed), count=_septet_count(v))
        cases.append(pytest.param("gsm-7", v["text"], septets, id=v["id"]))
    return cases


def _national_cases() -> list[Any]:
    """(name, text, septets) of every national decode vector, one per table pair."""
    cases = []
    for v in NATIONAL:
        septets = unpack_septets(bytes.fromhex(v["ud_hex"]), count=v["udl"])
        single = v["tables"]["single"]
        if "texts_by_locking_table" in v:
            for locking, text in v["texts_by_locking_table"].items():
                name = codec_info(int(locking), single).name
                cases.append(pytest.param(name, text, septets, id=f"{v['id']}-{locking}"))
        else:
            name = codec_info(v["tables"]["locking"], single).name
            cases.append(pytest.param(name, v["text"], septets, id=v["id"]))
    return cases


NAME_TO_PAIR = {
    codec_info(lock, single).name: (lock, single) for lock in LOCKING for single in SINGLE
}
PACKING_CASES = _packing_cases()
DECODE_CASES = PACKING_CASES + _national_cases()


# Every entry point of a codec, as (text, codec name) -> septets / (septets, name) -> text.


def _str_encode(text: str, name: str) -> bytes:
    return text.encode(name)


def _codecs_encode(text: str, name: str) -> bytes:
    return codecs.encode(text, name)


def _info_encode(text: str, name: str) -> bytes:
    return codecs.lookup(name).encode(text)[0]


def _incremental_encode(text: str, name: str) -> bytes:
    encoder = codecs.getincrementalencoder(name)()
    return b"".join(encoder.encode(ch) for ch in text) + encoder.encode("", final=True)


def _stream_write(text: str, name: str) -> bytes:
    buffer = io.BytesIO()
    codecs.getwriter(name)(buffer).write(text)
    return buffer.getvalue()


def _text_io_write(text: str, name: str) -> bytes:
    buffer = io.BytesIO()
    wrapper = io.TextIOWrapper(buffer, encoding=name, newline="")
    wrapper.write(text)
    wrapper.flush()
    return buffer.getvalue()


def _bytes_decode(data: bytes, name: str) -> str:
    return data.decode(name)


def _codecs_decode(data: bytes, name: str) -> str:
    return codecs.decode(data, name)


def _info_decode(data: bytes, name: str) -> str:
    return codecs.lookup(name).decode(data)[0]


def _incremental_decode(data: bytes, name: str) -> str:
    decoder = codecs.getincrementaldecoder(name)()
    text = "".join(decoder.decode(data[i : i + 1]) for i in range(len(data)))
    return text + decoder.decode(b"", final=True)


def _stream_read(data: bytes, name: str) -> str:
    return codecs.getreader(name)(io.BytesIO(data)).read()


def _stream_read_chunks(data: bytes, name: str) -> str:
    reader = codecs.getreader(name)(io.BytesIO(data))
    parts = []
    while chunk := reader.read(1):
        parts.append(chunk)
    return "".join(parts)


def _text_io_read(data: bytes, name: str) -> str:
    return io.TextIOWrapper(io.BytesIO(data), encoding=name, newline="").read()


ENCODERS: list[Callable[[str, str], bytes]] = [
    _str_encode,
    _codecs_encode,
    _info_encode,
    _incremental_encode,
    _stream_write,
    _text_io_write,
]
DECODERS: list[Callable[[bytes, str], str]] = [
    _bytes_decode,
    _codecs_decode,
    _info_decode,
    _incremental_decode,
    _stream_read,
    _stream_read_chunks,
    _text_io_read,
]


@pytest.mark.parametrize("encoder", ENCODERS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize(("name", "text", "septets"), PACKING_CASES)
def test_encode_vectors(
    encoder: Callable[[str, str], bytes], name: str, text: str, septets: bytes
) -> None:
    """Every encoding entry point gives the septets of every packing vector."""
    assert encoder(text, name) == septets


@pytest.mark.parametrize("decoder", DECODERS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize(("name", "text", "septets"), DECODE_CASES)
def test_decode_vectors(
    decoder: Callable[[bytes, str], str], name: str, text: str, septets: bytes
) -> None:
    """Every decoding entry point gives the text of every packing and national vector."""
    assert decoder(septets, name) == text


@pytest.mark.parametrize(("name", "text", "septets"), DECODE_CASES)
def test_decode_gsm7_vectors(name: str, text: str, septets: bytes) -> None:
    """decode_gsm7 with the vector's table pair gives the vector's text."""
    locking, single = NAME_TO_PAIR[name]
    assert decode_gsm7(septets, locking=locking, single=single) == text


@pytest.mark.parametrize(
    "vector",
    [v for v in PACKING if "text" in v and "packed_hex" in v],
    ids=lambda v: v["id"],
)
def test_encode_then_pack(vector: dict[str, Any]) -> None:
    """encode_gsm7 then pack_septets rebuilds the published octets and septet count."""
    septets = encode_gsm7(vector["text"])
    assert len(septets) == _septet_count(vector)
    assert pack_septets(septets).hex().upper() == vector["packed_hex"]


def test_escapes_vector_counts_two_septets_per_extension_character() -> None:
    """78 characters with 4 extension characters take 82 septets (23.038 6.2.1.1)."""
    (vector,) = [v for v in PACKING if v["id"] == "pack-escapes-cyberchef"]
    assert len(vector["text"]) == 78
    assert len(encode_gsm7(vector["text"])) == vector["septets_count"] == 82


@pytest.mark.parametrize(
    "name", ["gsm-7", "GSM-7", "gsm_7", "gsm0338", "gsm03.38", "GSM 03.38", "gsm-7-default"]
)
def test_default_names(name: str) -> None:
    """The default alphabet is found under every documented name and alias."""
    assert codecs.lookup(name).name == "gsm-7"
    assert "Δ€".encode(name) == b"\x10\x1be"


@pytest.mark.parametrize(
    ("name", "pair"),
    [
        pytest.param(f"gsm-7-{lang}", (ident, ident), id=lang)
        for ident, lang in LANGUAGE_NAMES.items()
        if ident not in (0, 2)
    ]
    + [
        pytest.param("gsm-7-spanish", (0, 2), id="spanish"),
        pytest.param("gsm-7-default-turkish", (0, 1), id="default-turkish"),
        pytest.param("gsm-7-hindi-urdu", (6, 13), id="hindi-urdu"),
    ],
)
def test_national_names(name: str, pair: tuple[int, int]) -> None:
    """gsm-7-<language> and gsm-7-<locking>-<single> name the right table pair."""
    assert codecs.lookup(name) is codec_info(*pair)
    assert codecs.lookup(name).name == name


@pytest.mark.parametrize("name", ["gsm-7-klingon", "gsm-7-spanish-spanish", "gsm7", "gsm-8"])
def test_unknown_names(name: str) -> None:
    """Names without a table pair are not found (Spanish has no locking table)."""
    assert lookup(name) is None
    with pytest.raises(LookupError):
        codecs.lookup(name)


def test_spanish_codec_uses_spanish_single_shift() -> None:
    """gsm-7-spanish is the default alphabet with ESC + Spanish codes (ç is ESC 0x09)."""
    assert "ç".encode("gsm-7-spanish") == b"\x1b\x09"
    assert "ç".encode("gsm-7", "replace") == b"?"


def test_import_smsparts_registers_nothing() -> None:
    """import smsparts alone has no side effect: the codec needs import smsparts.codec."""
    code = (
        "import codecs, smsparts\n"
        "try:\n    codecs.lookup('gsm-7')\nexcept LookupError:\n    print('absent')\n"
        "import smsparts.codec\nprint(codecs.lookup('gsm-7').name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["absent", "gsm-7"]


# Encoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("@", b"\x00", id="at-ascii-path"),
        pytest.param("@é", b"\x00\x05", id="at-charmap-path"),
        pytest.param("Δ@", b"\x10\x00", id="at-after-greek"),
        pytest.param("", b"", id="empty"),
        pytest.param("a€b", b"a\x1beb", id="euro"),
        pytest.param("\f", b"\x1b\x0a", id="form-feed"),
        pytest.param("[\\]^{|}~", b"\x1b<\x1b/\x1b>\x1b\x14\x1b(\x1b@\x1b)\x1b=", id="ascii-ext"),
        pytest.param("\n\r", b"\n\r", id="lf-cr"),
        pytest.param("$_", b"\x02\x11", id="dollar-underscore"),
    ],
)
def test_encode_default(text: str, expected: bytes) -> None:
    """Default alphabet codes of 23.038 6.2.1 / 6.2.1.1, by hand from the tables."""
    assert encode_gsm7(text) == expected
    assert text.encode("gsm-7") == expected


@pytest.mark.parametrize("text", ["\x00", "@\x00", "é\x00", "`", "\ufffe", "😀", "ç"], ids=repr)
def test_unencodable(text: str) -> None:
    """NUL, backtick, U+FFFE, emoji and ç are not in the default tables."""
    with pytest.raises(UnencodableCharacter):
        encode_gsm7(text)


def test_strict_error_lists_every_character() -> None:
    """strict raises UnencodableCharacter, a UnicodeEncodeError, naming every character."""
    with pytest.raises(UnencodableCharacter) as info:
        "a ç {b} ` ok".encode("gsm-7")
    error = info.value
    assert isinstance(error, UnicodeEncodeError)
    assert (error.encoding, error.start, error.end) == ("gsm-7", 2, 3)
    assert error.characters == ((2, "ç"), (8, "`"))
    assert str(error) == (
        "2 characters are not in the GSM 7-bit alphabet: 'ç' (U+00E7 LATIN SMALL LETTER C "
        "WITH CEDILLA) at index 2, '`' (U+0060 GRAVE ACCENT) at index 8\n"
        "a ç {b} ` ok\n"
        "  ^     ^"
    )


def test_national_strict_error_names_the_tables() -> None:
    """A national codec's error says which tables were used."""
    with pytest.raises(UnencodableCharacter) as info:
        "ж".encode("gsm-7-turkish")
    assert info.value.reason == "not in the GSM 7-bit tables of gsm-7-turkish"


# "a ç{b}": ç is unencodable (default 0x09 is capital Ç), { and } are ESC 0x28 / 0x29.
ENCODE_HANDLERS = [
    ("replace", b"a ?\x1b(b\x1b)"),
    ("ignore", b"a \x1b(b\x1b)"),
    # \xe7: backslash is ESC 0x2F in the extension table
    ("backslashreplace", b"a \x1b/xe7\x1b(b\x1b)"),
    ("xmlcharrefreplace", b"a &#231;\x1b(b\x1b)"),
    (
        "namereplace",
        b"a \x1b/N\x1b(LATIN SMALL LETTER C WITH CEDILLA\x1b)\x1b(b\x1b)",
    ),
]


@pytest.mark.parametrize(
    ("errors", "expected"), ENCODE_HANDLERS, ids=[e for e, _ in ENCODE_HANDLERS]
)
@pytest.mark.parametrize("encoder", ["function", "str", "incremental", "stream"])
def test_encode_error_handlers(errors: str, expected: bytes, encoder: str) -> None:
    """Each stdlib handler gives its replacement, itself encoded with the GSM tables."""
    text = "a ç{b}"
    if encoder == "function":
        result = encode_gsm7(text, errors=errors)
    elif encoder == "str":
        result = text.encode("gsm-7", errors)
    elif encoder == "incremental":
        enc = codecs.getincrementalencoder("gsm-7")(errors)
        result = b"".join(enc.encode(ch) for ch in text)
    else:
        buffer = io.BytesIO()
        codecs.getwriter("gsm-7")(buffer, errors).write(text)
        result = buffer.getvalue()
    assert result == expected


def test_replace_covers_a_run_per_character() -> None:
    """A run of unencodable characters becomes one '?' each, as in the stdlib."""
    assert encode_gsm7("açжb😀", errors="replace") == b"a??b?"


def test_surrogateescape_gives_back_octets() -> None:
    """surrogateescape restores the octet a decode stored (U+DC80 -> 0x80)."""
    assert encode_gsm7("a\udc80b", errors="surrogateescape") == b"a\x80b"


@pytest.mark.parametrize("errors", ["surrogateescape", "surrogatepass"])
def test_surrogate_handlers_refuse_other_characters(errors: str) -> None:
    """surrogateescape/surrogatepass refuse ç as they do for stdlib charmap codecs."""
    with pytest.raises(UnicodeEncodeError) as info:
        encode_gsm7("aç", errors=errors)
    assert (info.value.start, info.value.end) == (1, 2)


def _register(name: str, handler: Callable[[UnicodeError], tuple[str | bytes, int]]) -> str:
    codecs.register_error(name, handler)
    return name


def test_custom_handler_sees_gsm7_exception() -> None:
    """A custom handler gets a UnicodeEncodeError for the run, named gsm-7."""
    seen: list[tuple[str, int, int]] = []

    def handler(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeEncodeError)
        seen.append((exc.encoding, exc.start, exc.end))
        return "[x]", exc.end

    name = _register("smsparts-test-record", handler)
    assert encode_gsm7("aççb", errors=name) == b"a\x1b<x\x1b>b"
    assert seen == [("gsm-7", 1, 3)]


def test_custom_handler_unencodable_replacement() -> None:
    """A replacement the tables cannot encode raises on the original characters."""
    name = _register("smsparts-test-bad", lambda exc: ("ж", exc.end))  # type: ignore[attr-defined]
    with pytest.raises(UnencodableCharacter) as info:
        encode_gsm7("aç", errors=name)
    assert info.value.characters == ((1, "ç"),)


def test_custom_handler_negative_resume() -> None:
    """A negative resume position counts from the end, as in the stdlib."""
    name = _register("smsparts-test-skip-to-last", lambda exc: ("!", -1))
    assert encode_gsm7("açxyz", errors=name) == b"a!z"


def test_custom_handler_bytes_replacement() -> None:
    """A bytes replacement is copied as is."""
    name = _register("smsparts-test-bytes", lambda exc: (b"\x7f", exc.end))  # type: ignore[attr-defined]
    assert encode_gsm7("açb", errors=name) == b"a\x7fb"


@pytest.mark.parametrize(
    "result", [("?",), ("?", "1"), (1, 1), "?"], ids=["short", "str-pos", "int-rep", "str"]
)
def test_handler_with_bad_result(result: object) -> None:
    """A handler must return (str or bytes, int): TypeError otherwise, as in the stdlib."""
    name = _register(f"smsparts-test-bad-result-{result!r}", lambda exc: result)  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError, match="encoding error handler must return"):
        encode_gsm7("aç", errors=name)
    with pytest.raises(TypeError, match="decoding error handler must return"):
        decode_gsm7(b"a\x80", errors=name)


def test_decode_handler_returning_bytes() -> None:
    """A decode handler must return text, not octets."""
    name = _register("smsparts-test-decode-bytes", lambda exc: (b"?", exc.end))  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="decoding error handler must return"):
        decode_gsm7(b"a\x80", errors=name)


def test_handler_resume_out_of_bounds() -> None:
    """A resume position past the input is refused with IndexError, as in the stdlib."""
    name = _register("smsparts-test-far", lambda exc: ("?", 99))
    with pytest.raises(IndexError, match="position 99 from error handler out of bounds"):
        encode_gsm7("aç", errors=name)
    with pytest.raises(IndexError, match="position 99 from error handler out of bounds"):
        decode_gsm7(b"a\x80", errors=name)


def test_stream_writer_decodes_too() -> None:
    """A StreamWriter, being a Codec, also decodes (stateless)."""
    writer = codecs.getwriter("gsm-7")(io.BytesIO())
    assert writer.decode(b"\x1be") == ("€", 2)


def test_unknown_handler_is_looked_up_lazily() -> None:
    """An unknown handler name only fails when an error occurs (LookupError)."""
    assert encode_gsm7("ok", errors="no-such-handler") == b"ok"
    with pytest.raises(LookupError):
        encode_gsm7("ç", errors="no-such-handler")


def test_encode_rejects_missing_table_pair() -> None:
    """Spanish has no locking shift table: an InvalidOption naming the ids, not a KeyError."""
    message = (
        "locking must be the id of a language with a locking shift table "
        "(0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), not 2"
    )
    for call in (
        lambda: encode_gsm7("a", locking=2, single=2),
        lambda: decode_gsm7(b"a", locking=2, single=2),
        lambda: codec_info(2, 2),
    ):
        with pytest.raises(InvalidOption) as info:
            call()
        assert str(info.value) == message


@pytest.mark.parametrize("single", [14, -1, 2**64], ids=["14", "negative", "huge"])
def test_unknown_single_shift_table_is_an_invalid_option(single: int) -> None:
    """A single shift id with no table is an InvalidOption (a ValueError)."""
    with pytest.raises(InvalidOption, match="single must be the id of a language"):
        encode_gsm7("a", single=single)
    with pytest.raises(InvalidOption, match="single must be the id of a language"):
        decode_gsm7(b"a", single=single)


WRONG_TYPES: list[Any] = [
    pytest.param(lambda: encode_gsm7(5), "text must be a str, not int", id="encode-int"),  # type: ignore[arg-type]
    pytest.param(lambda: encode_gsm7(b"a"), "text must be a str, not bytes", id="encode-bytes"),  # type: ignore[arg-type]
    pytest.param(
        lambda: encode_gsm7("a", locking="1"),  # type: ignore[arg-type]
        "locking must be an int, not str",
        id="encode-locking-str",
    ),
    pytest.param(
        lambda: encode_gsm7("a", single=True),
        "single must be an int, not bool",
        id="encode-single-bool",
    ),
    pytest.param(
        lambda: encode_gsm7("a", errors=None),  # type: ignore[arg-type]
        "errors must be a str, not NoneType",
        id="encode-errors-none",
    ),
    pytest.param(lambda: decode_gsm7(5), "data must be bytes", id="decode-int"),  # type: ignore[arg-type]
    pytest.param(lambda: decode_gsm7("@@"), "data must be bytes", id="decode-str"),  # type: ignore[arg-type]
    pytest.param(lambda: decode_gsm7([0, 1]), "data must be bytes", id="decode-list"),  # type: ignore[arg-type]
    pytest.param(
        lambda: decode_gsm7(b"a", locking=1.0),  # type: ignore[arg-type]
        "locking must be an int, not float",
        id="decode-locking-float",
    ),
    pytest.param(
        lambda: decode_gsm7(b"a", errors=b"strict"),  # type: ignore[arg-type]
        "errors must be a str, not bytes",
        id="decode-errors-bytes",
    ),
    pytest.param(lambda: codec_info("1", 1), "locking must be an int", id="info-str"),  # type: ignore[arg-type]
    pytest.param(
        lambda: codec_info(True, True), "locking must be an int, not bool", id="info-bool"
    ),
    pytest.param(lambda: lookup(7), "name must be a str, not int", id="lookup-int"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("call", "message"), WRONG_TYPES)
def test_wrong_types_are_type_errors(call: Callable[[], object], message: str) -> None:
    """A wrong type is a TypeError naming the argument (decode_gsm7(5) used to give '@@@@@')."""
    with pytest.raises(TypeError, match=re.escape(message)):
        call()


def test_bool_ids_are_not_cached_as_ints() -> None:
    """codec_info(True, True) is refused even after codec_info(1, 1) was built."""
    assert codec_info(1, 1).name == "gsm-7-turkish"
    with pytest.raises(TypeError):
        codec_info(True, True)


# Decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"\x1b\x1b", " ", id="esc-esc-is-space"),
        pytest.param(b"a\x1b\x1bb", "a b", id="esc-esc-consumes-both"),
        pytest.param(b"\x1b\x1b\x1b(", " {", id="esc-esc-then-esc-pair"),
        pytest.param(b"\x1bA", "A", id="esc-undefined-shows-base"),
        pytest.param(b"\x1b\x00", "@", id="esc-undefined-at"),
        pytest.param(b"\x1b\x0d", "\r", id="esc-cr2-shows-cr"),
        pytest.param(b"\x1b\x0a", "\f", id="esc-lf-is-form-feed"),
        pytest.param(b"\x1be", "€", id="euro"),
        pytest.param(b"\x00\x01\x02\x10\x11", "@£$Δ_", id="low-septets"),
    ],
)
def test_decode_escape_rules(data: bytes, expected: str) -> None:
    """23.038 6.2.1.1: ESC ESC shows a space, ESC + undefined shows the base character."""
    assert decode_gsm7(data) == expected
    assert data.decode("gsm-7") == expected
    assert _incremental_decode(data, "gsm-7") == expected


def test_telugu_escape_e_falls_back() -> None:
    """Telugu single shift has no € at 0x65, so ESC 0x65 shows the locking 'e'."""
    assert decode_gsm7(b"\x1be", locking=12, single=12) == "e"


def test_esc_undefined_in_both_tables() -> None:
    """ESC + a septet undefined in both Bengali tables (0x5B) is an error."""
    with pytest.raises(UnicodeDecodeError) as info:
        decode_gsm7(b"a\x1b\x5bb", locking=4, single=4)
    assert (info.value.start, info.value.end) == (1, 3)
    assert info.value.reason == "escape sequence undefined in both tables"
    assert decode_gsm7(b"a\x1b\x5bb", locking=4, single=4, errors="replace") == "a\ufffdb"


def test_undefined_locking_septet() -> None:
    """A septet undefined in the locking table (Bengali 0x0C) is an error."""
    with pytest.raises(UnicodeDecodeError) as info:
        decode_gsm7(b"a\x0c", locking=4, single=4)
    assert (info.value.encoding, info.value.start, info.value.end) == ("gsm-7-bengali", 1, 2)
    assert info.value.reason == "septet undefined in the locking shift table"


# b"a\x80b\x1b": an octet that is no septet, then a trailing lone ESC.
DECODE_HANDLERS = [
    ("replace", "a\ufffdb\ufffd"),
    ("ignore", "ab"),
    ("backslashreplace", "a\\x80b\\x1b"),
]


@pytest.mark.parametrize(
    ("errors", "expected"), DECODE_HANDLERS, ids=[e for e, _ in DECODE_HANDLERS]
)
@pytest.mark.parametrize("decoder", ["function", "bytes", "incremental", "stream"])
def test_decode_error_handlers(errors: str, expected: str, decoder: str) -> None:
    """Each stdlib handler treats the bad octet and the lone ESC as in the stdlib."""
    data = b"a\x80b\x1b"
    if decoder == "function":
        result = decode_gsm7(data, errors=errors)
    elif decoder == "bytes":
        result = data.decode("gsm-7", errors)
    elif decoder == "incremental":
        dec = codecs.getincrementaldecoder("gsm-7")(errors)
        result = "".join(dec.decode(data[i : i + 1]) for i in range(len(data)))
        result += dec.decode(b"", final=True)
    else:
        result = codecs.getreader("gsm-7")(io.BytesIO(data), errors).read()
    assert result == expected


@pytest.mark.parametrize("errors", ["xmlcharrefreplace", "namereplace"])
def test_decode_with_encode_only_handlers(errors: str) -> None:
    """Encode-only handlers refuse a decode error with TypeError, as in the stdlib."""
    with pytest.raises(TypeError, match="don't know how to handle UnicodeDecodeError"):
        b"a\xffb".decode("gsm-7", errors)


def test_decode_surrogatepass_raises() -> None:
    """surrogatepass only serves UTF-8/16/32: the decode error is raised."""
    with pytest.raises(UnicodeDecodeError):
        b"a\xffb".decode("gsm-7", "surrogatepass")


def test_decode_strict_octet_above_7f() -> None:
    """strict: an octet above 0x7F raises UnicodeDecodeError at that octet."""
    with pytest.raises(UnicodeDecodeError) as info:
        b"ab\xffc".decode("gsm-7")
    assert (info.value.encoding, info.value.start, info.value.end) == ("gsm-7", 2, 3)
    assert info.value.reason == "octet above 0x7F is not a septet"


def test_decode_strict_trailing_esc() -> None:
    """strict: a lone ESC at the end raises (it is not guessed)."""
    with pytest.raises(UnicodeDecodeError) as info:
        decode_gsm7(b"ab\x1b")
    assert (info.value.start, info.value.end) == (2, 3)
    assert info.value.reason == "incomplete escape sequence (ESC at the end)"


def test_decode_esc_before_non_septet() -> None:
    """ESC then an octet above 0x7F: two errors, the ESC and the octet."""
    assert decode_gsm7(b"\x1b\x80a", errors="replace") == "\ufffd\ufffda"
    assert decode_gsm7(b"\x1b\x80a", errors="ignore") == "a"


def test_decode_surrogateescape() -> None:
    """surrogateescape keeps octets above 0x7F as U+DC80..U+DCFF, and round-trips."""
    text = decode_gsm7(b"a\xc3b", errors="surrogateescape")
    assert text == "a\udcc3b"
    assert encode_gsm7(text, errors="surrogateescape") == b"a\xc3b"


def test_decode_accepts_buffers() -> None:
    """bytearray and memoryview decode like bytes."""
    assert decode_gsm7(bytearray(b"\x1be")) == "€"
    assert codecs.decode(memoryview(b"\x1be"), "gsm-7") == "€"


def test_incremental_decoder_holds_back_trailing_esc() -> None:
    """A trailing ESC waits for its septet; ESC ESC at a chunk end does not."""
    dec = codecs.getincrementaldecoder("gsm-7")()
    assert dec.decode(b"a\x1b") == "a"
    assert dec.getstate() == (b"\x1b", 0)
    assert dec.decode(b"e") == "€"
    assert dec.decode(b"\x1b\x1b") == " "
    assert dec.decode(b"\x1b\x1b\x1b") == " "
    assert dec.decode(b"(", final=True) == "{"


def test_incremental_decoder_final_lone_esc() -> None:
    """At final=True a held-back ESC is an error under strict."""
    dec = codecs.getincrementaldecoder("gsm-7")()
    assert dec.decode(b"x\x1b") == "x"
    with pytest.raises(UnicodeDecodeError):
        dec.decode(b"", final=True)


def test_incremental_decoder_reset() -> None:
    """reset() drops a held-back ESC."""
    dec = codecs.getincrementaldecoder("gsm-7")()
    dec.decode(b"\x1b")
    dec.reset()
    assert dec.decode(b"e", final=True) == "e"


def test_stream_reader_pairs_across_reads() -> None:
    """Reads that split an ESC pair still give the extension character."""
    reader = codecs.getreader("gsm-7")(io.BytesIO(b"a\x1be\x1b("))
    assert reader.read(1) == "a"
    assert reader.read(1) == "€"  # the first read(1) of the stream returns the ESC alone
    assert reader.read() == "{"


def test_stream_reader_lone_esc_at_end() -> None:
    """A lone ESC at the end of the stream is an error under strict."""
    reader = codecs.getreader("gsm-7")(io.BytesIO(b"ab\x1b"))
    with pytest.raises(UnicodeDecodeError):
        reader.read()


def test_stream_reader_readline() -> None:
    """readline() splits on LF (septet 0x0A)."""
    reader = codecs.getreader("gsm-7")(io.BytesIO(b"\x00\n\x1be\n"))
    assert reader.readlines() == ["@\n", "€\n"]


# Every character of every table ---------------------------------------------------------


def _pairs() -> list[tuple[int, int]]:
    pairs = {(lang, lang) for lang in LOCKING if lang in SINGLE} | {(0, lang) for lang in SINGLE}
    return sorted(pairs)


@pytest.mark.parametrize(("locking", "single"), _pairs(), ids=lambda p: str(p))
def test_every_character_round_trips(locking: int, single: int) -> None:
    """Each character of a pair's tables encodes to its table position(s) and back."""
    cs = charset(locking, single)
    name = codec_info(locking, single).name
    for ch in cs.encoding_map:
        septets = encode_gsm7(ch, locking=locking, single=single)
        if ch in cs.basic:
            assert len(septets) == 1
            assert cs.decoding_locking[septets[0]] == ch
        else:
            assert septets[0] == 0x1B
            assert len(septets) == 2
            assert cs.decoding_single[septets[1]] == ch
        assert decode_gsm7(septets, locking=locking, single=single) == ch
        assert septets.decode(name) == ch


# Linear time -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [b"\x80A", b"\x1b\x80A", b"A" * 50 + b"\x80", b"\x1b"],
    ids=["high-octets", "esc-then-high", "sparse-errors", "lone-escs"],
)
@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_decode_with_errors_is_linear(unit: bytes, errors: str) -> None:
    """decode_gsm7 with a handler over many bad octets grows linearly with the data."""

    # Before: each error searched for the next ESC to the end of the data, and a bad
    # octet made charmap_decode raise with a copy of the rest: 1,000,000 octets of
    # b"\x80A" took 43 s against 0.38 s for 100,000.
    def make(size: int) -> bytes:
        return (unit * (size // len(unit) + 1))[:size]

    def run(data: bytes) -> str:
        return decode_gsm7(data, errors=errors)

    assert scaling.ratio(make, run, 20_000) < scaling.MAX_RATIO


def test_decode_replace_marks_every_bad_octet() -> None:
    """Every octet above 0x7F of a long input becomes one U+FFFD, in place."""
    assert decode_gsm7(b"\x80A" * 50_000, errors="replace") == "\ufffdA" * 50_000


def test_encode_with_errors_is_linear() -> None:
    """encode_gsm7 with a handler over many unencodable characters grows linearly."""

    def make(size: int) -> str:
        return ("çA" * size)[:size]

    def run(text: str) -> bytes:
        return encode_gsm7(text, errors="replace")

    assert scaling.ratio(make, run, 20_000) < scaling.MAX_RATIO


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: codecs.encode(5, "gsm-7"), id="codecs-encode-int"),  # type: ignore[call-overload]
        pytest.param(lambda: codecs.encode(b"ab", "gsm-7"), id="codecs-encode-bytes"),  # type: ignore[call-overload]
        pytest.param(lambda: codecs.decode(5, "gsm-7"), id="codecs-decode-int"),  # type: ignore[call-overload]
        pytest.param(lambda: codecs.decode("ab", "gsm-7"), id="codecs-decode-str"),  # type: ignore[call-overload]
        pytest.param(
            lambda: codecs.getincrementalencoder("gsm-7")().encode(5),  # type: ignore[arg-type]
            id="incremental-encode-int",
        ),
        pytest.param(
            lambda: codecs.getincrementaldecoder("gsm-7")().decode(5),  # type: ignore[arg-type]
            id="incremental-decode-int",
        ),
        pytest.param(lambda: codec_info(1, 1).encode(5), id="info-encode-int"),  # type: ignore[arg-type]
        pytest.param(lambda: codec_info(1, 1).decode(7), id="info-decode-int"),  # type: ignore[arg-type]
    ],
)
def test_codec_entry_points_reject_wrong_types(call: Callable[[], object]) -> None:
    """Every codec entry point raises TypeError for a wrong type, as the stdlib codecs do."""
    # Before: codecs.decode(5, "gsm-7") returned '@@@@@' and codecs.encode(5, "gsm-7")
    # raised AttributeError.
    with pytest.raises(TypeError):
        call()
