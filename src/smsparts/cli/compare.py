"""``smsparts compare``: one message as each provider profile counts and bills it.

With ``--contacts FILE`` the message is a template: each contact's rendering is billed
by each profile (streamed, :func:`~smsparts.profiles.compare_many`) and the totals are
printed side by side.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from ..errors import SmsError
from ..profiles import PROFILES, Profile, compare, compare_many, load_profile, resolve_profile
from ..readers import iter_contacts
from ..template import Template
from ._common import (
    ExitStatus,
    Subparsers,
    UsageError,
    add_input_options,
    add_json_option,
    add_text_arguments,
    emit_json,
    err,
    escape_controls,
    input_encoding,
    out,
    plural,
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
    parser.add_argument(
        "--contacts",
        metavar="FILE",
        help="TEXT is a template: bill each contact's message (CSV, JSON or JSON lines), "
        "and print the totals per profile",
    )
    parser.add_argument(
        "--missing",
        choices=["raise", "empty"],
        default="raise",
        help="with --contacts, a contact without a value for a variable is skipped "
        "(raise, default) or gets empty text",
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
    if args.contacts is not None:
        return _contacts(args, read.text, profiles)
    comparison = compare(read.text, profiles)
    if args.json:
        emit_json(comparison.as_dict())
        return ExitStatus.OK
    for line in comparison.table().splitlines():
        out(escape_controls(line))
    return ExitStatus.OK


class _Skipped:
    """Contacts that could not be rendered: how many, and the first one's reason."""

    def __init__(self) -> None:
        self.count = 0
        self.first: str | None = None

    def add(self, where: str, reason: str) -> None:
        self.count += 1
        if self.first is None:
            self.first = f"{where}: {reason}"


def _contacts(args: argparse.Namespace, source: str, profiles: list[Profile]) -> ExitStatus:
    """Bill each contact's rendering of the template ``source`` under each profile."""
    template = Template(source, missing=args.missing)  # a syntax error: before any contact
    skipped = _Skipped()

    def messages() -> Iterator[str]:
        for row in iter_contacts(args.contacts, encoding=input_encoding(args)):
            where = f"{row.source}:{row.line}"
            if row.problem is not None:
                skipped.add(where, row.problem)
                continue
            try:
                yield template.render(row.fields)
            except SmsError as exc:
                skipped.add(where, str(exc).splitlines()[0])

    totals = compare_many(messages(), profiles)
    if args.json:
        data = totals.as_dict()
        data["skipped"] = skipped.count
        emit_json(data)
    else:
        for line in totals.table().splitlines():
            out(escape_controls(line))
    if skipped.count:
        err(
            f"smsparts: error: {plural(skipped.count, 'contact')} not rendered, not "
            f"counted (first: {escape_controls(skipped.first or '')})"
        )
        return ExitStatus.PROBLEMS
    return ExitStatus.OK


__all__ = ["chosen_profiles", "register", "run"]
