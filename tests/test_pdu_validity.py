"""Tests for smsparts.pdu.validity: relative validity periods."""

from __future__ import annotations

import datetime as dt

import pytest

from smsparts.pdu import (
    relative_validity,
    relative_validity_period,
)


@pytest.mark.parametrize(
    ("period", "octet"),
    [
        pytest.param(dt.timedelta(minutes=5), 0, id="5min"),
        pytest.param(dt.timedelta(minutes=6), 1, id="6min-rounds-up"),
        pytest.param(dt.timedelta(hours=12), 143, id="12h"),
        pytest.param(dt.timedelta(hours=12, minutes=30), 144, id="12h30"),
        pytest.param(dt.timedelta(days=1), 167, id="1day"),
        pytest.param(dt.timedelta(days=2), 168, id="2days"),
        pytest.param(dt.timedelta(days=30), 196, id="30days"),
        pytest.param(dt.timedelta(days=31), 197, id="31days-5weeks"),
        pytest.param(dt.timedelta(weeks=63), 255, id="63weeks"),
    ],
)
def test_relative_validity_period(period: dt.timedelta, octet: int) -> None:
    """A period maps to the smallest TP-VP octet at least as long (23.040 9.2.3.12.1)."""
    assert relative_validity_period(period) == octet
    assert relative_validity(octet) >= period


@pytest.mark.parametrize(
    "period",
    [dt.timedelta(0), dt.timedelta(minutes=-5), dt.timedelta(weeks=64)],
    ids=["zero", "negative", "64weeks"],
)
def test_relative_validity_period_out_of_range(period: dt.timedelta) -> None:
    """Zero, negative and over-63-week periods raise ValueError."""
    with pytest.raises(ValueError, match="validity"):
        relative_validity_period(period)
