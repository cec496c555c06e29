"""Text typed into the UI's forms, read as the API reads JSON: the same characters refused, line breaks as LF.

Browsers send a textarea's line breaks as CRLF (HTML's form encoding); the API's clients send LF. Read as sent, a
note would be stored with "\\r\\n" where the API stores "\\n", and each line break would count twice against a
length limit the textarea's own ``maxlength`` (which counts one) let through. NUL and lone surrogates: the body
guard refuses them in JSON (PostgreSQL stores no NUL); a form field holding one is refused here with the same
reason, shown on the form, on both backends alike.
"""

from __future__ import annotations

import re
from typing import Annotated, NamedTuple

from pydantic import AfterValidator, TypeAdapter, ValidationError

from service.errors import ServiceError, validation_message
from service.schemas import NoNul

_LINE_BREAK = re.compile(r"\r\n?")
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _one_line_break(value: str) -> str:
    return _LINE_BREAK.sub("\n", value)


# The API's own rule for text (``NoNul``): its message is the one /v1 and the check form give.
_FORM_FIELDS: TypeAdapter[dict[str, str]] = TypeAdapter(
    dict[str, Annotated[str, NoNul, AfterValidator(_one_line_break)]]
)


def form_fields(**fields: str) -> dict[str, str]:
    """The fields with CRLF and lone CR as LF; a ValidationError naming each field that holds NUL or a lone
    surrogate (its ``loc`` is the field's name, as a model's would be)."""
    return _FORM_FIELDS.validate_python(fields)


def storable(value: str) -> bool:
    """Whether a field's text could be stored or looked up (no NUL, no lone surrogate)."""
    try:
        form_fields(value=value)
    except ValidationError:
        return False
    return True


class FieldError(NamedTuple):
    """What is wrong with one field of a form (``field`` None: with the form as a whole), so that a page can say it
    beside that field and tie the two together for a screen reader."""

    field: str | None
    message: str

    @property
    def line(self) -> str:
        """The error as one line: "field: what is wrong"."""
        return f"{self.field or 'form'}: {self.message}"


def field_errors(exc: ValidationError) -> list[FieldError]:
    """A form's validation errors, each with its field, in the service's words (as /v1's 422s: no "Value error, "
    of pydantic's before them)."""
    return [FieldError(".".join(str(p) for p in e["loc"]) or None, validation_message(e)) for e in exc.errors()]


def error_lines(exc: ValidationError) -> list[str]:
    """A form's validation errors as a person reads them: "field: what is wrong"."""
    return [error.line for error in field_errors(exc)]


def field_refusals(exc: ServiceError) -> list[FieldError]:
    """A service's refusal of a form's fields, each with its field and the records it could mean by name ("could
    be Maria Alvarez or Carlos Alvarez"); its detail alone, for the whole form, when it names no field."""
    refusals = []
    for error in exc.errors or []:
        where = ".".join(str(p) for p in error.get("loc", []) if p != "body") or None
        names = [str(c["name"]) for c in error.get("candidates", []) if isinstance(c, dict) and c.get("name")]
        could_be = f" (could be {', '.join(names[:-1])} or {names[-1]})" if len(names) > 1 else ""
        refusals.append(FieldError(where, f"{error.get('msg', exc.detail)}{could_be}"))
    return refusals or [FieldError(None, exc.detail)]


def shown(value: str) -> str:
    """A refused field's text safe to show back in its form: NUL and lone surrogates as U+FFFD (a page cannot
    carry a lone surrogate at all: UTF-8 cannot encode it)."""
    return _NOT_TEXT.sub("\ufffd", value)
