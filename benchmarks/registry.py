"""Benchmark of the registry at scale against hand-written raw SQL (not part of the test suite).

    .venv/bin/python benchmarks/registry.py --persons 100000 --events 1000000 --db sqlite
    .venv/bin/python benchmarks/registry.py --persons 100000 --events 1000000 --db postgres

Builds a synthetic registry (``letapis dev synth``) once and reuses it: SQLite in
``$TMPDIR/letapis-bench-N-M-S/``, PostgreSQL in the database ``letapis_bench_N_M_S`` on
``--pg`` (default ``postgres://postgres@127.0.0.1:5432``). Then prints, for each measure, p50
and p95 in milliseconds of the code Letapis runs (as a team member, role viewer) and of a hand-written raw SQL
lower bound returning the same answer from the same tables, with the ratio of the p50s:

- held-on-date count (``count_held``, the number the dashboard and the held list show);
  first page (50) of the held list with an occupation filter (the API's ``/held``, and the web
  list when the web pages exist);
- movements in a month (detentions, sentences, releases… with their persons);
- the monthly series of those held over 15 years (180 months): the counts (the API's
  ``/stats/series``, what a chart draws) and the series with the persons behind each month
  (what the monitoring report reads);
- name search (the names core's lookup) in Belarusian Cyrillic, Łacinka, passport Latin, Russian;
- the person page (the API's ``/persons/{id}``, and the web page when it exists);
- the API list (``/persons``, first page by name).

The floor of a page (API or web) is the raw SQL plus one request through the same stack that
finds nothing (``/api/v1/persons/999999999``: session, user, middleware, routing, a 404): no
page can cost less than the request it arrives in. That request is measured on its own too.

The last line is ``worst_ratio=… slowest_ms=…`` (the worst p50 ratio, the slowest p95).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2025, 6, 1)
SPANS = "registry_statusspan s JOIN registry_person p ON p.id = s.person_id"
OCCUPATION = "journalist"


def _setup(args: argparse.Namespace) -> None:
    name = f"{args.persons}_{args.events}_{args.seed}"
    data = Path(tempfile.gettempdir()) / f"letapis-bench-{name.replace('_', '-')}"
    data.mkdir(parents=True, exist_ok=True)
    os.environ["LETAPIS_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letapis.settings")
    if args.db == "postgres":
        import psycopg

        db = args.pg_db or f"letapis_bench_{name}"
        with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{db}"')
        os.environ["DATABASE_URL"] = f"{args.pg}/{db}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data / 'bench.sqlite3'}"
    import django

    django.setup()


def _build(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from letapis.registry.models import Person
    from letapis.registry.synth import generate, is_synthetic

    call_command("migrate", interactive=False, verbosity=0)
    if is_synthetic() and Person.objects.count() >= args.persons:
        print(f"reusing the synthetic registry in {os.environ['DATABASE_URL']}")
        _settle()  # a migration may have added indexes since the build
        return
    print(f"building {args.persons} persons / {args.events} events in {os.environ['DATABASE_URL']} …", flush=True)
    result = generate(args.persons, args.events, seed=args.seed, progress=lambda line: print(" ", line, flush=True))
    s = result.seconds
    print(
        f"built in {s['total']:.0f} s (rows {s['rows']:.0f} s, spans {s['spans']:.0f} s): {result.events} events, "
        f"{result.names} names, {result.name_keys} keys, {result.claims} claims, {result.spans} spans"
    )
    _settle()


def _settle() -> None:
    """What a registry in use has had done by autovacuum: fresh statistics for the planner and,
    on PostgreSQL, the visibility map that lets the covering indexes answer without the table."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    fn()  # warm: caches of vocabularies, prepared plans
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _p(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Runner:
    def __init__(self, repeat: int) -> None:
        self.repeat = repeat
        self.rows: list[tuple[str, float, float, float, float]] = []

    def measure(self, label: str, ours: Callable[[], Any], floor: Callable[[], Any]) -> None:
        mine = _timed(ours, self.repeat)
        base = _timed(floor, self.repeat)
        p50, p95 = statistics.median(mine), _p(mine, 0.95)
        f50, f95 = statistics.median(base), _p(base, 0.95)
        self.rows.append((label, p50, p95, f50, f95))
        print(f"{label:<44} {p50:9.1f} {p95:9.1f}   {f50:9.1f} {f95:9.1f}   {p50 / max(f50, 0.01):6.2f}x", flush=True)


def _sql(query: str, params: list[Any] | tuple[Any, ...] = ()) -> Callable[[], list[Any]]:
    from django.db import connection

    def run() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchall()

    return run


def _sqls(*queries: tuple[str, list[Any] | tuple[Any, ...]]) -> Callable[[], list[Any]]:
    runs = [_sql(q, p) for q, p in queries]
    return lambda: [r() for r in runs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="Timed runs of each measure (after one warm-up).")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL.")
    parser.add_argument("--pg-db", default="", help="PostgreSQL database (default letapis_bench_N_M_S).")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    _setup(args)
    _build(args)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from letapis import access
    from letapis.registry.lookup import find_persons
    from letapis.registry.models import NameVariant, Person
    from letapis.registry.queries import count_held
    from letapis.registry.status import held_on
    from letapis.reports import stats

    User = get_user_model()
    user = User.objects.filter(username="bench-viewer").first()
    if user is None:  # a team member who reads (editors must pass a second factor to use a session)
        user = User.objects.create_user("bench-viewer", password="bench-password-x1", role="viewer")
    client = Client()
    client.force_login(user)
    levels = list(access.levels_for(user))
    tier = access.tier_for(user)  # a constant of access.TIERS, written into the SQL as is
    marks = ", ".join(["%s"] * len(levels))
    pg = connection.vendor == "postgresql"
    day = DAY.isoformat()

    print(f"\n{connection.vendor}: {Person.objects.count()} persons; p50/p95 ms, {args.repeat} runs each")
    print(f"{'measure':<44} {'p50':>9} {'p95':>9}   {'sql p50':>9} {'sql p95':>9}   ratio")
    run = Runner(args.repeat)
    visible = f"p.merged_into_id IS NULL AND p.confidentiality IN ({marks})"
    held = f"s.level = '{tier}' AND s.status = 'held' AND s.since <= %s AND s.until > %s"

    # A count's floor is the quickest raw form found on each database (see count_held):
    # PostgreSQL counts the held spans of no hidden person; SQLite counts every held span less
    # those of the hidden persons when unfiltered, and the join with a filter.
    hidden_person = f"NOT EXISTS (SELECT 1 FROM registry_person p WHERE p.id = s.person_id AND NOT ({visible}))"
    if pg:
        all_held = f"SELECT COUNT(*) FROM registry_statusspan s WHERE {held} AND {hidden_person}"
        all_held_params = [day, day, *levels]
        occupation_count = (
            f"SELECT COUNT(*) FROM registry_statusspan s WHERE {held} AND {hidden_person} "
            "AND s.person_id IN (SELECT o.person_id FROM registry_occupation o WHERE o.code = %s)"
        )
    else:
        all_held = (
            f"SELECT (SELECT COUNT(*) FROM registry_statusspan s WHERE {held}) - "
            f"(SELECT COUNT(*) FROM registry_statusspan s WHERE {held} AND s.person_id IN "
            f"(SELECT p.id FROM registry_person p WHERE NOT ({visible})))"
        )
        all_held_params = [day, day, day, day, *levels]
    run.measure(
        "held on a day: count",
        lambda: count_held(DAY, user),
        _sql(all_held, all_held_params),
    )
    occupied = "p.id IN (SELECT o.person_id FROM registry_occupation o WHERE o.code = %s)"
    occupation_page = (
        f"SELECT p.id, p.display_name, s.event_id FROM {SPANS} "
        f"WHERE {held} AND {visible} AND {occupied} ORDER BY p.display_name, p.id LIMIT 50"
    )
    if pg:  # the count and the page apart
        page_floor = _sqls(
            (occupation_count, [day, day, *levels, OCCUPATION]), (occupation_page, [day, day, *levels, OCCUPATION])
        )
    else:  # SQLite: the page carries its total (COUNT(*) OVER ()), the one query that is quicker there
        page_floor = _sql(
            f"SELECT p.id, p.display_name, s.event_id, COUNT(*) OVER () FROM {SPANS} "
            f"WHERE {held} AND {visible} AND {occupied} ORDER BY p.display_name, p.id LIMIT 50",
            [day, day, *levels, OCCUPATION],
        )

    # A page cannot cost less than a request through the same stack (session, user, middleware,
    # routing) that finds nothing: the floor of every page is that request plus the raw SQL of
    # what the page shows.
    def empty_request() -> Any:
        response = client.get("/api/v1/persons/999999999")
        assert response.status_code == 404, response.status_code
        return response

    def with_request(sql: Callable[[], Any]) -> Callable[[], Any]:
        return lambda: (empty_request(), sql())

    def api(url: str) -> Callable[[], Any]:
        def get() -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            return response

        return get

    run.measure(
        f"held list, {OCCUPATION}, first page (API)",
        api(f"/api/v1/held?on={day}&occupation={OCCUPATION}&limit=50"),
        with_request(page_floor),
    )
    try:
        web_list = reverse("web:persons")
    except NoReverseMatch:
        web_list = ""
    if web_list and client.get(web_list).status_code == 200:
        run.measure(
            f"held list, {OCCUPATION}, first page (web)",
            api(f"{web_list}?status=held&on={day}&occupation={OCCUPATION}"),
            with_request(page_floor),
        )

    month = (date(2025, 3, 1), date(2025, 3, 31))
    types = ("detention", "sentence", "release", "expulsion", "death_in_custody")
    run.measure(
        "movements in a month",
        lambda: stats.movements(*month, user),
        _sql(
            f"SELECT e.id, e.type, e.parent_id, e.count, i.person_id FROM registry_event e "
            f"LEFT JOIN registry_involvement i ON i.event_id = e.id AND i.role = 'victim' "
            f"WHERE e.type IN ({', '.join(['%s'] * len(types))}) AND e.date_latest BETWEEN %s AND %s "
            f"AND e.confidentiality IN ({marks})",
            [*types, month[0].isoformat(), month[1].isoformat(), *levels],
        ),
    )
    series = (date(2011, 12, 1), date(2026, 11, 30))
    month_of = (lambda column: f"to_char({column}, 'YYYY-MM')") if pg else (lambda column: f"substr({column}, 1, 7)")
    hidden = f"s.person_id IN (SELECT p.id FROM registry_person p WHERE NOT ({visible}))"
    # held spans begun less ended, per month: over everyone, then taken back for the hidden
    parts = [("since", "", ""), ("until", "-", ""), ("since", "-", f" AND {hidden}"), ("until", "", f" AND {hidden}")]
    by_month = " UNION ALL ".join(
        f"SELECT {month_of('s.' + column)}, {sign}COUNT(*) FROM registry_statusspan s "
        f"WHERE s.level = '{tier}' AND s.status = 'held' AND s.{column} <= %s{where} GROUP BY 1"
        for column, sign, where in parts
    )
    last = series[1].isoformat()
    run.measure(
        "monthly series, 15 years (API, counts)",
        api(f"/api/v1/stats/series?from={series[0].isoformat()}&to={last}"),
        with_request(_sql(by_month, [last, last, last, *levels, last, *levels])),
    )
    run.measure(
        "monthly series with the persons (reports)",
        lambda: stats.held_series(*series, user),
        _sql(
            f"SELECT s.person_id, s.since, s.until FROM {SPANS} WHERE {held} AND {visible}",
            [series[1].isoformat(), series[0].isoformat(), *levels],
        ),
    )

    sample = Person.objects.filter(external_ids__scheme="synthetic").order_by("id")[Person.objects.count() // 3]
    forms = dict(NameVariant.objects.filter(person=sample).values_list("form", "text"))
    scope = access.visible_persons(user)
    for form in ("native", "lacinka", "passport", "russian"):
        text = forms.get(form)
        if text is None:
            continue
        from letapis.names import name_keys
        from letapis.registry.naming import search_text

        keys = sorted(k[:120] for k in name_keys(text))
        run.measure(
            f"name search ({form}: {text})"[:44],
            lambda text=text: find_persons(text, limit=10, persons=scope),
            _sql(
                "SELECT v.person_id, v.text FROM registry_namekey k JOIN registry_namevariant v ON v.id = k.variant_id "
                f"WHERE k.key IN ({', '.join(['%s'] * len(keys))}) UNION "
                "SELECT v.person_id, v.text FROM registry_namevariant v WHERE v.search_text = %s LIMIT 200",
                [*keys, search_text(text)],
            ),
        )

    held_person = held_on(DAY, persons=scope, levels=levels).order_by("id").first()
    assert held_person is not None
    pid = held_person.pk
    person_sql = _sqls(
        ("SELECT * FROM registry_person WHERE id = %s", [pid]),
        ("SELECT * FROM registry_namevariant WHERE person_id = %s", [pid]),
        ("SELECT * FROM registry_occupation WHERE person_id = %s", [pid]),
        (
            "SELECT * FROM registry_membership m JOIN registry_organisation o ON o.id = m.organisation_id "
            "WHERE m.person_id = %s",
            [pid],
        ),
        (
            "SELECT e.*, c.quote, c.source_id FROM registry_involvement i JOIN registry_event e ON e.id = i.event_id "
            "LEFT JOIN registry_claim c ON c.event_id = e.id AND c.state = 'accepted' WHERE i.person_id = %s "
            "ORDER BY e.date_latest, e.sequence, e.id",
            [pid],
        ),
        ("SELECT * FROM registry_criminalcase WHERE person_id = %s", [pid]),
        (
            f"SELECT * FROM registry_statusspan WHERE person_id = %s AND level = '{tier}' AND since <= %s "
            "AND until > %s",
            [pid, day, day],
        ),
    )  # fmt: skip
    person_floor = with_request(person_sql)
    run.measure("person page (API)", api(f"/api/v1/persons/{pid}?on={day}"), person_floor)
    try:
        web_person = reverse("web:person", args=[pid])
    except NoReverseMatch:
        web_person = ""
    if web_person and client.get(web_person).status_code == 200:
        run.measure("person page (web)", api(web_person), person_floor)

    run.measure(
        "API list, first page by name",
        api(f"/api/v1/persons?on={day}&limit=50"),
        with_request(
            _sqls(
                (f"SELECT COUNT(*) FROM registry_person p WHERE {visible}", levels),
                (
                    "SELECT p.id, p.display_name, s.status, s.since FROM registry_person p "
                    f"LEFT JOIN registry_statusspan s ON s.person_id = p.id AND s.level = '{tier}' "
                    "AND s.since <= %s AND s.until > %s "
                    f"WHERE {visible} "
                    f"ORDER BY p.display_name, p.id LIMIT 50",
                    [day, day, *levels],
                ),
            )
        ),
    )
    empty = _timed(empty_request, args.repeat)
    label = "an empty request (in the pages' floors)"
    print(f"{label:<44} {statistics.median(empty):9.1f} {_p(empty, 0.95):9.1f}")
    del pg
    worst = max(r[1] / max(r[3], 0.01) for r in run.rows)
    slowest = max(r[2] for r in run.rows)
    print(f"worst_ratio={worst:.2f} slowest_ms={slowest:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
