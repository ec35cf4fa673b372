"""The GSM 7-bit encoder and decoder behind :mod:`smsparts.codec` (private).

Septets are unpacked here, one per octet.  The common cases run in C:

* Encoding maps every character to one octet, in one C call: ``str.encode("ascii")``
  plus ``bytes.translate`` for ASCII text, ``codecs.charmap_encode`` with an
  ``EncodingMap`` otherwise.  Octets 0x00-0x7F are septets; a character that needs
  ESC + septet gets a *marker* octet from 0x80 up, which ``bytes.replace`` then
  expands (one call per distinct marker present).  An ``EncodingMap`` always maps
  U+0000 to 0x00, so the character at septet 0x00 (``@`` in the default alphabet) gets
  a marker too, and a 0x00 in its output means the text held a NUL, which is not a
  GSM character.
* Decoding first folds each ESC pair into one octet: the septet after an ESC gets
  bit 7 set (one shift and one OR over the data as one integer) and the ESCs are
  deleted with ``bytes.translate``; octets 0x80-0xFF then decode through the single
  shift table.  A text whose characters are all Latin-1 is decoded with
  ``bytes.translate`` and ``bytes.decode("latin-1")``; any other with
  ``codecs.charmap_decode``.

Anything else (errors, ESC ESC, a trailing ESC, an ambiguous pair) takes the slow
path, which walks the data run by run and hands each error to the ``errors=`` handler
with a standard exception, as the stdlib codecs do.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import cache
from typing import Final

from ._tables import LANGUAGE_NAMES
from .charset import ESC, UNDEFINED, Charset, charset
from .errors import UnencodableCharacter

_UNENCODABLE: Final = 0xFF  # octet of the ASCII table for a character not in the tables
_FIRST_MARKER: Final = 0x80
_FEW_MARKERS: Final = 24  # up to this many, _expand() looks for each marker in turn
_SEPTETS: Final = bytes(range(0x80))  # deleted by translate() to leave only markers
_OCTET: Final = [bytes([octet]) for octet in range(256)]
_ESC_OCTET: Final = b"\x1b"
_ESC_FLAGS: Final = bytes(0x80 if octet == ESC else 0 for octet in range(256))
_SS2_FOLDED: Final = 0x80 | ESC  # ESC ESC after folding
# Tables with more characters outside Latin-1 than this decode with charmap_decode.
_MAX_PLACEHOLDERS: Final = 24

# Handlers whose result for one bad octet is fixed, so a run is decoded in one C call.
_BUILTIN_HANDLERS: Final = frozenset({"replace", "ignore"})

# 23.038 6.2.1.1 / 6.2.1.2.2: SS2, "reserved for the extension to another extension
# table.  On receipt of this code, a receiving entity shall display a space".
_SS2_DISPLAY: Final = " "


def codec_name(locking: int, single: int) -> str:
    """Canonical codec name of a (locking, single shift) table pair."""
    if locking == single:
        return "gsm-7" if locking == 0 else f"gsm-7-{LANGUAGE_NAMES[locking]}"
    if locking == 0 and single == 2:
        return "gsm-7-spanish"  # Spanish has no locking shift table (23.038 A.3.2)
    return f"gsm-7-{LANGUAGE_NAMES[locking]}-{LANGUAGE_NAMES[single]}"


class Tables:
    """Lookup structures of one table pair, built once (see :func:`tables`).

    Attributes:
        ascii_table: ``bytes.translate`` table from ASCII to septets or markers.
        char_map: ``EncodingMap`` from characters to septets or markers.
        expansions: marker octet to the septets it stands for.
        decoding_folded: 256-character decoding string: the locking table at
            0x00-0x7F, what ESC + septet shows at 0x80 | septet.
        latin_table: ``bytes.translate`` table from folded octets to Latin-1 (or a
            placeholder), or ``None`` when the tables hold too many other characters.
        latin_marker: the octet ``latin_table`` gives to undefined septets.
        latin_fixes: (placeholder octet, placeholder, character) of each character
            outside Latin-1.
    """

    __slots__ = (
        "ascii_table",
        "char_map",
        "charset",
        "decoding_folded",
        "decoding_locking",
        "decoding_single",
        "encoding_map",
        "expansions",
        "latin_fixes",
        "latin_marker",
        "latin_table",
        "locking_error",
        "name",
        "reason",
    )

    def __init__(self, locking: int, single: int) -> None:
        cs = charset(locking, single)
        self.charset: Charset = cs
        self.name = codec_name(locking, single)
        self.reason = (
            "not in the GSM 7-bit alphabet"
            if locking == single == 0
            else f"not in the GSM 7-bit tables of {self.name}"
        )
        self.encoding_map: dict[str, int] = cs.encoding_map
        self.decoding_locking: str = cs.decoding_locking
        self.decoding_single: str = cs.decoding_single
        self._build_encoder()
        self._build_decoder()

    def _build_encoder(self) -> None:
        # The EncodingMap's decoding string: index 0 must be U+0000 for charmap_build to
        # build an EncodingMap (it builds a slow dict otherwise); U+FFFE is unmapped.
        build = [UNDEFINED] * 256
        build[0] = "\x00"
        ascii_table = bytearray([_UNENCODABLE]) * 256
        expansions: dict[int, bytes] = {}
        marker = _FIRST_MARKER
        for ch, code in sorted(self.encoding_map.items(), key=lambda item: item[1]):
            if 0 < code <= 0x7F:
                octet = code
            else:
                octet = marker
                marker += 1
                expansions[octet] = bytes([ESC, code & 0x7F]) if code > 0x7F else b"\x00"
            build[octet] = ch
            if ord(ch) < 0x80:
                ascii_table[ord(ch)] = code if code <= 0x7F else octet
        # At most 126 single shift characters (no 0x0D, 0x1B) plus septet 0: 0xFF stays free.
        assert marker <= _UNENCODABLE, "more markers than octets 0x80-0xFE"
        self.ascii_table = bytes(ascii_table)
        self.char_map = codecs.charmap_build("".join(build))
        self.expansions = expansions

    def _build_decoder(self) -> None:
        locking = self.decoding_locking
        shown = []
        for code, ch in enumerate(self.decoding_single):
            if ch == UNDEFINED:
                # 23.038 6.2.1.1: "In the event that an MS receives a code where a
                # symbol is not represented in the above table then the MS shall display
                # either the character shown in the main GSM 7 bit default alphabet
                # table ...".  This covers CR2 (0x0D): it shows CR.
                ch = locking[code]
            shown.append(_SS2_DISPLAY if code == ESC else ch)
        folded = locking + "".join(shown)
        self.decoding_folded = folded
        # What the locking table cannot decode: an octet above 0x7F or an undefined
        # septet.  The slow path finds the next one with one search, never by letting
        # charmap_decode raise (its exception copies the rest of the input each time).
        bad = [code for code in range(256) if code > 0x7F or locking[code] == UNDEFINED]
        self.locking_error = re.compile(b"[" + b"".join(re.escape(bytes([c])) for c in bad) + b"]")
        # Latin-1 decoding: every Latin-1 character of the table decodes as itself; the
        # few others get a free Latin-1 code as a placeholder, replaced afterwards.
        used = {ord(ch) for ch in folded if ch <= "\xff"}
        free = [code for code in range(0x80, 256) if code not in used]
        others = sorted({ch for ch in folded if ch > "\xff" and ch != UNDEFINED})
        self.latin_marker = free[0]
        self.latin_table: bytes | None = None
        self.latin_fixes: tuple[tuple[int, str, str], ...] = ()
        if len(others) <= min(_MAX_PLACEHOLDERS, len(free) - 1):
            placeholder = dict(zip(others, free[1:], strict=False))
            self.latin_table = bytes(
                self.latin_marker
                if ch == UNDEFINED
                else ord(ch)
                if ch <= "\xff"
                else placeholder[ch]
                for ch in folded
            )
            self.latin_fixes = tuple((code, chr(code), ch) for ch, code in placeholder.items())


@cache
def tables(locking: int, single: int) -> Tables:
    """The (cached) :class:`Tables` of a table pair; ``ValueError`` if there is none."""
    return Tables(int(locking), int(single))


def _resume(position: int, length: int) -> int:
    """An error handler's resume position, made absolute as the stdlib codecs do."""
    if position < 0:
        position += length
    if not 0 <= position <= length:
        raise IndexError(f"position {position} from error handler out of bounds")
    return position


