"""Tests of smsparts.campaign: every payload check with its path and severity, the SDK's
three payloads, the estimate, the report's JSON forms and merging.

Facts used, with their sources:

* The SDK documentation (``sms.campain.create``): phones without ``+``
  (``"22500000000"`` is its example), ``senderId`` ``"My Sender"``, the 15-minute grid,
  the recurring example's dates (2024-03-18, -20, -22: a Monday, a Wednesday, a Friday).
* Côte d'Ivoire numbers have 10 national digits since the 2021 renumbering, so
  ``22500000000`` (8 digits after 225) is too short and ``2250101010101`` is a mobile;
  fixed-line and mobile examples come from ``phonenumbers.example_number_for_type``
  (Google's metadata, not our code).
* Segment capacities of 23.040 9.2.3.24: 160/153 septets, 70/67 UTF-16 code units;
  ``é`` is in the GSM default alphabet (23.038 6.2.1, 0x05), ``ç`` is not (only ``Ç``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("phonenumbers")

from smsparts.campaign import (
    CampaignChecker,
    CampaignReport,
    Issue,
    Severity,
    check_campaign,
)
from smsparts.errors import InvalidOption
from smsparts.estimate import PriceTable
from smsparts.readers import iter_contacts

NOW = "2024-03-18T08:00:00Z"  # before the SDK's dates
LATER = "2024-06-01T00:00:00Z"  # after them
CI_MOBILE = "2250101010101"
CI_MOBILE_2 = "2250123456789"  # phonenumbers' example CI mobile
CI_FIXED = "2252123456789"  # phonenumbers' example CI fixed line
FR_MOBILE = "33612345678"  # phonenumbers' example FR mobile

SDK_STANDARD: dict[str, Any] = {
    "contacts": [
        {"id": "contact_1", "phone": "22500000000", "name": "John Doe"},
        {"phone": "2250101010101"},
    ],
    "groupsIds": ["group_1", "group_2"],
    "text": "Bonjour @nom_complet bon début de semaine.",
    "senderId": "My Sender",
}
SDK_SCHEDULED: dict[str, Any] = {
    "contacts": [{"id": "contact_1", "phone": "22500000000", "name": "John Doe"}],
    "text": "Rappel : Votre rendez-vous est demain à 10h.",
    "senderId": "My Sender",
    "type": "SCHEDULED",
    "scheduledDate": "2024-03-20T10:00:00.000Z",
}
SDK_RECURRING: dict[str, Any] = {
    "contacts": [{"id": "contact_1", "phone": "22500000000", "name": "John Doe"}],
    "text": "Rappel hebdomadaire : N'oubliez pas votre séance.",
    "senderId": "My Sender",
    "type": "RECURRING",
    "recurring": {
        "monday": "2024-03-18T09:00:00.000Z",
        "wednesday": "2024-03-20T09:00:00.000Z",
        "friday": "2024-03-22T09:00:00.000Z",
    },
}


def payload(**fields: Any) -> dict[str, Any]:
    """A valid standard payload with ``fields`` changed (``None`` removes a field)."""
    base: dict[str, Any] = {
        "contacts": [{"phone": CI_MOBILE, "name": "Awa Koné"}],
        "text": "Bonjour @nom_complet",
        "senderId": "My Sender",
    }
    for key, value in fields.items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def found(report: CampaignReport) -> set[tuple[str, str, str]]:
    """(severity, code, path) of every issue kept."""
    return {(i.severity.value, i.code, i.path) for i in report.issues}


def only(report: CampaignReport, code: str) -> Issue:
    """The single issue of ``code``."""
    matching = [i for i in report.issues if i.code == code]
    assert len(matching) == 1, report.issues
    return matching[0]


def check(data: object, **options: Any) -> CampaignReport:
    options.setdefault("now", NOW)
    return check_campaign(data, **options)


def test_valid_payload_has_no_issue() -> None:
    """A valid payload gives an ok report without issues, and its estimate."""
    report = check(payload())
    assert report.issues == ()
    assert report.ok
    assert report.estimate.recipients == 1
    assert report.estimate.segments == 1  # "Bonjour Awa Koné": 16 septets (é is GSM)


# ---------------------------------------------------------------------------
# the SDK's three payloads, as documented


def test_sdk_standard_payload() -> None:
    """SDK standard: 22500000000 too short for CI; the contact without a name misses
    @nom_complet; groups without a mapping are a warning; My Sender is valid."""
    report = check(SDK_STANDARD)
    assert found(report) == {
        ("error", "phone.too_short", "contacts[0].phone"),
        ("error", "template.missing_value", "contacts[1].name"),
        ("warning", "groups.unresolved", "groupsIds"),
    }
    assert "too short for CI" in only(report, "phone.too_short").message
    assert report.estimate.unresolved_groups == 2
    assert report.estimate.recipients == 0
    assert report.estimate.excluded == 2


def test_sdk_standard_payload_with_missing_empty() -> None:
    """With missing='empty', 2250101010101 (a valid CI mobile) is sent without a name."""
    report = check(SDK_STANDARD, missing="empty")
    assert ("error", "phone.too_short", "contacts[0].phone") in found(report)
    assert not any(i.code == "template.missing_value" for i in report.issues)
    assert not any(i.path.startswith("contacts[1]") for i in report.issues)
    assert report.estimate.recipients == 1
    assert report.estimate.histogram == ((1, 1),)


def test_sdk_scheduled_payload() -> None:
    """SDK scheduled: on the grid; in the past against a later now; the summary sentence."""
    before = check(SDK_SCHEDULED, now=NOW)
    assert found(before) == {("error", "phone.too_short", "contacts[0].phone")}
    after = check(SDK_SCHEDULED, now=LATER)
    assert found(after) == {
        ("error", "phone.too_short", "contacts[0].phone"),
        ("error", "schedule.in_past", "scheduledDate"),
    }
    assert after.summary() == "2 errors: fix 1 phone number and 1 scheduled time"


def test_sdk_recurring_payload() -> None:
    """SDK recurring: each date's weekday matches its key in UTC; 3 sends a week."""
    report = check(SDK_RECURRING, now=LATER)
    assert found(report) == {("error", "phone.too_short", "contacts[0].phone")}
    assert report.schedule.occurrences_per_week == 3


