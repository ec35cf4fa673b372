"""Smart encoding: graded transliteration to the GSM 7-bit default alphabet.

One character outside the default alphabet (23.038 6.2.1) sends the whole message in
UCS-2, cutting a segment from 160 to 70 characters.  Most of those characters were never
meant: a curly quote pasted from a word processor, an en dash, a no-break space, a
decomposed accent.  :func:`transliterate` replaces them, by three cumulative levels whose
tables are data (``tools/data/translit-*.txt``, generated into
:mod:`smsparts._translit_tables`; listed in docs/transliteration-tables.md):

* ``"typography"``: NFC normalization first, then quotes, apostrophes and primes to
  ``'`` and ``"``, dashes and minus signs to ``-``, the ellipsis to ``...``, Unicode
  spaces and the tab to one space, soft hyphen, zero-width space, word joiner and
  byte-order mark removed, fullwidth forms to ASCII.  No reader notices.
* ``"accents"``: adds letters that keep their look: ``ç`` to ``Ç`` (as Android does; the
  default alphabet has only the capital) and the capitals whose lowercase is in the
  alphabet to that lowercase (``À`` to ``à``, ``È`` to ``è``, ...).
* ``"ascii"``: adds lossy changes: accents the alphabet lacks stripped (``ê`` to ``e``),
  ligatures split (``œ`` to ``oe``), Greek to the alphabet's Greek capitals or Latin
  look-alikes (as Android's table does), stray combining marks removed.

Some invisible characters are removed by context rather than by table, because they
carry meaning in other scripts:

* ZERO WIDTH JOINER and ZERO WIDTH NON-JOINER are removed only when both neighbours are
  characters of the default alphabet (or the text's edge).  Inside an emoji sequence
  (``👩\u200d💻``), a Persian word or an Indic conjunct they stay.
* The bidi marks and controls (LRM, RLM, ALM, embeddings, isolates) are removed only when
  the text holds no right-to-left character.
* Variation selectors are never touched (``❤\ufe0f`` and keycaps keep them).

By default a level is applied only when it pays: when it lowers the segment count, or
keeps it and turns UCS-2 into GSM-7.  The text is never made to cost more.  A text that
already travels in GSM-7 is returned unchanged.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Final, NamedTuple

import regex

from . import _translit_tables as _tables
from ._options import check_bool, check_str
from .charset import DEFAULT, Encoding
from .errors import InvalidOption
from .route import DEFAULT_ROUTE
from .segment import Analysis, Boundary, LanguageSpec, Route, analyze

__all__ = [
    "CharacterSavings",
    "Level",
    "Replacement",
    "Transliteration",
    "savings_report",
    "transliterate",
    "transliterate_text",
]


class Level(StrEnum):
    """A transliteration level; each includes the ones before it."""

    TYPOGRAPHY = "typography"
    """Changes no reader notices: quotes, dashes, spaces, invisible characters, NFC."""
    ACCENTS = "accents"
    """Adds letters that keep their look: ``ç`` to ``Ç``, ``À`` to ``à``."""
    ASCII = "ascii"
    """Adds lossy changes: accents stripped, ligatures split, Greek look-alikes."""


_ORDER: Final = (Level.TYPOGRAPHY, Level.ACCENTS, Level.ASCII)

#: Cumulative tables: each level's table holds the tables of the levels before it.
_TABLES: Final[dict[Level, dict[str, str]]] = {
    Level.TYPOGRAPHY: dict(_tables.TYPOGRAPHY),
    Level.ACCENTS: {**_tables.TYPOGRAPHY, **_tables.ACCENTS},
    Level.ASCII: {**_tables.TYPOGRAPHY, **_tables.ACCENTS, **_tables.ASCII, **_tables.ASCII_STRIP},
}
_FINDERS: Final = {
    level: re.compile("[" + "".join(re.escape(ch) for ch in sorted(table)) + "]")
    for level, table in _TABLES.items()
}

_JOINERS: Final = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_BIDI: Final = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONTEXTUAL: Final = re.compile("[" + "".join(sorted(_JOINERS | _BIDI)) + "]")
_GSM: Final = DEFAULT.encoding_map
_non_gsm_search: Final = re.compile(
    "[^" + "".join(re.escape(ch) for ch in sorted(_GSM)) + "]"
).search
#: Characters that the table alone cannot handle: they need the whole pipeline.
_CONTEXT_CHARS: Final = _JOINERS | _BIDI
_LEVEL_NAMES: Final[dict[object, Level]] = {lv.value: lv for lv in Level}


# Fast path of transliterate_text(): CPython's charmap codec maps a str to bytes and
# back in C, a few ns a character, where str.translate with a dict costs some 40 ns.  One byte
# code per character of the default alphabet and per common table key (Latin-1,
# General Punctuation, oe ligatures): 229 of 256.  A text that encodes is NFC (every
# such character is a starter that composes with none of the others), so the level is
# one bytes.translate (1:1 and removals) plus a replace per multi-character result.


def _fast_candidate(ch: str) -> bool:
    code = ord(ch)
    return code <= 0xFF or 0x2000 <= code <= 0x206F or ch in "\u0152\u0153\u0178\u2212\ufeff"


# U+0000 first: CPython builds its fast EncodingMap only when byte 0 decodes to U+0000.
_FAST_CHARS: Final = "".join(
    ["\x00", *sorted(_GSM), *(ch for ch in sorted(_TABLES[Level.ASCII]) if _fast_candidate(ch))]
)
_FAST_DECODING: Final = _FAST_CHARS + "\ufffe" * (256 - len(_FAST_CHARS))
_FAST_ENCODING: Final = codecs.charmap_build(_FAST_DECODING)


def _fast_level(table: dict[str, str]) -> tuple[bytes, bytes, tuple[tuple[bytes, bytes], ...]]:
    """(translate table, bytes to delete, multi-character replacements) of one level."""
    translation = bytearray(range(256))
    delete = bytearray()
    multi = []
    for code, ch in enumerate(_FAST_CHARS):
        result = table.get(ch)
        if result is None:
            continue
        if not result:
            delete.append(code)
        elif len(result) == 1:
            translation[code] = _FAST_CHARS.index(result)
        else:
            multi.append((bytes([code]), bytes(_FAST_CHARS.index(c) for c in result)))
    return bytes(translation), bytes(delete), tuple(multi)


_FAST_LEVELS: Final = {level: _fast_level(table) for level, table in _TABLES.items()}
_CLUSTER: Final = regex.compile(r"\X")
#: Passes of the pipeline at most; two suffice for any text found so far (see _pipeline).
_MAX_PASSES: Final = 6


class Replacement(NamedTuple):
    """One change made to the text.

    Attributes:
        start: index in the original ``str`` of the first character replaced.
        original: the characters replaced, ``original_text[start:end]``.
        result: what they became (empty when removed).
    """

    start: int
    original: str
    result: str

    @property
    def end(self) -> int:
        """Index after the last character replaced, in the original ``str``."""
        return self.start + len(self.original)


@dataclass(frozen=True, slots=True, kw_only=True)
class Transliteration:
    """The result of :func:`transliterate`.

    Attributes:
        original: the text given.
        text: the text to send: transliterated if ``level`` is set, else ``original``.
        level: the level applied, or ``None`` when none was (it would not have paid).
        replacements: every change, in order; applying them to ``original`` gives
            ``text`` (empty when no level was applied).
        before: :func:`~smsparts.analyze` of ``original``.
        after: :func:`~smsparts.analyze` of ``text``.
        unmappable: every ``(index, char)`` of ``original`` that no level can bring
            into an allowed GSM 7-bit table: what still forces UCS-2 at level ascii.
    """

    original: str
    text: str
    level: Level | None
    replacements: tuple[Replacement, ...]
    before: Analysis
    after: Analysis
    unmappable: tuple[tuple[int, str], ...]

    @property
    def applied(self) -> bool:
        """Whether a level was applied (``text`` differs from ``original``)."""
        return self.level is not None

    @property
    def segments_saved(self) -> int:
        """Segments saved by the transliteration (never negative without ``force``)."""
        return self.before.segments - self.after.segments


class CharacterSavings(NamedTuple):
    """What replacing one offending character, alone, would save.

    Attributes:
        char: a character that forces UCS-2.
        occurrences: how many times it occurs.
        indexes: where it occurs (indexes into the text).
        replacement: what the level replaces its first occurrence with, or ``None``
            when the level leaves it (see ``level``).
        level: the lowest level that replaces it, or ``None`` if none does.
        segments_saved: segments saved by replacing this character alone at the level
            asked, every other character kept; negative if it would cost more.
    """

    char: str
    occurrences: int
    indexes: tuple[int, ...]
    replacement: str | None
    level: Level | None
    segments_saved: int

    def __str__(self) -> str:
        """``’ ×3: saves 1 segment``; invisible characters are named by code point."""
        return f"{_shown(self.char)} ×{self.occurrences}: {_verdict(self)}"


def _shown(text: str) -> str:
    if text and all(unicodedata.category(ch)[0] in "LNPS" for ch in text):
        return text
    return " ".join(f"U+{ord(ch):04X}" for ch in text) or "(nothing)"


def _verdict(entry: CharacterSavings) -> str:
    if entry.replacement is None:
        return f"needs level {entry.level}" if entry.level else "no replacement at any level"
    saved = entry.segments_saved
    if saved > 0:
        return f"saves {saved} segment{'s' if saved > 1 else ''}"
    if saved < 0:
        return f"costs {-saved} more segment{'s' if saved < -1 else ''}"
    return "saves nothing alone"


# ---------------------------------------------------------------------------
# the pipeline: NFC, then the table, then the contextual removals, to a fixed point

_Edit = tuple[int, str, str]  # (index, old, new) over one stage's input


def _check_level(level: object) -> Level:
    """The :class:`Level` named by ``level`` (shared option policy of :mod:`._options`)."""
    text = check_str("level", level)
    known = _LEVEL_NAMES.get(str(text))
    if known is None:
        raise InvalidOption("level", level, "one of 'typography', 'accents', 'ascii'")
    return known


def _apply(text: str, edits: list[_Edit]) -> str:
    """``text`` with ``edits`` (sorted, not overlapping) applied."""
    pieces = []
    pos = 0
    for index, old, new in edits:
        pieces.append(text[pos:index])
        pieces.append(new)
        pos = index + len(old)
    pieces.append(text[pos:])
    return "".join(pieces)


def _nfc_edits(text: str) -> list[_Edit]:
    """NFC normalization as edits, one per grapheme cluster that changes.

    Normalization never crosses a grapheme cluster boundary in practice (combining
    marks, Hangul jamo and spacing vowel signs all extend a cluster); should it ever,
    one edit over the differing span keeps the result exact.
    """
    edits = []
    for m in _CLUSTER.finditer(text):
        cluster = m.group()
        if not unicodedata.is_normalized("NFC", cluster):
            edits.append((m.start(), cluster, unicodedata.normalize("NFC", cluster)))
    if _apply(text, edits) != unicodedata.normalize("NFC", text):  # pragma: no cover
        whole = unicodedata.normalize("NFC", text)
        start = 0
        while text[start] == whole[start]:
            start += 1
        end = 0
        while text[len(text) - 1 - end] == whole[len(whole) - 1 - end]:
            end += 1
        edits = [(start, text[start : len(text) - end], whole[start : len(whole) - end])]
    return edits


def _contextual_removals(text: str, level: Level) -> list[int]:
    """Indexes of joiners, bidi controls and (at ascii) stray marks to remove."""
    gsm = _GSM
    bad = DEFAULT.unencodable(text)
    removed: list[int] = []
    gone: set[int] = set()
    rtl: bool | None = None
    last = len(text) - 1
    for i, ch in bad:
        if ch in _JOINERS:
            drop = (i == 0 or text[i - 1] in gsm or i - 1 in gone) and (
                i == last or text[i + 1] in gsm
            )
        elif ch in _BIDI:
            if rtl is None:
                rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for _, c in bad)
            drop = not rtl
        elif level is Level.ASCII and unicodedata.combining(ch):
            # A combining mark left after NFC and the table sits on a letter of the
            # alphabet that has no precomposed form with it: strip it, as accents are.
            drop = i > 0 and (text[i - 1] in gsm or i - 1 in gone)
        else:
            drop = False
        if drop:
            removed.append(i)
            gone.add(i)
    return removed


def _needs_context_pass(text: str, level: Level) -> bool:
    if _CONTEXTUAL.search(text) is not None:
        return True
    return level is Level.ASCII and DEFAULT.first_unencodable(text) != -1


def _compose(t0: str, t1: str, first: list[_Edit], second: list[_Edit]) -> list[_Edit]:
    """Edits over ``t0`` equivalent to ``first`` (``t0`` -> ``t1``) then ``second``."""
    if not first:
        return second
    if not second:
        return first
    spans = []  # (start, end) in t1 of each first edit, with its (start, end) in t0
    ends = []
    deltas = [0]  # deltas[k]: t1 - t0 offset after the first k first-edits
    delta = 0
    for index, old, new in first:
        a1 = index + delta
        spans.append((a1, a1 + len(new), index, index + len(old)))
        ends.append(a1 + len(new))
        delta += len(new) - len(old)
        deltas.append(delta)
    items = sorted(
        [(a, b, 0, k) for k, (a, b, _, _) in enumerate(spans)]
        + [(s, s + len(old), 1, k) for k, (s, old, _) in enumerate(second)]
    )
    groups: list[list[int]] = []  # [lo, hi, *item ids]
    members: list[list[tuple[int, int]]] = []
    for a, b, kind, k in items:
        if groups and a < groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], b)
            members[-1].append((kind, k))
        else:
            groups.append([a, b])
            members.append([(kind, k)])
    result: list[_Edit] = []
    for (lo, hi), group in zip(groups, members, strict=True):
        firsts = [k for kind, k in group if kind == 0]
        seconds = [second[k] for kind, k in group if kind == 1]
        if not seconds:
            result.append(first[firsts[0]])
            continue
        if firsts and spans[firsts[0]][0] == lo:
            s0 = spans[firsts[0]][2]
        else:
            s0 = lo - deltas[bisect_right(ends, lo)]
        if firsts and spans[firsts[-1]][1] == hi:
            e0 = spans[firsts[-1]][3]
        else:
            n = bisect_right(ends, hi)
            while n and spans[n - 1][0] == spans[n - 1][1] == hi:
                n -= 1  # a removal right at hi lies after the group
            e0 = hi - deltas[n]
        pieces = []
        pos = lo
        for index, old, new in seconds:
            pieces.append(t1[pos:index])
            pieces.append(new)
            pos = index + len(old)
        pieces.append(t1[pos:hi])
        old0, new0 = t0[s0:e0], "".join(pieces)
        if old0 != new0:
            result.append((s0, old0, new0))
    return result


def _edits(text: str, level: Level) -> list[_Edit]:
    """The edits from ``text`` to its transliteration at ``level``."""
    try:
        codecs.charmap_encode(text, "strict", _FAST_ENCODING)
    except UnicodeEncodeError:
        return _pipeline(text, level, True)[1]
    # Every character is in the fast byte map: the text is NFC and holds no joiner, bidi
    # control or mark (see transliterate_text), so one pass of the table is the result.
    table = _TABLES[level]
    return [(m.start(), m[0], table[m[0]]) for m in _FINDERS[level].finditer(text)]


def _pipeline(text: str, level: Level, track: bool) -> tuple[str, list[_Edit]]:
    """The text at ``level`` and, with ``track``, the edits from ``text`` to it.

    Steps, repeated until nothing changes: NFC; the level's table; the contextual
    removals.  A second pass is needed only when a step undoes another's fixed point:
    a fullwidth letter followed by a combining mark (``Ａ\u0301``) becomes ``A\u0301``,
    which NFC composes; a removed bidi mark joins a letter and a joiner.
    """
    table = _TABLES[level]
    finder = _FINDERS[level]
    edits: list[_Edit] = []
    cur = text
    removed_last = False
    for npass in range(_MAX_PASSES):
        changed = False
        normalized = unicodedata.is_normalized("NFC", cur)
        if not normalized:
            if track:
                step = _nfc_edits(cur)
                nxt = _apply(cur, step)
                edits = _compose(text, cur, edits, step)
            else:
                nxt = unicodedata.normalize("NFC", cur)
            changed = nxt != cur
            cur = nxt
        if npass == 0 or changed:
            # The table's results are in the alphabet and never keys: one run suffices
            # unless NFC made new characters.
            found = finder.findall(cur)
            if found:
                if track:
                    step = [(m.start(), m.group(), table[m.group()]) for m in finder.finditer(cur)]
                    nxt = _apply(cur, step)
                    edits = _compose(text, cur, edits, step)
                else:
                    nxt = cur
                    for ch in set(found):
                        nxt = nxt.replace(ch, table[ch])
                changed = True
                cur = nxt
        removed_last_pass = False
        if (npass == 0 or changed or removed_last) and _needs_context_pass(cur, level):
            removals = _contextual_removals(cur, level)
            if removals:
                step = [(i, cur[i], "") for i in removals]
                nxt = _apply(cur, step)
                if track:
                    edits = _compose(text, cur, edits, step)
                cur = nxt
                changed = removed_last_pass = True
        removed_last = removed_last_pass
        if not changed:
            break
    return cur, edits


# ---------------------------------------------------------------------------
# public API


def transliterate_text(text: str, *, level: Level | str = Level.TYPOGRAPHY) -> str:
    """``text`` at ``level``, applied unconditionally, without analysis or report.

    The fast path for bulk use (about 8x ``len(text.encode("utf-16-le"))``, see
    docs/benchmarks.md).  Unlike :func:`transliterate` it applies the level even when
    that saves nothing, and may lengthen a UCS-2 text (``…`` becomes ``...``).

    Args:
        text: the message.
        level: ``"typography"`` (default), ``"accents"`` or ``"ascii"``.

    Returns:
        The transliterated text.

    Raises:
        TypeError: ``text`` is not a ``str``.
        ValueError: unknown ``level``.

    >>> transliterate_text("l’été…")
    "l'été..."
    >>> transliterate_text("Garçon", level="accents")
    'GarÇon'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    chosen = _check_level(level)
    try:
        encoded = codecs.charmap_encode(text, "strict", _FAST_ENCODING)[0]
    except UnicodeEncodeError:
        return _search_path(text, chosen)
    translation, delete, multi = _FAST_LEVELS[chosen]
    out = encoded.translate(translation, delete)
    for code, result in multi:
        if code in out:
            out = out.replace(code, result)
    if out == encoded:
        return text
    return codecs.charmap_decode(out, "strict", _FAST_DECODING)[0]


