"""Contact sources cut into partitions that a worker can read on its own.

A partition is a small picklable description (a file, a byte range or a list of Parquet
row groups, the line number its first record starts on), never the rows themselves: the
driver plans, each worker opens the file and reads only its part.  Planning reads the file
once at C speed (``bytes.count`` and ``bytes.find``) and never parses a record, so it costs
a fraction of the check itself.

Line numbers stay those of the file (``FILE:LINE``, the CSV header is line 1) because each
partition carries the number of line breaks before its first byte.  A CSV byte range only
ever ends at a line break outside a quoted field: the planner tracks the parity of ``"``
(RFC 4180 doubles a quote inside a quoted field, so the parity still says whether a position
is inside one), so a quoted line break is never taken for the end of a record.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..readers import ContactRow, InputFileError, iter_contact_text, sniff_delimiter

__all__ = [
    "Partition",
    "SourceError",
    "iter_partition",
    "plan_csv",
    "plan_jsonl",
    "plan_parquet",
    "plan_source",
]

_BOM = b"\xef\xbb\xbf"
#: Bytes read at a time while planning; also the smallest partition worth making.
_BLOCK = 1 << 20
#: Byte-oriented encodings in which a line break is the byte 0x0A and a quote 0x22.
_ASCII_COMPATIBLE = frozenset(
    {
        "utf-8",
        "utf_8",
        "utf8",
        "utf-8-sig",
        "cp1252",
        "latin-1",
        "latin_1",
        "iso-8859-1",
        "iso8859-1",
        "iso-8859-15",
        "ascii",
    }
)


class SourceError(InputFileError):
    """A contact source that cannot be planned or read (an :class:`InputFileError`).

    It renders as the CLI's file errors do: ``FILE:LINE: reason at byte offset N; hint``.
    """


@dataclass(frozen=True, slots=True, kw_only=True)
class Partition:
    """One part of a contact source, read by one worker.

    Attributes:
        kind: ``"csv"``, ``"jsonl"`` or ``"parquet"``.
        path: the file to open.
        source: the file as the user gave it (the ``FILE`` of ``FILE:LINE.field``).
        index: the partition's rank in the source (0-based), which orders merges.
        start, stop: the byte range (CSV and JSON lines).
        first_line: the 1-based line of the file the range starts on.
        row_groups: the Parquet row groups, and ``first_row`` the 1-based row they start at.
        header: the CSV header line (read once by the planner).
        delimiter: the CSV delimiter (sniffed once by the planner).
        encoding: the text encoding of the file.
        source_index: which of a job's sources the part belongs to (orders issues).
    """

    kind: str
    path: str
    source: str
    index: int
    start: int = 0
    stop: int = 0
    first_line: int = 1
    row_groups: tuple[int, ...] = ()
    first_row: int = 1
    header: str = ""
    delimiter: str = ","
    encoding: str = "utf-8"
    source_index: int = 0

    def renumbered(self, *, index: int, source_index: int) -> Partition:
        """The same part, ranked ``index`` in a job and belonging to source ``source_index``."""
        return replace(self, index=index, source_index=source_index)


# ---------------------------------------------------------------------------
# planning


def _check_encoding(source: str, encoding: str) -> str:
    name = encoding.lower()
    if name not in _ASCII_COMPATIBLE:
        raise SourceError(
            source,
            f"encoding {encoding!r} cannot be cut into byte ranges; use utf-8, cp1252 or "
            "latin-1 (or convert the file)",
        )
    return "utf-8" if name == "utf-8-sig" else encoding


def _size(path: str, source: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError as exc:
        raise SourceError(source, f"cannot read: {exc.strerror or exc}") from None


def _targets(size: int, start: int, partitions: int) -> list[int]:
    """Byte offsets where the ``partitions`` ranges would start if cut evenly."""
    span = size - start
    count = max(1, partitions)
    return [start + span * k // count for k in range(1, count)]


def _next_boundary(handle: io.BufferedReader, offset: int, quoted: bool, csv_quotes: bool) -> int:
    """The offset just after the first line break at or after ``offset`` that ends a record.

    ``quoted`` says whether ``offset`` lies inside a quoted CSV field.  Returns -1 at the
    end of the file.
    """
    handle.seek(offset)
    position = offset
    while True:
        block = handle.read(_BLOCK)
        if not block:
            return -1
        at = 0
        while True:
            newline = block.find(b"\n", at)
            if newline < 0:
                if csv_quotes:
                    quoted ^= block.count(b'"', at) % 2 == 1
                break
            if csv_quotes:
                quoted ^= block.count(b'"', at, newline) % 2 == 1
            if not quoted:
                return position + newline + 1
            at = newline + 1
        position += len(block)


def _count_between(handle: io.BufferedReader, start: int, stop: int) -> tuple[int, int]:
    """Line breaks and quotes in ``[start, stop)``."""
    handle.seek(start)
    lines = quotes = 0
    remaining = stop - start
    while remaining > 0:
        block = handle.read(min(_BLOCK, remaining))
        if not block:
            break
        lines += block.count(b"\n")
        quotes += block.count(b'"')
        remaining -= len(block)
    return lines, quotes


def _cut(
    path: str, source: str, body: int, size: int, partitions: int, csv_quotes: bool
) -> list[tuple[int, int, int]]:
    """``(start, stop, first_line_offset)`` ranges over ``[body, size)``, on record ends."""
    ranges: list[tuple[int, int, int]] = []
    with open(path, "rb") as handle:
        start, lines_before, quoted = body, 0, False
        for target in _targets(size, body, partitions):
            if target <= start:
                continue
            lines, quotes = _count_between(handle, start, target)
            inside = csv_quotes and (quoted ^ (quotes % 2 == 1))
            stop = _next_boundary(handle, target, inside, csv_quotes)
            if stop < 0 or stop >= size:
                break
            lines, _ = _count_between(handle, start, stop)
            ranges.append((start, stop, lines_before))
            start, lines_before, quoted = stop, lines_before + lines, False
        ranges.append((start, size, lines_before))
    return ranges


def _head(path: str, source: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_BLOCK)
    except OSError as exc:
        raise SourceError(source, f"cannot read: {exc.strerror or exc}") from None


def _header_line(head: bytes, source: str) -> tuple[bytes, int]:
    """The header line's bytes (BOM dropped) and the offset after it."""
    skip = len(_BOM) if head.startswith(_BOM) else 0
    newline = head.find(b"\n", skip)
    if newline < 0:
        if len(head) >= _BLOCK:
            raise SourceError(source, "the header line is longer than 1 MiB", line=1)
        return head[skip:], len(head)
    return head[skip:newline], newline + 1


