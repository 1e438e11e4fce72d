"""Open the built reports in headless Chromium: every image loads, nothing leaves the machine,
no console error, and a screenshot of the first screen is kept.

Talks to Chromium over the DevTools protocol with websocket-client (already installed with
Jupyter). Skips, saying why, when Chromium or websocket-client is missing.
"""
from __future__ import annotations

import base64
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.build.pdf import Browser
from helpers.data import paths
from testkit import FIXTURE_NOTEBOOKS as FIXTURES
from testkit import fixture_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
websocket = pytest.importorskip("websocket", reason="websocket-client is not installed")
if not CHROMIUM:
    pytest.skip("chromium is not installed (.ci/run installs it with apt-get)",
                allow_module_level=True)

CHECK_PAGE = """(async () => {
  await document.fonts.ready;
  const imgs = Array.from(document.images);
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
  return {
    images: imgs.map(i => ({src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0})),
    fonts: Array.from(document.fonts).map(f => ({family: f.family, status: f.status})),
    lang: document.documentElement.lang,
    sections: document.querySelectorAll('main section').length,
  };
})()"""


Chromium = Browser  # the build's own DevTools client (helpers.build.pdf), one page at 1280×900


def inspect(page: Path, screenshot: Path, profile: Path) -> dict:
    """Load a page; return what it requested, what it logged and its images, and save a screenshot."""
    browser = Chromium(profile)
    try:
        for domain in ("Page", "Network", "Runtime", "Log"):
            browser.call(f"{domain}.enable")
        browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=900,
                     deviceScaleFactor=1, mobile=False)
        browser.call("Page.navigate", url=page.resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        state = browser.call("Runtime.evaluate", expression=CHECK_PAGE, awaitPromise=True,
                             returnByValue=True)["result"]["value"]
        shot = browser.call("Page.captureScreenshot", format="png")
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        events = browser.events
    finally:
        browser.close()
    state["requests"] = [e["params"]["request"]["url"] for e in events
                         if e.get("method") == "Network.requestWillBeSent"]
    state["errors"] = (
        [e["params"]["entry"]["text"] for e in events
         if e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
        + [str(e["params"]["args"]) for e in events
           if e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error"]
        + [e["params"]["exceptionDetails"]["text"] for e in events
           if e.get("method") == "Runtime.exceptionThrown"])
    return state


def check(state: dict, lang: str) -> None:
    assert state["lang"] == {"en": "en", "zh": "zh-CN"}[lang]
    assert state["sections"] >= 1
    assert state["images"], "no image in the report"
    broken = [i["src"] for i in state["images"] if not i["ok"]]
    assert not broken, f"images that did not load: {broken}"
    off_machine = [u for u in state["requests"] if not u.startswith(("file:", "data:"))]
    assert not off_machine, f"requests that left the machine: {off_machine}"
    assert not state["errors"], f"console errors: {state['errors']}"
    assert all(f["status"] != "error" for f in state["fonts"]), state["fonts"]


def build_fixture(root: Path) -> Path:
    """Build the fixture report (nanchang 2021, both languages) under root/reports; its folder."""
    proc = subprocess.run(
        [sys.executable, "-m", "helpers.build.report", "--city", "nanchang", "--year", "2021",
         "--lang", "en", "--lang", "zh", "--data-dir", str(root / "data"),
         "--notebooks", str(FIXTURES), "--output", str(root / "reports")],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return root / "reports" / "nanchang" / "2021"


@pytest.fixture(scope="module")
def fixture_report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    fixture_data(root, "全市研发投入支出达到111.77亿元\n")
    return build_fixture(root)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fixture_report_in_browser(fixture_report, tmp_path, lang):
    shot = fixture_report / "screenshots" / f"{lang}.png"
    check(inspect(fixture_report / lang / "index.html", shot, tmp_path / "profile"), lang)
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_real_report_in_browser(tmp_path, lang):
    report = paths.REPORTS_DIR / "nanchang" / "2021"
    if not (report / lang / "index.html").is_file():
        pytest.skip("no built report yet: run `make report` first")
    state = inspect(report / lang / "index.html", report / "screenshots" / f"{lang}.png",
                    tmp_path / "profile")
    check(state, lang)


PHONE_PAGE = """({width: document.documentElement.scrollWidth,
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
  alts: Array.from(document.images).map(i => i.alt)})"""


def on_phone(page: Path, profile: Path) -> dict:
    """A page at 390 px, as a phone shows it: how wide it lays out, its links and its images' alt."""
    browser = Chromium(profile)
    try:
        browser.call("Page.enable")
        browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844,
                     deviceScaleFactor=2, mobile=True)
        browser.call("Page.navigate", url=page.resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        return browser.call("Runtime.evaluate", expression=PHONE_PAGE, returnByValue=True)["result"]["value"]
    finally:
        browser.close()


def dead_links(page: Path, links: list[str]) -> list[str]:
    return [h for h in links if not h.startswith("#")
            and not (page.parent / h.split("#", 1)[0]).resolve().is_file()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_reads_the_report_without_scrolling_sideways(fixture_report, tmp_path, lang):
    page = fixture_report / lang / "index.html"
    state = on_phone(page, tmp_path / "profile")
    assert state["width"] <= 390, f"the page is {state['width']} px wide at 390 px"
    assert not dead_links(page, state["links"])
    assert "#contents" in state["links"] and "../../../index.html" in state["links"]
    other = {"en": "../zh/index.html", "zh": "../en/index.html"}[lang]
    assert other in state["links"]
    assert all(alt and "No description" not in alt for alt in state["alts"])


def test_the_landing_page_lists_the_report_and_every_link_resolves(fixture_report, tmp_path):
    landing = fixture_report.parent.parent / "index.html"
    state = on_phone(landing, tmp_path / "profile")
    assert state["width"] <= 390 and not dead_links(landing, state["links"])
    assert "nanchang/2021/zh/index.html" in state["links"]
    assert any(h.endswith(".xlsx") for h in state["links"])


def lone_pages(pdf_path: Path, at_least: int = 4) -> list[int]:
    """Pages (not the last) with fewer than `at_least` lines of text besides the footer and no
    image: a paragraph or heading left alone on a page."""
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    lone = []
    for k in range(1, pages):
        text = subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), str(pdf_path), "-"],
                              capture_output=True, text=True).stdout
        lines = [x for x in text.splitlines() if x.strip() and not re.search(r"第 \d+ 页|Page \d+ of", x)]
        images = subprocess.run(["pdfimages", "-list", "-f", str(k), "-l", str(k), str(pdf_path)],
                                capture_output=True, text=True).stdout.splitlines()[2:]
        if len(lines) < at_least and not images:
            lone.append(k)
    return lone


def test_the_pdf_prints_quotes_and_a_rebuild_keeps_it(fixture_report):
    from helpers.build import pdf
    pdf.build(fixture_report, ["zh"])
    out = fixture_report / "zh" / "report.pdf"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "111.77" in text  # a folded source quote prints
        assert re.search(r"第 2 页，共 \d+ 页", text)  # the footer, in the embedded font
        assert not lone_pages(out), "pages holding a lone paragraph or heading"
    before = out.read_bytes()
    root = fixture_report.parent.parent.parent
    build_fixture(root)
    assert out.read_bytes() == before  # the page did not change: its PDF stays
    assert 'href="nanchang/2021/zh/report.pdf"' in (root / "reports" / "index.html").read_text(encoding="utf-8")
