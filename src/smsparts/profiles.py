"""Provider profiles: what a given sender counts, sends and bills for the same text.

The spec (3GPP TS 23.040 9.2.3.24.1) says how a concatenated message *may* be cut; real
senders differ.  Twilio keeps every grapheme whole; a plain SMPP gateway keeps only code
points whole; GOV.UK Notify counts ``ceil(septets / 153)`` after its own character
downgrade; Cloudhopper-style gateways cut the encoded user data every 134 octets.  A
:class:`Profile` bundles those choices as data, and :meth:`Profile.analyze` answers
"what will this provider bill, and why does it differ from the spec":

>>> twilio = profile_named("twilio")
>>> r = twilio.analyze("]" * 153)
>>> r.spec.segments, r.segments, profile_named("naive").analyze("]" * 153).segments
(3, 3, 2)

:func:`compare` puts every profile side by side.  Custom profiles come from a small TOML
or JSON file (:func:`load_profile`), checked key by key.  The built-ins and their
sources are listed in docs/profiles.md.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal

import regex

from ._options import check_bool, check_choice, check_int, check_str, check_type
from .charset import DEFAULT, Encoding, NationalLanguage, charset
from .errors import InvalidCharacter, InvalidOption, MessageTooLong
from .segment import Analysis, Segment, analyze, split
from .transliteration import Level, transliterate_text

__all__ = [
    "MAX_PARTS",
    "PROFILES",
    "Comparison",
    "Cut",
    "LimitHit",
    "LimitKind",
    "LineBreaks",
    "Part",
    "Profile",
    "ProfileAnalysis",
    "ProfileTotal",
    "SenderRules",
    "Totals",
    "compare",
    "compare_many",
    "load_profile",
    "profile_from_mapping",
    "profile_named",
    "resolve_profile",
]


class Cut(StrEnum):
    """How a provider cuts a long message into parts."""

    GRAPHEME = "grapheme"
    """Greedy, never inside an escape pair, a surrogate pair or a grapheme cluster."""
    CODEPOINT = "codepoint"
    """Greedy, never inside an escape or surrogate pair; clusters may be cut."""
    NAIVE = "naive"
    """``ceil(units / capacity)``: a part every ``capacity`` units, pairs cut if need be."""
    BYTES = "bytes"
    """A part every N octets of the encoded user data, pairs cut if need be."""


class LineBreaks(StrEnum):
    """How a provider counts line breaks."""

    AS_TYPED = "as-typed"
    """Every CR and LF is sent as given."""
    CRLF = "crlf"
    """Each line break (LF, CR or CRLF) is sent as CR LF: 2 characters."""
    LF = "lf"
    """Each line break (CRLF or CR) is sent as one LF."""


class LimitKind(StrEnum):
    """Which limit a message exceeded."""

    MAX_SEGMENTS = "max_segments"
    MAX_CHARACTERS = "max_characters"
    ADVISED_SEGMENTS = "advised_segments"
    ADVISED_CHARACTERS = "advised_characters"


@dataclass(frozen=True, slots=True, kw_only=True)
class LimitHit:
    """One limit a message exceeds under a profile.

    Attributes:
        kind: which limit.
        limit: the limit's value.
        value: the message's value (segments or characters).
    """

    kind: LimitKind
    limit: int
    value: int

    @property
    def blocking(self) -> bool:
        """Whether the provider refuses the message (a maximum), not merely advises."""
        return self.kind in (LimitKind.MAX_SEGMENTS, LimitKind.MAX_CHARACTERS)

    def __str__(self) -> str:
        unit = "segments" if "segments" in self.kind else "characters"
        verdict = "refused" if self.blocking else "advised"
        return f"{self.value:,} {unit} > {self.limit:,} ({verdict})"


@dataclass(frozen=True, slots=True, kw_only=True)
class SenderRules:
    """What a provider accepts as a sender id.

    Attributes:
        alphanumeric_max: most characters of an alphanumeric sender (letters, digits,
            space, at least one letter).
        numeric_max: most digits of a numeric sender (an E.164 number has 15).
        extra_characters: characters allowed in an alphanumeric sender besides ASCII
            letters, digits and space.
    """

    alphanumeric_max: int = 11
    numeric_max: int = 15
    extra_characters: str = ""

    def problem(self, sender: str) -> str | None:
        """Why ``sender`` is refused, in words, or ``None`` when it is accepted.

        >>> SenderRules().problem("MaBoutique"), SenderRules().problem("Ma-Boutique")
        (None, "an alphanumeric sender id holds only letters, digits and spaces: '-'")
        """
        found = self.issue(sender)
        return None if found is None else found[1]

    def issue(self, sender: str) -> tuple[str, str] | None:
        """``(code, reason)`` when ``sender`` is refused, else ``None``.

        The codes are the campaign check's: ``sender.empty``, ``sender.too_long``,
        ``sender.invalid_character``, ``sender.no_letter``.

        >>> SenderRules().issue("1234567890123456")
        ('sender.too_long', 'a numeric sender id has at most 15 digits')
        """
        check_str("sender", sender)
        if not sender.strip():
            return "sender.empty", "the sender id is empty"
        if sender.isascii() and sender.isdigit():
            if len(sender) > self.numeric_max:
                return (
                    "sender.too_long",
                    f"a numeric sender id has at most {self.numeric_max} digits",
                )
            return None
        allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ")
        allowed |= set(self.extra_characters)
        bad = sorted({ch for ch in sender if ch not in allowed}, key=sender.index)
        if bad:
            what = "letters, digits and spaces"
            if self.extra_characters:
                what = "letters, digits, spaces and " + " ".join(self.extra_characters)
            listed = ", ".join(map(repr, bad))
            return (
                "sender.invalid_character",
                f"an alphanumeric sender id holds only {what}: {listed}",
            )
        if not any(ch.isalpha() for ch in sender):
            return "sender.no_letter", "an alphanumeric sender id needs at least one letter"
        if len(sender) > self.alphanumeric_max:
            return (
                "sender.too_long",
                f"an alphanumeric sender id has at most {self.alphanumeric_max} characters",
            )
        return None


# 23.040 9.2.3.24: 140 octets of user data; with a 6-octet concatenation header, 134.
_SPEC_CAPACITY: Final = {"gsm7": (160, 153), "ucs2": (70, 67)}
_CLUSTER: Final = regex.compile(r"\X", regex.DOTALL)
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_LINE_BREAK: Final = re.compile("\r\n|\r|\n")
#: Removed, not replaced, when a provider replaces what it cannot map (format characters).
_INVISIBLE: Final = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: The most parts a message can be sent as: the total and the sequence number of the
#: concatenation IE are one octet each (23.040 9.2.3.24.1).
MAX_PARTS: Final = 255


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One part a provider sends.

    Attributes:
        index: 0-based position of the part.
        text: the characters whose first unit is in this part (joined, the parts give
            the text sent); a character cut in two is listed in the part it starts in.
        units: septets (ESC included) or UTF-16 code units in this part.
        octets: the user data of this part without header: unpacked GSM septets (one
            octet per septet, ESC 0x1B its own octet) or UTF-16BE.
        start: index in the text sent of the first character in ``text``.
        end: index after the last one.
        capacity: units the part could hold.
        encoding: the message's encoding.
        cut_inside: ``"escape pair"`` or ``"surrogate pair"`` when the part ends in the
            middle of one (the handset shows a wrong character), ``"grapheme cluster"``
            when it ends inside a cluster (shown right once the parts are joined);
            ``None`` at a clean boundary.
    """

    index: int
    text: str
    units: int
    octets: bytes
    start: int
    end: int
    capacity: int
    encoding: Encoding
    cut_inside: str | None = None

    @property
    def corrupts(self) -> bool:
        """Whether this part ends inside an escape or surrogate pair."""
        return self.cut_inside in ("escape pair", "surrogate pair")


