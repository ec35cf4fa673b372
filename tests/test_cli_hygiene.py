"""Input hygiene through the command line: the same rules for every file and stream."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsparts.cli import ExitStatus

from .clirun import run_cli


def analyze_json(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes | None = None
) -> dict:  # type: ignore[type-arg]
    result = run_cli(capsys, "analyze", "--json", *argv, stdin=stdin)
    assert result.code == ExitStatus.OK, result.err
    data: dict = json.loads(result.out)  # type: ignore[type-arg]
    return data


def test_final_newline_of_a_file_is_not_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """160 characters and the editor's newline: one segment, not two."""
    path = tmp_path / "m.txt"
    path.write_text("a" * 160 + "\n", encoding="utf-8")
    data = analyze_json(capsys, "--file", str(path))
    assert (data["units"], data["segments"]) == (160, 1)
    assert data["input"]["final_newline_dropped"] is True
    kept = analyze_json(capsys, "--file", str(path), "--keep-final-newline")
    assert (kept["units"], kept["segments"]) == (161, 2)


def test_final_newline_of_stdin_is_not_counted(capsys: pytest.CaptureFixture[str]) -> None:
    """echo adds a newline: it is not part of the message."""
    assert analyze_json(capsys, stdin=b"Bonjour\n")["units"] == 7


def test_bom_does_not_make_the_message_ucs2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A UTF-8 BOM (Notepad) is dropped: the message stays GSM-7."""
    path = tmp_path / "m.txt"
    path.write_bytes(b"\xef\xbb\xbfBonjour")
    data = analyze_json(capsys, "--file", str(path))
    assert (data["encoding"], data["units"]) == ("gsm7", 7)
    assert data["input"]["bom_dropped"] is True


def test_crlf_is_counted_and_named_or_converted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """CRLF counts 2 with a warning by default; --newlines lf sends LF."""
    path = tmp_path / "m.txt"
    path.write_bytes(b"un\r\ndeux\r\n")
    kept = run_cli(capsys, "analyze", "--file", str(path))
    assert "units:     8 septets" in kept.out  # the final CRLF is the editor's: dropped
    assert (
        "warning:   1 CRLF line break (Windows style): each one is sent and counted as 2 "
        "characters (index 2)"
    ) in kept.out.splitlines()
    lf = run_cli(capsys, "analyze", "--file", str(path), "--newlines", "lf")
    assert "units:     7 septets" in lf.out
    assert "CRLF" not in lf.out
    assert f"note:      {path}: 1 line break converted to LF" in lf.out.splitlines()


def test_crlf_warning_on_stderr_for_split(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Subcommands that print no warnings block still name CRLF, on stderr."""
    path = tmp_path / "m.txt"
    path.write_bytes(b"a\r\nb\r\nc")
    result = run_cli(capsys, "split", "--file", str(path))
    assert result.code == ExitStatus.OK
    assert result.err == (
        f"smsparts: warning: {path}: 2 CRLF line breaks counted as 2 characters each "
        "(--newlines lf sends LF)\n"
    )


def test_cp1252_file_error_and_way_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A Windows file: the error names file, line, byte offset and --encoding cp1252."""
    path = tmp_path / "m.txt"
    path.write_bytes(b"Bonjour\nl\x92\xe9t\xe9")
    result = run_cli(capsys, "analyze", "--file", str(path))
    assert result.code == ExitStatus.PROBLEMS
    assert result.err == (
        f"smsparts: error: {path}:2: not valid utf-8 (byte 0x92) at byte offset 9; a file "
        "saved by Excel or Windows is often cp1252: try --encoding cp1252\n"
    )
    data = analyze_json(capsys, "--file", str(path), "--encoding", "cp1252")
    assert data["units"] == 13  # "Bonjour\nl’été": 13 characters, UCS-2 for ’
    assert data["culprits"][0]["char"] == "’"


def test_unknown_encoding_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--encoding names a codec; an unknown one says so and points to --sms-encoding."""
    result = run_cli(capsys, "analyze", "--encoding", "klingon", "x")
    assert result.code == ExitStatus.USAGE
    assert "--sms-encoding gsm7|ucs2" in result.err


