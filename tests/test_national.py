"""National language shift tables: selection, capacities and table round trips (issue 3).

Expected values are reasoned from the spec tables (tools/data/*.txt, transcribed from
3GPP TS 23.038 Annex A) and the header arithmetic of TS 23.040 9.2.3.24, never taken
from the library's output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from smsparts import (
    Encoding,
    InvalidOption,
    NationalLanguage,
    Route,
    SmsError,
    UnencodableCharacter,
    analyze,
    split,
)
from smsparts.charset import ESC, charset

from .conftest import load_vectors

NL = NationalLanguage
DATA = Path(__file__).resolve().parents[1] / "tools" / "data"
#: Languages with a locking shift table (A.3.2, Spanish, is void).
LOCKING_LANGUAGES = [0, *(lang for lang in NL if lang is not NL.SPANISH)]
SINGLE_LANGUAGES = [0, *NL]
INDIC = [lang for lang in NL if lang >= NL.BENGALI]


# ---------------------------------------------------------------------------
# the spec transcriptions, read independently of smsparts._tables


def _table(lang: int, kind: str) -> list[tuple[int, str, bool]]:
    """(septet, char, decode_only) of one table file of tools/data, in septet order."""
    [path] = DATA.glob(f"{lang:02d}-*-{kind}.txt")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split()
        septet, code = int(fields[0], 16), int(fields[1].removeprefix("U+"), 16)
        rows.append((septet, chr(code), "[decode-only]" in line))
    return sorted(rows)


def _expected_encoding_map(locking: int, single: int) -> dict[str, int]:
    """The encoder's map by the documented rules: locking first, lowest septet, no decode-only."""
    expected: dict[str, int] = {}
    for septet, ch, decode_only in _table(single, "single"):
        if not decode_only:
            expected.setdefault(ch, (ESC << 8) | septet)
    basic: dict[str, int] = {}
    for septet, ch, decode_only in _table(locking, "locking"):
        if not decode_only:
            basic.setdefault(ch, septet)
    expected.update(basic)  # one septet beats ESC + septet
    return expected


def _segments(text: str, **options: Any) -> tuple[list[int], list[int]]:
    """(characters, units) of each segment of ``split(text, **options)``."""
    segments = split(text, **options)
    assert "".join(s.text for s in segments) == text
    return [len(s.text) for s in segments], [s.units for s in segments]


# ---------------------------------------------------------------------------
# AOSP segmentation vectors (tests/vectors/segmentation.json)

_VECTORS = [v for v in load_vectors("segmentation")["vectors"] if v["kind"] == "segmentation"]
_NATIONAL_VECTORS = [v for v in _VECTORS if isinstance(v["tables"], dict)]


