"""The nightly reconciliation: re-check what changed against the whole record, raise flags, report, resume.

`reconcile.job` holds the job, `reconcile.lock` the database lock, `reconcile.report` the report and
`reconcile.cli` the command line (`claimledger reconcile`, `python -m reconcile`).
"""
