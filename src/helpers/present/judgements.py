"""The report's first section: the key judgements and how far to trust the figures.

Chooses, from the section analyses and the audit, the findings a reader should see first, and
the caveats that limit them. Every sentence is built from the selected summary (no city, year or
number is written here), in English and Chinese with the same numbers and qualifiers, and says
how strong it is:

- `printed`: the document prints the figure;
- `implied`: computed from printed figures (it carries their rounding), or a bound of them;
- `assumption`: holds only under an assumption the document does not state.

A finding states only the side of a bound the evidence supports. `section` is the number of the
section that holds the evidence (its heading "N. ..."), for the link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.calc import audit
from helpers.data.regions import province_of, region_name
from helpers.data.units import format_value
from helpers.present.i18n import n_of
from helpers.sections import hte, overview, rd, trading
from helpers.sections import targets as targets_section

STRENGTH = {
    "printed": ("printed", "原文数据"),
    "implied": ("implied", "推算"),
    "assumption": ("depends on an assumption", "取决于假设"),
}
MIN_FINDINGS = 5
MAX_FINDINGS = 8


@dataclass(frozen=True)
class Judgement:
    en: str
    zh: str
    strength: str          # printed | implied | assumption
    section: int           # the section number that holds the evidence

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def strength_word(self, lang: str) -> str:
        return STRENGTH[self.strength][lang == "zh"]


def _v(x, lang: str, decimals: int | None = None, unit: str | None = None) -> str:
    """A number as the report writes it, without sign (the sentence says the direction)."""
    value = abs(x.value if hasattr(x, "value") else x)
    unit = unit or getattr(x, "unit", "count")
    if decimals is None:
        printed = getattr(x, "printed", None)
        if printed:
            decimals = len(printed.split(".")[1]) if "." in printed else 0
        else:
            decimals = 0 if unit in ("count", "rank") else 2
        if unit in ("cny_100m", "cny_10k") and lang == "en" and printed:
            decimals = None
    return format_value(value, unit, lang, decimals)


# --- findings ---------------------------------------------------------------------------------


def _ranks(summary, city, prov) -> Judgement | None:
    rows = overview.scorecard(summary)
    ranks = {r["indicator"]: r["rank"] for r in rows if r["rank"] is not None}
    intensity, others = ranks.get("rd_intensity"), [v for k, v in ranks.items() if k != "rd_intensity"]
    if intensity is None or not others or len({f.value for f in others}) != 1:
        return None
    other = others[0]
    share = overview.share_range(summary)
    tail_en = tail_zh = ""
    if share:
        n = len(overview.shares_of_province(summary))
        lo, hi = share
        tail_en = f"; on the {n} figures with a printed share it holds {_v(lo, 'en')} to {_v(hi, 'en')} of the province"
        tail_zh = f"；在给出全省占比的{n}项数据中，{city['zh']}占全省的{_v(lo, 'zh')}至{_v(hi, 'zh')}"
    value = summary.get("rd_intensity", None, intensity.period)
    v_en = f" ({_v(value, 'en')} of GDP)" if value else ""
    v_zh = f"（{_v(value, 'zh')}）" if value else ""
    return Judgement(
        f"{city['en']} ranks {int(other.value)}{_ord(other.value)} in {prov['en']} on every main indicator except "
        f"R&D intensity, where it ranks {int(intensity.value)}{_ord(intensity.value)}{v_en}{tail_en}.",
        f"除研发投入强度居全省第{int(intensity.value)}位{v_zh}外，{city['zh']}其余主要指标均居{prov['zh']}全省第"
        f"{int(other.value)}位{tail_zh}。",
        "printed", 1)


def _ord(n: float) -> str:
    n = int(n)
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _hte_stock(h) -> Judgement | None:
    p, d = h.printed, h.derived
    first, last, est, chg, pct = p["first"], p["last"], p["est"], d["chg"], d["chg_pct"]
    if None in (first, last, est, chg, pct) or chg.value >= 0:
        return None
    kind_en = "estimate" if est.kind == "estimate" else "figure"
    kind_zh = "预计" if est.kind == "estimate" else ""
    return Judgement(
        f"High-tech enterprises fell for the first time: the {est.period} {kind_en} of {_v(est, 'en')} is "
        f"{_v(chg, 'en', 0)} fewer than the {_v(last, 'en')} of {last.period} (down {_v(pct, 'en')}), after "
        f"{_v(first, 'en')} in {first.period}.",
        f"高新技术企业数量首次下降：{est.period}年{kind_zh}{_v(est, 'zh')}家，比{last.period}年的{_v(last, 'zh')}家"
        f"减少{_v(chg, 'zh', 0)}家（下降{_v(pct, 'zh')}）；{first.period}年为{_v(first, 'zh')}家。",
        "printed" if est.kind == "actual" else "printed", 8)


def _hte_reports(h) -> Judgement | None:
    p = h.printed
    rep, chg, rate = p["c_rep"], p["c_chg"], p["c_rt_pr"]
    if None in (rep, chg, rate) or chg.value >= 0:
        return None
    return Judgement(
        f"High-tech candidates reported to the Ministry of Science and Technology roughly halved: "
        f"{_v(rep, 'en')}, down {_v(chg, 'en')} (down {_v(rate, 'en')}).",
        f"向科技部报备的高新技术企业约减半：报备{_v(rep, 'zh')}家，减少{_v(chg, 'zh')}家（下降{_v(rate, 'zh')}）。",
        "printed", 8)


def _tax_check(h) -> Judgement | None:
    p, d = h.printed, h.derived
    fail, share, app, rep = d["fail_b"], p["rd_share"], p["c_app"], p["c_rep"]
    if None in (fail, share, app, rep):
        return None
    approx_en = "about " if share.qualifier == "approx" else ""
    approx_zh = "约" if share.qualifier == "approx" else ""
    n = hte.round_half_up(fail.value)
    return Judgement(
        f"The new tax check of R&D expenses stopped at most {approx_en}{_v(n, 'en', 0, 'count')} applicants "
        f"({approx_en}{_v(share, 'en')} of all {_v(app, 'en')}, if every name went to the tax bureau), "
        f"against {_v(rep, 'en')} reported; the document supports no lower figure.",
        f"税务部门对研发费用的新核查至多使{approx_zh}{_v(n, 'zh', 0, 'count')}家申报企业落选（若全部{_v(app, 'zh')}家均报送税务部门，"
        f"取其{approx_zh}{_v(share, 'zh')}），而获报备的只有{_v(rep, 'zh')}家；文件不支持任何下限。",
        "implied", 8)


def _rd_target(r) -> Judgement | None:
    target, intensity, growth = r.target, r.printed.get("rd_intensity"), r.printed.get("rd_expenditure_growth")
    table = r.scenarios.dropna()
    if target is None or intensity is None or growth is None or table.empty:
        return None
    lo, hi = table["rd_growth_needed"].min(), table["rd_growth_needed"].max()
    g_lo, g_hi = table["gdp_growth"].min(), table["gdp_growth"].max()
    pct = lambda x, lang: format_value(x, "percent", lang, 0 if float(x).is_integer() else 2)  # noqa: E731
    return Judgement(
        f"Reaching the R&D-intensity target of {_v(target, 'en')} in {target.period} from {_v(intensity, 'en')} needs "
        f"R&D to grow {pct(lo, 'en')}–{pct(hi, 'en')} if nominal GDP grows {pct(g_lo, 'en')}–{pct(g_hi, 'en')}, "
        f"against {_v(growth, 'en')} achieved in {growth.period}.",
        f"研发投入强度要从{_v(intensity, 'zh')}提高到{target.period}年目标{_v(target, 'zh')}，若名义GDP增长"
        f"{pct(g_lo, 'zh')}–{pct(g_hi, 'zh')}，研发经费需增长{pct(lo, 'zh')}–{pct(hi, 'zh')}，"
        f"而{growth.period}年实际增长{_v(growth, 'zh')}。",
        "assumption", 2)


def _contracts(summary, t, city, prov) -> Judgement | None:
    c_share = summary.get("tech_contract_count_share_of_province")
    v_share = summary.get("tech_contract_turnover_share_of_province")
    avg, rel = t.derived.get("city_average"), t.derived.get("city_average_vs_province")
    if None in (c_share, v_share, avg, rel) or c_share.value <= v_share.value:
        return None
    return Judgement(
        f"{city['en']} registers {_v(c_share, 'en')} of {prov['en']}'s technology contracts but only "
        f"{_v(v_share, 'en')} of their value: {_v(avg, 'en', 2)} per contract, {_v(rel, 'en', 2)} of the provincial average.",
        f"{city['zh']}技术合同登记数占全省{_v(c_share, 'zh')}，成交额仅占{_v(v_share, 'zh')}：平均每项"
        f"{_v(avg, 'zh', 2)}，为全省平均水平的{_v(rel, 'zh', 2)}。",
        "implied", 5)


def _track_record(summary) -> Judgement | None:
    """How the targets of the documents fared, where the data hold their outcomes."""
    tr = targets_section.analyse(summary)
    tracked, v = tr.tracked, tr.verdicts
    if not tracked:
        return None
    years = sorted({x.period for x in tracked})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    span_zh = str(years[0]) if len(years) == 1 else f"{years[0]}至{years[-1]}"
    decided = [x for x in tracked if x.status in ("met", "missed")]
    missed = [x for x in decided if x.status == "missed"]
    strength = "implied" if any(x.measure == "implied" for x in decided) else "printed"
    if not decided:
        why_en = [f"{v['pending']} pending (the year or its statistics are not yet out)" if v["pending"] else "",
                  f"{v['unverifiable']} with no outcome in the data" if v["unverifiable"] else ""]
        why_zh = [f"{v['pending']}项待定（目标年份未结束或统计数据未公布）" if v["pending"] else "",
                  f"{v['unverifiable']}项数据中没有实际值" if v["unverifiable"] else ""]
        return Judgement(
            f"The documents set {n_of(len(tracked), 'target')} for {span}; none can be checked yet: "
            f"{' and '.join(w for w in why_en if w)}.",
            f"文件提出{span_zh}年目标{len(tracked)}项，目前均无法判定：{'，'.join(w for w in why_zh if w)}。", "printed", 9)
    lst_en = "; ".join(f"{x.target.name('en')} ({x.period}): {_v(x.target, 'en')} set, {_v(x.outcome, 'en')} reached"
                       for x in missed)
    lst_zh = "；".join(f"{x.target.name('zh')}（{x.period}年）：目标{_v(x.target, 'zh')}，实际{_v(x.outcome, 'zh')}"
                      for x in missed)
    return Judgement(
        f"Of the {n_of(len(tracked), 'target')} the documents set for {span}, {len(decided)} can be followed to an outcome: "
        f"{v['met']} met, {v['missed']} missed" + (f" ({lst_en})" if missed else "")
        + f"; {v['pending'] + v['unverifiable']} cannot be checked from the data.",
        f"文件提出的{span_zh}年目标共{len(tracked)}项，其中{len(decided)}项可与实际结果对照：已达成{v['met']}项，未达成{v['missed']}项"
        + (f"（{lst_zh}）" if missed else "") + f"；另有{v['pending'] + v['unverifiable']}项无法依据数据核验。",
        strength, 9)


def _rd_level(r, city) -> Judgement | None:
    """R&D spending, its growth and intensity as printed: a finding for a document that says
    little else (the sharper findings come first when the data allow them)."""
    rd, growth, intensity = (r.printed.get(k) for k in ("rd_expenditure", "rd_expenditure_growth", "rd_intensity"))
    if rd is None:
        return None
    up = growth is not None and growth.value >= 0
    return Judgement(
        f"{city['en']} spent {_v(rd, 'en')} on R&D in {rd.period}"
        + (f", {_v(growth, 'en')} {'more' if up else 'less'} than the year before" if growth else "")
        + (f"; its R&D intensity was {_v(intensity, 'en')} of GDP" if intensity else "") + ".",
        f"{rd.period}年{city['zh']}研发经费投入{_v(rd, 'zh')}"
        + (f"，比上年{'增长' if up else '下降'}{_v(growth, 'zh')}" if growth else "")
        + (f"，研发投入强度为{_v(intensity, 'zh')}" if intensity else "") + "。",
        "printed", 2)


def _hte_level(h, city) -> Judgement | None:
    """The latest count of high-tech enterprises and its change on the previous printed count."""
    first, last, est = h.printed["first"], h.printed["last"], h.printed["est"]
    if last is None and est is None:
        return None
    if last is None or first is None or first.period == last.period:
        f = est or last
        expected = f.kind == "estimate"
        return Judgement(f"{city['en']} {'expected' if expected else 'had'} {_v(f, 'en')} high-tech enterprises in {f.period}.",
                         f"{f.period}年{city['zh']}{'预计' if expected else ''}高新技术企业{_v(f, 'zh')}家。", "printed", 8)
    up = last.value >= first.value
    return Judgement(
        f"{city['en']} had {_v(last, 'en')} high-tech enterprises in {last.period}, "
        f"{'up' if up else 'down'} from {_v(first, 'en')} in {first.period}.",
        f"{last.period}年{city['zh']}高新技术企业{_v(last, 'zh')}家，{first.period}年为{_v(first, 'zh')}家。",
        "printed", 8)


def _contract_level(summary, city) -> Judgement | None:
    """Technology contracts registered and their turnover, as printed."""
    count, turnover = summary.get("tech_contract_count"), summary.get("tech_contract_turnover")
    if count is None and turnover is None:
        return None
    period = (count or turnover).period
    en = [f"{_v(count, 'en')} technology contracts" if count else "", f"a turnover of {_v(turnover, 'en')}" if turnover else ""]
    zh = [f"技术合同{_v(count, 'zh')}项" if count else "", f"成交额{_v(turnover, 'zh')}" if turnover else ""]
    return Judgement(f"{city['en']} registered {' with '.join(x for x in en if x)} in {period}.",
                     f"{period}年{city['zh']}登记{'，'.join(x for x in zh if x)}。", "printed", 5)


def _city_names(summary) -> dict[str, str]:
    """The selection's city in each language, from data/regions.csv."""
    return {lang: region_name(summary.city, lang, summary.dataset.data_dir) for lang in ("en", "zh")}


