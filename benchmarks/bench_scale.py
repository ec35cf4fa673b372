"""Benchmarks of the scale-out check (issue 12): one process against two workers.

Over one seeded Parquet file of platform-shaped contacts (``tools/gen_contacts.py``), the
group ``scale`` times:

* the floor: reading the same rows with pyarrow into Python dicts (what any engine pays);
* ``scale.check(engine="serial")``: the whole check in this process;
* ``scale.check(engine="local", workers=2)``: a pool of two processes (start-up included);
* ``scale.check(engine="dask", workers=2)`` on an already running 2-worker LocalCluster.

Target: the 2-worker runs at least 1.6x faster than the serial one on this 2-core
machine over 400,000 rows.  The file has 40,000 rows by default, so that the CI smoke run
stays short; ``SMSPARTS_BENCH_SCALE_ROWS=400000`` times the issue's size.

``test_worker_memory_is_flat`` records each worker's peak resident memory for two list
sizes (the same part size): it must not grow with the list.
"""

from __future__ import annotations

import os
import resource
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

pytest.importorskip("phonenumbers")
pq = pytest.importorskip("pyarrow.parquet")

from smsparts import scale  # noqa: E402
from smsparts.scale._engines import map_partitions  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import gen_contacts  # noqa: E402

ROWS = int(os.environ.get("SMSPARTS_BENCH_SCALE_ROWS", "40000"))
GROUP = "scale"
NOW = "2024-03-18T08:00:00Z"
PAYLOAD: dict[str, Any] = {
    "text": "Bonjour @prenom, votre séance est demain à 10h. STOP 36111",
    "senderId": "My Sender",
}


@pytest.fixture(scope="module")
def contacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale")
    return gen_contacts.write(folder / "contacts.parquet", ROWS, seed=12, row_group_rows=10_000)


@pytest.fixture(scope="module")
def expected(contacts: Path) -> dict[str, Any]:
    return scale.check(PAYLOAD, [contacts], engine="serial", partitions=1, now=NOW).to_state()


def _read_rows(path: Path) -> int:
    count = 0
    for batch in pq.ParquetFile(path).iter_batches():
        count += len(batch.to_pylist())
    return count


def test_floor_read_rows(benchmark: BenchmarkFixture, contacts: Path) -> None:
    """Floor: the rows read into dicts by pyarrow."""
    benchmark.group = GROUP
    result = benchmark.pedantic(_read_rows, args=(contacts,), rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert result == ROWS


def test_serial(benchmark: BenchmarkFixture, contacts: Path, expected: dict[str, Any]) -> None:
    """The whole check in one process."""
    benchmark.group = GROUP

    def run() -> dict[str, Any]:
        return scale.check(PAYLOAD, [contacts], engine="serial", partitions=4, now=NOW).to_state()

    result = benchmark.pedantic(run, rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert result == expected


def test_local_two_workers(
    benchmark: BenchmarkFixture, contacts: Path, expected: dict[str, Any]
) -> None:
    """A pool of two processes, start-up included."""
    benchmark.group = GROUP

    def run() -> dict[str, Any]:
        report = scale.check(PAYLOAD, [contacts], engine="local", workers=2, partitions=4, now=NOW)
        return report.to_state()

    result = benchmark.pedantic(run, rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert result == expected


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    ) as running:
        yield running.scheduler_address


def test_dask_two_workers(
    benchmark: BenchmarkFixture, contacts: Path, expected: dict[str, Any], cluster: str
) -> None:
    """Dask's distributed scheduler on a running 2-worker LocalCluster."""
    benchmark.group = GROUP

    def run() -> dict[str, Any]:
        report = scale.check(
            PAYLOAD, [contacts], engine="dask", scheduler=cluster, partitions=4, now=NOW
        )
        return report.to_state()

    result = benchmark.pedantic(run, rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert result == expected


def _peak_after(job: dict[str, Any], part: scale.Partition) -> int:
    """Check a partition in a worker; its peak resident memory in KiB after it.

    VmHWM (this address space's peak, new at exec) rather than ru_maxrss, which Linux
    keeps across the exec of a spawned worker and so would report the parent's size.
    """
    scale.check_partition(job, part)
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_worker_memory_is_flat(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """Peak memory per worker for 1x and 4x the rows, in parts of the same size."""
    benchmark.group = GROUP + "-memory"
    rows = max(ROWS // 4, 5_000)
    job = {"payload": PAYLOAD, "options": {"now": NOW}, "trim": True}
    peaks = {}
    for factor in (1, 4):
        path = gen_contacts.write(tmp_path / f"m{factor}.csv", rows * factor, seed=factor)
        parts = scale.plan([path], partitions=4 * factor)
        jobs = [(job, part) for part in parts]
        peaks[factor] = max(map_partitions(_peak_after, jobs, engine="local", workers=2))

    def again() -> int:
        return len(scale.plan([path], partitions=4))

    result = benchmark.pedantic(again, rounds=1, iterations=1)  # type: ignore[no-untyped-call]
    assert result == 4
    benchmark.extra_info["peak_kib_1x"] = peaks[1]
    benchmark.extra_info["peak_kib_4x"] = peaks[4]
    # Generous: a worker that kept the rows would grow by 4x; flat means about 1x.
    assert peaks[4] < peaks[1] * 1.5
