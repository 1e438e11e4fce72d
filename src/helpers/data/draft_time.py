"""When a drafted figure is, and whether it is an outcome or a target: kind and period.

Why a module of its own: words next to a number ("目标要求" earlier in a sentence) misled the
first rules; a figure's time is set by the document's structure. In order:
- the clause: a year printed in it (2020年, 去年, 今年, 明年), an estimate word (预计), an outcome's
  tense (已, 截至, 完成率, 争取到, 获批), a target's verbs (力争, 争取, 确保, 计划);
- the part of the document (a 2022年工作思路 heading), and the paragraph's lead (…为今年定目标,
  下一步, 明年): a frame the figure inherits when its clause says nothing;
- the document: its date (a report of March 2023 says 今年 for 2023 and 去年 for 2022) and its kind
  (a plan's figures are targets; a summary's and a bulletin's are outcomes).

Each rule returns its answer and the words that decided it (the draft's `why`), and how sure
the answer is: a default is less sure than a printed word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.data.draft_rules import RD_WORDS, Part, printed_years
from helpers.data.schema import PLAN_KINDS

NEWS_KINDS = ("news_report",)

ESTIMATE_WORDS = ("预计", "预期", "有望")
# a target's verbs; 争取到 / 确保了 are outcomes (obtained, ensured), handled by PAST_WORDS first
TARGET_VERBS = ("力争", "争取", "确保", "预期目标")
# 目标 as a noun marks a target only where it introduces one (目标:, 目标是, 主要目标 2025年…),
# never in 目标要求, 目标定位, 目标任务完成率
TARGET_NOUN = re.compile(r"(?:主要|工作|预期|发展|年度)?目标(?:是|为|[:：])|(?:主要|工作|预期)目标")
PAST_WORDS = ("已", "截至", "截止", "完成率", "获批", "以来", "实现了", "达到了")
# a money figure before 以上…企业 is a threshold (年营收3亿元以上工业企业), a parameter, not a count
THRESHOLD = re.compile(r"^以上的?(?:规模以上)?(?:工业)?企业")
# a paragraph's lead that makes its figures next year's (or this year's) targets
FUTURE_FRAME = ("定目标", "主要目标", "工作目标", "目标任务:", "明年", "下一步", "今年将", "我市将",
                "将实施", "工作要点", "工作思路", "工作计划")

RELATIVE = {"今年": 0, "本年度": 0, "当年": 0, "去年": -1, "明年": 1}
TARGET_YEAR = re.compile(r"(?:到|至|力争|争取|确保)((?:19|20)\d{2})年")


@dataclass(frozen=True)
class Doc:
    """What the document says about itself: the year it reviews, when it came out, its kind."""
    year: int
    published: str = ""     # 2023-03, 2023 or ""
    kind: str = ""

    @property
    def now(self) -> int:
        """The year 今年 means: a news report's or a plan's is the year it came out; a summary
        speaks of the year it reviews."""
        if self.kind in NEWS_KINDS + PLAN_KINDS and self.published[:4].isdigit():
            return int(self.published[:4])
        return self.year

    @property
    def plan(self) -> bool:
        return self.kind in PLAN_KINDS


def year_markers(text: str, a: int, b: int, now: int) -> list[tuple[int, int, str]]:
    """(offset, year, word) for each year named in text[a:b]: 2020年, a garbled 2021实施, 今年,
    去年, 明年 (relative to `now`). 上年 is not one: 比上年增长 compares, it does not date."""
    out = printed_years(text, a, b)
    for m in re.finditer(r"(?<![比较])(?:" + "|".join(RELATIVE) + ")", text[a:b]):
        out.append((a + m.start(), now + RELATIVE[m.group()], m.group()))
    return sorted((m for m in out if not in_title(text, m[0]) and not is_base(text, m[0], m[2])
                   and not is_start(text, m[0], m[2])), key=lambda t: t[0])


SINCE_AFTER = re.compile(r"[^，。；,;\d]{0,12}?以来")


def is_start(text: str, at: int, word: str) -> bool:
    """The year a running total starts from (自2019年设立以来累计…, 2019年以来累计) dates no
    figure: the total is of the year the document reports, as a title's years date the title."""
    return text[max(0, at - 2):at].endswith("自") or text[max(0, at - 2):at] == "自从" \
        or bool(SINCE_AFTER.match(text, at + len(word)))


BASE_AFTER = re.compile(r"(?:的)?(?:基础上|相比|比较|为基数|为基期)")


def is_base(text: str, at: int, word: str) -> bool:
    """A year something is compared with (与2018年相比, 比2020年, 在2022年的基础上) is no
    figure's year: the figure is of the year the sentence reports or targets."""
    return text[at - 1:at] in ("比", "较") or bool(BASE_AFTER.match(text, at + len(word)))


