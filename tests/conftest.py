
import pytest

from helpers.data.figures import Summary
from helpers.data.load import load_dataset


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="session")
def summary(dataset):
    return Summary(dataset, "nanchang_2021")
