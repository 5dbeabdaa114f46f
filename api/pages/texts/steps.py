"""Strings of the step-by-step guide's pages (``citizen/step_guides.html``,
``citizen/step_guide.html``); the guides' own questions and outcomes live in
``guidance/guides/*.toml``."""

from __future__ import annotations

STEPS: dict[str, tuple[str, str]] = {
    "steps.title": ("الدليل خطوة بخطوة", "Step-by-step guide"),
    "steps.heading": ("ماذا تريد أن تفعل؟", "What do you need to do?"),
    "steps.intro": (
        "أجب عن أسئلة قليلة، سؤالًا في كل صفحة، لتعرف الخدمة المناسبة لحالتك وما تحضره معك.",
        "Answer a few questions, one a screen, to find the service your case needs and what to bring.",
    ),
    "steps.unknown_guide": (
        "لا يوجد دليل بهذا الاسم. اختر من القائمة أدناه.",
        "There is no guide by that name. Choose one from the list below.",
    ),
    "steps.question_number": ("السؤال {n}", "Question {n}"),
    "steps.back": ("رجوع", "Back"),
    "steps.all_guides": ("كل الأدلة", "All guides"),
    "steps.outcome_heading": ("الخدمة المناسبة لحالتك", "The service for your case"),
    "steps.checklist": ("أحضِر معك", "Bring with you"),
    "steps.checklist_hint": (
        "الأصول دائمًا. اطبع القائمة أو احفظها وعلِّم على كل مستند تجهِّزه.",
        "Always the originals. Print or save the list and tick each document as you get it ready.",
    ),
    "steps.notes": ("انتبه", "Good to know"),
    "steps.your_answers": ("إجاباتك", "Your answers"),
    "steps.change": ("تغيير", "Change"),
    "steps.book": ("احجز هذه الخدمة", "Book this"),
    "steps.print": ("اطبع القائمة", "Print the list"),
    "steps.restart": ("ابدأ من جديد", "Start again"),
    "steps.duration": ("مدة الخدمة: {duration}", "The service takes {duration}"),
    "steps.not_sure": ("لست متأكدًا من الخدمة التي تحتاجها؟", "Not sure which service you need?"),
}
