"""Smart encoding: the transliteration tables entry by entry, the levels, the report."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smsparts import Encoding, InvalidCharacter, InvalidOption, analyze
from smsparts import _translit_tables as tables
from smsparts.charset import DEFAULT
from smsparts.transliteration import (
    CharacterSavings,
    Level,
    Replacement,
    Transliteration,
    savings_report,
    transliterate,
    transliterate_text,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import gen_translit  # noqa: E402

from . import scaling  # noqa: E402

DATA = gen_translit.load()
FRENCH = "Garçon, l’été à Noël…"
LEVELS = [Level.TYPOGRAPHY, Level.ACCENTS, Level.ASCII]
#: The level each generator table belongs to.
TABLE_LEVEL = {
    "typography": Level.TYPOGRAPHY,
    "accents": Level.ACCENTS,
    "ascii": Level.ASCII,
    "strip": Level.ASCII,
}
ENTRIES = [(name, e) for name, entries in DATA.items() for e in entries]


def entry_id(item: tuple[str, gen_translit.Entry]) -> str:
    return f"{item[0]}-U+{ord(item[1].source):04X}"


# --- the generated module and docs --------------------------------------------------


def test_committed_module_matches_generator() -> None:
    """src/smsparts/_translit_tables.py is exactly what tools/gen_translit.py writes."""
    committed = gen_translit.TARGET.read_text(encoding="utf-8")
    assert committed == gen_translit.render_module(DATA)


def test_committed_docs_table_matches_generator() -> None:
    """docs/transliteration-tables.md is exactly what tools/gen_translit.py writes."""
    committed = gen_translit.DOCS.read_text(encoding="utf-8")
    assert committed == gen_translit.render_docs(DATA)


def test_generated_dicts_hold_the_data_files() -> None:
    """Each generated dict holds exactly the entries of its data file (or derivation)."""
    generated = {
        "typography": tables.TYPOGRAPHY,
        "accents": tables.ACCENTS,
        "ascii": tables.ASCII,
        "strip": tables.ASCII_STRIP,
    }
    for name, entries in DATA.items():
        assert generated[name] == {e.source: e.target for e in entries}, name


def test_tables_do_not_overlap() -> None:
    """No character is in two tables, so the cumulative levels never disagree."""
    seen: set[str] = set()
    for entries in DATA.values():
        sources = {e.source for e in entries}
        assert not (sources & seen)
        seen |= sources


def test_parse_rejects_a_bad_line(tmp_path: Path) -> None:
    """A malformed data line is reported with its file and line number."""
    path = tmp_path / "translit-typography.txt"
    path.write_text("# comment\nU+2019 U+0027 RIGHT SINGLE QUOTATION MARK\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"translit-typography\.txt:2: cannot parse"):
        gen_translit.parse_file(path)


def test_parse_rejects_a_repeated_character(tmp_path: Path) -> None:
    """A character listed twice in one file is an error."""
    path = tmp_path / "translit-typography.txt"
    line = "U+2019  U+0027  RIGHT SINGLE QUOTATION MARK\n"
    path.write_text(line + line, encoding="utf-8")
    with pytest.raises(ValueError, match="repeated U\\+2019"):
        gen_translit.parse_file(path)


# --- every entry ----------------------------------------------------------------------


@pytest.mark.parametrize(("table", "entry"), ENTRIES, ids=[entry_id(x) for x in ENTRIES])
def test_entry(table: str, entry: gen_translit.Entry) -> None:
    """Each entry: named right, forces UCS-2, maps into the alphabet, applied at its level."""
    ch, target = entry.source, entry.target
    official = unicodedata.name(ch, None)
    if official is not None:
        assert official == entry.name
    assert unicodedata.lookup(entry.name) == ch  # a name alias for controls (tab)
    # Only characters that force UCS-2 are replaced, by characters of the alphabet
    # (default table or its extension), none of them replaced again.
    assert ch not in DEFAULT.encoding_map
    assert DEFAULT.septets(target) is not None
    assert not any(c in gen_translit_sources() for c in target)
    # NFC keeps the character (else the entry could never apply).
    assert unicodedata.is_normalized("NFC", ch)
    level = TABLE_LEVEL[table]
    assert transliterate_text(ch, level=level) == target
    assert transliterate_text(ch, level=Level.ASCII) == target
    for lower in LEVELS[: LEVELS.index(level)]:
        assert transliterate_text(ch, level=lower) == ch


_SOURCES: set[str] = set()


def gen_translit_sources() -> set[str]:
    if not _SOURCES:
        _SOURCES.update(e.source for _, e in ENTRIES)
    return _SOURCES


@pytest.mark.parametrize(
    "entry", DATA["strip"], ids=[f"U+{ord(e.source):04X}" for e in DATA["strip"]]
)
def test_strip_entry_keeps_the_base_letter(entry: gen_translit.Entry) -> None:
    """A stripped letter becomes its base letter plus the marks the alphabet has."""
    nfd = unicodedata.normalize("NFD", entry.source)
    assert entry.target in DEFAULT.basic
    assert nfd.startswith(unicodedata.normalize("NFD", entry.target))
    assert entry.note == "derived"


def test_accents_table_is_every_capital_whose_lowercase_is_in_the_alphabet() -> None:
    """The accents level holds c-cedilla and exactly the capitals with a GSM lowercase."""
    capitals = {
        ch
        for ch in map(chr, range(0x10000))
        if ch not in DEFAULT.encoding_map
        and unicodedata.is_normalized("NFC", ch)
        and len(ch.lower()) == 1
        and ch.lower() != ch
        and ch.lower() in DEFAULT.basic
    }
    assert set(tables.ACCENTS) == capitals | {"ç"}
    assert capitals == set("ÀÈÌÒÙ\u1e9e")


# Written from the French alphabet and the default alphabet (23.038 6.2.1), not from
# the tables: what a French text needs at each level.
HAND_WRITTEN = [
    ("’", Level.TYPOGRAPHY, "'"),
    ("‘", Level.TYPOGRAPHY, "'"),
    ("“", Level.TYPOGRAPHY, '"'),
    ("”", Level.TYPOGRAPHY, '"'),
    ("«", Level.TYPOGRAPHY, '"'),
    ("»", Level.TYPOGRAPHY, '"'),
    ("′", Level.TYPOGRAPHY, "'"),
    ("″", Level.TYPOGRAPHY, '"'),
    ("–", Level.TYPOGRAPHY, "-"),
    ("—", Level.TYPOGRAPHY, "-"),
    ("\u2212", Level.TYPOGRAPHY, "-"),
    ("…", Level.TYPOGRAPHY, "..."),
    ("\t", Level.TYPOGRAPHY, " "),
    ("\u00a0", Level.TYPOGRAPHY, " "),
    ("\u202f", Level.TYPOGRAPHY, " "),
    ("\u2009", Level.TYPOGRAPHY, " "),
    ("\u3000", Level.TYPOGRAPHY, " "),
    ("\u00ad", Level.TYPOGRAPHY, ""),
    ("\u200b", Level.TYPOGRAPHY, ""),
    ("\ufeff", Level.TYPOGRAPHY, ""),
    ("\u2060", Level.TYPOGRAPHY, ""),
    ("\u2028", Level.TYPOGRAPHY, "\n"),
    ("ﬁ", Level.TYPOGRAPHY, "fi"),
    ("ＡＢＣ１２３！", Level.TYPOGRAPHY, "ABC123!"),
    ("｛＼｝", Level.TYPOGRAPHY, "{\\}"),
    ("ç", Level.ACCENTS, "Ç"),
    ("À", Level.ACCENTS, "à"),
    ("È", Level.ACCENTS, "è"),
    ("Ì", Level.ACCENTS, "ì"),
    ("Ò", Level.ACCENTS, "ò"),
    ("Ù", Level.ACCENTS, "ù"),
    ("âêîôû", Level.ASCII, "aeiou"),
    ("ÂÊÎÔÛ", Level.ASCII, "AEIOU"),
    ("ëïÿ", Level.ASCII, "eiy"),
    ("ËÏŸ", Level.ASCII, "EIY"),
    ("œŒ", Level.ASCII, "oeOE"),
    ("æÆ", Level.ASCII, "æÆ"),  # in the default alphabet (0x1D, 0x1C): kept
    ("éÉèàùìòÇ", Level.ASCII, "éÉèàùìòÇ"),  # idem
    ("αβγδεζηθ", Level.ASCII, "ABΓΔEZHΘ"),
    ("ικλμνξοπ", Level.ASCII, "IKΛMNΞOΠ"),
    ("ρσςτυφχψω", Level.ASCII, "PΣΣTYΦXΨΩ"),
    ("άώΏ", Level.ASCII, "AΩΩ"),
    ("ǘ", Level.ASCII, "ü"),  # keeps the diaeresis the alphabet has
    ("ł", Level.ASCII, "l"),
]


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    HAND_WRITTEN,
    ids=[f"{lv}-{'+'.join(f'U+{ord(c):04X}' for c in t[:3])}" for t, lv, _ in HAND_WRITTEN],
)
def test_hand_written_expectations(text: str, level: Level, expected: str) -> None:
    """Characters a French (or Greek) text meets, with the result each level must give."""
    assert transliterate_text(text, level=level) == expected


# --- the French cases ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        # typography: ’ -> ', … -> ...; ç and ë are letters, left to the later levels.
        (Level.TYPOGRAPHY, "Garçon, l'été à Noël..."),
        # accents adds ç -> Ç (0x09 of the default alphabet); ë is still outside it.
        (Level.ACCENTS, "GarÇon, l'été à Noël..."),
        # ascii adds ë -> e; é and à are in the alphabet (0x05, 0x7F) and stay.
        (Level.ASCII, "GarÇon, l'été à Noel..."),
    ],
    ids=["typography", "accents", "ascii"],
)
def test_french_at_each_level(level: Level, expected: str) -> None:
    """ "Garçon, l’été à Noël…" at each level, forced, and with its replacements."""
    assert transliterate_text(FRENCH, level=level) == expected
    forced = transliterate(FRENCH, level=level, force=True)
    assert forced.text == expected
    assert forced.level is level
    assert forced.before.encoding is Encoding.UCS2
    assert forced.before.units == 21


def test_french_replacements_at_ascii() -> None:
    """Every replacement names its index in the original: ç 3, ’ 9, ë 18, … 20."""
    result = transliterate(FRENCH, level="ascii")
    assert result.replacements == (
        Replacement(3, "ç", "Ç"),
        Replacement(9, "’", "'"),
        Replacement(18, "ë", "e"),
        Replacement(20, "…", "..."),
    )
    assert result.replacements[3].end == 21


def test_french_default_rule_applies_only_the_level_that_pays() -> None:
    """Typography and accents leave UCS-2 (ç / ë remain): not applied; ascii reaches GSM-7."""
    for level in (Level.TYPOGRAPHY, Level.ACCENTS):
        result = transliterate(FRENCH, level=level)
        assert result.level is None
        assert not result.applied
        assert result.text == FRENCH
        assert result.replacements == ()
        assert result.after is result.before
    result = transliterate(FRENCH, level=Level.ASCII)
    assert result.applied
    assert result.text == "GarÇon, l'été à Noel..."
    # 21 UTF-16 code units in one segment -> 23 septets (… is 3) in one segment.
    assert (result.after.encoding, result.after.units, result.after.segments) == (
        Encoding.GSM7,
        23,
        1,
    )
    assert result.segments_saved == 0
    assert result.unmappable == ()


def test_emoji_text_stays_untouched() -> None:
    """A text that stays UCS-2 for an emoji is left as is at every level."""
    text = "C’est parti 🎉"
    for level in LEVELS:
        result = transliterate(text, level=level)
        assert result.text == text
        assert result.level is None
        assert result.unmappable == ((12, "🎉"),)


def test_emoji_joiners_are_kept_when_forced() -> None:
    """ZWJ and VS16 inside emoji sequences survive every level, even forced."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    heart = "\u2764\ufe0f"
    keycap = "1\ufe0f\u20e3"
    text = f"{family} {heart} {keycap} l’équipe"
    for level in LEVELS:
        result = transliterate(text, level=level, force=True)
        assert result.text == f"{family} {heart} {keycap} l'équipe"


