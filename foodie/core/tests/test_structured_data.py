from datetime import timedelta

import pytest

from foodie.core.structured_data import iso_duration


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        (0, "PT0M"),
        (45, "PT45M"),
        (60, "PT1H"),
        (90, "PT1H30M"),
        (timedelta(minutes=4, seconds=30), "PT4M30S"),
        (timedelta(seconds=30), "PT30S"),
        (timedelta(hours=1, seconds=5), "PT1H5S"),
        (timedelta(0), "PT0M"),
    ],
)
def test_iso_duration_from_minutes_or_a_timedelta(duration, expected):
    assert iso_duration(duration) == expected
