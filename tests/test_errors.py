"""Error classes: hierarchy, attributes and caret excerpts."""

from __future__ import annotations

import pytest

from smsparts.errors import (
    InvalidCharacter,
    MessageTooLong,
    PduDecodeError,
    SmsError,
    UnencodableCharacter,
    caret_excerpt,
)


def test_every_error_is_a_value_error() -> None:
    """SmsError is a ValueError; UnencodableCharacter is also a UnicodeEncodeError."""
    assert issubclass(SmsError, ValueError)
    assert issubclass(UnencodableCharacter, UnicodeEncodeError)
    assert issubclass(UnencodableCharacter, SmsError)
    for cls in (InvalidCharacter, MessageTooLong, PduDecodeError):
        assert issubclass(cls, SmsError)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("Garçon", [(3, 4)], "Garçon\n   ^"),
        ("a\nb\tç", [(4, 5)], "a␊b␉ç\n    ^"),
        ("a\u00a0b", [(1, 2)], "a<U+00A0>b\n ^^^^^^^^"),
        ("e\u0301x", [(1, 2)], "e<U+0301>x\n ^^^^^^^^"),
        ("日本ç", [(2, 3)], "日本ç\n    ^"),
        ("x" * 100 + "ç", [(100, 101)], "…" + "x" * 30 + "ç\n" + " " * 31 + "^"),
        ("ç" + "x" * 100, [(0, 1)], "ç" + "x" * 59 + "…\n^"),
    ],
    ids=["simple", "controls", "nbsp", "combining", "wide", "window-left", "window-right"],
)
def test_caret_excerpt(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    """Invisible and wide characters keep the caret aligned; long inputs are windowed."""
    assert caret_excerpt(text, spans) == expected


def test_unencodable_lists_at_most_ten_characters() -> None:
    """A long list is cut after ten with a count of the rest."""
    err = UnencodableCharacter("ç" * 12, [(i, "ç") for i in range(12)])
    first = str(err).splitlines()[0]
    assert first.startswith("12 characters are not in the GSM 7-bit alphabet: ")
    assert first.endswith("at index 9, and 2 more")


def test_pdu_decode_error_names_field_and_offset() -> None:
    """PduDecodeError keeps the field path and octet offset as attributes."""
    err = PduDecodeError("length beyond the data", field="udh.ie[1].length", offset=7)
    assert (err.field, err.offset) == ("udh.ie[1].length", 7)
    assert str(err) == "udh.ie[1].length at octet 7: length beyond the data"
