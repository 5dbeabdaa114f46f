# ruff: noqa: E501  (snapshots are whole sentences, one per line)
"""The words the HTTP layer gives a client (the framework's refusals, unreadable requests, limits,
outages, the staff routes' refusals, the calendar file), snapshotted before they moved into
``api/messages.py``: moving a message into the catalogue must not change code, English or Arabic
by one character.

Each case calls the function a route or a handler calls, not the route itself, so the cases stay
true however the handlers receive their collaborators."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
    ValidationException,
)

from api import (
    auth,
    calendar_file,
    display_guard,
    hardening,
    http_server,
    problems,
    proof_of_work,
    rate_limits,
)
from api.messages import MESSAGES
from api.routes import (
    audit,
    bookings,
    capacity,
    kiosk,
    optimiser_jobs,
    rebalancing,
    staff_admin,
    staff_auth,
    suspicious,
)
from booking.demo import DEMO_OFFICES
from booking.rules import MAX_AHEAD
from booking.staff import Role, StaffAccount, StaffUser
from kernel.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound

GIZA = next(o for o in DEMO_OFFICES if o.id == "giza-passports")
TODAY = date(2026, 12, 1)
MANAGER = StaffUser(7, "mona", Role.MANAGER, ("giza-passports",))
NINE_THIRTY_CAIRO = datetime(2026, 12, 7, 7, 30, tzinfo=UTC)


def _problem(response: Any) -> tuple[str, str, str]:
    """The code and both details of a problem+json answer."""
    body = response.content
    return body["code"], body["detail"], body["detail_ar"]


def _raw(answer: tuple[Any, bytes] | bytes) -> tuple[str, str, str]:
    """The same of an answer written straight to the socket (head and payload, or raw bytes)."""
    payload = answer[1] if isinstance(answer, tuple) else answer.partition(b"\r\n\r\n")[2]
    body = json.loads(payload)
    return body["code"], body["detail"], body["detail_ar"]


def _harden(query: bytes = b"", headers: tuple[tuple[bytes, bytes], ...] = ()) -> object:
    scope = {
        "type": "http",
        "path": "/api/v1/x",
        "query_string": query,
        "headers": list(headers),
        "method": "GET",
    }

    async def nothing(*_: Any) -> None:
        return None

    return asyncio.run(hardening.RequestHardening(1024).handle(scope, nothing, nothing, nothing))


def _ics(lang: str) -> tuple[str, str, str]:
    booking: Any = SimpleNamespace(
        code="7KQ2M9XD", service="passport-new", lang=lang, starts_at=NINE_THIRTY_CAIRO,
        ends_at=NINE_THIRTY_CAIRO + timedelta(minutes=15), active=True,
        applicant=SimpleNamespace(lang=lang), services=("passport-new",),
        visits=(SimpleNamespace(ends_at=NINE_THIRTY_CAIRO + timedelta(minutes=15)),),
    )  # fmt: skip
    event = Calendar.from_ical(calendar_file.booking_ics(booking, GIZA, NINE_THIRTY_CAIRO)).walk("VEVENT")[0]
    return str(event["summary"]), str(event["location"]), str(event["description"])


class _Staff:
    def __init__(self, unknown: list[str]) -> None:
        self.unknown = unknown

    async def unknown_offices(self, offices: list[str]) -> list[str]:
        return self.unknown


def _change(unknown: list[str], offices: list[str]) -> object:
    before = StaffAccount(MANAGER, True, None)
    change = staff_admin.StaffChangeIn(offices=offices)
    return asyncio.run(staff_admin.validated_change(_Staff(unknown), before, change))


def _request() -> Any:
    return SimpleNamespace(app=SimpleNamespace(state={}), url=SimpleNamespace(path="/api/v1/x"), method="GET")


def _closure(**fields: Any) -> object:
    data = capacity.ClosureIn(**{"day": TODAY, **fields})
    return capacity._check_closure(GIZA, data, datetime.combine(TODAY, time(10), UTC))  # noon in Cairo


# Waits around each change of the counted noun's form (1, 2, 3–10, 11–99, 100–102, 103–110 …).
WAITS = (1, 2, 3, 10, 11, 59, 99, 100, 101, 102, 103, 110, 111, 119, 120, 121, 180, 600, 660, 3600, 7199, 7200, 10800, 36000, 39600, 86400)  # fmt: skip

SERVER = SimpleNamespace(
    max_connections=3, header_timeout=5.0, body_timeout=30.5, server_state=SimpleNamespace(default_headers=[])
)

CASES: dict[str, Callable[[], object]] = {
    **{
        f"http_{status}": (
            lambda status=status: _problem(problems.http_error(None, HTTPException(status_code=status)))
        )
        for status in (400, 401, 403, 404, 405, 409, 413, 415, 429, 500)
    },
    "not_authorized": lambda: _problem(problems.http_error(None, NotAuthorizedException())),
    "permission_denied": lambda: _problem(problems.http_error(None, PermissionDeniedException())),
    "validation": lambda: _problem(
        problems.validation_error(
            None, ValidationException(extra=[{"key": "day", "message": "Expected `date`"}])
        )
    ),
    "unavailable_database": lambda: _problem(problems.unavailable("database")),
    "unavailable_queue": lambda: _problem(problems.unavailable("queue")),
    "internal_error": lambda: _problem(problems.unexpected_error(_request(), RuntimeError("boom"))),
    "nul_in_body": lambda: hardening.check_json(b'{"name": "a\\u0000b"}'),
    "bad_json": lambda: hardening.check_json(b"{nope"),
    "too_deep": lambda: hardening.check_json(b"[" * 40 + b"]" * 40),
    "nul_in_query": lambda: _harden(query=b"a=%00"),
    "nul_in_headers": lambda: _harden(headers=((b"x-a", b"a\x00b"),)),
    "server_busy": lambda: _raw(http_server.MawidH11Protocol._busy(SERVER)),
    "timeout_headers": lambda: _raw(http_server.MawidH11Protocol._timed_out(SERVER, http_server._Phase.HEAD)),
    "timeout_body": lambda: _raw(http_server.MawidH11Protocol._timed_out(SERVER, None)),
    **{
        f"limited_{name}_{seconds}": (
            lambda name=name, seconds=seconds: _problem(rate_limits.RateLimited(name, seconds).response())
        )
        for name in (
            rate_limits.BOOKINGS_PER_ADDRESS,
            rate_limits.BOOKINGS_PER_MOBILE,
            rate_limits.LOOKUPS_PER_CODE,
            rate_limits.LOOKUPS_PER_ADDRESS,
            rate_limits.IDENTITY_FAILURES_PER_CODE,
            rate_limits.LOGINS_PER_ADDRESS,
            rate_limits.KIOSK_CHECKINS,
            "something_new",
        )
        for seconds in (30,)
    },
    "waits_en": lambda: [rate_limits.wait_en(s) for s in WAITS],
    "waits_ar": lambda: [rate_limits.wait_ar(s) for s in WAITS],
    "proof_missing": lambda: _problem(
        proof_of_work.proof_of_work_refusal(None, proof_of_work.ProofOfWorkRequired(428, "missing", {}))
    ),
    "proof_invalid": lambda: _problem(
        proof_of_work.proof_of_work_refusal(None, proof_of_work.ProofOfWorkRequired(400, "invalid", {}))
    ),
    "origin_not_allowed": lambda: display_guard.ORIGIN_NOT_ALLOWED.message(),
    "too_many_sockets": lambda: display_guard.too_many_sockets(5).message(),
    "office_forbidden": lambda: auth.ensure_office_scope(MANAGER, "cairo-abbassia-passports"),
    "ics_ar": lambda: _ics("ar"),
    "ics_en": lambda: _ics("en"),
    "audit_query": audit.BAD_QUERY,
    "invalid_start": lambda: bookings._aware(datetime(2026, 12, 6, 9, 30)),
    "closure_hours": lambda: _closure(starts="09:00"),
    "closure_hours_order": lambda: _closure(starts="11:00", ends="09:00"),
    "closure_day": lambda: _closure(day=TODAY - timedelta(days=1)),
    "closure_counter": lambda: _closure(counter_id=999),
    "closure_reason": lambda: _closure(reason_ar="س" * 301),
    "ticket_request": lambda: kiosk.one_kind_of_ticket(kiosk.TicketIn()),
    "job_not_found": optimiser_jobs.job_not_found,
    "job_range": lambda: asyncio.run(
        optimiser_jobs.job_scope(
            MANAGER, optimiser_jobs.OptimiseIn(first_day=TODAY, last_day=TODAY - timedelta(days=1)), None
        )
    ),
    "job_forbidden": lambda: optimiser_jobs.ensure_job_scope(MANAGER, {"offices": None}),
    "plan_not_found": rebalancing.PLAN_NOT_FOUND,
    "staff_not_found": lambda: staff_admin.staff_not_found("omar"),
    "own_account": staff_admin.own_account,
    "staff_unknown_office": lambda: _change(["mars-1"], ["mars-1"]),
    "staff_no_office": lambda: _change([], []),
    "locked_out": lambda: _problem(staff_auth.locked_out(timedelta(seconds=89.2))),
    "report_range": suspicious.BAD_RANGE,
    "report_codes": suspicious.BAD_CODES,
}

EXPECTED: dict[str, object] = {
    "http_400": ("bad_request", "Bad Request", "الطلب غير صحيح."),
    "http_401": ("not_authenticated", "Unauthorized", "يجب تسجيل الدخول أولًا."),
    "http_403": ("forbidden", "Forbidden", "ليست لديك صلاحية لهذا الإجراء."),
    "http_404": ("not_found", "Not Found", "الصفحة أو المورد المطلوب غير موجود."),
    "http_405": ("method_not_allowed", "Method Not Allowed", "هذه الطريقة غير مسموح بها لهذا العنوان."),
    "http_409": ("error", "Conflict", "حدث خطأ."),
    "http_413": ("body_too_large", "Request Entity Too Large", "حجم الطلب أكبر من المسموح به."),
    "http_415": ("unsupported_media_type", "Unsupported Media Type", "نوع المحتوى غير مدعوم؛ أرسل JSON."),
    "http_429": ("too_many_requests", "Too Many Requests", "طلبات كثيرة جدًا؛ حاول مرة أخرى بعد قليل."),
    "http_500": ("error", "Internal Server Error", "حدث خطأ."),
    "not_authorized": ("not_authenticated", "Unauthorized", "يجب تسجيل الدخول أولًا."),
    "permission_denied": ("forbidden", "Forbidden", "ليست لديك صلاحية لهذا الإجراء."),
    "validation": (
        "invalid_request",
        "The request is missing a field or has one of the wrong type (day: Expected `date`).",
        "الطلب ينقصه حقل أو فيه حقل من نوع غير صحيح (day: Expected `date`).",
    ),
    "unavailable_database": (
        "service_unavailable",
        "The service is briefly unavailable; nothing was changed. Please try again in a few seconds.",
        "الخدمة غير متاحة لحظات ولم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع ثوانٍ.",
    ),
    "unavailable_queue": (
        "service_unavailable",
        "The hall's queue is briefly unavailable; nothing was changed. Please try again in a few seconds.",
        "نظام الدور في القاعة غير متاح لحظات ولم يتغير شيء. يُرجى المحاولة مرة أخرى بعد بضع ثوانٍ.",
    ),
    "internal_error": (
        "internal_error",
        "Something went wrong on our side; nothing was changed. Please try again.",
        "حدث خطأ من جانبنا ولم يتغير شيء. يُرجى المحاولة مرة أخرى.",
    ),
    "nul_in_body": (
        hardening.MalformedRequest,
        "invalid_characters",
        "The request body contains a NUL character; remove it and send the request again.",
        "يحتوي محتوى الطلب على محرف NUL غير مسموح به؛ احذفه وأعد إرسال الطلب.",
    ),
    "bad_json": (
        hardening.MalformedRequest,
        "invalid_json",
        "The request body is not valid JSON in UTF-8.",
        "محتوى الطلب ليس JSON صحيحًا بترميز UTF-8.",
    ),
    "too_deep": (
        hardening.MalformedRequest,
        "too_deeply_nested",
        "The request body is nested more than 32 levels deep.",
        "محتوى الطلب متداخل بأكثر من 32 مستوى.",
    ),
    "nul_in_query": (
        hardening.MalformedRequest,
        "invalid_characters",
        "The query string contains a NUL character; remove it and send the request again.",
        "يحتوي عنوان الطلب على محرف NUL غير مسموح به؛ احذفه وأعد إرسال الطلب.",
    ),
    "nul_in_headers": (
        hardening.MalformedRequest,
        "invalid_characters",
        "The request headers contains a NUL character; remove it and send the request again.",
        "يحتوي ترويسات الطلب على محرف NUL غير مسموح به؛ احذفه وأعد إرسال الطلب.",
    ),
    "server_busy": (
        "server_busy",
        "This server process already has 3 open connections; try again in a moment.",
        "الخادم مشغول الآن بعدد كبير من الاتصالات؛ حاول مرة أخرى بعد لحظات.",
    ),
    "timeout_headers": (
        "request_timeout",
        "The request headers did not arrive within 5 seconds; send the request again.",
        "لم تصل ترويسات الطلب كاملةً في المهلة المحددة؛ أعد إرسال الطلب.",
    ),
    "timeout_body": (
        "request_timeout",
        "The request body did not arrive within 30.5 seconds; send the request again.",
        "لم يصل محتوى الطلب كاملًا في المهلة المحددة؛ أعد إرسال الطلب.",
    ),
    "limited_bookings_per_address_30": (
        "rate_limited",
        "Too many bookings have been made from your network recently. Please try again in 30 seconds.",
        "أُجري عدد كبير من الحجوزات من شبكتك في الفترة الأخيرة. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_bookings_per_mobile_30": (
        "rate_limited",
        "This mobile number has been used for too many bookings today. Please try again in 30 seconds.",
        "استُخدم رقم الهاتف المحمول هذا في عدد كبير من الحجوزات اليوم. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_lookups_per_code_30": (
        "rate_limited",
        "This booking code has been looked up too many times. Please try again in 30 seconds.",
        "تكرر الاستعلام عن كود الحجز هذا مرات كثيرة. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_lookups_per_address_30": (
        "rate_limited",
        "Too many booking look-ups have come from your network. Please try again in 30 seconds.",
        "وصلت من شبكتك استعلامات كثيرة عن الحجوزات. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_identity_failures_per_code_30": (
        "rate_limited",
        "This booking code is locked for a while after too many attempts with a wrong identity number. Please try again in 30 seconds.",
        "أُوقف كود الحجز هذا مؤقتًا بعد محاولات كثيرة برقم هوية غير صحيح. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_logins_per_address_30": (
        "rate_limited",
        "Too many failed sign-ins have come from your network. Please try again in 30 seconds.",
        "وصلت من شبكتك محاولات دخول فاشلة كثيرة. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_kiosk_checkins_30": (
        "rate_limited",
        "This kiosk has made too many check-in or reprint attempts. Please try again in 30 seconds.",
        "أجرى هذا الجهاز محاولات كثيرة لتسجيل الوصول أو إعادة الطباعة. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "limited_something_new_30": (
        "rate_limited",
        "Too many requests. Please try again in 30 seconds.",
        "طلبات كثيرة جدًّا. يُرجى المحاولة مرة أخرى بعد 30 ثانية.",
    ),
    "waits_en": [
        "1 second",
        "2 seconds",
        "3 seconds",
        "10 seconds",
        "11 seconds",
        "59 seconds",
        "99 seconds",
        "100 seconds",
        "101 seconds",
        "102 seconds",
        "103 seconds",
        "110 seconds",
        "111 seconds",
        "119 seconds",
        "2 minutes",
        "3 minutes",
        "3 minutes",
        "10 minutes",
        "11 minutes",
        "60 minutes",
        "120 minutes",
        "2 hours",
        "3 hours",
        "10 hours",
        "11 hours",
        "24 hours",
    ],
    "waits_ar": [
        "ثانية واحدة",
        "ثانيتين",
        "3 ثوانٍ",
        "10 ثوانٍ",
        "11 ثانية",
        "59 ثانية",
        "99 ثانية",
        "100 ثانية",
        "101 ثانية",
        "102 ثانية",
        "103 ثوانٍ",
        "110 ثوانٍ",
        "111 ثانية",
        "119 ثانية",
        "دقيقتين",
        "3 دقائق",
        "3 دقائق",
        "10 دقائق",
        "11 دقيقة",
        "60 دقيقة",
        "120 دقيقة",
        "ساعتين",
        "3 ساعات",
        "10 ساعات",
        "11 ساعة",
        "24 ساعة",
    ],
    "proof_missing": (
        "proof_of_work_required",
        "This booking needs a short check that a browser, not a script, is sending it. Solve the challenge included here and send the booking again with the solution in `altcha`.",
        "يحتاج هذا الحجز إلى تحقق قصير من أنه مُرسل من متصفح لا من برنامج آلي. حُلّ التحدي المرفق ثم أعد إرسال الحجز ومعه الحل في الحقل altcha.",
    ),
    "proof_invalid": (
        "proof_of_work_required",
        "The browser check sent with this booking is invalid, has expired or was already used. Solve the new challenge included here and send the booking again.",
        "التحقق المرسل مع هذا الحجز غير صالح أو انتهت صلاحيته أو سبق استخدامه. حُلّ التحدي الجديد المرفق ثم أعد إرسال الحجز.",
    ),
    "origin_not_allowed": {
        "code": "origin_not_allowed",
        "detail": "Pages on this site's address only may open the hall display.",
        "detail_ar": "لا يمكن فتح شاشة القاعة إلا من صفحات هذا الموقع.",
    },
    "too_many_sockets": {
        "code": "too_many_sockets",
        "detail": "This address already has 5 hall displays open; close one and try again.",
        "detail_ar": "لديك بالفعل 5 من شاشات القاعة مفتوحة من هذا العنوان؛ أغلق إحداها ثم حاول مجددًا.",
    },
    "office_forbidden": (
        Forbidden,
        "office_forbidden",
        "You are not assigned to this office.",
        "أنت غير مُكلَّف بالعمل في هذا المكتب.",
    ),
    "ics_ar": (
        "موعد: استخراج جواز سفر لأول مرة — إدارة جوازات الجيزة",
        "إدارة جوازات الجيزة، شارع الهرم، الجيزة",
        "كود الحجز: 7KQ2M9XD\nالمستندات المطلوبة:\n• أصل بطاقة الرقم القومي\n• صورتان شخصيتان حديثتان (٤×٦ بخلفية بيضاء)\n• ما يثبت المهنة أو شهادة قيد للطلاب\n• شهادة الموقف من التجنيد (للذكور من ١٨ إلى ٣٠ سنة)",
    ),
    "ics_en": (
        "Appointment: New passport — Giza Passports Office",
        "Giza Passports Office, Al-Haram Street, Giza",
        "Booking code: 7KQ2M9XD\nDocuments to bring:\n• Original national ID card\n• Two recent passport photos (4×6, white background)\n• Proof of profession or student certificate\n• Military service status certificate (men aged 18–30)",
    ),
    "audit_query": (
        InvalidInput,
        "invalid_audit_query",
        "Give 'from' and 'to' as dates (YYYY-MM-DD) or instants with an offset, 'from' before 'to', and 'limit' from 1 to 200.",
        "حدِّد تاريخَي البداية والنهاية بصيغة YYYY-MM-DD أو وقتًا بفارق التوقيت، بحيث تسبق البداية النهاية، وعددًا للصفحة من ١ إلى ٢٠٠.",
    ),
    "invalid_start": (
        InvalidInput,
        "invalid_start",
        "Give the start time with its offset, e.g. 2026-12-06T09:30:00+02:00.",
        "اكتب وقت البدء مع فرق التوقيت، مثل 2026-12-06T09:30:00+02:00.",
    ),
    "closure_hours": (
        InvalidInput,
        "invalid_hours",
        "Give both 'from' and 'to' as HH:MM (e.g. 09:00 and 11:30), 'from' first, or neither for the whole day.",
        "حدِّد وقتَي البداية والنهاية معًا بصيغة HH:MM (مثل 09:00 و11:30) بحيث تسبق البداية النهاية، أو لا تحدد أيًّا منهما لإغلاق اليوم كله.",
    ),
    "closure_hours_order": (
        InvalidInput,
        "invalid_hours",
        "Give both 'from' and 'to' as HH:MM (e.g. 09:00 and 11:30), 'from' first, or neither for the whole day.",
        "حدِّد وقتَي البداية والنهاية معًا بصيغة HH:MM (مثل 09:00 و11:30) بحيث تسبق البداية النهاية، أو لا تحدد أيًّا منهما لإغلاق اليوم كله.",
    ),
    "closure_day": (
        InvalidInput,
        "outside_booking_window",
        "Close a day from today up to 60 days ahead.",
        "يمكن الإغلاق في يوم يبدأ من اليوم ولا يتجاوز ستين يومًا مقبلة.",
    ),
    "closure_counter": (
        NotFound,
        "counter_not_found",
        "This office has no such counter.",
        "لا يوجد هذا الشباك في المكتب.",
    ),
    "closure_reason": (
        InvalidInput,
        "reason_too_long",
        "Keep the reason under 300 characters.",
        "اختصر السبب في أقل من ٣٠٠ حرف.",
    ),
    "ticket_request": (
        InvalidInput,
        "invalid_ticket_request",
        "Send either a booking_code (check-in) or a service (walk-in), not both and not neither.",
        "أرسل كود الحجز (لتسجيل الوصول) أو الخدمة (بدون موعد)، وليس الاثنين معًا ولا أيًّا منهما.",
    ),
    "job_not_found": (
        NotFound,
        "job_not_found",
        "There is no such optimiser job.",
        "لا توجد مهمة تحسين بهذا المعرّف.",
    ),
    "job_range": (
        InvalidInput,
        "invalid_date_range",
        "'to' must not be before 'from'.",
        "يجب ألا يسبق تاريخ النهاية تاريخ البداية.",
    ),
    "job_forbidden": (
        Forbidden,
        "job_forbidden",
        "This job covers offices you are not assigned to.",
        "تشمل هذه المهمة مكاتب لست مُكلَّفًا بها.",
    ),
    "plan_not_found": (
        NotFound,
        "plan_not_found",
        "There is no such rebalance plan.",
        "لا توجد خطة نقل بهذا المعرّف.",
    ),
    "staff_not_found": (
        NotFound,
        "staff_not_found",
        "There is no staff account named 'omar'.",
        "لا يوجد حساب موظف باسم 'omar'.",
    ),
    "own_account": (
        Conflict,
        "own_account",
        "You cannot deactivate your own account or take away your own administrator role.",
        "لا يمكنك إيقاف حسابك أو سحب صلاحية المسؤول من حسابك أنت.",
    ),
    "staff_unknown_office": (
        InvalidInput,
        "office_not_found",
        "There is no office 'mars-1'.",
        "لا يوجد مكتب بالمعرّف 'mars-1'.",
    ),
    "staff_no_office": (
        InvalidInput,
        "offices_required",
        "A manager, agent or kiosk needs at least one office.",
        "يجب أن يُكلَّف المدير أو الموظف أو جهاز الخدمة الذاتية بمكتب واحد على الأقل.",
    ),
    "locked_out": (
        "rate_limited",
        "Too many wrong passwords for this account; it is locked. Try again in 90 seconds.",
        "أُدخلت كلمات مرور خاطئة كثيرة لهذا الحساب فأُوقف مؤقتًا. حاول مرة أخرى بعد 90 ثانية.",
    ),
    "report_range": (
        InvalidInput,
        "invalid_report_range",
        "Give 'from' and 'to' as dates (YYYY-MM-DD), 'from' not after 'to', at most 31 days.",
        "حدِّد تاريخَي البداية والنهاية بصيغة YYYY-MM-DD، بحيث لا تأتي البداية بعد النهاية، ولا تزيد المدة عن ٣١ يومًا.",
    ),
    "report_codes": (
        InvalidInput,
        "invalid_codes",
        "Give the codes of the bookings to cancel: from 1 to 500.",
        "اذكر أكواد الحجوزات المطلوب إلغاؤها: من حجز واحد إلى ٥٠٠ حجز.",
    ),
}


def _said(thunk: Callable[[], object]) -> object:
    try:
        said = thunk()
    except DomainError as error:
        said = error
    if isinstance(said, DomainError):
        return (type(said), said.code, said.detail_en, said.detail_ar)
    return said


def test_every_case_has_a_snapshot() -> None:
    assert set(CASES) == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_the_api_says_exactly_what_it_said_before_the_catalogue(case: str) -> None:
    assert _said(CASES[case]) == EXPECTED[case]


# Raised inside handlers that need the app to reach; their words as they were, filled in as the
# raise sites fill them.
FILLED: dict[str, tuple[DomainError, tuple[type[DomainError], str, str, str]]] = {
    "counter_services": (
        MESSAGES.error(InvalidInput, "invalid_counter_services"),
        (
            InvalidInput,
            "invalid_counter_services",
            "A counter serves at least one service, and only services its office offers.",
            "يجب أن يخدم الشباك خدمة واحدة على الأقل، ومن الخدمات التي يقدمها المكتب فقط.",
        ),
    ),
    "load_range": (
        MESSAGES.error(InvalidInput, "invalid_date_range.load", indic=True, max_days=capacity.MAX_LOAD_DAYS),
        (
            InvalidInput,
            "invalid_date_range",
            "'to' must not be before 'from', and the range at most 31 days.",
            "يجب ألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن ٣١ يومًا.",
        ),
    ),
    "plan_range": (
        MESSAGES.error(
            InvalidInput, "invalid_date_range.plan", indic=True, max_days=rebalancing.MAX_PLAN_DAYS
        ),
        (
            InvalidInput,
            "invalid_date_range",
            "Plan from today on, 'to' not before 'from', at most 14 days at once.",
            "يجب أن تبدأ الخطة من اليوم فصاعدًا، وألا يسبق تاريخ النهاية تاريخ البداية، وألا تزيد المدة عن ١٤ يومًا.",
        ),
    ),
    "not_yours": (
        MESSAGES.error(Forbidden, "bookings_not_yours", codes_en="AB12, CD34", codes_ar="AB12، CD34"),
        (
            Forbidden,
            "bookings_not_yours",
            "These codes are not bookings in your offices; nothing was cancelled: AB12, CD34.",
            "هذه الأكواد ليست لحجوزات في مكاتبك، ولم يُلغَ أي حجز: AB12، CD34.",
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(FILLED))
def test_a_refusal_raised_inside_a_handler_says_what_it_said(case: str) -> None:
    error, before = FILLED[case]
    assert (type(error), error.code, error.detail_en, error.detail_ar) == before


def _counted_by_hand(number: int, forms: tuple[str, str, str, str]) -> str:
    """The rule ``wait_ar`` followed before CLDR's: one, two, 3–10 by the last two digits, else."""
    one, two, few, many = forms
    if number == 1:
        return one
    if number == 2:
        return two
    if 3 <= number % 100 <= 10:
        return f"{number} {few}"
    return f"{number} {many}"


@given(st.integers(min_value=0, max_value=10**7))
def test_a_wait_in_arabic_reads_as_it_did_when_its_plural_was_coded_by_hand(seconds: int) -> None:
    if seconds < 120:
        before = _counted_by_hand(seconds, ("ثانية واحدة", "ثانيتين", "ثوانٍ", "ثانية"))
    elif seconds < 2 * 3600:
        before = _counted_by_hand(math.ceil(seconds / 60), ("دقيقة واحدة", "دقيقتين", "دقائق", "دقيقة"))
    else:
        before = _counted_by_hand(math.ceil(seconds / 3600), ("ساعة واحدة", "ساعتين", "ساعات", "ساعة"))
    assert rate_limits.wait_ar(seconds) == before


def test_numbers_written_into_the_catalogue_are_the_ones_the_rules_apply() -> None:
    """The catalogue writes some limits out (60 days ahead) as a native speaker would; when a
    limit changes, its sentence must change with it."""
    assert timedelta(days=60) == MAX_AHEAD
    english, arabic = MESSAGES.texts("outside_booking_window.closure")
    assert "60 days" in english and "ستين" in arabic
