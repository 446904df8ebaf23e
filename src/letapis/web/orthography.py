"""Which Belarusian the interface speaks: the standard orthography (narkamaŭka), and how to tell.

Django's own Belarusian catalogue is written in the classical orthography (taraškievica:
"Увайсьці", "Зьмяніць", "Анґельская"), the project's in the standard one. ``CLASSICAL`` finds the
markers of the classical spelling in a text; ``to_standard`` rewrites them. ``bin/django-be-standard``
uses it to write ``web/locale_django``: Django's strings in the standard orthography, which the
project's catalogue (``web/locale``) comes before and which comes before Django's own (settings'
``LOCALE_PATHS``). The test ``tests/web/test_orthography.py`` holds the catalogue and the pages to it.

The markers are unambiguous ones: ґ; a soft sign marking assimilated softness before a consonant
(зьв, сьв, сьл, сьц, дзьв, ньн …) except in the particle -сьці (хтосьці, калісьці), which the
standard orthography writes too; the negation "ня" (standard "не"); classical loan spellings.
"""

from __future__ import annotations

import re

_PARTICLE = r"(?<!хто)(?<!што)(?<!дзе)(?<!калі)(?<!які)(?<!якая)(?<!якое)(?<!чый)(?<!куды)(?<!як)"
CLASSICAL = re.compile(
    rf"ґ|{_PARTICLE}(?:зь[вмнлз]|сь[внлпцс])|ць[вм]|дзь[вмнл]|ньн|льл|\bня\b|\b(?:сэанс\w*|бачын\w*|гішпан\w*|каталёг\w*)",
    re.IGNORECASE,
)

#: Whole words the rules below cannot rewrite (loan words spelt otherwise in the standard).
WORDS = {
    "Анґельская": "Англійская",
    "Ляґічнае": "Лагічнае",
    "каталёґа": "каталога",
    "Гішпанская": "Іспанская",
    "Партуґальская": "Партугальская",
    "Манґольская": "Мангольская",
    "Ґальская": "Галісійская",
    "Бэнґальская": "Бенгальская",
    "Тэлуґу": "Тэлугу",
    "Нікараґуа": "Нікарагуа",
    "Арґентына": "Аргенціна",
    "Ісьляндзкая": "Ісландская",
    "Басьнійская": "Баснійская",
    "Джэнґаю": "Django",
    "Джэнґа": "Django",
    "бачыну": "старонку",
    "бачына": "старонка",
    "бачыны": "старонкі",
    "бачыне": "старонцы",
    "бачынах": "старонках",
    "бачынаў": "старонак",
    "сэансу": "сеансу",
    "сэанс": "сеанс",
    "сэансы": "сеансы",
    "сэансаў": "сеансаў",
    "Гішпанія": "Іспанія",
    "альґарытм": "алгарытм",
}

_SOFT = re.compile(rf"{_PARTICLE}(з|с|ц|дз|н|л)ь(?=[бвгджзклмнпрстфхцчшў])", re.IGNORECASE)


def is_classical(text: str) -> bool:
    return CLASSICAL.search(text) is not None


def to_standard(text: str) -> str:
    """``text`` with the classical markers rewritten to the standard orthography (best effort)."""
    for classical, standard in WORDS.items():
        text = re.sub(rf"\b{classical}\b", standard, text)
        text = re.sub(rf"\b{classical.capitalize()}\b", standard.capitalize(), text)

    def soft(match: re.Match[str]) -> str:
        letters, follows = match.group(1), text[match.end() : match.end() + 1].lower()
        if letters.lower() == "л" and follows != "л":  # сальны, толькі: the standard writes ь
            return match.group(0)
        if letters.lower() in ("ц", "н") and follows not in "вмн":  # бацька, восеньскі
            return match.group(0)
        if letters.lower() == "з" and follows not in "вмнлз":  # Кузьма is the only other
            return match.group(0)
        if letters.lower() == "с" and follows not in "внлпцс":  # пісьмо, восьмы
            return match.group(0)
        if letters.lower() == "дз" and follows not in "вмнл":  # наладзьце
            return match.group(0)
        return letters

    text = _SOFT.sub(soft, text)
    text = text.replace("ґ", "г").replace("Ґ", "Г")
    text = re.sub(r"\bня\b", "не", text)
    return re.sub(r"\bНя\b", "Не", text)