def test_encoding_gsm7_still_forces_the_sms_encoding(capsys: pytest.CaptureFixture[str]) -> None:
    """--encoding gsm7|ucs2 keeps its old meaning (the SMS encoding)."""
    assert analyze_json(capsys, "--encoding", "ucs2", "abc")["encoding"] == "ucs2"
    assert analyze_json(capsys, "--sms-encoding", "ucs2", "abc")["encoding"] == "ucs2"
    clash = run_cli(capsys, "analyze", "--encoding", "gsm7", "--sms-encoding", "ucs2", "a")
    assert clash.code == ExitStatus.USAGE


def test_warnings_in_analyze(capsys: pytest.CaptureFixture[str]) -> None:
    """Invisible characters and trailing spaces are printed, and listed in --json."""
    result = run_cli(capsys, "analyze", "Prix\u00a0: 10 \u200b ")
    assert result.out.splitlines()[4:6] == [
        "warning:   2 invisible characters: no-break space (U+00A0) ×1, zero-width space "
        "(U+200B) ×1 (index 4, 10)",
        "warning:   1 space or tab at the end of 1 line: sent and counted (index 11)",
    ]
    data = analyze_json(capsys, "Prix\u00a0: 10 \u200b ")
    assert [w["code"] for w in data["warnings"]] == ["invisible", "trailing_space"]


def test_empty_message_is_warned(capsys: pytest.CaptureFixture[str]) -> None:
    """An empty message would be billed one segment: analyze says it is empty."""
    result = run_cli(capsys, "analyze", stdin=b"\n")
    assert "warning:   the message is empty" in result.out.splitlines()


def test_culprits_grouped_with_first_positions(capsys: pytest.CaptureFixture[str]) -> None:
    """14 ç and 3 ’: one summary line and one line per character, not 17 lines."""
    text = "ç" * 14 + "’" * 3
    lines = run_cli(capsys, "analyze", text).out.splitlines()
    assert lines[4:] == [
        "forced UCS-2 by: ç ×14, ’ ×3",
        "  'ç' U+00E7 LATIN SMALL LETTER C WITH CEDILLA: 14 times, first at index 0, 1, 2, 3, 4, …",
        "  '’' U+2019 RIGHT SINGLE QUOTATION MARK: 3 times, at index 14, 15, 16",
    ]
    data = analyze_json(capsys, text)
    assert [(c["char"], c["count"]) for c in data["culprits"]] == [("ç", 14), ("’", 3)]
    assert len(data["unencodable"]) == 17


def test_many_distinct_culprits_are_capped(capsys: pytest.CaptureFixture[str]) -> None:
    """1,000 distinct CJK characters: 20 lines and a pointer to --json."""
    text = "".join(chr(0x4E00 + i) for i in range(1000))
    lines = run_cli(capsys, "analyze", text).out.splitlines()
    assert lines[-1] == "  … 980 more characters (--json lists them all)"
    assert len(lines) == 4 + 1 + 20 + 1


def test_decode_escapes_terminal_controls(capsys: pytest.CaptureFixture[str]) -> None:
    """ESC and CR in a received SMS are shown escaped; --raw prints them as they are."""
    # SMS-DELIVER, GSM 7-bit "\x1b" is the escape: use UCS-2 text "a<ESC>[2Jb<CR>c".
    text = "a\x1b[2Jb\rc"
    user_data = text.encode("utf-16-be").hex().upper()
    pdu = f"04 0B91 5121551532F4 0008 99309251619580 {len(text) * 2:02X} {user_data}"
    escaped = run_cli(capsys, "decode", pdu.replace(" ", ""), "--no-smsc")
    assert escaped.code == ExitStatus.OK, escaped.err
    assert "text:        a\\x1b[2Jb\\x0dc" in escaped.out.splitlines()
    raw = run_cli(capsys, "decode", pdu.replace(" ", ""), "--no-smsc", "--raw")
    assert "text:        a\x1b[2Jb\rc\n" in raw.out


def test_no_text_and_a_terminal_is_an_error_not_a_wait(capsys: pytest.CaptureFixture[str]) -> None:
    """analyze with nothing to read from a terminal: a usage error, at once."""
    result = run_cli(capsys, "analyze", tty=True)
    assert result.code == ExitStatus.USAGE
    assert "no message: give it as an argument, with --file PATH, or on standard input" in (
        result.err
    )
