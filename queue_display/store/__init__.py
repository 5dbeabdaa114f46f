"""Where the on-site queue lives: ``MemoryQueueStore`` (embedded) or ``RedisQueueStore``."""

from queue_display.store.base import BoardState, Change, CounterChange, Issued, QueueStore
from queue_display.store.memory import MemoryQueueStore
from queue_display.store.redis import RedisQueueStore

__all__ = [
    "BoardState",
    "Change",
    "CounterChange",
    "Issued",
    "MemoryQueueStore",
    "QueueStore",
    "RedisQueueStore",
]