def test_tab_becomes_one_space() -> None:
    """A tab becomes one space, not several (unlike Twilio's smart encoding)."""
    result = transliterate("Nom:\tDupont")
    assert result.text == "Nom: Dupont"
    assert result.after.encoding is Encoding.GSM7
    assert result.after.units == 11


def test_unicode_spaces_become_one_space() -> None:
    """No-break and narrow no-break spaces (French typography) become one space each."""
    assert transliterate("Prix\u00a0: 5\u202f€").text == "Prix : 5 €"


def test_decomposed_accent_becomes_the_gsm_letter() -> None:
    """NFC first: e + COMBINING ACUTE becomes the é of the alphabet (0x05)."""
    result = transliterate("e\u0301te\u0301")
    assert result.text == "été"
    assert result.replacements == (
        Replacement(0, "e\u0301", "é"),
        Replacement(3, "e\u0301", "é"),
    )
    assert result.after.encoding is Encoding.GSM7


def test_decomposed_letter_then_table() -> None:
    """A decomposed ê is composed then stripped at ascii: one replacement e+◌̂ -> e."""
    assert transliterate("fe\u0302te", level="ascii").replacements == (
        Replacement(1, "e\u0302", "e"),
    )


def test_stray_combining_mark_is_stripped_at_ascii_only() -> None:
    """A mark with no precomposed letter (q + acute) stays until the ascii level."""
    assert transliterate_text("q\u0301", level="accents") == "q\u0301"
    assert transliterate_text("q\u0301", level="ascii") == "q"


