"""Strings of the dashboard's "simulate a day" panel (``staff/_dash_simulation.html`` and
``lib/dashboard-simulation.js``): the day and the what-if changes, the job's progress, the
scenarios side by side, the queue through the day, the waits per service, and the place kept
for the staffing advice."""

from __future__ import annotations

DASHBOARD_SIMULATION: dict[str, tuple[str, str]] = {
    "dash.nav.simulation": ("محاكاة يوم", "Simulate a day"),
    "dash.sim_heading": ("محاكاة يوم", "Simulate a day"),
    "dash.sim_intro": (
        "شاهد يوم العمل قبل أن يأتي: كم سينتظر الناس بالشبابيك المخطط لها، وما الذي يتغير إذا أضفت "
        "شباكًا أو سحبته في ساعات معينة أو أغلقت شباكًا.",
        "See a working day before it comes: how long people will wait with the counters planned, and "
        "what changes if you add or remove a counter at some hours or close one.",
    ),
    "dash.sim_day": ("اليوم", "Day"),
    "dash.sim_changes": ("ماذا لو…؟ (اختياري)", "What if…? (optional)"),
    "dash.sim_changes_hint": (
        "تُطبَّق التغييرات كلها معًا، وتظهر نتيجتها في عمود مستقل بجانب الخطة.",
        "The changes apply together and show in a column of their own beside the plan.",
    ),
    "dash.sim_add_change": ("إضافة تغيير", "Add a change"),
    "dash.sim_run": ("شغّل المحاكاة", "Run the simulation"),
    "js.dash.sim.kind": ("التغيير", "Change"),
    "js.dash.sim.kind.add_counter": ("إضافة شباك", "Add a counter"),
    "js.dash.sim.kind.remove_counter": ("سحب شباك", "Remove a counter"),
    "js.dash.sim.kind.close_counter": ("إغلاق شباك طوال اليوم", "Close a counter all day"),
    "js.dash.sim.from": ("من الساعة", "From"),
    "js.dash.sim.to": ("إلى الساعة", "To"),
    "js.dash.sim.counter": ("الشباك", "Counter"),
    "js.dash.sim.counter_any": ("آخر شباك مفتوح", "The last one open"),
    "js.dash.sim.counter_label": ("شباك {label}", "Counter {label}"),
    "js.dash.sim.remove_change": ("حذف التغيير {n}", "Remove change {n}"),
    "js.dash.sim.remove": ("حذف", "Remove"),
    "js.dash.sim.change_n": ("التغيير {n}", "Change {n}"),
    "js.dash.sim.no_day": (
        "لا يوجد يوم عمل لهذا المكتب في الفترة المتاحة.",
        "This office opens on no day in the period offered.",
    ),
    "js.dash.sim.queued": ("المحاكاة في الدور، تبدأ بعد انتهاء ما قبلها…", "The simulation waits its turn…"),
    "js.dash.sim.running": ("جارٍ تشغيل المحاكاة… {percent}", "Simulating… {percent}"),
    "js.dash.sim.done": ("اكتملت المحاكاة.", "The simulation is done."),
    "js.dash.sim.result_heading": ("نتيجة محاكاة {day}", "Simulated: {day}"),
    "js.dash.sim.scenario.planned": ("بالمواعيد كما هو مخطط", "As planned, with appointments"),
    "js.dash.sim.scenario.walk_in_fcfs": (
        "بلا مواعيد، بترتيب الوصول",
        "Walk-in only, first come first served",
    ),
    "js.dash.sim.scenario.what_if": ("مع تغييراتك", "With your changes"),
    "js.dash.sim.headline.cut": (
        "المواعيد تقلل متوسط الانتظار بنسبة {percent} مقارنةً بقاعة بلا مواعيد يُخدم فيها الناس أنفسهم "
        "بترتيب وصولهم.",
        "Appointments cut the mean wait by {percent} against a walk-in-only hall serving the same people "
        "in order of arrival.",
    ),
    "js.dash.sim.headline.longer": (
        "في هذا اليوم يطول متوسط الانتظار بالمواعيد بنسبة {percent} عمّا لو جاء الناس أنفسهم بلا مواعيد "
        "وخُدموا بترتيب وصولهم؛ راجع توزيع المواعيد على ساعات اليوم.",
        "On this day appointments lengthen the mean wait by {percent} against the same people walking in "
        "and served in order of arrival; look at how the appointments spread over the day.",
    ),
    "js.dash.sim.headline.same": (
        "متوسط الانتظار بالمواعيد يكاد يساوي متوسطه في قاعة بلا مواعيد.",
        "With appointments the mean wait is about the same as in a walk-in-only hall.",
    ),
    "js.dash.sim.headline.none": (
        "لا يكاد أحد ينتظر في قاعة بلا مواعيد في هذا اليوم، فلا فرق يُقاس.",
        "Hardly anyone waits in a walk-in-only hall on this day: there is no difference to measure.",
    ),
    "js.dash.sim.what_if.shorter": (
        "تغييراتك تقصّر متوسط الانتظار بنسبة {percent} مقارنةً بالخطة.",
        "Your changes shorten the mean wait by {percent} against the plan.",
    ),
    "js.dash.sim.what_if.longer": (
        "تغييراتك تطيل متوسط الانتظار بنسبة {percent} مقارنةً بالخطة.",
        "Your changes lengthen the mean wait by {percent} against the plan.",
    ),
    "js.dash.sim.what_if.same": (
        "تغييراتك لا تكاد تغيّر متوسط الانتظار.",
        "Your changes hardly change the mean wait.",
    ),
    "js.dash.sim.compare_caption": ("السيناريوهات جنبًا إلى جنب", "The scenarios side by side"),
    "js.dash.sim.measure": ("المقياس", "Measure"),
    "js.dash.sim.measure.mean": ("متوسط الانتظار", "Mean wait"),
    "js.dash.sim.measure.p90": ("تسعة من كل عشرة ينتظرون أقل من", "Nine in ten wait less than"),
    "js.dash.sim.measure.max": ("أطول انتظار", "Longest wait"),
    "js.dash.sim.measure.utilisation": ("انشغال الشبابيك", "Counters busy"),
    "js.dash.sim.measure.waiting_at_closing": ("منتظرون عند الإغلاق", "Still waiting at closing"),
    "js.dash.sim.plus_minus": ("{value} (بهامش ± {margin})", "{value} (± {margin})"),
    "dash.sim_queue_heading": ("عدد المنتظرين خلال اليوم", "People waiting through the day"),
    "js.dash.sim.queue_busiest": (
        "أكبر عدد من المنتظرين بالمواعيد كما هو مخطط: نحو {n} عند الساعة {clock}.",
        "Most people waiting as planned: about {n} at {clock}.",
    ),
    "js.dash.sim.queue_empty": (
        "لا يكاد أحد ينتظر بالمواعيد كما هو مخطط في هذا اليوم.",
        "Hardly anyone waits as planned on this day.",
    ),
    "dash.sim_services_heading": ("الانتظار حسب الخدمة", "Waits per service"),
    "js.dash.sim.services_caption": ("الانتظار حسب الخدمة والسيناريو", "Waits per service and scenario"),
    "js.dash.sim.service": ("الخدمة", "Service"),
    "js.dash.sim.scenario": ("السيناريو", "Scenario"),
    "js.dash.sim.p50": ("نصف المنتظرين أقل من", "Half wait less than"),
    "js.dash.sim.p90": ("تسعة من عشرة أقل من", "Nine in ten less than"),
    "js.dash.sim.max": ("الأطول", "Longest"),
    "dash.sim_method": (
        "كل رقم متوسط لأيام كثيرة محاكاة بالأشخاص أنفسهم في كل عمود. يُحسب الانتظار من وقت استحقاق الدور "
        "(الوصول، أو بداية الموعد لمن يأتي مبكرًا) حتى النداء. أعداد الحضور بلا موعد تقديرية حتى تُحسب "
        "من سجل المكتب.",
        "Each figure is a mean over many simulated days with the same people in every column. A wait runs "
        "from when a ticket is due (arrival, or the slot's start for an early arrival) to its call. Walk-ins "
        "are an estimate until they are learnt from the office's records.",
    ),
    "dash.sim_staffing_heading": (
        "الشبابيك المطلوبة مقابل المخطط لها، ساعة بساعة",
        "Counters needed against counters planned, hour by hour",
    ),
    "dash.sim_staffing_soon": (
        "قريبًا هنا: عدد الشبابيك الذي تحتاجه كل ساعة لبلوغ مستوى الخدمة، بجانب عدد الشبابيك المخطط.",
        "Coming here: the counters each hour needs to meet the service level, beside those planned.",
    ),
}
