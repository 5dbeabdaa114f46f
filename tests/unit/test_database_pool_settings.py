"""The PostgreSQL pool of each server process is read from ``MAWID_DATABASE_POOL`` once, with the
old fixed size as its default, and reaches the engine."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError
from kernel.database import PREPARED_STATEMENTS, Database


def test_the_default_is_ten_kept_and_twenty_more_for_a_burst() -> None:
    assert Settings.from_env({}).database_pool == (10, 20)


@pytest.mark.parametrize(("value", "pool"), [("4+4", (4, 4)), ("8", (8, 0)), (" 16+0 ", (16, 0))])
def test_a_pool_from_the_environment(value: str, pool: tuple[int, int]) -> None:
    assert Settings.from_env({"MAWID_DATABASE_POOL": value}).database_pool == pool


@pytest.mark.parametrize("value", ["0", "ten", "4+-1", "4+x", "+4"])
def test_a_malformed_pool_names_the_setting(value: str) -> None:
    with pytest.raises(SettingsError, match="MAWID_DATABASE_POOL"):
        Settings.from_env({"MAWID_DATABASE_POOL": value})


async def test_the_engine_gets_the_pool_and_a_larger_statement_cache() -> None:
    database = Database("postgresql+asyncpg://postgres@127.0.0.1/unused", pool=(3, 2))
    try:
        engine = database._async
        assert engine is not None
        assert (engine.pool.size(), engine.pool._max_overflow) == (3, 2)  # type: ignore[attr-defined]
        assert engine.url.query["prepared_statement_cache_size"] == str(PREPARED_STATEMENTS)
    finally:
        await database.dispose()


async def test_a_statement_cache_set_in_the_url_is_kept() -> None:
    database = Database("postgresql+asyncpg://postgres@127.0.0.1/unused?prepared_statement_cache_size=0")
    try:
        assert database._async is not None
        assert database._async.url.query["prepared_statement_cache_size"] == "0"
    finally:
        await database.dispose()