# ---------------------------------------------------------------------------
# payload and contacts


def test_payload_not_an_object() -> None:
    """A payload that is not an object is one error at the empty path."""
    report = check([1, 2])
    assert found(report) == {("error", "payload.not_object", "")}


def test_payload_unknown_key_suggests() -> None:
    """An unknown payload key is a warning with a suggestion (groupIds -> groupsIds)."""
    report = check(payload(groupIds=["g"]))
    issue = only(report, "payload.unknown_key")
    assert (issue.severity, issue.path) == (Severity.WARNING, "groupIds")
    assert "did you mean 'groupsIds'?" in issue.message


def test_payload_name_not_text() -> None:
    """A name that is not text is an error at name."""
    assert ("error", "payload.not_text", "name") in found(check(payload(name=5)))


def test_contacts_required() -> None:
    """Without contacts nor groups, contacts is a required error."""
    assert found(check(payload(contacts=None))) == {("error", "contacts.required", "contacts")}


def test_contacts_not_list() -> None:
    """contacts must be a list."""
    assert found(check(payload(contacts={"phone": CI_MOBILE}))) == {
        ("error", "contacts.not_list", "contacts")
    }


def test_contact_not_object() -> None:
    """A contact that is not an object is an error at its index."""
    report = check(payload(contacts=[CI_MOBILE]))
    assert found(report) == {("error", "contact.not_object", "contacts[0]")}


@pytest.mark.parametrize(
    ("sex", "hint"),
    [
        pytest.param("m", "did you mean 'M'?", id="lower"),
        pytest.param("H", "", id="french-homme"),
        pytest.param(1, "", id="number"),
    ],
)
def test_contact_sex(sex: object, hint: str) -> None:
    """sex other than 'M' or 'F' is an error at contacts[i].sex."""
    report = check(payload(contacts=[{"phone": CI_MOBILE, "name": "A", "sex": sex}]))
    issue = only(report, "contact.sex")
    assert (issue.severity, issue.path) == (Severity.ERROR, "contacts[0].sex")
    assert hint in issue.message
    assert report.estimate.excluded == 1


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        pytest.param("first_name", "firstName", id="snake"),
        pytest.param("prenom", "firstName", id="french"),
        pytest.param("Phone_Number", "phone", id="phone-number"),
        pytest.param("lastname", "lastName", id="case"),
    ],
)
def test_contact_unknown_field_suggests(key: str, suggestion: str) -> None:
    """An unknown contact key is a warning with the platform's name for it."""
    contact = {"phone": CI_MOBILE, "name": "A", key: "x"}
    report = check(payload(contacts=[contact]))
    issue = only(report, "contact.unknown_field")
    assert (issue.severity, issue.path) == (Severity.WARNING, f"contacts[0].{key}")
    assert f"did you mean {suggestion!r}?" in issue.message
    assert report.ok


# ---------------------------------------------------------------------------
# phone