def _check_level(value: object) -> Level | None:
    if value is None:
        return None
    if isinstance(value, Level):
        return value
    name = check_str("smart_encoding", value)
    return Level(check_choice("smart_encoding", name, tuple(level.value for level in Level)))


def _languages(value: object) -> tuple[NationalLanguage, ...]:
    if isinstance(value, str | int) or not isinstance(value, Iterable):
        raise TypeError(
            f"languages must be a tuple of NationalLanguage, not {type(value).__name__}"
        )
    result = []
    for item in value:
        if isinstance(item, NationalLanguage):
            result.append(item)
        elif isinstance(item, str) and item.upper() in NationalLanguage.__members__:
            result.append(NationalLanguage[item.upper()])
        elif isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 13:
            result.append(NationalLanguage(item))
        else:
            names = ", ".join(lang.name.lower() for lang in NationalLanguage)
            raise InvalidOption("languages", item, f"a national language ({names})")
    return tuple(result)


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """How one provider counts, cuts and bills a message: a value, compared by fields.

    Attributes:
        name: the profile's name (``"twilio"``).
        summary: one line saying what it models.
        sources: public sources of each fact (URLs, files with commits).
        cut: how long messages are cut (:class:`Cut`).
        line_breaks: how line breaks are sent (:class:`LineBreaks`).
        strip: whether leading and trailing white space is removed before counting.
        smart_encoding: the :class:`~smsparts.transliteration.Level` the provider
            applies to every message (always, not only when it pays), or ``None``.
        keep: characters the provider's smart encoding never replaces.
        unmappable: what replaces each character still outside the GSM 7-bit
            alphabet after smart encoding (``"?"``), or ``None`` to send UCS-2.
        gsm7_single_septets, gsm7_part_septets, ucs2_single_code_units,
            ucs2_part_code_units: capacities of a lone part and of a concatenated part
            for the ``naive`` and ``bytes`` cuts (for ``bytes``, GSM text is unpacked:
            one octet per septet, so 134 octets are 134 septets).  The ``grapheme`` and
            ``codepoint`` cuts use the spec's capacities (23.040 9.2.3.24), national
            language headers included.
        single_test: ``"units"`` (the spec) or ``"characters"``: whether a message is
            sent unsplit is decided on its units or on its characters (code points).
        max_segments: the most parts the provider sends (refused above).
        max_characters: the most characters (code points) it accepts, or ``None``.
        advised_segments, advised_characters: what it advises not to exceed.
        sender: the sender id rules (:class:`SenderRules`).
        languages: national language tables (locking and single shift) the route
            honours; empty for the default alphabet only.
        notes: facts that could not be confirmed, in words.
    """

    name: str
    summary: str = ""
    sources: tuple[str, ...] = ()
    cut: Cut = Cut.GRAPHEME
    line_breaks: LineBreaks = LineBreaks.AS_TYPED
    strip: bool = False
    smart_encoding: Level | None = None
    keep: str = ""
    unmappable: str | None = None
    gsm7_single_septets: int = 160
    gsm7_part_septets: int = 153
    ucs2_single_code_units: int = 70
    ucs2_part_code_units: int = 67
    single_test: Literal["units", "characters"] = "units"
    max_segments: int = 255
    max_characters: int | None = None
    advised_segments: int | None = None
    advised_characters: int | None = None
    sender: SenderRules = field(default_factory=SenderRules)
    languages: tuple[NationalLanguage, ...] = ()
    notes: str = ""
    #: Whether the text is sent as typed (no line-break rule, stripping or encoding).
    _plain: bool = field(init=False, repr=False, compare=False, default=False)

    def __post_init__(self) -> None:
        check_str("name", self.name)
        if not self.name:
            raise InvalidOption("name", self.name, "a non-empty str")
        check_str("summary", self.summary)
        check_str("notes", self.notes)
        sources = check_type("sources", self.sources, tuple, "a tuple of str")
        for item in sources:
            check_str("sources", item)
        set_ = object.__setattr__
        cut = check_str("cut", self.cut)
        set_(self, "cut", Cut(check_choice("cut", str(cut), tuple(c.value for c in Cut))))
        breaks = str(check_str("line_breaks", self.line_breaks))
        choices = tuple(b.value for b in LineBreaks)
        set_(self, "line_breaks", LineBreaks(check_choice("line_breaks", breaks, choices)))
        check_bool("strip", self.strip)
        set_(self, "smart_encoding", _check_level(self.smart_encoding))
        check_str("keep", self.keep)
        if self.unmappable is not None:
            check_str("unmappable", self.unmappable)
            if DEFAULT.septets(self.unmappable) is None:
                raise InvalidOption(
                    "unmappable", self.unmappable, "None or text of the GSM 7-bit alphabet"
                )
        check_int("gsm7_single_septets", self.gsm7_single_septets, 1, 1 << 20)
        check_int("gsm7_part_septets", self.gsm7_part_septets, 2, 1 << 20)
        check_int("ucs2_single_code_units", self.ucs2_single_code_units, 1, 1 << 20)
        check_int("ucs2_part_code_units", self.ucs2_part_code_units, 2, 1 << 20)
        custom = (
            self.gsm7_single_septets,
            self.gsm7_part_septets,
            self.ucs2_single_code_units,
            self.ucs2_part_code_units,
        ) != (160, 153, 70, 67)
        if custom and self.cut in (Cut.GRAPHEME, Cut.CODEPOINT):
            raise InvalidOption(
                "cut",
                self.cut.value,
                "'naive' or 'bytes' when capacities differ from the spec's "
                "(grapheme and codepoint cuts use 23.040's capacities)",
            )
        check_choice("single_test", self.single_test, ("units", "characters"))
        check_int("max_segments", self.max_segments, 1, 255)
        for name in ("max_characters", "advised_segments", "advised_characters"):
            value = getattr(self, name)
            if value is not None:
                check_int(name, value, 1)
        check_type("sender", self.sender, SenderRules, "a SenderRules")
        set_(self, "languages", _languages(self.languages))
        plain = (
            self.line_breaks is LineBreaks.AS_TYPED
            and not self.strip
            and self.smart_encoding is None
            and self.unmappable is None
        )
        set_(self, "_plain", plain)

    # -- the text as sent ------------------------------------------------------------

    def prepare(self, text: str) -> str:
        """The text this provider actually sends: line breaks, stripping, smart encoding.

        >>> profile_named("notify").prepare("  l’été\\r\\n🙂 ")
        "l'été\\n?"
        """
        return self._prepare(check_str("text", text))[0]

    def _prepare(self, text: str) -> tuple[str, int, bool]:
        """(text sent, characters added by the line-break rule (negative when removed),
        whether smart encoding or replacement changed the text)."""
        surrogate = _SURROGATE.search(text)
        if surrogate is not None:
            raise InvalidCharacter(text, surrogate.start(), "lone surrogate, not a character")
        before = len(text)
        if self.line_breaks is LineBreaks.LF:
            text = _LINE_BREAK.sub("\n", text)
        elif self.line_breaks is LineBreaks.CRLF:
            text = _LINE_BREAK.sub("\r\n", text)
        added = len(text) - before
        if self.strip:
            text = text.strip()
        typed = text
        if DEFAULT.costs(text) is not None:
            # Every character is in the default alphabet: no level's table holds one of
            # them, and there is nothing to replace.
            return text, added, False
        if self.smart_encoding is not None:
            text = self._smart(text, self.smart_encoding)
        if self.unmappable is not None:
            replacement = self.unmappable
            text = _foreign_pattern(self.keep).sub(
                lambda m: "" if m.group() in _INVISIBLE else replacement, text
            )
        return text, added, text != typed

    def _smart(self, text: str, level: Level) -> str:
        if not self.keep:
            return transliterate_text(text, level=level)
        kept = _kept_pattern(self.keep)
        if kept.search(text) is None:
            return transliterate_text(text, level=level)
        pieces = kept.split(text)
        return "".join(
            piece if i % 2 else transliterate_text(piece, level=level)
            for i, piece in enumerate(pieces)
        )

    # -- counting ----------------------------------------------------------------------

    def _core(self, sent: str) -> Analysis:
        boundary: Literal["grapheme", "codepoint"] = (
            "codepoint" if self.cut is Cut.CODEPOINT else "grapheme"
        )
        if self.languages:
            return analyze(sent, boundary=boundary, languages=self.languages)
        return analyze(sent, boundary=boundary)

    def _reference(self, sent: str) -> Analysis:
        """The spec's rule (grapheme boundaries) on the text sent, with this route's tables."""
        if self.languages:
            return analyze(sent, languages=self.languages)
        return analyze(sent)

    def _capacities(self, encoding: Encoding) -> tuple[int, int]:
        if encoding is Encoding.GSM7:
            return self.gsm7_single_septets, self.gsm7_part_septets
        return self.ucs2_single_code_units, self.ucs2_part_code_units

    def _fixed_count(self, sent: str, core: Analysis) -> tuple[int, int]:
        """(parts, capacity of a part) for the naive and bytes cuts."""
        single, part = self._capacities(core.encoding)
        measure = len(sent) if self.single_test == "characters" else core.units
        if measure <= single:
            return 1, single
        return max(1, -(-core.units // part)), part

    def analyze(self, text: str) -> ProfileAnalysis:
        """What this provider sends and bills for ``text``, and why it differs from the spec.

        Args:
            text: the message as the user typed it.

        Returns:
            A :class:`ProfileAnalysis`.

        Raises:
            TypeError: ``text`` is not a ``str``.
            InvalidCharacter: ``text`` holds a lone surrogate.

        >>> r = profile_named("smpp-bytes").analyze("a" * 157)
        >>> r.spec.segments, r.segments
        (1, 2)
        >>> r.reasons
        ('sent unsplit only up to 140 septets (the spec: 160): 157 septets are cut into 2 parts',)
        """
        check_str("text", text)
        spec = analyze(text)
        if self._plain:
            sent, added, smart = text, 0, False
            core = spec if self.cut is Cut.GRAPHEME and not self.languages else self._core(text)
        else:
            sent, added, smart = self._prepare(text)
            core = self._core(sent)
        billed, corrupts, splits_clusters = self._billed(sent, core)
        limits = self._limits(billed.segments, len(sent))
        result = ProfileAnalysis(
            profile=self,
            text=text,
            sent=sent,
            spec=spec,
            billed=billed,
            limits_hit=limits,
            line_breaks_added=added,
            smart_encoded=smart,
            corrupts=corrupts,
            splits_clusters=splits_clusters,
            reasons=(),
        )
        reference = core if self.cut is Cut.GRAPHEME else self._reference(sent)
        # Set once, before the value escapes: the reasons read the other fields.
        object.__setattr__(result, "reasons", _reasons(result, reference))
        return result

    def count(self, text: str) -> Analysis:
        """The billed :class:`~smsparts.Analysis` alone: the fast path of :meth:`analyze`.

        What ``analyze(text, profile=...)`` returns: the facts of the text sent, its
        ``segments`` those this provider bills.

        >>> profile_named("naive").count("]" * 153).segments
        2
        """
        if self._plain and self.cut is Cut.GRAPHEME and not self.languages:
            return analyze(text)  # the spec's own count (it checks the type too)
        check_str("text", text)
        sent = text if self._plain else self._prepare(text)[0]
        return self._billed(sent, self._core(sent), details=False)[0]

    def _billed(
        self, sent: str, core: Analysis, *, details: bool = True
    ) -> tuple[Analysis, bool, bool]:
        """(billed analysis, a part corrupts a pair, a part splits a cluster)."""
        corrupts = splits_clusters = False
        if self.cut is Cut.GRAPHEME:
            return core, False, False
        if self.cut is Cut.CODEPOINT:
            # Beyond 255 segments the core does not split (the message cannot be sent):
            # whether clusters are cut is then not worked out.
            if (
                details
                and 1 < core.segments <= MAX_PARTS
                and len(_CLUSTER.findall(sent)) != len(sent)
            ):
                splits_clusters = any(
                    p.cut_inside == "grapheme cluster" for p in self._split_sent(sent)
                )
            return core, False, splits_clusters
        segments, capacity = self._fixed_count(sent, core)
        if details and segments > 1:
            corrupts = _cuts_a_pair(
                _unit_widths(sent, core.encoding, core.locking_shift or 0, core.single_shift or 0),
                capacity,
            )
        # The core's Analysis with the billed numbers (its other fields kept as they are).
        billed = tuple.__new__(
            type(core),
            (
                *core[:2],
                segments,
                capacity,
                max(0, capacity * segments - core.units),
                *core[5:7],
                sent,
                *core[8:],
            ),
        )
        return billed, corrupts, False

    def _limits(self, segments: int, characters: int) -> tuple[LimitHit, ...]:
        hits = []
        checks = (
            (LimitKind.MAX_SEGMENTS, self.max_segments, segments),
            (LimitKind.MAX_CHARACTERS, self.max_characters, characters),
            (LimitKind.ADVISED_SEGMENTS, self.advised_segments, segments),
            (LimitKind.ADVISED_CHARACTERS, self.advised_characters, characters),
        )
        for kind, limit, value in checks:
            if limit is not None and value > limit:
                hits.append(LimitHit(kind=kind, limit=limit, value=value))
        return tuple(hits)

    # -- splitting ---------------------------------------------------------------------

    def split(self, text: str) -> tuple[Part, ...]:
        """The parts this provider sends for ``text`` (after :meth:`prepare`).

        The ``naive`` and ``bytes`` cuts may end a part inside an escape or a surrogate
        pair: that is what those senders do, and :attr:`Part.cut_inside` says so.  The
        profile's own limits are not enforced here (see :meth:`analyze`), only the
        protocol's: no message is sent in more than 255 parts.

        Raises:
            TypeError: ``text`` is not a ``str``.
            InvalidCharacter: ``text`` holds a lone surrogate.
            MessageTooLong: more than 255 parts would be needed (23.040 9.2.3.24.1);
                :meth:`analyze` still counts them.

        >>> [(p.units, p.cut_inside) for p in profile_named("naive").split("]" * 81)]
        [(153, 'escape pair'), (9, None)]
        """
        check_str("text", text)
        return self._split_sent(self._prepare(text)[0])

    def _split_sent(self, sent: str) -> tuple[Part, ...]:
        """:meth:`split` of a text already prepared."""
        core = self._core(sent)
        if self.cut in (Cut.NAIVE, Cut.BYTES):
            return self._fixed_split(sent, core)
        segments = self._core_split(sent)
        lock, single = core.locking_shift or 0, core.single_shift or 0
        clusters = _cluster_ends(sent) if self.cut is Cut.CODEPOINT else None
        parts = []
        for i, seg in enumerate(segments):
            cut_inside = None
            if clusters is not None and i + 1 < len(segments) and seg.end not in clusters:
                cut_inside = "grapheme cluster"
            parts.append(
                Part(
                    index=i,
                    text=seg.text,
                    units=seg.units,
                    octets=_encode(seg.text, seg.encoding, lock, single),
                    start=seg.start,
                    end=seg.end,
                    capacity=seg.capacity,
                    encoding=seg.encoding,
                    cut_inside=cut_inside,
                )
            )
        return tuple(parts)

    def as_segments(self, text: str) -> tuple[Segment, ...]:
        """:meth:`split` as core :class:`~smsparts.Segment` values (for ``split(profile=)``)."""
        return tuple(
            Segment(p.text, p.units, p.start, p.end, p.capacity, p.encoding)
            for p in self.split(text)
        )

    def _core_split(self, sent: str) -> tuple[Segment, ...]:
        boundary: Literal["grapheme", "codepoint"] = (
            "codepoint" if self.cut is Cut.CODEPOINT else "grapheme"
        )
        if self.languages:
            return split(sent, boundary=boundary, languages=self.languages, max_segments=MAX_PARTS)
        return split(sent, boundary=boundary, max_segments=MAX_PARTS)

    def _fixed_split(self, sent: str, core: Analysis) -> tuple[Part, ...]:
        encoding = core.encoding
        lock, single = core.locking_shift or 0, core.single_shift or 0
        octets = _encode(sent, encoding, lock, single)
        per_unit = 1 if encoding is Encoding.GSM7 else 2
        widths = _unit_widths(sent, encoding, lock, single)
        count, capacity = self._fixed_count(sent, core)
        if count > MAX_PARTS:
            raise MessageTooLong(count, MAX_PARTS)
        if count == 1:
            return (
                Part(
                    index=0,
                    text=sent,
                    units=core.units,
                    octets=octets,
                    start=0,
                    end=len(sent),
                    capacity=capacity,
                    encoding=encoding,
                ),
            )
        parts = []
        position = 0  # units before character ``index``
        index = 0
        for k in range(count):
            lo, hi = k * capacity, min((k + 1) * capacity, core.units)
            start = index
            while index < len(sent) and position < hi:
                position += widths[index]
                index += 1
            cut_inside = None
            if position > hi:
                cut_inside = "escape pair" if encoding is Encoding.GSM7 else "surrogate pair"
            parts.append(
                Part(
                    index=k,
                    text=sent[start:index],
                    units=hi - lo,
                    octets=octets[lo * per_unit : hi * per_unit],
                    start=start,
                    end=index,
                    capacity=capacity,
                    encoding=encoding,
                    cut_inside=cut_inside,
                )
            )
        return tuple(parts)

    def sender_problem(self, sender: str) -> str | None:
        """Why this provider refuses ``sender`` as a sender id, or ``None`` (see
        :class:`SenderRules`)."""
        return self.sender.problem(sender)


@lru_cache(maxsize=32)
def _kept_pattern(keep: str) -> re.Pattern[str]:
    """A pattern that splits a text around the characters of ``keep`` (kept in the result)."""
    return re.compile("([" + re.escape(keep) + "])")


@lru_cache(maxsize=32)
def _foreign_pattern(keep: str) -> re.Pattern[str]:
    """A pattern matching each character outside the default alphabet and ``keep``."""
    chars = "".join(sorted(set(DEFAULT.encoding_map) | set(keep)))
    return re.compile("[^" + re.escape(chars) + "]")


def _unit_widths(text: str, encoding: Encoding, lock: int, single: int) -> list[int]:
    if encoding is Encoding.GSM7:
        costs = charset(lock, single).costs(text)
        assert costs is not None  # the core chose GSM-7 with these tables
        return [1 + c for c in costs]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def _cuts_a_pair(widths: list[int], capacity: int) -> bool:
    """Whether cutting the unit stream every ``capacity`` units splits a character."""
    position = 0
    for width in widths:
        if width > 1 and position // capacity != (position + width - 1) // capacity:
            return True
        position += width
    return False


def _encode(text: str, encoding: Encoding, lock: int, single: int) -> bytes:
    """Unpacked GSM septets (ESC its own octet) or UTF-16BE."""
    if encoding is Encoding.UCS2:
        return text.encode("utf-16-be")
    table = charset(lock, single).encoding_map
    out = bytearray()
    for ch in text:
        code = table[ch]
        if code > 0xFF:
            out.append(code >> 8)
        out.append(code & 0x7F)
    return bytes(out)


def _cluster_ends(text: str) -> frozenset[int]:
    ends = {0}
    for m in _CLUSTER.finditer(text):
        ends.add(m.end())
    return frozenset(ends)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileAnalysis:
    """What one provider sends and bills for a text (:meth:`Profile.analyze`).

    Attributes:
        profile: the profile.
        text: the text given.
        sent: the text the provider sends (after line breaks, stripping, smart encoding).
        spec: :func:`~smsparts.analyze` of ``text`` with the default options (3GPP).
        billed: the same facts as the provider counts them, as an
            :class:`~smsparts.Analysis` of ``sent`` (its ``segments`` are the billed ones).
        limits_hit: the limits exceeded, maxima first.
        line_breaks_added: characters the line-break rule added (negative: removed).
        smart_encoded: whether the provider's smart encoding or replacement changed
            the text.
        corrupts: a part ends inside an escape or surrogate pair (naive and bytes cuts).
        splits_clusters: a part ends inside a grapheme cluster (codepoint cut).
        reasons: why the count differs from the spec's, one sentence each (empty when
            it does not differ).
    """

    profile: Profile
    text: str
    sent: str
    spec: Analysis
    billed: Analysis
    limits_hit: tuple[LimitHit, ...]
    line_breaks_added: int
    smart_encoded: bool
    corrupts: bool
    splits_clusters: bool
    reasons: tuple[str, ...]

    @property
    def segments(self) -> int:
        """Parts sent and billed under this profile."""
        return self.billed.segments

    @property
    def encoding(self) -> Encoding:
        """The encoding the provider sends the message in."""
        return self.billed.encoding

    @property
    def units(self) -> int:
        """Septets or UTF-16 code units of the text sent."""
        return self.billed.units

    @property
    def characters(self) -> int:
        """Characters (code points) of the text sent: what character limits count."""
        return len(self.sent)

    @property
    def ok(self) -> bool:
        """Whether the provider accepts the message (no maximum exceeded)."""
        return not any(hit.blocking for hit in self.limits_hit)

    @property
    def extra_segments(self) -> int:
        """Billed segments minus the spec's (negative when the provider bills fewer)."""
        return self.billed.segments - self.spec.segments

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "profile": self.profile.name,
            "encoding": self.encoding.value,
            "units": self.units,
            "characters": self.characters,
            "segments": self.segments,
            "spec_segments": self.spec.segments,
            "limits_hit": [
                {"kind": h.kind.value, "limit": h.limit, "value": h.value, "blocking": h.blocking}
                for h in self.limits_hit
            ],
            "corrupts": self.corrupts,
            "reasons": list(self.reasons),
        }


def _unit(a: Analysis) -> str:
    return "septets" if a.encoding is Encoding.GSM7 else "code units"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _reasons(r: ProfileAnalysis, reference: Analysis) -> tuple[str, ...]:
    """Why ``r`` differs from the spec; ``reference`` is the spec rule on the text sent."""
    p, spec, billed = r.profile, r.spec, r.billed
    out: list[str] = []
    if r.line_breaks_added:
        verb = "adds" if r.line_breaks_added > 0 else "removes"
        out.append(
            f"line breaks sent as {p.line_breaks.value}: "
            f"{verb} {_plural(abs(r.line_breaks_added), 'character')}"
        )
    if p.strip and r.text.strip() != r.text:
        out.append("leading and trailing white space removed")
    if r.smart_encoded and (spec.encoding, spec.units) != (billed.encoding, billed.units):
        how = f"smart encoding ({p.smart_encoding.value})" if p.smart_encoding else "replacement"
        if spec.encoding is not billed.encoding:
            out.append(
                f"{how} sends {billed.encoding.value.upper()} where the spec needs "
                f"{spec.encoding.value.upper()}"
            )
        else:
            out.append(f"{how}: {spec.units} {_unit(spec)} become {billed.units}")
    if billed.locking_shift is not None or billed.single_shift is not None:
        out.append("national language tables used (23.038 6.2.1.2); the spec profile has none")
    if reference.segments != spec.segments:
        out.append(
            f"the text sent needs {_plural(reference.segments, 'segment')} with the spec's cut "
            f"(the spec profile: {spec.segments})"
        )
    if billed.segments != reference.segments or r.corrupts or r.splits_clusters:
        out.extend(_cut_reasons(r, reference))
    return tuple(out)


def _cut_reasons(r: ProfileAnalysis, reference: Analysis) -> list[str]:
    p, billed = r.profile, r.billed
    unit = _unit(billed)
    out: list[str] = []
    if p.cut is Cut.CODEPOINT:
        return ["cuts between code points inside grapheme clusters, which the spec keeps whole"]
    if p.cut is Cut.GRAPHEME:
        return out
    single, part = p._capacities(billed.encoding)
    spec_single, spec_part = _SPEC_CAPACITY[billed.encoding.value]
    measured = len(r.sent) if p.single_test == "characters" else billed.units
    if billed.segments == 1:
        if billed.units > spec_single:
            out.append(
                f"sent as one part of {billed.units} {unit}, more than the {spec_single} an "
                "SMS carries: the unsplit test counts characters, not units"
            )
    elif single < spec_single and measured <= spec_single:
        out.append(
            f"sent unsplit only up to {single} {unit} (the spec: {spec_single}): "
            f"{billed.units} {unit} are cut into {billed.segments} parts"
        )
    elif part < spec_part:
        out.append(f"cut every {part} {unit} (the spec: {spec_part})")
    elif billed.segments != reference.segments:
        what = "grapheme clusters"
        if r.corrupts:
            what = "escape pairs" if billed.encoding is Encoding.GSM7 else "surrogate pairs"
        out.append(
            f"counts ceil({billed.units} {unit} / {part}) = {billed.segments}, cutting inside "
            f"{what}, which the spec keeps whole"
        )
    if r.corrupts:
        what = "an escape pair" if billed.encoding is Encoding.GSM7 else "a surrogate pair"
        out.append(f"a part ends inside {what}: the handset shows a wrong character")
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """Several profiles' view of one text, side by side (:func:`compare`).

    Attributes:
        text: the text compared.
        rows: one :class:`ProfileAnalysis` per profile, in the order asked.
    """

    text: str
    rows: tuple[ProfileAnalysis, ...]

    def table(self) -> str:
        """A plain-text table: profile, encoding, units, characters, segments, limits.

        >>> print(compare("Hi", profiles=["spec", "naive"]).table())
        profile  encoding  units  chars  segments  limits  why it differs
        spec     gsm7          2      2         1  -       -
        naive    gsm7          2      2         1  -       -
        """
        header = ("profile", "encoding", "units", "chars", "segments", "limits", "why it differs")
        lines = []
        for row in self.rows:
            limits = "; ".join(str(hit) for hit in row.limits_hit) or "-"
            lines.append(
                (
                    row.profile.name,
                    row.encoding.value,
                    f"{row.units:,}",
                    f"{row.characters:,}",
                    f"{row.segments:,}",
                    limits,
                    "; ".join(row.reasons) or "-",
                )
            )
        return _render_table(header, lines, numeric={2, 3, 4})

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary: the text's length and one entry per profile."""
        return {"characters": len(self.text), "profiles": [row.as_dict() for row in self.rows]}


def _render_table(
    header: tuple[str, ...], lines: Sequence[tuple[str, ...]], *, numeric: set[int]
) -> str:
    """Columns padded to their widest cell (numbers right-aligned), the last one free."""
    rows = [header, *lines]
    widths = [max(len(line[i]) for line in rows) for i in range(len(header) - 1)]
    out = []
    for line in rows:
        cells = [
            cell.rjust(widths[i]) if i in numeric and line is not header else cell.ljust(widths[i])
            for i, cell in enumerate(line[:-1])
        ]
        out.append("  ".join([*cells, line[-1]]).rstrip())
    return "\n".join(out)


def _chosen(profiles: Iterable[Profile | str] | None) -> list[Profile]:
    if profiles is None:
        return list(PROFILES.values())
    if isinstance(profiles, str | Profile):
        raise TypeError("profiles must be an iterable of profiles or names, not one")
    return [resolve_profile(p) for p in profiles]


def compare(text: str, profiles: Iterable[Profile | str] | None = None) -> Comparison:
    """Every profile's count of ``text``, side by side.

    Args:
        text: the message.
        profiles: profiles or built-in names; ``None`` for every built-in, in
            :data:`PROFILES` order.

    Raises:
        TypeError: ``text`` is not a ``str``, or a profile is neither a name nor a Profile.
        InvalidOption: a name is not a built-in.
        InvalidCharacter: ``text`` holds a lone surrogate.

    >>> [(row.profile.name, row.segments) for row in compare("]" * 153, ["spec", "notify"]).rows]
    [('spec', 3), ('notify', 2)]
    """
    check_str("text", text)
    return Comparison(text=text, rows=tuple(p.analyze(text) for p in _chosen(profiles)))


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileTotal:
    """One profile's bill for many messages (:func:`compare_many`).

    Attributes:
        profile: the profile.
        messages: messages counted.
        segments: segments billed for them all.
        spec_segments: what the spec profile counts for the same texts.
        refused: messages above one of the profile's maxima.
        corrupting: messages sent with a part ending inside an escape or surrogate pair.
        differing: messages billed a different number of segments than the spec's.
    """

    profile: Profile
    messages: int
    segments: int
    spec_segments: int
    refused: int
    corrupting: int
    differing: int

    @property
    def extra_segments(self) -> int:
        """Segments billed beyond the spec's count (negative when fewer)."""
        return self.segments - self.spec_segments


@dataclass(frozen=True, slots=True, kw_only=True)
class Totals:
    """Several profiles' bills for the same messages, side by side (:func:`compare_many`).

    Attributes:
        rows: one :class:`ProfileTotal` per profile, in the order asked.
    """

    rows: tuple[ProfileTotal, ...]

    def table(self) -> str:
        """A plain-text table: messages, segments, difference with the spec, refusals.

        >>> print(compare_many(["]" * 153, "Hi"], ["spec", "naive"]).table())
        profile  messages  segments  vs spec  refused  corrupting  differing
        spec            2         4        0        0           0          0
        naive           2         3       -1        0           1          1
        """
        header: tuple[str, ...] = ("profile", "messages", "segments", "vs spec", "refused")
        header += ("corrupting", "differing")
        lines = [
            (
                row.profile.name,
                f"{row.messages:,}",
                f"{row.segments:,}",
                f"{row.extra_segments:+,}" if row.extra_segments else "0",
                f"{row.refused:,}",
                f"{row.corrupting:,}",
                f"{row.differing:,}",
            )
            for row in self.rows
        ]
        # The last column is numeric too: pad it like the others.
        width = max(len(header[-1]), *(len(line[-1]) for line in lines))
        header = (*header[:-1], header[-1].rjust(width))
        lines = [(*line[:-1], line[-1].rjust(width)) for line in lines]
        return _render_table(header, lines, numeric={1, 2, 3, 4, 5})

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary, one entry per profile."""
        return {
            "profiles": [
                {
                    "profile": row.profile.name,
                    "messages": row.messages,
                    "segments": row.segments,
                    "spec_segments": row.spec_segments,
                    "refused": row.refused,
                    "corrupting": row.corrupting,
                    "differing": row.differing,
                }
                for row in self.rows
            ]
        }


def compare_many(texts: Iterable[str], profiles: Iterable[Profile | str] | None = None) -> Totals:
    """Every profile's bill for many messages (a template rendered for each contact).

    Streams ``texts`` once; memory does not grow with their number.

    Args:
        texts: the messages, for example ``(t.render(c) for c in contacts)``.
        profiles: as for :func:`compare`.

    Raises:
        TypeError, InvalidOption, InvalidCharacter: as for :func:`compare`.
    """
    chosen = _chosen(profiles)
    counts = [[0, 0, 0, 0, 0, 0] for _ in chosen]
    for text in texts:
        spec = analyze(check_str("text", text)).segments
        for total, profile in zip(counts, chosen, strict=True):
            sent = text if profile._plain else profile._prepare(text)[0]
            fixed = profile.cut in (Cut.NAIVE, Cut.BYTES)
            billed, corrupts, _ = profile._billed(sent, profile._core(sent), details=fixed)
            total[0] += 1
            total[1] += billed.segments
            total[2] += spec
            total[3] += any(hit.blocking for hit in profile._limits(billed.segments, len(sent)))
            total[4] += corrupts
            total[5] += billed.segments != spec
    return Totals(
        rows=tuple(
            ProfileTotal(
                profile=profile,
                messages=c[0],
                segments=c[1],
                spec_segments=c[2],
                refused=c[3],
                corrupting=c[4],
                differing=c[5],
            )
            for profile, c in zip(chosen, counts, strict=True)
        )
    )


# ---------------------------------------------------------------------------
# built-ins

_TS_23040: Final = "3GPP TS 23.040 9.2.3.24.1 (concatenation) and TS 23.038 6.2.1 (alphabets)"

SPEC: Final = Profile(
    name="spec",
    summary="3GPP TS 23.038 / 23.040: what smsparts.analyze counts (the default)",
    sources=(_TS_23040,),
)
"""The spec: today's :func:`~smsparts.analyze` exactly (grapheme clusters, escape and
surrogate pairs never cut; 160/153 septets, 70/67 code units; at most 255 segments,
the one-octet sequence number of 23.040 9.2.3.24.1).  Sender rules: the campaign
platform's (alphanumeric up to 11, numeric up to 15 digits)."""

