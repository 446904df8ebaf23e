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
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import PurePath
from typing import Any

from letapis.documents.errors import DocumentError
from letapis.documents.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Document, read_document

#: Defaults of the limits (the apps read ``LETAPIS_READ_CPU_SECONDS`` and ``LETAPIS_READ_MEMORY_MB``).
DEFAULT_CPU_SECONDS = 60
DEFAULT_MEMORY_BYTES = 1024 * 1024 * 1024

#: The exit status of a child that ran out of memory (a ``MemoryError`` it could not get past).
_MEMORY_EXIT = 86


@dataclass(frozen=True)
class ReadLimits:
    """How much a read may take. ``wall_seconds`` ``None`` means twice the CPU time plus 5 s
    (the child may wait for a core on a busy machine, but never for long)."""

    cpu_seconds: int = DEFAULT_CPU_SECONDS
    memory_bytes: int = DEFAULT_MEMORY_BYTES
    wall_seconds: float | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def wall(self) -> float:
        return self.wall_seconds if self.wall_seconds is not None else 2.0 * self.cpu_seconds + 5.0


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


def _set_limits(limits: ReadLimits) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # SIGXCPU at the soft limit; the kernel kills the child outright one second later
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))


def _child(conn: Connection, data: bytes, filename: str, limits: ReadLimits) -> None:
    """Read in the child and send back ``("ok", fields)`` or ``("error", message)``."""
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    try:
        _set_limits(limits)
        document = read_document(data, filename, max_bytes=limits.max_bytes, max_chars=limits.max_chars)
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


_context_lock = threading.Lock()
_context: Any = None


def _forkserver() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["letapis.documents.limits", "pypdf", "charset_normalizer"])
            _context = context
        return _context


def read_document_limited(data: bytes, filename: str, limits: ReadLimits | None = None) -> Document:
    """:func:`~letapis.documents.read_document` in a child process under ``limits``.

    Raises :class:`ReadLimitError` when the read goes over the CPU time, the memory or the
    wall-clock time, and :class:`DocumentError` for every other refusal, as the reader does."""
    limits = limits if limits is not None else ReadLimits()
    name = PurePath(filename).name or "the file"
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, filename, limits), daemon=True)
    process.start()
    sender.close()
    answer: tuple[str, Any] | None = None
    try:
        if receiver.poll(limits.wall):
            try:
                answer = receiver.recv()
            except (EOFError, OSError):
                answer = None  # the child died without a word: its exit status says why
        else:
            process.kill()
            raise ReadLimitError(f"{name} was refused: reading took more than {_seconds(limits.wall)} s", "wall")
    finally:
        receiver.close()
        process.join(5)
        if process.exitcode is None:
            process.kill()
            process.join()
    if answer is not None:
        status, value = answer
        if status == "ok":
            return Document(**value)
        raise DocumentError(str(value))
    code = process.exitcode
    if code is not None and code in (-signal.SIGXCPU, -signal.SIGKILL):
        raise ReadLimitError(f"{name} was refused: reading took more than {limits.cpu_seconds} s of CPU", "cpu")
    if code == _MEMORY_EXIT:
        raise ReadLimitError(
            f"{name} was refused: reading needed more than {human_memory(limits.memory_bytes)} of memory", "memory"
        )
    raise DocumentError(f"{name} could not be read: the reader stopped (exit status {code})")
