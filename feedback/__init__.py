"""After the visit: a citizen says how it went, and the office's manager sees how it is judged.

When a counter completes a ticket that came from a booking, the citizen gets a single-use link
(``/feedback/{token}``, valid ``MAWID_FEEDBACK_DAYS``): a rating from 1 to 5 and an optional
comment. Answers keep no identity and no mobile: an office, a service, an ISO week, the rating and
the comment with any run of digits masked. The manager reads the satisfied share (4 or 5) per
service and week, the number of answers and the latest comments.

Pure rules: ``invitations`` (the token, its validity), ``answers`` (what is kept of an answer),
``summary`` (the figures), ``messages`` (every sentence, both languages). Persistence: ``store``.
"""
