"""``smsparts analyze``: encoding, units, segments, warnings and culprits of a message."""

from __future__ import annotations

import argparse
import unicodedata
from typing import Any

from ..charset import Encoding
from ..hygiene import Culprit, group_culprits, text_warnings
from ..profiles import ProfileAnalysis
from ..readers import ReadText
from ..segment import Analysis, analyze
from ..transliteration import Level, Transliteration, savings_report, transliterate
from ..views import (
    analysis_view,
    language_name,
    profile_view,
    savings_view,
    transliteration_view,
)
from ._common import (
    ExitStatus,
    Subparsers,
    add_input_options,
    add_json_option,
    add_profile_option,
    add_sms_options,
    add_text_arguments,
    emit_json,
    encoding_options,
    input_notes,
    out,
    plural,
    profile_of,
    read_input,
    warning_line,
)

#: How many distinct culprits the human output lists one per line (--json has all).
MAX_CULPRIT_LINES = 20
#: How many culprits the one-line summary (``ç ×14, ’ ×3``) names.
MAX_SUMMARY = 10


def register(sub: Subparsers) -> None:
    """Add ``analyze`` and its options."""
    parser = sub.add_parser(
        "analyze",
        help="encoding, units and segments of a message, with warnings",
        description="Encoding, units and segments of a message; warnings about line "
        "breaks, invisible characters, trailing spaces and an empty message; the "
        "characters that force UCS-2, grouped.",
    )
    add_text_arguments(parser)
    add_sms_options(parser)
    add_input_options(parser)
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
    add_profile_option(parser)
    add_json_option(parser)
    parser.set_defaults(run=run)


def _smart_options(args: argparse.Namespace) -> dict[str, Any]:
    options = encoding_options(args)
    del options["encoding"]  # transliterate() weighs the natural encoding
    return options


def _input_view(read: ReadText) -> dict[str, Any]:
    return {
        "source": read.source,
        "bom_dropped": read.bom_dropped,
        "final_newline_dropped": bool(read.final_newline),
        "crlf": read.crlf,
        "converted_to_lf": read.converted,
    }


def run(args: argparse.Namespace) -> ExitStatus:
    """Analyze the message and print the result."""
    profile = profile_of(args)
    read = read_input(args)
    original = read.text
    smart: Transliteration | None = None
    text = original
    if args.smart is not None:
        smart = transliterate(original, level=args.smart, **_smart_options(args))
        text = smart.text
    result = analyze(text, **encoding_options(args))
    warnings = text_warnings(text)
    pairs = result.unencodable
    billed = None if profile is None else profile.analyze(text)
    status = ExitStatus.OK if billed is None or billed.ok else ExitStatus.PROBLEMS
    if args.json:
        view = analysis_view(result, warnings=warnings, unencodable=pairs)
        view["input"] = _input_view(read)
        if smart is not None:
            view["smart"] = transliteration_view(smart, level=args.smart)
        if args.suggest:
            level = args.smart or Level.ASCII.value
            view["suggest"] = savings_view(
                savings_report(original, level=level, **_smart_options(args))
            )
        if billed is not None:
            view["profile"] = profile_view(billed)
        emit_json(view)
        return status
    _print_analysis(result)
    if billed is not None:
        _print_billed(billed)
    for warning in warnings:
        out(warning_line(warning))
    for note in input_notes(read):
        out(f"note:      {note}")
    _print_culprits(group_culprits(pairs))
    _print_smart(args, original, smart)
    return status


def _print_billed(r: ProfileAnalysis) -> None:
    """The ``profile:`` block: what the provider bills, the limits hit and why."""
    unit = "septets" if r.encoding is Encoding.GSM7 else "UTF-16 code units"
    out(f"profile:   {r.profile.name}")
    out(
        f"billed:    {r.encoding.value}, {r.units} {unit}, {plural(r.segments, 'segment')} "
        f"(the spec: {r.spec.segments})"
    )
    for hit in r.limits_hit:
        label = "refused:" if hit.blocking else "advised:"
        out(f"{label:<10} {hit}")
    for reason in r.reasons:
        out(f"differs:   {reason}")


