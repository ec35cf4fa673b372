"""analyze() and split(): alphabet detection, exact counting, segment boundaries."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from smsparts import (
    Analysis,
    Encoding,
    InvalidCharacter,
    InvalidOption,
    MessageTooLong,
    NationalLanguage,
    Route,
    Segment,
    SmsError,
    UnencodableCharacter,
    analyze,
    split,
)

from .conftest import load_vectors

FLAG_FR = "\U0001f1eb\U0001f1f7"  # two regional indicators, 4 UTF-16 code units
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # ZWJ sequence, 8 code units
THUMBS = "\U0001f44d\U0001f3fd"  # emoji + skin tone modifier, 4 code units
KEYCAP = "1\ufe0f\u20e3"  # keycap sequence, 3 code units


def units_of(segments: tuple[Segment, ...]) -> list[int]:
    return [s.units for s in segments]


def texts_of(segments: tuple[Segment, ...]) -> list[str]:
    return [s.text for s in segments]


# --- GSM 7-bit boundaries ---------------------------------------------------------


def test_160_septets_is_one_segment_without_header() -> None:
    """160 default-alphabet characters fit one segment of 160 septets."""
    a = analyze("a" * 160)
    assert (a.encoding, a.units, a.segments, a.segment_capacity, a.remaining) == (
        Encoding.GSM7,
        160,
        1,
        160,
        0,
    )


def test_161_septets_split_153_plus_8() -> None:
    """One septet more needs the concatenation header: 153 + 8."""
    a = analyze("a" * 161)
    assert (a.segments, a.segment_capacity, a.remaining) == (2, 153, 145)
    segs = split("a" * 161)
    assert units_of(segs) == [153, 8]
    assert [(s.start, s.end) for s in segs] == [(0, 153), (153, 161)]


def test_euro_after_159_chars_moves_whole_to_segment_two() -> None:
    """159 'a' + '€' is 161 septets: the ESC pair is not split, it starts segment 2."""
    segs = split("a" * 159 + "€")
    assert units_of(segs) == [153, 8]
    assert texts_of(segs) == ["a" * 153, "a" * 6 + "€"]


def test_escape_pair_on_the_153_boundary_moves_whole() -> None:
    """152 'a' + '€' + 152 'b': the € would straddle septet 153, so 3 segments, not 2."""
    text = "a" * 152 + "€" + "b" * 152
    a = analyze(text)
    assert (a.units, a.segments, a.remaining) == (306, 3, 152)
    segs = split(text)
    assert units_of(segs) == [152, 153, 1]
    assert texts_of(segs) == ["a" * 152, "€" + "b" * 151, "b"]


def test_153_closing_brackets_need_three_segments() -> None:
    """153 ']' are 306 septets; 76 pairs fill 152 of 153 septets, so 76 + 76 + 1."""
    segs = split("]" * 153)
    assert units_of(segs) == [152, 152, 2]
    assert [len(s.text) for s in segs] == [76, 76, 1]
    assert analyze("]" * 153).segments == 3


def test_extension_characters_cost_two_septets() -> None:
    """Each of the ten extension characters is ESC + code: 2 septets."""
    for ch in "\x0c^{}\\[~]|€":
        a = analyze(ch)
        assert (a.encoding, a.units) == (Encoding.GSM7, 2), repr(ch)


def test_form_feed_is_the_extension_character_esc_0x0a() -> None:
    """U+000C is not UCS-2: it is ESC 0x0A of the extension table (23.038 6.2.1.1)."""
    a = analyze("page\x0cbreak")
    assert (a.encoding, a.units, a.unencodable) == (Encoding.GSM7, 11, ())


@pytest.mark.parametrize("text", ["é", "è", "à", "ù", "É", "Ç", "ì", "ò", "ñ", "ß", "Δ", "¤"])
def test_accents_in_the_default_alphabet_stay_gsm(text: str) -> None:
    """é è à ù É Ç and other default-alphabet letters are one septet each."""
    a = analyze(text)
    assert (a.encoding, a.units) == (Encoding.GSM7, 1)


def test_french_accented_sentence_stays_gsm() -> None:
    """'é è à ù É Ç' (with spaces) is 11 septets of GSM-7."""
    assert analyze("é è à ù É Ç")[:2] == (Encoding.GSM7, 11)


def test_garcon_needs_ucs2_because_of_lowercase_c_cedilla() -> None:
    """0x09 is capital Ç: lowercase ç is not GSM and forces UCS-2."""
    a = analyze("Garçon")
    assert (a.encoding, a.units, a.segment_capacity, a.remaining) == (Encoding.UCS2, 6, 70, 64)
    assert a.unencodable == ((3, "ç"),)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("a\u00a0b", [(1, "\u00a0")]),
        ("a\x1bb", [(1, "\x1b")]),
        ("e\u0301", [(1, "\u0301")]),
        ("l’été", [(1, "’")]),
        ("`", [(0, "`")]),
    ],
    ids=["no-break-space", "raw-escape", "combining-acute", "curly-quote", "backtick"],
)
def test_characters_that_are_not_gsm(text: str, bad: list[tuple[int, str]]) -> None:
    """NBSP, a raw U+001B, a decomposed accent, a curly quote, a backtick force UCS-2."""
    a = analyze(text)
    assert a.encoding is Encoding.UCS2
    assert list(a.unencodable) == bad


# --- UCS-2 boundaries ----------------------------------------------------------------


def test_70_code_units_is_one_ucs2_segment() -> None:
    """70 UCS-2 code units fit one segment."""
    a = analyze("ç" * 70)
    assert (a.encoding, a.units, a.segments, a.remaining) == (Encoding.UCS2, 70, 1, 0)


def test_71_code_units_split_67_plus_4() -> None:
    """71 code units need the header: 67 + 4."""
    assert units_of(split("ç" * 71)) == [67, 4]
    assert analyze("ç" * 71)[2:5] == (2, 67, 63)


def test_extension_character_in_ucs2_costs_one_unit() -> None:
    """'|' is 2 septets in GSM-7 but one code unit in a UCS-2 message."""
    a = analyze("|ç")
    assert (a.encoding, a.units) == (Encoding.UCS2, 2)


def test_astral_emoji_is_two_code_units() -> None:
    """An emoji outside the BMP is a surrogate pair: 2 code units, 1 Python char."""
    a = analyze("😀")
    assert (a.encoding, a.units, a.remaining) == (Encoding.UCS2, 2, 68)


def test_emoji_straddling_unit_67_moves_whole() -> None:
    """66 units then an emoji: its surrogate pair never splits, it starts segment 2."""
    text = "ç" * 66 + "😀" + "x" * 10
    for boundary in ("grapheme", "codepoint"):
        segs = split(text, boundary=boundary)
        assert units_of(segs) == [66, 12]
        assert segs[1].text.startswith("😀")


def test_flag_after_65_chars_moves_whole() -> None:
    """A flag (two regional indicators) at the boundary moves whole by default."""
    text = "a" * 65 + FLAG_FR + "b" * 10
    segs = split(text)
    assert texts_of(segs) == ["a" * 65, FLAG_FR + "b" * 10]
    assert units_of(segs) == [65, 14]


def test_flag_after_65_chars_codepoint_mode_splits_between_indicators() -> None:
    """With boundary='codepoint' only the surrogate pairs are kept whole."""
    segs = split("a" * 65 + FLAG_FR + "b" * 10, boundary="codepoint")
    assert units_of(segs) == [67, 12]
    assert segs[0].text.endswith("\U0001f1eb")


def test_zwj_family_at_the_boundary_moves_whole() -> None:
    """A ZWJ family (8 code units) that would cross unit 67 starts the next segment."""
    text = "ç" * 62 + FAMILY + "b" * 10
    segs = split(text)
    assert texts_of(segs) == ["ç" * 62, FAMILY + "b" * 10]
    assert analyze(text).segments == 2


@pytest.mark.parametrize("cluster", [THUMBS, KEYCAP, "e\u0301", "\r\n"], ids=repr)
def test_clusters_are_not_split_at_the_boundary(cluster: str) -> None:
    """Skin tones, keycaps and combining marks stay with their base."""
    text = "ç" * 66 + cluster + "z" * 5
    segs = split(text)
    assert segs[1].text.startswith(cluster)
    assert "".join(texts_of(segs)) == text


def test_oversized_cluster_falls_back_to_code_points() -> None:
    """A cluster longer than a segment is split between code points, never overflowing."""
    text = "e" + "\u0301" * 200
    segs = split(text)
    assert units_of(segs) == [67, 67, 67]
    assert all(s.units <= s.capacity for s in segs)
    assert "".join(texts_of(segs)) == text


def test_crlf_may_split_in_gsm7() -> None:
    """In GSM-7 only escape pairs are atomic: CR and LF can land in different segments."""
    segs = split("a" * 152 + "\r\n" + "b" * 10)
    assert segs[0].text.endswith("\r")
    assert segs[1].text.startswith("\n")


# --- empty text, options, errors ---------------------------------------------------


def test_empty_text_is_one_empty_gsm7_segment() -> None:
    """The empty text is one empty GSM-7 segment with 160 septets free."""
    assert analyze("")[:5] == (Encoding.GSM7, 0, 1, 160, 160)
    assert split("") == (Segment("", 0, 0, 0, 160, Encoding.GSM7),)


def test_forcing_ucs2_on_gsm_text() -> None:
    """encoding=UCS2 counts code units even for a GSM text, with nothing 'unencodable'."""
    a = analyze("a" * 71, encoding=Encoding.UCS2)
    assert (a.encoding, a.units, a.segments, a.unencodable) == (Encoding.UCS2, 71, 2, ())


def test_forcing_gsm7_on_text_that_fits() -> None:
    """encoding='gsm7' (a plain string works too) on a GSM text is the normal result."""
    assert analyze("a€", encoding="gsm7")[:2] == (Encoding.GSM7, 3)  # type: ignore[arg-type]


def test_forcing_gsm7_raises_with_every_offending_character() -> None:
    """UnencodableCharacter names each character and its index, with a caret line."""
    with pytest.raises(UnencodableCharacter) as info:
        analyze("Garçon l’été", encoding=Encoding.GSM7)
    err = info.value
    assert err.characters == ((3, "ç"), (8, "’"))
    assert (err.start, err.end, err.text) == (3, 4, "Garçon l’été")
    assert isinstance(err, UnicodeEncodeError)
    assert isinstance(err, SmsError)
    assert str(err) == (
        "2 characters are not in the GSM 7-bit alphabet: "
        "'ç' (U+00E7 LATIN SMALL LETTER C WITH CEDILLA) at index 3, "
        "'’' (U+2019 RIGHT SINGLE QUOTATION MARK) at index 8\n"
        "Garçon l’été\n"
        "   ^    ^"
    )


def test_forcing_gsm7_on_split_raises_too() -> None:
    """split() applies the same check."""
    with pytest.raises(UnencodableCharacter):
        split("ç", encoding=Encoding.GSM7)


@pytest.mark.parametrize("func", [analyze, split])
def test_lone_surrogate_is_an_error_naming_its_index(func: Any) -> None:
    """A lone surrogate cannot be sent: InvalidCharacter with its index and a caret."""
    with pytest.raises(InvalidCharacter) as info:
        func("ab\ud83dc")
    err = info.value
    assert (err.start, err.end) == (2, 3)
    assert str(err) == ("lone surrogate, not a character: U+D83D at index 2\nab\ufffdc\n  ^")


def test_lone_surrogate_with_forced_gsm7_is_still_invalid_character() -> None:
    """The surrogate is reported as invalid, not merely unencodable."""
    with pytest.raises(InvalidCharacter):
        analyze("a\udc00", encoding=Encoding.GSM7)


@pytest.mark.parametrize("func", [analyze, split])
@pytest.mark.parametrize("value", [b"abc", None, 42, ["a"]], ids=repr)
def test_non_str_raises_type_error(func: Any, value: object) -> None:
    """Only str is accepted."""
    with pytest.raises(TypeError, match="text must be a str"):
        func(value)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"boundary": "word"}, "boundary must be 'grapheme' or 'codepoint'"),
        ({"encoding": "utf8"}, "encoding must be None, Encoding.GSM7 or Encoding.UCS2"),
        ({"reference_bits": 12}, "reference_bits must be 8 or 16"),
        ({"languages": [99]}, "languages must be NationalLanguage members .*, not 99"),
        ({"locking_shift": [NationalLanguage.SPANISH]}, "Spanish has no locking shift table"),
    ],
    ids=["boundary", "encoding", "reference-bits", "language", "spanish-locking"],
)
def test_bad_options_raise_value_error(options: dict[str, Any], message: str) -> None:
    """Every option is validated, with the option named: an InvalidOption (a ValueError)."""
    with pytest.raises(InvalidOption, match=message):
        analyze("abc", **options)
    with pytest.raises(InvalidOption, match=message):
        split("abc", **options)
    with pytest.raises(InvalidOption, match=message):
        Route(**options)


def test_bad_boundary_is_rejected_on_the_fast_path_too() -> None:
    """A plain GSM text does not skip option checking."""
    with pytest.raises(ValueError, match="boundary"):
        analyze("hello", boundary="nope")  # type: ignore[arg-type]


def test_max_segments_raises_message_too_long_with_attributes() -> None:
    """split() refuses more segments than max_segments; analyze() still counts them."""
    text = "a" * (153 * 3 + 1)
    with pytest.raises(MessageTooLong) as info:
        split(text, max_segments=3)
    assert (info.value.segments, info.value.max_segments) == (4, 3)
    assert str(info.value) == "message needs 4 segments; the limit is 3"
    assert analyze(text).segments == 4


def test_more_than_255_segments_is_refused_by_default() -> None:
    """The protocol limit is 255 segments (one-octet total, 23.040 9.2.3.24.1)."""
    text = "a" * (153 * 255 + 1)
    assert analyze(text).segments == 256
    with pytest.raises(MessageTooLong):
        split(text)
    assert len(split("a" * (153 * 255))) == 255


@pytest.mark.parametrize("value", [0, -1, 256])
def test_bad_max_segments(value: Any) -> None:
    """max_segments must be 1 to 255 (one octet, 23.040 9.2.3.24.1): an InvalidOption."""
    with pytest.raises(InvalidOption, match=r"max_segments must be an int in 1\.\.255"):
        split("a", max_segments=value)


@pytest.mark.parametrize("value", [True, 2.5, "3"])
def test_max_segments_of_the_wrong_type(value: Any) -> None:
    """A max_segments that is not an int (a bool is none) is a TypeError."""
    with pytest.raises(TypeError, match="max_segments must be an int"):
        split("a", max_segments=value)


def test_sixteen_bit_reference_costs_one_more_octet() -> None:
    """With a 16-bit reference a segment holds 152 septets / 66 code units."""
    assert units_of(split("a" * 161, reference_bits=16)) == [152, 9]
    assert units_of(split("ç" * 71, reference_bits=16)) == [66, 5]


# --- results -----------------------------------------------------------------------


def test_analysis_is_immutable_and_has_derived_properties() -> None:
    """Analysis is a tuple underneath: no attribute can be set."""
    a = analyze("a" * 200)
    assert isinstance(a, Analysis)
    with pytest.raises(AttributeError):
        a.units = 3  # type: ignore[misc]
    assert (a.septets, a.code_units, a.concatenated) == (200, None, True)
    assert a.charset is not None
    assert a.text == "a" * 200
    b = analyze("ç")
    assert (b.septets, b.code_units, b.concatenated, b.charset) == (None, 1, False, None)


def test_analysis_repr() -> None:
    """The repr shows the facts, not the text."""
    assert repr(analyze("a" * 161)) == (
        "Analysis(encoding='gsm7', units=161, segments=2, segment_capacity=153, remaining=145)"
    )


def test_segments_carry_their_offsets_and_capacity() -> None:
    """Each segment's start/end index the input and its capacity is the message's."""
    text = "é" * 100 + "ç" + "x" * 50
    segs = split(text)
    assert [(s.start, s.end, s.capacity) for s in segs] == [
        (0, 67, 67),
        (67, 134, 67),
        (134, 151, 67),
    ]
    assert all(text[s.start : s.end] == s.text for s in segs)
    assert all(s.encoding is Encoding.UCS2 for s in segs)


# --- shared vectors ----------------------------------------------------------------

SEGMENTATION = load_vectors("segmentation")["vectors"]


@pytest.mark.parametrize("vector", SEGMENTATION, ids=lambda v: v["id"])
def test_segmentation_vectors(vector: dict[str, Any]) -> None:
    """AOSP's testFragmentText / testFragmentTurkishText, as quoted in the shared vectors."""
    text = vector.get("text") or ("0123456789" * 17)[: vector["text_length"]]
    assert len(text) == vector["text_length"]
    options: dict[str, Any] = {}
    tables = vector["tables"]
    if tables != "default":
        assert tables["locking"] == 0
        options["single_shift"] = [tables["single"]]
    expect = vector["expect"]
    a = analyze(text, **options)
    segs = split(text, **options)
    assert a.encoding.value == vector["encoding"]
    assert a.segments == len(segs) == expect["segments"]
    if "septets" in expect:
        assert a.units == expect["septets"]
    if "chars_per_segment" in expect:
        assert [len(s.text) for s in segs] == expect["chars_per_segment"]
    if "septets_per_segment" in expect:
        assert units_of(segs) == expect["septets_per_segment"]


