"""Which national language tables a route allows, and which pair encodes a text.

Private helpers of :mod:`smsparts.segment` (23.038 6.2.1.2): parsing the
``languages=``, ``single_shift=`` and ``locking_shift=`` options into table ids, and
:class:`_Selector`, which finds the (locking, single shift) pairs that can encode a text.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Final

from .charset import NationalLanguage, charset
from .errors import InvalidOption

#: What the language options accept: one language, or any iterable of them.
LanguageSpec = NationalLanguage | int | Iterable[NationalLanguage | int] | None


_LANGUAGE_WORDS: Final = "NationalLanguage members or their identifiers (1 to 13)"


def _materialize(values: LanguageSpec) -> LanguageSpec:
    """A language option with any iterable read once into a tuple (a generator too)."""
    if values is None or isinstance(values, int | str):
        return values
    try:
        return tuple(values)
    except TypeError:
        return values  # not iterable: the checks below name it


def _language_members(option: str, values: LanguageSpec) -> tuple[NationalLanguage, ...]:
    """The languages of one option, sorted and without repeats (23.038 6.2.1.2.4).

    Raises:
        TypeError: the option, or one of its items, is not a language (a ``bool``, a
            float, a nested list...).
        InvalidOption: an integer that is no national language identifier, or a
            language given by name (``"spanish"``: the message names
            ``NationalLanguage.SPANISH`` and lists the members).
    """
    if values is None:
        return ()
    items: Iterable[object]
    if isinstance(values, int | str):
        items = (values,)
    else:
        try:
            items = iter(values)
        except TypeError:
            raise TypeError(
                f"{option} must be a NationalLanguage, an identifier or an iterable of them, "
                f"not {type(values).__name__}"
            ) from None
    found: set[NationalLanguage] = set()
    for value in items:
        if isinstance(value, str):
            raise _named_language(option, value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{option} must hold {_LANGUAGE_WORDS}, not {type(value).__name__}")
        try:
            found.add(NationalLanguage(value))
        except ValueError:
            raise InvalidOption(option, value, _LANGUAGE_WORDS) from None
    return tuple(sorted(found))


def _named_language(option: str, name: str) -> InvalidOption:
    """The error for a language given by name (``"spanish"``): a value in the wrong
    vocabulary.  The library takes :class:`NationalLanguage` members (or identifiers)
    only, one vocabulary; the CLI and the server parse names.  The error names the
    member meant, when the name is one, and lists the members."""
    member = NationalLanguage.__members__.get(name.strip().upper())
    if member is not None:
        expected = (
            f"NationalLanguage.{member.name} (a member or its identifier {member.value}, "
            "never a name)"
        )
    else:
        known = ", ".join(lang.name for lang in NationalLanguage)
        expected = f"{_LANGUAGE_WORDS}: {known}"
    return InvalidOption(option, name, expected)


def _language_ids(option: str, values: LanguageSpec) -> frozenset[int]:
    return frozenset(int(lang) for lang in _language_members(option, values))


_NO_TABLES: Final[tuple[frozenset[int], frozenset[int]]] = (frozenset(), frozenset())


def _as_key(values: LanguageSpec) -> tuple[object, ...] | None:
    if values is None:
        return None
    if isinstance(values, int | str):
        return (values,)
    try:
        return tuple(values)
    except TypeError:
        return (values,)  # not iterable: reported by _language_members


def _allowed_tables(
    languages: LanguageSpec, single_shift: LanguageSpec, locking_shift: LanguageSpec
) -> tuple[frozenset[int], frozenset[int]]:
    """(locking ids, single ids) the route supports, 0 (the default) excluded."""
    if languages is None and single_shift is None and locking_shift is None:
        return _NO_TABLES
    key = (_as_key(languages), _as_key(single_shift), _as_key(locking_shift))
    if any(part and any(type(v) not in (int, NationalLanguage) for v in part) for part in key):
        # True == 1 == 1.0 hash alike: never cache a key with a non-int, so a bad value
        # is always reported as itself.
        return _parse_tables(*key)  # type: ignore[arg-type]
    return _allowed_tables_cached(*key)


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
        raise InvalidOption(
            "locking_shift",
            NationalLanguage.SPANISH,
            "a language with a locking shift table (Spanish has no locking shift table: "
            "23.038 A.3.2 is void; use single_shift)",
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
            (lang, charset(lang, 0).non_basic_pattern.search) for lang in self.locking if lang
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
