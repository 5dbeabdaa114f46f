"""Which offices a flexible request accepts, and how far each is from where the citizen starts.

A citizen names them in one of three ways: a list of offices (distances are measured from the
first, the one they would have booked directly), a governorate (from its capital), or a point
and a radius (from the point). The optimiser trades those distances against crowding, so an
office two streets away and one across the governorate are not offered as equals.

A request for one trip, several services (``booking.chains``) accepts only the offices that offer
every one of them: the chain is served at one office.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from booking.booking_requests import AcceptedOffice
from booking.messages import MESSAGES
from booking.offices import Office
from booking.services import Service
from kernel.errors import InvalidInput
from kernel.geo import haversine_km
from kernel.governorates import BY_SLUG

MAX_OFFICES = 10
"""A request accepts at most this many offices: the nearest, when a radius holds more."""
MAX_RADIUS_KM = 300.0

ReachKind = Literal["offices", "governorate", "near"]


@dataclass(frozen=True, slots=True)
class Reach:
    """What the citizen said: exactly one of a list of offices, a governorate, or a radius."""

    kind: ReachKind
    office_ids: tuple[str, ...] = ()
    governorate: str = ""
    lat: float = 0.0
    lon: float = 0.0
    max_km: float = 0.0

    @classmethod
    def from_choice(
        cls,
        offices: Sequence[str] | None,
        governorate: str | None,
        near: tuple[float, float, float] | None,
    ) -> Reach:
        """The one way the citizen named offices, or ``invalid_offices_choice``."""
        given = [offices is not None, governorate is not None, near is not None]
        if sum(given) != 1 or (offices is not None and not offices):
            raise MESSAGES.error(InvalidInput, "invalid_offices_choice")
        if offices is not None:
            unique = tuple(dict.fromkeys(o.strip() for o in offices))
            if len(unique) > MAX_OFFICES:
                raise MESSAGES.error(InvalidInput, "too_many_offices")
            return cls("offices", office_ids=unique)
        if governorate is not None:
            return cls("governorate", governorate=governorate.strip().lower())
        assert near is not None
        lat, lon, max_km = near
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < max_km <= MAX_RADIUS_KM):
            raise MESSAGES.error(InvalidInput, "invalid_location")
        return cls("near", lat=lat, lon=lon, max_km=max_km)

    def to_json(self, accepted: Sequence[AcceptedOffice]) -> dict[str, Any]:
        """What is stored with the request: the citizen's words and the offices they came to."""
        described: dict[str, Any] = {"kind": self.kind}
        if self.kind == "offices":
            described["office_ids"] = list(self.office_ids)
        elif self.kind == "governorate":
            described["governorate"] = self.governorate
        else:
            described.update(lat=self.lat, lon=self.lon, max_km=self.max_km)
        described["offices"] = [[a.office_id, a.distance_km] for a in accepted]
        return described


def _km(lat: float, lon: float, office: Office) -> float:
    return round(haversine_km(lat, lon, office.lat, office.lon), 1)


def _offering(offices: Sequence[Office], services: Sequence[Service]) -> list[Office]:
    return [o for o in offices if all(o.offers(service.code) for service in services)]


def _no_office(keys: tuple[str, str], services: Sequence[Service], **values: Any) -> InvalidInput:
    """``no_office_in_reach`` naming the service (the first of ``keys``); for a chain, every
    service and that no office offers them together (the second)."""
    if len(services) == 1:
        service = services[0]
        return MESSAGES.error(
            InvalidInput, keys[0], service_en=service.name_en, service_ar=service.name_ar, **values
        )
    return MESSAGES.error(
        InvalidInput,
        keys[1],
        services_en=" + ".join(service.name_en for service in services),
        services_ar=" و".join(f"«{service.name_ar}»" for service in services),
        **values,
    )


def accepted_in_governorate(
    slug: str, service: Service, offices: Sequence[Office], also: Sequence[Service] = ()
) -> tuple[AcceptedOffice, ...]:
    """Offices of the governorate offering ``service`` (and every service of ``also``, the rest
    of a chain), measured from its capital."""
    governorate = BY_SLUG.get(slug)
    if governorate is None:
        raise MESSAGES.error(InvalidInput, "unknown_governorate", slug=slug)
    services = (service, *also)
    here = [o for o in _offering(offices, services) if o.governorate == slug]
    if not here:
        raise _no_office(
            ("no_office_in_reach.governorate", "no_office_in_reach.governorate_chain"),
            services,
            governorate_en=governorate.name_en,
            governorate_ar=governorate.name_ar,
        )
    lat, lon = governorate.lat or here[0].lat, governorate.lon or here[0].lon
    found = sorted((_km(lat, lon, o), o.id) for o in here)[:MAX_OFFICES]
    return tuple(AcceptedOffice(office_id, km) for km, office_id in found)


def accepted_near(
    lat: float,
    lon: float,
    max_km: float,
    service: Service,
    offices: Sequence[Office],
    also: Sequence[Service] = (),
) -> tuple[AcceptedOffice, ...]:
    """The nearest offices offering ``service`` (and every service of ``also``) within
    ``max_km`` of the point."""
    services = (service, *also)
    found = sorted((_km(lat, lon, o), o.id) for o in _offering(offices, services))
    within = [(km, office_id) for km, office_id in found if km <= max_km][:MAX_OFFICES]
    if not within:
        raise _no_office(
            ("no_office_in_reach.near", "no_office_in_reach.near_chain"), services, max_km=max_km
        )
    return tuple(AcceptedOffice(office_id, km) for km, office_id in within)


def accepted_from_list(listed: Sequence[Office]) -> tuple[AcceptedOffice, ...]:
    """The listed offices (already checked to offer the service, or every service of a chain),
    measured from the first."""
    first = listed[0]
    return tuple(AcceptedOffice(o.id, _km(first.lat, first.lon, o)) for o in listed)
