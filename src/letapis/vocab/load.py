"""Reading and validating a vocabulary file.

A file is a YAML list of terms::

    - code: human_rights_defender
      labels: {en: human rights defender, be: праваабаронца, ru: правозащитник}
      forms:
        en: [human rights defenders, rights defender]
        be: [праваабаронка, праваабаронцы]
        ru: [правозащитница, правозащитники]
      cultural: false

The load fails with :class:`VocabularyError` (naming the file, the code and the problem) on: a
duplicate code; a code not matching ``^[a-z0-9_-]+$``; a missing or empty en/be/ru label; an
unknown key or language; a form that is not lower case or is written in the wrong script (be and
ru starting with a Cyrillic word, be without и щ ъ, ru without і ў, en without Cyrillic); one form (after
:func:`~letapis.vocab.normalise.normalise`) claimed by two codes; a ``status_effect`` that is not
a code of statuses.yaml; a missing required key or an extra value of the wrong type.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from letapis.vocab.errors import VocabularyError
from letapis.vocab.model import LANGUAGES, Term, Vocabulary
from letapis.vocab.normalise import normalise
from letapis.vocab.schema import COMMON_KEYS, SCHEMAS, SIDES, VOCABULARY_NAMES, Schema

__all__ = ["load_file", "vocabulary"]

CODE_RE = re.compile(r"^[a-z0-9_\-]+$")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_BELARUSIAN = re.compile(r"[ищъИЩЪ]")
_NOT_RUSSIAN = re.compile(r"[іўІЎ]")


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key written twice in one mapping (PyYAML keeps the last)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise VocabularyError(f"key {key!r} written twice (line {key_node.start_mark.line + 1})")
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``name`` (one of :data:`VOCABULARY_NAMES`), loaded once and validated."""
    if name not in SCHEMAS:
        raise VocabularyError(f"no vocabulary {name!r}; known: {', '.join(VOCABULARY_NAMES)}")
    path = Path(str(resources.files("letapis.vocab").joinpath(f"{name}.yaml")))
    return load_file(path, name)


def load_file(path: Path | str, name: str | None = None) -> Vocabulary:
    """Load and validate one vocabulary file; ``name`` (default: the file's stem) picks its schema.

    A name without a schema allows only the common keys. Not cached: for tests and for checking
    an edited file (``letapis vocab check``).
    """
    path = Path(path)
    name = path.stem if name is None else name
    where = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 - a SafeLoader
    except VocabularyError as error:
        raise VocabularyError(f"{where}: {error}") from None
    except (OSError, yaml.YAMLError) as error:
        raise VocabularyError(f"{where}: cannot read: {error}") from None
    if not isinstance(raw, list):
        raise VocabularyError(f"{where}: must be a list of terms (- code: …)")
    schema = SCHEMAS.get(name, Schema())
    terms: list[Term] = []
    seen: set[str] = set()
    index: dict[str, str] = {}
    for position, entry in enumerate(raw, start=1):
        term = _term(name, where, position, entry, schema)
        if term.code in seen:
            raise VocabularyError(f"{where}: {term.code}: duplicate code")
        seen.add(term.code)
        for form in term.all_forms():
            key = normalise(form)
            other = index.setdefault(key, term.code)
            if other != term.code:
                raise VocabularyError(f"{where}: {term.code}: form {form!r} is also a form of {other!r} (ambiguous)")
        terms.append(term)
    return Vocabulary(name, path, tuple(terms), index)


def _term(name: str, where: str, position: int, entry: object, schema: Schema) -> Term:
    if not isinstance(entry, dict):
        raise VocabularyError(f"{where}: term #{position}: must be a mapping with code and labels")
    code = entry.get("code")
    if not isinstance(code, str) or CODE_RE.match(code) is None:
        raise VocabularyError(f"{where}: term #{position}: code {code!r} must match {CODE_RE.pattern}")
    at = f"{where}: {code}"
    unknown = sorted(str(k) for k in set(entry) - COMMON_KEYS - set(schema.extras))
    if unknown:
        raise VocabularyError(f"{at}: unknown key {', '.join(unknown)}")
    missing = sorted(schema.required - set(entry))
    if missing:
        raise VocabularyError(f"{at}: missing key {', '.join(missing)}")
    labels = _labels(at, entry.get("labels"), schema)
    forms = _forms(at, entry.get("forms"), labels)
    extra: dict[str, Any] = {}
    for key in sorted(set(entry) - COMMON_KEYS):
        extra[key] = _extra(at, key, entry[key], schema.extras[key])
    if "description" in entry:
        description = entry["description"]
        if not isinstance(description, str) or description.strip() == "":
            raise VocabularyError(f"{at}: description must be text")
        extra["description"] = description.strip()
    feminine: dict[str, str] = extra.get("feminine", {})
    for lang, value in feminine.items():
        _check_script(at, f"feminine {lang!r}", lang, value)
        forms[lang] = tuple(dict.fromkeys((*forms[lang], value.lower())))
    if extra.get("exile") is True and extra.get("status_effect") != "released":
        raise VocabularyError(f"{at}: exile: true needs status_effect: released")
    return Term(vocabulary=name, code=code, labels=labels, forms=forms, extra=extra)


