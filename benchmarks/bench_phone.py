"""Benchmarks of smsparts.phone.check_phone: the fast path against phonenumbers alone.

Issue 11: a campaign of 1,000,000 contacts is checked in a few seconds, and phonenumbers
alone validates about 20,000 numbers a second, hence the fast path.  Group
``phone-check`` times, per number, over one seeded corpus of platform-shaped phones
(country code first, no ``+``; see ``_corpus``):

* the floor: ``str.isdigit`` over the same list, summed (the least any check does);
* ``check_phone`` over the list, streamed (each result dropped, as a campaign check does;
  the fast path, plans compiled before timing);
* ``phonenumbers`` alone: ``parse("+" + digits)``, ``is_valid_number``,
  ``region_code_for_number``, ``number_type`` (what ``check_phone`` asks of it), over the
  first ``SLOW`` numbers of the list only (it is 100x slower; one round);
* the first use: building the plans the corpus needs (group ``phone-build``).

Read the groups per number: the fast and floor tests time ``PHONES`` numbers, the
phonenumbers test ``SLOW``.  ``test_plan_memory`` prints what the precompiled plans
hold (tracemalloc; every plan too with ``SMSPARTS_BENCH_PHONE_ALL_PLANS=1``).
Sizes: ``SMSPARTS_BENCH_PHONES`` (default 100,000) and ``SMSPARTS_BENCH_PHONES_SLOW``
(default 5,000).
"""

from __future__ import annotations

import os
import random
import tracemalloc

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

phonenumbers = pytest.importorskip("phonenumbers")

from smsparts import _phonefast  # noqa: E402
from smsparts import phone as phone_module  # noqa: E402
from smsparts.phone import PhoneCheck, check_phone  # noqa: E402

PHONES = int(os.environ.get("SMSPARTS_BENCH_PHONES", "100000"))
SLOW = min(PHONES, int(os.environ.get("SMSPARTS_BENCH_PHONES_SLOW", "5000")))
SEED = 20261201
GROUP = "phone-check"
# A campaign list: mostly the platform's countries, the rest from everywhere.
_WEIGHTED = ["CI"] * 30 + ["FR"] * 20 + ["SN", "CM", "BF", "ML", "BJ", "TG", "GN"] * 3
_EVERY = sorted(phonenumbers.SUPPORTED_REGIONS)


def _mobile(region: str) -> str | None:
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if number is None:
        return None
    return f"{number.country_code}{phonenumbers.national_significant_number(number)}"


def _corpus() -> list[str]:
    """PHONES phones: 85% mobiles with random last digits, 15% with a mistake."""
    rng = random.Random(SEED)
    mobiles = {region: _mobile(region) for region in _EVERY}
    bases = [m for m in mobiles.values() if m]
    out: list[str] = []
    while len(out) < PHONES:
        region = rng.choice(_WEIGHTED) if rng.random() < 0.8 else rng.choice(_EVERY)
        base = mobiles[region] or rng.choice(bases)
        tail = "".join(str(rng.randrange(10)) for _ in range(4))
        digits = base[:-4] + tail
        roll = rng.random()
        if roll < 0.05:
            digits = digits[:-2]  # too short (the SDK's 225 + 8 digits is one of those)
        elif roll < 0.08:
            digits += "7"
        elif roll < 0.11:
            digits = "00" + digits
        elif roll < 0.13:
            digits = "0" + digits[3:]  # a national number
        elif roll < 0.15:
            digits = digits[:3] + str(rng.randrange(10)) + digits[4:]
        out.append(digits)
    return out


NUMBERS = _corpus()
# The expected answers for a sample, from phonenumbers alone (fast but wrong is worthless).
SAMPLE = 2000


def _slow_checks(numbers: list[str]) -> list[PhoneCheck]:
    original = phone_module._classify
    phone_module._classify = _phonefast.classify_slow
    try:
        return [check_phone(digits) for digits in numbers]
    finally:
        phone_module._classify = original


EXPECTED = _slow_checks(NUMBERS[:SAMPLE])


def _floor(numbers: list[str]) -> int:
    return sum(digits.isdigit() for digits in numbers)


