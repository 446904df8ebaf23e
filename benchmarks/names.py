"""Benchmark of the names core (not part of the test suite).

    .venv/bin/pip install -e '.[test,bench]'     # unidecode, rigour, latynkatar (benchmark only)
    .venv/bin/python benchmarks/names.py

Prints, on the development pairs (tests/names/pairs_dev_own.tsv), the held-out pairs
(tests/names/pairs_holdout.tsv, written before the matcher was run on them) and the hand-written
test pairs (tests/names/pairs_own.tsv):

- precision / recall / F1 / errors of Letapis at MATCH_THRESHOLD;
- the baseline: unidecode + rapidfuzz token_sort_ratio at its best threshold on the same pairs;
- OpenSanctions' rigour (analyze_names + align_person_name_order + compare_parts, weighted mean
  of the alignment scores) at its best threshold on the same pairs, if it is installed;

then builds an index of 100,000 synthetic persons (given names from given_names.yaml, surnames
from roots and endings below, written in random forms and scripts) and prints p50/p99 of a
top-10 lookup against a linear rapidfuzz ``process.extract`` scan over the same names, with the
share of queries whose person is in the top 10. The holdout figures are reported, never tuned on.
Also measures the `latynkatar` package against our Łacinka tables if it is installed.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

from letapis import names as N
from letapis.names.given import families
from letapis.names.translit import be_to_ru

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "names"
PERSONS = 100_000
QUERIES = 2_000
LINEAR_QUERIES = 60


def load_pairs(path: Path) -> list[tuple[str, str, bool]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "" or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 3 and fields[2].strip() in ("0", "1"):
            rows.append((fields[0], fields[1], fields[2].strip() == "1"))
    return rows


def prf(decisions: list[bool], labels: list[bool]) -> tuple[float, float, float, int]:
    tp = sum(d and y for d, y in zip(decisions, labels, strict=True))
    fp = sum(d and not y for d, y in zip(decisions, labels, strict=True))
    fn = sum(not d and y for d, y in zip(decisions, labels, strict=True))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, fp + fn


def best_threshold(scores: list[float], labels: list[bool]) -> tuple[float, tuple[float, float, float, int]]:
    best: tuple[float, tuple[float, float, float, int]] | None = None
    for t in sorted(set(scores)):
        result = prf([s >= t for s in scores], labels)
        if best is None or result[2] > best[1][2]:
            best = (t, result)
    assert best is not None
    return best


def line(label: str, result: tuple[float, float, float, int], extra: str = "") -> None:
    p, r, f, errors = result
    print(f"  {label:<34} precision={p:.4f} recall={r:.4f} f1={f:.4f} errors={errors} {extra}")


def rigour_scorer() -> Callable[[str, str], float] | None:
    try:
        from rigour.names import NameTypeTag, align_person_name_order, analyze_names, compare_parts
    except ImportError:
        return None

    def one(text: str) -> object | None:
        found = list(analyze_names(NameTypeTag.PER, [text]))
        return found[0] if found else None

    def scorer(a: str, b: str) -> float:
        na, nb = one(a), one(b)
        if na is None or nb is None:
            return 0.0
        left, right = align_person_name_order(na.parts, nb.parts)  # type: ignore[attr-defined]
        aligned = compare_parts(left, right)
        weight = sum(x.weight for x in aligned)
        return sum(x.score * x.weight for x in aligned) / weight if weight else 0.0

    return scorer


def accuracy() -> None:
    try:
        from unidecode import unidecode
    except ImportError:
        print("unidecode is not installed: pip install -e '.[bench]'")
        sys.exit(1)
    rigour = rigour_scorer()
    for name, path in (
        ("development pairs (pairs_dev_own.tsv)", DATA / "pairs_dev_own.tsv"),
        ("held-out pairs (pairs_holdout.tsv, never tuned on)", DATA / "pairs_holdout.tsv"),
        ("test pairs (pairs_own.tsv)", DATA / "pairs_own.tsv"),
    ):
        if not path.exists():
            print(f"{name}: missing ({path})")
            continue
        pairs = load_pairs(path)
        labels = [y for _, _, y in pairs]
        print(f"{name}: {len(pairs)} pairs ({sum(labels)} same person, {len(labels) - sum(labels)} different)")
        letapis = [N.score(a, b) for a, b, _ in pairs]
        ours = prf([s >= N.MATCH_THRESHOLD for s in letapis], labels)
        line(f"Letapis (threshold {N.MATCH_THRESHOLD})", ours)
        base = [fuzz.token_sort_ratio(unidecode(a).lower(), unidecode(b).lower()) / 100 for a, b, _ in pairs]
        t, result = best_threshold(base, labels)
        line("baseline unidecode+token_sort_ratio", result, f"(best threshold {t:.2f})")
        print(f"  Letapis errors / baseline errors: {ours[3]} / {result[3]} = {ours[3] / max(result[3], 1):.3f}")
        if rigour is None:
            print("  rigour: not installed (pip install rigour) — no comparison")
        else:
            rs = [rigour(a, b) for a, b, _ in pairs]
            t, result = best_threshold(rs, labels)
            line("rigour compare_parts", result, f"(best threshold {t:.2f})")


# --- synthetic persons --------------------------------------------------------------------

ROOTS_TEXT = (
    "Кавал Бабар Гарэл Навум Кузьм Сав Лыс Марц Сталь Шушк Карат Багдан Барадул Ермаш Зялен Жук Дуб "
    "Грыц Сакал Варабей Мароз Курыл Лагун Пяцкев Рудак Лапат Калеч Кірыл Пракоп Станк Тарас Шаўц "
    "Ярош Юрчык Сцяпан Хмяль Цішк Пашк Ганчар Зінов Круп Лук Мацк Нараў Палян Радз Сямашк Трах Уласц "
    "Філіп Хадар Цярэш Чарн Шымк Янк Бычк Воўчк Гайд Дамбр Ждан Забел Ільюш Камар Лявон Мікуц Несцер "
    "Асіп Пуцік Рыбак Сіўц Ткач Усц Федар Харк Цыбул Часн Шапавал Яцэв Бялоў Вярбіц Галубо Дзямід"
)
ROOTS = ROOTS_TEXT.split(" ")
ENDINGS_M = ("а", "евіч", "оўскі", "енка", "аў", "ік", "чык", "ец", "ян", "ковіч", "ук", "ыч")
FEMININE = {"оўскі": "оўская", "аў": "ава"}


def synthetic_persons(count: int, seed: int = 7) -> list[tuple[int, str, str]]:
    """(ident, canonical Belarusian name, a random written form) for ``count`` persons."""
    rng = random.Random(seed)
    fams = list(families().values())
    out = []
    for ident in range(count):
        fam = rng.choice(fams)
        ending = rng.choice(ENDINGS_M)
        surname = rng.choice(ROOTS) + (FEMININE.get(ending, ending) if fam.sex == "f" else ending)
        be = f"{fam.be} {surname}"
        out.append((ident, be, render(be, fam.ident, rng)))
    return out


def render(be: str, family: str, rng: random.Random) -> str:
    given, surname = be.split(" ", 1)
    fam = families()[family]
    form = rng.choice(("be", "lacinka", "passport", "ru", "ru_latin", "surname_first", "initial", "pl"))
    if form == "be":
        return be
    if form == "lacinka":
        return N.be_to_lacinka(be)
    if form == "passport":
        return N.be_to_passport(be)
    ru_given = fam.form("ru") or given
    if form == "ru":
        return f"{ru_given} {be_to_ru(surname)}"
    if form == "ru_latin":
        return N.ru_to_latin(f"{ru_given} {be_to_ru(surname)}", "press")
    if form == "surname_first":
        return f"{N.be_to_passport(surname).upper()} {N.be_to_passport(given)}"
    if form == "initial":
        return f"{given[0]}. {surname}"
    return f"{fam.form('pl') or N.be_to_lacinka(given)} {N.be_to_lacinka(surname)}"


def load() -> str:
    """The machine's 1-minute load average: wall-clock times on a busy machine include waiting."""
    try:
        return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    except OSError:
        return "unknown"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def lookup() -> None:
    from unidecode import unidecode

    t0 = time.perf_counter()
    persons = synthetic_persons(PERSONS)
    index = N.NameIndex()
    index.add_many((ident, written) for ident, _, written in persons)
    build = time.perf_counter() - t0
    rng = random.Random(11)
    sample = rng.sample(persons, QUERIES)
    queries = [
        (ident, render(be, N.given_name_family(be.split(" ")[0]) or "aliaksandr", rng)) for ident, be, _ in sample
    ]
    times: list[float] = []
    cpu: list[float] = []
    hits = 0
    for ident, q in queries:
        t, c = time.perf_counter(), time.process_time()
        found = index.search(q, 10)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        hits += any(c.ident == ident for c in found)
    print(f"index of {len(index)} synthetic persons built in {build:.1f} s (load average {load()})")
    print(
        f"  Letapis NameIndex top-10: p50={pct(times, 0.5) * 1000:.3f} ms p99={pct(times, 0.99) * 1000:.3f} ms "
        f"(CPU time p50={pct(cpu, 0.5) * 1000:.3f} ms p99={pct(cpu, 0.99) * 1000:.3f} ms) "
        f"found in top 10: {hits / len(queries):.1%} ({len(queries)} queries)"
    )
    choices = [unidecode(written).lower() for _, _, written in persons]
    linear: list[float] = []
    linear_cpu: list[float] = []
    lhits = 0
    for ident, q in queries[:LINEAR_QUERIES]:
        t, c = time.perf_counter(), time.process_time()
        found_l = process.extract(unidecode(q).lower(), choices, scorer=fuzz.token_sort_ratio, limit=10)
        linear.append(time.perf_counter() - t)
        linear_cpu.append(time.process_time() - c)
        lhits += any(persons[i][0] == ident for _, _, i in found_l)
    print(
        f"  linear rapidfuzz process.extract top-10: p50={pct(linear, 0.5) * 1000:.3f} ms "
        f"p99={pct(linear, 0.99) * 1000:.3f} ms (CPU time p50={pct(linear_cpu, 0.5) * 1000:.3f} ms "
        f"p99={pct(linear_cpu, 0.99) * 1000:.3f} ms) found in top 10: {lhits / len(linear):.1%} "
        f"({len(linear)} queries)"
    )


