"""The GSM 7-bit encoder and decoder behind :mod:`smsparts.codec` (private).

Septets are unpacked here, one per octet.  The common cases run in C:

* encoding an ASCII text is ``str.encode("ascii")`` then ``bytes.translate`` through a
  256-octet table; any other text goes through ``codecs.charmap_encode`` with an
  ``EncodingMap`` of the locking table.  An ``EncodingMap`` always maps U+0000 to
  0x00, so it cannot map ``@`` (septet 0x00 of the default alphabet) there: septet
  0x00 is built at 0x80 and moved back with ``bytes.translate``, and a 0x00 in the
  output means the text held a NUL, which is not a GSM character;
* decoding without ESC is ``codecs.charmap_decode`` with the locking table.

Anything else (ESC pairs, errors) takes the slow path, which walks the text run by run
and hands each error to the ``errors=`` handler with a standard exception, as the
stdlib codecs do.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from functools import cache
from typing import Final

from ._tables import LANGUAGE_NAMES
from .charset import ESC, UNDEFINED, Charset, charset
from .errors import UnencodableCharacter

_NOT_BASIC: Final = 0xFF  # marker octet in the ASCII table: not one septet
_SEPTET_ZERO: Final = 0x80  # where the EncodingMap puts septet 0x00 (see above)
_MOVE_SEPTET_ZERO: Final = bytes(range(256)).replace(b"\x80", b"\x00", 1)

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
    """Lookup structures of one table pair, built once (see :func:`tables`)."""

    __slots__ = (
        "ascii_table",
        "charset",
        "decoding_locking",
        "decoding_single",
        "encoding_map",
        "locking_map",
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
        ascii_table = bytearray([_NOT_BASIC]) * 256
        # The EncodingMap's decoding string: index 0 must be U+0000 for charmap_build
        # to build an EncodingMap (it builds a slow dict otherwise); U+FFFE is unmapped.
        build = [UNDEFINED] * 256
        build[0] = "\x00"
        for ch, code in cs.encoding_map.items():
            if code > 0x7F:
                continue  # ESC + septet: the slow path writes those
            build[code or _SEPTET_ZERO] = ch
            if ord(ch) < 0x80:
                ascii_table[ord(ch)] = code
        self.ascii_table = bytes(ascii_table)
        self.locking_map = codecs.charmap_build("".join(build))


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
    if (
        not isinstance(result, tuple)
        or len(result) != 2
        or not isinstance(result[0], str | bytes)
        or not isinstance(result[1], int)
    ):
        raise TypeError("encoding error handler must return (str/bytes, int) tuple")
    return result[0], result[1]


def _encode_replacement(
    replacement: str | bytes, text: str, start: int, end: int, t: Tables
) -> bytes:
    """A handler's replacement as septets: bytes pass through, text is encoded."""
    if isinstance(replacement, bytes):
        return replacement  # as the stdlib charmap codec: surrogateescape gives octets back
    out = bytearray()
    for ch in replacement:
        code = t.encoding_map.get(ch)
        if code is None:
            # The stdlib charmap codec raises on the original span in this case.
            raise UnencodableCharacter(
                text,
                [(i, text[i]) for i in range(start, end)],
                encoding=t.name,
                reason=t.reason + " (nor is the error handler's replacement)",
            )
        if code > 0x7F:
            out.append(ESC)
        out.append(code & 0x7F)
    return bytes(out)


def encode(text: str, t: Tables, errors: str) -> bytes:
    """``text`` as unpacked septets of the tables ``t`` (see module docstring)."""
    if text.isascii():
        out = text.encode("ascii").translate(t.ascii_table)
        if _NOT_BASIC not in out:
            return out
    else:
        try:
            out = codecs.charmap_encode(text, "strict", t.locking_map)[0]
        except UnicodeEncodeError:
            pass
        else:
            if 0 not in out:  # a 0x00 here is a NUL of the text, not septet 0x00
                return out.translate(_MOVE_SEPTET_ZERO) if _SEPTET_ZERO in out else out
    return _encode_slow(text, t, errors)


