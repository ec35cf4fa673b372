"""Greedy segmentation walks: where segments end (23.040 9.2.3.24.1).

Private helpers of :mod:`smsparts.segment`.  Each walk fills segments greedily, which
gives the fewest segments, while keeping atoms whole: an ESC pair in GSM 7-bit ("an
escape sequence shall not be split"), a surrogate pair in UTF-16, and by default a
grapheme cluster (Unicode UAX #29) unless the cluster alone is larger than a segment.
"""

from __future__ import annotations

from typing import Final

import regex

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

    The same walk without character indexes, for :func:`analyze`.  When no candidate
    cut (a multiple of ``cap``) would split a pair, none moves: one strided slice
    checked in C says so, and the walk is skipped.
    """
    segments = -(-units // cap)
    last = cap * (segments - 1)
    if 1 not in stream[cap - 1 : last : cap]:
        return segments, units - last
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


# Whether a character is "plain" (see _PLAIN), for the two characters at each cut.  A
# cache keeps the answer for the characters seen at cuts; it is bounded, so a text with
# many distinct characters costs a regex match per cut but never grows memory.
_plain_cache: dict[str, bool] = {}
_PLAIN_CACHE_LIMIT: Final = 2048
# The characters of _plain_cache found plain, as a set, so that ``set.issuperset``
# checks a strided slice of candidate cuts in one C call (see analyze).  A character
# missing from it is unknown, not "not plain": a miss only sends the text to the exact
# walk.  Bounded with the cache.
_plain_set: set[str] = set()
_plain_units: set[int] = set()  # the code points of _plain_set's BMP characters
_RI_FIRST: Final = "\U0001f1e6"  # REGIONAL INDICATOR SYMBOL LETTER A
_RI_LAST: Final = "\U0001f1ff"  # REGIONAL INDICATOR SYMBOL LETTER Z


def _is_plain(ch: str) -> bool:
    plain = _PLAIN.match(ch) is not None
    if len(_plain_cache) < _PLAIN_CACHE_LIMIT:
        _plain_cache[ch] = plain
        if plain:
            _plain_set.add(ch)
            if ch <= "\uffff":
                _plain_units.add(ord(ch))
    return plain


# Pair rules: most cuts next to a non-plain character are decided by the two characters
# at the cut alone (UAX #29), without matching ``\X``, which costs about 0.1 µs per
# cluster in the ``regex`` module and dominated short emoji texts.  Each character gets
# one class (one regex match, then a bounded cache like _plain_cache).
_K_CONTROL, _K_EXTEND, _K_SPACING, _K_ZWJ, _K_PREPEND, _K_RI, _K_PICT, _K_SIMPLE = range(1, 9)
_K_OTHER: Final = 9  # Consonant (GB9c), Hangul L V T LV LVT (GB6-8): no pair rule here
_PAIR_CLASS: Final = regex.compile(
    r"(?V1)([\p{Grapheme_Cluster_Break=Control}\p{Grapheme_Cluster_Break=CR}"
    r"\p{Grapheme_Cluster_Break=LF}])"  # 1: GB4, GB5
    r"|(\p{Grapheme_Cluster_Break=Extend})"  # 2: GB9, and the Extend* of GB11
    r"|(\p{Grapheme_Cluster_Break=SpacingMark})"  # 3: GB9a
    r"|(\p{Grapheme_Cluster_Break=ZWJ})"  # 4: GB9, and GB11 after it
    r"|(\p{Grapheme_Cluster_Break=Prepend})"  # 5: GB9b
    r"|(\p{Grapheme_Cluster_Break=Regional_Indicator})"  # 6: GB12, GB13
    # 7: pictographs, which GB11 joins after a ZWJ
    r"|([\p{Grapheme_Cluster_Break=Other}&&\p{Extended_Pictographic}--\p{InCB=Consonant}])"
    # 8: the rest of Other, which no rule joins to what precedes but GB9b
    r"|([\p{Grapheme_Cluster_Break=Other}--\p{Extended_Pictographic}--\p{InCB=Consonant}])"
)
_class_cache: dict[str, int] = {}
_PAIR_STEPS: Final = 8  # characters looked back at most, so a long cluster costs little


def _pair_class(ch: str) -> int:
    m = _PAIR_CLASS.match(ch)
    kind = _K_OTHER if m is None or m.lastindex is None else m.lastindex
    if len(_class_cache) < _PLAIN_CACHE_LIMIT:
        _class_cache[ch] = kind
    if ch not in _plain_cache:
        _is_plain(ch)  # the walks' first check reads that cache: fill it too
    return kind


def _pair_break(text: str, stop: int, char: int) -> int:
    r"""The last cluster boundary in ``(char, stop]`` by pair rules alone, or -1.

    Walks back from ``stop`` over positions where the rules say "no break" and returns
    the first position where they say "break"; -1 when a rule needs more context
    (GB9c, GB11 past a ZWJ's Extend run, Hangul), or after a few steps (a long cluster
    or indicator run): the caller then uses ``\X`` or counts the run.
    Breaks: GB4/GB5 around controls (CR x LF, GB3, is no break); GB999 before the rest
    of Other (class 8), before a pictograph not after a ZWJ, before a regional
    indicator after an even number of them.  No breaks: GB9/GB9a before Extend, ZWJ and SpacingMark
    (unless after a control), GB9b after Prepend (unless before a control).
    """
    get = _class_cache.get  # every class is a true int: ``get(ch) or _pair_class(ch)``
    b = text[stop]
    kb = get(b) or _pair_class(b)
    r = stop
    limit = max(char, stop - _PAIR_STEPS)
    while r > limit:
        a = text[r - 1]
        ka = get(a) or _pair_class(a)
        if kb in (_K_EXTEND, _K_ZWJ, _K_SPACING):
            if ka == _K_CONTROL:
                return r  # GB4
        elif ka == _K_PREPEND:
            if kb == _K_CONTROL:
                return r  # GB5
        elif kb == _K_CONTROL:
            if a != "\r" or b != "\n":
                return r  # GB4, GB5 (CR x LF is GB3)
        elif ka == _K_CONTROL or kb == _K_SIMPLE:
            return r  # GB4; GB999
        elif kb == _K_PICT:
            if ka == _K_ZWJ:
                # GB11: ExtPict Extend* ZWJ x ExtPict.
                j = r - 2
                while j > limit and (get(text[j]) or _pair_class(text[j])) == _K_EXTEND:
                    j -= 1
                if j < 0 or (get(text[j]) or _pair_class(text[j])) == _K_SIMPLE:
                    return r  # no pictograph starts the sequence: GB999
                if (get(text[j]) or _pair_class(text[j])) != _K_PICT:
                    return -1  # an unclassified character, or the run is too long
            else:
                return r  # GB999
        elif kb == _K_RI:
            if ka == _K_RI:
                # GB12/13: break between two indicators after an even number of them.
                j = r - 1
                while j > limit and (get(text[j - 1]) or _pair_class(text[j - 1])) == _K_RI:
                    j -= 1
                if j > 0 and (get(text[j - 1]) or _pair_class(text[j - 1])) == _K_RI:
                    return -1  # the run goes on past the look-back
                if (r - j) % 2 == 0:
                    return r
            else:
                return r  # GB999
        else:
            return -1
        r -= 1
        b, kb = a, ka
    return -1


class _Clusters:
    """Grapheme cluster boundaries of one text, found left to right near the cuts.

    A boundary at position ``q`` depends only on ``text[q]`` and the characters before
    it back to the previous boundary (UAX #29: GB9c, GB11 and GB12/13 look back inside
    the cluster, never past its start, and no rule looks ahead).  So ``\\X`` matched over
    a slice that starts at a true boundary finds the true boundaries, except the slice's
    own end.  Every search starts at the last boundary found (or a nearer certain one)
    and covers at most one segment, and the end of a cluster longer than a segment is
    found once by doubling a window: linear in the text whatever its clusters.  (The
    ``regex`` module's own ``\\X`` matched at a position counts regional indicators back
    to the start of the string, which made long flag runs quadratic.)
    """

    __slots__ = ("known", "known_end", "pairs", "text")

    def __init__(self, text: str, start: int, pairs: bool = True) -> None:
        self.text = text
        self.known = start  # a true cluster boundary at or before the current segment start
        self.known_end = -1  # end of the cluster starting at ``known`` when it is past a cut
        # Whether to try the pair rules first: after they fail once in a text (long
        # clusters, say), they are not tried again, so they never cost more than one
        # short look-back per text.
        self.pairs = pairs

    def last_break(self, char: int, stop: int) -> int:
        """The last cluster boundary in ``(char, stop]``, or ``char`` if there is none.

        ``char`` is the start of the current segment and ``stop < len(text)`` the cut
        the units allow; calls come with increasing ``char``.
        """
        text = self.text
        known = self.known
        if self.known_end >= 0:
            if self.known_end > stop:
                return char  # still inside a cluster larger than a segment
            known = self.known_end
            self.known_end = -1
        if _RI_FIRST <= text[stop] <= _RI_LAST and _RI_FIRST <= text[stop - 1] <= _RI_LAST:
            # Between two regional indicators the break depends only on how many
            # indicators precede in the run (GB12, GB13): pairs from the run's start.
            j = stop - 1
            while j > known and _RI_FIRST <= text[j - 1] <= _RI_LAST:
                j -= 1
            found = stop if (stop - j) % 2 == 0 else stop - 1
            # ``found == j`` is the run's start, a boundary unless a Prepend precedes it
            # (GB9b; the character before is no indicator, and GB999 breaks).
            if (
                found > j
                or found == known
                or (
                    found == j
                    and (_class_cache.get(text[j - 1]) or _pair_class(text[j - 1])) != _K_PREPEND
                )
            ) and found > char:
                self.known = found
                return found
        if self.pairs:
            found = _pair_break(text, stop, char)
            if found != -1:
                self.known = found
                return found
            self.pairs = False
        # The nearest certain boundary (two plain characters) at or before the cut.
        restart = known
        get = _plain_cache.get
        r = stop
        while r > known:
            a, b = text[r - 1], text[r]
            pa = get(a)
            if pa is None:
                pa = _is_plain(a)
            if pa:
                pb = get(b)
                if pb is None:
                    pb = _is_plain(b)
                if pb:
                    restart = r
                    break
            r -= 1
        if restart == stop:
            self.known = stop
            return stop
        # Clusters from there; the last match ends at the slice's end (stop + 1), which
        # is no boundary of the text, so the one before it is the last one <= stop.
        window = text[restart : stop + 1]
        last = 0
        limit = stop - restart
        for m in _CLUSTER.finditer(window):
            end = m.end()
            if end > limit:
                break
            last = end
        found = restart + last
        if found > char:
            self.known = found
            return found
        # The cluster at ``char`` is longer than the segment: find its end once.
        self.known = char
        self.known_end = _cluster_end(text, char, stop + 1 - char)
        return char


def _cluster_end(text: str, start: int, width: int) -> int:
    """End of the cluster that starts at the boundary ``start`` (it exceeds ``width``)."""
    n = len(text)
    while True:
        width *= 2
        window = text[start : start + width]
        m = _CLUSTER.match(window)
        end = m.end() if m is not None else 1
        if end < len(window) or start + width >= n:
            return start + end


def _ucs2_cuts(
    text: str, units: int, cap: int, grapheme: bool, utf16: bytes
) -> list[tuple[int, int, int]]:
    """Greedy (start, end, code units) segments of a UCS-2 text, ``cap`` units each.

    ``utf16`` is ``text`` in UTF-16-LE.  An astral character is one ``str`` character
    and a surrogate pair, so cutting between characters never splits the pair.  With
    ``grapheme``, a cut inside a grapheme cluster moves back to the cluster's start,
    unless the cluster starts the segment: then it is split between code points rather
    than overflow or leave an empty segment.  One boundary search per segment, each
    over at most one segment (:class:`_Clusters`): linear in the text.
    """
    n = len(text)
    get = _plain_cache.get
    cuts = []
    char = 0
    clusters: _Clusters | None = None
    if units == n:
        # One code unit per character: the walk runs on character indexes.
        while n - char > cap:
            stop = char + cap
            if grapheme and not (get(text[stop - 1]) and get(text[stop])):
                if clusters is None:
                    clusters = _Clusters(text, char)
                cut = clusters.last_break(char, stop)
                if char < cut:
                    stop = cut
            elif clusters is not None:
                clusters.known, clusters.known_end = stop, -1
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
            if clusters is None:
                clusters = _Clusters(text, char)
            cut = clusters.last_break(char, stop)
            if char < cut < stop:
                end = begin + (len(text[char:cut].encode("utf-16-le")) >> 1)
                stop = cut
        elif clusters is not None:
            clusters.known, clusters.known_end = stop, -1
        cuts.append((char, stop, end - begin))
        begin = end
        char = stop
    cuts.append((char, n, units - begin))
    return cuts


_NOT_PLAIN: Final = regex.compile(
    r"[^\p{Grapheme_Cluster_Break=Other}\p{Grapheme_Cluster_Break=LV}"
    r"\p{Grapheme_Cluster_Break=LVT}]"
)
_BULK: Final = 64  # cuts checked per bulk pass: bounded, so a bad cut never costs O(n)
_BULK_MIN: Final = 8  # fewer cuts left: one step each is cheaper than a bulk pass


def _ucs2_count(text: str, units: int, cap: int, grapheme: bool, utf16: bytes) -> tuple[int, int]:
    """(segments, units in the last one) of the walk :func:`_ucs2_cuts` makes.

    The same greedy walk, for :func:`analyze`, which needs no offsets.  In a BMP text,
    while many segments remain, the candidate cuts of up to 64 full segments are
    checked at once (two strided slices and a regex search, in C); a cut next to a
    character that may join a cluster, and the last few cuts, take the exact step of
    :func:`_ucs2_cuts`.  A text with astral characters takes the exact step at every
    cut.  A cut next to a character that is not plain is first tried with the pair
    rules (:func:`_pair_break`).  Linear in the text.
    """
    n = len(text)
    if not grapheme:
        if units == n:
            segments = -(-units // cap)
            return segments, units - cap * (segments - 1)
        return _pair_count(utf16[1::2].translate(_SURROGATE_HALVES), units, cap)
    get = _plain_cache.get
    clusters: _Clusters | None = None
    if units != n:
        # Astral characters: the exact step at every cut.  A bulk check of many cuts
        # (as for BMP texts below) was measured slower here: in emoji and mixed texts
        # about 7% of the cuts touch an astral character, which ends a bulk pass.
        stream = utf16[1::2].translate(_SURROGATE_HALVES)
        segments = 1
        begin = char = 0
        while units - begin > cap:
            end = begin + cap
            if stream[end - 1] == 1:
                end -= 1  # a surrogate pair would straddle the boundary: it moves whole
            stop = char + (end - begin) - stream.count(2, begin, end)
            if not (get(text[stop - 1]) and get(text[stop])):
                # Such cuts try the pair rules without building the cluster state
                # until they fail once; then the cluster search takes every such cut.
                cut = _pair_break(text, stop, char) if clusters is None else -1
                if cut == -1:
                    if clusters is None:
                        clusters = _Clusters(text, char, pairs=False)  # they just failed
                    cut = clusters.last_break(char, stop)
                if char < cut < stop:
                    end = begin + (len(text[char:cut].encode("utf-16-le")) >> 1)
                    stop = cut
            elif clusters is not None:
                clusters.known, clusters.known_end = stop, -1
            segments += 1
            begin = end
            char = stop
        return segments, units - begin
    search = _NOT_PLAIN.search
    bulk_from = cap * _BULK_MIN
    segments = 1
    char = 0
    while n - char > cap:
        stop = char + cap
        if n - char > bulk_from:
            count = (n - char - 1) // cap
            if count > _BULK:
                count = _BULK
            last = char + cap * count
            m = search(text[stop - 1 : last : cap])
            clean = m.start() if m is not None else count
            m = search(text[stop : last + 1 : cap], 0, clean)
            if m is not None:
                clean = m.start()
            if clean:
                char += cap * clean
                segments += clean
                if clusters is not None:
                    clusters.known, clusters.known_end = char, -1
                if clean == count or n - char <= cap:
                    continue
                stop = char + cap  # the bad cut: its exact step now, not a new pass
        elif get(text[stop - 1]) and get(text[stop]):
            if clusters is not None:
                clusters.known, clusters.known_end = stop, -1
            segments += 1
            char = stop
            continue
        if clusters is None:
            clusters = _Clusters(text, char)
        cut = clusters.last_break(char, stop)
        segments += 1
        char = cut if char < cut else stop
    return segments, n - char
