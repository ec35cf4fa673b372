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

import re
import threading
from collections.abc import Callable
from typing import Final, NamedTuple

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneMetadata,
    PhoneNumberDesc,
    PhoneNumberType,
    ValidationResult,
)
from phonenumbers.phonenumberutil import (
    _MAX_LENGTH_COUNTRY_CODE,
    _MAX_LENGTH_FOR_NSN,
    _MIN_LENGTH_FOR_NSN,
    COUNTRY_CODE_TO_REGION_CODE,
    _extract_country_code,
    _test_number_length,
)

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
    # The national significant number when parse() made it differ from the digits after
    # the country code as written (it dropped a national prefix); None when they are the
    # same (the usual case) or no country code was recognised.
    nsn: str | None
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
            return Classified(outcome, 0, None, None, None)
        # Too short or too long after the country code: say which country code it was.
        country_code, _ = _extract_country_code(digits)
        return Classified(outcome, country_code, None, None, None)
    country_code = int(number.country_code or 0)
    nsn: str | None = phonenumbers.national_significant_number(number)
    if nsn == digits[len(str(country_code)) :]:
        nsn = None
    if phonenumbers.is_valid_number(number):
        region = phonenumbers.region_code_for_number(number)
        kind = TYPE_NAMES[phonenumbers.number_type(number)]
        return Classified(VALID, country_code, nsn, region, kind)
    reason = phonenumbers.is_possible_number_with_reason(number)
    return Classified(_REASON_OUTCOMES[reason], country_code, nsn, None, None)


# -- the fast path ----------------------------------------------------------------------
#
# What parse("+" + digits, None) does with a digit string (phonenumberutil.parse and the
# helpers it calls), and where the fast path follows it:
#
# 1. fewer than 3 digits: NOT_A_NUMBER (_is_viable_phone_number); more than 250
#    characters: TOO_LONG.  The fast path leaves strings outside 4..20 digits to
#    phonenumbers (no such phone exists: a country code has 1 to 3 digits and a national
#    significant number at most _MAX_LENGTH_FOR_NSN = 17).
# 2. the country calling code is the shortest prefix of 1 to 3 digits (never starting
#    with 0) that is a key of COUNTRY_CODE_TO_REGION_CODE, else INVALID_COUNTRY_CODE
#    (_extract_country_code): one dictionary look-up of the first three digits here.
# 3. fewer than 2 digits left: TOO_SHORT_NSN.
# 4. the main region's national_prefix_for_parsing is stripped when it matches, unless
#    the number was viable (general_desc) and the stripped one is not, and then kept only
#    if the rest is a possible length (_maybe_strip_national_prefix_carrier_code and the
#    _test_number_length check after it).  Followed exactly here when there is no
#    transform rule to apply; a transform rule (AR, BR, JP, GA, MG, SM, NF) that applies
#    goes to phonenumbers.
# 5. more than 17 digits left: TOO_LONG.  The national significant number is the rest as
#    a string (the Italian leading zeros are kept by national_significant_number).
#
# Then is_valid_number: region_code_for_number picks the region (the only one, or the
# first of the shared code's list whose leading_digits match the start of the number or,
# without leading_digits, for which the number has a type), and the number is valid when
# _number_type_helper gives a type for that region's metadata.  The fast path compiles,
# per country code and national length, ONE regular expression whose first matching
# alternative is that answer: per region in the list's order, the general_desc pattern as
# a lookahead, then one named alternative per type in _number_type_helper's order (each
# pattern only where its possible_length allows the length), and for a region with
# leading_digits an empty alternative that stops the search (the region is chosen, the
# number invalid).  Python's alternation tries alternatives left to right and an
# alternative ending in \Z only succeeds on a full match, so the first alternative that
# fully matches wins, exactly as the sequence of fullmatch calls does.
#
# An invalid number's reason is is_possible_number_with_reason: a function of the
# length only (the main region's general_desc lengths), tabulated per country code by
# calling phonenumbers' own _test_number_length.

_MIN_FAST_DIGITS: Final = 4
_MAX_FAST_DIGITS: Final = _MAX_LENGTH_COUNTRY_CODE + _MAX_LENGTH_FOR_NSN

# _number_type_helper's order, after general_desc: the service types, then fixed line
# (fixed_line_or_mobile when mobile matches too, or the patterns are the same), then mobile.
_SERVICE_TYPES: Final = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)

# Length results that make parse() keep the national prefix (step 4).
_KEEP_PREFIX: Final = frozenset(
    {
        ValidationResult.TOO_SHORT,
        ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        ValidationResult.INVALID_LENGTH,
    }
)
_LITERAL: Final = re.compile(r"[0-9]+")


