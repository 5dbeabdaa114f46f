"""Strings of the dashboard's "simulate a day" panel (``staff/_dash_simulation.html`` and
``lib/dashboard-simulation.js``): the day and the what-if changes, the job's progress, the
scenarios side by side, the queue through the day, the waits per service, the staffing advice
(counters needed against planned, hour by hour) and where the inputs came from."""

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
    "dash.sim_staffing_empty": (
        "شغّل المحاكاة لترى هنا عدد الشبابيك الذي تحتاجه كل ساعة لبلوغ مستوى الخدمة، بجانب عدد الشبابيك "
        "المخطط.",
        "Run the simulation to see here the counters each hour needs to meet the service level, beside "
        "those planned.",
    ),
    "dash.sim_staffing_chart": (
        "الشبابيك ساعة بساعة، لكل الخدمات معًا",
        "Counters hour by hour, all services together",
    ),
    "js.dash.sim.staffing_method": (
        "المطلوب: أقل عدد من الشبابيك يكفي لنداء {target} من الناس خلال {within}، بحسب معادلة إرلانغ C "
        "لكل ساعة على حدة. المخطط: متوسط الشبابيك المفتوحة خلال الساعة.",
        "Needed: the fewest counters that call {target} of the people within {within}, by the Erlang C "
        "formula for each hour on its own. Planned: the counters open on average over the hour.",
    ),
    "js.dash.sim.staffing.needed": ("المطلوب", "Needed"),
    "js.dash.sim.staffing.planned": ("المخطط", "Planned"),
    "js.dash.sim.staffing.what_if": ("المخطط مع تغييراتك", "Planned with your changes"),
    "js.dash.sim.staffing_peak": (
        "أكثر ساعة تحتاج إلى شبابيك تبدأ الساعة {clock}، وفيها المطلوب {needed} والمخطط {planned}.",
        "The hour needing most counters starts at {clock}, with {needed} needed and {planned} planned.",
    ),
    "js.dash.sim.staffing_no_need": (
        "لا تحتاج أي ساعة إلى شباك في هذا اليوم.",
        "No hour needs a counter on this day.",
    ),
    "js.dash.sim.staffing_table.planned": ("كما هو مخطط", "As planned"),
    "js.dash.sim.staffing_table.what_if": ("مع تغييراتك", "With your changes"),
    "js.dash.sim.staffing_caption": (
        "الشبابيك المطلوبة والمخطط لها لكل مجموعة خدمات وساعة، {scenario}",
        "Counters needed and planned per service group and hour, {scenario}",
    ),
    "js.dash.sim.staffing_corner": ("الخدمات (المطلوب / المخطط)", "Services (needed / planned)"),
    "js.dash.sim.staffing_cell": (
        "المطلوب {needed}، المخطط {planned}: {status}",
        "{needed} needed, {planned} planned: {status}",
    ),
    "js.dash.sim.status.short": ("ناقص", "Short"),
    "js.dash.sim.status.ok": ("كافٍ", "Enough"),
    "js.dash.sim.status.idle": ("فائض", "To spare"),
    "js.dash.sim.staffing_summary.both": (
        "نقصٌ في الشبابيك خلال {short}، وفائضٌ خلال {idle}.",
        "{short} short of counters, {idle} with counters to spare.",
    ),
    "js.dash.sim.staffing_summary.short": (
        "نقصٌ في الشبابيك خلال {short}، ولا فائض في أي ساعة.",
        "{short} short of counters, none with counters to spare.",
    ),
    "js.dash.sim.staffing_summary.idle": (
        "لا نقص في الشبابيك في أي ساعة، وفائضٌ خلال {idle}.",
        "No hour short of counters; {idle} with counters to spare.",
    ),
    "js.dash.sim.staffing_summary.none": (
        "في كل ساعة ما تحتاجه من الشبابيك، بلا نقص ولا فائض.",
        "Every hour has the counters it needs, and none to spare.",
    ),
    # A count of hours after "خلال" (genitive): ساعتين, not ساعتان.
    "js.dash.sim.hours.one": ("ساعة واحدة", "1 hour"),
    "js.dash.sim.hours.two": ("ساعتين", "2 hours"),
    "js.dash.sim.hours.few": ("{n} ساعات", "{n} hours"),
    "js.dash.sim.hours.many": ("{n} ساعة", "{n} hours"),
    "js.dash.sim.hours.other": ("{n} ساعة", "{n} hours"),
    "js.dash.sim.scenario.walk_in_same_times": (
        "بلا مواعيد، في أوقات مواعيدهم",
        "Walk-in only, at their booked times",
    ),
    "dash.sim_scenario_notes": ("عن سيناريوهَي الحضور بلا مواعيد", "About the two walk-in scenarios"),
    "dash.sim_note_walk_in_fcfs": (
        "الأشخاص أنفسهم، ومن لديه موعد يأتي كما يأتي الزوار بلا موعد عادةً (زحام الصباح كما يظهر في سجل "
        "المكتب)، ويُخدم الجميع بترتيب الوصول. بهذا السيناريو يُقاس الرقم الرئيسي.",
        "The same people, those with a booking arriving as walk-ins do (the morning rush, as the office's "
        "records show it), all served in order of arrival. The headline is measured against this one.",
    ),
    "dash.sim_note_walk_in_same_times": (
        "الأشخاص أنفسهم يصلون في الأوقات التي جاؤوا فيها بمواعيدهم، لكن يُخدمون بترتيب الوصول بلا أولوية "
        "للموعد: يبيّن ما يكسبه توزيع الناس على ساعات اليوم وحده.",
        "The same people arriving when they did with their booking, but served in order of arrival with "
        "no precedence for a booking: what spreading people over the day buys on its own.",
    ),
    "js.dash.sim.inputs.bookings": ("حجوزات اليوم: {n}", "Bookings for the day: {n}"),
    "js.dash.sim.inputs.bookings_expected": (
        "حجوزات اليوم: {n} حتى الآن، و{expected} أخرى يتوقعها التنبؤ",
        "Bookings for the day: {n} made, {expected} more expected by the forecast",
    ),
    "js.dash.sim.inputs.history": (
        "الأرقام مستخلصة من سجل {weeks} ({days}، {tickets})",
        "figures from {weeks} of the office's history ({days}, {tickets})",
    ),
    "js.dash.sim.inputs.priors": (
        "لا سجل للمكتب بعد، فالأرقام تقديرات أولية من دليل الخدمات",
        "no history yet: the figures are the catalogue's first estimates",
    ),
    "js.dash.sim.inputs.no_show": (
        "لا يحضر {share} من أصحاب المواعيد",
        "{share} of people with a booking never come",
    ),
    "js.dash.sim.inputs.early": (
        "متوسط وصولهم قبل الموعد: {minutes}",
        "they come {minutes} early on average",
    ),
    "js.dash.sim.inputs.late": (
        "متوسط تأخرهم عن الموعد: {minutes}",
        "they come {minutes} late on average",
    ),
    "js.dash.sim.inputs.on_time": ("يصلون في موعدهم تقريبًا", "they come about on time"),
    "js.dash.sim.inputs.walk_ins.history_weekday": (
        "{n} بلا موعد، كما في مثل هذا اليوم من الأسبوع",
        "{n}, as on this weekday before",
    ),
    "js.dash.sim.inputs.walk_ins.history_any_day": (
        "{n} بلا موعد، كما في يوم عمل عادي",
        "{n}, as on an ordinary open day",
    ),
    "js.dash.sim.inputs.walk_ins.capacity": (
        "{n} بلا موعد، تقديرًا من وقت الشبابيك المتروك لهم",
        "{n}, estimated from the counter time kept for them",
    ),
    # A count of weeks after "سجل" (genitive): أسبوعين, ٣ أسابيع, ١١ أسبوعًا.
    "js.dash.sim.weeks.one": ("أسبوع واحد", "1 week"),
    "js.dash.sim.weeks.two": ("أسبوعين", "2 weeks"),
    "js.dash.sim.weeks.few": ("{n} أسابيع", "{n} weeks"),
    "js.dash.sim.weeks.many": ("{n} أسبوعًا", "{n} weeks"),
    "js.dash.sim.weeks.other": ("{n} أسبوع", "{n} weeks"),
    "js.dash.sim.open_days.one": ("يوم عمل واحد", "1 open day"),
    "js.dash.sim.open_days.two": ("يوما عمل", "2 open days"),
    "js.dash.sim.open_days.few": ("{n} أيام عمل", "{n} open days"),
    "js.dash.sim.open_days.many": ("{n} يوم عمل", "{n} open days"),
    "js.dash.sim.open_days.other": ("{n} يوم عمل", "{n} open days"),
    "js.dash.sim.tickets.one": ("تذكرة واحدة", "1 ticket"),
    "js.dash.sim.tickets.two": ("تذكرتان", "2 tickets"),
    "js.dash.sim.tickets.few": ("{n} تذاكر", "{n} tickets"),
    "js.dash.sim.tickets.many": ("{n} تذكرة", "{n} tickets"),
    "js.dash.sim.tickets.other": ("{n} تذكرة", "{n} tickets"),
    # After "نحو" (genitive), the word with it: زائرين, ٣ زوار, ٢٩ زائرًا.
    "js.dash.sim.walk_ins.zero": ("لا أحد", "no walk-ins"),
    "js.dash.sim.walk_ins.one": ("نحو زائر واحد", "about 1 walk-in"),
    "js.dash.sim.walk_ins.two": ("نحو زائرين", "about 2 walk-ins"),
    "js.dash.sim.walk_ins.few": ("نحو {n} زوار", "about {n} walk-ins"),
    "js.dash.sim.walk_ins.many": ("نحو {n} زائرًا", "about {n} walk-ins"),
    "js.dash.sim.walk_ins.other": ("نحو {n} زائر", "about {n} walk-ins"),
}