TWILIO: Final = Profile(
    name="twilio",
    summary="Twilio Programmable Messaging, without Smart Encoding",
    sources=(
        "https://www.twilio.com/docs/glossary/what-sms-character-limit",
        "https://www.twilio.com/docs/glossary/what-is-ucs-2-character-encoding",
        "https://support.twilio.com/hc/en-us/articles/360033806753"
        " (1,600 characters; keep under 320)",
        "https://www.twilio.com/docs/api/errors/21617",
        "https://www.twilio.com/docs/glossary/what-alphanumeric-sender-id",
        "TwilioDevEd/message-segment-calculator src/libs/SegmentedMessage.ts "
        "(commit 29a4bc2f): segments built grapheme by grapheme",
    ),
    max_characters=1600,
    advised_characters=320,
    notes=(
        "Twilio's calculator keeps each grapheme (an escape pair is one) in one segment; "
        "a grapheme larger than a segment is not handled there and is cut by code point "
        "here. Whether the 1,600 limit counts code points or UTF-16 units is not stated "
        "(error 21617 only says non-GSM characters 'use more space'): code points here. "
        "No segment cap is documented besides the body limit. The calculator splits a "
        "CR LF pair into two characters; the core keeps it whole in UCS-2 (a grapheme "
        "cluster), which can differ by one segment at a boundary."
    ),
)
"""Twilio: segments as the spec with grapheme clusters kept whole (its public segment
calculator splits the body into graphemes and fills 1120-bit segments, 6-octet header);
a body above 1,600 characters is refused (error 21617); at most 320 characters advised.
Alphanumeric sender: up to 11 ASCII letters, digits and spaces, at least one letter."""