def _desc_pattern(desc: PhoneNumberDesc | None, length: int) -> str | None:
    """The desc's pattern if _is_number_matching_desc can be true at this length."""
    if desc is None or not desc.national_number_pattern:
        return None
    if desc.possible_length and length not in desc.possible_length:
        return None
    return desc.national_number_pattern


def _type_alternatives(
    metadata: PhoneMetadata, length: int, group: Callable[[str], str]
) -> list[str]:
    """Alternatives, in order, whose first full match names _number_type_helper's answer.

    ``group(kind)`` gives the name of the capturing group that reports ``kind``.  Fixed
    line and mobile share one alternative: the fixed-line pattern as a lookahead, then
    fixed_line_or_mobile if the mobile pattern matches too, else fixed_line; so a mobile
    number (most of an SMS list) costs a failed fixed-line start, not two full matches.
    """
    out: list[str] = []
    for name in _SERVICE_TYPES:
        pattern = _desc_pattern(getattr(metadata, name), length)
        if pattern is not None:
            out.append(f"(?P<{group(name)}>(?:{pattern})\\Z)")
    fixed = _desc_pattern(metadata.fixed_line, length)
    mobile = _desc_pattern(metadata.mobile, length)
    same = metadata.same_mobile_and_fixed_line_pattern
    if fixed is not None:
        if same:
            out.append(f"(?P<{group('fixed_line_or_mobile')}>(?:{fixed})\\Z)")
        elif mobile is not None:
            both = f"(?P<{group('fixed_line_or_mobile')}>(?:{mobile})\\Z)"
            out.append(f"(?=(?:{fixed})\\Z)(?:{both}|(?P<{group('fixed_line')}>))")
        else:
            out.append(f"(?P<{group('fixed_line')}>(?:{fixed})\\Z)")
    if not same and mobile is not None:
        out.append(f"(?P<{group('mobile')}>(?:{mobile})\\Z)")
    return out


def _region_metadata(country_code: int, region: str) -> PhoneMetadata | None:
    return PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)


class _Unbuilt:
    """Marks a length whose expression is not compiled yet."""


_UNBUILT: Final = _Unbuilt()


class _Plan:
    """What the fast path knows of one country calling code, built at its first number."""

    __slots__ = (
        "country_code",
        "general",
        "invalid",
        "lengths",
        "literal_prefix",
        "matchers",
        "prefix",
        "prefix_starts",
        "regions",
        "results",
        "transform",
        "width",
    )

    def __init__(self, country_code: int) -> None:
        self.country_code = country_code
        self.width = len(str(country_code))
        self.regions = COUNTRY_CODE_TO_REGION_CODE[country_code]
        main = _region_metadata(country_code, self.regions[0])
        assert main is not None  # every calling code of the map has metadata
        general = main.general_desc
        self.general = (
            re.compile(general.national_number_pattern)
            if general is not None and general.national_number_pattern
            else None
        )
        prefix = main.national_prefix_for_parsing or None
        # A literal national prefix ("0", "1", "8": most of them) is a startswith test.
        self.literal_prefix = prefix if prefix and _LITERAL.fullmatch(prefix) else None
        self.prefix = re.compile(prefix) if prefix and not self.literal_prefix else None
        # The first digits for which the prefix step needs a look: a literal prefix's
        # first digit, every digit for a regular expression, none without a prefix.
        if self.literal_prefix:
            self.prefix_starts = self.literal_prefix[0]
        else:
            self.prefix_starts = "0123456789" if self.prefix else ""
        self.transform = bool(main.national_prefix_transform_rule)
        # is_possible_number_with_reason depends on the length only: tabulate it with
        # phonenumbers' own function, for every length the fast path can meet.
        self.lengths = tuple(
            _test_number_length("0" * n, main) for n in range(_MAX_FAST_DIGITS + 1)
        )
        self.invalid = tuple(
            Classified(_REASON_OUTCOMES[reason], country_code, None, None, None)
            for reason in self.lengths
        )
        self.matchers: list[re.Pattern[str] | _Unbuilt | None] = [_UNBUILT] * (_MAX_FAST_DIGITS + 1)
        # Group name -> the answer (None: the region is chosen by its leading digits, but
        # the number is invalid there).
        self.results: dict[str, Classified | None] = {}

    def matcher(self, length: int) -> re.Pattern[str] | None:
        """The region-and-type expression for national numbers of this length (compiled once)."""
        with _BUILDING:  # group names count self.results: one builder at a time
            built = self.matchers[length]
            if built is _UNBUILT:
                built = self.matchers[length] = self._compile(length)
            assert not isinstance(built, _Unbuilt)
            return built

    def _compile(self, length: int) -> re.Pattern[str] | None:
        parts: list[str] = []
        shared = len(self.regions) > 1
        for region in self.regions:
            metadata = _region_metadata(self.country_code, region)
            if metadata is None:  # pragma: no cover - as _region_code_for_number_from_list
                continue
            types: list[str] = []
            general = _desc_pattern(metadata.general_desc, length)
            if general is not None:

                def group(kind: str, region: str = region) -> str:
                    name = f"g{len(self.results)}"
                    self.results[name] = Classified(VALID, self.country_code, None, region, kind)
                    return name

                types = _type_alternatives(metadata, length, group)
            typed = f"(?=(?:{general})\\Z)(?:{'|'.join(types)})" if types else None
            leading = metadata.leading_digits if shared else None
            if leading is not None:
                # The region is chosen by its leading digits, valid or not.
                name = f"g{len(self.results)}"
                self.results[name] = None
                chosen = f"{typed}|(?P<{name}>)" if typed else f"(?P<{name}>)"
                parts.append(f"(?=(?:{leading}))(?:{chosen})")
            elif typed is not None:
                parts.append(typed)
            # A region without leading digits and without a type at this length is never
            # chosen for it: nothing to add.
        return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