def findings(summary) -> list[Judgement]:
    """Five to eight key findings across the sections, strongest evidence first where equal."""
    city = _city_names(summary)
    prov_id = province_of(summary.city, summary.dataset.data_dir)
    prov = {lang: region_name(prov_id, lang, summary.dataset.data_dir) if prov_id else "" for lang in ("en", "zh")}
    prov = {k: re.sub(r"\s*[（(].*?[)）]", "", v) for k, v in prov.items()}
    h = hte.analyse(summary)
    r = rd.analyse(summary)
    out = [j for j in (_ranks(summary, city, prov), _hte_stock(h), _hte_reports(h), _tax_check(h),
                       _rd_target(r), _contracts(summary, trading.analyse(summary), city, prov),
                       _track_record(summary)) if j is not None]
    if len(out) < MIN_FINDINGS:  # a thin document: say plainly what it prints
        plain = [j for j in (_rd_level(r, city), _hte_level(h, city), _contract_level(summary, city)) if j is not None]
        out = plain[:MIN_FINDINGS - len(out)] + out
    return out[:MAX_FINDINGS]


# --- caveats ----------------------------------------------------------------------------------


def _inconsistent(results) -> Judgement | None:
    checked = audit.checks(results)
    bad = [r for r in checked if r.status == "inconsistent"]
    if not bad:
        return None
    names_en = "; ".join(r.label("en") for r in bad)
    names_zh = "；".join(r.label("zh") for r in bad)
    example_en = example_zh = ""
    for r in bad:  # a printed rate against printed counts: it may be either number that slipped
        if r.relation.formula != "rate" or r.claim is None or len(r.inputs) != 2:
            continue
        part, whole = r.inputs
        if part.value is None or not whole.value:
            continue
        n = round(r.claim.value / 100 * whole.value)
        if round(n / whole.value * 100, r.decimals) == round(r.claim.value, r.decimals):
            example_en = (f" The document never says which number is wrong: its {r.claimed}% is exactly "
                          f"{n} / {whole.printed}, so the slip may as well be in the count {part.printed}.")
            example_zh = (f"文件没有说明哪个数字有误：其{r.claimed}%恰为{n} / {whole.printed}，"
                          f"错误也可能在{part.printed}这一数量上。")
            break
    return Judgement(
        f"{len(bad)} of {n_of(len(checked), 'claim')} that can be recomputed do not agree with the document's own figures "
        f"({names_en}).{example_en}",
        f"可重新计算的{len(checked)}项说法中有{len(bad)}项与文件自身数据不符（{names_zh}）。{example_zh}",
        "implied", 10)


