"""Charts: CJK renders from the packaged font, PNGs and embedded-font CSS are reproducible."""
from __future__ import annotations

import warnings

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from helpers.errors import SelectionError
from helpers.present import fonts, plots


@pytest.fixture(autouse=True)
def _style():
    plots.setup("zh")
    yield
    plots.setup("en")


def _charts():
    labels = ["研发投入 R&D", "高新技术企业", "Tech SMEs 科技型中小企业"]
    return [
        plots.hbar(labels, [111.77, None, -5], title="高新技术企业 $5 50%", xlabel="亿元",
                   highlight="高新技术企业"),
        plots.share_bars(labels, [25.95, 31.55, None], title="占全省比重"),
        plots.funnel(["申报", "报备", "认定"], [1689, 455, None], title="漏斗", value_fmt="{:,.0f}"),
        plots.line([2019, 2020, 2021], {"南昌": [1.81, 1.95, None], "Jiangxi": [1.55, 1.68, 1.7]},
                   title="强度 %", ylabel="%"),
        plots.grouped_bars(["2020", "2021"], {"南昌": [1, 2], "全省": [3, None]}, title="g", ylabel="n",
                           value_fmt="{:.1f}"),
    ]


def test_cjk_font_comes_from_package():
    path = fonts.cjk_font_path()
    assert path.is_file() and "mplfonts" in str(path)
    found = font_manager.findfont(font_manager.FontProperties(family=fonts.FONT_FAMILY),
                                  fallback_to_default=False)
    assert found == str(path)
    assert matplotlib.rcParams["font.family"][-1] == fonts.FONT_FAMILY
    assert matplotlib.rcParams["text.parse_math"] is False
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def test_chinese_label_has_no_missing_glyphs():
    fig = plots.hbar(["高新技术企业", "High-tech firms"], [1950, 2053], title="高新技术企业：预计（约）",
                     xlabel="家 count")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" is a UserWarning
        FigureCanvasAgg(fig).draw()


def test_every_chart_draws_without_warnings(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for i, fig in enumerate(_charts()):
            assert plots.save(fig, tmp_path, f"c{i}").stat().st_size > 1000


def test_save_is_byte_identical(tmp_path):
    a = plots.save(_charts()[0], tmp_path / "a", "01_chart")
    b = plots.save(_charts()[0], tmp_path / "b", "01_chart")
    assert a == tmp_path / "a" / "figures" / "01_chart.png"
    assert a.read_bytes() == b.read_bytes()
    assert b"matplotlib" not in a.read_bytes()  # no Software tag
    assert [p.name for p in (tmp_path / "a" / "figures").iterdir()] == ["01_chart.png"]


@pytest.mark.parametrize("bad", ["../x", "a/b", "x.png", ""])
def test_save_rejects_path_like_names(tmp_path, bad):
    with pytest.raises(ValueError, match="plain slug"):
        plots.save(_charts()[0], tmp_path, bad)


def test_palette_differs_in_grey():
    def lum(c):
        r, g, b = to_rgb(c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    greys = sorted(lum(c) for c in plots.PALETTE)
    assert len(plots.PALETTE) >= 6
    assert min(b - a for a, b in zip(greys, greys[1:])) > 0.04
    assert abs(lum(plots.HIGHLIGHT) - lum(plots.BAR_COLOR)) > 0.15
    assert abs(lum(plots.CITY_COLOR) - lum(plots.PROVINCE_COLOR)) > 0.4


def test_wrap_keeps_closing_punctuation():
    assert not any(line.startswith("）") for line in plots._wrap("独角兽、瞪羚企业（新增）").split("\n"))
    assert plots._wrap("a short label") == "a short label"


def test_setup_checks_lang():
    with pytest.raises(SelectionError, match="lang must be one of en, zh; got 'fr'"):
        plots.setup("fr")


def test_font_face_css_is_deterministic_and_embeds_font():
    text = "南昌市科技局2021年工作总结：研发投入111.77亿元"
    a = fonts.font_face_css(text)
    fonts._subset_bytes.cache_clear()
    b = fonts.font_face_css(text)
    assert a == b
    assert a.startswith('@font-face{font-family:"NSR CJK";src:url(data:font/woff')
    assert "http" not in a
    assert fonts.font_face_css(text, family='x"y').count('font-family:"x\\"y"') == 1


def test_a_chinese_chart_writes_numbers_without_thousands_separators():
    """2054, not 2,054, on a Chinese chart's labels and ticks; a label breaks between characters,
    never inside a year (（20 21年）)."""
    fig = plots.hbar(["高新技术企业", "新增"], [2054, 1950], value_fmt="{:,.0f}", title="t")
    plots.chinese_numbers(fig)
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "2054" in labels and not any("," in t for t in labels)
    fig.canvas.draw()
    assert not any("," in t.get_text() for t in fig.axes[0].get_xticklabels())
    for width in range(10, 40):  # wherever the line breaks, the year stays whole
        assert "2021" in plots._wrap("向科技部报备高新技术企业数（2021年）", width)


def test_a_chinese_label_without_punctuation_breaks_after_de_not_inside_a_word():
    # review 14 M25: 运营良好并对产业有一定的支撑作|用 left one character of 作用 on its own line
    assert plots._wrap("运营良好并对产业有一定的支撑作用") == "运营良好并对产业有一定的\n支撑作用"
