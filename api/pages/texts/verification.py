"""Strings of the code box (``citizen/_code_box.html``, ``static/js/lib/code-box.js``): the step
between "Book" and the confirmation when the mobile must be verified, and of the lost-code form
(``citizen/_recover_code.html``, ``static/js/lib/recover-code.js``)."""

from __future__ import annotations

VERIFICATION: dict[str, tuple[str, str]] = {
    "code.heading": ("أدخل الرمز المرسل إلى هاتفك", "Enter the code we sent to your phone"),
    "js.code.sent": (
        "أرسلنا رسالة نصية فيها رمز من ستة أرقام إلى الهاتف المنتهي بـ {last4}.",
        "We sent a text message with a six-digit code to the mobile ending {last4}.",
    ),
    "js.code.held": (
        "موعدك محجوز لك مؤقتًا مدة {time}. لن يتأكد الحجز حتى تُدخل الرمز.",
        "Your time is held for you for {time}. The booking is not confirmed until you enter the code.",
    ),
    "js.code.held_request": (
        "لن يُسجَّل طلبك حتى تُدخل الرمز، وأمامك {time}.",
        "Your request is not registered until you enter the code; you have {time}.",
    ),
    "code.label": ("رمز التحقق", "Verification code"),
    "code.hint": ("ستة أرقام، مثل ٤٨٢٠١٥", "Six digits, for example 482015"),
    "code.submit": ("تأكيد", "Confirm"),
    "js.code.confirming": ("جارٍ التأكيد…", "Confirming…"),
    "js.code.wrong": (
        "الرمز غير صحيح. {tries}",
        "That code is not right. {tries}",
    ),
    "js.code.tries.one": ("بقيت محاولة واحدة.", "You have 1 try left."),
    "js.code.tries.two": ("بقيت محاولتان.", "You have 2 tries left."),
    "js.code.tries.few": ("بقيت {n} محاولات.", "You have {n} tries left."),
    "js.code.tries.many": ("بقيت {n} محاولة.", "You have {n} tries left."),
    "js.code.tries.other": ("بقيت {n} محاولة.", "You have {n} tries left."),
    "code.not_arrived": ("لم تصلك الرسالة؟", "No message?"),
    "code.resend": ("أرسل الرمز مرة أخرى", "Send the code again"),
    "js.code.resend_wait": ("يمكنك طلب رمز جديد بعد {time}.", "You can ask for a new code in {time}."),
    "js.code.resent": (
        "أرسلنا رمزًا جديدًا. الرمز السابق لم يعد صالحًا.",
        "We sent a new code. The earlier one no longer works.",
    ),
    "code.wrong_number": (
        "إذا كان رقم الهاتف خاطئًا فارجع وصحّحه؛ لن يُحجز الموعد بغير رمز.",
        "If the mobile number is wrong, go back and correct it; nothing is booked without the code.",
    ),
    "code.back": ("رجوع لتصحيح البيانات", "Go back and correct my details"),
    "js.code.expired": (
        "انتهت مهلة إدخال الرمز وأُلغي حجز الموعد المؤقت. اختر موعدًا واحجز من جديد.",
        "The time to enter the code ran out and the held time was released. Choose a time and book again.",
    ),
}
