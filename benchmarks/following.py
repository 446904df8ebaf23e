"""Benchmark of the watch lists at scale against hand-written raw SQL (not part of the test suite).

    .venv/bin/python benchmarks/following.py --persons 100000 --events 1000000 --db sqlite
    .venv/bin/python benchmarks/following.py --persons 100000 --events 1000000 --db postgres

Builds (or reuses) the synthetic registry of ``benchmarks/registry.py`` — the same cache, the
same options — and rebuilds it when it predates the watch lists' data (contact events, follow-up
rows). Then prints, for each watch list of :mod:`letapis.following.watch` on a day, p50 and p95
in milliseconds of the count and of the first page (50 persons, with their follow-up rows,
events and sources: what the API and the page read) as a team member sees them, beside a raw SQL
floor that returns the same number or the same persons from the same tables, with the ratio of
the p50s; then the panel (every count at once, what the dashboard adds) and the API's first page
of the silent list against its floor plus an empty request. Target: under 100 ms at 100,000
persons / 1,000,000 events on both databases.

The last line is ``worst_ratio=… slowest_ms=…`` (the worst p50 ratio, the slowest p95).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The day the lists are asked for: the synthetic registry's last day (a fixed one, so that a
#: seed gives the same lists on any day).
DAY = date(2026, 11, 20)


def _registry_bench() -> Any:
    """benchmarks/registry.py as a module: its set-up, build, timing and raw SQL helpers."""
    spec = importlib.util.spec_from_file_location("bench_registry", ROOT / "benchmarks" / "registry.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ready(args: argparse.Namespace, bench: Any) -> None:
    """The registry with the watch lists' data: rebuilt (flushed, generated again) when it was
    made before the generator wrote contact events; follow-up rows derived when missing."""
    from django.core.management import call_command

    from letapis.following.models import FollowUp
    from letapis.registry.models import Event

    bench._build(args)
    if not Event.objects.filter(type__in=("letter", "lawyer_visit", "family_visit")).exists():
        print("the cached registry predates the contact events: building it again", flush=True)
        call_command("flush", interactive=False, verbosity=0)
        bench._build(args)
    if not FollowUp.objects.exists():
        from letapis.following import refresh

        print("deriving the follow-up rows …", flush=True)
        rebuild = getattr(refresh, "rebuild_all_follow_ups", None)
        if rebuild is not None:
            rebuild()
        else:
            from letapis.registry.models import Person

            ids = list(Person.objects.values_list("id", flat=True))
            for start in range(0, len(ids), 5000):
                refresh.refresh_follow_ups(ids[start : start + 5000])
        bench._settle()


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
    bench = _registry_bench()
    bench._setup(args)
    _ready(args, bench)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from letapis import access
    from letapis.following import watch
    from letapis.following.models import FollowUp
    from letapis.registry.models import Person

    User = get_user_model()
    user = User.objects.filter(username="bench-viewer").first()
    if user is None:
        user = User.objects.create_user("bench-viewer", password="bench-password-x1", role="viewer")
    client = Client()
    client.force_login(user)
    levels = list(access.levels_for(user))
    tier = access.tier_for(user)  # a constant of access.TIERS, written into the SQL as is
    marks = ", ".join(["%s"] * len(levels))
    day = DAY.isoformat()
    visible = f"p.merged_into_id IS NULL AND p.confidentiality IN ({marks})"
    held = f"s.level = '{tier}' AND s.status = 'held' AND s.since <= %s AND s.until > %s"
    silent_n = watch.silent_days()

    print(
        f"\n{connection.vendor}: {Person.objects.count()} persons, {FollowUp.objects.filter(level=tier).count()} "
        f"follow-up rows of the tier; lists on {day}; p50/p95 ms, {args.repeat} runs each"
    )
    print(f"{'measure':<44} {'p50':>9} {'p95':>9}   {'sql p50':>9} {'sql p95':>9}   ratio")
    run = bench.Runner(args.repeat)
    span_held = (
        f"EXISTS (SELECT 1 FROM registry_statusspan s WHERE s.person_id = f.person_id AND s.level = '{tier}' "
        "AND s.status = 'held' AND s.until > %s AND s.since <= %s)"
    )
    by_term = (
        "SELECT {cols} FROM following_followup f JOIN registry_person p ON p.id = f.person_id "
        f"WHERE f.level = '{tier}' AND {{ends}} AND {span_held} AND {visible}"
    )
    joined = (
        "SELECT {cols} FROM registry_person p JOIN registry_statusspan s ON s.person_id = p.id "
        f"LEFT JOIN following_followup f ON f.person_id = p.id AND f.level = '{tier}' WHERE {held} AND {visible} "
    )
    page_cols = "p.id, p.display_name"
    cut = (DAY - timedelta(days=silent_n)).isoformat()
    hidden = f"s.person_id IN (SELECT p.id FROM registry_person p WHERE NOT ({visible}))"
    silent_spans = f"s.level = '{tier}' AND s.status = 'held' AND s.until > %s AND s.since < %s"
    recent = (
        "EXISTS (SELECT 1 FROM following_followup f WHERE f.person_id = s.person_id "
        f"AND f.level = '{tier}' AND f.last_contact >= %s)"
    )
    keys = watch.birthday_keys(DAY, 30)
    born = (
        "p.confidentiality = 'public' AND p.publishable AND length(p.birth_date) = 10 "
        f"AND substr(p.birth_date, 6, 5) IN ({', '.join(['%s'] * len(keys))})"
    )
    # each list: (label, list, N, count floor (sql, params), page floor (sql, params)); the
    # floors are the quickest raw SQL found for the same answer (the term lists probe the
    # follow-up rows' end index; the silent count subtracts, as count_held does)
    due_ends = "f.end_latest >= %s AND f.end_earliest <= %s"
    specs: list[tuple[str, str, int, tuple[str, list[Any]], tuple[str, list[Any]]]] = []
    for n in (30, 90):
        params = [day, (DAY + timedelta(days=n)).isoformat(), day, day, *levels]
        specs.append(
            (
                f"due {n}",
                "due",
                n,
                (by_term.format(cols="COUNT(*)", ends=due_ends), params),
                (
                    by_term.format(cols=page_cols, ends=due_ends)
                    + " ORDER BY f.end_earliest, f.end_latest, p.display_name, p.id LIMIT 50",
                    params,
                ),
            )
        )
    params = [day, day, day, *levels]
    specs.append(
        (
            "overdue",
            "overdue",
            0,
            (by_term.format(cols="COUNT(*)", ends="f.end_latest < %s"), params),
            (
                by_term.format(cols=page_cols, ends="f.end_latest < %s")
                + " ORDER BY f.end_latest, f.end_earliest, p.display_name, p.id LIMIT 50",
                params,
            ),
        )
    )
    if connection.vendor == "postgresql":
        silent_count = (
            f"SELECT COUNT(*) FROM registry_statusspan s WHERE {silent_spans} AND NOT {recent} "
            f"AND NOT EXISTS (SELECT 1 FROM registry_person p WHERE p.id = s.person_id AND NOT ({visible}))",
            [day, cut, cut, *levels],
        )
    else:
        silent_count = (
            f"SELECT (SELECT COUNT(*) FROM registry_statusspan s WHERE {silent_spans}) "
            f"- (SELECT COUNT(*) FROM registry_statusspan s WHERE {silent_spans} AND {recent}) "
            f"- (SELECT COUNT(*) FROM registry_statusspan s WHERE {silent_spans} AND {hidden} AND NOT {recent})",
            [day, cut, day, cut, cut, day, cut, *levels, cut],
        )
    specs.append(
        (
            f"silent {silent_n}",
            "silent",
            silent_n,
            silent_count,
            (
                joined.format(cols=page_cols)
                + "AND s.since < %s AND (f.last_contact IS NULL OR f.last_contact < %s) "
                "ORDER BY MAX(COALESCE(f.last_contact, s.since), s.since), p.id LIMIT 50".replace(
                    "MAX(", "GREATEST(" if connection.vendor == "postgresql" else "MAX("
                ),
                [day, day, *levels, cut, cut],
            ),
        )
    )
    params = [day, day, *levels, *keys]
    specs.append(
        (
            "birthdays 30",
            "birthdays",
            30,
            (joined.format(cols="COUNT(*)") + f"AND {born}", params),
            (
                joined.format(cols=page_cols)
                + f"AND {born} ORDER BY substr(p.birth_date, 6, 5), p.display_name, p.id LIMIT 50",
                params,
            ),
        )
    )

    def with_facts(page_sql: str, page_params: list[Any]) -> Any:
        """The page's raw SQL, then its persons' follow-up rows, their events and the sources'
        claims: what a page shows, read by hand."""

        def run_page() -> Any:
            with connection.cursor() as cursor:
                cursor.execute(page_sql, page_params)
                ids = [row[0] for row in cursor.fetchall()] or [0]
                marks_ids = ", ".join(["%s"] * len(ids))
                cursor.execute(
                    "SELECT f.person_id, f.end_earliest, f.end_latest, f.place_id, f.last_contact, f.place_event_id, "
                    "f.contact_event_id, c.sentence_event_id FROM following_followup f "
                    "LEFT JOIN registry_criminalcase c ON c.id = f.case_id "
                    f"WHERE f.level = '{tier}' AND f.person_id IN ({marks_ids})",
                    ids,
                )
                events = [e for row in cursor.fetchall() for e in row[5:] if e is not None] or [0]
                marks_events = ", ".join(["%s"] * len(events))
                cursor.execute(f"SELECT id, type, date FROM registry_event WHERE id IN ({marks_events})", events)
                cursor.fetchall()
                cursor.execute(
                    "SELECT c.id, c.event_id, c.quote, s.title FROM registry_claim c JOIN registry_source s "
                    f"ON s.id = c.source_id WHERE c.state = 'accepted' AND c.event_id IN ({marks_events})",
                    events,
                )
                return cursor.fetchall()

        return run_page

    sizes = {}
    for label, name, n, (count_sql, count_params), (page_sql, page_params) in specs:
        sizes[label] = len(watch.watch_list(name, DAY, user, n))
        run.measure(
            f"{label}: count",
            lambda name=name, n=n: len(watch.watch_list(name, DAY, user, n)),
            bench._sql(count_sql, count_params),
        )
        page_floor = with_facts(page_sql, page_params)
        run.measure(
            f"{label}: first page",
            lambda name=name, n=n: watch.watch_list(name, DAY, user, n).counted_page(0, 50),
            lambda count_sql=count_sql, count_params=count_params, page_floor=page_floor: (
                bench._sql(count_sql, count_params)(),
                page_floor(),
            ),
        )
    run.measure(
        "panel (every count)",
        lambda: watch.panel(DAY, user),
        bench._sqls(*[count for _l, _n, _d, count, _p in specs]),
    )

    def empty_request() -> Any:
        response = client.get("/api/v1/persons/999999999")
        assert response.status_code == 404, response.status_code
        return response

    def api_page() -> Any:
        response = client.get(f"/api/v1/following/silent?on={day}&days={silent_n}&limit=50")
        assert response.status_code == 200, response.content[:300]
        return response

    _label, _name, _n, (count_sql, count_params), (page_sql, page_params) = specs[3]
    silent_floor = with_facts(page_sql, page_params)
    run.measure(
        "silent, first page (API)",
        api_page,
        lambda: (empty_request(), bench._sql(count_sql, count_params)(), silent_floor()),
    )
    print("list sizes: " + ", ".join(f"{label} {n}" for label, n in sizes.items()))
    worst = max(r[1] / max(r[3], 0.01) for r in run.rows)
    slowest = max(r[2] for r in run.rows)
    print(f"worst_ratio={worst:.2f} slowest_ms={slowest:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
