"""The registry of webhook events: small units behind one protocol, a name and the data its payload carries.

Descriptions (shown in the API's schema and the docs) are data, in ``events.json``; the code says only how each
event renders its subject. Adding an event is one class here and one entry there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from db.models import Flag, ReconciliationRun
from service.schemas import FlagOut, ReconciliationRunOut
from service.serializers import flag_out, run_out

SubjectT_contra = TypeVar("SubjectT_contra", contravariant=True)

DESCRIPTIONS: dict[str, str] = {
    name: str(entry["description"])
    for name, entry in json.loads((Path(__file__).with_name("events.json")).read_text(encoding="utf-8")).items()
}


class WebhookEvent(Protocol[SubjectT_contra]):
    """One kind of event: its name (the body's ``type`` and the X-Claimledger-Event header) and its data."""

    @property
    def name(self) -> str: ...

    @property
    def data_model(self) -> type[BaseModel]:
        """The shape of ``data`` (for the OpenAPI document's ``webhooks`` section)."""
        ...

    def data(self, subject: SubjectT_contra) -> dict[str, Any]:
        """The body's ``data``: the subject as the API shows it."""
        ...


class FlagCreated:
    """A flag GET /v1/flags lists by default (a contradiction or a self-contradiction): a subscriber counting these
    deliveries against that list gets one per flag listed."""

    name = "flag.created"
    data_model = FlagOut

    def data(self, subject: Flag) -> dict[str, Any]:
        return flag_out(subject).model_dump(mode="json")


class FlagNearDuplicate(FlagCreated):
    """A near-duplicate flag (listed only with ``GET /v1/flags?kind=near_duplicate``): its own event, so that only
    a subscriber who asks for it gets one, and ``flag.created`` stays what the default list shows."""

    name = "flag.near_duplicate"


class ReconciliationFinished:
    name = "reconciliation.finished"
    data_model = ReconciliationRunOut

    def data(self, subject: ReconciliationRun) -> dict[str, Any]:
        return run_out(subject).model_dump(mode="json")


FLAG_CREATED = FlagCreated()
FLAG_NEAR_DUPLICATE = FlagNearDuplicate()
RECONCILIATION_FINISHED = ReconciliationFinished()
EVENTS: dict[str, WebhookEvent[Any]] = {
    event.name: event for event in (FLAG_CREATED, FLAG_NEAR_DUPLICATE, RECONCILIATION_FINISHED)
}

if set(EVENTS) != set(DESCRIPTIONS):  # a unit without its description, or a description without its unit
    raise RuntimeError(f"webhook events {sorted(EVENTS)} and events.json {sorted(DESCRIPTIONS)} differ")
