"""A route's options in one value: what a gateway route can send and how to count it.

The same six options travel with every call that counts or builds a message
(:func:`~smsparts.analyze`, :func:`~smsparts.split`, and later templates,
transliteration, savings reports and the wire encoder): the encoding, the segment
boundary rule, the national language tables the route supports (23.038 6.2.1.2.4) and
the size of the concatenation reference (23.040 9.2.3.24.1 / .8).  A :class:`Route`
holds them, checked once when it is built, with one vocabulary: national tables are
:class:`NationalLanguage` members (the integers are table identifiers, used only inside
the tables).

Every function that takes ``route=`` also takes the six options as keywords, with
``None`` meaning "not given".  Giving ``route=`` together with one of them is a
:class:`TypeError` (as Python's own "got multiple values for argument"): the call is
ambiguous, which is a programming mistake rather than a bad value.
:meth:`Route.from_options` is that rule, for every such function.

>>> route = Route(languages=[NationalLanguage.TURKISH], reference_bits=16)
>>> route.languages, route.reference_bits
((<NationalLanguage.TURKISH: 1>,), 16)
>>> Route.from_options(route) is route
True
>>> Route.from_options(None, reference_bits=16).reference_bits
16
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, Literal

from ._national import LanguageSpec, _allowed_tables, _language_members, _materialize
from ._options import check_int, check_type
from .charset import Encoding, NationalLanguage
from .errors import InvalidOption

__all__ = ["Boundary", "Route"]

Boundary = Literal["grapheme", "codepoint"]

_ENCODINGS: Final = {"gsm7": Encoding.GSM7, "ucs2": Encoding.UCS2}


def _check_encoding(encoding: object) -> Encoding | None:
    """``None`` or an :class:`Encoding` (its value as a ``str`` is accepted too)."""
    if encoding is None or encoding.__class__ is Encoding:
        return encoding
    check_type("encoding", encoding, str, "None or an Encoding")
    found = _ENCODINGS.get(str(encoding))
    if found is None:
        raise InvalidOption("encoding", encoding, "None, Encoding.GSM7 or Encoding.UCS2")
    return found


def _check_boundary(boundary: object) -> bool:
    """True for grapheme boundaries (``None``, the default, is ``"grapheme"``)."""
    if boundary is None or boundary == "grapheme":
        if boundary is None or isinstance(boundary, str):
            return True
    elif boundary == "codepoint" and isinstance(boundary, str):
        return False
    check_type("boundary", boundary, str, "'grapheme' or 'codepoint'")
    raise InvalidOption("boundary", boundary, "'grapheme' or 'codepoint'")


def _check_reference_bits(reference_bits: object) -> int:
    """8 or 16 (``None``, the default, is 8)."""
    if reference_bits is None:
        return 8
    bits = check_int("reference_bits", reference_bits)
    if bits != 8 and bits != 16:
        raise InvalidOption("reference_bits", reference_bits, "8 or 16")
    return bits


@dataclass(frozen=True, slots=True, init=False)
class Route:
    """The options of one gateway route, checked once (23.038 6.2.1.2, 23.040 9.2.3.24).

    Build it with keywords only; every keyword has the meaning and the default it has
    in :func:`~smsparts.analyze`.  Language options accept one language, an identifier
    (1 to 13) or any iterable of them, and are kept as sorted tuples of
    :class:`NationalLanguage`, so equal routes compare (and hash) equal.

    Attributes:
        encoding: ``None`` to pick GSM-7 when the text fits and UCS-2 otherwise, or the
            :class:`Encoding` forced.
        boundary: ``"grapheme"`` (a UCS-2 segment never ends inside a grapheme cluster
            unless the cluster alone exceeds a segment) or ``"codepoint"``.
        languages: languages whose locking and single shift tables the route supports.
        single_shift: languages whose single shift table alone is supported.
        locking_shift: languages whose locking shift table alone is supported (Spanish
            has none: 23.038 A.3.2 is void).
        reference_bits: 8 or 16, the concatenation reference size (23.040 9.2.3.24.1,
            9.2.3.24.8); 16 costs one more octet per segment.

    Raises:
        TypeError: an option of the wrong type.
        InvalidOption: an option of the right type with a value no route has.

    >>> Route(boundary="codepoint", reference_bits=16).boundary
    'codepoint'
    >>> Route(languages=[2]).locking_tables, Route(languages=[2]).single_tables
    (frozenset(), frozenset({<NationalLanguage.SPANISH: 2>}))
    >>> Route(reference_bits=7)
    Traceback (most recent call last):
    ...
    smsparts.errors.InvalidOption: reference_bits must be 8 or 16, not 7
    """

    encoding: Encoding | None
    boundary: Boundary
    languages: tuple[NationalLanguage, ...]
    single_shift: tuple[NationalLanguage, ...]
    locking_shift: tuple[NationalLanguage, ...]
    reference_bits: int
    locking_tables: frozenset[NationalLanguage] = field(repr=False, compare=False)
    single_tables: frozenset[NationalLanguage] = field(repr=False, compare=False)

    def __init__(
        self,
        *,
        encoding: Encoding | None = None,
        boundary: Boundary | None = None,
        languages: LanguageSpec = None,
        single_shift: LanguageSpec = None,
        locking_shift: LanguageSpec = None,
        reference_bits: int | None = None,
    ) -> None:
        put = object.__setattr__
        put(self, "encoding", _check_encoding(encoding))
        put(self, "boundary", "grapheme" if _check_boundary(boundary) else "codepoint")
        put(self, "reference_bits", _check_reference_bits(reference_bits))
        languages = _materialize(languages)
        single_shift = _materialize(single_shift)
        locking_shift = _materialize(locking_shift)
        locking, single = _allowed_tables(languages, single_shift, locking_shift)
        put(self, "languages", _language_members("languages", languages))
        put(self, "single_shift", _language_members("single_shift", single_shift))
        put(self, "locking_shift", _language_members("locking_shift", locking_shift))
        put(self, "locking_tables", frozenset(map(NationalLanguage, locking)))
        put(self, "single_tables", frozenset(map(NationalLanguage, single)))

    @property
    def grapheme(self) -> bool:
        """Whether UCS-2 segments keep grapheme clusters whole."""
        return self.boundary == "grapheme"

    @property
    def national(self) -> bool:
        """Whether the route allows any national language table."""
        return bool(self.locking_tables or self.single_tables)

    @classmethod
    def from_options(
        cls,
        route: Route | None = None,
        *,
        encoding: Encoding | None = None,
        boundary: Boundary | None = None,
        languages: LanguageSpec = None,
        single_shift: LanguageSpec = None,
        locking_shift: LanguageSpec = None,
        reference_bits: int | None = None,
    ) -> Route:
        """``route``, or a route built from the keywords: the rule for ``route=``.

        A function that accepts ``route=`` next to the six keywords (``None`` meaning
        "not given") calls this once.  Routes built from the same hashable keywords
        are cached, so a loop that passes keywords pays for the checks once.

        Raises:
            TypeError: ``route`` is not a :class:`Route`, or it is given together with
                a keyword (which one would win is ambiguous).
            InvalidOption: as for :class:`Route`.

        >>> Route.from_options(Route(), boundary="codepoint")
        Traceback (most recent call last):
        ...
        TypeError: give route= or boundary=, not both (Route(boundary=...) holds it)
        """
        if route is not None:
            if route.__class__ is not Route:
                check_type("route", route, Route, "a Route or None")
            given = [
                name
                for name, value in (
                    ("encoding", encoding),
                    ("boundary", boundary),
                    ("languages", languages),
                    ("single_shift", single_shift),
                    ("locking_shift", locking_shift),
                    ("reference_bits", reference_bits),
                )
                if value is not None
            ]
            if given:
                raise TypeError(
                    f"give route= or {given[0]}=, not both (Route({given[0]}=...) holds it)"
                )
            return route
        if (
            encoding is None
            and boundary is None
            and languages is None
            and single_shift is None
            and locking_shift is None
            and reference_bits is None
        ):
            return DEFAULT_ROUTE
        key = (encoding, boundary, _key(languages), _key(single_shift), _key(locking_shift))
        if _cacheable(*key, reference_bits):
            return _cached_route(*key, reference_bits)
        return cls(
            encoding=encoding,
            boundary=boundary,
            languages=_unkey(key[2]),
            single_shift=_unkey(key[3]),
            locking_shift=_unkey(key[4]),
            reference_bits=reference_bits,
        )


def _key(values: LanguageSpec) -> object:
    """A hashable stand-in for a language option, read once (a generator too)."""
    if values is None or values.__class__ is int or isinstance(values, int | str):
        return values
    try:
        return ("*", *values)
    except TypeError:
        return values  # not iterable: the Route checks name it


_EXACT_TYPES: Final = frozenset({int, NationalLanguage})


def _cacheable(
    encoding: object,
    boundary: object,
    languages: object,
    single_shift: object,
    locking_shift: object,
    reference_bits: object,
) -> bool:
    """Whether a key may be looked up: True == 1 == 1.0 hash alike, so a key with a
    bool, a float or an unhashable value never is, and a bad value is always reported
    as itself."""
    if encoding is not None and encoding.__class__ not in (str, Encoding):
        return False
    if boundary is not None and boundary.__class__ is not str:
        return False
    if reference_bits is not None and reference_bits.__class__ is not int:
        return False
    for part in (languages, single_shift, locking_shift):
        if part is None:
            continue
        if part.__class__ is tuple:
            if not _EXACT_TYPES.issuperset(map(type, part[1:])):
                return False
        elif part.__class__ not in _EXACT_TYPES:
            return False
    return True


@lru_cache(maxsize=256)
def _cached_route(
    encoding: object,
    boundary: object,
    languages: object,
    single_shift: object,
    locking_shift: object,
    reference_bits: object,
) -> Route:
    return Route(
        encoding=encoding,  # type: ignore[arg-type]
        boundary=boundary,  # type: ignore[arg-type]
        languages=_unkey(languages),
        single_shift=_unkey(single_shift),
        locking_shift=_unkey(locking_shift),
        reference_bits=reference_bits,  # type: ignore[arg-type]
    )


def _unkey(key: object) -> LanguageSpec:
    if isinstance(key, tuple):
        return key[1:]
    return key  # type: ignore[return-value]


DEFAULT_ROUTE: Final = Route()
"""The default route: the default alphabet only, grapheme boundaries, 8-bit references."""
CODEPOINT_ROUTE: Final = Route(boundary="codepoint")
"""The default route with code point boundaries."""
