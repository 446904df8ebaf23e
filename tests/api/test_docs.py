"""docs/api.md names every operation of the schema and every filter of the persons list (they
drift otherwise)."""

from __future__ import annotations

import re
from pathlib import Path

DOC = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")


def test_every_operation_is_in_the_docs() -> None:
    from letapis.api.main import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        documented = re.sub(r"\{\w+\}", "{id}", path.removeprefix("/api/v1"))
        for method in operations:
            assert f"{method.upper()} {documented}" in DOC, f"{method.upper()} {path} is not in docs/api.md"


def test_every_filter_of_the_persons_list_is_in_the_docs() -> None:
    from letapis.read.persons import PersonFilters

    for name, field in PersonFilters.model_fields.items():
        assert f"`{field.alias or name}`" in DOC, f"the persons filter {field.alias or name} is not in docs/api.md"
