"""Take ``docs/img/calculator.png``: the calculator page in headless Chromium.

Usage: ``python tools/web_screenshot.py [OUT.png]``.  Starts the server on a free
127.0.0.1 port, types a sample campaign message into the page as a person would, waits
for the answer and saves the whole page.  Needs the ``test`` extra and the system
browser (``.ci/browser-deps``), as the browser tests do.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web_support import chromium, find_browser, live_server  # noqa: E402

#: One curly apostrophe sends this message in two UCS-2 segments; replaced, it fits one.
SAMPLE = (
    "Bonjour @prenom, votre commande 1234 vous attend au magasin dès 10 h : "
    "offre -20 € jusqu’à dimanche soir sur tout le rayon été."
)
WIDTH = 1000


def main(argv: list[str]) -> int:
    """Write the screenshot to ``argv[0]`` (default ``docs/img/calculator.png``)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    out = Path(argv[0]) if argv else ROOT / "docs" / "img" / "calculator.png"
    found = find_browser()
    if isinstance(found, str):
        print(f"web_screenshot: {found}", file=sys.stderr)
        return 1
    with live_server() as url, chromium(*found, width=WIDTH, height=900) as driver:
        driver.get(url + "/")
        driver.find_element(By.ID, "text").send_keys(SAMPLE)
        WebDriverWait(driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#variables tbody tr")
        )
        # The window's outer size includes what is not the page: grow it until the
        # viewport holds the whole document, so the file shows all of it.
        for _ in range(3):
            height = driver.execute_script("return document.documentElement.scrollHeight")
            inner = driver.execute_script("return window.innerHeight")
            outer = driver.get_window_size()["height"]
            if inner >= height:
                break
            driver.set_window_size(WIDTH, outer + int(height) - int(inner))
        driver.execute_script("document.activeElement.blur()")
        out.parent.mkdir(parents=True, exist_ok=True)
        if not driver.save_screenshot(str(out)):
            print("web_screenshot: the browser took no screenshot", file=sys.stderr)
            return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
