"""A manager's settings of an office's channels (``booking.channels``): the share of appointments
kept for a clerk's bookings (desk and phone), and seniors' hours.

Per office rather than one setting for the country: a rural office whose applicants rarely book
online keeps more for its desk than a city office, and seniors' hours suit an office's own
morning. New offices keep neither until their manager sets them.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, get, put
from litestar.params import FromPath, JSONBody

from api.audit import AuditTrail
from api.auth import ManagerController
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.capacity import office_in_scope
from booking.appointments import Appointments
from booking.calendar import local_today
from booking.channels import MAX_ASSISTED_SHARE, band_text, parse_band
from booking.messages import MESSAGES
from booking.offices import Office
from booking.staff import StaffUser
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput


class ChannelsIn(msgspec.Struct, kw_only=True):
    assisted_share: float
    """Share of each day's appointments kept for assisted bookings, 0 to 0.5 (0.2: a fifth)."""
    seniors_hours: str | None = None
    """``HH:MM-HH:MM`` in the office's time, or null for none."""


class ChannelsOut(msgspec.Struct):
    office_id: str
    assisted_share: float
    seniors_hours: str | None


def channels_view(office: Office) -> ChannelsOut:
    return ChannelsOut(office.id, office.assisted_share, band_text(office.seniors_hours))


class ChannelSettingsController(ManagerController):
    path = "/api/v1/manage/offices/{office_id:str}/channels"

    @get(
        "",
        summary="The office's share kept for assisted bookings and its seniors' hours",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`"}),
    )
    async def show(
        self, directory: Injected[OfficeDirectory], user: Injected[StaffUser], office_id: FromPath[str]
    ) -> ChannelsOut:
        return channels_view(await office_in_scope(directory, user, office_id))

    @put(
        "",
        summary="Set the office's share kept for assisted bookings and its seniors' hours",
        description="Slots from today on keep their new seats at once (a seat already booked stays "
        "booked); availability and the optimiser follow.",
        responses=answers(
            BODY, PARAMETERS, STAFF, {404: "`office_not_found`", 422: "`invalid_channel_settings`"}
        ),
    )
    async def set(
        self,
        request: Request[Any, Any, Any],
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        appointments: Injected[Appointments],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[ChannelsIn],
    ) -> ChannelsOut:
        office = await office_in_scope(directory, user, office_id)
        if not 0 <= data.assisted_share <= MAX_ASSISTED_SHARE:
            raise MESSAGES.error(InvalidInput, "invalid_channel_settings")
        try:
            band = parse_band(data.seniors_hours)
        except ValueError:
            raise MESSAGES.error(InvalidInput, "invalid_channel_settings") from None
        today = local_today(clock.now(), TIMEZONE)
        await directory.store.set_channels(office.id, data.assisted_share, band, today)
        directory.invalidate()
        for service in office.services:
            appointments.changed(office.id, service)
        await audit.by_staff(
            request,
            user,
            "office.channels_changed",
            office_id=office.id,
            detail={
                "before": {
                    "assisted_share": office.assisted_share,
                    "seniors_hours": band_text(office.seniors_hours),
                },
                "after": {"assisted_share": data.assisted_share, "seniors_hours": band_text(band)},
            },
        )
        changed = await directory.office(office.id)
        assert changed is not None
        return channels_view(changed)
