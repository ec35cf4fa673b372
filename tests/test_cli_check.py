"""Tests of ``smsparts check``: exit statuses, the human and JSON reports, --messages,
and the bundled examples (built from the SDK's three campaigns).

Expected issues come from the SDK documentation's facts (phone format without ``+``,
Côte d'Ivoire's 10-digit numbers since 2021, the 15-minute grid) and phonenumbers'
metadata (``2252721234567`` is an Ivorian fixed line).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("phonenumbers")

from smsparts.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def write_json(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_bundled_example_exits_0_with_warnings_estimate_and_cost(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The README's command: no error, warnings shown, the estimate and the cost."""
    status, out, err = run(
        capsys,
        str(EXAMPLES / "campaign-standard.json"),
        "--contacts",
        str(EXAMPLES / "campaign-contacts.csv"),
        "--groups",
        str(EXAMPLES / "groups.json"),
        "--prices",
        str(EXAMPLES / "prices.csv"),
    )
    assert status == 0
    # every number the README states about this example's output
    assert out.startswith("No errors, 3 warnings: 14 recipients, 24 segments, cost 0.5540\n")
    assert "Characters that forced UCS-2 (recipients): 'ç' 5, 'ë' 1, 'ï' 1" in out
    assert "would save 10 segments for 7 recipients" in out
    bars = [line.split() for line in out.splitlines() if " seg  " in line]
    assert [(bar[0], bar[-1]) for bar in bars] == [("1", "7"), ("2", "4"), ("3", "3")]
    assert "warning phone.duplicate (2)" in out
    assert "warning phone.not_mobile (1)" in out
    assert "Cost per send:" in out
    assert "seg  █" in out
    assert err == ""


def test_bundled_example_contacts_follow_the_platform_phone_format() -> None:
    """Every bundled contact phone is digits only, country code first (no '+')."""
    rows = (EXAMPLES / "campaign-contacts.csv").read_text(encoding="utf-8").splitlines()[1:]
    groups = json.loads((EXAMPLES / "groups.json").read_text(encoding="utf-8"))
    phones = [row.split(",")[0] for row in rows]
    phones += [c["phone"] for members in groups.values() for c in members]
    assert phones
    assert all(p.isdigit() and not p.startswith("0") for p in phones)


@pytest.mark.parametrize(
    ("name", "options"),
    [
        pytest.param("campaign-scheduled.json", ["--now", "2026-03-01T00:00:00Z"], id="scheduled"),
        pytest.param("campaign-recurring.json", ["--until", "2026-03-31"], id="recurring"),
    ],
)
def test_other_bundled_examples_exit_0(
    capsys: pytest.CaptureFixture[str], name: str, options: list[str]
) -> None:
    """The scheduled (before its date) and recurring examples have no error."""
    status, out, _ = run(capsys, str(EXAMPLES / name), *options, "--now", "2026-03-01T00:00:00Z")
    assert status == 0, out


def test_recurring_example_reports_per_week(capsys: pytest.CaptureFixture[str]) -> None:
    """Recurring: 3 sends a week, and the sends until the date given."""
    status, out, _ = run(
        capsys,
        str(EXAMPLES / "campaign-recurring.json"),
        "--now",
        "2026-03-02T00:00:00Z",  # a Monday
        "--until",
        "2026-03-15",
    )
    assert status == 0
    assert "Per week: 3 sends" in out
    assert "Until 2026-03-15: 6 sends" in out


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        pytest.param(
            "standard.json",
            {"phone.too_short", "template.missing_value", "groups.unresolved"},
            id="standard",
        ),
        pytest.param("scheduled.json", {"phone.too_short", "schedule.in_past"}, id="scheduled"),
        pytest.param("recurring.json", {"phone.too_short"}, id="recurring"),
    ],
)
def test_sdk_payloads_as_documented(
    capsys: pytest.CaptureFixture[str], name: str, codes: set[str]
) -> None:
    """The SDK's payloads exit 1: 22500000000 is too short for CI."""
    status, out, _ = run(
        capsys, str(EXAMPLES / "sdk" / name), "--json", "--now", "2024-06-01T00:00:00Z"
    )
    assert status == 1
    data = json.loads(out)
    assert set(data["issue_counts"]) == codes
    assert data["ok"] is False


def test_json_output_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints one object with ok, issues, issue_counts and estimate."""
    status, out, _ = run(
        capsys,
        str(EXAMPLES / "campaign-standard.json"),
        "--groups",
        str(EXAMPLES / "groups.json"),
        "--prices",
        str(EXAMPLES / "prices.csv"),
        "--json",
    )
    assert status == 0
    data = json.loads(out)
    assert data["ok"] is True
    assert set(data["issues"][0]) == {"severity", "code", "path", "message"}
    assert data["estimate"]["cost"] is not None
    assert set(data["estimate"]["by_encoding"]) == {"gsm7", "ucs2"}
    assert all(isinstance(k, str) for k in data["estimate"]["histogram"])


def test_max_issues_caps_each_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--max-issues N keeps N issues of a code; issue_counts has them all."""
    contacts = [{"phone": f"+2250101{i:06d}", "name": "A"} for i in range(7)]
    path = write_json(tmp_path, "p.json", {"contacts": contacts, "text": "Bonjour"})
    status, out, _ = run(capsys, path, "--json", "--max-issues", "2")
    assert status == 1
    data = json.loads(out)
    assert len(data["issues"]) == 2
    assert data["issue_counts"] == {"phone.plus_sign": 7}


