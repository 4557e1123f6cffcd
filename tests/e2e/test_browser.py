"""End to end: `kompetens serve` on a free loopback port over a temporary data folder, driven by headless
Chromium (Debian's chromium and chromium-driver, through selenium) through sign in -> upload an ad -> upload
CVs -> rank -> confirm the shortlist -> export and erase a candidate. Screenshots of each step are kept in
$KOMPETENS_E2E_ARTIFACTS (else the test's temporary folder; the path is printed).

Skips, with the reason, when chromium, chromedriver or selenium are missing; fails instead when
KOMPETENS_REQUIRE_E2E=1 (.ci/run sets it). Nothing is downloaded: the driver's path is given, so Selenium
Manager never runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..api.support import DEMO_AD, demo_cvs

pytestmark = pytest.mark.e2e

EMAIL = "anna@e2e.example"
PASSWORD = "a long e2e password"
HOSTILE_NAME = "<img src=x onerror=alert(1)>.txt"
WAIT = 60.0


def _missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    if shutil.which("chromium") is None:
        return "Debian's chromium is not installed (apt-get install chromium chromium-driver)"
    if shutil.which("chromedriver") is None:
        return "chromedriver is not installed (apt-get install chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("KOMPETENS_REQUIRE_E2E") == "1":
        pytest.fail(f"KOMPETENS_REQUIRE_E2E=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("KOMPETENS_E2E_ARTIFACTS")
    folder = Path(env) if env else tmp_path_factory.mktemp("e2e-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\ne2e screenshots: {folder}", file=sys.stderr)
    return folder


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kompetens(data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kompetens", "--data-dir", str(data), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, artifacts: Path) -> Iterator[str]:
    """`kompetens serve` over a fresh data folder with one admin (made with the CLI); its base URL."""
    reason = _missing()
    if reason:
        _skip_or_fail(reason)
    data = tmp_path_factory.mktemp("e2e-data")
    _kompetens(
        data,
        "users",
        "add",
        EMAIL,
        "--org",
        "E2E AB",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    port = _free_port()
    log = (artifacts / "server.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kompetens",
            "--data-dir",
            str(data),
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/api/v1/health", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def _wait_for(url: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"kompetens serve exited with {proc.returncode}; see server.log")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    pytest.fail(f"kompetens serve did not answer {url} within {WAIT:.0f} s")


@pytest.fixture(scope="module")
def browser(artifacts: Path, server: str) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = artifacts / "downloads"
    downloads.mkdir(exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = str(shutil.which("chromium"))
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    service = Service(executable_path=str(shutil.which("chromedriver")))  # never Selenium Manager
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


class Steps:
    """The browser and the artifacts folder: numbered screenshots of each step."""

    def __init__(self, driver: Any, base: str, folder: Path) -> None:
        self.d = driver
        self.base = base
        self.folder = folder
        self.n = 0

    def shot(self, name: str) -> Path:
        self.n += 1
        path = self.folder / f"{self.n:02d}-{name}.png"
        self.d.save_screenshot(str(path))
        return path

    def go(self, path: str) -> None:
        self.d.get(self.base + path)

    def css(self, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.d.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.d.find_elements(By.CSS_SELECTOR, selector))

    def h1(self) -> str:
        return str(self.css("h1").text)

    def status(self) -> str:
        return str(self.css('[role="status"]').text)

    def submit(self, form: str) -> None:
        self.click(f'{form} button[type="submit"]')

    def click(self, selector: str) -> None:
        """Click and wait for the next page (a form post or a link): the old page's root goes stale."""
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait

        old = self.css("html")

        def gone(_driver: Any) -> bool:
            # selenium's staleness_of waits for StaleElementReferenceException only; while the page changes,
            # Chrome may instead answer "Node with given id does not belong to the document"
            try:
                old.is_enabled()
            except WebDriverException:
                return True
            return False

        for attempt in range(3):
            # Chrome now and then loses the node between the find and the click: find it again while the
            # page has not moved on
            try:
                self.css(selector).click()
                break
            except WebDriverException:
                if gone(self.d):
                    break  # the click went through: the page moved on
                if attempt == 2:
                    raise
        WebDriverWait(self.d, WAIT).until(gone)
        WebDriverWait(self.d, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )


