"""The edit form of each kind of claim: labelled inputs, values that go through the form and come
back unchanged, fields added and cleared, mistakes said in words."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from letapis.web.review.claim_forms import FORMS, claim_form, date_words, value_rows

pytestmark = pytest.mark.django_db

#: A value of each kind with every field filled, as the extractor or a reviewer stores it.
VALUES: dict[str, dict[str, Any]] = {
    "person": {
        "name": "Алесь Бяляцкі",
        "name_latin": "Aleś Bialacki",
        "names": ["Ales Bialiatski", "Алесь Беляцкий"],
        "status": "held",
        "candidate": None,
    },
    "occupation": {"person_name": "Бяляцкі", "person_claim": 7, "occupation": "writer", "label": "пісьменнік"},
    "membership": {"person_name": "Бяляцкі", "organisation": "PEN Belarus", "role": "member"},
    "honour": {"person_name": "Бяляцкі", "honour": "nobel_peace_prize", "text": "Нобелеўская прэмія міру"},
    "status": {"person_name": "Бяляцкі", "status": "released", "date": "2025-12-13"},
    "event": {
        "type": "release",
        "date": "[..2025-12-13]",
        "place": "Minsk",
        "count": 123,
        "foreign_nationals": 13,
        "destinations": ["UA", "LT", "XK"],
        "forced_exile": True,
        "persons": ["Алесь Бяляцкі", "Марыя Калеснікава"],
        "term_months": 42,
        "article": "342",
        "regime": "general_regime_colony",
    },
    "criminal_case": {
        "person_name": "Бяляцкі",
        "articles": ["342", "361-1", "999", "342 part 2"],
        "case_number": "1-17/2023",
        "court": "Minsk City Court",
        "judge": "Some Judge",
        "term_months": 120,
        "regime": "reinforced_regime_colony",
        "date": "2023-03-03",
        "appeal_date": "2023-06~",
    },
}


class _Browser(HTMLParser):
    """What a browser sends for a form as rendered: each input's value, a ticked checkbox's,
    a select's chosen option (the first when none is), a textarea's text."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and "name" in a:
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(a["name"], []).append(a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select":
            self.select, self.options = a["name"], []
        elif tag == "option" and self.select is not None:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.data[a["name"]] = [""]

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.data[self.textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            chosen = [v for v, on in self.options if on] or [self.options[0][0]]
            self.data[self.select] = chosen
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data[self.textarea][0] = self.data[self.textarea][0].removeprefix("\n")
            self.textarea = None


def rendered(form: Any) -> str:
    return render_to_string("web/forms/_fields.html", {"form": form})


def sent(form: Any, **changes: Any) -> Any:
    """The form as a browser sends it back, with ``changes`` (input name without ``value.``)."""
    from django.http import QueryDict

    browser = _Browser()
    browser.feed(rendered(form))
    data = QueryDict(mutable=True)
    for name, values in browser.data.items():
        data.setlist(name, values)
    for name, value in changes.items():
        key = f"value.{name}"
        if value is None:
            data.pop(key, None)
        else:
            data.setlist(key, value if isinstance(value, list) else [str(value)])
    return data


def _labels(html: str) -> list[str]:
    class Labels(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.depth, self.found = 0, [""]

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("label", "legend"):
                self.depth += 1
                self.found.append("")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("label", "legend"):
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.found[-1] += data

    parser = Labels()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.found if text.strip()]


# ---------------------------------------------------------------------------------------------
# Rendering


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_it_renders_every_field_of_a_kind_with_a_label_in_words(kind: str, viewer: Any) -> None:
    form = claim_form(kind, VALUES[kind], viewer)
    html = rendered(form)
    labels = _labels(html)
    for name in FORMS[kind].base_fields:
        assert str(form.fields[name].label) in labels, name
        assert f'name="value.{name}' in html
    assert not any("_" in label for label in labels), labels  # no raw key as a label
    assert '["' not in html and "true" not in html  # no JSON
    assert 'type="date"' not in html  # no browser date picker beside a hint of another format


def test_the_event_form_has_selects_checkboxes_and_suggestions(viewer: Any) -> None:
    html = rendered(claim_form("event", VALUES["event"], viewer))
    assert '<select name="value.type"' in html and '<option value="release" selected>' in html
    assert 'name="value.forced_exile"' in html and "checked" in html
    assert 'name="value.date_q"' in html and '<option value="before" selected>' in html
    assert 'name="value.date_year"' in html and 'value="2025"' in html
    # the countries by their names, ticked; an unknown code typed
    assert "Lithuania" in html and 'value="LT"' in html and 'name="value.destinations_other"' in html
    assert 'value="XK"' in html
    # the term in years and months
    assert 'name="value.term_months_years" value="3"' in html.replace("\n", " ") or 'value="3"' in html
    assert 'list="id_value.place-suggestions"' in html and "<datalist" in html


def test_labels_are_translated(viewer: Any) -> None:
    with translation.override("be"):
        be = _labels(rendered(claim_form("event", VALUES["event"], viewer)))
    with translation.override("ru"):
        ru = _labels(rendered(claim_form("event", VALUES["event"], viewer)))
    with translation.override("en"):
        en = _labels(rendered(claim_form("event", VALUES["event"], viewer)))
    assert "Number of persons" in en and "Number of persons" not in be and "Number of persons" not in ru
    assert be != ru


# ---------------------------------------------------------------------------------------------
# Round trip, adding and clearing


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_a_value_sent_back_unchanged_changes_nothing(kind: str, viewer: Any) -> None:
    form = claim_form(kind, VALUES[kind], viewer)
    back = claim_form(kind, VALUES[kind], viewer, sent(form))
    assert back.is_valid(), back.errors
    assert back.edits() == {}
    for name in FORMS[kind].base_fields:
        if name in ("destinations", "articles"):  # ticked in the list's order, typed ones after
            assert sorted(back.cleaned_data[name]) == sorted(VALUES[kind][name])
        elif name in VALUES[kind]:
            assert back.cleaned_data[name] == VALUES[kind][name], name


def test_an_empty_value_gets_the_fields_the_extractor_left_out(viewer: Any) -> None:
    value = {"type": "detention", "persons": ["Алесь Бяляцкі"]}
    form = claim_form("event", value, viewer)
    back = claim_form(
        "event",
        value,
        viewer,
        sent(form, date_year=2021, date_month=7, date_day=14, place="Minsk", term_months_years=3),
    )
    assert back.is_valid(), back.errors
    assert back.edits() == {"date": "2021-07-14", "place": "Minsk", "term_months": 36}


def test_a_field_is_cleared(viewer: Any) -> None:
    value = VALUES["event"]
    form = claim_form("event", value, viewer)
    back = claim_form(
        "event",
        value,
        viewer,
        sent(
            form, date_q="", date_year="", date_month="", date_day="", count="", foreign_nationals="", forced_exile=None
        ),
    )
    assert back.is_valid(), back.errors
    assert back.edits() == {"date": None, "count": None, "foreign_nationals": None, "forced_exile": False}


def test_lists_and_codes_are_edited_as_names_and_lines(viewer: Any) -> None:
    value = VALUES["event"]
    form = claim_form("event", value, viewer)
    back = claim_form(
        "event",
        value,
        viewer,
        sent(form, destinations_known=["PL"], destinations_other="ge", persons="Марыя Калеснікава\n\n"),
    )
    assert back.is_valid(), back.errors
    assert back.edits() == {"destinations": ["PL", "GE"], "persons": ["Марыя Калеснікава"]}


@pytest.mark.parametrize(
    ("inputs", "text"),
    [
        ({"q": "", "year": 2021}, "2021"),
        ({"q": "about", "year": 2021, "month": 11}, "2021-11~"),
        ({"q": "perhaps", "year": 2021}, "2021?"),
        ({"q": "before", "year": 2025, "month": 12, "day": 12}, "[..2025-12-12]"),
        ({"q": "after", "year": 2025, "month": 12}, "[2025-12..]"),
        ({"q": "between", "year": 2021, "month": 11, "to_year": 2022, "to_month": 2}, "2021-11/2022-02"),
    ],
)
def test_a_partial_date_is_written_from_its_inputs(viewer: Any, inputs: dict[str, Any], text: str) -> None:
    form = claim_form("event", {"type": "detention"}, viewer)
    back = claim_form("event", {"type": "detention"}, viewer, sent(form, **{f"date_{k}": v for k, v in inputs.items()}))
    assert back.is_valid(), back.errors
    assert back.edits() == {"date": text}
    again = claim_form("event", {"type": "detention", "date": text}, viewer)
    assert claim_form("event", {"type": "detention", "date": text}, viewer, sent(again)).edits() == {}


# ---------------------------------------------------------------------------------------------
# Mistakes, in words


@pytest.mark.parametrize(
    ("kind", "changes", "words"),
    [
        ("event", {"date_year": 2023, "date_month": 2, "date_day": 31}, "Date: February 2023 has no day 31."),
        ("event", {"date_year": "", "date_month": 2, "date_day": ""}, "Date: Give the year as well."),
        (
            "event",
            {"date_year": 2023, "date_month": "", "date_day": 3},
            "Date: A day needs its month: choose the month.",
        ),
        ("event", {"date_year": 23}, "Date: Give the year in four digits, e.g. 2021."),
        (
            "event",
            {"date_q": "between", "date_year": 2023, "date_to_year": 2021},
            "Date: The range ends before it starts.",
        ),
        ("event", {"date_q": "between", "date_year": 2023}, "Date: Give the end of the range, at least its year."),
        (
            "event",
            {"count": 5, "foreign_nationals": 13},
            "Of them foreign nationals: The foreign nationals are part of the number of persons",
        ),
        ("event", {"count": -1}, "Number of persons: A number of persons: a whole number, 0 or more."),
        ("event", {"type": ""}, "Event type: Choose one from the list."),
        ("event", {"destinations_other": "Lithuania"}, "Sent to (countries): LITHUANIA is not a country code"),
        ("event", {"term_months_years": 200}, "Term: Years: a number from 0 to 100."),
        (
            "status",
            {"date_q": "about", "date_year": 2025},
            "Date: A status is on one day: give the year, the month and the day, with no qualifier.",
        ),
        ("person", {"name": ""}, "Name as written: A person claim needs the name as the source writes it."),
        ("criminal_case", {"articles_other": "three"}, "three is not an article number"),
    ],
)
def test_a_mistake_is_said_in_words(viewer: Any, kind: str, changes: dict[str, Any], words: str) -> None:
    form = claim_form(kind, VALUES[kind], viewer)
    back = claim_form(kind, VALUES[kind], viewer, sent(form, **changes))
    assert not back.is_valid()
    assert any(words in line for line in back.errors_in_words()), back.errors_in_words()


# ---------------------------------------------------------------------------------------------
# The value in words


def test_a_value_is_shown_in_words(viewer: Any) -> None:
    rows = dict(value_rows("event", VALUES["event"]))
    assert rows["Event type"] == "release"
    assert rows["Date"] == "on or before 13 December 2025"
    assert rows["Sent to (countries)"] == "Ukraine, Lithuania, XK"
    assert rows["Forced into exile"] == "yes"
    assert rows["Term"] == "3 years 6 months"
    assert "foreign_nationals" not in str(rows) and "[" not in str(rows)
    with translation.override("be"):
        be = dict(value_rows("event", VALUES["event"]))
    assert "Украіна" in " ".join(be.values())


def test_dates_in_words() -> None:
    assert date_words("2021-11~") == "about November 2021"
    assert date_words("2021-11/2022") == "between November 2021 — 2022"
    assert date_words("[2025-12..]") == "on or after December 2025"
    assert date_words("next week") == "next week"


def test_a_case_of_an_older_value_reads_its_term_and_writes_it_under_todays_key(viewer: Any) -> None:
    value = {"articles": ["342"], "months": 36, "date": "2023-03-03"}
    form = claim_form("criminal_case", value, viewer)
    html = rendered(form)
    assert 'name="value.term_months_years"' in html and 'name="value.months"' not in html
    assert claim_form("criminal_case", value, viewer, sent(form)).edits() == {}
    back = claim_form("criminal_case", value, viewer, sent(form, term_months_years=4))
    assert back.is_valid(), back.errors
    assert back.edits() == {"term_months": 48, "months": None}


def test_places_and_courts_are_suggested_from_what_the_user_may_see(viewer: Any, confidant: Any) -> None:
    from letapis.registry.services import do_create_organisation, do_create_place

    do_create_place(None, "Penal colony No. 2", kind="penal_colony", confidentiality="internal")
    do_create_place(None, "A hidden safe house", kind="city", confidentiality="confidential")
    do_create_organisation(None, "Minsk City Court", kind="court", confidentiality="internal")
    do_create_organisation(None, "A hidden court", kind="court", confidentiality="confidential")
    do_create_organisation(None, "PEN Belarus", kind="pen_centre", confidentiality="internal")
    seen = rendered(claim_form("event", VALUES["event"], viewer))
    assert '<option value="Penal colony No. 2">' in seen and "A hidden safe house" not in seen
    cases = rendered(claim_form("criminal_case", VALUES["criminal_case"], viewer))
    assert '<option value="Minsk City Court">' in cases and "A hidden court" not in cases
    assert '<option value="PEN Belarus">' not in cases  # courts only
    granted = rendered(claim_form("event", VALUES["event"], confidant))
    assert '<option value="A hidden safe house">' in granted
