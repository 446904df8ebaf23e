"""The layering contracts of pyproject.toml (``[tool.importlinter]``) hold: the pages and the
API do not import each other, the audit log imports nothing of the registry, the cores import no
Django and no app, and no import cycle joins the apps (docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    linter = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run(
        [str(linter), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


#: the imports the cycle contract may ignore, each by design (docs/architecture.md): any other
#: would be a cycle between the apps kept as debt
BY_DESIGN = {
    "letapis.access -> letapis.registry.models",
    "letapis.** -> letapis.accounts.actor",
    "letapis.following.api.** -> letapis.**",
    "letapis.following.web.** -> letapis.**",
    "letapis.reports.views -> letapis.**",
    "letapis.search.views -> letapis.**",
    "letapis.registry.demo -> letapis.**",
    "letapis.registry.synth.** -> letapis.**",
}


def test_the_cycle_contract_ignores_no_debt() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (cycles,) = [c for c in contracts if c["type"] == "acyclic_siblings"]
    assert set(cycles["ignore_imports"]) == BY_DESIGN