@pytest.mark.parametrize(
    ("phone", "code"),
    [
        pytest.param(None, "phone.required", id="none"),
        pytest.param("", "phone.required", id="empty"),
        pytest.param("+2250101010101", "phone.plus_sign", id="plus"),
        pytest.param("225 01 01 01 01 01", "phone.not_digits", id="spaces"),
        pytest.param("22500000000", "phone.too_short", id="sdk-example"),
        pytest.param("0101010101", "phone.unknown_country", id="national"),
    ],
)
def test_phone_errors(phone: object, code: str) -> None:
    """Phone errors are at contacts[i].phone and exclude the contact."""
    contact: dict[str, Any] = {"name": "A"}
    if phone is not None:
        contact["phone"] = phone
    report = check(payload(contacts=[contact]))
    issue = next(i for i in report.issues if i.code == code)
    assert (issue.severity, issue.path) == (Severity.ERROR, "contacts[0].phone")
    assert report.estimate.recipients == 0
    assert report.estimate.excluded == 1


def test_phone_plus_sign_shows_the_corrected_form() -> None:
    """The + error shows the form to write."""
    report = check(payload(contacts=[{"phone": "+2250101010101", "name": "A"}]))
    assert "2250101010101" in only(report, "phone.plus_sign").message


def test_phone_not_mobile_is_a_warning() -> None:
    """A valid fixed line is a warning and is still sent."""
    report = check(payload(contacts=[{"phone": CI_FIXED, "name": "A"}]))
    issue = only(report, "phone.not_mobile")
    assert (issue.severity, issue.path) == (Severity.WARNING, "contacts[0].phone")
    assert report.ok
    assert report.estimate.recipients == 1


def test_duplicate_phone_is_one_recipient() -> None:
    """The same phone twice is one recipient and a warning at the repeat."""
    contacts = [
        {"phone": CI_MOBILE, "name": "A"},
        {"phone": CI_MOBILE_2, "name": "B"},
        {"phone": CI_MOBILE, "name": "C"},
    ]
    report = check(payload(contacts=contacts))
    assert found(report) == {("warning", "phone.duplicate", "contacts[2].phone")}
    assert report.estimate.recipients == 2
    assert report.estimate.duplicates == 1


# ---------------------------------------------------------------------------
# text and template


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(None, "text.required", id="missing"),
        pytest.param(12, "text.not_text", id="number"),
        pytest.param("", "text.empty", id="empty"),
        pytest.param("   ", "text.empty", id="blank"),
        pytest.param("Bonjour @{prenom}", "template.syntax", id="braces"),
    ],
)
def test_text_errors(text: object, code: str) -> None:
    """Text errors are at text, with severity error."""
    data = payload()
    data["text"] = text
    if text is None:
        del data["text"]
    report = check(data)
    issue = only(report, code)
    assert (issue.severity, issue.path) == (Severity.ERROR, "text")


def test_template_syntax_error_names_the_index() -> None:
    """A template error says where it is."""
    report = check(payload(text="Bonjour @{prenom}"))
    assert "index 8" in only(report, "template.syntax").message


def test_unknown_variable_suggests_and_is_reported_once() -> None:
    """@nom_complte is one error at text, with @nom_complet suggested, not one per contact."""
    contacts = [{"phone": CI_MOBILE, "name": "A"}, {"phone": CI_MOBILE_2, "name": "B"}]
    report = check(payload(contacts=contacts, text="Bonjour @nom_complte et @vile"))
    issues = [i for i in report.issues if i.code == "template.unknown_variable"]
    assert [(i.severity, i.path) for i in issues] == [(Severity.ERROR, "text")] * 2
    assert "did you mean @nom_complet?" in issues[0].message
    assert "index 8" in issues[0].message
    assert "@vile" in issues[1].message


def test_variable_naming_a_declared_field_is_known() -> None:
    """A field outside the platform's is unknown unless declared with fields=."""
    contacts = [{"phone": CI_MOBILE, "name": "A", "ville": "Abidjan"}]
    data = payload(contacts=contacts, text="Bonjour @nom_complet de @ville")
    assert found(check(data)) == {
        ("error", "template.unknown_variable", "text"),
        ("warning", "contact.unknown_field", "contacts[0].ville"),
    }
    assert check(data, fields=["ville"]).issues == ()


def test_missing_value_error_on_the_recipient() -> None:
    """A missing value is an error on that recipient, at the field it reads."""
    contacts = [{"phone": CI_MOBILE, "firstName": "Awa"}, {"phone": CI_MOBILE_2, "name": "B"}]
    report = check(payload(contacts=contacts, text="Bonjour @prenom"))
    issue = only(report, "template.missing_value")
    assert (issue.severity, issue.path) == (Severity.ERROR, "contacts[1].firstName")
    assert "no firstName" in issue.message
    assert report.estimate.excluded == 1


