"""Write generated files, or check that the committed ones are up to date (``--check``)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path


def write_or_check(outputs: Mapping[Path, str], argv: list[str], tool: str) -> int:
    """Write each path's text, or with ``--check`` in ``argv`` report stale ones (exit 1)."""
    if "--check" in argv:
        stale = [p for p, text in outputs.items() if p.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path} differs from what {tool} writes", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    return 0
