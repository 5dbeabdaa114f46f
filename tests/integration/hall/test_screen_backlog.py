"""A screen that stops reading cannot grow the server's memory: its backlog keeps only the
newest events (the feed fetches what was dropped from the store's log, see test_display_feed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from api.live import SUBSCRIBER_BACKLOG, LiveHall, display_channel
from api.settings import Settings

PUBLISHED = 1000


async def test_a_screen_that_stops_reading_keeps_only_the_newest_events(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    live = LiveHall(settings)
    async with live.channels:
        subscriber = await live.channels.subscribe(display_channel(settings.redis_prefix, "giza-passports"))
        live.publish("giza-passports", [{"type": "queue", "seq": seq} for seq in range(1, PUBLISHED + 1)])
        for _ in range(100):
            await asyncio.sleep(0.02)  # the plugin's workers fan out on this loop
        assert subscriber.qsize == SUBSCRIBER_BACKLOG
        events = subscriber.iter_events()
        kept = [await anext(events) for _ in range(SUBSCRIBER_BACKLOG)]
        assert kept[0] == f'{{"type":"queue","seq":{PUBLISHED - SUBSCRIBER_BACKLOG + 1}}}'.encode()
        assert kept[-1] == f'{{"type":"queue","seq":{PUBLISHED}}}'.encode()
        await live.channels.unsubscribe(subscriber)
    await live.close()
