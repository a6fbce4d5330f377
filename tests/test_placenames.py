"""Short place names typed in the box (province:浙江, county:平湖, township:新埭) find what the
full division names find, and show as the full names."""

from __future__ import annotations

import pytest

from archive.placenames import resolve


@pytest.mark.parametrize(
    "short,full,field",
    [
        ("province:浙江", "province:浙江省", "province"),
        ("county:平湖", "county:平湖市", "county"),
        ("township:新埭", "township:新埭镇", "township"),
    ],
)
def test_short_names_find_what_full_names_find(archive, short, full, field):
    a = archive.search(f"发展 {short}", limit=5)
    b = archive.search(f"发展 {full}", limit=5)
    assert a["total"] == b["total"] > 0
    assert a["filters"][field] == [full.split(":")[1]]


def test_a_stored_value_and_an_unknown_value_stay_as_typed(archive):
    cols = archive.columns()
    assert resolve({"township": ["新埭镇", "不存在"]}, cols) == {"township": ["新埭镇", "不存在"]}
    assert resolve({"speaker": ["金一"]}, cols) == {"speaker": ["金一"]}
