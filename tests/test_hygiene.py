"""Input hygiene: warnings about line breaks, invisible characters, trailing spaces."""

from __future__ import annotations

import pytest

from smsparts.hygiene import (
    MAX_WARNING_POSITIONS,
    Culprit,
    TextWarning,
    group_culprits,
    text_warnings,
)

from . import scaling


def codes(text: str) -> list[str]:
    return [w.code for w in text_warnings(text)]


def test_clean_text_has_no_warning() -> None:
    """A plain message with LF line breaks gets no warning."""
    assert text_warnings("Bonjour Zoé,\nà demain !") == ()


def test_crlf_is_named_with_positions_and_count() -> None:
    """Each CRLF is found; the warning says it counts as two characters."""
    (warning,) = text_warnings("a\r\nb\r\nc")
    assert warning == TextWarning(
        code="newline.crlf",
        message="2 CRLF line breaks (Windows style): each one is sent and counted as 2 characters",
        positions=(1, 4),
        count=2,
    )


def test_lone_cr_and_mixed_styles() -> None:
    """A lone CR is its own warning, and several styles in one text are called mixed."""
    warnings = text_warnings("a\r\nb\nc\rd")
    assert [w.code for w in warnings] == ["newline.crlf", "newline.cr", "newline.mixed"]
    assert warnings[1].positions == (6,)
    assert warnings[2].message == "mixed line breaks: CRLF ×1, CR ×1, LF ×1"
    assert warnings[2].positions == (1, 4, 6)
    assert warnings[2].count == 3


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\u200b", "zero-width space"),
        ("\u200c", "zero-width non-joiner"),
        ("\u200d", "zero-width joiner"),
        ("\ufeff", "byte-order mark (zero-width no-break space)"),
        ("\u2060", "word joiner"),
        ("\u00ad", "soft hyphen"),
        ("\u00a0", "no-break space"),
        ("\u202f", "narrow no-break space"),
        ("\u200e", "left-to-right mark"),
    ],
    ids=["zwsp", "zwnj", "zwj", "bom", "wj", "shy", "nbsp", "nnbsp", "lrm"],
)
def test_each_invisible_kind_is_named(char: str, kind: str) -> None:
    """Every invisible character is reported with its kind and code point."""
    (warning,) = text_warnings(f"Prix{char}: 10")
    assert warning.code == "invisible"
    assert warning.positions == (4,)
    assert warning.message == f"1 invisible character: {kind} (U+{ord(char):04X}) ×1"


def test_invisible_kinds_counted_in_order_of_first_occurrence() -> None:
    """Several kinds are listed each with its own count."""
    (warning,) = text_warnings("a\u00a0b\u200bc\u00a0d")
    assert warning.count == 3
    assert warning.positions == (1, 3, 5)
    assert warning.message == (
        "3 invisible characters: no-break space (U+00A0) ×2, zero-width space (U+200B) ×1"
    )


@pytest.mark.parametrize(
    "emoji",
    [
        "\U0001f469\u200d\U0001f4bb",  # woman technologist (ZWJ sequence)
        "\U0001f468\U0001f3fd\u200d\U0001f9b0",  # man, medium skin tone, red hair
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England
        "\u2764\ufe0f\u200d\U0001f525",  # heart on fire
    ],
    ids=["zwj", "modifier-zwj", "tag-flag", "vs16-zwj"],
)
def test_joiners_and_tags_inside_emoji_sequences_are_not_reported(emoji: str) -> None:
    """UTS #51 emoji sequences use ZWJ and tag characters on purpose."""
    assert text_warnings(f"Bravo {emoji} !") == ()


def test_zwj_between_letters_is_reported() -> None:
    """A ZWJ outside an emoji sequence is invisible content."""
    (warning,) = text_warnings("a\u200db \U0001f600\u200d")
    assert warning.positions == (1, 5)


def test_trailing_spaces_before_line_breaks_and_at_the_end() -> None:
    """Runs of spaces or tabs that end a line are found once each, from their start."""
    (warning,) = text_warnings("un \t\ndeux\ntrois  ")
    assert warning.code == "trailing_space"
    assert warning.positions == (2, 15)
    assert warning.count == 2
    assert warning.message == "4 spaces or tabs at the end of 2 lines: sent and counted"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the message is empty"),
        ("  \n ", "the message holds only whitespace or invisible characters"),
        ("\u200b", "the message holds only whitespace or invisible characters"),
    ],
    ids=["empty", "spaces", "zwsp"],
)
def test_empty_message(text: str, message: str) -> None:
    """An empty or blank message is reported first (it would be billed one segment)."""
    warnings = text_warnings(text)
    assert warnings[0].code == "empty"
    assert warnings[0].message == message
    assert "trailing_space" not in [w.code for w in warnings]


def test_positions_are_capped_but_count_is_total() -> None:
    """At most MAX_WARNING_POSITIONS positions are kept; the count has them all."""
    (warning,) = text_warnings("x\u00a0" * 100)
    assert warning.count == 100
    assert warning.positions == tuple(range(1, 2 * MAX_WARNING_POSITIONS, 2))


def test_wrong_type_is_a_type_error() -> None:
    """A non-str text is a TypeError (the shared option policy)."""
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        text_warnings(b"abc")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "unit",
    [" ", "\u200d", "\U0001f600\u200d", "\r\n", " \n", "\u00a0a", "\U0001f3f4\U000e0067"],
    ids=["spaces", "zwj", "emoji-zwj", "crlf", "trailing", "nbsp", "tags"],
)
def test_scaling_is_linear(unit: str) -> None:
    """10x the input takes far less than 100x the time (linear, not quadratic)."""
    # tests/scaling.py: garbage collector paused, a warm-up call, best of several runs
    assert scaling.ratio(lambda n: unit * n + "x", text_warnings, 20_000) < scaling.MAX_RATIO


def test_group_culprits_counts_and_orders() -> None:
    """Culprits are grouped by character, most frequent first, then by first position."""
    pairs = [(3, "ç"), (7, "’"), (9, "ç"), (12, "é"), (15, "’"), (20, "ç")]
    assert group_culprits(pairs) == (
        Culprit(char="ç", count=3, first_positions=(3, 9, 20)),
        Culprit(char="’", count=2, first_positions=(7, 15)),
        Culprit(char="é", count=1, first_positions=(12,)),
    )
    assert ", ".join(str(c) for c in group_culprits(pairs)) == "ç ×3, ’ ×2, é ×1"


def test_group_culprits_keeps_five_first_positions() -> None:
    """A frequent culprit keeps only its first five positions, and its full count."""
    (culprit,) = group_culprits((i, "ç") for i in range(0, 1000, 2))
    assert culprit.count == 500
    assert culprit.first_positions == (0, 2, 4, 6, 8)


def test_group_culprits_ties_by_first_position() -> None:
    """Equal counts keep the order of first occurrence."""
    assert [c.char for c in group_culprits([(5, "b"), (1, "a")])] == ["a", "b"]
