"""Classify an international digit string: the slow reference and the fast path.

Private to :mod:`smsparts.phone`.  Both functions take a string of ASCII digits written as
the platform writes a phone (country calling code first, no ``+``) and return a
:class:`Classified` with what ``phonenumbers`` says of ``"+" + digits``:

* :func:`classify_slow` asks ``phonenumbers`` itself (``parse``, ``is_valid_number``,
  ``region_code_for_number``, ``number_type``, ``is_possible_number_with_reason``);
* :func:`classify` is the fast path (added below): the same answer from regular
  expressions precompiled at first use from ``phonenumbers``' own metadata.

``phonenumbers`` is imported here; :mod:`smsparts.phone` turns a missing package into an
``ImportError`` that names the extra.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, ValidationResult
from phonenumbers.phonenumberutil import _extract_country_code

__all__ = [
    "INVALID",
    "INVALID_LENGTH",
    "TOO_LONG",
    "TOO_SHORT",
    "UNKNOWN_COUNTRY",
    "VALID",
    "Classified",
    "classify",
    "classify_slow",
]

# Outcomes of the classification (the public issue codes are chosen in smsparts.phone).
VALID: Final = "valid"
UNKNOWN_COUNTRY: Final = "unknown_country"
TOO_SHORT: Final = "too_short"
TOO_LONG: Final = "too_long"
INVALID_LENGTH: Final = "invalid_length"
INVALID: Final = "invalid"


class Classified(NamedTuple):
    """What ``phonenumbers`` says of ``"+" + digits`` (a hot-path value: a named tuple)."""

    outcome: str  # one of the constants above
    country_code: int  # 0 when no country calling code was recognised
    nsn: str  # national significant number ("" when no country code was recognised)
    region: str | None  # region_code_for_number, for a valid number only
    number_type: str | None  # lower-case PhoneNumberType name, for a valid number only


# PhoneNumberType value -> lower-case name ("mobile", "fixed_line_or_mobile", ...).
TYPE_NAMES: Final[dict[int, str]] = {
    value: PhoneNumberType.to_string(value).lower() for value in PhoneNumberType.values()
}

_PARSE_OUTCOMES: Final[dict[int, str]] = {
    NumberParseException.INVALID_COUNTRY_CODE: UNKNOWN_COUNTRY,
    NumberParseException.NOT_A_NUMBER: TOO_SHORT,  # "+d" and "+dd": fewer than 3 digits
    NumberParseException.TOO_SHORT_AFTER_IDD: TOO_SHORT,
    NumberParseException.TOO_SHORT_NSN: TOO_SHORT,
    NumberParseException.TOO_LONG: TOO_LONG,
}

_REASON_OUTCOMES: Final[dict[int, str]] = {
    ValidationResult.IS_POSSIBLE: INVALID,
    ValidationResult.IS_POSSIBLE_LOCAL_ONLY: TOO_SHORT,  # a local number without its area code
    ValidationResult.TOO_SHORT: TOO_SHORT,
    ValidationResult.TOO_LONG: TOO_LONG,
    ValidationResult.INVALID_LENGTH: INVALID_LENGTH,
    ValidationResult.INVALID_COUNTRY_CODE: UNKNOWN_COUNTRY,
}


def classify_slow(digits: str) -> Classified:
    """The reference: ``phonenumbers`` itself on ``"+" + digits`` (about 50 µs a number)."""
    try:
        number = phonenumbers.parse("+" + digits, None)
    except NumberParseException as exc:
        outcome = _PARSE_OUTCOMES[exc.error_type]
        if outcome == UNKNOWN_COUNTRY or len(digits) < 3:
            return Classified(outcome, 0, "", None, None)
        # Too short or too long after the country code: say which country code it was.
        country_code, rest = _extract_country_code(digits)
        return Classified(outcome, country_code, rest if country_code else "", None, None)
    country_code = int(number.country_code or 0)
    nsn = phonenumbers.national_significant_number(number)
    if phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_number(number)
        kind = TYPE_NAMES[phonenumbers.number_type(number)]
        return Classified(VALID, country_code, nsn, region, kind)
    reason = phonenumbers.is_possible_number_with_reason(number)
    return Classified(_REASON_OUTCOMES[reason], country_code, nsn, None, None)


classify = classify_slow
