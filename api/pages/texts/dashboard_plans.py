"""Strings of the manager's dashboard for what the optimiser does: rebalance plans after a
closure, and optimiser runs over pending flexible requests beside first come, first served."""

from __future__ import annotations

DASHBOARD_PLANS: dict[str, tuple[str, str]] = {
    # Rebalance plans
    "dash.rebalance_heading": ("نقل الحجوزات بعد الإغلاق", "Move bookings after a closure"),
    "dash.rebalance_intro": (
        "اعرض أولًا أين ستذهب الحجوزات التي لم تعد تتسع، ثم نفّذ الخطة. "
        "تصل إلى كل صاحب حجز رسالة بموعده الجديد.",
        "Preview where the bookings that no longer fit would go, then apply the plan. Each citizen is "
        "sent their new time.",
    ),
    "dash.plan_from": ("من يوم", "From"),
    "dash.plan_to": ("حتى يوم", "To"),
    "dash.preview": ("معاينة الخطة", "Preview the plan"),
    "js.dash.plan_heading": ("خطة النقل من {from} إلى {to}", "Plan for {from} to {to}"),
    "js.dash.plan_heading_day": ("خطة النقل ليوم {day}", "Plan for {day}"),
    "js.dash.plan.displaced": ("حجوزات لم تعد تتسع", "Bookings that no longer fit"),
    "js.dash.plan.stayed": ("تبقى في مكانها", "Stay where they are"),
    "js.dash.plan.same_day": ("تنتقل إلى وقت آخر في اليوم نفسه", "Move to another time that day"),
    "js.dash.plan.other_day": ("تنتقل إلى يوم آخر في المكتب نفسه", "Move to another day, same office"),
    "js.dash.plan.other_office": ("تنتقل إلى مكتب آخر", "Move to another office"),
    "js.dash.plan.unplaced": ("لا مكان لها، فتُلغى ويُبلَّغ أصحابها", "No place found: cancelled, citizen told"),
    "js.dash.plan_empty": (
        "لا توجد حجوزات تحتاج إلى نقل في هذه الأيام.",
        "No booking needs to move on these days.",
    ),
    "js.dash.moves_heading": ("الحجوزات المنقولة", "Bookings that move"),
    "js.dash.unplaced_heading": ("حجوزات لا مكان لها", "Bookings with no place"),
    "js.dash.col.code": ("كود الحجز", "Booking code"),
    "js.dash.col.service": ("الخدمة", "Service"),
    "js.dash.col.now": ("الموعد الحالي", "Booked for"),
    "js.dash.col.new": ("الموعد الجديد", "New time"),
    "js.dash.col.distance": ("المسافة", "Distance"),
    "js.dash.col.reason": ("السبب", "Why"),
    "js.dash.km": ("{km} كم", "{km} km"),
    "dash.apply": ("تنفيذ الخطة", "Apply the plan"),
    "dash.apply_heading": ("تنفيذ خطة النقل؟", "Apply the plan?"),
    "js.dash.apply_question": (
        "عدد الحجوزات التي ستُنقل: {moves}، وعدد التي ستُلغى: {unplaced}. تصل إلى كل صاحب حجز رسالة "
        "بذلك، ولا يمكن التراجع.",
        "Bookings to move: {moves}; to cancel: {unplaced}. Each citizen is sent a message, and it "
        "cannot be undone.",
    ),
    "dash.apply_confirm": ("نعم، نفّذ الخطة", "Yes, apply it"),
    "js.dash.applied": (
        "نُفِّذت الخطة. حجوزات نُقلت: {moved}، وأُلغيت: {cancelled}، وتُركت لأنها تغيّرت منذ المعاينة: {skipped}.",
        "The plan is applied. Moved: {moved}; cancelled: {cancelled}; left alone because they changed "
        "since the preview: {skipped}.",
    ),
    # Optimiser
    "dash.optimiser_heading": ("توزيع الطلبات المرنة على المواعيد", "Placing flexible requests"),
    "dash.optimiser_intro": (
        "يوزّع المُحسِّن الطلبات المعلّقة على المكاتب والأيام بحيث لا يزدحم مكتب. اعرض أولًا ما سيفعله، ثم "
        "نفّذه إن رأيته مناسبًا؛ لا يُحجز شيء قبل التنفيذ.",
        "The optimiser places pending requests across offices and days so that no office is crowded. "
        "See first what it would do, then book it if it looks right: nothing is booked before.",
    ),
    "dash.optimiser_offices": ("المكاتب المشمولة", "Offices covered"),
    "dash.optimiser_offices_hint": (
        "يُوزَّع الطلب فقط إذا كانت كل المكاتب التي يقبلها صاحبه من اختيارك.",
        "A request is placed only if every office it accepts is among those you choose.",
    ),
    "dash.optimiser_from": ("من يوم", "From"),
    "dash.optimiser_to": ("حتى يوم", "To"),
    "js.dash.whole_window": ("كل أيام الحجز", "The whole booking window"),
    "dash.run": ("معاينة ما سيفعله المُحسِّن", "Preview the run"),
    "dash.progress": ("تقدّم التشغيل", "Progress"),
    "js.dash.error.no_office": ("اختر مكتبًا واحدًا على الأقل.", "Choose at least one office."),
    "js.dash.error.days_backwards": (
        "يجب ألا يسبق يوم النهاية يوم البداية.",
        "The last day must not come before the first.",
    ),
    "js.dash.job.queued": ("ينتظر انتهاء تشغيل آخر…", "Waiting for another run to finish…"),
    "js.dash.job.running": ("جارٍ التشغيل: {phase}", "Running: {phase}"),
    "js.dash.job.done": ("انتهى التشغيل.", "The run is finished."),
    "js.dash.job.preview_done": (
        "اكتملت المعاينة، ولم يُحجز شيء بعد.",
        "The preview is ready; nothing is booked yet.",
    ),
    "js.dash.job.preview_failed": (
        "تعذّر إكمال المعاينة، ولم يُحجز شيء؛ أعد المعاينة.",
        "The preview could not finish, and nothing was booked: preview again.",
    ),
    "js.dash.job.failed": (
        "تعذّر إكمال التشغيل. ما وُزِّع قبل التوقف يبقى، والباقي ما زال معلّقًا؛ شغّل المُحسِّن مرة أخرى.",
        "The run could not finish. What it placed stands and the rest is still pending: run the "
        "optimiser again.",
    ),
    "js.dash.phase.queued": ("في الانتظار", "queued"),
    "js.dash.phase.starting": ("البدء", "starting"),
    "js.dash.phase.loading_requests": ("قراءة الطلبات المعلّقة", "reading the pending requests"),
    "js.dash.phase.grouping_requests": ("تجميع الطلبات المتشابهة", "grouping similar requests"),
    "js.dash.phase.building_network": ("بناء شبكة الاحتمالات", "building the network"),
    "js.dash.phase.finding_the_lowest_peak": ("البحث عن أقل ذروة ممكنة", "finding the lowest peak"),
    "js.dash.phase.solving": ("الحل", "solving"),
    "js.dash.phase.extracting_assignments": ("استخراج المواعيد", "extracting the assignments"),
    "js.dash.phase.bounding": ("حساب الحد الأدنى", "computing the bound"),
    "js.dash.phase.verifying": ("التحقق المستقل من الحل", "checking the solution independently"),
    "js.dash.phase.greedy_baseline": ("حساب التوزيع بالأسبقية للمقارنة", "the first-come baseline"),
    "js.dash.phase.writing_bookings": ("تسجيل الحجوزات", "writing the bookings"),
    "js.dash.phase.placing_again_the_requests_whose_slot_was_taken_meanwhile": (
        "إعادة توزيع طلبات حُجز موعدها في أثناء التشغيل",
        "placing again the requests whose slot was taken meanwhile",
    ),
    "js.dash.phase.preparing_the_preview": ("إعداد المعاينة", "preparing the preview"),
    "js.dash.phase.loading_the_preview": ("قراءة المعاينة", "reading the preview"),
    "js.dash.phase.done": ("انتهى", "done"),
    "js.dash.phase.other": ("العمل جارٍ", "working"),
    "js.dash.result.requests": ("طلبات معلّقة نُظر فيها", "Pending requests considered"),
    "js.dash.result.assigned": ("أُعطيت موعدًا", "Given a time"),
    "js.dash.result.left_pending": ("ما زالت معلّقة", "Still pending"),
    "js.dash.result.unassigned": ("لم يُعطَ موعدًا", "Given no time"),
    "js.dash.reason.no_capacity": (
        "لا مكان متاح في المكاتب والأيام المطلوبة",
        "no free place at the offices and on the days asked for",
    ),
    "js.dash.reason.no_eligible_slot": (
        "المكاتب المطلوبة لا تقدم الخدمة في تلك الأيام",
        "the offices asked for do not offer the service on those days",
    ),
    "js.dash.reason.not_eligible": (
        "الخدمة غير متاحة لنوع هوية صاحب الطلب",
        "the service is not open to the requester's type of identity",
    ),
    "js.dash.reason.duplicate_booking": (
        "لصاحب الطلب حجز قائم لهذه الخدمة",
        "the requester already holds a booking for the service",
    ),
    "js.dash.reason.booking_limit": (
        "لصاحب الطلب ثلاثة حجوزات قائمة",
        "the requester already holds three bookings",
    ),
    "js.dash.reason.window_passed": ("انقضت الأيام المطلوبة", "the days asked for have passed"),
    "js.dash.nothing_pending": (
        "لم يجد المُحسِّن طلبات معلّقة في هذا النطاق.",
        "The optimiser found no pending requests in this scope.",
    ),
    "js.dash.compare_heading": (
        "المُحسِّن مقارنةً بالتوزيع بحسب الأسبقية",
        "Optimiser beside first come, first served",
    ),
    "js.dash.metric": ("المقياس", "Measure"),
    "js.dash.optimiser": ("المُحسِّن", "Optimiser"),
    "js.dash.greedy": ("بحسب الأسبقية", "First come, first served"),
    "js.dash.metric.placed": ("طلبات أُعطيت موعدًا", "Requests placed"),
    "js.dash.metric.peak": ("أعلى إشغال لقاعة في وقت واحد", "Busiest hall at any time"),
    "js.dash.metric.peak_hour": ("أعلى إشغال لقاعة في ساعة", "Busiest hall in any hour"),
    "js.dash.metric.spread": ("تفاوت الإشغال بين القاعات", "Spread of use across halls"),
    "js.dash.metric.distance": ("متوسط المسافة إلى المكتب", "Mean distance to the office"),
    "js.dash.metric.crowding": ("تكلفة الازدحام", "Crowding cost"),
    "js.dash.metric.objective": (
        "التكلفة الكلية (الازدحام وبُعد المواعيد عن رغبات أصحابها)",
        "Total cost (crowding, and how far times are from what was asked)",
    ),
    "js.dash.placed_of": ("{placed} من {requests}", "{placed} of {requests}"),
    "js.dash.peak_reduction": (
        "أعلى إشغال أقل من التوزيع بحسب الأسبقية بنسبة {percent}.",
        "The busiest hall is {percent} lower than with first come, first served.",
    ),
    "js.dash.bound": (
        "لا يمكن لأي توزيع أن تقل تكلفته الكلية عن {bound}، وتكلفة هذا الحل لا تزيد على ذلك إلا بنسبة {gap}.",
        "No placement can cost less than {bound} in total; this one is within {gap} of that.",
    ),
    # What a preview (or a run) does, in words; its measures are under "technical figures"
    "js.dash.job_heading.preview": ("ما سيفعله المُحسِّن إن نُفِّذ", "What the optimiser would do"),
    "js.dash.job_heading.done": ("ما فعله المُحسِّن", "What the optimiser did"),
    "js.dash.summary.placed_would": (
        "عدد الطلبات التي ستحصل على موعد: {placed} من {requests}.",
        "{placed} of {requests} pending requests would get a time.",
    ),
    "js.dash.summary.placed_did": (
        "عدد الطلبات التي حصلت على موعد: {placed} من {requests}، وأُبلغ كل صاحب طلب بموعده.",
        "{placed} of {requests} requests got a time; each citizen was told.",
    ),
    "js.dash.summary.refused_would": (
        "عدد الطلبات التي لن تحصل على موعد: {n}، ويُبلَّغ أصحابها بالسبب.",
        "{n} would get no time; their citizens are told why.",
    ),
    "js.dash.summary.refused_did": (
        "عدد الطلبات التي لم تحصل على موعد: {n}، وأُبلغ أصحابها بالسبب.",
        "{n} got no time; their citizens were told why.",
    ),
    "js.dash.summary.left_pending": (
        "عدد الطلبات التي تبقى معلّقة لأن أيامها تمتد بعد الأيام المختارة: {n}.",
        "{n} stay pending: their days reach beyond the days chosen.",
    ),
    "js.dash.summary.gone": (
        "عدد الطلبات التي أُلغيت أو حُسمت منذ المعاينة فتُركت كما هي: {n}.",
        "{n} were cancelled or settled since the preview and were left alone.",
    ),
    "js.dash.summary.busiest_would": (
        "أكثر القاعات ازدحامًا بعد التوزيع: {office} يوم {day} الساعة {hour}، والمحجوز {booked} من "
        "{capacity} ({percent}).",
        "Busiest hall after the run: {office} on {day} at {hour}, {booked} booked of {capacity} ({percent}).",
    ),
    "js.dash.summary.busiest_did": (
        "أكثر القاعات ازدحامًا بعد التوزيع: {office} يوم {day} الساعة {hour}، والمحجوز {booked} من "
        "{capacity} ({percent}).",
        "Busiest hall after the run: {office} on {day} at {hour}, {booked} booked of {capacity} ({percent}).",
    ),
    "js.dash.summary.against_greedy": (
        "لو وُزِّعت الطلبات بحسب الأسبقية لامتلأت أكثر القاعات ازدحامًا في أكثر ساعاتها بنسبة {greedy}، "
        "أما بالمُحسِّن فبنسبة {ours}.",
        "Placed first come, first served, the busiest hall would be {greedy} full at its busiest hour; "
        "with the optimiser, {ours}.",
    ),
    "js.dash.summary.distance": (
        "يبعد المكتب عن صاحب الطلب {km} في المتوسط.",
        "On average the office is {km} from the citizen.",
    ),
    "dash.where_heading": ("أين ستذهب الطلبات", "Where the requests go"),
    "dash.busiest_heading": ("أكثر ساعة ازدحامًا في كل مكتب", "Each office's busiest hour"),
    "dash.col.office": ("المكتب", "Office"),
    "dash.col.day": ("اليوم", "Day"),
    "dash.col.placed": ("عدد الطلبات", "Requests"),
    "dash.col.busiest_now": ("الآن", "Now"),
    "dash.col.busiest_after": ("بعد التوزيع", "After the run"),
    "js.dash.busiest_cell": (
        "{day}، الساعة {hour}: {booked} من {capacity} ({percent})",
        "{day} at {hour}: {booked} of {capacity} ({percent})",
    ),
    "js.dash.busiest_none": ("لا حجوزات بعد", "Nothing booked yet"),
    "js.dash.apply_preview": ("تنفيذ التوزيع كما عُرض", "Book them as previewed"),
    "dash.optimise_apply_heading": ("تنفيذ التوزيع كما عُرض؟", "Book them as previewed?"),
    "js.dash.optimise_apply_question": (
        "عدد الطلبات التي ستحصل على موعد: {placed}، والتي لن تحصل على موعد: {refused}. تصل إلى كل صاحب "
        "طلب رسالة بذلك، ولا يمكن التراجع.",
        "Requests to get a time: {placed}; to get none: {refused}. Each citizen is sent a message, and it "
        "cannot be undone.",
    ),
    "dash.optimise_apply_confirm": ("نعم، نفّذ التوزيع", "Yes, book them"),
    # How far a rebalance plan's moves go; its own measures behind "technical figures"
    "js.dash.plan_summary.away": (
        "عدد الحجوزات التي تنتقل إلى مكتب آخر: {n}، وأبعدها على مسافة {km}.",
        "{n} move to another office, the furthest {km} away.",
    ),
    "js.dash.plan_summary.same_office": (
        "كل الحجوزات المنقولة تبقى في هذا المكتب (عددها {n}).",
        "Every booking that moves stays at this office ({n}).",
    ),
    "js.dash.plan.travel": ("مجموع مسافات النقل", "Total distance moved"),
    "js.dash.plan.solve_seconds": ("مدة الحساب", "Time to compute"),
    "js.dash.plan.cost": ("تكلفة الخطة", "Plan cost"),
    "js.dash.seconds": ("{s} ث", "{s} s"),
    "js.dash.verified": (
        "تحقّق مدقّق مستقل من الحل: السعة والأيام وأحقية الخدمة.",
        "An independent check verified the solution: capacity, days and eligibility.",
    ),
}
