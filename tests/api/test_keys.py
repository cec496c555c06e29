"""Key management: /v1/keys (list, create, revoke) and `claimledger keys list` / `keys revoke`, on both backends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from db.models import ApiKey, IdempotencyRecord
from service import cli
from service.runtime import Runtime
from service.services.keys import MAX_KEY_NAME_LENGTH, KeyService
from tests.conftest import run_cli

REPO_ROOT = Path(__file__).resolve().parents[2]
LISTED_FIELDS = {"id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"}


@pytest.fixture
def admin(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("admin")


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_create_returns_the_secret_once_and_it_works(client: TestClient, admin: dict[str, str]) -> None:
    response = client.post("/v1/keys", json={"name": "newsroom plugin", "scopes": ["write", "read"]}, headers=admin)
    assert response.status_code == 201, response.text
    created = response.json()
    assert set(created) == LISTED_FIELDS | {"key", "secret"}
    assert created["secret"] == created["key"]  # the contract's "the reply holds the secret", by either name
    assert created["name"] == "newsroom plugin"
    assert created["scopes"] == ["read", "write"]
    assert created["revoked_at"] is None and created["last_used_at"] is None
    assert created["key"].startswith(created["prefix"] + "_")
    new_key = _bearer(created["key"])
    assert client.get("/v1/claims", headers=new_key).status_code == 200
    assert client.get("/v1/keys", headers=new_key).status_code == 403  # not admin
    listed = client.get("/v1/keys", headers=admin).json()["items"]
    mine = next(k for k in listed if k["id"] == created["id"])
    assert set(mine) == LISTED_FIELDS  # never the secret, never its hash
    secret = created["key"].split("_", 2)[2]
    assert secret not in client.get("/v1/keys", headers=admin).text


def test_create_validates_name_and_scopes(client: TestClient, admin: dict[str, str]) -> None:
    for body in (
        {"name": "  ", "scopes": ["read"]},
        {"name": "x", "scopes": []},
        {"name": "x", "scopes": ["root"]},
        {"scopes": ["read"]},
    ):
        response = client.post("/v1/keys", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.headers["content-type"].startswith("application/problem+json")
    comma = client.post("/v1/keys", json={"name": "cli style", "scopes": "read,review"}, headers=admin)
    assert comma.status_code == 201
    assert comma.json()["scopes"] == ["read", "review"]


def test_key_routes_need_admin(client: TestClient, make_key: Callable[[str], dict[str, str]]) -> None:
    writer = make_key("read,write,review")
    some_id = "00000000-0000-0000-0000-000000000000"
    assert client.get("/v1/keys", headers=writer).status_code == 403
    assert client.post("/v1/keys", json={"name": "x", "scopes": ["read"]}, headers=writer).status_code == 403
    assert client.delete(f"/v1/keys/{some_id}", headers=writer).status_code == 403
    assert client.get("/v1/keys").status_code == 401


def test_a_revoked_key_gets_401_at_once_and_stays_listed(client: TestClient, admin: dict[str, str]) -> None:
    created = client.post("/v1/keys", json={"name": "leaked", "scopes": ["read"]}, headers=admin).json()
    leaked = _bearer(created["key"])
    assert client.get("/v1/claims", headers=leaked).status_code == 200
    assert client.delete(f"/v1/keys/{created['id']}", headers=admin).status_code == 204
    refused = client.get("/v1/claims", headers=leaked)
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    shown = client.get(f"/v1/keys/{created['id']}", headers=admin).json()
    assert shown["revoked_at"] is not None
    # Revoking again changes nothing, not even the time.
    assert client.delete(f"/v1/keys/{created['id']}", headers=admin).status_code == 204
    assert client.get(f"/v1/keys/{created['id']}", headers=admin).json()["revoked_at"] == shown["revoked_at"]


def test_revoking_an_unknown_key_is_404_and_a_key_cannot_revoke_itself(
    client: TestClient, runtime: Runtime, admin: dict[str, str]
) -> None:
    assert client.delete("/v1/keys/00000000-0000-0000-0000-000000000000", headers=admin).status_code == 404
    assert client.delete("/v1/keys/not-a-uuid", headers=admin).status_code == 404
    with runtime.db.read() as session:
        (own,) = session.scalars(select(ApiKey)).all()
    refused = client.delete(f"/v1/keys/{own.id}", headers=admin)
    assert refused.status_code == 409
    assert "cannot revoke itself" in refused.json()["detail"]
    assert client.get("/v1/keys", headers=admin).status_code == 200  # still valid


def test_list_is_paginated_in_creation_order(client: TestClient, admin: dict[str, str]) -> None:
    for n in range(4):
        assert client.post("/v1/keys", json={"name": f"k{n}", "scopes": ["read"]}, headers=admin).status_code == 201
    names: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/keys", params=params, headers=admin).json()
        names += [k["name"] for k in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert names == ["test", "k0", "k1", "k2", "k3"]
    assert pages == 3


def test_last_used_time_is_listed(client: TestClient, runtime: Runtime, admin: dict[str, str]) -> None:
    created = client.post("/v1/keys", json={"name": "used", "scopes": ["read"]}, headers=admin).json()
    assert client.get("/v1/claims", headers=_bearer(created["key"])).status_code == 200
    runtime.key_usage.wait()
    shown = client.get(f"/v1/keys/{created['id']}", headers=admin).json()
    assert shown["last_used_at"] is not None
    assert shown["last_used_at"] >= created["created_at"]


def test_idempotent_create_replays_without_the_secret(
    client: TestClient, runtime: Runtime, admin: dict[str, str]
) -> None:
    headers = admin | {"Idempotency-Key": "create-plugin-key"}
    body = {"name": "plugin", "scopes": ["write"]}
    first = client.post("/v1/keys", json=body, headers=headers)
    again = client.post("/v1/keys", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["key"]
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json() | {"key": None, "secret": None}
    with runtime.db.read() as session:
        assert len(session.scalars(select(ApiKey).where(ApiKey.name == "plugin")).all()) == 1
        stored = session.scalars(select(IdempotencyRecord)).one()
        assert first.json()["key"] not in str(stored.response_body)


# -- the command line ---------------------------------------------------------------------------------------


def _create(runtime: Runtime, name: str, scopes: list[str]) -> tuple[str, str]:
    with runtime.db.write() as session:
        key, token = KeyService(session).create(name, scopes)
        return key.id, token


def test_cli_lists_keys_one_line_each_without_secrets(cli_env: CliRunner, client: TestClient, runtime: Runtime) -> None:
    used_id, used_token = _create(runtime, "desk editor", ["read", "review"])
    revoked_id, revoked_token = _create(runtime, "old plugin", ["write"])
    assert client.get("/v1/claims", headers=_bearer(used_token)).status_code == 200
    runtime.key_usage.wait()
    assert cli_env.invoke(cli.app, ["keys", "revoke", revoked_id]).exit_code == 0
    result = cli_env.invoke(cli.app, ["keys", "list"])
    assert result.exit_code == 0, result.output
    assert result.stderr.split() == ["ID", "NAME", "SCOPES", "CREATED", "LAST", "USED", "REVOKED"]
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # one per key
    used_line = next(line for line in lines if line.startswith(used_id))
    revoked_line = next(line for line in lines if line.startswith(revoked_id))
    assert "desk editor" in used_line and "read,review" in used_line
    assert "never" not in used_line and used_line.rstrip().endswith("no")
    assert "never" in revoked_line and not revoked_line.rstrip().endswith("no")
    for token in (used_token, revoked_token):
        assert token.split("_", 2)[2] not in result.stdout
    as_json = cli_env.invoke(cli.app, ["keys", "list", "--json"])
    assert as_json.exit_code == 0
    assert len(as_json.stdout.splitlines()) == 2


def test_cli_revoke_unknown_fails_and_repeat_is_harmless(cli_env: CliRunner, runtime: Runtime) -> None:
    key_id, _ = _create(runtime, "twice", ["read"])
    for unknown in ("00000000-0000-0000-0000-000000000000", "nope"):
        result = cli_env.invoke(cli.app, ["keys", "revoke", unknown])
        assert result.exit_code == 1
        assert "no API key with id" in result.stderr
    first = cli_env.invoke(cli.app, ["keys", "revoke", key_id])
    assert first.exit_code == 0 and "revoked key" in first.stdout
    again = cli_env.invoke(cli.app, ["keys", "revoke", key_id])
    assert again.exit_code == 0 and "already revoked" in again.stdout


def test_a_key_revoked_by_the_cli_while_the_server_runs_gets_401(client: TestClient, runtime: Runtime) -> None:
    """Another process revokes it (the operator's shell); the serving app refuses it from the next request on."""
    key_id, token = _create(runtime, "revoked from a shell", ["read"])
    assert client.get("/v1/claims", headers=_bearer(token)).status_code == 200
    done = run_cli("keys", "revoke", key_id, env={"CLAIMLEDGER_DATABASE_URL": runtime.settings.database_url})
    assert done.returncode == 0, done.stderr
    assert client.get("/v1/claims", headers=_bearer(token)).status_code == 401


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({"CLAIMLEDGER_DATABASE_URL": "postgresql+psycopg://u:secret@127.0.0.1:1/x"}, "database error: "),
        ({"CLAIMLEDGER_DATABASE_URL": "sqlite:////nonexistent-dir/claims.db"}, "database error: "),
        ({"CLAIMLEDGER_DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"}, "database error: "),  # psycopg 3
        ({"CLAIMLEDGER_DATABASE_URL": "postgres://u:secret@127.0.0.1:1/x"}, "database error: "),
        ({"CLAIMLEDGER_DATABASE_URL": "bogus://x"}, "unsupported database URL"),
        ({"CLAIMLEDGER_DATABASE_URL": "postgresql+asyncpg://u:secret@127.0.0.1:1/x"}, "use postgresql+psycopg://"),
        ({"CLAIMLEDGER_RATE_LIMIT": "lots"}, "CLAIMLEDGER_RATE_LIMIT: "),
    ],
)
def test_an_operators_mistake_is_one_line_not_a_traceback(env: dict[str, str], said: str) -> None:
    """`keys create` is a new user's first command: a database it cannot reach or a setting that does not parse
    is said in one line (never with the password), exit 1."""
    done = run_cli(
        "keys",
        "create",
        "--name",
        "first",
        "--scopes",
        "read",
        env={"CLAIMLEDGER_DATABASE_URL": "sqlite:///:memory:", **env},
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and said in lines[0], done.stderr
    assert "Traceback" not in done.stderr and "secret" not in done.stderr


def test_serve_on_a_port_in_use_says_so_before_anything_else(tmp_path: Path) -> None:
    """It used to migrate, announce "serving on", start a worker and then exit with the reason in a log line."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli(
            "serve", "--port", str(port), env={"CLAIMLEDGER_DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"}
        )
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    assert done.stdout == "" and not (tmp_path / "never.db").exists()


def test_cli_refuses_a_key_name_the_api_refuses(cli_env: CliRunner, runtime: Runtime) -> None:
    """`keys create --name` of 300 characters printed a key on SQLite and failed with a database error on
    PostgreSQL (api_keys.name holds 200); POST /v1/keys says 422. Now the CLI says it in one line, storing nothing."""
    too_long = "N" * (MAX_KEY_NAME_LENGTH + 1)
    result = cli_env.invoke(cli.app, ["keys", "create", "--name", too_long, "--scopes", "review"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"error: --name must be at most {MAX_KEY_NAME_LENGTH} characters (it has 201)"
    assert result.stdout == ""
    with runtime.db.read() as session:
        assert session.scalars(select(ApiKey)).all() == []
    longest = cli_env.invoke(cli.app, ["keys", "create", "--name", "N" * MAX_KEY_NAME_LENGTH, "--scopes", "review"])
    assert longest.exit_code == 0, longest.output
    assert longest.stdout.splitlines()[-1].startswith("clk_")