def _options(tables: dict[str, int]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if tables["locking"]:
        options["locking_shift"] = [NL(tables["locking"])]
    if tables["single"]:
        options["single_shift"] = [NL(tables["single"])]
    return options


@pytest.mark.parametrize("vector", _NATIONAL_VECTORS, ids=[v["id"] for v in _NATIONAL_VECTORS])
def test_turkish_vectors_analyze(vector: dict[str, Any]) -> None:
    """analyze() gives the AOSP segment counts with the Turkish single shift table alone."""
    expect = vector["expect"]
    a = analyze(vector["text"], **_options(vector["tables"]))
    assert len(vector["text"]) == vector["text_length"]
    assert a.encoding is Encoding.GSM7
    assert a.segments == expect["segments"]
    assert a.units == sum(expect["septets_per_segment"])
    # One single shift IE: 155 septets alone, 149 with the 8-bit concatenation IE.
    assert a.segment_capacity == (155 if expect["segments"] == 1 else 149)
    assert a.locking_shift is None
    assert a.single_shift is NL.TURKISH


@pytest.mark.parametrize("vector", _NATIONAL_VECTORS, ids=[v["id"] for v in _NATIONAL_VECTORS])
def test_turkish_vectors_split(vector: dict[str, Any]) -> None:
    """split() cuts the AOSP Turkish texts into the expected characters and septets."""
    expect = vector["expect"]
    chars, units = _segments(vector["text"], **_options(vector["tables"]))
    assert chars == expect["chars_per_segment"]
    assert units == expect["septets_per_segment"]
    for segment in split(vector["text"], **_options(vector["tables"])):
        assert segment.single_shift is NL.TURKISH
        assert segment.locking_shift is None
        assert segment.capacity == (155 if expect["segments"] == 1 else 149)


@pytest.mark.parametrize("vector", _NATIONAL_VECTORS, ids=[v["id"] for v in _NATIONAL_VECTORS])
def test_turkish_vectors_with_locking_allowed(vector: dict[str, Any]) -> None:
    """With both Turkish tables allowed, the locking table (1 septet per char) wins."""
    text = vector["text"]
    a = analyze(text, languages=[NL.TURKISH])
    # Ğ Ş İ ğ ş ı are all in the Turkish locking table (0x0B 0x1C 0x40 0x0C 0x1D 0x07).
    assert (a.locking_shift, a.single_shift) == (NL.TURKISH, None)
    assert a.units == len(text)
    if len(text) <= 155:
        assert (a.segments, a.segment_capacity, a.remaining) == (1, 155, 155 - len(text))
    else:
        assert (a.segments, a.segment_capacity) == (2, 149)
        assert _segments(text, languages=[NL.TURKISH])[0] == [149, len(text) - 149]


@pytest.mark.parametrize(
    "vector",
    [v for v in _VECTORS if v["tables"] == "default"],
    ids=[v["id"] for v in _VECTORS if v["tables"] == "default"],
)
def test_default_vectors_unchanged_with_all_tables(vector: dict[str, Any]) -> None:
    """A text in the default alphabet gets no shift header even with every table allowed."""
    text = "1234567890" * (vector["text_length"] // 10) + "1" * (vector["text_length"] % 10)
    a = analyze(text, languages=list(NL))
    assert (a.locking_shift, a.single_shift) == (None, None)
    assert a.segments == vector["expect"]["segments"]
    if "chars_per_segment" in vector["expect"]:
        chars, _ = _segments(text, languages=list(NL))
        assert chars == vector["expect"]["chars_per_segment"]


_DECODE_VECTORS = [v for v in load_vectors("national_decode")["vectors"] if "text" in v]


@pytest.mark.parametrize("vector", _DECODE_VECTORS, ids=[v["id"] for v in _DECODE_VECTORS])
def test_decode_vectors_cost_their_udl(vector: dict[str, Any]) -> None:
    """The oFono national texts cost exactly their TP-UDL in septets under their tables."""
    tables = vector["tables"]
    assert charset(tables["locking"], tables["single"]).septets(vector["text"]) == vector["udl"]
    a = analyze(vector["text"], **_options(tables))
    assert a.encoding is Encoding.GSM7
    assert a.units <= vector["udl"]  # the selection may find a cheaper pair, never a dearer one


# ---------------------------------------------------------------------------
# capacities with one and two shift IEs (23.040 9.2.3.24, spec README table 2.2)

_S, _A = "ş", "ã"  # Turkish locking 0x1D; Portuguese single 0x7B (in no Turkish table)
_TR_LOCK: dict[str, Any] = {"locking_shift": [NL.TURKISH]}
_TR_PT: dict[str, Any] = {"locking_shift": [NL.TURKISH], "single_shift": [NL.PORTUGUESE]}

CAPACITY_CASES: list[tuple[str, str, dict[str, Any], list[int], list[int], int, Any, Any]] = [
    # id, text, options, chars per segment, septets per segment, capacity, locking, single
    ("one-ie-single-155", _S * 155, _TR_LOCK, [155], [155], 155, NL.TURKISH, None),
    ("one-ie-concat-149", _S * 156, _TR_LOCK, [149, 7], [149, 7], 149, NL.TURKISH, None),
    (
        "one-ie-concat-148-ref16",
        _S * 156,
        {**_TR_LOCK, "reference_bits": 16},
        [148, 8],
        [148, 8],
        148,
        NL.TURKISH,
        None,
    ),
    (
        "single-shift-only-155",
        _S * 77 + "a",
        {"single_shift": [NL.TURKISH]},
        [78],
        [155],
        155,
        None,
        NL.TURKISH,
    ),
    ("two-ie-single-152", _S * 150 + _A, _TR_PT, [151], [152], 152, NL.TURKISH, NL.PORTUGUESE),
    (
        "two-ie-concat-146",
        _S * 151 + _A,
        _TR_PT,
        [146, 6],
        [146, 7],
        146,
        NL.TURKISH,
        NL.PORTUGUESE,
    ),
    (
        "two-ie-concat-145-ref16",
        _S * 151 + _A,
        {**_TR_PT, "reference_bits": 16},
        [145, 7],
        [145, 8],
        145,
        NL.TURKISH,
        NL.PORTUGUESE,
    ),
    (
        "esc-pair-not-split",
        "a" * 148 + _S * 4,
        {"single_shift": [NL.TURKISH]},
        [148, 4],
        [148, 8],
        149,
        None,
        NL.TURKISH,
    ),
    (
        "esc-pair-fits-single-155",
        "a" * 147 + _S * 4,
        {"single_shift": [NL.TURKISH]},
        [151],
        [155],
        155,
        None,
        NL.TURKISH,
    ),
]


@pytest.mark.parametrize(
    ("text", "options", "chars", "units", "capacity", "locking", "single"),
    [case[1:] for case in CAPACITY_CASES],
    ids=[case[0] for case in CAPACITY_CASES],
)
def test_capacity_with_shift_ies(
    text: str,
    options: dict[str, Any],
    chars: list[int],
    units: list[int],
    capacity: int,
    locking: NationalLanguage | None,
    single: NationalLanguage | None,
) -> None:
    """Each shift IE costs 3 octets per segment: 155/152 alone, 149/146 (148/145) concatenated."""
    a = analyze(text, **options)
    assert a.encoding is Encoding.GSM7
    assert (a.units, a.segments, a.segment_capacity) == (sum(units), len(units), capacity)
    assert a.remaining == capacity - units[-1]
    assert (a.locking_shift, a.single_shift) == (locking, single)
    assert _segments(text, **options) == (chars, units)
    for segment in split(text, **options):
        assert segment.capacity == capacity
        assert (segment.locking_shift, segment.single_shift) == (locking, single)


def test_tables_reported_as_national_language() -> None:
    """locking_shift and single_shift are NationalLanguage members, not bare ints."""
    a = analyze("İyi akşamlar, boa tarde irmã", languages=[NL.TURKISH, NL.PORTUGUESE])
    assert type(a.locking_shift) is NationalLanguage
    assert type(a.single_shift) is NationalLanguage
    assert a.charset is charset(NL.TURKISH, NL.PORTUGUESE)
    for segment in split("ş" * 200, languages=[NL.TURKISH]):
        assert type(segment.locking_shift) is NationalLanguage
        assert segment.single_shift is None


# ---------------------------------------------------------------------------
# options


def test_no_languages_means_default_alphabet_only() -> None:
    """Without languages=, a Turkish text goes UCS-2 and no table is reported."""
    no_tables: list[dict[str, Any]] = [{}, {"languages": None}, {"languages": []}]
    for options in no_tables:
        a = analyze("şeker", **options)
        assert (a.encoding, a.units, a.segment_capacity) == (Encoding.UCS2, 5, 70)
        assert (a.locking_shift, a.single_shift) == (None, None)


def test_spanish_language_is_single_shift_only() -> None:
    """languages=[SPANISH] allows the Spanish single shift table (A.3.2 is void)."""
    # á (0x61) and í (0x69) are in Spanish single shift: 2 septets each.
    a = analyze("Está aquí", languages=[NL.SPANISH])
    assert (a.encoding, a.units, a.segment_capacity, a.remaining) == (Encoding.GSM7, 11, 155, 144)
    assert (a.locking_shift, a.single_shift) == (None, NL.SPANISH)


def test_spanish_locking_shift_rejected() -> None:
    """locking_shift=[SPANISH] is a ValueError: there is no Spanish locking table."""
    with pytest.raises(ValueError, match="Spanish"):
        analyze("Está", locking_shift=[NL.SPANISH])
    with pytest.raises(ValueError, match="Spanish"):
        split("Está", locking_shift=[NL.SPANISH])


@pytest.mark.parametrize("bad", [[0], [14], 99], ids=["0", "14", "bare-99"])
def test_bad_language_rejected(bad: list[Any]) -> None:
    """An int that is no NationalLanguage identifier is an InvalidOption (a ValueError)."""
    with pytest.raises(InvalidOption, match="NationalLanguage"):
        analyze("ş", languages=bad)


@pytest.mark.parametrize(
    "bad", [[True], 1.0, [1.0], [b"turkish"]], ids=["bool", "float", "float-item", "bytes"]
)
def test_language_of_the_wrong_type_rejected(bad: Any) -> None:
    """A language option holding a non-int (a bool, a float, bytes) is a TypeError."""
    with pytest.raises(TypeError, match="NationalLanguage"):
        analyze("ş", languages=bad)


@pytest.mark.parametrize(
    ("option", "bad", "message"),
    [
        pytest.param(
            "locking_shift",
            "spanish",
            "locking_shift must be NationalLanguage.SPANISH (a member or its identifier 2, "
            "never a name), not 'spanish'",
            id="bare-name",
        ),
        pytest.param(
            "languages",
            ["turkish"],
            "languages must be NationalLanguage.TURKISH (a member or its identifier 1, "
            "never a name), not 'turkish'",
            id="name-item",
        ),
        pytest.param(
            "single_shift",
            "klingon",
            "single_shift must be NationalLanguage members or their identifiers (1 to 13): "
            "TURKISH, SPANISH, PORTUGUESE, BENGALI, GUJARATI, HINDI, KANNADA, MALAYALAM, "
            "ORIYA, PUNJABI, TAMIL, TELUGU, URDU, not 'klingon'",
            id="unknown-name",
        ),
    ],
)
def test_language_given_by_name_is_an_invalid_option(option: str, bad: Any, message: str) -> None:
    """A language given by name is an InvalidOption naming the option and what is accepted."""
    calls = (lambda: analyze("ş", **{option: bad}), lambda: split("ş", **{option: bad}))
    for call in (*calls, lambda: Route(**{option: bad})):
        with pytest.raises(InvalidOption) as caught:
            call()
        assert str(caught.value) == message
        assert caught.value.option == option


def test_single_and_locking_options_are_separate() -> None:
    """single_shift= and locking_shift= allow only the named table of the language."""
    single = analyze("ş", single_shift=[NL.TURKISH])
    assert (single.units, single.locking_shift, single.single_shift) == (2, None, NL.TURKISH)
    locking = analyze("ş", locking_shift=[NL.TURKISH])
    assert (locking.units, locking.locking_shift, locking.single_shift) == (1, NL.TURKISH, None)


# ---------------------------------------------------------------------------
# selection: fewest segments, then most units left, then fewer shift IEs


SELECTION_CASES: list[tuple[str, str, list[NationalLanguage], int, int, Any, Any]] = [
    # id, text, languages, units, segments, locking, single
    # All of O l á , n ã o v c ê are in the Portuguese locking table: 1 septet each.
    ("portuguese-locking", "Olá, não você", [NL.PORTUGUESE], 13, 1, NL.PORTUGUESE, None),
    # ñ is only in the default alphabet (0x7D), ã only in Portuguese tables: default
    # locking + Portuguese single shift, ã costs 2.
    ("portuguese-single-with-default", "ã ñ", [NL.PORTUGUESE], 4, 1, None, NL.PORTUGUESE),
    # Spanish single shift: á í ó ú ç cost 2 septets each.
    ("spanish-accents", "á í ó ú ç", [NL.SPANISH], 14, 1, None, NL.SPANISH),
    ("spanish-garcon", "Garçon", [NL.SPANISH], 7, 1, None, NL.SPANISH),
    # न म स ् त े are all in the Hindi locking table.
    ("hindi-locking", "नमस्ते", [NL.HINDI], 6, 1, NL.HINDI, None),
    # The danda । is only in the Hindi single shift table (0x19).
    ("hindi-both-tables", "नमस्ते।", [NL.HINDI], 8, 1, NL.HINDI, NL.HINDI),
    # İ ş only in Turkish tables, ã only in Portuguese ones: Turkish locking (İ ş one
    # septet each) + Portuguese single shift (ã two) beats Portuguese locking + Turkish
    # single shift (İ ş two each).
    (
        "turkish-portuguese-mix",
        "İyi akşamlar, boa tarde irmã",
        [NL.TURKISH, NL.PORTUGUESE],
        29,
        1,
        NL.TURKISH,
        NL.PORTUGUESE,
    ),
    # € costs 2 in the default extension, 1 in the Turkish locking table (0x04).
    # Five: 160 - 10 = 150 = 155 - 5, a tie on room left: fewer IEs wins (no header).
    ("euro-5-tie-fewer-ies", "€" * 5, [NL.TURKISH], 10, 1, None, None),
    # Six: 148 left in default, 149 with the Turkish locking table.
    ("euro-6-more-room", "€" * 6, [NL.TURKISH], 6, 1, NL.TURKISH, None),
    # A hundred: 200 septets = 2 segments in default, 100 fit one with the header.
    ("euro-100-fewer-segments", "€" * 100, [NL.TURKISH], 100, 1, NL.TURKISH, None),
    # "a€": default 3 septets (157 left) beats Turkish locking 2 septets (153 left).
    ("header-costs-more-than-it-saves", "a€", [NL.TURKISH], 3, 1, None, None),
    # A text in the default alphabet never gets a header.
    ("default-text-all-tables", "Hello world! " * 20, list(NL), 260, 2, None, None),
    # Telugu has no €: Telugu locking (5 క ల and space) + default extension for €.
    ("telugu-euro-default-extension", "€5 కల", [NL.TELUGU], 6, 1, NL.TELUGU, None),
]


@pytest.mark.parametrize(
    ("text", "languages", "units", "segments", "locking", "single"),
    [case[1:] for case in SELECTION_CASES],
    ids=[case[0] for case in SELECTION_CASES],
)
def test_selection(
    text: str,
    languages: list[NationalLanguage],
    units: int,
    segments: int,
    locking: NationalLanguage | None,
    single: NationalLanguage | None,
) -> None:
    """The cheapest allowed (locking, single) pair is chosen, and counted exactly."""
    a = analyze(text, languages=languages)
    ies = (locking is not None) + (single is not None)
    capacity = {(1, 0): 160, (1, 1): 155, (1, 2): 152, (2, 0): 153, (2, 1): 149, (2, 2): 146}
    assert a.encoding is Encoding.GSM7
    assert (a.units, a.segments) == (units, segments)
    assert (a.locking_shift, a.single_shift) == (locking, single)
    assert a.segment_capacity == capacity[min(segments, 2), ies]
    assert a.unencodable == ()
    assert sum(s.units for s in split(text, languages=languages)) == units


def test_hindi_without_languages_is_ucs2() -> None:
    """Without the Hindi tables a Hindi text goes UCS-2 at 70 code units."""
    a = analyze("नमस्ते")
    assert (a.encoding, a.units, a.segment_capacity) == (Encoding.UCS2, 6, 70)


def test_ucs2_when_no_pair_holds_every_character() -> None:
    """UCS-2 when each character is in some allowed table but no pair holds them all."""
    # ౧ (U+0C67) is only in the Telugu single shift table, € only in the default
    # extension table: no (locking, single) pair holds both.
    a = analyze("౧€", languages=[NL.TELUGU])
    assert (a.encoding, a.units, a.locking_shift, a.single_shift) == (Encoding.UCS2, 2, None, None)


# ---------------------------------------------------------------------------
# forced GSM-7 and Analysis.unencodable


def test_forced_gsm7_names_character_in_no_table() -> None:
    """encoding=GSM7 with no table holding ã raises UnencodableCharacter naming it."""
    text = "İyi akşamlar, boa tarde irmã"
    with pytest.raises(UnencodableCharacter) as info:
        analyze(text, encoding=Encoding.GSM7, languages=[NL.TURKISH])
    assert info.value.characters == ((27, "ã"),)
    assert (info.value.start, info.value.end) == (27, 28)
    assert isinstance(info.value, SmsError)
    assert isinstance(info.value, UnicodeEncodeError)
    with pytest.raises(UnencodableCharacter):
        split(text, encoding=Encoding.GSM7, languages=[NL.TURKISH])


def test_forced_gsm7_no_pair_names_non_default_characters() -> None:
    """With no pair for the whole text, the error names the characters outside the default."""
    with pytest.raises(UnencodableCharacter) as info:
        analyze("€ ౧", encoding=Encoding.GSM7, languages=[NL.TELUGU])
    assert info.value.characters == ((2, "౧"),)


def test_unencodable_lists_characters_in_no_allowed_table() -> None:
    """Analysis.unencodable lists the characters no allowed table holds."""
    a = analyze("İyi akşamlar, boa tarde irmã", languages=[NL.TURKISH])
    assert a.encoding is Encoding.UCS2
    assert a.unencodable == ((27, "ã"),)


def test_unencodable_without_common_pair_lists_non_default() -> None:
    """When every char is in some table but no pair holds all, non-default chars are listed."""
    assert analyze("౧€", languages=[NL.TELUGU]).unencodable == ((0, "౧"),)


def test_unencodable_empty_for_gsm7() -> None:
    """A text sent in GSM-7 through national tables has nothing unencodable."""
    assert analyze("şeker", languages=[NL.TURKISH]).unencodable == ()


def test_unencodable_forced_ucs2_that_fits_national_gsm7() -> None:
    """A text forced to UCS-2 that fits an allowed GSM-7 pair has nothing unencodable."""
    a = analyze("şeker", encoding=Encoding.UCS2, languages=[NL.TURKISH])
    assert a.unencodable == ()


# ---------------------------------------------------------------------------
# tables: decisions on disputed positions, duplicates, round trips


@pytest.mark.parametrize("locking", LOCKING_LANGUAGES, ids=lambda v: f"locking-{int(v)}")
def test_encoding_map_matches_spec_tables(locking: int) -> None:
    """Each pair's encoding map follows the tables: locking first, lowest septet, no decode-only."""
    for single in SINGLE_LANGUAGES:
        assert charset(locking, single).encoding_map == _expected_encoding_map(locking, single)


def _pairs_of(lang: int) -> list[tuple[int, int]]:
    if lang == NL.SPANISH:
        return [(0, lang)]
    return [(lang, lang), (lang, 0), (0, lang)]


@pytest.mark.parametrize("lang", list(NL), ids=lambda v: NL(v).name.lower())
def test_every_table_character_round_trips(lang: NationalLanguage) -> None:
    """Each character of a language's tables encodes to septet(s) that decode back to it."""
    for locking, single in _pairs_of(lang):
        cs = charset(locking, single)
        for ch, code in cs.encoding_map.items():
            if code >> 8 == ESC:
                assert cs.decoding_single[code & 0x7F] == ch
            else:
                assert code < 0x80
                assert code != ESC
                assert cs.decoding_locking[code] == ch
        # Every character the transcription lists (decode-only septets excepted) is encodable.
        listed = {ch for _, ch, only in _table(single, "single") if not only}
        listed |= {ch for _, ch, only in _table(locking, "locking") if not only}
        assert listed == set(cs.encoding_map)


@pytest.mark.parametrize("lang", list(NL), ids=lambda v: NL(v).name.lower())
def test_every_table_character_round_trips_through_codec(lang: NationalLanguage) -> None:
    """The whole table round-trips through encode_gsm7 / decode_gsm7 (23.038 6.2.1.2)."""
    codec = pytest.importorskip("smsparts.codec")
    for locking, single in _pairs_of(lang):
        text = "".join(charset(locking, single).encoding_map)
        data = codec.encode_gsm7(text, locking=locking, single=single)
        assert codec.decode_gsm7(data, locking=locking, single=single) == text


def test_kannada_pa_never_encoded_as_0x24() -> None:
    """U+0CAA KANNADA LETTER PA encodes as 0x3D; 0x24 (disputed) is never emitted."""
    for single in SINGLE_LANGUAGES:
        cs = charset(NL.KANNADA, single)
        assert cs.encoding_map["\u0caa"] == 0x3D
        assert 0x24 not in cs.encoding_map.values()
    assert charset(NL.KANNADA, 0).decoding_locking[0x24] == "\u0caa"  # still decoded
    a = analyze("\u0caa" * 3, languages=[NL.KANNADA])
    assert (a.units, a.locking_shift) == (3, NL.KANNADA)


def test_telugu_single_shift_has_no_euro() -> None:
    """€ is never encoded through the Telugu single shift table (0x65 disputed)."""
    for locking in LOCKING_LANGUAGES:
        cs = charset(locking, NL.TELUGU)
        assert cs.encoding_map.get("€") in (None, *range(0x80))  # only a locking septet
        assert (ESC << 8) | 0x65 not in cs.encoding_map.values()
    assert "€" not in charset(NL.TELUGU, NL.TELUGU).encoding_map


@pytest.mark.parametrize("lang", INDIC, ids=lambda v: NL(v).name.lower())
def test_indic_single_duplicates_pick_lowest(lang: NationalLanguage) -> None:
    """* (0x0B, 0x18) and ¡ (0x13, 0x15) of the Indic single shift tables use the lowest."""
    cs = charset(lang, lang)
    assert cs.encoding_map["*"] == (ESC << 8) | 0x0B
    assert cs.encoding_map["¡"] == (ESC << 8) | 0x13
    # Both duplicates decode the same way, so either septet is safe for a receiver.
    assert cs.decoding_single[0x0B] == cs.decoding_single[0x18] == "*"
    assert cs.decoding_single[0x13] == cs.decoding_single[0x15] == "¡"


def test_duplicates_always_pick_the_same_septet() -> None:
    """The same character gets the same septet wherever it occurs in a text."""
    a = analyze("*¡" * 50 + "नमस्ते", languages=[NL.HINDI])
    assert (a.locking_shift, a.single_shift) == (NL.HINDI, NL.HINDI)
    cs = charset(NL.HINDI, NL.HINDI)
    codes = {cs.encoding_map[ch] for ch in "*¡"}
    assert codes == {(ESC << 8) | 0x0B, (ESC << 8) | 0x13}
