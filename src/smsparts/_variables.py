"""Built-in template variables and how a value is read from a contact.

Private helper of :mod:`smsparts.template`.  A contact is a mapping (a ``dict`` parsed
from the platform's JSON, a CSV row) or any object with attributes; its fields are
read by the name the platform sends (``firstName``, camelCase kept).

A *fetcher* is compiled once per template variable.  It takes the contact's ``get``
(``dict.get`` or a ``getattr`` wrapper) and returns the text to insert, or ``None``
when there is none; the slow path (:func:`explain`) then says why.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Final, NamedTuple

__all__ = [
    "BUILTINS",
    "Builtin",
    "Fetcher",
    "Getter",
    "builtin",
    "contact_label",
    "contact_lookup",
    "explain",
    "fast_full_name",
    "fast_statements",
    "fold",
    "make_fetcher",
    "text_value",
]

Getter = Callable[[str], object]
Fetcher = Callable[[Getter], "str | None"]

#: Marks a field the contact does not have at all (as opposed to a field set to None).
ABSENT: Final = object()


class Builtin(NamedTuple):
    """A built-in variable: its spellings, how it is read and what it means."""

    key: str
    """Canonical (French, unaccented) name: the key of ``defaults`` and ``max_lengths``."""
    aliases: tuple[str, ...]
    """Every spelling, French first, then English."""
    steps: tuple[str, ...]
    """Where the value is read, in order; the first with text wins.  A field name,
    :data:`WRITTEN` (the field named as the variable is written) or :data:`DERIVED`
    (the value computed from other fields)."""
    meaning: str
    """One line for the docs and the CLI."""


WRITTEN: Final = "@"
DERIVED: Final = "*"

FULL_NAME: Final = Builtin(
    "nom_complet",
    ("nom_complet", "full_name"),
    ("name", DERIVED, WRITTEN, "full_name"),
    "`name`, else `firstName` and `lastName` joined by a space",
)
FIRST_NAME: Final = Builtin(
    "prenom",
    ("prenom", "prénom", "first_name"),
    ("firstName", WRITTEN, "first_name"),
    "`firstName`",
)
LAST_NAME: Final = Builtin(
    "nom", ("nom", "last_name"), ("lastName", WRITTEN, "last_name"), "`lastName`"
)
PHONE: Final = Builtin(
    "telephone", ("telephone", "téléphone", "phone"), ("phone", WRITTEN), "`phone`, as sent"
)
CIVILITY: Final = Builtin(
    "civilite",
    ("civilite", "civilité"),
    (DERIVED, WRITTEN),
    '`"M."` when `sex` is `"M"`, `"Mme"` when it is `"F"`',
)

BUILTINS: Final = (FULL_NAME, FIRST_NAME, LAST_NAME, PHONE, CIVILITY)

#: ``sex`` value (upper-cased) to the French civility shown by ``@civilite``.
CIVILITIES: Final = {"M": "M.", "F": "Mme"}


def fold(name: str) -> str:
    """``name`` without accents and case, to match built-in names: ``Prénom`` -> ``prenom``."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_BY_FOLDED: Final = {fold(alias): b for b in BUILTINS for alias in b.aliases}


def builtin(name: str) -> Builtin | None:
    """The built-in variable ``name`` spells (case and accents ignored), or ``None``."""
    return _BY_FOLDED.get(fold(name))


def text_value(value: object) -> str | None:
    """The text a field value inserts, or ``None`` when it has none.

    Strings are inserted as they are; numbers (not booleans) as ``str()`` gives them.
    ``None``, the empty string and whitespace only count as no value.
    """
    if type(value) is str:
        return value if value and not value.isspace() else None
    if isinstance(value, str):
        # A str subclass inserts its characters, never what an overridden __str__ says,
        # as the compiled fast path would (it hands such values over, see template).
        return text_value(str.__str__(value))
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return str(value)
    return None


def _describe(field: str, value: object) -> str:
    """Why ``value`` of ``field`` gives no text (for :class:`MissingValue`)."""
    if value is ABSENT:
        return f"no {field}"
    if value is None:
        return f"{field} is null"
    if isinstance(value, str):
        return f"{field} is empty" if not value else f"{field} is blank"
    if isinstance(value, bool):
        return f"{field} is {value}, not text"
    return f"{field} is a {type(value).__name__}, not text"


def _civility(get: Getter) -> str | None:
    sex = get("sex")
    if isinstance(sex, str):
        return CIVILITIES.get(sex.strip().upper())
    return None


def _full_name(get: Getter) -> str | None:
    first = text_value(get("firstName")) or text_value(get("first_name"))
    last = text_value(get("lastName")) or text_value(get("last_name"))
    if first and last:
        return f"{first} {last}"
    return first or last


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _steps(name: str, known: Builtin | None) -> tuple[str, ...]:
    """Where the variable ``name`` (NFC, as written) is read, in order."""
    if known is None:
        return (name,)
    return _dedupe(name if step == WRITTEN else step for step in known.steps)


def _derive(known: Builtin | None) -> Fetcher | None:
    if known is FULL_NAME:
        return _full_name
    if known is CIVILITY:
        return _civility
    return None


def make_fetcher(name: str, known: Builtin | None) -> Fetcher:
    """Compile how the variable ``name`` (NFC, as written) is read from a contact.

    A built-in reads the platform's field first (``firstName``; for ``@nom_complet``,
    ``name`` then ``firstName`` and ``lastName``; for ``@civilite``, ``sex``), then a
    field named as the variable is written (a CSV column ``prenom``), then the
    snake_case field (``first_name``).  Any other variable reads its own field.
    """
    derive = _derive(known)
    steps = _steps(name, known)

    def fetch(get: Getter) -> str | None:
        for step in steps:
            derived = step == DERIVED and derive is not None
            text = derive(get) if derived and derive is not None else text_value(get(step))
            if text is not None:
                return text
        return None

    return fetch


