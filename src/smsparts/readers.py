"""Readers of message files and contact files, with the same hygiene rules for every one.

These are the only functions of the library that read files (the CLI and a server use
them; nothing else in :mod:`smsparts` does I/O).  The rules, the same for every file or
stream:

* **Encoding**: UTF-8 unless told otherwise (``encoding="cp1252"``); a byte that does not
  decode is an :class:`InputFileError` naming the file, the line, the byte offset and the
  way out (``--encoding cp1252`` for a spreadsheet export).
* **Byte-order mark**: a leading U+FEFF is dropped (it would make every message UCS-2).
* **Final line break** of a message file: an editor adds one; it is not part of the
  message unless ``keep_final_newline=True``.
* **CRLF**: kept by default (``newlines="keep"``: they are what the file says, and
  :func:`smsparts.hygiene.text_warnings` names them), converted to LF with
  ``newlines="lf"`` (lone CRs too).
* **Contacts**: CSV read by the :mod:`csv` module over the file itself (quoted line
  breaks kept, delimiter sniffed among ``, ; TAB |``, cells of any size), a JSON array
  streamed object by object, or JSON lines; one :class:`ContactRow` at a time (constant
  memory), each with the line where its record starts, so a checker reports
  ``FILE:LINE``.  Values are trimmed of surrounding whitespace by default
  (``trim=True``).

>>> import io
>>> read_message(io.BytesIO(b"\\xef\\xbb\\xbfBonjour\\n")).text
'Bonjour'
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Final, Literal, NamedTuple

from ._options import check_bool, check_choice, check_int, check_str
from .errors import InvalidOption, SmsError

__all__ = [
    "CONTACT_FORMATS",
    "MAX_JSON_DEPTH",
    "ContactRow",
    "InputFileError",
    "ReadText",
    "argument_text",
    "check_encoding",
    "iter_contacts",
    "loads_contact",
    "read_message",
]

#: How deeply a contact object may nest arrays and objects (a contact is flat; a value
#: may be a small object or list).  Deeper is an error, never a ``RecursionError``.
MAX_JSON_DEPTH: Final = 64
#: The contact file formats :func:`iter_contacts` reads, by file name suffix.
CONTACT_FORMATS: Final = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
#: Candidate CSV delimiters, in order of preference on a tie.
_DELIMITERS: Final = (",", ";", "\t", "|")
#: The largest CSV cell read (the csv module's default, 131,072 characters, is too
#: small for a long message template); the limit fits a C ``long`` on every platform.
_CSV_FIELD_LIMIT: Final = 2**31 - 1
_CHUNK: Final = 1 << 16

Newlines = Literal["keep", "lf"]


class InputFileError(SmsError):
    """A file (or standard input) that cannot be read as asked.

    Attributes:
        source: the file name as given, or ``"<stdin>"``.
        line: the 1-based line of the problem, or ``None`` when it is the whole file.
        offset: the byte offset of the problem in the file, or ``None``.
        reason: what is wrong.
        hint: the way out, when there is one (``"try --encoding cp1252"``), or ``None``.

    >>> str(InputFileError("c.csv", "not valid UTF-8 (byte 0xE9)", line=3, offset=57,
    ...                    hint="try --encoding cp1252"))
    'c.csv:3: not valid UTF-8 (byte 0xE9) at byte offset 57; try --encoding cp1252'
    """

    def __init__(
        self,
        source: str,
        reason: str,
        *,
        line: int | None = None,
        offset: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        self.offset = offset
        self.hint = hint
        super().__init__(source, reason, line, offset, hint)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        at = "" if self.offset is None else f" at byte offset {self.offset}"
        hint = "" if self.hint is None else f"; {self.hint}"
        return f"{where}: {self.reason}{at}{hint}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadText:
    """A message as read, and what the reader removed or changed on the way.

    Attributes:
        text: the message to count and send.
        source: the file name as given, ``"<stdin>"``, or the argument's name.
        bom_dropped: a leading byte-order mark (U+FEFF) was dropped.
        final_newline: the final line break dropped (``"\\n"``, ``"\\r\\n"`` or
            ``"\\r"``), or ``""`` when none was (or ``keep_final_newline`` was given).
        crlf: how many CRLF line breaks the input had (after the final one), kept or
            converted.
        converted: how many line breaks (CRLF and lone CR) became LF
            (``newlines="lf"``); ``0`` with ``newlines="keep"``.
    """

    text: str
    source: str
    bom_dropped: bool = False
    final_newline: str = ""
    crlf: int = 0
    converted: int = 0

    @property
    def notes(self) -> tuple[str, ...]:
        """What was stripped or changed, one short sentence each, for a person."""
        out = []
        if self.bom_dropped:
            out.append("byte-order mark (U+FEFF) dropped")
        if self.final_newline:
            out.append("final line break dropped (--keep-final-newline keeps it)")
        if self.converted:
            noun = "line break" if self.converted == 1 else "line breaks"
            out.append(f"{self.converted} {noun} converted to LF (--newlines lf)")
        return tuple(out)


class ContactRow(NamedTuple):
    """One contact record read from a file.

    Attributes:
        source: the file name as given.
        line: the 1-based line where the record starts (a CSV header is line 1).
        fields: the record, name to value (CSV values are ``str``; JSON values as
            decoded).  Empty when the record could not be read at all.
        problem: what is wrong with this record (``"4 fields, header has 3"``, ``"not a
            JSON object"``), or ``None``.  Such a row is yielded, not raised, so a checker
            reports it at ``FILE:LINE`` and goes on.
    """

    source: str
    line: int
    fields: dict[str, object]
    problem: str | None


def check_encoding(encoding: str) -> str:
    """``encoding`` if Python has a codec of that name, else an :class:`InvalidOption`.

    >>> check_encoding("cp1252")
    'cp1252'
    """
    check_str("encoding", encoding)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InvalidOption(
            "encoding", encoding, "a character encoding Python knows (utf-8, cp1252, ...)"
        ) from None
    return encoding


def _way_out(encoding: str) -> str:
    if codecs.lookup(encoding).name == "utf-8":
        return "a file saved by Excel or Windows is often cp1252: try --encoding cp1252"
    return "try another --encoding (utf-8, cp1252, latin-1, ...)"


def _decode_error(
    source: str, encoding: str, data: bytes, exc: UnicodeDecodeError, *, base: int, line: int
) -> InputFileError:
    """The :class:`InputFileError` for ``exc`` raised decoding ``data``.

    ``base`` is the byte offset of ``data`` in the file and ``line`` the line it starts on.
    """
    start = max(0, min(exc.start, len(data)))
    bad = data[start : start + 1]
    shown = f" (byte 0x{bad[0]:02X})" if bad else ""
    name = codecs.lookup(encoding).name
    return InputFileError(
        source,
        f"not valid {name}{shown}",
        line=line + data.count(b"\n", 0, start),
        offset=base + start,
        hint=_way_out(encoding),
    )


def _final_newline(text: str) -> str:
    if text.endswith("\r\n"):
        return "\r\n"
    if text.endswith(("\n", "\r")):
        return text[-1]
    return ""


def _clean(text: str, *, source: str, keep_final_newline: bool, newlines: Newlines) -> ReadText:
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    final = "" if keep_final_newline else _final_newline(text)
    if final:
        text = text[: -len(final)]
    crlf = text.count("\r\n")
    converted = 0
    if newlines == "lf":
        converted = text.count("\r")  # each CRLF holds one CR; lone CRs count once too
        if converted:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadText(
        text=text,
        source=source,
        bom_dropped=bom,
        final_newline=final,
        crlf=crlf,
        converted=converted,
    )


def _check_common(encoding: str, keep_final_newline: bool, newlines: str) -> Newlines:
    check_encoding(encoding)
    check_bool("keep_final_newline", keep_final_newline)
    check_str("newlines", newlines)
    return "lf" if check_choice("newlines", newlines, ("keep", "lf")) == "lf" else "keep"


def read_message(
    path_or_stream: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    encoding: str = "utf-8",
    keep_final_newline: bool = False,
    newlines: str = "keep",
    source: str | None = None,
) -> ReadText:
    """Read a message from a file or a stream, with the hygiene rules of this module.

    Args:
        path_or_stream: a file name, or an open stream (bytes are decoded with
            ``encoding``; a text stream is taken as already decoded).
        encoding: the file's character encoding (default UTF-8).
        keep_final_newline: keep the final line break (default: drop one).
        newlines: ``"keep"`` (default) or ``"lf"`` (CRLF and lone CR become LF).
        source: the name used in errors (default: the file name as given, or
            ``"<stdin>"`` for a stream).

    Returns:
        A :class:`ReadText`: the text and what was dropped or converted.

    Raises:
        InputFileError: the file cannot be opened, or a byte does not decode (the error
            names the file, the line, the byte offset and the way out).
        InvalidOption: an unknown encoding or newlines mode.

    >>> import io
    >>> r = read_message(io.BytesIO(b"Hi\\r\\nyou\\r\\n"), newlines="lf")
    >>> r.text, r.final_newline, r.crlf, r.converted
    ('Hi\\nyou', '\\r\\n', 1, 1)
    """
    mode = _check_common(encoding, keep_final_newline, newlines)
    if isinstance(path_or_stream, str | os.PathLike):
        name = source if source is not None else os.fspath(path_or_stream)
        try:
            with open(path_or_stream, "rb") as handle:
                data: bytes | str = handle.read()
        except OSError as exc:
            raise InputFileError(name, f"cannot read: {exc.strerror or exc}") from None
    else:
        name = source if source is not None else "<stdin>"
        data = path_or_stream.read()
    if isinstance(data, bytes | bytearray):
        raw = bytes(data)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _decode_error(name, encoding, raw, exc, base=0, line=1) from None
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"path_or_stream must give bytes or str, not {type(data).__name__}")
    return _clean(text, source=name, keep_final_newline=keep_final_newline, newlines=mode)


def argument_text(
    value: str, *, encoding: str = "utf-8", newlines: str = "keep", source: str = "TEXT"
) -> ReadText:
    """A message given as a command-line argument, decoded as the user's bytes were.

    On POSIX, Python decodes the arguments with ``surrogateescape``: a byte that is not
    UTF-8 becomes a lone surrogate U+DC80..U+DCFF.  This recovers the bytes and decodes
    them with ``encoding``, so a cp1252 argument gets the same answer as a cp1252 file.
    An argument keeps its final line break (the user typed it); ``newlines`` applies.

    Raises:
        InputFileError: the argument's bytes do not decode (``source`` names it).

    >>> argument_text("Caf\\udce9", encoding="cp1252").text
    'Café'
    """
    check_str("value", value)
    mode = _check_common(encoding, True, newlines)
    if not any("\udc80" <= ch <= "\udcff" for ch in value):
        return _clean(value, source=source, keep_final_newline=True, newlines=mode)
    try:
        raw = value.encode(sys.getfilesystemencoding(), "surrogateescape")
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(source, encoding, raw, exc, base=0, line=1) from None
    return _clean(text, source=source, keep_final_newline=True, newlines=mode)


def loads_contact(text: str, *, source: str = "--contact") -> dict[str, object]:
    """One contact given as a JSON object in a string, nesting depth checked.

    Raises:
        InputFileError: not JSON, not an object, or nested deeper than
            :data:`MAX_JSON_DEPTH` (never a ``RecursionError``).

    >>> loads_contact('{"phone": "33612345678"}')
    {'phone': '33612345678'}
    """
    check_str("text", text)
    problem = _depth_problem(text)
    if problem is not None:
        raise InputFileError(source, problem)
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise InputFileError(source, f"not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise InputFileError(source, f"{_kind(value)}, not a JSON object")
    return value


# ---------------------------------------------------------------------------
# contacts


class _Decoded:
    """Text chunks of a binary file, decoded incrementally; decode errors carry offsets."""

    def __init__(self, handle: IO[bytes], encoding: str, source: str) -> None:
        self._handle = handle
        self._encoding = encoding
        self._source = source
        self._decoder = codecs.getincrementaldecoder(encoding)("strict")
        self._offset = 0  # bytes read before the current chunk
        self._lines = 1  # line the current chunk starts on
        self._first = True

    def __iter__(self) -> Iterator[str]:
        while True:
            raw = self._handle.read(_CHUNK)
            final = not raw
            pending = self._decoder.getstate()[0]
            try:
                text = self._decoder.decode(raw, final)
            except UnicodeDecodeError as exc:
                data = pending + raw
                raise _decode_error(
                    self._source,
                    self._encoding,
                    data,
                    exc,
                    base=self._offset - len(pending),
                    line=self._lines - pending.count(b"\n"),
                ) from None
            self._offset += len(raw)
            self._lines += raw.count(b"\n")
            if self._first and text:
                self._first = False
                if text.startswith("\ufeff"):
                    text = text[1:]
            if text:
                yield text
            if final:
                return


def _lines(chunks: Iterator[str]) -> Iterator[str]:
    """Lines ending in ``"\\n"`` (``"\\r\\n"`` kept whole), the last one perhaps without.

    A line longer than a chunk is gathered in a list and joined once, so a file of one
    huge line costs its length, not its length times the number of chunks.
    """
    pending: list[str] = []
    for chunk in chunks:
        lines = chunk.split("\n")
        if len(lines) == 1:
            pending.append(chunk)
            continue
        if pending:
            pending.append(lines[0])
            lines[0] = "".join(pending)
        pending = [lines.pop()]
        for line in lines:
            yield line + "\n"
    rest = "".join(pending)
    if rest:
        yield rest


def _trim_fields(fields: dict[str, object], trim: bool) -> dict[str, object]:
    if not trim:
        return fields
    return {
        key.strip(): value.strip() if isinstance(value, str) else value
        for key, value in fields.items()
    }


def _unquoted_count(line: str, delimiter: str) -> int:
    """How often ``delimiter`` occurs in ``line`` outside double quotes."""
    return sum(part.count(delimiter) for part in line.split('"')[::2])


def _sniff(header: str) -> str:
    counts = [_unquoted_count(header, d) for d in _DELIMITERS]
    best = max(counts)
    return _DELIMITERS[counts.index(best)] if best else ","


def _raise_field_limit() -> None:
    limit = _CSV_FIELD_LIMIT
    while limit > csv.field_size_limit():
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long narrower than the limit
            limit //= 2


def _iter_csv(
    chunks: Iterator[str], source: str, trim: bool, delimiter: str | None
) -> Iterator[ContactRow]:
    lines = _lines(chunks)
    first = next(lines, None)
    if first is None:
        return
    _raise_field_limit()
    chosen = delimiter if delimiter is not None else _sniff(first)
    reader = csv.reader(itertools.chain([first], lines), delimiter=chosen)
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputFileError(source, f"not CSV: {exc}", line=start) from None
        if not row:
            continue  # a blank line
        if header is None:
            header = [name.strip() if trim else name for name in row]
            seen: set[str] = set()
            for name in header:
                if name in seen:
                    raise InputFileError(source, f"column {name!r} twice in the header", line=1)
                seen.add(name)
            continue
        problem = None
        if len(row) != len(header):
            problem = f"{len(row)} fields, header has {len(header)}"
        values = [value.strip() for value in row] if trim else row
        fields: dict[str, object] = dict(zip(header, values, strict=False))
        yield ContactRow(source, start, fields, problem)


# A JSON string, a lone quote (a string not finished in the buffer yet), or a bracket.
_JSON_TOKEN: Final = re.compile(r'"(?:[^"\\]++|\\.)*+"|"|[\[\]{}]')
# An object holding no array or object (most contacts): its end in one match.
_FLAT_OBJECT: Final = re.compile(r'\{(?:[^"\[\]{}]++|"(?:[^"\\]++|\\.)*+")*+\}')
_DECODER: Final = json.JSONDecoder()
_WHITESPACE: Final = re.compile(r"[ \t\n\r]*+")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


class _JsonStream:
    """A buffer over decoded chunks, read item by item without holding the whole file."""

    def __init__(self, chunks: Iterator[str], source: str) -> None:
        self._chunks = chunks
        self.source = source
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._line = 1  # line of self._counted
        self._counted = 0

    def more(self, at_least: int = _CHUNK) -> bool:
        """Read at least ``at_least`` more characters (or to the end); False at the end."""
        if self.eof:
            return False
        if self.pos > _CHUNK:  # drop what is consumed, keeping the line count
            self.line_at(self.pos)
            self.buf = self.buf[self.pos :]
            self._counted -= self.pos
            self.pos = 0
        parts = [self.buf]
        got = 0
        while got < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            parts.append(chunk)
            got += len(chunk)
        self.buf = "".join(parts)
        return got > 0

    def line_at(self, index: int) -> int:
        """The 1-based line of buffer index ``index`` (at or after the last one asked)."""
        self._line += self.buf.count("\n", self._counted, index)
        self._counted = index
        return self._line

    def skip_space(self) -> str:
        """Skip whitespace; the next character, or ``""`` at the end of the file."""
        while True:
            match = _WHITESPACE.match(self.buf, self.pos)
            assert match is not None  # the pattern matches the empty string
            self.pos = match.end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.more():
                return ""

    def error(self, reason: str, index: int | None = None) -> InputFileError:
        return InputFileError(
            self.source, reason, line=self.line_at(self.pos if index is None else index)
        )

    def item_end(self) -> int:
        """The index after the array or object starting at ``self.pos``, reading on.

        Checks the nesting depth on the way, so a deeply nested item is an error.
        """
        flat = _FLAT_OBJECT.match(self.buf, self.pos)
        if flat is not None:  # the common case: one C-level match, depth 1
            return int(flat.end())
        depth = 0
        scan = self.pos
        while True:
            for match in _JSON_TOKEN.finditer(self.buf, scan):
                token = match.group()
                if token == '"':  # a string that goes past the buffer
                    scan = match.start()
                    break
                if token in "[{":
                    depth += 1
                    if depth > MAX_JSON_DEPTH:
                        raise self.error(
                            f"nested deeper than {MAX_JSON_DEPTH} arrays or objects",
                            match.start(),
                        )
                elif token in "]}":
                    depth -= 1
                    if depth == 0:
                        return int(match.end())
                scan = match.end()
            else:
                scan = len(self.buf)
            start = self.pos
            if not self.more(max(_CHUNK, len(self.buf) - self.pos)):
                raise self.error("the file ends inside this item")
            scan -= start - self.pos  # the buffer may have been shifted

    def decode(self, end: int | None) -> tuple[object, int]:
        """Decode the item at ``self.pos`` (ending at ``end`` when known)."""
        decoder = _DECODER
        while True:
            text = self.buf
            try:
                value, stop = decoder.raw_decode(text, self.pos)
            except json.JSONDecodeError as exc:
                unfinished = exc.pos >= len(text) - 1 or exc.msg.startswith("Unterminated")
                if end is None and not self.eof and unfinished:
                    self.more(max(_CHUNK, len(self.buf) - self.pos))
                    continue
                raise self.error(f"not JSON: {exc.msg}", exc.pos) from None
            except RecursionError:  # pragma: no cover - the depth is checked first
                raise self.error("nested too deeply") from None
            if end is None and stop >= len(self.buf) and not self.eof:
                self.more(max(_CHUNK, len(self.buf) - self.pos))  # a number may go on
                continue
            return value, stop


def _iter_json(chunks: Iterator[str], source: str, trim: bool) -> Iterator[ContactRow]:
    stream = _JsonStream(chunks, source)
    if stream.skip_space() != "[":
        raise stream.error(
            "must hold a JSON array of contact objects (one object a line: name it .jsonl)"
        )
    stream.pos += 1
    expect_item = True
    first = True
    while True:
        ch = stream.skip_space()
        if ch == "":
            raise stream.error("the file ends before the array is closed")
        if ch == "]" and (first or not expect_item):
            stream.pos += 1
            break
        if ch == ",":
            if expect_item:
                raise stream.error("a comma where a contact was expected")
            stream.pos += 1
            expect_item = True
            continue
        if not expect_item:
            raise stream.error("expected ',' or ']' after a contact")
        line = stream.line_at(stream.pos)
        end = stream.item_end() if ch in "[{" else None
        value, stop = stream.decode(end)
        stream.pos = stop
        expect_item = first = False
        if isinstance(value, dict):
            yield ContactRow(source, line, _trim_fields(value, trim), None)
        else:
            yield ContactRow(source, line, {}, f"{_kind(value)}, not a JSON object")
    if stream.skip_space() != "":
        raise stream.error("text after the end of the array")


def _depth_problem(text: str) -> str | None:
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return f"nested deeper than {MAX_JSON_DEPTH} arrays or objects"
        elif token in "]}":
            depth -= 1
    return None


def _iter_jsonl(chunks: Iterator[str], source: str, trim: bool) -> Iterator[ContactRow]:
    for number, line in enumerate(_lines(chunks), 1):
        if not line.strip():
            continue
        problem = _depth_problem(line)
        if problem is not None:
            yield ContactRow(source, number, {}, problem)
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:
            yield ContactRow(source, number, {}, f"not JSON: {exc}")
            continue
        if isinstance(value, dict):
            yield ContactRow(source, number, _trim_fields(value, trim), None)
        else:
            yield ContactRow(source, number, {}, f"{_kind(value)}, not a JSON object")


def _format_of(path: str, chunks: Iterator[str]) -> tuple[str, Iterator[str]]:
    suffix = os.path.splitext(path)[1].lower()
    known = CONTACT_FORMATS.get(suffix)
    if known is not None:
        return known, chunks
    first = next(chunks, "")
    head = first.lstrip()
    kind = "json" if head.startswith("[") else "jsonl" if head.startswith("{") else "csv"
    return kind, itertools.chain([first], chunks)


def iter_contacts(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    trim: bool = True,
    format: str | None = None,
    delimiter: str | None = None,
) -> Iterator[ContactRow]:
    """The contacts of a CSV, JSON or JSON-lines file, one :class:`ContactRow` at a time.

    Streaming: memory stays constant whatever the number of contacts (one record, and
    one chunk of the file, at a time).

    * **CSV** (``.csv``, ``.tsv``, ``.txt``): a header row, then one record per row,
      read by the :mod:`csv` module over the file itself, so a quoted line break stays in
      its cell; the delimiter is the one of ``, ; TAB |`` found most often in the header
      outside quotes (``,`` if none); a cell may be of any size.  A row whose number of
      fields is not the header's is yielded with a ``problem``.
    * **JSON** (``.json``): an array of objects, decoded one object at a time; an item
      that is not an object is yielded with a ``problem``; nesting deeper than
      :data:`MAX_JSON_DEPTH` is an :class:`InputFileError`.
    * **JSON lines** (``.jsonl``, ``.ndjson``): one object a line; a bad line is yielded
      with a ``problem`` and reading goes on.

    Another suffix is read by its first character (``[``: JSON, ``{``: JSON lines, else
    CSV).  A leading byte-order mark is dropped.

    Args:
        path: the file.
        encoding: its character encoding (default UTF-8).
        trim: strip whitespace around field names and string values (default ``True``:
            a stray space from a spreadsheet would be sent and counted).
        format: ``"csv"``, ``"json"`` or ``"jsonl"`` to override the suffix.
        delimiter: the CSV delimiter, to override the sniffing.

    Yields:
        :class:`ContactRow` records in file order.

    Raises:
        InputFileError: the file cannot be opened, a byte does not decode, the CSV or
            JSON structure is broken (a bad quote, an unclosed array), or an object nests
            too deeply; the error names the file and line.
        InvalidOption: an unknown encoding, format or delimiter.

    >>> import pathlib, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> csv_path = pathlib.Path(folder, "c.csv")
    >>> _ = csv_path.write_text('phone;name\\n33612;"Zoé\\nMartin"\\n', encoding="utf-8")
    >>> [row.fields["name"] for row in iter_contacts(csv_path)]
    ['Zoé\\nMartin']
    """
    source = os.fspath(path)
    check_encoding(encoding)
    check_bool("trim", trim)
    if format is not None:
        check_choice("format", format, ("csv", "json", "jsonl"))
    if delimiter is not None:
        check_str("delimiter", delimiter)
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise InvalidOption("delimiter", delimiter, "one character, not a quote or newline")
    return _iter_contacts(source, encoding, trim, format, delimiter)


def _iter_contacts(
    source: str, encoding: str, trim: bool, format: str | None, delimiter: str | None
) -> Iterator[ContactRow]:
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise InputFileError(source, f"cannot read: {exc.strerror or exc}") from None
    with handle:
        chunks = iter(_Decoded(handle, encoding, source))
        if format is None:
            format, chunks = _format_of(source, chunks)
        if format == "csv":
            yield from _iter_csv(chunks, source, trim, delimiter)
        elif format == "json":
            yield from _iter_json(chunks, source, trim)
        else:
            yield from _iter_jsonl(chunks, source, trim)


def iter_contact_text(
    chunks: Iterable[str],
    *,
    source: str,
    format: str,
    first_line: int = 1,
    trim: bool = True,
    delimiter: str | None = None,
    header: str | None = None,
) -> Iterator[ContactRow]:
    """The contacts of decoded text (a part of a file), with the file's line numbers.

    The same rules as :func:`iter_contacts`, for a reader that has cut a file into
    parts itself (:mod:`smsparts.scale`): ``chunks`` is the text of the part, starting
    on a record boundary at line ``first_line`` of the file.  For CSV, ``header`` is the
    file's header line (the part does not hold it) and ``delimiter`` the one sniffed from
    it.

    >>> rows = iter_contact_text(['7,b\\n'], source="c.csv", format="csv",
    ...                          first_line=9, header="phone,name\\n")
    >>> [(row.line, row.fields) for row in rows]
    [(9, {'phone': '7', 'name': 'b'})]
    """
    check_choice("format", format, ("csv", "jsonl"))
    check_int("first_line", first_line, 1)
    if format == "jsonl":
        shift = first_line - 1
        for row in _iter_jsonl(iter(chunks), source, trim):
            yield row._replace(line=row.line + shift)
        return
    if header is None:
        raise InvalidOption("header", header, "the CSV file's header line")
    shift = first_line - 2
    text = itertools.chain([header if header.endswith("\n") else header + "\n"], chunks)
    for row in _iter_csv(text, source, trim, delimiter):
        yield row._replace(line=row.line + shift)


def sniff_delimiter(header: str) -> str:
    """The CSV delimiter :func:`iter_contacts` would use for this header line.

    The one of ``, ; TAB |`` found most often outside quotes, ``,`` if none is.

    >>> sniff_delimiter("phone;name;firstName")
    ';'
    """
    return _sniff(check_str("header", header))
