"""Round 5 of the draft's rules (issue 18), each tested on a sentence of a tune text that the
rules before it got wrong: mid-year reports, last year's outcomes beside this year's estimates,
a self-review's task list, the confidence of a weak cue, thousands separators and 分别 bounds."""
import pytest

from helpers.data import draft as D
from helpers.data import draft_rules as R
from helpers.data.coverage import find_numbers
from helpers.data.paths import DATA_DIR

# tests/draft_eval/texts/hengdong_2018_news.txt (a county bureau's note of October 2018)
HENGDONG = ("2018年我局在上半年和下半年分两批组织推荐了8家优质企业申报我省高新技术企业,目前有湖南盛世电线电缆"
            "有限公司、衡阳恒裕轻质保温材料有限责任公司两家顺利通过审核,预计全年新增高企达6家,2017年我县新增"
            "高企3家,较2017年增长100%,高企的增加也进一步夯实了我县高新技术产业。\n")
# tests/draft_eval/texts/guangyuan_2012_news.txt (a news report of July 2012), shortened
GUANGYUAN = ("为抓好技术创新工程示范市建设和科技成果转化工程工作,7月12日,广元市召开了由25个市级部门参加的建设四川省"
             "技术创新工程示范市和重大科技成果转化工程联席会议。会议总结了开展建设省技术创新工程示范市和重大科技成果"
             "转化工作取得的成绩,分析了当前工作中的问题,讨论审定了今年工作目标,明确了下半年重点工作任务。\n"
             "广元市开展技术创新工程试点和成果转化工程工作以来,取得了明显进展和成效。一是技术创新机制和环境不断优化,"
             "科技支撑经济社会发展的作用不断增强。2011年,科技贡献率38.5%,比上年增加2.5个百分点;二是创新型企业"
             "建设取得明显成效,现建成创新型企业15家;五是战略性新兴产业发展态势良好。截止6月底,已组织申报8个四川省"
             "战略性新兴产品,4项四川省重大科技成果转化项目,其中省科技厅已立项支持4项。1至5月全市专利申请达到172件,"
             "同比增长60.75%。\n")
# tests/draft_eval/texts/ziyang_2019_report.txt (a self-review of the 2019 targets), shortened
ZIYANG = ("资阳市科学技术局\n关于2019年度绩效目标完成情况的自查报告\n\n一、高质量发展目标完成情况\n\n(一)职责任务\n\n"
          "1研究与试验发展经费支出占地区生产总值比重0.18%,高新技术产业主营业务收入290亿元,科技创新水平指数48,"
          "技术合同认定登记额3,963.1万元\n\n1)根据目前的调查了解和数据监测情况分析,研究与试验发展经费支出占地区"
          "生产总值比重预计达0.18%,能完成目标任务。\n")


@pytest.fixture(scope="module")
def terms():
    return D.build_terms(DATA_DIR)


def drafted(terms, text, year, city, province, published, kind):
    ctx = D.Context("t", year, city, province, published=published, doc_kind=kind)
    return text, D.extract(text, ctx, terms)


def row(doc, needle, number):
    text, draft = doc
    at = text.index(needle) + needle.index(number)
    rows = draft[draft["offset"] == at]
    assert len(rows) == 1, (needle, number)
    return rows.iloc[0]


@pytest.fixture(scope="module")
def hengdong(terms):
    return drafted(terms, HENGDONG, 2018, "hengdong", "hunan", "2018-10", "news_report")


@pytest.fixture(scope="module")
def guangyuan(terms):
    return drafted(terms, GUANGYUAN, 2012, "guangyuan", "sichuan", "2012-07", "news_report")


@pytest.fixture(scope="module")
def ziyang(terms):
    return drafted(terms, ZIYANG, 2019, "ziyang", "sichuan", "2020-07", "work_summary")


def test_a_past_year_in_the_clause_is_an_outcome_beside_an_estimate(hengdong):
    r = row(hengdong, "2017年我县新增高企3家", "3")
    assert (r.kind, r.period) == ("actual", 2017)
    assert row(hengdong, "预计全年新增高企达6家", "6").kind == "estimate"


def test_a_change_on_a_year_is_of_a_later_year(hengdong):
    r = row(hengdong, "较2017年增长100%", "100")
    assert (r.kind, r.period) == ("estimate", 2018)


def test_a_kind_from_an_earlier_clause_is_not_sure(hengdong):
    _, draft = hengdong
    weak = draft[draft["why"].str.contains("earlier in the sentence")]
    assert len(weak) and (weak["confidence"] < 0.9).all()


def test_a_year_of_one_list_item_does_not_date_the_next(guangyuan):
    assert row(guangyuan, "科技贡献率38.5%", "38.5").period == 2011
    assert row(guangyuan, "现建成创新型企业15家", "15").period == 2012


@pytest.mark.parametrize("needle,number", [
    ("已组织申报8个", "8"),                   # 截止6月底: this year so far
    ("专利申请达到172件", "172"),              # 1至5月
    ("同比增长60.75%", "60.75"),
])
def test_a_time_so_far_without_a_year_is_this_year(guangyuan, needle, number):
    r = row(guangyuan, needle, number)
    assert (r.kind, r.period) == ("actual", 2012)
    assert r.confidence < 0.9


def test_a_deed_done_is_no_target_of_the_paragraphs_lead(guangyuan):
    assert row(guangyuan, "由25个市级部门参加", "25").kind == "actual"


def test_a_self_reviews_task_line_holds_the_years_targets(ziyang):
    for needle, number in (("比重0.18%,高新", "0.18"), ("主营业务收入290亿元", "290")):
        r = row(ziyang, needle, number)
        assert (r.kind, r.period) == ("target", 2019)
        assert r.confidence < 0.9
    assert row(ziyang, "比重预计达0.18%", "0.18").kind == "estimate"


def test_a_thousands_separator_is_part_of_the_number(ziyang):
    r = row(ziyang, "技术合同认定登记额3,963.1万元", "3,963.1")
    assert (r.value, r.unit, r.kind) == (3963.1, "cny_10k", "target")
    values = [n.value for n in find_numbers("技术合同认定登记额3,963.1万元,2011年,科技贡献率38.5%,12,5家")]
    assert values == [3963.1, 2011, 38.5, 12, 5]


def test_a_bound_word_before_a_list_holds_for_each_number():
    # tests/draft_eval/texts/wansheng_2023_plan.txt
    s = "全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”,分别超过90家和870家;"
    for number in ("90", "870"):
        at = s.index(number + "家")
        assert R.read_qualifier(s, at, R.read_unit(s, at, at + len(number)))[0] == "at_least"
    s = "分别达到90家和870家"
    at = s.index("870")
    assert R.read_qualifier(s, at, R.read_unit(s, at, at + 3))[0] == "exact"
