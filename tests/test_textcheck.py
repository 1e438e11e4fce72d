"""The reader-text checker itself: a parity test is only as good as the numbers it pairs."""
from helpers.build import textcheck
from helpers.data.paths import DATA_DIR


def page(*sections: str) -> str:
    return "".join(f'<section id="section-{i}">{body}</section>' for i, body in enumerate(sections, 1))


def test_a_money_figure_pairs_across_units_and_precision():
    en = page("<p>Business R&D was CNY 36.35 bn in 2020.</p>")
    zh = page("<p>2020年企业研发经费支出363.48亿元。</p>")
    assert textcheck.parity(en, zh) == {}


def test_a_different_count_does_not_pair():
    en = page("<p>455 of 1,689 applications were reported.</p>")
    zh = page("<p>1,689家申报、458家报备。</p>")
    only_en, only_zh = textcheck.parity(en, zh)["section-1"]
    assert only_en == {(455.0, "exact"): 1} and only_zh == {(458.0, "exact"): 1}


def test_a_cap_in_one_language_and_a_fixed_sum_in_the_other_differ():
    en = page("<p>a subsidy of at most CNY 20 m a year</p>")
    zh = page("<p>每年补贴2000万元</p>")
    only_en, only_zh = textcheck.parity(en, zh)["section-1"]
    assert only_en == {(2e7, "at_most"): 1} and only_zh == {(2e7, "exact"): 1}


def test_qualifiers_are_read_before_and_after_the_number():
    assert textcheck.numbers("firms spending CNY 20 m or more a year", "en") == {(2e7, "at_least"): 1}
    assert textcheck.numbers("研发费用2000万元以上的企业", "zh") == {(2e7, "at_least"): 1}
    # a table's bound mark before a signed change: >+151 is the 增加超过151家 of the Chinese table
    assert textcheck.numbers("¦ >+151 ¦", "en") == {(151.0, "at_least"): 1} == textcheck.numbers("增加超过151家", "zh")
    assert textcheck.numbers("至多约有1,182家", "zh") == {(1182.0, "approx"): 1}
    assert textcheck.numbers("它应约为458", "zh") == {(458.0, "approx"): 1}
    # a mark before a sign of either direction: a margin ~-CNY 876 m, a margin over a floor ≤+210
    assert textcheck.numbers("¦ ~-CNY 876 m ¦", "en") == {(876e6, "approx"): 1} == textcheck.numbers("低于目标约8.76亿元", "zh")
    assert textcheck.numbers("¦ ≤+210 ¦", "en") == {(210.0, "at_most"): 1} == textcheck.numbers("超出不超过210家", "zh")


def test_a_qualifier_does_not_reach_into_the_next_cell():
    en = page("<table><tr><td>at least</td><td>5</td></tr></table>")
    assert textcheck.numbers(textcheck.sections(en)[0][1], "en") == {(5.0, "exact"): 1}


def test_unit_names_are_not_amounts():
    en = page("<table><tr><th>Turnover (CNY 100m)</th><td>CNY 100m</td></tr></table>"
              "<p>Formulas use money in CNY 100m. Loans of CNY 100m.</p>")
    zh = page("<table><tr><th>成交额（亿元）</th><td>亿元</td></tr></table><p>公式金额单位为亿元。放贷1亿元。</p>")
    assert textcheck.parity(en, zh) == {}


def test_quotes_and_provenance_are_the_documents_words_and_left_out():
    en = page('<p>The document says <q>增长50%</q>.</p><details class="provenance"><li>50</li></details>')
    zh = page("<p>文件称“增长50%”。</p>")
    assert textcheck.parity(en, zh) == {}


def test_a_whole_count_printed_with_decimals_is_an_artefact():
    page_ = page("<table><tr><td>HTE candidates the year before (implied)</td><td>913.00</td></tr></table>"
                 "<p>Target as % of baseline: 102.04%; change +0.00%.</p>")
    found = textcheck.artefacts(page_)
    assert [kind for _, kind, _ in found] == ["fractional count of firms"] and "913.00" in found[0][2]


def test_chinese_style_catches_a_sign_inside_brackets():
    rules = [r for r in textcheck.style_rules(DATA_DIR) if r["rule"] == "signed_change_in_brackets"]
    assert textcheck.style_violations(page("<p>2021年为2360（-6.78%）</p>"), rules)
    assert not textcheck.style_violations(page("<p>2021年为2360（下降6.78%）</p>"), rules)
