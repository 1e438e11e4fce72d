"""The interval rule: what a printed number stands for, and ranges of functions of them."""
from __future__ import annotations

import math

import pytest

from helpers.calc.intervals import Interval, apply, decimals_of, half_unit, printed_interval, round_to


def close(iv: Interval, lo: float, hi: float) -> bool:
    return math.isclose(iv.lo, lo, abs_tol=1e-9) and math.isclose(iv.hi, hi, abs_tol=1e-9)


def test_decimals_as_printed():
    assert decimals_of("31.55") == 2
    assert decimals_of("10.40") == 2  # the trailing zero is printed, so it counts
    assert decimals_of("-5") == 0
    assert decimals_of("106.7") == 1
    assert half_unit(2) == 0.005


def test_exact_number_stands_for_its_rounding_interval():
    assert close(printed_interval(31.55, 2), 31.545, 31.555)
    assert close(printed_interval(-55.25, 2, "exact", "percent"), -55.255, -55.245)
    assert close(printed_interval(3000, 0, "exact", "cny_10k"), 2999.5, 3000.5)
    assert close(printed_interval(106.7, 1), 106.65, 106.75)


def test_counts_are_whole_numbers_not_rounded_measurements():
    assert printed_interval(1689, 0, "exact", "count") == Interval.point(1689)
    assert printed_interval(3, 0, "exact", "rank") == Interval.point(3)


def test_approx_widens_by_five_percent_never_less_than_the_rounding():
    assert close(printed_interval(3.22, 2, "approx"), 3.22 - 0.161, 3.22 + 0.161)
    assert close(printed_interval(70, 0, "approx", "percent"), 66.5, 73.5)
    assert close(printed_interval(2, 0, "approx", "cny_100m"), 1.5, 2.5)  # half a unit > 5%
    assert close(printed_interval(15, 0, "approx", "count"), 14.25, 15.75)


def test_at_least_and_at_most_are_half_open():
    assert printed_interval(2000, 0, "at_least", "count") == Interval(2000, math.inf)
    assert printed_interval(2000, 0, "at_most", "cny_10k") == Interval(-math.inf, 2000)
    with pytest.raises(ValueError, match="qualifier"):
        printed_interval(1, 0, "about")


def test_corners_give_the_range_of_a_monotone_function():
    share = apply(lambda a, b: a / b * 100, printed_interval(1.0, 1), printed_interval(3.0, 1))
    # 0.95/3.05 and 1.05/2.95, worked by hand
    assert close(share, 31.147540983606557, 35.59322033898305)
    assert close(Interval(1, 2) / Interval(4, 5), 0.2, 0.5)
    assert close(Interval(1, 2) - Interval(0.5, 1), 0, 1.5)
    assert close(Interval(1, 2) * -1, -2, -1)


def test_rounding_edge_exact_and_mismatch():
    claim = printed_interval(31.55, 2)
    # exact: 1/4 = 25% against a printed 25
    assert Interval.point(25.0).intersects(printed_interval(25, 0))
    # rounding edge: 1689/5354 = 31.5465%, 0.0015 above the lower end 31.545
    assert Interval.point(1689 / 5354 * 100).intersects(claim)
    # 1/3 = 33.3333%: 33.33 holds it, 33.34 (from 33.335) does not
    assert Interval.point(100 / 3).intersects(printed_interval(33.33, 2))
    assert not Interval.point(100 / 3).intersects(printed_interval(33.34, 2))
    # clear mismatch: 455/1452 = 31.3361%
    assert not Interval.point(455 / 1452 * 100).intersects(claim)


def test_the_inputs_rounding_is_worked_not_a_fixed_tolerance():
    # 1.0 / 3.0 printed to one decimal allows 31.15%..35.59%: a printed 35.5 is consistent
    # though 2.2 points from the point value; 36.0 is not.
    share = apply(lambda a, b: a / b * 100, printed_interval(1.0, 1), printed_interval(3.0, 1))
    assert share.intersects(printed_interval(35.5, 1))
    assert not share.intersects(printed_interval(36.0, 1))


def test_division_by_an_interval_holding_zero_is_refused():
    with pytest.raises(ValueError, match="zero"):
        Interval(1, 2) / Interval(-1, 1)
    with pytest.raises(ValueError):
        Interval(1, 0)


def test_whole_numbers_and_rounding():
    assert Interval(172.9998, 173.0118).whole_numbers() == [173]
    assert Interval(1489.1, 1489.9).whole_numbers() == []
    with pytest.raises(ValueError):
        Interval(0, math.inf).whole_numbers()
    assert round_to(2.5, 0) == 3 and round_to(-5.0633, 2) == -5.06 and round_to(31.54651, 4) == 31.5465


def test_nearly_is_just_under_and_a_printed_range_is_closed():
    # 近2亿: below 2, never above it; 1-2家: between its printed ends, not [1, ∞)
    assert close(printed_interval(2, 0, "approx", "cny_100m", word="nearly"), 1.5, 2.0)
    assert printed_interval(1, 0, "at_least", "count", word="range", upper=2) == Interval(1, 2)
    assert printed_interval(1, 0, "at_least", "count", word="more_than") == Interval(1, math.inf)
