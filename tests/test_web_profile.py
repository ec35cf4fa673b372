"""The ``profile`` option of ``/api/analyze``, ``/api/explain`` and ``/api/check``, and
the page's profile select.

Vectors from the profiles' cited sources (docs/profiles.md): 153 ``]`` are 3 segments
for Twilio and 2 for ``ceil(306 / 153)`` counters; GOV.UK Notify refuses more than 918
characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest

pytest.importorskip("httpx2", reason="httpx2 (Starlette's test client) is not installed")

from starlette.testclient import TestClient

from smsparts.profiles import PROFILES
from smsparts.views import profile_view
from smsparts.web import create_app

NOW = "2024-03-18T08:00:00Z"
BRACKETS = "]" * 153


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), base_url="http://127.0.0.1") as c:
        yield c


def post(client: TestClient, path: str, data: object) -> tuple[int, Any]:
    response = client.post(path, json=data)
    return response.status_code, response.json()


def test_analyze_profile_member(client: TestClient) -> None:
    """/api/analyze with a profile answers its billed view (naive: 2 where the spec says 3)."""
    status, body = post(client, "/api/analyze", {"text": BRACKETS, "profile": "naive"})
    assert status == 200
    assert body["segments"] == 3
    assert body["profile"] == profile_view(PROFILES["naive"].analyze(BRACKETS))
    assert body["profile"]["segments"] == 2


def test_analyze_without_profile_has_none(client: TestClient) -> None:
    """Without a profile (or with null) there is no profile member."""
    for data in ({"text": "hi"}, {"text": "hi", "profile": None}):
        status, body = post(client, "/api/analyze", data)
        assert status == 200
        assert "profile" not in body


@pytest.mark.parametrize("value", ["twillio", "./agg.toml", 3])
def test_bad_profile_is_422(client: TestClient, value: object) -> None:
    """An unknown name, a file path (never read by a server) or a number is a 422."""
    status, body = post(client, "/api/analyze", {"text": "hi", "profile": value})
    assert status == 422
    assert body["field"] == "profile"


def test_explain_profile_member(client: TestClient) -> None:
    """/api/explain carries the profile's view in its analyze member."""
    status, body = post(client, "/api/explain", {"text": "a" * 919, "profile": "notify"})
    assert status == 200
    profile = body["analyze"]["profile"]
    assert profile["name"] == "notify"
    assert profile["ok"] is False
    assert [h["kind"] for h in profile["limits_hit"]] == ["max_characters"]


def test_check_profile(client: TestClient) -> None:
    """/api/check with a profile bills its segments and applies its limits."""
    payload = {"contacts": [{"phone": "2250101010101"}], "text": BRACKETS, "senderId": "SHOP"}
    status, plain = post(client, "/api/check", {"payload": payload, "now": NOW})
    assert status == 200
    assert plain["estimate"]["segments"] == 3
    status, naive = post(client, "/api/check", {"payload": payload, "now": NOW, "profile": "naive"})
    assert status == 200
    assert naive["estimate"]["segments"] == 2
    payload["text"] = "a" * 919
    status, notify = post(
        client, "/api/check", {"payload": payload, "now": NOW, "profile": "notify"}
    )
    assert status == 200
    assert notify["ok"] is False
    assert "text.too_many_characters" in {i["code"] for i in notify["issues"]}


def test_page_select_lists_every_builtin() -> None:
    """The page's labelled profile select offers none plus each built-in, by name."""
    html = resources.files("smsparts.web").joinpath("static/index.html").read_text("utf-8")
    assert '<label for="profile">' in html
    select = re.search(r'<select id="profile"[^>]*>(.*?)</select>', html, re.DOTALL)
    assert select is not None
    values = re.findall(r'<option value="([^"]*)"', select.group(1))
    assert values == ["", *PROFILES]