def test_missing_value_with_default() -> None:
    """A default says what to send: no error, the default is counted."""
    contacts = [{"phone": CI_MOBILE}]
    report = check(payload(contacts=contacts), defaults={"nom_complet": "client"})
    assert report.issues == ()
    assert report.estimate.recipients == 1


def test_template_text_forcing_ucs2_is_a_warning_with_savings() -> None:
    """A ç in the template's own text: a warning at text naming it and the saving."""
    text = "Reçu : " + "votre commande est prête et sera livrée demain matin. " * 2
    report = check(payload(text=text))
    issue = only(report, "text.ucs2")
    assert (issue.severity, issue.path) == (Severity.WARNING, "text")
    assert "'ê' x2, 'ç' x1" in issue.message
    assert "transliteration (ascii) would save 1 segment per message" in issue.message
    # 7 + 2 x 55 = 117 characters: 2 UCS-2 segments (67 + 50), 1 in GSM-7.
    assert report.estimate.ucs2_recipients == 1
    assert report.estimate.segments == 2
    assert report.estimate.ucs2_chars == (("ç", 1), ("ê", 1))
    assert report.estimate.transliteration_saves == 1
    assert report.to_json()["estimate"]["ucs2_sources"] == {"ç": "template", "ê": "template"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("Bonjour\r\nà demain", "text.newline.crlf", id="crlf"),
        pytest.param("Bonjour\u200b à demain", "text.invisible", id="zwsp"),
        pytest.param("Bonjour \nà demain", "text.trailing_space", id="trailing"),
    ],
)
def test_text_hygiene_warnings(text: str, code: str) -> None:
    """Line-break style, invisible characters and trailing spaces are warnings at text."""
    issue = only(check(payload(text=text)), code)
    assert (issue.severity, issue.path) == (Severity.WARNING, "text")


def test_value_forcing_ucs2_is_counted_by_character() -> None:
    """A ç in a value: the recipient goes UCS-2, and ç is counted once per recipient."""
    contacts = [
        {"phone": CI_MOBILE, "name": "François Garçon"},
        {"phone": CI_MOBILE_2, "name": "Awa"},
    ]
    report = check(payload(contacts=contacts))
    assert report.estimate.ucs2_chars == (("ç", 1),)
    assert report.estimate.by_encoding == {"gsm7": 1, "ucs2": 1}
    assert report.to_json()["estimate"]["ucs2_sources"] == {"ç": "values"}


def test_max_segments_is_an_error_on_the_recipient() -> None:
    """Above max_segments, an error at the contact; it is excluded and counted."""
    contacts = [{"phone": CI_MOBILE, "name": "A" * 160}, {"phone": CI_MOBILE_2, "name": "B"}]
    report = check(payload(contacts=contacts), max_segments=1)
    issue = only(report, "text.too_many_segments")
    assert (issue.severity, issue.path) == (Severity.ERROR, "contacts[0]")
    assert "2 segments; the limit is 1" in issue.message
    assert report.estimate.over_max_segments == 1
    assert report.estimate.recipients == 1


def test_above_255_segments_is_always_an_error() -> None:
    """Without max_segments, 255 (23.040 9.2.3.24.1) is the limit."""
    contacts = [{"phone": CI_MOBILE, "name": "A" * (153 * 255 + 1)}]
    report = check(payload(contacts=contacts))
    assert "256 segments; the limit is 255" in only(report, "text.too_many_segments").message


# ---------------------------------------------------------------------------
# senderId


@pytest.mark.parametrize(
    "sender",
    ["My Sender", "ABCDEFGHIJK", "123456789012345", "Shop 24"],
)
def test_sender_valid(sender: str) -> None:
    """Up to 11 letters, digits and spaces with a letter, or up to 15 digits."""
    assert check(payload(senderId=sender)).issues == ()


@pytest.mark.parametrize(
    ("sender", "code"),
    [
        pytest.param("ABCDEFGHIJKL", "sender.too_long", id="12-letters"),
        pytest.param("1234567890123456", "sender.too_long", id="16-digits"),
        pytest.param("My-Sender!", "sender.invalid_character", id="punctuation"),
        pytest.param("Café", "sender.invalid_character", id="accent"),
        pytest.param("12 34", "sender.no_letter", id="no-letter"),
        pytest.param("", "sender.empty", id="empty"),
        pytest.param(12345, "sender.not_text", id="number"),
    ],
)
def test_sender_errors(sender: object, code: str) -> None:
    """A bad senderId is an error at senderId naming the rule."""
    issue = only(check(payload(senderId=sender)), code)
    assert (issue.severity, issue.path) == (Severity.ERROR, "senderId")
    if code != "sender.not_text":
        assert "up to 11 letters, digits and spaces" in issue.message


