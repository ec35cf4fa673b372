"""Readers of message and contact files: encodings, BOM, final newline, CSV, JSON."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from smsparts.errors import InvalidOption, SmsError
from smsparts.readers import (
    MAX_JSON_DEPTH,
    ContactRow,
    InputFileError,
    ReadText,
    argument_text,
    iter_contacts,
    read_message,
)

from . import scaling


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------
# read_message


def test_final_newline_is_dropped(tmp_path: Path) -> None:
    """The editor's final line break is not part of the message."""
    result = read_message(write(tmp_path, "m.txt", "Bonjour\n"))
    assert result == ReadText(text="Bonjour", source=str(tmp_path / "m.txt"), final_newline="\n")
    assert result.notes == ("final line break dropped (--keep-final-newline keeps it)",)


def test_only_one_final_newline_is_dropped() -> None:
    """A blank last line the author typed stays: only the editor's one break goes."""
    assert read_message(io.BytesIO(b"a\n\n")).text == "a\n"
    assert read_message(io.BytesIO(b"a\r\n")).final_newline == "\r\n"


def test_keep_final_newline() -> None:
    """keep_final_newline=True keeps the text as it is."""
    result = read_message(io.BytesIO(b"a\n"), keep_final_newline=True)
    assert result.text == "a\n"
    assert result.final_newline == ""


def test_bom_is_dropped() -> None:
    """A UTF-8 byte-order mark would make every message UCS-2: it is dropped."""
    result = read_message(io.BytesIO(b"\xef\xbb\xbfHi"))
    assert result.text == "Hi"
    assert result.bom_dropped
    assert result.notes == ("byte-order mark (U+FEFF) dropped",)


def test_crlf_kept_by_default_and_counted() -> None:
    """CRLFs stay (the file says so) and are counted for the warning."""
    result = read_message(io.BytesIO(b"a\r\nb\r\nc\r\n"))
    assert result.text == "a\r\nb\r\nc"
    assert (result.crlf, result.converted) == (2, 0)


def test_newlines_lf_converts_crlf_and_cr() -> None:
    """newlines='lf' turns CRLF and lone CR into LF, and says how many."""
    result = read_message(io.BytesIO(b"a\r\nb\rc"), newlines="lf")
    assert result.text == "a\nb\nc"
    assert (result.crlf, result.converted) == (1, 2)
    assert "2 line breaks converted to LF (--newlines lf)" in result.notes


def test_non_utf8_names_file_line_offset_and_way_out(tmp_path: Path) -> None:
    """A cp1252 byte gets an error with the file, line, byte offset and --encoding."""
    path = write(tmp_path, "m.txt", b"Bonjour\nCaf\xe9\n")
    with pytest.raises(InputFileError) as info:
        read_message(path)
    error = info.value
    assert isinstance(error, SmsError)
    assert (error.source, error.line, error.offset) == (str(path), 2, 11)
    assert str(error) == (
        f"{path}:2: not valid utf-8 (byte 0xE9) at byte offset 11; a file saved by Excel or "
        "Windows is often cp1252: try --encoding cp1252"
    )


def test_encoding_option_decodes_cp1252(tmp_path: Path) -> None:
    """encoding='cp1252' reads a Windows file (0x92 is the right single quote)."""
    path = write(tmp_path, "m.txt", b"l\x92\xe9t\xe9\r\n")
    assert read_message(path, encoding="cp1252").text == "l’été"


def test_stdin_stream_is_named_stdin() -> None:
    """A stream is named <stdin> in errors."""
    with pytest.raises(InputFileError, match=r"^<stdin>:1: not valid utf-8 \(byte 0xFF\)"):
        read_message(io.BytesIO(b"\xff"))


def test_missing_file_is_an_input_file_error(tmp_path: Path) -> None:
    """A file that cannot be opened is an InputFileError naming it."""
    with pytest.raises(InputFileError, match=r"nope\.txt: cannot read: No such file"):
        read_message(tmp_path / "nope.txt")


def test_bad_options() -> None:
    """An unknown encoding or newlines mode is an InvalidOption."""
    with pytest.raises(InvalidOption, match="encoding must be"):
        read_message(io.BytesIO(b""), encoding="klingon")
    with pytest.raises(InvalidOption, match="newlines must be one of 'keep', 'lf'"):
        read_message(io.BytesIO(b""), newlines="crlf")


def test_argument_bytes_are_recovered() -> None:
    """A non-UTF-8 argument (surrogate-escaped by Python) decodes with the encoding."""
    assert argument_text("Caf\udce9", encoding="cp1252").text == "Café"
    with pytest.raises(InputFileError, match=r"^TEXT:1: not valid utf-8 \(byte 0xE9\) at byte"):
        argument_text("Caf\udce9")


def test_argument_keeps_its_final_newline() -> None:
    """What the user typed as an argument is the message, final newline included."""
    assert argument_text("a\n").text == "a\n"


# ---------------------------------------------------------------------------
# iter_contacts: CSV


