"""Alphabet detection, exact counting and segmentation of a message.

:func:`analyze` answers how a text travels: which alphabet (GSM 7-bit or UCS-2), how
many units (septets or UTF-16 code units), how many segments, and how much room is left;
:func:`split` returns the segments themselves.  The rules, with their clauses, are in
docs/conformance.md:

* GSM 7-bit when one allowed (locking, single shift) table pair holds every character
  (23.038 6.2.1, 6.2.1.1, 6.2.1.2); a character of the extension or single shift table
  costs 2 septets (ESC + code).  Otherwise UCS-2, counted in UTF-16 code units.
* One segment holds 160 septets / 70 code units with no header.  A longer message is
  concatenated: each segment carries a 6-octet header (23.040 9.2.3.24.1) and holds
  153 septets / 67 code units; national language IEs cost 3 octets more each.
* A segment never ends inside an escape pair (23.040 9.2.3.24.1: "an escape sequence
  shall not be split") or a surrogate pair, and with ``boundary="grapheme"`` a UCS-2
  segment never ends inside a grapheme cluster unless the cluster alone is larger
  than a segment.
* Segments are filled greedily, which gives the fewest segments under these rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final, Literal, NamedTuple

import regex

from .charset import (
    DEFAULT,
    Charset,
    Encoding,
    NationalLanguage,
    charset,
    gsm7_septets_per_segment,
    ucs2_code_units_per_segment,
)
from .errors import InvalidCharacter, MessageTooLong, UnencodableCharacter

__all__ = ["Analysis", "Boundary", "Segment", "analyze", "split"]

Boundary = Literal["grapheme", "codepoint"]
LanguageSpec = NationalLanguage | int | Iterable[NationalLanguage | int] | None

_GSM7: Final = Encoding.GSM7
_UCS2: Final = Encoding.UCS2
MAX_SEGMENTS: Final = 255  # 23.040 9.2.3.24.1: total and sequence number are one octet

_GSM_SINGLE: Final = gsm7_septets_per_segment()  # 160
_GSM_MULTI: Final = gsm7_septets_per_segment(concatenated=True)  # 153
_UCS2_SINGLE: Final = ucs2_code_units_per_segment()  # 70
_UCS2_MULTI: Final = ucs2_code_units_per_segment(concatenated=True)  # 67

_first_non_basic = DEFAULT._first_non_basic.search
_costs = DEFAULT.costs
_first_non_gsm = DEFAULT._first_non_gsm.search
_SHIFTED: Final = DEFAULT.shifted
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_SURROGATE_HALVES: Final = bytes(
    1 if 0xD8 <= octet <= 0xDB else 2 if 0xDC <= octet <= 0xDF else 0 for octet in range(256)
)
_CLUSTER: Final = regex.compile(r"\X")
# Grapheme_Cluster_Break values between which UAX #29 always breaks (GB999; no rule
# joins Other, LV or LVT to a following Other, LV or LVT).
_PLAIN: Final = regex.compile(
    r"[\p{Grapheme_Cluster_Break=Other}\p{Grapheme_Cluster_Break=LV}"
    r"\p{Grapheme_Cluster_Break=LVT}]"
)
_plain_cache: dict[str, bool] = {}


class Analysis(
    tuple[
        Encoding,
        int,
        int,
        int,
        int,
        NationalLanguage | None,
        NationalLanguage | None,
        str,
        "tuple[frozenset[int], frozenset[int]] | None",
    ]
):
    """How a text travels: its encoding, units, segments and remaining room.

    An immutable value (a tuple underneath, built in ~0.2 µs since :func:`analyze` runs
    millions of times in an estimate).  Derived facts are properties.

    Attributes:
        encoding: :attr:`Encoding.GSM7` or :attr:`Encoding.UCS2`.
        units: septets (GSM-7, ESC included) or UTF-16 code units (UCS-2).
        segments: segments that will be sent and billed.
        segment_capacity: units one segment holds for this message (160 or 153, 70 or
            67, less with national language IEs).
        remaining: units still free in the last segment.
        locking_shift: national locking shift table used, or ``None`` (default alphabet).
        single_shift: national single shift table used, or ``None`` (default extension).
        text: the text analyzed.
    """

    __slots__ = ()

    @property
    def encoding(self) -> Encoding:
        """The alphabet the message is sent in."""
        return self[0]

    @property
    def units(self) -> int:
        """Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text."""
        return self[1]

    @property
    def segments(self) -> int:
        """Number of segments sent and billed."""
        return self[2]

    @property
    def segment_capacity(self) -> int:
        """Units per segment for this message (after headers)."""
        return self[3]

    @property
    def remaining(self) -> int:
        """Units still free in the last segment."""
        return self[4]

    @property
    def locking_shift(self) -> NationalLanguage | None:
        """The national locking shift table chosen, or ``None``."""
        return self[5]

    @property
    def single_shift(self) -> NationalLanguage | None:
        """The national single shift table chosen, or ``None``."""
        return self[6]

    @property
    def text(self) -> str:
        """The text analyzed."""
        return self[7]

    @property
    def septets(self) -> int | None:
        """Septets of the text when sent in GSM-7, else ``None``."""
        return self[1] if self[0] is _GSM7 else None

    @property
    def code_units(self) -> int | None:
        """UTF-16 code units of the text when sent in UCS-2, else ``None``."""
        return self[1] if self[0] is _UCS2 else None

    @property
    def concatenated(self) -> bool:
        """Whether the message is sent as concatenated segments (with a header)."""
        return self[2] > 1

    @property
    def charset(self) -> Charset | None:
        """The GSM-7 table pair used, or ``None`` for UCS-2."""
        if self[0] is _UCS2:
            return None
        return charset(self[5] or 0, self[6] or 0)

    @property
    def unencodable(self) -> tuple[tuple[int, str], ...]:
        """Every ``(index, char)`` that forced UCS-2; empty for GSM-7.

        These are the characters that no allowed table holds.  When each character is
        in some allowed table but no single (locking, single) pair holds them all, they
        are the characters outside the default alphabet and its extension table.  A
        text forced to UCS-2 that would fit GSM-7 with the allowed tables has none.
        Computed on access (a campaign estimate never pays for it).
        """
        if self[0] is _GSM7:
            return ()
        text, tables = self[7], self[8]
        if tables is not None:
            selector = _selector(*tables)
            if selector.pairs(text):
                return ()
            found = tuple((i, ch) for i, ch in enumerate(text) if ch not in selector.union)
            if found:
                return found
        return tuple(DEFAULT.unencodable(text))

    def __repr__(self) -> str:
        tables = ""
        if self[5] is not None or self[6] is not None:
            lock = self[5].name if self[5] is not None else None
            single = self[6].name if self[6] is not None else None
            tables = f", locking_shift={lock}, single_shift={single}"
        return (
            f"Analysis(encoding={self[0].value!r}, units={self[1]}, segments={self[2]}, "
            f"segment_capacity={self[3]}, remaining={self[4]}{tables})"
        )


_new_analysis = tuple.__new__


class Segment(NamedTuple):
    """One segment of a split message.

    Attributes:
        text: the characters carried, ``text[start:end]`` of the input.
        units: septets (ESC included) or UTF-16 code units of ``text``.
        start: index of the first character in the input ``str``.
        end: index after the last character.
        capacity: units this segment could hold.
        encoding: the message's encoding.
        locking_shift: national locking shift table, or ``None``.
        single_shift: national single shift table, or ``None``.
    """

    text: str
    units: int
    start: int
    end: int
    capacity: int
    encoding: Encoding
    locking_shift: NationalLanguage | None = None
    single_shift: NationalLanguage | None = None


# ---------------------------------------------------------------------------
# option checking


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


def _check_encoding(encoding: object) -> Encoding | None:
    if encoding is None:
        return None
    try:
        return Encoding(str(encoding))
    except ValueError:
        raise ValueError(
            f"encoding must be None, Encoding.GSM7 or Encoding.UCS2, not {encoding!r}"
        ) from None


def _check_boundary(boundary: object) -> bool:
    """True for grapheme boundaries."""
    if boundary == "grapheme":
        return True
    if boundary == "codepoint":
        return False
    raise ValueError(f"boundary must be 'grapheme' or 'codepoint', not {boundary!r}")


def _check_reference_bits(reference_bits: object) -> int:
    if reference_bits not in (8, 16) or isinstance(reference_bits, bool):
        raise ValueError(f"reference_bits must be 8 or 16, not {reference_bits!r}")
    return 16 if reference_bits == 16 else 8


def _language_ids(option: str, values: LanguageSpec) -> frozenset[int]:
    if values is None:
        return frozenset()
    if isinstance(values, int | str):
        values = [values]
    ids = set()
    for value in values:
        try:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError
            ids.add(int(NationalLanguage(value)))
        except ValueError:
            raise ValueError(
                f"{option}: {value!r} is not a NationalLanguage (identifiers 1 to 13)"
            ) from None
    return frozenset(ids)


_NO_TABLES: Final[tuple[frozenset[int], frozenset[int]]] = (frozenset(), frozenset())


def _as_key(values: LanguageSpec) -> tuple[object, ...] | None:
    if values is None:
        return None
    if isinstance(values, int | str):
        return (values,)
    return tuple(values)


def _allowed_tables(
    languages: LanguageSpec, single_shift: LanguageSpec, locking_shift: LanguageSpec
) -> tuple[frozenset[int], frozenset[int]]:
    """(locking ids, single ids) the route supports, 0 (the default) excluded."""
    if languages is None and single_shift is None and locking_shift is None:
        return _NO_TABLES
    key = (_as_key(languages), _as_key(single_shift), _as_key(locking_shift))
    if any(part and bool in map(type, part) for part in key):
        return _parse_tables(*key)  # type: ignore[arg-type]  # True == 1: never cached
    try:
        return _allowed_tables_cached(*key)
    except TypeError:  # an unhashable element: parse without the cache (and report it)
        return _parse_tables(*key)  # type: ignore[arg-type]


@lru_cache(maxsize=256)
def _allowed_tables_cached(
    languages: LanguageSpec, single_shift: LanguageSpec, locking_shift: LanguageSpec
) -> tuple[frozenset[int], frozenset[int]]:
    return _parse_tables(languages, single_shift, locking_shift)


def _parse_tables(
    languages: LanguageSpec, single_shift: LanguageSpec, locking_shift: LanguageSpec
) -> tuple[frozenset[int], frozenset[int]]:
    both = _language_ids("languages", languages)
    single = both | _language_ids("single_shift", single_shift)
    explicit_locking = _language_ids("locking_shift", locking_shift)
    if NationalLanguage.SPANISH in explicit_locking:
        raise ValueError(
            "locking_shift: Spanish has no locking shift table (23.038 A.3.2 is void); "
            "use single_shift"
        )
    locking = (both - {NationalLanguage.SPANISH}) | explicit_locking
    return locking, single


# ---------------------------------------------------------------------------
# national table selection


class _Selector:
    """Precomputed table membership for one set of allowed tables."""

    __slots__ = ("common", "info", "locking", "locking_searches", "single", "union")

    def __init__(self, locking: frozenset[int], single: frozenset[int]) -> None:
        self.locking = (0, *sorted(locking))
        self.single = (0, *sorted(single))
        self.locking_searches = tuple(
            (lang, charset(lang, 0)._first_non_basic.search) for lang in self.locking if lang
        )
        info: dict[str, list[int]] = {}
        for lang in self.locking:
            for ch in charset(lang, 0).basic:
                info.setdefault(ch, [0, 0])[0] |= 1 << lang
        for lang in self.single:
            for ch in charset(0, lang).single_chars:
                info.setdefault(ch, [0, 0])[1] |= 1 << lang
        all_locking = sum(1 << lang for lang in self.locking)
        self.common = frozenset(ch for ch, (lm, _) in info.items() if lm == all_locking)
        self.info = {ch: (lm, sm) for ch, (lm, sm) in info.items() if ch not in self.common}
        self.union = frozenset(info)

    def pairs(self, text: str) -> list[tuple[int, int, list[str]]]:
        """Every allowed (locking, single) pair that encodes ``text``, with its shifted chars."""
        info = self.info
        distinct = set(text) - self.common
        masks = []
        locking_ok = sum(1 << lang for lang in self.locking)
        single_all = sum(1 << lang for lang in self.single)
        for ch in distinct:
            lm, sm = info.get(ch, (0, 0))
            if not lm and not sm:
                return []
            if not sm:
                locking_ok &= lm
            masks.append((ch, lm, sm))
        found: list[tuple[int, int, list[str]]] = []
        for lang in self.locking:
            if not (locking_ok >> lang) & 1:
                continue
            single_ok = single_all
            shifted = []
            for ch, lm, sm in masks:
                if not (lm >> lang) & 1:
                    single_ok &= sm
                    shifted.append(ch)
            # Every single shift table that works with this locking table gives the same
            # septets; the default extension table (id 0) saves a header element, and
            # among national ones the lowest id is taken, so one pair per locking table.
            for single in self.single:
                if (single_ok >> single) & 1:
                    found.append((lang, single, shifted))
                    break
        return found

    def best_locking_alone(self, text: str) -> int:
        """The lowest allowed national locking table holding every character of ``text``
        as one septet, or 0.  Such a table with the default extension table beats every
        other national pair: no character costs two septets and it has one element."""
        for lang, first_non_basic in self.locking_searches:
            if first_non_basic(text) is None:
                return lang
        return 0


@lru_cache(maxsize=64)
def _selector(locking: frozenset[int], single: frozenset[int]) -> _Selector:
    return _Selector(locking, single)


_LANGUAGE_BY_ID: Final[tuple[NationalLanguage | None, ...]] = (None, *NationalLanguage)
_lang = _LANGUAGE_BY_ID.__getitem__


# ---------------------------------------------------------------------------
# walkers: greedy segmentation


def _gsm7_cuts(costs: bytes, units: int, cap: int) -> list[tuple[int, int, int]]:
    """Greedy (start, end, septets) segments of a GSM-7 text, ``cap`` septets each.

    ``costs`` has one octet per character, 1 for an ESC pair and 0 otherwise (see
    :meth:`Charset.costs`).  Expanded to one octet per septet (1 for an ESC, 2 for the
    code after it), the walk runs in septet space: a segment ends ``cap`` septets after
    it starts, one septet earlier when that would split an ESC from its code ("an
    escape sequence shall not be split", 23.040 9.2.3.24.1).
    """
    return _pair_cuts(costs.replace(b"\x01", b"\x01\x02"), units, cap)


def _pair_cuts(stream: bytes, units: int, cap: int) -> list[tuple[int, int, int]]:
    """Greedy segments of a stream of units in which some pairs are atomic.

    ``stream`` has one octet per unit: 1 for the first unit of an atomic pair (ESC, a
    high surrogate), 2 for its second unit, 0 otherwise; so a unit offset less the 2s
    before it is a character index.  Returns (start, end, units) with start and end as
    character indexes.
    """
    cuts = []
    begin = char = 0
    while units - begin > cap:
        end = begin + cap
        if stream[end - 1] == 1:
            end -= 1  # the pair would straddle the boundary: it moves whole
        end_char = char + (end - begin) - stream.count(2, begin, end)
        cuts.append((char, end_char, end - begin))
        begin, char = end, end_char
    cuts.append((char, char + (units - begin) - stream.count(2, begin), units - begin))
    return cuts


def _pair_count(stream: bytes, units: int, cap: int) -> tuple[int, int]:
    """(segments, units in the last one) of the walk :func:`_pair_cuts` makes.

    The same walk without character indexes, for :func:`analyze`.
    """
    begin = 0
    segments = 1
    while units - begin > cap:
        end = begin + cap
        begin = end - 1 if stream[end - 1] == 1 else end
        segments += 1
    return segments, units - begin


def _even_cuts(units: int, cap: int) -> list[tuple[int, int, int]]:
    """Greedy segments of ``units`` one-unit characters, ``cap`` units each."""
    return [
        (begin, min(units, begin + cap), min(units, begin + cap) - begin)
        for begin in range(0, units, cap)
    ]


def _is_plain(ch: str) -> bool:
    plain = _plain_cache.get(ch)
    if plain is None:
        plain = _plain_cache[ch] = _PLAIN.match(ch) is not None
    return plain


def _last_cluster_break(text: str, start: int, cut: int) -> int:
    """The last grapheme cluster boundary in ``[start, cut]``; ``start`` if none."""
    get = _plain_cache.get
    a, b = text[cut - 1], text[cut]
    if (get(a) or _is_plain(a)) and (get(b) or _is_plain(b)):
        return cut  # UAX #29 GB999: always a break between two such characters
    # Restart cluster matching at the nearest certain boundary before the cut.
    restart = start
    r = cut - 1
    while r > start:
        if _is_plain(text[r - 1]) and _is_plain(text[r]):
            restart = r
            break
        r -= 1
    pos = restart
    match = _CLUSTER.match
    while pos < cut:
        m = match(text, pos)
        end = m.end() if m is not None else pos + 1
        if end > cut:
            break
        pos = end
    return pos


def _ucs2_cuts(
    text: str, units: int, cap: int, grapheme: bool, utf16: bytes
) -> list[tuple[int, int, int]]:
    """Greedy (start, end, code units) segments of a UCS-2 text, ``cap`` units each.

    ``utf16`` is ``text`` in UTF-16-LE.  An astral character is one ``str`` character
    and a surrogate pair, so cutting between characters never splits the pair.  With
    ``grapheme``, a cut inside a grapheme cluster moves back to the cluster's start,
    unless the cluster starts the segment: then it is split between code points rather
    than overflow or leave an empty segment.
    """
    n = len(text)
    get = _plain_cache.get
    cuts = []
    char = 0
    if units == n:
        # One code unit per character: the walk runs on character indexes.
        while n - char > cap:
            stop = char + cap
            if grapheme and not (get(text[stop - 1]) and get(text[stop])):
                cut = _last_cluster_break(text, char, stop)
                if char < cut:
                    stop = cut
            cuts.append((char, stop, stop - char))
            char = stop
        cuts.append((char, n, n - char))
        return cuts
    # The walk runs in code units.  The high octet of each UTF-16-LE unit tells a high
    # surrogate (0xD8-0xDB: 1) from a low one (0xDC-0xDF: 2), as _pair_cuts expects.
    stream = utf16[1::2].translate(_SURROGATE_HALVES)
    if not grapheme:
        return _pair_cuts(stream, units, cap)
    begin = 0
    while units - begin > cap:
        end = begin + cap
        if stream[end - 1] == 1:
            end -= 1  # a surrogate pair would straddle the boundary: it moves whole
        stop = char + (end - begin) - stream.count(2, begin, end)
        if not (get(text[stop - 1]) and get(text[stop])):
            cut = _last_cluster_break(text, char, stop)
            if char < cut < stop:
                stop = cut
                end = begin + (len(text[char:cut].encode("utf-16-le")) >> 1)
        cuts.append((char, stop, end - begin))
        begin = end
        char = stop
    cuts.append((char, n, units - begin))
    return cuts


# ---------------------------------------------------------------------------
# planning


class _Plan(NamedTuple):
    encoding: Encoding
    units: int
    locking: int
    single: int
    single_capacity: int
    multi_capacity: int
    cuts: list[tuple[int, int, int]] | None  # None: fits in one segment
    tables: tuple[frozenset[int], frozenset[int]] | None  # national tables allowed


_new_plan = tuple.__new__

# (shift IEs, reference bits) -> (septets in a lone segment, septets per concatenated one)
_GSM_CAPACITY: Final = {
    (ies, bits): (
        gsm7_septets_per_segment(shift_ies=ies),
        gsm7_septets_per_segment(shift_ies=ies, concatenated=True, reference_bits=bits),
    )
    for ies in (0, 1, 2)
    for bits in (8, 16)
}
_UCS2_CAPACITY: Final = {
    bits: ucs2_code_units_per_segment(concatenated=True, reference_bits=bits) for bits in (8, 16)
}


def _gsm7_plan(
    text: str,
    units: int,
    locking: int,
    single: int,
    reference_bits: int,
    costs: bytes | None = None,
) -> _Plan:
    cap1, capn = _GSM_CAPACITY[(locking != 0) + (single != 0), reference_bits]
    cuts = None
    if units > cap1:
        if units == len(text):
            cuts = _even_cuts(units, capn)
        else:
            if costs is None:
                costs = charset(locking, single).costs(text)
                assert costs is not None  # the caller checked that the charset encodes text
            cuts = _gsm7_cuts(costs, units, capn)
    return _new_plan(_Plan, (_GSM7, units, locking, single, cap1, capn, cuts, None))


def _ucs2_plan(
    text: str,
    grapheme: bool,
    reference_bits: int,
    tables: tuple[frozenset[int], frozenset[int]] | None,
) -> _Plan:
    try:
        utf16 = text.encode("utf-16-le")
    except UnicodeEncodeError as exc:
        raise InvalidCharacter(text, exc.start, "lone surrogate, not a character") from None
    units = len(utf16) >> 1
    capn = _UCS2_CAPACITY[reference_bits]
    cuts = None if units <= _UCS2_SINGLE else _ucs2_cuts(text, units, capn, grapheme, utf16)
    return _new_plan(_Plan, (_UCS2, units, 0, 0, _UCS2_SINGLE, capn, cuts, tables))


def _check_surrogates(text: str) -> None:
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise InvalidCharacter(text, surrogate.start(), "lone surrogate, not a character")


def _plan_key(plan: _Plan) -> tuple[int, int, int]:
    ies = (plan.locking != 0) + (plan.single != 0)
    if plan.cuts is None:
        return (1, plan.units - plan.single_capacity, ies)
    return (len(plan.cuts), plan.cuts[-1][2] - plan.multi_capacity, ies)


def _default_plan(
    text: str, pos: int, encoding: Encoding | None, grapheme: bool, reference_bits: int
) -> _Plan:
    """Plan with the default alphabet only; ``text[pos]`` is the first non-basic char."""
    if text[pos] in _SHIFTED:
        # An extension character first: the text may still be GSM-7.  One C pass
        # checks the rest and marks every ESC pair.
        costs = _costs(text)
        if costs is not None:
            units = len(text) + costs.count(1)
            return _gsm7_plan(text, units, 0, 0, reference_bits, costs)
    if encoding is _GSM7:
        _check_surrogates(text)
        raise UnencodableCharacter(text, DEFAULT.unencodable(text))
    return _ucs2_plan(text, grapheme, reference_bits, None)


def _default_analysis(text: str, pos: int, grapheme: bool) -> Analysis:
    """:func:`analyze` with default options; ``text[pos]`` is the first non-basic char.

    The same computation as ``_analysis(text, _default_plan(...))``, inlined because it
    is the hot path of a campaign estimate.
    """
    if text[pos] in _SHIFTED:
        costs = _costs(text)
        if costs is not None:
            # One octet per septet: 1 for an ESC, 2 for the code after it, 0 otherwise.
            stream = costs.replace(b"\x01", b"\x01\x02")
            units = len(stream)
            if units <= _GSM_SINGLE:
                return _new_analysis(
                    Analysis,
                    (_GSM7, units, 1, _GSM_SINGLE, _GSM_SINGLE - units, None, None, text, None),
                )
            count, last = _pair_count(stream, units, _GSM_MULTI)
            return _new_analysis(
                Analysis,
                (_GSM7, units, count, _GSM_MULTI, _GSM_MULTI - last, None, None, text, None),
            )
    try:
        utf16 = text.encode("utf-16-le")
    except UnicodeEncodeError as exc:
        raise InvalidCharacter(text, exc.start, "lone surrogate, not a character") from None
    units = len(utf16) >> 1
    if units <= _UCS2_SINGLE:
        return _new_analysis(
            Analysis, (_UCS2, units, 1, _UCS2_SINGLE, _UCS2_SINGLE - units, None, None, text, None)
        )
    cuts = _ucs2_cuts(text, units, _UCS2_MULTI, grapheme, utf16)
    return _new_analysis(
        Analysis,
        (_UCS2, units, len(cuts), _UCS2_MULTI, _UCS2_MULTI - cuts[-1][2], None, None, text, None),
    )


def _plan(
    text: str,
    encoding: Encoding | None,
    grapheme: bool,
    allowed: tuple[frozenset[int], frozenset[int]],
    reference_bits: int,
) -> _Plan:
    _check_text(text)
    tables = allowed if allowed[0] or allowed[1] else None
    if encoding is _UCS2:
        return _ucs2_plan(text, grapheme, reference_bits, tables)
    first = _first_non_basic(text)
    if first is None:
        # Every character is one septet of the default alphabet: no header does better.
        return _gsm7_plan(text, len(text), 0, 0, reference_bits)
    locking_ids, single_ids = allowed
    if not locking_ids and not single_ids:
        return _default_plan(text, first.start(), encoding, grapheme, reference_bits)
    selector = _selector(locking_ids, single_ids)
    best: _Plan | None = None
    best_key: tuple[int, int, int] | None = None
    lock_alone = selector.best_locking_alone(text)
    if lock_alone:
        best = _gsm7_plan(text, len(text), lock_alone, 0, reference_bits)
        if _first_non_gsm(text) is not None:
            return best
        costs = _costs(text)
        assert costs is not None  # every character is in the default tables
        # The default alphabet (no header) may still win with its extension table.
        default = _gsm7_plan(text, len(text) + costs.count(1), 0, 0, reference_bits, costs)
        return default if _plan_key(default) <= _plan_key(best) else best
    for lock, single, shifted in selector.pairs(text):
        units = len(text) + sum(text.count(ch) for ch in shifted)
        plan = _gsm7_plan(text, units, lock, single, reference_bits)
        key = _plan_key(plan)
        if best_key is None or key < best_key:
            best, best_key = plan, key
    if best is not None:
        return best
    if encoding is _GSM7:
        _check_surrogates(text)
        missing = [(i, ch) for i, ch in enumerate(text) if ch not in selector.union]
        if missing:
            raise UnencodableCharacter(
                text, missing, reason="in none of the allowed GSM 7-bit tables"
            )
        raise UnencodableCharacter(
            text,
            DEFAULT.unencodable(text),
            reason="not in the default alphabet, and no allowed table pair holds them all",
        )
    return _ucs2_plan(text, grapheme, reference_bits, tables)


def _analysis(text: str, plan: _Plan) -> Analysis:
    if plan.cuts is None:
        count, cap, remaining = 1, plan.single_capacity, plan.single_capacity - plan.units
    else:
        count, cap = len(plan.cuts), plan.multi_capacity
        remaining = cap - plan.cuts[-1][2]
    return _new_analysis(
        Analysis,
        (
            plan.encoding,
            plan.units,
            count,
            cap,
            remaining,
            _lang(plan.locking),
            _lang(plan.single),
            text,
            plan.tables,
        ),
    )


# ---------------------------------------------------------------------------
# public API


def analyze(
    text: str,
    *,
    encoding: Encoding | None = None,
    boundary: Boundary = "grapheme",
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    reference_bits: int = 8,
) -> Analysis:
    """How ``text`` will travel: encoding, units, segments and the room left.

    Clauses: 23.038 6.2.1 (alphabets), 23.040 9.2.3.24 (user data, headers).

    Args:
        text: the message.
        encoding: ``None`` to pick GSM-7 when the text fits and UCS-2 otherwise, or an
            :class:`Encoding` to force one.
        boundary: ``"grapheme"`` (default) never ends a UCS-2 segment inside a
            grapheme cluster; ``"codepoint"`` only keeps surrogate pairs whole.
        languages: national languages whose locking and single shift tables the route
            supports (see docs/national.md); ``None``: the default alphabet only.
        single_shift: languages whose single shift table alone is supported.
        locking_shift: languages whose locking shift table alone is supported.
        reference_bits: 8 or 16, the concatenation reference size (16 costs one more
            octet per segment).

    Returns:
        An :class:`Analysis`.

    Raises:
        TypeError: ``text`` is not a ``str``.
        InvalidCharacter: ``text`` holds a lone surrogate.
        UnencodableCharacter: GSM-7 was forced and a character does not fit.
        ValueError: an option is invalid.

    >>> analyze("a" * 161)
    Analysis(encoding='gsm7', units=161, segments=2, segment_capacity=153, remaining=145)
    >>> analyze("Garçon").encoding
    <Encoding.UCS2: 'ucs2'>
    """
    if (
        encoding is None
        and languages is None
        and single_shift is None
        and locking_shift is None
        and reference_bits == 8
        and text.__class__ is str
    ):
        first = _first_non_basic(text)
        if first is None:
            # Fast path: every character is one septet of the default alphabet.
            if boundary != "grapheme" and boundary != "codepoint":
                _check_boundary(boundary)
            n = len(text)
            if n <= _GSM_SINGLE:
                return _new_analysis(
                    Analysis, (_GSM7, n, 1, _GSM_SINGLE, _GSM_SINGLE - n, None, None, text, None)
                )
            count = -(-n // _GSM_MULTI)
            return _new_analysis(
                Analysis,
                (_GSM7, n, count, _GSM_MULTI, count * _GSM_MULTI - n, None, None, text, None),
            )
        grapheme = boundary == "grapheme" or _check_boundary(boundary)
        return _default_analysis(text, first.start(), grapheme)
    plan = _plan(
        text,
        _check_encoding(encoding),
        _check_boundary(boundary),
        _allowed_tables(languages, single_shift, locking_shift),
        _check_reference_bits(reference_bits),
    )
    return _analysis(text, plan)


def split(
    text: str,
    *,
    encoding: Encoding | None = None,
    boundary: Boundary = "grapheme",
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    reference_bits: int = 8,
    max_segments: int = MAX_SEGMENTS,
) -> tuple[Segment, ...]:
    """The segments ``text`` is sent as, in order; joined, they give back ``text``.

    Clause: 23.040 9.2.3.24.1 (concatenation; escape sequences are not split).

    Args:
        text, encoding, boundary, languages, single_shift, locking_shift,
        reference_bits: as for :func:`analyze`.
        max_segments: the most segments allowed (default 255, the protocol limit).

    Returns:
        A tuple of :class:`Segment`; the empty text is one empty segment.

    Raises:
        MessageTooLong: more than ``max_segments`` segments are needed.
        TypeError, InvalidCharacter, UnencodableCharacter, ValueError: as for
            :func:`analyze`.

    >>> [s.units for s in split("a" * 161)]
    [153, 8]
    """
    if isinstance(max_segments, bool) or not isinstance(max_segments, int) or max_segments < 1:
        raise ValueError(f"max_segments must be a positive int, not {max_segments!r}")
    if (
        encoding is None
        and languages is None
        and single_shift is None
        and locking_shift is None
        and reference_bits == 8
        and text.__class__ is str
    ):
        grapheme = boundary == "grapheme" or _check_boundary(boundary)
        first = _first_non_basic(text)
        if first is None:
            plan = _gsm7_plan(text, len(text), 0, 0, 8)
        else:
            plan = _default_plan(text, first.start(), None, grapheme, 8)
    else:
        plan = _plan(
            text,
            _check_encoding(encoding),
            _check_boundary(boundary),
            _allowed_tables(languages, single_shift, locking_shift),
            _check_reference_bits(reference_bits),
        )
    enc, lock, single = plan.encoding, _lang(plan.locking), _lang(plan.single)
    if plan.cuts is None:
        return (
            tuple.__new__(
                Segment, (text, plan.units, 0, len(text), plan.single_capacity, enc, lock, single)
            ),
        )
    if len(plan.cuts) > max_segments:
        raise MessageTooLong(len(plan.cuts), max_segments)
    cap = plan.multi_capacity
    return tuple(Segment(text[s:e], u, s, e, cap, enc, lock, single) for s, e, u in plan.cuts)
