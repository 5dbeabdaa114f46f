"""Settings, read once from the environment in ``Settings.from_env`` and passed to create_app."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    """SQLAlchemy async URL. Empty: a SQLite file ``mawid.sqlite3`` in ``data_dir``."""
    redis_url: str = ""
    """Redis for live queue state and pub/sub between processes. Empty: in-process memory."""
    redis_prefix: str = "mawid"
    """``MAWID_REDIS_PREFIX``: the start of every Redis key and channel name, so several
    deployments (or test runs) can share one Redis without seeing each other's halls."""
    host: str = "127.0.0.1"
    """Interface the server listens on."""
    port: int = 8000
    """TCP port the server listens on."""
    secret_key: str = ""
    """Signs staff tokens and keys the identity HMAC. Required outside demo mode; in demo mode a
    random key is generated once and kept in ``data_dir`` so identities still match after a
    restart."""
    demo: bool = False
    """Seed demo offices and demo staff accounts on first start."""
    data_dir: Path = field(default_factory=lambda: Path("var"))
    """Where the embedded database and the demo secret live."""
    clock: str = ""
    """``MAWID_CLOCK``: start the server's clock at this ISO instant (with offset), then run."""
    workers: int = 1
    """Server processes for ``mawid serve`` (use more only with PostgreSQL or SQLite WAL)."""
    token_hours: int = 12
    """Lifetime of a staff token: one working day."""
    display_ping_seconds: float = 15.0
    """``MAWID_DISPLAY_PING_SECONDS``: how often a hall screen's feed pings. A screen that hears
    nothing for two of these shows itself as disconnected."""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        try:
            port = int(env.get("MAWID_PORT", "8000"))
            workers = int(env.get("MAWID_WORKERS", "1"))
        except ValueError as error:
            raise SettingsError(f"MAWID_PORT and MAWID_WORKERS must be whole numbers: {error}") from None
        try:
            ping = float(env.get("MAWID_DISPLAY_PING_SECONDS", "15"))
        except ValueError:
            raise SettingsError("MAWID_DISPLAY_PING_SECONDS must be a number of seconds") from None
        if not 0.05 <= ping <= 300:
            raise SettingsError("MAWID_DISPLAY_PING_SECONDS must be between 0.05 and 300")
        return cls(
            database_url=env.get("MAWID_DATABASE_URL", ""),
            redis_url=env.get("MAWID_REDIS_URL", ""),
            redis_prefix=env.get("MAWID_REDIS_PREFIX", "mawid") or "mawid",
            host=env.get("MAWID_HOST", "127.0.0.1"),
            port=port,
            secret_key=env.get("MAWID_SECRET_KEY", ""),
            demo=_flag(env.get("MAWID_DEMO")),
            data_dir=Path(env.get("MAWID_DATA_DIR", "var")),
            clock=env.get("MAWID_CLOCK", ""),
            workers=workers,
            display_ping_seconds=ping,
        )

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mawid.sqlite3'}"

    def resolved_secret(self) -> str:
        """The secret key; in demo mode one is made on first start and kept in ``data_dir``."""
        if self.secret_key:
            if len(self.secret_key) < 32:
                raise SettingsError("MAWID_SECRET_KEY must be at least 32 characters long")
            return self.secret_key
        if not self.demo:
            raise SettingsError(
                "MAWID_SECRET_KEY is required outside demo mode (set MAWID_DEMO=1 to try Mawid)"
            )
        path = self.data_dir / "demo-secret.key"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # O_EXCL: when several workers start at once, exactly one writes the key.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
            except FileExistsError:
                pass
        return path.read_text().strip()