def fast_statements(
    name: str, known: Builtin | None, target: str, default: str | None
) -> list[str]:
    """Python statements setting ``target`` from a ``dict`` contact's ``g = c.get``.

    The optimistic twin of :func:`make_fetcher`, compiled into one function per
    template.  It moves to the next place only when a field is absent or ``None``
    (``None`` has no text on the careful path either) and ends with ``default`` (the
    name of a constant) when every place is ``None``.  Anything else it cannot be sure
    of (an empty or blank string, a number, a ``sex`` other than exactly ``M`` or
    ``F``, a name to join) leaves ``target`` without text, and the caller sends the
    contact to the careful path, so both paths always agree.  Field names appear as
    ``repr()`` literals.
    """
    steps = _steps(name, known)
    if known is FULL_NAME:
        return [f"{target} = _full(g)"]
    lines: list[str] = []
    indent = ""
    if known is CIVILITY:
        lines += ["s = g('sex')", "if s is not None:", f"    {target} = _civ.get(s)", "else:"]
        indent = "    "
        steps = steps[1:]
    places = [f"g({step!r})" for step in steps]
    if default is not None:
        places.append(default)
    for depth, place in enumerate(places):
        pad = indent + "    " * depth
        if depth:
            lines.append(f"{pad[:-4]}if {target} is None:")
        lines.append(f"{pad}{target} = {place}")
    return lines


def fast_full_name(get: Getter) -> str | None:
    """``name``, else ``firstName lastName``, when plain non-blank text; else ``None``."""
    name = get("name")
    if name is not None:
        if type(name) is not str:
            return None  # the careful path turns numbers into text
        if name and not name.isspace():
            return name
    first = get("firstName")
    last = get("lastName")
    if (
        type(first) is str
        and type(last) is str
        and first
        and last
        and not first.isspace()
        and not last.isspace()
    ):
        return first + " " + last
    return None


#: ``sex`` to civility for the fast path (the careful path also strips and upper-cases).
FAST_CIVILITIES: Final = {"M": "M.", "F": "Mme"}


def _nfc_view(contact: Mapping[object, object]) -> Mapping[object, object] | None:
    """The mapping with its ``str`` keys in NFC, or ``None`` when they all are already.

    Variable names are NFC, so a key in decomposed form (``"pre\u0301nom"``, as some
    spreadsheets and macOS file names write it) would never match ``@prénom``.  When
    a key exists in both forms, the one already in NFC wins.  ``items()`` is used, never
    ``[]``, which a ``defaultdict`` answers by inserting the field.
    """
    if all(
        not isinstance(key, str) or key.isascii() or unicodedata.is_normalized("NFC", key)
        for key in contact
    ):
        return None
    view: dict[object, object] = {}
    for key, value in contact.items():
        if not isinstance(key, str) or key.isascii():
            view[key] = value
            continue
        normalized = unicodedata.normalize("NFC", key)
        if normalized == key:
            view[key] = value  # an NFC key wins over a decomposed twin seen before
        else:
            view.setdefault(normalized, value)
    return view


def contact_lookup(contact: object) -> Getter:
    """The ``look(field)`` of a contact: its raw value, or :data:`ABSENT` without one.

    Built once per contact.  Mapping keys are matched after NFC normalization (see
    :func:`_nfc_view`); an object's fields are its attributes.
    """
    if isinstance(contact, Mapping):
        mapping = _nfc_view(contact) or contact

        def look_up_key(field: str) -> object:
            # get, not [], which a defaultdict answers by inserting the field.
            return mapping.get(field, ABSENT)

        return look_up_key

    def look_up_attribute(field: str) -> object:
        return getattr(contact, field, ABSENT)

    return look_up_attribute


def contact_label(look: Getter) -> str | None:
    """How an error names a contact: its ``id``, else its ``phone``, else ``None``."""
    for field in ("id", "phone"):
        text = text_value(look(field))
        if text is not None:
            return text
    return None


#: The platform's fields named when a built-in has no value.
_PLATFORM_FIELDS: Final = {
    FULL_NAME.key: ("name", "firstName", "lastName"),
    FIRST_NAME.key: ("firstName",),
    LAST_NAME.key: ("lastName",),
    PHONE.key: ("phone",),
}


def explain(look: Getter, name: str, known: Builtin | None) -> tuple[bool, str]:
    """Why the variable ``name`` has no value: ``(field exists, reason)``.

    ``look`` is the contact's :func:`contact_lookup`.  ``field exists`` is False only
    for a variable that is not built in and whose field the contact does not have at
    all (an unknown variable, unless declared).
    """
    if known is None:
        value = look(name)
        return value is not ABSENT, _describe(name, value)
    if known is CIVILITY:
        sex = look("sex")
        if isinstance(sex, str) and sex.strip():
            return True, f"sex is {sex!r}, not 'M' or 'F'"
        return True, _describe("sex", sex)
    platform = _PLATFORM_FIELDS[known.key]
    fields = _dedupe((*platform, *(s for s in _steps(name, known) if s != DERIVED)))
    present = [(f, v) for f in fields if (v := look(f)) is not ABSENT]
    if present:
        return True, ", ".join(_describe(f, v) for f, v in present)
    return True, "no " + _or(list(platform))


def _or(words: list[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
