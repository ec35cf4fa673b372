"""JSON views of results: the shapes the CLI prints and a server returns."""

from __future__ import annotations

import json

from smsparts import analyze, split
from smsparts.hygiene import group_culprits, text_warnings
from smsparts.views import analysis_view, culprit_view, render_view, segment_view, warning_view


def test_analysis_view_groups_culprits_and_keeps_the_full_list() -> None:
    """Culprits are grouped (count, first positions); unencodable lists each occurrence."""
    view = analysis_view(analyze("ç’ç"))
    assert view["culprits"] == [
        {
            "char": "ç",
            "code_point": "U+00E7",
            "name": "LATIN SMALL LETTER C WITH CEDILLA",
            "count": 2,
            "first_positions": [0, 2],
        },
        {
            "char": "’",
            "code_point": "U+2019",
            "name": "RIGHT SINGLE QUOTATION MARK",
            "count": 1,
            "first_positions": [1],
        },
    ]
    assert [c["index"] for c in view["unencodable"]] == [0, 1, 2]


def test_analysis_view_keys_and_warnings() -> None:
    """The view has the documented keys; warnings appear only when given."""
    result = analyze("Prix\u00a0: 10")
    assert list(analysis_view(result)) == [
        "encoding",
        "units",
        "unit_name",
        "segments",
        "segment_capacity",
        "remaining",
        "locking_shift",
        "single_shift",
        "culprits",
        "unencodable",
    ]
    view = analysis_view(result, warnings=text_warnings(result.text))
    assert [w["code"] for w in view["warnings"]] == ["invisible"]
    json.dumps(view)  # JSON-ready


def test_segment_and_render_views() -> None:
    """A segment view counts from 1; a render view has the short facts."""
    (segment,) = split("Bonjour")
    assert segment_view(1, segment) == {
        "index": 1,
        "text": "Bonjour",
        "units": 7,
        "capacity": 160,
        "start": 0,
        "end": 7,
    }
    assert render_view(analyze("Bonjour")) == {
        "encoding": "gsm7",
        "units": 7,
        "unit_name": "septets",
        "segments": 1,
    }


def test_warning_and_culprit_views_are_lists() -> None:
    """Tuples become JSON lists."""
    (warning,) = text_warnings("a\r\nb")
    assert warning_view(warning)["positions"] == [1]
    (culprit,) = group_culprits([(4, "ç")])
    assert culprit_view(culprit)["first_positions"] == [4]