def test_csv_quoted_line_break_is_kept(tmp_path: Path) -> None:
    """A quoted line break stays in its cell; the next record's line is right."""
    path = write(tmp_path, "c.csv", 'phone,name\n336,"Zoé\r\nMartin"\n337,Bob\n')
    rows = list(iter_contacts(path))
    assert rows == [
        ContactRow(str(path), 2, {"phone": "336", "name": "Zoé\r\nMartin"}, None),
        ContactRow(str(path), 4, {"phone": "337", "name": "Bob"}, None),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"], ids=["comma", "semi", "tab", "pipe"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    """The delimiter is the one of , ; TAB | found in the header."""
    path = write(tmp_path, "c.csv", f'phone{delimiter}name\n336{delimiter}"Zoé, Martin"\n')
    (row,) = iter_contacts(path)
    assert row.fields == {"phone": "336", "name": "Zoé, Martin"}


def test_csv_ragged_rows_are_yielded_with_their_line(tmp_path: Path) -> None:
    """A row with too many or too few fields is reported, not raised, and reading goes on."""
    path = write(tmp_path, "c.csv", "a,b,c\n1,2,3,4\n\n5,6\n7,8,9\n")
    rows = list(iter_contacts(path))
    assert [(r.line, r.problem) for r in rows] == [
        (2, "4 fields, header has 3"),
        (4, "2 fields, header has 3"),
        (5, None),
    ]


def test_csv_bom_dropped_and_values_trimmed(tmp_path: Path) -> None:
    """The BOM never reaches the first column name; values are trimmed by default."""
    path = write(tmp_path, "c.csv", b"\xef\xbb\xbfphone ; name\n336 ; Zo\xc3\xa9 \n")
    assert next(iter_contacts(path)).fields == {"phone": "336", "name": "Zoé"}
    assert next(iter_contacts(path, trim=False)).fields == {"phone ": "336 ", " name": " Zoé "}


def test_csv_cell_larger_than_the_csv_default_limit(tmp_path: Path) -> None:
    """A 1 MB cell (csv's default limit is 131,072) is read whole."""
    path = write(tmp_path, "c.csv", 'phone,text\n1,"' + "é" * 1_000_000 + '"\n')
    (row,) = iter_contacts(path)
    assert row.fields["text"] == "é" * 1_000_000


def test_csv_decode_error_names_line_and_offset(tmp_path: Path) -> None:
    """A cp1252 byte deep in a CSV gets its line and byte offset."""
    path = write(tmp_path, "c.csv", b"phone,name\n1,a\n2,Caf\xe9\n")
    with pytest.raises(InputFileError) as info:
        list(iter_contacts(path))
    assert (info.value.line, info.value.offset) == (3, 20)
    assert [r.fields["name"] for r in iter_contacts(path, encoding="cp1252")] == ["a", "Café"]


def test_csv_duplicate_column_is_an_error(tmp_path: Path) -> None:
    """Two columns of one name would lose one value: an error at line 1."""
    path = write(tmp_path, "c.csv", "phone,phone\n1,2\n")
    with pytest.raises(InputFileError, match=r"c.csv:1: column 'phone' twice in the header"):
        list(iter_contacts(path))


# ---------------------------------------------------------------------------
# iter_contacts: JSON and JSON lines


def test_json_array_objects_with_lines(tmp_path: Path) -> None:
    """Each object of a JSON array comes with the line it starts on."""
    path = write(tmp_path, "c.json", '[\n {"phone": "1"},\n 5,\n {"phone": "2",\n "x": [1]}\n]\n')
    rows = list(iter_contacts(path))
    assert [(r.line, r.fields, r.problem) for r in rows] == [
        (2, {"phone": "1"}, None),
        (3, {}, "a number, not a JSON object"),
        (4, {"phone": "2", "x": [1]}, None),
    ]


def test_json_deeply_nested_is_an_error_not_recursion(tmp_path: Path) -> None:
    """100,000 nested arrays is an InputFileError naming the depth, not a RecursionError."""
    path = write(tmp_path, "c.json", "[" + "[" * 100_000 + "]" * 100_000 + "]")
    with pytest.raises(InputFileError, match=f"nested deeper than {MAX_JSON_DEPTH}"):
        list(iter_contacts(path))


def test_json_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    """An object nested up to the limit is fine."""
    inner = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    path = write(tmp_path, "c.json", '[{"a": ' + inner + "}]")
    (row,) = iter_contacts(path)
    assert row.problem is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ('{"a": 1}', "must hold a JSON array of contact objects"),
        ('[{"a": 1} {"b": 2}]', "expected ',' or ']' after a contact"),
        ('[{"a": 1},,{}]', "a comma where a contact was expected"),
        ("[", "the file ends before the array is closed"),
        ('[{"a": 1}] x', "text after the end of the array"),
        ('[{"a": "b}', "the file ends inside this item"),
    ],
    ids=["object", "no-comma", "two-commas", "unclosed", "trailing", "unfinished"],
)
def test_json_structure_errors(tmp_path: Path, data: str, reason: str) -> None:
    """A broken array is an InputFileError saying what is wrong."""
    path = write(tmp_path, "c.json", data)
    with pytest.raises(InputFileError, match=reason):
        list(iter_contacts(path))


