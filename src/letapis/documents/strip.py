"""Images without their metadata: the copy of a photo or scan that may leave the system.

A camera writes into the file where and when the photo was taken and with what (EXIF, GPS);
editors add XMP, comments and colour profiles that may name a person or a machine. The original
is evidence and is kept untouched; every image that leaves Letapis (a download by someone
without the grant, an export, the static site, a page image on the review page) is the copy
:func:`strip_metadata` makes: the pixels only, turned the way the camera's orientation tag said
(the tag goes with the rest, so the picture must be turned before), encoded afresh.

Anything that is not an image is returned as it is: a PDF or a text file is not this module's
business. An image that cannot be decoded raises :class:`StripError`: it may not leave.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

#: The format each read format is written back in (what Pillow cannot write becomes PNG).
_WRITE_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "TIFF": "TIFF", "GIF": "PNG", "BMP": "PNG"}

#: Media types of the formats written.
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff"}

#: Modes kept as they are; any other (palette, CMYK, YCbCr…) is converted to RGB(A) first.
_PLAIN_MODES = {"1", "L", "LA", "RGB", "RGBA", "I;16", "I"}

#: Marks of metadata in a file's bytes (EXIF block, XMP packet, ICC profile, PNG text chunks).
#: (PNG chunks are read by Pillow into ``info``: their four-letter names may occur by chance in
#: compressed pixels, these longer marks practically never.)
_MARKS = (b"Exif\x00\x00", b"http://ns.adobe.com/xap/", b"<x:xmpmeta", b"ICC_PROFILE")


#: TIFF tags that describe the pixels (size, compression, strips…), which a TIFF always has: any
#: other tag (make, model, date, software, artist, the EXIF and GPS folders, XMP, ICC) is metadata.
_TIFF_STRUCTURE = frozenset(
    {254, 255, 256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 280, 281, 282, 283, 284, 296, 317, 320, 322, 323}
    | {324, 325, 338, 339, 530, 531, 532}
)


class StripError(ValueError):
    """An image that cannot be re-encoded (damaged, truncated, too large to decode): it cannot
    leave without its metadata, so it must not leave at all."""


#: The first bytes of the image formats a camera, a scanner or a phone writes.
_IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_ISO_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")


def looks_like_image(data: bytes) -> bool:
    """Whether ``data`` starts like an image file (JPEG, PNG, GIF, TIFF, BMP, WebP, HEIC/AVIF)."""
    if data.startswith(_IMAGE_SIGNATURES):
        return True
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return True
    return data[4:8] == b"ftyp" and data[8:12] in _ISO_BRANDS


def _open(data: bytes) -> Image.Image | None:
    """The decoded image, ``None`` for what is not an image, :class:`StripError` for an image
    that cannot be decoded."""
    from letapis.documents.images import register_heif

    register_heif()  # HEIC photos from phones carry EXIF and GPS too
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError as exc:
        if looks_like_image(data):
            raise StripError(f"an image that cannot be read: {exc}") from exc
        return None
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise StripError(f"an image that cannot be read: {exc}") from exc
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise StripError(f"an image that cannot be decoded: {exc}") from exc
    return image


def _fresh(frame: Image.Image) -> Image.Image:
    """The pixels of ``frame`` turned by its orientation tag, in a new image that carries no
    ``info`` (Pillow writes some of ``info`` back when saving, e.g. a PNG's ICC profile)."""
    turned = ImageOps.exif_transpose(frame)
    if turned.mode not in _PLAIN_MODES:
        has_alpha = turned.mode in ("PA", "RGBa", "La") or "transparency" in turned.info
        turned = turned.convert("RGBA" if has_alpha else "RGB")
    return Image.frombytes(turned.mode, turned.size, turned.tobytes())


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    for frame in ImageSequence.Iterator(image):
        yield _fresh(frame)


def stripped_format(data: bytes) -> str | None:
    """The format :func:`strip_metadata` writes ``data`` in (``JPEG``, ``PNG``…), or ``None``
    when ``data`` is not an image; :class:`StripError` for an image it cannot decode."""
    image = _open(data)
    if image is None:
        return None
    return _WRITE_AS.get(image.format or "", "PNG")


def strip_metadata(data: bytes) -> bytes:
    """``data`` without EXIF (GPS included), XMP, ICC profile, comments or text chunks, the
    orientation applied to the pixels; a multi-page TIFF keeps its pages. Not an image: returned
    unchanged. JPEG is re-encoded at quality 95 (a re-encoding, not a lossless edit: the
    untouched original stays in the store). Raises :class:`StripError` for an image it cannot
    decode: such a file must not be served at all."""
    image = _open(data)
    if image is None:
        return data
    fmt = _WRITE_AS.get(image.format or "", "PNG")
    frames = list(_frames(image)) if fmt == "TIFF" else [_fresh(image)]
    first = frames[0]
    if fmt == "JPEG" and first.mode not in ("L", "RGB"):
        frames = [f.convert("RGB") for f in frames]
        first = frames[0]
    out = io.BytesIO()
    options: dict[str, object] = {}
    if fmt == "JPEG":
        options = {"quality": 95, "optimize": True}
    elif fmt == "WEBP":
        options = {"quality": 95}
    elif fmt == "TIFF":
        options = {"compression": "tiff_deflate"}
        if len(frames) > 1:
            options.update(save_all=True, append_images=frames[1:])
    first.save(out, fmt, **options)
    return out.getvalue()


def has_metadata(data: bytes) -> bool:
    """Whether the image ``data`` carries EXIF, GPS, XMP, an ICC profile or text metadata
    (``False`` for anything that is not an image; ``True`` for an image that cannot be decoded,
    which cannot be shown to carry none). The test that nothing published carries metadata, and
    the paths that serve images, ask this."""
    try:
        image = _open(data)
    except StripError:
        return True
    if image is None:
        return False
    tags = set(image.getexif())
    if image.format == "TIFF":
        tags -= _TIFF_STRUCTURE
    if tags:
        return True
    if any(key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop")):
        return True
    if image.format == "PNG" and getattr(image, "text", None):
        return True
    return any(mark in data for mark in _MARKS)
