"""helpers.present.notebook: a derived count shows as a whole number, other units with 2 decimals."""
from __future__ import annotations

import pytest

from helpers.calc.derive import Derived
from helpers.data.paths import DATA_DIR
from helpers.present.notebook import derived_decimals, start
from helpers.sections import platforms


@pytest.fixture
def nb(tmp_path):
    return start("99", "nanchang", 2021, "en", DATA_DIR, tmp_path)


def test_derived_count_is_whole(nb):
    m = platforms.analyse(nb.summary)
    assert nb.implied(m["all"]) == "72 (implied: 1 + 16 + 6 + 20 + 29)"          # not 72.00
    assert len(nb.used) == 5                                                      # the five figures, for nb.cite
    assert nb.fmt(m["city"]) == "49"                                              # 20 + 29
    assert nb.implied(m["target_growth"]) == "2.04% (implied: (50 / 49 - 1) × 100)"  # 2.0408
    assert nb.implied(m["target_growth"], decimals=1) == "2.0% (implied: (50 / 49 - 1) × 100)"
    assert nb.fmt(m["all"], decimals=2) == "72.00"                                # explicit decimals win
    assert nb.implied(None) == "not reported"


def test_derived_decimals():
    assert derived_decimals(Derived(8359.9, "count", "2360 / 28.23%", (), "")) == 0
    assert derived_decimals(Derived(26.94, "percent", "455 / 1689", ())) == 2
    assert derived_decimals(Derived(8359.9, "count", "", ()), 1) == 1
