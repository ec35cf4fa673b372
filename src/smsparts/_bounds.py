"""Per-variable segment counts of :meth:`Template.bounds`, without a rendering each.

Private helper of :mod:`smsparts.template`.  Each variable's own counts (its value at
a given text, every other value empty) used to render and analyse the whole template,
so a template with ``v`` variables cost ``v`` times its length.  Here the shortest
rendering (every value empty) is laid out and walked once, and each count costs about
one segment of work near each occurrence of its variable:

* **Rendering.**  An emptied value removes at most one space of the literal just
  before or just after it (see ``Template._assemble``), and which one depends only on
  a small state: the last character rendered before it (none or an opening
  character, a space of a literal, a space of a value, anything else).  Filling one
  variable changes that state only up to the next literal of more than one character
  or not a lone space; along a chain like ``@a @b @c`` (lone spaces between empty
  values) both renderings remove the inner spaces and differ only at the chain's two
  ends, so the chain is crossed in one step.  A rendering is thus the shortest one
  with a few replaced pieces (:meth:`_Shortest.patches`).
* **Counting.**  The greedy walk of 23.040 9.2.3.24.1 (``_walk``) cuts a segment
  ``capacity`` units after it starts, earlier to keep an atom whole (an ESC pair, a
  surrogate pair, a grapheme cluster), or splits a cluster larger than a segment.
  Cuts before a replaced piece are those of the shortest rendering; after it, once
  the units (and the cluster boundaries) are the same again, the walk from any
  position of the shortest rendering is a table (``after[u]``: segments from a
  segment starting at unit ``u`` to the end), computed once from the end backwards.
  Only the stretch between is walked.

Exactness is checked against rendering and :func:`~smsparts.segment.analyze` by the
property tests.  Cost: linear in the template per encoding for the tables, then per
count the units of its value plus about one segment on each side of each occurrence.
With grapheme boundaries the walk reads the table from the first point where no rule
of UAX #29 can see the value: after a plain character, inside a run of joiners whose
end does not look back past the value, or inside a run of regional indicators (whose
pairing after the value is the shortest rendering's or the other one: a second
table, ``after_alt``).  Before the value, the walk starts at the value when the
boundary there depends on its two characters only (:meth:`_Walk._fresh_boundary`),
else at the last boundary before it.  Two shapes cost more, bounded by the template: a
variable used several times is walked from its first use to its last, and a value
whose first character looks further back (a stand-in starting with an emoji after a
ZWJ, say) inside a long cluster is walked from that cluster's start.
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Final

import regex

from .charset import DEFAULT, gsm7_septets_per_segment, ucs2_code_units_per_segment

# Collapse states (the last character rendered before an empty value).
_OPEN: Final = 0  # nothing yet, or an opening character: the space after may go
_LIT_SPACE: Final = 1  # a space of a literal: it may go
_VAL_SPACE: Final = 2  # a space of a value: never removed
_OTHER: Final = 3
_LEFT: Final = 1  # the emptied value takes the space before it
_RIGHT: Final = 2  # ... the space after it

_State = tuple[bool, str | None]  # (the last piece is a literal, its last character)

_CLUSTER: Final = regex.compile(r"\X")
_NOT_PLAIN: Final = regex.compile(
    r"[^\p{Grapheme_Cluster_Break=Other}\p{Grapheme_Cluster_Break=LV}"
    r"\p{Grapheme_Cluster_Break=LVT}]"
)
# The high octet of a UTF-16-LE unit: 1 for a high surrogate, 2 for a low one.
_HALVES: Final = bytes(
    1 if 0xD8 <= octet <= 0xDB else 2 if 0xDC <= octet <= 0xDF else 0 for octet in range(256)
)
_RI_FIRST: Final = "\U0001f1e6"
_JOINER: Final = regex.compile(
    r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}]"
)
_JOINER_RUN: Final = regex.compile(
    r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}"
    r"\p{Grapheme_Cluster_Break=SpacingMark}]+"
)
_EXTEND: Final = regex.compile(r"\p{Grapheme_Cluster_Break=Extend}")
_EXT_PICT: Final = regex.compile(r"\p{Extended_Pictographic}")
_INCB_CONSONANT: Final = regex.compile(r"\p{Indic_Conjunct_Break=Consonant}")
_INCB_JOINING: Final = regex.compile(
    r"[\p{Indic_Conjunct_Break=Extend}\p{Indic_Conjunct_Break=Linker}]"
)
_RI_RUN: Final = regex.compile(r"[\U0001f1e6-\U0001f1ff]{3,}")
_RI_PAIR: Final = regex.compile(r"[\U0001f1e6-\U0001f1ff]{2}")
_RI_LAST: Final = "\U0001f1ff"


class _Shortest:
    """The rendering with every value empty, as trimmed literals, and its states."""

    def __init__(
        self,
        literals: Sequence[str],
        is_space: Callable[[str], bool],
        closing: frozenset[str],
        opening: frozenset[str],
    ) -> None:
        self.literals = literals
        self.is_space = is_space
        self.closing = closing
        self.opening = opening
        count = len(literals) - 1
        self.trim_left = bytearray(count + 1)
        self.trim_right = bytearray(count + 1)
        self.states: list[_State] = []
        state: _State = (True, literals[0][-1]) if literals[0] else (False, None)
        for j in range(count):
            self.states.append(state)
            act, state = self.step(j, "", state)
            if act == _LEFT:
                self.trim_right[j] = 1
            elif act == _RIGHT:
                self.trim_left[j + 1] = 1
        self.kinds = [self.kind(s) for s in self.states]
        # chain_end[j]: the first variable from j on not followed by a lone space and
        # another variable (the chain ``@a @b @c`` is crossed in one step).
        self.chain_end = list(range(count))
        for j in range(count - 2, -1, -1):
            if literals[j + 1] == " ":
                self.chain_end[j] = self.chain_end[j + 1]
        self.starts = [0] * (count + 1)  # where each literal starts in the text
        pieces = []
        at = 0
        for q in range(count + 1):
            self.starts[q] = at
            piece = self.literal(q, self.trim_left[q], self.trim_right[q])
            pieces.append(piece)
            at += len(piece)
        self.text = "".join(pieces)

    def literal(self, q: int, left: int, right: int) -> str:
        text = self.literals[q]
        return text[left : len(text) - right]

    def kind(self, state: _State) -> int:
        is_literal, before = state
        if before is not None and self.is_space(before):
            return _LIT_SPACE if is_literal else _VAL_SPACE
        if before is None or before in self.opening:
            return _OPEN
        return _OTHER

    def step(self, j: int, value: str, state: _State) -> tuple[int, _State]:
        """The action of variable ``j`` holding ``value``, and the state after it.

        The same decision as ``template._collapse``: the literal after a variable is
        never empty (two variables are separated by text), except the last one.
        """
        after_literal = self.literals[j + 1]
        if value:
            return 0, ((True, after_literal[-1]) if after_literal else (False, value[-1]))
        is_literal, before = state
        after = after_literal[0] if after_literal else None
        act = 0
        if before is not None and self.is_space(before):
            closes = (
                after is None or after in self.closing or after in "\n\r" or self.is_space(after)
            )
            if closes and is_literal:
                act = _LEFT
        elif (
            (before is None or before in self.opening)
            and after is not None
            and self.is_space(after)
        ):
            act = _RIGHT
        if act == _RIGHT and len(after_literal) == 1:
            return act, state  # the literal is gone: the state passes through
        return act, ((True, after_literal[-1]) if after_literal else state)

    def patches(self, occurrences: Sequence[int], value: str) -> list[tuple[int, int, str]]:
        """``(start, end, text)``: the rendering with ``value`` at ``occurrences``.

        Replacements of ``self.text[start:end]``, in order, not overlapping (a start
        equal to an end is an insertion).  The other values are empty.
        """
        count = len(self.literals) - 1
        left: dict[int, int] = {}
        right: dict[int, int] = {}
        inserted: list[int] = []
        index = 0
        j = occurrences[0]
        state = self.states[j]
        while j < count:
            if index < len(occurrences) and j == occurrences[index]:
                _, state = self.step(j, value, state)
                right[j] = 0
                left[j + 1] = 0
                inserted.append(j)
                index += 1
                j += 1
                continue
            kind = self.kind(state)
            theirs = self.kinds[j]
            if kind == theirs:
                # The same state: the same decisions up to the next occurrence.
                if index == len(occurrences):
                    break
                j = occurrences[index]
                state = self.states[j]
                continue
            following = occurrences[index] if index < len(occurrences) else count
            if (
                kind in (_OPEN, _LIT_SPACE)
                and theirs in (_OPEN, _LIT_SPACE)
                and self.literals[j + 1] == " "
                and j + 1 < count
            ):
                end = min(self.chain_end[j], following)
                # Along the chain, one rendering removes each lone space from the
                # variable before it, the other from the variable after it: the same
                # text inside, different ends.
                right[j] = 1 if kind == _LIT_SPACE else 0
                left[end] = 1 if kind == _OPEN else 0
                if kind == _LIT_SPACE:
                    state = (True, " ")
                j = end
                continue
            act, state = self.step(j, "", state)
            right[j] = 1 if act == _LEFT else 0
            left[j + 1] = 1 if act == _RIGHT else 0
            j += 1
        changes: list[tuple[int, int, int, str]] = []  # (piece index, start, end, text)
        for q in set(left) | set(right):
            ours = self.literal(q, left.get(q, self.trim_left[q]), right.get(q, self.trim_right[q]))
            theirs_text = self.literal(q, self.trim_left[q], self.trim_right[q])
            if ours != theirs_text:
                start = self.starts[q]
                changes.append((2 * q, start, start + len(theirs_text), ours))
        for j in inserted:
            changes.append((2 * j + 1, self.starts[j + 1], self.starts[j + 1], value))
        changes.sort()
        merged: list[tuple[int, int, str]] = []
        for _, start, end, text in changes:
            if merged and merged[-1][1] == start:
                before = merged[-1]
                merged[-1] = (before[0], end, before[2] + text)
            else:
                merged.append((start, end, text))
        return merged


def _widths(text: str, ucs2: bool) -> bytes:
    """Units of each character: septets (GSM-7) or UTF-16 code units."""
    if ucs2:
        return bytes(2 if ch > "\uffff" else 1 for ch in text)
    costs = DEFAULT.costs(text)
    assert costs is not None  # only called on GSM-7 texts
    return costs.translate(_PLUS_ONE)


_PLUS_ONE: Final = bytes((i + 1) & 0xFF for i in range(256))


def _is_ri(ch: str) -> bool:
    return _RI_FIRST <= ch <= _RI_LAST


def cluster_starts(text: str) -> tuple[bytearray, bytearray]:
    """(boundaries, plain): grapheme cluster boundaries of ``text`` (UAX #29).

    ``boundaries[p]`` is 1 when a cluster starts at ``p`` (``p = len(text)``
    included); ``plain[p]`` when ``text[p]`` is Grapheme_Cluster_Break Other, LV or
    LVT.  After a plain character every rule of UAX #29 looks at that character and the
    next one only (GB11, GB9c and GB12/13, which look further back, need a ZWJ, a
    linker or extend, or a regional indicator before), so whether ``p`` is a boundary
    does not depend on the text before ``text[p - 1]``.  Linear: ``\\X`` runs over the
    stretches between two plain characters only, and a run of regional indicators is
    cut into its pairs first (``\\X`` counts indicators back to the start of what it is
    given).
    """
    n = len(text)
    plain = bytearray(b"\x01") * (n + 1)
    for m in _NOT_PLAIN.finditer(text):
        plain[m.start()] = 0
    found = bytearray(b"\x01") * (n + 1)
    if plain.count(0) == 0:  # every character plain: every position a boundary
        return found, plain
    found = bytearray(n + 1)
    found[0] = found[n] = 1
    for p in range(1, n):
        if plain[p - 1] and plain[p]:
            found[p] = 1
    for m in _RI_RUN.finditer(text):  # pairs of regional indicators (GB12, GB13)
        start, end = m.span()
        found[start + 2 : end : 2] = b"\x01" * len(range(start + 2, end, 2))
    cut_points = [p for p in range(n + 1) if found[p]]
    for start, end in itertools.pairwise(cut_points):
        if end - start > 2 or (
            end == start + 2 and not (_is_ri(text[start]) and _is_ri(text[start + 1]))
        ):
            # A slice, not finditer(text, start, end): \X looks back over the
            # indicators before ``start`` even then.
            for m in _CLUSTER.finditer(text[start:end]):
                found[start + m.end()] = 1
    return found, plain


class _Walk:
    """The greedy walk of the shortest rendering in one encoding, as tables."""

    def __init__(self, text: str, ucs2: bool, grapheme: bool, capacity: int) -> None:
        self.text = text
        self.ucs2 = ucs2
        self.grapheme = grapheme
        self.capacity = capacity
        n = len(text)
        widths = _widths(text, ucs2)
        starts = array("l", [0]) * (n + 1)
        at = 0
        for p, width in enumerate(widths):
            starts[p] = at
            at += width
        starts[n] = at
        self.starts = starts
        self.units = units = at
        if grapheme:
            boundaries, plain = cluster_starts(text)
            # next_sync[p]: the first boundary at or after p that follows a plain
            # character (or the end): the same in any text with the same two
            # characters there, and every boundary after it too.
            self.next_sync = nxt = array("l", [n]) * (n + 1)
            for p in range(n - 1, 0, -1):
                nxt[p] = p if boundaries[p] and plain[p - 1] else nxt[p + 1]
        else:
            boundaries = bytearray(b"\x01") * (n + 1)
        # last_ok[u]: the last unit offset <= u where a segment may end; is_start[u]:
        # whether a character starts at u (else u is inside an ESC or surrogate pair).
        self.last_ok = last_ok = array("l", [0]) * (units + 1)
        self.is_start = is_start = bytearray(units + 1)
        last = 0
        p = 0
        for u in range(units + 1):
            if starts[p] == u:
                is_start[u] = 1
                if boundaries[p]:
                    last = u
                if p < n:
                    p += 1
            last_ok[u] = last
        # after[u]: segments of the walk from a segment starting at u to the end.
        self.after = after = array("l", [1]) * (units + 1)
        for u in range(units - capacity - 1, -1, -1):
            end = u + capacity
            cut = last_ok[end]
            if cut <= u:
                cut = end if is_start[end] else end - 1
            after[u] = after[cut] + 1
        self.boundaries = boundaries
        self.run_region: array[int] | None = None
        self.joiner_reach: array[int] | None = None
        if grapheme and _RI_PAIR.search(text) is not None:
            self._alternate_runs(text, boundaries)
        if grapheme and _JOINER.search(text) is not None:
            self._joiner_runs(text)
        cuts = [0]
        while units - cuts[-1] > capacity:
            begin = cuts[-1]
            end = begin + capacity
            cut = last_ok[end]
            if cut <= begin:
                cut = end if is_start[end] else end - 1
            cuts.append(cut)
        self.cuts = cuts

    def _joiner_runs(self, text: str) -> None:
        """``joiner_reach[p]``, for a character of a run of joiners (Extend, ZWJ,
        SpacingMark): how far back the boundary after the run looks.

        Inside the run no boundary depends on the text before (GB9, GB9a: never a
        break before a joiner, except after a control: GB4).  The boundary after it
        looks back for GB11 (``ExtPict Extend* ZWJ × ExtPict``: over Extend characters
        before the ZWJ) and GB9c (an Indic consonant, back over InCB Extend and Linker
        characters); elsewhere at the character before it only.
        """
        n = len(text)
        self.joiner_reach = reach = array("l", [-1]) * (n + 1)
        for m in _JOINER_RUN.finditer(text):
            start, end = m.span()
            look = end - 1
            if end < n:
                if _INCB_CONSONANT.match(text[end]) is not None:
                    while look >= 0 and _INCB_JOINING.match(text[look]) is not None:
                        look -= 1
                elif text[end - 1] == "\u200d" and _EXT_PICT.match(text[end]) is not None:
                    look = end - 2
                    while look >= 0 and _EXTEND.match(text[look]) is not None:
                        look -= 1
                look = max(look, 0)
            for c in range(start, end):
                reach[c] = look

    def _alternate_runs(self, text: str, boundaries: bytearray) -> None:
        """Tables of the walk with the other pairing in each run of regional indicators.

        A value just before a run changes how its indicators pair up (GB12, GB13: by
        pairs from the run's start) up to the run's end, however long the run: the
        walk from inside a run whose pairing is the other one reads ``after_alt``.
        ``run_region[p]``: for a character of a run (and of the marks after it), the
        first boundary at or after the run's end.
        """
        n = len(text)
        starts, units, capacity = self.starts, self.units, self.capacity
        last_ok, is_start, after = self.last_ok, self.is_start, self.after
        alternate = bytearray(boundaries)
        self.run_region = run_region = array("l", [-1]) * (n + 1)
        regions = []
        p = 0
        while p < n:
            if not _is_ri(text[p]):
                p += 1
                continue
            start = p
            while p < n and _is_ri(text[p]):
                p += 1
            if p - start < 2:
                continue
            for c in range(start + 1, p):
                alternate[c] = (c - start) & 1
            region = p
            while region < n and not boundaries[region]:
                region += 1
            for c in range(start, region):
                run_region[c] = region
            regions.append((start, region))
        last_alt = array("l", [0]) * (units + 1)
        last = 0
        p = 0
        for u in range(units + 1):
            if starts[p] == u:
                if alternate[p]:
                    last = u
                if p < n:
                    p += 1
            last_alt[u] = last
        self.after_alt = after_alt = array("l", [1]) * (units + 1)
        for start, region in reversed(regions):
            region_unit = starts[region]
            for c in range(region - 1, start - 1, -1):
                u = starts[c]
                if units - u <= capacity:
                    continue
                end = u + capacity
                if end >= region_unit:
                    after_alt[u] = after[last_ok[end]] + 1  # a boundary past the run
                    continue
                cut = last_alt[end]
                if cut <= u:
                    cut = end if is_start[end] else end - 1
                after_alt[u] = after_alt[cut] + 1

    def _fresh_boundary(self, at: int, piece: str) -> bool:
        """Whether a cluster starts at ``at`` when ``piece`` replaces the text there.

        Decided by the two characters around ``at`` alone unless UAX #29 looks further
        back (GB11 after a ZWJ, GB12/13 between indicators, GB9c before an Indic
        consonant): then ``False``, and the caller walks from a known boundary.
        """
        if at == 0:
            return True
        if not piece:
            return False
        before, after = self.text[at - 1], piece[0]
        if (
            (before == "\u200d" and _EXT_PICT.match(after) is not None)
            or (_is_ri(before) and _is_ri(after))
            or (
                _INCB_JOINING.match(before) is not None and _INCB_CONSONANT.match(after) is not None
            )
        ):
            return False
        match = _CLUSTER.match(before + after)
        return match is not None and match.end() == 1

    def char_at(self, unit: int) -> int:
        return bisect_left(self.starts, unit)

    def segments(self, patches: Sequence[tuple[int, int, str]], units: int) -> int:
        """Segments of the multi-segment walk of the text with ``patches`` applied.

        ``units`` is the patched text's total (more than one single segment holds).
        """
        capacity = self.capacity
        text = self.text
        starts = self.starts
        first = starts[patches[0][0]]
        index = bisect_left(self.cuts, first - capacity)
        begin = self.cuts[index]  # decided before the first patch: the same cut
        count = index
        origin = self.char_at(begin)
        first_char = patches[0][0]
        restart = -1  # a boundary at the first patch that nothing before can move
        if self.grapheme:
            if self._fresh_boundary(first_char, patches[0][2]):
                restart = first_char
            else:
                origin = self.char_at(self.last_ok[begin])  # a true cluster boundary
        last_end = patches[-1][1]
        # Past the last patch, the first point from which the units and boundaries
        # are those of the shortest rendering again.
        resync = self.next_sync[min(last_end + 1, len(text))] if self.grapheme else last_end
        joiners = self.joiner_reach
        if (
            joiners is not None
            and last_end + 1 < len(text)
            and joiners[last_end + 1] >= last_end
            and joiners[last_end + 1] >= 0
        ):
            # Inside a run of joiners after the value: the boundaries from here on
            # do not look back past the value (see _joiner_runs).
            resync = min(resync, last_end + 1)
        run = -1  # resync inside a run of regional indicators, at ``last_end + 1``
        run_region = self.run_region
        if (
            run_region is not None
            and last_end + 1 < len(text)
            and run_region[last_end] >= 0
            and _is_ri(text[last_end])
            and _is_ri(text[last_end + 1])
        ):
            resync = run = last_end + 1
        stop = min(len(text), resync + capacity + 2)
        parts = []
        at = origin
        for start, end, piece in patches:
            parts.append(text[at:start])
            parts.append(piece)
            at = end
        parts.append(text[at:stop])
        local = "".join(parts)
        shift = units - self.units
        resync_unit = starts[resync] + shift
        base = starts[origin]
        after = self.after
        if not self.grapheme or _NOT_PLAIN.search(local) is None:
            # Every character starts a cluster: only pairs (ESC, surrogates) stay whole.
            if self.ucs2:
                stream = local.encode("utf-16-le", "surrogatepass")[1::2].translate(_HALVES)
            else:
                costs = DEFAULT.costs(local)
                assert costs is not None  # a GSM-7 text
                stream = costs.replace(b"\x01", b"\x01\x02")
            while True:
                if begin >= resync_unit:
                    return count + after[begin - shift]
                if units - begin <= capacity:
                    return count + 1
                end = begin + capacity
                count += 1
                begin = end - 1 if stream[end - base - 1] == 1 else end
        widths = _widths(local, self.ucs2)
        if restart >= 0:
            # Before the patch, the boundaries of the shortest rendering; from it on,
            # those of the patched text from that boundary.
            boundaries = (
                self.boundaries[origin:restart] + cluster_starts(local[restart - origin :])[0]
            )
        else:
            boundaries, _ = cluster_starts(local)
        local_units = sum(widths)
        last_ok = array("l", [0]) * (local_units + 1)
        is_start = bytearray(local_units + 1)
        u = 0
        last = 0
        for p, width in enumerate(widths):
            is_start[u] = 1
            if boundaries[p]:
                last = u
            last_ok[u] = last
            if width == 2:
                last_ok[u + 1] = last
            u += width
        is_start[u] = 1
        last_ok[u] = u if boundaries[len(local)] else last
        alternate = False
        if run >= 0:
            # The pairing of the run after the value: the same as in the shortest
            # rendering, or the other one.
            alternate = boundaries[len(local) - (stop - run)] != self.boundaries[run]
            assert run_region is not None
            region_unit = starts[run_region[run]]
        while True:
            if begin >= resync_unit:
                if alternate and begin - shift < region_unit:
                    return count + self.after_alt[begin - shift]
                return count + after[begin - shift]
            if units - begin <= capacity:
                return count + 1
            end = begin + capacity
            e = end - base
            cut = last_ok[e] + base
            if cut <= begin:
                cut = end if is_start[e] else end - 1
            count += 1
            begin = cut


_GSM_SINGLE: Final = gsm7_septets_per_segment()  # 160
_UCS2_SINGLE: Final = ucs2_code_units_per_segment()  # 70
_SURROGATE: Final = regex.compile(r"[\ud800-\udfff]")


class OwnCounts:
    """Segments of the template with one variable's occurrences at a value, others empty.

    ``segments(key, value)`` equals ``analyze(render({key: value})).segments`` for the
    default alphabet (no national tables), the ``boundary`` and ``reference_bits``
    given; ``None`` when the value holds a lone surrogate (the caller analyses it).
    """

    def __init__(
        self,
        literals: Sequence[str],
        keys: Sequence[str],
        is_space: Callable[[str], bool],
        closing: frozenset[str],
        opening: frozenset[str],
        *,
        grapheme: bool,
        reference_bits: int,
    ) -> None:
        self.layout = _Shortest(literals, is_space, closing, opening)
        self.occurrences: dict[str, list[int]] = {}
        for j, key in enumerate(keys):
            self.occurrences.setdefault(key, []).append(j)
        self.grapheme = grapheme
        self.reference_bits = reference_bits
        self.literal_ucs2 = DEFAULT.first_unencodable(self.layout.text) != -1
        self._walks: dict[bool, _Walk] = {}

    def walk(self, ucs2: bool) -> _Walk:
        walk = self._walks.get(ucs2)
        if walk is None:
            bits = self.reference_bits
            capacity = (
                ucs2_code_units_per_segment(concatenated=True, reference_bits=bits)
                if ucs2
                else gsm7_septets_per_segment(concatenated=True, reference_bits=bits)
            )
            walk = self._walks[ucs2] = _Walk(
                self.layout.text, ucs2, ucs2 and self.grapheme, capacity
            )
        return walk

    def segments(self, key: str, value: str) -> int | None:
        if _SURROGATE.search(value) is not None:
            return None
        if not value:
            patches: list[tuple[int, int, str]] = []
        else:
            patches = self.layout.patches(self.occurrences[key], value)
        ucs2 = self.literal_ucs2 or any(DEFAULT.first_unencodable(p[2]) != -1 for p in patches)
        walk = self.walk(ucs2)
        starts = walk.starts
        units = walk.units
        for start, end, piece in patches:
            if ucs2:
                added = len(piece.encode("utf-16-le")) >> 1
            else:
                septets = DEFAULT.septets(piece)
                assert septets is not None
                added = septets
            units += added - (starts[end] - starts[start])
        single = _UCS2_SINGLE if ucs2 else _GSM_SINGLE
        if units <= single:
            return 1
        if not patches:
            return len(walk.cuts)
        return walk.segments(patches, units)
