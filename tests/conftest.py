import pytest

from helpers.figures import Summary
from helpers.load import load_dataset


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="session")
def summary(dataset):
    return Summary(dataset, "nanchang_2021")
