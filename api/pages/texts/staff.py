"""Strings of the staff pages: logging in (kiosk and counter) and the counter console
(``/staff/counter``)."""

from __future__ import annotations

STAFF: dict[str, tuple[str, str]] = {
    # Logging in, on the kiosk and the counter console
    "login.username": ("اسم المستخدم", "Username"),
    "login.password": ("كلمة المرور", "Password"),
    "login.submit": ("تسجيل الدخول", "Log in"),
    "js.login.busy": ("جارٍ تسجيل الدخول…", "Logging in…"),
    "js.login.wrong": ("اسم المستخدم أو كلمة المرور غير صحيحة.", "Wrong username or password."),
    "js.login.kiosk_role": (
        "هذا الحساب لا يُصدر تذاكر في هذا المكتب. استخدم حساب جهاز الخدمة الذاتية الخاص به.",
        "This account cannot issue tickets at this office. Use the office's kiosk account.",
    ),
    "js.login.counter_role": (
        "هذا الحساب ليس لموظفي الشبابيك. استخدم حساب موظف أو مدير.",
        "This account is not for counter staff. Use an agent's or a manager's account.",
    ),
    "js.login.expired": (
        "انتهت الجلسة. سجّل الدخول مرة أخرى.",
        "Your session has ended. Log in again.",
    ),
    "staff.logout": ("تسجيل الخروج", "Log out"),
    # Counter console: choosing the desk
    "counter.title": ("شباك الخدمة", "Counter console"),
    "counter.tagline": ("لوحة موظف الشباك", "For counter staff"),
    "counter.login_heading": ("تسجيل دخول موظف الشباك", "Counter staff log-in"),
    "counter.login_intro": (
        "سجّل الدخول بحسابك، ثم اختر المكتب والشباك الذي تعمل عليه.",
        "Log in with your account, then choose the office and the counter you work at.",
    ),
    "counter.setup_heading": ("اختر الشباك", "Choose your counter"),
    "counter.office": ("المكتب", "Office"),
    "counter.counter_legend": ("الشباك الذي تعمل عليه", "The counter you work at"),
    "js.counter.label": ("شباك {label}", "Counter {label}"),
    "counter.start": ("ابدأ العمل على هذا الشباك", "Work at this counter"),
    "js.error.choose_counter": ("اختر الشباك أولًا.", "Choose a counter first."),
    "counter.change": ("تغيير الشباك", "Change counter"),
    # Counter console: the desk
    "counter.status_legend": ("حالة الشباك", "Counter status"),
    "js.counter.status.open": ("مفتوح", "Open"),
    "js.counter.status.paused": ("متوقف مؤقتًا", "Paused"),
    "js.counter.status.closed": ("مغلق", "Closed"),
    "counter.open": ("فتح", "Open"),
    "counter.pause": ("إيقاف مؤقت", "Pause"),
    "counter.close": ("إغلاق", "Close"),
    "counter.current": ("التذكرة الحالية", "Current ticket"),
    "counter.none": (
        "لا توجد تذكرة على الشباك. اضغط «نداء التالي» عندما تكون جاهزًا.",
        "No ticket at the counter. Press “Call next” when you are ready.",
    ),
    "counter.call_next": ("نداء التالي", "Call next"),
    "counter.recall": ("إعادة النداء", "Call again"),
    "counter.start_service": ("بدء الخدمة", "Start"),
    "counter.complete": ("إنهاء الخدمة", "Complete"),
    "counter.no_show": ("عدم الحضور", "Did not come"),
    "counter.park": ("تأجيل: ليس هنا الآن", "Park: not here now"),
    "counter.transfer": ("تحويل", "Transfer"),
    "counter.shortcuts": (
        "اختصارات لوحة المفاتيح: N نداء التالي، R إعادة النداء، S بدء الخدمة، D إنهاء الخدمة، "
        "P تأجيل، X عدم الحضور، T تحويل، Esc تراجع عن عدم الحضور.",
        "Keyboard: N call next, R call again, S start, D complete, P park, X did not come, T transfer, "
        "Esc undo “did not come”.",
    ),
    "counter.actions": ("أوامر التذكرة", "Ticket actions"),
    "counter.undo": ("تراجع", "Undo"),
    # "Did not come": only after the citizen had a fair chance (queue_display.no_show), with undo
    "js.counter.no_show_wait.both": (
        "يتاح «عدم الحضور» بعد إعادة النداء {times} ومن الساعة {time} (أُعيد النداء حتى الآن: {n}).",
        "“Did not come” is possible after calling again {times} and from {time} (called again so far: {n}).",
    ),
    "js.counter.no_show_wait.recalls": (
        "يتاح «عدم الحضور» بعد إعادة النداء {times} (أُعيد النداء حتى الآن: {n}).",
        "“Did not come” is possible after calling again {times} (called again so far: {n}).",
    ),
    "js.counter.no_show_wait.time": (
        "يتاح «عدم الحضور» من الساعة {time}.",
        "“Did not come” is possible from {time}.",
    ),
    "js.counter.times.1": ("مرة واحدة", "once"),
    "js.counter.times.2": ("مرتين", "twice"),
    "js.counter.times.few": ("{n} مرات", "{n} times"),
    "js.counter.times.other": ("{n} مرة", "{n} times"),
    "js.counter.no_show_pending": (
        "سيُسجَّل عدم الحضور للتذكرة {number} بعد ثوانٍ؛ اضغط «تراجع» (Esc) لإلغاء ذلك.",
        "Ticket {number} will be marked as not having come in a few seconds; press Undo (Esc) to keep it.",
    ),
    "js.counter.no_show_soon": (
        "سيُسجَّل عدم الحضور للتذكرة {number}",
        "Ticket {number} will be marked as not having come",
    ),
    "js.counter.no_show_countdown": ("خلال {n} ث", "in {n} s"),
    "js.counter.no_show_undone": (
        "لم يُسجَّل عدم الحضور؛ التذكرة {number} ما زالت على الشباك.",
        "Not marked: ticket {number} is still at the counter.",
    ),
    # Nobody serves what people wait for (queue_display.coverage.unserved), on the consoles of
    # the counters that could serve it
    "js.counter.unserved.one": (
        "شخص واحد ينتظر «{service}»، ولا يوجد شباك مفتوح يقدّم هذه الخدمة.",
        "1 person waits for “{service}”, and no open counter serves it.",
    ),
    "js.counter.unserved.two": (
        "شخصان ينتظران «{service}»، ولا يوجد شباك مفتوح يقدّم هذه الخدمة.",
        "Two people wait for “{service}”, and no open counter serves it.",
    ),
    "js.counter.unserved.few": (
        "{n} أشخاص ينتظرون «{service}»، ولا يوجد شباك مفتوح يقدّم هذه الخدمة.",
        "{n} people wait for “{service}”, and no open counter serves it.",
    ),
    "js.counter.unserved.many": (
        "{n} شخصًا ينتظرون «{service}»، ولا يوجد شباك مفتوح يقدّم هذه الخدمة.",
        "{n} people wait for “{service}”, and no open counter serves it.",
    ),
    "js.counter.unserved.other": (
        "{n} شخص ينتظرون «{service}»، ولا يوجد شباك مفتوح يقدّم هذه الخدمة.",
        "{n} people wait for “{service}”, and no open counter serves it.",
    ),
    "js.counter.unserved_here": (
        "هذا الشباك يقدّم هذه الخدمة: افتحه لخدمتهم.",
        "This counter serves it: open it to serve them.",
    ),
    # A booking of several services: one ticket going from counter to counter under one number
    "js.counter.after.one": (
        "يتبقى لهذه التذكرة خدمة أخرى بعد هذه: {services}",
        "1 more service after this: {services}",
    ),
    "js.counter.after.two": (
        "يتبقى لهذه التذكرة خدمتان بعد هذه: {services}",
        "2 more services after this: {services}",
    ),
    "js.counter.after.few": (
        "يتبقى لهذه التذكرة {n} خدمات بعد هذه: {services}",
        "{n} more services after this: {services}",
    ),
    "js.counter.after.many": (
        "يتبقى لهذه التذكرة {n} خدمة بعد هذه: {services}",
        "{n} more services after this: {services}",
    ),
    "js.counter.after.other": (
        "يتبقى لهذه التذكرة {n} خدمة بعد هذه: {services}",
        "{n} more services after this: {services}",
    ),
    "js.counter.after_then": ("، ثم ", ", then "),
    # Several people, one appointment: one ticket, served in turn at this counter
    "counter.people": ("الأشخاص في هذه التذكرة", "People on this ticket"),
    "js.counter.party.one": ("×{n}: شخص واحد", "×{n} person"),
    "js.counter.party.two": (
        "×{n}: شخصان، يُخدمان واحدًا تلو الآخر",
        "×{n} people, served one after the other",
    ),
    "js.counter.party.few": (
        "×{n}: {n} أشخاص، يُخدمون واحدًا تلو الآخر",
        "×{n} people, served one after the other",
    ),
    "js.counter.party.many": (
        "×{n}: {n} شخصًا، يُخدمون واحدًا تلو الآخر",
        "×{n} people, served one after the other",
    ),
    "js.counter.party.other": (
        "×{n}: {n} شخص، يُخدمون واحدًا تلو الآخر",
        "×{n} people, served one after the other",
    ),
    "js.counter.last4": ("رقم هويته ينتهي بـ {last4}", "identity ending {last4}"),
    "js.counter.moved_on": (
        "انتهت خدمة التذكرة {number} هنا، وهي الآن في انتظار «{service}».",
        "Ticket {number} is done here and now waits for “{service}”.",
    ),
    "js.ticket.kind.appointment": ("بموعد", "Appointment"),
    "js.ticket.kind.walk_in": ("بدون موعد", "Walk-in"),
    "js.ticket.status.called": ("تم النداء، في انتظار الحضور", "Called, waiting for the visitor"),
    "js.ticket.status.serving": ("جارٍ تقديم الخدمة", "Being served"),
    "js.ticket.priority.elderly": ("أولوية: كبار السن", "Priority: aged 60 or over"),
    "js.ticket.priority.disability": ("أولوية: ذوو الإعاقة", "Priority: disability"),
    "js.ticket.priority.pregnancy": ("أولوية: سيدة حامل", "Priority: pregnancy"),
    "js.ticket.called_at": ("نودي الساعة {time}", "Called at {time}"),
    "js.ticket.recalls": ("مرات إعادة النداء: {n} من ٣", "Called again {n} of 3 times"),
    "js.ticket.booking": ("كود الحجز {code}", "Booking {code}"),
    "counter.documents": ("المستندات المطلوبة لهذه الخدمة", "Documents this service needs"),
    "counter.waiting": ("في الانتظار لخدمات هذا الشباك", "Waiting for this counter's services"),
    "counter.waiting_service": ("الخدمة", "Service"),
    "counter.waiting_count": ("العدد", "People"),
    "counter.waiting_estimate": ("الانتظار المتوقع", "Expected wait"),
    "counter.waiting_total": ("الإجمالي", "Total"),
    "js.counter.no_counter_open": ("لا يوجد شباك مفتوح", "No counter open"),
    "js.counter.live": ("مباشر", "Live"),
    "js.counter.stale": (
        "انقطع الاتصال؛ قد لا تكون أعداد المنتظرين محدَّثة. جارٍ إعادة الاتصال…",
        "Disconnected: the waiting figures may be out of date. Reconnecting…",
    ),
    "js.counter.connecting": ("جارٍ الاتصال…", "Connecting…"),
    "js.counter.called": ("تم نداء التذكرة {number}.", "Ticket {number} called."),
    "js.counter.nobody": (
        "لا توجد تذكرة حان دورها لخدمات هذا الشباك الآن؛ تذاكر المواعيد تنتظر حتى يحين موعدها.",
        "No ticket for this counter's services is due yet; appointment tickets wait for their time.",
    ),
    "js.counter.parked": (
        "أُجِّلت التذكرة {number}: يمكن لصاحبها العودة إلى الطابور من جهاز التذاكر.",
        "Ticket {number} is parked: its holder can get back in line at the kiosk.",
    ),
    "js.counter.recalled": ("أُعيد نداء التذكرة {number}.", "Ticket {number} called again."),
    "js.counter.started": ("بدأت خدمة التذكرة {number}.", "Serving ticket {number}."),
    "js.counter.completed": ("انتهت خدمة التذكرة {number}.", "Ticket {number} is done."),
    "js.counter.no_show": (
        "سُجِّل عدم الحضور للتذكرة {number}.",
        "Ticket {number} is marked as not having come.",
    ),
    "js.counter.transferred": (
        "حُوِّلت التذكرة {number} إلى «{service}» وعادت إلى مكانها في الدور.",
        "Ticket {number} moved to “{service}”, keeping its place in the queue.",
    ),
    "js.counter.status_changed": ("حالة الشباك الآن: {status}.", "The counter is now {status}."),
    "counter.transfer_heading": ("تحويل التذكرة إلى خدمة أخرى", "Transfer the ticket to another service"),
    "counter.transfer_intro": (
        "تحتفظ التذكرة برقمها ومكانها في الدور، وتُنادى من شباك يقدّم الخدمة الجديدة.",
        "The ticket keeps its number and its place, and is called by a counter that offers the new service.",
    ),
    "counter.transfer_service": ("الخدمة الجديدة", "New service"),
    "counter.transfer_confirm": ("تحويل", "Transfer"),
    "counter.cancel": ("إلغاء", "Cancel"),
}
