"""Strings of the dashboard's audit-log section (``_dash_audit.html``,
``static/js/lib/dashboard-audit.js``)."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "booking.created": ("حجز جديد", "Booking made"),
    "booking.rescheduled": ("تغيير موعد حجز", "Booking moved by the citizen"),
    "booking.cancelled": ("إلغاء حجز", "Booking cancelled"),
    "booking.cancelled_by_office": ("إلغاء حجز من المكتب", "Booking cancelled by the office"),
    "booking.moved_by_office": ("نقل حجز من المكتب", "Booking moved by the office"),
    "booking.checked_in": ("تسجيل حضور بالحجز", "Checked in"),
    "booking.reconfirmed": ("إعادة تأكيد حجز", "Booking reconfirmed"),
    "closure.opened": ("إغلاق", "Closure"),
    "closure.reopened": ("إعادة فتح", "Reopened"),
    "counter.edited": ("تعديل شباك", "Counter edited"),
    "counter.status": ("تغيير حالة شباك", "Counter opened, paused or closed"),
    "rebalance.previewed": ("معاينة خطة نقل", "Rebalance previewed"),
    "rebalance.applied": ("تنفيذ خطة نقل", "Rebalance applied"),
    "optimiser.started": ("تشغيل التوزيع", "Optimiser run"),
    "optimiser.rerun": ("إعادة تشغيل التوزيع", "Optimiser run again"),
    "optimiser.previewed": ("معاينة التوزيع", "Optimiser preview"),
    "optimiser.applied": ("تنفيذ التوزيع بعد المعاينة", "Optimiser preview applied"),
    "ticket.issued": ("تذكرة جديدة", "Ticket issued"),
    "ticket.reprinted": ("إعادة طباعة تذكرة", "Lost ticket printed again"),
    "ticket.called": ("نداء تذكرة", "Ticket called"),
    "ticket.recall": ("إعادة نداء", "Ticket called again"),
    "ticket.start": ("بدء خدمة", "Service started"),
    "ticket.complete": ("انتهاء خدمة", "Service completed"),
    "ticket.no_show": ("عدم حضور", "No-show"),
    "ticket.transferred": ("تحويل تذكرة", "Ticket transferred"),
    "staff.login": ("دخول موظف", "Staff signed in"),
    "staff.login_failed": ("محاولة دخول فاشلة", "Failed sign-in"),
    "staff.logout": ("خروج موظف", "Staff signed out"),
    "staff.activated": ("تفعيل حساب", "Account activated"),
    "staff.deactivated": ("إيقاف حساب", "Account deactivated"),
    "staff.updated": ("تعديل حساب", "Account changed"),
    "access.refused": ("رفض وصول", "Access refused"),
    "limit.refused": ("رفض لتجاوز حد مسموح", "Refused by a limit"),
}

DASHBOARD_AUDIT: dict[str, tuple[str, str]] = {
    "dash.nav.audit": ("سجل التدقيق", "Audit log"),
    "dash.audit_heading": ("سجل التدقيق", "Audit log"),
    "dash.audit_intro": (
        "كل ما جرى في هذا المكتب: من فعله ومتى، الأحدث أولًا. السجل لا يُعدَّل ولا يُحذف منه شيء.",
        "Everything done at this office: who did it and when, newest first. Nothing in the log is ever "
        "changed or deleted.",
    ),
    "dash.audit_more": ("أحداث أقدم", "Older events"),
    "js.dash.audit.none": ("لا أحداث مسجلة لهذا المكتب بعد.", "No events recorded for this office yet."),
    "js.dash.audit.table": ("جدول سجل الإجراءات", "Audit log table"),
    "js.dash.audit.when": ("الوقت", "When"),
    "js.dash.audit.who": ("من", "Who"),
    "js.dash.audit.what": ("ماذا", "What"),
    "js.dash.audit.target": ("على ماذا", "On what"),
    "js.dash.audit.citizen": ("مواطن ({who})", "Citizen ({who})"),
    **{f"js.dash.audit.action.{action}": words for action, words in _ACTIONS.items()},
}
