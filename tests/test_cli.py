"""The smsparts command line: analyze and split, input sources, JSON, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from smsparts.cli import main


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys_stdin = io.StringIO(stdin)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("sys.stdin", sys_stdin)
            code = main(list(argv))
    else:
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_prints_encoding_units_segments_and_culprits(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The human output groups the characters that forced UCS-2, with their indexes."""
    code, out, err = run(capsys, "analyze", "Garçon ’")
    assert code == 0
    assert err == ""
    assert out == (
        "encoding:  ucs2\n"
        "units:     8 UTF-16 code units\n"
        "segments:  1 (70 UTF-16 code units per segment)\n"
        "remaining: 62 UTF-16 code units free in the last segment\n"
        "forced UCS-2 by: ç ×1, ’ ×1\n"
        "  'ç' U+00E7 LATIN SMALL LETTER C WITH CEDILLA: once, at index 3\n"
        "  '’' U+2019 RIGHT SINGLE QUOTATION MARK: once, at index 7\n"
    )


def test_analyze_gsm_text(capsys: pytest.CaptureFixture[str]) -> None:
    """A GSM text says which tables it uses and counts septets."""
    code, out, _ = run(capsys, "analyze", "Prix : 10€")
    assert code == 0
    assert out.splitlines() == [
        "encoding:  gsm7",
        "tables:    default alphabet",
        "units:     11 septets",
        "segments:  1 (160 septets per segment)",
        "remaining: 149 septets free in the last segment",
    ]


def test_analyze_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the analysis as a JSON object."""
    code, out, _ = run(capsys, "analyze", "--json", "a" * 161)
    assert code == 0
    assert json.loads(out) == {
        "encoding": "gsm7",
        "units": 161,
        "unit_name": "septets",
        "segments": 2,
        "segment_capacity": 153,
        "remaining": 145,
        "locking_shift": None,
        "single_shift": None,
        "culprits": [],
        "unencodable": [],
        "warnings": [],
        "input": {
            "source": "TEXT",
            "bom_dropped": False,
            "final_newline_dropped": False,
            "crlf": 0,
            "converted_to_lf": 0,
        },
    }


def test_analyze_reads_a_file_and_stdin(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--file PATH and standard input give the same result as the argument."""
    path = tmp_path / "msg.txt"
    path.write_text("ça\n", encoding="utf-8")
    _, from_file, _ = run(capsys, "analyze", "--json", "--file", str(path))
    _, from_stdin, _ = run(capsys, "analyze", "--json", stdin="ça\n")
    _, from_dash, _ = run(capsys, "analyze", "--json", "-", stdin="ça\n")
    results = [json.loads(x) for x in (from_file, from_stdin, from_dash)]
    assert [r.pop("input")["source"] for r in results] == [str(path), "<stdin>", "<stdin>"]
    assert results[0] == results[1] == results[2]
    assert results[0]["units"] == 2  # the final newline is not part of the message


def test_analyze_with_national_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """--languages turkish keeps a Turkish text in 7 bits."""
    code, out, _ = run(capsys, "analyze", "--json", "--languages", "turkish", "Şişli")
    assert code == 0
    data = json.loads(out)
    assert (data["encoding"], data["locking_shift"]) == ("gsm7", "turkish")


def test_split_prints_segments(capsys: pytest.CaptureFixture[str]) -> None:
    """split prints each segment with its units and offsets."""
    code, out, _ = run(capsys, "split", "a" * 159 + "€")
    assert code == 0
    assert out.splitlines() == [
        "[1/2] 153/153 septets, characters 0:153",
        "a" * 153,
        "[2/2] 8/153 septets, characters 153:160",
        "a" * 6 + "€",
    ]


def test_split_json(capsys: pytest.CaptureFixture[str]) -> None:
    """split --json lists the segments."""
    code, out, _ = run(capsys, "split", "--json", "ç" * 71)
    assert code == 0
    assert [(s["index"], s["units"], s["start"], s["end"]) for s in json.loads(out)] == [
        (1, 67, 0, 67),
        (2, 4, 67, 71),
    ]


def test_split_over_max_segments_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Too many segments: one-line error, exit code 1."""
    code, out, err = run(capsys, "split", "--max-segments", "1", "a" * 161)
    assert (code, out) == (1, "")
    assert err == "smsparts: error: message needs 2 segments; the limit is 1\n"


def test_forced_gsm7_on_ucs2_text_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A rejected text gets the first line of the error, not a traceback."""
    code, _, err = run(capsys, "analyze", "--encoding", "gsm7", "ç")
    assert code == 1
    assert err == (
        "smsparts: error: 1 character is not in the GSM 7-bit alphabet: "
        "'ç' (U+00E7 LATIN SMALL LETTER C WITH CEDILLA) at index 0\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["analyze", "--languages", "klingon", "x"], "unknown language 'klingon'"),
        (["analyze", "--boundary", "word", "x"], "invalid choice: 'word'"),
        (["analyze", "--file", "/nonexistent/msg.txt"], "/nonexistent/msg.txt: cannot read"),
        (["analyze", "--file", "x.txt", "text"], "give TEXT or --file, not both"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
    ids=["language", "boundary", "missing-file", "both-inputs", "command"],
)
def test_bad_usage_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad arguments: exit 2 and a single 'smsparts: error:' line."""
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors exit from parse_args
        code = exc.code  # type: ignore[assignment]
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("smsparts: error: ")
    assert message in err
    assert err.count("\n") == 1