def _search_path(text: str, chosen: Level) -> str:
    """transliterate_text() for a text with characters outside the fast byte map."""
    search = _non_gsm_search
    m = search(text)
    if m is None:  # pragma: no cover - a GSM-7 text always takes the fast path
        return text
    if not unicodedata.is_normalized("NFC", text):
        return _pipeline(text, chosen, False)[0]
    # Fast path for the common case: an NFC text whose offenders the table maps or
    # leaves, none of them a joiner, a bidi control or a combining mark.  The table's
    # results are letters of the alphabet, which compose with nothing, so the output
    # is NFC and one pass suffices: the pipeline would give the same text.  Each
    # distinct offender costs one search and one str.replace (findall or str.translate
    # would touch every character from Python: 2-4x slower on French text).
    table = _TABLES[chosen]
    out = text
    while m is not None:
        ch = m.group()
        index = m.start()
        replacement = table.get(ch)
        if replacement is not None:
            out = out.replace(ch, replacement)  # nothing before index is ch
            index += len(replacement)
        elif ch in _CONTEXT_CHARS or unicodedata.combining(ch):
            return _pipeline(text, chosen, False)[0]
        else:
            index += 1
        m = search(out, index)
    return out


def _edits_to_replacements(edits: list[_Edit]) -> tuple[Replacement, ...]:
    new = tuple.__new__
    return tuple([new(Replacement, edit) for edit in edits])


