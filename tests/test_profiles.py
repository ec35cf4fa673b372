"""Provider profiles: vectors from each provider's source, limits, loading, comparison."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest

from smsparts import (
    Encoding,
    InvalidCharacter,
    InvalidOption,
    MessageTooLong,
    NationalLanguage,
    Template,
    analyze,
    split,
)
from smsparts.profiles import (
    PROFILES,
    Cut,
    LimitKind,
    LineBreaks,
    Profile,
    SenderRules,
    compare,
    compare_many,
    load_profile,
    profile_from_mapping,
    profile_named,
    resolve_profile,
)

from .conftest import load_vectors

VECTORS = load_vectors("profiles")["vectors"]
FLAG_FR = "\U0001f1eb\U0001f1f7"


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vector(vector: dict[str, Any]) -> None:
    """Each built-in counts, limits and splits as its public source says."""
    profile = profile_named(vector["profile"])
    result = profile.analyze(vector["text"])
    expect = vector["expect"]
    if "encoding" in expect:
        assert result.encoding.value == expect["encoding"]
    if "segments" in expect:
        assert result.segments == expect["segments"]
    if "limits_hit" in expect:
        assert [h.kind.value for h in result.limits_hit] == expect["limits_hit"]
    if "sent" in expect:
        assert result.sent == expect["sent"]
    if "parts_units" in expect:
        parts = profile.split(vector["text"])
        assert [p.units for p in parts] == expect["parts_units"]
        assert result.segments == len(expect["parts_units"])
    if "corrupts" in expect:
        assert result.corrupts is expect["corrupts"]


def test_vectors_cite_a_source() -> None:
    """Every vector names where its expectation comes from."""
    for vector in VECTORS:
        assert vector["source"], vector["id"]
        assert all(s.get("repo") or s.get("url") or s.get("issue") for s in vector["source"])


# --- the spec profile is today's behaviour ---------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "Bonjour", "a" * 161, "]" * 153, "Garçon " * 30, "a" * 65 + FLAG_FR + "a" * 65, "€" * 300],
)
def test_spec_profile_is_analyze(text: str) -> None:
    """The spec profile bills exactly what analyze() counts, and split() matches."""
    result = profile_named("spec").analyze(text)
    core = analyze(text)
    assert result.billed == core
    assert result.reasons == ()
    assert result.sent == text
    parts = profile_named("spec").split(text)
    assert [(p.start, p.end, p.units) for p in parts] == [
        (s.start, s.end, s.units) for s in split(text)
    ]


def test_issue_brackets_twilio_vs_ceil() -> None:
    """153 ']' are 3 segments for Twilio (pairs kept) but 2 for ceil(306 / 153)."""
    rows = {r.profile.name: r for r in compare("]" * 153).rows}
    assert rows["twilio"].segments == 3
    assert rows["notify"].segments == 2
    assert rows["naive"].segments == 2
    assert rows["naive"].corrupts
    assert "escape pair" in rows["naive"].reasons[-1]


def test_issue_flag_grapheme_vs_codepoint() -> None:
    """A flag whose first half ends at code unit 67: 3 segments by grapheme, 2 by code point."""
    text = "a" * 65 + FLAG_FR + "a" * 65  # the flag takes code units 66..69 (1-based)
    assert analyze(text).segments == 3
    assert analyze(text, boundary="codepoint").segments == 2
    smpp = profile_named("smpp")
    result = smpp.analyze(text)
    assert result.segments == 2
    assert result.splits_clusters
    assert not result.corrupts
    first, second = smpp.split(text)
    assert first.cut_inside == "grapheme cluster"
    assert first.text.endswith(FLAG_FR[0])
    assert second.text.startswith(FLAG_FR[1])


def test_issue_flag_shifted_by_one_is_three_everywhere() -> None:
    """With the flag one unit later the code point cut needs 3 segments too."""
    text = "a" * 66 + FLAG_FR + "a" * 64
    assert analyze(text, boundary="codepoint").segments == 3
    assert profile_named("smpp").analyze(text).segments == 3


def test_issue_157_septets_byte_splitter() -> None:
    """A 134-octet splitter sends 2 parts for 157 septets where the spec needs 1."""
    result = profile_named("smpp-bytes").analyze("a" * 157)
    assert (result.spec.segments, result.segments) == (1, 2)
    parts = profile_named("smpp-bytes").split("a" * 157)
    assert [len(p.octets) for p in parts] == [134, 23]
    assert parts[0].octets == b"a" * 134  # unpacked: one octet per septet


# --- byte and naive splits -------------------------------------------------------


def test_byte_split_octets_are_unpacked_gsm_with_esc() -> None:
    """GSM parts carry one octet per septet, ESC (0x1B) as its own octet."""
    text = "a" * 133 + "€" + "a" * 10
    first, second = profile_named("smpp-bytes").split(text)
    assert first.octets[-1:] == b"\x1b"  # the ESC ends part 1 ...
    assert second.octets[:1] == b"\x65"  # ... and the euro's code (0x65) opens part 2
    assert first.cut_inside == "escape pair"
    assert first.corrupts
    assert "".join(p.text for p in (first, second)) == text


def test_byte_split_cuts_surrogate_pairs() -> None:
    """A UCS-2 byte split may end a part between the two halves of an emoji."""
    text = "ç" * 66 + "🙂" + "ç" * 10
    parts = profile_named("smpp-bytes").split(text)
    assert [p.units for p in parts] == [67, 11]
    assert parts[0].cut_inside == "surrogate pair"
    assert parts[0].octets == text.encode("utf-16-be")[:134]
    result = profile_named("smpp-bytes").analyze(text)
    assert result.corrupts
    assert any("surrogate pair" in reason for reason in result.reasons)


def test_grapheme_profiles_never_cut_pairs() -> None:
    """The spec and Twilio keep the flag whole where the naive cut splits it."""
    text = "a" * 65 + FLAG_FR + "a" * 65
    for name in ("spec", "twilio"):
        assert all(p.cut_inside is None for p in profile_named(name).split(text))


def test_smpplib_oversized_single_part_is_explained() -> None:
    """smpplib's unsplit test counts characters, so 153 ']' go as one 306-septet part."""
    result = profile_named("smpplib").analyze("]" * 153)
    assert result.segments == 1
    assert "counts characters, not units" in result.reasons[0]


