"""``python -m letapis.vocab [FILE.yaml ...]``: check vocabulary files and print their sizes.

Without arguments, checks every vocabulary of the package; with paths, checks those files (an
edited copy, before it replaces the package's file). Prints one line per vocabulary, or the
error and exit status 1. ``--write-codes`` rewrites :mod:`letapis.vocab.codes` from the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from letapis.vocab.errors import VocabularyError
from letapis.vocab.load import load_file, vocabulary
from letapis.vocab.model import Vocabulary
from letapis.vocab.schema import VOCABULARY_NAMES


def main(argv: list[str]) -> int:
    if argv == ["--write-codes"]:
        from letapis.vocab.generate import write_codes

        print(f"wrote {write_codes()}")
        return 0
    try:
        loaded: list[Vocabulary] = (
            [load_file(Path(arg)) for arg in argv] if argv else [vocabulary(name) for name in VOCABULARY_NAMES]
        )
    except VocabularyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for vocab in loaded:
        forms = sum(len(term.all_forms()) for term in vocab)
        print(f"{vocab.name:24} {len(vocab):4} terms {forms:5} labels and forms  {vocab.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
