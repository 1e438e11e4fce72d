import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from helpers.data.figures import Summary
from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR


def only(dataset, sources: list[str]):
    """The dataset as if it held only these documents: a test of one document's figures must not
    change when other documents (a plan, a bulletin) are added to data/."""
    return replace(dataset, sources=dataset.sources[dataset.sources["source"].isin(sources)],
                   indicators=dataset.indicators[dataset.indicators["source"].isin(sources)])


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="session")
def summary(dataset):
    """The 2021 work summary on its own (the hand-worked values of the tests are its figures)."""
    return Summary(only(dataset, ["nanchang_2021"]), "nanchang_2021")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ a test may edit (append, a broken row) without touching the real one."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
