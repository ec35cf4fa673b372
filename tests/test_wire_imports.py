"""The codec is a leaf: importing the wire modules (or the CLI) does not register it."""

from __future__ import annotations

import ast
import importlib
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


#: The public names of the wire modules before smsparts.pdu became a package.
BEFORE_THE_SPLIT = {
    "smsparts.pdu": (
        "DCS_8BIT DCS_GSM7 DCS_UCS2 ESM_CLASS_UDHI Alphabet EncodedSegment ParsedTpdu "
        "Reassembly SmsDeliver SmsSubmit SubmitPdu SubmitSm UserData build_submit "
        "dcs_alphabet decode_user_data encode_message parse_tpdu reassemble "
        "relative_validity relative_validity_period"
    ),
    "smsparts.udh": (
        "IEI_CONCAT_8BIT IEI_CONCAT_16BIT IEI_NATIONAL_LOCKING_SHIFT IEI_NATIONAL_SINGLE_SHIFT "
        "Concatenation InformationElement UserDataHeader"
    ),
    "smsparts.address": "TOA_ALPHANUMERIC TOA_INTERNATIONAL TOA_UNKNOWN Address",
}


@pytest.mark.parametrize("module", sorted(BEFORE_THE_SPLIT))
def test_public_names_kept(module: str) -> None:
    """Every name a wire module exported before the split is still in its __all__."""
    imported = importlib.import_module(module)
    for name in BEFORE_THE_SPLIT[module].split():
        assert name in imported.__all__, name
        assert getattr(imported, name) is not None


def test_constants_kept_outside_all() -> None:
    """Constants importable from smsparts.pdu before the split still import from there."""
    from smsparts.pdu import (
        MAX_GSM7_UDL,
        MAX_USER_DATA_OCTETS,
        MTI_DELIVER,
        MTI_SUBMIT,
        VPF_RELATIVE,
    )

    assert (MAX_USER_DATA_OCTETS, MAX_GSM7_UDL, MTI_DELIVER, MTI_SUBMIT, VPF_RELATIVE) == (
        140,
        160,
        0,
        1,
        2,
    )
