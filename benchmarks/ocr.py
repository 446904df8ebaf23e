"""OCR accuracy and speed on rendered pages (not part of the test suite).

    .venv/bin/python benchmarks/ocr.py [--set holdout|dev|both] [--conditions clean,rotated,…]
                                       [--language detect|given] [--limit N] [-v]

The team's statements with gold labels (tests/extract/holdout and dev: Belarusian, Russian and
English texts of arrests, sentences, releases, lists and officials) are rendered to A4 pages at
300 dpi (DejaVu Serif, 11 pt) and read back through :func:`letapis.documents.read_document`, as an
uploaded file is read, under each condition:

- ``clean``: the page as a 300-dpi PNG;
- ``rotated``: turned 3° (a page fed askew);
- ``blurred``: a Gaussian blur of 1.2 px (a scan out of focus);
- ``noisy``: Gaussian noise (σ 30 grey levels) and 0.5% salt and pepper;
- ``jpeg``: saved as JPEG at quality 20;
- ``photo``: a phone photo: a perspective of a page shot from below and to the side, uneven light,
  a slight blur, about 220 dpi, JPEG at quality 75.

It prints, per language and condition, the character error rate (Levenshtein distance over the
reference's length, whitespace runs counted as one space) and the seconds per page (wall clock,
and the CPU of this process and its Tesseract children); then the extraction scores (the shared
scorer's person recall and status accuracy) on the OCRed texts beside the same texts read directly.
Targets: CER ≤ 2% clean and ≤ 8% degraded; on clean pages person recall and status accuracy within
0.05 of the direct reading.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import random
import resource
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

from letapis.documents import read_document
from letapis.extract import extract

ROOT = Path(__file__).resolve().parents[1]
SETS = {"holdout": ROOT / "tests" / "extract" / "holdout", "dev": ROOT / "tests" / "extract" / "dev"}
SCORER = ROOT / "tests" / "fixtures" / "shared" / "eval" / "score.py"
CONDITIONS = ("clean", "rotated", "blurred", "noisy", "jpeg", "photo")
DPI = 300
PAGE = (2480, 3508)  # A4 at 300 dpi
MARGIN = 236  # 2 cm
FONT_PT = 11
CER_CLEAN, CER_DEGRADED, EXTRACTION_GAP = 0.02, 0.08, 0.05


def font(size: int) -> Any:
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSerif.ttf"), size)


def render(text: str) -> list[Any]:
    """The text as A4 pages in grey: paragraphs wrapped at the margins, a blank line between."""
    face = font(round(FONT_PT / 72 * DPI))
    line_height = round(face.size * 1.45)
    width = PAGE[0] - 2 * MARGIN
    lines: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        for source_line in paragraph.split("\n"):
            line = ""
            for word in source_line.split():
                candidate = word if line == "" else f"{line} {word}"
                if face.getlength(candidate) <= width:
                    line = candidate
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        lines.append("")
    per_page = (PAGE[1] - 2 * MARGIN) // line_height
    pages = []
    for first in range(0, len(lines), per_page):
        page = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(page)
        for i, line in enumerate(lines[first : first + per_page]):
            draw.text((MARGIN, MARGIN + i * line_height), line, font=face, fill=20)
        pages.append(page)
    return pages


def _save(page: Any, fmt: str, **options: Any) -> bytes:
    out = io.BytesIO()
    page.save(out, format=fmt, **options)
    return out.getvalue()


def _perspective_coefficients(source: list[tuple[float, float]], target: list[tuple[float, float]]) -> list[float]:
    """Pillow's PERSPECTIVE coefficients mapping output points ``target`` to input ``source``."""
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array([c for point in source for c in point], dtype=np.float64)
    return [float(c) for c in np.linalg.solve(a, b)]