# --- smart encoding and line breaks ----------------------------------------------


def test_notify_downgrades_and_normalises() -> None:
    """Notify strips, sends CRLF as LF, replaces quotes and unmappable characters."""
    result = profile_named("notify").analyze("  C’est à São Paulo\r\n🙂 ")
    assert result.sent == "C'est à Sao Paulo\n?"
    assert result.encoding is Encoding.GSM7
    assert result.spec.encoding is Encoding.UCS2
    assert result.line_breaks_added == -1
    assert result.smart_encoded
    assert any("sends GSM7 where the spec needs UCS2" in r for r in result.reasons)


def test_notify_keeps_welsh_letters() -> None:
    """Welsh letters outside GSM (ŵ, â) survive Notify's downgrade and force UCS-2."""
    notify = profile_named("notify")
    assert notify.prepare("Croeso i Gymru, ŵyr â ’r") == "Croeso i Gymru, ŵyr â 'r"
    assert notify.analyze("prêt").encoding is Encoding.UCS2


def test_twilio_smart_encoding_saves_segments() -> None:
    """With Smart Encoding a curly apostrophe no longer forces UCS-2."""
    text = "Aujourd’hui " * 10
    plain, smart = (
        profile_named("twilio").analyze(text),
        profile_named("twilio-smart").analyze(text),
    )
    assert (plain.encoding, smart.encoding) == (Encoding.UCS2, Encoding.GSM7)
    assert smart.segments < plain.segments


@pytest.mark.parametrize(
    ("mode", "text", "sent", "added"),
    [
        (LineBreaks.AS_TYPED, "a\nb\r\nc", "a\nb\r\nc", 0),
        (LineBreaks.CRLF, "a\nb\r\nc\rd", "a\r\nb\r\nc\r\nd", 2),
        (LineBreaks.LF, "a\nb\r\nc\rd", "a\nb\nc\nd", -1),
    ],
)
def test_line_break_rules(mode: LineBreaks, text: str, sent: str, added: int) -> None:
    """Each line-break rule sends the expected text and reports the characters it adds."""
    result = Profile(name="x", line_breaks=mode).analyze(text)
    assert result.sent == sent
    assert result.line_breaks_added == added


def test_crlf_rule_can_cost_a_segment() -> None:
    """Counting LF as CRLF pushes a 160-septet text with a line break into 2 segments."""
    text = "a" * 79 + "\n" + "a" * 80
    assert analyze(text).segments == 1
    result = Profile(name="crlf", line_breaks=LineBreaks.CRLF).analyze(text)
    assert result.segments == 2
    assert result.reasons[0] == "line breaks sent as crlf: adds 1 character"


