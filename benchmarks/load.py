"""Load test of the production server: concurrent readers and writers against gunicorn on
PostgreSQL, with zero errors and zero lost writes required.

    .venv/bin/python benchmarks/load.py                       # 30 s, 8 readers, 4 writers
    .venv/bin/python benchmarks/load.py --seconds 60 --readers 16 --writers 8 --persons 20000

What it does, all on loopback:

1. creates a fresh PostgreSQL database (``letapis_load_<pid>`` on the server of
   ``LOAD_PG_URL``, default ``postgres://postgres@127.0.0.1:5432/postgres``) and fills it with
   ``letapis dev synth`` (a synthetic registry), four editors with API tokens, one source and the
   persons the writers edit;
2. starts the production server, ``letapis serve`` (gunicorn, ``--workers``), with ``DEBUG`` off;
3. baseline: ``GET /healthz`` (no database, no session) at the same concurrency, for a fifth of
   the time — what the server and this client cost on their own;
4. the mixed load for ``--seconds``: readers list persons, list who is held, open a person;
   writers either edit a person through ``PATCH /persons/{id}`` with the version they read (a
   409 is a version conflict, counted, and the writer reads again), or propose a claim and accept
   it (``POST /claims``, ``POST /claims/{id}/accept``);
5. checks the database: every acknowledged edit raised its person's version by exactly one and
   wrote one audit entry; every acknowledged claim exists, and every acknowledged acceptance is
   accepted with one review action. A write acknowledged but missing is a *lost write*.

Prints p50/p95 latency per kind, requests per second, errors (any 5xx, a refused connection, an
unexpected status) and lost writes; exits 1 if either is not zero. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TEXT = "Among those released is the poet Ryhor Novy, a member of PEN Belarus."

SETUP = """
import json, django
django.setup()
from letapis.accounts.models import User
from letapis.api.tokens import do_create_token
from letapis.registry import services as s
from letapis.registry.models import Person
tokens = []
for i in range(4):
    user = User.objects.create_user(f"load-editor-{i}", password=None, role="editor", sees_confidential=True)
    tokens.append(do_create_token(None, user, "load test")[1])
source, _ = s.do_create_source(None, data=TEXT.encode(), filename="load.txt", text=TEXT, confidentiality="internal")
edited = [s.do_create_person(None, names=[f"Load Edited {i}"]).pk for i in range(EDITED)]
novy = s.do_create_person(None, names=["Ryhor Novy"]).pk
readable = list(Person.objects.order_by("?").values_list("pk", flat=True)[:500])
public = list(
    Person.objects.filter(publishable=True, confidentiality="public").order_by("?").values_list("pk", flat=True)[:500]
)
print(json.dumps({"tokens": tokens, "source": source.pk, "edited": edited, "novy": novy, "readable": readable,
                  "public": public}))
"""

CHECK = """
import json, django
django.setup()
from letapis.audit.models import AuditEntry
from letapis.registry.models import Claim, Person
from letapis.review.models import ReviewAction
acked = json.loads(ACKED)
lost = []
for pk, count in acked["edits"].items():
    person = Person.objects.get(pk=int(pk))
    audits = AuditEntry.objects.filter(action="person.update", object_id=str(pk)).count()
    if person.version != 1 + count or audits != count:
        lost.append(f"person {pk}: {count} edits acknowledged, version {person.version}, {audits} audit entries")
claims = dict(Claim.objects.filter(pk__in=acked["claims"]).values_list("pk", "state"))
lost += [f"claim {pk}: acknowledged, not stored" for pk in acked["claims"] if pk not in claims]
for pk in acked["accepted"]:
    actions = ReviewAction.objects.filter(claim_id=pk).count()
    if claims.get(pk) != "accepted" or actions != 1:
        lost.append(f"claim {pk}: acceptance acknowledged, state {claims.get(pk)}, {actions} review actions")
