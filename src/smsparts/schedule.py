"""Campaign dates: parsing, the platform's 15-minute grid, weekdays and occurrences.

The platform takes dates as JavaScript ``Date`` values, which JSON carries as ISO-8601
strings (``"2024-03-20T10:00:00.000Z"``, what ``Date.prototype.toJSON`` writes); from
Python they may also be :class:`datetime.datetime` objects.  A scheduled time must fall
on a multiple of 15 minutes with zero seconds; for a recurring campaign the platform keeps
only the weekday (the key: ``monday`` ... ``sunday``) and the time of each date.

Everything here is pure: the clock is read only by :func:`now_utc`, and only when the
caller gives no ``now``.

>>> when = parse_date("2024-03-20T10:07:00.000Z")
>>> on_grid(when)
False
>>> [slot.isoformat() for slot in nearest_slots(when)]
['2024-03-20T10:00:00+00:00', '2024-03-20T10:15:00+00:00']
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Final

from ._options import check_type
from .errors import InvalidOption, SmsError

__all__ = [
    "GRID_MINUTES",
    "WEEKDAYS",
    "InvalidDate",
    "nearest_slots",
    "now_utc",
    "occurrences_until",
    "on_grid",
    "parse_date",
    "resolve_zone",
    "weekday_name",
]

#: The platform's scheduling grid: times are multiples of 15 minutes (SDK documentation,
#: "Les dates programmées doivent être des multiples de 15 minutes").
GRID_MINUTES: Final = 15

#: The keys of the platform's ``recurring`` object, Monday first (``datetime.weekday()``).
WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_GRID: Final = timedelta(minutes=GRID_MINUTES)


class InvalidDate(SmsError):
    """A value that is not a usable campaign date.

    Attributes:
        code: ``"schedule.not_a_date"`` (not an ISO-8601 date-time) or
            ``"schedule.no_timezone"`` (a date-time without a time zone or offset).
        value: the value given.
        reason: what is wrong, in words.
    """

    def __init__(self, code: str, value: object, reason: str) -> None:
        self.code = code
        self.value = value
        self.reason = reason
        super().__init__(code, value, reason)

    def __str__(self) -> str:
        return self.reason


def parse_date(value: object) -> datetime:
    """An aware :class:`~datetime.datetime` from a payload date.

    Accepts an ISO-8601 string with a time zone (``Z`` or an offset; fractional seconds
    as JavaScript writes them) or an aware ``datetime``.

    Raises:
        InvalidDate: not a date-time (``schedule.not_a_date``), or one without a time
            zone (``schedule.no_timezone``: the platform could not know which 10:00).

    >>> parse_date("2024-03-20T10:00:00.000Z").isoformat()
    '2024-03-20T10:00:00+00:00'
    >>> parse_date("2024-03-20T10:00:00")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    smsparts.schedule.InvalidDate: '2024-03-20T10:00:00' has no time zone: add Z (UTC) or ...
    """
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidDate(
                "schedule.not_a_date",
                value,
                f"{value!r} is not an ISO-8601 date and time (such as 2024-03-20T10:00:00.000Z)",
            ) from None
        if "T" not in value and " " not in value.strip():
            raise InvalidDate(
                "schedule.not_a_date",
                value,
                f"{value!r} is a date without a time (such as 2024-03-20T10:00:00.000Z)",
            )
    elif isinstance(value, date):
        raise InvalidDate(
            "schedule.not_a_date", value, f"{value.isoformat()} is a date without a time"
        )
    else:
        raise InvalidDate(
            "schedule.not_a_date",
            value,
            f"a date must be an ISO-8601 string, not {type(value).__name__}",
        )
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise InvalidDate(
            "schedule.no_timezone",
            value,
            f"{value if isinstance(value, str) else parsed.isoformat()!r} has no time zone: "
            "add Z (UTC) or an offset such as +01:00",
        )
    return parsed


def on_grid(when: datetime) -> bool:
    """Whether ``when`` is a multiple of 15 minutes with zero seconds.

    Checked in UTC (every offset in use today is a whole number of quarter hours, so the
    answer is the same in the sender's zone).
    """
    utc = when.astimezone(UTC) if when.tzinfo is not None else when
    return utc.minute % GRID_MINUTES == 0 and utc.second == 0 and utc.microsecond == 0


def nearest_slots(when: datetime) -> tuple[datetime, datetime]:
    """The valid slots just before and just after ``when``, in ``when``'s time zone.

    For a time on the grid both are ``when`` itself.

    >>> a, b = nearest_slots(parse_date("2024-03-20T23:59:30+00:00"))
    >>> a.isoformat(), b.isoformat()
    ('2024-03-20T23:45:00+00:00', '2024-03-21T00:00:00+00:00')
    """
    if on_grid(when):
        return when, when
    utc = when.astimezone(UTC)
    floor = utc.replace(minute=utc.minute - utc.minute % GRID_MINUTES, second=0, microsecond=0)
    zone = when.tzinfo
    return floor.astimezone(zone), (floor + _GRID).astimezone(zone)


def resolve_zone(zone: str | tzinfo) -> tzinfo:
    """A :class:`~datetime.tzinfo` from an IANA name (``"Africa/Abidjan"``) or a tzinfo.

    Raises:
        TypeError: neither a ``str`` nor a ``tzinfo``.
        InvalidOption: a name the time zone database does not know.
    """
    if isinstance(zone, tzinfo):
        return zone
    name = check_type("tz", zone, str, "a time zone name or a tzinfo")
    if name.upper() == "UTC" or name == "Z":
        return UTC
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only when a zone is named

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidOption("tz", zone, "an IANA time zone name such as 'Africa/Abidjan'") from None


def weekday_name(when: datetime, zone: tzinfo = UTC) -> str:
    """The weekday key (``"monday"`` ...) of ``when`` in ``zone``.

    >>> weekday_name(parse_date("2024-03-18T09:00:00Z"))
    'monday'
    """
    return WEEKDAYS[when.astimezone(zone).weekday()]


def now_utc() -> datetime:
    """The clock, as an aware UTC datetime (the default ``now`` of a campaign check)."""
    return datetime.now(UTC)


def occurrences_until(
    times: Mapping[str, time], start: datetime, until: date, zone: tzinfo = UTC
) -> int:
    """How many sends a weekly schedule makes from ``start`` up to the end of ``until``.

    Args:
        times: weekday key (``"monday"``) to the local time of the send in ``zone``.
        start: the first instant counted (a send at exactly ``start`` counts).
        until: the last day counted, in ``zone``.
        zone: the zone in which weekdays and times are read.

    >>> from datetime import time
    >>> start = parse_date("2024-03-18T00:00:00Z")  # a Monday
    >>> occurrences_until({"monday": time(9), "friday": time(9)}, start, date(2024, 3, 31))
    4
    """
    local_start = start.astimezone(zone)
    first_day = local_start.date()
    if until < first_day:
        return 0
    total = 0
    for key, at in times.items():
        index = WEEKDAYS.index(key)
        # The first date on or after first_day with this weekday.
        day = first_day + timedelta(days=(index - first_day.weekday()) % 7)
        if day == first_day and datetime.combine(day, at, zone) < local_start:
            day += timedelta(days=7)
        if day > until:
            continue
        total += (until - day).days // 7 + 1
    return total
