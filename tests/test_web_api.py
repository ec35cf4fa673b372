"""The JSON API of ``smsparts serve`` through Starlette's test client.

Happy paths are compared with the library's own result through the same JSON views the
CLI prints with ``--json``; the counts quoted as facts come from 3GPP TS 23.038 / 23.040
(160 septets in one segment, 153 per concatenated segment, 2 septets for the euro sign
through the extension table, 70 / 67 UCS-2 code units).
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("starlette", reason="the web extra is not installed")
pytest.importorskip("httpx2", reason="httpx2 (Starlette's test client) is not installed")

from starlette.testclient import TestClient

from smsparts import analyze, split, transliterate
from smsparts.charset import NationalLanguage
from smsparts.hygiene import text_warnings
from smsparts.template import Template
from smsparts.transliteration import savings_report
from smsparts.views import (
    analysis_view,
    bounds_view,
    savings_view,
    segment_view,
    transliteration_view,
)
from smsparts.web import SECURITY_HEADERS, character_costs, create_app
from smsparts.web.app import host_name
from smsparts.web.server import allowed_hosts_for, bind_socket

BASE = "http://127.0.0.1"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url=BASE) as c:
        yield c


def post(client: TestClient, path: str, data: object) -> tuple[int, Any]:
    response = client.post(path, json=data)
    assert response.headers["content-type"].startswith("application/json")
    return response.status_code, response.json()


# ---------------------------------------------------------------------------
# happy paths: the same JSON as the CLI's --json, from the library's own result


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Bonjour à tous !", id="gsm7"),
        pytest.param("a" * 161, id="gsm7-two-segments"),
        pytest.param("Prix : 10 € {promo}", id="gsm7-extension"),
        pytest.param("Garçon, l’été 😀", id="ucs2-emoji"),
        pytest.param("", id="empty"),
    ],
)
def test_analyze_matches_library(client: TestClient, text: str) -> None:
    """POST /api/analyze answers exactly the CLI's analyze --json view of analyze()."""
    status, body = post(client, "/api/analyze", {"text": text})
    assert status == 200
    assert body == analysis_view(analyze(text), warnings=text_warnings(text))


@pytest.mark.parametrize(
    ("argv", "request_members"),
    [
        pytest.param([], {}, id="plain"),
        pytest.param(
            ["--smart", "typography", "--suggest"],
            {"smart": "typography", "suggest": True},
            id="smart-suggest",
        ),
        pytest.param(
            ["--languages", "turkish", "--boundary", "codepoint", "--smart", "ascii"],
            {"languages": "turkish", "boundary": "codepoint", "smart": "ascii"},
            id="turkish-ascii",
        ),
    ],
)
def test_analyze_answers_what_the_cli_prints(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    request_members: dict[str, Any],
) -> None:
    """/api/analyze is `smsparts analyze --json` of the same text, but its input member."""
    from smsparts.cli import main

    text = "Günaydın, l’été… ş\u00a0!"
    assert main(["analyze", "--json", *argv, text]) == 0
    printed = json.loads(capsys.readouterr().out)
    del printed["input"]  # how the CLI read its argument: no such thing for a request
    status, body = post(client, "/api/analyze", {"text": text, **request_members})
    assert status == 200
    assert body == printed


