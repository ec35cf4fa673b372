"""The GSM 7-bit alphabet as a Python codec: unpacked septets, one per octet.

Importing this module registers the codec (as :mod:`encodings.idna` does; ``import
smsparts`` alone registers nothing)::

    >>> import smsparts.codec
    >>> "Hi @ 5€".encode("gsm-7")
    b'Hi \\x00 5\\x1be'
    >>> b"Hi \\x00 5\\x1be".decode("gsm0338")
    'Hi @ 5€'

Names: ``gsm-7`` (aliases ``gsm0338``, ``gsm03.38``) for the default alphabet and its
extension table (23.038 6.2.1, 6.2.1.1); ``gsm-7-<language>`` for the locking and
single shift tables of a national language (23.038 6.2.1.2; ``gsm-7-spanish`` is the
default alphabet with the Spanish single shift table, Spanish having no locking
table); ``gsm-7-<locking>-<single>`` for any other pair (``gsm-7-default-turkish``).
:func:`codec_info` builds the :class:`codecs.CodecInfo` of a pair directly.

Every ``errors=`` handler works as with the stdlib codecs: the handler gets a standard
:class:`UnicodeEncodeError` / :class:`UnicodeDecodeError` and its replacement is
encoded with the same tables.  ``strict`` encoding raises
:class:`smsparts.UnencodableCharacter` (a :class:`UnicodeEncodeError`) listing every
unencodable character; ``strict`` decoding raises :class:`UnicodeDecodeError`.

Decoding follows 23.038 6.2.1.1 (details in docs/codec.md): ESC + a septet the single
shift table lacks shows the locking table's character (so ESC CR2 shows CR); ESC ESC
(SS2) shows a space; an ESC at the very end, or before an octet above 0x7F, is an
error (``replace`` gives U+FFFD, ``ignore`` drops it).  The incremental decoder and the
stream reader hold a trailing ESC back until more data or the end comes.

Packing the septets into 7-bit octets is :func:`smsparts.septets.pack_septets`.
"""

from __future__ import annotations

import codecs
from functools import cache
from typing import TYPE_CHECKING, ClassVar, Final

from . import _codec_impl
from ._codec_impl import Tables, tables
from ._options import check_int, check_str, check_type
from ._tables import LANGUAGE_NAMES, LOCKING, SINGLE
from .errors import InvalidOption

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["codec_info", "decode_gsm7", "encode_gsm7", "lookup"]

_DEFAULT: Final = tables(0, 0)
_LOCKING_IDS: Final = ", ".join(str(code) for code in sorted(LOCKING))
_SINGLE_IDS: Final = ", ".join(str(code) for code in sorted(SINGLE))


def _pair(locking: object, single: object) -> Tables:
    """The tables of a (locking, single shift) pair, checked by the shared option policy.

    A language id that is not an ``int`` (``"1"``, ``1.0``, ``True``) is a
    :class:`TypeError`; an id with no such table (Spanish, 2, has no locking shift
    table) is an :class:`~smsparts.errors.InvalidOption`.
    """
    lock = check_int("locking", locking)
    shift = check_int("single", single)
    if lock == shift == 0:
        return _DEFAULT
    if lock not in LOCKING:
        raise InvalidOption(
            "locking", locking, f"the id of a language with a locking shift table ({_LOCKING_IDS})"
        )
    if shift not in SINGLE:
        raise InvalidOption(
            "single", single, f"the id of a language with a single shift table ({_SINGLE_IDS})"
        )
    return tables(lock, shift)


def _octets(input: object) -> bytes:
    """``input`` as ``bytes``: any bytes-like object, else a ``TypeError`` (as the stdlib
    codecs; ``bytes(5)`` would silently give five zero octets)."""
    if type(input) is bytes:
        return input
    try:
        return bytes(memoryview(input))  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not {type(input).__name__}") from None


def _text(input: object) -> str:
    """``input`` if it is a ``str``, else a ``TypeError`` (as the stdlib codecs)."""
    if type(input) is str:
        return input
    return check_str("input", input)


