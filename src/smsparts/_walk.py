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
_plain_cache: dict[str, bool] = {}


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
