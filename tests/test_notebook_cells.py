"""The notebooks as a reader and an analyst meet them (issue 16): a section notebook is thin (it
shows statements, tables and charts; the sentences are built in helpers), and a section's intro
says what the section can hold, not what every selection holds."""
from __future__ import annotations

import json
import re

import pytest

from helpers.data.paths import NOTEBOOK_DIR

SECTIONS = sorted(p for p in NOTEBOOK_DIR.glob("*.ipynb") if not p.name.startswith("00_"))
SCOPE = {"lang-en": "Only the parts for which the selection's documents give figures are shown.",
         "lang-zh": "所选文件未载有相关数据的部分不列出。"}


def cells(path, kind):
    return [c for c in json.loads(path.read_text("utf-8"))["cells"] if c["cell_type"] == kind]


@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: p.stem)
def test_a_section_notebook_is_thin(path):
    code = ["".join(c["source"]) for c in cells(path, "code")]
    lines = [ln for src in code for ln in src.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert len(lines) <= 60, f"{path.name}: {len(lines)} code lines"
    for banned in ("globals().update", "nb.pick(", " is None", "is not None"):
        assert not any(banned in ln for ln in lines), f"{path.name}: {banned}"


@pytest.mark.parametrize("path", [p for p in SECTIONS if re.match(r"0[1-8]_", p.name)], ids=lambda p: p.stem)
def test_a_section_intro_promises_only_what_the_documents_give(path):
    """Sections 1-8 show a part only when the selection's documents give it figures, so their intro
    describes what they can hold and says that parts without figures are left out."""
    for tag, sentence in SCOPE.items():
        intro = ["".join(c["source"]) for c in cells(path, "markdown") if tag in c["metadata"].get("tags", [])]
        assert intro and intro[-1].rstrip().endswith(sentence), f"{path.name} ({tag})"


@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: p.stem)
def test_a_chinese_paragraph_is_not_broken_between_characters(path):
    """A line break inside a Chinese paragraph renders as a space between two characters
    (“是否一致； 研发投入目标”): Chinese text cells keep each paragraph on one line."""
    cjk = re.compile(r"[\u4e00-\u9fff，。；：、“”）]\n[\u4e00-\u9fff“（《]")
    for c in cells(path, "markdown"):
        if "lang-zh" in c["metadata"].get("tags", []):
            assert not cjk.search("".join(c["source"])), f"{path.name}: a line break inside a Chinese paragraph"
