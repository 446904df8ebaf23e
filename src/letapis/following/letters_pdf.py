"""The letter sheet as PDF, with fpdf2 and DejaVu Sans as :mod:`letapis.pdfdoc` sets it
(Cyrillic prints and extracts as text): one block per person — the name in Russian Cyrillic to
write on the envelope, the postal address, and for the team the rules of writing there."""

from __future__ import annotations

from datetime import date
from typing import Any

from letapis.following.places import Letter
from letapis.pdfdoc import FONT, new_document

#: the sheet's words in the page languages (the PDF is made outside a template)
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Letter sheet",
        "on": "Held on {day}",
        "address": "Postal address",
        "rules": "Letter rules (the team's note, not for publication)",
        "derived": "not stored in Russian: check the spelling before sending",
        "not_held": "Not held on this day: no letter to a place of detention.",
        "no_place": "Held, but no place of detention is known.",
        "no_address": "The place's postal address is not known yet.",
        "empty": "No person chosen.",
    },
    "be": {
        "title": "Аркуш для лістоў",
        "on": "Утрымліваюцца на {day}",
        "address": "Паштовы адрас",
        "rules": "Правілы перапіскі (нататка каманды, не для публікацыі)",
        "derived": "не захавана па-расейску: праверце напісанне перад адпраўкай",
        "not_held": "У гэты дзень не ўтрымліваецца: ліст у месца зняволення не пісаць.",
        "no_place": "Утрымліваецца, але месца зняволення невядомае.",
        "no_address": "Паштовы адрас месца пакуль невядомы.",
        "empty": "Ніхто не абраны.",
    },
    "ru": {
        "title": "Лист для писем",
        "on": "Содержатся на {day}",
        "address": "Почтовый адрес",
        "rules": "Правила переписки (заметка команды, не для публикации)",
        "derived": "не сохранено по-русски: проверьте написание перед отправкой",
        "not_held": "В этот день не содержится: письмо в место заключения не писать.",
        "no_place": "Содержится, но место заключения неизвестно.",
        "no_address": "Почтовый адрес места пока неизвестен.",
        "empty": "Никто не выбран.",
    },
}


def sheet_pdf(sheet: list[Letter], day: date, lang: str, *, team: bool) -> bytes:
    """The letter sheet as PDF bytes; the letter rules only when ``team``."""
    w = WORDS.get(lang, WORDS["en"])
    pdf: Any = new_document(w["title"], lang)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 8, w["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, w["on"].format(day=day.isoformat()), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if not sheet:
        pdf.multi_cell(0, 5, w["empty"], new_x="LMARGIN", new_y="NEXT")
    for letter in sheet:
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.set_draw_color(180, 180, 180)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)
        pdf.set_font(FONT, "B", 13)
        pdf.multi_cell(0, 6.5, letter.name_ru, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 8)
        other = letter.name if letter.name != letter.name_ru else ""
        note = " · ".join(x for x in (other, w["derived"] if letter.name_ru_derived else "") if x)
        if note:
            pdf.multi_cell(0, 4, note, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        if not letter.held:
            pdf.multi_cell(0, 5, w["not_held"], new_x="LMARGIN", new_y="NEXT")
        elif letter.place_id is None:
            pdf.multi_cell(0, 5, w["no_place"], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(FONT, "B", 9)
            pdf.multi_cell(0, 5, f"{w['address']} — {letter.place_name}", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "", 11)
            pdf.multi_cell(0, 5.5, letter.postal_address or w["no_address"], new_x="LMARGIN", new_y="NEXT")
            if team and letter.letter_rules:
                pdf.ln(1)
                pdf.set_font(FONT, "B", 8)
                pdf.multi_cell(0, 4, w["rules"], new_x="LMARGIN", new_y="NEXT")
                pdf.set_font(FONT, "", 8)
                pdf.multi_cell(0, 4, letter.letter_rules, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