def _implausible(results, bounds) -> Judgement | None:
    """The implausible figures, grouped under the printed figure they come from."""
    flagged = audit.implausible(results)
    if not flagged:
        return None
    def figure_of(r):
        return next((i.figure for i in r.inputs if i.figure is not None), None)
    main = figure_of(flagged[0])
    group = [r for r in flagged if figure_of(r) == main]
    def part(r, lang):
        b = bounds.get(r.check)
        rng = "" if b is None else audit._bound_text(b, r.unit, lang)
        v = format_value(r.value, r.unit, lang, 0 if r.unit == "count" else 2)
        return (f"{r.label('zh')}为{v}（合理范围：{rng}）" if lang == "zh" else
                f"{r.label('en')} is {v} (plausible: {rng})")
    reason = group[0] if len(group) == 1 else max(group, key=lambda r: r.unit == "percent")
    b = bounds.get(reason.check)
    lead_en = f"{main.name('en')} of {main.formatted('en')}" if main else "Some implied figures"
    lead_zh = f"{main.name('zh')}{main.formatted('zh')}" if main else "部分推算数据"
    return Judgement(
        f"{lead_en}: implausible, check the source. " + "; ".join(part(r, "en") for r in group)
        + (f". {b.reason_en.rstrip('.')}." if b else "."),
        f"{lead_zh}：数值不合常理，请核对原文。" + "；".join(part(r, "zh") for r in group)
        + (f"。{b.reason_zh.rstrip('。')}。" if b else "。"),
        "implied", 6)


