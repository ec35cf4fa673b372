"""The billing estimate of a campaign: integers that add up, then a price.

An :class:`Estimate` counts what would be sent, per occurrence of the campaign: the
recipients, the segments they cost, by encoding, a histogram of segments per recipient,
the characters that forced UCS-2 and the segments transliteration would save, and the
recipients and segments per destination.  It holds integers only, so estimates of
partitions of a contact list (computed in other processes or on other machines) add up
exactly: ``a + b`` is associative and commutative, and :meth:`Estimate.to_json` /
:meth:`Estimate.from_json` round-trip.  Money enters only at the end, when a
:class:`PriceTable` (``decimal.Decimal`` per segment by destination prefix, longest
prefix wins) turns an estimate into a :class:`Cost`.

>>> prices = PriceTable({"225": Decimal("0.020"), "22507": Decimal("0.015")})
>>> prices.match("2250701020304"), prices.match("33612345678")
('22507', None)
>>> e = Estimate(recipients=2, segments=3, priced=(("225", 1, 1), ("22507", 1, 2)))
>>> prices.cost(e).total
Decimal('0.050')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from .errors import SmsError

__all__ = [
    "Cost",
    "DestinationCost",
    "Estimate",
    "PriceFileError",
    "PriceTable",
    "merge",
]

#: (destination key, recipients, segments), sorted by key.
Destinations = tuple[tuple[str, int, int], ...]


def _add_pairs(
    a: tuple[tuple[Any, int], ...], b: tuple[tuple[Any, int], ...]
) -> tuple[tuple[Any, int], ...]:
    total: dict[Any, int] = dict(a)
    for key, count in b:
        total[key] = total.get(key, 0) + count
    return tuple(sorted(total.items()))


def _add_destinations(a: Destinations, b: Destinations) -> Destinations:
    total: dict[str, list[int]] = {key: [r, s] for key, r, s in a}
    for key, r, s in b:
        slot = total.setdefault(key, [0, 0])
        slot[0] += r
        slot[1] += s
    return tuple((key, r, s) for key, (r, s) in sorted(total.items()))


_INT_FIELDS: Final = (
    "recipients",
    "excluded",
    "duplicates",
    "segments",
    "gsm7_recipients",
    "ucs2_recipients",
    "gsm7_segments",
    "ucs2_segments",
    "over_max_segments",
    "transliteration_recipients",
    "transliteration_saves",
    "unresolved_groups",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimate:
    """What a campaign sends per occurrence, as integers that add up exactly.

    Every count is of recipients (unique phones without an error) unless its name says
    segments.  Tuple fields are sorted by key, so equal estimates compare equal.

    Attributes:
        recipients: phones that would be sent (one message each per occurrence).
        excluded: contacts left out for an error (bad phone, missing value, ...).
        duplicates: contacts left out because their phone was already a recipient.
        segments: segments billed for one occurrence.
        gsm7_recipients, ucs2_recipients: recipients by the encoding of their message.
        gsm7_segments, ucs2_segments: segments by encoding.
        histogram: ``(segments, recipients)`` pairs: how many recipients get a message of
            that many segments.
        over_max_segments: contacts excluded because their message needs more segments
            than allowed (also counted in ``excluded``).
        ucs2_chars: ``(char, recipients)``: for each character that forced UCS-2, the
            recipients whose message it was in.
        transliteration_recipients: recipients whose message transliteration would
            make cheaper.
        transliteration_saves: segments transliteration would save in all.
        priced: ``(price prefix, recipients, segments)`` for recipients whose phone
            matched a prefix of the price table in use.
        unpriced: ``(country calling code, recipients, segments)`` for the others (all
            of them when no price table was given).
        unresolved_groups: groups named by the payload that could not be counted (no
            groups mapping was given).
    """

    recipients: int = 0
    excluded: int = 0
    duplicates: int = 0
    segments: int = 0
    gsm7_recipients: int = 0
    ucs2_recipients: int = 0
    gsm7_segments: int = 0
    ucs2_segments: int = 0
    histogram: tuple[tuple[int, int], ...] = ()
    over_max_segments: int = 0
    ucs2_chars: tuple[tuple[str, int], ...] = ()
    transliteration_recipients: int = 0
    transliteration_saves: int = 0
    priced: Destinations = ()
    unpriced: Destinations = ()
    unresolved_groups: int = 0

    @property
    def messages(self) -> int:
        """Messages sent per occurrence: one per recipient."""
        return self.recipients

    @property
    def by_encoding(self) -> dict[str, int]:
        """Recipients by encoding: ``{"gsm7": n, "ucs2": n}``."""
        return {"gsm7": self.gsm7_recipients, "ucs2": self.ucs2_recipients}

    def __add__(self, other: object) -> Estimate:
        if not isinstance(other, Estimate):
            return NotImplemented
        ints = {name: getattr(self, name) + getattr(other, name) for name in _INT_FIELDS}
        return Estimate(
            **ints,
            histogram=_add_pairs(self.histogram, other.histogram),
            ucs2_chars=_add_pairs(self.ucs2_chars, other.ucs2_chars),
            priced=_add_destinations(self.priced, other.priced),
            unpriced=_add_destinations(self.unpriced, other.unpriced),
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict; :meth:`from_json` gives back an equal estimate.

        >>> e = Estimate(recipients=1, segments=2, histogram=((2, 1),))
        >>> Estimate.from_json(e.to_json()) == e
        True
        """
        out: dict[str, Any] = {name: getattr(self, name) for name in _INT_FIELDS}
        out["messages"] = self.messages
        out["by_encoding"] = self.by_encoding
        out["segments_by_encoding"] = {"gsm7": self.gsm7_segments, "ucs2": self.ucs2_segments}
        out["histogram"] = {str(k): v for k, v in self.histogram}
        out["ucs2_chars"] = dict(self.ucs2_chars)
        out["priced"] = {k: {"recipients": r, "segments": s} for k, r, s in self.priced}
        out["unpriced"] = {k: {"recipients": r, "segments": s} for k, r, s in self.unpriced}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Estimate:
        """The estimate :meth:`to_json` wrote (extra keys are ignored).

        Raises:
            ValueError: a count is missing or not a non-negative int.
        """

        def count(value: object, where: str) -> int:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"estimate {where} must be an int >= 0, not {value!r}")
            return value

        def dests(key: str) -> Destinations:
            items = data.get(key, {})
            return tuple(
                sorted(
                    (str(k), count(v["recipients"], f"{key}.{k}"), count(v["segments"], key))
                    for k, v in items.items()
                )
            )

        ints = {name: count(data.get(name, 0), name) for name in _INT_FIELDS}
        return cls(
            **ints,
            histogram=tuple(
                sorted((int(k), count(v, "histogram")) for k, v in data["histogram"].items())
            ),
            ucs2_chars=tuple(
                sorted(
                    (str(k), count(v, "ucs2_chars")) for k, v in data.get("ucs2_chars", {}).items()
                )
            ),
            priced=dests("priced"),
            unpriced=dests("unpriced"),
        )


