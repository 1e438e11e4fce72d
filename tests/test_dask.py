"""Issue 19 part 3: the jobs of a build sent to dask.distributed (a LocalCluster here) give the same
report, byte for byte, as the local pool; a scheduler that cannot be reached is one line, exit 2."""
from __future__ import annotations

import pytest

from helpers.build import cluster, report
from testkit import build_args, built


@pytest.mark.slow
def test_a_local_cluster_builds_the_same_report(tmp_path, capsys):
    out = tmp_path / "reports"
    local = built(out, capsys)
    assert built(out, capsys, "--scheduler", "local") == local


def test_the_scheduler_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cluster.ENV, "tcp://127.0.0.1:1")
    assert report.parse_args(["--output", str(tmp_path)]).scheduler == "tcp://127.0.0.1:1"
    monkeypatch.delenv(cluster.ENV)
    assert report.parse_args(["--output", str(tmp_path)]).scheduler is None


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "250ms")
    assert report.main(build_args(tmp_path / "reports") + ["--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("helpers.build.report: error: --scheduler tcp://127.0.0.1:9: cannot reach"), err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "reports" / "nanchang" / "2021").exists()