# ---------------------------------------------------------------------------
# type and schedule


@pytest.mark.parametrize(
    ("kind", "code", "hint"),
    [
        pytest.param("sms", "type.unknown", "'SMS'", id="case"),
        pytest.param("SCHEDULE", "type.unknown", "'SCHEDULED'", id="near-miss"),
        pytest.param("RECURENT", "type.unknown", "'RECURRING'", id="typo"),
        pytest.param(1, "type.not_text", "", id="number"),
    ],
)
def test_type_errors(kind: object, code: str, hint: str) -> None:
    """type is one of the three; a near miss gets a suggestion."""
    issue = only(check(payload(type=kind)), code)
    assert (issue.severity, issue.path) == (Severity.ERROR, "type")
    assert hint in issue.message


def test_scheduled_requires_a_date() -> None:
    """SCHEDULED without scheduledDate is an error at scheduledDate."""
    report = check(payload(type="SCHEDULED"))
    assert found(report) == {("error", "schedule.required", "scheduledDate")}


@pytest.mark.parametrize(
    ("value", "code"),
    [
        pytest.param("2024-03-20T10:00:00", "schedule.no_timezone", id="no-zone"),
        pytest.param("demain 10h", "schedule.not_a_date", id="words"),
        pytest.param("2024-03-20T10:07:00Z", "schedule.not_quarter_hour", id="off-grid"),
        pytest.param("2024-03-20T10:00:30Z", "schedule.not_quarter_hour", id="seconds"),
        pytest.param("2024-03-01T10:00:00Z", "schedule.in_past", id="past"),
    ],
)
def test_scheduled_date_errors(value: str, code: str) -> None:
    """Each scheduledDate problem is an error at scheduledDate."""
    report = check(payload(type="SCHEDULED", scheduledDate=value))
    issue = only(report, code)
    assert (issue.severity, issue.path) == (Severity.ERROR, "scheduledDate")


def test_not_quarter_hour_names_the_two_nearest_slots() -> None:
    """The grid error names the slots before and after."""
    report = check(payload(type="SCHEDULED", scheduledDate="2024-03-20T10:07:00Z"))
    message = only(report, "schedule.not_quarter_hour").message
    assert "2024-03-20T10:00:00+00:00 and 2024-03-20T10:15:00+00:00" in message


def test_scheduled_accepts_a_datetime_object() -> None:
    """A Python datetime is a date as good as the string."""
    when = datetime(2024, 3, 20, 10, 15, tzinfo=UTC)
    assert check(payload(type="SCHEDULED", scheduledDate=when)).issues == ()


def test_now_defaults_to_the_clock() -> None:
    """Without now, a date of 2024 is in the past (the clock is later)."""
    report = check_campaign(payload(type="SCHEDULED", scheduledDate="2024-03-20T10:00:00Z"))
    assert ("error", "schedule.in_past", "scheduledDate") in found(report)


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        pytest.param({"scheduledDate": "2024-03-20T10:00:00Z"}, "scheduledDate", id="sms-date"),
        pytest.param({"recurring": {"monday": "2024-03-18T09:00:00Z"}}, "recurring", id="sms-rec"),
        pytest.param(
            {"type": "SCHEDULED", "scheduledDate": "2024-03-20T10:00:00Z", "recurring": {}},
            "recurring",
            id="scheduled-rec",
        ),
        pytest.param(
            {
                "type": "RECURRING",
                "recurring": {"monday": "2024-03-18T09:00:00Z"},
                "scheduledDate": "2024-03-20T10:00:00Z",
            },
            "scheduledDate",
            id="recurring-date",
        ),
    ],
)
def test_schedule_for_the_wrong_type_is_ignored(fields: dict[str, Any], path: str) -> None:
    """A schedule given for another type is a warning that it is ignored."""
    report = check(payload(**fields))
    assert found(report) == {("warning", "schedule.ignored", path)}