TWILIO_SMART: Final = replace(
    TWILIO,
    name="twilio-smart",
    summary="Twilio with a Messaging Service's Smart Encoding on",
    sources=(
        *TWILIO.sources,
        "https://www.twilio.com/docs/messaging/services/smart-encoding-char-list",
    ),
    smart_encoding=Level.TYPOGRAPHY,
    notes=TWILIO.notes
    + " Smart Encoding is modelled by smsparts' typography level (quotes, dashes, "
    "spaces, invisible characters), close to Twilio's published list but not identical.",
)
"""Twilio with Smart Encoding (a Messaging Service option): Unicode punctuation replaced
by GSM look-alikes before counting, modelled by the ``typography`` level."""

SMPP: Final = Profile(
    name="smpp",
    summary="a plain SMPP gateway: code point boundaries, 255 parts",
    sources=(
        _TS_23040,
        "SMPP v3.4 (submit_sm short_message with the UDHI flag of esm_class set)",
    ),
    cut=Cut.CODEPOINT,
    notes="A generic gateway: which gateways cut this way is not documented here.",
)
"""A plain SMPP gateway: greedy like the spec but only escape and surrogate pairs are
kept whole, so a flag or a family emoji may straddle two parts (shown right after
reassembly, but it can cost a segment less than the spec's count)."""