def encode_gsm7(text: str, *, locking: int = 0, single: int = 0, errors: str = "strict") -> bytes:
    """Encode ``text`` as unpacked GSM 7-bit septets, one per octet.

    Clause: 23.038 6.2.1 (default alphabet), 6.2.1.1 (ESC + extension table), 6.2.1.2
    (national locking and single shift tables).  A character in both tables takes
    the one-septet locking code.

    Args:
        text: the text.
        locking: language id of the locking shift table (0: default alphabet).
        single: language id of the single shift table (0: default extension table).
        errors: a codec error handler name (``strict``, ``replace``, ``ignore``, ...).

    Returns:
        The septets; a single shift character takes two (0x1B, septet).

    Raises:
        UnencodableCharacter: with ``errors="strict"``, every character not in the
            tables (a :class:`UnicodeEncodeError`).
        TypeError: ``text`` is not a ``str``, a language id not an ``int``, or
            ``errors`` not a ``str``.
        InvalidOption: no such table (Spanish has no locking table).
        LookupError: an unknown ``errors`` handler, when a character needs it (as the
            stdlib codecs).

    >>> encode_gsm7("{ok}")
    b'\\x1b(ok\\x1b)'
    >>> encode_gsm7("ç", errors="replace")
    b'?'
    """
    check_str("text", text)
    t = _pair(locking, single)
    return _codec_impl.encode(text, t, check_str("errors", errors))


def decode_gsm7(
    data: bytes | bytearray | memoryview,
    *,
    locking: int = 0,
    single: int = 0,
    errors: str = "strict",
) -> str:
    """Decode unpacked GSM 7-bit septets, one per octet.

    Clause: 23.038 6.2.1, 6.2.1.1 and 6.2.1.2; the rules for ESC are in
    docs/codec.md (ESC + undefined shows the locking character, ESC ESC a space).

    Args:
        data: septets, one per octet (see :func:`smsparts.septets.unpack_septets`).
        locking: language id of the locking shift table (0: default alphabet).
        single: language id of the single shift table (0: default extension table).
        errors: a codec error handler name.

    Returns:
        The text.

    Raises:
        UnicodeDecodeError: with ``errors="strict"``, an octet above 0x7F, a septet
            undefined in the locking table, or an ESC not followed by a septet.
        TypeError: ``data`` is not ``bytes``, ``bytearray`` or ``memoryview``, a
            language id not an ``int``, or ``errors`` not a ``str``.
        InvalidOption: no such table pair.
        LookupError: an unknown ``errors`` handler, when an octet needs it.

    >>> decode_gsm7(b"\\x1b(ok\\x1b)")
    '{ok}'
    >>> decode_gsm7(b"a\\x1b\\x1bb")
    'a b'
    """
    check_type("data", data, (bytes, bytearray, memoryview), "bytes, bytearray or memoryview")
    t = _pair(locking, single)
    check_str("errors", errors)
    if not isinstance(data, bytes):
        data = bytes(data)
    return _codec_impl.decode(data, t, errors)[0]


