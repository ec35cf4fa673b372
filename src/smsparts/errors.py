"""Exceptions raised by smsparts.

Every error is an :class:`SmsError`, itself a :class:`ValueError`.  Positions are
attributes (``start`` and ``end`` over the input ``str``; ``offset`` and a dotted
``field`` path over bytes), and ``str(error)`` shows the input with a caret line under
the problem, so a user sees at once what is wrong and where.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

__all__ = [
    "InvalidCharacter",
    "InvalidOption",
    "MessageTooLong",
    "MissingValue",
    "PduDecodeError",
    "SmsError",
    "TemplateSyntaxError",
    "UnencodableCharacter",
    "UnknownVariable",
    "caret_excerpt",
]

#: How many columns of input an error message shows around the first problem.
_WINDOW = 60


def _visible(ch: str) -> tuple[str, int]:
    """How one character is shown in an excerpt, and how many columns it takes."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code), 1  # U+2400 CONTROL PICTURES block: ␊ ␍ ␛ ...
    if code == 0x7F:
        return "\u2421", 1
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd", 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return f"<U+{code:04X}>", len(f"<U+{code:04X}>")
    if code in (0xA0, 0x2007, 0x202F) or (unicodedata.category(ch) == "Zs" and ch != " "):
        return f"<U+{code:04X}>", len(f"<U+{code:04X}>")
    width = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return ch, width