def _original_indexes(edits: list[_Edit], indexes: Iterable[int]) -> Iterator[int]:
    """Index in the original of each character ``indexes`` (ascending) of the result.

    One merged walk over the edits (sorted, not overlapping) and the indexes, so the
    cost is ``len(edits) + len(indexes)`` whatever the text.
    """
    delta = 0  # len(result) - len(original) over the edits before ``k``
    k = 0
    count = len(edits)
    for index in indexes:
        while k < count:
            start, old, new = edits[k]
            out_start = start + delta
            if index < out_start:
                break
            if index < out_start + len(new):
                break
            delta += len(new) - len(old)
            k += 1
        if k < count:
            start, old, new = edits[k]
            if start + delta <= index < start + delta + len(new):
                yield start
                continue
        yield index - delta


def _unmappable(
    text: str, ascii_after: Analysis, edits: list[_Edit] | None
) -> tuple[tuple[int, str], ...]:
    """What still forces UCS-2 at level ascii, as ``(index in text, char)``.

    ``ascii_after`` is the analysis of ``text`` at level ascii and ``edits`` the edits
    that lead to it (computed here when ``None`` and needed).
    """
    found = ascii_after.unencodable
    if not found:
        return ()
    if edits is None:
        edits = _edits(text, Level.ASCII)
    found = tuple(found)
    originals = _original_indexes(edits, (i for i, _ in found))
    return tuple(zip(originals, (ch for _, ch in found), strict=True))