@pytest.mark.parametrize(
    ("recurring", "code", "path"),
    [
        pytest.param(None, "recurring.required", "recurring", id="missing"),
        pytest.param(["monday"], "recurring.not_object", "recurring", id="list"),
        pytest.param({}, "recurring.empty", "recurring", id="empty"),
        pytest.param(
            {"mondy": "2024-03-18T09:00:00Z"}, "recurring.unknown_day", "recurring.mondy", id="typo"
        ),
        pytest.param(
            {"monday": "2024-03-18T09:10:00Z"},
            "schedule.not_quarter_hour",
            "recurring.monday",
            id="off-grid",
        ),
        pytest.param(
            {"monday": "2024-03-18T09:00:00"}, "schedule.no_timezone", "recurring.monday", id="tz"
        ),
    ],
)
def test_recurring_errors(recurring: object, code: str, path: str) -> None:
    """Each recurring problem is an error at recurring or recurring.<day>."""
    data = payload(type="RECURRING")
    if recurring is not None:
        data["recurring"] = recurring
    issue = only(check(data), code)
    assert (issue.severity, issue.path) == (Severity.ERROR, path)


def test_recurring_unknown_day_suggests() -> None:
    """A weekday typo gets the weekday it most likely means."""
    data = payload(type="RECURRING", recurring={"mondy": "2024-03-18T09:00:00Z"})
    assert "did you mean 'monday'?" in only(check(data), "recurring.unknown_day").message


def test_recurring_weekday_mismatch_is_flagged() -> None:
    """A date whose weekday is not its key is a warning saying what the platform keeps."""
    data = payload(type="RECURRING", recurring={"monday": "2024-03-19T09:00:00Z"})
    issue = only(check(data), "recurring.weekday_mismatch")
    assert (issue.severity, issue.path) == (Severity.WARNING, "recurring.monday")
    assert "is a Tuesday in UTC" in issue.message
    assert "sends on Mondays at 09:00" in issue.message


def test_recurring_weekday_is_read_in_tz() -> None:
    """Monday 23:30 UTC is a Tuesday in Africa/Lagos: the key monday is then flagged."""
    data = payload(type="RECURRING", recurring={"monday": "2024-03-18T23:30:00Z"})
    assert check(data).issues == ()
    issue = only(check(data, tz="Africa/Lagos"), "recurring.weekday_mismatch")
    assert "Africa/Lagos" in issue.message


def test_recurring_per_week_and_until() -> None:
    """3 weekdays: 3 sends a week; until counts the sends from now to that day."""
    data = dict(SDK_RECURRING, contacts=[{"phone": CI_MOBILE, "name": "A"}])
    report = check(data, now="2024-03-18T00:00:00Z", until="2024-03-31")
    assert report.schedule.occurrences_per_week == 3
    assert report.schedule.occurrences == 6
    out = report.to_json()["estimate"]
    assert out["per_week"] == {"occurrences": 3, "messages": 3, "segments": 3, "cost": None}
    assert out["total"]["segments"] == 6


# ---------------------------------------------------------------------------
# groups

GROUPS: dict[str, Any] = {
    "group_1": [{"phone": CI_MOBILE_2, "name": "B"}, {"phone": CI_MOBILE, "name": "A"}],
    "group_2": [{"phone": FR_MOBILE, "name": "C"}],
}


def test_groups_resolve_through_the_mapping() -> None:
    """Group contacts are checked and counted; a phone also in contacts is a duplicate."""
    report = check(payload(groupsIds=["group_1", "group_2"]), groups=GROUPS)
    assert found(report) == {("warning", "phone.duplicate", "groups.group_1[1].phone")}
    assert report.estimate.recipients == 3
    assert report.estimate.unpriced == (("225", 2, 2), ("33", 1, 1))


def test_group_missing_from_mapping() -> None:
    """An id missing from the mapping is an error at groupsIds[i], with a suggestion."""
    report = check(payload(groupsIds=["group_1", "group_3"]), groups=GROUPS)
    issue = only(report, "groups.unknown")
    assert (issue.severity, issue.path) == (Severity.ERROR, "groupsIds[1]")
    assert "did you mean" in issue.message


def test_groups_without_mapping_are_not_counted() -> None:
    """Groups without a mapping: a warning, and the estimate says they are not counted."""
    report = check(payload(groupsIds=["group_1"]))
    assert found(report) == {("warning", "groups.unresolved", "groupsIds")}
    assert report.estimate.unresolved_groups == 1
    assert "not counted" in report.to_text()


@pytest.mark.parametrize(
    ("ids", "code", "path"),
    [
        pytest.param("group_1", "groups.not_list", "groupsIds", id="string"),
        pytest.param([1], "groups.not_text", "groupsIds[0]", id="number"),
    ],
)
def test_group_ids_shape(ids: object, code: str, path: str) -> None:
    """groupsIds must be a list of text ids."""
    issue = only(check(payload(groupsIds=ids), groups=GROUPS), code)
    assert (issue.severity, issue.path) == (Severity.ERROR, path)