def test_national_tables_honoured() -> None:
    """A profile that honours the Turkish tables sends Turkish text in GSM-7."""
    text = "Güzel bir gün, İstanbul’dan selamlar: ğüşıöç"
    plain = Profile(name="plain").analyze(text)
    turkish = Profile(name="tr", languages=(NationalLanguage.TURKISH,)).analyze(
        text.replace("’", "'")
    )
    assert plain.encoding is Encoding.UCS2
    assert turkish.encoding is Encoding.GSM7
    assert any("national language tables" in r for r in turkish.reasons)


# --- limits ----------------------------------------------------------------------


def test_limits_blocking_and_advised() -> None:
    """Maxima are blocking (ok is False); advised limits are not."""
    long = profile_named("twilio").analyze("a" * 1601)
    assert not long.ok
    assert [h.blocking for h in long.limits_hit] == [True, False]
    assert str(long.limits_hit[0]) == "1,601 characters > 1,600 (refused)"
    advised = profile_named("twilio").analyze("a" * 400)
    assert advised.ok
    assert advised.limits_hit[0].kind is LimitKind.ADVISED_CHARACTERS


def test_max_segments_limit() -> None:
    """A profile capped at 10 parts reports the 11th as a blocking limit."""
    ten = Profile(name="ten", max_segments=10)
    assert ten.analyze("a" * 153 * 10).ok
    over = ten.analyze("a" * (153 * 10 + 1))
    assert [h.kind for h in over.limits_hit] == [LimitKind.MAX_SEGMENTS]


def test_more_than_255_segments_is_a_limit_for_analyze() -> None:
    """analyze() counts a text beyond 255 parts and reports the limit; split() refuses it."""
    text = "a" * (153 * 255 + 1)
    for name in PROFILES:
        result = profile_named(name).analyze(text)
        assert not result.ok, name
        assert result.limits_hit[0].kind is LimitKind.MAX_SEGMENTS, name
        with pytest.raises(MessageTooLong):
            profile_named(name).split(text)


def test_255_parts_split() -> None:
    """Exactly 255 parts are split by every cut."""
    text = "a" * (153 * 255)
    for name in ("spec", "smpp", "naive"):
        assert len(profile_named(name).split(text)) == 255, name
    assert len(profile_named("smpp-bytes").split("a" * (134 * 255))) == 255


# --- sender rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sender", "problem"),
    [
        ("MaBoutique", None),
        ("Ma Boutique", None),
        ("33612345678", None),
        ("1234567890123456", "a numeric sender id has at most 15 digits"),
        ("MaBoutique12", "an alphanumeric sender id has at most 11 characters"),
        ("12 34", "an alphanumeric sender id needs at least one letter"),
        ("Café", "an alphanumeric sender id holds only letters, digits and spaces: 'é'"),
        ("", "the sender id is empty"),
    ],
)
def test_sender_rules(sender: str, problem: str | None) -> None:
    """The default sender rules: 11 alphanumeric or 15 digits, at least one letter."""
    assert profile_named("twilio").sender_problem(sender) == problem


@pytest.mark.parametrize(
    ("sender", "code"),
    [
        ("   ", "sender.empty"),
        ("1234567890123456", "sender.too_long"),
        ("TwelveLetter", "sender.too_long"),
        ("Ma-Boutique", "sender.invalid_character"),
        ("12 34", "sender.no_letter"),
        ("Ma Boutique", None),
    ],
)
def test_sender_issue_codes(sender: str, code: str | None) -> None:
    """SenderRules.issue() gives the campaign check's codes."""
    found = SenderRules().issue(sender)
    assert (found[0] if found else None) == code


def test_notify_sender_allows_its_punctuation() -> None:
    """Notify accepts & . - _ in a sender id (its admin tests: UK_GOV, blood.co.uk)."""
    notify = profile_named("notify")
    assert notify.sender_problem("UK_GOV") is None
    assert notify.sender_problem("blood.co.uk") is None
    assert notify.sender_problem("###") is not None
    assert profile_named("twilio").sender_problem("UK_GOV") is not None


# --- the value and its errors ------------------------------------------------------


