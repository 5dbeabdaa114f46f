"""The Redis client for ``MAWID_REDIS_URL``: one Redis, or a Redis Cluster.

``redis://host:6379/0`` (or ``rediss://`` for TLS, ``unix:///path``) is one Redis server.
``redis+cluster://host:port`` (or
``rediss+cluster://`` for TLS) is a Redis Cluster: the address is any one of its nodes, from
which the client learns the rest and which node owns which hash slot. Every key of an office
carries the office id as a hash tag (``mawid:{giza-passports}:…``), so all of one office's keys
live in one slot and every Lua script touches one node; offices spread over the masters. A
cluster has one database, so a ``/db`` path other than ``/0`` is refused by Redis.

Timeouts are short on purpose: a Redis that does not answer within two seconds is treated as
down (the request fails fast with 503 instead of holding a worker), and an idle pooled
connection is checked before use after ``HEALTH_CHECK_SECONDS``, so a connection Redis dropped
in a restart is replaced rather than failing the first request that picks it up.
"""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster

SOCKET_TIMEOUT_SECONDS = 2.0
"""For connecting and for each reply. Blocking reads (pub/sub ``listen``) must pass their own
timeout, as ``get_message(timeout=…)`` does; a bare blocking read would time out after this."""
HEALTH_CHECK_SECONDS = 15
CLUSTER_SCHEMES = {"redis+cluster": "redis", "rediss+cluster": "rediss"}


def is_cluster_url(url: str) -> bool:
    return url.partition("://")[0].lower() in CLUSTER_SCHEMES


def redis_client(url: str, **options: Any) -> Redis | RedisCluster:
    """A client for ``url`` (see the module's docstring for the schemes); connects lazily, on
    first use. ``options`` override the defaults (e.g. ``decode_responses``)."""
    settings: dict[str, Any] = {
        "socket_timeout": SOCKET_TIMEOUT_SECONDS,
        "socket_connect_timeout": SOCKET_TIMEOUT_SECONDS,
        "health_check_interval": HEALTH_CHECK_SECONDS,
        **options,
    }
    scheme, _, rest = url.partition("://")
    if scheme.lower() in CLUSTER_SCHEMES:
        return RedisCluster.from_url(f"{CLUSTER_SCHEMES[scheme.lower()]}://{rest}", **settings)
    return Redis.from_url(url, **settings)