def test_analysis_repr_names_national_tables() -> None:
    """With a national table the repr names it."""
    a = analyze("Şeker", languages=[NationalLanguage.TURKISH])
    assert repr(a) == (
        "Analysis(encoding='gsm7', units=5, segments=1, segment_capacity=155, remaining=150, "
        "locking_shift=TURKISH, single_shift=None)"
    )


def test_language_options_accept_one_language_or_any_iterable() -> None:
    """A bare NationalLanguage, a generator or a tuple work like a list."""
    expected = analyze("Şeker", languages=[NationalLanguage.TURKISH])
    assert analyze("Şeker", languages=NationalLanguage.TURKISH) == expected
    assert analyze("Şeker", languages=(lang for lang in [NationalLanguage.TURKISH])) == expected
    assert analyze("Şeker", languages=(1,)) == expected


def test_unhashable_language_is_a_clear_error() -> None:
    """A list inside the list is a TypeError naming the option (the option policy)."""
    with pytest.raises(TypeError, match=r"languages must hold NationalLanguage .*, not list"):
        analyze("x", languages=[[1]])  # type: ignore[list-item]


# --- routes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "keyword",
    [
        {"encoding": Encoding.UCS2},
        {"boundary": "codepoint"},
        {"languages": [NationalLanguage.TURKISH]},
        {"single_shift": [NationalLanguage.SPANISH]},
        {"locking_shift": [NationalLanguage.TURKISH]},
        {"reference_bits": 16},
    ],
    ids=lambda k: next(iter(k)),
)
def test_route_with_a_route_keyword_is_a_type_error(keyword: dict[str, Any]) -> None:
    """route= and one of the six route keywords together: a TypeError naming the keyword."""
    name = next(iter(keyword))
    with pytest.raises(TypeError, match=f"give route= or {name}=, not both"):
        analyze("abc", route=Route(), **keyword)
    with pytest.raises(TypeError, match=f"give route= or {name}=, not both"):
        split("abc", route=Route(), **keyword)