print(json.dumps({"lost": lost, "persons": Person.objects.count()}))
"""


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    conflicts: int = 0
    edits: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    claims: list[int] = field(default_factory=list)
    accepted: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    """One keep-alive HTTP connection (one real client), JSON in and out."""

    def __init__(self, port: int, token: str | None, tally: Tally) -> None:
        self.port, self.tally = port, tally
        self.headers = {"Host": "127.0.0.1", "Content-Type": "application/json"}
        if token is not None:
            self.headers["Authorization"] = f"Bearer {token}"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, kind: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body)
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=self.headers)
            response = self.connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            with self.tally.lock:
                self.tally.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            return 0, None
        elapsed = time.perf_counter() - started
        with self.tally.lock:
            self.tally.latencies[kind].append(elapsed)
        if response.status >= 500:
            with self.tally.lock:
                self.tally.errors.append(f"{kind}: {response.status} {raw[:200]!r}")
        content = response.getheader("Content-Type", "")
        return response.status, json.loads(raw) if content.startswith("application/json") else raw

    def expect(self, kind: str, status: int, expected: tuple[int, ...], answer: Any) -> bool:
        if status in expected:
            return True
        if status != 0 and status < 500:
            with self.tally.lock:
                self.tally.errors.append(f"{kind}: unexpected {status} {str(answer)[:200]}")
        return False


def reader(client: Client, ids: list[int], stop: float, rng: random.Random) -> None:
    while time.monotonic() < stop:
        pick = rng.random()
        if pick < 0.35:
            status, answer = client.call(
                "read: persons list", "GET", f"/api/v1/persons?limit=50&offset={rng.randrange(200)}"
            )
        elif pick < 0.55:
            status, answer = client.call("read: held list", "GET", "/api/v1/held?limit=100")
        else:
            status, answer = client.call("read: person detail", "GET", f"/api/v1/persons/{rng.choice(ids)}")
        client.expect("read", status, (200,), answer)


def writer(client: Client, setup: dict[str, Any], stop: float, rng: random.Random, tally: Tally) -> None:
    while time.monotonic() < stop:
        if rng.random() < 0.7:
            pk = rng.choice(setup["edited"])
            status, answer = client.call("write: read version", "GET", f"/api/v1/persons/{pk}")
            if not client.expect("write: read version", status, (200,), answer):
                continue
            body = {"version": answer["version"], "birth_date": str(rng.randrange(1940, 2005))}
            status, answer = client.call("write: edit person", "PATCH", f"/api/v1/persons/{pk}", body)
            if status == 200:
                with tally.lock:
                    tally.edits[pk] += 1
            elif status == 409:
                with tally.lock:
                    tally.conflicts += 1
            else:
                client.expect("write: edit person", status, (200, 409), answer)
        else:
            claim = {
                "source_id": setup["source"],
                "kind": "person",
                "value": {"name": "Ryhor Novy"},
                "quote": "Ryhor Novy",
            }
            status, answer = client.call("write: propose claim", "POST", "/api/v1/claims", claim)
            if not client.expect("write: propose claim", status, (201,), answer):
                continue
            with tally.lock:
                tally.claims.append(answer["id"])
            accept = {"version": answer["version"], "person_id": setup["novy"]}
            status, answer = client.call("write: accept claim", "POST", f"/api/v1/claims/{answer['id']}/accept", accept)
            if client.expect("write: accept claim", status, (200,), answer):
                with tally.lock:
                    tally.accepted.append(answer["id"])


def run_phase(
    port: int, setup: dict[str, Any], readers: int, writers: int, seconds: float, baseline: bool
) -> tuple[Tally, float]:
    tally = Tally()
    stop = time.monotonic() + seconds
    threads = []
    for i in range(readers + writers):
        rng = random.Random(i)
        token = setup["tokens"][i % len(setup["tokens"])]
        if baseline:
            client = Client(port, None, tally)

            def target(c: Client = client) -> None:
                while time.monotonic() < stop:
                    status, answer = c.call("baseline: GET /healthz", "GET", "/healthz")
                    c.expect("baseline", status, (200,), answer)

        elif i < readers:
            team = i % 2 == 1  # half the readers anonymous (public records only), half the team
            client = Client(port, token if team else None, tally)
            ids = setup["readable" if team else "public"]

            def target(c: Client = client, r: random.Random = rng, ids: list[int] = ids) -> None:
                reader(c, ids, stop, r)

        else:
            client = Client(port, token, tally)

            def target(c: Client = client, r: random.Random = rng) -> None:
                writer(c, setup, stop, r, tally)

        threads.append(threading.Thread(target=target))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(title: str, tally: Tally, elapsed: float) -> None:
    total = sum(len(v) for v in tally.latencies.values())
    print(f"\n{title}: {total} requests in {elapsed:.1f} s = {total / elapsed:.0f} requests/s")
    print(f"  {'kind':<26} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}")
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        print(
            f"  {kind:<26} {len(values):>7} {percentile(values, 50) * 1000:>8.1f} "
            f"{percentile(values, 95) * 1000:>8.1f} {len(values) / elapsed:>7.1f}"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}) before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer on port {port} within {timeout:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--persons", type=int, default=5000, help="persons of the synthetic registry")
    parser.add_argument("--edited", type=int, default=10, help="persons the writers edit (fewer: more conflicts)")
    args = parser.parse_args()

    import psycopg

    base = os.environ.get("LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"letapis_load_{os.getpid()}"
    parts = urlsplit(base)
    database_url = urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    data_dir = tempfile.mkdtemp(prefix="letapis-load-")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "LETAPIS_DATA_DIR": data_dir,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "letapis.settings",
    }
    env.pop("LETAPIS_HTTPS", None)
    server = None
    try:
        started = time.monotonic()
        subprocess.run(
            [str(BIN / "letapis"), "dev", "synth", "--persons", str(args.persons), "--events", str(args.persons * 4)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        code = SETUP.replace("TEXT", repr(TEXT)).replace("EDITED", str(args.edited))
        setup = json.loads(
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
        )
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute("ANALYZE")  # planner statistics after the bulk load, as autovacuum would gather
        print(
            f"Database {name}: synthetic registry of {args.persons} persons ready in {time.monotonic() - started:.0f} s"
        )

        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "letapis"), "serve", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(port, server)
        load = os.getloadavg()
        print(f"Machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} (shared with other work: see the baseline)")
        clients = args.readers + args.writers
        print(f"Server: letapis serve (gunicorn, {args.workers} workers) on 127.0.0.1:{port}; {clients} clients")

        base_tally, base_elapsed = run_phase(port, setup, args.readers, args.writers, max(5.0, args.seconds / 5), True)
        report(f"Baseline, GET /healthz with {clients} clients", base_tally, base_elapsed)
        tally, elapsed = run_phase(port, setup, args.readers, args.writers, args.seconds, False)
        report(f"Mixed load, {args.readers} readers + {args.writers} writers", tally, elapsed)

        acked = {"edits": dict(tally.edits), "claims": tally.claims, "accepted": tally.accepted}
        code = CHECK.replace("ACKED", repr(json.dumps(acked)))
        checked = json.loads(
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True).stdout
        )
        errors = tally.errors + base_tally.errors
        print(
            f"\nWrites acknowledged: {sum(tally.edits.values())} person edits, {len(tally.claims)} claims proposed, "
            f"{len(tally.accepted)} accepted; version conflicts answered 409 (the writer read again): {tally.conflicts}"
        )
        print(f"Errors: {len(errors)}")
        for line in errors[:10]:
            print(f"  {line}")
        print(f"Lost writes: {len(checked['lost'])}")
        for line in checked["lost"][:10]:
            print(f"  {line}")
        return 0 if not errors and not checked["lost"] else 1
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
