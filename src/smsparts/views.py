"""JSON views of smsparts results, in one place.

Each function turns one result into plain ``dict``/``list``/``str``/``int``/``None``
values ready for :func:`json.dumps`: the shapes that ``smsparts ... --json`` prints and
that a web server returns, so both say the same thing.  Pure: no I/O, no argparse.

Strings are returned as they are, lone surrogates included (a split UCS-2 pair in a
decoded PDU): the caller chooses how to write them (the CLI escapes them as ``\\udXXX``,
which a JSON reader reads back as the same code unit).

>>> from smsparts import analyze
>>> view = analysis_view(analyze("Garçon ç"))
>>> view["encoding"], view["units"], [c["count"] for c in view["culprits"]]
('ucs2', 8, [2])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from .address import Address
from .charset import Encoding, NationalLanguage
from .hygiene import Culprit, TextWarning, group_culprits
from .pdu import EncodedSegment, ParsedStatusReport, ParsedTpdu, SmsSubmit, SubmitPdu
from .profiles import Part, Profile, ProfileAnalysis
from .segment import Analysis, Segment
from .template import Bounds
from .transliteration import CharacterSavings, Transliteration
from .udh import UserDataHeader

__all__ = [
    "address_view",
    "analysis_view",
    "billed_view",
    "bounds_view",
    "char_view",
    "culprit_view",
    "decoded_view",
    "encoded_segment_view",
    "header_view",
    "language_name",
    "part_view",
    "profile_view",
    "render_view",
    "savings_view",
    "segment_view",
    "status_report_view",
    "transliteration_view",
    "unit_name",
    "warning_view",
]

View = dict[str, Any]


def language_name(language: NationalLanguage | None) -> str | None:
    """``"turkish"`` for :attr:`NationalLanguage.TURKISH`; ``None`` stays ``None``."""
    return None if language is None else language.name.lower()


def unit_name(encoding: Encoding) -> str:
    """``"septets"`` for GSM-7, ``"code_units"`` for UCS-2 (the JSON spelling)."""
    return "septets" if encoding is Encoding.GSM7 else "code_units"


def _name(ch: str) -> str:
    return "" if len(ch) != 1 else unicodedata.name(ch, "")


def char_view(index: int, ch: str) -> View:
    """One character at ``index``: ``{"index", "char", "code_point", "name"}``."""
    return {"index": index, "char": ch, "code_point": f"U+{ord(ch):04X}", "name": _name(ch)}


def culprit_view(culprit: Culprit) -> View:
    """A grouped culprit: ``{"char", "code_point", "name", "count", "first_positions"}``."""
    return {
        "char": culprit.char,
        "code_point": f"U+{ord(culprit.char):04X}",
        "name": _name(culprit.char),
        "count": culprit.count,
        "first_positions": list(culprit.first_positions),
    }


def warning_view(warning: TextWarning) -> View:
    """A hygiene warning: ``{"code", "message", "positions", "count"}``."""
    return {
        "code": warning.code,
        "message": warning.message,
        "positions": list(warning.positions),
        "count": warning.count,
    }


def analysis_view(
    result: Analysis,
    *,
    warnings: Sequence[TextWarning] | None = None,
    unencodable: Iterable[tuple[int, str]] | None = None,
) -> View:
    """An :class:`~smsparts.Analysis`, as ``smsparts analyze --json`` prints it.

    Keys: ``encoding``, ``units``, ``unit_name``, ``segments``, ``segment_capacity``,
    ``remaining``, ``locking_shift``, ``single_shift``, ``culprits`` (the characters that
    forced UCS-2, grouped: see :func:`culprit_view`), ``unencodable`` (every occurrence,
    see :func:`char_view`), and ``warnings`` when given (see :func:`warning_view`).

    Args:
        result: the analysis.
        warnings: the hygiene warnings of the text (:func:`smsparts.hygiene.text_warnings`).
        unencodable: the ``(index, char)`` pairs, when already computed (default:
            ``result.unencodable``).
    """
    pairs = tuple(result.unencodable if unencodable is None else unencodable)
    view: View = {
        "encoding": result.encoding.value,
        "units": result.units,
        "unit_name": unit_name(result.encoding),
        "segments": result.segments,
        "segment_capacity": result.segment_capacity,
        "remaining": result.remaining,
        "locking_shift": language_name(result.locking_shift),
        "single_shift": language_name(result.single_shift),
        "culprits": [culprit_view(c) for c in group_culprits(pairs)],
        "unencodable": [char_view(i, ch) for i, ch in pairs],
    }
    if warnings is not None:
        view["warnings"] = [warning_view(w) for w in warnings]
    return view


def render_view(result: Analysis) -> View:
    """The short facts of one rendered message: ``encoding``, ``units``, ``segments``.

    The per-recipient record of ``smsparts render --messages`` (with ``phone``, ``text``
    and ``id`` added by the caller) and of each ``render --contacts --json`` line.
    """
    return {
        "encoding": result.encoding.value,
        "units": result.units,
        "unit_name": unit_name(result.encoding),
        "segments": result.segments,
    }


def segment_view(index: int, segment: Segment) -> View:
    """A :class:`~smsparts.Segment` (``index`` counts from 1), as ``split --json`` prints it."""
    return {
        "index": index,
        "text": segment.text,
        "units": segment.units,
        "capacity": segment.capacity,
        "start": segment.start,
        "end": segment.end,
    }


def transliteration_view(smart: Transliteration, *, level: str) -> View:
    """A :class:`~smsparts.Transliteration`: the ``smart`` member of ``analyze --json``."""
    return {
        "level": level,
        "applied": smart.applied,
        "text": smart.text,
        "segments_before": smart.before.segments,
        "segments_after": smart.after.segments,
        "replacements": [
            {"index": r.start, "original": r.original, "result": r.result}
            for r in smart.replacements
        ],
        "unmappable": [char_view(i, ch) for i, ch in smart.unmappable],
    }


def savings_view(report: Iterable[CharacterSavings]) -> list[View]:
    """A savings report: the ``suggest`` member of ``analyze --json``."""
    return [
        {
            **char_view(entry.indexes[0], entry.char),
            "occurrences": entry.occurrences,
            "indexes": list(entry.indexes),
            "replacement": entry.replacement,
            "level": None if entry.level is None else entry.level.value,
            "segments_saved": entry.segments_saved,
        }
        for entry in report
    ]


def bounds_view(result: Bounds) -> View:
    """A template's :class:`~smsparts.template.Bounds`, as ``render --bounds --json``."""
    return {
        "min_segments": result.min_segments,
        "max_segments": result.max_segments,
        "min_encoding": result.min_encoding.value,
        "max_encoding": result.max_encoding.value,
        "max_units": result.max_units,
        "ucs2_variables": list(result.ucs2_variables),
        "variables": [
            {
                "name": v.name,
                "max_length": v.max_length,
                "alphabet": v.alphabet.value,
                "forces_ucs2": v.forces_ucs2,
                "segments_basic": v.segments_basic,
                "segments_max": v.segments_max,
            }
            for v in result.variables
        ],
        "warnings": list(result.warnings),
    }


