"""Tests of smsparts.phone: the platform's phone rule, every issue code, and the fast path.

Numbers and their facts come from public sources, never from our own output:

* the campaign platform's SDK documentation (``sms.campain.create``): "Incluez l'indicatif
  du pays sans le symbole (+)", its examples ``22500000000`` and ``2250101010101``;
* ARTCI (Côte d'Ivoire regulator), the 2021 move to 10-digit national numbers: mobile
  numbers start 01 (Moov), 05 (MTN) or 07 (Orange), fixed ones 21, 25 or 27, so the SDK's
  ``225`` + 8 digits is too short;
* ARCEP (France): mobile numbers 06 and 07, geographic 01 to 05, 9 digits after 33;
* ACMA (Australia) numbers for creative works: mobile 0491 570 156, fixed (02) 5550 xxxx;
* NANPA: 555-0100 to 555-0199 are fictional numbers; 800 is a toll-free code; 613 is an
  Ontario (Canada) area code; NANP numbers are 10 digits after the 1;
* the Isle of Man shares +44 and its mobiles are 07624; the Vatican shares +39 with
  Italy in the 06 698 range; Rome is 06 and Italian fixed numbers keep their 0 after +39;
* ITU-T E.164: country codes never start with 0, and 999 is not assigned.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading

import phonenumbers
import pytest

from smsparts import _phonefast
from smsparts import phone as phone_module
from smsparts.phone import SMS_NUMBER_TYPES, PhoneCheck, PhoneIssue, check_phone


def codes(check: PhoneCheck) -> list[str]:
    """The codes of the issues, in order."""
    return [issue.code for issue in check.issues]


# -- the platform's form ---------------------------------------------------------------


def test_sdk_example_is_too_short_since_2021() -> None:
    """The SDK's own 22500000000 is 225 + 8 digits: too short for CI's 10-digit plan."""
    check = check_phone("22500000000")
    assert not check.ok
    assert codes(check) == ["phone.too_short"]
    assert check.issues[0].severity == "error"
    assert check.issues[0].message == (
        "too short for CI (country code 225): 8 digits after the country code, CI numbers have 10"
    )
    assert check.normalized == "22500000000"
    assert check.region is None
    assert check.number_type is None


def test_sdk_mobile_example_is_valid() -> None:
    """2250101010101 (225, then the Moov mobile 01 01 01 01 01) is a valid CI mobile."""
    assert check_phone("2250101010101") == PhoneCheck(
        "2250101010101", "2250101010101", "CI", "mobile", ()
    )
    assert check_phone("2250101010101").ok


@pytest.mark.parametrize(
    ("raw", "region", "kind"),
    [
        pytest.param("33612345678", "FR", "mobile", id="FR-mobile-06"),
        pytest.param("61491570156", "AU", "mobile", id="AU-ACMA-mobile"),
        pytest.param("12025550123", "US", "fixed_line_or_mobile", id="US-555-01xx"),
        pytest.param("16135550123", "CA", "fixed_line_or_mobile", id="CA-shares-1"),
        pytest.param("447624123456", "IM", "mobile", id="IM-shares-44"),
        pytest.param("4915123456789", "DE", "mobile", id="DE-0151"),
        pytest.param("8613800138000", "CN", "mobile", id="CN-138"),
    ],
)
def test_valid_sms_numbers(raw: str, region: str, kind: str) -> None:
    """A valid mobile (or fixed-or-mobile) number has its region, its type, no issue."""
    check = check_phone(raw)
    assert (check.normalized, check.region, check.number_type, check.issues) == (
        raw,
        region,
        kind,
        (),
    )


@pytest.mark.parametrize(
    ("raw", "region", "kind"),
    [
        pytest.param("33123456789", "FR", "fixed_line", id="FR-geographic-01"),
        pytest.param("61255501234", "AU", "fixed_line", id="AU-ACMA-fixed"),
        pytest.param("18005550199", "US", "toll_free", id="US-800"),
        pytest.param("390669812345", "VA", "fixed_line", id="VA-shares-39"),
        pytest.param("390612345678", "IT", "fixed_line", id="IT-leading-zero"),
        pytest.param("2252112345678", "CI", "fixed_line", id="CI-fixed-21"),
    ],
)
def test_valid_but_not_mobile_is_a_warning(raw: str, region: str, kind: str) -> None:
    """A valid number of a type SMS may not reach is ok, with a not_mobile warning."""
    check = check_phone(raw)
    assert check.ok
    assert (check.normalized, check.region, check.number_type) == (raw, region, kind)
    assert codes(check) == ["phone.not_mobile"]
    assert check.issues[0].severity == "warning"
    assert kind.replace("_", " ") in check.issues[0].message


def test_sms_types_are_the_documented_ones() -> None:
    """Only mobile and fixed_line_or_mobile reach SMS without a warning."""
    assert frozenset({"mobile", "fixed_line_or_mobile"}) == SMS_NUMBER_TYPES


# -- written forms that the platform rejects ---------------------------------------------


def test_plus_sign_shows_the_corrected_form() -> None:
    """A leading '+' is an error whose message is the form to write; the rest is checked."""
    check = check_phone("+2250101010101")
    assert check.issues == (
        PhoneIssue(
            "error", "phone.plus_sign", "written with '+': write 2250101010101, without '+'"
        ),
    )
    assert (check.normalized, check.region, check.number_type) == ("2250101010101", "CI", "mobile")
    assert not check.ok


@pytest.mark.parametrize(
    "raw", ["+2250101010101", "+22500000000", "+002250101010101", "+00", "+0612345678", "+1"]
)
def test_plus_shortcut_equals_the_character_scan(raw: str) -> None:
    """'+' and ASCII digits (a shortcut) report what the character scan reports of them."""
    shortcut = check_phone(raw)
    scanned = check_phone(raw + " ")  # the trailing space sends it through the scan
    assert "phone.not_digits" in codes(scanned)
    without_spaces = tuple(issue for issue in scanned.issues if issue.code != "phone.not_digits")
    assert shortcut.issues == without_spaces
    assert shortcut.normalized == scanned.normalized


def test_plus_and_too_short_are_both_reported() -> None:
    """'+22500000000' says both: the '+' and that the digits are too short."""
    assert codes(check_phone("+22500000000")) == ["phone.plus_sign", "phone.too_short"]


def test_fullwidth_plus_is_a_plus() -> None:
    """The full-width plus U+FF0B is reported as a '+' too."""
    assert codes(check_phone("\uff0b2250101010101")) == ["phone.plus_sign"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        pytest.param("225 01 01 01 01 01", "spaces", id="spaces"),
        pytest.param("225.01.01.01.01.01", "dots", id="dots"),
        pytest.param("225-01-01-01-01-01", "dashes", id="dashes"),
        pytest.param("225 (01) 01-01-01-01", "spaces, parentheses and dashes", id="mixed"),
        pytest.param("225/0101010101", "slashes", id="slash"),
        pytest.param("2250101010101\t", "spaces", id="tab"),
        pytest.param("225\u00a00101010101", "spaces", id="no-break-space"),
        pytest.param(
            "\u200e2250101010101",
            "invisible U+200E LEFT-TO-RIGHT MARK characters",
            id="lrm",
        ),
    ],
)
def test_separators_are_an_error_with_the_corrected_form(raw: str, words: str) -> None:
    """Spaces, dots, dashes, parentheses: an error naming them and showing the digits."""
    check = check_phone(raw)
    assert check.issues == (
        PhoneIssue(
            "error", "phone.not_digits", f"contains {words}: write 2250101010101, digits only"
        ),
    )
    assert (check.normalized, check.region, check.number_type) == ("2250101010101", "CI", "mobile")


def test_plus_and_spaces_and_validity_all_at_once() -> None:
    """'+225 00 00 00 00' reports the '+', the spaces and the short number together."""
    check = check_phone("+225 00 00 00 00")
    assert codes(check) == ["phone.plus_sign", "phone.not_digits", "phone.too_short"]
    assert check.normalized == "22500000000"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        pytest.param(
            "\u0662\u0662\u06650101010101", "U+0662 ARABIC-INDIC DIGIT TWO", id="arabic-indic"
        ),
        pytest.param("２２５0101010101", "U+FF12 FULLWIDTH DIGIT TWO", id="fullwidth"),
    ],
)
def test_non_ascii_digits_are_named_never_silent(raw: str, name: str) -> None:
    """Non-ASCII decimal digits are an error naming the first one, then converted and checked."""
    check = check_phone(raw)
    assert check.issues == (
        PhoneIssue(
            "error",
            "phone.not_digits",
            f"{raw[0]!r} at index 0 is {name}, not an ASCII digit: write 2250101010101, "
            "digits only",
        ),
    )
    assert check.region == "CI"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param("225x0101010101", "'x' at index 3 is not a digit: phone must be digits only"),
        pytest.param(
            "2250101010101 ext 2", "'e' at index 14 is not a digit: phone must be digits only"
        ),
        pytest.param("225*01", "'*' at index 3 is not a digit: phone must be digits only"),
        pytest.param("225+0101010101", "'+' at index 3: a '+' can only start the number"),
        pytest.param(
            "225\x000101",
            "U+0000 unnamed character at index 3 is not a digit: phone must be digits only",
        ),
    ],
)
def test_junk_names_the_first_bad_character_and_its_index(raw: str, message: str) -> None:
    """A letter or other junk is an error naming it and its index; nothing more is checked."""
    check = check_phone(raw)
    assert check.issues == (PhoneIssue("error", "phone.not_digits", message),)
    assert check.normalized is None


def test_double_zero_prefix_shows_the_corrected_form() -> None:
    """00225... is an error (the international prefix) showing the number without 00."""
    check = check_phone("002250101010101")
    assert check.issues == (
        PhoneIssue(
            "error",
            "phone.international_prefix",
            "starts with 00, the international dialling prefix: write 2250101010101, without '00'",
        ),
    )
    assert (check.normalized, check.region) == ("2250101010101", "CI")


def test_double_zero_and_spaces_show_one_corrected_form() -> None:
    """'00 225 01...' names the 00 and the spaces, both showing the final digits."""
    check = check_phone("00 225 0101010101")
    assert codes(check) == ["phone.international_prefix", "phone.not_digits"]
    assert all("write 2250101010101" in issue.message for issue in check.issues)


def test_national_prefix_after_the_country_code() -> None:
    """4402079460123 (+44 (0)20 7946 0123; 0 is the UK trunk prefix): error, 442079460123."""
    check = check_phone("4402079460123")
    assert check.issues[0] == PhoneIssue(
        "error",
        "phone.national_prefix",
        "a national prefix after the country code: write 442079460123, without '0'",
    )
    assert (check.normalized, check.region, check.number_type) == (
        "442079460123",
        "GB",
        "fixed_line",
    )
    assert not check.ok


def test_national_form_is_an_unknown_country_saying_why() -> None:
    """A French national 06... number has no country code: an error that says so."""
    check = check_phone("0612345678")
    assert codes(check) == ["phone.unknown_country"]
    assert check.issues[0].message.startswith("starts with 0: a national number?")
    assert check.normalized == "0612345678"


def test_unassigned_country_code() -> None:
    """999 (and 9, 99) is no country code: unknown_country naming the prefixes tried."""
    check = check_phone("9991234567")
    assert check.issues == (
        PhoneIssue(
            "error",
            "phone.unknown_country",
            "no country calling code starts it (none of 9, 99, 999)",
        ),
    )


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        pytest.param("22507123456789", "phone.too_long", id="CI-11-digits"),
        pytest.param("1202555012", "phone.too_short", id="US-9-digits"),
        pytest.param("2250001010101", "phone.invalid", id="CI-00-range"),
        pytest.param("3361234567", "phone.too_short", id="FR-8-digits"),
        pytest.param("12", "phone.too_short", id="two-digits"),
        pytest.param("1" * 300, "phone.too_long", id="300-digits"),
    ],
)
def test_invalid_numbers_by_reason(raw: str, code: str) -> None:
    """Too short, too long, not in the plan: one error each, normalized kept."""
    check = check_phone(raw)
    assert codes(check) == [code]
    assert check.normalized == raw
    assert check.region is None
    assert check.number_type is None


def test_invalid_length_between_the_plan_lengths() -> None:
    """A length between two of the plan's lengths (RU/KZ have 10 or 14) is invalid_length."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("RU")
    assert metadata is not None
    assert metadata.general_desc is not None
    lengths = metadata.general_desc.possible_length
    assert 11 not in lengths
    assert min(lengths) < 11 < max(lengths)
    check = check_phone("7" + "9" * 11)
    assert codes(check) == ["phone.invalid_length"]


