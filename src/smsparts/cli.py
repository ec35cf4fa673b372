"""The ``smsparts`` command line.

Exit codes (documented in docs/cli.md):

* 0: success;
* 1: the input was read but cannot be sent as asked (forced GSM-7 on a text that does
  not fit, more segments than ``--max-segments``, a template error, undecodable bytes);
* 2: bad usage: an unknown option, a bad value, an unreadable file.

Every error is one line on standard error (``smsparts: error: ...``), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from .charset import Encoding, NationalLanguage
from .errors import SmsError
from .segment import Analysis, Segment, analyze, split

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A bad argument detected after parsing (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit with code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"smsparts: error: {message}\n")


# ---------------------------------------------------------------------------
# helpers shared by subcommands


def read_text(args: argparse.Namespace) -> str:
    """The input text: the TEXT argument, ``--file PATH``, or standard input."""
    text: str | None = getattr(args, "text", None)
    path: str | None = getattr(args, "file", None)
    if text is not None and path is not None:
        raise UsageError("give TEXT or --file, not both")
    if path is not None:
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from exc
    if text is None or text == "-":
        try:
            return sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise UsageError(f"standard input is not UTF-8: {exc}") from exc
    return text


def parse_languages(value: str) -> tuple[NationalLanguage, ...]:
    """``"turkish,3"`` -> ``(TURKISH, PORTUGUESE)``; ``"all"`` -> every language."""
    if value.strip().lower() == "all":
        return tuple(NationalLanguage)
    result = []
    for item in value.split(","):
        name = item.strip()
        if not name:
            continue
        try:
            lang = NationalLanguage(int(name)) if name.isdigit() else NationalLanguage[name.upper()]
        except (KeyError, ValueError):
            known = ", ".join(lang.name.lower() for lang in NationalLanguage)
            raise argparse.ArgumentTypeError(
                f"unknown language {name!r} (known: {known}, or ids 1-13, or 'all')"
            ) from None
        result.append(lang)
    return tuple(result)


def add_text_arguments(parser: argparse.ArgumentParser) -> None:
    """TEXT / --file, shared by the subcommands that read a message."""
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the message ('-' or none: stdin)")
    parser.add_argument("--file", "-f", metavar="PATH", help="read the message from a file")


def add_encoding_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of analyze/split that choose the encoding."""
    parser.add_argument(
        "--encoding",
        choices=[e.value for e in Encoding],
        help="force an encoding (default: GSM-7 when the text fits, else UCS-2)",
    )
    parser.add_argument(
        "--boundary",
        choices=["grapheme", "codepoint"],
        default="grapheme",
        help="where UCS-2 segments may split (default: grapheme)",
    )
    parser.add_argument(
        "--languages",
        type=parse_languages,
        metavar="LIST",
        help="national languages whose locking and single shift tables the route supports "
        "(names or ids, comma-separated, or 'all')",
    )
    parser.add_argument("--single-shift", type=parse_languages, metavar="LIST")
    parser.add_argument("--locking-shift", type=parse_languages, metavar="LIST")
    parser.add_argument("--json", action="store_true", help="print JSON")


def encoding_options(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword options for analyze()/split() from parsed arguments."""
    return {
        "encoding": Encoding(args.encoding) if args.encoding else None,
        "boundary": args.boundary,
        "languages": args.languages,
        "single_shift": args.single_shift,
        "locking_shift": args.locking_shift,
    }


def _language_name(lang: NationalLanguage | None) -> str | None:
    return None if lang is None else lang.name.lower()


def _char_json(index: int, ch: str) -> dict[str, Any]:
    return {
        "index": index,
        "char": ch,
        "code_point": f"U+{ord(ch):04X}",
        "name": unicodedata.name(ch, ""),
    }


def analysis_json(result: Analysis) -> dict[str, Any]:
    """An :class:`Analysis` as a JSON-ready dict."""
    return {
        "encoding": result.encoding.value,
        "units": result.units,
        "unit_name": "septets" if result.encoding is Encoding.GSM7 else "code_units",
        "segments": result.segments,
        "segment_capacity": result.segment_capacity,
        "remaining": result.remaining,
        "locking_shift": _language_name(result.locking_shift),
        "single_shift": _language_name(result.single_shift),
        "unencodable": [_char_json(i, ch) for i, ch in result.unencodable],
    }


def segment_json(index: int, seg: Segment) -> dict[str, Any]:
    """A :class:`Segment` as a JSON-ready dict (``index`` counts from 1)."""
    return {
        "index": index,
        "text": seg.text,
        "units": seg.units,
        "capacity": seg.capacity,
        "start": seg.start,
        "end": seg.end,
    }


def print_json(data: object) -> None:
    """Print ``data`` as indented JSON, non-ASCII kept as is."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------------------
# analyze


def _cmd_analyze(args: argparse.Namespace) -> int:
    text = read_text(args)
    result = analyze(text, **encoding_options(args))
    if args.json:
        print_json(analysis_json(result))
        return EXIT_OK
    unit = "septets" if result.encoding is Encoding.GSM7 else "UTF-16 code units"
    tables = "default alphabet"
    if result.locking_shift or result.single_shift:
        tables = (
            f"locking shift: {_language_name(result.locking_shift) or 'default'}, "
            f"single shift: {_language_name(result.single_shift) or 'default'}"
        )
    print(f"encoding:  {result.encoding.value}")
    if result.encoding is Encoding.GSM7:
        print(f"tables:    {tables}")
    print(f"units:     {result.units} {unit}")
    print(f"segments:  {result.segments} ({result.segment_capacity} {unit} per segment)")
    print(f"remaining: {result.remaining} {unit} free in the last segment")
    if result.unencodable:
        print("forced UCS-2 by:")
        for index, ch in result.unencodable:
            name = unicodedata.name(ch, "")
            print(f"  index {index}: {ch!r} U+{ord(ch):04X} {name}".rstrip())
    return EXIT_OK


def _add_analyze(sub: argparse._SubParsersAction[_Parser]) -> None:
    parser = sub.add_parser("analyze", help="encoding, units and segments of a message")
    add_text_arguments(parser)
    add_encoding_arguments(parser)
    parser.set_defaults(handler=_cmd_analyze)


# ---------------------------------------------------------------------------
# split


def _cmd_split(args: argparse.Namespace) -> int:
    text = read_text(args)
    segments = split(text, max_segments=args.max_segments, **encoding_options(args))
    if args.json:
        print_json([segment_json(i, seg) for i, seg in enumerate(segments, 1)])
        return EXIT_OK
    for i, seg in enumerate(segments, 1):
        print(f"[{i}/{len(segments)}] {seg.units}/{seg.capacity} chars {seg.start}:{seg.end}")
        print(seg.text)
    return EXIT_OK


def _add_split(sub: argparse._SubParsersAction[_Parser]) -> None:
    parser = sub.add_parser("split", help="the segments a message is sent as")
    add_text_arguments(parser)
    add_encoding_arguments(parser)
    parser.add_argument(
        "--max-segments", type=int, default=255, metavar="N", help="fail above N (default 255)"
    )
    parser.set_defaults(handler=_cmd_split)


# ---------------------------------------------------------------------------


def build_parser() -> _Parser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog="smsparts", description="Exact SMS encoding, counting and segmentation.")
    parser.add_argument("--version", action="version", version=f"smsparts {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    # One registration line per subcommand; each module's helper adds its own here.
    _add_analyze(sub)
    _add_split(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except UsageError as exc:
        print(f"smsparts: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SmsError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"smsparts: error: {first_line}", file=sys.stderr)
        return EXIT_REJECTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
