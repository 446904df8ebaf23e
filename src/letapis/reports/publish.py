"""The static public site: a self-contained folder of HTML, CSS, a little JavaScript and JSON,
to be hosted anywhere (or opened from disk) while the database stays private.

It is built **as the public sees the registry** (``user=None`` for every query, see
:mod:`letapis.access`): public records of publishable persons only. Nothing internal or
confidential — no note, claim, source, person or record of those levels — reaches a file.

Layout of the output folder::

    index.html              links to the three languages
    en/ be/ ru/             index.html (the list of those held, filtered in the page),
                            numbers.html (numbers, charts with their data tables),
                            persons/<id>.html (a page per person with status and sources)
    data/                   held.json, persons.json, stats.json, registry.json
    assets/                 style.css, filter.js

Links are relative and nothing is fetched from elsewhere: no fonts, scripts or images from
other sites, and the JSON files are for download (the pages do not load them).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from letapis import access
from letapis import language as lang_
from letapis.accounts.actor import Actor
from letapis.names.collation import sort_key
from letapis.registry.models import Event, Involvement, InvolvementRole, Note
from letapis.registry.queries import held_list, names_in
from letapis.reports import exports, stats
from letapis.reports.monitoring import ASSETS, build_report, first_of_month, report_css, report_words, word
from letapis.reports.statement import person_label

LANGUAGE_LABELS = (("en", "English"), ("be", "Беларуская"), ("ru", "Русский"))
PUBLIC: Any = None  # the site is always built as the anonymous public


def _words(lang: str, day: date) -> dict[str, Any]:
    result: dict[str, Any] = report_words(lang, lang_.format_date(day, lang))
    result["person"] = {
        key: word(f"site_person.{key}", lang)
        for key in ("memberships", "honours", "cases", "articles", "sentence", "exile", "notes")
    }
    return result


def _grouped_sources(refs: list[Any]) -> list[dict[str, Any]]:
    """Each source once, in the order first cited, with its quotes (each once) under it."""
    by_source: dict[int, dict[str, Any]] = {}
    for ref in refs:
        entry = by_source.setdefault(
            ref["source_id"], {"title": ref["title"], "date": ref["date"], "url": ref.get("url", ""), "quotes": []}
        )
        quote = ref["quote"].strip()
        if quote and quote not in entry["quotes"]:
            entry["quotes"].append(quote)
    return list(by_source.values())


def _article_label(article: str, lang: str) -> str:
    """The vocabulary's label of an article ("" for one the vocabulary does not know)."""
    from letapis.registry.services.cases import article_code

    code = article_code(article)
    label = lang_.vocab_label("criminal_code_articles", code, lang)
    return "" if label == code else label


def _cases(ids: list[int], lang: str) -> dict[int, list[dict[str, Any]]]:
    """Each person's public criminal cases: articles with their labels, the sentence (regime,
    term in years and months, date of the verdict), the court and the judge where they are
    public, the date of the appeal."""
    from letapis.registry.models import CriminalCase
    from letapis.registry.services.cases import article_text

    public = access.visible(PUBLIC, CriminalCase.objects.filter(person_id__in=ids)).order_by("id")
    rows = list(public.select_related("court", "judge"))
    judges = set(
        access.visible_persons(PUBLIC)
        .filter(pk__in=[c.judge_id for c in rows if c.judge_id is not None])
        .values_list("pk", flat=True)
    )
    cases: dict[int, list[dict[str, Any]]] = {}
    for case in rows:
        sentence = []
        if case.sentence_kind:
            sentence.append(lang_.vocab_label("sentence_regimes", case.sentence_kind, lang))
        if case.sentence_months is not None:
            sentence.append(lang_.term_phrase(case.sentence_months, lang))
        if case.sentence_date:
            sentence.append(lang_.format_partial(case.sentence_date, lang))
        court = case.court.name if case.court is not None and case.court.confidentiality == "public" else ""
        judge = case.judge.display_name if case.judge is not None and case.judge_id in judges else case.judge_name
        cases.setdefault(case.person_id, []).append(
            {
                "articles": [(article_text(a, lang), _article_label(a, lang)) for a in case.articles],
                "sentence": ", ".join(sentence),
                "court": court,
                "judge": judge,
                "appeal": lang_.format_partial(case.appeal_date, lang) if case.appeal_date else "",
            }
        )
    return cases


