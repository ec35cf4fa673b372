"""Properties of the campaign check: estimates add up over any partition in any order,
each recipient is counted as ``analyze`` counts its rendered text, and reports and
estimates round-trip through JSON.
"""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("phonenumbers")

from smsparts import Analysis, Template, analyze
from smsparts.campaign import CampaignChecker, CampaignReport
from smsparts.estimate import Estimate, PriceTable, merge
from smsparts.readers import ContactRow

NOW = "2024-03-18T08:00:00Z"
TEXT = "Bonjour @nom_complet, votre code est prêt."
PRICES = PriceTable({"225": Decimal("0.020"), "2250101": Decimal("0.011"), "33": Decimal("0.07")})

#: Values mixing the default alphabet, the extension table, characters outside GSM-7
#: (ç forces UCS-2), a character outside the BMP and a ligature transliteration maps.
NAMES = st.one_of(
    st.none(),
    st.text(alphabet="abcAZ éçë€[ -😀ﬀ’\udc00", max_size=90),
)
KINDS = st.sampled_from(["ci", "ci2", "fr", "plus", "short", "none"])


def _phone(kind: str, index: int) -> str | None:
    """A distinct phone per index: valid mobiles, and malformed ones."""
    return {
        "ci": f"2250101{index:06d}",
        "ci2": f"2250707{index:06d}",
        "fr": f"3361{index:07d}",
        "plus": f"+2250505{index:06d}",
        "short": f"2250{index:06d}",
        "none": None,
    }[kind]


@st.composite
def contact_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    specs = draw(
        st.lists(st.tuples(KINDS, NAMES, st.sampled_from([None, "M", "F", "x"])), max_size=25)
    )
    contacts = []
    for index, (kind, name, sex) in enumerate(specs):
        contact: dict[str, Any] = {}
        phone = _phone(kind, index)
        if phone is not None:
            contact["phone"] = phone
        if name is not None:
            contact["name"] = name
        if sex is not None:
            contact["sex"] = sex
        contacts.append(contact)
    return contacts


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """A contact list, and its cut into slices listed in a random order."""
    contacts = draw(contact_lists())
    cuts = sorted(draw(st.lists(st.integers(0, len(contacts)), max_size=5)))
    bounds = [0, *cuts, len(contacts)]
    slices = list(itertools.pairwise(bounds))
    return contacts, draw(st.permutations(slices))


def _checker(contacts: list[dict[str, Any]], **options: Any) -> CampaignChecker:
    payload = {"contacts": contacts, "text": TEXT, "senderId": "My Sender"}
    return CampaignChecker(payload, now=NOW, prices=PRICES, **options)


@settings(max_examples=60)
@given(partitions())
def test_estimate_of_a_list_is_the_sum_over_any_partition(
    data: tuple[list[dict[str, Any]], list[tuple[int, int]]],
) -> None:
    """The estimate of a list equals the sum of its slices' estimates, in any order."""
    contacts, slices = data
    checker = _checker(contacts)
    whole = checker.run().contacts(contacts).estimate()
    parts = [checker.run().contacts(contacts[a:b], start=a).estimate() for a, b in slices]
    assert merge(parts) == whole
    assert merge(reversed(parts)) == whole


@settings(max_examples=60)
@given(partitions(), st.sampled_from([None, 1, 3]))
def test_report_of_a_list_is_the_sum_over_any_partition(
    data: tuple[list[dict[str, Any]], list[tuple[int, int]]], max_issues: int | None
) -> None:
    """Payload report + slice reports, in any order, equal one run (issues capped alike)."""
    contacts, slices = data
    checker = _checker(contacts, max_issues=max_issues)
    whole = checker.payload_report()
    parts = [checker.run().contacts(contacts[a:b], start=a).report() for a, b in slices]
    assert checker.payload_report(contacts=False).merge(*parts) == whole


@settings(max_examples=60)
@given(contact_lists(), st.sampled_from(["raise", "empty"]))
def test_each_recipient_is_counted_as_analyze_counts_its_text(
    contacts: list[dict[str, Any]], missing: str
) -> None:
    """Per recipient: the text is the template's rendering and the segments analyze's."""
    sent: list[tuple[str, str, Analysis]] = []
    checker = _checker(contacts, missing=missing)
    report = checker.check(on_message=lambda phone, text, a: sent.append((phone, text, a)))
    template = Template(TEXT, missing=missing)  # type: ignore[arg-type]
    by_phone = {c.get("phone"): c for c in contacts}
    for phone, text, analysis in sent:
        assert text == template.render(by_phone[phone])
        assert analysis.segments == analyze(text).segments
        assert analysis.encoding == analyze(text).encoding
    assert report.estimate.recipients == len(sent)
    assert report.estimate.segments == sum(a.segments for _, _, a in sent)
    histogram: dict[int, int] = {}
    for _, _, a in sent:
        histogram[a.segments] = histogram.get(a.segments, 0) + 1
    assert dict(report.estimate.histogram) == histogram


@settings(max_examples=60)
@given(contact_lists(), st.sampled_from([None, 2]))
def test_report_and_estimate_round_trip_through_json(
    contacts: list[dict[str, Any]], max_issues: int | None
) -> None:
    """to_state and Estimate.to_json survive json.dumps/loads unchanged."""
    report = _checker(contacts, max_issues=max_issues).payload_report()
    state = json.loads(json.dumps(report.to_state()))
    assert CampaignReport.from_state(state) == report
    estimate = json.loads(json.dumps(report.estimate.to_json()))
    assert Estimate.from_json(estimate) == report.estimate
    shown = json.loads(json.dumps(report.to_json()))
    assert shown["issue_counts"] == dict(report.issue_counts)
    assert len(shown["issues"]) == len(report.issues)


@st.composite
def file_rows(draw: st.DrawFn) -> list[ContactRow]:
    """CSV-like rows: str values, repeated phones, a changing column set, bad rows."""
    rows = []
    specs = draw(
        st.lists(
            st.tuples(KINDS, st.integers(0, 6), NAMES, st.sampled_from(["", "M", "x"]),
                      st.booleans(), st.booleans()),
            max_size=30,
        )
    )  # fmt: skip
    for line, (kind, index, name, sex, extra, ragged) in enumerate(specs, start=2):
        if ragged:
            rows.append(ContactRow("c.csv", line, {}, "3 fields, header has 2"))
            continue
        fields: dict[str, object] = {"phone": _phone(kind, index) or "", "name": name or ""}
        fields["sex"] = sex
        if extra:
            fields["first_name"] = "x"
        rows.append(ContactRow("c.csv", line, fields, None))
    return rows


@settings(max_examples=80)
@given(file_rows(), st.sampled_from(["raise", "empty"]), st.sampled_from([None, 1, 2]))
def test_file_rows_fast_loop_equals_the_careful_path(
    rows: list[ContactRow], missing: str, most: int | None
) -> None:
    """rows() counts exactly what checking each row on the careful path counts."""
    checker = _checker([], missing=missing, max_segments=most)
    fast = checker.run().rows(rows).report()
    careful = checker.run()
    for source, line, fields, problem in rows:
        if problem is not None:
            careful._bad_row(source, line, problem, 0)
        else:
            careful._contact(fields, 2, 0, line, None, source)
    assert fast == careful.report()
