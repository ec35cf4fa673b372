"""Phone numbers as the campaign platform takes them: digits only, country code first.

An optional layer: it needs `phonenumbers <https://pypi.org/project/phonenumbers/>`_
(Google's libphonenumber metadata), installed by the ``campaign`` extra
(``pip install 'smsparts[campaign]'``).  ``import smsparts`` never imports it.

The platform writes a phone as the international number without ``+`` or ``00``: the
country calling code, then the national significant number (``2250101010101`` for the
Côte d'Ivoire mobile ``+225 01 01 01 01 01``).  :func:`check_phone` says whether a value
is such a number, and every problem with it at once: a ``+`` or punctuation is an error
that shows the corrected form, and the corrected digits are still validated.

Issue codes (``PhoneIssue.code``), severity in brackets:

``phone.required`` [error]
    ``None``, the empty string or only white space.
``phone.not_text`` [warning or error]
    Not a ``str``.  A non-negative ``int`` (a JSON number) is a *warning*: its digits are
    checked as if written as a string (an international number never starts with ``0``,
    so nothing was lost).  Anything else (``float``, ``bool``, a negative ``int``,
    ``bytes``, ``None`` aside, any other object) is an *error* and nothing is checked.
``phone.plus_sign`` [error]
    Written with a leading ``+`` (or full-width ``＋``); the message shows the form to
    write: ``write 2250101010101, without '+'``.
``phone.international_prefix`` [error]
    Starts with ``00``, the international dialling prefix; the message shows the
    number without it, which is then checked.
``phone.not_digits`` [error]
    Other characters than the ASCII digits.  Separators (white space, ``.``, ``-`` and
    the Unicode dashes, ``(``, ``)``, ``/``, invisible format characters such as U+200E)
    are removed and the message shows the corrected form; so are non-ASCII decimal
    digits (Arabic-Indic, full-width, ...), which the message names (never accepted
    silently).  Any other character (a letter, ``*``, ``#``, a ``+`` not in front, ...)
    is named with its index, and nothing more is checked.
``phone.too_long`` [error]
    More digits than the country's numbering plan has (or more than 100 characters).
``phone.unknown_country`` [error]
    No country calling code starts the number (a number starting with ``0`` is a
    national number: the message says so).
``phone.too_short`` [error]
    Fewer digits than the country's plan (including a local number without its area
    code, which ``phonenumbers`` calls "possible local only").
``phone.invalid_length`` [error]
    Between the shortest and the longest length of the country's plan, but not one
    of its lengths.
``phone.invalid`` [error]
    A possible length, but not a number of the country's plan.
``phone.national_prefix`` [error]
    Valid only once ``phonenumbers`` drops a national (trunk) prefix written after the
    country code (``4402079460123``, from ``+44 (0)20 7946 0123``): the message shows the
    international form (``442079460123``), which is ``normalized``.
``phone.not_mobile`` [warning]
    A valid number of a type SMS does not reliably reach: anything but ``mobile`` and
    ``fixed_line_or_mobile`` (the types for which ``phonenumbers`` cannot tell fixed
    from mobile, as in the US); fixed lines, VoIP, pagers, personal (follow-me),
    toll-free, premium-rate, shared-cost, UAN and voicemail numbers are warnings.

The country, length and validity facts come from ``phonenumbers``: for a digit string,
:func:`check_phone` gives exactly what ``phonenumbers.parse("+" + digits)`` with
``is_valid_number``, ``region_code_for_number``, ``number_type`` and
``is_possible_number_with_reason`` give, through a fast path precompiled from the same
metadata (see ``docs/phone.md``).

>>> check = check_phone("2250101010101")
>>> check.ok, check.normalized, check.region, check.number_type, check.issues
(True, '2250101010101', 'CI', 'mobile', ())
>>> [i.code for i in check_phone("+225 01 01 01 01 01").issues]
['phone.plus_sign', 'phone.not_digits']
>>> check_phone("22500000000").issues[0].code
'phone.too_short'
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import Final, NamedTuple

try:
    import phonenumbers
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "smsparts.phone needs the phonenumbers package: pip install 'smsparts[campaign]'"
    ) from exc

from . import _phonefast
from ._phonefast import Classified

__all__ = ["SMS_NUMBER_TYPES", "PhoneCheck", "PhoneIssue", "check_phone"]

ERROR: Final = "error"
WARNING: Final = "warning"

REQUIRED: Final = "phone.required"
NOT_TEXT: Final = "phone.not_text"
PLUS_SIGN: Final = "phone.plus_sign"
INTERNATIONAL_PREFIX: Final = "phone.international_prefix"
NOT_DIGITS: Final = "phone.not_digits"
UNKNOWN_COUNTRY: Final = "phone.unknown_country"
TOO_SHORT: Final = "phone.too_short"
TOO_LONG: Final = "phone.too_long"
INVALID_LENGTH: Final = "phone.invalid_length"
INVALID: Final = "phone.invalid"
NATIONAL_PREFIX: Final = "phone.national_prefix"
NOT_MOBILE: Final = "phone.not_mobile"

#: The ``number_type`` values SMS reaches without a warning.
SMS_NUMBER_TYPES: Final = frozenset({"mobile", "fixed_line_or_mobile"})

#: Longer strings are not scanned: no phone number is written with 100 characters.
MAX_CHARACTERS: Final = 100


class PhoneIssue(NamedTuple):
    """One problem with a phone value: ``severity`` ``"error"`` or ``"warning"``."""

    severity: str
    code: str
    message: str


class PhoneCheck(NamedTuple):
    """What :func:`check_phone` says of one value.

    ``normalized`` is the platform's form (digits only, country code first, no ``+``)
    of what was given, also when it is invalid; ``None`` when no digits could be taken
    from it.  ``region`` (ISO 3166-1 alpha-2, or ``"001"`` for the non-geographic codes
    such as 800 and 882, as ``phonenumbers`` names them) and ``number_type`` (the
    lower-case ``phonenumbers.PhoneNumberType`` name) are set for a valid number only.
    """

    raw: object
    normalized: str | None
    region: str | None
    number_type: str | None
    issues: tuple[PhoneIssue, ...]

    @property
    def ok(self) -> bool:
        """No error-severity issue (warnings allowed)."""
        return not any(issue.severity == ERROR for issue in self.issues)


# Characters removed with an error that shows the corrected form, by the word the message
# uses for them.  White space and format characters (category Cf) are found by property.
_SEPARATORS: Final[dict[str, str]] = {
    ".": "dots",
    "-": "dashes",
    "\u2010": "dashes",
    "\u2011": "dashes",
    "\u2012": "dashes",
    "\u2013": "dashes",
    "\u2014": "dashes",
    "\u2015": "dashes",
    "\u2212": "dashes",
    "(": "parentheses",
    ")": "parentheses",
    "/": "slashes",
}
_PLUS_SIGNS: Final = frozenset("+\uff0b")


def check_phone(raw: object) -> PhoneCheck:
    """Check one phone value as the platform takes it (digits only, country code first).

    Never raises for any value: every problem is a :class:`PhoneIssue` (codes in the
    module docstring).

    Args:
        raw: the value given for ``phone`` (normally a ``str``).

    Returns:
        A :class:`PhoneCheck`; ``.ok`` is true when no issue is an error.

    >>> check_phone("+2250101010101").issues[0].message
    "written with '+': write 2250101010101, without '+'"
    >>> check_phone("22500000000").issues[0].message
    'too short for CI (country code 225): 8 digits after the country code, CI numbers have 10'
    """
    if type(raw) is str:
        text = raw
    elif isinstance(raw, str):
        text = str.__str__(raw)
    else:
        return _not_text(raw)
    if text.isdigit() and text.isascii():
        # The hot path: a valid SMS number as the platform writes it.  tuple.__new__
        # skips the named tuple's Python-level __new__ (measured: half its cost).
        found = _classify(text)
        outcome, _, nsn, region, kind = found
        if outcome is _VALID and nsn is None and kind in SMS_NUMBER_TYPES:
            return _new(PhoneCheck, (raw, text, region, kind, ()))
        if text.startswith("00"):  # not a country code: classify said unknown_country
            text, issues = _strip_idd(text)
            if not text:
                return PhoneCheck(raw, None, None, None, issues)
            return _check_digits(raw, text, issues)
        return _finish(raw, text, found, ())
    return _check_text(raw, text, ())


_classify = _phonefast.classify
_VALID = _phonefast.VALID
_new = tuple.__new__


def _check_digits(raw: object, digits: str, issues: tuple[PhoneIssue, ...]) -> PhoneCheck:
    """Check a string of ASCII digits; ``issues`` are those found so far."""
    return _finish(raw, digits, _classify(digits), issues)


def _finish(
    raw: object, digits: str, found: Classified, issues: tuple[PhoneIssue, ...]
) -> PhoneCheck:
    """The check of ``digits`` from what phonenumbers says of them."""
    if found.outcome == _phonefast.VALID:
        kind = found.number_type
        if found.nsn is not None:  # parse() dropped a national prefix after the country code
            digits, issue = _national_prefix(digits, found.country_code, found.nsn)
            issues += (issue,)
        if kind not in SMS_NUMBER_TYPES:
            issues += (_not_mobile(kind, found.region),)
        return PhoneCheck(raw, digits, found.region, kind, issues)
    issues += (_invalid_issue(digits, found),)
    return _new(PhoneCheck, (raw, digits, None, None, issues))


def _national_prefix(digits: str, country_code: int, nsn: str) -> tuple[str, PhoneIssue]:
    """The international form of a number written with its national prefix, and the issue."""
    international = f"{country_code}{nsn}"
    national = digits[len(str(country_code)) :]
    if national.endswith(nsn):
        prefix = national[: len(national) - len(nsn)]
        message = (
            f"a national prefix after the country code: write {international}, without {prefix!r}"
        )
    else:  # a national prefix with a transform rule (Argentina's 0 ... 15 becomes 9 ...)
        message = f"a national form after the country code: write {international}"
    return international, PhoneIssue(ERROR, NATIONAL_PREFIX, message)


def _strip_idd(digits: str) -> tuple[str, tuple[PhoneIssue, ...]]:
    """Remove a leading ``00`` (the international dialling prefix) with its issue."""
    if not digits.startswith("00"):
        return digits, ()
    rest = digits[2:]
    shown = f"write {rest}, without '00'" if rest else "no digits follow it"
    message = f"starts with 00, the international dialling prefix: {shown}"
    return rest, (PhoneIssue(ERROR, INTERNATIONAL_PREFIX, message),)


def _not_text(raw: object) -> PhoneCheck:
    if raw is None:
        return PhoneCheck(
            raw, None, None, None, (PhoneIssue(ERROR, REQUIRED, "phone is required"),)
        )
    # int.__int__ reads the value itself: a subclass's overridden methods are not called.
    value = int.__int__(raw) if isinstance(raw, int) and not isinstance(raw, bool) else -1
    if 0 <= value < 10**MAX_CHARACTERS:
        digits = str(value)
        warning = PhoneIssue(
            WARNING,
            NOT_TEXT,
            f"a number, not text: write it as the string {digits!r}",
        )
        return _check_digits(raw, digits, (warning,))  # no leading 0 in an int
    name = type(raw).__name__
    if isinstance(raw, bytes | bytearray):
        message = f"phone must be text (a str of digits), not {name}: decode it first"
    elif isinstance(raw, float):
        message = "phone must be text (a str of digits), not float: a float loses digits"
    else:
        message = f"phone must be text (a str of digits), not {name}"
    return PhoneCheck(raw, None, None, None, (PhoneIssue(ERROR, NOT_TEXT, message),))


def _check_text(raw: object, text: str, issues: tuple[PhoneIssue, ...]) -> PhoneCheck:
    """Check a string that is not only ASCII digits."""
    if not text or text.isspace():
        message = "phone is empty" if not text else "phone is only white space"
        return PhoneCheck(raw, None, None, None, (*issues, PhoneIssue(ERROR, REQUIRED, message)))
    if len(text) > MAX_CHARACTERS:
        message = f"{len(text)} characters: no phone number is that long"
        return PhoneCheck(raw, None, None, None, (*issues, PhoneIssue(ERROR, TOO_LONG, message)))
    rest = text[1:]
    if text[0] == "+" and rest.isdigit() and rest.isascii():
        # E.164 as written elsewhere ("+2250101010101"): what the loop below finds, without it.
        corrected, idd = _strip_idd(rest)
        issues += (_plus_issue(corrected), *idd)
        if not corrected:
            return PhoneCheck(raw, None, None, None, issues)
        return _check_digits(raw, corrected, issues)
    digits: list[str] = []
    kinds: dict[str, None] = {}  # the separator words, in order of appearance
    foreign: tuple[int, str] | None = None  # the first non-ASCII decimal digit
    plus = False
    for index, char in enumerate(text):
        if "0" <= char <= "9":
            digits.append(char)
        elif char.isdecimal():
            digits.append(str(unicodedata.decimal(char)))
            if foreign is None:
                foreign = (index, char)
        elif char in _PLUS_SIGNS and not digits and not plus:
            plus = True
        elif char in _SEPARATORS:
            kinds[_SEPARATORS[char]] = None
        elif char.isspace():
            kinds["spaces"] = None
        elif unicodedata.category(char) == "Cf":
            kinds[f"invisible {_char_name(char)} characters"] = None
        else:
            what = f"{char!r}" if char.isprintable() else _char_name(char)
            message = f"{what} at index {index} is not a digit: phone must be digits only"
            if char in _PLUS_SIGNS:
                message = f"'+' at index {index}: a '+' can only start the number"
            return PhoneCheck(
                raw, None, None, None, (*issues, PhoneIssue(ERROR, NOT_DIGITS, message))
            )
    corrected, idd = _strip_idd("".join(digits))
    if plus:
        issues += (_plus_issue(corrected),)
    issues += idd
    if kinds or foreign is not None:
        parts = []
        if kinds:
            parts.append("contains " + _join(list(kinds)))
        if foreign is not None:
            index, char = foreign
            parts.append(f"{char!r} at index {index} is {_char_name(char)}, not an ASCII digit")
        shown = f": write {corrected}, digits only" if corrected else ": no digits"
        issues += (PhoneIssue(ERROR, NOT_DIGITS, "; ".join(parts) + shown),)
    if not corrected:
        return PhoneCheck(raw, None, None, None, issues)
    return _check_digits(raw, corrected, issues)


def _plus_issue(corrected: str) -> PhoneIssue:
    shown = f"write {corrected}, without '+'" if corrected else "no digits follow it"
    return PhoneIssue(ERROR, PLUS_SIGN, f"written with '+': {shown}")


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def _invalid_issue(digits: str, found: Classified) -> PhoneIssue:
    outcome = found.outcome
    if outcome == _phonefast.UNKNOWN_COUNTRY:
        return _unknown_country(digits[:3])
    if found.country_code == 0:  # too short or too long before any country code
        return _no_country_length(outcome, len(digits))
    nsn = found.nsn if found.nsn is not None else digits[len(str(found.country_code)) :]
    if outcome == _phonefast.INVALID:
        message = (
            f"not a valid number for {_place(found.country_code)}: {nsn} is in none of its "
            "number ranges"
        )
        return PhoneIssue(ERROR, INVALID, message)
    return _length_issue(found.country_code, outcome, len(nsn))


@cache
def _unknown_country(head: str) -> PhoneIssue:
    """The issue of digits that start with no country code (by their first three)."""
    if head.startswith("0"):
        message = (
            "starts with 0: a national number? write it in international form, country code first"
        )
    else:
        prefixes = ", ".join(head[:width] for width in range(1, len(head) + 1))
        message = f"no country calling code starts it (none of {prefixes})"
    return PhoneIssue(ERROR, UNKNOWN_COUNTRY, message)


@lru_cache(maxsize=256)  # bounded: any length of digits can come here
def _no_country_length(outcome: str, count: int) -> PhoneIssue:
    if outcome == _phonefast.TOO_SHORT:
        return PhoneIssue(ERROR, TOO_SHORT, f"too short for a phone number: {count} digits")
    return PhoneIssue(ERROR, TOO_LONG, f"too long for a phone number: {count} digits")


@lru_cache(maxsize=4096)  # bounded: the slow path passes any length
def _length_issue(country_code: int, outcome: str, count: int) -> PhoneIssue:
    """The issue of a national number of the wrong length (one per country code and length)."""
    place = _place(country_code)
    have = f"{count} digit{'s' if count != 1 else ''} after the country code"
    tail = f"{have}, {_owner(country_code)} have {_lengths(country_code)}"
    if outcome == _phonefast.TOO_SHORT:
        return PhoneIssue(ERROR, TOO_SHORT, f"too short for {place}: {tail}")
    if outcome == _phonefast.TOO_LONG:
        return PhoneIssue(ERROR, TOO_LONG, f"too long for {place}: {tail}")
    return PhoneIssue(ERROR, INVALID_LENGTH, f"not a length of {place}: {tail}")


@cache
def _not_mobile(kind: str | None, region: str | None) -> PhoneIssue:
    words = (kind or "unknown").replace("_", " ")
    return PhoneIssue(WARNING, NOT_MOBILE, f"a {words} number of {region}: SMS may not reach it")


@cache
def _place(country_code: int) -> str:
    regions = phonenumbers.region_codes_for_country_code(country_code)
    if regions == ("001",):
        return f"country code {country_code} (non-geographic)"
    if len(regions) == 1:
        return f"{regions[0]} (country code {country_code})"
    shown = ", ".join(regions[:4]) + (f" and {len(regions) - 4} more" if len(regions) > 4 else "")
    return f"country code {country_code} ({shown})"


@cache
def _owner(country_code: int) -> str:
    regions = phonenumbers.region_codes_for_country_code(country_code)
    if len(regions) == 1 and regions != ("001",):
        return f"{regions[0]} numbers"
    return "its numbers"


@cache
def _lengths(country_code: int) -> str:
    """The national lengths of the country code's plan, as ``is_possible_number`` uses them."""
    region = phonenumbers.region_code_for_country_code(country_code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if metadata is None or metadata.general_desc is None:  # pragma: no cover - never for
        return "unknown lengths"  # a recognised country code
    lengths = sorted(set(metadata.general_desc.possible_length))
    if len(lengths) > 2 and lengths == list(range(lengths[0], lengths[-1] + 1)):
        return f"{lengths[0]} to {lengths[-1]}"
    return _join([str(n) for n in lengths]).replace(" and ", " or ")
