"""Generate ``src/smsparts/_translit_tables.py`` from ``tools/data/translit-*.txt``.

Each data file holds the table of one transliteration level, one line per character::

    U+2019  U+0027  RIGHT SINGLE QUOTATION MARK
    U+2026  U+002E U+002E U+002E  HORIZONTAL ELLIPSIS
    U+00AD  -  SOFT HYPHEN

(the character's code point, its replacement's code points or ``-`` for removal, the
character's Unicode name or name alias, and an optional ``# note``).

The ``ascii`` level also strips the accents the default alphabet lacks.  Those entries
are derived here, at generation time, from the canonical decompositions of the Latin
letters (U+00C0..U+024F and U+1E00..U+1EFF) in :mod:`unicodedata`: a letter outside the
default alphabet whose decomposition is a base letter of the alphabet followed by
combining marks becomes the longest prefix of that decomposition that composes to a
letter of the alphabet (``ǘ`` -> ``ü``, ``ê`` -> ``e``).  The derived entries are written
into the generated module one per line, so they are reviewed and tested as data.

The generator also writes the table listing of ``docs/transliteration-tables.md``.

Usage: ``python tools/gen_translit.py`` (writes both files) or
``python tools/gen_translit.py --check`` (exit 1 if a committed file differs).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generated import write_or_check

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tools" / "data"
TARGET = ROOT / "src" / "smsparts" / "_translit_tables.py"
DOCS = ROOT / "docs" / "transliteration-tables.md"
sys.path.insert(0, str(ROOT / "src"))

from smsparts.charset import DEFAULT  # noqa: E402

LEVELS = ("typography", "accents", "ascii")
LINE_RE = re.compile(
    r"^U\+([0-9A-F]{4,6})  (-|U\+[0-9A-F]{4,6}(?: U\+[0-9A-F]{4,6})*)  ([A-Z0-9 ()\-]+?)"
    r"(?:  # (.+))?$"
)
#: Latin blocks whose precomposed letters the ascii level strips of their accents.
STRIP_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


@dataclass(frozen=True)
class Entry:
    """One table line: ``source`` becomes ``target``."""

    source: str
    target: str
    name: str
    note: str = ""


def parse_file(path: Path) -> list[Entry]:
    """Parse one data file; raise ValueError naming the line on bad input."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw or raw.startswith("#"):
            continue
        row = LINE_RE.match(raw)
        if row is None:
            raise ValueError(f"{path.name}:{number}: cannot parse {raw!r}")
        source = chr(int(row[1], 16))
        if source in seen:
            raise ValueError(f"{path.name}:{number}: repeated U+{ord(source):04X}")
        seen.add(source)
        target = "" if row[2] == "-" else "".join(chr(int(c[2:], 16)) for c in row[2].split())
        entries.append(Entry(source, target, row[3], row[4] or ""))
    return entries


def derive_strip(taken: set[str]) -> list[Entry]:
    """The accent-stripping entries of the ascii level, from canonical decompositions."""
    entries = []
    for first, last in STRIP_RANGES:
        for code in range(first, last + 1):
            ch = chr(code)
            if ch in taken or ch in DEFAULT.encoding_map:
                continue
            if not unicodedata.category(ch).startswith("L"):
                continue
            nfd = unicodedata.normalize("NFD", ch)
            base, marks = nfd[0], nfd[1:]
            if not marks or base not in DEFAULT.basic:
                continue
            if not all(unicodedata.category(m) == "Mn" for m in marks):
                continue
            # Keep as many marks as the alphabet allows: ǘ (u, diaeresis, acute) -> ü.
            for keep in range(len(marks) - 1, -1, -1):
                target = unicodedata.normalize("NFC", base + marks[:keep])
                if target in DEFAULT.basic:
                    break
            entries.append(Entry(ch, target, unicodedata.name(ch), "derived"))
    return entries