SMPP_BYTES: Final = Profile(
    name="smpp-bytes",
    summary="Cloudhopper-style byte splitter: 140 octets unsplit, then 134-octet parts",
    sources=(
        "twitter/cloudhopper-smpp GsmUtil.createConcatenatedBinaryShortMessages: "
        "unsplit up to 140 octets, else chunks of 134 (140 - 6-octet UDH)",
        "cloudhopper-commons CharsetUtil.CHARSET_GSM: unpacked, one octet per septet",
    ),
    cut=Cut.BYTES,
    gsm7_single_septets=140,
    gsm7_part_septets=134,
    ucs2_single_code_units=70,
    ucs2_part_code_units=67,
    notes=(
        "GSM text is encoded unpacked (CHARSET_GSM) before the byte split, so a part holds "
        "134 septets, not 153, and an escape pair or a surrogate pair may be cut. "
        "Cloudhopper leaves the choice of UCS-2 to the caller; here it is automatic."
    ),
)
"""Cloudhopper's ``GsmUtil.createConcatenatedBinaryShortMessages``: the encoded user data
(GSM unpacked, one octet per septet, or UTF-16BE) is sent unsplit up to 140 octets,
else cut into 134-octet chunks, blind to escape and surrogate pairs."""

SMPPLIB: Final = Profile(
    name="smpplib",
    summary="python-smpplib make_parts: unsplit up to 160/70 characters, 153/134-octet parts",
    sources=(
        "python-smpplib/python-smpplib smpplib/gsm.py make_parts and consts.py "
        "(SEVENBIT_LENGTH 160, SEVENBIT_PART_SIZE 153, UCS2_LENGTH 70, UCS2_PART_SIZE 134); "
        "the source says: 'a character may be broken by splitting'",
    ),
    cut=Cut.BYTES,
    single_test="characters",
    notes=(
        "smpplib decides on len(text) (characters), so 160 '€' go unsplit as 320 septets; "
        "smpplib 2.2.3 raised UCS2_LENGTH to 140 (not modelled)."
    ),
)
"""python-smpplib's ``make_parts``: unsplit when the text has at most 160 (GSM) or 70
(UCS-2) characters, else the unpacked encoding cut every 153 octets (GSM) or 134
(UCS-2), blind to escape and surrogate pairs."""

