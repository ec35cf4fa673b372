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
from typing import TYPE_CHECKING, Final, NamedTuple

from ._national import LanguageSpec, _lang, _selector
from ._options import check_int
from ._walk import _even_cuts, _gsm7_cuts, _pair_count, _ucs2_count, _ucs2_cuts
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
from .route import CODEPOINT_ROUTE, DEFAULT_ROUTE, Boundary, Route

if TYPE_CHECKING:
    from .hygiene import TextWarning

__all__ = ["Analysis", "Boundary", "LanguageSpec", "Route", "Segment", "analyze", "split"]

_GSM7: Final = Encoding.GSM7
_UCS2: Final = Encoding.UCS2
MAX_SEGMENTS: Final = 255  # 23.040 9.2.3.24.1: total and sequence number are one octet

_GSM_SINGLE: Final = gsm7_septets_per_segment()  # 160
_GSM_MULTI: Final = gsm7_septets_per_segment(concatenated=True)  # 153
_UCS2_SINGLE: Final = ucs2_code_units_per_segment()  # 70
_UCS2_MULTI: Final = ucs2_code_units_per_segment(concatenated=True)  # 67

_first_non_basic = DEFAULT.non_basic_pattern.search
_costs = DEFAULT.costs
_first_non_gsm = DEFAULT.non_gsm_pattern.search
_SHIFTED: Final = DEFAULT.shifted
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


class Analysis(NamedTuple):
    """How a text travels: its encoding, units, segments and remaining room.

    An immutable named tuple (built in ~0.2 µs since :func:`analyze` runs millions of
    times in an estimate), built in one place (``_analysis``).  Derived facts are
    properties, so they cannot disagree with the stored ones.

    Attributes:
        encoding: :attr:`Encoding.GSM7` or :attr:`Encoding.UCS2`.
        units: septets (GSM-7, ESC included) or UTF-16 code units (UCS-2).
        segments: segments that will be sent and billed.
        segment_capacity: units one segment holds for this message (160 or 153, 70 or
            67, less with national language IEs or a 16-bit reference).
        remaining: units still free in the last segment.
        locking_shift: national locking shift table used, or ``None`` (default alphabet).
        single_shift: national single shift table used, or ``None`` (default extension).
        text: the text analyzed.
        route: the :class:`Route` (options) the text was analyzed for.
    """

    encoding: Encoding
    units: int
    segments: int
    segment_capacity: int
    remaining: int
    locking_shift: NationalLanguage | None
    single_shift: NationalLanguage | None
    text: str
    route: Route

    @property
    def septets(self) -> int | None:
        """Septets of the text when sent in GSM-7, else ``None``."""
        return self.units if self.encoding is _GSM7 else None

    @property
    def code_units(self) -> int | None:
        """UTF-16 code units of the text when sent in UCS-2, else ``None``."""
        return self.units if self.encoding is _UCS2 else None

    @property
    def concatenated(self) -> bool:
        """Whether the message is sent as concatenated segments (with a header)."""
        return self.segments > 1

    @property
    def charset(self) -> Charset | None:
        """The GSM-7 table pair used, or ``None`` for UCS-2."""
        if self.encoding is _UCS2:
            return None
        return charset(self.locking_shift or 0, self.single_shift or 0)

    @property
    def unencodable(self) -> tuple[tuple[int, str], ...]:
        """Every ``(index, char)`` that forced UCS-2; empty for GSM-7.

        These are the characters that no allowed table holds.  When each character is
        in some allowed table but no single (locking, single) pair holds them all, they
        are the characters outside the default alphabet and its extension table.  A
        text forced to UCS-2 that would fit GSM-7 with the allowed tables has none.
        Computed on each access and never kept (a campaign estimate never pays for it,
        and an analysis of a long text stays small).
        """
        if self.encoding is _GSM7:
            return ()
        return tuple(_unencodable(self.text, self.route))

    @property
    def warnings(self) -> tuple[TextWarning, ...]:
        """What in the text is probably not meant to be sent (line-break style,
        invisible characters, trailing spaces, an empty message), as
        :func:`smsparts.hygiene.text_warnings` gives them for :attr:`text`.

        Computed on each access and never kept, so :func:`analyze`, a hot path, never
        pays for it.  (:mod:`~smsparts.hygiene` is pure and below this module; it is
        imported on first access, so ``import smsparts`` does not load it.)

        >>> [w.code for w in analyze("Bonjour\\r\\nà demain ").warnings]
        ['newline.crlf', 'trailing_space']
        >>> analyze("Bonjour").warnings
        ()
        """
        from .hygiene import text_warnings  # lazy: see above

        return text_warnings(self.text)

    def __repr__(self) -> str:
        tables = ""
        if self.locking_shift is not None or self.single_shift is not None:
            lock = self.locking_shift.name if self.locking_shift is not None else None
            single = self.single_shift.name if self.single_shift is not None else None
            tables = f", locking_shift={lock}, single_shift={single}"
        return (
            f"Analysis(encoding={self.encoding.value!r}, units={self.units}, "
            f"segments={self.segments}, segment_capacity={self.segment_capacity}, "
            f"remaining={self.remaining}{tables})"
        )


