"""Properties of the scale-out planner: any cut reads like one reader of the whole file."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from smsparts.readers import iter_contacts
from smsparts.scale._sources import iter_partition, plan_csv, plan_jsonl

# Cells with the characters that make CSV hard: quotes, delimiters, line breaks of every
# kind, a byte-order mark inside, non-ASCII letters.
CELL = st.text(alphabet=st.sampled_from(list('ab,;"\n\r\t é€\ufeff')), max_size=8)
ROW = st.lists(CELL, min_size=1, max_size=4)


def _csv_bytes(header: list[str], rows: list[list[str]], crlf: bool) -> bytes:
    buffer = io.StringIO()
    # With "\n" line ends the writer would leave a lone "\r" unquoted (it quotes only the
    # line terminator's characters): quote every field then, as some exporters do.
    if crlf:
        writer = csv.writer(buffer, lineterminator="\r\n")
    else:
        writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@given(
    rows=st.lists(ROW, max_size=25),
    crlf=st.booleans(),
    bom=st.booleans(),
    partitions=st.integers(1, 9),
)
def test_csv_partitions_equal_the_whole_file(
    rows: list[list[str]], crlf: bool, bom: bool, partitions: int
) -> None:
    """However a CSV file is cut, its parts give the whole file's rows, lines and problems."""
    data = _csv_bytes(["phone", "name", "note"], rows, crlf)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "c.csv")
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        whole = [tuple(row) for row in iter_contacts(path)]
        parts = plan_csv(path, partitions=partitions)
        assert [tuple(row) for part in parts for row in iter_partition(part)] == whole


@given(
    lines=st.lists(st.text(alphabet=st.sampled_from(list('{}[]"a:1,\\ é\r')), max_size=12)),
    partitions=st.integers(1, 9),
)
def test_jsonl_partitions_equal_the_whole_file(lines: list[str], partitions: int) -> None:
    """However a JSON-lines file is cut, its parts give the whole file's rows and problems."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "c.jsonl")
        path.write_text("\n".join(lines), encoding="utf-8", newline="")
        whole = [tuple(row) for row in iter_contacts(path)]
        parts = plan_jsonl(path, partitions=partitions)
        assert [tuple(row) for part in parts for row in iter_partition(part)] == whole
