"""``smsparts render``: a ``@variable`` template per contact, with exact counts or bounds.

``--contacts FILE`` streams: one contact read, rendered, counted and written at a time,
so memory stays constant whatever the number of contacts (only the column widths are
taken from the first :data:`WINDOW` contacts).  The template is read and parsed before
any contact: a syntax error, or (for a CSV file) a variable that names no column, is
reported once.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import json.encoder
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from ..errors import MissingValue, SmsError, UnknownVariable
from ..readers import CONTACT_FORMATS, ContactRow, iter_contacts, loads_contact
from ..segment import Analysis, analyze
from ..template import Template
from ..views import analysis_view, billed_view, bounds_view, render_view
from ._common import (
    ExitStatus,
    Subparsers,
    UsageError,
    add_input_options,
    add_json_option,
    add_profile_option,
    add_sms_options,
    add_text_arguments,
    count_type,
    emit_json,
    encoding_options,
    err,
    escape_json_line,
    input_encoding,
    json_line,
    json_text,
    name_value_pairs,
    out,
    parse_count,
    plural,
    profile_of,
    read_input,
    warn_input,
)

#: How many contacts the column widths are taken from (rows are held until then).
WINDOW = 1000


def register(sub: Subparsers) -> None:
    """Add ``render`` and its options."""
    parser = sub.add_parser(
        "render",
        help="render a @variable template per contact, with exact counts or bounds",
        description="Render a @variable template for one contact (--contact), for every "
        "contact of a file (--contacts, streamed), or give the fewest and most segments "
        "any contact can produce (--bounds).",
    )
    add_text_arguments(parser, metavar="TEMPLATE", what="the template")
    source = parser.add_argument_group("contacts (one of --contact, --contacts, --bounds)")
    source.add_argument("--contact", metavar="JSON", help="one contact as a JSON object")
    source.add_argument(
        "--contacts",
        metavar="FILE",
        help="contacts: CSV with a header, a JSON array, or JSON lines (.jsonl)",
    )
    source.add_argument(
        "--bounds", action="store_true", help="fewest and most segments for any contact"
    )
    source.add_argument(
        "--format",
        choices=["csv", "json", "jsonl"],
        help="the contacts file format (default: by its suffix, else its first character)",
    )
    source.add_argument(
        "--delimiter", metavar="CHAR", help="CSV delimiter (default: sniffed among , ; TAB |)"
    )
    source.add_argument(
        "--trim",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="strip spaces around contact values and column names (default: --trim)",
    )
    output = parser.add_argument_group("output")
    output.add_argument(
        "--messages",
        metavar="FILE.jsonl",
        help="write each rendered message as one JSON object a line: id (when the "
        "contact has one), phone, text, encoding, units, segments ('-': standard output)",
    )
    output.add_argument(
        "--quiet", "-q", action="store_true", help="print only errors and the summary line"
    )
    add_json_option(output)
    template = parser.add_argument_group("template")
    template.add_argument(
        "--fields", metavar="LIST", help="declared contact fields, comma-separated"
    )
    template.add_argument(
        "--missing",
        choices=["raise", "empty"],
        default="raise",
        help="a variable without a value: fail (default) or insert nothing",
    )
    template.add_argument(
        "--default", action="append", metavar="NAME=TEXT", help="text for a missing value"
    )
    template.add_argument(
        "--keep-unknown", action="store_true", help="keep unknown variables as text"
    )
    bounds = parser.add_argument_group("--bounds")
    bounds.add_argument(
        "--max-length",
        action="append",
        metavar="NAME=N",
        help="the most characters of a variable's values",
    )
    bounds.add_argument(
        "--default-max-length",
        type=count_type(0),
        metavar="N",
        help="the most characters of the variables without --max-length",
    )
    bounds.add_argument(
        "--alphabet",
        action="append",
        metavar="[NAME=]ALPHABET",
        help="what values may hold: gsm7-basic, gsm7 or ucs2 (default), for all or one variable",
    )
    parser.add_argument(
        "--reference-bits",
        type=count_type(8, 16),
        choices=[8, 16],
        default=8,
        help="concatenation reference size in bits (default 8)",
    )
    add_sms_options(parser)
    add_profile_option(parser)
    add_input_options(parser)
    parser.set_defaults(run=run)


def _template(args: argparse.Namespace, source: str, fields: list[str] | None) -> Template:
    return Template(
        source,
        fields=fields,
        unknown="keep" if args.keep_unknown else "raise",
        missing=args.missing,
        defaults=name_value_pairs("--default", args.default),
    )


def run(args: argparse.Namespace) -> ExitStatus:
    """Render the template as asked."""
    given = [args.contact is not None, args.contacts is not None, args.bounds]
    if args.text is None and args.file is None:
        raise UsageError(
            "no template: give TEMPLATE, --file PATH, or '-' to read it from standard input"
        )
    if sum(given) != 1:
        raise UsageError("give one of --contact JSON, --contacts FILE or --bounds")
    profile = profile_of(args)
    if profile is not None and args.bounds:
        raise UsageError("--profile counts rendered messages: use it with --contact or --contacts")
    read = read_input(args, what="template")
    warn_input(read)
    declared = [f.strip() for f in args.fields.split(",")] if args.fields else None
    template = _template(args, read.text, declared)  # a syntax error: once, before contacts
    if args.bounds:
        return _bounds(args, template)
    options = {**encoding_options(args), "reference_bits": args.reference_bits}
    count_of: Callable[[str], Analysis] = (
        functools.partial(analyze, **options) if profile is None else profile.count
    )
    if args.contact is not None:
        contact = loads_contact(args.contact, source="--contact")
        text = template.render(contact)
        result = count_of(text)
        if args.json:
            view = {"text": text, **analysis_view(result)}
            if profile is not None:
                view["profile"] = billed_view(profile, result)
            emit_json(view)
        else:
            out(text)
            billed = "" if profile is None else f" billed by {profile.name}"
            out(f"-- {_units_text(result)}{billed}")
        return ExitStatus.OK
    name = None if profile is None else profile.name
    return _contacts(args, read.text, template, declared, count_of, name)


def _units_text(result: Analysis) -> str:
    unit = "septets" if result.encoding.value == "gsm7" else "code units"
    return f"{result.encoding.value}, {result.units} {unit}, {plural(result.segments, 'segment')}"


# ---------------------------------------------------------------------------
# --contacts: streamed


@dataclass(slots=True)
class _Outcome:
    """One contact's result, held only while the column widths are being measured."""

    name: str
    line: int
    result: Analysis | None = None
    error: str | None = None


