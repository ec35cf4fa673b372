"""main() itself: python -m smsparts, the last-resort handler, pipes, help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from smsparts.cli import ExitStatus, main

from .clirun import run_cli


def test_python_m_smsparts_runs_the_cli() -> None:
    """python -m smsparts is the smsparts command (exit status included)."""
    done = subprocess.run(
        [sys.executable, "-m", "smsparts", "analyze", "--json", "Bonjour"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"units": 7' in done.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "smsparts", "analyze", "--bogus"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stderr) == (2, "smsparts: error: unrecognized arguments: --bogus\n")


def test_exit_statuses_are_documented_values() -> None:
    """0 ok, 1 problems, 2 usage, 70 internal, 130 interrupted."""
    assert [int(s) for s in ExitStatus] == [0, 1, 2, 70, 130]


def test_last_resort_handler_is_one_line_and_status_70(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception (a bug) is one line on stderr and exit status 70."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("boom\nsecond line")

    monkeypatch.setattr("smsparts.cli.split.split", broken)
    monkeypatch.delenv("SMSPARTS_DEBUG", raising=False)
    result = run_cli(capsys, "split", "hi")
    assert result.code == ExitStatus.INTERNAL
    assert result.err == (
        "smsparts: internal error: ZeroDivisionError: boom (a bug: please report it; "
        "SMSPARTS_DEBUG=1 shows the traceback)\n"
    )


def test_debug_environment_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """SMSPARTS_DEBUG=1 lets the exception through, for a developer."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("smsparts.cli.split.split", broken)
    monkeypatch.setenv("SMSPARTS_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["split", "hi"])


def test_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    """smsparts ... | head: a closed pipe ends quietly with status 0, no traceback."""
    contacts = tmp_path / "c.csv"
    contacts.write_text("phone\n" + "".join(f"{i}\n" for i in range(20_000)), encoding="utf-8")
    argv = [sys.executable, "-m", "smsparts", "render", "@telephone", "--contacts", str(contacts)]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()  # as head does after its lines
    errors = child.stderr.read().decode()
    child.stderr.close()
    assert child.wait() == 0, errors
    assert errors == ""


def test_help_is_printed_even_on_an_ascii_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--help exits 0 and lists the subcommands."""
    result = run_cli(capsys, "--help")
    assert result.code == 0
    for name in ("analyze", "split", "render", "pdu", "decode"):
        assert name in result.out