def latynkatar_agreement() -> None:
    try:
        import warnings

        import latynkatar
        import yaml
    except ImportError:
        print("latynkatar: not installed — not measured")
        return
    cases = yaml.safe_load((ROOT / "tests" / "names" / "cases_be.yaml").read_text(encoding="utf-8"))
    extra = DATA / "translit_be.yaml"
    if extra.exists():
        data = yaml.safe_load(extra.read_text(encoding="utf-8"))
        entries = data if isinstance(data, list) else data.get("names", [])
        cases += [c for c in entries if isinstance(c, dict) and "be" in c and "lacinka" in c]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        same_fwd = sum(latynkatar.convert(c["be"], miakkasc=False) == c["lacinka"] for c in cases)
        same_back = sum(latynkatar.LatCyrConverter(c["lacinka"]).convert() == c["be"] for c in cases)
    ours_fwd = sum(N.be_to_lacinka(c["be"]) == c["lacinka"] for c in cases)
    ours_back = sum(N.lacinka_to_be(c["lacinka"]) == c["be"] for c in cases)
    print(
        f"Łacinka on {len(cases)} names: latynkatar forward {same_fwd}, back {same_back}; "
        f"Letapis forward {ours_fwd}, back {ours_back}"
    )


if __name__ == "__main__":
    started = time.perf_counter()
    accuracy()
    latynkatar_agreement()
    lookup()
    print(f"total {time.perf_counter() - started:.0f} s")
