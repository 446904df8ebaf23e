"""Hostile strings through the names core: a score, a reason and forms — never a deep exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from letapis.names import InvalidName, NameIndex, all_forms, detect_script, name_keys, score, to_lacinka, why
from tests.hostile import HOSTILE, hostile_text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=hostile_text(), b=hostile_text())
def test_score_and_why_take_any_hostile_pair(a: str, b: str) -> None:
    value = score(a, b)
    assert 0.0 <= value <= 1.0
    assert str(why(a, b)) != ""
    assert score(b, a) == value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text())
def test_forms_keys_and_scripts_of_a_hostile_string(text: str) -> None:
    forms = all_forms(text)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in forms.items())
    assert isinstance(to_lacinka(text), str)
    assert all(isinstance(key, str) for key in name_keys(text))
    assert isinstance(detect_script(text), str)


def test_the_index_refuses_what_is_not_a_name_with_its_own_error_and_takes_the_rest() -> None:
    index = NameIndex()
    added = set()
    for i, text in enumerate(HOSTILE):
        try:
            index.add(i, text)
        except InvalidName as exc:
            assert str(exc) != "" and "\n" not in str(exc)
        else:
            added.add(text)
    assert {HOSTILE[5], HOSTILE[7]} <= added  # names with a direction override, with zero-width characters
    assert "a" * 10_000 not in added
    for text in HOSTILE:
        assert isinstance(index.search(text), list)