# The plan of a first-three-digits head that starts with no country calling code (never
# initialised: only its identity is used).
_NO_COUNTRY: Final = _Plan.__new__(_Plan)
_UNKNOWN: Final = Classified(UNKNOWN_COUNTRY, 0, None, None, None)
# First three digits -> the plan of the country calling code they start with, filled as
# country codes are met.
_HEADS: dict[str, _Plan] = {}
_PLANS: dict[int, _Plan] = {}
# Plans are built lazily, from any thread: building holds this lock (reading does not).
_BUILDING: Final = threading.RLock()


def _load(head: str) -> _Plan:
    """The plan for a head of three digits, as _extract_country_code finds the code."""
    with _BUILDING:
        plan = _NO_COUNTRY
        if head[0] != "0":
            for width in range(1, _MAX_LENGTH_COUNTRY_CODE + 1):
                country_code = int(head[:width])
                if country_code in COUNTRY_CODE_TO_REGION_CODE:
                    plan = _PLANS.get(country_code) or _PLANS.setdefault(
                        country_code, _Plan(country_code)
                    )
                    break
        _HEADS[head] = plan
        return plan


def classify(digits: str) -> Classified:
    """What ``phonenumbers`` says of ``"+" + digits``, from the precompiled plans.

    ``digits`` must be ASCII digits only.  Numbers the plans cannot be sure of (fewer than
    4 or more than 20 digits, a national prefix with a transform rule to apply) go to
    :func:`classify_slow`.
    """
    count = len(digits)
    if count < _MIN_FAST_DIGITS or count > _MAX_FAST_DIGITS:
        return classify_slow(digits)
    plan = _HEADS.get(digits[:3]) or _load(digits[:3])
    if plan is _NO_COUNTRY:
        return _UNKNOWN
    national = digits[plan.width :]
    length = count - plan.width
    if length < _MIN_LENGTH_FOR_NSN:
        return Classified(TOO_SHORT, plan.country_code, None, None, None)  # TOO_SHORT_NSN
    if national[0] in plan.prefix_starts:
        stripped = _prefix_step(plan, national)
        if stripped is None:
            return classify_slow(digits)
        national = stripped
        length = len(national)
    if length > _MAX_LENGTH_FOR_NSN:
        return Classified(TOO_LONG, plan.country_code, None, None, None)
    matcher = plan.matchers[length]
    if matcher is _UNBUILT:
        matcher = plan.matcher(length)
    if matcher is not None:
        match = matcher.match(national)  # type: ignore[union-attr]
        if match is not None:
            result = plan.results[match.lastgroup]  # type: ignore[index]
            if result is not None:
                if length + plan.width == count:
                    return result
                return result._replace(nsn=national)
    if length + plan.width == count:
        return plan.invalid[length]
    return plan.invalid[length]._replace(nsn=national)


def _prefix_step(plan: _Plan, national: str) -> str | None:
    """parse()'s national prefix step; None where a transform rule applies (not followed)."""
    if plan.literal_prefix is not None:
        if national.startswith(plan.literal_prefix):
            return _strip(plan, national, len(plan.literal_prefix))
        return national
    assert plan.prefix is not None  # prefix_starts is empty without a prefix
    found = plan.prefix.match(national)
    if found is None:
        return national
    groups = found.groups()
    if plan.transform and (not groups or groups[-1] is not None):
        return None
    return _strip(plan, national, found.end())


def _strip(plan: _Plan, national: str, end: int) -> str:
    """The national number after parse()'s national prefix step (no transform rule)."""
    stripped = national[end:]
    general = plan.general
    if (
        general is not None
        and general.fullmatch(national) is not None
        and general.fullmatch(stripped) is None
    ):
        return national  # the number was viable and would not be
    if plan.lengths[len(stripped)] in _KEEP_PREFIX:
        return national  # the rest is not a possible length
    return stripped
