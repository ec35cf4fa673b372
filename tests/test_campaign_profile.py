"""The campaign check with a provider profile: billed segments, its limits, its sender rules.

Vectors come from the profiles' cited sources (docs/profiles.md): Twilio never cuts an
escape pair, so 153 ``]`` (306 septets) are 3 segments where ``ceil(306 / 153)``
counters (GOV.UK Notify's ``get_sms_fragment_count``, the naive profile) bill 2; Notify
refuses more than 918 characters (``SMS_CHAR_COUNT_LIMIT = 918  # 153 * 6``); Twilio
refuses a body above 1,600 characters and advises at most 320.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from smsparts.campaign import CampaignChecker, CampaignReport, check_campaign
from smsparts.errors import InvalidOption
from smsparts.profiles import PROFILES, SenderRules, profile_named

NOW = "2024-03-18T08:00:00Z"
PHONE = "2250101010101"
PHONE_2 = "2250123456789"


def payload(text: str, sender: str = "My Sender", phones: tuple[str, ...] = (PHONE,)) -> Any:
    """A valid standard payload sending ``text`` to ``phones``."""
    return {"contacts": [{"phone": p} for p in phones], "text": text, "senderId": sender}


def codes(report: CampaignReport) -> list[tuple[str, str]]:
    """(severity, code) of every issue, in order."""
    return [(i.severity.value, i.code) for i in report.issues]


def check(data: Any, **options: Any) -> CampaignReport:
    return check_campaign(data, now=NOW, **options)


def test_default_profile_none_is_the_spec_count() -> None:
    """Without a profile 153 ']' are the spec's 3 segments (escape pairs kept whole)."""
    assert check(payload("]" * 153)).estimate.segments == 3


@pytest.mark.parametrize(("name", "segments"), [("twilio", 3), ("naive", 2), ("notify", 2)])
def test_estimate_counts_billed_segments(name: str, segments: int) -> None:
    """The estimate counts the segments the profile bills (3 for Twilio, 2 for ceil)."""
    report = check(payload("]" * 153, phones=(PHONE, PHONE_2)), profile=name)
    assert report.estimate.segments == 2 * segments
    assert report.ok


def test_profile_object_and_name_agree() -> None:
    """``profile=`` takes a Profile or a built-in's name, with the same result."""
    by_name = check(payload("]" * 153), profile="naive")
    by_value = check(payload("]" * 153), profile=PROFILES["naive"])
    assert by_name.estimate == by_value.estimate


def test_unknown_profile_is_an_invalid_option() -> None:
    """A name no built-in has is an InvalidOption; a wrong type a TypeError."""
    with pytest.raises(InvalidOption):
        CampaignChecker(payload("hi"), profile="twillio")
    with pytest.raises(TypeError):
        CampaignChecker(payload("hi"), profile=3)  # type: ignore[arg-type]


def test_profile_max_segments_is_too_many_segments() -> None:
    """A message above the profile's max_segments is text.too_many_segments."""
    ten = profile_named("twilio")
    from dataclasses import replace

    small = replace(ten, name="two-parts", max_segments=2)
    report = check(payload("]" * 153), profile=small)
    assert ("error", "text.too_many_segments") in codes(report)
    assert report.estimate.recipients == 0
    # The naive count of the same text (2) fits two parts.
    naive_two = replace(PROFILES["naive"], name="naive-two", max_segments=2)
    assert check(payload("]" * 153), profile=naive_two).ok


def test_smaller_max_segments_option_wins() -> None:
    """--max-segments below the profile's maximum is the limit applied."""
    report = check(payload("a" * 200), profile="twilio", max_segments=1)
    issue = next(i for i in report.issues if i.code == "text.too_many_segments")
    assert "the limit is 1" in issue.message


