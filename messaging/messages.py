"""Every sentence messaging writes itself, in English and Arabic (the messages' own texts are the
posting context's)."""

from __future__ import annotations

from kernel.messages import Catalogue

MESSAGES = Catalogue(
    "messaging",
    {
        "email.subject": ("Mawid: about your appointment", "موعد: بخصوص موعدك"),
    },
)