def test_profile_is_frozen_and_keyword_only() -> None:
    """A Profile cannot be changed after creation, nor built positionally."""
    with pytest.raises(FrozenInstanceError):
        profile_named("spec").max_segments = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        Profile("x")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("options", "option"),
    [
        ({"cut": "word"}, "cut"),
        ({"max_segments": 0}, "max_segments"),
        ({"max_segments": 256}, "max_segments"),
        ({"smart_encoding": "loud"}, "smart_encoding"),
        ({"unmappable": "ç"}, "unmappable"),
        ({"gsm7_part_septets": 134}, "cut"),
        ({"languages": ("klingon",)}, "languages"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_values_are_invalid_options(options: dict[str, Any], option: str) -> None:
    """A right-typed but bad field value is an InvalidOption naming the field."""
    options.setdefault("name", "x")
    with pytest.raises(InvalidOption) as info:
        Profile(**options)
    assert info.value.option == option


@pytest.mark.parametrize(
    "options",
    [
        {"max_segments": "10"},
        {"strip": 1},
        {"max_segments": True},
        {"languages": "tr"},
        {"cut": 3},
        {"line_breaks": None},
    ],
)
def test_wrong_types_are_type_errors(options: dict[str, Any]) -> None:
    """A wrong field type is a TypeError, per the option policy."""
    with pytest.raises(TypeError):
        Profile(name="x", **options)


def test_lone_surrogate_is_invalid_character() -> None:
    """A lone surrogate is the documented InvalidCharacter, for every profile."""
    for profile in PROFILES.values():
        with pytest.raises(InvalidCharacter):
            profile.analyze("a\ud800b")


def test_profile_named_suggests() -> None:
    """An unknown built-in name is an InvalidOption with the closest name."""
    with pytest.raises(InvalidOption, match="did you mean 'notify'"):
        profile_named("notfy")
    with pytest.raises(TypeError):
        resolve_profile(3)  # type: ignore[arg-type]
    assert resolve_profile("smpp") is PROFILES["smpp"]


def test_every_builtin_cites_a_source() -> None:
    """Each built-in carries its public sources and a docstring in the module."""
    import smsparts.profiles as module

    for profile in PROFILES.values():
        assert profile.sources, profile.name
        assert profile.summary, profile.name
    text = Path(module.__file__).read_text(encoding="utf-8")
    for constant in ("SPEC", "TWILIO", "TWILIO_SMART", "SMPP", "SMPP_BYTES", "SMPPLIB", "NOTIFY"):
        assert f"\n{constant}: Final = " in text
    assert set(PROFILES) >= {"spec", "twilio", "smpp", "smpp-bytes", "notify", "naive"}


# --- custom profiles -------------------------------------------------------------


def test_load_toml_profile(tmp_path: Path) -> None:
    """A TOML file starting from a built-in overrides the keys it gives."""
    path = tmp_path / "aggregator.toml"
    path.write_text(
        'name = "aggregator"\nbase = "twilio"\nmax_segments = 10\n'
        'line_breaks = "crlf"\nlanguages = ["turkish"]\nsender_alphanumeric_max = 9\n',
        encoding="utf-8",
    )
    profile = load_profile(path)
    assert profile.max_segments == 10
    assert profile.max_characters == 1600  # from twilio
    assert profile.line_breaks is LineBreaks.CRLF
    assert profile.languages == (NationalLanguage.TURKISH,)
    assert profile.sender.alphanumeric_max == 9
    assert profile.sender_problem("TenLetters") is not None


def test_load_json_profile(tmp_path: Path) -> None:
    """A JSON file with a byte cut builds the same kind of profile."""
    path = tmp_path / "gw.json"
    data = {
        "name": "gw",
        "cut": "bytes",
        "gsm7_single_septets": 140,
        "gsm7_part_septets": 134,
        "sources": ["our gateway's manual"],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    profile = load_profile(path)
    assert profile.cut is Cut.BYTES
    assert profile.analyze("a" * 157).segments == 2


def test_unknown_key_names_line_and_suggests(tmp_path: Path) -> None:
    """An unknown key is an InvalidOption naming its line and the closest key."""
    path = tmp_path / "p.toml"
    path.write_text('name = "p"\n\nmax_segment = 10\n', encoding="utf-8")
    with pytest.raises(InvalidOption) as info:
        load_profile(path)
    assert str(info.value) == (
        "max_segment (line 3) must be a known key (did you mean 'max_segments'?), not 10"
    )


def test_bad_value_names_line(tmp_path: Path) -> None:
    """A bad value in a file names the key and its line."""
    path = tmp_path / "p.toml"
    path.write_text('name = "p"\ncut = "words"\n', encoding="utf-8")
    with pytest.raises(InvalidOption) as info:
        load_profile(path)
    assert info.value.option == "cut (line 2)"


def test_bad_base_and_bad_files(tmp_path: Path) -> None:
    """A bad base, invalid TOML or JSON, and a non-table document are InvalidOption."""
    with pytest.raises(InvalidOption, match="did you mean 'twilio'"):
        profile_from_mapping({"name": "x", "base": "twillio"})
    with pytest.raises(InvalidOption, match="given: a custom profile needs a name"):
        profile_from_mapping({"base": "twilio"})
    bad_toml = tmp_path / "a.toml"
    bad_toml.write_text("name = \n", encoding="utf-8")
    with pytest.raises(InvalidOption, match="valid TOML"):
        load_profile(bad_toml)
    bad_json = tmp_path / "a.json"
    bad_json.write_text('{"name": "x",\n "cut": }', encoding="utf-8")
    with pytest.raises(InvalidOption, match=r"a\.json \(line 2\)"):
        load_profile(bad_json)
    array = tmp_path / "b.json"
    array.write_text("[1]", encoding="utf-8")
    with pytest.raises(InvalidOption, match="a table"):
        load_profile(array)
    with pytest.raises(TypeError):
        profile_from_mapping([("name", "x")])  # type: ignore[arg-type]


def test_wrong_type_in_file_names_line(tmp_path: Path) -> None:
    """A wrongly typed value in a file is a TypeError naming its line."""
    path = tmp_path / "p.toml"
    path.write_text('name = "p"\nstrip = "yes"\n', encoding="utf-8")
    with pytest.raises(TypeError, match="line 2: strip must be a bool"):
        load_profile(path)


# --- comparison ------------------------------------------------------------------


def test_compare_all_builtins_table() -> None:
    """compare() lists every built-in; the table has one line per profile."""
    comparison = compare("]" * 153)
    assert [r.profile.name for r in comparison.rows] == list(PROFILES)
    lines = comparison.table().splitlines()
    assert lines[0].split()[:5] == ["profile", "encoding", "units", "chars", "segments"]
    assert len(lines) == 1 + len(PROFILES)
    naive = next(line for line in lines if line.startswith("naive "))
    assert naive.split()[1:5] == ["gsm7", "306", "153", "2"]


def test_compare_as_dict_is_json() -> None:
    """Comparison.as_dict() round-trips through JSON with the billed counts."""
    data = json.loads(json.dumps(compare("a" * 1601, ["spec", "twilio"]).as_dict()))
    assert data["characters"] == 1601
    twilio = data["profiles"][1]
    assert twilio["profile"] == "twilio"
    assert twilio["segments"] == 11
    assert twilio["limits_hit"][0] == {
        "kind": "max_characters",
        "limit": 1600,
        "value": 1601,
        "blocking": True,
    }


def test_compare_custom_profile_and_errors() -> None:
    """compare() accepts Profile values, and rejects unknown names and non-str text."""
    custom = Profile(name="custom", cut=Cut.NAIVE)
    assert compare("hi", [custom]).rows[0].profile is custom
    with pytest.raises(InvalidOption):
        compare("hi", ["nope"])
    with pytest.raises(TypeError):
        compare(b"hi")  # type: ignore[arg-type]


def test_segments_are_core_segments() -> None:
    """Profile.as_segments() gives core Segment values (for split(profile=...))."""
    segs = profile_named("naive").as_segments("a" * 161)
    assert [s.units for s in segs] == [153, 8]
    assert all(s.encoding is Encoding.GSM7 for s in segs)


def test_custom_sender_rules_value() -> None:
    """SenderRules is a value: equal rules compare equal."""
    assert SenderRules() == SenderRules(alphanumeric_max=11, numeric_max=15)


def test_compare_many_over_a_rendered_template() -> None:
    """compare_many() bills a template rendered per contact, one row per profile."""
    template = Template(
        "Bonjour @prenom, votre colis [réf. {@nom}] est arrivé. Retrait au point relais "
        "avant samedi 18h, muni d'une pièce d'identité. Merci !"
    )
    contacts = [
        {"phone": "33612345678", "firstName": "Zoé", "lastName": "Lefèvre"},
        {"phone": "33612345679", "firstName": "François", "lastName": "Dupont"},
    ]
    totals = compare_many((template.render(c) for c in contacts), ["spec", "notify"])
    spec, notify = totals.rows
    assert (spec.messages, spec.segments) == (2, 4)  # 'ç' sends the second in UCS-2: 1 + 3
    assert (notify.segments, notify.extra_segments) == (2, -2)
    lines = totals.table().splitlines()
    assert lines[0].split() == [
        "profile",
        "messages",
        "segments",
        "vs",
        "spec",
        "refused",
        "corrupting",
        "differing",
    ]
    assert lines[2].split() == ["notify", "2", "2", "-2", "0", "0", "1"]
    rows = totals.as_dict()["profiles"]
    assert isinstance(rows, list)
    assert rows[1]["spec_segments"] == 4


def test_compare_wants_an_iterable_of_profiles() -> None:
    """A single name where a list is expected is a TypeError, not 6 one-letter names."""
    with pytest.raises(TypeError):
        compare("hi", "twilio")
    with pytest.raises(TypeError):
        compare_many(["hi"], "twilio")
