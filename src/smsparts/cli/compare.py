"""``smsparts compare``: one message as each provider profile counts and bills it."""

from __future__ import annotations

import argparse

from ..profiles import PROFILES, Profile, compare, load_profile, resolve_profile
from ._common import (
    ExitStatus,
    Subparsers,
    UsageError,
    add_input_options,
    add_json_option,
    add_text_arguments,
    emit_json,
    escape_controls,
    out,
    read_input,
    warn_input,
)


def register(sub: Subparsers) -> None:
    """Add ``compare`` and its options."""
    parser = sub.add_parser(
        "compare", help="the message as each provider profile counts and bills it"
    )
    add_text_arguments(parser)
    add_input_options(parser)
    parser.add_argument(
        "--profiles",
        metavar="LIST",
        help="built-in profiles to compare, comma-separated (default: all of "
        + ", ".join(PROFILES)
        + ")",
    )
    parser.add_argument(
        "--profile-file",
        metavar="PATH",
        action="append",
        default=[],
        help="add a custom profile from a TOML or JSON file (repeatable; see docs/profiles.md)",
    )
    add_json_option(parser)
    parser.set_defaults(run=run)


def chosen_profiles(args: argparse.Namespace) -> list[Profile]:
    """The profiles asked for: ``--profiles`` (default: every built-in), then each
    ``--profile-file``."""
    listed: str | None = args.profiles
    profiles: list[Profile] = []
    if listed is None:
        profiles.extend(PROFILES.values())
    else:
        names = [name.strip() for name in listed.split(",") if name.strip()]
        if not names:
            raise UsageError("--profiles: give at least one profile name")
        profiles.extend(resolve_profile(name) for name in names)
    for path in args.profile_file:
        try:
            profiles.append(load_profile(path))
        except OSError as exc:
            raise UsageError(f"--profile-file {path}: {exc.strerror or exc}") from None
    return profiles


def run(args: argparse.Namespace) -> ExitStatus:
    """Compare the message under each profile and print the table (or JSON)."""
    profiles = chosen_profiles(args)
    read = read_input(args)
    warn_input(read)
    comparison = compare(read.text, profiles)
    if args.json:
        emit_json(comparison.as_dict())
        return ExitStatus.OK
    for line in comparison.table().splitlines():
        out(escape_controls(line))
    return ExitStatus.OK


__all__ = ["chosen_profiles", "register", "run"]