def caret_excerpt(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Two lines: ``text`` (or a window of it) and carets under each span.

    Control characters are shown as their U+24xx pictures and invisible ones as
    ``<U+XXXX>`` so that the caret line stays aligned.

    >>> print(caret_excerpt("Garçon", [(3, 4)]))
    Garçon
       ^
    """
    marks = sorted(spans)
    first = marks[0][0] if marks else 0
    lo = max(0, first - _WINDOW // 2)
    hi = min(len(text), lo + _WINDOW)
    shown: list[str] = []
    carets: list[str] = []
    if lo > 0:
        shown.append("…")
        carets.append(" ")
    marked = {i for start, end in marks for i in range(max(start, lo), min(end, hi))}
    for i in range(lo, hi):
        glyph, width = _visible(text[i])
        shown.append(glyph)
        carets.append(("^" if i in marked else " ") * width)
    if hi < len(text):
        shown.append("…")
    return "".join(shown) + "\n" + "".join(carets).rstrip()


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "") if not 0xD800 <= ord(ch) <= 0xDFFF else ""
    return f"{ch!r} (U+{ord(ch):04X}{' ' + name if name else ''})"


class SmsError(ValueError):
    """Base class of every error smsparts raises on bad input."""


class InvalidOption(SmsError):
    """An option (keyword argument) whose value is of the right type but not allowed.

    The one policy for option values across smsparts: a wrong *type* is a
    :class:`TypeError`; a value of the right type outside what the option accepts
    (``reference_bits=7``, ``max_segments=0``, an unknown boundary name) is an
    :class:`InvalidOption`, so it is also a :class:`ValueError` and an :class:`SmsError`.

    Attributes:
        option: the option's name as the caller wrote it (``"reference_bits"``).
        value: the value given.
        expected: what the option accepts, in words (``"8 or 16"``).

    >>> str(InvalidOption("reference_bits", 7, "8 or 16"))
    'reference_bits must be 8 or 16, not 7'
    """

    def __init__(self, option: str, value: object, expected: str) -> None:
        self.option = option
        self.value = value
        self.expected = expected
        super().__init__(option, value, expected)

    def __str__(self) -> str:
        return f"{self.option} must be {self.expected}, not {self.value!r}"


class InvalidCharacter(SmsError):
    """A character that no SMS can carry: a lone surrogate (UTF-16 cannot encode it).

    Attributes:
        text: the input.
        start: index of the character.
        end: ``start + 1``.
    """

    def __init__(self, text: str, start: int, reason: str) -> None:
        self.text = text
        self.start = start
        self.end = start + 1
        self.reason = reason
        super().__init__(text, start, reason)

    def __str__(self) -> str:
        head = f"{self.reason}: U+{ord(self.text[self.start]):04X} at index {self.start}"
        return head + "\n" + caret_excerpt(self.text, [(self.start, self.end)])


class UnencodableCharacter(UnicodeEncodeError, SmsError):
    """Characters not in the GSM 7-bit alphabet(s) allowed, when GSM-7 was required.

    It is also a :class:`UnicodeEncodeError`, so codec error handlers and callers that
    catch the standard exception keep working.  ``start``/``end`` are those of the first
    offending character; ``characters`` lists every one as ``(index, char)``.

    ``characters`` may be given as a sequence, or as a function returning an iterable
    of them: then they are found again on each access and the error keeps nothing per
    character (the error of a 10 MB text stays small).
    """

    def __init__(
        self,
        text: str,
        characters: Sequence[tuple[int, str]] | Callable[[], Iterable[tuple[int, str]]],
        *,
        encoding: str = "gsm-7",
        reason: str = "not in the GSM 7-bit alphabet",
    ) -> None:
        if callable(characters):
            self._find: Callable[[], Iterable[tuple[int, str]]] | None = characters
            self._characters: tuple[tuple[int, str], ...] = ()
            first_found = next(iter(characters()), None)
            first = first_found[0] if first_found is not None else 0
        else:
            self._find = None
            self._characters = tuple(characters)
            first = self._characters[0][0] if self._characters else 0
        super().__init__(encoding, text, first, first + 1, reason)

    @property
    def characters(self) -> tuple[tuple[int, str], ...]:
        """Every offending character as ``(index, char)``, in order."""
        if self._find is not None:
            return tuple(self._find())
        return self._characters

    @property
    def text(self) -> str:
        """The input text (``object`` in :class:`UnicodeEncodeError` terms)."""
        return self.object

    def __str__(self) -> str:
        characters = self.characters
        count = len(characters)
        listed = ", ".join(f"{_describe(ch)} at index {i}" for i, ch in characters[:10])
        if count > 10:
            listed += f", and {count - 10} more"
        noun = "character is" if count == 1 else "characters are"
        head = f"{count} {noun} {self.reason}: {listed}"
        return head + "\n" + caret_excerpt(self.object, [(i, i + 1) for i, _ in characters])


class MessageTooLong(SmsError):
    """The message needs more segments than allowed (23.040 9.2.3.24.1: at most 255).

    Attributes:
        segments: how many segments the message needs.
        max_segments: the limit that was exceeded.
    """

    def __init__(self, segments: int, max_segments: int) -> None:
        self.segments = segments
        self.max_segments = max_segments
        super().__init__(segments, max_segments)

    def __str__(self) -> str:
        return f"message needs {self.segments} segments; the limit is {self.max_segments}"


class PduDecodeError(SmsError):
    """Bytes that do not parse as the structure expected.

    Attributes:
        field: dotted path of the field being read (``"udh.ie[1].length"``).
        offset: octet offset in the input where the problem is.
        reason: what is wrong.
    """

    def __init__(self, reason: str, *, field: str, offset: int) -> None:
        self.reason = reason
        self.field = field
        self.offset = offset
        super().__init__(reason, field, offset)

    def __str__(self) -> str:
        return f"{self.field} at octet {self.offset}: {self.reason}"


class TemplateSyntaxError(SmsError):
    """A template that cannot be parsed (see :mod:`smsparts.template`).

    Attributes:
        text: the template source.
        start: index in ``text`` where the problem starts.
        end: index after it.
        reason: what is wrong and how to write it instead.
    """

    def __init__(self, text: str, start: int, end: int, reason: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.reason = reason
        super().__init__(text, start, end, reason)

    def __str__(self) -> str:
        head = f"{self.reason} (index {self.start})"
        return head + "\n" + caret_excerpt(self.text, [(self.start, self.end)])


def _alternatives(names: Sequence[str]) -> str:
    """``@a``, ``@a or @b``, ``@a, @b or @c``."""
    shown = [f"@{name}" for name in names]
    if len(shown) < 2:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " or " + shown[-1]


class UnknownVariable(SmsError):
    """A template variable that names no known field (see :mod:`smsparts.template`).

    Attributes:
        text: the template source, or ``None`` when the name does not come from a
            template (a ``max_lengths`` key, for example).
        start: index of the ``@`` in ``text`` (``None`` without a text).
        end: index after the name.
        name: the unknown name, without ``@``.
        suggestions: the closest known names, best first (may be empty).
        contact: the id (or phone) of the contact it was looked up in, when raised
            while rendering; ``None`` when raised against declared fields.
    """

    def __init__(
        self,
        text: str | None,
        start: int | None,
        end: int | None,
        name: str,
        suggestions: Sequence[str] = (),
        contact: str | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        self.contact = contact
        super().__init__(text, start, end, name, self.suggestions, contact)

    def __str__(self) -> str:
        head = f"unknown variable @{self.name}"
        if self.start is not None:
            head += f" at index {self.start}"
        if self.contact is not None:
            head += f" (contact {self.contact})"
        if self.suggestions:
            head += f"; did you mean {_alternatives(self.suggestions)}?"
        if self.text is None or self.start is None or self.end is None:
            return head
        return head + "\n" + caret_excerpt(self.text, [(self.start, self.end)])


class MissingValue(SmsError):
    """A contact lacks the value of a template variable (see :mod:`smsparts.template`).

    Attributes:
        text: the template source, or ``None`` when no template position applies.
        start: index of the ``@`` in ``text`` (``None`` without a text).
        end: index after the name.
        name: the variable, without ``@``.
        contact: the contact's ``id``, else its ``phone``, else ``None``.
        reason: what was found instead of a value (``"no firstName"``).
    """

    def __init__(
        self,
        text: str | None,
        start: int | None,
        end: int | None,
        name: str,
        contact: str | None = None,
        reason: str = "no value",
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.name = name
        self.contact = contact
        self.reason = reason
        super().__init__(text, start, end, name, contact, reason)

    def __str__(self) -> str:
        head = f"no value for @{self.name} ({self.reason})"
        if self.contact is not None:
            head = f"contact {self.contact} has {head}"
        if self.start is not None:
            head += f" at index {self.start}"
        if self.text is None or self.start is None or self.end is None:
            return head
        return head + "\n" + caret_excerpt(self.text, [(self.start, self.end)])