def test_fullwidth_letter_with_mark_reaches_a_fixed_point() -> None:
    """Ａ + acute: the table makes A + acute, which NFC composes into Á, then A at ascii."""
    assert transliterate_text("\uff21\u0301", level="typography") == "\u00c1"
    assert transliterate_text("\uff21\u0301", level="ascii") == "A"


def test_zero_width_joiner_between_latin_letters_is_removed() -> None:
    """ZWJ and ZWNJ between letters of the alphabet carry nothing: removed."""
    assert transliterate_text("a\u200db\u200cc\u200d") == "abc"


def test_zwnj_in_persian_is_kept() -> None:
    """ZWNJ shapes a Persian word (mi-khaham): kept, even forced at ascii."""
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert transliterate(text, level="ascii", force=True).text == text


def test_zwj_in_devanagari_is_kept() -> None:
    """ZWJ selects a half form in Devanagari: kept."""
    text = "\u0915\u094d\u200d\u0937"
    assert transliterate_text(text, level="ascii") == text


def test_bidi_marks_removed_only_without_right_to_left_text() -> None:
    """LRM in a Latin text is removed; RLM in a Hebrew text stays."""
    assert transliterate_text("Hello\u200e world") == "Hello world"
    hebrew = "\u05e9\u05dc\u05d5\u05dd\u200f 123"
    assert transliterate_text(hebrew, level="ascii") == hebrew