def test_route_gives_the_same_analysis_as_its_keywords() -> None:
    """A Route and the same keywords analyze and split alike; the analysis names its route."""
    options: dict[str, Any] = {"languages": [NationalLanguage.TURKISH], "reference_bits": 16}
    route = Route(**options)
    text = "ş" * 200
    assert analyze(text, route=route) == analyze(text, **options)
    assert analyze(text, route=route).route == route
    assert split(text, route=route) == split(text, **options)
    assert analyze(text).route == Route()
    assert Route.from_options(route) is route
    assert Route.from_options(None, **options) == route


def test_route_normalizes_its_language_options() -> None:
    """Languages given as one value, ids or any iterable are kept as sorted members."""
    route = Route(languages=(lang for lang in [3, NationalLanguage.TURKISH, 3]), single_shift=2)
    assert route.languages == (NationalLanguage.TURKISH, NationalLanguage.PORTUGUESE)
    assert route.single_shift == (NationalLanguage.SPANISH,)
    assert route.locking_tables == {NationalLanguage.TURKISH, NationalLanguage.PORTUGUESE}
    assert route.single_tables == {
        NationalLanguage.TURKISH,
        NationalLanguage.SPANISH,
        NationalLanguage.PORTUGUESE,
    }
    assert route == Route(languages=[1, 3], single_shift=[NationalLanguage.SPANISH])
    assert hash(route) == hash(Route(languages=[1, 3], single_shift=[NationalLanguage.SPANISH]))


