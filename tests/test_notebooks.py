"""The section notebooks, run once per language through the real build and reused by every test here.

The key figures of each notebook must match the golden files of the selection
(tests/golden/<city>/<year>/<lang>/NN_key_figures.csv) in both languages: numbers, not only that
a CSV exists. Formula texts may be reworded; values and units may not change.
"""
import csv
import math

import papermill as pm
import pytest

from helpers.build import report
from helpers.build.kernel import project_kernel
from helpers.data.paths import DATA_DIR, NOTEBOOK_DIR

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report")]

NOTEBOOKS = report.notebooks(NOTEBOOK_DIR)
GOLDEN = __import__("pathlib").Path(__file__).parent / "golden"
SELECTIONS = sorted({(p.parts[-3], int(p.parts[-2])) for p in GOLDEN.glob("*/*/en")})
UNIT_ALIASES = {"ratio": "multiple"}  # the derivation layer once called a multiple a ratio


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Every selection with golden files, built once in en and zh (in parallel, as `make report`)."""
    out = tmp_path_factory.mktemp("reports")
    for city, year in SELECTIONS:
        cfg = report.Config(city=city, year=year, langs=["en", "zh"], jobs=report.cores(), force=True,
                            output=out, data_dir=DATA_DIR, notebook_dir=NOTEBOOK_DIR)
        report.build(cfg)
    return out


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _same_value(a: str, b: str) -> bool:
    try:
        return math.isclose(float(a), float(b), abs_tol=1e-9)
    except ValueError:
        return a == b


def test_there_are_section_notebooks():
    assert len(NOTEBOOKS) >= 1
    assert all(not p.name.startswith("00_") for p in NOTEBOOKS), "notebook 00 is a tool, not a section"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("selection", SELECTIONS, ids=[f"{c}-{y}" for c, y in SELECTIONS])
def test_key_figures_match_golden(built, selection, lang):
    city, year = selection
    for golden in sorted((GOLDEN / city / str(year) / lang).glob("*_key_figures.csv")):
        got = _rows(built / city / str(year) / lang / "tables" / golden.name)
        want = _rows(golden)
        assert len(got) == len(want), golden.name
        for g, w in zip(got, want):
            where = f"{golden.name}: {w['figure']}"
            assert _same_value(g["value"], w["value"]), f"{where}: {g['value']} != {w['value']}"
            assert UNIT_ALIASES.get(g["unit"], g["unit"]) == UNIT_ALIASES.get(w["unit"], w["unit"]), where
            assert g["note"].split(":")[0] == w["note"].split(":")[0], f"{where}: printed/implied changed"


@pytest.mark.parametrize("selection", SELECTIONS, ids=[f"{c}-{y}" for c, y in SELECTIONS])
def test_each_notebook_writes_its_own_figures(built, selection):
    city, year = selection
    for lang in ("en", "zh"):
        folder = built / city / str(year) / lang
        for nb in NOTEBOOKS:
            assert (folder / "tables" / f"{nb.name[:2]}_key_figures.csv").exists(), (lang, nb.name)
        assert all(png.name[:2].isdigit() for png in (folder / "figures").glob("*.png"))


def _run(path, tmp_path, **params):
    params = {"data_dir": str(DATA_DIR), "output_dir": str(tmp_path / "out"), **params}
    return pm.execute_notebook(str(path), str(tmp_path / path.name), parameters=params,
                               cwd=str(NOTEBOOK_DIR), progress_bar=False, kernel_name=project_kernel())


def test_unknown_year_fails_with_what_exists(tmp_path, dataset):
    held = ", ".join(f"{c} {y}" for c, y in sorted({(r.city, int(r.year)) for r in dataset.sources.itertuples()}))
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(NOTEBOOKS[-1], tmp_path, year=1999)
    assert err.value.ename == "SelectionError"
    assert f"the data hold: {held}" in err.value.evalue


def test_every_notebook_opens_the_selection_first():
    """Each notebook's first code cell after the parameters calls start(), so a bad selection
    stops every notebook at the same place with the same message."""
    import nbformat
    for path in NOTEBOOKS:
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert "parameters" in cells[0].metadata.get("tags", []), path.name
        assert "nb = start(" in cells[1].source, path.name


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(NOTEBOOKS[0], tmp_path, lang="fr")
    assert err.value.ename == "SelectionError" and "en, zh" in err.value.evalue


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("selection", SELECTIONS, ids=[f"{c}-{y}" for c, y in SELECTIONS])
def test_statements_match_golden(built, selection, lang):
    """What each section says, reviewed by hand once in both languages: the same statements (keys,
    strength, figures) and the same sentences. A legitimate change (a new document of the
    selection, a reworded message) is reviewed and the golden file copied again (tests/golden/README.md)."""
    city, year = selection
    goldens = sorted((GOLDEN / city / str(year) / lang).glob("*_statements.csv"))
    for golden in goldens:
        got = _rows(built / city / str(year) / lang / "tables" / golden.name)
        want = _rows(golden)
        assert [(r["key"], r["strength"], r["figures"]) for r in got] == \
            [(r["key"], r["strength"], r["figures"]) for r in want], golden.name
        for g, w in zip(got, want):
            assert g["text"] == w["text"], f"{golden.name}: {w['key']}"