def test_notify_918_characters_is_an_error() -> None:
    """Notify refuses 919 characters (SMS_CHAR_COUNT_LIMIT = 918) and takes 918."""
    assert check(payload("a" * 918), profile="notify").ok
    report = check(payload("a" * 919), profile="notify")
    assert ("error", "text.too_many_characters") in codes(report)
    assert report.estimate.recipients == 0
    assert report.estimate.excluded == 1


def test_twilio_1600_characters_is_an_error() -> None:
    """Twilio refuses a body above 1,600 characters."""
    report = check(payload("a" * 1601), profile="twilio")
    assert ("error", "text.too_many_characters") in codes(report)


def test_twilio_advised_limit_is_a_warning() -> None:
    """Above Twilio's advised 320 characters: a warning, the recipient still counted."""
    report = check(payload("a" * 400), profile="twilio")
    assert ("warning", "text.over_advised_characters") in codes(report)
    assert report.ok
    assert report.estimate.recipients == 1
    assert report.estimate.segments == 3  # ceil(400 / 153)


def test_limits_reported_on_each_recipient_of_a_file(tmp_path: Path) -> None:
    """Rows of a contact file (the fast loop) get the profile's limit issues each."""
    rows = tmp_path / "contacts.csv"
    rows.write_text(f"phone\n{PHONE}\n{PHONE_2}\n", encoding="utf-8")
    data = {"text": "a" * 919, "senderId": "My Sender"}
    report = check_campaign(data, now=NOW, contacts=[rows], profile="notify")
    assert report.issue_counts == (("text.too_many_characters", 2),)
    assert report.estimate.recipients == 0
    plain = check_campaign(data, now=NOW, contacts=[rows])
    assert plain.ok
    assert plain.estimate.segments == 2 * 7


def test_file_rows_billed_by_the_profile(tmp_path: Path) -> None:
    """Rows of a contact file are counted with the profile's billed segments."""
    rows = tmp_path / "contacts.csv"
    rows.write_text(f"phone\n{PHONE}\n{PHONE_2}\n", encoding="utf-8")
    data = {"text": "]" * 153, "senderId": "My Sender"}
    assert check_campaign(data, now=NOW, contacts=[rows], profile="naive").estimate.segments == 4
    assert check_campaign(data, now=NOW, contacts=[rows]).estimate.segments == 6


def test_profile_sender_rules_stricter_than_the_platform() -> None:
    """A sender the platform accepts but the profile refuses is a sender issue."""
    from dataclasses import replace

    strict = replace(PROFILES["spec"], name="six", sender=SenderRules(alphanumeric_max=6))
    assert check(payload("hi", sender="MaBoutique")).ok
    report = check(payload("hi", sender="MaBoutique"), profile=strict)
    issue = next(i for i in report.issues if i.code == "sender.too_long")
    assert "six" in issue.message
    assert "6 characters" in issue.message


def test_sender_issue_the_platform_reported_is_not_repeated() -> None:
    """An invalid character both rules refuse is reported once (the platform's)."""
    report = check(payload("hi", sender="Ma-Shop"), profile="twilio")
    assert [c for c in codes(report) if c[1].startswith("sender.")] == [
        ("error", "sender.invalid_character")
    ]


def test_notify_sender_extra_characters_not_relaxed() -> None:
    """Notify allows '&' in a sender, but the platform's stricter rule still applies."""
    report = check(payload("hi", sender="A&B"), profile="notify")
    assert ("error", "sender.invalid_character") in codes(report)


def test_scale_serial_engine_passes_the_profile(tmp_path: Path) -> None:
    """scale.check with a profile gives the one-process report (billed segments)."""
    scale = pytest.importorskip("smsparts.scale")
    rows = tmp_path / "contacts.csv"
    rows.write_text(f"phone\n{PHONE}\n{PHONE_2}\n", encoding="utf-8")
    data = {"text": "]" * 153, "senderId": "My Sender"}
    scaled = scale.check(data, [str(rows)], engine="serial", profile="naive", now=NOW)
    single = check_campaign(data, now=NOW, contacts=[rows], profile="naive")
    assert scaled.estimate.segments == single.estimate.segments == 4