# -- missing and non-text values ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(None, "phone is required", id="None"),
        pytest.param("", "phone is empty", id="empty"),
        pytest.param("   ", "phone is only white space", id="spaces"),
    ],
)
def test_required(raw: object, message: str) -> None:
    """None, the empty string and white space only are phone.required."""
    check = check_phone(raw)
    assert check == PhoneCheck(
        raw, None, None, None, (PhoneIssue("error", "phone.required", message),)
    )


def test_json_number_is_a_warning_and_is_checked() -> None:
    """An int (a JSON number) warns, then its digits are checked as a string."""
    check = check_phone(2250101010101)
    assert check.ok
    assert check.issues == (
        PhoneIssue(
            "warning",
            "phone.not_text",
            "a number, not text: write it as the string '2250101010101'",
        ),
    )
    assert (check.normalized, check.region, check.number_type) == ("2250101010101", "CI", "mobile")
    assert codes(check_phone(22500000000)) == ["phone.not_text", "phone.too_short"]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(2250101010101.0, id="float"),
        pytest.param(True, id="bool"),
        pytest.param(-2250101010101, id="negative-int"),
        pytest.param(10**200, id="huge-int"),
        pytest.param(b"2250101010101", id="bytes"),
        pytest.param(["2250101010101"], id="list"),
        pytest.param(object(), id="object"),
    ],
)
def test_other_types_are_an_error(raw: object) -> None:
    """Anything but a str or a non-negative int is a not_text error and is not checked."""
    check = check_phone(raw)
    assert codes(check) == ["phone.not_text"]
    assert check.issues[0].severity == "error"
    assert check.normalized is None
    assert check.raw is raw


