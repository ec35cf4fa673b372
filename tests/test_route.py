"""One object for a route's options everywhere (issue 10).

Every function that counts or builds a message takes ``route=`` or the route keywords
(``None`` meaning "not given"), combined by :meth:`Route.from_options`: the same result
either way, the same ``TypeError`` for both at once, the same ``InvalidOption`` for a
bad value.  Routes are built here from options whose meaning the spec gives (23.038
6.2.1.2.4 national tables, 23.040 9.2.3.24.1 / .8 reference sizes); the expected
results are each function's own keyword results, so what is tested is the agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from smsparts import (
    Encoding,
    InvalidOption,
    NationalLanguage,
    Route,
    Template,
    UnencodableCharacter,
    analyze,
    savings_report,
    split,
    transliterate,
)
from smsparts.pdu import encode_data, encode_message

_TEMPLATE = Template("Bonjour @prenom, votre code: @code")
_CONTACT = {"firstName": "Zoë", "code": "ça"}

#: name -> a call taking the route options as keywords (the text is fixed per entry).
ENTRY_POINTS: dict[str, Callable[..., object]] = {
    "analyze": lambda **kw: analyze("Şükran, ça va? " * 12, **kw),
    "split": lambda **kw: split("Şükran, ça va? " * 12, **kw),
    "Template.analyze": lambda **kw: _TEMPLATE.analyze(_CONTACT, **kw),
    "transliterate": lambda **kw: transliterate("C’est l’été… Şükran " * 8, **kw),
    "savings_report": lambda **kw: savings_report("l’été ş " * 20, **kw),
    "encode_message": lambda **kw: encode_message("Şükran, ça va? " * 12, reference=9, **kw),
}

ROUTES: list[dict[str, Any]] = [
    {},
    {"reference_bits": 16},
    {"boundary": "codepoint"},
    {"languages": [NationalLanguage.TURKISH]},
    {"single_shift": NationalLanguage.TURKISH, "reference_bits": 16},
    {"locking_shift": [1], "languages": (NationalLanguage.SPANISH,)},
    {"encoding": Encoding.UCS2, "boundary": "grapheme"},
]


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("options", ROUTES, ids=lambda o: ",".join(o) or "default")
def test_route_equals_its_keywords(name: str, options: dict[str, Any]) -> None:
    """route=Route(**options) gives the same result as the options as keywords."""
    call = ENTRY_POINTS[name]
    assert call(route=Route(**options)) == call(**options)


@pytest.mark.parametrize("bits", [None, 8, 16])
def test_encode_data_route_equals_reference_bits(bits: int | None) -> None:
    """encode_data(route=Route(reference_bits=b)) is encode_data(reference_bits=b)."""
    data = bytes(range(256))
    by_route = encode_data(data, reference=7, route=Route(reference_bits=bits))
    assert by_route == encode_data(data, reference=7, reference_bits=bits)
    header = by_route[0].header
    assert header is not None
    assert header.elements[0].iei == (0x08 if bits == 16 else 0x00)  # 23.040 9.2.3.24.8 / .1


def _analyze_error(**options: Any) -> BaseException:
    with pytest.raises((TypeError, InvalidOption)) as caught:
        analyze("x", **options)
    return caught.value


ALL_ENTRY_POINTS = {
    **ENTRY_POINTS,
    "encode_data": lambda **kw: encode_data(b"\x01", **kw),
}


BOTH = [(name, "boundary") for name in sorted(ENTRY_POINTS)] + [
    (name, "reference_bits") for name in sorted(ALL_ENTRY_POINTS)
]


@pytest.mark.parametrize(("name", "keyword"), BOTH)
def test_route_with_a_keyword_is_the_analyze_type_error(name: str, keyword: str) -> None:
    """route= together with a route keyword is the TypeError analyze raises, same text."""
    value = {"boundary": "codepoint", "reference_bits": 16}[keyword]
    expected = _analyze_error(route=Route(), **{keyword: value})
    assert type(expected) is TypeError
    with pytest.raises(TypeError) as caught:
        ALL_ENTRY_POINTS[name](route=Route(), **{keyword: value})
    assert str(caught.value) == str(expected)


BAD_VALUES: list[dict[str, Any]] = [
    {"reference_bits": 7},
    {"boundary": "word"},
    {"encoding": "utf8"},
    {"languages": [14]},
    {"locking_shift": [NationalLanguage.SPANISH]},
    {"single_shift": "turkish"},
]


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
@pytest.mark.parametrize("options", BAD_VALUES, ids=lambda o: ",".join(o))
def test_bad_value_is_the_analyze_invalid_option(name: str, options: dict[str, Any]) -> None:
    """A right-typed bad option value is the InvalidOption analyze raises, same text."""
    expected = _analyze_error(**options)
    assert isinstance(expected, InvalidOption)
    with pytest.raises(InvalidOption) as caught:
        ENTRY_POINTS[name](**options)
    assert str(caught.value) == str(expected)


def test_encode_data_bad_reference_bits_is_an_invalid_option() -> None:
    """encode_data(reference_bits=7) is the InvalidOption of the shared policy."""
    with pytest.raises(InvalidOption, match="reference_bits must be 8 or 16, not 7"):
        encode_data(b"\x01", reference_bits=7)


@pytest.mark.parametrize("name", sorted(ALL_ENTRY_POINTS))
def test_route_of_the_wrong_type_is_a_type_error(name: str) -> None:
    """route= that is not a Route is a TypeError naming route."""
    with pytest.raises(TypeError, match="route must be a Route or None, not dict"):
        ALL_ENTRY_POINTS[name](route={"reference_bits": 16})


def test_reference_checked_against_the_route_reference_size() -> None:
    """A 16-bit route takes a reference above 255; an 8-bit one refuses it."""
    text = "a" * 161
    (first, _) = encode_message(text, reference=0x1234, route=Route(reference_bits=16))
    assert first.header is not None
    assert first.header.to_bytes().hex() == "06080412340201"  # 23.040 9.2.3.24.8
    with pytest.raises(InvalidOption, match="reference"):
        encode_message(text, reference=0x1234)


def test_transliterate_with_a_forced_encoding_counts_in_it() -> None:
    """A forced encoding counts both texts in it; forced GSM-7 on ç is UnencodableCharacter."""
    forced = transliterate("C’est l’été", route=Route(encoding=Encoding.UCS2))
    assert (forced.before.encoding, forced.after.encoding) == (Encoding.UCS2, Encoding.UCS2)
    assert forced.level is None  # the same segments in UCS-2: nothing gained
    with pytest.raises(UnencodableCharacter):
        transliterate("中", encoding=Encoding.GSM7)
