"""Tests of smsparts.schedule: payload dates, the 15-minute grid, weekdays, occurrences.

Weekdays are calendar facts (2024-03-18 is a Monday, 2024-03-20 a Wednesday, 2024-03-22
a Friday: the SDK's recurring example); the grid is the SDK's rule ("multiples de 15
minutes": 10:00, 10:15, 10:30, 10:45).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from smsparts.errors import InvalidOption, SmsError
from smsparts.schedule import (
    WEEKDAYS,
    InvalidDate,
    nearest_slots,
    occurrences_until,
    on_grid,
    parse_date,
    resolve_zone,
    weekday_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "2024-03-20T10:00:00.000Z", datetime(2024, 3, 20, 10, tzinfo=UTC), id="js-toJSON"
        ),
        pytest.param("2024-03-20T10:00:00Z", datetime(2024, 3, 20, 10, tzinfo=UTC), id="no-ms"),
        pytest.param(
            "2024-03-20T11:00:00+01:00", datetime(2024, 3, 20, 10, tzinfo=UTC), id="offset"
        ),
    ],
)
def test_parse_date_accepts_iso_with_zone(text: str, expected: datetime) -> None:
    """ISO-8601 strings with Z or an offset parse to the same instant."""
    assert parse_date(text) == expected


def test_parse_date_accepts_aware_datetime() -> None:
    """An aware datetime is returned as it is."""
    when = datetime(2024, 3, 20, 10, tzinfo=UTC)
    assert parse_date(when) is when


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("2024-03-20T10:00:00", "schedule.no_timezone", id="naive-str"),
        pytest.param(datetime(2024, 3, 20, 10), "schedule.no_timezone", id="naive-datetime"),
        pytest.param("2024-03-20", "schedule.not_a_date", id="date-only"),
        pytest.param(date(2024, 3, 20), "schedule.not_a_date", id="date-object"),
        pytest.param("next monday", "schedule.not_a_date", id="words"),
        pytest.param(1710928800000, "schedule.not_a_date", id="epoch-ms"),
        pytest.param(None, "schedule.not_a_date", id="none"),
    ],
)
def test_parse_date_rejects(value: object, code: str) -> None:
    """A value that is not an aware date-time is an InvalidDate with its code."""
    with pytest.raises(InvalidDate) as info:
        parse_date(value)
    assert info.value.code == code
    assert isinstance(info.value, SmsError)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        pytest.param("2024-03-20T10:00:00Z", True, id="10:00"),
        pytest.param("2024-03-20T10:15:00Z", True, id="10:15"),
        pytest.param("2024-03-20T10:45:00Z", True, id="10:45"),
        pytest.param("2024-03-20T10:07:00Z", False, id="10:07"),
        pytest.param("2024-03-20T10:15:30Z", False, id="seconds"),
        pytest.param("2024-03-20T10:15:00.001Z", False, id="milliseconds"),
        pytest.param("2024-03-20T15:45:00+05:45", True, id="nepal-offset"),
    ],
)
def test_on_grid(text: str, ok: bool) -> None:
    """A time is on the grid when its minutes are a multiple of 15 and its seconds zero."""
    assert on_grid(parse_date(text)) is ok


def test_nearest_slots_brackets_the_time() -> None:
    """The two nearest slots are the quarter hours before and after, in the same zone."""
    before, after = nearest_slots(parse_date("2024-03-20T11:07:00+01:00"))
    assert before.isoformat() == "2024-03-20T11:00:00+01:00"
    assert after.isoformat() == "2024-03-20T11:15:00+01:00"


def test_nearest_slots_on_grid_is_the_time() -> None:
    """A time on the grid is its own nearest slot."""
    when = parse_date("2024-03-20T10:30:00Z")
    assert nearest_slots(when) == (when, when)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        pytest.param("2024-03-18T09:00:00Z", "monday", id="sdk-monday"),
        pytest.param("2024-03-20T09:00:00Z", "wednesday", id="sdk-wednesday"),
        pytest.param("2024-03-22T09:00:00Z", "friday", id="sdk-friday"),
        pytest.param("2024-03-24T09:00:00Z", "sunday", id="sunday"),
    ],
)
def test_weekday_name_utc(text: str, day: str) -> None:
    """The SDK's recurring dates fall on the weekdays of their keys, in UTC."""
    assert weekday_name(parse_date(text)) == day


def test_weekday_name_depends_on_zone() -> None:
    """Monday 23:30 UTC is already Tuesday in Abidjan+1 (Africa/Lagos, UTC+1)."""
    when = parse_date("2024-03-18T23:30:00Z")
    assert weekday_name(when) == "monday"
    assert weekday_name(when, resolve_zone("Africa/Lagos")) == "tuesday"
    assert weekday_name(when, timezone(timedelta(hours=1))) == "tuesday"


def test_resolve_zone() -> None:
    """UTC names give datetime.UTC; an unknown name is an InvalidOption; a number a TypeError."""
    assert resolve_zone("UTC") is UTC
    assert resolve_zone(UTC) is UTC
    with pytest.raises(InvalidOption, match="tz must be an IANA time zone name"):
        resolve_zone("Mars/Olympus")
    with pytest.raises(TypeError, match="tz must be a time zone name"):
        resolve_zone(5)  # type: ignore[arg-type]


def test_occurrences_until_counts_weekdays() -> None:
    """Mon/Wed/Fri from Monday 2024-03-18 00:00 to Sunday 2024-03-31: 6 sends (2 weeks x 3)."""
    times = {"monday": time(9), "wednesday": time(9), "friday": time(9)}
    start = parse_date("2024-03-18T00:00:00Z")
    assert occurrences_until(times, start, date(2024, 3, 31)) == 6


def test_occurrences_until_skips_a_time_already_past() -> None:
    """Starting Monday 10:00, Monday's 09:00 send has gone: the first Monday is not counted."""
    times = {"monday": time(9)}
    start = parse_date("2024-03-18T10:00:00Z")
    assert occurrences_until(times, start, date(2024, 3, 25)) == 1
    assert occurrences_until(times, start, date(2024, 3, 24)) == 0


def test_occurrences_until_before_start_is_zero() -> None:
    """An end before the start counts nothing."""
    start = parse_date("2024-03-18T10:00:00Z")
    assert occurrences_until({"monday": time(9)}, start, date(2024, 1, 1)) == 0


def test_occurrences_until_agrees_with_a_day_by_day_count() -> None:
    """The arithmetic count equals walking every day of a year (an independent count)."""
    times = {"tuesday": time(8, 30), "saturday": time(18)}
    start = parse_date("2024-01-02T08:30:00Z")  # a Tuesday, at the send time
    until = date(2024, 12, 31)
    walked = 0
    day = start.date()
    while day <= until:
        key = WEEKDAYS[day.weekday()]
        if key in times and datetime.combine(day, times[key], UTC) >= start:
            walked += 1
        day += timedelta(days=1)
    assert occurrences_until(times, start, until) == walked == 105
