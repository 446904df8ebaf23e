"""Given-name families: Аляксандр, Александр, Aleksander, Alexander, Алесь and Саша are one name.

The families live in ``given_names.yaml`` (Belarusian, Russian, Ukrainian, Polish, Lithuanian and
English forms and diminutives). When loaded, every form and every romanisation of its Cyrillic
forms is reduced to its fine key (:func:`letapis.names.keys.part_keys`), so any spelling that
reduces to the same key finds the family.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from letapis.names.keys import part_keys
from letapis.names.scripts import detect_script
from letapis.names.translit import be_to_lacinka, be_to_national, be_to_passport, ru_to_latin

__all__ = ["Family", "families", "given_name_families", "given_name_family"]

_LANGS = ("be", "ru", "uk", "pl", "lt", "en", "dim")


@dataclass(frozen=True)
class Family:
    """One given name in all its forms."""

    ident: str
    sex: str  # "m" or "f"
    forms: dict[str, tuple[str, ...]]

    @property
    def be(self) -> str:
        """The Belarusian Cyrillic form (the first ``be`` form)."""
        return self.forms["be"][0]

    def form(self, lang: str) -> str | None:
        """The first form in ``lang`` or None."""
        values = self.forms.get(lang, ())
        return values[0] if len(values) > 0 else None


def _spellings(form: str) -> set[str]:
    out = {form}
    if detect_script(form) == "Cyrl":
        out |= {be_to_lacinka(form), be_to_national(form), be_to_passport(form)}
        out |= {ru_to_latin(form, system) for system in ("bgn", "press", "passport")}
    return out


@cache
def families() -> dict[str, Family]:
    """All families by id, loaded once from given_names.yaml and validated."""
    text = resources.files("letapis.names").joinpath("given_names.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    out: dict[str, Family] = {}
    for ident, entry in raw["families"].items():
        if not isinstance(entry, dict) or entry.get("sex") not in ("m", "f"):
            raise ValueError(f"given_names.yaml: {ident}: needs sex m or f")
        unknown = set(entry) - {"sex", *_LANGS}
        if unknown:
            raise ValueError(f"given_names.yaml: {ident}: unknown fields {sorted(unknown)}")
        if not entry.get("be"):
            raise ValueError(f"given_names.yaml: {ident}: needs a Belarusian form")
        forms: dict[str, tuple[str, ...]] = {}
        for lang in _LANGS:
            values = entry.get(lang) or []
            if not all(isinstance(v, str) and v.strip() != "" for v in values):
                raise ValueError(f"given_names.yaml: {ident}.{lang}: forms must be non-empty text")
            forms[lang] = tuple(values)
        out[str(ident)] = Family(ident=str(ident), sex=entry["sex"], forms=forms)
    return out


@cache
def _by_key() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for family in families().values():
        for values in family.forms.values():
            for form in values:
                for spelling in _spellings(form):
                    for key in part_keys(spelling):
                        index.setdefault(key, set()).add(family.ident)
    return {key: frozenset(ids) for key, ids in index.items()}


@lru_cache(maxsize=65536)
def given_name_families(name: str) -> frozenset[str]:
    """Every family a given name can belong to (Саша → aliaksandr and aliaksandra)."""
    found: set[str] = set()
    index = _by_key()
    for key in part_keys(name):
        found |= index.get(key, frozenset())
    return frozenset(found)


def given_name_family(name: str) -> str | None:
    """The family id of a given name in any script or form, or None if unknown or ambiguous.

    ``given_name_family("Кацярына") == given_name_family("Katarzyna") == "katsiaryna"``.
    A form shared by two families (Саша) returns the first in file order.
    """
    found = given_name_families(name.strip())
    if len(found) == 0:
        return None
    order = list(families())
    return min(found, key=order.index)


def family_sex(ids: frozenset[str]) -> str | None:
    """ "m" or "f" if all the families agree, else None."""
    sexes = {families()[i].sex for i in ids}
    return next(iter(sexes)) if len(sexes) == 1 else None