def test_human_report_lists_20_paths_and_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The human report shows the first 20 paths of a code and how many more."""
    contacts = [{"phone": f"+2250101{i:06d}", "name": "A"} for i in range(25)]
    path = write_json(tmp_path, "p.json", {"contacts": contacts, "text": "Bonjour"})
    status, out, _ = run(capsys, path)
    assert status == 1
    assert out.startswith("25 errors: fix 25 phone numbers")
    assert "contacts[19].phone" in out
    assert "contacts[20].phone" not in out
    assert "and 5 more" in out


def test_messages_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--messages writes one JSON line per recipient sent."""
    contacts = [{"phone": "2250101010101", "name": "Awa"}, {"phone": "22500000000"}]
    path = write_json(tmp_path, "p.json", {"contacts": contacts, "text": "Bonjour @nom_complet"})
    target = tmp_path / "out.jsonl"
    status, _, _ = run(capsys, path, "--messages", str(target), "--missing", "empty")
    assert status == 1  # the second phone is too short
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        {"phone": "2250101010101", "text": "Bonjour Awa", "encoding": "gsm7", "units": 11,
         "segments": 1}
    ]  # fmt: skip


def test_default_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--default VAR=VALUE fills a missing value: no error."""
    path = write_json(
        tmp_path, "p.json", {"contacts": [{"phone": "2250101010101"}], "text": "Bonjour @prenom"}
    )
    status, out, _ = run(capsys, path, "--default", "prenom=client")
    assert status == 0, out


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["missing.json"], id="no-file"),
        pytest.param(["{payload}", "--default", "novalue"], id="default"),
        pytest.param(["{payload}", "--tz", "Mars/Olympus"], id="tz"),
        pytest.param(["{payload}", "--now", "tomorrow"], id="now"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """A usage error is one line on standard error and exit status 2."""
    payload = write_json(tmp_path, "p.json", {"contacts": [], "text": "x"})
    status, _, err = run(capsys, *[a.replace("{payload}", payload) for a in args])
    assert status == 2
    assert err.startswith("smsparts: error: ")
    assert len(err.strip().splitlines()) == 1


def test_bad_option_value_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--max-segments outside 1..255 is rejected by the parser with status 2."""
    payload = write_json(tmp_path, "p.json", {"contacts": [], "text": "x"})
    with pytest.raises(SystemExit) as info:
        main(["check", payload, "--max-segments", "0"])
    assert info.value.code == 2
    assert capsys.readouterr().err.startswith("smsparts: error: ")


def test_payload_not_json_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A payload file that is not JSON is a data error naming the file and line."""
    path = tmp_path / "p.json"
    path.write_text('{"contacts": [,]}', encoding="utf-8")
    status, _, err = run(capsys, str(path))
    assert status == 1
    assert f"{path}:1: not valid JSON" in err


def test_bad_price_file_names_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad price row is reported at FILE:LINE."""
    payload = write_json(tmp_path, "p.json", {"contacts": [], "text": "x"})
    prices = tmp_path / "prices.csv"
    prices.write_text("prefix,price\n225,abc\n", encoding="utf-8")
    status, _, err = run(capsys, payload, "--prices", str(prices))
    assert status == 1
    assert f"{prices}:2: price is not a number" in err


def test_groups_file_must_be_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A groups file that is not a JSON object is an error naming it."""
    payload = write_json(tmp_path, "p.json", {"contacts": [], "text": "x"})
    groups = write_json(tmp_path, "g.json", [1, 2])
    status, _, err = run(capsys, payload, "--groups", groups)
    assert status == 2
    assert "must hold a JSON object" in err


def test_no_progress_bar_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Standard error stays empty when it is not a terminal."""
    status, _, err = run(
        capsys,
        str(EXAMPLES / "campaign-standard.json"),
        "--contacts",
        str(EXAMPLES / "campaign-contacts.csv"),
        "--groups",
        str(EXAMPLES / "groups.json"),
    )
    assert status == 0
    assert err == ""


def test_cli_and_campaign_modules_do_not_import_phonenumbers() -> None:
    """phonenumbers is imported only when a check runs, not by importing the modules."""
    import subprocess
    import sys

    code = (
        "import sys, smsparts, smsparts.cli, smsparts.campaign, smsparts.estimate, "
        "smsparts.schedule; print('phonenumbers' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_contacts_from_files_only_need_none_in_the_payload(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --contacts files the payload may omit contacts; without any, it is an error."""
    payload = tmp_path / "p.json"
    payload.write_text('{"text": "Bonjour @prenom", "senderId": "My Sender"}', encoding="utf-8")
    contacts = tmp_path / "c.csv"
    contacts.write_text("phone,firstName\n2250701020304,Awa\n", encoding="utf-8")
    status = main(["check", str(payload), "--contacts", str(contacts), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert (status, report["ok"], report["estimate"]["recipients"]) == (0, True, 1)
    assert main(["check", str(payload), "--json"]) == 1
    assert "contacts.required" in json.loads(capsys.readouterr().out)["issue_counts"]


def test_encoding_applies_to_csv_files_not_to_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--encoding cp1252 reads a spreadsheet's CSV; the JSON payload stays UTF-8 (RFC 8259)."""
    payload = tmp_path / "p.json"
    payload.write_text(
        '{"text": "Bonjour @prenom, RDV confirmé.", "senderId": "My Sender"}', encoding="utf-8"
    )
    contacts = tmp_path / "c.csv"
    contacts.write_bytes("phone;firstName\r\n2250701020304;Françoise\r\n".encode("cp1252"))
    argv = ["check", str(payload), "--contacts", str(contacts), "--encoding", "cp1252", "--json"]
    status = main(argv)
    report = json.loads(capsys.readouterr().out)
    assert status == 0
    # é is in the GSM alphabet: read as UTF-8 the template stays GSM-7; ç forces UCS-2
    assert report["estimate"]["by_encoding"] == {"gsm7": 0, "ucs2": 1}
    assert "text.ucs2" not in report["issue_counts"]
