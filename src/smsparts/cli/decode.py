"""``smsparts decode``: parse an SMS-SUBMIT, SMS-DELIVER or SMS-STATUS-REPORT in hex.

The decoded text is untrusted (anyone can send an SMS): control characters and terminal
escape sequences are printed escaped (``\\x1b``, ``\\x0d``) unless ``--raw``.
"""

from __future__ import annotations

import argparse
import datetime as dt

from ..pdu import ParsedStatusReport, SmsSubmit, parse_pdu
from ..readers import ReadText, argument_text, read_message
from ..views import decoded_view, status_report_view
from ._common import (
    ExitStatus,
    Subparsers,
    UsageError,
    _stdin_is_terminal,
    _stdin_stream,
    add_json_option,
    emit_json,
    escape_controls,
    input_encoding,
    out,
)
from .pdu import describe_header

_HEX = frozenset("0123456789abcdefABCDEF")


def register(sub: Subparsers) -> None:
    """Add ``decode`` and its options."""
    parser = sub.add_parser(
        "decode", help="parse an SMS-SUBMIT, SMS-DELIVER or SMS-STATUS-REPORT given in hex"
    )
    parser.add_argument("hex", nargs="?", metavar="HEX", help="the PDU in hex ('-' or none: stdin)")
    parser.add_argument("--file", "-f", metavar="PATH", help="read the hex from a file")
    parser.add_argument(
        "--no-smsc", action="store_true", help="the PDU has no service centre address first"
    )
    parser.add_argument(
        "--lenient", action="store_true", help="show undefined septets as U+FFFD, not an error"
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="print the decoded text as it is (default: control characters and terminal "
        "escapes are shown escaped, as \\x1b)",
    )
    parser.add_argument("--encoding", metavar="CODEC", help=argparse.SUPPRESS)
    add_json_option(parser)
    parser.set_defaults(run=run)


def _read_hex(args: argparse.Namespace) -> bytes:
    value: str | None = args.hex
    path: str | None = args.file
    if value is not None and path is not None:
        raise UsageError("give HEX or --file, not both")
    read: ReadText
    if path is not None and path != "-":
        read = read_message(path, encoding=input_encoding(args))
    elif value is None or value == "-":
        if value is None and path is None and _stdin_is_terminal():
            raise UsageError("no PDU: give the hex as an argument, with --file, or on stdin")
        read = read_message(_stdin_stream(), encoding=input_encoding(args))
    else:
        read = argument_text(value, encoding=input_encoding(args), source="HEX")
    cleaned = "".join(read.text.split())
    bad = next((i for i, ch in enumerate(cleaned) if ch not in _HEX), -1)
    if bad >= 0:
        shown = escape_controls(repr(cleaned[bad]))
        raise UsageError(f"not hex: {shown} at index {bad}")
    if len(cleaned) % 2:
        raise UsageError(f"odd number of hex digits ({len(cleaned)})")
    return bytes.fromhex(cleaned)


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


def _shown_text(text: str, *, raw: bool) -> str:
    """The text for the human output: escaped, its lines indented under ``text:``."""
    shown = text if raw else escape_controls(text)
    return shown.replace("\n", "\n" + " " * 13)


def run(args: argparse.Namespace) -> ExitStatus:
    """Parse the PDU and print its fields."""
    data = _read_hex(args)
    errors = "replace" if args.lenient else "strict"
    any_pdu = parse_pdu(data, smsc=not args.no_smsc, errors=errors)
    if isinstance(any_pdu, ParsedStatusReport):
        return _status_report(args, any_pdu)
    parsed = any_pdu
    message = parsed.message
    user_data = parsed.user_data
    view = decoded_view(parsed)
    if args.json:
        emit_json(view)  # strings are JSON-escaped: no terminal escape gets through
        return ExitStatus.OK
    is_submit = isinstance(message, SmsSubmit)

    def show(name: str, value: object) -> None:
        out(f"{name + ':':<13}{value}")

    show("type", view["type"])
    if parsed.smsc is not None:
        show("smsc", f"{escape_controls(parsed.smsc.value)} (TOA 0x{parsed.smsc.toa:02X})")
    role = "destination" if is_submit else "originator"
    show(role, f"{escape_controls(parsed.address.value)} (TOA 0x{parsed.address.toa:02X})")
    if isinstance(message, SmsSubmit):
        show("mr", message.message_reference)
        if message.validity_period:
            period = message.relative_validity
            shown = f" ({_period_text(period)})" if period else ""
            if view["validity_until"]:
                shown = f" (until {view['validity_until']})"
            show("validity", f"{view['validity_period']}{shown}")
        if message.status_report_request:
            show("report", "requested (TP-SRR)")
    else:
        show("timestamp", view["timestamp"] or f"{view['scts']} (not a date)")
    show("pid", f"0x{message.protocol_id:02X}")
    message_class = "" if message.message_class is None else f", class {message.message_class}"
    show("dcs", f"0x{message.dcs:02X} ({user_data.alphabet.value}{message_class})")
    show("udl", message.udl)
    show("udh", describe_header(user_data.header))
    if user_data.header is not None and user_data.alphabet.value == "gsm7":
        show("fill bits", user_data.fill_bits)
    if user_data.text is not None:
        show("text", _shown_text(user_data.text, raw=args.raw))
    else:
        show("data", view["data"])
    return ExitStatus.OK


def _status_report(args: argparse.Namespace, parsed: ParsedStatusReport) -> ExitStatus:
    view = status_report_view(parsed)
    if args.json:
        emit_json(view)
        return ExitStatus.OK
    message = parsed.message

    def show(name: str, value: object) -> None:
        out(f"{name + ':':<13}{value}")

    show("type", view["type"])
    if parsed.smsc is not None:
        show("smsc", f"{escape_controls(parsed.smsc.value)} (TOA 0x{parsed.smsc.toa:02X})")
    recipient = message.recipient
    show("recipient", f"{escape_controls(recipient.value)} (TOA 0x{recipient.toa:02X})")
    show("mr", message.message_reference)
    show("timestamp", view["timestamp"] or f"{view['scts']} (not a date)")
    show("discharge", view["discharge_time"] or f"{view['dt']} (not a date)")
    status = message.tp_status
    show("status", f"0x{status.value:02X} ({status.category.value}: {status.meaning})")
    if parsed.user_data is not None and parsed.user_data.text is not None:
        show("text", _shown_text(parsed.user_data.text, raw=args.raw))
    return ExitStatus.OK


__all__ = ["register", "run"]
