"""docs/vocabularies.md lists every vocabulary with its current number of terms."""

from __future__ import annotations

from pathlib import Path

from letapis.vocab import VOCABULARY_NAMES, vocabulary

DOCS = Path(__file__).resolve().parents[2] / "docs" / "vocabularies.md"


def test_the_docs_list_every_vocabulary_with_its_size() -> None:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `") and ".yaml` |" in line:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows[cells[0].strip("`").removesuffix(".yaml")] = cells[2]
    assert sorted(rows) == sorted(VOCABULARY_NAMES)
    for name in VOCABULARY_NAMES:
        size = len(vocabulary(name))
        assert rows[name] == str(size), f"docs/vocabularies.md: {name} has {size} terms"
