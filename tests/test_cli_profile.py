"""``--profile NAME|FILE`` on analyze, split, render and check: what a provider bills.

Vectors from the profiles' cited sources (docs/profiles.md): 153 ``]`` are 3 segments
for Twilio (escape pairs never cut) and 2 for ``ceil(306 / 153)`` counters; GOV.UK
Notify refuses more than 918 characters; Cloudhopper's byte split sends 157 septets in
2 parts (unsplit only up to 140 octets) where the spec needs 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smsparts.profiles import PROFILES

from .clirun import run_cli

BRACKETS = "]" * 153


def test_analyze_profile_reports_the_billed_segments(capsys: pytest.CaptureFixture[str]) -> None:
    """analyze --profile naive bills 2 segments where the spec counts 3, and says why."""
    result = run_cli(capsys, "analyze", "--profile", "naive", BRACKETS)
    assert result.code == 0
    assert "profile:   naive" in result.out
    assert "billed:    gsm7, 306 septets, 2 segments (the spec: 3)" in result.out
    assert "differs:" in result.out


def test_analyze_profile_json_member(capsys: pytest.CaptureFixture[str]) -> None:
    """analyze --json --profile has a profile member with the billed numbers."""
    result = run_cli(capsys, "analyze", "--json", "--profile", "twilio", BRACKETS)
    data = json.loads(result.out)
    assert data["segments"] == 3
    assert data["profile"]["name"] == "twilio"
    assert data["profile"]["segments"] == 3
    assert data["profile"]["spec_segments"] == 3
    assert data["profile"]["limits_hit"] == []


def test_analyze_without_profile_has_no_profile_member(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --profile the JSON is as before: no profile member."""
    data = json.loads(run_cli(capsys, "analyze", "--json", "hi").out)
    assert "profile" not in data


def test_analyze_refused_limit_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A text above Notify's 918 characters is refused: listed, exit status 1."""
    result = run_cli(capsys, "analyze", "--profile", "notify", "a" * 919)
    assert result.code == 1
    assert "refused:" in result.out
    assert "918" in result.out
    assert run_cli(capsys, "analyze", "--profile", "notify", "a" * 918).code == 0


def test_analyze_advised_limit_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    """Above Twilio's advised 320 characters: an advised line, exit status 0."""
    result = run_cli(capsys, "analyze", "--profile", "twilio", "a" * 400)
    assert result.code == 0
    assert "advised:" in result.out
    assert "320" in result.out


def test_bad_profile_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown name exits 2 and lists the built-ins."""
    for command in ("analyze", "split"):
        result = run_cli(capsys, command, "--profile", "twillio", "hi")
        assert result.code == 2
        for name in PROFILES:
            assert name in result.err


def test_missing_profile_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A .toml path that does not exist exits 2 naming it."""
    missing = tmp_path / "nope.toml"
    result = run_cli(capsys, "analyze", "--profile", str(missing), "hi")
    assert result.code == 2
    assert "nope.toml" in result.err


def test_profile_from_a_toml_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A custom profile file is loaded: a 2-part aggregator refuses 3 segments."""
    path = tmp_path / "agg.toml"
    path.write_text('name = "agg"\nbase = "twilio"\nmax_segments = 2\n', encoding="utf-8")
    result = run_cli(capsys, "analyze", "--json", "--profile", str(path), BRACKETS)
    assert result.code == 1
    data = json.loads(result.out)
    assert data["profile"]["name"] == "agg"
    assert [h["kind"] for h in data["profile"]["limits_hit"]] == ["max_segments"]


def test_bad_profile_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A profile file with an unknown key exits 2 naming the key."""
    path = tmp_path / "bad.json"
    path.write_text('{"name": "x", "max_segment": 3}', encoding="utf-8")
    result = run_cli(capsys, "analyze", "--profile", str(path), "hi")
    assert result.code == 2
    assert "max_segment" in result.err