def degrade(page: Any, condition: str, rng: random.Random) -> tuple[bytes, str]:
    """The page under ``condition``, as the bytes of a file and its name."""
    if condition == "clean":
        return _save(page, "PNG", dpi=(DPI, DPI)), "page.png"
    if condition == "rotated":
        angle = rng.choice((-3.0, 3.0))
        return _save(page.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=255), "PNG"), "page.png"
    if condition == "blurred":
        return _save(page.filter(ImageFilter.GaussianBlur(1.2)), "PNG"), "page.png"
    if condition == "noisy":
        pixels = np.asarray(page, dtype=np.float64)
        noise = np.random.default_rng(rng.randrange(1 << 30))
        pixels = pixels + noise.normal(0, 30, pixels.shape)
        salt = noise.random(pixels.shape)
        pixels[salt < 0.0025] = 0
        pixels[salt > 0.9975] = 255
        return _save(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), "PNG"), "page.png"
    if condition == "jpeg":
        return _save(page, "JPEG", quality=20), "page.jpg"
    if condition == "photo":
        w, h = page.size
        canvas = (round(w * 1.1), round(h * 1.08))
        # the page's corners in the photo: shot from below and to the right, slightly turned
        corners = [(0.06, 0.03), (0.95, 0.05), (0.99, 0.97), (0.02, 0.95)]
        target = [(x * canvas[0], y * canvas[1]) for x, y in corners]
        source = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
        coefficients = _perspective_coefficients(source, target)
        shot = page.transform(canvas, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=90)
        # uneven light: brighter at the top left, a shadow towards the bottom right
        yy, xx = np.mgrid[0 : canvas[1], 0 : canvas[0]]
        light = 1.0 - 0.35 * (xx / canvas[0] + yy / canvas[1]) / 2
        pixels = np.asarray(shot, dtype=np.float64) * light
        shot = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
        shot = shot.resize((round(canvas[0] * 0.72), round(canvas[1] * 0.72)), Image.Resampling.LANCZOS)
        return _save(shot.convert("RGB"), "JPEG", quality=75), "photo.jpg"
    raise ValueError(condition)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(reference: str, hypothesis: str) -> tuple[int, int]:
    ref, hyp = normalise(reference), normalise(hypothesis)
    return Levenshtein.distance(ref, hyp), len(ref)


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("letapis_shared_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extraction(scorer: Any, gold: dict[str, Any], texts: dict[str, str]) -> tuple[float, float]:
    persons = found = status = 0
    for name, text in texts.items():
        s = scorer.score_doc(gold[name], json.loads(json.dumps(extract(text).to_dict())))
        persons += len(gold[name]["persons"])
        found += s["found"]
        status += s["status_ok"]
    return found / max(persons, 1), status / max(persons, 1)


def children_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=("holdout", "dev", "both"), default="both")
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--language", choices=("detect", "given"), default="detect")
    parser.add_argument("--limit", type=int, default=0, help="read at most N documents per language")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each document's CER as it is read")
    args = parser.parse_args()
    conditions = [c for c in args.conditions.split(",") if c != ""]
    folders = list(SETS.values()) if args.set == "both" else [SETS[args.set]]
    gold: dict[str, Any] = {}
    originals: dict[str, str] = {}
    for folder in folders:
        gold.update(json.loads((folder / "gold.json").read_text(encoding="utf-8"))["docs"])
        for path in sorted(folder.glob("*.txt")):
            originals[path.name] = path.read_text(encoding="utf-8")
    if args.limit > 0:
        kept: dict[str, str] = {}
        for name, text in originals.items():
            if sum(1 for k in kept if k[:2] == name[:2]) < args.limit:
                kept[name] = text
        originals = kept
    rng = random.Random(20)
    rendered = {name: render(text) for name, text in originals.items()}
    # per (language, condition): errors, characters, pages, wall, cpu
    figures: dict[tuple[str, str], list[float]] = {}
    ocred: dict[str, dict[str, str]] = {c: {} for c in conditions}
    for condition in conditions:
        for name, pages in rendered.items():
            lang = name[:2]
            texts = []
            for page in pages:
                data, filename = degrade(page, condition, rng)
                wall, cpu = time.perf_counter(), children_cpu()
                document = read_document(data, filename, language=lang if args.language == "given" else None)
                wall, cpu = time.perf_counter() - wall, children_cpu() - cpu
                texts.append(document.text)
                row = figures.setdefault((lang, condition), [0, 0, 0, 0.0, 0.0])
                row[2] += 1
                row[3] += wall
                row[4] += cpu
            text = "\n\n".join(texts)
            errors, chars = cer(originals[name], text)
            row = figures[(lang, condition)]
            row[0] += errors
            row[1] += chars
            ocred[condition][name] = text
            if args.verbose:
                print(f"{condition:8} {name:32} CER {100 * errors / chars:5.2f}%", file=sys.stderr)
    print(
        f"OCR of {len(originals)} documents ({sum(len(p) for p in rendered.values())} A4 pages at {DPI} dpi), "
        f"language {'detected' if args.language == 'detect' else 'given'}, Tesseract via read_document\n"
    )
    print(f"{'condition':10} {'lang':4} {'pages':>5} {'CER':>7} {'target':>7} {'s/page':>7} {'CPU s/page':>10}")
    met = True
    for condition in conditions:
        total = [0.0] * 5
        for lang in ("be", "ru", "en"):
            row = figures.get((lang, condition))
            if row is None:
                continue
            total = [a + b for a, b in zip(total, row, strict=True)]
            print(_row(condition, lang, row))
        target = CER_CLEAN if condition == "clean" else CER_DEGRADED
        met &= total[0] / max(total[1], 1) <= target
        print(_row(condition, "all", total))
    scorer = _scorer()
    names = [n for n in originals if n in gold]
    direct = extraction(scorer, gold, {n: originals[n] for n in names})
    print(
        f"\nextraction on {len(names)} documents: person recall, status accuracy (direct reading "
        f"{direct[0]:.3f}, {direct[1]:.3f})"
    )
    print(f"{'condition':10} {'recall':>7} {'Δ':>7} {'status':>7} {'Δ':>7}")
    for condition in conditions:
        recall, status = extraction(scorer, gold, {n: ocred[condition][n] for n in names})
        print(f"{condition:10} {recall:7.3f} {recall - direct[0]:+7.3f} {status:7.3f} {status - direct[1]:+7.3f}")
        if condition == "clean":
            met &= abs(recall - direct[0]) <= EXTRACTION_GAP and abs(status - direct[1]) <= EXTRACTION_GAP
    print(
        f"\ntargets {'met' if met else 'NOT met'}: CER ≤ {CER_CLEAN:.0%} clean, ≤ {CER_DEGRADED:.0%} degraded; "
        f"extraction within {EXTRACTION_GAP} of direct on clean pages"
    )
    return 0 if met else 1


def _row(condition: str, lang: str, row: list[float]) -> str:
    errors, chars, pages, wall, cpu = row
    target = CER_CLEAN if condition == "clean" else CER_DEGRADED
    rate = errors / max(chars, 1)
    mark = "" if rate <= target else " ✗"
    return (
        f"{condition:10} {lang:4} {int(pages):5d} {100 * rate:6.2f}% {100 * target:6.0f}% "
        f"{wall / max(pages, 1):7.2f} {cpu / max(pages, 1):10.2f}{mark}"
    )


if __name__ == "__main__":
    sys.exit(main())