def test_greek_with_joiner_between_mapped_letters() -> None:
    """Joiners are judged after the table: ζ ZWJ α becomes Z A, then the ZWJ goes."""
    result = transliterate("\u03b6\u200d\u03b1", level="ascii")
    assert result.text == "ZA"
    assert result.replacements == (
        Replacement(0, "\u03b6", "Z"),
        Replacement(1, "\u200d", ""),
        Replacement(2, "\u03b1", "A"),
    )


# --- the default rule ---------------------------------------------------------------


def test_gsm7_text_is_returned_unchanged() -> None:
    """A text already in GSM-7 is not touched, and reports nothing."""
    result = transliterate("Bonjour à tous !", level="ascii")
    assert result.text == "Bonjour à tous !"
    assert result.level is None
    assert result.after is result.before
    assert savings_report("Bonjour à tous !") == ()


def test_level_that_lowers_segments_is_applied() -> None:
    """15 curly apostrophes in 90 characters: 2 UCS-2 segments become 1 GSM-7 segment."""
    text = "l’été " * 15
    result = transliterate(text)
    assert result.before.segments == 2
    assert result.after.segments == 1
    assert result.segments_saved == 1
    assert result.text == "l'été " * 15
    assert len(result.replacements) == 15


def test_level_that_would_cost_more_is_not_applied_unless_forced() -> None:
    """68 units + … in UCS-2: … -> ... would make 72 units, two segments."""
    text = "😀" + "x" * 66 + "…"  # 2 + 66 + 1 = 69 code units: one segment
    assert analyze(text).segments == 1
    result = transliterate(text)
    assert result.level is None
    assert result.text == text
    forced = transliterate(text, force=True)
    assert forced.text == "😀" + "x" * 66 + "..."
    assert forced.after.segments == 2
    assert forced.segments_saved == -1