def in_other_item(text: str, lo: int, at: int, start: int) -> bool:
    """Whether a year at `at` stands inside an earlier item of a list (一是…2011年…;二是…现建成15家):
    it dates that item only. A year in the list's lead (今年…六个目标:一是…二是…) dates them all."""
    return bool(ITEM_START.search(text, lo, at)) and bool(ITEM_START.search(text, at, start))


def compared_year(text: str, a: int, b: int) -> int | None:
    """The year a clause compares with (较2017年增长100%, 比2020年, 与2018年相比), else None."""
    m = re.search(r"(?:[比较]|与)((?:19|20)\d{2})年", text[a:b])
    return int(m.group(1)) if m else None


def in_title(text: str, at: int) -> bool:
    """Inside 《…》: a title's years (《三年行动方案(2019-2021年)》) date the title, not a figure."""
    lo = max(0, at - 80)
    return text.rfind("《", lo, at) > text.rfind("》", lo, at)


def _has(words, s: str) -> str:
    return next((w for w in words if w in s), "")


def _past(s: str) -> str:
    """An outcome's word in s (已, 截至, 完成率, 争取到, 去年 as a date, not 比去年)."""
    if (w := _has(PAST_WORDS, s)):
        return w
    for w in ("争取到", "确保了"):
        if w in s:
            return w
    return "去年" if re.search(r"(?<![比较])去年", s) else ""


def _target(s: str) -> str:
    for w in TARGET_VERBS:
        at = s.find(w)
        while at >= 0:
            after = s[at + len(w):at + len(w) + 1]
            if not (w in ("争取", "确保") and after in ("到", "了")):
                return w
            at = s.find(w, at + 1)
    m = TARGET_NOUN.search(s)
    if m and not s[m.end():m.end() + 2].startswith("完成") and s[m.end():m.end() + 2] not in ("要求", "定位"):
        return m.group()
    return ""


# a year the clause prints as its own (2017年我县…), not one it compares with (较2017年, 比2017年)
PAST_YEAR = re.compile(r"(?<![比较])((?:19|20)\d{2})年(?!的?(?:基础上|相比|同期))")
# a self-review's item heading that lists the year's tasks: (一)职责任务, 目标任务, 任务指标
TASK_HEADING = re.compile(r"^\s*[(（]?[一二三四五六七八九十0-9]*[)）、.]?\s*(?:职责任务|目标任务|任务指标|绩效目标)\s*$")
TASK_FIGURES = ": the task's figures (of the year reviewed)"
# a time so far in the year: 上半年, 1-6月, 1至5月, 截至6月底, 今年以来, 前三季度
SO_FAR = re.compile(r"上半年|前三季度|一季度|今年以来|(?<![0-9])1\s*[-—–至~]\s*(?:1[01]|[2-9])月|截[至止]\s*(?:目前|[0-9]{1,2}月)")
# a verb with 了 (召开了, 组织了): the clause tells a deed done (为了, 除了 are no such verb)
DONE = re.compile(r"(?<![为除])[\u4e00-\u9fff]了")
# an item of a list (一是…;二是…): a year set in one item is not the next item's
ITEM_START = re.compile(r"[一二三四五六七八九十]是")

POLICY_WORDS = ("给予", "补贴", "补助", "奖励", "资助", "补偿", "门槛", "上限")


@dataclass(frozen=True)
class Reading:
    value: object
    word: str
    sure: float   # 0 to 1: a printed word is sure, a default less so


