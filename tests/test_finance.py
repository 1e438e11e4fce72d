"""helpers.sections.finance against figures worked out by hand from the 2021 summary."""
import pytest

from helpers.calc import derive
from helpers.calc.derive import Derived
from helpers.data.figures import Summary
from helpers.present.charts import log_hbar
from helpers.sections import finance


@pytest.fixture(scope="module")
def res(summary):
    return finance.analyse(summary)


@pytest.fixture(scope="module")
def m(res):
    return res.derived


def test_per_unit(m):
    assert m["equity_per_project"].value == pytest.approx(500.0)             # 2500 万 / 5
    assert m["loan_per_firm"].value == pytest.approx(290.09, abs=0.005)     # 32,200 万 / 111
    assert m["subsidy_per_firm"].value == pytest.approx(10.50, abs=0.005)   # 514.39 / 49 = 10.4978
    assert m["coverage_per_firm"].unit == "cny_100m"
    assert m["coverage_per_firm"].value == pytest.approx(28.07, abs=0.005)  # 1375.2 亿 / 49 = 28.065


def test_leverage(res, m):
    assert m["leverage_cumulative"].value == pytest.approx(17.77, abs=0.005)  # 53,300 万 / 3000 万
    assert m["leverage_cumulative"].formula == "5.33 亿元 / 3000 万元"
    assert m["leverage_2021"].value == pytest.approx(10.73, abs=0.005)        # 32,200 万 / 3000 万
    assert m["coverage_per_subsidy"].value == pytest.approx(26734.58, abs=0.01)  # 13,752,000 万 / 514.39 万
    assert m["equity_ratio"].value == 1
    assert res.flags["fits_shiyu"] is True                                    # 17.77 is "十余倍"


def test_shiyu_bei():
    assert finance.fits_shiyu(Derived(17.77, "ratio", "")) is True
    assert finance.fits_shiyu(Derived(10.0, "ratio", "")) is False    # 十余 means more than ten
    assert finance.fits_shiyu(Derived(21.0, "ratio", "")) is False
    assert finance.fits_shiyu(None) is None


def test_instrument_ratios_order_and_missing(summary):
    stub = Summary(summary.dataset, summary.source["source"])
    stub.rows = stub.rows[stub.rows["indicator"] != "kedaitong_risk_pool"].reset_index(drop=True)
    res = finance.analyse(stub)
    m = res.derived
    assert m["leverage_cumulative"] is None and m["leverage_2021"] is None
    assert res.flags["fits_shiyu"] is None
    rows = finance.instrument_ratios(m, "en")
    assert [v for _, v in rows] == [1.0, None, None, pytest.approx(26734.58, abs=0.01)]
    assert derive.per_unit(None, summary.get("kedaitong_firms")) is None


def test_log_hbar_keeps_missing_and_scale(m):
    rows = finance.instrument_ratios(m, "zh")
    fig = log_hbar([k for k, _ in rows], [v for _, v in rows], title="t", band=(10, 20), band_label="十余倍")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert ax.texts[2].get_text() == "17.8×"
    assert ax.texts[-1].get_text() == "十余倍"