def _handler_result(result: object) -> tuple[str | bytes, int]:
    """An encoding error handler's result, checked as the stdlib codecs check it."""
    if (
        not isinstance(result, tuple)
        or len(result) != 2
        or not isinstance(result[0], str | bytes)
        or not isinstance(result[1], int)
    ):
        raise TypeError("encoding error handler must return (str/bytes, int) tuple")
    return result[0], result[1]


def _expand(out: bytes, t: Tables) -> bytes:
    """Replace the marker octets of ``out`` by the septets they stand for."""
    if len(t.expansions) <= _FEW_MARKERS:
        # ``int in bytes`` is one memchr; it beats collecting the markers present.
        for marker, septets in t.expansions.items():
            if marker in out:
                out = out.replace(_OCTET[marker], septets)
        return out
    for marker in set(out.translate(None, _SEPTETS)):
        out = out.replace(_OCTET[marker], t.expansions[marker])
    return out


def _encode_fast(text: str, t: Tables) -> bytes | None:
    """The septets of ``text``, or ``None`` if a character is not in the tables."""
    if text.isascii():
        out = text.encode("ascii").translate(t.ascii_table)
        if out.isascii():
            return out
        if _UNENCODABLE in out:
            return None
        return _expand(out, t)
    try:
        out = codecs.charmap_encode(text, "strict", t.char_map)[0]
    except UnicodeEncodeError:
        return None
    if 0 in out:  # a NUL of the text: septet 0x00 has a marker
        return None
    return out if out.isascii() else _expand(out, t)