def _counter(route: Route) -> Callable[[str], Analysis]:
    """:func:`~smsparts.analyze` on ``route`` (the default route keeps its fast path)."""
    if route is DEFAULT_ROUTE:
        return analyze
    return partial(analyze, route=route)


def transliterate(
    text: str,
    *,
    level: Level | str = Level.TYPOGRAPHY,
    force: bool = False,
    route: Route | None = None,
    encoding: Encoding | None = None,
    boundary: Boundary | None = None,
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    reference_bits: int | None = None,
) -> Transliteration:
    """Smart encoding: ``text`` transliterated at ``level`` if that lowers its cost.

    Clauses: 23.038 6.2.1 (the default alphabet the levels map into); costs counted as
    :func:`~smsparts.analyze` counts them (23.040 9.2.3.24).

    The level is applied only when the transliterated text takes fewer segments, or
    as many and GSM-7 instead of UCS-2.  A text already in GSM-7 is returned unchanged.

    Args:
        text: the message.
        level: ``"typography"`` (default: changes no reader notices), ``"accents"`` or
            ``"ascii"`` (lossy); each includes the levels before it.
        force: apply the level even when it saves nothing or costs more (a text
            already in GSM-7 with national tables is then transliterated too); a level
            that changes nothing is still reported as not applied.
        route, encoding, boundary, languages, single_shift, locking_shift,
            reference_bits: the route, as for :func:`~smsparts.analyze`, which counts
            the text before and after on it (``None``: not given; ``route=`` with a
            keyword is a ``TypeError``).  A forced ``encoding`` counts both texts in
            it: forced GSM-7 raises :class:`UnencodableCharacter` for a text GSM-7
            cannot carry, as :func:`~smsparts.analyze` does; leave it ``None`` to
            weigh the natural encoding.

    Returns:
        A :class:`Transliteration` with the text to send, every replacement, the
        analyses before and after, and the characters no level can map.

    Raises:
        TypeError: ``text`` is not a ``str``.
        InvalidCharacter: ``text`` holds a lone surrogate.
        UnencodableCharacter: GSM-7 was forced and ``text`` does not fit it.
        InvalidOption: an option value is not allowed (a ``ValueError``).

    >>> r = transliterate("C’est l’été…")
    >>> r.text, r.level, r.after.encoding
    ("C'est l'été...", <Level.TYPOGRAPHY: 'typography'>, <Encoding.GSM7: 'gsm7'>)
    >>> r.replacements[0]
    Replacement(start=1, original='’', result="'")
    """
    chosen = _check_level(level)
    check_bool("force", force)
    count = _counter(
        Route.from_options(
            route,
            encoding=encoding,
            boundary=boundary,
            languages=languages,
            single_shift=single_shift,
            locking_shift=locking_shift,
            reference_bits=reference_bits,
        )
    )
    before = count(text)
    unchanged = Transliteration(
        original=text,
        text=text,
        level=None,
        replacements=(),
        before=before,
        after=before,
        unmappable=(),
    )
    if before.encoding is Encoding.GSM7 and not force:
        return unchanged
    # The fast transform first: the edits are worked out only when they are needed.
    new = transliterate_text(text, level=chosen)
    after = count(new) if new != text else before
    pays = after.segments < before.segments or (
        after.segments == before.segments
        and before.encoding is Encoding.UCS2
        and after.encoding is Encoding.GSM7
    )
    # Forced, a level that changes nothing is still not applied: applied means changed.
    applied = pays or (force and new != text)
    edits = _edits(text, chosen) if applied else None
    if chosen is Level.ASCII:
        unmappable = _unmappable(text, after, edits)
    else:
        ascii_text = transliterate_text(text, level=Level.ASCII)
        unmappable = _unmappable(text, count(ascii_text), None)
    if edits is None:
        return Transliteration(
            original=text,
            text=text,
            level=None,
            replacements=(),
            before=before,
            after=before,
            unmappable=unmappable,
        )
    return Transliteration(
        original=text,
        text=new,
        level=chosen,
        replacements=_edits_to_replacements(edits),
        before=before,
        after=after,
        unmappable=unmappable,
    )


