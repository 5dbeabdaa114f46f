"""A booking as an iCalendar event, in the language the citizen booked in."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, vGeo

from api.messages import MESSAGES
from api.views import documents
from booking.bookings import Booking
from booking.offices import Office
from booking.services import SERVICES


def booking_ics(booking: Booking, office: Office, now: datetime) -> bytes:
    """One event from the first visit's start to the last one's end (a chain's services joined
    in its name, their papers listed once each)."""
    services = [SERVICES[code] for code in booking.services]
    arabic = booking.applicant.lang == "ar"
    language = "ar" if arabic else "en"
    calendar = Calendar()
    calendar.add("prodid", "-//Mawid//Government appointments//AR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.code}@mawid")
    event.add("dtstamp", now)
    event.add("dtstart", booking.starts_at)
    event.add("dtend", booking.visits[-1].ends_at)
    papers_en, papers_ar = documents(booking.services)
    if arabic:
        names = (" + ".join(s.name_ar for s in services), office.name_ar, office.address_ar, papers_ar)
    else:
        names = (" + ".join(s.name_en for s in services), office.name_en, office.address_en, papers_en)
    service_name, office_name, address, papers = names
    event.add(
        "summary", MESSAGES.text("calendar.summary", language, service=service_name, office=office_name)
    )
    event.add("location", MESSAGES.text("calendar.location", language, office=office_name, address=address))
    listed = "\n".join(f"• {d}" for d in papers)
    event.add(
        "description", MESSAGES.text("calendar.description", language, code=booking.code, documents=listed)
    )
    event.add("geo", vGeo((office.lat, office.lon)))
    event.add("status", "CONFIRMED" if booking.active else "CANCELLED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event["summary"])
    alarm.add("trigger", -timedelta(hours=2))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