def load() -> dict[str, list[Entry]]:
    """Every level's own entries, the derived ones as level ``"strip"``."""
    tables = {level: parse_file(DATA / f"translit-{level}.txt") for level in LEVELS}
    taken = {e.source for entries in tables.values() for e in entries}
    tables["strip"] = derive_strip(taken)
    return tables


def _literal(text: str) -> str:
    """A double-quoted literal; anything but letters, digits, space and safe ASCII escaped."""
    out = []
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in " .-'!#$%&()*+,/:;<=>?@[]^_{|}~"):
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _shown(text: str) -> str:
    """How a replacement reads in a comment or the docs."""
    if not text:
        return "(removed)"
    return "".join(
        ch if unicodedata.category(ch)[0] in "LNPS" else f"<U+{ord(ch):04X}>" for ch in text
    )


_TITLES = {
    "typography": "TYPOGRAPHY: Final[dict[str, str]]",
    "accents": "ACCENTS: Final[dict[str, str]]",
    "ascii": "ASCII: Final[dict[str, str]]",
    "strip": "ASCII_STRIP: Final[dict[str, str]]",
}
_COMMENTS = {
    "typography": "Level typography: no reader notices (tools/data/translit-typography.txt).",
    "accents": "Level accents, added to typography (tools/data/translit-accents.txt).",
    "ascii": "Level ascii, added to accents: what no decomposition gives "
    "(tools/data/translit-ascii.txt).",
    "strip": "Level ascii, added to accents: accents stripped, derived by tools/gen_translit.py"
    f"\n# from the decompositions of unicodedata {unicodedata.unidata_version}.",
}


def render_module(tables: dict[str, list[Entry]]) -> str:
    """The text of ``_translit_tables.py``."""
    out = [
        "# Generated by tools/gen_translit.py from tools/data/translit-*.txt: do not edit.",
        '"""Transliteration tables of :mod:`smsparts.transliteration`, one entry per line.',
        "",
        "Each maps a character outside the GSM 7-bit default alphabet to its replacement",
        "(empty: removed); the comment names the character and shows the replacement.",
        '"""',
        "",
        "from typing import Final",
        "",
        f'UNIDATA_VERSION: Final = "{unicodedata.unidata_version}"',
    ]
    for level in ("typography", "accents", "ascii", "strip"):
        out += ["", f"# {_COMMENTS[level]}", f"{_TITLES[level]} = {{"]
        for e in tables[level]:
            out.append(
                f"    {_literal(e.source)}: {_literal(e.target)},  # {e.name} -> {_shown(e.target)}"
            )
        out.append("}")
    out.append("")
    return "\n".join(out)


def render_docs(tables: dict[str, list[Entry]]) -> str:
    """The text of ``docs/transliteration-tables.md``."""
    out = [
        "<!-- Generated by tools/gen_translit.py from tools/data/translit-*.txt: do not edit. -->",
        "# Transliteration tables",
        "",
        "The tables of [smart encoding](transliteration.md), one row per character.  The levels",
        "are cumulative: `accents` applies the typography table too, and `ascii` all four tables.",
        "",
    ]
    titles = {
        "typography": "Level `typography`",
        "accents": "Level `accents`",
        "ascii": "Level `ascii`: letters without a decomposition, ligatures, Greek",
        "strip": "Level `ascii`: accents stripped "
        f"(derived from Unicode {unicodedata.unidata_version} decompositions)",
    }
    for level in ("typography", "accents", "ascii", "strip"):
        out += [f"## {titles[level]}", "", "| code point | character | name | becomes |"]
        out.append("| --- | --- | --- | --- |")
        for e in tables[level]:
            glyph = _shown(e.source).replace("|", "\\|").replace("`", "\\`")
            target = _shown(e.target).replace("|", "\\|").replace("`", "\\`")
            out.append(f"| U+{ord(e.source):04X} | {glyph} | {e.name} | {target} |")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    tables = load()
    outputs = {TARGET: render_module(tables), DOCS: render_docs(tables)}
    return write_or_check(outputs, argv, "tools/gen_translit.py")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