def test_route_is_frozen_and_keyword_only() -> None:
    """A Route cannot be changed after it is built, nor built from positional arguments."""
    route = Route()
    with pytest.raises(AttributeError):
        route.boundary = "codepoint"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Route(None)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="route must be a Route"):
        analyze("abc", route="default")  # type: ignore[arg-type]


def test_analysis_warnings_are_the_hygiene_warnings() -> None:
    """Analysis.warnings is hygiene.text_warnings of the analyzed text (issue 9)."""
    from smsparts.hygiene import text_warnings

    text = "Prix\u00a0: 10 €\r\nà demain "
    for a in (analyze(text), analyze(text, route=Route(reference_bits=16))):
        assert a.warnings == text_warnings(text)
    assert [w.code for w in analyze(text).warnings] == [
        "newline.crlf",
        "invisible",
        "trailing_space",
    ]
    assert [w.code for w in analyze("").warnings] == ["empty"]
    assert analyze("Bonjour").warnings == ()


def test_analysis_warnings_are_not_stored() -> None:
    """The warnings are computed on access: analyze() stores and imports nothing for them."""
    a = analyze("a\r\nb")
    assert len(a) == 9
    assert "warnings" not in a._fields
    probe = (
        "import sys, smsparts; smsparts.analyze('a\\r\\nb', reference_bits=16)\n"
        "assert 'smsparts.hygiene' not in sys.modules, 'hygiene imported by analyze'\n"
        "smsparts.analyze('a\\r\\nb').warnings\n"
        "assert 'smsparts.hygiene' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)
