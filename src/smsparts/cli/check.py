"""``smsparts check``: the platform's campaign payload checked field by field, and priced.

The payload (``sms.campain.create`` as JSON) is checked once, then its contacts, the
``--contacts`` files (streamed: CSV, JSON array or JSON lines) and the ``--groups``
members, one contact at a time: memory stays flat whatever the number of contacts.  The
human report opens with one sentence, then the issues grouped by code (the first 20
paths of each), then the estimate; ``--json`` prints one object (see docs/campaign.md).
Exit status 0 without errors, 1 with errors, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from ..readers import ContactRow, InputFileError, iter_contacts, read_message
from ..segment import Analysis
from ._common import (
    ExitStatus,
    Subparsers,
    UsageError,
    add_profile_option,
    count_type,
    emit_json,
    input_encoding,
    name_value_pairs,
    out,
    profile_of,
)

if TYPE_CHECKING:
    from ..campaign import CampaignReport

#: Issues shown per code in the human report (the JSON has them all, or --max-issues).
PATHS_PER_CODE = 20


def register(sub: Subparsers) -> None:
    """Add ``check`` and its options."""
    parser = sub.add_parser(
        "check",
        help="check a campaign payload and its contacts, and estimate its cost",
        description="Check the platform's campaign payload (sms.campain.create as JSON) "
        "field by field and every contact (payload, --contacts files, --groups), then "
        "estimate recipients, segments and cost. Exit 0 without errors, 1 with errors.",
    )
    parser.add_argument("payload", metavar="PAYLOAD.json", help="the campaign payload")
    parser.add_argument(
        "--contacts",
        action="append",
        metavar="FILE",
        default=[],
        help="more contacts: CSV with a header, a JSON array, or JSON lines (repeatable)",
    )
    parser.add_argument(
        "--groups", metavar="FILE", help="the groups: a JSON object of group id to contacts"
    )
    parser.add_argument(
        "--prices", metavar="FILE", help="prices per segment: CSV with columns prefix,price"
    )
    parser.add_argument(
        "--now", metavar="ISO", help="the time 'in the past' is judged against (default: now)"
    )
    parser.add_argument(
        "--tz", metavar="ZONE", default="UTC", help="zone of recurring weekdays (default UTC)"
    )
    parser.add_argument(
        "--until", metavar="DATE", help="last day of a recurring campaign, for its total"
    )
    parser.add_argument(
        "--max-segments",
        type=count_type(1, 255),
        metavar="N",
        help="most segments a message may take (default 255)",
    )
    parser.add_argument(
        "--missing",
        choices=["raise", "empty"],
        default="raise",
        help="a recipient without a template value: an error (default) or empty text",
    )
    parser.add_argument(
        "--default", action="append", metavar="VAR=VALUE", help="text for a missing value"
    )
    parser.add_argument(
        "--fields",
        metavar="LIST",
        help="contact fields beyond the platform's that the template may name (a,b)",
    )
    parser.add_argument(
        "--max-issues",
        type=count_type(0),
        metavar="N",
        help="keep the first N issues of each code (counts stay exact)",
    )
    parser.add_argument(
        "--messages",
        metavar="OUT.jsonl",
        help="write one JSON line per recipient: phone, text, encoding, units, segments",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    add_profile_option(parser)
    parser.add_argument("--encoding", default="utf-8", help="character encoding of the input files")
    scale = parser.add_argument_group(
        "scale-out (docs/scaling.md)",
        "check the --contacts files in partitions, merged into the same report",
    )
    scale.add_argument(
        "--engine",
        choices=["local", "dask", "serial"],
        help="local: a process pool; dask: Dask's distributed scheduler (a LocalCluster, "
        "or --scheduler); serial: partitions in this process (default: no partitions)",
    )
    scale.add_argument(
        "--workers", type=count_type(1, 1024), metavar="N", help="worker processes (default: cores)"
    )
    scale.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: an existing scheduler (tcp://host:8786) or 'synchronous'",
    )
    scale.add_argument(
        "--partitions",
        type=count_type(1),
        metavar="N",
        help="partitions per contacts file (default: 64 MiB parts, at least one per worker)",
    )
    parser.set_defaults(run=run)


def _load_json(path: str, encoding: str) -> object:
    """A whole JSON file (the payload, the groups), read with the readers' rules."""
    text = read_message(path, encoding=encoding).text
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from None


def _progress(rows: Iterator[ContactRow], source: str) -> Iterable[ContactRow]:
    """``rows`` with a progress bar on standard error when it is a terminal.

    The bar (tqdm, from the ``campaign`` extra) appears only after a second, so a
    short list prints nothing; without tqdm, no bar.
    """
    if not sys.stderr.isatty():
        return rows
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - tqdm comes with the campaign extra
        return rows
    bar: Iterable[ContactRow] = tqdm(
        rows, desc=source, unit=" contacts", file=sys.stderr, delay=1.0, mininterval=0.5
    )
    return bar


