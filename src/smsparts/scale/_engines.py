"""Where partitions run: in this process, in a local process pool, or on Dask.

Each engine only maps :func:`check_partition` over partition descriptions and hands the
partial results back in partition order; merging is the caller's (``scale.check``), so the
engines cannot disagree on the result, only on where the work ran.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from .._options import check_choice, check_int, check_type
from ..errors import InvalidOption

__all__ = ["ENGINES", "Engine", "map_partitions"]

#: The engines ``check(..., engine=...)`` accepts.
ENGINES = ("serial", "local", "dask")

Engine = str
Task = Callable[..., Any]
Progress = Callable[[int, int], None]


def _serial(task: Task, jobs: Sequence[tuple[Any, ...]], progress: Progress | None) -> list[Any]:
    results = []
    for done, job in enumerate(jobs, 1):
        results.append(task(*job))
        if progress is not None:
            progress(done, len(jobs))
    return results


def _local(
    task: Task, jobs: Sequence[tuple[Any, ...]], workers: int, progress: Progress | None
) -> list[Any]:
    # spawn, not fork: the caller may hold threads (a progress bar, a server), and a
    # forked child of a threaded process can deadlock on a lock held at fork time.
    context = multiprocessing.get_context("spawn")
    results: list[Any] = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: dict[Future[Any], int] = {pool.submit(task, *job): i for i, job in enumerate(jobs)}
        done_count = 0
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                results[pending.pop(future)] = future.result()
                done_count += 1
                if progress is not None:
                    progress(done_count, len(jobs))
    return results


@contextlib.contextmanager
def _dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError(
            "the dask engine needs dask and distributed: pip install 'smsparts[dask]'"
        ) from None
    if scheduler is not None:
        client = Client(scheduler, timeout=30)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # the check is pure Python: one thread a process
        processes=True,
        # a free port for its HTTP server (health checks, dashboard if bokeh is there):
        # the default :8787 warns and fails when another cluster holds it
        dashboard_address="127.0.0.1:0",
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _dask(
    task: Task,
    jobs: Sequence[tuple[Any, ...]],
    workers: int,
    scheduler: str | None,
    progress: Progress | None,
) -> list[Any]:
    try:
        from dask.base import compute
        from dask.delayed import delayed
    except ImportError:
        raise ImportError("the dask engine needs dask: pip install 'smsparts[dask]'") from None
    # Arguments may themselves be Dask objects (the partitions of a Dask DataFrame):
    # a delayed call computes them on the worker that runs the task.
    tasks = [delayed(task, pure=False)(*job) for job in jobs]
    if scheduler == "synchronous":
        computed = list(compute(*tasks, scheduler="synchronous"))
        if progress is not None:
            progress(len(jobs), len(jobs))
        return computed
    from distributed import as_completed

    with _dask_client(scheduler, workers) as client:
        futures = client.compute(tasks)
        index = {future.key: i for i, future in enumerate(futures)}
        results: list[Any] = [None] * len(jobs)
        for done, future in enumerate(as_completed(futures), 1):
            results[index[future.key]] = future.result()
            if progress is not None:
                progress(done, len(jobs))
        return results


def default_workers() -> int:
    """The cores this process may use (``os.process_cpu_count`` where it exists)."""
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def map_partitions(
    task: Task,
    jobs: Sequence[tuple[Any, ...]],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[Any]:
    """``[task(*job) for job in jobs]``, run by ``engine``, results in ``jobs`` order.

    Args:
        task: a module-level function (it is pickled to the workers).
        jobs: the arguments of each call.
        engine: ``"serial"`` (this process), ``"local"`` (a process pool) or ``"dask"``.
        workers: processes for ``local`` and for the embedded Dask ``LocalCluster``
            (default: the usable cores).
        scheduler: with ``dask``: the address of an existing scheduler
            (``tcp://host:8786``), or ``"synchronous"`` for Dask's single-threaded
            scheduler in this process; ``None`` starts a ``LocalCluster``.
        progress: called with ``(done, total)`` as partitions finish.
    """
    check_choice("engine", engine, ENGINES)
    count = default_workers() if workers is None else check_int("workers", workers, 1, 1024)
    if scheduler is not None:
        check_type("scheduler", scheduler, str, "a str (a scheduler address)")
        if engine != "dask":
            raise InvalidOption("scheduler", scheduler, "given only with engine='dask'")
    if engine == "serial" or not jobs:
        return _serial(task, jobs, progress)
    if engine == "local":
        if count == 1:
            return _serial(task, jobs, progress)
        return _local(task, jobs, min(count, len(jobs)), progress)
    return _dask(task, jobs, count, scheduler, progress)
