"""The application's shell (issue 17): one Belarusian orthography, error pages in the app's style
and language, one pager that never contradicts the table."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django.utils.translation import trans_real

from letapis.registry import services as s
from letapis.web.orthography import is_classical, to_standard
from tests.conftest import REPO
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db

CLASSICAL_SENTINELS = ("Увайсьці", "Прасеяць", "Анґельская", "Зьмяніць")


def test_the_markers_of_the_classical_orthography() -> None:
    for word in ("Увайсьці", "Зьмянілі", "сьнежня", "Анґельская", "значэньне", "Вы ня маеце", "Чацьвер"):
        assert is_classical(word), word
        assert not is_classical(to_standard(word)), to_standard(word)
    for word in ("Увайсці", "пісьмо", "хтосьці", "наладзьце", "толькі", "бацька", "восеньскі", "Адфільтраваць"):
        assert not is_classical(word), word
        assert to_standard(word) == word


def test_every_belarusian_string_the_interface_can_show_is_standard() -> None:
    """The merged catalogue (the project's, Django's rewritten, Django's own) as gettext answers."""
    catalogue = trans_real.translation("be")
    classical = []
    for key, _value in catalogue._catalog.items():
        text = catalogue.ngettext(key[0], key[0], key[1] + 1) if isinstance(key, tuple) else catalogue.gettext(key)
        if is_classical(text):
            classical.append((key, text))
    assert classical == []
    po = (REPO / "src/letapis/web/locale/be/LC_MESSAGES/django.po").read_text()
    assert [line for line in po.splitlines() if line.startswith("msgstr") and is_classical(line)] == []


def test_the_strings_the_issue_names() -> None:
    with translation.override("be"):
        said = [translation.gettext(t) for t in ("Log in", "Filter", "English", "Change", "Today")]
    assert said == ["Увайсці", "Адфільтраваць", "Англійская", "Змена", "Сёння"]
    with translation.override("ru"):
        assert [translation.gettext(t) for t in ("Change", "Filter")] == ["Изменение", "Отфильтровать"]


def _visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S))


def test_pages_in_belarusian_carry_no_classical_marker(admin_user: Any) -> None:
    client = logged_in(admin_user)
    client.cookies["django_language"] = "be"
    for url in ("/", "/persons/", "/events/", "/login/", "/admin/", "/admin/accounts/user/", "/nowhere/"):
        text = _visible_text(client.get(url, follow=True).content.decode())
        found = [w for w in re.findall(r"\w+", text) if is_classical(w)]
        assert found == [], (url, found)
        assert not any(sentinel in text for sentinel in CLASSICAL_SENTINELS), url


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Page not found"), ("be", "Старонка не знойдзена"), ("ru", "Страница не найдена")]
)
def test_a_404_is_the_apps_page_in_the_chosen_language(lang: str, heading: str) -> None:
    client = Client()
    client.cookies["django_language"] = lang
    answer = client.get("/persons/999999/")
    assert answer.status_code == 404
    page = answer.content.decode()
    assert f"<h1>{heading}</h1>" in page and 'data-testid="error-page"' in page
    assert 'class="top"' in page and 'id="lang-select"' in page  # the header, menu and switch


def test_a_403_is_the_apps_page(viewer: Any) -> None:
    from django.core.exceptions import PermissionDenied
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/somewhere/")
    request.user = viewer
    with translation.override("be"):
        page = permission_denied(request, PermissionDenied()).content.decode()
    assert "<h1>Не дазволена</h1>" in page and 'class="top"' in page


def test_a_400_is_the_apps_page(viewer: Any) -> None:
    from django.views.defaults import bad_request

    request = RequestFactory().get("/somewhere/")
    request.user = viewer
    with translation.override("ru"):
        page = bad_request(request, ValueError()).content.decode()
    assert "<h1>Неверный запрос</h1>" in page


@override_settings(DEBUG=False)
def test_the_500_page_needs_no_database_and_no_user(django_assert_num_queries: Any) -> None:
    from letapis.web.errors import server_error

    request = RequestFactory().get("/")  # no .user, no session
    with translation.override("be"), django_assert_num_queries(0):
        answer = server_error(request)
    page = answer.content.decode()
    assert answer.status_code == 500 and "<h1>Памылка сервера</h1>" in page and 'lang="be"' in page


def test_a_page_past_the_end_goes_to_the_last_page(viewer: Any) -> None:
    for i in range(3):
        s.do_create_person(None, names=[s.NameInput(f"Person {i}", "lacinka", True)], confidentiality="public")
    client = logged_in(viewer)
    answer = client.get("/persons/?page=999&sort=name")
    assert answer.status_code == 302 and answer["Location"] == "/persons/?sort=name"
    page = client.get(answer["Location"]).content.decode()
    assert "1–3 of 3" in page and "No person matches" not in page
    for url in ("/events/?page=999", "/organisations/?page=999"):
        assert client.get(url).status_code == 302


def test_the_persons_filters_fold_away(viewer: Any) -> None:
    client = logged_in(viewer)
    folded = client.get("/persons/").content.decode()
    assert '<details class="more" data-open-wide>' in folded and 'id="f-q"' in folded
    opened = client.get("/persons/?status=held&occupation=writer").content.decode()
    assert '<details class="more" data-open-wide open>' in opened and "Filters (2)" in opened


def test_persons_sort_by_the_alphabet(viewer: Any) -> None:
    """і sorts between и and й, not after я, in the persons list and its JSON twin (a stored key)."""
    for name in ("Янка Брыль", "Ігар Лобан", "Алесь Бяляцкі", "Ўладзь Ліпскі"):
        s.do_create_person(None, names=[s.NameInput(name, "native", True)], confidentiality="public")
    client = logged_in(viewer)
    rows = client.get("/persons/?sort=name").context["rows"]
    assert [r["name"] for r in rows] == ["Алесь Бяляцкі", "Ігар Лобан", "Ўладзь Ліпскі", "Янка Брыль"]
    rows = client.get("/persons/?sort=-name").context["rows"]
    assert rows[0]["name"] == "Янка Брыль"


def test_option_lists_sort_by_the_alphabet() -> None:
    from letapis.web import common

    with translation.override("be"):
        labels = [label for _code, label in common.options("occupations")]
    firsts = [label[0].lower() for label in labels]
    assert firsts == sorted(firsts, key=lambda c: "абвгдеёжзійклмнопрстуўфхцчшыьэюя".find(c))


def test_a_form_without_its_token_answers_with_the_apps_page() -> None:
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "be"
    answer = client.post("/login/", {"username": "x", "password": "y"})
    assert answer.status_code == 403
    page = answer.content.decode()
    assert "<h1>Тэрмін формы скончыўся</h1>" in page and 'class="top"' in page