def _open_messages(path: str | None) -> IO[str] | None:
    if path is None:
        return None
    if path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
    except OSError as exc:
        raise UsageError(f"--messages {path}: cannot write: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> ExitStatus:
    """Check the campaign; print the report; 0 without errors, 1 with errors."""
    try:
        from ..campaign import CampaignChecker
        from ..estimate import PriceFileError, PriceTable
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    encoding = input_encoding(args)
    # JSON is UTF-8 (RFC 8259 8.1): --encoding is for the CSV files a spreadsheet saves
    payload = _load_json(args.payload, "utf-8")
    groups: Any = None
    if args.groups is not None:
        groups = _load_json(args.groups, "utf-8")
        if not isinstance(groups, dict):
            raise InputFileError(
                args.groups, "must hold a JSON object of group id to a list of contacts"
            )
    prices = None
    if args.prices is not None:
        try:
            prices = PriceTable.from_csv(
                read_message(args.prices, encoding=encoding).text, source=args.prices
            )
        except PriceFileError as exc:
            raise InputFileError(exc.source, exc.reason, line=exc.line) from None
    fields = [f.strip() for f in (args.fields or "").split(",") if f.strip()]
    # The human report shows 20 issues per code: no need to keep more.
    cap = args.max_issues if args.max_issues is not None or args.json else PATHS_PER_CODE
    options: dict[str, Any] = {
        "now": args.now,
        "tz": args.tz,
        "max_segments": args.max_segments,
        "missing": args.missing,
        "defaults": name_value_pairs("--default", args.default),
        "prices": prices,
        "groups": groups,
        "until": args.until,
        "max_issues": cap,
        "fields": fields,
        "contact_files": bool(args.contacts),
    }
    profile = profile_of(args)
    if profile is not None:
        options["profile"] = profile
    if args.engine is not None:
        return _report(args, _scaled(args, payload, encoding, options))
    for option in ("workers", "scheduler", "partitions"):
        if getattr(args, option) is not None:
            raise UsageError(f"--{option} goes with --engine local|dask|serial")
    checker = CampaignChecker(payload, **options)
    messages = _open_messages(args.messages)

    def write(phone: str, text: str, analysis: Analysis) -> None:
        assert messages is not None
        record = {
            "phone": phone,
            "text": text,
            "encoding": analysis.encoding.value,
            "units": analysis.units,
            "segments": analysis.segments,
        }
        messages.write(json.dumps(record, ensure_ascii=False) + "\n")

    sources = [_progress(iter_contacts(path, encoding=encoding), path) for path in args.contacts]
    try:
        report = checker.check(*sources, on_message=None if messages is None else write)
    finally:
        if messages is not None and messages is not sys.stdout:
            messages.close()
    return _report(args, report)


def _report(args: argparse.Namespace, report: CampaignReport) -> ExitStatus:
    if args.json:
        emit_json(report.to_json(max_issues=args.max_issues))
    else:
        out(report.to_text(paths_per_code=PATHS_PER_CODE))
    return ExitStatus.OK if report.ok else ExitStatus.PROBLEMS


def _partition_bar() -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """A progress bar over partitions on a terminal's standard error (tqdm), and its close."""
    if not sys.stderr.isatty():
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm comes with the campaign extra
        return None, lambda: None
    bar = tqdm(total=0, desc="partitions", unit=" parts", file=sys.stderr, delay=1.0)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return progress, bar.close


def _scaled(
    args: argparse.Namespace, payload: object, encoding: str, options: dict[str, Any]
) -> CampaignReport:
    """The check over partitions of the --contacts files (``smsparts.scale``)."""
    if args.messages is not None:
        raise UsageError("--messages writes the messages in order from one process: drop --engine")
    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler goes with --engine dask")
    try:
        from .. import scale
    except ImportError as exc:  # pragma: no cover - scale needs only the campaign extra
        raise UsageError(str(exc)) from None
    progress, close = _partition_bar()
    try:
        return scale.check(
            payload,
            args.contacts,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            partitions=args.partitions,
            encoding=encoding,
            progress=progress,
            **options,
        )
    except ImportError as exc:
        raise UsageError(str(exc)) from None
    except (OSError, TimeoutError) as exc:
        if args.scheduler is None:
            raise
        # distributed raises OSError (or TimeoutError) when no scheduler answers
        raise UsageError(f"--scheduler {args.scheduler}: cannot connect ({exc})") from None
    finally:
        close()
