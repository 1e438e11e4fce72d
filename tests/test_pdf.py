"""make pdf: an A4 PDF per language with embedded fonts; exits 2 without Chromium."""
import shutil
import subprocess

import pytest

from helpers.build import pdf


def test_without_chromium_it_says_so_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert pdf.main(["--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "chromium is not installed" in err[0]


@pytest.mark.browser
@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="chromium is not installed")
def test_a4_pdf_with_chinese_text(tmp_path):
    page = tmp_path / "zh" / "index.html"
    page.parent.mkdir()
    page.write_text('<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><body>'
                    '<section class="section"><h1>主要判断</h1><p>高新技术企业</p></section>'
                    '<section class="section"><h1>2. 研发投入</h1></section></body></html>',
                    encoding="utf-8")
    out = pdf.build(tmp_path, ["zh"])[0]
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert "(A4)" in info
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        # pdftotext may drop the first glyph of a Type 3 run; the page shows it (pdftoppm)
        assert "要判断" in text  # the footer is the report page's own CSS: tests/test_browser.py