def header_view(header: UserDataHeader | None) -> View | None:
    """A user data header: ``hex``, ``elements``, ``concatenation`` and the shift tables."""
    if header is None:
        return None
    concat = header.concatenation
    return {
        "hex": header.to_bytes().hex().upper(),
        "elements": [{"iei": e.iei, "data": e.data.hex().upper()} for e in header.elements],
        "concatenation": concat._asdict() if concat is not None else None,
        "single_shift": language_name(header.single_shift),
        "locking_shift": language_name(header.locking_shift),
    }


def address_view(address: Address | None) -> View | None:
    """An address: ``{"value", "toa"}``."""
    if address is None:
        return None
    return {"value": address.value, "toa": address.toa}


def encoded_segment_view(
    index: int,
    segment: EncodedSegment,
    *,
    smpp: bool = False,
    submit: SubmitPdu | None = None,
) -> View:
    """One segment of ``smsparts pdu --json``: header, user data, SMPP fields, TPDU."""
    view: View = {
        "index": index,
        "text": segment.text,
        "start": segment.start,
        "end": segment.end,
        "dcs": segment.dcs,
        "udl": segment.udl,
        "udh": header_view(segment.header),
        "fill_bits": segment.fill_bits,
        "packed": segment.packed,
        "user_data": segment.user_data.hex().upper(),
    }
    if smpp:
        fields = segment.submit_sm
        view["submit_sm"] = {
            "short_message": fields.short_message.hex().upper(),
            "data_coding": fields.data_coding,
            "esm_class": fields.esm_class,
            "sm_length": fields.sm_length,
        }
    if submit is not None:
        view["tpdu"] = submit.hex()
        view["cmgs_length"] = submit.cmgs_length
    return view