def test_str_subclass_is_text() -> None:
    """A str subclass is checked as its str value."""

    class Phone(str):
        __slots__ = ()

    check = check_phone(Phone("2250101010101"))
    assert (check.region, check.number_type, check.issues) == ("CI", "mobile", ())


def test_hostile_subclasses_are_not_called() -> None:
    """An int or str subclass whose methods raise is still checked from its value."""

    class Hostile(int):
        def __str__(self) -> str:
            raise RuntimeError

        def __lt__(self, other: object) -> bool:
            raise RuntimeError

        def __le__(self, other: object) -> bool:
            raise RuntimeError

    class HostileText(str):
        def __str__(self) -> str:
            raise RuntimeError

        def isdigit(self) -> bool:
            raise RuntimeError

    number = check_phone(Hostile(2250101010101))
    assert (number.normalized, codes(number)) == ("2250101010101", ["phone.not_text"])
    text = check_phone(HostileText("2250101010101"))
    assert (text.normalized, text.issues) == ("2250101010101", ())


def test_overlong_text_is_not_scanned() -> None:
    """More than 100 characters of text is too_long at once (hostile input stays cheap)."""
    check = check_phone("+" + "1 " * 100_000)
    assert codes(check) == ["phone.too_long"]
    assert check.issues[0].message == "200001 characters: no phone number is that long"


