"""An A4 PDF of each built report page, for circulation by e-mail.

Prints reports/<city>/<year>/<lang>/index.html with headless Chromium's own print
(DevTools `Page.printToPDF`): the same HTML, the print CSS of templates/report.css (A4, a page
break before each section), the embedded font subset, and the page-number footer the CSS draws
(an @page margin box, in the embedded font).
Writes <lang>/report.pdf next to index.html. Without Chromium it says so in one line and exits 2.

    python -m helpers.build.pdf [--city nanchang] [--year 2021] [--lang en --lang zh]
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from helpers.build import landing
from helpers.build.cache import sha256_file
from helpers.data import paths
from helpers.data.schema import REGION

PDF = "report.pdf"
STAMP = "report.pdf.sha256"  # the sha256 of the index.html the PDF was printed from

A4_INCHES = (8.27, 11.69)


class NoChromium(RuntimeError):
    """Chromium (or websocket-client) is not installed."""


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not found:
        raise NoChromium("chromium is not installed (apt-get install chromium); no PDF written")
    return found


class Browser:
    """One headless Chromium page driven over the DevTools protocol."""

    def __init__(self, profile: Path, window: str = "1280,900"):
        try:
            import websocket
        except ImportError:  # pragma: no cover - installed with Jupyter
            raise NoChromium("websocket-client is not installed; no PDF written") from None
        # Chromium leaves its singleton folders (org.chromium.Chromium.*) in TMPDIR: a short folder
        # of its own (a socket path must stay under 108 bytes), removed in close()
        self.tmp = tempfile.mkdtemp(prefix="nsrc-")
        self.proc = subprocess.Popen(
            [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-extensions",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--window-size={window}",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "TMPDIR": self.tmp})
        port_file = profile / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            self.close()
            raise RuntimeError("chromium did not start")
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=120,
                                              suppress_origin=True)
        self.next_id, self.events = 0, []

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, event: str, timeout: float = 60) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if any(e.get("method") == event for e in self.events):
                return
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(event)

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=20)
        shutil.rmtree(self.tmp, ignore_errors=True)


def remove_profile(folder: Path, tries: int = 20) -> None:
    """Remove Chromium's profile folder: its helper processes may still write there for a moment
    after the browser has exited, so an rmtree that finds a folder not yet empty tries again."""
    for _ in range(tries):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1)


def print_pdf(page: Path, out: Path) -> Path:
    """Print one HTML page to an A4 PDF with page numbers; returns the PDF's path."""
    profile = tempfile.mkdtemp(prefix="nsr-pdf-")
    try:
        browser = Browser(Path(profile))
        try:
            browser.call("Page.enable")
            browser.call("Page.navigate", url=Path(page).resolve().as_uri())
            browser.wait_for("Page.loadEventFired")
            browser.call("Runtime.evaluate", expression="document.fonts.ready.then(() => true)",
                         awaitPromise=True)
            # the source quotes print: every folded <details> is opened on paper
            browser.call("Runtime.evaluate",
                         expression="document.querySelectorAll('details').forEach(d => d.open = true)")
            result = browser.call(
                "Page.printToPDF", paperWidth=A4_INCHES[0], paperHeight=A4_INCHES[1],
                marginTop=0.6, marginBottom=0.7, marginLeft=0.55, marginRight=0.55,
                printBackground=True, preferCSSPageSize=True,  # the footer: the CSS's @page box
                generateDocumentOutline=True, generateTaggedPDF=True)  # an outline from the headings
        finally:
            browser.close()
    finally:
        remove_profile(Path(profile))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(result["data"]))
    return out


def build(report_dir: Path, langs: list[str]) -> list[Path]:
    """report.pdf for each language whose index.html exists under report_dir."""
    chromium()  # fail before doing anything when it is missing
    written = []
    for lang in langs:
        page = report_dir / lang / "index.html"
        if not page.exists():
            raise FileNotFoundError(f"{page} does not exist; run make report first")
        written.append(print_pdf(page, report_dir / lang / PDF))
        (report_dir / lang / STAMP).write_text(sha256_file(page) + "\n", encoding="utf-8")
    return written


def printed_from(lang_dir: Path) -> str | None:
    """The sha256 of the page the language's PDF was printed from (None when there is no PDF):
    a rebuild keeps the PDF while its page is unchanged."""
    stamp, pdf = Path(lang_dir) / STAMP, Path(lang_dir) / PDF
    if not (stamp.is_file() and pdf.is_file()):
        return None
    return stamp.read_text(encoding="utf-8").strip() or None


def _city(value: str) -> str:
    if not re.fullmatch(REGION, value):
        raise argparse.ArgumentTypeError(f"a city is an id of lowercase letters such as nanchang, got {value!r}")
    return value


def _year(value: str) -> int:
    if not re.fullmatch(r"(19|20)[0-9]{2}", value):
        raise argparse.ArgumentTypeError(f"a year is written like 2021, got {value!r}")
    return int(value)


def built_reports(output: Path, city: str | None, year: int | None) -> list[Path]:
    """The report folders under `output` (<city>/<year>) that hold a built page, as selected."""
    return [d for d in landing.built(output)
            if (city is None or d.parent.name == city) and (year is None or d.name == str(year))]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="helpers.build.pdf", description=__doc__.splitlines()[0])
    p.add_argument("--city", type=_city, help="a city id (default: every built city)")
    p.add_argument("--year", type=_year, help="a year (default: every built year)")
    p.add_argument("--lang", action="append", choices=["en", "zh"])
    p.add_argument("--output", type=Path, default=paths.REPORTS_DIR, help="the reports folder")
    a = p.parse_args(argv)
    try:
        chromium()  # said first: without Chromium nothing can be printed
    except NoChromium as e:
        print(f"helpers.build.pdf: {e}", file=sys.stderr)
        return 2
    folders = built_reports(a.output, a.city, a.year)
    if not folders:
        print(f"helpers.build.pdf: no built report under {a.output} for --city {a.city or '*'} "
              f"--year {a.year or '*'}; run make report first", file=sys.stderr)
        return 1
    try:
        for folder in folders:
            langs = [lang for lang in (a.lang or ["en", "zh"]) if (folder / lang / "index.html").is_file()]
            for path in build(folder, langs):
                print(f"wrote {path}")
        landing.write(a.output)  # the list of reports links the new PDFs
    except NoChromium as e:
        print(f"helpers.build.pdf: {e}", file=sys.stderr)
        return 2
    except FileNotFoundError as e:
        print(f"helpers.build.pdf: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
