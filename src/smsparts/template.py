"""Personalized messages: ``@variable`` templates rendered and counted per contact.

A :class:`Template` is parsed once and rendered for each contact; what is billed is the
rendered text, so :meth:`Template.analyze` counts it exactly (all :func:`analyze`
options, national tables included) and :meth:`Template.bounds` says, before any contact
is known, the fewest and most segments the template can produce.

Grammar (the whole of it):

* a *variable* is ``@`` followed by a *name*: letters (accented ones too; any Unicode
  letter, with its combining marks), decimal digits and ``_``, starting with a letter
  or ``_``.  The longest name is taken: ``@nom_complet`` is never ``@nom`` followed by
  ``_complet``, and ``@prenom2`` is the name ``prenom2``;
* ``@@`` is a literal ``@`` (always, even after a letter): ``@@prenom`` renders as
  ``@prenom``;
* an ``@`` preceded by a letter or a digit is literal, so ``contact@example.com`` is
  untouched (consequence: ``@prenom@nom`` is ``@prenom`` followed by the text ``@nom``;
  separate two variables with a space or punctuation);
* an ``@`` not followed by a name is literal: a lone or final ``@``, ``@`` followed by
  a space, a digit or punctuation;
* ``@{name}`` is a :class:`TemplateSyntaxError` (braces are not template syntax; it is
  the usual slip of users of other tools), and so is a lone surrogate;
* values are inserted as they are and never parsed again: a value containing ``@nom``
  stays ``@nom``.

Names: a built-in name (see :data:`BUILTIN_VARIABLES`) is matched ignoring case and
accents (``@Prénom``, ``@PRENOM`` and ``@prenom`` are one variable); any other name is a
contact field matched exactly (after Unicode NFC normalization), camelCase included
(``@codePostal``).  A built-in reads the platform's field first (``firstName``), then a
field named as the variable is written (a CSV column ``prenom``), then the snake_case
field (``first_name``).

>>> t = Template("Bonjour @prenom, votre code est prêt. Écrivez à contact@exemple.fr")
>>> t.variables
('prenom',)
>>> t.render({"phone": "+33612345678", "firstName": "Zoé"})
'Bonjour Zoé, votre code est prêt. Écrivez à contact@exemple.fr'
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, Protocol

import regex

from . import _bounds
from . import _variables as _v
from ._options import check_choice, check_int, check_str, check_type
from .charset import DEFAULT, Encoding, gsm7_septets_per_segment, ucs2_code_units_per_segment
from .errors import InvalidOption, MissingValue, TemplateSyntaxError, UnknownVariable
from .segment import MAX_SEGMENTS, Analysis, Boundary, LanguageSpec, Route, analyze

if TYPE_CHECKING:
    from .profiles import Profile  # profiles imports this module

__all__ = [
    "BUILTIN_VARIABLES",
    "Bounds",
    "Missing",
    "Template",
    "Unknown",
    "ValueAlphabet",
    "VariableBound",
]

Unknown = Literal["raise", "keep"]
Missing = Literal["raise", "empty"]

#: Built-in variables: canonical name -> (every spelling, what it inserts).
BUILTIN_VARIABLES: Final = {b.key: (b.aliases, b.meaning) for b in _v.BUILTINS}

#: Characters after which an emptied value takes the space before it along
#: ("Bonjour @prenom, ..." -> "Bonjour, ...").
_CLOSING: Final = frozenset(",.;:!?…)]}»")
#: Characters (with the start of the text) after which an emptied value takes the
#: space after it along ("@civilite @nom" -> "Dupont").
_OPENING: Final = frozenset("\n\r([{«¿¡")


def _is_space(ch: str) -> bool:
    return ch == " " or ch == "\t" or unicodedata.category(ch) == "Zs"


def _is_name_start(ch: str) -> bool:
    return ch == "_" or ch.isalpha()


def _is_word(ch: str) -> bool:
    """A letter, a decimal digit or a combining mark (part of an accented letter)."""
    return ch.isalpha() or ch.isdecimal() or unicodedata.category(ch) in ("Mn", "Mc")


def _is_name_char(ch: str) -> bool:
    return ch == "_" or _is_word(ch)


class _Var(NamedTuple):
    """One occurrence of a variable in the source."""

    name: str  # NFC, as written
    start: int  # index of "@"
    end: int  # index after the name
    key: str  # canonical: the built-in's key, or the field name
    builtin: _v.Builtin | None
    fetch: _v.Fetcher


def _check_choice(option: str, value: object, choices: tuple[str, ...]) -> None:
    """A ``str`` option among ``choices`` (shared policy: TypeError, else InvalidOption)."""
    check_choice(option, str.__str__(check_str(option, value)), choices)


def _check_mapping(option: str, value: object) -> Mapping[object, object]:
    return check_type(option, value, Mapping, "a mapping")


def _parse(source: str) -> tuple[list[str], list[tuple[str, int, int]]]:
    """Literal parts (one more than the variables) and ``(name, start, end)`` of each."""
    literals: list[str] = []
    found: list[tuple[str, int, int]] = []
    pending: list[str] = []
    n = len(source)
    i = 0
    while True:
        at = source.find("@", i)
        if at < 0:
            pending.append(source[i:])
            break
        pending.append(source[i:at])
        after = source[at + 1] if at + 1 < n else ""
        if after == "@":
            pending.append("@")
            i = at + 2
            continue
        if at > 0 and _is_word(source[at - 1]):
            pending.append("@")
            i = at + 1
            continue
        if after == "{":
            _reject_braces(source, at)
        if after and _is_name_start(after):
            end = at + 2
            while end < n and _is_name_char(source[end]):
                end += 1
            literals.append("".join(pending))
            pending = []
            found.append((unicodedata.normalize("NFC", source[at + 1 : end]), at, end))
            i = end
            continue
        pending.append("@")
        i = at + 1
    literals.append("".join(pending))
    return literals, found


def _reject_braces(source: str, at: int) -> None:
    """Raise on ``@{name}``: braces are another tool's syntax, not ours."""
    end = at + 2
    if end < len(source) and _is_name_start(source[end]):
        while end < len(source) and _is_name_char(source[end]):
            end += 1
        if end < len(source) and source[end] == "}":
            name = source[at + 2 : end]
            raise TemplateSyntaxError(
                source, at, end + 1, f"braces are not template syntax: write @{name}"
            )


