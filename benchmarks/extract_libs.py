"""The field's Russian libraries against the extractor's own rules, on the tasks of reading names.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/extract_libs.py [--docs DIR --gold GOLD.json]...

1. **The nominative of an inflected name** (tests/extract/cases_names.yaml, by language):
   letapis.extract.inflection.nominative, pymorphy3 (OpenCorpora dictionary, parses agreeing in
   case and gender, then inflected to the nominative) and petrovich used backwards (a candidate
   nominative is kept when petrovich inflects it back into the written form).
2. **Finding persons in Russian text**: natasha's NER (slovnet + navec, models inside the wheel)
   against letapis' person finder, recall and precision of gold persons, and KB/s of text.
3. **Sentences**: razdel against letapis.extract.text, KB/s and how often they agree.

Figures are in docs/extract.md ("The field's libraries"). Nothing here is imported by the package.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

CASES = ROOT / "tests" / "extract" / "cases_names.yaml"


def _pymorphy() -> Callable[[str, str], str]:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()

    def nominative(name: str, lang: str = "ru") -> str:
        words = name.split()
        parses = [morph.parse(w) for w in words]
        # the case and gender the words agree in, best scored first
        options: dict[tuple[str, str], float] = {}
        for word_parses in parses:
            for p in word_parses:
                if p.tag.POS == "NOUN" and p.tag.number != "plur":
                    key = (str(p.tag.case), str(p.tag.gender))
                    options[key] = options.get(key, 0.0) + p.score + (1.0 if "Name" in p.tag else 0.0)
        out = []
        best = max(options, key=lambda k: options[k]) if options else None
        for word, word_parses in zip(words, parses, strict=True):
            chosen = next(
                (p for p in word_parses if best is not None and (str(p.tag.case), str(p.tag.gender)) == best), None
            )
            if chosen is None:
                out.append(word)
                continue
            form = chosen.inflect({"nomn"})
            text = form.word if form is not None else chosen.normal_form
            out.append("-".join(part.capitalize() for part in text.split("-")))
        return " ".join(out)

    return nominative


def _petrovich(candidates: Callable[[str, str], list[str]]) -> Callable[[str, str], str]:
    from petrovich.enums import Case, Gender
    from petrovich.main import Petrovich

    p = Petrovich()

    def nominative(name: str, lang: str) -> str:
        given, *rest = name.split()
        for candidate in candidates(name, lang):
            cg, *crest = candidate.split()
            for gender in (Gender.MALE, Gender.FEMALE):
                for case in Case.CASES:
                    if p.firstname(cg, case, gender) == given and all(
                        p.lastname(c, case, gender) == w for c, w in zip(crest, rest, strict=True)
                    ):
                        return candidate
        return name

    return nominative


def _spelling(name: str) -> str:
    from letapis.extract.inflection import official_spelling

    return " ".join(official_spelling(w) for w in name.replace("ё", "е").split())


def nominatives() -> None:
    from letapis.extract.inflection import nominative

    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    pym = _pymorphy()

    def rules(name: str, lang: str) -> str:
        return nominative(name)

    def letapis(name: str, lang: str) -> str:
        return nominative(name, "ru" if lang == "ru" else "be")

    def both(name: str, lang: str) -> list[str]:
        return [nominative(name), pym(name)]

    systems: dict[str, Callable[[str, str], str]] = {
        "letapis rules": rules,
        "letapis (rules, pymorphy3 in ru)": letapis,
        "pymorphy3": pym,
        "petrovich (verifies rules, pymorphy3)": _petrovich(both),
    }
    langs = sorted({c[2] for c in cases})
    print(f"{'nominative of a name':40} " + " ".join(f"{lang:>8}" for lang in langs) + "     all   µs/name")
    for label, fn in systems.items():
        right: dict[str, int] = dict.fromkeys(langs, 0)
        total: dict[str, int] = dict.fromkeys(langs, 0)
        wrong = []
        start = time.process_time()
        for written, expected, lang in cases:
            got = fn(written, lang)
            total[lang] += 1
            # a classical spelling may come back in the official one (Зьміцер as Зміцер)
            if _spelling(got) == _spelling(expected):
                right[lang] += 1
            else:
                wrong.append(f"{written} → {got}")
        per = (time.process_time() - start) / len(cases) * 1e6
        cells = " ".join(f"{right[lang] / total[lang]:8.3f}" for lang in langs)
        print(f"{label:40} {cells} {sum(right.values()) / len(cases):7.3f} {per:9.0f}")
        if "-v" in sys.argv:
            print("    wrong: " + "; ".join(wrong))


def _gold_docs(pairs: list[tuple[Path, Path]], lang: str) -> list[tuple[str, list[list[str]]]]:
    out = []
    for docs, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["docs"]
        for name, doc in gold.items():
            if doc.get("language") == lang and (docs / name).exists():
                out.append(((docs / name).read_text(encoding="utf-8"), [p["aliases"] for p in doc["persons"]]))
    return out


def persons(pairs: list[tuple[Path, Path]]) -> None:
    from tests.extract.scoring import _scorer

    from letapis.extract import extract

    same = _scorer().same  # the shared scorer's name comparison
    docs = _gold_docs(pairs, "ru")
    size = sum(len(t.encode()) for t, _ in docs) / 1024

    def natasha_names() -> Callable[[str], list[str]]:
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

        segmenter, emb = Segmenter(), NewsEmbedding()
        ner = NewsNERTagger(emb)

        def names(text: str) -> list[str]:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_ner(ner)
            # natasha's normaliser needs pymorphy2, which no longer imports on Python 3.12's
            # setuptools; the names are compared as written (the scorer forgives case endings)
            out = [span.text for span in doc.spans if span.type == "PER"]
            return list(dict.fromkeys(out))

        return names

    def letapis_names(text: str) -> list[str]:
        return [p.name for p in extract(text, language="ru").persons]

    print(f"\npersons in {len(docs)} Russian documents ({size:.1f} KB)")
    for label, make in (("letapis.extract", lambda: letapis_names), ("natasha NER (slovnet)", natasha_names)):
        start = time.process_time()
        fn = make()
        for text, _ in docs[:3]:
            fn(text)  # the first document pays for loading lexicons and models
        load = time.process_time() - start
        start = time.process_time()
        found = [fn(text) for text, _ in docs]
        spent = time.process_time() - start
        tp = fp = fn_ = 0
        for names, (_, gold) in zip(found, docs, strict=True):
            used: set[int] = set()
            for aliases in gold:
                hit = next((i for i, n in enumerate(names) if i not in used and any(same(a, n) for a in aliases)), None)
                if hit is None:
                    fn_ += 1
                else:
                    used.add(hit)
                    tp += 1
            fp += len(names) - len(used)
        print(
            f"  {label:24} recall {tp / max(1, tp + fn_):.3f} precision {tp / max(1, tp + fp):.3f}"
            f"  {size / max(spent, 1e-9):8.1f} KB/s  (load {load:.2f} s)"
        )


def sentences(pairs: list[tuple[Path, Path]]) -> None:
    from razdel import sentenize

    from letapis.extract.text import split_sentences

    texts = [t for lang in ("ru", "be", "en") for t, _ in _gold_docs(pairs, lang)]
    size = sum(len(t.encode()) for t in texts) / 1024
    ends: dict[str, list[set[int]]] = {}
    for label, fn in (
        ("letapis.extract.text", lambda t: {s.end for s in split_sentences(t)}),
        ("razdel.sentenize", lambda t: {s.stop for s in sentenize(t)}),
    ):
        start = time.process_time()
        rounds = 0
        while time.process_time() - start < 1.0:
            ends[label] = [fn(t) for t in texts]
            rounds += 1
        spent = time.process_time() - start
        print(f"  {label:24} {size * rounds / spent:9.1f} KB/s, {sum(len(e) for e in ends[label])} sentence ends")
    a, b = ends.values()
    agree = sum(len(x & y) for x, y in zip(a, b, strict=True))
    print(f"  ends both put: {agree}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", action="append", default=[])
    parser.add_argument("--gold", action="append", default=[])
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    pairs = [(ROOT / "tests/extract/dev", ROOT / "tests/extract/dev/gold.json")]
    pairs.append((ROOT / "tests/extract/holdout", ROOT / "tests/extract/holdout/gold.json"))
    pairs += [(Path(d), Path(g)) for d, g in zip(args.docs, args.gold, strict=True)]
    nominatives()
    persons(pairs)
    print("\nsentences")
    sentences(pairs)


if __name__ == "__main__":
    main()
