"""The calculator page in a real headless Chromium, against a live uvicorn server.

Skipped, with the reason, when the system browser or Selenium is missing; CI installs
Debian's chromium and chromium-driver with ``.ci/browser-deps``.  Counts asserted here
are 3GPP facts (160 / 153 septets per segment, the euro sign is 2 septets through the
extension table, ``ç`` is outside the default alphabet, 70 / 67 UCS-2 code units).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")

from .web_support import chromium, find_browser, live_server

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

FOUND = find_browser()
#: Set in CI (with .ci/browser-deps run first): a missing browser fails, never skips.
REQUIRED = bool(os.environ.get("SMSPARTS_REQUIRE_BROWSER"))
pytestmark = pytest.mark.skipif(
    isinstance(FOUND, str) and not REQUIRED, reason=f"browser tests need a browser: {FOUND}"
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if isinstance(FOUND, str):
        pytest.fail(f"SMSPARTS_REQUIRE_BROWSER is set but {FOUND}")
    with chromium(*FOUND) as driver:
        yield driver


@pytest.fixture
def page(browser: WebDriver, base_url: str) -> WebDriver:
    browser.set_window_size(1280, 1000)
    browser.get(base_url + "/")
    return browser


def by_id(driver: WebDriver, element_id: str) -> WebElement:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def answers(driver: WebDriver) -> int:
    """How many answers the page has drawn so far."""
    return int(by_id(driver, "results").get_attribute("data-answers") or "0")


def type_text(driver: WebDriver, text: str) -> None:
    """Type into the message box as a person would, then wait for the page's answer."""
    box = by_id(driver, "text")
    box.clear()
    before = answers(driver)
    box.send_keys(text)
    wait_for_answer(driver, before)


def wait_for_answer(driver: WebDriver, before: int) -> None:
    """Wait until the page has drawn a new answer, for the text now in the box."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = (
        "const r = document.getElementById('results');"
        "return r.getAttribute('aria-busy') === 'false'"
        " && Number(r.dataset.answers) > arguments[0]"
        " && r.dataset.drawn === document.getElementById('text').value;"
    )
    WebDriverWait(driver, 15).until(lambda d: d.execute_script(script, before))


def cost_spans(driver: WebDriver) -> list[tuple[str, str]]:
    """``(text, class)`` of every character span drawn in the segments."""
    from selenium.webdriver.common.by import By

    return [
        (span.text, span.get_attribute("class") or "")
        for span in driver.find_elements(By.CSS_SELECTOR, "#segments .chars span")
    ]


def severe_console_entries(driver: WebDriver) -> list[dict[str, Any]]:
    """Console errors (a CSP violation, a script error) logged since the last read."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return [e for e in entries if e.get("level") == "SEVERE"]


def test_typing_shows_encoding_segments_and_room_left(page: WebDriver) -> None:
    """Typing 161 plain letters shows GSM-7, 161 septets, 2 segments of 153, 145 left."""
    from selenium.webdriver.common.by import By

    type_text(page, "a" * 161)
    assert by_id(page, "fact-encoding").text == "GSM-7"
    assert by_id(page, "fact-units").text == "161 septets"
    assert by_id(page, "fact-segments").text == "2"
    assert by_id(page, "fact-remaining").text == "145 septets"
    heads = [h.text for h in page.find_elements(By.CSS_SELECTOR, "#segments .segment-head")]
    assert heads == ["Segment 1 of 2: 153 / 153 septets", "Segment 2 of 2: 8 / 153 septets"]
    segments = [p.text for p in page.find_elements(By.CSS_SELECTOR, "#segments .chars")]
    assert segments == ["a" * 153, "a" * 8]
    assert by_id(page, "summary").get_attribute("aria-live") == "polite"
    assert severe_console_entries(page) == []


def test_characters_are_coloured_by_cost(page: WebDriver) -> None:
    """€ is drawn as a 2-septet character, ç as one forcing UCS-2, each with a title."""
    from selenium.webdriver.common.by import By

    type_text(page, "Prix 10 € ça")
    assert by_id(page, "fact-encoding").text == "UCS-2"
    assert by_id(page, "fact-units").text == "12 code units"
    spans = dict(cost_spans(page))
    assert "c2" in spans["€"].split()
    assert "cu" in spans["ç"].split()
    cedilla = page.find_element(By.CSS_SELECTOR, "#segments span.cu")
    assert cedilla.get_attribute("title") == (
        "U+00E7: not in GSM-7: forces the whole message into UCS-2"
    )
    # Not colour alone: the UCS-2 character is underlined (wavy), the escape dashed.
    decoration = cedilla.value_of_css_property("text-decoration-style")
    assert decoration == "wavy"
    euro = page.find_element(By.CSS_SELECTOR, "#segments span.c2")
    assert euro.value_of_css_property("text-decoration-style") == "dashed"
    assert cedilla.value_of_css_property("background-color") != euro.value_of_css_property(
        "background-color"
    )


