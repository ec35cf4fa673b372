"""The campaign check over big contact lists: partitions, engines, and an exact merge.

``smsparts.scale.check(payload, ["contacts.parquet"], engine="dask")`` returns the same
:class:`~smsparts.campaign.CampaignReport` as the single-process
:func:`~smsparts.campaign.check_campaign`, issue for issue and count for count: each
partition is checked by a worker into a partial report (integers until priced, issues with
their place in the stream), and the partial reports add up exactly.

Duplicates across partitions are kept exact too.  A worker cannot know whether a phone was
already a recipient in an earlier partition, so each partial result also carries the
sorted recipient phones of its partition (8 bytes a recipient).  The driver merges them;
when a phone is a recipient in two partitions (rare in a deduplicated export), only the
later partitions that hold such a phone are checked again, told which phones came first.
No partition is ever checked more than twice.

Engines (``engine=``):

* ``"serial"``: this process, one partition after the other (for tests and debugging);
* ``"local"``: a pool of ``workers`` processes on this machine, nothing to install;
* ``"dask"``: Dask's ``distributed`` scheduler, a ``LocalCluster`` started and stopped for
  the call by default, or an existing cluster given by ``scheduler="tcp://host:8786"``;
  ``scheduler="synchronous"`` runs Dask's single-threaded scheduler in this process.

Sources: CSV (byte ranges on record ends), JSON lines (byte ranges on line breaks),
Parquet files or a folder of them (row groups), and a Dask DataFrame already built by the
caller.  Paths in issues are ``FILE:LINE.field`` for CSV and JSON lines, ``FILE:ROW.field``
for Parquet (rows from 1) and ``NAME:ROW.field`` for a DataFrame.

This layer needs the ``scale`` extra (``pyarrow``) for Parquet and the ``dask`` extra
(``dask[dataframe]``, ``distributed``) for the Dask engine; the local engine needs neither.
"""

from __future__ import annotations

import heapq
import os
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._options import check_int, check_str
from ..campaign import CampaignChecker, CampaignReport
from ..errors import InvalidOption
from ..readers import ContactRow
from ._engines import ENGINES, default_workers, session
from ._sources import Partition, SourceError, iter_partition, plan_source

__all__ = [
    "ENGINES",
    "Partial",
    "Partition",
    "SourceError",
    "check",
    "check_partition",
    "merge_partials",
    "plan",
]

Progress = Callable[[int, int], None]
#: A contact source: a file (CSV, JSON lines, Parquet or a folder of Parquet files) or a
#: Dask DataFrame.
Source = Any


