"""Running Alembic from code: `claimledger db upgrade`, `serve` and the tests all come through here."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext, RevisionStep
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# Told of each migration just before it is applied: its file's name ("0012_alias_written_forms"), its number among
# those this upgrade applies, and how many that is. Never called when the database is already at the target.
MigrationCallback = Callable[[str, int, int], None]


def migration_line(name: str, number: int, total: int) -> str:
    """What the commands say of a migration about to be applied (through ``on_migration``): a heavy one on a large
    database is a long wait, not a hang. Nothing is said when the database is already at head."""
    return f"applying migration {name} ({number} of {total})"


def migration_module(file_name: str) -> ModuleType:
    """A migration of ``migrations/versions`` by its file's name ("0004_speaker_skeleton_keys.py"), loaded by path:
    a later migration reruns an earlier one's steps, and alembic loads migrations outside any package."""
    path = MIGRATIONS_DIR / "versions" / file_name
    spec = importlib.util.spec_from_file_location(f"claimledger_migration_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alembic_config(database_url: str) -> Config:
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    return config


def revert_line(name: str, number: int, total: int) -> str:
    """What `db downgrade` says of a migration about to be reverted: a downgrade can drop tables and data, so each
    step is named before it runs."""
    return f"reverting migration {name} ({number} of {total})"


def upgrade(database_url: str, revision: str = "head", on_migration: MigrationCallback | None = None) -> None:
    """alembic upgrade REVISION; ``on_migration`` hears of each migration as it is about to be applied."""
    _migrate(database_url, revision, "upgrade", on_migration)


def downgrade(database_url: str, revision: str = "base", on_migration: MigrationCallback | None = None) -> None:
    """alembic downgrade REVISION; ``on_migration`` hears of each migration as it is about to be reverted."""
    _migrate(database_url, revision, "downgrade", on_migration)


def _migrate(database_url: str, revision: str, direction: str, on_migration: MigrationCallback | None) -> None:
    config = alembic_config(database_url)
    if on_migration is None:
        (command.upgrade if direction == "upgrade" else command.downgrade)(config, revision)
        return
    if ":" in revision:
        raise CommandError("Range revision not allowed")  # as command.upgrade / command.downgrade say it
    _run_announced(config, revision, direction, on_migration)


def _run_announced(config: Config, revision: str, direction: str, on_migration: MigrationCallback) -> None:
    """command.upgrade / command.downgrade with their steps announced: Alembic runs each step as this generator yields
    it, inside the environment's transaction (and, on PostgreSQL, its migration lock), so the heads it starts from
    are current."""
    script = ScriptDirectory.from_config(config)

    def steps(heads: Any, _context: MigrationContext) -> Iterator[RevisionStep]:
        if direction == "upgrade":
            pending = script._upgrade_revs(revision, heads)
        else:
            pending = script._downgrade_revs(revision, heads)
        for number, step in enumerate(pending, start=1):
            on_migration(Path(step.revision.path).stem, number, len(pending))
            yield step

    with EnvironmentContext(config, script, fn=steps, as_sql=False, destination_rev=revision):
        script.run_env()


def check(database_url: str) -> None:
    """Raise if the models and the migrated schema differ (alembic check)."""
    command.check(alembic_config(database_url))