def _encode_basic(text: str, t: Tables) -> bytes:
    """Encode a run of one-septet characters (no NUL: NUL is never basic)."""
    out = codecs.charmap_encode(text, "strict", t.locking_map)[0]
    return out.translate(_MOVE_SEPTET_ZERO) if _SEPTET_ZERO in out else out


def _encode_slow(text: str, t: Tables, errors: str) -> bytes:
    """Encode text with ESC pairs or unencodable characters, run by run."""
    encoding_map = t.encoding_map
    first_non_basic = t.charset.first_non_basic
    handler: Callable[[UnicodeError], tuple[str | bytes, int]] | None = None
    out = bytearray()
    pos = 0
    length = len(text)
    while pos < length:
        i = first_non_basic(text, pos)
        if i < 0:
            i = length
        if i > pos:
            out += _encode_basic(text[pos:i], t)
        if i == length:
            break
        code = encoding_map.get(text[i])
        if code is not None:  # single shift: ESC + septet (23.038 6.2.1.1)
            out.append(ESC)
            out.append(code & 0x7F)
            pos = i + 1
            continue
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
    if ESC not in data:
        try:
            return codecs.charmap_decode(data, "strict", t.decoding_locking)[0], len(data)
        except UnicodeDecodeError:
            pass
    stop = len(data)
    if not final and stop and data[-1] == ESC and open_escape(data):
        stop -= 1
    return _decode_slow(data, stop, t, errors)


def _decode_error(
    data: bytes, start: int, end: int, reason: str, t: Tables, errors: str
) -> tuple[str, int]:
    """Call the ``errors`` handler for ``data[start:end]``: (replacement, resume)."""
    exc = UnicodeDecodeError(t.name, data, start, end, reason)
    if errors == "strict":
        raise exc
    replacement, resume = _handler_result(codecs.lookup_error(errors)(exc))
    if not isinstance(replacement, str):
        raise TypeError("decoding error handler must return (str, int) tuple")
    return replacement, _resume(resume, len(data))


def _decode_slow(data: bytes, stop: int, t: Tables, errors: str) -> tuple[str, int]:
    """Decode ``data[:stop]`` with ESC pairs and errors (23.038 6.2.1.1).

    Returns the text and the octets consumed: ``stop``, or more if an error handler
    resumed past it.
    """
    locking = t.decoding_locking
    single = t.decoding_single
    view = memoryview(data)
    parts: list[str] = []
    pos = 0
    while pos < stop:
        esc = data.find(ESC, pos, stop)
        run_end = stop if esc < 0 else esc
        if run_end > pos:
            try:
                parts.append(codecs.charmap_decode(view[pos:run_end], "strict", locking)[0])
            except UnicodeDecodeError as exc:
                bad = pos + exc.start
                parts.append(codecs.charmap_decode(view[pos:bad], "strict", locking)[0])
                reason = (
                    "octet above 0x7F is not a septet"
                    if data[bad] > 0x7F
                    else "septet undefined in the locking shift table"
                )
                text, pos = _decode_error(data, bad, bad + 1, reason, t, errors)
                parts.append(text)
                continue
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
        if code == ESC:
            parts.append(_SS2_DISPLAY)
            pos = esc + 2
            continue
        ch = single[code]
        if ch == UNDEFINED:
            # 23.038 6.2.1.1: "In the event that an MS receives a code where a symbol is
            # not represented in the above table then the MS shall display either the
            # character shown in the main GSM 7 bit default alphabet table ...".  This
            # covers CR2 (0x0D), shown as CR.
            ch = locking[code]
        if ch == UNDEFINED:
            text, pos = _decode_error(
                data, esc, esc + 2, "escape sequence undefined in both tables", t, errors
            )
            parts.append(text)
            continue
        parts.append(ch)
        pos = esc + 2
    return "".join(parts), pos
