"""Transcribe ../shared/spec/gsm0338-tables.json into tools/data/*.txt (one line per code).

This is a maintainer tool, run once when the shared spec data changes; nothing at run
time or in the tests reads ../shared.  The output is the source of truth that
``tools/gen_tables.py`` turns into ``src/smsparts/_tables.py``.

Usage: python tools/transcribe_spec.py [PATH/TO/gsm0338-tables.json]
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "spec" / "gsm0338-tables.json"

# Encoder decisions recorded in ../shared/spec/README.md section 1.4: a septet the
# encoder must never emit (its meaning differs between the spec and Android).
DECODE_ONLY = {("kannada", "locking", 0x24)}


def char_name(ch: str) -> str:
    """Unicode name, or the formal alias for unnamed controls (LINE FEED, ...)."""
    name = unicodedata.name(ch, "")
    if name:
        return name
    aliases = {
        "\n": "LINE FEED",
        "\r": "CARRIAGE RETURN",
        "\x0c": "FORM FEED",
    }
    return aliases[ch]


def line(septet: int, ch: str, flag: str = "") -> str:
    text = f"0x{septet:02X}  U+{ord(ch):04X}  {char_name(ch)}"
    return f"{text}  [{flag}]" if flag else text


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    data = json.loads(source.read_text(encoding="utf-8"))
    out = HERE / "data"
    out.mkdir(exist_ok=True)
    for key, table in data.items():
        if not isinstance(table, dict) or "id" not in table:
            continue
        ident = table["id"]
        clauses = table["spec_clause"]
        if table["locking"] is not None:
            rows = [
                f"# {table['name']}: locking shift table (3GPP TS 23.038 {clauses['locking']})",
                f"# language id {ident}; septet 0x1B is ESC and is not listed; "
                "undefined septets are not listed",
                "# source: shared/spec/gsm0338-tables.json (majority of five sources)",
            ]
            for septet, ch in enumerate(table["locking"]):
                if ch is None:
                    continue
                flag = "decode-only" if (key, "locking", septet) in DECODE_ONLY else ""
                rows.append(line(septet, ch, flag))
            (out / f"{ident:02d}-{key}-locking.txt").write_text(
                "\n".join(rows) + "\n", encoding="utf-8"
            )
        rows = [
            f"# {table['name']}: single shift table (3GPP TS 23.038 {clauses['single']}),"
            " reached by ESC (0x1B) + septet",
            f"# language id {ident}; 0x0D (CR2) and 0x1B (SS2) are not characters; "
            "undefined septets are not listed",
            "# source: shared/spec/gsm0338-tables.json (majority of five sources)",
        ]
        for code, ch in sorted(table["single"].items(), key=lambda kv: int(kv[0], 16)):
            septet = int(code, 16)
            flag = "decode-only" if (key, "single", septet) in DECODE_ONLY else ""
            rows.append(line(septet, ch, flag))
        (out / f"{ident:02d}-{key}-single.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
