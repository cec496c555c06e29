"""`python -m reconcile [--since ISO] [--full] [--quiet]`: the same job as `claimledger reconcile`."""

from __future__ import annotations

import sys

from reconcile.cli import main

sys.exit(main())