def test_force_with_nothing_to_replace_applies_no_level() -> None:
    """force on a text that no table changes reports no level: applied means changed."""
    result = transliterate("Bonjour 😀", level="ascii", force=True)
    assert (result.level, result.applied, result.replacements) == (None, False, ())
    assert result.text == "Bonjour 😀"
    assert result.unmappable == ((8, "😀"),)


def test_force_on_a_gsm7_text_with_national_tables() -> None:
    """force transliterates a text that Turkish tables already carry in GSM-7."""
    from smsparts import NationalLanguage

    text = "garçon ş"
    plain = transliterate(text, level="ascii", languages=[NationalLanguage.TURKISH])
    assert plain.before.encoding is Encoding.GSM7
    assert plain.level is None
    forced = transliterate(text, level="ascii", languages=[NationalLanguage.TURKISH], force=True)
    assert forced.text == "garÇon s"
    assert forced.after.locking_shift is None


def test_options_reach_analyze() -> None:
    """languages=, reference_bits= and boundary= are those of analyze(), before and after."""
    from smsparts import NationalLanguage

    # Portuguese tables hold ê and ã but not …: typography is all that route needs.
    portuguese = transliterate("Você é o campeão…", languages=[NationalLanguage.PORTUGUESE])
    assert portuguese.before.encoding is Encoding.UCS2  # … is in no table
    assert portuguese.level is Level.TYPOGRAPHY
    assert portuguese.text == "Você é o campeão..."
    assert portuguese.after.encoding is Encoding.GSM7
    assert portuguese.after.locking_shift is NationalLanguage.PORTUGUESE or (
        portuguese.after.single_shift is NationalLanguage.PORTUGUESE
    )
    wide = transliterate("l’été " * 40, reference_bits=16)
    assert wide.after == analyze("l'été " * 40, reference_bits=16)
    with pytest.raises(ValueError, match="boundary"):
        transliterate("l’été", boundary="word")  # type: ignore[arg-type]


def test_unmappable_lists_what_still_forces_ucs2() -> None:
    """Characters no level maps are listed with their index in the original."""
    result = transliterate("Ça coûte 5 ₽ ✓", level="typography")
    assert result.unmappable == ((11, "₽"), (13, "✓"))


def test_unmappable_index_after_a_removal() -> None:
    """Indexes of unmappable characters are in the original, before any removal."""
    result = transliterate("\u200b\u200b🎉")
    assert result.unmappable == ((2, "🎉"),)


def test_result_is_immutable() -> None:
    """A Transliteration is a frozen value."""
    result = transliterate(FRENCH)
    assert isinstance(result, Transliteration)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


# --- the savings report -----------------------------------------------------------


def test_savings_report_one_offender() -> None:
    """’ ×15 in 90 characters: replacing it alone saves one segment."""
    (entry,) = savings_report("l’été " * 15)
    assert entry == CharacterSavings("’", 15, tuple(range(1, 90, 6)), "'", Level.TYPOGRAPHY, 1)
    assert str(entry) == "’ ×15: saves 1 segment"


def test_savings_report_french() -> None:
    """Four offenders, in order of first occurrence; none alone leaves UCS-2."""
    report = savings_report(FRENCH)
    assert [(e.char, e.occurrences, e.replacement, e.level) for e in report] == [
        ("ç", 1, "Ç", Level.ACCENTS),
        ("’", 1, "'", Level.TYPOGRAPHY),
        ("ë", 1, "e", Level.ASCII),
        ("…", 1, "...", Level.TYPOGRAPHY),
    ]
    assert [e.segments_saved for e in report] == [0, 0, 0, 0]
    assert str(report[0]) == "ç ×1: saves nothing alone"


def test_savings_report_at_a_lower_level() -> None:
    """At typography, ç has no replacement and names the level that has one."""
    report = savings_report(FRENCH + " 😀", level="typography")
    assert [str(e) for e in report] == [
        "ç ×1: needs level accents",
        "’ ×1: saves nothing alone",
        "ë ×1: needs level ascii",
        "… ×1: saves nothing alone",
        "😀 ×1: no replacement at any level",
    ]


def test_savings_report_names_invisible_characters() -> None:
    """An invisible offender is shown by code point."""
    (entry,) = savings_report("a\u200bb " * 30)
    assert entry.replacement == ""
    assert str(entry) == "U+200B ×30: saves 1 segment"