def test_split_answers_what_the_cli_prints(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    """/api/split is `smsparts split --json` of the same text and options."""
    from smsparts.cli import main

    text = "€ " * 90 + "fin"
    assert main(["split", "--json", "--max-segments", "3", text]) == 0
    printed = json.loads(capsys.readouterr().out)
    status, body = post(client, "/api/split", {"text": text, "max_segments": 3})
    assert (status, body) == (200, printed)


def test_analyze_counts_spec_capacities(client: TestClient) -> None:
    """160 septets fit one segment, 161 take two of 153 (23.040 9.2.3.24.1, 23.038 6.1.2.1)."""
    _, one = post(client, "/api/analyze", {"text": "a" * 160})
    _, two = post(client, "/api/analyze", {"text": "a" * 161})
    assert (one["segments"], one["segment_capacity"], one["remaining"]) == (1, 160, 0)
    assert (two["segments"], two["segment_capacity"], two["remaining"]) == (2, 153, 145)
    _, euro = post(client, "/api/analyze", {"text": "€"})
    assert (euro["encoding"], euro["units"]) == ("gsm7", 2)  # ESC 0x65, 23.038 6.2.1.1
    _, ucs2 = post(client, "/api/analyze", {"text": "ç" * 71})
    assert (ucs2["encoding"], ucs2["segments"], ucs2["segment_capacity"]) == ("ucs2", 2, 67)


def test_analyze_options_pass_through(client: TestClient) -> None:
    """Options named as the CLI names them reach analyze(): encoding, boundary, languages."""
    text = "Günaydın şeker"
    status, body = post(
        client, "/api/analyze", {"text": text, "languages": "turkish", "boundary": "codepoint"}
    )
    assert status == 200
    assert body == analysis_view(
        analyze(text, languages=[NationalLanguage.TURKISH], boundary="codepoint"),
        warnings=text_warnings(text),
    )
    assert body["encoding"] == "gsm7"
    _, listed = post(client, "/api/analyze", {"text": text, "languages": ["turkish"]})
    assert listed == body
    _, forced = post(client, "/api/analyze", {"text": "abc", "encoding": "ucs2"})
    assert (forced["encoding"], forced["units"]) == ("ucs2", 3)


def test_analyze_smart_and_suggest_match_library(client: TestClient) -> None:
    """smart and suggest give the CLI's smart and suggest members."""
    text = "C’est l’été… " * 8
    status, body = post(
        client, "/api/analyze", {"text": text, "smart": "typography", "suggest": True}
    )
    assert status == 200
    smart = transliterate(text, level="typography")
    assert body == analysis_view(analyze(smart.text), warnings=text_warnings(smart.text)) | {
        "smart": transliteration_view(smart, level="typography"),
        "suggest": savings_view(savings_report(text, level="typography")),
    }
    assert body["smart"]["applied"] is True
    assert body["encoding"] == "gsm7"


@pytest.mark.parametrize(
    ("text", "options"),
    [
        pytest.param("a" * 400, {}, id="gsm7"),
        pytest.param("€" * 100, {}, id="escapes"),
        pytest.param("😀" * 40, {}, id="surrogates"),
        pytest.param("ab" * 50, {"max_segments": 1, "encoding": "ucs2"}, id="ucs2-one"),
    ],
)
def test_split_matches_library(client: TestClient, text: str, options: dict[str, Any]) -> None:
    """POST /api/split answers the CLI's split --json view of split()."""
    status, body = post(client, "/api/split", {"text": text, **options})
    if "max_segments" in options:
        assert status == 422
        assert body["field"] == "text"
        return
    assert status == 200
    assert body == [segment_view(i, seg) for i, seg in enumerate(split(text), 1)]
    assert "".join(seg["text"] for seg in body) == text


def test_split_keeps_escape_pairs_whole(client: TestClient) -> None:
    """A segment never ends between ESC and its septet (23.040 9.2.3.24.1): 76 euros in 153."""
    _, body = post(client, "/api/split", {"text": "€" * 100})
    assert [seg["units"] for seg in body] == [152, 48]
    assert [seg["end"] - seg["start"] for seg in body] == [76, 24]


def test_explain_is_analyze_split_and_costs(client: TestClient) -> None:
    """The page's request holds the same analyze and split JSON plus per-character costs."""
    text = "Prix 10 € çà"
    status, body = post(client, "/api/explain", {"text": text})
    assert status == 200
    _, analyzed = post(client, "/api/analyze", {"text": text, "suggest": True})
    _, segments = post(client, "/api/split", {"text": text})
    assert body["analyze"] == analyzed
    assert body["split"] == segments
    assert body["text"] == text
    # ç is not in the default alphabet (only Ç is, 23.038 6.2.1); € is ESC 0x65; à is 0x7F.
    assert body["costs"] == "11111111" + "21u1"
    assert body["template"] is None


def test_warnings_name_line_breaks_and_invisible_characters(client: TestClient) -> None:
    """analyze and explain carry the hygiene warnings: a CRLF, a zero-width space."""
    text = "Bonjour\r\n\u200bà demain"
    _, analyzed = post(client, "/api/analyze", {"text": text})
    _, explained = post(client, "/api/explain", {"text": text})
    codes = [w["code"] for w in analyzed["warnings"]]
    assert codes == ["newline.crlf", "invisible"]
    assert analyzed["warnings"][0]["positions"] == [7]
    assert explained["warnings"] == analyzed["warnings"]


def test_character_costs_by_table() -> None:
    """Costs: 1 septet, 2 septets through the extension table, u outside GSM-7."""
    assert character_costs(analyze("a€[")) == "122"
    assert character_costs(analyze("aç€")) == "1u2"
    assert character_costs(analyze("😀")) == "u"
    # Turkish locking shift table holds ş as one septet (23.038 A.3.1).
    turkish = analyze("ş", locking_shift=[NationalLanguage.TURKISH])
    assert turkish.encoding.value == "gsm7"
    assert character_costs(turkish) == "1"


def test_explain_with_smart_draws_the_text_sent(client: TestClient) -> None:
    """With a level applied, segments and costs are those of the transliterated text."""
    text = "l’été " * 30
    _, body = post(client, "/api/explain", {"text": text, "smart": "typography"})
    sent = transliterate(text, level="typography").text
    assert body["text"] == sent
    assert "".join(seg["text"] for seg in body["split"]) == sent
    assert len(body["costs"]) == len(sent)
    assert body["analyze"]["smart"]["applied"] is True


def test_explain_template_bounds_match_library(client: TestClient) -> None:
    """A text with @variables gets its variables and Template.bounds, as render --bounds --json."""
    text = "Bonjour @prenom, votre colis arrive demain."
    status, body = post(
        client, "/api/explain", {"text": text, "default_max_length": 20, "alphabet": "gsm7"}
    )
    assert status == 200
    expected = Template(text).bounds(default_max_length=20, alphabet="gsm7")
    assert body["template"] == {
        "variables": ["prenom"],
        "bounds": bounds_view(expected),
        "error": None,
    }
    _, lengths = post(client, "/api/explain", {"text": text, "max_length": {"prenom": 200}})
    assert lengths["template"]["bounds"]["variables"][0]["max_length"] == 200


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        pytest.param({"alphabet": "latin1"}, "alphabet", None, id="alphabet"),
        pytest.param({"default_max_length": -1}, "default_max_length", None, id="negative"),
        pytest.param({"max_length": [1]}, "max_length", "must be an object, not array", id="list"),
        pytest.param(
            {"max_length": {"prenom": "20"}},
            "max_length.prenom",
            "must be an integer, not string",
            id="length-type",
        ),
    ],
)
def test_explain_template_options_checked_without_a_template(
    client: TestClient, data: dict[str, Any], field: str, reason: str | None
) -> None:
    """Template options are checked even when the text has no @variable."""
    status, body = post(client, "/api/explain", {"text": "Bonjour", **data})
    assert (status, body["field"]) == (422, field)
    if reason is not None:
        assert body["reason"] == reason