def test_ok_means_no_error() -> None:
    """ok is false with an error and true with warnings only."""
    assert check_phone("2250101010101").ok
    assert check_phone("33123456789").ok  # a warning only
    assert not check_phone("+2250101010101").ok


# -- optional dependency --------------------------------------------------------------


def test_import_smsparts_does_not_import_phonenumbers() -> None:
    """import smsparts (and analyze) never imports phonenumbers."""
    code = "import sys, smsparts; smsparts.analyze('hi'); print('phonenumbers' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_missing_phonenumbers_names_the_extra() -> None:
    """Without phonenumbers, importing smsparts.phone is an ImportError naming the extra."""
    code = (
        "import sys; sys.modules['phonenumbers'] = None\n"
        "try:\n    import smsparts.phone\n"
        "except ImportError as exc:\n    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "pip install 'smsparts[campaign]'" in out


# -- the fast path agrees with phonenumbers ---------------------------------------------

CORPUS = int(os.environ.get("SMSPARTS_PHONE_CORPUS", "20000"))


def test_slow_reference_is_phonenumbers() -> None:
    """classify_slow reports what phonenumbers' own calls give, for the SDK examples."""
    number = phonenumbers.parse("+2250101010101")
    found = _phonefast.classify_slow("2250101010101")
    assert found.region == phonenumbers.region_code_for_number(number) == "CI"
    assert found.outcome == _phonefast.VALID
    assert _phonefast.classify_slow("22500000000").outcome == _phonefast.TOO_SHORT


def _examples() -> list[str]:
    """Every example number phonenumbers' metadata gives, per region and type, as digits."""
    out = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in phonenumbers.PhoneNumberType.values():
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                out.append(
                    f"{number.country_code}{phonenumbers.national_significant_number(number)}"
                )
    for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS):
        number = phonenumbers.example_number_for_non_geo_entity(code)
        if number is not None:
            out.append(f"{number.country_code}{phonenumbers.national_significant_number(number)}")
    return out


