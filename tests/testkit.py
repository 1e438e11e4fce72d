"""Shared helpers of the build tests: a minimal data/ folder, the fixture notebooks, and the
digest of a built report (two ways of building must give the same bytes)."""
import contextlib
import hashlib
import io
import os
import subprocess
from pathlib import Path

from helpers.data.paths import DATA_DIR, NOTEBOOK_DIR


def digest(folder: Path, skip: str | None = None) -> dict[str, str]:
    """sha256 of every file under `folder` by its relative path (leaving out the top folder `skip`)."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).parts[0] != skip}


def built(out: Path, capsys, *extra: str) -> dict[str, str]:
    """Build 2021 cold into `out` (build_args, then `extra` arguments) and return the digest of its
    report: two ways of building (engines, warm starts, a dask cluster) must give the same bytes.
    A failed build fails the test with the build's error."""
    from helpers.build import report
    assert report.main(build_args(out) + list(extra)) == 0, capsys.readouterr().err
    return digest(out / "nanchang" / "2021")


def cli(main, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """A command's `main(argv)` run in this process, ended as its `python -m` run would end: the
    exit code and what it printed. A subprocess pays the imports (about a second) again for every
    call; one test per command still runs it as `python -m`, its real entry point."""
    out, err = io.StringIO(), io.StringIO()
    argv = [str(a) for a in args]
    with contextlib.chdir(cwd or os.getcwd()), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def build_args(out: Path) -> list[str]:
    """`python -m helpers.build.report` arguments of a cold 2021 build of the real data into `out`."""
    return ["--city", "nanchang", "--year", "2021", "--force", "--jobs", "2", "--output", str(out),
            "--data-dir", str(DATA_DIR), "--notebooks", str(NOTEBOOK_DIR)]

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
FIXTURE_SOURCES = ("source,title,publisher,city,year,language,url,file,sha256,kind,retrieved,licence,"
                   "completeness,published\n"
                   "nanchang_2021,市科技局2021年工作总结及2022年工作思路,南昌市科学技术局,nanchang,2021,zh,,"
                   "summary.txt,{sha},work_summary,2026-11-28,official government document,whole,2022-08\n")
FIXTURE_CATALOG = ("indicator,section,name_zh,name_en,unit,definition,measure_zh\n"
                   "rd_expenditure,rd_input,研发经费投入,R&D expenditure,cny_100m,Gross R&D expenditure.,\n")
FIXTURE_REGIONS = ("region,name_zh,name_en,level,parent\n"
                   "nanchang,南昌,Nanchang,city,jiangxi\n"
                   "jiangxi,江西,Jiangxi,province,\n")
FIXTURE_INDICATORS = ("indicator,region,period,kind,value,unit,qualifier,source,quote,note\n"
                      "rd_expenditure,nanchang,2020,actual,111.77,cny_100m,exact,nanchang_2021,"
                      "全市研发投入支出达到111.77亿元,\n")


def fixture_data(root: Path, text: str) -> Path:
    """A minimal data/ for the build tests: sources.csv naming one raw summary with `text`."""
    (root / "data" / "raw").mkdir(parents=True)
    import hashlib
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (root / "data" / "sources.csv").write_text(FIXTURE_SOURCES.format(sha=sha), encoding="utf-8")
    (root / "data" / "catalog.csv").write_text(FIXTURE_CATALOG, encoding="utf-8")
    (root / "data" / "regions.csv").write_text(FIXTURE_REGIONS, encoding="utf-8")
    (root / "data" / "raw" / "summary.txt").write_text(text, encoding="utf-8")
    (root / "data" / "indicators.csv").write_text(FIXTURE_INDICATORS, encoding="utf-8")
    return root / "data"


def add_document(data_dir: Path, source: str, title: str, publisher: str, city: str, year: int, text: str,
                 rows, exclusions=()) -> Path:
    """Add a made-up document to a copy of data/ as a new user would (README, "Next year"): its raw
    text, its sources.csv row, one indicators.csv row per figure (indicator, period, kind, value,
    unit, qualifier, quote) and the coverage exclusions (context, reason) the scan asks for."""
    import hashlib
    raw = Path(data_dir) / "raw" / f"{source}.txt"
    raw.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    with open(Path(data_dir) / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(f"{source},{title},{publisher},{city},{year},zh,,{raw.name},{sha},work_summary,2026-11-28,"
                 f"test document,whole,\n")
    with open(Path(data_dir) / "indicators.csv", "a", encoding="utf-8") as fh:
        for ind, period, kind, value, unit, qual, quote in rows:
            fh.write(f"{ind},{city},{period},{kind},{value},{unit},{qual},{source},{quote},\n")
    with open(Path(data_dir) / "coverage_exclusions.csv", "a", encoding="utf-8") as fh:
        for context, reason in exclusions:
            fh.write(f'{source},{context},"{reason}"\n')
    return raw
