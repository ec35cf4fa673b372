"""JSON views of results, as ``smsparts ... --json`` prints them.

Stand-in until the CLI package's ``smsparts.views`` is merged: the shapes here are the
ones ``cli.py`` prints today, so the API and the CLI agree.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ..charset import Encoding, NationalLanguage
from ..segment import Analysis, Segment
from ..template import Bounds
from ..transliteration import CharacterSavings, Level, Transliteration


def _language_name(lang: NationalLanguage | None) -> str | None:
    return None if lang is None else lang.name.lower()


def char_json(index: int, ch: str) -> dict[str, Any]:
    """One character at ``index``: the character, its code point and name."""
    return {
        "index": index,
        "char": ch,
        "code_point": f"U+{ord(ch):04X}",
        "name": unicodedata.name(ch, ""),
    }


def analysis_json(result: Analysis) -> dict[str, Any]:
    """An :class:`Analysis` as ``analyze --json`` prints it."""
    return {
        "encoding": result.encoding.value,
        "units": result.units,
        "unit_name": "septets" if result.encoding is Encoding.GSM7 else "code_units",
        "segments": result.segments,
        "segment_capacity": result.segment_capacity,
        "remaining": result.remaining,
        "locking_shift": _language_name(result.locking_shift),
        "single_shift": _language_name(result.single_shift),
        "unencodable": [char_json(i, ch) for i, ch in result.unencodable],
    }


def segment_json(index: int, seg: Segment) -> dict[str, Any]:
    """A :class:`Segment` as ``split --json`` prints it (``index`` counts from 1)."""
    return {
        "index": index,
        "text": seg.text,
        "units": seg.units,
        "capacity": seg.capacity,
        "start": seg.start,
        "end": seg.end,
    }


def segments_json(segments: list[Segment]) -> list[dict[str, Any]]:
    """``split --json``: every segment."""
    return [segment_json(i, seg) for i, seg in enumerate(segments, 1)]


def smart_json(level: Level | str, smart: Transliteration) -> dict[str, Any]:
    """The ``smart`` member of ``analyze --smart LEVEL --json``."""
    return {
        "level": Level(level).value,
        "applied": smart.applied,
        "text": smart.text,
        "segments_before": smart.before.segments,
        "segments_after": smart.after.segments,
        "replacements": [
            {"index": r.start, "original": r.original, "result": r.result}
            for r in smart.replacements
        ],
        "unmappable": [char_json(i, ch) for i, ch in smart.unmappable],
    }


def suggest_json(report: tuple[CharacterSavings, ...]) -> list[dict[str, Any]]:
    """The ``suggest`` member of ``analyze --suggest --json``."""
    return [
        {
            **char_json(entry.indexes[0], entry.char),
            "occurrences": entry.occurrences,
            "indexes": list(entry.indexes),
            "replacement": entry.replacement,
            "level": None if entry.level is None else entry.level.value,
            "segments_saved": entry.segments_saved,
        }
        for entry in report
    ]


def bounds_json(result: Bounds) -> dict[str, Any]:
    """``render --bounds --json``."""
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
