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
import csv
import datetime as dt
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from . import __version__
from .address import Address
from .charset import Encoding, NationalLanguage
from .errors import SmsError
from .pdu import DCS_GSM7, SmsSubmit, build_submit, encode_message, parse_tpdu
from .segment import Analysis, Segment, analyze, split
from .template import Template
from .transliteration import Level, Transliteration, savings_report, transliterate
from .udh import UserDataHeader

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
    original, smart = text, _smart(args, text)
    if smart is not None:
        text = smart.text
    result = analyze(text, **encoding_options(args))
    if args.json:
        print_json(analysis_json(result) | _smart_json(args, original, smart))
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
    _print_smart(args, original, smart)
    return EXIT_OK


def _add_analyze(sub: argparse._SubParsersAction[_Parser]) -> None:
    parser = sub.add_parser("analyze", help="encoding, units and segments of a message")
    add_text_arguments(parser)
    add_encoding_arguments(parser)
    add_smart_arguments(parser)
    parser.set_defaults(handler=_cmd_analyze)


# analyze --smart LEVEL / --suggest: smart encoding (docs/transliteration.md)


def add_smart_arguments(parser: argparse.ArgumentParser) -> None:
    """``--smart LEVEL`` and ``--suggest`` of ``analyze``."""
    parser.add_argument(
        "--smart",
        choices=[level.value for level in Level],
        metavar="LEVEL",
        help="analyze the text transliterated at LEVEL (typography, accents or ascii) "
        "when that lowers its cost, and list the replacements",
    )
    parser.add_argument(
        "--suggest",
        action="store_true",
        help="print, for each character that forces UCS-2, what replacing it saves "
        "(at the --smart level, else ascii)",
    )


def _smart_options(args: argparse.Namespace) -> dict[str, Any]:
    options = encoding_options(args)
    del options["encoding"]  # transliterate() weighs the natural encoding
    return options


def _smart(args: argparse.Namespace, text: str) -> Transliteration | None:
    """The transliteration asked by ``--smart``, or ``None``."""
    if args.smart is None:
        return None
    return transliterate(text, level=args.smart, **_smart_options(args))


def _smart_json(
    args: argparse.Namespace, original: str, smart: Transliteration | None
) -> dict[str, Any]:
    """The ``smart`` and ``suggest`` members of ``analyze --json`` (none without the flags)."""
    out: dict[str, Any] = {}
    if smart is not None:
        out["smart"] = {
            "level": args.smart,
            "applied": smart.applied,
            "text": smart.text,
            "segments_before": smart.before.segments,
            "segments_after": smart.after.segments,
            "replacements": [
                {"index": r.start, "original": r.original, "result": r.result}
                for r in smart.replacements
            ],
            "unmappable": [_char_json(i, ch) for i, ch in smart.unmappable],
        }
    if args.suggest:
        out["suggest"] = [
            {
                **_char_json(entry.indexes[0], entry.char),
                "occurrences": entry.occurrences,
                "indexes": list(entry.indexes),
                "replacement": entry.replacement,
                "level": None if entry.level is None else entry.level.value,
                "segments_saved": entry.segments_saved,
            }
            for entry in savings_report(
                original, level=args.smart or Level.ASCII, **_smart_options(args)
            )
        ]
    return out


def _print_smart(args: argparse.Namespace, original: str, smart: Transliteration | None) -> None:
    """The ``--smart`` and ``--suggest`` blocks of ``analyze``."""
    if smart is not None:
        before, after = smart.before, smart.after
        if smart.applied:
            print(
                f"smart:     level {args.smart} applied: {before.encoding.value} "
                f"{before.segments} -> {after.encoding.value} {after.segments} segment(s)"
            )
            for r in smart.replacements:
                print(f"  index {r.start}: {r.original!r} -> {r.result!r}")
        elif before.encoding is Encoding.GSM7:
            print(f"smart:     level {args.smart} not applied: the text is already GSM-7")
        else:
            print(f"smart:     level {args.smart} not applied: it would not lower the cost")
        if smart.unmappable:
            print("still UCS-2 at every level because of:")
            for index, ch in smart.unmappable:
                name = unicodedata.name(ch, "")
                print(f"  index {index}: {ch!r} U+{ord(ch):04X} {name}".rstrip())
    if args.suggest:
        level = args.smart or Level.ASCII.value
        report = savings_report(original, level=level, **_smart_options(args))
        if not report:
            print("suggest:   nothing to replace: the text is GSM-7")
            return
        print(f"suggest:   replacing one character alone, at level {level}:")
        for entry in report:
            name = unicodedata.name(entry.char, "")
            into = "" if entry.replacement is None else f" -> {entry.replacement!r}"
            print(f"  {entry}  (U+{ord(entry.char):04X} {name}{into})")
        together = transliterate(original, level=level, force=True, **_smart_options(args))
        print(
            f"  all together: {together.before.segments} -> {together.after.segments} "
            f"segment(s), {together.after.encoding.value}"
        )


