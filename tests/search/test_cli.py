"""``letapis search reindex`` and ``letapis search find``, run in-process."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from letapis.cli import main
from letapis.registry.models import Source
from letapis.search.models import SearchEntry


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def test_reindex_rebuilds_what_bulk_writes_missed(corpus: dict[str, Any]) -> None:
    Source.objects.filter(pk=corpus["english"].pk).update(text="Sviatlana Tsikhanouskaya spoke")  # no signal
    assert run("search", "find", "Ціханоўская").output.startswith("0 hit(s)")
    result = run("search", "reindex")
    assert result.exit_code == 0, result.output
    assert result.output == "indexed 4 source(s) and 2 claim(s)\n"
    assert SearchEntry.objects.count() == 6
    found = run("search", "find", "Ціханоўская")
    assert found.output.startswith("1 hit(s)") and "**Tsikhanouskaya**" in found.output


def test_find_as_json_with_filters(corpus: dict[str, Any]) -> None:
    result = run("search", "find", "Nobel", "--language", "en", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["count"] == 1 and payload["hits"][0]["source"] == corpus["english"].pk
    assert "<mark>Nobel</mark>" in payload["hits"][0]["snippet"]


def test_the_public_view_of_the_cli(corpus: dict[str, Any], monkeypatch: Any) -> None:
    assert run("search", "find", "сведка").output.startswith("2 hit(s)")
    monkeypatch.setenv("LETAPIS_CLI_PUBLIC", "1")
    assert run("search", "find", "сведка").output.startswith("0 hit(s)")


def test_bad_input_is_one_line(corpus: dict[str, Any]) -> None:
    result = run("search", "find", "--", "-only")
    assert result.exit_code == 1 and "a query needs at least one word" in result.output
    result = run("search", "find", "Nobel", "--from", "yesterday")
    assert result.exit_code == 1 and "--from must be a day" in result.output