_new = tuple.__new__


def _analysis(
    encoding: Encoding,
    units: int,
    segments: int,
    capacity: int,
    remaining: int,
    locking: NationalLanguage | None,
    single: NationalLanguage | None,
    text: str,
    route: Route,
) -> Analysis:
    """The one place an :class:`Analysis` is built (``tuple.__new__``: no checks, fast)."""
    return _new(
        Analysis, (encoding, units, segments, capacity, remaining, locking, single, text, route)
    )


def _unencodable(text: str, route: Route) -> list[tuple[int, str]]:
    """The culprits :attr:`Analysis.unencodable` and a forced GSM-7 error name."""
    if route.national:
        selector = _selector(route.locking_tables, route.single_tables)
        if selector.pairs(text):
            return []
        found = [(i, ch) for i, ch in enumerate(text) if ch not in selector.union]
        if found:
            return found
    return DEFAULT.unencodable(text)


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


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


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
    return _new_plan(_Plan, (_GSM7, units, locking, single, cap1, capn, cuts))


def _ucs2_plan(text: str, grapheme: bool, reference_bits: int) -> _Plan:
    try:
        utf16 = text.encode("utf-16-le")
    except UnicodeEncodeError as exc:
        raise InvalidCharacter(text, exc.start, "lone surrogate, not a character") from None
    units = len(utf16) >> 1
    capn = _UCS2_CAPACITY[reference_bits]
    cuts = None if units <= _UCS2_SINGLE else _ucs2_cuts(text, units, capn, grapheme, utf16)
    return _new_plan(_Plan, (_UCS2, units, 0, 0, _UCS2_SINGLE, capn, cuts))


def _check_surrogates(text: str) -> None:
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        raise InvalidCharacter(text, surrogate.start(), "lone surrogate, not a character")


def _plan_key(plan: _Plan) -> tuple[int, int, int]:
    ies = (plan.locking != 0) + (plan.single != 0)
    if plan.cuts is None:
        return (1, plan.units - plan.single_capacity, ies)
    return (len(plan.cuts), plan.cuts[-1][2] - plan.multi_capacity, ies)


def _forced_gsm7_error(text: str, route: Route) -> UnencodableCharacter:
    """The error for a text GSM-7 cannot carry on ``route``.

    The culprits are found again when the error's ``characters`` are read, so the error
    of a long text keeps nothing per character.
    """
    _check_surrogates(text)
    reason = "not in the GSM 7-bit alphabet"
    if route.national:
        union = _selector(route.locking_tables, route.single_tables).union
        if not union.issuperset(text):
            return UnencodableCharacter(
                text,
                lambda: ((i, ch) for i, ch in enumerate(text) if ch not in union),
                reason="in none of the allowed GSM 7-bit tables",
            )
        reason = "not in the default alphabet, and no allowed table pair holds them all"
    pattern = DEFAULT.non_gsm_pattern
    return UnencodableCharacter(
        text, lambda: ((m.start(), m.group()) for m in pattern.finditer(text)), reason=reason
    )


