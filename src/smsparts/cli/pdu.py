"""``smsparts pdu``: the wire bytes of each segment (header, user data, SMPP, TPDU)."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from ..address import Address
from ..pdu import DCS_GSM7, build_submit, encode_message
from ..udh import UserDataHeader
from ..views import encoded_segment_view
from ._common import (
    ExitStatus,
    Subparsers,
    UsageError,
    add_input_options,
    add_json_option,
    add_sms_options,
    add_text_arguments,
    count_type,
    emit_json,
    encoding_options,
    out,
    read_input,
    warn_input,
)

_VALIDITY_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_VALIDITY = re.compile(r"([0-9]+)([mhdw])")
#: 23.040 9.2.3.12.1: the longest relative validity period is 63 weeks (TP-VP 255).
MAX_VALIDITY = dt.timedelta(weeks=63)


def parse_validity(value: str) -> dt.timedelta:
    """``"30m"``, ``"12h"``, ``"4d"``, ``"2w"`` -> a timedelta, 1 minute to 63 weeks.

    The range is checked here, so a huge number is a usage error, never an overflow.
    """
    match = _VALIDITY.fullmatch(value.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"bad validity {value!r}: a number and a unit m, h, d or w (as 30m, 12h, 4d)"
        )
    digits = match.group(1).lstrip("0") or "0"
    # Checked before timedelta() sees it: a huge number would overflow a C int there.
    period = (
        dt.timedelta(**{_VALIDITY_UNITS[match.group(2)]: int(digits)})
        if len(digits) <= 6
        else MAX_VALIDITY * 2
    )
    if not dt.timedelta(0) < period <= MAX_VALIDITY:
        raise argparse.ArgumentTypeError(
            f"validity {value!r} out of range: from 1 minute to 63 weeks (441 days), the "
            "relative periods of 23.040 9.2.3.12.1"
        )
    return period


def describe_header(header: UserDataHeader | None) -> str:
    """The header in hex with what its elements mean."""
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


def register(sub: Subparsers) -> None:
    """Add ``pdu`` and its options."""
    parser = sub.add_parser(
        "pdu", help="the wire bytes of each segment: header, user data, SMPP fields, TPDU"
    )
    add_text_arguments(parser)
    add_sms_options(parser)
    add_input_options(parser)
    parser.add_argument(
        "--ref",
        type=count_type(0, 65535),
        default=0,
        metavar="N",
        help="concatenation reference, 0-255 (0-65535 with --ref16; default 0)",
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
        "--validity",
        type=parse_validity,
        metavar="PERIOD",
        help="relative validity, 1m to 63w (30m, 12h, 4d, 2w)",
    )
    parser.add_argument(
        "--status-report", action="store_true", help="request a status report (TP-SRR)"
    )
    parser.add_argument(
        "--mr",
        type=count_type(0, 255),
        default=0,
        metavar="N",
        help="TP-MR of the first segment, 0-255 (default 0; each next segment adds 1)",
    )
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Encode the message and print the wire fields of each segment."""
    read = read_input(args)
    warn_input(read)
    bits = 16 if args.ref16 else 8
    if not 0 <= args.ref < (1 << bits):
        raise UsageError(f"--ref must be 0 to {(1 << bits) - 1}, not {args.ref} (--ref16: 16 bits)")
    packed = not (args.unpacked or (args.smpp and not args.packed))
    if args.to is not None and not packed:
        culprit = "--unpacked" if args.unpacked else "--smpp or add --packed"
        raise UsageError(f"--to builds a TPDU, which carries packed septets: drop {culprit}")
    destination = smsc = None
    try:
        if args.to is not None:
            destination = Address.from_number(args.to)
        if args.smsc is not None:
            smsc = Address.from_number(args.smsc)
    except ValueError as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    segments = encode_message(
        read.text, reference=args.ref, reference_bits=bits, packed=packed, **encoding_options(args)
    )
    rows = []
    for index, seg in enumerate(segments, 1):
        submit = None
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
                raise UsageError(str(exc).splitlines()[0]) from None
        rows.append(encoded_segment_view(index, seg, smpp=args.smpp, submit=submit))
    if args.json:
        emit_json(rows)
        return ExitStatus.OK
    total = len(segments)
    for seg, row in zip(segments, rows, strict=True):
        alphabet = "gsm7" if seg.dcs == DCS_GSM7 else "ucs2"
        unit = "septets" if seg.dcs == DCS_GSM7 and seg.packed else "octets"
        out(f"[{row['index']}/{total}] {alphabet}, DCS 0x{seg.dcs:02X}, UDL {seg.udl} {unit}")
        out(f"  udh:        {describe_header(seg.header)}")
        if seg.dcs == DCS_GSM7 and seg.header is not None and seg.packed:
            out(f"  fill bits:  {seg.fill_bits}")
        out(f"  user data:  {row['user_data']}")
        if args.smpp:
            sm = row["submit_sm"]
            out(
                f"  submit_sm:  data_coding 0x{sm['data_coding']:02X}, "
                f"esm_class 0x{sm['esm_class']:02X}, sm_length {sm['sm_length']}"
            )
        if destination is not None:
            out(f"  AT+CMGS={row['cmgs_length']}")
            out(f"  {row['tpdu']}")
    return ExitStatus.OK


__all__ = ["MAX_VALIDITY", "describe_header", "parse_validity", "register", "run"]
