"""Every section notebook runs under papermill in Chinese, and fails clearly for a year the data lack."""
import papermill as pm
import pytest

from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR, NOTEBOOK_DIR

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def _run(path, tmp_path, **params):
    out = tmp_path / "out"
    params = {"data_dir": str(DATA_DIR), "output_dir": str(out), **params}
    return pm.execute_notebook(str(path), str(tmp_path / path.name), parameters=params,
                               cwd=str(NOTEBOOK_DIR), progress_bar=False, kernel_name="python3"), out


def test_there_are_section_notebooks():
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_runs_in_chinese(path, tmp_path):
    _, out = _run(path, tmp_path, lang="zh")
    number = path.name[:2]
    assert (out / "tables" / f"{number}_key_figures.csv").exists()
    for png in (out / "figures").glob("*.png"):
        assert png.name.startswith(number)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_unknown_year_fails_with_what_exists(path, tmp_path):
    held = sorted({(r.city, int(r.year)) for r in load_dataset(DATA_DIR).sources.itertuples()})
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(path, tmp_path, year=1990)                      # a year no source speaks about
    assert err.value.ename == "SelectionError"
    assert "the data hold: " + ", ".join(f"{c} {y}" for c, y in held) in err.value.evalue


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(NOTEBOOKS[0], tmp_path, lang="fr")
    assert err.value.ename == "SelectionError" and "en, zh" in err.value.evalue
