"""The shared kernel: the few plain-Python things every context speaks of in the same words.

``clock`` (the injected clock), ``errors`` (refusals in English and Arabic, with a stable code),
``geo`` (distances on the Earth), ``governorates`` (Egypt's governorates: codes, names, capitals),
``days`` (the offices' one time zone, ranges of days) and ``time_of_day`` (morning, midday,
afternoon). It sits below every context (``booking``, ``queue_display``, ``planning``, and the
optimiser ``scheduler``), imports none of them, and knows no framework, database or Redis
(import-linter holds both).
"""
