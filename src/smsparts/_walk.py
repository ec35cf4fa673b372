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


# Whether a character is "plain" (see _PLAIN), for the two characters at each cut.  A
# cache keeps the answer for the characters seen at cuts; it is bounded, so a text with
# many distinct characters costs a regex match per cut but never grows memory.
_plain_cache: dict[str, bool] = {}
_PLAIN_CACHE_LIMIT: Final = 2048
_RI_FIRST: Final = "\U0001f1e6"  # REGIONAL INDICATOR SYMBOL LETTER A
_RI_LAST: Final = "\U0001f1ff"  # REGIONAL INDICATOR SYMBOL LETTER Z


def _is_plain(ch: str) -> bool:
    plain = _PLAIN.match(ch) is not None
    if len(_plain_cache) < _PLAIN_CACHE_LIMIT:
        _plain_cache[ch] = plain
    return plain


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

    __slots__ = ("known", "known_end", "text")

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.known = start  # a true cluster boundary at or before the current segment start
        self.known_end = -1  # end of the cluster starting at ``known`` when it is past a cut

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
            if (found > j or found == known) and found > char:
                self.known = found
                return found
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


def _ucs2_count_astral(text: str, units: int, cap: int, utf16: bytes) -> tuple[int, int]:
    """:func:`_ucs2_count` of a text with astral characters: the exact step per cut.

    A bulk check of many cuts (as for BMP texts) was measured slower here: in emoji and
    mixed texts about 7% of the cuts touch an astral character, which ends a bulk pass
    (docs/benchmarks.md).
    """
    stream = utf16[1::2].translate(_SURROGATE_HALVES)
    get = _plain_cache.get
    clusters: _Clusters | None = None
    segments = 1
    begin = char = 0
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
        segments += 1
        begin = end
        char = stop
    return segments, units - begin


def _ucs2_count(text: str, units: int, cap: int, grapheme: bool, utf16: bytes) -> tuple[int, int]:
    """(segments, units in the last one) of the walk :func:`_ucs2_cuts` makes.

    The same greedy walk, for :func:`analyze`, which needs no offsets.  In a BMP text,
    while many segments remain, the candidate cuts of up to 64 full segments are
    checked at once (two strided slices and a regex search, in C); a cut next to a
    character that may join a cluster, and the last few cuts, take the exact step of
    :func:`_ucs2_cuts`.  A text with astral characters takes the exact step at every
    cut (:func:`_ucs2_count_astral`).  Linear in the text.
    """
    n = len(text)
    if not grapheme:
        if units == n:
            segments = -(-units // cap)
            return segments, units - cap * (segments - 1)
        return _pair_count(utf16[1::2].translate(_SURROGATE_HALVES), units, cap)
    if units != n:
        return _ucs2_count_astral(text, units, cap, utf16)
    search = _NOT_PLAIN.search
    get = _plain_cache.get
    bulk_from = cap * _BULK_MIN
    segments = 1
    clusters: _Clusters | None = None
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