def test_group_listed_twice() -> None:
    """A group id twice is a warning; its contacts are counted once."""
    report = check(payload(groupsIds=["group_2", "group_2"]), groups=GROUPS)
    assert found(report) == {("warning", "groups.duplicate", "groupsIds[1]")}
    assert report.estimate.recipients == 2


# ---------------------------------------------------------------------------
# contact files


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_csv_contacts_paths_are_file_line_field(tmp_path: Path) -> None:
    """A CSV contact's issues are at FILE:LINE.field (header is line 1)."""
    path = write(
        tmp_path,
        "c.csv",
        f"phone,name\n{CI_MOBILE_2},Awa\n+{FR_MOBILE},Zoé\n22500000000,Jean\n",
    )
    report = check(payload(), contacts=[path])
    assert found(report) == {
        ("error", "phone.plus_sign", f"{path}:3.phone"),
        ("error", "phone.too_short", f"{path}:4.phone"),
    }
    assert report.estimate.recipients == 2  # the payload's contact and line 2


def test_csv_ragged_row_is_reported_at_its_line(tmp_path: Path) -> None:
    """A row with the wrong number of fields is an error at FILE:LINE, then reading goes on."""
    path = write(tmp_path, "c.csv", f"phone,name\n{CI_MOBILE_2},Awa,extra\n{FR_MOBILE},Zoé\n")
    report = check(payload(), contacts=[path])
    issue = only(report, "file.bad_row")
    assert (issue.severity, issue.path) == (Severity.ERROR, f"{path}:2")
    assert report.estimate.recipients == 2


def test_csv_unknown_column_reported_once(tmp_path: Path) -> None:
    """An unknown column is one warning at its first row, not one per row."""
    rows = "".join(f"2250101{i:06d},A,x\n" for i in range(5))
    path = write(tmp_path, "c.csv", "phone,name,first_name\n" + rows)
    report = check(payload(contacts=[]), contacts=[path])
    issue = only(report, "contact.unknown_field")
    assert issue.path == f"{path}:2.first_name"
    assert dict(report.issue_counts)["contact.unknown_field"] == 1


def test_csv_declared_columns_may_be_template_variables(tmp_path: Path) -> None:
    """A declared CSV column named by the template is rendered from the file."""
    path = write(tmp_path, "c.csv", f"phone,ville\n{CI_MOBILE_2},Abidjan\n")
    data = payload(contacts=[], text="Bonjour de @ville")
    report = check(data, contacts=[path], fields=["ville"])
    assert report.issues == ()
    assert report.estimate.recipients == 1


def test_jsonl_contacts(tmp_path: Path) -> None:
    """JSON lines contacts are read with their line numbers."""
    path = write(
        tmp_path,
        "c.jsonl",
        json.dumps({"phone": CI_MOBILE_2, "name": "A"})
        + "\n"
        + json.dumps({"phone": CI_MOBILE_2, "name": "B"})
        + "\n",
    )
    report = check(payload(), contacts=[path])
    assert found(report) == {("warning", "phone.duplicate", f"{path}:2.phone")}


# ---------------------------------------------------------------------------
# estimate and prices

PRICES = PriceTable({"225": Decimal("0.020"), "2250101": Decimal("0.010")})


def test_estimate_prices_longest_prefix() -> None:
    """Cost uses the longest prefix; a destination without a price is reported."""
    contacts = [
        {"phone": CI_MOBILE, "name": "A"},
        {"phone": CI_MOBILE_2, "name": "B" * 200},  # 208 septets: 2 segments
        {"phone": FR_MOBILE, "name": "C"},
    ]
    report = check(payload(contacts=contacts), prices=PRICES)
    e = report.estimate
    assert e.priced == (("225", 1, 2), ("2250101", 1, 1))
    assert e.unpriced == (("33", 1, 1),)
    assert e.histogram == ((1, 2), (2, 1))
    cost = report.cost
    assert cost is not None
    assert cost.total == Decimal("0.050")  # 2 x 0.020 + 1 x 0.010
    out = report.to_json()["estimate"]
    assert out["cost"] == "0.050"
    assert out["unpriced"] == {"33": {"recipients": 1, "segments": 1}}
    assert "no price for 1 recipients" in report.to_text()


def test_json_shape() -> None:
    """to_json has exactly the issue's keys, and is JSON-able."""
    report = check(SDK_SCHEDULED, now=LATER)
    data = json.loads(json.dumps(report.to_json()))
    assert {"ok", "issues", "issue_counts", "estimate"} <= set(data)
    assert data["ok"] is False
    assert set(data["issues"][0]) == {"severity", "code", "path", "message"}
    assert data["issue_counts"] == {"phone.too_short": 1, "schedule.in_past": 1}
    for key in ("recipients", "segments", "by_encoding", "histogram", "cost"):
        assert key in data["estimate"]
    assert set(data["estimate"]["by_encoding"]) == {"gsm7", "ucs2"}