def read_kind(sentence_before: str, clause_before: str, clause: str, after_unit: str,
              paragraph: str, part: Part, doc: Doc, period: int | None = None,
              money: bool = False, task_heading: str = "") -> Reading:
    """actual, estimate, target or policy: the clause first, then the part, the paragraph's lead
    and the document (module docstring)."""
    if part.plan or doc.plan:
        for w in POLICY_WORDS:
            if w in clause:
                return Reading("policy", w, 0.9)
        if after_unit.startswith("以上的"):
            return Reading("policy", "以上的 (a threshold)", 0.9)
    if money and THRESHOLD.match(after_unit):
        return Reading("policy", "以上…企业 (a threshold)", 0.9)
    if (w := _has(ESTIMATE_WORDS, clause_before)):
        return Reading("estimate", w, 0.95)
    past_year = PAST_YEAR.search(clause_before)
    if past_year and int(past_year.group(1)) < doc.now:
        # 预计全年新增高企达6家,2017年我县新增高企3家: the clause's own past year is an outcome's
        return Reading("actual", f"{past_year.group()} (a past year) in the clause", 0.85)
    if (w := _has(ESTIMATE_WORDS, sentence_before)):
        return Reading("estimate", f"{w} (earlier in the sentence)", 0.85)
    if (w := _target(clause_before)):
        return Reading("target", w, 0.95)
    if (w := _past(clause_before)):
        return Reading("actual", w, 0.95)
    if (w := _target(sentence_before)):
        return Reading("target", f"{w} (earlier in the sentence)", 0.85)
    if task_heading and TASK_HEADING.search(task_heading) and "。" not in clause:
        return Reading("target", f"under the heading {task_heading}{TASK_FIGURES}", 0.85)
    if part.plan:
        return Reading("target", "plan part of the document", 0.9)
    if period is not None and period > doc.now:
        return Reading("target", f"{period} is after the document's date", 0.9)
    if doc.plan and period is not None and period < doc.now:
        return Reading("actual", f"{period} is before the plan came out", 0.85)
    if doc.plan and not part.review:
        return Reading("target", "a plan's figure", 0.85)
    done = DONE.search(clause_before)
    if done and _has(FUTURE_FRAME, paragraph):
        # 广元市召开了由25个市级部门参加的…会议 in a paragraph that names 今年工作目标: a deed done
        return Reading("actual", f"{done.group()} (done) in the clause", 0.8)
    if (w := _has(FUTURE_FRAME, paragraph)) and not _past(sentence_before):
        return Reading("target", f"{w} (the paragraph's lead)", 0.8)
    sure = 0.95 if doc.kind in ("work_summary", "statistics_bulletin") else 0.85
    return Reading("actual", "", sure)


def read_period(text: str, start: int, clause: tuple[int, int], sentence: tuple[int, int],
                paragraph: tuple[int, int], part_span: tuple[int, int], doc: Doc, part: Part,
                target: bool) -> Reading:
    """The year a figure refers to: the nearest year in its clause (before, then after), the
    plan part's year, the nearest earlier year in its sentence, the R&D lag of a summary, the
    paragraph; for a target, the year its sentence, paragraph or part sets (到2027年, 今年…定目标);
    else the document's year."""
    def markers(span):
        return [m for m in year_markers(text, *span, doc.now) if m[0] != start]

    in_clause = markers(clause)
    before = [m for m in in_clause if m[0] < start]
    if before:
        return Reading(before[-1][1], f"{before[-1][2]} in the clause", 0.95)
    if in_clause:
        return Reading(in_clause[0][1], f"{in_clause[0][2]} in the clause", 0.9)
    if part.plan:
        y = part.year or doc.year + 1
        return Reading(y, f"plan part ({part.heading or 'next year'})", 0.9)
    sent = [m for m in markers(sentence) if not in_other_item(text, paragraph[0], m[0], start)]
    base = compared_year(text, *clause)
    if [m for m in sent if m[0] < start]:
        m = [m for m in sent if m[0] < start][-1]
        if base is not None and m[1] <= base < doc.now:
            # 预计全年新增高企达6家,2017年我县新增高企3家,较2017年增长100%: a change on 2017 is a later year's
            return Reading(doc.now, f"compared with {base}: a change of a later year", 0.8)
        return Reading(m[1], f"{m[2]} earlier in the sentence", 0.85)
    so_far = SO_FAR.search(text, sentence[0], start)
    if so_far and not target:
        return Reading(doc.now, f"{so_far.group()} with no year: this year so far", 0.85)
    s = text[sentence[0]:sentence[1]]
    if any(w in s for w in RD_WORDS) and f"{doc.year - 1}年" in s:
        return Reading(doc.year - 1, f"R&D figures of a {doc.year} summary are {doc.year - 1} data "
                                     f"({doc.year - 1}年 in the sentence)", 0.9)
    if target and sent:
        return Reading(sent[0][1], f"{sent[0][2]} later in the sentence sets the target's year", 0.85)
    para = [m for m in markers(paragraph) if not in_other_item(text, paragraph[0], m[0], start)]
    if [m for m in para if m[0] < start]:
        m = [m for m in para if m[0] < start][-1]
        return Reading(m[1], f"{m[2]} earlier in the paragraph", 0.85)
    if target:
        if para:
            return Reading(para[0][1], f"{para[0][2]} later in the paragraph sets the target's year", 0.85)
        frame = [m for m in TARGET_YEAR.finditer(text, part_span[0], start)]
        if frame:
            y = int(frame[-1].group(1))
            return Reading(y, f"{frame[-1].group()} earlier in the part sets the target's year", 0.85)
        if doc.plan:
            return Reading(doc.year, "the plan's year", 0.8)
        return Reading(doc.now if doc.now > doc.year else doc.year + 1,
                       "a target without a year: the year after the one reviewed", 0.7)
    return Reading(doc.year, "the document's year", 0.85 if doc.kind != "news_report" else 0.75)
