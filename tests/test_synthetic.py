"""helpers.build.synthetic (issue 19 part 4): a made-up panel is a valid data set in a temporary
folder, with the real city's selections repeated under made-up city ids; data/ is not touched."""
from __future__ import annotations

from helpers.build import report, synthetic
from helpers.build.cache import tree_hashes
from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR


def test_a_synthetic_panel_validates_and_multiplies_the_selections(tmp_path):
    before = tree_hashes(DATA_DIR, "data")
    panel = synthetic.make_panel(DATA_DIR, tmp_path, 2)
    assert tree_hashes(DATA_DIR, "data") == before
    assert panel.parent == tmp_path
    real = report.city_selections(DATA_DIR)
    years = [y for c, y in real if c == synthetic.TEMPLATE]
    made_up = synthetic.city_ids(2)
    assert report.city_selections(panel) == sorted(real + [(c, y) for c in made_up for y in years])
    ds = load_dataset(panel)  # every copied row checks: quotes, sources, regions, relations
    for city in made_up:
        assert set(ds.indicators[ds.indicators["region"] == city]["value"]) == \
            set(ds.indicators[ds.indicators["region"] == synthetic.TEMPLATE]["value"])
    report.check_data([report.Config(c, y, ["en"], 1, data_dir=panel) for c, y in
                       report.city_selections(panel)], ds)  # every number of every copy covered


def test_city_ids_are_region_ids():
    ids = synthetic.city_ids(30)
    assert len(set(ids)) == 30 and all(i.isalpha() and i.islower() for i in ids)