def encode(text: str, t: Tables, errors: str) -> bytes:
    """``text`` as unpacked septets of the tables ``t`` (see module docstring)."""
    out = _encode_fast(text, t)
    return _encode_slow(text, t, errors) if out is None else out


def _encode_replacement(
    replacement: str | bytes, text: str, start: int, end: int, t: Tables
) -> bytes:
    """A handler's replacement as septets: bytes pass through, text is encoded."""
    if isinstance(replacement, bytes):
        return replacement  # as the stdlib charmap codec: surrogateescape gives octets back
    out = _encode_fast(replacement, t)
    if out is None:
        # The stdlib charmap codec raises on the original span in this case.
        raise UnencodableCharacter(
            text,
            [(i, text[i]) for i in range(start, end)],
            encoding=t.name,
            reason=t.reason + " (nor is the error handler's replacement)",
        )
    return out


def _encode_slow(text: str, t: Tables, errors: str) -> bytes:
    """Encode a text with unencodable characters, run by run, through ``errors``."""
    encoding_map = t.encoding_map
    first_unencodable = t.charset.first_unencodable
    handler: Callable[[UnicodeError], tuple[str | bytes, int]] | None = None
    out = bytearray()
    pos = 0
    length = len(text)
    while pos < length:
        i = first_unencodable(text, pos)
        if i < 0:
            i = length
        if i > pos:
            run = _encode_fast(text[pos:i], t)
            assert run is not None, "a run without unencodable characters"
            out += run
        if i == length:
            break
        end = i + 1
        while end < length and text[end] not in encoding_map:
            end += 1
        if errors == "strict":
            raise UnencodableCharacter(
                text, t.charset.unencodable(text), encoding=t.name, reason=t.reason
            )
        if handler is None:
            handler = codecs.lookup_error(errors)
        exc = UnicodeEncodeError(t.name, text, i, end, t.reason)
        replacement, resume = _handler_result(handler(exc))
        out += _encode_replacement(replacement, text, i, end, t)
        pos = _resume(resume, length)
    return bytes(out)


def open_escape(data: bytes) -> bool:
    """Whether ``data`` ends with an ESC still waiting for its septet.

    ESCs pair left to right (ESC ESC is one escape sequence, 23.038 6.2.1.1), so the
    last ESC is open when the run of ESCs at the end has odd length.
    """
    run = len(data) - len(data.rstrip(b"\x1b"))
    return run % 2 == 1


def decode(data: bytes, t: Tables, errors: str, *, final: bool = True) -> tuple[str, int]:
    """Text of unpacked septets, and how many octets were consumed.

    With ``final=False`` an ESC at the end is held back (not consumed) until more
    data comes, as the incremental decoder needs.
    """
    stop = len(data)
    if not final and stop and data[-1] == ESC and open_escape(data):
        stop -= 1
    text = decode_fast(data if stop == len(data) else data[:stop], t)
    if text is not None:
        return text, stop
    return _decode_slow(data, stop, t, errors)