def _exiles(involvements: list[Involvement], lang: str) -> dict[int, list[tuple[str, str]]]:
    """Each person's forced exile: the expulsions (an event type with ``exile``, or an event
    marked so) they are a victim of, with the countries they were sent to."""
    from letapis.vocab import vocabulary

    types = vocabulary("event_types")
    exiles: dict[int, list[tuple[str, str]]] = {}
    for inv in involvements:
        event: Event = inv.event
        term = types.get(event.type)
        # a person's release may be part of a collective one that says where they were taken
        parent = event.parent if event.parent is not None and event.parent.confidentiality == "public" else None
        exile = event.forced_exile or (parent is not None and parent.forced_exile)
        if not (exile or (term is not None and term.extra.get("exile"))):
            continue
        when = lang_.format_partial(event.date, lang) if event.date else ""
        destinations = event.destinations or ([] if parent is None else parent.destinations)
        where = lang_.countries_to(destinations, lang)
        text = word("site_person.exiled_to", lang, countries=where) if where else word("site_person.exiled", lang)
        assert inv.person_id is not None
        exiles.setdefault(inv.person_id, []).append((when, text))
    return exiles


def _person_pages(ids: list[int], lang: str, day: date) -> dict[int, dict[str, Any]]:
    """The person pages' content: status, then each kind of fact in its own place
    (occupations, memberships, honours, criminal cases, forced exile, events, notes) and each
    source once with its quotes — all as the public sees the registry."""
    rows = {r["id"]: r for r in exports.persons_table(PUBLIC, day, only=ids, lang=lang)}
    names = names_in(ids, lang, PUBLIC)
    sources = stats.person_sources(ids, PUBLIC)
    involvements = list(
        access.visible(
            PUBLIC,
            Involvement.objects.filter(
                person_id__in=ids,
                role=InvolvementRole.VICTIM,
                event__confidentiality__in=access.PUBLIC_ONLY,
            ),
        )
        .select_related("event", "event__parent")
        .order_by("event__date_latest", "event__sequence", "event_id")
    )
    events: dict[int, list[tuple[str, str]]] = {}
    for inv in involvements:
        assert inv.person_id is not None
        event: Event = inv.event
        # as the app writes a partial date: "on or before 12 December 2025", "November 2021"
        when = lang_.format_partial(event.date, lang) if event.date else ""
        events.setdefault(inv.person_id, []).append((when, lang_.vocab_label("event_types", event.type, lang)))
    exiles = _exiles(involvements, lang)
    cases = _cases(ids, lang)
    notes: dict[int, list[str]] = {}
    for note in access.visible(PUBLIC, Note.objects.filter(person_id__in=ids)).order_by("id"):
        assert note.person_id is not None
        notes.setdefault(note.person_id, []).append(note.text)
    pages = {}
    for pid in ids:
        row = rows.get(pid)
        if row is None:
            continue
        pages[pid] = {
            "id": pid,
            "name": names[pid],
            "other_names": " · ".join(
                dict.fromkeys(
                    t
                    for t in (
                        row["name"],
                        row["name_native"],
                        row["name_lacinka"],
                        row["name_passport"],
                        row["name_russian"],
                    )
                    if t and t != names[pid]
                )
            ),
            "status": lang_.vocab_label("statuses", row["status"], lang),
            # "held since", as every output gives it (letapis.registry.status.since_of)
            "since": lang_.format_date(date.fromisoformat(row["status_since"]), lang) if row["status_since"] else "",
            "occupations": ", ".join(
                person_label("occupations", c, lang, row["gender"]) for c in row["occupations"].split("; ") if c
            ),
            "memberships": [m for m in row["memberships"].split("; ") if m],
            "honours": [h for h in row["honours_label"].split("; ") if h],
            "cases": cases.get(pid, []),
            "exile": exiles.get(pid, []),
            "events": events.get(pid, []),
            "notes": notes.get(pid, []),
            "sources": _grouped_sources(sources.get(pid, [])),
        }
    return pages