def merge(estimates: Iterable[Estimate]) -> Estimate:
    """The sum of ``estimates`` (an empty :class:`Estimate` for none)."""
    total = Estimate()
    for estimate in estimates:
        total = total + estimate
    return total


class PriceFileError(SmsError):
    """A price file that cannot be read.

    Attributes:
        source: the file name as given (or ``"<prices>"``).
        line: the 1-based line of the problem (the header is line 1).
        reason: what is wrong.
    """

    def __init__(self, source: str, line: int, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        super().__init__(source, line, reason)

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True, kw_only=True)
class DestinationCost:
    """The cost of one price prefix: its recipients and segments times its price."""

    prefix: str
    recipients: int
    segments: int
    price: Decimal
    cost: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Cost:
    """An estimate priced (per occurrence).

    Attributes:
        total: the cost of every priced segment.
        by_destination: one :class:`DestinationCost` per price prefix used.
        unpriced: ``(country calling code, recipients, segments)`` no price matched;
            not in ``total``.
    """

    total: Decimal
    by_destination: tuple[DestinationCost, ...]
    unpriced: Destinations

    @property
    def complete(self) -> bool:
        """Whether every recipient had a price."""
        return not self.unpriced


class PriceTable:
    """Prices per segment by destination prefix (digits, country code first).

    The longest prefix that starts a phone number wins: with ``225`` and ``22507``,
    ``2250701020304`` is priced at ``22507``.

    Args:
        prices: prefix (digits) to the price of one segment (``Decimal``, ``>= 0``).

    Raises:
        TypeError: a price is not a ``Decimal``.
        ValueError: a prefix is not digits, or a price is negative or not finite.
    """

    __slots__ = ("_lengths", "_prices")

    def __init__(self, prices: Mapping[str, Decimal]) -> None:
        checked: dict[str, Decimal] = {}
        for prefix, price in prices.items():
            if not isinstance(prefix, str) or not prefix.isdigit() or not prefix.isascii():
                raise ValueError(f"price prefix must be digits, not {prefix!r}")
            if not isinstance(price, Decimal):
                raise TypeError(f"price of {prefix} must be a Decimal, not {type(price).__name__}")
            if not price.is_finite() or price < 0:
                raise ValueError(f"price of {prefix} must be a finite Decimal >= 0, not {price}")
            checked[prefix] = price
        self._prices: dict[str, Decimal] = dict(sorted(checked.items()))
        self._lengths = tuple(sorted({len(p) for p in checked}, reverse=True))

    @classmethod
    def from_csv(cls, text: str, *, source: str = "<prices>") -> PriceTable:
        """The table of a CSV text with the columns ``prefix,price`` (header first).

        A ``+`` before a prefix is accepted and dropped; blank lines are skipped.

        Raises:
            PriceFileError: a missing column, a bad prefix or price, or a prefix twice,
                naming ``source`` and the line.

        >>> PriceTable.from_csv("prefix,price\\n225,0.02\\n").match("2250101010101")
        '225'
        """
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header is None:
            raise PriceFileError(source, 1, "empty file: expected the header prefix,price")
        names = [h.strip().lstrip("\ufeff").lower() for h in header]
        if "prefix" not in names or "price" not in names:
            raise PriceFileError(source, 1, f"header must name prefix and price, not {header}")
        at_prefix, at_price = names.index("prefix"), names.index("price")
        prices: dict[str, Decimal] = {}
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                raise PriceFileError(
                    source, line, f"{len(row)} columns, the header has {len(names)}"
                )
            prefix = row[at_prefix].strip().removeprefix("+")
            if not prefix.isdigit() or not prefix.isascii():
                raise PriceFileError(source, line, f"prefix must be digits, not {row[at_prefix]!r}")
            try:
                price = Decimal(row[at_price].strip())
            except InvalidOperation:
                raise PriceFileError(
                    source, line, f"price is not a number: {row[at_price]!r}"
                ) from None
            if not price.is_finite() or price < 0:
                raise PriceFileError(source, line, f"price must be >= 0, not {row[at_price]!r}")
            if prefix in prices:
                raise PriceFileError(source, line, f"prefix {prefix} is listed twice")
            prices[prefix] = price
        return cls(prices)

    @property
    def prices(self) -> dict[str, Decimal]:
        """A copy of the table: prefix to price per segment."""
        return dict(self._prices)

    def match(self, phone: str) -> str | None:
        """The longest prefix of the table that starts ``phone`` (digits), or ``None``."""
        for length in self._lengths:
            if len(phone) >= length and phone[:length] in self._prices:
                return phone[:length]
        return None

    @property
    def longest_prefix(self) -> int:
        """Digits of the longest prefix (0 for an empty table): a phone's price depends
        on its first ``longest_prefix`` digits only."""
        return self._lengths[0] if self._lengths else 0

    def cost(self, estimate: Estimate) -> Cost:
        """The cost of ``estimate``'s priced segments at this table's prices.

        ``estimate.priced`` keys must be prefixes of this table (the estimate was made
        with it): a key it does not hold raises ``ValueError``.
        """
        rows = []
        total = Decimal(0)
        for prefix, recipients, segments in estimate.priced:
            price = self._prices.get(prefix)
            if price is None:
                raise ValueError(f"estimate prefix {prefix} is not in this price table")
            cost = price * segments
            total += cost
            rows.append(
                DestinationCost(
                    prefix=prefix, recipients=recipients, segments=segments, price=price, cost=cost
                )
            )
        return Cost(total=total, by_destination=tuple(rows), unpriced=estimate.unpriced)

    def to_json(self) -> dict[str, str]:
        """Prefix to price as a decimal string (exact)."""
        return {prefix: str(price) for prefix, price in self._prices.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, str]) -> PriceTable:
        """The table :meth:`to_json` wrote."""
        return cls({prefix: Decimal(price) for prefix, price in data.items()})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PriceTable):
            return NotImplemented
        return self._prices == other._prices

    def __hash__(self) -> int:
        return hash(tuple(self._prices.items()))

    def __repr__(self) -> str:
        return f"PriceTable({len(self._prices)} prefixes)"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (PriceTable, (self._prices,))
