"""Settings of ingest and the worker, read when used (never at import time).

``LETAPIS_MAX_UPLOAD_MB``        the largest file ingested, in MB (default 20); a Django setting of
                                 the same name wins over the environment (tests use it)
``LETAPIS_JOB_LEASE_SECONDS``    how long a worker holds a job before another may take it
                                 (default 600)
``LETAPIS_JOB_MAX_ATTEMPTS``     how often a job is tried before it is marked failed (default 3)
``LETAPIS_READ_CPU_SECONDS``     the CPU time reading one document may take (default 60); the
                                 read is killed after twice that plus 5 s of wall-clock time
``LETAPIS_READ_MEMORY_MB``       the memory reading one document may take, in MB (default 1024)
``LETAPIS_UPLOAD_READ_SECONDS``  the CPU time a web upload may spend reading a file while the
                                 uploader waits (default 2); a longer read goes to the job queue
``LETAPIS_OCR_MAX_PAGES``        the most pages of a scan or an image read with OCR (default 100)
``LETAPIS_OCR_MAX_MEGAPIXELS``   the largest image read, in megapixels (default 60)
``LETAPIS_OCR_PAGE_SECONDS``     the time Tesseract may take on one page (default 60); the CPU and
                                 wall-clock limits of a read grow by it for each page to OCR
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from letapis.documents import DEFAULT_MAX_BYTES, ReadLimits
from letapis.documents.images import DEFAULT_MAX_PIXELS
from letapis.documents.limits import DEFAULT_CPU_SECONDS, DEFAULT_MEMORY_BYTES
from letapis.documents.scan import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS


def positive_int(name: str, default: int, *, maximum: int) -> int:
    raw = getattr(settings, name, None)
    if raw is None:
        raw = os.environ.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc
    if not 0 < value <= maximum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be between 1 and {maximum}")
    return value


def max_upload_bytes() -> int:
    """``LETAPIS_MAX_UPLOAD_MB`` in bytes (default 20 MB, at most 1024 MB)."""
    default_mb = DEFAULT_MAX_BYTES // (1024 * 1024)
    return positive_int("LETAPIS_MAX_UPLOAD_MB", default_mb, maximum=1024) * 1024 * 1024


def job_lease_seconds() -> int:
    return positive_int("LETAPIS_JOB_LEASE_SECONDS", 600, maximum=24 * 3600)


def job_max_attempts() -> int:
    return positive_int("LETAPIS_JOB_MAX_ATTEMPTS", 3, maximum=100)


def read_limits() -> ReadLimits:
    """The limits of reading a document (``LETAPIS_READ_CPU_SECONDS``, ``LETAPIS_READ_MEMORY_MB``,
    ``LETAPIS_MAX_UPLOAD_MB``, ``LETAPIS_OCR_*``)."""
    return ReadLimits(
        cpu_seconds=positive_int("LETAPIS_READ_CPU_SECONDS", DEFAULT_CPU_SECONDS, maximum=3600),
        memory_bytes=positive_int("LETAPIS_READ_MEMORY_MB", DEFAULT_MEMORY_BYTES // (1024 * 1024), maximum=64 * 1024)
        * 1024
        * 1024,
        max_bytes=max_upload_bytes(),
        max_pages=positive_int("LETAPIS_OCR_MAX_PAGES", DEFAULT_MAX_PAGES, maximum=10_000),
        max_pixels=positive_int("LETAPIS_OCR_MAX_MEGAPIXELS", DEFAULT_MAX_PIXELS // 1_000_000, maximum=1000)
        * 1_000_000,
        page_seconds=positive_int("LETAPIS_OCR_PAGE_SECONDS", int(DEFAULT_PAGE_SECONDS), maximum=3600),
    )


def upload_read_limits() -> ReadLimits:
    """The limits of a read while a web request waits: ``LETAPIS_UPLOAD_READ_SECONDS`` of CPU
    (and one more of wall-clock time), at most the limits of any read."""
    limits = read_limits()
    seconds = min(positive_int("LETAPIS_UPLOAD_READ_SECONDS", 2, maximum=60), limits.cpu_seconds)
    return ReadLimits(
        cpu_seconds=seconds,
        memory_bytes=limits.memory_bytes,
        wall_seconds=seconds + 1.0,
        max_bytes=limits.max_bytes,
        max_pages=limits.max_pages,
        max_pixels=limits.max_pixels,
        page_seconds=limits.page_seconds,
    )
