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

    from letapis.following import watch
    from letapis.following.models import FollowUp
    from letapis.registry import access
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
    base = (
        "FROM registry_person p JOIN registry_statusspan s ON s.person_id = p.id "
        f"LEFT JOIN following_followup f ON f.person_id = p.id AND f.level = '{tier}' "
    )
    floors: dict[str, tuple[str, list[Any], str]] = {
        "due 30": (
            f"{held} AND {visible} AND f.end_latest >= %s AND f.end_earliest <= %s",
            [day, day, *levels, day, (DAY + timedelta(days=30)).isoformat()],
            "f.end_earliest, f.end_latest, p.display_name, p.id",
        ),
        "due 90": (
            f"{held} AND {visible} AND f.end_latest >= %s AND f.end_earliest <= %s",
            [day, day, *levels, day, (DAY + timedelta(days=90)).isoformat()],
            "f.end_earliest, f.end_latest, p.display_name, p.id",
        ),
        "overdue": (
            f"{held} AND {visible} AND f.end_latest < %s",
            [day, day, *levels, day],
            "f.end_latest, f.end_earliest, p.display_name, p.id",
        ),
        f"silent {silent_n}": (
            f"{held} AND {visible} AND s.since < %s AND (f.last_contact IS NULL OR f.last_contact < %s)",
            [day, day, *levels, *[(DAY - timedelta(days=silent_n)).isoformat()] * 2],
            "COALESCE(f.last_contact, s.since), p.display_name, p.id",  # near enough the order
        ),
    }
    keys = watch.birthday_keys(DAY, 30)
    floors["birthdays 30"] = (
        f"{held} AND {visible} AND p.confidentiality = 'public' AND p.publishable "
        f"AND length(p.birth_date) = 10 AND substr(p.birth_date, 6, 5) IN ({', '.join(['%s'] * len(keys))})",
        [day, day, *levels, *keys],
        "substr(p.birth_date, 6, 5), p.display_name, p.id",
    )
    lists = {
        "due 30": ("due", 30),
        "due 90": ("due", 90),
        "overdue": ("overdue", 0),
        f"silent {silent_n}": ("silent", silent_n),
        "birthdays 30": ("birthdays", 30),
    }
    sizes = {}
    for label, (name, n) in lists.items():
        where, params, order = floors[label]
        sizes[label] = len(watch.watch_list(name, DAY, user, n))
        run.measure(
            f"{label}: count",
            lambda name=name, n=n: len(watch.watch_list(name, DAY, user, n)),
            bench._sql(f"SELECT COUNT(*) {base} WHERE {where}", params),
        )
        page = f"SELECT p.id, p.display_name, s.since, s.event_id {base} WHERE {where} ORDER BY {order} LIMIT 50"
        if connection.vendor == "sqlite":
            page_floor = bench._sql(
                page.replace("s.event_id ", "s.event_id, COUNT(*) OVER () ", 1), params
            )  # the page carries its total, as WatchRows.counted_page reads it there
        else:
            page_floor = bench._sqls((f"SELECT COUNT(*) {base} WHERE {where}", params), (page, params))
        run.measure(
            f"{label}: first page",
            lambda name=name, n=n: watch.watch_list(name, DAY, user, n).counted_page(0, 50),
            page_floor,
        )
    run.measure(
        "panel (every count)",
        lambda: watch.panel(DAY, user),
        bench._sqls(*[(f"SELECT COUNT(*) {base} WHERE {w}", p) for w, p, _ in floors.values()]),
    )

    def empty_request() -> Any:
        response = client.get("/api/v1/persons/999999999")
        assert response.status_code == 404, response.status_code
        return response

    where, params, order = floors[f"silent {silent_n}"]

    def api_page() -> Any:
        response = client.get(f"/api/v1/following/silent?on={day}&days={silent_n}&limit=50")
        assert response.status_code == 200, response.content[:300]
        return response

    silent_page = f"SELECT p.id, p.display_name, s.since, s.event_id {base} WHERE {where} ORDER BY {order} LIMIT 50"
    run.measure(
        "silent, first page (API)",
        api_page,
        lambda: (
            empty_request(),
            bench._sql(silent_page, params)(),
            bench._sql(f"SELECT COUNT(*) {base} WHERE {where}", params)(),
        ),
    )
    print("list sizes: " + ", ".join(f"{label} {n}" for label, n in sizes.items()))
    worst = max(r[1] / max(r[3], 0.01) for r in run.rows)
    slowest = max(r[2] for r in run.rows)
    print(f"worst_ratio={worst:.2f} slowest_ms={slowest:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