def _mutations(count: int, seed: int) -> list[str]:
    """The examples, then seeded mutations of them and random digit strings, ``count`` in all."""
    rng = random.Random(seed)
    examples = _examples()
    codes = [str(code) for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)]
    out = list(examples)
    while len(out) < count:
        base = rng.choice(examples)
        roll = rng.random()
        where = rng.randrange(len(base))
        if roll < 0.2:  # one digit changed
            digits = base[:where] + str(rng.randrange(10)) + base[where + 1 :]
        elif roll < 0.35:  # digits appended
            digits = base + str(rng.randrange(10 ** rng.randint(1, 3)))
        elif roll < 0.5:  # a digit removed
            digits = base[:where] + base[where + 1 :]
        elif roll < 0.6:  # another country code in front of the rest
            digits = rng.choice(codes) + base[len(rng.choice(codes)) :]
        elif roll < 0.7:  # a national prefix 0 written after a country code
            digits = rng.choice(codes) + "0" + base[rng.randint(1, 3) :]
        elif roll < 0.8:  # the last digits random (mostly still valid)
            tail = min(4, len(base) - 1)
            digits = base[:-tail] + "".join(str(rng.randrange(10)) for _ in range(tail))
        else:  # random digit strings of 4 to 17 digits
            digits = "".join(str(rng.randrange(10)) for _ in range(rng.randint(4, 17)))
        if digits:
            out.append(digits)
    return out


def test_fast_path_agrees_with_phonenumbers() -> None:
    """classify (fast) equals classify_slow (phonenumbers) on every generated number.

    20,000 numbers by default (about 10 s here); SMSPARTS_PHONE_CORPUS=100000 runs the
    100,000 of issue 11.  Every region's example number of every type, then seeded
    mutations: digits changed, appended, removed, wrong country codes, national
    prefixes, random tails, random strings of 4 to 17 digits.
    """
    enable = getattr(phonenumbers.re_util, "enable_pattern_cache", None)
    if enable is not None:  # keeps phonenumbers' compiled patterns: same answers, faster
        enable()
    numbers = _mutations(CORPUS, seed=20261201)
    disagree = [
        (digits, fast, slow)
        for digits in numbers
        if (fast := _phonefast.classify(digits)) != (slow := _phonefast.classify_slow(digits))
    ]
    assert disagree == []
    outcomes = {_phonefast.classify(digits).outcome for digits in numbers}
    assert outcomes == {
        _phonefast.VALID,
        _phonefast.INVALID,
        _phonefast.INVALID_LENGTH,
        _phonefast.TOO_SHORT,
        _phonefast.TOO_LONG,
        _phonefast.UNKNOWN_COUNTRY,
    }


def test_check_phone_agrees_with_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """check_phone through the fast path equals check_phone through phonenumbers only."""
    numbers = _mutations(3000, seed=7)
    fast = [check_phone(digits) for digits in numbers]
    monkeypatch.setattr(phone_module, "_classify", _phonefast.classify_slow)
    slow = [check_phone(digits) for digits in numbers]
    assert fast == slow


def test_fast_path_falls_back_where_unsure() -> None:
    """A transform-rule national prefix (Argentina's 0 ... 15) is left to phonenumbers."""
    digits = "540111512345678"  # +54 011 15 1234-5678: the mobile +54 9 11 1234-5678
    assert _phonefast.classify(digits) == _phonefast.classify_slow(digits)
    assert _phonefast.classify(digits).nsn == "91112345678"
    check = check_phone(digits)
    assert check.normalized == "5491112345678"
    assert codes(check) == ["phone.national_prefix"]


def test_plans_built_from_several_threads_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads that build the plans at the same time all get phonenumbers' answers."""
    monkeypatch.setattr(_phonefast, "_HEADS", {})
    monkeypatch.setattr(_phonefast, "_PLANS", {})
    numbers = _mutations(2000, seed=3)
    expected = [_phonefast.classify_slow(digits) for digits in numbers]
    results: list[list[_phonefast.Classified]] = []

    def work() -> None:
        results.append([_phonefast.classify(digits) for digits in numbers])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 4
