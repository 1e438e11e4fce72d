"""Class 5: data/relations.csv is validated by the loader, and the audit evaluates safely.

`python -m helpers.data.load` must refuse a bad relation with exit 2 and one line naming file, line,
column and value; a division by zero is an `unverifiable` check with the reason, not a crash.
"""
from __future__ import annotations

import pytest

from faultkit import assert_refused, edit
from helpers.calc import audit
from helpers.data import load
from helpers.data.figures import Summary

REL = "relations.csv"
CITY_RATE = "hte_pass_rate_city,check,rate,"

CASES = [
    ("unknown_formula", CITY_RATE, "hte_pass_rate_city,check,ratez,", "hte_pass_rate_city",
     "formula", "formula must be one of"),
    ("bad_reference", "hte_reported:city:Y:actual; hte_applications:city:Y:actual,percent",
     "hte_reported:city:Y:actual; hte_applications:city:Q:actual,percent", "hte_pass_rate_city",
     "inputs", "period must be"),
    ("unknown_indicator", "hte_reported:city:Y:actual; hte_applications:city:Y:actual,percent",
     "hte_reported:city:Y:actual; no_such_figure:city:Y:actual,percent", "hte_pass_rate_city",
     "inputs", "not in catalog"),
    ("circular_reference", "hte_reported:city:Y:actual; hte_applications:city:Y:actual,percent",
     "hte_reported:city:Y:actual; @hte_pass_rate_city,percent", "hte_pass_rate_city", "inputs",
     "earlier line"),
    ("forward_reference", "hte_reported:city:Y:actual; hte_applications:city:Y:actual,percent",
     "hte_reported:city:Y:actual; @kedaitong_leverage,percent", "hte_pass_rate_city", "inputs",
     "earlier line"),
    ("wrong_arity", "hte_reported:city:Y:actual; hte_applications:city:Y:actual,percent",
     "hte_reported:city:Y:actual,percent", "hte_pass_rate_city", "inputs", "takes 2 inputs"),
    ("bound_overflows", "实现了三年翻番,1.9,2.1,", "实现了三年翻番,1.9," + "9" * 400 + ",",
     "hte_count_doubling", "claim_high", "finite"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_loader_validates_relations(data_dir, capsys, case):
    _, old, new, needle, column, words = case
    path = data_dir / REL
    edit(path, old, new)
    assert_refused(data_dir, capsys, path, needle, column, words)


def test_division_by_zero_is_unverifiable_not_a_crash(data_dir):
    edit(data_dir / REL, "hte_reported:city:Y:actual; hte_applications:city:Y:actual,percent",
         "hte_reported:city:Y:actual; rows:rd_institutions[status_group=nowhere],percent")
    ds = load.load_dataset(data_dir)
    results = audit.evaluate(Summary(ds, "nanchang_2021"))
    res = next(r for r in results if r.check == "hte_pass_rate_city")
    assert res.status == "unverifiable"
    assert "divides by is 0" in res.explanation("en")
    frame = audit.audit_frame(results)
    assert frame.loc[frame["check"] == "hte_pass_rate_city", "status"].item() == "unverifiable"
