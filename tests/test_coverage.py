"""Nothing any source prints is left without a data row or a stated reason."""
import pandas as pd

from helpers.data.coverage import main, scan, scan_dataset


def test_nothing_in_any_source_is_uncovered(dataset):
    for source in dataset.sources["source"]:
        result = scan_dataset(dataset, source)
        uncovered = result[result.status == "uncovered"]
        assert uncovered.empty, f"{source}:\n{uncovered.to_string()}"
        assert (result.status == "covered").sum() >= 1, source


def test_every_excluded_number_has_a_reason(dataset):
    for source in dataset.sources["source"]:
        result = scan_dataset(dataset, source)
        excluded = result[result.status == "excluded"]
        assert excluded["by"].str.len().gt(0).all(), source
    if "nanchang_2021" in dataset.texts:
        result = scan_dataset(dataset, "nanchang_2021")
        excluded = result[result.status == "excluded"]
        assert set(excluded.loc[excluded.number == "20209", "by"].str[:5]) == {"date:"}


def _rows(**cols):
    return pd.DataFrame(cols)


def test_a_missing_row_is_reported():
    text = "1.指标。全市申报1689家,占全省31.55%。2021年完成。"
    ind = _rows(indicator=["a"], value=[1689.0], quote=["全市申报1689家"])
    exc = _rows(context=[], reason=[])
    result = scan(text, ind, exc)
    assert result.set_index("number")["status"].to_dict() == {
        "1": "excluded", "1689": "covered", "31.55": "uncovered", "2021": "excluded"}


def test_a_quote_covers_only_its_own_value():
    text = "申报1689家,报备455家。"
    ind = _rows(indicator=["a"], value=[1689.0], quote=["申报1689家,报备455家"])
    result = scan(text, ind, _rows(context=[], reason=[]))
    assert result.set_index("number")["status"].to_dict() == {"1689": "covered", "455": "uncovered"}


def test_negative_values_cover_their_printed_number():
    text = "新报备数减少458家。"
    ind = _rows(indicator=["a"], value=[-458.0], quote=["减少458家"])
    assert scan(text, ind, _rows(context=[], reason=[])).status.tolist() == ["covered"]


def test_cli_exit_code_is_zero_on_full_coverage(capsys):
    assert main([]) == 0
    assert "0 uncovered" in capsys.readouterr().out