def test_json_strings_with_brackets_and_escapes(tmp_path: Path) -> None:
    """Brackets and escaped quotes inside strings do not confuse the item scanner."""
    path = write(tmp_path, "c.json", r'[{"a": "x}\"{[", "b": {"c": "]"}}]')
    (row,) = iter_contacts(path)
    assert row.fields == {"a": 'x}"{[', "b": {"c": "]"}}


def test_json_items_spanning_chunks(tmp_path: Path) -> None:
    """Objects, strings and numbers cut by the 64 KB read boundary are read whole."""
    contacts = [{"phone": str(i), "text": "é" * (i * 997 % 70_000), "n": 10**i} for i in range(40)]
    path = write(tmp_path, "c.json", json.dumps(contacts))
    assert [r.fields for r in iter_contacts(path)] == contacts


def test_jsonl_bad_lines_are_yielded(tmp_path: Path) -> None:
    """In JSON lines, each bad line is a row with a problem and reading goes on."""
    path = write(tmp_path, "c.jsonl", '{"a": 1}\n\n[1]\n{bad\n' + "[" * 100 + "]" * 100 + "\n")
    rows = list(iter_contacts(path))
    assert [(r.line, r.problem is None) for r in rows] == [
        (1, True),
        (3, False),
        (4, False),
        (5, False),
    ]
    assert rows[1].problem == "an array, not a JSON object"
    assert rows[3].problem == f"nested deeper than {MAX_JSON_DEPTH} arrays or objects"


def test_unknown_suffix_is_read_by_its_first_character(tmp_path: Path) -> None:
    """Without a known suffix, '[' means JSON, '{' JSON lines, else CSV."""
    assert next(iter_contacts(write(tmp_path, "a", '[{"p": 1}]'))).fields == {"p": 1}
    assert next(iter_contacts(write(tmp_path, "b", '{"p": 1}\n'))).fields == {"p": 1}
    assert next(iter_contacts(write(tmp_path, "c", "p\n1\n"))).fields == {"p": "1"}


def test_contacts_errors_are_raised_on_iteration_options_at_call(tmp_path: Path) -> None:
    """Bad options fail at the call; a missing file fails when reading starts."""
    with pytest.raises(InvalidOption):
        iter_contacts(tmp_path / "x.csv", format="xml")
    rows = iter_contacts(tmp_path / "x.csv")
    with pytest.raises(InputFileError, match="cannot read"):
        next(rows)


def _read_all(path: Path) -> None:
    for _row in iter_contacts(path):
        pass


def _best_time(path: Path) -> float:
    # tests/scaling.py: the garbage collector paused, a warm-up call, best of 5 runs
    _read_all(path)
    return scaling.best(_read_all, path, 5)


@pytest.mark.parametrize("suffix", ["csv", "json", "jsonl"])
def test_contacts_scale_linearly(tmp_path: Path, suffix: str) -> None:
    """10x the contacts takes far less than 100x the time."""
    sizes = []
    for count in (2_000, 20_000):
        rows = [{"phone": str(i), "name": f"Zoé {i}"} for i in range(count)]
        if suffix == "csv":
            data = "phone,name\n" + "".join(f"{r['phone']},{r['name']}\n" for r in rows)
        elif suffix == "json":
            data = json.dumps(rows, indent=1)
        else:
            data = "".join(json.dumps(r) + "\n" for r in rows)
        sizes.append(_best_time(write(tmp_path, f"c{count}.{suffix}", data)))
    assert sizes[1] < scaling.MAX_RATIO * max(sizes[0], 1e-4)


def test_one_huge_json_object_is_linear(tmp_path: Path) -> None:
    """A single object of 10x the size scales like json.load (no rescans), not 100x."""
    ours, floor = [], []
    for count in (20_000, 200_000):
        path = write(tmp_path, f"h{count}.json", json.dumps([{f"k{i}": "v" for i in range(count)}]))
        ours.append(_best_time(path))
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            json.loads(path.read_text(encoding="utf-8"))
            best = min(best, time.perf_counter() - start)
        floor.append(max(best, 1e-4))
    # json.load itself grows ~15x here (cache effects); quadratic would be ~100x ours.
    assert ours[1] / max(ours[0], 1e-4) < 3 * floor[1] / floor[0], (ours, floor)


def test_one_huge_csv_line_is_linear(tmp_path: Path) -> None:
    """A cell of 10x the size (many read chunks, one line) takes far less than 100x."""
    times = []
    for size in (1_000_000, 10_000_000):
        path = write(tmp_path, f"l{size}.csv", "phone,text\n1," + "a" * size + "\n")
        times.append(_best_time(path))
    assert times[1] < scaling.MAX_RATIO * max(times[0], 1e-3), times
