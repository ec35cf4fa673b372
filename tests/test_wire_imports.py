"""The codec is a leaf: importing the wire modules (or the CLI) does not register it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "smsparts"


@pytest.mark.parametrize(
    "module",
    ["smsparts.pdu", "smsparts.address", "smsparts.udh", "smsparts.cli"],
)
def test_import_leaves_codec_unregistered(module: str) -> None:
    """In a fresh interpreter, importing the module leaves codecs.lookup('gsm-7') failing."""
    script = (
        f"import codecs, {module}\n"
        "try:\n    codecs.lookup('gsm-7')\nexcept LookupError:\n    print('unregistered')\n"
        "else:\n    print('registered')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "unregistered"


def _imports_codec(path: Path) -> list[int]:
    """Lines of ``path`` that import smsparts.codec (relatively or absolutely)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base]) if base else ".".join(parent)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        if any(name == "smsparts.codec" for name in names):
            lines.append(node.lineno)
    return lines


def test_nothing_inside_imports_the_codec() -> None:
    """No module of smsparts but codec.py itself imports smsparts.codec (STYLE.md)."""
    offenders = {
        str(path.relative_to(SRC)): lines
        for path in SRC.rglob("*.py")
        if path.name != "codec.py" and (lines := _imports_codec(path))
    }
    assert offenders == {}
