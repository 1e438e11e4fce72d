"""helpers.sections.trading against figures worked out by hand from the 2021 summary."""
import pytest

from helpers.calc import audit
from helpers.calc.derive import figures_behind
from helpers.data.figures import Summary
from helpers.sections import trading


@pytest.fixture(scope="module")
def m(summary):
    return trading.analyse(summary)


def _without(summary, drop):
    """The summary as a document lacking some figures would give it: drop(rows) marks the rows to remove."""
    stub = Summary(summary.dataset, summary.source["source"])
    stub.rows = stub.rows[~drop(stub.rows)].reset_index(drop=True)
    return stub


def test_city_average_contract(m):
    # 106.7 亿元 = 1,067,000 万元; / 3278 contracts = 325.50 万元
    assert m["city_average"].unit == "cny_10k"
    assert m["city_average"].value == pytest.approx(325.50, abs=0.005)
    assert m["city_average"].formula == "106.7 亿元 / 3278"


def test_implied_province(summary, m):
    assert m["province_count"].value == pytest.approx(6622.22, abs=0.005)      # 3278 / 0.495
    assert m["province_turnover"].value == pytest.approx(413.57, abs=0.005)    # 106.7 / 0.258
    # 4,135,659 万元 / 6622.22 = 624.51 万元 per contract
    assert m["province_average"].value == pytest.approx(624.51, abs=0.005)
    assert m["province_average"].formula == "413.57 亿元 / 6622.22"             # the audit's text
    assert m["city_average_vs_province"].value == pytest.approx(52.12, abs=0.005)  # 325.50 / 624.51
    implied = audit.implied_figures(summary)
    assert m["province_average"].value == implied["jiangxi_tech_contract_avg"].value


def test_implied_province_average_cites_four_figures(m):
    assert len(figures_behind(m["province_average"])) == 4


def test_rest_of_province(m):
    # (413.57 - 106.7) 亿元 = 3,068,659 万元 over (6622.22 - 3278) = 3344.22 contracts = 917.60 万元
    assert m["rest_average"].value == pytest.approx(917.60, abs=0.005)
    assert len(figures_behind(m["rest_average"])) == 4


def test_rest_of_province_formula(m):
    # each implied input shows how it was obtained, money with its unit, once
    assert m["rest_average"].formula == "(413.57 亿元 - 106.7 亿元) / (6622.22 - 3278)"


def test_target_growth(m):
    assert m["target_growth"].value == pytest.approx(3.09, abs=0.005)   # (110 / 106.7 - 1) * 100 = 3.0928


def test_plaza_and_alliance(m):
    assert m["plaza_landing_rate"].value == pytest.approx(4.05, abs=0.005)   # 62 / 1531 = 4.0496%
    assert m["plaza_deal_per_need"].value == pytest.approx(43.72, abs=0.005)  # 42,100 万元 / 963
    assert m["auction_per_item"].value == pytest.approx(149.25, abs=1e-9)    # 2985 / 20


def test_missing_share_gives_none(summary):
    stub = _without(summary, lambda r: r["indicator"].isin(
        ["tech_contract_turnover_share_of_province", "plaza_results_landed"]))
    m = trading.analyse(stub)
    assert m["province_turnover"] is None and m["province_average"] is None and m["rest_average"] is None
    assert m["city_average_vs_province"] is None and m["plaza_landing_rate"] is None
    assert m["province_count"].value == pytest.approx(6622.22, abs=0.005)
    assert trading.average_contract(None, None) is None
    assert trading.rest_of_province(None, summary.get("tech_contract_count_share_of_province")) is None
    # a year without a next-year target
    stub = _without(summary, lambda r: (r["indicator"] == "tech_contract_turnover") & (r["kind"] == "target"))
    assert trading.analyse(stub)["target_growth"] is None
