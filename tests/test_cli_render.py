"""smsparts render --contacts: streamed, a summary, --messages, errors said once."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from smsparts.cli import ExitStatus

from .clirun import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_columns_are_aligned_and_summary_has_a_histogram(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Segments, encodings and units line up whatever their widths; a histogram ends it."""
    contacts = [
        {"id": "a", "prenom": "Zoé"},
        {"id": "long-id-2", "prenom": "x" * 1600},
        {"id": "c", "prenom": "François"},
    ]
    path = write(tmp_path, "c.json", json.dumps(contacts))
    result = run_cli(capsys, "render", "@prenom", "--contacts", path)
    assert result.code == ExitStatus.OK
    assert result.out.splitlines() == [
        "a           1 segment   gsm7     3 septets",
        "long-id-2  11 segments  gsm7  1600 septets",
        "c           1 segment   ucs2     8 code units",
        "total: 13 segments for 3 recipients; per recipient: 1 segment ×2, 11 segments ×1",
    ]


def test_messages_file_has_one_json_object_a_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--messages writes id (when present), phone, text, encoding, units, segments."""
    path = write(
        tmp_path, "c.csv", 'id;phone;prenom\n7;33612345678;"Zoé\nMarie"\n;33700000000;Léa\n'
    )
    messages = tmp_path / "out.jsonl"
    result = run_cli(
        capsys, "render", "Bonjour @prenom", "--contacts", path, "--messages", str(messages)
    )
    assert result.code == ExitStatus.OK
    records = [json.loads(line) for line in messages.read_text(encoding="utf-8").splitlines()]
    assert records == [
        {
            "id": "7",
            "phone": "33612345678",
            "text": "Bonjour Zoé\nMarie",  # the quoted line break of the CSV cell is kept
            "encoding": "gsm7",
            "units": 17,
            "segments": 1,
        },
        {
            "phone": "33700000000",
            "text": "Bonjour Léa",
            "encoding": "gsm7",
            "units": 11,
            "segments": 1,
        },
    ]
    assert list(records[0]) == ["id", "phone", "text", "encoding", "units", "segments"]


def test_messages_to_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--messages - writes the JSON lines on stdout and the summary on stderr."""
    path = write(tmp_path, "c.jsonl", '{"phone": "1", "prenom": "Zoé"}\n')
    result = run_cli(capsys, "render", "@prenom", "--contacts", path, "--messages", "-")
    assert json.loads(result.out)["text"] == "Zoé"
    assert result.err == "total: 1 segment for 1 recipient; per recipient: 1 segment ×1\n"