def _check_all(numbers: list[str]) -> int:
    """The phones without any issue, streamed as a campaign check does (nothing kept)."""
    check = check_phone
    return sum(not check(digits).issues for digits in numbers)


def _phonenumbers_alone(numbers: list[str]) -> list[tuple[bool, str | None, int]]:
    parse = phonenumbers.parse
    valid = phonenumbers.is_valid_number
    region = phonenumbers.region_code_for_number
    kind = phonenumbers.number_type
    out: list[tuple[bool, str | None, int]] = []
    for digits in numbers:
        try:
            number = parse("+" + digits)
        except phonenumbers.NumberParseException:
            out.append((False, None, -1))
            continue
        out.append((valid(number), region(number), kind(number)))
    return out


def test_floor(benchmark: BenchmarkFixture) -> None:
    """Floor: str.isdigit over every phone."""
    benchmark.group = GROUP
    assert benchmark(_floor, NUMBERS) == len(NUMBERS)


def test_check_phone(benchmark: BenchmarkFixture) -> None:
    """check_phone over every phone (fast path, plans built before timing)."""
    benchmark.group = GROUP
    checks = [check_phone(digits) for digits in NUMBERS]  # first use: compile the plans
    assert checks[:SAMPLE] == EXPECTED
    clean = sum(not check.issues for check in checks)
    assert 0.7 * len(NUMBERS) < clean < 0.95 * len(NUMBERS)
    assert benchmark(_check_all, NUMBERS) == clean


def test_phonenumbers_alone(benchmark: BenchmarkFixture) -> None:
    """phonenumbers alone (parse, is_valid_number, region, type) over the first SLOW phones."""
    benchmark.group = GROUP
    results = benchmark.pedantic(  # type: ignore[no-untyped-call]
        _phonenumbers_alone, (NUMBERS[:SLOW],), rounds=1, iterations=1
    )
    assert [valid for valid, _, _ in results[:SAMPLE]] == [
        _phonefast.classify_slow(digits).outcome == _phonefast.VALID
        for digits in NUMBERS[: min(SAMPLE, SLOW)]
    ]


def _fresh_plans() -> None:
    _phonefast._HEADS.clear()
    _phonefast._PLANS.clear()


def _build(numbers: list[str]) -> int:
    _fresh_plans()
    for digits in numbers:
        _phonefast.classify(digits)
    return len(_phonefast._PLANS)


def test_first_use(benchmark: BenchmarkFixture) -> None:
    """Building the plans of the corpus's country codes and lengths from nothing."""
    benchmark.group = "phone-build"
    distinct = list(dict.fromkeys(NUMBERS))
    built = benchmark.pedantic(_build, (distinct,), rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert built > 1


def _build_everything() -> None:
    for code in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE):
        plan = _phonefast._load(f"{code}00"[:3])
        for length in range(2, 18):  # every national significant number length
            plan.matcher(length)


def _traced(work: list[str] | None) -> int:
    """Bytes held by the plans built for ``work`` (None: all), metadata loaded beforehand."""
    for region in phonenumbers.SUPPORTED_REGIONS:  # phonenumbers' own data, not ours
        phonenumbers.PhoneMetadata.metadata_for_region(region)
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        phonenumbers.PhoneMetadata.metadata_for_nongeo_region(code)
    _fresh_plans()
    tracemalloc.start()
    try:
        if work is None:
            _build_everything()
        else:
            for digits in work:
                _phonefast.classify(digits)
        return tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def test_plan_memory() -> None:
    """The precompiled plans' memory: for this corpus (and every plan, when asked)."""
    corpus_bytes = _traced(NUMBERS)
    print(f"\nplans for the corpus: {corpus_bytes / 1e6:.2f} MB")
    assert 0 < corpus_bytes < 50e6
    if os.environ.get("SMSPARTS_BENCH_PHONE_ALL_PLANS"):  # about 15 s under tracemalloc
        all_bytes = _traced(None)
        print(f"every plan of every country code and length: {all_bytes / 1e6:.2f} MB")
        assert corpus_bytes < all_bytes
