"""Reading a document under a CPU-time, a memory and a wall-clock limit.

A hostile file can make a reader work for minutes (a PDF whose many pages share one content
stream) or fill the memory (a DOCX of millions of tiny runs). :func:`read_document_limited` reads
in a child process forked from a ``forkserver`` (a clean process that has imported the readers
once, so a read starts in milliseconds and no thread or database connection of the caller is
copied). The child sets ``RLIMIT_CPU`` and ``RLIMIT_AS`` on itself before it touches the bytes;
the parent waits at most the wall-clock limit and kills the child after it. A read that goes
over a limit raises :class:`ReadLimitError`, a :class:`DocumentError` that names the limit
("reading took more than 60 s of CPU", "reading needed more than 1 GiB of memory").

The caller's process is never at risk: whatever the reader does, it does in the child.

A scan is read with OCR page by page, and Tesseract runs as a child of the child (it inherits
the memory limit). Its time is bounded per page: each page may take ``page_seconds`` (the
Tesseract call's timeout), and the child's CPU limit and the parent's wall-clock limit grow by
that much for each page to OCR, once their number is known (at most ``max_pages``). The child
tells the parent after each page, and the parent calls ``on_page(k, n)`` with it.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import PurePath
from typing import Any

from letapis.documents.errors import DocumentError
from letapis.documents.images import DEFAULT_MAX_PIXELS
from letapis.documents.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Document, read_document
from letapis.documents.scan import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS

#: Defaults of the limits (the apps read ``LETAPIS_READ_CPU_SECONDS`` and ``LETAPIS_READ_MEMORY_MB``).
DEFAULT_CPU_SECONDS = 60
DEFAULT_MEMORY_BYTES = 1024 * 1024 * 1024

#: The exit status of a child that ran out of memory (a ``MemoryError`` it could not get past).
_MEMORY_EXIT = 86


@dataclass(frozen=True)
class ReadLimits:
    """How much a read may take. ``wall_seconds`` ``None`` means twice the CPU time plus 5 s
    (the child may wait for a core on a busy machine, but never for long).

    OCR: ``max_pages`` pages at most, images of at most ``max_pixels``, and ``page_seconds``
    for each page (added to the CPU and wall-clock limits for each page to OCR)."""

    cpu_seconds: int = DEFAULT_CPU_SECONDS
    memory_bytes: int = DEFAULT_MEMORY_BYTES
    wall_seconds: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    max_pages: int = DEFAULT_MAX_PAGES
    max_pixels: int = DEFAULT_MAX_PIXELS
    page_seconds: float = DEFAULT_PAGE_SECONDS

    @property
    def wall(self) -> float:
        return self.wall_seconds if self.wall_seconds is not None else 2.0 * self.cpu_seconds + 5.0

    @property
    def page_wall(self) -> float:
        """The wall-clock time one OCR page may add: its Tesseract calls (orientation, one or
        two readings) and the rendering around them."""
        return 3.0 * self.page_seconds + 5.0


class ReadLimitError(DocumentError):
    """A read stopped by a limit: ``limit`` is ``"cpu"``, ``"memory"`` or ``"wall"``."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


def human_memory(size: int) -> str:
    """``1 GiB``, ``200 MB``: how a memory limit is named in messages."""
    mib = 1024 * 1024
    if size >= 1024 * mib and size % (1024 * mib) == 0:
        return f"{size // (1024 * mib)} GiB"
    return f"{size / mib:.0f} MB"


def _seconds(value: float) -> str:
    return f"{value:g}"


def _ocr_cpu(limits: ReadLimits, pages: int) -> int:
    """The CPU seconds of a read that OCRs ``pages`` pages (the child's own work: rendering,
    deskewing; Tesseract's runs in processes of their own, each under the same limit)."""
    return limits.cpu_seconds + int(pages * limits.page_seconds)


def _set_limits(limits: ReadLimits) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # SIGXCPU at the soft limit; the kernel kills the child outright one second after the hard
    # limit, which leaves room to raise the soft one for the pages of a scan
    hard = _ocr_cpu(limits, limits.max_pages) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, hard))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))


