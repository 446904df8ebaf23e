"""Server time of the persons list page on SQLite, against its JSON twin (the API list) in the
same run.

    .venv/bin/python benchmarks/pages.py [--persons 2000] [--events 8000] [--runs 30]

Makes a synthetic registry (``letapis dev synth``) in a fresh SQLite database in a temporary data
folder, then renders through Django's test client (no network, the whole middleware stack) as an
anonymous visitor and as a signed-in viewer: the persons list unfiltered, filtered by status on a
day, and searched by a name in another script; each next to the API call it is rendered from.
Prints the median wall-clock and CPU time in milliseconds (CPU time is the fairer figure on a
busy machine) and the number of queries. The target
(issue 5): the persons list with 2,000 persons under 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=2000)
    parser.add_argument("--events", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ["LETAPIS_DATA_DIR"] = tempfile.mkdtemp(prefix="letapis-bench-")
    os.environ["DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "letapis.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from letapis.registry.models import Person
    from letapis.registry.synth.generate import generate

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    generate(args.persons, args.events, seed=7)
    print(f"registry: {Person.objects.count()} persons, made in {time.perf_counter() - started:.1f} s")
    viewer = get_user_model().objects.create_user("bench-viewer", password="x-long-password-0", role="viewer")
    some = Person.objects.order_by("id")[args.persons // 2]
    cyrillic = some.names.filter(script="Cyrl").first()
    query = cyrillic.text if cyrillic is not None else some.display_name

    def measure(client: Client, url: str) -> tuple[float, float, int]:
        """Median wall-clock and median CPU time (ms), and the query count, of ``url``. SQLite runs
        inside this process, so on an idle machine the two agree; on a busy one (other jobs on the
        same cores) the CPU time is the fairer figure of what the page costs."""
        client.get(url)  # warm: templates, vocabularies, the names core's tables
        walls, cpus = [], []
        for _ in range(args.runs):
            w0, c0 = time.perf_counter(), time.process_time()
            answer = client.get(url)
            cpus.append((time.process_time() - c0) * 1000)
            walls.append((time.perf_counter() - w0) * 1000)
            assert answer.status_code == 200, (url, answer.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return statistics.median(walls), statistics.median(cpus), len(queries)

    held = "status=held&on=2025-12-14"
    held = "status=held&on=2025-12-14"
    late = "sort=-updated"
    cases = [
        ("all persons, page 1", "/persons/", "/api/v1/persons?limit=50"),
        ("held on 2025-12-14", f"/persons/?{held}", f"/api/v1/persons?{held}&limit=50"),
        ("search in Cyrillic", f"/persons/?q={query}", f"/api/v1/persons?q={query}&limit=50"),
        ("page 20, by -updated", f"/persons/?{late}&page=20", f"/api/v1/persons?{late}&limit=50&offset=950"),
    ]
    for who, client in (("anonymous", Client()), ("viewer", Client())):
        if who == "viewer":
            client.force_login(viewer)
        print(f"\n{who}: wall / CPU ms, median (queries)  page                 API (baseline)")
        for label, page_url, api_url in cases:
            page = measure(client, page_url)
            api = measure(client, api_url)
            print(
                f"  {label:<28} {page[0]:7.1f} / {page[1]:6.1f} ({page[2]:2d})   "
                f"{api[0]:7.1f} / {api[1]:6.1f} ({api[2]:2d})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
