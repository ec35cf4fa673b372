"""Validity periods and time stamps (23.040 9.2.3.3, 9.2.3.11, 9.2.3.12).

>>> relative_validity_period(dt.timedelta(days=1)), relative_validity(0xA7)
(167, datetime.timedelta(days=1))
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from .._options import check_int, check_type
from ..errors import InvalidOption

__all__ = [
    "VPF_ABSOLUTE",
    "VPF_ENHANCED",
    "VPF_NONE",
    "VPF_RELATIVE",
    "VP_OCTETS",
    "relative_validity",
    "relative_validity_period",
    "scts_datetime",
]

# TP-VPF (23.040 9.2.3.3): bits 4..3 of the first octet of an SMS-SUBMIT.
VPF_NONE: Final = 0b00
VPF_ENHANCED: Final = 0b01
VPF_RELATIVE: Final = 0b10
VPF_ABSOLUTE: Final = 0b11
#: Octets of TP-VP for each TP-VPF.
VP_OCTETS: Final = {VPF_NONE: 0, VPF_ENHANCED: 7, VPF_RELATIVE: 1, VPF_ABSOLUTE: 7}

_MINUTE: Final = dt.timedelta(minutes=1)
_LONGEST: Final = dt.timedelta(weeks=63)  # VP 255


def relative_validity_period(period: dt.timedelta) -> int:
    """The relative TP-VP octet for a validity period (23.040 9.2.3.12.1).

    The octet means ``(VP + 1) x 5`` minutes up to 143, ``12 h + (VP - 143) x 30``
    minutes up to 167, ``(VP - 166)`` days up to 196 and ``(VP - 192)`` weeks up to
    255.  The smallest octet whose period is at least ``period`` is chosen, so a
    message never expires earlier than asked.

    Raises:
        TypeError: ``period`` is not a ``timedelta``.
        InvalidOption: ``period`` is not positive or exceeds 63 weeks (VP 255), however
            far (``timedelta.max`` and ``timedelta.min`` included).

    >>> relative_validity_period(dt.timedelta(days=1))
    167
    """
    check_type("validity", period, dt.timedelta, "a timedelta")
    if period <= dt.timedelta(0) or period > _LONGEST:
        # Compared as timedeltas: negating timedelta.min (to round up) would overflow.
        raise InvalidOption("validity", period, "a positive period of at most 63 weeks")
    whole, rest = divmod(period, _MINUTE)
    minutes = whole + (1 if rest else 0)  # rounded up
    if minutes <= 12 * 60:
        return -(-minutes // 5) - 1
    if minutes <= 24 * 60:
        return 143 + -(-(minutes - 12 * 60) // 30)
    days = -(-minutes // (24 * 60))
    if days <= 30:
        return 166 + days
    weeks = -(-days // 7)
    return 192 + max(weeks, 5)


def relative_validity(octet: int) -> dt.timedelta:
    """The period a relative TP-VP octet means (23.040 9.2.3.12.1).

    Raises:
        TypeError: ``octet`` is not an ``int``.
        InvalidOption: ``octet`` is not 0..255.

    >>> relative_validity(0xAA), relative_validity(0xA7)
    (datetime.timedelta(days=4), datetime.timedelta(days=1))
    """
    check_int("TP-VP", octet, 0, 255)
    if octet <= 143:
        return dt.timedelta(minutes=5 * (octet + 1))
    if octet <= 167:
        return dt.timedelta(hours=12, minutes=30 * (octet - 143))
    if octet <= 196:
        return dt.timedelta(days=octet - 166)
    return dt.timedelta(weeks=octet - 192)


def _bcd(octet: int) -> int | None:
    """A swapped semi-octet pair as a number (23.040 9.2.3.11), or None."""
    low, high = octet & 0x0F, octet >> 4
    return None if low > 9 or high > 9 else 10 * low + high


def scts_datetime(raw: bytes) -> dt.datetime | None:
    """7 octets in the TP-SCTS format as an aware datetime, or ``None`` (23.040 9.2.3.11).

    Semi-octets, low nibble first; the time zone is in quarters of an hour, bit 3 of
    the seventh octet being the sign.  Two-digit years 69..99 are 1969..1999 and
    00..68 are 2000..2068 (POSIX ``%y``).  ``None`` when a digit is not decimal or the
    fields are not a date (a service centre that writes ``E1`` as its time zone).

    >>> str(scts_datetime(bytes.fromhex("11101171955140")))
    '2011-01-11 17:59:15+01:00'
    """
    if len(raw) != 7:
        return None
    parts = [_bcd(octet) for octet in raw[:6]]
    tz = _bcd(raw[6] & 0xF7)
    if tz is None or any(p is None for p in parts):
        return None
    year, month, day, hour, minute, second = (p or 0 for p in parts)
    quarters = -tz if raw[6] & 0x08 else tz
    try:
        zone = dt.timezone(dt.timedelta(minutes=15 * quarters))
        century = 1900 if year >= 69 else 2000
        return dt.datetime(century + year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
