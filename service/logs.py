"""Log output for `claimledger serve`: one JSON object per line (CLAIMLEDGER_LOG_FORMAT=json, the default) or
plain text lines for people (text), for our loggers and uvicorn's alike, each line carrying the request id of the
request it was written for.
"""

from __future__ import annotations

import logging
import logging.config
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from service.config import Settings

# The id of the request being served (set by service.observability.RequestObservability).
current_request_id: ContextVar[str | None] = ContextVar("claimledger_request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
# uvicorn adds a coloured copy of each message; no use in a log file.
_SKIPPED_ATTRS = [*RESERVED_ATTRS, "color_message"]


class RequestIdFilter(logging.Filter):
    """Stamps every record with the current request's id (None outside a request; '-' in text lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        if getattr(record, "request_id", None) is None:
            record.request_id = "-"
        return super().format(record)


class JsonLineFormatter(JsonFormatter):
    """`{"time", "level", "logger", "message", "request_id", ...extra fields}` on one line (python-json-logger)."""

    def __init__(self) -> None:
        super().__init__(
            ["levelname", "name", "message"],
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=_SKIPPED_ATTRS,
        )

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        log_data["time"] = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        super().add_fields(log_data, record, message_dict)
        if log_data.get("request_id") is None:
            log_data.pop("request_id", None)


def logging_config(settings: Settings) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the process: uvicorn applies it (``log_config``) in every worker."""
    level = settings.log_level.upper()
    formatter = "json" if settings.log_format == "json" else "text"
    handler = {"handlers": ["stderr"], "level": level, "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonLineFormatter}, "text": {"()": TextFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": formatter,
                "filters": ["request_id"],
            }
        },
        "loggers": {
            "claimledger": handler,
            "uvicorn": handler,
            "uvicorn.error": {"level": level},  # propagates to "uvicorn"
            "uvicorn.access": handler,
        },
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }


def configure_logging(settings: Settings) -> None:
    """The same configuration for a process uvicorn does not start (the batch worker beside the server)."""
    logging.config.dictConfig(logging_config(settings))
