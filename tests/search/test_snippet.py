"""Snippets (Django-free): the densest stretch of hits, marked and escaped as a whole."""

from __future__ import annotations

import html
import re

from letapis.search.text import parse, snippet


def test_the_stretch_with_the_most_hits_is_shown() -> None:
    filler = " ".join(f"word{i}" for i in range(200))
    text = f"Nobel at the start. {filler} Nobel and Nobel and Nobel close together. {filler}"
    cut = snippet(text, parse("Nobel"))
    assert cut.count("<mark>Nobel</mark>") == 3 and cut.startswith("…") and cut.endswith("…")


def test_the_text_around_the_marks_is_the_texts_own_escaped() -> None:
    text = 'a <b> & "c" Nobel\'s <i>prize</i> & Нобелеўскай, done.'
    cut = snippet(text, parse("Nobel"))
    assert cut == html.escape(text).replace("Nobel", "<mark>Nobel</mark>", 1).replace(
        "Нобелеўскай", "<mark>Нобелеўскай</mark>"
    )
    assert re.sub(r"</?mark>", "", cut) == html.escape(text)


def test_a_page_of_snippets_shares_what_it_learnt_of_each_word() -> None:
    seen: dict[str, bool] = {}
    query = parse("Bialacki")
    first = snippet("Бяляцкі пісаў ліст", query, seen=seen)
    assert seen == {"Бяляцкі": True, "пісаў": False, "ліст": False}
    assert snippet("ліст Бяляцкага", query, seen=seen) == "ліст <mark>Бяляцкага</mark>"
    assert first == "<mark>Бяляцкі</mark> пісаў ліст"
