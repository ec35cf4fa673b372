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


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the caller may hold threads (a progress bar, a server), and a
    # forked child of a threaded process can deadlock on a lock held at fork time.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def _local(
    pool: ProcessPoolExecutor,
    task: Task,
    jobs: Sequence[tuple[Any, ...]],
    progress: Progress | None,
) -> list[Any]:
    results: list[Any] = [None] * len(jobs)
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
    client: Any, task: Task, jobs: Sequence[tuple[Any, ...]], progress: Progress | None
) -> list[Any]:
    """The jobs as Dask tasks: on ``client``, or Dask's synchronous scheduler if ``None``."""
    try:
        from dask.base import compute
        from dask.delayed import delayed
    except ImportError:
        raise ImportError("the dask engine needs dask: pip install 'smsparts[dask]'") from None
    # Arguments may themselves be Dask objects (the partitions of a Dask DataFrame):
    # a delayed call computes them on the worker that runs the task.
    tasks = [delayed(task, pure=False)(*job) for job in jobs]
    if client is None:
        computed = list(compute(*tasks, scheduler="synchronous"))
        if progress is not None:
            progress(len(jobs), len(jobs))
        return computed
    from distributed import as_completed

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


Runner = Callable[..., list[Any]]


def _check_engine(engine: str, workers: int | None, scheduler: str | None) -> int:
    check_choice("engine", engine, ENGINES)
    count = default_workers() if workers is None else check_int("workers", workers, 1, 1024)
    if scheduler is not None:
        check_type("scheduler", scheduler, str, "a str (a scheduler address)")
        if engine != "dask":
            raise InvalidOption("scheduler", scheduler, "given only with engine='dask'")
    return count


@contextlib.contextmanager
def session(
    engine: str = "local", *, workers: int | None = None, scheduler: str | None = None
) -> Iterator[Runner]:
    """An engine started once for several maps: ``run(task, jobs, progress=None)``.

    The process pool or the Dask client (and its LocalCluster) lives as long as the
    ``with`` block, so a job that maps twice (a check and its re-check of duplicates)
    pays the workers' start-up once.  Arguments as for :func:`map_partitions`.
    """
    count = _check_engine(engine, workers, scheduler)
    if engine == "serial" or (engine == "local" and count == 1):
        yield lambda task, jobs, progress=None: _serial(task, jobs, progress)
        return
    if engine == "local":
        pool: ProcessPoolExecutor | None = None
        try:

            def run(
                task: Task, jobs: Sequence[tuple[Any, ...]], progress: Progress | None = None
            ) -> list[Any]:
                nonlocal pool
                if not jobs:
                    return []
                if pool is None:  # started on first use: a job with no partition spawns nothing
                    pool = _new_pool(count)
                return _local(pool, task, jobs, progress)

            yield run
        finally:
            if pool is not None:
                pool.shutdown()
        return
    if scheduler == "synchronous":
        yield lambda task, jobs, progress=None: _dask(None, task, jobs, progress)
        return
    with _dask_client(scheduler, count) as client:
        yield lambda task, jobs, progress=None: _dask(client, task, jobs, progress)


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
    count = _check_engine(engine, workers, scheduler)
    if not jobs:
        return []
    if engine == "local":
        count = min(count, len(jobs))
    with session(engine, workers=count, scheduler=scheduler) as run:
        return run(task, jobs, progress)