_WELSH_NON_GSM: Final = "".join(
    sorted(
        set("àèìòùẁỳÀÈÌÒÙẀỲáéíóúẃýÁÉÍÓÚẂÝäëïöüẅÿÄËÏÖÜẄŸâêîôûŵŷÂÊÎÔÛŴŶ") - set(DEFAULT.encoding_map)
    )
)

NOTIFY: Final = Profile(
    name="notify",
    summary="GOV.UK Notify: downgrade to GSM, then ceil(units / 153), 918 characters",
    sources=(
        "alphagov/notifications-utils notifications_utils/template.py "
        "get_sms_fragment_count: 1 if count <= 160 else ceil(count / 153) (70/67 unicode)",
        "alphagov/notifications-utils notifications_utils/__init__.py: "
        "SMS_CHAR_COUNT_LIMIT = 918  # 153 * 6",
        "alphagov/notifications-utils notifications_utils/sanitise_text.py SanitiseSMS "
        "(commit 43e20cd7): accents stripped, Welsh letters kept, others replaced by '?'",
        "alphagov/notifications-admin tests: sender id up to 11 characters, letters, "
        "numbers, spaces and & . - _",
    ),
    cut=Cut.NAIVE,
    line_breaks=LineBreaks.LF,
    strip=True,
    smart_encoding=Level.ASCII,
    keep=_WELSH_NON_GSM,
    unmappable="?",
    max_characters=918,
    sender=SenderRules(extra_characters="&.-_"),
    notes=(
        "Notify's downgrade is modelled by smsparts' ascii level (Notify writes c for ç "
        "where smsparts writes Ç; both one septet). Notify also removes white space before "
        "punctuation (not modelled). The 918 limit counts characters with extended "
        "characters once, as here."
    ),
)
"""GOV.UK Notify: the message is downgraded to GSM (accents stripped, Welsh accented
letters kept and sending UCS-2, anything else ``?``), line breaks normalised to LF and
the text stripped; then ``1 if n <= 160 else ceil(n / 153)`` with extended characters
counted twice (70 and 67 for UCS-2); above 918 characters (6 x 153) it is refused."""

