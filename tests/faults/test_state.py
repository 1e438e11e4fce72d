"""Class 6, state the build keeps or finds: a corrupt, deeply nested or blocking manifest or timings
file is absent with a one-line warning (never a traceback, never a hang); a report folder that is
a file or a symbolic link is refused with exit 2 and kept as it is; the kernel folders a killed
build left in the temp folder are removed by the next build, and only those. Whole builds over
such state are in test_state_builds.py (slow)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from faultkit import DATA, NOTEBOOKS, one_line
from helpers.build import cache as build_cache
from helpers.build import report

DEAD = 2 ** 22 + 12345  # above the default pid_max: never a live process
DEEP = "[" * 200_000 + "]" * 200_000

BAD_JSON = {"deeply nested": DEEP, "nested in an object": '{"jobs": ' + DEEP + "}",
            "truncated": '{"jobs": {"a": ', "not UTF-8": b"\xff\xfe{}", "a list": "[]"}


def write(path: Path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("name", list(BAD_JSON))
def test_unusable_manifest_is_an_empty_cache_with_a_warning(tmp_path, capsys, name):
    path = tmp_path / build_cache.MANIFEST
    write(path, BAD_JSON[name])
    before = path.read_bytes()
    assert build_cache.read_manifest(tmp_path) == {"jobs": {}, "html": {}}
    msg = one_line(capsys.readouterr().err)
    assert msg.startswith(f"helpers.build.report: warning: {path} is unusable (")
    assert msg.endswith("treated as absent")
    assert path.read_bytes() == before  # the next build replaces it, the reader does not


def test_a_pipe_as_manifest_does_not_hang(tmp_path, capsys):
    os.mkfifo(tmp_path / build_cache.MANIFEST)  # reading a pipe nobody writes blocks forever
    assert build_cache.read_manifest(tmp_path) == {"jobs": {}, "html": {}}
    assert "not a plain file" in one_line(capsys.readouterr().err)


def test_no_manifest_is_said_nothing_about(tmp_path, capsys):
    assert build_cache.read_manifest(tmp_path) == {"jobs": {}, "html": {}}
    assert capsys.readouterr().err == ""


def test_nested_values_in_records_are_dropped(tmp_path):
    write(tmp_path / build_cache.MANIFEST,
          '{"html": {"en": {"key": "k", "sha256": [[[1]]]}, "zh": {"key": "k", "sha256": "s"}}}')
    assert build_cache.read_manifest(tmp_path)["html"] == {"zh": {"key": "k", "sha256": "s"}}


def cfg_in(tmp_path: Path) -> report.Config:
    return report.Config(city="nanchang", year=2021, langs=["en"], jobs=1,
                         output=tmp_path / "reports", data_dir=DATA, notebook_dir=NOTEBOOKS,
                         quiet=True)


@pytest.mark.parametrize("content", [*BAD_JSON.values(), '{"jobs": {"a": [[1]], "b": "x", "c": 2}}'])
def test_unusable_timings_are_absent(tmp_path, capsys, content):
    cfg = cfg_in(tmp_path)
    write(report.timings_path(cfg), content)
    seconds = report.previous_seconds(cfg)
    assert seconds in ({}, {"c": 2.0})
    err = capsys.readouterr().err
    assert err == "" if seconds else "warning" in one_line(err)


@pytest.mark.parametrize("kind", ["file", "link", "dangling link"])
@pytest.mark.parametrize("where", ["nanchang/2021", "nanchang/2021/en", "nanchang"])
def test_a_report_folder_that_is_not_a_folder_is_refused(tmp_path, capsys, kind, where):
    cfg = cfg_in(tmp_path)
    path = cfg.output / where
    path.parent.mkdir(parents=True, exist_ok=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    if kind == "file":
        path.write_text("a file", encoding="utf-8")
    else:
        path.symlink_to(elsewhere if kind == "link" else tmp_path / "gone")
    listing = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert report.build_one(cfg) == 2
    msg = one_line(capsys.readouterr().err)
    assert msg == (f"helpers.build.report: error: {path} is "
                   f"{'a file' if kind == 'file' else 'a symbolic link'}, not a report folder; "
                   f"move it away and build again")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == listing
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"
    if kind == "file":
        assert path.read_text(encoding="utf-8") == "a file"


def test_main_refuses_before_any_work(tmp_path, capsys):
    out = tmp_path / "reports"
    (out / "nanchang").mkdir(parents=True)
    (out / "nanchang" / "2021").symlink_to(tmp_path)
    argv = ["--city", "nanchang", "--year", "2021", "--lang", "en", "--output", str(out)]
    assert report.main(argv) == 2
    assert "is a symbolic link, not a report folder" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in (out / "nanchang").iterdir()) == ["2021"]
    assert not report.timings_path(report.parse_args(argv)).exists()


# --- kernel folders in the temp folder ------------------------------------------------------------

def kernel_folder(pid: int, base: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"{report.RUNTIME_PREFIX}{pid}-", dir=base))
    (folder / "kernel-abc.json").write_text('{"key": "secret"}', encoding="utf-8")
    (folder / "nsr-0123456789ab-ipc-1").write_bytes(b"")
    return folder


def test_the_kernel_folders_of_dead_builds_are_swept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = kernel_folder(DEAD, tmp_path)
    live = kernel_folder(os.getppid(), tmp_path)
    other = tmp_path / "kernel-1234.json"  # not the build's: left alone
    other.write_text("{}", encoding="utf-8")
    link = tmp_path / f"{report.RUNTIME_PREFIX}{DEAD}-link"
    link.symlink_to(live)
    assert dead in report.sweep_runtimes()
    assert not dead.exists()
    assert live.is_dir() and (live / "kernel-abc.json").is_file() and other.is_file()
    assert link.is_symlink()


def test_kernels_write_into_the_builds_folder(monkeypatch):
    monkeypatch.delenv(report.RUNTIME_ENV, raising=False)
    base = Path(report.ipc_dir() or tempfile.gettempdir())
    with report.kernel_runtime() as folder:
        assert folder.parent == base
        assert folder.name.startswith(f"{report.RUNTIME_PREFIX}{os.getpid()}-")
        assert os.environ[report.RUNTIME_ENV] == str(folder)
        manager = report.ipc_kernels()()
        assert Path(manager.connection_file).parent == folder
        if manager.transport == "ipc":
            assert Path(manager.ip).parent == folder
    assert not folder.exists() and report.RUNTIME_ENV not in os.environ