def test_max_issues_caps_but_counts_exactly() -> None:
    """max_issues keeps the first N issues of each code; counts stay exact."""
    contacts = [{"phone": f"+2250101{i:06d}", "name": "A"} for i in range(30)]
    report = check(payload(contacts=contacts), max_issues=5)
    kept = [i for i in report.issues if i.code == "phone.plus_sign"]
    assert [i.path for i in kept] == [f"contacts[{i}].phone" for i in range(5)]
    assert dict(report.issue_counts)["phone.plus_sign"] == 30
    assert "and 25 more" in report.to_text()
    shown = report.to_json(max_issues=2)["issues"]
    assert len([i for i in shown if i["code"] == "phone.plus_sign"]) == 2


def test_summary_sentences() -> None:
    """One sentence: errors with what to fix, or the recipients, segments and cost."""
    good = check(payload(), prices=PRICES)
    assert good.summary() == "No errors: 1 recipient, 1 segment, cost 0.010"
    warned = check(payload(groupsIds=["g"]))
    assert warned.summary() == "No errors, 1 warning: 1 recipient, 1 segment"


def test_partition_reports_merge_to_the_whole(tmp_path: Path) -> None:
    """Payload report + file partitions (in any order) equals one run over everything."""
    lines = [f"2250101{i:06d},N{i}" for i in range(40)]
    lines[7] = "+" + lines[7]
    lines[30] = "22500000000,X"
    path = write(tmp_path, "c.csv", "phone,name\n" + "\n".join(lines) + "\n")
    checker = CampaignChecker(payload(), now=NOW, max_issues=10)
    whole = checker.check(iter_contacts(path))
    rows = list(iter_contacts(path))
    parts = [checker.run().rows(rows[a:b]).report() for a, b in ((0, 13), (13, 29), (29, 40))]
    merged = checker.payload_report().merge(parts[2], parts[0], parts[1])
    assert merged == whole
    state = json.loads(json.dumps(merged.to_state()))
    assert CampaignReport.from_state(state) == whole


def test_merge_rejects_different_settings() -> None:
    """Reports made with different prices or caps do not merge."""
    a = check(payload(), prices=PRICES)
    b = check(payload())
    with pytest.raises(ValueError, match="different prices"):
        a + b


# ---------------------------------------------------------------------------
# options


@pytest.mark.parametrize(
    ("options", "error"),
    [
        pytest.param({"max_segments": 0}, InvalidOption, id="max-segments"),
        pytest.param({"max_segments": "3"}, TypeError, id="max-segments-type"),
        pytest.param({"missing": "skip"}, InvalidOption, id="missing"),
        pytest.param({"tz": "Nowhere/Land"}, InvalidOption, id="tz"),
        pytest.param({"now": "yesterday"}, InvalidOption, id="now"),
        pytest.param({"now": 5}, TypeError, id="now-type"),
        pytest.param({"until": "soon"}, InvalidOption, id="until"),
        pytest.param({"max_issues": -1}, InvalidOption, id="max-issues"),
        pytest.param({"prices": {"225": 1}}, TypeError, id="prices"),
    ],
)
def test_bad_options_raise(options: dict[str, Any], error: type[Exception]) -> None:
    """A bad option is a TypeError or an InvalidOption, never an issue."""
    with pytest.raises(error):
        CampaignChecker(payload(), **options)


def test_checker_and_report_pickle() -> None:
    """A checker and a report survive pickling (partitions run in worker processes)."""
    import pickle

    data = payload(type="RECURRING", recurring={"monday": "2024-03-18T09:00:00Z"})
    checker = CampaignChecker(data, now=NOW, tz="Africa/Abidjan", prices=PRICES, until="2024-04-01")
    copy = pickle.loads(pickle.dumps(checker))
    report = checker.payload_report()
    assert copy.payload_report() == report
    assert pickle.loads(pickle.dumps(report)) == report


def test_value_with_a_lone_surrogate_is_an_error_not_a_crash() -> None:
    """A value no SMS can carry (a lone surrogate) is an error on its recipient."""
    contacts = [{"phone": CI_MOBILE, "name": "A\udc00"}, {"phone": CI_MOBILE_2, "name": "B"}]
    report = check(payload(contacts=contacts))
    issue = only(report, "text.invalid_character")
    assert (issue.severity, issue.path) == (Severity.ERROR, "contacts[0]")
    assert "U+DC00" in issue.message
    assert report.estimate.recipients == 1
