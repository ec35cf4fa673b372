"""The platform's campaign payload, checked field by field, with its billing estimate.

The payload is the ``sms.campain.create`` object of the platform's SDK as JSON:
``name?``, ``contacts`` (``{id?, phone, name?, firstName?, lastName?, sex?}``),
``groupsIds?``, ``text``, ``senderId?``, ``type?`` (``"SMS"``, ``"SCHEDULED"``,
``"RECURRING"``), ``scheduledDate?`` and ``recurring?``.  A :class:`CampaignChecker` is
built once from the payload and its options: it checks everything that does not depend
on a contact (text and template, sender, type, schedule, groups) once, then checks
contacts as a stream (the payload's, then contact files read through
:mod:`smsparts.readers`, then the groups), keeping only counts, the first issues of
each code and the set of phones seen (as ints).  Bad data is never an exception: every
problem is an :class:`Issue` in the :class:`CampaignReport`.

The report is a mergeable value: reports of partitions of a contact list add up with
``+`` (issue counts exact, the first issues of each code kept in stream order, the
:class:`~smsparts.estimate.Estimate` summed), and :meth:`CampaignReport.to_state` /
:meth:`CampaignReport.from_state` round-trip through JSON.  Duplicate phones are found
exactly within one run; two partitions checked apart cannot see each other's phones
(see docs/campaign.md).

This module imports :mod:`phonenumbers` (through :mod:`smsparts.phone`): import it
explicitly (``from smsparts.campaign import check_campaign``); ``import smsparts`` does
not.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from enum import StrEnum
from typing import Any, Final, Literal, Protocol, TypeGuard

from . import _variables as _v
from ._options import check_bool, check_choice, check_int, check_type
from .charset import DEFAULT, Encoding
from .errors import (
    InvalidCharacter,
    InvalidOption,
    MissingValue,
    TemplateSyntaxError,
    UnknownVariable,
)
from .estimate import Cost, Estimate, PriceTable
from .readers import ContactRow
from .schedule import (
    WEEKDAYS,
    InvalidDate,
    nearest_slots,
    now_utc,
    occurrences_until,
    on_grid,
    parse_date,
    resolve_zone,
    weekday_name,
)
from .segment import MAX_SEGMENTS, Analysis, analyze
from .template import Template
from .transliteration import Level, transliterate, transliterate_text

__all__ = [
    "CONTACT_FIELDS",
    "PAYLOAD_KEYS",
    "TYPES",
    "CampaignChecker",
    "CampaignReport",
    "CampaignRun",
    "Issue",
    "ScheduleFacts",
    "Severity",
    "check_campaign",
]

#: Keys of the platform's ``sms.campain.create`` object.
PAYLOAD_KEYS: Final = (
    "name",
    "contacts",
    "groupsIds",
    "text",
    "senderId",
    "type",
    "scheduledDate",
    "recurring",
)
#: Fields of the platform's ``Contact`` object.
CONTACT_FIELDS: Final = ("id", "phone", "name", "firstName", "lastName", "sex")
#: Campaign types (``type``); ``"SMS"`` is the default.
TYPES: Final = ("SMS", "SCHEDULED", "RECURRING")

#: A numeric sender ID holds at most 15 digits, an alphanumeric one 11 characters (the
#: 11-octet limit of an alphanumeric TP-OA, 23.040 9.1.2.5, packed as 7-bit characters).
SENDER_DIGITS_MAX: Final = 15
SENDER_ALNUM_MAX: Final = 11
_SENDER_CHARS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ")

#: The contact field a built-in variable names when its value is missing.
_MISSING_FIELD: Final = {
    _v.FULL_NAME.key: "name",
    _v.FIRST_NAME.key: "firstName",
    _v.LAST_NAME.key: "lastName",
    _v.PHONE.key: "phone",
    _v.CIVILITY.key: "sex",
}

#: Spellings of contact fields seen in exports, to the platform's name.
_FIELD_ALIASES: Final = {
    "fullname": "name",
    "nomcomplet": "name",
    "nom": "lastName",
    "prenom": "firstName",
    "surname": "lastName",
    "familyname": "lastName",
    "givenname": "firstName",
    "telephone": "phone",
    "tel": "phone",
    "mobile": "phone",
    "msisdn": "phone",
    "phonenumber": "phone",
    "gender": "sex",
    "sexe": "sex",
    "genre": "sex",
}

#: Issue code families and the noun the summary sentence uses for each.
_NOUNS: Final = (
    ("phone.", "phone number", "phone numbers"),
    ("schedule.", "scheduled time", "scheduled times"),
    ("recurring.", "recurring day", "recurring days"),
    ("text.", "message text problem", "message text problems"),
    ("template.missing_value", "missing value", "missing values"),
    ("template.", "template problem", "template problems"),
    ("sender.", "sender ID", "sender IDs"),
    ("type.", "campaign type", "campaign types"),
    ("groups.", "group", "groups"),
    ("contact.", "contact field", "contact fields"),
    ("contacts.", "contact list", "contact lists"),
    ("file.", "file row", "file rows"),
    ("payload.", "payload field", "payload fields"),
)


class Severity(StrEnum):
    """How serious an :class:`Issue` is: an error stops the campaign (exit 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One problem found in a campaign.

    Attributes:
        severity: :class:`Severity`.
        code: a stable dotted identifier (``phone.plus_sign``, ``schedule.in_past``).
        path: the field: ``text``, ``senderId``, ``type``, ``scheduledDate``,
            ``recurring.monday``, ``groupsIds[1]``, ``contacts[3].phone``, or
            ``FILE:LINE.field`` for a contact read from a file (LINE 1-based; a CSV
            header is line 1), ``groups.ID[2].phone`` for a group member.
        message: one English sentence for a person.

    >>> Issue(severity=Severity.ERROR, code="text.required", path="text",
    ...       message="text is required").to_json()
    {'severity': 'error', 'code': 'text.required', 'path': 'text', 'message': 'text is required'}
    """

    severity: Severity
    code: str
    path: str
    message: str

    def to_json(self) -> dict[str, str]:
        """``{"severity", "code", "path", "message"}``."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "path": self.path,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Issue:
        """The issue :meth:`to_json` wrote."""
        return cls(
            severity=Severity(data["severity"]),
            code=str(data["code"]),
            path=str(data["path"]),
            message=str(data["message"]),
        )


#: Where an issue sits in the stream, for a deterministic order across partitions:
#: (stage, source index, line or index, sequence within it).  Stages: 0 the payload's
#: own fields, 1 the payload's contacts, 2 contact files, 3 groups.
OrderKey = tuple[int, int, int, int]
_PAYLOAD, _CONTACTS, _FILES, _GROUPS = 0, 1, 2, 3

_GSM7: Final = Encoding.GSM7
_non_gsm: Final = DEFAULT._first_non_gsm.findall
#: Distinct rendered texts whose facts a run keeps (then the cache starts again).
_FACTS_CACHE: Final = 50_000

#: ``on_message(phone, text, analysis)``: one recipient's message, as it is sent.
MessageSink = Callable[[str, str, Analysis], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleFacts:
    """When a campaign is sent: what the estimate is multiplied by.

    Attributes:
        type: the campaign type checked (``"SMS"`` when it was not understood).
        occurrences_per_week: the number of weekdays of a recurring campaign, else
            ``None``.
        until: the last day counted for a recurring campaign, or ``None``.
        occurrences: sends from ``now`` to the end of ``until`` (recurring with
            ``until``), 1 for a standard or scheduled campaign, else ``None``.
    """

    type: str = "SMS"
    occurrences_per_week: int | None = None
    until: date | None = None
    occurrences: int | None = 1

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return {
            "type": self.type,
            "occurrences_per_week": self.occurrences_per_week,
            "until": None if self.until is None else self.until.isoformat(),
            "occurrences": self.occurrences,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScheduleFacts:
        """The facts :meth:`to_json` wrote."""
        until = data.get("until")
        return cls(
            type=str(data["type"]),
            occurrences_per_week=data.get("occurrences_per_week"),
            until=None if until is None else date.fromisoformat(until),
            occurrences=data.get("occurrences"),
        )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _and(words: Sequence[str]) -> str:
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _noun(code: str) -> tuple[str, str]:
    for prefix, one, many in _NOUNS:
        if code.startswith(prefix):
            return one, many
    return "problem", "problems"


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignReport:
    """The result of a campaign check: issues, their counts, the estimate.

    Attributes:
        issues: the issues kept (all, or the first ``max_issues`` of each code), in
            stream order: the payload's fields, its contacts, the files, the groups.
        issue_counts: ``(code, count)`` of every issue found, sorted by code; exact
            even when ``issues`` is capped.
        severities: ``(code, severity)`` of each code found.
        estimate: the :class:`~smsparts.estimate.Estimate` of the recipients sent.
        prices: the price table the estimate was made with, or ``None``.
        schedule: :class:`ScheduleFacts`.
        max_issues: how many issues of each code are kept (``None``: all).
        max_segments: the most segments a message may take.
        level: the transliteration level the savings are counted at.
        template_ucs2: the characters of the template's own text that force UCS-2
            (the others in ``estimate.ucs2_chars`` come from contact values).
        order: where each kept issue sits in the stream (for merging).
    """

    issues: tuple[Issue, ...] = ()
    issue_counts: tuple[tuple[str, int], ...] = ()
    severities: tuple[tuple[str, Severity], ...] = ()
    estimate: Estimate = field(default_factory=Estimate)
    prices: PriceTable | None = None
    schedule: ScheduleFacts = field(default_factory=ScheduleFacts)
    max_issues: int | None = None
    max_segments: int = MAX_SEGMENTS
    level: Level = Level.ASCII
    template_ucs2: tuple[str, ...] = ()
    order: tuple[OrderKey, ...] = field(default=(), repr=False)

    # ------------------------------------------------------------------ facts

    def count(self, severity: Severity | str) -> int:
        """How many issues of ``severity`` were found (all, not only those kept)."""
        wanted = Severity(severity)
        by_code = dict(self.severities)
        return sum(n for code, n in self.issue_counts if by_code[code] is wanted)

    @property
    def ok(self) -> bool:
        """Whether the check found no error (warnings and info allowed)."""
        return self.count(Severity.ERROR) == 0

    @property
    def cost(self) -> Cost | None:
        """The estimate priced per occurrence, or ``None`` without a price table."""
        return None if self.prices is None else self.prices.cost(self.estimate)

    def summary(self) -> str:
        """One sentence: ``2 errors: fix 1 phone number and 1 scheduled time``.

        >>> CampaignReport().summary()
        'No errors: 0 recipients, 0 segments'
        """
        errors = self.count(Severity.ERROR)
        warnings = self.count(Severity.WARNING)
        if errors:
            by_noun: dict[tuple[str, str], int] = {}
            severities = dict(self.severities)
            for code, n in self.issue_counts:
                if severities[code] is Severity.ERROR:
                    noun = _noun(code)
                    by_noun[noun] = by_noun.get(noun, 0) + n
            order = [(one, many) for _, one, many in _NOUNS] + [("problem", "problems")]
            parts = [_plural(by_noun[noun], *noun) for noun in order if noun in by_noun]
            text = f"{_plural(errors, 'error', 'errors')}: fix {_and(parts)}"
            if warnings:
                text += f"; {_plural(warnings, 'warning', 'warnings')}"
            return text
        head = "No errors"
        if warnings:
            head += f", {_plural(warnings, 'warning', 'warnings')}"
        e = self.estimate
        text = (
            f"{head}: {_plural(e.recipients, 'recipient', 'recipients')}, "
            f"{_plural(e.segments, 'segment', 'segments')}"
        )
        cost = self.cost
        if cost is not None:
            text += f", cost {cost.total}"
        return text

    # ------------------------------------------------------------------ merging

    def __add__(self, other: object) -> CampaignReport:
        if not isinstance(other, CampaignReport):
            return NotImplemented
        for name in (
            "prices",
            "schedule",
            "max_issues",
            "max_segments",
            "level",
            "template_ucs2",
        ):
            if getattr(self, name) != getattr(other, name):
                raise ValueError(f"cannot merge reports made with different {name}")
        counts = dict(self.issue_counts)
        for code, n in other.issue_counts:
            counts[code] = counts.get(code, 0) + n
        severities = dict(self.severities)
        severities.update(other.severities)
        pairs = sorted(
            [
                *zip(self.order, self.issues, strict=True),
                *zip(other.order, other.issues, strict=True),
            ],
            key=lambda pair: pair[0],
        )
        if self.max_issues is not None:
            kept: dict[str, int] = {}
            capped = []
            for key, issue in pairs:
                seen = kept.get(issue.code, 0)
                if seen < self.max_issues:
                    kept[issue.code] = seen + 1
                    capped.append((key, issue))
            pairs = capped
        return CampaignReport(
            issues=tuple(issue for _, issue in pairs),
            issue_counts=tuple(sorted(counts.items())),
            severities=tuple(sorted(severities.items())),
            estimate=self.estimate + other.estimate,
            prices=self.prices,
            schedule=self.schedule,
            max_issues=self.max_issues,
            max_segments=self.max_segments,
            level=self.level,
            template_ucs2=self.template_ucs2,
            order=tuple(key for key, _ in pairs),
        )

    def merge(self, *others: CampaignReport) -> CampaignReport:
        """This report plus ``others`` (the same as ``+``, in any order)."""
        total = self
        for other in others:
            total = total + other
        return total

    # ------------------------------------------------------------------ JSON

    def to_json(self, *, max_issues: int | None = None) -> dict[str, Any]:
        """The ``--json`` object of ``smsparts check``.

        ``{"ok", "summary", "issues": [{"severity", "code", "path", "message"}, ...],
        "issue_counts": {code: n}, "estimate": {"recipients", "segments",
        "by_encoding": {"gsm7", "ucs2"}, "histogram": {"1": n}, "cost", ...}}``;
        ``max_issues`` keeps the first N issues of each code.
        """
        issues = self.issues
        if max_issues is not None:
            kept: dict[str, int] = {}
            shown = []
            for issue in issues:
                if kept.get(issue.code, 0) < max_issues:
                    kept[issue.code] = kept.get(issue.code, 0) + 1
                    shown.append(issue)
            issues = tuple(shown)
        estimate = self.estimate.to_json()
        estimate["max_segments"] = self.max_segments
        estimate["transliteration_level"] = self.level.value
        estimate["ucs2_sources"] = {
            ch: "template" if ch in self.template_ucs2 else "values"
            for ch, _ in self.estimate.ucs2_chars
        }
        cost = self.cost
        estimate["cost"] = None if cost is None else str(cost.total)
        estimate["cost_by_destination"] = (
            None
            if cost is None
            else {
                d.prefix: {
                    "recipients": d.recipients,
                    "segments": d.segments,
                    "price": str(d.price),
                    "cost": str(d.cost),
                }
                for d in cost.by_destination
            }
        )
        estimate["schedule"] = self.schedule.to_json()
        per_week = self.schedule.occurrences_per_week
        estimate["per_week"] = None if per_week is None else self._times(per_week, cost)
        occurrences = self.schedule.occurrences
        estimate["total"] = None if occurrences is None else self._times(occurrences, cost)
        return {
            "ok": self.ok,
            "summary": self.summary(),
            "issues": [issue.to_json() for issue in issues],
            "issue_counts": dict(self.issue_counts),
            "estimate": estimate,
        }

    def _times(self, occurrences: int, cost: Cost | None) -> dict[str, Any]:
        return {
            "occurrences": occurrences,
            "messages": self.estimate.messages * occurrences,
            "segments": self.estimate.segments * occurrences,
            "cost": None if cost is None else str(cost.total * occurrences),
        }

    def to_state(self) -> dict[str, Any]:
        """Everything, as JSON-able data, for :meth:`from_state` (partitions to merge).

        Unlike :meth:`to_json` it keeps each issue's place in the stream, so that
        reports made elsewhere merge into the same order as one run.
        """
        return {
            "issues": [
                [*key, issue.severity.value, issue.code, issue.path, issue.message]
                for key, issue in zip(self.order, self.issues, strict=True)
            ],
            "issue_counts": dict(self.issue_counts),
            "severities": {code: sev.value for code, sev in self.severities},
            "estimate": self.estimate.to_json(),
            "prices": None if self.prices is None else self.prices.to_json(),
            "schedule": self.schedule.to_json(),
            "max_issues": self.max_issues,
            "max_segments": self.max_segments,
            "level": self.level.value,
            "template_ucs2": list(self.template_ucs2),
        }

    @classmethod
    def from_state(cls, data: Mapping[str, Any]) -> CampaignReport:
        """The report :meth:`to_state` wrote."""
        order: list[OrderKey] = []
        issues = []
        for a, b, c, d, severity, code, path, message in data["issues"]:
            order.append((int(a), int(b), int(c), int(d)))
            issues.append(Issue(severity=Severity(severity), code=code, path=path, message=message))
        prices = data.get("prices")
        return cls(
            issues=tuple(issues),
            issue_counts=tuple(sorted((str(k), int(v)) for k, v in data["issue_counts"].items())),
            severities=tuple(sorted((str(k), Severity(v)) for k, v in data["severities"].items())),
            estimate=Estimate.from_json(data["estimate"]),
            prices=None if prices is None else PriceTable.from_json(prices),
            schedule=ScheduleFacts.from_json(data["schedule"]),
            max_issues=data.get("max_issues"),
            max_segments=int(data.get("max_segments", MAX_SEGMENTS)),
            level=Level(data.get("level", Level.ASCII.value)),
            template_ucs2=tuple(str(ch) for ch in data.get("template_ucs2", ())),
            order=tuple(order),
        )

    # ------------------------------------------------------------------ text

    def to_text(self, *, paths_per_code: int = 20, bar_width: int = 40) -> str:
        """The human report: the summary, issues grouped by code, the estimate.

        Each code shows its first ``paths_per_code`` paths and how many more; the
        histogram of segments per recipient is drawn as bars.
        """
        lines = [self.summary(), ""]
        counts = dict(self.issue_counts)
        by_code: dict[str, list[Issue]] = {}
        for issue in self.issues:
            by_code.setdefault(issue.code, []).append(issue)
        rank = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        severities = dict(self.severities)
        for code in sorted(counts, key=lambda c: (rank[severities[c]], c)):
            found = by_code.get(code, [])
            total = counts[code]
            head = f"{severities[code].value} {code} ({total:,})"
            if found:
                head += f": {found[0].message}"
            lines.append(head)
            for issue in found[:paths_per_code]:
                lines.append(
                    f"  {issue.path}" + ("" if issue is found[0] else f": {issue.message}")
                )
            more = total - min(len(found), paths_per_code)
            if more > 0:
                lines.append(f"  and {more:,} more")
        if counts:
            lines.append("")
        e = self.estimate
        lines.append(
            f"Estimate per send: {_plural(e.recipients, 'recipient', 'recipients')}, "
            f"{_plural(e.segments, 'segment', 'segments')} "
            f"(GSM-7 {e.gsm7_recipients:,}, UCS-2 {e.ucs2_recipients:,}); "
            f"{e.excluded:,} excluded, {e.duplicates:,} duplicates"
        )
        if e.histogram:
            top = max(n for _, n in e.histogram)
            for segments, n in e.histogram:
                bar = "█" * max(1, round(bar_width * n / top))
                lines.append(f"  {segments:>3} seg  {bar} {n:,}")
        if e.ucs2_chars:
            shown = ", ".join(
                f"{ch!r} {n:,}" + (" (template)" if ch in self.template_ucs2 else "")
                for ch, n in sorted(e.ucs2_chars, key=lambda pair: (-pair[1], pair[0]))
            )
            lines.append(f"Characters that forced UCS-2 (recipients): {shown}")
        if e.transliteration_saves:
            lines.append(
                f"Transliteration ({self.level.value}) would save "
                f"{_plural(e.transliteration_saves, 'segment', 'segments')} "
                f"for {_plural(e.transliteration_recipients, 'recipient', 'recipients')}"
            )
        if e.unresolved_groups:
            lines.append(
                f"{_plural(e.unresolved_groups, 'group is', 'groups are')} not counted "
                "(no groups mapping)"
            )
        cost = self.cost
        if cost is not None:
            lines.append(f"Cost per send: {cost.total}")
            for d in cost.by_destination:
                lines.append(
                    f"  {d.prefix}: {_plural(d.segments, 'segment', 'segments')} "
                    f"x {d.price} = {d.cost}"
                )
            for key, r, s in cost.unpriced:
                lines.append(f"  +{key}: no price for {r:,} recipients ({s:,} segments)")
        facts = self.schedule
        if facts.occurrences_per_week is not None:
            week = self._times(facts.occurrences_per_week, cost)
            line = f"Per week: {week['occurrences']} sends, {week['segments']:,} segments"
            if week["cost"] is not None:
                line += f", cost {week['cost']}"
            lines.append(line)
        if facts.until is not None and facts.occurrences is not None:
            over = self._times(facts.occurrences, cost)
            line = (
                f"Until {facts.until.isoformat()}: {over['occurrences']} sends, "
                f"{over['segments']:,} segments"
            )
            if over["cost"] is not None:
                line += f", cost {over['cost']}"
            lines.append(line)
        return "\n".join(lines)


# ---------------------------------------------------------------------------
# collecting issues


class _Issues:
    """Counts of every code, and the first ``cap`` issues of each with their place."""

    __slots__ = ("cap", "counts", "kept", "severities")

    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self.counts: dict[str, int] = {}
        self.kept: dict[str, list[tuple[OrderKey, Issue]]] = {}
        self.severities: dict[str, Severity] = {}

    def add(self, key: OrderKey, severity: Severity, code: str, path: str, message: str) -> None:
        count = self.counts.get(code, 0)
        self.counts[code] = count + 1
        self.severities[code] = severity
        if self.cap is None or count < self.cap:
            self.kept.setdefault(code, []).append(
                (key, Issue(severity=severity, code=code, path=path, message=message))
            )

    def pairs(self) -> list[tuple[OrderKey, Issue]]:
        return sorted((p for kept in self.kept.values() for p in kept), key=lambda p: p[0])


# ---------------------------------------------------------------------------
# contact sources


def _fold_key(name: str) -> str:
    return "".join(ch for ch in _v.fold(name) if ch.isalnum())


def _suggest_field(name: str) -> str | None:
    folded = _fold_key(name)
    if folded in _FIELD_ALIASES:
        return _FIELD_ALIASES[folded]
    by_fold = {_fold_key(f): f for f in CONTACT_FIELDS}
    if folded in by_fold:
        return by_fold[folded]
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def _suggest(value: str, choices: Sequence[str]) -> str | None:
    by_fold = {c.casefold(): c for c in choices}
    if value.strip().casefold() in by_fold:
        return by_fold[value.strip().casefold()]
    close = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    return by_fold[close[0]] if close else None


def _did_you_mean(suggestion: str | None) -> str:
    return "" if suggestion is None else f"; did you mean {suggestion!r}?"


def _first_line(error: Exception) -> str:
    return str(error).split("\n", 1)[0]


def _calling_codes() -> frozenset[str]:
    import phonenumbers

    return frozenset(str(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE)


# ---------------------------------------------------------------------------
# the checker


Missing = Literal["raise", "empty"]


class CampaignChecker:
    """A campaign payload compiled once, to check any number of contacts against it.

    Args:
        payload: the ``sms.campain.create`` object (a mapping, as parsed from JSON).
        now: the instant "in the past" is judged against (aware ``datetime`` or
            ISO-8601 string); default: the clock when the checker is built.
        tz: the zone in which recurring weekdays and times are read (IANA name or
            ``tzinfo``; default UTC).
        max_segments: the most segments a message may take (1..255; default 255,
            23.040 9.2.3.24.1).  A message above is an error on its recipient.
        missing: a recipient without a value for a template variable is an error
            (``"raise"``, default) or gets empty text (``"empty"``).
        defaults: text sent instead of a missing value, by variable name.
        prices: a :class:`~smsparts.estimate.PriceTable`, or ``None`` (no cost).
        groups: group id to its list of contacts, or ``None`` (groups not counted).
        until: the last day of a recurring campaign, for its total.
        max_issues: how many issues of each code a report keeps (``None``: all;
            counts are always exact).
        level: the transliteration level whose savings the estimate counts.
        fields: contact fields beyond the platform's that the contacts carry (when the
            messages are rendered from them, not by the platform): template variables
            may name them and they are not reported as unknown.
        contact_files: contacts also come from files (``smsparts check --contacts``,
            :func:`check_campaign`'s ``contacts``): the payload may then omit its own
            ``contacts`` without a ``contacts.required`` error.

    Raises:
        TypeError, InvalidOption: a bad option (never for bad payload data, which
            gives issues).
    """

    def __init__(
        self,
        payload: object,
        *,
        now: datetime | str | None = None,
        tz: str | tzinfo = "UTC",
        max_segments: int | None = None,
        missing: Missing = "raise",
        defaults: Mapping[str, str] | None = None,
        prices: PriceTable | None = None,
        groups: Mapping[str, object] | None = None,
        until: date | str | None = None,
        max_issues: int | None = None,
        level: Level | str = Level.ASCII,
        fields: Iterable[str] = (),
        contact_files: bool = False,
    ) -> None:
        from .phone import check_phone  # imports phonenumbers: only here

        self._check_phone = check_phone
        self._zone = resolve_zone(tz)
        self._now = self._option_now(now)
        self._max_segments = (
            MAX_SEGMENTS
            if max_segments is None
            else check_int("max_segments", max_segments, 1, 255)
        )
        self._missing: Missing = check_choice("missing", missing, ("raise", "empty"))
        self._defaults = dict(defaults or {})
        for name, value in self._defaults.items():
            check_type(f"defaults[{name!r}]", value, str, "a str")
        if prices is not None:
            check_type("prices", prices, PriceTable, "a PriceTable")
        self._prices = prices
        if groups is not None:
            check_type("groups", groups, Mapping, "a mapping of group id to contacts")
        self._groups = groups
        self._until = self._option_until(until)
        self._max_issues = None if max_issues is None else check_int("max_issues", max_issues, 0)
        self._level = Level(check_choice("level", str(level), tuple(lv.value for lv in Level)))
        if isinstance(fields, str):
            raise TypeError("fields must be an iterable of field names, not one str")
        self._extra_fields = frozenset(str(f) for f in fields)
        self._contact_files = check_bool("contact_files", contact_files)
        self._issues = _Issues(self._max_issues)
        self._seq = 0
        self._payload: Mapping[str, Any] = payload if isinstance(payload, Mapping) else {}
        self._contacts: Sequence[object] = ()
        self._group_ids: list[tuple[int, str]] = []
        self._unresolved_groups = 0
        self._template: Template | None = None
        self._template_ucs2: frozenset[str] = frozenset()
        self._known_fields = frozenset(CONTACT_FIELDS) | self._extra_fields
        self._calling_codes = _calling_codes()
        self._schedule = ScheduleFacts()
        if not isinstance(payload, Mapping):
            self._add(
                "",
                "payload.not_object",
                Severity.ERROR,
                f"the payload must be a JSON object, not {type(payload).__name__}",
            )
        else:
            self._compile(payload)

    # ------------------------------------------------------------------ options

    @staticmethod
    def _option_now(now: datetime | str | None) -> datetime:
        if now is None:
            return now_utc()
        if not isinstance(now, datetime | str):
            raise TypeError(f"now must be a datetime or an ISO-8601 str, not {type(now).__name__}")
        try:
            return parse_date(now)
        except InvalidDate as error:
            raise InvalidOption("now", now, "an aware ISO-8601 date and time") from error

    @staticmethod
    def _option_until(until: date | str | None) -> date | None:
        if until is None:
            return None
        if isinstance(until, datetime):
            return until.date()
        if isinstance(until, date):
            return until
        text = check_type("until", until, str, "a date or an ISO-8601 str")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidOption("until", until, "a date such as 2024-12-31") from None

    # ------------------------------------------------------------------ payload checks

    def _add(self, path: str, code: str, severity: Severity, message: str) -> None:
        self._issues.add((_PAYLOAD, 0, self._seq, 0), severity, code, path, message)
        self._seq += 1

    def _compile(self, payload: Mapping[str, Any]) -> None:
        for key in payload:
            if key not in PAYLOAD_KEYS:
                hint = _suggest(str(key), PAYLOAD_KEYS)
                self._add(
                    str(key),
                    "payload.unknown_key",
                    Severity.WARNING,
                    f"{key!r} is not a field of the platform's payload and is ignored"
                    + _did_you_mean(hint),
                )
        name = payload.get("name")
        if name is not None and not isinstance(name, str):
            self._add(
                "name",
                "payload.not_text",
                Severity.ERROR,
                f"name must be text, not {type(name).__name__}",
            )
        self._compile_contacts(payload)
        self._compile_text(payload)
        self._compile_sender(payload.get("senderId"))
        self._compile_schedule(payload)
        self._compile_groups(payload)

    def _compile_contacts(self, payload: Mapping[str, Any]) -> None:
        contacts = payload.get("contacts")
        if contacts is None:
            if not payload.get("groupsIds") and not self._contact_files:
                self._add(
                    "contacts",
                    "contacts.required",
                    Severity.ERROR,
                    "contacts is required: a list of {phone, ...} objects",
                )
            return
        if not isinstance(contacts, list):
            self._add(
                "contacts",
                "contacts.not_list",
                Severity.ERROR,
                f"contacts must be a list of contacts, not {type(contacts).__name__}",
            )
            return
        self._contacts = contacts

    def _compile_text(self, payload: Mapping[str, Any]) -> None:
        if "text" not in payload or payload["text"] is None:
            self._add("text", "text.required", Severity.ERROR, "text is required")
            return
        text = payload["text"]
        if not isinstance(text, str):
            self._add(
                "text",
                "text.not_text",
                Severity.ERROR,
                f"text must be text, not {type(text).__name__}",
            )
            return
        if not text.strip():
            self._add(
                "text", "text.empty", Severity.ERROR, "text is empty: there is nothing to send"
            )
            return
        # A variable is a built-in, a platform contact field or a declared field.  Every
        # unknown one is reported (the template stops at the first, so it is asked again
        # with the ones found so far declared), then kept as text for the count, as the
        # platform would send it.
        unknown = set(self._known_fields)
        for _ in range(text.count("@")):
            try:
                Template(text, fields=unknown, missing=self._missing, defaults=self._defaults)
                break
            except TemplateSyntaxError as error:
                self._add("text", "template.syntax", Severity.ERROR, _first_line(error))
                return
            except UnknownVariable as error:
                self._add("text", "template.unknown_variable", Severity.ERROR, _first_line(error))
                unknown.add(error.name)
        self._template = Template(
            text,
            fields=self._known_fields,
            unknown="keep",
            missing=self._missing,
            defaults=self._defaults,
        )
        self._text_hygiene(text)

    def _text_hygiene(self, text: str) -> None:
        from . import hygiene

        for warning in hygiene.text_warnings(text):
            if warning.code == "empty":
                continue  # an empty text is already an error
            self._add("text", f"text.{warning.code}", Severity.WARNING, warning.message)
        template = self._template
        if template is None:
            return
        # Characters of the template's own text that force UCS-2: every message pays.
        literal = template.render({}, unknown="keep", missing="empty", defaults={})
        found = DEFAULT.unencodable(literal)
        if not found:
            return
        self._template_ucs2 = frozenset(ch for _, ch in found)
        culprits = hygiene.group_culprits(found)
        listed = ", ".join(f"{c.char!r} x{c.count}" for c in culprits)
        saved = transliterate(literal, level=self._level).segments_saved
        saving = ""
        if saved > 0:
            saving = (
                f"; transliteration ({self._level.value}) would save "
                f"{_plural(saved, 'segment', 'segments')} per message"
            )
        self._add(
            "text",
            "text.ucs2",
            Severity.WARNING,
            f"the template text forces UCS-2 for every message (70 characters per segment, "
            f"not 160): {listed}{saving}",
        )

    def _compile_sender(self, sender: object) -> None:
        if sender is None:
            return
        if not isinstance(sender, str):
            self._add(
                "senderId",
                "sender.not_text",
                Severity.ERROR,
                f"senderId must be text, not {type(sender).__name__}",
            )
            return
        rule = (
            f"a sender ID is up to {SENDER_ALNUM_MAX} letters, digits and spaces with at "
            f"least one letter, or up to {SENDER_DIGITS_MAX} digits"
        )
        if not sender.strip():
            self._add("senderId", "sender.empty", Severity.ERROR, f"senderId is empty: {rule}")
            return
        if sender.isascii() and sender.isdigit():
            if len(sender) > SENDER_DIGITS_MAX:
                self._add(
                    "senderId",
                    "sender.too_long",
                    Severity.ERROR,
                    f"numeric senderId has {len(sender)} digits: {rule}",
                )
            return
        bad = sorted({ch for ch in sender if ch not in _SENDER_CHARS})
        if bad:
            shown = ", ".join(repr(ch) for ch in bad)
            self._add(
                "senderId",
                "sender.invalid_character",
                Severity.ERROR,
                f"senderId contains {shown}: {rule}",
            )
        elif not any(ch.isalpha() for ch in sender):
            self._add(
                "senderId",
                "sender.no_letter",
                Severity.ERROR,
                f"senderId {sender!r} has no letter: {rule}",
            )
        if len(sender) > SENDER_ALNUM_MAX:
            self._add(
                "senderId",
                "sender.too_long",
                Severity.ERROR,
                f"senderId has {len(sender)} characters: {rule}",
            )

    def _date(self, path: str, value: object) -> datetime | None:
        """The date at ``path`` if it parses and is on the grid (issues otherwise)."""
        try:
            when = parse_date(value)
        except InvalidDate as error:
            self._add(path, error.code, Severity.ERROR, error.reason)
            return None
        if not on_grid(when):
            before, after = nearest_slots(when)
            self._add(
                path,
                "schedule.not_quarter_hour",
                Severity.ERROR,
                f"{when.isoformat()} is not on the 15-minute grid (minutes 00, 15, 30, 45 and "
                f"zero seconds): the nearest valid times are {before.isoformat()} and "
                f"{after.isoformat()}",
            )
        return when

    def _compile_schedule(self, payload: Mapping[str, Any]) -> None:
        raw = payload.get("type", "SMS")
        kind: str | None = "SMS"
        if raw is None:
            raw = "SMS"
        if not isinstance(raw, str):
            self._add(
                "type",
                "type.not_text",
                Severity.ERROR,
                f"type must be one of {', '.join(TYPES)}, not {type(raw).__name__}",
            )
            kind = None
        elif raw not in TYPES:
            hint = _suggest(raw, TYPES)
            self._add(
                "type",
                "type.unknown",
                Severity.ERROR,
                f"type {raw!r} is not one of {', '.join(TYPES)}" + _did_you_mean(hint),
            )
            kind = hint  # checked as what it most likely means
        else:
            kind = raw
        scheduled = payload.get("scheduledDate")
        recurring = payload.get("recurring")
        if kind == "SCHEDULED":
            if scheduled is None:
                self._add(
                    "scheduledDate",
                    "schedule.required",
                    Severity.ERROR,
                    "a SCHEDULED campaign needs scheduledDate",
                )
            else:
                when = self._date("scheduledDate", scheduled)
                if when is not None and when < self._now:
                    self._add(
                        "scheduledDate",
                        "schedule.in_past",
                        Severity.ERROR,
                        f"scheduledDate {when.isoformat()} is in the past "
                        f"(now is {self._now.isoformat()})",
                    )
        elif scheduled is not None:
            self._add(
                "scheduledDate",
                "schedule.ignored",
                Severity.WARNING,
                f"scheduledDate is ignored: the campaign type is {kind or raw!r}, not SCHEDULED",
            )
        if kind == "RECURRING":
            self._schedule = self._compile_recurring(recurring)
        else:
            if recurring is not None:
                self._add(
                    "recurring",
                    "schedule.ignored",
                    Severity.WARNING,
                    f"recurring is ignored: the campaign type is {kind or raw!r}, not RECURRING",
                )
            self._schedule = ScheduleFacts(type=kind or "SMS")

    def _compile_recurring(self, recurring: object) -> ScheduleFacts:
        facts = ScheduleFacts(type="RECURRING", occurrences=None)
        if recurring is None:
            self._add(
                "recurring",
                "recurring.required",
                Severity.ERROR,
                "a RECURRING campaign needs recurring: {monday: date, ...}",
            )
            return facts
        if not isinstance(recurring, Mapping):
            self._add(
                "recurring",
                "recurring.not_object",
                Severity.ERROR,
                f"recurring must be an object of weekdays, not {type(recurring).__name__}",
            )
            return facts
        if not recurring:
            self._add(
                "recurring",
                "recurring.empty",
                Severity.ERROR,
                "recurring names no weekday: nothing would be sent",
            )
            return facts
        times: dict[str, time] = {}
        for key, value in recurring.items():
            path = f"recurring.{key}"
            if key not in WEEKDAYS:
                hint = _suggest(str(key), WEEKDAYS)
                self._add(
                    path,
                    "recurring.unknown_day",
                    Severity.ERROR,
                    f"{key!r} is not a weekday (monday ... sunday)" + _did_you_mean(hint),
                )
                continue
            when = self._date(path, value)
            if when is None:
                continue
            local = when.astimezone(self._zone)
            actual = weekday_name(when, self._zone)
            if actual != key:
                zone = "UTC" if self._zone is UTC else str(self._zone)
                self._add(
                    path,
                    "recurring.weekday_mismatch",
                    Severity.WARNING,
                    f"{when.isoformat()} is a {actual.capitalize()} in {zone}, not a "
                    f"{key.capitalize()}: the platform keeps the day and the time, so it "
                    f"sends on {key.capitalize()}s at {local.strftime('%H:%M')}",
                )
            times[key] = local.time().replace(tzinfo=None)
        occurrences = None
        if self._until is not None:
            occurrences = occurrences_until(times, self._now, self._until, self._zone)
        return ScheduleFacts(
            type="RECURRING",
            occurrences_per_week=len(times),
            until=self._until,
            occurrences=occurrences,
        )

    def _compile_groups(self, payload: Mapping[str, Any]) -> None:
        ids = payload.get("groupsIds", [])
        if ids is None:
            return
        if not isinstance(ids, list):
            self._add(
                "groupsIds",
                "groups.not_list",
                Severity.ERROR,
                f"groupsIds must be a list of group ids, not {type(ids).__name__}",
            )
            return
        valid: list[tuple[int, str]] = []
        for i, gid in enumerate(ids):
            if not isinstance(gid, str):
                self._add(
                    f"groupsIds[{i}]",
                    "groups.not_text",
                    Severity.ERROR,
                    f"a group id must be text, not {type(gid).__name__}",
                )
                continue
            if any(gid == other for _, other in valid):
                self._add(
                    f"groupsIds[{i}]",
                    "groups.duplicate",
                    Severity.WARNING,
                    f"group {gid!r} is listed twice; its contacts are counted once",
                )
                continue
            valid.append((i, gid))
        if not valid:
            return
        if self._groups is None:
            self._add(
                "groupsIds",
                "groups.unresolved",
                Severity.WARNING,
                f"{_plural(len(valid), 'group is', 'groups are')} named but no groups "
                "mapping was given: their contacts are not checked or counted",
            )
            self._unresolved_groups = len(valid)
            return
        for i, gid in valid:
            if gid not in self._groups:
                hint = _suggest(gid, [str(k) for k in self._groups])
                self._add(
                    f"groupsIds[{i}]",
                    "groups.unknown",
                    Severity.ERROR,
                    f"group {gid!r} is not in the groups mapping" + _did_you_mean(hint),
                )
                continue
            members = self._groups[gid]
            if not isinstance(members, list):
                self._add(
                    f"groupsIds[{i}]",
                    "groups.not_list",
                    Severity.ERROR,
                    f"group {gid!r} must be a list of contacts, not {type(members).__name__}",
                )
                continue
            self._group_ids.append((i, gid))

    # ------------------------------------------------------------------ runs

    @property
    def schedule(self) -> ScheduleFacts:
        """When the campaign is sent, as checked."""
        return self._schedule

    @property
    def template(self) -> Template | None:
        """The compiled template (``None`` when the text could not be parsed)."""
        return self._template

    @property
    def now(self) -> datetime:
        """The instant "in the past" is judged against (fixed when the checker is built)."""
        return self._now

    def run(
        self,
        *,
        payload_issues: bool = False,
        seen: Iterable[int] | _Seen = (),
        on_message: MessageSink | None = None,
    ) -> CampaignRun:
        """A fresh accumulator of contacts.

        Args:
            payload_issues: start with the payload's own issues (the first run of a
                check); ``False`` (default) for the runs of file partitions.
            seen: recipient phones (as ints) checked before this run: a contact with one
                of them is a duplicate.  A container with ``add`` is used as it is (the
                scale-out layer passes a compact sorted one); other iterables are copied.
            on_message: ``on_message(phone, text, analysis)`` is called for each
                recipient sent, in order (what ``smsparts check --messages`` writes).
        """
        return CampaignRun(self, payload_issues=payload_issues, seen=seen, on_message=on_message)

    def payload_report(self, *, contacts: bool = True) -> CampaignReport:
        """The payload's own issues, with its contacts and groups unless ``contacts=False``.

        With reports of file partitions (``checker.run().rows(part).report()``) it adds
        up to :meth:`check` over the same files, except for duplicates across the runs.
        """
        run = CampaignRun(self, payload_issues=True)
        if contacts:
            run.payload_contacts()
            run.groups()
        return run.report()

    def check(
        self, *sources: Iterable[ContactRow], on_message: MessageSink | None = None
    ) -> CampaignReport:
        """Everything in one run: the payload, its contacts, ``sources``, the groups.

        Args:
            sources: iterables of contact rows (:func:`smsparts.readers.iter_contacts`),
                each numbered by its position for the order of issues.
            on_message: called for each recipient sent, as for :meth:`run`.
        """
        run = CampaignRun(self, payload_issues=True, on_message=on_message)
        run.payload_contacts()
        for index, rows in enumerate(sources):
            run.rows(rows, source_index=index)
        run.groups()
        return run.report()


class _Seen(Protocol):
    def __contains__(self, phone: object, /) -> bool: ...
    def add(self, phone: int, /) -> None: ...


def _is_seen(seen: object) -> TypeGuard[_Seen]:
    return hasattr(seen, "__contains__") and hasattr(seen, "add")


class CampaignRun:
    """The contacts checked so far against one :class:`CampaignChecker`.

    Made by :meth:`CampaignChecker.run`; its methods feed contacts and
    :meth:`report` says what was found.  Duplicates are found within one run.
    """

    def __init__(
        self,
        checker: CampaignChecker,
        *,
        payload_issues: bool = False,
        seen: Iterable[int] | _Seen = (),
        on_message: MessageSink | None = None,
    ) -> None:
        self._c = checker
        self._sink = on_message
        self._issues = _Issues(checker._max_issues)
        if payload_issues:
            for code, kept in checker._issues.kept.items():
                self._issues.kept[code] = list(kept)
            self._issues.counts.update(checker._issues.counts)
            self._issues.severities.update(checker._issues.severities)
        self._seen: _Seen = seen if _is_seen(seen) else set(seen)  # type: ignore[arg-type]
        self.recipients = 0
        self.excluded = 0
        self.duplicates = 0
        self.over_max = 0
        self.segments = 0
        self.gsm7_recipients = 0
        self.gsm7_segments = 0
        self.ucs2_segments = 0
        self.histogram = [0] * (MAX_SEGMENTS + 1)
        # Recipients by the set of characters that forced their message to UCS-2: one
        # count per recipient, spread over the characters by estimate().
        self._char_sets: dict[tuple[str, ...], int] = {}
        self.translit_recipients = 0
        self.translit_saves = 0
        self.priced: dict[str, list[int]] = {}
        self.unpriced: dict[str, list[int]] = {}
        self._facts: dict[str, tuple[Analysis, tuple[str, ...], int]] = {}
        self._unknown_warned: set[tuple[str, str]] = set()
        self._last_keys: Any = None
        prices = checker._prices
        self._match = None if prices is None else prices.match
        self._codes = checker._calling_codes
        # A destination depends on the phone's first digits only (the longest price
        # prefix, and calling codes of up to 3 digits): slots are cached by them.
        self._dest_digits = max(3, prices.longest_prefix if prices is not None else 0)
        self._dest_cache: dict[str, list[int]] = {}
        self._check_phone = checker._check_phone
        self._max_segments = checker._max_segments
        template = checker._template
        self._render = None if template is None else template.render
        self._unresolved = 0

    # ------------------------------------------------------------------ feeding

    def payload_contacts(self) -> CampaignRun:
        """Check the payload's own ``contacts``."""
        for index, contact in enumerate(self._c._contacts):
            self._contact(contact, _CONTACTS, 0, index, f"contacts[{index}]", None)
        return self

    def contacts(
        self, contacts: Iterable[object], *, label: str = "contacts", start: int = 0
    ) -> CampaignRun:
        """Check contacts given as mappings, at paths ``label[i].field``.

        ``start`` is the index of the first (for a slice of a longer list).
        """
        for index, contact in enumerate(contacts, start):
            self._contact(contact, _CONTACTS, 0, index, f"{label}[{index}]", None)
        return self

    def rows(self, rows: Iterable[ContactRow], *, source_index: int = 0) -> CampaignRun:
        """Check contact rows read from a file, at paths ``FILE:LINE.field``.

        ``source_index`` orders the files' issues (files given first come first).

        This is the loop a list of millions goes through, so the common row (a valid
        phone seen for the first time, a message that renders, nothing to report) is
        counted here with local variables; any other row goes to :meth:`_contact`,
        which checks it from the start (nothing is counted twice: this loop changes
        nothing before it hands a row over).
        """
        slow = self._contact
        render = self._render
        if render is None or self._sink is not None:
            for name, line, fields, problem in rows:
                if problem is not None:
                    self._bad_row(name, line, problem, source_index)
                else:
                    slow(fields, _FILES, source_index, line, None, name)
            return self
        check_phone = self._check_phone
        facts_of = self._facts.get
        seen = self._seen
        histogram = self.histogram
        char_sets = self._char_sets
        slot_of = self._dest_cache.get
        digits = self._dest_digits
        most = self._max_segments
        last_keys = self._last_keys
        gsm = _GSM7
        recipients = total = gsm7 = gsm7_segments = ucs2_segments = saving = saved = 0
        try:
            for name, line, fields, problem in rows:
                if problem is not None:
                    self._bad_row(name, line, problem, source_index)
                    continue
                if fields.__class__ is dict and fields.keys() == last_keys:
                    checked = check_phone(fields.get("phone"))
                    sex = fields.get("sex")
                    normalized = checked.normalized
                    if (
                        not checked.issues
                        and normalized is not None
                        and (sex is None or sex == "M" or sex == "F" or sex == "")
                    ):
                        try:
                            text = render(fields)
                        except MissingValue:
                            text = None
                        facts = None if text is None else facts_of(text)
                        if facts is None and text is not None:
                            with contextlib.suppress(InvalidCharacter):  # reported below
                                facts = self._text_facts(text)
                        if facts is not None:
                            analysis = facts[0]
                            segments = analysis.segments
                            number = int(normalized)
                            if segments <= most and number not in seen:
                                seen.add(number)
                                recipients += 1
                                total += segments
                                histogram[segments] += 1
                                if analysis.encoding is gsm:
                                    gsm7 += 1
                                    gsm7_segments += segments
                                else:
                                    ucs2_segments += segments
                                    key = facts[1]
                                    char_sets[key] = char_sets.get(key, 0) + 1
                                    if facts[2]:
                                        saving += 1
                                        saved += facts[2]
                                slot = slot_of(normalized[:digits])
                                if slot is None:
                                    slot = self._destination(normalized)
                                slot[0] += 1
                                slot[1] += segments
                                continue
                slow(fields, _FILES, source_index, line, None, name)
                last_keys = self._last_keys
        finally:
            self.recipients += recipients
            self.segments += total
            self.gsm7_recipients += gsm7
            self.gsm7_segments += gsm7_segments
            self.ucs2_segments += ucs2_segments
            self.translit_recipients += saving
            self.translit_saves += saved
        return self

    def _bad_row(self, name: str, line: int, problem: str, source_index: int) -> None:
        self._issues.add(
            (_FILES, source_index, line, 0),
            Severity.ERROR,
            "file.bad_row",
            f"{name}:{line}",
            problem,
        )
        self.excluded += 1

    def groups(self) -> CampaignRun:
        """Check the contacts of the payload's groups (from the groups mapping)."""
        groups = self._c._groups
        self._unresolved = self._c._unresolved_groups
        if groups is None:
            return self
        for index, gid in self._c._group_ids:
            members = groups[gid]
            assert isinstance(members, list)
            for j, contact in enumerate(members):
                self._contact(contact, _GROUPS, index, j, f"groups.{gid}[{j}]", None)
        return self

    # ------------------------------------------------------------------ one contact

    def _contact(
        self,
        contact: object,
        stage: int,
        source: int,
        line: int,
        where: str | None,
        source_name: str | None,
    ) -> None:
        """Check one contact (the hot path: one call per contact of a list).

        ``where`` is the contact's path (``contacts[3]``), or ``None`` for a file row:
        then it is ``source_name:line``, made only when an issue needs it.  Unknown
        fields are reported for each contact when ``source_name`` is ``None``, else once
        per field and file (a CSV column is one mistake, not one per row).
        """
        if contact.__class__ is not dict and not isinstance(contact, Mapping):
            where = where or f"{source_name}:{line}"
            self._issues.add(
                (stage, source, line, 0),
                Severity.ERROR,
                "contact.not_object",
                where,
                f"a contact must be an object with a phone, not {type(contact).__name__}",
            )
            self.excluded += 1
            return
        checked = self._check_phone(contact.get("phone"))
        normalized = checked.normalized
        bad = normalized is None  # then there is an error issue: no digits could be read
        seq = 0
        if checked.issues:
            where = where or f"{source_name}:{line}"
            for problem in checked.issues:
                severity = Severity(problem.severity)
                seq += 1
                self._issues.add(
                    (stage, source, line, seq),
                    severity,
                    problem.code,
                    where + ".phone",
                    problem.message,
                )
                if severity is Severity.ERROR:
                    bad = True
        sex = contact.get("sex")
        if sex is not None and sex != "M" and sex != "F" and sex != "":
            where = where or f"{source_name}:{line}"
            seq += 1
            hint = ""
            if isinstance(sex, str) and sex.strip().upper() in ("M", "F"):
                hint = f"; did you mean {sex.strip().upper()!r}?"
            self._issues.add(
                (stage, source, line, seq),
                Severity.ERROR,
                "contact.sex",
                where + ".sex",
                f"sex must be 'M' or 'F', not {sex!r}{hint}",
            )
            bad = True
        if source_name is None or contact.keys() != self._last_keys:
            where = where or f"{source_name}:{line}"
            seq = self._unknown_fields(contact, source_name, where, (stage, source, line), seq)
        render = self._render
        if render is None:  # no usable text: recipients are counted, not segments
            if bad or normalized is None:
                self.excluded += 1
            elif self._new_phone(
                normalized, where or f"{source_name}:{line}", (stage, source, line, seq + 1)
            ):
                self._destination(normalized)[0] += 1
                self.recipients += 1
            return
        try:
            text = render(contact)
        except MissingValue as error:
            self._missing_value(
                error, where or f"{source_name}:{line}", (stage, source, line, seq + 1)
            )
            return
        facts = self._facts.get(text)
        if facts is None:
            try:
                facts = self._text_facts(text)
            except InvalidCharacter as error:
                where = where or f"{source_name}:{line}"
                self._issues.add(
                    (stage, source, line, seq + 1),
                    Severity.ERROR,
                    "text.invalid_character",
                    where,
                    f"the message cannot be sent: {_first_line(error)}",
                )
                self.excluded += 1
                return
        analysis = facts[0]
        segments = analysis.segments
        if segments > self._max_segments:
            where = where or f"{source_name}:{line}"
            seq += 1
            self._issues.add(
                (stage, source, line, seq),
                Severity.ERROR,
                "text.too_many_segments",
                where,
                f"the message takes {segments} segments; the limit is {self._max_segments}",
            )
            self.over_max += 1
            bad = True
        if bad or normalized is None:
            self.excluded += 1
            return
        number = int(normalized)
        if number in self._seen:
            self._duplicate(
                normalized, where or f"{source_name}:{line}", (stage, source, line, seq + 1)
            )
            return
        self._seen.add(number)
        self.recipients += 1
        self.segments += segments
        self.histogram[segments] += 1
        if analysis.encoding is _GSM7:
            self.gsm7_recipients += 1
            self.gsm7_segments += segments
        else:
            self.ucs2_segments += segments
            self._char_sets[facts[1]] = self._char_sets.get(facts[1], 0) + 1
            if facts[2]:
                self.translit_recipients += 1
                self.translit_saves += facts[2]
        slot = self._dest_cache.get(normalized[: self._dest_digits])
        if slot is None:
            slot = self._destination(normalized)
        slot[0] += 1
        slot[1] += segments
        if self._sink is not None:
            self._sink(normalized, text, analysis)

    def _missing_value(self, error: MissingValue, where: str, key: OrderKey) -> None:
        known = _v.builtin(error.name)
        name = error.name if known is None else _MISSING_FIELD[known.key]
        self._issues.add(
            key,
            Severity.ERROR,
            "template.missing_value",
            f"{where}.{name}",
            f"no value for @{error.name} ({error.reason}): give the field, or a default",
        )
        self.excluded += 1

    def _unknown_fields(
        self,
        contact: Mapping[str, Any],
        source_name: str | None,
        where: str,
        at: tuple[int, int, int],
        seq: int,
    ) -> int:
        known = self._c._known_fields
        if source_name is not None:
            self._last_keys = contact.keys()
        for key in contact:
            if key in known:
                continue
            name = str(key)
            if source_name is not None:
                if (source_name, name) in self._unknown_warned:
                    continue
                self._unknown_warned.add((source_name, name))
            seq += 1
            self._issues.add(
                (*at, seq),
                Severity.WARNING,
                "contact.unknown_field",
                f"{where}.{name}",
                f"{name!r} is not a contact field of the platform and is not sent"
                + _did_you_mean(_suggest_field(name)),
            )
        return seq

    def _new_phone(self, normalized: str, where: str, key: OrderKey) -> bool:
        number = int(normalized)
        if number in self._seen:
            self._duplicate(normalized, where, key)
            return False
        self._seen.add(number)
        return True

    def _duplicate(self, normalized: str, where: str, key: OrderKey) -> None:
        self._issues.add(
            key,
            Severity.WARNING,
            "phone.duplicate",
            where + ".phone",
            f"{normalized} is already a recipient: it is sent one message",
        )
        self.duplicates += 1

    def _text_facts(self, text: str) -> tuple[Analysis, tuple[str, ...], int]:
        """The analysis of a rendered text, its UCS-2 characters and what
        transliteration saves; cached, as many recipients get the same text."""
        analysis = analyze(text)
        chars: tuple[str, ...] = ()
        saved = 0
        if analysis.encoding is not _GSM7:
            chars = tuple(sorted(set(_non_gsm(text))))
            new = transliterate_text(text, level=self._c._level)
            if new != text:
                saved = max(0, analysis.segments - analyze(new).segments)
        facts = (analysis, chars, saved)
        if len(self._facts) >= _FACTS_CACHE:
            self._facts.clear()  # bounded: memory stays flat whatever the list
        self._facts[text] = facts
        return facts

    def _destination(self, normalized: str) -> list[int]:
        """The ``[recipients, segments]`` slot of a phone's destination (cached)."""
        head = normalized[: self._dest_digits]
        prefix = None if self._match is None else self._match(normalized)
        if prefix is not None:
            slot = self.priced.setdefault(prefix, [0, 0])
        else:
            code = next((head[:k] for k in (1, 2, 3) if head[:k] in self._codes), head[:3])
            slot = self.unpriced.setdefault(code, [0, 0])
        if len(normalized) >= self._dest_digits:  # a shorter phone is not a safe key
            self._dest_cache[head] = slot
        return slot

    # ------------------------------------------------------------------ result

    def _ucs2_chars(self) -> dict[str, int]:
        chars: dict[str, int] = {}
        for key, count in self._char_sets.items():
            for ch in key:
                chars[ch] = chars.get(ch, 0) + count
        return chars

    def estimate(self) -> Estimate:
        """The estimate of the contacts checked so far."""
        return Estimate(
            recipients=self.recipients,
            excluded=self.excluded,
            duplicates=self.duplicates,
            segments=self.segments,
            gsm7_recipients=self.gsm7_recipients,
            ucs2_recipients=self.recipients - self.gsm7_recipients,
            gsm7_segments=self.gsm7_segments,
            ucs2_segments=self.ucs2_segments,
            histogram=tuple((s, n) for s, n in enumerate(self.histogram) if n),
            over_max_segments=self.over_max,
            ucs2_chars=tuple(sorted(self._ucs2_chars().items())),
            transliteration_recipients=self.translit_recipients,
            transliteration_saves=self.translit_saves,
            priced=tuple((k, r, s) for k, (r, s) in sorted(self.priced.items())),
            unpriced=tuple((k, r, s) for k, (r, s) in sorted(self.unpriced.items())),
            unresolved_groups=self._unresolved,
        )

    def recipients_bytes(self) -> bytes:
        """This run's recipient phones, sorted, as unsigned 64-bit integers.

        With :meth:`CampaignChecker.run`'s ``seen``, this lets partitions checked apart
        find the duplicates between them (:mod:`smsparts.scale`).
        """
        seen = self._seen
        if not isinstance(seen, set):
            raise TypeError("recipients_bytes needs a run whose seen phones are a set")
        return array("Q", sorted(seen)).tobytes()

    def report(self) -> CampaignReport:
        """The report of this run."""
        c = self._c
        pairs = self._issues.pairs()
        return CampaignReport(
            issues=tuple(issue for _, issue in pairs),
            issue_counts=tuple(sorted(self._issues.counts.items())),
            severities=tuple(sorted(self._issues.severities.items())),
            estimate=self.estimate(),
            prices=c._prices,
            schedule=c._schedule,
            max_issues=c._max_issues,
            max_segments=c._max_segments,
            level=c._level,
            template_ucs2=tuple(sorted(c._template_ucs2)),
            order=tuple(key for key, _ in pairs),
        )


def check_campaign(
    payload: object,
    *,
    contacts: Iterable[str | os.PathLike[str]] = (),
    encoding: str = "utf-8",
    **options: Any,
) -> CampaignReport:
    """Check a campaign payload and its contact files in one run.

    Args:
        payload: the ``sms.campain.create`` object.
        contacts: contact files (CSV, JSON array or JSON lines) read through
            :func:`smsparts.readers.iter_contacts`, after the payload's contacts.
        encoding: the files' text encoding.
        options: the options of :class:`CampaignChecker`.

    Raises:
        smsparts.readers.InputFileError: a contact file cannot be read.
        TypeError, InvalidOption: a bad option.

    >>> report = check_campaign(
    ...     {"contacts": [{"phone": "2250101010101", "name": "Zoé"}],
    ...      "text": "Bonjour @nom_complet"},
    ...     now="2024-03-18T08:00:00Z")
    >>> report.ok, report.estimate.recipients, report.estimate.segments
    (True, 1, 1)
    """
    from . import readers

    contacts = list(contacts)
    options.setdefault("contact_files", bool(contacts))
    checker = CampaignChecker(payload, **options)
    return checker.check(*(readers.iter_contacts(path, encoding=encoding) for path in contacts))
