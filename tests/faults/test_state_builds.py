"""Class 6 and 7 on whole builds (slow): a build over a corrupt manifest and timings file warns
once each and writes the report; a cached one-language rebuild counts only its own runs."""
from __future__ import annotations

import json

import pytest

from faultkit import cli, report_dir, tree_digest
from helpers.build import report

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("faults")]
DEEP = "[" * 200_000 + "]" * 200_000


def summary_line(err: str) -> str:
    return [ln for ln in err.splitlines() if ln.startswith("report written to")][-1]


def test_a_build_over_a_corrupt_manifest_and_timings(world, capsys):
    manifest = report_dir(world) / "manifest.json"
    manifest.write_text(DEEP, encoding="utf-8")
    timings = report.timings_path(report.parse_args(cli(world)))
    timings.write_text('{"jobs": ' + DEEP + "}", encoding="utf-8")
    assert report.main(cli(world)) == 0
    err = capsys.readouterr().err
    warnings = [ln for ln in err.splitlines() if "warning" in ln]
    assert warnings == [f"helpers.build.report: warning: {manifest} is unusable (nested too deeply); treated as absent",
                        f"helpers.build.report: warning: {timings} is unusable (nested too deeply); treated as absent"]
    assert "Traceback" not in err and "6 notebook runs, 0 cached" in summary_line(err)
    assert isinstance(json.loads(manifest.read_text("utf-8")), dict)
    assert isinstance(json.loads(timings.read_text("utf-8"))["jobs"], dict)
    assert report.main(cli(world)) == 0  # the rewritten files are a valid cache again
    err = capsys.readouterr().err
    assert "warning" not in err and "0 notebook runs, 6 cached" in summary_line(err)


def test_a_cached_one_language_rebuild_counts_its_own_runs(world, capsys):
    assert report.main(cli(world)) == 0  # both languages, on this machine's helpers
    assert "(en, zh): 6 notebook runs, 0 cached" in summary_line(capsys.readouterr().err)
    zh = tree_digest(report_dir(world) / "zh")
    assert report.main(cli(world, "--lang", "en")) == 0  # zh's records are carried over
    assert "(en): 0 notebook runs, 3 cached" in summary_line(capsys.readouterr().err)
    assert report.main(cli(world, "--lang", "en", "--force")) == 0
    assert "(en): 3 notebook runs, 0 cached" in summary_line(capsys.readouterr().err)
    assert tree_digest(report_dir(world) / "zh") == zh
