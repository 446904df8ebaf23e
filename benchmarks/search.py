"""Benchmark of the full-text search at scale against the raw full-text query (not a test).

    .venv/bin/python benchmarks/search.py --docs 100000 --db sqlite
    .venv/bin/python benchmarks/search.py --docs 100000 --db postgres

Builds once and reuses a registry of ``--docs`` synthetic sources (sentences of Belarusian,
Russian and English words, names in Cyrillic; 70% public, 25% internal, 5% confidential) and
their index: SQLite in ``$TMPDIR/letapis-bench-search-N-S/``, PostgreSQL in the database
``bench_search`` (``--pg-db``). Then prints, for each query, p50 and p95 in milliseconds of
what Letapis runs for a team member (role viewer) — :func:`letapis.search.query.search`: the
count, the first page of 20 ordered, each hit checked against the access rules, its snippet and
the persons it names — and of the raw full-text query on the same index with the same match
expression (the count and the first 20 ids by the database's own rank, no access check, no
snippet), with the ratio of the p50s. The last line is ``worst_ratio=… slowest_ms=…``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _words(text: str) -> list[str]:
    return text.split()


BE = _words(
    "калонія суд прысуд вызвалены затрыманы палітвязень адвокат ліст перадача турма этап "
    "крымінальная справа артыкул гады пазбаўлення волі жонка сям'я здароўе хвароба "
    "рэдакцыя журналіст пісьменнік паэт культура кніга выстава тэатр музыка праваабаронца"
)
RU = _words(
    "колония суд приговор освобождён задержан политзаключённый адвокат письмо передача тюрьма "
    "уголовное дело статья лишения свободы жена семья здоровье болезнь редакция журналист"
)
EN = _words(
    "penal colony court sentence released detained political prisoner lawyer letter prison "
    "criminal case article years family health journalist writer poet culture book theatre"
)
NAMES = ("Алесь Бяляцкі", "Марыя Калеснікава", "Ігар Лосік", "Андрэй Пачобут", "Максім Знак", "Ксенія Луцкіна")
RARE = {"be": "Нобелеўскай прэміі", "ru": "Нобелевской премии", "en": "Nobel Prize"}
PUBLISHERS = ("PEN Belarus", "Viasna", "Наша Ніва", "Зеркало", "RFE/RL", "BAJ")


def _setup(args: argparse.Namespace) -> None:
    data = Path(tempfile.gettempdir()) / f"letapis-bench-search-{args.docs}-{args.seed}"
    data.mkdir(parents=True, exist_ok=True)
    os.environ["LETAPIS_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letapis.settings")
    if args.db == "postgres":
        import psycopg

        db = args.pg_db
        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{db}"')
        os.environ["DATABASE_URL"] = f"{args.pg}/{db}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data / 'bench.sqlite3'}"
    import django

    django.setup()


def _text(rng: random.Random, language: str) -> str:
    words = {"be": BE, "ru": RU, "en": EN}[language]
    sentences = []
    for _ in range(rng.randint(4, 10)):
        sentence = [rng.choice(words) for _ in range(rng.randint(6, 14))]
        if rng.random() < 0.3:
            sentence.insert(rng.randint(0, len(sentence)), rng.choice(NAMES))
        if rng.random() < 0.004:
            sentence.insert(rng.randint(0, len(sentence)), RARE[language])
        sentences.append(" ".join(sentence).capitalize() + ".")
    return " ".join(sentences)


def _build(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from letapis.registry.models import Source
    from letapis.search.index import rebuild_with
    from letapis.search.models import SearchEntry, SearchText

    call_command("migrate", interactive=False, verbosity=0)
    if Source.objects.count() >= args.docs and SearchEntry.objects.count() >= args.docs:
        print(f"reusing {args.docs} documents in {os.environ['DATABASE_URL']}")
        return
    print(f"building {args.docs} documents in {os.environ['DATABASE_URL']} …", flush=True)
    started = time.perf_counter()
    rng = random.Random(args.seed)
    levels = ["public"] * 14 + ["internal"] * 5 + ["confidential"]
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        Source.objects.all().delete()
        batch = []
        for i in range(args.docs):
            language = rng.choice(("be", "be", "ru", "en"))
            batch.append(
                Source(
                    sha256=f"{i:064x}",
                    filename=f"doc{i}.txt",
                    title=f"{rng.choice(PUBLISHERS)} {i}",
                    publisher=rng.choice(PUBLISHERS),
                    date=date(2015, 1, 1) + timedelta(days=rng.randrange(4000)),
                    language=language,
                    confidentiality=rng.choice(levels),
                    text=_text(rng, language),
                )
            )
            if len(batch) == 5000:
                Source.objects.bulk_create(batch)
                batch = []
        Source.objects.bulk_create(batch)
        built = time.perf_counter()
        from letapis.registry.models import Claim

        rebuild_with(SearchEntry, SearchText, Source, Claim)
    indexed = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"built in {built - started:.0f} s, indexed in {indexed - built:.0f} s", flush=True)


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15, help="Timed runs of each measure (after one warm-up).")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL.")
    parser.add_argument("--pg-db", default="bench_search", help="PostgreSQL database.")
    parser.add_argument("--only", default="", help="Measure only the queries whose label contains this text.")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    _setup(args)
    _build(args)

    from django.contrib.auth import get_user_model
    from django.db import connection

    from letapis.search.models import SearchEntry
    from letapis.search.query import Filters, search
    from letapis.search.text import fts5_query, parse, tsquery

    User = get_user_model()
    user = User.objects.filter(username="bench-viewer").first()
    if user is None:
        user = User.objects.create_user("bench-viewer", password="bench-password-x1", role="viewer")
    pg = connection.vendor == "postgresql"

    def raw(text: str) -> Callable[[], Any]:
        query = parse(text)
        if pg:
            where = "vector @@ to_tsquery('simple', %s)"
            count = f"SELECT COUNT(*) FROM search_searchtext WHERE {where}"
            page = (
                f"SELECT entry_id FROM search_searchtext WHERE {where} "
                "ORDER BY ts_rank(vector, to_tsquery('simple', %s)) DESC LIMIT 20"
            )
            params: list[Any] = [tsquery(query)]
            page_params = [tsquery(query), tsquery(query)]
        else:
            count = "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s"
            page = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT 20"
            params = page_params = [fts5_query(query)]

        def run() -> Any:
            with connection.cursor() as cursor:
                cursor.execute(count, params)
                n = cursor.fetchone()
                cursor.execute(page, page_params)
                return n, cursor.fetchall()

        return run

    cases: list[tuple[str, str, Filters | None]] = [
        ("Nobel (rare; folded: Нобелеўскай, Нобелевской)", "Nobel", None),
        ("Bialacki (Łacinka → Бяляцкі)", "Bialacki", None),
        ("калонія (common)", "калонія", None),
        ('"penal colony" (phrase)', '"penal colony"', None),
        ("пісьменнік -турма (exclusion)", "пісьменнік -турма", None),
        ("суд, language be, 2020–2022", "суд", Filters(language="be", start=date(2020, 1, 1), end=date(2022, 12, 31))),
    ]
    docs = SearchEntry.objects.count()
    print(f"\n{connection.vendor}: {docs} documents; p50/p95 ms, {args.repeat} runs each")
    print(f"{'query':<50} {'hits':>7} {'p50':>8} {'p95':>8}   {'raw p50':>8} {'raw p95':>8}  ratio")
    worst, slowest = 0.0, 0.0
    for label, text, filters in cases:
        if args.only not in label:
            continue
        hits = search(user, text, filters).count
        mine = _timed(lambda text=text, filters=filters: search(user, text, filters), args.repeat)
        base = _timed(raw(text), args.repeat)
        p50, p95, b50, b95 = statistics.median(mine), _p(mine, 0.95), statistics.median(base), _p(base, 0.95)
        ratio = p50 / max(b50, 0.01)
        worst, slowest = max(worst, ratio), max(slowest, p95)
        print(f"{label:<50} {hits:>7} {p50:8.1f} {p95:8.1f}   {b50:8.1f} {b95:8.1f}  {ratio:5.2f}x", flush=True)
    print(f"worst_ratio={worst:.2f} slowest_ms={slowest:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