NAIVE: Final = Profile(
    name="naive",
    summary="ceil(units / 153) or ceil(units / 67): the usual hand-written counter",
    sources=(_TS_23040 + " (capacities only; the pair rule is ignored)",),
    cut=Cut.NAIVE,
)
"""The naive counter: 1 segment up to 160 septets / 70 code units, else
``ceil(units / 153)`` / ``ceil(units / 67)``, escape and surrogate pairs not kept whole."""

#: The built-in profiles by name, in the order :func:`compare` shows them.
PROFILES: Final[Mapping[str, Profile]] = {
    p.name: p for p in (SPEC, TWILIO, TWILIO_SMART, SMPP, SMPP_BYTES, SMPPLIB, NOTIFY, NAIVE)
}


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def profile_named(name: str) -> Profile:
    """The built-in profile called ``name``.

    Raises:
        TypeError: ``name`` is not a ``str``.
        InvalidOption: no built-in has that name (the closest is suggested).

    >>> profile_named("twilio").max_characters
    1600
    >>> try:
    ...     profile_named("twillio")
    ... except InvalidOption as exc:
    ...     print(exc.expected.split(" (")[1])
    did you mean 'twilio'?)
    """
    check_str("profile", name)
    found = PROFILES.get(name)
    if found is None:
        listed = ", ".join(repr(n) for n in PROFILES)
        raise InvalidOption("profile", name, f"one of {listed}{_suggest(name, PROFILES)}")
    return found


