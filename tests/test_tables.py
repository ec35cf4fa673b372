"""The generated tables: no drift from tools/data, names checked against unicodedata."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from smsparts import _tables

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_tables  # noqa: E402

TABLES = gen_tables.load_tables()


def test_committed_module_matches_generator() -> None:
    """src/smsparts/_tables.py is exactly what tools/gen_tables.py writes."""
    committed = (ROOT / "src" / "smsparts" / "_tables.py").read_text(encoding="utf-8")
    assert committed == gen_tables.render(TABLES)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"{t.language}-{t.kind}")
def test_names_match_unicodedata(table: gen_tables.Table) -> None:
    """Every transcribed line names its character as unicodedata does (or by alias)."""
    for septet, ch in table.chars.items():
        name = table.names[septet]
        official = unicodedata.name(ch, None)
        if official is None:
            assert unicodedata.lookup(name) == ch, (table.language, hex(septet))
        else:
            assert official == name, (table.language, hex(septet))


def test_all_languages_present() -> None:
    """Default plus 13 national languages; Spanish alone has no locking table."""
    assert sorted(_tables.SINGLE) == list(range(14))
    assert sorted(_tables.LOCKING) == [0, 1, *range(3, 14)]


@pytest.mark.parametrize("table", [*_tables.LOCKING.values(), *_tables.SINGLE.values()])
def test_decoding_strings_are_128_septets_with_esc_undefined(table: str) -> None:
    """Each table maps 128 septets and never gives 0x1B a character."""
    assert len(table) == 128
    assert table[0x1B] == "\ufffe"


def test_default_alphabet_spot_checks() -> None:
    """23.038 6.2.1: '@' at 0x00, capital C-cedilla at 0x09, Delta at 0x10, 'à' at 0x7F."""
    default = _tables.LOCKING[0]
    assert (default[0x00], default[0x09], default[0x10], default[0x7F]) == ("@", "Ç", "Δ", "à")
    assert "ç" not in default
    assert "\u00a0" not in default


def test_extension_table_has_the_ten_characters() -> None:
    """23.038 6.2.1.1: form feed, ^ { } \\ [ ~ ] | and the euro sign at 0x65."""
    ext = {s: ch for s, ch in enumerate(_tables.SINGLE[0]) if ch != "\ufffe"}
    assert ext == {
        0x0A: "\x0c",
        0x14: "^",
        0x28: "{",
        0x29: "}",
        0x2F: "\\",
        0x3C: "[",
        0x3D: "~",
        0x3E: "]",
        0x40: "|",
        0x65: "€",
    }


def test_decode_only_marks_kannada_locking_0x24() -> None:
    """The one septet whose meaning differs between the spec and Android is decode-only."""
    assert frozenset({(7, "locking", 0x24)}) == _tables.DECODE_ONLY
    assert _tables.LOCKING[7][0x24] == _tables.LOCKING[7][0x3D] == "\u0caa"


def test_parser_rejects_bad_lines(tmp_path: Path) -> None:
    """A malformed data line is reported with its file and line number."""
    bad = tmp_path / "00-default-single.txt"
    bad.write_text("0x0A  U+000C  FORM FEED\n0x0A  U+000C  FORM FEED\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"00-default-single.txt:2: bad or repeated septet 0x0A"):
        gen_tables.parse_file(bad)
    bad.write_text("0x0A U+000C FORM FEED\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r":1: cannot parse"):
        gen_tables.parse_file(bad)
