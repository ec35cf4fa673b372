"""What every subcommand shares: exit statuses, options defined once, input, output.

A subcommand module defines ``register(subparsers)`` (its options, built from the
``add_*`` helpers here) and ``run(args) -> ExitStatus``; it reads its input with
:func:`read_input` (the hygiene rules of :mod:`smsparts.readers`) and writes with
:func:`out` / :func:`emit_json` (never a crash on a lone surrogate or a terminal that
cannot show a character).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import IO, Any, NoReturn, TypeAlias

from ..charset import Encoding, NationalLanguage, charset
from ..errors import InvalidOption
from ..hygiene import TextWarning
from ..profiles import PROFILES, Profile, load_profile, resolve_profile
from ..readers import ReadText, argument_text, check_encoding, read_message


class ExitStatus(IntEnum):
    """The exit statuses of ``smsparts`` (documented in docs/cli.md)."""

    OK = 0
    """Success (``analyze`` and ``render`` also exit 0 when they print warnings)."""
    PROBLEMS = 1
    """The input was read but has problems: it cannot be sent as asked (forced GSM-7 on
    a text that does not fit, more segments than ``--max-segments``), a template error, a
    contact that fails to render or a bad contact row, bytes that do not decode, a file
    whose content is broken (not UTF-8, not CSV or JSON)."""
    USAGE = 2
    """Bad usage: an unknown option or subcommand, a bad option value, a missing or
    unreadable file, no input given."""
    INTERNAL = 70
    """A bug in smsparts (an unexpected exception), reported in one line (sysexits'
    ``EX_SOFTWARE``).  Never expected: please report it."""
    INTERRUPTED = 130
    """Interrupted with Ctrl-C (128 + SIGINT, as shells report it)."""


class UsageError(Exception):
    """A bad argument detected after parsing (exit status 2)."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit with status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``smsparts: error: MESSAGE`` (one line) and exit with status 2."""
        self.exit(ExitStatus.USAGE, f"smsparts: error: {_one_line(escape_controls(message))}\n")

    def _print_message(self, message: str, file: Any = None) -> None:
        """Write help, version and errors escaped, so no terminal encoding can fail."""
        if message:
            target = sys.stderr if file is None else file
            target.write(_safe(message, target))


Subparsers: TypeAlias = "argparse._SubParsersAction[Parser]"
Runner = Callable[[argparse.Namespace], ExitStatus]


def _one_line(message: str) -> str:
    return message.replace("\n", " ")


# ---------------------------------------------------------------------------
# output: never a crash on a lone surrogate or an encoding the terminal lacks


def _safe(text: str, stream: IO[str]) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        try:
            return text.encode(encoding, "backslashreplace").decode(encoding, "replace")
        except LookupError:
            return text.encode("ascii", "backslashreplace").decode("ascii")
    return text


def out(text: str = "", *, stream: IO[str] | None = None) -> None:
    """Print one line; characters the stream cannot encode (a lone surrogate, an emoji
    on a cp1252 console) are written as ``\\udce9`` / ``\\U0001f600`` escapes."""
    target = sys.stdout if stream is None else stream
    target.write(_safe(text, target) + "\n")


def err(text: str) -> None:
    """Print one line on standard error: control characters and line breaks of the
    input a message may quote are escaped, so it stays one line."""
    out(escape_controls(text).replace("\n", "\\n"), stream=sys.stderr)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(data: object, *, indent: int | None = 2, stream: IO[str] | None = None) -> str:
    """``data`` as JSON that ``stream`` can encode: non-ASCII kept when it can, else
    ``\\uXXXX`` escapes (a lone surrogate is always written ``\\udXXX``, valid JSON)."""
    target = sys.stdout if stream is None else stream
    # json.dumps escapes C0 controls; C1 controls, bidirectional overrides, the line
    # separators and lone surrogates are escaped here too (they only occur inside
    # strings, where a \\uXXXX escape reads back as the same code point).
    text = _JSON_UNSAFE.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=indent))
    encoding = getattr(target, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=indent)
    return text