def test_explain_bounds_for_at_most_50_variables(client: TestClient) -> None:
    """A text with more than 50 distinct variables gets its variables, no bounds, a reason."""
    text = " ".join(f"@v{i}" for i in range(51))
    status, body = post(client, "/api/explain", {"text": text})
    assert status == 200
    assert len(body["template"]["variables"]) == 51
    assert body["template"]["bounds"] is None
    assert body["template"]["error"]["reason"].startswith("51 variables:")


def test_explain_template_error_is_reported_not_raised(client: TestClient) -> None:
    """A template syntax error is shown in the template member; the text is still counted."""
    status, body = post(client, "/api/explain", {"text": "Bonjour @{prenom}"})
    assert status == 200
    assert body["template"]["bounds"] is None
    assert (
        "@{" in body["template"]["error"]["reason"]
        or "brace" in body["template"]["error"]["reason"]
    )
    assert body["analyze"]["segments"] == 1


def test_explain_too_long_for_split_keeps_the_analysis(client: TestClient) -> None:
    """Above max_segments the analysis is still given, with the split error instead of segments."""
    status, body = post(client, "/api/explain", {"text": "a" * 400, "max_segments": 2})
    assert status == 200
    assert body["split"] is None
    assert body["split_error"]["segments"] == 3
    assert body["analyze"]["segments"] == 3


# The phone facts are the issue's (Côte d'Ivoire moved to 10 national digits in 2021:
# 2250101010101 is a valid mobile, the SDK's own 22500000000 is too short); the platform
# writes phones without '+'.
CONTACTS_CSV = (
    "phone,firstName,lastName\n"
    "2250101010101,Zoé,Koné\n"
    "+2250101010102,Léa,Martin\n"
    "22500000000,Awa,Diallo\n"
)
NOW = "2024-03-18T08:00:00Z"