@dataclass(slots=True)
class _Summary:
    recipients: int = 0
    segments: int = 0
    failed: int = 0
    histogram: dict[int, int] = field(default_factory=dict)
    profile: str | None = None

    def add(self, segments: int) -> None:
        self.recipients += 1
        self.segments += segments
        histogram = self.histogram
        histogram[segments] = histogram.get(segments, 0) + 1

    def line(self) -> str:
        text = (
            f"total: {plural(self.segments, 'segment')} for {plural(self.recipients, 'recipient')}"
        )
        if self.profile is not None:
            text += f" (billed by {self.profile})"
        if self.failed:
            text += f" ({self.failed} failed)"
        if self.histogram:
            bars = ", ".join(
                f"{plural(k, 'segment')} ×{v}" for k, v in sorted(self.histogram.items())
            )
            text += f"; per recipient: {bars}"
        return text

    def view(self) -> dict[str, Any]:
        view: dict[str, Any] = {
            "recipients": self.recipients,
            "segments": self.segments,
            "failed": self.failed,
            "histogram": {str(k): v for k, v in sorted(self.histogram.items())},
        }
        if self.profile is not None:
            view["profile"] = {"name": self.profile, "segments": self.segments}
        return view


def _contact_name(row: ContactRow) -> str:
    for key in ("id", "phone"):
        value = row.fields.get(key)
        if value not in (None, ""):
            return str(value)
    return f"line {row.line}"


def _first_line(exc: Exception) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _contact_format(args: argparse.Namespace) -> str | None:
    if args.format is not None:
        return str(args.format)
    suffix = "." + args.contacts.rsplit(".", 1)[-1].lower() if "." in args.contacts else ""
    return CONTACT_FORMATS.get(suffix)