def _decode_error(
    source: str, encoding: str, data: bytes, exc: UnicodeDecodeError, base: int, line: int
) -> SourceError:
    bad = data[exc.start : exc.start + 1].hex().upper()
    return SourceError(
        source,
        f"not valid {encoding} (byte 0x{bad})",
        line=line + data.count(b"\n", 0, exc.start),
        offset=base + exc.start,
        hint="give the file's encoding, for example --encoding cp1252",
    )


def _decode(data: bytes, source: str, encoding: str, line: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(source, encoding, data, exc, 0, line) from None


def plan_csv(
    path: str | os.PathLike[str],
    *,
    partitions: int,
    source: str | None = None,
    encoding: str = "utf-8",
    delimiter: str | None = None,
) -> list[Partition]:
    """Cut a CSV file into at most ``partitions`` byte ranges that end on record ends.

    The header is read once (a UTF-8 byte-order mark is dropped) and the delimiter sniffed
    from it among ``, ; tab |`` unless given.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.csv").write_text('phone,name\\n1,"a\\nb"\\n2,c\\n', encoding="utf-8")
    >>> [(p.first_line, p.header) for p in plan_csv(folder / "c.csv", partitions=1)]
    [(2, 'phone,name')]
    """
    path = os.fspath(path)
    source = path if source is None else source
    encoding = _check_encoding(source, encoding)
    size = _size(path, source)
    head = _head(path, source)
    line, body = _header_line(head, source)
    text = _decode(line.rstrip(b"\r"), source, encoding, 1)
    if not text.strip():
        raise SourceError(source, "no header line (the CSV file is empty)", line=1)
    delim = delimiter or sniff_delimiter(text)
    ranges = _cut(path, source, body, size, partitions, csv_quotes=True)
    return [
        Partition(
            kind="csv",
            path=path,
            source=source,
            index=i,
            start=start,
            stop=stop,
            first_line=2 + before,
            header=text,
            delimiter=delim,
            encoding=encoding,
        )
        for i, (start, stop, before) in enumerate(ranges)
    ]


def plan_jsonl(
    path: str | os.PathLike[str],
    *,
    partitions: int,
    source: str | None = None,
    encoding: str = "utf-8",
) -> list[Partition]:
    """Cut a JSON lines file into at most ``partitions`` byte ranges on line breaks."""
    path = os.fspath(path)
    source = path if source is None else source
    encoding = _check_encoding(source, encoding)
    size = _size(path, source)
    ranges = _cut(path, source, 0, size, partitions, csv_quotes=False)
    return [
        Partition(
            kind="jsonl",
            path=path,
            source=source,
            index=i,
            start=start,
            stop=stop,
            first_line=1 + before,
            encoding=encoding,
        )
        for i, (start, stop, before) in enumerate(ranges)
    ]


def _parquet_files(path: str) -> list[str]:
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.endswith((".parquet", ".parq")))
        return [os.path.join(path, n) for n in names]
    return [path]


