"""Photos and scans with Pillow: opening them within limits, their EXIF, and the page image OCR
reads (upright, deskewed, grey, without metadata).

Deskewing is a short projection-profile search done here with numpy: the page, shrunk and made
black and white, is turned by each candidate angle and the one whose rows of ink are sharpest
(the largest variance of the row sums) wins. It handles the few degrees a scanner or a hand
leaves, takes a few tens of milliseconds, and needs neither OCRmyPDF (which deskews whole PDFs
through unpaper or Ghostscript, and brings both) nor OpenCV.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from letapis.documents.errors import DocumentError

#: The default upper limit of an image's size, in pixels (``LETAPIS_OCR_MAX_MEGAPIXELS``).
DEFAULT_MAX_PIXELS = 60_000_000
#: A page image longer than this on its long side is shrunk before OCR (A4 at 300 dpi is 3508).
MAX_SIDE = 4000
#: Skew angles tried, in degrees either way.
MAX_SKEW = 6.0

_HEIF_REGISTERED = False


def register_heif() -> None:
    global _HEIF_REGISTERED
    if not _HEIF_REGISTERED:
        try:
            from pillow_heif import register_heif_opener

            register_heif_opener()
        except ImportError:  # HEIC is then refused as an image Pillow cannot open
            pass
        _HEIF_REGISTERED = True


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


def check_pixels(width: int, height: int, name: str, max_pixels: int) -> None:
    if width * height > max_pixels:
        raise DocumentError(
            f"{name} is {width:,} × {height:,} pixels: images over {_megapixels(max_pixels)} megapixels are refused"
        )


def open_frames(data: bytes, name: str, *, max_pixels: int, max_pages: int) -> tuple[Any, int]:
    """Open the image and check it before decoding a pixel: its size against ``max_pixels`` and
    its number of frames (a multi-page TIFF) against ``max_pages``. Returns the Pillow image
    and the number of frames."""
    from PIL import Image

    register_heif()
    with _decoding(name, "a damaged or unknown image"):
        # opening reads only the header: the size is checked here, with the message of ours
        Image.MAX_IMAGE_PIXELS = None
        try:
            image = Image.open(io.BytesIO(data))
        finally:
            Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own guard, for the frames that follow
        check_pixels(image.width, image.height, name, max_pixels)
        frames = int(getattr(image, "n_frames", 1))
    if frames > max_pages:
        raise DocumentError(f"{name} has {frames} pages: at most {max_pages} are read")
    return image, frames


@contextmanager
def _decoding(name: str, damaged: str) -> Iterator[None]:
    """Pillow's errors while reading ``name`` as :class:`DocumentError`: a decompression bomb
    (Pillow's warning of one is an error here) is refused, anything else is ``damaged``."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(f"{name} is refused: {exc}") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise DocumentError(f"{name} is {damaged}: {_reason(exc)}") from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) != "" else type(exc).__name__
    if text.startswith("cannot identify image file"):
        return "Pillow cannot read it"
    return text[:200]


def frame(image: Any, index: int, name: str, max_pixels: int) -> Any:
    """Frame ``index`` of an opened image, decoded, turned as its EXIF orientation says, in
    grey (what OCR reads)."""
    from PIL import Image, ImageOps

    with _decoding(name, "a damaged image"):
        image.seek(index)
        check_pixels(image.width, image.height, name, max_pixels)
        image.load()
        upright = ImageOps.exif_transpose(image) if index == 0 else image.copy()
        if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
            background = Image.new("RGBA", upright.size, (255, 255, 255, 255))
            background.alpha_composite(upright.convert("RGBA"))
            upright = background
        return upright.convert("L")


def exif_rotation(image: Any) -> int:
    """The clockwise rotation the EXIF orientation tag asks for (0 without one)."""
    try:
        orientation = int(image.getexif().get(0x0112, 1))
    except (OSError, ValueError, TypeError):
        return 0
    return {3: 180, 6: 90, 8: 270, 5: 90, 7: 270}.get(orientation, 0)


def iter_frames(image: Any, frames: int, name: str, max_pixels: int) -> Iterator[Any]:
    for index in range(frames):
        yield frame(image, index, name, max_pixels)


def shrink(page: Any) -> Any:
    """A page image no longer than :data:`MAX_SIDE` on its long side."""
    from PIL import Image

    long_side = max(page.width, page.height)
    if long_side <= MAX_SIDE:
        return page
    scale = MAX_SIDE / long_side
    return page.resize(
        (max(1, round(page.width * scale)), max(1, round(page.height * scale))), Image.Resampling.LANCZOS
    )


def rotate(page: Any, clockwise: int) -> Any:
    from PIL import Image

    if clockwise % 360 == 0:
        return page
    return page.transpose(
        {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}[
            clockwise % 360
        ]
    )


def skew_angle(page: Any) -> float:
    """The angle (degrees, counter-clockwise) that makes the lines of text level: the one whose
    row profile of the page, shrunk and thresholded, has the largest variance."""
    import numpy as np
    from PIL import Image

    small = page.copy()
    small.thumbnail((1000, 1000))
    pixels = np.asarray(small, dtype=np.uint8)
    if pixels.size == 0:
        return 0.0
    threshold = min(200.0, float(pixels.mean()) - 2 * float(pixels.std()) / 3)
    ink = Image.fromarray(np.where(pixels < threshold, 255, 0).astype(np.uint8))
    if int(np.count_nonzero(np.asarray(ink))) < 50:
        return 0.0

    def score(angle: float) -> float:
        turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float64)
        rows = turned.sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    best = max((a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=score)
    fine = max((best + a / 10 for a in range(-5, 6)), key=score)
    return round(fine, 1) if abs(fine) >= 0.2 else 0.0


def deskew(page: Any, angle: float) -> Any:
    from PIL import Image

    if angle == 0.0:
        return page
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def png_bytes(page: Any) -> bytes:
    """The page as PNG, with no metadata at all (what is stored and shown)."""
    out = io.BytesIO()
    page.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


# --- EXIF -------------------------------------------------------------------------------------------

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825


def _clean(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).replace("\x00", "").strip()
    return text[:200] if text != "" else None


def _exif_datetime(value: Any) -> str | None:
    text = _clean(value)
    if text is None:
        return None
    try:
        return datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S").isoformat()
    except ValueError:
        return text


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    if _clean(ref) in ("S", "W"):
        degrees = -degrees
    return round(degrees, 7)


def image_metadata(image: Any) -> dict[str, Any]:
    """The original image's EXIF as plain values: ``{"exif": {"datetime", "make", "model",
    "software", "gps": {"latitude", "longitude", "altitude"}}}``, only what is present."""
    try:
        exif = image.getexif()
        found: dict[str, Any] = {}
        sub = exif.get_ifd(_EXIF_IFD)
        when = _exif_datetime(sub.get(0x9003) or exif.get(0x0132))  # DateTimeOriginal, else DateTime
        if when is not None:
            found["datetime"] = when
        for tag, key in ((0x010F, "make"), (0x0110, "model"), (0x0131, "software")):
            value = _clean(exif.get(tag)) if exif.get(tag) is not None else None
            if value is not None:
                found[key] = value
        gps_ifd = exif.get_ifd(_GPS_IFD)
        gps: dict[str, Any] = {}
        latitude = _degrees(gps_ifd.get(2), gps_ifd.get(1)) if 2 in gps_ifd else None
        longitude = _degrees(gps_ifd.get(4), gps_ifd.get(3)) if 4 in gps_ifd else None
        if latitude is not None and longitude is not None:
            gps["latitude"], gps["longitude"] = latitude, longitude
        if 6 in gps_ifd:
            try:
                altitude = float(gps_ifd[6])
                gps["altitude"] = round(-altitude if gps_ifd.get(5) in (1, b"\x01") else altitude, 2)
            except (TypeError, ValueError, ZeroDivisionError):
                pass
        if len(gps) > 0:
            found["gps"] = gps
    except (OSError, ValueError, TypeError, KeyError, SyntaxError):
        return {}
    return {"exif": found} if len(found) > 0 else {}