def savings_report(
    text: str,
    *,
    level: Level | str = Level.ASCII,
    route: Route | None = None,
    encoding: Encoding | None = None,
    boundary: Boundary | None = None,
    languages: LanguageSpec = None,
    single_shift: LanguageSpec = None,
    locking_shift: LanguageSpec = None,
    reference_bits: int | None = None,
) -> tuple[CharacterSavings, ...]:
    """For each character that forces UCS-2: its count and what replacing it saves.

    "Replacing it" means replacing that character alone, at ``level``, every other
    character kept: ``’ ×3: saves 1 segment`` when the curly apostrophe is the only
    offender of a two-segment text.  When several characters force UCS-2, each alone
    usually saves nothing; :func:`transliterate` tells what replacing them all saves.

    Args:
        text: the message.
        level: the level whose replacements are weighed (default ``"ascii"``, the most
            complete); each entry also names the lowest level that replaces it.
        route, encoding, boundary, languages, single_shift, locking_shift,
            reference_bits: as for :func:`transliterate`.

    Returns:
        One :class:`CharacterSavings` per distinct offending character, in order of
        first occurrence; empty when the text already travels in GSM-7.

    Raises:
        TypeError, InvalidCharacter, UnencodableCharacter, InvalidOption: as for
            :func:`transliterate`.

    >>> [str(s) for s in savings_report("l’été " * 20)]
    ['’ ×20: saves 1 segment']
    """
    chosen = _check_level(level)
    count = _counter(
        Route.from_options(
            route,
            encoding=encoding,
            boundary=boundary,
            languages=languages,
            single_shift=single_shift,
            locking_shift=locking_shift,
            reference_bits=reference_bits,
        )
    )
    before = count(text)
    if before.encoding is Encoding.GSM7:
        return ()
    # Index maps built once: where each offender occurs, and which edits of each level
    # touch it (edits never overlap, so the characters of their originals sum to at
    # most the text's length).  The work is then linear in the text, plus one analysis
    # per distinct offender that the level replaces: at most one per table key.
    occurrences: dict[str, list[int]] = {}
    for index, ch in before.unencodable:
        occurrences.setdefault(ch, []).append(index)
    touching: dict[Level, dict[str, list[_Edit]]] = {}
    for lv in _ORDER:
        by_char: dict[str, list[_Edit]] = {}
        for edit in _edits(text, lv):
            for ch in set(edit[1]):
                if ch in occurrences:
                    by_char.setdefault(ch, []).append(edit)
        touching[lv] = by_char
    entries = []
    for ch, found in occurrences.items():
        mine = touching[chosen].get(ch, [])
        lowest = next((lv for lv in _ORDER if ch in touching[lv]), None)
        if mine:
            partial = count(_apply(text, mine))
            saved = before.segments - partial.segments
            replacement: str | None = mine[0][2]
        else:
            saved, replacement = 0, None
        entries.append(CharacterSavings(ch, len(found), tuple(found), replacement, lowest, saved))
    return tuple(entries)
