"""The one policy for checking option values (keyword arguments) across smsparts.

A wrong type is a :class:`TypeError` naming the option and the type received; a value of
the right type that the option does not accept is an :class:`~smsparts.errors.InvalidOption`
(a ``ValueError`` and an ``SmsError``).  ``bool`` is never accepted where an ``int`` is
asked for, since ``True`` is an ``int`` in Python but never a meaningful count.

Every public entry point checks its options through these helpers, so callers can rely on
one rule: ``except TypeError`` for programming mistakes, ``except SmsError`` for bad values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from .errors import InvalidOption

__all__ = ["check_bool", "check_choice", "check_int", "check_str", "check_type"]

T = TypeVar("T")


def _type_name(value: object) -> str:
    return type(value).__name__


def check_type(option: str, value: object, kind: type[T] | tuple[type[T], ...], words: str) -> T:
    """``value`` if it is an instance of ``kind``, else a ``TypeError``.

    ``words`` says what is expected (``"a str"``, ``"bytes or bytearray"``).

    >>> check_type("text", "hi", str, "a str")
    'hi'
    >>> check_type("text", 5, str, "a str")
    Traceback (most recent call last):
    ...
    TypeError: text must be a str, not int
    """
    if not isinstance(value, kind):
        raise TypeError(f"{option} must be {words}, not {_type_name(value)}")
    return value


def check_str(option: str, value: object) -> str:
    """``value`` if it is a ``str`` (a subclass is accepted), else a ``TypeError``."""
    return check_type(option, value, str, "a str")


def check_bool(option: str, value: object) -> bool:
    """``value`` if it is exactly ``True`` or ``False``, else a ``TypeError``."""
    if not isinstance(value, bool):
        raise TypeError(f"{option} must be a bool, not {_type_name(value)}")
    return value


def check_int(option: str, value: object, low: int | None = None, high: int | None = None) -> int:
    """``value`` if it is an ``int`` (not a ``bool``) within ``low..high`` (inclusive).

    >>> check_int("max_segments", 3, 1, 255)
    3
    >>> check_int("max_segments", 0, 1, 255)
    Traceback (most recent call last):
    ...
    smsparts.errors.InvalidOption: max_segments must be an int in 1..255, not 0
    >>> check_int("max_segments", True, 1, 255)
    Traceback (most recent call last):
    ...
    TypeError: max_segments must be an int, not bool
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{option} must be an int, not {_type_name(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            expected = f"an int in {low}..{high}"
        elif low is not None:
            expected = f"an int >= {low}"
        else:
            expected = f"an int <= {high}"
        raise InvalidOption(option, value, expected)
    return int(value)


def check_choice(option: str, value: object, choices: Iterable[T]) -> T:
    """``value`` if it equals one of ``choices``, else an ``InvalidOption`` listing them.

    >>> check_choice("boundary", "codepoint", ("grapheme", "codepoint"))
    'codepoint'
    >>> check_choice("boundary", "word", ("grapheme", "codepoint"))
    Traceback (most recent call last):
    ...
    smsparts.errors.InvalidOption: boundary must be one of 'grapheme', 'codepoint', not 'word'
    """
    listed = tuple(choices)
    for choice in listed:
        if type(value) is type(choice) and value == choice:
            return choice
    raise InvalidOption(option, value, "one of " + ", ".join(repr(c) for c in listed))