# ---------------------------------------------------------------------------
# split


def _cmd_split(args: argparse.Namespace) -> int:
    text = read_text(args)
    segments = split(text, max_segments=args.max_segments, **encoding_options(args))
    if args.json:
        print_json([segment_json(i, seg) for i, seg in enumerate(segments, 1)])
        return EXIT_OK
    unit = "septets" if segments[0].encoding is Encoding.GSM7 else "code units"
    for i, seg in enumerate(segments, 1):
        where = f"characters {seg.start}:{seg.end}"
        print(f"[{i}/{len(segments)}] {seg.units}/{seg.capacity} {unit}, {where}")
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
# render (templates, issue 5)


def _pairs(option: str, values: list[str] | None) -> dict[str, str]:
    """``["prenom=client", ...]`` -> ``{"prenom": "client"}``."""
    result: dict[str, str] = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"{option} expects NAME=VALUE, not {item!r}")
        result[name.strip().lstrip("@")] = value
    return result


def _read_contacts(path: str) -> list[Any]:
    """Contacts from a JSON file (an array of objects) or a CSV file with a header row."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            data = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
    if path.lower().endswith(".csv"):
        first_line = data.split("\n", 1)[0]
        delimiter = max(",;\t", key=first_line.count)  # French exports often use ';'
        return list(csv.DictReader(data.splitlines(), delimiter=delimiter))
    try:
        contacts = json.loads(data)
    except ValueError as exc:
        raise UsageError(f"{path} is not JSON: {exc}") from exc
    if not isinstance(contacts, list) or not all(isinstance(c, dict) for c in contacts):
        raise UsageError(f"{path} must hold a JSON array of contact objects")
    return contacts


def _contact_name(index: int, contact: dict[str, Any]) -> str:
    for field in ("id", "phone"):
        value = contact.get(field)
        if value not in (None, ""):
            return str(value)
    return f"#{index}"


def _units_text(result: Analysis) -> str:
    unit = "septets" if result.encoding is Encoding.GSM7 else "code units"
    noun = "segment" if result.segments == 1 else "segments"
    return f"{result.encoding.value}, {result.units} {unit}, {result.segments} {noun}"


def _cmd_render(args: argparse.Namespace) -> int:
    source = read_text(args)
    given = [args.contact is not None, args.contacts is not None, args.bounds]
    if sum(given) != 1:
        raise UsageError("give one of --contact JSON, --contacts FILE or --bounds")
    template = Template(
        source,
        fields=args.fields.split(",") if args.fields else None,
        unknown="keep" if args.keep_unknown else "raise",
        missing=args.missing,
        defaults=_pairs("--default", args.default),
    )
    if args.bounds:
        return _render_bounds(args, template)
    options = {**encoding_options(args), "reference_bits": args.reference_bits}
    if args.contact is not None:
        try:
            contact = json.loads(args.contact)
        except ValueError as exc:
            raise UsageError(f"--contact is not JSON: {exc}") from exc
        if not isinstance(contact, dict):
            raise UsageError("--contact must be a JSON object")
        text = template.render(contact)
        result = analyze(text, **options)
        if args.json:
            print_json({"text": text, **analysis_json(result)})
        else:
            print(text)
            print(f"-- {_units_text(result)}")
        return EXIT_OK
    contacts = _read_contacts(args.contacts)
    rows: list[dict[str, Any]] = []
    failed = 0
    for index, contact in enumerate(contacts, 1):
        name = _contact_name(index, contact)
        try:
            result = analyze(template.render(contact), **options)
        except SmsError as exc:
            failed += 1
            rows.append({"contact": name, "error": str(exc).splitlines()[0]})
            continue
        rows.append({"contact": name, **analysis_json(result)})
    if args.json:
        print_json(rows)
    else:
        width = max((len(row["contact"]) for row in rows), default=0)
        for row in rows:
            if "error" in row:
                print(f"{row['contact']:<{width}}  error: {row['error']}")
                continue
            noun = "segment" if row["segments"] == 1 else "segments"
            unit = row["unit_name"].replace("_", " ")
            print(
                f"{row['contact']:<{width}}  {row['segments']} {noun}  "
                f"{row['encoding']}  {row['units']} {unit}"
            )
        total = sum(row.get("segments", 0) for row in rows)
        counted = len(rows) - failed
        segments_noun = "segment" if total == 1 else "segments"
        contacts_noun = "contact" if counted == 1 else "contacts"
        print(f"total: {total} {segments_noun} for {counted} {contacts_noun}", end="")
        print(f" ({failed} failed)" if failed else "")
    return EXIT_REJECTED if failed else EXIT_OK


def _render_bounds(args: argparse.Namespace, template: Template) -> int:
    lengths: dict[str, int] = {}
    for name, value in _pairs("--max-length", args.max_length).items():
        if not value.strip().isdigit():
            raise UsageError(f"--max-length {name}: expected a number of characters")
        lengths[name] = int(value)
    alphabet: dict[str, str] | str | None = None
    for item in args.alphabet or []:
        if "=" in item:
            if not isinstance(alphabet, dict):
                alphabet = {}
            alphabet.update(_pairs("--alphabet", [item]))
        else:
            alphabet = item
    try:
        result = template.bounds(
            lengths,
            alphabet=alphabet,
            default_max_length=args.default_max_length,
            boundary=args.boundary,
            reference_bits=16 if args.reference_bits == 16 else 8,
        )
    except ValueError as exc:
        if isinstance(exc, SmsError):
            raise
        raise UsageError(str(exc)) from exc
    if args.json:
        print_json(
            {
                "min_segments": result.min_segments,
                "max_segments": result.max_segments,
                "min_encoding": result.min_encoding.value,
                "max_encoding": result.max_encoding.value,
                "max_units": result.max_units,
                "ucs2_variables": list(result.ucs2_variables),
                "variables": [
                    {
                        "name": v.name,
                        "max_length": v.max_length,
                        "alphabet": v.alphabet.value,
                        "forces_ucs2": v.forces_ucs2,
                        "segments_basic": v.segments_basic,
                        "segments_max": v.segments_max,
                    }
                    for v in result.variables
                ],
                "warnings": list(result.warnings),
            }
        )
        return EXIT_OK
    print(f"segments:  {result.min_segments} to {result.max_segments}")
    print(f"encoding:  {result.min_encoding.value} to {result.max_encoding.value}")
    if result.ucs2_variables:
        names = ", ".join(f"@{name}" for name in result.ucs2_variables)
        print(f"can force UCS-2: {names}")
    for warning in result.warnings:
        print(f"warning: {warning}")
    return EXIT_OK


def _add_render(sub: argparse._SubParsersAction[_Parser]) -> None:
    parser = sub.add_parser(
        "render", help="render a @variable template per contact, with exact counts or bounds"
    )
    parser.add_argument("text", nargs="?", metavar="TEMPLATE", help="the template ('-': stdin)")
    parser.add_argument("--file", "-f", metavar="PATH", help="read the template from a file")
    parser.add_argument("--contact", metavar="JSON", help="one contact as a JSON object")
    parser.add_argument(
        "--contacts", metavar="FILE", help="contacts: a JSON array, or a CSV file with a header"
    )
    parser.add_argument(
        "--bounds", action="store_true", help="fewest and most segments for any contact"
    )
    parser.add_argument("--fields", metavar="LIST", help="declared contact fields, comma-separated")
    parser.add_argument(
        "--missing",
        choices=["raise", "empty"],
        default="raise",
        help="a variable without a value: fail (default) or insert nothing",
    )
    parser.add_argument(
        "--default", action="append", metavar="NAME=TEXT", help="text for a missing value"
    )
    parser.add_argument(
        "--keep-unknown", action="store_true", help="keep unknown variables as text"
    )
    parser.add_argument(
        "--max-length", action="append", metavar="NAME=N", help="--bounds: most characters"
    )
    parser.add_argument(
        "--default-max-length", type=int, metavar="N", help="--bounds: for unlisted variables"
    )
    parser.add_argument(
        "--alphabet",
        action="append",
        metavar="[NAME=]ALPHABET",
        help="--bounds: gsm7-basic, gsm7 or ucs2 (default), for all or one variable",
    )
    parser.add_argument(
        "--reference-bits",
        type=int,
        choices=[8, 16],
        default=8,
        help="concatenation reference size in bits (default 8)",
    )
    add_encoding_arguments(parser)
    parser.set_defaults(handler=_cmd_render)


# ---------------------------------------------------------------------------
# pdu / decode (wire format: smsparts.pdu)

_VALIDITY_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_validity(value: str) -> dt.timedelta:
    """``"30m"``, ``"12h"``, ``"4d"``, ``"2w"`` -> a timedelta."""
    text = value.strip().lower()
    if len(text) < 2 or text[-1] not in _VALIDITY_UNITS or not text[:-1].isdigit():
        raise argparse.ArgumentTypeError(
            f"bad validity {value!r}: a number and a unit m, h, d or w (as 30m, 12h, 4d)"
        )
    return dt.timedelta(**{_VALIDITY_UNITS[text[-1]]: int(text[:-1])})


def _period_text(period: dt.timedelta) -> str:
    """A relative validity period in its own unit: ``4 days``, ``12 hours 30 minutes``."""
    days, seconds = period.days, period.seconds
    if not seconds and days and days % 7 == 0:
        return f"{days // 7} week{'s' if days > 7 else ''}"
    if not seconds:
        return f"{days} day{'s' if days > 1 else ''}"
    hours, minutes = seconds // 3600, seconds % 3600 // 60
    parts = [f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []
    if minutes:
        parts.append(f"{minutes} minutes")
    return " ".join(parts)


def _printable(text: str) -> str:
    """``text`` with lone surrogates (a split UCS-2 pair) shown as U+FFFD."""
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def _describe_header(header: UserDataHeader | None) -> str:
    if header is None:
        return "none"
    notes = []
    concat = header.concatenation
    if concat is not None:
        notes.append(
            f"part {concat.sequence}/{concat.total}, "
            f"ref {concat.reference} ({concat.reference_bits}-bit)"
        )
    if header.single_shift is not None:
        notes.append(f"single shift {header.single_shift.name.lower()}")
    if header.locking_shift is not None:
        notes.append(f"locking shift {header.locking_shift.name.lower()}")
    known = {0x00, 0x08, 0x24, 0x25}
    notes.extend(f"IE 0x{e.iei:02X}" for e in header.elements if e.iei not in known)
    return f"{header.to_bytes().hex().upper()} ({', '.join(notes)})"


def _header_json(header: UserDataHeader | None) -> dict[str, Any] | None:
    if header is None:
        return None
    concat = header.concatenation
    return {
        "hex": header.to_bytes().hex().upper(),
        "elements": [{"iei": e.iei, "data": e.data.hex().upper()} for e in header.elements],
        "concatenation": concat._asdict() if concat is not None else None,
        "single_shift": _language_name(header.single_shift),
        "locking_shift": _language_name(header.locking_shift),
    }


def _cmd_pdu(args: argparse.Namespace) -> int:
    text = read_text(args)
    bits = 16 if args.ref16 else 8
    if not 0 <= args.ref < (1 << bits):
        raise UsageError(f"--ref must be 0 to {(1 << bits) - 1}, not {args.ref}")
    packed = not (args.unpacked or (args.smpp and not args.packed))
    if args.to is not None and not packed:
        culprit = "--unpacked" if args.unpacked else "--smpp or add --packed"
        raise UsageError(f"--to builds a TPDU, which carries packed septets: drop {culprit}")
    if not 0 <= args.mr <= 255:
        raise UsageError(f"--mr must be 0 to 255, not {args.mr}")
    destination = smsc = None
    try:
        if args.to is not None:
            destination = Address.from_number(args.to)
        if args.smsc is not None:
            smsc = Address.from_number(args.smsc)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    segments = encode_message(
        text, reference=args.ref, reference_bits=bits, packed=packed, **encoding_options(args)
    )
    rows = []
    for index, seg in enumerate(segments, 1):
        row: dict[str, Any] = {
            "index": index,
            "text": seg.text,
            "start": seg.start,
            "end": seg.end,
            "dcs": seg.dcs,
            "udl": seg.udl,
            "udh": _header_json(seg.header),
            "fill_bits": seg.fill_bits,
            "packed": seg.packed,
            "user_data": seg.user_data.hex().upper(),
        }
        if args.smpp:
            fields = seg.submit_sm
            row["submit_sm"] = {
                "short_message": fields.short_message.hex().upper(),
                "data_coding": fields.data_coding,
                "esm_class": fields.esm_class,
                "sm_length": fields.sm_length,
            }
        if destination is not None:
            try:
                submit = build_submit(
                    seg,
                    destination,
                    smsc=smsc,
                    message_reference=(args.mr + index - 1) % 256,
                    validity=args.validity,
                    status_report=args.status_report,
                )
            except ValueError as exc:  # a validity period out of range
                raise UsageError(str(exc)) from None
            row["tpdu"] = submit.hex()
            row["cmgs_length"] = submit.cmgs_length
        rows.append(row)
    if args.json:
        print_json(rows)
        return EXIT_OK
    total = len(segments)
    for seg, row in zip(segments, rows, strict=True):
        alphabet = "gsm7" if seg.dcs == DCS_GSM7 else "ucs2"
        unit = "septets" if seg.dcs == DCS_GSM7 and seg.packed else "octets"
        print(f"[{row['index']}/{total}] {alphabet}, DCS 0x{seg.dcs:02X}, UDL {seg.udl} {unit}")
        print(f"  udh:        {_describe_header(seg.header)}")
        if seg.dcs == DCS_GSM7 and seg.header is not None and seg.packed:
            print(f"  fill bits:  {seg.fill_bits}")
        print(f"  user data:  {row['user_data']}")
        if args.smpp:
            sm = row["submit_sm"]
            print(
                f"  submit_sm:  data_coding 0x{sm['data_coding']:02X}, "
                f"esm_class 0x{sm['esm_class']:02X}, sm_length {sm['sm_length']}"
            )
        if destination is not None:
            print(f"  AT+CMGS={row['cmgs_length']}")
            print(f"  {row['tpdu']}")
    return EXIT_OK


def _add_pdu(sub: argparse._SubParsersAction[_Parser]) -> None:
    parser = sub.add_parser(
        "pdu", help="the wire bytes of each segment: header, user data, SMPP fields, TPDU"
    )
    add_text_arguments(parser)
    add_encoding_arguments(parser)
    parser.add_argument(
        "--ref", type=int, default=0, metavar="N", help="concatenation reference (default 0)"
    )
    parser.add_argument("--ref16", action="store_true", help="use a 16-bit reference (IEI 0x08)")
    packing = parser.add_mutually_exclusive_group()
    packing.add_argument(
        "--unpacked", action="store_true", help="GSM-7 one septet per octet (SMPP routes)"
    )
    packing.add_argument("--packed", action="store_true", help="keep GSM-7 packed even with --smpp")
    parser.add_argument(
        "--smpp",
        action="store_true",
        help="print submit_sm fields (short_message, data_coding, esm_class); implies "
        "--unpacked unless --packed",
    )
    parser.add_argument(
        "--to", metavar="NUMBER", help="build the SMS-SUBMIT TPDU for AT+CMGS to NUMBER"
    )
    parser.add_argument(
        "--smsc", metavar="NUMBER", help="service centre number in the PDU (default 00)"
    )
    parser.add_argument(
        "--validity", type=parse_validity, metavar="PERIOD", help="relative validity (4d, 12h)"
    )
    parser.add_argument(
        "--status-report", action="store_true", help="request a status report (TP-SRR)"
    )
    parser.add_argument(
        "--mr",
        type=int,
        default=0,
        metavar="N",
        help="TP-MR of the first segment, 0-255 (default 0; each next segment adds 1)",
    )
    parser.set_defaults(handler=_cmd_pdu)


def _read_hex(args: argparse.Namespace) -> bytes:
    value: str | None = args.hex
    if value is None or value == "-":
        value = sys.stdin.read()
    cleaned = "".join(value.split())
    try:
        return bytes.fromhex(cleaned)
    except ValueError:
        bad = next(
            (i for i, ch in enumerate(cleaned) if ch not in "0123456789abcdefABCDEF"),
            len(cleaned),
        )
        if bad < len(cleaned):
            raise UsageError(f"not hex: {cleaned[bad]!r} at index {bad}") from None
        raise UsageError(f"odd number of hex digits ({len(cleaned)})") from None


def _address_json(address: Address | None) -> dict[str, Any] | None:
    if address is None:
        return None
    return {"value": address.value, "toa": address.toa}


def _cmd_decode(args: argparse.Namespace) -> int:
    data = _read_hex(args)
    parsed = parse_tpdu(data, smsc=not args.no_smsc, errors="replace" if args.lenient else "strict")
    message = parsed.message
    user_data = parsed.user_data
    is_submit = isinstance(message, SmsSubmit)
    result: dict[str, Any] = {
        "type": "SMS-SUBMIT" if is_submit else "SMS-DELIVER",
        "smsc": _address_json(parsed.smsc),
        "destination" if is_submit else "originator": _address_json(parsed.address),
        "first_octet": message.first_octet,
        "protocol_id": message.protocol_id,
        "dcs": message.dcs,
        "alphabet": user_data.alphabet.value,
        "udl": message.udl,
        "udh": _header_json(user_data.header),
        "fill_bits": user_data.fill_bits,
    }
    if isinstance(message, SmsSubmit):
        validity = message.relative_validity
        result["message_reference"] = message.message_reference
        result["validity_period"] = message.validity_period.hex().upper() or None
        result["validity_seconds"] = validity.total_seconds() if validity else None
        absolute = message.absolute_validity
        result["validity_until"] = absolute.isoformat() if absolute else None
        result["status_report_request"] = message.status_report_request
    else:
        stamp = message.timestamp
        result["timestamp"] = stamp.isoformat() if stamp else None
        result["scts"] = message.service_centre_time_stamp.hex().upper()
    result["message_class"] = message.message_class
    result["text"] = None if user_data.text is None else _printable(user_data.text)
    result["data"] = user_data.payload.hex().upper() if user_data.text is None else None
    if args.json:
        print_json(result)
        return EXIT_OK
    role = "destination" if is_submit else "originator"

    def show(name: str, value: object) -> None:
        print(f"{name + ':':<13}{value}")

    show("type", result["type"])
    if parsed.smsc is not None:
        show("smsc", f"{parsed.smsc.value} (TOA 0x{parsed.smsc.toa:02X})")
    show(role, f"{parsed.address.value} (TOA 0x{parsed.address.toa:02X})")
    if isinstance(message, SmsSubmit):
        show("mr", message.message_reference)
        if message.validity_period:
            period = message.relative_validity
            shown = f" ({_period_text(period)})" if period else ""
            if result["validity_until"]:
                shown = f" (until {result['validity_until']})"
            show("validity", f"{result['validity_period']}{shown}")
        if message.status_report_request:
            show("report", "requested (TP-SRR)")
    else:
        show("timestamp", result["timestamp"] or f"{result['scts']} (not a date)")
    show("pid", f"0x{message.protocol_id:02X}")
    message_class = "" if message.message_class is None else f", class {message.message_class}"
    show("dcs", f"0x{message.dcs:02X} ({user_data.alphabet.value}{message_class})")
    show("udl", message.udl)
    show("udh", _describe_header(user_data.header))
    if user_data.header is not None and user_data.alphabet.value == "gsm7":
        show("fill bits", user_data.fill_bits)
    if result["text"] is not None:
        show("text", result["text"])
    else:
        show("data", result["data"])
    return EXIT_OK


def _add_decode(sub: argparse._SubParsersAction[_Parser]) -> None:
    parser = sub.add_parser("decode", help="parse an SMS-SUBMIT or SMS-DELIVER PDU given in hex")
    parser.add_argument("hex", nargs="?", metavar="HEX", help="the PDU in hex ('-' or none: stdin)")
    parser.add_argument(
        "--no-smsc", action="store_true", help="the PDU has no service centre address first"
    )
    parser.add_argument(
        "--lenient", action="store_true", help="show undefined septets as U+FFFD, not an error"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=_cmd_decode)


# ---------------------------------------------------------------------------


def build_parser() -> _Parser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog="smsparts", description="Exact SMS encoding, counting and segmentation.")
    parser.add_argument("--version", action="version", version=f"smsparts {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    # One registration line per subcommand; each module's helper adds its own here.
    _add_analyze(sub)
    _add_split(sub)
    _add_pdu(sub)
    _add_decode(sub)
    _add_render(sub)
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