def _print_analysis(result: Analysis) -> None:
    unit = "septets" if result.encoding is Encoding.GSM7 else "UTF-16 code units"
    out(f"encoding:  {result.encoding.value}")
    if result.encoding is Encoding.GSM7:
        tables = "default alphabet"
        if result.locking_shift or result.single_shift:
            tables = (
                f"locking shift: {language_name(result.locking_shift) or 'default'}, "
                f"single shift: {language_name(result.single_shift) or 'default'}"
            )
        out(f"tables:    {tables}")
    out(f"units:     {result.units} {unit}")
    out(f"segments:  {result.segments} ({result.segment_capacity} {unit} per segment)")
    out(f"remaining: {result.remaining} {unit} free in the last segment")


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "") if len(ch) == 1 else ""
    return f"{ch!r} U+{ord(ch):04X} {name}".rstrip()


def _glyph(ch: str) -> str:
    """The character itself when it shows, else ``U+00A0`` (a space, a mark, a control)."""
    visible = ch.isprintable() and not ch.isspace() and not unicodedata.combining(ch)
    return (
        ch if visible and unicodedata.category(ch) not in ("Cf", "Co", "Cn") else f"U+{ord(ch):04X}"
    )


def _print_culprits(culprits: tuple[Culprit, ...]) -> None:
    """``forced UCS-2 by: ç ×14, ’ ×3`` and one line per character (the first 20)."""
    if not culprits:
        return
    summary = ", ".join(f"{_glyph(c.char)} ×{c.count}" for c in culprits[:MAX_SUMMARY])
    if len(culprits) > MAX_SUMMARY:
        summary += f", and {len(culprits) - MAX_SUMMARY} more"
    out(f"forced UCS-2 by: {summary}")
    for culprit in culprits[:MAX_CULPRIT_LINES]:
        shown = ", ".join(str(p) for p in culprit.first_positions)
        where = (
            f"at index {shown}"
            if culprit.count == len(culprit.first_positions)
            else f"first at index {shown}, …"
        )
        times = "once" if culprit.count == 1 else f"{culprit.count} times"
        out(f"  {_describe(culprit.char)}: {times}, {where}")
    if len(culprits) > MAX_CULPRIT_LINES:
        out(f"  … {len(culprits) - MAX_CULPRIT_LINES} more characters (--json lists them all)")


def _print_smart(args: argparse.Namespace, original: str, smart: Transliteration | None) -> None:
    """The ``--smart`` and ``--suggest`` blocks."""
    if smart is not None:
        before, after = smart.before, smart.after
        if smart.applied:
            out(
                f"smart:     level {args.smart} applied: {before.encoding.value} "
                f"{before.segments} -> {after.encoding.value} {after.segments} segment(s)"
            )
            for r in smart.replacements:
                out(f"  index {r.start}: {r.original!r} -> {r.result!r}")
        elif before.encoding is Encoding.GSM7:
            out(f"smart:     level {args.smart} not applied: the text is already GSM-7")
        else:
            out(f"smart:     level {args.smart} not applied: it would not lower the cost")
        if smart.unmappable:
            out("still UCS-2 at every level because of:")
            for index, ch in smart.unmappable:
                out(f"  index {index}: {_describe(ch)}")
    if args.suggest:
        level = args.smart or Level.ASCII.value
        report = savings_report(original, level=level, **_smart_options(args))
        if not report:
            out("suggest:   nothing to replace: the text is GSM-7")
            return
        out(f"suggest:   replacing one character alone, at level {level}:")
        for entry in report:
            name = unicodedata.name(entry.char, "")
            into = "" if entry.replacement is None else f" -> {entry.replacement!r}"
            out(f"  {entry}  (U+{ord(entry.char):04X} {name}{into})")
        together = transliterate(original, level=level, force=True, **_smart_options(args))
        out(
            f"  all together: {together.before.segments} -> {together.after.segments} "
            f"segment(s), {together.after.encoding.value}"
        )


__all__ = ["register", "run"]
