"""Benchmarks of ``smsparts render --contacts``: streamed, constant memory (issue 9).

A seeded CSV of platform-shaped contacts is written to a temporary folder; the group
times, in the same run:

* the floor: the same work through the API in this process (``csv.DictReader`` over the
  file, ``Template.analyze`` per contact, nothing kept);
* the command, ``python -m smsparts render --file T --contacts C --quiet --messages M``,
  in a child process whose peak resident memory (``ru_maxrss`` from ``os.wait4``) is
  recorded in ``extra_info``;
* CPU seconds (``time.process_time`` for the floor, the child's ``ru_utime + ru_stime``)
  are recorded too: on a shared machine they compare better than wall-clock times;
* the same command over a hundredth of the contacts, so the two peaks compare: constant
  memory means about the same peak for 100x the contacts (asserted: at most 1.5x).

The corpus holds 1,000,000 contacts when benchmarks run (``SMSPARTS_BENCH_CLI_CONTACTS``
changes it) and 20,000 under ``--benchmark-disable`` (the CI smoke run).
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from smsparts import Template

SEED = 20261201
GROUP = "cli-render"
SOURCE = (
    "Bonjour @prenom, votre rendez-vous du @date est confirmé. Pour annuler, répondez "
    "ANNULER. STOP 36111"
)
_FIRST = ["Zoé", "Jean", "François", "Léa", "Mathéo", "Chloé", "Noël", "Inès", "Hugo", "Anaïs"]


def _size(benchmark: BenchmarkFixture) -> int:
    if getattr(benchmark, "disabled", False):
        return 20_000
    return int(os.environ.get("SMSPARTS_BENCH_CLI_CONTACTS", "1000000"))


def _write_contacts(path: Path, count: int) -> None:
    rng = random.Random(SEED)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id;phone;prenom;date\n")
        for i in range(count):
            handle.write(
                f"c-{i:07d};336{rng.randrange(10**8):08d};{rng.choice(_FIRST)};"
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}\n"
            )


@pytest.fixture(scope="module")
def corpus() -> dict[int, Path]:
    """Contact files by size, written once per module."""
    return {}


def _contacts(corpus: dict[int, Path], folder: Path, count: int) -> Path:
    if count not in corpus:
        path = folder / f"contacts-{count}.csv"
        _write_contacts(path, count)
        corpus[count] = path
    return corpus[count]


# The command run through main() in a child Python that reports its own peak resident
# memory (KiB) on its last stderr line.  Linux keeps ru_maxrss across exec, so a child
# forked from a big pytest process would report the parent's size: the peak is read from
# VmHWM in /proc/self/status (per address space, new at exec), ru_maxrss elsewhere.
_CHILD = (
    "import resource, sys\n"
    "from smsparts.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "peak = usage.ru_maxrss\n"
    "try:\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            peak = int(line.split()[1])\n"
    "except OSError:\n"
    "    pass\n"
    "print('peak_kib', peak, usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _run_cli(folder: Path, contacts: Path) -> dict[str, Any]:
    """Run the command in a child: exit status, output, seconds and peak KiB."""
    template = folder / "template.txt"
    template.write_text(SOURCE + "\n", encoding="utf-8")
    messages = folder / "messages.jsonl"
    argv = [sys.executable, "-c", _CHILD, "render", "--file", str(template)]
    argv += ["--contacts", str(contacts), "--quiet", "--messages", str(messages)]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    *errors, last = done.stderr.splitlines() or [""]
    return {
        "code": done.returncode,
        "out": done.stdout,
        "err": "\n".join(errors),
        "seconds": seconds,
        "peak_kib": int(last.split()[1]) if last.startswith("peak_kib") else 0,
        "cpu_seconds": float(last.split()[2]) if last.startswith("peak_kib") else 0.0,
        "messages": messages,
    }


def test_render_api_floor(
    benchmark: BenchmarkFixture, corpus: dict[int, Path], tmp_path: Path
) -> None:
    """The floor: csv.DictReader + Template.analyze in-process over the same file."""
    benchmark.group = GROUP
    count = _size(benchmark)
    path = _contacts(corpus, tmp_path, count)
    template = Template(SOURCE)

    def floor() -> int:
        segments = 0
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                segments += template.analyze(row).segments
        return segments

    start = time.process_time()
    segments = benchmark.pedantic(floor, rounds=1, iterations=1)  # type: ignore[no-untyped-call]
    benchmark.extra_info.update(contacts=count, cpu_seconds=round(time.process_time() - start, 2))
    assert segments >= count


def test_render_cli_streams_in_constant_memory(
    benchmark: BenchmarkFixture, corpus: dict[int, Path], tmp_path: Path
) -> None:
    """The command over every contact; peak memory recorded, compared with 1/100th."""
    benchmark.group = GROUP
    count = _size(benchmark)
    big = _contacts(corpus, tmp_path, count)
    small = _contacts(corpus, tmp_path, count // 100)
    baseline = _run_cli(tmp_path, small)
    result: dict[str, Any] = benchmark.pedantic(  # type: ignore[no-untyped-call]
        _run_cli, args=(tmp_path, big), rounds=1, iterations=1
    )
    assert result["code"] == 0, result["err"]
    assert result["out"].startswith("total: ")
    assert f"for {count} recipients" in result["out"]
    with result["messages"].open(encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    assert first["id"] == "c-0000000"
    benchmark.extra_info.update(
        contacts=count,
        peak_kib=result["peak_kib"],
        seconds=round(result["seconds"], 2),
        cpu_seconds=round(result["cpu_seconds"], 2),
        baseline_contacts=count // 100,
        baseline_peak_kib=baseline["peak_kib"],
    )
    assert result["peak_kib"] < 1.5 * baseline["peak_kib"], (result, baseline)
