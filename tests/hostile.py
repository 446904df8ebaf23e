"""Hostile strings for property tests: markup, quotes, direction overrides, zero-width and
combining characters, formulas, control characters, very long fields and unusual Unicode.

``hostile_text()`` draws from the hand-written list, from arbitrary Unicode text (no NUL, no lone
surrogates: the services refuse those with a clear message, see ``test_storage_refusals``), and
from mixtures of both.
"""

from __future__ import annotations

from hypothesis import strategies as st

SCRIPT = "<script>alert('x')</script>"

HOSTILE = [
    SCRIPT,
    "\"'><img src=x onerror=alert(1)>",
    "</textarea></title><svg onload=alert(1)>",
    "{{ 7*7 }} {% debug %} ${7*7}",
    "Robert'); DROP TABLE registry_person;--",
    "Aleś \u202eikcalaiB\u202c",  # right-to-left override
    "\u2067Бяляцкі\u2069 \u200fאבג\u200e",  # isolates, marks, Hebrew
    "Al\u200bes\u200c \u200dBia\u2060lacki\ufeff",  # zero-width characters
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    " \u200b=1+1",
    "\uff1d1+1",  # full-width equals
    "Z\u0334\u0322a\u0337l\u0336g\u0338o\u0301\u0301\u0301",  # stacked combining marks
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 👨\u200d👩\u200d👧 🇧🇾",  # astral planes, ZWJ sequences, flags
    "Ｆｕｌｌｗｉｄｔｈ ﷽ ꧁꧂",
    "bell\x07 escape\x1b[31m red",  # control characters
    "line\nbreak\r\nand\u2028separator",
    "\\'\\\"\\\\ back\\slashes",
    "&amp; &lt; &#x3C; %3Cscript%3E",
    "a" * 10_000,
    ("Алесь Бяляцкі " * 800)[:10_000],
]


def _no_nul_or_surrogate() -> st.SearchStrategy[str]:
    return st.characters(exclude_categories=("Cs",), exclude_characters="\x00")


def hostile_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """One hostile string (never NUL or a lone surrogate)."""
    free = st.text(_no_nul_or_surrogate(), max_size=max_size)
    mixed = st.lists(st.one_of(st.sampled_from(HOSTILE[:-2]), free), min_size=1, max_size=3).map("".join)
    return st.one_of(st.sampled_from(HOSTILE), free, mixed)


def short_hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """A hostile string that fits where a name fits (``max_size`` characters, something visible)."""
    return hostile_text(max_size).map(lambda t: t[:max_size]).filter(lambda t: t.strip() != "")