def _unprinted_totals(results, annex_cited: bool) -> Judgement | None:
    missing = [r for r in audit.checks(results) if r.status == "unverifiable"]
    if not missing:
        return None
    annex_en = (" and the annex table (附表) it refers to is not part of the published text" if annex_cited
                else "")
    annex_zh = "，文中提到的附表也未随文公开" if annex_cited else ""
    return Judgement(
        f"{n_of(len(missing), 'printed claim')} cannot be checked: the document does not print the figures "
        f"behind them{annex_en}.",
        f"{len(missing)}项说法无法核验：文件未给出其所需的数据{annex_zh}。",
        "printed", 10)


def _garbled(summary) -> Judgement | None:
    rows = [f for f in summary.figures(own=True) if re.search(r"\braw\b", f.note, re.IGNORECASE)]
    if not rows:
        return None
    return Judgement(
        f"The text was copied from a web page and lost characters in {n_of(len(rows), 'figure')} (a separator, a 年, a "
        f"measure word); each of these rests on a reading of the garbled text, noted under its source.",
        f"原文由网页转录，有{len(rows)}项数据处脱落了字符（分隔符、“年”字、量词等）；这些数据依赖对残缺文字的解读，"
        f"解读见各自出处的说明。",
        "printed", 10)


def _implied_share(results, city: dict) -> Judgement | None:
    imp = [r for r in audit.implied(results) if r.value is not None]
    gdp = next((r for r in imp if r.check == "city_gdp"), None)
    if not imp:
        return None
    extra_en = extra_zh = ""
    if gdp is not None and gdp.interval is not None and gdp.interval.bounded:
        extra_en = (f" {city['en']}'s GDP, for instance, is not printed: R&D over intensity gives "
                    f"{format_value(gdp.value, gdp.unit, 'en')}, anywhere from {format_value(gdp.interval.lo, gdp.unit, 'en')} "
                    f"to {format_value(gdp.interval.hi, gdp.unit, 'en')} given the rounding.")
        extra_zh = (f"例如{city['zh']}GDP并未给出：研发经费除以强度得{format_value(gdp.value, gdp.unit, 'zh', 2)}，"
                    f"按舍入误差可在{format_value(gdp.interval.lo, gdp.unit, 'zh', 2)}至"
                    f"{format_value(gdp.interval.hi, gdp.unit, 'zh', 2)}之间。")
    return Judgement(
        f"{n_of(len(imp), 'figure')} in this report {'is' if len(imp) == 1 else 'are'} implied, not printed, and carry the rounding of the figures "
        f"they come from.{extra_en}",
        f"本报告中有{len(imp)}项数据为推算而非原文所载，带有其来源数据的舍入误差。{extra_zh}",
        "implied", 10)