_ENCODE_LINE = json.JSONEncoder(ensure_ascii=False).encode


def json_line(data: object) -> str:
    """``data`` as one line of JSON (for JSON lines): no raw character that any reader
    splits lines on (``\\x85``, U+2028, U+2029 are escaped, as are C1 controls,
    bidirectional overrides and lone surrogates); UTF-8 otherwise."""
    return escape_json_line(_ENCODE_LINE(data))


def escape_json_line(text: str) -> str:
    """JSON text with the characters :func:`json_line` escapes written ``\\uXXXX``."""
    return _JSON_UNSAFE.sub(_json_escape, text)


def emit_json(data: object) -> None:
    """Print ``data`` as indented JSON (see :func:`json_text`)."""
    sys.stdout.write(json_text(data) + "\n")


# C0 and C1 controls (but tab and line feed), DEL, the line and paragraph separators,
# bidirectional overrides and isolates (which reorder what follows on a terminal), and
# lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with control characters and terminal escapes shown, not obeyed.

    ``ESC`` becomes ``\\x1b``, a carriage return ``\\r``-style ``\\x0d``, a right-to-left
    override ``\\u202e``: untrusted text (a received SMS) cannot move the cursor or
    rewrite what the user sees.  Tabs and line feeds are kept.

    >>> escape_controls("ok\\x1b[2Jgone\\rfake")
    'ok\\\\x1b[2Jgone\\\\x0dfake'
    """
    return _UNSAFE.sub(_escape, text)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 segment``, ``2 segments``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


# ---------------------------------------------------------------------------
# argument types


_DIGITS = re.compile(r"[0-9]{1,9}")


def parse_count(text: str, *, low: int, high: int | None, what: str = "a number") -> int:
    """``text`` as an int in ``low..high``: ASCII digits only, never a traceback.

    ``int()`` takes any Unicode digit (``"١"``) and chokes on others (``"²"``) or on
    4,300 of them; a command line takes 0-9.
    """
    if not _DIGITS.fullmatch(text.strip()):
        bound = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise argparse.ArgumentTypeError(f"expected {what} {bound} (digits 0-9), not {text!r}")
    value = int(text.strip())
    if value < low or (high is not None and value > high):
        bound = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise argparse.ArgumentTypeError(f"expected {what} {bound}, not {value}")
    return value


def count_type(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type=`` for :func:`parse_count`."""

    def parse(text: str) -> int:
        return parse_count(text, low=low, high=high)

    parse.__name__ = "number"
    return parse


def parse_languages(value: str) -> tuple[NationalLanguage, ...]:
    """``"turkish,3"`` -> ``(TURKISH, PORTUGUESE)``; ``"all"`` -> every language."""
    if value.strip().lower() == "all":
        return tuple(NationalLanguage)
    result = []
    for item in value.split(","):
        name = item.strip()
        if not name:
            continue
        lang: NationalLanguage | None = None
        if _DIGITS.fullmatch(name):
            lang = next((x for x in NationalLanguage if x.value == int(name)), None)
        else:
            lang = NationalLanguage.__members__.get(name.upper())
        if lang is None:
            known = ", ".join(x.name.lower() for x in NationalLanguage)
            raise argparse.ArgumentTypeError(
                f"unknown language {name!r} (known: {known}, or ids 1-13, or 'all')"
            )
        result.append(lang)
    return tuple(result)


def parse_locking_languages(value: str) -> tuple[NationalLanguage, ...]:
    """:func:`parse_languages`, keeping only languages that have a locking shift table."""
    languages = parse_languages(value)
    for lang in languages:
        try:
            charset(lang, 0)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{lang.name.lower()} has no locking shift table (23.038 A.3 leaves it "
                "void): use --single-shift or --languages"
            ) from None
    if value.strip().lower() == "all":
        return tuple(x for x in languages if _has_locking(x))
    return languages


def _has_locking(lang: NationalLanguage) -> bool:
    try:
        charset(lang, 0)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# options defined once