def _labels(at: str, raw: object, schema: Schema) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise VocabularyError(f"{at}: labels must be a mapping {{en: …, be: …, ru: …}}")
    unknown = sorted(str(k) for k in set(raw) - set(LANGUAGES))
    if unknown:
        raise VocabularyError(f"{at}: unknown label language {', '.join(unknown)}")
    labels: dict[str, str] = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or value.strip() == "":
            raise VocabularyError(f"{at}: label {lang!r} is missing")
        value = " ".join(value.split())
        _check_script(at, f"label {lang!r}", lang, value)
        labels[lang] = value
    if schema.lower_case_en and labels["en"] != labels["en"].lower():
        raise VocabularyError(f"{at}: the English label {labels['en']!r} must be lower case")
    return labels


def _forms(at: str, raw: object, labels: dict[str, str]) -> dict[str, tuple[str, ...]]:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise VocabularyError(f"{at}: forms must be a mapping {{en: [...], be: [...], ru: [...]}}")
    unknown = sorted(str(k) for k in set(raw) - set(LANGUAGES))
    if unknown:
        raise VocabularyError(f"{at}: unknown forms language {', '.join(unknown)}")
    forms: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        values = raw.get(lang, [])
        if not isinstance(values, list):
            raise VocabularyError(f"{at}: forms.{lang} must be a list")
        out = [labels[lang].lower()]
        for value in values:
            if not isinstance(value, str) or value.strip() == "":
                raise VocabularyError(f"{at}: forms.{lang}: {value!r} is not a form")
            value = " ".join(value.split())
            if value != value.lower():
                raise VocabularyError(f"{at}: form {value!r} must be lower case")
            _check_script(at, f"form {value!r}", lang, value)
            out.append(value)
        forms[lang] = tuple(dict.fromkeys(out))
    return forms


def _check_script(at: str, what: str, lang: str, value: str) -> None:
    if lang == "en":
        if _CYRILLIC.search(value) is not None:
            raise VocabularyError(f"{at}: {what} is English but has Cyrillic letters")
        return
    first = _LETTER.search(value)
    if first is None or _CYRILLIC.match(first.group()) is None:
        raise VocabularyError(f"{at}: {what} must be written in Cyrillic (a Latin proper name inside is allowed)")
    if lang == "be" and _NOT_BELARUSIAN.search(value) is not None:
        raise VocabularyError(f"{at}: {what} is Belarusian but has и, щ or ъ (Russian letters)")
    if lang == "ru" and _NOT_RUSSIAN.search(value) is not None:
        raise VocabularyError(f"{at}: {what} is Russian but has і or ў (Belarusian letters)")


def _extra(at: str, key: str, value: object, kind: str) -> object:
    if kind == "bool" and isinstance(value, bool):
        return value
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == "str" and isinstance(value, str) and value.strip() != "":
        return value
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return value
    if kind == "side" and value in SIDES:
        return value
    if kind == "feminine":
        if not isinstance(value, dict) or not set(value) <= set(LANGUAGES) or len(value) == 0:
            raise VocabularyError(f"{at}: {key} must be a mapping of en, be or ru to a label")
        for lang, label in value.items():
            if not isinstance(label, str) or label.strip() == "":
                raise VocabularyError(f"{at}: {key}.{lang} must be text")
        return {lang: " ".join(label.split()) for lang, label in value.items()}
    if kind == "status":
        if value is None:
            return None
        if isinstance(value, str) and value in vocabulary("statuses"):
            return value
        raise VocabularyError(f"{at}: {key} {value!r} is not a status (statuses.yaml) nor null")
    expected = {"side": f"one of {', '.join(SIDES)}", "number": "a number above 0"}.get(kind, kind)
    raise VocabularyError(f"{at}: {key} must be {expected}, not {value!r}")