def _child(conn: Connection, data: bytes, filename: str, limits: ReadLimits, language: str | None) -> None:
    """Read in the child and send back ``("page", k, n)`` after each OCR page, then
    ``("ok", fields)`` or ``("error", message)``."""
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    os.setpgid(0, 0)  # a group of its own: killing it kills the Tesseract it runs too

    def on_page(k: int, n: int) -> None:
        if k == 0:  # the pages to OCR are known: their time is added to the CPU limit
            soft = min(_ocr_cpu(limits, n), _ocr_cpu(limits, limits.max_pages))
            resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))
        conn.send(("page", k, n))

    try:
        _set_limits(limits)
        document = read_document(
            data,
            filename,
            max_bytes=limits.max_bytes,
            max_chars=limits.max_chars,
            language=language,
            on_page=on_page,
            max_pages=limits.max_pages,
            max_pixels=limits.max_pixels,
            page_seconds=limits.page_seconds,
        )
        del data
        conn.send(("ok", document.__dict__))
    except MemoryError:
        os._exit(_MEMORY_EXIT)
    except DocumentError as exc:
        conn.send(("error", str(exc)))
    except BaseException as exc:  # a reader's bug: the file is refused, the caller goes on
        conn.send(("error", f"{PurePath(filename).name} could not be read: {type(exc).__name__}"))
    finally:
        conn.close()


def _kill(process: Any) -> None:
    """Kill the child and whatever it runs (its process group: Tesseract on a page)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # not yet in its own group, or gone
        process.kill()


_context_lock = threading.Lock()
_context: Any = None


def _forkserver() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(
                ["letapis.documents.limits", "pypdf", "charset_normalizer", "PIL.Image", "numpy", "pypdfium2"]
            )
            _context = context
        return _context


def read_document_limited(
    data: bytes,
    filename: str,
    limits: ReadLimits | None = None,
    *,
    language: str | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Document:
    """:func:`~letapis.documents.read_document` in a child process under ``limits``.

    ``language`` and ``on_page`` are :func:`~letapis.documents.read_document`'s; ``on_page``
    runs here, in the caller's process, as the child reports each page.

    Raises :class:`ReadLimitError` when the read goes over the CPU time, the memory or the
    wall-clock time, and :class:`DocumentError` for every other refusal, as the reader does."""
    limits = limits if limits is not None else ReadLimits()
    name = PurePath(filename).name or "the file"
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, filename, limits, language), daemon=True)
    process.start()
    sender.close()
    answer: tuple[str, Any] | None = None
    deadline = time.monotonic() + limits.wall
    allowed = limits.wall
    ocr_pages = 0
    try:
        while answer is None:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                _kill(process)
                raise ReadLimitError(f"{name} was refused: reading took more than {_seconds(allowed)} s", "wall")
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                break  # the child died without a word: its exit status says why
            if message[0] == "page":
                _, k, n = message
                if k == 0:  # the pages to OCR are known: each may take its time
                    ocr_pages = int(n)
                    deadline += n * limits.page_wall
                    allowed += n * limits.page_wall
                if on_page is not None:
                    on_page(int(k), int(n))
                continue
            answer = message
    except BaseException:  # on_page raised: the caller stops the read
        _kill(process)
        raise
    finally:
        receiver.close()
        process.join(5)
        if process.exitcode is None:
            _kill(process)
            process.join()
    if answer is not None:
        status, value = answer
        if status == "ok":
            return Document(**value)
        raise DocumentError(str(value))
    code = process.exitcode
    if code is not None and code in (-signal.SIGXCPU, -signal.SIGKILL):
        raise ReadLimitError(
            f"{name} was refused: reading took more than {_ocr_cpu(limits, ocr_pages)} s of CPU", "cpu"
        )
    if code == _MEMORY_EXIT:
        raise ReadLimitError(
            f"{name} was refused: reading needed more than {human_memory(limits.memory_bytes)} of memory", "memory"
        )
    raise DocumentError(f"{name} could not be read: the reader stopped (exit status {code})")