def resolve_profile(profile: Profile | str) -> Profile:
    """``profile`` itself, or the built-in it names (what ``profile=`` options accept)."""
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str):
        return profile_named(profile)
    raise TypeError(f"profile must be a Profile or a str, not {type(profile).__name__}")


# ---------------------------------------------------------------------------
# custom profiles from TOML or JSON

_SENDER_KEYS: Final = {
    "sender_alphanumeric_max": "alphanumeric_max",
    "sender_numeric_max": "numeric_max",
    "sender_extra_characters": "extra_characters",
}
_PROFILE_KEYS: Final = tuple(f.name for f in fields(Profile) if f.init and f.name != "sender")
_KEYS: Final = (*_PROFILE_KEYS, *_SENDER_KEYS, "base")


def _line_of(key: str, source: str | None) -> int | None:
    if source is None:
        return None
    pattern = re.compile(rf'^[ \t]*(?:"{re.escape(key)}"\s*:|{re.escape(key)}\s*=)', re.MULTILINE)
    m = pattern.search(source)
    if m is None:
        pattern = re.compile(rf'"{re.escape(key)}"\s*:')
        m = pattern.search(source)
    return None if m is None else source.count("\n", 0, m.start()) + 1


def _where(key: str, source: str | None) -> str:
    line = _line_of(key, source)
    return key if line is None else f"{key} (line {line})"


def profile_from_mapping(data: Mapping[str, object], *, source: str | None = None) -> Profile:
    """A :class:`Profile` from a mapping of its fields (what a TOML or JSON file holds).

    Keys are the :class:`Profile` fields, plus ``base`` (a built-in to start from),
    ``sender_alphanumeric_max``, ``sender_numeric_max`` and ``sender_extra_characters``;
    ``sources`` and ``languages`` are lists.  An unknown key is an error with the
    closest known key suggested.

    Args:
        data: the mapping.
        source: the file's text, so that errors name the line of the key.

    Raises:
        InvalidOption: an unknown key, or a bad value (named with its line when
            ``source`` is given).
        TypeError: ``data`` is not a mapping, or a value has the wrong type.

    >>> profile_from_mapping({"name": "ten", "base": "twilio", "max_segments": 10}).max_segments
    10
    >>> profile_from_mapping({"name": "x", "max_segment": 10})
    Traceback (most recent call last):
    ...
    smsparts.errors.InvalidOption: max_segment must be a known key (did you mean \
'max_segments'?), not 10
    """
    if not isinstance(data, Mapping):
        raise TypeError(f"a profile must be a mapping, not {type(data).__name__}")
    for key, value in data.items():
        if key not in _KEYS:
            raise InvalidOption(
                _where(str(key), source), value, "a known key" + _suggest(str(key), _KEYS)
            )
    base = SPEC
    if "base" in data:
        try:
            base = profile_named(check_str("base", data["base"]))
        except (InvalidOption, TypeError) as exc:
            raise InvalidOption(_where("base", source), data["base"], _expected(exc)) from None
    values: dict[str, object] = {}
    for key, value in data.items():
        if key in _PROFILE_KEYS:
            values[key] = (
                tuple(value)
                if key in ("sources", "languages") and isinstance(value, list)
                else value
            )
    sender = {_SENDER_KEYS[k]: v for k, v in data.items() if k in _SENDER_KEYS}
    if "name" not in data:
        raise InvalidOption("name", None, "given: a custom profile needs a name")
    try:
        if sender:
            for key, value in sender.items():
                if key == "extra_characters":
                    check_str("sender_" + key, value)
                else:
                    check_int("sender_" + key, value, 1, 255)
            values["sender"] = replace(base.sender, **sender)  # type: ignore[arg-type]
        if base is not SPEC and "notes" not in data:
            values.setdefault("notes", base.notes)
        return replace(base, **values)  # type: ignore[arg-type]
    except InvalidOption as exc:
        raise InvalidOption(_where(exc.option, source), exc.value, exc.expected) from None
    except TypeError as exc:
        key = str(exc).split(" ", 1)[0]
        line = _line_of(key, source)
        raise TypeError(f"line {line}: {exc}" if line else str(exc)) from None


def _expected(exc: Exception) -> str:
    if isinstance(exc, InvalidOption):
        return exc.expected
    return "a str naming a built-in profile"


def load_profile(path: str | Path) -> Profile:
    """A custom profile from a ``.toml`` or ``.json`` file (see :func:`profile_from_mapping`).

    Raises:
        InvalidOption: the file does not parse (with its line), or a key or value is bad.
        OSError: the file cannot be read.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidOption(f"{path.name} (line {exc.lineno})", exc.msg, "valid JSON") from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InvalidOption(path.name, str(exc), "valid TOML") from None
    if not isinstance(data, dict):
        raise InvalidOption(path.name, type(data).__name__, "a table (an object) of profile keys")
    return profile_from_mapping(data, source=text)
