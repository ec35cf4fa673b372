"""Helpers for the browser tests and tools/web_screenshot.py: a live server, a browser.

The browser is the system's: Debian's ``chromium`` and ``chromium-driver`` packages
(``.ci/browser-deps`` installs them).  Selenium is given both paths, so its Selenium
Manager never runs, and ``SE_OFFLINE`` forbids it any download should it run anyway.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

BROWSER_NAMES = ("chromium", "chromium-browser")
DRIVER_NAMES = ("chromedriver",)

#: Chromium's flags for a closed machine: no sandbox (tests may run as root), no GPU,
#: and none of the background connections (updates, sync, safe browsing, field trials)
#: that this network refuses.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--metrics-recording-only",
    "--password-store=basic",
    "--force-device-scale-factor=1",
)


def _which(names: tuple[str, ...]) -> str | None:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def _given(variable: str) -> str | None:
    """The executable an environment variable names, if it is one."""
    path = os.environ.get(variable)
    return path if path and os.access(path, os.X_OK) else None


def find_browser() -> tuple[str, str] | str:
    """``(chromium, chromedriver)`` paths, or the reason they cannot be used.

    ``SMSPARTS_CHROMIUM`` and ``SMSPARTS_CHROMEDRIVER`` name other executables; set to a
    path that is not one, they make the browser missing (how its skip is tested).
    """
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    browser = _given("SMSPARTS_CHROMIUM") or _which(BROWSER_NAMES)
    driver = _given("SMSPARTS_CHROMEDRIVER") or _which(DRIVER_NAMES)
    if os.environ.get("SMSPARTS_CHROMIUM") and not _given("SMSPARTS_CHROMIUM"):
        browser = None
    if os.environ.get("SMSPARTS_CHROMEDRIVER") and not _given("SMSPARTS_CHROMEDRIVER"):
        driver = None
    if browser is None or driver is None:
        missing = " and ".join(
            name for name, path in (("chromium", browser), ("chromedriver", driver)) if not path
        )
        return f"no {missing} on PATH: run .ci/browser-deps (Debian chromium, chromium-driver)"
    return browser, driver


@contextmanager
def live_server() -> Iterator[str]:
    """uvicorn serving the app on a free 127.0.0.1 port, in a thread; yields its base URL."""
    from smsparts.web.server import make_server

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, log_level="warning")
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@contextmanager
def chromium(
    browser: str, driver: str, *, width: int = 1280, height: int = 1000
) -> Iterator[WebDriver]:
    """A headless Chromium driven through the system chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager: never download
    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = Options()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with tempfile.TemporaryDirectory(prefix="smsparts-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        instance = webdriver.Chrome(options=options, service=Service(executable_path=driver))
        try:
            yield instance
        finally:
            instance.quit()