def publish(out: Path, day: date | None = None, *, actor: Actor = None, how: str = "cli") -> dict[str, int]:
    """Build the site into ``out`` (created; an existing site there is replaced). Returns counts.

    Each source the site carries (``data/registry.json`` lists them all; the person pages cite
    some) gets a PUBLISHED step in its chain of custody, by ``actor``. The site holds no source
    file and no image of one; were one added, it would go through
    :func:`letapis.documents.strip.strip_metadata` (``tests/custody/test_no_exif_leaves.py``
    opens every image of a built site and fails on any metadata)."""
    day = timezone.localdate() if day is None else day
    if out.exists():
        is_site = (out / "index.html").exists() and (out / "assets").is_dir()
        if not is_site and any(out.iterdir()):
            raise FileExistsError(f"{out} exists and is not a Letapis site: choose an empty folder")
        shutil.rmtree(out)
    (out / "assets").mkdir(parents=True)
    (out / "data").mkdir()
    site_css = report_css() + (ASSETS / "site.css").read_text(encoding="utf-8")
    (out / "assets" / "style.css").write_text(site_css, encoding="utf-8")
    shutil.copyfile(ASSETS / "filter.js", out / "assets" / "filter.js")

    held = held_list(day, PUBLIC)
    starts = stats.spell_starts(day, PUBLIC)
    start = first_of_month(day, 11)
    files = 0
    for lang, _ in LANGUAGE_LABELS:
        folder = out / lang
        (folder / "persons").mkdir(parents=True)
        w = _words(lang, day)
        report = build_report(start, day, lang, PUBLIC)
        for chart in report.charts:
            chart.svg_text = chart.svg()
        ids = sorted({r["id"] for r in held} | set(report.names))
        pages = _person_pages(ids, lang, day)
        names = names_in([r["id"] for r in held], lang, PUBLIC)
        rows = []
        occupation_codes: dict[str, str] = {}
        for r in held:
            labels = [lang_.vocab_label("occupations", c, lang) for c in r["occupations"]]
            occupation_codes.update(zip(r["occupations"], labels, strict=True))
            rows.append(
                {
                    "id": r["id"],
                    "name": names[r["id"]],
                    "occupations": ", ".join(labels),
                    "codes": " ".join(r["occupations"]),
                    "since": lang_.format_date(starts[r["id"]], lang) if r["id"] in starts else "",
                    "search": " ".join([names[r["id"]], *r["names"], *labels, *r["occupations"]]),
                }
            )
        rows.sort(key=lambda x: sort_key(str(x["name"])))  # stable: equal names keep the held order
        common = {"lang": lang, "w": w, "languages": LANGUAGE_LABELS}
        (folder / "index.html").write_text(
            render_to_string(
                "reports/site_index.html",
                {
                    **common,
                    "root": "../",
                    "page": "index.html",
                    "held": rows,
                    "occupations": sorted(occupation_codes.items(), key=lambda x: x[1]),
                },
            ),
            encoding="utf-8",
        )
        (folder / "numbers.html").write_text(
            render_to_string(
                "reports/site_numbers.html",
                {
                    **common,
                    "root": "../",
                    "page": "numbers.html",
                    "r": report,
                },
            ),
            encoding="utf-8",
        )
        for pid, page in pages.items():
            (folder / "persons" / f"{pid}.html").write_text(
                render_to_string(
                    "reports/site_person.html",
                    {
                        **common,
                        "root": "../../",
                        "page": f"persons/{pid}.html",
                        "p": page,
                    },
                ),
                encoding="utf-8",
            )
        files += 2 + len(pages)
    links = "".join(f'<li><a href="{code}/index.html">{label}</a></li>' for code, label in LANGUAGE_LABELS)
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Letapis</title>'
        '<link rel="stylesheet" href="assets/style.css"></head><body><main><h1>Letapis</h1>'
        f"<ul>{links}</ul></main></body></html>\n",
        encoding="utf-8",
    )

    def dump(name: str, data: Any) -> None:
        (out / "data" / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    dump(
        "held.json",
        {
            "on": day.isoformat(),
            "count": len(held),
            "persons": [
                {
                    "id": r["id"],
                    "name": r["name"],
                    "names": r["names"],
                    "occupations": r["occupations"],
                    "since": None if r["id"] not in starts else starts[r["id"]].isoformat(),
                    "sources": r["sources"],
                }  # the deciding event is left out: it may be an internal record
                for r in held
            ],
        },
    )
    dump("persons.json", exports.persons_table(PUBLIC, day))
    dump(
        "stats.json",
        {
            "on": day.isoformat(),
            "held": asdict(stats.held_count(day, PUBLIC)),
            "breakdowns": {by: [asdict(s) for s in stats.breakdown(day, PUBLIC, by)] for by in stats.BREAKDOWNS},
            "series": [
                {"day": p.day.isoformat(), "count": p.count, "person_ids": list(p.person_ids)}
                for p in stats.held_series(start, day, PUBLIC)
            ],
        },
    )
    registry = exports.registry_json(PUBLIC)
    dump("registry.json", registry)
    from letapis.custody.models import CustodyAction
    from letapis.custody.services import do_record_release

    do_record_release(
        actor,
        [int(source["id"]) for source in registry["sources"]],
        CustodyAction.PUBLISHED,
        how=how,
        detail={"name": "static site", "format": "html", "day": day.isoformat()},
    )
    return {"pages": files + 1, "held": len(held), "sources": len(registry["sources"])}
