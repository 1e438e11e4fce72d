"""data/plausibility.csv: checked like relations.csv, evaluated by the audit as `implausible`."""
import shutil

import pytest

from helpers.calc import audit
from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR
from helpers.errors import DataError


def test_the_insurance_cover_is_flagged_with_its_reason(summary):
    flagged = {r.check: r for r in audit.implausible(audit.evaluate(summary))}
    r = flagged["tech_insurance_coverage_per_firm"]  # 1375.2亿 / 49 = 28.07亿 a firm
    assert r.status == audit.IMPLAUSIBLE
    assert r.warning("en").startswith("implausible, check the source")
    assert "保额" in r.warning("zh") and r.derived().flag is not None


def test_plausible_figures_are_left_alone(summary):
    results = {r.check: r for r in audit.evaluate(summary)}
    assert results["kedaitong_loan_per_firm"].status == "implied"
    assert audit.status_counts(list(results.values())) == {"consistent": 18, "inconsistent": 3,
                                                           "unverifiable": 7}


@pytest.mark.parametrize("row, column", [
    ("no_such_check,0,1,r,r", "check"),
    ("city_gdp_share,5,1,r,r", "high"),
    ("city_gdp_share,,,r,r", "low"),
    ("city_gdp_share,x,1,r,r", "low"),
    ("hte_pass_rate_city,0,1,r,r", "check"),
])
def test_a_bad_row_names_file_line_and_column(tmp_path, row, column):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "plausibility.csv").write_text("check,low,high,reason_en,reason_zh\n" + row + "\n",
                                           encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset(data)
    assert err.value.file.endswith("plausibility.csv")
    assert err.value.line == 2 and err.value.column == column
