"""docs/api.md is generated from the code and must not drift from it."""

from __future__ import annotations

import sys
from pathlib import Path

import smsparts

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_api_docs  # noqa: E402


def test_api_page_matches_the_code() -> None:
    """The committed API page is what tools/gen_api_docs.py writes now."""
    assert (ROOT / "docs" / "api.md").read_text(encoding="utf-8") == gen_api_docs.render()


def test_every_public_name_is_documented() -> None:
    """Each name of smsparts.__all__ has a docstring summary on the page."""
    page = gen_api_docs.render()
    for name in smsparts.__all__:
        if not name.startswith("__"):
            assert f"- `{name}" in page, name
