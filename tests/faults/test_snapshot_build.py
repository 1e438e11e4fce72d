"""Issue 20 part 3 on a whole build: data edited during a build and put back before it ends are
never published; the kernels and pages read the snapshot the build hashed."""
from __future__ import annotations

import pytest

from faultkit import cli, edit, report_dir, tree_digest
from helpers.build import report

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("faults")]

TITLE = "市科技局2021年工作总结及2022年工作思路"


def test_data_edited_and_reverted_during_the_build_is_not_published(world, monkeypatch):
    assert report.main(cli(world, "--force")) == 0
    hashed = tree_digest(report_dir(world))  # the report of the data as they are
    sources = world / "data" / "sources.csv"
    real = report.run_pool

    def edited_while_running(*a, **k):
        edit(sources, TITLE, "篡改的标题")  # after the build hashed data/, before any kernel starts
        try:
            return real(*a, **k)
        finally:
            edit(sources, "篡改的标题", TITLE)  # put back before the build checks its inputs

    monkeypatch.setattr(report, "run_pool", edited_while_running)
    assert report.main(cli(world, "--force")) == 0
    assert tree_digest(report_dir(world)) == hashed  # byte for byte the report of the hashed data
    assert TITLE in (report_dir(world) / "en" / "index.html").read_text("utf-8")
    assert not any("篡改".encode() in p.read_bytes() for p in report_dir(world).rglob("*") if p.is_file())
