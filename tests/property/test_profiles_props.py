"""Properties of provider profiles, checked against an independent model.

What is proved here, precisely:

* For the ``naive`` and ``bytes`` built-ins (``naive``, ``notify``, ``smpp-bytes``,
  ``smpplib``), and for any profile whose part capacities are at most the spec's
  (160/153 septets, 70/67 code units): the spec's count with
  code point boundaries, ``analyze(sent, boundary="codepoint").segments``, is never
  more than the number of parts those capacities need when no escape pair and no
  surrogate pair is cut (counted greedily below, character by character; a part larger
  than its capacity, as smpplib sends, is not "without corrupting").  With grapheme
  boundaries (the spec profile) the same holds for every GSM-7 text; for UCS-2 text a
  grapheme cluster may cost the spec a part that a code point cut saves (the flag
  vector in tests/vectors/profiles.json), which is the spec keeping clusters whole.
* The ``grapheme`` and ``codepoint`` profiles never end a part inside an escape pair
  (an unpacked GSM part never ends with ESC 0x1B) or a surrogate pair (a UTF-16BE part
  never ends with a high surrogate).
* Any text gives a result or the documented ``InvalidCharacter`` (a lone surrogate),
  for every built-in; the parts join back to the text sent, their units sum to the
  billed units and their number is the billed count.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smsparts import Encoding, InvalidCharacter, analyze
from smsparts.charset import DEFAULT
from smsparts.profiles import PROFILES, Cut, Profile, compare, compare_many, profile_named

from ..strategies import any_texts, gsm_texts, mixed_texts

NAMES = st.sampled_from(sorted(PROFILES))
SPEC_CAPACITY = {Encoding.GSM7: (160, 153), Encoding.UCS2: (70, 67)}


def cost(ch: str, encoding: Encoding) -> int:
    """Units of one character from first principles: ESC pairs 2, astral characters 2."""
    if encoding is Encoding.GSM7:
        return 1 if ch in DEFAULT.basic else 2
    return 2 if ord(ch) > 0xFFFF else 1


def uncorrupted_parts(text: str, encoding: Encoding, single: int, part: int) -> int:
    """Parts needed with these capacities when no character's units are split."""
    units = sum(cost(ch, encoding) for ch in text)
    if units <= single:
        return 1
    count, used = 1, 0
    for ch in text:
        width = cost(ch, encoding)
        if used + width > part:
            count, used = count + 1, 0
        used += width
    return count


@st.composite
def capacity_profiles(draw: st.DrawFn) -> Profile:
    """A naive or bytes profile with capacities at most the spec's."""
    gsm_part = draw(st.integers(2, 153))
    ucs2_part = draw(st.integers(2, 67))
    return Profile(
        name="drawn",
        cut=draw(st.sampled_from([Cut.NAIVE, Cut.BYTES])),
        gsm7_single_septets=draw(st.integers(gsm_part, 160)),
        gsm7_part_septets=gsm_part,
        ucs2_single_code_units=draw(st.integers(ucs2_part, 70)),
        ucs2_part_code_units=ucs2_part,
    )


@given(
    mixed_texts,
    st.one_of(
        st.sampled_from(["naive", "notify", "smpp-bytes", "smpplib"]).map(profile_named),
        capacity_profiles(),
    ),
)
def test_spec_never_needs_more_than_an_uncorrupting_splitter(text: str, profile: Profile) -> None:
    """Spec (code point boundaries) <= parts any smaller-capacity splitter needs intact."""
    sent = profile.prepare(text)
    spec = analyze(sent, boundary="codepoint")
    single, part = (
        (profile.gsm7_single_septets, profile.gsm7_part_septets)
        if spec.encoding is Encoding.GSM7
        else (profile.ucs2_single_code_units, profile.ucs2_part_code_units)
    )
    assert spec.segments <= uncorrupted_parts(sent, spec.encoding, single, part)


@given(gsm_texts, capacity_profiles())
def test_spec_profile_gsm_never_more_than_uncorrupting_splitter(
    text: str, profile: Profile
) -> None:
    """For GSM-7 text the spec profile itself (grapheme) needs no more parts."""
    spec = profile_named("spec").analyze(text)
    assert spec.encoding is Encoding.GSM7
    needed = uncorrupted_parts(text, Encoding.GSM7, *SPEC_CAPACITY[Encoding.GSM7])
    assert spec.segments == needed  # greedy with the spec's own capacities is exact
    smaller = uncorrupted_parts(
        text, Encoding.GSM7, profile.gsm7_single_septets, profile.gsm7_part_septets
    )
    assert spec.segments <= smaller


@given(mixed_texts, st.sampled_from(["spec", "twilio", "smpp"]))
def test_pair_keeping_profiles_never_cut_a_pair(text: str, name: str) -> None:
    """Grapheme and code point profiles never end a part inside an escape or surrogate pair."""
    parts = profile_named(name).split(text)
    for p in parts:
        assert not p.corrupts
        if p.encoding is Encoding.GSM7:
            assert not p.octets.endswith(b"\x1b")
        elif len(p.octets) >= 2:
            assert not 0xD8 <= p.octets[-2] <= 0xDB


@given(any_texts, NAMES)
def test_any_text_gives_a_result_or_invalid_character(text: str, name: str) -> None:
    """Every built-in answers any str, or raises the documented InvalidCharacter."""
    profile = profile_named(name)
    try:
        result = profile.analyze(text)
    except InvalidCharacter:
        assert any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
        return
    parts = profile.split(text)
    assert "".join(p.text for p in parts) == result.sent
    assert sum(p.units for p in parts) == result.units
    assert len(parts) == result.segments
    assert result.characters == len(result.sent)
    assert all(p.units <= p.capacity or len(parts) == 1 for p in parts)


@given(mixed_texts, NAMES)
def test_count_is_analyze_billed(text: str, name: str) -> None:
    """Profile.count() (the fast path) equals the billed analysis of Profile.analyze()."""
    profile = profile_named(name)
    assert profile.count(text) == profile.analyze(text).billed


@given(st.lists(mixed_texts, max_size=5))
def test_compare_many_sums_compare(texts: list[str]) -> None:
    """compare_many() totals are the sums of each text's compare() row, per profile."""
    totals = compare_many(texts)
    rows = [compare(t).rows for t in texts]
    for i, total in enumerate(totals.rows):
        mine = [r[i] for r in rows]
        assert total.messages == len(texts)
        assert total.segments == sum(r.segments for r in mine)
        assert total.spec_segments == sum(r.spec.segments for r in mine)
        assert total.refused == sum(not r.ok for r in mine)
        assert total.corrupting == sum(r.corrupts for r in mine)
        assert total.differing == sum(r.segments != r.spec.segments for r in mine)