class _Codec(codecs.Codec):
    """Stateless encode / decode of one table pair (the pair is a class attribute)."""

    _tables: ClassVar[Tables]

    def encode(self, input: str, errors: str = "strict") -> tuple[bytes, int]:
        """Encode ``input``; returns (septets, characters consumed)."""
        return _codec_impl.encode(_text(input), self._tables, errors), len(input)

    def decode(self, input: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
        """Decode ``input``; returns (text, octets consumed)."""
        return _codec_impl.decode(_octets(input), self._tables, errors)


class _IncrementalEncoder(codecs.IncrementalEncoder):
    _tables: ClassVar[Tables]

    def encode(self, input: str, final: bool = False) -> bytes:
        # Stateless: every character encodes on its own, so nothing is held back.
        return _codec_impl.encode(_text(input), self._tables, self.errors)


class _IncrementalDecoder(codecs.BufferedIncrementalDecoder):
    _tables: ClassVar[Tables]

    def _buffer_decode(
        self,
        input: ReadableBuffer,
        errors: str,
        final: bool,
    ) -> tuple[str, int]:
        # A trailing ESC waits in the buffer for its septet (or for final=True).
        return _codec_impl.decode(_octets(input), self._tables, errors, final=final)


class _StreamWriter(_Codec, codecs.StreamWriter):
    pass


class _StreamReader(_Codec, codecs.StreamReader):
    def decode(self, input: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
        # codecs.StreamReader.read() passes the undecoded rest plus the new data, and at
        # the end of the stream the rest alone: only then is a trailing ESC final.
        input = _octets(input)
        final = len(input) == len(self.bytebuffer)
        return _codec_impl.decode(input, self._tables, errors, final=final)


def codec_info(locking: int = 0, single: int = 0) -> codecs.CodecInfo:
    """The :class:`codecs.CodecInfo` of a (locking, single shift) table pair.

    Works whether or not the pair has a registered name; ``codec_info(0, 0)`` is the
    ``gsm-7`` codec.

    Args:
        locking: language id of the locking shift table (0: default alphabet).
        single: language id of the single shift table (0: default extension table).

    Raises:
        TypeError: a language id that is not an ``int``.
        InvalidOption: no such table pair (Spanish has no locking table).

    >>> info = codec_info(1, 1)
    >>> info.name, info.encode("ş")
    ('gsm-7-turkish', (b'\\x1d', 1))
    """
    return _codec_info(_pair(locking, single))


@cache
def _codec_info(t: Tables) -> codecs.CodecInfo:
    """The ``CodecInfo`` of checked tables; one per table pair (at most 14 x 13)."""

    # One subclass of each entry point per table pair, the pair as a class attribute.
    class IncrementalEncoder(_IncrementalEncoder):
        _tables = t

    class IncrementalDecoder(_IncrementalDecoder):
        _tables = t

    class StreamWriter(_StreamWriter):
        _tables = t

    class StreamReader(_StreamReader):
        _tables = t

    # str.encode() / bytes.decode() pay the codec registry on every call, so the
    # stateless functions inline the fast paths of _codec_impl for plain text.
    ascii_table = t.ascii_table
    decode_fast = _codec_impl.decode_fast

    def encode(input: str, errors: str = "strict") -> tuple[bytes, int]:
        input = _text(input)
        if input.isascii():
            out = input.encode("ascii").translate(ascii_table)
            if out.isascii():
                return out, len(input)
        return _codec_impl.encode(input, t, errors), len(input)

    def decode(input: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
        input = _octets(input)
        text = decode_fast(input, t)
        if text is None:
            return _codec_impl.decode(input, t, errors)
        return text, len(input)

    return codecs.CodecInfo(
        name=t.name,
        encode=encode,
        decode=decode,
        incrementalencoder=IncrementalEncoder,
        incrementaldecoder=IncrementalDecoder,
        streamwriter=StreamWriter,
        streamreader=StreamReader,
    )


def _names() -> dict[str, tuple[int, int]]:
    """Normalized codec name (lower case, ``-`` and space as ``_``) to table pair."""
    names = {"gsm_7": (0, 0), "gsm0338": (0, 0), "gsm03.38": (0, 0), "gsm_03.38": (0, 0)}
    for lock, lock_name in LANGUAGE_NAMES.items():
        for single, single_name in LANGUAGE_NAMES.items():
            if lock in LOCKING and single in SINGLE:
                names[f"gsm_7_{lock_name}_{single_name}"] = (lock, single)
        if lock in SINGLE:
            names[f"gsm_7_{lock_name}"] = (lock, lock) if lock in LOCKING else (0, lock)
    return names


_NAMES: Final = _names()


def lookup(name: str) -> codecs.CodecInfo | None:
    """The codec search function registered on import: a name to its ``CodecInfo``.

    >>> lookup("GSM-7-Turkish").name
    'gsm-7-turkish'
    """
    check_str("name", name)
    pair = _NAMES.get(name.lower().replace("-", "_").replace(" ", "_"))
    return None if pair is None else _codec_info(tables(*pair))


codecs.register(lookup)