def _plan(text: str, route: Route) -> _Plan:
    """How ``text`` is sent on ``route``: encoding, tables, units and cuts."""
    encoding, grapheme, reference_bits = route.encoding, route.grapheme, route.reference_bits
    if encoding is _UCS2:
        return _ucs2_plan(text, grapheme, reference_bits)
    first = _first_non_basic(text)
    if first is None:
        # Every character is one septet of the default alphabet: no header does better.
        return _gsm7_plan(text, len(text), 0, 0, reference_bits)
    if not route.national:
        if text[first.start()] in _SHIFTED:
            # An extension character first: the text may still be GSM-7.  One C pass
            # checks the rest and marks every ESC pair.
            costs = _costs(text)
            if costs is not None:
                units = len(text) + costs.count(1)
                return _gsm7_plan(text, units, 0, 0, reference_bits, costs)
        if encoding is _GSM7:
            raise _forced_gsm7_error(text, route)
        return _ucs2_plan(text, grapheme, reference_bits)
    selector = _selector(route.locking_tables, route.single_tables)
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
        raise _forced_gsm7_error(text, route)
    return _ucs2_plan(text, grapheme, reference_bits)


def _plan_analysis(text: str, plan: _Plan, route: Route) -> Analysis:
    if plan.cuts is None:
        count, cap, remaining = 1, plan.single_capacity, plan.single_capacity - plan.units
    else:
        count, cap = len(plan.cuts), plan.multi_capacity
        remaining = cap - plan.cuts[-1][2]
    lock, single = _lang(plan.locking), _lang(plan.single)
    return _analysis(plan.encoding, plan.units, count, cap, remaining, lock, single, text, route)


def _resolve(
    text: object,
    route: Route | None,
    encoding: Encoding | None,
    boundary: Boundary | None,
    languages: LanguageSpec,
    single_shift: LanguageSpec,
    locking_shift: LanguageSpec,
    reference_bits: int | None,
) -> Route:
    """The route of a call (see :meth:`Route.from_options`), after checking ``text``."""
    _check_text(text)
    return Route.from_options(
        route,
        encoding=encoding,
        boundary=boundary,
        languages=languages,
        single_shift=single_shift,
        locking_shift=locking_shift,
        reference_bits=reference_bits,
    )


# ---------------------------------------------------------------------------
# public API