def test_csv_unknown_variable_is_reported_once_before_any_contact(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A typo in the template against a CSV header: one error, no contact rendered."""
    path = write(tmp_path, "c.csv", "phone;prenom\n" + "".join(f"{i};a\n" for i in range(500)))
    result = run_cli(capsys, "render", "Bonjour @prenon", "--contacts", path)
    assert result.code == ExitStatus.PROBLEMS
    assert result.out == ""
    assert result.err == (
        "smsparts: error: unknown variable @prenon at index 8; did you mean @prenom?\n"
    )


def test_json_unknown_variable_is_said_once_and_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without a header, the same unknown variable is one line plus a count, not 500."""
    path = write(tmp_path, "c.json", json.dumps([{"id": str(i)} for i in range(500)]))
    result = run_cli(capsys, "render", "Bonjour @ville", "--contacts", path)
    assert result.code == ExitStatus.PROBLEMS
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("0  error: unknown variable @ville at index 8 (contact 0)")
    assert lines[1] == "total: 0 segments for 0 recipients (500 failed)"
    assert result.err == "smsparts: error: @ville is unknown in 499 more contacts\n"


def test_template_syntax_error_before_the_contacts_are_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A syntax error is reported even when the contacts file does not exist."""
    result = run_cli(capsys, "render", "@{prenom}", "--contacts", str(tmp_path / "none.csv"))
    assert result.code == ExitStatus.PROBLEMS
    assert "braces are not" in result.err


def test_bad_rows_are_reported_at_file_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A ragged CSV row is an error line naming FILE:LINE; the other rows go on."""
    path = write(tmp_path, "c.csv", "id,prenom\n1,Zoé\n2,Léa,extra\n3,Ana\n")
    result = run_cli(capsys, "render", "@prenom", "--contacts", path)
    assert result.code == ExitStatus.PROBLEMS
    assert result.out.splitlines() == [
        "1  1 segment  gsm7  3 septets",
        f"2  error: {path}:3: 3 fields, header has 2",
        "3  1 segment  gsm7  3 septets",
        "total: 2 segments for 2 recipients (1 failed); per recipient: 1 segment ×2",
    ]


def test_json_output_is_streamed_valid_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--json writes one object: the contacts, then the summary."""
    path = write(tmp_path, "c.json", json.dumps([{"id": "a", "prenom": "Zoé"}, {"id": "b"}]))
    result = run_cli(capsys, "render", "@prenom", "--contacts", path, "--json")
    data = json.loads(result.out)
    assert data["contacts"][0] == {
        "contact": "a",
        "line": 1,
        "encoding": "gsm7",
        "units": 3,
        "unit_name": "septets",
        "segments": 1,
    }
    assert data["contacts"][1]["error"].startswith("contact b has no value for @prenom")
    assert data["summary"] == {"recipients": 1, "segments": 1, "failed": 1, "histogram": {"1": 1}}


def test_quiet_prints_errors_and_the_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--quiet leaves out the per-contact lines of contacts that rendered."""
    path = write(tmp_path, "c.json", json.dumps([{"id": "a", "prenom": "Zoé"}, {"id": "b"}]))
    lines = run_cli(capsys, "render", "@prenom", "--contacts", path, "-q").out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("b  error: contact b has no value")


def test_missing_template_is_an_error_not_a_wait(capsys: pytest.CaptureFixture[str]) -> None:
    """render without a template never reads standard input on its own."""
    result = run_cli(capsys, "render", "--contact", "{}", stdin=b"@prenom")
    assert result.code == ExitStatus.USAGE
    assert result.err == (
        "smsparts: error: no template: give TEMPLATE, --file PATH, or '-' to read it from "
        "standard input\n"
    )
    piped = run_cli(capsys, "render", "-", "--contact", '{"prenom": "Zoé"}', stdin=b"@prenom\n")
    assert piped.out == "Zoé\n-- gsm7, 3 septets, 1 segment\n"


def test_bounds_errors_use_option_names(capsys: pytest.CaptureFixture[str]) -> None:
    """--bounds speaks of --max-length and --default-max-length, not Python arguments."""
    result = run_cli(capsys, "render", "Bonjour @ville", "--bounds")
    assert result.code == ExitStatus.USAGE
    assert result.err == (
        "smsparts: error: no value for @ville (no maximum length: give --max-length ville=N "
        "or --default-max-length N) at index 8\n"
    )


def test_readme_example_no_longer_counts_the_final_newline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The README's command: the template file's newline is not sent."""
    result = run_cli(
        capsys,
        "render",
        "--file",
        str(EXAMPLES / "template.txt"),
        "--contacts",
        str(EXAMPLES / "contacts.json"),
        "--default",
        "civilite=Madame, Monsieur",
    )
    assert result.code == ExitStatus.OK
    assert result.out.splitlines() == [
        "c-001         1 segment   gsm7  140 septets",
        "c-002         3 segments  ucs2  139 code units",
        "c-003         1 segment   gsm7  160 septets",
        "+33755667788  1 segment   gsm7  153 septets",
        "c-005         3 segments  ucs2  140 code units",
        "total: 9 segments for 5 recipients; per recipient: 1 segment ×3, 3 segments ×2",
    ]


def _peak(capsys: pytest.CaptureFixture[str], path: str) -> int:
    tracemalloc.start()
    try:
        result = run_cli(capsys, "render", "Bonjour @prenom", "--contacts", path, "-q")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.code == ExitStatus.OK
    return peak


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_memory_does_not_grow_with_the_contacts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
) -> None:
    """10x the contacts, about the same peak memory: nothing is kept per contact."""
    peaks = []
    for count in (3_000, 30_000):
        rows = [{"phone": f"336{i:08d}", "prenom": f"Zoé {i}"} for i in range(count)]
        text = (
            "phone,prenom\n" + "".join(f"{r['phone']},{r['prenom']}\n" for r in rows)
            if suffix == "csv"
            else json.dumps(rows)
        )
        peaks.append(_peak(capsys, write(tmp_path, f"c{count}.{suffix}", text)))
    assert peaks[1] < 1.5 * peaks[0], peaks


def test_a_column_no_contact_has_is_said_three_times_then_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """@prenom with no first-name column: three error lines and a count, not 100."""
    path = write(tmp_path, "c.csv", "phone;nom\n" + "".join(f"{i};X\n" for i in range(100)))
    result = run_cli(capsys, "render", "Bonjour @prenom", "--contacts", path)
    assert result.code == ExitStatus.PROBLEMS
    lines = result.out.splitlines()
    assert len(lines) == 4
    assert lines[0] == "0  error: contact 0 has no value for @prenom (no firstName) at index 8"
    assert lines[-1] == "total: 0 segments for 0 recipients (100 failed)"
    assert result.err == (
        "smsparts: error: no value for @prenom (no firstName) in 97 more contacts\n"
    )
    as_json = run_cli(capsys, "render", "Bonjour @prenom", "--contacts", path, "--json")
    assert len(json.loads(as_json.out)["contacts"]) == 100  # --json lists every contact
