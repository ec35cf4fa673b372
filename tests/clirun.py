"""Run ``smsparts.cli.main`` in-process with a given standard input, for the CLI tests."""

from __future__ import annotations

import io
from typing import NamedTuple

import pytest

from smsparts.cli import main


class Result(NamedTuple):
    """What one run gave."""

    code: int
    out: str
    err: str


class FakeStdin(io.TextIOWrapper):
    """Standard input over bytes; a terminal when asked to be."""

    def __init__(self, data: bytes, *, tty: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_cli(
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: bytes | str | None = None,
    tty: bool = False,
) -> Result:
    """``main(argv)``; SystemExit (argparse) gives its code; stdin is bytes or text."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", FakeStdin(data, tty=tty))
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return Result(code, out, err)
