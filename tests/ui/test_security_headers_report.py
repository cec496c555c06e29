"""The reconciliation report served over the API (``/v1/reconciliations/{id}/report``) is a page of stored text on
the API's origin: it carries a policy that lets no script run and no other site frame it, as the review UI does."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from db.engine import make_session_factory
from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from tests.ui.records import store_claim

HOSTILE = "<img src=x onerror=alert(1)>"


def test_the_api_report_lets_no_script_run_and_no_site_frame_it(
    client: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    with make_session_factory(runtime.engine)() as session:
        store_claim(session, f"The number of U.S. troops in Iraq has dropped to about 2,500. {HOSTILE}", HOSTILE)
        store_claim(session, "The number of U.S. troops in Iraq has risen to about 3,500.", HOSTILE, "2021-06-15")
        session.commit()
    outcome = Reconciler(runtime).run(RunRequest(full=True))[-1]
    assert outcome.status == "succeeded"
    report = client.get(
        f"/v1/reconciliations/{outcome.run_id}/report", headers={"Authorization": f"Bearer {make_token('read')}"}
    )
    assert report.status_code == 200 and HOSTILE not in report.text
    policy = report.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "script-src" not in policy  # no script source at all: default-src 'none' forbids every script
    assert report.headers["X-Content-Type-Options"] == "nosniff"
    assert report.headers["X-Frame-Options"] == "DENY"
    # The same page headers as the review UI's (``service.page_headers``): no referrer leaves for other sites and
    # no opener from another origin keeps a handle on the report's window.
    assert report.headers["Referrer-Policy"] == "same-origin"
    assert report.headers["Cross-Origin-Opener-Policy"] == "same-origin"
