"""Indicator names keep the document's qualifiers: when a figure's quote carries a scope word
(种子, 潜在, 首批, 累计, 本地, 不超过), its catalog name carries it in Chinese and its English
equivalent in English."""
import re

# quote word -> (Chinese words one of which the name_zh must hold, English pattern for name_en)
QUALIFIER_WORDS = {
    "种子": (("种子",), r"\bseed\b"),
    "潜在": (("潜在",), r"\bpotential\b"),
    "首批": (("首批",), r"\bfirst\b"),
    "累计": (("累计",), r"\b(cumulative|total|summed)\b"),
    "本地": (("本地",), r"\blocal\b"),
    "不超过": (("上限", "不超过"), r"\b(cap|at most|maximum)\b"),
}


def test_catalog_names_carry_the_qualifiers_of_their_quotes(dataset):
    """...unless the row's note is a reading of that word (notes_zh.csv `reading`): 累计放贷资金 read
    as the year's loans is named for what it is read as, 当年放贷金额, since the name is every
    city's (review 15 N1: 宜春's 全年放贷 is no 累计)."""
    from helpers.data.notes import readings
    read = readings(str(dataset.data_dir))
    names = dataset.catalog.set_index("indicator")
    problems = []
    for row in dataset.indicators.itertuples():
        for word, (zh_words, en_pattern) in QUALIFIER_WORDS.items():
            if word not in row.quote or (row.note in read and word in read[row.note]):
                continue
            zh, en = names.loc[row.indicator, "name_zh"], names.loc[row.indicator, "name_en"]
            if not any(w in zh for w in zh_words):
                problems.append((row.indicator, "name_zh", word, zh))
            if not re.search(en_pattern, en, re.IGNORECASE):
                problems.append((row.indicator, "name_en", word, en))
    assert not problems, problems


def test_every_note_has_a_chinese_reading(dataset):
    from helpers.data.notes import untranslated
    assert untranslated(dataset.indicators["note"], dataset.data_dir) == []
