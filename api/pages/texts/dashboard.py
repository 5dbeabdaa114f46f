"""Strings of the manager's dashboard (``/staff/dashboard``): its frame, the live queue (and the
queues no open counter serves), today's figures and charts, the load heatmap and its chart, and
capacity and closures (asked before closing). Rebalance plans and the optimiser have
theirs in ``dashboard_plans``."""

from __future__ import annotations

DASHBOARD: dict[str, tuple[str, str]] = {
    # Frame, log-in and the office picker
    "dash.title": ("لوحة المدير", "Manager's dashboard"),
    "dash.tagline": ("متابعة المكاتب وإدارة السعة", "Your offices, their queues and their capacity"),
    "dash.login_heading": ("تسجيل دخول المدير", "Manager log-in"),
    "dash.login_intro": (
        "سجّل الدخول بحساب المدير لمتابعة مكاتبك وإدارة مواعيدها.",
        "Log in with a manager's account to follow your offices and manage their appointments.",
    ),
    "js.login.manager_role": (
        "هذا الحساب ليس حساب مدير. استخدم حساب مدير أو حساب مسؤول النظام.",
        "This account is not a manager's. Use a manager's or an administrator's account.",
    ),
    "dash.office": ("المكتب", "Office"),
    "dash.nav_label": ("أقسام اللوحة", "Dashboard sections"),
    "dash.nav.queue": ("الطابور الآن", "Queue now"),
    "dash.nav.today": ("أرقام اليوم", "Today"),
    "dash.nav.load": ("ضغط الحجوزات", "Booking load"),
    "dash.nav.capacity": ("السعة والإغلاق", "Capacity"),
    "dash.nav.rebalance": ("نقل الحجوزات", "Move bookings"),
    "dash.nav.optimiser": ("توزيع الطلبات", "Optimiser"),
    "js.dash.signed_in": ("{user} — مدير", "{user} — manager"),
    "js.dash.signed_in_admin": ("{user} — مسؤول النظام", "{user} — administrator"),
    # The queue now
    "dash.queue_heading": ("الطابور الآن", "The queue now"),
    "dash.waiting_total": ("في الانتظار", "Waiting"),
    "dash.at_counters": ("على الشبابيك", "At the counters"),
    "dash.longest_wait": ("أطول انتظار الآن", "Longest wait now"),
    "dash.queue_service": ("الخدمة", "Service"),
    "dash.queue_waiting": ("المنتظرون", "Waiting"),
    "dash.queue_longest": ("أطول انتظار", "Longest wait"),
    "dash.queue_estimate": ("الانتظار المتوقع", "Expected wait"),
    "dash.serving_heading": ("على الشبابيك الآن", "At the counters now"),
    "dash.serving_ticket": ("التذكرة", "Ticket"),
    "dash.serving_counter": ("الشباك", "Counter"),
    "dash.serving_called": ("وقت النداء", "Called at"),
    "js.dash.nobody_serving": ("لا توجد تذاكر على الشبابيك الآن.", "No ticket is at a counter now."),
    "dash.unserved_heading": (
        "مواطنون ينتظرون خدمة لا يقدمها الآن أي شباك مفتوح",
        "People are waiting for a service no open counter serves",
    ),
    "js.dash.unserved": (
        "عدد المنتظرين لخدمة «{service}»: {n}، ولا يوجد شباك مفتوح يقدمها الآن.",
        "{n} people are waiting for {service}, and no open counter serves it.",
    ),
    "js.dash.unserved_one": (
        "عدد المنتظرين لخدمة «{service}»: {n}، ولا يوجد شباك مفتوح يقدمها الآن.",
        "{n} person is waiting for {service}, and no open counter serves it.",
    ),
    "dash.unserved_hint": (
        "افتح شباكًا يقدم هذه الخدمة، أو أضفها إلى خدمات شباك مفتوح من شاشة الشباك.",
        "Open a counter that serves it, or add it to an open counter's services at the counter console.",
    ),
    "js.dash.no_counter_open": ("لا يوجد شباك مفتوح", "No counter open"),
    "js.dash.less_than_a_minute": ("أقل من دقيقة", "Under a minute"),
    # Today in figures
    "dash.today_heading": ("أرقام اليوم", "Today in figures"),
    "dash.served": ("تمت خدمتهم", "Served"),
    "dash.no_show": ("لم يحضروا", "Did not come"),
    "dash.average_wait": ("متوسط الانتظار", "Average wait"),
    "dash.average_service": ("متوسط مدة الخدمة", "Average service time"),
    "dash.today_note": (
        "الانتظار من الوصول إلى أول نداء، ومدة الخدمة من بدئها إلى إنهائها.",
        "Wait: from arrival to the first call. Service time: from start to completion.",
    ),
    # Today hour by hour: two charts, a sentence each, and the table of the numbers
    "dash.served_chart_heading": ("من خُدموا في كل ساعة", "Served each hour"),
    "dash.wait_chart_heading": ("متوسط الانتظار بحسب ساعة الوصول", "Average wait by hour of arrival"),
    "js.dash.served_chart_most": (
        "أكثر الساعات خدمةً الساعة {hour}، وعدد من خُدموا فيها {n}.",
        "Most served in one hour: {n}, at {hour}.",
    ),
    "js.dash.served_chart_none": ("لم تكتمل خدمة أحد اليوم بعد.", "Nobody has been served yet today."),
    "js.dash.wait_chart_longest": (
        "أطول متوسط انتظار {wait}، لمن وصلوا الساعة {hour}.",
        "Longest average wait: {wait}, for those who arrived at {hour}.",
    ),
    "js.dash.wait_chart_none": ("لم يُنادَ أحد اليوم بعد.", "Nobody has been called yet today."),
    "js.dash.series.served": ("من خُدموا", "Served"),
    "js.dash.series.wait": ("متوسط الانتظار بالدقائق", "Average wait in minutes"),
    "dash.hours_details": ("الأرقام ساعة بساعة", "The figures hour by hour"),
    "dash.hours_hour": ("الساعة", "Hour"),
    "dash.hours_arrived": ("وصلوا", "Arrived"),
    "dash.hours_wait": ("متوسط انتظار من وصلوا", "Average wait of those arriving"),
    "js.dash.hours_empty": ("لا توجد تذاكر اليوم بعد.", "No tickets today yet."),
    # Load heatmap
    "dash.load_heading": ("ضغط الحجوزات في الأيام القادمة", "Booking load in the coming days"),
    "dash.load_intro": (
        "المحجوز من السعة في كل ساعة، لكل مكتب من مكاتبك. اللون يساعد العين، والأرقام هي المرجع.",
        "Booked against capacity for each hour at each of your offices. The colour helps the eye; "
        "the numbers are what counts.",
    ),
    "dash.load_from": ("من يوم", "From"),
    "dash.load_days": ("المدة", "Period"),
    "dash.load_week": ("أسبوع", "One week"),
    "dash.load_fortnight": ("أسبوعان", "Two weeks"),
    "dash.legend": ("دليل الألوان", "Key"),
    "dash.legend.empty": ("لا حجوزات", "Nothing booked"),
    "dash.legend.low": ("أقل من النصف", "Under half full"),
    "dash.legend.mid": ("من النصف إلى ٨٥٪", "Half to 85% full"),
    "dash.legend.high": ("أكثر من ٨٥٪", "Over 85% full"),
    "dash.legend.over": ("فوق السعة", "Over capacity"),
    "dash.legend.closed": ("مغلق", "Closed"),
    "js.dash.load_caption": (
        "المحجوز / السعة في كل ساعة. لا تظهر الأيام التي تُغلق فيها كل المكاتب دون حجوزات.",
        "Booked / capacity per hour. Days on which every office is closed with nothing booked are left out.",
    ),
    "js.dash.load_office": ("المكتب", "Office"),
    "js.dash.load_total": ("اليوم كله", "Whole day"),
    "js.dash.cell": ("{booked} محجوز من {capacity}", "{booked} booked of {capacity}"),
    "js.dash.cell_over": (
        "{booked} محجوز من {capacity} — فوق السعة",
        "{booked} booked of {capacity}: over capacity",
    ),
    "js.dash.closed": ("مغلق", "Closed"),
    "js.dash.closed_booked": ("مغلق — حجوزات قائمة: {booked}", "Closed: {booked} still booked"),
    "js.dash.no_load": ("لا توجد أيام عمل في هذه الفترة.", "No working days in this period."),
    "dash.today_table_label": ("أرقام اليوم لكل خدمة، جدول", "Today's figures by service, table"),
    "dash.load_table_label": ("جدول الحجوزات ساعة بساعة", "Bookings hour by hour, table"),
    "dash.satisfaction_table_label": ("جدول رضا المواطنين أسبوعًا بأسبوع", "Satisfaction week by week, table"),
    "dash.load_chart_heading": ("نسبة الإشغال ساعة بساعة", "How full, hour by hour"),
    "dash.load_chart_day": ("اليوم المعروض في الرسم", "Day in the chart"),
    "js.dash.load_chart_busiest": (
        "أكثر الساعات ازدحامًا يوم {day}: {office} الساعة {hour}، والمحجوز {booked} من "
        "{capacity} ({percent}).",
        "Busiest on {day}: {office} at {hour}, {booked} booked of {capacity} ({percent}).",
    ),
    "js.dash.load_chart_empty": ("لا حجوزات يوم {day} بعد.", "Nothing is booked on {day} yet."),
    # Capacity and closures
    "dash.capacity_heading": ("السعة والإغلاق", "Capacity and closures"),
    "dash.close_heading": ("إغلاق المكتب أو شباك", "Close the office or a counter"),
    "dash.close_what": ("ما الذي يُغلق؟", "What closes?"),
    "dash.close_office": ("المكتب كله", "The whole office"),
    "dash.close_one_counter": ("شباك واحد", "One counter"),
    "dash.close_when": ("متى؟", "When?"),
    "dash.close_whole_day": ("اليوم كله", "The whole day"),
    "dash.close_some_hours": ("بعض الساعات", "Some hours"),
    "dash.close_day": ("اليوم", "Day"),
    "dash.close_counter": ("الشباك", "Counter"),
    "dash.close_from": ("من الساعة", "From"),
    "dash.close_to": ("حتى الساعة", "Until"),
    "dash.reason_ar": ("السبب بالعربية", "Reason in Arabic"),
    "dash.reason_en": ("السبب بالإنجليزية", "Reason in English"),
    "dash.reason_hint": (
        "اكتب السبب بلغة واحدة على الأقل إذا كان الإغلاق سيمس حجوزات قائمة؛ فهو يُكمل جملة «تم تغيير موعد "
        "حجزك بسبب …» في رسالة كل من يُنقل حجزه، مثل: «أعمال صيانة».",
        "Needed, in at least one language, when the closure affects bookings: it completes “your booking "
        "has moved because …” in each citizen's message, e.g. “the hall is being repaired”.",
    ),
    "js.dash.error.reason_needed": (
        "اكتب سبب الإغلاق بالعربية أو بالإنجليزية: عدد حجوزات ذلك اليوم التي لن تتسع بعده {n}، ويُبلَّغ "
        "كل صاحب حجز يُنقل موعده بالسبب.",
        "Give the reason, in Arabic or English: {n} of that day's bookings would no longer fit, and each "
        "citizen whose booking moves is told why.",
    ),
    "dash.close_submit": ("إغلاق", "Close"),
    # Asked before closing: what closes, and what it does to the day's bookings
    "js.dash.close_question.office_day": ("إغلاق المكتب كله يوم {day}؟", "Close the whole office on {day}?"),
    "js.dash.close_question.office_hours": (
        "إغلاق المكتب كله يوم {day} من {from} إلى {to}؟",
        "Close the whole office on {day} from {from} to {to}?",
    ),
    "js.dash.close_question.counter_day": (
        "إغلاق {counter} طوال يوم {day}؟",
        "Close {counter} all day on {day}?",
    ),
    "js.dash.close_question.counter_hours": (
        "إغلاق {counter} يوم {day} من {from} إلى {to}؟",
        "Close {counter} on {day} from {from} to {to}?",
    ),
    "js.dash.close_impact": (
        "عدد حجوزات ذلك اليوم التي لن تتسع بعد الإغلاق: {n}. تعرض بعده خطة لنقلها، ويُبلَّغ كل صاحب حجز "
        "بموعده الجديد.",
        "{n} of that day's bookings will no longer fit. Next you preview a plan to move them, and each "
        "citizen is sent their new time.",
    ),
    "js.dash.close_impact_fits": (
        "كل حجوزات ذلك اليوم تتسع بعد الإغلاق (عددها {n})، فلا يُنقل أحد.",
        "Every booking that day still fits ({n}): nobody is moved.",
    ),
    "js.dash.close_impact_none": (
        "لا توجد حجوزات في ذلك اليوم، فلا يتأثر أحد.",
        "Nothing is booked that day, so nobody is affected.",
    ),
    "js.dash.close_reason_told": (
        "السبب الذي يُبلَّغ به أصحاب الحجوزات: «{reason}».",
        "The reason citizens are told: “{reason}”.",
    ),
    "dash.close_confirm": ("نعم، أغلق", "Yes, close"),
    "js.dash.closed_notice": (
        "تم الإغلاق. حجوزات لم تعد تتسع: {n}. اعرض خطة لنقلها.",
        "Closed. Bookings that no longer fit: {n}. Preview a plan to move them.",
    ),
    "js.dash.closed_fits": (
        "تم الإغلاق، وكل الحجوزات القائمة ما زالت تتسع.",
        "Closed; every booking still fits.",
    ),
    "js.dash.preview_that_day": ("معاينة خطة النقل", "Preview the plan"),
    "dash.closures_heading": ("الإغلاقات القادمة", "Coming closures"),
    "dash.closure_day": ("اليوم", "Day"),
    "dash.closure_what": ("ما يُغلق", "What"),
    "dash.closure_hours": ("الوقت", "When"),
    "dash.closure_reason": ("السبب", "Reason"),
    "js.dash.no_closures": ("لا توجد إغلاقات قادمة.", "No closures coming up."),
    "js.dash.closure_office": ("المكتب كله", "The whole office"),
    "js.dash.closure_all_day": ("اليوم كله", "All day"),
    "js.dash.closure_hours": ("من {from} إلى {to}", "{from} to {to}"),
    "js.dash.reopen": ("إعادة الفتح", "Reopen"),
    "js.dash.reopen_day": ("إعادة فتح يوم {day}", "Reopen {day}"),
    "js.dash.reopened": ("أُعيد فتح يوم {day}.", "{day} is open again."),
    "dash.actions": ("إجراءات", "Actions"),
    "dash.counters_heading": ("الشبابيك", "Counters"),
    "dash.counter_label": ("الشباك", "Counter"),
    "dash.counter_services": ("الخدمات", "Services"),
    "dash.counter_state": ("الحالة", "State"),
    "js.dash.counter_active": ("يعمل", "In service"),
    "js.dash.counter_inactive": ("متوقف", "Out of service"),
    "js.dash.edit": ("تعديل", "Edit"),
    "js.dash.edit_counter": ("تعديل الشباك {label}", "Edit counter {label}"),
    "dash.counter_dialog_intro": (
        "ينطبق التغيير من اليوم على كل المواعيد القادمة؛ الحجوزات التي لا تتسع بعده تحتاج إلى خطة نقل.",
        "The change applies from today to every coming day; bookings that no longer fit need a plan "
        "to move them.",
    ),
    "dash.counter_active_label": (
        "الشباك يعمل ويُحتسب في السعة",
        "The counter is in service and counts towards capacity",
    ),
    "dash.counter_services_legend": ("الخدمات التي يقدمها", "Services it offers"),
    "dash.save": ("حفظ", "Save"),
    "js.dash.counter_saved": (
        "حُفظ {counter}. حجوزات لم تعد تتسع: {n}.",
        "{counter} saved. Bookings that no longer fit: {n}.",
    ),
    "js.dash.counter_saved_fits": (
        "حُفظ {counter}، وكل الحجوزات ما زالت تتسع.",
        "{counter} saved; every booking still fits.",
    ),
    "js.dash.error.no_service": ("اختر خدمة واحدة على الأقل.", "Choose at least one service."),
    # The optimiser's and the plans' own measures, behind a toggle
    "dash.technical_details": ("الأرقام الفنية", "Technical figures"),
}
