"""Tests of smsparts.estimate: the mergeable estimate, price tables and costs.

Expected costs are worked out by hand: segments times the price of the longest matching
prefix (Decimal arithmetic, no rounding).
"""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import pytest

from smsparts.estimate import Cost, Estimate, PriceFileError, PriceTable, merge

A = Estimate(
    recipients=3,
    excluded=1,
    segments=5,
    gsm7_recipients=2,
    ucs2_recipients=1,
    gsm7_segments=2,
    ucs2_segments=3,
    histogram=((1, 2), (3, 1)),
    ucs2_chars=(("ç", 1),),
    transliteration_recipients=1,
    transliteration_saves=1,
    priced=(("225", 3, 5),),
)
B = Estimate(
    recipients=2,
    duplicates=1,
    segments=2,
    gsm7_recipients=2,
    gsm7_segments=2,
    histogram=((1, 2),),
    priced=(("225", 1, 1),),
    unpriced=(("33", 1, 1),),
    unresolved_groups=2,
)


def test_add_sums_every_count() -> None:
    """a + b adds counts, histograms, characters and destinations key by key."""
    total = A + B
    assert total.recipients == 5
    assert total.excluded == 1
    assert total.duplicates == 1
    assert total.segments == 7
    assert total.histogram == ((1, 4), (3, 1))
    assert total.ucs2_chars == (("ç", 1),)
    assert total.priced == (("225", 4, 6),)
    assert total.unpriced == (("33", 1, 1),)
    assert total.unresolved_groups == 2
    assert total.by_encoding == {"gsm7": 4, "ucs2": 1}
    assert total.messages == 5


def test_add_is_commutative_and_has_a_zero() -> None:
    """a + b == b + a and the empty estimate adds nothing."""
    assert A + B == B + A
    assert A + Estimate() == A
    assert merge([A, B]) == A + B
    assert merge([]) == Estimate()


def test_add_rejects_other_types() -> None:
    """Adding something that is not an estimate is a TypeError."""
    with pytest.raises(TypeError):
        A + 1


def test_json_round_trip() -> None:
    """to_json is JSON-able and from_json gives back an equal estimate."""
    data = json.loads(json.dumps((A + B).to_json()))
    assert Estimate.from_json(data) == A + B
    assert data["histogram"] == {"1": 4, "3": 1}
    assert data["by_encoding"] == {"gsm7": 4, "ucs2": 1}


def test_from_json_rejects_a_bad_count() -> None:
    """A negative or non-integer count is a ValueError naming it."""
    data = A.to_json()
    data["segments"] = -1
    with pytest.raises(ValueError, match="estimate segments must be an int >= 0"):
        Estimate.from_json(data)
    data["segments"] = 1.5
    with pytest.raises(ValueError, match="estimate segments"):
        Estimate.from_json(data)


def test_estimate_pickles() -> None:
    """An estimate survives pickling (partitions come back from worker processes)."""
    assert pickle.loads(pickle.dumps(A)) == A


# ---------------------------------------------------------------------------
# prices

PRICES = PriceTable({"225": Decimal("0.020"), "22507": Decimal("0.015"), "33": Decimal("0.07")})


@pytest.mark.parametrize(
    ("phone", "prefix"),
    [
        pytest.param("2250701020304", "22507", id="longest-wins"),
        pytest.param("2250101010101", "225", id="country"),
        pytest.param("33612345678", "33", id="france"),
        pytest.param("14155550100", None, id="no-price"),
        pytest.param("22", None, id="shorter-than-prefixes"),
    ],
)
def test_match_longest_prefix(phone: str, prefix: str | None) -> None:
    """The longest prefix that starts the phone wins; no match is None."""
    assert PRICES.match(phone) == prefix


def test_cost_by_destination() -> None:
    """Cost is segments times the prefix's price, per destination and in total."""
    estimate = Estimate(
        recipients=4,
        segments=7,
        priced=(("225", 2, 3), ("22507", 1, 2)),
        unpriced=(("1", 1, 2),),
    )
    cost = PRICES.cost(estimate)
    assert isinstance(cost, Cost)
    assert cost.total == Decimal("0.090")  # 3 x 0.020 + 2 x 0.015
    assert [(d.prefix, d.cost) for d in cost.by_destination] == [
        ("225", Decimal("0.060")),
        ("22507", Decimal("0.030")),
    ]
    assert cost.unpriced == (("1", 1, 2),)
    assert not cost.complete


def test_cost_rejects_a_prefix_of_another_table() -> None:
    """An estimate made with another table cannot be priced with this one."""
    with pytest.raises(ValueError, match="prefix 44 is not in this price table"):
        PRICES.cost(Estimate(recipients=1, segments=1, priced=(("44", 1, 1),)))


def test_from_csv_reads_prefix_and_price() -> None:
    """A CSV with prefix,price gives Decimal prices; '+' and blank lines are accepted."""
    table = PriceTable.from_csv("prefix,price\n+225,0.020\n\n22507,0.015\n")
    assert table.prices == {"225": Decimal("0.020"), "22507": Decimal("0.015")}
    assert table == PriceTable.from_json(table.to_json())


def test_from_csv_columns_in_any_order() -> None:
    """Columns are found by name."""
    table = PriceTable.from_csv("price,prefix,country\n0.05,33,France\n")
    assert table.prices == {"33": Decimal("0.05")}


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        pytest.param("", 1, "empty file", id="empty"),
        pytest.param("code,cost\n", 1, "header must name prefix and price", id="header"),
        pytest.param("prefix,price\n22a,0.1\n", 2, "prefix must be digits", id="prefix"),
        pytest.param("prefix,price\n225,abc\n", 2, "price is not a number", id="price"),
        pytest.param("prefix,price\n225,-1\n", 2, "price must be >= 0", id="negative"),
        pytest.param("prefix,price\n225,NaN\n", 2, "price must be >= 0", id="nan"),
        pytest.param("prefix,price\n225,1\n225,2\n", 3, "listed twice", id="twice"),
        pytest.param("prefix,price\n225\n", 2, "1 columns, the header has 2", id="ragged"),
    ],
)
def test_from_csv_errors_name_the_line(text: str, line: int, reason: str) -> None:
    """A bad price file is a PriceFileError with the source and the 1-based line."""
    with pytest.raises(PriceFileError, match=reason) as info:
        PriceTable.from_csv(text, source="prices.csv")
    assert info.value.line == line
    assert str(info.value).startswith(f"prices.csv:{line}: ")


def test_price_table_rejects_float_and_bad_prefix() -> None:
    """Money is Decimal: a float price is a TypeError; a non-digit prefix a ValueError."""
    with pytest.raises(TypeError, match="must be a Decimal"):
        PriceTable({"225": 0.02})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="digits"):
        PriceTable({"+225": Decimal(1)})


def test_price_table_pickles() -> None:
    """A price table survives pickling and compares by content."""
    assert pickle.loads(pickle.dumps(PRICES)) == PRICES
