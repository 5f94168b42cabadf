from datetime import date

import pytest

from generator.model import DateSpan, slugify, stable_id


def test_labels_say_how_precise_a_date_is():
    assert DateSpan(date(2020, 3, 1), date(2020, 3, 1), "day").label() == "1 March 2020"
    assert DateSpan(date(2020, 3, 5), date(2020, 3, 6), "either").label() == "5 or 6 March 2020"
    assert DateSpan(date(2020, 3, 1), date(2020, 3, 31), "month").label() == "March 2020"
    assert DateSpan(date(2018, 1, 1), date(2018, 12, 31), "year").label() == "2018"
    assert "24 February 2020" in DateSpan(date(2020, 2, 24), date(2020, 3, 1), "week").label()


def test_interval_must_not_end_before_it_starts():
    with pytest.raises(ValueError):
        DateSpan(date(2020, 3, 2), date(2020, 3, 1), "range")
    with pytest.raises(ValueError):
        DateSpan(date(2020, 3, 1), date(2020, 3, 1), "fortnightish")


def test_stable_id_depends_only_on_identity():
    a = stable_id("Drone strikes kill 19", "articles/a.txt", "sentence one")
    assert a == stable_id("Drone strikes kill 19", "articles/a.txt", "sentence one")
    assert a != stable_id("Drone strikes kill 19", "articles/b.txt", "sentence one")
    assert a.startswith("drone-strikes-kill-19-")


def test_slugify_is_ascii_and_safe():
    assert slugify("Ma'arrat al-Nu’man <script>") == "ma-arrat-al-numan-script"
    assert slugify("../../etc/passwd") == "etc-passwd"