def decode_fast(data: bytes, t: Tables) -> str | None:
    """The text of ``data``, or ``None`` when the slow path must decide."""
    if not data.isascii():
        return None  # an octet above 0x7F is an error
    if ESC in data:
        if data[-1] == ESC:
            return None  # a lone ESC at the end
        # Set bit 7 of every septet that follows an ESC, then drop the ESCs.
        flags = int.from_bytes(data.translate(_ESC_FLAGS), "little") << 8
        folded = (int.from_bytes(data, "little") | flags).to_bytes(len(data), "little")
        if _SS2_FOLDED in folded:
            return None  # ESC ESC: pairs must be read left to right
        data = folded.translate(None, _ESC_OCTET)
    if t.latin_table is not None:
        latin = data.translate(t.latin_table)
        if t.latin_marker in latin:
            return None  # an undefined septet
        text = latin.decode("latin-1")
        if not latin.isascii():  # placeholders are 0x80 and up
            for octet, placeholder, ch in t.latin_fixes:
                if octet in latin:
                    text = text.replace(placeholder, ch)
        return text
    try:
        return codecs.charmap_decode(data, "strict", t.decoding_folded)[0]
    except UnicodeDecodeError:
        return None


def _decode_error(
    data: bytes, start: int, end: int, reason: str, t: Tables, errors: str
) -> tuple[str, int]:
    """Call the ``errors`` handler for ``data[start:end]``: (replacement, resume)."""
    exc = UnicodeDecodeError(t.name, data, start, end, reason)
    if errors == "strict":
        raise exc
    result = codecs.lookup_error(errors)(exc)
    if (
        not isinstance(result, tuple)
        or len(result) != 2
        or not isinstance(result[0], str)
        or not isinstance(result[1], int)
    ):
        raise TypeError("decoding error handler must return (str, int) tuple")
    return result[0], _resume(result[1], len(data))


def _decode_slow(data: bytes, stop: int, t: Tables, errors: str) -> tuple[str, int]:
    """Decode ``data[:stop]`` with ESC pairs and errors (23.038 6.2.1.1).

    Returns the text and the octets consumed: ``stop``, or more if an error handler
    resumed past it.
    """
    locking = t.decoding_locking
    folded = t.decoding_folded
    view = memoryview(data)
    parts: list[str] = []
    pos = 0
    # The next ESC at or after ``searched``: found again only when ``pos`` passes it
    # (or a handler resumes before ``searched``), so the data is searched once however
    # many errors it holds.
    esc = searched = -1
    while pos < stop:
        if pos < searched or (esc != -1 and esc < pos) or searched == -1:
            esc = data.find(ESC, pos, stop)
            searched = pos
        run_end = stop if esc < 0 else esc
        if run_end > pos and errors in _BUILTIN_HANDLERS:
            # The handler's answer is known (one U+FFFD per bad octet, or nothing):
            # charmap_decode applies it in C, as the stdlib codecs do.
            parts.append(codecs.charmap_decode(view[pos:run_end], errors, locking)[0])
            pos = run_end
        elif run_end > pos:
            found = t.locking_error.search(data, pos, run_end)
            if found is not None:
                bad = found.start()
                parts.append(codecs.charmap_decode(view[pos:bad], "strict", locking)[0])
                reason = (
                    "octet above 0x7F is not a septet"
                    if data[bad] > 0x7F
                    else "septet undefined in the locking shift table"
                )
                text, pos = _decode_error(data, bad, bad + 1, reason, t, errors)
                parts.append(text)
                continue
            parts.append(codecs.charmap_decode(view[pos:run_end], "strict", locking)[0])
            pos = run_end
        if esc < 0:
            break
        # An ESC at esc: the next septet is looked up in the single shift table.
        if esc + 1 >= len(data):
            text, pos = _decode_error(
                data, esc, esc + 1, "incomplete escape sequence (ESC at the end)", t, errors
            )
            parts.append(text)
            continue
        code = data[esc + 1]
        if code > 0x7F:
            text, pos = _decode_error(data, esc, esc + 1, "ESC not followed by a septet", t, errors)
            parts.append(text)
            continue
        ch = folded[0x80 | code]
        if ch == UNDEFINED:
            text, pos = _decode_error(
                data, esc, esc + 2, "escape sequence undefined in both tables", t, errors
            )
            parts.append(text)
            continue
        parts.append(ch)
        pos = esc + 2
    return "".join(parts), pos