def test_savings_report_can_be_negative() -> None:
    """Replacing … alone in a full UCS-2 segment costs a segment: reported as such."""
    (_, entry) = savings_report("😀" + "x" * 66 + "…")
    assert entry.char == "…"
    assert entry.segments_saved == -1
    assert str(entry) == "… ×1: costs 1 more segment"


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("level", ["latin", "", "ASCII"], ids=["latin", "empty", "case"])
def test_unknown_level_is_rejected(level: str) -> None:
    """An unknown level name is an InvalidOption naming the choices, from every function."""
    message = re.escape(f"level must be one of 'typography', 'accents', 'ascii', not {level!r}")
    functions: tuple[Any, ...] = (transliterate, transliterate_text, savings_report)
    for function in functions:
        with pytest.raises(InvalidOption, match=message):
            function("x", level=level)


@pytest.mark.parametrize("level", [3, None, b"ascii"], ids=["int", "none", "bytes"])
def test_level_of_a_wrong_type_is_a_type_error(level: object) -> None:
    """A level that is not a str is a TypeError, from every function."""
    functions: tuple[Any, ...] = (transliterate, transliterate_text, savings_report)
    for function in functions:
        with pytest.raises(TypeError, match="level must be a str"):
            function("x", level=level)


@pytest.mark.parametrize("force", [1, "yes", None], ids=["int", "str", "none"])
def test_force_must_be_a_bool(force: object) -> None:
    """force is a bool: anything else is a TypeError, not a truth test."""
    with pytest.raises(TypeError, match="force must be a bool"):
        transliterate("x’", force=force)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [5, b"abc", None], ids=["int", "bytes", "none"])
def test_text_of_a_wrong_type_is_a_type_error(text: object) -> None:
    """A text that is not a str is a TypeError, from every function."""
    functions: tuple[Any, ...] = (transliterate, transliterate_text, savings_report)
    for function in functions:
        with pytest.raises(TypeError):
            function(text)


def test_non_str_text_is_a_type_error() -> None:
    """Only str is transliterated."""
    with pytest.raises(TypeError):
        transliterate_text(b"x")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        transliterate(b"x")  # type: ignore[arg-type]


def test_lone_surrogate_is_invalid() -> None:
    """A lone surrogate is reported by position, as analyze() does."""
    with pytest.raises(InvalidCharacter):
        transliterate("a\ud800")


def test_empty_text() -> None:
    """The empty text is GSM-7 and returned as is."""
    result = transliterate("")
    assert (result.text, result.level, result.replacements) == ("", None, ())
    assert transliterate_text("", level="ascii") == ""


def test_levels_are_strings() -> None:
    """Level is a StrEnum: its values are the names the CLI takes."""
    assert [str(level) for level in Level] == ["typography", "accents", "ascii"]


# --- the command line -------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from smsparts.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_smart_analyzes_the_transliterated_text(capsys: pytest.CaptureFixture[str]) -> None:
    """analyze --smart ascii: the analysis of the new text, then every replacement."""
    code, out, _ = run_cli(capsys, "analyze", FRENCH, "--smart", "ascii")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "encoding:  gsm7"
    assert "units:     23 septets" in lines
    assert "smart:     level ascii applied: ucs2 1 -> gsm7 1 segment(s)" in lines
    assert lines[-4:] == [
        "  index 3: 'ç' -> 'Ç'",
        "  index 9: '’' -> \"'\"",
        "  index 18: 'ë' -> 'e'",
        "  index 20: '…' -> '...'",
    ]


def test_cli_smart_not_applied(capsys: pytest.CaptureFixture[str]) -> None:
    """When the level saves nothing the original is analyzed, and the emoji is named."""
    code, out, _ = run_cli(capsys, "analyze", "C’est parti 🎉", "--smart", "typography")
    assert code == 0
    assert out.splitlines()[0] == "encoding:  ucs2"
    assert "smart:     level typography not applied: it would not lower the cost" in out
    assert "  index 12: '🎉' U+1F389 PARTY POPPER" in out


