"""Input hygiene: what in a text is probably not meant to be sent.

A message typed in an editor or exported from a spreadsheet often carries characters the
author never meant to pay for: CRLF line breaks (two characters each), a zero-width space
pasted from a web page, a no-break space typed by a French keyboard before ``:``, spaces
at the end of a line.  They are all sent and counted, and several of them force UCS-2.
:func:`text_warnings` names them, with positions, so a tool can warn before sending;
:func:`group_culprits` groups the characters that force UCS-2 (``ç ×14, ’ ×3``) so a long
text gives a short report.

Everything here is pure (no I/O) and linear in the length of the text.  The CLI prints
these warnings (``smsparts analyze``) and the JSON views carry them
(:mod:`smsparts.views`); a server can use the same functions.

>>> [w.code for w in text_warnings("Bonjour\\r\\nà demain ")]
['newline.crlf', 'trailing_space']
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import regex

from ._options import check_str

__all__ = [
    "MAX_CULPRIT_POSITIONS",
    "MAX_WARNING_POSITIONS",
    "Culprit",
    "TextWarning",
    "group_culprits",
    "text_warnings",
]

#: How many positions a :class:`TextWarning` keeps (its ``count`` has the total).
MAX_WARNING_POSITIONS: Final = 20
#: How many first positions a :class:`Culprit` keeps (its ``count`` has the total).
MAX_CULPRIT_POSITIONS: Final = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class TextWarning:
    """One kind of probably unintended content found in a text.

    Attributes:
        code: a stable identifier: ``newline.crlf``, ``newline.cr``, ``newline.mixed``,
            ``invisible``, ``trailing_space`` or ``empty``.
        message: one line for a person, naming what was found and what it costs.
        positions: the first indexes (at most :data:`MAX_WARNING_POSITIONS`) of the
            occurrences in the text (for a line break, the index of its first character;
            for trailing spaces, the index where each run starts).
        count: how many occurrences in all (``0`` for ``empty`` on ``""``).
    """

    code: str
    message: str
    positions: tuple[int, ...]
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Culprit:
    """One character and how often it occurs, for a grouped report.

    Attributes:
        char: the character.
        count: how many times it occurs.
        first_positions: the indexes of its first occurrences (at most
            :data:`MAX_CULPRIT_POSITIONS`), in increasing order.
    """

    char: str
    count: int
    first_positions: tuple[int, ...]

    def __str__(self) -> str:
        """``ç ×14``."""
        return f"{self.char} \u00d7{self.count}"


# Characters shown as "invisible" with the name of their kind.  Every other character of
# general category Cf (format) is reported too, under its Unicode name.
_NAMED_INVISIBLE: Final = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark (zero-width no-break space)",
    "\u00ad": "soft hyphen",
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2007": "figure space",
}

# Modifiers that may follow an emoji inside one emoji sequence (UTS #51, ED-15 to ED-17a
# and 1.4.5 tag sequences): variation selectors, skin-tone modifiers, the combining
# enclosing keycap and the tag characters.
_EMOJI_TAIL = r"[\uFE0E\uFE0F\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]*"
# An emoji sequence (its ZWJs and tags are meant), or an invisible character outside one.
# The two branches never share a first character class member that matters: an emoji is
# never Cf, so the scan is a single left-to-right pass.
_INVISIBLE_RE: Final = regex.compile(
    r"(?P<emoji>\p{Extended_Pictographic}"
    + _EMOJI_TAIL
    + r"(?:\u200D\p{Extended_Pictographic}"
    + _EMOJI_TAIL
    + r")*+)"
    r"|(?P<invisible>[\p{Cf}\u00A0\u2007\u202F])"
)
_ANY_INVISIBLE_RE: Final = regex.compile(r"[\p{Cf}\u00A0\u2007\u202F]")
# A run of spaces or tabs that ends a line or the text.  The look-behind makes each run
# tried once, from its start, and the possessive quantifier never gives characters back,
# so a long run of spaces costs its length, not its square.
_TRAILING_RE: Final = regex.compile(r"(?<![ \t])[ \t]++(?=[\r\n]|\Z)")
_NEWLINE_KINDS: Final = {
    "\r\n": regex.compile(r"\r\n"),
    "\r": regex.compile(r"\r(?!\n)"),
    "\n": regex.compile(r"(?<!\r)\n"),
}


def _kind(ch: str) -> str:
    named = _NAMED_INVISIBLE.get(ch)
    if named is not None:
        return named
    name = unicodedata.name(ch, "")
    return name.lower() if name else "format character"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _newline_warnings(text: str) -> list[TextWarning]:
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\r": text.count("\r") - crlf, "\n": text.count("\n") - crlf}
    positions: dict[str, list[int]] = {"\r\n": [], "\r": [], "\n": []}
    for kind, pattern in _NEWLINE_KINDS.items():
        if counts[kind]:
            found = (m.start() for m in pattern.finditer(text))
            positions[kind] = list(itertools.islice(found, MAX_WARNING_POSITIONS))
    out: list[TextWarning] = []
    cr = counts["\r"]
    if crlf:
        out.append(
            TextWarning(
                code="newline.crlf",
                message=f"{_plural(crlf, 'CRLF line break', 'CRLF line breaks')} "
                "(Windows style): each one is sent and counted as 2 characters",
                positions=tuple(positions["\r\n"]),
                count=crlf,
            )
        )
    if cr:
        out.append(
            TextWarning(
                code="newline.cr",
                message=f"{_plural(cr, 'lone CR line break', 'lone CR line breaks')} "
                "(old Mac style): some phones do not show a CR as a new line",
                positions=tuple(positions["\r"]),
                count=cr,
            )
        )
    styles = [kind for kind in ("\r\n", "\r", "\n") if counts[kind]]
    if len(styles) > 1:
        names = {"\r\n": "CRLF", "\r": "CR", "\n": "LF"}
        merged = sorted(pos for kind in styles for pos in positions[kind])
        out.append(
            TextWarning(
                code="newline.mixed",
                message="mixed line breaks: "
                + ", ".join(f"{names[kind]} \u00d7{counts[kind]}" for kind in styles),
                positions=tuple(merged[:MAX_WARNING_POSITIONS]),
                count=sum(counts.values()),
            )
        )
    return out


def _invisible_warning(text: str) -> TextWarning | None:
    kinds: dict[str, int] = {}  # character -> count, in order of first occurrence
    positions: list[int] = []
    count = 0
    if _ANY_INVISIBLE_RE.search(text) is None:
        return None
    for match in _INVISIBLE_RE.finditer(text):
        ch = match.group("invisible")
        if ch is None:
            continue  # an emoji sequence: its joiners and tags are meant
        count += 1
        kinds[ch] = kinds.get(ch, 0) + 1
        if len(positions) < MAX_WARNING_POSITIONS:
            positions.append(match.start())
    if not count:
        return None
    listed = ", ".join(
        f"{_kind(ch)} (U+{ord(ch):04X}) \u00d7{times}" for ch, times in kinds.items()
    )
    return TextWarning(
        code="invisible",
        message=f"{_plural(count, 'invisible character', 'invisible characters')}: {listed}",
        positions=tuple(positions),
        count=count,
    )


def _trailing_warning(text: str) -> TextWarning | None:
    positions: list[int] = []
    count = 0
    characters = 0
    for match in _TRAILING_RE.finditer(text):
        count += 1
        characters += match.end() - match.start()
        if len(positions) < MAX_WARNING_POSITIONS:
            positions.append(match.start())
    if not count:
        return None
    return TextWarning(
        code="trailing_space",
        message=f"{_plural(characters, 'space or tab', 'spaces or tabs')} at the end of "
        f"{_plural(count, 'line', 'lines')}: sent and counted",
        positions=tuple(positions),
        count=count,
    )


def _is_blank(text: str) -> bool:
    """Only whitespace or invisible characters (or nothing)."""
    return not text.strip() or all(
        ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text.strip()
    )


def text_warnings(text: str) -> tuple[TextWarning, ...]:
    """The warnings about ``text``: line breaks, invisible characters, trailing spaces.

    Codes, in this order:

    * ``empty``: the text is empty or holds only whitespace (and invisible characters);
      it would still be billed as one segment.
    * ``newline.crlf``: CRLF line breaks, counted as two characters each.
    * ``newline.cr``: lone CR line breaks.
    * ``newline.mixed``: more than one line-break style in one text.
    * ``invisible``: zero-width space, joiner (outside an emoji sequence) and non-joiner,
      word joiner, byte-order mark U+FEFF, soft hyphen, no-break space, narrow no-break
      space, figure space, and every other format character (category Cf) outside an
      emoji sequence; the message names each kind found.
    * ``trailing_space``: spaces or tabs before a line break or at the end of the text
      (not reported on a text that is ``empty``).

    Linear in ``len(text)``.

    Args:
        text: the message.

    Returns:
        The warnings, empty when nothing is suspicious.

    Raises:
        TypeError: ``text`` is not a ``str``.

    >>> w = text_warnings("Prix\\u00a0: 10 €")
    >>> w[0].code, w[0].positions, w[0].message
    ('invisible', (4,), '1 invisible character: no-break space (U+00A0) ×1')
    >>> text_warnings("👩\\u200d💻 ok")
    ()
    """
    check_str("text", text)
    out: list[TextWarning] = []
    blank = _is_blank(text)
    if blank:
        out.append(
            TextWarning(
                code="empty",
                message="the message is empty"
                if not text
                else "the message holds only whitespace or invisible characters",
                positions=(),
                count=len(text),
            )
        )
    out.extend(_newline_warnings(text))
    invisible = _invisible_warning(text)
    if invisible is not None:
        out.append(invisible)
    if not blank:
        trailing = _trailing_warning(text)
        if trailing is not None:
            out.append(trailing)
    return tuple(out)


def group_culprits(pairs: Iterable[tuple[int, str]]) -> tuple[Culprit, ...]:
    """Group ``(index, char)`` pairs by character: ``ç ×14, ’ ×3``.

    Ordered by count, most frequent first, then by first position.  Memory is one small
    record per distinct character, whatever the number of pairs, so the pairs may be a
    generator over a long text.

    Args:
        pairs: ``(index, char)`` pairs, as :attr:`smsparts.Analysis.unencodable` gives.

    Returns:
        One :class:`Culprit` per distinct character.

    >>> [str(c) for c in group_culprits([(3, "ç"), (7, "’"), (9, "ç")])]
    ['ç ×2', '’ ×1']
    >>> group_culprits([(3, "ç"), (9, "ç")])[0].first_positions
    (3, 9)
    """
    counts: dict[str, int] = {}
    firsts: dict[str, list[int]] = {}
    for index, ch in pairs:
        seen = counts.get(ch)
        if seen is None:
            counts[ch] = 1
            firsts[ch] = [index]
            continue
        counts[ch] = seen + 1
        kept = firsts[ch]
        if len(kept) < MAX_CULPRIT_POSITIONS:
            kept.append(index)
    culprits = [
        Culprit(char=ch, count=counts[ch], first_positions=tuple(sorted(firsts[ch])))
        for ch in counts
    ]
    culprits.sort(key=lambda c: (-c.count, c.first_positions[0]))
    return tuple(culprits)
