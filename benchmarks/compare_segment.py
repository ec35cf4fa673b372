"""Before/after ratios of analyze() to the UTF-16 floor, timed in one run.

Usage (from the repository root, with an older commit checked out or exported):

    git worktree add /tmp/before <commit>        # or: git archive <commit> | tar -x -C ...
    .venv/bin/python -m benchmarks.compare_segment /tmp/before/src/smsparts

The older package is copied under the name ``smsparts_before`` (its imports are
relative), so both versions run in the same process.  Each round times, per corpus, the
floor ``len(t.encode("utf-16-le"))``, the old ``analyze`` and the new one, alternated,
in CPU time (``time.process_time``: time spent waiting for a shared core is not
counted); the minimum over the rounds is reported as a ratio to the floor.
"""

from __future__ import annotations

import gc
import importlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import smsparts

from .corpora import corpus, utf16_floor

CORE = ["short_gsm", "long_gsm_extension", "french", "emoji_ucs2", "mixed_3000"]


def _load_before(path: Path) -> Any:
    target = Path(tempfile.mkdtemp()) / "smsparts_before"
    shutil.copytree(path, target)
    sys.path.insert(0, str(target.parent))
    return importlib.import_module("smsparts_before")


def _counter(analyze: Callable[[str], Any]) -> Callable[[list[str]], int]:
    return lambda texts: sum(analyze(t).segments for t in texts)


def main(argv: list[str]) -> int:
    """Print one line per corpus: before and after ratios to the floor."""
    before = _load_before(Path(argv[0]))
    rounds = int(argv[1]) if len(argv) > 1 else 30
    for name in CORE:
        texts = corpus(name)
        calls: dict[str, Callable[[list[str]], int]] = {
            "floor": utf16_floor,
            "before": _counter(before.analyze),
            "after": _counter(smsparts.analyze),
        }
        assert calls["before"](texts) == calls["after"](texts)
        best = dict.fromkeys(calls, float("inf"))
        for _ in range(rounds):
            for label, call in calls.items():
                gc.collect()
                start = time.process_time()
                call(texts)
                best[label] = min(best[label], time.process_time() - start)
        floor = best["floor"]
        print(
            f"{name:20s} before {best['before'] / floor:5.2f}x  "
            f"after {best['after'] / floor:5.2f}x  floor {floor * 1e3:.3f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