def decoded_view(parsed: ParsedTpdu) -> View:
    """A parsed SMS-SUBMIT or SMS-DELIVER, as ``smsparts decode --json`` prints it."""
    message = parsed.message
    user_data = parsed.user_data
    is_submit = isinstance(message, SmsSubmit)
    view: View = {
        "type": "SMS-SUBMIT" if is_submit else "SMS-DELIVER",
        "smsc": address_view(parsed.smsc),
        "destination" if is_submit else "originator": address_view(parsed.address),
        "first_octet": message.first_octet,
        "protocol_id": message.protocol_id,
        "dcs": message.dcs,
        "alphabet": user_data.alphabet.value,
        "udl": message.udl,
        "udh": header_view(user_data.header),
        "fill_bits": user_data.fill_bits,
    }
    if isinstance(message, SmsSubmit):
        validity = message.relative_validity
        view["message_reference"] = message.message_reference
        view["validity_period"] = message.validity_period.hex().upper() or None
        view["validity_seconds"] = validity.total_seconds() if validity else None
        absolute = message.absolute_validity
        view["validity_until"] = absolute.isoformat() if absolute else None
        view["status_report_request"] = message.status_report_request
    else:
        stamp = message.timestamp
        view["timestamp"] = stamp.isoformat() if stamp else None
        view["scts"] = message.service_centre_time_stamp.hex().upper()
    view["message_class"] = message.message_class
    view["text"] = user_data.text
    view["data"] = user_data.payload.hex().upper() if user_data.text is None else None
    return view


def status_report_view(parsed: ParsedStatusReport) -> View:
    """A parsed SMS-STATUS-REPORT, as ``smsparts decode --json`` prints it."""
    message = parsed.message
    status = message.tp_status
    stamp, discharge = message.timestamp, message.discharge
    user_data = parsed.user_data
    return {
        "type": "SMS-STATUS-REPORT",
        "smsc": address_view(parsed.smsc),
        "recipient": address_view(message.recipient),
        "first_octet": message.first_octet,
        "message_reference": message.message_reference,
        "timestamp": stamp.isoformat() if stamp else None,
        "scts": message.service_centre_time_stamp.hex().upper(),
        "discharge_time": discharge.isoformat() if discharge else None,
        "dt": message.discharge_time.hex().upper(),
        "status": {
            "value": status.value,
            "category": status.category.value,
            "meaning": status.meaning,
            "delivered": status.delivered,
        },
        "protocol_id": message.protocol_id,
        "dcs": message.dcs,
        "udh": None if user_data is None else header_view(user_data.header),
        "text": None if user_data is None else user_data.text,
    }


def profile_view(result: ProfileAnalysis) -> View:
    """A :class:`~smsparts.profiles.ProfileAnalysis`: the ``profile`` member of
    ``analyze --json`` (the billed numbers, the limits hit and why they differ from the
    spec's)."""
    billed = result.billed
    return {
        "name": result.profile.name,
        "encoding": billed.encoding.value,
        "units": billed.units,
        "characters": result.characters,
        "segments": billed.segments,
        "segment_capacity": billed.segment_capacity,
        "spec_segments": result.spec.segments,
        "ok": result.ok,
        "limits_hit": [
            {"kind": h.kind.value, "limit": h.limit, "value": h.value, "blocking": h.blocking}
            for h in result.limits_hit
        ],
        "corrupts": result.corrupts,
        "splits_clusters": result.splits_clusters,
        "sent": result.sent,
        "reasons": list(result.reasons),
    }


def billed_view(profile: Profile, billed: Analysis) -> View:
    """A profile's billed :class:`~smsparts.Analysis` (:meth:`Profile.count
    <smsparts.profiles.Profile.count>`): the ``profile`` member of ``render --json``."""
    return {
        "name": profile.name,
        "encoding": billed.encoding.value,
        "units": billed.units,
        "segments": billed.segments,
        "segment_capacity": billed.segment_capacity,
    }


def part_view(part: Part) -> View:
    """A provider's :class:`~smsparts.profiles.Part` (``index`` counts from 1), as
    ``split --profile --json`` prints it: ``cut_inside`` names the pair a part ends in."""
    return {
        "index": part.index + 1,
        "text": part.text,
        "units": part.units,
        "capacity": part.capacity,
        "start": part.start,
        "end": part.end,
        "cut_inside": part.cut_inside,
    }