def test_sign_in_upload_rank_confirm_export_and_erase(
    browser: Any, server: str, artifacts: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    s = Steps(browser, server, artifacts)
    try:
        # signing in: every page sends you to /login first
        s.go("/candidates")
        assert browser.current_url.startswith(server + "/login?next=")
        s.css("body").send_keys(Keys.TAB)  # the first stop of the keyboard is the skip link
        assert browser.switch_to.active_element.text == "Skip to content"
        s.css("#email").send_keys(EMAIL)
        s.css("#password").send_keys(PASSWORD)
        s.shot("sign-in")
        s.submit('form[action="/login"]')
        assert s.h1() == "Stored candidates", s.h1()
        nav = {a.get_attribute("href").removeprefix(server) for a in s.all('nav[aria-label="Main"] a')}
        assert {"/ads", "/roles", "/rankings", "/users", "/events", "/retention"} <= nav

        # the job ad, and the role it asks for
        s.go("/ads")
        s.css("#title").send_keys("Social media specialist")
        s.css("#text").send_keys(DEMO_AD.read_text(encoding="utf-8"))
        s.submit('form[action="/ads"]')
        assert s.h1() == "Social media specialist" and s.status() == "The ad was stored."
        s.shot("ad-stored")
        s.submit('form[action$="/role"]')
        assert s.status() == "The role was saved." and "version 1" in s.h1()
        s.shot("role-saved")

        # CVs, several at once, one of them with markup in its name and text
        hostile = tmp_path / HOSTILE_NAME
        hostile.write_text(
            "Kim Fiktiv <script>document.title='owned'</script>\n\nErfarenhet\n"
            "2019 - nu Social media-ansvarig. Instagram, LinkedIn, sökmotoroptimering, Google Analytics.\n",
            encoding="utf-8",
        )
        cvs = [*demo_cvs(3), hostile]
        s.go("/candidates")
        s.css("#cvs").send_keys("\n".join(str(p) for p in cvs))
        s.submit('form[action="/candidates"]')
        assert s.status() == "The CVs were stored."
        rows = s.all("main table tbody tr")
        assert len(rows) == len(cvs)
        assert HOSTILE_NAME in s.css("main table").text  # shown as text...
        assert not s.all("main table img") and not s.all("main script")  # ...never as markup
        assert browser.title != "owned"
        s.shot("cvs-stored")

        # rank them for what the ad asks for
        s.go("/rankings")
        choice = Select(s.css("#role_choice"))
        (ad_option,) = [o for o in choice.options if o.get_attribute("value").startswith("ad:")]
        choice.select_by_value(ad_option.get_attribute("value"))
        s.shot("rank-form")
        s.submit('form[action="/rankings"]')
        assert s.h1().startswith("Ranking for") and "A proposal" in s.css("p.lead").text
        places = s.all('input[name^="pos_"]')
        assert len(places) == len(cvs)
        s.shot("ranking-proposed")

        # confirm the shortlist: swap the first two, which needs a reason
        first, second = places[0], places[1]
        moved = first.get_attribute("name").removeprefix("pos_")
        first.clear()
        first.send_keys("2")
        second.clear()
        second.send_keys("1")
        s.submit('form[action$="/confirm"]')
        assert "E508" in s.css('[role="alert"]').text
        assert s.css("#reason").get_attribute("aria-invalid") == "true"
        s.shot("confirm-needs-a-reason")
        for field in s.all('input[name^="pos_"]')[:2]:
            field.clear()
        s.all('input[name^="pos_"]')[0].send_keys("2")
        s.all('input[name^="pos_"]')[1].send_keys("1")
        s.css("#reason").send_keys("The work sample showed more moderation experience.")
        s.submit('form[action$="/confirm"]')
        assert s.status() == "The ranking is final." and "Made final" in s.css("p.lead").text
        s.shot("ranking-final")

        # the moved candidate's explanation, export and erasure
        s.go(f"/candidates/{moved}/explanation?lang=en")  # the CV's language by default; one may be Swedish
        assert s.h1() == "Your score, explained"
        assert "placed you 2 of" in s.css("main").text
        s.shot("explanation")
        s.go(f"/candidates/{moved}")
        s.css(f'a[href="/candidates/{moved}/export"]').click()
        exported = artifacts / "downloads" / f"candidate-{moved}.json"
        _wait_for_file(exported)
        export = json.loads(exported.read_text(encoding="utf-8"))
        assert export["candidate"]["id"] == moved and export["file_base64"]
        assert export["rankings"][0]["final_rank"] == 2
        s.click(f'a[href="/candidates/{moved}/erase"]')
        assert s.h1().startswith("Erase") and "cannot be undone" in s.css("main").text
        s.shot("erase-asks-first")
        s.click("button.danger")
        assert s.status() == "The candidate was erased, for real."
        assert len(s.all("main table tbody tr")) == len(cvs) - 1
        assert moved not in s.css("main").text
        s.shot("erased")
        s.go(f"/candidates/{moved}")
        assert "Unknown candidate" in s.h1()
    except Exception:
        s.shot("failure")
        raise


def _wait_for_file(path: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size > 0:
            return
        time.sleep(0.2)
    pytest.fail(f"the export was not downloaded to {path}")


NARROW_PAGES = (
    "/",
    "/review",
    "/rank",
    "/candidates",
    "/ads",
    "/roles",
    "/rankings",
    "/market",
    "/areas",
    "/link",
    "/retention",
    "/users",
    "/events",
)


def _signed_in(s: Steps) -> None:
    s.go("/")
    if s.d.current_url.startswith(s.base + "/login"):
        s.css("#email").send_keys(EMAIL)
        s.css("#password").send_keys(PASSWORD)
        s.submit('form[action="/login"]')


def test_every_page_reflows_at_320_px(browser: Any, server: str, artifacts: Path) -> None:
    """WCAG 1.4.10: 320 CSS px wide (a phone, or 1280 px at 400 % zoom) no page scrolls sideways; a data table
    may scroll in its own box. /rank, /rankings and /roles were 40 to 110 px too wide (fieldsets and grid
    items kept their content's width), the areas page's skill tables 640 px."""
    s = Steps(browser, server, artifacts)
    _signed_in(s)
    browser.set_window_size(320, 900)
    try:
        wide = {}
        for path in NARROW_PAGES:
            for lang in ("en", "sv"):
                s.go(f"{path}?lang={lang}")
                browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
                width = browser.execute_script("return document.documentElement.clientWidth")
                scrolled = browser.execute_script("return document.documentElement.scrollWidth")
                assert width <= 320
                if scrolled > width:
                    wide[f"{path}?lang={lang}"] = scrolled
                    s.shot("too-wide")
        assert not wide, wide
    finally:
        browser.set_window_size(1280, 1600)


def test_a_forms_error_opens_with_the_focus_on_the_field_to_mend(
    browser: Any, server: str, artifacts: Path
) -> None:
    """WCAG 3.3.1, 2.4.3: /review sent without an ad answers with the error, and the keyboard's focus is in
    the ad's text box (it stayed on the page's body before)."""
    s = Steps(browser, server, artifacts)
    _signed_in(s)
    s.go("/review")
    s.submit('form[action="/review"]')
    assert s.css('[role="alert"]').text
    focused = browser.switch_to.active_element
    assert focused.get_attribute("id") == "text" and focused.get_attribute("aria-invalid") == "true"


def test_the_api_reference_renders_from_this_server(browser: Any, server: str, artifacts: Path) -> None:
    """/docs shows the API's operations (Swagger UI), loading nothing from another origin: FastAPI's own page
    took its script from a CDN and stayed blank without a network."""
    from selenium.webdriver.support.ui import WebDriverWait

    s = Steps(browser, server, artifacts)
    s.go("/docs")
    WebDriverWait(browser, WAIT).until(lambda d: len(s.all(".opblock")) > 10)  # the operations, rendered
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert loaded and all(url.startswith(server + "/") for url in loaded), loaded
    s.shot("api-reference")


def test_a_ranking_reads_on_a_phone(browser: Any, server: str, artifacts: Path) -> None:
    """A recruiter on a phone (375 px, hunt hO3): the rank result's evidence opens within the visible part of
    its table's box (it ran as wide as the whole table, ~1000 px, each line cut at the screen's edge), and the
    stored ranking's Candidate and Score columns keep their words (they shrank to a letter a line,
    "C/a/n/d/i/d/a/t/e", as `overflow-wrap: anywhere` let them)."""
    s = Steps(browser, server, artifacts)
    _signed_in(s)
    browser.set_window_size(375, 900)
    try:
        s.go("/rank")
        s.css("#cvs").send_keys("\n".join(str(p) for p in demo_cvs(3)))
        s.submit('form[action="/rank"]')
        assert s.all("table.ranking"), s.h1()
        browser.execute_script(
            "document.querySelectorAll('table.ranking details').forEach(d => d.open = true)"
        )
        s.shot("phone-rank-result")
        cut = browser.execute_script(
            "const box = document.querySelector('table.ranking').closest('.table-wrap').getBoundingClientRect();"
            "return [...document.querySelectorAll('table.ranking tr.details details')]"
            ".map(d => Math.round(d.getBoundingClientRect().right - box.right)).filter(x => x > 1);"
        )
        assert not cut, f"evidence past the box's right edge by {cut} px"
        s.click('a[href^="/rankings/"] code')
        assert s.h1().startswith("Ranking for")
        s.shot("phone-ranking")
        lines = browser.execute_script(
            "const n = c => { const r = document.createRange(); r.selectNodeContents(c);"
            "  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };"
            "const heads = [...document.querySelectorAll('main table.form thead th')].slice(1, 3);"
            "const names = [...document.querySelectorAll('main table.form th[scope=row] a')];"
            "return [...heads, ...names].map(c => [c.textContent.trim(), n(c)]);"
        )
        # a line each, or at most one a part of a name ("en-02-social-media-manager.md" may break at its
        # hyphens), never a letter a line
        assert lines and all(n <= len(re.split(r"[-._ ]", t)) for t, n in lines), lines
    finally:
        browser.set_window_size(1280, 1600)


def test_a_phone_gets_a_compact_menu_and_keeps_a_review_across_languages(
    browser: Any, server: str, artifacts: Path
) -> None:
    """A recruiter on a phone (375 px, hunt hO3): the navigation is a "Menu" disclosure that opens from the
    keyboard (the row of links took 38 % of the first screen); a reviewed ad's footnote numbers are 24 x 24 px
    targets (WCAG 2.2, 2.5.8; they were 8 x 13 px) on screen, the plain numbers in print; and "Svenska" on the
    review shows the same review in Swedish (it was a GET of the empty form)."""
    from selenium.webdriver.common.keys import Keys

    s = Steps(browser, server, artifacts)
    _signed_in(s)
    browser.set_window_size(375, 700)
    try:
        s.go("/")
        tall = browser.execute_script(
            "return document.querySelector('header.site').getBoundingClientRect().height"
        )
        screen = browser.execute_script("return window.innerHeight")
        assert tall <= 0.2 * screen, f"the header takes {tall} of {screen} px"
        assert not [a for a in s.all('nav[aria-label="Main"] a') if a.is_displayed()]
        s.css("body").send_keys(Keys.TAB, Keys.TAB, Keys.TAB)  # the skip link, the brand, the menu
        assert browser.switch_to.active_element.text.startswith("Menu")
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        shown = [a for a in s.all('nav[aria-label="Main"] a') if a.is_displayed()]
        assert len(shown) >= 10 and all(a.size["height"] >= 24 for a in shown)
        browser.switch_to.active_element.send_keys(Keys.TAB)
        assert browser.switch_to.active_element.get_attribute("href").endswith("/")  # into the menu: Home
        s.shot("phone-menu")

        s.go("/review")
        s.css("#text").send_keys(DEMO_AD.read_text(encoding="utf-8"))
        s.submit('form[action="/review"]')
        sizes = "return [...document.querySelectorAll('.ad sup a')].map(a => [a.offsetWidth, a.offsetHeight])"
        on_screen = browser.execute_script(sizes)
        assert on_screen and all(w >= 24 and h >= 24 for w, h in on_screen), on_screen
        # ...and the ad's words stay where the plain numbers left them (the padding is taken back by margins)
        where = (
            "return [...document.querySelectorAll('.ad sup')].map(x => x.getBoundingClientRect())"
            ".map(r => [Math.round(r.left), Math.round(r.top)]).concat([document.querySelector('.ad').offsetHeight])"
        )
        enlarged = browser.execute_script(where)
        browser.execute_script(
            "const plain = document.createElement('style'); plain.id = 'plain'; plain.textContent ="
            " 'sup a { display: inline !important; padding: 0 !important; margin: 0 !important;"
            " min-height: 0 !important; line-height: inherit !important }'; document.head.append(plain);"
        )
        assert browser.execute_script(where) == enlarged
        browser.execute_script("document.getElementById('plain').remove()")
        flags = [a.text.strip("“”") for a in s.all("ol.flags li > a")]
        s.shot("phone-review")
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            printed = browser.execute_script(sizes)
            assert all(w < 24 and h < 24 for w, h in printed), printed  # print keeps the plain number
        finally:
            browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        s.click('footer .langs [lang="sv"]')
        assert s.h1() == "Granska en platsannons"
        assert flags and [a.text.strip("“”") for a in s.all("ol.flags li > a")] == flags
        assert browser.current_url.endswith("/review?lang=sv")
        s.shot("phone-review-sv")
    finally:
        browser.set_window_size(1280, 1600)
