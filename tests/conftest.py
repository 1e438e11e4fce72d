from pathlib import Path

import pytest

from helpers.data.figures import Summary
from helpers.data.load import load_dataset


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="session")
def summary(dataset):
    return Summary(dataset, "nanchang_2021")


FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
FIXTURE_SOURCES = ("source,title,publisher,city,year,language,url,file,sha256,kind,retrieved,licence,"
                   "completeness\n"
                   "nanchang_2021,市科技局2021年工作总结及2022年工作思路,南昌市科学技术局,nanchang,2021,zh,,"
                   "summary.txt,,work_summary,2026-11-28,official government document,whole\n")
FIXTURE_REGIONS = ("region,name_zh,name_en,level,parent\n"
                   "nanchang,南昌市,Nanchang,city,jiangxi\n"
                   "jiangxi,江西省,Jiangxi,province,\n")


def fixture_data(root: Path, text: str) -> Path:
    """A minimal data/ for the build tests: sources.csv naming one raw summary with `text`."""
    (root / "data" / "raw").mkdir(parents=True)
    (root / "data" / "sources.csv").write_text(FIXTURE_SOURCES, encoding="utf-8")
    (root / "data" / "regions.csv").write_text(FIXTURE_REGIONS, encoding="utf-8")
    (root / "data" / "raw" / "summary.txt").write_text(text, encoding="utf-8")
    return root / "data"
