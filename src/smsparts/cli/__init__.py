"""The ``smsparts`` command line: one module per subcommand.

``analyze``, ``split``, ``render``, ``check``, ``compare``, ``pdu``, ``decode`` and
``serve`` each live in their own module with a ``register(subparsers)`` and a
``run(args)``; the options they share (input hygiene, SMS encoding, ``--json``), the exit
statuses and the output helpers are defined once in :mod:`smsparts.cli._common`; the JSON
views are :mod:`smsparts.views`.

Every error is one line on standard error (``smsparts: error: ...``), never a
traceback; see :class:`ExitStatus` and docs/cli.md.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import InvalidOption, SmsError
from ..readers import InputFileError
from . import analyze, check, compare, decode, pdu, render, serve, split
from ._common import ExitStatus, Parser, Runner, UsageError, err

__all__ = ["ExitStatus", "UsageError", "build_parser", "main"]

_SUBCOMMANDS = (analyze, split, pdu, decode, render, check, compare, serve)


def build_parser() -> Parser:
    """The argument parser with every subcommand."""
    parser = Parser(prog="smsparts", description="Exact SMS encoding, counting and segmentation.")
    parser.add_argument("--version", action="version", version=f"smsparts {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for module in _SUBCOMMANDS:
        module.register(sub)
    return parser


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__


def _quiet_broken_pipe() -> None:
    """After a closed pipe (``smsparts ... | head``), send what is left to /dev/null."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no real stdout
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); the exit status.

    Usage errors found by the parser (an unknown option, ``--help``, ``--version``)
    raise :class:`SystemExit` with status 2 (0 for help and version), as argparse does;
    everything else returns an :class:`ExitStatus`.  An unexpected exception is a bug:
    it is reported in one line and returns :attr:`ExitStatus.INTERNAL`
    (``SMSPARTS_DEBUG=1`` shows the traceback).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    runner: Runner = args.run
    try:
        return int(runner(args))
    except UsageError as exc:
        err(f"smsparts: error: {_first_line(exc)}")
        return ExitStatus.USAGE
    except InputFileError as exc:
        err(f"smsparts: error: {_first_line(exc)}")
        # A file that cannot be opened is a usage error; a broken one is a data error.
        return ExitStatus.USAGE if exc.line is None else ExitStatus.PROBLEMS
    except InvalidOption as exc:
        err(f"smsparts: error: {_first_line(exc)}")
        return ExitStatus.USAGE
    except SmsError as exc:
        err(f"smsparts: error: {_first_line(exc)}")
        return ExitStatus.PROBLEMS
    except BrokenPipeError:
        _quiet_broken_pipe()
        return ExitStatus.OK
    except KeyboardInterrupt:
        err("smsparts: interrupted")
        return ExitStatus.INTERRUPTED
    except Exception as exc:  # the last resort: a bug, never a traceback for the user
        if os.environ.get("SMSPARTS_DEBUG"):
            raise
        err(
            f"smsparts: internal error: {type(exc).__name__}: {_first_line(exc)} "
            "(a bug: please report it; SMSPARTS_DEBUG=1 shows the traceback)"
        )
        return ExitStatus.INTERNAL
