"""Strings of the shared layout (header, language switch, footer) and of every page's scripts."""

from __future__ import annotations

LAYOUT: dict[str, tuple[str, str]] = {
    "site.name": ("موعد", "Mawid"),
    "site.tagline": (
        "حجز المواعيد في مكاتب الجوازات والهجرة والمرور",
        "Appointments at passport, immigration and traffic offices",
    ),
    "site.home": ("الصفحة الرئيسية", "home page"),
    "nav.label": ("القائمة الرئيسية", "Main menu"),
    "nav.book": ("حجز موعد", "Book an appointment"),
    "nav.my_booking": ("الاستعلام عن حجز", "My booking"),
    "nav.guide": ("الدليل", "Guide"),
    "skip": ("انتقل إلى المحتوى", "Skip to content"),
    "noscript": (
        "تحتاج هذه الصفحة إلى تفعيل JavaScript في المتصفح.",
        "This page needs JavaScript turned on in your browser.",
    ),
    "footer.note": (
        "لا نحتفظ برقم هويتك كما كتبته، وإنما بآخر أربعة أرقام منه فقط.",
        "We never keep your identity number as you typed it, only its last four digits.",
    ),
    "js.loading": ("جارٍ التحميل…", "Loading…"),
    "js.error.network": (
        "تعذّر الاتصال بالخادم. تأكد من اتصالك بالإنترنت ثم حاول مرة أخرى.",
        "We could not reach the server. Check your connection and try again.",
    ),
    "js.error.required": ("هذا الحقل مطلوب.", "This field is required."),
    "js.error.form": (
        "يوجد خطأ في البيانات. راجع الحقول المشار إليها بعلامة ⚠ ثم حاول مرة أخرى.",
        "Something in the form needs fixing. Check the fields marked ⚠ and try again.",
    ),
}