def _check_surrogates(source: str) -> None:
    for i, ch in enumerate(source):
        if "\ud800" <= ch <= "\udfff":
            raise TemplateSyntaxError(
                source, i, i + 1, f"lone surrogate U+{ord(ch):04X} cannot be sent"
            )


#: Names longer than this get no suggestion and are never suggested: a field name is
#: short, and the comparison costs the product of the two lengths.
_MAX_SUGGESTED: Final = 64
#: difflib's cutoff: 2 * matches / (len(a) + len(b)) must reach it.
_CUTOFF: Final = 0.6


def _suggest(name: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """The closest names to ``name``, best first (case and accents ignored).

    Bounded work whatever the input: a name (or candidate) longer than
    :data:`_MAX_SUGGESTED` is not compared, nor is a candidate whose length alone
    keeps it under the cutoff (``2 * min / (len(a) + len(b))`` is the best ratio two
    lengths allow), so each comparison costs at most ``64 * 64``.
    """
    if len(name) > _MAX_SUGGESTED:
        return ()
    target = _v.fold(name)
    folded: dict[str, str] = {}
    accented = not name.isascii()
    for candidate in candidates:
        if len(candidate) > _MAX_SUGGESTED:
            continue
        key = _v.fold(candidate)
        shortest = min(len(key), len(target))
        if 2 * shortest < _CUTOFF * (len(key) + len(target)):
            continue
        # One spelling per folded name: accented if the user typed accents.
        if key not in folded or (accented and not candidate.isascii()):
            folded[key] = candidate
    matches = difflib.get_close_matches(target, list(folded), n=3, cutoff=_CUTOFF)
    shown: dict[str, None] = {}
    for match in matches:
        candidate = folded[match]
        known = _v.builtin(candidate)
        shown.setdefault(candidate if known is None else _display(known, accented), None)
    return tuple(shown)


def _display(known: _v.Builtin, accented: bool) -> str:
    """How a suggestion spells a built-in: French, accented if the user used accents."""
    if accented:
        for alias in known.aliases:
            if not alias.isascii():
                return alias
    return known.aliases[0]


def _builtin_names() -> list[str]:
    return [alias for b in _v.BUILTINS for alias in b.aliases]


def _contact_fields(contact: object) -> list[str]:
    if isinstance(contact, Mapping):
        return [k for k in contact if isinstance(k, str)]
    return [k for k in getattr(contact, "__dict__", {}) if not k.startswith("_")]


_RENDER_DOC: Final = """The message rendered for one contact.

Args:
    contact: a mapping (``{"phone": ..., "firstName": ...}``) or an object whose
        attributes are its fields.
    unknown, missing, defaults: override the template's options for this call
        (``defaults`` replaces the template's defaults).

Returns:
    The rendered text.

Raises:
    UnknownVariable: a variable that is neither built in, declared, given a default,
        nor a field of this contact (with ``unknown="raise"``).
    MissingValue: a known variable without a value (with ``missing="raise"`` and no
        default for it).
"""


class _Render(Protocol):
    """The signature of :attr:`Template.render`."""

    def __call__(
        self,
        contact: object,
        *,
        unknown: Unknown | None = None,
        missing: Missing | None = None,
        defaults: Mapping[str, str] | None = None,
    ) -> str: ...


class Template:
    """A message with ``@variables``, parsed once and rendered for each contact.

    Args:
        source: the template text (grammar in the module docstring).
        fields: the fields every contact declares (names as the platform sends them).
            When given, every variable is checked now: a name that is neither built
            in nor declared raises :class:`UnknownVariable` (or is kept as text with
            ``unknown="keep"``).  When omitted, names are checked against each contact
            while rendering.
        unknown: ``"raise"`` (default) or ``"keep"`` an unknown variable as its
            literal text (``@ville`` stays ``@ville``).
        missing: a known variable without a value (no ``firstName``; ``None``, empty
            or blank value): ``"raise"`` :class:`MissingValue` (default) or insert
            ``"empty"`` text.
        defaults: text inserted for a variable without a value, by variable name
            (``{"prenom": "client"}``; a built-in's key covers all its spellings).
            Takes precedence over ``missing``, and makes a field known: a contact
            without the field gets the default.  Keys that name no variable of this
            template are ignored, so one table can serve every template.

    Raises:
        TemplateSyntaxError: ``@{name}``, or a lone surrogate.
        UnknownVariable: with ``fields``, a variable that names no known field.
        TypeError: ``source`` is not a ``str``, or ``fields`` is one ``str``.

    Removing an empty value never leaves a doubled space: between two spaces, or
    between a space and closing punctuation (``, . ; : ! ? … ) ] } »``) or the end of
    a line, the space before it goes; at the start of the text or of a line, the space
    after it goes.  ``"Bonjour @prenom, à demain"`` with no first name and
    ``missing="empty"`` gives ``"Bonjour, à demain"``.

    Attributes:
        source: the template text.
        render: ``render(contact, *, unknown=None, missing=None, defaults=None)``, the
            message for one contact.  A function compiled for this template (see
            :func:`_compile_render`) and stored on the instance, so that rendering
            millions of contacts pays no bound-method layer; it behaves as a method.
        variables: the names used, in order of first use.
        fields: the declared fields, or ``None``.

    >>> t = Template("Bonjour @prenom, à demain", missing="empty")
    >>> t.render({"phone": "+33612345678"})
    'Bonjour, à demain'
    >>> Template("@civilite @nom, votre colis est arrivé.").render(
    ...     {"phone": "+33612345678", "lastName": "Martin", "sex": "F"})
    'Mme Martin, votre colis est arrivé.'
    """

    __slots__ = {
        "_defaults": None,
        "_fetchers": None,
        "_fields": None,
        "_format": None,
        "_literals": None,
        "_missing": None,
        "_unknown": None,
        "_variables": None,
        "_vars": None,
        "render": _RENDER_DOC,
        "source": "The template text, as given.",
    }

    source: str
    _fields: frozenset[str] | None
    _vars: tuple[_Var, ...]
    _literals: tuple[str, ...]
    _fetchers: tuple[_v.Fetcher, ...]
    render: _Render
    _format: str
    _variables: tuple[str, ...]
    _unknown: Unknown
    _missing: Missing
    _defaults: dict[str, str]

    def __init__(
        self,
        source: str,
        *,
        fields: Iterable[str] | None = None,
        unknown: Unknown = "raise",
        missing: Missing = "raise",
        defaults: Mapping[str, str] | None = None,
    ) -> None:
        if not isinstance(source, str):
            raise TypeError(f"template source must be a str, not {type(source).__name__}")
        if isinstance(fields, str):
            raise TypeError("fields must be an iterable of field names, not one str")
        if fields is not None and not isinstance(fields, Iterable):
            raise TypeError(f"fields must be an iterable of str, not {type(fields).__name__}")
        _check_choice("unknown", unknown, ("raise", "keep"))
        _check_choice("missing", missing, ("raise", "empty"))
        _check_surrogates(source)
        declared = (
            None
            if fields is None
            else frozenset(unicodedata.normalize("NFC", check_str("fields[]", f)) for f in fields)
        )
        resolved = self._resolve_defaults(defaults) if defaults is not None else {}
        literals, found = _parse(source)
        merged: list[str] = [literals[0]]
        variables: list[_Var] = []
        for (name, start, end), after in zip(found, literals[1:], strict=True):
            known = _v.builtin(name)
            given = known is not None or name in resolved  # built in, or with a default
            if not given and declared is not None and name not in declared:
                if unknown == "keep":
                    merged[-1] += source[start:end] + after
                    continue
                raise UnknownVariable(
                    source, start, end, name, _suggest(name, [*_builtin_names(), *declared])
                )
            key = name if known is None else known.key
            variables.append(_Var(name, start, end, key, known, _v.make_fetcher(name, known)))
            merged.append(after)
        set_ = object.__setattr__
        set_(self, "source", source)
        set_(self, "_fields", declared)
        set_(self, "_vars", tuple(variables))
        set_(self, "_literals", tuple(merged))
        set_(self, "_fetchers", tuple(v.fetch for v in variables))
        set_(self, "_format", "%s".join(part.replace("%", "%%") for part in merged))
        set_(self, "_variables", tuple(dict.fromkeys(v.name for v in variables)))
        set_(self, "_unknown", unknown)
        set_(self, "_missing", missing)
        set_(self, "_defaults", resolved)
        set_(self, "render", _compile_render(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Template is immutable: cannot set {name!r}")

    def __repr__(self) -> str:
        return f"Template({self.source!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Rebuilt from its source and options: the compiled render cannot be pickled.
        fields = None if self._fields is None else sorted(self._fields)
        return (_rebuild, (self.source, fields, self._unknown, self._missing, self._defaults))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Template):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash(self._identity())

    def _identity(self) -> tuple[object, ...]:
        return (
            self.source,
            self._fields,
            self._unknown,
            self._missing,
            tuple(sorted(self._defaults.items())),
        )

    @property
    def variables(self) -> tuple[str, ...]:
        """The variable names used, without ``@``, as written, in order of first use."""
        return self._variables

    @property
    def fields(self) -> frozenset[str] | None:
        """The declared contact fields, or ``None`` when names are checked per contact."""
        return self._fields

    def _resolve_defaults(self, defaults: Mapping[str, str]) -> dict[str, str]:
        """``defaults`` keyed by canonical variable key."""
        resolved: dict[str, str] = {}
        for name, value in _check_mapping("defaults", defaults).items():
            check_str("defaults key", name)
            check_str(f"defaults[{name!r}]", value)
            # A str subclass gives its characters (see _variables.text_value).
            resolved[_key(str.__str__(name))] = str.__str__(value)
        return resolved

    # ------------------------------------------------------------------ rendering

    def _render_careful(
        self,
        contact: object,
        unknown: Unknown | None,
        missing: Missing | None,
        defaults: Mapping[str, str] | None,
    ) -> str:
        """:attr:`render` for contacts the compiled code is not sure about."""
        # Options are checked first: a bad one fails for every contact alike.
        if unknown is not None:
            _check_choice("unknown", unknown, ("raise", "keep"))
        if missing is not None:
            _check_choice("missing", missing, ("raise", "empty"))
        resolved = self._defaults if defaults is None else self._resolve_defaults(defaults)
        look = _v.contact_lookup(contact)
        values = [fetch(look) for fetch in self._fetchers]
        if None not in values:
            return self._format % tuple(values)
        return self._render_slow(
            contact,
            look,
            values,
            self._unknown if unknown is None else unknown,
            self._missing if missing is None else missing,
            resolved,
        )

    def _render_slow(
        self,
        contact: object,
        look: _v.Getter,
        values: list[str | None],
        unknown: Unknown,
        missing: Missing,
        defaults: dict[str, str],
    ) -> str:
        """Values that the fast path could not fill: explain, default, or raise."""
        filled: list[str] = []
        for var, value in zip(self._vars, values, strict=True):
            if value is not None:
                filled.append(value)
                continue
            # A built-in, declared or defaulted name is known; any other must be a field.
            known = (
                var.builtin is not None
                or (self._fields is not None and var.name in self._fields)
                or var.key in defaults
            )
            if not known and look(var.name) is _v.ABSENT:
                if unknown == "keep":
                    filled.append(self.source[var.start : var.end])
                    continue
                raise UnknownVariable(
                    self.source,
                    var.start,
                    var.end,
                    var.name,
                    _suggest(var.name, [*_builtin_names(), *_contact_fields(contact)]),
                    _v.contact_label(look),
                )
            default = defaults.get(var.key)
            if default is not None:
                filled.append(default)
            elif missing == "empty":
                filled.append("")
            else:
                _, reason = _v.explain(look, var.name, var.builtin)
                raise MissingValue(
                    self.source, var.start, var.end, var.name, _v.contact_label(look), reason
                )
        return self._assemble(filled)

    def _assemble(self, values: list[str]) -> str:
        """Literals and values joined; an empty value takes one adjacent space along."""
        if "" not in values:
            return self._format % tuple(values)
        pieces = [self._literals[0]]
        for value, literal in zip(values, self._literals[1:], strict=True):
            pieces.append(value)
            pieces.append(literal)
        # Indexes of the non-empty pieces left of the one at hand, nearest last: a
        # collapse only ever empties the nearest, so popping the emptied ones keeps the
        # walk linear however many values are empty side by side.
        nonempty: list[int] = []
        for index, piece in enumerate(pieces):
            if index % 2 and not piece:
                while nonempty and not pieces[nonempty[-1]]:
                    nonempty.pop()
                _collapse(pieces, index, nonempty[-1] if nonempty else -1)
            if pieces[index]:
                nonempty.append(index)
        return "".join(pieces)

    def analyze(
        self,
        contact: object,
        *,
        unknown: Unknown | None = None,
        missing: Missing | None = None,
        defaults: Mapping[str, str] | None = None,
        route: Route | None = None,
        encoding: Encoding | None = None,
        boundary: Boundary | None = None,
        languages: LanguageSpec = None,
        single_shift: LanguageSpec = None,
        locking_shift: LanguageSpec = None,
        reference_bits: int | None = None,
        profile: Profile | str | None = None,
    ) -> Analysis:
        """The :class:`Analysis` of the message rendered for ``contact``.

        Exactly ``analyze(self.render(contact, ...), route=..., ...)``: ``route`` and
        the route keywords (encoding, boundary, national languages, reference size)
        are those of :func:`smsparts.analyze`, ``None`` meaning "not given"; giving
        ``route=`` with one of them is a ``TypeError``.  ``profile`` (a provider
        profile or a built-in's name) gives the segments that provider bills, as
        ``analyze(..., profile=...)`` does.

        Raises:
            UnknownVariable, MissingValue: as for :meth:`render`.
            TypeError, InvalidOption, InvalidCharacter, UnencodableCharacter: as for
                :func:`smsparts.analyze`.

        >>> Template("Bonjour @prenom").analyze({"phone": "1", "firstName": "François"}).encoding
        <Encoding.UCS2: 'ucs2'>
        >>> Template("Hi @prenom").analyze({"firstName": "Zoë"}, route=Route(reference_bits=16))
        Analysis(encoding='ucs2', units=6, segments=1, segment_capacity=70, remaining=64)
        >>> Template("@prenom " + "]" * 150).analyze({"firstName": "Zoé"}, profile="naive").segments
        2
        """
        text = self.render(contact, unknown=unknown, missing=missing, defaults=defaults)
        return analyze(
            text,
            route=route,
            encoding=encoding,
            boundary=boundary,
            languages=languages,
            single_shift=single_shift,
            locking_shift=locking_shift,
            reference_bits=reference_bits,
            profile=profile,
        )

    # ------------------------------------------------------------------ bounds

    def bounds(
        self,
        max_lengths: Mapping[str, int] | None = None,
        *,
        alphabet: ValueAlphabet | str | Mapping[str, ValueAlphabet | str] | None = None,
        default_max_length: int | None = None,
        boundary: Boundary = "grapheme",
        reference_bits: int = 8,
    ) -> Bounds:
        """The fewest and most segments this template can produce, for any contact.

        Values are assumed to hold at most ``max_lengths[name]`` characters (code
        points, ``len()``) from their ``alphabet``.  With national tables not in use
        (the default of :func:`smsparts.analyze`), the bounds are exact: each is the
        count of a rendering that can happen.

        * ``min_segments``: every value empty (empty values collapse spaces, as in
          :meth:`render` with ``missing="empty"``).
        * ``max_segments``: every value at its maximum length, each character the
          costliest its alphabet allows: 2 septets (``€``) in GSM-7 for ``"gsm7"`` and
          ``"ucs2"`` values, 2 UTF-16 code units (a character outside the BMP) in UCS-2
          for ``"ucs2"`` values, and UCS-2 whenever a ``"ucs2"`` value can flip the
          message; the larger count of the GSM-7 and UCS-2 cases (UCS-2 on a tie, so
          ``max_encoding`` says a value can force it).  A contact without a value gets
          the template's default (or, with ``unknown="keep"``, a field it lacks stays
          ``@name``): such a stand-in longer than the maximum length or outside the
          alphabet is tried too, at its place.

        Why this is the maximum (see docs/templates.md): segments are filled greedily
        with atomic characters (an escape pair or a surrogate pair is never split) and
        greedy filling gives the fewest segments, so a text whose characters each cost
        at least as much as another's, in the same encoding, never needs fewer
        segments.  Costlier characters can waste a septet or code unit at a segment
        end, but only by making the text longer by at least as much.  For UCS-2 with
        grapheme boundaries the argument holds when values are made of characters that
        do not join their neighbours into one grapheme cluster (no combining marks,
        joiners, emoji modifiers or flags); values that do can exceed the bound.

        Args:
            max_lengths: the most characters each variable holds, by name (a built-in's
                key covers all its spellings: ``{"nom_complet": 40}``).
            alphabet: what values may contain, for all variables or per variable name:
                ``"gsm7-basic"`` (default alphabet characters, 1 septet each),
                ``"gsm7"`` (also the extension table: ``€ [ ] { } ^ ~ | \\``, 2 septets
                each) or ``"ucs2"`` (anything: a ``ç`` or an emoji flips the message
                to UCS-2).  A single value applies to every variable.  By default,
                and for names a mapping leaves out, ``"ucs2"``, except ``@civilite``:
                ``"gsm7-basic"``, its values being ``M.`` and ``Mme``.
            default_max_length: the maximum length of variables not in ``max_lengths``;
                ``None`` requires every variable to be listed, except ``@civilite``
                (3 characters unless listed).
            boundary, reference_bits: as for :func:`smsparts.analyze`.

        Keys of ``max_lengths`` and ``alphabet`` that name no variable of this template
        are ignored, so one table can serve every template.

        Returns:
            A :class:`Bounds`.

        Raises:
            MissingValue: a variable with no maximum length (and no default).
            ValueError: a negative length or an unknown alphabet.

        >>> b = Template("Bonjour @prenom").bounds({"prenom": 20}, alphabet="gsm7")
        >>> b.min_segments, b.max_segments
        (1, 1)
        """
        lengths = self._max_lengths(max_lengths or {}, default_max_length)

        alphabets = self._alphabets(alphabet)
        options: dict[str, Any] = {"boundary": boundary, "reference_bits": reference_bits}
        return _compute_bounds(self, lengths, alphabets, options)

    def _keys(self) -> dict[str, str]:
        """Canonical key -> name as first written, in order of first use."""
        keys: dict[str, str] = {}
        for var in self._vars:
            keys.setdefault(var.key, var.name)
        return keys

    def _max_lengths(self, given: Mapping[str, int], default: int | None) -> dict[str, int]:
        result = {
            _key(check_str("max_lengths key", name)): _check_length(f"max_lengths[{name!r}]", value)
            for name, value in _check_mapping("max_lengths", given).items()
        }
        for key, name in self._keys().items():
            if key in result:
                continue
            if key == _v.CIVILITY.key:
                result[key] = _CIVILITY_MAX  # "M." or "Mme"
            elif default is not None:
                result[key] = _check_length("default_max_length", default)
            else:
                var = next(v for v in self._vars if v.key == key)
                raise MissingValue(
                    self.source,
                    var.start,
                    var.end,
                    name,
                    None,
                    f"no maximum length: give max_lengths[{key!r}] or default_max_length",
                )
        return result

    def _alphabets(
        self, alphabet: ValueAlphabet | str | Mapping[str, ValueAlphabet | str] | None
    ) -> dict[str, ValueAlphabet]:
        if isinstance(alphabet, str):
            return dict.fromkeys(self._keys(), _check_alphabet("alphabet", alphabet))
        if alphabet is not None:
            _check_mapping("alphabet", alphabet)
        result = dict.fromkeys(self._keys(), ValueAlphabet.UCS2)
        if _v.CIVILITY.key in result:
            result[_v.CIVILITY.key] = ValueAlphabet.GSM7_BASIC  # "M." or "Mme"
        for name, value in (alphabet or {}).items():
            key = _key(check_str("alphabet key", name))
            result[key] = _check_alphabet(f"alphabet[{name!r}]", value)
        return result


def _compile_render(template: Template) -> _Render:
    """The :attr:`Template.render` function of one template.

    Rendering runs once per recipient, so the template is compiled once (as
    :mod:`dataclasses` does) into straight-line code for ``dict`` contacts: a
    ``dict.get`` per variable (a few more only when fields are absent), the
    template's defaults, one check, one ``str.join``; stored in an instance slot, it
    is called without a bound-method layer.  Whenever it is not sure (a value that
    is not non-blank text, a contact that is not a ``dict``, options given for the
    call) it hands over to the careful path, which alone decides about fallbacks,
    missing values and errors.  Field names enter the code only as ``repr()``
    literals; literal parts and defaults are passed in as constants.
    """
    variables = template._vars
    namespace: dict[str, Any] = {
        "_careful": template._render_careful,
        "_full": _v.fast_full_name,
        "_civ": _v.FAST_CIVILITIES,
        "_join": "".join,
        "_str": str,
        "dict": dict,
    }
    local: dict[str, str] = {}
    body: list[str] = []
    for var in variables:
        if var.name in local:
            continue
        v = local[var.name] = f"v{len(local)}"
        # A default makes a field known: a contact without it gets the default.
        default = None
        if var.key in template._defaults:
            default = f"D{len(local)}"
            namespace[default] = template._defaults[var.key]
        body += _v.fast_statements(var.name, var.builtin, v, default)
    pieces = []
    for i, literal in enumerate(template._literals):
        if literal:
            namespace[f"L{i}"] = literal
            pieces.append(f"L{i}")
        if i < len(variables):
            pieces.append(local[variables[i].name])
    joined = f"_join(({''.join(p + ', ' for p in pieces)}))"
    lines = [
        "def render(contact, *, unknown=None, missing=None, defaults=None):",
        "    c = contact",
        "    if (",
        "        c.__class__ is dict",
        "        and unknown is None and missing is None and defaults is None",
        "    ):",
    ]
    if local:
        names = list(local.values())
        # Exactly str: None, a number, a list or a str subclass (whose methods may be
        # overridden) goes to the careful path, so both paths always agree.
        filled = " and ".join(f"{v}.__class__ is _str and {v}" for v in names)
        blank = " or ".join(f"{v}.isspace()" for v in names)
        lines += ["        g = c.get", "        try:"]
        lines += [f"            {line}" for line in body]
        # None fails the truth test; a number has no isspace() and a list cannot be a
        # key of _civ: AttributeError / TypeError, and the careful path explains.
        lines += [
            f"            if {filled} and not ({blank}):",
            f"                return {joined}",
            "        except (AttributeError, TypeError):",
            "            pass",
        ]
    else:
        lines.append(f"        return {joined}")
    lines.append("    return _careful(c, unknown, missing, defaults)")
    exec("\n".join(lines), namespace)  # generated from repr() literals only
    render: _Render = namespace["render"]
    render.__doc__ = _RENDER_DOC
    return render


def _rebuild(
    source: str,
    fields: list[str] | None,
    unknown: Unknown,
    missing: Missing,
    defaults: dict[str, str],
) -> Template:
    return Template(source, fields=fields, unknown=unknown, missing=missing, defaults=defaults)


def _key(name: str) -> str:
    """The canonical key of a variable name: a built-in's key, else the NFC name."""
    normalized = unicodedata.normalize("NFC", name)
    known = _v.builtin(normalized)
    return normalized if known is None else known.key


def _check_length(option: str, value: object) -> int:
    return check_int(option, value, 0)


def _check_alphabet(option: str, value: object) -> ValueAlphabet:
    known = {a.value: a for a in ValueAlphabet}.get(str.__str__(check_str(option, value)))
    if known is None:
        allowed = ", ".join(repr(a.value) for a in ValueAlphabet)
        raise InvalidOption(option, value, f"one of {allowed}")
    return known


def _collapse(pieces: list[str], at: int, left: int) -> None:
    """Remove one space next to the emptied value ``pieces[at]``; never touch a value.

    Literal pieces are at even indexes, values at odd ones; ``left`` is the index of
    the nearest non-empty piece before ``at`` (-1 if none).  Two variables are always
    separated by literal text, each emptied value removes one character at most, and
    the literals after ``at`` are untouched yet, so the piece after is found in a step
    or two.
    """
    right = at + 1
    while right < len(pieces) and not pieces[right]:
        right += 1
    before = pieces[left][-1] if left >= 0 else None
    after = pieces[right][0] if right < len(pieces) else None
    if before is not None and _is_space(before):
        closing = after is None or after in _CLOSING or after in "\n\r" or _is_space(after)
        if closing and left % 2 == 0:
            pieces[left] = pieces[left][:-1]
        return
    opening = before is None or before in _OPENING
    if opening and after is not None and _is_space(after) and right % 2 == 0:
        pieces[right] = pieces[right][1:]


# ---------------------------------------------------------------------------
# bounds


class ValueAlphabet(StrEnum):
    """What a variable's values may contain, for :meth:`Template.bounds`."""

    GSM7_BASIC = "gsm7-basic"
    """Characters of the GSM 7-bit default alphabet: 1 septet each (23.038 6.2.1)."""
    GSM7 = "gsm7"
    """Also the extension table (``€``, ``[``, ...): 1 or 2 septets (23.038 6.2.1.1)."""
    UCS2 = "ucs2"
    """Any character: one outside GSM-7 sends the whole message in UCS-2."""


#: The costliest character of each kind, used to build the worst case.  All are
#: Grapheme_Cluster_Break=Other, so they never join a neighbour into one cluster.
_ONE_SEPTET: Final = "a"
_CIVILITY_MAX: Final = 3  # len("Mme")
_TWO_SEPTETS: Final = "€"  # 23.038 6.2.1.1: ESC 0x65
_NON_GSM: Final = "ç"  # U+00E7 is not in the default alphabet (only Ç, 0x09, is)
_ASTRAL: Final = "\U0001d400"  # MATHEMATICAL BOLD CAPITAL A: a surrogate pair in UTF-16


class VariableBound(NamedTuple):
    """What one variable can do to the count, the other variables being empty.

    Attributes:
        name: the variable as first written in the template.
        key: its canonical name (a built-in's key, or the field name).
        max_length: the most characters its values hold.
        alphabet: what its values may contain.
        forces_ucs2: whether a value can flip a GSM-7 message to UCS-2.
        segments_basic: segments with this value at its maximum length in 1-septet
            characters.
        segments_max: segments with this value at its costliest, or at its stand-in
            (a default, or the name kept as text) when that costs more.
    """

    name: str
    key: str
    max_length: int
    alphabet: ValueAlphabet
    forces_ucs2: bool
    segments_basic: int
    segments_max: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Bounds:
    """Fewest and most segments a template can produce (see :meth:`Template.bounds`).

    Attributes:
        min_segments: segments with every value empty.
        max_segments: segments in the worst case allowed by the lengths and alphabets.
        min_encoding: encoding of the shortest rendering.
        max_encoding: encoding of the worst case.
        max_units: septets or UTF-16 code units of the worst case.
        variables: per-variable facts, in order of first use.
        ucs2_variables: names of the variables that can flip the message to UCS-2.
        warnings: human-readable lines for a pre-send validator.
        worst_case: a rendering that reaches ``max_segments``.
    """

    min_segments: int
    max_segments: int
    min_encoding: Encoding
    max_encoding: Encoding
    max_units: int
    variables: tuple[VariableBound, ...]
    ucs2_variables: tuple[str, ...]
    warnings: tuple[str, ...]
    worst_case: str


def _first_non_gsm(template: Template) -> tuple[int, str]:
    """Index and character of the first literal character outside GSM-7."""
    source = template.source
    found = DEFAULT.first_unencodable(source)
    # The variables in source order: search again only past a variable that holds
    # the character found, so the source is searched once.
    for var in template._vars:
        if found == -1 or found < var.start:
            break
        if found < var.end:
            found = DEFAULT.first_unencodable(source, var.end)
    if found == -1:  # pragma: no cover - only called when the literal text needs UCS-2
        return -1, ""
    return found, source[found]


def _allowed(text: str, max_length: int, alphabet: ValueAlphabet) -> bool:
    """Whether ``text`` is a value that ``max_length`` and ``alphabet`` allow."""
    if len(text) > max_length:
        return False
    if alphabet is ValueAlphabet.GSM7_BASIC:
        return DEFAULT.first_non_basic(text) == -1
    return alphabet is ValueAlphabet.UCS2 or DEFAULT.first_unencodable(text) == -1


def _segments_word(count: int) -> str:
    return f"{count} segment" if count == 1 else f"{count} segments"


#: Stand-ins neither costlier nor cheaper than the values allowed, combined exhaustively
#: by :meth:`Template.bounds` (2 ** 8 trials at most); any further one takes its costlier
#: option by units, and the bounds say so in a warning.
_MAX_COMBINED: Final = 8
_PLAIN_CLUSTER: Final = regex.compile(r"\p{Grapheme_Cluster_Break=Other}")
_ANY_CLUSTER: Final = regex.compile(r"\X")


def _plain_edge(source: str, index: int) -> bool:
    """Whether ``source[index]`` (next to a variable) never joins a neighbour's cluster."""
    return not 0 <= index < len(source) or _PLAIN_CLUSTER.match(source[index]) is not None


class _Units:
    """Units and atoms of a value in one encoding, for :func:`_dominates`."""

    __slots__ = ("capacity", "grapheme", "ucs2")

    def __init__(self, ucs2: bool, grapheme: bool, reference_bits: int) -> None:
        self.ucs2 = ucs2
        self.grapheme = grapheme
        # The capacity of a concatenated segment on this reference size (charset owns it).
        self.capacity = (
            ucs2_code_units_per_segment(concatenated=True, reference_bits=reference_bits)
            if ucs2
            else gsm7_septets_per_segment(concatenated=True, reference_bits=reference_bits)
        )

    def total(self, text: str) -> int:
        if self.ucs2:
            return len(text.encode("utf-16-le", "surrogatepass")) // 2
        septets = DEFAULT.septets(text)
        return len(text) if septets is None else septets

    def largest_atom(self, text: str) -> int:
        """The most units one atom (never cut by the walk) of ``text`` holds."""
        if not text:
            return 0
        if self.ucs2 and self.grapheme:
            return max(self.total(m.group()) for m in _ANY_CLUSTER.finditer(text))
        if self.ucs2:
            return 2 if any(ch > "\uffff" for ch in text) else 1
        return 2 if DEFAULT.first_non_basic(text) != -1 or "\r\n" in text else 1


def _dominates(units: _Units, costly: str, cheap: str) -> bool:
    """Whether ``costly`` in place of ``cheap`` never gives fewer segments.

    The greedy walk is monotone in its position ``segments * capacity + fill``: from a
    later position, the same atoms never end earlier.  From any position, ``costly``
    moves it by at least its units, and ``cheap`` by at most its units plus what its
    atoms can waste at segment ends (``largest atom - 1`` per end crossed).  So when
    ``costly`` has at least that many units, it is the costlier at every occurrence,
    whatever the rest of the text.
    """
    atom = units.largest_atom(cheap)
    if atom > units.capacity:
        return False
    waste = 0 if atom <= 1 else (atom - 1) * (units.total(cheap) // (units.capacity - atom + 1) + 1)
    return units.total(costly) >= units.total(cheap) + waste


def _compute_bounds(
    template: Template,
    lengths: dict[str, int],
    alphabets: dict[str, ValueAlphabet],
    options: dict[str, Any],
) -> Bounds:
    keys = template._keys()
    var_keys = [v.key for v in template._vars]

    def render(fill: Mapping[str, str]) -> str:
        return template._assemble([fill.get(k, "") for k in var_keys])

    def count(fill: Mapping[str, str]) -> Analysis:
        return analyze(render(fill), **options)

    def gsm_worst(key: str) -> str:
        char = _ONE_SEPTET if alphabets[key] is ValueAlphabet.GSM7_BASIC else _TWO_SEPTETS
        return char * lengths[key]

    def ucs2_worst(key: str) -> str:
        char = _ASTRAL if alphabets[key] is ValueAlphabet.UCS2 else _ONE_SEPTET
        return char * lengths[key]

    # What a contact without a value gets instead: the template's default, else, for
    # a field kept when unknown, the name as written.  When the lengths and alphabet
    # do not allow it as a value, the worst case may use it instead.
    stand_ins = dict(template._defaults)
    if template._unknown == "keep":
        for var in template._vars:
            if var.builtin is None and template._fields is None:
                stand_ins.setdefault(var.key, template.source[var.start : var.end])
    beyond = {
        k: text
        for k, text in stand_ins.items()
        if k in keys and not _allowed(text, lengths[k], alphabets[k])
    }

    boundary_grapheme = options.get("boundary", "grapheme") == "grapheme"
    reference_bits = 16 if options.get("reference_bits") == 16 else 8
    edges_plain = dict.fromkeys(beyond, True)
    for v in template._vars:
        if v.key in edges_plain and not (
            _plain_edge(template.source, v.start - 1) and _plain_edge(template.source, v.end)
        ):
            edges_plain[v.key] = False
    approximate: list[str] = []

    def costliest(fill: dict[str, str]) -> Analysis:
        """``fill`` counted with each key of ``beyond`` at its value or its stand-in.

        Trying every combination would be exponential in the stand-ins; a choice that
        is costlier than the other from every state of the greedy walk is fixed first
        (:func:`_dominates`), and only the undecided keys are combined.
        """
        base_ucs2 = literal_ucs2 or any(
            DEFAULT.first_unencodable(v) != -1 for k, v in fill.items() if k not in beyond
        )
        both_ucs2 = [
            k
            for k, text in beyond.items()
            if DEFAULT.first_unencodable(text) != -1 and DEFAULT.first_unencodable(fill[k]) != -1
        ]
        ucs2 = base_ucs2 or bool(both_ucs2)
        chosen: dict[str, str] = {}
        undecided: list[str] = []
        for k, text in beyond.items():
            value = fill[k]
            gsm = DEFAULT.first_unencodable(text) == -1 and DEFAULT.first_unencodable(value) == -1
            # With grapheme boundaries, a stand-in that could join a neighbour into one
            # cluster (a leading mark, a trailing joiner) changes the atoms around it:
            # the argument of _dominates needs both edges plain.
            plain = not boundary_grapheme or (
                edges_plain[k] and _plain_edge(text, 0) and _plain_edge(text, len(text) - 1)
            )
            if (ucs2 or gsm) and plain:
                units = _Units(ucs2, boundary_grapheme, reference_bits)
                if _dominates(units, text, value):
                    chosen[k] = text
                    continue
                if _dominates(units, value, text):
                    chosen[k] = value
                    continue
            undecided.append(k)
        combined = undecided[:_MAX_COMBINED]
        for k in undecided[_MAX_COMBINED:]:
            # Beyond the combinations tried: the option with more units (documented).
            units = _Units(True, boundary_grapheme, reference_bits)
            chosen[k] = max((fill[k], beyond[k]), key=units.total)
            approximate.append(k)
        trials = (
            count({**fill, **chosen, **dict(zip(combined, picks, strict=True))})
            for picks in itertools.product(*([fill[k], beyond[k]] for k in combined))
        )
        return max(trials, key=lambda a: (a.segments, a.encoding is Encoding.UCS2))

    shortest = count({})
    literal_ucs2 = shortest.encoding is Encoding.UCS2
    flippers = [
        k
        for k in keys
        if (alphabets[k] is ValueAlphabet.UCS2 and lengths[k] > 0)
        or (k in beyond and DEFAULT.first_unencodable(beyond[k]) != -1)
    ]
    worst = costliest({k: gsm_worst(k) for k in keys})
    flipper_set = frozenset(flippers)
    if flippers:
        ucs2 = costliest({k: ucs2_worst(k) for k in keys})
        # On a tie, the encoding a value can force.
        if ucs2.segments > worst.segments or (
            ucs2.segments == worst.segments and ucs2.encoding is Encoding.UCS2
        ):
            worst = ucs2

    warnings: list[str] = []
    if literal_ucs2:
        index, char = _first_non_gsm(template)
        warnings.append(
            f"the template text itself needs UCS-2 (`{char}` at index {index}): "
            "every message is sent in UCS-2"
        )
    # Each variable's own counts (its value, the others empty) without rendering and
    # analysing the whole template each time: the shortest rendering is walked once,
    # then each count walks about a segment around the variable (see _bounds).
    own_counts = _bounds.OwnCounts(
        template._literals,
        var_keys,
        _is_space,
        _CLOSING,
        _OPENING,
        grapheme=boundary_grapheme,
        reference_bits=reference_bits,
    )

    def own(key: str, value: str) -> int:
        segments = own_counts.segments(key, value)
        return count({key: value}).segments if segments is None else segments

    per_variable: list[VariableBound] = []
    for key, name in keys.items():
        m, abc = lengths[key], alphabets[key]
        basic = own(key, _ONE_SEPTET * m)
        ext = own(key, gsm_worst(key))
        highest = max(basic, ext)
        forces = key in flipper_set and not literal_ucs2
        parts = []
        if ext > basic:
            parts.append(f"2-septet characters such as `{_TWO_SEPTETS}` make it {ext}")
        if abc is ValueAlphabet.UCS2 and m > 0:
            one = own(key, _NON_GSM + _ONE_SEPTET * (m - 1))
            emoji = own(key, _ASTRAL * m)
            if one > highest:
                parts.append(f"a `{_NON_GSM}` in it makes it {one}")
            if emoji > max(one, highest):
                parts.append(f"emoji make it up to {emoji}")
            highest = max(highest, one, emoji)
        if key in beyond:
            stand_in = own(key, beyond[key])
            if stand_in > highest:
                kind = "its default" if key in template._defaults else "kept as text,"
                parts.append(f"{kind} `{beyond[key]}` makes it {stand_in}")
            highest = max(highest, stand_in)
        verb = "makes this" if basic > shortest.segments else "keeps this at"
        if basic > shortest.segments or parts:
            characters = "1 character" if m == 1 else f"{m} characters"
            head = f"`@{name}` up to {characters} {verb} {_segments_word(basic)}"
            warnings.append("; ".join([head, *parts]))
        per_variable.append(VariableBound(name, key, m, abc, forces, basic, highest))
    if approximate:
        undecided = ", ".join(f"`@{keys[k]}`" for k in dict.fromkeys(approximate))
        warnings.append(
            f"the stand-ins of {undecided} were not combined with the others (more than "
            f"{_MAX_COMBINED} undecided): the true maximum may be higher"
        )
    if len(keys) > 1 and worst.segments > max(v.segments_max for v in per_variable):
        warnings.append(f"all variables at their maximum: up to {_segments_word(worst.segments)}")
    if worst.segments > MAX_SEGMENTS:
        warnings.append(
            f"up to {worst.segments} segments: a message of more than {MAX_SEGMENTS} "
            "cannot be sent (23.040 9.2.3.24.1)"
        )
    return Bounds(
        min_segments=shortest.segments,
        max_segments=worst.segments,
        min_encoding=shortest.encoding,
        max_encoding=worst.encoding,
        max_units=worst.units,
        variables=tuple(per_variable),
        ucs2_variables=tuple(keys[k] for k in flippers if not literal_ucs2),
        warnings=tuple(warnings),
        worst_case=worst.text,
    )