def test_split_profile_flags_a_cut_pair(capsys: pytest.CaptureFixture[str]) -> None:
    """split --profile naive: 81 ']' are 153 + 9 septets, the first ending in a pair."""
    result = run_cli(capsys, "split", "--profile", "naive", "]" * 81)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("[1/2] 153/153 septets")
    assert "escape pair" in lines[0]
    assert lines[2].startswith("[2/2] 9/153 septets")
    assert "escape pair" not in lines[2]


def test_split_profile_json(capsys: pytest.CaptureFixture[str]) -> None:
    """split --json --profile smpp-bytes: 157 septets in 2 parts of 134 and 23 octets."""
    result = run_cli(capsys, "split", "--json", "--profile", "smpp-bytes", "a" * 157)
    parts = json.loads(result.out)
    assert [(p["index"], p["units"], p["cut_inside"]) for p in parts] == [
        (1, 134, None),
        (2, 23, None),
    ]
    spec = json.loads(run_cli(capsys, "split", "--json", "a" * 157).out)
    assert len(spec) == 1


def test_split_profile_max_segments(capsys: pytest.CaptureFixture[str]) -> None:
    """split --profile with more parts than --max-segments exits 1."""
    result = run_cli(capsys, "split", "--profile", "twilio", "--max-segments", "2", BRACKETS)
    assert result.code == 1
    assert "3 parts" in result.err


def test_render_contact_counts_with_the_profile(capsys: pytest.CaptureFixture[str]) -> None:
    """render --contact --profile counts the rendered message as the provider bills it."""
    result = run_cli(
        capsys, "render", "@x", "--contact", json.dumps({"x": BRACKETS}), "--profile", "naive"
    )
    assert result.code == 0
    assert "2 segments billed by naive" in result.out
    data = json.loads(
        run_cli(
            capsys,
            "render",
            "@x",
            "--contact",
            json.dumps({"x": BRACKETS}),
            "--profile",
            "naive",
            "--json",
        ).out
    )
    assert data["profile"] == {
        "name": "naive",
        "encoding": "gsm7",
        "units": 306,
        "segments": 2,
        "segment_capacity": 153,
    }


def test_render_contacts_counts_with_the_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """render --contacts --profile: each recipient billed by the profile, in the total."""
    contacts = tmp_path / "c.csv"
    contacts.write_text(f"phone,x\n1,{BRACKETS}\n2,hi\n", encoding="utf-8")
    result = run_cli(
        capsys, "render", "@x", "--contacts", str(contacts), "--profile", "naive", "--json"
    )
    data = json.loads(result.out)
    assert [c["segments"] for c in data["contacts"]] == [2, 1]
    assert data["summary"]["segments"] == 3
    assert data["summary"]["profile"] == {"name": "naive", "segments": 3}
    plain = json.loads(run_cli(capsys, "render", "@x", "--contacts", str(contacts), "--json").out)
    assert plain["summary"]["segments"] == 4
    assert "profile" not in plain["summary"]


def test_render_bounds_with_profile_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--bounds does not render messages: --profile with it exits 2."""
    assert run_cli(capsys, "render", "@x", "--bounds", "--profile", "naive").code == 2


def test_check_profile(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """check --profile notify: a 919-character text is refused, exit 1."""
    payload = tmp_path / "p.json"
    data = {
        "contacts": [{"phone": "2250101010101"}],
        "text": "a" * 919,
        "senderId": "My Sender",
    }
    payload.write_text(json.dumps(data), encoding="utf-8")
    plain = run_cli(capsys, "check", str(payload), "--now", "2024-03-18T08:00:00Z", "--json")
    assert plain.code == 0
    result = run_cli(
        capsys,
        "check",
        str(payload),
        "--now",
        "2024-03-18T08:00:00Z",
        "--json",
        "--profile",
        "notify",
    )
    assert result.code == 1
    assert "text.too_many_characters" in result.out