def test_check_matches_the_library(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/api/check answers CampaignReport.to_json() of the same payload and contacts file."""
    campaign = pytest.importorskip("smsparts.campaign")
    payload = {"text": "Bonjour @prenom, votre colis arrive.", "senderId": "SHOP"}
    (tmp_path / "contacts.csv").write_text(CONTACTS_CSV, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = campaign.check_campaign(payload, contacts=["contacts.csv"], now=NOW).to_json()
    status, body = post(
        client,
        "/api/check",
        {
            "payload": payload,
            "contacts": [{"name": "contacts.csv", "content": CONTACTS_CSV}],
            "now": NOW,
        },
    )
    assert status == 200
    assert body == expected
    by_path = {issue["path"]: issue["code"] for issue in body["issues"]}
    assert by_path["contacts.csv:3.phone"] == "phone.plus_sign"
    assert by_path["contacts.csv:4.phone"] == "phone.too_short"
    assert body["estimate"]["recipients"] == 1
    assert body["ok"] is False


def test_check_answers_what_smsparts_check_json_prints(
    client: TestClient,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """/api/check and `smsparts check --json` say the same of the same campaign and files."""
    pytest.importorskip("smsparts.campaign")
    from smsparts.cli import main

    payload = {
        "text": "Bonjour @prenom, -20 % ce week-end",
        "senderId": "SHOP",
        "contacts": [{"phone": "2250101010103", "firstName": "Aya"}],
        "type": "SCHEDULED",
        "scheduledDate": "2024-03-20T10:07:00.000Z",
    }
    prices = "prefix,price\n225,0.02\n"
    monkeypatch.chdir(tmp_path)
    Path("payload.json").write_text(json.dumps(payload), encoding="utf-8")
    Path("contacts.csv").write_text(CONTACTS_CSV, encoding="utf-8")
    Path("prices.csv").write_text(prices, encoding="utf-8")
    argv = ["check", "payload.json", "--contacts", "contacts.csv", "--prices", "prices.csv"]
    main([*argv, "--now", NOW, "--max-issues", "5", "--json"])
    printed = json.loads(capsys.readouterr().out)
    status, body = post(
        client,
        "/api/check",
        {
            "payload": payload,
            "contacts": [{"name": "contacts.csv", "content": CONTACTS_CSV}],
            "prices": prices,
            "now": NOW,
            "max_issues": 5,
        },
    )
    assert status == 200
    assert body == printed
    # 10:07 is off the platform's 15-minute grid.
    assert "schedule.not_quarter_hour" in body["issue_counts"]


def test_check_base64_upload_in_cp1252_with_prices(client: TestClient) -> None:
    """A cp1252 file sent as base64 is read with encoding cp1252; prices give the cost."""
    pytest.importorskip("smsparts.campaign")
    octets = "phone;firstName\n2250101010101;Zoé\n".encode("cp1252")
    request = {
        "payload": {"text": "Bonjour @prenom", "contacts": []},
        "contacts": [{"name": "export.csv", "content_base64": base64.b64encode(octets).decode()}],
        "now": NOW,
    }
    status, body = post(client, "/api/check", {**request, "prices": "prefix,price\n225,0.02\n"})
    assert status == 422  # UTF-8 by default: the é of cp1252 does not decode
    assert body["field"] == "contacts[0]"
    assert body["reason"].startswith("export.csv:2: not valid utf-8 (byte 0xE9) at byte offset")
    assert "encoding: cp1252" in body["reason"]
    assert body["line"] == 2
    status, body = post(
        client,
        "/api/check",
        {**request, "encoding": "cp1252", "prices": "prefix,price\n225,0.02\n"},
    )
    assert status == 200
    assert body["ok"] is True
    assert (body["estimate"]["recipients"], body["estimate"]["cost"]) == (1, "0.02")


@pytest.mark.parametrize(
    ("extra", "field", "reason"),
    [
        pytest.param({}, "payload", "required: the sms.campain.create object", id="no-payload"),
        pytest.param(
            {"payload": {}, "contacts": {"name": "a.csv"}},
            "contacts",
            "must be an array, not object",
            id="contacts-object",
        ),
        pytest.param(
            {"payload": {}, "contacts": [{"name": "a.exe", "content": ""}]},
            "contacts[0].name",
            None,
            id="suffix",
        ),
        pytest.param(
            {"payload": {}, "contacts": [{"name": "a.csv", "content": "", "content_base64": ""}]},
            "contacts[0]",
            "give content or content_base64, one of them",
            id="both-contents",
        ),
        pytest.param(
            {"payload": {}, "contacts": [{"name": "a.csv", "content_base64": "@@"}]},
            "contacts[0].content_base64",
            "is not base64",
            id="not-base64",
        ),
        pytest.param(
            {"payload": {}, "prices": "prefix,price\n33,cheap\n"},
            "prices",
            "prices:2: price is not a number: 'cheap'",
            id="prices",
        ),
        pytest.param({"payload": {}, "now": "yesterday"}, "now", None, id="now"),
        pytest.param({"payload": {}, "tz": "Mars/Olympus"}, "tz", None, id="tz"),
        pytest.param({"payload": {}, "max_issues": -1}, "max_issues", None, id="max-issues"),
        pytest.param(
            {"payload": {}, "defaults": {"prenom": 1}},
            "defaults.prenom",
            "must be a string, not number",
            id="default-type",
        ),
    ],
)
def test_check_bad_requests_are_422(
    client: TestClient, extra: dict[str, Any], field: str, reason: str | None
) -> None:
    """A bad member of a check request is 422 naming it; bad payload data is a report."""
    pytest.importorskip("smsparts.campaign")
    status, body = post(client, "/api/check", extra)
    assert (status, body["field"]) == (422, field), body
    if reason is not None:
        assert body["reason"] == reason


def test_check_bad_payload_is_a_report_not_an_error(client: TestClient) -> None:
    """A payload that is not an object is an issue in the report (200), as the CLI reports it."""
    pytest.importorskip("smsparts.campaign")
    status, body = post(client, "/api/check", {"payload": 5, "now": NOW})
    assert status == 200
    assert [i["code"] for i in body["issues"]] == ["payload.not_object"]


def test_check_without_campaign_module_is_501(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without smsparts.campaign, /api/check is 501 with a JSON reason."""
    monkeypatch.setitem(sys.modules, "smsparts.campaign", None)
    status, body = post(client, "/api/check", {"payload": {"text": "x", "contacts": []}})
    assert status == 501
    assert body == {
        "field": None,
        "reason": "the campaign check is not part of this build (smsparts.campaign is missing)",
    }


def test_check_without_phonenumbers_names_the_campaign_extra(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without phonenumbers, /api/check is 501 naming the campaign extra."""
    monkeypatch.setitem(sys.modules, "phonenumbers", None)
    status, body = post(client, "/api/check", {"payload": {"text": "x"}})
    assert status == 501
    assert "pip install 'smsparts[campaign]'" in body["reason"]


# ---------------------------------------------------------------------------
# bad requests


def test_bad_json_is_400(client: TestClient) -> None:
    """A body that is not JSON is 400, naming the line and column."""
    response = client.post(
        "/api/analyze", content=b'{"text": "a",}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] is None
    assert body["reason"].startswith("body is not JSON")
    assert (body["line"], body["column"]) == (1, 14)


def test_body_not_utf8_is_400(client: TestClient) -> None:
    """A body that is not UTF-8 is 400, naming the offset of the bad octet."""
    response = client.post(
        "/api/analyze", content=b'{"text": "\xe9"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["reason"] == "body is not UTF-8: bad octet at offset 10"


def test_deeply_nested_json_is_400(client: TestClient) -> None:
    """A JSON body nested past the parser's depth is a 400, never a traceback."""
    response = client.post(
        "/api/analyze",
        content=b"[" * 100_000 + b"]" * 100_000,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "nested" in response.json()["reason"]


def test_huge_json_number_is_400(client: TestClient) -> None:
    """A number of 5,000 digits is a 400 (Python's int digit limit), never a traceback."""
    response = client.post(
        "/api/split",
        content=b'{"text": "a", "max_segments": ' + b"9" * 5000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert "4300 digits" in response.json()["reason"]


def test_wrong_content_type_is_415(client: TestClient) -> None:
    """A form or text body is refused: only application/json (so no cross-site form post)."""
    response = client.post(
        "/api/analyze", content=b"text=a", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.json()["reason"] == "Content-Type must be application/json, not text/plain"


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        pytest.param(["a"], None, "body must be a JSON object, not array", id="array"),
        pytest.param({}, "text", "required", id="no-text"),
        pytest.param({"text": 5}, "text", "must be a string, not number", id="text-number"),
        pytest.param({"text": None}, "text", "must be a string, not null", id="text-null"),
        pytest.param(
            {"text": "a", "encoding": 7},
            "encoding",
            "must be a string or null, not number",
            id="encoding-type",
        ),
        pytest.param(
            {"text": "a", "encoding": "utf8"},
            "encoding",
            "must be one of gsm7, ucs2, not 'utf8'",
            id="encoding-value",
        ),
        pytest.param(
            {"text": "a", "suggest": "yes"},
            "suggest",
            "must be a boolean, not string",
            id="suggest-type",
        ),
        pytest.param(
            {"text": "a", "smart": "latin"},
            "smart",
            "must be one of typography, accents, ascii, not 'latin'",
            id="smart-value",
        ),
        pytest.param(
            {"text": "a", "languages": {"x": 1}},
            "languages",
            "must be a string, an array or null, not object",
            id="languages-type",
        ),
        pytest.param(
            {"text": "a", "languages": [True]},
            "languages[0]",
            "must be a language name or id, not boolean",
            id="language-bool",
        ),
        pytest.param({"text": "a", "encodng": "gsm7"}, "encodng", None, id="unknown-field"),
    ],
)
def test_wrong_types_and_values_are_422(
    client: TestClient, data: object, field: str | None, reason: str | None
) -> None:
    """A member of the wrong type or value is 422 naming the field and the reason."""
    status, body = post(client, "/api/analyze", data)
    assert status == 422
    assert body["field"] == field
    if reason is not None:
        assert body["reason"] == reason
    else:
        assert body["reason"].startswith("unknown field (known: text, sms_encoding, encoding,")


def test_sms_encoding_and_its_older_name(client: TestClient) -> None:
    """sms_encoding forces the encoding as --sms-encoding does; encoding is its older name."""
    _, new = post(client, "/api/analyze", {"text": "abc", "sms_encoding": "ucs2"})
    _, old = post(client, "/api/analyze", {"text": "abc", "encoding": "ucs2"})
    assert new == old
    assert (new["encoding"], new["units"]) == ("ucs2", 3)
    status, body = post(
        client, "/api/analyze", {"text": "abc", "encoding": "ucs2", "sms_encoding": "gsm7"}
    )
    assert (status, body["field"]) == (422, "encoding")


def test_locking_shift_without_a_table_is_422(client: TestClient) -> None:
    """Spanish has no locking shift table (23.038 A.3): refused; 'all' keeps those that exist."""
    status, body = post(client, "/api/analyze", {"text": "a", "locking_shift": "spanish"})
    assert (status, body["field"]) == (422, "locking_shift[0]")
    assert body["reason"].startswith("spanish has no locking shift table")
    status, _ = post(client, "/api/analyze", {"text": "ş", "locking_shift": "all"})
    assert status == 200


def test_unknown_language_is_422(client: TestClient) -> None:
    """An unknown national language names the item and the known languages."""
    status, body = post(client, "/api/analyze", {"text": "a", "single_shift": "turkish,klingon"})
    assert status == 422
    assert body["field"] == "single_shift[1]"
    assert body["reason"].startswith("unknown language 'klingon' (known: turkish, spanish,")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        pytest.param(True, "must be an integer, not boolean", id="bool"),
        pytest.param(2.5, "must be an integer, not number", id="float"),
        pytest.param(0, "must be an integer in 1..255, not 0", id="zero"),
        pytest.param(256, "must be an integer in 1..255, not 256", id="above-255"),
    ],
)
def test_max_segments_checked(client: TestClient, value: object, reason: str) -> None:
    """max_segments must be an integer from 1 to 255 (23.040 9.2.3.24.1)."""
    status, body = post(client, "/api/split", {"text": "a", "max_segments": value})
    assert (status, body["field"], body["reason"]) == (422, "max_segments", reason)


def test_lone_surrogate_is_422_with_position(client: TestClient) -> None:
    """A lone surrogate (valid JSON, no SMS can carry it) is 422 at its index."""
    response = client.post(
        "/api/analyze",
        content=b'{"text": "ab\\ud800"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["field"], body["start"], body["end"]) == ("text", 2, 3)
    assert "U+D800" in body["reason"]


def test_lone_surrogate_in_a_field_name_is_escaped_in_the_answer(client: TestClient) -> None:
    """An unknown field named by a lone surrogate is echoed as a \\udXXX escape: valid JSON."""
    response = client.post(
        "/api/analyze",
        content=b'{"text": "a", "\\ud800": 1}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert b'"\\ud800"' in response.content
    assert response.json()["field"] == "\ud800"


def test_forced_gsm7_unencodable_is_422_with_characters(client: TestClient) -> None:
    """Forcing GSM-7 on a text with ç is 422 listing the character and its index."""
    status, body = post(client, "/api/analyze", {"text": "Garçon", "encoding": "gsm7"})
    assert status == 422
    assert (body["field"], body["start"]) == ("text", 3)
    assert body["characters"][0]["code_point"] == "U+00E7"


def test_message_too_long_is_422(client: TestClient) -> None:
    """A split above max_segments is 422 with the segments needed and the limit."""
    status, body = post(client, "/api/split", {"text": "a" * 400, "max_segments": 2})
    assert status == 422
    assert (body["field"], body["segments"], body["max_segments"]) == ("text", 3, 2)


# ---------------------------------------------------------------------------
# size limits


def test_oversized_body_with_length_is_413() -> None:
    """A Content-Length above the limit is refused with 413 and the limit."""
    with TestClient(create_app(max_body_octets=1000), base_url=BASE) as small:
        status, body = post(small, "/api/analyze", {"text": "a" * 2000})
        assert status == 413
        assert body == {
            "field": None,
            "reason": "request body is larger than 1000 octets",
            "max_octets": 1000,
        }
        ok, _ = post(small, "/api/analyze", {"text": "a" * 900})
        assert ok == 200


def test_oversized_chunked_body_is_refused_while_reading() -> None:
    """Without a Content-Length, the body is counted as it arrives; reading stops at the limit."""
    app = create_app(max_body_octets=1000)
    received: list[int] = []
    sent: list[dict[str, Any]] = []
    chunk = b"a" * 100

    async def receive() -> dict[str, Any]:
        received.append(len(received))
        if len(received) == 1:
            return {"type": "http.request", "body": b'{"text": "', "more_body": True}
        return {"type": "http.request", "body": chunk, "more_body": len(received) < 10_000}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/analyze",
        "raw_path": b"/api/analyze",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    assert sent[0]["status"] == 413
    assert len(received) <= 12  # about 1,000 octets of the 1,000,000 offered, then it stopped
    assert json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["max_octets"] == 1000


def test_check_has_its_own_larger_limit() -> None:
    """/api/check reads up to max_check_octets, the text endpoints up to max_body_octets."""
    with TestClient(
        create_app(max_body_octets=100, max_check_octets=10_000), base_url=BASE
    ) as small:
        big = {"payload": {"text": "a" * 500}}
        assert post(small, "/api/analyze", {"text": "a" * 500})[0] == 413
        assert post(small, "/api/check", big)[0] != 413


@pytest.mark.parametrize("value", [0, -1])
def test_limits_must_be_positive(value: int) -> None:
    """create_app refuses a limit below one octet."""
    with pytest.raises(ValueError, match="max_body_octets must be an int >= 1"):
        create_app(max_body_octets=value)


def test_limit_must_be_an_int() -> None:
    """create_app refuses a limit that is not an int."""
    with pytest.raises(TypeError, match="max_check_octets must be an int, not str"):
        create_app(max_check_octets="1")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# the page, headers, hosts


def test_page_and_assets_are_served_with_security_headers(client: TestClient) -> None:
    """GET / serves the page, its script and style come from the package, with the CSP."""
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js" defer></script>' in page.text
    for name, value in SECURITY_HEADERS.items():
        assert page.headers[name] == value
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    script = client.get("/static/app.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/api/explain" in script.text
    assert client.get("/static/app.css").status_code == 200
    assert (
        client.post("/api/analyze", json={"text": "a"}).headers["x-content-type-options"]
        == "nosniff"
    )


def test_page_has_no_inline_script_or_style_and_no_remote_asset(client: TestClient) -> None:
    """The page loads nothing from another origin and has no inline script, style or handler."""
    html = client.get("/").text
    assert "<style" not in html
    assert " style=" not in html
    assert " on" not in html.replace(" one", "").replace(" only", "").replace(" on this", "")
    for tag in html.split("<script")[1:]:
        assert tag.startswith(' src="/static/')
    assert "http://" not in html
    assert "https://" not in html


def _luminance(colour: str) -> float:
    """Relative luminance of ``#rrggbb`` (WCAG 2.1, 1.4.3)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(
    ("ink", "paper"),
    [
        ("--ink", "--paper"),
        ("--ink", "--panel"),
        ("--muted", "--paper"),
        ("--muted", "--panel"),
        ("--c2-ink", "--c2-bg"),
        ("--cu-ink", "--cu-bg"),
        ("--inv-ink", "--inv-bg"),
        ("--ink", "--warn-bg"),
        ("--ink", "--error-bg"),
    ],
)
def test_page_colours_meet_wcag_aa_contrast(client: TestClient, ink: str, paper: str) -> None:
    """Text colours of the page's style sheet reach 4.5:1 on their backgrounds (WCAG AA)."""
    css = client.get("/static/app.css").text
    colours = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6});", css))
    light, dark = sorted((_luminance(colours[ink]), _luminance(colours[paper])), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_button_text_contrast(client: TestClient) -> None:
    """The button's white text on the accent colour reaches 4.5:1."""
    css = client.get("/static/app.css").text
    accent = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6});", css))["--accent"]
    assert "color: #ffffff;" in css
    assert (1.05) / (_luminance(accent) + 0.05) >= 4.5


def test_page_lists_every_national_language(client: TestClient) -> None:
    """The national tables toggle offers every NationalLanguage."""
    html = client.get("/").text
    for lang in NationalLanguage:
        assert f'<option value="{lang.name.lower()}">' in html


def test_unknown_path_and_method_are_json(client: TestClient) -> None:
    """An unknown path is a 404 and a GET on an endpoint a 405, both as JSON."""
    missing = client.get("/api/nothing")
    assert (missing.status_code, missing.json()["reason"]) == (404, "not found")
    wrong = client.get("/api/analyze")
    assert (wrong.status_code, wrong.json()["reason"]) == (405, "method not allowed")


def test_foreign_host_is_refused() -> None:
    """A Host that is not local is 400 (a rebound DNS name cannot read the API)."""
    with TestClient(create_app(), base_url="http://evil.example") as foreign:
        response = foreign.post("/api/analyze", json={"text": "a"})
    assert response.status_code == 400
    assert response.json()["field"] == "Host"
    with TestClient(create_app(), base_url="http://[::1]:8000") as v6:
        assert v6.post("/api/analyze", json={"text": "a"}).status_code == 200
    with TestClient(create_app(allowed_hosts=None), base_url="http://any.example") as anyhost:
        assert anyhost.post("/api/analyze", json={"text": "a"}).status_code == 200


@pytest.mark.parametrize(
    ("header", "host"),
    [
        pytest.param("127.0.0.1:8000", "127.0.0.1", id="ipv4-port"),
        pytest.param("LOCALHOST", "localhost", id="case"),
        pytest.param("[::1]:8000", "::1", id="ipv6-port"),
        pytest.param("[::1]", "::1", id="ipv6"),
        pytest.param("[::1]x", None, id="ipv6-junk"),
        pytest.param("[::1", None, id="ipv6-open"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="absent"),
        pytest.param(":80", None, id="port-only"),
    ],
)
def test_host_name_of_a_host_header(header: str | None, host: str | None) -> None:
    """The host part of a Host header, brackets and port removed; None when malformed."""
    assert host_name(header) == host


def test_allowed_hosts_by_bind_address() -> None:
    """Bound to loopback: local names; to a wildcard: any; to an address: it and local names."""
    assert allowed_hosts_for("127.0.0.1") == ("127.0.0.1", "localhost", "::1")
    assert allowed_hosts_for("localhost") == ("127.0.0.1", "localhost", "::1")
    assert allowed_hosts_for("0.0.0.0") is None
    assert allowed_hosts_for("::") is None
    assert allowed_hosts_for("192.0.2.7") == ("192.0.2.7", "127.0.0.1", "localhost", "::1")


def test_import_smsparts_never_imports_the_web_framework() -> None:
    """import smsparts and analyze() load neither Starlette nor uvicorn (optional stays so)."""
    code = (
        "import sys, smsparts; smsparts.analyze('a'); smsparts.split('a');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out.replace("'", '"')) == []


# ---------------------------------------------------------------------------
# properties: whatever arrives, a JSON answer with a documented status


_JSON_LEAF = st.none() | st.booleans() | st.integers(-300, 300) | st.floats() | st.text(max_size=30)
_JSON = st.recursive(
    _JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = st.sampled_from(
    [
        "text",
        "encoding",
        "boundary",
        "languages",
        "single_shift",
        "locking_shift",
        "smart",
        "suggest",
        "max_segments",
        "max_length",
        "default_max_length",
        "alphabet",
        "other",
    ]
)
_VALUES = (
    _JSON
    | st.sampled_from(["gsm7", "ucs2", "grapheme", "codepoint", "all", "turkish,3", "spanish"])
    | st.sampled_from(["typography", "accents", "ascii", "gsm7-basic", "Bonjour @prenom"])
)
_STATUSES = {200, 400, 413, 415, 422, 501}


@settings(max_examples=60, deadline=None)
@given(
    path=st.sampled_from(["/api/analyze", "/api/split", "/api/explain", "/api/check"]),
    body=st.dictionaries(_FIELDS, _VALUES, max_size=5),
    text=st.text(max_size=200),
)
def test_any_json_object_gets_a_json_answer(path: str, body: dict[str, Any], text: str) -> None:
    """Any object on any endpoint: a documented status and JSON (never a server error)."""
    body.setdefault("text", text)
    with TestClient(create_app(), base_url=BASE) as c:
        response = c.post(
            path,
            content=json.dumps(body).encode(),
            headers={"content-type": "application/json"},
        )
    assert response.status_code in _STATUSES
    data = response.json()
    if response.status_code != 200:
        assert set(data) >= {"field", "reason"}


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_get_a_json_answer(raw: bytes) -> None:
    """Arbitrary octets as a JSON body: 400 or 422 (or 200 if they happen to be good)."""
    with TestClient(create_app(), base_url=BASE) as c:
        response = c.post("/api/analyze", content=raw, headers={"content-type": "application/json"})
    assert response.status_code in {200, 400, 422}
    assert "reason" in response.json() or response.status_code == 200


# ---------------------------------------------------------------------------
# smsparts serve


def test_serve_answers_then_stops_on_ctrl_c() -> None:
    """`smsparts serve --port 0` prints its URL, serves the page and the API, exits 0 on SIGINT."""
    process = subprocess.Popen(
        [sys.executable, "-m", "smsparts", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("smsparts: serving the calculator on http://127.0.0.1:")
        url = line.split(" on ", 1)[1].split(" ", 1)[0]
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as page:
                    assert b"SMS segment calculator" in page.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        request = urllib.request.Request(
            url + "api/analyze",
            data=json.dumps({"text": "a" * 161}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["segments"] == 2
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr
    assert stdout.splitlines()[-1] == "smsparts: stopped"
    assert "a" * 161 not in stderr  # no access log: texts are never logged


def test_serve_port_in_use_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A port already taken is one line on stderr and exit status 2, not a traceback."""
    from smsparts.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"smsparts: error: cannot listen on 127.0.0.1 port {port}: ")
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--port", "70000"], id="port-above-65535"),
        pytest.param(["--port", "http"], id="port-not-a-number"),
        pytest.param(["--port", "٨٠"], id="port-arabic-digits"),
        pytest.param(["--max-body-octets", "0"], id="limit-zero"),
        pytest.param(["--bind", "x"], id="unknown-option"),
    ],
)
def test_serve_bad_arguments_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad port or limit is a one-line usage error (status 2) before anything listens."""
    from smsparts.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", *argv])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("smsparts: error: ")
    assert len(err.splitlines()) == 1


def test_serve_without_the_web_extra_names_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Starlette or uvicorn, serve says to install the web extra (exit status 2)."""
    from smsparts.cli import main

    for name in ("smsparts.web", "smsparts.web.server", "smsparts.web.app"):
        monkeypatch.setitem(sys.modules, name, None)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "smsparts: error: smsparts serve needs the 'web' extra: pip install 'smsparts[web]'"
    )


def test_web_package_without_starlette_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing smsparts.web without Starlette raises an ImportError naming the extra."""
    for name in list(sys.modules):
        if name == "smsparts.web" or name.startswith("smsparts.web."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "starlette", None)
    with pytest.raises(ImportError, match=r"needs the 'web' extra .*pip install 'smsparts\[web\]'"):
        importlib.import_module("smsparts.web")


def test_serve_defaults_match_the_server() -> None:
    """The CLI's defaults are the server's (repeated there so the CLI loads without the extra)."""
    from smsparts.cli import serve
    from smsparts.web import (
        DEFAULT_HOST,
        DEFAULT_MAX_BODY_OCTETS,
        DEFAULT_MAX_CHECK_OCTETS,
        DEFAULT_PORT,
    )

    assert (serve.DEFAULT_HOST, serve.DEFAULT_PORT) == (DEFAULT_HOST, DEFAULT_PORT)
    assert (serve.DEFAULT_MAX_BODY, serve.DEFAULT_MAX_CHECK) == (
        DEFAULT_MAX_BODY_OCTETS,
        DEFAULT_MAX_CHECK_OCTETS,
    )


def test_bind_socket_refuses_an_unknown_host() -> None:
    """bind_socket raises OSError for a name that does not resolve (reported by serve)."""
    with pytest.raises(socket.gaierror):
        bind_socket("no-such-host.invalid", 0)
