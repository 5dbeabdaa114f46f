"""A booking as an iCalendar event, in the language the citizen booked in."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, vGeo

from booking.bookings import Booking
from booking.offices import Office
from booking.services import SERVICES


def booking_ics(booking: Booking, office: Office, now: datetime) -> bytes:
    service = SERVICES[booking.service]
    arabic = booking.applicant.lang == "ar"
    calendar = Calendar()
    calendar.add("prodid", "-//Mawid//Government appointments//AR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{booking.code}@mawid")
    event.add("dtstamp", now)
    event.add("dtstart", booking.starts_at)
    event.add("dtend", booking.ends_at)
    if arabic:
        event.add("summary", f"موعد: {service.name_ar} — {office.name_ar}")
        event.add("location", f"{office.name_ar}، {office.address_ar}")
        documents = "\n".join(f"• {d}" for d in service.documents_ar)
        event.add("description", f"كود الحجز: {booking.code}\nالمستندات المطلوبة:\n{documents}")
    else:
        event.add("summary", f"Appointment: {service.name_en} — {office.name_en}")
        event.add("location", f"{office.name_en}, {office.address_en}")
        documents = "\n".join(f"• {d}" for d in service.documents_en)
        event.add("description", f"Booking code: {booking.code}\nDocuments to bring:\n{documents}")
    event.add("geo", vGeo((office.lat, office.lon)))
    event.add("status", "CONFIRMED" if booking.active else "CANCELLED")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event["summary"])
    alarm.add("trigger", -timedelta(hours=2))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