def analyze(
    text: str,
    *,
    route: Route | None = None,
    encoding: Encoding | None = None,
    boundary: Boundary | None = None,
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    reference_bits: int | None = None,
) -> Analysis:
    """How ``text`` will travel: encoding, units, segments and the room left.

    Clauses: 23.038 6.2.1 (alphabets), 23.040 9.2.3.24 (user data, headers).

    Args:
        text: the message.
        route: a :class:`Route` holding the options below, checked once; or give the
            options as keywords (``None``: not given, the default).  Giving both is a
            ``TypeError``.
        encoding: ``None`` to pick GSM-7 when the text fits and UCS-2 otherwise, or an
            :class:`Encoding` to force one.
        boundary: ``"grapheme"`` (default) never ends a UCS-2 segment inside a
            grapheme cluster; ``"codepoint"`` only keeps surrogate pairs whole.
        languages: national languages whose locking and single shift tables the route
            supports (see docs/national.md); ``None``: the default alphabet only.
        single_shift: languages whose single shift table alone is supported.
        locking_shift: languages whose locking shift table alone is supported.
        reference_bits: 8 (default) or 16, the concatenation reference size (16 costs
            one more octet per segment).

    Returns:
        An :class:`Analysis`.

    Raises:
        TypeError: ``text`` is not a ``str``, an option has the wrong type, or
            ``route`` is given with an option keyword.
        InvalidCharacter: ``text`` holds a lone surrogate.
        UnencodableCharacter: GSM-7 was forced and a character does not fit.
        InvalidOption: an option value is not allowed (a ``ValueError``).

    Time and memory are linear in ``len(text)`` whatever the text (one boundary
    search per segment, never a rescan).

    >>> analyze("a" * 161)
    Analysis(encoding='gsm7', units=161, segments=2, segment_capacity=153, remaining=145)
    >>> analyze("Garçon").encoding
    <Encoding.UCS2: 'ucs2'>
    >>> analyze("ç" * 71, route=Route(reference_bits=16)).segment_capacity
    66
    """
    if (
        (route is None or (route is DEFAULT_ROUTE and boundary is None))
        and encoding is None
        and languages is None
        and single_shift is None
        and locking_shift is None
        and reference_bits is None
        and text.__class__ is str
    ):
        if boundary is None or boundary == "grapheme":
            route = DEFAULT_ROUTE
        elif boundary == "codepoint":
            route = CODEPOINT_ROUTE
        else:
            route = Route(boundary=boundary)  # raises: not a boundary
        # The default route, inlined: the hot path of a campaign estimate.  The same
        # computation as _plan_analysis(text, _plan(text, route), route).
        first = _first_non_basic(text)
        if first is None:
            # Every character is one septet of the default alphabet.
            n = len(text)
            if n <= _GSM_SINGLE:
                return _analysis(_GSM7, n, 1, _GSM_SINGLE, _GSM_SINGLE - n, None, None, text, route)
            count = -(-n // _GSM_MULTI)
            return _analysis(
                _GSM7, n, count, _GSM_MULTI, count * _GSM_MULTI - n, None, None, text, route
            )
        if text[first.start()] in _SHIFTED:
            costs = _costs(text)
            if costs is not None:
                # One octet per septet: 1 for an ESC, 2 for the code after it, else 0.
                stream = costs.replace(b"\x01", b"\x01\x02")
                units = len(stream)
                if units <= _GSM_SINGLE:
                    return _analysis(
                        _GSM7, units, 1, _GSM_SINGLE, _GSM_SINGLE - units, None, None, text, route
                    )
                count, last = _pair_count(stream, units, _GSM_MULTI)
                return _analysis(
                    _GSM7, units, count, _GSM_MULTI, _GSM_MULTI - last, None, None, text, route
                )
        try:
            utf16 = text.encode("utf-16-le")
        except UnicodeEncodeError as exc:
            raise InvalidCharacter(text, exc.start, "lone surrogate, not a character") from None
        units = len(utf16) >> 1
        if units <= _UCS2_SINGLE:
            return _analysis(
                _UCS2, units, 1, _UCS2_SINGLE, _UCS2_SINGLE - units, None, None, text, route
            )
        count, last = _ucs2_count(text, units, _UCS2_MULTI, route is DEFAULT_ROUTE, utf16)
        return _analysis(
            _UCS2, units, count, _UCS2_MULTI, _UCS2_MULTI - last, None, None, text, route
        )
    route = _resolve(
        text, route, encoding, boundary, languages, single_shift, locking_shift, reference_bits
    )
    return _plan_analysis(text, _plan(text, route), route)


def split(
    text: str,
    *,
    route: Route | None = None,
    encoding: Encoding | None = None,
    boundary: Boundary | None = None,
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    reference_bits: int | None = None,
    max_segments: int = MAX_SEGMENTS,
) -> tuple[Segment, ...]:
    """The segments ``text`` is sent as, in order; joined, they give back ``text``.

    Clause: 23.040 9.2.3.24.1 (concatenation; escape sequences are not split; the
    total and the sequence number are one octet, so at most 255 segments).

    Args:
        text, route, encoding, boundary, languages, single_shift, locking_shift,
        reference_bits: as for :func:`analyze`.
        max_segments: the most segments allowed, 1 to 255 (default 255, the protocol
            limit).

    Returns:
        A tuple of :class:`Segment`; the empty text is one empty segment.

    Raises:
        MessageTooLong: more than ``max_segments`` segments are needed.
        TypeError, InvalidCharacter, UnencodableCharacter, InvalidOption: as for
            :func:`analyze` (``max_segments`` outside 1..255 is an ``InvalidOption``).

    >>> [s.units for s in split("a" * 161)]
    [153, 8]
    """
    if max_segments != MAX_SEGMENTS or max_segments.__class__ is not int:
        check_int("max_segments", max_segments, 1, MAX_SEGMENTS)
    route = _resolve(
        text, route, encoding, boundary, languages, single_shift, locking_shift, reference_bits
    )
    plan = _plan(text, route)
    enc, lock, single = plan.encoding, _lang(plan.locking), _lang(plan.single)
    if plan.cuts is None:
        return (
            _new(
                Segment, (text, plan.units, 0, len(text), plan.single_capacity, enc, lock, single)
            ),
        )
    if len(plan.cuts) > max_segments:
        raise MessageTooLong(len(plan.cuts), max_segments)
    cap = plan.multi_capacity
    return tuple(
        _new(Segment, (text[s:e], u, s, e, cap, enc, lock, single)) for s, e, u in plan.cuts
    )