class _Writer:
    """The per-contact output: human lines with aligned columns, or streamed JSON."""

    def __init__(self, args: argparse.Namespace, messages: IO[str] | None) -> None:
        self.json = bool(args.json)
        self.quiet = bool(args.quiet)
        self.messages = messages
        self.to_stdout = args.messages == "-"
        self.widths: tuple[int, int, int, int] | None = None
        self.first_json = True

    def measure(self, held: list[_Outcome]) -> None:
        """Column widths from the contacts held (the first :data:`WINDOW`)."""
        results = [o.result for o in held if o.result is not None]
        self.widths = (
            max((len(o.name) for o in held), default=0),
            max((len(str(r.segments)) for r in results), default=1),
            8 if any(r.segments != 1 for r in results) else 7,
            max((len(str(r.units)) for r in results), default=1),
        )

    def human(self, outcome: _Outcome) -> None:
        """One aligned line: contact, segments, encoding, units (or the error)."""
        if self.to_stdout:
            if outcome.error is not None:
                err(f"{outcome.name}  error: {outcome.error}")
            return
        name_w, seg_w, noun_w, units_w = self.widths or (0, 1, 7, 1)
        if outcome.error is not None:
            out(f"{outcome.name:<{name_w}}  error: {outcome.error}")
            return
        if self.quiet:
            return
        result = outcome.result
        assert result is not None
        noun = "segment" if result.segments == 1 else "segments"
        unit = "septets" if result.encoding.value == "gsm7" else "code units"
        out(
            f"{outcome.name:<{name_w}}  {result.segments:>{seg_w}} {noun:<{noun_w}}  "
            f"{result.encoding.value}  {result.units:>{units_w}} {unit}"
        )

    def json_item(self, outcome: _Outcome) -> None:
        item: dict[str, Any] = {"contact": outcome.name, "line": outcome.line}
        if outcome.result is not None:
            item.update(render_view(outcome.result))
        else:
            item["error"] = outcome.error
        prefix = '{"contacts": [\n  ' if self.first_json else ",\n  "
        self.first_json = False
        sys.stdout.write(prefix + json_text(item, indent=None))

    def emit(self, outcome: _Outcome) -> None:
        if self.json and not self.to_stdout:
            self.json_item(outcome)
        else:
            self.human(outcome)

    def finish(self, summary: _Summary) -> None:
        if self.json and not self.to_stdout:
            head = '{"contacts": []' if self.first_json else "\n]"
            sys.stdout.write(f'{head}, "summary": {json_text(summary.view(), indent=None)}}}\n')
        elif self.to_stdout:
            err(summary.line())
        else:
            out(summary.line())


_STRING: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.encode_basestring


def _json_value(value: object) -> str:
    return str(_STRING(value)) if type(value) is str else json_line(value)


def _message_line(row: ContactRow, text: str, result: Analysis) -> str:
    """The ``--messages`` line: id (when present), phone, text, encoding, units, segments.

    Built by hand around the C string encoder: the same JSON as :func:`json_line` gives
    for the record, at a third of its cost (this runs once per contact).
    """
    fields = row.fields
    ident = fields.get("id")
    head = "{" if ident in (None, "") else '{"id": ' + _json_value(ident) + ", "
    line = (
        f'{head}"phone": {_json_value(fields.get("phone"))}, "text": {_STRING(text)}, '
        f'"encoding": "{result.encoding.value}", "units": {result.units}, '
        f'"segments": {result.segments}}}'
    )
    return escape_json_line(line)


def _open_messages(path: str | None) -> IO[str] | None:
    if path is None:
        return None
    if path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
    except OSError as exc:
        raise UsageError(f"--messages {path}: cannot write: {exc.strerror or exc}") from None


def _contacts(
    args: argparse.Namespace,
    source: str,
    template: Template,
    declared: list[str] | None,
    count_of: Callable[[str], Analysis],
    profile_name: str | None = None,
) -> ExitStatus:
    rows: Iterator[ContactRow] = iter_contacts(
        args.contacts,
        encoding=input_encoding(args),
        trim=args.trim,
        format=args.format,
        delimiter=args.delimiter,
    )
    first = next(rows, None)
    csv_header = first is not None and first.problem is None and _contact_format(args) == "csv"
    if first is not None and csv_header and declared is None:
        # The header is the list of fields: a variable naming no column is a template
        # error, reported once before any contact is rendered.
        template = _template(args, source, list(first.fields))
    messages = _open_messages(args.messages)
    writer = _Writer(args, messages)
    summary = _Summary(profile=profile_name)
    # Errors every contact may share (a variable no contact has) are printed a few
    # times, then counted; --json lists every contact.
    repeats: dict[str, list[int]] | None = None if args.json else {}
    held: list[_Outcome] = []
    quiet = bool(args.quiet) and not args.json
    try:
        stream = itertools.chain([] if first is None else [first], rows)
        for row in stream:
            outcome = _render_one(row, template, count_of, messages, summary, repeats, quiet)
            if outcome is None:
                continue
            if writer.widths is None:
                held.append(outcome)
                if len(held) < WINDOW:
                    continue
                writer.measure(held)
                for kept in held:
                    writer.emit(kept)
                held.clear()
                continue
            writer.emit(outcome)
        if writer.widths is None:
            writer.measure(held)
            for kept in held:
                writer.emit(kept)
    finally:
        if messages is not None and messages is not sys.stdout:
            messages.close()
    for words, (count, shown) in (repeats or {}).items():
        if count > shown:
            err(f"smsparts: error: {words} in {count - shown} more contacts")
    writer.finish(summary)
    return ExitStatus.PROBLEMS if summary.failed else ExitStatus.OK


