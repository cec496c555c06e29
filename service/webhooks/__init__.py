"""Webhooks: events written to an outbox in the transaction that raises them, delivered signed by a worker.

``events`` is the registry of event kinds, ``outbox`` writes deliveries, ``delivery`` sends them (retries,
back-off, the attempt log), ``targets`` keeps deliveries off private networks, ``signing`` makes and checks the
signature header, ``subscriptions`` is what the /v1/webhooks routes call.
"""