def add_text_arguments(
    parser: argparse.ArgumentParser, *, metavar: str = "TEXT", what: str = "the message"
) -> None:
    """``TEXT`` / ``--file PATH``: where the message comes from."""
    parser.add_argument(
        "text", nargs="?", metavar=metavar, help=f"{what} ('-' or none: standard input)"
    )
    parser.add_argument("--file", "-f", metavar="PATH", help=f"read {what} from a file")


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding``, ``--newlines`` and ``--keep-final-newline``: input hygiene."""
    group = parser.add_argument_group("input")
    group.add_argument(
        "--encoding",
        metavar="CODEC",
        help="character encoding of the files, standard input and arguments read "
        "(default utf-8; cp1252 for a Windows or Excel file)",
    )
    group.add_argument(
        "--newlines",
        choices=["keep", "lf"],
        default="keep",
        help="CRLF line breaks: keep them (default: each counts 2 characters, with a "
        "warning) or send them as LF",
    )
    group.add_argument(
        "--keep-final-newline",
        action="store_true",
        help="a message file's final line break is part of the message (default: dropped)",
    )


def add_sms_options(parser: argparse.ArgumentParser) -> None:
    """The options that choose how the message is encoded and segmented."""
    parser.add_argument(
        "--sms-encoding",
        choices=[e.value for e in Encoding],
        help="force the SMS encoding (default: GSM-7 when the text fits, else UCS-2)",
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
    parser.add_argument("--locking-shift", type=parse_locking_languages, metavar="LIST")


def add_profile_option(parser: argparse.ArgumentParser) -> None:
    """``--profile NAME|FILE``: count and bill as a provider does."""
    parser.add_argument(
        "--profile",
        metavar="NAME|FILE",
        help="count and bill as this provider does: a built-in ("
        + ", ".join(PROFILES)
        + ") or a custom profile's .toml or .json file (docs/profiles.md)",
    )


def profile_of(args: argparse.Namespace) -> Profile | None:
    """The ``--profile`` asked for: a file path loads through
    :func:`~smsparts.profiles.load_profile`, else a built-in's name; ``None`` without.

    Raises:
        UsageError: no built-in has that name (the built-ins are listed), or the file
            cannot be read.
    """
    value: str | None = getattr(args, "profile", None)
    if value is None:
        return None
    path = Path(value)
    if path.suffix.lower() in (".toml", ".json") or path.is_file():
        try:
            return load_profile(path)
        except OSError as exc:
            raise UsageError(f"--profile {value}: {exc.strerror or exc}") from None
    try:
        return resolve_profile(value)
    except InvalidOption:
        listed = ", ".join(PROFILES)
        raise UsageError(
            f"--profile {value!r}: no such profile (built-ins: {listed}; or a .toml or .json file)"
        ) from None


def add_json_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """``--json``."""
    parser.add_argument("--json", action="store_true", help="print JSON")


# The SMS encodings, also accepted by --encoding (its meaning before input encodings).
_SMS_ENCODINGS = {"gsm7": Encoding.GSM7, "gsm-7": Encoding.GSM7, "ucs2": Encoding.UCS2}
_SMS_ENCODINGS["ucs-2"] = Encoding.UCS2


def input_encoding(args: argparse.Namespace) -> str:
    """The character encoding of the input (``--encoding``), checked."""
    value: str | None = getattr(args, "encoding", None)
    if value is None or value.lower() in _SMS_ENCODINGS:
        return "utf-8"
    try:
        return check_encoding(value)
    except InvalidOption:
        raise UsageError(
            f"--encoding {value!r}: no such character encoding (utf-8, cp1252, latin-1, "
            "...); to force the SMS encoding use --sms-encoding gsm7|ucs2"
        ) from None


def sms_encoding(args: argparse.Namespace) -> Encoding | None:
    """The forced SMS encoding: ``--sms-encoding``, or ``--encoding gsm7|ucs2``."""
    chosen: str | None = getattr(args, "sms_encoding", None)
    legacy: str | None = getattr(args, "encoding", None)
    if legacy is not None and legacy.lower() in _SMS_ENCODINGS:
        old = _SMS_ENCODINGS[legacy.lower()]
        if chosen is not None and Encoding(chosen) is not old:
            raise UsageError(f"--encoding {legacy} and --sms-encoding {chosen} disagree")
        return old
    return None if chosen is None else Encoding(chosen)


def encoding_options(args: argparse.Namespace) -> dict[str, Any]:
    """Keyword options of :func:`smsparts.analyze` / :func:`smsparts.split`."""
    return {
        "encoding": sms_encoding(args),
        "boundary": args.boundary,
        "languages": args.languages,
        "single_shift": args.single_shift,
        "locking_shift": args.locking_shift,
    }


# ---------------------------------------------------------------------------
# input


def _stdin_is_terminal() -> bool:
    try:
        return bool(sys.stdin.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _stdin_stream() -> IO[bytes] | IO[str]:
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else sys.stdin


def read_input(args: argparse.Namespace, *, what: str = "message") -> ReadText:
    """The message of a subcommand: ``TEXT``, ``--file PATH`` or standard input.

    Files and standard input follow the hygiene rules of :mod:`smsparts.readers`
    (BOM and final line break dropped, ``--newlines``, ``--encoding``); an argument is
    taken as typed (its bytes decoded with ``--encoding``).  With no ``TEXT`` and a
    terminal on standard input, a usage error rather than a wait.
    """
    text: str | None = getattr(args, "text", None)
    path: str | None = getattr(args, "file", None)
    encoding = input_encoding(args)
    keep = bool(getattr(args, "keep_final_newline", False))
    newlines: str = getattr(args, "newlines", "keep") or "keep"
    if text is not None and path is not None:
        raise UsageError("give TEXT or --file, not both")
    if path is not None and path != "-":
        return read_message(path, encoding=encoding, keep_final_newline=keep, newlines=newlines)
    if text is None and path is None and _stdin_is_terminal():
        raise UsageError(
            f"no {what}: give it as an argument, with --file PATH, or on standard input "
            "('-' reads the terminal)"
        )
    if text is None or text == "-":
        return read_message(
            _stdin_stream(), encoding=encoding, keep_final_newline=keep, newlines=newlines
        )
    return argument_text(text, encoding=encoding, newlines=newlines)


def input_notes(read: ReadText) -> list[str]:
    """Notes for standard error about what reading changed (CRLF converted)."""
    if read.converted:
        return [f"{read.source}: {plural(read.converted, 'line break')} converted to LF"]
    return []


def crlf_warning(read: ReadText) -> str | None:
    """The CRLF warning for a subcommand that does not print text warnings itself."""
    if read.crlf and not read.converted:
        return (
            f"{read.source}: {plural(read.crlf, 'CRLF line break')} counted as 2 "
            "characters each (--newlines lf sends LF)"
        )
    return None


def warn_input(read: ReadText) -> None:
    """Print the CRLF warning and the notes of ``read`` on standard error."""
    warning = crlf_warning(read)
    if warning is not None:
        err(f"smsparts: warning: {warning}")
    for note in input_notes(read):
        err(f"smsparts: note: {note}")


def warning_line(warning: TextWarning) -> str:
    """``warning:   MESSAGE (index 4, 9)`` for the human output."""
    where = ""
    if warning.positions:
        shown = ", ".join(str(p) for p in warning.positions[:5])
        more = ", …" if warning.count > len(warning.positions[:5]) else ""
        where = f" (index {shown}{more})"
    return f"warning:   {warning.message}{where}"


def name_value_pairs(option: str, values: list[str] | None) -> dict[str, str]:
    """``["prenom=client", ...]`` -> ``{"prenom": "client"}`` (a leading ``@`` dropped).

    Shared by ``--default`` (render, check), ``--max-length`` and ``--alphabet``; an item
    without ``=`` or with an empty name is a usage error naming the option.
    """
    result: dict[str, str] = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{option} expects NAME=VALUE, not {item!r}")
        result[name.strip().lstrip("@")] = value
    return result
