"""Properties of smsparts.phone: never an exception, and the fast path is phonenumbers."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from smsparts import _phonefast
from smsparts import phone as phone_module
from smsparts.phone import PhoneCheck, PhoneIssue, check_phone

# Digit strings shaped like phone numbers: a real country code (or not), then digits.
_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
digit_strings = st.one_of(
    st.text(alphabet="0123456789", min_size=1, max_size=24),
    st.builds(
        lambda code, rest: f"{code}{rest}",
        st.sampled_from(_CODES),
        st.text(alphabet="0123456789", min_size=0, max_size=18),
    ),
)
# Text near phone numbers: digits, separators, plus signs, letters, non-ASCII digits.
phone_like_text = st.text(
    alphabet=st.sampled_from(list("0123456789 .-()/+x#\u00a0\u200e\u0663\uff15\uff0b\u2013é\x00")),
    max_size=30,
)
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.text(max_size=40),
    phone_like_text,
    digit_strings,
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@given(anything)
@example("")
@example("+")
@example("00")
@example("0" * 300)
@example(10**400)
def test_any_object_gives_a_phone_check(raw: object) -> None:
    """Any value gives a PhoneCheck with well-formed issues, never an exception."""
    check = check_phone(raw)
    assert isinstance(check, PhoneCheck)
    assert check.raw is raw
    for issue in check.issues:
        assert isinstance(issue, PhoneIssue)
        assert issue.severity in ("error", "warning")
        assert issue.code.startswith("phone.")
        assert issue.message
    if check.normalized is not None:
        assert check.normalized.isascii()
        assert check.normalized.isdigit()
    if check.region is not None:
        assert check.number_type is not None


@given(digit_strings)
@example("22500000000")
@example("2250101010101")
@example("4402079460123")
@example("540111512345678")
def test_fast_path_is_phonenumbers_on_any_digits(digits: str) -> None:
    """For any digit string the fast path says exactly what phonenumbers says."""
    assert _phonefast.classify(digits) == _phonefast.classify_slow(digits)


@given(st.one_of(digit_strings, phone_like_text))
def test_check_phone_fast_equals_slow(raw: str) -> None:
    """check_phone gives the same PhoneCheck through the fast path and phonenumbers alone."""
    fast = check_phone(raw)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(phone_module, "_classify", _phonefast.classify_slow)
        slow = check_phone(raw)
    assert fast == slow
