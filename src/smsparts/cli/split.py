"""``smsparts split``: the segments a message is sent as."""

from __future__ import annotations

import argparse

from ..charset import Encoding
from ..segment import split
from ..views import segment_view
from ._common import (
    ExitStatus,
    Subparsers,
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


def register(sub: Subparsers) -> None:
    """Add ``split`` and its options."""
    parser = sub.add_parser("split", help="the segments a message is sent as")
    add_text_arguments(parser)
    add_sms_options(parser)
    add_input_options(parser)
    parser.add_argument(
        "--max-segments",
        type=count_type(1, 255),
        default=255,
        metavar="N",
        help="fail above N segments, 1 to 255 (default 255, the most 23.040 allows)",
    )
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Split the message and print each segment."""
    read = read_input(args)
    warn_input(read)
    segments = split(read.text, max_segments=args.max_segments, **encoding_options(args))
    if args.json:
        emit_json([segment_view(i, seg) for i, seg in enumerate(segments, 1)])
        return ExitStatus.OK
    gsm = bool(segments) and segments[0].encoding is Encoding.GSM7
    unit = "septets" if gsm else "code units"
    for i, seg in enumerate(segments, 1):
        out(
            f"[{i}/{len(segments)}] {seg.units}/{seg.capacity} {unit}, "
            f"characters {seg.start}:{seg.end}"
        )
        out(seg.text)
    return ExitStatus.OK


__all__ = ["register", "run"]
