"""Strings of the question box on the home page (``citizen/_question_box.html``,
``static/js/lib/question-box.js``)."""

from __future__ import annotations

GUIDE: dict[str, tuple[str, str]] = {
    "guide.heading": ("اسأل سؤالًا", "Ask a question"),
    "guide.hint": (
        "عن المستندات أو المواعيد أو الرسوم أو أي شيء قبل زيارتك، بالعربية أو بالإنجليزية. "
        "لا تكتب رقمك القومي أو محمولك.",
        "About documents, times, fees or anything before your visit, in Arabic or English. Do not type "
        "your national ID or mobile.",
    ),
    "guide.label": ("سؤالك", "Your question"),
    "guide.ask": ("اسأل", "Ask"),
    "guide.source": ("المصدر: {source}", "Source: {source}"),
    "guide.documents": ("المستندات المطلوبة", "Documents to bring"),
    "guide.none": (
        "لم نجد إجابة مناسبة لسؤالك. جرِّب صياغة أخرى، أو اتبع الدليل خطوة بخطوة.",
        "We found no good answer to your question. Try other words, or follow the step-by-step guide.",
    ),
    "guide.guide_link": ("الدليل خطوة بخطوة", "The step-by-step guide"),
    "guide.helped": ("هل أفادتك الإجابة؟", "Did this help?"),
    "guide.yes": ("نعم", "Yes"),
    "guide.no": ("لا", "No"),
    "js.guide.thanks": ("شكرًا لك، سجّلنا رأيك.", "Thank you, we noted it."),
    "js.guide.source": ("المصدر: {source}", "Source: {source}"),
    "js.guide.documents": ("المستندات المطلوبة", "Documents to bring"),
    "js.guide.none": (
        "لم نجد إجابة مناسبة لسؤالك. جرِّب صياغة أخرى، أو اتبع الدليل خطوة بخطوة.",
        "We found no good answer to your question. Try other words, or follow the step-by-step guide.",
    ),
    "js.guide.asking": ("جارٍ البحث…", "Looking…"),
}