@dataclass(frozen=True, slots=True, kw_only=True)
class Partial:
    """What one partition's check sends back: its report and its recipient phones.

    Both are plain data: ``to_json`` gives a JSON-able form (for Spark, Ray or a queue)
    and :meth:`from_json` reads it back.

    Attributes:
        index: the partition's rank in the whole job.
        state: the partial report, as :meth:`CampaignReport.to_state` writes it.
        phones: the partition's recipient phones, sorted, as unsigned 64-bit integers.
    """

    index: int
    state: dict[str, Any]
    phones: bytes

    def report(self) -> CampaignReport:
        """The partial report."""
        return CampaignReport.from_state(self.state)

    def phone_array(self) -> array[int]:
        """The recipient phones, sorted."""
        numbers = array("Q")
        numbers.frombytes(self.phones)
        return numbers

    def to_json(self) -> dict[str, Any]:
        """``{"index", "state", "phones"}`` with the phones as hexadecimal text."""
        return {"index": self.index, "state": self.state, "phones": self.phones.hex()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Partial:
        """The :class:`Partial` that :meth:`to_json` wrote."""
        return cls(
            index=int(data["index"]),
            state=dict(data["state"]),
            phones=bytes.fromhex(data["phones"]),
        )


# A checker compiled from the same payload and options is reused by the tasks a worker
# process runs: compiling parses the template and the schedule, per partition that adds up.
_CHECKERS: dict[str, CampaignChecker] = {}
_CACHE_SIZE = 4


def _checker(job: Mapping[str, Any]) -> CampaignChecker:
    key = repr(sorted((k, repr(v)) for k, v in job.items()))
    checker = _CHECKERS.get(key)
    if checker is None:
        if len(_CHECKERS) >= _CACHE_SIZE:
            _CHECKERS.pop(next(iter(_CHECKERS)))
        options = dict(job["options"])
        checker = CampaignChecker(job["payload"], **options)
        _CHECKERS[key] = checker
    return checker


def _frame_rows(part: Partition, data: Any) -> Iterator[ContactRow]:
    """The rows of a pandas DataFrame (one partition of a Dask DataFrame)."""
    row = part.first_row
    for record in data.to_dict("records"):
        fields: dict[str, object] = {}
        for key, value in record.items():
            if value is None or (isinstance(value, float) and value != value):
                continue  # null and NaN cells are absent fields
            fields[str(key)] = value
        yield ContactRow(part.source, row, fields, None)
        row += 1


def _trimmed(rows: Iterable[ContactRow]) -> Iterator[ContactRow]:
    for row in rows:
        fields = {
            key.strip(): value.strip() if isinstance(value, str) else value
            for key, value in row.fields.items()
        }
        yield row._replace(fields=fields)


def check_partition(
    job: Mapping[str, Any], part: Partition, seen: Sequence[int] = (), data: Any = None
) -> Partial:
    """Check one partition: the function every engine ships to its workers.

    Args:
        job: ``{"payload": ..., "options": {...}, "trim": bool}``, the same for every
            partition (built by :func:`check`; ``options`` are
            :class:`~smsparts.campaign.CampaignChecker`'s keywords).
        part: the partition to read (from :func:`plan`).
        seen: phones that were recipients before this partition (they are duplicates
            here).
        data: for a partition of a Dask DataFrame, its rows (a pandas DataFrame).
        data: for a partition of a Dask DataFrame, its rows (a pandas DataFrame).

    A Spark or Ray user maps this over the partitions of :func:`plan` and merges the
    results with :func:`merge_partials`.
    """
    checker = _checker(job)
    run = checker.run(seen=seen)
    trim = bool(job.get("trim", True))
    if part.kind == "frame":
        rows: Iterable[ContactRow] = _frame_rows(part, data)
        if trim:
            rows = _trimmed(rows)
    else:
        rows = iter_partition(part, trim=trim)
    run.rows(rows, source_index=part.source_index)
    return Partial(index=part.index, state=run.report().to_state(), phones=run.recipients_bytes())


def _is_frame(source: object) -> bool:
    return hasattr(source, "to_delayed") and hasattr(source, "npartitions")


#: Without ``partitions=``, a text file is cut into parts of about this size, so that a
#: worker's memory stays flat and a slow part does not hold up the others for long.
PART_BYTES = 64 << 20


def _default_parts(source: str | os.PathLike[str], workers: int) -> int:
    try:
        size = os.path.getsize(source)
    except OSError:
        return workers  # planning reports the unreadable file
    return max(workers, -(-size // PART_BYTES))


def plan(
    sources: Sequence[Source],
    *,
    partitions: int | None = None,
    workers: int | None = None,
    encoding: str = "utf-8",
) -> list[Partition]:
    """The partitions of every file source, numbered in order.

    Args:
        sources: CSV, JSON lines or Parquet files (or folders of Parquet files).
        partitions: parts per source; default: at least ``workers``, and a part per
            :data:`PART_BYTES` of a text file.  Parquet gives at most one per row group.
        workers: the workers the parts are for (default: the usable cores).
        encoding: the text files' encoding.

    A Dask DataFrame is planned by :func:`check` (its own partitions are kept).
    """
    count = default_workers() if workers is None else check_int("workers", workers, 1, 1024)
    if partitions is not None:
        check_int("partitions", partitions, 1)
    check_str("encoding", encoding)
    planned: list[Partition] = []
    for source_index, source in enumerate(sources):
        if _is_frame(source):
            raise TypeError("plan() takes files; check() takes a Dask DataFrame")
        if not isinstance(source, str | os.PathLike):
            raise TypeError(
                f"a source must be a file path or a Dask DataFrame, not {type(source).__name__}"
            )
        wanted = partitions if partitions is not None else _default_parts(source, count)
        for part in plan_source(source, partitions=wanted, encoding=encoding):
            planned.append(part.renumbered(index=len(planned), source_index=source_index))
    return planned


def _frame_parts(
    frame: Any, name: str, source_index: int, first_index: int, lengths: Sequence[int]
) -> list[Partition]:
    parts = []
    row = 1
    for offset, length in enumerate(lengths):
        parts.append(
            Partition(
                kind="frame",
                path="",
                source=name,
                index=first_index + offset,
                first_row=row,
                source_index=source_index,
            )
        )
        row += length
    return parts


def _length(data: Any) -> int:
    return len(data)


def _tag(numbers: array[int], rank: int) -> Iterator[tuple[int, int]]:
    for phone in numbers:
        yield phone, rank


def _cross_duplicates(first: array[int], partials: Sequence[Partial]) -> dict[int, list[int]]:
    """For each partition index, the phones that were recipients in an earlier partition.

    ``first`` holds the recipients checked before every partition (the payload's own
    contacts).  A k-way merge of the sorted phone lists finds each phone held by more
    than one list in one pass.
    """
    lists: list[array[int]] = [first, *(p.phone_array() for p in partials)]
    tagged = [_tag(numbers, rank) for rank, numbers in enumerate(lists)]
    repeats: dict[int, list[int]] = {}
    previous = None
    for phone, rank in heapq.merge(*tagged):
        if phone == previous and rank > 0:
            repeats.setdefault(partials[rank - 1].index, []).append(phone)
        previous = phone
    return repeats


class _Recipients:
    """Membership in the sorted phone lists of every partition, for the groups' run."""

    def __init__(self, lists: Sequence[array[int]]) -> None:
        merged = array("Q", heapq.merge(*lists))
        self._sorted = merged
        self._added: set[int] = set()

    def __contains__(self, phone: object) -> bool:
        if phone in self._added:
            return True
        if not isinstance(phone, int):
            return False
        at = bisect_left(self._sorted, phone)
        return at < len(self._sorted) and self._sorted[at] == phone

    def add(self, phone: int) -> None:
        self._added.add(phone)


class _LazyRecipients:
    """:class:`_Recipients`, merged on the first look-up (none without groups)."""

    def __init__(self, lists: Sequence[array[int]]) -> None:
        self._lists = lists
        self._merged: _Recipients | None = None

    def _get(self) -> _Recipients:
        if self._merged is None:
            self._merged = _Recipients(self._lists)
        return self._merged

    def __contains__(self, phone: object) -> bool:
        return phone in self._get()

    def add(self, phone: int) -> None:
        self._get().add(phone)


def check(
    payload: object,
    sources: Sequence[Source],
    *,
    engine: str = "local",
    frame_name: str = "dataframe",
    workers: int | None = None,
    scheduler: str | None = None,
    partitions: int | None = None,
    encoding: str = "utf-8",
    trim: bool = True,
    progress: Progress | None = None,
    **options: Any,
) -> CampaignReport:
    """Check a campaign over contact files in partitions; the report of one process.

    Args:
        payload: the ``sms.campain.create`` object.
        sources: contact files (CSV, JSON lines, Parquet files or folders of them) or
            Dask DataFrames (with ``engine="dask"``).
        engine: ``"serial"``, ``"local"`` (default) or ``"dask"`` (see the module doc).
        workers: processes (default: the usable cores).
        scheduler: with ``engine="dask"``, an existing scheduler's address, or
            ``"synchronous"``.
        partitions: partitions per source (default: see :func:`plan`).
        encoding: the text files' encoding (UTF-8, cp1252 or Latin-1).
        trim: strip spaces around values (as :func:`smsparts.readers.iter_contacts`).
        progress: called with ``(done, total)`` as partitions finish.
        frame_name: the ``NAME`` of ``NAME:ROW.field`` for a DataFrame's rows.
        options: :class:`~smsparts.campaign.CampaignChecker`'s keywords (``now``,
            ``prices``, ``groups``, ``max_segments``, ...).

    Returns:
        The merged :class:`~smsparts.campaign.CampaignReport`.
    """
    options.setdefault("contact_files", bool(sources))
    checker = CampaignChecker(payload, **options)
    # Every worker must judge "in the past" against the same instant as the driver.
    options = {**options, "now": checker.now, "groups": None}
    count = default_workers() if workers is None else check_int("workers", workers, 1, 1024)
    check_str("frame_name", frame_name)
    for source in sources:
        if _is_frame(source) and engine != "dask":
            raise InvalidOption("engine", engine, "'dask' for a Dask DataFrame source")
    # One engine session for every map of the job: the workers (or the Dask client and
    # its LocalCluster) start once, for the check and for the re-check of duplicates.
    with session(engine, workers=count, scheduler=scheduler) as run:
        parts: list[Partition] = []
        data: list[Any] = []
        for source_index, source in enumerate(sources):
            if not _is_frame(source):
                for part in plan([source], partitions=partitions, workers=count, encoding=encoding):
                    parts.append(part.renumbered(index=len(parts), source_index=source_index))
                    data.append(None)
                continue
            pieces = source.to_delayed()
            lengths = run(_length, [(piece,) for piece in pieces])
            parts.extend(_frame_parts(source, frame_name, source_index, len(parts), lengths))
            data.extend(pieces)
        job = {"payload": payload, "options": options, "trim": trim}

        head = checker.run(payload_issues=True)
        head.payload_contacts()
        first = array("Q")
        first.frombytes(head.recipients_bytes())

        jobs = [(job, part, (), piece) for part, piece in zip(parts, data, strict=True)]
        partials: list[Partial] = run(check_partition, jobs, progress)
        repeats = _cross_duplicates(first, partials)
        if repeats:
            again = [
                (job, parts[i], tuple(phones), data[i]) for i, phones in sorted(repeats.items())
            ]
            for partial in run(check_partition, again):
                partials[partial.index] = partial

    # The groups' members are checked last, against every recipient before them; the
    # merged phone list is built only when there are groups to check.
    tail = checker.run(seen=_LazyRecipients([first, *(p.phone_array() for p in partials)]))
    tail.groups()
    report = head.report()
    for partial in partials:
        report = report + partial.report()
    return report + tail.report()


def merge_partials(partials: Iterable[Partial]) -> CampaignReport:
    """Add up partial reports made anywhere (duplicates across them are not re-checked)."""
    total: CampaignReport | None = None
    for partial in sorted(partials, key=lambda p: p.index):
        total = partial.report() if total is None else total + partial.report()
    return CampaignReport() if total is None else total