def test_culprits_list_what_replacing_saves(page: WebDriver) -> None:
    """The culprit table names ç, its count and what replacing it alone saves."""
    from selenium.webdriver.common.by import By

    type_text(page, "Garçon " * 11)  # 77 characters: 2 UCS-2 segments, 1 in GSM-7
    assert by_id(page, "fact-segments").text == "2"
    rows = page.find_elements(By.CSS_SELECTOR, "#culprits tbody tr")
    assert len(rows) == 1
    cells = [td.text for td in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[0].startswith("ç U+00E7 LATIN SMALL LETTER C WITH CEDILLA")
    assert cells[1:] == ["11", "Ç", "accents", "1 segment"]


def test_transliteration_toggle_by_keyboard(page: WebDriver) -> None:
    """The level is chosen with the keyboard (Tab to it, arrow keys) and redraws the text sent."""
    from selenium.webdriver.common.keys import Keys

    type_text(page, "C’est l’été… " * 6)
    assert by_id(page, "fact-encoding").text == "UCS-2"
    before = answers(page)
    by_id(page, "text").send_keys(Keys.TAB)
    active = page.switch_to.active_element
    assert active.get_attribute("id") == "smart"
    active.send_keys(Keys.ARROW_DOWN)  # "typography"
    wait_for_answer(page, before)
    assert by_id(page, "fact-encoding").text == "GSM-7"
    note = by_id(page, "smart-note")
    assert note.is_displayed()
    assert note.text.startswith("Transliteration (typography) applied: 18 replacements")
    assert "’" not in "".join(text for text, _ in cost_spans(page))


def test_national_table_toggle(page: WebDriver) -> None:
    """With the Turkish tables, ş and ğ travel in GSM-7 (23.038 A.2.1, A.3.1)."""
    from selenium.webdriver.support.ui import Select

    type_text(page, "Güneşli bir gün, ağabey")
    assert by_id(page, "fact-encoding").text == "UCS-2"
    before = answers(page)
    Select(by_id(page, "languages")).select_by_value("turkish")
    wait_for_answer(page, before)
    assert by_id(page, "fact-encoding").text == "GSM-7"
    assert "national tables" in by_id(page, "summary").text


def test_template_shows_variables_and_bounds(page: WebDriver) -> None:
    """A text with @prenom lists the variable with its bounds, and a warning line."""
    from selenium.webdriver.common.by import By

    type_text(page, "Bonjour @prenom, votre colis arrive demain.")
    block = by_id(page, "template-block")
    assert block.is_displayed()
    rows = page.find_elements(By.CSS_SELECTOR, "#variables tbody tr")
    cells = [td.text for td in rows[0].find_elements(By.TAG_NAME, "td")]
    assert cells[:3] == ["@prenom", "30 characters", "yes"]
    # A 30-character value may hold characters outside the BMP (2 code units each in
    # UCS-2): 36 + 60 code units take 2 segments of 67; empty, the text fits 1 of 160.
    assert by_id(page, "template-summary").text == (
        "Any contact: 1 to 2 segments (GSM-7 to UCS-2)."
    )
    warnings = [li.text for li in page.find_elements(By.CSS_SELECTOR, "#template-warnings li")]
    assert any("@prenom" in w for w in warnings)


def test_invisible_characters_are_shown(page: WebDriver) -> None:
    """A zero-width space is drawn as a visible label, and forces UCS-2."""
    from selenium.webdriver.common.by import By

    type_text(page, "Bonjour\u200bà tous")
    labels = page.find_elements(By.CSS_SELECTOR, "#segments span.inv")
    assert [label.text for label in labels] == ["U+200B"]
    assert "cu" in (labels[0].get_attribute("class") or "").split()


def test_usable_at_phone_width(page: WebDriver, base_url: str) -> None:
    """At 375 px the page needs no sideways scrolling and the message box fits."""
    page.set_window_size(375, 800)
    page.get(base_url + "/")
    type_text(page, "Bonjour à tous, ça va ? " * 4)
    width = page.execute_script("return document.documentElement.clientWidth")
    scroll = page.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width
    box = by_id(page, "text")
    assert box.rect["x"] >= 0
    assert box.rect["x"] + box.rect["width"] <= width


def test_focus_is_visible(page: WebDriver) -> None:
    """A focused control shows an outline (focus visible)."""
    from selenium.webdriver.common.keys import Keys

    by_id(page, "text").send_keys(Keys.TAB)
    active = page.switch_to.active_element
    assert active.value_of_css_property("outline-style") == "solid"
    assert active.value_of_css_property("outline-width") == "3px"


def test_every_control_has_a_label(page: WebDriver) -> None:
    """Every input, select and textarea has a <label for> naming it."""
    from selenium.webdriver.common.by import By

    controls = page.find_elements(By.CSS_SELECTOR, "input, select, textarea")
    assert controls
    for control in controls:
        control_id = control.get_attribute("id")
        labels = page.find_elements(By.CSS_SELECTOR, f"label[for='{control_id}']")
        assert labels, control_id
        assert (labels[0].get_attribute("textContent") or "").strip(), control_id


def test_campaign_check_with_a_contacts_file(page: WebDriver, tmp_path: Path) -> None:
    """Uploading a CSV runs the check: the summary, the phone issue and the histogram."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    pytest.importorskip("smsparts.campaign")
    contacts = tmp_path / "clients.csv"
    # 2250101010101 is a valid Ivorian mobile; the platform writes phones without '+'.
    contacts.write_text(
        "phone,firstName\n2250101010101,Zoé\n+2250101010102,Léa\n", encoding="utf-8"
    )
    type_text(page, "Bonjour @prenom, votre commande est prête.")
    by_id(page, "contacts").send_keys(str(contacts))
    by_id(page, "check").click()
    WebDriverWait(page, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#campaign-result .report-summary")
    )
    summary = page.find_element(By.CSS_SELECTOR, "#campaign-result .report-summary").text
    assert summary.startswith("Not ready. 1 error: fix 1 phone number")
    issues = page.find_elements(By.CSS_SELECTOR, "#campaign-result li.issue")
    codes = {li.get_attribute("data-code"): li.text for li in issues}
    assert "clients.csv:3.phone" in codes["phone.plus_sign"]
    rows = page.find_elements(By.CSS_SELECTOR, "#campaign-result table.histogram tr")
    cells = [td.text for td in rows[1].find_elements(By.TAG_NAME, "td")]
    assert cells == ["1", "1"]  # one recipient sent, in one segment
    assert severe_console_entries(page) == []


def test_invisible_character_and_trailing_space_warnings(page: WebDriver) -> None:
    """A no-break space and a trailing space are named in the warnings list."""
    from selenium.webdriver.common.by import By

    type_text(page, "Prix\u00a0: 10 € ")
    assert by_id(page, "warnings-block").is_displayed()
    items = page.find_elements(By.CSS_SELECTOR, "#warnings li")
    by_code = {li.get_attribute("data-code"): li.text for li in items}
    assert set(by_code) == {"invisible", "trailing_space"}
    assert "no-break space (U+00A0)" in by_code["invisible"]
    # The no-break space is outside the default alphabet (23.038 6.2.1): UCS-2.
    assert by_id(page, "fact-encoding").text == "UCS-2"


def test_forced_gsm7_on_a_character_outside_it_says_why(page: WebDriver) -> None:
    """Forcing GSM-7 on a text with ç shows the reason and no stale count."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    type_text(page, "Garçon")
    before = answers(page)
    Select(by_id(page, "sms-encoding")).select_by_value("gsm7")
    wait_for_answer(page, before)
    error = by_id(page, "error")
    assert error.is_displayed()
    assert error.text.startswith("text: 1 character is not in the GSM 7-bit alphabet: 'ç'")
    assert by_id(page, "fact-segments").text == "–"
    assert page.find_elements(By.CSS_SELECTOR, "#segments li") == []
    Select(by_id(page, "sms-encoding")).select_by_value("")


def test_grapheme_clusters_are_drawn_whole(page: WebDriver) -> None:
    """An emoji ZWJ sequence is one UCS-2 mark, its joiner not shown as a separate character."""
    from selenium.webdriver.common.by import By

    type_text(page, "Dev \U0001f469\u200d\U0001f4bb ok")
    spans = page.find_elements(By.CSS_SELECTOR, "#segments .chars span")
    assert [span.text for span in spans] == ["\U0001f469\u200d\U0001f4bb"]
    assert "cu" in (spans[0].get_attribute("class") or "").split()
    assert spans[0].get_attribute("title") == (
        "U+1F469 U+200D U+1F4BB: not in GSM-7: forces the whole message into UCS-2"
    )
    assert page.find_elements(By.CSS_SELECTOR, "#segments span.inv") == []
