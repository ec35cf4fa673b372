"""The command line's reproducers of issue 9: each was a traceback through main(argv)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsparts.cli import ExitStatus

from .clirun import run_cli


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("smsparts: error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["split", "--max-segments", "0", "hi"],
            "argument --max-segments: expected a number from 1 to 255, not 0",
        ),
        (
            ["analyze", "--locking-shift", "spanish", "hi"],
            "argument --locking-shift: spanish has no locking shift table",
        ),
        (
            ["pdu", "hi", "--to", "1", "--validity", "99999999999w"],
            "validity '99999999999w' out of range: from 1 minute to 63 weeks",
        ),
        (
            ["split", "--max-segments", "\u0661", "hi"],  # ARABIC-INDIC DIGIT ONE
            "expected a number from 1 to 255 (digits 0-9), not '١'",
        ),
        (["analyze", "--bogus", "hi"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "argument command: invalid choice: 'frobnicate'"),
    ],
    ids=["max-segments-0", "spanish-locking", "huge-validity", "arabic-digit", "unknown", "cmd"],
)
def test_bad_arguments_are_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Each used to be a traceback: now one line naming the option, exit status 2."""
    result = run_cli(capsys, *argv)
    assert result.code == ExitStatus.USAGE
    assert message in one_error_line(result.err)


@pytest.mark.parametrize(
    "digits", ["\u00b2", "\u0662", "9" * 5000], ids=["super", "arabic", "huge"]
)
def test_bounds_max_length_takes_ascii_digits_only(
    capsys: pytest.CaptureFixture[str], digits: str
) -> None:
    """A superscript, an Arabic-Indic digit or 5,000 digits in --max-length: one line."""
    result = run_cli(capsys, "render", "Bonjour @nom", "--bounds", "--max-length", f"nom={digits}")
    assert result.code == ExitStatus.USAGE
    assert "--max-length nom: expected a number of characters" in one_error_line(result.err)


def test_non_utf8_stdin_for_decode(capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes that are not UTF-8 on stdin: the byte, its offset and the way out."""
    result = run_cli(capsys, "decode", stdin=b"00\xff\xfe")
    assert result.code == ExitStatus.PROBLEMS
    assert one_error_line(result.err) == (
        "smsparts: error: <stdin>:1: not valid utf-8 (byte 0xFF) at byte offset 2; a file "
        "saved by Excel or Windows is often cp1252: try --encoding cp1252"
    )


def test_csv_field_above_the_csv_default_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A 200,000-character CSV cell (csv's limit is 131,072) is rendered, not a traceback."""
    path = tmp_path / "c.csv"
    path.write_text("phone,prenom\n336," + "a" * 200_000 + "\n", encoding="utf-8")
    result = run_cli(capsys, "render", "@prenom", "--contacts", str(path))
    assert result.code == ExitStatus.OK
    assert result.out.splitlines()[0] == "336  1308 segments  gsm7  200000 septets"


def test_deeply_nested_json_contacts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """100,000 nested arrays: an error naming the file and line, not a RecursionError."""
    path = tmp_path / "c.json"
    path.write_text("[\n" + "[" * 100_000 + "]" * 100_000 + "]", encoding="utf-8")
    result = run_cli(capsys, "render", "@prenom", "--contacts", str(path))
    assert result.code == ExitStatus.PROBLEMS
    assert one_error_line(result.err) == (
        f"smsparts: error: {path}:2: nested deeper than 64 arrays or objects"
    )


def test_deeply_nested_contact_argument(capsys: pytest.CaptureFixture[str]) -> None:
    """--contact with 10,000 nested objects: one line, never a RecursionError."""
    nested = '{"a": ' * 10_000 + "1" + "}" * 10_000
    result = run_cli(capsys, "render", "@prenom", "--contact", nested)
    assert result.code == ExitStatus.USAGE
    assert "--contact: nested deeper than 64" in one_error_line(result.err)


def test_lone_surrogate_in_a_decoded_text_is_printed_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A UCS-2 PDU ending in half a surrogate pair prints, in text and JSON."""
    pdu = "0011000B915121551532F40008AA02D800"  # user data: U+D800 alone
    text = run_cli(capsys, "decode", pdu)
    assert text.code == ExitStatus.OK
    assert "text:        \\ud800" in text.out.splitlines()
    as_json = run_cli(capsys, "decode", pdu, "--json")
    assert as_json.code == ExitStatus.OK
    assert json.loads(as_json.out)["text"] == "\ud800"


def test_lone_surrogate_in_a_template_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A lone surrogate quoted in an error message is escaped on stderr."""
    result = run_cli(capsys, "render", "@x\ud800", "--contact", "{}")
    assert result.code == ExitStatus.PROBLEMS
    assert "\\ud800" in one_error_line(result.err) or "U+D800" in result.err


def test_non_utf8_argument_names_the_byte(capsys: pytest.CaptureFixture[str]) -> None:
    """A cp1252 argument is not a 'lone surrogate U+DCE9': its byte and the way out."""
    result = run_cli(capsys, "analyze", "Caf\udce9")
    assert result.code == ExitStatus.PROBLEMS
    assert one_error_line(result.err) == (
        "smsparts: error: TEXT:1: not valid utf-8 (byte 0xE9) at byte offset 3; a file "
        "saved by Excel or Windows is often cp1252: try --encoding cp1252"
    )
    fixed = run_cli(capsys, "analyze", "--encoding", "cp1252", "--json", "Caf\udce9")
    assert json.loads(fixed.out)["units"] == 4