def plan_parquet(
    path: str | os.PathLike[str], *, partitions: int, source: str | None = None
) -> list[Partition]:
    """One partition per group of Parquet row groups, over a file or a folder of files.

    Rows are numbered from 1 in each file (``FILE:ROW.field``).
    """
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - exercised without the extra
        raise ImportError("reading Parquet needs pyarrow: pip install 'smsparts[scale]'") from None
    path = os.fspath(path)
    base = path if source is None else source
    files = _parquet_files(path)
    if not files:
        raise SourceError(base, "no .parquet file in this folder")
    groups: list[tuple[str, str, int, int]] = []  # (file, source, group, first_row)
    for file in files:
        shown = base if file == path else os.path.join(base, os.path.basename(file))
        try:
            meta = pq.ParquetFile(file).metadata
        except (OSError, ValueError) as exc:
            raise SourceError(shown, f"not a Parquet file ({exc})") from None
        row = 1
        for g in range(meta.num_row_groups):
            groups.append((file, shown, g, row))
            row += meta.row_group(g).num_rows
    per = max(1, -(-len(groups) // max(1, partitions)))
    planned: list[Partition] = []
    chunk: list[tuple[str, str, int, int]] = []
    for item in groups:
        if chunk and (item[0] != chunk[0][0] or len(chunk) == per):
            planned.append(_parquet_partition(chunk, len(planned)))
            chunk = []
        chunk.append(item)
    if chunk:
        planned.append(_parquet_partition(chunk, len(planned)))
    return planned


def _parquet_partition(chunk: Sequence[tuple[str, str, int, int]], index: int) -> Partition:
    file, shown, _, first = chunk[0]
    return Partition(
        kind="parquet",
        path=file,
        source=shown,
        index=index,
        row_groups=tuple(g for _, _, g, _ in chunk),
        first_row=first,
    )


def plan_source(
    path: str | os.PathLike[str],
    *,
    partitions: int,
    encoding: str = "utf-8",
    source: str | None = None,
) -> list[Partition]:
    """Plan a file by its name: ``.parquet`` (or a folder), ``.jsonl``/``.ndjson``, else CSV."""
    name = os.fspath(path)
    lower = name.lower()
    if os.path.isdir(name) or lower.endswith((".parquet", ".parq")):
        return plan_parquet(name, partitions=partitions, source=source)
    if lower.endswith((".jsonl", ".ndjson")):
        return plan_jsonl(name, partitions=partitions, source=source, encoding=encoding)
    if lower.endswith(".json"):
        raise SourceError(
            source or name,
            "a JSON array cannot be cut into partitions; use JSON lines (.jsonl), CSV or "
            "Parquet, or check it in one process",
        )
    return plan_csv(name, partitions=partitions, source=source, encoding=encoding)


# ---------------------------------------------------------------------------
# reading one partition


def _read_text(part: Partition) -> Iterator[str]:
    """The part's text, decoded a block at a time (memory stays flat in the part's size)."""
    decoder = codecs.getincrementaldecoder(part.encoding)("strict")
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        position = part.start
        line = part.first_line
        while position < part.stop:
            data = handle.read(min(_BLOCK, part.stop - position))
            if not data:
                break
            base = position
            position += len(data)
            if base == 0 and data.startswith(_BOM):
                data = data[len(_BOM) :]
                base += len(_BOM)
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(data, position >= part.stop)
            except UnicodeDecodeError as exc:
                whole = pending + data
                start = base - len(pending)
                raise _decode_error(
                    part.source, part.encoding, whole, exc, start, line - pending.count(b"\n")
                ) from None
            line += data.count(b"\n")
            if text:
                yield text
        try:
            tail = decoder.decode(b"", True)
        except UnicodeDecodeError:
            raise SourceError(
                part.source,
                f"not valid {part.encoding}: the file ends inside a character",
                line=line,
                offset=position,
            ) from None
        if tail:
            yield tail


def _iter_parquet(part: Partition, trim: bool) -> Iterator[ContactRow]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(part.path)
    row = part.first_row
    for batch in handle.iter_batches(row_groups=list(part.row_groups)):
        for record in batch.to_pylist():
            fields: dict[str, object] = {}
            for key, value in record.items():
                if value is None:
                    continue  # a null cell is an absent field, as in a JSON object
                if trim and isinstance(value, str):
                    value = value.strip()
                fields[key.strip() if trim else key] = value
            yield ContactRow(part.source, row, fields, None)
            row += 1


def iter_partition(part: Partition, *, trim: bool = True) -> Iterator[ContactRow]:
    """The contacts of one partition, with the file's line (or Parquet row) numbers."""
    if part.kind == "parquet":
        return _iter_parquet(part, trim)
    if part.kind in ("csv", "jsonl"):
        return iter_contact_text(
            _read_text(part),
            source=part.source,
            format=part.kind,
            first_line=part.first_line,
            trim=trim,
            delimiter=part.delimiter,
            header=part.header or None,
        )
    raise SourceError(part.source, f"unknown partition kind {part.kind!r}")
