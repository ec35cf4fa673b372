"""``smsparts split``: the segments a message is sent as."""

from __future__ import annotations

import argparse

from ..charset import Encoding
from ..profiles import Profile
from ..segment import split
from ..views import part_view, segment_view
from ._common import (
    ExitStatus,
    Subparsers,
    add_input_options,
    add_json_option,
    add_profile_option,
    add_sms_options,
    add_text_arguments,
    count_type,
    emit_json,
    encoding_options,
    err,
    out,
    profile_of,
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
    add_profile_option(parser)
    add_json_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> ExitStatus:
    """Split the message and print each segment."""
    profile = profile_of(args)
    read = read_input(args)
    warn_input(read)
    if profile is not None:
        return _provider_parts(args, profile, read.text)
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


def _provider_parts(args: argparse.Namespace, profile: Profile, text: str) -> ExitStatus:
    """The parts ``profile`` sends (:meth:`Profile.split`), flagging a cut inside a pair."""
    parts = profile.split(text)
    if len(parts) > args.max_segments:
        err(
            f"smsparts: error: {profile.name} sends the message in {len(parts)} parts; "
            f"the limit is {args.max_segments} (--max-segments)"
        )
        return ExitStatus.PROBLEMS
    if args.json:
        emit_json([part_view(part) for part in parts])
        return ExitStatus.OK
    gsm = bool(parts) and parts[0].encoding is Encoding.GSM7
    unit = "septets" if gsm else "code units"
    for part in parts:
        flag = ""
        if part.cut_inside is not None:
            article = "an" if part.cut_inside[0] in "aeiou" else "a"
            flag = f" (ends inside {article} {part.cut_inside}: corrupted)"
        out(
            f"[{part.index + 1}/{len(parts)}] {part.units}/{part.capacity} {unit}, "
            f"characters {part.start}:{part.end}{flag}"
        )
        out(part.text)
    return ExitStatus.OK


__all__ = ["register", "run"]