def _repeat(exc: SmsError) -> tuple[str, int] | None:
    """How an error that every contact may share is counted: its words and how many
    times it is printed before the rest are only counted (``None``: always printed)."""
    if isinstance(exc, UnknownVariable):
        return f"@{exc.name} is unknown", 1
    if isinstance(exc, MissingValue):
        return f"no value for @{exc.name} ({exc.reason})", 3
    return None


def _render_one(
    row: ContactRow,
    template: Template,
    count_of: Callable[[str], Analysis],
    messages: IO[str] | None,
    summary: _Summary,
    repeats: dict[str, list[int]] | None,
    quiet: bool,
) -> _Outcome | None:
    """Render one contact; ``None`` when there is nothing to print for it (``--quiet``,
    or an error already printed often enough: ``repeats`` counts them)."""
    if row.problem is not None:
        summary.failed += 1
        return _Outcome(
            _contact_name(row), row.line, error=f"{row.source}:{row.line}: {row.problem}"
        )
    try:
        text = template.render(row.fields)
        result = count_of(text)
    except SmsError as exc:
        summary.failed += 1
        shared = _repeat(exc) if repeats is not None else None
        if shared is not None and repeats is not None:
            seen = repeats.setdefault(shared[0], [0, shared[1]])
            seen[0] += 1
            if seen[0] > seen[1]:
                return None  # said often enough: counted, reported at the end
        return _Outcome(_contact_name(row), row.line, error=_first_line(exc))
    summary.add(result.segments)
    if messages is not None:
        messages.write(_message_line(row, text, result) + "\n")
    if quiet:
        return None
    return _Outcome(_contact_name(row), row.line, result=result)


# ---------------------------------------------------------------------------
# --bounds

# The library's argument names, as the user wrote them on the command line.
_USER_TERMS = (
    (re.compile(r"max_lengths\[(['\"])(.*?)\1\]"), r"--max-length \2=N"),
    (re.compile(r"\bdefault_max_length\b"), "--default-max-length N"),
    (re.compile(r"\bmax_lengths\b"), "--max-length"),
    (re.compile(r"(?<!-)\balphabet\b(?= must)"), "--alphabet"),
    (re.compile(r"\breference_bits\b"), "--reference-bits"),
)


def user_terms(message: str) -> str:
    """A library message with its argument names replaced by the CLI's options.

    >>> user_terms("no maximum length: give max_lengths['nom'] or default_max_length")
    'no maximum length: give --max-length nom=N or --default-max-length N'
    """
    for pattern, replacement in _USER_TERMS:
        message = pattern.sub(replacement, message)
    return message


def _bounds(args: argparse.Namespace, template: Template) -> ExitStatus:
    lengths: dict[str, int] = {}
    for name, value in name_value_pairs("--max-length", args.max_length).items():
        try:
            lengths[name] = parse_count(value, low=0, high=None, what="a number of characters")
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"--max-length {name}: {exc}") from None
    alphabet: dict[str, str] | str | None = None
    for item in args.alphabet or []:
        if "=" in item:
            if not isinstance(alphabet, dict):
                alphabet = {}
            alphabet.update(name_value_pairs("--alphabet", [item]))
        else:
            alphabet = item
    try:
        result = template.bounds(
            lengths,
            alphabet=alphabet,
            default_max_length=args.default_max_length,
            boundary=args.boundary,
            reference_bits=args.reference_bits,
        )
    except ValueError as exc:  # a length missing, an unknown alphabet: the command line's
        raise UsageError(user_terms(_first_line(exc))) from None
    if args.json:
        emit_json(bounds_view(result))
        return ExitStatus.OK
    out(f"segments:  {result.min_segments} to {result.max_segments}")
    out(f"encoding:  {result.min_encoding.value} to {result.max_encoding.value}")
    if result.ucs2_variables:
        names = ", ".join(f"@{name}" for name in result.ucs2_variables)
        out(f"can force UCS-2: {names}")
    for warning in result.warnings:
        out(f"warning: {user_terms(warning)}")
    return ExitStatus.OK


__all__ = ["WINDOW", "register", "run", "user_terms"]
