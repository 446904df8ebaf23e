"""Where Letapis writes its log: the errors of the server (a 500 with its traceback, refused
hosts) and the warnings of its own code, to stderr and to ``DATA_DIR/letapis.log``.

The log file is created readable by the owner only, like everything in the data folder. A
record holds the time, the logger, the method and path of a failed request and the traceback —
never the request's body, its cookies or its headers (Django's ``django.request`` records carry
the request object, and no formatter here prints it).
"""

from __future__ import annotations

import logging.handlers
from io import TextIOWrapper
from pathlib import Path
from typing import Any

from letapis.conf import private_file

FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"


class PrivateFileHandler(logging.handlers.WatchedFileHandler):
    """A log file created ``0600``; reopened when logrotate moves it (as WatchedFileHandler)."""

    def _open(self) -> TextIOWrapper:
        private_file(Path(self.baseFilename))
        return super()._open()


def logging_config(log_file: Path) -> dict[str, Any]:
    """``settings.LOGGING``: errors of requests and warnings of Letapis to stderr (the service's
    journal, gunicorn's error log) and to ``log_file``. Records still reach the root logger."""
    handlers = ["stderr", "file"]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": FORMAT}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "level": "WARNING", "formatter": "plain"},
            "file": {
                "class": "letapis.logs.PrivateFileHandler",
                "filename": str(log_file),
                "delay": True,  # created at the first record, not by every command
                "level": "WARNING",
                "formatter": "plain",
            },
        },
        "loggers": {
            # 5xx with their traceback; the 4xx warnings ("Not Found: /x") are not errors of the server
            "django.request": {"handlers": handlers, "level": "ERROR"},
            "django.security": {"handlers": handlers, "level": "WARNING"},  # refused hosts, suspicious input
            "letapis": {"handlers": handlers, "level": "INFO"},
        },
    }