def _openings(summary) -> Judgement | None:
    """Documents of the selection held only as the opening retrieved: what follows is missing."""
    src = summary.dataset.sources.set_index("source")
    if "completeness" not in src.columns:
        return None
    cut = [s for s in summary.own if str(src.loc[s, "completeness"]) == "opening"]
    if not cut:
        return None
    titles_en = "; ".join(str(src.loc[s, "title"]) for s in cut)
    titles_zh = "、".join(f"《{src.loc[s, 'title']}》" for s in cut)
    return Judgement(
        f"The data hold only the opening of {len(cut)} of the selection's documents ({titles_en}): figures "
        f"and targets printed later in them are not here, so a missing figure may exist in the full text.",
        f"所选文件中有{len(cut)}份只收录了开头部分（{titles_zh}）：其后所载的数据和目标不在数据中，"
        f"因此“未报告”的数字可能见于全文。",
        "printed", 12)


def caveats(summary, results=None) -> list[Judgement]:
    """How far to trust the figures: inconsistent claims, implausible figures, unprinted totals,
    garbled text, implied figures; the three a reader most needs come first."""
    results = audit.evaluate(summary) if results is None else results
    bounds = {b.check: b for b in getattr(summary.dataset, "plausibility", ())}
    out = [_inconsistent(results), _implausible(results, bounds), _unprinted_totals(results, summary.cites_annex()),
           _openings(summary), _garbled(summary), _implied_share(results, _city_names(summary))]
    return [c for c in out if c is not None]


# --- presentation -----------------------------------------------------------------------------

LINK = {"en": "evidence: section {n}", "zh": "依据：第{n}节"}


def as_html(items: list[Judgement], lang: str, css_class: str = "judgements") -> str:
    """An ordered list: each item's sentence, its strength and a link to the section with the evidence."""
    import html

    lis = []
    for j in items:
        strength = j.strength_word(lang)
        tag = f"【{strength}】" if lang == "zh" else f"[{strength}]"
        link = LINK[lang].format(n=j.section)
        lis.append(f'<li class="strength-{j.strength}">{html.escape(j.text(lang))} '
                   f'<span class="strength">{html.escape(tag)}</span> '
                   f'<a class="evidence" href="#section-{j.section}">{html.escape(link)}</a></li>')
    return f'<ol class="{css_class}">' + "".join(lis) + "</ol>"


def show(items: list[Judgement], lang: str, css_class: str = "judgements"):
    """Display the list in a notebook (IPython HTML)."""
    from IPython.display import HTML, display

    display(HTML(as_html(items, lang, css_class)))