def test_cli_suggest(capsys: pytest.CaptureFixture[str]) -> None:
    """analyze --suggest prints one line per offending character and the total."""
    code, out, _ = run_cli(capsys, "analyze", "l’été " * 15, "--suggest")
    assert code == 0
    assert out.splitlines()[-3:] == [
        "suggest:   replacing one character alone, at level ascii:",
        '  ’ ×15: saves 1 segment  (U+2019 RIGHT SINGLE QUOTATION MARK -> "\'")',
        "  all together: 2 -> 1 segment(s), gsm7",
    ]


def test_cli_suggest_on_gsm7(capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing to suggest for a GSM-7 text."""
    _, out, _ = run_cli(capsys, "analyze", "Bonjour", "--suggest")
    assert out.splitlines()[-1] == "suggest:   nothing to replace: the text is GSM-7"


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json adds "smart" and "suggest" members to the analysis."""
    import json

    code, out, _ = run_cli(capsys, "analyze", FRENCH, "--smart", "ascii", "--suggest", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["encoding"] == "gsm7"
    assert data["smart"]["applied"] is True
    assert data["smart"]["text"] == "GarÇon, l'été à Noel..."
    assert data["smart"]["replacements"][0] == {"index": 3, "original": "ç", "result": "Ç"}
    assert [s["char"] for s in data["suggest"]] == ["ç", "’", "ë", "…"]
    assert data["suggest"][2]["level"] == "ascii"


def test_cli_json_without_flags_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --smart / --suggest the JSON has no extra member."""
    _, out, _ = run_cli(capsys, "analyze", FRENCH, "--json")
    assert "smart" not in out
    assert "suggest" not in out


def test_cli_bad_level(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown level is a usage error: one line, exit code 2."""
    with pytest.raises(SystemExit) as exc:
        run_cli(capsys, "analyze", "x", "--smart", "latin")
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("smsparts: error: argument --smart: invalid choice: 'latin'")
    assert err.count("\n") == 1


# --- linear time --------------------------------------------------------------------


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * size)[:size]


@pytest.mark.parametrize(
    "unit",
    ["’∞", "ê中", "é😀a", "€∞ ", "ê\u0301中", "n°∞"],
    ids=["quote-infinity", "accent-cjk", "accent-emoji", "euro-infinity", "mark-cjk", "degree"],
)
def test_transliterate_with_unmappable_characters_is_linear(unit: str) -> None:
    """transliterate at ascii, with its report, takes ~10x the time on a 10x text."""
    # Before: every unmappable character rescanned the edits from the start
    # (_original_index): 16,000 characters of "’°" took 21 s, 8,000 took 4 s (° had no
    # mapping then; ∞ has none now).
    assert scaling.ratio(_repeat(unit), lambda t: transliterate(t, level="ascii"), 10_000) < (
        scaling.MAX_RATIO
    )


def test_transliterate_report_maps_every_unmappable_index() -> None:
    """The unmappable indexes of a long text are those of the original text."""
    text = "’∞" * 5_000
    result = transliterate(text, level="ascii", force=True)
    assert result.unmappable == tuple((i, "∞") for i in range(1, 10_000, 2))


def _distinct_cjk(size: int) -> str:
    return "".join(chr(0x4E00 + i % 20_000) for i in range(size))


def test_savings_report_on_distinct_cjk_is_linear() -> None:
    """savings_report over distinct unmappable characters grows linearly."""
    # Before: one regular-expression scan of the text per distinct offender.
    assert scaling.ratio(_distinct_cjk, savings_report, 2_000) < scaling.MAX_RATIO


def test_savings_report_counts_each_distinct_offender() -> None:
    """Each distinct CJK character is one entry, with its indexes and no replacement."""
    text = _distinct_cjk(3_000) + "一"
    report = savings_report(text)
    assert len(report) == 3_000
    assert report[0] == CharacterSavings("一", 2, (0, 3_000), None, None, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Commande n° 5", "Commande no 5"),
        ("20°C", "20oC"),
        ("1º étage", "1o étage"),
        ("№ 7", "No 7"),
    ],
    ids=["numero", "degrees", "ordinal", "numero-sign"],
)
def test_degree_and_numero_signs_at_level_ascii(text: str, expected: str) -> None:
    """°, º and № have an ascii mapping (n° 5 reads no 5); lower levels keep them."""
    assert transliterate_text(text, level="ascii") == expected
    assert transliterate_text(text, level="accents") == text
